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
    use super::*;

    #[test]
    fn pictures_shrink_to_fit_and_never_grow() {
        assert_eq!(fit(100.0, 50.0, 300.0, 400.0), (100.0, 50.0));
        assert_eq!(fit(600.0, 300.0, 300.0, 400.0), (300.0, 150.0));
        assert_eq!(fit(200.0, 800.0, 300.0, 400.0), (100.0, 400.0));
        assert_eq!(fit(0.0, 10.0, 300.0, 400.0), (0.0, 0.0));
    }
}
