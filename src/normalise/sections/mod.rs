//! The body: headings and their levels, paragraphs, list items, quotes and notes.
//!
//! Lines are cut into units (a heading, a paragraph piece, a list item) by layout
//! blocks, style changes, indentation and list marks; units that continue over a
//! column or page break are joined again; headings get levels from the document's own
//! scale of heading styles. The notes found by [`super::notes`] become footnotes and the
//! superscript calls in the text point to them.

use super::hyphen::Evidence;
use super::back::bracket_label;
use super::notes::{endnotes, NoteAcc, PageNotes};
use super::lines::{warn, BodyStyle, TLine};
use super::roles::Role;
use crate::error::Warning;
use crate::layout::{Tag, Word};
use crate::tree::{Block, BlockKind, Footnote, Inline, Provenance, Section};
use rustc_hash::FxHashMap as HashMap;

mod units;

use units::{cut_units, edges, is_quote, join_displays, merge_continuations, uses_indents, UKind, Unit};
pub(crate) use units::list_mark;

/// Printed labels that are not content, consulted when a line's style alone cannot tell.
pub(crate) const LABEL_WORDS: &[&str] = &[
    "summary",
    "executive summary",
    "abstract",
    "key points",
    "key findings",
    "key takeaways",
    "highlights",
    "overview",
    "in brief",
    "notes",
    "endnotes",
    "footnotes",
    "references",
    "bibliography",
    "works cited",
    "about the author",
    "about the authors",
    "contents",
    "table of contents",
];

/// Whether the text is one of the common label words, ignoring case and a trailing colon.
pub(crate) fn is_label_word(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    if t.is_ascii() {
        return LABEL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(t));
    }
    // Lowercasing never yields fewer characters, so a longer text is no label (and is not lowercased).
    let longest = LABEL_WORDS.iter().map(|w| w.len()).max().unwrap_or(0);
    if t.chars().nth(longest).is_some() {
        return false;
    }
    LABEL_WORDS.contains(&t.to_lowercase().as_str())
}

/// Whether a text, note-call placeholders aside, is short enough to be a label word.
///
/// Lowercasing never removes characters, so more printed characters than the longest label
/// rules a text out without building its plain form.
fn could_be_label(text: &str) -> bool {
    let longest = LABEL_WORDS.iter().map(|w| w.len()).max().unwrap_or(0);
    text.chars().filter(|&c| !c.is_whitespace() && c != ':' && !is_call_placeholder(c)).nth(longest).is_none()
}

/// Whether a line is set larger or bolder than the body text.
pub(crate) fn is_heading_style(l: &TLine, body: &BodyStyle) -> bool {
    l.size >= body.size * 1.08 || (l.bold && !body.bold && l.size >= body.size * 0.95)
}

/// Whether a text ends a sentence (ignoring closing quotes and brackets and note placeholders).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || is_call_placeholder(c));
    let t = t.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '?', '!', ':', '…'])
}

/// Starts a text with a lowercase letter (after opening punctuation)?
fn starts_lowercase(text: &str) -> bool {
    text.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_lowercase)
}

/// Base of the private-use characters standing for note calls inside joined text.
const CALL_BASE: u32 = 0xF0000;

fn is_call_placeholder(c: char) -> bool {
    (CALL_BASE..CALL_BASE + 0xFFFE).contains(&(c as u32))
}

/// What the body became.
#[derive(Debug, Default)]
pub(crate) struct Built {
    /// Sections in reading order.
    pub sections: Vec<Section>,
    /// Footnotes and endnotes.
    pub footnotes: Vec<Footnote>,
    /// Warnings raised.
    pub warnings: Vec<Warning>,
    /// Endnote lines that no note took (printed before the first note mark).
    pub unused_notes: Vec<usize>,
    /// The role of each body line it read, with the evidence.
    pub roles: Vec<(usize, Role, &'static str)>,
}

/// How a note call was printed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CallForm {
    /// A number or symbol set smaller and raised.
    Raised,
    /// A number in the body size glued to the end of a word ("deterrence.1").
    Glued,
    /// A number in square brackets ("the claim[3]."), as browsers print endnote calls.
    Bracketed,
}

