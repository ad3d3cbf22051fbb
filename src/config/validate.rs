//! Validation of a configuration file against the defaults: the second
//! stage of reading. Each value is converted from TOML with its span and
//! checked against the default's type and its range (`ranges.rs`); a
//! preset's values fill in what the file does not set; every problem is
//! collected, pointing at its place in the file.

use super::{ConfigError, SourceFile, defaults_json, ranges};
use crate::diagnostic::Severity;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};

/// Tables whose keys are open (a user may add new ones).
const OPEN_TABLES: [&str; 3] = ["rules", "sections", "fields"];

/// A rule's id, its level (`None`: off) and the span of its key.
pub(super) type RuleLevel = (String, Option<Severity>, Option<Range<usize>>);

/// Validates `file`: the merged configuration (defaults where a value was
/// wrong), every problem sorted by position, where each key's value came
/// from, and the rule levels.
pub(super) fn validate(
    file: &SourceFile,
    root: &Path,
) -> (
    Value,
    Vec<ConfigError>,
    BTreeMap<String, String>,
    Vec<RuleLevel>,
) {
    let mut v = Validator {
        file,
        errors: Vec::new(),
        origins: BTreeMap::new(),
        rules: Vec::new(),
    };
    let (table, syntax) = DeTable::parse_recoverable(&file.text);
    for e in syntax {
        v.error(
            e.span(),
            format!("invalid TOML: {}", e.message().trim()),
            None,
        );
    }
    let mut data = defaults_json();
    let defaults = defaults_json();
    let table = table.into_inner();
    v.merge_table(&table, &defaults, &mut data, "");
    v.apply_preset(&mut data);
    v.check_semantics(&data, root);
    let mut errors = v.errors;
    errors.sort_by_key(|e| e.span.as_ref().map(|s| s.start).unwrap_or(0));
    (data, errors, v.origins, v.rules)
}

/// The state of validating one file.
pub(super) struct Validator<'f> {
    file: &'f SourceFile,
    errors: Vec<ConfigError>,
    origins: BTreeMap<String, String>,
    rules: Vec<RuleLevel>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table",
    }
}

