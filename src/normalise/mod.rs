//! Building the document tree from positioned text.

use crate::error::Warned;
use crate::layout::Layout;
use crate::tree::Document;

/// Settings for building the tree.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct NormaliseOptions {}

/// Builds the document tree from a layout; undecided cases fall back and warn.
pub fn normalise(layout: &Layout, _opts: &NormaliseOptions) -> Warned<Document> {
    let _ = layout;
    Warned { output: Document::new(), warnings: vec![] }
}

#[allow(dead_code)]
mod back;
