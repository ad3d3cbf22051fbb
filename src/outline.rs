//! `mlint outline`: what mlint understood of a file, for a person to check.
//!
//! Policies see a JSON document (`mlint parse`); a person wants to know
//! whether mlint found their phases, sprints and milestones at all, and read
//! the right durations and sections. An [`Outline`] is that view of one
//! [`Document`]: its units in document order, each nested under the unit it
//! sits in, with the facts a reader can check against the file at a glance.
//! It renders as aligned text, one line per unit ([`Outline::write_human`]),
//! or as JSON for tools (serde, field order is key order).
//!
//! Titles, statuses and paths come from untrusted files, so the text form
//! escapes control characters and bidirectional overrides: an outline cannot
//! rewrite the terminal or disguise one title as another.

use crate::document::{Document, Duration, Milestone};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// Widest title column, in terminal columns; longer titles are cut with `…`
/// (the JSON form keeps them whole) so one long title does not push every
/// other column off the screen.
const MAX_TITLE_WIDTH: usize = 48;

/// Shown in the duration column of a unit that states none.
const NO_DURATION: &str = "—";

/// The units mlint read in one file.
#[derive(Debug, Serialize)]
pub struct Outline<'a> {
    /// The path as shown everywhere else.
    pub path: &'a str,
    /// Whether the file looks like a plan (see `input/no-milestones`).
    pub looks_like_plan: bool,
    /// Every unit, in document order.
    pub units: Vec<Unit<'a>>,
}

/// One unit as the outline shows it.
#[derive(Debug, Serialize)]
pub struct Unit<'a> {
    /// Line of the unit's title.
    pub line: usize,
    /// Nesting below other units: 0 at the top of the outline.
    pub depth: usize,
    /// Line of the unit this one sits in, if any.
    pub parent: Option<usize>,
    /// The title as a reader sees it.
    pub title: &'a str,
    /// `phase`, `sprint` or `milestone`.
    pub kind: &'a str,
    /// How it is written: `heading`, `table_row`, `list_item`, `paragraph`, `file`.
    pub form: &'a str,
    /// Heading level (see the document model).
    pub level: u8,
    /// The duration that applies, exactly as `mlint parse` shows it.
    pub duration: Option<&'a Duration>,
    /// The unit's status, if it states one.
    pub status: Option<&'a str>,
    /// The sections found, in document order.
    pub sections: Vec<SectionSummary<'a>>,
}

/// A section of a unit: its canonical name and how many items mlint read.
#[derive(Debug, Serialize)]
pub struct SectionSummary<'a> {
    /// Canonical name, such as `success_criteria`.
    pub name: &'a str,
    /// The label as written.
    pub label: &'a str,
    /// Line of the label.
    pub line: usize,
    /// Number of items (at every depth).
    pub items: usize,
}

/// The status a unit states. Today that is a `Status:` field; a dedicated
/// `status` key of the document model would be read here first.
fn status(m: &Milestone) -> Option<&str> {
    m.fields
        .get("status")
        .map(|f| f.value.as_str())
        .filter(|v| !v.is_empty())
}

