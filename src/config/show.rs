//! `mlint config`: the effective configuration as TOML, each value followed
//! by where it came from.

use super::Config;
use serde_json::Value;
use std::fmt::Write;

fn toml_value(v: &Value) -> String {
    match v {
        Value::String(s) => toml::Value::String(s.clone()).to_string(),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{ {} }}",
            map.iter()
                .map(|(k, v)| format!("{} = {}", key(k), toml_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}

fn table(out: &mut String, config: &Config, path: &str, map: &serde_json::Map<String, Value>) {
    let mut subtables = Vec::new();
    for (k, v) in map {
        let dotted = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        if let Value::Object(inner) = v {
            subtables.push((dotted, inner));
            continue;
        }
        // A list extended by `[extend.…]` says where the extension came from.
        let origin = match (
            config.origins.get(&dotted),
            config.origins.get(&format!("extend.{dotted}")),
        ) {
            (Some(set), _) => set.clone(),
            (None, Some(extended)) => format!("default + {extended}"),
            (None, None) => "default".to_string(),
        };
        let _ = writeln!(out, "{} = {}  # {origin}", key(k), toml_value(v));
    }
    for (dotted, inner) in subtables {
        let header: Vec<String> = dotted.split('.').map(key).collect();
        let _ = writeln!(out, "\n[{}]", header.join("."));
        table(out, config, &dotted, inner);
    }
}

/// The effective configuration as TOML with origin comments.
pub fn effective_toml(config: &Config, rule_levels: &[(String, &'static str, String)]) -> String {
    let mut out = String::new();
    let source = config
        .file
        .as_ref()
        .map(|f| f.path.as_str())
        .unwrap_or("no configuration file; all defaults");
    let _ = writeln!(out, "# effective configuration ({source})");
    let mut data = config.data.clone();
    if let Some(map) = data.as_object_mut() {
        map.remove("rules");
    }
    if let Value::Object(map) = &data {
        table(&mut out, config, "", map);
    }
    let _ = writeln!(out, "\n[rules]");
    for (id, level, origin) in rule_levels {
        let _ = writeln!(out, "{} = \"{level}\"  # {origin}", key(id));
    }
    out
}
