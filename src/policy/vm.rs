//! The rules compiled for regorus's virtual machine (RVM): the program
//! `build.rs` compiled from the bundled policies, or one compiled at run
//! time from the user's, with every builtin call routed through mlint's
//! wrappers (`vmcalls`, `natives`), and one VM per evaluator.

use super::value::SharedStrings;
use regorus::Engine;
use regorus::rvm::vm::RegoVM;
use std::sync::Arc;

/// The bundled rules compiled for the RVM by `build.rs`, serialized; empty
/// if that failed.
pub(super) static BUNDLED_PROGRAM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/bundled.rvm"));

/// Which rules a package defines, for evaluation.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    /// `data.<package>.<name>` for each reporting rule, with whether it is `warn`.
    pub(super) queries: Vec<(String, bool)>,
}

/// The bundled and user rules compiled for regorus's virtual machine (RVM),
/// which evaluates them 3–6× faster than the tree-walking interpreter with
/// identical results. Shared by every worker thread.
///
/// regorus's own regex builtins hand out a fresh copy of a compiled pattern
/// per call and so rebuild its lazy DFA every time; both the interpreter and
/// the RVM call mlint's per-thread cache instead (`fastregex`). Measured
/// with `cargo run --release --example rule_timing -- DIR`.
pub(super) struct VmProgram {
    /// The policy the program was compiled from (`None` for the program
    /// compiled at build time, which runs without it).
    pub(super) compiled: Option<regorus::CompiledPolicy>,
    pub(super) program: Arc<regorus::rvm::program::Program>,
    pub(super) data: regorus::Value,
    pub(super) timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
}

impl VmProgram {
    /// Compiles every reporting query; `None` when a policy uses something
    /// the RVM does not support (the interpreter then does all the work).
    pub(super) fn build(
        engine: &Engine,
        entries: &[Entry],
        data: regorus::Value,
        timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
    ) -> Option<VmProgram> {
        let queries: Vec<&str> = entries
            .iter()
            .flat_map(|e| e.queries.iter().map(|(q, _)| q.as_str()))
            .collect();
        let first: Arc<str> = Arc::from(*queries.first()?);
        let compiled = engine.clone().compile_with_entrypoint(&first).ok()?;
        let mut program =
            regorus::languages::rego::compiler::Compiler::compile_from_policy(&compiled, &queries)
                .ok()?;
        if !super::vmcalls::patch_program(Arc::make_mut(&mut program), super::natives::all()) {
            return None;
        }
        Some(VmProgram {
            compiled: Some(compiled),
            program,
            data,
            timer,
        })
    }

    /// The bundled rules as `build.rs` compiled them, if that program has
    /// an entry point for every query in `entries` (so it is the program
    /// [`VmProgram::build`] would make from the same policies).
    pub(super) fn prebuilt(
        entries: &[Entry],
        data: regorus::Value,
        timer: Option<regorus::utils::limits::ExecutionTimerConfig>,
    ) -> Option<VmProgram> {
        use regorus::rvm::program::{DeserializationResult, Program};
        let mut program = match Program::deserialize_binary(BUNDLED_PROGRAM).ok()? {
            DeserializationResult::Complete(program) => program,
            DeserializationResult::Partial(_) => return None,
        };
        if !super::vmcalls::patch_program(&mut program, super::natives::all()) {
            return None;
        }
        let complete = entries
            .iter()
            .flat_map(|e| &e.queries)
            .all(|(query, _)| program.get_entry_point(query).is_some());
        complete.then(|| VmProgram {
            compiled: None,
            program: Arc::new(program),
            data,
            timer,
        })
    }

    /// A VM for one evaluator, with its own copy of the program's string
    /// literals and of `data`, and the table that shares them with inputs
    /// (see [`SharedStrings`]).
    pub(super) fn machine(&self) -> Option<(RegoVM, SharedStrings)> {
        let mut vm = match &self.compiled {
            Some(compiled) => RegoVM::new_with_policy(compiled.clone()),
            None => RegoVM::new(),
        };
        let mut strings = SharedStrings::default();
        let mut program = (*self.program).clone();
        for literal in &mut program.literals {
            *literal = strings.share(literal);
        }
        vm.load_program(Arc::new(program));
        vm.set_data(strings.share(&self.data)).ok()?;
        vm.set_execution_timer_config(self.timer);
        // regorus stops a query after 25,000 instructions by default, which
        // a rule reaches on a file with a few hundred milestones; the file
        // was then evaluated again on the interpreter, several times slower.
        // Runaway policies are stopped by the time limit, as on the
        // interpreter.
        vm.set_max_instructions(usize::MAX);
        Some((vm, strings))
    }
}
