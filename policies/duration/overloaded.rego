# METADATA
# title: more success criteria and deliverables than the duration allows
# description: |
#   Reports a milestone whose success-criteria and deliverable items (at
#   every depth) outnumber what fits in its duration:
#   `duration.items_per_week` per week of the upper bound, and never fewer
#   than `duration.min_items`. The duration judged is the one that applies;
#   ongoing, unreadable and inverted durations are skipped, and so are
#   milestones that are done or cancelled unless `check_finished` is true.
# custom:
#   level: warning
#   help: Move some items to a later milestone, or give this one more time.
#   why: |
#     A short milestone with a long list of outcomes is a plan that will slip;
#     the list is usually a wish list, not a commitment.
#   options: [duration.items_per_week, duration.min_items, duration.counted_sections, check_finished]
#   examples:
#     fail: |
#       ### Sprint 1: Quick Win
#       **Duration:** 2 days
#
#       **Deliverables:**
#
#       - [ ] Parser
#       - [ ] CLI
#       - [ ] Config
#       - [ ] Docs
#       - [ ] Release
#       - [ ] Website
#     pass: |
#       ### Sprint 1: Quick Win
#       **Duration:** 2 days
#
#       **Deliverables:**
#
#       - [ ] Parser
#       - [ ] Docs
package mlint.rules.duration.overloaded

import data.mlint.lib.duration
import data.mlint.lib.plan
import data.mlint.lib.result

report contains result.at(m, msg) if {
	some m in plan.judged
	d := m.duration
	duration.judged(d)
	cfg := data.mlint.config.duration
	items := sum([count(s.items) | some name, s in m.sections; name in cfg.counted_sections])
	allowed := floor(max([cfg.items_per_week * (d.max_days / 7), cfg.min_items]))
	items > allowed
	msg := sprintf("%s `%s` has %d success criteria and deliverables for `%s`: more than %d", [
		m.kind, m.heading, items, d.text, allowed,
	])
}
