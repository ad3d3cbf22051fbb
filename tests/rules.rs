//! Per-rule fixtures: `fixtures/rules/<category>/<rule>/fail.md` triggers
//! exactly that rule, `pass.md` triggers nothing. The exact findings of each
//! fail fixture are snapshotted (rule, line, column, message).

use mlint::check::{Checker, Report};
use mlint::discover::Target;
use mlint::policy::Origin;
use std::path::PathBuf;

fn check(path: &str) -> Report {
    let checker = Checker::bundled().expect("bundled policies compile");
    let target = Target {
        display: path.to_string(),
        path: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path),
        unreadable: None,
    };
    checker.check(&[target], 1).expect("no policy error")
}

fn bundled_rule_ids() -> Vec<String> {
    let checker = Checker::bundled().expect("bundled policies compile");
    checker
        .rules()
        .iter()
        .filter(|r| r.origin == Origin::Bundled)
        .map(|r| r.id.clone())
        .collect()
}

#[test]
fn every_bundled_rule_has_fixtures() {
    for id in bundled_rule_ids() {
        for kind in ["fail", "pass"] {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join(format!("fixtures/rules/{id}/{kind}.md"));
            assert!(path.is_file(), "missing fixture {}", path.display());
        }
    }
}

#[test]
fn pass_fixtures_trigger_nothing() {
    for id in bundled_rule_ids() {
        let report = check(&format!("fixtures/rules/{id}/pass.md"));
        assert!(report.milestones > 0, "{id}/pass.md has no milestone");
        let found: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{}:{} {}", f.rule, f.location.line, f.message))
            .collect();
        assert!(
            found.is_empty(),
            "{id}/pass.md should pass but has:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn fail_fixtures_trigger_exactly_their_rule() {
    for id in bundled_rule_ids() {
        let path = format!("fixtures/rules/{id}/fail.md");
        let report = check(&path);
        let found: Vec<String> = report
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{} {}",
                    f.rule, f.location.line, f.location.column, f.message
                )
            })
            .collect();
        assert!(!report.findings.is_empty(), "{path} triggers nothing");
        assert!(
            report.findings.iter().all(|f| f.rule == id),
            "{path} should trigger only {id} but has:\n{}",
            found.join("\n")
        );
        insta::assert_snapshot!(format!("fail_{}", id.replace('/', "__")), found.join("\n"));
    }
}

/// The RVM (used for runs over many files) and the interpreter (used for a
/// few files and for errors) find exactly the same things on every fixture,
/// and the RVM needs no help from the interpreter for any of them.
#[test]
fn the_rvm_and_the_interpreter_agree_on_every_fixture() {
    use mlint::document::{ParseOptions, parse};
    use mlint::policy::{PolicySet, bundled_files};
    let set = PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
        .expect("policies");
    let mut slow = set.evaluator();
    let mut fast = set.fast_evaluator();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    let mut compared = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let doc = parse("f.md", &text, &ParseOptions::default());
            let input = mlint::policy::value::to_value(&doc).expect("input");
            // The order of raw findings carries no meaning (reports sort them).
            let sorted = |mut v: Vec<mlint::policy::RawFinding>| {
                v.sort_by(|x, y| (x.rule, x.span, &x.message).cmp(&(y.rule, y.span, &y.message)));
                v
            };
            let a = sorted(slow.evaluate(input.clone()).expect("interpreter"));
            let b = sorted(fast.evaluate(input).expect("rvm"));
            assert_eq!(a, b, "{}", path.display());
            // A builtin that fails on the RVM (`sum` over an undefined
            // element, say) sends the file to the interpreter: same findings,
            // twice the time.
            assert!(
                fast.last_on_vm(),
                "{}: evaluated again on the interpreter",
                path.display()
            );
            compared += 1;
        }
    }
    assert!(compared > 30, "compared {compared} fixtures");
    assert!(fast.uses_vm(), "the bundled rules compile for the RVM");
    assert!(!slow.uses_vm());
}

/// With user policies, a run over a few files compiles the rules for the RVM
/// only once a file has enough milestones to pay for it; with only the
/// bundled ones, the program compiled at build time is used from the first
/// file.
#[test]
fn the_adaptive_evaluator_builds_the_rvm_from_enough_milestones() {
    use mlint::document::{ParseOptions, parse};
    use mlint::policy::{Origin, PolicyFile, PolicySet, bundled_files};
    let mut files = bundled_files();
    files.push(PolicyFile {
        path: "pol/quiet.rego".into(),
        source:
            "package mlint.custom.team.quiet\n\nreport contains {\"message\": \"m\"} if false\n"
                .into(),
        origin: Origin::Custom,
    });
    let set =
        PolicySet::load(files, mlint::config::defaults_json(), false, None).expect("policies");
    let input = |n: usize| {
        let text: String = (1..=n)
            .map(|i| format!("## Phase {i}: Step\n\n**Duration:** 6-2 weeks\n\n"))
            .collect();
        mlint::policy::value::to_value(&parse("f.md", &text, &ParseOptions::default()))
            .expect("input")
    };
    let mut eval = set.adaptive_evaluator(3);
    let two = eval.evaluate(input(2)).expect("evaluates");
    assert!(!eval.uses_vm());
    // One inverted range per phase, and one finding for the file: no phase
    // says what it is for.
    assert_eq!(two.len(), 2 + 1, "two inverted phases without sections");
    let three = eval.evaluate(input(3)).expect("evaluates");
    assert!(eval.uses_vm());
    assert_eq!(three.len(), 3 + 1);

    let bundled = PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
        .expect("policies");
    let mut eval = bundled.adaptive_evaluator(3);
    assert_eq!(eval.evaluate(input(1)).expect("evaluates").len(), 2);
    assert!(eval.uses_vm(), "prebuilt: no start-up to pay for");
}

