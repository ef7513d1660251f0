//! Figures and tables in the reflowed PDF, set where they stand in the text.
//!
//! A figure is its picture, scaled to the measure (never wider, never taller than the
//! text area leaves room for with its caption, aspect kept, never enlarged beyond its
//! size at the resolution it was made at), centred, with the caption under it in smaller
//! type: label in bold, then the text. Picture and caption move to the next page
//! together rather than split. A figure without a usable picture keeps its caption.
//!
//! A table has its caption above it and is set as a table when it fits the measure, at
//! 85 % of the body size, else at 75 %; when it fits at neither, its picture is shown
//! like a figure's when there is one, else each row is set as a paragraph ("first cell —
//! Header: value; …", see [`table::rows_as_list`]) after a line saying so. Notes follow
//! in small type.

use super::fonts::Style;
use super::images::{self, XImage};
use super::layout::{Line, LineImage, ParaStyle, Setter, Span};
use super::table::{self, Grid, TableSpec};
use super::{push, Styles};
use crate::emit::display;
use crate::error::{Stage, Warning};
use crate::tree::{Block, BlockKind, Image};

/// Pictures placed so far and warnings about those that could not be.
pub(super) struct Displays {
    /// Pictures in the order lines refer to them.
    pub images: Vec<XImage>,
    /// Pictures left out, and why.
    pub warnings: Vec<Warning>,
    /// Height of the text area, in points.
    pub height: f32,
}

/// Resolution assumed for a picture that does not say what it was made at.
const DEFAULT_DPI: f32 = 150.0;

impl Displays {
    /// An empty list for a text area `height` points tall.
    pub fn new(height: f32) -> Displays {
        Displays { images: Vec::new(), warnings: Vec::new(), height }
    }

    /// Reads a picture into the list; `None` (with a warning) when it cannot be used.
    fn add(&mut self, img: &Image, what: &str) -> Option<(usize, &XImage)> {
        if img.data.is_empty() {
            self.warnings.push(Warning::new(Stage::Emit, format!("reflowed PDF: {what}: picture {} has no data; set without it", img.file)));
            return None;
        }
        match images::prepare(img) {
            Ok(x) => {
                self.images.push(x);
                self.images.last().map(|x| (self.images.len() - 1, x))
            }
            Err(e) => {
                self.warnings.push(Warning::new(Stage::Emit, format!("reflowed PDF: {what}: picture {} left out: {e}", img.file)));
                None
            }
        }
    }

    /// Sets a figure or table block; `caption` is its content as spans (note calls included).
    pub fn block(&mut self, out: &mut Vec<Line>, s: &Setter, st: &Styles, b: &Block, caption: &[Span], tie: bool) {
        let caption = self.caption(s, st, b, caption);
        match b.kind {
            BlockKind::Table => self.table(out, s, st, b, caption, tie),
            _ => {
                let f = display::figure(b);
                let pic = f.image.as_ref().and_then(|img| self.picture(s, img, &display::name(b), st, &caption));
                let mut lines = Vec::new();
                if let Some(p) = pic {
                    lines.push(p);
                }
                let had_picture = !lines.is_empty();
                lines.extend(caption);
                if let Some(first) = lines.first_mut() {
                    first.space_before = st.lead * 0.8;
                }
                if had_picture {
                    if let Some(c) = lines.get_mut(1) {
                        c.space_before = st.size * 0.5;
                    }
                }
                lines.iter_mut().skip(1).for_each(|l| l.keep_with_prev = true);
                push(out, lines, tie);
            }
        }
    }

    /// The caption as lines in small type (label bold, then the text); every line kept
    /// with the one before.
    fn caption(&self, s: &Setter, st: &Styles, b: &Block, caption: &[Span]) -> Vec<Line> {
        let mut spans = Vec::new();
        if let Some(l) = display::label(b) {
            let stop = if l.ends_with(|c: char| c.is_ascii_punctuation()) { "" } else { "." };
            spans.push(Span::new(format!("{l}{stop} "), Style::Bold));
        }
        spans.extend(caption.iter().cloned());
        let ps = ParaStyle { justify: false, keep_together: true, ..st.scaled(0.85, 1.3) };
        let mut lines = s.paragraph(&spans, &ps);
        // Kept together, but a page may break above it (`keep_together` ties the first line too).
        for (i, l) in lines.iter_mut().enumerate() {
            l.keep_with_prev = i > 0;
        }
        lines
    }

