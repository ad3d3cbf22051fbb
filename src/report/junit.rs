//! `--format junit`: JUnit XML for CI systems that show test results
//! (GitLab, Jenkins, Azure Pipelines, test-report actions).
//!
//! Each checked file is a `<testsuite>` named by its path; each finding is a
//! failing `<testcase>` named `rule at line:col`, and a file without
//! findings is a single passing test case, so a clean run still shows what
//! was checked. Escaping is quick-xml's; on top of it, line breaks in
//! attributes become character references (a parser would otherwise fold
//! them into spaces) and characters XML 1.0 forbids become U+FFFD.

use super::{FileView, Renderer};
use crate::diagnostic::Finding;
use crate::outcome::Totals;
use quick_xml::escape::{escape, partial_escape};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// How much rendered XML is kept in memory before it moves to a temporary
/// file.
const SPILL_AT: usize = 1024 * 1024;

/// Writes a JUnit XML document with a final newline.
///
/// The root element carries the totals, which are only known at the end, so
/// the suites' text waits until then: in memory, or, past a megabyte,
/// in an unnamed temporary file (removed however the run ends).
#[derive(Default)]
pub struct Junit {
    suites: Spool,
    tests: usize,
    failures: usize,
}

impl Renderer for Junit {
    fn file(&mut self, _out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        let findings = file.findings;
        self.tests += findings.len().max(1);
        self.failures += findings.len();
        let path = attr(file.path);
        let out = &mut self.suites;
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            findings.len().max(1),
            findings.len()
        )?;
        if findings.is_empty() {
            writeln!(
                out,
                "    <testcase name=\"no findings\" classname=\"{path}\"/>"
            )?;
        }
        for f in findings {
            let loc = &f.location;
            writeln!(
                out,
                "    <testcase name=\"{} at {}:{}\" classname=\"{path}\">",
                attr(&f.rule),
                loc.line,
                loc.column
            )?;
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(&f.message),
                attr(&f.rule),
                text(&details(f))
            )?;
            out.write_all(b"    </testcase>\n")?;
        }
        out.write_all(b"  </testsuite>\n")
    }

    fn end(&mut self, out: &mut dyn Write, _totals: &Totals) -> io::Result<()> {
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        writeln!(
            out,
            "<testsuites name=\"mlint\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            self.tests, self.failures
        )?;
        self.suites.copy_to(out)?;
        out.write_all(b"</testsuites>\n")
    }
}

/// Text kept for later: in memory up to [`SPILL_AT`] bytes, then in a
/// temporary file. If no temporary file can be made, it stays in memory.
struct Spool {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    no_file: bool,
    spill_at: usize,
}

impl Default for Spool {
    fn default() -> Spool {
        Spool {
            memory: Vec::new(),
            file: None,
            no_file: false,
            spill_at: SPILL_AT,
        }
    }
}

impl Spool {
    /// Writes everything kept to `out`, and forgets it.
    fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(file) = self.file.take() {
            let mut file = file.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            io::copy(&mut file, out)?;
        }
        out.write_all(&self.memory)?;
        self.memory = Vec::new();
        Ok(())
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(file) = &mut self.file {
            return file.write(buf);
        }
        self.memory.extend_from_slice(buf);
        if self.memory.len() >= self.spill_at && !self.no_file {
            match tempfile::tempfile() {
                Ok(file) => {
                    let mut file = BufWriter::new(file);
                    file.write_all(&self.memory)?;
                    self.memory = Vec::new();
                    self.file = Some(file);
                }
                Err(_) => self.no_file = true,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

/// The failure's body: what a reader of the CI page needs without the file.
fn details(f: &Finding) -> String {
    let loc = &f.location;
    let mut s = format!(
        "{}[{}] {}:{}:{}-{}:{}\n{}",
        f.severity, f.rule, f.path, loc.line, loc.column, loc.end_line, loc.end_column, f.message
    );
    if let Some(help) = &f.help {
        let _ = write!(s, "\nhelp: {help}");
    }
    s
}

/// Character data: `<`, `>` and `&` escaped (quotes need no escaping
/// there), forbidden characters replaced.
fn text(s: &str) -> String {
    partial_escape(legal(s)).into_owned()
}

/// An attribute value: escaped, with line breaks and tabs kept as
/// character references so they survive attribute normalisation.
fn attr(s: &str) -> String {
    escape(legal(s))
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

/// `s` with the characters XML 1.0 does not allow replaced by U+FFFD.
fn legal(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, RenderOptions, files, render, sample::sample};

    /// Suites moved to a temporary file come back whole and in order.
    #[test]
    fn spilled_suites_are_written_unchanged() {
        let report = sample();
        let mut junit = Junit::default();
        junit.suites.spill_at = 1;
        let mut out = Vec::new();
        junit.begin(&mut out).unwrap();
        for file in files(&report) {
            junit.file(&mut out, &file).unwrap();
        }
        assert!(junit.suites.file.is_some() && junit.suites.memory.is_empty());
        junit.end(&mut out, &report.totals()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            render(&report, Format::Junit, RenderOptions::default())
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            attr("a<&\"'>\nb\u{1}"),
            "a&lt;&amp;&quot;&apos;&gt;&#10;b\u{FFFD}"
        );
        assert_eq!(text("a<&>\nb"), "a&lt;&amp;&gt;\nb");
    }
}
