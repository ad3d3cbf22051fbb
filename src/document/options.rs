//! The vocabulary the parser reads documents with: unit lengths, section and
//! field synonyms, unit keywords, status words.
//!
//! [`ParseOptions`] is the `[units]`, `[sections]`, `[fields]`, `[keywords]`
//! and `[status]` tables of the configuration, as data (never literals in the
//! parser). Since `parse` runs for thousands of files, the lower-cased lookup
//! tables are built once per options value as a [`Vocabulary`].

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

/// The default configuration; its vocabulary tables are the default options.
const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// Calendar-day equivalents of each duration unit.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Units {
    /// Days in an hour of work (a working day is 8 hours).
    pub hour: f64,
    /// Days in a day.
    pub day: f64,
    /// Days in a week.
    pub week: f64,
    /// Days in a month.
    pub month: f64,
    /// Days in a quarter.
    pub quarter: f64,
    /// Days in a year.
    pub year: f64,
    /// Days in a sprint.
    pub sprint: f64,
}

/// The vocabulary tables of the configuration that the parser uses.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ParseOptions {
    /// Calendar-day equivalents of each duration unit.
    pub units: Units,
    /// Canonical section name → labels (case-insensitive).
    pub sections: BTreeMap<String, Vec<String>>,
    /// Canonical field key → labels (case-insensitive).
    pub fields: BTreeMap<String, Vec<String>>,
    /// Unit kind (`phase`, `sprint`, `milestone`) → heading keywords.
    pub keywords: BTreeMap<String, Vec<String>>,
    /// Status (`done`, `in_progress`, …) → words and emoji that state it.
    #[serde(default)]
    pub status: BTreeMap<String, Vec<String>>,
    /// Globs of files that are templates (`templates`).
    #[serde(default)]
    pub templates: Vec<String>,
    /// Patterns of unfilled template text (`placeholders.patterns`).
    #[serde(default)]
    pub placeholders: Placeholders,
}

/// The `[placeholders]` table.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Placeholders {
    /// Regular expressions of template text left unfilled.
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        // The file is compiled in and covered by tests, so this cannot fail at
        // run time unless the build itself is broken.
        toml::from_str(DEFAULT_CONFIG).expect("src/config/default.toml has valid vocabulary tables")
    }
}

impl ParseOptions {
    /// Builds the lower-cased lookup tables once.
    pub fn prepare(&self) -> Vocabulary {
        let mut sections = Labels::default();
        for (name, labels) in &self.sections {
            for label in labels {
                sections
                    .entry(normalize_label(label))
                    .or_insert_with(|| name.clone());
            }
        }
        let mut fields = Labels::default();
        for (key, labels) in &self.fields {
            for label in labels {
                fields
                    .entry(normalize_label(label))
                    .or_insert_with(|| key.clone());
            }
        }
        let mut keywords: Vec<(Vec<char>, String)> = Vec::new();
        let mut groups = Labels::default();
        for word in self.keywords.get("group").into_iter().flatten() {
            groups.insert(normalize_label(word), String::new());
        }
        let future: Vec<Vec<char>> = self
            .keywords
            .get("future")
            .into_iter()
            .flatten()
            .map(|w| {
                let mut folded = Vec::new();
                super::status::fold_into(w, &mut folded);
                folded
            })
            .filter(|w| !w.is_empty())
            .collect();
        for (kind, words) in self
            .keywords
            .iter()
            .filter(|(k, _)| *k != "group" && *k != "future")
        {
            for word in words {
                let lower: Vec<char> = word.trim().to_lowercase().chars().collect();
                if !lower.is_empty() {
                    keywords.push((lower, kind.clone()));
                }
            }
        }
        // Longest first, so `Phasen` wins over `Phase`.
        keywords.sort_by_key(|k| std::cmp::Reverse(k.0.len()));
        Vocabulary {
            units: self.units.clone(),
            sections,
            fields,
            keywords,
            groups,
            future,
            statuses: super::status::Statuses::new(&self.status),
            templates: super::template::Templates::new(
                &self.templates,
                &self.placeholders.patterns,
            ),
        }
    }
}

