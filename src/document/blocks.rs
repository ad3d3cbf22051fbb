//! One pass over pulldown-cmark events → a flat list of blocks.
//!
//! The milestone logic works on a flat, document-ordered list of headings,
//! paragraphs, list items and table rows, each with its rendered inline text
//! ([`Inline`]) and its position in the file. Building that list here, with an
//! explicit stack instead of recursion, keeps deeply nested input safe and
//! keeps pulldown-cmark's event grammar out of the rest of the parser. Code
//! blocks, HTML blocks and comments are recorded but contribute no text.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::lines::LineIndex;
use super::model::{CodeBlock, Comment, Span};
use super::text::Inline;

/// A task list marker's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// `[x]` or `[X]`.
    Done,
    /// `[ ]`.
    Open,
    /// `[~]`.
    InProgress,
}

/// What a block is.
#[derive(Clone, Debug)]
pub enum Kind {
    /// A heading of level 1–6.
    Heading(u8),
    /// A paragraph outside list items.
    Paragraph,
    /// A list item; its inline text is the item's own text.
    Item {
        /// 0 for items of an outermost list.
        depth: usize,
        /// Task marker, if any.
        task: Option<Task>,
        /// Whether a nested list follows inside the item.
        has_children: bool,
    },
    /// A table row (the header row too).
    Row {
        /// The cells' text.
        cells: Vec<Inline>,
        /// Whether this is the header row.
        header: bool,
    },
    /// A thematic break (`---`).
    Rule,
    /// A code or HTML block: no structure, but part of a body.
    Other,
}

/// One block of the document.
#[derive(Clone, Debug)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// Rendered inline text (empty for rows, rules and other blocks).
    pub inline: Inline,
    /// The block's own text (for items: without nested lists).
    pub span: Span,
    /// End of everything the block holds (nested lists included).
    pub end: usize,
    /// Line of the block's start.
    pub line: usize,
}

/// Everything one pass over the events yields.
#[derive(Debug, Default)]
pub struct Scan {
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// HTML comments.
    pub comments: Vec<Comment>,
    /// Code blocks.
    pub code_blocks: Vec<CodeBlock>,
    /// Source ranges of code (blocks and inline spans), to skip when looking
    /// for mojibake.
    pub code_ranges: Vec<Range<usize>>,
}

/// Where text currently goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Block(usize),
    Cell(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    Item(usize),
    Target,
    Strong,
    List,
    Other,
}

