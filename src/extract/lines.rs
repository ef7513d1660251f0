//! Layout analysis, first half: a page's positioned glyphs into words, lines and blocks.
//!
//! Every threshold is a fraction of the glyphs' own font size or comes from statistics of
//! the page (its distribution of letter and word gaps, its modal leading), so the rules
//! carry over between typesetting engines and documents. The blocks are then put in
//! reading order by [`super::order`].

use super::{order, Glyph, PageGlyphs};
use crate::layout::{Line, Page, Rect, TextBlock, Word};
mod overlaid;

/// Groups a page's glyphs into words, lines and blocks in reading order.
pub(crate) fn build_page(page: PageGlyphs) -> crate::layout::Page {
    let PageGlyphs { number, width, height, glyphs, graphics, links } = page;
    let mut gs: Vec<G> = Vec::with_capacity(glyphs.len());
    gs.extend(glyphs.into_iter().filter_map(|mut g| sanitise(&mut g).then(|| G::new(g))));
    let (upright, rotated): (Vec<usize>, Vec<usize>) = (0..gs.len()).partition(|&i| gs[i].upright);
    let runs = overlaid::split_overlaid(&gs, baseline_runs(&gs, upright));
    let runs = split_at_gutters(&gs, runs);
    let runs = attach_scripts(&gs, runs);
    let gap = word_gap_threshold(&gs, &runs);
    let lines: Vec<Line> = runs.iter().filter_map(|r| run_to_line(&gs, r, gap)).collect();
    let mut blocks = order::reading_order(group_blocks(lines));
    blocks.extend(rotated_blocks(&gs, &rotated));
    Page { number, width, height, blocks, graphics, links }
}

/// Whether to keep a glyph: false for one with no text or non-finite geometry; puts the
/// box of a kept one the right way round.
///
/// A missing or absurd size falls back to the box height so that size-relative rules still work.
fn sanitise(g: &mut Glyph) -> bool {
    let b = g.bbox;
    if g.text.is_empty() || ![b.x0, b.y0, b.x1, b.y1, g.baseline].iter().all(|v| v.is_finite()) {
        return false;
    }
    g.bbox = Rect { x0: b.x0.min(b.x1), y0: b.y0.min(b.y1), x1: b.x0.max(b.x1), y1: b.y0.max(b.y1) };
    if !(g.size.is_finite() && g.size > 0.0) {
        g.size = g.bbox.height().max(1.0);
    }
    true
}

/// A kept glyph with the facts about its text that the passes below ask again and again.
///
/// Worked out once per glyph: each pass would otherwise decode the text anew.
struct G {
    glyph: Glyph,
    /// Whether it is an explicit space (a word separator, never part of a word).
    space: bool,
    /// The number of characters of its text.
    chars: u32,
}

impl G {
    fn new(glyph: Glyph) -> G {
        let space = super::is_blank(&glyph.text);
        let chars = match glyph.text.len() {
            1 => 1,
            _ => glyph.text.chars().count() as u32,
        };
        G { glyph, space, chars }
    }
}

impl std::ops::Deref for G {
    type Target = Glyph;

    fn deref(&self) -> &Glyph {
        &self.glyph
    }
}

/// Whether a glyph is an explicit space (a word separator, never part of a word).
#[inline]
fn is_space(g: &G) -> bool {
    g.space
}

/// The number of characters of a glyph's text.
#[inline]
fn char_count(g: &G) -> usize {
    g.chars as usize
}

/// Glyphs sharing one baseline and one stretch of a line, sorted left to right.
#[derive(Debug, Clone)]
struct Run {
    /// Glyph indices sorted by left edge, explicit spaces included.
    ids: Vec<usize>,
    /// The baseline of its main text.
    baseline: f32,
    /// The size that covers most of its characters.
    size: f32,
    /// Left edge of its ink (spaces excluded).
    x0: f32,
    /// Right edge of its ink.
    x1: f32,
}

impl Run {
    /// A run from glyph indices, measuring its baseline and size; `None` if it holds only spaces.
    fn new(gs: &[G], ids: Vec<usize>) -> Option<Run> {
        let ink = || ids.iter().map(|&i| &gs[i]).filter(|g| !is_space(g));
        let mut baselines: Vec<f32> = Vec::with_capacity(ids.len());
        baselines.extend(ink().map(|g| g.baseline));
        if baselines.is_empty() {
            return None;
        }
        // The median: the element a full sort would put in the middle.
        let mid = baselines.len() / 2;
        let baseline = *baselines.select_nth_unstable_by(mid, f32::total_cmp).1;
        let size = dominant(ink().map(|g| (g.size, char_count(g))));
        Run::with(gs, ids, baseline, size)
    }

    /// A run with a given baseline and size (those of its host line when scripts join it).
    fn with(gs: &[G], mut ids: Vec<usize>, baseline: f32, size: f32) -> Option<Run> {
        // Glyphs are mostly drawn left to right already.
        if !ids.is_sorted_by_key(|&i| order_key(gs[i].bbox.x0, i)) {
            sort_by_value(&mut ids, |i| gs[i].bbox.x0);
        }
        let ids = drop_duplicates(gs, ids);
        let (mut x0, mut x1) = (f32::INFINITY, f32::NEG_INFINITY);
        for g in ids.iter().map(|&i| &gs[i]).filter(|g| !is_space(g)) {
            x0 = x0.min(g.bbox.x0);
            x1 = x1.max(g.bbox.x1);
        }
        if !x0.is_finite() {
            return None;
        }
        Some(Run { ids, baseline, size, x0, x1 })
    }
}

/// A key ordering glyphs by `v` (as [`f32::total_cmp`] does), then by index `i`.
fn order_key(v: f32, i: usize) -> u64 {
    let bits = v.to_bits();
    let ordered = if bits >> 31 == 1 { !bits } else { bits | 1 << 31 };
    u64::from(ordered) << 32 | i as u64 & 0xFFFF_FFFF
}

/// Sorts glyph indices by a value of each glyph, then by index.
///
/// The values are read once into integer keys, which sort much faster than comparisons
/// that look the glyphs up.
fn sort_by_value(ids: &mut [usize], value: impl Fn(usize) -> f32) {
    let mut keys: Vec<u64> = ids.iter().map(|&i| order_key(value(i), i)).collect();
    // A stable sort finds the runs already in order (glyphs are mostly drawn line by line).
    keys.sort();
    for (id, k) in ids.iter_mut().zip(keys) {
        *id = (k & 0xFFFF_FFFF) as usize;
    }
}

/// The value carrying the largest weight, values within 1% counted as equal.
///
/// Used for a line's size and font: superscripts and a few italic words do not move it.
fn dominant(items: impl Iterator<Item = (f32, usize)>) -> f32 {
    let mut tally: Vec<(f32, usize)> = Vec::new();
    // The entry the last value went to. Entries are more than 1% apart, so a value equal to
    // one is within 1% of no other: the search would find the same entry.
    let mut last = 0;
    for (v, w) in items {
        if tally.get(last).is_some_and(|t| t.0 == v) {
            tally[last].1 += w.max(1);
            continue;
        }
        match tally.iter().position(|(t, _)| (t - v).abs() <= 0.01 * t.abs().max(v.abs())) {
            Some(k) => {
                tally[k].1 += w.max(1);
                last = k;
            }
            None => {
                tally.push((v, w.max(1)));
                last = tally.len() - 1;
            }
        }
    }
    tally.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0))).map_or(0.0, |t| t.0)
}

/// Removes glyphs drawn twice at (almost) the same place, as for fake bold.
///
/// `ids` must be sorted by left edge, so a duplicate sits among the last few kept glyphs.
fn drop_duplicates(gs: &[G], mut ids: Vec<usize>) -> Vec<usize> {
    // Kept glyphs are moved to the front of `ids`, in order: `ids[..kept]`.
    let mut kept = 0;
    for r in 0..ids.len() {
        let i = ids[r];
        let g = &gs[i];
        let tol = (0.15 * g.size).min(0.5 * g.bbox.width().max(0.05 * g.size));
        // Kept glyphs start no further right than `g`: once one starts a tolerance or more
        // to its left, so do all before it.
        let mut dup = false;
        for h in ids[..kept].iter().rev().take(4).map(|&k| &gs[k]) {
            if g.bbox.x0 - h.bbox.x0 >= tol {
                break;
            }
            if (h.baseline - g.baseline).abs() < 0.15 * g.size && h.text == g.text {
                dup = true;
                break;
            }
        }
        if !dup {
            ids[kept] = i;
            kept += 1;
        }
    }
    ids.truncate(kept);
    ids
}

/// Groups upright glyphs into runs on one baseline, in order of baseline.
///
/// The tolerance is a fifth of the smaller size: raised footnote calls form runs of their
/// own here and rejoin their line in [`attach_scripts`].
fn baseline_runs(gs: &[G], mut ids: Vec<usize>) -> Vec<Run> {
    sort_by_value(&mut ids, |i| gs[i].baseline);
    let mut runs = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for i in ids {
        if let Some(&first) = cur.first() {
            let tol = 0.2 * gs[first].size.min(gs[i].size);
            if gs[i].baseline - gs[first].baseline > tol {
                runs.extend(Run::new(gs, std::mem::take(&mut cur)));
            }
        }
        cur.push(i);
    }
    runs.extend(Run::new(gs, cur));
    runs
}

