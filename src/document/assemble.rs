//! Blocks → headings and milestones with their sections, fields and durations.
//!
//! A heading is a milestone when its title names a unit ([`heading::classify`])
//! or when its own section holds a duration field. A milestone's body runs to
//! the next heading of the same or a higher level, or to the next milestone at
//! any level, so bodies never overlap and each block is read once; what a body
//! says is read by [`Body`].

use std::collections::BTreeMap;

use super::blocks::{Block, Kind};
use super::body::Body;
use super::calendar;
use super::duration;
use super::heading::{self, Stripped};
use super::lines::LineIndex;
use super::model::{Duration, Heading, Milestone, Section, Span};
use super::options::Vocabulary;
use super::status;
use super::text::{clamp_span, collapse};
use super::units::{self, Form, level};

/// Finds every heading and every milestone.
pub fn assemble(
    blocks: &[Block],
    source: &str,
    lines: &LineIndex,
    vocab: &Vocabulary,
    file: units::FileInfo<'_>,
) -> (Vec<Heading>, Vec<Milestone>) {
    let stripped: Vec<Option<Stripped>> = blocks
        .iter()
        .map(|b| {
            matches!(b.kind, Kind::Heading(_)).then(|| heading::strip(&b.inline.text, &vocab.units))
        })
        .collect();
    let headings: Vec<Heading> = blocks
        .iter()
        .zip(&stripped)
        .filter_map(|(b, s)| {
            let s = s.as_ref()?;
            Some(Heading {
                level: level(b),
                text: s.text.clone(),
                raw: collapse(&b.inline.text),
                line: b.line,
                span: clamp_span(source, b.span),
            })
        })
        .collect();
    let found = units::find(blocks, file, vocab, &stripped);
    // Block index of a unit → where its range ends, so an enclosing unit
    // skips what a nested one owns.
    let mut skip_to = vec![None; blocks.len()];
    for f in &found {
        if f.block < blocks.len() {
            skip_to[f.block] = Some(f.end.max(f.block + 1));
        }
    }
    let mut milestones: Vec<Milestone> = found
        .iter()
        .map(|f| build(blocks, f, &skip_to, source, lines, vocab))
        .collect();
    set_levels_and_parents(blocks, &found, &mut milestones);
    fit_to_children(&mut milestones);
    (headings, milestones)
}

/// What a unit says about the units it holds is not its own content:
/// - `Phase A (Sprints 0–4)` over its own `Sprint 0` … `Sprint 4` names the
///   sprints it holds; it does not state a length of its own (its children
///   state theirs);
/// - `**Phase Breakdown:**` as the last label, with nothing under it but
///   the child units that follow, introduces them; it is not an empty list
///   of tasks.
fn fit_to_children(milestones: &mut [Milestone]) {
    let mut holds_sprints = std::collections::BTreeSet::new();
    let mut first_child: std::collections::BTreeMap<usize, usize> = Default::default();
    for m in milestones.iter() {
        if let Some(p) = m.parent_line {
            if m.kind == "sprint" {
                holds_sprints.insert(p);
            }
            let first = first_child.entry(p).or_insert(m.line);
            *first = (*first).min(m.line);
        }
    }
    for m in milestones.iter_mut() {
        if let Some(&child) = first_child.get(&m.line) {
            // Only the last label, right before the children.
            let last = m.sections.values().map(|s| s.line).max();
            m.sections
                .retain(|_, s| !(s.items.is_empty() && Some(s.line) == last && s.line < child));
        }
        if !holds_sprints.contains(&m.line) {
            continue;
        }
        let before = m.durations.len();
        m.durations.retain(|d| {
            !(d.source == "heading" && d.window && d.text.to_lowercase().contains("sprint"))
        });
        if m.durations.len() != before {
            m.duration = m.durations.first().cloned();
        }
    }
}

/// Levels and parents: a heading's parent is the nearest heading above with
/// a lower level (as in an outline); any other unit's parent is the unit
/// whose range holds it, else the heading it sits under, and its level is
/// one below that parent's.
fn set_levels_and_parents(blocks: &[Block], found: &[units::Found], milestones: &mut [Milestone]) {
    // Units whose range is still open, innermost last (ranges nest).
    let mut open: Vec<usize> = Vec::new();
    for k in 0..found.len() {
        let f = &found[k];
        while open.last().is_some_and(|&j| found[j].end <= f.block) {
            open.pop();
        }
        let under = f.under.map(|h| (blocks[h].line, level(&blocks[h])));
        open.push(k);
        if f.form == Form::Heading || f.form == Form::File {
            milestones[k].parent_line = under.map(|(line, _)| line);
            continue;
        }
        let holder = open[..open.len() - 1]
            .last()
            .copied()
            .filter(|&j| f.block < found[j].end);
        let (line, lvl) = match (holder, under) {
            (Some(j), Some((line, lvl))) if line > milestones[j].line => (line, lvl),
            (Some(j), _) => (milestones[j].line, milestones[j].level),
            (None, Some(h)) => h,
            (None, None) => {
                milestones[k].level = 1;
                continue;
            }
        };
        milestones[k].parent_line = Some(line);
        milestones[k].level = lvl.saturating_add(1).min(7);
    }
}

