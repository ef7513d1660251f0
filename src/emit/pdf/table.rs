//! Tables in the reflowed PDF: the grid of cells set as lines of the flow.
//!
//! Column widths come from the content: each column gets at least its longest word and
//! at most its longest cell on one line; the room between is shared in proportion to
//! what each column would still take. A table whose longest words do not fit the measure
//! side by side is not set here ([`set`] returns `None`): the caller shrinks the type,
//! shows the table's picture, or sets it as a list of rows ([`rows_as_list`]).
//!
//! The table is ruled as printed books rule them (top, under the header, bottom); its
//! header is bold, numbers are set flush right, cells wrap, and a page breaks only
//! between rows (never inside a row or a row span), setting the header again on the new page.

use super::fonts::{width, Style};
use super::layout::{Line, ParaStyle, Setter, Span};
use crate::tree::Cell;
use std::sync::Arc;

/// One cell placed in the grid.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GridCell<'a> {
    /// First row and column it covers.
    pub row: usize,
    /// First column it covers.
    pub col: usize,
    /// Rows covered (at least 1).
    pub rowspan: usize,
    /// Columns covered (at least 1).
    pub colspan: usize,
    /// Its text, trimmed.
    pub text: &'a str,
}

/// The cells of a table at their grid positions, from rows in HTML convention (a row
/// holds only the cells that start in it).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Grid<'a> {
    /// Number of rows.
    pub rows: usize,
    /// Number of columns: the widest row, spans counted.
    pub cols: usize,
    /// The cells, row by row.
    pub cells: Vec<GridCell<'a>>,
}

impl<'a> Grid<'a> {
    /// Places `rows` as HTML does: each cell at the first column its row has free.
    pub fn new(rows: &'a [Vec<Cell>]) -> Grid<'a> {
        let n = rows.len();
        let mut taken: Vec<Vec<bool>> = vec![Vec::new(); n];
        let mut cells = Vec::new();
        let mut cols = 0;
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in row {
                while taken[r].get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                let rowspan = usize::from(cell.rowspan.max(1)).min(n - r);
                let colspan = usize::from(cell.colspan.max(1));
                for t in taken.iter_mut().skip(r).take(rowspan) {
                    if t.len() < c + colspan {
                        t.resize(c + colspan, false);
                    }
                    t[c..c + colspan].iter_mut().for_each(|x| *x = true);
                }
                cells.push(GridCell { row: r, col: c, rowspan, colspan, text: cell.text.trim() });
                c += colspan;
                cols = cols.max(c);
            }
        }
        Grid { rows: n, cols, cells }
    }

    /// The cell covering row `r`, column `c`, if any.
    pub fn at(&self, r: usize, c: usize) -> Option<&GridCell<'a>> {
        self.cells.iter().find(|g| (g.row..g.row + g.rowspan).contains(&r) && (g.col..g.col + g.colspan).contains(&c))
    }
}

/// Whether a cell reads as a number (digits with signs, separators, units such as %).
fn numeric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || " .,%+-−–()$€£¥*".contains(c))
}

/// How the table is set: the type size and the grid.
pub(super) struct TableSpec<'a> {
    /// The grid.
    pub grid: &'a Grid<'a>,
    /// How many leading rows are header rows.
    pub header_rows: usize,
    /// Type size of the cells, in points.
    pub size: f32,
}

