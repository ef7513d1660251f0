//! Two texts printed over each other on one baseline, kept apart instead of merged.
//!
//! A page can draw a line over another (a revised text over the old one, two layers of a
//! form): sorted by position, their glyphs interleave into nonsense ("e(seene tbweolo").
//! Drawing order tells them apart: each text is drawn left to right, so the glyphs of one
//! run, taken in drawing order, form strands that each move rightward; strands whose glyphs
//! sit on top of each other's are separate texts.

use super::{is_space, Run, G};

/// Glyph pairs of different strands, neighbours by position, that must overlap each other
/// before a run counts as two texts printed over each other.
const MIN_OVERLAPS: usize = 3;

/// Splits each run whose glyphs come from texts printed over each other into one run per text.
pub(super) fn split_overlaid(gs: &[G], runs: Vec<Run>) -> Vec<Run> {
    let mut out = Vec::with_capacity(runs.len());
    for run in runs {
        match layers(gs, &run) {
            Some(parts) => out.extend(parts.into_iter().filter_map(|ids| Run::new(gs, ids))),
            None => out.push(run),
        }
    }
    out
}

/// The strand of each glyph of `ids` (indices into `gs`): a new strand starts where, in
/// drawing order, the pen moves back left by more than half an em.
fn strands(gs: &[G], ids: &[usize]) -> Vec<(usize, usize)> {
    let mut by_drawing = ids.to_vec();
    by_drawing.sort_unstable();
    let mut out = Vec::with_capacity(ids.len());
    let mut strand = 0;
    let mut prev: Option<&G> = None;
    for &i in &by_drawing {
        let g = &gs[i];
        if prev.is_some_and(|p| g.bbox.x0 < p.bbox.x0 - 0.5 * p.size.max(g.size)) {
            strand += 1;
        }
        prev = Some(g);
        out.push((i, strand));
    }
    out
}

/// The glyph ids of each text of a run printed over another, or `None` for a plain run.
fn layers(gs: &[G], run: &Run) -> Option<Vec<Vec<usize>>> {
    let strand_of = strands(gs, &run.ids);
    let count = strand_of.last().map_or(0, |s| s.1 + 1);
    if count < 2 {
        return None;
    }
    let lookup = |i: usize| strand_of.binary_search_by_key(&i, |s| s.0).map(|k| strand_of[k].1).unwrap_or(0);
    // Neighbours by position (the run is sorted by left edge) from different strands whose
    // boxes overlap by half the narrower one: letters printed on letters.
    let ink: Vec<usize> = run.ids.iter().copied().filter(|&i| !is_space(&gs[i])).collect();
    let overlaps = ink
        .windows(2)
        .filter(|w| {
            let (a, b) = (&gs[w[0]].bbox, &gs[w[1]].bbox);
            let o = a.x1.min(b.x1) - a.x0.max(b.x0);
            lookup(w[0]) != lookup(w[1]) && o > 0.0 && o >= 0.5 * a.width().min(b.width())
        })
        .count();
    if overlaps < MIN_OVERLAPS {
        return None;
    }
    // Each strand's ink extent; strands go into the first layer none of whose strands they overlap.
    let mut extent = vec![(f32::INFINITY, f32::NEG_INFINITY); count];
    for &i in &ink {
        let e = &mut extent[lookup(i)];
        *e = (e.0.min(gs[i].bbox.x0), e.1.max(gs[i].bbox.x1));
    }
    let mut layer_of = vec![0usize; count];
    let mut layers: Vec<Vec<(f32, f32)>> = Vec::new();
    for s in 0..count {
        let (a0, a1) = extent[s];
        let free = |l: &Vec<(f32, f32)>| l.iter().all(|&(b0, b1)| a1 <= b0 + 0.5 || a0 >= b1 - 0.5 || !a0.is_finite());
        let k = layers.iter().position(free).unwrap_or_else(|| {
            layers.push(Vec::new());
            layers.len() - 1
        });
        layers[k].push((a0, a1));
        layer_of[s] = k;
    }
    if layers.len() < 2 {
        return None;
    }
    let mut parts = vec![Vec::new(); layers.len()];
    for &i in &run.ids {
        parts[layer_of[lookup(i)]].push(i);
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use crate::extract::lines::build_page;
    use crate::extract::{Glyph, PageGlyphs};
    use crate::layout::Rect;

    /// Glyphs for `s` from `x` on `baseline`, in drawing order, each character half an em wide.
    fn text_at(s: &str, x: f32, baseline: f32) -> Vec<Glyph> {
        let size = 10.0;
        let mut x = x;
        let mut out = Vec::new();
        for c in s.chars() {
            let w = if c == ' ' { 2.5 } else { 5.0 };
            let bbox = Rect { x0: x, y0: baseline - 8.0, x1: x + w, y1: baseline + 2.0 };
            out.push(Glyph { text: c.to_string().into(), bbox, baseline, font: 0, size, invisible: false, artifact: false, upright: true, tag: None });
            x += w;
        }
        out
    }

    fn lines_of(glyphs: Vec<Glyph>) -> Vec<String> {
        let page = build_page(PageGlyphs { number: 1, width: 600.0, height: 800.0, glyphs, graphics: vec![], links: vec![] });
        page.blocks.iter().flat_map(|b| b.lines.iter().map(|l| l.text())).collect()
    }

    #[test]
    fn a_line_printed_over_another_stays_apart() {
        // A second text drawn later, 1.4 pt lower and 3 pt to the right, over the first.
        let mut glyphs = text_at("cases (see below).", 100.0, 200.0);
        glyphs.extend(text_at("between two scorers", 103.0, 201.4));
        let mut lines = lines_of(glyphs);
        lines.sort();
        assert_eq!(lines, ["between two scorers", "cases (see below)."]);
    }

    #[test]
    fn a_line_drawn_in_pieces_out_of_order_stays_one_line() {
        // The right half first, then the left half: two strands side by side, not on top.
        let mut glyphs = text_at("right half", 160.0, 200.0);
        glyphs.extend(text_at("the left and the", 75.0, 200.0));
        assert_eq!(lines_of(glyphs), ["the left and the right half"]);
    }
}
