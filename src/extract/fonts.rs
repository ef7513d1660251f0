//! The font layer: for each PDF font, code -> Unicode text, code -> advance width,
//! vertical extent, and a [`FontInfo`] describing it.
//!
//! Unicode is resolved per code in this order: the ToUnicode CMap; the embedded font
//! program's own mapping (TrueType cmap, CFF charset names, Type 1 built-in encoding);
//! the `/Encoding` with its `/Differences` through the Adobe Glyph List; the legacy
//! character set of a predefined CJK CMap; otherwise the glyph counts as unmapped.

mod cid_unicode;
mod cmap;
mod encoding;
mod glyph_list;
mod load;
mod names;
mod program;
mod std14;

pub(crate) use cmap::CMap;
use cid_unicode::Collection;
use crate::text::ligature_letters;
use encoding::{name_to_unicode, public_text, BaseEncoding};
use load::*;
use program::{Program, ProgramMaps};

use crate::layout::FontInfo;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The text given to a glyph whose Unicode value cannot be found.
pub(crate) const UNMAPPED: &str = "\u{FFFD}";

/// Upper bound on the bytes of an embedded font program that quire reads.
const MAX_PROGRAM_BYTES: usize = 32 << 20;

/// How codes become CIDs in a composite font.
#[derive(Debug, Clone)]
enum CidEncoding {
    /// Two-byte codes equal to CIDs (Identity-H / Identity-V).
    Identity,
    /// An embedded CMap.
    Embedded(CMap),
    /// A predefined CMap whose codes are UTF-16 (Uni…-UCS2 / -UTF16).
    Utf16,
    /// A predefined CMap in a legacy character set (Shift-JIS, GBK, Big5, EUC-KR).
    Legacy(&'static encoding_rs::Encoding),
}

/// A font ready for text extraction.
///
/// The embedded program (and for composite fonts the CIDToGIDMap) is read only when a
/// code needs it: most fonts carry a ToUnicode CMap and /Widths that cover every code drawn.
pub(crate) struct Font {
    /// Index into the document's font list.
    pub index: u32,
    /// Name and style, as reported in the layout.
    pub info: FontInfo,
    /// Whether codes are multi-byte (Type0).
    composite: bool,
    /// The ToUnicode CMap.
    to_unicode: Option<CMap>,
    /// Simple fonts: glyph widths per code from /Widths (per unit font size), NaN where it gives none.
    simple_widths: Vec<f32>,
    /// Simple fonts: what the encoding tables are built from.
    simple: Option<SimpleSpec>,
    /// Simple fonts: what is worked out per code from encoding and program, on first need.
    simple_tables: SimpleTables,
    /// Composite fonts: how codes become CIDs.
    cid_encoding: CidEncoding,
    /// Composite fonts: width of each CID below 65536 (per unit font size), up to the highest in /W.
    cid_widths: Vec<f32>,
    /// Composite fonts: widths of CIDs from 65536 up.
    cid_widths_high: HashMap<u32, f32>,
    /// Composite fonts: default width.
    default_width: f32,
    /// Composite fonts: the /CIDToGIDMap entry, read on first need.
    cid_to_gid_entry: Option<Object>,
    /// Composite fonts: the Adobe character collection whose CID -> Unicode table applies.
    collection: Option<Collection>,
    /// Composite fonts: the program's maps and the CID -> glyph id map (None is identity), read on first need.
    composite_tables: OnceCell<(ProgramMaps, Option<Vec<u16>>)>,
    /// The font descriptor, holding the embedded program.
    descriptor: Option<Dictionary>,
    /// Ascent above the baseline, per unit font size.
    pub ascent: f32,
    /// Descent below the baseline (negative), per unit font size.
    pub descent: f32,
    /// Whether the font writes vertically.
    pub vertical: bool,
    /// Glyphs drawn that had no Unicode value.
    pub unmapped: Cell<u64>,
    /// The final text of each code below 65536 seen so far, by code.
    texts: RefCell<Vec<Option<Option<Arc<str>>>>>,
    /// Whether this is the stand-in for a font resource that is missing or unreadable.
    pub stand_in: bool,
}

/// What a simple font's code -> glyph name -> text and width tables are built from.
struct SimpleSpec {
    base_name: String,
    /// The /Encoding's base encoding.
    base: Option<BaseEncoding>,
    /// The /Encoding's /Differences: code -> glyph name.
    differences: HashMap<u8, String>,
    symbolic: bool,
    /// Whether the font has no /Encoding at all.
    no_encoding: bool,
    is_type3: bool,
    is_truetype: bool,
    /// Type1 or MMType1.
    is_type1: bool,
    /// Glyph space -> text space scale of Type 3 widths.
    type3_scale: f32,
    /// The descriptor's MissingWidth.
    missing: f32,
}

/// What a simple font works out per code beyond its dictionaries, each part on first need.
///
/// The embedded program is read only when a code's glyph name, text or width needs it: a
/// base encoding usually names every code drawn, and reading the program cost more than
/// the rest of such a font.
#[derive(Default)]
struct SimpleTables {
    /// The program's maps, with a symbolic standard font's built-in names where it has none.
    program: OnceCell<ProgramMaps>,
    /// Glyph name -> glyph id (the lowest id when a name repeats).
    by_name: OnceCell<HashMap<String, u16>>,
    /// The standard 14 metrics for the base font name.
    std14: OnceCell<Option<std14::Std14>>,
    /// Widths (per unit font size) of codes /Widths leaves out, NaN until worked out.
    widths: RefCell<Vec<f32>>,
}

/// One decoded code of a string.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    /// The code value.
    pub code: u32,
    /// Its length in bytes (word spacing applies to the single-byte code 32 only).
    pub len: usize,
}

