//! Pieces for hand-written matchers that stand in for regular expressions.
//!
//! Compiling a pattern with Unicode classes costs more than reading a whole short brief, and a
//! process converts one brief, so the shapes looked for on every line are written out here.
//! Each matcher's tests compare it with the pattern it replaced on many generated strings.

use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};

/// A set of characters, as sorted ranges, taken from a pattern's character class.
pub(crate) struct CharSet(Vec<(char, char)>);

impl CharSet {
    /// The class that `pattern` (one bracketed or `\p{…}` class) stands for.
    ///
    /// Translating a class reads Unicode tables only; no automaton is built.
    fn of(pattern: &str) -> CharSet {
        let ranges = match regex_syntax::Parser::new().parse(pattern).map(|h| h.into_kind()) {
            Ok(HirKind::Class(Class::Unicode(c))) => c.ranges().iter().map(|r| (r.start(), r.end())).collect(),
            _ => Vec::new(),
        };
        CharSet(ranges)
    }

    /// Whether `c` is in the set.
    pub(crate) fn has(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(a, b)| {
                if b < c {
                    std::cmp::Ordering::Less
                } else if a > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// Upper-case letters, `\p{Lu}` (not `char::is_uppercase`, which adds circled and Roman numerals).
pub(crate) static UPPER: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(r"\p{Lu}"));
/// Lower-case letters, `\p{Ll}`.
pub(crate) static LOWER: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(r"\p{Ll}"));
/// Letters of any kind, `\p{L}`.
pub(crate) static LETTER: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(r"\p{L}"));
/// Hangul syllables and jamo, `\p{Hangul}`.
pub(crate) static HANGUL: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(r"\p{Hangul}"));
/// Han ideographs, `\p{Han}`.
pub(crate) static HAN: LazyLock<CharSet> = LazyLock::new(|| CharSet::of(r"\p{Han}"));

/// Whether `c` is a Unicode word character (`\w`).
pub(crate) fn is_word(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

/// Whether a Unicode word boundary (`\b`) lies between `before` and `after` (None: an end).
pub(crate) fn boundary(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_word) != after.is_some_and(is_word)
}

/// The character before byte `i` of `s`.
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// `s` without its leading white space (`\s*`; `char::is_whitespace` is `\s`).
pub(crate) fn skip_ws(s: &str) -> &str {
    s.trim_start()
}

/// `s` after one or more white-space characters (`\s+`), or None.
pub(crate) fn ws1(s: &str) -> Option<&str> {
    let t = s.trim_start();
    (t.len() < s.len()).then_some(t)
}

/// `c` as a case-insensitive pattern compares it with lower-case ASCII: ASCII capitals, long s
/// and the Kelvin sign fold to ASCII letters, nothing else does.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        c => c.to_ascii_lowercase(),
    }
}

/// `s` after `needle` (lower-case ASCII), compared as a case-insensitive pattern would.
pub(crate) fn strip_ci<'a>(s: &'a str, needle: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for n in needle.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != n {
            return None;
        }
    }
    Some(chars.next().map_or(&s[s.len()..], |(i, _)| &s[i..]))
}

/// `s` after the first of `needles` (lower-case ASCII) that it starts with, ignoring case.
pub(crate) fn strip_any_ci<'a>(s: &'a str, needles: &[&str]) -> Option<&'a str> {
    needles.iter().find_map(|n| strip_ci(s, n))
}

/// Whether `s` holds `needle` (lower-case ASCII), compared as a case-insensitive pattern would.
pub(crate) fn contains_ci(s: &str, needle: &str) -> bool {
    s.char_indices().any(|(i, _)| strip_ci(&s[i..], needle).is_some())
}

/// `s` after `min..=max` ASCII digits taken greedily, with the digits, or None.
pub(crate) fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    (n >= min).then(|| (&s[..n], &s[n..]))
}

/// The length of a year from 1500 to 2099 (`(?:1[5-9]|20)[0-9]{2}`) at the start of `s`.
pub(crate) fn year_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let ok = b.len() >= 4
        && (b[0] == b'1' && (b'5'..=b'9').contains(&b[1]) || b[0] == b'2' && b[1] == b'0')
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit();
    ok.then_some(4)
}

/// Strings built from `pieces` in a fixed pseudo-random order, for comparing a matcher with
/// the pattern it replaced.
#[cfg(test)]
pub(crate) fn samples(pieces: &[&str], max_pieces: usize, n: usize) -> Vec<String> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|_| {
            let k = 1 + (next() % max_pieces as u64) as usize;
            (0..k).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn classes_hold_what_the_patterns_match() {
        for (set, p) in [(&UPPER, r"^\p{Lu}$"), (&LOWER, r"^\p{Ll}$"), (&LETTER, r"^\p{L}$"), (&HANGUL, r"^\p{Hangul}$"), (&HAN, r"^\p{Han}$")] {
            let re = Regex::new(p).expect("valid");
            let mut buf = [0u8; 4];
            assert!(all_chars().all(|c| set.has(c) == re.is_match(c.encode_utf8(&mut buf))), "{p}");
        }
    }

    #[test]
    fn white_space_and_word_characters_are_the_patterns() {
        let (ws, w) = (Regex::new(r"^\s$").expect("valid"), Regex::new(r"^\w$").expect("valid"));
        let mut buf = [0u8; 4];
        for c in all_chars() {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(c.is_whitespace(), ws.is_match(s), "{c:?}");
            assert_eq!(is_word(c), w.is_match(s), "{c:?}");
        }
    }

    #[test]
    fn case_folding_is_the_patterns() {
        for needle in ["isbn", "web", "k", "s"] {
            let re = Regex::new(&format!("(?i)^{needle}")).expect("valid");
            for t in samples(&["i", "I", "s", "S", "\u{17F}", "b", "N", "n", "K", "\u{212A}", "k", "w", "E", "é"], 5, 20_000) {
                assert_eq!(strip_ci(&t, needle).is_some(), re.is_match(&t), "{needle} {t:?}");
            }
        }
    }
}
