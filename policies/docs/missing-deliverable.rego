# METADATA
# title: a plan whose success criteria and deliverables never mention documentation
# description: |
#   Reports a plan none of whose milestones lists documentation among its
#   success criteria or deliverables: one finding, at the first milestone
#   that lists any. With `documentation.per_unit = true` (the strict preset)
#   every milestone that lists success criteria or deliverables needs its
#   own documentation item, and each one without is reported (still one
#   finding when none has). An item mentions documentation when it holds
#   one of `documentation.keywords`: ASCII words match as whole words (no
#   ASCII letter, digit or underscore on either side), case-insensitively,
#   with an optional plural `s` (`doc` matches `Docs` but not `docker`);
#   other words (`ドキュメント`, `文档`) match anywhere. Items at every depth
#   count. A milestone whose heading is itself about documentation, such as
#   `Phase 6: Documentation & Migration`, has one. Milestones that are done
#   or cancelled are not judged unless `check_finished` is true.
# custom:
#   level: info
#   help: Add a deliverable for the documentation, such as `- [ ] README updated with usage examples`.
#   why: |
#     Work that is not documented is not finished: the next person, or you in
#     six months, cannot use or maintain it. Information by default: many
#     plans keep their documentation work outside the milestone lists; the
#     strict preset makes it an error for every milestone.
#   options: [documentation.keywords, documentation.sections, documentation.per_unit, check_finished]
#   examples:
#     fail: |
#       ### Phase 2: Foundation
#       **Deliverables:**
#
#       - [ ] Working CLI
#       - [ ] Docker image
#     pass: |
#       ### Phase 2: Foundation
#       **Deliverables:**
#
#       - [ ] Working CLI
#       - [ ] README with examples and usage
package mlint.rules.docs.missing_deliverable

import data.mlint.lib.plan
import data.mlint.lib.result

# listers holds the judged milestones with items in the documentation
# sections; undocumented those of them none of whose items mentions
# documentation.
listers := [m | some i, _ in listed; m := plan.judged[i]]

undocumented := [m |
	some i, text in listed
	m := plan.judged[i]
	not regex.match(docs_pattern, text)
]

# The plan mentions documentation in none of its lists.
nowhere if {
	undocumented != []
	count(undocumented) == count(listers)
}

report contains result.at(undocumented[0], msg) if {
	nowhere
	count(undocumented) > 1
	msg := sprintf("none of the %d %s lists documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`", [count(undocumented), plan.plural(undocumented)])
}

report contains result.at(m, message(m)) if {
	nowhere
	count(undocumented) == 1
	m := undocumented[0]
}

report contains result.at(m, message(m)) if {
	not nowhere
	data.mlint.config.documentation.per_unit
	some m in undocumented
}

message(m) := sprintf("%s `%s` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`", [m.kind, m.heading])

# listed maps the index of each milestone with items in the documentation
# sections to its heading and those sections' `text` (their items), joined
# by line breaks (which no keyword match can run across): one search per
# milestone.
listed[i] := concat("\n", array.concat([m.heading], texts)) if {
	some i, m in plan.judged
	texts := [s.text |
		some name, s in m.sections
		name in data.mlint.config.documentation.sections
		s.items != []
	]
	count(texts) > 0
}

# One pattern for every keyword, built on every file (rules are evaluated
# per file), so with a few regex calls and no loop over the keywords. An
# ASCII word must not touch an ASCII letter, digit or underscore: a small
# class, where Unicode `\b` or `\w` would make the regex engine much slower on
# non-ASCII text. With no keyword configured, there is no pattern and every
# milestone with such items is reported.
docs_pattern := concat("|", alternatives) if count(alternatives) > 0

alternatives := array.concat(
	[sprintf(`(?i:(?:^|[^0-9A-Za-z_])(?:%s)s?(?:[^0-9A-Za-z_]|$))`, [concat("|", ascii_words)]) | count(ascii_words) > 0],
	[sprintf(`(?i:%s)`, [concat("|", other_words)]) | count(other_words) > 0],
)

# The keywords, regex-escaped, one per line: one escape call for them all.
escaped := regex.replace(concat("\n", data.mlint.config.documentation.keywords), `([\\.+*?()|\[\]{}^$])`, `\$1`)

# The escaped keywords made of ASCII characters only, and the others.
ascii_words := regex.find_n(`(?m)^[\x00-\x09\x0B-\x7F]+$`, escaped, -1)

other_words := regex.find_n(`(?m)^.*[^\x00-\x7F].*$`, escaped, -1)
