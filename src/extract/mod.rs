//! Reading a PDF: positioned text through lopdf. The only module that uses lopdf.
//!
//! [`extract`] runs in three steps: `load` opens the file (sniffing, repair, decryption,
//! limits), `glyphs` interprets each page's content stream into positioned [`Glyph`]s
//! through the font layer in `fonts`, and `lines` groups glyphs into words, lines and
//! blocks and orders them for reading.

use crate::error::{Result, Warned};
use crate::layout::{Layout, Rect};

/// Settings for reading a PDF.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// The user password of an encrypted PDF; the empty password is always tried.
    pub password: Option<String>,
}

/// One glyph as drawn on a page, in the layout's coordinates (top-left origin, y down).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Glyph {
    /// Its Unicode text: usually one character, several for a ligature, " " for a space.
    pub text: String,
    /// The box from the font's descent to its ascent, across the glyph's advance.
    pub bbox: Rect,
    /// The baseline's y position.
    pub baseline: f32,
    /// Index into [`Layout::fonts`].
    pub font: u32,
    /// Font size as drawn, in points.
    pub size: f32,
    /// Whether it is drawn invisibly (render mode 3).
    pub invisible: bool,
    /// Whether the text runs upright (left to right along x); false for rotated or vertical text.
    pub upright: bool,
}

/// The glyphs of one page, in content-stream order.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageGlyphs {
    /// Page number, counting from 1.
    pub number: u32,
    /// Width of the visible area, in points.
    pub width: f32,
    /// Height of the visible area, in points.
    pub height: f32,
    /// Glyphs in the order they are drawn.
    pub glyphs: Vec<Glyph>,
}

/// Reads a PDF and returns its positioned text in reading order.
pub fn extract(pdf: &[u8], _opts: &ExtractOptions) -> Result<Warned<Layout>> {
    let _ = pdf;
    todo!("extraction")
}
