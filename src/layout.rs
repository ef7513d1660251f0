//! Positioned text: what [`extract()`](crate::extract()) reads from a PDF and [`normalise()`](crate::normalise()) reads.
//!
//! Coordinates are in points with the origin at the top-left corner of the page's
//! visible area (its crop box), y growing downward, whatever the page's rotation.

use serde::{Deserialize, Serialize};

/// The positioned text of a whole PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Pages in PDF order.
    pub pages: Vec<Page>,
    /// The fonts that words refer to by index.
    pub fonts: Vec<FontInfo>,
    /// The PDF's document information (`/Info` and catalog).
    pub info: PdfInfo,
    /// Counts that say how well the text could be read.
    pub stats: ExtractStats,
}

/// One page's text, grouped into blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Page number, counting from 1.
    pub number: u32,
    /// Width of the visible area, in points.
    pub width: f32,
    /// Height of the visible area, in points.
    pub height: f32,
    /// Text blocks in reading order.
    pub blocks: Vec<TextBlock>,
    /// Images and painted paths, in drawing order: the evidence for figures and tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub graphics: Vec<Graphic>,
    /// Link annotations, to web addresses and to places in the document: the box that is
    /// clicked and where it leads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkArea>,
}

/// A link annotation's clickable box and its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkArea {
    /// The box that is clicked.
    pub bbox: Rect,
    /// The URI it opens, or `#page-N` for page N of the document.
    pub target: String,
    /// Where on page N a link inside the document opens, when its destination says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot: Option<Spot>,
}

/// A place on a page that a link goes to, in layout space (points from the top-left).
///
/// A destination gives the top of the view it opens and often its left edge: the place
/// just above what the link points at (a figure, a reference, a heading).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spot {
    /// The left edge of the view, when the destination gives one.
    pub x: Option<f32>,
    /// The top edge of the view.
    pub y: f32,
}

/// Something drawn on a page that is not text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Graphic {
    /// The box it covers on the page, clipped to the page.
    pub bbox: Rect,
    /// What was drawn.
    pub kind: GraphicKind,
}

/// The kinds of [`Graphic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphicKind {
    /// A raster image: an image XObject (with its object number and generation) or an
    /// inline image (`None`).
    Image {
        /// The image XObject drawn, when it is one.
        object: Option<(u32, u16)>,
    },
    /// A path painted by stroking: a rule, a border, a curve.
    Stroke,
    /// A path painted by filling (stroked too, or not): a shaded box, a bar, an area.
    Fill,
}

/// A group of lines set together: a paragraph, a heading, a note, a running head.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TextBlock {
    /// The box around all its lines.
    pub bbox: Rect,
    /// Lines from top to bottom.
    pub lines: Vec<Line>,
    /// Index of the column it sits in, counting from 0 at the left; full-width blocks are 0.
    pub column: u16,
}

/// One printed line: words on a shared baseline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The box around all its words.
    pub bbox: Rect,
    /// The baseline's y position.
    pub baseline: f32,
    /// Words from left to right (for right-to-left scripts, in logical order).
    pub words: Vec<Word>,
}

/// A run of glyphs in one font and size with no gap inside.
///
/// A printed word split by a font change ("note¹") is several `Word`s, the later
/// ones with `space_before` false.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Word {
    /// The Unicode text, ligatures expanded.
    pub text: String,
    /// The box from the font's descent to its ascent.
    pub bbox: Rect,
    /// Index into [`Layout::fonts`].
    pub font: u32,
    /// Font size in points, as drawn (text matrix and CTM applied).
    pub size: f32,
    /// Whether a gap separates it from the previous word on the line.
    pub space_before: bool,
    /// Whether the text is drawn invisibly (render mode 3, as in OCR layers).
    pub invisible: bool,
    /// Whether a tagged PDF marks the text as an artifact: page furniture such as a running
    /// head or a page number, not content.
    #[serde(default)]
    pub artifact: bool,
    /// What a tagged PDF's structure tree says the word is part of, when it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
}

