//! Duration text → a range of calendar-day equivalents.
//!
//! Milestone files state durations in many ways (`1-2 weeks`, `6-8h`,
//! `（4–6周）`, `Weeks 1-4`, `Ongoing`, `[X weeks]`, …; see
//! `CONVENTIONS.md` §4). Policies compare numbers, so this module turns the
//! text into `min`/`max` days using the configured unit lengths, and flags
//! open-ended and placeholder values. An explicit length (`4 weeks`) wins over
//! a schedule window (`Week 12-16`); a window's length is its number of units.

use std::sync::LazyLock;

use super::pattern::{Groups, Pattern};

use super::options::Units;

/// How a duration text reads.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Reading {
    /// Lower bound in days.
    pub min_days: Option<f64>,
    /// Upper bound in days (`None` for open-ended values such as `3+ weeks`).
    pub max_days: Option<f64>,
    /// `Ongoing`, `Continuous` and translations.
    pub ongoing: bool,
    /// A template placeholder such as `TBD` or `[X weeks]`.
    pub placeholder: bool,
    /// A position in a schedule (`Weeks 3-6`, a date range) rather than a
    /// length of work: its days are the window's length.
    pub window: bool,
    /// Written as a duration, but not one that can be read without
    /// guessing: a negative number (`-5 weeks`), a broken range (`5--3
    /// weeks`), a fraction (`1/2 week`), digit groups (`1,000 weeks`), an
    /// impossible date. It has no days, so it is `duration/unparseable`.
    pub malformed: bool,
}

impl Reading {
    /// Whether the text was read as a duration at all.
    pub fn recognised(&self) -> bool {
        self.min_days.is_some() || self.ongoing || self.placeholder || self.malformed
    }

    /// A duration text that cannot be read without guessing.
    fn malformed() -> Reading {
        Reading {
            malformed: true,
            ..Reading::default()
        }
    }
}

/// The unit alternation of [`LETTER_NUMBER`], longest first: the regex
/// alternation takes the first that matches.
static UNIT: LazyLock<String> =
    LazyLock::new(|| format!("({})", super::length::units_longest_first().join("|")));

/// `Weeks 1-4`, `Week 6`, `Days 1-2`, `Semanas 1-4`, `Woche 4-6`.
static WINDOW: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(weeks|week|wks|wk|days|day|months|month|semanas|semana|semaines|semaine|settimane|settimana|veckor|vecka|wochen|woche|días|día|dias|dia|jours|jour|giorni|giorno|tage|tag|meses|mes|mois|mesi|monate|monat|дни|дней|день|недели|неделя|週|周|sprints|sprint|quarters|quarter)\s*([0-9]+)(?:\s*(?:-|to|a|bis|and|&)\s*(?:(?:weeks|week|days|day|months|month)\s*)?([0-9]+))?",
    )
    .expect("valid window regex")
});

/// `2025-10-01 to 2025-11-15`.
static DATE_RANGE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*(?:-|to|until|bis|a|até|→)\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
        .expect("valid date range regex")
});

/// A value with no number that stands for one: `X days`, `N-M weeks`.
static LETTER_NUMBER: LazyLock<Pattern> = LazyLock::new(|| {
    let unit = &*UNIT;
    Pattern::new(&format!(
        r"^[\[(]?\s*[xnmyz#?]+(?:\s*-\s*[xnmyz#?]+)?\s*{unit}\b"
    ))
    .expect("valid placeholder regex")
});

const ONGOING: &[&str] = &[
    "ongoing",
    "continuous",
    "continuously",
    "continual",
    "indefinite",
    "permanent",
    "perpetual",
    "en curso",
    "en continu",
    "continu",
    "in corso",
    "onwards",
    "ongoing basis",
    "постоянно",
    "继续",
    "継続的",
    "상시",
    "continuo",
    "contínuo",
    "continua",
    "contínua",
    "permanente",
    "em andamento",
    "laufend",
    "fortlaufend",
    "kontinuierlich",
    "dauerhaft",
    "持续",
    "持續",
    "长期",
    "長期",
    "継続",
    "常時",
];

const PLACEHOLDER_WORDS: &[&str] = &[
    "tbd",
    "tba",
    "tbc",
    "todo",
    "to do",
    "to be determined",
    "?",
    "??",
    "???",
    "xx",
];

