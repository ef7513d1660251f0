//! Table grids: the rows and columns of a table from its text and its rules.
//!
//! Rows come from baselines (merged where a ruled band or a wrapped cell shows that
//! several baselines make one row); columns from vertical rules where the table has
//! them, else from the gutters that no cell crosses in any row.

use crate::layout::Rect;
use crate::tree::Cell;

/// A run of words on one line with no gap wider than a column gutter.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Box around its words.
    pub rect: Rect,
    /// Baseline of its line.
    pub baseline: f32,
    /// Font size.
    pub size: f32,
    /// Whether it is set in bold.
    pub bold: bool,
    /// Its text.
    pub text: String,
}

/// The cells of a table and how many of its rows are headers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Rows of cells, in HTML convention (a covered position has no cell).
    pub rows: Vec<Vec<Cell>>,
    /// Leading header rows.
    pub header_rows: usize,
}

/// Reads a grid from a table's phrases and the rules inside `bbox`; `None` when the text
/// does not fall into at least two columns and two rows.
pub(crate) fn grid(mut phrases: Vec<Phrase>, hrules: &[(f32, f32, f32)], vrules: &[(f32, f32, f32)], bbox: Rect) -> Option<Grid> {
    // A row of dots or underscores is a rule set in type.
    let mut hrules = hrules.to_vec();
    phrases.retain(|p| {
        let rule = p.text.chars().filter(|c| !c.is_whitespace()).count() >= 5 && p.text.chars().all(|c| c.is_whitespace() || matches!(c, '.' | '_' | '-' | '–' | '—' | '…' | '·'));
        if rule {
            hrules.push(((p.rect.y0 + p.rect.y1) / 2.0, p.rect.x0, p.rect.x1));
        }
        !rule
    });
    let hrules = &join_segments(&hrules)[..];
    let vrules = &join_segments(vrules)[..];
    if phrases.len() < 4 {
        return None;
    }
    phrases.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.rect.x0.total_cmp(&b.rect.x0)));
    // Text rows: phrases on one baseline.
    let mut rows: Vec<Vec<Phrase>> = Vec::new();
    for p in phrases {
        match rows.last_mut() {
            Some(r) if (p.baseline - r[0].baseline).abs() < 0.4 * p.size.max(r[0].size) => r.push(p),
            _ => rows.push(vec![p]),
        }
    }
    for r in &mut rows {
        r.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    }
    let width = bbox.x1 - bbox.x0;
    let top = |r: &[Phrase]| r.iter().map(|p| p.rect.y0).fold(f32::MAX, f32::min);
    let bottom = |r: &[Phrase]| r.iter().map(|p| p.rect.y1).fold(f32::MIN, f32::max);
    // Horizontal rules across most of the table, between its first and last rows.
    let within = |y: f32| y > top(&rows[0]) && y < bottom(&rows[rows.len() - 1]);
    let mut cuts: Vec<f32> = hrules.iter().filter(|&&(y, x0, x1)| x1 - x0 >= 0.5 * width && within(y)).map(|&(y, _, _)| y).collect();
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < 2.0);
    // The header ends at the first rule across the whole table: a rule under a spanning
    // head only (`\cline`, `\cmidrule`, a partial border) lies inside the header.
    let across = hrules.iter().filter(|&&(y, x0, x1)| x1 - x0 >= 0.9 * width && within(y)).map(|&(y, _, _)| y).fold(None, |m: Option<f32>, y| Some(m.map_or(y, |m| m.min(y))));
    let heads = |y: &f32| rows.iter().filter(|r| bottom(r) <= y + 1.0).count() * 2 <= rows.len();
    let header_cut = across.filter(heads).or(cuts.first().copied().filter(heads));
    let band = |r: &[Phrase]| cuts.iter().filter(|&&y| y < (top(r) + bottom(r)) / 2.0).count();
    let header_n = header_cut.map_or(0, |y| rows.iter().filter(|r| bottom(r) <= y + 1.0).count());

    let baselines: Vec<f32> = rows.iter().map(|r| r[0].baseline).collect();
    let columns = match columns_from_rules(vrules, &bbox, &baselines) {
        // Within ruled columns, gutters that every row keeps split them further.
        Some(ruled) => ruled
            .into_iter()
            .flat_map(|(a, b)| {
                let within: Vec<Vec<Phrase>> = rows[header_n..]
                    .iter()
                    .map(|r| r.iter().filter(|p| (p.rect.x0 + p.rect.x1) / 2.0 > a && (p.rect.x0 + p.rect.x1) / 2.0 < b).cloned().collect())
                    .collect();
                let inner = columns_from_gutters(&within);
                if inner.len() >= 2 {
                    let mut cuts: Vec<f32> = inner.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0).collect();
                    cuts.insert(0, a);
                    cuts.push(b);
                    cuts.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
                } else {
                    vec![(a, b)]
                }
            })
            .collect(),
        None => columns_from_gutters(&rows[header_n..]),
    };
    if columns.len() < 2 {
        return None;
    }
    let span_of = |p: &Phrase| -> (usize, usize) {
        let mut hit: Vec<usize> = (0..columns.len())
            .filter(|&c| {
                let (a, b) = columns[c];
                let ov = p.rect.x1.min(b) - p.rect.x0.max(a);
                ov > 0.3 * (p.rect.x1 - p.rect.x0).min(b - a) || (p.rect.x0 + p.rect.x1) / 2.0 >= a && (p.rect.x0 + p.rect.x1) / 2.0 <= b
            })
            .collect();
        if hit.is_empty() {
            let mid = (p.rect.x0 + p.rect.x1) / 2.0;
            let near = (0..columns.len()).min_by(|&a, &b| dist(mid, columns[a]).total_cmp(&dist(mid, columns[b]))).unwrap_or(0);
            hit.push(near);
        }
        (hit[0], hit[hit.len() - 1])
    };
    // Each text row as cells: text per starting column, with its span.
    struct Row {
        cells: Vec<Option<(String, usize)>>,
        top: f32,
        bottom: f32,
        band: usize,
        size: f32,
        bold: bool,
        spans: bool,
    }
    let mut built: Vec<Row> = Vec::new();
    for r in &rows {
        let mut cells: Vec<Option<(String, usize)>> = vec![None; columns.len()];
        let mut spans = false;
        for p in r {
            let (a, b) = span_of(p);
            spans |= b > a;
            match &mut cells[a] {
                Some((t, end)) => {
                    t.push(' ');
                    t.push_str(&p.text);
                    *end = (*end).max(b);
                }
                slot => *slot = Some((p.text.clone(), b)),
            }
        }
        let size = r.iter().map(|p| p.size).fold(0.0, f32::max);
        built.push(Row { cells, top: top(r), bottom: bottom(r), band: band(r), size, bold: r.iter().all(|p| p.bold), spans });
    }
    // Several baselines make one row: header lines above the header rule, lines of one
    // ruled band when every band is a row, and wrapped lines that continue a cell.
    // Every band a row: rules between the body rows, about one per row.
    let body_cuts = cuts.iter().filter(|&&y| header_cut.is_none_or(|h| y > h + 1.0)).count();
    let body_rows = rows.len() - header_n;
    let banded = body_cuts >= 1 && (body_cuts + 1) * 2 >= body_rows;
    let mut merged: Vec<Row> = Vec::new();
    let mut header_rows = 0;
    for (i, row) in built.into_iter().enumerate() {
        let in_header = i < header_n;
        let joins = merged.last().is_some_and(|prev: &Row| {
            let close = row.top - prev.bottom < 0.6 * row.size.max(prev.size);
            let same_band = prev.band == row.band;
            if in_header {
                return same_band && close && !row.spans && !prev.spans;
            }
            if i == header_n {
                return false;
            }
            if banded {
                return same_band;
            }
            let filled = |r: &Row| r.cells.iter().map(Option::is_some).collect::<Vec<_>>();
            let subset = filled(&row).iter().zip(filled(prev)).all(|(a, b)| !a || b);
            same_band && close && row.cells[0].is_none() && subset && !row.spans
        });
        if joins {
            if let Some(prev) = merged.last_mut() {
                for (c, cell) in row.cells.into_iter().enumerate() {
                    if let Some((t, end)) = cell {
                        match &mut prev.cells[c] {
                            Some((pt, pend)) => {
                                pt.push(' ');
                                pt.push_str(&t);
                                *pend = (*pend).max(end);
                            }
                            slot => *slot = Some((t, end)),
                        }
                    }
                }
                prev.bottom = row.bottom;
            }
        } else {
            if in_header {
                header_rows += 1;
            }
            merged.push(row);
        }
    }
    if merged.len() < 2 {
        return None;
    }
    if header_n == 0 {
        header_rows = guess_header(&merged.iter().map(|r| (r.bold, texts(&r.cells))).collect::<Vec<_>>());
    }
    let gaps: Vec<usize> = merged
        .iter()
        .enumerate()
        .map(|(i, r)| match i.checked_sub(1).map(|p| &merged[p]) {
            Some(prev) if banded && r.band > prev.band + 1 => r.band - prev.band - 1,
            _ => 0,
        })
        .collect();
    let cells: Vec<Vec<Cell>> = merged
        .iter()
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < columns.len() {
                match &r.cells[c] {
                    Some((t, end)) => {
                        let end = (*end).max(c).min(columns.len() - 1);
                        cells.push(Cell { text: t.clone(), colspan: (end - c + 1) as u16, rowspan: 1 });
                        c = end + 1;
                    }
                    None => {
                        cells.push(Cell::new(""));
                        c += 1;
                    }
                }
            }
            cells
        })
        .collect();
    // A ruled band with no text in it is an empty row of the table.
    let mut out = Vec::with_capacity(cells.len());
    for (row, gap) in cells.into_iter().zip(gaps) {
        out.extend(std::iter::repeat_with(|| vec![Cell::new(""); columns.len()]).take(gap));
        out.push(row);
    }
    Some(Grid { rows: out, header_rows })
}

