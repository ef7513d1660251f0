//! Writing placed pages as PDF: subset fonts, page content, catalog, metadata, outline
//! and links, built as one lopdf object tree and saved once.
//!
//! Each font is a composite (Type0) font with Identity-H codes, its subset program
//! embedded, its `/W` widths and a ToUnicode map, so the text stays selectable. Streams
//! are deflated by one reused compressor at a fast level.

use super::fonts::{Face, FaceId, Fonts};
use super::layout::{Line, Page};
use crate::error::{Error, Result, Stage, Warning};
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;
use ttf_parser::{GlyphId, Tag};

/// Page geometry in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Geometry {
    /// Page width.
    pub page_w: f32,
    /// Page height.
    pub page_h: f32,
    /// Left edge of the text block.
    pub left: f32,
    /// Top edge of the text block, from the page top.
    pub top: f32,
    /// Width of the text block.
    pub measure: f32,
    /// Height of the text block.
    pub height: f32,
}

/// Document-level facts for the catalog and info dictionary.
pub(super) struct Meta {
    /// Title.
    pub title: String,
    /// Authors, joined.
    pub author: String,
    /// Subject (series or subtitle).
    pub subject: String,
    /// BCP 47 language tag.
    pub lang: String,
    /// Date as a PDF date string, from the document.
    pub date: Option<String>,
}

/// A placed page plus the furniture lines (running head, folio), all with baselines
/// measured from the top of the text block.
pub(super) struct FinalPage {
    /// Content lines and furniture, with baselines.
    pub lines: Vec<(Line, f32)>,
}

impl From<Page> for FinalPage {
    fn from(p: Page) -> Self {
        FinalPage { lines: p.lines }
    }
}

/// Deflate level for every stream: text streams and subset fonts come out a few percent
/// larger than at level 9, for a fraction of the work.
const DEFLATE_LEVEL: u32 = 2;

/// One zlib compressor, reset for each stream: a new one initialises large tables.
struct Deflater(Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(Compress::new(Compression::new(DEFLATE_LEVEL), true))
    }

    /// `data` as a zlib stream, or `None` if compressing fails.
    fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let done = usize::try_from(self.0.total_in()).ok()?;
            match self.0.compress_vec(data.get(done..)?, &mut out, FlushCompress::Finish).ok()? {
                Status::StreamEnd => return Some(out),
                _ => out.reserve(out.capacity().max(1024)),
            }
        }
    }

    /// A stream of `content` with `dict`, deflated when that makes it smaller.
    fn stream(&mut self, mut dict: Dictionary, content: Vec<u8>) -> Stream {
        match self.deflate(&content) {
            // The filter entry costs some bytes too.
            Some(z) if z.len() + 19 < content.len() => {
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                Stream::new(dict, z)
            }
            _ => Stream::new(dict, content),
        }
    }
}

