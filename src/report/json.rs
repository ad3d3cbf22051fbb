//! `--format json`: a stable, documented object for scripts.
//!
//! `{"version": 1, "summary": {...}, "diagnostics": [...]}`, diagnostics in
//! report order (path, line, column, rule). Keys are a public contract.

use crate::check::Report;
use crate::diagnostic::Severity;
use serde_json::json;

/// Renders the report as pretty JSON with a final newline.
pub fn render(report: &Report) -> String {
    let diagnostics: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "line": f.location.line,
                "column": f.location.column,
                "end_line": f.location.end_line,
                "end_column": f.location.end_column,
                "help": f.help,
            })
        })
        .collect();
    let value = json!({
        "version": 1,
        "summary": {
            "files": report.files,
            "milestones": report.milestones,
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "infos": report.count(Severity::Info),
        },
        "diagnostics": diagnostics,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
