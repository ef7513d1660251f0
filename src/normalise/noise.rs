//! Page furniture: running heads, running feet and page numbers.
//!
//! Furniture is found by geometry and repetition, never by its wording: a line in the
//! top or bottom band of the page whose text (digits ignored) comes back on other
//! pages at about the same place, or a lone page-number pattern in those bands.

use super::lines::TLine;
use crate::tree::{Furniture, FurnitureKind};
use rustc_hash::FxHashMap as HashMap;

/// Share of the page height, from the top and from the bottom, where furniture is looked for.
const BAND: f32 = 0.13;

/// Lines recognised as furniture.
#[derive(Debug, Clone, Default)]
pub(crate) struct Furn {
    /// For each line, whether it is furniture.
    pub flags: Vec<bool>,
    /// For each line, the kind of furniture it is.
    pub kinds: Vec<Option<FurnitureKind>>,
    /// The furniture, in reading order.
    pub items: Vec<Furniture>,
}

/// Which band of the page a line sits in.
fn band(l: &TLine) -> Option<bool> {
    let h = if l.page_height > 0.0 { l.page_height } else { 842.0 };
    if l.bbox.y1 <= h * BAND {
        Some(true)
    } else if l.bbox.y0 >= h * (1.0 - BAND) {
        Some(false)
    } else {
        None
    }
}

