//! Inline suppressions, applied centrally after evaluation so rules never
//! think about them.
//!
//! Directives are HTML comments, invisible in rendered Markdown:
//!
//! - `<!-- mlint-disable RULE[, RULE…] -->` … `<!-- mlint-enable [RULE…] -->`
//! - `<!-- mlint-disable-next-line RULE -->`
//! - `<!-- mlint-disable-file RULE -->`
//! - `<!-- mlint-disable-section RULE -- reason -->`: the whole heading
//!   section the comment sits in (up to the next heading of the same or a
//!   higher level).
//!
//! Without rule ids a directive covers every rule. A reason may follow `--`.
//! Directives that name unknown rules, suppress nothing, or (with
//! `require_reason`) give no reason are findings of their own.

use crate::diagnostic::{Finding, Location, Severity};
use crate::document::{Document, LineIndex};

/// `mlint/unknown-rule`.
pub const UNKNOWN_RULE: &str = "mlint/unknown-rule";
/// `mlint/unused-suppression`.
pub const UNUSED: &str = "mlint/unused-suppression";
/// `mlint/missing-reason`.
pub const MISSING_REASON: &str = "mlint/missing-reason";

/// The kinds of directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `mlint-disable`: until `mlint-enable` or the end of the file.
    Disable,
    /// `mlint-disable-next-line`.
    NextLine,
    /// `mlint-disable-file`.
    File,
    /// `mlint-disable-section`.
    Section,
}

/// One suppression directive and the lines it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Which kind.
    pub kind: Kind,
    /// Rule ids (or `category/*`); empty means every rule.
    pub rules: Vec<String>,
    /// The reason after `--`.
    pub reason: Option<String>,
    /// Where the comment is.
    pub line: usize,
    /// The comment's byte span.
    pub span: (usize, usize),
    /// First and last line covered.
    pub covers: (usize, usize),
}

impl Directive {
    fn matches(&self, rule: &str) -> bool {
        self.rules.is_empty()
            || self.rules.iter().any(|r| match r.strip_suffix("/*") {
                Some(prefix) => rule.starts_with(prefix) && rule[prefix.len()..].starts_with('/'),
                None => r == rule,
            })
    }
}

/// Parses `RULE, RULE -- reason`.
fn rules_and_reason(rest: &str) -> (Vec<String>, Option<String>) {
    let (rules, reason) = match rest.split_once("--") {
        Some((r, why)) => (r, Some(why.trim().to_string()).filter(|w| !w.is_empty())),
        None => (rest, None),
    };
    let rules = rules
        .split([',', ' ', '\t', '\n'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    (rules, reason)
}

/// The last line of the heading section holding `line`.
fn section_range(doc: &Document, line: usize) -> (usize, usize) {
    let owner = doc.headings.iter().rev().find(|h| h.line <= line);
    let Some(owner) = owner else {
        return (1, doc.line_count.max(1));
    };
    let end = doc
        .headings
        .iter()
        .find(|h| h.line > owner.line && h.level <= owner.level)
        .map(|h| h.line - 1)
        .unwrap_or(doc.line_count.max(1));
    (owner.line, end)
}

/// Reads every directive of `doc`, with `mlint-enable` closing ranges.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let last = doc.line_count.max(1);
    let mut out: Vec<Directive> = Vec::new();
    for c in &doc.comments {
        let text = c.text.trim();
        let Some(rest) = text.strip_prefix("mlint-") else {
            continue;
        };
        let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let (rules, reason) = rules_and_reason(args);
        let span = (c.span.start, c.span.end);
        let (kind, covers) = match word {
            "disable" => (Kind::Disable, (c.end_line, last)),
            "disable-next-line" => (Kind::NextLine, (c.end_line + 1, c.end_line + 1)),
            "disable-file" => (Kind::File, (1, last)),
            "disable-section" => (Kind::Section, section_range(doc, c.line)),
            "enable" => {
                // Close the open ranges this enable names (all, without ids).
                for d in out
                    .iter_mut()
                    .filter(|d| d.kind == Kind::Disable && d.covers.1 == last && d.line < c.line)
                {
                    if rules.is_empty() || d.rules.iter().any(|r| rules.contains(r)) {
                        d.covers.1 = c.line;
                    }
                }
                continue;
            }
            _ => continue,
        };
        out.push(Directive {
            kind,
            rules,
            reason,
            line: c.line,
            span,
            covers,
        });
    }
    out
}

/// The settings suppression needs.
pub struct Settings<'a> {
    /// Every known rule id.
    pub known: &'a [String],
    /// A directive without a reason is an error.
    pub require_reason: bool,
    /// The level of mlint's own suppression rules (`None` = off).
    pub level: &'a dyn Fn(&str, Severity) -> Option<Severity>,
}