impl Font {
    /// Splits a string shown with this font into codes, appended to `out`.
    pub fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        if !self.composite {
            out.extend(bytes.iter().map(|&b| Code { code: b as u32, len: 1 }));
            return;
        }
        let pairs = match &self.cid_encoding {
            CidEncoding::Identity | CidEncoding::Utf16 => {
                out.extend(bytes.chunks(2).map(|c| Code { code: c.iter().fold(0u32, |v, &b| v << 8 | b as u32), len: c.len() }));
                return;
            }
            CidEncoding::Embedded(cm) => cm.split_codes(bytes, 2),
            CidEncoding::Legacy(enc) => legacy_split(enc, bytes),
        };
        out.extend(pairs.into_iter().map(|(code, len)| Code { code, len }));
    }

    /// The CID for a composite font's code.
    fn cid(&self, code: u32) -> u32 {
        match &self.cid_encoding {
            CidEncoding::Embedded(cm) => cm.cids.get(&code).copied().unwrap_or(if cm.cids.is_empty() { code } else { 0 }),
            CidEncoding::Identity => code,
            CidEncoding::Utf16 | CidEncoding::Legacy(_) => code,
        }
    }

    /// The advance width of a code, in text space units per unit font size.
    pub fn width(&self, doc: &Document, code: u32) -> f32 {
        if !self.composite {
            return match self.simple_widths.get(code as usize) {
                Some(w) if !w.is_nan() => *w,
                Some(_) => self.simple_width(doc, code as u8),
                None => 0.0,
            };
        }
        let cid = self.cid(code);
        match self.cid_widths.get(cid as usize) {
            Some(&w) => w,
            None => self.cid_widths_high.get(&cid).copied().unwrap_or(self.default_width),
        }
    }

    /// The Unicode text of a code, ligatures expanded; None when unmapped.
    ///
    /// Worked out once per code and font: documents draw the same few codes many times.
    pub fn text(&self, doc: &Document, code: u32) -> Option<Arc<str>> {
        let Ok(slot) = u16::try_from(code).map(usize::from) else {
            return self.final_text(doc, code);
        };
        if let Some(Some(t)) = self.texts.borrow().get(slot) {
            return t.clone();
        }
        let t = self.final_text(doc, code);
        let mut table = self.texts.borrow_mut();
        if table.len() <= slot {
            // Grown in powers of two: composite fonts meet their codes in no particular order.
            table.resize((slot + 1).next_power_of_two().max(256), None);
        }
        table[slot] = Some(t.clone());
        t
    }

    /// The text of a code with ligatures expanded, not cached.
    fn final_text(&self, doc: &Document, code: u32) -> Option<Arc<str>> {
        self.raw_text(doc, code).map(|raw| {
            let raw = super::bidi::normalise_presentation_forms(&raw).unwrap_or(raw);
            Arc::from(expand_ligatures(&raw))
        })
    }

    fn raw_text(&self, doc: &Document, code: u32) -> Option<String> {
        if let Some(t) = self.to_unicode.as_ref().and_then(|cm| cm.unicode.get(&code)) {
            let t = public_text(t);
            if usable(&t) {
                return Some(t.into_owned());
            }
        }
        if !self.composite {
            return u8::try_from(code).ok().and_then(|c| self.simple_text(doc, c));
        }
        match &self.cid_encoding {
            CidEncoding::Utf16 => {
                let units = if code > 0xFFFF { vec![(code >> 16) as u16, code as u16] } else { vec![code as u16] };
                let s: String = char::decode_utf16(units).filter_map(|r| r.ok()).collect();
                return Some(s).filter(|s| usable(s));
            }
            CidEncoding::Legacy(enc) => {
                let bytes: Vec<u8> = if code > 0xFF { vec![(code >> 8) as u8, code as u8] } else { vec![code as u8] };
                let (s, _, bad) = enc.decode(&bytes);
                return Some(s.into_owned()).filter(|s| !bad && usable(s));
            }
            _ => {}
        }
        let cid = self.cid(code);
        // The collection defines what its CIDs are, whatever the program says.
        if let Some(c) = self.collection.and_then(|c| c.char(cid)).map(String::from).filter(|s| usable(s)) {
            return Some(c);
        }
        let (program, cid_to_gid) = self.composite_tables.get_or_init(|| {
            let program = self.program_maps(doc);
            let cid_to_gid = match self.cid_to_gid_entry.as_ref().map(|o| deref(doc, o)) {
                Some(o @ Object::Stream(_)) => {
                    stream_bytes(doc, o).map(|b| b.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect())
                }
                _ => None,
            };
            (program, cid_to_gid)
        });
        let gid = if program.cid_keyed {
            program.cid_gid.get(&(cid as u16)).copied()
        } else {
            match cid_to_gid {
                Some(map) => map.get(cid as usize).copied(),
                None => u16::try_from(cid).ok(),
            }
        };
        gid.and_then(|g| program.gid_unicode.get(&g)).map(|s| public_text(s).into_owned()).filter(|s| usable(s))
    }

    /// What the embedded program maps (empty without one), read from the file.
    fn program_maps(&self, doc: &Document) -> ProgramMaps {
        self.descriptor.as_ref().and_then(|d| load_program(doc, d)).map(|p| p.maps()).unwrap_or_default()
    }

    /// A simple font's program maps, read on first need.
    fn simple_program(&self, doc: &Document) -> &ProgramMaps {
        self.simple_tables.program.get_or_init(|| {
            let mut program = self.program_maps(doc);
            if let Some(spec) = &self.simple {
                if program.builtin_names.is_empty() && (spec.symbolic || spec.no_encoding) {
                    if let Some(enc) = std14::builtin_encoding(&spec.base_name) {
                        program.builtin_names = enc.iter().map(|(c, n)| (*c, n.to_string())).collect();
                    }
                }
            }
            program
        })
    }

    /// The standard 14 metrics of a simple font's base font, if it is one of them.
    fn simple_std14(&self, spec: &SimpleSpec) -> Option<std14::Std14> {
        *self.simple_tables.std14.get_or_init(|| std14::metrics(&spec.base_name))
    }

    /// A simple font's glyph for a code: the program's own code -> glyph map, else the
    /// glyph the program gives the code's glyph name.
    fn simple_gid(&self, doc: &Document, code: u8, name: Option<&str>) -> Option<u16> {
        self.simple_program(doc).code_gid.get(&code).copied().or_else(|| {
            let by_name = self.simple_tables.by_name.get_or_init(|| {
                let mut m: HashMap<String, u16> = HashMap::new();
                for (g, v) in &self.simple_program(doc).gid_name {
                    m.entry(v.clone()).and_modify(|e| *e = (*e).min(*g)).or_insert(*g);
                }
                m
            });
            by_name.get(name?).copied()
        })
    }

    /// A simple font's glyph name for a code: the Differences, then the base encoding, then
    /// the program's built-in encoding, then the font type's default encoding.
    fn simple_name(&self, doc: &Document, spec: &SimpleSpec, code: u8) -> Option<String> {
        spec.differences
            .get(&code)
            .cloned()
            .or_else(|| spec.base.and_then(|b| b.glyph_name(code)).map(str::to_string))
            .or_else(|| self.simple_program(doc).builtin_names.get(&code).cloned())
            .or_else(|| {
                let has_builtin = !self.simple_program(doc).builtin_names.is_empty();
                let default_base = if has_builtin || spec.symbolic || spec.is_type3 {
                    None
                } else if self.simple_std14(spec).is_some() || spec.is_type1 {
                    Some(BaseEncoding::Standard)
                } else if spec.is_truetype {
                    Some(BaseEncoding::WinAnsi)
                } else {
                    Some(BaseEncoding::Standard)
                };
                default_base.and_then(|b| b.glyph_name(code)).map(str::to_string)
            })
    }

    /// A simple font's text for a code: from its glyph name, else (TrueType) from the
    /// program's glyph, else a name made of the code itself.
    fn simple_text(&self, doc: &Document, code: u8) -> Option<String> {
        let spec = self.simple.as_ref()?;
        let name = self.simple_name(doc, spec, code);
        let mut text = name.as_deref().and_then(name_to_unicode).map(|s| public_text(&s).into_owned()).filter(|s| usable(s));
        if text.is_none() && spec.is_truetype {
            // The program's glyph for the code, then that glyph's Unicode or name.
            let gid = self.simple_gid(doc, code, name.as_deref());
            text = gid.and_then(|g| self.simple_program(doc).gid_unicode.get(&g)).map(|s| public_text(s).into_owned()).filter(|s| usable(s));
            if text.is_none() && !spec.symbolic && name.is_none() {
                text = BaseEncoding::WinAnsi.char(code).map(String::from);
            }
        }
        if text.is_none() {
            text = name.as_deref().and_then(|n| named_after_code(n, code));
        }
        text
    }

    /// A simple font's width for a code /Widths leaves out: the standard 14 metrics, else
    /// the program's advance, else MissingWidth.
    fn simple_width(&self, doc: &Document, code: u8) -> f32 {
        let Some(spec) = self.simple.as_ref() else { return 0.0 };
        let known = self.simple_tables.widths.borrow().get(usize::from(code)).copied().filter(|w| !w.is_nan());
        if let Some(w) = known {
            return w;
        }
        let name = self.simple_name(doc, spec, code);
        let from_std = self.simple_std14(spec).and_then(|m| name.as_deref().and_then(|n| m.width(n)));
        let from_program = || self.simple_gid(doc, code, name.as_deref()).and_then(|g| self.simple_program(doc).gid_advance.get(&g).copied());
        let w = from_std.map(|w| w as f32).or_else(from_program).unwrap_or(if spec.missing > 0.0 { spec.missing } else { 500.0 });
        let w = w * if spec.is_type3 { spec.type3_scale } else { 0.001 };
        let mut widths = self.simple_tables.widths.borrow_mut();
        if widths.is_empty() {
            widths.resize(256, f32::NAN);
        }
        widths[usize::from(code)] = w;
        w
    }
}

