//! Boxes: sidebars, call-outs, tip and summary boxes set in the body.
//!
//! A box is a tinted or framed rectangle drawn behind whole blocks of the body. Its blocks
//! keep their place in reading order and their kinds; they are marked with the box's
//! number so that writers can set them apart (JATS `boxed-text`, EPUB `aside`). A heading
//! at the top of a box is its title, not a section of the document.

use super::lines::BodyStyle;
use crate::layout::{GraphicKind, Layout, Rect};
use crate::tree::{Block, BlockKind, Inline, Provenance, Section};

/// Marks the body blocks printed inside boxes, and turns a heading at a box's top into
/// the box's title.
pub(super) fn mark(sections: &mut Vec<Section>, layout: &Layout, body: &BodyStyle) {
    let items = items(sections);
    if panels(layout, body, &items) {
        return;
    }
    let frames = frames(layout, body, &items);
    if frames.is_empty() {
        return;
    }
    // Which frame holds each item, and a box number per run of items in one frame.
    let mut in_box: Vec<Option<u32>> = vec![None; items.len()];
    let mut next = 0;
    let mut last_frame: Option<usize> = None;
    for k in 0..items.len() {
        let f = frames.iter().position(|f| f.holds.contains(&k));
        if f.is_some() && f != last_frame {
            next += 1;
        }
        in_box[k] = f.map(|_| next);
        last_frame = f;
    }
    for (it, b) in items.iter().zip(&in_box) {
        if let (Some(bi), Some(n)) = (it.block, b) {
            sections[it.section].blocks[bi].boxed = Some(*n);
        }
    }
    // Headings at the top of a box become its title; their sections end there, and the
    // blocks after the box go on in the section before.
    for (k, it) in items.iter().enumerate().rev() {
        let (None, Some(n)) = (it.block, in_box[k]) else { continue };
        let s = sections.remove(it.section);
        let title = Block {
            kind: BlockKind::BoxTitle,
            content: vec![Inline::Text(s.title.unwrap_or_default())],
            source: s.source,
            boxed: Some(n),
            ..Default::default()
        };
        let mut blocks = vec![title];
        blocks.extend(s.blocks);
        match sections.get_mut(it.section.wrapping_sub(1)) {
            Some(prev) => prev.blocks.extend(blocks),
            None => sections.insert(0, Section { level: s.level, title: None, blocks, source: vec![] }),
        }
    }
    for s in sections.iter_mut() {
        lead_in_titles(&mut s.blocks);
    }
}

/// A heading or a block of the body, with where it was printed.
struct Item {
    section: usize,
    /// The block's index in its section; `None` for the section's heading.
    block: Option<usize>,
    source: Vec<Provenance>,
    /// The block's kind; `None` for a heading.
    kind: Option<BlockKind>,
}

/// The headings and blocks of `sections` in reading order.
fn items(sections: &[Section]) -> Vec<Item> {
    let mut out = Vec::new();
    for (si, s) in sections.iter().enumerate() {
        if s.title.is_some() && !s.source.is_empty() {
            out.push(Item { section: si, block: None, source: s.source.clone(), kind: None });
        }
        for (bi, b) in s.blocks.iter().enumerate() {
            out.push(Item { section: si, block: Some(bi), source: b.source.clone(), kind: Some(b.kind) });
        }
    }
    out
}

/// A rectangle that qualifies as a box, and the items it holds whole.
struct Frame {
    holds: Vec<usize>,
}