/// Reads a duration text with the configured unit lengths.
pub fn read(text: &str, units: &Units) -> Reading {
    let norm = normalize(text);
    // A hint in brackets (`[e.g., 2 weeks]`, `[X days]`) or braces is a
    // template's slot, whatever it holds.
    let t = norm.trim();
    if (t.starts_with('[') && t.ends_with(']')) || (t.starts_with("{{") && t.ends_with("}}")) {
        return Reading {
            placeholder: true,
            ..Reading::default()
        };
    }
    // Lengths, date ranges and windows all hold an ASCII digit: without one
    // their patterns are neither searched nor (in a one-file run) compiled.
    let digits = norm.bytes().any(|b| b.is_ascii_digit());
    if digits && let Some(r) = read_length(&norm, units) {
        return r;
    }
    if digits && let Some(c) = DATE_RANGE.captures(&norm) {
        return read_date_range(&c);
    }
    if digits && let Some(r) = read_window(&norm, units) {
        return r;
    }
    if let Some(days) =
        super::calendar::day_range(&norm).or_else(|| super::calendar::month_range(&norm))
    {
        return Reading {
            min_days: Some(days),
            max_days: Some(days),
            window: true,
            ..Reading::default()
        };
    }
    if contains_word(&norm, ONGOING) {
        return Reading {
            ongoing: true,
            ..Reading::default()
        };
    }
    if is_placeholder(&norm) {
        return Reading {
            placeholder: true,
            ..Reading::default()
        };
    }
    Reading::default()
}

/// Lower-cases and folds dash and bracket variants to ASCII.
fn normalize(text: &str) -> String {
    let text = text.replace('½', "0.5 ");
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '–' | '—' | '‑' | '‐' | '−' | '〜' | '～' => '-',
            '（' => '(',
            '）' => ')',
            '\u{a0}' => ' ',
            _ => c,
        })
        .collect::<String>()
        .replace("half a day", "0.5 day")
        .replace("half-day", "0.5 day")
        .replace("half day", "0.5 day")
        .replace("half a week", "0.5 week")
}

