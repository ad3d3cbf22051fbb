# METADATA
# title: a milestone whose success criteria and deliverables never mention documentation
# description: |
#   Reports a milestone that lists success criteria or deliverables, none of
#   which mentions documentation. An item mentions documentation when it
#   holds one of `documentation.keywords`: ASCII words match as whole words,
#   case-insensitively, with an optional plural `s` (`doc` matches `Docs`
#   but not `docker`); other words (`ドキュメント`, `文档`) match anywhere.
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
	some m in input.milestones
	items := [item |
		some name in data.mlint.config.documentation.sections
		some item in object.get(m, ["sections", name, "items"], [])
	]
	count(items) > 0
	not mentions_docs(m.heading)
	not any_mentions_docs(items)
	msg := sprintf("%s `%s` lists no documentation among its success criteria or deliverables", [m.kind, m.heading])
}

# One search over all items at once (items hold no newline of their own).
any_mentions_docs(items) if mentions_docs(concat("\n", [item.text | some item in items]))

# One case-insensitive pattern, built once per evaluation rather than once
# per item: ASCII keywords as whole words with an optional plural `s`,
# keywords in other scripts (ドキュメント, 文档) anywhere in the text.
docs_pattern := sprintf(`(?i)\b(?:%s)s?\b|%s`, [
	concat("|", [escape(word) | some word in data.mlint.config.documentation.keywords; ascii(word)]),
	concat("|", [escape(word) | some word in data.mlint.config.documentation.keywords; not ascii(word)]),
])

ascii(word) if regex.match(`^[\x00-\x7F]+$`, word)

escape(word) := regex.replace(word, `([\\.+*?()|\[\]{}^$])`, `\$1`)

mentions_docs(text) if regex.match(docs_pattern, text)
