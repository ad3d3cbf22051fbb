//! Findings: what a rule found, where, and how bad it is.
//!
//! A [`Finding`] is the one structured message every stage after evaluation
//! passes along: suppressions filter findings, the report module renders
//! them. Nothing here prints; locations are already resolved to 1-based
//! lines and columns (columns count Unicode scalar values) so every renderer
//! agrees on them.

use serde::Serialize;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-level` says so.
    Info,
    /// Likely wrong; fails the run with `--fail-level warning`.
    Warning,
    /// Wrong; fails the run by default.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A range in a file: 1-based lines and columns (inclusive start, exclusive
/// end column), plus the byte span it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// First line (1-based).
    pub line: usize,
    /// First column (1-based, in Unicode scalar values).
    pub column: usize,
    /// Last line (1-based).
    pub end_line: usize,
    /// Column just past the end (1-based, in Unicode scalar values).
    pub end_column: usize,
    /// Byte offset of the start in the file on disk.
    pub start: usize,
    /// Byte offset just past the end.
    pub end: usize,
}

impl Location {
    /// The location of the byte span `start..end` of a file, with lines and
    /// columns from its `index`.
    pub fn from_span(index: &crate::document::LineIndex, start: usize, end: usize) -> Location {
        let (line, column) = index.line_col(start);
        let (end_line, end_column) = index.line_col(end);
        Location {
            line,
            column,
            end_line,
            end_column,
            start,
            end,
        }
    }
}

/// One thing a rule found in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as given or as found by the walk, with `/` separators.
    pub path: String,
    /// Rule id, such as `duration/too-long`.
    pub rule: String,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// What is wrong, naming the thing.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Where it is.
    pub location: Location,
    /// A detail of a summary finding of the same rule in the same file
    /// (`"detail": true` in the rule's result): machine formats list it,
    /// the formats people read show only the summary.
    #[serde(skip)]
    pub detail: bool,
}

impl Finding {
    /// The order every report uses: path, line, column, rule, message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.path,
            self.location.line,
            self.location.column,
            &self.rule,
            &self.message,
        )
    }
}

/// Sorts findings into report order and removes exact duplicates.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}

/// The one miette renderer every human-facing report uses (findings,
/// configuration errors, policy errors): Unicode art, colour only when
/// asked, and no line wrapping, so messages and rule ids stay greppable.
pub fn graphical_handler(color: bool) -> miette::GraphicalReportHandler {
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_wrap_lines(false)
}