/// The text with every run of digits replaced by `#`, spaces collapsed and case folded.
fn shape(s: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if !c.is_whitespace() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

/// Whether the numbers in two repeated lines fit furniture: each the same, or apart by
/// as much as their pages are (a folio). Notes that happen to repeat do not fit.
fn numbers_agree(a: &str, b: &str, page_diff: i64) -> bool {
    let nums = |s: &str| -> Vec<i64> {
        s.split(|c: char| !c.is_ascii_digit()).filter(|t| !t.is_empty() && t.len() <= 9).filter_map(|t| t.parse().ok()).collect()
    };
    let (x, y) = (nums(a), nums(b));
    x.len() == y.len() && x.iter().zip(&y).all(|(p, q)| p == q || q - p == page_diff)
}

/// Whether the text looks like a printed page number: a number or roman numeral,
/// alone or with dashes, or with one short word before it and an optional "of N".
pub(crate) fn is_page_number(s: &str) -> bool {
    // A chapter and a folio: "5-1", "5-i", "A-12".
    if let Some((ch, folio)) = s.trim().split_once(['-', '–']) {
        let chapter = (1..=3).contains(&ch.len()) && (ch.chars().all(|c| c.is_ascii_digit()) || ch.len() == 1 && ch.chars().all(|c| c.is_ascii_uppercase()));
        let folio_ok = (folio.chars().all(|c| c.is_ascii_digit()) && (1..=4).contains(&folio.len()))
            || ((1..=6).contains(&folio.len()) && folio.chars().all(|c| "ivxlc".contains(c)));
        if chapter && folio_ok {
            return true;
        }
    }
    let t: String = s.chars().filter(|c| !matches!(c, '–' | '—' | '-' | '|' | '·' | '•')).collect();
    let toks: Vec<&str> = t.split_whitespace().collect();
    let num = |w: &str| {
        (w.chars().all(|c| c.is_ascii_digit()) && (1..=4).contains(&w.len()))
            || (w.len() <= 6 && w.chars().all(|c| "ivxlc".contains(c)))
    };
    let word = |w: &str| w.chars().count() <= 6 && w.chars().all(|c| c.is_alphabetic() || c == '.');
    match toks.as_slice() {
        [n] => num(n),
        [w, n] => word(w) && num(n) && n.chars().all(|c| c.is_ascii_digit()),
        [w, n, of, m] => word(w) && num(n) && word(of) && num(m),
        [n, of, m] => num(n) && word(of) && num(m),
        _ => false,
    }
}

/// Finds the furniture among the lines of a document.
pub(crate) fn detect(lines: &[TLine]) -> Furn {
    let n = lines.len();
    let mut kinds: Vec<Option<FurnitureKind>> = vec![None; n];
    let by_page = page_index(lines);
    let npages = by_page.len();

    // Group band lines by (top/bottom, shape) and collect their pages and places.
    let mut groups: HashMap<(bool, String), Vec<usize>> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if let Some(top) = band(l) {
            groups.entry((top, shape(&l.text))).or_default().push(i);
        }
    }
    // Furniture comes back on a fair share of the pages, not on two pages out of fifty.
    let min_pages = ((npages.saturating_sub(1)) as f32 * 0.3).ceil().max(2.0) as usize;
    for ((top, sh), idx) in &groups {
        if sh.is_empty() {
            continue;
        }
        let mut on_pages: Vec<u32> = idx.iter().map(|&i| lines[i].page).collect();
        on_pages.dedup();
        let common = on_pages.len() >= min_pages;
        for &i in idx {
            let l = &lines[i];
            // The same text on another page, at about the same height and size.
            let repeated = idx.iter().any(|&j| {
                j != i
                    && lines[j].page != l.page
                    && (lines[j].baseline - l.baseline).abs() <= l.size.max(6.0) * 0.35 + 1.0
                    && (lines[j].size - l.size).abs() <= 0.6
                    && numbers_agree(&l.text, &lines[j].text, lines[j].page as i64 - l.page as i64)
            });
            if starts_with_note_mark(l) {
                continue;
            }
            let number = is_page_number(&l.text);
            // "Page 3" alone at a page's edge may be a heading ("Step 1"): a worded folio counts
            // where it repeats from page to page; a bare number where it is outermost.
            let worded = l.text.split_whitespace().any(|w| w.chars().count() > 1 && w.chars().all(char::is_alphabetic) && !w.chars().all(|c| "ivxlcIVXLC".contains(c)));
            if number && (repeated || npages == 1 || !worded && band_edge(lines, &by_page[&l.page], i, *top)) {
                kinds[i] = Some(FurnitureKind::PageNumber);
            } else if repeated && common && npages > 1 {
                let only_digits = sh.chars().all(|c| c == '#');
                kinds[i] = Some(if only_digits {
                    FurnitureKind::PageNumber
                } else if *top {
                    FurnitureKind::RunningHead
                } else {
                    FurnitureKind::RunningFoot
                });
            }
        }
    }
    mark_folios_in_sequence(lines, &mut kinds);
    mark_artifacts(lines, &mut kinds);
    keep_block_ends(lines, &mut kinds);
    // Furniture sits outside the text: nothing else may be printed further out on its page.
    loop {
        let mut changed = false;
        for i in 0..n {
            let Some(k) = kinds[i] else { continue };
            if k == FurnitureKind::PageNumber && is_page_number(&lines[i].text) {
                continue;
            }
            let l = &lines[i];
            let top = band(l) == Some(true);
            let outside = by_page[&l.page].iter().map(|&j| (j, &lines[j])).any(|(j, o)| {
                j != i
                    && o.page == l.page
                    && kinds[j].is_none()
                    && if top { o.bbox.y1 < l.bbox.y0 - 1.0 } else { o.bbox.y0 > l.bbox.y1 + 1.0 }
            });
            if outside {
                kinds[i] = None;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    mark_contents(lines, &by_page, &mut kinds);
    let flags = kinds.iter().map(Option::is_some).collect();
    let items = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|kind| Furniture { kind, text: lines[i].text.clone(), source: lines[i].prov() }))
        .collect();
    Furn { flags, kinds, items }
}

/// Unmarks repeated lines that go on from a line of their block that is not furniture: the
/// end of a note or paragraph ("rule.") that happens to repeat on another page's foot.
fn keep_block_ends(lines: &[TLine], kinds: &mut [Option<FurnitureKind>]) {
    for i in 1..lines.len() {
        let (p, l) = (&lines[i - 1], &lines[i]);
        let repeated = kinds[i].is_some_and(|k| k != FurnitureKind::PageNumber) && !is_artifact(l);
        if repeated && !l.block_start && p.block == l.block && kinds[i - 1].is_none() {
            kinds[i] = None;
        }
    }
}

/// Whether a tagged PDF marks every word of the line as an artifact.
pub(crate) fn is_artifact(l: &TLine) -> bool {
    !l.words.is_empty() && l.words.iter().all(|w| w.artifact)
}

/// Marks the lines a tagged PDF calls artifacts, in a page's head or foot band, as furniture:
/// a page number, else a running head or foot by the band.
///
/// The tags are evidence where geometry has none (a head printed on one page only, a short
/// document); they are trusted only while artifacts are a small share of the lines, since
/// a converter that marks whole pages as artifacts is not telling furniture apart.
fn mark_artifacts(lines: &[TLine], kinds: &mut [Option<FurnitureKind>]) {
    let marked = lines.iter().filter(|l| is_artifact(l)).count();
    if marked == 0 || marked * 5 > lines.len() {
        return;
    }
    for (i, l) in lines.iter().enumerate() {
        if kinds[i].is_some() || !is_artifact(l) {
            continue;
        }
        let Some(top) = band(l) else { continue };
        kinds[i] = Some(if is_page_number(&l.text) {
            FurnitureKind::PageNumber
        } else if top {
            FurnitureKind::RunningHead
        } else {
            FurnitureKind::RunningFoot
        });
    }
}

/// Marks lone page numbers that continue the document's folio sequence.
///
/// The folios found (page numbers, and numbers opening or closing running heads and feet)
/// give the offset between printed and physical page when two or more agree; a number
/// alone in a page's head or foot band that fits that offset is the page's folio, even where
/// that page sets it apart from the others (a first page's foot among journal lines).
fn mark_folios_in_sequence(lines: &[TLine], kinds: &mut [Option<FurnitureKind>]) {
    let folio = |t: &str| -> Option<i64> {
        let t = t.trim();
        let first = t.split_whitespace().next()?;
        let last = t.split_whitespace().last()?;
        [first, last].into_iter().find(|w| (1..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())).and_then(|w| w.parse().ok())
    };
    let mut votes: HashMap<i64, usize> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if kinds[i].is_some_and(|k| k != FurnitureKind::Contents) {
            if let Some(n) = folio(&l.text) {
                *votes.entry(n - l.page as i64).or_default() += 1;
            }
        }
    }
    let Some((offset, n)) = votes.into_iter().max_by_key(|&(o, n)| (n, std::cmp::Reverse(o.abs()))) else { return };
    if n < 2 {
        return;
    }
    for (i, l) in lines.iter().enumerate() {
        if kinds[i].is_none() && band(l).is_some() && l.text.trim().chars().all(|c| c.is_ascii_digit()) && l.text.trim().parse::<i64>().ok() == Some(l.page as i64 + offset) {
            kinds[i] = Some(FurnitureKind::PageNumber);
        }
    }
}

