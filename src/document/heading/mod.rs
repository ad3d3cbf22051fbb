//! Heading titles: decorations off, then "is this a milestone unit?".
//!
//! Real headings carry emoji, bold, status marks and schedule parentheticals
//! around the title (`### 🎯 Sprint 1: Quick Win (1 week) ✅`). [`strip`]
//! removes them (and reads a duration parenthetical on the way), and
//! [`classify`] decides from what is left whether the heading names a unit —
//! a keyword from the vocabulary followed by an identifier or a separator, or
//! a bare id such as `M1` — and splits it into keyword, number and name.

mod classify;
mod ids;
mod strip;

use std::ops::Range;

use super::duration::Reading;
pub(super) use classify::{classify, classify_loose, kind_name, outline};
pub(super) use strip::strip;

/// A title with its decorations removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Stripped {
    /// The title as a reader sees it.
    pub text: String,
    /// A duration parenthetical: the range of its content in the raw title.
    pub duration: Option<(Range<usize>, Reading)>,
}

/// What a milestone heading says about its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// `phase`, `sprint` or `milestone`.
    pub kind: &'static str,
    /// The keyword as written.
    pub keyword: Option<String>,
    /// The identifier after the keyword.
    pub number: Option<String>,
    /// The rest of the title.
    pub name: Option<String>,
}
