//! One file, one milestone: the whole file is the unit when its H1, its
//! front matter or its path names one and it reads like a plan.

use super::rows::vocab_kind;
use super::{FileInfo, Form, Found, is_aside, is_label_heading, level};
use crate::document::blocks::{Block, Kind};
use crate::document::heading::{self, Stripped};
use crate::document::options::Vocabulary;

/// One file, one milestone: the file's H1 or its front matter names a unit,
/// or its path keeps one milestone per file (`milestones/M1.md`,
/// `sprint-03-….md`, an issue template), and it has a plan's sections.
pub(super) fn file_unit(
    blocks: &[Block],
    file: FileInfo<'_>,
    vocab: &Vocabulary,
    hs: &[usize],
    stripped: &[Option<Stripped>],
) -> Option<Found> {
    let h1 = hs.iter().copied().find(|&h| level(&blocks[h]) == 1);
    let lower = file.path.to_lowercase().replace('\\', "/");
    let parts: Vec<&str> = lower.split('/').collect();
    // A path word that names one unit (`sprint-03.md`, `MILESTONE_002.md`),
    // or a folder of them (`milestones/get_opportunities.md`). Calendar and
    // release words name documents as often as units, so they do not count.
    let singular = |w: &str| {
        !matches!(
            w,
            "release" | "version" | "week" | "month" | "quarter" | "initiative" | "increment"
        ) && vocab.keywords.iter().any(|(kw, _)| {
            let kw: String = kw.iter().collect();
            kw.is_ascii() && kw.len() > 3 && w == kw
        })
    };
    let split = |p: &'_ str| -> Vec<String> {
        p.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let name = parts.last().copied().unwrap_or_default();
    let stem = split(name.split('.').next().unwrap_or(name));
    let dirs: Vec<String> = parts[..parts.len().saturating_sub(1)]
        .iter()
        .flat_map(|p| split(p))
        .collect();
    // A group word names a folder of units (`milestones/…`, also inside a
    // flattened name); as the last word of the file's name (`MILESTONES.md`,
    // `no-milestones.md`) it names a list of them, not one.
    let by_path = dirs.iter().any(|w| singular(w) || vocab.is_group_title(w))
        || stem.iter().any(|w| singular(w))
        || stem[..stem.len().saturating_sub(1)]
            .iter()
            .any(|w| vocab.is_group_title(w));
    let words: Vec<&str> = dirs.iter().chain(&stem).map(String::as_str).collect();
    let h1_title = h1
        .and_then(|h| stripped[h].as_ref())
        .map(|s| s.text.as_str());
    let by_title = h1_title.is_some_and(|t| heading::classify_loose(t, vocab).is_some());
    let sections = hs
        .iter()
        .filter(|&&h| {
            stripped[h]
                .as_ref()
                .is_some_and(|s| vocab.section_qualified(&s.text).is_some())
        })
        .count();
    let checklist = blocks
        .iter()
        .any(|b| matches!(b.kind, Kind::Item { task: Some(_), .. }));
    // A title that names a whole plan (`# Q3 roadmap`, `# Release plan`)
    // gathers units; it is not one.
    let plan_title = h1_title.is_some_and(|t| {
        let t = t.to_lowercase();
        ["roadmap", "plan", "schedule", "timeline", "backlog"]
            .iter()
            .any(|w| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
    });
    // Front matter that names one unit (`name: Milestone Issue Template`,
    // `title: "[Sprint] "`).
    let by_meta = file.front_matter.is_some_and(|fm| {
        fm.lines().any(|l| {
            let Some((key, value)) = l.split_once(':') else {
                return false;
            };
            matches!(key.trim(), "title" | "name")
                && value
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(singular)
        })
    });
    // Metadata says so outright; a title or a path needs a plan's sections
    // or a checklist beside it.
    let evidence = sections > 0 || checklist;
    if !(by_meta || evidence && (by_title || by_path && !plan_title)) {
        return None;
    }
    let block = h1.filter(|&h| {
        stripped[h]
            .as_ref()
            .is_some_and(|s| !is_label_heading(&s.text, vocab) && !is_aside(&s.text))
    });
    let (title, u) = match block.and_then(|h| stripped[h].as_ref()) {
        Some(s) => (
            s.text.clone(),
            heading::classify_loose(&s.text, vocab).unwrap_or_else(|| heading::outline(&s.text)),
        ),
        // No H1: the front matter's name or title, else the file's name.
        None => {
            let meta = file.front_matter.and_then(|fm| {
                fm.lines().find_map(|l| {
                    let (key, value) = l.split_once(':')?;
                    let value = value.trim().trim_matches(['"', '\'']).trim();
                    (matches!(key.trim(), "name" | "title") && !value.is_empty())
                        .then(|| value.to_string())
                })
            });
            let name = file.path.rsplit(['/', '\\']).next().unwrap_or(file.path);
            let title = meta.unwrap_or_else(|| name.to_string());
            (title, heading::outline(""))
        }
    };
    let mut u = u;
    if u.keyword.is_none() {
        let meta = file.front_matter.unwrap_or_default().to_lowercase();
        u.kind = words
            .iter()
            .copied()
            .chain(meta.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| singular(w))
            .map(|w| vocab_kind(w, vocab))
            .find(|k| *k != "milestone")
            .unwrap_or("milestone");
    }
    Some(Found {
        block: block.unwrap_or(usize::MAX),
        form: Form::File,
        unit: u,
        title,
        title_range: 0..block.map_or(0, |b| blocks[b].inline.text.len()),
        durations: Vec::new(),
        end: blocks.len(),
        under: None,
        also: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::document::{ParseOptions, parse};

    #[test]
    fn a_folder_of_milestones_holds_one_per_file_but_a_file_named_for_them_does_not() {
        let md = "# Checkout\n\n## Goals\n\n- Pay in one step\n";
        let at = |path: &str| {
            parse(path, md, &ParseOptions::default())
                .milestones
                .into_iter()
                .map(|m| (m.form, m.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(at("docs/milestones/checkout.md"), [("file".to_string(), 1)]);
        assert_eq!(
            at("docs__milestones__checkout.md"),
            [("file".to_string(), 1)]
        );
        assert_eq!(at("docs/sprint-03-checkout.md"), [("file".to_string(), 1)]);
        assert!(at("docs/MILESTONES.md").is_empty());
        assert!(at("docs/rules/no-milestones.md").is_empty());
    }
}
