//! Policy errors: a policy that does not compile, has bad METADATA, fails at
//! evaluation or returns something that is not a finding.
//!
//! regorus reports errors as preformatted text with a `--> file:line:col`
//! line; [`PolicyError::from_regorus`] recovers the file and position from it
//! so mlint can point miette at the `.rego` source. Any of these makes mlint
//! exit 2: a policy that cannot be trusted must never pass silently.

use super::catalog::RuleMeta;
use super::file::PolicyFile;
use std::fmt;

/// Something wrong with a policy, with where it is when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// The policy file, when known.
    pub file: Option<String>,
    /// 1-based line and column in `file`.
    pub position: Option<(usize, usize)>,
    /// What went wrong (first line of regorus's message, or ours).
    pub message: String,
    /// The policy's source, for a labelled snippet.
    pub source: Option<std::sync::Arc<str>>,
    /// The Markdown file being checked when it happened.
    pub input: Option<String>,
}

impl PolicyError {
    /// An error with no location.
    pub fn plain(message: String) -> Self {
        PolicyError {
            file: None,
            position: None,
            message,
            source: None,
            input: None,
        }
    }

    /// An error at a line of a policy file.
    pub fn in_file(path: &str, source: &str, line: Option<usize>, message: String) -> Self {
        PolicyError {
            file: Some(path.to_string()),
            position: line.map(|l| (l, 1)),
            message,
            source: Some(std::sync::Arc::from(source)),
            input: None,
        }
    }

    /// Parses regorus's error text, finding the file among `files`.
    pub fn from_regorus(
        err: &anyhow::Error,
        files: &[PolicyFile],
        rule: Option<&RuleMeta>,
    ) -> Self {
        let text = format!("{err:#}");
        let (file, position) = locate(&text);
        let source = file
            .as_deref()
            .and_then(|f| files.iter().find(|p| p.path == f))
            .map(|p| std::sync::Arc::from(p.source.as_str()));
        PolicyError {
            file: file.or_else(|| rule.map(|r| r.file.clone())),
            position,
            message: summarize(&text),
            source,
            input: None,
        }
    }

    /// A rule failed while evaluating a document.
    pub fn evaluation(rule: &RuleMeta, err: &anyhow::Error) -> Self {
        let mut e = Self::from_regorus(err, &[], Some(rule));
        e.message = match time_limit(&e.message) {
            Some(limit) => format!(
                "rule `{}` ran longer than the time limit of {limit} (`limits.timeout_seconds`) and was stopped",
                rule.id
            ),
            None => format!("rule `{}` failed: {}", rule.id, e.message),
        };
        e
    }

    /// A rule crashed regorus (a panic inside a builtin or the VM).
    pub fn panicked(rule: &RuleMeta, panic: &str) -> Self {
        PolicyError {
            file: Some(rule.file.clone()),
            position: None,
            message: format!(
                "rule `{}` crashed the policy engine (a bug in regorus: {panic})",
                rule.id
            ),
            source: None,
            input: None,
        }
    }

    /// A rule returned something that is not a finding.
    pub fn malformed(rule: &RuleMeta, message: String) -> Self {
        PolicyError {
            file: Some(rule.file.clone()),
            position: None,
            message: format!("rule `{}` returned a malformed finding: {message}", rule.id),
            source: None,
            input: None,
        }
    }

    /// Records which Markdown file was being checked.
    pub fn while_checking(mut self, path: &str) -> Self {
        self.input = Some(path.to_string());
        self
    }

    /// The byte offset of `position` in `source`, for miette labels.
    pub fn offset(&self) -> Option<usize> {
        let (line, col) = self.position?;
        let source = self.source.as_deref()?;
        let mut offset = 0;
        for (i, l) in source.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = l
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return Some(offset + col_bytes.min(l.len()));
            }
            offset += l.len();
        }
        None
    }
}

/// The limit of regorus's "execution exceeded time limit (…, limit=Nns)"
/// error, in seconds, when `message` is one.
fn time_limit(message: &str) -> Option<String> {
    if !message.contains("exceeded time limit") {
        return None;
    }
    let ns: f64 = message
        .split("limit=")
        .nth(1)?
        .split("ns")
        .next()?
        .parse()
        .ok()?;
    let secs = ns / 1e9;
    Some(if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{secs} s")
    })
}

/// Finds `--> file:line:col` in regorus's text.
fn locate(text: &str) -> (Option<String>, Option<(usize, usize)>) {
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("-->") else {
            continue;
        };
        let rest = rest.trim();
        let mut parts = rest.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.trim().parse().ok());
        let ln = parts.next().and_then(|l| l.trim().parse().ok());
        let file = parts.next().map(str::to_string);
        if let (Some(file), Some(ln), Some(col)) = (file, ln, col) {
            return (Some(file), Some((ln, col)));
        }
    }
    (None, None)
}

/// The meaningful part of regorus's message: its last non-snippet line
/// ("error: …"), without the source excerpt that mlint renders itself.
fn summarize(text: &str) -> String {
    let candidates: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|') && !l.starts_with('^')
        })
        .filter(|l| !l.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    let best = candidates
        .iter()
        .find(|l| l.starts_with("error:"))
        .or_else(|| candidates.last())
        .copied()
        .unwrap_or(text);
    best.trim_start_matches("error:").trim().to_string()
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some((l, c))) => write!(f, "{file}:{l}:{c}: {}", self.message)?,
            (Some(file), None) => write!(f, "{file}: {}", self.message)?,
            _ => f.write_str(&self.message)?,
        }
        if let Some(input) = &self.input {
            write!(f, " (while checking {input})")?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}

/// A policy error as miette renders it: the message, and a labelled snippet
/// of the `.rego` file when the position is known.
struct Rendered<'a> {
    error: &'a PolicyError,
    source: Option<miette::NamedSource<std::sync::Arc<str>>>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.error, f)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // For a terminal or a CI log: control characters from a policy's
        // text or a file name are escaped, so none can forge a log line.
        f.write_str(&crate::escape::escape(&self.error.to_string()))
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new("mlint::policy"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let offset = self.error.offset()?;
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new(
            Some("here".into()),
            offset,
            1,
        ))))
    }
}

/// Renders `error` for the terminal (stderr).
pub fn render(error: &PolicyError, color: bool) -> String {
    let handler = crate::diagnostic::graphical_handler(color);
    let source = match (&error.file, &error.source) {
        (Some(file), Some(src)) if error.position.is_some() => {
            // The policy's name and text made inert, offsets unchanged.
            Some(miette::NamedSource::new(
                crate::escape::escape(file),
                match crate::escape::source_text(src) {
                    std::borrow::Cow::Borrowed(_) => src.clone(),
                    std::borrow::Cow::Owned(text) => std::sync::Arc::from(text),
                },
            ))
        }
        _ => None,
    };
    let rendered = Rendered { error, source };
    let mut out = String::new();
    let _ = handler.render_report(&mut out, &rendered);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_are_said_in_seconds() {
        let msg = "execution exceeded time limit (elapsed=1007087994ns, limit=1000000000ns)";
        assert_eq!(time_limit(msg).as_deref(), Some("1 s"));
        assert_eq!(time_limit("unknown function"), None);
    }

    #[test]
    fn regorus_positions_are_recovered() {
        let text = "error: unknown function\n --> policies/a.rego:7:5\n  |\n7 | x := foo(1)\n  |     ^\nerror: unknown function `foo`";
        assert_eq!(locate(text), (Some("policies/a.rego".into()), Some((7, 5))));
        assert_eq!(summarize(text), "unknown function");
    }
}
