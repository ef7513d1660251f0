//! Layout analysis, second half: columns and reading order of a page's blocks.
//!
//! A recursive XY-cut over block boxes. A region is cut along its widest empty strip: at
//! a vertical gutter running through all its blocks it is read column by column, left to
//! right; at horizontal gaps it is read band by band, top to bottom. Consecutive bands that
//! share a gutter (the same columns continuing past an accidental horizontal gap) are kept
//! together, so a full-width title, then the left column, then the right column, then a
//! full-width band below come out in that order; a short heading under the columns that
//! introduces a full-width band goes with that band, not at the foot of the left column,
//! and one left alone under balanced columns at the page foot is read after them. Running
//! heads and feet stay ordinary blocks in their band.

use crate::layout::TextBlock;

/// Recursion depth beyond which a region is read top to bottom without further cuts.
const MAX_DEPTH: usize = 64;

/// Puts blocks in reading order and sets each one's column index.
pub(super) fn reading_order(blocks: Vec<TextBlock>) -> Vec<TextBlock> {
    // Column gutters are about an em or more; narrower slivers (beside a page number set
    // in the gutter) are not columns.
    let min_gutter = 0.8 * typical_size(&blocks);
    let mut order: Vec<(usize, u16)> = Vec::with_capacity(blocks.len());
    let ctx = Cut { blocks: &blocks, min_gutter };
    ctx.cut((0..blocks.len()).collect(), 0, 0, &mut order);
    let mut slots: Vec<Option<TextBlock>> = blocks.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, col)| {
            let mut b = slots.get_mut(i)?.take()?;
            b.column = col;
            Some(b)
        })
        .collect()
}