/// Every length in the text (`1-2 weeks`, `3+ days`): one is the reading;
/// several (`2 weeks (10 days)`) read as the range that spans them all, so
/// none is dropped. A number glued to something the pattern cannot read
/// makes the whole text malformed rather than a wrong number.
fn read_length(norm: &str, units: &Units) -> Option<Reading> {
    let mut spans: Vec<(f64, Option<f64>)> = Vec::new();
    let mut at = 0;
    while at <= norm.len() {
        let Some(c) = super::length::find_at(norm, at) else {
            break;
        };
        let (whole, unit) = (c.whole.clone(), &norm[c.unit.clone()]);
        let next = norm[c.unit.end..].chars().next();
        let unit_is_word = unit.ends_with(|ch: char| ch.is_ascii_alphabetic());
        let prev = norm[..whole.start].chars().next_back();
        if (unit_is_word && next.is_some_and(char::is_alphabetic))
            || prev.is_some_and(|p| p.is_ascii_alphanumeric())
        {
            at = whole.start + norm[whole.start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if glued(norm, whole.start) {
            return Some(Reading::malformed());
        }
        let last = unit_days(unit, units)?;
        let first = c
            .first_unit
            .and_then(|u| unit_days(&norm[u], units))
            .unwrap_or(last);
        if grouped(&norm[c.first.clone()]) || c.second.clone().is_some_and(|r| grouped(&norm[r])) {
            return Some(Reading::malformed());
        }
        let a = decimal(&norm[c.first])?;
        let open = c.plus.is_some() || c.open.is_some();
        let min = round(a * first);
        let max = match c.second.and_then(|r| decimal(&norm[r])) {
            Some(b) => Some(round(b * last)),
            None if open => None,
            None => Some(min),
        };
        if !min.is_finite() || max.is_some_and(|m| !m.is_finite()) {
            return Some(Reading::malformed());
        }
        spans.push((min, max));
        at = whole.end.max(at + 1);
    }
    // An inverted range is reported as written (duration/inverted-range).
    let inverted = spans
        .iter()
        .find(|(min, max)| max.is_some_and(|m| m < *min));
    let (min, max) = match inverted {
        Some(&span) => span,
        None => spans.iter().copied().reduce(|(a, x), (b, y)| {
            let max = match (x, y) {
                (Some(x), Some(y)) => Some(x.max(y)),
                _ => None,
            };
            (a.min(b), max)
        })?,
    };
    Some(Reading {
        min_days: Some(min),
        max_days: max,
        ..Reading::default()
    })
}

/// Whether the number that starts at `start` continues text the length
/// pattern could not read: a minus sign (`-5`, `(-5`, but not `sprint-2`),
/// a second dash of a broken range (`5--3`), a fraction (`1/2`), digit
/// groups (`1,000,000`, `1_000`), a leading point (`.5`).
fn glued(norm: &str, start: usize) -> bool {
    let mut before = norm[..start].chars().rev();
    match before.next() {
        Some('-') => !before.next().is_some_and(char::is_alphabetic),
        Some(c) => matches!(c, '/' | ',' | '.' | '_') || c.is_ascii_digit(),
        None => false,
    }
}

/// `2025-10-01 to 2025-11-15`: the days from the first date to the second,
/// inclusively. Written backwards, it is an inverted range: `min_days` is
/// its length read forwards, `max_days` the (zero or negative) length as
/// written. An impossible date (`2025-13-01`) is malformed.
fn read_date_range(c: &Groups<'_>) -> Reading {
    let n = |i: usize| {
        c.get(i)
            .and_then(|m| m.as_str().parse::<i64>().ok())
            .unwrap_or(0)
    };
    let day = |y: i64, m: i64, d: i64| {
        ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| super::calendar::days_from_civil(y, m, d))
    };
    let (Some(a), Some(b)) = (day(n(1), n(2), n(3)), day(n(4), n(5), n(6))) else {
        return Reading::malformed();
    };
    let (min, max) = if b >= a {
        (b - a + 1, b - a + 1)
    } else {
        (a - b + 1, b - a + 1)
    };
    Reading {
        min_days: Some(min as f64),
        max_days: Some(max as f64),
        window: true,
        ..Reading::default()
    }
}

fn read_window(norm: &str, units: &Units) -> Option<Reading> {
    let mut found = None;
    for c in WINDOW.captures_iter(norm) {
        let Some(whole) = c.get(0) else { continue };
        let prev = norm[..whole.start()].chars().next_back();
        if prev.is_some_and(char::is_alphanumeric) {
            continue;
        }
        found = Some(c);
    }
    let c = found?;
    let unit = unit_days(c.get(1)?.as_str(), units)?;
    let a = number(&c, 2)?;
    let count = match number(&c, 3) {
        Some(b) => (b - a).abs() + 1.0,
        None => 1.0,
    };
    let days = round(count * unit);
    Some(Reading {
        min_days: Some(days),
        max_days: Some(days),
        window: true,
        ..Reading::default()
    })
}

fn number(c: &Groups<'_>, i: usize) -> Option<f64> {
    decimal(c.get(i)?.as_str())
}

/// Whether a number is written with a thousands comma (`1,000`): English
/// digit grouping, or a decimal comma with three decimals — it cannot be
/// told which.
fn grouped(number: &str) -> bool {
    number
        .split_once(',')
        .is_some_and(|(_, decimals)| decimals.len() == 3)
}

/// A number with a decimal point or comma (`2,5`).
fn decimal(text: &str) -> Option<f64> {
    text.replace(',', ".").parse().ok()
}

fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Days of one unit word (already lower-cased).
fn unit_days(unit: &str, u: &Units) -> Option<f64> {
    let days = match unit {
        "minutes" | "minute" | "mins" | "min" | "minutos" | "minuten" | "分钟" | "分" => {
            u.hour / 60.0
        }
        "hours" | "hour" | "hrs" | "hr" | "horas" | "hora" | "stunden" | "stunde" | "std"
        | "个小时" | "小时" | "小時" | "時間" | "h" => u.hour,
        "days" | "day" | "días" | "día" | "dias" | "dia" | "tagen" | "tage" | "tag" | "jours"
        | "jour" | "journées" | "journée" | "giorni" | "giorno" | "dagar" | "dag" | "dagen"
        | "дней" | "дня" | "день" | "дни" | "일" | "个工作日" | "工作日" | "日間" | "天" | "日"
        | "d" => u.day,
        "weeks" | "week" | "wks" | "wk" | "semanas" | "semana" | "semaines" | "semaine"
        | "wochen" | "woche" | "settimane" | "settimana" | "veckor" | "vecka" | "weken"
        | "недели" | "неделя" | "недель" | "주" | "个星期" | "星期" | "个周" | "週間" | "週"
        | "周" | "w" => u.week,
        "months" | "month" | "mos" | "mo" | "meses" | "mes" | "mês" | "monaten" | "monate"
        | "monat" | "mois" | "mesi" | "mese" | "månader" | "månad" | "maanden" | "maand"
        | "месяцев" | "месяца" | "месяц" | "개월" | "个月" | "ヶ月" | "か月" | "ケ月" | "カ月"
        | "ヵ月" | "月" => u.month,
        "quarters" | "quarter" | "qtrs" | "qtr" | "trimestres" | "trimestre" | "quartale"
        | "quartal" | "个季度" | "季度" | "四半期" => u.quarter,
        "years" | "year" | "yrs" | "yr" | "años" | "año" | "anos" | "ano" | "jahren" | "jahre"
        | "jahr" | "年" => u.year,
        "sprints" | "sprint" | "iterations" | "iteration" => u.sprint,
        _ => return None,
    };
    Some(days)
}

/// Whether one of `words` occurs in `text` not glued to other letters.
fn contains_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| {
        text.match_indices(w).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + w.len()..].chars().next();
            let ascii = w.is_ascii();
            !ascii
                || (!before.is_some_and(char::is_alphabetic)
                    && !after.is_some_and(char::is_alphabetic))
        })
    })
}

fn is_placeholder(norm: &str) -> bool {
    let t =
        norm.trim_matches(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '*' | '_' | '.'));
    if PLACEHOLDER_WORDS.contains(&t) || contains_word(t, &["tbd", "tba", "todo"]) {
        return true;
    }
    if t.contains('{') && t.contains('}') {
        return true;
    }
    if let (Some(open), Some(close)) = (t.find('['), t.rfind(']'))
        && open < close
        && !t[open..close].chars().any(|c| c.is_ascii_digit())
    {
        return true;
    }
    LETTER_NUMBER.is_match(t) || t == "yyyy-mm-dd"
}

#[cfg(test)]
mod tests;
