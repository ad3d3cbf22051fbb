//! `--format human`: miette's graphical report for each finding, then a
//! summary line.
//!
//! Each finding becomes a miette diagnostic whose code is the rule id, with a
//! label on the exact span and the rule's help. Colour is decided by the
//! caller (a terminal, and `NO_COLOR` unset).

use super::{FileView, Renderer};
use crate::check::Totals;
use crate::diagnostic::{Finding, Severity};
use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// A finding with its file's source, as miette wants it.
struct Rendered<'a> {
    finding: &'a Finding,
    source: Option<Snippet>,
}

/// A named source that hands miette only the lines around a span.
///
/// miette finds a span's line and column by reading the source byte by byte
/// from its start, for every finding: most of the time of the human report
/// on a long file. This finds the lines around the span first (counting line
/// breaks is fast) and lets miette read just those; the result is the same.
struct Snippet {
    name: String,
    source: Arc<str>,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let bytes = self.source.as_bytes();
        // One line more than miette shows, so that how it counts the line
        // a span starts on cannot matter: it drops the extra line itself.
        let start = lines_back(
            bytes,
            span.offset().min(bytes.len()),
            context_lines_before + 1,
        );
        let window = &self.source[start..];
        let inner = SourceSpan::new((span.offset() - start).into(), span.len());
        let contents = window.read_span(&inner, context_lines_before, context_lines_after)?;
        // miette's line count includes every line break it read.
        let skipped = line_breaks(&bytes[..start]);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + start).into(),
                contents.span().len(),
            ),
            contents.line() + skipped,
            contents.column(),
            contents.line_count() + skipped,
        )))
    }
}

/// Whether a line starts at byte `at`: after `\n`, or after a `\r` that
/// does not start a `\r\n` (miette counts both as line breaks).
fn starts_line(bytes: &[u8], at: usize) -> bool {
    at == 0 || bytes[at - 1] == b'\n' || (bytes[at - 1] == b'\r' && bytes.get(at) != Some(&b'\n'))
}

/// The start of the line `lines` lines before the one holding byte `at`.
fn lines_back(bytes: &[u8], at: usize, lines: usize) -> usize {
    let mut at = at;
    while !starts_line(bytes, at) {
        at -= 1;
    }
    for _ in 0..lines {
        if at == 0 {
            break;
        }
        at -= 1;
        while !starts_line(bytes, at) {
            at -= 1;
        }
    }
    at
}

/// Line breaks in `bytes` (`\n`, `\r\n` or a lone `\r`), which ends at a
/// line start.
fn line_breaks(bytes: &[u8]) -> usize {
    let newlines = memchr::memchr_iter(b'\n', bytes).count();
    if memchr::memchr(b'\r', bytes).is_none() {
        return newlines;
    }
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    newlines + lone_cr
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let loc = &self.finding.location;
        // The header already names the place; the label only underlines it.
        Some(Box::new(std::iter::once(LabeledSpan::new(
            None,
            loc.start,
            loc.end.saturating_sub(loc.start),
        ))))
    }
}

/// Writes each finding as miette's graphical report, then the summary line.
pub struct Human {
    handler: miette::GraphicalReportHandler,
    buffer: String,
    /// Findings folded into a summary finding, not shown.
    folded: usize,
}

impl Human {
    /// A renderer with colour or without.
    pub fn new(color: bool) -> Human {
        Human {
            handler: crate::diagnostic::graphical_handler(color),
            buffer: String::new(),
            folded: 0,
        }
    }
}

impl Renderer for Human {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for finding in file.findings {
            // Details are folded into their summary finding (see `Finding::detail`).
            if finding.detail {
                self.folded += 1;
                continue;
            }
            let source = file
                .source
                .filter(|_| finding.location.end > 0 || finding.location.start > 0)
                .map(|s| Snippet {
                    name: finding.path.clone(),
                    source: Arc::clone(s),
                });
            let rendered = Rendered { finding, source };
            self.buffer.clear();
            if rendered.source.is_none() {
                // No snippet (a file that could not be read): say where in words.
                self.buffer.push_str(&format!(
                    "{}:{}:{}\n",
                    finding.path, finding.location.line, finding.location.column
                ));
            }
            let _ = self.handler.render_report(&mut self.buffer, &rendered);
            self.buffer.push('\n');
            out.write_all(self.buffer.as_bytes())?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        if self.folded > 0 {
            writeln!(
                out,
                "{} more {} summarised above; `--format json` lists each",
                self.folded,
                if self.folded == 1 {
                    "finding is"
                } else {
                    "findings are"
                }
            )?;
        }
        writeln!(out, "{}", totals.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads from the whole source, for every span and context.
    #[test]
    fn a_snippet_reads_what_miette_reads_from_the_whole_source() {
        let sources = [
            "# T\n\nline one\nline two\n\n## H\ntext\n",
            "# T\r\n\r\nline one\r\nline two\r\n\r\n## H\r\ntext\r\n",
            "# T\r\rline one\rline two\r\r## H\rtext",
            "a\r\nb\rc\n\nd\r\r\ne é\n",
            "",
            "no line break",
        ];
        for text in sources {
            let snippet = Snippet {
                name: "f.md".into(),
                source: Arc::from(text),
            };
            for offset in 0..=text.len() {
                if !text.is_char_boundary(offset) {
                    continue;
                }
                for len in 0..3.min(text.len() - offset + 1) {
                    for before in 0..3 {
                        for after in 0..3 {
                            let span = SourceSpan::new(offset.into(), len);
                            let want = text.read_span(&span, before, after).unwrap();
                            let got = snippet.read_span(&span, before, after).unwrap();
                            let what = format!("{text:?} at {offset}+{len}, {before}/{after}");
                            assert_eq!(got.data(), want.data(), "{what}");
                            assert_eq!(got.span(), want.span(), "{what}");
                            assert_eq!(got.line(), want.line(), "{what}");
                            assert_eq!(got.column(), want.column(), "{what}");
                            assert_eq!(got.line_count(), want.line_count(), "{what}");
                            assert_eq!(got.name(), Some("f.md"), "{what}");
                        }
                    }
                }
            }
        }
    }
}
