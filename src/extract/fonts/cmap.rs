//! CMap parsing: ToUnicode maps (code -> text) and encoding CMaps (code -> CID).
//!
//! Both share PostScript-like syntax: `begincodespacerange`, `beginbfchar`,
//! `beginbfrange` (with a start value or an array of targets), `begincidchar`, `begincidrange`.

use std::collections::HashMap;

/// Upper bound on the codes one CMap may define, so a hostile range cannot exhaust memory.
const MAX_ENTRIES: usize = 1 << 18;

/// A parsed CMap.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    /// Code space ranges: (byte length, low bytes, high bytes).
    pub codespace: Vec<(usize, Vec<u8>, Vec<u8>)>,
    /// Code -> Unicode text (from bfchar and bfrange).
    pub unicode: HashMap<u32, String>,
    /// Code -> CID (from cidchar and cidrange).
    pub cids: HashMap<u32, u32>,
    /// The name given to `usecmap`, such as `Identity-H`.
    pub use_cmap: Option<String>,
    /// Writing mode: 1 for vertical.
    pub wmode: u8,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Str(Vec<u8>),
    Name(String),
    Num(f64),
    Open,
    Close,
    Word(String),
}

/// Splits CMap text into tokens, skipping comments and dictionary brackets.
fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let n = data.len();
    let is_delim = |c: u8| c.is_ascii_whitespace() || b"[]<>()/%{}".contains(&c);
    while i < n {
        let c = data[i];
        match c {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while i < n && data[i] != b'>' {
                    if let Some(d) = (data[i] as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                    i += 1;
                }
                i += 1;
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                toks.push(Tok::Hex(digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()));
            }
            b'(' => {
                i += 1;
                let mut depth = 1;
                let mut s = Vec::new();
                while i < n {
                    let ch = data[i];
                    if ch == b'\\' && i + 1 < n {
                        let e = data[i + 1];
                        i += 2;
                        match e {
                            b'n' => s.push(b'\n'),
                            b'r' => s.push(b'\r'),
                            b't' => s.push(b'\t'),
                            b'0'..=b'7' => {
                                let mut v = (e - b'0') as u32;
                                let mut k = 0;
                                while k < 2 && i < n && (b'0'..=b'7').contains(&data[i]) {
                                    v = v * 8 + (data[i] - b'0') as u32;
                                    i += 1;
                                    k += 1;
                                }
                                s.push(v as u8);
                            }
                            other => s.push(other),
                        }
                        continue;
                    }
                    if ch == b'(' {
                        depth += 1;
                    } else if ch == b')' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    s.push(ch);
                    i += 1;
                }
                toks.push(Tok::Str(s));
            }
            b'/' => {
                i += 1;
                let start = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                toks.push(Tok::Name(String::from_utf8_lossy(&data[start..i]).into_owned()));
            }
            c if c.is_ascii_whitespace() || c == b'{' || c == b'}' || c == b'>' || c == b')' => i += 1,
            _ => {
                let start = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                let w = String::from_utf8_lossy(&data[start..i]).into_owned();
                match w.parse::<f64>() {
                    Ok(v) => toks.push(Tok::Num(v)),
                    Err(_) => toks.push(Tok::Word(w)),
                }
            }
        }
    }
    toks
}

/// Big-endian integer value of up to four code bytes.
fn code_value(bytes: &[u8]) -> u32 {
    bytes.iter().rev().take(4).rev().fold(0u32, |v, &b| v << 8 | b as u32)
}

/// Decodes a CMap destination string: UTF-16BE, or a single byte as a code point.
pub(crate) fn utf16_text(bytes: &[u8]) -> String {
    if bytes.len() == 1 {
        return char::from_u32(bytes[0] as u32).map(String::from).unwrap_or_default();
    }
    let units: Vec<u16> = bytes.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { c[0] as u16 }).collect();
    char::decode_utf16(units).filter_map(|r| r.ok()).collect()
}

