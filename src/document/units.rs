//! Which blocks are milestone units, in every shape plans are written in.
//!
//! A unit is a heading (`## Phase 1: …`, `### Q3 2025`, a numbered or
//! grouped heading whose body reads like a plan), a table row of a table
//! that lists units, a list item that names one (`- Fase 0 (Semana 0-1): …`),
//! a bold or plain line used as a heading (`**Milestone 1: Backend** (Weeks
//! 1-2)`), or the whole file (one file per milestone). This module only
//! decides *which* blocks are units and where each one's range ends;
//! [`super::assemble`] reads their bodies.

use std::ops::Range;

use super::blocks::{Block, Kind};
use super::calendar;
use super::duration::{self, Reading};
use super::fields;
use super::heading::{self, Stripped, Unit};
use super::options::Vocabulary;
use super::text::collapse;

/// How a unit is written (`form` in `input`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A heading.
    Heading,
    /// A row of a table that lists units.
    TableRow,
    /// A list item.
    ListItem,
    /// A bold or plain line used as a heading.
    Paragraph,
    /// The whole file.
    File,
}

impl Form {
    /// The name in `input`.
    pub fn name(self) -> &'static str {
        match self {
            Form::Heading => "heading",
            Form::TableRow => "table_row",
            Form::ListItem => "list_item",
            Form::Paragraph => "paragraph",
            Form::File => "file",
        }
    }
}

/// A duration read from a unit's title: its text range in an inline text
/// (the block's, or for rows the cell's) and its reading.
#[derive(Clone, Debug)]
pub struct TitleDuration {
    /// For rows: the cell the text is in; otherwise `None` (the block).
    pub cell: Option<usize>,
    /// The range of the duration text.
    pub range: Range<usize>,
    /// How it reads.
    pub reading: Reading,
}

/// One unit found.
#[derive(Clone, Debug)]
pub struct Found {
    /// Index of its title block.
    pub block: usize,
    /// How it is written.
    pub form: Form,
    /// Kind, keyword, number, name.
    pub unit: Unit,
    /// The title as a reader sees it.
    pub title: String,
    /// The title's range in the block's inline text (rows: the whole row).
    pub title_range: Range<usize>,
    /// Durations stated in the title, the title's own first.
    pub durations: Vec<TitleDuration>,
    /// One past the last block of its range (nested units included).
    pub end: usize,
    /// The heading it sits under: for a heading, the nearest heading above
    /// with a lower level; for other forms, the nearest heading above.
    pub under: Option<usize>,
    /// Table rows elsewhere that repeat this unit (an index or summary
    /// table): their columns are read as this unit's fields too.
    pub also: Vec<usize>,
}

/// The heading level of a block, 0 for other blocks.
pub fn level(b: &Block) -> u8 {
    match b.kind {
        Kind::Heading(l) => l,
        _ => 0,
    }
}

/// Headings that are section or field labels never become milestones.
pub fn is_label_heading(title: &str, vocab: &Vocabulary) -> bool {
    let label = fields::plain_field(title).map_or(title.to_string(), |f| f.label);
    vocab.section_qualified(title).is_some()
        || vocab.is_known_field(title)
        || vocab.is_known_field(&label)
}

/// Whether a title is a document section no reader calls a unit.
fn is_aside(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "overview",
        "summary",
        "introduction",
        "intro",
        "purpose",
        "background",
        "context",
        "notes",
        "note",
        "status",
        "metrics",
        "glossary",
        "vocabulary",
        "references",
        "appendix",
        "changelog",
        "change log",
        "history",
        "legend",
        "contents",
        "table of contents",
        "faq",
        "how to use",
        "usage",
        "template",
        "templates",
        "best practices",
        "guidelines",
        "resumen",
        "introducción",
        "notas",
        "referencias",
        "zusammenfassung",
        "übersicht",
        "einleitung",
        "概要",
        "概述",
        "背景",
        "总结",
        "说明",
        "目录",
    ];
    let t = collapse(title).to_lowercase();
    let t = t.trim_end_matches([':', '：']);
    WORDS
        .iter()
        .any(|w| t == *w || t.ends_with(&format!(" {w}")))
}

/// What is known of a file besides its blocks.
#[derive(Clone, Copy, Debug)]
pub struct FileInfo<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The text of its YAML front matter, if any.
    pub front_matter: Option<&'a str>,
}

