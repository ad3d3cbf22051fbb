//! Calendar blocks and dates: `Q3 2025`, `2025Q1`, `July 2025 - …`,
//! `Abril de 2025`, `2025年7月`, and the dates plans write (`2026-02-03`,
//! `14/03/25`, `04.01.2018`, `05 April 2022`, `Jan 19-25, 2026`).
//!
//! A heading that is a calendar block is a unit lasting that block when it
//! states no other length; a start and an end date give a duration counted
//! inclusively. Month names are part of reading dates, like the unit words
//! of [`super::duration`], so they live here and not in the configuration.

/// Month names and abbreviations (English, Spanish, Portuguese, French,
/// German, Italian, Dutch, Swedish), lower case, with their month number.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("augustus", 8),
    ("mars", 3),
    ("augusti", 8),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// What a calendar heading names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Block {
    /// A month (`July 2025`, `2025-07`, `2025年7月`).
    Month,
    /// A quarter (`Q3 2025`, `2025Q1`, `Q1`).
    Quarter,
    /// A half year (`H1 2026`).
    Half,
}

/// The month named by the word at the start of `s` (lower case), and the
/// word's length in bytes.
fn month_word(s: &str) -> Option<(u32, usize)> {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..end];
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, n)| (n, end))
}

/// A year of four digits at the start of `s`.
fn year(s: &str) -> Option<(i64, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 4)
        .then(|| s[..4].parse().ok().map(|y| (y, 4)))
        .flatten()
}

/// Whether `rest` (what follows a calendar block) ends the title's first
/// part: nothing, a separator, a parenthetical.
fn ends_part(rest: &str) -> bool {
    let r = rest.trim_start();
    r.is_empty()
        || r.starts_with([':', '：', '-', '–', '—', '(', '（', '|', ','])
        || (rest.starts_with(char::is_whitespace)
            && r.chars().next().is_some_and(|c| !c.is_ascii_digit()))
}

/// Whether a title starts with a calendar block, and which.
pub fn block(title: &str) -> Option<Block> {
    let lower = title.trim().to_lowercase();
    let s = lower.as_str();
    // Q3, Q3 2025, Q3-2025, Q3/25
    if let Some(r) = s.strip_prefix('q')
        && r.starts_with(['1', '2', '3', '4'])
    {
        // `Q3`, `Q3 2025`, `Q3: …`, `Q3 (July - September)`; not `Q3 roadmap`.
        let after = r[1..].trim_start_matches([' ', '-', '/']);
        if after.is_empty()
            || after.starts_with([':', '：', '(', '（', '—', '–', '|'])
            || after.starts_with(|c: char| c.is_ascii_digit() || c == '\'')
        {
            return Some(Block::Quarter);
        }
    }
    if let Some(r) = s.strip_prefix('h')
        && r.starts_with(['1', '2'])
        && r[1..].trim_start().starts_with(['2', '1'])
        && year(r[1..].trim_start()).is_some()
    {
        return Some(Block::Half);
    }
    if let Some((_, n)) = year(s) {
        let r = &s[n..];
        // 2025Q1, 2025 Q1, 2025-Q1
        let r2 = r.trim_start_matches([' ', '-', '/']);
        if let Some(q) = r2.strip_prefix('q')
            && q.starts_with(['1', '2', '3', '4'])
            && !q[1..].starts_with(|c: char| c.is_alphanumeric())
        {
            return Some(Block::Quarter);
        }
        // 2025-07, 2025/07 (not a full date)
        if let Some(m) = r.strip_prefix(['-', '/']) {
            let d = m.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&d) && !m[d..].starts_with(['-', '/', '.']) && ends_part(&m[d..]) {
                return Some(Block::Month);
            }
        }
        // 2025年7月
        if let Some(m) = r.strip_prefix('年') {
            let d = m.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&d) && m[d..].starts_with('月') {
                return Some(Block::Month);
            }
        }
        return None;
    }
    // July 2025, Abril de 2025, Sept. 2025
    let (_, n) = month_word(s)?;
    let r = s[n..].trim_start_matches('.').trim_start();
    let r = r.strip_prefix("de ").unwrap_or(r);
    let (_, y) = year(r)?;
    ends_part(&r[y..]).then_some(Block::Month)
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn valid(y: i64, m: i64, d: i64) -> Option<i64> {
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2200).contains(&y))
        .then(|| days_from_civil(y, m, d))
}

/// One date written in full: `2026-02-03`, `2026/02/03`, `14/03/25`,
/// `04.01.2018`, `05 April 2022`, `April 5, 2022`, `2026年2月3日`, with
/// ordinal suffixes (`4th February 2019`). Returns its day number.
pub fn date(text: &str) -> Option<i64> {
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '*' || c == '`' || c.is_whitespace());
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let n = |s: &str| s.parse::<i64>().ok();
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|s| !s.is_empty())
        .collect();
    let month = words
        .iter()
        .find_map(|w| month_word(w).map(|(m, _)| m as i64));
    match (month, nums.as_slice()) {
        (None, [a, b, c]) if a.len() == 4 => valid(n(a)?, n(b)?, n(c)?),
        (None, [a, b, c]) if c.len() == 4 => valid(n(c)?, n(b)?, n(a)?),
        (None, [a, b, c]) if c.len() == 2 && a.len() <= 2 => valid(2000 + n(c)?, n(b)?, n(a)?),
        (Some(m), [d, y]) if y.len() == 4 && d.len() <= 2 => valid(n(y)?, m, n(d)?),
        (Some(m), [y, d]) if y.len() == 4 && d.len() <= 2 => valid(n(y)?, m, n(d)?),
        _ => None,
    }
}

