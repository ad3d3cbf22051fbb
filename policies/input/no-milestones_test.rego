package mlint.rules.input.no_milestones_test

import data.mlint.rules.input.no_milestones

phase := {"heading": "Phase 1: Research", "kind": "phase", "line": 3, "span": {"start": 14, "end": 34}}

test_a_plan_without_milestones_is_reported_at_line_1 if {
	findings := no_milestones.report with input as {"path": "docs/ROADMAP.md", "looks_like_plan": true, "milestones": []}
	findings == {{
		"message": "no milestone found in a file that looks like a plan: run `mlint outline docs/ROADMAP.md` to see what mlint read",
		"line": 1,
	}}
}

test_a_plan_with_a_milestone_passes if {
	count(no_milestones.report) == 0 with input as {"path": "docs/ROADMAP.md", "looks_like_plan": true, "milestones": [phase]}
}

test_a_file_that_is_no_plan_passes if {
	count(no_milestones.report) == 0 with input as {"path": "docs/notes.md", "looks_like_plan": false, "milestones": []}
}

test_a_path_a_shell_would_split_is_quoted if {
	findings := no_milestones.report with input as {"path": "docs/Bob's Roadmap.md", "looks_like_plan": true, "milestones": []}
	some f in findings
	f.message == "no milestone found in a file that looks like a plan: run `mlint outline 'docs/Bob'\\''s Roadmap.md'` to see what mlint read"
}
