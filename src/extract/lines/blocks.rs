//! Lines into blocks: paragraphs, list items and entries, from leading, indents and measure.

use super::dominant;
use crate::layout::{Line, TextBlock, Word};

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

    /// How far a raised word in smaller type (a note call, an exponent) reaches above the
    /// line's own type, at most half an em.
    ///
    /// Browsers make such a line taller and set its baseline lower by about that much.
    fn raised_overhang(&self) -> f32 {
        let own = |w: &&Word| similar_size(w.size, self.size);
        let top = self.line.words.iter().filter(own).map(|w| w.bbox.y0).fold(f32::INFINITY, f32::min);
        let raised = self.line.words.iter().filter(|w| w.size < 0.9 * self.size).map(|w| w.bbox.y0).fold(f32::INFINITY, f32::min);
        if top.is_finite() && raised.is_finite() {
            (top - raised).clamp(0.0, 0.5 * self.size)
        } else {
            0.0
        }
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
pub(super) fn group_blocks(lines: Vec<Line>) -> Vec<TextBlock> {
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
    let regions: Vec<Region> = regions.into_iter().flat_map(split_at_gaps).collect();
    let measures = borrowed_measures(&regions);
    regions.into_iter().zip(measures).flat_map(|(r, m)| split_region(r.lines, m)).map(to_block).collect()
}

/// Splits a region where its lines stand clearly further apart than its own leading.
///
/// A line joins a region of one line by the page's usual leading; on a page of short
/// paragraphs set apart by space, that can be the gap between them, and only the region's
/// later lines show the leading within a paragraph.
fn split_at_gaps(r: Region) -> Vec<Region> {
    let Some(lead) = r.lead else { return vec![r] };
    let gap = |p: &TextLine, l: &TextLine| {
        let d = l.line.baseline - p.line.baseline;
        d >= 1.25 * lead && d > lead + LEAD_SLACK * p.size.max(l.size)
    };
    // Most regions have no such gap: they stay as they are.
    if !r.lines.windows(2).any(|w| gap(&w[0], &w[1])) {
        return vec![r];
    }
    let mut out: Vec<Region> = Vec::new();
    let mut cur: Vec<TextLine> = Vec::new();
    for l in r.lines {
        if cur.last().is_some_and(|p| gap(p, &l)) {
            out.push(Region::of(std::mem::take(&mut cur)));
        }
        cur.push(l);
    }
    out.push(Region::of(cur));
    out
}

impl Region {
    /// A region of `lines`, which follow one another down the page.
    fn of(lines: Vec<TextLine>) -> Region {
        let lead = lines.windows(2).map(|w| w[1].line.baseline - w[0].line.baseline).min_by(f32::total_cmp);
        let x0 = lines.iter().map(TextLine::x0).fold(f32::INFINITY, f32::min);
        let x1 = lines.iter().map(TextLine::x1).fold(f32::NEG_INFINITY, f32::max);
        Region { lines, lead, x0, x1 }
    }
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
    let d = d - l.raised_overhang();
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
