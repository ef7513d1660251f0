//! Regions of graphics: what a page draws, grouped into the units a reader sees.
//!
//! Graphics that touch (within a few points) form one region. Rules (thin strokes and
//! fills) are kept apart: a table's rules, a booktabs rule or a separator between
//! sections. Graphics repeated at the same place on many pages (a logo, a header rule)
//! and page-size backgrounds belong to the page, not the content.

use crate::layout::{Graphic, GraphicKind, Layout, Rect};
use rustc_hash::FxHashMap as HashMap;

/// Thickness below which a painted path is a rule, in points.
pub(crate) const RULE: f32 = 2.5;
/// Distance within which two graphics belong to one region, in points.
const TOUCH: f32 = 3.0;
/// Side of the occupancy grid's cells, in points.
const CELL: f32 = 3.0;

/// One group of touching graphics on a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Region {
    /// The box around its graphics.
    pub bbox: Rect,
    /// Area covered by raster images.
    pub image_area: f32,
    /// Raster images in it.
    pub images: usize,
    /// The box around its raster images.
    pub image_box: Option<Rect>,
    /// Thin horizontal rules: (y, x0, x1).
    pub hrules: Vec<(f32, f32, f32)>,
    /// Thin vertical rules: (x, y0, y1).
    pub vrules: Vec<(f32, f32, f32)>,
    /// Painted paths that are not rules.
    pub marks: usize,
    /// Graphics whose middle lies well inside the region (its inner 80 %): none for an
    /// empty frame such as a form's text field.
    pub inner: usize,
}

impl Region {
    /// The box of the picture: its images when they make most of it (a shaded band or
    /// frame touching a screenshot is not part of it), else the whole region.
    pub fn picture_box(&self) -> Rect {
        match self.image_box {
            Some(b) if self.image_area >= 0.5 * self.bbox.area() => b,
            _ => self.bbox,
        }
    }

    /// Whether it holds nothing but rules.
    pub fn only_rules(&self) -> bool {
        self.images == 0 && self.marks == 0
    }

    /// Whether its rules close cells: rules on at least two lines each way, and a rule
    /// inside the frame they make. A table ruled all round (LaTeX `|l|r|` with `\hline`,
    /// Word's cell borders) is drawn as nothing but thin rules; a lone frame, or the
    /// top, middle and bottom rules of a booktabs table, is not a grid.
    pub fn grid_of_rules(&self) -> bool {
        let lines = |rules: &[(f32, f32, f32)]| {
            let mut at: Vec<f32> = rules.iter().map(|r| r.0).collect();
            at.sort_by(f32::total_cmp);
            at.dedup_by(|a, b| (*a - *b).abs() < 1.5);
            at.len()
        };
        let (h, v) = (lines(&self.hrules), lines(&self.vrules));
        h >= 2 && v >= 2 && h + v >= 5
    }
}

/// Per page (by index), the graphics that belong to the page's furniture.
pub(crate) fn repeated(layout: &Layout) -> Vec<Vec<bool>> {
    let key = |g: &Graphic| {
        let r = g.bbox;
        let image = matches!(g.kind, GraphicKind::Image { .. });
        ((r.x0 / 2.0).round() as i32, (r.y0 / 2.0).round() as i32, (r.x1 / 2.0).round() as i32, (r.y1 / 2.0).round() as i32, image)
    };
    let mut pages_with: HashMap<(i32, i32, i32, i32, bool), usize> = HashMap::default();
    for p in &layout.pages {
        let mut seen: Vec<_> = p.graphics.iter().map(key).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *pages_with.entry(k).or_default() += 1;
        }
    }
    let n = layout.pages.len();
    let enough = |c: usize| c >= 3 || (n <= 4 && c >= 2 && c == n);
    // Furniture is small or sits in the page's head or foot band; a large picture in the
    // text area printed again on several pages (a screenshot, a recurring diagram) is content.
    let marginal = |g: &Graphic, p: &crate::layout::Page| {
        let band = 0.12 * p.height;
        g.bbox.area() < 0.03 * p.width * p.height || g.bbox.y1 <= band || g.bbox.y0 >= p.height - band
    };
    layout.pages.iter().map(|p| p.graphics.iter().map(|g| enough(pages_with[&key(g)]) && marginal(g, p)).collect()).collect()
}

