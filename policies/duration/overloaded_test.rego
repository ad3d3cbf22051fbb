package mlint.rules.duration.overloaded_test

import data.mlint.rules.duration.overloaded

items(n, depth) := [{"text": sprintf("Item %d", [i]), "checked": false, "depth": depth, "line": 10 + i, "span": {"start": i, "end": i + 1}} |
	some i in numbers.range(1, n)
]

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 40, "end": 46},
}

milestone(d, criteria, deliverables) := {
	"heading": "Sprint 1: Quick Win", "kind": "sprint", "line": 3, "span": {"start": 10, "end": 32}, "duration": d,
	"sections": {
		"success_criteria": {"label": "Success Criteria", "line": 6, "span": {"start": 50, "end": 66}, "items": criteria},
		"deliverables": {"label": "Deliverables", "line": 8, "span": {"start": 70, "end": 82}, "items": deliverables},
	},
}

# The tests judge against the strict preset's minimum of 5 items.
messages(m) := {f.message | some f in found} if {
	found := overloaded.report with input as {"milestones": [m]}
		with data.mlint.config.duration.min_items as 5
}

test_by_default_ten_items_always_fit if {
	count(overloaded.report) == 0 with input as {"milestones": [milestone(duration("1 day", 1, 1), items(5, 0), items(5, 0))]}
	count(overloaded.report) == 1 with input as {"milestones": [milestone(duration("1 day", 1, 1), items(6, 0), items(5, 0))]}
}

test_finished_milestones_are_not_judged if {
	done := object.union(milestone(duration("1 day", 1, 1), items(6, 0), items(5, 0)), {"status": "done"})
	count(overloaded.report) == 0 with input as {"milestones": [done]}
}

test_too_many_items_for_a_short_duration_are_reported if {
	found := overloaded.report with input as {"milestones": [milestone(duration("2 days", 2, 2), items(3, 0), items(3, 0))]}
		with data.mlint.config.duration.min_items as 5
	found == {{
		"message": "sprint `Sprint 1: Quick Win` has 6 success criteria and deliverables for `2 days`: more than 5",
		"line": 3, "span": {"start": 10, "end": 32},
	}}
}

test_the_minimum_allowance_passes if {
	count(messages(milestone(duration("2 days", 2, 2), items(2, 0), items(3, 0)))) == 0
}

test_the_allowance_grows_with_the_upper_bound if {
	# 1-2 weeks: 10 per week of the upper bound, so 20 items fit and 21 do not.
	count(messages(milestone(duration("1-2 weeks", 7, 14), items(10, 0), items(10, 0)))) == 0
	messages(milestone(duration("1-2 weeks", 7, 14), items(11, 0), items(10, 0))) == {"sprint `Sprint 1: Quick Win` has 21 success criteria and deliverables for `1-2 weeks`: more than 20"}
}

test_nested_items_count if {
	messages(milestone(duration("2 days", 2, 2), items(2, 0), items(4, 1))) == {"sprint `Sprint 1: Quick Win` has 6 success criteria and deliverables for `2 days`: more than 5"}
}

test_thresholds_come_from_the_configuration if {
	found := overloaded.report with input as {"milestones": [milestone(duration("1 week", 7, 7), items(2, 0), items(2, 0))]}
		with data.mlint.config.duration.items_per_week as 3
		with data.mlint.config.duration.min_items as 1
	{f.message | some f in found} == {"sprint `Sprint 1: Quick Win` has 4 success criteria and deliverables for `1 week`: more than 3"}
}

test_unjudged_durations_are_skipped if {
	count(messages(milestone(object.union(duration("Ongoing", null, null), {"ongoing": true}), items(20, 0), []))) == 0
	count(messages(milestone(duration("TBD", null, null), items(20, 0), []))) == 0
	count(messages(milestone(null, items(20, 0), []))) == 0
}