/// Rules drawn as segments (one per cell border) joined into whole rules: segments on
/// one line (within a point) that touch or nearly touch.
pub(crate) fn join_segments(rules: &[(f32, f32, f32)]) -> Vec<(f32, f32, f32)> {
    let mut r = rules.to_vec();
    r.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<(f32, f32, f32)> = Vec::with_capacity(r.len());
    for (at, a, b) in r {
        match out.iter_mut().rev().take_while(|o| (o.0 - at).abs() <= 1.0).find(|o| a <= o.2 + 2.0 && b >= o.1 - 2.0) {
            Some(o) => {
                o.1 = o.1.min(a);
                o.2 = o.2.max(b);
            }
            None => out.push((at, a, b)),
        }
    }
    out
}

/// A row's cell texts.
fn texts(cells: &[Option<(String, usize)>]) -> Vec<String> {
    cells.iter().map(|c| c.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()).collect()
}

/// Header rows of a table with no header rule: a bold first row over plain rows, or a first
/// row of words over rows of figures.
fn guess_header(rows: &[(bool, Vec<String>)]) -> usize {
    let Some((first_bold, first)) = rows.first() else { return 0 };
    if *first_bold && !rows[1..].iter().all(|r| r.0) {
        return 1;
    }
    let numeric = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let body_numeric = rows[1..].iter().filter(|r| r.1.iter().skip(1).any(|t| numeric(t))).count();
    let first_words = first.iter().filter(|t| !t.is_empty()).all(|t| !numeric(t));
    usize::from(first_words && body_numeric * 2 >= rows.len() - 1 && body_numeric > 0)
}

