//! End-to-end tests of the `mlint` binary: every command, the exit-code
//! contract (0 clean, 1 findings at or above the fail level, 2 mlint could
//! not do what was asked), every output format, configuration discovery and
//! errors, custom policies, inline suppressions and `mlint test`.
//!
//! Most cases run on the example project in `fixtures/project/` (a team's
//! repository with its own `mlint.toml`, policies and plans); one-off cases
//! write their files into a temporary directory. Every temporary run passes
//! `--no-config` or writes its own `mlint.toml`, so a stray configuration
//! file above the temporary directory cannot change the outcome.

mod common;

use common::{Out, json, mlint_in, run, run_cmd, tempdir, write};
use serde_json::Value;
use std::path::PathBuf;
use tempfile::TempDir;

/// The repository root (the tests' working directory by default).
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example project.
fn project() -> PathBuf {
    root().join("fixtures/project")
}

/// What `mlint check` reports on the example project with its configuration.
const PROJECT_FINDINGS: [&str; 6] = [
    "docs/roadmap.md:1:1: error[custom/team/legacy] milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date",
    "docs/roadmap.md:31:1: warning[custom/team/needs-owner] sprint `Sprint 3: Reporting` names no owner",
    "docs/roadmap.md:33:15: warning[duration/too-long] sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
    "docs/suppressions.md:15:1: warning[mlint/unused-suppression] suppression of `duration/inverted-range` suppresses nothing",
    "docs/suppressions.md:18:1: warning[mlint/unknown-rule] suppression names unknown rule `duration/too-lnog` (did you mean `duration/too-long`?)",
    "docs/suppressions.md:21:1: error[mlint/missing-reason] suppression gives no reason",
];

/// A configuration with the strict preset and no synonyms of its own (the
/// convention the example project's plans were written to), relative to
/// the example project.
const STRICT: &str = "../precision/strict/mlint.toml";

/// A phase with an inverted duration (error) and no documentation deliverable (error).
const INVERTED: &str = "## Phase 2: Build\n\n**Duration:** 6-2 weeks\n\n**Objectives:**\n- Build the core\n\n**Deliverables:**\n- [ ] Core merged\n- [ ] Reference docs\n";

// ---------------------------------------------------------------------------
// check: exit codes and summaries

#[test]
fn check_passing_file_exits_0_with_the_summary_line() {
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "fixtures/rules/duration/too-long/pass.md",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "1 file, 1 milestone: 0 errors, 0 warnings\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn check_failing_file_exits_1() {
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "-f",
            "short",
            "fixtures/rules/duration/inverted-range/fail.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "fixtures/rules/duration/inverted-range/fail.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound\n"
    );
    assert_eq!(out.stderr, "1 file, 1 milestone: 1 error, 0 warnings\n");
}

#[test]
fn fail_level_decides_which_findings_fail_the_run() {
    let warning_only = "fixtures/rules/duration/too-long/fail.md";
    let base = ["check", "--no-config", "-f", "short"];
    let out = run(&root(), &[&base[..], &[warning_only]].concat());
    assert_eq!(out.code, 0, "a warning does not fail by default: {out:?}");
    assert_eq!(
        out.stdout,
        "fixtures/rules/duration/too-long/fail.md:3:15: warning[duration/too-long] sprint `Sprint 4: Hardening` lasts `6 weeks`: longer than the limit of 4 weeks for a sprint\n"
    );
    let out = run(
        &root(),
        &[&base[..], &["--fail-level", "warning", warning_only]].concat(),
    );
    assert_eq!(out.code, 1, "{out:?}");
    let out = run(
        &root(),
        &[
            &base[..],
            &[
                "--fail-level",
                "never",
                "fixtures/rules/duration/inverted-range/fail.md",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.code, 0, "never fails on findings: {out:?}");
    assert_eq!(out.stderr, "1 file, 1 milestone: 1 error, 0 warnings\n");
}

#[test]
fn missing_paths_exit_2_and_each_is_named() {
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "nope.md",
            "fixtures/examples",
            "missing-dir",
        ],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "mlint: error: nope.md: no such file or directory\nmlint: error: missing-dir: no such file or directory\n"
    );
}

#[test]
fn fail_level_never_still_exits_2_for_a_missing_path() {
    let out = run(
        &root(),
        &["check", "--no-config", "--fail-level", "never", "nope.md"],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: nope.md: no such file or directory\n"
    );
}

// ---------------------------------------------------------------------------
// check: output formats

#[test]
fn format_human_without_colour() {
    let out = run(
        &project(),
        &[
            "check",
            "--config",
            STRICT,
            "--color",
            "never",
            "docs/sprint-6.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let expected = [
        "structure/missing-section",
        "",
        "  × sprint `Sprint 6: Hardening` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list",
        "   ╭─[docs/sprint-6.md:3:1]",
        " 2 │",
        " 3 │ ## Sprint 6: Hardening",
        "   · ──────────────────────",
        " 4 │",
        "   ╰────",
        "  help: Add `**Success Criteria:**` or `**Deliverables:**` under the heading, followed by a list.",
        "",
        "1 file, 1 milestone: 1 error, 0 warnings",
    ];
    let got: Vec<&str> = out.stdout.lines().map(str::trim_end).collect();
    assert_eq!(got, expected, "{}", out.stdout);
    assert!(!out.stdout.contains('\u{1b}'));
    assert_eq!(out.stderr, "", "human prints its summary on stdout only");
}

#[test]
fn format_short_on_the_example_project() {
    let out = run(&project(), &["check", "-f", "short"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines(), PROJECT_FINDINGS);
    assert_eq!(out.stderr, "4 files, 7 milestones: 2 errors, 4 warnings\n");
}

#[test]
fn format_json_carries_every_field() {
    let out = run(&project(), &["check", "-f", "json", "docs/roadmap.md"]);
    assert_eq!(out.code, 1, "{out:?}");
    let report = json(&out.stdout);
    assert_eq!(report["version"], 1);
    assert_eq!(
        report["summary"],
        serde_json::json!({"errors": 1, "files": 1, "infos": 0, "milestones": 5, "warnings": 2})
    );
    let diags = report["diagnostics"].as_array().expect("diagnostics");
    let rules: Vec<&str> = diags.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "custom/team/legacy",
            "custom/team/needs-owner",
            "duration/too-long"
        ]
    );
    assert_eq!(
        diags[2],
        serde_json::json!({
            "path": "docs/roadmap.md",
            "rule": "duration/too-long",
            "severity": "warning",
            "message": "sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
            "help": "Split the work into shorter units, or narrow the estimate.",
            "line": 33, "column": 15, "end_line": 33, "end_column": 22,
        })
    );
    assert_eq!(out.stderr, "1 file, 5 milestones: 1 error, 2 warnings\n");
}

#[test]
fn format_sarif_is_valid_sarif_with_rule_descriptors() {
    let out = run(&project(), &["check", "-f", "sarif", "docs/roadmap.md"]);
    assert_eq!(out.code, 1, "{out:?}");
    let sarif = json(&out.stdout);
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "mlint");
    let descriptors = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = descriptors
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"custom/team/needs-owner"), "{ids:?}");
    assert!(ids.contains(&"duration/too-long"), "{ids:?}");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        // ruleIndex points at the descriptor of the same rule.
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(descriptors[index]["id"], r["ruleId"]);
    }
    let too_long = &results[2];
    assert_eq!(too_long["ruleId"], "duration/too-long");
    assert_eq!(too_long["level"], "warning");
    let region = &too_long["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 33);
    assert_eq!(region["startColumn"], 15);
    assert_eq!(region["endColumn"], 22);
    assert_eq!(region["snippet"]["text"], "4 weeks");
    assert_eq!(
        too_long["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/roadmap.md"
    );
}

#[test]
fn format_github_prints_workflow_commands() {
    let out = run(&project(), &["check", "-f", "github", "docs/roadmap.md"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "::error file=docs/roadmap.md,line=1,col=1,endLine=1,endColumn=1,title=custom/team/legacy::milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date",
            "::warning file=docs/roadmap.md,line=31,col=1,endLine=31,endColumn=23,title=custom/team/needs-owner::sprint `Sprint 3: Reporting` names no owner",
            "::warning file=docs/roadmap.md,line=33,col=15,endLine=33,endColumn=22,title=duration/too-long::sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
        ]
    );
}

#[test]
fn format_junit_has_one_failing_case_per_finding() {
    let out = run(
        &project(),
        &[
            "check",
            "--config",
            STRICT,
            "-f",
            "junit",
            "docs/sprint-6.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let xml = &out.stdout;
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        "{xml}"
    );
    assert!(
        xml.contains("<testsuites name=\"mlint\" tests=\"1\" failures=\"1\" errors=\"0\">"),
        "{xml}"
    );
    assert!(
        xml.contains("<testsuite name=\"docs/sprint-6.md\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"),
        "{xml}"
    );
    assert!(
        xml.contains(
            "<testcase name=\"structure/missing-section at 3:1\" classname=\"docs/sprint-6.md\">"
        ),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"sprint `Sprint 6: Hardening` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list\" type=\"structure/missing-section\">"),
        "{xml}"
    );
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    assert_eq!(out.stderr, "1 file, 1 milestone: 1 error, 0 warnings\n");
}

#[test]
fn output_file_gets_the_report_and_stderr_the_summary() {
    let dir = tempdir();
    let report = dir.path().join("report.json");
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "json",
            "--output",
            report.to_str().unwrap(),
            "docs/roadmap.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "1 file, 5 milestones: 1 error, 2 warnings (report written to {})\n",
            report.display()
        )
    );
    let written = json(&std::fs::read_to_string(&report).unwrap());
    assert_eq!(written["summary"]["errors"], 1);
    assert_eq!(written["diagnostics"][0]["rule"], "custom/team/legacy");
    // Nothing but the report is left behind (the temporary file was renamed).
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn output_file_in_human_format_has_no_colour() {
    let dir = tempdir();
    let report = dir.path().join("report.txt");
    let out = run(
        &project(),
        &[
            "check",
            "--color",
            "always",
            "-o",
            report.to_str().unwrap(),
            "docs/roadmap.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.contains("duration/too-long"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
}

#[test]
fn github_actions_without_format_prints_human_and_annotations() {
    let out = run_cmd(
        mlint_in(&project())
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "docs/roadmap.md"]),
    );
    assert_eq!(out.code, 1, "{out:?}");
    // Each file's annotations follow its human report; the summary line
    // ends the output.
    let (human, annotations) = out
        .stdout
        .split_once("\n::")
        .expect("annotations after the human report");
    let annotations = format!("::{annotations}");
    assert!(
        human.contains("  ⚠ sprint `Sprint 3: Reporting` names no owner"),
        "{human}"
    );
    assert_eq!(
        annotations.lines().collect::<Vec<_>>(),
        [
            "::error file=docs/roadmap.md,line=1,col=1,endLine=1,endColumn=1,title=custom/team/legacy::milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date",
            "::warning file=docs/roadmap.md,line=31,col=1,endLine=31,endColumn=23,title=custom/team/needs-owner::sprint `Sprint 3: Reporting` names no owner",
            "::warning file=docs/roadmap.md,line=33,col=15,endLine=33,endColumn=22,title=duration/too-long::sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
            "1 file, 5 milestones: 1 error, 2 warnings",
        ]
    );
    // An explicit format is respected: no annotations added to JSON.
    let out = run_cmd(mlint_in(&project()).env("GITHUB_ACTIONS", "true").args([
        "check",
        "-f",
        "json",
        "docs/roadmap.md",
    ]));
    json(&out.stdout);
}

