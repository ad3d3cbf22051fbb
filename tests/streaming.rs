//! `mlint check` streams: files are checked in parallel but delivered and
//! rendered one at a time in report order, and nothing is kept once a file
//! is written. These tests pin down what that must not change: the order
//! (path *strings*, not the walk's order), the treatment of a path given
//! twice, which policy error wins, what is left behind when a run stops
//! midway, and the exit code, which now comes from running totals.

use assert_cmd::Command;
use mlint::check::{Checker, FileOutcome, Levels, Totals};
use mlint::discover::Target;
use mlint::document::ParseOptions;
use mlint::policy::{Origin, PolicyError, PolicyFile, PolicySet, bundled_files};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// A file with exactly one known error (`duration/inverted-range`, line 3).
const CONTROL: &str = include_str!("../fixtures/rules/duration/inverted-range/fail.md");

/// A policy that returns a malformed finding (a line far outside the file)
/// for every file whose path ends with `b.md` or `c.md`: a policy error
/// there, and only there.
const PICKY: &str = "package mlint.custom.t.picky\n\nreport contains f if {\n\tsome suffix in [\"b.md\", \"c.md\"]\n\tendswith(input.path, suffix)\n\tf := {\"message\": sprintf(\"bad %s\", [input.path]), \"line\": 100000}\n}\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn target(dir: &Path, rel: &str) -> Target {
    Target {
        display: rel.to_string(),
        path: dir.join(rel),
        unreadable: None,
    }
}

/// Every delivered outcome's path, and the totals.
fn stream(
    checker: &Checker,
    targets: &[Target],
    jobs: usize,
) -> (Vec<String>, Result<Totals, PolicyError>) {
    let mut paths = Vec::new();
    let totals = checker.check_streaming(targets, jobs, |o: FileOutcome| {
        let mut sorted = o.findings().to_vec();
        mlint::diagnostic::sort_findings(&mut sorted);
        assert_eq!(o.findings(), sorted.as_slice(), "{}", o.path());
        assert!(o.findings().iter().all(|f| f.path == o.path()));
        paths.push(o.path().to_string());
        Ok::<(), PolicyError>(())
    });
    (paths, totals)
}

fn picky_checker() -> Checker {
    let mut files = bundled_files();
    files.push(PolicyFile {
        path: "p/picky.rego".into(),
        source: PICKY.into(),
        origin: Origin::Custom,
    });
    let policies = PolicySet::load(
        files,
        mlint::config::defaults_json(),
        false,
        Some(Duration::from_secs(60)),
    )
    .unwrap();
    Checker::new(policies, ParseOptions::default(), Levels::default())
}

// ---------------------------------------------------------------------------
// The streaming API

/// A sorted walk visits `a/b.md` before `a-c.md` (the directory `a` sorts
/// before the file `a-c.md`), but report order compares path strings, where
/// `-` comes before `/`.
#[test]
fn files_are_delivered_in_path_string_order_not_walk_order() {
    let dir = TempDir::new().unwrap();
    for rel in ["a/b.md", "a-c.md", "a.md", "a/a/z.md"] {
        write(dir.path(), rel, CONTROL);
    }
    let checker = Checker::bundled().unwrap();
    let walk = vec![
        target(dir.path(), "a/a/z.md"),
        target(dir.path(), "a/b.md"),
        target(dir.path(), "a-c.md"),
        target(dir.path(), "a.md"),
    ];
    let want = ["a-c.md", "a.md", "a/a/z.md", "a/b.md"];
    for jobs in [1, 2, 8] {
        let (paths, totals) = stream(&checker, &walk, jobs);
        assert_eq!(paths, want, "--jobs {jobs}");
        let totals = totals.unwrap();
        assert_eq!((totals.files, totals.errors), (4, 4));
    }
    // The whole report is in the same order, and so is every format.
    let report = checker.check(&walk, 2).unwrap();
    let order: Vec<&str> = report.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(order, want);
    assert_eq!(report.paths, want);
    // The CLI walks the directory itself.
    let out = mlint(dir.path())
        .args(["check", "--no-config", "-f", "short", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let order: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(order, want, "{stdout}");
}

/// A path given twice is checked twice and counted twice, but delivered
/// once with its findings de-duplicated, as the whole report always had it.
#[test]
fn a_path_given_twice_is_one_outcome_counted_as_two_files() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.md", CONTROL);
    write(dir.path(), "b.md", CONTROL);
    let checker = Checker::bundled().unwrap();
    let targets = vec![
        target(dir.path(), "b.md"),
        target(dir.path(), "a.md"),
        target(dir.path(), "b.md"),
    ];
    let (paths, totals) = stream(&checker, &targets, 2);
    assert_eq!(paths, ["a.md", "b.md"]);
    let totals = totals.unwrap();
    assert_eq!((totals.files, totals.milestones, totals.errors), (3, 3, 2));
    let report = checker.check(&targets, 2).unwrap();
    assert_eq!(report.files, 3);
    assert_eq!(report.paths, ["a.md", "b.md", "b.md"]);
    assert_eq!(report.findings.len(), 2, "{:#?}", report.findings);
}

/// Files after a policy error may be checked, but the error returned is the
/// first in report order, and the files before it were delivered.
#[test]
fn the_first_policy_error_in_report_order_wins() {
    let dir = TempDir::new().unwrap();
    for rel in ["a.md", "b.md", "c.md", "d.md"] {
        write(dir.path(), rel, CONTROL);
    }
    let checker = picky_checker();
    let targets: Vec<Target> = ["d.md", "c.md", "b.md", "a.md"]
        .iter()
        .map(|rel| target(dir.path(), rel))
        .collect();
    for jobs in [1, 2, 8] {
        let (paths, totals) = stream(&checker, &targets, jobs);
        assert_eq!(paths, ["a.md"], "--jobs {jobs}");
        let error = totals.unwrap_err().to_string();
        assert!(error.contains("(while checking b.md)"), "{error}");
        assert!(error.contains("bad b.md"), "{error}");
        let error = checker.check(&targets, jobs).unwrap_err().to_string();
        assert!(error.contains("(while checking b.md)"), "{error}");
    }
}

/// What the sink returns stops the run and comes back unchanged.
#[test]
fn a_sink_error_stops_the_run() {
    let dir = TempDir::new().unwrap();
    let targets: Vec<Target> = (0..40)
        .map(|i| {
            let rel = format!("f{i:02}.md");
            write(dir.path(), &rel, CONTROL);
            target(dir.path(), &rel)
        })
        .collect();
    #[derive(Debug)]
    enum Stop {
        Full,
        Policy,
    }
    impl From<PolicyError> for Stop {
        fn from(_: PolicyError) -> Stop {
            Stop::Policy
        }
    }
    let mut seen = 0;
    let result = Checker::bundled()
        .unwrap()
        .check_streaming(&targets, 2, |_| {
            seen += 1;
            if seen == 3 { Err(Stop::Full) } else { Ok(()) }
        });
    assert!(matches!(result, Err(Stop::Full)), "{result:?}");
    assert_eq!(seen, 3);
}

// ---------------------------------------------------------------------------
// The CLI

fn mlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mlint").unwrap();
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(300));
    cmd
}