/// Every unit of the document, in block order.
pub fn find(
    blocks: &[Block],
    file: FileInfo<'_>,
    vocab: &Vocabulary,
    stripped: &[Option<Stripped>],
) -> Vec<Found> {
    let hs: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(blocks[i].kind, Kind::Heading(_)))
        .collect();
    // range end of each heading: the next heading of the same or higher level
    let mut range_end = vec![blocks.len(); blocks.len()];
    {
        let mut stack: Vec<usize> = Vec::new();
        for &h in &hs {
            let lvl = level(&blocks[h]);
            while let Some(&top) = stack.last() {
                if level(&blocks[top]) < lvl {
                    break;
                }
                range_end[top] = h;
                stack.pop();
            }
            stack.push(h);
        }
    }
    // parent heading of each heading
    let mut parent: Vec<Option<usize>> = vec![None; blocks.len()];
    {
        let mut stack: Vec<usize> = Vec::new();
        for &h in &hs {
            while stack
                .last()
                .is_some_and(|&t| level(&blocks[t]) >= level(&blocks[h]))
            {
                stack.pop();
            }
            parent[h] = stack.last().copied();
            stack.push(h);
        }
    }
    let title = |h: usize| stripped[h].as_ref().map_or("", |s| s.text.as_str());
    let mut unit: Vec<Option<Unit>> = vec![None; blocks.len()];
    let mut calendar_days: Vec<Option<f64>> = vec![None; blocks.len()];
    let mut next_heading = vec![blocks.len(); blocks.len()];
    for w in hs.windows(2) {
        next_heading[w[0]] = w[1];
    }
    // Headings that name a unit by keyword or a group of units.
    let mut names = vec![false; blocks.len()];
    for &h in &hs {
        let t = title(h);
        names[h] = vocab.is_group_title(t);
        let named = heading::classify_loose(t, vocab);
        // `Phase 1: Goals` names a unit (a separator follows its number);
        // `Week 1 Success Criteria` labels a section of one.
        let separated = named
            .as_ref()
            .and_then(|u| u.number.as_ref())
            .is_some_and(|n| {
                t.find(n.as_str()).is_some_and(|at| {
                    t[at + n.len()..]
                        .trim_start()
                        .starts_with([':', '：', '—', '–', '-', '.'])
                })
            });
        if is_label_heading(t, vocab) && !separated {
            continue;
        }
        if let Some(u) = named {
            unit[h] = Some(u);
            names[h] = true;
            continue;
        }
        if let Some(b) = calendar::block(t) {
            let days = match b {
                calendar::Block::Month => vocab.units.month,
                calendar::Block::Quarter => vocab.units.quarter,
                calendar::Block::Half => vocab.units.month * 6.0,
            };
            calendar_days[h] = Some(days);
            unit[h] = Some(heading::outline(t));
            continue;
        }
        let titled = stripped[h]
            .as_ref()
            .and_then(|s| s.duration.as_ref())
            .is_some_and(|(_, r)| r.min_days.is_some() || r.ongoing);
        if (titled && !is_aside(t))
            || blocks[h + 1..next_heading[h]]
                .iter()
                .any(|b| has_duration_field(b, vocab))
        {
            unit[h] = Some(heading::outline(t));
        }
    }
    // Whether a heading's range holds a heading that names a unit or a
    // group: then it gathers units (a category), it is not one. Computed
    // from the innermost headings out, so each heading is looked at once.
    let mut holds = vec![false; blocks.len()];
    for &h in hs.iter().rev() {
        if let Some(p) = parent[h] {
            holds[p] = holds[p] || names[h] || holds[h];
        }
    }
    let mut children: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for &h in &hs {
        if let Some(p) = parent[h] {
            children.entry(p).or_default().push(h);
        }
    }
    // Headings gathered under a group heading (`## Upcoming Milestones`), and
    // numbered sibling headings whose bodies read like a plan.
    for &g in &hs {
        let Some(children) = children.get(&g) else {
            continue;
        };
        let group = unit[g].is_none() && vocab.is_group_title(title(g));
        // A container of groups (`# Milestones` over `## Upcoming
        // Milestones`) is a document title, not a group.
        if !group || children.len() < 2 || children.iter().any(|&c| vocab.is_group_title(title(c)))
        {
            continue;
        }
        let open: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| free(unit[c].is_some(), holds[c], title(c), vocab))
            .collect();
        let with: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&c| evidence(blocks, c, range_end[c], vocab) > 0)
            .collect();
        let all = with.len() * 2 >= open.len();
        for &c in &open {
            if all || with.contains(&c) {
                unit[c] = Some(heading::outline(title(c)));
            }
        }
    }
    numbered_siblings(
        blocks, &hs, &parent, &range_end, &title, vocab, &holds, &mut unit,
    );
    indexed_headings(blocks, &hs, &next_heading, &title, vocab, &holds, &mut unit);
    let mut found = Vec::new();
    for &h in &hs {
        let Some(u) = unit[h].take() else { continue };
        let s = stripped[h].clone().unwrap_or(Stripped {
            text: String::new(),
            duration: None,
        });
        let mut durations = Vec::new();
        if let Some((range, reading)) = s.duration.clone() {
            durations.push(TitleDuration {
                cell: None,
                range,
                reading,
            });
        } else if let Some(d) = title_duration(&blocks[h].inline.text, vocab) {
            durations.push(d);
        }
        if durations.is_empty()
            && let Some(d) = block_length(&blocks[h].inline.text, &u, calendar_days[h], vocab)
        {
            durations.push(d);
        }
        found.push(Found {
            block: h,
            form: Form::Heading,
            unit: u,
            title: s.text,
            title_range: 0..blocks[h].inline.text.len(),
            durations,
            end: range_end[h],
            under: None,
            also: Vec::new(),
        });
    }
    found.extend(paragraph_units(blocks, vocab));
    found.extend(item_units(blocks, vocab));
    found.extend(row_units(blocks, file.path, vocab, &hs, &found));
    found.sort_by_key(|f| f.block);
    drop_duplicates(&mut found);
    for f in &mut found {
        f.under = match f.form {
            Form::Heading => parent[f.block],
            _ => hs[..hs.partition_point(|&h| h < f.block)].last().copied(),
        };
    }
    if found.is_empty()
        && let Some(f) = file_unit(blocks, file, vocab, &hs, stripped)
    {
        found.push(f);
    }
    found
}

/// Whether a heading may still become a unit by its structure: it is none
/// yet, no label or aside, and gathers no units of its own.
fn free(is_unit: bool, holds_units: bool, title: &str, vocab: &Vocabulary) -> bool {
    !is_unit && !holds_units && !is_label_heading(title, vocab) && !is_aside(title)
}

