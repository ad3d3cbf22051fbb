//! Reading a policy's `# METADATA` comment block (YAML).
//!
//! Shared with `build.rs` (through `#[path]`), which parses the bundled
//! policies' blocks at build time and writes them out as a
//! [`StaticMetadata`] table, so that a run with only the bundled policies
//! parses no YAML. It therefore depends on nothing in the crate, only on
//! `serde` and `yaml_serde`.

use serde::{Deserialize, Serialize};

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
pub struct Custom {
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub examples: Examples,
}

/// A METADATA block as written.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Metadata {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub custom: Custom,
    // OPA's other annotation keys are accepted and ignored.
    #[serde(flatten)]
    pub _rest: std::collections::BTreeMap<String, yaml_serde::Value>,
}

/// A METADATA block parsed at build time: [`Metadata`] without OPA's other
/// keys (which mlint ignores), in `'static` strings.
#[derive(Debug)]
pub struct StaticMetadata {
    pub title: Option<&'static str>,
    pub description: Option<&'static str>,
    pub level: Option<&'static str>,
    pub help: Option<&'static str>,
    pub why: Option<&'static str>,
    pub options: &'static [&'static str],
    pub fail: Option<&'static str>,
    pub pass: Option<&'static str>,
}

impl StaticMetadata {
    /// The block as [`parse`] reads it (OPA's other keys left out).
    pub fn to_metadata(&self) -> Metadata {
        let own = |s: Option<&str>| s.map(str::to_string);
        Metadata {
            title: own(self.title),
            description: own(self.description),
            custom: Custom {
                level: own(self.level),
                help: own(self.help),
                why: own(self.why),
                options: self.options.iter().map(|s| s.to_string()).collect(),
                examples: Examples {
                    fail: own(self.fail),
                    pass: own(self.pass),
                },
            },
            _rest: Default::default(),
        }
    }

    /// Rust source of a `StaticMetadata` equal to `meta` (less its other
    /// keys), for `build.rs`.
    pub fn source_of(meta: &Metadata) -> String {
        let opt = |s: &Option<String>| match s {
            Some(s) => format!("Some({s:?})"),
            None => "None".to_string(),
        };
        let options: Vec<String> = meta
            .custom
            .options
            .iter()
            .map(|o| format!("{o:?}"))
            .collect();
        format!(
            "StaticMetadata {{ title: {}, description: {}, level: {}, help: {}, why: {}, options: &[{}], fail: {}, pass: {} }}",
            opt(&meta.title),
            opt(&meta.description),
            opt(&meta.custom.level),
            opt(&meta.custom.help),
            opt(&meta.custom.why),
            options.join(", "),
            opt(&meta.custom.examples.fail),
            opt(&meta.custom.examples.pass),
        )
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
pub fn yaml_nesting(yaml: &str) -> Option<usize> {
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

/// The METADATA block of `source` and the line it starts on (`None`
/// without a block), or the line and message of what is wrong with it.
pub fn parse(source: &str) -> Result<Option<(Metadata, usize)>, (usize, String)> {
    match metadata_block(source) {
        Some((yaml, line)) if let Some(deep) = yaml_nesting(&yaml) => Err((
            line + deep,
            format!(
                "invalid METADATA block: brackets nest deeper than {MAX_YAML_NESTING} levels here"
            ),
        )),
        Some((yaml, line)) => match yaml_serde::from_str::<Metadata>(&yaml) {
            Ok(meta) => Ok(Some((meta, line))),
            Err(e) => {
                let offset = e.location().map(|l| l.line()).unwrap_or(1);
                Err((line + offset, format!("invalid METADATA block: {e}")))
            }
        },
        None => Ok(None),
    }
}
