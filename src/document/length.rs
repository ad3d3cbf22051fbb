//! The length pattern of durations (`1-2 weeks`, `3+ días`, `36个月以上`),
//! matched by hand.
//!
//! As a regular expression it is
//! `NUM(\+)?\s*(?:UNIT\s*)?(?:TO\s*NUM\s*)?UNIT(\s*(?:\+|以上|or more|…))?`
//! with an alternation of some 150 unit words, twice: compiling it was the
//! largest single cost of a one-file run. Its shape is fixed, so this module
//! walks it directly, trying the choices of each part in the order a
//! backtracking engine would (greedy repetitions longest first, alternatives
//! in their listed order). That order is what defines the regex crate's
//! leftmost-first matches, so the groups are the same; a property test
//! holds them against the compiled pattern on generated text.

use std::ops::Range;

/// Unit words (lower case), in any order: [`units_longest_first`] sorts them.
pub(super) const UNITS: &[&str] = &[
    "minutes",
    "minute",
    "mins",
    "min",
    "minutos",
    "minuten",
    "分钟",
    "分",
    "hours",
    "hour",
    "hrs",
    "hr",
    "horas",
    "hora",
    "stunden",
    "stunde",
    "std",
    "个小时",
    "小时",
    "小時",
    "時間",
    "h",
    "days",
    "day",
    "días",
    "día",
    "dias",
    "dia",
    "tagen",
    "tage",
    "tag",
    "jours",
    "jour",
    "journées",
    "journée",
    "giorni",
    "giorno",
    "dagar",
    "dag",
    "dagen",
    "дней",
    "дня",
    "день",
    "дни",
    "일",
    "个工作日",
    "工作日",
    "日間",
    "天",
    "日",
    "d",
    "weeks",
    "week",
    "wks",
    "wk",
    "semanas",
    "semana",
    "semaines",
    "semaine",
    "wochen",
    "woche",
    "settimane",
    "settimana",
    "veckor",
    "vecka",
    "weken",
    "недели",
    "неделя",
    "недель",
    "주",
    "个星期",
    "星期",
    "个周",
    "週間",
    "週",
    "周",
    "w",
    "months",
    "month",
    "mos",
    "mo",
    "meses",
    "mes",
    "mês",
    "monaten",
    "monate",
    "monat",
    "mois",
    "mesi",
    "mese",
    "månader",
    "månad",
    "maanden",
    "maand",
    "месяцев",
    "месяца",
    "месяц",
    "개월",
    "个月",
    "ヶ月",
    "か月",
    "ケ月",
    "カ月",
    "ヵ月",
    "月",
    "quarters",
    "quarter",
    "qtrs",
    "qtr",
    "trimestres",
    "trimestre",
    "quartale",
    "quartal",
    "个季度",
    "季度",
    "四半期",
    "years",
    "year",
    "yrs",
    "yr",
    "años",
    "año",
    "anos",
    "ano",
    "jahren",
    "jahre",
    "jahr",
    "年",
    "sprints",
    "sprint",
    "iterations",
    "iteration",
];

/// The unit words, longest first (by characters, stable), as the regex
/// alternation listed them: the first that leads to a match wins.
pub(super) fn units_longest_first() -> &'static [&'static str] {
    static SORTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut units = UNITS.to_vec();
        units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        units
    });
    &SORTED
}

/// The words between two numbers of a range, in the pattern's order.
const TO: [&str; 9] = ["-", "to", "a", "al", "bis", "até", "~", "至", "到"];

/// The words after the unit that leave the range open, in order.
const OPEN: [&str; 5] = ["+", "以上", "or more", "o más", "ou mais"];

/// One match: the same groups as the regular expression's.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Length {
    /// Group 0: the whole match.
    pub whole: Range<usize>,
    /// Group 1: the first number.
    pub first: Range<usize>,
    /// Group 2: a `+` right after it.
    pub plus: Option<Range<usize>>,
    /// Group 3: the first number's own unit (`1 week - 2 weeks`).
    pub first_unit: Option<Range<usize>>,
    /// Group 4: the second number of a range.
    pub second: Option<Range<usize>>,
    /// Group 5: the unit.
    pub unit: Range<usize>,
    /// Group 6: an open end after the unit (`+`, `以上`), with its spaces.
    pub open: Option<Range<usize>>,
}

/// The leftmost match starting at `at` or later.
pub(super) fn find_at(h: &str, at: usize) -> Option<Length> {
    let bytes = h.as_bytes();
    (at..h.len())
        .filter(|&s| bytes[s].is_ascii_digit())
        .find_map(|s| match_at(h, s))
}

/// The preferred match that starts exactly at `s`.
fn match_at(h: &str, s: usize) -> Option<Length> {
    for first_end in number_ends(h, s) {
        let plus = h[first_end..]
            .starts_with('+')
            .then(|| first_end..first_end + 1);
        let plus_choices = [plus.clone(), None];
        for plus in plus_choices.iter().take(if plus.is_some() { 2 } else { 1 }) {
            let after_plus = plus.as_ref().map_or(first_end, |r| r.end);
            for p in space_ends(h, after_plus) {
                // `(?:UNIT\s*)?`: each unit with its spaces, then none.
                let mut firsts: Vec<(Option<Range<usize>>, usize)> = Vec::new();
                for u in units_at(h, p) {
                    for e in space_ends(h, u.end) {
                        firsts.push((Some(u.clone()), e));
                    }
                }
                firsts.push((None, p));
                for (first_unit, p) in firsts {
                    for (second, p) in range_tails(h, p) {
                        // The unit ends the required part: the first one
                        // that is there is the match.
                        if let Some(unit) = units_at(h, p).next() {
                            let open = open_end(h, unit.end);
                            let end = open.as_ref().map_or(unit.end, |r| r.end);
                            return Some(Length {
                                whole: s..end,
                                first: s..first_end,
                                plus: plus.clone(),
                                first_unit,
                                second,
                                unit,
                                open,
                            });
                        }
                    }
                }
            }
        }
    }
    None
}

