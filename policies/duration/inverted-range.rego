# METADATA
# title: a duration range whose upper bound is below its lower bound
# description: |
#   Reports a duration written as a range whose second number is smaller
#   than its first, such as `6-2 weeks`. Such a range cannot be true, and the
#   other duration rules cannot judge it.
# custom:
#   level: error
#   help: Write the smaller bound first, such as `2-6 weeks`.
#   why: |
#     An inverted range is almost always a typo, but nobody can tell which
#     bound was meant; planning against it is guesswork.
#   examples:
#     fail: |
#       ### Phase 2: Build
#       **Duration:** 6-2 weeks
#     pass: |
#       ### Phase 2: Build
#       **Duration:** 2-6 weeks
package mlint.rules.duration.inverted_range

import data.mlint.lib.result

report contains result.at(d, msg) if {
	some m in input.milestones
	some d in m.durations
	d.min_days != null
	d.max_days != null
	d.max_days < d.min_days
	msg := sprintf("%s `%s` lasts `%s`: the upper bound is below the lower bound", [m.kind, m.heading, d.text])
}
