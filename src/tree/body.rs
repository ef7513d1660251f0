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
    /// The box (a sidebar, call-out, tip or summary box) the block is printed in, if any.
    ///
    /// Boxes are numbered from 1 in reading order; blocks next to each other with the same
    /// number form one box, so that a box reads as one aside wherever it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boxed: Option<u32>,
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
    /// The title of a box, printed as a heading inside it; it opens its box's blocks.
    BoxTitle,
}

/// A piece of a block's content.
///
/// Spans hold inlines, so they nest: a link over an italic title is a `Link` holding an
/// `Emphasis`. Styling is relative to the block's own type: a block set all in italics
/// has no `Emphasis` span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// A call to a footnote: the index into [`crate::tree::Document::footnotes`].
    NoteCall(usize),
    /// Text set in italics against upright text (titles of works, foreign words, stress).
    Emphasis(Vec<Inline>),
    /// Text set in bold against regular text (a run-in lead-in, a key term).
    Strong(Vec<Inline>),
    /// Text set in small capitals.
    SmallCaps(Vec<Inline>),
    /// Raised, smaller text that is not a note call (units, ordinals: m², 1st).
    Superscript(Vec<Inline>),
    /// Lowered, smaller text (chemical formulae, indices: CO₂, a₁).
    Subscript(Vec<Inline>),
    /// Text set in a fixed-pitch face (code, commands, identifiers).
    Monospace(Vec<Inline>),
    /// Text that the PDF links to a web address or a place in the document.
    Link(Link),
    /// Text in another language than the block's.
    Lang(LangSpan),
}

/// A link over some text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    /// Where it points: a URI (`https://…`, `mailto:…`); `#ref-N`, `#fig-N` or `#table-N`
    /// for the Nth reference, figure or table of this tree (from 1, in document order); or
    /// `#page-N` for page N of the source PDF when the link opens on other text.
    pub target: String,
    /// The linked text.
    pub content: Vec<Inline>,
}

/// What a link inside the document can point at, each counted from 1 in document order;
/// the link's target is `#` and its [`Anchor::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The Nth figure.
    Figure(u32),
    /// The Nth table.
    Table(u32),
    /// The Nth entry of the reference list.
    Reference(u32),
}

impl Anchor {
    /// The id writers give the element and links point to (`fig-2`, `table-1`, `ref-12`).
    pub fn id(self) -> String {
        match self {
            Anchor::Figure(n) => format!("fig-{n}"),
            Anchor::Table(n) => format!("table-{n}"),
            Anchor::Reference(n) => format!("ref-{n}"),
        }
    }

    /// The anchor an id names, when it names one: the inverse of [`Anchor::id`].
    pub fn parse(id: &str) -> Option<Anchor> {
        let (kind, digits) = id.rsplit_once('-')?;
        let n = digits.parse::<u32>().ok().filter(|&n| n > 0 && digits.bytes().all(|b| b.is_ascii_digit()))?;
        match kind {
            "fig" => Some(Anchor::Figure(n)),
            "table" => Some(Anchor::Table(n)),
            "ref" => Some(Anchor::Reference(n)),
            _ => None,
        }
    }
}

/// Text in a language of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LangSpan {
    /// Its language as a BCP 47 tag, such as `ko`.
    pub lang: String,
    /// The text.
    pub content: Vec<Inline>,
}

