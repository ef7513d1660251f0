//! Filling pages with the flow of lines, and footnotes at the foot of the page that calls them.
//!
//! A page breaks only where its lines allow it (no heading alone at a page bottom, no
//! single first or last line of a paragraph on its own page). A line that calls a note
//! first needs room for the note below the text as well; a note too long for what is
//! left goes on at the foot of the next page, as a book sets it.

use super::layout::Line;

/// A page of placed lines: each line with its baseline, in points from the top of the text block.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    /// Lines and their baselines: the text first, then the notes at the foot.
    pub lines: Vec<(Line, f32)>,
}

/// Footnotes set for the foot of the page that calls them.
#[derive(Debug, Clone, Default)]
pub(super) struct Footnotes {
    /// The lines of each note, by the note's number in the tree; empty for a note set elsewhere.
    pub notes: Vec<Vec<Line>>,
    /// The short rule above a page's notes; its `space_before` is the room kept between the
    /// text and the rule.
    pub rule: Line,
}

impl Footnotes {
    /// The lines of the notes first called on `line`.
    fn called<'a>(&'a self, line: &'a Line) -> impl Iterator<Item = &'a Line> + 'a {
        line.calls.iter().filter_map(|&n| self.notes.get(n)).flatten()
    }

    /// Height of a page's notes made of `lines`, the rule included.
    fn height<'a>(&self, lines: impl IntoIterator<Item = &'a Line>) -> f32 {
        let h: f32 = lines.into_iter().map(advance).sum();
        if h > 0.0 {
            h + self.rule.space_before
        } else {
            0.0
        }
    }
}

/// The room a line takes below the one above it.
fn advance(l: &Line) -> f32 {
    l.space_before + l.lead
}

/// Fills pages of `height` points with `lines`, breaking only where lines allow it, and
/// sets the notes each page calls at its foot.
///
/// When a page has no allowed break, it breaks at the last line that fits. A page that
/// starts inside a table first sets the table's header again.
pub(super) fn paginate(lines: Vec<Line>, foot: &Footnotes, height: f32) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut i = 0;
    let n = lines.len();
    // Note lines that did not fit at the foot of the page before.
    let mut carry: Vec<Line> = Vec::new();
    // Baseline of a line at the top of the page: a picture stands on its own height.
    let top = |l: &Line| if l.image.is_some() { l.lead } else { l.size * 0.9 };
    while i < n || !carry.is_empty() {
        let start = i;
        let mut y = 0.0f32;
        let mut head: Vec<(Line, f32)> = Vec::new();
        if start > 0 && start < n {
            for l in lines[start].repeat.iter().flat_map(|r| r.iter()) {
                y = if head.is_empty() { top(l) } else { y + l.space_before + l.lead };
                head.push((l.clone(), y));
            }
        }
        // A note carried over takes at most half the page before the text may go on.
        let mut notes_h = foot.height(&carry).min(height * 0.5);
        let mut end = start;
        let mut baselines = Vec::new();
        while end < n {
            let l = &lines[end];
            let top_of_page = end == start && head.is_empty();
            let next = if top_of_page { top(l) } else { y + l.space_before + l.lead };
            let with_notes = notes_h + new_notes_height(foot, l, notes_h, height);
            if next + with_notes > height && end > start {
                break;
            }
            y = next;
            notes_h = with_notes;
            baselines.push(y);
            end += 1;
        }
        if end < n {
            // Move back to the last line before which a break is allowed.
            if let Some(b) = (start + 1..=end).rev().find(|&k| !lines[k].keep_with_prev) {
                end = b;
            }
        }
        let end = if start < n { end.max(start + 1) } else { start };
        let text_bottom = baselines.get(end.saturating_sub(start + 1)).copied().filter(|_| end > start).unwrap_or(0.0);
        head.extend(lines[start..end].iter().cloned().zip(baselines.iter().copied()));
        let mut queue = std::mem::take(&mut carry);
        queue.extend(lines[start..end].iter().flat_map(|l| foot.called(l)).cloned());
        carry = place_notes(&mut head, foot, queue, height, text_bottom);
        pages.push(Page { lines: head });
        i = end;
    }
    pages
}

/// The height the notes first called on `l` add to a page whose notes take `so_far`.
///
/// A short note must fit whole; of a long one (over a third of the page) the first two
/// lines must, and the rest may go on at the next page's foot.
fn new_notes_height(foot: &Footnotes, l: &Line, so_far: f32, height: f32) -> f32 {
    if l.calls.is_empty() {
        return 0.0;
    }
    let rule = if so_far > 0.0 { 0.0 } else { foot.rule.space_before };
    let mut h = 0.0;
    for note in l.calls.iter().filter_map(|&n| foot.notes.get(n)) {
        let whole: f32 = note.iter().map(advance).sum();
        h += if whole > height / 3.0 { note.iter().take(2).map(advance).sum() } else { whole };
    }
    if h > 0.0 {
        h + rule
    } else {
        0.0
    }
}

