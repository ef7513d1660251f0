//! Which mechanism cost the words the tree lacks against the source pages.
//!
//! Each lost word is put down to the first cause that the layout and the tree show for it;
//! a word no cause explains is counted as such, never guessed at.

use super::read::Segment;
use super::words::words;
use crate::tree::Document;
use serde::Serialize;
use std::collections::HashSet;

/// Words lost to one cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LostCause {
    /// Stable name of the cause, such as `colophon` or `unexplained`.
    pub cause: &'static str,
    /// Lost words put down to it.
    pub words: usize,
    /// Pages where they were printed.
    pub pages: Vec<u32>,
}

/// Causes in the order they are tried and reported, each with how a message names it.
pub const CAUSES: &[(&str, &str)] = &[
    ("invisible", "invisible text"),
    ("unmapped", "glyphs without Unicode"),
    ("colophon", "colophon lines read into fields"),
    ("front-fields", "front-matter lines read into fields"),
    ("front-unclaimed", "front-matter lines consumed without a field"),
    ("joined", "words the tree joined or split differently (line ends, small marks)"),
    ("unexplained", "not explained"),
];

/// What the tree holds that the causes are checked against.
struct Evidence<'a> {
    /// The words of each colophon field and of each front-matter field.
    colophon: Vec<HashSet<String>>,
    front: Vec<HashSet<String>>,
    /// Where the body starts: page and top of its first block.
    body_start: Option<(u32, f32)>,
    known: &'a dyn Fn(&str) -> bool,
}

impl Evidence<'_> {
    /// Whether the segment was printed before the body's first block.
    fn before_body(&self, seg: &Segment) -> bool {
        let top = seg.lines.first().map_or(0.0, |l| l.bbox.y0);
        self.body_start.is_some_and(|(p, y)| seg.page < p || seg.page == p && top < y - 1.0)
    }
}

/// Puts each lost word of `segs` down to a cause. `lost[i]` says whether the `i`-th layout
/// word (over all segments, in order) is missing from the tree; `known` whether the tree
/// holds a word. A word printed several times counts as lost where the comparison left it.
pub fn attribute(segs: &[Segment], lost: &[bool], doc: &Document, known: &dyn Fn(&str) -> bool) -> Vec<LostCause> {
    let set = |texts: Vec<&str>| texts.into_iter().map(|t| words(t).into_iter().collect::<HashSet<String>>()).collect::<Vec<_>>();
    let fm = &doc.front;
    let mut front: Vec<&str> = [&fm.series, &fm.publisher, &fm.title, &fm.subtitle, &fm.isbn].into_iter().flatten().map(String::as_str).collect();
    front.extend(fm.affiliations.iter().map(String::as_str));
    front.extend(fm.authors.iter().flat_map(|a| [a.given.as_deref().unwrap_or(""), a.surname.as_str()]));
    let body_start = doc.sections.iter().flat_map(|s| s.source.iter().chain(s.blocks.iter().flat_map(|b| b.source.iter()))).map(|p| (p.page, p.bbox.y0)).min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let ev = Evidence { colophon: set(doc.colophon.fields().into_iter().map(|(_, v)| v).collect()), front: set(front), body_start, known };
    let mut counts: Vec<(usize, Vec<u32>)> = vec![(0, Vec::new()); CAUSES.len()];
    let mut at = 0;
    let seg_words: Vec<Vec<String>> = segs.iter().map(|s| words(&s.text)).collect();
    for (k, seg) in segs.iter().enumerate() {
        let ws = &seg_words[k];
        for (j, w) in ws.iter().enumerate() {
            if lost.get(at + j).copied().unwrap_or(false) {
                let c = cause(seg, ws, j, w, &ev, seg_words.get(k + 1).and_then(|n| n.first()), k.checked_sub(1).and_then(|p| seg_words[p].last()));
                let (n, pages) = &mut counts[c];
                *n += 1;
                if pages.last() != Some(&seg.page) {
                    pages.push(seg.page);
                }
            }
        }
        at += ws.len();
    }
    counts
        .into_iter()
        .zip(CAUSES)
        .filter(|((n, _), _)| *n > 0)
        .map(|((words, mut pages), &(cause, _))| {
            pages.sort_unstable();
            pages.dedup();
            LostCause { cause, words, pages }
        })
        .collect()
}

/// The index in [`CAUSES`] of what cost word `j` (`w`) of a segment whose words are `ws`.
fn cause(seg: &Segment, ws: &[String], j: usize, w: &str, ev: &Evidence, next: Option<&String>, prev: Option<&String>) -> usize {
    let all = || seg.lines.iter().flat_map(|l| l.words.iter());
    if all().all(|w| w.invisible) {
        return 0;
    }
    if seg.text.contains('\u{FFFD}') {
        return 1;
    }
    // A line read into a field: at least half its words are that field's.
    let shares = |fields: &[HashSet<String>]| fields.iter().any(|f| 2 * ws.iter().filter(|x| f.contains(*x)).count() >= ws.len().max(1));
    if shares(&ev.colophon) {
        return 2;
    }
    if ev.before_body(seg) {
        return if shares(&ev.front) { 3 } else { 4 };
    }
    // The word and its neighbour (across a line break, or beside a small mark set apart)
    // make a word the tree holds.
    let before = if j == 0 { prev } else { ws.get(j - 1) };
    let after = if j + 1 == ws.len() { next } else { ws.get(j + 1) };
    if before.is_some_and(|p| (ev.known)(&format!("{p}{w}"))) || after.is_some_and(|n| (ev.known)(&format!("{w}{n}"))) {
        return 5;
    }
    6
}

