//! Simple-font encodings and glyph names: base encodings (Standard, WinAnsi, MacRoman),
//! and glyph name -> Unicode through the Adobe Glyph List and its naming conventions.

use super::glyph_list::GLYPH_LIST;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A base encoding named by a font's `/Encoding` or `/BaseEncoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEncoding {
    /// Adobe StandardEncoding, the default of Type 1 fonts.
    Standard,
    /// WinAnsiEncoding (Windows code page 1252).
    WinAnsi,
    /// MacRomanEncoding.
    MacRoman,
}

impl BaseEncoding {
    /// The encoding a PDF name stands for.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            _ => None,
        }
    }

    /// The glyph name for `code`, if the encoding defines one.
    pub fn glyph_name(self, code: u8) -> Option<&'static str> {
        match self {
            BaseEncoding::Standard => standard_name(code),
            BaseEncoding::WinAnsi => {
                static NAMES: OnceLock<[Option<&'static str>; 256]> = OnceLock::new();
                NAMES.get_or_init(|| names_of(BaseEncoding::WinAnsi))[usize::from(code)]
            }
            BaseEncoding::MacRoman => {
                static NAMES: OnceLock<[Option<&'static str>; 256]> = OnceLock::new();
                NAMES.get_or_init(|| names_of(BaseEncoding::MacRoman))[usize::from(code)]
            }
        }
    }

    /// The character for `code`, if the encoding defines one.
    pub fn char(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::Standard => name_to_unicode(standard_name(code)?)?.chars().next(),
            BaseEncoding::WinAnsi => {
                if code < 0x20 || matches!(code, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D) {
                    return None;
                }
                decode_byte(encoding_rs::WINDOWS_1252, code)
            }
            BaseEncoding::MacRoman => {
                if code < 0x20 || code == 0x7F {
                    return None;
                }
                decode_byte(encoding_rs::MACINTOSH, code)
            }
        }
    }
}

fn decode_byte(enc: &'static encoding_rs::Encoding, code: u8) -> Option<char> {
    let bytes = [code];
    let (s, _, bad) = enc.decode(&bytes);
    if bad {
        return None;
    }
    s.chars().next().filter(|c| !c.is_control())
}

/// StandardEncoding (PDF 32000-1, Annex D) glyph names.
fn standard_name(code: u8) -> Option<&'static str> {
    const ASCII: [&str; 95] = [
        "space", "exclam", "quotedbl", "numbersign", "dollar", "percent", "ampersand", "quoteright", "parenleft",
        "parenright", "asterisk", "plus", "comma", "hyphen", "period", "slash", "zero", "one", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "colon", "semicolon", "less", "equal", "greater",
        "question", "at", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
        "S", "T", "U", "V", "W", "X", "Y", "Z", "bracketleft", "backslash", "bracketright", "asciicircum",
        "underscore", "quoteleft", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
        "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "braceleft", "bar", "braceright", "asciitilde",
    ];
    if (0x20..0x7F).contains(&code) {
        return Some(ASCII[(code - 0x20) as usize]);
    }
    Some(match code {
        0xA1 => "exclamdown",
        0xA2 => "cent",
        0xA3 => "sterling",
        0xA4 => "fraction",
        0xA5 => "yen",
        0xA6 => "florin",
        0xA7 => "section",
        0xA8 => "currency",
        0xA9 => "quotesingle",
        0xAA => "quotedblleft",
        0xAB => "guillemotleft",
        0xAC => "guilsinglleft",
        0xAD => "guilsinglright",
        0xAE => "fi",
        0xAF => "fl",
        0xB1 => "endash",
        0xB2 => "dagger",
        0xB3 => "daggerdbl",
        0xB4 => "periodcentered",
        0xB6 => "paragraph",
        0xB7 => "bullet",
        0xB8 => "quotesinglbase",
        0xB9 => "quotedblbase",
        0xBA => "quotedblright",
        0xBB => "guillemotright",
        0xBC => "ellipsis",
        0xBD => "perthousand",
        0xBF => "questiondown",
        0xC1 => "grave",
        0xC2 => "acute",
        0xC3 => "circumflex",
        0xC4 => "tilde",
        0xC5 => "macron",
        0xC6 => "breve",
        0xC7 => "dotaccent",
        0xC8 => "dieresis",
        0xCA => "ring",
        0xCB => "cedilla",
        0xCD => "hungarumlaut",
        0xCE => "ogonek",
        0xCF => "caron",
        0xD0 => "emdash",
        0xE1 => "AE",
        0xE3 => "ordfeminine",
        0xE8 => "Lslash",
        0xE9 => "Oslash",
        0xEA => "OE",
        0xEB => "ordmasculine",
        0xF1 => "ae",
        0xF5 => "dotlessi",
        0xF8 => "lslash",
        0xF9 => "oslash",
        0xFA => "oe",
        0xFB => "germandbls",
        _ => return None,
    })
}

/// Looks a name up in the Adobe Glyph List.
fn agl(name: &str) -> Option<&'static str> {
    GLYPH_LIST.binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes())).ok().map(|i| GLYPH_LIST[i].1.as_str())
}

