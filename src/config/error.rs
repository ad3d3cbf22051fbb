//! Configuration errors, each pointing at the exact place in the TOML file.

use super::SourceFile;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// One problem in a configuration file.
#[derive(Clone, Debug)]
pub struct ConfigError {
    /// The file, when there is one.
    pub path: Option<String>,
    /// Its text, for the snippet (named, so the snippet's header shows the file).
    pub text: Option<Arc<str>>,
    named: Option<miette::NamedSource<Arc<str>>>,
    /// Where in the file.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl ConfigError {
    /// An error with no location (a file that cannot be read).
    pub fn plain(message: String) -> Self {
        ConfigError {
            path: None,
            text: None,
            named: None,
            span: None,
            message,
            help: None,
        }
    }

    /// An error at `span` of `file`.
    pub fn at(
        file: &SourceFile,
        span: Option<Range<usize>>,
        message: String,
        help: Option<String>,
    ) -> Self {
        ConfigError {
            path: Some(file.path.clone()),
            text: Some(Arc::clone(&file.text)),
            // What reaches the terminal is made inert: the file's name and
            // text as the report's snippets show them (same offsets).
            named: Some(miette::NamedSource::new(
                crate::escape::escape(&file.path),
                match crate::escape::source_text(&file.text) {
                    std::borrow::Cow::Borrowed(_) => Arc::clone(&file.text),
                    std::borrow::Cow::Owned(text) => Arc::from(text),
                },
            )),
            span,
            message,
            help,
        }
    }

    /// 1-based line of the span.
    pub fn line(&self) -> Option<usize> {
        let (text, span) = (self.text.as_ref()?, self.span.as_ref()?);
        Some(text.get(..span.start)?.matches('\n').count() + 1)
    }

    /// Renders the error with miette (a snippet with the span labelled).
    pub fn render(&self, color: bool) -> String {
        let handler = crate::diagnostic::graphical_handler(color);
        let mut out = String::new();
        let _ = handler.render_report(&mut out, self);
        out
    }
}

impl fmt::Display for ConfigError {
    /// Control characters from the file's name or text (a quoted key, say)
    /// are escaped: this reaches terminals and CI logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::escape;
        let message = escape(&self.message);
        match (&self.path, self.line()) {
            (Some(p), Some(l)) => write!(f, "{}:{l}: {message}", escape(p)),
            (Some(p), None) => write!(f, "{}: {message}", escape(p)),
            _ => f.write_str(&message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("mlint::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(crate::escape::escape(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.named.as_ref().map(|t| t as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        self.text.as_ref()?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            None,
            span.start,
            span.len(),
        ))))
    }
}