/// Splits a bracketed call with the number `expected` out of a word: ("the claim", "3", ".")
/// for "claim[3].".
fn bracket_call(word: &str, expected: u32) -> Option<(&str, &str, &str)> {
    let open = word.find('[')?;
    let close = open + word[open..].find(']')?;
    let label = &word[open + 1..close];
    (label.parse::<u32>().ok()? == expected).then_some((&word[..open], label, &word[close + 1..]))
}

/// Whether numbers in square brackets in the text call the notes: the notes are a list
/// under a notes heading, no call in the text is raised, and no list elsewhere opens its
/// entries with bracketed numbers (as a reference list the brackets would cite does).
fn brackets_call_notes(lines: &[TLine], text_idx: &[usize], note_idx: &[usize], notes: &[NoteAcc]) -> bool {
    if note_idx.is_empty() || notes.is_empty() {
        return false;
    }
    let raised_any = text_idx.iter().any(|&i| lines[i].words.iter().enumerate().any(|(j, w)| is_call(w, &lines[i], j == 0)));
    let in_notes: std::collections::HashSet<usize> = note_idx.iter().copied().collect();
    !raised_any && !(0..lines.len()).any(|i| !in_notes.contains(&i) && lines[i].block_start && bracket_label(&lines[i].text).is_some())
}

/// Splits a call printed in the body size at the end of a word ("deterrence.1") when its
/// number is the next one expected: returns the word without it.
fn text_call(word: &str, expected: u32) -> Option<&str> {
    if !word.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = word.chars().rev().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let n: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
    let head = &word[..word.len() - digits.len()];
    let mut back = head.chars().rev();
    let last = back.next()?;
    let ok = if ".,;:!?)]”’\"".contains(last) {
        back.find(|c| !".,;:!?)]”’\"".contains(*c)).is_some_and(|c| c.is_alphabetic() || c == ')' || c == ']' || c.is_ascii_digit())
            && !(last == '.' && head[..head.len() - 1].chars().last().is_some_and(|c| c.is_ascii_digit()))
    } else {
        last.is_lowercase() && head.chars().count() >= 3
    };
    (ok && (expected..=expected + 2).contains(&n)).then_some(head)
}

