package mlint.rules.duration.wide_range_test

import data.mlint.rules.duration.wide_range

milestone(d) := {"heading": "Phase 3: Core", "kind": "phase", "line": 3, "span": {"start": 10, "end": 26}, "duration": d}

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 41, "end": 50},
}

messages(d) := {f.message | some f in found} if {
	found := wide_range.report with input as {"milestones": [milestone(d)]}
}

test_a_wide_range_is_reported if {
	found := wide_range.report with input as {"milestones": [milestone(duration("1-8 weeks", 7, 56))]}
	found == {{
		"message": "phase `Phase 3: Core` lasts `1-8 weeks`: the upper bound is 8 times the lower, more than 3",
		"line": 4, "span": {"start": 41, "end": 50},
	}}
}

test_a_fractional_ratio_is_rounded if {
	messages(duration("2-7 days", 2, 7)) == {"phase `Phase 3: Core` lasts `2-7 days`: the upper bound is 3.5 times the lower, more than 3"}
}

test_exactly_the_ratio_passes if {
	count(messages(duration("1-3 weeks", 7, 21))) == 0
	count(messages(duration("2 weeks", 14, 14))) == 0
}

test_the_ratio_comes_from_the_configuration if {
	msgs := messages(duration("1-3 weeks", 7, 21)) with data.mlint.config.duration.wide_range_ratio as 2
	msgs == {"phase `Phase 3: Core` lasts `1-3 weeks`: the upper bound is 3 times the lower, more than 2"}
}

test_zero_inverted_and_ongoing_are_skipped if {
	count(messages(duration("0-3 months", 0, 90))) == 0
	count(messages(duration("8-1 weeks", 56, 7))) == 0
	count(messages(object.union(duration("Ongoing", null, null), {"ongoing": true}))) == 0
}