/// The drawn rectangles that are boxes: each holds whole body blocks of its page, cuts
/// through none, holds no figure or table, and is neither the page's background nor a
/// frame repeated on every page.
fn frames(layout: &Layout, body: &BodyStyle, items: &[Item]) -> Vec<Frame> {
    // Per page, the rectangles drawn (filled or stroked) and those large enough to be boxes.
    let drawn: Vec<Vec<Rect>> = layout
        .pages
        .iter()
        .map(|p| p.graphics.iter().filter(|g| matches!(g.kind, GraphicKind::Fill | GraphicKind::Stroke)).map(|g| g.bbox).collect())
        .collect();
    let large: Vec<Vec<Rect>> = layout
        .pages
        .iter()
        .zip(&drawn)
        .map(|(page, d)| {
            let area = page.width * page.height;
            d.iter().filter(|r| r.width() >= page.width * 0.25 && r.height() >= body.size * 2.0 && r.area() <= area * 0.7).copied().collect()
        })
        .collect();
    let mut found: Vec<Frame> = Vec::new();
    for (pi, page) in layout.pages.iter().enumerate() {
        let area = page.width * page.height;
        let on_page: Vec<(usize, &Provenance)> =
            items.iter().enumerate().flat_map(|(k, it)| it.source.iter().filter(|p| p.page == page.number).map(move |p| (k, p))).collect();
        if on_page.is_empty() || large[pi].is_empty() {
            continue;
        }
        let mut rects: Vec<Rect> = large[pi]
            .iter()
            .filter(|r| large.iter().filter(|l| l.iter().any(|o| same(o, r))).take(3).count() < 3)
            .filter(|r| !beside_another(r, &drawn[pi]))
            .map(|r| with_title_band(*r, &drawn[pi], body))
            .collect();
        // Largest first: a box drawn inside another box belongs to it.
        rects.sort_by(|a, b| b.area().total_cmp(&a.area()));
        rects.dedup_by(|a, b| same(a, b));
        for r in rects {
            let mut holds: Vec<usize> = Vec::new();
            let mut cut = false;
            for &(k, p) in &on_page {
                let b = to_rect(p);
                if inside(&b, &r) {
                    if !holds.contains(&k) {
                        holds.push(k);
                    }
                } else if b.overlap(&r) > 0.2 * b.width().max(1.0) * b.height().max(1.0) {
                    cut = true;
                }
            }
            // A block is held only if all its pieces on this page are inside.
            holds.retain(|&k| items[k].source.iter().all(|p| p.page != page.number || inside(&to_rect(p), &r)));
            let text: Vec<usize> = holds.iter().copied().filter(|&k| matches!(items[k].kind, Some(BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Quote))).collect();
            let displays = holds.iter().any(|&k| matches!(items[k].kind, Some(BlockKind::Figure | BlockKind::Table)));
            let lines: f32 = text.iter().flat_map(|&k| items[k].source.iter()).map(|p| (p.bbox.y1 - p.bbox.y0) / body.pitch.max(body.size)).sum();
            let whole_page = on_page.iter().all(|(k, _)| holds.contains(k)) && r.area() > area * 0.4;
            if cut || displays || text.is_empty() || lines < 1.5 || whole_page {
                continue;
            }
            if found.iter().any(|f| f.holds.iter().any(|k| holds.contains(k))) {
                continue;
            }
            found.push(Frame { holds });
        }
    }
    // A heading inside a box is its title only at its top.
    found.retain(|f| {
        let first = f.holds.iter().min().copied().unwrap_or(0);
        f.holds.iter().all(|&k| items[k].block.is_some() || k == first)
    });
    found
}

/// Whether the document sets most of its headings as title bars of frames (a band with
/// the heading, a frame with the section's text straight under it): then its pages are
/// built of panels, one per section, and a frame is no aside.
fn panels(layout: &Layout, body: &BodyStyle, items: &[Item]) -> bool {
    let headings: Vec<&Provenance> = items.iter().filter(|it| it.block.is_none()).filter_map(|it| it.source.first()).collect();
    let on_panel = |p: &&&Provenance| {
        let Some(page) = layout.pages.get((p.page as usize).wrapping_sub(1)) else { return false };
        let drawn: Vec<Rect> = page.graphics.iter().filter(|g| matches!(g.kind, GraphicKind::Fill | GraphicKind::Stroke)).map(|g| g.bbox).collect();
        let bands = drawn.iter().filter(|t| t.height() < body.size * 5.0 && inside(&to_rect(p), t));
        bands.into_iter().any(|t| drawn.iter().any(|f| f.height() > t.height() && under(t, f)))
    };
    let panelled = headings.iter().filter(on_panel).count();
    panelled >= 3 && panelled * 2 >= headings.len()
}

/// Whether another drawn rectangle stands against the left or right side of `r` over most
/// of its height: then `r` is a cell of a grid (a form, a table of labelled rows), not a box.
fn beside_another(r: &Rect, drawn: &[Rect]) -> bool {
    drawn.iter().any(|o| {
        let shared = o.y1.min(r.y1) - o.y0.max(r.y0);
        let touching = (o.x1 - r.x0).abs() < 2.0 || (o.x0 - r.x1).abs() < 2.0;
        touching && !same(o, r) && o.width() > 2.0 && shared >= 0.8 * r.height()
    })
}

