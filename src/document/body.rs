//! The body of one milestone: labels, sections, fields.
//!
//! Inside a milestone's body, labels (bold paragraphs, sub-headings, label
//! bullets) open sections that collect the list items or paragraphs that
//! follow, and `Label: value` pairs become fields. This is a small state
//! machine fed one block at a time, so the whole body is read in one pass.
//! List items are read in `items`, table rows in `rows`.

mod items;
mod rows;

use std::collections::BTreeMap;

use super::blocks::{Block, Kind, Task};
use super::fields::{self, Found};
use super::heading;
use super::lines::LineIndex;
use super::model::{Field, Item, Section, Span};
use super::options::Vocabulary;
use super::text::{Inline, clamp_span, collapse};

/// A field at the start of a list item: bold label or plain label.
pub(super) fn item_field(inl: &Inline) -> Option<Found> {
    let bold = fields::bold_fields(&inl.text, &inl.strong);
    match bold.into_iter().next() {
        Some(f) if inl.text[..f.label_range.start].trim().is_empty() => Some(f),
        Some(_) => None,
        None => fields::plain_field(&inl.text),
    }
}

/// Where the items that follow go.
#[derive(Clone, Debug)]
pub(super) enum Target {
    /// Into this canonical section.
    Section(String),
    /// Nowhere: content of a label that is not a section.
    Skip,
}

#[derive(Clone, Debug)]
pub(super) struct Open {
    target: Target,
    /// Level of the sub-heading that opened it; deeper headings keep it open.
    heading_level: Option<u8>,
    /// For label bullets: only items at least this deep belong to it.
    min_depth: Option<usize>,
    /// Depth of the first item, which becomes depth 0.
    base: Option<usize>,
}

/// The state of one milestone body being read.
pub(super) struct Body<'a> {
    pub(super) source: &'a str,
    pub(super) lines: &'a LineIndex<'a>,
    pub(super) vocab: &'a Vocabulary,
    pub(super) sections: BTreeMap<String, Section>,
    pub(super) fields: BTreeMap<String, Field>,
    pub(super) open: Option<Open>,
    /// A field label whose value is the next paragraph (`## Estimated Time`).
    pub(super) pending: Option<(String, String, Span)>,
    /// Whether `pending` is a heading's (`### Timeline`): a heading over
    /// sub-headings is no empty duration slot.
    pub(super) pending_heading: bool,
    /// Whether the current table is a key/value table.
    pub(super) kv_table: bool,
    /// Depth of the first unlabelled item, which went into `tasks`.
    pub(super) implicit: Option<usize>,
    /// For the current table: the section each column's header names.
    pub(super) table_sections: Vec<Option<(String, String)>>,
    /// Whether a sub-heading that is no section label came: plain items
    /// under it are not the unit's tasks (its checklists are).
    pub(super) under_heading: bool,
}

