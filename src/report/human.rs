//! `--format human`: miette's graphical report for each finding, then a
//! summary line.
//!
//! Each finding becomes a miette diagnostic whose code is the rule id, with a
//! label on the exact span and the rule's help. Colour is decided by the
//! caller (a terminal, and `NO_COLOR` unset).
//!
//! Everything printed from a file or a policy is made inert first (see
//! [`crate::escape`]): paths, messages, help and rule ids are escaped, and
//! the snippet shows the file's text with control characters replaced byte
//! for byte. A snippet line longer than [`MAX_COLUMNS`] is cut to a window
//! around the span, so one long line cannot make every finding on it print
//! the whole line again.

use super::{FileView, Renderer};
use crate::diagnostic::{Finding, Severity};
use crate::escape::{escape, source_text};
use crate::outcome::Totals;
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
    /// The span to underline, in `source`'s text.
    span: (usize, usize),
}

/// The widest snippet line shown, in characters; longer lines are cut.
pub const MAX_COLUMNS: usize = 160;
/// How many characters before the span a cut line keeps.
const LEFT_CONTEXT: usize = 40;

/// A named source that hands miette only the lines around a span.
///
/// miette finds a span's line and column by reading the source byte by byte
/// from its start, for every finding: most of the time of the human report
/// on a long file. This finds the lines around the span first (counting line
/// breaks is fast) and lets miette read just those; the result is the same.
///
/// `source` is the whole file (made inert by [`source_text`]), or, for a
/// span on a line longer than [`MAX_COLUMNS`], an [`excerpt`] of the lines
/// around it: then `first_line` says how many lines of the file come before
/// it, and `column` is the span's true column for the header.
struct Snippet {
    name: String,
    source: Arc<str>,
    first_line: usize,
    column: Option<usize>,
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
        let skipped = line_breaks(&bytes[..start]) + self.first_line;
        // Without context lines miette is reading the header's place.
        let column = match self.column {
            Some(column) if context_lines_before == 0 => column,
            _ => contents.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + start).into(),
                contents.span().len(),
            ),
            contents.line() + skipped,
            column,
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

