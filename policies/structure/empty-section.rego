# METADATA
# title: a section label with nothing under it
# description: |
#   Reports a section (objectives, success criteria, deliverables, tasks and
#   the others) whose label is followed by no list item and no paragraph.
#   In a template (`file_kind`) an empty section is the slot a plan fills
#   in, and is not reported.
# custom:
#   level: error
#   help: List the section's items under its label, or remove the label.
#   why: |
#     An empty section looks like a plan but says nothing; it is usually a
#     template that was never filled in.
#   examples:
#     fail: |
#       ### Sprint 1: Quick Win
#       **Deliverables:**
#
#       **Success Criteria:**
#
#       - [ ] Feature shipped
#     pass: |
#       ### Sprint 1: Quick Win
#       **Deliverables:**
#
#       - [ ] Working feature
package mlint.rules.structure.empty_section

import data.mlint.lib.plan
import data.mlint.lib.result

report contains result.at(s, msg) if {
	not plan.template
	some m in input.milestones
	some s in m.sections
	s.items == []
	msg := sprintf("section `%s` of %s `%s` is empty: list its items under the label, or remove the label", [s.label, m.kind, m.heading])
}
