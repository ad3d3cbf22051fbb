//! The check pipeline: files → documents → findings → the sorted report.
//!
//! [`Checker`] holds everything that is built once per run (compiled
//! policies, the parser's vocabulary, rule levels).
//! [`Checker::check_streaming`] reads, parses and evaluates files in
//! parallel, one engine clone per worker thread, and hands over each file's
//! outcome in report order (by path, then line, column and rule), so output
//! never depends on thread timing, and keeps nothing once a file is handed
//! over. [`Checker::check`] collects the same outcomes into a [`Report`].

use crate::diagnostic::{Finding, Location, Severity, sort_findings};
use crate::discover::Target;
use crate::document::{self, LineIndex, ParseOptions};
pub use crate::levels::Levels;
use crate::outcome::FileView;
pub use crate::outcome::{Report, Totals};
use crate::policy::{Evaluator, PolicyError, PolicySet, RawFinding, RuleMeta, builtin};
use crate::suppress;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};

/// What happened to one file: its findings and, when the checker keeps
/// sources and there are findings, its text.
///
/// [`Checker::check_streaming`] delivers one per distinct path, with the
/// findings in report order.
#[derive(Debug)]
pub struct FileOutcome {
    display: String,
    milestones: usize,
    findings: Vec<Finding>,
    source: Option<Arc<str>>,
}

impl FileOutcome {
    /// The path shown in reports.
    pub fn path(&self) -> &str {
        &self.display
    }

    /// Milestones found in the file.
    pub fn milestones(&self) -> usize {
        self.milestones
    }

    /// The file's findings (in report order once delivered by
    /// [`Checker::check_streaming`]).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The file's text, when kept (see [`Checker::keep_sources`]).
    pub fn source(&self) -> Option<&Arc<str>> {
        self.source.as_ref()
    }

    /// The file as renderers see it.
    pub fn view(&self) -> FileView<'_> {
        FileView {
            path: &self.display,
            findings: &self.findings,
            source: self.source.as_ref(),
        }
    }
}

/// How many files may be checked ahead of the first one not yet delivered
/// (at least; more with many threads). Bounds what is held in memory while
/// a slow file holds up delivery, and keeps every worker busy meanwhile.
const IN_FLIGHT: usize = 256;

/// A file's outcome as a worker hands it over: a panic is carried to the
/// delivering thread, which resumes it.
type Checked = std::thread::Result<Result<FileOutcome, PolicyError>>;

/// With user policies (the bundled ones alone are compiled for the RVM at
/// build time, and always run on it), from this many files a run compiles
/// the rules for the RVM (its start-up, about 2 ms, pays off over a handful
/// of files) ...
const VM_FILES: usize = 8;
/// ... and, in a smaller run, from the first file with this many milestones.
/// Measured in instructions with callgrind on whole one-file runs: a
/// 19-milestone file costs 17% less on the RVM, an 8-milestone one 3% less,
/// a 1-milestone one 15% more.
const VM_MILESTONES: usize = 12;

/// Evaluators for the workers of one run: each worker takes an idle one (or
/// builds one, which is costly) and gives it back, so a run builds at most
/// one per thread.
struct Evaluators {
    fast: bool,
    idle: Mutex<Vec<Evaluator>>,
}

impl Evaluators {
    fn with<R>(&self, checker: &Checker, f: impl FnOnce(&mut Evaluator) -> R) -> R {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut eval = idle.unwrap_or_else(|| {
            if self.fast {
                checker.policies.fast_evaluator()
            } else {
                checker.policies.adaptive_evaluator(VM_MILESTONES)
            }
        });
        let result = f(&mut eval);
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(eval);
        result
    }
}

/// Sets the flag when dropped, also while unwinding.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Everything built once per run.
pub struct Checker {
    policies: PolicySet,
    parse_options: ParseOptions,
    levels: Levels,
    rules: Vec<RuleMeta>,
    known: Vec<String>,
    require_reason: bool,
    keep_sources: bool,
}

impl Checker {
    /// A checker over compiled `policies`.
    pub fn new(mut policies: PolicySet, parse_options: ParseOptions, levels: Levels) -> Checker {
        // A rule turned off is not evaluated: its findings would be dropped.
        policies.skip_rules(|rule| levels.level(&rule.id, rule.default_level).is_none());
        let mut rules: Vec<RuleMeta> = builtin::rules();
        rules.extend(policies.rules().iter().cloned());
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let known = rules.iter().map(|r| r.id.clone()).collect();
        Checker {
            policies,
            parse_options,
            levels,
            rules,
            known,
            require_reason: false,
            keep_sources: true,
        }
    }

