//! `--format human`: miette's graphical report for each finding, then a
//! summary line.
//!
//! Each finding becomes a miette diagnostic whose code is the rule id, with a
//! label on the exact span and the rule's help. Colour is decided by the
//! caller (a terminal, and `NO_COLOR` unset).

use super::{FileView, Renderer};
use crate::check::Totals;
use crate::diagnostic::{Finding, Severity};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// A finding with its file's source, as miette wants it.
struct Rendered<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<str>>>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let loc = &self.finding.location;
        // The header already names the place; the label only underlines it.
        Some(Box::new(std::iter::once(LabeledSpan::new(
            None,
            loc.start,
            loc.end.saturating_sub(loc.start),
        ))))
    }
}

/// Writes each finding as miette's graphical report, then the summary line.
pub struct Human {
    handler: miette::GraphicalReportHandler,
    buffer: String,
}

impl Human {
    /// A renderer with colour or without.
    pub fn new(color: bool) -> Human {
        Human {
            handler: crate::diagnostic::graphical_handler(color),
            buffer: String::new(),
        }
    }
}

impl Renderer for Human {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for finding in file.findings {
            let source = file
                .source
                .filter(|_| finding.location.end > 0 || finding.location.start > 0)
                .map(|s| NamedSource::new(finding.path.clone(), Arc::clone(s)));
            let rendered = Rendered { finding, source };
            self.buffer.clear();
            if rendered.source.is_none() {
                // No snippet (a file that could not be read): say where in words.
                self.buffer.push_str(&format!(
                    "{}:{}:{}\n",
                    finding.path, finding.location.line, finding.location.column
                ));
            }
            let _ = self.handler.render_report(&mut self.buffer, &rendered);
            self.buffer.push('\n');
            out.write_all(self.buffer.as_bytes())?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(out, "{}", totals.summary())
    }
}
