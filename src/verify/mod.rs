//! Trust but verify: read each output back, measure what text survived, and raise
//! quality flags a person can act on.
//!
//! [`round_trip`] reads the JATS, the EPUB's spine documents and the reflowed PDF (through
//! quire's own extractor) and compares their words with the tree's; it also compares the
//! tree with the source layout, to catch text the normaliser dropped. [`flags`] turns that
//! and other evidence (unmapped glyphs, OCR text, reading order, missing headings,
//! references or colophon fields) into [`Flag`]s for the archive index and the JSON report.

mod causes;
mod read;
mod structure;
mod words;

use crate::error::{Stage, Warning};
use crate::layout::{Layout, Rect};
use crate::tree::{Date, Document, Provenance};
use crate::{Format, Outputs};
use serde::Serialize;
use std::collections::HashSet;
use words::{bag_precision, bag_recall, lost_phrases, ordered_recall, Vocab};

pub use causes::LostCause;
pub use words::words;

/// Recall below which an output counts as having lost text ([`flags`] raises `text-lost-…`).
pub const RECALL_WARN: f64 = 0.99;
/// Recall below which lost text is an error rather than a warning.
pub const RECALL_ERROR: f64 = 0.90;
/// Most lost phrases kept per check.
const LOST_SAMPLES: usize = 5;
/// Most words shown of one lost phrase.
const LOST_PHRASE_WORDS: usize = 12;

/// What the round trip found for the tree and for each output.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Verification {
    /// The tree against the source layout (running heads and page numbers excluded):
    /// bag-of-words recall, so text the normaliser dropped shows as lost.
    pub tree: TextCheck,
    /// One check per output read back, in the order JATS, EPUB, PDF.
    pub formats: Vec<FormatCheck>,
}

/// How much of the source layout's text the tree kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TextCheck {
    /// Share of the layout's words (as a multiset) found in the tree.
    pub recall: f64,
    /// Words in the layout, furniture excluded.
    pub words: usize,
    /// The longest run of consecutive layout words missing from the tree.
    pub longest_lost_run: usize,
    /// The longest lost runs, as phrases of comparable (lowercased) words.
    pub lost: Vec<String>,
    /// The lost words by the mechanism that cost them, as far as it can be told.
    pub causes: Vec<LostCause>,
    /// Words of running heads and page numbers, set aside and not counted above.
    pub furniture_words: usize,
    /// Words printed inside figures (axis labels, legends) that the tree keeps as figure
    /// text: counted in `words`, but no output is expected to print them as text.
    pub figure_words: usize,
    /// Words of table cells and table notes in the tree, counted in `words`.
    pub table_words: usize,
    /// Words of the body the tree sets in a style (emphasis, strong, super- or subscript,
    /// monospace), for checking that the outputs keep them.
    pub styled_words: usize,
}

/// How much of the tree's text one output carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatCheck {
    /// The output format: `jats`, `epub` or `pdf`.
    pub format: &'static str,
    /// Share of the reference words (title, headings, blocks; footnotes; references) found
    /// in order in the output; each of the three streams in order, streams may interleave.
    pub recall: f64,
    /// Share of the output's words (as a multiset) that the whole tree's text accounts for;
    /// low when text is duplicated or garbled.
    pub precision: f64,
    /// Words in the reference text.
    pub reference_words: usize,
    /// Words read back from the output.
    pub output_words: usize,
    /// The longest run of consecutive reference words missing from the output.
    pub longest_lost_run: usize,
    /// The longest lost runs, as phrases of comparable (lowercased) words.
    pub lost: Vec<String>,
    /// Reference words found, but out of their stream's order (counted in recall).
    pub moved_words: usize,
    /// Whether the comparison ran out of time and recall is a lower bound.
    pub approximate: bool,
    /// Words the output sets in a style (italic, bold, super- or subscript, code) in its
    /// body, against [`TextCheck::styled_words`]; for the reflowed PDF, those quire finds
    /// styled when it reads the edition back. `None` when the output could not be read.
    pub styled_words: Option<usize>,
    /// Why the output could not be read back, when it could not (recall is then 0).
    pub error: Option<String>,
}

