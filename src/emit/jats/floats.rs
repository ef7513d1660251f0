//! Figures as `fig` and tables as `table-wrap`, in reading order inside their section.
//!
//! Choices, following JATS4R's display-object and accessibility recommendations:
//! - The caption goes into `caption/title` when it is short (one sentence of at most
//!   [`TITLE_MAX`] characters, as most printed captions are: "Trade with China,
//!   2000-2020"), else into `caption/p`, so a long caption is never shown as a heading.
//! - `graphic` refers to `ASSET_DIR/FILE` with `mimetype`/`mime-subtype`, and always
//!   carries `alt-text` (JATS4R requires it): the figure's own description when the tree
//!   has one; otherwise a text that says the picture has no description beyond its
//!   caption, never the caption itself passed off as one.
//! - A figure whose picture was not made is written with its label and caption and no
//!   `graphic` (DTD-valid; JATS4R reports it, rightly, as a figure without its image).
//! - A table is an XHTML `table`: header rows in `thead` as `th scope="col"`, the rest
//!   in `tbody` as `td`, spans as `colspan`/`rowspan` when above 1; its notes become
//!   paragraphs in `table-wrap-foot`.

use super::inline::Anchors;
use super::xml::El;
use super::{leaf, paragraph};
use crate::emit::display;
use crate::tree::{Block, Cell};

/// The longest caption (in characters) written as a `title` rather than a paragraph.
pub const TITLE_MAX: usize = 120;

/// The `fig` or `table-wrap` for a display block with id `id`.
///
/// `korean`: the document is in Korean, so a Hangul caption needs no language of its own.
pub fn display(b: &Block, id: String, anchors: &Anchors, asset_dir: &str, korean: bool) -> El {
    let mut el = match b.kind {
        crate::tree::BlockKind::Table => table_wrap(b, id, anchors),
        _ => fig(b, id, anchors, asset_dir),
    };
    if korean {
        for k in el.kids.iter_mut() {
            if let super::xml::Node::El(e) = k {
                e.attrs.retain(|(k, _)| *k != "xml:lang");
            }
        }
    }
    el
}

/// `label` and `caption` of a display, in DTD order, to start its element with.
fn label_and_caption(el: &mut El, b: &Block, anchors: &Anchors) {
    if let Some(l) = display::label(b) {
        el.push(leaf("label", l));
    }
    let mut p = paragraph(b, anchors);
    if p.kids.is_empty() {
        return;
    }
    let text = p.text_content();
    if is_short(text.trim()) {
        p.name = "title";
    }
    // A caption in another language is marked on `caption`, which the DTD lets carry it.
    let mut caption = El::new("caption");
    caption.attrs.extend(p.attrs.drain(..).filter(|(k, _)| *k == "xml:lang"));
    el.push(caption.child(p));
}

/// Whether a caption is one short sentence: no sentence end before its last character.
fn is_short(caption: &str) -> bool {
    let body = caption.trim_end_matches(['.', ' ']);
    caption.chars().count() <= TITLE_MAX && !body.contains(". ") && !body.contains("? ") && !body.contains("! ")
}

fn fig(b: &Block, id: String, anchors: &Anchors, asset_dir: &str) -> El {
    let f = display::figure(b);
    let mut el = El::new("fig").attr("id", id);
    label_and_caption(&mut el, b, anchors);
    if let Some(img) = f.image.as_ref().filter(|i| !i.file.trim().is_empty()) {
        let (main, sub) = img.media_type.split_once('/').unwrap_or(("image", img.media_type.as_str()));
        let mut g = El::new("graphic").attr("xlink:href", format!("{}/{}", asset_dir, img.file.trim()));
        if !main.trim().is_empty() && !sub.trim().is_empty() {
            g = g.attr("mimetype", main.trim()).attr("mime-subtype", sub.trim());
        }
        let alt = match display::alt(&f) {
            Some(a) => a.to_string(),
            None if b.text().trim().is_empty() => format!("{} (no description printed)", display::name(b)),
            None => format!("{} (no description beyond its caption)", display::name(b)),
        };
        g.push(leaf("alt-text", &alt));
        el.push(g);
    }
    el
}

fn table_wrap(b: &Block, id: String, anchors: &Anchors) -> El {
    let t = display::table(b);
    let mut el = El::new("table-wrap").attr("id", id);
    label_and_caption(&mut el, b, anchors);
    let head_n = t.header_rows.min(t.rows.len());
    let mut table = El::new("table");
    let (head, body) = t.rows.split_at(head_n);
    if !head.is_empty() {
        let mut thead = El::new("thead");
        for r in head {
            thead.push(row(r, true));
        }
        table.push(thead);
    }
    let mut tbody = El::new("tbody");
    for r in body {
        tbody.push(row(r, false));
    }
    // The DTD needs a row in `tbody`; a table of header rows only keeps them in `thead`.
    if tbody.kids.is_empty() {
        tbody.push(El::new("tr").child(El::new("td")));
    }
    table.push(tbody);
    el.push(table);
    let foot: Vec<&str> = t.notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()).collect();
    if !foot.is_empty() {
        let mut f = El::new("table-wrap-foot");
        for n in foot {
            f.push(leaf("p", n));
        }
        el.push(f);
    }
    el
}

/// One `tr`: header cells as `th scope="col"`, others as `td`.
fn row(cells: &[Cell], header: bool) -> El {
    let mut tr = El::new("tr");
    for c in cells {
        let mut cell = if header { El::new("th").attr("scope", "col") } else { El::new("td") };
        if c.colspan > 1 {
            cell = cell.attr("colspan", c.colspan.to_string());
        }
        if c.rowspan > 1 {
            cell = cell.attr("rowspan", c.rowspan.to_string());
        }
        tr.push(cell.text(c.text.trim()));
    }
    // A row whose cells are all covered by spans from above still needs content.
    if tr.kids.is_empty() {
        tr.push(El::new(if header { "th" } else { "td" }));
    }
    tr
}