impl Inline {
    /// The inlines a span holds; empty for text and note calls.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Text(_) | Inline::NoteCall(_) => &[],
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::SmallCaps(c) | Inline::Superscript(c) | Inline::Subscript(c) | Inline::Monospace(c) => c,
            Inline::Link(l) => &l.content,
            Inline::Lang(l) => &l.content,
        }
    }

    /// The inlines a span holds, to change; empty for text and note calls.
    pub fn children_mut(&mut self) -> &mut [Inline] {
        self.span_mut().map_or(&mut [], |c| c.as_mut_slice())
    }

    /// The list of inlines a span holds, to change or add to; `None` for text and note calls.
    pub fn span_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Text(_) | Inline::NoteCall(_) => None,
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::SmallCaps(c) | Inline::Superscript(c) | Inline::Subscript(c) | Inline::Monospace(c) => Some(c),
            Inline::Link(l) => Some(&mut l.content),
            Inline::Lang(l) => Some(&mut l.content),
        }
    }

    /// Calls `f` on the note index of every note call in `inlines`, inside spans too.
    pub fn each_call_mut(inlines: &mut [Inline], f: &mut dyn FnMut(&mut usize)) {
        for i in inlines {
            match i {
                Inline::NoteCall(n) => f(n),
                Inline::Text(_) => {}
                span => Inline::each_call_mut(span.children_mut(), f),
            }
        }
    }

    /// Calls `f` on the target of every link in `inlines`, inside spans too.
    pub fn each_link_target_mut(inlines: &mut [Inline], f: &mut dyn FnMut(&mut String)) {
        for i in inlines {
            if let Inline::Link(l) = i {
                f(&mut l.target);
            }
            Inline::each_link_target_mut(i.children_mut(), f);
        }
    }

    /// Appends the text of `inlines`, spans flattened and note calls left out, to `out`.
    pub fn push_text(inlines: &[Inline], out: &mut String) {
        for i in inlines {
            match i {
                Inline::Text(t) => out.push_str(t),
                Inline::NoteCall(_) => {}
                span => Inline::push_text(span.children(), out),
            }
        }
    }

    /// The text and note calls of `inlines` in order, spans flattened.
    pub fn leaves(inlines: &[Inline]) -> Vec<&Inline> {
        let mut out = Vec::new();
        fn walk<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Inline>) {
            for i in inlines {
                match i {
                    Inline::Text(_) | Inline::NoteCall(_) => out.push(i),
                    span => walk(span.children(), out),
                }
            }
        }
        walk(inlines, &mut out);
        out
    }

    /// Appends the note calls in `inlines`, in order and inside spans too, to `out`.
    pub fn push_calls(inlines: &[Inline], out: &mut Vec<usize>) {
        for i in inlines {
            match i {
                Inline::NoteCall(n) => out.push(*n),
                Inline::Text(_) => {}
                span => Inline::push_calls(span.children(), out),
            }
        }
    }
}

impl Block {
    /// A paragraph of plain text.
    pub fn paragraph(text: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Paragraph, content: vec![Inline::Text(text.into())], source, ..Default::default() }
    }

    /// A figure block: the figure with its caption.
    pub fn figure(figure: Figure, caption: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Figure, content: caption_inlines(caption), source, figure: Some(Box::new(figure)), table: None, boxed: None }
    }

    /// A table block: the table with its caption.
    pub fn table(table: Table, caption: &str, source: Vec<Provenance>) -> Block {
        Block { kind: BlockKind::Table, content: caption_inlines(caption), source, figure: None, table: Some(Box::new(table)), boxed: None }
    }

    /// Whether it is a figure or a table rather than running text.
    pub fn is_display(&self) -> bool {
        matches!(self.kind, BlockKind::Figure | BlockKind::Table)
    }

    /// The block's text without its footnote calls, spans flattened.
    pub fn text(&self) -> String {
        let mut s = String::new();
        Inline::push_text(&self.content, &mut s);
        s
    }

    /// The indices of the footnotes this block calls, in order.
    pub fn note_calls(&self) -> impl Iterator<Item = usize> + '_ {
        let mut calls = Vec::new();
        Inline::push_calls(&self.content, &mut calls);
        calls.into_iter()
    }
}

/// Splits `blocks` into runs in reading order: the blocks of one box, or blocks in no box.
///
/// Writers set each box as one aside; its blocks keep their kinds inside it.
pub fn box_runs(blocks: &[Block]) -> Vec<(Option<u32>, &[Block])> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=blocks.len() {
        if i == blocks.len() || blocks[i].boxed != blocks[start].boxed {
            runs.push((blocks[start].boxed, &blocks[start..i]));
            start = i;
        }
    }
    runs
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

    #[test]
    fn box_runs_keep_each_box_whole_and_in_order() {
        let mut blocks: Vec<Block> = (0..5).map(|i| Block::paragraph(&i.to_string(), vec![])).collect();
        blocks[1].boxed = Some(1);
        blocks[2].boxed = Some(1);
        blocks[3].boxed = Some(2);
        let runs: Vec<(Option<u32>, usize)> = box_runs(&blocks).into_iter().map(|(b, r)| (b, r.len())).collect();
        assert_eq!(runs, vec![(None, 1), (Some(1), 2), (Some(2), 1), (None, 1)]);
        assert!(box_runs(&[]).is_empty());
    }
}