/// How much of a plan a heading's own body carries: a duration or dates, a
/// checklist, a section label, a status.
fn evidence(blocks: &[Block], h: usize, end: usize, vocab: &Vocabulary) -> usize {
    let mut score = 0;
    let text = &blocks[h].inline.text;
    if title_duration(text, vocab).is_some() || calendar::day_range(text).is_some() {
        score += 1;
    }
    if text.contains(STATUS_MARKS) {
        score += 1;
    }
    for b in &blocks[h + 1..end] {
        match &b.kind {
            Kind::Item { task: Some(_), .. } => return score + 1,
            Kind::Paragraph | Kind::Item { .. } | Kind::Heading(_) => {
                let text = b.inline.text.trim();
                if matches!(b.kind, Kind::Item { .. }) && starts_with_status(text) {
                    return score + 1;
                }
                let known = |l: &str| vocab.section_exact(l).is_some() || vocab.is_known_field(l);
                if fields::bold_fields(&b.inline.text, &b.inline.strong)
                    .iter()
                    .any(|f| known(&f.label))
                    || fields::plain_field(text).is_some_and(|f| known(&f.label))
                {
                    return score + 1;
                }
                let t = text.trim_end_matches([':', '：']);
                if t.len() < 60 && vocab.section_qualified(t).is_some() {
                    return score + 1;
                }
            }
            _ => {}
        }
    }
    score
}

/// Marks plans use for a unit's or an item's status (`✅ Presence`, `🟡 Sync`).
const STATUS_MARKS: [char; 12] = [
    '✅', '✔', '☑', '🚧', '⏳', '❌', '🟢', '🟡', '🔴', '⬜', '🟨', '🔄',
];

/// A status mark at the start of a text.
pub(super) fn starts_with_status(text: &str) -> bool {
    text.trim_start().starts_with(STATUS_MARKS)
}

/// `## 1. Foundation`, `## 2. Core`: numbered sibling headings, when most of
/// them read like a plan; not a numbered document (`## 1. Introduction`).
#[allow(clippy::too_many_arguments)]
fn numbered_siblings<'t>(
    blocks: &[Block],
    hs: &[usize],
    parent: &[Option<usize>],
    range_end: &[usize],
    title: &dyn Fn(usize) -> &'t str,
    vocab: &Vocabulary,
    holds: &[bool],
    unit: &mut [Option<Unit>],
) {
    let numbered = |t: &str| {
        let d = t.bytes().take_while(u8::is_ascii_digit).count();
        d > 0 && d <= 2 && t[d..].starts_with(['.', ')']) && t[d + 1..].starts_with(' ')
    };
    let mut groups: std::collections::HashMap<(Option<usize>, u8), Vec<usize>> =
        std::collections::HashMap::new();
    for &h in hs {
        if numbered(title(h)) {
            groups
                .entry((parent[h], level(&blocks[h])))
                .or_default()
                .push(h);
        }
    }
    for sibs in groups.values() {
        let already = sibs.iter().filter(|&&s| unit[s].is_some()).count();
        if sibs.len() < 2 || already == sibs.len() {
            continue;
        }
        let with: Vec<usize> = sibs
            .iter()
            .copied()
            .filter(|&s| {
                free(unit[s].is_some(), holds[s], title(s), vocab)
                    && evidence(blocks, s, range_end[s], vocab) > 0
            })
            .collect();
        if (with.len() + already) * 2 > sibs.len() {
            for s in with {
                unit[s] = Some(heading::outline(title(s)));
            }
        }
    }
}

/// `## Key Milestones` listing `- A pilot account. …`, `- Single sign-on.
/// …`, then `## Pilot account`, `## Single sign-on`: a list under a group
/// heading that names later headings is an index of the units, and those
/// headings are the units (their fuller place), when at least two match.
fn indexed_headings<'t>(
    blocks: &[Block],
    hs: &[usize],
    next_heading: &[usize],
    title: &impl Fn(usize) -> &'t str,
    vocab: &Vocabulary,
    holds: &[bool],
    unit: &mut [Option<Unit>],
) {
    for (k, &g) in hs.iter().enumerate() {
        if unit[g].is_some() || !vocab.is_group_title(title(g)) {
            continue;
        }
        let names: Vec<String> = blocks[g + 1..next_heading[g]]
            .iter()
            .filter(|b| matches!(b.kind, Kind::Item { depth: 0, .. }))
            .filter_map(|b| index_name(&b.inline.text))
            .collect();
        if names.len() < 2 {
            continue;
        }
        let named: Vec<usize> = hs[k + 1..]
            .iter()
            .copied()
            .filter(|&h| free(unit[h].is_some(), holds[h], title(h), vocab))
            .filter(|&h| index_name(title(h)).is_some_and(|t| names.contains(&t)))
            .collect();
        if named.len() >= 2 {
            for h in named {
                unit[h] = Some(heading::outline(title(h)));
            }
        }
    }
}

/// The name an index entry or a heading gives, compared without case, a
/// leading article or what follows the first `.`, `:` or dash: `A test FL
/// job. Run a synthetic …` and `Test FL job` are one name.
fn index_name(text: &str) -> Option<String> {
    let first = text.lines().next().unwrap_or_default();
    let end = [". ", ": ", " — ", " – ", " - ", " ("]
        .iter()
        .filter_map(|sep| first.find(sep))
        .min()
        .unwrap_or(first.len());
    let name = first[..end]
        .trim()
        .trim_end_matches(['.', ':'])
        .trim()
        .to_lowercase();
    let name = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| name.strip_prefix(a))
        .map_or(name.as_str(), str::trim)
        .to_string();
    (!name.is_empty() && name.chars().count() <= 60).then_some(name)
}

