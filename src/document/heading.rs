//! Heading titles: decorations off, then "is this a milestone unit?".
//!
//! Real headings carry emoji, bold, status marks and schedule parentheticals
//! around the title (`### 🎯 Sprint 1: Quick Win (1 week) ✅`). [`strip`]
//! removes them (and reads a duration parenthetical on the way), and
//! [`classify`] decides from what is left whether the heading names a unit —
//! a keyword from the vocabulary followed by an identifier or a separator, or
//! a bare id such as `M1` — and splits it into keyword, number and name.

use std::ops::Range;
use std::sync::LazyLock;

use super::pattern::Pattern;

use super::duration::{self, Reading};
use super::mojibake;
use super::options::{Units, Vocabulary};

/// A title with its decorations removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Stripped {
    /// The title as a reader sees it.
    pub text: String,
    /// A duration parenthetical: the range of its content in the raw title.
    pub duration: Option<(Range<usize>, Reading)>,
}

/// What a milestone heading says about its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// `phase`, `sprint` or `milestone`.
    pub kind: &'static str,
    /// The keyword as written.
    pub keyword: Option<String>,
    /// The identifier after the keyword.
    pub number: Option<String>,
    /// The rest of the title.
    pub name: Option<String>,
}

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

/// Length of `[0-9]+(?:[.\-][0-9]+)*` at the start of `b` (0 when none).
fn dotted_digits(b: &[u8], seps: &[u8]) -> usize {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    if i == 0 {
        return 0;
    }
    while i + 1 < b.len() && seps.contains(&b[i]) && b[i + 1].is_ascii_digit() {
        i += 1 + digits(i + 1);
    }
    i
}

/// An identifier after a keyword: `1`, `2.3`, `1-1`, `v1.0`, `m1`, `IV`, `A`,
/// or a placeholder (`{{N}}`, `{n}`, `[X]`, `<n>`, also `{{n}}.1`). Returns
/// its length. Hand-written rather than a regex: a one-file run would spend
/// more compiling the pattern than matching every heading. Leftmost-first,
/// like the alternation it replaces (`tests::ids_match_the_pattern`).
pub(super) fn id_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A placeholder, then `.1`, `-2` parts.
    for (open, close, inner_stop) in [
        (&b"{{"[..], &b"}}"[..], &b"{}"[..]),
        (b"{", b"}", b"{}"),
        (b"[", b"]", b"[]"),
        (b"<", b">", b"<>"),
    ] {
        if !b.starts_with(open) {
            continue;
        }
        let body = b[open.len()..]
            .iter()
            .take_while(|c| !inner_stop.contains(c))
            .count();
        let end = open.len() + body;
        if b[end..].starts_with(close) {
            let mut i = end + close.len();
            while i + 1 < b.len() && (b[i] == b'.' || b[i] == b'-') && b[i + 1].is_ascii_digit() {
                i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            }
            return Some(i);
        }
    }
    // `[vV]?[0-9]+(?:[.\-][0-9]+)*[a-z]?`
    let v = usize::from(matches!(b.first(), Some(b'v' | b'V')));
    let n = dotted_digits(&b[v..], b".-");
    if n > 0 {
        let end = v + n;
        return Some(end + usize::from(b.get(end).is_some_and(u8::is_ascii_lowercase)));
    }
    if v == 1 {
        let n = dotted_digits(b, b".-");
        if n > 0 {
            return Some(n);
        }
    }
    // `[A-Za-z]{1,2}[0-9]+(?:[.\-][0-9]+)*`
    for letters in [2, 1] {
        if b.len() > letters && b[..letters].iter().all(u8::is_ascii_alphabetic) {
            let n = dotted_digits(&b[letters..], b".-");
            if n > 0 {
                return Some(letters + n);
            }
        }
    }
    // `[IVX]{1,4}`, then `[A-Z]`
    let roman = b
        .iter()
        .take(4)
        .take_while(|c| matches!(c, b'I' | b'V' | b'X'))
        .count();
    if roman > 0 {
        return Some(roman);
    }
    b.first().is_some_and(u8::is_ascii_uppercase).then_some(1)
}

