package mlint.rules.duration.too_short_test

import data.mlint.rules.duration.too_short

milestone(kind, d) := {"heading": "Sprint 3: Spike", "kind": kind, "line": 3, "span": {"start": 10, "end": 28}, "duration": d}

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "heading", "line": 3, "span": {"start": 20, "end": 26},
}

# The strict preset's minimums; the tests below judge against them.
strict := {"sprint": 5, "milestone": 1, "phase": 1}

messages(m) := {f.message | some f in found} if {
	found := too_short.report with input as {"milestones": [m]}
		with data.mlint.config.duration.min_days as strict
}

test_by_default_a_sprint_needs_half_a_day_and_a_phase_nothing if {
	found := too_short.report with input as {"milestones": [
		milestone("sprint", duration("2 hours", 0.25, 0.25)),
		milestone("phase", duration("30 minutes", 0.0625, 0.0625)),
		milestone("sprint", duration("2 days", 2, 2)),
	]}
	[f.message | some f in found] == ["sprint `Sprint 3: Spike` lasts `2 hours`: shorter than the minimum of 0.5 days for a sprint"]
}

test_a_short_sprint_is_reported if {
	found := too_short.report with input as {"milestones": [milestone("sprint", duration("2 days", 2, 2))]}
		with data.mlint.config.duration.min_days as strict
	found == {{
		"message": "sprint `Sprint 3: Spike` lasts `2 days`: shorter than the minimum of 5 days for a sprint",
		"line": 3, "span": {"start": 20, "end": 26},
	}}
}

test_exactly_the_minimum_passes if {
	count(messages(milestone("sprint", duration("5 days", 5, 5)))) == 0
}

test_the_lower_bound_is_judged if {
	messages(milestone("sprint", duration("3-10 days", 3, 10))) == {"sprint `Sprint 3: Spike` lasts `3-10 days`: shorter than the minimum of 5 days for a sprint"}
	count(messages(milestone("sprint", duration("1-2 weeks", 7, 14)))) == 0
}

test_the_minimum_depends_on_the_kind if {
	count(messages(milestone("phase", duration("2 days", 2, 2)))) == 0
	messages(milestone("phase", duration("4 hours", 0.5, 0.5))) == {"phase `Sprint 3: Spike` lasts `4 hours`: shorter than the minimum of 1 day for a phase"}
}

test_a_minimum_of_whole_weeks_is_said_in_weeks if {
	found := too_short.report with input as {"milestones": [milestone("sprint", duration("10 days", 10, 10))]}
		with data.mlint.config.duration.min_days.sprint as 14
	{f.message | some f in found} == {"sprint `Sprint 3: Spike` lasts `10 days`: shorter than the minimum of 2 weeks for a sprint"}
}

test_ongoing_unreadable_and_inverted_are_skipped if {
	count(messages(milestone("sprint", object.union(duration("Ongoing", null, null), {"ongoing": true})))) == 0
	count(messages(milestone("sprint", duration("X days", null, null)))) == 0
	count(messages(milestone("sprint", duration("4-1 days", 4, 1)))) == 0
}
