//! Back matter: notes, references, colophon, and the page furniture kept apart from the body.

use super::{PersonName, Provenance};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A footnote or endnote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Footnote {
    /// The mark printed at the call and before the note, such as "1" or "*".
    pub label: String,
    /// The note's text, without its mark.
    pub text: String,
    /// Where the note was printed.
    pub source: Vec<Provenance>,
}

/// One entry of the reference list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// The entry as printed, whole, including a `[n]` label or a repeated-author dash.
    pub raw: String,
    /// The printed label of a numbered entry, such as `1` for `[1]`.
    pub label: Option<String>,
    /// Authors (or editors when no author is named); a repeated-author dash is resolved here.
    pub authors: Vec<PersonName>,
    /// Whether the entry prints a dash in place of the authors of the entry above.
    pub repeated_authors: bool,
    /// Year of publication as printed, with any suffix such as "2024a".
    pub year: Option<String>,
    /// Title of the article, chapter or page.
    pub title: Option<String>,
    /// Where it was published: journal, book, site or newspaper.
    pub source: Option<String>,
    /// Volume number.
    pub volume: Option<String>,
    /// Issue number.
    pub issue: Option<String>,
    /// Page range with a plain hyphen, such as "502-525".
    pub pages: Option<String>,
    /// DOI without a resolver prefix, such as "10.1080/13523260.2019.1660483".
    pub doi: Option<String>,
    /// Web address other than a DOI link.
    pub url: Option<String>,
    /// What sort of work is cited, when the entry makes it clear.
    pub kind: Option<ReferenceKind>,
    /// Where the entry was printed.
    pub source_boxes: Vec<Provenance>,
    /// Stretches of `raw` printed in italics (a book's or journal's title), as byte ranges
    /// `[start, end)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub italic: Vec<(usize, usize)>,
}

/// The sort of work a reference cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// An article in a journal or magazine.
    Journal,
    /// A book or a chapter in one.
    Book,
    /// A web page or online news item.
    Webpage,
    /// A report or working paper.
    Report,
}

/// The publisher's details and disclaimer printed at the end of a publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Colophon {
    /// The institute's disclaimer, such as "… takes no institutional position …".
    pub disclaimer: Option<String>,
    /// Who typeset the publication.
    pub typeset_by: Option<String>,
    /// The contact for inquiries, with their role as printed.
    pub inquiries: Option<String>,
    /// The publisher's postal address.
    pub address: Option<String>,
    /// The publisher's telephone number.
    pub phone: Option<String>,
    /// The publisher's fax number.
    pub fax: Option<String>,
    /// The publisher's email address.
    pub email: Option<String>,
    /// The publisher's website.
    pub website: Option<String>,
    /// The series' ISSN as printed ("2765-4410"), print or electronic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issn: Option<String>,
    /// The publisher's number for the publication ("2024-07" of "Report No. 2024-07").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_number: Option<String>,
}

impl Colophon {
    /// The fields that are present, as (name, value) pairs in a fixed order.
    ///
    /// Names are those of the JATS profile's `custom-meta` (`typeset-by`, `phone`, …).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        [
            ("disclaimer", &self.disclaimer),
            ("typeset-by", &self.typeset_by),
            ("inquiries", &self.inquiries),
            ("address", &self.address),
            ("phone", &self.phone),
            ("fax", &self.fax),
            ("email", &self.email),
            ("website", &self.website),
            ("issn", &self.issn),
            ("report-number", &self.report_number),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }

    /// Whether no field is present.
    pub fn is_empty(&self) -> bool {
        self.fields().is_empty()
    }

    /// Fills each field still empty from `other`: a colophon printed in two places.
    pub fn fill_from(&mut self, other: Colophon) {
        let pairs = [
            (&mut self.disclaimer, other.disclaimer),
            (&mut self.typeset_by, other.typeset_by),
            (&mut self.inquiries, other.inquiries),
            (&mut self.address, other.address),
            (&mut self.phone, other.phone),
            (&mut self.fax, other.fax),
            (&mut self.email, other.email),
            (&mut self.website, other.website),
            (&mut self.issn, other.issn),
            (&mut self.report_number, other.report_number),
        ];
        for (mine, theirs) in pairs {
            if mine.is_none() {
                *mine = theirs;
            }
        }
    }
}

/// Text printed on a page that is not part of the content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Furniture {
    /// What it is.
    pub kind: FurnitureKind,
    /// The text as printed.
    pub text: String,
    /// Where it was printed.
    pub source: Provenance,
}

/// The kinds of page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// A running head at the top of the page.
    RunningHead,
    /// A running foot at the bottom of the page.
    RunningFoot,
    /// A printed page number.
    PageNumber,
    /// An entry, heading or instruction of a printed table of contents (the outputs build
    /// their own from the sections).
    Contents,
    /// A line of the first page's masthead above the title that no front-matter field took
    /// (a journal's header, a letterhead, a download stamp).
    Masthead,
}
