//! Content-stream interpretation: text state, matrices, form XObjects and marked
//! content, turned into positioned [`Glyph`]s in layout coordinates.

use super::fonts::{Code, Font, FontCache, UNMAPPED};
use super::{is_blank, Glyph, PageGlyphs};
use crate::error::{Stage, Warning};
use crate::layout::{ExtractStats, Graphic, GraphicKind, Rect, Tag};
use rustc_hash::FxHashMap as HashMap;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

mod content;
mod links;
mod streams;
use std::rc::Rc;
use std::sync::Arc;

/// Most operators interpreted for one page, nested forms included.
const MAX_OPS_PER_PAGE: usize = 5_000_000;
/// Most glyphs read from one document.
pub(crate) const MAX_GLYPHS: u64 = 5_000_000;
/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 16;
/// Deepest graphics state stack kept.
const MAX_SAVE_DEPTH: usize = 1024;
/// Most graphics recorded on one page; a map or scatter plot may paint far more paths.
const MAX_GRAPHICS_PER_PAGE: usize = 20_000;
/// Largest decoded content stream read.
const MAX_CONTENT_BYTES: usize = 128 << 20;

/// An affine matrix `[a b c d e f]` in PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `o`.
    fn then(&self, o: &M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [p, q, r, s, t, u] = o.0;
        M([a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u])
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// The graphics state parts that matter for text.
#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    render: i64,
    /// Whether the fill colour is white (paints nothing visible on a white page).
    fill_white: bool,
    /// Whether the stroke colour is white.
    stroke_white: bool,
}

impl Default for GState {
    fn default() -> Self {
        GState { ctm: M::ID, font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, hscale: 1.0, leading: 0.0, rise: 0.0, render: 0, fill_white: false, stroke_white: false }
    }
}

/// The resource dictionaries in force, nearest first.
struct Res<'a> {
    dicts: Vec<&'a Dictionary>,
}

impl<'a> Res<'a> {
    fn lookup(&self, doc: &'a Document, category: &[u8], name: &[u8]) -> Option<&'a Object> {
        for d in &self.dicts {
            let Some(cat) = d.get(category).ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()) else { continue };
            if let Ok(o) = cat.get(name) {
                return Some(o);
            }
        }
        None
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

/// A page's entry, inherited from the page tree when the page lacks it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(o) = node.get(key) {
            return Some(deref(doc, o));
        }
        node = node.get(b"Parent").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())?;
    }
    None
}

fn rect_of(doc: &Document, o: Option<&Object>) -> Option<[f32; 4]> {
    let a = o?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
    if v.len() != 4 {
        return None;
    }
    let r = [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])];
    (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0).then_some(r)
}

/// The visible box and rotation of a page, and the matrix from user space to layout space.
fn page_geometry(doc: &Document, page: &Dictionary) -> (f32, f32, M) {
    let media = rect_of(doc, inherited(doc, page, b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = rect_of(doc, inherited(doc, page, b"CropBox"))
        .map(|c| [c[0].max(media[0]), c[1].max(media[1]), c[2].min(media[2]), c[3].min(media[3])])
        .filter(|c| c[2] > c[0] && c[3] > c[1])
        .unwrap_or(media);
    let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0).rem_euclid(360) / 90 * 90;
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (h, w, M([0.0, 1.0, 1.0, 0.0, -y0, -x0])),
        180 => (w, h, M([-1.0, 0.0, 0.0, 1.0, x1, -y0])),
        270 => (h, w, M([0.0, -1.0, -1.0, 0.0, y1, x1])),
        _ => (w, h, M([1.0, 0.0, 0.0, -1.0, -x0, y1])),
    }
}

/// The page's resource dictionaries, nearest first.
fn page_resources<'a>(doc: &'a Document, page_id: ObjectId) -> Vec<&'a Dictionary> {
    let mut out = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        out.extend(direct);
        out.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
    }
    out
}

