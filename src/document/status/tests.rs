//! Tests of the status reading: title marks and words, field values, their order against checklists, progress, configured words.

use super::*;
use crate::document::ParseOptions;
use crate::document::model::{Item, Span};

fn statuses() -> Statuses {
    Statuses::new(&ParseOptions::default().status)
}

fn title(t: &str) -> Option<&'static str> {
    read(&statuses(), t, None, &BTreeMap::new(), &BTreeMap::new())
        .0
        .map(Status::name)
}

fn value(v: &str) -> Option<&'static str> {
    from_value(&statuses(), v).map(Status::name)
}

fn section(checks: &[Option<bool>]) -> BTreeMap<String, Section> {
    let mut s = Section::new("Tasks".into(), 1, Span::default());
    for (depth, &checked) in checks.iter().enumerate() {
        s.items.push(Item {
            text: "x".into(),
            checked,
            state: None,
            depth: depth % 2,
            line: 1,
            span: Span::default(),
        });
    }
    BTreeMap::from([("tasks".to_string(), s)])
}

#[test]
fn emoji_in_the_title_state_status() {
    assert_eq!(title("✅ Phase 1: Setup"), Some("done"));
    assert_eq!(title("Sprint 1: Quick Win (1 week) ✔️"), Some("done"));
    assert_eq!(title("🚧 v7.0 Quality"), Some("in_progress"));
    assert_eq!(title("🏗️ Phase 2"), Some("in_progress"));
    assert_eq!(title("📋 Phase 3"), Some("planned"));
    assert_eq!(title("🔴 Phase 4"), Some("blocked"));
    assert_eq!(title("❌ Phase 5"), Some("cancelled"));
    assert_eq!(title("🎯 Phase 6"), None);
    // The emoji comes before the words.
    assert_eq!(title("✅ Phase 7 (planned)"), Some("done"));
}

#[test]
fn title_words_count_where_titles_state_status() {
    assert_eq!(
        title("Phase 27: Tests (completed 2026-03-01)"),
        Some("done")
    );
    assert_eq!(
        title("v1.0 Core - Phases 1-3 (shipped 2026-02-18) - notes.md"),
        Some("done")
    );
    assert_eq!(title("P2.4 — joint angles (planned)"), Some("planned"));
    assert_eq!(title("Phase 1 [DONE] Setup"), Some("done"));
    assert_eq!(title("[WIP] Phase 2"), Some("in_progress"));
    assert_eq!(title("M1 — Scoping and validation · DONE"), Some("done"));
    assert_eq!(
        title("Phase 1: Glossary (6-8h) - PARTIALLY COMPLETE"),
        Some("in_progress")
    );
    assert_eq!(title("Phase 2 - Released"), Some("done"));
    assert_eq!(title("Phase 3 SHIPPED"), Some("done"));
    assert_eq!(title("Phase 4 (Not started)"), Some("planned"));
    assert_eq!(title("Phase 5: Search — Canceled"), Some("cancelled"));
    assert_eq!(title("Phase 6 - DEFERRED"), Some("planned"));
    assert_eq!(title("Phase 7 (Blocked by the API)"), Some("blocked"));
    assert_eq!(title("Phase 8 (65% complete)"), Some("in_progress"));
    assert_eq!(title("Phase 9 (100%)"), Some("done"));
    assert_eq!(title("フェーズ1: コアワークフロー（完了）"), Some("done"));
    assert_eq!(title("阶段二：测试 进行中"), Some("in_progress"));
    assert_eq!(title("Fase 3 - En progreso"), Some("in_progress"));
    assert_eq!(title("Etappe 4 (Abgeschlossen)"), Some("done"));
    assert_eq!(title("Этап 5 — Выполнено"), Some("done"));
    assert_eq!(title("단계 6 (진행 중)"), Some("in_progress"));
}

#[test]
fn names_are_not_statuses() {
    assert_eq!(title("Milestone: Complete Infrastructure Stack"), None);
    assert_eq!(
        title("Sprint 4 — Delivery (Walking Skeleton Complete)"),
        None
    );
    assert_eq!(title("M2: MVP Complete"), None);
    assert_eq!(title("Phase 2: Planned Features"), None);
    assert_eq!(title("Phase 3 - Incomplete migrations"), None);
    assert_eq!(title("Phase 4 (Incomplete)"), None);
    assert_eq!(title("Milestone 3: TODO app sync"), None);
    assert_eq!(title("PHASE 5: COMPLETE REWRITE"), None);
    assert_eq!(title("阶段3：完成部署"), None);
    assert_eq!(title("Phase 6: Doneness checks"), None);
    assert_eq!(
        title("Milestone 0 — Ground truth (current → next minor)"),
        None
    );
}