/// Whether a block states a duration field (`**Duration:** …`, `- Effort: …`, a table row).
pub fn has_duration_field(b: &Block, vocab: &Vocabulary) -> bool {
    let is_dur = |label: &str| vocab.field_key(label) == "duration";
    match &b.kind {
        Kind::Paragraph => fields::bold_fields(&b.inline.text, &b.inline.strong)
            .iter()
            .any(|f| is_dur(&f.label)),
        Kind::Item { .. } => super::body::item_field(&b.inline).is_some_and(|f| {
            is_dur(&f.label)
                && !f.value_range.is_empty()
                && !fields::is_prose(&b.inline.text[f.value_range.clone()])
        }),
        Kind::Row { cells, .. } => cells.len() == 2 && is_dur(cells[0].text.trim()),
        _ => false,
    }
}

/// A duration anywhere in a title: a parenthetical or bracket (`Fase 0
/// (Semana 0-1): …`, `[2 weeks]`), or a part after a dash or pipe
/// (`… - 2 週間`).
pub fn title_duration(text: &str, vocab: &Vocabulary) -> Option<TitleDuration> {
    let mut parts: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' => {
                if depth == 0 {
                    open = i + c.len_utf8();
                }
                depth += 1;
            }
            ')' | '）' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(open..i);
                }
            }
            _ => {}
        }
    }
    for sep in [" - ", " – ", " — ", " | ", "｜"] {
        if let Some(i) = text.rfind(sep) {
            parts.push(i + sep.len()..text.len());
        }
    }
    for r in parts {
        let content = &text[r.clone()];
        // A duration part is short (`2-3 weeks`, `Semana 0-1`, `Jan 19-25,
        // 2026`), not a phrase that happens to hold a number (`3D editing`).
        if content.chars().count() > 32 || content.split_whitespace().count() > 5 {
            continue;
        }
        let reading = duration::read(content, &vocab.units);
        if reading.min_days.is_some() || reading.ongoing {
            let r = super::text::trim_range(text, r);
            return Some(TitleDuration {
                cell: None,
                range: r,
                reading,
            });
        }
        if let Some(days) = calendar::day_range(content) {
            let r = super::text::trim_range(text, r);
            return Some(TitleDuration {
                cell: None,
                range: r,
                reading: Reading {
                    min_days: Some(days),
                    max_days: Some(days),
                    window: true,
                    ..Reading::default()
                },
            });
        }
    }
    None
}

/// The length of a calendar block a title names: `Week 3` (a week),
/// `Weeks 1-2`, `Q3 2025` (a quarter), `July 2025` (a month).
fn block_length(
    text: &str,
    u: &Unit,
    calendar_days: Option<f64>,
    vocab: &Vocabulary,
) -> Option<TitleDuration> {
    if let Some(days) = calendar_days {
        let end = text
            .find([':', '：', '(', '（', '—', '–'])
            .unwrap_or(text.len());
        let end = text[..end].find(" - ").unwrap_or(end);
        let range = super::text::trim_range(text, 0..end);
        return Some(TitleDuration {
            cell: None,
            range,
            reading: Reading {
                min_days: Some(days),
                max_days: Some(days),
                window: true,
                ..Reading::default()
            },
        });
    }
    let kw = u.keyword.as_deref()?;
    // A sprint's or an iteration's length is the team's own; only calendar
    // words (week, month, quarter) name a length.
    if u.kind == "phase"
        || kw.to_lowercase().starts_with("sprint")
        || kw.to_lowercase().starts_with("iter")
    {
        return None;
    }
    let number = u.number.as_deref()?;
    let at = text.find(kw)?;
    let num_at = at + text[at..].find(number)?;
    let range = at..num_at + number.len();
    let reading = duration::read(&text[range.clone()], &vocab.units);
    (reading.window && reading.min_days.is_some()).then_some(TitleDuration {
        cell: None,
        range,
        reading,
    })
}

/// The title of a list item or paragraph: its leading bold span (with what
/// follows on the line when it is a parenthetical), or its first line.
fn lead_title(b: &Block) -> Option<(Range<usize>, bool)> {
    let text = &b.inline.text;
    let decoration = |c: char| c.is_whitespace() || super::mojibake::is_emoji_part(c);
    let lead = text.len() - text.trim_start_matches(decoration).len();
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    if let Some(s) = b.inline.strong.iter().find(|s| {
        s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text[..s.start].trim_start_matches(decoration).is_empty()
    }) {
        return Some((s.start..line_end(s.start).max(s.end), true));
    }
    (lead < text.len()).then(|| (lead..line_end(lead), false))
}

/// The unit a title text names, with its stripped title.
fn classify_title(text: &str, vocab: &Vocabulary) -> Option<(Unit, Stripped)> {
    let s = heading::strip(text, &vocab.units);
    let t = s.text.trim_end_matches([':', '：', ',', '.']).trim();
    // `**Phase 1: Build**: details` → the bold part names the unit.
    let u = heading::classify(t, vocab)?;
    u.number.as_ref()?;
    Some((u, s))
}

