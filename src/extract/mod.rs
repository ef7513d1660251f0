//! Reading a PDF: positioned text through lopdf. The only module that uses lopdf.
//!
//! [`extract`] runs in three steps: `load` opens the file (sniffing, repair, decryption,
//! limits), `glyphs` interprets each page's content stream into positioned `Glyph`s
//! through the font layer in `fonts`, and `lines` groups glyphs into words, lines and
//! blocks and orders them for reading.

mod bidi;
mod fonts;
mod glyphs;
mod lines;
mod order;
mod info;
mod labels;
mod load;
mod tags;
#[cfg(test)]
mod recall_tests;

use crate::error::{Error, Result, Stage, Warned, Warning};
use crate::layout::{ExtractStats, FontInfo, Layout, Page, Rect};
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Whether a tagged PDF marks it as an artifact (a running head, a page number).
    pub artifact: bool,
    /// Whether the text runs upright (left to right along x); false for rotated or vertical text.
    pub upright: bool,
    /// What a tagged PDF's structure tree says it is part of.
    pub tag: Option<crate::layout::Tag>,
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
    /// Images and painted paths in the order they are drawn.
    pub graphics: Vec<crate::layout::Graphic>,
    /// Link annotations to web addresses.
    pub links: Vec<crate::layout::LinkArea>,
}

/// Reads a PDF and returns its positioned text in reading order.
pub fn extract(pdf: &[u8], opts: &ExtractOptions) -> Result<Warned<Layout>> {
    extract_with(pdf, opts, true)
}

/// [`extract`], with a second thread reading pages only when `parallel`.
pub(crate) fn extract_with(pdf: &[u8], opts: &ExtractOptions, parallel: bool) -> Result<Warned<Layout>> {
    let mut warnings = Vec::new();
    let doc = load::open(pdf, opts.password.as_deref(), &mut warnings)?;
    let page_ids = load::pages(&doc);
    let tags = tags::read(&doc, &page_ids);
    let read = (parallel && page_ids.len() > 1)
        .then(|| read_in_parallel(&doc, &page_ids, &tags))
        .flatten()
        .unwrap_or_else(|| read_in_order(&doc, &page_ids, &tags, parallel));
    let Read { mut pages, fonts, unmapped, stats, visible, warnings: page_warnings } = read;
    for line in pages.iter_mut().flat_map(|p| p.blocks.iter_mut()).flat_map(|b| b.lines.iter_mut()) {
        bidi::to_logical(line);
    }
    warnings.extend(page_warnings);
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
    for (name, n) in unmapped {
        if n > 0 {
            warnings.push(Warning::new(
                Stage::Extract,
                format!("font {name}: {n} glyph(s) have no Unicode mapping and were replaced by U+FFFD"),
            ));
        }
    }
    let mut info = info::read(&doc);
    info.page_labels = labels::read(&doc, pages.len());
    Ok(Warned { output: Layout { pages, fonts, info, stats }, warnings })
}

/// The pages of a document read and set into lines, with what their fonts turned out to be.
struct Read {
    pages: Vec<Page>,
    /// The distinct fonts, as [`Layout::fonts`].
    fonts: Vec<FontInfo>,
    /// Each font read, in the order first met: its name and how many glyphs had no Unicode.
    unmapped: Vec<(String, u64)>,
    stats: ExtractStats,
    /// Glyphs drawn visibly with text that is not blank.
    visible: u64,
    /// The pages' warnings, in page order.
    warnings: Vec<Warning>,
}

/// Visible glyphs with text that is not blank.
fn count_visible(page: &PageGlyphs) -> u64 {
    page.glyphs.iter().filter(|g| !g.invisible && !is_blank(&g.text)).count() as u64
}

