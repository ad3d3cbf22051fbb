//! The regorus engine: compile every policy once, clone per worker thread.
//!
//! [`PolicySet::load`] adds the bundled and user policy files and the
//! configuration (`data.mlint.config`) to one engine and reads the rule
//! catalog. [`PolicySet::evaluator`] hands out a cheap clone (regorus keeps
//! its compiled state across clones), and [`Evaluator::evaluate`] runs every
//! rule over one document, returning raw findings with byte spans. Turning
//! those into located, levelled [`crate::diagnostic::Finding`]s is
//! [`crate::policy::resolve`]'s job.
//!
//! Rules run on regorus's virtual machine (RVM) where they compile for it.
//! The bundled rules are compiled for it at build time (`build.rs`): a run
//! with only them neither parses nor compiles any policy, and builds the
//! engine only if a file needs the interpreter.

use super::catalog::{self, Origin, RuleMeta, Style};
use super::error::PolicyError;
use super::evaluator::VmSource;
use super::setup::{LazyEngine, add_data, add_policy, new_engine, timer};
use super::syntax::defined_rules;
use super::value::SharedStrings;
use super::vm::{BUNDLED_PROGRAM, Entry, VmProgram};
use regorus::Engine;
use std::sync::Arc;
use std::time::Duration;

pub use super::evaluator::Evaluator;
pub use super::file::{PolicyFile, bundled_files};
pub use super::findings::RawFinding;

/// Every policy, compiled once, and the rule catalog.
#[derive(Clone)]
pub struct PolicySet {
    engine: Arc<LazyEngine>,
    /// Built on first use: compiling for the RVM costs a few milliseconds of
    /// start-up, which only pays off over many files. Set at load when the
    /// policies are the bundled ones, from the program `build.rs` compiled.
    vm: Arc<std::sync::OnceLock<Option<VmProgram>>>,
    vm_inputs: Option<(
        regorus::Value,
        Option<regorus::utils::limits::ExecutionTimerConfig>,
    )>,
    reads_lines: bool,
    rules: Arc<Vec<RuleMeta>>,
    entries: Arc<Vec<Entry>>,
    /// Per rule (as [`PolicySet::rules`]): whether evaluators leave it out
    /// (a rule the configuration turns off).
    skipped: Arc<Vec<bool>>,
    tests: Arc<Vec<PolicyFile>>,
}

