//! Hostile and mistaken configuration, and duration texts that used to read
//! wrong without a word. Each test is named after the problem it guards
//! against (see `docs/robustness.md`): what is refused, with which
//! message and exit code, and that no file content leaks into the output.

mod common;

use common::{Out, mlint_in, run_cmd};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// The longest a run may take before the test fails instead of hanging (a
/// FIFO named `mlint.toml` would block a reader forever).
const NO_HANG: Duration = Duration::from_secs(300);

/// A value that must never appear in mlint's output.
const SECRET: &str = "DEPLOY_TOKEN_VALUE_d41d8cd98f00";

/// A plan with no finding under the defaults.
const CLEAN: &str = "# Plan\n\n## Phase 1: Build\n\n**Duration:** 2 weeks\n\n### Deliverables\n\n- [ ] Write the user guide\n";

/// `mlint ARGS…` in `dir`, with a secret in the environment that must
/// never be printed.
fn run(dir: &Path, args: &[&str]) -> Out {
    run_cmd(
        mlint_in(dir)
            .env("DEPLOY_TOKEN", SECRET)
            .args(args)
            .timeout(NO_HANG),
    )
}

/// A repository (`.git` directory) holding `plan.md`, inside a parent
/// directory the tests may also write to.
fn repo() -> (TempDir, std::path::PathBuf) {
    let outer = TempDir::new().unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("plan.md"), CLEAN).unwrap();
    (outer, repo)
}

