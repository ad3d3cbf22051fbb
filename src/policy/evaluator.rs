//! Evaluating every rule over one document, on the RVM where the rules
//! compiled for it and on the interpreter otherwise (or again, after an RVM
//! error, for the interpreter's messages). A panic inside regorus is caught
//! and becomes a policy error naming the rule.

use super::catalog::{Origin, RuleMeta};
use super::error::PolicyError;
use super::findings::{RawFinding, collect};
use super::setup::LazyEngine;
use super::value::SharedStrings;
use super::vm::{Entry, VmProgram};
use regorus::Engine;
use regorus::rvm::vm::RegoVM;
use std::sync::Arc;

/// Evaluates rules for one thread. Cheap to create from a [`PolicySet`].
pub struct Evaluator {
    /// A clone of the set's engine, taken when first needed.
    pub(super) engine: Option<Engine>,
    pub(super) shared: Arc<LazyEngine>,
    pub(super) vm: Option<RegoVM>,
    /// How to build the RVM, and from how many milestones in a document it
    /// is worth building; `None` once built, or for the interpreter only.
    pub(super) vm_plan: Option<(VmSource, usize)>,
    /// Whether the last document was evaluated on the RVM alone (no
    /// fallback to the interpreter).
    pub(super) last_on_vm: bool,
    pub(super) rules: Arc<Vec<RuleMeta>>,
    pub(super) entries: Arc<Vec<Entry>>,
    /// Rules left out (see [`PolicySet::skip_rules`]).
    pub(super) skipped: Arc<Vec<bool>>,
    /// The strings the VM shares with the inputs built by [`Evaluator::input`].
    pub(super) strings: SharedStrings,
}

/// What an evaluator needs to compile the rules for the RVM on first use.
#[derive(Clone)]
pub(super) struct VmSource {
    pub(super) program: Arc<std::sync::OnceLock<Option<VmProgram>>>,
    pub(super) inputs: Option<(
        regorus::Value,
        Option<regorus::utils::limits::ExecutionTimerConfig>,
    )>,
}

impl Evaluator {
    /// Whether this evaluator runs the rules on the RVM (from the first
    /// document that made building it worthwhile).
    pub fn uses_vm(&self) -> bool {
        self.vm.is_some()
    }

    /// Whether the last document was evaluated on the RVM alone, without
    /// falling back to the interpreter after an RVM error.
    pub fn last_on_vm(&self) -> bool {
        self.last_on_vm
    }

    /// `value` as the `input` of [`Evaluator::evaluate`]: the same value as
    /// [`super::value::to_value`]'s, built to be quicker to look up in.
    pub fn input<T: serde::Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<regorus::Value, super::value::Error> {
        super::value::to_value_sharing(value, &mut self.strings)
    }

    /// Runs every rule over `input`. A rule that fails at evaluation, or that
    /// returns something that is not a finding, is a [`PolicyError`] naming it.
    pub fn evaluate(&mut self, input: regorus::Value) -> Result<Vec<RawFinding>, PolicyError> {
        self.evaluate_some(input, false)
    }

    /// Like [`Evaluator::evaluate`]; with `custom_only`, the bundled rules
    /// are left out (on a file that is not a plan they report nothing, and
    /// are not worth evaluating; a user's rule may report anything).
    pub fn evaluate_some(
        &mut self,
        input: regorus::Value,
        custom_only: bool,
    ) -> Result<Vec<RawFinding>, PolicyError> {
        let skipped = if custom_only {
            let rules = self.rules.iter().zip(self.skipped.iter());
            Arc::new(
                rules
                    .map(|(rule, skip)| *skip || rule.origin == Origin::Bundled)
                    .collect(),
            )
        } else {
            Arc::clone(&self.skipped)
        };
        if let Some((source, from)) = &self.vm_plan
            && (source.program.get().is_some() || milestones(&input) >= *from)
        {
            let program = source.program.get_or_init(|| {
                let (data, timer) = source.inputs.clone()?;
                VmProgram::build(self.shared.get().ok()?, &self.entries, data, timer)
            });
            if let Some((vm, strings)) = program.as_ref().and_then(VmProgram::machine) {
                self.vm = Some(vm);
                self.strings = strings;
            }
            self.vm_plan = None;
        }
        let mut out = Vec::new();
        let mut vm_done = false;
        if let Some(vm) = &mut self.vm {
            vm.set_input(input.clone());
            vm_done = true;
            super::vmcalls::take_failure();
            'rules: for (index, entry) in self.entries.iter().enumerate() {
                if skipped[index] {
                    continue;
                }
                let rule = &self.rules[index];
                for (query, warn_only) in &entry.queries {
                    let _armed = super::watchdog::arm(&rule.id);
                    let result = super::panics::catch(|| vm.execute_entry_point_by_name(query));
                    let result = match result {
                        Ok(result) => result,
                        Err(panic) => {
                            self.vm = None;
                            return Err(PolicyError::panicked(rule, &panic));
                        }
                    };
                    match result {
                        Ok(value) if !super::vmcalls::take_failure() => {
                            collect(rule, index, *warn_only, &value, &mut out)?
                        }
                        // An error, or a builtin failed (which the RVM makes
                        // undefined where the interpreter raises it): re-run
                        // on the interpreter, whose errors name the policy
                        // file and line.
                        _ => {
                            vm_done = false;
                            out.clear();
                            break 'rules;
                        }
                    }
                }
            }
        }
        self.last_on_vm = vm_done;
        if vm_done {
            return Ok(out);
        }
        let engine = match &mut self.engine {
            Some(engine) => engine,
            None => self.engine.insert(self.shared.get()?.clone()),
        };
        engine.set_input(input);
        for (index, entry) in self.entries.iter().enumerate() {
            if skipped[index] {
                continue;
            }
            let rule = &self.rules[index];
            for (query, warn_only) in &entry.queries {
                let _armed = super::watchdog::arm(&rule.id);
                let value = match super::panics::catch(|| engine.eval_rule(query.clone())) {
                    Ok(value) => value.map_err(|e| PolicyError::evaluation(rule, &e))?,
                    Err(panic) => {
                        // The engine's state after a panic is unknown.
                        self.engine = None;
                        return Err(PolicyError::panicked(rule, &panic));
                    }
                };
                collect(rule, index, *warn_only, &value, &mut out)?;
            }
        }
        Ok(out)
    }
}

/// Number of milestones in a document given as `input`.
fn milestones(input: &regorus::Value) -> usize {
    match input {
        regorus::Value::Object(o) => match o.get(&regorus::Value::from("milestones")) {
            Some(regorus::Value::Array(a)) => a.len(),
            _ => 0,
        },
        _ => 0,
    }
}
