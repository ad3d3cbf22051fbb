# METADATA
# title: a duration range too wide to plan with
# description: |
#   Reports a duration range whose upper bound is more than
#   `duration.wide_range_ratio` times its lower bound, such as `1-8 weeks`.
#   The duration judged is the one that applies (the field's, else the
#   heading's); ongoing, unreadable and inverted durations, and ranges that
#   start at zero, are left alone.
# custom:
#   level: warning
#   help: Narrow the estimate, or split the milestone so each part can be estimated.
#   why: |
#     A range that wide says the work is not understood yet; it cannot be
#     used to plan what comes after.
#   options: [duration.wide_range_ratio]
#   examples:
#     fail: |
#       ### Phase 3: Core Development
#       **Duration:** 1-8 weeks
#     pass: |
#       ### Phase 3: Core Development
#       **Duration:** 4-8 weeks
package mlint.rules.duration.wide_range

import data.mlint.lib.duration
import data.mlint.lib.result

report contains result.at(d, msg) if {
	some m in input.milestones
	d := m.duration
	is_number(d.min_days)
	d.min_days > 0
	ratio := data.mlint.config.duration.wide_range_ratio
	is_number(d.max_days)
	d.max_days > ratio * d.min_days
	duration.judged(d) # last: a function call costs more than the tests above
	times := round((d.max_days / d.min_days) * 10) / 10
	msg := sprintf("%s `%s` lasts `%s`: the upper bound is %v times the lower, more than %v", [
		m.kind, m.heading, d.text, times, ratio,
	])
}
