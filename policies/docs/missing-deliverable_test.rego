package mlint.rules.docs.missing_deliverable_test

import data.mlint.rules.docs.missing_deliverable

item(text) := {"text": text, "checked": false, "depth": 0, "line": 6, "span": {"start": 60, "end": 80}}

milestone(heading, name, texts) := {
	"heading": heading, "kind": "phase", "line": 3, "span": {"start": 10, "end": 33},
	"sections": {name: {"label": "Deliverables", "line": 4, "span": {"start": 34, "end": 50}, "items": [item(t) | some t in texts], "text": concat("\n", texts)}},
}

reported(texts) if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "deliverables", texts)]}
	count(found) == 1
}

test_a_milestone_without_documentation_is_reported if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "deliverables", ["Working CLI", "Docker image"])]}
	found == {{
		"message": "phase `Phase 2: Foundation` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`",
		"line": 3, "span": {"start": 10, "end": 33},
	}}
}

test_a_plan_documented_nowhere_gets_one_finding if {
	found := missing_deliverable.report with input as {"milestones": [
		milestone("Phase 2: Foundation", "deliverables", ["Working CLI"]),
		object.union(milestone("Phase 3: Build", "deliverables", ["Docker image"]), {"line": 9}),
	]}
	[[f.line, f.message] | some f in found] == [[3, "none of the 2 phases lists documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`"]]
}

test_a_plan_documented_somewhere_passes_unless_per_unit if {
	plan := {"milestones": [
		milestone("Phase 2: Foundation", "deliverables", ["Working CLI"]),
		object.union(milestone("Phase 3: Build", "deliverables", ["User guide"]), {"line": 9}),
	]}
	count(missing_deliverable.report) == 0 with input as plan
	[f.message | some f in missing_deliverable.report] == ["phase `Phase 2: Foundation` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`"] with input as plan
		with data.mlint.config.documentation.per_unit as true
}

test_finished_milestones_are_not_judged if {
	done := object.union(milestone("Phase 2: Foundation", "deliverables", ["Working CLI"]), {"status": "done"})
	count(missing_deliverable.report) == 0 with input as {"milestones": [done]}
}

test_documentation_words_pass if {
	not reported(["Working CLI", "README with examples and usage"])
	not reported(["Knowledge documented"])
	not reported(["API Docs published"])
	not reported(["User guides for every command"])
	not reported(["Runbooks and documentation complete"])
}

test_words_match_whole_words_only if {
	reported(["Docker image", "Doctor command"])
	reported(["Guidelines agreed", "Manually tested"])
}

test_non_ascii_keywords_match_inside_text if {
	not reported(["API ドキュメントを公開"])
	not reported(["完成用户文档"])
	not reported(["Documentación Técnica completa"])
}

test_success_criteria_count_too if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "success_criteria", ["Docs updated"])]}
	count(found) == 0
}

test_a_documentation_milestone_passes if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 6: Documentation & Migration", "deliverables", ["Site live"])]}
	count(found) == 0
}

test_a_milestone_without_items_passes if {
	found := missing_deliverable.report with input as {"milestones": [
		milestone("Phase 2: Foundation", "deliverables", []),
		milestone("Phase 3: Build", "tasks", ["Write code"]),
	]}
	count(found) == 0
}

test_keywords_come_from_the_configuration if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "deliverables", ["Docker image"])]}
		with data.mlint.config.documentation.keywords as ["docker"]
	count(found) == 0
}

test_a_configured_keyword_list_still_reports_items_without_it if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "deliverables", ["Working CLI"])]}
		with data.mlint.config.documentation.keywords as ["docker"]
	count(found) == 1
}

test_keywords_are_matched_literally if {
	found := missing_deliverable.report with input as {"milestones": [
		milestone("Phase 2: Foundation", "deliverables", ["C++ API notes"]),
		milestone("Phase 3: Build", "deliverables", ["CXX API notes"]),
	]}
		with data.mlint.config.documentation.keywords as ["C++ API", "文档"]
		with data.mlint.config.documentation.per_unit as true
	[f.message | some f in found] == ["phase `Phase 3: Build` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`"]
}

test_no_keywords_means_no_item_mentions_documentation if {
	found := missing_deliverable.report with input as {"milestones": [milestone("Phase 2: Foundation", "deliverables", ["README"])]}
		with data.mlint.config.documentation.keywords as []
	count(found) == 1
}
