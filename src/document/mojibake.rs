//! Detection of mojibake: UTF-8 text that was decoded with a legacy code page.
//!
//! Files passed through old editors or Mac tools arrive with `üöÄ` where 🚀
//! was (its UTF-8 bytes read as Mac Roman, 0xF0 becoming the Apple logo
//! U+F8FF) or `â€™` where ’ was (Windows-1252). We map each character back to
//! its byte in a code page and report a run only when those bytes form valid
//! multi-byte UTF-8, so ordinary accented text (`café`, `Größe`,
//! `Fundações`) never matches: a lone accented letter is a lead byte without
//! its continuation bytes.

/// Mac Roman bytes 0x80–0xFF (Apple's mapping: 0xDB is €, 0xF0 is U+F8FF).
const MAC_ROMAN: [char; 128] = [
    '\u{00C4}', '\u{00C5}', '\u{00C7}', '\u{00C9}', '\u{00D1}', '\u{00D6}', '\u{00DC}', '\u{00E1}',
    '\u{00E0}', '\u{00E2}', '\u{00E4}', '\u{00E3}', '\u{00E5}', '\u{00E7}', '\u{00E9}', '\u{00E8}',
    '\u{00EA}', '\u{00EB}', '\u{00ED}', '\u{00EC}', '\u{00EE}', '\u{00EF}', '\u{00F1}', '\u{00F3}',
    '\u{00F2}', '\u{00F4}', '\u{00F6}', '\u{00F5}', '\u{00FA}', '\u{00F9}', '\u{00FB}', '\u{00FC}',
    '\u{2020}', '\u{00B0}', '\u{00A2}', '\u{00A3}', '\u{00A7}', '\u{2022}', '\u{00B6}', '\u{00DF}',
    '\u{00AE}', '\u{00A9}', '\u{2122}', '\u{00B4}', '\u{00A8}', '\u{2260}', '\u{00C6}', '\u{00D8}',
    '\u{221E}', '\u{00B1}', '\u{2264}', '\u{2265}', '\u{00A5}', '\u{00B5}', '\u{2202}', '\u{2211}',
    '\u{220F}', '\u{03C0}', '\u{222B}', '\u{00AA}', '\u{00BA}', '\u{03A9}', '\u{00E6}', '\u{00F8}',
    '\u{00BF}', '\u{00A1}', '\u{00AC}', '\u{221A}', '\u{0192}', '\u{2248}', '\u{2206}', '\u{00AB}',
    '\u{00BB}', '\u{2026}', '\u{00A0}', '\u{00C0}', '\u{00C3}', '\u{00D5}', '\u{0152}', '\u{0153}',
    '\u{2013}', '\u{2014}', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00F7}', '\u{25CA}',
    '\u{00FF}', '\u{0178}', '\u{2044}', '\u{20AC}', '\u{2039}', '\u{203A}', '\u{FB01}', '\u{FB02}',
    '\u{2021}', '\u{00B7}', '\u{201A}', '\u{201E}', '\u{2030}', '\u{00C2}', '\u{00CA}', '\u{00C1}',
    '\u{00CB}', '\u{00C8}', '\u{00CD}', '\u{00CE}', '\u{00CF}', '\u{00CC}', '\u{00D3}', '\u{00D4}',
    '\u{F8FF}', '\u{00D2}', '\u{00DA}', '\u{00DB}', '\u{00D9}', '\u{0131}', '\u{02C6}', '\u{02DC}',
    '\u{00AF}', '\u{02D8}', '\u{02D9}', '\u{02DA}', '\u{00B8}', '\u{02DD}', '\u{02DB}', '\u{02C7}',
];

/// Windows-1252 bytes 0x80–0xFF; the five undefined bytes map to their C1
/// control characters, as decoders that do not fail produce them.
const WINDOWS_1252: [char; 128] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    '\u{00A0}', '\u{00A1}', '\u{00A2}', '\u{00A3}', '\u{00A4}', '\u{00A5}', '\u{00A6}', '\u{00A7}',
    '\u{00A8}', '\u{00A9}', '\u{00AA}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{00AF}',
    '\u{00B0}', '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
    '\u{00B8}', '\u{00B9}', '\u{00BA}', '\u{00BB}', '\u{00BC}', '\u{00BD}', '\u{00BE}', '\u{00BF}',
    '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{00C3}', '\u{00C4}', '\u{00C5}', '\u{00C6}', '\u{00C7}',
    '\u{00C8}', '\u{00C9}', '\u{00CA}', '\u{00CB}', '\u{00CC}', '\u{00CD}', '\u{00CE}', '\u{00CF}',
    '\u{00D0}', '\u{00D1}', '\u{00D2}', '\u{00D3}', '\u{00D4}', '\u{00D5}', '\u{00D6}', '\u{00D7}',
    '\u{00D8}', '\u{00D9}', '\u{00DA}', '\u{00DB}', '\u{00DC}', '\u{00DD}', '\u{00DE}', '\u{00DF}',
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{00E3}', '\u{00E4}', '\u{00E5}', '\u{00E6}', '\u{00E7}',
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{00EB}', '\u{00EC}', '\u{00ED}', '\u{00EE}', '\u{00EF}',
    '\u{00F0}', '\u{00F1}', '\u{00F2}', '\u{00F3}', '\u{00F4}', '\u{00F5}', '\u{00F6}', '\u{00F7}',
    '\u{00F8}', '\u{00F9}', '\u{00FA}', '\u{00FB}', '\u{00FC}', '\u{00FD}', '\u{00FE}', '\u{00FF}',
];

