# METADATA
# title: a milestone that states no duration
# description: |
#   Reports a milestone with no duration: neither a duration field
#   (`**Duration:**`, `Timeline`, `Effort` and their translations) nor a
#   duration in its title, such as `(2-3 weeks)`, nor start and end dates.
#   When no milestone of the file states one, there is one finding for the
#   file, at its first milestone, not one per milestone. Milestones that are
#   done or cancelled are not judged unless `check_finished` is true, nor
#   are milestones that hold others (their children state the lengths), nor
#   milestones the plan marks as future work with no schedule yet (`future`:
#   `Phase 8 (later)`, `## Future phases`). When
#   `duration.accept_ongoing` is false, a milestone whose duration is
#   `Ongoing` (or `Continuous`) is reported too: ongoing is not a duration
#   there.
# custom:
#   level: warning
#   help: Add a duration field under the heading, such as `**Duration:** 2-3 weeks`.
#   why: |
#     A milestone without a duration cannot be scheduled, and the other
#     duration rules cannot check it. A warning, not an error: many real
#     roadmaps state goals without lengths on purpose; the strict preset
#     makes it an error.
#   options: [duration.accept_ongoing, check_finished]
#   examples:
#     fail: |
#       ### Phase 1: Research
#       **Focus:** Architecture
#     pass: |
#       ### Phase 1: Research
#       **Duration:** 1-2 weeks
#       **Focus:** Architecture
package mlint.rules.duration.missing

import data.mlint.lib.plan
import data.mlint.lib.result

# Future work (`Phase 8 (later)`) has no schedule yet, on purpose.
scheduled := [m | some m in plan.leaves; not m.future == true]

without := [m | some m in scheduled; m.duration == null]

# No milestone of the file states a duration: one finding for the file.
whole_file if {
	plan.all_of(without, scheduled)
	[m | some m in input.milestones; m.duration != null] == []
}

report contains result.at(first, msg) if {
	whole_file
	first := without[0]
	msg := sprintf("none of the %d %s states a duration: add one under each, such as `**Duration:** 2 weeks`", [count(without), plan.plural(without)])
}

report contains result.at(m, msg) if {
	not whole_file
	some m in without
	msg := sprintf("%s `%s` states no duration: add one, such as `**Duration:** 2 weeks`", [m.kind, m.heading])
}

report contains result.at(m.duration, msg) if {
	some m in input.milestones
	m.duration.ongoing == true
	data.mlint.config.duration.accept_ongoing == false
	msg := sprintf("%s `%s` lasts `%s`: ongoing is not a duration here", [m.kind, m.heading, m.duration.text])
}