/// Ends of `[0-9]+(?:[.,][0-9]+)?` at `s`, in preference order.
fn number_ends(h: &str, s: usize) -> Vec<usize> {
    let b = h.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d = digits(s);
    let mut ends = Vec::new();
    for k in (1..=d).rev() {
        let e = s + k;
        if k == d && matches!(b.get(e), Some(b'.' | b',')) {
            let f = digits(e + 1);
            ends.extend((1..=f).rev().map(|j| e + 1 + j));
        }
        ends.push(e);
    }
    ends
}

/// Ends of `\s*` at `p` (Unicode white space), longest first.
fn space_ends(h: &str, p: usize) -> Vec<usize> {
    let mut ends = vec![p];
    for (i, c) in h[p..].char_indices() {
        if !c.is_whitespace() {
            break;
        }
        ends.push(p + i + c.len_utf8());
    }
    ends.reverse();
    ends
}

/// The unit words at `p`, in the alternation's order.
fn units_at(h: &str, p: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let rest = &h[p..];
    units_longest_first()
        .iter()
        .filter(move |u| rest.starts_with(**u))
        .map(move |u| p..p + u.len())
}

/// `(?:TO\s*NUM\s*)?` at `p`: each way to read a second number (its range
/// and where it ends), then none.
fn range_tails(h: &str, p: usize) -> Vec<(Option<Range<usize>>, usize)> {
    let mut tails = Vec::new();
    for to in TO {
        if !h[p..].starts_with(to) {
            continue;
        }
        for q in space_ends(h, p + to.len()) {
            if !h.as_bytes().get(q).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            for n in number_ends(h, q) {
                for e in space_ends(h, n) {
                    tails.push((Some(q..n), e));
                }
            }
        }
    }
    tails.push((None, p));
    tails
}

/// `(\s*(?:\+|以上|or more|o más|ou mais))?` at `p`.
fn open_end(h: &str, p: usize) -> Option<Range<usize>> {
    space_ends(h, p).into_iter().find_map(|q| {
        OPEN.iter()
            .find(|w| h[q..].starts_with(**w))
            .map(|w| p..q + w.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The regular expression this module replaces.
    fn reference() -> regex::Regex {
        let unit = format!("({})", units_longest_first().join("|"));
        let num = r"([0-9]+(?:[.,][0-9]+)?)";
        let to = r"(?:-|to|a|al|bis|até|~|至|到)";
        regex::Regex::new(&format!(
            r"{num}(\+)?\s*(?:{unit}\s*)?(?:{to}\s*{num}\s*)?{unit}(\s*(?:\+|以上|or more|o más|ou mais))?"
        ))
        .unwrap()
    }

    fn groups(m: &Length) -> Vec<Option<Range<usize>>> {
        vec![
            Some(m.whole.clone()),
            Some(m.first.clone()),
            m.plus.clone(),
            m.first_unit.clone(),
            m.second.clone(),
            Some(m.unit.clone()),
            m.open.clone(),
        ]
    }

    fn assert_same(re: &regex::Regex, text: &str) {
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = re.captures_at(text, at).map(|c| {
                (0..7)
                    .map(|i| c.get(i).map(|m| m.range()))
                    .collect::<Vec<_>>()
            });
            let got = find_at(text, at).map(|m| groups(&m));
            assert_eq!(got, want, "{text:?} at {at}");
        }
    }

    #[test]
    fn the_same_groups_as_the_regex_on_known_texts() {
        let re = reference();
        for text in [
            "1-2 weeks",
            "1 week - 2 weeks",
            "3+ weeks",
            "36个月以上",
            "2,5 meses",
            "6-8h",
            "2 a 3 meses",
            "1 al 3 días",
            "3 weeks or more",
            "3 weeks  +",
            "1.5.3 weeks",
            "1. weeks",
            "12 hours 30 min",
            "4 weeks (sprints 1-2)",
            "1 to2weeks",
            "2 weeksx",
            "0-3个月",
            "（4-6周）",
            "5--3 weeks",
            "1 week\u{3000}- 2\u{a0}weeks",
            "",
            "no number",
        ] {
            assert_same(&re, text);
        }
    }

    /// Text made of the pieces the pattern is about, in any order.
    fn piece() -> impl Strategy<Value = String> {
        let units = units_longest_first();
        prop_oneof![
            "[0-9]{1,3}".prop_map(String::from),
            prop::sample::select(vec![".", ",", "+", "-", "~", " ", "  ", "\u{3000}", "\t"])
                .prop_map(String::from),
            prop::sample::select(units.to_vec()).prop_map(String::from),
            prop::sample::select(TO.to_vec()).prop_map(String::from),
            prop::sample::select(OPEN.to_vec()).prop_map(String::from),
            "[a-zé周月]{1,3}".prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_same_groups_as_the_regex(pieces in prop::collection::vec(piece(), 0..8)) {
            thread_local!(static RE: regex::Regex = reference());
            let text = pieces.concat();
            RE.with(|re| assert_same(re, &text));
        }
    }
}