#[test]
fn github_step_summary_gets_a_markdown_summary() {
    let dir = tempdir();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let out = run_cmd(
        mlint_in(&project())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "-f", "short", "docs/roadmap.md"]),
    );
    assert_eq!(out.code, 1, "{out:?}");
    let text = std::fs::read_to_string(&summary).unwrap();
    let expected = "previous step\n## mlint\n\n1 file, 5 milestones: 1 error, 2 warnings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n| error | `custom/team/legacy` | `docs/roadmap.md:1:1` | milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date |\n| warning | `custom/team/needs-owner` | `docs/roadmap.md:31:1` | sprint `Sprint 3: Reporting` names no owner |\n| warning | `duration/too-long` | `docs/roadmap.md:33:15` | sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint |\n";
    assert_eq!(text.trim_end(), expected.trim_end());
}

#[test]
fn no_ansi_escapes_when_not_a_terminal_or_no_color() {
    // stdout is a pipe here: auto means no colour.
    let out = run(&project(), &["check", "docs/roadmap.md"]);
    assert!(out.stdout.contains("custom/team/legacy"));
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    let out = run_cmd(mlint_in(&project()).env("NO_COLOR", "1").args([
        "check",
        "--color",
        "auto",
        "docs/roadmap.md",
    ]));
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    // The check above means something: forced colour does emit escapes.
    let out = run(
        &project(),
        &["check", "--color", "always", "docs/roadmap.md"],
    );
    assert!(out.stdout.contains("\u{1b}["), "{}", out.stdout);
}

#[test]
fn jobs_do_not_change_the_output() {
    let one = run(&project(), &["check", "-f", "short", "-j", "1"]);
    let many = run(&project(), &["check", "-f", "short", "-j", "4"]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.lines(), PROJECT_FINDINGS);
}

// ---------------------------------------------------------------------------
// check: which files

const NO_DURATION: &str =
    "## Phase 1: X\n\n**Objectives:**\n- y\n\n**Deliverables:**\n- [ ] docs\n";

fn walk_tree() -> TempDir {
    let dir = tempdir();
    let d = dir.path();
    for f in [
        "b/two.md",
        "a/one.md",
        ".hidden/h.md",
        "ignored/i.md",
        "c/z.markdown",
        "top.md",
        "a/notes.txt",
    ] {
        write(d, f, NO_DURATION);
    }
    write(d, ".gitignore", "ignored/\n");
    dir
}

#[test]
fn directory_walk_honours_gitignore_outside_git_skips_hidden_and_sorts() {
    let dir = walk_tree();
    assert!(!dir.path().join(".git").exists());
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--fail-level",
            "warning",
            "-f",
            "short",
            ".",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let files: Vec<&str> = out
        .lines()
        .iter()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(files, ["a/one.md", "b/two.md", "c/z.markdown", "top.md"]);
    assert_eq!(
        out.lines()[0],
        "a/one.md:1:1: warning[duration/missing] phase `Phase 1: X` states no duration: add one, such as `**Duration:** 2 weeks`"
    );
    assert_eq!(out.stderr, "4 files, 4 milestones: 0 errors, 4 warnings\n");
}

#[test]
fn explicit_files_are_always_linted() {
    let dir = walk_tree();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "short",
            "ignored/i.md",
            ".hidden/h.md",
            "a/notes.txt",
        ],
    );
    assert_eq!(
        out.lines(),
        [
            ".hidden/h.md:1:1: warning[duration/missing] phase `Phase 1: X` states no duration: add one, such as `**Duration:** 2 weeks`",
            "a/notes.txt:1:1: warning[duration/missing] phase `Phase 1: X` states no duration: add one, such as `**Duration:** 2 weeks`",
            "ignored/i.md:1:1: warning[duration/missing] phase `Phase 1: X` states no duration: add one, such as `**Duration:** 2 weeks`",
        ]
    );
}

#[test]
fn config_exclude_skips_walked_files_but_not_explicit_ones() {
    let out = run(&project(), &["check", "-f", "short", "."]);
    assert!(
        !out.stdout.contains("archive/old-roadmap.md"),
        "archive/ is excluded: {}",
        out.stdout
    );
    let out = run(
        &project(),
        &["check", "-f", "short", "archive/old-roadmap.md"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "archive/old-roadmap.md:3:1: warning[custom/team/needs-owner] phase `Phase 1: Everything` names no owner",
            "archive/old-roadmap.md:3:1: error[structure/missing-section] phase `Phase 1: Everything` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list",
            "archive/old-roadmap.md:5:15: error[duration/inverted-range] phase `Phase 1: Everything` lasts `6-2 weeks`: the upper bound is below the lower bound",
            "archive/old-roadmap.md:8:1: error[content/placeholder] an item under `Objectives` of phase `Phase 1: Everything` has template text `TBD`",
        ]
    );
}

#[test]
fn force_exclude_drops_an_excluded_explicit_file() {
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "short",
            "--force-exclude",
            "archive/old-roadmap.md",
            "docs/sprint-6.md",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "1 file, 1 milestone: 0 errors, 0 warnings\n");
}