/// Parses `markdown` (which starts at byte `offset` of `source`) into blocks.
pub fn scan(source: &str, markdown: &str, offset: usize, lines: &LineIndex) -> Scan {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut out = Scan::default();
    // About one block per 35 bytes in real and generated plans, one per 20
    // in dense ones: reserving spares the vector's regrowth copies.
    out.blocks.reserve(markdown.len() / 16);
    let mut stack: Vec<Frame> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    let mut strong: Vec<(Target, usize)> = Vec::new();
    let mut list_depth = 0usize;
    let mut raw = false; // inside a code or HTML block
    let mut row: Option<usize> = None;
    for (event, r) in Parser::new_ext(markdown, opts).into_offset_iter() {
        let r = r.start + offset..r.end + offset;
        match event {
            Event::Start(tag) => {
                let frame = match tag {
                    // A heading inside a list item (`- **Deliverables**:`
                    // over a `-` line reads as a setext heading) is a line
                    // of the item, not document structure.
                    Tag::Heading { .. } if matches!(stack.last(), Some(Frame::Item(_))) => {
                        if let Some(Frame::Item(idx)) = stack.last() {
                            let inl = &mut out.blocks[*idx].inline;
                            if !inl.text.is_empty() {
                                inl.push("\n", r.start..r.start, source);
                            }
                        }
                        Frame::Other
                    }
                    Tag::Heading { level, .. } => {
                        let idx = push(
                            &mut out.blocks,
                            Kind::Heading(level as u8),
                            &r,
                            source,
                            lines,
                        );
                        targets.push(Target::Block(idx));
                        Frame::Target
                    }
                    Tag::Paragraph => match stack.last() {
                        Some(Frame::Item(idx)) => {
                            let inl = &mut out.blocks[*idx].inline;
                            if !inl.text.is_empty() {
                                inl.push("\n", r.start..r.start, source);
                            }
                            Frame::Other
                        }
                        _ => {
                            let idx = push(&mut out.blocks, Kind::Paragraph, &r, source, lines);
                            targets.push(Target::Block(idx));
                            Frame::Target
                        }
                    },
                    Tag::List(_) => {
                        if let Some(Frame::Item(idx)) = stack.last()
                            && let Kind::Item { has_children, .. } = &mut out.blocks[*idx].kind
                        {
                            *has_children = true;
                        }
                        list_depth += 1;
                        Frame::List
                    }
                    Tag::Item => {
                        let kind = Kind::Item {
                            depth: list_depth.saturating_sub(1),
                            task: None,
                            has_children: false,
                        };
                        let idx = push(&mut out.blocks, kind, &r, source, lines);
                        targets.push(Target::Block(idx));
                        Frame::Item(idx)
                    }
                    Tag::TableHead | Tag::TableRow => {
                        let kind = Kind::Row {
                            cells: Vec::new(),
                            header: matches!(tag, Tag::TableHead),
                        };
                        row = Some(push(&mut out.blocks, kind, &r, source, lines));
                        Frame::Other
                    }
                    Tag::TableCell => match row {
                        Some(idx) => {
                            if let Kind::Row { cells, .. } = &mut out.blocks[idx].kind {
                                cells.push(Inline::default());
                            }
                            targets.push(Target::Cell(idx));
                            Frame::Target
                        }
                        None => Frame::Other,
                    },
                    Tag::Strong => {
                        if let Some(&t) = targets.last() {
                            let len = target_inline(&mut out.blocks, t).map_or(0, |i| i.text.len());
                            strong.push((t, len));
                        }
                        Frame::Strong
                    }
                    Tag::CodeBlock(CodeBlockKind::Indented)
                        if list_depth == 0 && is_indented_outline(&source[r.clone()]) =>
                    {
                        outline_items(source, &r, lines, &mut out.blocks);
                        raw = true;
                        Frame::Other
                    }
                    Tag::CodeBlock(kind) => {
                        let info = match kind {
                            CodeBlockKind::Fenced(info) => info.trim().to_string(),
                            CodeBlockKind::Indented => String::new(),
                        };
                        let end = trim_end(source, &r);
                        out.code_blocks.push(CodeBlock {
                            info,
                            line: lines.line_of(r.start),
                            end_line: lines.line_of(end.saturating_sub(1).max(r.start)),
                        });
                        out.code_ranges.push(r.clone());
                        push(&mut out.blocks, Kind::Other, &r, source, lines);
                        raw = true;
                        Frame::Other
                    }
                    Tag::HtmlBlock => {
                        comments_in(source, &r, lines, &mut out.comments);
                        push(&mut out.blocks, Kind::Other, &r, source, lines);
                        raw = true;
                        Frame::Other
                    }
                    _ => Frame::Other,
                };
                stack.push(frame);
            }
            Event::End(tag) => {
                match stack.pop() {
                    Some(Frame::Target | Frame::Item(_)) => {
                        targets.pop();
                    }
                    Some(Frame::Strong) => {
                        if let Some((t, start)) = strong.pop()
                            && let Some(inl) = target_inline(&mut out.blocks, t)
                        {
                            let end = inl.text.len();
                            if end > start {
                                inl.strong.push(start..end);
                            }
                        }
                    }
                    Some(Frame::List) => list_depth = list_depth.saturating_sub(1),
                    _ => {}
                }
                match tag {
                    TagEnd::CodeBlock | TagEnd::HtmlBlock => raw = false,
                    TagEnd::TableHead | TagEnd::TableRow => row = None,
                    _ => {}
                }
            }
            Event::Text(text) if !raw => add_text(&mut out.blocks, &targets, &text, r, source),
            Event::Code(text) => {
                out.code_ranges.push(r.clone());
                add_text(&mut out.blocks, &targets, &text, r, source);
            }
            Event::SoftBreak | Event::HardBreak => {
                add_text(&mut out.blocks, &targets, "\n", r, source)
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => {
                comments_in(source, &r, lines, &mut out.comments);
            }
            Event::TaskListMarker(checked) => {
                if let Some(Target::Block(idx)) = targets.last()
                    && let Kind::Item { task, .. } = &mut out.blocks[*idx].kind
                {
                    *task = Some(if checked { Task::Done } else { Task::Open });
                }
            }
            Event::Rule => {
                push(&mut out.blocks, Kind::Rule, &r, source, lines);
            }
            _ => {}
        }
    }
    finish_items(&mut out.blocks, source);
    out
}

/// Whether an indented code block is an outline typed with indentation
/// rather than code: some of its lines are bullets, none looks like code.
/// Plans written in a plain editor indent their task lists by four spaces
/// (`    Learn Rust.` / `        - Read the book.`), which Markdown turns
/// into a code block.
fn is_indented_outline(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let bullets = lines.iter().filter(|l| bullet(l).is_some()).count();
    let code = lines.iter().any(|l| {
        l.ends_with(['{', '}', ';', '\\', ',', '='])
            || l.starts_with(['$', '#', '/', '<', '{', '}', '>', '|'])
            || [" = ", "=>", "->", "::", "()", "&&", "||"]
                .iter()
                .any(|t| l.contains(t))
    });
    lines.len() >= 2 && bullets * 3 >= lines.len() && !code
}

/// The text after a bullet marker (`- `, `* `, `+ `), if the line has one.
fn bullet(line: &str) -> Option<&str> {
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map(str::trim_start)
}

/// One list item per line of an indented outline: bullet lines one level
/// below the plain lines they follow.
fn outline_items(source: &str, r: &Range<usize>, lines: &LineIndex, blocks: &mut Vec<Block>) {
    let mut at = r.start;
    for line in source[r.clone()].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (depth, text) = match bullet(trimmed) {
            Some(rest) => (1, rest),
            None => (0, trimmed),
        };
        let offset = start + (text.as_ptr() as usize - line.as_ptr() as usize);
        let range = start + (line.len() - line.trim_start().len())..offset + text.len();
        let kind = Kind::Item {
            depth,
            task: None,
            has_children: false,
        };
        let idx = push(blocks, kind, &range, source, lines);
        blocks[idx]
            .inline
            .push(text, offset..offset + text.len(), source);
    }
}

