package mlint.rules.duration.too_long_test

import data.mlint.rules.duration.too_long

milestone(kind, d) := {"heading": "Sprint 2: Core", "kind": kind, "line": 3, "span": {"start": 10, "end": 27}, "duration": d}

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 42, "end": 51},
}

messages(m) := {f.message | some f in found} if {
	found := too_long.report with input as {"milestones": [m]}
}

test_a_long_sprint_is_reported if {
	found := too_long.report with input as {"milestones": [milestone("sprint", duration("3-6 weeks", 21, 42))]}
	found == {{
		"message": "sprint `Sprint 2: Core` lasts `3-6 weeks`: longer than the limit of 4 weeks for a sprint",
		"line": 4, "span": {"start": 42, "end": 51},
	}}
}

test_exactly_the_limit_passes if {
	count(messages(milestone("sprint", duration("2-4 weeks", 14, 28)))) == 0
}

test_the_limit_depends_on_the_kind if {
	count(messages(milestone("phase", duration("3-6 weeks", 21, 42)))) == 0
	messages(milestone("milestone", duration("4 months", 120, 120))) == {"milestone `Sprint 2: Core` lasts `4 months`: longer than the limit of 13 weeks for a milestone"}
}

test_a_limit_that_is_not_whole_weeks_is_said_in_days if {
	msgs := messages(milestone("sprint", duration("3 weeks", 21, 21))) with data.mlint.config.duration.max_days.sprint as 10
	msgs == {"sprint `Sprint 2: Core` lasts `3 weeks`: longer than the limit of 10 days for a sprint"}
}

test_ongoing_unreadable_and_inverted_are_skipped if {
	count(messages(milestone("sprint", object.union(duration("Ongoing", null, null), {"ongoing": true})))) == 0
	count(messages(milestone("sprint", duration("TBD", null, null)))) == 0
	count(messages(milestone("sprint", duration("9-2 weeks", 63, 14)))) == 0
	count(messages(milestone("sprint", null))) == 0
}