/// Whether a mapped text is fit to emit: not empty, no private-use or control characters.
fn usable(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            let v = c as u32;
            !(c.is_control() && c != '\t'
                || (0xE000..=0xF8FF).contains(&v)
                || v >= 0xF0000
                || c == '\u{FFFD}'
                || c == '\u{FFFF}'
                || c == '\u{FFFE}')
        })
}

/// Replaces the Latin ligature characters U+FB00–FB06 by their letters.
pub(crate) fn expand_ligatures(s: &str) -> String {
    if !s.chars().any(|c| ligature_letters(c).is_some()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match ligature_letters(c) {
            Some(letters) => out.push_str(letters),
            None => out.push(c),
        }
    }
    out
}

/// Splits legacy multi-byte text by lead byte.
fn legacy_split(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let two = if enc == encoding_rs::SHIFT_JIS { (0x81..=0x9F).contains(&b) || (0xE0..=0xFC).contains(&b) } else { b >= 0x81 };
        if two && i + 1 < bytes.len() {
            out.push(((b as u32) << 8 | bytes[i + 1] as u32, 2));
            i += 2;
        } else {
            out.push((b as u32, 1));
            i += 1;
        }
    }
    out
}

/// The legacy character set of a predefined CJK CMap name.
fn legacy_charset(name: &str) -> Option<&'static encoding_rs::Encoding> {
    if name.contains("RKSJ") {
        Some(encoding_rs::SHIFT_JIS)
    } else if name.contains("EUC") && (name.starts_with("GB") || name.contains("GBK")) || name.starts_with("GBK") {
        Some(encoding_rs::GBK)
    } else if name.contains("B5") {
        Some(encoding_rs::BIG5)
    } else if name.starts_with("KSC") {
        Some(encoding_rs::EUC_KR)
    } else if name.contains("EUC-H") || name.contains("EUC-V") {
        Some(encoding_rs::EUC_JP)
    } else {
        None
    }
}

