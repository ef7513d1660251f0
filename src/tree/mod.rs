//! The document model: one structured tree that every writer reads.
//!
//! The tree mirrors the ground-truth schema (`shared/spec/truth-schema.md`) so that a
//! converted document can be compared with its truth field by field. It depends on
//! nothing else in the crate: the writers in [`crate::emit`] read it, and
//! [`normalise()`](crate::normalise()) builds it.

mod back;
mod body;
mod float;
mod front;

pub use back::{Colophon, Footnote, Furniture, FurnitureKind, Reference, ReferenceKind};
pub use body::{box_runs, Anchor, Block, BlockKind, Inline, LangSpan, Link, Section};
pub use float::{Cell, Figure, Image, Table};
pub use front::{Author, Date, FrontMatter, PersonName};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the tree's JSON form; bumped whenever a field changes meaning or shape.
pub const SCHEMA_VERSION: u32 = 8;

/// A converted publication: everything quire understood of one PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Version of this JSON form ([`SCHEMA_VERSION`] when written by this crate).
    pub schema_version: u32,
    /// Facts about the source PDF itself.
    pub source: SourceInfo,
    /// Main language of the text as a BCP 47 tag, such as `en`.
    pub lang: String,
    /// Title block and other metadata of the publication.
    pub front: FrontMatter,
    /// Sections in reading order, flat; nesting is given by each section's level.
    pub sections: Vec<Section>,
    /// Footnotes and endnotes, in the order they are called.
    pub footnotes: Vec<Footnote>,
    /// The reference list, in printed order.
    pub references: Vec<Reference>,
    /// Disclaimer and publisher details printed at the end.
    pub colophon: Colophon,
    /// Running heads, running feet and page numbers: printed, but not content.
    pub furniture: Vec<Furniture>,
}

/// Facts about the PDF a document was read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// Number of pages in the source PDF.
    pub pages: u32,
    /// The PDF's `/Producer`, when it names one.
    pub producer: Option<String>,
    /// The name the document was converted under (its file name without `.pdf`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The printed label of each page ("i", "1", "A-3") from the PDF's `/PageLabels`, one
    /// per page in page order; empty when the PDF has none (then a page's label is its number).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_labels: Vec<String>,
}

impl SourceInfo {
    /// The printed label of `page` (counting from 1): its `/PageLabels` label, else its number.
    ///
    /// An empty label (a range with neither style nor prefix) also falls back to the number,
    /// so that every page can be named to a reader.
    pub fn page_label(&self, page: u32) -> String {
        let given = page.checked_sub(1).and_then(|i| self.page_labels.get(i as usize));
        match given.map(|l| l.trim()).filter(|l| !l.is_empty()) {
            Some(l) => l.to_string(),
            None => page.to_string(),
        }
    }
}

/// Where a piece of content was printed in the source PDF.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Provenance {
    /// Page number, counting from 1 in PDF page order (not the printed folio).
    pub page: u32,
    /// Bounding box on that page, in points from the top-left corner.
    pub bbox: BoxPt,
}

/// A rectangle in points, origin at the page's top-left corner, y growing downward.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BoxPt {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Document {
    /// An empty document carrying the current schema version.
    pub fn new() -> Self {
        Document { schema_version: SCHEMA_VERSION, lang: "en".into(), ..Default::default() }
    }

    /// The short title for running heads and file metadata: the title, else "Untitled".
    pub fn display_title(&self) -> &str {
        self.front.title.as_deref().or(self.source.name.as_deref()).unwrap_or("Untitled")
    }

    /// The folder, beside the outputs, that holds the pictures of figures and tables:
    /// the document's name, else `figures`.
    ///
    /// JATS refers to a picture as `ASSET_DIR/FILE`; the files are written to
    /// `OUT_DIR/ASSET_DIR/FILE` beside `OUT_DIR/NAME.xml`.
    pub fn asset_dir(&self) -> &str {
        self.source.name.as_deref().filter(|n| !n.is_empty()).unwrap_or("figures")
    }

    /// The figures and tables of the body, in reading order.
    pub fn displays(&self) -> impl Iterator<Item = &Block> + '_ {
        self.sections.iter().flat_map(|s| s.blocks.iter()).filter(|b| b.is_display())
    }

    /// Whether any text in the tree is written in Hangul.
    ///
    /// Writers use it to mark Korean passages and to choose a font that covers them.
    pub fn has_hangul(&self) -> bool {
        let mut found = false;
        self.visit_text(&mut |s| found = found || s.chars().any(is_hangul));
        found
    }

    /// Calls `f` on the target of every link in the body's blocks, inside spans too.
    pub fn each_link_target_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        for b in self.sections.iter_mut().flat_map(|s| s.blocks.iter_mut()) {
            Inline::each_link_target_mut(&mut b.content, f);
        }
    }

    /// Calls `f` on every piece of text in the tree, in reading order.
    pub fn visit_text(&self, f: &mut dyn FnMut(&str)) {
        let fm = &self.front;
        for s in [&fm.series, &fm.publisher, &fm.title, &fm.subtitle].into_iter().flatten() {
            f(s);
        }
        for a in &fm.authors {
            f(&a.given.clone().unwrap_or_default());
            f(&a.surname);
            if let Some(b) = &a.bio {
                f(b);
            }
        }
        for p in fm.abstract_paras.iter().flatten() {
            f(p);
        }
        for s in &self.sections {
            if let Some(t) = &s.title {
                f(t);
            }
            for b in &s.blocks {
                f(&b.text());
                if let Some(fig) = &b.figure {
                    fig.inner_text.iter().for_each(|t| f(t));
                }
                if let Some(t) = &b.table {
                    t.rows.iter().flatten().for_each(|c| f(&c.text));
                    t.notes.iter().for_each(|n| f(n));
                }
            }
        }
        for n in &self.footnotes {
            f(&n.text);
        }
        for r in &self.references {
            f(&r.raw);
        }
        for v in self.colophon.fields().into_iter().map(|(_, v)| v) {
            f(v);
        }
    }
}

/// The JSON Schema of the tree's JSON form (draft 2020-12), pretty-printed.
pub fn json_schema() -> String {
    let mut s = serde_json::to_string_pretty(&schemars::schema_for!(Document)).expect("a schema always serialises");
    s.push('\n');
    s
}

/// Whether `c` is a Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_document_carries_schema_version() {
        assert_eq!(Document::new().schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn hangul_is_detected_anywhere_in_the_tree() {
        let mut d = Document::new();
        assert!(!d.has_hangul());
        d.footnotes.push(Footnote { label: "1".into(), text: "김정은".into(), source: vec![] });
        assert!(d.has_hangul());
    }

    #[test]
    fn page_labels_fall_back_to_page_numbers() {
        let mut s = SourceInfo { pages: 3, ..Default::default() };
        assert_eq!(s.page_label(2), "2");
        s.page_labels = vec!["i".into(), " ".into(), "1".into()];
        assert_eq!([s.page_label(1), s.page_label(2), s.page_label(3), s.page_label(4)], ["i", "2", "1", "4"]);
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let mut d = Document::new();
        d.front.title = Some("A title".into());
        d.source.page_labels = vec!["i".into(), "1".into()];
        d.sections.push(Section {
            level: 1,
            title: None,
            blocks: vec![Block::paragraph("Hello", vec![])],
            source: vec![],
        });
        let json = serde_json::to_string(&d).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(d, back);
    }
}