/// A bare milestone id at the start of a title: `M1`, `m1`, `M2.1`, `M1-1`;
/// also `P2.1` (phase), `S3` (sprint), `E1` (epic), `R2` (release) when a
/// separator follows. Returns its length.
fn bare_id_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let letter = *b.first()?;
    if !b"MmPpSsEeRr".contains(&letter) {
        return None;
    }
    let n = dotted_digits(&b[1..], b".-");
    (n > 0).then_some(1 + n)
}

/// A bare version at the start of a title: `v1.0`, `V2.0` (at least one
/// dot). Returns its length.
fn bare_version_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'v' | b'V')) {
        return None;
    }
    let n = dotted_digits(&b[1..], b".");
    (n > 0 && b[1..1 + n].contains(&b'.')).then_some(1 + n)
}

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

/// A leading outline number: `1.1 Name`.
static OUTLINE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^([0-9]+(?:\.[0-9]+)+|[0-9]+\.?)\s+(\S.*)$").expect("valid outline regex")
});

/// Removes leading emoji (also as mojibake), trailing status emoji and
/// trailing parentheticals or suffixes that hold a duration, dates, status or
/// priority. Bold and other markup are already gone from `raw`.
pub fn strip(raw: &str, units: &Units) -> Stripped {
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
                    let r = super::text::trim_range(s, inner.clone());
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
        text: super::text::collapse(&raw[start..end.max(start)]),
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

/// Whether a stripped title names a milestone unit, and how.
pub fn classify(title: &str, vocab: &Vocabulary) -> Option<Unit> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            title
                .char_indices()
                .filter(|(_, c)| c.is_whitespace())
                .map(|(i, c)| i + c.len_utf8()),
        )
        .take(4)
        .collect();
    for (word, &p) in starts.iter().enumerate() {
        if word > 0 && title[..p].contains([':', '：']) {
            break;
        }
        for (kw, kind) in &vocab.keywords {
            let Some(q) = match_keyword(title, p, kw) else {
                continue;
            };
            if let Some(unit) = after_keyword(title, p, q, kind, word == 0) {
                return Some(unit);
            }
        }
    }
    if let Some(end) = bare_id_len(title) {
        let (has_sep, name) = separator_and_name(&title[end..])?;
        let letter = title[..1].to_ascii_lowercase();
        if letter != "m" && !has_sep {
            return None;
        }
        let number = Some(title[..end].to_uppercase());
        let kind = match letter.as_str() {
            "p" => "phase",
            "s" => "sprint",
            _ => "milestone",
        };
        return Some(Unit {
            kind,
            keyword: Some(title[..1].to_string()),
            number,
            name,
        });
    }
    let end = bare_version_len(title)?;
    let (_, name) = separator_and_name(&title[end..])?;
    let name = name.map(|n| {
        n.trim_start_matches(|c: char| c.is_whitespace() || mojibake::is_emoji_part(c))
            .to_string()
    });
    Some(Unit {
        kind: "milestone",
        keyword: None,
        number: Some(title[..end].to_string()),
        name: name.filter(|n| !n.is_empty()),
    })
}

/// [`classify`], and also a unit named after a prefix: `Work plan - Phase 1`,
/// `Example: ShopEase Sprint 1 Plan`, `{{project}} – Milestone {{n}}`, or
/// with an ordinal (`第1阶段：基础架构`, `第2周`).
pub fn classify_loose(title: &str, vocab: &Vocabulary) -> Option<Unit> {
    if let Some(u) = classify(title, vocab) {
        return Some(u);
    }
    if let Some(u) = ordinal(title, vocab) {
        return Some(u);
    }
    // After a separator: the prefix is a project or document name.
    for sep in [" - ", " – ", " — ", ": ", "：", " | "] {
        let mut from = 0;
        while let Some(i) = title[from..].find(sep) {
            let at = from + i + sep.len();
            if let Some(u) = classify(title[at..].trim_start(), vocab)
                && u.number.is_some()
            {
                return Some(u);
            }
            from = at;
        }
    }
    // `ShopEase Sprint 1 Plan`: a keyword with a number, a short title.
    let words: Vec<(usize, &str)> = title
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - title.as_ptr() as usize, w))
        .collect();
    if words.len() > 6 {
        return None;
    }
    for (i, &(p, _)) in words.iter().enumerate().skip(1) {
        // `ShopEase Sprint 1`, not `Excluded from Milestone 1`.
        let before = words[i - 1].1;
        if before.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        for (kw, kind) in &vocab.keywords {
            let Some(q) = match_keyword(title, p, kw) else {
                continue;
            };
            let rest = title[q..].trim_start();
            let Some(end) = id_len(rest) else { continue };
            if !boundary(&rest[end..]) || words.len() - i > 4 {
                continue;
            }
            let name = rest[end..]
                .trim_start_matches([':', '：', '-', '–', '—', ' '])
                .trim();
            return Some(Unit {
                kind: kind_name(kind),
                keyword: Some(title[p..q].to_string()),
                number: Some(rest[..end].to_string()),
                name: (!name.is_empty()).then(|| name.to_string()),
            });
        }
    }
    None
}