impl Verification {
    /// The check of `format`, when that output was read back.
    pub fn format(&self, format: Format) -> Option<&FormatCheck> {
        self.formats.iter().find(|c| c.format == format.name())
    }
}

/// A quality flag: something about one converted document a person should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Flag {
    /// Stable identifier, such as `text-lost-pdf`.
    pub code: String,
    /// How bad it is.
    pub severity: Severity,
    /// What was found, in words a non-programmer understands.
    pub message: String,
}

/// How bad a flag is; ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the output is likely fine.
    Info,
    /// Probably visible to a reader; check the output.
    Warn,
    /// The output is wrong or incomplete.
    Error,
}

impl Severity {
    /// The severity's name in lower case: `info`, `warn`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}

/// The tree's text as the three streams every output must carry in order: title, subtitle,
/// headings and blocks; footnotes; references.
/// Words of the body's text blocks inside style spans (small caps, links and language
/// spans alone do not count).
fn styled_words(doc: &Document) -> usize {
    fn walk(inlines: &[crate::tree::Inline], styled: bool, n: &mut usize) {
        use crate::tree::Inline;
        for i in inlines {
            match i {
                Inline::Text(t) if styled => *n += t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count(),
                Inline::Text(_) | Inline::NoteCall(_) => {}
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Superscript(c) | Inline::Subscript(c) | Inline::Monospace(c) => walk(c, true, n),
                span => walk(span.children(), styled, n),
            }
        }
    }
    let mut n = 0;
    for b in doc.sections.iter().flat_map(|s| s.blocks.iter()).filter(|b| !b.is_display()) {
        walk(&b.content, false, &mut n);
    }
    n
}

/// Words of figure text (`figures`) or of table cells and notes in the tree.
fn display_words(doc: &Document, figures: bool) -> usize {
    let count = |t: &str| t.split_whitespace().count();
    doc.displays()
        .map(|b| match (&b.figure, &b.table, figures) {
            (Some(f), _, true) => f.inner_text.iter().map(|t| count(t)).sum(),
            (_, Some(t), false) => t.rows.iter().flatten().map(|c| count(&c.text)).sum::<usize>() + t.notes.iter().map(|n| count(n)).sum::<usize>(),
            _ => 0,
        })
        .sum()
}

/// The text each output should carry, as streams of words that keep their order: the
/// body (with figure and table captions), the notes, the references, and the labels,
/// cells and notes of figures and tables.
fn reference_streams(doc: &Document, vocab: &mut Vocab) -> Vec<Vec<u32>> {
    let mut main = String::new();
    for s in [&doc.front.title, &doc.front.subtitle].into_iter().flatten() {
        main.push_str(s);
        main.push('\n');
    }
    for s in &doc.sections {
        if let Some(t) = &s.title {
            main.push_str(t);
            main.push('\n');
        }
        for b in &s.blocks {
            main.push_str(&b.text());
            main.push('\n');
        }
    }
    let notes: Vec<&str> = doc.footnotes.iter().map(|n| n.text.as_str()).collect();
    let refs: Vec<&str> = doc.references.iter().map(|r| r.raw.as_str()).collect();
    let mut displays = String::new();
    for b in doc.displays() {
        let label = b.figure.as_ref().and_then(|f| f.label.as_deref()).or(b.table.as_ref().and_then(|t| t.label.as_deref()));
        displays.push_str(label.unwrap_or(""));
        displays.push('\n');
        // A table set as a picture carries no text of its own.
        if let Some(t) = b.table.as_ref().filter(|t| t.image.is_none()) {
            for c in t.rows.iter().flatten() {
                displays.push_str(&c.text);
                displays.push('\n');
            }
            for n in &t.notes {
                displays.push_str(n);
                displays.push('\n');
            }
        }
    }
    vec![vocab.ids(&main), vocab.ids(&notes.join("\n")), vocab.ids(&refs.join("\n")), vocab.ids(&displays)]
}

/// Ways a date is printed in words: the English month name and its abbreviation.
fn date_words(d: Option<Date>) -> String {
    const MONTHS: [&str; 12] = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ];
    match d.and_then(|d| d.month).and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1))) {
        Some(m) => format!("{m} {}", &m[..3]),
        None => String::new(),
    }
}

