# METADATA
# title: a milestone that may last less than its kind needs
# description: |
#   Reports a milestone whose duration's lower bound is below
#   `duration.min_days` for its kind (by default half a day for a sprint, no
#   minimum for a milestone or phase, which may well last an hour; the
#   strict preset asks for 5 days and 1 day). The duration judged is the
#   one that applies (the field's, else the heading's); ongoing, unreadable
#   and inverted durations are left to other rules.
# custom:
#   level: warning
#   help: Merge the work into a neighbouring unit, or check the unit of the estimate (hours or days?).
#   why: |
#     A unit shorter than its kind's minimum is usually a task, not a
#     milestone, or an estimate written in the wrong unit.
#   options: [duration.min_days]
#   examples:
#     fail: |
#       ### Sprint 3: Spike
#       **Duration:** 2 hours
#     pass: |
#       ### Sprint 3: Spike
#       **Duration:** 1 week
package mlint.rules.duration.too_short

import data.mlint.lib.duration
import data.mlint.lib.result

report contains result.at(d, msg) if {
	some m in input.milestones
	d := m.duration
	limit := data.mlint.config.duration.min_days[m.kind]
	is_number(d.min_days)
	d.min_days < limit
	duration.judged(d) # last: a function call costs more than the tests above
	msg := sprintf("%s `%s` lasts `%s`: shorter than the minimum of %s for a %s", [
		m.kind, m.heading, d.text, duration.days_text(limit), m.kind,
	])
}