/// Reads the pages in order with one font cache; with `parallel`, each page is set into
/// lines on a second thread as soon as it is read.
fn read_in_order(doc: &lopdf::Document, page_ids: &[lopdf::ObjectId], tags: &[tags::TagMap], parallel: bool) -> Read {
    let mut fonts = fonts::FontCache::default();
    let mut stats = ExtractStats::default();
    let mut warnings = Vec::new();
    let mut visible = 0u64;
    let mut expected = 0;
    let pages = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<PageGlyphs>(4);
        let builder = parallel.then(|| s.spawn(move || rx.into_iter().map(lines::build_page).collect::<Vec<_>>()));
        let mut pages = Vec::new();
        for (number, &page_id) in (1u32..).zip(page_ids) {
            fonts.page = number;
            let page = glyphs::read_page(doc, page_id, number, expected, &tags[number as usize - 1], &mut fonts, &mut stats, &mut warnings);
            expected = page.glyphs.len();
            visible += count_visible(&page);
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
    let unmapped = fonts.loaded.iter().map(|f| (f.info.name.clone(), f.unmapped.get())).collect();
    Read { pages, fonts: fonts.infos, unmapped, stats, visible, warnings }
}

/// What one of two page readers did: its pages (set into lines, fonts numbered its own way),
/// the fonts it met and its counts.
struct Reader {
    /// Page index, page, its warnings and its visible glyphs.
    done: Vec<(usize, Page, Vec<Warning>, u64)>,
    first_use: Vec<(u32, fonts::FontKey)>,
    fonts: std::collections::HashMap<fonts::FontKey, Option<(FontInfo, u32, u64)>>,
    stats: ExtractStats,
}

/// Reads pages on two threads, each taking the next page not yet taken and setting it into
/// lines, each with its own font cache; then numbers the fonts as one reader in page order
/// would have. `None` where the result could differ from [`read_in_order`]'s: a document
/// near the glyph limit, or a font read differently by the two (its name taken from the
/// resource name it was first asked by); the caller then reads in order.
fn read_in_parallel(doc: &lopdf::Document, page_ids: &[lopdf::ObjectId], tags: &[tags::TagMap]) -> Option<Read> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut fonts = fonts::FontCache::default();
        let mut stats = ExtractStats::default();
        let mut done = Vec::new();
        let mut expected = 0;
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(&page_id) = page_ids.get(i) else { break };
            let number = i as u32 + 1;
            fonts.page = number;
            let mut warnings = Vec::new();
            let page = glyphs::read_page(doc, page_id, number, expected, &tags[number as usize - 1], &mut fonts, &mut stats, &mut warnings);
            expected = page.glyphs.len();
            let visible = count_visible(&page);
            done.push((i, lines::build_page(page), warnings, visible));
        }
        Reader { done, first_use: std::mem::take(&mut fonts.first_use), fonts: fonts.summary(), stats }
    };
    let readers = std::thread::scope(|s| {
        let other = s.spawn(work);
        let mine = work();
        [mine, other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))]
    });
    merge_readers(readers, page_ids.len())
}

