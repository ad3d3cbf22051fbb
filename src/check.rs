//! The check pipeline: files → documents → findings → the sorted report.
//!
//! [`Checker`] holds everything that is built once per run (compiled
//! policies, the parser's vocabulary, rule levels). [`Checker::check`] reads,
//! parses and evaluates files in parallel, one engine clone per worker, and
//! returns a [`Report`] whose findings are sorted by path, line, column and
//! rule, so output never depends on thread timing.

use crate::diagnostic::{Finding, Location, Severity, sort_findings};
use crate::discover::Target;
use crate::document::{self, LineIndex, ParseOptions};
use crate::policy::{Evaluator, PolicyError, PolicySet, RawFinding, RuleMeta, builtin};
use crate::suppress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Per-rule levels after configuration: `None` means the rule is off.
///
/// Two layers: the configuration file's `[rules]` and the command line's
/// `--rule`. The command line wins over the file; within a layer an exact id
/// wins over `category/*`, and a longer category over a shorter one.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    /// From `--rule`, by exact rule id or `category/*`.
    pub cli: BTreeMap<String, Option<Severity>>,
    /// From the configuration file, by exact rule id or `category/*`.
    pub file: BTreeMap<String, Option<Severity>>,
}

impl Levels {
    /// The key in `layer` that decides `rule`'s level, if any.
    fn decide<'a>(
        layer: &'a BTreeMap<String, Option<Severity>>,
        rule: &str,
    ) -> Option<(&'a String, Option<Severity>)> {
        if let Some((k, v)) = layer.get_key_value(rule) {
            return Some((k, *v));
        }
        let mut prefix = rule;
        while let Some(i) = prefix.rfind('/') {
            prefix = &prefix[..i];
            if let Some((k, v)) = layer.get_key_value(&format!("{prefix}/*")) {
                return Some((k, *v));
            }
        }
        None
    }

    /// The effective level of `rule`, whose default is `default`.
    pub fn level(&self, rule: &str, default: Severity) -> Option<Severity> {
        Self::decide(&self.cli, rule)
            .or_else(|| Self::decide(&self.file, rule))
            .map(|(_, level)| level)
            .unwrap_or(Some(default))
    }

    /// What set `rule`'s level: `(true, key)` for `--rule`, `(false, key)` for
    /// the file, `None` for the default.
    pub fn origin(&self, rule: &str) -> Option<(bool, String)> {
        Self::decide(&self.cli, rule)
            .map(|(k, _)| (true, k.clone()))
            .or_else(|| Self::decide(&self.file, rule).map(|(k, _)| (false, k.clone())))
    }
}

#[cfg(test)]
mod level_tests {
    use super::*;

    #[test]
    fn the_command_line_wins_and_exact_ids_win_within_a_layer() {
        let mut levels = Levels::default();
        levels.file.insert("duration/wide-range".into(), None);
        levels
            .file
            .insert("duration/*".into(), Some(Severity::Error));
        assert_eq!(levels.level("duration/wide-range", Severity::Warning), None);
        assert_eq!(
            levels.level("duration/too-long", Severity::Warning),
            Some(Severity::Error)
        );
        levels.cli.insert("duration/*".into(), Some(Severity::Info));
        assert_eq!(
            levels.level("duration/wide-range", Severity::Warning),
            Some(Severity::Info)
        );
        assert_eq!(
            levels.origin("duration/wide-range"),
            Some((true, "duration/*".to_string()))
        );
        assert_eq!(
            levels.level("docs/missing-deliverable", Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(levels.origin("docs/missing-deliverable"), None);
    }
}

/// The outcome of a whole run.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Files checked.
    pub files: usize,
    /// Display paths of every checked file (with or without findings), sorted.
    pub paths: Vec<String>,
    /// Milestones found in them.
    pub milestones: usize,
    /// Every finding, sorted.
    pub findings: Vec<Finding>,
    /// Sources of the files that have findings, for snippets.
    pub sources: BTreeMap<String, Arc<str>>,
    /// The rule catalog (built-in and policy rules), sorted by id.
    pub rules: Vec<RuleMeta>,
}

impl Report {
    /// Number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The one-line summary: `N files, M milestones: E errors, W warnings`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut s = format!(
            "{}, {}: {}, {}",
            plural(self.files, "file"),
            plural(self.milestones, "milestone"),
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
        );
        let infos = self.count(Severity::Info);
        if infos > 0 {
            s.push_str(&format!(", {}", plural(infos, "info")));
        }
        s
    }
}

