//! Styling inside lines: which words are italic, bold, raised, lowered, fixed-pitch or
//! linked, and the inline spans a block's text gets from them.
//!
//! Each word's style is read against its own line (a raised word is one set smaller and
//! higher than the line's type) and against the fonts' descriptors. A block's text is
//! built elsewhere (hyphens joined, note calls found); its characters are then matched
//! back to the words they came from, in order, so the spans follow the text exactly.

use super::lines::TLine;
use crate::layout::{Layout, LinkArea, Word};
use crate::tree::{is_hangul, Inline, LangSpan, Link};
use std::sync::Arc;

/// A word's style.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct WordStyle {
    /// Set in an italic or oblique face.
    pub italic: bool,
    /// Set in a bold face.
    pub bold: bool,
    /// Set in a fixed-pitch face.
    pub mono: bool,
    /// Set in small capitals.
    pub small_caps: bool,
    /// Raised (1) or lowered (-1) against the line, in smaller type.
    pub script: i8,
    /// Where a link annotation over the word leads: a web address, or a place in the document.
    pub link: Option<Arc<str>>,
}

/// The style of each word of a line whose dominant size is `size`.
pub(crate) fn word_styles(words: &[Word], layout: &Layout, links: &[LinkArea], size: f32) -> Vec<WordStyle> {
    // The middle of the line's full-size words: raised and lowered words sit off it.
    let mut mids: Vec<f32> = words.iter().filter(|w| (w.size - size).abs() <= 0.1 * size).map(|w| (w.bbox.y0 + w.bbox.y1) / 2.0).collect();
    mids.sort_by(f32::total_cmp);
    let mid = mids.get(mids.len() / 2).copied();
    words
        .iter()
        .map(|w| {
            let font = layout.fonts.get(w.font as usize);
            let name = font.map_or("", |f| f.name.as_str());
            let script = match mid {
                Some(m) if w.size <= 0.9 * size => {
                    let c = (w.bbox.y0 + w.bbox.y1) / 2.0;
                    if c <= m - 0.12 * size {
                        1
                    } else if c >= m + 0.18 * size {
                        -1
                    } else {
                        0
                    }
                }
                _ => 0,
            };
            let (cx, cy) = ((w.bbox.x0 + w.bbox.x1) / 2.0, (w.bbox.y0 + w.bbox.y1) / 2.0);
            let link = links
                .iter()
                .find(|l| cx >= l.bbox.x0 && cx <= l.bbox.x1 && cy >= l.bbox.y0 - 1.0 && cy <= l.bbox.y1 + 1.0)
                .map(|l| super::links::at_spot(&l.target, l.spot));
            WordStyle {
                italic: font.is_some_and(|f| f.italic),
                bold: font.is_some_and(|f| f.bold),
                mono: font.is_some_and(|f| f.monospace),
                small_caps: small_caps_name(name),
                script,
                link,
            }
        })
        .collect()
}

/// The runs of consecutive italic words of a line, each joined as printed.
pub(crate) fn italic_runs(words: &[Word], styles: &[WordStyle]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for (w, st) in words.iter().zip(styles) {
        if st.italic && !w.text.trim().is_empty() {
            match out.last_mut() {
                Some(run) if open => {
                    if w.space_before {
                        run.push(' ');
                    }
                    run.push_str(&w.text);
                }
                _ => out.push(w.text.clone()),
            }
            open = true;
        } else {
            open = false;
        }
    }
    out
}

/// Whether a font's name says small capitals ("Minion-SC", "TimesSmallCaps").
fn small_caps_name(name: &str) -> bool {
    let base = name.split('+').next_back().unwrap_or(name);
    base.contains("SmallCap") || base.ends_with("SC") || base.contains("-SC") || base.ends_with("Caps")
}

/// The style of one character of a block's text, as the spans see it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Key {
    link: Option<Arc<str>>,
    lang: bool,
    bold: bool,
    italic: bool,
    small_caps: bool,
    script: i8,
    mono: bool,
}

/// One item of a block's text: a character with its style, or a note call.
enum Item {
    Char(char, Key),
    Call(usize),
}

/// How far ahead in the words a character of the text is looked for: list marks, note
/// call labels and hyphens at line ends are in the words but not in the text.
const LOOKAHEAD: usize = 12;