/// The configuration was refused with `message` (exit 2), and nothing of
/// the file's content, nor the environment, was printed.
fn assert_refused(out: &Out, message: &str) {
    assert_eq!(
        out.code, 2,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(out.stderr.contains(message), "{}", out.stderr);
    assert!(
        out.stderr
            .ends_with("mlint: error: 1 problem in the configuration\n"),
        "{}",
        out.stderr
    );
    for text in [&out.stdout, &out.stderr] {
        assert!(!text.contains(SECRET), "secret printed: {text}");
        assert!(
            !text.contains("DEPLOY_TOKEN"),
            "environment printed: {text}"
        );
        assert!(!text.contains('│'), "a snippet was printed: {text}");
    }
}

#[test]
fn secret_disclosure_a_found_link_to_proc_environ_is_not_read() {
    let (_outer, repo) = repo();
    std::os::unix::fs::symlink("/proc/self/environ", repo.join("mlint.toml")).unwrap();
    let out = run(&repo, &["check", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `mlint.toml` is a symbolic link to a file outside the repository, and was not read",
    );
    assert!(
        out.stderr
            .contains("help: name the file with `--config PATH` to use it anyway"),
        "{}",
        out.stderr
    );
}

#[test]
fn secret_disclosure_a_named_link_to_proc_environ_is_not_a_regular_file() {
    let (_outer, repo) = repo();
    std::os::unix::fs::symlink("/proc/self/environ", repo.join("ci.toml")).unwrap();
    let out = run(&repo, &["check", "--config", "ci.toml", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `ci.toml` is not a regular file (a kernel pseudo-file), and was not read",
    );
    let out = run(
        &repo,
        &["check", "--config", "/proc/self/environ", "plan.md"],
    );
    assert_refused(&out, "is not a regular file (a kernel pseudo-file)");
}

#[test]
fn secret_disclosure_a_file_with_nul_bytes_is_never_quoted() {
    let (_outer, repo) = repo();
    let text = format!("preset = \"nope\"\0DEPLOY_TOKEN={SECRET}\n");
    std::fs::write(repo.join("mlint.toml"), text).unwrap();
    let out = run(&repo, &["check", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `mlint.toml` is not a text file (a NUL byte at offset 15), and was not read",
    );
}

#[test]
fn secret_disclosure_a_file_that_is_not_utf8_is_never_quoted() {
    let (_outer, repo) = repo();
    let mut bytes = b"preset = \"nope\"\n".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(format!("DEPLOY_TOKEN={SECRET}\n").as_bytes());
    std::fs::write(repo.join("mlint.toml"), bytes).unwrap();
    let out = run(&repo, &["check", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `mlint.toml` is not a text file (not UTF-8 from offset 16), and was not read",
    );
}

#[test]
fn secret_disclosure_a_fifo_or_a_directory_is_refused_without_hanging() {
    let (_outer, repo) = repo();
    let fifo = repo.join("mlint.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = run(&repo, &["check", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `mlint.toml` is not a regular file (a named pipe), and was not read",
    );
    std::fs::remove_file(&fifo).unwrap();
    std::fs::create_dir(&fifo).unwrap();
    let out = run(&repo, &["check", "plan.md"]);
    assert_refused(&out, "is not a regular file (a directory)");
}

#[test]
fn secret_disclosure_a_device_named_with_config_is_refused() {
    let (_outer, repo) = repo();
    let out = run(&repo, &["check", "--config", "/dev/zero", "plan.md"]);
    assert_refused(
        &out,
        "× configuration `/dev/zero` is not a regular file (a device), and was not read",
    );
}

#[test]
fn secret_disclosure_links_inside_the_repository_and_named_links_still_work() {
    let (outer, repo) = repo();
    // A finding the defaults do not report, so the file is seen to be read.
    let config = "[rules]\n\"duration/missing\" = \"error\"\n";
    std::fs::write(
        repo.join("plan.md"),
        "# Plan\n\n## Phase 1: Build\n\n### Deliverables\n\n- [ ] Write the guide\n",
    )
    .unwrap();
    std::fs::create_dir(repo.join("config")).unwrap();
    std::fs::write(repo.join("config/lint.toml"), config).unwrap();
    std::os::unix::fs::symlink("config/lint.toml", repo.join("mlint.toml")).unwrap();
    let out = run(&repo, &["check", "--format", "short", "plan.md"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("plan.md:3:1: error[duration/missing]"),
        "{}",
        out.stdout
    );
    // Outside the repository, a link is followed when named explicitly.
    std::fs::remove_file(repo.join("mlint.toml")).unwrap();
    std::fs::write(outer.path().join("shared.toml"), config).unwrap();
    std::os::unix::fs::symlink(outer.path().join("shared.toml"), repo.join("ci.toml")).unwrap();
    let out = run(
        &repo,
        &[
            "check", "--format", "short", "--config", "ci.toml", "plan.md",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("error[duration/missing]"),
        "{}",
        out.stdout
    );
}

#[test]
fn search_boundary_stops_at_the_repository_root() {
    let (outer, repo) = repo();
    std::fs::write(outer.path().join("mlint.toml"), "bogus = 1\n").unwrap();
    std::fs::create_dir(repo.join("docs")).unwrap();
    std::fs::write(repo.join("docs/plan.md"), CLEAN).unwrap();
    // From the root and from below it, the file above is never read.
    for dir in [repo.clone(), repo.join("docs")] {
        let out = run(&dir, &["check", "."]);
        assert_eq!(out.code, 0, "{}: {}", dir.display(), out.stderr);
    }
    // A worktree's `.git` is a file; it marks the root too.
    std::fs::remove_dir(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".git"), "gitdir: /elsewhere\n").unwrap();
    let out = run(&repo.join("docs"), &["check", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // With no repository, the search goes on upwards and finds it.
    std::fs::remove_file(repo.join(".git")).unwrap();
    let out = run(&repo.join("docs"), &["check", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let above = outer.path().join("mlint.toml");
    let message = format!("× {}:1: unknown key `bogus`", above.display());
    assert!(out.stderr.contains(&message), "{}", out.stderr);
    // A configuration at the root itself is used.
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".mlint.toml"), "bogus = 2\n").unwrap();
    let out = run(&repo.join("docs"), &["check", "."]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let root = repo.join(".mlint.toml");
    let message = format!("× {}:1: unknown key `bogus`", root.display());
    assert!(out.stderr.contains(&message), "{}", out.stderr);
}

#[test]
fn every_number_has_a_range_checked_at_its_line() {
    let (_outer, repo) = repo();
    std::fs::write(
        repo.join("mlint.toml"),
        "summarise_after = -1\n\
         [limits]\n\
         timeout_seconds = 1e20\n\
         [duration]\n\
         wide_range_ratio = -1\n\
         items_per_week = 0\n\
         min_items = 2.5\n\
         [duration.min_days]\n\
         sprint = -0.5\n\
         [units]\n\
         week = 0\n\
         [presets.strict.duration]\n\
         min_items = -3\n",
    )
    .unwrap();
    let out = run(&repo, &["check", "plan.md"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for message in [
        "× mlint.toml:1: `summarise_after` must be at least 0",
        "× mlint.toml:3: `limits.timeout_seconds` must be at most 86400",
        "× mlint.toml:5: `duration.wide_range_ratio` must be at least 1",
        "× mlint.toml:6: `duration.items_per_week` must be greater than 0",
        "× mlint.toml:7: `duration.min_items` must be a whole number",
        "× mlint.toml:9: `duration.min_days.sprint` must be at least 0",
        "× mlint.toml:11: `units.week` must be greater than 0",
        "× mlint.toml:13: `presets.strict.duration.min_items` must be at least 0",
        "help: valid: above 0 up to 86400",
    ] {
        assert!(
            out.stderr.contains(message),
            "missing {message:?} in\n{}",
            out.stderr
        );
    }
    // The snippet points at the value.
    assert!(
        out.stderr
            .contains(" 3 │ timeout_seconds = 1e20\n   ·                   ────\n"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with("mlint: error: 8 problems in the configuration\n"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn timeout_seconds_at_the_bounds_is_accepted() {
    let (_outer, repo) = repo();
    for value in ["86400", "0.001", "10"] {
        std::fs::write(
            repo.join("mlint.toml"),
            format!("[limits]\ntimeout_seconds = {value}\n"),
        )
        .unwrap();
        let out = run(&repo, &["check", "plan.md"]);
        assert_eq!(out.code, 0, "{value}: {}", out.stderr);
    }
}

/// `(line, rule)` of every finding `mlint check --format json` reports.
fn findings(dir: &Path, file: &str) -> Vec<(u64, String)> {
    let out = run(dir, &["check", "--no-config", "--format", "json", file]);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn durations_read_wrong_without_a_word_are_unparseable_or_inverted() {
    let dir = TempDir::new().unwrap();
    let phases = [
        "-5 weeks",
        "5--3 weeks",
        "1/2 week",
        "1,000,000 weeks",
        "1_000 weeks",
        "2026-01-01 to 2025-01-01",
        "2 weeks",
    ];
    let mut plan = String::from("# Plan\n");
    for (i, d) in phases.iter().enumerate() {
        plan.push_str(&format!(
            "\n## Phase {}: Work\n\n**Duration:** {d}\n\n### Deliverables\n\n- [ ] Write the guide\n",
            i + 1
        ));
    }
    std::fs::write(dir.path().join("plan.md"), plan).unwrap();
    let got = findings(dir.path(), "plan.md");
    let want: Vec<(u64, String)> = [
        (5, "duration/unparseable"),
        (13, "duration/unparseable"),
        (21, "duration/unparseable"),
        (29, "duration/unparseable"),
        (37, "duration/unparseable"),
        (45, "duration/inverted-range"),
    ]
    .iter()
    .map(|(l, r)| (*l, r.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn durations_in_a_heading_that_read_wrong_are_unparseable_and_several_are_all_read() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("plan.md"),
        "# Plan\n\n## Phase 1: Build (-5 weeks)\n\n### Deliverables\n\n- [ ] Write the guide\n\n\
         ## Phase 2: Ship\n\n**Duration:** (1-2 weeks) (3-4 months)\n\n### Deliverables\n\n- [ ] Write the guide\n",
    )
    .unwrap();
    let got = findings(dir.path(), "plan.md");
    // The second length is read: 1 week to 4 months is a wide range.
    assert_eq!(
        got,
        vec![
            (3, "duration/unparseable".to_string()),
            (11, "duration/wide-range".to_string()),
        ]
    );
}