fn dist(x: f32, (a, b): (f32, f32)) -> f32 {
    if x < a {
        a - x
    } else if x > b {
        x - b
    } else {
        0.0
    }
}

/// Columns between vertical rules that cross at least two rows of text, when there are
/// any inside the table.
fn columns_from_rules(vrules: &[(f32, f32, f32)], bbox: &Rect, baselines: &[f32]) -> Option<Vec<(f32, f32)>> {
    let crosses = |y0: f32, y1: f32| baselines.iter().filter(|&&b| b > y0 && b < y1).count();
    let mut xs: Vec<f32> = vrules.iter().filter(|&&(_, y0, y1)| crosses(y0, y1) >= 2).map(|&(x, _, _)| x).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 3.0);
    let inside = xs.iter().filter(|&&x| x > bbox.x0 + 3.0 && x < bbox.x1 - 3.0).count();
    if inside == 0 {
        return None;
    }
    if xs.first().is_none_or(|&x| x > bbox.x0 + 3.0) {
        xs.insert(0, bbox.x0);
    }
    if xs.last().is_none_or(|&x| x < bbox.x1 - 3.0) {
        xs.push(bbox.x1);
    }
    Some(xs.windows(2).map(|w| (w[0], w[1])).collect())
}

/// Columns as the stretches of x that some cell covers, from the rows with more than one
/// cell (a lone label or a continued line would bridge the gutters).
fn columns_from_gutters(rows: &[Vec<Phrase>]) -> Vec<(f32, f32)> {
    let mut spans: Vec<(f32, f32)> =
        rows.iter().filter(|r| r.len() >= 2).flat_map(|r| r.iter().map(|p| (p.rect.x0, p.rect.x1))).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f32, f32)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 + 1.0 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Splits a line's words into phrases at gaps wider than a gutter or at a vertical rule;