/// Where a duration comes from, before it is a [`Duration`].
struct Stated {
    text: String,
    reading: duration::Reading,
    source: &'static str,
    span: Span,
}

fn build(
    blocks: &[Block],
    f: &units::Found,
    skip_to: &[Option<usize>],
    source: &str,
    lines: &LineIndex,
    vocab: &Vocabulary,
) -> Milestone {
    let hb = blocks.get(f.block);
    let mut body = Body {
        source,
        lines,
        vocab,
        sections: BTreeMap::new(),
        fields: BTreeMap::new(),
        open: None,
        pending: None,
        pending_heading: false,
        kv_table: false,
        implicit: None,
        under_heading: false,
        table_sections: Vec::new(),
    };
    let title_span = match hb {
        Some(b) if f.form == Form::Paragraph || f.form == Form::ListItem => {
            clamp_span(source, b.inline.span(f.title_range.clone()))
        }
        Some(b) => clamp_span(source, b.span),
        None => {
            let s = lines.line_span(1);
            clamp_span(
                source,
                Span {
                    start: s.start,
                    end: s.end,
                },
            )
        }
    };
    let mut last = hb.map_or(title_span.end, |b| b.span.end);
    if f.form == Form::TableRow
        && let Some(b) = hb
    {
        row_fields(blocks, f.block, &mut body, b);
    }
    let start = if hb.is_some() { f.block + 1 } else { 0 };
    let mut i = start;
    while i < f.end.min(blocks.len()) {
        let b = &blocks[i];
        last = last.max(b.end);
        match skip_to[i] {
            Some(end) => {
                // A nested milestone owns its body; what follows it is ours again.
                body.flush_pending();
                body.open = None;
                for nested in &blocks[i..end.min(f.end)] {
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
    for &row in &f.also {
        row_fields(blocks, row, &mut body, &blocks[row]);
    }
    let mut sections = body.sections;
    sections.values_mut().for_each(Section::join_texts);
    let mut stated: Vec<Stated> = Vec::new();
    // An empty duration slot (`**Duration:**`, `- Start:` and `- Finish:`
    // with nothing after them) is a placeholder: the template's slot, or a
    // plan that has not filled it in.
    let slot = |span: Span| Stated {
        text: String::new(),
        reading: duration::Reading {
            placeholder: true,
            ..duration::Reading::default()
        },
        source: "field",
        span,
    };
    match (body.fields.get("start_date"), body.fields.get("end_date")) {
        (Some(s), Some(e))
            if s.value.is_empty()
                && e.value.is_empty()
                && !body.fields.contains_key("duration") =>
        {
            stated.push(slot(s.span));
        }
        _ => {}
    }
    if let Some(fd) = body.fields.get("duration").filter(|fd| fd.value.is_empty()) {
        stated.push(slot(fd.span));
    }
    if let Some(fd) = body
        .fields
        .get("duration")
        .filter(|fd| !fd.value.is_empty())
    {
        let reading = duration::read(&fd.value, &vocab.units);
        // A paragraph after a `duration:` label that reads as no length is
        // prose about durations (a glossary, a guide), not a stated one; a
        // fraction or negative number in it is not a malformed length.
        let read = reading.min_days.is_some() || reading.ongoing || reading.placeholder;
        if read || !super::fields::is_prose(&fd.value) {
            stated.push(Stated {
                text: fd.value.clone(),
                reading,
                source: "field",
                span: fd.span,
            });
        }
    }
    if let (Some(s), Some(e)) = (body.fields.get("start_date"), body.fields.get("end_date"))
        && let (Some(a), Some(b)) = (calendar::date(&s.value), calendar::date(&e.value))
        && b >= a
    {
        let days = (b - a + 1) as f64;
        stated.push(Stated {
            text: format!("{} – {}", s.value, e.value),
            reading: duration::Reading {
                min_days: Some(days),
                max_days: Some(days),
                window: true,
                ..duration::Reading::default()
            },
            source: "field",
            span: s.span,
        });
    }
    for d in &f.durations {
        let Some(b) = hb else { continue };
        let inline = match (d.cell, &b.kind) {
            (Some(c), Kind::Row { cells, .. }) => cells.get(c),
            _ => Some(&b.inline),
        };
        let Some(inl) = inline else { continue };
        stated.push(Stated {
            text: collapse(&inl.text[d.range.clone()]),
            reading: d.reading,
            source: "heading",
            span: clamp_span(source, inl.span(d.range.clone())),
        });
    }
    // Effort in hours beside a calendar window: the window is the duration.
    let effort = |s: &Stated| {
        s.reading.max_days.is_some_and(|d| d <= 2.0)
            && !s.reading.window
            && s.text.chars().any(|c| c.is_ascii_digit())
    };
    if stated.len() > 1
        && effort(&stated[0])
        && let Some(w) = stated.iter().position(|w| {
            w.reading.window
                && w.reading.min_days.is_some_and(|d| d >= 1.0)
                && w.reading.max_days > stated[0].reading.max_days
        })
    {
        let window = stated.remove(w);
        stated.insert(0, window);
    }
    let durations: Vec<Duration> = stated
        .into_iter()
        .map(|s| make_duration(&s.text, s.reading, s.source, s.span, lines))
        .collect();
    let text = match hb {
        Some(b) if f.form == Form::TableRow => match &b.kind {
            Kind::Row { cells, .. } => cells
                .iter()
                .map(|c| collapse(&c.text))
                .collect::<Vec<_>>()
                .join(" | "),
            _ => String::new(),
        },
        Some(b) => collapse(&b.inline.text[f.title_range.clone()]),
        None => String::new(),
    };
    // A row's title is one of its cells; the others are fields already. An
    // item's or a paragraph's title is part of a line whose rest (`🚧`,
    // `(completed 2026-03-01)`) may state its status.
    let status_title = match hb {
        Some(b) if f.form == Form::TableRow => match &b.kind {
            Kind::Row { cells, .. } => cells
                .iter()
                .map(|c| collapse(&c.text))
                .find(|c| !f.title.is_empty() && c.contains(f.title.as_str()))
                .unwrap_or_default(),
            _ => String::new(),
        },
        Some(b) if f.form == Form::Paragraph || f.form == Form::ListItem => {
            let t = &b.inline.text;
            let at = f.title_range.start.min(t.len());
            let start = t[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = t[at..].find('\n').map_or(t.len(), |i| at + i);
            collapse(&t[start..end])
        }
        _ => text.clone(),
    };
    let task = match hb.map(|b| &b.kind) {
        Some(Kind::Item { task, .. }) if f.form == Form::ListItem => *task,
        _ => None,
    };
    let (status, progress) = status::read(
        &vocab.statuses,
        &status_title,
        task,
        &body.fields,
        &sections,
    );
    let future = status::marks_future(&vocab.future, &status_title)
        || f.under
            .and_then(|u| blocks.get(u))
            .is_some_and(|b| status::marks_future(&vocab.future, &b.inline.text));
    let line = hb.map_or(1, |b| b.line);
    Milestone {
        heading: f.title.clone(),
        text,
        form: f.form.name().to_string(),
        kind: f.unit.kind.to_string(),
        keyword: f.unit.keyword.clone(),
        number: f.unit.number.clone(),
        name: f.unit.name.clone(),
        level: hb.map_or(1, level),
        line,
        span: title_span,
        end_line: lines.line_of(last.saturating_sub(1).max(title_span.start)),
        parent_line: None,
        duration: durations.first().cloned(),
        durations,
        sections,
        fields: body.fields,
        status,
        progress,
        future,
    }
}

/// A table row unit: each column is a field named by its header, and a
/// column whose header is a section label gives that section one item.
fn row_fields(blocks: &[Block], row: usize, body: &mut Body<'_>, b: &Block) {
    let Kind::Row { cells, .. } = &b.kind else {
        return;
    };
    let Some(header) = blocks[..row].iter().rev().find_map(|x| match &x.kind {
        Kind::Row {
            cells,
            header: true,
        } => Some(cells),
        _ => None,
    }) else {
        return;
    };
    for (head, cell) in header.iter().zip(cells) {
        let label = collapse(&head.text);
        let value = collapse(&cell.text);
        if label.is_empty() || value.is_empty() {
            continue;
        }
        let span = cell
            .full_span()
            .map_or(b.span, |s| clamp_span(body.source, s));
        body.cell(&label, &value, span);
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
