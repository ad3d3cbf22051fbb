//! Rules mlint implements itself rather than in Rego: problems with reading
//! a file, which happen before there is a document to evaluate.
//!
//! They live in the same catalog as Rego rules, so they get levels,
//! suppressions (where that makes sense), `mlint explain` and SARIF
//! descriptors like any other rule.

use super::catalog::RuleMeta;
use crate::diagnostic::Severity;

/// `input/not-utf8`.
pub const NOT_UTF8: &str = "input/not-utf8";
/// `input/unreadable`.
pub const UNREADABLE: &str = "input/unreadable";

/// The catalog entries of the built-in rules.
pub fn rules() -> Vec<RuleMeta> {
    vec![
        RuleMeta::builtin(
            NOT_UTF8,
            Severity::Error,
            "a file that is not valid UTF-8",
            "Reports a Markdown file whose bytes are not valid UTF-8 (or that is UTF-16), naming the byte offset of the first invalid byte. The file is not checked further.",
            "Re-save the file as UTF-8.",
        ),
        RuleMeta::builtin(
            UNREADABLE,
            Severity::Error,
            "a file that could not be read",
            "Reports a file that was found but could not be read (deleted during the run, no permission, a directory named like a Markdown file). The other files are still checked.",
            "Check that the file exists and is readable.",
        ),
        RuleMeta::builtin(
            crate::suppress::UNKNOWN_RULE,
            Severity::Warning,
            "a suppression that names an unknown rule",
            "Reports an inline `mlint-disable…` directive naming a rule id that no bundled or custom policy defines, usually a typo.",
            "Use a rule id from `mlint rules`.",
        ),
        RuleMeta::builtin(
            crate::suppress::UNUSED,
            Severity::Warning,
            "a suppression that suppresses nothing",
            "Reports an inline `mlint-disable…` directive that did not suppress any finding: the problem it waived is gone, or it never applied to those lines.",
            "Remove the directive.",
        ),
        RuleMeta::builtin(
            crate::suppress::MISSING_REASON,
            Severity::Error,
            "a suppression without a reason",
            "With `require_reason = true`, reports an inline `mlint-disable…` directive that gives no reason after `--`.",
            "Add a reason after `--`.",
        ),
    ]
}