/// Interprets one page's content into glyphs in drawing order.
///
/// `expected` is roughly how many glyphs the page may hold (the previous page's count), so
/// the list is allocated once rather than grown and copied.
pub(crate) fn read_page(
    doc: &Document,
    page_id: ObjectId,
    number: u32,
    expected: usize,
    tags: &HashMap<u32, Tag>,
    fonts: &mut FontCache,
    stats: &mut ExtractStats,
    warnings: &mut Vec<Warning>,
) -> PageGlyphs {
    let Ok(page) = doc.get_dictionary(page_id) else {
        warnings.push(Warning { stage: Stage::Extract, page: Some(number), message: "the page object is unreadable".into() });
        return PageGlyphs { number, ..Default::default() };
    };
    let (width, height, page_m) = page_geometry(doc, page);
    let mut it = Interp {
        doc,
        fonts,
        stats,
        page_m,
        glyphs: Vec::with_capacity(expected),
        ops: 0,
        forms: Vec::new(),
        marked: Vec::new(),
        notes: Notes::default(),
        codes: Vec::new(),
        unmapped: None,
        graphics: Vec::new(),
        path: None,
        page_box: Rect { x0: 0.0, y0: 0.0, x1: width, y1: height },
        tags,
    };
    let res = Res { dicts: page_resources(doc, page_id) };
    match streams::page_content(doc, page_id, MAX_CONTENT_BYTES) {
        Ok((bytes, damaged)) => {
            it.run(&bytes, &res, GState::default(), 0);
            it.notes.damaged.extend(damaged);
        }
        Err(e) => it.notes.bad_content = Some(e.to_string()),
    }
    // Filled-in form fields, free-text notes and stamps: their words belong to the page; the
    // shapes around them (field boxes, highlights) are not the page's figures or rules.
    let drawn = it.graphics.len();
    for (stream, id, fit) in appearances(doc, page) {
        it.run_form(stream, id, &res, &GState { ctm: fit, ..GState::default() }, 0);
    }
    it.graphics.truncate(drawn);
    let notes = std::mem::take(&mut it.notes);
    let mut glyphs = it.glyphs;
    let graphics = it.graphics;
    let links = links::link_areas(doc, page, &page_m, width, height);
    drop_inner_soft_hyphens(&mut glyphs);
    let warn = |m: String| Warning { stage: Stage::Extract, page: Some(number), message: m };
    if let Some(e) = notes.bad_content {
        warnings.push(warn(format!("part of the page content could not be read ({e})")));
    }
    for d in notes.damaged {
        warnings.push(warn(d));
    }
    if notes.ops_limit {
        warnings.push(warn(format!("the page has more than {MAX_OPS_PER_PAGE} drawing operations; the rest was skipped")));
    }
    if notes.glyph_limit {
        warnings.push(warn(format!("the document has more than {MAX_GLYPHS} glyphs; the rest was skipped")));
    }
    if notes.depth_limit {
        warnings.push(warn("forms nested too deeply or in a cycle were skipped".into()));
    }
    if notes.missing_font {
        warnings.push(warn("text in a font that could not be read was skipped".into()));
    }
    if notes.stand_in_glyphs > 0 {
        warnings.push(warn(format!(
            "{} glyph(s) in a font that is missing or could not be read were read as WinAnsi text",
            notes.stand_in_glyphs
        )));
    }
    PageGlyphs { number, width, height, glyphs, graphics, links }
}

/// Whether a colour operator's operands give white: every component 1 (gray, RGB) or 0 (CMYK).
fn white(a: &[Object]) -> bool {
    let v: Vec<f32> = a.iter().filter_map(num).collect();
    match v.len() {
        1 | 3 => v.iter().all(|&c| c >= 0.999),
        4 => v.iter().all(|&c| c <= 0.001),
        _ => false,
    }
}

/// The box around some points.
fn bounds(points: &[(f32, f32)]) -> Rect {
    let (mut r, rest) = match points.split_first() {
        Some((&(x, y), rest)) => (Rect { x0: x, y0: y, x1: x, y1: y }, rest),
        None => return Rect::default(),
    };
    for &(x, y) in rest {
        r = r.union(&Rect { x0: x, y0: y, x1: x, y1: y });
    }
    r
}