/// Groups a page's graphics into regions; `skip` marks graphics that are furniture.
pub(crate) fn regions(graphics: &[Graphic], skip: &[bool], width: f32, height: f32) -> Vec<Region> {
    let page_area = (width * height).max(1.0);
    let keep: Vec<usize> = (0..graphics.len())
        .filter(|&i| !skip.get(i).copied().unwrap_or(false) && graphics[i].bbox.area() < 0.5 * page_area)
        .collect();
    if keep.is_empty() {
        return Vec::new();
    }
    if keep.len() <= SMALL {
        return pairwise(graphics, &keep);
    }
    let cols = ((width / CELL).ceil() as usize + 1).min(2000);
    let rows = ((height / CELL).ceil() as usize + 1).min(2000);
    let cell = |v: f32, n: usize| ((v / CELL).floor().max(0.0) as usize).min(n - 1);
    // Occupancy by row spans: +1 where a graphic's (grown) box starts, -1 past its end.
    let mut diff = vec![0i32; rows * (cols + 1)];
    for &i in &keep {
        let r = graphics[i].bbox;
        let (c0, c1) = (cell(r.x0 - TOUCH / 2.0, cols), cell(r.x1 + TOUCH / 2.0, cols));
        for row in cell(r.y0 - TOUCH / 2.0, rows)..=cell(r.y1 + TOUCH / 2.0, rows) {
            diff[row * (cols + 1) + c0] += 1;
            diff[row * (cols + 1) + c1 + 1] -= 1;
        }
    }
    let mut label = vec![u32::MAX; rows * cols];
    let mut occupied = vec![false; rows * cols];
    for row in 0..rows {
        let mut run = 0;
        for c in 0..cols {
            run += diff[row * (cols + 1) + c];
            occupied[row * cols + c] = run > 0;
        }
    }
    let mut next = 0u32;
    let mut stack = Vec::new();
    for start in 0..rows * cols {
        if !occupied[start] || label[start] != u32::MAX {
            continue;
        }
        label[start] = next;
        stack.push(start);
        while let Some(at) = stack.pop() {
            let (row, c) = (at / cols, at % cols);
            let mut visit = |n: usize| {
                if occupied[n] && label[n] == u32::MAX {
                    label[n] = next;
                    stack.push(n);
                }
            };
            if c > 0 {
                visit(at - 1);
            }
            if c + 1 < cols {
                visit(at + 1);
            }
            if row > 0 {
                visit(at - cols);
            }
            if row + 1 < rows {
                visit(at + cols);
            }
        }
        next += 1;
    }
    let groups: Vec<usize> = keep
        .iter()
        .map(|&i| {
            let r = graphics[i].bbox;
            label[cell((r.y0 + r.y1) / 2.0, rows) * cols + cell((r.x0 + r.x1) / 2.0, cols)] as usize
        })
        .collect();
    assemble(graphics, &keep, &groups, next as usize)
}

/// Up to this many graphics, regions are found by comparing every pair; above, by the
/// occupancy grid, whose cost does not grow with the square of the count.
const SMALL: usize = 300;

/// Regions of a few graphics: those whose grown boxes touch are joined (union-find).
fn pairwise(graphics: &[Graphic], keep: &[usize]) -> Vec<Region> {
    let n = keep.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let grown: Vec<Rect> = keep
        .iter()
        .map(|&i| {
            let r = graphics[i].bbox;
            // As far as the grid reaches: its cells join boxes up to about two touches apart.
            Rect { x0: r.x0 - TOUCH, y0: r.y0 - TOUCH, x1: r.x1 + TOUCH, y1: r.y1 + TOUCH }
        })
        .collect();
    for a in 0..n {
        for b in a + 1..n {
            let (p, q) = (&grown[a], &grown[b]);
            if p.x0 <= q.x1 && q.x0 <= p.x1 && p.y0 <= q.y1 && q.y0 <= p.y1 {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb {
                    parent[ra] = rb;
                }
            }
        }
    }
    let groups: Vec<usize> = (0..n).map(|k| root(&mut parent, k)).collect();
    assemble(graphics, keep, &groups, n)
}

