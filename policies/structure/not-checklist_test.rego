package mlint.rules.structure.not_checklist_test

import data.mlint.rules.structure.not_checklist

item(checked, depth, line) := {
	"text": "Working prototype", "checked": checked, "depth": depth,
	"line": line, "span": {"start": line * 10, "end": (line * 10) + 9},
}

milestone(name, items) := {
	"heading": "Phase 2: Build", "kind": "phase", "line": 1, "span": {"start": 0, "end": 17},
	"sections": {name: {"label": "Deliverables", "line": 2, "span": {"start": 18, "end": 34}, "items": items}},
}

findings(name, items) := found if {
	found := not_checklist.report with input as {"milestones": [milestone(name, items)]}
}

test_one_finding_per_section_counts_the_plain_items if {
	findings("deliverables", [item(null, 0, 4), item(false, 0, 5), item(null, 0, 6)]) == {{
		"message": "2 of 3 items under `Deliverables` of phase `Phase 2: Build` are not checkboxes",
		"line": 2, "span": {"start": 18, "end": 34},
	}}
}

test_messages_fit_the_counts if {
	{f.message | some f in findings("deliverables", [item(null, 0, 4)])} == {"the item under `Deliverables` of phase `Phase 2: Build` is not a checkbox"}
	{f.message | some f in findings("deliverables", [item(null, 0, 4), item(null, 0, 5)])} == {"none of the 2 items under `Deliverables` of phase `Phase 2: Build` is a checkbox"}
	{f.message | some f in findings("success_criteria", [item(null, 0, 4), item(true, 0, 5)])} == {"1 of 2 items under `Deliverables` of phase `Phase 2: Build` is not a checkbox"}
}

test_a_checklist_passes if {
	count(findings("deliverables", [item(true, 0, 4), item(false, 0, 5)])) == 0
}

test_plain_details_under_a_checkbox_pass if {
	count(findings("success_criteria", [item(false, 0, 4), item(null, 1, 5), item(null, 1, 6)])) == 0
}

test_other_sections_may_be_plain_lists if {
	count(findings("objectives", [item(null, 0, 4)])) == 0
}

test_an_empty_section_is_left_to_empty_section if {
	count(findings("deliverables", [])) == 0
}

test_a_file_with_no_checklist_at_all_gets_one_finding if {
	second := object.union(milestone("deliverables", [item(null, 0, 14)]), {"heading": "Phase 3: Ship", "line": 11})
	found := not_checklist.report with input as {"milestones": [milestone("deliverables", [item(null, 0, 4), item(null, 0, 5)]), second]}
	found == {{
		"message": "none of the 2 success-criteria and deliverable lists in this file is a checklist: write their items as `- [ ] …` so progress can be ticked off",
		"line": 2, "span": {"start": 18, "end": 34},
	}}
}

test_plain_lists_beside_checklists_are_reported_each if {
	second := object.union(milestone("deliverables", [item(false, 0, 14)]), {"heading": "Phase 3: Ship", "line": 11})
	found := not_checklist.report with input as {"milestones": [milestone("deliverables", [item(null, 0, 4), item(null, 0, 5)]), second]}
	{f.message | some f in found} == {"none of the 2 items under `Deliverables` of phase `Phase 2: Build` is a checkbox"}
}

test_finished_work_is_not_judged if {
	done := object.union(milestone("deliverables", [item(null, 0, 4)]), {"status": "done"})
	count(not_checklist.report) == 0 with input as {"milestones": [done]}
	count(not_checklist.report) == 1 with input as {"milestones": [done]}
		with data.mlint.config.check_finished as true
}