#[test]
fn field_values_are_all_status() {
    assert_eq!(value("✅ Complete"), Some("done"));
    assert_eq!(
        value("In progress. Funded by a grant."),
        Some("in_progress")
    );
    assert_eq!(value("NOT STARTED"), Some("planned"));
    assert_eq!(value("❌ Not started"), Some("planned"));
    assert_eq!(value("In-flight! ✈️"), Some("in_progress"));
    // Coloured squares mean different things in different tables.
    assert_eq!(value("🟨"), None);
    assert_eq!(value("Terminado"), Some("done"));
    assert_eq!(value("No empezado"), Some("planned"));
    assert_eq!(value("已完成（局部覆盖）"), Some("done"));
    assert_eq!(value("Em andamento"), Some("in_progress"));
    assert_eq!(value("On hold"), Some("blocked"));
    assert_eq!(value("Partially Complete"), Some("in_progress"));
    assert_eq!(
        value("DDR-011 completed ✅, GLOSSARY.md updates pending"),
        Some("in_progress")
    );
    assert_eq!(
        value("[ ] Not Started | [/] In Progress | [x] Complete"),
        None
    );
    assert_eq!(value("40%"), Some("in_progress"));
    assert_eq!(value("50% done"), Some("in_progress"));
    assert_eq!(value("Incomplete"), None);
    assert_eq!(value("Owner review"), None);
}

#[test]
fn a_field_comes_before_the_title_and_the_title_before_the_checklist() {
    let s = statuses();
    let field = |v: &str| {
        BTreeMap::from([(
            "status".to_string(),
            Field {
                label: "Status".into(),
                value: v.into(),
                line: 1,
                span: Span::default(),
            },
        )])
    };
    let all = section(&[Some(true), Some(true), None]);
    let status_of = |t: &str, f: &BTreeMap<String, Field>, sec: &BTreeMap<String, Section>| {
        read(&s, t, None, f, sec).0.map(Status::name)
    };
    let none = BTreeMap::new();
    assert_eq!(
        status_of("✅ Phase 1", &field("Blocked"), &all),
        Some("blocked")
    );
    assert_eq!(
        status_of("🚧 Phase 1", &field("Owner: Ana"), &all),
        Some("in_progress")
    );
    assert_eq!(status_of("Phase 1", &none, &all), Some("done"));
    assert_eq!(status_of("Phase 1 (planned)", &none, &all), Some("planned"));
    let marker = |task| read(&s, "Phase 2", Some(task), &none, &BTreeMap::new()).0;
    assert_eq!(marker(Task::Done), Some(Status::Done));
    assert_eq!(marker(Task::InProgress), Some(Status::InProgress));
    assert_eq!(marker(Task::Open), None);
}

#[test]
fn progress_counts_task_items_at_every_depth() {
    let s = statuses();
    let (status, progress) = read(
        &s,
        "Phase 1",
        None,
        &BTreeMap::new(),
        &section(&[
            Some(true),
            Some(false),
            Some(true),
            None,
            Some(false),
            Some(false),
        ]),
    );
    assert_eq!(
        progress,
        Some(Progress {
            checked: 2,
            total: 5
        })
    );
    assert_eq!(status, None);
    let (status, progress) = read(&s, "Phase 1", None, &BTreeMap::new(), &section(&[None]));
    assert_eq!((status, progress), (None, None));
}

#[test]
fn the_longest_entry_at_a_place_wins() {
    let s = statuses();
    let text: Vec<char> = "not started, partially complete, complete"
        .chars()
        .collect();
    let hits: Vec<(usize, Status)> = s.hits(&text).iter().map(|h| (h.start, h.status)).collect();
    assert_eq!(
        hits,
        [
            (0, Status::Planned),
            (13, Status::InProgress),
            (33, Status::Done)
        ]
    );
    // A configured word matches only as a whole word.
    let text: Vec<char> = "incomplete undone donezo".chars().collect();
    assert!(s.hits(&text).is_empty());
}

#[test]
fn future_words_mark_a_title_at_the_start_of_a_part_or_a_bracket() {
    let vocab = ParseOptions::default().prepare();
    let future = |t: &str| marks_future(&vocab.future, t);
    for t in [
        "Future enhancements",
        "🔮 Future",
        "Phase 7: Future enhancements",
        "Phase 8 (later)",
        "Phase 8 [Someday]",
        "Phase 9 — Long-term",
        "フェーズ9: 開発者エクスペリエンス（将来）",
        "Fase 6 (futuro)",
    ] {
        assert!(future(t), "{t}");
    }
    for t in [
        "Phase 2: Future-proof storage",
        "Phase 3: Plan the future",
        "Phase 4: Laterals",
        "Phase 5: Reports",
    ] {
        assert!(!future(t), "{t}");
    }
    // Without words, nothing is future work.
    assert!(!marks_future(&[], "Future"));
}
