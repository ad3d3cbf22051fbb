package mlint.rules.structure.empty_section_test

import data.mlint.rules.structure.empty_section

milestone(sections) := {
	"heading": "Sprint 1: Quick Win", "kind": "sprint", "line": 1,
	"span": {"start": 0, "end": 25}, "sections": sections,
}

item := {"text": "Working feature", "checked": false, "state": "open", "depth": 0, "line": 4, "span": {"start": 60, "end": 81}}

test_an_empty_section_is_reported_at_its_label if {
	findings := empty_section.report with input as {"milestones": [milestone({
		"deliverables": {"label": "Deliverables", "line": 2, "span": {"start": 26, "end": 44}, "items": []},
		"success_criteria": {"label": "Success Criteria", "line": 3, "span": {"start": 45, "end": 59}, "items": [item]},
	})]}
	findings == {{
		"message": "section `Deliverables` of sprint `Sprint 1: Quick Win` is empty: list its items under the label, or remove the label",
		"line": 2, "span": {"start": 26, "end": 44},
	}}
}

test_a_section_with_items_passes if {
	count(empty_section.report) == 0 with input as {"milestones": [milestone({
		"deliverables": {"label": "Deliverables", "line": 2, "span": {"start": 26, "end": 44}, "items": [item]},
	})]}
}

test_a_milestone_without_sections_passes if {
	count(empty_section.report) == 0 with input as {"milestones": [milestone({})]}
}

test_a_template_keeps_its_empty_sections if {
	m := {"heading": "Sprint 1: [Name]", "kind": "sprint", "line": 1, "span": {"start": 0, "end": 20}, "sections": {"deliverables": {"label": "Deliverables", "line": 3, "span": {"start": 22, "end": 38}, "items": []}}}
	count(empty_section.report) == 0 with input as {"file_kind": "template", "milestones": [m]}
	count(empty_section.report) == 1 with input as {"file_kind": "plan", "milestones": [m]}
}
