//! `--format short`: one line per finding, `path:line:col: severity[rule] message`,
//! the shape editors and `grep` understand.

use crate::check::Report;
use std::fmt::Write;

/// Renders one line per finding.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            f.path,
            f.location.line,
            f.location.column,
            f.severity,
            f.rule,
            f.message.replace(['\r', '\n'], " ")
        );
    }
    out
}
