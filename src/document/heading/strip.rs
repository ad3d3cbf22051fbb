//! Decorations off a heading title: leading emoji (also as mojibake),
//! trailing status emoji, and trailing parentheticals or suffixes that hold
//! a duration, dates, status or priority (`### 🎯 Sprint 1: Quick Win (1
//! week) ✅` → `Sprint 1: Quick Win`, with the duration read on the way).

use std::ops::Range;
use std::sync::LazyLock;

use super::Stripped;
use crate::document::duration;
use crate::document::mojibake;
use crate::document::options::Units;
use crate::document::pattern::Pattern;

/// A parenthetical that states status, priority or a date, not a name.
static STATUS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)^(?:in[ -]progress|done|complete|completed|partially complete|shipped|wip|planned|optional|new|inserted|blocked|todo|tbd|not started|pending|current|active|deferred|cancell?ed|draft|future|next|paused|on hold|in review|stretch|[0-9]+ ?% ?(?:complete|done)?|(?:completed|shipped|done|started|due|target|released|finished|ended|ends|deadline)\b.*|priority\s*[:：-]?\s*\S.*|p[0-4]|(?:high|medium|low|critical)(?: priority)?|[0-9]{4}[-/.][0-9]{1,2}.*|q[1-4][ -]?[0-9]{4}.*|[0-9]{4}[ -]?q[1-4].*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? [0-9]{1,4}.*)$",
    )
    .expect("valid status regex")
});

/// A trailing ` - SHIPPED 2026-02-18` or ` - PARTIALLY COMPLETE`.
static STATUS_SUFFIX: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"\s+[-–—]\s+(?:(?:PARTIALLY |FULLY )?(?:SHIPPED|COMPLETE|COMPLETED|DONE|IN PROGRESS|DEFERRED|CANCELLED|CANCELED|BLOCKED|WIP|PLANNED)|(?i:shipped|completed|done|released)\s+[0-9]{4}-[0-9]{2}-[0-9]{2})(?:\s+[0-9]{4}-[0-9]{2}-[0-9]{2})?\s*$",
    )
    .expect("valid status suffix regex")
});

/// Whether `text` holds a dash (`-`, `–`, `—`) with white space on both
/// sides, as [`STATUS_SUFFIX`] requires.
fn spaced_dash(text: &str) -> bool {
    let mut chars = text.chars();
    let (mut before, mut here) = (None, chars.next());
    for after in chars {
        if matches!(here, Some('-' | '–' | '—'))
            && before.is_some_and(char::is_whitespace)
            && after.is_whitespace()
        {
            return true;
        }
        (before, here) = (here, Some(after));
    }
    false
}

/// Removes leading emoji (also as mojibake), trailing status emoji and
/// trailing parentheticals or suffixes that hold a duration, dates, status or
/// priority. Bold and other markup are already gone from `raw`.
pub(in crate::document) fn strip(raw: &str, units: &Units) -> Stripped {
    let mut start = 0;
    loop {
        let rest = &raw[start..];
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        if c.is_whitespace() || mojibake::is_emoji_part(c) {
            start += c.len_utf8();
        } else if (c.is_ascii_digit() || c == '#' || c == '*')
            && matches!(chars.next(), Some('\u{FE0F}' | '\u{20E3}'))
        {
            start += 1; // keycap: the joiners follow as emoji parts
        } else if let Some((len, _)) = (!c.is_ascii())
            .then(|| mojibake::leading_emoji(rest))
            .flatten()
        {
            start += len;
        } else {
            break;
        }
    }
    let mut end = raw.len();
    let mut duration = None;
    loop {
        let s = raw[start..end].trim_end();
        end = start + s.len();
        if let Some(c) = s.chars().next_back()
            && mojibake::is_emoji_part(c)
            && s.len() > c.len_utf8()
        {
            end -= c.len_utf8();
            continue;
        }
        if let Some((open, inner)) = trailing_parenthetical(s) {
            let content = &s[inner.clone()];
            let reading = duration::read(content, units);
            if reading.recognised() || STATUS.is_match(content.trim()) {
                if reading.recognised() && duration.is_none() {
                    let r = crate::document::text::trim_range(s, inner.clone());
                    duration = Some((start + r.start..start + r.end, reading));
                }
                end = start + open;
                if s[..open].trim().is_empty() {
                    end = start + s.len(); // never strip the whole title
                    break;
                }
                continue;
            }
        }
        let tail_from = floor_boundary(s, s.len().saturating_sub(80));
        // The suffix starts with a dash between spaces: testing for one
        // spares most headings the regex (and a one-file run compiling it;
        // a dash alone is in every `(3-4 weeks)`).
        if spaced_dash(&s[tail_from..])
            && let Some(m) = STATUS_SUFFIX.find(&s[tail_from..])
            && tail_from + m.start() > 0
        {
            end = start + tail_from + m.start();
            continue;
        }
        break;
    }
    Stripped {
        text: crate::document::text::collapse(&raw[start..end.max(start)]),
        duration,
    }
}

