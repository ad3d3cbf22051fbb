package mlint.lib.duration_test

import data.mlint.lib.duration

test_whole_weeks_are_written_as_weeks if {
	duration.days_text(28) == "4 weeks"
	duration.days_text(7) == "1 week"
	duration.days_text(182) == "26 weeks"
}

test_other_lengths_are_written_as_days if {
	duration.days_text(5) == "5 days"
	duration.days_text(1) == "1 day"
	duration.days_text(0.5) == "0.5 days"
	duration.days_text(0) == "0 days"
}

test_judged_skips_unreadable_ongoing_and_inverted if {
	duration.judged({"ongoing": false, "min_days": 7, "max_days": 14})
	not duration.judged(null)
	not duration.judged({"ongoing": true, "min_days": null, "max_days": null})
	not duration.judged({"ongoing": false, "min_days": null, "max_days": null})
	not duration.judged({"ongoing": false, "min_days": 42, "max_days": 14})
}
