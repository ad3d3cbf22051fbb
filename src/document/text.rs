//! Inline text as a reader sees it, with a way back to the bytes of the file.
//!
//! Labels, values and durations are found in the *rendered* inline text
//! (markup removed), but policies need spans into the file. [`Inline`] keeps
//! the rendered text together with the source range of every piece of it, so
//! any range of the text maps back to a span. Pieces whose text is not a
//! verbatim copy of the source (entities, escapes, line breaks) map as a whole.

use std::ops::Range;

use super::model::Span;

/// A piece of rendered text and where it came from.
#[derive(Clone, Debug)]
struct Seg {
    /// Start of the piece in the rendered text.
    text_start: usize,
    /// Source range (absolute file offsets).
    src: Range<usize>,
    /// Whether the rendered piece is byte-for-byte the source slice.
    exact: bool,
}

/// Rendered inline text of one block with its source map and bold ranges.
#[derive(Clone, Debug, Default)]
pub struct Inline {
    /// The text; soft and hard breaks are `\n`.
    pub text: String,
    segs: Vec<Seg>,
    /// Ranges of the text that were bold (`**…**`), in order of their end.
    pub strong: Vec<Range<usize>>,
}

impl Inline {
    /// Appends `piece`, which renders the source range `src` (absolute).
    pub fn push(&mut self, piece: &str, src: Range<usize>, source: &str) {
        if piece.is_empty() {
            return;
        }
        let exact = source.get(src.clone()) == Some(piece);
        self.segs.push(Seg {
            text_start: self.text.len(),
            src,
            exact,
        });
        self.text.push_str(piece);
    }

    /// The file span of the text range `range` (clamped to the text).
    pub fn span(&self, range: Range<usize>) -> Span {
        let (start, end) = (
            range.start.min(self.text.len()),
            range.end.min(self.text.len()),
        );
        if self.segs.is_empty() {
            return Span::default();
        }
        let s = self.map(start, false);
        let e = if end > start { self.map(end, true) } else { s };
        Span {
            start: s,
            end: e.max(s),
        }
    }

    fn map(&self, pos: usize, is_end: bool) -> usize {
        // For an end position, the relevant piece is the one holding pos - 1.
        let probe = if is_end { pos.saturating_sub(1) } else { pos };
        let i = self
            .segs
            .partition_point(|s| s.text_start <= probe)
            .saturating_sub(1);
        let seg = &self.segs[i];
        let seg_len = self
            .segs
            .get(i + 1)
            .map_or(self.text.len(), |n| n.text_start)
            - seg.text_start;
        if seg.exact {
            let within = pos.saturating_sub(seg.text_start).min(seg_len);
            seg.src.start + within
        } else if is_end {
            seg.src.end
        } else {
            seg.src.start
        }
    }

    /// The source range of the whole text, if any.
    pub fn full_span(&self) -> Option<Span> {
        (!self.segs.is_empty()).then(|| self.span(0..self.text.len()))
    }

    /// The first `len` bytes of the text (a character boundary), with their
    /// source map and bold ranges.
    pub fn prefix(&self, len: usize) -> Inline {
        let len = len.min(self.text.len());
        Inline {
            text: self.text[..len].to_string(),
            segs: self
                .segs
                .iter()
                .filter(|s| s.text_start < len)
                .cloned()
                .collect(),
            strong: self
                .strong
                .iter()
                .filter(|r| r.start < len)
                .map(|r| r.start..r.end.min(len))
                .collect(),
        }
    }
}

/// Collapses runs of whitespace (line breaks included) to one space and trims.
pub fn collapse(text: &str) -> String {
    if is_collapsed(text.as_bytes()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `collapse` would return `text` unchanged, for ASCII text (the
/// common case, found without decoding characters): no space at either
/// end, no two spaces in a row, no other whitespace.
fn is_collapsed(text: &[u8]) -> bool {
    let mut previous = b' ';
    for &b in text {
        match b {
            b' ' if previous == b' ' => return false,
            b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => return false,
            0x80.. => return false,
            _ => previous = b,
        }
    }
    previous != b' '
}

/// Narrows `range` of `text` to exclude leading and trailing whitespace.
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

/// Moves `span` onto character boundaries of `source` and within its length.
pub fn clamp_span(source: &str, span: Span) -> Span {
    let fix = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    Span {
        start,
        end: fix(span.end).max(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_pieces_map_byte_for_byte() {
        let src = "**Duration:** 1-2 weeks";
        let mut inl = Inline::default();
        inl.push("Duration:", 2..11, src);
        inl.push(" 1-2 weeks", 13..23, src);
        let pos = inl.text.find("1-2").unwrap();
        let span = inl.span(pos..inl.text.len());
        assert_eq!(&src[span.start..span.end], "1-2 weeks");
    }

    #[test]
    fn inexact_pieces_map_as_a_whole() {
        let src = "a &amp; b";
        let mut inl = Inline::default();
        inl.push("a ", 0..2, src);
        inl.push("&", 2..7, src);
        inl.push(" b", 7..9, src);
        assert_eq!(inl.text, "a & b");
        let amp = inl.span(2..3);
        assert_eq!((amp.start, amp.end), (2, 7));
        assert_eq!(inl.span(0..5), Span { start: 0, end: 9 });
    }

    #[test]
    fn helpers() {
        assert_eq!(collapse("  a \n b  "), "a b");
        for text in [
            "a b",
            "",
            " ",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\x0Bb",
            "é  è",
            "a\u{A0}b",
            "a\u{2003} b",
        ] {
            let slow = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(text), slow, "{text:?}");
        }
        assert_eq!(trim_range(" ab ", 0..4), 1..3);
        assert_eq!(trim_range("   ", 0..3), 0..0);
        assert_eq!(
            clamp_span("é", Span { start: 1, end: 9 }),
            Span { start: 0, end: 2 }
        );
    }
}