/// The end of the line's text that starts at `at` (before its line break)
/// and where the next line starts.
fn line_end(bytes: &[u8], at: usize) -> (usize, usize) {
    let end = memchr::memchr2(b'\n', b'\r', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    let next = match bytes.get(end) {
        Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    };
    (end, next)
}

/// The byte offset of the `n`th character of `text` (its length past the end).
fn char_offset(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The lines around the span `start..end` of `source` (one before, the
/// span's first line, one after) with every line longer than
/// [`MAX_COLUMNS`] cut, and the span's place in that text; `None` when no
/// line there is too long, and the whole source can be shown.
///
/// The span's line keeps a window that starts [`LEFT_CONTEXT`] characters
/// before the span; other lines keep their start. `…` marks each cut. A
/// span that ends past the window (or on a later line) is underlined to the
/// window's end.
fn excerpt(source: &str, start: usize, end: usize) -> Option<(Snippet, (usize, usize))> {
    let bytes = source.as_bytes();
    let line_start = lines_back(bytes, start, 0);
    let first = lines_back(bytes, start, 1);
    let (start_line_end, after) = line_end(bytes, line_start);
    let (last_end, _) = line_end(bytes, after);
    let too_long = |from: usize, to: usize| source[from..to].chars().nth(MAX_COLUMNS).is_some();
    let prev_end = line_end(bytes, first).0;
    let has_prev = first < line_start;
    let has_next = after < bytes.len();
    if !(too_long(line_start, start_line_end)
        || (has_prev && too_long(first, prev_end))
        || (has_next && too_long(after, last_end)))
    {
        return None;
    }
    let head = |from: usize, to: usize| {
        let line = &source[from..to];
        let cut = char_offset(line, MAX_COLUMNS);
        if cut < line.len() {
            format!("{}…", &line[..cut])
        } else {
            line.to_string()
        }
    };
    let mut text = String::new();
    if has_prev {
        text.push_str(&head(first, prev_end));
        text.push('\n');
    }
    let line = &source[line_start..start_line_end];
    let chars = line.chars().count();
    let col = source[line_start..start].chars().count();
    let from = col
        .saturating_sub(LEFT_CONTEXT)
        .min(chars.saturating_sub(MAX_COLUMNS));
    let to = (from + MAX_COLUMNS).min(chars);
    let (from_byte, to_byte) = (char_offset(line, from), char_offset(line, to));
    if from > 0 {
        text.push('…');
    }
    let window_start = text.len();
    text.push_str(&line[from_byte..to_byte]);
    let span_start = window_start + (start - line_start - from_byte);
    let span_end = if end <= line_start + to_byte {
        window_start + (end - line_start - from_byte)
    } else {
        text.len()
    };
    if to < chars {
        text.push('…');
    }
    if has_next {
        text.push('\n');
        text.push_str(&head(after, last_end));
    }
    let text = source_text(&text).into_owned();
    Some((
        Snippet {
            name: String::new(),
            source: Arc::from(text),
            first_line: line_breaks(&bytes[..first]),
            column: Some(start - line_start),
        },
        (span_start, span_end.max(span_start)),
    ))
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.finding.message))
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape(&self.finding.message))
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(escape(&self.finding.rule)))
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
            .map(|h| Box::new(escape(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let (start, end) = self.span;
        // The header already names the place; the label only underlines it.
        Some(Box::new(std::iter::once(LabeledSpan::new(
            None,
            start,
            end.saturating_sub(start),
        ))))
    }
}

/// Writes each finding as miette's graphical report, then the summary line.
pub struct Human {
    handler: miette::GraphicalReportHandler,
    buffer: String,
    /// Findings folded into a summary finding, not shown.
    folded: usize,
    /// No summary line (`--quiet`).
    quiet: bool,
}

impl Human {
    /// A renderer with colour or without.
    pub fn new(color: bool) -> Human {
        Human {
            handler: crate::diagnostic::graphical_handler(color),
            buffer: String::new(),
            folded: 0,
            quiet: false,
        }
    }

    /// Leaves out the lines after the findings (`--quiet`).
    pub fn quiet(mut self, yes: bool) -> Human {
        self.quiet = yes;
        self
    }
}

impl Renderer for Human {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        // The file's text made inert once, for all its findings' snippets:
        // the same bytes when there is nothing to neutralise.
        let mut safe: Option<Arc<str>> = None;
        for finding in file.findings {
            // Details are folded into their summary finding (see `Finding::detail`).
            if finding.detail {
                self.folded += 1;
                continue;
            }
            let loc = &finding.location;
            let name = escape(&finding.path).into_owned();
            let (source, span) = match file.source.filter(|_| loc.end > 0 || loc.start > 0) {
                None => (None, (0, 0)),
                Some(source) => match excerpt(source, loc.start, loc.end) {
                    Some((snippet, span)) => (Some(Snippet { name, ..snippet }), span),
                    None => {
                        let safe = safe.get_or_insert_with(|| match source_text(source) {
                            std::borrow::Cow::Borrowed(_) => Arc::clone(source),
                            std::borrow::Cow::Owned(text) => Arc::from(text),
                        });
                        let snippet = Snippet {
                            name,
                            source: Arc::clone(safe),
                            first_line: 0,
                            column: None,
                        };
                        (Some(snippet), (loc.start, loc.end))
                    }
                },
            };
            let rendered = Rendered {
                finding,
                source,
                span,
            };
            self.buffer.clear();
            if rendered.source.is_none() {
                // No snippet (a file that could not be read): say where in words.
                self.buffer.push_str(&format!(
                    "{}:{}:{}\n",
                    escape(&finding.path),
                    loc.line,
                    loc.column
                ));
            }
            let _ = self.handler.render_report(&mut self.buffer, &rendered);
            self.buffer.push('\n');
            out.write_all(self.buffer.as_bytes())?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
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

    fn render_one(text: &str, start: usize, end: usize, column: usize) -> String {
        let finding = Finding {
            path: "f.md".into(),
            rule: "x/y".into(),
            severity: Severity::Error,
            message: "m".into(),
            help: None,
            location: crate::diagnostic::Location {
                line: 2,
                column,
                end_line: 2,
                end_column: column + (end - start),
                start,
                end,
            },
            detail: false,
        };
        let source: Arc<str> = Arc::from(text);
        let view = FileView {
            path: "f.md",
            findings: std::slice::from_ref(&finding),
            source: Some(&source),
        };
        let mut out = Vec::new();
        Human::new(false).file(&mut out, &view).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_span() {
        let long = format!("{}TARGET{}", "a".repeat(3000), "b".repeat(3000));
        let text = format!("# Title\n{long}\nnext\n");
        let start = "# Title\n".len() + 3000;
        let got = render_one(&text, start, start + 6, 3001);
        let window = format!("…{}TARGET{}…", "a".repeat(40), "b".repeat(114));
        let want = format!(
            "x/y\n\n  × m\n   ╭─[f.md:2:3001]\n 1 │ # Title\n 2 │ {window}\n   ·{}──────\n 3 │ next\n   ╰────\n\n",
            " ".repeat(42)
        );
        assert_eq!(got, want);
    }

    #[test]
    fn control_characters_in_a_snippet_are_replaced_in_place() {
        let text = "# T\u{1b}[2J\nx\u{8}TARGET\ry\n";
        let start = text.find("TARGET").unwrap();
        let got = render_one(text, start, start + 6, 3);
        assert_eq!(
            got,
            "x/y\n\n  × m\n   ╭─[f.md:2:3]\n 1 │ # T?[2J\n 2 │ x?TARGET\n   ·   ──────\n 3 │ y\n   ╰────\n\n"
        );
    }

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
                first_line: 0,
                column: None,
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