/// A legacy code page text may have been mis-decoded with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Windows-1252.
    Windows1252,
    /// ISO 8859-1.
    Latin1,
    /// Mac OS Roman.
    MacRoman,
}

impl Encoding {
    /// The name used in the document.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "latin-1",
            Encoding::MacRoman => "mac-roman",
        }
    }

    /// The byte this code page decodes to `c`, for bytes 0x80–0xFF.
    fn byte(self, c: char) -> Option<u8> {
        let table: &[char; 128] = match self {
            Encoding::Latin1 => {
                let v = c as u32;
                return (0x80..=0xFF).contains(&v).then_some(v as u8);
            }
            Encoding::Windows1252 => &WINDOWS_1252,
            Encoding::MacRoman => &MAC_ROMAN,
        };
        if c.is_ascii() {
            return None;
        }
        table.iter().position(|&t| t == c).map(|i| 0x80 + i as u8)
    }
}

/// Tried in this order; the first that repairs a run wins.
const ENCODINGS: [Encoding; 3] = [Encoding::Windows1252, Encoding::Latin1, Encoding::MacRoman];

/// One mis-decoded run: byte range relative to the scanned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Start byte in the scanned text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The text decoded correctly.
    pub repaired: String,
    /// The code page it was mis-decoded with.
    pub encoding: Encoding,
}

/// Finds mis-decoded runs in `text`.
pub fn scan(text: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    // Candidate runs are maximal stretches of non-ASCII characters; UTF-8
    // multi-byte sequences never contain ASCII bytes, so the stretches are
    // found on bytes, and ASCII text (most of a file) is skipped 8 bytes at
    // a time.
    while let Some(offset) = first_non_ascii(&bytes[at..]) {
        let start = at + offset;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        at = end;
        let stretch = &text[start..end];
        if stretch.chars().nth(1).is_none() {
            continue; // one character is never mojibake
        }
        let cand: Vec<(usize, char)> = stretch
            .char_indices()
            .map(|(i, c)| (start + i, c))
            .collect();
        scan_candidate(&cand, end, &mut runs);
    }
    runs
}

/// The index of the first byte of `bytes` that is not ASCII.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if word & HIGH != 0 {
            return Some(at + (word & HIGH).trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .map(|n| at + n)
}

/// Decodes a leading emoji written as mojibake: returns its byte length in
/// `text` and the repaired text, when the text starts with one.
pub fn leading_emoji(text: &str) -> Option<(usize, String)> {
    // Only the first few characters can be an emoji; never scan a whole title.
    let end = text
        .char_indices()
        .take_while(|(_, c)| !c.is_ascii())
        .take(16)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let run = scan(&text[..end])
        .into_iter()
        .next()
        .filter(|r| r.start == 0)?;
    run.repaired
        .chars()
        .all(is_emoji_part)
        .then_some((run.end, run.repaired))
}

/// Whether `c` is part of an emoji sequence (pictograph, VS16, ZWJ, keycap,
/// skin tone, tag).
pub fn is_emoji_part(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF | 0x2300..=0x23FF
        | 0x2900..=0x297F | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x200D | 0xFE0E | 0xFE0F | 0x20E3
        | 0xE0020..=0xE007F | 0x2122 | 0x2139 | 0x203C | 0x2049 | 0x25A0..=0x25FF)
}

fn scan_candidate(cand: &[(usize, char)], cand_end: usize, runs: &mut Vec<Run>) {
    let mut i = 0;
    while i < cand.len() {
        let mut best: Option<(usize, String, Encoding)> = None;
        for enc in ENCODINGS {
            if let Some((n, repaired)) = decode_at(cand, i, enc)
                && best.as_ref().is_none_or(|b| n > b.0)
            {
                best = Some((n, repaired, enc));
            }
        }
        match best {
            Some((n, repaired, encoding)) => {
                let start = cand[i].0;
                let end = cand.get(i + n).map_or(cand_end, |&(o, _)| o);
                runs.push(Run {
                    start,
                    end,
                    repaired,
                    encoding,
                });
                i += n;
            }
            None => i += 1,
        }
    }
}

