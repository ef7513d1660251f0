//! Pictures of figures and wide tables: their printed regions rendered to PNG.
//!
//! [`render_pictures`] fills [`Figure::image`](crate::tree::Figure::image) and
//! [`Table::image`] from the source PDF so that the writers can show what the tree cannot
//! hold as text. Each page holding a region is rendered once (through hayro, a pure-Rust
//! renderer) and the regions are cut out of it; a figure that is exactly one embedded JPEG,
//! drawn upright with nothing over it, is passed through unchanged instead. A region the
//! renderer fails on keeps no picture and raises a warning naming its page; the
//! conversion goes on.

mod passthrough;
mod png;

use crate::layout::{Layout, Page as LayoutPage, Rect};
use crate::tree::{BlockKind, Document, Image, Table};
use crate::{Format, Stage, Warning};
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{InterpreterSettings, InterpreterWarning};
use hayro::hayro_syntax::page::Page;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Resolution pictures are made at unless a region is too big for it, in pixels per inch.
///
/// 150 dpi keeps chart labels readable on a phone held close without bloating an EPUB.
pub const DEFAULT_DPI: f32 = 150.0;

/// The highest resolution [`RenderOptions::dpi`] may ask for.
///
/// Above it pictures grow fourfold per doubling with nothing more to read.
pub const MAX_DPI: f32 = 200.0;

/// The most pixels one picture may have; a bigger region is made at a lower resolution.
///
/// 4 Mpx is a whole A4 page at 200 dpi: enough for any figure, and it bounds memory and time.
pub const MAX_PIXELS: u64 = 4_000_000;

/// The most columns a table may have and still be set as a table on a small screen.
///
/// A wider table also gets a picture (see [`table_needs_picture`]).
pub const WIDE_TABLE_COLUMNS: usize = 5;

/// Pages whose content stream holds more operators than this are not rendered.
///
/// A page of a million operations is a map or a plot of raw data; rendering it could take
/// minutes, so its regions keep no picture (with a warning) rather than hold up the batch.
pub const MAX_PAGE_OPERATIONS: usize = 1_000_000;

/// The fewest points a region must measure each way to be rendered.
const MIN_REGION_PT: f32 = 2.0;

/// Settings for [`render_pictures`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Resolution in pixels per inch (clamped to [`MAX_DPI`]); a region bigger than
    /// [`RenderOptions::max_pixels`] at it is made at a lower one.
    pub dpi: f32,
    /// The most pixels one picture may have.
    pub max_pixels: u64,
    /// The PDF's user password; the empty password is always tried.
    pub password: Option<String>,
    /// Whether two pages may be rendered at once on two threads (the pictures are the same).
    pub parallel: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { dpi: DEFAULT_DPI, max_pixels: MAX_PIXELS, password: None, parallel: true }
    }
}

/// Whether `table` is too wide to set on a small screen, so that it gets a picture.
///
/// The one rule for wide tables: the writers that choose between the grid and the picture
/// use it too (or simply `table.image.is_some()`).
pub fn table_needs_picture(table: &Table) -> bool {
    table_columns(table) > WIDE_TABLE_COLUMNS
}

/// How many columns the table's grid has, spans included.
///
/// Rows list only the cells that start in them, so a cell covered by a row span from
/// above pushes later cells of the row to the right, as in HTML.
pub fn table_columns(table: &Table) -> usize {
    // For each column, how many more rows a span from above still covers.
    let mut covered: Vec<u16> = Vec::new();
    let mut width = 0;
    for row in &table.rows {
        let mut col = 0;
        for cell in row {
            while covered.get(col).is_some_and(|&n| n > 0) {
                col += 1;
            }
            let span = usize::from(cell.colspan.max(1)).min(1000);
            if covered.len() < col + span {
                covered.resize(col + span, 0);
            }
            for c in &mut covered[col..col + span] {
                *c = cell.rowspan.max(1);
            }
            col += span;
        }
        width = width.max(col).max(covered.iter().rposition(|&n| n > 0).map_or(0, |i| i + 1));
        covered.iter_mut().for_each(|n| *n = n.saturating_sub(1));
    }
    width
}