/// Whether a line is an entry of a printed table of contents: text, then a leader of dots
/// (eight or more, spaced or not), then at most a page reference.
fn is_contents_entry(text: &str) -> bool {
    let t = text.trim_end();
    let tail = t.trim_end_matches(|c: char| c.is_alphanumeric() || c == '-' || c == '–').trim_end();
    let dots = tail.chars().rev().take_while(|&c| c == '.' || c == ' ' || c == '…').filter(|&c| c != ' ').count();
    let before = tail.trim_end_matches(['.', ' ', '…']);
    dots >= 8 && before.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Marks a printed table of contents as furniture: two or more entries on a page (see
/// [`is_contents_entry`]), with the heading that names it ("Contents", "Table of
/// Contents") and up to two lines between them.
fn mark_contents(lines: &[TLine], by_page: &HashMap<u32, Vec<usize>>, kinds: &mut [Option<FurnitureKind>]) {
    for idx in by_page.values() {
        let entries: Vec<usize> = idx.iter().copied().filter(|&i| kinds[i].is_none() && is_contents_entry(&lines[i].text)).collect();
        if entries.len() < 2 {
            continue;
        }
        for &i in &entries {
            kinds[i] = Some(FurnitureKind::Contents);
        }
        let Some(first) = idx.iter().position(|&i| i == entries[0]) else { continue };
        let names = |t: &str| t.split_whitespace().count() <= 6 && t.to_lowercase().split_whitespace().any(|w| w == "contents");
        if let Some(h) = (first.saturating_sub(3)..first).find(|&k| kinds[idx[k]].is_none() && names(&lines[idx[k]].text)) {
            for &i in &idx[h..first] {
                if kinds[i].is_none() {
                    kinds[i] = Some(FurnitureKind::Contents);
                }
            }
        }
    }
}

/// Whether a line starts with a small number or symbol set before its text, as a note does.
fn starts_with_note_mark(l: &TLine) -> bool {
    match (l.words.first(), l.words.get(1)) {
        (Some(a), Some(b)) => {
            let t = a.text.trim();
            !t.is_empty()
                && t.chars().all(|c| c.is_ascii_digit() || "*†‡§".contains(c))
                && a.size < b.size * 0.85
        }
        _ => false,
    }
}

/// Marks as running heads or feet the outermost band lines that repeat the front matter.
///
/// In a short document a running head may be printed on one page only; that it repeats
/// the series or the title (or the title's first part) shows what it is.
pub(crate) fn mark_echoes(lines: &[TLine], furn: &mut Furn, first_page: u32, echoes: &[&str]) {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let echoes: Vec<String> = echoes.iter().map(|e| norm(e)).filter(|e| e.chars().count() >= 4).collect();
    let by_page = page_index(lines);
    for i in 0..lines.len() {
        let l = &lines[i];
        if furn.flags[i] || l.page == first_page {
            continue;
        }
        let Some(top) = band(l) else { continue };
        let t = norm(l.text.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()));
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace()).to_string();
        if t.chars().count() < 4 || !band_edge_ignoring(lines, &by_page[&l.page], &furn.flags, i, top) {
            continue;
        }
        if echoes.iter().any(|e| *e == t || (e.starts_with(&t) && t.chars().count() * 2 >= e.chars().count().min(40))) {
            let kind = if top { FurnitureKind::RunningHead } else { FurnitureKind::RunningFoot };
            furn.flags[i] = true;
            furn.kinds[i] = Some(kind);
            furn.items.push(Furniture { kind, text: l.text.clone(), source: l.prov() });
        }
    }
}