impl Body<'_> {
    fn span(&self, inl: &Inline, range: std::ops::Range<usize>) -> Span {
        clamp_span(self.source, inl.span(range))
    }

    /// Reads one block of the body.
    pub(super) fn block(&mut self, b: &Block) {
        match &b.kind {
            Kind::Heading(lvl) => self.heading(b, *lvl),
            Kind::Paragraph => self.paragraph(b),
            Kind::Item {
                depth,
                task,
                has_children,
            } => self.item(b, *depth, *task, *has_children),
            Kind::Row { cells, header } => self.row(b, cells, *header),
            Kind::Rule => {
                self.flush_pending();
                self.open = None;
            }
            Kind::Other => {}
        }
    }

    fn heading(&mut self, b: &Block, lvl: u8) {
        self.flush_pending();
        let inl = &b.inline;
        let title = heading::strip(&inl.text, &self.vocab.units).text;
        if let Some(f) = fields::plain_field(&inl.text)
            && !f.value_range.is_empty()
            && (self.vocab.is_known_field(&f.label) || self.vocab.section_exact(&f.label).is_some())
        {
            self.labelled_value(inl, &f, b.line);
            self.open = None;
            return;
        }
        if let Some(name) = self.vocab.section_qualified(&title) {
            let label = title.trim_end_matches([':', '：']).trim_end().to_string();
            let span = inl
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            self.open_section(name.to_string(), label, b.line, span);
            if let Some(open) = &mut self.open {
                open.heading_level = Some(lvl);
            }
            return;
        }
        if let Some(open) = &self.open
            && open.heading_level.is_some_and(|l| lvl > l)
        {
            return; // a sub-heading inside a heading section
        }
        self.open = None;
        self.under_heading = true;
        if self.vocab.is_known_field(&title) {
            let span = inl
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            self.pending_heading = true;
            self.pending = Some((
                self.vocab.field_key(&title),
                title.trim_end_matches([':', '：']).to_string(),
                span,
            ));
        }
    }

    fn paragraph(&mut self, b: &Block) {
        let inl = &b.inline;
        let found = fields::bold_fields(&inl.text, &inl.strong);
        if found.is_empty()
            && let Some((key, label, label_span)) = self.pending.take()
        {
            let value = collapse(&inl.text);
            let span = inl
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            self.add_field(
                key,
                Field {
                    label,
                    value,
                    line: self.lines.line_of(label_span.start),
                    span,
                },
            );
            return;
        }
        self.flush_pending();
        if !found.is_empty() {
            for f in &found {
                self.labelled(inl, f, b.line);
            }
            return;
        }
        if self.plain_lines(inl, b.line) {
            return;
        }
        let text = inl.text.trim();
        // A bold paragraph is a label when it is short like one; a bold
        // sentence or flow (`**Start → Invite → Join**`) is emphasis.
        let bold_only = inl
            .strong
            .iter()
            .any(|s| inl.text[s.clone()].trim() == text)
            && label_like(text);
        // `Deliverables:`, or a section label alone on its line (`Tasks`,
        // `Acceptance`) as plain-text plans write them.
        // A sentence that ends with a colon (`The steps in organizing this
        // phase include at least:`) introduces the list after it: the list
        // is the unit's, not a labelled aside's.
        let plain_label = !text.contains('\n')
            && label_like(text)
            && (text.ends_with([':', '：']) || self.vocab.section_exact(text).is_some());
        if !text.is_empty() && (bold_only || plain_label) {
            let label = text.trim_end_matches([':', '：']).trim_end();
            let span = inl
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            if let Some(name) = self.vocab.section_qualified(label) {
                self.open_section(name.to_string(), label.to_string(), b.line, span);
            } else if !self.in_heading_section() {
                self.open = Some(Open {
                    target: Target::Skip,
                    heading_level: None,
                    min_depth: None,
                    base: None,
                });
            }
            return;
        }
        if let Some(Open {
            target: Target::Section(name),
            ..
        }) = &self.open
        {
            let name = name.clone();
            let span = inl
                .full_span()
                .map_or(b.span, |s| clamp_span(self.source, s));
            let item = Item {
                text: collapse(&inl.text),
                checked: None,
                state: None,
                depth: 0,
                line: b.line,
                span,
            };
            if let Some(s) = self.sections.get_mut(&name) {
                s.items.push(item);
            }
        }
    }

    /// Plain `Label: value` lines (`Goals: …`, `Timeline: Nov 2024 - Jun
    /// 2025`, `目标：…`), one or several joined by line breaks, when the
    /// label is a known field or section. Returns whether any was read.
    fn plain_lines(&mut self, inl: &Inline, line: usize) -> bool {
        let mut read = false;
        let mut at = 0;
        // `Ergebnis:` alone on its line, the value on the lines after it in
        // the same paragraph: those lines are the section's items.
        let mut value_lines: Option<String> = None;
        for piece in inl.text.split('\n') {
            let start = at;
            at += piece.len() + 1;
            let field = fields::plain_field(piece).filter(|f| {
                self.vocab.is_known_field(&f.label) || self.vocab.section_exact(&f.label).is_some()
            });
            let Some(mut f) = field else {
                if let Some(name) = &value_lines
                    && !piece.trim().is_empty()
                {
                    let name = name.clone();
                    let span = self.span(inl, start..start + piece.len());
                    let line = self.lines.line_of(span.start);
                    let item = plain_item(collapse(piece), line, span);
                    if let Some(s) = self.sections.get_mut(&name) {
                        s.items.push(item);
                    }
                }
                continue;
            };
            value_lines = None;
            f.label_range = start + f.label_range.start..start + f.label_range.end;
            f.value_range = start + f.value_range.start..start + f.value_range.end;
            if f.value_range.is_empty() {
                if let Some(name) = self.vocab.section_exact(&f.label) {
                    let span = self.span(inl, f.label_range.clone());
                    self.open_section(
                        name.to_string(),
                        f.label.clone(),
                        self.lines.line_of(span.start),
                        span,
                    );
                    value_lines = Some(name.to_string());
                    read = true;
                }
                continue;
            }
            self.labelled_value(inl, &f, line);
            self.open = None;
            read = true;
        }
        read
    }

    fn in_heading_section(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|o| o.heading_level.is_some())
    }

    /// A bold label in a paragraph: a field, a section, or both.
    fn labelled(&mut self, inl: &Inline, f: &Found, line: usize) {
        if !f.value_range.is_empty() {
            self.labelled_value(inl, f, line);
            self.open = None;
            return;
        }
        let label_span = self.span(inl, f.label_range.clone());
        let full = match &f.qualifier {
            Some(q) => format!("{} ({q})", f.label),
            None => f.label.clone(),
        };
        if let Some(name) = self.vocab.section_qualified(&full) {
            self.open_section(
                name.to_string(),
                f.label.clone(),
                self.lines.line_of(label_span.start),
                label_span,
            );
        } else if self.vocab.is_known_field(&f.label) {
            self.pending_heading = false;
            self.pending = Some((self.vocab.field_key(&f.label), f.label.clone(), label_span));
            self.open = None;
        } else if !self.in_heading_section() {
            let _ = line;
            self.open = Some(Open {
                target: Target::Skip,
                heading_level: None,
                min_depth: None,
                base: None,
            });
        }
    }

    /// `Label: value`: a field, and a one-item section when the label is one.
    fn labelled_value(&mut self, inl: &Inline, f: &Found, _line: usize) {
        let label_span = self.span(inl, f.label_range.clone());
        let value_span = self.span(inl, f.value_range.clone());
        let value = collapse(&inl.text[f.value_range.clone()]);
        let section = self.vocab.section_exact(&f.label).map(str::to_string);
        self.field_with_item(&f.label, value, label_span, value_span, section);
    }

    /// `label: value` as a field, and as the one item of `section` when the
    /// label names one.
    fn field_with_item(
        &mut self,
        label: &str,
        value: String,
        label_span: Span,
        value_span: Span,
        section: Option<String>,
    ) {
        let line = self.lines.line_of(label_span.start);
        self.add_field(
            self.vocab.field_key(label),
            Field {
                label: label.to_string(),
                value: value.clone(),
                line,
                span: value_span,
            },
        );
        if let Some(name) = section {
            let item = plain_item(value, self.lines.line_of(value_span.start), value_span);
            self.add_item(&name, label, line, label_span, item);
        }
    }

    /// One cell of a table row unit, under its column's header.
    pub(super) fn cell(&mut self, label: &str, value: &str, span: Span) {
        let section = self.vocab.section_qualified(label).map(str::to_string);
        self.field_with_item(label, value.to_string(), span, span, section);
    }

    fn open_section(&mut self, name: String, label: String, line: usize, span: Span) {
        self.ensure_section(&name, &label, line, span);
        self.open = Some(Open {
            target: Target::Section(name),
            heading_level: None,
            min_depth: None,
            base: None,
        });
    }

    /// Adds `item` to section `name`, which is created (labelled `label`, at
    /// `line`/`span`) when it is new.
    fn add_item(&mut self, name: &str, label: &str, line: usize, span: Span, item: Item) {
        self.ensure_section(name, label, line, span);
        if let Some(s) = self.sections.get_mut(name) {
            s.items.push(item);
        }
    }

    fn ensure_section(&mut self, name: &str, label: &str, line: usize, span: Span) {
        self.sections
            .entry(name.to_string())
            .or_insert_with(|| Section::new(label.to_string(), line, span));
    }

    fn add_field(&mut self, key: String, field: Field) {
        if !key.is_empty() {
            self.fields.entry(key).or_insert(field);
        }
    }

    /// A pending duration label followed by a list or a table
    /// (`**Timeline:**` over the weeks) introduces it: the block is the
    /// schedule, and the label no empty duration slot. Drops the label and
    /// says whether there was one.
    pub(super) fn drop_pending_duration(&mut self) -> bool {
        let duration = self
            .pending
            .as_ref()
            .is_some_and(|(key, ..)| key == "duration");
        if duration {
            self.pending = None;
        }
        duration
    }

    /// A field label whose value never came: the field, with an empty value.
    pub(super) fn flush_pending(&mut self) {
        if let Some((key, label, span)) = self.pending.take() {
            if self.pending_heading && key == "duration" {
                return;
            }
            let line = self.lines.line_of(span.start);
            self.add_field(
                key,
                Field {
                    label,
                    value: String::new(),
                    line,
                    span,
                },
            );
        }
    }
}

/// An item that is no task and not nested: a value, a table cell.
/// Whether bold text reads as a label: a few words, no sentence end, no
/// arrows of a flow.
fn label_like(text: &str) -> bool {
    let text = text.trim_end_matches([':', '：']).trim_end();
    text.chars().count() <= 60
        && text.split_whitespace().count() <= 8
        && !text.ends_with(['.', '!', '?', '。', '！', '？'])
        && !text.contains(['→', '⇒', '➜', '➡'])
        && !text.contains("->")
}

fn plain_item(text: String, line: usize, span: Span) -> Item {
    Item {
        text,
        checked: None,
        state: None,
        depth: 0,
        line,
        span,
    }
}

fn make_item(b: &Block, depth: usize, task: Option<Task>) -> Item {
    let (checked, state) = match task {
        Some(Task::Done) => (Some(true), Some("done")),
        Some(Task::Open) => (Some(false), Some("open")),
        Some(Task::InProgress) => (Some(false), Some("in_progress")),
        None => (None, None),
    };
    Item {
        text: collapse(&b.inline.text),
        checked,
        state: state.map(String::from),
        depth,
        line: b.line,
        span: b.span,
    }
}
