package mlint.rules.duration.inverted_range_test

import data.mlint.rules.duration.inverted_range

milestone(durations) := {
	"heading": "Phase 2: Build", "kind": "phase", "line": 3,
	"span": {"start": 10, "end": 30}, "durations": durations,
}

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 45, "end": 54},
}

test_inverted_range_is_reported if {
	findings := inverted_range.report with input as {"milestones": [milestone([duration("6-2 weeks", 42, 14)])]}
	findings == {{
		"message": "phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound",
		"line": 4, "span": {"start": 45, "end": 54},
	}}
}

test_ordered_range_passes if {
	count(inverted_range.report) == 0 with input as {"milestones": [milestone([duration("2-6 weeks", 14, 42)])]}
}

test_unreadable_duration_is_left_to_other_rules if {
	count(inverted_range.report) == 0 with input as {"milestones": [milestone([duration("TBD", null, null)])]}
}
