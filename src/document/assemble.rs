//! Blocks → headings and milestones with their sections, fields and durations.
//!
//! A heading is a milestone when its title names a unit ([`heading::classify`])
//! or when its own section holds a duration field. A milestone's body runs to
//! the next heading of the same or a higher level, or to the next milestone at
//! any level, so bodies never overlap and each block is read once; what a body
//! says is read by [`Body`].

use std::collections::BTreeMap;

use super::blocks::{Block, Kind};
use super::body::{Body, item_field};
use super::duration;
use super::fields;
use super::heading::{self, Stripped, Unit};
use super::lines::LineIndex;
use super::model::{Duration, Heading, Milestone, Section, Span};
use super::options::Vocabulary;
use super::text::{clamp_span, collapse};

/// Finds every heading and every milestone.
pub fn assemble(
    blocks: &[Block],
    source: &str,
    lines: &LineIndex,
    vocab: &Vocabulary,
) -> (Vec<Heading>, Vec<Milestone>) {
    let hs: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, Kind::Heading(_)))
        .map(|(i, _)| i)
        .collect();
    let stripped: Vec<Stripped> = hs
        .iter()
        .map(|&i| heading::strip(&blocks[i].inline.text, &vocab.units))
        .collect();
    let mut units: Vec<Option<Unit>> = stripped
        .iter()
        .map(|s| heading::classify(&s.text, vocab))
        .collect();
    for k in 0..hs.len() {
        if units[k].is_some() || is_label_heading(&stripped[k].text, vocab) {
            continue;
        }
        let own_end = hs.get(k + 1).copied().unwrap_or(blocks.len());
        if blocks[hs[k] + 1..own_end]
            .iter()
            .any(|b| has_duration_field(b, vocab))
        {
            units[k] = Some(heading::outline(&stripped[k].text));
        }
    }
    let headings = hs
        .iter()
        .zip(&stripped)
        .map(|(&i, s)| Heading {
            level: level(&blocks[i]),
            text: s.text.clone(),
            raw: collapse(&blocks[i].inline.text),
            line: blocks[i].line,
            span: clamp_span(source, blocks[i].span),
        })
        .collect();
    // range_end: the next heading of the same or a higher level (a monotonic
    // stack keeps this linear); own_end: also stops at the next milestone.
    let mut range_end = vec![blocks.len(); hs.len()];
    let mut stack: Vec<usize> = Vec::new();
    for k in 0..hs.len() {
        let lvl = level(&blocks[hs[k]]);
        while let Some(&top) = stack.last() {
            if level(&blocks[hs[top]]) < lvl {
                break;
            }
            range_end[top] = hs[k];
            stack.pop();
        }
        stack.push(k);
    }
    let mut own_end = range_end.clone();
    let mut next_milestone = blocks.len();
    for k in (0..hs.len()).rev() {
        own_end[k] = own_end[k].min(next_milestone);
        if units[k].is_some() {
            next_milestone = hs[k];
        }
    }
    // Block index of a milestone heading → where its own body ends.
    let mut skip_to = vec![None; blocks.len()];
    for k in 0..hs.len() {
        if units[k].is_some() {
            skip_to[hs[k]] = Some(own_end[k]);
        }
    }
    let mut milestones = Vec::new();
    for k in 0..hs.len() {
        let Some(unit) = units[k].take() else {
            continue;
        };
        let ranges = Ranges {
            start: hs[k] + 1,
            end: range_end[k],
            skip_to: &skip_to,
        };
        milestones.push(build(
            blocks,
            hs[k],
            &ranges,
            &stripped[k],
            unit,
            source,
            lines,
            vocab,
        ));
    }
    (headings, milestones)
}

/// The blocks a milestone owns: those up to the next heading of the same or a
/// higher level, except the bodies of milestones nested inside it.
struct Ranges<'a> {
    start: usize,
    end: usize,
    skip_to: &'a [Option<usize>],
}

fn level(b: &Block) -> u8 {
    match b.kind {
        Kind::Heading(l) => l,
        _ => 0,
    }
}

/// Headings that are section or field labels never become milestones.
fn is_label_heading(title: &str, vocab: &Vocabulary) -> bool {
    let label = fields::plain_field(title).map_or(title.to_string(), |f| f.label);
    vocab.section_qualified(title).is_some()
        || vocab.is_known_field(title)
        || vocab.is_known_field(&label)
}

/// Whether a block states a duration field (`**Duration:** …`, `- Effort: …`, a table row).
fn has_duration_field(b: &Block, vocab: &Vocabulary) -> bool {
    let is_dur = |label: &str| vocab.field_key(label) == "duration";
    match &b.kind {
        Kind::Paragraph => fields::bold_fields(&b.inline.text, &b.inline.strong)
            .iter()
            .any(|f| is_dur(&f.label)),
        Kind::Item { .. } => {
            item_field(&b.inline).is_some_and(|f| is_dur(&f.label) && !f.value_range.is_empty())
        }
        Kind::Row { cells, .. } => cells.len() == 2 && is_dur(cells[0].text.trim()),
        _ => false,
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    blocks: &[Block],
    h: usize,
    ranges: &Ranges<'_>,
    stripped: &Stripped,
    unit: Unit,
    source: &str,
    lines: &LineIndex,
    vocab: &Vocabulary,
) -> Milestone {
    let hb = &blocks[h];
    let mut body = Body {
        source,
        lines,
        vocab,
        sections: BTreeMap::new(),
        fields: BTreeMap::new(),
        open: None,
        pending: None,
        kv_table: false,
    };
    let mut last = hb.end;
    let mut i = ranges.start;
    while i < ranges.end {
        let b = &blocks[i];
        last = last.max(b.end);
        match ranges.skip_to[i] {
            Some(end) => {
                // A nested milestone owns its body; what follows it is ours again.
                body.flush_pending();
                body.open = None;
                for nested in &blocks[i..end.min(ranges.end)] {
                    last = last.max(nested.end);
                }
                i = end.max(i + 1);
            }
            None => {
                body.block(b);
                i += 1;
            }
        }
    }
    body.flush_pending();
    let mut sections = body.sections;
    sections.values_mut().for_each(Section::join_texts);
    let mut durations = Vec::new();
    if let Some(f) = body.fields.get("duration").filter(|f| !f.value.is_empty()) {
        let r = duration::read(&f.value, &vocab.units);
        durations.push(make_duration(&f.value, r, "field", f.span, lines));
    }
    if let Some((range, r)) = &stripped.duration {
        let span = clamp_span(source, hb.inline.span(range.clone()));
        let text = collapse(&hb.inline.text[range.clone()]);
        durations.push(make_duration(&text, *r, "heading", span, lines));
    }
    Milestone {
        heading: stripped.text.clone(),
        text: collapse(&hb.inline.text),
        form: "heading".to_string(),
        kind: unit.kind.to_string(),
        keyword: unit.keyword,
        number: unit.number,
        name: unit.name,
        level: level(hb),
        line: hb.line,
        span: clamp_span(source, hb.span),
        end_line: lines.line_of(last.saturating_sub(1).max(hb.span.start)),
        parent_line: None,
        duration: durations.first().cloned(),
        durations,
        sections,
        fields: body.fields,
    }
}

fn make_duration(
    text: &str,
    r: duration::Reading,
    source: &str,
    span: Span,
    lines: &LineIndex,
) -> Duration {
    Duration {
        text: text.to_string(),
        min_days: r.min_days,
        max_days: r.max_days,
        ongoing: r.ongoing,
        placeholder: r.placeholder,
        window: r.window,
        source: source.to_string(),
        line: lines.line_of(span.start),
        span,
    }
}