/// Sets as many of `queue`'s note lines as fit below `text_bottom` at the foot of the page,
/// with the rule above them, and returns the lines that must wait for the next page.
fn place_notes(page: &mut Vec<(Line, f32)>, foot: &Footnotes, queue: Vec<Line>, height: f32, text_bottom: f32) -> Vec<Line> {
    let room = height - text_bottom - foot.rule.space_before;
    let mut used = 0.0;
    let mut fit = 0;
    for l in &queue {
        if used + advance(l) > room && (fit > 0 || text_bottom > 0.0) {
            break;
        }
        used += advance(l);
        fit += 1;
    }
    let mut queue = queue;
    let rest = queue.split_off(fit);
    if queue.is_empty() {
        return rest;
    }
    // The notes stand on the foot of the text block; the rule sits just above the first.
    let mut y = height - used;
    page.push((foot.rule.clone(), y));
    for l in queue {
        y += advance(&l);
        page.push((l, y));
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lead: f32, keep: bool) -> Line {
        Line { lead, size: 10.0, keep_with_prev: keep, ..Default::default() }
    }

    #[test]
    fn page_breaks_before_a_heading_not_after_it() {
        // 8 body lines, then a heading tied to the two lines after it.
        let mut lines: Vec<Line> = (0..8).map(|_| plain(12.0, false)).collect();
        lines.push(plain(14.0, false)); // heading
        lines.push(plain(12.0, true));
        lines.push(plain(12.0, true));
        lines.push(plain(12.0, false));
        let pages = paginate(lines, &Footnotes::default(), 110.0);
        // Page height fits 9 lines; the heading (line 9) must move to page 2.
        assert_eq!(pages[0].lines.len(), 8);
        assert_eq!(pages[1].lines.len(), 4);
    }

    #[test]
    fn unbreakable_run_longer_than_a_page_is_still_split() {
        let lines: Vec<Line> = (0..30).map(|k| plain(12.0, k > 0)).collect();
        let pages = paginate(lines, &Footnotes::default(), 110.0);
        assert_eq!(pages.iter().map(|p| p.lines.len()).sum::<usize>(), 30);
        assert!(pages.len() >= 3);
    }
    fn foot(notes: Vec<Vec<Line>>) -> Footnotes {
        Footnotes { notes, rule: Line { lead: 0.0, size: 8.0, space_before: 10.0, rule: Some((0.0, 30.0)), ..Default::default() } }
    }

    fn calling(n: usize) -> Line {
        Line { calls: vec![n], ..plain(12.0, false) }
    }

    /// Where each line of each page came from: `b` body, `n` note, `r` rule.
    fn shape(pages: &[Page]) -> Vec<String> {
        pages
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .map(|(l, _)| if l.rule.is_some() { 'r' } else if l.size == 8.0 { 'n' } else { 'b' })
                    .collect()
            })
            .collect()
    }

    fn note_lines(k: usize) -> Vec<Line> {
        (0..k).map(|_| Line { lead: 10.0, size: 8.0, ..Default::default() }).collect()
    }

    #[test]
    fn a_note_is_set_at_the_foot_of_the_page_that_calls_it() {
        let mut lines: Vec<Line> = (0..20).map(|_| plain(12.0, false)).collect();
        lines[3] = calling(0);
        let pages = paginate(lines, &foot(vec![note_lines(2)]), 110.0);
        // The note (2 lines and the rule: 30 pt) takes the room of three body lines.
        assert_eq!(shape(&pages)[0], "bbbbbbrnn");
        let (rule_y, last_y) = (pages[0].lines[6].1, pages[0].lines[8].1);
        assert_eq!(last_y, 110.0, "the last note line stands on the foot of the text block");
        assert!(rule_y > pages[0].lines[5].1 + 5.0, "the rule keeps clear of the text");
        assert_eq!(pages.iter().map(|p| p.lines.len()).sum::<usize>(), 23);
    }

    #[test]
    fn a_line_whose_note_does_not_fit_moves_to_the_next_page_with_it() {
        let mut lines: Vec<Line> = (0..12).map(|_| plain(12.0, false)).collect();
        lines[8] = calling(0);
        let pages = paginate(lines, &foot(vec![note_lines(2)]), 110.0);
        // Nine lines fit the page; the ninth calls a note that leaves no room for it.
        assert_eq!(shape(&pages), vec!["bbbbbbbb", "bbbbrnn"]);
    }

    #[test]
    fn a_long_note_goes_on_at_the_foot_of_the_next_page() {
        let mut lines: Vec<Line> = (0..14).map(|_| plain(12.0, false)).collect();
        lines[2] = calling(0);
        let pages = paginate(lines, &foot(vec![note_lines(6)]), 110.0);
        let s = shape(&pages);
        assert!(s[0].starts_with("bbbbb") && s[0].ends_with("rnnn"), "the text goes on above the note's start: {s:?}");
        assert!(s[1].contains("rn"), "the rest of the note is at the next foot: {s:?}");
        let notes: usize = s.iter().map(|p| p.matches('n').count()).sum();
        assert_eq!(notes, 6, "every note line is set once: {s:?}");
    }

    #[test]
    fn notes_left_after_the_text_get_pages_of_their_own() {
        let lines = vec![calling(0)];
        let pages = paginate(lines, &foot(vec![note_lines(25)]), 110.0);
        let notes: usize = shape(&pages).iter().map(|p| p.matches('n').count()).sum();
        assert_eq!(notes, 25);
        assert!(pages.len() >= 3);
    }
}
