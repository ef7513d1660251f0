//! Links made whole: inside the document pointed at what they point to (a reference of the
//! list, a figure or a table, where the source PDF's destination opens just above it), and
//! their ends cleared of the punctuation their last word brought.
//!
//! A link annotation names a page and the top of the view it opens (LaTeX's hyperref,
//! Word and InDesign all write one for a citation or a cross-reference). The tree knows
//! where every block, reference and note was printed, so the thing at the top of that view
//! is the link's target. Until the tree is whole a link keeps its spot in its target
//! (`#page-N@x,y`); [`resolve`] turns each into an element (`#ref-N`, `#fig-N`,
//! `#table-N`) or, when the spot shows some other text, the page (`#page-N`).

use crate::layout::Spot;
use crate::tree::{Anchor, BoxPt, Document, Inline, Provenance};
use std::sync::Arc;

/// How far below a link's spot the top of its target may stand: a destination opens the
/// view a line or two above what it names.
const MAX_DROP: f32 = 72.0;

/// How much more a spot below a block's top costs than one above it: a destination is
/// written at or above its target, and a spot below the top of a block is most often the
/// end of the block before the target.
const BELOW_TOP_COST: f32 = 1.5;

/// The link target for a page link `target` whose destination opens at `spot`.
pub(crate) fn at_spot(target: &str, spot: Option<Spot>) -> Arc<str> {
    match (target.strip_prefix("#page-"), spot) {
        (Some(_), Some(s)) => {
            let x = s.x.map_or_else(|| "-".to_string(), |x| format!("{x:.1}"));
            Arc::from(format!("{target}@{x},{:.1}", s.y))
        }
        _ => Arc::from(target),
    }
}

/// The page and spot of a target written by [`at_spot`].
fn parse(target: &str) -> Option<(u32, Spot)> {
    let (page, at) = target.strip_prefix("#page-")?.split_once('@')?;
    let (x, y) = at.split_once(',')?;
    let x = if x == "-" { None } else { Some(x.parse().ok()?) };
    Some((page.parse().ok()?, Spot { x, y: y.parse().ok()? }))
}

/// Something printed in the source that a link could open at.
struct Place {
    bbox: BoxPt,
    /// Its id as a link target (`ref-3`), or `None` for text no writer gives an id.
    id: Option<String>,
    /// A figure or table: a spot anywhere inside it means it.
    display: bool,
}

/// Trims every link's end and points every link with a spot at its element.
pub(crate) fn finish(doc: &mut Document) {
    for b in doc.sections.iter_mut().flat_map(|s| s.blocks.iter_mut()) {
        trim_ends(&mut b.content);
    }
    resolve(doc);
}

/// Moves the punctuation a link's last word brought (`[4].`, `1).`, `example.org,`) out of
/// the link, inside spans too.
///
/// A link annotation covers the words it names and a word is read with the stop after it;
/// a closing bracket stays when the link opened it.
fn trim_ends(content: &mut Vec<Inline>) {
    let mut i = 0;
    while i < content.len() {
        let mut tail = String::new();
        if let Inline::Link(l) = &mut content[i] {
            let mut text = String::new();
            Inline::push_text(&l.content, &mut text);
            if let Some(Inline::Text(t)) = l.content.last_mut() {
                let keep = kept_end(t, &text);
                if keep > 0 {
                    tail = t.split_off(keep);
                }
            }
        }
        if !tail.is_empty() {
            match content.get_mut(i + 1) {
                Some(Inline::Text(next)) => next.insert_str(0, &tail),
                _ => content.insert(i + 1, Inline::Text(tail)),
            }
        }
        if let Some(kids) = content[i].span_mut() {
            trim_ends(kids);
        }
        i += 1;
    }
}

/// How much of `t`, the last text of a link whose whole text is `all`, the link keeps:
/// all but its trailing stops, commas, colons and semicolons, and the closing brackets
/// it did not open. Never nothing: a link of punctuation alone stays as it is.
fn kept_end(t: &str, all: &str) -> usize {
    let mut open_round = all.matches('(').count() as i32 - all.matches(')').count() as i32;
    let mut open_square = all.matches('[').count() as i32 - all.matches(']').count() as i32;
    let mut end = t.len();
    for (at, c) in t.char_indices().rev() {
        let cut = match c {
            '.' | ',' | ';' | ':' => true,
            ')' if open_round < 0 => {
                open_round += 1;
                true
            }
            ']' if open_square < 0 => {
                open_square += 1;
                true
            }
            _ => false,
        };
        if !cut {
            break;
        }
        end = at;
    }
    if end == 0 {
        t.len()
    } else {
        end
    }
}

