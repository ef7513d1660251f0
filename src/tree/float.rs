//! Figures and tables: displays that sit in reading order inside a section.
//!
//! A figure or table is a [`Block`](super::Block) of kind `Figure` or `Table`: its
//! `content` is the caption without the label, its `source` the region printed, and
//! the parts below hold the rest.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A chart, diagram, photo or infographic printed as a unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    /// The label as printed, such as "Figure 2" or "Fig. 3", without the punctuation
    /// after it; `None` when none is printed.
    pub label: Option<String>,
    /// A description of the picture for readers who cannot see it; `None` when nothing
    /// but the caption describes it.
    pub alt: Option<String>,
    /// Text printed inside the figure (axis labels, legends, callouts), in reading order.
    ///
    /// Not body text: kept so that search and the round-trip check still find it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inner_text: Vec<String>,
    /// The picture; `None` until rendered, or when it could not be.
    pub image: Option<Image>,
}

/// A grid of cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// The label as printed, such as "Table 1", without the punctuation after it; `None`
    /// when none is printed.
    pub label: Option<String>,
    /// Rows from top to bottom, header rows first.
    ///
    /// As in HTML, a row holds the cells that start in it: a position covered by a span
    /// from a cell above or to the left has no cell of its own.
    pub rows: Vec<Vec<Cell>>,
    /// How many leading rows are header rows.
    pub header_rows: usize,
    /// Notes and source lines printed under the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Whether the grid was read from printed rules, rather than from how the text aligns.
    pub ruled: bool,
    /// The source table as a picture, for an output too narrow to set it as a table;
    /// `None` unless one was made.
    pub image: Option<Image>,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The cell's text; empty for an empty cell.
    pub text: String,
    /// How many columns it covers (1 for a plain cell).
    pub colspan: u16,
    /// How many rows it covers (1 for a plain cell).
    pub rowspan: u16,
}

impl Cell {
    /// A cell covering one row and one column.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), colspan: 1, rowspan: 1 }
    }
}

/// A picture made for a figure or table, written beside the outputs as a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Image {
    /// The file's name, such as `fig-1.png`; outputs refer to the picture by it.
    pub file: String,
    /// Its media type: `image/png` or `image/jpeg`.
    pub media_type: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution it was made at, in pixels per inch of the printed page.
    pub dpi: f32,
    /// The encoded picture.
    ///
    /// Not part of the JSON form: the file of that name beside the outputs holds it.
    #[serde(skip)]
    #[schemars(skip)]
    pub data: Vec<u8>,
}
