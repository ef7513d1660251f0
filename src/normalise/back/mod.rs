//! Back matter: the reference list, author bios, disclaimer and colophon.
//!
//! The body builder hands over the lines that follow the body (furniture already
//! removed); this module finds where the back matter starts and reads it.

use crate::error::Warning;
use crate::layout::Rect;
use crate::tree::{Author, Colophon, Date, Reference};

/// One printed line offered to the back-matter reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackLine {
    /// The line's text as printed (a line-end hyphen is kept).
    pub text: String,
    /// Page number, counting from 1.
    pub page: u32,
    /// Where the line was printed.
    pub bbox: Rect,
    /// Dominant font size, in points.
    pub size: f32,
    /// Whether most of the line is bold.
    pub bold: bool,
    /// Whether most of the line is italic.
    pub italic: bool,
    /// Whether the line starts a new layout block.
    pub block_start: bool,
}

/// What the back matter holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackMatter {
    /// The reference list, in printed order.
    pub references: Vec<Reference>,
    /// Disclaimer and publisher details.
    pub colophon: Colophon,
    /// Bios found, as (index into the authors given, bio text).
    pub bios: Vec<(usize, String)>,
    /// ISBN or similar identifier printed in the colophon.
    pub isbn: Option<String>,
    /// Date of issue printed in the colophon.
    pub date: Option<Date>,
    /// Publisher name, when the back matter names it.
    pub publisher: Option<String>,
    /// Warnings for cases that could not be decided.
    pub warnings: Vec<Warning>,
}

/// Index of the first line of back matter (reference heading, bio, disclaimer, colophon), if any.
///
/// A "Notes" heading is not back matter here: endnotes belong to the body builder.
pub(crate) fn find_start(lines: &[BackLine]) -> Option<usize> {
    let _ = lines;
    None
}

/// Reads the back matter from its lines; `authors` are those of the front matter, for bios.
pub(crate) fn read(lines: &[BackLine], authors: &[Author]) -> BackMatter {
    let _ = (lines, authors);
    BackMatter::default()
}
