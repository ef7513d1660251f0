//! Column gutters inside baseline runs: where a run of glyphs on one baseline is cut into
//! the lines of side-by-side columns, from the gaps in it and the lines around it.

use super::{is_space, Run, G};

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

    /// Where the word whose ink starts at `x` (within `tol`) ends: the ink runs on while no
    /// gap of `space` or more breaks it; `None` when no ink starts there.
    fn word_end_from(&self, x: f32, tol: f32, space: f32) -> Option<f32> {
        let p = self.x0s.partition_point(|&g| g < x - tol);
        if self.x0s.get(p).is_none_or(|&g| g > x + tol) {
            return None;
        }
        let mut reach = self.max_x1[p];
        for k in p + 1..self.x0s.len() {
            if self.x0s[k] - reach >= space {
                break;
            }
            reach = self.max_x1[k];
        }
        Some(reach)
    }

    /// Where the word whose ink ends at `x` (within `tol`) starts: the ink runs back while no
    /// gap of `space` or more breaks it; `None` when no ink ends there.
    fn word_start_to(&self, x: f32, tol: f32, space: f32) -> Option<f32> {
        let q = self.x0s.partition_point(|&g| g < x).checked_sub(1)?;
        if (self.max_x1[q] - x).abs() > tol {
            return None;
        }
        let mut k = q;
        while k > 0 && self.x0s[k] - self.max_x1[k - 1] < space {
            k -= 1;
        }
        Some(self.x0s[k])
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
/// A run splits at a gap of 3 em or more (unless it is a justified line stretched around a
/// long word of the line below or above: every space alike, prose running through); at a
/// gap of an em or more where the type size changes (text of another column or a note,
/// not a superscript, which sits close); and at a gap of 0.6 em or more with at least 4 em
/// of text on each side when the lines around it show a column edge there
/// ([`column_edges_at`]), or of an em or more where face and size change and the column
/// edge shows, or beside a column-wide piece where the edge shows beyond doubt. A wide
/// justified space in one-column text has ink above and below it, so it does not split its
/// line.
pub(super) fn split_at_gutters(gs: &[G], runs: Vec<Run>) -> Vec<Run> {
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
    // Worked out at a piece's first gap of 3 em, if it has one: most runs have none.
    let mut is_stretched: Option<(f32, bool)> = None;
    let mut reach = f32::NEG_INFINITY;
    // Ink glyphs in the piece so far: a short first piece may be a label hanging before its text.
    let mut piece_glyphs = 0usize;
    // The last word space before the gap in question.
    let mut last_space: Option<f32> = None;
    while let Some(next) = ink.next() {
        reach = reach.max(cur.bbox.x1);
        piece_glyphs += 1;
        let (a, b) = (reach, next.bbox.x0);
        let gap = b - a;
        let space_before = last_space;
        if gap >= 0.15 * em {
            last_space = Some(gap);
        }
        let (sa, sb) = (cur.size, next.size);
        let other_face = cur.font != next.font && gap >= em && sa.min(sb) < 0.95 * sa.max(sb);
        cur = next;
        if gap < 0.6 * em {
            continue;
        }
        if piece_x0 == run.x0 && piece_glyphs <= 3 && sa == sb && wraps_under(runs, cover, ri, (a, b)) {
            continue;
        }
        let sides = |n: f32| a - piece_x0 >= n * em && run.x1 - b >= n * em;
        let wide_sides = sides(4.0);
        // A superscript sits close to its word; across a wide gap a change of size is another text.
        let other_size = gap >= sa.max(sb) && sa.min(sb) < 0.85 * sa.max(sb);
        // A change of face and size across a wide gap (a heading beside the other column's line) needs
        // the column edge only, not wide text on both sides.
        // A line justified to its measure around a long word on the line below or above (a
        // web address) stretches every space alike, some 3 em wide: no gutter.
        let wide = gap >= 3.0 * em && !(piece_stretched(&mut is_stretched, gs, run, piece_x0) && runs_through(runs, cover, ri, (a, b)));
        // A gap no wider than the word spaces beside it in its line is one of them (a narrow
        // justified column); it is a gutter only between pieces as wide as columns, where other
        // lines start exactly at its right edge, as a column's lines do (not where the same
        // last word of a justified line starts).
        let space_like = || {
            let after = next_space(ink.clone(), cur, em);
            let beside = space_before.into_iter().chain(after).fold(0.0f32, f32::max);
            gap <= 1.25 * beside
        };
        // The last words of a paragraph across a gutter from a full line of the other column:
        // a short piece, where the lines around show the gutter without doubt.
        let column_end = !wide_sides && gap >= 1.5 * em && a - piece_x0 >= COLUMN_EMS * em;
        let edged = wide_sides || other_face;
        let shown = (edged || column_end)
            && if space_like() {
                edged && sides(COLUMN_EMS) && column_edges_at(runs, cover, ri, (a, b), EXACT_EDGE).shows_gutter()
            } else {
                let votes = column_edges_at(runs, cover, ri, (a, b), LOOSE_EDGE);
                (edged && votes.shows_gutter()) || (column_end && votes.beyond_doubt())
            };
        if wide || other_size || shown {
            cuts.push(b);
            piece_x0 = b;
            piece_glyphs = 0;
        }
    }
    cuts
}

/// The first word space (a gap of 0.15 em or more) after glyph `from`, among the ink glyphs
/// `rest` that follow it.
fn next_space<'a>(rest: impl Iterator<Item = &'a G>, from: &'a G, em: f32) -> Option<f32> {
    let mut reach = from.bbox.x1;
    for g in rest {
        let gap = g.bbox.x0 - reach;
        if gap >= 0.15 * em {
            return Some(gap);
        }
        reach = reach.max(g.bbox.x1);
    }
    None
}

