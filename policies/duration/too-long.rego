# METADATA
# title: a milestone that may last longer than its kind allows
# description: |
#   Reports a milestone whose duration's upper bound is above
#   `duration.max_days` for its kind (by default 4 weeks for a sprint, 13
#   weeks for a milestone, 26 weeks for a phase). The duration judged is the
#   one that applies (the field's, else the heading's); ongoing, unreadable
#   and inverted durations are left to other rules.
# custom:
#   level: warning
#   help: Split the work into shorter units, or narrow the estimate.
#   why: |
#     Long units hide risk: progress is only visible at the end, and
#     estimates far out are rarely right.
#   options: [duration.max_days]
#   examples:
#     fail: |
#       ### Sprint 2: Core Feature
#       **Duration:** 3-6 weeks
#     pass: |
#       ### Sprint 2: Core Feature
#       **Duration:** 2-3 weeks
package mlint.rules.duration.too_long

import data.mlint.lib.duration
import data.mlint.lib.result

report contains result.at(d, msg) if {
	some m in input.milestones
	d := m.duration
	limit := data.mlint.config.duration.max_days[m.kind]
	is_number(d.max_days)
	d.max_days > limit
	duration.judged(d) # last: a function call costs more than the tests above
	msg := sprintf("%s `%s` lasts `%s`: longer than the limit of %s for a %s", [
		m.kind, m.heading, d.text, duration.days_text(limit), m.kind,
	])
}