/// All the tree's text: what any output may legitimately print.
fn tree_text(doc: &Document) -> String {
    let mut s = String::new();
    doc.visit_text(&mut |t| {
        s.push_str(t);
        s.push('\n');
    });
    s.push_str(&date_words(doc.front.date));
    s.push('\n');
    s.push_str(doc.front.isbn.as_deref().unwrap_or(""));
    // Affiliations are in the tree (and every output's front matter) but not visited above.
    for a in &doc.front.affiliations {
        s.push('\n');
        s.push_str(a);
    }
    s
}

/// Reads back each output in `outputs` and measures its text against `doc`, and `doc`'s
/// text against the `source` layout it was built from.
///
/// Outputs that are `None` are skipped; one that cannot be read back gets recall 0 and an
/// error message. The JSON output is not checked (it is the tree itself).
pub fn round_trip(source: &Layout, doc: &Document, outputs: &Outputs) -> Verification {
    let mut vocab = Vocab::default();
    let streams = reference_streams(doc, &mut vocab);
    let supply = vocab.ids(&tree_text(doc));

    let known_ids: HashSet<u32> = supply.iter().copied().collect();
    let known_words: HashSet<String> = known_ids.iter().map(|&i| vocab.word(i).to_string()).collect();
    let known = |w: &str| known_words.contains(w);
    // The title and date are commonly printed twice (title block and colophon) but kept once.
    let mut supply_tree = supply.clone();
    for t in [&doc.front.title, &doc.front.subtitle].into_iter().flatten() {
        supply_tree.extend(vocab.ids(t));
    }
    supply_tree.extend(vocab.ids(&date_words(doc.front.date)));
    let furniture: Vec<Provenance> = doc.furniture.iter().map(|f| f.source).collect();
    let segments = read::layout_segments(source, &furniture, &known);
    let layout_words = vocab.ids(&segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n"));
    let tm = bag_recall(&layout_words, &supply_tree);
    let mut lost = vec![false; layout_words.len()];
    for &(_, a, n) in &tm.lost {
        lost[a..a + n].iter_mut().for_each(|l| *l = true);
    }
    let layout_stream = [layout_words];
    let tree = TextCheck {
        recall: tm.recall(),
        words: tm.total,
        longest_lost_run: tm.lost.iter().map(|r| r.2).max().unwrap_or(0),
        lost: lost_phrases(&tm, &layout_stream, &vocab, LOST_SAMPLES, LOST_PHRASE_WORDS),
        causes: causes::attribute(&segments, &lost, doc, &known),
        furniture_words: read::furniture_words(source, &furniture),
        figure_words: display_words(doc, true),
        styled_words: styled_words(doc),
        table_words: display_words(doc, false),
    };

    let mut formats = Vec::new();
    for format in [Format::Jats, Format::Epub, Format::Pdf] {
        let Some(bytes) = outputs.get(format) else { continue };
        let (text, styled_words) = match format {
            Format::Jats => (read::jats_text(bytes), read::jats_styled_words(bytes).ok()),
            Format::Epub => (read::epub_text(bytes), read::epub_styled_words(bytes).ok()),
            _ => match read::pdf_text(bytes, &known) {
                Ok((text, styled)) => (Ok(text), Some(styled)),
                Err(e) => (Err(e), None),
            },
        };
        let reference_words = streams.iter().map(Vec::len).sum();
        let check = match text {
            Ok(text) => {
                let out = vocab.ids(&text);
                let m = ordered_recall(&streams, &out);
                let recall = m.recall();
                FormatCheck {
                    format: format.name(),
                    recall,
                    precision: bag_precision(&out, &supply),
                    reference_words,
                    output_words: out.len(),
                    longest_lost_run: m.lost.iter().map(|r| r.2).max().unwrap_or(0),
                    lost: lost_phrases(&m, &streams, &vocab, LOST_SAMPLES, LOST_PHRASE_WORDS),
                    moved_words: m.moved,
                    approximate: m.approximate,
                    styled_words,
                    error: None,
                }
            }
            Err(e) => FormatCheck {
                format: format.name(),
                recall: 0.0,
                precision: 0.0,
                reference_words,
                output_words: 0,
                longest_lost_run: reference_words,
                lost: Vec::new(),
                moved_words: 0,
                approximate: false,
                styled_words: None,
                error: Some(e),
            },
        };
        formats.push(check);
    }
    Verification { tree, formats }
}

/// Share of the tree's styled words below which an output counts as having lost styling.
pub const STYLED_WARN: f64 = 0.9;

/// Whether an output setting `out` of the tree's `tree` styled words lost styling: below
/// [`STYLED_WARN`], once there are a few to lose.
fn styling_lost(tree: usize, out: usize) -> bool {
    tree >= 5 && (out as f64) < STYLED_WARN * tree as f64
}

/// Share of glyphs without a Unicode value above which `unmapped-glyphs` is a warning (0.1 %).
pub const UNMAPPED_WARN: f64 = 0.001;
/// Share of glyphs without a Unicode value above which `unmapped-glyphs` is an error (2 %).
pub const UNMAPPED_ERROR: f64 = 0.02;
/// Share of invisible glyphs above which the text counts as an OCR layer (`ocr-text`, warn).
pub const INVISIBLE_OCR: f64 = 0.5;
/// Share of invisible glyphs above which `invisible-text` is raised (info).
pub const INVISIBLE_SOME: f64 = 0.02;
/// Tree recall of the layout's words below which `text-dropped` is a warning: more than 2 % lost.
///
/// Not 1: the tree rightly drops labels such as "ISBN", "Tel." or "E-mail", and the date
/// is kept as a date.
pub const TREE_RECALL_WARN: f64 = 0.98;
/// Tree recall below which `text-dropped` is an error.
pub const TREE_RECALL_ERROR: f64 = 0.90;
/// A run of this many consecutive layout words missing from the tree raises `text-dropped`
/// whatever the overall recall: a whole sentence went missing, not a label.
pub const TREE_LOST_RUN: usize = 8;
/// Output precision below which `text-added-…` is raised (info): duplicated or garbled text.
pub const PRECISION_INFO: f64 = 0.97;
/// Output precision below which `text-added-…` is a warning.
pub const PRECISION_WARN: f64 = 0.90;
/// Reading-order contradictions needed for `reading-order` (warn): at least this many…
pub const ORDER_MIN: usize = 2;
/// …and at least this share of all block-to-block steps.
pub const ORDER_SHARE: f64 = 0.05;

/// Headings of a reference list, compared lowercased without a trailing colon or numbering.
const REFERENCE_LABELS: &[&str] = &[
    "references", "reference list", "bibliography", "works cited", "literature cited", "cited works",
    "참고문헌", "bibliographie", "références", "literaturverzeichnis", "literatur", "referencias", "bibliografía",
];
/// Headings of a list of notes.
const NOTE_LABELS: &[&str] = &["notes", "endnotes", "footnotes", "주", "anmerkungen"];

/// Quality flags for one converted document, worst first.
///
/// `source` is the layout the tree was built from, `verification` the result of
/// [`round_trip`] when it was run, `warnings` those raised during conversion. Each flag's
/// threshold is a public constant of this module:
///
/// - `unmapped-glyphs`: share of glyphs with no Unicode value above [`UNMAPPED_WARN`]
///   (warn) or [`UNMAPPED_ERROR`] (error); such glyphs read as U+FFFD.
/// - `ocr-text` (warn) / `invisible-text` (info): share of invisibly drawn glyphs above
///   [`INVISIBLE_OCR`] / [`INVISIBLE_SOME`].
/// - `text-dropped`: the tree keeps less than [`TREE_RECALL_WARN`] (warn) or
///   [`TREE_RECALL_ERROR`] (error) of the layout's words, or a run of [`TREE_LOST_RUN`]
///   consecutive words is missing (warn); the message counts the missing words by the
///   mechanism that cost them, where the layout and the tree show it.
/// - `reading-order` (warn): at least [`ORDER_MIN`] and [`ORDER_SHARE`] of block-to-block
///   steps go against the page geometry (upward within a column, or back a page in the tree).
/// - `no-headings` (warn): a document of two or more pages without a single heading.
/// - `references-missing` / `notes-missing` (warn): the layout prints a heading such as
///   "References" / "Notes" but the tree has no references / notes.
/// - `references-short` (warn): the reference labels number well past the references found.
/// - `heading-sequence` (warn): numbered headings skip or repeat a number (2, 3, 5).
/// - `table-missing` / `figure-missing` (warn): the text cites "Table 3" or "Figure 2" and
///   the tree has no table or figure of that number.
/// - `figure-uncaptioned` (info): figures kept without a printed label or caption.
/// - `figure-no-picture` (warn): a figure caption with no picture found beside it.
/// - `table-unaligned` (warn): a table caption whose cells could not be put in a grid.
/// - `no-title` (warn), `no-authors`, `no-date` (info): front matter not found.
/// - `colophon-incomplete` (info): the last pages print an e-mail address, telephone,
///   fax or ISBN that the tree did not keep as such.
/// - `text-lost-jats|epub|pdf`: round-trip recall below [`RECALL_WARN`] (warn) or
///   [`RECALL_ERROR`] (error); `unreadable-…` (error) when the output cannot be read back.
/// - `styling-lost-jats|epub|pdf` (warn): the output sets fewer than [`STYLED_WARN`] of the
///   tree's italic, bold, raised, lowered or code words in their style.
/// - `text-added-jats|epub|pdf`: precision below [`PRECISION_INFO`] (info) or
///   [`PRECISION_WARN`] (warn).
/// - `conversion-warnings` (info): the conversion raised warnings; the first is quoted.
pub fn flags(source: &Layout, doc: &Document, verification: Option<&Verification>, warnings: &[Warning]) -> Vec<Flag> {
    let mut out = Vec::new();
    let mut flag = |code: &str, severity: Severity, message: String| out.push(Flag { code: code.to_string(), severity, message });

    let st = &source.stats;
    if st.glyphs > 0 {
        let share = st.unmapped_glyphs as f64 / st.glyphs as f64;
        if share > UNMAPPED_WARN {
            let sev = if share > UNMAPPED_ERROR { Severity::Error } else { Severity::Warn };
            flag(
                "unmapped-glyphs",
                sev,
                format!(
                    "{} of {} characters ({}) could not be read as text (the PDF's fonts lack a character map); they show as \u{FFFD}.",
                    st.unmapped_glyphs,
                    st.glyphs,
                    percent(share)
                ),
            );
        }
        let inv = st.invisible_glyphs as f64 / st.glyphs as f64;
        if inv > INVISIBLE_OCR {
            flag(
                "ocr-text",
                Severity::Warn,
                format!("{} of the text is invisible, as in scanned pages with OCR; the text is only as good as the OCR.", percent(inv)),
            );
        } else if inv > INVISIBLE_SOME {
            flag("invisible-text", Severity::Info, format!("{} of the text is drawn invisibly; it was kept.", percent(inv)));
        }
    }

    if let Some(v) = verification {
        let t = &v.tree;
        if t.words > 0 && (t.recall < TREE_RECALL_WARN || t.longest_lost_run >= TREE_LOST_RUN) {
            let sev = if t.recall < TREE_RECALL_ERROR { Severity::Error } else { Severity::Warn };
            flag(
                "text-dropped",
                sev,
                format!(
                    "The conversion kept {} of the words printed in the PDF{}.{}{}",
                    percent(t.recall),
                    sample(&t.lost),
                    match causes::describe(&t.causes) {
                        d if d.is_empty() => String::new(),
                        d => format!(" Words missing, by cause: {d}."),
                    },
                    match t.furniture_words {
                        0 => String::new(),
                        n => format!(" Besides, {n} words of running heads and page numbers were set aside."),
                    }
                ),
            );
        }
    }

    let (jumps, steps) = order_contradictions(source, doc);
    if jumps >= ORDER_MIN && steps > 0 && jumps as f64 / steps as f64 >= ORDER_SHARE {
        flag(
            "reading-order",
            Severity::Warn,
            format!("{jumps} of {steps} steps between text blocks go against the page layout; check the order of paragraphs."),
        );
    }

    if doc.source.pages >= 2 && doc.sections.iter().all(|s| s.title.is_none()) {
        flag(
            "no-headings",
            Severity::Warn,
            format!("No headings were found in {} pages; the outputs have no table of contents.", doc.source.pages),
        );
    }

    let labels = heading_labels(source, doc);
    if doc.references.is_empty() {
        if let Some(l) = labels.iter().find(|l| REFERENCE_LABELS.contains(&l.as_str())) {
            flag("references-missing", Severity::Warn, format!("The PDF has a \"{l}\" heading, but no references were found under it."));
        }
    }
    if doc.footnotes.is_empty() {
        if let Some(l) = labels.iter().find(|l| NOTE_LABELS.contains(&l.as_str())) {
            flag("notes-missing", Severity::Warn, format!("The PDF has a \"{l}\" heading, but no notes were found under it."));
        }
    }

    let page_of = |b: &crate::tree::Block| b.source.first().map_or_else(String::new, |p| format!(" (p. {})", p.page));
    let uncaptioned: Vec<String> = doc
        .displays()
        .filter(|b| b.figure.as_ref().is_some_and(|f| f.label.is_none()) && b.content.is_empty())
        .filter_map(|b| b.source.first().map(|p| p.page.to_string()))
        .collect();
    if !uncaptioned.is_empty() {
        flag(
            "figure-uncaptioned",
            Severity::Info,
            format!("{} figure(s) print no caption (pages {}); their alt text names them only by number.", uncaptioned.len(), uncaptioned.join(", ")),
        );
    }
    for b in doc.displays().filter(|b| b.figure.is_some() && b.source.is_empty()) {
        let label = b.figure.as_ref().and_then(|f| f.label.as_deref()).unwrap_or("A figure");
        flag("figure-no-picture", Severity::Warn, format!("{label}: a caption was found but no picture beside it; check the page for a figure the conversion missed."));
    }
    for b in doc.displays().filter(|b| b.table.as_ref().is_some_and(|t| t.rows.is_empty())) {
        let label = b.table.as_ref().and_then(|t| t.label.as_deref()).unwrap_or("A table");
        flag("table-unaligned", Severity::Warn, format!("{label}{}: its cells could not be aligned into rows and columns; its text is kept as paragraphs.", page_of(b)));
    }

    for f in structure::flags(doc) {
        flag(&f.code, f.severity, f.message);
    }

    if doc.front.title.is_none() {
        flag("no-title", Severity::Warn, "No title was found; the outputs are called \"Untitled\".".into());
    }
    if doc.front.authors.is_empty() {
        flag("no-authors", Severity::Info, "No authors were found.".into());
    }
    if doc.front.date.is_none() {
        flag("no-date", Severity::Info, "No date of publication was found.".into());
    }
    let missing = colophon_missing(source, doc);
    if !missing.is_empty() {
        flag(
            "colophon-incomplete",
            Severity::Info,
            format!("The PDF prints {} that the publication details do not include.", join_words(&missing)),
        );
    }

    if let Some(v) = verification {
        for c in &v.formats {
            let upper = c.format.to_uppercase();
            if let Some(e) = &c.error {
                flag(unreadable_code(c.format), Severity::Error, format!("The {upper} output could not be read back: {e}."));
                continue;
            }
            if c.recall < RECALL_WARN {
                let sev = if c.recall < RECALL_ERROR { Severity::Error } else { Severity::Warn };
                flag(
                    lost_code(c.format),
                    sev,
                    format!("The {upper} output has {} of the text{}.", percent(c.recall), sample(&c.lost)),
                );
            }
            if c.precision < PRECISION_INFO {
                let sev = if c.precision < PRECISION_WARN { Severity::Warn } else { Severity::Info };
                flag(
                    added_code(c.format),
                    sev,
                    format!(
                        "{} of the words in the {upper} output are not in the document's text (repeated or garbled text).",
                        percent(1.0 - c.precision)
                    ),
                );
            }
            if let Some(n) = c.styled_words.filter(|&n| styling_lost(v.tree.styled_words, n)) {
                flag(
                    &format!("styling-lost-{}", c.format),
                    Severity::Warn,
                    format!("The {upper} output sets {n} of the {} italic, bold or raised words of the text in their style.", v.tree.styled_words),
                );
            }
        }
    }

    if let Some(first) = warnings.first() {
        let stage = match first.stage {
            Stage::Extract => "reading the PDF",
            Stage::Normalise => "building the document",
            Stage::Emit => "writing the outputs",
        };
        flag(
            "conversion-warnings",
            Severity::Info,
            format!("{} warning(s) while converting; the first, from {stage}: {first}.", warnings.len()),
        );
    }

    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

/// The stable code of lost text in `format`.
fn lost_code(format: &str) -> &'static str {
    match format {
        "jats" => "text-lost-jats",
        "epub" => "text-lost-epub",
        _ => "text-lost-pdf",
    }
}

/// The stable code of added text in `format`.
fn added_code(format: &str) -> &'static str {
    match format {
        "jats" => "text-added-jats",
        "epub" => "text-added-epub",
        _ => "text-added-pdf",
    }
}

