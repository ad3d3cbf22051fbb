# METADATA
# title: a milestone without a required section
# description: |
#   Reports a milestone that lacks a section the configuration requires for
#   its kind. `required_sections` lists groups per kind; each group needs at
#   least one of its sections. By default a milestone needs one of
#   objectives, success criteria, deliverables or tasks: something that
#   says what it is for or what it delivers; the strict preset asks for
#   objectives, and for success criteria or deliverables. A section that is
#   present but empty counts as present; structure/empty-section reports it.
#   When no milestone of a kind in the file has a group, there is one
#   finding for them all, at the first. Only milestones written in one of
#   `structure.section_forms` are judged (a table row has no room for
#   sections), not those done or cancelled unless `check_finished` is
#   true, and not those that hold other milestones (their children say what
#   they are for).
# custom:
#   level: warning
#   help: Add the missing section under the milestone heading, such as `**Objectives:**` followed by a list.
#   why: |
#     Without objectives nobody can say what the milestone is for, and
#     without success criteria or deliverables nobody can say when it is
#     done. A warning by default, since a short plan may say all that in its
#     title; the strict preset makes it an error.
#   options: [required_sections, sections, structure.section_forms, check_finished]
#   examples:
#     fail: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#
#       Some thoughts on the architecture.
#     pass: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#
#       **Objectives:**
#
#       - Choose the architecture
package mlint.rules.structure.missing_section

import data.mlint.lib.plan
import data.mlint.lib.result

# judged holds the milestones this rule judges, by kind.
judged[kind] := ms if {
	some kind, _ in data.mlint.config.required_sections
	ms := [m |
		some m in plan.leaves
		m.kind == kind
		m.form in data.mlint.config.structure.section_forms
	]
	ms != []
}

# lacking[[kind, g]] holds the judged milestones of `kind` without any
# section of its g-th required group.
lacking[[kind, g]] := ms if {
	some kind, group_ms in judged
	some g, group in data.mlint.config.required_sections[kind]
	group != []
	ms := [m | some m in group_ms; not has_any(m, group)]
	ms != []
}

has_any(m, group) if {
	some name in group
	m.sections[name]
}

report contains result.at_with_help(first, msg, help(group)) if {
	some [kind, g], ms in lacking
	plan.all_of(ms, judged[kind])
	group := data.mlint.config.required_sections[kind][g]
	first := ms[0]
	msg := sprintf("none of the %d %s has %s: %s", [count(ms), plan.plural(ms), names(group), todo(group)])
}

report contains result.at_with_help(m, msg, help(group)) if {
	some [kind, g], ms in lacking
	not plan.all_of(ms, judged[kind])
	group := data.mlint.config.required_sections[kind][g]
	some m in ms
	msg := sprintf("%s `%s` has no %s: %s", [m.kind, m.heading, names(group), todo(group)])
}

# names(group) names a group's sections: `objectives`, `success criteria or
# deliverables`, `objectives, success criteria, deliverables or tasks`.
names(group) := replace(group[0], "_", " ") if count(group) == 1
else := concat(" or ", [
	concat(", ", [replace(name, "_", " ") | some name in array.slice(group, 0, count(group) - 1)]),
	replace(group[count(group) - 1], "_", " "),
])

# todo(group) says what to add for a group.
todo(group) := sprintf("add %s", [what[group[0]]]) if {
	count(group) == 1
	what[group[0]]
} else := sprintf("add `**%s:**` followed by a list", [label(group[0])]) if {
	count(group) == 1
} else := sprintf("add %s followed by a list", [concat(" or ", labels)]) if {
	count(group) == 2
	labels := [sprintf("`**%s:**`", [label(name)]) | some name in group]
} else := sprintf("add %s", [what.any])

what := {
	"objectives": "`**Objectives:**` with what it is for",
	"success_criteria": "a `**Success Criteria:**` checklist of what must be true when it is done",
	"deliverables": "`**Deliverables:**` with what it produces",
	"tasks": "`**Tasks:**` with the work it holds",
	"any": "a list of what it is for, what it delivers or what must be true when it is done",
}

help(group) := sprintf("Add %s under the heading, followed by a list.", [concat(" or ", labels)]) if {
	labels := [sprintf("`**%s:**`", [label(name)]) | some name in group]
}

# label is the first label `sections` lists for a canonical section name.
label(name) := first if {
	first := data.mlint.config.sections[name][0]
} else := replace(name, "_", " ")