/// `bold` is whether the line is set in bold.
pub(crate) fn phrases(words: &[crate::layout::Word], baseline: f32, bold: bool, vrules: &[(f32, f32, f32)]) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = Vec::new();
    for w in words {
        let text = w.text.trim();
        if text.is_empty() {
            continue;
        }
        let split = out.last().is_none_or(|p| {
            let gap = w.bbox.x0 - p.rect.x1;
            let ruled = vrules.iter().any(|&(x, y0, y1)| x > p.rect.x1 - 0.5 && x < w.bbox.x0 + 0.5 && y0 <= baseline && y1 >= baseline - w.size * 0.5);
            gap > 0.9 * w.size.max(p.size) || ruled
        });
        if split {
            out.push(Phrase { rect: w.bbox, baseline, size: w.size, bold, text: text.to_string() });
        } else if let Some(p) = out.last_mut() {
            if w.space_before {
                p.text.push(' ');
            }
            p.text.push_str(text);
            p.rect = p.rect.union(&w.bbox);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(x0: f32, x1: f32, y: f32, t: &str) -> Phrase {
        Phrase { rect: Rect { x0, y0: y - 8.0, x1, y1: y + 2.0 }, baseline: y, size: 10.0, bold: false, text: t.into() }
    }

    fn texts(g: &Grid) -> Vec<Vec<&str>> {
        g.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn unruled_table_columns_come_from_gutters() {
        let p = vec![
            ph(50.0, 90.0, 100.0, "Name"),
            ph(200.0, 230.0, 100.0, "Age"),
            ph(50.0, 80.0, 112.0, "Ann"),
            ph(200.0, 215.0, 112.0, "34"),
            ph(50.0, 85.0, 124.0, "Bob"),
            ph(200.0, 215.0, 124.0, "41"),
        ];
        let g = grid(p, &[], &[], Rect { x0: 50.0, y0: 90.0, x1: 230.0, y1: 126.0 }).unwrap();
        assert_eq!(texts(&g), vec![vec!["Name", "Age"], vec!["Ann", "34"], vec!["Bob", "41"]]);
        assert_eq!(g.header_rows, 1);
    }

    #[test]
    fn header_lines_above_the_rule_make_one_row_and_a_spanning_head_spans() {
        let p = vec![
            ph(150.0, 260.0, 100.0, "Model 1"),
            ph(50.0, 90.0, 112.0, "Item"),
            ph(150.0, 180.0, 112.0, "HR"),
            ph(230.0, 260.0, 112.0, "p"),
            ph(50.0, 80.0, 130.0, "Age"),
            ph(150.0, 175.0, 130.0, "1.2"),
            ph(230.0, 255.0, 130.0, "0.3"),
            ph(50.0, 80.0, 142.0, "Sex"),
            ph(150.0, 175.0, 142.0, "0.9"),
            ph(230.0, 255.0, 142.0, "0.5"),
        ];
        let rules = [(90.0, 50.0, 260.0), (118.0, 50.0, 260.0), (146.0, 50.0, 260.0)];
        let g = grid(p, &rules, &[], Rect { x0: 50.0, y0: 90.0, x1: 260.0, y1: 146.0 }).unwrap();
        assert_eq!(g.header_rows, 2);
        assert_eq!(g.rows[0][1].colspan, 2);
        assert_eq!(texts(&g)[2], vec!["Age", "1.2", "0.3"]);
    }

    #[test]
    fn vertical_rules_set_the_columns_and_a_wrapped_cell_stays_one_cell() {
        let p = vec![
            ph(55.0, 90.0, 100.0, "Code"),
            ph(155.0, 190.0, 100.0, "Meaning"),
            ph(55.0, 70.0, 115.0, "001"),
            ph(155.0, 240.0, 115.0, "horizontal"),
            ph(155.0, 190.0, 127.0, "mode"),
            ph(55.0, 70.0, 142.0, "1"),
            ph(155.0, 190.0, 142.0, "pass"),
        ];
        let v = [(50.0, 88.0, 150.0), (150.0, 88.0, 150.0), (250.0, 88.0, 150.0)];
        let h = [(88.0, 50.0, 250.0), (104.0, 50.0, 250.0), (131.0, 50.0, 250.0), (150.0, 50.0, 250.0)];
        let g = grid(p, &h, &v, Rect { x0: 50.0, y0: 88.0, x1: 250.0, y1: 150.0 }).unwrap();
        assert_eq!(texts(&g), vec![vec!["Code", "Meaning"], vec!["001", "horizontal mode"], vec!["1", "pass"]]);
    }

    #[test]
    fn one_column_of_text_is_not_a_table() {
        let p = vec![ph(50.0, 300.0, 100.0, "a line"), ph(50.0, 300.0, 112.0, "b line"), ph(50.0, 300.0, 124.0, "c"), ph(50.0, 300.0, 136.0, "d")];
        assert!(grid(p, &[], &[], Rect { x0: 50.0, y0: 90.0, x1: 300.0, y1: 140.0 }).is_none());
    }
}
