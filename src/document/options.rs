//! The vocabulary the parser reads documents with: unit lengths, section and
//! field synonyms, unit keywords.
//!
//! [`ParseOptions`] is the `[units]`, `[sections]`, `[fields]` and `[keywords]`
//! tables of the configuration, as data (never literals in the parser). Since
//! `parse` runs for thousands of files, the lower-cased lookup tables are
//! built once per options value as a [`Vocabulary`].

use std::collections::{BTreeMap, HashMap};

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
        let mut sections = HashMap::new();
        for (name, labels) in &self.sections {
            for label in labels {
                sections
                    .entry(normalize_label(label))
                    .or_insert_with(|| name.clone());
            }
        }
        let mut fields = HashMap::new();
        for (key, labels) in &self.fields {
            for label in labels {
                fields
                    .entry(normalize_label(label))
                    .or_insert_with(|| key.clone());
            }
        }
        let mut keywords: Vec<(Vec<char>, String)> = Vec::new();
        for (kind, words) in &self.keywords {
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
        }
    }
}

/// Lookup tables built from [`ParseOptions`] by [`ParseOptions::prepare`].
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// Calendar-day equivalents of each unit.
    pub units: Units,
    sections: HashMap<String, String>,
    fields: HashMap<String, String>,
    /// Lower-cased keyword characters → kind, longest first.
    pub(crate) keywords: Vec<(Vec<char>, String)>,
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
        let spaces: Vec<usize> = base.match_indices(' ').map(|(i, _)| i).collect();
        for &at in spaces.iter().rev() {
            if let Some(name) = self.sections.get(&base[..at]) {
                return Some(name);
            }
        }
        // A synonym after one or two words, longest first.
        for &at in spaces.iter().take(2) {
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
        if let Some(key) = self.fields.get(&norm) {
            return key.clone();
        }
        norm.split_whitespace().collect::<Vec<_>>().join("_")
    }

    /// Whether the label is one of the `[fields]` synonyms.
    pub fn is_known_field(&self, label: &str) -> bool {
        self.fields.contains_key(&normalize_label(label))
    }
}

/// Lower-cases a label, drops a trailing colon and collapses whitespace.
pub fn normalize_label(label: &str) -> String {
    let trimmed = label.trim().trim_end_matches([':', '：']).trim_end();
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
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
        assert_eq!(v.section_qualified("Example Projects"), None);
    }

    #[test]
    fn field_keys_are_canonical() {
        let v = ParseOptions::default().prepare();
        assert_eq!(v.field_key("Estimated Effort"), "duration");
        assert_eq!(v.field_key("推定時間"), "duration");
        assert_eq!(v.field_key("Target  Date:"), "target_date");
        assert_eq!(v.field_key("Focus"), "focus");
        assert!(v.is_known_field("TIMELINE"));
        assert!(!v.is_known_field("Focus"));
    }
}
