# METADATA
# title: shared helpers for rules that judge durations
# description: |
#   Which durations the length rules may judge, and how a number of days is
#   written in a message.
package mlint.lib.duration

# judged(d) holds when `d` is a duration with a readable, ordered range: not
# missing, not ongoing, not unreadable and not inverted. Those cases belong to
# duration/missing, duration/unparseable and duration/inverted-range.
judged(d) if {
	d != null
	not d.ongoing
	d.min_days != null
	d.max_days != null
	d.max_days >= d.min_days
}

# days_text(days) writes a number of days as weeks when it is a whole number
# of weeks (`4 weeks`), else as days (`10 days`, `0.5 days`).
days_text(days) := sprintf("%v %s", [days / 7, plural(days / 7, "week")]) if {
	days > 0
	floor(days) == days
	days % 7 == 0
} else := sprintf("%v %s", [days, plural(days, "day")])

plural(n, word) := word if n == 1
else := concat("", [word, "s"])
