//! Optimal-fit line breaking (Knuth and Plass) over boxes, glue and penalties.
//!
//! Chooses the breaks of a whole paragraph together, minimising the sum of the squared
//! badness of its lines, so that justified spacing stays even.

/// One element of a paragraph, with widths in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    /// Unbreakable material.
    Box { width: f32 },
    /// Space that can stretch and shrink; a break may follow a box here.
    Glue { width: f32, stretch: f32, shrink: f32 },
    /// A possible break; `width` is added to the line when broken here (a hyphen).
    Penalty { width: f32, penalty: f32, flagged: bool },
}

/// A penalty that forbids a break.
pub(super) const FORBID: f32 = 10_000.0;
/// A penalty that forces a break.
pub(super) const FORCE: f32 = -10_000.0;

/// A chosen break: the item index and the adjustment ratio of the line that ends there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Break {
    /// Index of the glue or penalty item the line ends at.
    pub at: usize,
    /// How far the line's glue is stretched (> 0) or shrunk (< 0), as a share of its capacity.
    pub ratio: f32,
}

#[derive(Clone, Copy)]
struct Node {
    at: usize,
    line: usize,
    total_w: f32,
    total_st: f32,
    total_sh: f32,
    demerits: f32,
    ratio: f32,
    prev: Option<usize>,
    flagged: bool,
}

/// Breaks `items` into lines of `width(line_number)` points.
///
/// `line_stretch` is stretch every line has besides its glue (a ragged right margin),
/// so that a line without spaces, such as part of a long web address, can still be
/// set. The paragraph must end with a forced break. Tries a strict tolerance first, then
/// looser ones; the last pass accepts overfull lines so that a result always exists.
pub(super) fn break_lines(items: &[Item], width: &dyn Fn(usize) -> f32, line_stretch: f32) -> Vec<Break> {
    for tolerance in [2.0, 6.0] {
        if let Some(b) = run(items, width, line_stretch, tolerance, false) {
            return b;
        }
    }
    run(items, width, line_stretch, f32::INFINITY, true).unwrap_or_default()
}

