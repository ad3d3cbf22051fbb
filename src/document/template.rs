//! Whether a file is a plan or a template (`file_kind`).
//!
//! A file is a template when its path matches one of the configuration's
//! `templates` globs (case-insensitively: `ISSUE_TEMPLATE`, `*template*`), or
//! when most of its units are unfilled: a placeholder in the title
//! (`Milestone {{N}}: {{Name}}`), a placeholder duration (`[X weeks]`), or
//! placeholders in at least half of its field values and items. The
//! placeholders are the configuration's `placeholders.patterns`, the same
//! ones `content/placeholder` reports.
//!
//! Both the globs and the patterns are compiled on first use, so a run over
//! files with no unit never compiles the patterns.

use std::sync::OnceLock;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::model::Milestone;

/// `file_kind` of a filled-in plan.
pub const PLAN: &str = "plan";
/// `file_kind` of a template.
pub const TEMPLATE: &str = "template";

/// The configuration's idea of a template, compiled lazily.
#[derive(Clone, Debug, Default)]
pub(crate) struct Templates {
    globs: Vec<String>,
    compiled_globs: OnceLock<Option<GlobSet>>,
    /// The patterns as one alternation, exactly as `content/placeholder`
    /// writes it, so the shared cache compiles it once for both; none when
    /// no pattern is configured.
    alternation: Option<String>,
}

impl Templates {
    pub(crate) fn new(globs: &[String], patterns: &[String]) -> Templates {
        Templates {
            globs: globs.to_vec(),
            alternation: (!patterns.is_empty())
                .then(|| format!("(?m)(?:{})", patterns.join(")|(?:"))),
            ..Templates::default()
        }
    }

    /// Whether `path` (`/`-separated) matches a `templates` glob.
    fn path_matches(&self, path: &str) -> bool {
        // Compiling the set (its case-insensitive globs are regexes) was 2%
        // of a one-file run; a path without any glob's required text cannot
        // match, and most plans are not named like templates.
        if path.is_ascii() {
            let lower = path.to_ascii_lowercase();
            let literals: Option<Vec<String>> =
                self.globs.iter().map(|g| required_literal(g)).collect();
            if literals.is_some_and(|l| !l.iter().any(|l| lower.contains(l.as_str()))) {
                return false;
            }
        }
        let set = self.compiled_globs.get_or_init(|| {
            let mut builder = GlobSetBuilder::new();
            for g in &self.globs {
                // Invalid globs are reported by the configuration check.
                if let Ok(glob) = GlobBuilder::new(g).case_insensitive(true).build() {
                    builder.add(glob);
                }
            }
            builder.build().ok()
        });
        set.as_ref().is_some_and(|s| s.is_match(path))
    }

    /// Whether `text` holds a placeholder. Patterns that do not compile
    /// (reported by the policy that uses them) make nothing a placeholder.
    fn placeholder(&self, text: &str) -> bool {
        self.alternation.as_ref().is_some_and(|alternation| {
            super::pattern::shared_regex(alternation).is_ok_and(|re| re.is_match(text))
        })
    }

    /// The kind of the file at `path` (`/`-separated) with these units.
    pub(crate) fn file_kind(&self, path: &str, milestones: &[Milestone]) -> &'static str {
        if self.path_matches(path) || self.mostly_unfilled(milestones) {
            TEMPLATE
        } else {
            PLAN
        }
    }

    /// Whether more than half of the units are unfilled; for a file of one
    /// unit, whether its title holds a placeholder.
    fn mostly_unfilled(&self, milestones: &[Milestone]) -> bool {
        if milestones.is_empty() || self.alternation.is_none() {
            return false;
        }
        // A file of one unit is a template when its title is unfilled
        // (`[Sprint] `); one milestone with `TBD` under it or as its
        // duration is an unfinished plan.
        if let [only] = milestones {
            return self.placeholder(&only.heading);
        }
        let unfilled = milestones.iter().filter(|m| self.unfilled(m)).count();
        unfilled * 2 > milestones.len()
    }

    fn unfilled(&self, m: &Milestone) -> bool {
        if self.placeholder(&m.heading) || m.durations.iter().any(|d| d.placeholder) {
            return true;
        }
        let texts: Vec<&str> = m
            .fields
            .iter()
            .filter(|(key, _)| key.as_str() != "duration")
            .map(|(_, f)| f.value.as_str())
            .chain(
                m.sections
                    .values()
                    .flat_map(|s| s.items.iter().map(|i| i.text.as_str())),
            )
            .filter(|t| !t.trim().is_empty())
            .collect();
        let held = texts.iter().filter(|t| self.placeholder(t)).count();
        !texts.is_empty() && held * 2 >= texts.len()
    }
}

