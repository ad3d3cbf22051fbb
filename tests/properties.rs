//! Property tests: on arbitrary Markdown-ish input the parser never panics,
//! every span lies inside the file on character boundaries, every line
//! exists, the document serialises to JSON, and the whole check with the
//! bundled policies never panics, never fails with a policy error, and only
//! reports locations inside the file.
//!
//! The default is 256 cases per property so `cargo test` stays fast;
//! `PROPTEST_CASES=N` overrides it. `long_fuzz` (ignored) is the fallback
//! fuzzer `fuzz/run.sh` drives when cargo-fuzz cannot run.

use mlint::check::{Checker, Levels};
use mlint::discover::Target;
use mlint::document::{Document, ParseOptions, parse};
use mlint::policy::{PolicySet, bundled_files};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::OnceLock;

/// Pieces a milestone file is made of, including hostile ones.
const PIECES: &[&str] = &[
    "# Roadmap",
    "## Phase 1: Build",
    "### Sprint 2: Ship (3-4 weeks)",
    "## Milestone 3 — Launch",
    "## Phase 10: 日本語の計画",
    "## 🚀 Sprint 1: Launch",
    "#### Étape 4 : Tests",
    "## Phase 2: Build (6-2 weeks)",
    "**Duration:** 2 weeks",
    "**Duration:** 1-2 weeks",
    "**Duration:** TBD",
    "**Duration:** 0 days",
    "**Duration:** 400 weeks",
    "**Owner:** Ada | **Priority:** High",
    "Duration: 3 sprints",
    "**Objectives:**",
    "**Deliverables:**",
    "**Success Criteria:**",
    "**Definition of Done:**",
    "## Deliverables",
    "- [ ] Ship it",
    "- [x] Done",
    "* [X] upper",
    "- plain item",
    "1. numbered",
    "  - [ ] nested",
    "    - [ ] deeper",
    "> quoted **Duration:** 5 weeks",
    "> - [ ] quoted item",
    "```",
    "```rust",
    "~~~",
    "<!-- mlint-disable duration/too-long -->",
    "<!-- mlint-disable-next-line -->",
    "<!-- unterminated comment",
    "-->",
    "---",
    "title: plan",
    "| Field | Value |",
    "| --- | --- |",
    "| Duration | 2 weeks |",
    "TODO: fill in",
    "Ã©tÃ© â€™ mojibake",
    "שלום עולם",
    "e\u{301}\u{200B}\u{200D}\u{FEFF}",
    "\u{FEFF}",
    "\t\ttabbed",
    "",
    " ",
    "\\",
    "[link](http://x)",
    "<details>",
    "| span | x |",
    "| line | 3 |",
    // The other forms a unit takes: table rows, list items, bold and plain
    // lines, calendar and numbered headings, one file per milestone.
    "| Milestone | Start | End | Status |",
    "| --- | --- | --- | --- |",
    "| M1 Parser | 2026-02-02 | 2026-02-13 | Done |",
    "| Phase 2 | 14/03/25 | | ⏳ |",
    "- Phase 0 (Weeks 0-1): Foundations",
    "- [x] **Fase 2 — Pruebas**, con usuarios",
    "- **{{n}}.1 – {{name}}** (target {{date}})",
    "**Milestone 1: Backend** (Weeks 1-2)",
    "**Week 1-2 (July 18-31)**",
    "Sprint 3 — Polish (Jan 19-25, 2026)",
    "## Q3 2025",
    "#### July 2025 - Foundation Sprint",
    "## 1. Foundation (2 weeks)",
    "## Upcoming Milestones",
    "### 第1阶段：基础架构 (1-2周)",
    "Goals: ship it",
    "Tasks",
    "Timeline: Nov 2024 - Jun 2025",
];

/// One line: a piece, random text, or both.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..24)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => (prop::sample::select(PIECES), prop::collection::vec(proptest::char::range(' ', '~'), 0..12))
            .prop_map(|(p, s)| format!("{p}{}", s.into_iter().collect::<String>())),
    ]
}

/// A document: lines joined by LF, CRLF or a lone CR.
fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            line(),
            prop::sample::select(&["\n", "\n", "\n", "\r\n", "\r", ""][..]),
        ),
        0..60,
    )
    .prop_map(|parts| parts.into_iter().map(|(l, e)| l + e).collect())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256)
}

/// Spans inside `source` on char boundaries; lines exist.
fn assert_in_bounds(doc: &Document, source: &str) -> Result<(), TestCaseError> {
    let broken = mlint::document::invariants::violations(doc, source);
    prop_assert!(broken.is_empty(), "{}", broken.join("\n"));
    Ok(())
}

fn policies() -> &'static PolicySet {
    static SET: OnceLock<PolicySet> = OnceLock::new();
    SET.get_or_init(|| {
        PolicySet::load(bundled_files(), mlint::config::defaults_json(), false, None)
            .expect("bundled policies compile")
    })
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        Checker::new(
            policies().clone(),
            ParseOptions::default(),
            Levels::default(),
        )
    })
}