/// The table as lines, or `None` when its longest words do not fit the measure side by side.
pub(super) fn set(s: &Setter, t: &TableSpec) -> Option<Vec<Line>> {
    let g = t.grid;
    let (ts, lead) = (t.size, t.size * 1.25);
    let gap = ts * 0.9;
    let style = |row: usize| if row < t.header_rows { Style::Bold } else { Style::Regular };
    let w = |text: &str, st: Style| width(&s.fonts.shape(text, st)) * ts;
    if g.cols == 0 {
        return None;
    }
    // Narrowest and widest each column wants, from cells of one column.
    let (mut min, mut max) = (vec![ts; g.cols], vec![ts; g.cols]);
    for c in g.cells.iter().filter(|c| c.colspan == 1) {
        let st = style(c.row);
        let longest_word = c.text.split_whitespace().map(|wd| w(wd, st)).fold(0.0f32, f32::max);
        min[c.col] = min[c.col].max(longest_word);
        max[c.col] = max[c.col].max(w(c.text, st));
    }
    let gaps = gap * (g.cols - 1) as f32;
    let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if sum_min + gaps > s.measure {
        return None;
    }
    let mut widths: Vec<f32> = if sum_max + gaps <= s.measure {
        max.clone()
    } else {
        let room = s.measure - gaps - sum_min;
        let want = (sum_max - sum_min).max(f32::EPSILON);
        min.iter().zip(&max).map(|(a, b)| a + room * (b - a) / want).collect()
    };
    // A spanning cell that would wrap gets the room left over, shared by its columns.
    for c in g.cells.iter().filter(|c| c.colspan > 1) {
        let have = widths[c.col..c.col + c.colspan].iter().sum::<f32>() + gap * (c.colspan - 1) as f32;
        let left = s.measure - widths.iter().sum::<f32>() - gaps;
        let extra = (w(c.text, style(c.row)) - have).min(left);
        if extra > 0.0 {
            widths[c.col..c.col + c.colspan].iter_mut().for_each(|x| *x += extra / c.colspan as f32);
        }
    }
    let x_of: Vec<f32> = widths.iter().scan(0.0, |x, w| {
        let at = *x;
        *x += w + gap;
        Some(at)
    }).collect();
    let table_w = widths.iter().sum::<f32>() + gaps;
    let right_aligned: Vec<bool> = (0..g.cols)
        .map(|c| {
            let body: Vec<&GridCell> = g.cells.iter().filter(|k| k.col == c && k.colspan == 1 && k.row >= t.header_rows && !k.text.is_empty()).collect();
            !body.is_empty() && body.iter().all(|k| numeric(k.text))
        })
        .collect();

    // Each cell set into its own lines, at its column.
    let mut set_cells: Vec<Vec<Line>> = Vec::with_capacity(g.cells.len());
    for c in &g.cells {
        let cw = x_of[c.col + c.colspan - 1] + widths[c.col + c.colspan - 1] - x_of[c.col];
        // A hair of slack: a cell as wide as its text must not break it over rounding.
        let slack = ts * 0.05;
        let ps = ParaStyle {
            size: ts,
            lead,
            left: 0.0,
            right: s.measure - cw - slack,
            first: 0.0,
            justify: false,
            center: false,
            hyphenate: true,
            marker: None,
            space_before: 0.0,
            keep_with_next: false,
            keep_together: false,
        };
        let mut lines = s.paragraph(&[Span::new(c.text, style(c.row))], &ps);
        for l in &mut lines {
            let used = l.glyphs.last().map_or(0.0, |p| p.x + p.glyph.advance * p.size);
            let shift = x_of[c.col] + if right_aligned[c.col] && c.colspan == 1 { (cw - used).max(0.0) } else { 0.0 };
            l.glyphs.iter_mut().for_each(|p| p.x += shift);
        }
        set_cells.push(lines);
    }
    // Lines per row: the most any cell of one row needs; a row span's excess goes to its last row.
    let mut height = vec![1usize; g.rows];
    for (c, lines) in g.cells.iter().zip(&set_cells).filter(|(c, _)| c.rowspan == 1) {
        height[c.row] = height[c.row].max(lines.len());
    }
    for (c, lines) in g.cells.iter().zip(&set_cells).filter(|(c, _)| c.rowspan > 1) {
        let have: usize = height[c.row..c.row + c.rowspan].iter().sum();
        if lines.len() > have {
            height[c.row + c.rowspan - 1] += lines.len() - have;
        }
    }
    let first_line: Vec<usize> = height.iter().scan(0, |n, h| {
        let at = *n;
        *n += h;
        Some(at)
    }).collect();
    // Rows a row span runs into may not start a page.
    let mut joined = vec![false; g.rows];
    for c in g.cells.iter().filter(|c| c.rowspan > 1) {
        joined[c.row + 1..c.row + c.rowspan].iter_mut().for_each(|j| *j = true);
    }

    let rule = |lead: f32| Line { lead, size: ts, rule: Some((0.0, table_w)), tight: true, keep_with_prev: true, ..Default::default() };
    let mut out = vec![rule(ts * 0.9)];
    let mut after_rule = true;
    let mut header: Vec<Line> = Vec::new();
    for r in 0..g.rows {
        if r == t.header_rows && r > 0 {
            out.push(rule(ts * 0.55));
            header = out.clone();
            after_rule = true;
        }
        for k in 0..height[r] {
            let mut line = Line { lead, size: ts, tight: true, keep_with_prev: true, ..Default::default() };
            if after_rule {
                line.lead = ts * 1.2;
                after_rule = false;
            }
            if k == 0 && r > t.header_rows {
                line.space_before = ts * 0.3;
                line.keep_with_prev = joined[r];
            }
            for (c, lines) in g.cells.iter().zip(&set_cells) {
                if (c.row..c.row + c.rowspan).contains(&r) {
                    let idx = first_line[r] - first_line[c.row] + k;
                    if let Some(l) = lines.get(idx) {
                        line.glyphs.extend(l.glyphs.iter().cloned());
                    }
                }
            }
            line.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
            out.push(line);
        }
    }
    out.push(rule(ts * 0.55));
    // The header again on a page that starts inside the body.
    if !header.is_empty() {
        let header = Arc::new(header);
        let mut at = header.len();
        for (r, h) in height.iter().enumerate().skip(t.header_rows) {
            if r > t.header_rows && !joined[r] {
                out[at].repeat = Some(Arc::clone(&header));
            }
            at += h;
        }
    }
    Some(out)
}

