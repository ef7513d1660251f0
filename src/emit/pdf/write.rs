//! Writing placed pages as PDF: subset fonts and page content through printpdf, then the
//! catalog, metadata, outline and links set right in printpdf's object tree, which is
//! deflated and saved once.

use super::fonts::{FaceId, Fonts};
use super::images::XImage;
use super::layout::Line;
use super::pages::Page;
use crate::error::{Error, Result, Stage, Warning};
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf_printpdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use printpdf::{
    Codepoint, CurTransMat, FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, TextItem, TextMatrix, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;

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

    /// Deflates `stream` if it may be and has no filter yet, when that makes it smaller.
    fn compress(&mut self, stream: &mut Stream) {
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            return;
        }
        match self.deflate(&stream.content) {
            // The filter entry costs some bytes too.
            Some(z) if z.len() + 19 < stream.content.len() => {
                stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(z);
            }
            _ => {}
        }
    }
}

/// Below this many bytes of streams in all, a second thread costs more than it saves.
const PARALLEL_DEFLATE_BYTES: usize = 64 * 1024;

/// Deflates every stream of `doc` as [`Deflater::compress`] does (lopdf's `compress`,
/// without a new level-9 compressor each time), on two threads when `parallel`.
///
/// Each stream is compressed on its own, so the bytes are the same either way.
fn compress_all(doc: &mut Document, parallel: bool) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) => Some(s),
            _ => None,
        })
        .collect();
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    if !parallel || total < PARALLEL_DEFLATE_BYTES {
        let mut d = Deflater::new();
        streams.into_iter().for_each(|s| d.compress(s));
        return;
    }
    // Largest first, each to the lighter share: the two threads finish close together.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (0usize, 0usize);
    for s in streams {
        if a <= b {
            a += s.content.len();
            mine.push(s);
        } else {
            b += s.content.len();
            theirs.push(s);
        }
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut d = Deflater::new();
            theirs.into_iter().for_each(|s| d.compress(s));
        });
        let mut d = Deflater::new();
        mine.into_iter().for_each(|s| d.compress(s));
    });
}

