package mlint.rules.structure.missing_section_test

import data.mlint.rules.structure.missing_section

section(label) := {"label": label, "line": 5, "span": {"start": 40, "end": 55}, "items": []}

milestone(sections) := {
	"heading": "Phase 1: Research", "kind": "phase", "line": 3,
	"span": {"start": 10, "end": 32}, "sections": sections,
}

test_missing_criteria_and_deliverables_are_reported if {
	findings := missing_section.report with input as {"milestones": [milestone({"objectives": section("Objectives")})]}
	findings == {{
		"message": "phase `Phase 1: Research` has no success criteria or deliverables",
		"help": "Add `**Success Criteria:**` or `**Deliverables:**` under the heading, followed by a list.",
		"line": 3, "span": {"start": 10, "end": 32},
	}}
}

test_each_missing_group_is_reported if {
	findings := missing_section.report with input as {"milestones": [milestone({})]}
	{f.message | some f in findings} == {
		"phase `Phase 1: Research` has no objectives",
		"phase `Phase 1: Research` has no success criteria or deliverables",
	}
}

test_one_section_of_a_group_is_enough if {
	count(missing_section.report) == 0 with input as {"milestones": [milestone({
		"objectives": section("Goals"),
		"deliverables": section("Deliverables"),
	})]}
}

test_an_empty_section_counts_as_present if {
	m := milestone({"objectives": section("Objectives"), "success_criteria": section("Success Criteria")})
	m.sections.objectives.items == []
	count(missing_section.report) == 0 with input as {"milestones": [m]}
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
}
