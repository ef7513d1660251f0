//! Notes: page-bottom notes and the endnote lists under a "Notes" heading.
//!
//! A page-bottom note is a run of smaller lines with nothing of body size below it that
//! opens on a mark (a number in sequence or a symbol); an endnote list is a "Notes" heading
//! followed by lines that open numbered notes in sequence. The calls in the text are read
//! with the body (`sections`), which links them to these notes by label.

use super::sections::{ends_sentence, is_heading_style};
use super::lines::{BodyStyle, TLine};
use crate::tree::Provenance;

/// Whether a heading's text names a list of notes ("Notes", "Endnotes", "Footnotes").
pub(crate) fn is_notes_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    ["notes", "endnotes", "footnotes"].iter().any(|w| w.eq_ignore_ascii_case(t))
}

/// The endnote lists under "Notes" headings, as (heading position in `rest`, end of its
/// notes, exclusive).
///
/// A list runs until the next heading-styled line or `limit(k)` for a heading at `k`, so
/// notes printed at the end of each section leave the sections after them in the body. A
/// heading is taken only when what follows reads as numbered notes: it opens on a note
/// mark, and either most of the document comes before it or its lines open notes in
/// sequence often enough and, so early, the text before it calls notes (a "NOTES" box near
/// the start of a standard, followed by its prose, is not an endnote list).
pub(crate) fn find_notes_regions(
    lines: &[TLine],
    rest: &[usize],
    body: &BodyStyle,
    limit: impl Fn(usize) -> usize,
) -> Vec<(usize, usize)> {
    let mut regions = vec![];
    for k in 0..rest.len() {
        let l = &lines[rest[k]];
        let label = is_notes_label(&l.text)
            && (is_heading_style(l, body) || (l.block_start && l.block_end))
            && rest.get(k + 1).is_some_and(|&n| note_mark(&lines[n], None).is_some() || starts_with_number(&lines[n].text));
        if !label || regions.last().is_some_and(|&(_, end)| k < end) {
            continue;
        }
        let limit = limit(k).clamp(k + 1, rest.len());
        let end = (k + 1..limit).find(|&j| is_heading_style(&lines[rest[j]], body)).unwrap_or(limit);
        if k * 2 >= rest.len() || reads_as_notes(lines, &rest[k + 1..end]) && calls_before(lines, &rest[..k]) {
            regions.push((k, end));
        }
    }
    regions
}

