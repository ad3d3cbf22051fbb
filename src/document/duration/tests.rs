//! Tests of the duration reading: lengths and windows, ongoing values, placeholders, unreadable and malformed text, backwards ranges, several lengths, configured unit lengths.

use super::*;
use crate::document::ParseOptions;

fn units() -> Units {
    ParseOptions::default().units
}

#[test]
fn lengths_and_windows() {
    let cases: &[(&str, Option<f64>, Option<f64>)] = &[
        ("1-2 weeks", Some(7.0), Some(14.0)),
        ("1–2 weeks", Some(7.0), Some(14.0)),
        ("1 to 2 weeks", Some(7.0), Some(14.0)),
        ("1 week - 2 weeks", Some(7.0), Some(14.0)),
        ("2.5 months", Some(75.0), Some(75.0)),
        ("2,5 meses", Some(75.0), Some(75.0)),
        ("3 days", Some(3.0), Some(3.0)),
        ("6-8h", Some(0.75), Some(1.0)),
        ("(6-8h)", Some(0.75), Some(1.0)),
        ("2 hours", Some(0.25), Some(0.25)),
        ("1 week", Some(7.0), Some(7.0)),
        ("4 weeks (Sprints 1-2)", Some(28.0), Some(28.0)),
        ("2 weeks (Sprint 5)", Some(14.0), Some(14.0)),
        ("2 sprints", Some(28.0), Some(28.0)),
        ("(1 week)", Some(7.0), Some(7.0)),
        ("(2-3 weeks)", Some(14.0), Some(21.0)),
        ("Weeks 1-4", Some(28.0), Some(28.0)),
        ("Weeks 3-6", Some(28.0), Some(28.0)),
        ("Week 3–6", Some(28.0), Some(28.0)),
        ("Week 6", Some(7.0), Some(7.0)),
        ("Days 1-2", Some(2.0), Some(2.0)),
        ("Week 1, Days 3-4", Some(2.0), Some(2.0)),
        ("Months 4-6", Some(90.0), Some(90.0)),
        ("Semanas 1-4", Some(28.0), Some(28.0)),
        ("Semana 0-1", Some(14.0), Some(14.0)),
        ("Woche 4-6", Some(21.0), Some(21.0)),
        (
            "Week 12-16 (4 weeks, parallel track)",
            Some(28.0),
            Some(28.0),
        ),
        ("3-4 months (Jan - Apr 2026)", Some(90.0), Some(120.0)),
        ("6-2 weeks", Some(42.0), Some(14.0)),
        ("3 días", Some(3.0), Some(3.0)),
        ("1 día", Some(1.0), Some(1.0)),
        ("2 dias", Some(2.0), Some(2.0)),
        ("12-16 semanas", Some(84.0), Some(112.0)),
        ("1 mês", Some(30.0), Some(30.0)),
        ("2 a 3 meses", Some(60.0), Some(90.0)),
        ("3 Tage", Some(3.0), Some(3.0)),
        ("2 Wochen", Some(14.0), Some(14.0)),
        ("1 Monat", Some(30.0), Some(30.0)),
        ("（4–6周）", Some(28.0), Some(42.0)),
        ("3周", Some(21.0), Some(21.0)),
        ("36个月", Some(1080.0), Some(1080.0)),
        ("0-3个月", Some(0.0), Some(90.0)),
        ("2天", Some(2.0), Some(2.0)),
        ("8小时", Some(1.0), Some(1.0)),
        ("2 時間", Some(0.25), Some(0.25)),
        ("1.5 時間", Some(0.1875), Some(0.1875)),
        ("3日", Some(3.0), Some(3.0)),
        ("4-6 週間（1 名）", Some(28.0), Some(42.0)),
        ("2ヶ月", Some(60.0), Some(60.0)),
        ("3か月", Some(90.0), Some(90.0)),
        ("1 quarter", Some(91.0), Some(91.0)),
        ("2 years", Some(730.0), Some(730.0)),
        ("3+ weeks", Some(21.0), None),
        ("36个月以上", Some(1080.0), None),
        ("2025-10-01 to 2025-11-15", Some(46.0), Some(46.0)),
    ];
    for (text, min, max) in cases {
        let r = read(text, &units());
        assert_eq!((r.min_days, r.max_days), (*min, *max), "{text}");
        assert!(!r.ongoing && !r.placeholder, "{text}");
    }
}