/// `(…)` or `（…）` closing `s`: the byte offset of the opening bracket and
/// the range of the content.
fn trailing_parenthetical(s: &str) -> Option<(usize, Range<usize>)> {
    let close = s.chars().next_back().filter(|c| matches!(c, ')' | '）'))?;
    let close_at = s.len() - close.len_utf8();
    let mut depth = 0usize;
    for (i, c) in s[..close_at].char_indices().rev() {
        match c {
            ')' | '）' => depth += 1,
            '(' | '（' if depth == 0 => return Some((i, i + c.len_utf8()..close_at)),
            '(' | '（' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;

    fn units() -> Units {
        ParseOptions::default().units
    }

    #[test]
    fn decorations_are_stripped() {
        let cases = [
            ("🎯 Sprint 1: Quick Win (1 week)", "Sprint 1: Quick Win"),
            (
                "🛰️ Phase 5: Maintenance & Evolution",
                "Phase 5: Maintenance & Evolution",
            ),
            ("🧑‍💻 Milestone: Pairing", "Milestone: Pairing"),
            (
                "\u{F8FF}üß† Phase 1: Research & Architecture",
                "Phase 1: Research & Architecture",
            ),
            (
                "\u{F8FF}üõ†Ô∏è Phase 2: Foundation Building",
                "Phase 2: Foundation Building",
            ),
            ("Phase 1: Foundation (Days 1-2)", "Phase 1: Foundation"),
            ("Task 1.1: Setup ✅", "Task 1.1: Setup"),
            ("Phase 2 (Weeks 1-4) 🚧", "Phase 2"),
            ("Milestone 2 (2025-10 to 2025-12)", "Milestone 2"),
            ("Phase 3: Core (In Progress)", "Phase 3: Core"),
            ("M1: Parser (Priority: P0)", "M1: Parser"),
            ("Phase 1: 基础（4–6周）", "Phase 1: 基础"),
            ("v1.0 MVP - SHIPPED 2026-02-18", "v1.0 MVP"),
            ("Phase 4: Sync - PARTIALLY COMPLETE", "Phase 4: Sync"),
            (
                "阶段1：当前阶段（Foundation）",
                "阶段1：当前阶段（Foundation）",
            ),
            (
                "Milestone 3 (Foundation): Name",
                "Milestone 3 (Foundation): Name",
            ),
            ("(1 week)", "(1 week)"),
            ("1️⃣ Kickoff", "Kickoff"),
        ];
        for (raw, want) in cases {
            assert_eq!(strip(raw, &units()).text, want, "{raw}");
        }
    }

    #[test]
    fn heading_durations_are_read() {
        let raw = "🚀 Sprint 2: Core Feature (2-3 weeks)";
        let s = strip(raw, &units());
        let (range, reading) = s.duration.unwrap();
        assert_eq!(&raw[range], "2-3 weeks");
        assert_eq!(
            (reading.min_days, reading.max_days),
            (Some(14.0), Some(21.0))
        );
        let s = strip("Phase 1: 基础（4–6周）", &units());
        assert_eq!(s.duration.unwrap().1.max_days, Some(42.0));
        assert!(
            strip("Phase 3: Core (In Progress)", &units())
                .duration
                .is_none()
        );
    }

    #[test]
    fn the_suffix_pattern_needs_a_spaced_dash() {
        for (text, spaced) in [
            ("Build - SHIPPED 2026-02-18", true),
            ("Build\u{a0}—\tDONE", true),
            ("Build (3-4 weeks)", false),
            ("Build -DONE", false),
            ("Build- DONE", false),
            ("-", false),
            ("", false),
        ] {
            assert_eq!(spaced_dash(text), spaced, "{text:?}");
            if !spaced {
                assert!(STATUS_SUFFIX.find(text).is_none(), "{text:?}");
            }
        }
        assert!(STATUS_SUFFIX.find("Build\u{a0}—\tDONE").is_some());
    }
}
