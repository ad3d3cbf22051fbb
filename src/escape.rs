//! Text from files and policies made safe to print: the one escaping every
//! human-readable output uses.
//!
//! File names, headings and policy messages reach terminals and CI logs.
//! A control character there is not text: a line break starts a new log
//! line (where GitHub Actions reads `::warning …::` workflow commands), a
//! carriage return or backspace overwrites what was printed, ESC starts a
//! terminal escape sequence, and bidirectional controls reorder what a
//! reader sees. [`escape`] writes each as an inert escape (`\n`, `\u{1b}`),
//! [`path_text`] turns a path into its display text the same way and
//! injectively (two files never show the same), and [`source_text`]
//! neutralises a file's own text for snippets without moving any byte.

use std::borrow::Cow;
use std::path::Path;

/// Whether `c` must not reach a terminal or a log as it is: control
/// characters (C0, DEL, C1), bidirectional controls and invisible format
/// characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// `text` with every [unsafe](is_unsafe) character written as an escape
/// (`\n`, `\t`, `\u{1b}`, `\u{202e}`), so it prints as one inert line.
/// Borrowed when there is nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The display text of `path` (already made relative and stripped of `./`
/// by the caller): [`escape`]d, and on Unix, where `\` is an ordinary
/// file-name character, with `\` written `\\` and bytes that are not UTF-8
/// as `\xHH`. Two different paths never get the same text: `back\slash.md`
/// shows as `back\\slash.md`, never as `back/slash.md`. On Windows `\` is
/// the separator and becomes `/`.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    c if is_unsafe(c) => out.extend(c.escape_default()),
                    c => out.push(c),
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        escape(&path.to_string_lossy().replace('\\', "/")).into_owned()
    }
}

/// A file's text for a snippet: every unsafe character replaced by an inert
/// one of the same length in bytes (`?` for one byte, `¿` for two, `�` for
/// three), and a carriage return that does not start `\r\n` by `\n`, the
/// line break it counts as. Offsets, lines and columns stay exactly those of
/// the file; tabs and line breaks are kept.
pub fn source_text(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let needs = |(i, c): (usize, char)| match c {
        '\t' | '\n' => false,
        '\r' => bytes.get(i + 1) != Some(&b'\n'),
        c => is_unsafe(c),
    };
    if !text.char_indices().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !needs((i, c)) {
            out.push(c);
            continue;
        }
        out.push(match (c, c.len_utf8()) {
            ('\r', _) => '\n',
            (_, 1) => '?',
            (_, 2) => '¿',
            (_, 3) => '\u{fffd}',
            // No unsafe character is four bytes long; kept for totality.
            (c, _) => c,
        });
    }
    debug_assert_eq!(out.len(), text.len());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        assert_eq!(escape("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
        assert_eq!(escape("x\u{202e}y\u{8}\r"), "x\\u{202e}y\\u{8}\\r");
        assert_eq!(escape("阶段 1：研究"), "阶段 1：研究");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    #[cfg(unix)]
    #[test]
    fn path_text_is_injective() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let shown = |b: &[u8]| path_text(Path::new(OsStr::from_bytes(b)));
        assert_eq!(shown(b"back\\slash.md"), "back\\\\slash.md");
        assert_eq!(shown(b"back/slash.md"), "back/slash.md");
        assert_eq!(
            shown(b"a\n::warning file=x::y\n.md"),
            "a\\n::warning file=x::y\\n.md"
        );
        // A literal backslash-n and a line break differ.
        assert_ne!(shown(b"a\\n.md"), shown(b"a\n.md"));
        assert_eq!(shown(b"x\xff\xfe.md"), "x\\xFF\\xFE.md");
        assert_ne!(shown(b"\xff.md"), shown(b"\xfe.md"));
    }

    #[test]
    fn source_text_keeps_every_offset() {
        let text = "# T\u{1b}[2J\r\nline\rnext\u{85}\u{202e}\tend\n";
        let safe = source_text(text);
        assert_eq!(safe, "# T?[2J\r\nline\nnext¿\u{fffd}\tend\n");
        assert_eq!(safe.len(), text.len());
        assert_eq!(safe.chars().count(), text.chars().count());
        assert!(matches!(source_text("a\r\nb\tc\n"), Cow::Borrowed(_)));
    }
}
