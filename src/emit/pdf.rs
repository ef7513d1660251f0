//! The reflowed PDF: the content re-typeset for small screens.

use crate::error::{Result, Warned};
use crate::tree::Document;

/// Page sizes for the reflowed edition.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// ISO A5, 148 × 210 mm.
    #[default]
    A5,
    /// ISO A6, 105 × 148 mm.
    A6,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// Trade paperback, 6 × 9 in.
    SixByNine,
    /// A phone screen, about 90 × 160 mm.
    Phone,
}

/// Settings for the reflowed PDF.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct PdfOptions {
    /// The page size.
    pub page: PageSize,
}

/// Writes the document as a reflowed PDF.
pub fn pdf(doc: &Document, _opts: &PdfOptions) -> Result<Warned<Vec<u8>>> {
    let _ = doc;
    todo!("PDF writer")
}