/// A directory named on the command line is linted although `exclude`
/// covers it, as a named file is; globs still judge what lies inside it, and
/// `--force-exclude` drops it.
#[test]
fn a_named_directory_under_an_exclude_glob_is_linted_unless_force_exclude() {
    let dir = tempdir();
    write(
        dir.path(),
        "mlint.toml",
        "exclude = [\"fixtures/**\", \"**/old/**\"]\n",
    );
    write(dir.path(), "fixtures/examples/plan.md", INVERTED);
    write(dir.path(), "fixtures/examples/old/plan.md", INVERTED);
    let out = run(dir.path(), &["check", "-f", "short", "fixtures/examples"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines().len(), 1, "{out:?}");
    assert!(
        out.stdout
            .starts_with("fixtures/examples/plan.md:3:15: error[duration/inverted-range]"),
        "{out:?}"
    );
    // Also when the glob matches only what lies inside the named folder.
    let out = run(dir.path(), &["check", "-f", "short", "fixtures"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines().len(), 1, "{out:?}");
    // Walking the root, the glob excludes the folder as before.
    let out = run(
        dir.path(),
        &["check", "-f", "short", "--fail-on-empty", "."],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    let out = run(
        dir.path(),
        &[
            "check",
            "-f",
            "short",
            "--force-exclude",
            "fixtures/examples",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
}

#[test]
fn a_non_utf8_file_is_reported_and_the_others_still_checked() {
    let dir = tempdir();
    write(dir.path(), "a-bad.md", b"# ok\n\xff\xfe bad\n");
    write(dir.path(), "b-good.md", INVERTED);
    let out = run(dir.path(), &["check", "--no-config", "-f", "short", "."]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "a-bad.md:2:1: error[input/not-utf8] `a-bad.md` is not valid UTF-8: invalid byte 0xFF at byte offset 5",
            "b-good.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound",
        ]
    );
    assert_eq!(out.stderr, "2 files, 1 milestone: 2 errors, 0 warnings\n");
}

#[test]
fn a_file_without_milestones_has_no_findings() {
    let out = run(&project(), &["check", "docs/notes.md"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "1 file, 0 milestones: 0 errors, 0 warnings\n");
}

// ---------------------------------------------------------------------------
// parse, schema, rules, explain, version, completions, man

#[test]
fn parse_prints_the_input_document() {
    let out = run(&root(), &["parse", "fixtures/project/docs/sprint-6.md"]);
    assert_eq!(out.code, 0, "{out:?}");
    let doc = json(&out.stdout);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["path"], "fixtures/project/docs/sprint-6.md");
    assert_eq!(doc["line_count"], 13);
    assert_eq!(doc["lines"][2], "## Sprint 6: Hardening");
    let m = &doc["milestones"][0];
    assert_eq!(doc["milestones"].as_array().unwrap().len(), 1);
    assert_eq!(m["heading"], "Sprint 6: Hardening");
    assert_eq!(m["kind"], "sprint");
    assert_eq!(m["number"], "6");
    assert_eq!(m["name"], "Hardening");
    assert_eq!(m["line"], 3);
    assert_eq!(m["duration"]["text"], "1 sprint");
    assert_eq!(m["duration"]["min_days"], 14);
    assert_eq!(m["fields"]["owner"]["value"], "@alice");
    assert_eq!(
        m["sections"]["objectives"]["items"][0]["text"],
        "Fix the top crash reports"
    );

    let compact = run(
        &root(),
        &["parse", "--compact", "fixtures/project/docs/sprint-6.md"],
    );
    assert_eq!(compact.stdout.lines().count(), 1);
    assert_eq!(json(&compact.stdout), doc);
}

#[test]
fn parse_uses_the_configuration_vocabulary() {
    // `mlint parse` reads the configuration: in the example project `1 sprint`
    // is 21 days and the `Exit Gate` synonym is recognised.
    let out = run(&project(), &["parse", "docs/sprint-6.md"]);
    let doc = json(&out.stdout);
    let m = &doc["milestones"][0];
    assert_eq!(m["duration"]["min_days"], 21);
    assert_eq!(m["sections"]["success_criteria"]["label"], "Exit Gate");
    let out = run(
        &project(),
        &["parse", "--config", "nope.toml", "docs/sprint-6.md"],
    );
    assert_eq!(out.code, 2, "a missing --config file is an error: {out:?}");
}

#[test]
fn parse_errors_exit_2() {
    let dir = tempdir();
    write(dir.path(), "bad.md", b"ab\xffc\n");
    let out = run(dir.path(), &["parse", "bad.md"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `bad.md` is not valid UTF-8 (first invalid byte at offset 2)\n"
    );
    let out = run(dir.path(), &["parse", "nope.md"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("mlint: error: cannot read `nope.md`: "),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------
// outline

#[test]
fn outline_prints_one_line_per_unit() {
    let out = run(&root(), &["outline", "--no-config", "fixtures/outline"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "");
    assert_eq!(
        out.stdout,
        "\
fixtures/outline/notes.md: no unit found

fixtures/outline/q3.md: no unit found in what looks like a plan (write units as headings such as `## Phase 1: Research`, or add your words to [keywords] in mlint.toml)

fixtures/outline/roadmap.md: 5 units
   3  Phase 1: Research           phase      heading  2-3 weeks (14-21 days)  Done     objectives (2), tasks (2)
  17  Phase 2: Build              phase      heading  6 weeks (42 days)
  23    Sprint 1: Foundations     sprint     heading  2 weeks (14 days)                deliverables (2)
  32    Sprint 2: Polish          sprint     heading  TBD (placeholder)
  36  Milestone 3: Public launch  milestone  heading  Ongoing (ongoing)       Planned  success_criteria (1)
"
    );
}

#[test]
fn outline_json_lists_files_by_path_and_units_by_line() {
    let out = run(
        &root(),
        &[
            "outline",
            "--no-config",
            "--format",
            "json",
            "fixtures/outline",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    insta::assert_snapshot!("outline_json", out.stdout);
    let files = json(&out.stdout);
    let paths: Vec<&str> = files
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "fixtures/outline/notes.md",
            "fixtures/outline/q3.md",
            "fixtures/outline/roadmap.md"
        ]
    );
    assert_eq!(files[1]["looks_like_plan"], true);
    assert_eq!(files[1]["units"], serde_json::json!([]));
    let sprint = &files[2]["units"][2];
    assert_eq!(sprint["title"], "Sprint 1: Foundations");
    assert_eq!(sprint["parent"], 17, "nested through `### Sprints`");
    assert_eq!(sprint["duration"]["max_days"], 14);
}

#[test]
fn outline_uses_the_configuration_vocabulary() {
    // In the example project a sprint is 21 days.
    let out = run(&project(), &["outline", "docs/sprint-6.md"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("1 sprint (21 days)"), "{}", out.stdout);
}

#[test]
fn outline_escapes_control_characters_in_titles() {
    let dir = tempdir();
    write(
        dir.path(),
        "plan.md",
        "## Phase 1: Red\u{1b}[31m alert\u{202e}txt\n\n**Duration:** 1 week\n",
    );
    let out = run(dir.path(), &["outline", "--no-config", "plan.md"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "plan.md: 1 unit\n  1  Phase 1: Red\\u{1b}[31m alert\\u{202e}txt  phase  heading  1 week (7 days)\n"
    );
}

#[test]
fn outline_errors_exit_2() {
    let dir = tempdir();
    write(dir.path(), "bad.md", b"ab\xffc\n");
    write(dir.path(), "good.md", "## Phase 1: Go\n");
    let out = run(dir.path(), &["outline", "--no-config", "nope.md"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "mlint: error: nope.md: no such file or directory\n"
    );
    // A file that cannot be read does not hide the others.
    let out = run(dir.path(), &["outline", "--no-config", "bad.md", "good.md"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `bad.md` is not valid UTF-8 (first invalid byte at offset 2)\n"
    );
    assert!(
        out.stdout.starts_with("good.md: 1 unit\n"),
        "{}",
        out.stdout
    );
    let out = run(dir.path(), &["outline"]);
    assert_eq!(out.code, 2, "a path is required: {out:?}");
}

#[test]
fn a_plan_without_milestones_is_an_info_that_does_not_fail_the_check() {
    let dir = tempdir();
    write(dir.path(), "docs/ROADMAP.md", "# Roadmap\n\nWe will see.\n");
    write(dir.path(), "docs/notes.md", "# Notes\n\nNothing planned.\n");
    let out = run(dir.path(), &["check", "--no-config", "-f", "short", "docs"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "docs/ROADMAP.md:1:1: info[input/no-milestones] no milestone found in a file that looks like a plan: run `mlint outline docs/ROADMAP.md` to see what mlint read\n"
    );
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--rule",
            "input/no-milestones=error",
            "docs",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    // The command in the message can be pasted into a shell.
    write(dir.path(), "more/Product Roadmap.md", "# Roadmap\n");
    let out = run(dir.path(), &["check", "--no-config", "-f", "short", "more"]);
    assert!(
        out.stdout
            .contains("run `mlint outline 'more/Product Roadmap.md'` to see"),
        "{}",
        out.stdout
    );
    // It can be waived in the file like any other rule.
    write(
        dir.path(),
        "docs/ROADMAP.md",
        "<!-- mlint-disable input/no-milestones -- a stub -->\n# Roadmap\n",
    );
    let out = run(dir.path(), &["check", "--no-config", "-f", "short", "docs"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{out:?}");
}

#[test]
fn outline_into_a_closed_pipe_exits_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mlint"))
        .args(["outline", "--no-config", "fixtures/outline"])
        .current_dir(root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mlint starts");
    // The reader goes away (as `head` does) before or while mlint writes.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("mlint exits");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn schema_is_a_json_schema_of_the_parse_output() {
    let out = run(&root(), &["schema"]);
    assert_eq!(out.code, 0, "{out:?}");
    let schema = json(&out.stdout);
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["properties"]["schema_version"]["const"], 1);
    // Its top-level properties are exactly the keys `mlint parse` prints.
    let doc = json(&run(&root(), &["parse", "fixtures/project/docs/roadmap.md"]).stdout);
    let mut doc_keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    let mut schema_keys: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    doc_keys.sort();
    schema_keys.sort();
    required.sort();
    assert_eq!(doc_keys, schema_keys);
    assert_eq!(
        required,
        doc_keys.iter().map(|k| k.as_str()).collect::<Vec<_>>()
    );
}

const BUNDLED_AND_BUILTIN: [&str; 21] = [
    "content/mojibake",
    "content/placeholder",
    "docs/missing-deliverable",
    "duration/conflict",
    "duration/inverted-range",
    "duration/missing",
    "duration/overloaded",
    "duration/too-long",
    "duration/too-short",
    "duration/unparseable",
    "duration/wide-range",
    "input/no-milestones",
    "input/not-utf8",
    "input/unreadable",
    "mlint/missing-reason",
    "mlint/unknown-rule",
    "mlint/unused-suppression",
    "structure/empty-section",
    "structure/missing-section",
    "structure/not-checklist",
    "structure/numbering",
];

#[test]
fn rules_lists_every_rule_with_its_level() {
    let out = run(&root(), &["rules", "--no-config"]);
    assert_eq!(out.code, 0, "{out:?}");
    let ids: Vec<&str> = out
        .lines()
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, BUNDLED_AND_BUILTIN);
    assert!(
        out.stdout.contains(
            "duration/too-long          warning  a milestone that may last longer than its kind allows\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn rules_include_custom_policies() {
    let out = run(
        &root(),
        &[
            "rules",
            "--no-config",
            "--policy",
            "fixtures/project/policies",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .contains("custom/team/needs-owner    warning  a milestone that names no owner\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("custom/team/legacy         error    custom/team/legacy\n"),
        "{}",
        out.stdout
    );
    assert_eq!(out.lines().len(), BUNDLED_AND_BUILTIN.len() + 2);
}

#[test]
fn rules_json_lists_every_rule() {
    let out = run(
        &root(),
        &[
            "rules",
            "--no-config",
            "--format",
            "json",
            "--policy",
            "fixtures/project/policies",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let list = json(&out.stdout);
    let list = list.as_array().unwrap();
    let mut ids: Vec<&str> = list.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), BUNDLED_AND_BUILTIN.len() + 2);
    ids.retain(|id| !id.starts_with("custom/"));
    assert_eq!(ids, BUNDLED_AND_BUILTIN);
    let owner = list
        .iter()
        .find(|r| r["id"] == "custom/team/needs-owner")
        .unwrap();
    assert_eq!(
        *owner,
        serde_json::json!({
            "id": "custom/team/needs-owner",
            "level": "warning",
            "default_level": "warning",
            "title": "a milestone that names no owner",
            "origin": "custom",
            "file": "fixtures/project/policies/owner.rego",
        })
    );
    let builtin = list.iter().find(|r| r["id"] == "input/not-utf8").unwrap();
    assert_eq!(builtin["origin"], "builtin");
    let bundled = list
        .iter()
        .find(|r| r["id"] == "duration/too-long")
        .unwrap();
    assert_eq!(bundled["origin"], "bundled");
    assert_eq!(bundled["file"], "policies/duration/too-long.rego");
}

#[test]
fn rules_show_the_configured_levels() {
    let out = run(&project(), &["rules", "--format", "json"]);
    let list = json(&out.stdout);
    let level = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| (r["level"].clone(), r["default_level"].clone()))
            .unwrap()
    };
    assert_eq!(
        level("duration/wide-range"),
        ("off".into(), "warning".into())
    );
    assert_eq!(
        level("content/placeholder"),
        ("error".into(), "warning".into())
    );
    assert_eq!(
        level("custom/team/needs-owner"),
        ("warning".into(), "warning".into())
    );
}

#[test]
fn explain_prints_the_rule_documentation_with_options() {
    let out = run(&root(), &["explain", "--no-config", "duration/too-long"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = &out.stdout;
    assert!(
        text.starts_with(
            "# duration/too-long\n\nA milestone that may last longer than its kind allows.\n"
        ),
        "{text}"
    );
    for part in [
        "- Default level: `warning`\n",
        "- Source: bundled (`policies/duration/too-long.rego`)\n",
        "## What it checks\n",
        "## How to fix\n\nSplit the work into shorter units, or narrow the estimate.\n",
        "## Fails\n\n```markdown\n### Sprint 2: Core Feature\n**Duration:** 3-6 weeks\n```\n",
        "## Options\n",
        "- `duration.max_days` (default: `{ milestone = 91, phase = 182, sprint = 28 }`)\n",
        "Turn it off with `--rule duration/too-long=off`",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
}

#[test]
fn explain_a_custom_rule() {
    let out = run(
        &root(),
        &[
            "explain",
            "--no-config",
            "--policy",
            "fixtures/project/policies",
            "custom/team/needs-owner",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .starts_with("# custom/team/needs-owner\n\nA milestone that names no owner.\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("- Default level: `warning`\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Add an owner under the heading, such as `**Owner:** @alice`."),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_an_unknown_rule_suggests_the_closest() {
    let out = run(&root(), &["explain", "--no-config", "duratoin/too-long"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "mlint: error: no rule `duratoin/too-long`; closest: `duration/too-long`, `duration/too-short`, `duration/conflict`\n"
    );
}

#[test]
fn version_names_mlint_and_the_policies() {
    let out = run(&root(), &["--version"]);
    assert_eq!(out.code, 0, "{out:?}");
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(out.stdout, format!("mlint {v} (policies {v})\n"));
}

#[test]
fn completions_for_bash() {
    let out = run(&root(), &["completions", "bash"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("_mlint() {\n"), "{}", out.stdout);
    for word in [
        "check",
        "parse",
        "--fail-level",
        "--force-exclude",
        "complete -F _mlint",
    ] {
        assert!(out.stdout.contains(word), "missing {word}");
    }
    let out = run(&root(), &["completions", "tcsh"]);
    assert_eq!(out.code, 2, "an unknown shell is a usage error: {out:?}");
}

#[test]
fn man_page_is_roff() {
    let out = run(&root(), &["man"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains(".TH mlint 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH NAME"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH SUBCOMMANDS"), "{}", out.stdout);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&root(), &["check", "--format", "xml", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        out.stderr
    );
    let out = run(
        &root(),
        &["check", "--config", "a.toml", "--no-config", "."],
    );
    assert_eq!(out.code, 2, "{out:?}");
}

// ---------------------------------------------------------------------------
// configuration: each option changes an outcome

const SPRINTS: &str = "## Sprint 1: Import\n\n**Duration:** 2 sprints\n\n**Objectives:**\n- Import data\n\n**Deliverables:**\n- [ ] Importer\n- [ ] Import guide\n\n## Sprint 2: Reports\n\n**Duration:** 4 weeks\n\n**Objectives:**\n- Reports\n\n**Deliverables:**\n- [ ] Report generator\n- [ ] Report docs\n";

fn check_with_config(config: &str, file: &str, text: &str) -> Out {
    let dir = tempdir();
    write(dir.path(), "mlint.toml", config);
    write(dir.path(), file, text);
    run(
        dir.path(),
        &["check", "-f", "short", "--fail-level", "warning", file],
    )
}

#[test]
fn config_sprint_length_and_limit() {
    let out = check_with_config("", "plan.md", SPRINTS);
    assert_eq!(out.code, 0, "28 days is within the default limit: {out:?}");
    let out = check_with_config("[units]\nsprint = 21\n", "plan.md", SPRINTS);
    assert_eq!(
        out.lines(),
        [
            "plan.md:3:15: warning[duration/too-long] sprint `Sprint 1: Import` lasts `2 sprints`: longer than the limit of 4 weeks for a sprint"
        ]
    );
    let out = check_with_config("[duration.max_days]\nsprint = 21\n", "plan.md", SPRINTS);
    assert_eq!(
        out.lines(),
        [
            "plan.md:3:15: warning[duration/too-long] sprint `Sprint 1: Import` lasts `2 sprints`: longer than the limit of 3 weeks for a sprint",
            "plan.md:14:15: warning[duration/too-long] sprint `Sprint 2: Reports` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
        ]
    );
}

#[test]
fn config_extra_section_synonym() {
    let out = run(
        &project(),
        &[
            "check",
            "--config",
            STRICT,
            "-f",
            "short",
            "docs/sprint-6.md",
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.lines(),
        [
            "docs/sprint-6.md:3:1: error[structure/missing-section] sprint `Sprint 6: Hardening` has no success criteria or deliverables: add `**Success Criteria:**` or `**Deliverables:**` followed by a list"
        ]
    );
    let out = run(&project(), &["check", "-f", "short", "docs/sprint-6.md"]);
    assert_eq!(
        out.code, 0,
        "`Exit Gate` is a success-criteria label here: {out:?}"
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn config_rule_levels() {
    let out = check_with_config(
        "[rules]\n\"duration/inverted-range\" = \"warning\"\n",
        "p.md",
        INVERTED,
    );
    assert_eq!(
        out.lines(),
        [
            "p.md:3:15: warning[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound"
        ]
    );
    let out = check_with_config(
        "[rules]\n\"duration/inverted-range\" = \"off\"\n",
        "p.md",
        INVERTED,
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
    let out = check_with_config("[rules]\n\"duration/*\" = \"info\"\n", "p.md", INVERTED);
    assert_eq!(out.code, 0, "info never fails: {out:?}");
    assert_eq!(
        out.lines(),
        [
            "p.md:3:15: info[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound"
        ]
    );
    assert_eq!(
        out.stderr,
        "1 file, 1 milestone: 0 errors, 0 warnings, 1 info\n"
    );
    // One rule wins over its category, whatever the order.
    let out = check_with_config(
        "[rules]\n\"duration/inverted-range\" = \"error\"\n\"duration/*\" = \"off\"\n",
        "p.md",
        INVERTED,
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines().len(), 1, "{out:?}");
}

#[test]
fn config_rules_in_the_project() {
    // `duration/wide-range` is off and `content/*` is error in the project.
    let out = run(
        &project(),
        &["check", "-f", "short", "--no-config", "docs/roadmap.md"],
    );
    assert!(
        out.stdout.contains("docs/roadmap.md:59:15: warning[duration/wide-range] sprint `Sprint 5: Search` lasts `5-16 days`: the upper bound is 3.2 times the lower, more than 3\n"),
        "{}",
        out.stdout
    );
    let out = run(&project(), &["check", "-f", "short", "docs/roadmap.md"]);
    assert!(!out.stdout.contains("wide-range"), "{}", out.stdout);
    let out = run(
        &project(),
        &["check", "-f", "short", "archive/old-roadmap.md"],
    );
    assert!(
        out.stdout.contains("error[content/placeholder]"),
        "{}",
        out.stdout
    );
    let out = run(
        &project(),
        &[
            "check",
            "--no-config",
            "-f",
            "short",
            "archive/old-roadmap.md",
        ],
    );
    assert!(
        out.stdout.contains("warning[content/placeholder]"),
        "{}",
        out.stdout
    );
}

#[test]
fn config_exclude_and_policies_and_require_reason() {
    let with = run(&project(), &["check", "-f", "short"]);
    let without = run(&project(), &["check", "-f", "short", "--no-config"]);
    // exclude
    assert!(!with.stdout.contains("archive/old-roadmap.md"));
    assert!(
        without
            .stdout
            .contains("archive/old-roadmap.md:5:15: error[duration/inverted-range]"),
        "{}",
        without.stdout
    );
    // policies
    assert!(with.stdout.contains("[custom/team/needs-owner]"));
    assert!(!without.stdout.contains("custom/"), "{}", without.stdout);
    // require_reason
    assert!(with.stdout.contains(
        "docs/suppressions.md:21:1: error[mlint/missing-reason] suppression gives no reason\n"
    ));
    assert!(
        !without.stdout.contains("missing-reason"),
        "{}",
        without.stdout
    );
}

#[test]
fn config_accept_ongoing() {
    let plan = "## Phase 1: Support\n\n**Duration:** Ongoing\n\n**Objectives:**\n- Answer tickets\n\n**Deliverables:**\n- [ ] Support runbook\n";
    let out = check_with_config("", "plan.md", plan);
    assert_eq!(out.code, 0, "{out:?}");
    let out = check_with_config("[duration]\naccept_ongoing = false\n", "plan.md", plan);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "plan.md:3:15: warning[duration/missing] phase `Phase 1: Support` lasts `Ongoing`: ongoing is not a duration here"
        ]
    );
}

#[test]
fn config_extend_documentation() {
    let plan = "## Phase 1: Support\n\n**Duration:** 2 weeks\n\n**Objectives:**\n- Answer tickets\n\n**Deliverables:**\n- [ ] Handover notes for the next rotation\n";
    let out = check_with_config("", "plan.md", plan);
    assert_eq!(
        out.lines(),
        [
            "plan.md:1:1: info[docs/missing-deliverable] phase `Phase 1: Support` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`"
        ]
    );
    let out = check_with_config(
        "[extend.documentation]\nkeywords = [\"handover\"]\n",
        "plan.md",
        plan,
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
}

#[test]
fn config_file_named_with_config_is_relative_to_itself() {
    // From the repository root: the project's policies and synonyms apply.
    let out = run(
        &root(),
        &[
            "check",
            "-f",
            "short",
            "--config",
            "fixtures/project/mlint.toml",
            "fixtures/project/docs/roadmap.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        PROJECT_FINDINGS[..3]
            .iter()
            .map(|l| format!("fixtures/project/{l}"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn config_is_found_upward_from_a_subdirectory() {
    let docs = project().join("docs");
    let out = run(&docs, &["check", "-f", "short", "sprint-6.md"]);
    assert_eq!(out.code, 0, "the project's mlint.toml applies: {out:?}");
    let out = run(
        &docs,
        &[
            "check",
            "-f",
            "short",
            "--config",
            "../../precision/strict/mlint.toml",
            "sprint-6.md",
        ],
    );
    assert_eq!(out.code, 1, "without the project's synonyms: {out:?}");
    let out = run(&docs, &["config"]);
    assert!(
        out.stdout.starts_with("# effective configuration ("),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("sprint = 21  # "), "{}", out.stdout);
}

#[test]
fn dot_mlint_toml_is_found_too() {
    let dir = tempdir();
    write(
        dir.path(),
        ".mlint.toml",
        "[rules]\n\"duration/inverted-range\" = \"off\"\n",
    );
    write(dir.path(), "p.md", INVERTED);
    let out = run(dir.path(), &["check", "-f", "short", "p.md"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn rule_flag_overrides_the_file() {
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "short",
            "--rule",
            "duration/wide-range=warning",
            "docs/roadmap.md",
        ],
    );
    assert!(
        out.stdout
            .contains("docs/roadmap.md:59:15: warning[duration/wide-range]"),
        "{}",
        out.stdout
    );
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "short",
            "--rule",
            "custom/team/legacy=off",
            "--rule",
            "duration/too-long=error",
            "docs/roadmap.md",
        ],
    );
    assert_eq!(
        out.lines(),
        [
            "docs/roadmap.md:31:1: warning[custom/team/needs-owner] sprint `Sprint 3: Reporting` names no owner",
            "docs/roadmap.md:33:15: error[duration/too-long] sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
        ]
    );
}

#[test]
fn rule_flag_errors() {
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "--rule",
            "duration/too-long=fatal",
            ".",
        ],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `--rule duration/too-long=fatal`: level `fatal` is not one of error, warning, info, off\n"
    );
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "--rule",
            "duration/too-lnog=off",
            ".",
        ],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `--rule duration/too-lnog=…`: no rule `duration/too-lnog` (did you mean `duration/too-long`?)\n"
    );
    let out = run(
        &root(),
        &["check", "--no-config", "--rule", "duration/too-long", "."],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `--rule duration/too-long`: expected ID=LEVEL, such as `duration/too-long=off`\n"
    );
}

// ---------------------------------------------------------------------------
// configuration errors

/// Runs `mlint check` in a directory whose `mlint.toml` is `config`.
fn config_error(config: &str) -> Out {
    let dir = tempdir();
    write(dir.path(), "mlint.toml", config);
    write(dir.path(), "plans/p.md", INVERTED);
    let out = run(dir.path(), &["check", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "");
    out
}

#[test]
fn config_error_unknown_key_suggests_the_closest() {
    let out = config_error("require_reason = true\nexclud = [\"archive/**\"]\n");
    let err = out.stderr_flat();
    assert!(
        err.contains(
            "× mlint.toml:2: unknown key `exclud` at the top level (did you mean `exclude`?)"
        ),
        "{err}"
    );
    assert!(err.contains(" 2 │ exclud = [\"archive/**\"]\n"), "{err}");
    assert!(
        err.contains("help: known keys: `check_finished`, `docs_url`, `documentation`, "),
        "{err}"
    );
    assert!(
        err.ends_with("mlint: error: 1 problem in the configuration\n"),
        "{err}"
    );
}

#[test]
fn config_error_unknown_nested_key() {
    let out = config_error("[duration]\nmax_dayz = 3\n");
    let err = out.stderr_flat();
    assert!(
        err.contains(
            "× mlint.toml:2: unknown key `max_dayz` in `[duration]` (did you mean `max_days`?)"
        ),
        "{err}"
    );
}

#[test]
fn config_error_unknown_rule_id_suggests_the_closest() {
    let out = config_error("[rules]\n\"duration/too-lnog\" = \"off\"\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:2: unknown rule `duration/too-lnog` in `[rules]` (did you mean `duration/too-long`?)"),
        "{err}"
    );
    assert!(
        err.contains(" 2 │ \"duration/too-lnog\" = \"off\"\n"),
        "{err}"
    );
    assert!(
        err.contains("help: `mlint rules` lists every rule"),
        "{err}"
    );
    assert!(
        err.ends_with("mlint: error: 1 problem in the configuration\n"),
        "{err}"
    );
}

#[test]
fn config_error_wrong_type() {
    let out = config_error("\nrequire_reason = \"yes\"\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:2: `require_reason` must be a boolean, not a string"),
        "{err}"
    );
    assert!(err.contains(" 2 │ require_reason = \"yes\"\n"), "{err}");
    assert!(err.contains("╭─[mlint.toml:2:18]\n"), "{err}");
    let out = config_error("[duration.max_days]\nsprint = \"three weeks\"\n");
    assert!(
        out.stderr_flat()
            .contains("× mlint.toml:2: `duration.max_days.sprint` must be a number, not a string"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_error_bad_glob() {
    let out = config_error("exclude = [\"archive/[abc\"]\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:1: invalid glob `archive/[abc` in `exclude`: unclosed character class; missing ']'"),
        "{err}"
    );
}

#[test]
fn config_error_bad_level() {
    let out = config_error("[rules]\n\"duration/missing\" = \"fatal\"\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:2: level `fatal` for `duration/missing` is not one of `error`, `warning`, `info`, `off`"),
        "{err}"
    );
    let out = config_error("[rules]\n\"duration/missing\" = false\n");
    assert!(
        out.stderr_flat().contains(
            "× mlint.toml:2: the level of `duration/missing` must be a string, not a boolean"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn config_error_missing_policy_dir() {
    let out = config_error("policies = [\"rego\"]\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:1: policy directory `rego` does not exist (relative to the configuration file)"),
        "{err}"
    );
}

#[test]
fn config_error_invalid_toml() {
    let out = config_error("[rules\n");
    let err = out.stderr_flat();
    assert!(err.contains("× mlint.toml:1: invalid TOML: "), "{err}");
}

#[test]
fn config_errors_are_all_reported_at_once() {
    let out = config_error(
        "exclud = [\"x\"]\nrequire_reason = \"yes\"\ninclude = [\"[abc\"]\npolicies = [\"nope\"]\n\n[rules]\n\"duration/missing\" = \"fatal\"\n\n[units]\nsprint = 0\n",
    );
    let err = out.stderr_flat();
    for message in [
        "× mlint.toml:1: unknown key `exclud` at the top level (did you mean `exclude`?)",
        "× mlint.toml:2: `require_reason` must be a boolean, not a string",
        "× mlint.toml:3: invalid glob `[abc` in `include`: unclosed character class; missing ']'",
        "× mlint.toml:4: policy directory `nope` does not exist (relative to the configuration file)",
        "× mlint.toml:7: level `fatal` for `duration/missing` is not one of `error`, `warning`, `info`, `off`",
        "× mlint.toml:10: `units.sprint` must be greater than 0",
    ] {
        assert!(err.contains(message), "missing {message:?} in:\n{err}");
    }
    assert!(
        err.ends_with("mlint: error: 6 problems in the configuration\n"),
        "{err}"
    );
}

#[test]
fn config_reports_unknown_rule_ids_with_other_errors() {
    // Unknown rule ids need the policies, so they are checked after the file
    // is read; they are still reported together with the file's other errors.
    let out = config_error("exclud = [\"x\"]\n\n[rules]\n\"duration/too-lnog\" = \"off\"\n");
    let err = out.stderr_flat();
    assert!(
        err.contains("× mlint.toml:1: unknown key `exclud`"),
        "{err}"
    );
    assert!(
        err.contains("× mlint.toml:4: unknown rule `duration/too-lnog`"),
        "{err}"
    );
    assert!(
        err.ends_with("mlint: error: 2 problems in the configuration\n"),
        "{err}"
    );
}

#[test]
fn config_error_in_a_config_named_with_config() {
    let dir = tempdir();
    write(
        dir.path(),
        "ci/lint.toml",
        "[extend.sectons]\nobjectives = [\"Aims\"]\n",
    );
    let out = run(dir.path(), &["check", "--config", "ci/lint.toml", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    let err = out.stderr_flat();
    assert!(
        err.contains(
            "× ci/lint.toml:1: `extend.sectons` cannot be extended (did you mean `sections`?)"
        ),
        "{err}"
    );
    let out = run(dir.path(), &["check", "--config", "ci/missing.toml", "."]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("cannot read configuration `ci/missing.toml`"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------
// mlint config, mlint init

#[test]
fn config_command_shows_values_with_origins() {
    let out = run(&project(), &["config", "--rule", "duration/too-long=error"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = &out.stdout;
    assert!(
        text.starts_with("# effective configuration (mlint.toml)\n"),
        "{text}"
    );
    for line in [
        "exclude = [\"archive/**\"]  # mlint.toml:6\n",
        "include = [\"**/*.md\", \"**/*.markdown\"]  # default\n",
        "policies = [\"policies\"]  # mlint.toml:7\n",
        "require_reason = true  # mlint.toml:8\n",
        "\n[units]\n",
        "sprint = 21  # mlint.toml:12\n",
        "week = 7  # default\n",
        "\n[duration.max_days]\nmilestone = 91  # default\nphase = 182  # default\nsprint = 21  # mlint.toml:15\n",
        "\n[rules]\n",
        "\"content/mojibake\" = \"error\"  # mlint.toml:21\n",
        "\"custom/team/needs-owner\" = \"warning\"  # default\n",
        "\"duration/too-long\" = \"error\"  # --rule\n",
        "\"duration/wide-range\" = \"off\"  # mlint.toml:19\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in:\n{text}");
    }
    // The output is TOML itself.
    let parsed: Result<toml::Table, _> = text.parse();
    assert!(parsed.is_ok(), "{parsed:?}");
}

#[test]
fn config_command_without_a_file() {
    let out = run(&project(), &["config", "--no-config"]);
    assert!(
        out.stdout
            .starts_with("# effective configuration (no configuration file; all defaults)\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("sprint = 14  # default\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn config_command_shows_the_origin_of_extended_lists() {
    // An `[extend.sections]` list is printed under `[sections]`, with the
    // place of the extension as its origin.
    let out = run(&project(), &["config"]);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("success_criteria = ["))
        .unwrap()
        .to_string();
    assert!(line.contains("\"Exit Gate\""), "{line}");
    assert!(
        line.ends_with("# default + mlint.toml:24") || line.ends_with("# mlint.toml:24"),
        "{line}"
    );
}

#[test]
fn init_writes_a_config_that_check_accepts_and_does_not_overwrite() {
    let dir = tempdir();
    write(dir.path(), "p.md", INVERTED);
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr,
        "wrote mlint.toml\npreset in force: \"recommended\"; `preset = \"strict\"` asks every milestone for objectives, a success-criteria checklist, a duration and a documentation deliverable\n"
    );
    let written = std::fs::read_to_string(dir.path().join("mlint.toml")).unwrap();
    assert!(written.starts_with("# mlint configuration."), "{written}");
    let out = run(
        dir.path(),
        &["check", "--config", "mlint.toml", "-f", "short", "p.md"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "p.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound"
        ]
    );
    // The starter sets only `preset` and `exclude`: the rest stays default.
    let out = run(dir.path(), &["config"]);
    let (options, _) = out.stdout.split_once("\n[rules]\n").unwrap();
    assert!(
        options.contains("\npreset = \"recommended\"  # mlint.toml:"),
        "{options}"
    );
    assert!(
        options.contains("\nexclude = []  # mlint.toml:"),
        "{options}"
    );
    assert!(
        options.contains("\ninclude = [\"**/*.md\", \"**/*.markdown\"]  # default\n"),
        "{options}"
    );
    // `--full`: every value of the written file is its own origin.
    let out = run(dir.path(), &["init", "--full", "full.toml"]);
    assert_eq!(out.code, 0, "{out:?}");
    let out = run(dir.path(), &["config", "--config", "full.toml"]);
    let (options, _) = out.stdout.split_once("\n[rules]\n").unwrap();
    assert!(!options.contains("# default\n"), "{options}");
    std::fs::remove_file(dir.path().join("full.toml")).unwrap();

    std::fs::write(dir.path().join("mlint.toml"), "# mine\n").unwrap();
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: `mlint.toml` already exists (use --force to overwrite)\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mlint.toml")).unwrap(),
        "# mine\n"
    );
    let out = run(dir.path(), &["init", "--force"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mlint.toml")).unwrap(),
        written
    );
    let out = run(dir.path(), &["init", "ci/mlint.toml"]);
    assert_eq!(out.code, 2, "no such directory: {out:?}");
    let out = run(dir.path(), &["init", "other.toml"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr,
        "wrote other.toml\npreset in force: \"recommended\"; `preset = \"strict\"` asks every milestone for objectives, a success-criteria checklist, a duration and a documentation deliverable\n"
    );
}

// ---------------------------------------------------------------------------
// custom policies

#[test]
fn custom_rule_is_reported_with_its_location_in_json_and_sarif() {
    let out = run(&project(), &["check", "-f", "json", "docs/roadmap.md"]);
    let report = json(&out.stdout);
    let owner = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "custom/team/needs-owner")
        .unwrap();
    assert_eq!(
        *owner,
        serde_json::json!({
            "path": "docs/roadmap.md",
            "rule": "custom/team/needs-owner",
            "severity": "warning",
            "message": "sprint `Sprint 3: Reporting` names no owner",
            "help": "Add an owner under the heading, such as `**Owner:** @alice`.",
            "line": 31, "column": 1, "end_line": 31, "end_column": 23,
        })
    );
    let out = run(&project(), &["check", "-f", "sarif", "docs/roadmap.md"]);
    let sarif = json(&out.stdout);
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "custom/team/needs-owner")
        .unwrap()
        .clone();
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(31),
            &Value::from(1),
            &Value::from(31),
            &Value::from(23)
        )
    );
    assert_eq!(region["snippet"]["text"], "## Sprint 3: Reporting");
}

#[test]
fn conftest_deny_strings_are_errors() {
    let out = run(&project(), &["check", "-f", "json", "docs/roadmap.md"]);
    let report = json(&out.stdout);
    let legacy = &report["diagnostics"][0];
    assert_eq!(legacy["rule"], "custom/team/legacy");
    assert_eq!(legacy["severity"], "error");
    assert_eq!(
        legacy["message"],
        "milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date"
    );
    assert_eq!(
        (legacy["line"].clone(), legacy["column"].clone()),
        (1.into(), 1.into())
    );
}

#[test]
fn conftest_warn_and_violation_objects() {
    let dir = tempdir();
    write(
        dir.path(),
        "p/freeze.rego",
        "package mlint.custom.ops.release_freeze\n\nwarn contains msg if {\n\tsome m in input.milestones\n\tm.kind == \"phase\"\n\tmsg := sprintf(\"phase %q is planned during the freeze\", [m.heading])\n}\n\nviolation contains {\"msg\": msg} if {\n\tcount(input.milestones) > 0\n\tmsg := \"no releases this quarter\"\n}\n",
    );
    write(dir.path(), "plan.md", INVERTED);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--policy",
            "p",
            "-f",
            "short",
            "plan.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "plan.md:1:1: error[custom/ops/release-freeze] no releases this quarter",
            "plan.md:1:1: warning[custom/ops/release-freeze] phase \"Phase 2: Build\" is planned during the freeze",
            "plan.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound",
        ]
    );
}

/// Runs `check --policy p` in a directory holding `p/bad.rego`.
fn bad_policy(source: &str) -> Out {
    let dir = tempdir();
    write(dir.path(), "p/bad.rego", source);
    write(dir.path(), "plan.md", INVERTED);
    let out = run(
        dir.path(),
        &["check", "--no-config", "--policy", "p", "plan.md"],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "", "nothing is checked when a policy is broken");
    out
}

#[test]
fn a_policy_with_a_syntax_error_exits_2_with_its_location() {
    let out = bad_policy("package mlint.custom.t.broken\n\nreport contains x if {\n\tx := \n}\n");
    let err = out.stderr_flat();
    assert!(err.contains("× p/bad.rego:4:7: "), "{err}");
    assert!(err.contains("╭─[p/bad.rego:4:7]"), "{err}");
    assert!(err.contains(" 4 │     x :="), "{err}");
}

#[test]
fn a_policy_calling_http_send_is_refused() {
    let out = bad_policy(
        "package mlint.custom.t.net\n\nreport contains {\"message\": \"up\"} if {\n\tr := http.send({\"method\": \"get\", \"url\": \"https://example.com\"})\n\tr.status_code == 200\n}\n",
    );
    assert!(
        out.stderr_flat().contains(
            "× p/bad.rego:4:7: `http.send` is not allowed: policies cannot reach the network"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_policy_calling_opa_runtime_is_refused() {
    let out = bad_policy(
        "package mlint.custom.t.env\n\nreport contains {\"message\": m} if {\n\tm := opa.runtime().env.HOME\n}\n",
    );
    assert!(
        out.stderr_flat().contains(
            "× p/bad.rego:4:7: `opa.runtime` is not allowed: policies cannot read the environment"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_policy_reading_the_clock_is_refused() {
    let out = bad_policy(
        "package mlint.custom.t.clock\n\nreport contains {\"message\": \"late\"} if {\n\ttime.now_ns() > 0\n}\n",
    );
    assert!(
        out.stderr_flat().contains("× p/bad.rego:4:2: `time.now_ns` is not allowed: policies cannot read the clock (results must be reproducible)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_misspelled_builtin_in_an_unreached_branch_exits_2() {
    let out = bad_policy(
        "package mlint.custom.t.typo\n\nreport contains {\"message\": \"many\"} if {\n\tcount(input.milestones) > 100\n\tcoutn(input.headings) > 1000\n}\n",
    );
    assert!(
        out.stderr_flat()
            .contains("× p/bad.rego:5:2: unknown function `coutn` (did you mean `count`?)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_policy_with_a_bad_metadata_level_exits_2() {
    let out = bad_policy(
        "# METADATA\n# title: t\n# custom:\n#   level: fatal\npackage mlint.custom.t.meta\n\nreport contains {\"message\": \"x\"} if { false }\n",
    );
    assert!(
        out.stderr_flat()
            .contains("METADATA `custom.level` is `fatal`; expected `error`, `warning` or `info`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_policy_flag_dir_exits_2() {
    let out = run(
        &root(),
        &[
            "check",
            "--no-config",
            "--policy",
            "no-such-dir",
            "fixtures/examples",
        ],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: policy directory `no-such-dir` does not exist\n"
    );
}

// ---------------------------------------------------------------------------
// suppressions

/// Three phases: each has an inverted duration; phases 2 and 3 list no docs.
const THREE_PHASES: [&str; 32] = [
    "# Plan",
    "",
    "## Phase 1: Alpha",
    "",
    "**Duration:** 6-2 weeks",
    "",
    "**Objectives:**",
    "- Build the core",
    "",
    "**Deliverables:**",
    "- [ ] Core merged",
    "- [ ] Reference docs",
    "",
    "## Phase 2: Beta",
    "",
    "**Duration:** 9-3 weeks",
    "",
    "**Objectives:**",
    "- Ship to testers",
    "",
    "**Deliverables:**",
    "- [ ] Beta build",
    "",
    "## Phase 3: Launch",
    "",
    "**Duration:** 5-1 weeks",
    "",
    "**Objectives:**",
    "- Launch",
    "",
    "**Deliverables:**",
    "- [ ] Launch post",
];

/// `THREE_PHASES` with `(after_line, directive)` lines inserted (line
/// numbers of the original), checked; returns the short lines.
fn suppressed(inserts: &[(usize, &str)]) -> Vec<String> {
    let mut lines: Vec<&str> = Vec::new();
    for (i, line) in THREE_PHASES.iter().enumerate() {
        for (_, d) in inserts.iter().filter(|(after, _)| *after == i) {
            lines.push(d);
        }
        lines.push(line);
    }
    for (_, d) in inserts
        .iter()
        .filter(|(after, _)| *after == THREE_PHASES.len())
    {
        lines.push(d);
    }
    let dir = tempdir();
    write(dir.path(), "plan.md", lines.join("\n") + "\n");
    // The strict preset: every phase needs its own documentation item.
    write(dir.path(), "mlint.toml", "preset = \"strict\"\n");
    let out = run(
        dir.path(),
        &["check", "--config", "mlint.toml", "-f", "short", "plan.md"],
    );
    assert_ne!(out.code, 2, "{out:?}");
    out.lines()
        .iter()
        .map(|l| l.strip_prefix("plan.md:").unwrap().to_string())
        .collect()
}

const INV: &str = "error[duration/inverted-range]";
const DOCS: &str = "error[docs/missing-deliverable]";

/// Lines as `line:col: rule` only, to keep the expectations short.
fn brief(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let (at, rule) = (parts.next().unwrap(), parts.next().unwrap());
            format!("{at} {rule}")
        })
        .collect()
}

#[test]
fn suppressions_baseline() {
    assert_eq!(
        brief(suppressed(&[])),
        [
            format!("5:15: {INV}"),
            format!("14:1: {DOCS}"),
            format!("16:15: {INV}"),
            format!("24:1: {DOCS}"),
            format!("26:15: {INV}"),
        ]
    );
}

#[test]
fn disable_next_line_suppresses_only_the_next_line() {
    let got = brief(suppressed(&[(
        4,
        "<!-- mlint-disable-next-line duration/inverted-range -- agreed -->",
    )]));
    assert_eq!(
        got,
        [
            format!("15:1: {DOCS}"),
            format!("17:15: {INV}"),
            format!("25:1: {DOCS}"),
            format!("27:15: {INV}"),
        ]
    );
}

#[test]
fn disable_enable_suppresses_the_range_and_only_the_named_rule() {
    let got = brief(suppressed(&[
        (
            13,
            "<!-- mlint-disable duration/inverted-range -- beta estimates are rough -->",
        ),
        (23, "<!-- mlint-enable duration/inverted-range -->"),
    ]));
    assert_eq!(
        got,
        [
            format!("5:15: {INV}"),
            format!("15:1: {DOCS}"),
            format!("26:1: {DOCS}"),
            format!("28:15: {INV}"),
        ]
    );
}

#[test]
fn disable_without_rules_suppresses_every_rule_until_enable() {
    let got = brief(suppressed(&[
        (13, "<!-- mlint-disable -- beta is someone else's -->"),
        (23, "<!-- mlint-enable -->"),
    ]));
    assert_eq!(
        got,
        [
            format!("5:15: {INV}"),
            format!("26:1: {DOCS}"),
            format!("28:15: {INV}"),
        ]
    );
}

#[test]
fn disable_without_enable_runs_to_the_end_of_the_file() {
    let got = brief(suppressed(&[(
        13,
        "<!-- mlint-disable duration/inverted-range -- later phases are drafts -->",
    )]));
    assert_eq!(
        got,
        [
            format!("5:15: {INV}"),
            format!("15:1: {DOCS}"),
            format!("25:1: {DOCS}"),
        ]
    );
}

#[test]
fn disable_file_suppresses_the_rule_everywhere() {
    let got = brief(suppressed(&[(
        32,
        "<!-- mlint-disable-file duration/inverted-range -- imported from a template -->",
    )]));
    assert_eq!(got, [format!("14:1: {DOCS}"), format!("24:1: {DOCS}")]);
}

#[test]
fn disable_section_suppresses_its_heading_section() {
    let got = brief(suppressed(&[(
        14,
        "<!-- mlint-disable-section docs/missing-deliverable -- beta ships without docs -->",
    )]));
    assert_eq!(
        got,
        [
            format!("5:15: {INV}"),
            format!("17:15: {INV}"),
            format!("25:1: {DOCS}"),
            format!("27:15: {INV}"),
        ]
    );
}

#[test]
fn category_wildcards_in_suppressions() {
    let got = brief(suppressed(&[(
        2,
        "<!-- mlint-disable-section duration/* -- estimates pending -->",
    )]));
    assert_eq!(
        got,
        [format!("15:1: {DOCS}"), format!("25:1: {DOCS}")],
        "the section of `# Plan` is the whole file"
    );
}

#[test]
fn unused_and_unknown_suppressions_are_findings() {
    let got = suppressed(&[
        (
            4,
            "<!-- mlint-disable-next-line docs/missing-deliverable -- phase 1 has docs -->",
        ),
        (
            15,
            "<!-- mlint-disable-next-line duration/inverted-rnage -- typo -->",
        ),
    ]);
    assert_eq!(
        got,
        [
            "5:1: warning[mlint/unused-suppression] suppression of `docs/missing-deliverable` suppresses nothing",
            "6:15: error[duration/inverted-range] phase `Phase 1: Alpha` lasts `6-2 weeks`: the upper bound is below the lower bound",
            "15:1: error[docs/missing-deliverable] phase `Phase 2: Beta` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`",
            "17:1: warning[mlint/unknown-rule] suppression names unknown rule `duration/inverted-rnage` (did you mean `duration/inverted-range`?)",
            "18:15: error[duration/inverted-range] phase `Phase 2: Beta` lasts `9-3 weeks`: the upper bound is below the lower bound",
            "26:1: error[docs/missing-deliverable] phase `Phase 3: Launch` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`",
            "28:15: error[duration/inverted-range] phase `Phase 3: Launch` lasts `5-1 weeks`: the upper bound is below the lower bound",
        ]
    );
}

/// With every rule off nothing is evaluated, but suppression comments are
/// still checked: a suppression of a rule that is off suppresses nothing.
#[test]
fn with_every_rule_off_suppressions_are_still_checked() {
    let off: Vec<String> = ["content", "custom", "docs", "duration", "structure"]
        .iter()
        .map(|category| format!("{category}/*=off"))
        .collect();
    let mut args = vec!["check", "-f", "short"];
    for rule in &off {
        args.extend(["--rule", rule.as_str()]);
    }
    args.push("docs/suppressions.md");
    let out = run(&project(), &args);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout.lines().collect::<Vec<_>>(),
        [
            "docs/suppressions.md:15:1: warning[mlint/unused-suppression] suppression of `duration/inverted-range` suppresses nothing",
            "docs/suppressions.md:18:1: warning[mlint/unknown-rule] suppression names unknown rule `duration/too-lnog` (did you mean `duration/too-long`?)",
            "docs/suppressions.md:21:1: error[mlint/missing-reason] suppression gives no reason",
            "docs/suppressions.md:21:1: warning[mlint/unused-suppression] suppression of `content/placeholder` suppresses nothing",
        ]
    );
}

#[test]
fn suppression_findings_can_be_turned_off() {
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "short",
            "--rule",
            "mlint/*=off",
            "docs/suppressions.md",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "");
}

#[test]
fn project_suppressions_each_do_their_job() {
    // Each directive in docs/roadmap.md suppresses exactly its finding: the
    // same file with the directives removed has four more.
    let text = std::fs::read_to_string(project().join("docs/roadmap.md")).unwrap();
    let stripped: String = text
        .lines()
        .map(|l| if l.starts_with("<!-- mlint-") { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let dir = tempdir();
    for f in [
        "mlint.toml",
        "policies/owner.rego",
        "policies/conftest_style.rego",
    ] {
        write(dir.path(), f, std::fs::read(project().join(f)).unwrap());
    }
    write(dir.path(), "docs/roadmap.md", stripped);
    let out = run(dir.path(), &["check", "-f", "short", "docs/roadmap.md"]);
    assert_eq!(
        out.lines(),
        [
            "docs/roadmap.md:1:1: error[custom/team/legacy] milestone \"Sprint 5: Search\" is on hold: move it to archive/ or give it a date",
            "docs/roadmap.md:13:3: warning[structure/not-checklist] none of the 2 items under `Exit Gate` of sprint `Sprint 1: Foundations` is a checkbox",
            "docs/roadmap.md:21:15: warning[duration/too-long] sprint `Sprint 2: Import Pipeline` lasts `2 sprints`: longer than the limit of 3 weeks for a sprint",
            "docs/roadmap.md:31:1: warning[custom/team/needs-owner] sprint `Sprint 3: Reporting` names no owner",
            "docs/roadmap.md:33:15: warning[duration/too-long] sprint `Sprint 3: Reporting` lasts `4 weeks`: longer than the limit of 3 weeks for a sprint",
            "docs/roadmap.md:44:1: error[docs/missing-deliverable] sprint `Sprint 4: Billing` lists no documentation among its success criteria or deliverables: add one, such as `- [ ] README updated`",
            "docs/roadmap.md:71:18: error[content/placeholder] field `Target Date` of sprint `Sprint 5: Search` holds template text `TBD`",
        ]
    );
}

#[test]
fn project_suppression_problems_are_reported() {
    let out = run(
        &project(),
        &["check", "-f", "short", "docs/suppressions.md"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines(), PROJECT_FINDINGS[3..]);
    // Without require_reason (and without the custom rules) only the unused
    // and unknown directives are left; the placeholder stays suppressed.
    let out = run(
        &project(),
        &[
            "check",
            "-f",
            "short",
            "--no-config",
            "docs/suppressions.md",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines(), PROJECT_FINDINGS[3..5]);
}

// ---------------------------------------------------------------------------
// mlint test

#[test]
fn test_runs_the_project_policy_tests() {
    let out = run(
        &root(),
        &[
            "test",
            "-v",
            "--run",
            "needs_owner",
            "fixtures/project/policies",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "PASS  data.mlint.custom.team.needs_owner_test.test_a_milestone_with_an_owner_passes (fixtures/project/policies/owner_test.rego)",
            "PASS  data.mlint.custom.team.needs_owner_test.test_a_milestone_without_an_owner_is_reported (fixtures/project/policies/owner_test.rego)",
            "PASS  data.mlint.custom.team.needs_owner_test.test_each_milestone_is_judged_on_its_own (fixtures/project/policies/owner_test.rego)",
            "3 passed, 0 failed, 0 errors",
        ]
    );
    // A named directory's tests only; with `--bundled` the bundled ones too,
    // and all pass.
    let out = run(&root(), &["test", "-v", "fixtures/project/policies"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines().last(), Some(&"3 passed, 0 failed, 0 errors"));
    // A trailing slash names the same directory.
    let out = run(&root(), &["test", "fixtures/project/policies/"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines(), ["3 passed, 0 failed, 0 errors"]);
    let out = run(&root(), &["test", "--bundled", "fixtures/project/policies"]);
    assert_eq!(out.code, 0, "{out:?}");
    let lines = out.lines();
    assert_eq!(lines.len(), 1, "only the summary: {lines:?}");
    let passed: usize = lines[0]
        .strip_suffix(" passed, 0 failed, 0 errors")
        .unwrap_or_else(|| panic!("{}", lines[0]))
        .parse()
        .unwrap();
    assert!(passed > 3, "{}", lines[0]);
}

#[test]
fn a_failing_test_exits_1_and_is_named() {
    let dir = tempdir();
    write(
        dir.path(),
        "p/short.rego",
        "package mlint.custom.t.short_name\n\nimport data.mlint.lib.result\n\nreport contains result.at(m, \"short name\") if {\n\tsome m in input.milestones\n\tcount(m.name) < 5\n}\n",
    );
    write(
        dir.path(),
        "p/short_test.rego",
        "package mlint.custom.t.short_name_test\n\nimport data.mlint.custom.t.short_name\n\ntest_a_short_name_is_reported if {\n\tcount(short_name.report) == 1 with input as mlint.parse_markdown(\"## Phase 1: A\\n\")\n}\n\ntest_a_long_name_is_reported_too if {\n\tcount(short_name.report) == 1 with input as mlint.parse_markdown(\"## Phase 1: A long name\\n\")\n}\n",
    );
    let out = run(
        dir.path(),
        &["test", "--no-config", "--run", "short_name", "p"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.lines(),
        [
            "FAIL  data.mlint.custom.t.short_name_test.test_a_long_name_is_reported_too (p/short_test.rego)",
            "1 passed, 1 failed, 0 errors",
        ]
    );
}

#[test]
fn an_erroring_test_exits_1_with_an_error_line() {
    let dir = tempdir();
    write(
        dir.path(),
        "p/e_test.rego",
        "package mlint.custom.t.err_test\n\ntest_division_by_zero if {\n\tx := 1 / 0\n\tx > 0\n}\n\ntest_parse_needs_a_string if {\n\tmlint.parse_markdown(42)\n}\n",
    );
    let out = run(
        dir.path(),
        &["test", "--no-config", "--run", "err_test", "p"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout.lines().collect::<Vec<_>>(),
        [
            "ERROR data.mlint.custom.t.err_test.test_division_by_zero (p/e_test.rego)",
            "      p/e_test.rego:4:12: divide by zero",
            "ERROR data.mlint.custom.t.err_test.test_parse_needs_a_string (p/e_test.rego)",
            "      p/e_test.rego:9:25: mlint.parse_markdown expects a string of Markdown",
            "0 passed, 0 failed, 2 errors",
        ]
    );
}

#[test]
fn test_accepts_the_configured_policy_directory() {
    // A policy directory named both in mlint.toml and on the command line is
    // loaded once (not "defined twice").
    let out = run(&project(), &["test", "--run", "needs_owner", "policies"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.lines().last(), Some(&"3 passed, 0 failed, 0 errors"));
    let out = run(
        &project(),
        &["check", "--policy", "policies", "docs/sprint-6.md"],
    );
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn test_bundled_tests_pass_in_a_project_with_custom_thresholds() {
    // The project sets `[duration.max_days] sprint = 21`; the bundled tests
    // are written against the default 28, so they run with the defaults.
    let out = run(&project(), &["test"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!out.stdout.contains("FAIL"), "{}", out.stdout);
}

#[test]
fn exclude_globs_are_relative_to_the_config_file() {
    // Run from the repository root: `archive/**` still means the project's archive.
    let out = run(
        &root(),
        &[
            "check",
            "-f",
            "short",
            "--config",
            "fixtures/project/mlint.toml",
            "fixtures/project",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(!out.stdout.contains("old-roadmap"), "{}", out.stdout);
    assert_eq!(out.stderr, "4 files, 7 milestones: 2 errors, 4 warnings\n");
    // --force-exclude from a subdirectory, with a relative and an absolute path.
    let docs = project().join("docs");
    let absolute = project().join("archive/old-roadmap.md");
    for path in ["../archive/old-roadmap.md", absolute.to_str().unwrap()] {
        let out = run(&docs, &["check", "-f", "short", "--force-exclude", path]);
        assert_eq!(out.code, 0, "{out:?}");
        let shown = if path.starts_with('/') {
            absolute.display().to_string()
        } else {
            path.to_string()
        };
        assert_eq!(
            out.stderr,
            format!(
                "mlint: warning: no Markdown files found in `{shown}`\n0 files, 0 milestones: 0 errors, 0 warnings\n"
            )
        );
    }
}

#[test]
fn an_unwritable_output_exits_2_and_a_bad_step_summary_only_warns() {
    let dir = tempdir();
    write(dir.path(), "p.md", INVERTED);
    let out = run(
        dir.path(),
        &["check", "--no-config", "-o", "no-dir/report.txt", "p.md"],
    );
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("mlint: error: cannot write `no-dir/report.txt`: "),
        "{}",
        out.stderr
    );
    let out = run_cmd(
        mlint_in(dir.path())
            .env("GITHUB_STEP_SUMMARY", dir.path())
            .args(["check", "--no-config", "-f", "short", "p.md"]),
    );
    assert_eq!(out.code, 1, "findings still decide the exit code: {out:?}");
    assert!(
        out.stderr
            .contains("mlint: warning: cannot write the job summary to "),
        "{}",
        out.stderr
    );
}

#[test]
fn config_command_names_a_category_rule_flag_as_the_origin() {
    // A category given with `--rule` is named as the origin of each rule it
    // sets.
    let out = run(&project(), &["config", "--rule", "duration/*=off"]);
    assert!(
        out.stdout
            .contains("\"duration/missing\" = \"off\"  # --rule duration/*\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_run_without_files_warns_and_fail_on_empty_exits_1() {
    let dir = tempdir();
    write(dir.path(), "docs/notes.txt", "not markdown\n");
    let out = run(dir.path(), &["check", "--no-config", "docs"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: warning: no Markdown files found in `docs`\n"
    );
    assert_eq!(out.stdout, "0 files, 0 milestones: 0 errors, 0 warnings\n");
    let out = run(
        dir.path(),
        &["check", "--no-config", "--fail-on-empty", "docs"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: warning: no Markdown files found in `docs`\n"
    );
    // A file found, clean: `--fail-on-empty` changes nothing.
    write(dir.path(), "docs/a.md", "# Notes\n");
    let out = run(
        dir.path(),
        &["check", "--no-config", "--fail-on-empty", "docs"],
    );
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{out:?}");
}

#[test]
fn quiet_prints_the_findings_only() {
    let out = run(&project(), &["check", "-q", "docs/roadmap.md"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("duration/too-long"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("1 file, 5 milestones"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr, "");
    let out = run(
        &project(),
        &["check", "-q", "-f", "short", "docs/roadmap.md"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines().len(), 3, "{out:?}");
    assert_eq!(out.stderr, "");
}

#[test]
fn statistics_count_findings_per_rule_most_first() {
    let dir = tempdir();
    let twice = INVERTED.replace(
        "## Phase 2: Build",
        "## Phase 2: Build\n\n**Duration:** 9-1 weeks\n\n## Phase 3: Ship",
    );
    write(dir.path(), "a.md", &twice);
    write(dir.path(), "b.md", INVERTED);
    write(
        dir.path(),
        "c.md",
        "## Phase 1: Plan\n\n**Duration:** 40 weeks\n\n**Objectives:**\n- Plan\n\n**Success Criteria:**\n- [ ] Planned\n- [ ] Plan documented\n",
    );
    let out = run(dir.path(), &["check", "--no-config", "--statistics", "."]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "3  duration/inverted-range    error\n1  duration/too-long          warning\n1  structure/missing-section  warning\n3 files, 4 milestones: 3 errors, 2 warnings\n"
    );
    let out = run(
        dir.path(),
        &["check", "--no-config", "--statistics", "-q", "."],
    );
    assert_eq!(
        out.stdout,
        "3  duration/inverted-range    error\n1  duration/too-long          warning\n1  structure/missing-section  warning\n"
    );
    let out = run(
        dir.path(),
        &["check", "--no-config", "--statistics", "-f", "json", "."],
    );
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn explain_accepts_a_unique_suffix_of_a_rule_id() {
    let out = run(&root(), &["explain", "--no-config", "wide-range"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("# duration/wide-range\n"),
        "{}",
        out.stdout
    );
    let out = run(&root(), &["explain", "--no-config", "wide-rnage"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "mlint: error: no rule `wide-rnage`; closest: `duration/wide-range`, `duration/inverted-range`\n"
    );
}

#[test]
fn man_dir_writes_a_page_for_every_subcommand() {
    let dir = tempdir();
    let out = run(dir.path(), &["man", "--dir", "man"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{out:?}");
    let mut pages: Vec<String> = std::fs::read_dir(dir.path().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "mlint-check.1",
            "mlint-completions.1",
            "mlint-config.1",
            "mlint-explain.1",
            "mlint-init.1",
            "mlint-man.1",
            "mlint-outline.1",
            "mlint-parse.1",
            "mlint-rules.1",
            "mlint-schema.1",
            "mlint-test.1",
            "mlint.1",
        ]
    );
    let check = std::fs::read_to_string(dir.path().join("man/mlint-check.1")).unwrap();
    assert!(check.contains(".TH mlint-check 1"), "{check}");
    assert!(check.contains("\\-\\-fail\\-on\\-empty"), "{check}");
    // Every page the main page names exists.
    let main = std::fs::read_to_string(dir.path().join("man/mlint.1")).unwrap();
    for page in &pages[..pages.len() - 1] {
        let name = page.trim_end_matches(".1").replace('-', "\\-");
        assert!(main.contains(&format!("{name}(1)")), "{page}: {main}");
    }
}

#[test]
fn github_step_summary_says_when_annotations_are_hidden() {
    let dir = tempdir();
    let many: String = (1..=11)
        .map(|i| format!("## Phase {i}: Build\n\n**Duration:** 6-2 weeks\n\n**Objectives:**\n- Build\n\n**Success Criteria:**\n- [ ] Merged\n- [ ] Documented\n\n"))
        .collect();
    write(dir.path(), "plan.md", &many);
    let summary = dir.path().join("summary.md");
    let out = run_cmd(
        mlint_in(dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--no-config", "-f", "github", "plan.md"]),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.lines().len(), 11);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.contains("> [!NOTE]\n> mlint printed 11 errors and 0 warnings as annotations; GitHub shows at most 10 of each per step. Use `--format sarif` (code scanning) to see every finding on the pull request.\n"),
        "{text}"
    );
    // Short output prints no annotations: no note.
    std::fs::remove_file(&summary).unwrap();
    let out = run_cmd(
        mlint_in(dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["check", "--no-config", "-f", "short", "plan.md"]),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        !std::fs::read_to_string(&summary)
            .unwrap()
            .contains("[!NOTE]")
    );
}

#[test]
fn sarif_embeds_each_rules_docs_and_links_them_only_with_docs_url() {
    let dir = tempdir();
    write(dir.path(), "p.md", INVERTED);
    let out = run(dir.path(), &["check", "--no-config", "-f", "sarif", "p.md"]);
    assert_eq!(out.code, 1, "{out:?}");
    let sarif = json(&out.stdout);
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert!(driver.get("informationUri").is_none(), "{driver}");
    let rules = driver["rules"].as_array().unwrap();
    let wide = rules
        .iter()
        .find(|r| r["id"] == "duration/wide-range")
        .unwrap();
    assert!(wide.get("helpUri").is_none(), "{wide}");
    let markdown = wide["help"]["markdown"].as_str().unwrap();
    assert!(
        markdown.starts_with("# duration/wide-range\n\n"),
        "{markdown}"
    );
    assert!(markdown.contains("\n## Options\n"), "{markdown}");
    assert!(!wide["help"]["text"].as_str().unwrap().is_empty());
    assert!(!out.stdout.contains("github.com"), "no address is invented");

    write(
        dir.path(),
        "mlint.toml",
        "docs_url = \"https://example.org/mlint/rules/\"\n",
    );
    let out = run(dir.path(), &["check", "-f", "sarif", "p.md"]);
    let sarif = json(&out.stdout);
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], "https://example.org/mlint/rules");
    let rules = driver["rules"].as_array().unwrap();
    let wide = rules
        .iter()
        .find(|r| r["id"] == "duration/wide-range")
        .unwrap();
    assert_eq!(
        wide["helpUri"],
        "https://example.org/mlint/rules/duration/wide-range.md"
    );
}
