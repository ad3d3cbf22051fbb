//! The one shared sample report every renderer is snapshot-tested on.
//!
//! It is built by hand, not by running the checker, so renderer snapshots do
//! not move when a rule or the parser changes. It is small but covers what
//! renderers get wrong: three files (one clean), every severity, a span over
//! several lines, a non-ASCII path segment and message, a column after
//! multi-byte characters, and a message with `%`, `:`, `,`, a newline and
//! `<&"'>` in it. The catalog has two policy rules and one built-in rule.

use crate::diagnostic::{Finding, Location, Severity, sort_findings};
use crate::outcome::Report;
use crate::policy::catalog::{Examples, Origin, Style};
use crate::policy::{RuleMeta, builtin};
use std::sync::Arc;

const CLEAN: &str = "docs/roadmap.md";
const Q1: &str = "milestones/q1.md";
const ETE: &str = "milestones/été/plan.md";

const Q1_SOURCE: &str = "\
# Q1 roadmap

## Milestone: Launch beta
- Owner: @ana
- Duration: 6-2 weeks

## Milestone: Docs
- Duration: 2 weeks
";

const ETE_SOURCE: &str = "\
# Plan d'été

## Milestone: Café ☕
- Owner: @zoë
- Durée (été): 3 semaines
";

/// The sample report: see the module documentation for what it covers.
pub fn sample() -> Report {
    let mut findings = vec![
        Finding {
            path: Q1.to_string(),
            rule: "duration/inverted-range".to_string(),
            severity: Severity::Error,
            message: "milestone `Launch beta` lasts `6-2 weeks`: the upper bound is below the lower bound".to_string(),
            help: Some("Swap the bounds: `2-6 weeks`.".to_string()),
            location: locate(Q1_SOURCE, "6-2 weeks", "6-2 weeks"),
            detail: false,
        },
        Finding {
            path: Q1.to_string(),
            rule: "milestone/missing-owner".to_string(),
            severity: Severity::Warning,
            message: "milestone `Docs` has no owner: 100% of milestones need one, <&\"'> included\nadd a line `- Owner: @name`, then re-run".to_string(),
            help: Some("Add `- Owner: @name` under the heading.".to_string()),
            location: locate(Q1_SOURCE, "## Milestone: Docs", "2 weeks"),
            detail: false,
        },
        Finding {
            path: ETE.to_string(),
            rule: "duration/inverted-range".to_string(),
            severity: Severity::Info,
            message: "milestone `Café ☕` lasts `3 semaines`: « semaines » is read as weeks".to_string(),
            help: None,
            location: locate(ETE_SOURCE, "3 semaines", "3 semaines"),
            detail: false,
        },
    ];
    sort_findings(&mut findings);
    let mut rules = vec![
        rule(
            "duration/inverted-range",
            Severity::Error,
            "a duration range whose upper bound is below its lower bound",
            "Reports a milestone duration written as a range, such as `6-2 weeks`, whose second number is smaller than the first.",
            Some("Swap the bounds so the smaller number comes first."),
            Some(
                "A reversed range is almost always a typo, and tools that sum durations read it as negative.",
            ),
        ),
        rule(
            "milestone/missing-owner",
            Severity::Warning,
            "a milestone without an owner",
            "Reports a milestone heading with no `Owner:` line under it.",
            None,
            Some("Every milestone needs someone who answers for it."),
        ),
    ];
    rules.extend(
        builtin::rules()
            .into_iter()
            .filter(|r| r.id == builtin::NOT_UTF8),
    );
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut paths = vec![CLEAN.to_string(), Q1.to_string(), ETE.to_string()];
    paths.sort();
    Report {
        files: paths.len(),
        paths,
        milestones: 4,
        findings,
        sources: [
            (Q1.to_string(), Arc::from(Q1_SOURCE)),
            (ETE.to_string(), Arc::from(ETE_SOURCE)),
        ]
        .into_iter()
        .collect(),
        rules,
    }
}

fn rule(
    id: &str,
    level: Severity,
    title: &str,
    description: &str,
    help: Option<&str>,
    why: Option<&str>,
) -> RuleMeta {
    let package = format!("mlint.rules.{}", id.replace('/', ".").replace('-', "_"));
    RuleMeta {
        id: id.to_string(),
        package,
        title: title.to_string(),
        description: description.to_string(),
        why: why.map(str::to_string),
        help: help.map(str::to_string),
        default_level: level,
        options: Vec::new(),
        examples: Examples::default(),
        origin: Origin::Bundled,
        file: format!("policies/{id}.rego"),
        style: Style::Report,
    }
}

/// The location from the start of `first` to the end of `last` (searched
/// from `first` on), with columns counted in Unicode scalar values.
fn locate(source: &str, first: &str, last: &str) -> Location {
    let start = source.find(first).expect("sample text");
    let end = start + source[start..].find(last).expect("sample text") + last.len();
    Location::from_span(&crate::document::LineIndex::new(source), start, end)
}
