//! `--format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other
//! SARIF viewers.
//!
//! One run whose driver describes mlint and carries a rule descriptor for
//! every rule in the catalog (so viewers can show a rule's documentation even
//! for rules that found nothing), then one result per finding, written as
//! the files come, then the artifacts (the files with findings). Paths are
//! relative to `%SRCROOT%`, the directory mlint ran in, and columns count
//! Unicode code points (`columnKind`), as mlint's own columns do. The output
//! is kept clean under Microsoft's SARIF validator (`sarif-multitool
//! validate`): that is why messages end with a period and every rule has a
//! friendly name and help. Each rule's help carries its whole documentation
//! as Markdown (what `mlint explain` prints); `helpUri` and the driver's
//! `informationUri` are there only when `docs_url` is configured, since no
//! address is known otherwise.

use super::json::{close_array, write_element, write_pretty};
use super::{FileView, Renderer};
use crate::diagnostic::{Finding, Severity};
use crate::outcome::Totals;
use crate::policy::RuleMeta;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{self, Write};

/// The schema every SARIF 2.1.0 consumer (GitHub included) recognises.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The base every artifact URI is relative to.
const SRCROOT: &str = "%SRCROOT%";
/// The `partialFingerprints` key; the version changes if the recipe does.
const FINGERPRINT_KEY: &str = "mlint/findingHash/v1";

/// Writes a pretty SARIF 2.1.0 log with a final newline: the driver and
/// its rule descriptors first, then the results as the files come, then the
/// artifacts (the files with findings), which are only known at the end.
pub struct Sarif<'a> {
    /// Each rule's descriptor, in the order of `rules`.
    descriptors: Vec<Value>,
    /// `docs_url`, without a trailing `/`.
    docs_url: Option<String>,
    /// Each rule's index in `rules`.
    index: HashMap<&'a str, usize>,
    /// The URI of every file with findings so far, in order: a result's
    /// artifact index points into it.
    artifacts: Vec<String>,
    /// Results written so far.
    written: usize,
    /// Scratch space for one serialised value.
    buffer: Vec<u8>,
}

impl<'a> Sarif<'a> {
    /// A renderer describing the rules of the catalog `rules`, with their
    /// documentation (option defaults from `config`) and, when `docs_url`
    /// is set, a `helpUri` below it.
    pub fn new(
        rules: &'a [RuleMeta],
        docs_url: Option<&str>,
        config: &serde_json::Value,
    ) -> Sarif<'a> {
        let docs_url = docs_url
            .map(|u| u.trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty());
        Sarif {
            descriptors: rules
                .iter()
                .map(|r| descriptor(r, docs_url.as_deref(), config))
                .collect(),
            docs_url,
            index: rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            artifacts: Vec::new(),
            written: 0,
            buffer: Vec::new(),
        }
    }
}

