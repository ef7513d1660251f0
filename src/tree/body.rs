//! The body: sections and the blocks they hold.

use super::Provenance;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A section: an optional heading and the blocks under it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Heading level: 1 for a top-level section, 2 for a subsection, and so on.
    pub level: u8,
    /// Heading text; `None` for the untitled opening section.
    pub title: Option<String>,
    /// Paragraphs, list items and quotes, in reading order.
    pub blocks: Vec<Block>,
    /// Where the heading was printed (empty for an untitled section).
    pub source: Vec<Provenance>,
}

/// One block of body text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The text with footnote calls in place.
    pub content: Vec<Inline>,
    /// Where the block was printed; several boxes when it runs over a column or page break.
    pub source: Vec<Provenance>,
}

/// The kinds of body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// One item of a bulleted or numbered list (the bullet or number is not in the text).
    ListItem,
    /// A block quotation.
    Quote,
}

/// A piece of a block's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// A call to a footnote: the index into [`crate::tree::Document::footnotes`].
    NoteCall(usize),
}

impl Block {
    /// A paragraph of plain text.
    pub fn paragraph(text: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Paragraph, content: vec![Inline::Text(text.into())], source }
    }

    /// The block's text without its footnote calls.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for i in &self.content {
            if let Inline::Text(t) = i {
                s.push_str(t);
            }
        }
        s
    }

    /// The indices of the footnotes this block calls, in order.
    pub fn note_calls(&self) -> impl Iterator<Item = usize> + '_ {
        self.content.iter().filter_map(|i| match i {
            Inline::NoteCall(n) => Some(*n),
            Inline::Text(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_text_leaves_out_note_calls() {
        let b = Block {
            kind: BlockKind::Paragraph,
            content: vec![Inline::Text("Seen here.".into()), Inline::NoteCall(0), Inline::Text(" Then".into())],
            source: vec![],
        };
        assert_eq!(b.text(), "Seen here. Then");
        assert_eq!(b.note_calls().collect::<Vec<_>>(), vec![0]);
    }
}