/// Where a run's ink lies along x, for asking whether it crosses an interval.
struct Coverage {
    /// Left edges of ink glyphs, ascending.
    x0s: Vec<f32>,
    /// Running maximum of right edges, aligned with `x0s`.
    max_x1: Vec<f32>,
}

impl Coverage {
        fn new(gs: &[G], run: &Run) -> Coverage {
        let mut x0s = Vec::with_capacity(run.ids.len());
        let mut max_x1 = Vec::with_capacity(run.ids.len());
        let mut m = f32::NEG_INFINITY;
        for &i in run.ids.iter().filter(|&&i| !is_space(&gs[i])) {
            m = m.max(gs[i].bbox.x1);
            x0s.push(gs[i].bbox.x0);
            max_x1.push(m);
        }
        Coverage { x0s, max_x1 }
    }

    /// Whether any ink glyph overlaps the open interval (lo, hi).
    fn covers(&self, lo: f32, hi: f32) -> bool {
        let p = self.x0s.partition_point(|&x| x < hi);
        p > 0 && self.max_x1[p - 1] > lo
    }

    /// The ink-free stretch holding an interval that ends at `hi` and is free: where the ink
    /// before it ends and the ink after it starts (infinite where there is none).
    fn free_stretch(&self, hi: f32) -> (f32, f32) {
        let p = self.x0s.partition_point(|&x| x < hi);
        let left = if p > 0 { self.max_x1[p - 1] } else { f32::NEG_INFINITY };
        let right = self.x0s.get(p).copied().unwrap_or(f32::INFINITY);
        (left, right)
    }

    /// An ink-free stretch at least `min_w` wide between two ink glyphs that overlaps (a, b).
    ///
    /// A line with a gap of its own beside a gutter (an indented first line across the
    /// gutter, a short last line before it) shows the gutter's edge rather than crossing it.
    fn gap_overlapping(&self, a: f32, b: f32, min_w: f32) -> Option<(f32, f32)> {
        let from = self.x0s.partition_point(|&x| x < a).max(1);
        let to = self.x0s.partition_point(|&x| x <= b).min(self.x0s.len().saturating_sub(1));
        (from..=to)
            .filter(|&k| k < self.x0s.len())
            .map(|k| (self.max_x1[k - 1], self.x0s[k]))
            .find(|&(l, r)| r - l >= min_w && l < b && r > a)
    }
}

/// Splits runs at column gutters and other gaps that no word space explains.
///
/// A run splits at a gap of 3 em or more; at a gap of an em or more where the type size
/// changes (text of another column or a note, not a superscript, which sits close); and at
/// a gap of 0.6 em or more with at least 4 em of text on each side when the lines around it
/// show a column edge there ([`column_edges_at`]), or of an em or more where face and size
/// change and the column edge shows. A wide justified space in one-column
/// text has ink above and below it, so it does not split its line.
fn split_at_gutters(gs: &[G], runs: Vec<Run>) -> Vec<Run> {
    let cover: Vec<Coverage> = runs.iter().map(|r| Coverage::new(gs, r)).collect();
    let cuts: Vec<Vec<f32>> = (0..runs.len()).map(|ri| gutter_cuts(gs, &runs, &cover, ri)).collect();
    let mut out = Vec::with_capacity(runs.len());
    for (run, cuts) in runs.into_iter().zip(cuts) {
        if cuts.is_empty() {
            out.push(run);
            continue;
        }
        let mut pieces: Vec<Vec<usize>> = vec![Vec::new(); cuts.len() + 1];
        for &i in &run.ids {
            let k = cuts.partition_point(|&c| c <= gs[i].bbox.x0);
            pieces[k].push(i);
        }
        out.extend(pieces.into_iter().filter_map(|p| Run::new(gs, p)));
    }
    out.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Where run `ri` splits (see [`split_at_gutters`]): the left edges of the pieces after the first.
fn gutter_cuts(gs: &[G], runs: &[Run], cover: &[Coverage], ri: usize) -> Vec<f32> {
    let run = &runs[ri];
    let em = run.size;
    let mut cuts: Vec<f32> = Vec::new();
    let mut piece_x0 = run.x0;
    let mut ink = run.ids.iter().map(|&i| &gs[i]).filter(|g| !is_space(g));
    let Some(mut cur) = ink.next() else { return cuts };
    let mut reach = f32::NEG_INFINITY;
    // Ink glyphs in the piece so far: a short first piece may be a label hanging before its text.
    let mut piece_glyphs = 0usize;
    for next in ink {
        reach = reach.max(cur.bbox.x1);
        piece_glyphs += 1;
        let (a, b) = (reach, next.bbox.x0);
        let gap = b - a;
        let (sa, sb) = (cur.size, next.size);
        let other_face = cur.font != next.font && gap >= em && sa.min(sb) < 0.95 * sa.max(sb);
        cur = next;
        if gap < 0.6 * em {
            continue;
        }
        if piece_x0 == run.x0 && piece_glyphs <= 3 && sa == sb && wraps_under(runs, cover, ri, (a, b)) {
            continue;
        }
        let wide_sides = a - piece_x0 >= 4.0 * em && run.x1 - b >= 4.0 * em;
        // A superscript sits close to its word; across a wide gap a change of size is another text.
        let other_size = gap >= sa.max(sb) && sa.min(sb) < 0.85 * sa.max(sb);
        // A change of face and size across a wide gap (a heading beside the other column's line) needs
        // the column edge only, not wide text on both sides.
        if gap >= 3.0 * em || other_size || ((wide_sides || other_face) && column_edges_at(runs, cover, ri, (a, b))) {
            cuts.push(b);
            piece_x0 = b;
            piece_glyphs = 0;
        }
    }
    cuts
}

/// Whether the text of run `ri` wraps back under its start across the gap (a, b): the next
/// line below, at most two ems down, starts by the run's start and runs across the gap as
/// prose does, with no space of an em or more in it.
///
/// A label ("1", "(a)") set wide before its note or item's text is followed so; a column
/// gutter has nothing in it on the next line.
fn wraps_under(runs: &[Run], cover: &[Coverage], ri: usize, (a, b): (f32, f32)) -> bool {
    let run = &runs[ri];
    let below = runs
        .iter()
        .enumerate()
        .skip(ri + 1)
        .take_while(|(_, r)| r.baseline <= run.baseline + 2.0 * run.size)
        .find(|(_, r)| r.baseline > run.baseline + 0.5 * run.size && r.x0 <= b && r.x1 >= b);
    below.is_some_and(|(j, r)| (r.x0 - run.x0).abs() <= run.size && cover[j].covers(a, b) && cover[j].gap_overlapping(a, b, run.size).is_none())
}

/// Whether the lines within four ems above and below run `ri` show a column gutter at the
/// gap (a, b): the evidence is lines showing a column edge there, text that starts where the
/// right-hand piece starts or ends where the left-hand piece ends (within 0.3 em), whether
/// the line lies to one side or reaches across with a gap of its own, and lines with text on
/// both sides of a free stretch spanning the gap's middle, 1.5 em or more wide and at most
/// 4 em wider than the gap (not the wide void of a running head); the counter-evidence
/// is lines with ink in the middle third (lo, hi) of the gap. The gutter needs two pieces of
/// evidence and twice as many as against, so wide justified spaces that happen to line up
/// are not one.
fn column_edges_at(runs: &[Run], cover: &[Coverage], ri: usize, (a, b): (f32, f32)) -> bool {
    let run = &runs[ri];
    let (lo, hi) = (a + (b - a) / 3.0, b - (b - a) / 3.0);
    let reach = 4.0 * run.size;
    let start = runs.partition_point(|r| r.baseline < run.baseline - reach);
    let (mut evidence, mut against) = (0usize, 0usize);
    for (j, other) in runs.iter().enumerate().skip(start) {
        if other.baseline > run.baseline + reach {
            break;
        }
        // Narrow runs (footnote calls, page numbers) are no evidence either way.
        if j == ri || other.x1 - other.x0 < 4.0 * other.size {
            continue;
        }
        let edge = |l: f32, r: f32| (r - b).abs() < 0.3 * run.size || (l - a).abs() < 0.3 * run.size;
        if other.x0 < lo && other.x1 > hi {
            if cover[j].gap_overlapping(a, b, run.size).is_some_and(|(l, r)| edge(l, r)) {
                evidence += 1;
            } else if cover[j].covers(lo, hi) {
                against += 1;
            } else {
                // Text on both sides of a free stretch spanning the gap's middle: two
                // columns side by side, even where ragged or hanging-indented edges differ.
                let (l, r) = cover[j].free_stretch(hi);
                let gutter_like = l <= lo && r >= hi && r - l >= 1.5 * run.size && r - l <= (b - a) + 4.0 * run.size;
                if edge(l, r) || gutter_like {
                    evidence += 1;
                }
            }
        } else if edge(other.x1, other.x0) {
            evidence += 1;
        }
    }
    evidence >= 2 && evidence >= 2 * against
}

/// The most characters a run of superscripts or subscripts on one baseline may hold.
const MAX_SCRIPT_CHARS: usize = 10;

/// Joins superscript and subscript runs (smaller, raised or lowered) to the line they touch.
///
/// Footnote calls sit about a third of an em above the baseline in a smaller size; they
/// belong to the line whose text they follow or precede.
fn attach_scripts(gs: &[G], runs: Vec<Run>) -> Vec<Run> {
    let n = runs.len();
    let max_size = runs.iter().map(|r| r.size).fold(0.0, f32::max);
    let mut host: Vec<Option<usize>> = vec![None; n];
    for (i, s) in runs.iter().enumerate() {
        // Calls and indices are a few characters; a longer run is a line of its own.
        let chars: usize = s.ids.iter().map(|&g| &gs[g]).filter(|g| !is_space(g)).map(char_count).sum();
        if chars > MAX_SCRIPT_CHARS {
            continue;
        }
        let start = runs.partition_point(|r| r.baseline < s.baseline - 0.4 * max_size);
        let mut best: Option<(usize, f32, f32)> = None;
        for (j, h) in runs.iter().enumerate().skip(start) {
            if h.baseline > s.baseline + 0.75 * max_size {
                break;
            }
            if j == i || h.size < 1.1 * s.size {
                continue;
            }
            let d = s.baseline - h.baseline;
            if d < -0.75 * h.size || d > 0.4 * h.size || d.abs() < 0.1 * h.size {
                continue;
            }
            let hgap = (s.x0 - h.x1).max(h.x0 - s.x1).max(0.0);
            if hgap > 0.6 * h.size {
                continue;
            }
            if best.is_none_or(|(_, bg, bd)| (hgap, d.abs()) < (bg, bd)) {
                best = Some((j, hgap, d.abs()));
            }
        }
        host[i] = best.map(|b| b.0);
    }
    let root = |mut i: usize| {
        // Sizes grow strictly along the chain, so it ends within n steps.
        for _ in 0..n {
            match host[i] {
                Some(h) => i = h,
                None => break,
            }
        }
        i
    };
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        members[root(i)].push(i);
    }
    // Each run is in exactly one group, that of its root, so each is taken once.
    let mut slots: Vec<Option<Run>> = runs.into_iter().map(Some).collect();
    let mut out: Vec<Run> = Vec::with_capacity(n);
    for (i, m) in members.into_iter().enumerate() {
        if m.is_empty() {
            continue;
        }
        if m.len() == 1 {
            out.extend(slots[i].take());
            continue;
        }
        let Some((baseline, size)) = slots[i].as_ref().map(|r| (r.baseline, r.size)) else { continue };
        let ids: Vec<usize> = m.iter().filter_map(|&k| slots[k].take()).flat_map(|r| r.ids).collect();
        out.extend(Run::with(gs, ids, baseline, size));
    }
    out.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x0.total_cmp(&b.x0)));
    out
}

