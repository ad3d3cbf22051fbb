//! Does a file look like a plan? Used to tell a plan mlint could not read
//! (`input/no-milestones`) from a file that is no plan at all.
//!
//! The evidence is the file's path (a name such as `ROADMAP.md`,
//! `milestones/`, `sprint-03.md`, `2027-Q3.md`), its title (an H1 such as
//! `# Release plan`), or its content: a date together with a checklist, or
//! headings that name quarters (`## Q3 2027`). Words match whole words of the
//! path or title, so `explanation.md` is no plan and `scheduler.md` no
//! schedule; in a title the word must be what the title names (`Release
//! plan`, `Roadmap: Billing`, `Sprint 3`, `Plan for Q3`), not a word that
//! qualifies another (`How the plan annotations are written`). Everything
//! here is a few passes over bytes: it runs on every file.

use super::blocks::{Block, Kind};

/// Words that name a plan, in English: in a title only as its head noun
/// (`Release plan`, not `plan annotations`). ASCII words match a whole word,
/// its plural (`plans`) or the word followed by digits (`sprint03`).
const HEAD_NOUNS: &[&str] = &[
    "roadmap",
    "milestone",
    "plan",
    "planning",
    "sprint",
    "phase",
    "schedule",
    "timeline",
];

/// Words that name a plan in the other languages mlint reads, wherever they
/// stand in a title: several words match in sequence (`hoja_de_ruta`);
/// words of other scripts match anywhere (`路线图`).
const OTHER_PLAN_WORDS: &[&str] = &[
    "cronograma",
    "hoja de ruta",
    "feuille de route",
    "meilenstein",
    "hito",
    "fase",
    "etapa",
    "路线图",
    "计划",
    "里程碑",
    "ロードマップ",
    "로드맵",
];

/// Whether `path` or the blocks of the file say it is a plan.
pub fn looks_like_plan(path: &str, blocks: &[Block]) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    if names_a_plan(path) || names_a_quarter(name) {
        return true;
    }
    let title = blocks.iter().find(|b| matches!(b.kind, Kind::Heading(1)));
    if title.is_some_and(|t| title_names_a_plan(&t.inline.text)) {
        return true;
    }
    let quarters = blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Heading(_)) && names_a_quarter(&b.inline.text))
        .take(2)
        .count();
    if quarters >= 2 {
        return true;
    }
    let checklist = blocks
        .iter()
        .any(|b| matches!(b.kind, Kind::Item { task: Some(_), .. }));
    checklist && blocks.iter().any(|b| has_date(&b.inline.text))
}

