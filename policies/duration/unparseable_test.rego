package mlint.rules.duration.unparseable_test

import data.mlint.rules.duration.unparseable

duration(text, min, max) := {
	"text": text, "min_days": min, "max_days": max, "ongoing": false,
	"placeholder": false, "source": "field", "line": 4, "span": {"start": 45, "end": 54},
}

milestone(durations) := {"heading": "Phase 1: Research", "kind": "phase", "line": 3, "span": {"start": 10, "end": 32}, "durations": durations}

messages(durations) := {f.message | some f in found} if {
	found := unparseable.report with input as {"milestones": [milestone(durations)]}
}

test_a_placeholder_is_reported_at_the_duration if {
	d := object.union(duration("[X weeks]", null, null), {"placeholder": true})
	found := unparseable.report with input as {"milestones": [milestone([d])]}
	found == {{
		"message": "phase `Phase 1: Research` lasts `[X weeks]`: a placeholder, not a length",
		"line": 4, "span": {"start": 45, "end": 54},
	}}
}

test_an_empty_duration_field_is_reported_as_empty if {
	d := object.union(duration("", null, null), {"placeholder": true})
	messages([d]) == {"phase `Phase 1: Research` leaves its duration empty: fill it in, such as `2 weeks`"}
}

test_free_text_is_reported if {
	messages([duration("soon", null, null)]) == {"phase `Phase 1: Research` lasts `soon`: this is not a length mlint can read"}
}

test_a_heading_duration_is_checked_too if {
	heading := object.union(duration("TBD", null, null), {"source": "heading", "placeholder": true, "line": 3})
	messages([duration("2 weeks", 14, 14), heading]) == {"phase `Phase 1: Research` lasts `TBD`: a placeholder, not a length"}
}

test_a_readable_duration_passes if {
	count(messages([duration("1-2 weeks", 7, 14)])) == 0
}

test_an_inverted_range_is_left_to_inverted_range if {
	count(messages([duration("6-2 weeks", 42, 14)])) == 0
}

test_ongoing_passes if {
	count(messages([object.union(duration("Ongoing", null, null), {"ongoing": true})])) == 0
}

test_a_template_keeps_its_duration_slots if {
	slot := object.union(duration("[X weeks]", null, null), {"placeholder": true})
	prose := duration("Expected duration of Milestone 1", null, null)
	count(unparseable.report) == 0 with input as {"file_kind": "template", "milestones": [milestone([slot, prose])]}
	count(unparseable.report) == 2 with input as {"file_kind": "plan", "milestones": [milestone([slot, prose])]}
}

test_a_finished_milestone_is_still_checked if {
	m := object.union(milestone([duration("soon", null, null)]), {"status": "done"})
	count(unparseable.report) == 1 with input as {"milestones": [m]}
}
