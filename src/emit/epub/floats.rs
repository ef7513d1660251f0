//! Figures and tables in the book: their XHTML, the pictures packed with it, and what
//! the accessibility metadata may say about them.
//!
//! A figure is `<figure id="fig-N">` with its picture (`images/FILE`) and a `figcaption`
//! (bold label, then the caption). The picture's `alt` is the figure's own description;
//! failing that the caption (the package's summary then says so); failing that the label
//! and "no description printed", never empty, since the picture carries content.
//! A table is `<figure id="table-N">` holding a sideways-scrolling region with an XHTML
//! table (`caption`, header rows in `thead` as `th scope="col"`, spans) and its notes.

use super::xhtml::{encode_url, escape};
use crate::emit::display;
use crate::tree::{Block, BlockKind, Cell, Document, Image};

/// Styles for figures and tables, added to the style sheet only when the book has some.
pub const CSS: &str = "\
figure { margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 0.9em; margin-top: 0.5em; line-height: 1.35; }
.float-label { font-weight: bold; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; border-top: 1px solid; border-bottom: 1px solid; font-size: 0.88em; line-height: 1.3; }
caption { caption-side: top; text-align: left; margin-bottom: 0.4em; line-height: 1.35; }
th, td { padding: 0.25em 0.6em 0.25em 0; vertical-align: top; text-align: left; }
thead th, thead td { border-bottom: 1px solid; font-weight: bold; }
.table-note { font-size: 0.85em; margin: 0.4em 0 0; }
";

/// The pictures of the book's figures: (path in the package, media type, bytes), each
/// file once, in document order. A picture without bytes or of another type is left out.
pub fn pictures(doc: &Document) -> Vec<(String, &str, &[u8])> {
    let mut out: Vec<(String, &str, &[u8])> = Vec::new();
    for img in doc.displays().filter_map(usable_picture) {
        let path = image_path(img);
        if !out.iter().any(|(p, _, _)| *p == path) {
            out.push((path, img.media_type.trim(), &img.data));
        }
    }
    out
}

/// The figure's picture when the book can show it: PNG or JPEG bytes are at hand.
fn usable_picture(b: &Block) -> Option<&Image> {
    if b.kind != BlockKind::Figure {
        return None;
    }
    let img = b.figure.as_ref()?.image.as_ref()?;
    let known = matches!(img.media_type.trim(), "image/png" | "image/jpeg");
    (known && !img.data.is_empty() && !img.file.trim().is_empty()).then_some(img)
}

/// The picture's path inside the package: `images/` and its file name, with anything but
/// letters, digits, `.`, `-` and `_` replaced, so the name is safe in a URL and a zip.
fn image_path(img: &Image) -> String {
    let name: String =
        img.file.trim().chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    format!("images/{name}")
}

/// How the book's pictures are described, for the accessibility metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pictures {
    /// Pictures shown.
    pub shown: usize,
    /// Of those, the ones with a description of their own (not their caption).
    pub described: usize,
    /// Of those without, the ones that at least have a caption standing in.
    pub captioned: usize,
}

impl Pictures {
    /// Counts the pictures the book shows and how each is described.
    pub fn of(doc: &Document) -> Pictures {
        let mut p = Pictures::default();
        for b in doc.displays().filter(|b| usable_picture(b).is_some()) {
            p.shown += 1;
            if b.figure.as_deref().and_then(display::alt).is_some() {
                p.described += 1;
            } else if !b.text().trim().is_empty() {
                p.captioned += 1;
            }
        }
        p
    }
}

/// `label` as the start of a caption: bold, ending in a full stop unless it ends in
/// punctuation already.
fn label_html(b: &Block, text: &dyn Fn(&str) -> String) -> Option<String> {
    let l = display::label(b)?;
    let stop = if l.ends_with(|c: char| c.is_ascii_punctuation()) { "" } else { "." };
    Some(format!("<span class=\"float-label\">{}{stop}</span>", text(l)))
}

