package mlint.rules.structure.numbering_test

import data.mlint.rules.structure.numbering

phase(number, line) := {
	"heading": sprintf("Phase %s: Work", [number]), "kind": "phase", "keyword": "Phase",
	"number": number, "level": 2, "parent_line": null, "line": line, "span": {"start": line * 100, "end": (line * 100) + 16},
}

messages(milestones) := {f.message | some f in found} if {
	found := numbering.report with input as {"milestones": milestones}
}

test_a_repeated_number_is_reported_at_the_later_milestone if {
	found := numbering.report with input as {"milestones": [phase("1", 1), phase("2", 10), phase("2", 20)]}
	found == {{
		"message": "phase `Phase 2: Work` repeats the number `2` of `Phase 2: Work` on line 10",
		"line": 20, "span": {"start": 2000, "end": 2016},
	}}
}

test_a_number_going_backwards_is_reported if {
	messages([phase("1", 1), phase("3", 10), phase("2", 20), phase("4", 30)]) == {
		"phase `Phase 2: Work` is numbered `2`, lower than `3` on line 10 before it",
	}
}

test_a_repeat_is_not_also_reported_as_going_backwards if {
	messages([phase("1", 1), phase("2", 10), phase("1", 20), phase("1", 30)]) == {
		"phase `Phase 1: Work` repeats the number `1` of `Phase 1: Work` on line 1",
	}
}

test_increasing_numbers_pass if {
	count(messages([phase("0", 1), phase("1", 10), phase("2", 20)])) == 0
}

test_numbers_compare_part_by_part if {
	count(messages([phase("1.9", 1), phase("1.10", 10), phase("2", 20), phase("2.1", 30)])) == 0
	messages([phase("2.3", 1), phase("2.1", 10)]) == {"phase `Phase 2.1: Work` is numbered `2.1`, lower than `2.3` on line 1 before it"}
}

test_identifiers_compare_by_their_digits if {
	m2 := object.union(phase("M2", 1), {"kind": "milestone", "keyword": "M"})
	m1 := object.union(phase("M1", 10), {"kind": "milestone", "keyword": "M"})
	messages([m2, m1]) == {"milestone `Phase M1: Work` is numbered `M1`, lower than `M2` on line 1 before it"}
}

test_every_run_of_digits_counts_whatever_separates_them if {
	messages([phase("v2 b3", 1), phase("v2_b1", 10)]) == {"phase `Phase v2_b1: Work` is numbered `v2_b1`, lower than `v2 b3` on line 1 before it"}
	count(messages([phase("x", 1), phase("1", 10), phase("y", 15), phase("2", 20)])) == 0
}

test_identifiers_without_digits_are_skipped if {
	count(messages([phase("He", 1), phase("He", 10), phase("H", 20)])) == 0
}

test_other_kinds_and_keywords_are_numbered_separately if {
	sprint := object.union(phase("1", 10), {"kind": "sprint", "keyword": "Sprint"})
	release := object.union(phase("1", 20), {"kind": "milestone", "keyword": "Release"})
	milestone := object.union(phase("1", 30), {"kind": "milestone", "keyword": "Milestone"})
	count(messages([phase("1", 1), sprint, release, milestone])) == 0
}

test_numbering_may_restart_under_another_parent if {
	found := numbering.report with input as {"milestones": [
		object.union(phase("1", 20), {"level": 3, "parent_line": 10}),
		object.union(phase("2", 30), {"level": 3, "parent_line": 10}),
		object.union(phase("1", 60), {"level": 3, "parent_line": 50}),
	]}
	count(found) == 0
}

test_numbering_goes_backwards_under_one_parent if {
	found := numbering.report with input as {"milestones": [
		object.union(phase("2", 20), {"level": 3, "parent_line": 10}),
		object.union(phase("1", 30), {"level": 3, "parent_line": 10}),
	]}
	count(found) == 1
}

test_a_leading_zero_reads_as_the_number if {
	count(messages([phase("03", 1), phase("3", 10)])) == 1
	count(messages([phase("01", 1), phase("02", 10)])) == 0
	count(messages([phase("00", 1), phase("0", 10)])) == 1
	count(messages([phase("1.09", 1), phase("1.010", 10)])) == 0
	count(messages([phase("1.010", 1), phase("1.9", 10)])) == 1
}

sprint(number, line) := object.union(phase(number, line), {"kind": "sprint", "keyword": "Sprint"})

test_a_number_is_compared_with_the_one_before_it_in_its_group if {
	messages([phase("2", 1), sprint("5", 10), phase("1", 20), sprint("1", 30), phase("3", 40), sprint("6", 50)]) == {
		"phase `Phase 1: Work` is numbered `1`, lower than `2` on line 1 before it",
		"sprint `Phase 1: Work` is numbered `1`, lower than `5` on line 10 before it",
	}
}

test_a_letter_after_the_number_is_a_sub_number if {
	count(messages([phase("6", 1), phase("6b", 10), phase("7", 20)])) == 0
	count(messages([phase("2", 1), phase("2.1", 10), phase("2.2", 20), phase("3", 30)])) == 0
	count(messages([phase("M6", 1), phase("M6.0", 10), phase("M6.7", 20)])) == 0
	count(messages([phase("6b", 1), phase("6", 10)])) == 0
	messages([phase("6", 1), phase("6b", 10), phase("6", 20)]) == {"phase `Phase 6: Work` repeats the number `6` of `Phase 6: Work` on line 1"}
}

test_a_list_numbered_downwards_throughout_is_newest_first if {
	count(messages([phase("003", 1), phase("002", 10), phase("001", 20)])) == 0
	messages([phase("3", 1), phase("2", 10), phase("2", 20)]) == {"phase `Phase 2: Work` repeats the number `2` of `Phase 2: Work` on line 10"}
	messages([phase("3", 1), phase("1", 10), phase("2", 20)]) == {"phase `Phase 1: Work` is numbered `1`, lower than `3` on line 1 before it"}
}