/// How close, in ems, another line's edge must come to a gap's edge to show a column edge
/// there: ragged edges and hanging indents wander a little.
const LOOSE_EDGE: f32 = 0.3;

/// The same, where the gap is as narrow as a word space: a column's lines start and end at
/// one x to a hair, word boundaries that happen to line up do not.
const EXACT_EDGE: f32 = 0.05;

/// The narrowest column, in ems, on either side of a gap as narrow as a word space.
const COLUMN_EMS: f32 = 8.0;

/// [`stretched`] for the piece of `run` from `from`, worked out once per piece (`cache`
/// holds the piece's start and the answer).
fn piece_stretched(cache: &mut Option<(f32, bool)>, gs: &[G], run: &Run, from: f32) -> bool {
    match *cache {
        Some((at, answer)) if at == from => answer,
        _ => {
            let answer = stretched(gs, run, from);
            *cache = Some((from, answer));
            answer
        }
    }
}

/// Whether all the word spaces of a run from `from` on are alike and wide: a justified line
/// stretched to its measure (the piece right of a column gutter already cut, when the other
/// column shares the baseline). Two columns on one baseline have ordinary spaces and one
/// wide gutter.
fn stretched(gs: &[G], run: &Run, from: f32) -> bool {
    let em = run.size;
    let mut spaces: Vec<f32> = Vec::new();
    let mut prev: Option<&G> = None;
    for g in run.ids.iter().map(|&i| &gs[i]).filter(|g| !is_space(g) && g.bbox.x0 >= from) {
        if let Some(p) = prev {
            let gap = g.bbox.x0 - p.bbox.x1;
            if gap >= 0.15 * em {
                spaces.push(gap);
            }
        }
        prev = Some(g);
    }
    let (lo, hi) = spaces.iter().fold((f32::INFINITY, 0.0f32), |(lo, hi), &g| (lo.min(g), hi.max(g)));
    spaces.len() >= 2 && lo >= 0.7 * hi
}