/// The indices of each page's lines, in order: the band tests look at one page only.
fn page_index(lines: &[TLine]) -> HashMap<u32, Vec<usize>> {
    let mut by: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, l) in lines.iter().enumerate() {
        by.entry(l.page).or_default().push(i);
    }
    by
}

/// Whether line `i` is outermost on its page once furniture is set aside (`on_page`: its page's lines).
fn band_edge_ignoring(lines: &[TLine], on_page: &[usize], flags: &[bool], i: usize, top: bool) -> bool {
    let l = &lines[i];
    !on_page.iter().map(|&j| (j, &lines[j])).any(|(j, o)| {
        j != i && !flags[j] && o.page == l.page && if top { o.bbox.y1 < l.bbox.y0 - 1.0 } else { o.bbox.y0 > l.bbox.y1 + 1.0 }
    })
}

/// Whether line `i` is the outermost text of its page on its side (`on_page`: its page's lines).
fn band_edge(lines: &[TLine], on_page: &[usize], i: usize, top: bool) -> bool {
    let l = &lines[i];
    let mut same_page = on_page.iter().map(|&j| &lines[j]).filter(|o| o.page == l.page);
    if top {
        !same_page.any(|o| o.bbox.y1 < l.bbox.y0 - 1.0)
    } else {
        !same_page.any(|o| o.bbox.y0 > l.bbox.y1 + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::lines::collect_lines;
    use super::*;

    fn three_pages() -> crate::layout::Layout {
        let mut b = Builder::new();
        for p in 1..=3 {
            b = b.page();
            if p > 1 {
                b = b.block(&[("Working Paper Series", 72.0, 40.0, 8.0, REGULAR)]);
            }
            b = b.para(72.0, 200.0, &["Body text of the page sits here in the middle."]);
            let folio = format!("– {p} –");
            b = b.block(&[(folio.as_str(), 290.0, 800.0, 8.0, REGULAR)]);
        }
        b.build()
    }

    #[test]
    fn repeated_head_and_page_numbers_are_furniture() {
        let lines = collect_lines(&three_pages());
        let f = detect(&lines);
        let texts: Vec<(&str, FurnitureKind)> =
            f.items.iter().map(|x| (x.text.as_str(), x.kind)).collect();
        assert!(texts.contains(&("Working Paper Series", FurnitureKind::RunningHead)));
        assert!(texts.contains(&("– 2 –", FurnitureKind::PageNumber)));
        assert!(!f.items.iter().any(|x| x.text.starts_with("Body")));
        assert_eq!(f.items.len(), 5);
    }

    #[test]
    fn printed_table_of_contents_is_kept_apart_with_its_heading() {
        let l = Builder::new()
            .page()
            .block(&[("Table of Contents", 72.0, 100.0, 14.0, BOLD)])
            .block(&[("Click an entry to jump to it.", 72.0, 120.0, 10.0, REGULAR)])
            .block(&[("Introduction ........................................ 1", 72.0, 140.0, 10.0, REGULAR)])
            .block(&[("5.1 Mitigation Measures ...............................5-4", 72.0, 152.0, 10.0, REGULAR)])
            .block(&[("A. Personal link and Sub-Menu ......................", 72.0, 164.0, 10.0, REGULAR)])
            .para(72.0, 300.0, &["Body text with an ellipsis... and no leader at all, which runs", "on for a while."])
            .build();
        let lines = collect_lines(&l);
        let f = detect(&lines);
        let contents: Vec<&str> = f.items.iter().filter(|x| x.kind == FurnitureKind::Contents).map(|x| x.text.as_str()).collect();
        assert_eq!(contents.len(), 5, "{contents:?}");
        assert!(!f.items.iter().any(|x| x.text.starts_with("Body")));
    }

    #[test]
    fn body_text_in_the_middle_is_never_furniture() {
        let lines = collect_lines(&three_pages());
        let f = detect(&lines);
        for (l, flag) in lines.iter().zip(&f.flags) {
            if l.text.starts_with("Body") {
                assert!(!flag);
            }
        }
    }

    #[test]
    fn the_last_line_of_a_note_repeated_at_two_page_feet_is_not_a_foot() {
        let mut b = Builder::new();
        for month in ["June", "March", "May"] {
            b = b.page().para(72.0, 200.0, &["Body text of the page sits here in the middle."]).block(&[
                (&format!("4 This section draws on a workshop held in {month} 2022 under the Chatham House"), 72.0, 778.0, 8.0, REGULAR),
                ("rule.", 80.0, 788.0, 8.0, REGULAR),
            ]);
        }
        let lines = collect_lines(&b.build());
        let f = detect(&lines);
        assert!(f.items.iter().all(|x| x.text != "rule."), "{:?}", f.items);
    }

    #[test]
    fn repeated_text_with_text_below_it_is_not_a_foot() {
        let mut b = Builder::new();
        for tail in ["for the years 2018–2023.", "for the years 2009–2013 only."] {
            b = b
                .page()
                .para(72.0, 200.0, &["Body text of the page sits here in the middle."])
                .block(&[("1 Author's calculation based on budget data", 72.0, 760.0, 8.0, REGULAR)])
                .block(&[(tail, 72.0, 790.0, 8.0, REGULAR)]);
        }
        let lines = collect_lines(&b.build());
        let f = detect(&lines);
        assert!(f.items.iter().all(|x| !x.text.contains("calculation")), "{:?}", f.items);
    }

    #[test]
    fn repeated_note_text_with_unrelated_numbers_is_not_furniture() {
        let mut b = Builder::new();
        for note in ["1 For a detailed discussion, see the references.", "", "", "9 For a detailed discussion, see the references."] {
            b = b.page().para(72.0, 200.0, &["Body text of the page sits here in the middle."]);
            if !note.is_empty() {
                b = b.block(&[(note, 72.0, 790.0, 8.0, REGULAR)]);
            }
        }
        let f = detect(&collect_lines(&b.build()));
        assert!(f.items.is_empty(), "{:?}", f.items);
    }

    #[test]
    fn lone_number_continuing_the_folio_sequence_is_a_page_number() {
        let body = |b: Builder, y: f32| b.para(72.0, y, &["Body text runs on here in long lines across", "the page and ends on this line here."]);
        let mut b = body(Builder::new().page(), 100.0);
        // Page 1 prints its folio in the foot beside journal lines; the others in the head.
        b = b.block(&[("147", 290.0, 790.0, 9.0, REGULAR)]).block(&[("Journal of Things (2004) 271, 147-152", 50.0, 790.0, 8.0, REGULAR)]).block(&[("DOI 10.1098/xyz", 50.0, 800.0, 8.0, REGULAR)]);
        for head in ["148 A. Author Running title", "Running title A. Author 149", "150 A. Author Running title", "Running title A. Author 151"] {
            b = body(b.page().block(&[(head, 72.0, 40.0, 9.0, REGULAR)]), 100.0);
        }
        let lines = collect_lines(&b.build());
        let f = detect(&lines);
        let kind = |t: &str| lines.iter().position(|l| l.text == t).and_then(|i| f.kinds[i]);
        assert_eq!(kind("147"), Some(FurnitureKind::PageNumber));
        assert_eq!(kind("Journal of Things (2004) 271, 147-152"), None);
    }

    #[test]
    fn a_worded_number_alone_atop_one_page_is_text_but_repeated_it_is_a_folio() {
        let mut b = Builder::new();
        for p in 1..=3 {
            b = b.page();
            if p == 2 {
                b = b.block(&[("Step 1", 72.0, 40.0, 10.0, ITALIC)]);
            }
            let folio = format!("Page {p}");
            b = b.para(72.0, 200.0, &["Body text of the page sits here in the middle."]).block(&[(folio.as_str(), 290.0, 800.0, 8.0, REGULAR)]);
        }
        let lines = collect_lines(&b.build());
        let f = detect(&lines);
        let kind = |t: &str| lines.iter().position(|l| l.text == t).and_then(|i| f.kinds[i]);
        assert_eq!(kind("Step 1"), None);
        assert_eq!(kind("Page 2"), Some(FurnitureKind::PageNumber));
    }

    #[test]
    fn a_head_tagged_as_an_artifact_is_furniture_on_a_page_of_its_own() {
        let build = |tagged_share: usize| {
            let mut l = Builder::new()
                .page()
                .block(&[("Quarterly Review, Draft for Comment", 72.0, 40.0, 9.0, REGULAR)])
                .para(72.0, 200.0, &["Body text of the page sits here in the middle."; 12])
                .build();
            for (k, line) in l.pages[0].blocks.iter_mut().flat_map(|b| b.lines.iter_mut()).enumerate() {
                if k < tagged_share {
                    line.words.iter_mut().for_each(|w| w.artifact = true);
                }
            }
            let lines = collect_lines(&l);
            detect(&lines).items.into_iter().map(|x| (x.kind, x.text)).collect::<Vec<_>>()
        };
        assert_eq!(build(0), vec![]);
        assert_eq!(build(1), vec![(FurnitureKind::RunningHead, "Quarterly Review, Draft for Comment".to_string())]);
        // A converter that marks most of the text as artifacts is no evidence.
        assert_eq!(build(4), vec![]);
    }

    #[test]
    fn page_number_patterns() {
        for s in ["3", "– 3 –", "Page 3", "Page 3 of 9", "iv", "- 12 -", "5-1", "5-i", "A-12"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2024 was a year", "Section 3 begins here", "Figure"] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