/// Whether the document has a figure, or a table wide enough, that needs a picture.
///
/// [`crate::convert`] renders nothing (and opens no renderer) when it has none.
pub fn needs_pictures(doc: &Document) -> bool {
    doc.displays().any(|b| b.figure.is_some() || b.table.as_deref().is_some_and(table_needs_picture))
}

/// Whether a conversion writing `formats` should make pictures for `doc`: some format shows
/// them (JATS, EPUB, the reflowed PDF; not JSON) and [`needs_pictures`] holds.
pub fn pictures_wanted(formats: &[Format], doc: &Document) -> bool {
    formats.iter().any(|f| matches!(f, Format::Jats | Format::Epub | Format::Pdf)) && needs_pictures(doc)
}

/// Makes the pictures of the document's figures and wide tables from the source PDF.
///
/// Fills each figure's `image` (`fig-N.png`, or `fig-N.jpg` for a passed-through JPEG,
/// N counting the figures in document order from 1) and each wide table's (`table-N.png`,
/// N counting all tables). A block's region is the union of its `source` boxes on the page
/// of its first box. Returns the warnings: regions that keep no picture, with why, and
/// pictures that may be incomplete.
pub fn render_pictures(pdf: &[u8], layout: &Layout, doc: &mut Document, opts: &RenderOptions) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let jobs = collect_jobs(layout, doc, &mut warnings);
    if jobs.is_empty() {
        return warnings;
    }
    let Ok(Some(pdf)) = guarded(|| open(pdf, opts.password.as_deref())) else {
        warnings.push(Warning::new(
            Stage::Emit,
            format!("no pictures of figures or tables: the renderer could not open the PDF ({} left without)", jobs.len()),
        ));
        return warnings;
    };
    let mut by_page: BTreeMap<u32, Vec<&Job>> = BTreeMap::new();
    for j in &jobs {
        by_page.entry(j.page).or_default().push(j);
    }
    let pages: Vec<(u32, Vec<&Job>)> = by_page.into_iter().collect();
    let results = render_pages(&pdf, layout, &pages, opts);

    let mut made: Vec<Option<Image>> = vec![None; jobs.len()];
    for done in results {
        for (i, r) in done.pictures {
            match r {
                Ok(img) => made[i] = Some(img),
                Err(why) => warnings.push(Warning {
                    stage: Stage::Emit,
                    page: Some(done.page),
                    message: format!("{} keeps no picture: {why}", jobs[i].name),
                }),
            }
        }
        warnings.extend(done.notes.into_iter().map(|m| Warning { stage: Stage::Emit, page: Some(done.page), message: m }));
    }
    for (job, img) in jobs.iter().zip(made) {
        let block = &mut doc.sections[job.section].blocks[job.block];
        match (&mut block.figure, &mut block.table) {
            (Some(f), _) if job.figure => f.image = img,
            (_, Some(t)) if !job.figure => t.image = img,
            _ => {}
        }
    }
    warnings
}

/// One region to make a picture of.
#[derive(Debug, Clone)]
struct Job {
    /// Its place in the document-order list of jobs.
    index: usize,
    section: usize,
    block: usize,
    /// A figure (else a wide table).
    figure: bool,
    /// The file name without extension: `fig-3`, `table-1`.
    stem: String,
    /// How warnings name it: `figure 3 ("Figure 2.1")`.
    name: String,
    page: u32,
    region: Rect,
}

