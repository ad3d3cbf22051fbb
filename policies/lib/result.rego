# METADATA
# title: shared helpers for building findings
# description: |
#   Every rule reports through these functions, so a finding always has the
#   same shape: a message and the location of the node it is about. mlint adds
#   the rule id, level and help.
package mlint.lib.result

# at(node, message) is a finding located at `node`: any object of the input
# with `line` and `span` (a milestone, a section, an item, a field, a duration).
at(node, message) := {"message": message, "line": node.line, "span": node.span}

# at_with_help(node, message, help) is `at` with help specific to this finding,
# shown instead of the rule's general help.
at_with_help(node, message, help) := object.union(at(node, message), {"help": help})

# at_line(line, message) is a finding that covers a whole line, for nodes
# without a span.
at_line(line, message) := {"message": message, "line": line}

# many(found) holds when a rule found one problem in `summarise_after`
# places or more: it then reports one finding that sums them up, and each
# place as a `detail` of it.
many(found) if {
	n := data.mlint.config.summarise_after
	n > 0
	count(found) >= n
}

# detail(finding) marks a finding as a detail of its rule's summary finding
# in the same file: machine formats list it, the formats people read fold it.
detail(finding) := object.union(finding, {"detail": true})