/// `r` grown over a band drawn straight on top of it, as wide as it and a few lines high:
/// a box's title bar.
fn with_title_band(r: Rect, drawn: &[Rect], body: &BodyStyle) -> Rect {
    let band = drawn.iter().find(|t| under(t, &r) && t.height() < body.size * 5.0);
    match band {
        Some(t) => Rect { y0: t.y0, ..r },
        None => r,
    }
}

/// Whether `r` stands straight under `t`, as wide as it.
fn under(t: &Rect, r: &Rect) -> bool {
    (t.y1 - r.y0).abs() < 2.0 && (t.x0 - r.x0).abs() < 3.0 && (t.x1 - r.x1).abs() < 3.0
}

fn same(a: &Rect, b: &Rect) -> bool {
    (a.x0 - b.x0).abs() < 3.0 && (a.x1 - b.x1).abs() < 3.0 && (a.y0 - b.y0).abs() < 3.0 && (a.y1 - b.y1).abs() < 3.0
}

fn to_rect(p: &Provenance) -> Rect {
    Rect { x0: p.bbox.x0, y0: p.bbox.y0, x1: p.bbox.x1, y1: p.bbox.y1 }
}

fn inside(b: &Rect, r: &Rect) -> bool {
    b.x0 >= r.x0 - 2.0 && b.x1 <= r.x1 + 2.0 && b.y0 >= r.y0 - 2.0 && b.y1 <= r.y1 + 2.0
}