/// Label and caption joined, or `None` when the display has neither.
fn caption_html(b: &Block, caption: &str, text: &dyn Fn(&str) -> String) -> Option<String> {
    let label = label_html(b, text);
    match (label, caption.trim().is_empty()) {
        (Some(l), false) => Some(format!("{l} {}", caption.trim())),
        (Some(l), true) => Some(l),
        (None, false) => Some(caption.trim().to_string()),
        (None, true) => None,
    }
}

/// The XHTML of a figure. `caption` is the block's content already written as XHTML
/// (text and note calls); `text` escapes and language-marks plain text.
pub fn figure(b: &Block, id: &str, caption: &str, text: &dyn Fn(&str) -> String) -> String {
    let mut s = format!("<figure id=\"{}\" class=\"figure\">\n", escape(id));
    if let Some(img) = usable_picture(b) {
        let f = display::figure(b);
        let caption_text = b.text();
        let alt = match display::alt(&f) {
            Some(a) => a.to_string(),
            None if !caption_text.trim().is_empty() => caption_text.trim().to_string(),
            None => format!("{} (no description printed)", display::name(b)),
        };
        let size = if img.width > 0 && img.height > 0 {
            format!(" width=\"{}\" height=\"{}\"", img.width, img.height)
        } else {
            String::new()
        };
        s.push_str(&format!("<img src=\"{}\" alt=\"{}\"{size}/>\n", escape(&encode_url(&image_path(img))), escape(&alt)));
    }
    if let Some(c) = caption_html(b, caption, text) {
        s.push_str(&format!("<figcaption>{c}</figcaption>\n"));
    }
    s.push_str("</figure>\n");
    s
}

/// The XHTML of a table: a figure holding a region that scrolls sideways on a narrow
/// screen (focusable, so a keyboard can scroll it), the table, then its notes.
pub fn table(b: &Block, id: &str, caption: &str, text: &dyn Fn(&str) -> String) -> String {
    let t = display::table(b);
    let id = escape(id);
    let cap = caption_html(b, caption, text);
    let name = match &cap {
        Some(_) => format!("aria-labelledby=\"{id}-caption\""),
        None => format!("aria-label=\"{}\"", escape(&display::name(b))),
    };
    let mut s = format!(
        "<figure id=\"{id}\" class=\"table\">\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" {name}>\n<table>\n"
    );
    if let Some(c) = cap {
        s.push_str(&format!("<caption id=\"{id}-caption\">{c}</caption>\n"));
    }
    let head_n = t.header_rows.min(t.rows.len());
    let (head, body) = t.rows.split_at(head_n);
    if !head.is_empty() {
        s.push_str("<thead>\n");
        for r in head {
            row(&mut s, r, true, text);
        }
        s.push_str("</thead>\n");
    }
    if !body.is_empty() {
        s.push_str("<tbody>\n");
        for r in body {
            row(&mut s, r, false, text);
        }
        s.push_str("</tbody>\n");
    }
    s.push_str("</table>\n</div>\n");
    for n in t.notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        s.push_str(&format!("<p class=\"table-note\">{}</p>\n", text(n)));
    }
    s.push_str("</figure>\n");
    s
}

/// One `tr`. A header cell with text is a `th scope="col"`; an empty one a `td`, since a
/// header naming nothing confuses a screen reader.
fn row(s: &mut String, cells: &[Cell], header: bool, text: &dyn Fn(&str) -> String) {
    s.push_str("<tr>");
    for c in cells {
        let content = c.text.trim();
        let tag = if header && !content.is_empty() { "th" } else { "td" };
        let mut attrs = String::new();
        if tag == "th" {
            attrs.push_str(" scope=\"col\"");
        }
        if c.colspan > 1 {
            attrs.push_str(&format!(" colspan=\"{}\"", c.colspan));
        }
        if c.rowspan > 1 {
            attrs.push_str(&format!(" rowspan=\"{}\"", c.rowspan));
        }
        s.push_str(&format!("<{tag}{attrs}>{}</{tag}>", text(content)));
    }
    s.push_str("</tr>\n");
}