/// What happened to one file.
pub struct FileOutcome {
    display: String,
    milestones: usize,
    findings: Vec<Finding>,
    source: Option<Arc<str>>,
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
    pub fn new(policies: PolicySet, parse_options: ParseOptions, levels: Levels) -> Checker {
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

    /// An evaluator for [`Checker::check_bytes`] (one per thread).
    pub fn evaluator(&self) -> Evaluator {
        self.policies.evaluator()
    }

    /// The full rule catalog, sorted by id.
    pub fn rules(&self) -> &[RuleMeta] {
        &self.rules
    }

    /// Checks `targets` on `jobs` threads (0 = one per core).
    pub fn check(&self, targets: &[Target], jobs: usize) -> Result<Report, PolicyError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| PolicyError::plain(format!("cannot start worker threads: {e}")))?;
        let outcomes: Vec<Result<FileOutcome, PolicyError>> = pool.install(|| {
            targets
                .par_iter()
                .map_init(
                    || {
                        // The RVM's start-up pays off from a handful of files on.
                        if targets.len() >= 8 {
                            self.policies.fast_evaluator()
                        } else {
                            self.policies.evaluator()
                        }
                    },
                    |eval, t| self.check_target(eval, t),
                )
                .collect()
        });
        let mut report = Report {
            rules: self.rules.clone(),
            ..Report::default()
        };
        for outcome in outcomes {
            let outcome = outcome?;
            report.files += 1;
            report.paths.push(outcome.display.clone());
            report.milestones += outcome.milestones;
            if !outcome.findings.is_empty() {
                if let Some(source) = outcome.source {
                    report.sources.insert(outcome.display.clone(), source);
                }
                report.findings.extend(outcome.findings);
            }
        }
        sort_findings(&mut report.findings);
        report.paths.sort();
        Ok(report)
    }

    fn check_target(
        &self,
        eval: &mut Evaluator,
        target: &Target,
    ) -> Result<FileOutcome, PolicyError> {
        match std::fs::read(&target.path) {
            Ok(bytes) => self.check_bytes(eval, &target.display, bytes),
            Err(e) => {
                let what = if target.path.is_dir() {
                    "is a directory".to_string()
                } else {
                    e.to_string()
                };
                Ok(self.input_problem(
                    &target.display,
                    builtin::UNREADABLE,
                    format!("cannot read `{}`: {what}", target.display),
                    0,
                    None,
                ))
            }
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
        let mut doc = document::parse(display, &source, &self.parse_options);
        let milestones = doc.milestone_count();
        if milestones == 0 {
            return Ok(FileOutcome {
                display: display.to_string(),
                milestones,
                findings: Vec::new(),
                source: None,
            });
        }
        // `lines` repeats the whole file; leave it out of `input` unless a
        // policy reads it (suppressions only need the comments).
        let lines = if self.policies.reads_lines() {
            Vec::new()
        } else {
            std::mem::take(&mut doc.lines)
        };
        let input = crate::policy::value::to_value(&doc);
        doc.lines = lines;
        let mut input = input.map_err(|e| {
            PolicyError::plain(format!("cannot build the input of `{display}`: {e}"))
        })?;
        if !self.policies.reads_lines()
            && let Ok(map) = input.as_object_mut()
        {
            map.remove(&regorus::Value::from("lines"));
        }
        let raw = eval
            .evaluate(input)
            .map_err(|e| e.while_checking(display))?;
        let index = LineIndex::new(&source);
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
        }))
    }
}
