//! Reading a PDF: positioned text through lopdf. The only module that uses lopdf.
//!
//! [`extract`] runs in three steps: `load` opens the file (sniffing, repair, decryption,
//! limits), `glyphs` interprets each page's content stream into positioned `Glyph`s
//! through the font layer in `fonts`, and `lines` groups glyphs into words, lines and
//! blocks and orders them for reading.

mod fonts;
mod glyphs;
mod lines;
mod order;
mod info;
mod load;

use crate::error::{Error, Result, Stage, Warned, Warning};
use crate::layout::{ExtractStats, Layout, Rect};
use std::sync::Arc;

/// Settings for reading a PDF.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// The user password of an encrypted PDF; the empty password is always tried.
    pub password: Option<String>,
}

/// One glyph as drawn on a page, in the layout's coordinates (top-left origin, y down).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Glyph {
    /// Its Unicode text: usually one character, several for a ligature, " " for a space.
    /// Shared with the font's table of texts by code, so drawing a glyph allocates nothing.
    pub text: Arc<str>,
    /// The box from the font's descent to its ascent, across the glyph's advance.
    pub bbox: Rect,
    /// The baseline's y position.
    pub baseline: f32,
    /// Index into [`Layout::fonts`].
    pub font: u32,
    /// Font size as drawn, in points.
    pub size: f32,
    /// Whether it is drawn invisibly (render mode 3).
    pub invisible: bool,
    /// Whether the text runs upright (left to right along x); false for rotated or vertical text.
    pub upright: bool,
}

/// Whether a text is all white space (an explicit space glyph); true for "".
///
/// Glyph texts are mostly one ASCII byte, which is answered without decoding.
#[inline]
pub(crate) fn is_blank(text: &str) -> bool {
    match text.as_bytes() {
        [b] if b.is_ascii() => matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
        _ => text.chars().all(char::is_whitespace),
    }
}

/// The glyphs of one page, in content-stream order.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageGlyphs {
    /// Page number, counting from 1.
    pub number: u32,
    /// Width of the visible area, in points.
    pub width: f32,
    /// Height of the visible area, in points.
    pub height: f32,
    /// Glyphs in the order they are drawn.
    pub glyphs: Vec<Glyph>,
}

/// Reads a PDF and returns its positioned text in reading order.
pub fn extract(pdf: &[u8], opts: &ExtractOptions) -> Result<Warned<Layout>> {
    extract_with(pdf, opts, true)
}

/// [`extract`], on a second thread for line building only when `parallel`.
pub(crate) fn extract_with(pdf: &[u8], opts: &ExtractOptions, parallel: bool) -> Result<Warned<Layout>> {
    let mut warnings = Vec::new();
    let doc = load::open(pdf, opts.password.as_deref(), &mut warnings)?;
    let mut fonts = fonts::FontCache::default();
    let mut stats = ExtractStats::default();
    let mut visible = 0u64;
    let mut expected = 0;
    // Pages are read on this thread and set into lines and blocks on a second one, each
    // page as soon as it is read: the two halves cost about the same.
    let pages = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<PageGlyphs>(4);
        let builder = parallel.then(|| s.spawn(move || rx.into_iter().map(lines::build_page).collect::<Vec<_>>()));
        let mut pages = Vec::new();
        for (number, page_id) in (1u32..).zip(load::pages(&doc)) {
            let page = glyphs::read_page(&doc, page_id, number, expected, &mut fonts, &mut stats, &mut warnings);
            expected = page.glyphs.len();
            visible += page.glyphs.iter().filter(|g| !g.invisible && !is_blank(&g.text)).count() as u64;
            if builder.is_none() {
                pages.push(lines::build_page(page));
            } else if tx.send(page).is_err() {
                break;
            }
        }
        drop(tx);
        match builder {
            Some(b) => b.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => pages,
        }
    });
    if stats.glyphs == 0 || (visible == 0 && stats.invisible_glyphs == 0) {
        if doc.xref_recovery.is_some() {
            // A rebuilt file with nothing readable is more likely broken than scanned.
            return Err(Error::Malformed {
                reason: "the cross-reference table had to be rebuilt and no readable text was found".into(),
            });
        }
        return Err(Error::NoTextLayer { pages: pages.len() as u32 });
    }
    if stats.invisible_glyphs > 0 && visible == 0 {
        warnings.push(Warning::new(Stage::Extract, "all text is invisible (an OCR layer over scanned pages); its quality depends on the OCR"));
    }
    for f in &fonts.loaded {
        let n = f.unmapped.get();
        if n > 0 {
            warnings.push(Warning::new(
                Stage::Extract,
                format!("font {}: {n} glyph(s) have no Unicode mapping and were replaced by U+FFFD", f.info.name),
            ));
        }
    }
    let info = info::read(&doc);
    Ok(Warned { output: Layout { pages, fonts: fonts.infos, info, stats }, warnings })
}
