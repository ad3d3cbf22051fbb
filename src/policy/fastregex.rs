//! Faster `regex.match`, `regex.find_n`, `regex.replace` and `regex.split`.
//!
//! regorus caches compiled patterns but hands out a *clone* of the cached
//! `Regex` on every call, and a cloned `Regex` starts with an empty matching
//! cache: profiling showed most evaluation time spent rebuilding lazy-DFA
//! caches (`regex_automata::hybrid::dfa::Lazy::init_cache`). regorus looks
//! up extensions before builtins, so mlint registers these four under the
//! builtins' own names, with the same semantics, keeping one `Regex` per
//! pattern per thread. Policies stay plain, portable Rego.

use regex_automata::meta::Regex;
use regorus::Value;

pub use crate::document::pattern::{CACHE_BYTES, SIZE_LIMIT, cached_bytes};
use crate::document::pattern::{shared_regex as compiled, short};

/// The most work one search may be given: bytes of compiled program times
/// bytes of text. A search is linear in the text while the lazy DFA's cache
/// holds, and `program × text` when it does not: a 1 MB program over a
/// 200 KB item ran 90 s in one call, which the time limit cannot stop.
pub const MAX_WORK: u64 = 10_000_000_000;

/// Programs up to this size are never refused: the search falls back to
/// work proportional to program × text only when the lazy DFA gives up, and
/// for a small program that stays fast (the bundled policies' largest, about
/// 12 KB, over a 2.3 MB file). regorus's own regex builtins refuse programs
/// over 100 KiB altogether.
pub const SMALL_PROGRAM: usize = 100 << 10;

/// `re` over `text`, or an error when that could take more than
/// [`MAX_WORK`] (only for programs over [`SMALL_PROGRAM`]).
fn over<'t>(re: &Regex, pattern: &str, text: &'t str, name: &str) -> anyhow::Result<&'t str> {
    let work = (re.memory_usage() as u64).saturating_mul(text.len() as u64);
    if re.memory_usage() > SMALL_PROGRAM && work > MAX_WORK {
        anyhow::bail!(
            "`{name}`: the pattern `{}` compiles to {} bytes and the text has {} bytes; mlint refuses searches where their product exceeds {MAX_WORK} (one search could run for minutes)",
            short(pattern),
            re.memory_usage(),
            text.len()
        );
    }
    Ok(text)
}

fn string<'a>(args: &'a [Value], i: usize, name: &str) -> anyhow::Result<&'a str> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s),
        _ => anyhow::bail!("`{name}` expects a string as argument {}", i + 1),
    }
}

fn regex_match(args: &[Value]) -> anyhow::Result<Value> {
    let pattern = string(args, 0, "regex.match")?;
    let re = compiled(pattern)?;
    let text = over(&re, pattern, string(args, 1, "regex.match")?, "regex.match")?;
    Ok(Value::from(re.is_match(text)))
}

fn regex_find_n(args: &[Value]) -> anyhow::Result<Value> {
    let pattern = string(args, 0, "regex.find_n")?;
    let re = compiled(pattern)?;
    let text = over(
        &re,
        pattern,
        string(args, 1, "regex.find_n")?,
        "regex.find_n",
    )?;
    let n = match args.get(2) {
        Some(v) => v
            .as_i64()
            .map_err(|_| anyhow::anyhow!("`regex.find_n` expects a number as argument 3"))?,
        None => -1,
    };
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let found: Vec<Value> = re
        .find_iter(text)
        .take(limit)
        .map(|m| Value::from(&text[m.range()]))
        .collect();
    Ok(Value::from(found))
}

fn regex_replace(args: &[Value]) -> anyhow::Result<Value> {
    let pattern = string(args, 1, "regex.replace")?;
    let re = compiled(pattern)?;
    let text = over(
        &re,
        pattern,
        string(args, 0, "regex.replace")?,
        "regex.replace",
    )?;
    let with = string(args, 2, "regex.replace")?;
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for caps in re.captures_iter(text) {
        let Some(m) = caps.get_match() else { continue };
        out.push_str(&text[last..m.start()]);
        caps.interpolate_string_into(text, with, &mut out);
        last = m.end();
    }
    out.push_str(&text[last..]);
    Ok(Value::from(out))
}

fn regex_split(args: &[Value]) -> anyhow::Result<Value> {
    let pattern = string(args, 0, "regex.split")?;
    let re = compiled(pattern)?;
    let text = over(&re, pattern, string(args, 1, "regex.split")?, "regex.split")?;
    Ok(Value::from(
        re.split(text)
            .map(|span| Value::from(&text[span]))
            .collect::<Vec<Value>>(),
    ))
}