/// Writes the pages as PDF bytes.
pub(super) fn write(pages: &[FinalPage], fonts: &Fonts, geo: &Geometry, meta: &Meta) -> Result<(Vec<u8>, Vec<Warning>)> {
    let mut warnings = Vec::new();
    // Glyphs used per face, with their text for the ToUnicode map.
    let mut used: BTreeMap<FaceId, BTreeMap<u16, String>> = BTreeMap::new();
    for p in pages {
        for (l, _) in &p.lines {
            for g in &l.glyphs {
                let e = used.entry(g.glyph.face).or_default().entry(g.glyph.gid).or_default();
                if e.is_empty() {
                    e.push_str(&g.glyph.text);
                }
            }
        }
    }
    let mut doc = lopdf::Document::with_version("1.7");
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let mut z = Deflater::new();

    // Per face: each used glyph's code in the content stream and its width as the PDF
    // viewer will use it (thousandths of an em).
    let mut codes: BTreeMap<FaceId, BTreeMap<u16, (u16, f32)>> = BTreeMap::new();
    let mut font_res = Dictionary::new();
    for (&face_id, glyphs) in &used {
        let (font, map) = embed_font(&mut doc, &mut z, &fonts.faces[face_id], &font_id(face_id), glyphs, &mut warnings)?;
        font_res.set(font_id(face_id), Object::Reference(font));
        codes.insert(face_id, map);
    }
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(font_res));
    let resources_id = doc.add_object(resources);

    let pages_id = doc.new_object_id();
    let mut page_ids = Vec::with_capacity(pages.len());
    let mut links = Vec::new();
    let mut content = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        content.clear();
        page_content(&mut content, p, geo, &codes);
        let contents = doc.add_object(z.stream(Dictionary::new(), content.clone()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        let rect = || Object::Array(vec![0.into(), 0.into(), Object::Real(geo.page_w), Object::Real(geo.page_h)]);
        page.set("MediaBox", rect());
        page.set("CropBox", rect());
        page.set("TrimBox", rect());
        page.set("Resources", Object::Reference(resources_id));
        page.set("Contents", Object::Reference(contents));
        let page_id = doc.add_object(page);
        page_ids.push(page_id);
        for (line, baseline) in &p.lines {
            let y = geo.page_h - geo.top - baseline;
            for l in &line.links {
                links.push((pi, geo.left + l.x0, y - 0.25 * line.size, geo.left + l.x1, y + 0.8 * line.size, l.uri.clone()));
            }
        }
    }
    let mut pages_dict = Dictionary::new();
    pages_dict.set("Type", Object::Name(b"Pages".to_vec()));
    pages_dict.set("Count", Object::Integer(page_ids.len() as i64));
    pages_dict.set("Kids", Object::Array(page_ids.iter().map(|&id| Object::Reference(id)).collect()));
    doc.objects.insert(pages_id, Object::Dictionary(pages_dict));

    let outline = outline_entries(pages, geo);
    finish(&mut doc, pages_id, &page_ids, meta, &outline, &links)
        .map(|bytes| (bytes, warnings))
}

/// The content stream of one page: text first, then rules.
fn page_content(out: &mut Vec<u8>, p: &FinalPage, geo: &Geometry, codes: &BTreeMap<FaceId, BTreeMap<u16, (u16, f32)>>) {
    out.extend_from_slice(b"BT\n");
    let mut cur_font: Option<(FaceId, f32)> = None;
    for (line, baseline) in &p.lines {
        let y = geo.page_h - geo.top - baseline;
        let gl = &line.glyphs;
        let mut k = 0;
        while k < gl.len() {
            let g0 = &gl[k];
            let mut end = k + 1;
            while end < gl.len()
                && gl[end].glyph.face == g0.glyph.face
                && gl[end].size == g0.size
                && gl[end].rise == g0.rise
            {
                end += 1;
            }
            let face = g0.glyph.face;
            let Some(map) = codes.get(&face) else {
                k = end;
                continue;
            };
            if cur_font != Some((face, g0.size)) {
                out.extend_from_slice(b"/F");
                push_num(out, (face + 1) as f32);
                out.push(b' ');
                push_num(out, g0.size);
                out.extend_from_slice(b" Tf\n");
                cur_font = Some((face, g0.size));
            }
            out.extend_from_slice(b"1 0 0 1 ");
            push_num(out, geo.left + g0.x);
            out.push(b' ');
            push_num(out, y + g0.rise);
            out.extend_from_slice(b" Tm\n");
            out.push(b'[');
            let mut open = false;
            for j in k..end {
                let g = &gl[j];
                let (code, w) = map.get(&g.glyph.gid).copied().unwrap_or((0, 0.0));
                if !open {
                    out.push(b'(');
                    open = true;
                }
                push_code(out, code);
                // Moves the next glyph to where the layout put it: the advance the
                // viewer takes from /W, less the one that was set. Differences below
                // a hundredth of a thousandth of an em are rounding noise.
                let offset = if j + 1 < end { w - (gl[j + 1].x - g.x) * 1000.0 / g.size } else { 0.0 };
                if offset.abs() >= 0.01 {
                    out.extend_from_slice(b") ");
                    push_num(out, offset);
                    open = false;
                }
            }
            if open {
                out.push(b')');
            }
            out.extend_from_slice(b"] TJ\n");
            k = end;
        }
    }
    out.extend_from_slice(b"ET\n");
    for (line, baseline) in &p.lines {
        if let Some((x0, x1)) = line.rule {
            let y = geo.page_h - geo.top - baseline;
            out.extend_from_slice(b"0.4 w\n");
            for (x, op) in [(geo.left + x0, b" m\n"), (geo.left + x1, b" l\n")] {
                push_num(out, x);
                out.push(b' ');
                push_num(out, y);
                out.extend_from_slice(op);
            }
            out.extend_from_slice(b"S\n");
        }
    }
}