/// Whether any of the lines carries a raised number, as a note's call is printed: notes in
/// the first half of a document are notes only when the text before them calls them.
fn calls_before(lines: &[TLine], idx: &[usize]) -> bool {
    raised_word(lines, idx, |t| t.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a raised "1" stands among the lines: a note call where notes restart per page.
fn raised_one_above(lines: &[TLine], idx: &[usize]) -> bool {
    raised_word(lines, idx, |t| t == "1")
}

/// Whether one of the lines holds a raised word whose text (trimmed) `is` accepts.
fn raised_word(lines: &[TLine], idx: &[usize], is: impl Fn(&str) -> bool) -> bool {
    idx.iter().any(|&i| {
        let l = &lines[i];
        l.words.iter().zip(&l.styles).any(|(w, s)| s.script == 1 && is(w.text.trim()))
    })
}

/// Whether lines read as a list of numbered notes: marks in sequence (1, 2, 3, … or on
/// from wherever the list starts) opening a note every few lines on average.
fn reads_as_notes(lines: &[TLine], idx: &[usize]) -> bool {
    let lead = |i: usize| -> Option<u32> {
        let first = lines[i].text.split_whitespace().next().unwrap_or("");
        first.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
    };
    let Some(mut expected) = idx.first().and_then(|&i| lead(i)) else { return false };
    let mut entries = 0usize;
    for &i in idx {
        if lead(i) == Some(expected) {
            entries += 1;
            expected += 1;
        }
    }
    entries >= 2 && idx.len() <= entries * 6
}

fn starts_with_number(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or("");
    let d = bracketed(first).unwrap_or(first).trim_end_matches(['.', ')']);
    !d.is_empty() && d.len() <= 3 && d.chars().all(|c| c.is_ascii_digit())
}

/// The inside of a mark in square brackets: "12" for "[12]".
fn bracketed(t: &str) -> Option<&str> {
    t.strip_prefix('[')?.strip_suffix(']')
}

/// The mark at the start of a note line: its label and the note's text after it.
///
/// A mark is a number or symbol set smaller or raised, or the number `expected` (the
/// next in sequence) followed by text or glued to it ("3Author's"), or a number
/// followed by a full stop.
pub(super) fn note_mark(l: &TLine, expected: Option<u32>) -> Option<(String, String)> {
    let w0 = l.words.first()?;
    let t = w0.text.trim();
    let rest = || super::line_text(&l.words[1..]);
    let symbol = !t.is_empty() && t.chars().all(|c| "*†‡§¶‖#".contains(c));
    let digits = bracketed(t).unwrap_or(t).trim_end_matches(['.', ')']);
    let numeric = !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit());
    if !symbol && !numeric {
        // A number glued to the first word, in sequence: "3Author's".
        let lead: String = t.chars().take_while(char::is_ascii_digit).collect();
        let after = &t[lead.len()..];
        let starts_word = after.chars().next().is_some_and(|c| c.is_uppercase() || "‘“\"'(".contains(c));
        if !lead.is_empty() && lead.len() <= 3 && starts_word && expected.is_some_and(|e| lead.parse::<u32>().is_ok_and(|n| (e..=e + 3).contains(&n))) {
            let mut text = after.to_string();
            let more = rest();
            if !more.is_empty() {
                if l.words.get(1).is_some_and(|w| w.space_before) {
                    text.push(' ');
                }
                text.push_str(&more);
            }
            return Some((lead, text));
        }
        return None;
    }
    let next = l.words.get(1)?;
    let small = w0.size < next.size * 0.85 || w0.bbox.y1 < next.bbox.y1 - next.size * 0.15;
    let label = if symbol { t.to_string() } else { digits.to_string() };
    let dotted = t.ends_with('.') || t.ends_with(')') || bracketed(t).is_some();
    let in_seq = expected.is_some_and(|e| digits.parse::<u32>().ok() == Some(e));
    if small || symbol || dotted || in_seq {
        Some((label, rest()))
    } else {
        None
    }
}

/// A note being collected.
#[derive(Debug, Clone)]
pub(crate) struct NoteAcc {
    /// The mark printed before the note.
    pub label: String,
    /// Its lines' text, mark removed.
    pub lines: Vec<String>,
    /// Where its lines were printed.
    pub source: Vec<Provenance>,
    /// The last page it runs on.
    pub last_page: u32,
}

/// Page-bottom notes and the lines they took.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageNotes {
    /// Indices of the lines that belong to notes.
    pub lines: Vec<usize>,
    /// The notes, in printed order.
    pub notes: Vec<NoteAcc>,
}