/// Whether a line within two ems above or below run `ri` runs through the gap (a, b) as
/// prose does: ink on both sides and no space of an em or more in it.
fn runs_through(runs: &[Run], cover: &[Coverage], ri: usize, (a, b): (f32, f32)) -> bool {
    let run = &runs[ri];
    runs.iter().enumerate().any(|(j, r)| {
        j != ri
            && (r.baseline - run.baseline).abs() <= 2.0 * run.size
            && r.x0 < a
            && r.x1 > b
            && cover[j].covers(a, b)
            && cover[j].gap_overlapping(a, b, run.size).is_none()
    })
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
/// right-hand piece starts or ends where the left-hand piece ends (within `tolerance` em;
/// with [`EXACT_EDGE`] not where the same word stands at that edge, and free stretches count
/// for nothing), whether
/// the line lies to one side or reaches across with a gap of its own, and lines with text on
/// both sides of a free stretch spanning the gap's middle, 1.5 em or more wide and at most
/// 4 em wider than the gap (not the wide void of a running head); the counter-evidence
/// is lines with ink in the middle third (lo, hi) of the gap.
fn column_edges_at(runs: &[Run], cover: &[Coverage], ri: usize, (a, b): (f32, f32), tolerance: f32) -> Votes {
    let run = &runs[ri];
    let (lo, hi) = (a + (b - a) / 3.0, b - (b - a) / 3.0);
    let reach = 4.0 * run.size;
    let start = runs.partition_point(|r| r.baseline < run.baseline - reach);
    let (mut evidence, mut against) = (0usize, 0usize);
    let tol = tolerance * run.size;
    let tight = tolerance < LOOSE_EDGE;
    // Justified lines set their first words from one x and their last words to another: where
    // another line has the same word at the gap's edge (its start or end lines up too), the
    // edge lines up by that alone.
    let space = 0.15 * run.size;
    let (own_start, own_end) = match tight {
        true => (cover[ri].word_start_to(a, tol, space), cover[ri].word_end_from(b, tol, space)),
        false => (None, None),
    };
    let same = |mine: Option<f32>, theirs: Option<f32>| matches!((mine, theirs), (Some(m), Some(t)) if (m - t).abs() < tol);
    // Whether line `j` shows the left edge `l` or the right edge `r` of the gap.
    let edge = |j: usize, l: f32, r: f32| {
        let at_b = (r - b).abs() < tol && !(tight && same(own_end, cover[j].word_end_from(b, tol, space)));
        let at_a = (l - a).abs() < tol && !(tight && same(own_start, cover[j].word_start_to(a, tol, space)));
        at_b || at_a
    };
    for (j, other) in runs.iter().enumerate().skip(start) {
        if other.baseline > run.baseline + reach {
            break;
        }
        // Narrow runs (footnote calls, page numbers) are no evidence either way.
        if j == ri || other.x1 - other.x0 < 4.0 * other.size {
            continue;
        }
        if other.x0 < lo && other.x1 > hi {
            if cover[j].gap_overlapping(a, b, run.size).is_some_and(|(l, r)| edge(j, l, r)) {
                evidence += 1;
            } else if cover[j].covers(lo, hi) {
                against += 1;
            } else {
                // Text on both sides of a free stretch spanning the gap's middle: two
                // columns side by side, even where ragged or hanging-indented edges differ.
                let (l, r) = cover[j].free_stretch(hi);
                let gutter_like = l <= lo && r >= hi && r - l >= 1.5 * run.size && r - l <= (b - a) + 4.0 * run.size;
                if edge(j, l, r) || (!tight && gutter_like) {
                    evidence += 1;
                }
            }
        } else if edge(j, other.x1, other.x0) {
            evidence += 1;
        }
    }
    Votes { evidence, against }
}

/// What the lines around a gap say of it: how many show a column edge there, how many run
/// ink through it.
#[derive(Debug, Clone, Copy)]
struct Votes {
    evidence: usize,
    against: usize,
}

impl Votes {
    /// A gutter: two pieces of evidence and twice as many as against, so wide justified
    /// spaces that happen to line up are not one.
    fn shows_gutter(self) -> bool {
        self.evidence >= 2 && self.evidence >= 2 * self.against
    }

    /// A gutter beyond doubt: lines show it and none runs through it.
    fn beyond_doubt(self) -> bool {
        self.evidence >= 2 && self.against == 0
    }
}
