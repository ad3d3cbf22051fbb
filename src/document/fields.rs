//! `Label: value` pairs in rendered inline text.
//!
//! Fields are written as `**Label:** value` or `**Label**: value` (ASCII or
//! fullwidth colon, optional `(qualifier)` before an outside colon), several
//! per line (`**Duration:** 1-2 weeks **Focus:** …`, or split by ` | `), or as
//! a plain `Label: value` in list items and headings. This module only finds
//! labels and value ranges; which labels matter is the vocabulary's business.

use std::ops::Range;

use super::mojibake::is_emoji_part;
use super::text::{collapse, trim_range};

/// One label and its value, as ranges of the rendered text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The label as written (no colon, whitespace collapsed).
    pub label: String,
    /// The label's range (bold text or plain label).
    pub label_range: Range<usize>,
    /// The value's range, trimmed (empty when there is no value).
    pub value_range: Range<usize>,
    /// The label followed by a `(qualifier)` before its colon.
    pub qualifier: Option<String>,
}

/// The longest label we accept; longer bold text is emphasis, not a label.
const MAX_LABEL: usize = 80;

/// Bold labels in `text` (with the bold ranges `strong`) and their values.
/// A label must start a line, or follow another label's value on its line.
pub fn bold_fields(text: &str, strong: &[Range<usize>]) -> Vec<Found> {
    let mut strong: Vec<&Range<usize>> = strong.iter().collect();
    strong.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut labels: Vec<(Found, usize)> = Vec::new(); // (found, end of label incl. colon)
    let mut last_end = 0usize;
    for s in strong {
        if s.start < last_end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            continue;
        }
        let inner = &text[s.clone()];
        let inner_trim = inner.trim_end();
        let (label_text, colon_end, qualifier) = if inner_trim.ends_with([':', '：']) {
            let without = inner_trim.trim_end_matches([':', '：']);
            (without, s.end, None)
        } else {
            match colon_after(text, s.end) {
                Some((end, q)) => (inner, end, q),
                None => continue,
            }
        };
        let label = collapse(label_text);
        if label.is_empty() || label.chars().count() > MAX_LABEL {
            continue;
        }
        let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
        let at_line_start = text[line_start..s.start].trim().is_empty();
        let same_line_as_label = labels.last().is_some_and(|(_, e)| *e > line_start);
        if !at_line_start && !same_line_as_label {
            continue;
        }
        labels.push((
            Found {
                label,
                label_range: s.clone(),
                value_range: 0..0,
                qualifier,
            },
            colon_end,
        ));
        last_end = colon_end;
    }
    let n = labels.len();
    for i in 0..n {
        let from = labels[i].1;
        let to = labels
            .get(i + 1)
            .map_or(text.len(), |(f, _)| f.label_range.start);
        labels[i].0.value_range = value_range(text, from..to);
    }
    labels.into_iter().map(|(f, _)| f).collect()
}

/// After bold text ending at `at`: optional spaces, an optional `(qualifier)`
/// and a colon. Returns the end of the colon and the qualifier.
fn colon_after(text: &str, at: usize) -> Option<(usize, Option<String>)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let mut pos = at + (rest.len() - trimmed.len());
    let mut qualifier = None;
    let mut r = trimmed;
    if let Some(q) = r.strip_prefix(['(', '（']) {
        let close = q.find([')', '）'])?;
        if close > MAX_LABEL || q[..close].contains('\n') {
            return None;
        }
        qualifier = Some(collapse(&q[..close]));
        let after_close = &q[close..];
        let after = &after_close[after_close.chars().next().map_or(0, char::len_utf8)..];
        let after_trim = after.trim_start_matches([' ', '\t']);
        pos = text.len() - after_trim.len();
        r = after_trim;
    }
    let c = r.chars().next().filter(|c| matches!(c, ':' | '：'))?;
    Some((pos + c.len_utf8(), qualifier))
}

/// A value's range: trimmed of whitespace and of ` | ` field separators.
fn value_range(text: &str, r: Range<usize>) -> Range<usize> {
    let mut r = trim_range(text, r);
    loop {
        let s = &text[r.clone()];
        if let Some(stripped) = s.strip_suffix('|') {
            r = trim_range(text, r.start..r.start + stripped.len());
        } else if let Some(stripped) = s.strip_prefix('|') {
            r = trim_range(text, r.end - stripped.len()..r.end);
        } else {
            return r;
        }
    }
}

