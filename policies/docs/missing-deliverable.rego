# METADATA
# title: a milestone whose success criteria and deliverables never mention documentation
# description: |
#   Reports a milestone that lists success criteria or deliverables, none of
#   which mentions documentation. An item mentions documentation when it
#   holds one of `documentation.keywords`: ASCII words match as whole words
#   (no ASCII letter, digit or underscore on either side), case-insensitively,
#   with an optional plural `s` (`doc` matches `Docs` but not `docker`);
#   other words (`ドキュメント`, `文档`) match anywhere.
#   Items at every depth count. A milestone whose heading is itself about
#   documentation, such as `Phase 6: Documentation & Migration`, passes.
# custom:
#   level: error
#   help: Add a deliverable for the documentation, such as `- [ ] README updated with usage examples`.
#   why: |
#     Work that is not documented is not finished: the next person, or you in
#     six months, cannot use or maintain it.
#   options: [documentation.keywords, documentation.sections]
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

import data.mlint.lib.result

report contains result.at(m, msg) if {
	some i, text in listed
	m := input.milestones[i]
	not regex.match(docs_pattern, text)
	msg := sprintf("%s `%s` lists no documentation among its success criteria or deliverables", [m.kind, m.heading])
}

# listed maps the index of each milestone with items in the documentation
# sections to its heading and those sections' `text` (their items), joined
# by line breaks (which no keyword match can run across): one search per
# milestone.
listed[i] := concat("\n", array.concat([m.heading], texts)) if {
	some i, m in input.milestones
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