/// The destination string `base` advanced by `offset` in its last UTF-16 unit.
fn offset_text(base: &[u8], offset: u32) -> String {
    let mut units: Vec<u16> = if base.len() == 1 {
        vec![base[0] as u16]
    } else {
        base.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { c[0] as u16 }).collect()
    };
    if units.is_empty() {
        return String::new();
    }
    // A surrogate pair advances as one code point.
    if units.len() >= 2 {
        let (hi, lo) = (units[units.len() - 2], units[units.len() - 1]);
        if (0xD800..0xDC00).contains(&hi) && (0xDC00..0xE000).contains(&lo) {
            let cp = 0x10000 + (((hi as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00) + offset;
            let mut s: String = char::decode_utf16(units[..units.len() - 2].iter().copied()).filter_map(|r| r.ok()).collect();
            if let Some(c) = char::from_u32(cp) {
                s.push(c);
            }
            return s;
        }
    }
    let last = units.len() - 1;
    let v = units[last] as u32 + offset;
    if v > 0xFFFF {
        let mut s: String = char::decode_utf16(units[..last].iter().copied()).filter_map(|r| r.ok()).collect();
        if let Some(c) = char::from_u32(v) {
            s.push(c);
        }
        return s;
    }
    units[last] = v as u16;
    char::decode_utf16(units).filter_map(|r| r.ok()).collect()
}

impl CMap {
    /// Parses CMap text; unknown or malformed parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokenize(data);
        let mut cm = CMap::default();
        let mut i = 0;
        let mut count = 0usize;
        while i < toks.len() {
            match &toks[i] {
                Tok::Word(w) if w == "begincodespacerange" => {
                    i += 1;
                    while i + 1 < toks.len() {
                        match (&toks[i], &toks[i + 1]) {
                            (Tok::Hex(lo), Tok::Hex(hi)) if lo.len() == hi.len() && (1..=4).contains(&lo.len()) => {
                                cm.codespace.push((lo.len(), lo.clone(), hi.clone()));
                                i += 2;
                            }
                            (Tok::Hex(_), Tok::Hex(_)) => i += 2,
                            _ => break,
                        }
                    }
                }
                Tok::Word(w) if w == "beginbfchar" => {
                    i += 1;
                    while i + 1 < toks.len() {
                        let Tok::Hex(src) = &toks[i] else { break };
                        let text = match &toks[i + 1] {
                            Tok::Hex(dst) => utf16_text(dst),
                            Tok::Name(n) => super::encoding::name_to_unicode(n).unwrap_or_default(),
                            _ => break,
                        };
                        if count < MAX_ENTRIES {
                            cm.unicode.insert(code_value(src), text);
                            count += 1;
                        }
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "beginbfrange" => {
                    i += 1;
                    while i + 2 < toks.len() {
                        let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) else { break };
                        let (lo, hi) = (code_value(lo), code_value(hi));
                        match &toks[i + 2] {
                            Tok::Hex(dst) => {
                                if hi >= lo {
                                    for (k, code) in (lo..=hi).enumerate() {
                                        if count >= MAX_ENTRIES {
                                            break;
                                        }
                                        cm.unicode.insert(code, offset_text(dst, k as u32));
                                        count += 1;
                                    }
                                }
                                i += 3;
                            }
                            Tok::Open => {
                                let mut j = i + 3;
                                let mut code = lo;
                                while j < toks.len() && toks[j] != Tok::Close {
                                    if let Tok::Hex(dst) = &toks[j] {
                                        if code <= hi && count < MAX_ENTRIES {
                                            cm.unicode.insert(code, utf16_text(dst));
                                            count += 1;
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    j += 1;
                                }
                                i = j + 1;
                            }
                            _ => break,
                        }
                    }
                }
                Tok::Word(w) if w == "begincidchar" => {
                    i += 1;
                    while i + 1 < toks.len() {
                        let (Tok::Hex(src), Tok::Num(cid)) = (&toks[i], &toks[i + 1]) else { break };
                        if count < MAX_ENTRIES {
                            cm.cids.insert(code_value(src), *cid as u32);
                            count += 1;
                        }
                        i += 2;
                    }
                }
                Tok::Word(w) if w == "begincidrange" => {
                    i += 1;
                    while i + 2 < toks.len() {
                        let (Tok::Hex(lo), Tok::Hex(hi), Tok::Num(cid)) = (&toks[i], &toks[i + 1], &toks[i + 2]) else { break };
                        let (lo, hi) = (code_value(lo), code_value(hi));
                        if hi >= lo {
                            for (k, code) in (lo..=hi).enumerate() {
                                if count >= MAX_ENTRIES {
                                    break;
                                }
                                cm.cids.insert(code, *cid as u32 + k as u32);
                                count += 1;
                            }
                        }
                        i += 3;
                    }
                }
                Tok::Word(w) if w == "usecmap" => {
                    if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(|k| toks.get(k)) {
                        cm.use_cmap = Some(n.clone());
                    }
                    i += 1;
                }
                Tok::Name(n) if n == "WMode" => {
                    if let Some(Tok::Num(v)) = toks.get(i + 1) {
                        cm.wmode = (*v as i64).clamp(0, 1) as u8;
                    }
                    i += 2;
                }
                _ => i += 1,
            }
        }
        cm
    }

    /// Splits a string into codes by the code space: (code, byte length) pairs.
    ///
    /// Bytes that fit no range are taken with the shortest declared length, as Acrobat does.
    pub fn split_codes(&self, bytes: &[u8], default_len: usize) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        let shortest = self.codespace.iter().map(|c| c.0).min().unwrap_or(default_len).max(1);
        while i < bytes.len() {
            let mut len = 0;
            for l in 1..=4usize {
                if i + l > bytes.len() {
                    break;
                }
                let piece = &bytes[i..i + l];
                let fits = self.codespace.iter().any(|(n, lo, hi)| {
                    *n == l && piece.iter().zip(lo.iter().zip(hi.iter())).all(|(b, (a, z))| a <= b && b <= z)
                });
                if fits {
                    len = l;
                    break;
                }
            }
            if len == 0 {
                len = if self.codespace.is_empty() { default_len.max(1) } else { shortest };
                len = len.min(bytes.len() - i);
            }
            out.push((code_value(&bytes[i..i + len]), len));
            i += len;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_and_bfrange_map_codes_to_text() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar\n\
            1 beginbfrange <0020> <0022> <0041> endbfrange\n\
            1 beginbfrange <0030> <0031> [<0078> <D835DC00>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let cm = CMap::parse(src);
        assert_eq!(cm.unicode.get(&3).map(String::as_str), Some(" "));
        assert_eq!(cm.unicode.get(&0x10).map(String::as_str), Some("fi"));
        assert_eq!(cm.unicode.get(&0x22).map(String::as_str), Some("C"));
        assert_eq!(cm.unicode.get(&0x30).map(String::as_str), Some("x"));
        assert_eq!(cm.unicode.get(&0x31).map(String::as_str), Some("\u{1D400}"));
        assert_eq!(cm.split_codes(&[0, 3, 0, 0x10], 1), vec![(3, 2), (0x10, 2)]);
    }

    #[test]
    fn mixed_length_codespace_splits_by_first_byte() {
        let src = b"2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange\n\
            1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <41> 34 endcidchar";
        let cm = CMap::parse(src);
        assert_eq!(cm.split_codes(&[0x41, 0x81, 0x41, 0x42], 1), vec![(0x41, 1), (0x8141, 2), (0x42, 1)]);
        assert_eq!(cm.cids.get(&0x8141), Some(&634));
        assert_eq!(cm.cids.get(&0x41), Some(&34));
    }

    #[test]
    fn bfrange_start_value_increments_last_unit() {
        assert_eq!(offset_text(&[0x00, 0x61], 2), "c");
        assert_eq!(offset_text(&[0xD8, 0x35, 0xDC, 0x00], 1), "\u{1D401}");
    }

    #[test]
    fn usecmap_and_wmode_are_read() {
        let cm = CMap::parse(b"/Identity-V usecmap /WMode 1 def");
        assert_eq!(cm.use_cmap.as_deref(), Some("Identity-V"));
        assert_eq!(cm.wmode, 1);
    }
}
