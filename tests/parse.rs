//! Snapshot tests of the parser: one JSON document per fixture under
//! `fixtures/parse/`, plus properties that must hold on any input (no panic,
//! spans in bounds, linear time on pathological files).

use mlint::document::{Document, ParseOptions, parse};

fn parse_fixture(name: &str) -> Document {
    let path = format!("fixtures/parse/{name}.md");
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&path);
    let source = std::fs::read_to_string(full).unwrap();
    let doc = parse(&path, &source, &ParseOptions::default());
    assert_in_bounds(&doc, &source);
    doc
}

macro_rules! fixture {
    ($test:ident, $name:literal) => {
        #[test]
        fn $test() {
            let doc = parse_fixture($name);
            // Policies get the document through a direct serializer; it
            // must be the very value the JSON below describes.
            let input = mlint::policy::value::to_value(&doc).unwrap();
            let json = serde_json::to_string(&doc.to_json()).unwrap();
            assert_eq!(input, regorus::Value::from_json_str(&json).unwrap());
            insta::assert_json_snapshot!($name, doc.to_json());
        }
    };
}

fixture!(headings, "headings");
fixture!(fields, "fields");
fixture!(sections, "sections");
fixture!(durations, "durations");
fixture!(i18n, "i18n");
fixture!(nesting, "nesting");
fixture!(code_and_comments, "code-and-comments");
fixture!(mojibake, "mojibake");
fixture!(frontmatter_bom_crlf, "frontmatter-bom-crlf");
fixture!(frontmatter_unterminated, "frontmatter-unterminated");
fixture!(lone_cr, "lone-cr");
fixture!(single_milestone, "single-milestone");

/// Every span of the document is on character boundaries inside `source`,
/// every line exists.
fn assert_in_bounds(doc: &Document, source: &str) {
    let broken = mlint::document::invariants::violations(doc, source);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// Parses a stress input and checks its invariants. (No time is asserted:
/// speed is measured by the benchmarks; a hang would stop the test run.)
fn timed(name: &str, source: &str) -> Document {
    let doc = parse(name, source, &ParseOptions::default());
    assert_in_bounds(&doc, source);
    doc
}

#[test]
fn deeply_nested_lists_and_quotes() {
    let mut lists = String::from("# Phase 1: Deep\n\n**Objectives:**\n\n");
    // Indentation grows quadratically; 2,000 levels are already 4 MB.
    for i in 0..2_000 {
        lists.push_str(&" ".repeat(2 * i));
        lists.push_str("- item\n");
    }
    let doc = timed("lists", &lists);
    assert_eq!(doc.milestone_count(), 1);
    timed(
        "quotes",
        &format!("{}Phase 1: quoted\n", ">".repeat(10_000)),
    );
    timed("inline-lists", &format!("{}x\n", "- ".repeat(10_000)));
    timed("brackets", &"[".repeat(100_000));
    timed("emphasis", &"**a".repeat(100_000));
}

#[test]
fn huge_inputs_stay_fast() {
    let long_line = "é word ‚Äô ".repeat(1_000_000);
    timed("long-line", &long_line);
    let headings: String = (0..100_000)
        .map(|i| format!("## Phase {i}: x\n**Duration:** 1 week\n"))
        .collect();
    let doc = timed("headings", &headings);
    assert_eq!(doc.milestone_count(), 100_000);
    let items = format!(
        "# Sprint 1: Big\n\n**Deliverables:**\n\n{}",
        "- [ ] task\n".repeat(100_000)
    );
    let doc = timed("items", &items);
    assert_eq!(
        doc.milestones[0].sections["deliverables"].items.len(),
        100_000
    );
    let heading = format!("# Phase 1: {} (2 weeks)\n", "x🚀(".repeat(25_000));
    timed("long-heading", &heading);
    let emoji_heading = format!("# {}Phase 1\n", "\u{F8FF}üöÄ".repeat(30_000));
    timed("mojibake-heading", &emoji_heading);
}

#[test]
fn odd_inputs_do_not_panic() {
    for source in [
        "",
        "\u{feff}",
        "---",
        "---\n",
        "---\n---",
        "\r",
        "\r\n\r\n",
        "#",
        "# ",
        "- [~]",
        "- [~] x",
        "| a |\n|---|",
        "**Duration:**",
        "**:**",
        "# Phase 1: x\n**Duration:**\n",
        "# M1\n- Deliverables:\n",
        "<!--",
        "a <!-- b",
        "# Phase 1 (",
        "# Phase 1 （",
        "# (1 week)",
        "# \u{F8FF}",
        "# ü\u{F8FF}ü",
        "```\n# Phase 1: x",
        "# Phase 1: x\n\n| Duration |\n| --- |\n| 2 |",
        "# x\n**Time**\n",
        "# Sprint 1\n### Estimated Time\n",
    ] {
        timed("odd", source);
    }
}
