# METADATA
# title: shared helpers for rules that judge a plan
# description: |
#   Which milestones the planning rules judge (not finished work, unless
#   `check_finished` is set), and how a finding about every milestone of a
#   file is worded: one finding for one cause.
package mlint.lib.plan

# judged holds the milestones the planning rules (duration/missing,
# duration/overloaded, structure/missing-section, docs/missing-deliverable)
# judge: every milestone but those done or cancelled, unless
# `check_finished` is true.
judged := [m | some m in input.milestones; not finished(m)]

# leaves holds the judged milestones that hold no other milestone: a parent
# (`Q3 2025` over its months, a phase over its sprints) says what it is for
# and how long it lasts through its children.
leaves := [m | some m in judged; not parents[m.line]]

parents contains m.parent_line if {
	some m in input.milestones
	m.parent_line != null
}

finished(m) if {
	not data.mlint.config.check_finished
	m.status in {"done", "cancelled"}
}

# template holds when the file is a template: its placeholders are the point.
template if input.file_kind == "template"

# plural(ms) names a list of milestones: `phases` when they are all phases,
# else `milestones`.
plural(ms) := sprintf("%ss", [kind]) if {
	kinds := {m.kind | some m in ms}
	count(kinds) == 1
	some kind in kinds
} else := "milestones"

# all_of(lacking, of) holds when `lacking` is every one of `of`, and there
# are at least two: then one finding says so for the whole file.
all_of(lacking, of) if {
	count(of) > 1
	count(lacking) == count(of)
}