/// Finds page-bottom notes among the lines `idx`.
pub(crate) fn find_page_notes(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> PageNotes {
    let (taken, notes) = page_notes(lines, idx, body);
    PageNotes { lines: taken, notes }
}

/// Whether line `l`, opening with the number `label`, continues a list of numbered entries
/// set above it in its column: going up through lines of its size with no wider gap than a
/// line's, the first entry met opens with the number before it, at the same left edge.
///
/// A reference list that runs on down a column and over pages reaches the page foot in
/// small type like notes do; its numbering carries on from the entries above, which notes
/// below the text never do.
fn continues_entries_above(lines: &[TLine], above: &[usize], l: &TLine, label: &str) -> bool {
    let Some(previous) = label.parse::<u32>().ok().and_then(|n| n.checked_sub(1)) else { return false };
    let mut lower = l;
    for &j in above.iter().rev() {
        let o = &lines[j];
        let same_column = o.bbox.x0 < l.bbox.x1 && l.bbox.x0 < o.bbox.x1 && o.bbox.y1 <= lower.bbox.y0 + 1.0;
        if !same_column {
            continue;
        }
        if (o.size - l.size).abs() > 0.3 || lower.bbox.y0 - o.bbox.y1 > 1.5 * l.size {
            return false;
        }
        let first = o.text.split_whitespace().next().unwrap_or("");
        let number = first.trim_end_matches(['.', ')']).trim_start_matches('[').trim_end_matches(']');
        // A number above the label (a year closing a wrapped entry: "2013.") opens nothing.
        let opening = number.parse::<u32>().ok().filter(|&n| n <= previous);
        if (o.bbox.x0 - l.bbox.x0).abs() <= 1.0 && number.chars().all(|c| c.is_ascii_digit()) {
            if let Some(n) = opening {
                return n == previous;
            }
        }
        lower = o;
    }
    false
}

/// How far past the next note number a printed number may run and still open a note
/// (notes the reader missed before it).
const MAX_NOTE_SKIP: u32 = 10;

/// Whether `label` is a number other than `expected` and other than 1 (numbering that
/// starts again).
fn out_of_sequence(label: &str, expected: u32) -> bool {
    label.parse::<u32>().is_ok_and(|n| n != expected && n != 1)
}

/// Whether `label` is a number far past `expected`: the end of a page range ("135–\n157.")
/// or a year, not a note.
fn far_ahead(label: &str, expected: u32) -> bool {
    label.parse::<u32>().is_ok_and(|n| n > expected + MAX_NOTE_SKIP)
}

/// Whether line `l` carries on the line right above it in its column: the same type, no
/// gap, and the line above stops where its text cannot end (a dash, a hyphen, a comma).
fn runs_on_from_above(lines: &[TLine], above: &[usize], l: &TLine) -> bool {
    let Some(o) = above.iter().rev().map(|&j| &lines[j]).find(|o| o.bbox.x0 < l.bbox.x1 && l.bbox.x0 < o.bbox.x1 && o.bbox.y1 <= l.bbox.y0 + 1.0) else {
        return false;
    };
    let close = l.bbox.y0 - o.bbox.y1 <= 0.6 * l.size && (o.size - l.size).abs() <= 0.3;
    close && o.text.trim_end().ends_with(['–', '-', '—', ',', ';'])
}

/// Finds page-bottom notes: smaller lines with nothing but notes below them, starting at a mark.
fn page_notes(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> (Vec<usize>, Vec<NoteAcc>) {
    let mut taken = Vec::new();
    let mut notes: Vec<NoteAcc> = Vec::new();
    let small = |l: &TLine| l.size <= body.size * 0.92 && l.size >= body.size * 0.4;
    let mut pages: Vec<u32> = idx.iter().map(|&i| lines[i].page).collect();
    pages.dedup();
    let mut expected: u32 = 1;
    for page in pages {
        let on: Vec<usize> = idx.iter().copied().filter(|&i| lines[i].page == page).collect();
        let mut started_here = false;
        // The heading the small lines follow, if they follow one: a list set right under a
        // heading is that heading's, not notes.
        let mut heading: Option<usize> = None;
        // Set from such a list's first line until a line of another size or a gap ends it.
        let mut in_list = false;
        for (k, &i) in on.iter().enumerate() {
            let l = &lines[i];
            if !small(l) {
                heading = (is_heading_style(l, body) && !is_notes_label(&l.text)).then_some(i);
                in_list = false;
                continue;
            }
            if l.bbox.y0 < l.page_height * 0.4 {
                continue;
            }
            // Nothing of body size below it in its horizontal span.
            let below_clear = on.iter().all(|&j| {
                let o = &lines[j];
                small(o) || o.bbox.y0 <= l.bbox.y0 + 0.5 || o.bbox.x1 < l.bbox.x0 || o.bbox.x0 > l.bbox.x1
            });
            if !below_clear {
                continue;
            }
            // Numbering may start again at 1 on each page, where the page's text calls a
            // raised 1 above the notes.
            let mark = note_mark(l, Some(expected)).or_else(|| {
                let restart = !started_here && expected > 1 && raised_one_above(lines, &on[..k]);
                restart.then(|| note_mark(l, Some(1))).flatten()
            });
            // Notes are set below the text, never straight under a heading: a numbered list
            // under "References" at a page foot is no note area.
            // The list ends where a gap or a change of size sets the next lines apart (the notes below it).
            let close = k > 0 && {
                let p = &lines[on[k - 1]];
                let gap = l.bbox.y0 - p.bbox.y1;
                (-1.0..=body.pitch * 1.5).contains(&gap) && (l.size - p.size).abs() <= 0.3
            };
            in_list = (in_list && close)
                || !started_here && mark.as_ref().is_some_and(|(label, _)| continues_entries_above(lines, &on[..k], l, label))
                || !started_here
                    && heading.is_some_and(|h| {
                    let h = &lines[h];
                    let gap = l.bbox.y0 - h.bbox.y1;
                        gap >= -1.0 && gap <= body.pitch * 2.5 && h.bbox.x0 < l.bbox.x1 && l.bbox.x0 < h.bbox.x1
                    });
            if in_list {
                continue;
            }
            // A number out of the notes' sequence that runs far ahead or carries on the line
            // above is part of the text, not a note's mark.
            let mark = mark.filter(|(label, _)| {
                !out_of_sequence(label, expected) || !(far_ahead(label, expected) || runs_on_from_above(lines, &on[..k], l))
            });
            match mark {
                Some((label, text)) => {
                    if let Ok(n) = label.parse::<u32>() {
                        expected = n + 1;
                    }
                    notes.push(NoteAcc { label, lines: vec![text], source: vec![l.prov()], last_page: page });
                    started_here = true;
                    taken.push(i);
                }
                None => {
                    let continues = if started_here {
                        // Right after a note line of this page.
                        k > 0 && taken.last() == Some(&on[k - 1])
                    } else {
                        // Set in the note's own type: a disclaimer in italics below a rule is not it.
                        let same_type = taken.last().is_some_and(|&t| {
                            let p = &lines[t];
                            (p.size - l.size).abs() <= 0.3 && p.italic == l.italic && p.bold == l.bold
                        });
                        same_type
                            && notes.last().is_some_and(|n| {
                                n.last_page + 1 == page && !ends_sentence(n.lines.last().map(String::as_str).unwrap_or("."))
                            })
                    };
                    if continues {
                        if let Some(n) = notes.last_mut() {
                            n.lines.push(l.text.clone());
                            n.source.push(l.prov());
                            n.last_page = page;
                        }
                        taken.push(i);
                    }
                }
            }
        }
    }
    (taken, notes)
}

/// Reads endnotes from the lines after a "Notes" heading; also gives the lines no note took.
pub(crate) fn endnotes(lines: &[TLine], idx: &[usize]) -> (Vec<NoteAcc>, Vec<usize>) {
    let mut notes: Vec<NoteAcc> = Vec::new();
    let mut unused = Vec::new();
    let mut expected = 1u32;
    let mut marked_any = false;
    for &i in idx {
        let l = &lines[i];
        let mark = note_mark(l, Some(expected)).or_else(|| {
            let first = l.words.first()?.text.trim();
            let d = first.trim_end_matches(['.', ')']);
            (d.parse::<u32>().ok() == Some(expected) && l.words.len() > 1).then(|| (d.to_string(), super::line_text(&l.words[1..])))
        });
        match mark {
            Some((label, text)) => {
                marked_any = true;
                if let Ok(n) = label.parse::<u32>() {
                    expected = n + 1;
                }
                notes.push(NoteAcc { label, lines: vec![text], source: vec![l.prov()], last_page: l.page });
            }
            None => {
                if l.block_start && !marked_any {
                    // No marks printed: each block is a note, numbered in order.
                    let label = (notes.len() + 1).to_string();
                    notes.push(NoteAcc { label, lines: vec![l.text.clone()], source: vec![l.prov()], last_page: l.page });
                } else if let Some(n) = notes.last_mut() {
                    n.lines.push(l.text.clone());
                    n.source.push(l.prov());
                } else {
                    unused.push(i);
                }
            }
        }
    }
    (notes, unused)
}
