package mlint.rules.structure.missing_section_test

import data.mlint.rules.structure.missing_section

section(label) := {"label": label, "line": 5, "span": {"start": 40, "end": 55}, "items": []}

milestone(sections) := {
	"heading": "Phase 1: Research", "kind": "phase", "form": "heading", "line": 3,
	"span": {"start": 10, "end": 32}, "sections": sections, "parent_line": null,
}

# The strict preset's groups.
strict := [["objectives"], ["success_criteria", "deliverables"]]

test_a_milestone_with_nothing_under_it_is_reported if {
	findings := missing_section.report with input as {"milestones": [milestone({})]}
	findings == {{
		"message": "phase `Phase 1: Research` has no objectives, success criteria, deliverables or tasks: add a list of what it is for, what it delivers or what must be true when it is done",
		"help": "Add `**Objectives:**` or `**Success Criteria:**` or `**Deliverables:**` or `**Key Tasks:**` under the heading, followed by a list.",
		"line": 3, "span": {"start": 10, "end": 32},
	}}
}

test_any_section_of_the_default_group_is_enough if {
	count(missing_section.report) == 0 with input as {"milestones": [milestone({"tasks": section("Tasks")})]}
}

test_missing_criteria_and_deliverables_are_reported if {
	findings := missing_section.report with input as {"milestones": [milestone({"objectives": section("Objectives")})]}
		with data.mlint.config.required_sections.phase as strict
	findings == {{
		"message": "phase `Phase 1: Research` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list",
		"help": "Add `**Success Criteria:**` or `**Deliverables:**` under the heading, followed by a list.",
		"line": 3, "span": {"start": 10, "end": 32},
	}}
}

test_each_missing_group_is_reported if {
	findings := missing_section.report with input as {"milestones": [milestone({})]}
		with data.mlint.config.required_sections.phase as strict
	{f.message | some f in findings} == {
		"phase `Phase 1: Research` has no objectives: add `**Objectives:**` with what it is for",
		"phase `Phase 1: Research` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list",
	}
}

test_a_group_no_milestone_of_the_file_has_is_reported_once if {
	second := object.union(milestone({}), {"heading": "Phase 2: Build", "line": 9})
	third := object.union(milestone({"objectives": section("Goals")}), {"heading": "Phase 3: Ship", "line": 15})
	findings := missing_section.report with input as {"milestones": [milestone({}), second, third]}
		with data.mlint.config.required_sections.phase as strict
	{[f.line, f.message] | some f in findings} == {
		[3, "phase `Phase 1: Research` has no objectives: add `**Objectives:**` with what it is for"],
		[9, "phase `Phase 2: Build` has no objectives: add `**Objectives:**` with what it is for"],
		[3, "none of the 3 phases has success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list"],
	}
}

test_finished_milestones_are_not_judged if {
	done := object.union(milestone({}), {"status": "done"})
	cancelled := object.union(milestone({}), {"status": "cancelled", "line": 9})
	count(missing_section.report) == 0 with input as {"milestones": [done, cancelled]}
	# Both judged, neither has any section: one finding for the file.
	[f.message | some f in missing_section.report] == ["none of the 2 phases has objectives, success criteria, deliverables or tasks: add a list of what it is for, what it delivers or what must be true when it is done"] with input as {"milestones": [done, cancelled]}
		with data.mlint.config.check_finished as true
}

test_a_milestone_holding_others_is_not_judged if {
	child := object.union(milestone({"tasks": section("Tasks")}), {"line": 5, "parent_line": 3})
	count(missing_section.report) == 0 with input as {"milestones": [milestone({}), child]}
}

test_table_rows_are_not_judged_by_default if {
	row := object.union(milestone({}), {"form": "table_row"})
	count(missing_section.report) == 0 with input as {"milestones": [row]}
	count(missing_section.report) == 1 with input as {"milestones": [row]}
		with data.mlint.config.structure.section_forms as ["table_row"]
}

test_one_section_of_a_group_is_enough if {
	count(missing_section.report) == 0 with input as {"milestones": [milestone({
		"objectives": section("Goals"),
		"deliverables": section("Deliverables"),
	})]}
		with data.mlint.config.required_sections.phase as strict
}

test_an_empty_section_counts_as_present if {
	m := milestone({"objectives": section("Objectives"), "success_criteria": section("Success Criteria")})
	m.sections.objectives.items == []
	count(missing_section.report) == 0 with input as {"milestones": [m]}
		with data.mlint.config.required_sections.phase as strict
}

test_requirements_come_from_the_configuration if {
	count(missing_section.report) == 0 with input as {"milestones": [milestone({"objectives": section("Objectives")})]}
		with data.mlint.config.required_sections.phase as [["objectives"]]
}

test_a_kind_without_requirements_passes if {
	m := object.union(milestone({}), {"kind": "sprint"})
	count(missing_section.report) == 0 with input as {"milestones": [m]}
		with data.mlint.config.required_sections as {"phase": [["objectives"]]}
}

test_a_section_without_configured_labels_is_named_in_the_help if {
	findings := missing_section.report with input as {"milestones": [milestone({})]}
		with data.mlint.config.required_sections.phase as [["exit_plan"]]
	{f.help | some f in findings} == {"Add `**exit plan:**` under the heading, followed by a list."}
	{f.message | some f in findings} == {"phase `Phase 1: Research` has no exit plan: add `**exit plan:**` followed by a list"}
}
