//! Whether a stripped title names a milestone unit, and how: a keyword
//! from the vocabulary followed by an identifier or a separator (`Phase 1:
//! Research`), a bare id (`M1 — Requirements`), a version (`v1.0 MVP`), a
//! unit after a prefix (`Work plan - Phase 1`) or an ordinal (`第1阶段`);
//! split into kind, keyword, number and name.

use std::sync::LazyLock;

use super::Unit;
use super::ids::{bare_id_len, bare_version_len, id_len};
use crate::document::mojibake;
use crate::document::options::Vocabulary;
use crate::document::pattern::Pattern;

/// A leading outline number: `1.1 Name`.
static OUTLINE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"^([0-9]+(?:\.[0-9]+)+|[0-9]+\.?)\s+(\S.*)$").expect("valid outline regex")
});

/// Whether a stripped title names a milestone unit, and how.
pub(in crate::document) fn classify(title: &str, vocab: &Vocabulary) -> Option<Unit> {
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
pub(in crate::document) fn classify_loose(title: &str, vocab: &Vocabulary) -> Option<Unit> {
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
pub(in crate::document) fn kind_name(kind: &str) -> &'static str {
    match kind {
        "phase" => "phase",
        "sprint" => "sprint",
        _ => "milestone",
    }
}

/// For a heading that is a milestone only through its duration field: a
/// leading outline number (`1.1 Name`) as number and name.
pub(in crate::document) fn outline(title: &str) -> Unit {
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
