# METADATA
# title: milestones numbered twice or out of order
# description: |
#   Reports a milestone whose number repeats an earlier one of the same kind
#   and keyword, or is lower than the one just before it. Numbers compare by
#   their runs of digits, part by part: `M1` is 1, `2.3` is 2 then 3, so `1.10`
#   comes after `1.9`; letters after a digit are a part too, so `6b` comes
#   after `6` and `2.1` after `2`, and neither repeats it. Identifiers
#   without digits (`He`, `Li`) are skipped, and so is the order of a list
#   numbered downwards throughout (newest first).
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

# numbered holds [milestone, digits, group, identity] for each numbered
# milestone, in document order. The digits are the number's runs of
# digits; its identity adds its letters after the first digit: `Fase 6b`
# is [6] and `b`, so it repeats neither `6` nor `6c`, and is not lower
# than `6`; `2.1` is [2, 1] and `M6.0` [6, 0].
# The group is kind, keyword (compared case-insensitively; json.marshal
# keeps a missing one, null, apart from every keyword, and costs less than
# a function call) and parent heading's line (null for none): numbering may
# restart under each parent.
numbered := [[m, digits, group, [digits, letters(m.number)]] |
	some i, m in candidates
	digits := [to_number(d) | some d in split(runs[i], " "); d != ""]
	count(digits) > 0
	group := [m.kind, lower(json.marshal(m.keyword)), m.parent_line]
]

# letters(number) is what a number holds besides digits, separators and
# what comes before its first digit (`M` of `M6`, `v` of `v2`): `b` of `6b`.
# String replacement, not a regular expression: no pattern to compile.
letters(number) := strings.replace_n(not_letters, lower(substring(number, first_digit(number), -1)))

first_digit(number) := min([i |
	some d in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
	i := indexof(number, d)
	i >= 0
])

not_letters := {c: "" | some c in ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "-", "_", " ", "/", "–"]}

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
keyed := sort([[n[2], n[3], j] | some j, n in numbered])

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
	not newest_first[group]
	[later, digits, _, _] := numbered[j]
	[earlier, before, _, _] := numbered[i]
	digits < before
	msg := sprintf("%s `%s` is numbered `%s`, lower than `%s` on line %d before it", [
		later.kind, later.heading, later.number, earlier.number, earlier.line,
	])
}

# newest_first holds the groups of three or more numbered downwards
# throughout (`Milestone 003`, `002`, `001`): they list the newest first on
# purpose. Two in a row downwards may as well be a mistake.
newest_first contains group if {
	some k, [group, _] in placed
	[two_on, _] := placed[k + 2] # `placed` is sorted by group: three in a row
	two_on == group
	not rises[group]
}

# rises holds the groups where some number is above the one before it.
rises contains group if {
	some k, [group, j] in placed
	k > 0
	[previous_group, i] := placed[k - 1]
	previous_group == group
	numbered[j][1] > numbered[i][1]
}
