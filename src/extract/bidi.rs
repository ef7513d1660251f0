//! Right-to-left scripts: lines set from glyphs in visual (left-to-right) order are put
//! into logical order, and Arabic presentation forms become their base letters.
//!
//! A PDF places glyphs where they show, so a line read left to right holds Arabic or
//! Hebrew backwards. The Unicode bidi algorithm's reordering undoes itself on the usual
//! lines (runs of one direction inside a paragraph of the other), so applying it to the
//! visual text gives the logical text.

use crate::layout::{Line, Word};
use unicode_bidi::{BidiInfo, Level};
use unicode_normalization::UnicodeNormalization;

/// Whether a character belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms, and the historic RTL blocks).
pub(crate) fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether a character is an Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF).
fn is_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A glyph's text with Arabic presentation forms replaced by their NFKC letters; None when it has none.
///
/// Fonts often map glyphs to the contextual forms (initial, medial, final) that searching and
/// comparing never use.
pub(crate) fn normalise_presentation_forms(s: &str) -> Option<String> {
    s.chars().any(is_presentation_form).then(|| {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            if is_presentation_form(c) {
                out.extend(std::iter::once(c).nfkc());
            } else {
                out.push(c);
            }
        }
        out
    })
}

/// Puts the words of a line that holds right-to-left text into logical order, each
/// word's characters too; other lines are left alone.
pub(crate) fn to_logical(line: &mut Line) {
    let has_rtl = |w: &Word| !w.text.is_ascii() && w.text.chars().any(is_rtl);
    if !line.words.iter().any(has_rtl) {
        return;
    }
    // The visual text, words joined by one space, with the word each character comes from.
    let mut visual = String::new();
    let mut owner: Vec<Option<usize>> = Vec::new();
    for (i, w) in line.words.iter().enumerate() {
        if i > 0 {
            visual.push(' ');
            owner.push(None);
        }
        visual.push_str(&w.text);
        owner.extend(w.text.chars().map(|_| Some(i)));
    }
    let (rtl, ltr) = visual.chars().fold((0, 0), |(r, l), c| {
        if is_rtl(c) {
            (r + 1, l)
        } else if c.is_alphabetic() {
            (r, l + 1)
        } else {
            (r, l)
        }
    });
    let para_level = if rtl >= ltr { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&visual, Some(para_level));
    let Some(para) = info.paragraphs.first() else { return };
    let levels = info.reordered_levels_per_char(para, para.range.clone());
    let chars: Vec<char> = visual.chars().collect();
    let map = BidiInfo::reorder_visual(&levels);

    // Words in the order their first character comes; each word's characters in that order.
    let mut order: Vec<usize> = Vec::with_capacity(line.words.len());
    let mut texts: Vec<String> = vec![String::new(); line.words.len()];
    for &k in &map {
        let Some(w) = owner[k] else { continue };
        if texts[w].is_empty() {
            order.push(w);
        }
        let c = chars[k];
        texts[w].push(if levels[k].is_rtl() { mirror(c) } else { c });
    }
    let old = std::mem::take(&mut line.words);
    let gap_after: Vec<bool> = (0..old.len()).map(|i| old.get(i + 1).is_none_or(|n| n.space_before)).collect();
    let mut words: Vec<Word> = Vec::with_capacity(old.len());
    let mut prev: Option<usize> = None;
    let mut old: Vec<Option<Word>> = old.into_iter().map(Some).collect();
    for w in order {
        let Some(mut word) = old[w].take() else { continue };
        word.space_before = match prev {
            None => word.space_before,
            // Logically after its visual left neighbour: the gap is the one before it.
            Some(p) if p + 1 == w => word.space_before,
            // Logically after its visual right neighbour: the gap is the one after it.
            Some(p) if w + 1 == p => gap_after[w],
            Some(_) => true,
        };
        word.text = std::mem::take(&mut texts[w]);
        words.push(word);
        prev = Some(w);
    }
    if let Some(first) = words.first_mut() {
        first.space_before = false;
    }
    line.words = words;
}

/// The mirrored bracket of a character shown in a right-to-left run (rule L4, brackets only).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Line {
        Line {
            words: words.iter().enumerate().map(|(i, t)| Word { text: t.to_string(), space_before: i > 0, ..Default::default() }).collect(),
            ..Default::default()
        }
    }

    fn text(l: &Line) -> String {
        l.text()
    }

    #[test]
    fn an_arabic_line_in_visual_order_reads_in_logical_order() {
        // "الحكومة المصرية 2024" drawn left to right: the number first, each word backwards.
        let mut l = line(&["2024", "ةيرصملا", "ةموكحلا"]);
        to_logical(&mut l);
        assert_eq!(text(&l), "الحكومة المصرية 2024");
    }

    #[test]
    fn a_hebrew_word_in_an_english_line_is_turned_round_in_place() {
        let mut l = line(&["the", "word", "םולש", "means", "peace"]);
        to_logical(&mut l);
        assert_eq!(text(&l), "the word שלום means peace");
    }

    #[test]
    fn latin_lines_are_left_alone() {
        let mut l = line(&["plain", "text"]);
        to_logical(&mut l);
        assert_eq!(text(&l), "plain text");
    }

    #[test]
    fn presentation_forms_become_letters() {
        assert_eq!(normalise_presentation_forms("\u{FEE3}\u{FEB4}").as_deref(), Some("مس"));
        assert_eq!(normalise_presentation_forms("abc"), None);
    }
}
