//! Renderers: one per output format, each over the whole sorted [`Report`].
//!
//! The engine never prints; these functions turn a report into text. Each
//! renderer is pure (report in, string out) so every format is tested the
//! same way, on one shared sample report.

use crate::check::Report;

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
#[doc(hidden)]
pub mod sample;
pub mod sarif;
pub mod short;

/// The output formats of `mlint check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report, with a summary line.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Short,
    /// A JSON object with a summary and every diagnostic.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), one per finding.
    Github,
    /// JUnit XML: one test suite per file, one failing test case per finding.
    Junit,
}

/// Options shared by renderers.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// Use colour (human format only).
    pub color: bool,
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format, options: RenderOptions) -> String {
    match format {
        Format::Human => human::render(report, options.color),
        Format::Short => short::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
    }
}
