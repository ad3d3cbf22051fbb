//! Regression tests for what reaches mlint from outside and what it writes
//! out: hostile file names and text (workflow-command injection, terminal
//! escapes), FIFOs and devices, unreadable directories, paths that differ
//! only by `\`, `--output` to devices, symbolic links and planted names,
//! signals, closed pipes, long lines and `--jobs`. Each test is named after
//! the problem it pins down (docs/robustness.md lists them).
//!
//! The tests run as root here, which ignores `chmod 000`: the tests of
//! unreadable directories then run mlint as `nobody` through `setpriv`, and
//! say so and pass without checking when neither is possible.

mod common;

use assert_cmd::Command;
use common::{HANG, json, mlint_in, run, run_cmd, tempdir, write};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// A plan with one `duration/inverted-range` error on line 3, column 15.
const INVERTED: &str = "## Phase 2: Build\n\n**Duration:** 6-2 weeks\n\n**Objectives:**\n- Build the core\n\n**Success Criteria:**\n- [ ] Core merged\n- [ ] Architecture documented\n";

/// `(path, rule, line)` of every diagnostic of a JSON report.
fn diagnostics(report: &Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Whether the GitHub runner would read `line` as a workflow command (it
/// trims leading white space, and .NET splits lines on `\r` too).
fn commands(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .map(str::trim_start)
        .filter(|l| l.starts_with("::"))
        .map(str::to_string)
        .collect()
}

#[test]
fn workflow_command_injection_through_a_file_name_is_neutralised() {
    let dir = tempdir();
    let name = "a\n::warning file=README.md,line=1::Injected\n::stop-commands::x\n.md";
    write(dir.path(), name, INVERTED);
    // A file without a snippet (not UTF-8) prints its header in words.
    let bad = "b\n::error file=README.md::Forged\n.md";
    write(dir.path(), bad, b"## Phase 1\n\xff\n");
    let out = run_cmd(mlint_in(dir.path()).env("GITHUB_ACTIONS", "true").args([
        "check",
        "--no-config",
        ".",
    ]));
    assert_eq!(out.code, 1, "{out:?}");
    // Only mlint's own annotations, one per finding, each on the escaped name.
    let all = format!("{}\n{}", out.stdout, out.stderr);
    let cmds = commands(&all);
    assert_eq!(cmds.len(), 2, "{cmds:#?}");
    assert!(cmds[0].starts_with(
        "::error file=a\\n%3A%3Awarning file=README.md%2Cline=1%3A%3AInjected\\n%3A%3Astop-commands%3A%3Ax\\n.md,line=3,col=15,"
    ), "{}", cmds[0]);
    assert!(
        cmds[1]
            .starts_with("::error file=b\\n%3A%3Aerror file=README.md%3A%3AForged\\n.md,line=2,"),
        "{}",
        cmds[1]
    );
    // The readable report shows the names escaped, in the snippet header
    // and in the header of a finding without a snippet.
    assert!(
        out.stdout.contains(
            "╭─[a\\n::warning file=README.md,line=1::Injected\\n::stop-commands::x\\n.md:3:15]"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("b\\n::error file=README.md::Forged\\n.md:2:1\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn control_characters_in_headings_never_reach_the_output_raw() {
    let dir = tempdir();
    // ESC (a terminal sequence), BS and a lone CR inside the heading that
    // the message quotes.
    let text = INVERTED.replace("Phase 2: Build", "Phase 2: B\u{1b}[2Ju\u{8}ild\u{9b}31m");
    write(
        dir.path(),
        "plan.md",
        text.replace("6-2 weeks", "6-2 weeks\r::warning::cr"),
    );
    for format in ["human", "short", "github"] {
        let out = run(
            dir.path(),
            &["check", "--no-config", "-f", format, "plan.md"],
        );
        assert_eq!(out.code, 1, "{format}: {out:?}");
        for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let raw: Vec<char> = text
                .chars()
                .filter(|c| c.is_control() && *c != '\n')
                .collect();
            assert_eq!(raw, Vec::<char>::new(), "{format} {stream}: {text}");
        }
        assert!(
            out.stdout
                .contains("phase `Phase 2: B\\u{1b}[2Ju\\u{8}ild\\u{9b}31m` lasts"),
            "{format}: {}",
            out.stdout
        );
        let cmds = commands(&out.stdout);
        let own = usize::from(format == "github");
        assert_eq!(cmds.len(), own, "{format}: {cmds:#?}");
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_named_as_a_file_is_unreadable_and_never_blocks() {
    let dir = tempdir();
    mkfifo(&dir.path().join("pipe.md"));
    write(dir.path(), "ok.md", INVERTED);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "short",
            "pipe.md",
            "/dev/zero",
            "ok.md",
        ],
    );
    assert_eq!(
        out.stdout,
        "/dev/zero:1:1: error[input/unreadable] cannot read `/dev/zero`: not a regular file (a character device)\n\
         ok.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound\n\
         pipe.md:1:1: error[input/unreadable] cannot read `pipe.md`: not a regular file (a FIFO)\n",
        "{out:?}"
    );
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "3 files, 1 milestone: 3 errors, 0 warnings\n");
    // `parse` and `outline` read the same way.
    let out = run(dir.path(), &["parse", "--no-config", "pipe.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "mlint: error: cannot read `pipe.md`: not a regular file (a FIFO)\n"
    );
    let out = run(dir.path(), &["outline", "--no-config", "pipe.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "mlint: error: cannot read `pipe.md`: not a regular file (a FIFO)\n"
    );
}

/// Discovery found a regular file; by the time it is read it is a FIFO
/// (no writer will ever come): the check reports it instead of blocking.
#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_fifo_after_discovery_never_blocks() {
    let dir = tempdir();
    let path = dir.path().join("late.md");
    mkfifo(&path);
    let target = mlint::discover::Target {
        display: "late.md".into(),
        path,
        unreadable: None,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let checker = mlint::check::Checker::bundled().expect("bundled policies");
        let _ = tx.send(checker.check(&[target], 1).expect("no policy error"));
    });
    let report = rx.recv_timeout(HANG).expect("the check returns");
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    let f = &report.findings[0];
    assert_eq!(f.rule, "input/unreadable");
    assert_eq!(
        f.message,
        "cannot read `late.md`: not a regular file (a FIFO)"
    );
}

/// Whether this process is root (who reads any directory whatever its mode).
#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `mlint` run as a user that `chmod 000` stops: `nobody` through
/// `setpriv` when this is root, this user otherwise; `None` (with a note)
/// when neither works.
#[cfg(unix)]
fn unprivileged(dir: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;
    if !is_root() {
        return Some(mlint_in(dir));
    }
    let setpriv = Path::new("/usr/bin/setpriv");
    let bin = assert_cmd::cargo::cargo_bin("mlint");
    if !setpriv.exists() {
        eprintln!("skipped: running as root without setpriv, chmod 000 cannot be tested");
        return None;
    }
    // nobody must reach the binary and the directory.
    for p in bin.ancestors().chain(dir.ancestors()) {
        if let Ok(meta) = std::fs::metadata(p) {
            let mode = meta.permissions().mode();
            if mode & 0o001 == 0 {
                eprintln!(
                    "skipped: `{}` is not searchable by nobody, chmod 000 cannot be tested",
                    p.display()
                );
                return None;
            }
        }
    }
    let mut cmd = Command::new(setpriv);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .timeout(HANG);
    Some(cmd)
}

/// A temporary directory that everyone may read, for runs as `nobody`.
#[cfg(unix)]
fn open_tempdir() -> TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_a_finding_not_silence() {
    use std::os::unix::fs::PermissionsExt;
    let dir = open_tempdir();
    write(dir.path(), "docs/ok.md", INVERTED);
    write(dir.path(), "docs/private/secret.md", INVERTED);
    for d in ["docs", "docs/private"] {
        std::fs::set_permissions(dir.path().join(d), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    std::fs::set_permissions(
        dir.path().join("docs/ok.md"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        dir.path().join("docs/private"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let Some(mut cmd) = unprivileged(dir.path()) else {
        return;
    };
    let out = run_cmd(cmd.args(["check", "--no-config", "-f", "short", "docs"]));
    std::fs::set_permissions(
        dir.path().join("docs/private"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    assert_eq!(
        out.stdout,
        "docs/ok.md:3:15: error[duration/inverted-range] phase `Phase 2: Build` lasts `6-2 weeks`: the upper bound is below the lower bound\n\
         docs/private:1:1: error[input/unreadable] cannot read `docs/private`: Permission denied (os error 13)\n",
        "{out:?}"
    );
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_policy_directory_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = open_tempdir();
    write(dir.path(), "plan.md", INVERTED);
    write(
        dir.path(),
        "policies/custom/x.rego",
        "package mlint.custom.x\n",
    );
    for d in ["policies", "policies/custom"] {
        std::fs::set_permissions(dir.path().join(d), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    std::fs::set_permissions(
        dir.path().join("plan.md"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        dir.path().join("policies/custom"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let Some(mut cmd) = unprivileged(dir.path()) else {
        return;
    };
    let out = run_cmd(cmd.args(["check", "--no-config", "--policy", "policies", "plan.md"]));
    std::fs::set_permissions(
        dir.path().join("policies/custom"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("mlint: error: cannot read policy directory `policies`: "),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Permission denied"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

/// A walk error injected without privileges: a directory deeper than
/// `PATH_MAX` (4096 bytes on Linux) cannot be opened by its path.
#[cfg(target_os = "linux")]
#[test]
fn a_path_longer_than_path_max_is_reported_not_skipped() {
    let dir = tempdir();
    write(dir.path(), "deep/ok.md", INVERTED);
    let segment = "d".repeat(200);
    // `mkdir` and `cd` one level at a time: no single path is too long.
    let script = format!(
        "cd deep && for i in $(seq 30); do mkdir {segment} && cd {segment}; done && printf '## Phase 1\\n' > plan.md"
    );
    // bash: dash's `cd` fails once the whole path passes PATH_MAX.
    let status = std::process::Command::new("bash")
        .args(["-c", &script])
        .current_dir(dir.path())
        .status()
        .expect("sh runs");
    assert!(status.success());
    let out = run(dir.path(), &["check", "--no-config", "-f", "json", "deep"]);
    assert_eq!(out.code, 1, "{out:?}");
    let report = json(&out.stdout);
    let found = diagnostics(&report);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, "input/unreadable");
    assert_eq!(
        found[1],
        ("deep/ok.md".into(), "duration/inverted-range".into(), 3)
    );
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with(": File name too long (os error 36)"),
        "{message}"
    );
    let path = report["diagnostics"][0]["path"].as_str().unwrap();
    assert!(path.starts_with("deep/ddd") && path.len() > 4000, "{path}");
}

#[cfg(unix)]
#[test]
fn back_slash_and_back_slash_directory_are_two_files() {
    let dir = tempdir();
    write(dir.path(), "back\\slash.md", INVERTED);
    write(dir.path(), "back/slash.md", INVERTED.replace("6-2", "9-1"));
    let out = run(dir.path(), &["check", "--no-config", "-f", "json", "."]);
    assert_eq!(out.code, 1, "{out:?}");
    let report = json(&out.stdout);
    assert_eq!(
        diagnostics(&report),
        [
            ("back/slash.md".into(), "duration/inverted-range".into(), 3),
            (
                "back\\\\slash.md".into(),
                "duration/inverted-range".into(),
                3
            ),
        ]
    );
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("9-1")
    );
    assert!(
        report["diagnostics"][1]["message"]
            .as_str()
            .unwrap()
            .contains("6-2")
    );
    assert_eq!(report["summary"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn output_to_a_device_writes_to_it_and_leaves_it_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    write(dir.path(), "plan.md", INVERTED);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "-o",
            "/dev/null",
            "plan.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stderr,
        "1 file, 1 milestone: 1 error, 0 warnings (report written to /dev/null)\n"
    );
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
    // No temporary file was left in /dev either.
    let left: Vec<_> = std::fs::read_dir("/dev")
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("mlint"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_a_link_to_stdout_and_output_dash_write_to_stdout() {
    let dir = tempdir();
    write(dir.path(), "plan.md", INVERTED);
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.path().join("out.json")).unwrap();
    for target in ["out.json", "-"] {
        let out = run(
            dir.path(),
            &[
                "check",
                "--no-config",
                "-f",
                "json",
                "-o",
                target,
                "plan.md",
            ],
        );
        assert_eq!(out.code, 1, "{out:?}");
        assert_eq!(
            diagnostics(&json(&out.stdout)).len(),
            1,
            "{target}: {out:?}"
        );
    }
    assert!(
        std::fs::symlink_metadata(dir.path().join("out.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[cfg(unix)]
#[test]
fn output_through_a_link_replaces_the_file_it_points_at_and_never_a_planted_name() {
    let dir = tempdir();
    write(dir.path(), "plan.md", INVERTED);
    let victim = write(dir.path(), "victim.txt", "precious\n");
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    write(dir.path(), "reports/real.json", "old\n");
    std::os::unix::fs::symlink("real.json", dir.path().join("reports/r.json")).unwrap();
    // The temporary names of earlier releases, planted for the next PIDs.
    for pid in 0..2000 {
        let planted = dir
            .path()
            .join(format!("reports/.real.json.mlint-{pid}.tmp"));
        std::os::unix::fs::symlink(&victim, planted).unwrap();
    }
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "json",
            "-o",
            "reports/r.json",
            "plan.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let link = dir.path().join("reports/r.json");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(dir.path().join("reports/real.json")).unwrap();
    assert_eq!(diagnostics(&json(&written)).len(), 1);
    let extra: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".mlint.tmp"))
        .collect();
    assert!(extra.is_empty(), "{extra:?}");
}

#[cfg(unix)]
#[test]
fn a_signal_leaves_no_temporary_file_behind() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempdir();
    write(dir.path(), "plan.md", INVERTED);
    // A policy that runs until its time limit: the report stays pending.
    write(
        dir.path(),
        "policies/slow.rego",
        "# METADATA\n# title: slow\n# custom:\n#   level: error\npackage mlint.custom.slow\n\nreport contains {\"message\": \"slow\", \"line\": 1} if {\n\tcount({[x, y] | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000)}) == 0\n}\n",
    );
    write(dir.path(), "mlint.toml", "[limits]\ntimeout_seconds = 50\n");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mlint"))
        .args([
            "check", "--policy", "policies", "-f", "json", "-o", "r.json", "plan.md",
        ])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mlint starts");
    let tmp = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".mlint.tmp"))
            .count()
    };
    let start = std::time::Instant::now();
    while tmp() == 0 && start.elapsed() < HANG {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            panic!("mlint ended before the signal: {out:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(tmp(), 1, "the temporary file appears while the check runs");
    // The handler thread is started before the file is created.
    std::thread::sleep(Duration::from_millis(200));
    let pid = child.id().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(15), "{status:?}");
    assert_eq!(tmp(), 0, "the temporary file is removed");
    assert!(!dir.path().join("r.json").exists());
}

/// Runs `args` with its stdout closed before it writes: it must end as it
/// would have, quietly, not panic (exit 101).
fn into_a_closed_pipe(args: &[&str]) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("mlint starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("mlint exits");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    assert_eq!(stderr, "", "{args:?}");
}

#[test]
fn rules_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["rules", "--no-config"]);
    into_a_closed_pipe(&["rules", "--no-config", "--format", "json"]);
}

#[test]
fn parse_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&[
        "parse",
        "--no-config",
        "fixtures/rules/duration/inverted-range/fail.md",
    ]);
}

#[test]
fn completions_into_a_closed_pipe_exit_0() {
    into_a_closed_pipe(&["completions", "bash"]);
}

#[test]
fn outline_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["outline", "--no-config", "fixtures/outline"]);
}

#[test]
fn config_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["config", "--no-config"]);
}

#[test]
fn schema_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["schema"]);
}

#[test]
fn man_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["man"]);
}

#[test]
fn explain_into_a_closed_pipe_exits_0() {
    into_a_closed_pipe(&["explain", "--no-config", "duration/too-long"]);
}

#[test]
fn check_into_a_closed_pipe_exits_as_without_a_reader() {
    into_a_closed_pipe(&[
        "check",
        "--no-config",
        "fixtures/rules/duration/inverted-range/pass.md",
    ]);
}

#[test]
fn a_long_line_is_cut_around_the_span_in_snippets() {
    let dir = tempdir();
    // 4,000 unknown rules named in one suppression comment: one finding each,
    // all on one 60 KB line.
    let ids: Vec<String> = (0..4000)
        .map(|i| format!("custom/unknown-{i:04}"))
        .collect();
    let text = format!("<!-- mlint-disable {} -->\n\n{INVERTED}", ids.join(", "));
    write(dir.path(), "plan.md", &text);
    let out = run(dir.path(), &["check", "--no-config", "plan.md"]);
    let longest = out
        .stdout
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(longest < 200, "a line of {longest} characters");
    // Bounded: under a kilobyte per finding, not the whole line each (559 MB
    // before).
    assert!(out.stdout.len() < 4001 * 1000, "{} bytes", out.stdout.len());
    // Every finding is still there (the window itself is tested in
    // report::human's unit tests).
    assert_eq!(out.stdout.matches("╭─[plan.md:").count(), 4001);
}

#[test]
fn jobs_beyond_four_per_core_are_not_started() {
    let dir = tempdir();
    write(dir.path(), "plan.md", INVERTED);
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "-f",
            "short",
            "--jobs",
            "100000",
            "plan.md",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let help = run(dir.path(), &["check", "--help"]);
    assert!(
        help.stdout.contains("at most 4 per core"),
        "{}",
        help.stdout
    );
}

/// A configuration or a policy is text from the repository too: the errors
/// that quote it (a key in a message, the line in a snippet, the file's
/// name) print its control characters escaped, on GitHub Actions as
/// anywhere.
#[test]
fn control_characters_in_configuration_and_policy_errors_are_escaped() {
    let dir = tempdir();
    // A quoted key that spells ESC and a line break, and a raw ESC in a
    // comment (which TOML itself refuses, so the snippet shows that line).
    write(
        dir.path(),
        "mlint.toml",
        "\"\\u001b[31m\\n::warning file=README.md::forged\" = 1\n",
    );
    write(
        dir.path(),
        "raw/mlint.toml",
        "# \u{1b}[2J\r::error::forged\nx = 1\n",
    );
    write(
        dir.path(),
        "pol/bad.rego",
        "package mlint.custom.bad\n\n# \u{1b}[2J\r::error::forged\nreport contains x if {\n",
    );
    write(dir.path(), "plan.md", "# Plan\n\n## Phase 1: Build\n");
    for args in [
        vec!["check", "plan.md"],
        vec!["check", "--config", "raw/mlint.toml", "plan.md"],
        vec!["check", "--no-config", "--policy", "pol", "plan.md"],
    ] {
        let out = run_cmd(
            mlint_in(dir.path())
                .env("GITHUB_ACTIONS", "true")
                .args(&args),
        );
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(!out.stderr.contains('\u{1b}'), "{args:?}: {}", out.stderr);
        assert_eq!(commands(&out.stderr), Vec::<String>::new(), "{args:?}");
        assert_eq!(commands(&out.stdout), Vec::<String>::new(), "{args:?}");
    }
}
