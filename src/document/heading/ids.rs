//! The identifier after a keyword (`1`, `2.3`, `v1.0`, `{{N}}`, `IV`), a
//! bare milestone id (`M1`, `P2.1`) and a bare version (`v1.0`) at the
//! start of a title, each by its length. Hand-written rather than regexes;
//! `tests::ids_match_the_pattern` holds them to the patterns they replace.

/// Length of `[0-9]+(?:[.\-][0-9]+)*` at the start of `b` (0 when none).
fn dotted_digits(b: &[u8], seps: &[u8]) -> usize {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = digits(0);
    if i == 0 {
        return 0;
    }
    while i + 1 < b.len() && seps.contains(&b[i]) && b[i + 1].is_ascii_digit() {
        i += 1 + digits(i + 1);
    }
    i
}

/// An identifier after a keyword: `1`, `2.3`, `1-1`, `v1.0`, `m1`, `IV`, `A`,
/// or a placeholder (`{{N}}`, `{n}`, `[X]`, `<n>`, also `{{n}}.1`). Returns
/// its length. Hand-written rather than a regex: a one-file run would spend
/// more compiling the pattern than matching every heading. Leftmost-first,
/// like the alternation it replaces (`tests::ids_match_the_pattern`).
pub(super) fn id_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // A placeholder, then `.1`, `-2` parts.
    for (open, close, inner_stop) in [
        (&b"{{"[..], &b"}}"[..], &b"{}"[..]),
        (b"{", b"}", b"{}"),
        (b"[", b"]", b"[]"),
        (b"<", b">", b"<>"),
    ] {
        if !b.starts_with(open) {
            continue;
        }
        let body = b[open.len()..]
            .iter()
            .take_while(|c| !inner_stop.contains(c))
            .count();
        let end = open.len() + body;
        if b[end..].starts_with(close) {
            let mut i = end + close.len();
            while i + 1 < b.len() && (b[i] == b'.' || b[i] == b'-') && b[i + 1].is_ascii_digit() {
                i += 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            }
            return Some(i);
        }
    }
    // `[vV]?[0-9]+(?:[.\-][0-9]+)*[a-z]?`
    let v = usize::from(matches!(b.first(), Some(b'v' | b'V')));
    let n = dotted_digits(&b[v..], b".-");
    if n > 0 {
        let end = v + n;
        return Some(end + usize::from(b.get(end).is_some_and(u8::is_ascii_lowercase)));
    }
    if v == 1 {
        let n = dotted_digits(b, b".-");
        if n > 0 {
            return Some(n);
        }
    }
    // `[A-Za-z]{1,2}[0-9]+(?:[.\-][0-9]+)*`
    for letters in [2, 1] {
        if b.len() > letters && b[..letters].iter().all(u8::is_ascii_alphabetic) {
            let n = dotted_digits(&b[letters..], b".-");
            if n > 0 {
                return Some(letters + n);
            }
        }
    }
    // `[IVX]{1,4}`, then `[A-Z]`
    let roman = b
        .iter()
        .take(4)
        .take_while(|c| matches!(c, b'I' | b'V' | b'X'))
        .count();
    if roman > 0 {
        return Some(roman);
    }
    b.first().is_some_and(u8::is_ascii_uppercase).then_some(1)
}

/// A bare milestone id at the start of a title: `M1`, `m1`, `M2.1`, `M1-1`;
/// also `P2.1` (phase), `S3` (sprint), `E1` (epic), `R2` (release) when a
/// separator follows. Returns its length.
pub(super) fn bare_id_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let letter = *b.first()?;
    if !b"MmPpSsEeRr".contains(&letter) {
        return None;
    }
    let n = dotted_digits(&b[1..], b".-");
    (n > 0).then_some(1 + n)
}

/// A bare version at the start of a title: `v1.0`, `V2.0` (at least one
/// dot). Returns its length.
pub(super) fn bare_version_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'v' | b'V')) {
        return None;
    }
    let n = dotted_digits(&b[1..], b".");
    (n > 0 && b[1..1 + n].contains(&b'.')).then_some(1 + n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pattern::Pattern;

    #[test]
    fn ids_match_the_pattern() {
        let id = Pattern::new(r"^(?:(?:\{\{[^{}]*\}\}|\{[^{}]*\}|\[[^\[\]]*\]|<[^<>]*>)(?:[.\-][0-9]+)*|[vV]?[0-9]+(?:[.\-][0-9]+)*[a-z]?|[A-Za-z]{1,2}[0-9]+(?:[.\-][0-9]+)*|[IVX]{1,4}|[A-Z])").unwrap();
        let bare = Pattern::new(r"^[MmPpSsEeRr][0-9]+(?:[.\-][0-9]+)*").unwrap();
        let version = Pattern::new(r"^[vV][0-9]+(?:\.[0-9]+)+").unwrap();
        let samples = [
            "",
            "1",
            "12",
            "2.3",
            "1-1",
            "1.",
            "1-",
            "1.2.3 x",
            "12a",
            "12ab",
            "v1.0",
            "V2",
            "v",
            "va",
            "v1.",
            "v1.0.3-4",
            "m1",
            "M1-1",
            "Ab1",
            "ab12.3",
            "A",
            "a",
            "IV",
            "XIII",
            "IIIII",
            "X1",
            "Va",
            "{{N}}",
            "{{n}}.1",
            "{{a}b}}",
            "{n}",
            "{n",
            "[X]",
            "[X",
            "<n>",
            "<n",
            "{{",
            "Q3",
            "P2.1",
            "p2",
            "E1.2.3",
            "R",
            "S-1",
            "M1.x",
            "v1.0a",
            "V2.0 Alpha",
            "ü1",
            "1️⃣",
            "Ⅳ",
        ];
        let len = |p: &Pattern, s: &str| p.find(s).map(|m| m.end());
        for s in samples {
            assert_eq!(id_len(s), len(&id, s), "id {s:?}");
            assert_eq!(bare_id_len(s), len(&bare, s), "bare id {s:?}");
            assert_eq!(bare_version_len(s), len(&version, s), "version {s:?}");
        }
    }
}
