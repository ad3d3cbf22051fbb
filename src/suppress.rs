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
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

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
    /// Whether the directive names `rule` (the definition `first_hits`
    /// implements for many directives at once).
    #[cfg(test)]
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

/// Whether `doc` has any comment that may be a directive.
pub fn any(doc: &Document) -> bool {
    doc.comments
        .iter()
        .any(|c| c.text.trim().starts_with("mlint-"))
}

/// Reads every directive of `doc`, with `mlint-enable` closing ranges.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let last = doc.line_count.max(1);
    let mut out: Vec<Directive> = Vec::new();
    // The `mlint-disable` ranges not closed yet: an `enable` looks at
    // these only, so a file of many ranges stays linear.
    let mut open: Vec<usize> = Vec::new();
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
                let named: HashSet<&String> = rules.iter().collect();
                open.retain(|&i| {
                    let d: &mut Directive = &mut out[i];
                    let closes = d.line < c.line
                        && (named.is_empty() || d.rules.iter().any(|r| named.contains(r)));
                    if closes {
                        d.covers.1 = c.line;
                    }
                    !closes
                });
                continue;
            }
            _ => continue,
        };
        if kind == Kind::Disable {
            open.push(out.len());
        }
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
    let hits = first_hits(&directives, &findings);
    for (f, hit) in findings.into_iter().zip(hits) {
        match hit {
            Some(i) => used[i] = true,
            None => kept.push(f),
        }
    }
    let known: HashSet<&str> = settings.known.iter().map(String::as_str).collect();
    let categories: HashSet<&str> = settings
        .known
        .iter()
        .flat_map(|k| k.match_indices('/').map(move |(i, _)| &k[..i]))
        .collect();
    let mut suggestions: HashMap<&str, String> = HashMap::new();
    let mut extra = Vec::new();
    // Every finding about one directive has its location, computed once:
    // columns are counted from the start of the line, and a comment naming
    // 50,000 rules on one line made that quadratic.
    let mut located: Option<(usize, Location)> = None;
    let mut emit = |rule: &str, default: Severity, d: &Directive, message: String, help: &str| {
        if let Some(severity) = (settings.level)(rule, default) {
            let location = match located {
                Some((start, location)) if start == d.span.0 => location,
                _ => Location::from_span(index, d.span.0, d.span.1),
            };
            located = Some((d.span.0, location));
            extra.push(Finding {
                path: path.to_string(),
                rule: rule.to_string(),
                severity,
                message,
                help: Some(help.to_string()),
                location,
                detail: false,
            });
        }
    };
    for (i, d) in directives.iter().enumerate() {
        let mut all_known = true;
        for r in &d.rules {
            let known = match r.strip_suffix("/*") {
                Some(p) => categories.contains(p),
                None => known.contains(r.as_str()),
            };
            if !known {
                all_known = false;
                let suggestion = suggestions
                    .entry(r)
                    .or_insert_with(|| crate::suggest::did_you_mean(r, settings.known));
                emit(
                    UNKNOWN_RULE,
                    Severity::Warning,
                    d,
                    format!("suppression names unknown rule `{r}`{suggestion}"),
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

/// Which rules a directive names, as keys to group directives by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key<'a> {
    /// No rule ids: every rule.
    All,
    /// One rule id.
    Rule(&'a str),
    /// `category/*`, without `/*`.
    Category(&'a str),
}

/// For each finding, the first directive (in file order) that matches its
/// rule and covers its line, as `Directive::matches` and `covers` decide.
///
/// Comparing every finding with every directive took 12 s on a file with
/// 20,000 milestones and one directive each. Directives are grouped by the
/// rule key they name; each group answers its findings in one sweep over
/// lines, keeping the directives open at the current line in a heap by
/// index: O((directives + findings) log) in all.
fn first_hits(directives: &[Directive], findings: &[Finding]) -> Vec<Option<usize>> {
    let mut groups: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        if d.rules.is_empty() {
            groups.entry(Key::All).or_default().push(i);
        }
        for r in &d.rules {
            let key = match r.strip_suffix("/*") {
                Some(p) => Key::Category(p),
                None => Key::Rule(r),
            };
            let group = groups.entry(key).or_default();
            if group.last() != Some(&i) {
                group.push(i);
            }
        }
    }
    let mut queries: HashMap<Key<'_>, Vec<(usize, usize)>> = HashMap::new();
    for (j, f) in findings.iter().enumerate() {
        let rule = f.rule.as_str();
        let categories = rule
            .match_indices('/')
            .map(|(i, _)| Key::Category(&rule[..i]));
        for key in [Key::All, Key::Rule(rule)].into_iter().chain(categories) {
            if groups.contains_key(&key) {
                queries.entry(key).or_default().push((f.location.line, j));
            }
        }
    }
    let mut best: Vec<Option<usize>> = vec![None; findings.len()];
    for (key, mut asks) in queries {
        asks.sort_unstable();
        let mut starts: Vec<usize> = groups[&key].clone();
        starts.sort_by_key(|&i| directives[i].covers.0);
        let mut next = 0;
        let mut open: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
        for (line, j) in asks {
            while let Some(&i) = starts
                .get(next)
                .filter(|&&i| directives[i].covers.0 <= line)
            {
                open.push(Reverse(i));
                next += 1;
            }
            while let Some(&Reverse(i)) = open.peek() {
                if directives[i].covers.1 < line {
                    open.pop();
                } else {
                    break;
                }
            }
            if let Some(&Reverse(i)) = open.peek() {
                best[j] = Some(best[j].map_or(i, |b| b.min(i)));
            }
        }
    }
    best
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

    #[test]
    fn first_hits_are_those_of_comparing_every_finding_with_every_directive() {
        let rules = ["a/x", "a/y", "b/x", "a/x/z"];
        let names = ["a/x", "a/*", "b/*", "a/x/*", "c/q"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..200 {
            let directives: Vec<Directive> = (0..next(8))
                .map(|_| {
                    let start = 1 + next(30);
                    Directive {
                        kind: Kind::Disable,
                        rules: (0..next(3))
                            .map(|_| names[next(names.len())].to_string())
                            .collect(),
                        reason: None,
                        line: start,
                        span: (0, 0),
                        covers: (start, start + next(10)),
                    }
                })
                .collect();
            let findings: Vec<Finding> = (0..next(12))
                .map(|_| Finding {
                    path: "t.md".into(),
                    rule: rules[next(rules.len())].into(),
                    severity: Severity::Warning,
                    message: "m".into(),
                    help: None,
                    location: {
                        let line = 1 + next(40);
                        Location {
                            line,
                            column: 1,
                            end_line: line,
                            end_column: 1,
                            start: 0,
                            end: 0,
                        }
                    },
                    detail: false,
                })
                .collect();
            let naive: Vec<Option<usize>> = findings
                .iter()
                .map(|f| {
                    directives.iter().position(|d| {
                        d.matches(&f.rule)
                            && d.covers.0 <= f.location.line
                            && f.location.line <= d.covers.1
                    })
                })
                .collect();
            assert_eq!(first_hits(&directives, &findings), naive);
        }
    }
}
