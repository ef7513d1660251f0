//! JATS 1.3 Archiving XML, following `shared/spec/jats-profile.md`.

use crate::error::Result;
use crate::tree::Document;

/// Settings for the JATS writer.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct JatsOptions {}

/// Writes the document as JATS 1.3 Archiving XML.
pub fn jats(doc: &Document, _opts: &JatsOptions) -> Result<Vec<u8>> {
    let _ = doc;
    todo!("JATS writer")
}