/// Rewrites every link target with a spot to the element at that spot, or to its page.
fn resolve(doc: &mut Document) {
    let mut any = false;
    doc.each_link_target_mut(&mut |t| any = any || t.contains('@'));
    if !any {
        return;
    }
    let places = places(doc);
    doc.each_link_target_mut(&mut |t| {
        if let Some((page, spot)) = parse(t) {
            *t = match places.get(&page).and_then(|p| at(p, spot)) {
                Some(id) => format!("#{id}"),
                None => format!("#page-{page}"),
            };
        }
    });
}

/// Every place of the tree, by page.
fn places(doc: &Document) -> std::collections::HashMap<u32, Vec<Place>> {
    let mut out: std::collections::HashMap<u32, Vec<Place>> = Default::default();
    let mut add = |src: &[Provenance], id: Option<String>, display: bool| {
        for p in src {
            out.entry(p.page).or_default().push(Place { bbox: p.bbox, id: id.clone(), display });
        }
    };
    let (mut figures, mut tables) = (0, 0);
    for s in &doc.sections {
        add(&s.source, None, false);
        for b in &s.blocks {
            let id = match b.kind {
                crate::tree::BlockKind::Figure => {
                    figures += 1;
                    Some(Anchor::Figure(figures).id())
                }
                crate::tree::BlockKind::Table => {
                    tables += 1;
                    Some(Anchor::Table(tables).id())
                }
                _ => None,
            };
            let display = id.is_some();
            add(&b.source, id, display);
        }
    }
    for f in &doc.footnotes {
        add(&f.source, None, false);
    }
    for (i, r) in doc.references.iter().enumerate() {
        add(&r.source_boxes, Some(Anchor::Reference(u32::try_from(i + 1).unwrap_or(u32::MAX)).id()), false);
    }
    out
}