    /// The picture's line, scaled to the measure and to the page height `caption` leaves.
    fn picture(&mut self, s: &Setter, img: &Image, what: &str, st: &Styles, caption: &[Line]) -> Option<Line> {
        let reserved = caption.iter().map(|l| l.lead + l.space_before).sum::<f32>() + st.lead * 1.5;
        let max_h = (self.height - reserved).max(self.height * 0.3);
        let dpi = if img.dpi.is_finite() && img.dpi >= 30.0 { img.dpi } else { DEFAULT_DPI };
        let (index, x) = self.add(img, what)?;
        let (w, h) = fit(x.width as f32 * 72.0 / dpi, x.height as f32 * 72.0 / dpi, s.measure, max_h);
        let image = LineImage { index, x: (s.measure - w) / 2.0, width: w, height: h };
        Some(Line { lead: h, size: st.size, image: Some(image), ..Default::default() })
    }

    fn table(&mut self, out: &mut Vec<Line>, s: &Setter, st: &Styles, b: &Block, caption: Vec<Line>, tie: bool) {
        let t = display::table(b);
        let grid = Grid::new(&t.rows);
        let header_rows = t.header_rows.min(grid.rows);
        let mut lines = caption;
        let set = [0.85, 0.75].iter().find_map(|k| table::set(s, &TableSpec { grid: &grid, header_rows, size: st.size * k }));
        match set {
            Some(rows) => lines.extend(rows),
            None => {
                let pic = t.image.as_ref().and_then(|img| self.picture(s, img, &display::name(b), st, &lines));
                match pic {
                    Some(mut p) => {
                        p.space_before = st.size * 0.5;
                        p.keep_with_prev = true;
                        lines.push(p);
                    }
                    None => lines.extend(list_of_rows(s, st, &grid, header_rows)),
                }
            }
        }
        let notes = ParaStyle { justify: false, space_before: st.size * 0.3, ..st.scaled(0.78, 1.3) };
        for n in t.notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let mut l = s.paragraph(&[Span::new(n, Style::Regular)], &notes);
            l.iter_mut().for_each(|l| {
                l.keep_with_prev = true;
                l.tight = true;
            });
            lines.extend(l);
        }
        if let Some(first) = lines.first_mut() {
            first.space_before = st.lead * 0.8;
            first.keep_with_prev = false;
        }
        push(out, lines, tie);
    }
}

/// A picture of natural size `w` × `h` points scaled to fit `max_w` × `max_h`, aspect
/// kept, never enlarged.
fn fit(w: f32, h: f32, max_w: f32, max_h: f32) -> (f32, f32) {
    if !(w > 0.0 && h > 0.0) {
        return (0.0, 0.0);
    }
    let k = (max_w / w).min(max_h / h).min(1.0);
    (w * k, h * k)
}