/// A directory with `a.md` … `d.md` (the control file) and the picky policy
/// in `p/`.
fn picky_project() -> TempDir {
    let dir = TempDir::new().unwrap();
    for rel in ["a.md", "b.md", "c.md", "d.md"] {
        write(dir.path(), rel, CONTROL);
    }
    write(dir.path(), "p/picky.rego", PICKY);
    dir
}

#[test]
fn output_is_not_replaced_when_a_policy_fails_midway() {
    let dir = picky_project();
    write(dir.path(), "out/report.json", "the previous report\n");
    for format in ["json", "human", "junit", "sarif"] {
        let out = mlint(dir.path())
            .args([
                "check",
                "--no-config",
                "--policy",
                "p",
                "-f",
                format,
                "-o",
                "out/report.json",
                ".",
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{format}");
        assert!(stderr.contains("while checking b.md"), "{stderr}");
        assert!(!stderr.contains("incomplete"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("out/report.json")).unwrap(),
            "the previous report\n",
            "{format}"
        );
        // The temporary file is gone too.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["report.json"], "{format}");
    }
}

#[test]
fn a_policy_error_midway_says_the_report_on_stdout_is_incomplete() {
    let dir = picky_project();
    let out = mlint(dir.path())
        .args(["check", "--no-config", "--policy", "p", "-f", "short", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // `a.md` was written in full; nothing after the failing file was.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "a.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound\n"
    );
    assert!(stderr.contains("while checking b.md"), "{stderr}");
    assert!(!stderr.contains("c.md"), "{stderr}");
    assert!(
        stderr.ends_with(
            "mlint: error: the check stopped at this error: the report on stdout is incomplete\n"
        ),
        "{stderr}"
    );
    // When the first file fails, nothing was written and nothing is said
    // about stdout.
    let out = mlint(dir.path())
        .args(["check", "--no-config", "--policy", "p", "d.md", "b.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert!(!stderr.contains("incomplete"), "{stderr}");
}

/// `n` files; the one error-level finding is in the last file delivered.
fn last_file_fails(n: usize) -> TempDir {
    let dir = TempDir::new().unwrap();
    let clean = "# Notes\n\nNo milestones here.\n";
    for i in 0..n {
        write(dir.path(), &format!("f{i:03}.md"), clean);
    }
    write(dir.path(), "z/last.md", CONTROL);
    dir
}

#[test]
fn the_exit_code_comes_from_the_streamed_totals() {
    let dir = last_file_fails(30);
    let code = |args: &[&str]| {
        let out = mlint(dir.path())
            .args(["check", "--no-config", "-f", "json"])
            .args(args)
            .arg(".")
            .output()
            .unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["summary"]["files"], 31);
        out.status.code().unwrap()
    };
    assert_eq!(code(&[]), 1);
    assert_eq!(code(&["--fail-level", "never"]), 0);
    assert_eq!(code(&["--rule", "duration/inverted-range=warning"]), 0);
    assert_eq!(
        code(&[
            "--rule",
            "duration/inverted-range=warning",
            "--fail-level",
            "warning"
        ]),
        1
    );
    assert_eq!(
        code(&[
            "--rule",
            "duration/inverted-range=info",
            "--fail-level",
            "warning"
        ]),
        0
    );
    assert_eq!(code(&["--rule", "duration/inverted-range=off"]), 0);
}

/// A reader that goes away (`mlint check | head`) is not an error: the run
/// finishes with the exit code and summary of the whole check.
#[cfg(unix)]
#[test]
fn a_closed_stdout_keeps_the_exit_code_and_the_summary() {
    let dir = TempDir::new().unwrap();
    // Enough output to fill a pipe's buffer many times over.
    for i in 0..150 {
        write(dir.path(), &format!("f{i:03}.md"), CONTROL);
    }
    let bin = assert_cmd::cargo::cargo_bin("mlint");
    let mut child = std::process::Command::new(bin)
        .current_dir(dir.path())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--no-config", "-f", "sarif", "."])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "150 files, 150 milestones: 150 errors, 0 warnings\n"
    );
    assert_eq!(out.status.code(), Some(1));
}
