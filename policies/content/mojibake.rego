# METADATA
# title: garbled text from UTF-8 read with the wrong encoding
# description: |
#   Reports text that reads as UTF-8 decoded with a legacy code page (Mac
#   Roman, Windows-1252 or Latin-1) and saved again, such as `ðŸš€` for `🚀`
#   or `âœ…` for `✅`. Files without milestones are not checked. The help of
#   each finding names the encoding and the text it should read. A file
#   with `summarise_after` findings or more also gets one finding for them
#   all (one accident garbled them), and the human, short and github formats
#   show only that one.
# custom:
#   level: warning
#   options: [summarise_after]
#   help: Replace the garbled text with what it should read, and save the file as UTF-8.
#   why: |
#     Garbled emoji and accents make a plan hard to read, and mlint cannot
#     recognise headings, labels and status markers hidden in them.
#   examples:
#     fail: |
#       ### ðŸš€ Phase 3: Core Development
#       **Duration:** 2-4 weeks
#     pass: |
#       ### 🚀 Phase 3: Core Development
#       **Duration:** 2-4 weeks
package mlint.rules.content.mojibake

import data.mlint.lib.result

encodings := {"mac-roman": "Mac Roman", "windows-1252": "Windows-1252", "latin-1": "Latin-1"}

garbled := [g | count(input.milestones) > 0; some g in object.get(input, "mojibake", [])]

# One encoding accident garbles many places: with `summarise_after` or
# more, one finding says so and the others are details of it.
summarised if result.many(garbled)

report contains result.at_with_help(g, message(g), help(g)) if {
	not summarised
	some g in garbled
}

report contains result.detail(result.at_with_help(g, message(g), help(g))) if {
	summarised
	some g in garbled
}

report contains result.at_with_help(first, msg, help(first)) if {
	summarised
	first := garbled[0]
	msg := sprintf("%d places hold garbled text, the first `%s` here: the file was decoded as %s and saved again", [
		count(garbled), first.text, object.get(encodings, first.encoding, first.encoding),
	])
}

message(g) := sprintf("garbled text `%s`", [g.text])

help(g) := sprintf("this is UTF-8 read as %s; it should read `%s`. Replace it, and save the file as UTF-8", [
	object.get(encodings, g.encoding, g.encoding), g.repaired,
])
