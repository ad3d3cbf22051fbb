package mlint.rules.duration.conflict_test

import data.mlint.rules.duration.conflict

milestone(durations) := {"heading": "Sprint 1: Quick Win", "kind": "sprint", "line": 3, "span": {"start": 10, "end": 42}, "durations": durations}

field(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false, "window": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 57, "end": 66},
}

heading(text, min, max) := object.union(field(text, min, max), {"source": "heading", "line": 3, "span": {"start": 34, "end": 40}})

messages(durations) := {f.message | some f in found} if {
	found := conflict.report with input as {"milestones": [milestone(durations)]}
}

test_disagreeing_durations_are_reported_at_the_second if {
	found := conflict.report with input as {"milestones": [milestone([field("3-4 weeks", 21, 28), heading("1 week", 7, 7)])]}
	found == {{
		"message": "sprint `Sprint 1: Quick Win` lasts `3-4 weeks` in its field but `1 week` in its heading: make them agree",
		"line": 3, "span": {"start": 34, "end": 40},
	}}
}

test_a_longer_second_duration_is_reported_too if {
	messages([field("1 week", 7, 7), heading("2-3 weeks", 14, 21)]) == {"sprint `Sprint 1: Quick Win` lasts `1 week` in its field but `2-3 weeks` in its heading: make them agree"}
}

test_overlapping_ranges_pass if {
	count(messages([field("1-2 weeks", 7, 14), heading("2-3 weeks", 14, 21)])) == 0
	count(messages([field("10 days", 10, 10), heading("1-2 weeks", 7, 14)])) == 0
}

test_one_duration_passes if {
	count(messages([field("3-4 weeks", 21, 28)])) == 0
}

test_an_inverted_range_is_compared_in_order if {
	count(messages([field("4-3 weeks", 28, 21), heading("3 weeks", 21, 21)])) == 0
}

test_ongoing_and_unreadable_are_not_compared if {
	count(messages([object.union(field("Ongoing", null, null), {"ongoing": true}), heading("1 week", 7, 7)])) == 0
	count(messages([field("TBD", null, null), heading("1 week", 7, 7)])) == 0
}

window(text, days, source) := {
	"text": text, "min_days": days, "max_days": days, "ongoing": false, "placeholder": false,
	"window": true, "source": source, "line": 1, "span": {"start": 0, "end": 4},
}

effort(text, lo, hi) := {
	"text": text, "min_days": lo, "max_days": hi, "ongoing": false, "placeholder": false,
	"window": false, "source": "field", "line": 3, "span": {"start": 20, "end": 29},
}

test_work_that_fits_in_its_window_passes if {
	m := {"kind": "phase", "heading": "Phase 1: Foundation", "durations": [effort("2-4 hours", 0.25, 0.5), window("Days 1-2", 2, "heading")]}
	count(conflict.report) == 0 with input as {"milestones": [m]}
}

test_work_longer_than_its_window_is_reported if {
	m := {"kind": "phase", "heading": "Phase 1: Foundation", "durations": [effort("3-4 weeks", 21, 28), window("Weeks 1-2", 14, "heading")]}
	conflict.report == {{
		"message": "phase `Phase 1: Foundation` lasts `3-4 weeks` in its field but `Weeks 1-2` in its heading: make them agree",
		"line": 1, "span": {"start": 0, "end": 4},
	}} with input as {"milestones": [m]}
}

test_two_fields_are_named_as_two_places if {
	messages([field("3 weeks", 21, 21), field("2025-03-16 – 2025-03-29", 14, 14)]) == {"sprint `Sprint 1: Quick Win` lasts `3 weeks` in one field but `2025-03-16 – 2025-03-29` in another: make them agree"}
}