/// `regex.template_match` as regorus computes it, but comparing the
/// literal before each `{…}` without slicing the value past its end (where
/// regorus panics: a heading shorter than the template's prefix crashed
/// the process; see docs/upstream/regorus-template-match.md).
fn regex_template_match(args: &[Value]) -> anyhow::Result<Value> {
    let name = "regex.template_match";
    let mut template = string(args, 0, name)?;
    let mut value = string(args, 1, name)?;
    let (open, close) = (string(args, 2, name)?, string(args, 3, name)?);
    while let (Some(start), Some(end)) = (template.find(open), template.find(close)) {
        if start >= end {
            return Ok(Value::Undefined);
        }
        if value.get(..start) != Some(&template[..start]) {
            return Ok(Value::from(false));
        }
        let pattern = &template[start + open.len()..end];
        let re = compiled(pattern)?;
        value = over(&re, pattern, &value[start..], name)?;
        let m = match re.find(value) {
            Some(m) if m.start() == 0 => m,
            _ => return Ok(Value::from(false)),
        };
        value = &value[m.len()..];
        template = &template[end + close.len()..];
    }
    Ok(Value::from(template == value))
}

/// The five functions under the builtins' names, with their arity.
pub const NATIVES: [(&str, u8, super::vmcalls::Native); 5] = [
    ("regex.match", 2, regex_match),
    ("regex.find_n", 3, regex_find_n),
    ("regex.replace", 3, regex_replace),
    ("regex.split", 2, regex_split),
    ("regex.template_match", 4, regex_template_match),
];

/// Registers the four functions on `engine`.
pub fn register(engine: &mut regorus::Engine) -> anyhow::Result<()> {
    super::vmcalls::add_natives(engine, &NATIVES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(query: &str) -> Value {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        engine
            .add_policy("t.rego".into(), format!("package t\nx := {query}\n"))
            .unwrap();
        engine.eval_rule("data.t.x".into()).unwrap()
    }

    #[test]
    fn same_results_as_the_builtins() {
        assert_eq!(
            eval(r#"regex.match(`(?i)\bdocs?\b`, "Write the Docs")"#),
            Value::from(true)
        );
        assert_eq!(eval(r#"regex.match(`\d+`, "none")"#), Value::from(false));
        assert_eq!(
            eval(r#"regex.find_n(`\[[A-Z][a-z]+\]`, "[Name] and [Date]", -1)"#),
            Value::from_json_str(r#"["[Name]","[Date]"]"#).unwrap()
        );
        assert_eq!(
            eval(r#"regex.find_n(`a`, "aaa", 2)"#),
            Value::from_json_str(r#"["a","a"]"#).unwrap()
        );
        assert_eq!(
            eval(r#"regex.replace("a.b", `\.`, "-")"#),
            Value::from("a-b")
        );
        assert_eq!(
            eval(r#"regex.split(`,\s*`, "a, b,c")"#),
            Value::from_json_str(r#"["a","b","c"]"#).unwrap()
        );
    }

    #[test]
    fn an_invalid_pattern_is_an_error() {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        engine
            .add_policy(
                "t.rego".into(),
                "package t\nx := regex.match(`(`, \"a\")\n".into(),
            )
            .unwrap();
        let err = engine.eval_rule("data.t.x".into()).unwrap_err().to_string();
        assert!(err.contains("invalid regex"), "{err}");
    }

    #[test]
    fn the_cache_is_bounded_by_bytes_not_count() {
        // 50 distinct 256 KiB patterns: over 25 MB of patterns alone, and
        // their programs several times more.
        let big = "a".repeat(1 << 18);
        for i in 0..50 {
            let pattern = format!("{i}{big}");
            let re = compiled(&pattern)
                .map_err(|e| e.to_string())
                .map(|re| re.is_match(&pattern));
            assert_eq!(re, Ok(true));
            assert!(cached_bytes() <= CACHE_BYTES, "{}", cached_bytes());
        }
        assert!(cached_bytes() > 0);
    }

    #[test]
    fn a_search_that_could_run_for_minutes_is_refused() {
        let err = eval_err(
            "regex.match(`(?:[a-z]|[a-y]){20000}[0-9]`, concat(\"\", [\"a\" | some _ in numbers.range(1, 200000)]))",
        );
        assert!(
            err.contains("`regex.match`: the pattern `(?:[a-z]|[a-y]){20000}[0-9]` compiles to"),
            "{err}"
        );
        assert!(err.contains("bytes and the text has 200000 bytes; mlint refuses searches where their product exceeds 10000000000"), "{err}");
        // The same pattern over a heading-sized text runs.
        assert_eq!(
            eval("regex.match(`(?:[a-z]|[a-y]){2}[0-9]`, \"ab1\")"),
            Value::from(true)
        );
    }

    #[test]
    fn template_match_compares_prefixes_without_slicing_past_the_value() {
        let t = |value: &str| {
            eval(&format!(
                "regex.template_match(\"Milestone {{[0-9]+}}: {{.+}}\", \"{value}\", \"{{\", \"}}\")"
            ))
        };
        assert_eq!(t("Milestone 12: Build"), Value::from(true));
        assert_eq!(t("M2"), Value::from(false));
        assert_eq!(t("Milestone x: Build"), Value::from(false));
        assert_eq!(t("Milestoné"), Value::from(false));
    }

    fn eval_err(query: &str) -> String {
        let mut engine = regorus::Engine::new();
        register(&mut engine).unwrap();
        super::super::limits::register(&mut engine).unwrap();
        engine
            .add_policy("t.rego".into(), format!("package t\nx := {query}\n"))
            .unwrap();
        engine.eval_rule("data.t.x".into()).unwrap_err().to_string()
    }
}
