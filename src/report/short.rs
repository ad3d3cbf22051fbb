//! `--format short`: one line per finding, `path:line:col: severity[rule] message`,
//! the shape editors and `grep` understand.

use super::{FileView, Renderer};
use std::io::{self, Write};

/// Writes one line per finding.
pub struct Short;

impl Renderer for Short {
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()> {
        for f in file.shown() {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                f.path,
                f.location.line,
                f.location.column,
                f.severity,
                f.rule,
                f.message.replace(['\r', '\n'], " ")
            )?;
        }
        Ok(())
    }
}