impl PolicySet {
    /// Compiles `files` with `config` as `data.mlint.config`. With
    /// `with_tests`, `*_test.rego` files are compiled too (for `mlint test`).
    /// Every problem is returned, not only the first.
    pub fn load(
        files: Vec<PolicyFile>,
        config: serde_json::Value,
        with_tests: bool,
        timeout: Option<Duration>,
    ) -> Result<PolicySet, Vec<PolicyError>> {
        let loaded: Vec<PolicyFile> = files
            .iter()
            .filter(|f| with_tests || !f.is_test())
            .cloned()
            .collect();
        if let Some(limit) = timeout {
            super::watchdog::set_limit(limit);
        }
        let mut errors = super::calls::check(&loaded);
        // With only the bundled rules (always valid: tests compile them) the
        // program compiled at build time runs them and the engine is built
        // only if needed. Otherwise it is built now, which also reports
        // every policy that does not compile.
        let rvm = std::env::var_os("MLINT_NO_RVM").is_none();
        let bundled_only = !with_tests
            && rvm
            && !BUNDLED_PROGRAM.is_empty()
            && loaded.iter().all(|f| f.origin == Origin::Bundled);
        let mut engine = if bundled_only {
            None
        } else {
            let options = with_tests.then(|| {
                serde_json::from_value::<crate::document::ParseOptions>(config.clone())
                    .unwrap_or_default()
            });
            let (engine, problems) = new_engine(timeout, options);
            errors.extend(problems);
            Some(engine)
        };
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut tests = Vec::new();
        for file in &files {
            if file.is_test() {
                if with_tests {
                    tests.push(file.clone());
                } else {
                    continue;
                }
            }
            if let Some(engine) = &mut engine
                && let Err(e) = add_policy(engine, file, &files)
            {
                errors.push(e);
                continue;
            }
            if file.is_test() {
                continue;
            }
            let Some((package, _)) = catalog::package_of(&file.source) else {
                continue;
            };
            let defined = defined_rules(&file.source);
            let Some(id) = catalog::rule_id(&package) else {
                // A user's package that reports but that mlint never
                // evaluates would pass silently: say so.
                let reports = ["report", "deny", "violation", "warn"];
                if file.origin != Origin::Bundled
                    && let Some(name) = defined.iter().find(|d| reports.contains(&d.as_str()))
                {
                    errors.push(PolicyError::in_file(
                        &file.path,
                        &file.source,
                        catalog::package_of(&file.source).map(|(_, l)| l),
                        format!(
                            "package `{package}` defines `{name}` but mlint never evaluates it: rules belong in `package mlint.custom.<name>` (or conftest's `package main`)"
                        ),
                    ));
                }
                continue;
            };
            let style = if defined.iter().any(|n| n == "report") {
                Style::Report
            } else {
                Style::Conftest
            };
            let queries: Vec<(String, bool)> = match style {
                Style::Report => vec![(format!("data.{package}.report"), false)],
                Style::Conftest => ["deny", "violation", "warn"]
                    .iter()
                    .filter(|n| defined.iter().any(|d| d == *n))
                    .map(|n| (format!("data.{package}.{n}"), *n == "warn"))
                    .collect(),
            };
            if queries.is_empty() {
                continue;
            }
            if let Some(existing) = rules.iter().position(|r| r.id == id) {
                // conftest's `package main` may be spread over several
                // files, like any Rego package: its queries are merged.
                if id == catalog::CONFTEST_MAIN && rules[existing].style == style {
                    for query in queries {
                        if !entries[existing].queries.contains(&query) {
                            entries[existing].queries.push(query);
                        }
                    }
                    continue;
                }
                errors.push(PolicyError::in_file(
                    &file.path,
                    &file.source,
                    catalog::package_of(&file.source).map(|(_, l)| l),
                    format!(
                        "rule `{id}` is defined twice: here and in {}",
                        rules[existing].file
                    ),
                ));
                continue;
            }
            match catalog::read_meta(
                &id,
                &package,
                &file.path,
                &file.source,
                file.origin.clone(),
                style,
            ) {
                Ok(meta) => {
                    rules.push(meta);
                    entries.push(Entry { queries });
                }
                Err(e) => errors.push(PolicyError::in_file(
                    &file.path,
                    &file.source,
                    Some(e.line),
                    e.message,
                )),
            }
        }
        let data = regorus::Value::from(serde_json::json!({ "mlint": { "config": config } }));
        if let Some(engine) = &mut engine
            && let Err(e) = add_data(engine, &data)
        {
            errors.push(e);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // Sort the catalog by id so every listing is stable.
        let mut order: Vec<usize> = (0..rules.len()).collect();
        order.sort_by(|a, b| rules[*a].id.cmp(&rules[*b].id));
        let rules: Vec<RuleMeta> = order.iter().map(|i| rules[*i].clone()).collect();
        let entries: Vec<Entry> = order.iter().map(|i| entries[*i].clone()).collect();
        // `lines` repeats the whole file; most policies never read it, and
        // converting it costs time on every file. Keep it only when some
        // policy mentions it.
        let reads_lines = loaded.iter().any(|f| f.source.contains("lines"));
        let timer = timer(timeout);
        let vm_inputs = rvm.then_some((data.clone(), timer));
        // With only the bundled policies, the program compiled at build time
        // saves compiling them now.
        let vm = std::sync::OnceLock::new();
        if let Some((data, timer)) = &vm_inputs
            && loaded.iter().all(|f| f.origin == Origin::Bundled)
            && let Some(program) = VmProgram::prebuilt(&entries, data.clone(), *timer)
        {
            let _ = vm.set(Some(program));
        }
        let lazy = LazyEngine {
            engine: std::sync::OnceLock::new(),
            files: loaded,
            data,
            timeout,
        };
        match engine {
            Some(engine) => {
                let _ = lazy.engine.set(Ok(engine));
            }
            // Without the program (it does not fit), build the engine now.
            None if vm.get().is_none() => {
                lazy.get().map_err(|e| vec![e])?;
            }
            None => {}
        }
        Ok(PolicySet {
            engine: Arc::new(lazy),
            vm: Arc::new(vm),
            vm_inputs,
            reads_lines,
            skipped: Arc::new(vec![false; rules.len()]),
            rules: Arc::new(rules),
            entries: Arc::new(entries),
            tests: Arc::new(tests),
        })
    }

    /// Whether any loaded policy may read `input.lines`.
    pub fn reads_lines(&self) -> bool {
        self.reads_lines
    }

    /// The rule catalog, sorted by id.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Leaves the rules for which `off` holds out of every evaluator made
    /// from now on: they are not evaluated at all, so a rule turned off
    /// costs no time, and cannot fail the run.
    pub fn skip_rules(&mut self, off: impl Fn(&RuleMeta) -> bool) {
        self.skipped = Arc::new(self.rules.iter().map(off).collect());
    }

    /// Whether any rule comes from a user's policy.
    pub fn has_custom_rules(&self) -> bool {
        self.rules.iter().any(|r| r.origin != Origin::Bundled)
    }

    /// Whether evaluators evaluate any rule (see [`PolicySet::skip_rules`]).
    pub fn evaluates_any(&self) -> bool {
        self.skipped.iter().any(|skipped| !skipped)
    }

    /// The loaded `*_test.rego` files (only with `with_tests`).
    pub fn test_files(&self) -> &[PolicyFile] {
        &self.tests
    }

    /// A fresh evaluator sharing the compiled policies; it runs the rules on
    /// the tree-walking interpreter.
    pub fn evaluator(&self) -> Evaluator {
        self.evaluator_with(None)
    }

    /// An evaluator that runs the rules on the RVM when they compile for it
    /// (faster per file, a few milliseconds more to start): for runs over
    /// many files. The RVM is built on the first document with milestones.
    /// Results are identical; on any RVM error the file is evaluated again
    /// by the interpreter, whose errors name file and line.
    pub fn fast_evaluator(&self) -> Evaluator {
        self.evaluator_with(Some(1))
    }

    /// An evaluator for a run over a few files: the interpreter, unless a
    /// document has `milestones` milestones or more, from which the RVM's
    /// start-up (compiling every rule) pays for itself, or the rules are
    /// already compiled for the RVM.
    pub fn adaptive_evaluator(&self, milestones: usize) -> Evaluator {
        self.evaluator_with(Some(milestones))
    }

    fn evaluator_with(&self, vm_from: Option<usize>) -> Evaluator {
        let source = VmSource {
            program: Arc::clone(&self.vm),
            inputs: self.vm_inputs.clone(),
        };
        Evaluator {
            engine: None,
            shared: Arc::clone(&self.engine),
            vm: None,
            vm_plan: vm_from.map(|n| (source, n)),
            last_on_vm: false,
            rules: Arc::clone(&self.rules),
            entries: Arc::clone(&self.entries),
            skipped: Arc::clone(&self.skipped),
            strings: SharedStrings::default(),
        }
    }

    /// A clone of the compiled engine, for profiling tools.
    #[doc(hidden)]
    pub fn evaluator_engine(&self) -> Engine {
        self.engine().expect("the policies load")
    }

    /// A clone of the engine, for the test runner.
    pub(crate) fn engine(&self) -> Result<Engine, PolicyError> {
        self.engine.get().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_set() -> PolicySet {
        PolicySet::load(bundled_files(), crate::config::defaults_json(), false, None)
            .expect("bundled policies load")
    }

    #[test]
    fn the_program_compiled_at_build_time_is_the_one_compiled_now() {
        assert!(!BUNDLED_PROGRAM.is_empty(), "build.rs compiled nothing");
        let set = bundled_set();
        let (data, timer) = set.vm_inputs.clone().expect("the RVM is on");
        let engine = set.engine.get().expect("the bundled policies load");
        let now = VmProgram::build(engine, &set.entries, data, timer).expect("compiles");
        let now = now.program.serialize_binary().expect("serializes");
        assert_eq!(now.len(), BUNDLED_PROGRAM.len());
        assert!(now == BUNDLED_PROGRAM, "build.rs compiled another program");
    }

    #[test]
    fn a_set_of_bundled_policies_starts_with_the_prebuilt_program() {
        let set = bundled_set();
        let program = set.vm.get().expect("set at load").as_ref().expect("usable");
        assert!(
            program.compiled.is_none(),
            "the prebuilt program, not a new one"
        );
        assert!(set.engine.engine.get().is_none(), "no engine until needed");
        // The interpreter builds it when first asked to evaluate.
        let text = "## Phase 1: Build\n\n**Duration:** 400 weeks\n";
        let doc = crate::document::parse("f.md", text, &Default::default());
        let input = super::super::value::to_value(&doc).expect("input");
        let slow = set
            .evaluator()
            .evaluate(input.clone())
            .expect("interpreter");
        assert!(set.engine.engine.get().is_some());
        let fast = set.fast_evaluator().evaluate(input).expect("rvm");
        assert_eq!(slow.len(), fast.len());
        assert!(
            slow.iter()
                .any(|f| set.rules()[f.rule].id == "duration/too-long")
        );
        let mut custom = bundled_files();
        custom.push(PolicyFile {
            path: "pol/custom.rego".into(),
            source: "package mlint.custom.x.y\n\nreport contains {\"message\": \"m\"} if false\n"
                .into(),
            origin: Origin::Custom,
        });
        let set = PolicySet::load(custom, crate::config::defaults_json(), false, None)
            .expect("custom policy loads");
        assert!(set.vm.get().is_none(), "compiled on first need instead");
        assert!(
            set.engine.engine.get().is_some(),
            "built at load, with errors"
        );
    }

    #[test]
    fn a_panic_inside_a_builtin_is_a_policy_error_naming_the_rule() {
        let mut files = bundled_files();
        files.push(PolicyFile {
            path: "pol/custom.rego".into(),
            source: "package mlint.custom.x.y\n\nreport contains {\"message\": upper(m.heading)} if some m in input.milestones\n".into(),
            origin: Origin::Custom,
        });
        let set = PolicySet::load(files, crate::config::defaults_json(), false, None)
            .expect("custom policy loads");
        // A builtin that panics, as regorus's `sprintf` did on `%²d`.
        let mut engine = set.engine.get().expect("built").clone();
        engine
            .add_extension("upper".into(), 1, Box::new(|_| panic!("boom")))
            .expect("registers");
        let mut eval = set.evaluator();
        eval.engine = Some(engine);
        let doc = crate::document::parse("f.md", "## Phase 1: A\n", &Default::default());
        let input = super::super::value::to_value(&doc).expect("input");
        let err = eval
            .evaluate(input)
            .expect_err("a policy error")
            .to_string();
        assert!(
            err.starts_with("pol/custom.rego: rule `custom/x/y` crashed the policy engine (a bug in regorus: boom at src/policy/engine.rs:"),
            "{err}"
        );
        assert!(eval.engine.is_none(), "the engine is dropped after a panic");
    }
}
