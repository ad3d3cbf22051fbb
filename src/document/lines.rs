//! Byte offsets → line and column numbers.
//!
//! Spans in the document are byte offsets into the file as it is on disk, and
//! the report needs line and column numbers. [`LineIndex`] records where each
//! line starts once (one pass, `\n`, `\r\n` and a lone `\r` all end a line), so
//! every later lookup is a binary search instead of a rescan of the file.

use super::model::Span;

/// Where each line of one file starts; built once per file.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    /// Byte offset of the first byte of every line (always at least `[0]`).
    starts: Vec<usize>,
    /// Byte offset where the text of every line ends (before its line ending).
    ends: Vec<usize>,
    /// The indexed text, kept so columns can be counted in characters.
    text: &'a str,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source`. An empty source has one (empty) line for lookups.
    pub fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                // The `\n` of a `\r\n`: the `\r` ended the line.
                if let Some(start) = starts.last_mut() {
                    *start = i + 1;
                }
                continue;
            }
            ends.push(i);
            starts.push(i + 1);
        }
        if starts.last() == Some(&bytes.len()) && starts.len() > 1 {
            // A final line ending does not start another line.
            starts.pop();
        }
        if ends.len() < starts.len() {
            ends.push(bytes.len());
        }
        LineIndex {
            starts,
            ends,
            text: source,
        }
    }

    /// Number of lines of the file (0 for an empty file; a final line ending
    /// does not start another line).
    pub fn line_count(&self) -> usize {
        if self.text.is_empty() {
            0
        } else {
            self.starts.len()
        }
    }

    /// The 1-based line holding `byte_offset` (offsets past the end fall on the
    /// last line; a line ending belongs to the line it ends).
    pub fn line_of(&self, byte_offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte_offset).max(1)
    }

    /// 1-based line and column of `byte_offset`; the column counts Unicode
    /// scalar values from the start of the line (an offset inside a character
    /// counts that character as started).
    pub fn line_col(&self, byte_offset: usize) -> (usize, usize) {
        let line = self.line_of(byte_offset);
        let start = self.starts[line - 1];
        let end = byte_offset.min(self.text.len()).max(start);
        // Count character starts, so an offset inside a character cannot panic.
        let col = self.text.as_bytes()[start..end]
            .iter()
            .filter(|b| (**b as i8) >= -0x40)
            .count();
        (line, col + 1)
    }

    /// The span of the text of `line` (1-based), without its line ending.
    /// Lines out of range are clamped to the first or last line.
    pub fn line_span(&self, line: usize) -> Span {
        let i = line.clamp(1, self.starts.len()) - 1;
        Span {
            start: self.starts[i],
            end: self.ends[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_of_every_kind_end_lines() {
        let src = "a\nb\r\nc\rd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(1), 1); // the `\n` belongs to line 1
        assert_eq!(idx.line_of(2), 2);
        assert_eq!(idx.line_of(4), 2); // the `\n` of `\r\n`
        assert_eq!(idx.line_of(5), 3);
        assert_eq!(idx.line_of(7), 4);
        assert_eq!(idx.line_span(2), Span { start: 2, end: 3 });
        assert_eq!(idx.line_span(4), Span { start: 7, end: 8 });
    }

    #[test]
    fn final_newline_does_not_add_a_line() {
        let idx = LineIndex::new("a\nb\n");
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_of(4), 2);
        assert_eq!(LineIndex::new("").line_count(), 0);
        assert_eq!(LineIndex::new("").line_of(0), 1);
    }

    #[test]
    fn columns_count_characters() {
        let src = "x\n阶段1：é";
        let idx = LineIndex::new(src);
        let off = src.find('é').unwrap();
        assert_eq!(idx.line_col(off), (2, 5));
        assert_eq!(idx.line_col(0), (1, 1));
    }

    /// Line starts and ends as a byte-by-byte reading finds them.
    fn reference(src: &str) -> (Vec<usize>, Vec<usize>) {
        let b = src.as_bytes();
        let (mut starts, mut ends, mut i) = (vec![0], Vec::new(), 0);
        while i < b.len() {
            match b[i] {
                b'\n' => i += 1,
                b'\r' => i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 },
                _ => {
                    i += 1;
                    continue;
                }
            }
            ends.push(
                i - if b[i - 1] == b'\n' && i >= 2 && b[i - 2] == b'\r' {
                    2
                } else {
                    1
                },
            );
            if i < b.len() {
                starts.push(i);
            }
        }
        if ends.len() < starts.len() {
            ends.push(b.len());
        }
        (starts, ends)
    }

    #[test]
    fn every_mix_of_line_endings_up_to_six_bytes_is_indexed() {
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| ["a", "\r", "\n"].map(|c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for t in &texts {
            let idx = LineIndex::new(t);
            assert_eq!(
                (idx.starts.clone(), idx.ends.clone()),
                reference(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn out_of_range_lines_are_clamped() {
        let idx = LineIndex::new("ab\ncd");
        assert_eq!(idx.line_span(0), Span { start: 0, end: 2 });
        assert_eq!(idx.line_span(9), Span { start: 3, end: 5 });
    }
}