impl Renderer for Sarif<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut driver = json!({
            "name": "mlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
        });
        if let Some(url) = &self.docs_url {
            driver["informationUri"] = json!(url);
        }
        driver["rules"] = json!(self.descriptors);
        let tool = json!({ "driver": driver });
        let base_ids = json!({
            SRCROOT: {
                "description": { "text": "The directory mlint was run in; every path is relative to it." }
            }
        });
        out.write_all(b"{\n  \"$schema\": ")?;
        write_pretty(out, &mut self.buffer, &SCHEMA, 2)?;
        out.write_all(b",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ")?;
        write_pretty(out, &mut self.buffer, &tool, 6)?;
        out.write_all(b",\n      \"originalUriBaseIds\": ")?;
        write_pretty(out, &mut self.buffer, &base_ids, 6)?;
        out.write_all(b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        if file.findings.is_empty() {
            return Ok(());
        }
        let artifact = self.artifacts.len();
        self.artifacts.push(uri(file.path));
        // Identical findings are told apart by an occurrence number; the
        // path is part of the digest, so they are all in this file.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for f in file.findings {
            let hash = fingerprint(f);
            let occurrence = seen.entry(hash.clone()).or_default();
            *occurrence += 1;
            let mut r = result(
                f,
                self.index.get(f.rule.as_str()).copied(),
                artifact,
                format!("{hash}:{occurrence}"),
            );
            if let Some(source) = file.source {
                add_snippets(&mut r, f, source);
            }
            write_element(out, &mut self.buffer, &r, 8, self.written == 0)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        close_array(out, self.written, 6)?;
        out.write_all(b",\n      \"artifacts\": [")?;
        for (i, uri) in self.artifacts.iter().enumerate() {
            let artifact = json!({
                "location": { "uri": uri, "uriBaseId": SRCROOT },
                "mimeType": "text/markdown",
            });
            write_element(out, &mut self.buffer, &artifact, 8, i == 0)?;
        }
        close_array(out, self.artifacts.len(), 6)?;
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

/// A `reportingDescriptor` for one rule of the catalog.
fn descriptor(rule: &RuleMeta, docs_url: Option<&str>, config: &Value) -> Value {
    let mut descriptor = json!({
        "id": rule.id,
        "name": pascal_case(&rule.id),
        "shortDescription": { "text": sentence(&capitalise(&rule.title)) },
        "fullDescription": { "text": sentence(&rule.description) },
        "help": {
            "text": help_text(rule),
            "markdown": crate::policy::docs::explain(rule, config),
        },
        "defaultConfiguration": { "level": level(rule.default_level) },
        "properties": { "tags": [rule.id.split('/').next().unwrap_or(&rule.id)] },
    });
    if let Some(base) = docs_url {
        descriptor["helpUri"] = json!(format!("{base}/{}.md", rule.id));
    }
    descriptor
}

/// The rule's help and why, as plain text.
fn help_text(rule: &RuleMeta) -> String {
    let fix = rule
        .help
        .clone()
        .unwrap_or_else(|| rule.description.clone());
    let mut text = sentence(&fix);
    if let Some(why) = &rule.why {
        text.push_str(&format!("\n\nWhy: {}", sentence(why)));
    }
    text
}

/// One `result`.
fn result(
    f: &Finding,
    rule_index: Option<usize>,
    artifact_index: usize,
    fingerprint: String,
) -> Value {
    let loc = &f.location;
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": sentence(&f.message) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.path), "uriBaseId": SRCROOT, "index": artifact_index },
                "region": {
                    "startLine": loc.line,
                    "startColumn": loc.column,
                    "endLine": loc.end_line.max(loc.line),
                    "endColumn": if loc.end_line > loc.line { loc.end_column } else { loc.end_column.max(loc.column) },
                }
            }
        }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if let Some(i) = rule_index {
        result["ruleIndex"] = json!(i);
    }
    result
}

/// The finding's text as the region's snippet, and the whole lines it is on
/// as a context region, so viewers without the file can still show it.
fn add_snippets(result: &mut Value, f: &Finding, source: &str) {
    let loc = &f.location;
    let Some(snippet) = source.get(loc.start..loc.end) else {
        return;
    };
    let line_start = source[..loc.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[loc.end..]
        .find('\n')
        .map_or(source.len(), |i| loc.end + i);
    let Some(lines) = source.get(line_start..line_end) else {
        return;
    };
    let location = &mut result["locations"][0]["physicalLocation"];
    location["region"]["snippet"] = json!({ "text": snippet });
    location["contextRegion"] = json!({
        "startLine": loc.line,
        "endLine": loc.end_line.max(loc.line),
        "snippet": { "text": lines },
    });
}

/// SARIF's level for a severity: `info` is SARIF's `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A digest of what identifies a finding across runs: rule, path and
/// message, but not the line, so an alert survives lines added above it.
/// Identical findings in one file are told apart by an occurrence number.
fn fingerprint(f: &Finding) -> String {
    let mut hasher = Sha256::new();
    for part in [&f.rule, &f.path, &f.message] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A relative path as a URI reference: each segment percent-encoded except
/// for RFC 3986 unreserved characters (non-ASCII is encoded as UTF-8).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `duration/inverted-range` → `DurationInvertedRange`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(capitalise)
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text ending with a period, as SARIF viewers (and the validator) expect.
fn sentence(s: &str) -> String {
    let trimmed = s.trim_end();
    if trimmed.ends_with(['.', '!', '?']) {
        trimmed.to_string()
    } else {
        format!("{trimmed}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(
            pascal_case("duration/inverted-range"),
            "DurationInvertedRange"
        );
        assert_eq!(
            uri("milestones/été/a b.md"),
            "milestones/%C3%A9t%C3%A9/a%20b.md"
        );
        assert_eq!(sentence("done"), "done.");
        assert_eq!(sentence("done?"), "done?");
    }
}
