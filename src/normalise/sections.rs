//! The body: headings and their levels, paragraphs, list items, quotes and notes.
//!
//! Lines are cut into units (a heading, a paragraph piece, a list item) by layout
//! blocks, style changes, indentation and list marks; units that continue over a
//! column or page break are joined again; headings get levels from the document's own
//! scale of heading styles. The notes found by [`super::notes`] become footnotes and the
//! superscript calls in the text point to them.

use super::hyphen::Evidence;
use super::notes::{endnotes, PageNotes};
use super::{warn, BodyStyle, TLine};
use crate::error::Warning;
use crate::layout::Word;
use crate::tree::{Block, BlockKind, Footnote, Inline, Provenance, Section};
use rustc_hash::FxHashMap as HashMap;

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

/// A piece of body in the making.
#[derive(Debug, Clone)]
struct Unit {
    kind: UKind,
    lines: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum UKind {
    Heading,
    Para,
    List,
}

/// The left and right edges of body text in a page's column.
#[derive(Debug, Clone, Copy)]
struct Edges {
    left: f32,
    right: f32,
}

/// Measures body-text edges per (page, column), falling back to the whole document's.
fn edges(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> HashMap<(u32, u16), Edges> {
    let mut by: HashMap<(u32, u16), (Vec<f32>, Vec<f32>)> = HashMap::default();
    let mut all: HashMap<u16, (Vec<f32>, Vec<f32>)> = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        if (l.size - body.size).abs() < 0.6 {
            let e = by.entry((l.page, l.column)).or_default();
            e.0.push(l.bbox.x0);
            e.1.push(l.bbox.x1);
            let a = all.entry(l.column).or_default();
            a.0.push(l.bbox.x0);
            a.1.push(l.bbox.x1);
        }
    }
    let mode_left = |xs: &Vec<f32>| -> f32 {
        let mut h: HashMap<i32, usize> = HashMap::default();
        for x in xs {
            *h.entry((x / 2.0).round() as i32).or_default() += 1;
        }
        let best = h.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k).unwrap_or(0);
        xs.iter().copied().filter(|x| (x / 2.0).round() as i32 == best).fold(f32::MAX, f32::min)
    };
    let high_right = |xs: &Vec<f32>| -> f32 {
        let mut v = xs.clone();
        v.sort_by(f32::total_cmp);
        v.get((v.len() * 9) / 10).copied().unwrap_or(0.0)
    };
    let global: HashMap<u16, Edges> =
        all.iter().map(|(c, (l, r))| (*c, Edges { left: mode_left(l), right: high_right(r) })).collect();
    let mut out = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        let key = (l.page, l.column);
        if out.contains_key(&key) {
            continue;
        }
        let e = match by.get(&key) {
            Some((ls, rs)) if ls.len() >= 4 => Edges { left: mode_left(ls), right: high_right(rs) },
            _ => global.get(&l.column).copied().unwrap_or(Edges { left: l.bbox.x0, right: l.bbox.x1 }),
        };
        out.insert(key, e);
    }
    out
}

