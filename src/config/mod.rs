//! Configuration: `mlint.toml` and the defaults shipped in the binary.
//!
//! `default.toml` is the single source of every default: it is embedded in
//! the binary, it is what `mlint init` writes, and it is the schema a user's
//! file is validated against (a key that is not in the defaults is unknown;
//! a value must have the default's type). Reading is two-staged, like
//! cargo-deny: the TOML is parsed with spans, then validated, collecting
//! *every* problem with its location. The merged result becomes
//! `data.mlint.config` for policies and [`ParseOptions`] for the parser.

mod error;
mod locate;
mod ranges;
mod show;
mod validate;

pub use error::ConfigError;
pub use locate::{FILE_NAMES, Found, MAX_BYTES};
pub use ranges::{NumberRange, RANGES};
pub use show::effective_toml;

use crate::diagnostic::Severity;
use crate::document::ParseOptions;
use serde_json::Value;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The default configuration file, with comments.
pub const DEFAULT_TOML: &str = include_str!("default.toml");

/// The defaults as JSON (`data.mlint.config` when there is no config file).
pub fn defaults_json() -> Value {
    // Parsed once per process (a validated file needs it twice), from its
    // JSON form: reading the TOML was 5% of a one-file run.
    static DEFAULTS: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| {
        serde_json::from_str(DEFAULT_JSON).expect("default.json is valid JSON")
    });
    DEFAULTS.clone()
}

/// `default.toml` as compact JSON, generated from it: a test fails when it
/// is stale (`MLINT_BLESS=1 cargo test --lib config` rewrites it).
const DEFAULT_JSON: &str = include_str!("default.json");

/// A configuration file as read from disk.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as shown to users.
    pub path: String,
    /// Its text.
    pub text: Arc<str>,
}

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from, if any.
    pub file: Option<SourceFile>,
    /// Directory that globs and policy directories are relative to.
    pub root: PathBuf,
    /// The merged configuration (`data.mlint.config`).
    pub data: Value,
    /// Rule levels from `[rules]`, with their spans for error reporting.
    pub rules: Vec<(String, Option<Severity>, Option<Range<usize>>)>,
    /// Dotted key → where its value came from (`mlint.toml:12`); absent keys are defaults.
    pub origins: BTreeMap<String, String>,
}

impl Config {
    /// The defaults, with no file.
    pub fn defaults() -> Config {
        Config {
            file: None,
            root: PathBuf::from("."),
            data: defaults_json(),
            rules: Vec::new(),
            origins: BTreeMap::new(),
        }
    }

    /// Finds `mlint.toml` / `.mlint.toml` in `start` or its parents, up to
    /// the repository root (the first directory containing `.git`).
    pub fn find(start: &Path) -> Option<Found> {
        locate::find(start)
    }

    /// The configuration the search from `start` finds (see [`Config::find`]),
    /// or the defaults when there is none. A file found by the search that
    /// is a symbolic link must point inside the repository.
    pub fn discover(start: &Path) -> (Config, Vec<ConfigError>) {
        match Config::find(start) {
            Some(found) => Config::read(&found.path, Some(&found.boundary)),
            None => (Config::defaults(), Vec::new()),
        }
    }

    /// Reads and validates `path`. Every problem is returned.
    pub fn load(path: &Path) -> Result<Config, Vec<ConfigError>> {
        match Config::load_lenient(path) {
            (config, errors) if errors.is_empty() => Ok(config),
            (_, errors) => Err(errors),
        }
    }

    /// Reads `path`, returning the best configuration it can make of it with
    /// every problem found, so later checks (rule ids need the policies) can
    /// add theirs and all are reported at once.
    /// The path was named (`--config`): it may be a symbolic link anywhere,
    /// but must resolve to a regular text file.
    pub fn load_lenient(path: &Path) -> (Config, Vec<ConfigError>) {
        Config::read(path, None)
    }

    /// Reads `path` (see [`locate::read_text`]) and validates it.
    fn read(path: &Path, boundary: Option<&Path>) -> (Config, Vec<ConfigError>) {
        let shown = crate::discover::display_path(path);
        let text: Arc<str> = match locate::read_text(path, boundary, &shown) {
            Ok(t) => Arc::from(t),
            Err(e) => return (Config::defaults(), vec![*e]),
        };
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        Config::from_source(SourceFile { path: shown, text }, root)
    }

    /// Validates configuration text: the merged configuration (defaults where
    /// a value was wrong) and every problem, sorted by position.
    pub fn from_source(file: SourceFile, root: PathBuf) -> (Config, Vec<ConfigError>) {
        let (data, errors, origins, rules) = validate::validate(&file, &root);
        let config = Config {
            file: Some(file),
            root,
            data,
            rules,
            origins,
        };
        (config, errors)
    }

    /// The parser's vocabulary from this configuration.
    pub fn parse_options(&self) -> ParseOptions {
        serde_json::from_value(self.data.clone()).unwrap_or_default()
    }

    /// A string list at a dotted key.
    pub fn strings(&self, key: &str) -> Vec<String> {
        lookup(&self.data, key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A boolean at a dotted key.
    pub fn flag(&self, key: &str) -> bool {
        lookup(&self.data, key)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    /// The per-file policy time limit.
    pub fn timeout(&self) -> std::time::Duration {
        let secs = lookup(&self.data, "limits.timeout_seconds")
            .and_then(Value::as_f64)
            .unwrap_or(10.0);
        // The range check keeps a file's value within a day; the fallback
        // covers a value that bypassed it (data built in code).
        std::time::Duration::try_from_secs_f64(secs.max(0.001))
            .unwrap_or(std::time::Duration::from_secs(10))
    }

    /// Policy directories, relative to the configuration file.
    pub fn policy_dirs(&self) -> Vec<PathBuf> {
        self.strings("policies")
            .iter()
            .map(|p| self.root.join(p))
            .collect()
    }

    /// The source text and span of a `[rules]` entry, for errors found after
    /// policies are loaded (an unknown rule id).
    pub fn rule_error(
        &self,
        span: Option<Range<usize>>,
        message: String,
        help: Option<String>,
    ) -> ConfigError {
        match &self.file {
            Some(file) => ConfigError::at(file, span, message, help),
            None => ConfigError::plain(message),
        }
    }
}

/// Looks up a dotted key.
pub fn lookup<'a>(data: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(data, |v, k| v.get(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_json_is_generated_from_default_toml() {
        let value: Value = toml::from_str(DEFAULT_TOML).expect("default.toml is valid TOML");
        let json = serde_json::to_string(&value).unwrap() + "\n";
        if std::env::var_os("MLINT_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/config/default.json");
            std::fs::write(path, &json).unwrap();
            return;
        }
        assert!(
            json == DEFAULT_JSON,
            "src/config/default.json is stale: run `MLINT_BLESS=1 cargo test --lib config`"
        );
        assert_eq!(defaults_json(), value);
    }
}