/// The gap (in ems) above which two glyphs on a line belong to different words.
///
/// Read from the page's own gaps between glyphs not separated by a space glyph: letter gaps
/// cluster near zero, word gaps (when the PDF draws no spaces) form a second peak, usually
/// near a third of an em. The threshold is half that peak, kept between 0.08 and 0.25 em;
/// without a clear second peak it is 0.15 em.
fn word_gap_threshold(gs: &[G], runs: &[Run]) -> f32 {
    const BIN: f32 = 0.02;
    const BINS: usize = 40;
    const DEFAULT: f32 = 0.15;
    let mut hist = [0usize; BINS];
    let mut samples = 0usize;
    for run in runs {
        let mut prev: Option<&G> = None;
        for g in run.ids.iter().map(|&i| &gs[i]) {
            if is_space(g) {
                prev = None;
                continue;
            }
            if let Some(p) = prev {
                let gap = (g.bbox.x0 - p.bbox.x1) / p.size.max(g.size);
                if (0.0..BIN * BINS as f32).contains(&gap) {
                    hist[((gap / BIN) as usize).min(BINS - 1)] += 1;
                }
                samples += 1;
            }
            prev = Some(g);
        }
    }
    let smooth: Vec<usize> =
        (0..BINS).map(|i| hist[i.saturating_sub(1)] + 2 * hist[i] + hist[(i + 1).min(BINS - 1)]).collect();
    let centre = |i: usize| (i as f32 + 0.5) * BIN;
    // A word-gap peak: a local maximum above 0.08 em, with a dip below 70% of it between it and zero,
    // and big enough not to be the odd wide kern.
    let floor = (samples / 50).max(8);
    let mut peak: Option<usize> = None;
    for i in (0.08 / BIN) as usize..BINS - 1 {
        let v = smooth[i];
        let local = v >= smooth[i - 1] && v >= smooth[i + 1] && v >= floor;
        let dip = smooth[..i].iter().any(|&x| 10 * x < 7 * v);
        if local && dip && peak.is_none_or(|p| v > smooth[p]) {
            peak = Some(i);
        }
    }
    peak.map_or(DEFAULT, |p| (0.5 * centre(p)).clamp(0.08, 0.25))
}

/// Builds a line's words: a new word at an explicit space, at a gap wider than `gap` ems,
/// or where the font, size or visibility changes (then without `space_before` if no gap).
fn run_to_line(gs: &[G], run: &Run, gap: f32) -> Option<Line> {
    let words = make_words(gs, &run.ids, gap);
    let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b))?;
    Some(Line { bbox, baseline: run.baseline, words })
}

/// Splits glyphs, in reading order, into words.
fn make_words(gs: &[G], ids: &[usize], gap: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    // For each word, whether a space glyph (not only a gap) came before it.
    let mut spaced: Vec<bool> = Vec::new();
    let mut pending_space = false;
    let mut prev_size = 0.0f32;
    for g in ids.iter().map(|&i| &gs[i]) {
        if is_space(g) {
            pending_space = true;
            continue;
        }
        let joins = match words.last() {
            None => None,
            Some(w) => {
                let gapped = pending_space || g.bbox.x0 - w.bbox.x1 > gap * prev_size.max(g.size);
                let same = g.font == w.font && (g.size - w.size).abs() <= 0.01 * w.size && g.invisible == w.invisible && g.artifact == w.artifact;
                Some((gapped, same))
            }
        };
        match (joins, words.last_mut()) {
            (Some((false, true)), Some(w)) => {
                w.text.push_str(&g.text);
                w.bbox = w.bbox.union(&g.bbox);
            }
            (j, _) => {
                words.push(Word {
                    text: word_text(&g.text),
                    bbox: g.bbox,
                    font: g.font,
                    size: g.size,
                    space_before: j.is_some_and(|(gapped, _)| gapped),
                    invisible: g.invisible,
                    artifact: g.artifact,
                });
                spaced.push(pending_space);
            }
        }
        pending_space = false;
        prev_size = g.size;
    }
    join_letter_spaced(&mut words, &spaced);
    words
}

/// Joins letter-spaced text ("P A R T I C I P A N T S") back into words.
///
/// A stretch of at least four visible one-letter words in one font and size, set with
/// even gaps and no space glyphs between them, is one spaced-out word sequence: its gaps up
/// to half again the stretch's typical gap are letter spacing, wider ones word spaces.
fn join_letter_spaced(words: &mut Vec<Word>, spaced: &[bool]) {
    // An OCR layer (invisible text) spaces words as its engine recognised them: kept as is.
    let single = |w: &Word| !w.invisible && w.text.chars().count() == 1 && w.text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.' | ','));
    let mut i = 0;
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let taken = std::mem::take(words);
    while i < taken.len() {
        let mut j = i;
        while j < taken.len()
            && single(&taken[j])
            && (j == i || (!spaced[j] && taken[j].font == taken[i].font && (taken[j].size - taken[i].size).abs() < 0.01 * taken[i].size))
        {
            j += 1;
        }
        let mut gaps: Vec<f32> = (i + 1..j).map(|k| taken[k].bbox.x0 - taken[k - 1].bbox.x1).collect();
        let letters = j - i;
        gaps.sort_by(f32::total_cmp);
        let typical = gaps.get(gaps.len() / 4).copied().unwrap_or(0.0);
        let even = letters >= 4 && typical > 0.0 && gaps.iter().filter(|&&g| g <= 1.5 * typical).count() * 3 >= gaps.len() * 2;
        if !even {
            out.extend(taken[i..j.max(i + 1)].iter().cloned());
            i = j.max(i + 1);
            continue;
        }
        for k in i..j {
            let w = &taken[k];
            let joins = k > i && w.bbox.x0 - taken[k - 1].bbox.x1 <= 1.5 * typical;
            match out.last_mut() {
                Some(prev) if joins => {
                    prev.text.push_str(&w.text);
                    prev.bbox = prev.bbox.union(&w.bbox);
                }
                _ => out.push(w.clone()),
            }
        }
        i = j;
    }
    *words = out;
}

