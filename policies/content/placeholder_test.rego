package mlint.rules.content.placeholder_test

import data.mlint.rules.content.placeholder

milestone(heading) := {"heading": heading, "kind": "milestone", "line": 1, "span": {"start": 0, "end": 30}, "fields": {}, "sections": {}}

field(label, value) := {"label": label, "value": value, "line": 2, "span": {"start": 40, "end": 50}}

item(text) := {"text": text, "checked": false, "depth": 0, "line": 5, "span": {"start": 70, "end": 90}}

with_items(texts) := object.union(milestone("Milestone 1: Core Server"), {"sections": {"deliverables": {
	"label": "Deliverables", "line": 4, "span": {"start": 55, "end": 67}, "items": [item(t) | some t in texts], "text": concat("\n", texts),
}}})

messages(m) := {f.message | some f in found} if {
	found := placeholder.report with input as {"milestones": [m]}
}

test_a_placeholder_in_the_heading_is_reported_at_the_milestone if {
	found := placeholder.report with input as {"milestones": [milestone("Milestone 1: {{Name}}")]}
	found == {{"message": "milestone `Milestone 1: {{Name}}` has template text `{{Name}}` in its heading", "line": 1, "span": {"start": 0, "end": 30}}}
}

test_a_placeholder_field_is_reported_at_the_field if {
	m := object.union(milestone("Milestone 1: Core Server"), {"fields": {"owner": field("Owner", "TBD")}})
	found := placeholder.report with input as {"milestones": [m]}
	found == {{"message": "field `Owner` of milestone `Milestone 1: Core Server` holds template text `TBD`", "line": 2, "span": {"start": 40, "end": 50}}}
}

test_a_placeholder_item_is_reported_at_the_item if {
	found := placeholder.report with input as {"milestones": [with_items(["Deliverable 1", "Working parser"])]}
	found == {{
		"message": "an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `Deliverable 1`",
		"line": 5, "span": {"start": 70, "end": 90},
	}}
}

test_template_forms_are_recognised if {
	messages(milestone("[Project Name] - Quick Win")) == {"milestone `[Project Name] - Quick Win` has template text `[Project Name]` in its heading"}
	messages(milestone("Phase {phase-name}")) == {"milestone `Phase {phase-name}` has template text `{phase-name}` in its heading"}
	messages(with_items(["TODO: fill in", "Ship by YYYY-MM-DD", "XXX", "Deliverable 3 🚧 (In progress)", "[Criterion 1]: Met"])) == {
		"an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `TODO`",
		"an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `YYYY-MM-DD`",
		"an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `XXX`",
		"an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `Deliverable 3`",
		"an item under `Deliverables` of milestone `Milestone 1: Core Server` has template text `[Criterion 1]`",
	}
}

test_several_placeholders_make_one_finding if {
	messages(milestone("[Project Name]: {{Name}} TBD")) == {"milestone `[Project Name]: {{Name}} TBD` has template text `TBD`, `[Project Name]`, `{{Name}}` in its heading"}
}

test_ordinary_text_passes if {
	count(messages(with_items([
		"Remove TODO comments from the parser", "Build the todo app", "GET /users/{id} endpoint",
		"Deliverables signed off", "Task 1.2: write tests", "P0 bugs fixed [x] twice", "TBDs resolved",
	]))) == 0
	count(messages(milestone("Phase 1: Research & Architecture"))) == 0
}

test_the_duration_field_is_left_to_unparseable if {
	m := object.union(milestone("Milestone 1: Core Server"), {"fields": {"duration": field("Duration", "[X weeks]")}})
	count(messages(m)) == 0
}

test_an_inline_value_is_reported_once if {
	m := object.union(milestone("Milestone 1: Core Server"), {
		"fields": {"goal": field("Goal", "TBD")},
		"sections": {"objectives": {"label": "Goal", "line": 2, "span": {"start": 30, "end": 38}, "items": [object.union(item("TBD"), {"line": 2, "span": {"start": 40, "end": 50}})], "text": "TBD"}},
	})
	messages(m) == {"field `Goal` of milestone `Milestone 1: Core Server` holds template text `TBD`"}
}

test_a_template_is_not_checked_for_placeholders if {
	count(placeholder.report) == 0 with input as {"file_kind": "template", "milestones": [milestone("Milestone 1: {{Name}}")]}
}

test_a_placeholder_duration_in_the_heading_is_left_to_unparseable if {
	d := {"text": "[X weeks]", "placeholder": true, "source": "heading", "min_days": null, "max_days": null}
	m := object.union(milestone("Week 1 ([X weeks])"), {"durations": [d]})
	count(placeholder.report) == 0 with input as {"milestones": [m]}
}

test_a_mostly_unfilled_plan_gets_one_summary_and_details if {
	m := with_items(["Deliverable 1", "Deliverable 2", "Deliverable 3"])
	found := placeholder.report with input as {"file_kind": "plan", "milestones": [m]}
		with data.mlint.config.summarise_after as 3
	summaries := [f | some f in found; not f.detail]
	summaries == [{"message": "3 places hold unfilled template text, the first on this line: fill them in, or list this file under `templates` in mlint.toml", "line": 5}]
	count([f | some f in found; f.detail == true]) == 3
}

test_fewer_than_summarise_after_are_reported_one_by_one if {
	m := with_items(["Deliverable 1", "Deliverable 2"])
	found := placeholder.report with input as {"milestones": [m]}
		with data.mlint.config.summarise_after as 3
	count(found) == 2
	[f | some f in found; f.detail] == []
}