/// `第1阶段：…`, `第 2 周`: an ordinal number before the keyword.
fn ordinal(title: &str, vocab: &Vocabulary) -> Option<Unit> {
    let rest = title.strip_prefix('第')?.trim_start();
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || "一二三四五六七八九十零〇".contains(c)))
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    let after = rest[digits..].trim_start();
    let p = title.len() - after.len();
    for (kw, kind) in &vocab.keywords {
        let Some(q) = match_keyword(title, p, kw) else {
            continue;
        };
        let (_, name) = separator_and_name(&title[q..])?;
        return Some(Unit {
            kind: kind_name(kind),
            keyword: Some(title[p..q].to_string()),
            number: Some(rest[..digits].to_string()),
            name,
        });
    }
    None
}

/// The unit kind a `[keywords]` list names.
pub(super) fn kind_name(kind: &str) -> &'static str {
    match kind {
        "phase" => "phase",
        "sprint" => "sprint",
        _ => "milestone",
    }
}

/// For a heading that is a milestone only through its duration field: a
/// leading outline number (`1.1 Name`) as number and name.
pub fn outline(title: &str) -> Unit {
    // The pattern starts with a digit: most titles never reach it.
    let numbered = title.starts_with(|c: char| c.is_ascii_digit());
    match numbered.then(|| OUTLINE.captures(title)).flatten() {
        Some(c) => Unit {
            kind: "milestone",
            keyword: None,
            number: c
                .get(1)
                .map(|m| m.as_str().trim_end_matches('.').to_string()),
            name: c.get(2).map(|m| m.as_str().trim().to_string()),
        },
        None => Unit {
            kind: "milestone",
            keyword: None,
            number: None,
            name: None,
        },
    }
}

/// Matches the lower-cased keyword `kw` at byte `p` of `title`, case-insensitively.
fn match_keyword(title: &str, p: usize, kw: &[char]) -> Option<usize> {
    let mut chars = title[p..].char_indices();
    for &k in kw {
        let (_, c) = chars.next()?;
        if c.to_lowercase().next() != Some(k) {
            return None;
        }
    }
    let q = chars.next().map_or(title.len(), |(i, _)| p + i);
    // `Phases`, `Milestones`: a longer word is not the keyword.
    let glued = kw.last().is_some_and(|c| c.is_alphabetic() && c.is_ascii())
        && title[q..].chars().next().is_some_and(char::is_alphabetic);
    (!glued).then_some(q)
}

fn after_keyword(title: &str, p: usize, q: usize, kind: &str, at_start: bool) -> Option<Unit> {
    let keyword = title[p..q].to_string();
    let rest = title[q..].trim_start();
    let (number, rest) = match id_len(rest) {
        Some(end) if boundary(&rest[end..]) => (Some(rest[..end].to_string()), &rest[end..]),
        _ => (None, rest),
    };
    // `Phase 1 v0.5 — …`: a version after the number numbers a part of the
    // unit; `Phase 1 v0` and `Phase 1 v1` are two units, not one twice.
    let (number, rest) = match (number, sub_version(rest)) {
        (Some(n), Some((v, after))) => (Some(format!("{n} {v}")), after),
        (number, _) => (number, rest),
    };
    let (has_sep, name) = separator_and_name(rest)?;
    if (number.is_none() || !at_start) && !has_sep {
        return None;
    }
    Some(Unit {
        kind: kind_name(kind),
        keyword: Some(keyword),
        number,
        name,
    })
}

