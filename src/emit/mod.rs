//! Writers: each turns a [`Document`] tree into one output format, from the tree alone.

mod display;
mod epub;
mod inline;
mod jats;
mod json;
mod pdf;

pub use epub::{epub, EpubOptions};
pub use jats::{jats, JatsOptions};
pub use json::json;
pub use pdf::{pdf, PageSize, PdfOptions};
pub(crate) use pdf::pdf_with;

#[allow(unused_imports)]
use crate::tree::Document;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JATS 1.3 Archiving XML.
    Jats,
    /// EPUB 3.
    Epub,
    /// A reflowed PDF for small screens.
    Pdf,
    /// The document tree as JSON.
    Json,
}

impl Format {
    /// Every format, in the order outputs are written.
    pub const ALL: [Format; 4] = [Format::Jats, Format::Epub, Format::Pdf, Format::Json];

    /// The file extension of this format's output, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jats => "xml",
            Format::Epub => "epub",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }

    /// The format's name as the command line spells it (`jats`, `epub`, `pdf`, `json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Jats => "jats",
            Format::Epub => "epub",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown format '{s}' (expected jats, epub, pdf or json)"))
    }
}
