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
fixture!(durations_unreadable, "durations-unreadable");
fixture!(i18n, "i18n");
fixture!(nesting, "nesting");
fixture!(code_and_comments, "code-and-comments");
fixture!(mojibake, "mojibake");
fixture!(frontmatter_bom_crlf, "frontmatter-bom-crlf");
fixture!(frontmatter_unterminated, "frontmatter-unterminated");
fixture!(lone_cr, "lone-cr");
fixture!(single_milestone, "single-milestone");
fixture!(forms_headings, "forms/headings");
fixture!(forms_tables, "forms/tables");
fixture!(forms_lists, "forms/lists");
fixture!(forms_indented, "forms/indented");
fixture!(forms_paragraphs, "forms/paragraphs");
fixture!(forms_labels, "forms/labels");
fixture!(forms_file, "forms/milestones/checkout-flow");
fixture!(forms_summary, "forms/summary");
fixture!(forms_metadata, "forms/metadata");
fixture!(status_fields, "status/fields");
fixture!(status_tables, "status/tables");
fixture!(status_titles, "status/titles");
fixture!(status_checklists, "status/checklists");
fixture!(status_lists, "status/lists");

/// One line per unit: line, form, kind, parent line, title, duration in
/// days (`-` for none, `ongoing`, `placeholder`), and the sections found.
fn units_of(name: &str) -> Vec<String> {
    parse_fixture(name)
        .milestones
        .iter()
        .map(|m| {
            let dur = m.duration.as_ref().map_or("-".to_string(), |d| {
                if d.ongoing {
                    "ongoing".to_string()
                } else if d.placeholder {
                    "placeholder".to_string()
                } else {
                    format!(
                        "{:?}..{:?}",
                        d.min_days.unwrap_or(-1.0),
                        d.max_days.unwrap_or(-1.0)
                    )
                }
            });
            let sections: Vec<&str> = m.sections.keys().map(String::as_str).collect();
            format!(
                "{} {} {} {} {} | {dur} | {}",
                m.line,
                m.form,
                m.kind,
                m.parent_line.map_or("-".to_string(), |p| p.to_string()),
                m.heading,
                sections.join(",")
            )
        })
        .collect()
}

#[test]
fn units_written_as_headings_are_read_by_keyword_calendar_group_and_number() {
    assert_eq!(
        units_of("forms/headings"),
        [
            "3 heading milestone 1 Q1 2026 | 91.0..91.0 | tasks",
            "7 heading milestone 1 April 2026 - Beta | 30.0..30.0 | tasks",
            "11 heading sprint 1 Week 1 — Setup | 7.0..7.0 | tasks",
            "15 heading phase 1 Work plan - Phase 2 | 7.0..14.0 | ",
            "19 heading phase 15 第3阶段：部署优化 | 7.0..7.0 | tasks",
            "25 heading milestone 23 Customer portal | - | ",
            "30 heading milestone 23 Billing export | - | tasks",
            "36 heading milestone 34 1. Research | 14.0..14.0 | tasks",
            "40 heading milestone 34 2. Build | - | tasks",
        ]
    );
}

#[test]
fn units_written_as_table_rows_take_their_fields_from_the_columns() {
    assert_eq!(
        units_of("forms/tables"),
        [
            "7 table_row milestone 3 M1 Parser | 12.0..12.0 | deliverables,objectives",
            "8 table_row milestone 3 M2 Rules | 19.0..19.0 | deliverables,objectives",
            "14 table_row phase 10 Phase 1 | 14.0..14.0 | success_criteria",
            "15 table_row phase 10 Phase 2 | 21.0..21.0 | success_criteria",
            "21 table_row milestone 17 Requisitos aprobados | - | ",
            "22 table_row milestone 17 Diseño terminado | - | ",
        ]
    );
}

#[test]
fn units_written_as_list_items_own_their_nested_items() {
    assert_eq!(
        units_of("forms/lists"),
        [
            "5 list_item phase 3 Phase 0 (Weeks 0-1): Foundations | 14.0..14.0 | tasks",
            "8 list_item phase 3 Phase 1 (Weeks 2-4): Core features | 21.0..21.0 | tasks",
            "11 list_item phase 3 Fase 2 — Pruebas | - | ",
            "12 list_item phase 3 Fase 3 — Lanzamiento | - | ",
        ]
    );
}

#[test]
fn an_outline_indented_into_a_code_block_is_read_as_tasks() {
    assert_eq!(
        units_of("forms/indented"),
        [
            "5 heading sprint 3 Week 1 | 5.0..5.0 | tasks",
            "13 heading sprint 3 Week 2 | 5.0..5.0 | tasks",
        ]
    );
    let doc = parse_fixture("forms/indented");
    let tasks: Vec<(usize, usize, &str)> = doc.milestones[0].sections["tasks"]
        .items
        .iter()
        .map(|i| (i.line, i.depth, i.text.as_str()))
        .collect();
    assert_eq!(
        tasks,
        [
            (6, 0, "Learn the language."),
            (7, 1, "Work through the book."),
            (8, 1, "Write small programs."),
            (10, 0, "Read about the field."),
            (11, 1, "Collect papers."),
        ]
    );
    // Code stays code.
    assert_eq!(doc.code_blocks.len(), 1);
    assert_eq!(doc.code_blocks[0].line, 19);
}

