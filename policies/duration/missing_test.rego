package mlint.rules.duration.missing_test

import data.mlint.rules.duration.missing

milestone(d) := {
	"heading": "Phase 1: Research", "kind": "phase", "line": 3,
	"span": {"start": 10, "end": 32}, "duration": d,
}

ongoing := {
	"text": "Ongoing", "min_days": null, "max_days": null, "ongoing": true,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 47, "end": 54},
}

test_a_milestone_without_duration_is_reported if {
	found := missing.report with input as {"milestones": [milestone(null)]}
	found == {{"message": "phase `Phase 1: Research` states no duration", "line": 3, "span": {"start": 10, "end": 32}}}
}

test_a_stated_duration_passes if {
	d := object.union(ongoing, {"text": "1-2 weeks", "min_days": 7, "max_days": 14, "ongoing": false})
	count(missing.report) == 0 with input as {"milestones": [milestone(d)]}
}

test_an_unreadable_duration_is_left_to_unparseable if {
	d := object.union(ongoing, {"text": "TBD", "ongoing": false, "placeholder": true})
	count(missing.report) == 0 with input as {"milestones": [milestone(d)]}
}

test_ongoing_passes_by_default if {
	count(missing.report) == 0 with input as {"milestones": [milestone(ongoing)]}
}

test_ongoing_is_reported_when_not_accepted if {
	found := missing.report with input as {"milestones": [milestone(ongoing)]}
		with data.mlint.config.duration.accept_ongoing as false
	found == {{
		"message": "phase `Phase 1: Research` lasts `Ongoing`: ongoing is not a duration here",
		"line": 4, "span": {"start": 47, "end": 54},
	}}
}