/// Lookup tables built from [`ParseOptions`] by [`ParseOptions::prepare`].
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// Calendar-day equivalents of each unit.
    pub units: Units,
    sections: Labels,
    fields: Labels,
    /// Lower-cased keyword characters → kind, longest first.
    pub(crate) keywords: Vec<(Vec<char>, String)>,
    /// Normalised plural group words (`milestones`, `fases`).
    groups: Labels,
    /// Folded words that mark a unit as future work (`later`, `将来`).
    pub(crate) future: Vec<Vec<char>>,
    /// Words and emoji that state a unit's status.
    pub(crate) statuses: super::status::Statuses,
    /// What makes a file a template.
    pub(crate) templates: super::template::Templates,
}

impl Vocabulary {
    /// The canonical section of a label written exactly as a synonym.
    pub fn section_exact(&self, label: &str) -> Option<&str> {
        self.sections
            .get(&normalize_label(label))
            .map(String::as_str)
    }

    /// The canonical section of a block label, also when the label carries a
    /// qualifier: `Success Criteria (what must be TRUE)`, `Entregables Fase 0`,
    /// `Documentation Deliverables`.
    pub fn section_qualified(&self, label: &str) -> Option<&str> {
        let norm = normalize_label(label);
        if let Some(name) = self.sections.get(&norm) {
            return Some(name);
        }
        let base = strip_parenthetical(&norm);
        if let Some(name) = self.sections.get(base) {
            return Some(name);
        }
        // `norm` has single spaces between words. A synonym followed by more
        // words is a prefix ending at a space; the longest wins.
        for (at, _) in base.rmatch_indices(' ') {
            if let Some(name) = self.sections.get(&base[..at]) {
                return Some(name);
            }
        }
        // A synonym after one or two words, longest first.
        for (at, _) in base.match_indices(' ').take(2) {
            if let Some(name) = self.sections.get(&base[at + 1..]) {
                return Some(name);
            }
        }
        None
    }

    /// The field key of a label: its synonym group, else the lower-case label
    /// with spaces as `_`.
    pub fn field_key(&self, label: &str) -> String {
        let norm = normalize_label(label);
        if let Some(key) = self.field_of(&norm) {
            return key.clone();
        }
        norm.split_whitespace().collect::<Vec<_>>().join("_")
    }

    /// The synonym group of a normalised label, also when the unit's own
    /// keyword qualifies it (`Sprint Duration`, `Phase Timeline`).
    fn field_of(&self, norm: &str) -> Option<&String> {
        if let Some(key) = self.fields.get(norm) {
            return Some(key);
        }
        let (first, rest) = norm.split_once(' ')?;
        let unit_word = self.keywords.iter().any(|(kw, _)| {
            kw.len() == first.chars().count() && kw.iter().copied().eq(first.chars())
        });
        if unit_word {
            self.fields.get(rest)
        } else {
            None
        }
    }

    /// Whether a heading title names a group of units: a group word as its
    /// last word (`Upcoming Milestones`, `Prototype Milestones`), its first
    /// (`Milestones 2026`), or the whole title.
    pub fn is_group_title(&self, title: &str) -> bool {
        let norm = normalize_label(title);
        let base = strip_parenthetical(&norm);
        let base = base.trim_end_matches(|c: char| !c.is_alphanumeric());
        if self.groups.contains_key(base) {
            return true;
        }
        let words: Vec<&str> = base
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '&' | '/' | '_' | '.'))
            .filter(|w| !w.is_empty())
            .collect();
        let last = words.last().copied().unwrap_or_default();
        let first = words.first().copied().unwrap_or_default();
        self.groups.contains_key(last)
            || (words.len() <= 3 && self.groups.contains_key(first))
            || self
                .groups
                .keys()
                .any(|g| !g.is_ascii() && base.contains(g.as_str()))
    }

    /// Whether the label is one of the `[fields]` synonyms.
    pub fn is_known_field(&self, label: &str) -> bool {
        self.field_of(&normalize_label(label)).is_some()
    }
}