/// Decodes as many complete UTF-8 sequences as possible from `cand[i..]`
/// read as bytes of `enc`; returns how many characters were used.
fn decode_at(cand: &[(usize, char)], i: usize, enc: Encoding) -> Option<(usize, String)> {
    let mut used = 0;
    let mut out = String::new();
    loop {
        let at = i + used;
        let lead = cand.get(at).and_then(|&(_, c)| enc.byte(c))?;
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        let bytes: Option<Vec<u8>> = (0..len)
            .map(|k| cand.get(at + k).and_then(|&(_, c)| enc.byte(c)))
            .collect();
        let decoded = bytes
            .as_deref()
            .filter(|_| len > 0)
            .and_then(|b| std::str::from_utf8(b).ok());
        match decoded.and_then(|s| s.chars().next()) {
            Some(ch) if plausible(ch) => {
                out.push(ch);
                used += len;
            }
            _ => break,
        }
        if i + used >= cand.len() {
            break;
        }
    }
    (used > 0 && real_mojibake(&out)).then_some((used, out))
}

/// Characters a real document would hold: not controls, combining marks or
/// IPA letters (which accidental byte pairs decode to).
fn plausible(ch: char) -> bool {
    let v = ch as u32;
    !(ch.is_control()
        || (0x250..=0x36F).contains(&v)
        || (0xE000..=0xF8FF).contains(&v)
        || v == 0xFFFD)
}

/// A single two-byte character is only accepted when it is a letter or sign
/// of the Latin, Greek or Cyrillic blocks that mojibake usually hides.
fn real_mojibake(out: &str) -> bool {
    let mut chars = out.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if (c as u32) < 0x800 => matches!(c as u32, 0xA0..=0x24F | 0x370..=0x52F),
        (Some(_), _) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_non_ascii_finds_the_first_high_byte_at_any_position() {
        for len in 0..20 {
            let ascii = "a".repeat(len);
            assert_eq!(first_non_ascii(ascii.as_bytes()), None);
            for at in 0..len {
                let mut text = ascii.clone().into_bytes();
                text[at] = 0xC3;
                assert_eq!(first_non_ascii(&text), Some(at), "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn stretches_are_found_between_ascii_text() {
        let runs = scan("plain Ã©tÃ© and itâ€™s, café, Ã");
        let found: Vec<_> = runs
            .iter()
            .map(|r| (r.start, r.repaired.as_str()))
            .collect();
        assert_eq!(found, [(6, "é"), (11, "é"), (22, "’")]);
    }

    fn one(text: &str) -> (String, &'static str, String) {
        let runs = scan(text);
        assert_eq!(runs.len(), 1, "{text}: {runs:?}");
        let r = &runs[0];
        (
            text[r.start..r.end].to_string(),
            r.encoding.name(),
            r.repaired.clone(),
        )
    }

    #[test]
    fn mac_roman_emoji() {
        assert_eq!(
            one("### \u{F8FF}üß† Phase 1"),
            ("\u{F8FF}üß†".into(), "mac-roman", "🧠".into())
        );
        assert_eq!(
            one("\u{F8FF}üöÄ launch"),
            ("\u{F8FF}üöÄ".into(), "mac-roman", "🚀".into())
        );
        assert_eq!(
            one("# \u{F8FF}üéØ Solo"),
            ("\u{F8FF}üéØ".into(), "mac-roman", "🎯".into())
        );
        // VS16 is part of the run: 🛠️
        assert_eq!(one("\u{F8FF}üõ†Ô∏è x").2, "🛠\u{FE0F}");
    }

    #[test]
    fn windows_1252_and_latin_1() {
        assert_eq!(
            one("it\u{e2}\u{20ac}\u{2122}s"),
            ("â€™".into(), "windows-1252", "’".into())
        );
        assert_eq!(
            one("caf\u{c3}\u{a9}"),
            ("Ã©".into(), "windows-1252", "é".into())
        );
        assert_eq!(one("Gr\u{c3}\u{b6}\u{c3}\u{9f}e").2, "öß");
        // U+0081 only exists as a Latin-1 decoding of byte 0x81 … and 1252's
        // undefined bytes; 0x9F is `Ÿ` in 1252 but U+009F in Latin-1.
        assert_eq!(
            one("\u{e2}\u{80}\u{9f}x"),
            ("\u{e2}\u{80}\u{9f}".into(), "latin-1", "\u{201f}".into())
        );
    }

    #[test]
    fn ordinary_text_is_not_mojibake() {
        for text in [
            "café",
            "Größe",
            "Fundações",
            "Duración",
            "semanas",
            "Ingeniería de Requisitos",
            "阶段1：当前阶段（Foundation）",
            "推定時間: 2 時間",
            "マイルストーン",
            "Ärger über Öl",
            "naïve façade",
            "– — … “quotes”",
            "🚀 Launch ✅",
            "Привет мир",
            "São Paulo \u{AD} à la carte",
            "Crème brûlée",
            "ÉTÉ",
            "Ñandú",
            "1️⃣ step",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }

    #[test]
    fn leading_emoji_is_recognised() {
        let (len, rep) = leading_emoji("\u{F8FF}üß† Phase 1").unwrap();
        assert_eq!(len, "\u{F8FF}üß†".len());
        assert_eq!(rep, "🧠");
        assert!(leading_emoji("Ã© text").is_none());
        assert!(leading_emoji("Phase \u{F8FF}üß†").is_none());
    }
}
