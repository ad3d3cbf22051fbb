//! A rule's documentation, rendered from its catalog entry.
//!
//! `mlint explain RULE` prints [`explain`]; `docs/rules/<category>/<rule>.md`
//! holds the same text (a test regenerates it and fails on any difference),
//! and the README's rule table comes from [`rule_table`].

use super::catalog::{Origin, RuleMeta};
use std::fmt::Write;

/// Looks up a dotted key (`duration.max_days`) in the configuration.
fn lookup<'a>(config: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    key.split('.').try_fold(config, |v, k| v.get(k))
}

/// Renders a configuration value as TOML-ish text for docs.
fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k} = {}", show(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        other => other.to_string(),
    }
}

/// The full documentation of `rule`, as Markdown.
pub fn explain(rule: &RuleMeta, config: &serde_json::Value) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", rule.id);
    let _ = writeln!(s, "{}.\n", capitalize(&rule.title));
    let origin = match rule.origin {
        Origin::Bundled => "bundled",
        Origin::Custom => "custom",
        Origin::Builtin => "built in",
    };
    let _ = writeln!(s, "- Default level: `{}`", rule.default_level);
    let _ = writeln!(s, "- Source: {origin} (`{}`)\n", rule.file);
    if !rule.description.is_empty() {
        let _ = writeln!(s, "## What it checks\n\n{}\n", rule.description);
    }
    if let Some(why) = &rule.why {
        let _ = writeln!(s, "## Why\n\n{why}\n");
    }
    if let Some(help) = &rule.help {
        let _ = writeln!(s, "## How to fix\n\n{help}\n");
    }
    if let Some(fail) = &rule.examples.fail {
        let _ = writeln!(s, "## Fails\n\n```markdown\n{}\n```\n", fail.trim_end());
    }
    if let Some(pass) = &rule.examples.pass {
        let _ = writeln!(s, "## Passes\n\n```markdown\n{}\n```\n", pass.trim_end());
    }
    if !rule.options.is_empty() {
        let _ = writeln!(s, "## Options\n\nSet in `mlint.toml`:\n");
        for key in &rule.options {
            let default = lookup(config, key)
                .map(show)
                .unwrap_or_else(|| "(none)".into());
            let _ = writeln!(s, "- `{key}` (default: `{default}`)");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "Turn it off with `--rule {}=off` or `\"{}\" = \"off\"` under `[rules]` in `mlint.toml`.",
        rule.id, rule.id
    );
    s
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The Markdown table of rules used in the README.
pub fn rule_table(rules: &[RuleMeta]) -> String {
    let mut s = String::from("| rule | default | reports |\n| --- | --- | --- |\n");
    for r in rules {
        let _ = writeln!(
            s,
            "| [`{}`](docs/rules/{}.md) | {} | {} |",
            r.id, r.id, r.default_level, r.title
        );
    }
    s
}