/// "colophon lines read into fields 12 (p. 20), not explained 3 (pp. 4, 7)".
pub fn describe(causes: &[LostCause]) -> String {
    let pages = |ps: &[u32]| match ps {
        [one] => format!("p. {one}"),
        _ if ps.len() > 6 => format!("pp. {}, … {}", ps[..5].iter().map(u32::to_string).collect::<Vec<_>>().join(", "), ps[ps.len() - 1]),
        _ => format!("pp. {}", ps.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    causes
        .iter()
        .map(|c| {
            let name = CAUSES.iter().find(|(k, _)| *k == c.cause).map_or(c.cause, |(_, n)| n);
            format!("{name} {} ({})", c.words, pages(&c.pages))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Layout, Line, Page, Rect, TextBlock, Word};
    use crate::tree::{Block, BoxPt, Provenance, Section};
    use crate::verify::read::layout_segments;

    fn word(t: &str, x: f32, invisible: bool) -> Word {
        Word { text: t.into(), bbox: Rect { x0: x, y0: 0.0, x1: x + 30.0, y1: 10.0 }, size: 10.0, space_before: x > 0.0, invisible, ..Word::default() }
    }

    /// A one-line block at height `y` of the words of `t`.
    fn block(t: &str, y: f32, invisible: bool) -> TextBlock {
        let words = t.split(' ').enumerate().map(|(i, w)| word(w, i as f32 * 40.0, invisible)).collect();
        let bbox = Rect { x0: 0.0, y0: y, x1: 300.0, y1: y + 10.0 };
        TextBlock { bbox, lines: vec![Line { bbox, baseline: y + 8.0, words }], column: 0 }
    }

    fn at(page: u32, y: f32) -> Vec<Provenance> {
        vec![Provenance { page, bbox: BoxPt { x0: 0.0, y0: y, x1: 300.0, y1: y + 10.0 } }]
    }

    /// A layout of two pages and a tree that lost words of each kind, and the attribution.
    fn lost_by_cause() -> Vec<LostCause> {
        let page1 = vec![
            block("Research Brief Number Seven", 50.0, false),
            block("The Title", 80.0, false),
            block("Body text that was kept and the pre-", 200.0, false),
            block("Existing order was kept too", 212.0, false),
            block("hidden words", 300.0, true),
            block("caf\u{FFFD} latte", 320.0, false),
            block("A sentence no mechanism took", 340.0, false),
        ];
        let page2 = vec![block("E-mail: info@policy.org", 100.0, false)];
        let layout = Layout {
            pages: vec![Page { number: 1, blocks: page1, ..Page::default() }, Page { number: 2, blocks: page2, ..Page::default() }],
            ..Layout::default()
        };
        let mut doc = Document::default();
        doc.front.title = Some("The Title".into());
        doc.colophon.email = Some("info@policy.org".into());
        let blocks = vec![Block::paragraph("Body text that was kept and the preExisting order was kept too", at(1, 200.0))];
        doc.sections.push(Section { level: 1, title: None, blocks, source: vec![] });
        let mut tree = String::new();
        doc.visit_text(&mut |t| {
            tree.push_str(t);
            tree.push('\n');
        });
        let known_words: HashSet<String> = words(&tree).into_iter().collect();
        let known = |w: &str| known_words.contains(w);
        let segs = layout_segments(&layout, &[], &known);
        let all: Vec<String> = segs.iter().flat_map(|s| words(&s.text)).collect();
        let mut have = words(&tree);
        let lost: Vec<bool> = all
            .iter()
            .map(|w| match have.iter().position(|h| h == w) {
                Some(i) => {
                    have.swap_remove(i);
                    false
                }
                None => true,
            })
            .collect();
        attribute(&segs, &lost, &doc, &known)
    }

    #[test]
    fn lost_words_are_put_down_to_the_mechanism_that_cost_them() {
        let got: Vec<(&str, usize, Vec<u32>)> = lost_by_cause().into_iter().map(|c| (c.cause, c.words, c.pages)).collect();
        assert_eq!(
            got,
            vec![
                ("invisible", 2, vec![1]),
                ("unmapped", 2, vec![1]),
                ("colophon", 1, vec![2]),
                ("front-unclaimed", 4, vec![1]),
                ("joined", 2, vec![1]),
                ("unexplained", 5, vec![1]),
            ]
        );
    }

    #[test]
    fn the_description_names_each_cause_with_its_count_and_pages() {
        let d = describe(&lost_by_cause());
        assert!(d.starts_with("invisible text 2 (p. 1), glyphs without Unicode 2 (p. 1), colophon lines read into fields 1 (p. 2)"), "{d}");
        assert!(d.ends_with("not explained 5 (p. 1)"), "{d}");
    }

    #[test]
    fn the_text_dropped_flag_says_what_cost_the_words() {
        let tree = crate::verify::TextCheck {
            recall: 0.95,
            words: 100,
            causes: vec![LostCause { cause: "colophon", words: 3, pages: vec![2] }, LostCause { cause: "unexplained", words: 2, pages: vec![4, 5] }],
            furniture_words: 7,
            ..Default::default()
        };
        let v = crate::verify::Verification { tree, formats: vec![] };
        let f = crate::verify::flags(&Layout::default(), &Document::default(), Some(&v), &[]);
        let flag = f.iter().find(|f| f.code == "text-dropped").expect("flagged");
        assert!(flag.message.contains("by cause: colophon lines read into fields 3 (p. 2), not explained 2 (pp. 4, 5)."), "{}", flag.message);
        assert!(flag.message.contains("7 words of running heads and page numbers were set aside"), "{}", flag.message);
    }
}
