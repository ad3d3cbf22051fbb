//! The parser's regular expressions, compiled lean.
//!
//! A process that checks one file (a pre-commit hook) spends a quarter of its
//! time compiling the parser's patterns with `regex`'s defaults, mostly on
//! search accelerations (literal prefilters, one-pass DFA, bounded
//! backtracker) that pay off on long haystacks. The parser only ever searches
//! headings and field values, so [`Pattern`] builds `regex-automata`'s meta
//! regex without them: 45% less to compile, same matches (same syntax, same
//! leftmost-first semantics, empty matches split no UTF-8 character).

use regex_automata::util::captures::Captures;
use regex_automata::{Input, meta};

/// A compiled pattern, with the part of `regex::Regex`'s API the parser uses.
pub struct Pattern(meta::Regex);

impl Pattern {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Pattern, Box<meta::BuildError>> {
        let config = meta::Config::new()
            .auto_prefilter(false)
            .onepass(false)
            .backtrack(false);
        meta::Builder::new()
            .configure(config)
            .build(pattern)
            .map(Pattern)
            .map_err(Box::new)
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(haystack)
    }

    /// The leftmost match.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Found<'h>> {
        let m = self.0.find(haystack)?;
        Some(Found {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }

    /// The leftmost match's groups.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Groups<'h>> {
        self.captures_at(haystack, 0)
    }

    /// The leftmost match starting at `at` or later; as with
    /// `regex::Regex::captures_at`, assertions see the text before `at`.
    pub fn captures_at<'h>(&self, haystack: &'h str, at: usize) -> Option<Groups<'h>> {
        let mut caps = self.0.create_captures();
        self.0
            .search_captures(&Input::new(haystack).span(at..haystack.len()), &mut caps);
        caps.is_match().then_some(Groups { haystack, caps })
    }

    /// Every successive non-overlapping match's groups.
    pub fn captures_iter<'h>(&'h self, haystack: &'h str) -> impl Iterator<Item = Groups<'h>> {
        self.0
            .captures_iter(haystack)
            .map(move |caps| Groups { haystack, caps })
    }
}

/// A match or a group of one: a range of the haystack.
#[derive(Clone, Copy, Debug)]
pub struct Found<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset just past the end (the tests compare it).
    #[cfg(test)]
    pub fn end(&self) -> usize {
        self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match (group 0 is the whole match).
pub struct Groups<'h> {
    haystack: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    /// Group `i`, if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Found<'h>> {
        let span = self.caps.get_group(i)?;
        Some(Found {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    /// The same matches and groups as the `regex` crate, the reference.
    #[test]
    fn matches_like_the_regex_crate() {
        let cases = [
            (
                r"([0-9]+)\s*(weeks?|días?)",
                "about 3 weeks, 4días and 5 weeks",
            ),
            (r"(?i)^(?:done|in progress)\b.*$", "Done (partially)"),
            (r"\bé\b|a", "é a é"),
            (r"x*", "aé"),
            (r"(a)|(b)", "b"),
        ];
        for (pattern, text) in cases {
            let ours = Pattern::new(pattern).unwrap();
            let reference = regex::Regex::new(pattern).unwrap();
            assert_eq!(ours.is_match(text), reference.is_match(text));
            assert_eq!(
                ours.find(text).map(|m| (m.start(), m.end(), m.as_str())),
                reference
                    .find(text)
                    .map(|m| (m.start(), m.end(), m.as_str()))
            );
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let a = ours.captures_at(text, at);
                let b = reference.captures_at(text, at);
                assert_eq!(a.is_some(), b.is_some(), "{pattern} at {at}");
                if let (Some(a), Some(b)) = (a, b) {
                    for i in 0..b.len() {
                        assert_eq!(
                            a.get(i).map(|m| (m.start(), m.as_str())),
                            b.get(i).map(|m| (m.start(), m.as_str())),
                            "{pattern} at {at}, group {i}"
                        );
                    }
                }
            }
            let ours: Vec<_> = ours
                .captures_iter(text)
                .map(|c| c.get(0).map(|m| m.as_str()))
                .collect();
            let reference: Vec<_> = reference
                .captures_iter(text)
                .map(|c| c.get(0).map(|m| m.as_str()))
                .collect();
            assert_eq!(ours, reference, "{pattern}");
        }
    }
}

/// The largest compiled pattern (its NFA), in bytes; regorus's own builtins
/// allow 100 KiB.
pub const SIZE_LIMIT: usize = 10 << 20;

/// The most bytes of patterns and compiled programs one thread keeps
/// cached; past it the cache is emptied and starts again.
pub const CACHE_BYTES: usize = 64 << 20;

/// One thread's compiled patterns and the bytes they take.
#[derive(Default)]
struct Cache {
    patterns: std::collections::HashMap<String, std::rc::Rc<meta::Regex>>,
    bytes: usize,
}

thread_local! {
    static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
}

/// `pattern` compiled with `regex-automata`'s defaults (the `regex` crate's),
/// from this thread's cache, which holds at most [`CACHE_BYTES`] of patterns
/// and programs (a run over many files with many large patterns once grew it
/// to 5.4 GB). The regex builtins of the policies (`policy::fastregex`) and
/// the parser's use of configured patterns (the placeholders of
/// `template.rs`, the very alternation `content/placeholder` searches) share
/// it, so a pattern both need is compiled once per run.
pub fn shared_regex(pattern: &str) -> anyhow::Result<std::rc::Rc<meta::Regex>> {
    if let Some(re) = CACHE.with(|c| c.borrow().patterns.get(pattern).cloned()) {
        return Ok(re);
    }
    let re = meta::Regex::builder()
        .configure(meta::Regex::config().nfa_size_limit(Some(SIZE_LIMIT)))
        .build(pattern)
        .map_err(|e| anyhow::anyhow!("invalid regex `{}`: {e}", short(pattern)))?;
    let re = std::rc::Rc::new(re);
    let bytes = 2 * pattern.len() + re.memory_usage();
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.bytes + bytes > CACHE_BYTES {
            c.patterns.clear();
            c.bytes = 0;
        }
        if bytes <= CACHE_BYTES {
            c.bytes += bytes;
            c.patterns
                .insert(pattern.to_string(), std::rc::Rc::clone(&re));
        }
    });
    Ok(re)
}

/// `pattern`'s first 40 characters, for messages.
pub fn short(pattern: &str) -> String {
    match pattern.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &pattern[..i]),
        None => pattern.to_string(),
    }
}

/// The bytes this thread's cache holds (for tests).
pub fn cached_bytes() -> usize {
    CACHE.with(|c| c.borrow().bytes)
}