fn run(items: &[Item], width: &dyn Fn(usize) -> f32, line_stretch: f32, tolerance: f32, emergency: bool) -> Option<Vec<Break>> {
    let mut nodes = vec![Node {
        at: 0,
        line: 0,
        total_w: 0.0,
        total_st: 0.0,
        total_sh: 0.0,
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
        flagged: false,
    }];
    let mut active: Vec<usize> = vec![0];
    let (mut tw, mut tst, mut tsh) = (0.0f32, 0.0f32, 0.0f32);
    for (i, item) in items.iter().enumerate() {
        let (is_break, pen_w, pen, flagged) = match *item {
            Item::Box { .. } => (false, 0.0, 0.0, false),
            Item::Glue { .. } => (i > 0 && matches!(items[i - 1], Item::Box { .. }), 0.0, 0.0, false),
            Item::Penalty { width, penalty, flagged } => (penalty < FORBID, width, penalty, flagged),
        };
        if is_break {
            let mut best: Option<Node> = None;
            let mut keep = Vec::with_capacity(active.len());
            for &a in &active {
                let n = nodes[a];
                let line_w = tw - n.total_w + pen_w;
                let target = width(n.line);
                let ratio = if line_w < target {
                    let st = tst - n.total_st + line_stretch;
                    if st > 0.0 {
                        (target - line_w) / st
                    } else {
                        FORBID
                    }
                } else if line_w > target {
                    let sh = tsh - n.total_sh;
                    if sh > 0.0 {
                        (target - line_w) / sh
                    } else {
                        -FORBID
                    }
                } else {
                    0.0
                };
                let overfull = ratio < -1.0;
                // An overfull line ends this node's usefulness (except in the last pass,
                // where it stays while its lines are not absurdly long).
                let stays = if overfull { emergency && line_w < 3.0 * target } else { pen > FORCE };
                if stays {
                    keep.push(a);
                }
                let feasible = if emergency { true } else { !overfull && ratio <= tolerance };
                if feasible {
                    let badness = if overfull { 1.0e6 * (1.0 - ratio) } else { 100.0 * ratio.abs().powi(3) };
                    let badness = badness.min(1.0e7);
                    let mut d = (10.0 + badness).powi(2);
                    if pen >= 0.0 {
                        d += pen * pen;
                    } else if pen > FORCE {
                        d -= pen * pen;
                    }
                    if flagged && n.flagged {
                        d += 3000.0;
                    }
                    let total = n.demerits + d;
                    if best.as_ref().is_none_or(|b| total < b.demerits) {
                        best = Some(Node {
                            at: i,
                            line: n.line + 1,
                            total_w: 0.0,
                            total_st: 0.0,
                            total_sh: 0.0,
                            demerits: total,
                            ratio: ratio.max(-1.0),
                            prev: Some(a),
                            flagged,
                        });
                    }
                }
            }
            active = keep;
            if let Some(mut b) = best {
                // Totals after the break: skip the glue and penalties that follow it.
                let (mut w, mut st, mut sh) = (tw, tst, tsh);
                for it in &items[i..] {
                    match *it {
                        Item::Box { .. } => break,
                        Item::Glue { width, stretch, shrink } => {
                            w += width;
                            st += stretch;
                            sh += shrink;
                        }
                        Item::Penalty { penalty, .. } if penalty <= FORCE && !std::ptr::eq(it, &items[i]) => break,
                        Item::Penalty { .. } => {}
                    }
                }
                b.total_w = w;
                b.total_st = st;
                b.total_sh = sh;
                nodes.push(b);
                active.push(nodes.len() - 1);
            }
            if active.is_empty() {
                return None;
            }
        }
        match *item {
            Item::Box { width } => tw += width,
            Item::Glue { width, stretch, shrink } => {
                tw += width;
                tst += stretch;
                tsh += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    let last = items.len().checked_sub(1)?;
    let end = active.iter().copied().filter(|&a| nodes[a].at == last && a != 0).min_by(|&a, &b| {
        nodes[a].demerits.partial_cmp(&nodes[b].demerits).unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let mut out = Vec::new();
    let mut k = Some(end);
    while let Some(n) = k {
        if n == 0 {
            break;
        }
        out.push(Break { at: nodes[n].at, ratio: nodes[n].ratio });
        k = nodes[n].prev;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths with 3-point spaces, ended by a forced break.
    fn para(words: &[f32]) -> Vec<Item> {
        let mut v = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                v.push(Item::Glue { width: 3.0, stretch: 1.5, shrink: 1.0 });
            }
            v.push(Item::Box { width: *w });
        }
        v.push(Item::Glue { width: 0.0, stretch: 1.0e5, shrink: 0.0 });
        v.push(Item::Penalty { width: 0.0, penalty: FORCE, flagged: false });
        v
    }

    fn line_widths(items: &[Item], breaks: &[Break]) -> Vec<f32> {
        let mut start = 0;
        let mut out = vec![];
        for b in breaks {
            let mut w = 0.0;
            let mut seen_box = false;
            for it in &items[start..b.at] {
                match it {
                    Item::Box { width } => {
                        w += width;
                        seen_box = true;
                    }
                    Item::Glue { width, .. } if seen_box => w += width,
                    _ => {}
                }
            }
            if let Item::Penalty { width, .. } = items[b.at] {
                w += width;
            }
            out.push(w);
            start = b.at + 1;
        }
        out
    }

    #[test]
    fn every_line_fits_within_its_shrink() {
        let words: Vec<f32> = (0..60).map(|i| 10.0 + (i * 7 % 23) as f32).collect();
        let items = para(&words);
        let breaks = break_lines(&items, &|_| 120.0, 0.0);
        assert!(breaks.len() > 5);
        for (k, w) in line_widths(&items, &breaks).iter().enumerate() {
            let shrinkable = 1.0 * 8.0;
            assert!(*w <= 120.0 + shrinkable, "line {k} is {w} wide");
        }
        for b in &breaks[..breaks.len() - 1] {
            assert!(b.ratio >= -1.0 && b.ratio <= 6.0, "{b:?}");
        }
    }

    #[test]
    fn hyphen_penalty_is_used_when_it_saves_a_loose_line() {
        // "aaaa bbbb-cccc": the second word only fits if split.
        let items = vec![
            Item::Box { width: 50.0 },
            Item::Glue { width: 3.0, stretch: 1.5, shrink: 1.0 },
            Item::Box { width: 40.0 },
            Item::Penalty { width: 4.0, penalty: 50.0, flagged: true },
            Item::Box { width: 40.0 },
            Item::Glue { width: 0.0, stretch: 1.0e5, shrink: 0.0 },
            Item::Penalty { width: 0.0, penalty: FORCE, flagged: false },
        ];
        let breaks = break_lines(&items, &|_| 97.0, 0.0);
        assert_eq!(breaks.iter().map(|b| b.at).collect::<Vec<_>>(), vec![3, 6]);
    }

    #[test]
    fn line_stretch_lets_a_line_without_spaces_be_set() {
        // Three unbreakable pieces with break points but no glue (a long address).
        let items = vec![
            Item::Box { width: 60.0 },
            Item::Penalty { width: 0.0, penalty: 80.0, flagged: false },
            Item::Box { width: 30.0 },
            Item::Penalty { width: 0.0, penalty: 80.0, flagged: false },
            Item::Box { width: 50.0 },
            Item::Glue { width: 0.0, stretch: 1.0e5, shrink: 0.0 },
            Item::Penalty { width: 0.0, penalty: FORCE, flagged: false },
        ];
        let breaks = break_lines(&items, &|_| 100.0, 30.0);
        assert_eq!(breaks.iter().map(|b| b.at).collect::<Vec<_>>(), vec![3, 6]);
    }

    #[test]
    fn too_long_word_still_gives_lines() {
        let items = para(&[300.0, 20.0, 20.0]);
        let breaks = break_lines(&items, &|_| 100.0, 0.0);
        assert!(!breaks.is_empty());
        assert_eq!(breaks.last().unwrap().at, items.len() - 1);
    }
}