/// A word's text begun with its first glyph's, with room for a few more so that most words
/// take one allocation.
fn word_text(first: &str) -> String {
    let mut s = String::with_capacity(first.len().max(16));
    s.push_str(first);
    s
}

/// Each stretch of non-upright text, in drawing order, as a block of its own.
///
/// Rotated margin notes and vertical labels are kept apart from horizontal text; a stretch
/// ends where the next glyph is not near the previous one.
fn rotated_blocks(gs: &[G], ids: &[usize]) -> Vec<TextBlock> {
    let mut stretches: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in ids {
        let near = prev.is_some_and(|p| {
            let (a, b) = (&gs[p].bbox, &gs[i].bbox);
            let dx = (b.x0 - a.x1).max(a.x0 - b.x1).max(0.0);
            let dy = (b.y0 - a.y1).max(a.y0 - b.y1).max(0.0);
            let reach = 1.5 * gs[p].size.max(gs[i].size);
            dx <= reach && dy <= reach && p + 1 == i
        });
        match stretches.last_mut() {
            Some(s) if near => s.push(i),
            _ => stretches.push(vec![i]),
        }
        prev = Some(i);
    }
    stretches
        .into_iter()
        .filter_map(|s| {
            let words = make_rotated_words(gs, &s);
            let bbox = words.iter().map(|w| w.bbox).reduce(|a, b| a.union(&b))?;
            let line = Line { bbox, baseline: bbox.y1, words };
            Some(TextBlock { bbox, lines: vec![line], column: 0 })
        })
        .collect()
}

/// Words of rotated text: split at explicit spaces and at style changes only.
///
/// Gaps are not measured because the glyph boxes do not run along x.
fn make_rotated_words(gs: &[G], ids: &[usize]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut pending_space = false;
    for g in ids.iter().map(|&i| &gs[i]) {
        if is_space(g) {
            pending_space = true;
            continue;
        }
        match words.last_mut() {
            Some(w) if !pending_space && w.font == g.font && w.size == g.size && w.invisible == g.invisible => {
                w.text.push_str(&g.text);
                w.bbox = w.bbox.union(&g.bbox);
            }
            last => {
                let space_before = last.is_some() && pending_space;
                words.push(Word {
                    text: word_text(&g.text),
                    bbox: g.bbox,
                    font: g.font,
                    size: g.size,
                    space_before,
                    invisible: g.invisible,
                    artifact: g.artifact,
                });
            }
        }
        pending_space = false;
    }
    words
}

/// A line with the measures block grouping needs.
#[derive(Debug, Clone)]
struct TextLine {
    line: Line,
    /// The size covering most of its characters.
    size: f32,
    /// The font covering most of its characters.
    font: u32,
    /// Whether (nearly) all its characters are in `font`.
    pure: bool,
}

impl TextLine {
        fn new(line: Line) -> TextLine {
        // Each word's characters, counted once.
        let weights: Vec<usize> = line.words.iter().map(|w| w.text.chars().count()).collect();
        let size = dominant(line.words.iter().zip(&weights).map(|(w, &n)| (w.size, n)));
        let total: usize = weights.iter().sum();
        let mut tally: Vec<(u32, usize)> = Vec::new();
        for (w, &n) in line.words.iter().zip(&weights) {
            match tally.iter_mut().find(|t| t.0 == w.font) {
                Some(t) => t.1 += n,
                None => tally.push((w.font, n)),
            }
        }
        let (font, count) = tally.iter().copied().max_by_key(|t| t.1).unwrap_or((0, 0));
        let pure = count * 20 >= total * 19;
        TextLine { line, size, font, pure }
    }

    fn x0(&self) -> f32 {
        self.line.bbox.x0
    }

    fn x1(&self) -> f32 {
        self.line.bbox.x1
    }
}

/// How much two x intervals overlap (negative when apart).
fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    a1.min(b1) - a0.max(b0)
}

/// Whether two sizes are the same for grouping (within 10%).
fn similar_size(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.1 * a.max(b)
}

/// The page's usual distances between consecutive baselines, by font size.
///
/// Measured between each line and the nearest line above it that overlaps it and has a
/// similar size; paragraph gaps are rare among these, so the mode is the line leading.
struct Leading {
    samples: Vec<(f32, f32)>,
}

impl Leading {
    fn measure(lines: &[TextLine]) -> Leading {
        let mut samples = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            for p in lines[..k].iter().rev() {
                let d = l.line.baseline - p.line.baseline;
                if d > 3.0 * l.size {
                    break;
                }
                if d >= 0.5 * l.size && similar_size(l.size, p.size) && overlap(l.x0(), l.x1(), p.x0(), p.x1()) > 0.0 {
                    samples.push((l.size, d));
                    break;
                }
            }
        }
        Leading { samples }
    }

    /// The modal leading of lines of about this size, if at least three pairs were seen.
    fn modal(&self, size: f32) -> Option<f32> {
        let bin = 0.02 * size;
        let mut leads: Vec<f32> =
            self.samples.iter().filter(|(s, _)| (s - size).abs() <= 0.05 * size).map(|s| s.1).collect();
        if leads.len() < 3 {
            return None;
        }
        leads.sort_by(f32::total_cmp);
        // The densest window of one bin's width, found with two pointers over the sorted values.
        let (mut best, mut at, mut lo) = (0usize, leads[0], 0usize);
        for hi in 0..leads.len() {
            while leads[hi] - leads[lo] > bin {
                lo += 1;
            }
            if hi + 1 - lo > best {
                best = hi + 1 - lo;
                at = (leads[lo] + leads[hi]) / 2.0;
            }
        }
        Some(at)
    }
}

/// Lines gathered under one another in one column with steady spacing and size.
struct Region {
    lines: Vec<TextLine>,
    /// Smallest baseline distance between its lines, once it has two.
    lead: Option<f32>,
    x0: f32,
    x1: f32,
}

/// Groups lines into blocks (unordered); see [`super::order`] for reading order.
///
/// First lines join regions top-down: a line joins the region above it in the same column
/// when the size matches and the baseline distance fits the region's leading (or the page's
/// usual leading for a region of one line). Regions are then split into paragraphs by
/// indentation and short last lines ([`split_region`]).
fn group_blocks(lines: Vec<Line>) -> Vec<TextBlock> {
    let mut lines: Vec<TextLine> = lines.into_iter().map(TextLine::new).collect();
    lines.sort_by(|a, b| a.line.baseline.total_cmp(&b.line.baseline).then(a.x0().total_cmp(&b.x0())));
    let leading = Leading::measure(&lines);
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for l in lines {
        // A region whose last line is far above can no longer be joined (see `joins_region`).
        open.retain(|&r| {
            regions[r].lines.last().is_some_and(|p| l.line.baseline - p.line.baseline <= 2.5 * p.size.max(l.size))
        });
        let above: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&r| overlap(regions[r].x0, regions[r].x1, l.x0(), l.x1()) > 0.0)
            .collect();
        let join = match above.as_slice() {
            [r] if joins_region(&regions[*r], &l, &leading) => Some(*r),
            _ => None,
        };
        open.retain(|r| !above.contains(r));
        let r = match join {
            Some(r) => {
                let reg = &mut regions[r];
                let d = l.line.baseline - reg.lines.last().map_or(l.line.baseline, |p| p.line.baseline);
                reg.lead = Some(reg.lead.map_or(d, |x| x.min(d)));
                reg.x0 = reg.x0.min(l.x0());
                reg.x1 = reg.x1.max(l.x1());
                reg.lines.push(l);
                r
            }
            None => {
                regions.push(Region { x0: l.x0(), x1: l.x1(), lines: vec![l], lead: None });
                regions.len() - 1
            }
        };
        open.push(r);
    }
    let measures = borrowed_measures(&regions);
    regions.into_iter().zip(measures).flat_map(|(r, m)| split_region(r.lines, m)).map(to_block).collect()
}

/// Whether at least two of a region's lines end within half an em of its right edge: it is
/// set to a measure (justified), so that edge is the column's.
fn is_filled(lines: &[TextLine]) -> bool {
    let size = dominant(lines.iter().map(|l| (l.size, 1)));
    let right = lines.iter().map(TextLine::x1).fold(f32::NEG_INFINITY, f32::max);
    lines.iter().filter(|l| l.x1() >= right - 0.5 * size).count() >= 2
}