/// A box opening with a short paragraph set wholly in bold, before more text, has that
/// paragraph for its title.
fn lead_in_titles(blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let opens = blocks[i].boxed.is_some() && (i == 0 || blocks[i - 1].boxed != blocks[i].boxed);
        let more = blocks.get(i + 1).is_some_and(|n| n.boxed == blocks[i].boxed);
        let b = &mut blocks[i];
        if !(opens && more && b.kind == BlockKind::Paragraph) {
            continue;
        }
        if let [Inline::Strong(inner)] = &b.content[..] {
            if b.text().split_whitespace().count() <= 12 {
                b.content = inner.clone();
                b.kind = BlockKind::BoxTitle;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::GraphicKind::{Fill, Stroke};
    use crate::normalise::testkit::*;
    use crate::normalise::{normalise, NormaliseOptions};
    use crate::tree::{BlockKind, Document};

    const PROSE: [&str; 3] = [
        "The committee met four times during the year and reviewed the",
        "programme of work that the board had set for it in the spring,",
        "with particular attention to the budget and to the staffing.",
    ];
    const TIP: [&str; 2] = ["A tip set apart from the text: the board meets on the first", "Monday of every month, and its minutes are public."];

    fn read(b: Builder) -> Document {
        normalise(&b.build(), &NormaliseOptions::default()).output
    }

    /// Each block's box number and its first word, section by section.
    fn boxes(doc: &Document) -> Vec<(Option<u32>, BlockKind, String)> {
        let first = |t: String| t.split_whitespace().next().unwrap_or("").to_string();
        doc.sections.iter().flat_map(|s| s.blocks.iter().map(move |b| (b.boxed, b.kind, first(b.text())))).collect()
    }

    /// Prose, a tinted box holding the tip, prose again.
    fn page_with_tip(b: Builder) -> Builder {
        b.page().para(72.0, 100.0, &PROSE).graphic(Fill, 66.0, 140.0, 500.0, 176.0).para(72.0, 152.0, &TIP).para(72.0, 200.0, &PROSE)
    }

    #[test]
    fn blocks_on_a_tint_form_one_box_in_reading_order() {
        let doc = read(page_with_tip(Builder::new()));
        let got = boxes(&doc);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), vec![None, Some(1), None], "{got:?}");
        assert_eq!(got[1].2, "A");
    }

    #[test]
    fn a_heading_at_the_top_of_a_box_is_its_title_not_a_section() {
        let doc = read(
            Builder::new()
                .page()
                .block(&[("Annual review of the board", 72.0, 40.0, 20.0, BOLD)])
                .para(72.0, 70.0, &PROSE)
                .block(&[("Costs", 72.0, 120.0, 14.0, BOLD)])
                .para(72.0, 140.0, &PROSE)
                .graphic(Stroke, 66.0, 176.0, 500.0, 230.0)
                .block(&[("Before you apply", 72.0, 192.0, 12.0, BOLD)])
                .para(72.0, 206.0, &TIP)
                .para(72.0, 250.0, &PROSE),
        );
        let titles: Vec<Option<&str>> = doc.sections.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(titles, vec![None, Some("Costs")], "the box's heading opens no section");
        let got = boxes(&doc);
        let kinds: Vec<(Option<u32>, BlockKind)> = got.iter().map(|g| (g.0, g.1)).collect();
        assert_eq!(
            kinds,
            vec![
                (None, BlockKind::Paragraph),
                (None, BlockKind::Paragraph),
                (Some(1), BlockKind::BoxTitle),
                (Some(1), BlockKind::Paragraph),
                (None, BlockKind::Paragraph)
            ],
            "{got:?}"
        );
        assert_eq!(doc.sections[1].blocks[1].text(), "Before you apply");
    }

    #[test]
    fn a_bold_line_opening_a_box_is_its_title() {
        let doc = read(
            Builder::new()
                .page()
                .para(72.0, 100.0, &PROSE)
                .graphic(Fill, 66.0, 136.0, 500.0, 190.0)
                .block(&[("Before you apply", 72.0, 152.0, 10.0, BOLD)])
                .para(72.0, 166.0, &TIP)
                .para(72.0, 210.0, &PROSE),
        );
        let got = boxes(&doc);
        assert!(got.iter().any(|g| g.0 == Some(1) && g.1 == BlockKind::BoxTitle && g.2 == "Before"), "{got:?}");
    }

    #[test]
    fn cells_side_by_side_are_a_grid_not_boxes() {
        let doc = read(
            Builder::new()
                .page()
                .para(72.0, 100.0, &PROSE)
                .graphic(Stroke, 40.0, 140.0, 66.0, 176.0)
                .graphic(Stroke, 66.0, 140.0, 500.0, 176.0)
                .para(72.0, 152.0, &TIP)
                .para(72.0, 200.0, &PROSE),
        );
        assert!(boxes(&doc).iter().all(|g| g.0.is_none()), "{:?}", boxes(&doc));
    }

    #[test]
    fn a_tint_cutting_through_a_paragraph_is_no_box() {
        let doc = read(
            Builder::new().page().para(72.0, 100.0, &PROSE).graphic(Fill, 66.0, 110.0, 500.0, 160.0).para(72.0, 152.0, &TIP).para(72.0, 200.0, &PROSE),
        );
        assert!(boxes(&doc).iter().all(|g| g.0.is_none()), "{:?}", boxes(&doc));
    }

    #[test]
    fn a_frame_repeated_on_every_page_is_page_design() {
        let mut b = Builder::new();
        for _ in 0..3 {
            b = b.page().para(72.0, 100.0, &PROSE).graphic(Stroke, 66.0, 140.0, 500.0, 176.0).para(72.0, 152.0, &TIP).para(72.0, 200.0, &PROSE);
        }
        assert!(boxes(&read(b)).iter().all(|g| g.0.is_none()));
    }

    #[test]
    fn two_boxes_are_numbered_in_reading_order() {
        let doc = read(page_with_tip(page_with_tip(Builder::new())));
        let numbers: Vec<u32> = boxes(&doc).iter().filter_map(|g| g.0).collect();
        assert_eq!(numbers, vec![1, 2]);
    }

    #[test]
    fn headings_set_on_bands_throughout_make_panels_not_boxes() {
        let mut b = Builder::new();
        for (i, h) in ["Scope", "Costs", "Risks", "Terms"].into_iter().enumerate() {
            b = b.page();
            if i == 0 {
                b = b.block(&[("Annual review of the board", 72.0, 40.0, 20.0, BOLD)]);
            }
            // Each panel stands at its own height: no frame repeats from page to page.
            let y = 30.0 * i as f32;
            b = b
                .graphic(Fill, 66.0, y + 64.0, 500.0, y + 88.0)
                .block(&[(h, 72.0, y + 80.0, 14.0, BOLD)])
                .graphic(Stroke, 66.0, y + 88.0, 500.0, y + 176.0)
                .para(72.0, y + 100.0, &TIP)
                .para(72.0, y + 200.0, &PROSE);
        }
        let doc = read(b);
        assert!(boxes(&doc).iter().all(|g| g.0.is_none()), "{:?}", boxes(&doc));
        assert!(doc.sections.iter().filter(|s| s.title.is_some()).count() >= 3);
    }
}
