# METADATA
# title: a milestone that states no duration
# description: |
#   Reports a milestone with no duration: neither a duration field
#   (`**Duration:**`, `Timeline`, `Effort` and their translations) nor a
#   duration in its heading, such as `(2-3 weeks)`. When
#   `duration.accept_ongoing` is false, a milestone whose duration is
#   `Ongoing` (or `Continuous`) is reported too: ongoing is not a duration
#   there.
# custom:
#   level: error
#   help: Add a duration field under the heading, such as `**Duration:** 2-3 weeks`.
#   why: |
#     A milestone without a duration cannot be scheduled, and the other
#     duration rules cannot check it.
#   options: [duration.accept_ongoing]
#   examples:
#     fail: |
#       ### Phase 1: Research
#       **Focus:** Architecture
#     pass: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#       **Focus:** Architecture
package mlint.rules.duration.missing

import data.mlint.lib.result

report contains result.at(m, msg) if {
	some m in input.milestones
	m.duration == null
	msg := sprintf("%s `%s` states no duration", [m.kind, m.heading])
}

report contains result.at(m.duration, msg) if {
	some m in input.milestones
	m.duration.ongoing == true
	data.mlint.config.duration.accept_ongoing == false
	msg := sprintf("%s `%s` lasts `%s`: ongoing is not a duration here", [m.kind, m.heading, m.duration.text])
}
