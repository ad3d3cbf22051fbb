//! What a unit's title says: the unit it names (`classify_title`,
//! `numbered_title`), a duration stated in it (`title_duration`), and the
//! length of the calendar block it names (`block_length`).

use std::ops::Range;

use super::TitleDuration;
use crate::document::calendar;
use crate::document::duration::{self, Reading};
use crate::document::heading::{self, Stripped, Unit};
use crate::document::options::Vocabulary;

/// A duration anywhere in a title: a parenthetical or bracket (`Fase 0
/// (Semana 0-1): …`, `[2 weeks]`), or a part after a dash or pipe
/// (`… - 2 週間`).
pub(super) fn title_duration(text: &str, vocab: &Vocabulary) -> Option<TitleDuration> {
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
            let r = crate::document::text::trim_range(text, r);
            return Some(TitleDuration {
                cell: None,
                range: r,
                reading,
            });
        }
        if let Some(days) = calendar::day_range(content) {
            let r = crate::document::text::trim_range(text, r);
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
pub(super) fn block_length(
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
        let range = crate::document::text::trim_range(text, 0..end);
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

/// The unit a title text names, with its stripped title.
pub(super) fn classify_title(text: &str, vocab: &Vocabulary) -> Option<(Unit, Stripped)> {
    let s = heading::strip(text, &vocab.units);
    let t = s.text.trim_end_matches([':', '：', ',', '.']).trim();
    // `**Phase 1: Build**: details` → the bold part names the unit.
    let u = heading::classify(t, vocab)?;
    u.number.as_ref()?;
    Some((u, s))
}

/// `1.2 – Name`, `{{n}}.1 – {{name}}`: an outline number or a placeholder
/// numbering a bold item, with a separator and a name.
pub(super) fn numbered_title(text: &str, vocab: &Vocabulary) -> Option<(Unit, Stripped)> {
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