/// The id of the place a view opening at `spot` shows first, when it has one.
///
/// A spot inside a figure or table is that display. Otherwise the text nearest below the
/// spot, or holding it, is what the view opens on; with a left edge given, only places in
/// its column count (unless none is).
fn at(places: &[Place], spot: Spot) -> Option<String> {
    let in_column = |p: &Place| spot.x.is_none_or(|x| x >= p.bbox.x0 - 6.0 && x <= p.bbox.x1);
    let column_known = places.iter().any(in_column);
    let cost = |p: &Place| -> Option<f32> {
        let b = &p.bbox;
        if b.y1 < spot.y || (column_known && !in_column(p)) {
            return None;
        }
        let drop = b.y0 - spot.y;
        match (drop >= 0.0, p.display) {
            (true, _) if drop <= MAX_DROP => Some(drop),
            (true, _) => None,
            (false, true) => Some(0.0),
            (false, false) => Some(-drop * BELOW_TOP_COST),
        }
    };
    let best = places.iter().filter_map(|p| cost(p).map(|c| (c, p))).min_by(|a, b| a.0.total_cmp(&b.0))?;
    best.1.id.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Block, BlockKind, Figure, Link, Reference, Section};

    /// Whether an inline list holds a link whose target still carries a spot.
    fn has_spot(content: &[Inline]) -> bool {
        content.iter().any(|i| match i {
            Inline::Link(l) => l.target.contains('@') || has_spot(&l.content),
            other => has_spot(other.children()),
        })
    }

    fn bx(y0: f32, y1: f32) -> Vec<Provenance> {
        vec![Provenance { page: 4, bbox: BoxPt { x0: 72.0, y0, x1: 540.0, y1 } }]
    }

    fn para(text: &str, y0: f32, y1: f32) -> Block {
        Block { kind: BlockKind::Paragraph, content: vec![Inline::Text(text.into())], source: bx(y0, y1), ..Default::default() }
    }

    fn reference(raw: &str, y0: f32, y1: f32) -> Reference {
        Reference { raw: raw.into(), source_boxes: bx(y0, y1), ..Default::default() }
    }

    fn link(target: &str) -> Inline {
        Inline::Link(Link { target: target.into(), content: vec![Inline::Text("[2]".into())] })
    }

    fn doc_with(links: Vec<Inline>) -> Document {
        let mut d = Document::new();
        let figure = Block {
            kind: BlockKind::Figure,
            source: bx(100.0, 300.0),
            figure: Some(Box::new(Figure { label: Some("Figure 1".into()), ..Default::default() })),
            ..Default::default()
        };
        d.sections.push(Section {
            level: 1,
            title: Some("Results".into()),
            blocks: vec![Block { content: links, ..para("", 40.0, 90.0) }, figure, para("After the figure.", 320.0, 400.0)],
            source: bx(20.0, 32.0),
        });
        d.references = vec![reference("Alpha, A. 2001.", 450.0, 475.0), reference("Beta, B. 2002.", 478.0, 503.0)];
        d
    }

    fn targets(d: &mut Document) -> Vec<String> {
        let mut out = Vec::new();
        d.each_link_target_mut(&mut |t| out.push(t.clone()));
        out
    }

    #[test]
    fn a_spot_is_written_into_the_target_and_read_back() {
        let t = at_spot("#page-4", Some(Spot { x: Some(72.04), y: 461.26 }));
        assert_eq!(&*t, "#page-4@72.0,461.3");
        assert_eq!(parse(&t), Some((4, Spot { x: Some(72.0), y: 461.3 })));
        assert_eq!(parse(&at_spot("#page-4", Some(Spot { x: None, y: 10.0 }))), Some((4, Spot { x: None, y: 10.0 })));
        assert_eq!(&*at_spot("#page-4", None), "#page-4");
        assert_eq!(&*at_spot("https://example.org/a@b,c", Some(Spot { x: None, y: 1.0 })), "https://example.org/a@b,c");
    }

    #[test]
    fn a_spot_just_above_an_entry_of_the_list_links_that_reference() {
        // hyperref raises a citation's anchor a line above the entry: into the entry before.
        let mut d = doc_with(vec![link("#page-4@72.0,466.0"), link("#page-4@-,440.0")]);
        resolve(&mut d);
        assert_eq!(targets(&mut d), ["#ref-2", "#ref-1"]);
    }

    #[test]
    fn a_spot_inside_a_figure_links_the_figure_and_one_over_prose_stays_a_page_link() {
        let mut d = doc_with(vec![link("#page-4@72.0,250.0"), link("#page-4@72.0,330.0"), link("#page-4@72.0,95.0")]);
        resolve(&mut d);
        assert_eq!(targets(&mut d), ["#fig-1", "#page-4", "#fig-1"]);
        assert!(!d.sections.iter().flat_map(|s| &s.blocks).any(|b| has_spot(&b.content)));
    }

    #[test]
    fn a_spot_with_nothing_near_below_it_or_on_an_unknown_page_is_a_page_link() {
        let mut d = doc_with(vec![link("#page-4@72.0,600.0"), link("#page-9@72.0,100.0"), link("#page-4")]);
        resolve(&mut d);
        assert_eq!(targets(&mut d), ["#page-4", "#page-9", "#page-4"]);
    }

    fn linked(target: &str, text: &str) -> Inline {
        Inline::Link(Link { target: target.into(), content: vec![Inline::Text(text.into())] })
    }

    #[test]
    fn a_links_trailing_stop_and_unopened_bracket_go_after_it() {
        let mut c = vec![Inline::Text("see ".into()), linked("#ref-4", "[4]."), Inline::Text(" Then".into())];
        trim_ends(&mut c);
        assert_eq!(c, [Inline::Text("see ".into()), linked("#ref-4", "[4]"), Inline::Text(". Then".into())]);
        let mut c = vec![Inline::Emphasis(vec![linked("#fig-1", "1).")])];
        trim_ends(&mut c);
        assert_eq!(c, [Inline::Emphasis(vec![linked("#fig-1", "1"), Inline::Text(").".into())])]);
        for kept in ["(see 2)", "...", "Table 2", "https://example.org/a_(b)"] {
            let mut c = vec![linked("https://example.org", kept)];
            trim_ends(&mut c);
            assert_eq!(c, [linked("https://example.org", kept)], "{kept}");
        }
    }

    #[test]
    fn a_left_edge_picks_the_column() {
        let mut d = doc_with(vec![link("#page-4@320.0,445.0")]);
        // The second reference stands in the right column, level with the first.
        d.references[1].source_boxes = vec![Provenance { page: 4, bbox: BoxPt { x0: 315.0, y0: 450.0, x1: 540.0, y1: 475.0 } }];
        d.references[0].source_boxes[0].bbox.x1 = 300.0;
        resolve(&mut d);
        assert_eq!(targets(&mut d), ["#ref-2"]);
    }
}
