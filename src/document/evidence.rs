//! Does a file look like a plan? Used to tell a plan mlint could not read
//! (`input/no-milestones`) from a file that is no plan at all.
//!
//! The evidence is the file's path (a name such as `ROADMAP.md`,
//! `milestones/`, `sprint-03.md`) or its content: a date together with a
//! checklist.

use super::blocks::{Block, Kind};

/// Words of a path that name a plan, in the languages mlint reads.
const PATH_WORDS: &[&str] = &[
    "roadmap",
    "milestone",
    "plan",
    "sprint",
    "phase",
    "schedule",
    "timeline",
    "cronograma",
    "hoja_de_ruta",
    "hoja-de-ruta",
    "feuille_de_route",
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
    let lower = path.to_lowercase();
    if PATH_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let checklist = blocks
        .iter()
        .any(|b| matches!(b.kind, Kind::Item { task: Some(_), .. }));
    checklist && blocks.iter().any(|b| has_date(&b.inline.text))
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
