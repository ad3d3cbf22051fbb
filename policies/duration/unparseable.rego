# METADATA
# title: a duration that cannot be read
# description: |
#   Reports a stated duration whose text is not a length mlint can read:
#   template placeholders such as `TBD`, `[X weeks]` or `{{estimated
#   duration}}`, an empty duration field (`**Duration:**` or `Start:` and
#   `Finish:` with nothing after them), and free text such as `soon`.
#   `Ongoing` is not reported.
#   Every duration of a milestone is checked, the field's and the heading's,
#   whatever the milestone's status. In a template (`file_kind`), an
#   unreadable duration (`[X weeks]`, `Expected duration`) is the slot a
#   plan fills in and is not reported.
# custom:
#   level: error
#   help: Write a length with a unit, such as `3 days`, `2 weeks` or `1-2 months`.
#   why: |
#     An unreadable duration hides the fact that nobody has estimated the
#     work, and the other duration rules cannot check it.
#   examples:
#     fail: |
#       ### Phase 1: Research
#       **Duration:** [X weeks]
#     pass: |
#       ### Phase 1: Research
#       **Duration:** 2 weeks
package mlint.rules.duration.unparseable

import data.mlint.lib.plan
import data.mlint.lib.result

report contains result.at(d, msg) if {
	some m in input.milestones
	some d in m.durations
	not d.ongoing
	null in [d.min_days, d.max_days]
	not template_slot(d)
	msg := message(m, d)
}

message(m, d) := sprintf("%s `%s` leaves its duration empty: fill it in, such as `2 weeks`", [m.kind, m.heading]) if d.text == ""
else := sprintf("%s `%s` lasts `%s`: %s", [m.kind, m.heading, d.text, reason(d)])

# In a template an unreadable duration (`[X weeks]`, `Expected duration of
# Milestone 1`) is the slot the plan fills in.
template_slot(_) if plan.template

reason(d) := "a placeholder, not a length" if d.placeholder == true
else := "this is not a length mlint can read"
