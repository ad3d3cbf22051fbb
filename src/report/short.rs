//! `--format short`: one line per finding, `path:line:col: severity[rule] message`,
//! the shape editors and `grep` understand. Paths, rule ids and messages
//! are escaped ([`crate::escape::escape`]), so each finding is one inert line.

use super::{FileView, Renderer};
use crate::escape::escape;
use std::io::{self, Write};

/// Writes one line per finding.
pub struct Short;

impl Renderer for Short {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for f in file.shown() {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                escape(&f.path),
                f.location.line,
                f.location.column,
                f.severity,
                escape(&f.rule),
                escape(&f.message)
            )?;
        }
        Ok(())
    }
}
