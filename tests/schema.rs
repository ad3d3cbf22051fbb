//! `docs/input.schema.json` matches what the parser really emits: every
//! fixture's document is validated against it (a small validator for the
//! subset of JSON Schema the file uses), and a document with an unknown key
//! or a wrong type is rejected, so the check can fail.

use serde_json::Value;

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            &root["$defs"][name]
        }
        None => schema,
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn validate(root: &Value, schema: &Value, v: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let ok = any.iter().any(|s| {
            let mut e = Vec::new();
            validate(root, s, v, path, &mut e);
            e.is_empty()
        });
        if !ok {
            errors.push(format!("{path}: matches no alternative"));
        }
        return;
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        errors.push(format!("{path}: expected {c}"));
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(v)
    {
        errors.push(format!("{path}: {v} not in {options:?}"));
    }
    match schema.get("type") {
        Some(Value::String(t)) if !type_ok(t, v) => {
            errors.push(format!("{path}: expected {t}, got {v}"))
        }
        Some(Value::Array(ts)) if !ts.iter().any(|t| t.as_str().is_some_and(|t| type_ok(t, v))) => {
            errors.push(format!("{path}: expected one of {ts:?}, got {v}"))
        }
        _ => {}
    }
    if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
        && v.as_f64().is_some_and(|n| n < min)
    {
        errors.push(format!("{path}: below {min}"));
    }
    if let Value::Object(map) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = req.as_str().unwrap_or_default();
            if !map.contains_key(key) {
                errors.push(format!("{path}: missing `{key}`"));
            }
        }
        for (k, child) in map {
            let sub = props.and_then(|p| p.get(k));
            match (sub, schema.get("additionalProperties")) {
                (Some(s), _) => validate(root, s, child, &format!("{path}.{k}"), errors),
                (None, Some(Value::Bool(false))) => {
                    errors.push(format!("{path}: unexpected key `{k}`"))
                }
                (None, Some(s @ Value::Object(_))) => {
                    validate(root, s, child, &format!("{path}.{k}"), errors)
                }
                _ => {}
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, item_schema, item, &format!("{path}[{i}]"), errors);
        }
    }
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn schema() -> Value {
    serde_json::from_str(mlint::schema::SCHEMA_JSON).expect("schema is JSON")
}

#[test]
fn every_fixture_document_matches_the_schema() {
    let schema = schema();
    let files = fixtures();
    assert!(
        files.len() > 20,
        "expected the fixture tree, found {} files",
        files.len()
    );
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let doc = mlint::document::parse("x.md", &text, &Default::default()).to_json();
        let mut errors = Vec::new();
        validate(&schema, &schema, &doc, "input", &mut errors);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            file.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn the_validator_rejects_wrong_documents() {
    let schema = schema();
    let mut doc = mlint::document::parse(
        "x.md",
        "## Phase 1: A\n**Duration:** 1 week\n",
        &Default::default(),
    )
    .to_json();
    doc["milestones"][0]["kind"] = Value::from("epic");
    doc["extra"] = Value::from(1);
    let mut errors = Vec::new();
    validate(&schema, &schema, &doc, "input", &mut errors);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().any(|e| e.contains("unexpected key `extra`")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("input.milestones[0].kind")),
        "{errors:?}"
    );
}
