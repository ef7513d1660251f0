//! Reading a font's dictionaries: its kind, encoding, widths, descriptor and program.

use super::*;

pub(super) fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

pub(super) fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

pub(super) fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

pub(super) fn name_of(o: &Object) -> Option<String> {
    o.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

pub(super) fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    let s = deref(doc, o).as_stream().ok()?;
    let data = s.decompressed_content_with_limit(MAX_PROGRAM_BYTES).ok().or_else(|| {
        if s.dict.has(b"Filter") {
            None
        } else {
            Some(s.content.clone())
        }
    })?;
    Some(data)
}

/// Text for a glyph named after its own code (`/a65` or `/65` at code 65, as pdfTeX's
/// bitmap and report writers' Type 3 fonts write), read as WinAnsi; the last resort.
///
/// The name equal to the code is the evidence that the code is the character.
pub(super) fn named_after_code(name: &str, code: u8) -> Option<String> {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let prefix = name.len() - digits.len();
    if prefix > 2 || digits.is_empty() || digits.parse::<u32>().ok()? != code as u32 {
        return None;
    }
    match code {
        0x20..=0x7E | 0xA1..=0xFF => Some(char::from(code).to_string()),
        0x80..=0x9F => BaseEncoding::WinAnsi.char(code).map(String::from),
        _ => None,
    }
}

