//! The tree as JSON.

use crate::tree::Document;

/// Serialises the tree as pretty-printed JSON carrying its schema version.
pub fn json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(doc).expect("the tree always serialises");
    s.push('\n');
    s
}