/// `1.2 – Name`, `{{n}}.1 – {{name}}`: an outline number or a placeholder
/// numbering a bold item, with a separator and a name.
fn numbered_title(text: &str, vocab: &Vocabulary) -> Option<(Unit, Stripped)> {
    let s = heading::strip(text, &vocab.units);
    let t = s.text.trim();
    let id_end = t.find([' ', ':', '：']).unwrap_or(t.len());
    let id = &t[..id_end];
    let numeric = id.trim_end_matches('.').split('.').all(|p| {
        !p.is_empty()
            && (p.bytes().all(|b| b.is_ascii_digit()) || (p.starts_with('{') && p.ends_with('}')))
    });
    let rest = t[id_end..].trim_start();
    if !numeric || !rest.starts_with([':', '：', '–', '—', '-']) {
        return None;
    }
    let name = rest.trim_start_matches([':', '：', '–', '—', '-']).trim();
    Some((
        Unit {
            kind: "milestone",
            keyword: None,
            number: Some(id.trim_end_matches('.').to_string()),
            name: (!name.is_empty()).then(|| name.to_string()),
        },
        s.clone(),
    ))
}

/// Bold or plain paragraphs used as headings.
fn paragraph_units(blocks: &[Block], vocab: &Vocabulary) -> Vec<Found> {
    let mut cands: Vec<Found> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if !matches!(b.kind, Kind::Paragraph) {
            continue;
        }
        let Some((r, bold)) = lead_title(b) else {
            continue;
        };
        let text = &b.inline.text;
        let first_line = &text[r.clone()];
        if first_line.chars().count() > 120 {
            continue;
        }
        let single_line = !text.trim_end().contains('\n');
        let next_is_list = matches!(blocks.get(i + 1).map(|n| &n.kind), Some(Kind::Item { .. }));
        if !(bold || single_line && next_is_list) {
            continue;
        }
        let bold_text = if bold {
            let s = b
                .inline
                .strong
                .iter()
                .find(|s| s.start == r.start)
                .cloned()
                .unwrap_or(r.clone());
            text[s].to_string()
        } else {
            first_line.to_string()
        };
        let Some((u, s)) =
            classify_title(&bold_text, vocab).or_else(|| classify_title(first_line, vocab))
        else {
            continue;
        };
        // `**Milestone 1 Verification**:` labels a block; it names no unit.
        let after_bold = text[r.start..]
            .find(&bold_text)
            .map_or("", |k| &text[r.start + k + bold_text.len()..]);
        if bold
            && u.name.is_some()
            && (after_bold.trim_start().starts_with([':', '：'])
                || bold_text.trim_end().ends_with([':', '：']))
            && !bold_text.contains([':', '：', '—', '–'])
        {
            continue;
        }
        let mut durations = Vec::new();
        if let Some(d) = title_duration(first_line, vocab) {
            durations.push(TitleDuration {
                range: r.start + d.range.start..r.start + d.range.end,
                ..d
            });
        } else if let Some((range, reading)) = s.duration.clone() {
            durations.push(TitleDuration {
                cell: None,
                range: r.start + range.start..r.start + range.end,
                reading,
            });
        } else if let Some(d) = block_length(first_line, &u, None, vocab) {
            durations.push(TitleDuration {
                range: r.start + d.range.start..r.start + d.range.end,
                ..d
            });
        }
        let title = s.text.trim_end_matches([':', '：']).to_string();
        cands.push(Found {
            block: i,
            form: Form::Paragraph,
            unit: u,
            title,
            title_range: r,
            durations,
            end: i + 1,
            under: None,
            also: Vec::new(),
        });
    }
    // A paragraph unit runs to the next heading, rule or paragraph unit.
    let starts: Vec<usize> = cands.iter().map(|f| f.block).collect();
    for (k, f) in cands.iter_mut().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(blocks.len());
        let mut end = f.block + 1;
        while end < next && !matches!(blocks[end].kind, Kind::Heading(_) | Kind::Rule) {
            end += 1;
        }
        f.end = end;
    }
    cands
}

/// List items that name units, when at least two siblings do.
fn item_units(blocks: &[Block], vocab: &Vocabulary) -> Vec<Found> {
    let mut cands: Vec<(usize, usize, Found)> = Vec::new(); // (list key, depth, found)
    let mut list_key = 0usize;
    let mut prev_item = false;
    // The parent of an item: the nearest earlier item of a lower depth.
    let mut parents: Vec<usize> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Kind::Item {
            depth,
            has_children,
            ..
        } = b.kind
        else {
            prev_item = false;
            continue;
        };
        if !prev_item {
            list_key = i;
            parents.clear();
        }
        prev_item = true;
        parents.truncate(depth);
        let key = parents.last().copied().unwrap_or(list_key) * 8 + depth.min(7);
        parents.push(i);
        let Some((r, bold)) = lead_title(b) else {
            continue;
        };
        let text = &b.inline.text;
        let title_text = if bold {
            let s = b
                .inline
                .strong
                .iter()
                .find(|s| s.start == r.start)
                .cloned()
                .unwrap_or(r.clone());
            &text[s]
        } else {
            let line = &text[r.clone()];
            // `Fase 0 (Semana 0-1): Fundações`: the whole line names it.
            line
        };
        let Some((u, s)) = classify_title(title_text, vocab).or_else(|| {
            (bold && has_children)
                .then(|| numbered_title(title_text, vocab))
                .flatten()
        }) else {
            continue;
        };
        let td = title_duration(&text[r.clone()], vocab).map(|d| TitleDuration {
            range: r.start + d.range.start..r.start + d.range.end,
            ..d
        });
        if !(bold || has_children || td.is_some()) {
            continue;
        }
        let mut end = i + 1;
        while end < blocks.len() && blocks[end].span.start < b.end {
            end += 1;
        }
        let mut durations: Vec<TitleDuration> = td.into_iter().collect();
        if durations.is_empty()
            && let Some(d) = block_length(&text[r.clone()], &u, None, vocab)
        {
            durations.push(TitleDuration {
                range: r.start + d.range.start..r.start + d.range.end,
                ..d
            });
        }
        let title = if bold {
            s.text.trim_end_matches([':', '：', '.', ',']).to_string()
        } else {
            heading::strip(&text[r.clone()], &vocab.units).text
        };
        cands.push((
            key,
            depth,
            Found {
                block: i,
                form: Form::ListItem,
                unit: u,
                title,
                title_range: r,
                durations,
                end,
                under: None,
                also: Vec::new(),
            },
        ));
    }
    let mut count: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (k, _, _) in &cands {
        *count.entry(*k).or_default() += 1;
    }
    cands
        .into_iter()
        .filter(|(k, _, _)| count[k] >= 2)
        .map(|(_, _, f)| f)
        .collect()
}

