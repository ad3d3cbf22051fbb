//! `--format junit`: JUnit XML for CI systems that show test results
//! (GitLab, Jenkins, Azure Pipelines, test-report actions).
//!
//! Each checked file is a `<testsuite>` named by its path; each finding is a
//! failing `<testcase>` named `rule at line:col`, and a file without
//! findings is a single passing test case, so a clean run still shows what
//! was checked. Escaping is quick-xml's; on top of it, line breaks in
//! attributes become character references (a parser would otherwise fold
//! them into spaces) and characters XML 1.0 forbids become U+FFFD.

use crate::check::Report;
use crate::diagnostic::Finding;
use quick_xml::escape::{escape, partial_escape};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Renders the report as a JUnit XML document with a final newline.
pub fn render(report: &Report) -> String {
    // Every checked file, plus any path a finding names that the list lacks.
    let mut suites: BTreeMap<&str, Vec<&Finding>> = report
        .paths
        .iter()
        .map(|p| (p.as_str(), Vec::new()))
        .collect();
    for f in &report.findings {
        suites.entry(f.path.as_str()).or_default().push(f);
    }
    let tests: usize = suites.values().map(|fs| fs.len().max(1)).sum();
    let failures = report.findings.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"mlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for (path, findings) in &suites {
        let path = attr(path);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            findings.len().max(1),
            findings.len()
        );
        if findings.is_empty() {
            let _ = writeln!(
                out,
                "    <testcase name=\"no findings\" classname=\"{path}\"/>"
            );
        }
        for f in findings {
            let loc = &f.location;
            let _ = writeln!(
                out,
                "    <testcase name=\"{} at {}:{}\" classname=\"{path}\">",
                attr(&f.rule),
                loc.line,
                loc.column
            );
            let _ = writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(&f.message),
                attr(&f.rule),
                text(&details(f))
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// The failure's body: what a reader of the CI page needs without the file.
fn details(f: &Finding) -> String {
    let loc = &f.location;
    let mut s = format!(
        "{}[{}] {}:{}:{}-{}:{}\n{}",
        f.severity, f.rule, f.path, loc.line, loc.column, loc.end_line, loc.end_column, f.message
    );
    if let Some(help) = &f.help {
        let _ = write!(s, "\nhelp: {help}");
    }
    s
}

/// Character data: `<`, `>` and `&` escaped (quotes need no escaping
/// there), forbidden characters replaced.
fn text(s: &str) -> String {
    partial_escape(legal(s)).into_owned()
}

/// An attribute value: escaped, with line breaks and tabs kept as
/// character references so they survive attribute normalisation.
fn attr(s: &str) -> String {
    escape(legal(s))
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// `s` with the characters XML 1.0 does not allow replaced by U+FFFD.
fn legal(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            attr("a<&\"'>\nb\u{1}"),
            "a&lt;&amp;&quot;&apos;&gt;&#10;b\u{FFFD}"
        );
        assert_eq!(text("a<&>\nb"), "a&lt;&amp;&gt;\nb");
    }
}
