# METADATA
# title: two durations of one milestone that disagree
# description: |
#   Reports a milestone that states its duration twice, typically in a
#   field and in its heading (`### Sprint 1: Quick Win (1 week)` with
#   `**Duration:** 3-4 weeks`), when the two ranges do not overlap. The
#   finding is at the second duration. Ongoing and unreadable durations are
#   not compared. A schedule window (`Days 1-2`, `Weeks 3-6`) and a length
#   of work (`2-4 hours`) disagree only when the work cannot fit in the
#   window.
# custom:
#   level: error
#   help: Keep one duration, or make both say the same thing.
#   why: |
#     Readers see whichever duration they read first; when the two disagree,
#     some of them plan with the wrong one. mlint itself uses the field's.
#   examples:
#     fail: |
#       ### Sprint 1: Quick Win (1 week)
#       **Duration:** 3-4 weeks
#     pass: |
#       ### Sprint 1: Quick Win (1 week)
#       **Duration:** 1 week
package mlint.rules.duration.conflict

import data.mlint.lib.result

report contains result.at(second, msg) if {
	some m in input.milestones
	some i, first in m.durations
	some j, second in m.durations
	i < j
	disagree(first, second)
	[here, there] := places(first, second)
	msg := sprintf("%s `%s` lasts `%s` %s but `%s` %s: make them agree", [
		m.kind, m.heading, first.text, here, second.text, there,
	])
}

# places names where two durations were written: `in its field` and `in its
# heading`, or `in one field` and `in another` (start and end dates beside
# a duration field).
places(first, second) := ["in one field", "in another"] if {
	first.source == second.source
	first.source == "field"
} else := ["in its heading", "and in its heading"] if {
	first.source == second.source
} else := [sprintf("in its %s", [first.source]), sprintf("in its %s", [second.source])]

# bounds are a readable duration's [low, high], in order even when the range
# was written inverted (inverted-range reports that).
bounds(d) := [min([d.min_days, d.max_days]), max([d.min_days, d.max_days])] if {
	not d.ongoing
	d.min_days != null
	d.max_days != null
}

# Two lengths (or two windows) disagree when their ranges do not overlap.
disagree(a, b) if {
	a.window == b.window
	[lo1, hi1] := bounds(a)
	[lo2, hi2] := bounds(b)
	apart(lo1, hi1, lo2, hi2)
}

# A length and a window disagree when the least work is longer than the window.
disagree(a, b) if {
	a.window != b.window
	[window, work] := order(a, b)
	[_, window_days] := bounds(window)
	[least, _] := bounds(work)
	least > window_days
}

order(a, b) := [a, b] if a.window == true

order(a, b) := [b, a] if a.window == false

apart(_, hi1, lo2, _) if hi1 < lo2

apart(lo1, _, _, hi2) if hi2 < lo1