/// The regions to render, in document order; a region that cannot be rendered is warned of here.
fn collect_jobs(layout: &Layout, doc: &Document, warnings: &mut Vec<Warning>) -> Vec<Job> {
    let (mut figures, mut tables) = (0, 0);
    let mut jobs = Vec::new();
    for (si, s) in doc.sections.iter().enumerate() {
        for (bi, b) in s.blocks.iter().enumerate() {
            let (figure, label, stem) = match (b.kind, &b.figure, &b.table) {
                (BlockKind::Figure, Some(f), _) => {
                    figures += 1;
                    (true, f.label.clone(), format!("fig-{figures}"))
                }
                (BlockKind::Table, _, Some(t)) => {
                    tables += 1;
                    if !table_needs_picture(t) {
                        continue;
                    }
                    (false, t.label.clone(), format!("table-{tables}"))
                }
                _ => continue,
            };
            let kind = if figure { "figure" } else { "table" };
            let n = if figure { figures } else { tables };
            let name = match label {
                Some(l) => format!("{kind} {n} (\"{l}\")"),
                None => format!("{kind} {n}"),
            };
            let Some(first) = b.source.first() else {
                warnings.push(Warning::new(Stage::Emit, format!("{name} keeps no picture: the tree does not say where it was printed")));
                continue;
            };
            let page = first.page;
            let Some(lp) = page.checked_sub(1).and_then(|i| layout.pages.get(i as usize)) else {
                warnings.push(Warning::new(Stage::Emit, format!("{name} keeps no picture: its page {page} is not in the PDF")));
                continue;
            };
            let region = b
                .source
                .iter()
                .filter(|p| p.page == page)
                .map(|p| Rect { x0: p.bbox.x0, y0: p.bbox.y0, x1: p.bbox.x1, y1: p.bbox.y1 })
                .reduce(|a, r| a.union(&r))
                .unwrap_or_default();
            match clamp_to_page(region, lp) {
                Some(region) => jobs.push(Job { index: jobs.len(), section: si, block: bi, figure, stem, name, page, region }),
                None => warnings.push(Warning {
                    stage: Stage::Emit,
                    page: Some(page),
                    message: format!("{name} keeps no picture: its region lies off the page or is too small to show"),
                }),
            }
        }
    }
    jobs
}

/// `r` clipped to the page, or `None` when little or nothing of it is on the page.
fn clamp_to_page(r: Rect, page: &LayoutPage) -> Option<Rect> {
    let ok = |v: f32| v.is_finite();
    if ![r.x0, r.y0, r.x1, r.y1, page.width, page.height].into_iter().all(ok) {
        return None;
    }
    let c = Rect { x0: r.x0.max(0.0), y0: r.y0.max(0.0), x1: r.x1.min(page.width), y1: r.y1.min(page.height) };
    (c.width() >= MIN_REGION_PT && c.height() >= MIN_REGION_PT).then_some(c)
}

/// Opens the PDF for rendering with the given password, then with the empty one.
fn open(pdf: &[u8], password: Option<&str>) -> Option<Pdf> {
    if let Some(p) = password.filter(|p| !p.is_empty()) {
        if let Ok(doc) = Pdf::new_with_password(pdf.to_vec(), p) {
            return Some(doc);
        }
    }
    Pdf::new(pdf.to_vec()).ok()
}

/// What rendering one page gave: each job's picture or why there is none, and notes.
struct PageDone {
    page: u32,
    pictures: Vec<(usize, Result<Image, String>)>,
    notes: Vec<String>,
}

/// Renders the pages in order, on two threads when allowed and worth it; results in page order.
fn render_pages(pdf: &Pdf, layout: &Layout, pages: &[(u32, Vec<&Job>)], opts: &RenderOptions) -> Vec<PageDone> {
    fn one<'p>(pdf: &'p Pdf, cache: &RenderCache<'p>, layout: &Layout, (page, jobs): &(u32, Vec<&Job>), opts: &RenderOptions) -> PageDone {
        let lp = &layout.pages[*page as usize - 1];
        let (pictures, notes) = render_page(pdf, cache, lp, jobs, opts);
        PageDone { page: *page, pictures: jobs.iter().map(|j| j.index).zip(pictures).collect(), notes }
    }
    if !opts.parallel || pages.len() < 2 {
        let cache = RenderCache::new();
        return pages.iter().map(|p| one(pdf, &cache, layout, p, opts)).collect();
    }
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<PageDone>> = Mutex::new(Vec::with_capacity(pages.len()));
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                let cache = RenderCache::new();
                while let Some(p) = pages.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let done = one(pdf, &cache, layout, p, opts);
                    out.lock().unwrap_or_else(|e| e.into_inner()).push(done);
                }
            });
        }
    });
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    out.sort_by_key(|d| d.page);
    out
}

