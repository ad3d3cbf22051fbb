//! `mlint test`: Rego unit tests, like `opa test`.
//!
//! Every rule named `test_*` in a `*_test.rego` file is evaluated against the
//! compiled policies and `data.mlint.config`; it passes when it is `true`,
//! fails when it is false or undefined, and errors when evaluation fails.
//! Tests may build their input from Markdown with
//! `mlint.parse_markdown(text)` instead of writing the JSON document by hand.

use super::catalog::Origin;
use super::engine::PolicySet;
use super::error::PolicyError;
use super::syntax::defined_rules;

/// How one test ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The rule evaluated to `true`.
    Pass,
    /// The rule was false or undefined.
    Fail,
    /// Evaluation failed; the message says why.
    Error(String),
}

/// One test and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestResult {
    /// The test file.
    pub file: String,
    /// `data.<package>.<test>`.
    pub name: String,
    /// Pass, fail or error.
    pub outcome: Outcome,
}

/// Runs every `test_*` rule of every test file loaded into `set`, in file
/// then source order. `filter` keeps only tests whose name contains it;
/// `origin`, only test files of that origin.
pub fn run_tests(set: &PolicySet, filter: Option<&str>, origin: Option<Origin>) -> Vec<TestResult> {
    let mut results = Vec::new();
    // Built at load for `mlint test`, so this fails only as load would have.
    let base = match set.engine() {
        Ok(engine) => engine,
        Err(e) => {
            return vec![TestResult {
                file: String::new(),
                name: "loading the policies".into(),
                outcome: Outcome::Error(e.to_string()),
            }];
        }
    };
    for file in set
        .test_files()
        .iter()
        .filter(|f| origin.as_ref().is_none_or(|o| f.origin == *o))
    {
        let Some((package, _)) = super::catalog::package_of(&file.source) else {
            continue;
        };
        for test in defined_rules(&file.source)
            .into_iter()
            .filter(|n| n.starts_with("test_"))
        {
            let name = format!("data.{package}.{test}");
            if filter.is_some_and(|f| !name.contains(f)) {
                continue;
            }
            let mut engine = base.clone();
            let outcome = match engine.eval_rule(name.clone()) {
                Ok(regorus::Value::Bool(true)) => Outcome::Pass,
                Ok(_) => Outcome::Fail,
                Err(e) => Outcome::Error(
                    PolicyError::from_regorus(&e, set.test_files(), None).to_string(),
                ),
            };
            results.push(TestResult {
                file: file.path.clone(),
                name,
                outcome,
            });
        }
    }
    results
}
