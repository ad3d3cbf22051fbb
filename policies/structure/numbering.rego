# METADATA
# title: milestones numbered twice or out of order
# description: |
#   Reports a milestone whose number repeats an earlier one of the same kind
#   and keyword, or is lower than the one just before it. Numbers compare by
#   their runs of digits, part by part: `M1` is 1, `2.3` is 2 then 3, so `1.10`
#   comes after `1.9`. Identifiers without digits (`He`, `Li`) are skipped.
#   Only milestones under the same parent heading are compared, so numbering
#   may restart inside each phase.
# custom:
#   level: warning
#   help: Renumber the milestones so each number appears once, in increasing order.
#   why: |
#     A repeated or backwards number usually means a milestone was copied or
#     moved without being renumbered; references such as "after Phase 3"
#     become ambiguous.
#   examples:
#     fail: |
#       ## Phase 1: Research
#       ## Phase 3: Build
#       ## Phase 2: Test
#     pass: |
#       ## Phase 1: Research
#       ## Phase 2: Build
#       ## Phase 3: Test
package mlint.rules.structure.numbering

import data.mlint.lib.result

# numbered holds [milestone, digits, group] for each numbered milestone, in
# document order. The group is kind, keyword (compared case-insensitively;
# json.marshal keeps a missing one, null, apart from every keyword, and costs
# less than a function call) and parent heading's line (null for none):
# numbering may restart under each parent.
numbered := [[m, digits, group] |
	some i, m in candidates
	digits := [to_number(d) | some d in split(runs[i], " "); d != ""]
	count(digits) > 0
	group := [m.kind, lower(json.marshal(m.keyword)), m.parent_line]
]

candidates := [m | some m in input.milestones; m.number != null]

# runs[i] holds the runs of digits of candidates[i]'s number, separated by
# spaces, without leading zeros (`03` is 3, and to_number rejects `03`). Two
# regular expressions for the whole file, not calls per milestone: calls are
# costly on regorus's VM. U+E000 (private use) separates the numbers.
runs := split(
	regex.replace(
		regex.replace(concat("\uE000", [m.number | some m in candidates]), `[^0-9\x{E000}]+`, " "),
		`(?-u:\b)0+([0-9])`, "${1}",
	),
	"\uE000",
)

# placed sorts the numbered milestones by group, then document order: each
# milestone right after the one before it in its group (milestones are only
# ever compared within their group).
placed := sort([[n[2], j] | some j, n in numbered])

# keyed sorts the numbered milestones by group, number and position, so that
# a repeated number sits right after the earlier milestone it repeats: one
# sort instead of comparing every pair.
keyed := sort([[n[2], n[1], j] | some j, n in numbered])

# continues[k] holds when keyed[k] has the group and number of keyed[k - 1].
continues contains k if {
	some k, [group, digits, _] in keyed
	k > 0
	[prev_group, prev_digits, _] := keyed[k - 1]
	prev_group == group
	prev_digits == digits
}

# first_of[[group, digits]] is the first milestone with that number in its
# group: the start of its run in `keyed`.
first_of[[group, digits]] := j if {
	some k, [group, digits, j] in keyed
	not continues[k]
}

# repeats[j] is the index of the first milestone whose number j repeats.
repeats[j] := first_of[[group, digits]] if {
	some k in continues
	[group, digits, j] := keyed[k]
}

report contains result.at(later, msg) if {
	some j, i in repeats
	later := numbered[j][0]
	earlier := numbered[i][0]
	msg := sprintf("%s `%s` repeats the number `%s` of `%s` on line %d", [
		later.kind, later.heading, later.number, earlier.heading, earlier.line,
	])
}

report contains result.at(later, msg) if {
	some k, [group, j] in placed
	k > 0
	[previous_group, i] := placed[k - 1]
	previous_group == group
	not repeats[j]
	[later, digits, _] := numbered[j]
	[earlier, before, _] := numbered[i]
	digits < before
	msg := sprintf("%s `%s` is numbered `%s`, lower than `%s` on line %d before it", [
		later.kind, later.heading, later.number, earlier.number, earlier.line,
	])
}