/// Reads one font dictionary.
pub(super) fn load_font(doc: &Document, dict: &Dictionary, resource_name: &[u8]) -> Option<Font> {
    // A dictionary of another type, or with neither subtype nor font name, is no font.
    let kind = get(doc, dict, b"Type").and_then(name_of);
    if kind.is_some_and(|k| k != "Font") || !dict.has(b"Subtype") && !dict.has(b"BaseFont") {
        return None;
    }
    let subtype = get(doc, dict, b"Subtype").and_then(name_of).unwrap_or_default();
    let base_name = get(doc, dict, b"BaseFont")
        .and_then(name_of)
        .or_else(|| get(doc, dict, b"Name").and_then(name_of))
        .unwrap_or_else(|| String::from_utf8_lossy(resource_name).into_owned());
    let to_unicode = get(doc, dict, b"ToUnicode").and_then(|o| stream_bytes(doc, o)).map(|b| CMap::parse(&b));

    if subtype == "Type0" {
        return load_composite(doc, dict, &base_name, to_unicode);
    }
    let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
    let info = font_info(doc, &base_name, descriptor);
    let flags = descriptor.and_then(|d| get(doc, d, b"Flags")).and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let symbolic = flags & 4 != 0 && flags & 32 == 0;

    let is_type3 = subtype == "Type3";
    let matrix: Vec<f32> = if is_type3 {
        get(doc, dict, b"FontMatrix")
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().filter_map(|o| num(deref(doc, o))).collect())
            .filter(|v: &Vec<f32>| v.len() == 6)
            .unwrap_or_else(|| vec![0.001, 0.0, 0.0, 0.001, 0.0, 0.0])
    } else {
        vec![0.001, 0.0, 0.0, 0.001, 0.0, 0.0]
    };

    let enc_obj = get(doc, dict, b"Encoding");
    let mut base: Option<BaseEncoding> = None;
    let mut differences: HashMap<u8, String> = HashMap::new();
    match enc_obj {
        Some(Object::Name(n)) => base = BaseEncoding::from_name(n),
        Some(Object::Dictionary(d)) => {
            base = get(doc, d, b"BaseEncoding").and_then(|o| o.as_name().ok()).and_then(BaseEncoding::from_name);
            if let Some(arr) = get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) {
                let mut code: i64 = 0;
                for item in arr {
                    match deref(doc, item) {
                        Object::Integer(i) => code = *i,
                        Object::Name(n) => {
                            if (0..=255).contains(&code) {
                                differences.insert(code as u8, String::from_utf8_lossy(n).into_owned());
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }

    // Widths from /Widths; the others come with the encoding tables when a code needs one.
    let scale = if is_type3 { matrix[0].abs() } else { 0.001 };
    let missing = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(num).unwrap_or(0.0);
    let mut simple_widths = vec![f32::NAN; 256];
    let first = get(doc, dict, b"FirstChar").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    if let Some(ws) = get(doc, dict, b"Widths").and_then(|o| o.as_array().ok()) {
        for (k, w) in ws.iter().enumerate() {
            let code = first + k as i64;
            if (0..=255).contains(&code) {
                if let Some(v) = num(deref(doc, w)) {
                    simple_widths[code as usize] = v * scale;
                }
            }
        }
    }

    let (ascent, descent) = if is_type3 {
        let bbox = font_bbox(doc, dict);
        let ys = matrix[3].abs().max(1e-6);
        match bbox {
            Some([_, y0, _, y1]) if y1 > y0 && (y1 - y0) * ys < 3.0 => (y1.max(y0) * ys, y0.min(y1).min(0.0) * ys),
            _ => (0.8, -0.2),
        }
    } else {
        vertical_metrics(doc, descriptor)
    };

    let simple = SimpleSpec {
        base,
        differences,
        symbolic,
        no_encoding: enc_obj.is_none(),
        is_type3,
        is_truetype: subtype == "TrueType",
        is_type1: subtype == "Type1" || subtype == "MMType1",
        type3_scale: scale,
        missing,
        base_name,
    };
    Some(Font {
        index: 0,
        info,
        composite: false,
        to_unicode,
        simple_widths,
        simple: Some(simple),
        simple_tables: SimpleTables::default(),
        cid_encoding: CidEncoding::Identity,
        cid_widths: Vec::new(),
        cid_widths_high: HashMap::new(),
        default_width: 0.0,
        cid_to_gid_entry: None,
        collection: None,
        composite_tables: OnceCell::new(),
        descriptor: descriptor.cloned(),
        ascent,
        descent,
        vertical: false,
        unmapped: Cell::new(0),
        texts: RefCell::default(),
        stand_in: false,
    })
}

pub(super) fn font_bbox(doc: &Document, d: &Dictionary) -> Option<[f32; 4]> {
    let a = get(doc, d, b"FontBBox")?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
}

/// Ascent and descent per unit font size from a descriptor, with sane fallbacks.
pub(super) fn vertical_metrics(doc: &Document, descriptor: Option<&Dictionary>) -> (f32, f32) {
    let bbox = descriptor.and_then(|d| font_bbox(doc, d));
    let mut ascent = descriptor.and_then(|d| get(doc, d, b"Ascent")).and_then(num).unwrap_or(0.0);
    let mut descent = descriptor.and_then(|d| get(doc, d, b"Descent")).and_then(num).unwrap_or(0.0);
    if ascent <= 0.0 {
        ascent = bbox.map(|b| b[3]).filter(|v| *v > 0.0).unwrap_or(750.0);
    }
    if descent >= 0.0 {
        descent = bbox.map(|b| b[1]).filter(|v| *v < 0.0).unwrap_or(-250.0);
    }
    ((ascent / 1000.0).clamp(0.5, 1.2), (descent / 1000.0).clamp(-0.5, 0.0))
}

/// Loads the descriptor's embedded font program.
pub(super) fn load_program(doc: &Document, descriptor: &Dictionary) -> Option<Program> {
    if let Some(o) = descriptor.get(b"FontFile").ok() {
        let data = stream_bytes(doc, o)?;
        let len1 = deref(doc, o).as_stream().ok().and_then(|s| s.dict.get(b"Length1").ok()).and_then(|l| deref(doc, l).as_i64().ok());
        let clear = match len1 {
            Some(l) if l > 0 && (l as usize) <= data.len() => &data[..l as usize],
            _ => &data[..],
        };
        let clear = if clear.first() == Some(&0x80) && clear.len() > 6 { &clear[6..] } else { clear };
        return Some(Program::Type1(program::type1_encoding(clear)));
    }
    if let Some(o) = descriptor.get(b"FontFile2").ok() {
        return stream_bytes(doc, o).map(Program::Sfnt);
    }
    if let Some(o) = descriptor.get(b"FontFile3").ok() {
        let sub = deref(doc, o).as_stream().ok().and_then(|s| s.dict.get(b"Subtype").ok()).and_then(name_of).unwrap_or_default();
        let data = stream_bytes(doc, o)?;
        return Some(if sub == "OpenType" || data.starts_with(b"OTTO") || data.starts_with(&[0, 1, 0, 0]) {
            Program::Sfnt(data)
        } else {
            Program::Cff(data)
        });
    }
    None
}

/// Reads a Type0 font with its descendant CIDFont.
pub(super) fn load_composite(doc: &Document, dict: &Dictionary, base_name: &str, to_unicode: Option<CMap>) -> Option<Font> {
    let mut vertical = false;
    let cid_encoding = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => {
            let name = String::from_utf8_lossy(n).into_owned();
            vertical = name.ends_with("-V");
            if name.starts_with("Identity") {
                CidEncoding::Identity
            } else if name.contains("UCS2") || name.contains("UTF16") {
                CidEncoding::Utf16
            } else if let Some(enc) = legacy_charset(&name) {
                CidEncoding::Legacy(enc)
            } else {
                CidEncoding::Identity
            }
        }
        Some(o @ Object::Stream(_)) => {
            let cm = stream_bytes(doc, o).map(|b| CMap::parse(&b)).unwrap_or_default();
            vertical = cm.wmode == 1 || cm.use_cmap.as_deref().is_some_and(|u| u.ends_with("-V"));
            if cm.codespace.is_empty() && cm.cids.is_empty() {
                CidEncoding::Identity
            } else {
                CidEncoding::Embedded(cm)
            }
        }
        _ => CidEncoding::Identity,
    };
    let desc = get(doc, dict, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .and_then(|o| deref(doc, o).as_dict().ok());
    let descriptor = desc.and_then(|d| get(doc, d, b"FontDescriptor")).and_then(|o| o.as_dict().ok());
    let info = font_info(doc, base_name, descriptor);
    let collection = desc.and_then(|d| get(doc, d, b"CIDSystemInfo")).and_then(|o| o.as_dict().ok()).and_then(|si| {
        let text = |k: &[u8]| get(doc, si, k).and_then(|o| o.as_str().ok()).map(|b| String::from_utf8_lossy(b).into_owned());
        Collection::from_system_info(&text(b"Registry")?, &text(b"Ordering")?)
    });

    let mut widths = CidWidths::default();
    let mut default_width = 1.0;
    let mut cid_to_gid_entry = None;
    if let Some(d) = desc {
        default_width = get(doc, d, b"DW").and_then(num).unwrap_or(1000.0) / 1000.0;
        if let Some(w) = get(doc, d, b"W").and_then(|o| o.as_array().ok()) {
            let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
            let mut i = 0;
            while i < items.len() && widths.count < (1 << 20) {
                let Some(first) = items[i].as_i64().ok() else { break };
                match items.get(i + 1) {
                    Some(Object::Array(ws)) => {
                        for (k, o) in ws.iter().enumerate() {
                            if let Some(v) = num(deref(doc, o)) {
                                widths.set((first + k as i64).max(0) as u32, v / 1000.0);
                            }
                        }
                        i += 2;
                    }
                    Some(o) if o.as_i64().is_ok() => {
                        let last = o.as_i64().unwrap_or(first);
                        let v = items.get(i + 2).and_then(|o| num(o)).unwrap_or(1000.0);
                        if last >= first && last - first < (1 << 20) {
                            for c in first..=last {
                                widths.set(c.max(0) as u32, v / 1000.0);
                            }
                        }
                        i += 3;
                    }
                    _ => break,
                }
            }
        }
        cid_to_gid_entry = d.get(b"CIDToGIDMap").ok().cloned();
    }
    for w in widths.low.iter_mut().filter(|w| w.is_nan()) {
        *w = default_width;
    }
    let (ascent, descent) = vertical_metrics(doc, descriptor);
    Some(Font {
        index: 0,
        info,
        composite: true,
        to_unicode,
        simple_widths: Vec::new(),
        simple: None,
        simple_tables: SimpleTables::default(),
        cid_encoding,
        cid_widths: widths.low,
        cid_widths_high: widths.high,
        default_width,
        cid_to_gid_entry,
        collection,
        composite_tables: OnceCell::new(),
        descriptor: descriptor.cloned(),
        ascent,
        descent,
        vertical,
        unmapped: Cell::new(0),
        texts: RefCell::default(),
        stand_in: false,
    })
}

/// A CIDFont's /W widths as they are read: CIDs below 65536 in a table (NaN where unset).
#[derive(Default)]
pub(super) struct CidWidths {
    low: Vec<f32>,
    high: HashMap<u32, f32>,
    /// Distinct CIDs given a width.
    count: usize,
}

impl CidWidths {
    /// Sets the width of `cid`; a later entry for the same CID wins.
    fn set(&mut self, cid: u32, w: f32) {
        if cid < 1 << 16 {
            let i = cid as usize;
            if self.low.len() <= i {
                self.low.resize(i + 1, f32::NAN);
            }
            if self.low[i].is_nan() {
                self.count += 1;
            }
            self.low[i] = w;
        } else if self.high.insert(cid, w).is_none() {
            self.count += 1;
        }
    }
}

/// The font name without a subset prefix such as `ABCDEF+`.
pub(crate) fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// Name and style from the font name and its descriptor.
pub(super) fn font_info(doc: &Document, base_name: &str, descriptor: Option<&Dictionary>) -> FontInfo {
    let name = strip_subset(base_name).to_string();
    let lower = name.to_ascii_lowercase();
    let flags = descriptor.and_then(|d| get(doc, d, b"Flags")).and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let desc_weight = descriptor.and_then(|d| get(doc, d, b"FontWeight")).and_then(num).filter(|w| (100.0..=900.0).contains(w));
    let italic_angle = descriptor.and_then(|d| get(doc, d, b"ItalicAngle")).and_then(num).unwrap_or(0.0);
    let name_weight = name_weight(&lower);
    let weight = desc_weight.map(|w| w as u16).or(name_weight);
    let bold = weight.is_some_and(|w| w >= 600) || flags & (1 << 18) != 0;
    let tex_italic = ["cmti", "cmsl", "cmbxti", "cmbxsl", "cmmi", "ecti", "ecsl", "ecbi"].iter().any(|p| lower.starts_with(p));
    let italic = flags & (1 << 6) != 0
        || italic_angle.abs() > 0.5
        || ["italic", "oblique", "ital", "slanted", "kursiv"].iter().any(|k| lower.contains(k))
        || lower.ends_with("-it")
        || lower.ends_with("-bi")
        || lower.contains("-it-")
        || lower.ends_with("it") && lower.contains('-') && lower.rsplit('-').next().is_some_and(|s| s.len() <= 8 && s.ends_with("it"))
        || tex_italic;
    let monospace = flags & 1 != 0 || ["mono", "courier", "typewriter", "consol"].iter().any(|k| lower.contains(k)) || lower.starts_with("cmtt");
    FontInfo { name, bold, italic, monospace, weight }
}

/// A weight implied by words in the font name.
pub(super) fn name_weight(lower: &str) -> Option<u16> {
    let style = lower.rsplit(['-', ',', '+']).next().unwrap_or(lower);
    let s = if style.len() < lower.len() { style } else { lower };
    let w = if s.contains("extrabold") || s.contains("ultrabold") || s.contains("heavy") || s.contains("black") {
        800
    } else if s.contains("semibold") || s.contains("demibold") || s.contains("demi") {
        600
    } else if s.contains("bold") || s.ends_with("bd") || s.contains("bdit") || lower.starts_with("cmbx") || lower.starts_with("ecbx") || lower.starts_with("ecbi") {
        700
    } else if s.contains("medium") {
        500
    } else if s.contains("extralight") || s.contains("thin") || s.contains("hairline") {
        200
    } else if s.contains("light") {
        300
    } else {
        return None;
    };
    Some(w)
}
