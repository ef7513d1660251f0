//! Back matter: the reference list, author bios, disclaimer and colophon.
//!
//! The body builder hands over the lines that follow the body (furniture already
//! removed); this module finds where the back matter starts and reads it.

use crate::error::{Stage, Warning};
use crate::layout::Rect;
use crate::tree::{Author, BoxPt, Colophon, Date, Provenance, Reference};

/// One printed line offered to the back-matter reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackLine {
    /// The line's text as printed (a line-end hyphen is kept).
    pub text: String,
    /// Page number, counting from 1.
    pub page: u32,
    /// Where the line was printed.
    pub bbox: Rect,
    /// Dominant font size, in points.
    pub size: f32,
    /// Whether most of the line is bold.
    pub bold: bool,
    /// Whether most of the line is italic.
    pub italic: bool,
    /// Whether the line starts a new layout block.
    pub block_start: bool,
}

/// What the back matter holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackMatter {
    /// The reference list, in printed order.
    pub references: Vec<Reference>,
    /// Disclaimer and publisher details.
    pub colophon: Colophon,
    /// Bios found, as (index into the authors given, bio text).
    pub bios: Vec<(usize, String)>,
    /// ISBN or similar identifier printed in the colophon.
    pub isbn: Option<String>,
    /// Date of issue printed in the colophon.
    pub date: Option<Date>,
    /// Publisher name, when the back matter names it.
    pub publisher: Option<String>,
    /// Warnings for cases that could not be decided.
    pub warnings: Vec<Warning>,
}

/// Index of the first line of back matter (reference heading, bio, disclaimer, colophon), if any.
///
/// A "Notes" heading is not back matter here: endnotes belong to the body builder.
pub(crate) fn find_start(lines: &[BackLine]) -> Option<usize> {
    if let Some(i) = references::find_list_start(lines) {
        return Some(i);
    }
    lines.iter().position(|l| {
        let t = l.text.trim();
        bio::is_about_heading(t) || bio::looks_like_bio_start(t) || colophon::has_disclaimer_cue(t) || colophon::is_field_line(t)
    })
}

/// Reads the back matter from its lines; `authors` are those of the front matter, for bios.
pub(crate) fn read(lines: &[BackLine], authors: &[Author]) -> BackMatter {
    let mut out = BackMatter::default();
    let Some(start) = find_start(lines) else { return out };
    let lines = &lines[start..];
    let vocab = Vocab::from_lines(lines.iter().map(|l| l.text.as_str()));
    let mut i = usize::from(lines.first().is_some_and(|l| references::is_heading(&l.text)));
    let mut taken = vec![false; authors.len()];

    // The reference list runs until a bio, a disclaimer, a colophon field or another heading.
    let list_end = (i..lines.len()).find(|&k| ends_list(&lines[k], authors, &taken)).unwrap_or(lines.len());
    let list = &lines[i..list_end];
    let mut previous: Option<Reference> = None;
    for entry in references::split_entries(list) {
        let raw = references::entry_text(list, &entry, &vocab);
        let mut r = references::parse_reference(&raw, previous.as_ref());
        r.source_boxes = provenance(list, &entry);
        previous = Some(r.clone());
        out.references.push(r);
    }
    i = list_end;

    // Then bios and the disclaimer as paragraphs, and colophon fields line by line.
    let mut paras: Vec<(Option<usize>, Vec<&str>)> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut in_fields = false;
    for k in i..lines.len() {
        let l = &lines[k];
        let t = l.text.trim();
        if t.is_empty() || bio::is_about_heading(t) || references::is_heading(t) {
            continue;
        }
        if in_fields || colophon::is_field_line(t) {
            in_fields = true;
            match fields.last_mut() {
                Some(f) if !l.block_start && continues_field(f, t) => *f = join_lines(&[f.as_str(), t], &vocab),
                _ => fields.push(t.to_string()),
            }
            continue;
        }
        if let Some(a) = bio::bio_author(t, authors, &taken) {
            taken[a] = true;
            paras.push((Some(a), vec![t]));
            continue;
        }
        let new_para = l.block_start || k == i || gap_before(lines, k) || starts_disclaimer(lines, k, paras.last());
        match paras.last_mut() {
            Some(p) if !new_para => p.1.push(t),
            _ => paras.push((None, vec![t])),
        }
    }
    // A quoted title printed at the head of the colophon is not a paragraph.
    while paras.last().is_some_and(|p| p.0.is_none() && is_quoted_line(&p.1.join(" "))) {
        if let Some((_, ls)) = paras.pop() {
            fields.splice(0..0, ls.into_iter().map(String::from));
        }
    }
    let mut unclaimed: Vec<String> = Vec::new();
    for (who, ls) in &paras {
        let text = join_lines(ls, &vocab);
        match who {
            Some(a) => out.bios.push((*a, text)),
            None if colophon::has_disclaimer_cue(&text) && out.colophon.disclaimer.is_none() => out.colophon.disclaimer = Some(text),
            None => unclaimed.push(text),
        }
    }
    if out.colophon.disclaimer.is_none() && !fields.is_empty() {
        // Fallback: the last prose paragraph before the colophon fields.
        if let Some(t) = unclaimed.pop().filter(|t| t.split_whitespace().count() >= 12) {
            out.warnings.push(Warning::new(Stage::Normalise, "disclaimer recognised by position only"));
            out.colophon.disclaimer = Some(t);
        }
    }
    let f = colophon::read_fields(&fields);
    let disclaimer = out.colophon.disclaimer.take();
    out.colophon = f.colophon;
    out.colophon.disclaimer = disclaimer;
    out.isbn = f.isbn;
    out.date = f.date;
    out.publisher = f.publisher.or_else(|| out.colophon.disclaimer.as_deref().and_then(colophon::disclaimer_subject));
    out
}

