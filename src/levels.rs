//! Rule levels after configuration: the configuration file's `[rules]`
//! and the command line's `--rule`, each by rule id or `category/*`.

use crate::diagnostic::Severity;
use std::collections::BTreeMap;

/// Per-rule levels after configuration: `None` means the rule is off.
///
/// Two layers: the configuration file's `[rules]` and the command line's
/// `--rule`. The command line wins over the file; within a layer an exact id
/// wins over `category/*`, and a longer category over a shorter one.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    /// From `--rule`, by exact rule id or `category/*`.
    pub cli: BTreeMap<String, Option<Severity>>,
    /// From the configuration file, by exact rule id or `category/*`.
    pub file: BTreeMap<String, Option<Severity>>,
}

impl Levels {
    /// The key in `layer` that decides `rule`'s level, if any.
    fn decide<'a>(
        layer: &'a BTreeMap<String, Option<Severity>>,
        rule: &str,
    ) -> Option<(&'a String, Option<Severity>)> {
        if let Some((k, v)) = layer.get_key_value(rule) {
            return Some((k, *v));
        }
        let mut prefix = rule;
        while let Some(i) = prefix.rfind('/') {
            prefix = &prefix[..i];
            if let Some((k, v)) = layer.get_key_value(&format!("{prefix}/*")) {
                return Some((k, *v));
            }
        }
        None
    }

    /// The effective level of `rule`, whose default is `default`.
    pub fn level(&self, rule: &str, default: Severity) -> Option<Severity> {
        Self::decide(&self.cli, rule)
            .or_else(|| Self::decide(&self.file, rule))
            .map(|(_, level)| level)
            .unwrap_or(Some(default))
    }

    /// What set `rule`'s level: `(true, key)` for `--rule`, `(false, key)` for
    /// the file, `None` for the default.
    pub fn origin(&self, rule: &str) -> Option<(bool, String)> {
        Self::decide(&self.cli, rule)
            .map(|(k, _)| (true, k.clone()))
            .or_else(|| Self::decide(&self.file, rule).map(|(k, _)| (false, k.clone())))
    }
}

#[cfg(test)]
mod level_tests {
    use super::*;

    #[test]
    fn the_command_line_wins_and_exact_ids_win_within_a_layer() {
        let mut levels = Levels::default();
        levels.file.insert("duration/wide-range".into(), None);
        levels
            .file
            .insert("duration/*".into(), Some(Severity::Error));
        assert_eq!(levels.level("duration/wide-range", Severity::Warning), None);
        assert_eq!(
            levels.level("duration/too-long", Severity::Warning),
            Some(Severity::Error)
        );
        levels.cli.insert("duration/*".into(), Some(Severity::Info));
        assert_eq!(
            levels.level("duration/wide-range", Severity::Warning),
            Some(Severity::Info)
        );
        assert_eq!(
            levels.origin("duration/wide-range"),
            Some((true, "duration/*".to_string()))
        );
        assert_eq!(
            levels.level("docs/missing-deliverable", Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(levels.origin("docs/missing-deliverable"), None);
    }
}
