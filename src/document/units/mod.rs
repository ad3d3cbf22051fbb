//! Which blocks are milestone units, in every shape plans are written in.
//!
//! A unit is a heading (`## Phase 1: …`, `### Q3 2025`, a numbered or
//! grouped heading whose body reads like a plan), a table row of a table
//! that lists units, a list item that names one (`- Fase 0 (Semana 0-1): …`),
//! a bold or plain line used as a heading (`**Milestone 1: Backend** (Weeks
//! 1-2)`), or the whole file (one file per milestone). This module only
//! decides *which* blocks are units and where each one's range ends;
//! [`super::assemble`] reads their bodies.

mod duplicates;
mod file;
mod headings;
mod items;
mod rows;
mod titles;

use std::ops::Range;

use super::blocks::{Block, Kind};
use super::calendar;
use super::duration::Reading;
use super::fields;
use super::heading::{self, Stripped, Unit};
use super::options::Vocabulary;
use super::text::collapse;
use duplicates::drop_duplicates;
use file::file_unit;
pub(super) use headings::starts_with_status;
use headings::{evidence, free, indexed_headings, numbered_siblings, states_duration};
use items::{item_units, paragraph_units};
use rows::row_units;
use titles::{block_length, title_duration};

/// How a unit is written (`form` in `input`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A heading.
    Heading,
    /// A row of a table that lists units.
    TableRow,
    /// A list item.
    ListItem,
    /// A bold or plain line used as a heading.
    Paragraph,
    /// The whole file.
    File,
}

impl Form {
    /// The name in `input`.
    pub fn name(self) -> &'static str {
        match self {
            Form::Heading => "heading",
            Form::TableRow => "table_row",
            Form::ListItem => "list_item",
            Form::Paragraph => "paragraph",
            Form::File => "file",
        }
    }
}

/// A duration read from a unit's title: its text range in an inline text
/// (the block's, or for rows the cell's) and its reading.
#[derive(Clone, Debug)]
pub struct TitleDuration {
    /// For rows: the cell the text is in; otherwise `None` (the block).
    pub cell: Option<usize>,
    /// The range of the duration text.
    pub range: Range<usize>,
    /// How it reads.
    pub reading: Reading,
}

/// One unit found.
#[derive(Clone, Debug)]
pub struct Found {
    /// Index of its title block.
    pub block: usize,
    /// How it is written.
    pub form: Form,
    /// Kind, keyword, number, name.
    pub unit: Unit,
    /// The title as a reader sees it.
    pub title: String,
    /// The title's range in the block's inline text (rows: the whole row).
    pub title_range: Range<usize>,
    /// Durations stated in the title, the title's own first.
    pub durations: Vec<TitleDuration>,
    /// One past the last block of its range (nested units included).
    pub end: usize,
    /// The heading it sits under: for a heading, the nearest heading above
    /// with a lower level; for other forms, the nearest heading above.
    pub under: Option<usize>,
    /// Table rows elsewhere that repeat this unit (an index or summary
    /// table): their columns are read as this unit's fields too.
    pub also: Vec<usize>,
}

/// The heading level of a block, 0 for other blocks.
pub fn level(b: &Block) -> u8 {
    match b.kind {
        Kind::Heading(l) => l,
        _ => 0,
    }
}

/// Headings that are section or field labels never become milestones.
pub fn is_label_heading(title: &str, vocab: &Vocabulary) -> bool {
    let label = fields::plain_field(title).map_or(title.to_string(), |f| f.label);
    vocab.section_qualified(title).is_some()
        || vocab.is_known_field(title)
        || vocab.is_known_field(&label)
}

