//! `--format github`: GitHub Actions workflow commands, and the Markdown job
//! summary for `$GITHUB_STEP_SUMMARY`.
//!
//! Each finding becomes one `::error`/`::warning`/`::notice` command, which
//! the runner turns into an annotation on the pull request's diff. The
//! runner reads a command up to the end of the line and splits its
//! properties on `,` and `::`, so messages and property values are escaped
//! the way the runner unescapes them (`%25`, `%0D`, `%0A`, and in properties
//! also `%3A` and `%2C`), after the escaping every human-readable output
//! uses ([`crate::escape::escape`]): a control character in a file name or
//! a message shows as `\u{1b}` in the annotation, never as itself in the log.

use super::{FileView, Renderer};
use crate::diagnostic::{Finding, Severity};
use crate::escape::escape;
use crate::outcome::{Report, Totals};
use std::fmt::Write as _;
use std::io::{self, Write};

/// How many findings the job summary lists before it says "and N more".
pub const SUMMARY_LIMIT: usize = 50;

/// How many error annotations, and how many warning annotations, GitHub
/// shows for one step; it drops the rest.
pub const ANNOTATIONS_SHOWN: usize = 10;

/// Writes one workflow command per finding.
pub struct Github;

impl Renderer for Github {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for f in file.shown() {
            writeln!(out, "{}", command(f))?;
        }
        Ok(())
    }
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`;
/// columns are left out when the finding spans several lines, because the
/// runner only honours them on one line.
fn command(f: &Finding) -> String {
    let loc = &f.location;
    let kind = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = vec![
        ("file", escape(&f.path).into_owned()),
        ("line", loc.line.to_string()),
    ];
    if loc.end_line <= loc.line {
        props.push(("col", loc.column.to_string()));
        props.push(("endLine", loc.line.to_string()));
        props.push(("endColumn", loc.end_column.max(loc.column).to_string()));
    } else {
        props.push(("endLine", loc.end_line.to_string()));
    }
    props.push(("title", escape(&f.rule).into_owned()));
    let props: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    format!(
        "::{kind} {}::{}",
        props.join(","),
        escape_data(&escape(&f.message))
    )
}

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The job summary of a whole report: a heading, the summary line and a
/// table of the first [`SUMMARY_LIMIT`] findings.
pub fn step_summary(report: &Report) -> String {
    step_summary_limited(report, SUMMARY_LIMIT)
}

/// [`step_summary`] listing at most `limit` findings.
pub fn step_summary_limited(report: &Report, limit: usize) -> String {
    let mut summary = StepSummary::new(limit);
    for file in super::files(report) {
        summary.file(&file);
    }
    summary.finish(&report.totals())
}

/// The job summary, gathered as the files come: it keeps the table rows of
/// the first `limit` findings and counts the rest.
#[derive(Clone, Debug)]
pub struct StepSummary {
    limit: usize,
    rows: String,
    listed: usize,
    more: usize,
    /// Whether annotations were printed, one per finding shown.
    annotations: bool,
    /// Errors and warnings among the findings shown.
    errors: usize,
    warnings: usize,
}

impl StepSummary {
    /// A summary that will list at most `limit` findings.
    pub fn new(limit: usize) -> StepSummary {
        StepSummary {
            limit,
            rows: String::new(),
            listed: 0,
            more: 0,
            annotations: false,
            errors: 0,
            warnings: 0,
        }
    }

    /// Notes that annotations were printed too: the summary then says when
    /// GitHub shows only some of them.
    pub fn with_annotations(mut self, yes: bool) -> StepSummary {
        self.annotations = yes;
        self
    }

    /// Takes one file's findings into account.
    pub fn file(&mut self, file: &FileView<'_>) {
        for f in file.shown() {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => {}
            }
            if self.listed == self.limit {
                self.more += 1;
                continue;
            }
            self.listed += 1;
            let loc = &f.location;
            let _ = writeln!(
                self.rows,
                "| {} | `{}` | `{}:{}:{}` | {} |",
                f.severity,
                cell(&f.rule),
                cell(&f.path),
                loc.line,
                loc.column,
                markdown_cell(&f.message)
            );
        }
    }

    /// The Markdown text, with the run's `totals` in the summary line.
    pub fn finish(&self, totals: &Totals) -> String {
        let mut out = String::from("## mlint\n\n");
        let _ = writeln!(out, "{}\n", totals.summary());
        if self.annotations
            && (self.errors > ANNOTATIONS_SHOWN || self.warnings > ANNOTATIONS_SHOWN)
        {
            let _ = writeln!(
                out,
                "> [!NOTE]\n> mlint printed {} and {} as annotations; GitHub shows at most {ANNOTATIONS_SHOWN} of each per step. Use `--format sarif` (code scanning) to see every finding on the pull request.\n",
                plural(self.errors, "error"),
                plural(self.warnings, "warning"),
            );
        }
        if self.listed + self.more == 0 {
            out.push_str("No findings.\n");
            return out;
        }
        out.push_str("| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n");
        out.push_str(&self.rows);
        if self.more > 0 {
            let noun = if self.more == 1 {
                "finding"
            } else {
                "findings"
            };
            let _ = writeln!(
                out,
                "\n…and {} more {noun}; run `mlint check` locally to see them all.",
                self.more
            );
        }
        out
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Text inside a code span in a table cell: only `|` and line breaks (and,
/// as everywhere, control characters) matter.
fn cell(s: &str) -> String {
    escape(s).replace('|', "\\|")
}

/// A message in a table cell. Outside its backtick code spans, `<`, `>` and
/// `&` become entities so GitHub does not read them as HTML, and line breaks
/// become `<br>`; inside code spans, where entities would show literally,
/// only `|` is escaped.
fn markdown_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(&cell(part));
            continue;
        }
        for c in part.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '|' => out.push_str("\\|"),
                '\n' => out.push_str("<br>"),
                '\r' => {}
                c if crate::escape::is_unsafe(c) => out.extend(c.escape_default()),
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_when_github_hides_annotations() {
        use crate::report::sample::sample;
        let mut report = sample();
        let first = report.findings[0].clone();
        report.findings = (0..11)
            .map(|i| Finding {
                severity: Severity::Error,
                message: format!("m{i}"),
                ..first.clone()
            })
            .collect();
        let mut summary = StepSummary::new(SUMMARY_LIMIT).with_annotations(true);
        for file in crate::report::files(&report) {
            summary.file(&file);
        }
        let text = summary.finish(&report.totals());
        assert!(
            text.contains("> [!NOTE]\n> mlint printed 11 errors and 0 warnings as annotations; GitHub shows at most 10 of each per step. Use `--format sarif` (code scanning) to see every finding on the pull request.\n"),
            "{text}"
        );
        // Without annotations, or within the limits, no note.
        let mut quiet = StepSummary::new(SUMMARY_LIMIT);
        for file in crate::report::files(&report) {
            quiet.file(&file);
        }
        assert!(!quiet.finish(&report.totals()).contains("[!NOTE]"));
        report.findings.truncate(10);
        let mut within = StepSummary::new(SUMMARY_LIMIT).with_annotations(true);
        for file in crate::report::files(&report) {
            within.file(&file);
        }
        assert!(!within.finish(&report.totals()).contains("[!NOTE]"));
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b,c\r\nd"),
            "100%25 a%3Ab%2Cc%0D%0Ad"
        );
        assert_eq!(
            markdown_cell("a <b> `x<|y>` | c\nd"),
            "a &lt;b&gt; `x<\\|y>` \\| c<br>d"
        );
    }
}