/// A plain `Label: value` at the start of `text` (list items, headings).
/// Labels are short (at most 5 words, 40 characters) and the colon must be
/// followed by a space or the end, so times and URLs are not labels.
pub fn plain_field(text: &str) -> Option<Found> {
    let colon = text.find([':', '：'])?;
    let c_len = text[colon..].chars().next().map_or(1, char::len_utf8);
    let after = &text[colon + c_len..];
    if text[colon..].starts_with(':')
        && !(after.is_empty() || after.starts_with(char::is_whitespace))
    {
        return None;
    }
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || is_emoji_part(c))
            .len();
    let label_range = trim_range(text, lead..colon);
    let label = collapse(&text[label_range.clone()]);
    let ok = !label.is_empty()
        && label.chars().count() <= 40
        && label.split_whitespace().count() <= 5
        && label.chars().any(char::is_alphabetic)
        && !label.contains(['(', ')', '[', ']', '*', '`', '"', '“', '.', ','])
        && !label.to_lowercase().contains("http");
    ok.then(|| Found {
        label,
        label_range,
        value_range: value_range(text, colon + c_len..text.len()),
        qualifier: None,
    })
}

/// Whether a field value is a sentence or more of prose rather than a
/// value: over 80 characters, or more than twelve words. A duration label
/// before prose is a glossary entry, not a duration.
pub(super) fn is_prose(value: &str) -> bool {
    value.chars().count() > 80 || value.split_whitespace().count() > 12
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `**x**` markup the way the block scanner does: text plus bold ranges.
    fn render(md: &str) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut strong = Vec::new();
        let mut open = None;
        let mut rest = md;
        while let Some(i) = rest.find("**") {
            text.push_str(&rest[..i]);
            match open.take() {
                None => open = Some(text.len()),
                Some(s) => strong.push(s..text.len()),
            }
            rest = &rest[i + 2..];
        }
        text.push_str(rest);
        (text, strong)
    }

    fn pairs(md: &str) -> Vec<(String, String)> {
        let (text, strong) = render(md);
        bold_fields(&text, &strong)
            .into_iter()
            .map(|f| (f.label, text[f.value_range].to_string()))
            .collect()
    }

    fn p(l: &str, v: &str) -> (String, String) {
        (l.to_string(), v.to_string())
    }

    #[test]
    fn colon_inside_and_outside() {
        assert_eq!(
            pairs("**Duration:** 1-2 weeks"),
            vec![p("Duration", "1-2 weeks")]
        );
        assert_eq!(
            pairs("**Goal**: ship the parser"),
            vec![p("Goal", "ship the parser")]
        );
        assert_eq!(pairs("**目标**：完成"), vec![p("目标", "完成")]);
        assert_eq!(pairs("**Objectives:**"), vec![p("Objectives", "")]);
    }

    #[test]
    fn several_fields_per_line() {
        assert_eq!(
            pairs("**Duration:** 1-2 weeks **Focus:** Learning"),
            vec![p("Duration", "1-2 weeks"), p("Focus", "Learning")]
        );
        assert_eq!(
            pairs("**Duration**: 3 months | **Risk Level**: Low | **Priority**: Critical"),
            vec![
                p("Duration", "3 months"),
                p("Risk Level", "Low"),
                p("Priority", "Critical")
            ]
        );
        assert_eq!(
            pairs("**Duration:** 1-2 weeks\n**Focus:** Learning"),
            vec![p("Duration", "1-2 weeks"), p("Focus", "Learning")]
        );
    }

    #[test]
    fn qualifiers_and_wrapped_labels() {
        let (text, strong) = render("**Success Criteria** (what must be TRUE):");
        let f = bold_fields(&text, &strong);
        assert_eq!(f[0].label, "Success Criteria");
        assert_eq!(f[0].qualifier.as_deref(), Some("what must be TRUE"));
        assert_eq!(
            pairs("**Technology\nStack:** Rust"),
            vec![p("Technology Stack", "Rust")]
        );
    }

    #[test]
    fn bold_inside_prose_is_not_a_label() {
        assert_eq!(pairs("We **must** ship: soon"), vec![]);
        assert_eq!(pairs("Plain text **Note:** x"), vec![]);
        assert_eq!(pairs("**Important** work"), vec![]);
    }

    #[test]
    fn plain_labels() {
        let f = plain_field("Status: Not started").unwrap();
        assert_eq!(
            (f.label.as_str(), &"Status: Not started"[f.value_range]),
            ("Status", "Not started")
        );
        let f = plain_field("时间点：2周后").unwrap();
        assert_eq!(f.label, "时间点");
        assert_eq!(plain_field("Deliverables:").unwrap().value_range, 13..13);
        assert_eq!(
            plain_field("📅 Duration: 2 weeks").unwrap().label,
            "Duration"
        );
        assert!(plain_field("See https://example.com").is_none());
        assert!(plain_field("Meet at 10:30").is_none());
        assert!(plain_field("This is a long sentence that happens to have: a colon").is_none());
    }

    #[test]
    fn prose_is_told_from_a_value() {
        assert!(!is_prose("2-3 weeks"));
        assert!(!is_prose("about two sprints, depending on hiring"));
        assert!(is_prose(
            "what the plan states for the unit, in calendar days, as counted: hour = 1/8 day"
        ));
        assert!(is_prose(
            "one two three four five six seven eight nine ten eleven twelve thirteen"
        ));
    }
}
