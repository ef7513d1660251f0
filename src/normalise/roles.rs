//! The role of every printed line, as the passes claim it, settled in one place.
//!
//! Each pass (furniture, figures and tables, front matter, notes, body, back matter)
//! proposes a role for the lines it read, with the evidence that decided it. [`RoleTable::settle`]
//! keeps one claim per line, the first pass's in the order of [`Pass`]; a line no pass
//! claims is kept as a paragraph at its place, so no text is lost. `quire inspect --roles`
//! prints the settled table, and `quire inspect --layout` each block's roles.

use crate::tree::FurnitureKind;
use std::fmt;

/// What a printed line is in the publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Running heads and feet, page numbers, contents, masthead lines.
    Furniture(FurnitureKind),
    /// A line of the title block: series, title, subtitle, authors, affiliations, date, abstract.
    Front,
    /// A caption, a label or text inside a figure, or a table cell.
    Float,
    /// A section heading of this level.
    Heading(u8),
    /// A line of a body paragraph.
    Paragraph,
    /// A line of a list item.
    ListItem,
    /// A line of a block quotation.
    Quote,
    /// A label the text needs no block for ("Abstract" above the summary, "Contents").
    Label,
    /// The heading of a list of notes.
    NotesHeading,
    /// A line of a footnote or endnote.
    Note,
    /// A line of the reference list, or its heading.
    Reference,
    /// A line of an author's bio, or its heading.
    Bio,
    /// A line of the colophon: disclaimer, publisher, contacts, ISBN, date of issue.
    Colophon,
    /// A line no pass claimed, kept as a paragraph where it stands.
    Unclaimed,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::Furniture(k) => write!(f, "furniture ({})", furniture_name(*k)),
            Role::Front => f.write_str("front"),
            Role::Float => f.write_str("figure/table"),
            Role::Heading(n) => write!(f, "heading {n}"),
            Role::Paragraph => f.write_str("paragraph"),
            Role::ListItem => f.write_str("list item"),
            Role::Quote => f.write_str("quote"),
            Role::Label => f.write_str("label"),
            Role::NotesHeading => f.write_str("notes heading"),
            Role::Note => f.write_str("note"),
            Role::Reference => f.write_str("reference"),
            Role::Bio => f.write_str("bio"),
            Role::Colophon => f.write_str("colophon"),
            Role::Unclaimed => f.write_str("unclaimed"),
        }
    }
}

fn furniture_name(k: FurnitureKind) -> &'static str {
    match k {
        FurnitureKind::RunningHead => "running head",
        FurnitureKind::RunningFoot => "running foot",
        FurnitureKind::PageNumber => "page number",
        FurnitureKind::Contents => "contents",
        FurnitureKind::Masthead => "masthead",
    }
}

/// The passes that claim lines, in the order their claims win.
///
/// Furniture and figures come first because their evidence (repetition over pages,
/// graphics) holds whatever the text says; the body's claims win over the leftover rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Pass {
    /// Repetition at the page edges, page numbers, tagged artifacts, contents.
    Furniture,
    /// Graphics regions and captions: figures and tables.
    Floats,
    /// The title block and the imprint on its verso.
    Front,
    /// Note areas at page feet and under "Notes" headings.
    Notes,
    /// Headings, paragraphs, lists and quotes by style, numbering and spacing.
    Body,
    /// References, bios and the colophon.
    Back,
    /// What nothing else took.
    Leftover,
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Pass::Furniture => "furniture",
            Pass::Floats => "floats",
            Pass::Front => "front",
            Pass::Notes => "notes",
            Pass::Body => "body",
            Pass::Back => "back",
            Pass::Leftover => "leftover",
        })
    }
}

/// One pass's proposal for one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Claim {
    /// The role proposed.
    pub role: Role,
    /// The pass that proposed it.
    pub pass: Pass,
    /// The evidence that decided it, in a few words.
    pub reason: &'static str,
}

/// The proposals for every line of the document, by line index.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleTable {
    proposals: Vec<Vec<Claim>>,
}

impl RoleTable {
    /// A table for `n` lines with no proposal yet.
    pub fn new(n: usize) -> RoleTable {
        RoleTable { proposals: vec![Vec::new(); n] }
    }

    /// Records that `pass` takes line `line` for `role`, because of `reason`.
    pub fn propose(&mut self, line: usize, role: Role, pass: Pass, reason: &'static str) {
        if let Some(p) = self.proposals.get_mut(line) {
            p.push(Claim { role, pass, reason });
        }
    }

    /// Drops every claim of `pass`, which is about to read its lines again.
    pub fn withdraw(&mut self, pass: Pass) {
        for p in &mut self.proposals {
            p.retain(|c| c.pass != pass);
        }
    }

    /// Whether some pass has claimed line `line`.
    pub fn claimed(&self, line: usize) -> bool {
        self.proposals.get(line).is_some_and(|p| !p.is_empty())
    }

    /// The claim that decides each line: the earliest pass's, and of one pass's claims its
    /// first.
    pub fn settle(&self) -> Vec<Option<Claim>> {
        self.proposals.iter().map(|p| p.iter().min_by_key(|c| c.pass).copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_pass_wins_and_unclaimed_lines_stay_open() {
        let mut t = RoleTable::new(3);
        t.propose(0, Role::Paragraph, Pass::Body, "body style");
        t.propose(0, Role::Furniture(FurnitureKind::RunningFoot), Pass::Furniture, "repeats at the page foot");
        t.propose(1, Role::Heading(2), Pass::Body, "numbered 2.1");
        t.propose(1, Role::Paragraph, Pass::Body, "later claim of the same pass");
        let s = t.settle();
        assert_eq!(s[0].map(|c| c.role), Some(Role::Furniture(FurnitureKind::RunningFoot)));
        assert_eq!(s[1].map(|c| c.reason), Some("numbered 2.1"));
        assert_eq!(s[2], None);
        assert!(t.claimed(1) && !t.claimed(2));
    }
}
