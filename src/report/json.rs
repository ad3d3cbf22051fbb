//! `--format json`: a stable, documented object for scripts.
//!
//! `{"version": 1, "diagnostics": [...], "summary": {...}}`, diagnostics in
//! report order (path, line, column, rule). Keys are a public contract; the
//! summary comes last because it is only known once every file is checked.
//! Written as the files come, each diagnostic serialised straight from a
//! borrowed view of its finding, in exactly the layout of
//! `serde_json::to_string_pretty` of the whole object.

use super::{FileView, Renderer};
use crate::diagnostic::Finding;
use crate::outcome::Totals;
use serde::Serialize;
use std::io::{self, Write};

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

impl Summary {
    fn of(totals: &Totals) -> Summary {
        Summary {
            files: totals.files,
            milestones: totals.milestones,
            errors: totals.errors,
            warnings: totals.warnings,
            infos: totals.infos,
        }
    }
}

impl<'a> Diagnostic<'a> {
    fn of(f: &'a Finding) -> Diagnostic<'a> {
        Diagnostic {
            path: &f.path,
            rule: &f.rule,
            severity: f.severity.as_str(),
            message: &f.message,
            line: f.location.line,
            column: f.location.column,
            end_line: f.location.end_line,
            end_column: f.location.end_column,
            help: f.help.as_deref(),
        }
    }
}

/// Writes pretty JSON with a final newline.
#[derive(Default)]
pub struct Json {
    /// Diagnostics written so far.
    written: usize,
    /// Scratch space for one serialised value.
    buffer: Vec<u8>,
}

impl Renderer for Json {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for f in file.findings {
            let diagnostic = Diagnostic::of(f);
            write_element(out, &mut self.buffer, &diagnostic, 4, self.written == 0)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        close_array(out, self.written, 2)?;
        out.write_all(b",\n  \"summary\": ")?;
        write_pretty(out, &mut self.buffer, &Summary::of(totals), 2)?;
        out.write_all(b"\n}\n")
    }
}

/// Writes `value` as pretty JSON nested `indent` spaces deep: the first
/// line is written where the output stands, the following ones indented.
/// (Pretty JSON has line breaks only between tokens: breaks inside strings
/// are escaped.) `buffer` is scratch space.
pub(crate) fn write_pretty(
    out: &mut dyn Write,
    buffer: &mut Vec<u8>,
    value: &impl Serialize,
    indent: usize,
) -> io::Result<()> {
    buffer.clear();
    serde_json::to_writer_pretty(&mut *buffer, value)?;
    for (i, line) in buffer.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            write_spaces(out, indent)?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// Writes `value` as the next element of a pretty JSON array whose
/// elements stand `indent` spaces deep (`first`: no comma before it).
pub(crate) fn write_element(
    out: &mut dyn Write,
    buffer: &mut Vec<u8>,
    value: &impl Serialize,
    indent: usize,
    first: bool,
) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    write_spaces(out, indent)?;
    write_pretty(out, buffer, value, indent)
}

/// Closes a pretty JSON array of `count` elements written with
/// [`write_element`], its bracket `indent` spaces deep.
pub(crate) fn close_array(out: &mut dyn Write, count: usize, indent: usize) -> io::Result<()> {
    if count > 0 {
        out.write_all(b"\n")?;
        write_spaces(out, indent)?;
    }
    out.write_all(b"]")
}

/// Writes `n` spaces.
fn write_spaces(out: &mut dyn Write, n: usize) -> io::Result<()> {
    const SPACES: &[u8] = b"                                ";
    let mut left = n;
    while left > 0 {
        let chunk = left.min(SPACES.len());
        out.write_all(&SPACES[..chunk])?;
        left -= chunk;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, RenderOptions, render, sample::sample};

    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        diagnostics: Vec<Diagnostic<'a>>,
        summary: Summary,
    }

    fn whole(report: &crate::outcome::Report) -> String {
        let totals = report.totals();
        let whole = Whole {
            version: 1,
            diagnostics: report.findings.iter().map(Diagnostic::of).collect(),
            summary: Summary::of(&totals),
        };
        serde_json::to_string_pretty(&whole).unwrap() + "\n"
    }

    /// The streamed text is byte for byte serde_json's pretty printing of
    /// the whole object, with and without diagnostics.
    #[test]
    fn streamed_output_is_serde_jsons_pretty_layout() {
        let mut report = sample();
        assert_eq!(
            render(&report, Format::Json, RenderOptions::default()),
            whole(&report)
        );
        report.findings.clear();
        assert_eq!(
            render(&report, Format::Json, RenderOptions::default()),
            whole(&report)
        );
    }
}
