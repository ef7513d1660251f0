//! The body: sections and the blocks they hold.

use super::{Figure, Provenance, Table};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A section: an optional heading and the blocks under it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// Heading level: 1 for a top-level section, 2 for a subsection, and so on.
    pub level: u8,
    /// Heading text; `None` for the untitled opening section.
    pub title: Option<String>,
    /// Paragraphs, list items, quotes, figures and tables, in reading order.
    pub blocks: Vec<Block>,
    /// Where the heading was printed (empty for an untitled section).
    pub source: Vec<Provenance>,
}

/// One block of the body: text, or a figure or table with its caption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Block {
    /// What kind of block this is.
    pub kind: BlockKind,
    /// The text with footnote calls in place; for a figure or table, its caption
    /// without the label (empty when none is printed).
    pub content: Vec<Inline>,
    /// Where the block was printed; several boxes when it runs over a column or page break.
    pub source: Vec<Provenance>,
    /// The figure itself, for a block of kind [`BlockKind::Figure`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<Box<Figure>>,
    /// The table itself, for a block of kind [`BlockKind::Table`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<Box<Table>>,
}

/// The kinds of body block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// An ordinary paragraph.
    #[default]
    Paragraph,
    /// One item of a bulleted or numbered list (the bullet or number is not in the text).
    ListItem,
    /// A block quotation.
    Quote,
    /// A figure: [`Block::figure`] holds it, the content is its caption.
    Figure,
    /// A table: [`Block::table`] holds it, the content is its caption.
    Table,
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
        Block { kind: BlockKind::Paragraph, content: vec![Inline::Text(text.into())], source, ..Default::default() }
    }

    /// A figure block: the figure with its caption.
    pub fn figure(figure: Figure, caption: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Figure, content: caption_inlines(caption), source, figure: Some(Box::new(figure)), table: None }
    }

    /// A table block: the table with its caption.
    pub fn table(table: Table, caption: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Table, content: caption_inlines(caption), source, figure: None, table: Some(Box::new(table)) }
    }

    /// Whether it is a figure or a table rather than running text.
    pub fn is_display(&self) -> bool {
        matches!(self.kind, BlockKind::Figure | BlockKind::Table)
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

fn caption_inlines(caption: &str) -> Vec<Inline> {
    if caption.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text(caption.into())]
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
            ..Default::default()
        };
        assert_eq!(b.text(), "Seen here. Then");
        assert_eq!(b.note_calls().collect::<Vec<_>>(), vec![0]);
    }
}
