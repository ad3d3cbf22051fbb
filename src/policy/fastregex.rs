//! Faster `regex.match`, `regex.find_n`, `regex.replace` and `regex.split`.
//!
//! regorus caches compiled patterns but hands out a *clone* of the cached
//! `Regex` on every call, and a cloned `Regex` starts with an empty matching
//! cache: profiling showed most evaluation time spent rebuilding lazy-DFA
//! caches (`regex_automata::hybrid::dfa::Lazy::init_cache`). regorus looks
//! up extensions before builtins, so mlint registers these four under the
//! builtins' own names, with the same semantics, keeping one `Regex` per
//! pattern per thread. Policies stay plain, portable Rego.

use regorus::Value;
use std::rc::Rc;

/// The per-thread cache of compiled patterns, shared with the parser (a
/// pattern the parser compiled for a file is not compiled again for its
/// policies; see [`crate::document::shared_regex`]).
fn compiled(pattern: &str) -> anyhow::Result<Rc<regex::Regex>> {
    crate::document::shared_regex(pattern)
}

fn string<'a>(args: &'a [Value], i: usize, name: &str) -> anyhow::Result<&'a str> {
    match args.get(i) {
        Some(Value::String(s)) => Ok(s),
        _ => anyhow::bail!("`{name}` expects a string as argument {}", i + 1),
    }
}

fn regex_match(args: &[Value]) -> anyhow::Result<Value> {
    let re = compiled(string(args, 0, "regex.match")?)?;
    Ok(Value::from(re.is_match(string(args, 1, "regex.match")?)))
}

fn regex_find_n(args: &[Value]) -> anyhow::Result<Value> {
    let re = compiled(string(args, 0, "regex.find_n")?)?;
    let text = string(args, 1, "regex.find_n")?;
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
        .map(|m| Value::from(m.as_str()))
        .collect();
    Ok(Value::from(found))
}

fn regex_replace(args: &[Value]) -> anyhow::Result<Value> {
    let text = string(args, 0, "regex.replace")?;
    let re = compiled(string(args, 1, "regex.replace")?)?;
    let with = string(args, 2, "regex.replace")?;
    Ok(Value::from(re.replace_all(text, with).into_owned()))
}

fn regex_split(args: &[Value]) -> anyhow::Result<Value> {
    let re = compiled(string(args, 0, "regex.split")?)?;
    let text = string(args, 1, "regex.split")?;
    Ok(Value::from(
        re.split(text).map(Value::from).collect::<Vec<Value>>(),
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
        let re = compiled(&template[start + open.len()..end])?;
        value = &value[start..];
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
}