/// The list mark at the start of a line, if any: how many bytes of the text it takes.
pub(crate) fn list_mark(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let first = t.split_whitespace().next()?;
    let rest_after = t[first.len()..].trim_start();
    if rest_after.is_empty() {
        return None;
    }
    let bullets = ['•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '∙', '·', '–', '-', '*', '⁃', '➢', '►', '✓'];
    let is_bullet = first.chars().count() == 1 && first.chars().all(|c| bullets.contains(&c));
    let inner = first.trim_end_matches(['.', ')']);
    let enumerated = (first.ends_with('.') || first.ends_with(')'))
        && !inner.is_empty()
        && ((inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()))
            || (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
            || (inner.len() <= 4 && inner.chars().all(|c| "ivx".contains(c))));
    let paren = first.starts_with('(')
        && first.ends_with(')')
        && first.len() <= 5
        && first[1..first.len() - 1].chars().all(|c| c.is_ascii_alphanumeric());
    if is_bullet || enumerated || paren {
        Some(lead + first.len())
    } else {
        None
    }
}

/// Whether a line starts with a bullet that is never ordinary text.
fn strong_bullet(text: &str) -> bool {
    text.trim_start().chars().next().is_some_and(|c| "•◦▪▫‣●○■□∙⁃➢►✓".contains(c))
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

    // Heading levels from the document's own scale of heading styles.
    let style_of = |u: &Unit| {
        let l = &lines[u.lines[0]];
        (l.size_key(), l.bold, l.italic)
    };
    let mut styles: Vec<(i32, bool, bool)> = units.iter().filter(|u| u.kind == UKind::Heading).map(style_of).collect();
    styles.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    styles.dedup();

    let mut calls: Vec<String> = Vec::new();
    // Per call: whether it was printed raised and smaller (not a body-size number).
    let mut raised: Vec<bool> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section { level: 1, title: None, blocks: vec![], source: vec![] };
    // Letter and Roman schemes nest one level under the heading before their first use.
    let mut scheme_level: HashMap<super::numbering::Scheme, u8> = HashMap::default();
    let mut last_level = 0u8;
    for u in &units {
        match u.kind {
            UKind::Heading => {
                let title = heading_text(lines, &u.lines, ev);
                if is_label_word(&title) {
                    continue;
                }
                let rank = styles.iter().position(|s| *s == style_of(u)).unwrap_or(0);
                let level = match super::numbering::enumerator(&title) {
                    Some(e) if e.depth().is_none() => *scheme_level.entry(e.scheme).or_insert(last_level.saturating_add(1)),
                    _ => numbered_level(&title).unwrap_or(rank as u8 + 1),
                }
                .clamp(1, 6);
                last_level = level;
                if current.title.is_some() || !current.blocks.is_empty() {
                    sections.push(std::mem::take(&mut current));
                }
                current = Section { level, title: Some(title), blocks: vec![], source: provs(lines, &u.lines) };
            }
            UKind::Para | UKind::List => {
                let (text, list) = unit_text(lines, &u.lines, u.kind == UKind::List, ev, &mut calls, &mut raised);
                if text.trim().is_empty() {
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
                    continue;
                }
                let kind = if list {
                    BlockKind::ListItem
                } else if is_quote(lines, &u.lines, &edges, body) {
                    BlockKind::Quote
                } else {
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
    Built { sections, footnotes, warnings, unused_notes }
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
fn unit_text(lines: &[TLine], idx: &[usize], list: bool, ev: &Evidence, calls: &mut Vec<String>, raised: &mut Vec<bool>) -> (String, bool) {
    let mut acc = String::new();
    let mut is_list = false;
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let mut s = String::new();
        for (j, w) in l.words.iter().enumerate() {
            if is_call(w, l, j == 0) {
                if calls.len() < 0xFFFE {
                    s.push(char::from_u32(CALL_BASE + calls.len() as u32).unwrap_or(' '));
                    calls.push(w.text.trim().to_string());
                    raised.push(true);
                }
                continue;
            }
            if j > 0 && w.space_before {
                s.push(' ');
            }
            let glued_next = l.words.get(j + 1).is_some_and(|n| !n.space_before);
            let call = if j > 0 && !glued_next && w.text.ends_with(|c: char| c.is_ascii_digit()) {
                let expected = calls.last().and_then(|c| c.parse::<u32>().ok()).map_or(1, |n| n + 1);
                text_call(&w.text, expected)
            } else {
                None
            };
            match call {
                Some(head) if calls.len() < 0xFFFE => {
                    s.push_str(head);
                    s.push(char::from_u32(CALL_BASE + calls.len() as u32).unwrap_or(' '));
                    calls.push(w.text[head.len()..].to_string());
                    raised.push(false);
                }
                _ => s.push_str(&w.text),
            }
        }
        let mut s = s.trim();
        if k == 0 && list {
            if let Some(n) = list_mark(s) {
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
fn resolve_calls(inlines: Vec<Inline>, resolved: &[Option<usize>], calls: &[String], raised: &[bool]) -> Vec<Inline> {
    let mut content = Vec::new();
    for i in inlines {
        match i {
            Inline::NoteCall(k) => match resolved.get(k).copied().flatten() {
                Some(n) => content.push(Inline::NoteCall(n)),
                // A raised mark that calls no note is a superscript (a unit, an ordinal).
                None => match calls.get(k).map(String::as_str).unwrap_or("") {
                    "" => {}
                    label if raised.get(k).copied().unwrap_or(false) => content.push(Inline::Superscript(vec![Inline::Text(label.to_string())])),
                    label => push_text(&mut content, label),
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

/// Cuts the body lines into headings, paragraph pieces and list items.
///
/// `numbered[pos]` marks lines that their numbering makes headings although set like the body.
fn cut_units(lines: &[TLine], idx: &[usize], body: &BodyStyle, edges: &HashMap<(u32, u16), Edges>, numbered: &[bool]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    // A bulleted line is a list item whatever its style (a bold lead-in does not make it a heading).
    let heading_line = |l: &TLine| is_heading_style(l, body) && l.text.chars().any(char::is_alphabetic) && !strong_bullet(&l.text);
    // Block extents, for indentation inside a block.
    let mut block_left: HashMap<usize, f32> = HashMap::default();
    let mut block_right: HashMap<usize, f32> = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        let e = block_left.entry(l.block).or_insert(f32::MAX);
        *e = e.min(l.bbox.x0);
        let r = block_right.entry(l.block).or_insert(f32::MIN);
        *r = r.max(l.bbox.x1);
    }
    let mut list_x: Option<f32> = None;
    for (pos, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let prev = if pos > 0 { Some(&lines[idx[pos - 1]]) } else { None };
        let is_head = heading_line(l) || numbered.get(pos).copied().unwrap_or(false);
        let left = block_left.get(&l.block).copied().unwrap_or(l.bbox.x0);
        let right = block_right.get(&l.block).copied().unwrap_or(l.bbox.x1);
        let col = edges.get(&(l.page, l.column)).copied().unwrap_or(Edges { left, right });
        let em = l.size.max(1.0);
        if is_head {
            let joins = match (units.last(), prev) {
                (Some(u), Some(p)) if u.kind == UKind::Heading => {
                    let same_style = p.size_key() == l.size_key() && p.bold == l.bold && p.italic == l.italic;
                    let close = p.page == l.page && (l.baseline - p.baseline) > 0.0 && (l.baseline - p.baseline) < l.size * 2.0;
                    same_style && close && !ends_sentence(&p.text) && u.lines.len() < 4
                }
                _ => false,
            };
            list_x = None;
            if joins {
                if let Some(u) = units.last_mut() {
                    u.lines.push(i);
                }
            } else {
                units.push(Unit { kind: UKind::Heading, lines: vec![i] });
            }
            continue;
        }
        // Numbers and dashes also open ordinary lines ("to\n2. Then"): trust them only at a
        // block start, after a finished sentence, or where the line moves left or right.
        let mark = list_mark(&l.text).is_some()
            && (strong_bullet(&l.text)
                || l.block_start
                || prev.is_none_or(|p| ends_sentence(&p.text) || (p.bbox.x0 - l.bbox.x0).abs() > em * 0.3));
        let new_unit = match (units.last(), prev) {
            (None, _) | (_, None) => true,
            (Some(u), Some(p)) => {
                if u.kind == UKind::Heading || l.block_start || mark {
                    true
                } else if let Some(lx) = list_x {
                    // A list item goes on while lines hang right of its mark.
                    l.bbox.x0 <= lx + em * 0.3
                } else {
                    let indented = l.bbox.x0 - left >= em * 0.6 && l.bbox.x0 - left <= em * 6.0;
                    let short_prev = p.bbox.x1 < right - (em * 4.0).max((right - left) * 0.15) && ends_sentence(&p.text);
                    // Leaving a passage indented on both sides (a quotation set in the block).
                    let back_out = p.bbox.x0 - l.bbox.x0 >= em * 0.6
                        && p.bbox.x0 - col.left >= em * 0.6
                        && p.bbox.x1 < col.right - em * 0.8
                        && ends_sentence(&p.text);
                    indented || short_prev || back_out
                }
            }
        };
        if mark {
            list_x = Some(l.bbox.x0);
        } else if new_unit {
            list_x = None;
        }
        if new_unit {
            let kind = if mark { UKind::List } else { UKind::Para };
            units.push(Unit { kind, lines: vec![i] });
        } else if let Some(u) = units.last_mut() {
            u.lines.push(i);
        }
    }
    // A heading must be short, not end like a sentence, and not start in lowercase.
    for u in &mut units {
        if u.kind == UKind::Heading {
            let text: String = u.lines.iter().map(|&i| lines[i].text.as_str()).collect::<Vec<_>>().join(" ");
            let words = text.split_whitespace().count();
            let t = text.trim_end();
            // A short label standing alone as its own block may end on a full stop ("Procedure.").
            let alone = u.lines.len() == 1 && lines[u.lines[0]].block_start && lines[u.lines[0]].block_end && words <= 4 && t.ends_with('.');
            let sentence = t.ends_with(['.', ',', ';']) && !t.ends_with("..") && !alone;
            // An enumerator such as "(a)" is not the heading's first word.
            let lower = super::numbering::enumerator(&text).is_none() && starts_lowercase(&text);
            if words > 25 || sentence || lower {
                u.kind = UKind::Para;
            }
        }
    }
    // A bold start whose block runs on in body type is a run-in lead-in, not a heading.
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        let run_in = out.last().is_some_and(|h: &Unit| {
            let (a, b) = (&lines[*h.lines.last().unwrap_or(&0)], &lines[u.lines[0]]);
            // The bold line runs on: it fills its measure, or the next line goes on in lower case.
            let right = edges.get(&(a.page, a.column)).map_or(a.bbox.x1, |e| e.right);
            let runs_on = a.bbox.x1 >= right - a.size * 2.0 || starts_lowercase(&b.text);
            h.kind == UKind::Heading && u.kind == UKind::Para && !b.block_start && a.block == b.block && !is_heading_style(b, body) && runs_on
        });
        match out.last_mut() {
            Some(h) if run_in => {
                h.kind = UKind::Para;
                h.lines.extend(u.lines);
            }
            _ => out.push(u),
        }
    }
    out
}

/// Whether the document marks new paragraphs by indenting their first line.
fn uses_indents(lines: &[TLine], units: &[Unit], edges: &HashMap<(u32, u16), Edges>) -> bool {
    let (mut ind, mut flush) = (0, 0);
    for w in units.windows(2) {
        if w[0].kind != UKind::Para || w[1].kind != UKind::Para {
            continue;
        }
        let l = &lines[w[1].lines[0]];
        let Some(col) = edges.get(&(l.page, l.column)) else { continue };
        let d = l.bbox.x0 - col.left;
        if d >= l.size * 0.6 && d <= l.size * 4.0 {
            ind += 1;
        } else if d.abs() < l.size * 0.3 {
            flush += 1;
        }
    }
    ind > flush
}

/// Joins units that continue over a column or page break, or over a stray block split.
fn merge_continuations(lines: &[TLine], units: Vec<Unit>, edges: &HashMap<(u32, u16), Edges>, indent_style: bool) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for u in units {
        let merge = match out.last() {
            Some(prev) if prev.kind != UKind::Heading && u.kind == UKind::Para => {
                let a = &lines[*prev.lines.last().unwrap_or(&0)];
                let b = &lines[u.lines[0]];
                let text_a: String = a.text.clone();
                let moved = a.page != b.page || a.column != b.column || b.bbox.y0 < a.bbox.y0;
                let col = edges.get(&(b.page, b.column));
                let b_indented = col.is_some_and(|c| b.bbox.x0 - c.left >= b.size * 0.6);
                let unfinished = !ends_sentence(&text_a) && !text_a.trim_end().ends_with(';');
                // A last line that runs to the column's edge is rarely a paragraph's last.
                let a_full = prev.lines.len() >= 2
                    && edges.get(&(a.page, a.column)).is_some_and(|c| a.bbox.x1 >= c.right - a.size * 0.5);
                if moved {
                    unfinished
                        || starts_lowercase(&b.text)
                        || (indent_style && !b_indented && prev.kind == UKind::Para)
                        || (a_full && !b_indented && prev.kind == UKind::Para)
                } else {
                    unfinished && starts_lowercase(&b.text) && b.block_start
                }
            }
            _ => false,
        };
        if merge {
            if let Some(p) = out.last_mut() {
                p.lines.extend(u.lines);
            }
        } else {
            out.push(u);
        }
    }
    out
}

/// Whether a paragraph is a block quotation: indented on both sides, or indented and set smaller or in italic.
fn is_quote(lines: &[TLine], idx: &[usize], edges: &HashMap<(u32, u16), Edges>, body: &BodyStyle) -> bool {
    let mut left_ok = true;
    let mut right_ok = true;
    let mut italic = 0;
    let mut small = 0;
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let Some(c) = edges.get(&(l.page, l.column)) else { return false };
        let em = body.size.max(1.0);
        if l.bbox.x0 < c.left + em * 1.0 {
            left_ok = false;
        }
        if k + 1 < idx.len() && l.bbox.x1 > c.right - em * 1.0 {
            right_ok = false;
        }
        if l.italic {
            italic += 1;
        }
        if l.size < body.size * 0.95 {
            small += 1;
        }
    }
    let n = idx.len();
    left_ok && (right_ok && n >= 1 || italic * 2 > n || small * 2 > n) && (n > 1 || right_ok)
}

#[cfg(test)]
mod tests {
    use super::super::notes::{find_notes_regions, find_page_notes, note_mark};
    use super::super::testkit::*;
    use super::super::{collect_lines, BodyStyle};
    use super::*;

    fn run(layout: &crate::layout::Layout) -> Built {
        let lines = collect_lines(layout);
        let body = BodyStyle::of(&lines);
        let idx: Vec<usize> = (0..lines.len()).collect();
        let ev = Evidence::from_lines(lines.iter());
        let notes = find_page_notes(&lines, &idx, &body);
        let idx: Vec<usize> = idx.into_iter().filter(|i| !notes.lines.contains(i)).collect();
        build(&lines, &idx, &[], notes, &body, &ev)
    }

    fn texts(b: &Built) -> Vec<(Option<String>, u8, Vec<(BlockKind, String)>)> {
        b.sections
            .iter()
            .map(|s| (s.title.clone(), s.level, s.blocks.iter().map(|b| (b.kind, b.text())).collect()))
            .collect()
    }

    const FULL: &str = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo ppp";

    #[test]
    fn larger_heading_is_level_one_and_bold_body_size_is_level_two() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &["Opening words of the text."])
            .block(&[("Big Heading", 72.0, 140.0, 14.0, BOLD)])
            .para(72.0, 170.0, &["Text under the big one."])
            .block(&[("Small Heading", 72.0, 210.0, 10.0, BOLD)])
            .para(72.0, 240.0, &["Text under the small one."])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].0, None);
        assert_eq!((t[1].0.as_deref(), t[1].1), (Some("Big Heading"), 1));
        assert_eq!((t[2].0.as_deref(), t[2].1), (Some("Small Heading"), 2));
    }

    #[test]
    fn heading_wrapped_over_two_lines_is_one_heading() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &["Opening words of the text."])
            .block(&[("Regional Depopulation and Local Govern-", 72.0, 140.0, 14.0, BOLD), ("ment", 72.0, 157.0, 14.0, BOLD)])
            .para(72.0, 190.0, &[FULL, FULL, FULL])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[1].0.as_deref(), Some("Regional Depopulation and Local Government"));
    }

    #[test]
    fn paragraph_continues_across_page_break() {
        let l = Builder::new()
            .page()
            .para(72.0, 700.0, &[FULL, "and the sentence goes on to the"])
            .page()
            .para(72.0, 100.0, &["next page where it ends.", "Second line."])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[0].2.len(), 1);
        assert!(t[0].2[0].1.contains("to the next page"));
    }

    #[test]
    fn finished_paragraph_does_not_join_next_page() {
        let l = Builder::new()
            .page()
            .para(72.0, 700.0, &[FULL, "and it ends here."])
            .page()
            .para(72.0, 100.0, &["A new paragraph starts.", "Second line."])
            .build();
        assert_eq!(texts(&run(&l))[0].2.len(), 2);
    }

    #[test]
    fn indented_first_lines_split_one_block_into_paragraphs() {
        let l = Builder::new()
            .page()
            .block(&[
                (FULL, 72.0, 100.0, 10.0, REGULAR),
                ("end of the first one.", 72.0, 112.0, 10.0, REGULAR),
                ("Then a second paragraph", 87.0, 124.0, 10.0, REGULAR),
                ("and the second one ends here.", 72.0, 136.0, 10.0, REGULAR),
            ])
            .para(72.0, 160.0, &[FULL, "and a third ends."])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[0].2.len(), 3, "{t:?}");
        assert!(t[0].2[1].1.starts_with("Then a second"));
    }

    #[test]
    fn bullets_become_list_items_without_the_bullet() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, FULL, "Three measures stand out:"])
            .block(&[
                ("• Align domestic regulation with the", 80.0, 140.0, 10.0, REGULAR),
                ("emerging regional standard;", 88.0, 152.0, 10.0, REGULAR),
                ("• Fund long-term research.", 80.0, 164.0, 10.0, REGULAR),
            ])
            .para(72.0, 190.0, &[FULL, FULL])
            .build();
        let t = texts(&run(&l));
        let kinds: Vec<BlockKind> = t[0].2.iter().map(|b| b.0).collect();
        assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::ListItem, BlockKind::ListItem, BlockKind::Paragraph]);
        assert_eq!(t[0].2[1].1, "Align domestic regulation with the emerging regional standard;");
        assert_eq!(t[0].2[2].1, "Fund long-term research.");
    }

    #[test]
    fn block_indented_on_both_sides_is_a_quote() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, FULL, "He said this."])
            .block(&[
                ("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk", 100.0, 140.0, 10.0, REGULAR),
                ("and so the quote ends here.", 100.0, 152.0, 10.0, REGULAR),
            ])
            .para(72.0, 180.0, &[FULL, FULL])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[0].2[1].0, BlockKind::Quote);
        assert_eq!(t[0].2[0].0, BlockKind::Paragraph);
        assert_eq!(t[0].2[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn footnote_call_and_page_bottom_note_are_linked() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, "self-reliance (juche).^1 And more text follows here."])
            .block(&[("1 This section draws on a closed-door workshop held in", 72.0, 760.0, 8.0, REGULAR), ("August 2017.", 72.0, 770.0, 8.0, REGULAR)])
            .build();
        let b = run(&l);
        assert_eq!(b.footnotes.len(), 1);
        assert_eq!(b.footnotes[0].label, "1");
        assert_eq!(b.footnotes[0].text, "This section draws on a closed-door workshop held in August 2017.");
        let blk = &b.sections[0].blocks[0];
        assert_eq!(blk.note_calls().collect::<Vec<_>>(), vec![0]);
        assert!(blk.text().contains("(juche). And more"));
        assert_eq!(b.sections[0].blocks.len(), 1);
    }

    #[test]
    fn bulleted_item_with_a_bold_lead_in_is_a_list_item_not_a_heading() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, "and the opening paragraph ends here."])
            .block(&[("• IBM MT/ST: Introduced in 1964, this", 90.0, 140.0, 10.0, BOLD), ("machine combined a typewriter with tape.", 108.0, 152.0, 10.0, REGULAR)])
            .para(72.0, 180.0, &[FULL, "and the closing paragraph ends here."])
            .build();
        let b = run(&l);
        assert!(b.sections.iter().all(|s| s.title.is_none()), "{:?}", b.sections.iter().map(|s| &s.title).collect::<Vec<_>>());
        let kinds: Vec<BlockKind> = b.sections.iter().flat_map(|s| s.blocks.iter().map(|b| b.kind)).collect();
        assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Paragraph]);
    }

    #[test]
    fn short_label_with_a_full_stop_alone_on_its_line_is_a_heading_but_a_run_in_is_not() {
        let l = Builder::new()
            .page()
            .block(&[("Background. Improper use of the agent may cause harm to the", 72.0, 100.0, 10.0, BOLD), ("animals, as reported in several studies over the years.", 72.0, 112.0, 10.0, REGULAR)])
            .block(&[("Guidelines.", 72.0, 140.0, 10.0, BOLD)])
            .para(72.0, 155.0, &[FULL, "and the guidance ends here."])
            .build();
        let b = run(&l);
        let titles: Vec<Option<&str>> = b.sections.iter().map(|s| s.title.as_deref()).collect();
        assert_eq!(titles, vec![None, Some("Guidelines.")]);
        assert!(b.sections[0].blocks[0].text().starts_with("Background. Improper"));
    }

    #[test]
    fn numbered_list_under_a_heading_at_the_page_foot_is_not_notes() {
        // A "References" heading low on the page, its numbered entries in smaller type below,
        // then a real note set apart by a gap and another size.
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, FULL, "and the last paragraph of the body ends here."])
            .block(&[("References", 72.0, 600.0, 12.0, BOLD)])
            .block(&[("1. Bar-Haim, R. and Dagan, I. 2006. The Second Challenge.", 72.0, 620.0, 9.0, REGULAR)])
            .block(&[("2. Bunescu, R. and Mooney, R. 2006. Subsequence Kernels.", 72.0, 631.0, 9.0, REGULAR)])
            .block(&[("3. Lin, D. 1998. Dependency-based Evaluation.", 72.0, 642.0, 9.0, REGULAR)])
            .block(&[("1 A note set under the list, apart from it.", 72.0, 760.0, 8.0, REGULAR)])
            .build();
        let lines = collect_lines(&l);
        let body = BodyStyle::of(&lines);
        let idx: Vec<usize> = (0..lines.len()).collect();
        let pn = find_page_notes(&lines, &idx, &body);
        let taken: Vec<&str> = pn.lines.iter().map(|&i| lines[i].text.as_str()).collect();
        assert_eq!(taken, vec!["1 A note set under the list, apart from it."]);
    }

    #[test]
    fn note_continues_on_next_page() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, "A claim.^1"])
            .block(&[("1 A note that runs on to the", 72.0, 770.0, 8.0, REGULAR)])
            .page()
            .para(72.0, 100.0, &[FULL, "Another claim."])
            .block(&[("next page of the document.", 72.0, 770.0, 8.0, REGULAR)])
            .build();
        let b = run(&l);
        assert_eq!(b.footnotes.len(), 1);
        assert_eq!(b.footnotes[0].text, "A note that runs on to the next page of the document.");
    }

    #[test]
    fn label_lines_never_become_paragraphs() {
        let l = Builder::new()
            .page()
            .block(&[("Summary", 72.0, 100.0, 10.0, REGULAR)])
            .para(72.0, 130.0, &["Body text here."])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[0].2.len(), 1);
    }

    #[test]
    fn numbered_headings_take_their_level_from_the_number() {
        assert_eq!(numbered_level("2.1 Costs and Benefits"), Some(2));
        assert_eq!(numbered_level("3. Findings"), Some(1));
        assert_eq!(numbered_level("2024 in Review"), None);
        assert_eq!(numbered_level("Findings"), None);
    }

    #[test]
    fn calls_printed_in_body_size_are_split_only_in_sequence() {
        assert_eq!(text_call("deterrence.1", 1), Some("deterrence."));
        assert_eq!(text_call("2021).5", 5), Some("2021)."));
        assert_eq!(text_call("deterrence.1", 2), None);
        assert_eq!(text_call("deterrence.9", 2), None);
        assert_eq!(text_call("45.3", 3), None);
        assert_eq!(text_call("2021", 1), None);
    }

    #[test]
    fn glued_note_mark_in_sequence_is_split() {
        let l = Builder::new().page().block(&[("3Author's calculation for 2018.", 72.0, 760.0, 8.0, REGULAR)]).build();
        let lines = collect_lines(&l);
        assert_eq!(note_mark(&lines[0], Some(3)), Some(("3".to_string(), "Author's calculation for 2018.".to_string())));
        assert_eq!(note_mark(&lines[0], Some(4)), None);
    }

    #[test]
    fn number_opening_a_wrapped_line_is_not_a_list_item() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &[FULL, "the number of joint projects fell from 41 to", "2. Policymakers should therefore act now."])
            .build();
        let t = texts(&run(&l));
        assert_eq!(t[0].2.len(), 1);
        assert_eq!(t[0].2[0].0, BlockKind::Paragraph);
    }

    #[test]
    fn notes_box_near_the_start_followed_by_prose_is_not_an_endnote_list() {
        let mut b = Builder::new()
            .page()
            .para(72.0, 100.0, &["Opening words of the text."])
            .block(&[("NOTES", 72.0, 130.0, 10.0, BOLD)])
            .para(72.0, 150.0, &["1 In this text the word Administration stands for both kinds of body.", FULL, "and it ends."]);
        for p in 0..4 {
            b = b.page();
            for k in 0..5 {
                b = b.para(72.0, 100.0 + 60.0 * k as f32, &[FULL, FULL, "and so the paragraph ends."]);
            }
            if p == 3 {
                b = b.block(&[("Notes", 72.0, 420.0, 10.0, BOLD)]).para(72.0, 440.0, &["1. A first note.", "2. A second note.", "3. A third note."]);
            }
        }
        let l = b.build();
        let lines = collect_lines(&l);
        let body = BodyStyle::of(&lines);
        let rest: Vec<usize> = (0..lines.len()).collect();
        let at = find_notes_regions(&lines, &rest, &body, |_| rest.len()).last().map(|r| r.0);
        assert_eq!(at.map(|k| (lines[rest[k]].page, lines[rest[k]].text.as_str())), Some((5, "Notes")));
        let early: Vec<usize> = rest.iter().copied().filter(|&i| lines[i].text != "Notes").collect();
        assert!(find_notes_regions(&lines, &early, &body, |_| early.len()).is_empty());
    }

    #[test]
    fn list_marks() {
        assert!(list_mark("• Item").is_some());
        assert!(list_mark("1. Item").is_some());
        assert!(list_mark("(a) Item").is_some());
        assert!(list_mark("In 2020 the").is_none());
        assert!(list_mark("•").is_none());
    }
}
