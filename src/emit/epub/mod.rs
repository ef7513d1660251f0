//! EPUB 3.

use crate::error::Result;
use crate::tree::Document;

/// Settings for the EPUB writer.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct EpubOptions {}

/// Writes the document as an EPUB 3 book.
pub fn epub(doc: &Document, _opts: &EpubOptions) -> Result<Vec<u8>> {
    let _ = doc;
    todo!("EPUB writer")
}