    /// Keeps the text of files with findings in the report, for renderers
    /// that show source snippets (the human format). Off, memory holds only
    /// the findings.
    pub fn keep_sources(mut self, yes: bool) -> Checker {
        self.keep_sources = yes;
        self
    }

    /// Makes a suppression without a reason an error (`require_reason`).
    pub fn require_reason(mut self, yes: bool) -> Checker {
        self.require_reason = yes;
        self
    }

    /// A checker with the bundled policies and the default configuration.
    pub fn bundled() -> Result<Checker, Vec<PolicyError>> {
        let config = crate::config::Config::defaults();
        let policies = PolicySet::load(
            crate::policy::bundled_files(),
            config.data.clone(),
            false,
            Some(config.timeout()),
        )?;
        Ok(Checker::new(
            policies,
            ParseOptions::default(),
            Levels::default(),
        ))
    }

    /// An evaluator for [`Checker::check_bytes`] (one per thread), as a run
    /// over many files uses: the rules on the RVM where they compile for it.
    pub fn evaluator(&self) -> Evaluator {
        self.policies.fast_evaluator()
    }

    /// The full rule catalog, sorted by id.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Checks `targets` on `jobs` threads (0 = one per core) and collects
    /// the whole report. Built on [`Checker::check_streaming`]; a renderer
    /// that can stream should use that instead, which keeps nothing.
    pub fn check(&self, targets: &[Target], jobs: usize) -> Result<Report, PolicyError> {
        let mut report = Report {
            rules: self.rules.clone(),
            ..Report::default()
        };
        let totals = self.check_streaming(targets, jobs, |outcome| -> Result<(), PolicyError> {
            report.milestones += outcome.milestones;
            if !outcome.findings.is_empty() {
                if let Some(source) = outcome.source {
                    report.sources.insert(outcome.display, source);
                }
                // Files come in path order, each with its findings sorted:
                // appending keeps the whole list sorted.
                report.findings.extend(outcome.findings);
            }
            Ok(())
        })?;
        report.files = totals.files;
        report.paths = targets.iter().map(|t| t.display.clone()).collect();
        report.paths.sort();
        Ok(report)
    }

