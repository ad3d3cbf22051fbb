//! The parser against the real-world corpus in `../shared/corpus` (when that
//! folder exists): every file parses without panicking and with spans inside
//! the file, and the reference file gives exactly the milestones a reader sees.
//! Set `MLINT_CORPUS_DUMP=1` to print a one-line summary per milestone.
//!
//! Without the folder the tests say on stderr that they skipped (written
//! past libtest's capture, so it shows in a passing run); with
//! `MLINT_REQUIRE_CORPUS=1` (as `.ci/run` sets) a missing folder fails them.

use std::io::Write;
use std::path::PathBuf;

use mlint::document::{Document, ParseOptions, invariants, parse};

/// The corpus folder, or `None` after saying that `test` is skipped.
fn corpus_dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("MLINT_REQUIRE_CORPUS").is_none(),
        "MLINT_REQUIRE_CORPUS is set but {} is not a folder",
        dir.display()
    );
    // `eprintln!` would be captured and never shown for a passing test.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} not found",
        dir.display()
    );
    None
}

/// Every span and line of `doc` lies within `source` (the guarantees of
/// `mlint::document::invariants`, shared with the other tests and the fuzzers).
fn check_bounds(doc: &Document, source: &str) {
    let broken = invariants::violations(doc, source);
    assert!(broken.is_empty(), "{}:\n{}", doc.path, broken.join("\n"));
}

fn dump(doc: &Document) {
    println!("== {} — {} milestones", doc.path, doc.milestone_count());
    for m in &doc.milestones {
        let dur = m.duration.as_ref().map_or("-".to_string(), |d| {
            format!(
                "{:?}..{:?} {} [{}]",
                d.min_days, d.max_days, d.source, d.text
            )
        });
        let sections: Vec<String> = m
            .sections
            .iter()
            .map(|(k, s)| format!("{k}:{}", s.items.len()))
            .collect();
        let fields: Vec<&String> = m.fields.keys().collect();
        println!(
            "  L{:<4} H{} {:<9} #{:<6} {:<50} | {dur} | {} | {:?}",
            m.line,
            m.level,
            m.kind,
            m.number.as_deref().unwrap_or("-"),
            m.heading.chars().take(50).collect::<String>(),
            sections.join(" "),
            fields
        );
    }
}

#[test]
fn every_corpus_file_parses_within_bounds() {
    let Some(dir) = corpus_dir("every_corpus_file_parses_within_bounds") else {
        return;
    };
    let opts = ParseOptions::default();
    // The folder and its `more/` folder of further plans.
    let mut entries: Vec<_> = [dir.clone(), dir.join("more")]
        .iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut n = 0;
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let source = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let doc = parse(&name, &source, &opts);
        check_bounds(&doc, &source);
        if std::env::var_os("MLINT_CORPUS_DUMP").is_some() {
            dump(&doc);
        }
        n += 1;
    }
    assert!(n >= 50, "only {n} corpus files");
}

#[test]
fn reference_file_gives_its_fifteen_milestones() {
    let Some(dir) = corpus_dir("reference_file_gives_its_fifteen_milestones") else {
        return;
    };
    let path = dir.join("solo-milestone-templates.as-received.md");
    let source = std::fs::read_to_string(path).unwrap();
    let doc = parse(
        "solo-milestone-templates.as-received.md",
        &source,
        &ParseOptions::default(),
    );
    check_bounds(&doc, &source);
    let ms = &doc.milestones;
    assert_eq!(
        ms.len(),
        15,
        "{:?}",
        ms.iter().map(|m| &m.heading).collect::<Vec<_>>()
    );
    let of_kind = |k: &str| ms.iter().filter(|m| m.kind == k).collect::<Vec<_>>();
    let phases = of_kind("phase");
    let sprints = of_kind("sprint");
    let others = of_kind("milestone");
    assert_eq!(
        phases
            .iter()
            .map(|m| m.number.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5"]
    );
    assert_eq!(
        sprints
            .iter()
            .map(|m| m.number.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    assert_eq!(
        others
            .iter()
            .map(|m| m.heading.as_str())
            .collect::<Vec<_>>(),
        [
            "Milestone: Core Server Implementation",
            "Milestone: Complete Infrastructure Stack",
            "Milestone: Comprehensive Documentation Site",
            "Milestone: Policy Engine Implementation",
            "Learning Milestone: New Technology",
            "Process Improvement Milestone",
            "Portfolio Enhancement Milestone",
        ]
    );
    // Nothing from the fenced Quick Win template at the end.
    let fence = doc.code_blocks.last().unwrap();
    assert!(ms.iter().all(|m| m.line < fence.line));

    let phase1 = phases[0];
    assert_eq!(phase1.heading, "Phase 1: Research & Architecture");
    assert_eq!(phase1.line, 8);
    let d = phase1.duration.as_ref().unwrap();
    assert_eq!(
        (d.min_days, d.max_days, d.source.as_str()),
        (Some(7.0), Some(14.0), "field")
    );
    assert_eq!(&source[d.span.start..d.span.end], "1-2 weeks");
    assert_eq!(
        phase1.fields["focus"].value,
        "Learning, Planning, and Design"
    );
    // `**Focus:** …` is the phase's first objective, then the six listed.
    assert_eq!(phase1.sections["objectives"].items.len(), 7);
    assert_eq!(
        phase1.sections["objectives"].items[0].text,
        "Learning, Planning, and Design"
    );
    assert_eq!(phase1.sections["success_criteria"].items.len(), 6);
    assert!(
        phase1.sections["success_criteria"]
            .items
            .iter()
            .all(|i| i.checked == Some(false))
    );
    assert_eq!(phase1.sections["tasks"].items.len(), 6);

    let phase5 = phases[4];
    let d = phase5.duration.as_ref().unwrap();
    assert!(d.ongoing);
    assert_eq!((d.min_days, d.max_days), (None, None));

    let d = sprints[0].duration.as_ref().unwrap();
    assert_eq!(
        (d.min_days, d.max_days, d.source.as_str()),
        (Some(7.0), Some(7.0), "heading")
    );
    let d = sprints[1].duration.as_ref().unwrap();
    assert_eq!(
        (d.min_days, d.max_days, d.source.as_str()),
        (Some(14.0), Some(21.0), "heading")
    );
    assert_eq!(&source[d.span.start..d.span.end], "2-3 weeks");

    let m8 = doc
        .mojibake
        .iter()
        .find(|m| m.line == 8)
        .expect("mojibake on line 8");
    assert_eq!(
        (m8.encoding.as_str(), m8.repaired.as_str()),
        ("mac-roman", "🧠")
    );
}