/// An open marked-content span.
struct Marked {
    /// Its ActualText and the first glyph it covers, if it has one.
    actual: Option<(String, usize)>,
    /// Whether its tag is `/Artifact`: what it draws is page furniture, not content.
    artifact: bool,
    /// Its marked-content id in the page's own content (the structure tree's key to it).
    mcid: Option<u32>,
}

/// Whether a BMC or BDC operator's tag is `/Artifact`.
fn is_artifact_tag(operands: &[Object]) -> bool {
    matches!(operands.first(), Some(Object::Name(n)) if n == b"Artifact")
}

/// A form XObject's /Matrix, the identity when it has none.
fn form_matrix(doc: &Document, dict: &Dictionary) -> M {
    dict.get(b"Matrix")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().filter_map(|o| num(deref(doc, o))).collect::<Vec<f32>>())
        .filter(|v| v.len() == 6)
        .map(|v| M([v[0], v[1], v[2], v[3], v[4], v[5]]))
        .unwrap_or(M::ID)
}

/// Most annotation appearances drawn on one page.
const MAX_APPEARANCES_PER_PAGE: usize = 2_000;

/// The annotations of a page whose appearance is part of what the page shows: each one's
/// normal appearance stream (the state /AS picks, for fields with several) and the matrix
/// that sets it in its /Rect, as PDF 32000 §12.5.5 says.
///
/// Links and pop-ups are left out (a link's words are in the page content; a pop-up shows
/// another annotation's text), as are annotations flagged hidden or not for viewing.
fn appearances<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<(&'a lopdf::Stream, Option<ObjectId>, M)> {
    let Some(annots) = page.get(b"Annots").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) else { return Vec::new() };
    let mut out = Vec::new();
    for a in annots.iter().take(MAX_APPEARANCES_PER_PAGE) {
        let Some(d) = deref(doc, a).as_dict().ok() else { continue };
        let subtype = d.get(b"Subtype").ok().and_then(|o| o.as_name().ok()).unwrap_or_default();
        let flags = d.get(b"F").ok().and_then(|o| o.as_i64().ok()).unwrap_or(0);
        if matches!(subtype, b"Link" | b"Popup") || flags & (2 | 32) != 0 {
            continue;
        }
        let Some(normal) = d.get(b"AP").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()).and_then(|ap| ap.get(b"N").ok()) else { continue };
        let (entry, stream) = match deref(doc, normal) {
            Object::Stream(s) => (normal, s),
            Object::Dictionary(states) => {
                let Some(state) = d.get(b"AS").ok().and_then(|o| o.as_name().ok()) else { continue };
                let Some(e) = states.get(state).ok() else { continue };
                let Ok(s) = deref(doc, e).as_stream() else { continue };
                (e, s)
            }
            _ => continue,
        };
        let (Some(rect), Some(bbox)) = (rect_of(doc, d.get(b"Rect").ok()), rect_of(doc, stream.dict.get(b"BBox").ok())) else { continue };
        let m = form_matrix(doc, &stream.dict);
        let b = bounds(&[m.apply(bbox[0], bbox[1]), m.apply(bbox[2], bbox[1]), m.apply(bbox[0], bbox[3]), m.apply(bbox[2], bbox[3])]);
        let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
        if bw <= 0.0 || bh <= 0.0 {
            continue;
        }
        let (sx, sy) = ((rect[2] - rect[0]) / bw, (rect[3] - rect[1]) / bh);
        let fit = M([sx, 0.0, 0.0, sy, rect[0] - b.x0 * sx, rect[1] - b.y0 * sy]);
        if fit.finite() {
            out.push((stream, entry.as_reference().ok(), fit));
        }
    }
    out
}

/// Soft hyphens inside a line are invisible break points: drop them; keep one that ends a
/// line's last glyph (as U+00AD) so the line builder knows the word was hyphenated there.
fn drop_inner_soft_hyphens(glyphs: &mut Vec<Glyph>) {
    let n = glyphs.len();
    for i in 0..n {
        if !glyphs[i].text.contains('\u{AD}') {
            continue;
        }
        let g = &glyphs[i];
        let unit = g.size.max(1.0);
        let line_goes_on = glyphs.get(i + 1).is_some_and(|next| {
            (next.baseline - g.baseline).abs() < 0.3 * unit && next.bbox.x0 >= g.bbox.x0 - 0.5 * unit
        });
        let keep_last = !line_goes_on && g.text.ends_with('\u{AD}');
        let mut t: String = g.text.chars().filter(|&c| c != '\u{AD}').collect();
        if keep_last {
            t.push('\u{AD}');
        }
        glyphs[i].text = Arc::from(t);
    }
    glyphs.retain(|g| !g.text.is_empty());
}