/// Whether a word is a note call: a short number or symbol set smaller and raised or tight.
fn is_call(w: &Word, l: &TLine, first: bool) -> bool {
    let smaller = w.size <= l.size * 0.85;
    if first || !smaller {
        return false;
    }
    let t = w.text.trim();
    let ok_text = (!t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
        || (!t.is_empty() && t.chars().all(|c| "*†‡".contains(c)));
    if !ok_text {
        return false;
    }
    let raised = w.bbox.y1 < l.baseline - l.size * 0.05;
    // A lowered index (the 2 of CO2) is a subscript, never a call.
    let lowered = (w.bbox.y0 + w.bbox.y1) / 2.0 > l.baseline - l.size * 0.1;
    smaller && !lowered && (raised || !w.space_before)
}

/// Builds sections and notes from the body lines and the endnote lines.
///
/// `notes` are the page-bottom notes found beforehand by [`page_notes`]; `body_idx` no
/// longer holds their lines.
pub(crate) fn build(lines: &[TLine], body_idx: &[usize], note_idx: &[usize], notes: PageNotes, body: &BodyStyle, ev: &Evidence) -> Built {
    let mut warnings = Vec::new();
    let mut notes = notes.notes;
    let text_idx: Vec<usize> = body_idx.to_vec();
    let (end, unused_notes) = endnotes(lines, note_idx);
    notes.extend(end);

    let edges = edges(lines, &text_idx, body);
    let numbered = super::numbering::numbered_headings(lines, &text_idx, body);
    let units = cut_units(lines, &text_idx, body, &edges, &numbered);
    let indent_style = uses_indents(lines, &units, &edges);
    let units = merge_continuations(lines, units, &edges, indent_style);
    let units = join_displays(lines, units, &edges);

    // Heading levels from the document's own scale of heading styles.
    let style_of = |u: &Unit| {
        let l = &lines[u.lines[0]];
        (l.size_key(), l.bold, l.italic)
    };
    // A tagged PDF's heading levels, counted from the highest level its body headings use.
    let tag_level = |u: &Unit| match lines[u.lines[0]].tag {
        Some(Tag::Heading(n)) if n > 0 => Some(n),
        _ => None,
    };
    let tag_top = units.iter().filter(|u| u.kind == UKind::Heading).filter_map(tag_level).min().unwrap_or(1);
    let mut styles: Vec<(i32, bool, bool)> = units.iter().filter(|u| u.kind == UKind::Heading).map(style_of).collect();
    styles.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    styles.dedup();

    let mut calls: Vec<String> = Vec::new();
    // Per call: how it was printed.
    let mut raised: Vec<CallForm> = Vec::new();
    let brackets = brackets_call_notes(lines, &text_idx, note_idx, &notes);
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section { level: 1, title: None, blocks: vec![], source: vec![] };
    // Letter and Roman schemes nest one level under the heading before their first use.
    let mut scheme_level: HashMap<super::numbering::Scheme, u8> = HashMap::default();
    let mut last_level = 0u8;
    let mut roles: Vec<(usize, Role, &'static str)> = Vec::new();
    let mut claim = |u: &Unit, role: Role, why: &'static str| roles.extend(u.lines.iter().map(|&i| (i, role, why)));
    for u in &units {
        match u.kind {
            UKind::Heading => {
                let title = heading_text(lines, &u.lines, ev);
                if is_label_word(&title) {
                    claim(u, Role::Label, "a bare label word");
                    continue;
                }
                let rank = styles.iter().position(|s| *s == style_of(u)).unwrap_or(0);
                let level = match super::numbering::enumerator(&title) {
                    Some(e) if e.depth().is_none() => *scheme_level.entry(e.scheme).or_insert(last_level.saturating_add(1)),
                    _ => numbered_level(&title).or(tag_level(u).map(|n| n + 1 - tag_top)).unwrap_or(rank as u8 + 1),
                }
                .clamp(1, 6);
                last_level = level;
                if current.title.is_some() || !current.blocks.is_empty() {
                    sections.push(std::mem::take(&mut current));
                }
                claim(u, Role::Heading(level), u.why);
                current = Section { level, title: Some(title), blocks: vec![], source: provs(lines, &u.lines) };
            }
            UKind::Para | UKind::List => {
                let (text, list) = unit_text(lines, &u.lines, u.kind == UKind::List, ev, brackets, &mut calls, &mut raised);
                if text.trim().is_empty() {
                    claim(u, Role::Label, "no text once note calls are set aside");
                    continue;
                }
                let plain: std::borrow::Cow<str> = if !could_be_label(&text) {
                    "".into()
                } else if text.contains(is_call_placeholder) {
                    text.chars().filter(|c| !is_call_placeholder(*c)).collect::<String>().into()
                } else {
                    text.as_str().into()
                };
                if is_label_word(&plain) {
                    claim(u, Role::Label, "a bare label word");
                    continue;
                }
                let kind = if list {
                    claim(u, Role::ListItem, "opens with a list mark");
                    BlockKind::ListItem
                } else if is_quote(lines, &u.lines, &edges, body) {
                    claim(u, Role::Quote, "set in from the column's edges");
                    BlockKind::Quote
                } else {
                    claim(u, Role::Paragraph, u.why);
                    BlockKind::Paragraph
                };
                let call = |c: char| is_call_placeholder(c).then(|| (c as u32 - CALL_BASE) as usize);
                let content = super::inline::content(&text, lines, &u.lines, &call);
                current.blocks.push(Block { kind, content, source: provs(lines, &u.lines), ..Default::default() });
            }
        }
    }
    if current.title.is_some() || !current.blocks.is_empty() {
        sections.push(current);
    }
    if sections.iter().all(|s| s.title.is_none()) && !sections.is_empty() {
        warnings.push(warn(None, "no section headings recognised; the body is one untitled section"));
    }

    // Resolve calls to notes by label, in order.
    let mut used = vec![false; notes.len()];
    let mut resolved: Vec<Option<usize>> = Vec::with_capacity(calls.len());
    for label in &calls {
        let hit = (0..notes.len())
            .find(|&k| !used[k] && notes[k].label == *label)
            .or_else(|| (0..notes.len()).find(|&k| notes[k].label == *label));
        if let Some(k) = hit {
            used[k] = true;
        }
        resolved.push(hit);
    }
    let unresolved = resolved.iter().filter(|r| r.is_none()).count();
    if unresolved > 0 && !notes.is_empty() {
        warnings.push(warn(None, format!("{unresolved} note call(s) match no printed note; kept as text")));
    }
    for s in &mut sections {
        for b in &mut s.blocks {
            b.content = resolve_calls(std::mem::take(&mut b.content), &resolved, &calls, &raised);
        }
    }
    let uncalled = used.iter().filter(|u| !**u).count();
    if uncalled > 0 && !calls.is_empty() {
        warnings.push(warn(None, format!("{uncalled} note(s) are never called from the text")));
    }
    let footnotes = notes
        .into_iter()
        .map(|n| Footnote { label: n.label, text: super::hyphen::join_lines(ev, n.lines.iter().map(String::as_str)), source: n.source })
        .collect();
    Built { sections, footnotes, warnings, unused_notes, roles }
}

fn push_text(content: &mut Vec<Inline>, t: &str) {
    if t.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = content.last_mut() {
        prev.push_str(t);
    } else {
        content.push(Inline::Text(t.to_string()));
    }
}

/// The level a heading's own numbering gives ("2.1 Costs" is level 2), if numbered.
fn numbered_level(title: &str) -> Option<u8> {
    let first = title.split_whitespace().next()?;
    let f = first.trim_end_matches('.');
    if f.is_empty() || !f.chars().next()?.is_ascii_digit() || !f.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if title.split_whitespace().count() < 2 || f.split('.').any(|p| p.len() > 2) {
        return None;
    }
    // "5.0" numbers the chapter that "5.1" and "5.2" divide.
    let parts: Vec<&str> = f.split('.').filter(|p| !p.is_empty()).collect();
    let depth = parts.len() - parts.iter().skip(1).rev().take_while(|p| p.chars().all(|c| c == '0')).count();
    Some(depth as u8)
}

/// Provenance boxes of lines, one per (page, block).
fn provs(lines: &[TLine], idx: &[usize]) -> Vec<Provenance> {
    let mut out: Vec<(u32, usize, crate::layout::Rect)> = Vec::new();
    for &i in idx {
        let l = &lines[i];
        match out.last_mut() {
            Some((p, b, r)) if *p == l.page && *b == l.block => *r = r.union(&l.bbox),
            _ => out.push((l.page, l.block, l.bbox)),
        }
    }
    out.into_iter().map(|(page, _, r)| Provenance { page, bbox: super::to_box(&r) }).collect()
}

/// The text of a heading's lines joined.
fn heading_text(lines: &[TLine], idx: &[usize], ev: &Evidence) -> String {
    super::hyphen::join_lines(ev, idx.iter().map(|&i| lines[i].text.as_str()))
}

/// The text of a unit with note calls as placeholders, and whether it is a list item.
fn unit_text(lines: &[TLine], idx: &[usize], list: bool, ev: &Evidence, brackets: bool, calls: &mut Vec<String>, raised: &mut Vec<CallForm>) -> (String, bool) {
    let mut acc = String::new();
    let mut is_list = false;
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let mut s = String::new();
        for (j, w) in l.words.iter().enumerate() {
            if is_call(w, l, j == 0) {
                // A mark set before its word ("AI †University") keeps the space before it.
                if j > 0 && w.space_before && l.words.get(j + 1).is_some_and(|n| !n.space_before) {
                    s.push(' ');
                }
                if calls.len() < 0xFFFE {
                    s.push(char::from_u32(CALL_BASE + calls.len() as u32).unwrap_or(' '));
                    calls.push(w.text.trim().to_string());
                    raised.push(CallForm::Raised);
                }
                continue;
            }
            if j > 0 && w.space_before {
                s.push(' ');
            }
            let glued_next = l.words.get(j + 1).is_some_and(|n| !n.space_before);
            // A line may open on the word that carries a call ("2021).5 Harkening").
            let expected = || calls.last().and_then(|c| c.parse::<u32>().ok()).map_or(1, |n| n + 1);
            if brackets && calls.len() < 0xFFFE {
                if let Some((head, label, tail)) = bracket_call(&w.text, expected()) {
                    s.push_str(head);
                    s.push(char::from_u32(CALL_BASE + calls.len() as u32).unwrap_or(' '));
                    s.push_str(tail);
                    calls.push(label.to_string());
                    raised.push(CallForm::Bracketed);
                    continue;
                }
            }
            let call = if !glued_next && w.text.ends_with(|c: char| c.is_ascii_digit()) { text_call(&w.text, expected()) } else { None };
            match call {
                Some(head) if calls.len() < 0xFFFE => {
                    s.push_str(head);
                    s.push(char::from_u32(CALL_BASE + calls.len() as u32).unwrap_or(' '));
                    calls.push(w.text[head.len()..].to_string());
                    raised.push(CallForm::Glued);
                }
                _ => s.push_str(&w.text),
            }
        }
        let mut s = s.trim();
        if k == 0 && list {
            let number = units::set_apart_number(l).then(|| l.words[0].text.len()).filter(|&n| s.starts_with(l.words[0].text.as_str()) && s.is_char_boundary(n));
            if let Some(n) = list_mark(s).or(number) {
                s = s[n..].trim_start();
                is_list = true;
            }
        }
        ev.join(&mut acc, s);
    }
    (acc.trim_end_matches('\u{AD}').trim().to_string(), is_list)
}

/// Content with each call placeholder index turned into the note it resolved to, or back
/// into its printed label when it resolved to none; inside spans too.
fn resolve_calls(inlines: Vec<Inline>, resolved: &[Option<usize>], calls: &[String], raised: &[CallForm]) -> Vec<Inline> {
    let mut content = Vec::new();
    for i in inlines {
        match i {
            Inline::NoteCall(k) => match resolved.get(k).copied().flatten() {
                Some(n) => content.push(Inline::NoteCall(n)),
                // A raised mark that calls no note is a superscript (a unit, an ordinal).
                None => match calls.get(k).map(String::as_str).unwrap_or("") {
                    "" => {}
                    label => match raised.get(k) {
                        Some(CallForm::Raised) => content.push(Inline::Superscript(vec![Inline::Text(label.to_string())])),
                        Some(CallForm::Bracketed) => push_text(&mut content, &format!("[{label}]")),
                        _ => push_text(&mut content, label),
                    },
                },
            },
            Inline::Text(t) => push_text(&mut content, &t),
            Inline::Emphasis(c) => content.push(Inline::Emphasis(resolve_calls(c, resolved, calls, raised))),
            Inline::Strong(c) => content.push(Inline::Strong(resolve_calls(c, resolved, calls, raised))),
            Inline::SmallCaps(c) => content.push(Inline::SmallCaps(resolve_calls(c, resolved, calls, raised))),
            Inline::Superscript(c) => content.push(Inline::Superscript(resolve_calls(c, resolved, calls, raised))),
            Inline::Subscript(c) => content.push(Inline::Subscript(resolve_calls(c, resolved, calls, raised))),
            Inline::Monospace(c) => content.push(Inline::Monospace(resolve_calls(c, resolved, calls, raised))),
            Inline::Link(mut l) => {
                l.content = resolve_calls(l.content, resolved, calls, raised);
                content.push(Inline::Link(l));
            }
            Inline::Lang(mut l) => {
                l.content = resolve_calls(l.content, resolved, calls, raised);
                content.push(Inline::Lang(l));
            }
        }
    }
    content
}

#[cfg(test)]
mod tests;
