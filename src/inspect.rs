//! Human-readable outlines of a document tree or a layout, for checking a conversion by eye.

use crate::layout::{GraphicKind, Layout};
use crate::tree::{BlockKind, Document};
use std::fmt::Write;

/// The document as an indented outline: front matter, sections with their block counts,
/// notes, references and colophon fields.
pub fn document_outline(doc: &Document) -> String {
    let mut o = String::new();
    let f = &doc.front;
    let line = |o: &mut String, k: &str, v: Option<&str>| {
        if let Some(v) = v {
            let _ = writeln!(o, "{k:<10} {v}");
        }
    };
    line(&mut o, "series", f.series.as_deref());
    line(&mut o, "publisher", f.publisher.as_deref());
    line(&mut o, "title", Some(f.title.as_deref().unwrap_or("(none found)")));
    line(&mut o, "subtitle", f.subtitle.as_deref());
    for a in &f.authors {
        let bio = if a.bio.is_some() { " (with bio)" } else { "" };
        let _ = writeln!(o, "{:<10} {} / {}{bio}", "author", a.given.as_deref().unwrap_or("-"), a.surname);
    }
    line(&mut o, "date", f.date.map(|d| d.iso()).as_deref());
    line(&mut o, "isbn", f.isbn.as_deref());
    if let Some(a) = &f.abstract_paras {
        let _ = writeln!(o, "{:<10} {} paragraph(s)", "abstract", a.len());
    }
    let _ = writeln!(o, "sections   {}", doc.sections.len());
    for s in &doc.sections {
        let indent = "  ".repeat(usize::from(s.level.max(1)));
        let count = |k: BlockKind| s.blocks.iter().filter(|b| b.kind == k).count();
        let mut parts = vec![format!("{} para", count(BlockKind::Paragraph))];
        for (k, name) in [(BlockKind::ListItem, "list items"), (BlockKind::Quote, "quotes"), (BlockKind::Figure, "figures"), (BlockKind::Table, "tables")] {
            if count(k) > 0 {
                parts.push(format!("{} {name}", count(k)));
            }
        }
        let mut boxes: Vec<u32> = s.blocks.iter().filter_map(|b| b.boxed).collect();
        boxes.dedup();
        if !boxes.is_empty() {
            parts.push(format!("{} box(es)", boxes.len()));
        }
        let page = s.source.first().map(|p| format!(" p.{}", p.page)).unwrap_or_default();
        let _ = writeln!(
            o,
            "{indent}{} [{}]{page}",
            s.title.as_deref().unwrap_or("(untitled)"),
            parts.join(", ")
        );
    }
    let clip = |t: &str| -> String { if t.chars().count() > 60 { t.chars().take(57).collect::<String>() + "..." } else { t.into() } };
    for b in doc.displays() {
        let page = b.source.first().map_or_else(|| "p.?".to_string(), |p| format!("p.{}", p.page));
        if let Some(f) = &b.figure {
            let pic = if b.source.is_empty() { ", no picture found" } else { "" };
            let _ = writeln!(
                o,
                "figure     {} {page}: {} ({} line(s) of figure text{pic})",
                f.label.as_deref().unwrap_or("(unlabelled)"),
                clip(&b.text()),
                f.inner_text.len()
            );
        }
        if let Some(t) = &b.table {
            let cols = t.rows.iter().map(|r| r.iter().map(|c| usize::from(c.colspan)).sum::<usize>()).max().unwrap_or(0);
            let _ = writeln!(
                o,
                "table      {} {page}: {} ({} x {}, {} header row(s){}{})",
                t.label.as_deref().unwrap_or("(unlabelled)"),
                clip(&b.text()),
                t.rows.len(),
                cols,
                t.header_rows,
                if t.ruled { ", ruled" } else { "" },
                if t.notes.is_empty() { String::new() } else { format!(", {} note line(s)", t.notes.len()) }
            );
        }
    }
    let _ = writeln!(o, "footnotes  {}", doc.footnotes.len());
    let _ = writeln!(o, "references {}", doc.references.len());
    let with_doi = doc.references.iter().filter(|r| r.doi.is_some()).count();
    if with_doi > 0 {
        let _ = writeln!(o, "  with DOI {with_doi}");
    }
    let fields = doc.colophon.fields();
    if fields.is_empty() {
        let _ = writeln!(o, "colophon   (none found)");
    } else {
        let _ = writeln!(o, "colophon");
        for (k, v) in fields {
            let v: String = if v.chars().count() > 60 { v.chars().take(57).collect::<String>() + "..." } else { v.into() };
            let _ = writeln!(o, "  {k:<11} {v}");
        }
    }
    let _ = writeln!(o, "furniture  {} item(s) kept out of the body", doc.furniture.len());
    o
}

/// Each page's text blocks in reading order, with their column, box, size and first words,
/// and under each the role its lines took in the tree and the evidence that decided it.
pub fn layout_outline(layout: &Layout) -> String {
    let mut o = String::new();
    let roles = crate::normalise::block_roles(layout);
    let mut global = 0usize;
    for p in &layout.pages {
        let _ = writeln!(o, "page {} ({:.0} x {:.0} pt), {} block(s)", p.number, p.width, p.height, p.blocks.len());
        if !p.graphics.is_empty() {
            let n = |k: fn(&GraphicKind) -> bool| p.graphics.iter().filter(|g| k(&g.kind)).count();
            let _ = writeln!(
                o,
                "  graphics: {} image(s), {} stroked path(s), {} filled path(s)",
                n(|k| matches!(k, GraphicKind::Image { .. })),
                n(|k| matches!(k, GraphicKind::Stroke)),
                n(|k| matches!(k, GraphicKind::Fill))
            );
            for g in p.graphics.iter().filter(|g| matches!(g.kind, GraphicKind::Image { .. })) {
                let r = g.bbox;
                let _ = writeln!(o, "    image [{:>5.0} {:>5.0} {:>5.0} {:>5.0}]", r.x0, r.y0, r.x1, r.y1);
            }
        }
        for (i, b) in p.blocks.iter().enumerate() {
            let size = b.lines.first().and_then(|l| l.words.first()).map_or(0.0, |w| w.size);
            let font = b
                .lines
                .first()
                .and_then(|l| l.words.first())
                .and_then(|w| layout.fonts.get(w.font as usize))
                .map_or("", |f| f.name.as_str());
            let text = b.text().replace('\n', " / ");
            let text: String = if text.chars().count() > 90 { text.chars().take(87).collect::<String>() + "..." } else { text };
            let _ = writeln!(
                o,
                "  {i:>3} col{} [{:>5.0} {:>5.0} {:>5.0} {:>5.0}] {size:>4.1}pt {font} {} line(s): {text}",
                b.column,
                b.bbox.x0,
                b.bbox.y0,
                b.bbox.x1,
                b.bbox.y1,
                b.lines.len()
            );
            if let Some(r) = roles.get(global).filter(|r| !r.is_empty()) {
                let _ = writeln!(o, "        -> {r}");
            }
            global += 1;
        }
    }
    let s = &layout.stats;
    let _ = writeln!(o, "glyphs {} ({} without Unicode, {} invisible)", s.glyphs, s.unmapped_glyphs, s.invisible_glyphs);
    o
}