/// Normalised label → canonical name.
type Labels = HashMap<String, String, BuildHasherDefault<Fnv>>;

/// FNV-1a: labels are a few words long, and SipHash's set-up cost was most
/// of each lookup. The keys come from the configuration.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Lower-cases a label, drops a trailing colon and collapses whitespace.
pub fn normalize_label(label: &str) -> String {
    let trimmed = label.trim().trim_end_matches([':', '：']).trim_end();
    // Lower-casing never makes whitespace, so collapsing first is the same.
    let mut out = super::text::collapse(trimmed);
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.chars().flat_map(char::to_lowercase).collect()
    }
}

/// Drops a trailing `(…)` / `（…）` qualifier.
fn strip_parenthetical(label: &str) -> &str {
    let t = label.trim_end();
    if (t.ends_with(')') || t.ends_with('）'))
        && let Some(open) = t.rfind(['(', '（'])
        && open > 0
    {
        return t[..open].trim_end();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_read_the_default_config() {
        let opts = ParseOptions::default();
        assert_eq!(opts.units.week, 7.0);
        assert_eq!(opts.units.hour, 0.125);
        assert!(
            opts.sections["objectives"]
                .iter()
                .any(|s| s == "Objectives")
        );
        assert!(opts.fields["duration"].iter().any(|s| s == "Duración"));
        assert!(opts.keywords["phase"].iter().any(|s| s == "阶段"));
    }

    #[test]
    fn section_labels_match_case_insensitively_and_with_qualifiers() {
        let v = ParseOptions::default().prepare();
        assert_eq!(v.section_exact("OBJECTIVES:"), Some("objectives"));
        assert_eq!(v.section_exact("Goal"), Some("objectives"));
        assert_eq!(v.section_exact("Risk Level"), None);
        assert_eq!(
            v.section_qualified("Success Criteria (what must be TRUE):"),
            Some("success_criteria")
        );
        assert_eq!(
            v.section_qualified("Entregables Fase 0"),
            Some("deliverables")
        );
        assert_eq!(
            v.section_qualified("Documentation Deliverables"),
            Some("deliverables")
        );
        assert_eq!(v.section_qualified("Technical Notes"), None);
        // A reader counts a guide's example work as the unit's tasks.
        assert_eq!(v.section_qualified("Example Projects"), Some("tasks"));
    }

    #[test]
    fn labels_normalise_to_their_lower_cased_words() {
        let slow = |label: &str| {
            let trimmed = label.trim().trim_end_matches([':', '：']).trim_end();
            let words: Vec<String> = trimmed
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            words.join(" ")
        };
        for label in [
            "",
            " : ",
            "Success Criteria:",
            "  Key \t TASKS \x0b\x0c\r\n Now :",
            "A  (b)  C:  ",
            "Déjà Vu",
            "目标：",
        ] {
            assert_eq!(normalize_label(label), slow(label), "{label:?}");
        }
    }

    #[test]
    fn field_keys_are_canonical() {
        let v = ParseOptions::default().prepare();
        assert_eq!(v.field_key("Estimated Effort"), "duration");
        assert_eq!(v.field_key("推定時間"), "duration");
        assert_eq!(v.field_key("Target  Date:"), "target_date");
        assert_eq!(v.field_key("Focus"), "focus");
        assert_eq!(v.field_key("Sprint Duration"), "duration");
        assert_eq!(v.field_key("Lead Time"), "lead_time");
        assert!(v.is_known_field("TIMELINE"));
        assert!(!v.is_known_field("Focus"));
    }
}