/// The lower-case words of `text`: runs of letters and digits, split where
/// a lower-case letter meets an upper-case one (`ProjectPlan`), joined by
/// single spaces and with a space at either end, so ` plan ` finds a word.
fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut prev_lower = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if prev_lower && c.is_uppercase() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
            prev_lower = c.is_lowercase();
        } else {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            prev_lower = false;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether `text` (a path) holds a plan word of either list.
fn names_a_plan(text: &str) -> bool {
    let words = words(text);
    HEAD_NOUNS
        .iter()
        .chain(OTHER_PLAN_WORDS)
        .any(|w| found(&words, w).next().is_some())
}

/// Where the plan word `w` ends in `words` (see [`words`]), for each place it
/// is: a whole word, its plural or the word followed by digits; a word of
/// another script anywhere.
fn found<'a>(words: &'a str, w: &'a str) -> impl Iterator<Item = usize> + 'a {
    let ascii = w.is_ascii();
    words.match_indices(w).filter_map(move |(i, _)| {
        if !ascii {
            return Some(i + w.len());
        }
        let rest = &words[i + w.len()..];
        let suffix = &rest[..rest.find(' ').unwrap_or(rest.len())];
        (words[..i].ends_with(' ')
            && (suffix.is_empty() || suffix == "s" || suffix.bytes().all(|b| b.is_ascii_digit())))
        .then_some(i + w.len() + suffix.len())
    })
}

/// Words after a plan word that join it to what it plans: `Plan for Q3`,
/// `Roadmap to v1`, `roadmap на 2–4 недели`.
const JOINS: &[&str] = &[
    "of", "for", "to", "and", "in", "de", "del", "des", "du", "da", "do", "di", "für", "zum",
    "zur", "pour", "per", "para", "y", "et", "e", "und", "и", "на", "для",
];

/// Whether a title names a plan. An English word of [`HEAD_NOUNS`] must end
/// its part of the title (parts are split at punctuation and `&`), or be
/// followed by a number (`Sprint 3`, `Roadmap v2`) or by a word of
/// [`JOINS`]; other plan words (`Hoja de ruta técnica`, `执行路线图`) count
/// wherever they stand, as in a path.
fn title_names_a_plan(text: &str) -> bool {
    text.split(|c: char| c.is_ascii_punctuation() || "—–·：｜（）【】«»“”".contains(c))
        .any(|part| {
            let words = words(part);
            OTHER_PLAN_WORDS
                .iter()
                .any(|w| found(&words, w).next().is_some())
                || HEAD_NOUNS.iter().any(|w| {
                    found(&words, w).any(|end| {
                        words[end..].split_whitespace().next().is_none_or(|next| {
                            next.starts_with(|c: char| c.is_ascii_digit())
                                || JOINS.contains(&next)
                                || next
                                    .strip_prefix(['v', 'q'])
                                    .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                        })
                    })
                })
        })
}

/// Whether `text` names a quarter of a year: a word `q1` to `q4` beside a
/// four-digit year (`Q3 2027`, `2027-Q3`, `q3-2027`).
fn names_a_quarter(text: &str) -> bool {
    // Most headings hold no `q`: they cost one scan, no allocation.
    if !text.bytes().any(|b| b == b'q' || b == b'Q') {
        return false;
    }
    let words = words(text);
    let words: Vec<&str> = words.split_whitespace().collect();
    let year = |w: &str| {
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && w.starts_with(['1', '2'])
    };
    let quarter = |w: &str| matches!(w, "q1" | "q2" | "q3" | "q4");
    // "2027q3" and "q32027" are rare enough to leave out.
    words
        .windows(2)
        .any(|p| (quarter(p[0]) && year(p[1])) || (year(p[0]) && quarter(p[1])))
}

/// An ISO date (`2026-02-03`) or a year-month (`2026-02`).
fn has_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(7).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..].iter().all(u8::is_ascii_digit)
            && (w[0] == b'1' || w[0] == b'2')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_words_match_whole_words_of_a_path() {
        for path in [
            "ROADMAP.md",
            "docs/milestones/m1.md",
            "sprint-03.md",
            "sprint03.md",
            "docs/plans/q3.md",
            "ProjectPlan.md",
            "hoja_de_ruta.md",
            "docs/路线图.md",
            "release-planning.md",
        ] {
            assert!(names_a_plan(path), "{path}");
        }
        for path in [
            "docs/explanation/index.md",
            "planet.md",
            "airplane.md",
            "scheduler.md",
            "sprinter.md",
            "README.md",
        ] {
            assert!(!names_a_plan(path), "{path}");
        }
    }

    #[test]
    fn quarters_need_a_year() {
        assert!(names_a_quarter("2027-Q3.md"));
        assert!(names_a_quarter("Q3 2027"));
        assert!(names_a_quarter("q1-2026-goals.md"));
        assert!(!names_a_quarter("Q3 results"));
        assert!(!names_a_quarter("2024-03-01-hello.md"));
    }

    #[test]
    fn a_title_quarters_or_a_dated_checklist_make_a_plan() {
        let plan = |path: &str, text: &str| {
            crate::document::parse(path, text, &crate::document::ParseOptions::default())
                .looks_like_plan
        };
        assert!(plan("notes.md", "# Release plan\n\nText.\n"));
        assert!(plan(
            "notes.md",
            "## Q1 2027\n\n- Launch\n\n## Q2 2027\n\n- Grow\n"
        ));
        assert!(plan("notes.md", "# Notes\n\n- [ ] Ship by 2027-09-30\n"));
        assert!(!plan(
            "CHANGELOG.md",
            "# Changelog\n\n## [1.0.0] - 2024-03-01\n\n- Added a flag\n"
        ));
        assert!(!plan("docs/explanation.md", "# Why\n\n- [ ] Write more\n"));
    }

    #[test]
    fn a_title_names_a_plan_when_the_plan_word_is_what_it_names() {
        for title in [
            "Release plan",
            "Roadmap: Billing",
            "Roadmap",
            "Sprint 3: Accounts",
            "Plan for Q3",
            "Milestones to a first release",
            "Weekly Schedule & Milestones",
            "Phase 1 – Discovery & Planning",
            "Hoja de ruta técnica: migración",
            "Data Wings - 执行路线图",
            "SlotLease MVP: практический roadmap на 2–4 недели",
            "Roadmap v2",
        ] {
            assert!(title_names_a_plan(title), "{title}");
        }
        for title in [
            "How the plan annotations are written",
            "Structural conventions in the real-world milestone corpus",
            "Real-world milestone files: sources",
            "Sprint planning guide",
            "Planet notes",
        ] {
            assert!(!title_names_a_plan(title), "{title}");
        }
    }

    #[test]
    fn dates_are_iso_dates_or_year_months() {
        assert!(has_date("ship by 2027-09-30"));
        assert!(has_date("2027-09"));
        assert!(!has_date("v1.2.3"));
    }
}
