//! The guarantees every parsed document keeps, checked in one place: every
//! span lies inside the file on character boundaries, every line number
//! exists and a section's `text` joins its items' texts. Tests, property
//! tests and the fuzz targets all call [`violations`], so they check the same
//! thing.

use super::model::{Document, Span};

/// Every broken guarantee of `doc` (parsed from `source`), as readable text;
/// empty when the document is sound.
pub fn violations(doc: &Document, source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines = doc.line_count.max(1);
    let mut span = |what: &str, s: &Span| {
        if !(s.start <= s.end && s.end <= source.len()) {
            out.push(format!(
                "{what}: span {}..{} outside the file of {} bytes",
                s.start,
                s.end,
                source.len()
            ));
        } else if !(source.is_char_boundary(s.start) && source.is_char_boundary(s.end)) {
            out.push(format!(
                "{what}: span {}..{} cuts through a character",
                s.start, s.end
            ));
        }
    };
    let mut located: Vec<(String, usize)> = Vec::new();
    // Checks other than spans, kept apart while `span` borrows `out`.
    let mut other: Vec<String> = Vec::new();
    for h in &doc.headings {
        span("heading", &h.span);
        located.push(("heading".into(), h.line));
    }
    for m in &doc.milestones {
        span("milestone", &m.span);
        located.push(("milestone".into(), m.line));
        located.push(("milestone end".into(), m.end_line));
        if m.end_line < m.line {
            other.push(format!(
                "milestone on line {} ends before it starts ({})",
                m.line, m.end_line
            ));
        }
        for d in &m.durations {
            span("duration", &d.span);
            located.push(("duration".into(), d.line));
        }
        for (name, s) in &m.sections {
            span(name, &s.span);
            located.push((name.clone(), s.line));
            for item in &s.items {
                span("item", &item.span);
                located.push(("item".into(), item.line));
            }
            let texts: Vec<&str> = s.items.iter().map(|i| i.text.as_str()).collect();
            if s.text != texts.join("\n") {
                other.push(format!(
                    "section {name}: text is not its items' texts joined"
                ));
            }
        }
        for (key, f) in &m.fields {
            span(key, &f.span);
            located.push((key.clone(), f.line));
        }
    }
    for c in &doc.comments {
        span("comment", &c.span);
        located.push(("comment".into(), c.line));
        located.push(("comment end".into(), c.end_line));
    }
    for m in &doc.mojibake {
        span("mojibake", &m.span);
        located.push(("mojibake".into(), m.line));
        if source.get(m.span.start..m.span.end) != Some(m.text.as_str()) {
            other.push(format!(
                "mojibake on line {}: `text` is not the text at its span",
                m.line
            ));
        }
    }
    for b in &doc.code_blocks {
        located.push(("code block".into(), b.line));
        located.push(("code block end".into(), b.end_line));
    }
    out.extend(other);
    if doc.lines.len() != doc.line_count {
        out.push(format!(
            "{} raw lines for {} lines",
            doc.lines.len(),
            doc.line_count
        ));
    }
    for (what, line) in located {
        if line == 0 || line > lines {
            out.push(format!(
                "{what}: line {line} outside the file of {lines} lines"
            ));
        }
    }
    out
}
