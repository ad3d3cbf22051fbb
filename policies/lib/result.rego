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
