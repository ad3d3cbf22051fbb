# METADATA
# title: unfilled template text left in a milestone
# description: |
#   Reports template text that was never filled in, in a milestone's
#   heading, field values or section items: `[Project Name]`, `{{Name}}`,
#   `{name}`, `TBD`, `XXX`, a value starting with `TODO`, `YYYY-MM-DD`, and
#   items such as `Deliverable 1`. The patterns are `placeholders.patterns`.
#   Durations are left to duration/unparseable (the field, and a
#   placeholder in the title's duration). One finding per heading, field or
#   item, quoting every placeholder in it. A plan with
#   `summarise_after` findings or more also gets one finding for
#   them all, and the human, short and github formats show only that one
#   (json, sarif and junit list every one, for tools that jump to each). In
#   a template (`file_kind`, see `templates`) placeholders are the point and
#   none is reported.
# custom:
#   level: warning
#   help: Replace the placeholder with the real value, or remove the line.
#   why: |
#     A placeholder left in a plan reads as a decision that was made when it
#     was not; readers skim past `[Date]` and assume someone chose one.
#   options: [placeholders.patterns, summarise_after, templates]
#   examples:
#     fail: |
#       ## Milestone 1: {{Name}}
#       **Owner:** TBD
#     pass: |
#       ## Milestone 1: Core Server
#       **Owner:** Ada
package mlint.rules.content.placeholder

import data.mlint.lib.plan
import data.mlint.lib.result

report contains f if {
	not plan.template
	not summarised
	some f in each
}

# A plan left mostly unfilled: one finding says so; the others stay, marked
# as details the human formats fold into it.
summarised if {
	result.many(each)
	not plan.template
}

report contains result.detail(f) if {
	summarised
	some f in each
}

report contains result.at_line(first, msg) if {
	summarised
	first := min({f.line | some f in each})
	msg := sprintf("%d places hold unfilled template text, the first on this line: fill them in, or list this file under `templates` in mlint.toml", [count(each)])
}

# suspects are the milestones with a placeholder somewhere in their heading,
# fields or items, found by one search per milestone (most hold none); each
# of their texts is then searched on its own. Texts are joined by line
# breaks, as a section's `text` joins its items, and the patterns are
# multi-line, so a placeholder in a text is also found in the joined text.
suspects contains m if {
	some m in input.milestones
	values := [f.value | some key, f in m.fields; key != "duration"]
	sections := [s.text | some s in m.sections]
	regex.match(any_placeholder, concat("\n", array.concat(array.concat([m.heading], values), sections)))
}

each contains result.at(m, msg) if {
	some m in suspects
	# A placeholder duration in the heading (`Week X ([X weeks])`) is
	# duration/unparseable's: it is cut out of the heading first.
	# U+E000 (private use) stands for no such duration: it is in no heading.
	cut := array.concat([d.text | some d in m.durations; d.source == "heading"; d.placeholder == true], ["\uE000"])[0]
	quoted := placeholders(replace(m.heading, cut, ""))
	msg := sprintf("%s `%s` has template text %s in its heading", [m.kind, m.heading, quoted])
}

each contains result.at(f, msg) if {
	some m in suspects
	some key, f in m.fields
	key != "duration"
	quoted := placeholders(f.value)
	msg := sprintf("field `%s` of %s `%s` holds template text %s", [f.label, m.kind, m.heading, quoted])
}

each contains result.at(item, msg) if {
	some m in suspects
	some s in m.sections
	some item in s.items
	not is_field_value(m, item)
	quoted := placeholders(item.text)
	msg := sprintf("an item under `%s` of %s `%s` has template text %s", [s.label, m.kind, m.heading, quoted])
}

# placeholders(text) quotes every placeholder in `text` (`[Date]`, `TBD`), or
# is undefined when there is none. A match inside a longer one (`{Name}` in
# `{{Name}}`) is dropped.
placeholders(text) := concat(", ", [sprintf("`%s`", [p]) | some p in sort(kept)]) if {
	regex.match(any_placeholder, text)
	found := {trim_space(p) |
		some pattern in data.mlint.config.placeholders.patterns
		some p in regex.find_n(pattern, text, -1)
	}
	kept := {p | some p in found; not inside_another(p, found)}
	count(kept) > 0
}

# One alternation of every pattern: most texts hold no placeholder, and one
# match rules them out before each pattern is searched on its own.
# `(?m)` lets `^` match at the start of each text once they are joined by
# newlines (texts hold no newline of their own).
any_placeholder := concat("", ["(?m)(?:", concat(")|(?:", data.mlint.config.placeholders.patterns), ")"])

inside_another(p, found) if {
	some other in found
	other != p
	contains(other, p)
}

# An inline value such as `**Goal**: TBD` is both a field and a section item;
# it is reported once, as the field.
is_field_value(m, item) if {
	some f in m.fields
	f.span == item.span
}