/// The regions of `keep`'s graphics, each graphic in the region `groups` gives it (fewer
/// than `n` groups).
fn assemble(graphics: &[Graphic], keep: &[usize], groups: &[usize], n: usize) -> Vec<Region> {
    let mut out: Vec<Option<Region>> = vec![None; n];
    for (&i, &grp) in keep.iter().zip(groups) {
        let g = &graphics[i];
        let Some(reg) = out.get_mut(grp) else { continue };
        let reg = reg.get_or_insert_with(|| Region { bbox: g.bbox, ..Default::default() });
        reg.bbox = reg.bbox.union(&g.bbox);
        add(reg, g);
    }
    // Graphics well inside their region's box: none for an empty frame.
    for (&i, &grp) in keep.iter().zip(groups) {
        let r = graphics[i].bbox;
        if let Some(Some(reg)) = out.get_mut(grp) {
            let b = reg.bbox;
            let (cx, cy) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
            let (dx, dy) = (0.1 * (b.x1 - b.x0), 0.1 * (b.y1 - b.y0));
            if cx > b.x0 + dx && cx < b.x1 - dx && cy > b.y0 + dy && cy < b.y1 - dy {
                reg.inner += 1;
            }
        }
    }
    out.into_iter().flatten().collect()
}

/// Adds a graphic's evidence to a region.
fn add(reg: &mut Region, g: &Graphic) {
    let r = g.bbox;
    let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
    match g.kind {
        GraphicKind::Image { .. } => {
            reg.images += 1;
            reg.image_area += r.area();
            reg.image_box = Some(reg.image_box.map_or(r, |b| b.union(&r)));
        }
        _ if h <= RULE && w > RULE => reg.hrules.push(((r.y0 + r.y1) / 2.0, r.x0, r.x1)),
        _ if w <= RULE && h > RULE => reg.vrules.push(((r.x0 + r.x1) / 2.0, r.y0, r.y1)),
        GraphicKind::Stroke => {
            // A stroked box is read as its four edges: a frame, a cell border.
            reg.hrules.push((r.y0, r.x0, r.x1));
            reg.hrules.push((r.y1, r.x0, r.x1));
            reg.vrules.push((r.x0, r.y0, r.y1));
            reg.vrules.push((r.x1, r.y0, r.y1));
            reg.marks += 1;
        }
        _ => reg.marks += 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x0: f32, y0: f32, x1: f32, y1: f32, kind: GraphicKind) -> Graphic {
        Graphic { bbox: Rect { x0, y0, x1, y1 }, kind }
    }

    #[test]
    fn touching_graphics_form_one_region_and_distant_ones_another() {
        let gs = vec![
            g(100.0, 100.0, 200.0, 200.0, GraphicKind::Fill),
            g(201.0, 150.0, 300.0, 160.0, GraphicKind::Fill),
            g(100.0, 400.0, 300.0, 400.5, GraphicKind::Stroke),
        ];
        let mut rs = regions(&gs, &[], 595.0, 842.0);
        rs.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
        assert_eq!(rs.len(), 2);
        assert_eq!(rs[0].bbox, Rect { x0: 100.0, y0: 100.0, x1: 300.0, y1: 200.0 });
        assert_eq!(rs[0].marks, 2);
        assert!(rs[1].only_rules());
        assert_eq!(rs[1].hrules.len(), 1);
    }

    #[test]
    fn backgrounds_and_skipped_graphics_are_left_out() {
        let gs = vec![g(0.0, 0.0, 595.0, 842.0, GraphicKind::Fill), g(10.0, 10.0, 60.0, 60.0, GraphicKind::Image { object: None })];
        assert!(regions(&gs, &[false, true], 595.0, 842.0).is_empty());
    }
}
