//! `--format json`: a stable, documented object for scripts.
//!
//! `{"version": 1, "summary": {...}, "diagnostics": [...]}`, diagnostics in
//! report order (path, line, column, rule). Keys are a public contract.
//! Serialised straight from borrowed views of the findings, so a report of
//! many findings is not first copied into a JSON value tree.

use crate::check::Report;
use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct Summary {
    files: usize,
    milestones: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

/// Renders the report as pretty JSON with a final newline.
pub fn render(report: &Report) -> String {
    let output = Output {
        version: 1,
        summary: Summary {
            files: report.files,
            milestones: report.milestones,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
        },
        diagnostics: report
            .findings
            .iter()
            .map(|f| Diagnostic {
                path: &f.path,
                rule: &f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                line: f.location.line,
                column: f.location.column,
                end_line: f.location.end_line,
                end_column: f.location.end_column,
                help: f.help.as_deref(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&output).unwrap_or_default();
    s.push('\n');
    s
}