    /// Checks `targets` on `jobs` threads (0 = one per core) and hands each
    /// file's outcome to `sink` as soon as it and every file before it are
    /// done, in report order: by path (the display string, compared as a
    /// string, whatever order `targets` is in), with each file's findings
    /// sorted. Nothing is kept once `sink` has it, so memory does not grow
    /// with the number of files.
    ///
    /// Targets with the same path are checked each and delivered as one
    /// outcome whose findings are merged and de-duplicated, as in
    /// [`Checker::check`]'s report; [`Totals::files`] counts every target.
    ///
    /// The first error in report order stops the run and is returned: a
    /// [`PolicyError`] checking a file, or whatever `sink` returned. Files
    /// after it may have been checked, but are not delivered.
    pub fn check_streaming<E: From<PolicyError>>(
        &self,
        targets: &[Target],
        jobs: usize,
        mut sink: impl FnMut(FileOutcome) -> Result<(), E>,
    ) -> Result<Totals, E> {
        let mut order: Vec<&Target> = targets.iter().collect();
        // Stable: targets with the same path keep their order.
        order.sort_by(|a, b| a.display.cmp(&b.display));
        let groups: Vec<&[&Target]> = order.chunk_by(|a, b| a.display == b.display).collect();
        let evaluators = Evaluators {
            fast: targets.len() >= VM_FILES,
            idle: Mutex::new(Vec::new()),
        };
        // One path (a pre-commit hook's run) is checked on this thread:
        // nothing to overlap, and no worker threads to start.
        if let [group] = groups.as_slice() {
            let outcome = evaluators.with(self, |eval| self.check_group(eval, group))?;
            let mut totals = Totals {
                files: group.len(),
                milestones: outcome.milestones,
                ..Totals::default()
            };
            totals.add_findings(&outcome.findings);
            sink(outcome)?;
            return Ok(totals);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| PolicyError::plain(format!("cannot start worker threads: {e}")))?;
        let ahead = IN_FLIGHT.max(pool.current_num_threads() * 16);
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, Checked)>();
        pool.in_place_scope_fifo(|scope| {
            // Whatever way this closure ends, queued files are skipped.
            let _stop_on_exit = StopOnDrop(&stop);
            let mut totals = Totals::default();
            let mut ready: BTreeMap<usize, Checked> = BTreeMap::new();
            let mut spawned = 0;
            for next in 0..groups.len() {
                while spawned < groups.len() && spawned < next + ahead {
                    let (tx, group, i) = (tx.clone(), groups[spawned], spawned);
                    let (stop, evaluators) = (&stop, &evaluators);
                    scope.spawn_fifo(move |_| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let checked = std::panic::catch_unwind(AssertUnwindSafe(|| {
                            evaluators.with(self, |eval| self.check_group(eval, group))
                        }));
                        // The receiver only goes away when the run stops.
                        let _ = tx.send((i, checked));
                    });
                    spawned += 1;
                }
                let checked = loop {
                    if let Some(checked) = ready.remove(&next) {
                        break checked;
                    }
                    match rx.recv() {
                        Ok((i, checked)) => {
                            ready.insert(i, checked);
                        }
                        // Unreachable: this thread holds a sender.
                        Err(_) => {
                            return Err(E::from(PolicyError::plain(
                                "a worker thread stopped without an answer".to_string(),
                            )));
                        }
                    }
                };
                let outcome = match checked {
                    Ok(outcome) => outcome?,
                    // A bug: surfaces as it would have without streaming.
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                totals.files += groups[next].len();
                totals.milestones += outcome.milestones;
                totals.add_findings(&outcome.findings);
                sink(outcome)?;
            }
            Ok(totals)
        })
    }

    /// Checks the targets of one path (one, unless a path was given more
    /// than once) into one outcome with its findings in report order.
    fn check_group(
        &self,
        eval: &mut Evaluator,
        group: &[&Target],
    ) -> Result<FileOutcome, PolicyError> {
        let mut outcome: Option<FileOutcome> = None;
        for target in group {
            let next = self.check_target(eval, target)?;
            match &mut outcome {
                None => outcome = Some(next),
                Some(merged) => {
                    merged.milestones += next.milestones;
                    merged.findings.extend(next.findings);
                    if merged.source.is_none() {
                        merged.source = next.source;
                    }
                }
            }
        }
        let mut outcome = outcome.unwrap_or_else(|| FileOutcome {
            display: String::new(),
            milestones: 0,
            findings: Vec::new(),
            source: None,
        });
        sort_findings(&mut outcome.findings);
        if outcome.findings.is_empty() {
            // Only snippets need the text, and there are none.
            outcome.source = None;
        }
        Ok(outcome)
    }

    fn check_target(
        &self,
        eval: &mut Evaluator,
        target: &Target,
    ) -> Result<FileOutcome, PolicyError> {
        if let Some(why) = &target.unreadable {
            return Ok(self.input_problem(
                &target.display,
                builtin::UNREADABLE,
                why.clone(),
                0,
                None,
            ));
        }
        match crate::discover::read_file(&target.path) {
            Ok(bytes) => self.check_bytes(eval, &target.display, bytes),
            Err(e) => Ok(self.input_problem(
                &target.display,
                builtin::UNREADABLE,
                format!("cannot read `{}`: {e}", target.display),
                0,
                None,
            )),
        }
    }

    /// Checks one file's bytes. Public for tests and benchmarks.
    pub fn check_bytes(
        &self,
        eval: &mut Evaluator,
        display: &str,
        bytes: Vec<u8>,
    ) -> Result<FileOutcome, PolicyError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            let order = if bytes[0] == 0xFF { "little" } else { "big" };
            return Ok(self.input_problem(
                display,
                builtin::NOT_UTF8,
                format!(
                    "`{display}` is UTF-16 ({order}-endian, with a byte-order mark), not UTF-8"
                ),
                0,
                None,
            ));
        }
        let source: Arc<str> = match String::from_utf8(bytes) {
            Ok(s) => Arc::from(s),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
                // The line holding the bad byte: one more than the line
                // endings before it (`\n`, `\r\n` or a lone `\r`, as the parser counts).
                let lone_cr = valid
                    .match_indices('\r')
                    .filter(|(i, _)| valid.as_bytes().get(i + 1) != Some(&b'\n'))
                    .count();
                let line = valid.matches('\n').count() + lone_cr + 1;
                return Ok(self.input_problem(display, builtin::NOT_UTF8, format!("`{display}` is not valid UTF-8: invalid byte 0x{:02X} at byte offset {offset}", bytes[offset]), line, None));
            }
        };
        let reads_lines = self.policies.reads_lines();
        let (doc, index) =
            document::parse_indexed(display, &source, &self.parse_options, reads_lines);
        let milestones = doc.milestone_count();
        // Every rule reads milestones but `input/no-milestones`, which only
        // reports a file that looks like a plan: any other file without a
        // milestone has nothing to evaluate.
        // Custom rules and suppression comments still apply there.
        let no_plan = milestones == 0 && !doc.looks_like_plan;
        if no_plan && !self.policies.has_custom_rules() && !suppress::any(&doc) {
            return Ok(FileOutcome {
                display: display.to_string(),
                milestones,
                findings: Vec::new(),
                source: None,
            });
        }
        // With every rule turned off there is nothing to evaluate, but the
        // suppression comments are still checked.
        let raw = if self.policies.evaluates_any() {
            let mut input = eval.input(&doc).map_err(|e| {
                PolicyError::plain(format!("cannot build the input of `{display}`: {e}"))
            })?;
            // `lines` repeats the whole file: it is left out of `input` unless a
            // policy reads it (suppressions only need the comments).
            if !reads_lines && let Ok(map) = input.as_object_mut() {
                map.remove(&regorus::Value::from("lines"));
            }
            crate::policy::watchdog::set_file(display);
            eval.evaluate_some(input, no_plan)
                .map_err(|e| e.while_checking(display))?
        } else {
            Vec::new()
        };
        let mut findings = Vec::with_capacity(raw.len());
        for r in raw {
            if let Some(f) = self.resolve(display, &index, &source, r)? {
                findings.push(f);
            }
        }
        let level = |rule: &str, default: Severity| self.levels.level(rule, default);
        let settings = suppress::Settings {
            known: &self.known,
            require_reason: self.require_reason,
            level: &level,
        };
        let findings = suppress::apply(display, &doc, &index, findings, &settings);
        Ok(FileOutcome {
            display: display.to_string(),
            milestones,
            findings,
            source: self.keep_sources.then_some(source),
        })
    }

    fn input_problem(
        &self,
        display: &str,
        rule: &str,
        message: String,
        line: usize,
        _span: Option<(usize, usize)>,
    ) -> FileOutcome {
        let meta = self.rules.iter().find(|r| r.id == rule);
        let default = meta.map(|m| m.default_level).unwrap_or(Severity::Error);
        let findings = match self.levels.level(rule, default) {
            None => Vec::new(),
            Some(severity) => vec![Finding {
                path: display.to_string(),
                rule: rule.to_string(),
                severity,
                message,
                help: meta.and_then(|m| m.help.clone()),
                location: Location {
                    line: line.max(1),
                    column: 1,
                    end_line: line.max(1),
                    end_column: 1,
                    start: 0,
                    end: 0,
                },
                detail: false,
            }],
        };
        FileOutcome {
            display: display.to_string(),
            milestones: 0,
            findings,
            source: None,
        }
    }

    /// Locates and levels one raw finding; `None` when its rule is off.
    fn resolve(
        &self,
        display: &str,
        index: &LineIndex,
        source: &str,
        raw: RawFinding,
    ) -> Result<Option<Finding>, PolicyError> {
        let len = source.len();
        let meta = &self.policies.rules()[raw.rule];
        let default = if raw.warn_only {
            Severity::Warning
        } else {
            meta.default_level
        };
        let Some(severity) = self.levels.level(&meta.id, default) else {
            return Ok(None);
        };
        let severity = if raw.warn_only {
            severity.min(Severity::Warning)
        } else {
            severity
        };
        let lines = index.line_count().max(1);
        let (start, end) = match (raw.span, raw.line) {
            (Some((s, e)), _) => {
                if e > len {
                    return Err(PolicyError::malformed(
                        meta,
                        format!(
                            "finding `{}` has a span ({s}..{e}) outside the file ({len} bytes)",
                            raw.message
                        ),
                    )
                    .while_checking(display));
                }
                if !(source.is_char_boundary(s) && source.is_char_boundary(e)) {
                    return Err(PolicyError::malformed(
                        meta,
                        format!(
                            "finding `{}` has a span ({s}..{e}) that cuts through a character",
                            raw.message
                        ),
                    )
                    .while_checking(display));
                }
                (s, e)
            }
            (None, Some(line)) => {
                if line == 0 || line > lines {
                    return Err(PolicyError::malformed(
                        meta,
                        format!(
                            "finding `{}` is on line {line}, outside the file ({lines} lines)",
                            raw.message
                        ),
                    )
                    .while_checking(display));
                }
                let span = index.line_span(line);
                (span.start, span.end)
            }
            (None, None) => (0, 0),
        };
        Ok(Some(Finding {
            path: display.to_string(),
            rule: meta.id.clone(),
            severity,
            message: raw.message,
            help: raw.help.or_else(|| meta.help.clone()),
            location: Location::from_span(index, start, end),
            detail: raw.detail,
        }))
    }
}
