//! Units written as rows of a table that lists them: which column names
//! the unit (a unit column, a first column of unit names, or the name
//! column of a dated table under a group heading) and the kind a column
//! header names.

use super::titles::{block_length, classify_title};
use super::{Form, Found, TitleDuration, is_aside};
use crate::document::blocks::{Block, Kind};
use crate::document::heading;
use crate::document::options::Vocabulary;
use crate::document::text::collapse;

/// Rows of tables that list units: a header naming a unit column
/// (`Milestone`, `Fase`, `里程碑`), rows whose first cell names a unit, or a
/// dated table under a heading (or in a file) that names a group of units.
pub(super) fn row_units(
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
pub(super) fn vocab_kind(head: &str, vocab: &Vocabulary) -> &'static str {
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
