//! Markdown → the JSON document policies receive as `input` (see `docs/input.md`).
//!
//! [`parse`] strips a BOM and YAML front matter, runs pulldown-cmark once over
//! the rest ([`blocks`]), finds the milestone units and their sections, fields
//! and durations ([`assemble`]), and looks for mojibake outside code. Every
//! line and span refers to the file as it is on disk. The parser never fails:
//! any text gives a document, possibly with no milestones.

mod assemble;
mod blocks;
mod body;
mod calendar;
pub mod duration;
mod evidence;
mod fields;
mod heading;
mod length;
pub mod lines;
pub mod model;
pub mod mojibake;
pub mod options;
pub(crate) mod pattern;
mod status;
mod template;
mod text;
mod units;

use std::cell::RefCell;
use std::rc::Rc;

pub mod invariants;
pub use lines::LineIndex;
pub use model::*;
pub use options::{ParseOptions, Units, Vocabulary};
pub use pattern::shared_regex;

thread_local! {
    /// The vocabulary of the options last used on this thread: `parse` runs for
    /// thousands of files with the same options, so tables are built once.
    static VOCABULARY: RefCell<Option<(ParseOptions, Rc<Vocabulary>)>> = const { RefCell::new(None) };
}

/// Parses one Markdown file (`source`, possibly with a BOM and any line
/// endings) into its document. `path` is recorded as given.
pub fn parse(path: &str, source: &str, options: &ParseOptions) -> Document {
    parse_indexed(path, source, options, true).0
}

/// [`parse`], also returning the file's line index, for `mlint check`. The
/// document's `lines` stay empty unless `with_lines`: they repeat the whole
/// file and few policies read them.
pub fn parse_indexed<'a>(
    path: &str,
    source: &'a str,
    options: &ParseOptions,
    with_lines: bool,
) -> (Document, LineIndex<'a>) {
    let vocab = VOCABULARY.with(|cell| {
        let mut cell = cell.borrow_mut();
        match &*cell {
            Some((opts, vocab)) if opts == options => Rc::clone(vocab),
            _ => {
                let vocab = Rc::new(options.prepare());
                *cell = Some((options.clone(), Rc::clone(&vocab)));
                vocab
            }
        }
    });
    build(path, source, &vocab, with_lines)
}

/// [`parse`] with a vocabulary prepared by the caller.
pub fn parse_with(path: &str, source: &str, vocab: &Vocabulary) -> Document {
    build(path, source, vocab, true).0
}

fn build<'a>(
    path: &str,
    source: &'a str,
    vocab: &Vocabulary,
    with_lines: bool,
) -> (Document, LineIndex<'a>) {
    let index = LineIndex::new(source);
    let bom = if source.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let (front_matter, body_start) = front_matter(source, bom, &index);
    let markdown = &source[body_start..];
    let scan = blocks::scan(source, markdown, body_start, &index);
    let file = units::FileInfo {
        path,
        front_matter: front_matter.as_ref().map(|f| f.text.as_str()),
    };
    let (headings, milestones) = assemble::assemble(&scan.blocks, source, &index, vocab, file);
    let mojibake = find_mojibake(source, bom, &scan.code_ranges, &index);
    let line_count = if with_lines { index.line_count() } else { 0 };
    let lines = (1..=line_count)
        .map(|n| {
            let span = index.line_span(n);
            let start = if n == 1 {
                span.start.max(bom)
            } else {
                span.start
            };
            source
                .get(start..span.end.max(start))
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    let slashed = path.replace('\\', "/");
    let document = Document {
        schema_version: SCHEMA_VERSION,
        file_kind: vocab.templates.file_kind(&slashed, &milestones).to_string(),
        path: slashed,
        line_count: index.line_count(),
        front_matter,
        headings,
        looks_like_plan: evidence::looks_like_plan(path, &scan.blocks),
        milestones,
        comments: scan.comments,
        code_blocks: scan.code_blocks,
        mojibake,
        lines,
    };
    (document, index)
}

/// YAML front matter: `---` on the first line up to a `---` or `...` line.
/// Returns it and the offset where the Markdown starts; unterminated front
/// matter is not front matter.
fn front_matter(source: &str, bom: usize, index: &LineIndex) -> (Option<FrontMatter>, usize) {
    let first = index.line_span(1);
    if source.get(bom..first.end).map(str::trim_end) != Some("---") {
        return (None, bom);
    }
    for n in 2..=index.line_count() {
        let span = index.line_span(n);
        let line = source
            .get(span.start..span.end)
            .unwrap_or_default()
            .trim_end();
        if line == "---" || line == "..." {
            let text_start = index.line_span(2).start;
            let text = source.get(text_start..span.start).unwrap_or_default();
            let text = text.strip_suffix('\n').unwrap_or(text);
            let text = text.strip_suffix('\r').unwrap_or(text);
            let body = index.line_span(n + 1).start;
            let body = if n == index.line_count() {
                source.len()
            } else {
                body
            };
            return (
                Some(FrontMatter {
                    text: text.to_string(),
                    line: 1,
                    end_line: n,
                }),
                body,
            );
        }
    }
    (None, bom)
}

/// Mojibake in the file outside code ranges (sorted by start).
fn find_mojibake(
    source: &str,
    bom: usize,
    code: &[std::ops::Range<usize>],
    index: &LineIndex,
) -> Vec<Mojibake> {
    let mut code: Vec<_> = code.iter().filter(|r| r.start < r.end).cloned().collect();
    code.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut at = bom;
    let scan_part = |from: usize, to: usize, out: &mut Vec<Mojibake>| {
        let Some(text) = source.get(from..to) else {
            return;
        };
        for run in mojibake::scan(text) {
            let span = Span {
                start: from + run.start,
                end: from + run.end,
            };
            out.push(Mojibake {
                text: text[run.start..run.end].to_string(),
                repaired: run.repaired,
                encoding: run.encoding.name().to_string(),
                line: index.line_of(span.start),
                span,
            });
        }
    };
    for r in code {
        if r.start > at {
            scan_part(at, r.start, &mut out);
        }
        at = at.max(r.end);
    }
    if at < source.len() {
        scan_part(at, source.len(), &mut out);
    }
    out
}