fn de_type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Validator<'_> {
    fn error(&mut self, span: Option<Range<usize>>, message: String, help: Option<String>) {
        self.errors
            .push(ConfigError::at(self.file, span, message, help));
    }

    /// Whether the number `n` at dotted `key` lies in its range (see
    /// [`ranges::RANGES`]); when not, the error points at the value.
    fn in_range(&mut self, key: &str, n: f64, span: Option<Range<usize>>) -> bool {
        let Some(range) = ranges::range_of(key) else {
            return true;
        };
        match range.refuse(key, n) {
            Some(message) => {
                self.error(span, message, Some(range.describe()));
                false
            }
            None => true,
        }
    }

    fn line_of(&self, span: &Range<usize>) -> usize {
        self.file
            .text
            .get(..span.start)
            .map(|t| t.matches('\n').count() + 1)
            .unwrap_or(1)
    }

    /// Converts a TOML value to JSON, checking it against `expected` (the
    /// default's shape, when there is one).
    fn convert(
        &mut self,
        value: &toml::Spanned<DeValue<'_>>,
        expected: Option<&Value>,
        key: &str,
    ) -> Option<Value> {
        let span = Some(value.span());
        match (value.get_ref(), expected) {
            (DeValue::Table(t), Some(Value::Object(_)) | None) => {
                let mut out = expected.cloned().unwrap_or(Value::Object(Map::new()));
                self.merge_table(
                    t,
                    expected.unwrap_or(&Value::Object(Map::new())),
                    &mut out,
                    key,
                );
                Some(out)
            }
            (DeValue::Array(items), Some(Value::Array(_)) | None) => {
                // An empty default list (`exclude = []`) is a list of strings.
                let element = match defaults_first(expected) {
                    Some(e) => Some(e),
                    None if expected.is_some() => Some(Value::String(String::new())),
                    None => None,
                };
                let mut out = Vec::new();
                for item in items.iter() {
                    out.push(self.convert(item, element.as_ref(), key)?);
                }
                Some(Value::Array(out))
            }
            (DeValue::String(s), Some(Value::String(_)) | None) => {
                Some(Value::String(s.to_string()))
            }
            (DeValue::Boolean(b), Some(Value::Bool(_)) | None) => Some(Value::Bool(*b)),
            (DeValue::Integer(i), Some(Value::Number(_)) | None) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => self.in_range(key, n as f64, span).then(|| Value::from(n)),
                    Err(_) => {
                        self.error(span, format!("`{key}`: the number is out of range"), None);
                        None
                    }
                }
            }
            (DeValue::Float(f), Some(Value::Number(_)) | None) => {
                match f.as_str().replace('_', "").parse::<f64>() {
                    Ok(n) if n.is_finite() => self.in_range(key, n, span).then(|| Value::from(n)),
                    _ => {
                        self.error(span, format!("`{key}`: expected a finite number"), None);
                        None
                    }
                }
            }
            (got, Some(want)) => {
                self.error(
                    span,
                    format!(
                        "`{key}` must be {}, not {}",
                        type_name(want),
                        de_type_name(got)
                    ),
                    None,
                );
                None
            }
            (got, None) => {
                self.error(
                    span,
                    format!("`{key}`: {} is not allowed here", de_type_name(got)),
                    None,
                );
                None
            }
        }
    }

    /// Merges the user's `table` into `out`, validating against `defaults`.
    fn merge_table(
        &mut self,
        table: &DeTable<'_>,
        defaults: &Value,
        out: &mut Value,
        prefix: &str,
    ) {
        let open =
            OPEN_TABLES.contains(&prefix) || prefix == "extend" || prefix.starts_with("extend.");
        for (k, v) in table.iter() {
            let name = k.get_ref().to_string();
            let key = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            if prefix == "rules" {
                self.rule_entry(&name, k.span(), v);
                continue;
            }
            if key == "extend" {
                self.extend(v, out);
                continue;
            }
            // A new key in an open table has the shape of its siblings.
            let sibling = defaults.as_object().and_then(|m| m.values().next());
            let expected = defaults.get(&name).or(if open { sibling } else { None });
            if defaults.get(&name).is_none() && !open {
                let known: Vec<String> = defaults
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                let mut candidates = known.clone();
                if prefix.is_empty() {
                    candidates.push("extend".into());
                }
                let where_ = if prefix.is_empty() {
                    "at the top level".to_string()
                } else {
                    format!("in `[{prefix}]`")
                };
                self.error(
                    Some(k.span()),
                    format!(
                        "unknown key `{name}` {where_}{}",
                        crate::suggest::did_you_mean(&name, &candidates)
                    ),
                    Some(format!(
                        "known keys: {}",
                        crate::suggest::quoted_list(&candidates)
                    )),
                );
                continue;
            }
            if let Some(value) = self.convert(v, expected, &key) {
                let line = self.line_of(&v.span());
                if !matches!(value, Value::Object(_)) {
                    self.origins
                        .insert(key.clone(), format!("{}:{line}", self.file.path));
                }
                if let Value::Object(map) = out {
                    map.insert(name, value);
                }
            }
        }
    }

    fn rule_entry(&mut self, id: &str, key_span: Range<usize>, v: &toml::Spanned<DeValue<'_>>) {
        let level = match v.get_ref() {
            DeValue::String(s) if s == "off" => None,
            DeValue::String(s) => {
                match Severity::parse(s) {
                    Some(level) => Some(level),
                    None => {
                        self.error(
                        Some(v.span()),
                        format!("level `{s}` for `{id}` is not one of `error`, `warning`, `info`, `off`"),
                        None,
                    );
                        return;
                    }
                }
            }
            other => {
                self.error(
                    Some(v.span()),
                    format!(
                        "the level of `{id}` must be a string, not {}",
                        de_type_name(other)
                    ),
                    None,
                );
                return;
            }
        };
        let line = self.line_of(&v.span());
        self.origins
            .insert(format!("rules.{id}"), format!("{}:{line}", self.file.path));
        self.rules.push((id.to_string(), level, Some(key_span)));
    }

    /// `[extend.sections]`, `[extend.fields]`, `[extend.keywords]`,
    /// `[extend.status]`, `[extend.documentation]`: lists appended to the
    /// defaults.
    fn extend(&mut self, v: &toml::Spanned<DeValue<'_>>, out: &mut Value) {
        const EXTENDABLE: [&str; 5] = ["sections", "fields", "keywords", "status", "documentation"];
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                Some(v.span()),
                format!(
                    "`extend` must be a table, not {}",
                    de_type_name(v.get_ref())
                ),
                None,
            );
            return;
        };
        for (k, inner) in t.iter() {
            let name = k.get_ref().to_string();
            if !EXTENDABLE.contains(&name.as_str()) {
                self.error(
                    Some(k.span()),
                    format!(
                        "`extend.{name}` cannot be extended{}",
                        crate::suggest::did_you_mean(&name, &EXTENDABLE)
                    ),
                    Some(
                        "extendable: `sections`, `fields`, `keywords`, `status`, `documentation`"
                            .into(),
                    ),
                );
                continue;
            }
            let DeValue::Table(lists) = inner.get_ref() else {
                self.error(
                    Some(inner.span()),
                    format!("`extend.{name}` must be a table of lists"),
                    None,
                );
                continue;
            };
            for (lk, lv) in lists.iter() {
                let list_name = lk.get_ref().to_string();
                let key = format!("extend.{name}.{list_name}");
                let Some(Value::Array(extra)) = self.convert(
                    lv,
                    Some(&Value::Array(vec![Value::String(String::new())])),
                    &key,
                ) else {
                    continue;
                };
                let target = out.get_mut(&name).and_then(|t| t.as_object_mut());
                let Some(target) = target else { continue };
                let fixed_keys = matches!(name.as_str(), "keywords" | "status" | "documentation");
                if fixed_keys && !target.contains_key(&list_name) {
                    let known: Vec<String> = target.keys().cloned().collect();
                    self.error(
                        Some(lk.span()),
                        format!(
                            "unknown key `{list_name}` in `[extend.{name}]`{}",
                            crate::suggest::did_you_mean(&list_name, &known)
                        ),
                        None,
                    );
                    continue;
                }
                let list = target
                    .entry(list_name)
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.extend(extra);
                }
                let line = self.line_of(&lv.span());
                self.origins
                    .insert(key, format!("{}:{line}", self.file.path));
            }
        }
    }

    /// `preset = "strict"`: the preset's values for every key this file
    /// does not set itself, and its rule levels before the file's own.
    fn apply_preset(&mut self, data: &mut Value) {
        let name = data
            .get("preset")
            .and_then(Value::as_str)
            .unwrap_or("recommended")
            .to_string();
        let presets = data.get("presets").cloned().unwrap_or(Value::Null);
        let Some(preset) = presets.get(&name).and_then(Value::as_object) else {
            let known: Vec<String> = presets
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            let span = self.find_span(&name);
            self.error(
                span,
                format!(
                    "unknown preset `{name}`{}",
                    crate::suggest::did_you_mean(&name, &known)
                ),
                Some(format!("presets: {}", crate::suggest::quoted_list(&known))),
            );
            return;
        };
        let origin = format!("preset {name}");
        // What the file set itself, before the preset adds its own origins.
        let own = self.origins.clone();
        for (key, value) in preset {
            if key == "rules" {
                let own_rules: Vec<String> = self.rules.iter().map(|r| r.0.clone()).collect();
                let mut levels = Vec::new();
                for (id, level) in value.as_object().into_iter().flatten() {
                    if own_rules.contains(id) {
                        continue;
                    }
                    let level = match level.as_str() {
                        Some("off") => None,
                        Some(l) => Severity::parse(l),
                        None => None,
                    };
                    self.origins.insert(format!("rules.{id}"), origin.clone());
                    levels.push((id.clone(), level, None));
                }
                levels.append(&mut self.rules);
                self.rules = levels;
                continue;
            }
            overlay_at(data, key, value, &own, &origin, &mut self.origins, key);
        }
    }

    /// Checks that need the merged values: globs compile, policy
    /// directories exist. (Numbers are checked as they are read.)
    fn check_semantics(&mut self, data: &Value, root: &Path) {
        for key in ["include", "exclude", "templates"] {
            for g in data
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if let Err(e) = globset::Glob::new(g) {
                    let span = self.find_span(g);
                    self.error(
                        span,
                        format!("invalid glob `{g}` in `{key}`: {}", e.kind()),
                        None,
                    );
                }
            }
        }
        for p in data
            .get("policies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !root.join(p).is_dir() {
                let span = self.find_span(p);
                self.error(
                    span,
                    format!(
                        "policy directory `{p}` does not exist (relative to the configuration file)"
                    ),
                    None,
                );
            }
        }
    }

    fn find_span(&self, needle: &str) -> Option<Range<usize>> {
        let quoted = format!("\"{needle}\"");
        self.file.text.find(&quoted).map(|i| i..i + quoted.len())
    }
}

/// Sets `data[key]` to the preset's `value`, table by table, leaving every
/// key the configuration file set itself (`own` holds their dotted names).
fn overlay_at(
    data: &mut Value,
    key: &str,
    value: &Value,
    own: &BTreeMap<String, String>,
    origin: &str,
    origins: &mut BTreeMap<String, String>,
    dotted: &str,
) {
    let Value::Object(map) = data else { return };
    match (value, map.get_mut(key)) {
        (Value::Object(inner), Some(target @ Value::Object(_))) => {
            for (k, v) in inner {
                let deeper = format!("{dotted}.{k}");
                overlay_at(target, k, v, own, origin, origins, &deeper);
            }
        }
        _ => {
            let set_here = own
                .keys()
                .any(|k| k == dotted || k.starts_with(&format!("{dotted}.")));
            if !set_here {
                map.insert(key.to_string(), value.clone());
                origins.insert(dotted.to_string(), origin.to_string());
            }
        }
    }
}

/// The expected element type of a default array (its first element).
fn defaults_first(expected: Option<&Value>) -> Option<Value> {
    expected
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .cloned()
}
