//! The cost of one rendered figure on real documents (run by hand; it reads the shared corpus).
//!
//! ```sh
//! cargo run --release --example render_cost
//! ```
//!
//! For each PDF in `../shared/corpus/real-dev` (or `$QUIRE_RENDER_CORPUS`), a document with one
//! figure covering the top half of page 2 (page 1 when there is one page) is rendered three
//! times on one thread; the median time is printed per document, then the median over all.
//! With `QUIRE_RENDER_DUMP=DIR` the pictures are also written to `DIR/NAME.png` for a look.

use quire::layout::Layout;
use quire::render::{render_pictures, RenderOptions};
use quire::tree::{Block, BoxPt, Figure, Provenance, Section};
use quire::Document;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn corpus() -> Vec<PathBuf> {
    let dir = std::env::var_os("QUIRE_RENDER_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real-dev"));
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "pdf")).collect())
        .unwrap_or_default();
    pdfs.sort();
    pdfs
}

fn top_half_figure(layout: &Layout) -> (Document, u32) {
    let page = layout.pages.get(1).or(layout.pages.first()).expect("a page");
    let bbox = BoxPt { x0: 0.0, y0: 0.0, x1: page.width, y1: page.height / 2.0 };
    let mut doc = Document::new();
    let block = Block::figure(Figure::default(), "", vec![Provenance { page: page.number, bbox }]);
    doc.sections.push(Section { level: 1, title: None, blocks: vec![block], source: vec![] });
    (doc, page.number)
}

fn main() {
    let pdfs = corpus();
    assert!(!pdfs.is_empty(), "no PDFs found; set QUIRE_RENDER_CORPUS");
    let mut opts = RenderOptions::default();
    opts.parallel = false;
    let mut medians = Vec::new();
    for path in &pdfs {
        let pdf = std::fs::read(path).expect("read");
        let Ok(layout) = quire::extract(&pdf, &Default::default()) else {
            eprintln!("{}: not readable, skipped", path.display());
            continue;
        };
        let layout = layout.output;
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..3 {
            let (mut doc, page) = top_half_figure(&layout);
            let started = Instant::now();
            let warnings = render_pictures(&pdf, &layout, &mut doc, &opts);
            times.push(started.elapsed());
            let img = doc.displays().next().and_then(|b| b.figure.as_ref()).and_then(|f| f.image.clone());
            // Every figure ends with a picture or a warning saying why not.
            assert!(img.is_some() || !warnings.is_empty(), "{}: no picture and no warning", path.display());
            last = Some((page, img, warnings));
        }
        times.sort();
        let (page, img, warnings) = last.expect("ran");
        let what = match &img {
            Some(i) => format!("{} × {} px {} KB", i.width, i.height, i.data.len() / 1024),
            None => format!("no picture: {}", warnings.first().map(|w| w.message.as_str()).unwrap_or("")),
        };
        if let (Some(dir), Some(img)) = (std::env::var_os("QUIRE_RENDER_DUMP"), &img) {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            std::fs::write(PathBuf::from(dir).join(format!("{stem}.png")), &img.data).expect("dumped");
        }
        eprintln!("{:>8.1} ms  page {page}  {what}  {}", times[1].as_secs_f64() * 1000.0, path.file_name().unwrap_or_default().to_string_lossy());
        medians.push(times[1]);
    }
    medians.sort();
    if let Some(m) = medians.get(medians.len() / 2) {
        eprintln!("median over {} documents: {:.1} ms per figure", medians.len(), m.as_secs_f64() * 1000.0);
    }
}
