//! `Checker::check_streaming`: files are checked in parallel but delivered
//! one at a time in report order, and nothing is kept once a file is
//! delivered. These tests pin down what that must not change: the order
//! (path *strings*, not the walk's order), the treatment of a path given
//! twice, and which policy error wins.

use assert_cmd::Command;
use mlint::check::{Checker, FileOutcome, Levels, Totals};
use mlint::discover::Target;
use mlint::document::ParseOptions;
use mlint::policy::{Origin, PolicyError, PolicyFile, PolicySet, bundled_files};
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

/// `mlint` run in `dir`, with the CI variables of the outer environment removed.
fn mlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mlint").unwrap();
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(300));
    cmd
}
