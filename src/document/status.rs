//! A unit's `status` and `progress`: what its text says about its state.
//!
//! Plans state status in many ways: a `**Status:** ✅ Complete` field or a
//! `Status`/`Estado` column, an emoji in the title (`### ✅ Phase 1`), words
//! beside the title (`(completed 2026-03-01)`, `- PARTIALLY COMPLETE`,
//! `[WIP]`, `（完了）`), or only a checklist with every item checked. [`read`]
//! takes them in that order; the first that says something wins.
//!
//! The words and emoji are the `[status]` tables of the configuration,
//! prepared once per vocabulary as [`Statuses`]. Title words are ambiguous
//! (`Milestone: Complete Infrastructure Stack`, `MVP Complete`), so in a
//! title a word counts only where titles state status: at the start of a
//! parenthetical or bracket, as the last part after a separator, or in
//! capitals. A field's value is all status, so every word in it counts.
//! Matching is by hand over a table sorted by first character: it runs for
//! every unit of every file, and compiling a pattern of ~80 alternatives
//! would cost a one-file run more than all its matching.

use std::collections::BTreeMap;

use super::blocks::Task;
use super::model::{Field, Progress, Section, Status};

/// One word, phrase or emoji of the `[status]` tables.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Where its folded characters (see [`fold`]; an emoji without `U+FE0F`)
    /// start in [`Statuses::chars`].
    at: u32,
    /// How many there are (never 0).
    len: u32,
    /// What it states.
    status: Status,
    /// No letter or digit in it: an emoji.
    emoji: bool,
}

/// The `[status]` vocabulary, sorted by first character, longest first, so
/// the longest entry at a place wins (`not started` over `started`). The
/// characters of every entry share one buffer: a run builds this once, and
/// an allocation per entry was most of that.
#[derive(Clone, Debug, Default)]
pub(crate) struct Statuses {
    chars: Vec<char>,
    entries: Vec<Entry>,
}