#[test]
fn units_written_as_bold_or_plain_lines_run_to_the_next_one() {
    assert_eq!(
        units_of("forms/paragraphs"),
        [
            "3 paragraph milestone 1 Milestone 1: Backend API | 14.0..14.0 | deliverables,success_criteria",
            "7 paragraph milestone 1 Milestone 2: Client sync | 21.0..21.0 | deliverables,success_criteria",
            "14 paragraph sprint 1 Sprint 3 — Polish | 7.0..7.0 | tasks",
        ]
    );
}

#[test]
fn prose_and_emphasis_are_not_labels_and_a_group_window_is_no_length() {
    assert_eq!(
        units_of("forms/prose"),
        [
            // `(Sprints 1–2)` names the sprints the phase holds.
            "3 heading phase 1 Phase A — Platform | - | ",
            "5 heading sprint 3 Sprint 1 — Storage | 14.0..14.0 | tasks",
            "12 heading sprint 3 Sprint 2 — Sync | 14.0..14.0 | tasks",
            // A bold flow between paragraphs is emphasis: the list after it
            // is still the phase's work.
            "18 heading phase 1 Phase B — Collaboration | 21.0..21.0 | tasks",
            // Without sprints of its own, `(Sprints 5–6)` is its length.
            "29 heading phase 1 Phase C — Hardening | 28.0..28.0 | tasks",
            // `**Phase Breakdown:**` introduces the sprints below: no empty
            // list of tasks.
            "34 heading phase 1 Phase D — Rollout | - | ",
            "38 heading sprint 34 Sprint 7 — Beta | - | tasks",
            "42 heading sprint 34 Sprint 8 — General availability | - | tasks",
            // A sentence that ends with a colon introduces the unit's list;
            // `Timeline estimate:` states its window.
            "60 heading phase 1 Phase E — Scale | 61.0..61.0 | tasks",
        ]
    );
}

#[test]
fn an_index_list_under_a_group_heading_names_the_headings_that_are_units() {
    // `- A pilot account. …` under `## Key Milestones` names `## Pilot
    // account`; `## Appendix` is named by nothing.
    assert_eq!(
        units_of("forms/index"),
        [
            "11 heading milestone 1 Pilot account | - | tasks",
            "18 heading milestone 1 Single sign-on | - | tasks",
            "22 heading milestone 1 Public launch | - | tasks",
        ]
    );
}

#[test]
fn labels_are_read_in_every_form_and_language() {
    assert_eq!(
        units_of("forms/labels"),
        [
            "3 heading phase 1 Phase 1: Foundations | 28.0..42.0 | objectives,success_criteria,tasks",
            "13 heading phase 1 フェーズ2: 公開 | - | deliverables,objectives,success_criteria",
            "25 heading phase 1 Fase 3: Entrega | - | deliverables,objectives",
            "30 heading phase 1 Étape 4 — Lancement | 2.0..3.0 | deliverables",
            "36 heading phase 1 Phase 5: Abschluss | - | objectives,success_criteria",
            "45 heading phase 1 Phase 6: Maintenance | 92.0..92.0 | tasks",
            "51 heading phase 1 Phase 7: Support | ongoing | tasks",
            "55 heading phase 1 Phase 8: Übergabe | - | deliverables",
            "60 heading phase 1 Phase 9: Pilot | 2.0..2.0 | deliverables,objectives,tasks",
        ]
    );
    // `Outcome: a working pilot environment` names what the phase delivers.
    let doc = parse_fixture("forms/labels");
    assert_eq!(doc.milestones[8].sections["deliverables"].label, "Outcome");
    // A label alone on its line, its value on the next line of the paragraph.
    let doc = parse_fixture("forms/labels");
    let handover = &doc.milestones[7].sections["deliverables"];
    assert_eq!(handover.label, "Ergebnis");
    assert_eq!(handover.items[0].text, "Der Betrieb hat das Handbuch.");
    assert_eq!(handover.items[0].line, 58);
}

#[test]
fn summary_tables_week_columns_and_section_columns_are_read() {
    assert_eq!(
        units_of("forms/summary"),
        [
            // Its duration is stated only in the summary table at the end.
            "3 heading phase 1 Phase 1 — Assessment | 1.0..2.0 | deliverables,tasks",
            // Its own field wins over the summary table's `1 week`.
            "10 heading phase 1 Phase 2 — Build | 3.0..3.0 | deliverables,tasks",
            "31 table_row sprint 27 Week 44 | 7.0..7.0 | deliverables",
            "32 table_row sprint 27 Week 45 | 7.0..7.0 | deliverables",
        ]
    );
    let doc = parse_fixture("forms/summary");
    let build = &doc.milestones[1];
    let tasks: Vec<&str> = build.sections["tasks"]
        .items
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        tasks,
        [
            "Exporter: writes one file per table",
            "✅ Importer: reads them back"
        ]
    );
    assert!(build.sections["deliverables"].items.is_empty());
    assert_eq!(build.fields["owner"].value, "Ana");
    assert_eq!(doc.milestones[0].duration.as_ref().unwrap().line, 24);
}