/// A range of days written with month names: `July 18-31`, `Jan 19-25,
/// 2026`, `Aug 1 - Sep 14`, `4th February 2019 - 8th February 2019`,
/// `08–20 Mai`. Returns the number of days, counted inclusively.
pub fn day_range(text: &str) -> Option<f64> {
    let t = text.to_lowercase().replace(['–', '—', '‑'], "-");
    let (a, b) = t.split_once(" to ").or_else(|| t.split_once('-'))?;
    let side = |s: &str| -> Option<(Option<i64>, Option<i64>, Option<i64>)> {
        let mut month = None;
        let mut day = None;
        let mut year = None;
        for w in
            s.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == '(' || c == ')')
        {
            let w = w.trim();
            if w.is_empty() {
                continue;
            }
            if let Some((m, _)) = month_word(w) {
                month = Some(m as i64);
                continue;
            }
            let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
            let suffix = &w[digits.len()..];
            let ordinal = suffix.is_empty()
                || matches!(
                    suffix,
                    "st" | "nd"
                        | "rd"
                        | "th"
                        | "º"
                        | "er"
                        | "e"
                        | "<sup>th</sup>"
                        | "<sup>st</sup>"
                        | "<sup>nd</sup>"
                        | "<sup>rd</sup>"
                );
            match digits.len() {
                1 | 2 if ordinal && day.is_none() => day = digits.parse().ok(),
                4 => year = digits.parse().ok(),
                _ => return None,
            }
        }
        Some((month, day, year))
    };
    let (m1, d1, y1) = side(a)?;
    let (m2, d2, y2) = side(b)?;
    let (m1, m2) = match (m1, m2) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) | (None, Some(x)) => (x, x),
        _ => return None,
    };
    let y2 = y2.or(y1).unwrap_or(2001);
    let y1 = y1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
    let start = valid(y1, m1, d1?)?;
    let end = valid(y2, m2, d2?)?;
    (end >= start && end - start < 400).then(|| (end - start + 1) as f64)
}

/// A range of months: `Nov 2024 - Jun 2025`, `Apr - Jun 2025`. Returns the
/// number of days from the first day of the first month to the last day of
/// the last, inclusively.
pub fn month_range(text: &str) -> Option<f64> {
    let t = text.to_lowercase().replace(['–', '—', '‑'], "-");
    let (a, b) = t.split_once(" to ").or_else(|| t.split_once('-'))?;
    let side = |s: &str| -> Option<(i64, Option<i64>)> {
        let mut month = None;
        let mut yr = None;
        for w in s.split(|c: char| c.is_whitespace() || c == ',' || c == '.') {
            if w.is_empty() {
                continue;
            }
            if let Some((m, _)) = month_word(w).filter(|(_, n)| *n == w.len()) {
                month = Some(m as i64);
            } else if let Some((y, _)) = year(w).filter(|_| w.len() == 4) {
                yr = Some(y);
            } else {
                return None;
            }
        }
        Some((month?, yr))
    };
    let (m1, y1) = side(a)?;
    let (m2, y2) = side(b)?;
    let y2 = y2.or(y1)?;
    let y1 = y1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
    let start = valid(y1, m1, 1)?;
    let (ny, nm) = if m2 == 12 { (y2 + 1, 1) } else { (y2, m2 + 1) };
    let end = valid(ny, nm, 1)? - 1;
    (end >= start && end - start < 3 * 366).then(|| (end - start + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_headings() {
        assert_eq!(block("Q3 2025 (July - September)"), Some(Block::Quarter));
        assert_eq!(block("Q1"), Some(Block::Quarter));
        assert_eq!(block("Q2 2025: Core Development"), Some(Block::Quarter));
        assert_eq!(block("2025Q1"), Some(Block::Quarter));
        assert_eq!(block("July 2025 - Foundation Sprint"), Some(Block::Month));
        assert_eq!(block("Abril de 2025"), Some(Block::Month));
        assert_eq!(block("2025-07"), Some(Block::Month));
        assert_eq!(block("2025年7月"), Some(Block::Month));
        assert_eq!(block("H1 2026"), Some(Block::Half));
        assert_eq!(block("Quality gates"), None);
        assert_eq!(block("May the plan hold"), None);
        assert_eq!(block("2025-07-15 release"), None);
        assert_eq!(block("Q1s and answers"), None);
        assert_eq!(block("Q3 roadmap"), None);
        assert_eq!(block("Q3 (July - September)"), Some(Block::Quarter));
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-02-03"), Some(days_from_civil(2026, 2, 3)));
        assert_eq!(date("14/03/25"), Some(days_from_civil(2025, 3, 14)));
        assert_eq!(date("04.01.2018"), Some(days_from_civil(2018, 1, 4)));
        assert_eq!(date("05 April 2022"), Some(days_from_civil(2022, 4, 5)));
        assert_eq!(date("Q3 2022"), None);
        assert_eq!(date("TBD"), None);
    }

    #[test]
    fn day_ranges() {
        assert_eq!(day_range("July 18-31"), Some(14.0));
        assert_eq!(day_range("Jan 19-25, 2026"), Some(7.0));
        assert_eq!(day_range("Aug 15 - Sep 14"), Some(31.0));
        assert_eq!(
            day_range(" 4<sup>th</sup> February 2019 - 8<sup>th</sup> February 2019"),
            Some(5.0)
        );
        assert_eq!(day_range("Weeks 1-2"), None);
        assert_eq!(month_range("Nov 2024 - Jun 2025"), Some(242.0));
        assert_eq!(month_range("Apr 2025 - Jun 2025"), Some(91.0));
        assert_eq!(month_range("Oct 2025 - Dec 2026"), Some(457.0));
        assert_eq!(month_range("2 - 3 weeks"), None);
    }
}
