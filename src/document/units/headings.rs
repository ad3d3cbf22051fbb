//! Headings that are units by their structure rather than their words:
//! the children of a group heading (`## Upcoming Milestones`), numbered
//! sibling headings (`## 1. Foundation`), headings an index list names;
//! and the evidence that a heading's body reads like a plan (a duration
//! field, a checklist, a status mark, a known section).

use super::{is_aside, is_label_heading, level, title_duration};
use crate::document::blocks::{Block, Kind};
use crate::document::calendar;
use crate::document::fields;
use crate::document::heading::{self, Unit};
use crate::document::options::Vocabulary;

/// Whether a heading may still become a unit by its structure: it is none
/// yet, no label or aside, and gathers no units of its own.
pub(super) fn free(is_unit: bool, holds_units: bool, title: &str, vocab: &Vocabulary) -> bool {
    !is_unit && !holds_units && !is_label_heading(title, vocab) && !is_aside(title)
}

/// How much of a plan a heading's own body carries: a duration or dates, a
/// checklist, a section label, a status.
pub(super) fn evidence(blocks: &[Block], h: usize, end: usize, vocab: &Vocabulary) -> usize {
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
pub(in crate::document) fn starts_with_status(text: &str) -> bool {
    text.trim_start().starts_with(STATUS_MARKS)
}

/// `## 1. Foundation`, `## 2. Core`: numbered sibling headings, when most of
/// them read like a plan; not a numbered document (`## 1. Introduction`).
#[allow(clippy::too_many_arguments)]
pub(super) fn numbered_siblings<'t>(
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
pub(super) fn indexed_headings<'t>(
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

/// The label of a duration field in a block (`**Duration:** 2 weeks`,
/// `- Estimated: ~7 hours`, a `| Duration | 2 weeks |` row), lower-cased.
fn duration_label(b: &Block, vocab: &Vocabulary) -> Option<String> {
    let is_dur = |label: &str| vocab.field_key(label) == "duration";
    match &b.kind {
        Kind::Paragraph => fields::bold_fields(&b.inline.text, &b.inline.strong)
            .into_iter()
            .find(|f| is_dur(&f.label))
            .map(|f| f.label.to_lowercase()),
        Kind::Item { .. } => crate::document::body::item_field(&b.inline)
            .filter(|f| {
                is_dur(&f.label)
                    && !f.value_range.is_empty()
                    && !fields::is_prose(&b.inline.text[f.value_range.clone()])
            })
            .map(|f| f.label.to_lowercase()),
        Kind::Row { cells, .. } if cells.len() == 2 && is_dur(cells[0].text.trim()) => {
            Some(cells[0].text.trim().to_lowercase())
        }
        _ => None,
    }
}

/// Whether a heading's body states its own duration: a duration field, but
/// not the same field over and over (`**Day 1** - Estimated: 7 hours`,
/// `**Day 2** - Estimated: 7 hours`), which are records of smaller parts
/// under a heading that gathers them.
pub(super) fn states_duration(body: &[Block], vocab: &Vocabulary) -> bool {
    let labels: Vec<String> = body
        .iter()
        .filter_map(|b| duration_label(b, vocab))
        .collect();
    match labels.as_slice() {
        [] => false,
        [first, rest @ ..] => rest.is_empty() || rest.iter().any(|l| l != first),
    }
}