/// Whether a line ends the reference list.
fn ends_list(l: &BackLine, authors: &[Author], taken: &[bool]) -> bool {
    let t = l.text.trim();
    if references::looks_like_start(t) {
        return false;
    }
    bio::is_about_heading(t)
        || bio::bio_author(t, authors, taken).is_some()
        || authors.is_empty() && bio::looks_like_bio_start(t)
        || colophon::is_field_line(t)
        || colophon::has_disclaimer_cue(t) && l.block_start
        || is_other_heading(l)
}

/// Headings that may follow a reference list: notes, appendices.
fn is_other_heading(l: &BackLine) -> bool {
    let t = l.text.trim().trim_end_matches(':').to_lowercase();
    matches!(t.as_str(), "notes" | "endnotes" | "appendix" | "appendices" | "acknowledgements" | "acknowledgments" | "disclaimer")
        || t.starts_with("appendix ") && t.split_whitespace().count() <= 4
}

/// Whether a colophon line continues the field above (a wrapped address or name).
fn continues_field(prev: &str, t: &str) -> bool {
    (prev.ends_with('-') || prev.ends_with(',')) && t.chars().next().is_some_and(|c| c.is_lowercase() || prev.ends_with(','))
        && !colophon::is_field_line(t)
}

fn is_quoted_line(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(['“', '"', '‘']) && t.ends_with(['”', '"', '’'])
}

/// Whether a wide vertical gap separates line `k` from the line above on the same page.
fn gap_before(lines: &[BackLine], k: usize) -> bool {
    if k == 0 {
        return true;
    }
    let (a, b) = (&lines[k - 1], &lines[k]);
    let h = (a.bbox.y1 - a.bbox.y0).max(1.0);
    a.page == b.page && b.bbox.y0 > a.bbox.y0 && b.bbox.y0 - a.bbox.y1 > 0.9 * h
}

/// Whether line `k` opens a disclaimer right after a paragraph that ended a sentence.
fn starts_disclaimer(lines: &[BackLine], k: usize, last: Option<&(Option<usize>, Vec<&str>)>) -> bool {
    let ended = last.and_then(|p| p.1.last()).is_some_and(|t| t.trim_end().ends_with('.'));
    ended && colophon::has_disclaimer_cue(&lines[k].text) && lines[k].text.starts_with(|c: char| c.is_uppercase())
}

/// Where an entry was printed: one box per page and column.
fn provenance(lines: &[BackLine], entry: &[usize]) -> Vec<Provenance> {
    let mut out: Vec<Provenance> = Vec::new();
    for &i in entry {
        let l = &lines[i];
        let b = BoxPt { x0: l.bbox.x0, y0: l.bbox.y0, x1: l.bbox.x1, y1: l.bbox.y1 };
        match out.last_mut() {
            Some(p) if p.page == l.page && b.y0 >= p.bbox.y0 && (b.x0 - p.bbox.x0).abs() < 60.0 => {
                p.bbox.x0 = p.bbox.x0.min(b.x0);
                p.bbox.x1 = p.bbox.x1.max(b.x1);
                p.bbox.y1 = p.bbox.y1.max(b.y1);
            }
            _ => out.push(Provenance { page: l.page, bbox: b }),
        }
    }
    out
}

mod bio;
mod colophon;
mod parse;
mod references;
mod text;

use text::{join_lines, Vocab};