impl Statuses {
    /// Prepares the `[status]` tables; keys that name no status are ignored
    /// (the configuration rejects them before this).
    pub fn new(tables: &BTreeMap<String, Vec<String>>) -> Statuses {
        let mut chars: Vec<char> = Vec::with_capacity(1024);
        let mut entries = Vec::with_capacity(128);
        for status in Status::ALL {
            for word in tables.get(status.name()).into_iter().flatten() {
                let at = chars.len();
                fold_into(word, &mut chars);
                if chars.len() == at {
                    continue;
                }
                entries.push(Entry {
                    at: at as u32,
                    len: (chars.len() - at) as u32,
                    status,
                    emoji: !chars[at..].iter().any(|c| c.is_alphanumeric()),
                });
            }
        }
        // Between equal entries the first status listed wins.
        let order: Vec<(char, std::cmp::Reverse<u32>, usize)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (chars[e.at as usize], std::cmp::Reverse(e.len), i))
            .collect();
        let mut sorted: Vec<usize> = (0..entries.len()).collect();
        sorted.sort_unstable_by_key(|&i| order[i]);
        let entries = sorted.into_iter().map(|i| entries[i]).collect();
        Statuses { chars, entries }
    }

    /// The folded characters of `e`.
    fn word(&self, e: &Entry) -> &[char] {
        &self.chars[e.at as usize..(e.at + e.len) as usize]
    }

    /// Every entry in `text`, leftmost first, the longest at each place,
    /// never overlapping.
    fn hits(&self, text: &[char]) -> Vec<Hit> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let c = fold(text[i]);
            // A spaced-script word never starts inside another word.
            let inside_word = spaced(c) && i > 0 && spaced(fold(text[i - 1]));
            let found = if inside_word {
                None
            } else {
                let from = self.entries.partition_point(|e| self.word(e)[0] < c);
                self.entries[from..]
                    .iter()
                    .take_while(|e| self.word(e)[0] == c)
                    .find_map(|e| matched(text, i, self.word(e)).map(|end| (e, end)))
            };
            match found {
                Some((e, end)) => {
                    out.push(Hit {
                        start: i,
                        end,
                        status: e.status,
                        emoji: e.emoji,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Where an entry was found, in characters of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    status: Status,
    emoji: bool,
}

/// Appends a word of the vocabulary to `out` as matching compares it: trimmed,
/// folded (see [`fold`]), without `U+FE0F`, runs of spaces as one.
pub(super) fn fold_into(word: &str, out: &mut Vec<char>) {
    let at = out.len();
    for c in word.trim().chars().filter(|&c| c != '\u{FE0F}').map(fold) {
        if !(c == ' ' && out.len() > at && out.last() == Some(&' ')) {
            out.push(c);
        }
    }
}

/// Lower case, with `-`, `_` and any whitespace as a space, `’` as `'`.
fn fold(c: char) -> char {
    if c.is_ascii() {
        match c {
            '-' | '_' => ' ',
            c if c.is_ascii_whitespace() => ' ',
            c => c.to_ascii_lowercase(),
        }
    } else if c.is_whitespace() {
        ' '
    } else if c == '’' {
        '\''
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// A letter or digit of a script that separates words by spaces, so a word
/// of it must not touch another letter; CJK and Hangul words match anywhere.
fn spaced(c: char) -> bool {
    c.is_alphanumeric() && (c as u32) < 0x2E80
}

/// The end of `e` matched at `text[i]`: case-insensitively, a space of the
/// entry matching a run of spaces, `-` or `_`, `U+FE0F` skipped, and whole
/// words for spaced scripts.
fn matched(text: &[char], i: usize, word: &[char]) -> Option<usize> {
    let mut at = i;
    for &want in word {
        while text.get(at) == Some(&'\u{FE0F}') {
            at += 1;
        }
        let got = fold(*text.get(at)?);
        if got != want {
            return None;
        }
        at += 1;
        if want == ' ' {
            while text.get(at).is_some_and(|&c| fold(c) == ' ') {
                at += 1;
            }
        }
    }
    while text.get(at) == Some(&'\u{FE0F}') {
        at += 1;
    }
    let last = word[word.len() - 1];
    if spaced(last) && text.get(at).is_some_and(|&c| spaced(fold(c))) {
        return None;
    }
    Some(at)
}

/// A unit's status and progress. `title` is its title as written (emoji
/// kept), `task` the task marker of a list-item unit itself.
pub fn read(
    statuses: &Statuses,
    title: &str,
    task: Option<Task>,
    fields: &BTreeMap<String, Field>,
    sections: &BTreeMap<String, Section>,
) -> (Option<Status>, Option<Progress>) {
    let progress = progress(sections);
    let status = fields
        .get("status")
        .and_then(|f| from_value(statuses, &f.value))
        .or_else(|| {
            let title: Vec<char> = title.chars().collect();
            let hits = statuses.hits(&title);
            let marker = match task {
                Some(Task::Done) => Some(Status::Done),
                Some(Task::InProgress) => Some(Status::InProgress),
                Some(Task::Open) | None => None,
            };
            marker
                .or_else(|| hits.iter().find(|h| h.emoji).map(|h| h.status))
                .or_else(|| from_title_words(&title, &hits))
        })
        .or_else(|| {
            progress
                .filter(|p| p.total > 0 && p.checked == p.total)
                .map(|_| Status::Done)
        });
    (status, progress)
}

/// Task-list items at every depth of every section.
fn progress(sections: &BTreeMap<String, Section>) -> Option<Progress> {
    let mut p = Progress {
        checked: 0,
        total: 0,
    };
    for item in sections.values().flat_map(|s| &s.items) {
        if let Some(checked) = item.checked {
            p.total += 1;
            p.checked += usize::from(checked);
        }
    }
    (p.total > 0).then_some(p)
}

/// A status field's value: its words (all of them count), else its emoji,
/// else a bare percentage.
fn from_value(statuses: &Statuses, value: &str) -> Option<Status> {
    let text: Vec<char> = value.chars().collect();
    let hits: Vec<Hit> = statuses
        .hits(&text)
        .into_iter()
        .map(|h| with_percentage(&text, h))
        .collect();
    combine(hits.iter().filter(|h| !h.emoji))
        .or_else(|| hits.iter().find(|h| h.emoji).map(|h| h.status))
        .or_else(|| {
            let start = text.iter().position(|c| !c.is_whitespace())?;
            percentage(&text, start).map(|(_, s)| s)
        })
}

/// The title's words that stand where titles state status.
fn from_title_words(title: &[char], hits: &[Hit]) -> Option<Status> {
    let has_lower = title.iter().any(|c| c.is_lowercase());
    let mut found: Vec<Hit> = hits
        .iter()
        .filter(|h| !h.emoji)
        .map(|&h| with_percentage(title, h))
        .filter(|h| {
            opens_group(title, h.start)
                || ends_title(title, h)
                || (has_lower && in_capitals(title, h))
        })
        .collect();
    // `(65%)`: a bracket holding only a percentage.
    for (i, &c) in title.iter().enumerate() {
        if matches!(c, '(' | '（' | '[' | '【')
            && let Some(start) = (i + 1..title.len()).find(|&k| !title[k].is_whitespace())
            && let Some((end, status)) = percentage(title, start)
            && !found.iter().any(|h| h.start == start)
        {
            found.push(Hit {
                start,
                end,
                status,
                emoji: false,
            });
        }
    }
    found.sort_by_key(|h| h.start);
    combine(found.iter())
}

/// One status from the words of one text. Two that mix done with planned or
/// in-progress work (`completed ✅, updates pending`) say in progress; three
/// or more are a legend (`[ ] Not Started | [/] In Progress | [x] Complete`),
/// which says nothing; otherwise the first word wins.
fn combine<'a>(hits: impl Iterator<Item = &'a Hit>) -> Option<Status> {
    let mut seen: Vec<Status> = Vec::new();
    for h in hits {
        if !seen.contains(&h.status) {
            seen.push(h.status);
        }
    }
    match seen.as_slice() {
        [] => None,
        [one] => Some(*one),
        [a, b] => {
            let unfinished = |s: &Status| matches!(s, Status::Planned | Status::InProgress);
            let mixed =
                (*a == Status::Done && unfinished(b)) || (*b == Status::Done && unfinished(a));
            Some(if mixed { Status::InProgress } else { *a })
        }
        _ => None,
    }
}

/// `N%` (0–100) at `text[start]`, with an optional space before `%`: where
/// it ends and what it says (100 done, 0 planned, else in progress).
fn percentage(text: &[char], start: usize) -> Option<(usize, Status)> {
    let digits = text[start..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n: u32 = text[start..start + digits]
        .iter()
        .fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0));
    let mut at = start + digits;
    if text.get(at) == Some(&' ') {
        at += 1;
    }
    if text.get(at) != Some(&'%') || n > 100 {
        return None;
    }
    let status = match n {
        100 => Status::Done,
        0 => Status::Planned,
        _ => Status::InProgress,
    };
    Some((at + 1, status))
}

/// `65% complete`: the word is about the percentage, which decides, and
/// the hit starts at the number.
fn with_percentage(text: &[char], h: Hit) -> Hit {
    let mut k = h.start;
    while k > 0 && text[k - 1].is_whitespace() {
        k -= 1;
    }
    if k == 0 || text[k - 1] != '%' {
        return h;
    }
    let mut s = k - 1;
    while s > 0 && (text[s - 1].is_ascii_digit() || text[s - 1] == ' ') {
        s -= 1;
    }
    while text[s] == ' ' {
        s += 1;
    }
    match percentage(text, s) {
        Some((end, status)) if end == k => Hit {
            start: s,
            status,
            ..h
        },
        _ => h,
    }
}

/// Whether a title marks its unit as future work: a word of `words` (the
/// `[keywords] future` list, folded) at the start of the title, of a part
/// after a separator, or of a bracket: `Future enhancements`, `Phase 7:
/// Later`, `Phase 8 (future)`, `フェーズ9（将来）`; not `Future-proof storage`
/// inside a sentence of the title.
pub(super) fn marks_future(words: &[Vec<char>], title: &str) -> bool {
    if words.is_empty() {
        return false;
    }
    let title: Vec<char> = title.chars().collect();
    // `Future-proof` is a word of its own.
    let compound = |end: usize| {
        title.get(end) == Some(&'-') && title.get(end + 1).is_some_and(|c| c.is_alphanumeric())
    };
    (0..title.len()).any(|i| {
        starts_part(&title, i)
            && words
                .iter()
                .any(|w| matched(&title, i, w).is_some_and(|end| !compound(end)))
    })
}

/// Whether a word at `title[i]` starts the title, a part of it after a
/// separator, or a bracket (spaces and symbols such as emoji before it).
fn starts_part(title: &[char], i: usize) -> bool {
    if !title[i].is_alphanumeric() || (i > 0 && spaced(fold(title[i - 1]))) {
        return false;
    }
    let before = title[..i]
        .iter()
        .rev()
        .find(|&&c| !(c.is_whitespace() || (is_symbol(c) && !is_separator(c))));
    match before {
        None => true,
        Some(&c) => is_separator(c) || matches!(c, '(' | '（' | '[' | '【'),
    }
}

/// Nothing but spaces and symbols between an opening bracket and `start`:
/// `(completed 2026-03-01)`, `[DONE]`, `（完了）`, `(✅ Done)`.
fn opens_group(title: &[char], start: usize) -> bool {
    let before = title[..start]
        .iter()
        .rev()
        .find(|&&c| !(c.is_whitespace() || is_symbol(c)));
    matches!(before, Some('(' | '（' | '[' | '【'))
}

/// The last part of the title, after a separator (or, for a CJK word, a
/// space), with nothing but numbers and symbols after it:
/// `· DONE`, `- SHIPPED 2026-02-18`, `阶段二 进行中`.
fn ends_title(title: &[char], h: &Hit) -> bool {
    if title[h.end..].iter().any(|c| c.is_alphabetic()) {
        return false;
    }
    let mut k = h.start;
    let mut spaces = false;
    while k > 0 {
        let c = title[k - 1];
        if c.is_whitespace() {
            spaces = true;
        } else if !is_symbol(c) || is_separator(c) {
            break;
        }
        k -= 1;
    }
    k > 0 && (is_separator(title[k - 1]) || (spaces && !spaced(title[h.start])))
}

/// Every letter of the hit a capital (`SHIPPED`, `IN PROGRESS`), not
/// followed by more words (`TODO app` is a name).
fn in_capitals(title: &[char], h: &Hit) -> bool {
    let letters = title[h.start..h.end]
        .iter()
        .filter(|c| c.is_alphabetic())
        .count();
    let capitals = title[h.start..h.end]
        .iter()
        .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let next = title[h.end..].iter().find(|c| !c.is_whitespace());
    letters >= 2 && capitals && !next.is_some_and(|c| c.is_alphabetic())
}

/// Neither a letter, a digit, a space nor an opening bracket.
fn is_symbol(c: char) -> bool {
    !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '(' | '（' | '[' | '【'))
}

/// What separates a title from a status after it.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '-' | '–' | '—' | '·' | '•' | '|' | ':' | '：' | ',' | '，' | '、' | '/' | '>' | '→'
    )
}

#[cfg(test)]
mod tests;