/// The whole check of `bytes`: no policy error, every finding inside the file.
fn check_whole(bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut eval = policies().evaluator();
    let outcome = checker().check_bytes(&mut eval, "p.md", bytes.to_vec());
    prop_assert!(outcome.is_ok(), "policy error: {:?}", outcome.err());
    // Through a real file too, to see the resolved locations.
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("p.md");
    std::fs::write(&path, bytes).unwrap();
    let report = checker()
        .check(
            &[Target {
                display: "p.md".into(),
                path,
                unreadable: None,
            }],
            1,
        )
        .map_err(|e| TestCaseError::fail(format!("policy error: {e:?}")))?;
    // Lines as mlint counts them: LF, CRLF and a lone CR each end one.
    let lossy = String::from_utf8_lossy(bytes);
    let lines = mlint::document::LineIndex::new(&lossy).line_count().max(1);
    for f in &report.findings {
        let l = &f.location;
        prop_assert!(l.start <= l.end && l.end <= bytes.len(), "{:?}", f);
        prop_assert!(
            l.line >= 1 && l.line <= l.end_line && l.end_line <= lines,
            "{:?}",
            f
        );
        prop_assert!(l.column >= 1 && l.end_column >= 1, "{:?}", f);
        if let Ok(s) = std::str::from_utf8(bytes) {
            prop_assert!(
                s.is_char_boundary(l.start) && s.is_char_boundary(l.end),
                "{:?}",
                f
            );
        }
        prop_assert!(!f.message.is_empty());
    }
    let json = mlint::report::render(&report, mlint::report::Format::Json, Default::default());
    prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    Ok(())
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Found by the `parse` fuzz target: a field labelled `span` puts a `span`
/// key holding a field (not a span) into `fields`; the checks above must
/// not mistake it for one.
#[test]
fn a_field_named_span_is_not_a_span() {
    let source = "## Phase 1: Build\n\n| Field | Value |\n| --- | --- |\n| span | x |\n| line | y |\n| Duration | 2 weeks |\n";
    let doc = parse("p.md", source, &ParseOptions::default());
    assert!(doc.to_json()["milestones"][0]["fields"]["span"].is_object());
    assert_in_bounds(&doc, source).unwrap();
    check_whole(source.as_bytes()).unwrap();
}

#[test]
fn parsing_never_panics_and_stays_in_bounds() {
    runner(cases())
        .run(&markdownish(), |source| {
            let doc = parse("p.md", &source, &ParseOptions::default());
            assert_in_bounds(&doc, &source)
        })
        .unwrap();
}

#[test]
fn parsing_arbitrary_strings_never_panics() {
    runner(cases())
        .run(&any::<String>(), |source| {
            let doc = parse("p.md", &source, &ParseOptions::default());
            assert_in_bounds(&doc, &source)
        })
        .unwrap();
}

#[test]
fn the_whole_check_never_fails_on_bundled_rules() {
    runner(cases())
        .run(&markdownish(), |source| check_whole(source.as_bytes()))
        .unwrap();
}

#[test]
fn the_whole_check_takes_any_bytes() {
    runner(cases() / 4 + 1)
        .run(&prop::collection::vec(any::<u8>(), 0..512), |bytes| {
            check_whole(&bytes)
        })
        .unwrap();
}

/// Pieces of duration texts, hostile ones included: signs, slashes, digit
/// groups, dates, several lengths.
fn duration_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9]{1,4}".prop_map(String::from),
        prop::sample::select(vec![
            "-",
            "−",
            "/",
            ",",
            ".",
            "_",
            "+",
            " ",
            "(",
            ")",
            " to ",
            "~",
            "weeks",
            "week",
            "days",
            "h",
            "months",
            "周",
            "个月",
            "以上",
            "2026-01-01",
            "2025-13-40",
            "Weeks ",
            "sprint",
            "ongoing",
            "TBD",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
}

/// A duration reads as finite, non-negative days, or as nothing; only a
/// date range written backwards has an upper bound below zero (reported as
/// inverted), and a number with a minus sign in front is never a length.
#[test]
fn durations_read_as_finite_days_or_not_at_all() {
    let units = ParseOptions::default().units;
    runner(cases() * 4)
        .run(&duration_text(), |text| {
            let r = mlint::document::duration::read(&text, &units);
            if let Some(min) = r.min_days {
                prop_assert!(min.is_finite() && min >= 0.0, "{text:?}: {r:?}");
            }
            if let Some(max) = r.max_days {
                prop_assert!(max.is_finite(), "{text:?}: {r:?}");
                prop_assert!(max >= 0.0 || r.window, "{text:?}: {r:?}");
            }
            Ok(())
        })
        .unwrap();
    for n in ["1", "5", "2.5", "10"] {
        for unit in ["weeks", "days", "h", "months", "周"] {
            for text in [
                format!("-{n} {unit}"),
                format!("(−{n}{unit})"),
                format!("1--{n} {unit}"),
            ] {
                let r = mlint::document::duration::read(&text, &units);
                assert!(r.malformed && r.min_days.is_none(), "{text:?}: {r:?}");
            }
        }
    }
}

/// The fallback fuzzer: `PROPTEST_CASES=100000 cargo test --release --test
/// properties -- --ignored long_fuzz` (driven by `fuzz/run.sh`). Prints the
/// number of cases it ran.
#[test]
#[ignore = "long-running fuzzer; run through fuzz/run.sh"]
fn long_fuzz() {
    let cases = cases();
    let started = std::time::Instant::now();
    runner(cases)
        .run(&markdownish(), |source| {
            let doc = parse("p.md", &source, &ParseOptions::default());
            assert_in_bounds(&doc, &source)?;
            check_whole(source.as_bytes())
        })
        .unwrap();
    println!("long_fuzz: {cases} cases clean in {:?}", started.elapsed());
}