/// Rows of tables that list units: a header naming a unit column
/// (`Milestone`, `Fase`, `里程碑`), rows whose first cell names a unit, or a
/// dated table under a heading (or in a file) that names a group of units.
fn row_units(
    blocks: &[Block],
    path: &str,
    vocab: &Vocabulary,
    hs: &[usize],
    headings_found: &[Found],
) -> Vec<Found> {
    let mut out = Vec::new();
    // Whether each block lies inside a heading unit's range (ranges nest).
    let mut inside = vec![false; blocks.len()];
    {
        let mut ends: Vec<usize> = Vec::new();
        let mut next = headings_found.iter().peekable();
        for (b, slot) in inside.iter_mut().enumerate() {
            while ends.last().is_some_and(|&e| e <= b) {
                ends.pop();
            }
            *slot = !ends.is_empty();
            while let Some(f) = next.next_if(|f| f.block == b) {
                ends.push(f.end);
            }
        }
    }
    let mut i = 0;
    while i < blocks.len() {
        let Kind::Row {
            cells: header,
            header: true,
        } = &blocks[i].kind
        else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < blocks.len() && matches!(blocks[end].kind, Kind::Row { header: false, .. }) {
            end += 1;
        }
        let rows = i + 1..end;
        let heads: Vec<String> = header.iter().map(|c| collapse(&c.text)).collect();
        let owner = hs[..hs.partition_point(|&h| h < i)].last().copied();
        if owner.is_some_and(|h| is_aside(&blocks[h].inline.text)) {
            i = end;
            continue;
        }
        let column = unit_column(&heads, vocab)
            .or_else(|| {
                let named = rows
                    .clone()
                    .filter(|&r| match &blocks[r].kind {
                        Kind::Row { cells, .. } => cells
                            .first()
                            .is_some_and(|c| classify_title(&c.text, vocab).is_some()),
                        _ => false,
                    })
                    .count();
                (named >= 2 && named * 2 >= rows.len()).then_some(0)
            })
            .or_else(|| {
                let dated = heads.iter().any(|h| {
                    matches!(
                        vocab.field_key(h).as_str(),
                        "start_date" | "end_date" | "target_date" | "duration"
                    )
                });
                let in_unit = inside[i];
                let group = match owner {
                    Some(h) => {
                        let t = strip_number(&blocks[h].inline.text);
                        vocab.is_group_title(t) && !is_aside(t)
                    }
                    None => {
                        let name = path.rsplit('/').next().unwrap_or(path);
                        let stem = name.split('.').next().unwrap_or(name);
                        vocab.is_group_title(stem)
                    }
                };
                (dated && group && !in_unit && heads.len() >= 2).then(|| name_column(&heads, vocab))
            });
        if let Some(col) = column {
            for r in rows {
                let Kind::Row { cells, .. } = &blocks[r].kind else {
                    continue;
                };
                let Some(cell) = cells.get(col) else { continue };
                let text = collapse(&cell.text);
                if text.is_empty() || text.chars().all(|c| c == '-' || c == '.' || c == '…') {
                    continue;
                }
                let head = heads.get(col).map_or("", String::as_str);
                let mut durations = Vec::new();
                let (u, title) = match classify_title(&cell.text, vocab) {
                    Some((u, s)) => (u, s.text),
                    // `| 44 |` under `Vecka`: week 44, a week long.
                    None if text.bytes().all(|b| b.is_ascii_digit()) && !head.is_empty() => {
                        let title = format!("{head} {text}");
                        let u = classify_title(&title, vocab)
                            .map_or_else(|| heading::outline(&title), |(u, _)| u);
                        if let Some(d) = block_length(&title, &u, None, vocab) {
                            durations.push(TitleDuration {
                                cell: Some(col),
                                range: 0..cell.text.len(),
                                ..d
                            });
                        }
                        (u, title)
                    }
                    None => {
                        let t = heading::strip(&cell.text, &vocab.units).text;
                        let mut u = heading::outline(&t);
                        u.kind = vocab_kind(head, vocab);
                        (u, t)
                    }
                };
                out.push(Found {
                    block: r,
                    form: Form::TableRow,
                    unit: u,
                    title,
                    title_range: 0..0,
                    durations,
                    end: r + 1,
                    under: None,
                    also: Vec::new(),
                });
            }
        }
        i = end;
    }
    out
}

