//! Renderers: one per output format, each streaming a report file by file.
//!
//! The engine never prints; renderers turn findings into text. Each format
//! is a [`Renderer`]: [`Renderer::begin`] before the first file,
//! [`Renderer::file`] once per file in report order (as
//! the checker
//! delivers them), [`Renderer::end`] with the run's totals. Nothing but what
//! a format cannot write before the end (such as JUnit's totals) is kept, so
//! memory does not grow with the number of findings.
//!
//! [`render`] feeds a whole [`Report`] through the same renderers, so every
//! format is tested the same way, on one shared sample report.

pub use crate::outcome::FileView;
use crate::outcome::{Report, Totals};
use crate::policy::RuleMeta;
use std::io::{self, Write};

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
#[doc(hidden)]
pub mod sample;
pub mod sarif;
pub mod short;
pub mod statistics;

/// The output formats of `mlint check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report, with a summary line.
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Short,
    /// A JSON object with every diagnostic and a summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), one per finding.
    Github,
    /// JUnit XML: one test suite per file, one failing test case per finding.
    Junit,
}

/// Options shared by renderers.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Use colour (human format only).
    pub color: bool,
    /// Leave out the summary line the human format ends with (`--quiet`).
    pub quiet: bool,
    /// The base URL of the rules' documentation (`docs_url`): SARIF's
    /// `helpUri` is `<docs_url>/<rule id>.md`, and there is none without it.
    pub docs_url: Option<String>,
    /// The effective configuration, for the option defaults the rule
    /// documentation embedded in SARIF shows (the defaults when `None`).
    pub config: Option<serde_json::Value>,
}

/// One output format, written as the files come.
///
/// Calls come in this order: `begin`, `file` for each checked file in
/// report order (clean files included), `end`. A write error is returned
/// as it happens; the output is then incomplete.
pub trait Renderer {
    /// Writes what comes before the first file.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// Writes one file's findings.
    fn file(&mut self, out: &mut dyn Write, file: &FileView<'_>) -> io::Result<()>;

    /// Writes what comes after the last file.
    fn end(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let _ = (out, totals);
        Ok(())
    }
}

/// The renderer of `format`; `rules` is the rule catalog (SARIF describes
/// every rule before the results).
pub fn renderer<'a>(
    format: Format,
    options: RenderOptions,
    rules: &'a [RuleMeta],
) -> Box<dyn Renderer + 'a> {
    match format {
        Format::Human => Box::new(human::Human::new(options.color).quiet(options.quiet)),
        Format::Short => Box::new(short::Short),
        Format::Json => Box::new(json::Json::default()),
        Format::Sarif => Box::new(sarif::Sarif::new(
            rules,
            options.docs_url.as_deref(),
            &options.config.unwrap_or_else(crate::config::defaults_json),
        )),
        Format::Github => Box::new(github::Github),
        Format::Junit => Box::new(junit::Junit::default()),
    }
}

/// Renders the whole `report` in `format`.
pub fn render(report: &Report, format: Format, options: RenderOptions) -> String {
    let mut out = Vec::new();
    let mut renderer = renderer(format, options, &report.rules);
    // Writing into memory cannot fail.
    let _ = feed(report, renderer.as_mut(), &mut out);
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Runs a whole `report` through `renderer`: `begin`, every file, `end`.
pub fn feed(report: &Report, renderer: &mut dyn Renderer, out: &mut dyn Write) -> io::Result<()> {
    renderer.begin(out)?;
    for file in files(report) {
        renderer.file(out, &file)?;
    }
    renderer.end(out, &report.totals())
}

/// The report's files in report order: every path in `paths` and every
/// path a finding names, once each, with their findings (`findings` being
/// sorted, each file's findings are one run of them).
pub fn files(report: &Report) -> Vec<FileView<'_>> {
    let mut paths: Vec<&str> = report.paths.iter().map(String::as_str).collect();
    paths.sort();
    paths.dedup();
    let view = |path, findings| FileView {
        path,
        findings,
        source: report.sources.get(path),
    };
    let mut views = Vec::with_capacity(paths.len());
    let mut paths = paths.into_iter().peekable();
    for group in report.findings.chunk_by(|a, b| a.path == b.path) {
        let Some(first) = group.first() else {
            continue;
        };
        let path = first.path.as_str();
        while let Some(clean) = paths.next_if(|p| *p < path) {
            views.push(view(clean, &[]));
        }
        paths.next_if(|p| *p == path);
        views.push(view(path, group));
    }
    views.extend(paths.map(|clean| view(clean, &[])));
    views
}