/// The median word size on the page, so that gutter widths scale with the type.
fn typical_size(blocks: &[TextBlock]) -> f32 {
    let mut sizes: Vec<f32> =
        blocks.iter().flat_map(|b| &b.lines).flat_map(|l| &l.words).map(|w| w.size).filter(|s| *s > 0.0).collect();
    if sizes.is_empty() {
        return 10.0;
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// The blocks being ordered and the narrowest gap counted as a gutter.
struct Cut<'a> {
    blocks: &'a [TextBlock],
    min_gutter: f32,
}

impl Cut<'_> {
    /// Appends `ids` in reading order to `out`, with their column indices.
    fn cut(&self, ids: Vec<usize>, col: u16, depth: usize, out: &mut Vec<(usize, u16)>) {
        if ids.len() <= 1 || depth >= MAX_DEPTH {
            out.extend(self.top_down(ids).into_iter().map(|i| (i, col)));
            return;
        }
        if let Some(k) = self.closing_line(&ids) {
            let last = ids[k];
            let rest: Vec<usize> = ids.into_iter().filter(|&i| i != last).collect();
            self.cut(rest, col, depth + 1, out);
            out.push((last, col));
            return;
        }
        let gutters = self.gutters(&ids);
        let bands = self.bands(ids.clone());
        // Cut along the widest gap first: a footer far below two columns is a band of its own
        // even when it sits beside the gutter.
        let widest_gutter = gutters.iter().map(|g| g.1 - g.0).fold(0.0, f32::max);
        let widest_gap = bands
            .windows(2)
            .map(|w| self.top(&w[1]) - self.bottom(&w[0]))
            .fold(0.0, f32::max);
        if !gutters.is_empty() && (bands.len() <= 1 || widest_gutter >= widest_gap) {
            let mut columns: Vec<Vec<usize>> = vec![Vec::new(); gutters.len() + 1];
            for &i in &ids {
                let k = gutters.partition_point(|g| g.1 <= self.blocks[i].bbox.x0);
                columns[k].push(i);
            }
            for (k, c) in columns.into_iter().enumerate() {
                let k = u16::try_from(k).unwrap_or(u16::MAX);
                self.cut(c, col.saturating_add(k), depth + 1, out);
            }
            return;
        }
        if bands.len() <= 1 {
            let all = bands.into_iter().flatten().collect();
            out.extend(self.top_down(all).into_iter().map(|i| (i, col)));
            return;
        }
        for band in bands {
            self.cut(band, col, depth + 1, out);
        }
    }

    /// The top of a band's highest block.
    fn top(&self, band: &[usize]) -> f32 {
        band.iter().map(|&i| self.blocks[i].bbox.y0).fold(f32::INFINITY, f32::min)
    }

    /// The bottom of a band's lowest block.
    fn bottom(&self, band: &[usize]) -> f32 {
        band.iter().map(|&i| self.blocks[i].bbox.y1).fold(f32::NEG_INFINITY, f32::max)
    }

    /// Blocks sorted top to bottom, then left to right: the order when nothing can be cut.
    fn top_down(&self, mut ids: Vec<usize>) -> Vec<usize> {
        let b = self.blocks;
        ids.sort_by(|&x, &y| b[x].bbox.y0.total_cmp(&b[y].bbox.y0).then(b[x].bbox.x0.total_cmp(&b[y].bbox.x0)));
        ids
    }

    /// The empty x intervals between the blocks' extents, left to right.
    fn gutters(&self, ids: &[usize]) -> Vec<(f32, f32)> {
        let mut spans: Vec<(f32, f32)> = ids.iter().map(|&i| (self.blocks[i].bbox.x0, self.blocks[i].bbox.x1)).collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = Vec::new();
        let mut reach = f32::NEG_INFINITY;
        for (x0, x1) in spans {
            if reach.is_finite() && x0 - reach >= self.min_gutter {
                out.push((reach, x0));
            }
            reach = reach.max(x1);
        }
        out
    }

    /// Cuts blocks into horizontal bands at empty y intervals, then joins consecutive bands
    /// whose blocks together still leave a gutter (columns continuing across the cut).
    fn bands(&self, mut ids: Vec<usize>) -> Vec<Vec<usize>> {
        let b = self.blocks;
        ids.sort_by(|&x, &y| b[x].bbox.y0.total_cmp(&b[y].bbox.y0));
        let mut bands: Vec<Vec<usize>> = Vec::new();
        let mut reach = f32::NEG_INFINITY;
        for i in ids {
            match bands.last_mut() {
                Some(band) if b[i].bbox.y0 < reach => band.push(i),
                _ => bands.push(vec![i]),
            }
            reach = reach.max(b[i].bbox.y1);
        }
        let mut joined: Vec<Vec<usize>> = Vec::new();
        for (k, band) in bands.iter().enumerate() {
            if let Some(last) = joined.last_mut() {
                let mut both = last.clone();
                both.extend(band);
                if self.continues_columns(last, band, &both) && !self.heads_next(last, band, bands.get(k + 1)) {
                    *last = both;
                    continue;
                }
            }
            joined.push(band.clone());
        }
        joined
    }

    /// Whether `band`, with no columns of its own, is the heading of the full-width band
    /// `next` rather than the end of a column of `columns` above: `next` runs across their
    /// gutter and stands closer to it than the columns do. A "Notes" heading under two
    /// columns introduces the full-width list below it.
    fn heads_next(&self, columns: &[usize], band: &[usize], next: Option<&Vec<usize>>) -> bool {
        let Some(next) = next else { return false };
        if !self.gutters(band).is_empty() || !self.gutters(next).is_empty() {
            return false;
        }
        let mut all: Vec<usize> = columns.to_vec();
        all.extend(band);
        all.extend(next);
        self.gutters(&all).is_empty() && self.top(next) - self.bottom(band) <= self.top(band) - self.bottom(columns)
    }

    /// The position in `ids` of a single line at the page foot (at most two single lines,
    /// such as a folio, below it on the page) that stands under columns ending level with
    /// each other: a heading left at the foot of the page, whose text begins on the next,
    /// read after the columns.
    ///
    /// Balanced columns end together and what lies under both comes after both; a column
    /// that runs on below a shorter one ends lower than it, so its last line never qualifies.
    fn closing_line(&self, ids: &[usize]) -> Option<usize> {
        let b = self.blocks;
        let (k, &last) = ids.iter().enumerate().max_by(|x, y| b[*x.1].bbox.y0.total_cmp(&b[*y.1].bbox.y0))?;
        let line = &b[last];
        if line.lines.len() != 1 {
            return None;
        }
        let mut below = b.iter().filter(|o| o.bbox.y0 > line.bbox.y0);
        if below.by_ref().take(2).any(|o| o.lines.len() != 1) || below.next().is_some() {
            return None;
        }
        let columns: Vec<usize> = ids.iter().copied().filter(|&i| i != last).collect();
        let gutters = self.gutters(&columns);
        if gutters.is_empty() {
            return None;
        }
        let mut bottoms = vec![f32::NEG_INFINITY; gutters.len() + 1];
        for &i in &columns {
            let r = &b[i].bbox;
            let c = gutters.partition_point(|g| g.1 <= r.x0);
            bottoms[c] = bottoms[c].max(r.y1);
        }
        let pitch = self.min_gutter / 0.8;
        let (low, high) = bottoms.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, z), &y| (a.min(y), z.max(y)));
        (low.is_finite() && high - low <= 3.0 * pitch && line.bbox.y0 >= high).then_some(k)
    }

    /// Whether joining two bands keeps the gutter each already has: the joined blocks leave a
    /// gutter covering nine tenths of one of its own, or lying inside it and narrower by no
    /// more than ragged edges make it (a short last line, a one-line heading, an indented
    /// continuation) where both have columns, and at least one has columns. A page number
    /// set in the gutter does not pass; two bands each on one side read the same top to bottom.
    fn continues_columns(&self, earlier: &[usize], later: &[usize], both: &[usize]) -> bool {
        let joined = self.gutters(both);
        let (own_earlier, own_later) = (self.gutters(earlier), self.gutters(later));
        // Ragged edges widen a band's own gutter by an em or two; the void between a running
        // head and a folio is far wider than the gutter the columns below leave.
        let ragged = 3.0 * self.min_gutter / 0.8;
        let both_columnar = !own_earlier.is_empty() && !own_later.is_empty();
        let keeps = |own: &[(f32, f32)]| {
            own.is_empty()
                || own.iter().any(|g| {
                    joined.iter().enumerate().any(|(k, u)| {
                        let overlap = u.1.min(g.1) - u.0.max(g.0);
                        overlap >= 0.9 * (g.1 - g.0)
                            || (both_columnar && overlap >= 0.9 * (u.1 - u.0) && (g.1 - g.0) - (u.1 - u.0) <= ragged && self.columns_alike(both, &joined, k))
                    })
                })
        };
        let columnar = !own_earlier.is_empty() || !own_later.is_empty();
        !joined.is_empty() && columnar && keeps(&own_earlier) && keeps(&own_later)
    }
    /// Whether the columns on either side of gutter `k` of `gutters` are alike in width (the
    /// narrower at least two fifths of the wider), as columns of text are; a column of side
    /// labels beside their paragraphs is far narrower, and is read row by row.
    fn columns_alike(&self, ids: &[usize], gutters: &[(f32, f32)], k: usize) -> bool {
        let lo = if k == 0 { f32::NEG_INFINITY } else { gutters[k - 1].1 };
        let hi = gutters.get(k + 1).map_or(f32::INFINITY, |g| g.0);
        let width = |from: f32, to: f32| {
            let inside = ids.iter().map(|&i| self.blocks[i].bbox).filter(|b| b.x0 >= from && b.x1 <= to);
            let (x0, x1) = inside.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), r| (a.min(r.x0), b.max(r.x1)));
            (x1 - x0).max(0.0)
        };
        let (left, right) = (width(lo, gutters[k].0), width(gutters[k].1, hi));
        left.min(right) >= 0.4 * left.max(right)
    }
}