/// The rows of a table too wide for the page, each as a paragraph, after a line that says so.
fn list_of_rows(s: &Setter, st: &Styles, grid: &Grid, header_rows: usize) -> Vec<Line> {
    let note = ParaStyle { justify: false, space_before: st.size * 0.4, ..st.scaled(0.8, 1.3) };
    let mut lines = s.paragraph(&[Span::new("(Too wide for this page: the table is set as a list of its rows.)", Style::Italic)], &note);
    lines.iter_mut().for_each(|l| l.keep_with_prev = true);
    let ps = ParaStyle {
        left: st.size * 1.2,
        first: -st.size * 1.2,
        justify: false,
        space_before: st.size * 0.3,
        ..st.scaled(0.85, 1.3)
    };
    for (i, spans) in table::rows_as_list(grid, header_rows).into_iter().enumerate() {
        let mut l = s.paragraph(&spans, &ps);
        if i == 0 {
            l.iter_mut().for_each(|l| l.keep_with_prev = true);
        }
        lines.extend(l);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::{pdf, PageSize, PdfOptions};
    use super::*;
    use crate::tree::{Cell, Document, Figure, Section, Table};

    /// An RGBA picture of `w` × `h`, half transparent, rows unfiltered.
    fn rgba(w: u32, h: u32) -> Image {
        let mut rows = Vec::new();
        for y in 0..h {
            rows.push(0);
            for x in 0..w {
                rows.extend_from_slice(&[(x * 20) as u8, (y * 20) as u8, 128, 128]);
            }
        }
        let data = images::tests::png_file(w, h, 8, 6, None, &rows);
        Image { file: "fig-1.png".into(), media_type: "image/png".into(), width: w, height: h, dpi: 40.0, data }
    }

    fn long_table(rows: usize) -> Table {
        let mut r = vec![vec![Cell::new("Country"), Cell::new("Sector"), Cell::new("Value")]];
        for i in 0..rows {
            r.push(vec![Cell::new(format!("Place{i}")), Cell::new("Machinery and transport"), Cell::new(format!("{i}.5"))]);
        }
        Table { label: Some("Table 1".into()), rows: r, header_rows: 1, notes: vec![], ruled: true, image: None }
    }

    fn doc(blocks: Vec<Block>) -> Document {
        let mut d = Document::new();
        d.front.title = Some("Displays".into());
        d.sections.push(Section { level: 1, title: Some("One".into()), blocks, source: vec![] });
        d
    }

    /// Per page: the words read back by quire's extractor.
    fn page_texts(bytes: &[u8]) -> Vec<String> {
        let layout = crate::extract(bytes, &Default::default()).unwrap().output;
        layout.pages.iter().map(|p| p.blocks.iter().map(|b| b.text()).collect::<Vec<_>>().join(" ")).collect()
    }

    /// Per page: the (width, height, x, y) of each picture drawn, from the `cm` before each `Do`.
    fn pictures_drawn(bytes: &[u8]) -> Vec<Vec<[f32; 4]>> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.get_pages()
            .values()
            .map(|&id| {
                let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
                let mut last_cm = None;
                let mut out = Vec::new();
                for op in &content.operations {
                    let nums: Vec<f32> = op.operands.iter().filter_map(|o| o.as_float().ok()).collect();
                    match op.operator.as_str() {
                        "cm" if nums.len() == 6 && (nums[0] != 1.0 || nums[3] != 1.0) => last_cm = Some([nums[0], nums[3], nums[4], nums[5]]),
                        "Do" => out.extend(last_cm.take()),
                        _ => {}
                    }
                }
                out
            })
            .collect()
    }

    #[test]
    fn figure_is_an_image_xobject_scaled_to_the_measure_with_its_caption() {
        let f = Figure { label: Some("Figure 1".into()), alt: None, inner_text: vec![], image: Some(rgba(300, 200)) };
        let d = doc(vec![Block::paragraph("Text before.", vec![]), Block::figure(f, "Rising exports", vec![])]);
        let out = pdf(&d, &PdfOptions::default()).unwrap();
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let lo = lopdf::Document::load_mem(&out.output).unwrap();
        let images: Vec<&lopdf::Stream> = lo
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
            .collect();
        assert_eq!(images.len(), 2, "the picture and its soft mask");
        assert!(images.iter().any(|s| s.dict.get(b"SMask").is_ok()));
        // 300 px at 40 dpi is 540 pt: wider than the A5 measure, so scaled to it.
        let geo = super::super::geometry(PageSize::A5, 10.0);
        let drawn = pictures_drawn(&out.output);
        let [w, h, x, _] = drawn[0][0];
        assert!((w - geo.measure).abs() < 0.01, "{w} vs {}", geo.measure);
        assert!((h - geo.measure * 200.0 / 300.0).abs() < 0.01);
        assert!((x - geo.left).abs() < 0.01);
        assert!(page_texts(&out.output)[0].contains("Figure 1. Rising exports"));
    }

    #[test]
    fn tall_picture_is_kept_within_the_page_and_with_its_caption() {
        let img = rgba(100, 400); // 180 × 720 pt at 40 dpi: taller than an A6 page
        let f = Figure { label: Some("Figure 9".into()), alt: None, inner_text: vec![], image: Some(img) };
        let filler = "Words to fill the page before the figure arrives. ".repeat(30);
        let d = doc(vec![Block::paragraph(&filler, vec![]), Block::figure(f, "A tall chart", vec![])]);
        let out = pdf(&d, &PdfOptions { page: PageSize::A6, ..Default::default() }).unwrap().output;
        let geo = super::super::geometry(PageSize::A6, 10.0);
        let drawn = pictures_drawn(&out);
        let (page, pic) = drawn.iter().enumerate().find_map(|(i, p)| p.first().map(|p| (i, *p))).unwrap();
        assert!(pic[1] < geo.height, "{} < {}", pic[1], geo.height);
        assert!(pic[0] <= geo.measure + 0.01);
        assert!((pic[0] / pic[1] - 0.25).abs() < 0.001, "aspect kept");
        assert!(page_texts(&out)[page].contains("Figure 9"), "caption on the picture's page");
    }

    #[test]
    fn long_table_breaks_between_rows_and_repeats_its_header() {
        let d = doc(vec![Block::table(long_table(40), "Exports by place", vec![])]);
        let out = pdf(&d, &PdfOptions { page: PageSize::A6, ..Default::default() }).unwrap().output;
        let pages = page_texts(&out);
        assert!(pages.len() >= 2);
        for (i, p) in pages.iter().enumerate() {
            assert!(p.contains("Country Sector Value"), "page {} has the header: {p}", i + 1);
        }
        let all = pages.join(" ");
        for i in 0..40 {
            assert_eq!(all.matches(&format!("Place{i} ")).count(), 1, "row {i} set once");
        }
    }

    #[test]
    fn too_wide_table_without_picture_becomes_a_list_of_rows() {
        let mut rows = vec![(0..12).map(|c| Cell::new(format!("Heading{c}"))).collect::<Vec<_>>()];
        rows.push((0..12).map(|c| Cell::new(format!("value{c}"))).collect());
        let t = Table { label: Some("Table 4".into()), rows, header_rows: 1, notes: vec![], ruled: false, image: None };
        let d = doc(vec![Block::table(t, "Many columns", vec![])]);
        let out = pdf(&d, &PdfOptions { page: PageSize::Phone, ..Default::default() }).unwrap().output;
        let text = page_texts(&out).join(" ");
        assert!(text.contains("set as a list of its rows"), "{text}");
        assert!(text.contains("Heading1: value1; Heading2: value2"), "{text}");
    }

    #[test]
    fn unreadable_picture_is_left_out_with_a_warning() {
        let img = Image { file: "bad.png".into(), media_type: "image/png".into(), width: 1, height: 1, dpi: 96.0, data: vec![1, 2, 3] };
        let f = Figure { label: Some("Figure 2".into()), alt: None, inner_text: vec![], image: Some(img) };
        let out = pdf(&doc(vec![Block::figure(f, "Broken", vec![])]), &PdfOptions::default()).unwrap();
        assert_eq!(out.warnings.len(), 1);
        assert!(out.warnings[0].message.contains("bad.png"));
        assert!(page_texts(&out.output)[0].contains("Figure 2. Broken"));
    }

    #[test]
    fn pictures_shrink_to_fit_and_never_grow() {
        assert_eq!(fit(100.0, 50.0, 300.0, 400.0), (100.0, 50.0));
        assert_eq!(fit(600.0, 300.0, 300.0, 400.0), (300.0, 150.0));
        assert_eq!(fit(200.0, 800.0, 300.0, 400.0), (100.0, 400.0));
        assert_eq!(fit(0.0, 10.0, 300.0, 400.0), (0.0, 0.0));
    }
}
