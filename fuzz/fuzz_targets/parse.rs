//! Fuzzes the Markdown parser: any UTF-8 text gives a document whose spans
//! lie inside the file on character boundaries, whose lines exist, and whose
//! JSON form serialises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mlint::document::{ParseOptions, parse};

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let doc = parse("fuzz.md", &source, &ParseOptions::default());
    let broken = mlint::document::invariants::violations(&doc, &source);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let json = doc.to_json();
    assert!(serde_json::to_string(&json).is_ok());
});