fn push(
    blocks: &mut Vec<Block>,
    kind: Kind,
    r: &Range<usize>,
    source: &str,
    lines: &LineIndex,
) -> usize {
    let end = trim_end(source, r);
    blocks.push(Block {
        kind,
        inline: Inline::default(),
        span: Span {
            start: r.start,
            end,
        },
        end,
        line: lines.line_of(r.start),
    });
    blocks.len() - 1
}

fn target_inline(blocks: &mut [Block], t: Target) -> Option<&mut Inline> {
    match t {
        Target::Block(idx) => blocks.get_mut(idx).map(|b| &mut b.inline),
        Target::Cell(idx) => match &mut blocks.get_mut(idx)?.kind {
            Kind::Row { cells, .. } => cells.last_mut(),
            _ => None,
        },
    }
}

fn add_text(blocks: &mut [Block], targets: &[Target], text: &str, r: Range<usize>, source: &str) {
    if let Some(&t) = targets.last()
        && let Some(inl) = target_inline(blocks, t)
    {
        inl.push(text, r, source);
    }
}

/// `[~]` is not a task marker for CommonMark; read it from the item text and
/// narrow every item's span to its own text.
fn finish_items(blocks: &mut [Block], source: &str) {
    for b in blocks.iter_mut() {
        let Kind::Item { task, .. } = &mut b.kind else {
            continue;
        };
        if task.is_none() && b.inline.text.starts_with("[~]") {
            *task = Some(Task::InProgress);
            let rest = b.inline.text.len();
            let mut trimmed = Inline::default();
            let start = 3 + b.inline.text[3..].len() - b.inline.text[3..].trim_start().len();
            if start < rest {
                let span = b.inline.span(start..rest);
                // Re-render from the file when possible, so spans stay exact.
                let text = b.inline.text[start..].to_string();
                trimmed.push(&text, span.start..span.end, source);
                trimmed.strong = b
                    .inline
                    .strong
                    .iter()
                    .filter(|s| s.start >= start)
                    .map(|s| s.start - start..s.end - start)
                    .collect();
            }
            b.inline = trimmed;
        }
        match b.inline.full_span() {
            Some(s) if s.end > b.span.start => b.span.end = s.end,
            _ => {
                // Look at a bounded prefix only: `- - - - x` nests thousands of
                // empty items on one line.
                let mut limit = b.span.end.min(b.span.start + 256);
                while !source.is_char_boundary(limit) {
                    limit -= 1;
                }
                let first_line = source[b.span.start..limit]
                    .find(['\n', '\r'])
                    .map_or(limit, |i| b.span.start + i);
                b.span.end = first_line;
            }
        }
    }
}

/// End of `r` without trailing whitespace and line endings.
fn trim_end(source: &str, r: &Range<usize>) -> usize {
    let end = r.end.min(source.len());
    let start = r.start.min(end);
    match source.get(start..end) {
        Some(s) => start + s.trim_end().len(),
        None => end,
    }
}

/// Records every `<!-- … -->` in the source range `r`.
fn comments_in(source: &str, r: &Range<usize>, lines: &LineIndex, out: &mut Vec<Comment>) {
    let Some(text) = source.get(r.start..r.end.min(source.len())) else {
        return;
    };
    let mut at = 0;
    while let Some(open) = text[at..].find("<!--") {
        let start = at + open;
        let body = start + 4;
        let (inner_end, end) = match text[body..].find("-->") {
            Some(close) => (body + close, body + close + 3),
            None => (text.len(), text.len()),
        };
        let (s, e) = (r.start + start, r.start + end);
        out.push(Comment {
            text: text[body..inner_end].trim().to_string(),
            line: lines.line_of(s),
            end_line: lines.line_of(e.saturating_sub(1).max(s)),
            span: Span { start: s, end: e },
        });
        at = end;
    }
}