/// Removes suppressed findings and adds findings about the directives.
pub fn apply(
    path: &str,
    doc: &Document,
    index: &LineIndex,
    findings: Vec<Finding>,
    settings: &Settings<'_>,
) -> Vec<Finding> {
    let directives = directives(doc);
    if directives.is_empty() {
        return findings;
    }
    let mut used = vec![false; directives.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let hit = directives.iter().enumerate().find(|(_, d)| {
            d.matches(&f.rule) && d.covers.0 <= f.location.line && f.location.line <= d.covers.1
        });
        match hit {
            Some((i, _)) => used[i] = true,
            None => kept.push(f),
        }
    }
    let mut extra = Vec::new();
    let mut emit = |rule: &str, default: Severity, d: &Directive, message: String, help: &str| {
        if let Some(severity) = (settings.level)(rule, default) {
            extra.push(Finding {
                path: path.to_string(),
                rule: rule.to_string(),
                severity,
                message,
                help: Some(help.to_string()),
                location: Location::from_span(index, d.span.0, d.span.1),
                detail: false,
            });
        }
    };
    for (i, d) in directives.iter().enumerate() {
        let mut all_known = true;
        for r in &d.rules {
            let prefix = r.strip_suffix("/*");
            let known = match prefix {
                Some(p) => settings
                    .known
                    .iter()
                    .any(|k| k.starts_with(&format!("{p}/"))),
                None => settings.known.iter().any(|k| k == r),
            };
            if !known {
                all_known = false;
                emit(
                    UNKNOWN_RULE,
                    Severity::Warning,
                    d,
                    format!(
                        "suppression names unknown rule `{r}`{}",
                        crate::suggest::did_you_mean(r, settings.known)
                    ),
                    "Use a rule id from `mlint rules`.",
                );
            }
        }
        if !used[i] && all_known {
            let what = if d.rules.is_empty() {
                "any rule".to_string()
            } else {
                crate::suggest::quoted_list(&d.rules)
            };
            emit(
                UNUSED,
                Severity::Warning,
                d,
                format!("suppression of {what} suppresses nothing"),
                "Remove the directive: nothing it covers breaks the rule.",
            );
        }
        if settings.require_reason && d.reason.is_none() {
            emit(
                MISSING_REASON,
                Severity::Error,
                d,
                "suppression gives no reason".to_string(),
                "Add a reason after `--`, such as `<!-- mlint-disable-section duration/too-long -- agreed with the team -->`.",
            );
        }
    }
    kept.extend(extra);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{ParseOptions, parse};

    fn doc(src: &str) -> Document {
        parse("t.md", src, &ParseOptions::default())
    }

    #[test]
    fn directive_forms_are_read() {
        let d = doc(
            "# A\n<!-- mlint-disable-next-line duration/missing -->\n## B\n<!-- mlint-disable duration/*, docs/missing-deliverable -- legacy -->\ntext\n<!-- mlint-enable -->\n<!-- mlint-disable-file content/placeholder -->\n",
        );
        let ds = directives(&d);
        assert_eq!(ds.len(), 3);
        assert_eq!(
            (ds[0].kind, ds[0].covers, ds[0].rules.clone()),
            (Kind::NextLine, (3, 3), vec!["duration/missing".to_string()])
        );
        assert_eq!(
            (ds[1].kind, ds[1].covers, ds[1].reason.clone()),
            (Kind::Disable, (4, 6), Some("legacy".to_string()))
        );
        assert_eq!(
            ds[1].rules,
            vec![
                "duration/*".to_string(),
                "docs/missing-deliverable".to_string()
            ]
        );
        assert!(ds[1].matches("duration/too-long") && !ds[1].matches("durationx/y"));
        assert_eq!((ds[2].kind, ds[2].covers), (Kind::File, (1, 7)));
    }

    #[test]
    fn section_directive_covers_its_heading_section() {
        let d = doc(
            "# Top\n## Phase 1: A\n<!-- mlint-disable-section duration/missing -- waived -->\n### Sub\ntext\n## Phase 2: B\n",
        );
        let ds = directives(&d);
        assert_eq!(ds[0].covers, (2, 5));
        assert_eq!(ds[0].reason.as_deref(), Some("waived"));
    }
}