#[test]
fn front_matter_naming_a_unit_makes_the_file_one_and_lazy_lines_are_fields() {
    assert_eq!(
        units_of("forms/metadata"),
        // The empty `- Start:` and `- Finish:` are its duration slot.
        ["1 file sprint - Sprint issue | placeholder | tasks"]
    );
    let doc = parse_fixture("forms/metadata");
    let plans = &doc.milestones[0].fields["plans"];
    assert_eq!((plans.value.as_str(), plans.line), ("TBD", 14));
}

#[test]
fn a_file_kept_in_a_milestones_folder_is_one_unit() {
    assert_eq!(
        units_of("forms/milestones/checkout-flow"),
        ["1 file milestone - Checkout flow | - | objectives,success_criteria"]
    );
}

/// One line per unit: line, title, status (`-` for null) and progress
/// (`checked/total`, `-` for null).
fn statuses_of(name: &str) -> Vec<String> {
    parse_fixture(name)
        .milestones
        .iter()
        .map(|m| {
            let status = m.status.map_or("-", |s| s.name());
            let progress = m
                .progress
                .map_or("-".to_string(), |p| format!("{}/{}", p.checked, p.total));
            format!("{} {} | {status} | {progress}", m.line, m.heading)
        })
        .collect()
}

#[test]
fn a_status_field_or_column_states_status_in_words_before_emoji() {
    assert_eq!(
        statuses_of("status/fields"),
        [
            "3 Phase 1: Parser | done | -",
            "9 Phase 2: Rules | in_progress | -",
            // The words say more than the cross.
            "14 Phase 3: Reports | planned | -",
            "18 Fase 4: Pruebas | done | -",
            // The field comes before the title's emoji.
            "22 Phase 5: Packaging | blocked | -",
            // Done and pending work: under way.
            "26 Phase 6: Docs | in_progress | -",
            // A legend of every status says none.
            "30 Phase 7: Template | - | -",
            "34 Phase 8: Support | in_progress | -",
        ]
    );
    assert_eq!(
        statuses_of("status/tables"),
        [
            "5 Requisitos aprobados | done | -",
            "6 Diseño terminado | in_progress | -",
            "7 Pruebas completas | planned | -",
            "13 M1 Parser | done | -",
            "14 M2 Rules | in_progress | -",
            "15 M3 Reports | planned | -",
            "16 M4 Plugins | - | -",
            // No status column value: the emoji of the title cell.
            "17 M5 Export | done | -",
        ]
    );
}

#[test]
fn a_title_states_status_in_emoji_or_in_words_beside_the_name() {
    assert_eq!(
        statuses_of("status/titles"),
        [
            "3 Phase 1: Foundations | done | -",
            "5 Phase 2: Core features | in_progress | -",
            "7 Phase 3: Polish | planned | -",
            "9 Phase 4: Billing | blocked | -",
            "11 Phase 5: Search | done | -",
            "13 Phase 6: Sync | in_progress | -",
            "15 Phase 7: Export [DONE] | done | -",
            "17 Phase 8: Mobile SHIPPED | done | -",
            "19 Phase 9: Plugins | planned | -",
            "21 Phase 10: Themes — Cancelled | cancelled | -",
            "23 Phase 11: Offline mode | planned | -",
            // Names, not statuses.
            "25 Milestone 12: Complete Infrastructure Stack | - | -",
            "27 Milestone 13: MVP Complete | - | -",
            "29 Fase 14: Lanzamiento (En progreso) | in_progress | -",
            "31 フェーズ15: 公開（完了） | done | -",
            "33 阶段 16：部署 进行中 | in_progress | -",
            "35 Etappe 17 — Abgeschlossen | done | -",
            "37 Этап 18 — В работе | in_progress | -",
            "39 Phase 19: Payments | in_progress | -",
        ]
    );
    assert_eq!(
        statuses_of("status/lists"),
        [
            "5 Phase 1 — Discovery | done | -",
            "6 Phase 2 — Delivery | - | -",
            "7 Phase 3 — Rollout | in_progress | -",
            "8 Phase 4 — Review | blocked | -",
            "9 Phase 5 — Pricing | in_progress | -",
        ]
    );
}

#[test]
fn a_checklist_all_checked_is_done_and_progress_counts_every_depth() {
    assert_eq!(
        statuses_of("status/checklists"),
        [
            "3 Sprint 1: Setup | done | 3/3",
            // `[~]` is a task, not a checked one.
            "11 Sprint 2: Build | - | 2/5",
            // The title says more than the checklist.
            "21 Sprint 3: Polish | planned | 1/1",
            "27 Sprint 4: Notes | - | -",
        ]
    );
}

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
