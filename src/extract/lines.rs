//! Layout analysis, first half: a page's positioned glyphs into words, lines and blocks.
//!
//! Every threshold is a fraction of the glyphs' own font size or comes from statistics of
//! the page (its distribution of letter and word gaps, its modal leading), so the rules
//! carry over between typesetting engines and documents. The blocks are then put in
//! reading order by [`super::order`].

use super::{order, Glyph, PageGlyphs};
use crate::layout::{Line, Page, Rect, TextBlock, Word};
mod blocks;
mod bullets;
mod gutters;
mod overlaid;
use blocks::group_blocks;
use gutters::split_at_gutters;

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
    let mut lines: Vec<Line> = runs.iter().filter_map(|r| run_to_line(&gs, r, gap)).collect();
    bullets::attach(&mut lines, &graphics);
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
                    tag: g.tag,
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
                    tag: g.tag,
                });
            }
        }
        pending_space = false;
    }
    words
}

#[cfg(test)]
mod tests;