/// A block's content: its text (`text`, with note-call placeholders that `call` reads)
/// split into spans by the style of the words of `idx` it came from.
///
/// A style that covers most of the block's letters is the block's own type, not a span
/// (a quotation set in italics); a language span marks Hangul in a block that is mostly
/// not Hangul.
pub(crate) fn content(text: &str, lines: &[TLine], idx: &[usize], call: &dyn Fn(char) -> Option<usize>) -> Vec<Inline> {
    // Most blocks are set in one style throughout: their text needs no matching.
    let plain_words = idx.iter().all(|&i| lines[i].styles.iter().all(|s| *s == WordStyle::default()));
    if plain_words && !text.chars().any(is_hangul) {
        return plain(text, call);
    }
    let stream: Vec<(char, &WordStyle)> = idx
        .iter()
        .flat_map(|&i| {
            let l = &lines[i];
            l.words.iter().zip(l.styles.iter()).flat_map(|(w, st)| w.text.chars().filter(|c| !c.is_whitespace()).map(move |c| (c, st)))
        })
        .collect();
    let mut items: Vec<Item> = Vec::with_capacity(text.len());
    let mut at = 0;
    for c in text.chars() {
        if let Some(n) = call(c) {
            items.push(Item::Call(n));
            continue;
        }
        let mut key = Key { lang: is_hangul(c), ..Key::default() };
        if !c.is_whitespace() {
            if let Some(k) = (at..stream.len().min(at + LOOKAHEAD)).find(|&k| stream[k].0 == c) {
                let st = stream[k].1;
                key.link = st.link.clone();
                key.bold = st.bold;
                key.italic = st.italic;
                key.small_caps = st.small_caps && c.is_alphabetic();
                key.script = st.script;
                key.mono = st.mono;
                at = k + 1;
            }
        }
        items.push(Item::Char(c, key));
    }
    // A style on most letters is the block's own.
    let letters = items.iter().filter(|i| matches!(i, Item::Char(c, _) if c.is_alphabetic())).count().max(1);
    let share = |f: &dyn Fn(&Key) -> bool| {
        items.iter().filter(|i| matches!(i, Item::Char(c, k) if c.is_alphabetic() && f(k))).count() as f32 / letters as f32
    };
    let (all_italic, all_bold, all_sc, all_mono) = (share(&|k| k.italic) >= 0.8, share(&|k| k.bold) >= 0.8, share(&|k| k.small_caps) >= 0.8, share(&|k| k.mono) >= 0.8);
    let mostly_hangul = share(&|k| k.lang) >= 0.5;
    for i in &mut items {
        if let Item::Char(_, k) = i {
            k.italic &= !all_italic;
            k.bold &= !all_bold;
            k.small_caps &= !all_sc;
            k.mono &= !all_mono;
            k.lang &= !mostly_hangul;
        }
    }
    // Spaces and calls between two characters of one style share it.
    let n = items.len();
    for i in 0..n {
        let neutral = matches!(&items[i], Item::Char(c, _) if c.is_whitespace() || !c.is_alphanumeric() && !matches!(c, '(' | ')' | '[' | ']'));
        if !neutral {
            continue;
        }
        let prev = (0..i).rev().find_map(|j| match &items[j] {
            Item::Char(c, k) if !c.is_whitespace() => Some(k.clone()),
            _ => None,
        });
        let next = (i + 1..n).find_map(|j| match &items[j] {
            Item::Char(c, k) if !c.is_whitespace() => Some(k.clone()),
            _ => None,
        });
        if let Item::Char(c, k) = &mut items[i] {
            if c.is_whitespace() {
                *k = match (prev, next) {
                    (Some(p), Some(q)) if p == q => p,
                    _ => Key::default(),
                };
            }
        }
    }
    build(&items, 0)
}

/// Text and note calls with no spans.
fn plain(text: &str, call: &dyn Fn(char) -> Option<usize>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        match call(c) {
            Some(n) => {
                if !cur.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut cur)));
                }
                out.push(Inline::NoteCall(n));
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(Inline::Text(cur));
    }
    out
}

/// The span levels, outermost first.
const LEVELS: usize = 7;

/// Whether two keys agree at `level`, and whether the key is set there.
fn part(k: &Key, level: usize) -> (u64, bool) {
    match level {
        0 => (k.link.as_deref().map_or(0, |l| {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            l.hash(&mut h);
            h.finish() | 1
        }), k.link.is_some()),
        1 => (u64::from(k.lang), k.lang),
        2 => (u64::from(k.bold), k.bold),
        3 => (u64::from(k.italic), k.italic),
        4 => (u64::from(k.small_caps), k.small_caps),
        5 => ((k.script + 1) as u64, k.script != 0),
        _ => (u64::from(k.mono), k.mono),
    }
}

/// The key a note call takes: none, so that it never opens a span of its own.
fn key_of(i: &Item) -> Option<&Key> {
    match i {
        Item::Char(_, k) => Some(k),
        Item::Call(_) => None,
    }
}

