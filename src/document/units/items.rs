//! Units written as a bold or plain paragraph used as a heading
//! (`**Milestone 1: Backend** (Weeks 1-2)`) or as list items
//! (`- Fase 0 (Semana 0-1): …`), and the lead title either is read from.

use std::ops::Range;

use super::titles::{block_length, classify_title, numbered_title, title_duration};
use super::{Form, Found, TitleDuration};
use crate::document::blocks::{Block, Kind};
use crate::document::heading;
use crate::document::options::Vocabulary;

/// The title of a list item or paragraph: its leading bold span (with what
/// follows on the line when it is a parenthetical), or its first line.
fn lead_title(b: &Block) -> Option<(Range<usize>, bool)> {
    let text = &b.inline.text;
    let decoration = |c: char| c.is_whitespace() || crate::document::mojibake::is_emoji_part(c);
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

/// The words of a lead title (see [`lead_title`]) that name the unit: the
/// bold span it starts with, else the whole line.
fn naming_words<'t>(b: &'t Block, r: &Range<usize>, bold: bool) -> &'t str {
    let text = &b.inline.text;
    if !bold {
        return &text[r.clone()];
    }
    let span = b
        .inline
        .strong
        .iter()
        .find(|s| s.start == r.start)
        .cloned()
        .unwrap_or(r.clone());
    &text[span]
}

/// Bold or plain paragraphs used as headings.
pub(super) fn paragraph_units(blocks: &[Block], vocab: &Vocabulary) -> Vec<Found> {
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
        let bold_text = naming_words(b, &r, bold);
        let Some((u, s)) =
            classify_title(bold_text, vocab).or_else(|| classify_title(first_line, vocab))
        else {
            continue;
        };
        // `**Milestone 1 Verification**:` labels a block; it names no unit.
        let after_bold = text[r.start..]
            .find(bold_text)
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
pub(super) fn item_units(blocks: &[Block], vocab: &Vocabulary) -> Vec<Found> {
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
        // `Fase 0 (Semana 0-1): Fundações`: without bold the whole line
        // names it.
        let title_text = naming_words(b, &r, bold);
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

#[cfg(test)]
mod tests {
    use super::super::units_of as units;

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