/// Writes the pages as PDF bytes.
pub(super) fn write(
    pages: &[FinalPage],
    fonts: &Fonts,
    geo: &Geometry,
    meta: &Meta,
    images: &[XImage],
    parallel: bool,
) -> Result<(Vec<u8>, Vec<Warning>)> {
    let mut warnings = Vec::new();
    // Glyphs used per face, with their text for the ToUnicode map.
    // Gathered per face in a table by glyph id first (first text that is not empty, and
    // whether the glyph is used at all): a map lookup per glyph set is dear.
    let mut seen: Vec<Vec<Option<&str>>> = vec![Vec::new(); fonts.faces.len()];
    for p in pages {
        for (l, _) in &p.lines {
            for g in &l.glyphs {
                let Some(face) = seen.get_mut(g.glyph.face) else { continue };
                let i = usize::from(g.glyph.gid);
                if face.len() <= i {
                    face.resize(i + 1, None);
                }
                match &mut face[i] {
                    Some(t) if !t.is_empty() => {}
                    e => *e = Some(&g.glyph.text),
                }
            }
        }
    }
    let mut used: BTreeMap<FaceId, BTreeMap<u16, String>> = BTreeMap::new();
    for (face, table) in seen.iter().enumerate() {
        let glyphs: BTreeMap<u16, String> = (0..=u16::MAX)
            .zip(table)
            .filter_map(|(gid, t)| t.map(|t| (gid, t.to_string())))
            .collect();
        if !glyphs.is_empty() {
            used.insert(face, glyphs);
        }
    }
    let mut doc = PdfDocument::new(&meta.title);
    // Per face: new glyph ids and /W widths (thousandths of an em, as printpdf writes them).
    let mut remaps: BTreeMap<FaceId, (BTreeMap<u16, u16>, f32)> = BTreeMap::new();
    for (&face_id, glyphs) in &used {
        let face = &fonts.faces[face_id];
        let mut remapper = subsetter::GlyphRemapper::new();
        for &gid in glyphs.keys() {
            remapper.remap(gid);
        }
        let (bytes, map, subset) = match subsetter::subset(face.data, face.index, &remapper) {
            Ok(b) => (b, glyphs.keys().map(|&g| (g, remapper.get(g).unwrap_or(0))).collect::<BTreeMap<_, _>>(), true),
            Err(e) => {
                warnings.push(Warning::new(
                    Stage::Emit,
                    format!("reflowed PDF: font {} could not be subset ({e:?}); it is embedded whole", face.name),
                ));
                (face.data.to_vec(), glyphs.keys().map(|&g| (g, g)).collect(), false)
            }
        };
        let mut font_warnings = Vec::new();
        let Some(mut parsed) = ParsedFont::from_bytes(&bytes, 0, &mut font_warnings) else {
            return Err(Error::Emit { format: "pdf", message: format!("font {} could not be embedded", face.name) });
        };
        // The subset tag (six capitals) is derived from the glyph set, so output stays stable.
        parsed.font_name = Some(if subset { format!("{}+{}", subset_tag(glyphs), face.name) } else { face.name.clone() });
        let upem = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        doc.resources.fonts.map.insert(font_id(face_id), PdfFont::new(parsed));
        remaps.insert(face_id, (map, upem));
    }
    // Per face, indexed by original glyph id: the glyph's id in the embedded program, its
    // advance as the PDF viewer will use it, and its text. A table, not a map: it is read
    // for every glyph set.
    let mut tables: Vec<Option<GlyphTable>> = (0..fonts.faces.len()).map(|_| None).collect();
    for (&face_id, (map, upem)) in &remaps {
        let (Some(f), Some(slot)) = (doc.resources.fonts.map.get(&font_id(face_id)), tables.get_mut(face_id)) else {
            continue;
        };
        let Some(glyphs) = used.get(&face_id) else { continue };
        let mut t = GlyphTable { index: vec![u32::MAX; map.keys().last().map_or(0, |&g| usize::from(g) + 1)], glyphs: Vec::new() };
        for (&gid, &new) in map {
            let w = f.parsed_font.get_glyph_width(new).unwrap_or(0);
            let text = glyphs.get(&gid).cloned().unwrap_or_default();
            t.index[usize::from(gid)] = t.glyphs.len() as u32;
            t.glyphs.push((new, (f64::from(w) * 1000.0 / f64::from(*upem)).trunc(), text));
        }
        *slot = Some(t);
    }
    let mut pdf_pages = Vec::new();
    let mut links = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        let mut ops = tints(&p.lines, geo);
        ops.push(Op::StartTextSection);
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
                let Some(table) = tables.get(face).and_then(Option::as_ref) else {
                    k = end;
                    continue;
                };
                if cur_font != Some((face, g0.size)) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(face)), size: Pt(g0.size) });
                    cur_font = Some((face, g0.size));
                }
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(geo.left + g0.x), Pt(y + g0.rise)) });
                let mut cps = Vec::with_capacity(end - k);
                // Where the viewer's pen is, in thousandths of an em from the run's start:
                // each glyph's offset moves it to where the layout put the next glyph.
                // Offsets below a hundredth are rounding noise and left out; the pen
                // keeps the difference, so nothing drifts.
                let mut pen = 0.0f64;
                let em = 1000.0 / f64::from(g0.size);
                for j in k..end {
                    let g = &gl[j];
                    let (new, w, text) = table.get(g.glyph.gid);
                    pen += w;
                    let mut offset = 0.0;
                    if j + 1 < end {
                        let want = f64::from(gl[j + 1].x - g0.x) * em;
                        let o = round3(pen - want);
                        if o.abs() >= 0.01 {
                            offset = o as f32;
                            pen -= o;
                        }
                    }
                    cps.push(Codepoint::with_cid(new, offset, text.to_string()));
                }
                ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(cps)] });
                k = end;
            }
            for l in &line.links {
                links.push((pi, geo.left + l.x0, y - 0.25 * line.size, geo.left + l.x1, y + 0.8 * line.size, l.uri.clone()));
            }
        }
        ops.push(Op::EndTextSection);
        for (line, baseline) in &p.lines {
            if let Some((x0, x1)) = line.rule {
                let y = geo.page_h - geo.top - baseline;
                ops.push(Op::SetOutlineThickness { pt: Pt(0.4) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![
                            printpdf::LinePoint { p: Point { x: Pt(geo.left + x0), y: Pt(y) }, bezier: false },
                            printpdf::LinePoint { p: Point { x: Pt(geo.left + x1), y: Pt(y) }, bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
        }
        for (line, baseline) in &p.lines {
            if let Some(im) = &line.image {
                // The picture stands on the baseline: its lower left corner is there.
                let y = geo.page_h - geo.top - baseline;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([im.width, 0.0, 0.0, im.height, geo.left + im.x, y]),
                });
                ops.push(Op::UseXobject {
                    id: XObjectId(image_name(im.index)),
                    transform: XObjectTransform { no_auto_scale: true, ..Default::default() },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
        let rect = Rect::from_wh(Pt(geo.page_w), Pt(geo.page_h));
        pdf_pages.push(PdfPage { media_box: rect.clone(), trim_box: rect.clone(), crop_box: rect, ops });
    }
    doc.with_pages(pdf_pages);
    let mut pw = Vec::new();
    // The fonts are subset above already; printpdf builds the object tree, unsaved and
    // uncompressed, so it is written once, after what printpdf leaves wrong is set right.
    let opts = PdfSaveOptions { subset_fonts: false, optimize: false, ..Default::default() };
    let tree = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut pw);
    let outline = outline_entries(pages, geo);
    let bytes = finish(tree, meta, &outline, &links, images, parallel)?;
    Ok((bytes, warnings))
}

/// The glyphs of one face that the pages use.
struct GlyphTable {
    /// Position in `glyphs` by original glyph id; `u32::MAX` for glyphs not used.
    index: Vec<u32>,
    /// Id in the embedded program, advance in thousandths of an em as the viewer takes
    /// it from `/W`, and text.
    glyphs: Vec<(u16, f64, String)>,
}

impl GlyphTable {
    /// The embedded id, advance and text of original glyph `gid` (the missing glyph's
    /// id, no advance and no text for a glyph not in the table).
    fn get(&self, gid: u16) -> (u16, f64, &str) {
        match self.index.get(usize::from(gid)).and_then(|&i| self.glyphs.get(i as usize)) {
            Some((new, w, text)) => (*new, *w, text),
            None => (0, 0.0, ""),
        }
    }
}

/// Six capital letters derived from a glyph set, for a subset font's name.
/// The tints behind boxed lines, drawn before any text: one light rectangle per run of
/// shaded lines on the page, across the text block, with half a line of room around it.
fn tints(lines: &[(Line, f32)], geo: &Geometry) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if !lines[k].0.shade {
            k += 1;
            continue;
        }
        let end = k + lines[k..].iter().take_while(|(l, _)| l.shade).count();
        let (first, top) = (&lines[k].0, lines[k].1);
        let (last, bottom) = (&lines[end - 1].0, lines[end - 1].1);
        let pad = first.size * 0.5;
        let y_top = top - first.size * 0.8 - pad;
        let y_bottom = bottom + last.size * 0.3 + pad;
        ops.push(Op::SetFillColor { col: printpdf::Color::Greyscale(printpdf::Greyscale { percent: 0.93, icc_profile: None }) });
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(geo.left),
                y: Pt(geo.page_h - geo.top - y_bottom),
                width: Pt(geo.measure),
                height: Pt(y_bottom - y_top),
                mode: Some(printpdf::PaintMode::Fill),
                winding_order: None,
            },
        });
        k = end;
    }
    if !ops.is_empty() {
        ops.push(Op::SetFillColor { col: printpdf::Color::Greyscale(printpdf::Greyscale { percent: 0.0, icc_profile: None }) });
    }
    ops
}

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

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn font_id(face: FaceId) -> FontId {
    FontId(format!("F{}", face + 1))
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

/// Rewrites what printpdf leaves wrong or random in its object tree: the catalog
/// (language, page mode, outline), the info dictionary (dates from the document), the
/// file ID, links; then deflates the streams and saves.
fn finish(
    mut doc: Document,
    meta: &Meta,
    outline: &[(u8, String, usize, f32)],
    links: &[LinkRect],
    images: &[XImage],
    parallel: bool,
) -> Result<Vec<u8>> {
    let err = |m: String| Error::Emit { format: "pdf", message: m };
    doc.version = "1.7".into();
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    add_images(&mut doc, &page_ids, images).map_err(err)?;

    // Info dictionary, in place of printpdf's.
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    info.set("Creator", text_string("quire"));
    info.set("Producer", text_string("quire (printpdf)"));
    if let Some(d) = &meta.date {
        info.set("CreationDate", Object::String(d.as_bytes().to_vec(), StringFormat::Literal));
        info.set("ModDate", Object::String(d.as_bytes().to_vec(), StringFormat::Literal));
    }
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, Object::Dictionary(info));
        }
        Err(_) => {
            let info_id = doc.add_object(info);
            doc.trailer.set("Info", Object::Reference(info_id));
        }
    }

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
    // Empty /Annots arrays are noise.
    for &pid in &page_ids {
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(pid) {
            if matches!(page.get(b"Annots"), Ok(Object::Array(a)) if a.is_empty()) {
                page.remove(b"Annots");
            }
        }
    }

    // Outline, nested by level.
    let outlines_id = if outline.is_empty() { None } else { Some(build_outline(&mut doc, outline, &page_ids)) };

    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(|e| err(format!("no catalog: {e}")))?;
    if let Ok(Object::Dictionary(cat)) = doc.get_object_mut(root) {
        cat.set("Lang", text_string(&meta.lang));
        let mut vp = Dictionary::new();
        vp.set("DisplayDocTitle", Object::Boolean(true));
        cat.set("ViewerPreferences", vp);
        cat.remove(b"Outlines");
        match outlines_id {
            Some(o) => {
                cat.set("Outlines", Object::Reference(o));
                cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
            }
            None => cat.set("PageMode", Object::Name(b"UseNone".to_vec())),
        }
    }
    doc.prune_objects();
    compress_all(&mut doc, parallel);

    // A file ID from the content (printpdf's own is random), so that the same input
    // gives the same bytes: saved with a stand-in, then derived from everything before
    // the trailer.
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