/// `5. Milestones` → `Milestones`.
fn strip_number(t: &str) -> &str {
    t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
}

/// The kind a column header's keyword names.
fn vocab_kind(head: &str, vocab: &Vocabulary) -> &'static str {
    let lower = head.to_lowercase();
    vocab
        .keywords
        .iter()
        .find(|(kw, _)| lower.contains(&kw.iter().collect::<String>()))
        .map_or("milestone", |(_, kind)| heading::kind_name(kind))
}

/// The column whose header names a unit (`Milestone`, `Phase #`, `Fase del
/// Proyecto`, `里程碑`, `Sprint`), if any.
fn unit_column(heads: &[String], vocab: &Vocabulary) -> Option<usize> {
    heads.iter().position(|h| {
        let lower = h.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > 4 || vocab.is_known_field(h) || vocab.section_qualified(h).is_some() {
            return false;
        }
        vocab.keywords.iter().any(|(kw, kind)| {
            let kw: String = kw.iter().collect();
            if kw.is_ascii() {
                words.first().is_some_and(|w| *w == kw) && (kind != "milestone" || words.len() <= 2)
            } else {
                lower.starts_with(&kw)
            }
        }) || vocab.is_group_title(h)
    })
}

/// In a dated table without a unit column: the first column that is not a
/// date, number or status.
fn name_column(heads: &[String], vocab: &Vocabulary) -> usize {
    heads
        .iter()
        .position(|h| {
            let key = vocab.field_key(h);
            !matches!(
                key.as_str(),
                "start_date" | "end_date" | "target_date" | "duration" | "status"
            ) && !h.trim().is_empty()
                && !h.trim().starts_with('#')
        })
        .unwrap_or(0)
}

/// A unit's identity for spotting one written twice: its kind and its
/// number without a letter prefix (`M1` and `Milestone 1` are one).
fn identity(f: &Found) -> Option<(&'static str, String)> {
    let n = f.unit.number.as_ref()?.to_lowercase();
    let n = n
        .strip_prefix(|c: char| c.is_ascii_alphabetic())
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .map_or(n.clone(), str::to_string);
    Some((f.unit.kind, n))
}