fn build(items: &[Item], level: usize) -> Vec<Inline> {
    if level == LEVELS {
        let mut out = Vec::new();
        let mut text = String::new();
        for i in items {
            match i {
                Item::Char(c, _) => text.push(*c),
                Item::Call(n) => {
                    if !text.is_empty() {
                        out.push(Inline::Text(std::mem::take(&mut text)));
                    }
                    out.push(Inline::NoteCall(*n));
                }
            }
        }
        if !text.is_empty() {
            out.push(Inline::Text(text));
        }
        return out;
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let here = key_of(&items[start]).map_or((0, false), |k| part(k, level));
        let mut end = start + 1;
        while end < items.len() && key_of(&items[end]).map_or((0, false), |k| part(k, level)) == here {
            end += 1;
        }
        let inner = build(&items[start..end], level + 1);
        if !here.1 {
            out.extend(inner);
        } else {
            let k = key_of(&items[start]).cloned().unwrap_or_default();
            out.push(match level {
                0 => Inline::Link(Link { target: k.link.as_deref().unwrap_or("").to_string(), content: inner }),
                1 => Inline::Lang(LangSpan { lang: "ko".into(), content: inner }),
                2 => Inline::Strong(inner),
                3 => Inline::Emphasis(inner),
                4 => Inline::SmallCaps(inner),
                5 if k.script > 0 => Inline::Superscript(inner),
                5 => Inline::Subscript(inner),
                _ => Inline::Monospace(inner),
            });
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::testkit::*;
    use crate::normalise::lines::collect_lines;

    fn content_of(layout: &Layout) -> Vec<Inline> {
        let lines = collect_lines(layout);
        let idx: Vec<usize> = (0..lines.len()).collect();
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        content(&text.join(" "), &lines, &idx, &|_| None)
    }

    #[test]
    fn an_italic_title_in_a_roman_line_is_emphasis() {
        let layout = Builder::new()
            .page()
            .block(&[("As argued in", 72.0, 100.0, 10.0, REGULAR)])
            .build();
        let mut layout = layout;
        // Append two italic words to the line.
        let line = &mut layout.pages[0].blocks[0].lines[0];
        let more = crate::normalise::testkit::line("The Wealth", 140.0, 100.0, 10.0, ITALIC);
        for mut w in more.words {
            w.space_before = true;
            line.words.push(w);
        }
        let c = content_of(&layout);
        assert_eq!(c, vec![Inline::Text("As argued in ".into()), Inline::Emphasis(vec![Inline::Text("The Wealth".into())])]);
    }

    #[test]
    fn a_block_set_all_in_italics_has_no_emphasis_span() {
        let layout = Builder::new().page().block(&[("All of this is a quotation set in italics", 72.0, 100.0, 10.0, ITALIC)]).build();
        assert_eq!(content_of(&layout), vec![Inline::Text("All of this is a quotation set in italics".into())]);
    }

    #[test]
    fn a_raised_unit_is_a_superscript() {
        let layout = Builder::new().page().block(&[("An area of 20 m^2 in all", 72.0, 100.0, 10.0, REGULAR)]).build();
        let c = content_of(&layout);
        assert!(c.contains(&Inline::Superscript(vec![Inline::Text("2".into())])), "{c:?}");
        let mut text = String::new();
        Inline::push_text(&c, &mut text);
        assert_eq!(text, "An area of 20 m2 in all");
    }

    #[test]
    fn words_under_a_link_annotation_are_a_link() {
        let mut layout = Builder::new().page().block(&[("Read the report online today", 72.0, 100.0, 10.0, REGULAR)]).build();
        // "the report" spans x = 97..147 at this size (half an em per character).
        layout.pages[0].links.push(LinkArea { bbox: crate::layout::Rect { x0: 96.0, y0: 90.0, x1: 148.0, y1: 103.0 }, target: "https://example.org/r".into(), spot: None });
        let c = content_of(&layout);
        assert_eq!(
            c,
            vec![
                Inline::Text("Read ".into()),
                Inline::Link(Link { target: "https://example.org/r".into(), content: vec![Inline::Text("the report".into())] }),
                Inline::Text(" online today".into())
            ]
        );
    }

    #[test]
    fn hangul_in_an_english_block_is_a_language_span() {
        let layout = Builder::new().page().block(&[("The minister 김정은 spoke at length today", 72.0, 100.0, 10.0, REGULAR)]).build();
        let c = content_of(&layout);
        assert!(c.contains(&Inline::Lang(LangSpan { lang: "ko".into(), content: vec![Inline::Text("김정은".into())] })), "{c:?}");
    }
}
