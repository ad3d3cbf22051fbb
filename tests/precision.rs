//! Findings a plan's author agrees with: one finding per cause, templates
//! checked as templates, finished work left alone, sub-numbers understood,
//! and the strict preset as an opt-in. Each case is a fixture of our own in
//! `fixtures/precision/`, checked by the binary as a user runs it.

use assert_cmd::Command;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `mlint check --format short` on `path` (relative to the repository) with
/// the given extra arguments, run from the repository root: the exit code
/// and the finding lines.
fn short(path: &str, args: &[&str]) -> (i32, Vec<String>) {
    let out = Command::cargo_bin("mlint")
        .expect("the mlint binary is built")
        .current_dir(root())
        .env_remove("GITHUB_ACTIONS")
        .args(["check", "--format", "short"])
        .args(args)
        .arg(path)
        .output()
        .expect("mlint runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines = stdout
        .lines()
        .filter(|l| l.starts_with(path))
        .map(|l| l[path.len() + 1..].to_string())
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

fn findings(path: &str) -> Vec<String> {
    short(path, &["--no-config"]).1
}

#[test]
fn a_file_where_no_milestone_states_a_duration_gets_one_finding() {
    assert_eq!(
        findings("fixtures/precision/no-durations.md"),
        [
            "3:1: warning[duration/missing] none of the 3 phases states a duration: add one under each, such as `**Duration:** 2 weeks`"
        ]
    );
}

#[test]
fn when_some_milestones_state_a_duration_the_others_are_reported_each() {
    assert_eq!(
        findings("fixtures/precision/some-durations.md"),
        [
            "9:1: warning[duration/missing] phase `Phase 2: Build` states no duration: add one, such as `**Duration:** 2 weeks`"
        ]
    );
}

#[test]
fn finished_and_cancelled_milestones_are_not_judged_by_the_planning_rules() {
    // Phases 1-3 are done or cancelled and have no duration or no sections;
    // phase 5 is in progress and is judged.
    assert_eq!(
        findings("fixtures/precision/finished.md"),
        [
            "21:1: warning[duration/missing] phase `Phase 5: Support — In progress` states no duration: add one, such as `**Duration:** 2 weeks`"
        ]
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("mlint.toml"), "check_finished = true\n").expect("write");
    let config = dir.path().join("mlint.toml");
    let (_, lines) = short(
        "fixtures/precision/finished.md",
        &["--config", config.to_str().expect("UTF-8 path")],
    );
    let rules: Vec<&str> = lines
        .iter()
        .map(|l| l.split(['[', ']']).nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        rules,
        [
            "duration/missing",
            "duration/missing",
            "structure/missing-section",
            "duration/missing",
            "structure/missing-section",
            "duration/missing"
        ],
        "{lines:#?}"
    );
}

#[test]
fn a_letter_or_version_after_a_number_is_a_sub_number_not_a_repeat() {
    // `Fase 6b` after `Fase 6`, and `Fase 8 v0`, `v0.5`, `v1`: parts of one
    // numbered phase, in order. Only the true repeat is reported.
    assert_eq!(
        findings("fixtures/precision/sub-numbers.md"),
        [
            "21:1: warning[structure/numbering] phase `Fase 7: Soporte` repeats the number `7` of `Fase 7: Lanzamiento` on line 15"
        ]
    );
}

#[test]
fn a_template_reports_its_structure_but_not_its_placeholders() {
    // Under `templates/`: a template by path. Its placeholders are the
    // point; the sprint without a duration slot is still reported.
    assert_eq!(
        findings("fixtures/precision/templates/sprint.md"),
        [
            "11:1: warning[duration/missing] sprint `Sprint 2: [Sprint Name]` states no duration: add one, such as `**Duration:** 2 weeks`"
        ]
    );
    // Sprint 3's empty `- Start:` and `- Finish:` are its duration slot.
    // The same text outside `templates/`: a template because every unit is
    // unfilled.
    assert_eq!(
        findings("fixtures/precision/unfilled.md"),
        Vec::<String>::new()
    );
}

#[test]
fn an_empty_duration_field_in_a_plan_is_reported_as_empty() {
    assert_eq!(
        findings("fixtures/precision/empty-slots.md"),
        [
            "13:3: error[duration/unparseable] sprint `Sprint 2: Export` leaves its duration empty: fill it in, such as `2 weeks`",
            // `**Timeline:**` over a list or a table introduces it: no empty
            // slot.
            "19:1: warning[duration/missing] sprint `Sprint 3: Sharing` states no duration: add one, such as `**Duration:** 2 weeks`",
            "30:1: warning[duration/missing] sprint `Sprint 4: Search` states no duration: add one, such as `**Duration:** 2 weeks`",
            // A `### Timeline` heading over sub-headings is no slot either.
            "43:1: warning[duration/missing] sprint `Sprint 5: Alerts` states no duration: add one, such as `**Duration:** 2 weeks`",
        ]
    );
}

#[test]
fn future_work_is_not_asked_for_a_duration() {
    // `(later)` and `## Future phases` mark future work; `Future-proof` is a
    // name, so Phase 2 is asked for its duration.
    assert_eq!(
        findings("fixtures/precision/future.md"),
        [
            "9:1: warning[duration/missing] phase `Phase 2: Future-proof storage` states no duration: add one, such as `**Duration:** 2 weeks`"
        ]
    );
}

#[test]
fn a_plan_with_many_placeholders_gets_one_finding_that_sums_them_up() {
    assert_eq!(
        findings("fixtures/precision/placeholders.md"),
        [
            "8:1: warning[content/placeholder] 10 places hold unfilled template text, the first on this line: fill them in, or list this file under `templates` in mlint.toml"
        ]
    );
    // Machine formats list every one as well.
    let out = Command::cargo_bin("mlint")
        .expect("the mlint binary is built")
        .current_dir(root())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "fixtures/precision/placeholders.md",
        ])
        .output()
        .expect("mlint runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let lines: Vec<u64> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
}

#[test]
fn the_strict_preset_asks_for_the_first_convention() {
    let path = "fixtures/precision/strict/plan.md";
    let (code, lines) = short(path, &["--config", "fixtures/precision/strict/mlint.toml"]);
    assert_eq!(
        lines,
        [
            "3:1: error[docs/missing-deliverable] phase `Phase 1: Research` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`",
            "3:1: error[structure/missing-section] phase `Phase 1: Research` has no objectives: add `**Objectives:**` with what it is for",
            "7:3: warning[structure/not-checklist] the item under `Deliverables` of phase `Phase 1: Research` is not a checkbox",
        ]
    );
    assert_eq!(code, 1);
    // Under the recommended defaults only the information is left, and the
    // run passes.
    assert_eq!(
        short(path, &["--no-config"]),
        (
            0,
            vec!["7:3: info[structure/not-checklist] the item under `Deliverables` of phase `Phase 1: Research` is not a checkbox".to_string()]
        )
    );
}

#[test]
fn a_guide_that_explains_the_duration_field_states_no_duration() {
    // `- duration: how long the phase lasts …` is a sentence about the
    // field, not a length: no unit, so nothing unreadable to report.
    assert_eq!(
        findings("fixtures/precision/guide.md"),
        [
            "1:1: info[input/no-milestones] no milestone found in a file that looks like a plan: run `mlint outline fixtures/precision/guide.md` to see what mlint read"
        ]
    );
}