/// The stable code of an output that cannot be read back.
fn unreadable_code(format: &str) -> &'static str {
    match format {
        "jats" => "unreadable-jats",
        "epub" => "unreadable-epub",
        _ => "unreadable-pdf",
    }
}

/// `x` as a percentage with one decimal where it matters, such as "97.3 %".
fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0} %", p)
    } else {
        format!("{:.1} %", p)
    }
}

/// ", missing for example: “…”" for the first lost phrase, or nothing.
fn sample(lost: &[String]) -> String {
    match lost.first() {
        Some(p) => format!("; missing for example: \u{201C}{p}\u{201D}"),
        None => String::new(),
    }
}

/// "a, b and c".
fn join_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Whether two ranges overlap by at least half of the narrower one.
fn overlaps_horizontally(a: &Rect, b: &Rect) -> bool {
    let o = a.x1.min(b.x1) - a.x0.max(b.x0);
    o > 0.0 && o >= 0.5 * a.width().min(b.width())
}

/// Reading-order contradictions and the steps examined.
///
/// On each page of the layout, a block that follows another it sits wholly above, in the
/// same column stripe, contradicts the geometry. In the tree, a body block whose page is
/// earlier than the previous block's page does too.
fn order_contradictions(source: &Layout, doc: &Document) -> (usize, usize) {
    let (mut jumps, mut steps) = (0, 0);
    for p in &source.pages {
        for w in p.blocks.windows(2) {
            let (a, b) = (&w[0].bbox, &w[1].bbox);
            steps += 1;
            if overlaps_horizontally(a, b) && b.y1 < a.y0 - 1.0 {
                jumps += 1;
            }
        }
    }
    let pages: Vec<u32> = doc
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .filter_map(|b| b.source.first().map(|p| p.page))
        .collect();
    for w in pages.windows(2) {
        steps += 1;
        if w[1] < w[0] {
            jumps += 1;
        }
    }
    (jumps, steps)
}