/// Fonts decoded once per document, keyed by object.
#[derive(Default)]
pub(crate) struct FontCache {
    fonts: HashMap<FontKey, Option<Rc<Font>>>,
    /// The distinct font descriptions, indexed by [`Font::index`].
    pub infos: Vec<FontInfo>,
    info_index: HashMap<InfoKey, u32>,
    /// Every font loaded, in load order, for end-of-document reports.
    pub loaded: Vec<Rc<Font>>,
    /// The page being read, set by the caller: recorded with each font first asked for.
    pub page: u32,
    /// Each font asked for, with the page it was first asked for on, in order.
    pub first_use: Vec<(u32, FontKey)>,
}

/// What makes two fonts one entry of [`FontCache::infos`].
pub(crate) type InfoKey = (String, bool, bool, bool, Option<u16>);

/// The key under which a font's description is shared.
pub(crate) fn info_key(info: &FontInfo) -> InfoKey {
    (info.name.clone(), info.bold, info.italic, info.monospace, info.weight)
}

/// Which font a resource entry is: its object, or the address of an inline dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontKey {
    Object(ObjectId),
    Inline(usize),
    /// The stand-in for fonts that are missing or cannot be read.
    StandIn,
}

impl FontCache {
    /// The font that a resource entry names, loading it on first use.
    pub fn get(&mut self, doc: &Document, entry: &Object, resource_name: &[u8]) -> Option<Rc<Font>> {
        let (key, dict) = match entry {
            Object::Reference(id) => (FontKey::Object(*id), doc.get_dictionary(*id).ok()?),
            Object::Dictionary(d) => (FontKey::Inline(d as *const Dictionary as usize), d),
            _ => return None,
        };
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        self.first_use.push((self.page, key));
        let font = load_font(doc, dict, resource_name);
        self.register(key, font)
    }