#[derive(Default, Clone)]
struct Notes {
    bad_content: Option<String>,
    /// Streams whose data broke part-way, each with what was read of it.
    damaged: Vec<String>,
    ops_limit: bool,
    glyph_limit: bool,
    depth_limit: bool,
    missing_font: bool,
    /// Glyphs drawn with the stand-in for a missing or unreadable font.
    stand_in_glyphs: u64,
}

struct Interp<'a, 'b> {
    doc: &'a Document,
    fonts: &'b mut FontCache,
    stats: &'b mut ExtractStats,
    page_m: M,
    glyphs: Vec<Glyph>,
    ops: usize,
    forms: Vec<ObjectId>,
    /// Open marked-content spans, innermost last.
    marked: Vec<Marked>,
    notes: Notes,
    /// Scratch list of the codes of the string being shown.
    codes: Vec<Code>,
    /// The text of unmapped glyphs, shared by all of them.
    unmapped: Option<Arc<str>>,
    /// Images and painted paths, in layout coordinates.
    graphics: Vec<Graphic>,
    /// The box of the path being built, in layout coordinates.
    path: Option<Rect>,
    /// The visible area of the page, in layout coordinates.
    page_box: Rect,
    /// The structure tree's tag of each marked-content id on the page.
    tags: &'b HashMap<u32, Tag>,
}

