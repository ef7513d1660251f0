//! Embedded font programs: what they say about codes, glyphs, names and Unicode.
//!
//! TrueType and OpenType through ttf-parser (cmap, post names, hmtx), bare CFF
//! (FontFile3 Type1C / CIDFontType0C) through ttf-parser's CFF table (built-in encoding,
//! charset names, CIDs), and Type 1 (FontFile) through its cleartext `/Encoding` array.

use super::encoding::name_to_unicode;
use std::collections::HashMap;

/// A parsed embedded font program.
pub(crate) enum Program {
    /// TrueType or OpenType data.
    Sfnt(Vec<u8>),
    /// Bare CFF data.
    Cff(Vec<u8>),
    /// A Type 1 font's built-in encoding: code -> glyph name.
    Type1(HashMap<u8, String>),
}

/// What the program maps, precomputed so lookups need no re-parsing.
#[derive(Debug, Default, Clone)]
pub(crate) struct ProgramMaps {
    /// Built-in encoding: code -> glyph name (Type 1 and CFF).
    pub builtin_names: HashMap<u8, String>,
    /// Glyph id -> Unicode text, from the program's Unicode cmap or its glyph names.
    pub gid_unicode: HashMap<u16, String>,
    /// For simple TrueType fonts: code -> glyph id from a (3,0) or (1,0) cmap.
    pub code_gid: HashMap<u8, u16>,
    /// CID -> glyph id for CID-keyed CFF.
    pub cid_gid: HashMap<u16, u16>,
    /// Glyph id -> advance in 1/1000 em.
    pub gid_advance: HashMap<u16, f32>,
    /// Glyph id -> glyph name (CFF charset or TrueType post table).
    pub gid_name: HashMap<u16, String>,
    /// Whether the glyph ids come from a CID-keyed CFF (no names).
    pub cid_keyed: bool,
}

/// Upper bound on glyphs read from one program.
const MAX_GLYPHS: u16 = u16::MAX;

impl Program {
    /// Precomputes the maps of a program.
    pub fn maps(&self) -> ProgramMaps {
        let mut m = ProgramMaps::default();
        match self {
            Program::Type1(enc) => {
                m.builtin_names = enc.clone();
            }
            Program::Cff(data) => {
                if let Some(t) = ttf_parser::cff::Table::parse(data) {
                    let n = t.number_of_glyphs().min(MAX_GLYPHS);
                    let cid_keyed = t.glyph_cid(ttf_parser::GlyphId(0)).is_some() && t.glyph_name(ttf_parser::GlyphId(1)).is_none();
                    m.cid_keyed = cid_keyed;
                    for g in 0..n {
                        let gid = ttf_parser::GlyphId(g);
                        if let Some(name) = t.glyph_name(gid) {
                            if let Some(u) = name_to_unicode(name) {
                                m.gid_unicode.insert(g, u);
                            }
                            m.gid_name.insert(g, name.to_string());
                        }
                        if let Some(cid) = t.glyph_cid(gid) {
                            m.cid_gid.insert(cid, g);
                        }
                        if let Some(w) = t.glyph_width(gid) {
                            let scale = t.matrix().sx * 1000.0;
                            m.gid_advance.insert(g, w as f32 * if scale > 0.0 { scale } else { 1.0 });
                        }
                    }
                    if !cid_keyed {
                        for code in 0..=255u8 {
                            if let Some(gid) = t.glyph_index(code) {
                                if gid.0 != 0 {
                                    if let Some(name) = t.glyph_name(gid) {
                                        m.builtin_names.insert(code, name.to_string());
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Program::Sfnt(data) => {
                if let Ok(face) = ttf_parser::Face::parse(data, 0) {
                    let upem = face.units_per_em().max(1) as f32;
                    let n = face.number_of_glyphs().min(MAX_GLYPHS);
                    for g in 0..n {
                        let gid = ttf_parser::GlyphId(g);
                        if let Some(a) = face.glyph_hor_advance(gid) {
                            m.gid_advance.insert(g, a as f32 * 1000.0 / upem);
                        }
                        if let Some(name) = face.glyph_name(gid) {
                            m.gid_name.insert(g, name.to_string());
                        }
                    }
                    if let Some(cmap) = face.tables().cmap {
                        for sub in cmap.subtables {
                            let pid = sub.platform_id;
                            let unicode = sub.is_unicode();
                            let symbol = pid == ttf_parser::PlatformId::Windows && sub.encoding_id == 0;
                            let mac_roman = pid == ttf_parser::PlatformId::Macintosh && sub.encoding_id == 0;
                            sub.codepoints(|cp| {
                                let Some(gid) = sub.glyph_index(cp) else { return };
                                if unicode {
                                    if let Some(c) = char::from_u32(cp) {
                                        m.gid_unicode.entry(gid.0).or_insert_with(|| c.to_string());
                                    }
                                } else if symbol || mac_roman {
                                    let code = if (0xF000..=0xF0FF).contains(&cp) { cp - 0xF000 } else { cp };
                                    if code <= 0xFF {
                                        m.code_gid.entry(code as u8).or_insert(gid.0);
                                    }
                                }
                            });
                        }
                    }
                    for (g, name) in &m.gid_name {
                        if !m.gid_unicode.contains_key(g) {
                            if let Some(u) = name_to_unicode(name) {
                                m.gid_unicode.insert(*g, u);
                            }
                        }
                    }
                }
            }
        }
        m
    }
}

/// Reads the built-in encoding from a Type 1 font program's cleartext part.
///
/// Finds `dup <code> /<name> put` entries after `/Encoding`; `StandardEncoding def` gives none.
pub(crate) fn type1_encoding(data: &[u8]) -> HashMap<u8, String> {
    let mut out = HashMap::new();
    let Some(start) = find(data, b"/Encoding") else { return out };
    let end = find(&data[start..], b"eexec").map(|e| start + e).unwrap_or(data.len());
    let text = String::from_utf8_lossy(&data[start..end]);
    let toks: Vec<&str> = text.split_ascii_whitespace().collect();
    let mut i = 0;
    while i + 3 < toks.len() {
        if toks[i] == "dup" && toks[i + 3] == "put" {
            if let (Ok(code), Some(name)) = (toks[i + 1].parse::<u32>(), toks[i + 2].strip_prefix('/')) {
                if code <= 255 {
                    out.insert(code as u8, name.to_string());
                }
                i += 4;
                continue;
            }
        }
        if toks[i] == "readonly" || (toks[i] == "def" && !out.is_empty()) {
            break;
        }
        i += 1;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_cleartext_encoding_array_is_read() {
        let src = b"%!PS-AdobeFont-1.0: CMR10\n/FontName /CMR10 def\n/Encoding 256 array\n\
            0 1 255 {1 index exch /.notdef put} for\ndup 11 /ff put\ndup 14 /ffi put\ndup 92 /quotedblleft put\n\
            readonly def\ncurrentdict end\ncurrentfile eexec\x80\x81";
        let enc = type1_encoding(src);
        assert_eq!(enc.get(&11).map(String::as_str), Some("ff"));
        assert_eq!(enc.get(&14).map(String::as_str), Some("ffi"));
        assert_eq!(enc.get(&92).map(String::as_str), Some("quotedblleft"));
        assert_eq!(enc.len(), 3);
    }

    #[test]
    fn standard_encoding_type1_has_no_builtin_array() {
        assert!(type1_encoding(b"/Encoding StandardEncoding def\ncurrentfile eexec").is_empty());
    }
}
