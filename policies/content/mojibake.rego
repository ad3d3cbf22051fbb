# METADATA
# title: garbled text from UTF-8 read with the wrong encoding
# description: |
#   Reports text that reads as UTF-8 decoded with a legacy code page (Mac
#   Roman, Windows-1252 or Latin-1) and saved again, such as `ðŸš€` for `🚀`
#   or `âœ…` for `✅`. Files without milestones are not checked. The help of
#   each finding names the encoding and the text it should read.
# custom:
#   level: warning
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

report contains result.at_with_help(g, msg, help) if {
	count(input.milestones) > 0
	some g in object.get(input, "mojibake", [])
	msg := sprintf("garbled text `%s`", [g.text])
	help := sprintf("this is UTF-8 read as %s; it should read `%s`. Replace it, and save the file as UTF-8", [
		object.get(encodings, g.encoding, g.encoding), g.repaired,
	])
}