/// Spans for each body row as "first cell — Header: value; Header: value", for a table
/// too wide to set as a grid: a list a reader of a narrow page can follow row by row.
///
/// A column's header is the text of the header rows over it; without header rows the
/// values are listed in order.
pub(super) fn rows_as_list<'a>(g: &Grid<'a>, header_rows: usize) -> Vec<Vec<Span>> {
    let heads: Vec<String> = (0..g.cols)
        .map(|c| {
            let mut names: Vec<&str> = Vec::new();
            for r in 0..header_rows.min(g.rows) {
                if let Some(cell) = g.at(r, c).filter(|cell| !cell.text.is_empty()) {
                    if !names.contains(&cell.text) {
                        names.push(cell.text);
                    }
                }
            }
            names.join(" ")
        })
        .collect();
    let mut out = Vec::new();
    for r in header_rows.min(g.rows)..g.rows {
        let mut spans = Vec::new();
        let mut last: Option<(usize, usize)> = None;
        let mut parts: Vec<String> = Vec::new();
        for c in 0..g.cols {
            let Some(cell) = g.at(r, c) else { continue };
            if last == Some((cell.row, cell.col)) || cell.text.is_empty() {
                continue;
            }
            last = Some((cell.row, cell.col));
            if c == 0 {
                spans.push(Span::new(cell.text, Style::Bold));
                continue;
            }
            parts.push(match heads[c].as_str() {
                "" => cell.text.to_string(),
                h => format!("{h}: {}", cell.text),
            });
        }
        if !parts.is_empty() {
            let sep = if spans.is_empty() { "" } else { " — " };
            spans.push(Span::new(format!("{sep}{}", parts.join("; ")), Style::Regular));
        }
        if !spans.is_empty() {
            out.push(spans);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(t: &str, colspan: u16, rowspan: u16) -> Cell {
        Cell { text: t.into(), colspan, rowspan }
    }

    #[test]
    fn grid_places_cells_after_spans_from_above() {
        let rows = vec![
            vec![Cell::new("A"), span("B", 2, 1)],
            vec![span("K", 1, 2), Cell::new("x"), Cell::new("y")],
            vec![Cell::new("z"), Cell::new("w")],
        ];
        let g = Grid::new(&rows);
        assert_eq!((g.rows, g.cols), (3, 3));
        let z = g.cells.iter().find(|c| c.text == "z").unwrap();
        assert_eq!((z.row, z.col), (2, 1), "z starts after the span of K");
        assert_eq!(g.at(2, 0).unwrap().text, "K");
        assert_eq!(g.at(0, 2).unwrap().text, "B");
    }

    #[test]
    fn spans_past_the_last_row_are_cut() {
        let rows = vec![vec![span("A", 1, 5)]];
        assert_eq!(Grid::new(&rows).cells[0].rowspan, 1);
    }

    #[test]
    fn rows_as_list_name_each_value_by_its_header() {
        let rows = vec![
            vec![Cell::new("Indicator"), Cell::new("2020"), Cell::new("2021")],
            vec![Cell::new("GDP"), Cell::new("1.0"), Cell::new("2.0")],
        ];
        let g = Grid::new(&rows);
        let list = rows_as_list(&g, 1);
        let text: Vec<String> = list.iter().map(|s| s.iter().map(|s| s.text.as_str()).collect()).collect();
        assert_eq!(text, ["GDP — 2020: 1.0; 2021: 2.0"]);
        assert_eq!(list[0][0].style, Style::Bold);
    }

    #[test]
    fn numbers_are_told_from_words() {
        assert!(numeric("-0.7"));
        assert!(numeric("1,234 (5%)"));
        assert!(!numeric("Korea"));
        assert!(!numeric("—"));
    }
}