/// Text every path a glob matches must contain, lower-cased: its longest
/// run of plain characters (`**/templates/**` → `templates`). `None` when
/// the glob has classes, alternatives or escapes, or non-ASCII text (whose
/// case-insensitive matches lower-casing cannot predict): such a glob is
/// always compiled.
fn required_literal(glob: &str) -> Option<String> {
    if !glob.is_ascii() || glob.contains(['[', ']', '{', '}', '\\']) {
        return None;
    }
    glob.split(['*', '?', '/'])
        .max_by_key(|piece| piece.len())
        .filter(|piece| !piece.is_empty())
        .map(str::to_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ParseOptions, parse};

    fn kind(path: &str, source: &str) -> String {
        parse(path, source, &ParseOptions::default()).file_kind
    }

    #[test]
    fn template_globs_match_case_insensitively() {
        let plan = "## Phase 1: Build\n\n**Duration:** 2 weeks\n";
        assert_eq!(kind("docs/plan.md", plan), PLAN);
        assert_eq!(kind("docs/templates/plan.md", plan), TEMPLATE);
        assert_eq!(kind("sprint-template.md", plan), TEMPLATE);
        assert_eq!(kind("ROADMAP_TEMPLATE.md", plan), TEMPLATE);
        assert_eq!(kind(".github/ISSUE_TEMPLATE/milestone.md", plan), TEMPLATE);
        assert_eq!(kind(".github/PULL_REQUEST_TEMPLATE.md", plan), TEMPLATE);
        assert_eq!(kind("docs\\templates\\plan.md", plan), TEMPLATE);
    }

    #[test]
    fn the_literal_prefilter_agrees_with_the_globs() {
        assert_eq!(
            required_literal("**/templates/**").as_deref(),
            Some("templates")
        );
        assert_eq!(
            required_literal("**/PULL_REQUEST_TEMPLATE*").as_deref(),
            Some("pull_request_template")
        );
        assert_eq!(required_literal("**/*.{md,txt}"), None);
        assert_eq!(required_literal("**/[ab]*"), None);
        assert_eq!(required_literal("**"), None);
        let globs: Vec<String> = ["**/templates/**", "**/*Template*", "docs/?lan.md", "**"]
            .map(String::from)
            .to_vec();
        for n in 1..=globs.len() {
            let t = Templates::new(&globs[..n], &[]);
            let set = {
                let mut b = GlobSetBuilder::new();
                for g in &globs[..n] {
                    b.add(GlobBuilder::new(g).case_insensitive(true).build().unwrap());
                }
                b.build().unwrap()
            };
            for path in [
                "plan.md",
                "docs/plan.md",
                "docs/Plan.md",
                "TEMPLATES/x.md",
                "a/sprint-TEMPLATE.md",
                "templates.md",
                "docs/ſ.md",
                "",
            ] {
                assert_eq!(
                    t.path_matches(path),
                    set.is_match(path),
                    "{path} with {n} globs"
                );
            }
        }
    }

    #[test]
    fn most_units_unfilled_make_a_template() {
        let skeleton =
            "## Phase 1: [Phase Name]\n\n## Phase 2: [Phase Name]\n\n## Phase 3: Launch\n";
        assert_eq!(kind("plan.md", skeleton), TEMPLATE);
        let durations =
            "## Sprint 1\n\n**Duration:** [X weeks]\n\n## Sprint 2\n\n**Duration:** TBD\n";
        assert_eq!(kind("plan.md", durations), TEMPLATE);
        let items = "## Phase 1: Build\n\n**Deliverables:**\n\n- Deliverable 1\n- [Describe the outcome]\n- Parser\n\n## Phase 2: Ship\n\n- TBD\n";
        assert_eq!(kind("plan.md", items), TEMPLATE);
    }

    #[test]
    fn a_plan_with_a_few_placeholders_stays_a_plan() {
        let plan = "## Phase 1: Build\n\n**Owner:** TBD\n\n- Parser\n- Rules\n- CLI\n\n## Phase 2: Ship\n\n- Release\n";
        assert_eq!(kind("plan.md", plan), PLAN);
        let one_of_three = "## Phase 1: [Name]\n\n## Phase 2: Build\n\n## Phase 3: Ship\n";
        assert_eq!(kind("plan.md", one_of_three), PLAN);
        let lone_stub = "## Phase 1: Everything\n\n**Duration:** TBD\n\n**Objectives:**\n- TBD\n";
        assert_eq!(kind("plan.md", lone_stub), PLAN);
        let lone_skeleton = "## Sprint: [Sprint Name]\n\n- TBD\n";
        assert_eq!(kind("plan.md", lone_skeleton), TEMPLATE);
    }
}