/// ` v0.5` at the start of `rest`: the version, and what follows it.
fn sub_version(rest: &str) -> Option<(&str, &str)> {
    let r = rest.strip_prefix(' ')?;
    let digits = r.strip_prefix(['v', 'V'])?;
    let mut end = digits
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(digits.len());
    while digits[..end].ends_with('.') {
        end -= 1;
    }
    if end == 0 || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let len = 1 + end;
    (boundary(&r[len..])).then(|| (&r[..len], &r[len..]))
}

fn boundary(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '：' | '.' | '(' | '（' | ')' | '-' | '—' | '–' | ','
            )
    })
}

/// After keyword and number: an optional `(qualifier)`, then a separator and
/// the name. `None` when what follows cannot follow a unit id.
fn separator_and_name(rest: &str) -> Option<(bool, Option<String>)> {
    let mut r = rest.trim_start();
    let mut spaced = r.len() < rest.len();
    if let Some(open) = r.strip_prefix(['(', '（']) {
        let close = open.find([')', '）'])?;
        let after = &open[close..];
        let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
        r = after.trim_start();
        spaced = r.len() < after.len();
    }
    let mut has_sep = false;
    for sep in [":", "：", "—", "–", "-", "."] {
        if let Some(after) = r.strip_prefix(sep) {
            let space_after = after.is_empty() || after.starts_with(char::is_whitespace);
            // `.` only separates when a space follows (`Phase 1. Setup`), and
            // `-` only between spaces (`Release-Based Milestones` is a word).
            if (sep == "." && !space_after) || (sep == "-" && !(spaced && space_after)) {
                return None;
            }
            r = after;
            has_sep = true;
            break;
        }
    }
    if !has_sep && !r.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let name = r.trim();
    Some((has_sep, (!name.is_empty()).then(|| name.to_string())))
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

    fn class(title: &str) -> Option<(&'static str, Option<String>, Option<String>)> {
        let v = ParseOptions::default().prepare();
        classify(title, &v).map(|u| (u.kind, u.number, u.name))
    }

    fn some(
        kind: &'static str,
        number: Option<&str>,
        name: Option<&str>,
    ) -> Option<(&'static str, Option<String>, Option<String>)> {
        Some((kind, number.map(String::from), name.map(String::from)))
    }

    #[test]
    fn milestone_headings_are_classified() {
        assert_eq!(
            class("Phase 1: Research"),
            some("phase", Some("1"), Some("Research"))
        );
        assert_eq!(
            class("Sprint 2 - Core"),
            some("sprint", Some("2"), Some("Core"))
        );
        assert_eq!(
            class("Milestone: Core Server"),
            some("milestone", None, Some("Core Server"))
        );
        assert_eq!(
            class("Milestone 3 (Foundation): Name"),
            some("milestone", Some("3"), Some("Name"))
        );
        assert_eq!(
            class("M1 — Requirements"),
            some("milestone", Some("M1"), Some("Requirements"))
        );
        assert_eq!(class("m1"), some("milestone", Some("M1"), None));
        assert_eq!(class("M0"), some("milestone", Some("M0"), None));
        assert_eq!(class("Release v1.0"), some("milestone", Some("v1.0"), None));
        assert_eq!(class("Fase 0:"), some("phase", Some("0"), None));
        assert_eq!(
            class("FASE 0: PREPARACIÓN"),
            some("phase", Some("0"), Some("PREPARACIÓN"))
        );
        assert_eq!(
            class("阶段1：当前阶段"),
            some("phase", Some("1"), Some("当前阶段"))
        );
        assert_eq!(class("Etapa 2"), some("phase", Some("2"), None));
        assert_eq!(class("Stage 3"), some("phase", Some("3"), None));
        assert_eq!(class("Iteration 4"), some("sprint", Some("4"), None));
        assert_eq!(
            class("Phase 2.3 – Sync"),
            some("phase", Some("2.3"), Some("Sync"))
        );
        assert_eq!(
            class("Milestone m1 — Functional pipeline"),
            some("milestone", Some("m1"), Some("Functional pipeline"))
        );
        assert_eq!(
            class("Learning Milestone: New Technology"),
            some("milestone", None, Some("New Technology"))
        );
        assert_eq!(
            class("Phase 1 Discovery"),
            some("phase", Some("1"), Some("Discovery"))
        );
        assert_eq!(
            class("M1-1 CTgov Client"),
            some("milestone", Some("M1-1"), Some("CTgov Client"))
        );
        assert_eq!(
            class("v1.0 🚀 Initial Launch"),
            some("milestone", Some("v1.0"), Some("Initial Launch"))
        );
        assert_eq!(
            class("V2.0 Alpha"),
            some("milestone", Some("V2.0"), Some("Alpha"))
        );
        assert_eq!(
            class("Sprint 2 – Core"),
            some("sprint", Some("2"), Some("Core"))
        );
    }

    #[test]
    fn mentions_are_not_milestones() {
        for title in [
            "Solo Mission Phases",
            "Milestone Templates",
            "Personal Development Milestones",
            "Solo Milestone Management",
            "Sprint Planning",
            "Release Notes",
            "Entregables Fase 0",
            "Process Improvement Milestone",
            "MVP scope",
            "Overview",
            "Phaser setup",
            "Milestones",
            "Time Management",
            "Project Phase overview",
            "Release-Based Milestones",
            "Stage-gate review",
            "v1 notes",
            "version history",
        ] {
            assert_eq!(class(title), None, "{title}");
        }
    }

    #[test]
    fn ids_match_the_pattern() {
        let id = Pattern::new(r"^(?:(?:\{\{[^{}]*\}\}|\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>)(?:[.\-][0-9]+)*|[vV]?[0-9]+(?:[.\-][0-9]+)*[a-z]?|[A-Za-z]{1,2}[0-9]+(?:[.\-][0-9]+)*|[IVX]{1,4}|[A-Z])").unwrap();
        let bare = Pattern::new(r"^[MmPpSsEeRr][0-9]+(?:[.\-][0-9]+)*").unwrap();
        let version = Pattern::new(r"^[vV][0-9]+(?:\.[0-9]+)+").unwrap();
        let samples = [
            "",
            "1",
            "12",
            "2.3",
            "1-1",
            "1.",
            "1-",
            "1.2.3 x",
            "12a",
            "12ab",
            "v1.0",
            "V2",
            "v",
            "va",
            "v1.",
            "v1.0.3-4",
            "m1",
            "M1-1",
            "Ab1",
            "ab12.3",
            "A",
            "a",
            "IV",
            "XIII",
            "IIIII",
            "X1",
            "Va",
            "{{N}}",
            "{{n}}.1",
            "{{a}b}}",
            "{n}",
            "{n",
            "[X]",
            "[X",
            "<n>",
            "<n",
            "{{",
            "Q3",
            "P2.1",
            "p2",
            "E1.2.3",
            "R",
            "S-1",
            "M1.x",
            "v1.0a",
            "V2.0 Alpha",
            "ü1",
            "1️⃣",
            "Ⅳ",
        ];
        let len = |p: &Pattern, s: &str| p.find(s).map(|m| m.end());
        for s in samples {
            assert_eq!(id_len(s), len(&id, s), "id {s:?}");
            assert_eq!(bare_id_len(s), len(&bare, s), "bare id {s:?}");
            assert_eq!(bare_version_len(s), len(&version, s), "version {s:?}");
        }
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

    #[test]
    fn a_version_after_the_number_is_part_of_it() {
        let got = |t: &str| class(t).and_then(|(_, number, _)| number);
        assert_eq!(
            got("Phase 1 v0.5 — DaaS extract").as_deref(),
            Some("1 v0.5")
        );
        assert_eq!(got("Phase 1 v1: polish").as_deref(), Some("1 v1"));
        assert_eq!(got("Phase 2 visual polish").as_deref(), Some("2"));
        assert_eq!(got("Phase 3 v2.1. Launch").as_deref(), Some("3 v2.1"));
    }

    #[test]
    fn outline_numbers() {
        assert_eq!(outline("1.1 Auth service").number.as_deref(), Some("1.1"));
        assert_eq!(
            outline("1.1 Auth service").name.as_deref(),
            Some("Auth service")
        );
        assert_eq!(outline("Process Improvement Milestone").number, None);
    }
}