/// For each ragged region (one-line notes, short entries), the right edge of the nearest
/// justified region with the same left edge (or one up to 1.5 em further left, as notes are
/// often indented), if it reaches further: the measure its lines were set to, against which
/// a short line shows it ended rather than wrapped.
fn borrowed_measures(regions: &[Region]) -> Vec<Option<f32>> {
    let filled: Vec<bool> = regions.iter().map(|r| is_filled(&r.lines)).collect();
    let top = |r: &Region| r.lines.first().map_or(0.0, |l| l.line.bbox.y0);
    let bottom = |r: &Region| r.lines.last().map_or(0.0, |l| l.line.bbox.y1);
    regions
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if filled[i] {
                return None;
            }
            let size = r.lines.first().map_or(0.0, |l| l.size);
            let right = right_edge(&r.lines, size);
            regions
                .iter()
                .enumerate()
                .filter(|&(j, q)| {
                    let indent = r.x0 - q.x0;
                    j != i
                        && filled[j]
                        && (-0.4 * size..1.5 * size).contains(&indent)
                        && q.x1 > right
                        && overlap(q.x0, q.x1, r.x0, r.x1) > 0.0
                })
                .map(|(_, q)| {
                    let distance = (top(q) - bottom(r)).max(top(r) - bottom(q)).max(0.0);
                    (distance, right_edge(&q.lines, size))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, edge)| edge)
        })
        .collect()
}

/// How much (in ems) a baseline distance may exceed a block's leading before it counts as
/// a paragraph gap: list items with a little space between them must still separate.
const LEAD_SLACK: f32 = 0.15;

/// Whether line `l` continues region `r` directly above it.
fn joins_region(r: &Region, l: &TextLine, leading: &Leading) -> bool {
    let Some(p) = r.lines.last() else { return false };
    let size = p.size.max(l.size);
    let d = l.line.baseline - p.line.baseline;
    if d < 0.5 * size || !similar_size(p.size, l.size) {
        return false;
    }
    let limit = match r.lead {
        Some(lead) => lead + LEAD_SLACK * size,
        None => leading.modal(l.size).map_or(1.5 * l.size, |m| m + LEAD_SLACK * l.size),
    };
    // A word hyphenated across the break continues on the next line, whatever the spacing says.
    let hyphenated = p.line.words.last().is_some_and(|w| w.text.ends_with(['-', '\u{2010}', '\u{ad}']) && w.text.chars().count() > 1);
    if d > limit.min(2.5 * size) && !(hyphenated && d <= 2.0 * size) {
        return false;
    }
    // A short line (or lines) all in one other font above a much wider line: a heading over its text.
    let heading_above = r.lines.len() <= 3
        && r.lines.iter().all(|x| x.pure && x.font == p.font)
        && l.font != p.font
        && p.x1() - p.x0() <= 0.7 * (l.x1() - l.x0());
    !heading_above
}

/// How a line's left edge moves from the line above.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Same,
    In,
    Out,
}

/// Whether a word is a list label: a bullet or dash, or a number, letter or roman numeral
/// with brackets or a full stop ("1.", "(a)", "[12]", "iv.").
fn is_label(w: &Word) -> bool {
    let t = w.text.trim();
    let n = t.chars().count();
    if n == 0 || n > 5 {
        return false;
    }
    if n == 1 && "•◦▪▫‣∙·●○■□–—-*►▸".contains(t) {
        return true;
    }
    let core = t.trim_start_matches(['(', '[']).trim_end_matches(['.', ')', ']', ':']);
    let wrapped = core.len() < t.len() && (t.ends_with(['.', ')', ']']));
    let number = (1..=3).contains(&core.len()) && core.chars().all(|c| c.is_ascii_digit());
    let letter = core.chars().count() == 1 && core.chars().all(char::is_alphabetic);
    let roman = (1..=4).contains(&core.len()) && core.chars().all(|c| "ivxlcIVXLC".contains(c));
    wrapped && (number || letter || roman)
}

/// Whether a line starts with a list label set apart from its text by a gap clearly wider
/// than its other word gaps (in justified text a word like "al." or a citation "[8]." can
/// begin a line, followed by an ordinary space).
fn starts_item(l: &TextLine) -> bool {
    let [first, second, rest @ ..] = l.line.words.as_slice() else { return false };
    if !is_label(first) {
        return false;
    }
    let gap = second.bbox.x0 - first.bbox.x1;
    let mut others: Vec<f32> = std::iter::once(second)
        .chain(rest)
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].space_before)
        .map(|w| w[1].bbox.x0 - w[0].bbox.x1)
        .collect();
    others.sort_by(f32::total_cmp);
    match others.get(others.len() / 2) {
        Some(&typical) if others.len() >= 2 => gap >= 0.45 * l.size && gap >= 1.5 * typical,
        _ => gap >= 0.8 * l.size,
    }
}

/// Whether a line begins with a raised, smaller word: a note's call. In running text a call
/// follows its word, so it never begins a line.
fn starts_with_call(l: &TextLine) -> bool {
    l.line.words.first().is_some_and(|w| w.size < 0.85 * l.size && w.bbox.y1 < l.line.baseline)
}