#[test]
fn ongoing_values() {
    for text in [
        "Ongoing",
        "(ongoing)",
        "Continuous",
        "continuo",
        "laufend",
        "持续",
    ] {
        let r = read(text, &units());
        assert!(r.ongoing, "{text}");
        assert_eq!(
            (r.min_days, r.max_days, r.placeholder),
            (None, None, false),
            "{text}"
        );
    }
}

#[test]
fn placeholders() {
    for text in [
        "TBD",
        "TODO",
        "[X weeks]",
        "{{estimated duration}}",
        "X days",
        "[Estimate]",
        "N-M weeks",
        "tbd",
    ] {
        let r = read(text, &units());
        assert!(r.placeholder, "{text}");
        assert_eq!(
            (r.min_days, r.max_days, r.ongoing),
            (None, None, false),
            "{text}"
        );
    }
}

#[test]
fn unreadable_text_is_not_recognised() {
    for text in [
        "soon",
        "when it is ready",
        "Q3 2025",
        "2025-10 to 2025-12",
        "",
        "Foundation",
        "midweek 3",
        "3 dayshift",
    ] {
        let r = read(text, &units());
        assert!(!r.recognised(), "{text}: {r:?}");
    }
}

#[test]
fn text_that_would_read_wrong_is_malformed() {
    for text in [
        "-5 weeks",
        "−5 weeks",
        "(-5 weeks)",
        "5--3 weeks",
        "5 - -3 weeks",
        "1/2 week",
        "1,000,000 weeks",
        "1,000 weeks",
        "2-1,500 hours",
        "1_000 weeks",
        ".5 weeks",
        "2025-13-01 to 2026-01-01",
        &format!("{} weeks", "9".repeat(400)),
    ] {
        let r = read(text, &units());
        assert!(r.malformed && r.recognised(), "{text}: {r:?}");
        assert_eq!((r.min_days, r.max_days), (None, None), "{text}");
    }
}

#[test]
fn a_date_range_written_backwards_is_inverted() {
    let r = read("2026-01-01 to 2025-01-01", &units());
    assert_eq!((r.min_days, r.max_days), (Some(366.0), Some(-364.0)));
    assert!(r.window && !r.malformed);
    let r = read("2025-01-02 to 2025-01-01", &units());
    assert_eq!((r.min_days, r.max_days), (Some(2.0), Some(0.0)));
}

#[test]
fn several_lengths_read_as_the_range_spanning_them() {
    let cases: &[(&str, Option<f64>, Option<f64>)] = &[
        ("(1-2 weeks) (3-4 months)", Some(7.0), Some(120.0)),
        ("2 weeks (10 days)", Some(10.0), Some(14.0)),
        ("1 week, then 3+ weeks", Some(7.0), None),
        // An inverted range among them is kept as written.
        ("(6-2 weeks) (1 month)", Some(42.0), Some(14.0)),
        // A hyphenated word before a number is not a minus sign.
        ("sprint-2 weeks", Some(14.0), Some(14.0)),
        ("~5 weeks", Some(35.0), Some(35.0)),
    ];
    for (text, min, max) in cases {
        let r = read(text, &units());
        assert_eq!((r.min_days, r.max_days), (*min, *max), "{text}");
        assert!(!r.malformed, "{text}");
    }
}

#[test]
fn unit_lengths_come_from_the_options() {
    let mut u = units();
    u.week = 5.0;
    u.hour = 1.0 / 24.0;
    assert_eq!(read("2 weeks", &u).max_days, Some(10.0));
    assert_eq!(read("Weeks 1-4", &u).min_days, Some(20.0));
    assert_eq!(read("24h", &u).min_days, Some(1.0));
}
