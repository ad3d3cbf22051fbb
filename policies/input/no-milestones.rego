# METADATA
# title: a file that looks like a plan but has no milestone mlint can read
# description: |
#   Reports a file in which mlint found no phase, sprint or milestone although
#   it looks like a plan: its path or its title names one (`ROADMAP.md`,
#   `milestones/`, `sprint-03.md`, `# Release plan`: a roadmap, a plan, a
#   phase, a schedule, in the languages mlint reads), its file name or two
#   of its headings name a quarter (`Q3 2027`), or its text holds a date
#   together with a checklist. Every other
#   rule checks milestones, so without this finding such a file would pass
#   in silence. The finding is at line 1 and names the command that shows
#   what mlint read.
# custom:
#   level: info
#   help: >-
#     Run `mlint outline FILE` to see what mlint read. Write each unit as a
#     heading that names it, such as `## Phase 1: Research` or
#     `### Sprint 2 - Billing`, or add the words your plans use for units to
#     `[keywords]` in `mlint.toml`.
#   why: |
#     A linter that reads nothing reports nothing, and that looks exactly like
#     a clean plan. This says which plans mlint did not understand, without
#     failing the run: it is information, not an error in the plan.
#   examples:
#     fail: |
#       # Q3 roadmap
#
#       - [ ] Ship the mobile app by 2027-09-30
#       - [ ] Hire two engineers
#     pass: |
#       # Q3 roadmap
#
#       ## Phase 1: Mobile app
#
#       **Duration:** 6 weeks
#
#       - [ ] Ship the mobile app by 2027-09-30
package mlint.rules.input.no_milestones

import data.mlint.lib.result

report contains result.at_line(1, msg) if {
	input.looks_like_plan == true
	count(input.milestones) == 0
	msg := sprintf("no milestone found in a file that looks like a plan: run `mlint outline %s` to see what mlint read", [shell_word(input.path)])
}

# shell_word(path) is `path` as one word of a shell command line, so the
# command in the message can be pasted as it is: quoted when it holds a
# space or another character a shell would read.
shell_word(path) := path if {
	regex.match(`^[A-Za-z0-9_./@%+=:,-]+$`, path)
} else := sprintf("'%s'", [replace(path, "'", `'\''`)])