/// Appends `v` rounded to three decimals, without trailing zeros (PDF has no exponents).
///
/// Formatting floats through `Display` is a large share of writing a page otherwise.
fn push_num(out: &mut Vec<u8>, v: f32) {
    let milli = (f64::from(v) * 1000.0).round();
    if !milli.is_finite() || milli.abs() >= 1e15 {
        out.push(b'0');
        return;
    }
    let milli = milli as i64;
    if milli < 0 {
        out.push(b'-');
    }
    let m = milli.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut n = m / 1000;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
    let mut frac = m % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut div = 100;
        while frac != 0 {
            out.push(b'0' + (frac / div) as u8);
            frac %= div;
            div /= 10;
        }
    }
}

/// Appends the two bytes of an Identity-H code inside a literal string: half the size
/// of hexadecimal, so less to write and to deflate.
fn push_code(out: &mut Vec<u8>, code: u16) {
    for b in code.to_be_bytes() {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            // A reader would take a raw line end for a different one.
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
}

/// Embeds the glyphs `glyphs` (with their text) of `face` as a Type0 font named `name`.
///
/// Returns the font dictionary's id and, per original glyph id, the code the content
/// stream uses and the glyph's width in thousandths of an em.
fn embed_font(
    doc: &mut lopdf::Document,
    z: &mut Deflater,
    face: &Face,
    name: &str,
    glyphs: &BTreeMap<u16, String>,
    warnings: &mut Vec<Warning>,
) -> Result<(ObjectId, BTreeMap<u16, (u16, f32)>)> {
    let cannot = || Error::Emit { format: "pdf", message: format!("font {} could not be embedded", face.name) };
    let mut remapper = subsetter::GlyphRemapper::new();
    for &gid in glyphs.keys() {
        remapper.remap(gid);
    }
    // The program to embed (one face, never a collection) and each glyph's id in it.
    let (program, new_gid, subset): (Vec<u8>, BTreeMap<u16, u16>, bool) =
        match subsetter::subset(face.data, face.index, &remapper) {
            Ok(b) => (b, glyphs.keys().map(|&g| (g, remapper.get(g).unwrap_or(0))).collect(), true),
            Err(e) => {
                warnings.push(Warning::new(
                    Stage::Emit,
                    format!("reflowed PDF: font {} could not be subset ({e:?}); it is embedded whole", face.name),
                ));
                let whole = single_face(face.data, face.index).ok_or_else(cannot)?;
                (whole, glyphs.keys().map(|&g| (g, g)).collect(), false)
            }
        };
    let parsed = ttf_parser::Face::parse(&program, 0).map_err(|_| cannot())?;
    let raw = parsed.raw_face();
    let upem = f32::from(parsed.units_per_em().max(1));
    // A CID-keyed CFF program is addressed by its charset's CIDs (the subsetter writes an
    // identity charset), any other by glyph id.
    let cff = parsed.tables().cff.filter(|c| c.glyph_cid(GlyphId(0)).is_some());
    let mut map = BTreeMap::new();
    // (code, width, text), ascending by code, for /W and ToUnicode.
    let mut coded: Vec<(u16, i64, &str)> = Vec::with_capacity(glyphs.len());
    for (gid, text) in glyphs {
        let g = new_gid.get(gid).copied().unwrap_or(0);
        let code = cff.as_ref().and_then(|c| c.glyph_cid(GlyphId(g))).unwrap_or(g);
        let w = (f32::from(parsed.glyph_hor_advance(GlyphId(g)).unwrap_or(0)) * 1000.0 / upem).trunc();
        map.insert(*gid, (code, w));
        coded.push((code, w as i64, text.as_str()));
    }
    coded.sort_by_key(|c| c.0);

    let base = if subset { format!("{}+{}", subset_tag(glyphs), face.name) } else { face.name.clone() };
    let (subtype, file_key, program_stream) = if let Some(bare) = cff.as_ref().and_then(|_| raw.table(Tag::from_bytes(b"CFF "))) {
        let mut d = Dictionary::new();
        d.set("Subtype", Object::Name(b"CIDFontType0C".to_vec()));
        ("CIDFontType0", "FontFile3", z.stream(d, bare.to_vec()))
    } else if raw.table(Tag::from_bytes(b"CFF ")).is_some() {
        let mut d = Dictionary::new();
        d.set("Subtype", Object::Name(b"OpenType".to_vec()));
        ("CIDFontType0", "FontFile3", z.stream(d, program.clone()))
    } else {
        let mut d = Dictionary::new();
        d.set("Length1", Object::Integer(program.len() as i64));
        ("CIDFontType2", "FontFile2", z.stream(d, program.clone()))
    };
    let program_id = doc.add_object(program_stream);

    // Descriptor metrics from hhea, head and OS/2, scaled to thousandths of an em.
    let be16 = |t: Option<&[u8]>, at: usize| t.and_then(|t| t.get(at..at + 2)).map(|b| i16::from_be_bytes([b[0], b[1]]));
    let hhea = raw.table(Tag::from_bytes(b"hhea"));
    let head = raw.table(Tag::from_bytes(b"head"));
    let scale = |v: i16| (f32::from(v) * 1000.0 / upem).round() as i64;
    let ascent = scale(be16(hhea, 4).unwrap_or(0));
    let descent = scale(be16(hhea, 6).unwrap_or(0));
    let (rise, run) = (be16(hhea, 18).unwrap_or(1), be16(hhea, 20).unwrap_or(0));
    let italic_angle = if rise == 0 { 0 } else { (-f32::from(run).atan2(f32::from(rise)).to_degrees()).round() as i64 };
    let weight = be16(raw.table(Tag::from_bytes(b"OS/2")), 4).map_or(0, |w| w as u16);
    // Conventional estimate of the stem width from the weight class.
    let stem_v = if weight == 0 { 80 } else { 50 + (f32::from(weight) / 65.0).powi(2).round() as i64 };
    let bbox: Vec<Object> = [36, 38, 40, 42].iter().map(|&at| Object::Integer(scale(be16(head, at).unwrap_or(0)))).collect();
    let mut fd = Dictionary::new();
    fd.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    fd.set("FontName", Object::Name(base.clone().into_bytes()));
    fd.set("Ascent", Object::Integer(ascent));
    fd.set("Descent", Object::Integer(descent));
    fd.set("CapHeight", Object::Integer(ascent));
    fd.set("ItalicAngle", Object::Integer(italic_angle));
    // Non-symbolic, and italic when slanted.
    fd.set("Flags", Object::Integer(32 | if italic_angle != 0 { 64 } else { 0 }));
    fd.set("StemV", Object::Integer(stem_v));
    fd.set("FontBBox", Object::Array(bbox));
    fd.set(file_key, Object::Reference(program_id));
    let fd_id = doc.add_object(fd);

    // /W: runs of consecutive codes.
    let mut w_arr: Vec<Object> = Vec::new();
    let mut run_ws: Vec<Object> = Vec::new();
    let mut prev: Option<u16> = None;
    for &(code, w, _) in &coded {
        if prev.is_some_and(|p| p.checked_add(1) != Some(code)) {
            w_arr.push(Object::Array(std::mem::take(&mut run_ws)));
        }
        if run_ws.is_empty() {
            w_arr.push(Object::Integer(i64::from(code)));
        }
        run_ws.push(Object::Integer(w));
        prev = Some(code);
    }
    if !run_ws.is_empty() {
        w_arr.push(Object::Array(run_ws));
    }

    let mut cid = Dictionary::new();
    cid.set("Type", Object::Name(b"Font".to_vec()));
    cid.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
    cid.set("BaseFont", Object::Name(base.clone().into_bytes()));
    let mut info = Dictionary::new();
    info.set("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal));
    info.set("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal));
    info.set("Supplement", Object::Integer(0));
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("W", Object::Array(w_arr));
    cid.set("DW", Object::Integer(1000));
    cid.set("FontDescriptor", Object::Reference(fd_id));
    if subtype == "CIDFontType2" {
        cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let to_unicode = doc.add_object(z.stream(Dictionary::new(), to_unicode_cmap(name, &coded)));

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(base.into_bytes()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set("DescendantFonts", Object::Array(vec![Object::Dictionary(cid)]));
    font.set("ToUnicode", Object::Reference(to_unicode));
    Ok((doc.add_object(font), map))
}

/// A ToUnicode CMap from codes (ascending) to their text; glyphs without text are left out.
fn to_unicode_cmap(name: &str, coded: &[(u16, i64, &str)]) -> Vec<u8> {
    let mut s = format!(
        "/CIDInit /ProcSet findresource begin\n\n12 dict begin\n\nbegincmap\n\n%!PS-Adobe-3.0 Resource-CMap\n\
         %%DocumentNeededResources: procset CIDInit\n%%IncludeResource: procset CIDInit\n\n\
         /CIDSystemInfo 3 dict dup begin\n/Registry (FontSpecific) def\n/Ordering ({name}) def\n/Supplement 0 def\n\
         end def\n\n/CMapName /FontSpecific-{name} def\n/CMapVersion 1 def\n/CMapType 2 def\n/WMode 0 def\n\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    let with_text: Vec<&(u16, i64, &str)> = coded.iter().filter(|c| !c.2.is_empty()).collect();
    // At most 100 entries per block.
    for chunk in with_text.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, _, text) in chunk {
            s.push_str(&format!("<{code:04X}> <"));
            for u in text.encode_utf16() {
                s.push_str(&format!("{u:04X}"));
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

/// The face at `index` of `data` as a font program of its own: a face of a collection
/// is copied out with its tables; a single font is returned as it is.
fn single_face(data: &[u8], index: u32) -> Option<Vec<u8>> {
    if data.get(..4) != Some(b"ttcf".as_slice()) {
        return Some(data.to_vec());
    }
    let raw = ttf_parser::RawFace::parse(data, index).ok()?;
    let records: Vec<ttf_parser::TableRecord> = raw.table_records.into_iter().collect();
    let n = u16::try_from(records.len()).ok()?;
    let mut out = Vec::new();
    let cff = records.iter().any(|r| r.tag == Tag::from_bytes(b"CFF ") || r.tag == Tag::from_bytes(b"CFF2"));
    out.extend_from_slice(if cff { b"OTTO" } else { &[0, 1, 0, 0] });
    // Binary-search fields of the table directory.
    let pow = 1u16 << (15 - n.max(1).leading_zeros());
    let range = pow.checked_mul(16)?;
    for v in [n, range, (15 - n.max(1).leading_zeros()) as u16, n.checked_mul(16)?.checked_sub(range)?] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * records.len();
    let mut body = Vec::new();
    for r in &records {
        let table = data.get(r.offset as usize..(r.offset as usize).checked_add(r.length as usize)?)?;
        out.extend_from_slice(&r.tag.0.to_be_bytes());
        out.extend_from_slice(&r.check_sum.to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&r.length.to_be_bytes());
        body.extend_from_slice(table);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * records.len() + body.len();
    }
    out.extend_from_slice(&body);
    Some(out)
}

/// Six capital letters derived from a glyph set, for a subset font's name.
fn subset_tag(glyphs: &BTreeMap<u16, String>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs.keys() {
        for b in g.to_be_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

fn font_id(face: FaceId) -> String {
    format!("F{}", face + 1)
}

/// Outline entries: (level, title, page index, y from the page bottom).
fn outline_entries(pages: &[FinalPage], geo: &Geometry) -> Vec<(u8, String, usize, f32)> {
    let mut v = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        for (l, baseline) in &p.lines {
            if let Some((level, title)) = &l.bookmark {
                let y = geo.page_h - geo.top - baseline + l.size * 1.2;
                v.push((*level, title.clone(), pi, y.min(geo.page_h)));
            }
        }
    }
    v
}

/// A PDF text string: literal when ASCII, UTF-16BE with a byte-order mark otherwise.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut b = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(b, StringFormat::Hexadecimal)
    }
}

type LinkRect = (usize, f32, f32, f32, f32, String);

/// A file ID stand-in of the final length, replaced once the bytes it is derived from exist.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Adds the catalog (language, page mode, outline), the info dictionary (dates from the
/// document) and the links, then saves with a file ID derived from the content.
fn finish(
    doc: &mut lopdf::Document,
    pages_id: ObjectId,
    page_ids: &[ObjectId],
    meta: &Meta,
    outline: &[(u8, String, usize, f32)],
    links: &[LinkRect],
) -> Result<Vec<u8>> {
    let err = |m: String| Error::Emit { format: "pdf", message: m };

    // Info dictionary.
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    info.set("Creator", text_string("quire"));
    info.set("Producer", text_string("quire"));
    if let Some(d) = &meta.date {
        info.set("CreationDate", Object::String(d.as_bytes().to_vec(), StringFormat::Literal));
        info.set("ModDate", Object::String(d.as_bytes().to_vec(), StringFormat::Literal));
    }
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));

    // Links.
    for (pi, x0, y0, x1, y1, uri) in links {
        let Some(&pid) = page_ids.get(*pi) else { continue };
        let mut action = Dictionary::new();
        action.set("S", Object::Name(b"URI".to_vec()));
        action.set("URI", Object::String(uri.as_bytes().to_vec(), StringFormat::Literal));
        let mut a = Dictionary::new();
        a.set("Type", Object::Name(b"Annot".to_vec()));
        a.set("Subtype", Object::Name(b"Link".to_vec()));
        a.set("Rect", Object::Array([*x0, *y0, *x1, *y1].iter().map(|v| Object::Real(*v)).collect()));
        a.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
        a.set("A", Object::Dictionary(action));
        let aid = doc.add_object(a);
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(pid) {
            match page.get_mut(b"Annots") {
                Ok(Object::Array(arr)) => arr.push(Object::Reference(aid)),
                _ => page.set("Annots", Object::Array(vec![Object::Reference(aid)])),
            }
        }
    }

    // Outline, nested by level.
    let outlines_id = if outline.is_empty() { None } else { Some(build_outline(doc, outline, page_ids)) };

    let mut cat = Dictionary::new();
    cat.set("Type", Object::Name(b"Catalog".to_vec()));
    cat.set("Pages", Object::Reference(pages_id));
    cat.set("PageLayout", Object::Name(b"OneColumn".to_vec()));
    cat.set("Lang", text_string(&meta.lang));
    let mut vp = Dictionary::new();
    vp.set("DisplayDocTitle", Object::Boolean(true));
    cat.set("ViewerPreferences", vp);
    match outlines_id {
        Some(o) => {
            cat.set("Outlines", Object::Reference(o));
            cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => cat.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    let root = doc.add_object(cat);
    doc.trailer.set("Root", Object::Reference(root));

    // A file ID from the content, so that the same input gives the same bytes: saved
    // with a stand-in, then derived from everything before the trailer.
    let placeholder = || Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![placeholder(), placeholder()]));
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| err(format!("saving: {e}")))?;
    let trailer_at = rfind(&out, b"trailer").ok_or_else(|| err("saving: no trailer written".into()))?;
    let id = content_id(&out[..trailer_at], meta);
    let stand_in: Vec<u8> = ID_PLACEHOLDER.iter().flat_map(|b| format!("{b:02X}").into_bytes()).collect();
    let real: Vec<u8> = id.iter().flat_map(|b| format!("{b:02X}").into_bytes()).collect();
    let mut from = trailer_at;
    while let Some(k) = find(&out[from..], &stand_in) {
        out[from + k..from + k + real.len()].copy_from_slice(&real);
        from += k + real.len();
    }
    Ok(out)
}

/// Position of the first `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Position of the last `needle` in `hay`.
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// 16 bytes derived from the written PDF and metadata (FNV-1a, two seeds).
fn content_id(bytes: &[u8], meta: &Meta) -> Vec<u8> {
    let mut h = [0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4u64];
    for b in bytes.iter().chain(meta.title.as_bytes()) {
        for h in &mut h {
            *h ^= u64::from(*b);
            *h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h.iter().flat_map(|h| h.to_be_bytes()).collect()
}

/// Adds outline items for `entries` under a new outline root; returns the root's id.
fn build_outline(doc: &mut lopdf::Document, entries: &[(u8, String, usize, f32)], pages: &[ObjectId]) -> ObjectId {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let p = (0..i).rev().find(|&j| entries[j].0 < e.0);
        // Only a chain of strictly lower levels counts, not an earlier sibling's child.
        let p = p.filter(|&j| (j + 1..i).all(|k| entries[k].0 > entries[j].0));
        parent.push(p);
    }
    let children = |p: Option<usize>| -> Vec<usize> { (0..entries.len()).filter(|&i| parent[i] == p).collect() };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(entries.len());
    for (i, (_, title, page, y)) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(title));
        d.set("Parent", Object::Reference(parent[i].map_or(root, |p| ids[p])));
        if let Some(&pid) = pages.get(*page) {
            d.set("Dest", Object::Array(vec![Object::Reference(pid), Object::Name(b"XYZ".to_vec()), Object::Null, Object::Real(*y), Object::Null]));
        }
        dicts.push(d);
    }
    let link_siblings = |kids: &[usize], dicts: &mut Vec<Dictionary>| {
        for (k, &c) in kids.iter().enumerate() {
            if k > 0 {
                dicts[c].set("Prev", Object::Reference(ids[kids[k - 1]]));
            }
            if k + 1 < kids.len() {
                dicts[c].set("Next", Object::Reference(ids[kids[k + 1]]));
            }
        }
    };
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[f]));
            dicts[i].set("Last", Object::Reference(ids[l]));
            dicts[i].set("Count", Object::Integer(-(kids.len() as i64)));
        }
        link_siblings(&kids, &mut dicts);
    }
    let top = children(None);
    link_siblings(&top, &mut dicts);
    let mut r = Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[f]));
        r.set("Last", Object::Reference(ids[l]));
    }
    r.set("Count", Object::Integer(top.len() as i64));
    for (id, d) in ids.into_iter().zip(dicts) {
        doc.objects.insert(id, Object::Dictionary(d));
    }
    doc.objects.insert(root, Object::Dictionary(r));
    root
}