/// The lowercased text of short lines that stand alone as a block (heading-like), furniture
/// excluded, without a trailing colon or a leading number.
fn heading_labels(source: &Layout, doc: &Document) -> Vec<String> {
    let furniture: Vec<Provenance> = doc.furniture.iter().map(|f| f.source).collect();
    let mut out = Vec::new();
    for p in &source.pages {
        for b in &p.blocks {
            let [line] = b.lines.as_slice() else { continue };
            if read::inside_any(p.number, &line.bbox, &furniture) {
                continue;
            }
            let t = line.text().to_lowercase();
            let t = t.trim().trim_end_matches(':').trim();
            let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
            if !t.is_empty() && t.split_whitespace().count() <= 3 {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// Colophon facts printed on the last two pages that the tree does not hold.
fn colophon_missing(source: &Layout, doc: &Document) -> Vec<&'static str> {
    let n = source.pages.len();
    let tail: String = source
        .pages
        .iter()
        .skip(n.saturating_sub(2))
        .flat_map(|p| p.blocks.iter())
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    let labelled = |label: &str| {
        tail.lines().any(|l| {
            l.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == label)
                && l.chars().filter(char::is_ascii_digit).count() >= 6
        })
    };
    let has_email = tail.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
    });
    let c = &doc.colophon;
    let mut out = Vec::new();
    if has_email && c.email.is_none() {
        out.push("an e-mail address");
    }
    if (labelled("tel") || labelled("phone") || labelled("telephone")) && c.phone.is_none() {
        out.push("a telephone number");
    }
    if labelled("fax") && c.fax.is_none() {
        out.push("a fax number");
    }
    if labelled("isbn") && doc.front.isbn.is_none() {
        out.push("an ISBN");
    }
    out
}

#[cfg(test)]
mod tests;