/// What a tagged PDF's structure tree says a piece of text is, in the standard structure
/// types (PDF 32000-1, 14.8.4); the outermost block-level element decides.
///
/// Evidence, not truth: tags written by conversion tools are often poor, so the structure
/// passes weigh them against the page's geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// A heading: H1–H6 give the level; a plain H is 0.
    Heading(u8),
    /// A paragraph (P).
    Paragraph,
    /// A list, a list item, its label or its body (L, LI, Lbl, LBody).
    ListItem,
    /// A footnote or endnote (Note).
    Note,
    /// An entry of a bibliography (BibEntry).
    Reference,
    /// A caption (Caption).
    Caption,
    /// Text inside a figure or formula (Figure, Formula).
    Figure,
    /// Text inside a table (Table and its rows and cells).
    Table,
    /// A block quotation (BlockQuote).
    Quote,
    /// A table of contents or one of its entries (TOC, TOCI).
    Contents,
}

/// What is known of a font from its dictionary and descriptor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FontInfo {
    /// The base font name without a subset prefix, such as "Times-Bold".
    pub name: String,
    /// Bold, from the descriptor's weight or flags, or the name.
    pub bold: bool,
    /// Italic or oblique, from the descriptor's flags or angle, or the name.
    pub italic: bool,
    /// Fixed-pitch.
    pub monospace: bool,
    /// Weight from 100 to 900, when known.
    pub weight: Option<u16>,
}

/// Document information from the PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PdfInfo {
    /// `/Title`.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/Producer`.
    pub producer: Option<String>,
    /// `/Creator`.
    pub creator: Option<String>,
    /// The catalog's `/Lang`.
    pub lang: Option<String>,
    /// The printed label of each page from the catalog's `/PageLabels` ("i", "1", "A-3"),
    /// one per page in page order; empty when the PDF has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_labels: Vec<String>,
}

/// Counts that say how well the text could be read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractStats {
    /// Glyphs drawn.
    pub glyphs: u64,
    /// Glyphs for which no Unicode value could be found.
    pub unmapped_glyphs: u64,
    /// Glyphs drawn invisibly.
    pub invisible_glyphs: u64,
}

/// A rectangle in points, origin at the page's top-left corner, y growing downward.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// Width.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect { x0: self.x0.min(o.x0), y0: self.y0.min(o.y0), x1: self.x1.max(o.x1), y1: self.y1.max(o.y1) }
    }

    /// The area covered; 0 for a rectangle turned inside out.
    pub fn area(&self) -> f32 {
        self.width().max(0.0) * self.height().max(0.0)
    }

    /// The area it shares with `o`.
    pub fn overlap(&self, o: &Rect) -> f32 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

impl Line {
    /// The line's text, words joined by a space where a gap separates them.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 && w.space_before {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

impl TextBlock {
    /// The block's text, lines joined by newlines.
    pub fn text(&self) -> String {
        self.lines.iter().map(Line::text).collect::<Vec<_>>().join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_the_shared_area() {
        let a = Rect { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
        let b = Rect { x0: 5.0, y0: 5.0, x1: 20.0, y1: 20.0 };
        assert_eq!(a.overlap(&b), 25.0);
        assert_eq!(a.overlap(&Rect { x0: 11.0, y0: 0.0, x1: 12.0, y1: 1.0 }), 0.0);
        assert_eq!(Rect { x0: 2.0, y0: 0.0, x1: 1.0, y1: 5.0 }.area(), 0.0);
    }

    fn word(t: &str, space_before: bool) -> Word {
        Word { text: t.into(), space_before, ..Default::default() }
    }

    #[test]
    fn line_text_joins_words_only_at_gaps() {
        let l = Line { words: vec![word("See", false), word("note", true), word("1", false)], ..Default::default() };
        assert_eq!(l.text(), "See note1");
    }
}
