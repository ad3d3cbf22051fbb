package mlint.rules.duration.missing_test

import data.mlint.rules.duration.missing

milestone(d) := {
	"heading": "Phase 1: Research", "kind": "phase", "line": 3,
	"span": {"start": 10, "end": 32}, "duration": d, "parent_line": null,
}

week := object.union(ongoing, {"text": "1 week", "min_days": 7, "max_days": 7, "ongoing": false})

ongoing := {
	"text": "Ongoing", "min_days": null, "max_days": null, "ongoing": true,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 47, "end": 54},
}

test_a_milestone_without_duration_is_reported if {
	found := missing.report with input as {"milestones": [milestone(null)]}
	found == {{"message": "phase `Phase 1: Research` states no duration: add one, such as `**Duration:** 2 weeks`", "line": 3, "span": {"start": 10, "end": 32}}}
}

test_a_file_where_no_milestone_states_a_duration_gets_one_finding if {
	second := object.union(milestone(null), {"heading": "Phase 2: Build", "line": 9, "span": {"start": 90, "end": 105}})
	found := missing.report with input as {"milestones": [milestone(null), second]}
	found == {{"message": "none of the 2 phases states a duration: add one under each, such as `**Duration:** 2 weeks`", "line": 3, "span": {"start": 10, "end": 32}}}
}

test_when_some_milestones_state_one_the_others_are_reported_each if {
	second := object.union(milestone(null), {"heading": "Phase 2: Build", "line": 9})
	third := object.union(milestone(week), {"heading": "Phase 3: Ship", "line": 15})
	found := missing.report with input as {"milestones": [milestone(null), second, third]}
	{[f.line, f.message] | some f in found} == {
		[3, "phase `Phase 1: Research` states no duration: add one, such as `**Duration:** 2 weeks`"],
		[9, "phase `Phase 2: Build` states no duration: add one, such as `**Duration:** 2 weeks`"],
	}
}

test_finished_milestones_are_not_judged_unless_asked if {
	done := object.union(milestone(null), {"status": "done"})
	cancelled := object.union(milestone(null), {"status": "cancelled", "line": 9})
	count(missing.report) == 0 with input as {"milestones": [done, cancelled, milestone(week)]}
	count(missing.report) == 2 with input as {"milestones": [done, cancelled, milestone(week)]}
		with data.mlint.config.check_finished as true
}

test_future_work_is_not_asked_for_a_duration if {
	later := object.union(milestone(null), {"heading": "Phase 8 (later)", "line": 9, "future": true})
	count(missing.report) == 0 with input as {"milestones": [milestone(week), later]}

	# The file-level finding counts the scheduled milestones only.
	found := missing.report with input as {"milestones": [milestone(null), later]}
	found == {{"message": "phase `Phase 1: Research` states no duration: add one, such as `**Duration:** 2 weeks`", "line": 3, "span": {"start": 10, "end": 32}}}
}

test_a_milestone_holding_others_is_not_judged if {
	child := object.union(milestone(week), {"line": 5, "parent_line": 3})
	count(missing.report) == 0 with input as {"milestones": [milestone(null), child]}
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