/// Splits a region into paragraphs, list items and entries.
///
/// A first-line indent starts a paragraph; a hanging indent (references) continues one.
/// Which of the two the region uses is read from its own lines: lone lines sticking out
/// to the left of the lines after them are hanging, lone lines indented from the lines
/// after them are first lines. In justified text a line ending three ems or more short of
/// the right edge ends its paragraph; so does any line after which the next line's first word would
/// still have fitted (the break was forced) within the region's measure, or within
/// `column_right` (that of a justified neighbour) for a ragged region; a line starting with
/// a list label (when another line has one at the same edge) starts an item, and a line
/// starting with a raised call starts a note.
fn split_region(lines: Vec<TextLine>, column_right: Option<f32>) -> Vec<Vec<TextLine>> {
    let n = lines.len();
    if n < 2 {
        return vec![lines];
    }
    let size = dominant(lines.iter().map(|l| (l.size, 1)));
    let tol = 0.4 * size;
    // Centred lines (a title over several lines) have ragged left edges that mean nothing.
    let centres: Vec<f32> = lines.iter().map(|l| (l.x0() + l.x1()) / 2.0).collect();
    let centred = centres.iter().all(|c| (c - centres[0]).abs() < tol)
        && lines.iter().any(|l| (l.x0() - lines[0].x0()).abs() >= tol);
    let step = |a: &TextLine, b: &TextLine| {
        let dx = b.x0() - a.x0();
        if dx.abs() < tol || centred {
            Step::Same
        } else if dx > 0.0 {
            Step::In
        } else {
            Step::Out
        }
    };
    let steps: Vec<Step> = (1..n).map(|k| step(&lines[k - 1], &lines[k])).collect();
    // A line starts an item only when another line of the region starts one at the same left
    // edge: a list has more than one item, while a lone "1." can begin a wrapped line.
    let labelled: Vec<bool> = lines.iter().map(starts_item).collect();
    let item_start: Vec<bool> = (0..n)
        .map(|k| {
            starts_with_call(&lines[k])
                || (labelled[k] && (0..n).any(|j| j != k && labelled[j] && (lines[j].x0() - lines[k].x0()).abs() < tol))
        })
        .collect();
    let right = right_edge(&lines, size);
    let full = lines[..n - 1].iter().filter(|l| l.x1() >= right - 0.3 * size).count();
    let justified = n >= 3 && full * 5 >= (n - 1) * 4;

    // The right edge a line is measured against: that of the run of lines sharing its left
    // edge (an indented quote has its own), or the region's for a lone line.
    // A ragged region flush with a justified one nearby is measured against that one's edge.
    let left = lines.iter().map(TextLine::x0).fold(f32::INFINITY, f32::min);
    let widen = |m: f32, x0: f32| match column_right {
        Some(c) if (x0 - left).abs() < tol => m.max(c),
        _ => m,
    };
    let mut measure: Vec<f32> = lines.iter().map(|l| widen(right, l.x0())).collect();
    let mut a = 0;
    while a < n {
        let mut b = a + 1;
        while b < n && steps[b - 1] == Step::Same {
            b += 1;
        }
        if b - a >= 2 {
            let r = widen(right_edge(&lines[a..b], size), lines[a].x0());
            measure[a..b].iter_mut().for_each(|m| *m = r);
        }
        a = b;
    }
    // Lines that ended rather than wrapped: the next line's first word would have fitted.
    let ended: Vec<bool> = (1..n).map(|k| !centred && next_word_fits(&lines[k - 1], &lines[k], measure[k - 1])).collect();
    let (hang, first) = indent_votes(&steps, &ended);
    let hanging = hang > first;
    let first_lines = first > hang;
    let mut out: Vec<Vec<TextLine>> = Vec::new();
    let mut cur: Vec<TextLine> = Vec::new();
    for (k, l) in lines.into_iter().enumerate() {
        if let Some(prev) = cur.last() {
            let alone = cur.len() == 1;
            let breaks = match steps[k - 1] {
                // Unless the region indents first lines, a step in after a lone line that
                // wrapped (did not end) continues its entry.
                Step::In => !(alone && (hanging || (!first_lines && !ended[k - 1]) || continues_label(prev, &l, tol))),
                Step::Out => !alone || hanging,
                // In a hanging list two lines in a row at the outer edge are two entries.
                Step::Same => hanging && (l.x0() - left).abs() < tol,
            } || (justified && prev.x1() < right - 3.0 * size)
                || ended[k - 1]
                || item_start[k];
            if breaks {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(l);
    }
    out.push(cur);
    out
}

/// The right edge of a region's text: the furthest line end, unless one line (a long URL)
/// sticks out more than an em beyond an edge the next three lines agree on.
fn right_edge(lines: &[TextLine], size: f32) -> f32 {
    let mut ends: Vec<f32> = lines.iter().map(TextLine::x1).collect();
    ends.sort_by(|a, b| b.total_cmp(a));
    match ends.as_slice() {
        [first, second, _, fourth, ..] if first - second > size && second - fourth < 0.5 * size => *second,
        [first, ..] => *first,
        [] => 0.0,
    }
}

/// Whether the first word of `l` would have fitted at the end of `prev` within `right`:
/// then `prev` did not wrap but ended (a paragraph or item end).
fn next_word_fits(prev: &TextLine, l: &TextLine, right: f32) -> bool {
    let Some(first) = l.line.words.first() else { return false };
    // A printed word can be several runs (a font change inside it): take them up to the first gap.
    let end = l.line.words.iter().skip(1).take_while(|w| !w.space_before).fold(first.bbox.x1, |e, w| e.max(w.bbox.x1));
    let width = end - first.bbox.x0;
    prev.x1() + 0.25 * prev.size + width < right - 0.1 * prev.size
}

/// Votes for a hanging indent and for first-line indents in a region's left edges.
///
/// Two kinds of evidence, each counted both ways: lone lines (runs
/// of one line at one left edge) sticking out left of the next run (hanging) or indented from
/// it (first lines); and the step after a line that ended (its successor's first word would
/// have fitted): a step out after it is a new hanging entry, a step in a new indented paragraph.
fn indent_votes(steps: &[Step], ended: &[bool]) -> (usize, usize) {
    // Runs of equal left edges, each with the step that leads into it (None for the first).
    let mut runs: Vec<(usize, Option<Step>)> = vec![(1, None)];
    for &s in steps {
        match s {
            Step::Same => {
                if let Some(r) = runs.last_mut() {
                    r.0 += 1;
                }
            }
            other => runs.push((1, Some(other))),
        }
    }
    let (mut hang, mut first) = (0, 0);
    for w in runs.windows(2) {
        if w[0].0 == 1 {
            match w[1].1 {
                Some(Step::In) => hang += 1,
                Some(Step::Out) => first += 1,
                _ => {}
            }
        }
    }
    for (s, _) in steps.iter().zip(ended).filter(|(_, e)| **e) {
        match s {
            Step::Out => hang += 1,
            Step::In => first += 1,
            Step::Same => {}
        }
    }
    (hang, first)
}

/// Whether `l` is the second line of a list item or labelled entry begun by `prev`: its
/// left edge aligns with the text after `prev`'s label.
fn continues_label(prev: &TextLine, l: &TextLine, tol: f32) -> bool {
    match prev.line.words.as_slice() {
        [first, second, ..] => is_label(first) && (second.bbox.x0 - l.x0()).abs() < tol,
        _ => false,
    }
}

/// A block from its lines.
fn to_block(lines: Vec<TextLine>) -> TextBlock {
    let lines: Vec<Line> = lines.into_iter().map(|l| l.line).collect();
    let bbox = lines.iter().map(|l| l.bbox).reduce(|a, b| a.union(&b)).unwrap_or_default();
    TextBlock { bbox, lines, column: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `s` from `x` on `baseline`, each character half an em wide; spaces are
    /// drawn as space glyphs a quarter em wide.
    fn text_at(s: &str, x: f32, baseline: f32, size: f32, font: u32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in s.chars() {
            let w = if c == ' ' { 0.25 * size } else { 0.5 * size };
            out.push(Glyph {
                text: c.to_string().into(),
                bbox: Rect { x0: x, y0: baseline - 0.8 * size, x1: x + w, y1: baseline + 0.2 * size },
                baseline,
                font,
                size,
                invisible: false,
                artifact: false,
                upright: true,
            });
            x += w;
        }
        out
    }

    /// Glyphs for `words` with no space glyphs: words are set `gap` ems apart.
    fn gapped(words: &[&str], x: f32, baseline: f32, size: f32, gap: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for w in words {
            let g = text_at(w, x, baseline, size, 0);
            x = g.last().map_or(x, |g| g.bbox.x1) + gap * size;
            out.extend(g);
        }
        out
    }

    /// A paragraph of `lines` at `x`, first baseline `y`, with a first-line indent.
    fn para(lines: &[&str], x: f32, y: f32, size: f32, lead: f32, indent: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            let dx = if k == 0 { indent } else { 0.0 };
            out.extend(text_at(l, x + dx, y + k as f32 * lead, size, 0));
        }
        out
    }

    fn page(glyphs: Vec<Glyph>) -> Page {
        build_page(PageGlyphs { number: 1, width: 612.0, height: 792.0, glyphs, graphics: vec![], links: vec![] })
    }

    fn block_texts(p: &Page) -> Vec<String> {
        p.blocks.iter().map(TextBlock::text).collect()
    }

    /// Many lines of plain text so that the page's gap statistics are meaningful.
    fn filler(x: f32, y: f32, n: usize) -> Vec<Glyph> {
        (0..n).flat_map(|k| gapped(&["lorem", "ipsum", "dolor", "sit", "amet"], x, y + 12.0 * k as f32, 10.0, 0.33)).collect()
    }

    #[test]
    fn words_split_at_gaps_without_space_glyphs() {
        let p = page(gapped(&["alpha", "beta", "gamma"], 72.0, 100.0, 10.0, 0.3));
        let line = &p.blocks[0].lines[0];
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["alpha", "beta", "gamma"]);
        assert!(line.words[1].space_before && !line.words[0].space_before);
    }

    #[test]
    fn kerned_letters_stay_in_one_word() {
        let mut g = text_at("Wave", 72.0, 100.0, 10.0, 0);
        // Kerning pulls "a" under the "W" and leaves a small gap after it.
        g[1].bbox.x0 -= 1.0;
        g[1].bbox.x1 -= 1.0;
        g[2].bbox.x0 += 0.5;
        g[2].bbox.x1 += 0.5;
        let p = page(g);
        assert_eq!(p.blocks[0].lines[0].words.len(), 1);
    }

    #[test]
    fn gap_threshold_follows_the_page_distribution() {
        // Word gaps of 0.12 em (tight setting) and no letter gaps: 0.12 em must split words.
        let mut g = Vec::new();
        for k in 0..12 {
            g.extend(gapped(&["one", "two", "three", "four"], 72.0, 100.0 + 12.0 * k as f32, 10.0, 0.12));
        }
        let p = page(g);
        assert_eq!(p.blocks[0].lines[0].text(), "one two three four");
    }

    #[test]
    fn words_split_at_space_glyphs() {
        let p = page(text_at("to be", 72.0, 100.0, 10.0, 0));
        let words: Vec<&str> = p.blocks[0].lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["to", "be"]);
    }

    #[test]
    fn font_change_splits_word_without_space() {
        let mut g = text_at("bold", 72.0, 100.0, 10.0, 1);
        g.extend(text_at("face", 92.0, 100.0, 10.0, 0));
        let p = page(g);
        let line = &p.blocks[0].lines[0];
        assert_eq!(line.words.len(), 2);
        assert!(!line.words[1].space_before);
        assert_eq!(line.text(), "boldface");
    }

    #[test]
    fn superscript_call_joins_its_line() {
        let mut g = text_at("as noted", 72.0, 100.0, 10.0, 0);
        let end = g.last().map_or(0.0, |g| g.bbox.x1);
        g.extend(text_at("12", end + 0.2, 96.5, 7.0, 2));
        g.extend(text_at(" later", end + 7.2, 100.0, 10.0, 0));
        let p = page(g);
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(p.blocks[0].lines.len(), 1);
        let line = &p.blocks[0].lines[0];
        assert_eq!(line.text(), "as noted12 later");
        assert_eq!(line.baseline, 100.0);
    }

    #[test]
    fn duplicate_glyphs_drawn_twice_are_dropped() {
        let mut g = text_at("Bold", 72.0, 100.0, 10.0, 0);
        let mut again = text_at("Bold", 72.3, 100.0, 10.0, 0);
        g.append(&mut again);
        let p = page(g);
        assert_eq!(p.blocks[0].lines[0].text(), "Bold");
    }

    #[test]
    fn glyphs_out_of_x_order_are_sorted() {
        let mut g = text_at("order", 72.0, 100.0, 10.0, 0);
        g.reverse();
        let p = page(g);
        assert_eq!(p.blocks[0].lines[0].text(), "order");
    }

    #[test]
    fn rotated_glyphs_stay_out_of_horizontal_lines() {
        let mut g = text_at("body text", 72.0, 100.0, 10.0, 0);
        let mut side = text_at("arXiv", 30.0, 100.0, 10.0, 0);
        for s in &mut side {
            s.upright = false;
        }
        g.extend(side);
        let p = page(g);
        let texts = block_texts(&p);
        assert_eq!(texts, ["body text", "arXiv"]);
    }

    #[test]
    fn wide_justified_space_does_not_split_a_one_column_line() {
        let mut g = filler(72.0, 100.0, 3);
        g.extend(gapped(&["stretched", "words", "here"], 72.0, 136.0, 10.0, 1.2));
        g.extend(filler(72.0, 148.0, 3));
        let p = page(g);
        assert_eq!(p.blocks.len(), 1);
        assert!(p.blocks[0].lines.iter().any(|l| l.text() == "stretched words here"));
    }

    #[test]
    fn a_note_number_set_wide_before_text_that_wraps_under_it_stays_on_its_line() {
        let mut g = gapped(&["1"], 72.0, 100.0, 10.0, 0.3);
        g.extend(gapped(&["The", "note", "opens", "here", "and", "runs", "on", "to", "the"], 107.0, 100.0, 10.0, 0.3));
        g.extend(gapped(&["next", "line", "under", "its", "number,", "and", "ends."], 72.0, 112.0, 10.0, 0.3));
        let p = page(g);
        assert_eq!(p.blocks.len(), 1, "{:?}", block_texts(&p));
        assert_eq!(p.blocks[0].lines[0].text(), "1 The note opens here and runs on to the");
    }

    #[test]
    fn a_bullet_beside_the_next_columns_line_is_cut_off_from_it() {
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f32;
            let left: &[&str] = if k == 2 { &["•"] } else { &["left", "column", "text"] };
            g.extend(gapped(left, 72.0, y, 10.0, 0.3));
            g.extend(gapped(&["right", "column", "text"], 172.0, y, 10.0, 0.3));
        }
        let p = page(g);
        assert!(p.blocks.iter().flat_map(|b| &b.lines).all(|l| !l.text().contains("• right")), "{:?}", block_texts(&p));
    }

    #[test]
    fn column_gutter_splits_lines_on_a_shared_baseline() {
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f32;
            g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
            g.extend(gapped(&["right", "column", "text"], 172.0, y, 10.0, 0.3));
        }
        let p = page(g);
        assert_eq!(p.blocks.len(), 2);
        assert!(p.blocks[0].lines.iter().all(|l| l.text() == "left column text"));
        assert!(p.blocks[1].lines.iter().all(|l| l.text() == "right column text"));
        assert_eq!((p.blocks[0].column, p.blocks[1].column), (0, 1));
    }

    #[test]
    fn ragged_column_beside_hanging_indents_splits_at_the_gutter() {
        // A reference list in two columns: left lines end raggedly, right entries hang
        // indented, so no edge lines up with the gap of the line in question (row 3).
        let lefts: [&[&str]; 6] = [
            &["alpha", "beta", "gamma"],
            &["alpha", "betas"],
            &["alpha", "beta", "gam"],
            &["alpha", "betas", "gamma"],
            &["alpha"],
            &["alpha", "betas"],
        ];
        let mut g = Vec::new();
        for (k, left) in lefts.iter().enumerate() {
            let y = 100.0 + 12.0 * k as f32;
            g.extend(gapped(left, 72.0, y, 10.0, 0.3));
            let x = if k == 0 || k == 3 { 172.0 } else { 182.0 };
            g.extend(gapped(&["right", "column", "text"], x, y, 10.0, 0.3));
        }
        let p = page(g);
        for b in &p.blocks {
            for l in &b.lines {
                assert!(l.bbox.x1 < 165.0 || l.bbox.x0 > 165.0, "line crosses the gutter: {}", l.text());
            }
        }
    }

    #[test]
    fn indented_first_line_beside_a_narrow_gutter_still_splits() {
        // The gutter is 1.2 em; one right-hand line is indented an em, so the widened gap's
        // middle reaches where the other right-hand lines start.
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f32;
            g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
            let x = if k == 3 { 170.0 } else { 160.0 };
            g.extend(gapped(&["right", "column", "text"], x, y, 10.0, 0.3));
        }
        let p = page(g);
        for b in &p.blocks {
            for l in &b.lines {
                assert!(l.bbox.x1 < 155.0 || l.bbox.x0 > 155.0, "line crosses the gutter: {}", l.text());
            }
        }
    }

    #[test]
    fn heading_in_the_next_column_beside_a_short_line_splits() {
        // A bold heading starts the right column on the baseline of a left-hand line.
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f32;
            g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
            if k == 2 {
                g.extend(text_at("Method", 160.0, y, 11.5, 1));
            } else if k > 2 {
                g.extend(gapped(&["right", "column", "text", "runs"], 160.0, y, 10.0, 0.3));
            }
        }
        let p = page(g);
        assert!(p.blocks.iter().flat_map(|b| b.lines.iter()).any(|l| l.text() == "Method"));
    }

    #[test]
    fn clause_number_and_its_title_in_another_face_stay_one_line() {
        // "1.1   Scope": a tab after the number, the title in italics where indented lines start.
        let mut g = text_at("1.1", 60.0, 100.0, 10.0, 0);
        g.extend(text_at("Scope", 91.0, 100.0, 10.0, 2));
        for k in 1..6 {
            g.extend(gapped(&["T.50", "A", "document", "application", "profile"], 91.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
        }
        let p = page(g);
        assert!(p.blocks.iter().flat_map(|b| b.lines.iter()).any(|l| l.text() == "1.1 Scope"), "{:?}", block_texts(&p));
    }

    #[test]
    fn line_on_a_baseline_shared_by_offset_columns_splits_at_the_column_edges() {
        // The right column's baselines sit 6 pt lower, except one that meets a left line.
        let mut g = Vec::new();
        for k in 0..8 {
            let y = 100.0 + 12.0 * k as f32;
            g.extend(gapped(&["left", "column", "text", "here"], 72.0, y, 10.0, 0.3));
            let yr = if k == 4 { y } else { y + 6.0 };
            g.extend(gapped(&["right", "column", "words"], 240.0, yr, 10.0, 0.3));
        }
        let p = page(g);
        for b in &p.blocks {
            for l in &b.lines {
                assert!(l.bbox.x1 < 230.0 || l.bbox.x0 > 230.0, "line crosses the gutter: {}", l.text());
            }
        }
    }

    #[test]
    fn wide_justified_spaces_at_a_page_top_do_not_split() {
        // The first line has two wide spaces; below it only ordinary lines.
        let mut g = gapped(&["for", "meeting", "the", "economic", "and", "foreign", "policy"], 72.0, 100.0, 10.0, 0.8);
        g.extend(filler(72.0, 112.0, 4));
        let p = page(g);
        assert_eq!(p.blocks[0].lines[0].text(), "for meeting the economic and foreign policy");
    }

    #[test]
    fn note_call_in_the_next_column_stays_out_of_this_line() {
        // A body line in the left column; at the same height, a smaller note with its call
        // in the right column.
        let mut g = Vec::new();
        for k in 0..4 {
            g.extend(gapped(&["body", "text", "of", "the", "left"], 72.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
        }
        g.extend(text_at("10", 240.0, 135.0, 6.0, 1));
        g.extend(gapped(&["The", "note", "text"], 246.0, 137.5, 8.0, 0.3));
        let p = page(g);
        let texts: Vec<String> = p.blocks.iter().flat_map(|b| b.lines.iter().map(Line::text)).collect();
        assert!(texts.contains(&"body text of the left".to_string()), "{texts:?}");
        assert!(texts.contains(&"10The note text".to_string()), "{texts:?}");
    }

    #[test]
    fn notes_starting_with_raised_calls_are_separate_blocks() {
        // Two notes; the first fills its line, so only the raised call shows the second begins.
        let mut g = Vec::new();
        for (k, text) in ["a note that runs the full width of the area", "a short note"].iter().enumerate() {
            let y = 700.0 + 11.0 * k as f32;
            g.extend(text_at(&(k + 1).to_string(), 72.0, y - 3.0, 6.0, 1));
            g.extend(text_at(text, 76.0, y, 9.0, 0));
        }
        let p = page(g);
        assert_eq!(block_texts(&p), ["1a note that runs the full width of the area", "2a short note"]);
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let mut g = Vec::new();
        g.extend(para(&["first para line", "first para ends"], 72.0, 100.0, 10.0, 12.0, 10.0));
        g.extend(para(&["second para line", "second para end"], 72.0, 124.0, 10.0, 12.0, 10.0));
        g.extend(para(&["third para line", "third para ends"], 300.0, 100.0, 10.0, 12.0, 10.0));
        let p = page(g);
        let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        assert_eq!(firsts, ["first para line", "second para line", "third para line"]);
        assert_eq!(p.blocks.iter().map(|b| b.column).collect::<Vec<_>>(), [0, 0, 1]);
    }

    #[test]
    fn title_band_precedes_columns_and_footer_follows() {
        let mut g = text_at("A Title Running Across Both Columns Of The Page", 100.0, 60.0, 18.0, 3);
        g.extend(para(&["left one", "left two", "left three"], 72.0, 120.0, 10.0, 12.0, 0.0));
        g.extend(para(&["right one", "right two"], 320.0, 120.0, 10.0, 12.0, 0.0));
        g.extend(text_at("Page footer across the whole width of the page here", 72.0, 700.0, 10.0, 0));
        let p = page(g);
        let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        assert_eq!(
            firsts,
            [
                "A Title Running Across Both Columns Of The Page",
                "left one",
                "right one",
                "Page footer across the whole width of the page here"
            ]
        );
    }

    #[test]
    fn page_number_in_the_gutter_comes_after_both_columns() {
        let mut g = Vec::new();
        g.extend(para(&["left one", "left two", "left three"], 72.0, 120.0, 10.0, 12.0, 0.0));
        g.extend(para(&["right one", "right two"], 160.0, 120.0, 10.0, 12.0, 0.0));
        g.extend(text_at("7", 150.0, 700.0, 9.0, 0));
        let p = page(g);
        let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        assert_eq!(firsts, ["left one", "right one", "7"]);
        assert_eq!(p.blocks.iter().map(|b| b.column).collect::<Vec<_>>(), [0, 1, 0]);
    }

    #[test]
    fn a_short_heading_and_line_beside_the_next_column_keep_the_columns() {
        // Left: a paragraph, a heading with a line ending a little short, a list; right: list
        // entries. Gaps that happen to line up cut bands across both; the middle band's own
        // gutter is wider than the columns' by its ragged edge only.
        let mut g = text_at("A Title Running Across Both Columns Of This Page", 72.0, 60.0, 12.0, 3);
        g.extend(para(&["left paragraph line of text here", "left paragraph line of text end"], 72.0, 100.0, 10.0, 12.0, 0.0));
        g.extend(text_at("Short Heading", 72.0, 150.0, 10.0, 3));
        g.extend(text_at("left line ending a bit short", 72.0, 162.0, 10.0, 0));
        g.extend(para(&["1. left list entry of the text", "2. left list entry of the text"], 72.0, 200.0, 10.0, 12.0, 0.0));
        for (k, y) in [100.0, 140.0, 190.0].iter().enumerate() {
            g.extend(para(&[&format!("{}. right list entry", k + 3), "that runs on here", "and ends here."], 250.0, *y, 10.0, 12.0, 0.0));
        }
        let p = page(g);
        let order: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        let first_right = order.iter().position(|t| t.contains("right")).expect("right column");
        assert!(order[..first_right].iter().any(|t| t.starts_with("1. left")), "{order:?}");
        assert!(order[first_right..].iter().all(|t| t.contains("right")), "{order:?}");
    }

    #[test]
    fn side_labels_beside_their_paragraphs_are_read_row_by_row() {
        let mut g = text_at("What do I pay and when is it due?", 80.0, 60.0, 12.0, 3);
        for (k, label) in ["Premium", "Refund terms", "Duration"].iter().enumerate() {
            let y = 100.0 + 60.0 * k as f32;
            g.extend(text_at(label, 50.0, y, 10.0, 0));
            g.extend(para(&["the paragraph that the label names runs on", "over a second line of the text as well"], 200.0, y, 10.0, 12.0, 0.0));
        }
        let p = page(g);
        let order: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        assert_eq!(order.iter().skip(1).step_by(2).map(String::as_str).collect::<Vec<_>>(), ["Premium", "Refund terms", "Duration"], "{order:?}");
    }

    #[test]
    fn columns_continue_across_an_accidental_horizontal_gap() {
        // Both columns have a paragraph gap at the same height: still left column first.
        let mut g = Vec::new();
        g.extend(para(&["L1 a", "L1 b"], 72.0, 100.0, 10.0, 12.0, 0.0));
        g.extend(para(&["L2 a", "L2 b"], 72.0, 140.0, 10.0, 12.0, 0.0));
        g.extend(para(&["R1 a", "R1 b"], 320.0, 100.0, 10.0, 12.0, 0.0));
        g.extend(para(&["R2 a", "R2 b"], 320.0, 140.0, 10.0, 12.0, 0.0));
        let p = page(g);
        let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
        assert_eq!(firsts, ["L1 a", "L2 a", "R1 a", "R2 a"]);
    }

    #[test]
    fn paragraph_split_by_first_line_indent() {
        let long = "words words words words words";
        let g = [
            para(&[long, long, "end of one."], 72.0, 100.0, 10.0, 12.0, 15.0),
            para(&[long, long, "end of two."], 72.0, 136.0, 10.0, 12.0, 15.0),
        ]
        .concat();
        let p = page(g);
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(p.blocks[0].lines.len(), 3);
        assert_eq!(p.blocks[1].lines[2].text(), "end of two.");
    }

    #[test]
    fn unindented_first_paragraph_then_indented_one() {
        let long = "words words words words words";
        let g = [
            para(&[long, long, "end."], 72.0, 100.0, 10.0, 12.0, 0.0),
            para(&[long, long, "end."], 72.0, 136.0, 10.0, 12.0, 15.0),
        ]
        .concat();
        assert_eq!(page(g).blocks.len(), 2);
    }

    #[test]
    fn paragraph_split_by_vertical_space() {
        let long = "words words words words words";
        let g = [
            para(&[long, long, long], 72.0, 100.0, 10.0, 12.0, 0.0),
            para(&[long, long, long], 72.0, 142.0, 10.0, 12.0, 0.0),
        ]
        .concat();
        let p = page(g);
        assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [3, 3]);
    }

    #[test]
    fn heading_split_by_size() {
        let mut g = text_at("Introduction", 72.0, 100.0, 14.0, 1);
        g.extend(para(&["body text follows the heading", "and goes on."], 72.0, 116.0, 10.0, 12.0, 0.0));
        let p = page(g);
        assert_eq!(block_texts(&p), ["Introduction", "body text follows the heading\nand goes on."]);
    }

    #[test]
    fn heading_in_body_size_split_by_font() {
        let mut g = text_at("Method", 72.0, 100.0, 10.0, 1);
        g.extend(para(&["body text follows the heading", "and goes on."], 72.0, 112.0, 10.0, 12.0, 0.0));
        let p = page(g);
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(p.blocks[0].text(), "Method");
    }

    #[test]
    fn hanging_indent_entries_are_separate_blocks() {
        let long = "Author, A. 2020. A title of some length here";
        let mut g = Vec::new();
        let mut y = 100.0;
        for _ in 0..3 {
            g.extend(text_at(long, 72.0, y, 10.0, 0));
            g.extend(text_at(long, 90.0, y + 12.0, 10.0, 0));
            g.extend(text_at("pp. 1-2.", 90.0, y + 24.0, 10.0, 0));
            y += 36.0;
        }
        let p = page(g);
        assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [3, 3, 3]);
    }

    #[test]
    fn list_items_with_bullets_are_separate_blocks() {
        let mut g = Vec::new();
        let mut y = 100.0;
        for _ in 0..3 {
            g.extend(text_at("•", 72.0, y, 10.0, 0));
            g.extend(text_at("item text that wraps onto", 84.0, y, 10.0, 0));
            g.extend(text_at("a second line", 84.0, y + 12.0, 10.0, 0));
            y += 24.0;
        }
        let p = page(g);
        assert_eq!(p.blocks.len(), 3);
        assert_eq!(p.blocks[0].text(), "• item text that wraps onto\na second line");
    }

    #[test]
    fn block_quote_is_its_own_block() {
        let long = "words words words words words words";
        let mut g = para(&[long, long], 72.0, 100.0, 10.0, 12.0, 15.0);
        g.extend(para(&["quoted words quoted words", "quoted words quoted"], 92.0, 124.0, 10.0, 12.0, 0.0));
        g.extend(para(&["and the end."], 72.0, 148.0, 10.0, 12.0, 0.0));
        g.extend(para(&[long, long, long], 72.0, 160.0, 10.0, 12.0, 15.0));
        let p = page(g);
        assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [2, 2, 1, 3]);
    }

    #[test]
    fn hanging_continuation_after_a_full_first_line_stays_in_its_entry() {
        // Three entries set flush left with a hanging indent; the middle one's first line is full.
        let full = "Author, B. 2021. A much longer title that fills its line";
        let mut g = text_at("Author, A. 2020. Short.", 72.0, 100.0, 10.0, 0);
        g.extend(text_at(full, 72.0, 112.0, 10.0, 0));
        g.extend(text_at("doi:10.1/xyz.", 90.0, 124.0, 10.0, 0));
        g.extend(text_at("Author, C. 2022. Short.", 72.0, 136.0, 10.0, 0));
        let p = page(g);
        assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [1, 2, 1]);
    }

    #[test]
    fn bad_geometry_is_dropped_without_panic() {
        let mut g = text_at("ok", 72.0, 100.0, 10.0, 0);
        g.push(Glyph { text: "x".into(), bbox: Rect { x0: f32::NAN, ..Default::default() }, ..Default::default() });
        g.push(Glyph { text: "y".into(), size: 0.0, upright: true, ..Default::default() });
        let p = page(g);
        assert!(block_texts(&p).contains(&"ok".to_string()));
        assert!(page(Vec::new()).blocks.is_empty());
    }
}
