//! The results of a check as plain data, between the pipeline that makes
//! them ([`crate::check`]) and the renderers that print them
//! ([`crate::report`]): one file's view, the running totals and the whole
//! report. Data flows one way, files → documents → findings → report: this
//! module sits below both, so neither imports the other.

use crate::diagnostic::{Finding, Severity};
use crate::policy::RuleMeta;
use std::collections::BTreeMap;
use std::sync::Arc;

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

    /// The report's totals: files, milestones and findings per severity.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals {
            files: self.files,
            milestones: self.milestones,
            ..Totals::default()
        };
        totals.add_findings(&self.findings);
        totals
    }

    /// The one-line summary: `N files, M milestones: E errors, W warnings`.
    pub fn summary(&self) -> String {
        self.totals().summary()
    }
}

/// Running totals of a check: all the summary line, the exit code and the
/// end of a streamed report need, without keeping the findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Milestones found in them.
    pub milestones: usize,
    /// Findings at `error`.
    pub errors: usize,
    /// Findings at `warning`.
    pub warnings: usize,
    /// Findings at `info`.
    pub infos: usize,
}

impl Totals {
    /// Counts `findings` by severity.
    pub fn add_findings(&mut self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// Number of findings at `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    /// Number of findings at `severity` or above.
    pub fn at_least(&self, severity: Severity) -> usize {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .filter(|s| *s >= severity)
            .map(|s| self.count(s))
            .sum()
    }

    /// Number of findings.
    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The one-line summary: `N files, M milestones: E errors, W warnings`
    /// (and `, I infos` when there are any).
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
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        );
        if self.infos > 0 {
            s.push_str(&format!(", {}", plural(self.infos, "info")));
        }
        s
    }
}

/// One checked file as renderers see it.
#[derive(Clone, Copy, Debug)]
pub struct FileView<'a> {
    /// The path shown in reports.
    pub path: &'a str,
    /// The file's findings, in report order (line, column, rule, message).
    pub findings: &'a [Finding],
    /// The file's text, when kept, for snippets.
    pub source: Option<&'a Arc<str>>,
}

impl<'a> FileView<'a> {
    /// The findings the formats people read show: all but the details
    /// folded into a summary finding (see `Finding::detail`).
    pub fn shown(&self) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(|f| !f.detail)
    }
}
