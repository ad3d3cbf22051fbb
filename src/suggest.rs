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

#[cfg(test)]
mod tests {
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