impl<'a> Outline<'a> {
    /// The outline of `doc`.
    pub fn of(doc: &'a Document) -> Outline<'a> {
        let mut order: Vec<&Milestone> = doc.milestones.iter().collect();
        order.sort_by_key(|m| m.line);
        let mut depth_of: HashMap<usize, usize> = HashMap::new();
        let mut units = Vec::with_capacity(order.len());
        for m in order {
            let parent = m
                .parent_line
                .and_then(|p| enclosing_unit(doc, p, &depth_of));
            let depth = parent.map_or(0, |p| depth_of[&p] + 1);
            depth_of.insert(m.line, depth);
            let mut sections: Vec<SectionSummary> = m
                .sections
                .iter()
                .map(|(name, s)| SectionSummary {
                    name,
                    label: &s.label,
                    line: s.line,
                    items: s.items.len(),
                })
                .collect();
            sections.sort_by_key(|s| (s.line, s.name));
            units.push(Unit {
                line: m.line,
                depth,
                parent,
                title: &m.heading,
                kind: &m.kind,
                form: &m.form,
                level: m.level,
                duration: m.duration.as_ref(),
                status: status(m),
                sections,
            });
        }
        Outline {
            path: &doc.path,
            looks_like_plan: doc.looks_like_plan,
            units,
        }
    }

    /// Writes the text form: a line naming the file and counting its units,
    /// then one aligned line per unit, children indented under their parent.
    pub fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        let path = escape(self.path);
        if self.units.is_empty() {
            return if self.looks_like_plan {
                writeln!(
                    out,
                    "{path}: no unit found in what looks like a plan (write units as headings such as `## Phase 1: Research`, or add your words to [keywords] in mlint.toml)"
                )
            } else {
                writeln!(out, "{path}: no unit found")
            };
        }
        let n = self.units.len();
        writeln!(out, "{path}: {n} unit{}", if n == 1 { "" } else { "s" })?;
        let rows: Vec<[String; 7]> = self
            .units
            .iter()
            .map(|u| {
                [
                    u.line.to_string(),
                    format!("{}{}", "  ".repeat(u.depth), clip(&escape(u.title))),
                    u.kind.to_string(),
                    u.form.to_string(),
                    u.duration.map_or_else(|| NO_DURATION.into(), describe),
                    u.status.map(escape).unwrap_or_default(),
                    u.sections
                        .iter()
                        .map(|s| format!("{} ({})", escape(s.name), s.items))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        let mut widths = [0usize; 7];
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        for row in &rows {
            let mut line = String::from("  ");
            // The line number is right-aligned; the rest left-aligned.
            line.push_str(&" ".repeat(widths[0] - row[0].width()));
            line.push_str(&row[0]);
            for (cell, w) in row.iter().zip(widths).skip(1) {
                // A column no unit fills (status, often) takes no room.
                if w == 0 {
                    continue;
                }
                line.push_str("  ");
                line.push_str(cell);
                line.push_str(&" ".repeat(w - cell.width()));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// The line of the unit that a unit whose parent heading is on `line` sits
/// in: that heading if it is a unit, else the nearest unit among the
/// headings above it (a group heading such as `### Technical Milestones`
/// between a phase and its milestones is not shown but does not cut them off).
fn enclosing_unit(doc: &Document, mut line: usize, units: &HashMap<usize, usize>) -> Option<usize> {
    loop {
        if units.contains_key(&line) {
            return Some(line);
        }
        let at = doc.headings.iter().position(|h| h.line == line)?;
        let level = doc.headings[at].level;
        line = doc.headings[..at]
            .iter()
            .rev()
            .find(|h| h.level < level)?
            .line;
    }
}

/// A duration as written, followed by how mlint read it:
/// `2-3 weeks (14-21 days)`, `Ongoing (ongoing)`, `TBD (placeholder)`.
fn describe(d: &Duration) -> String {
    let reading = if d.placeholder {
        "placeholder".to_string()
    } else if d.ongoing {
        "ongoing".to_string()
    } else {
        let days = match (d.min_days, d.max_days) {
            (Some(a), Some(b)) if a == b => format!("{a} day{}", if a == 1.0 { "" } else { "s" }),
            (Some(a), Some(b)) => format!("{a}-{b} days"),
            (Some(a), None) => format!("{a}+ days"),
            (None, Some(b)) => format!("up to {b} days"),
            (None, None) => "unreadable".to_string(),
        };
        if d.window {
            format!("window, {days}")
        } else {
            days
        }
    };
    format!("{} ({reading})", escape(&d.text))
}

/// `text` cut to [`MAX_TITLE_WIDTH`] columns, with `…` when cut.
fn clip(text: &str) -> String {
    if text.width() <= MAX_TITLE_WIDTH {
        return text.to_string();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > MAX_TITLE_WIDTH - 1 {
            break;
        }
        width += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` made inert for a terminal (see [`crate::escape::escape`], the
/// one escaping every human-readable output uses).
pub fn escape(text: &str) -> String {
    crate::escape::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ParseOptions, parse};

    fn human(path: &str, text: &str) -> String {
        let doc = parse(path, text, &ParseOptions::default());
        let mut out = Vec::new();
        Outline::of(&doc).write_human(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn units_under_a_group_heading_nest_under_the_unit_above_it() {
        let text = "## Phase 1: Platform\n\n**Duration:** 6 weeks\n\n### Technical Milestones\n\n#### M1 Auth service\n\n**Duration:** 2 weeks\n\n## Phase 2: Growth\n\n**Duration:** 1 week\n";
        let doc = parse("plan.md", text, &ParseOptions::default());
        let outline = Outline::of(&doc);
        let shape: Vec<(usize, usize, Option<usize>)> = outline
            .units
            .iter()
            .map(|u| (u.line, u.depth, u.parent))
            .collect();
        assert_eq!(shape, vec![(1, 0, None), (7, 1, Some(1)), (11, 0, None)]);
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        assert_eq!(escape("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("阶段 1：研究"), "阶段 1：研究");
    }

    #[test]
    fn long_titles_are_clipped_to_the_column() {
        let clipped = clip(&"x".repeat(100));
        assert_eq!(clipped.width(), MAX_TITLE_WIDTH);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip("short"), "short");
    }

    #[test]
    fn durations_say_how_they_were_read() {
        let out = human(
            "plan.md",
            "## Phase 1: A\n\n**Duration:** 2-3 weeks\n\n## Phase 2: B\n\n**Duration:** Ongoing\n\n## Phase 3: C\n\n**Duration:** TBD\n\n## Phase 4: D\n",
        );
        assert!(out.contains("2-3 weeks (14-21 days)"), "{out}");
        assert!(out.contains("Ongoing (ongoing)"), "{out}");
        assert!(out.contains("TBD (placeholder)"), "{out}");
        assert!(out.contains(NO_DURATION), "{out}");
    }

    #[test]
    fn a_file_without_units_says_so() {
        assert_eq!(
            human("notes.md", "# Notes\n\nText.\n"),
            "notes.md: no unit found\n"
        );
        assert!(
            human("ROADMAP.md", "# Notes\n\nText.\n").contains("looks like a plan"),
            "ROADMAP.md looks like a plan"
        );
    }
}