/// A unit written twice (an index list or table and a heading, a summary
/// table and bold paragraphs) is kept at its fuller place: the heading,
/// else its first place.
fn drop_duplicates(found: &mut Vec<Found>) {
    use std::collections::HashMap;
    let mut by_id: HashMap<(&'static str, String), usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for (k, f) in found.iter().enumerate() {
        if f.form == Form::Heading {
            if let Some(id) = identity(f) {
                by_id.entry(id).or_insert(k);
            }
            by_title.entry(f.title.to_lowercase()).or_insert(k);
        }
    }
    let mut seen = std::collections::HashSet::new();
    // (heading, row): a table row that repeats a heading unit still states
    // its columns (a summary table's durations), so the heading reads them.
    let mut also: Vec<(usize, usize)> = Vec::new();
    let mut keep = vec![true; found.len()];
    for (k, f) in found.iter().enumerate() {
        if f.form == Form::Heading {
            continue;
        }
        let id = identity(f);
        let heading = by_title
            .get(&f.title.to_lowercase())
            .or_else(|| id.as_ref().and_then(|id| by_id.get(id)));
        if let Some(&h) = heading {
            keep[k] = false;
            if f.form == Form::TableRow {
                also.push((h, f.block));
            }
        } else if let Some(id) = id {
            keep[k] = seen.insert(id);
        }
    }
    for (h, row) in also {
        found[h].also.push(row);
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// One file, one milestone: the file's H1 or its front matter names a unit,
/// or its path keeps one milestone per file (`milestones/M1.md`,
/// `sprint-03-….md`, an issue template), and it has a plan's sections.
fn file_unit(
    blocks: &[Block],
    file: FileInfo<'_>,
    vocab: &Vocabulary,
    hs: &[usize],
    stripped: &[Option<Stripped>],
) -> Option<Found> {
    let h1 = hs.iter().copied().find(|&h| level(&blocks[h]) == 1);
    let lower = file.path.to_lowercase().replace('\\', "/");
    let parts: Vec<&str> = lower.split('/').collect();
    // A path word that names one unit (`sprint-03.md`, `MILESTONE_002.md`),
    // or a folder of them (`milestones/get_opportunities.md`). Calendar and
    // release words name documents as often as units, so they do not count.
    let singular = |w: &str| {
        !matches!(
            w,
            "release" | "version" | "week" | "month" | "quarter" | "initiative" | "increment"
        ) && vocab.keywords.iter().any(|(kw, _)| {
            let kw: String = kw.iter().collect();
            kw.is_ascii() && kw.len() > 3 && w == kw
        })
    };
    let split = |p: &'_ str| -> Vec<String> {
        p.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let name = parts.last().copied().unwrap_or_default();
    let stem = split(name.split('.').next().unwrap_or(name));
    let dirs: Vec<String> = parts[..parts.len().saturating_sub(1)]
        .iter()
        .flat_map(|p| split(p))
        .collect();
    // A group word names a folder of units (`milestones/…`, also inside a
    // flattened name); as the last word of the file's name (`MILESTONES.md`,
    // `no-milestones.md`) it names a list of them, not one.
    let by_path = dirs.iter().any(|w| singular(w) || vocab.is_group_title(w))
        || stem.iter().any(|w| singular(w))
        || stem[..stem.len().saturating_sub(1)]
            .iter()
            .any(|w| vocab.is_group_title(w));
    let words: Vec<&str> = dirs.iter().chain(&stem).map(String::as_str).collect();
    let h1_title = h1
        .and_then(|h| stripped[h].as_ref())
        .map(|s| s.text.as_str());
    let by_title = h1_title.is_some_and(|t| heading::classify_loose(t, vocab).is_some());
    let sections = hs
        .iter()
        .filter(|&&h| {
            stripped[h]
                .as_ref()
                .is_some_and(|s| vocab.section_qualified(&s.text).is_some())
        })
        .count();
    let checklist = blocks
        .iter()
        .any(|b| matches!(b.kind, Kind::Item { task: Some(_), .. }));
    // A title that names a whole plan (`# Q3 roadmap`, `# Release plan`)
    // gathers units; it is not one.
    let plan_title = h1_title.is_some_and(|t| {
        let t = t.to_lowercase();
        ["roadmap", "plan", "schedule", "timeline", "backlog"]
            .iter()
            .any(|w| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    });
    // Front matter that names one unit (`name: Milestone Issue Template`,
    // `title: "[Sprint] "`).
    let by_meta = file.front_matter.is_some_and(|fm| {
        fm.lines().any(|l| {
            let Some((key, value)) = l.split_once(':') else {
                return false;
            };
            matches!(key.trim(), "title" | "name")
                && value
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(singular)
        })
    });
    // Metadata says so outright; a title or a path needs a plan's sections
    // or a checklist beside it.
    let evidence = sections > 0 || checklist;
    if !(by_meta || evidence && (by_title || by_path && !plan_title)) {
        return None;
    }
    let block = h1.filter(|&h| {
        stripped[h]
            .as_ref()
            .is_some_and(|s| !is_label_heading(&s.text, vocab) && !is_aside(&s.text))
    });
    let (title, u) = match block.and_then(|h| stripped[h].as_ref()) {
        Some(s) => (
            s.text.clone(),
            heading::classify_loose(&s.text, vocab).unwrap_or_else(|| heading::outline(&s.text)),
        ),
        // No H1: the front matter's name or title, else the file's name.
        None => {
            let meta = file.front_matter.and_then(|fm| {
                fm.lines().find_map(|l| {
                    let (key, value) = l.split_once(':')?;
                    let value = value.trim().trim_matches(['"', '\'']).trim();
                    (matches!(key.trim(), "name" | "title") && !value.is_empty())
                        .then(|| value.to_string())
                })
            });
            let name = file.path.rsplit(['/', '\\']).next().unwrap_or(file.path);
            let title = meta.unwrap_or_else(|| name.to_string());
            (title, heading::outline(""))
        }
    };
    let mut u = u;
    if u.keyword.is_none() {
        let meta = file.front_matter.unwrap_or_default().to_lowercase();
        u.kind = words
            .iter()
            .copied()
            .chain(meta.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| singular(w))
            .map(|w| vocab_kind(w, vocab))
            .find(|k| *k != "milestone")
            .unwrap_or("milestone");
    }
    Some(Found {
        block: block.unwrap_or(usize::MAX),
        form: Form::File,
        unit: u,
        title,
        title_range: 0..block.map_or(0, |b| blocks[b].inline.text.len()),
        durations: Vec::new(),
        end: blocks.len(),
        under: None,
        also: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::document::{ParseOptions, parse};

    fn units(md: &str) -> Vec<(String, usize, String)> {
        parse("plan.md", md, &ParseOptions::default())
            .milestones
            .into_iter()
            .map(|m| (m.form, m.line, m.heading))
            .collect()
    }

    #[test]
    fn a_unit_written_twice_is_kept_at_its_heading() {
        let md = "# Plan\n\n## Milestones\n\n| Milestone | Date |\n| --- | --- |\n\
                  | M1 | 2026-05-01 |\n| Beta launch | 2026-06-01 |\n| GA | 2026-07-01 |\n\n\
                  ## Upcoming Milestones\n\n### Milestone 1: Import\n\n- [ ] ship\n\n\
                  ### Beta launch\n\n**Status:** Planned\n";
        assert_eq!(
            units(md),
            [
                ("table_row".to_string(), 9, "GA".to_string()),
                ("heading".to_string(), 13, "Milestone 1: Import".to_string()),
                ("heading".to_string(), 17, "Beta launch".to_string()),
            ]
        );
    }

    #[test]
    fn a_folder_of_milestones_holds_one_per_file_but_a_file_named_for_them_does_not() {
        let md = "# Checkout\n\n## Goals\n\n- Pay in one step\n";
        let at = |path: &str| {
            parse(path, md, &ParseOptions::default())
                .milestones
                .into_iter()
                .map(|m| (m.form, m.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(at("docs/milestones/checkout.md"), [("file".to_string(), 1)]);
        assert_eq!(
            at("docs__milestones__checkout.md"),
            [("file".to_string(), 1)]
        );
        assert_eq!(at("docs/sprint-03-checkout.md"), [("file".to_string(), 1)]);
        assert!(at("docs/MILESTONES.md").is_empty());
        assert!(at("docs/rules/no-milestones.md").is_empty());
    }

    #[test]
    fn a_bold_block_label_names_no_unit() {
        let md = "**Milestone 1: API** (Weeks 1-2)\n- **Deliverable**: endpoints\n\n\
                  **Milestone 1 Verification**:\n- load test\n";
        assert_eq!(
            units(md),
            [("paragraph".to_string(), 1, "Milestone 1: API".to_string())]
        );
    }
}
