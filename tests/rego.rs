//! Runs the Rego unit tests of the bundled policies (`policies/**/*_test.rego`)
//! through mlint's own test runner, so `cargo test` covers every rule.

use mlint::policy::testing::{Outcome, run_tests};
use mlint::policy::{PolicySet, bundled_files};

#[test]
fn bundled_rego_unit_tests_pass() {
    let set = PolicySet::load(bundled_files(), mlint::config::defaults_json(), true, None)
        .unwrap_or_else(|errs| {
            panic!(
                "bundled policies do not compile:\n{}",
                errs.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    let results = run_tests(&set, None, None);
    let mut failures = Vec::new();
    for r in &results {
        match &r.outcome {
            Outcome::Pass => {}
            Outcome::Fail => failures.push(format!("FAIL  {} ({})", r.name, r.file)),
            Outcome::Error(e) => failures.push(format!("ERROR {} ({}): {e}", r.name, r.file)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every bundled rule has tests beside it.
    for rule in set.rules() {
        let test_file = rule.file.replace(".rego", "_test.rego");
        let count = results.iter().filter(|r| r.file == test_file).count();
        assert!(
            count >= 2,
            "rule {} has {count} tests in {test_file}; want a passing and a failing case at least",
            rule.id
        );
    }
}

#[test]
fn bundled_rule_files_match_their_ids() {
    let set = PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
        .expect("bundled policies compile");
    for rule in set.rules() {
        assert_eq!(
            rule.file,
            format!("policies/{}.rego", rule.id),
            "rule {} lives in the wrong file",
            rule.id
        );
    }
}