/// Whether a title is a document section no reader calls a unit.
fn is_aside(title: &str) -> bool {
    const WORDS: &[&str] = &[
        "overview",
        "summary",
        "introduction",
        "intro",
        "purpose",
        "background",
        "context",
        "notes",
        "note",
        "status",
        "metrics",
        "glossary",
        "vocabulary",
        "references",
        "appendix",
        "changelog",
        "change log",
        "history",
        "legend",
        "contents",
        "table of contents",
        "faq",
        "how to use",
        "usage",
        "template",
        "templates",
        "best practices",
        "guidelines",
        "resumen",
        "introducción",
        "notas",
        "referencias",
        "zusammenfassung",
        "übersicht",
        "einleitung",
        "概要",
        "概述",
        "背景",
        "总结",
        "说明",
        "目录",
    ];
    let t = collapse(title).to_lowercase();
    let t = t.trim_end_matches([':', '：']);
    WORDS
        .iter()
        .any(|w| t == *w || t.ends_with(&format!(" {w}")))
}

/// What is known of a file besides its blocks.
#[derive(Clone, Copy, Debug)]
pub struct FileInfo<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The text of its YAML front matter, if any.
    pub front_matter: Option<&'a str>,
}

/// Every unit of the document, in block order.
pub fn find(
    blocks: &[Block],
    file: FileInfo<'_>,
    vocab: &Vocabulary,
    stripped: &[Option<Stripped>],
) -> Vec<Found> {
    let hs: Vec<usize> = (0..blocks.len())
        .filter(|&i| matches!(blocks[i].kind, Kind::Heading(_)))
        .collect();
    // range end of each heading: the next heading of the same or higher level
    let mut range_end = vec![blocks.len(); blocks.len()];
    {
        let mut stack: Vec<usize> = Vec::new();
        for &h in &hs {
            let lvl = level(&blocks[h]);
            while let Some(&top) = stack.last() {
                if level(&blocks[top]) < lvl {
                    break;
                }
                range_end[top] = h;
                stack.pop();
            }
            stack.push(h);
        }
    }
    // parent heading of each heading
    let mut parent: Vec<Option<usize>> = vec![None; blocks.len()];
    {
        let mut stack: Vec<usize> = Vec::new();
        for &h in &hs {
            while stack
                .last()
                .is_some_and(|&t| level(&blocks[t]) >= level(&blocks[h]))
            {
                stack.pop();
            }
            parent[h] = stack.last().copied();
            stack.push(h);
        }
    }
    let title = |h: usize| stripped[h].as_ref().map_or("", |s| s.text.as_str());
    let mut unit: Vec<Option<Unit>> = vec![None; blocks.len()];
    let mut calendar_days: Vec<Option<f64>> = vec![None; blocks.len()];
    let mut next_heading = vec![blocks.len(); blocks.len()];
    for w in hs.windows(2) {
        next_heading[w[0]] = w[1];
    }
    // Headings that name a unit by keyword or a group of units.
    let mut names = vec![false; blocks.len()];
    for &h in &hs {
        let t = title(h);
        names[h] = vocab.is_group_title(t);
        let named = heading::classify_loose(t, vocab);
        // `Phase 1: Goals` names a unit (a separator follows its number);
        // `Week 1 Success Criteria` labels a section of one.
        let separated = named
            .as_ref()
            .and_then(|u| u.number.as_ref())
            .is_some_and(|n| {
                t.find(n.as_str()).is_some_and(|at| {
                    t[at + n.len()..]
                        .trim_start()
                        .starts_with([':', '：', '—', '–', '-', '.'])
                })
            });
        if is_label_heading(t, vocab) && !separated {
            continue;
        }
        if let Some(u) = named {
            unit[h] = Some(u);
            names[h] = true;
            continue;
        }
        if let Some(b) = calendar::block(t) {
            let days = match b {
                calendar::Block::Month => vocab.units.month,
                calendar::Block::Quarter => vocab.units.quarter,
                calendar::Block::Half => vocab.units.month * 6.0,
            };
            calendar_days[h] = Some(days);
            unit[h] = Some(heading::outline(t));
            continue;
        }
        let titled = stripped[h]
            .as_ref()
            .and_then(|s| s.duration.as_ref())
            .is_some_and(|(_, r)| r.min_days.is_some() || r.ongoing);
        if (titled && !is_aside(t)) || states_duration(&blocks[h + 1..next_heading[h]], vocab) {
            unit[h] = Some(heading::outline(t));
        }
    }
    // Whether a heading's range holds a heading that names a unit or a
    // group: then it gathers units (a category), it is not one. Computed
    // from the innermost headings out, so each heading is looked at once.
    let mut holds = vec![false; blocks.len()];
    for &h in hs.iter().rev() {
        if let Some(p) = parent[h] {
            holds[p] = holds[p] || names[h] || holds[h];
        }
    }
    let mut children: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for &h in &hs {
        if let Some(p) = parent[h] {
            children.entry(p).or_default().push(h);
        }
    }
    // Headings gathered under a group heading (`## Upcoming Milestones`), and
    // numbered sibling headings whose bodies read like a plan.
    for &g in &hs {
        let Some(children) = children.get(&g) else {
            continue;
        };
        let group = unit[g].is_none() && vocab.is_group_title(title(g));
        // A container of groups (`# Milestones` over `## Upcoming
        // Milestones`) is a document title, not a group.
        if !group || children.len() < 2 || children.iter().any(|&c| vocab.is_group_title(title(c)))
        {
            continue;
        }
        let open: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&c| free(unit[c].is_some(), holds[c], title(c), vocab))
            .collect();
        let with: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&c| evidence(blocks, c, range_end[c], vocab) > 0)
            .collect();
        let all = with.len() * 2 >= open.len();
        for &c in &open {
            if all || with.contains(&c) {
                unit[c] = Some(heading::outline(title(c)));
            }
        }
    }
    numbered_siblings(
        blocks, &hs, &parent, &range_end, &title, vocab, &holds, &mut unit,
    );
    indexed_headings(blocks, &hs, &next_heading, &title, vocab, &holds, &mut unit);
    let mut found = Vec::new();
    for &h in &hs {
        let Some(u) = unit[h].take() else { continue };
        let s = stripped[h].clone().unwrap_or(Stripped {
            text: String::new(),
            duration: None,
        });
        let mut durations = Vec::new();
        if let Some((range, reading)) = s.duration.clone() {
            durations.push(TitleDuration {
                cell: None,
                range,
                reading,
            });
        } else if let Some(d) = title_duration(&blocks[h].inline.text, vocab) {
            durations.push(d);
        }
        if durations.is_empty()
            && let Some(d) = block_length(&blocks[h].inline.text, &u, calendar_days[h], vocab)
        {
            durations.push(d);
        }
        found.push(Found {
            block: h,
            form: Form::Heading,
            unit: u,
            title: s.text,
            title_range: 0..blocks[h].inline.text.len(),
            durations,
            end: range_end[h],
            under: None,
            also: Vec::new(),
        });
    }
    found.extend(paragraph_units(blocks, vocab));
    found.extend(item_units(blocks, vocab));
    found.extend(row_units(blocks, file.path, vocab, &hs, &found));
    found.sort_by_key(|f| f.block);
    drop_duplicates(&mut found);
    for f in &mut found {
        f.under = match f.form {
            Form::Heading => parent[f.block],
            _ => hs[..hs.partition_point(|&h| h < f.block)].last().copied(),
        };
    }
    if found.is_empty()
        && let Some(f) = file_unit(blocks, file, vocab, &hs, stripped)
    {
        found.push(f);
    }
    found
}

/// The units `parse` finds in a Markdown text, as (form, line, heading).
#[cfg(test)]
fn units_of(md: &str) -> Vec<(String, usize, String)> {
    use crate::document::{ParseOptions, parse};
    parse("plan.md", md, &ParseOptions::default())
        .milestones
        .into_iter()
        .map(|m| (m.form, m.line, m.heading))
        .collect()
}
