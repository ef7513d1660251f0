//! Reading a PDF: positioned text through lopdf. The only module that uses lopdf.

use crate::error::{Result, Warned};
use crate::layout::Layout;

/// Settings for reading a PDF.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ExtractOptions {
    /// The user password of an encrypted PDF; the empty password is always tried.
    pub password: Option<String>,
}

/// Reads a PDF and returns its positioned text in reading order.
pub fn extract(pdf: &[u8], _opts: &ExtractOptions) -> Result<Warned<Layout>> {
    let _ = pdf;
    todo!("extraction")
}