/// Makes the pictures of one page's jobs: JPEGs passed through, the rest cut from one rendering.
fn render_page<'p>(pdf: &'p Pdf, cache: &RenderCache<'p>, lp: &LayoutPage, jobs: &[&Job], opts: &RenderOptions) -> (Vec<Result<Image, String>>, Vec<String>) {
    let mut out: Vec<Option<Result<Image, String>>> = vec![None; jobs.len()];
    let mut notes = Vec::new();
    let Some(page) = pdf.pages().get(lp.number as usize - 1) else {
        let why = "the renderer finds no such page in the PDF".to_string();
        return (jobs.iter().map(|_| Err(why.clone())).collect(), notes);
    };
    let (w, h) = page.render_dimensions();
    if (w - lp.width).abs() > 1.0 || (h - lp.height).abs() > 1.0 {
        let why = format!("the renderer reads the page as {w:.0} × {h:.0} pt, not {:.0} × {:.0} pt", lp.width, lp.height);
        return (jobs.iter().map(|_| Err(why.clone())).collect(), notes);
    }

    // Checked first: even confirming a JPEG means interpreting the page.
    if guarded(|| too_busy(page)).unwrap_or(true) {
        let why = format!("the page draws more than {MAX_PAGE_OPERATIONS} operations, too many to render in reasonable time");
        return (jobs.iter().map(|_| Err(why.clone())).collect(), notes);
    }
    // Figures that are one embedded JPEG need no rendering.
    for (k, j) in jobs.iter().enumerate() {
        if j.figure {
            if let Ok(Some(mut img)) = guarded(|| passthrough::jpeg(pdf, page, lp, j.region)) {
                img.file = format!("{}.jpg", j.stem);
                out[k] = Some(Ok(img));
            }
        }
    }
    let rest: Vec<usize> = (0..jobs.len()).filter(|&k| out[k].is_none()).collect();
    if !rest.is_empty() {
        let regions: Vec<Rect> = rest.iter().map(|&k| jobs[k].region).collect();
        let pictures = render_regions(page, cache, &regions, opts, &mut notes);
        for (k, p) in rest.into_iter().zip(pictures) {
            out[k] = Some(p.map(|mut img| {
                img.file = format!("{}.png", jobs[k].stem);
                img
            }));
        }
    }
    (out.into_iter().map(|o| o.unwrap_or_else(|| Err("not rendered".into()))).collect(), notes)
}

/// Whether the page's content stream holds more than [`MAX_PAGE_OPERATIONS`] operators.
fn too_busy(page: &Page<'_>) -> bool {
    let mut ops = page.operations();
    let mut n = 0;
    while ops.next().is_some() {
        n += 1;
        if n > MAX_PAGE_OPERATIONS {
            return true;
        }
    }
    false
}

/// The resolution for a region: the asked one, lowered so the region stays under the pixel cap.
fn dpi_for(region: &Rect, opts: &RenderOptions) -> f32 {
    let dpi = if opts.dpi.is_finite() && opts.dpi > 0.0 { opts.dpi.min(MAX_DPI) } else { DEFAULT_DPI };
    let area_in2 = f64::from(region.width()) * f64::from(region.height()) / (72.0 * 72.0);
    let at = |d: f32| area_in2 * f64::from(d) * f64::from(d);
    let max = opts.max_pixels.max(1) as f64;
    if at(dpi) <= max {
        dpi
    } else {
        ((max / area_in2).sqrt() as f32).max(1.0)
    }
}

