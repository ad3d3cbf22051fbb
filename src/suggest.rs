//! "Did you mean" suggestions for misspelled names (rule ids, config keys).

/// ` (did you mean `X`?)` for the closest candidate, or an empty string.
pub fn did_you_mean<S: AsRef<str>>(name: &str, candidates: &[S]) -> String {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c.as_ref()), c.as_ref()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// Names in backquotes, separated by commas: `` `a`, `b` ``, for lists of
/// known names in messages.
pub fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_names_in_backquotes() {
        assert_eq!(super::quoted_list(&["a", "b/c"]), "`a`, `b/c`");
        assert_eq!(super::quoted_list::<&str>(&[]), "");
    }

    #[test]
    fn suggests_the_closest_name() {
        let ids = [
            "duration/too-long",
            "duration/too-short",
            "docs/missing-deliverable",
        ];
        assert_eq!(
            super::did_you_mean("duration/to-long", &ids),
            " (did you mean `duration/too-long`?)"
        );
        assert_eq!(super::did_you_mean("zzz", &ids), "");
    }
}
