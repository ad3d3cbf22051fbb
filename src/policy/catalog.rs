//! The rule catalog: each rule's identity, read from its policy file.
//!
//! A rule's documentation is written once, in the `# METADATA` comment block
//! at the top of its `.rego` file (regorus ignores those blocks, so mlint
//! reads them itself). `mlint rules`, `mlint explain`, SARIF rule descriptors
//! and `docs/rules/` are all rendered from the [`RuleMeta`] built here.
//!
//! A rule's id comes from its package: `package mlint.rules.duration.too_long`
//! is `duration/too-long`; a user policy `package mlint.custom.team.owner` is
//! `custom/team/owner`.

use crate::diagnostic::Severity;
use serde::{Deserialize, Serialize};

/// Where a rule comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Shipped inside the mlint binary.
    Bundled,
    /// Loaded from a user policy directory.
    Custom,
    /// Built into mlint itself (input and suppression checks), not Rego.
    Builtin,
}

/// How a rule reports: mlint's own `report` set, or conftest-style sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// `report contains finding if { ... }` with located findings.
    Report,
    /// conftest-style `deny` / `violation` (errors) and `warn` (warnings).
    Conftest,
}

/// Worked examples shown by `mlint explain`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Markdown that triggers the rule.
    #[serde(default)]
    pub fail: Option<String>,
    /// Markdown that passes.
    #[serde(default)]
    pub pass: Option<String>,
}

/// The `custom:` part of a METADATA block.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct Custom {
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    examples: Examples,
}

/// A METADATA block as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
struct Metadata {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    custom: Custom,
    // OPA's other annotation keys are accepted and ignored.
    #[serde(flatten)]
    _rest: std::collections::BTreeMap<String, yaml_serde::Value>,
}

/// Everything mlint knows about one rule.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct RuleMeta {
    /// Rule id, such as `duration/too-long`.
    pub id: String,
    /// The Rego package, such as `mlint.rules.duration.too_long`.
    pub package: String,
    /// One line: what the rule reports.
    pub title: String,
    /// What it checks, in a paragraph.
    pub description: String,
    /// Why it matters.
    pub why: Option<String>,
    /// How to fix a finding.
    pub help: Option<String>,
    /// Level when the configuration says nothing.
    pub default_level: Severity,
    /// Configuration keys (dotted paths into `mlint.toml`) the rule reads.
    pub options: Vec<String>,
    /// A failing and a passing example.
    pub examples: Examples,
    /// Bundled or custom.
    pub origin: Origin,
    /// The policy file, as shown to users.
    pub file: String,
    /// How it reports.
    pub style: Style,
}

impl RuleMeta {
    /// A rule implemented in Rust (input and suppression checks).
    pub fn builtin(
        id: &str,
        level: Severity,
        title: &str,
        description: &str,
        help: &str,
    ) -> RuleMeta {
        RuleMeta {
            id: id.to_string(),
            package: String::new(),
            title: title.to_string(),
            description: description.to_string(),
            why: None,
            help: Some(help.to_string()),
            default_level: level,
            options: Vec::new(),
            examples: Examples::default(),
            origin: Origin::Builtin,
            file: "src/policy/builtin.rs".to_string(),
            style: Style::Report,
        }
    }
}

/// A problem in a METADATA block or package line, with the 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetaError {
    /// Line in the policy file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The package a policy file declares and the line it is on.
pub fn package_of(source: &str) -> Option<(String, usize)> {
    source.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim().strip_prefix("package ")?;
        let pkg = rest.split('#').next().unwrap_or("").trim();
        (!pkg.is_empty()).then(|| (pkg.to_string(), i + 1))
    })
}

/// The rule id of conftest's `package main`.
pub const CONFTEST_MAIN: &str = "custom/main";

/// The rule id for a package, or `None` when the package is not a rule
/// (helpers, tests, other packages).
pub fn rule_id(package: &str) -> Option<String> {
    let parts: Vec<&str> = package.split('.').collect();
    match parts.as_slice() {
        ["mlint", "rules", category, name] => {
            Some(format!("{}/{}", category, name.replace('_', "-")))
        }
        // conftest's default namespace: its `deny`, `violation` and `warn`
        // rules, from every file of the package, are one rule.
        ["main"] => Some(CONFTEST_MAIN.to_string()),
        ["mlint", "custom", rest @ ..] if !rest.is_empty() => Some(format!(
            "custom/{}",
            rest.iter()
                .map(|p| p.replace('_', "-"))
                .collect::<Vec<_>>()
                .join("/")
        )),
        _ => None,
    }
}

/// Extracts the text of the first `# METADATA` block and the line it starts on.
fn metadata_block(source: &str) -> Option<(String, usize)> {
    let mut lines = source.lines().enumerate();
    let (start, _) = lines.find(|(_, l)| l.trim() == "# METADATA")?;
    let mut yaml = String::new();
    for (_, line) in lines {
        let Some(rest) = line.trim_start().strip_prefix('#') else {
            break;
        };
        yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml.push('\n');
    }
    Some((yaml, start + 1))
}

/// The deepest nesting of flow collections (`[`, `{`) METADATA may have.
/// The YAML parser's time grows with it faster than linearly: a 100,000-deep
/// flow sequence took 42 s.
pub const MAX_YAML_NESTING: usize = 32;