/// A file with hundreds of milestones runs on the RVM to the end: regorus's
/// default cap of 25,000 instructions per query used to stop a rule there,
/// and the file was evaluated again on the slower interpreter.
#[test]
fn a_file_with_many_milestones_is_evaluated_on_the_rvm_alone() {
    use mlint::document::{ParseOptions, parse};
    use mlint::policy::{PolicySet, bundled_files};
    let set = PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
        .expect("policies");
    let text: String = (1..=400)
        .map(|i| {
            format!(
                "## Phase {}: Step {}\n\n**Duration:** {} weeks\n\n### Objectives\n- Build\n\n### Deliverables\n- Code\n\n",
                i % 50,
                // A placeholder in a third of the headings: a plan, not a template.
                if i % 3 == 0 { "[Name]" } else { "Build" },
                i % 7
            )
        })
        .collect();
    let input = mlint::policy::value::to_value(&parse("f.md", &text, &ParseOptions::default()))
        .expect("input");
    let mut fast = set.fast_evaluator();
    let mut on_vm = fast.evaluate(input.clone()).expect("rvm");
    assert!(fast.last_on_vm(), "no fallback to the interpreter");
    let mut slow = set.evaluator();
    let mut interpreted = slow.evaluate(input).expect("interpreter");
    assert!(!slow.last_on_vm());
    let key = |f: &mlint::policy::RawFinding| (f.rule, f.span, f.message.clone());
    on_vm.sort_by_key(key);
    interpreted.sort_by_key(key);
    assert_eq!(on_vm, interpreted);
    assert!(on_vm.len() > 400, "{} findings", on_vm.len());
}

/// On the RVM, the regex builtins are mlint's (`policy::fastregex`), as on
/// the interpreter: a pattern too big for regorus's own builtins (100 KiB
/// compiled) but within mlint's 10 MiB no longer stops the RVM and sends
/// the file to the interpreter, and the findings are the interpreter's.
#[test]
fn the_rvm_calls_mlints_regex_builtins() {
    use mlint::document::{ParseOptions, parse};
    use mlint::policy::{Origin, PolicyFile, PolicySet, bundled_files};
    let mut files = bundled_files();
    files.push(PolicyFile {
        path: "pol/words.rego".into(),
        source: concat!(
            "package mlint.custom.team.words\n\n",
            "report contains {\"message\": sprintf(\"long words: %v\", [found]), \"line\": m.line} if {\n",
            "\tsome m in input.milestones\n",
            "\tfound := regex.find_n(`\\w{40}`, m.heading, -1)\n",
            "\tcount(found) > 0\n",
            "\tregex.match(`\\w{40}`, m.heading)\n",
            "\tregex.replace(m.heading, `\\w{40}`, \"x\") != m.heading\n",
            "\tcount(regex.split(`\\w{40}`, m.heading)) == 2\n",
            "}\n",
        )
        .into(),
        origin: Origin::Custom,
    });
    let set =
        PolicySet::load(files, mlint::config::defaults_json(), false, None).expect("policies");
    let text = format!(
        "## Phase 1: Wörter {}\n\n**Duration:** 2 weeks\n\n## Phase 2: Short\n\n**Duration:** 1 week\n",
        "ä".repeat(40)
    );
    let input = mlint::policy::value::to_value(&parse("f.md", &text, &ParseOptions::default()))
        .expect("input");
    let ours = |f: &&mlint::policy::RawFinding| f.message.starts_with("long words");
    let mut fast = set.fast_evaluator();
    let on_vm = fast.evaluate(input.clone()).expect("rvm");
    assert!(fast.last_on_vm(), "no fallback to the interpreter");
    let mut slow = set.evaluator();
    let interpreted = slow.evaluate(input).expect("interpreter");
    let on_vm: Vec<_> = on_vm.iter().filter(ours).collect();
    let interpreted: Vec<_> = interpreted.iter().filter(ours).collect();
    assert_eq!(on_vm, interpreted);
    assert_eq!(on_vm.len(), 1);
    assert_eq!(on_vm[0].line, Some(1));
    assert_eq!(
        on_vm[0].message,
        format!("long words: [\"{}\"]", "ä".repeat(40))
    );
}
