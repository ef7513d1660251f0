//! What every writer needs of a figure or table block: its id, its label and a name for it.
//!
//! The three writers number displays the same way (`fig-1`, `fig-2`…, `table-1`… in
//! document order), so a link or a report can name a display across the outputs.

use crate::tree::{Anchor, Block, BlockKind, Figure, Table};

/// Counts figures and tables as a writer meets them, in document order.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    figures: u32,
    tables: u32,
}

impl Numbering {
    /// The id of the next display of `b`'s kind (`fig-N` or `table-N`); `None` for text blocks.
    ///
    /// Call it once per display block, in document order.
    pub fn next(&mut self, b: &Block) -> Option<String> {
        match b.kind {
            BlockKind::Figure => {
                self.figures += 1;
                Some(Anchor::Figure(self.figures).id())
            }
            BlockKind::Table => {
                self.tables += 1;
                Some(Anchor::Table(self.tables).id())
            }
            _ => None,
        }
    }
}

/// The printed label of a figure or table block, trimmed, when it has one.
pub(crate) fn label(b: &Block) -> Option<&str> {
    let l = match b.kind {
        BlockKind::Figure => b.figure.as_ref().and_then(|f| f.label.as_deref()),
        BlockKind::Table => b.table.as_ref().and_then(|t| t.label.as_deref()),
        _ => None,
    };
    l.map(str::trim).filter(|l| !l.is_empty())
}

/// The block's figure, or an empty one when the tree left it out (a figure block
/// without its part still has a caption worth writing).
pub(crate) fn figure(b: &Block) -> std::borrow::Cow<'_, Figure> {
    match &b.figure {
        Some(f) => std::borrow::Cow::Borrowed(f),
        None => std::borrow::Cow::Owned(Figure::default()),
    }
}

/// The block's table, or an empty one when the tree left it out.
pub(crate) fn table(b: &Block) -> std::borrow::Cow<'_, Table> {
    match &b.table {
        Some(t) => std::borrow::Cow::Borrowed(t),
        None => std::borrow::Cow::Owned(Table::default()),
    }
}

/// The figure's own description, trimmed, when the tree has one.
pub(crate) fn alt(f: &Figure) -> Option<&str> {
    f.alt.as_deref().map(str::trim).filter(|a| !a.is_empty())
}

/// A name for the display when nothing else describes it: its label, else "Figure" or "Table".
pub(crate) fn name(b: &Block) -> String {
    match label(b) {
        Some(l) => l.to_string(),
        None if b.kind == BlockKind::Table => "Table".into(),
        None => "Figure".into(),
    }
}

/// Whether the document has any figure or table (writers add their float styles and
/// claims only then, so a text-only document is written exactly as before).
pub(crate) fn any(doc: &crate::tree::Document) -> bool {
    doc.displays().next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_tables_are_numbered_apart() {
        let mut n = Numbering::default();
        let fig = Block::figure(Figure::default(), "", vec![]);
        let tab = Block::table(Table::default(), "", vec![]);
        let ids: Vec<_> = [&fig, &tab, &fig, &Block::paragraph("x", vec![]), &tab].iter().map(|b| n.next(b)).collect();
        assert_eq!(
            ids,
            [Some("fig-1".into()), Some("table-1".into()), Some("fig-2".into()), None, Some("table-2".into())]
        );
    }

    #[test]
    fn name_falls_back_to_the_kind() {
        let mut f = Figure::default();
        assert_eq!(name(&Block::figure(f.clone(), "", vec![])), "Figure");
        f.label = Some(" Fig. 3 ".into());
        assert_eq!(name(&Block::figure(f, "", vec![])), "Fig. 3");
        assert_eq!(name(&Block::table(Table::default(), "", vec![])), "Table");
    }
}