    /// The stand-in for a font resource that is missing or cannot be read: Helvetica with
    /// WinAnsi codes, as pdf.js does, so that the text is kept (the caller says how much).
    pub fn stand_in(&mut self, doc: &Document) -> Option<Rc<Font>> {
        if let Some(f) = self.fonts.get(&FontKey::StandIn) {
            return f.clone();
        }
        self.first_use.push((self.page, FontKey::StandIn));
        let dict = lopdf::dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" };
        let font = load_font(doc, &dict, b"Helvetica").map(|mut f| {
            f.stand_in = true;
            f
        });
        self.register(FontKey::StandIn, font)
    }

    /// Numbers a font just loaded and keeps it under `key`.
    fn register(&mut self, key: FontKey, font: Option<Font>) -> Option<Rc<Font>> {
        let font = font.map(|mut f| {
            let k = info_key(&f.info);
            let next = self.infos.len() as u32;
            let idx = *self.info_index.entry(k).or_insert(next);
            if idx == next {
                self.infos.push(f.info.clone());
            }
            f.index = idx;
            Rc::new(f)
        });
        if let Some(f) = &font {
            self.loaded.push(f.clone());
        }
        self.fonts.insert(key, font.clone());
        font
    }

    /// What each font asked for became: its description, index and unmapped-glyph count,
    /// or `None` where it could not be read. Plain data, for merging caches of two threads.
    pub fn summary(&self) -> HashMap<FontKey, Option<(FontInfo, u32, u64)>> {
        self.fonts
            .iter()
            .map(|(k, f)| (*k, f.as_ref().map(|f| (f.info.clone(), f.index, f.unmapped.get()))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_prefix_is_stripped_only_when_it_is_a_tag() {
        assert_eq!(strip_subset("ABCDEF+Times-Bold"), "Times-Bold");
        assert_eq!(strip_subset("Foo+Bar"), "Foo+Bar");
    }

    #[test]
    fn style_comes_from_the_name_when_the_descriptor_is_silent() {
        let doc = Document::with_version("1.5");
        let i = font_info(&doc, "XYZABC+LiberationSerif-BoldItalic", None);
        assert!(i.bold && i.italic && !i.monospace);
        let i = font_info(&doc, "NimbusRomNo9L-Medi", None);
        assert!(!i.italic);
        let i = font_info(&doc, "CMTI10", None);
        assert!(i.italic && !i.bold);
        let i = font_info(&doc, "LMMono10-Regular", None);
        assert!(i.monospace && !i.bold);
        let i = font_info(&doc, "TeXGyrePagella-Semibold", None);
        assert_eq!(i.weight, Some(600));
        assert!(i.bold);
    }

    #[test]
    fn glyphs_named_after_their_code_read_as_latin1() {
        assert_eq!(named_after_code("a192", 192).as_deref(), Some("À"));
        assert_eq!(named_after_code("g12", 40), None);
        assert_eq!(named_after_code("a7", 7), None);
        assert_eq!(named_after_code("97", 97).as_deref(), Some("a"));
        assert_eq!(named_after_code("232", 232).as_deref(), Some("è"));
        assert_eq!(named_after_code("146", 146).as_deref(), Some("\u{2019}"));
        assert_eq!(named_after_code("abc65", 65), None);
    }

    #[test]
    fn ligature_characters_are_expanded() {
        assert_eq!(expand_ligatures("\u{FB01}nd \u{FB03}ce"), "find ffice");
    }

    #[test]
    fn private_use_and_control_text_is_not_usable() {
        assert!(!usable("\u{E001}"));
        assert!(!usable("\u{0003}"));
        assert!(!usable(""));
        assert!(usable("é"));
    }
}
