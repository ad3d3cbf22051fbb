# METADATA
# title: success criteria or deliverables written as plain bullets instead of a checklist
# description: |
#   Reports a success-criteria or deliverables section whose top-level items
#   are not task-list items (`- [ ]`, `- [x]`). There is one finding per
#   section, at its label, saying how many items are not checkboxes; when no
#   such section of the file has a checkbox, one finding for the file, at
#   the first. Nested
#   items are not counted: plain bullets under a checkbox are its details.
#   A paragraph under the label counts as one item that is not a checkbox.
#   Milestones that are done or cancelled are not judged (nothing is left
#   to tick off), unless `check_finished` is set.
# custom:
#   level: info
#   help: Write each item as a task-list item, such as `- [ ] API reference published`.
#   why: |
#     Checkboxes make progress visible on GitHub and let tools count what is
#     done; a plain bullet cannot be ticked off. A style preference, so
#     information by default (it never fails a run); the strict preset makes
#     it a warning.
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

import data.mlint.lib.plan
import data.mlint.lib.result

# sections holds [milestone, section, plain items, top-level items] for
# each checklist section with a top-level item.
sections := [[m, s, plain, count(top)] |
	some m in plan.judged
	some name in data.mlint.config.structure.checklist_sections
	s := m.sections[name]
	top := [item | some item in s.items; item.depth == 0]
	top != []
	plain := count([item | some item in top; item.checked == null])
]

unchecked := [x | some x in sections; x[2] > 0]

# No section of the file is a checklist: a choice of style, said once.
whole_file if {
	count(unchecked) > 1
	count(unchecked) == count(sections)
	[x | some x in unchecked; x[2] < x[3]] == []
}

report contains result.at(first, msg) if {
	whole_file
	first := unchecked[0][1]
	msg := sprintf("none of the %d success-criteria and deliverable lists in this file is a checklist: write their items as `- [ ] …` so progress can be ticked off", [count(unchecked)])
}

report contains result.at(s, message(plain, total, where)) if {
	not whole_file
	some [m, s, plain, total] in unchecked
	where := sprintf("under `%s` of %s `%s`", [s.label, m.kind, m.heading])
}

message(plain, total, where) := sprintf("the item %s is not a checkbox", [where]) if {
	total == 1
} else := sprintf("none of the %d items %s is a checkbox", [total, where]) if {
	plain == total
} else := sprintf("1 of %d items %s is not a checkbox", [total, where]) if {
	plain == 1
} else := sprintf("%d of %d items %s are not checkboxes", [plain, total, where])
