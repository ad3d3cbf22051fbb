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

/// The names of `candidates` closest to `name` (at most `n`, best first).
pub fn closest<'a, S: AsRef<str>>(name: &str, candidates: &'a [S], n: usize) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .map(|c| {
            let c = c.as_ref();
            // A bare name is compared with the last part of each id too.
            let last = c.rsplit('/').next().unwrap_or(c);
            let score = strsim::jaro_winkler(name, c).max(strsim::jaro_winkler(name, last));
            (score, c)
        })
        .filter(|(score, _)| *score > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// The id in `ids` that `name` means: itself, or the one id that ends with
/// `/name` (`wide-range` is `duration/wide-range`). Otherwise why not, with
/// the ids it may mean.
pub fn resolve_id<S: AsRef<str>>(name: &str, ids: &[S]) -> Result<String, String> {
    if let Some(id) = ids.iter().find(|id| id.as_ref() == name) {
        return Ok(id.as_ref().to_string());
    }
    let suffix = format!("/{}", name.trim_start_matches('/'));
    let matches: Vec<&str> = ids
        .iter()
        .map(AsRef::as_ref)
        .filter(|id| id.ends_with(&suffix))
        .collect();
    match matches[..] {
        [one] => Ok(one.to_string()),
        [] => {
            let near = closest(name, ids, 3);
            Err(if near.is_empty() {
                format!("no rule `{name}` (`mlint rules` lists every rule)")
            } else {
                format!("no rule `{name}`; closest: {}", quoted_list(&near))
            })
        }
        _ => Err(format!(
            "`{name}` could be {}: name one",
            quoted_list(&matches)
        )),
    }
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
    fn a_rule_id_is_resolved_from_a_unique_suffix() {
        let ids = [
            "duration/wide-range",
            "duration/too-long",
            "custom/a/too-long",
        ];
        assert_eq!(
            super::resolve_id("wide-range", &ids).as_deref(),
            Ok("duration/wide-range")
        );
        assert_eq!(
            super::resolve_id("a/too-long", &ids).as_deref(),
            Ok("custom/a/too-long")
        );
        assert_eq!(
            super::resolve_id("too-long", &ids),
            Err("`too-long` could be `duration/too-long`, `custom/a/too-long`: name one".into())
        );
        assert_eq!(
            super::resolve_id("duration/wide", &ids),
            Err(
                "no rule `duration/wide`; closest: `duration/wide-range`, `duration/too-long`"
                    .into()
            )
        );
        assert_eq!(
            super::resolve_id("zzz", &ids),
            Err("no rule `zzz` (`mlint rules` lists every rule)".into())
        );
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