/// Renders the union of `regions` once and cuts each region out of it as a PNG.
///
/// All regions of a page share one resolution: the lowest any of them needs.
fn render_regions<'p>(
    page: &'p Page<'p>,
    cache: &RenderCache<'p>,
    regions: &[Rect],
    opts: &RenderOptions,
    notes: &mut Vec<String>,
) -> Vec<Result<Image, String>> {
    let mut dpi = regions.iter().map(|r| dpi_for(r, opts)).fold(f32::INFINITY, f32::min);
    let union = regions.iter().skip(1).fold(regions[0], |a, r| a.union(r));
    // The rendered area (several regions) may hold up to four pictures' worth of pixels.
    let union_opts = RenderOptions { max_pixels: opts.max_pixels.saturating_mul(4), ..opts.clone() };
    dpi = dpi.min(dpi_for(&union, &union_opts));
    // Each side must fit vello's u16 (and stay sane): at most 16384 pixels.
    let longest = union.width().max(union.height());
    dpi = dpi.min(16384.0 * 72.0 / longest);
    let s = f64::from(dpi) / 72.0;
    let px = |v: f32| (f64::from(v) * s).floor() as i64;
    let px_up = |v: f32| (f64::from(v) * s).ceil() as i64;
    let (ox, oy) = (px(union.x0), px(union.y0));
    let (w, h) = ((px_up(union.x1) - ox).max(1), (px_up(union.y1) - oy).max(1));

    let hayro_warnings: Arc<Mutex<Vec<InterpreterWarning>>> = Arc::default();
    let sink = hayro_warnings.clone();
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| sink.lock().unwrap_or_else(|e| e.into_inner()).push(w)),
        ..Default::default()
    };
    let transform = Affine::translate((-(ox as f64), -(oy as f64))) * Affine::scale(s) * page.initial_transform(true).to_kurbo();
    let rendered = guarded(|| {
        let mut ctx = RenderContext::new(w as u16, h as u16);
        hayro::render_into(page, cache, &settings, &RenderSettings::default(), &mut ctx, transform);
        ctx.flush();
        let mut pixmap = Pixmap::new(ctx.width(), ctx.height());
        let raster = RasterizerSettings { target_init: TargetInit::Clear(WHITE), ..Default::default() };
        ctx.render_with(&mut pixmap, &mut Resources::default(), raster);
        pixmap
    });
    let pixmap = match rendered {
        Ok(p) => p,
        Err(panic) => {
            let why = format!("the renderer failed on the page ({panic})");
            return regions.iter().map(|_| Err(why.clone())).collect();
        }
    };
    let seen = hayro_warnings.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if seen.iter().any(|w| matches!(w, InterpreterWarning::ImageDecodeFailure)) {
        notes.push("an image on the page could not be decoded; its figure's picture may lack it".into());
    }
    if seen.iter().any(|w| matches!(w, InterpreterWarning::UnsupportedFont)) {
        notes.push("a font on the page could not be loaded; text in its figure's picture may be missing".into());
    }

    let rgba = pixmap.data_as_u8_slice();
    let (pw, ph) = (i64::from(pixmap.width()), i64::from(pixmap.height()));
    regions
        .iter()
        .map(|r| {
            let x0 = (px(r.x0) - ox).clamp(0, pw);
            let y0 = (px(r.y0) - oy).clamp(0, ph);
            let x1 = (px_up(r.x1) - ox).clamp(x0, pw);
            let y1 = (px_up(r.y1) - oy).clamp(y0, ph);
            let (cw, ch) = ((x1 - x0) as usize, (y1 - y0) as usize);
            if cw == 0 || ch == 0 {
                return Err("its region is empty once rendered".to_string());
            }
            let mut rgb = Vec::with_capacity(cw * ch * 3);
            for y in y0..y1 {
                let row = (y * pw) as usize * 4;
                for px in rgba[row + x0 as usize * 4..row + x1 as usize * 4].chunks_exact(4) {
                    rgb.extend_from_slice(&px[..3]);
                }
            }
            if rgb.iter().all(|&v| v == 255) {
                return Err("nothing visible was rendered in its region".to_string());
            }
            let data = png::encode_rgb(&rgb, cw as u32, ch as u32).map_err(|e| format!("the picture could not be encoded ({e})"))?;
            Ok(Image { file: String::new(), media_type: "image/png".into(), width: cw as u32, height: ch as u32, dpi, data })
        })
        .collect()
}

/// Runs `f`, turning a panic inside it (a bug in the renderer on some PDF) into its message.
///
/// Nothing `f` touches outlives it but its result, so a half-done state is never seen.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let msg = panic.downcast_ref::<String>().cloned().or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
        format!("panic: {}", msg.unwrap_or_else(|| "no message".into()))
    })
}

#[cfg(test)]
mod tests;
