# METADATA
# title: success criteria or deliverables written as plain bullets instead of a checklist
# description: |
#   Reports a success-criteria or deliverables section whose top-level items
#   are not task-list items (`- [ ]`, `- [x]`). There is one finding per
#   section, at its label, saying how many items are not checkboxes. Nested
#   items are not counted: plain bullets under a checkbox are its details.
#   A paragraph under the label counts as one item that is not a checkbox.
# custom:
#   level: warning
#   help: Write each item as a task-list item, such as `- [ ] API reference published`.
#   why: |
#     Checkboxes make progress visible on GitHub and let tools count what is
#     done; a plain bullet cannot be ticked off.
#   options: [structure.checklist_sections]
#   examples:
#     fail: |
#       ### Phase 2: Build
#       **Deliverables:**
#
#       - Working prototype
#       - Test suite
#     pass: |
#       ### Phase 2: Build
#       **Deliverables:**
#
#       - [x] Working prototype
#       - [ ] Test suite
package mlint.rules.structure.not_checklist

import data.mlint.lib.result

report contains result.at(s, message(plain, count(top), where)) if {
	some m in input.milestones
	some name in data.mlint.config.structure.checklist_sections
	s := m.sections[name]
	plain := count([item | some item in s.items; item.checked == null; item.depth == 0])
	plain > 0
	top := [item | some item in s.items; item.depth == 0]
	where := sprintf("under `%s` of %s `%s`", [s.label, m.kind, m.heading])
}

message(plain, total, where) := sprintf("the item %s is not a checkbox", [where]) if {
	total == 1
} else := sprintf("none of the %d items %s is a checkbox", [total, where]) if {
	plain == total
} else := sprintf("1 of %d items %s is not a checkbox", [total, where]) if {
	plain == 1
} else := sprintf("%d of %d items %s are not checkboxes", [plain, total, where])