/// The line (counted from the first line of `yaml`, 1-based) where flow
/// collections nest deeper than [`MAX_YAML_NESTING`], skipping quoted
/// scalars and comments.
pub(crate) fn yaml_nesting(yaml: &str) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut chars = yaml.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '#' if previous.is_whitespace() => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            // A quote starts a quoted scalar only where a scalar can start
            // (`it's` is plain text).
            '"' | '\'' if previous.is_whitespace() || "[{,:".contains(previous) => {
                let mut escaped = false;
                for q in chars.by_ref() {
                    if q == '\n' {
                        line += 1;
                    }
                    if escaped {
                        escaped = false;
                    } else if q == '\\' && c == '"' {
                        escaped = true;
                    } else if q == c {
                        break;
                    }
                }
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_YAML_NESTING {
                    return Some(line);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    None
}

/// Reads a rule's catalog entry from its policy source.
pub fn read_meta(
    id: &str,
    package: &str,
    file: &str,
    source: &str,
    origin: Origin,
    style: Style,
) -> Result<RuleMeta, MetaError> {
    let (meta, line) = match metadata_block(source) {
        Some((yaml, line)) if let Some(deep) = yaml_nesting(&yaml) => {
            return Err(MetaError {
                line: line + deep,
                message: format!(
                    "invalid METADATA block: brackets nest deeper than {MAX_YAML_NESTING} levels here"
                ),
            });
        }
        Some((yaml, line)) => match yaml_serde::from_str::<Metadata>(&yaml) {
            Ok(meta) => (meta, line),
            Err(e) => {
                let offset = e.location().map(|l| l.line()).unwrap_or(1);
                return Err(MetaError {
                    line: line + offset,
                    message: format!("invalid METADATA block: {e}"),
                });
            }
        },
        None => (Metadata::default(), 1),
    };
    let default_level = match meta.custom.level.as_deref() {
        None => match style {
            Style::Report => Severity::Error,
            Style::Conftest => Severity::Error,
        },
        Some(level) => Severity::parse(level).ok_or_else(|| MetaError {
            line,
            message: format!(
                "METADATA `custom.level` is `{level}`; expected `error`, `warning` or `info`"
            ),
        })?,
    };
    if origin == Origin::Bundled && meta.title.is_none() {
        return Err(MetaError {
            line,
            message: format!("bundled rule `{id}` has no METADATA title"),
        });
    }
    Ok(RuleMeta {
        id: id.to_string(),
        package: package.to_string(),
        title: meta.title.unwrap_or_else(|| id.to_string()),
        description: meta.description.unwrap_or_default().trim().to_string(),
        why: meta.custom.why.map(|s| s.trim().to_string()),
        help: meta.custom.help.map(|s| s.trim().to_string()),
        default_level,
        options: meta.custom.options,
        examples: meta.custom.examples,
        origin,
        file: file.to_string(),
        style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_packages() {
        assert_eq!(
            rule_id("mlint.rules.duration.too_long").as_deref(),
            Some("duration/too-long")
        );
        assert_eq!(
            rule_id("mlint.custom.team.needs_owner").as_deref(),
            Some("custom/team/needs-owner")
        );
        assert_eq!(rule_id("mlint.lib.result"), None);
        assert_eq!(rule_id("main").as_deref(), Some("custom/main"));
        assert_eq!(rule_id("mlint.rules.duration"), None);
    }

    #[test]
    fn metadata_is_read_from_the_comment_block() {
        let src = "# METADATA\n# title: a title\n# description: |\n#   two\n#   lines\n# custom:\n#   level: warning\n#   help: fix it\n#   options: [duration.max_days]\npackage mlint.rules.a.b\n";
        let meta = read_meta(
            "a/b",
            "mlint.rules.a.b",
            "a/b.rego",
            src,
            Origin::Bundled,
            Style::Report,
        )
        .unwrap();
        assert_eq!(meta.title, "a title");
        assert_eq!(meta.description, "two\nlines");
        assert_eq!(meta.default_level, Severity::Warning);
        assert_eq!(meta.help.as_deref(), Some("fix it"));
        assert_eq!(meta.options, vec!["duration.max_days".to_string()]);
        assert_eq!(package_of(src), Some(("mlint.rules.a.b".to_string(), 10)));
    }

    #[test]
    fn a_bad_level_is_an_error_with_a_line() {
        let src = "# METADATA\n# title: t\n# custom:\n#   level: fatal\npackage mlint.rules.a.b\n";
        let err = read_meta("a/b", "p", "f", src, Origin::Bundled, Style::Report).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("`fatal`"), "{}", err.message);
    }

    #[test]
    fn deeply_nested_metadata_is_refused_before_the_yaml_parser() {
        let deep = format!(
            "# METADATA\n# title: t\n# custom:\n#   x: {}\npackage mlint.rules.a.b\n",
            "[".repeat(100_000)
        );
        let err = read_meta("a/b", "p", "f", &deep, Origin::Custom, Style::Report).unwrap_err();
        assert_eq!(err.line, 4);
        assert_eq!(
            err.message,
            "invalid METADATA block: brackets nest deeper than 32 levels here"
        );
        let quoted = format!(
            "# METADATA\n# title: \"{}\"\n# description: it's [fine]\npackage mlint.rules.a.b\n",
            "[".repeat(99)
        );
        assert!(read_meta("a/b", "p", "f", &quoted, Origin::Custom, Style::Report).is_ok());
    }
}