/// The glyph name of each code of a base encoding: the [`char_to_name`] of its character.
///
/// Built in one pass over the glyph list for the encoding's 256 characters, not from a
/// map of all 4,000 names (most of a short document's font set-up).
fn names_of(enc: BaseEncoding) -> [Option<&'static str>; 256] {
    let mut codes_of: FxHashMap<char, Vec<usize>> = FxHashMap::default();
    for code in 0..=255u8 {
        if let Some(c) = enc.char(code) {
            codes_of.entry(c).or_default().push(usize::from(code));
        }
    }
    let mut out: [Option<&'static str>; 256] = [None; 256];
    for (name, text) in &GLYPH_LIST {
        let mut it = text.as_str().chars();
        let (Some(ch), None) = (it.next(), it.next()) else { continue };
        let Some(codes) = codes_of.get(&ch) else { continue };
        let name = name.as_str();
        for &code in codes {
            if out[code].is_none_or(|old| rank(name) < rank(old)) {
                out[code] = Some(name);
            }
        }
    }
    out
}

/// A glyph name for a character, for looking up metrics keyed by name.
#[cfg(test)]
fn char_to_name(c: char) -> Option<&'static str> {
    let mut best: Option<&'static str> = None;
    for (name, text) in &GLYPH_LIST {
        let (name, text) = (name.as_str(), text.as_str());
        let mut it = text.chars();
        if let (Some(ch), None) = (it.next(), it.next()) {
            if ch == c && best.is_none_or(|old| rank(name) < rank(old)) {
                best = Some(name);
            }
        }
    }
    best
}

/// Prefers plain descriptive names ("eacute") over "afii…" and "uni…" forms.
fn rank(name: &str) -> (u8, usize) {
    let odd = name.starts_with("afii") || name.starts_with("uni") || name.chars().any(|c| c.is_ascii_digit());
    (odd as u8, name.len())
}

/// The standard character for one of Adobe's corporate-use private code points.
///
/// Older Adobe fonts and their ToUnicode maps use U+F6xx–U+F8xx for serif and sans
/// variants of ©, ® and ™ and for small capitals and old-style figures (U+F7xx is the
/// Latin-1 character at xx drawn small); the text they stand for is the plain character.
pub(crate) fn adobe_private_standard(c: char) -> Option<char> {
    let v = c as u32;
    let plain = match v {
        0xF6D9 | 0xF8E9 => '\u{A9}',
        0xF6DA | 0xF8E8 => '\u{AE}',
        0xF6DB | 0xF8EA => '\u{2122}',
        0xF6BE => '\u{237}',
        0xF6DC => '1',
        0xF721..=0xF7FF => char::from_u32(v - 0xF700).filter(|c| !c.is_control() && *c != '\u{AD}')?,
        _ => return None,
    };
    Some(plain)
}

/// The text with Adobe's corporate-use private code points replaced (see
/// [`adobe_private_standard`]); other characters are kept as they are.
pub(crate) fn public_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| adobe_private_standard(c).is_some()) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| adobe_private_standard(c).unwrap_or(c)).collect())
}

/// Unicode text for a glyph name, following the AGL specification.
///
/// Handles the AGL itself, `uniXXXX` (several code points allowed), `uXXXX[XX]`,
/// ligature names joined by `_`, and `.suffix` variants (`a.sc`, `one.oldstyle`).
pub(crate) fn name_to_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(component).collect();
        return parts.filter(|s| !s.is_empty());
    }
    component(base)
}

/// One component of a glyph name (no `_`, no suffix).
fn component(name: &str) -> Option<String> {
    if let Some(s) = agl(name) {
        return Some(s.to_string());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()) {
            let mut s = String::new();
            for k in (0..hex.len()).step_by(4) {
                let v = u32::from_str_radix(&hex[k..k + 4], 16).ok()?;
                if (0xD800..0xE000).contains(&v) {
                    return None;
                }
                s.push(char::from_u32(v)?);
            }
            return Some(s);
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(String::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_follow_the_agl_conventions() {
        assert_eq!(name_to_unicode("quotedblleft").as_deref(), Some("\u{201C}"));
        assert_eq!(name_to_unicode("fi").as_deref(), Some("\u{FB01}"));
        assert_eq!(name_to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(name_to_unicode("uni00E9").as_deref(), Some("é"));
        assert_eq!(name_to_unicode("uni00660069").as_deref(), Some("fi"));
        assert_eq!(name_to_unicode("u1F600").as_deref(), Some("\u{1F600}"));
        assert_eq!(name_to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(name_to_unicode("g12"), None);
        assert_eq!(name_to_unicode(".notdef"), None);
    }

    #[test]
    fn base_encodings_differ_where_the_spec_says() {
        assert_eq!(BaseEncoding::Standard.char(0x27), Some('\u{2019}'));
        assert_eq!(BaseEncoding::WinAnsi.char(0x27), Some('\''));
        assert_eq!(BaseEncoding::WinAnsi.char(0x93), Some('\u{201C}'));
        assert_eq!(BaseEncoding::MacRoman.char(0xD2), Some('\u{201C}'));
        assert_eq!(BaseEncoding::Standard.glyph_name(0xAE), Some("fi"));
        assert_eq!(BaseEncoding::WinAnsi.glyph_name(0xE9), Some("eacute"));
        for enc in [BaseEncoding::WinAnsi, BaseEncoding::MacRoman] {
            for code in 0..=255u8 {
                assert_eq!(enc.glyph_name(code), enc.char(code).and_then(char_to_name), "{enc:?} {code}");
            }
        }
    }

    #[test]
    fn adobe_corporate_use_code_points_read_as_their_plain_characters() {
        assert_eq!(public_text("\u{F6D9} 2003"), "\u{A9} 2003");
        assert_eq!(public_text("\u{F8E8}"), "\u{AE}");
        assert_eq!(public_text("\u{F761}\u{F762}\u{F733}"), "ab3");
        assert_eq!(public_text("\u{F7E9}t\u{F7E9}"), "\u{E9}t\u{E9}");
        assert_eq!(public_text("\u{E001}x"), "\u{E001}x");
    }
}
