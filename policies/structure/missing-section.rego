# METADATA
# title: a milestone without a required section
# description: |
#   Reports a milestone that lacks a section the configuration requires for
#   its kind. `required_sections` lists groups per kind; each group needs at
#   least one of its sections. By default every milestone needs objectives,
#   and success criteria or deliverables. A section that is present but empty
#   counts as present; structure/empty-section reports it.
# custom:
#   level: error
#   help: Add the missing section under the milestone heading, such as `**Objectives:**` followed by a list.
#   why: |
#     Without objectives nobody can say what the milestone is for, and
#     without success criteria or deliverables nobody can say when it is done.
#   options: [required_sections, sections]
#   examples:
#     fail: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#
#       **Objectives:**
#
#       - Choose the architecture
#     pass: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#
#       **Objectives:**
#
#       - Choose the architecture
#
#       **Deliverables:**
#
#       - [ ] Architecture decision record
package mlint.rules.structure.missing_section

import data.mlint.lib.result

report contains result.at_with_help(m, msg, help) if {
	some m in input.milestones
	some group in data.mlint.config.required_sections[m.kind]
	group != []
	[name | some name in group; m.sections[name]] == [] # none of them is there
	names := [replace(name, "_", " ") | some name in group]
	msg := sprintf("%s `%s` has no %s", [m.kind, m.heading, concat(" or ", names)])
	labels := [sprintf("`**%s:**`", [label(name)]) | some name in group]
	help := sprintf("Add %s under the heading, followed by a list.", [concat(" or ", labels)])
}

# label is the first label `sections` lists for a canonical section name.
label(name) := first if {
	first := data.mlint.config.sections[name][0]
} else := replace(name, "_", " ")