impl<'a> Interp<'a, '_> {
    fn run(&mut self, bytes: &[u8], res: &Res<'a>, start: GState, depth: usize) {
        // A stream found unreadable part-way is discarded whole, as lopdf rejects it whole.
        let saved = (self.glyphs.len(), self.ops, self.notes.clone(), self.stats.clone());
        let mut reader = content::OpReader::new(bytes);
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = M::ID;
        let mut tlm = M::ID;
        let marked_base = self.marked.len();
        loop {
            let operator = match reader.next_op() {
                Ok(Some(op)) => op,
                Ok(None) => break,
                Err(_) => {
                    (self.ops, self.notes, *self.stats) = (saved.1, saved.2, saved.3);
                    self.glyphs.truncate(saved.0);
                    self.marked.truncate(marked_base);
                    // lopdf rejects the same streams; its error says why.
                    let why = Content::decode(bytes).err().map_or_else(|| "unreadable content".to_string(), |e| e.to_string());
                    self.notes.bad_content = Some(why);
                    return;
                }
            };
            if self.ops > MAX_OPS_PER_PAGE {
                // Past the limit the rest is only read, to find out whether it is readable.
                continue;
            }
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                self.notes.ops_limit = true;
                continue;
            }
            let a = reader.operands();
            let f = |i: usize| a.get(i).and_then(num).unwrap_or(0.0);
            match operator {
                b"q" => {
                    if stack.len() < MAX_SAVE_DEPTH {
                        stack.push(gs.clone());
                    }
                }
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if a.len() == 6 => {
                    let m = M([f(0), f(1), f(2), f(3), f(4), f(5)]);
                    let n = m.then(&gs.ctm);
                    if n.finite() {
                        gs.ctm = n;
                    }
                }
                b"BT" => {
                    tm = M::ID;
                    tlm = M::ID;
                }
                b"Tc" => gs.char_spacing = f(0),
                b"Tw" => gs.word_spacing = f(0),
                b"Tz" => gs.hscale = f(0) / 100.0,
                b"TL" => gs.leading = f(0),
                b"Ts" => gs.rise = f(0),
                b"Tr" => gs.render = a.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
                b"Tf" => {
                    gs.size = f(1);
                    gs.font = a.first().and_then(|o| o.as_name().ok()).and_then(|name| {
                        let entry = res.lookup(self.doc, b"Font", name)?;
                        self.fonts.get(self.doc, entry, name)
                    });
                    if gs.font.is_none() && a.first().is_some_and(|o| o.as_name().is_ok()) {
                        gs.font = self.fonts.stand_in(self.doc);
                    }
                    if gs.font.is_none() {
                        self.notes.missing_font = true;
                    }
                }
                b"Td" => {
                    tlm = M::translate(f(0), f(1)).then(&tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -f(1);
                    tlm = M::translate(f(0), f(1)).then(&tlm);
                    tm = tlm;
                }
                b"Tm" if a.len() == 6 => {
                    let m = M([f(0), f(1), f(2), f(3), f(4), f(5)]);
                    if m.finite() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = M::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(s) = a.first().and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"'" => {
                    tlm = M::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(s) = a.first().and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"\"" => {
                    gs.word_spacing = f(0);
                    gs.char_spacing = f(1);
                    tlm = M::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                    if let Some(s) = a.get(2).and_then(|o| o.as_str().ok()) {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(items) = a.first().and_then(|o| o.as_array().ok()) {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm),
                                o => {
                                    if let Some(n) = num(o) {
                                        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                        let adj = -n / 1000.0 * gs.size;
                                        tm = if vertical { M::translate(0.0, adj) } else { M::translate(adj * gs.hscale, 0.0) }.then(&tm);
                                    }
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = a.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, res, &gs, depth);
                    }
                }
                b"BI" => self.image(&gs, None),
                b"m" | b"l" => self.path_point(&gs, f(0), f(1)),
                b"c" => {
                    for i in 0..3 {
                        self.path_point(&gs, f(2 * i), f(2 * i + 1));
                    }
                }
                b"v" | b"y" => {
                    self.path_point(&gs, f(0), f(1));
                    self.path_point(&gs, f(2), f(3));
                }
                b"re" => {
                    let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                    self.path_point(&gs, x, y);
                    self.path_point(&gs, x + w, y + h);
                }
                b"S" | b"s" => self.paint(GraphicKind::Stroke, gs.stroke_white),
                b"f" | b"F" | b"f*" => self.paint(GraphicKind::Fill, gs.fill_white),
                b"B" | b"B*" | b"b" | b"b*" => self.paint(GraphicKind::Fill, gs.fill_white && gs.stroke_white),
                b"n" => self.path = None,
                b"g" => gs.fill_white = white(a),
                b"G" => gs.stroke_white = white(a),
                b"rg" | b"k" | b"sc" | b"scn" => gs.fill_white = white(a),
                b"RG" | b"K" | b"SC" | b"SCN" => gs.stroke_white = white(a),
                b"BMC" => self.marked.push(Marked { actual: None, artifact: is_artifact_tag(a), mcid: None }),
                b"BDC" => {
                    let props = match a.get(1) {
                        Some(Object::Name(n)) => res.lookup(self.doc, b"Properties", n).map(|o| deref(self.doc, o)),
                        Some(o) => Some(deref(self.doc, o)),
                        None => None,
                    };
                    let actual = props
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| lopdf::decode_text_string(deref(self.doc, o)).ok());
                    // Ids inside a form XObject are the form's own, not the page's.
                    let mcid = props
                        .filter(|_| self.forms.is_empty())
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|o| deref(self.doc, o).as_i64().ok())
                        .and_then(|n| u32::try_from(n).ok());
                    self.marked.push(Marked { actual: actual.map(|t| (t, self.glyphs.len())), artifact: is_artifact_tag(a), mcid });
                }
                b"EMC" => {
                    if self.marked.len() > marked_base {
                        if let Some(Marked { actual: Some((text, start)), .. }) = self.marked.pop() {
                            self.replace_with_actual_text(text, start);
                        }
                    }
                }
                _ => {}
            }
        }
        // Spans left open by this stream end with it.
        while self.marked.len() > marked_base {
            if let Some(Marked { actual: Some((text, start)), .. }) = self.marked.pop() {
                self.replace_with_actual_text(text, start);
            }
        }
    }

    /// Replaces the glyphs drawn since `start` by one glyph holding the span's ActualText.
    fn replace_with_actual_text(&mut self, text: String, start: usize) {
        if start >= self.glyphs.len() {
            return;
        }
        let span: Vec<Glyph> = self.glyphs.drain(start..).collect();
        let first = &span[0];
        let bbox = span.iter().skip(1).fold(first.bbox, |r, g| r.union(&g.bbox));
        let text: String = super::fonts::expand_ligatures(&text).chars().filter(|c| !c.is_control()).collect();
        if text.is_empty() {
            return;
        }
        self.glyphs.push(Glyph { text: Arc::from(text), bbox, ..first.clone() });
    }

    /// Runs a form XObject named `name`.
    fn form(&mut self, name: &[u8], res: &Res<'a>, gs: &GState, depth: usize) {
        let Some(entry) = res.lookup(self.doc, b"XObject", name) else { return };
        let id = entry.as_reference().ok();
        let Ok(stream) = deref(self.doc, entry).as_stream() else { return };
        match stream.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) {
            Some(b"Form") => {}
            Some(b"Image") => return self.image(gs, id),
            _ => return,
        }
        self.run_form(stream, id, res, gs, depth);
    }

    /// Runs a form XObject's content with its matrix and resources (its own first, then `res`).
    fn run_form(&mut self, stream: &'a lopdf::Stream, id: Option<ObjectId>, res: &Res<'a>, gs: &GState, depth: usize) {
        if depth >= MAX_FORM_DEPTH || id.is_some_and(|i| self.forms.contains(&i)) {
            self.notes.depth_limit = true;
            return;
        }
        let Ok(bytes) = streams::decode(stream, MAX_CONTENT_BYTES).map(|d| {
            if let Some(why) = d.damage {
                self.notes.damaged.push(format!("a form's content stream is damaged: {why}; what came before the damage was read"));
            }
            d.bytes
        }).or_else(|e| {
            if stream.dict.has(b"Filter") {
                Err(e)
            } else {
                Ok(stream.content.clone())
            }
        }) else {
            self.notes.bad_content = Some("a form's content could not be decompressed".into());
            return;
        };
        let matrix = form_matrix(self.doc, &stream.dict);
        let mut inner = gs.clone();
        let ctm = matrix.then(&gs.ctm);
        if ctm.finite() {
            inner.ctm = ctm;
        }
        let mut dicts = Vec::new();
        if let Some(d) = stream.dict.get(b"Resources").ok().map(|o| deref(self.doc, o)).and_then(|o| o.as_dict().ok()) {
            dicts.push(d);
        }
        dicts.extend(res.dicts.iter().copied());
        let inner_res = Res { dicts };
        if let Some(i) = id {
            self.forms.push(i);
        }
        self.run(&bytes, &inner_res, inner, depth + 1);
        if id.is_some() {
            self.forms.pop();
        }
    }

    /// Records an image painted into the unit square of the current matrix.
    fn image(&mut self, gs: &GState, object: Option<(u32, u16)>) {
        let m = gs.ctm.then(&self.page_m);
        let corners = [m.apply(0.0, 0.0), m.apply(1.0, 0.0), m.apply(0.0, 1.0), m.apply(1.0, 1.0)];
        self.record(bounds(&corners), GraphicKind::Image { object });
    }

    /// Adds a point, in user space, to the box of the path being built.
    fn path_point(&mut self, gs: &GState, x: f32, y: f32) {
        let (x, y) = gs.ctm.then(&self.page_m).apply(x, y);
        if !(x.is_finite() && y.is_finite()) {
            return;
        }
        let p = Rect { x0: x, y0: y, x1: x, y1: y };
        self.path = Some(self.path.map_or(p, |r| r.union(&p)));
    }

    /// Paints the path being built; a path painted white is not recorded.
    fn paint(&mut self, kind: GraphicKind, invisible: bool) {
        if let Some(r) = self.path.take() {
            if !invisible {
                self.record(r, kind);
            }
        }
    }

    /// Keeps a graphic's box, clipped to the page, within the page's limit.
    fn record(&mut self, r: Rect, kind: GraphicKind) {
        let p = self.page_box;
        let c = Rect { x0: r.x0.max(p.x0), y0: r.y0.max(p.y0), x1: r.x1.min(p.x1), y1: r.y1.min(p.y1) };
        if c.x1 < c.x0 || c.y1 < c.y0 || !(c.x0.is_finite() && c.y0.is_finite() && c.x1.is_finite() && c.y1.is_finite()) {
            return;
        }
        if self.graphics.len() < MAX_GRAPHICS_PER_PAGE {
            self.graphics.push(Graphic { bbox: c, kind });
        }
    }

    /// Shows a string: one glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M) {
        let Some(font) = gs.font.clone() else { return };
        let invisible = gs.render == 3 || gs.render == 7;
        let mut codes = std::mem::take(&mut self.codes);
        codes.clear();
        font.codes(bytes, &mut codes);
        for code in &codes {
            let w0 = font.width(self.doc, code.code);
            let trm = M([gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise]).then(tm).then(&gs.ctm);
            let full = trm.then(&self.page_m);
            if self.stats.glyphs >= MAX_GLYPHS {
                self.notes.glyph_limit = true;
                break;
            }
            let space = if code.code == 32 && code.len == 1 { gs.word_spacing } else { 0.0 };
            if full.finite() {
                // A space's box spans the pen's real advance, spacing included; one that
                // barely moves the pen (justification tricks) separates nothing and is left out.
                let advance = (w0 * gs.size + gs.char_spacing + space) / gs.size.abs().max(1e-6);
                self.emit(&font, code.code, w0, advance, &full, invisible);
            }
            *tm = if font.vertical {
                M::translate(0.0, -gs.size + gs.char_spacing + space)
            } else {
                M::translate((w0 * gs.size + gs.char_spacing + space) * gs.hscale, 0.0)
            }
            .then(tm);
        }
        self.codes = codes;
    }

    fn emit(&mut self, font: &Font, code: u32, w0: f32, advance: f32, full: &M, invisible: bool) {
        let mut w0 = w0;
        let text = match font.text(self.doc, code) {
            Some(t) if is_blank(&t) && !font.vertical => {
                if advance < 0.1 {
                    return;
                }
                w0 = advance;
                t
            }
            Some(t) => t,
            // A zero-width glyph without text (a control code drawn as nothing) is no text.
            None if w0 == 0.0 => return,
            None => {
                self.stats.unmapped_glyphs += 1;
                font.unmapped.set(font.unmapped.get() + 1);
                Arc::clone(self.unmapped.get_or_insert_with(|| Arc::from(UNMAPPED)))
            }
        };
        self.stats.glyphs += 1;
        if font.stand_in {
            self.notes.stand_in_glyphs += 1;
        }
        if invisible {
            self.stats.invisible_glyphs += 1;
        }
        let (xa, xb, ya, yb) = if font.vertical { (-0.5, 0.5, -1.0, 0.0) } else { (0.0, w0, font.descent, font.ascent) };
        let pts = [full.apply(xa, ya), full.apply(xb, ya), full.apply(xa, yb), full.apply(xb, yb)];
        let bbox = Rect {
            x0: pts.iter().map(|p| p.0).fold(f32::INFINITY, f32::min),
            y0: pts.iter().map(|p| p.1).fold(f32::INFINITY, f32::min),
            x1: pts.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max),
            y1: pts.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max),
        };
        let [a, b, c, d, _, _] = full.0;
        // The height across the baseline: skew (synthetic italics) and horizontal scaling do not count.
        let run = (a * a + b * b).sqrt();
        let size = if run > 1e-6 { (a * d - b * c).abs() / run } else { (c * c + d * d).sqrt() };
        let upright = !font.vertical && a > 0.0 && b.abs() <= 0.05 * a && d < 0.0;
        let baseline = full.apply(0.0, 0.0).1;
        let artifact = self.marked.iter().any(|m| m.artifact);
        let tag = if self.tags.is_empty() { None } else { self.marked.iter().rev().find_map(|m| m.mcid).and_then(|id| self.tags.get(&id).copied()) };
        self.glyphs.push(Glyph { text, bbox, baseline, font: font.index, size, invisible, artifact, upright, tag });
    }
}


#[cfg(test)]
pub(super) mod tests;