/// The resource name of picture `index`.
fn image_name(index: usize) -> String {
    format!("Im{}", index + 1)
}

/// Adds the pictures as image XObjects (with their soft masks) to the XObject resources
/// that printpdf gives every page, under the names the pages' content uses.
fn add_images(doc: &mut Document, page_ids: &[ObjectId], images: &[XImage]) -> std::result::Result<(), String> {
    if images.is_empty() {
        return Ok(());
    }
    let first = *page_ids.first().ok_or("no pages for the pictures")?;
    let resources = match doc.get_dictionary(first).map_err(|e| e.to_string())?.get(b"Resources") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err("page resources are not where printpdf puts them".into()),
    };
    let xobjects = match doc.get_dictionary(resources).map_err(|e| e.to_string())?.get(b"XObject") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err("no shared XObject resources".into()),
    };
    let mut entries = Vec::with_capacity(images.len());
    for (i, im) in images.iter().enumerate() {
        let mut stream = im.stream.clone();
        if let Some(mask) = &im.smask {
            let mask_id = doc.add_object(Object::Stream(mask.clone()));
            stream.dict.set("SMask", Object::Reference(mask_id));
        }
        entries.push((image_name(i), doc.add_object(Object::Stream(stream))));
    }
    match doc.get_object_mut(xobjects) {
        Ok(Object::Dictionary(d)) => {
            for (name, id) in entries {
                d.set(name.into_bytes(), Object::Reference(id));
            }
            Ok(())
        }
        _ => Err("the shared XObject resources are no dictionary".into()),
    }
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
fn build_outline(doc: &mut Document, entries: &[(u8, String, usize, f32)], pages: &[ObjectId]) -> ObjectId {
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
