//! Hostile policies: each item of the robustness issue about policies, as a
//! CLI case. A policy that misbehaves must end the run with exit 2 and a
//! policy error naming the policy file (and the rule and the Markdown file
//! when it happens during evaluation) — never a panic, an abort, a hang or
//! an out-of-memory kill. Every evaluation case runs on one file (the
//! interpreter) and on thirteen (the RVM), since the two paths call
//! builtins differently. See `docs/robustness.md`.

use assert_cmd::Command;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

/// The longest any CLI run here may take before the test fails instead of
/// hanging (a safety net, not a time assertion).
const NO_HANG: Duration = Duration::from_secs(300);

const PLAN: &str =
    "## Milestone 1: Build\n\n**Duration:** 2 weeks\n\n## M2\n\n**Duration:** 1 week\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A directory with `doc.md` (and `extra` more plans in `many/`), a 1 s
/// time limit and `pol/custom.rego` holding `policy`.
fn setup(policy: &str, extra: usize) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("doc.md"), PLAN).unwrap();
    std::fs::create_dir(dir.path().join("many")).unwrap();
    for i in 0..extra {
        std::fs::write(dir.path().join(format!("many/m{i:02}.md")), PLAN).unwrap();
    }
    std::fs::write(
        dir.path().join("mlint.toml"),
        "[limits]\ntimeout_seconds = 1\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("pol")).unwrap();
    std::fs::write(dir.path().join("pol/custom.rego"), policy).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("mlint")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .timeout(NO_HANG)
        .args(["check", "--config", "mlint.toml", "--policy", "pol"])
        .args(["--format", "json", "--color", "never", "--jobs", "1"])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `policy` over one file, and over thirteen.
fn both_paths(policy: &str) -> [Run; 2] {
    let one = setup(policy, 0);
    let many = setup(policy, 12);
    [
        run_in(one.path(), &["doc.md"]),
        run_in(many.path(), &["doc.md", "many"]),
    ]
}

/// A rule reporting `expr` on every milestone.
fn reporting(expr: &str) -> String {
    format!(
        "package mlint.custom.hostile\n\nreport contains {{\"message\": sprintf(\"%v\", [x])}} if {{\n\tsome m in input.milestones\n\tx := {expr}\n}}\n"
    )
}

/// Exit 2, and `message` on stderr, with no panic text.
fn assert_policy_error(run: &Run, message: &str) {
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(message),
        "stderr lacks `{message}`:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// The messages of the run's `custom/hostile` findings, sorted.
fn messages(run: &Run) -> Vec<String> {
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "custom/hostile")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

// 3. The static call check is decided on the parsed policy.

#[test]
fn item3_every_spelling_of_a_forbidden_call_is_refused() {
    for (call, column) in [
        ("rand.intn (\"x\", 1000000)", 7),
        ("rand[\"intn\"](\"x\", 10)", 7),
    ] {
        let [run, _] = both_paths(&reporting(call));
        assert_policy_error(
            &run,
            &format!(
                "pol/custom.rego:5:{column}: `rand.intn` is not allowed: policies cannot use randomness (results must be reproducible)"
            ),
        );
    }
}

#[test]
fn item3_a_misspelled_function_in_an_unreachable_branch_is_an_error() {
    let policy = "package mlint.custom.hostile\n\nreport contains {\"message\": \"x\"} if {\n\tfalse; coutn ([1]) > 0\n}\n";
    let [run, _] = both_paths(policy);
    assert_policy_error(
        &run,
        "pol/custom.rego:4:9: unknown function `coutn` (did you mean `count`?)",
    );
}

// 4. Crashes inside builtins.

#[test]
fn item4_sprintf_with_a_non_ascii_digit_is_a_policy_error() {
    for run in both_paths(&reporting("sprintf(\"%²d\", [1])")) {
        assert_policy_error(
            &run,
            "rule `custom/hostile` failed: `sprintf`: `²` is not a digit a width or precision can have (while checking doc.md)",
        );
    }
}

#[test]
fn item4_sprintf_with_a_huge_precision_is_a_policy_error() {
    for run in both_paths(&reporting("sprintf(\"%.4000000000f\", [1.5])")) {
        assert_policy_error(
            &run,
            "`sprintf`: a width or precision of 4000000000; mlint allows at most 1000000 (while checking doc.md)",
        );
    }
}

#[test]
fn item4_strings_count_of_the_empty_string_counts_as_go_does() {
    for run in both_paths(&reporting("strings.count(\"héllo\", \"\")")) {
        assert_eq!(messages(&run), ["6"]);
    }
}

#[test]
fn item4_template_match_on_a_short_heading_is_false_not_a_crash() {
    let expr = "regex.template_match(\"Milestone {[0-9]+}: {.+}\", m.heading, \"{\", \"}\")";
    for run in both_paths(&reporting(expr)) {
        // `Milestone 1: Build` matches; `M2` is shorter than the prefix.
        assert_eq!(messages(&run), ["false", "true"]);
    }
}

// 5. Recursion.

#[test]
fn item5_a_recursive_function_is_refused_before_evaluation_and_leaves_no_file() {
    let policy = "package mlint.custom.hostile\n\nf(x) := y if { y := f(x + 1) }\n\nreport contains {\"message\": \"m\"} if f(1)\n";
    let dir = setup(policy, 12);
    for args in [&["doc.md"][..], &["doc.md", "many", "--output", "out.json"]] {
        let run = run_in(dir.path(), args);
        assert_policy_error(
            &run,
            "pol/custom.rego:3:21: function `mlint.custom.hostile.f` is recursive (`mlint.custom.hostile.f` calls `mlint.custom.hostile.f`): Rego does not allow recursion",
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !left.iter().any(|n| n.to_string_lossy().contains("out")),
        "{left:?}"
    );
}

// 6. Memory and CPU bombs inside one builtin call.

#[test]
fn item6_sprintf_with_a_huge_width_is_refused() {
    for run in both_paths(&reporting("sprintf(\"%3000000000d\", [1])")) {
        assert_policy_error(
            &run,
            "`sprintf`: a width or precision of 3000000000; mlint allows at most 1000000",
        );
    }
}

#[test]
fn item6_concat_doubling_is_refused_at_16_mib() {
    let mut body = String::from("\ts0 := concat(\"\", [\"ab\", m.heading])\n");
    for i in 1..40 {
        body.push_str(&format!(
            "\ts{i} := concat(\"\", [s{}, s{}])\n",
            i - 1,
            i - 1
        ));
    }
    let policy = format!(
        "package mlint.custom.hostile\n\nreport contains {{\"message\": \"x\"}} if {{\n\tsome m in input.milestones\n{body}\tcount(s39) > 0\n}}\n"
    );
    for run in both_paths(&policy) {
        assert_policy_error(&run, "mlint allows at most 16777216 (16 MiB)");
        assert!(
            run.stderr.contains("`concat` would make a string of"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn item6_replace_growing_a_string_past_16_mib_is_refused() {
    let expr = "replace(concat(\"\", [\"a\" | some _ in numbers.range(1, 100000)]), \"a\", concat(\"\", [\"a\" | some _ in numbers.range(1, 100000)]))";
    for run in both_paths(&reporting(expr)) {
        assert_policy_error(
            &run,
            "`replace` would make a string of 10000000000 bytes; mlint allows at most 16777216 (16 MiB)",
        );
    }
}

#[test]
fn item6_number_texts_with_huge_exponents_are_refused() {
    for (f, column) in [
        ("units.parse_bytes", 7),
        ("to_number", 7),
        ("units.parse", 7),
    ] {
        for run in both_paths(&reporting(&format!("{f}(\"1e2147483647\")"))) {
            assert_policy_error(
                &run,
                &format!(
                    "`{f}`: the exponent of `1e2147483647` is over 1000; mlint refuses numbers that large"
                ),
            );
            let _ = column;
        }
    }
}

// 8. Parse bombs.

#[test]
fn item8_deep_brackets_are_refused_before_parsing() {
    // 26 levels took regorus 56 s to parse, doubling per level.
    for (open, close) in [("[", "]"), ("{", "}")] {
        let value = format!("{}1{}", open.repeat(40), close.repeat(40));
        let policy = format!(
            "package mlint.custom.hostile\n\nx := {value}\n\nreport contains {{\"message\": \"m\"}} if false\n"
        );
        let dir = setup(&policy, 0);
        let run = run_in(dir.path(), &["doc.md"]);
        assert_policy_error(
            &run,
            "pol/custom.rego:3:38: brackets nest deeper than 32 levels here; mlint refuses such policies",
        );
    }
}

// A custom policy's METADATA nested deep (a 100,000-deep flow sequence
// took the YAML parser 42 s).

#[test]
fn deep_metadata_is_refused_before_the_yaml_parser() {
    let policy = format!(
        "# METADATA\n# title: t\n# custom:\n#   x: {}\npackage mlint.custom.hostile\n\nreport contains {{\"message\": \"m\"}} if false\n",
        "[".repeat(100_000)
    );
    let dir = setup(&policy, 0);
    let run = run_in(dir.path(), &["doc.md"]);
    assert_policy_error(
        &run,
        "pol/custom.rego:4:1: invalid METADATA block: brackets nest deeper than 32 levels here",
    );
}

// 10 (part). Suppression matching is linear: 50,000 unknown ids in one
// comment took 12 s in a release build, over 100 s in a debug one.

#[test]
fn item10_fifty_thousand_unknown_ids_in_one_directive() {
    let ids: Vec<String> = (0..50_000).map(|i| format!("nope/r{i}")).collect();
    let text = format!("<!-- mlint-disable-file {} -->\n\n{PLAN}", ids.join(", "));
    let dir = setup(
        "package mlint.custom.hostile\n\nreport contains {\"message\": \"m\"} if false\n",
        0,
    );
    std::fs::write(dir.path().join("doc.md"), text).unwrap();
    let run = run_in(dir.path(), &["doc.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unknown: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "mlint/unknown-rule")
        .collect();
    assert_eq!(unknown.len(), 50_000);
    assert_eq!(
        unknown[0]["message"],
        "suppression names unknown rule `nope/r0`"
    );
    assert_eq!(unknown[0]["line"], 1);
}

// Questionable: conftest's default `package main`.

#[test]
fn conftest_package_main_is_evaluated_across_files() {
    let dir = setup(
        "package main\n\ndeny contains msg if {\n\tsome m in input.milestones\n\tstartswith(m.heading, \"Milestone\")\n\tmsg := sprintf(\"`%v` is first\", [m.heading])\n}\n",
        0,
    );
    std::fs::write(
        dir.path().join("pol/warn.rego"),
        "package main\n\nwarn contains \"a plan\" if count(input.milestones) > 0\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["doc.md"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "custom/main")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("rule"), s("severity"), s("message"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "custom/main".into(),
                "error".into(),
                "`Milestone 1: Build` is first".into()
            ),
            ("custom/main".into(), "warning".into(), "a plan".into()),
        ]
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn a_package_that_reports_but_is_never_evaluated_is_an_error() {
    let dir = setup("package team.rules\n\ndeny contains \"x\" if true\n", 0);
    let run = run_in(dir.path(), &["doc.md"]);
    assert_policy_error(
        &run,
        "pol/custom.rego:1:1: package `team.rules` defines `deny` but mlint never evaluates it: rules belong in `package mlint.custom.<name>` (or conftest's `package main`)",
    );
}

// Questionable: custom policies and suppression checks see every file, not
// only plans.

#[test]
fn custom_rules_and_suppressions_apply_to_a_file_without_milestones() {
    let dir = setup(
        "package mlint.custom.hostile\n\nreport contains {\"message\": \"seen\"} if true\n",
        0,
    );
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n<!-- mlint-disable-file nope/x -->\n\nJust text.\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["notes.md"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().unwrap().to_string();
            (
                rule,
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("custom/hostile".into(), 1, "seen".into()),
            (
                "mlint/unknown-rule".into(),
                3,
                "suppression names unknown rule `nope/x`".into()
            ),
        ]
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

// Questionable: a slow but valid pattern over a long item ran 34 s past a
// 10 s limit, in one regex call the limit cannot stop.

#[test]
fn a_regex_search_that_could_run_for_minutes_is_refused_on_one_file_and_many() {
    let policy = "package mlint.custom.hostile\n\nreport contains {\"message\": \"m\"} if {\n\tsome line in input.lines\n\tregex.match(`(?:[a-z]|[a-y]){20000}[0-9]`, line)\n}\n";
    let long = format!("## Milestone 1: Build\n\n{}\n", "a".repeat(200_000));
    for (run_dir, args) in [
        (setup(policy, 0), vec!["doc.md"]),
        (setup(policy, 12), vec!["doc.md", "many"]),
    ] {
        std::fs::write(run_dir.path().join("doc.md"), &long).unwrap();
        let run = run_in(run_dir.path(), &args);
        assert_policy_error(
            &run,
            "`regex.match`: the pattern `(?:[a-z]|[a-y]){20000}[0-9]` compiles to",
        );
        assert!(
            run.stderr.contains("bytes and the text has 200000 bytes"),
            "{}",
            run.stderr
        );
    }
}

/// Squaring a number again and again is one arithmetic step at a time,
/// which no builtin guard sees and regorus's timer never interrupts (it is
/// checked between steps): the watchdog ends the run at twice the limit,
/// with exit 2, naming the rule and the file, and leaves no `--output` file.
#[test]
fn item6_big_number_squaring_is_stopped_by_the_watchdog() {
    let mut body = String::from("\tx0 := count(m.heading)\n");
    for i in 1..40 {
        body.push_str(&format!("\tx{i} := x{} * x{}\n", i - 1, i - 1));
    }
    let policy = format!(
        "package mlint.custom.hostile\n\nreport contains {{\"message\": \"x\"}} if {{\n\tsome m in input.milestones\n{body}\tx39 > 0\n}}\n"
    );
    for (dir, args) in [
        (setup(&policy, 0), vec!["doc.md"]),
        (setup(&policy, 12), vec!["doc.md", "many"]),
    ] {
        let mut args = args;
        args.extend(["--output", "report.json"]);
        let run = run_in(dir.path(), &args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "mlint: error: rule `custom/hostile` on `doc.md` ran past the time limit of 1 s"
            ),
            "{}",
            run.stderr
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("report") || n.contains(".tmp"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}