/// Joins two readers' pages, numbering fonts in the order a single reader would meet them.
fn merge_readers(readers: [Reader; 2], page_count: usize) -> Option<Read> {
    let mut stats = ExtractStats::default();
    for r in &readers {
        stats.glyphs += r.stats.glyphs;
        stats.unmapped_glyphs += r.stats.unmapped_glyphs;
        stats.invisible_glyphs += r.stats.invisible_glyphs;
    }
    if stats.glyphs >= glyphs::MAX_GLYPHS {
        return None;
    }
    // Each font's first use in the document: the earliest page, in the order that page's
    // reader asked for its fonts.
    let mut first: std::collections::HashMap<fonts::FontKey, (u32, usize, usize)> = Default::default();
    for (r, reader) in readers.iter().enumerate() {
        for (pos, &(page, key)) in reader.first_use.iter().enumerate() {
            let at = (page, r, pos);
            first.entry(key).and_modify(|e| *e = (*e).min(at)).or_insert(at);
        }
    }
    let mut order: Vec<(fonts::FontKey, (u32, usize, usize))> = first.into_iter().collect();
    order.sort_by_key(|&(_, at)| at);
    let mut infos: Vec<FontInfo> = Vec::new();
    let mut index: std::collections::HashMap<fonts::InfoKey, u32> = Default::default();
    let mut unmapped = Vec::new();
    for (key, (_, owner, _)) in &order {
        let got = readers[*owner].fonts.get(key)?;
        let described = |f: &Option<(FontInfo, u32, u64)>| f.as_ref().map(|f| f.0.clone());
        if readers.iter().filter_map(|r| r.fonts.get(key)).any(|f| described(f) != described(got)) {
            return None;
        }
        let Some((info, _, _)) = got else { continue };
        let next = infos.len() as u32;
        let i = *index.entry(fonts::info_key(info)).or_insert(next);
        if i == next {
            infos.push(info.clone());
        }
        let n = readers.iter().filter_map(|r| r.fonts.get(key)).flatten().map(|f| f.2).sum();
        unmapped.push((info.name.clone(), n));
    }
    let mut done: Vec<(usize, Page, Vec<Warning>, u64)> = Vec::with_capacity(page_count);
    for reader in readers {
        let mut global = Vec::new();
        for (info, local, _) in reader.fonts.values().flatten() {
            let l = *local as usize;
            if global.len() <= l {
                global.resize(l + 1, u32::MAX);
            }
            global[l] = *index.get(&fonts::info_key(info))?;
        }
        for (i, mut page, warnings, visible) in reader.done {
            for word in page.blocks.iter_mut().flat_map(|b| b.lines.iter_mut()).flat_map(|l| l.words.iter_mut()) {
                word.font = *global.get(word.font as usize).filter(|g| **g != u32::MAX)?;
            }
            done.push((i, page, warnings, visible));
        }
    }
    done.sort_by_key(|d| d.0);
    let mut read = Read { pages: Vec::with_capacity(done.len()), fonts: infos, unmapped, stats, visible: 0, warnings: Vec::new() };
    for (_, page, warnings, visible) in done {
        read.pages.push(page);
        read.warnings.extend(warnings);
        read.visible += visible;
    }
    Some(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object, Stream};

    /// A PDF whose pages draw with the given fonts of a shared resource dictionary, in order.
    fn pages_with_fonts(pages: &[&[&str]]) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let mut font_dict = lopdf::Dictionary::new();
        for (name, base) in [("F1", "Helvetica"), ("F2", "Times-Bold"), ("F3", "Courier")] {
            let id = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base, "Encoding" => "WinAnsiEncoding" });
            font_dict.set(name, id);
        }
        let mut kids = Vec::new();
        for fonts in pages {
            let mut content = String::new();
            for (i, f) in fonts.iter().enumerate() {
                content += &format!("BT /{f} 11 Tf 72 {} Td (Text in {f} here.) Tj ET\n", 700 - 20 * i);
            }
            let c = doc.add_object(Stream::new(lopdf::Dictionary::new(), content.into_bytes()));
            let page = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => c,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                "Resources" => dictionary! { "Font" => font_dict.clone() },
            });
            kids.push(Object::Reference(page));
        }
        let count = kids.len() as i64;
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saved");
        out
    }

    #[test]
    fn pages_read_on_two_threads_give_the_layout_read_in_order() {
        let pdf = pages_with_fonts(&[&["F2", "F1"], &["F3"], &["F1", "F3"], &["F3", "F2"], &["F1"], &["F2", "F3", "F1"]]);
        let opts = ExtractOptions::default();
        for _ in 0..5 {
            let (two, one) = (extract_with(&pdf, &opts, true).expect("read"), extract_with(&pdf, &opts, false).expect("read"));
            assert_eq!(two.output, one.output);
            assert_eq!(two.warnings, one.warnings);
        }
        let one = extract_with(&pdf, &opts, false).expect("read").output;
        let names: Vec<&str> = one.fonts.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Times-Bold", "Helvetica", "Courier"], "fonts are numbered in the order first drawn");
    }
}
