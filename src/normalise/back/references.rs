//! The reference list: its heading, where each entry starts, and the entries' text.

use super::scan::{self, HAN, HANGUL, LETTER, UPPER};
use super::text::{is_url_token, join_lines, Vocab};
use super::BackLine;

pub(crate) use super::parse::parse_reference;

// The shapes below were regular expressions; compiling them cost more than most documents'
// matches, so they are written out (the tests compare them with the patterns on many strings).

/// Reference-list headings, lower case, every spelling written out (the Korean one also
/// printed with a space inside).
const HEADINGS: &[&str] = &[
    "reference",
    "references",
    "reference list",
    "references list",
    "bibliography",
    "select bibliography",
    "selected bibliography",
    "works cited",
    "literature",
    "literature cited",
    "cited works",
    "sources",
    "references and notes",
    "참고문헌",
    "参考文献",
    "文献",
];

/// Whether `t` is a heading name, then an optional colon: `(?i)^(?:[0-9IVX]+\.?\s+)?(?:references?|…)\s*:?$`.
fn heading_shape(t: &str) -> bool {
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let name = |s: &str| {
        HEADINGS.iter().any(|h| scan::strip_ci(s, h).is_some_and(str::is_empty))
            || s.strip_prefix("참고").and_then(|r| r.strip_suffix("문헌")).is_some_and(|mid| {
                let mut m = mid.chars();
                m.next().is_some_and(char::is_whitespace) && m.next().is_none()
            })
    };
    if name(t) {
        return true;
    }
    // A number before the name: its digits and Roman letters taken whole (no name starts with one).
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'));
    if rest.len() == t.len() {
        return false;
    }
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    scan::ws1(rest).is_some_and(name)
}

/// `t` after a repeated-author dash and its period or comma: `^(?:[—–―_-]\s*){1,8}[.,]`.
fn dash_start(t: &str) -> Option<&str> {
    let mut s = t;
    let mut n = 0;
    while n < 8 {
        let Some(r) = s.strip_prefix(['\u{2014}', '\u{2013}', '\u{2015}', '_', '-']) else { break };
        s = r.trim_start();
        n += 1;
    }
    if n == 0 {
        return None;
    }
    s.strip_prefix(['.', ','])
}

/// The number and what follows "[12] " at the start of `t`: `^\[([0-9]{1,4})\]\s+\S`.
fn label_start(t: &str) -> Option<&str> {
    let (num, rest) = scan::digits(t.strip_prefix('[')?, 1, 4)?;
    let rest = scan::ws1(rest.strip_prefix(']')?)?;
    (!rest.is_empty()).then_some(num)
}

/// Most characters between an entry's first letter and the punctuation before its year.
const AUTHOR_YEAR_MAX: usize = 200;

/// Whether a line is a reference-list heading ("References", "Bibliography", "Works Cited", …).
pub(crate) fn is_heading(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 40 && heading_shape(t)
}

/// The printed number of a "[n]"-labelled entry.
pub(crate) fn bracket_label(text: &str) -> Option<u32> {
    label_start(text.trim_start()).and_then(|m| m.parse().ok())
}

/// Whether a line reads like the first line of a reference: a repeated-author dash, a "[n]"
/// label, or an author list followed by a year.
pub(crate) fn looks_like_start(text: &str) -> bool {
    let t = text.trim_start();
    dash_start(t).is_some() || label_start(t).is_some() || author_year(t)
}

/// Whether `t` opens with an author list followed by a year: "Surname, Given … 2019." /
/// "Surname, A. (2019" / "Institution. 2019." / "홍길동. 2019.", the author part at most
/// [`AUTHOR_YEAR_MAX`] characters.
///
/// As `^[\p{Lu}\p{Hangul}\p{Han}]([^0-9]*?)[.,]\s+\(?(?:1[5-9]|20)[0-9]{2}[a-z]?(?:[.,)]|$)` with
/// the lazy author part's length checked: the shortest author part that fits is the one the
/// pattern found, so a longer one never fits the limit when it does not.
fn author_year(t: &str) -> bool {
    let mut cs = t.chars();
    if !cs.next().is_some_and(|c| UPPER.has(c) || HANGUL.has(c) || HAN.has(c)) {
        return false;
    }
    let body = cs.as_str();
    for (n, (i, c)) in body.char_indices().enumerate() {
        if n > AUTHOR_YEAR_MAX || c.is_ascii_digit() {
            return false;
        }
        if matches!(c, '.' | ',') && year_after(&body[i + 1..]) {
            return true;
        }
    }
    false
}

/// Whether `s` is `\s+\(?` then a year, an optional letter and `[.,)]` or the end.
fn year_after(s: &str) -> bool {
    let Some(s) = scan::ws1(s) else { return false };
    let s = s.strip_prefix('(').unwrap_or(s);
    let Some(n) = scan::year_at(s) else { return false };
    let s = &s[n..];
    let s = s.strip_prefix(|c: char| c.is_ascii_lowercase()).unwrap_or(s);
    s.is_empty() || s.starts_with(['.', ',', ')'])
}

/// The digits of an opening "12. " and the text after it: `^([0-9]{1,4})\.\s+`.
fn number_and_text(t: &str) -> Option<(&str, &str)> {
    let (n, r) = scan::digits(t, 1, 4)?;
    Some((n, scan::ws1(r.strip_prefix('.')?)?))
}

/// Whether `t` opens with "12. " and a capital: `^([0-9]{1,4})\.\s+\p{Lu}`.
fn num_start(t: &str) -> bool {
    number_and_text(t).is_some_and(|(_, r)| r.chars().next().is_some_and(|c| UPPER.has(c)))
}

/// The number of an entry opening "12. " and a letter (of either case: "1. de Azambuja")
/// or a repeated-author dash ("3. ———. 2021.").
fn num_label(t: &str) -> Option<u32> {
    let (n, r) = number_and_text(t)?;
    (r.chars().next().is_some_and(char::is_alphabetic) || dash_start(r).is_some()).then(|| n.parse().ok()).flatten()
}

/// Whether `t` opens with "Surname, Given": `^\p{Lu}[\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?,\s+\p{Lu}`.
fn surname_comma(t: &str) -> bool {
    let name_char = |c: char| LETTER.has(c) || matches!(c, '\'' | '’' | '-');
    // A capital then one or more name characters, taken whole (a space or comma ends them).
    let word = |s: &str| -> Option<usize> {
        let mut cs = s.char_indices();
        let (_, c) = cs.next()?;
        if !UPPER.has(c) {
            return None;
        }
        let end = cs.find(|&(_, c)| !name_char(c)).map_or(s.len(), |(i, _)| i);
        (end > c.len_utf8()).then_some(end)
    };
    let Some(n) = word(t) else { return false };
    let mut rest = &t[n..];
    if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
        if let Some(m) = word(&rest[c.len_utf8()..]) {
            rest = &rest[c.len_utf8() + m..];
        }
    }
    rest.strip_prefix(',').and_then(scan::ws1).is_some_and(|r| r.chars().next().is_some_and(|c| UPPER.has(c)))
}

/// Index of the reference-list heading, or of the first line where two references follow.
pub(crate) fn find_list_start(lines: &[BackLine]) -> Option<usize> {
    if let Some(i) = lines.iter().rposition(|l| is_heading(&l.text)) {
        return Some(i);
    }
    (0..lines.len()).find(|&i| list_starts_at(lines, i))
}

/// Whether an unheaded reference list starts at line `i`: it opens like an entry and so
/// does one of the next lines. Numbered entries right under a "Notes" heading are notes.
pub(crate) fn list_starts_at(lines: &[BackLine], i: usize) -> bool {
    looks_like_start(&lines[i].text)
        && lines[i + 1..].iter().take(6).any(|l| looks_like_start(&l.text))
        && !lines[i].text.trim_start().starts_with('-')
        && !i.checked_sub(1).is_some_and(|p| super::super::notes::is_notes_label(&lines[p].text))
}

/// Splits the lines of a reference list into entries, as lists of line indices.
///
/// Numbered lists split at their labels; hanging-indent lists at outdented lines; others at
/// lines shaped like an entry's start. Page-bottom notes inside the list are left out.
pub(crate) fn split_entries(lines: &[BackLine]) -> Vec<Vec<usize>> {
    let keep = not_footnotes(lines);
    let idx: Vec<usize> = (0..lines.len()).filter(|&i| keep[i] && !lines[i].text.trim().is_empty()).collect();
    if idx.is_empty() {
        return vec![];
    }
    let label = |i: usize| bracket_label(&lines[i].text).or_else(|| num_label(lines[i].text.trim_start()));
    // A numbered list: its first entry is labelled, and so is another line with the next number.
    let numbered = bracket_label(&lines[idx[0]].text).is_some()
        || num_start(lines[idx[0]].text.trim_start())
        || label(idx[0]).is_some_and(|n| idx.iter().skip(1).take(12).any(|&i| label(i) == Some(n + 1)));
    let mut last_label: Option<u32> = None;
    let indent = indents(lines);
    let indented = idx.iter().filter(|&&i| indent[i] > 3.0).count();
    let hanging = !numbered && indented * 5 >= idx.len() && indent[idx[0]] <= 2.0;
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &i in &idx {
        let t = lines[i].text.trim_start();
        let first = t.chars().next().unwrap_or(' ');
        let prev_open = out.last().is_some_and(|e| ends_open(lines, e));
        let starts = if numbered {
            // Labels run in sequence: a line opening on another number ("2001. Hum Reprod")
            // goes on the entry before; a gap of a number or two is allowed for a lost entry.
            match label(i) {
                Some(n) => {
                    let next = last_label.is_none_or(|last| (last + 1..=last + 3).contains(&n));
                    if next {
                        last_label = Some(n);
                    }
                    next
                }
                None => false,
            }
        } else if hanging {
            indent[i] <= 2.0 && (looks_like_start(t) || (first.is_uppercase() || first == '“' || first == '"') && !prev_open)
        } else {
            looks_like_start(t) || lines[i].block_start && surname_comma(t) && !prev_open
        };
        match out.last_mut() {
            Some(e) if !starts => e.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The entry's text: lines joined, hyphens repaired, broken URLs rejoined.
pub(crate) fn entry_text(lines: &[BackLine], entry: &[usize], vocab: &Vocab) -> String {
    let texts: Vec<&str> = entry.iter().map(|&i| lines[i].text.as_str()).collect();
    join_lines(&texts, vocab)
}

/// Whether an entry's last line ends inside a URL or a hyphenated word.
fn ends_open(lines: &[BackLine], entry: &[usize]) -> bool {
    let Some(&last) = entry.last() else { return false };
    let t = lines[last].text.trim_end();
    let tok = t.rsplit(' ').next().unwrap_or("");
    t.ends_with('-') || t.ends_with('\u{ad}') || (is_url_token(tok) && !tok.ends_with('.'))
}

/// How far each line starts right of the left edge of its column, in points.
///
/// Columns are found per page by clustering line starts; a gap wider than any hanging indent
/// separates two columns.
fn indents(lines: &[BackLine]) -> Vec<f32> {
    const COLUMN_GAP: f32 = 60.0;
    let mut out = vec![0.0; lines.len()];
    let mut pages: Vec<u32> = lines.iter().map(|l| l.page).collect();
    pages.sort_unstable();
    pages.dedup();
    for p in pages {
        let on: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].page == p).collect();
        let mut xs: Vec<f32> = on.iter().map(|&i| lines[i].bbox.x0).collect();
        xs.sort_by(f32::total_cmp);
        let mut lefts = Vec::new();
        for (k, &x) in xs.iter().enumerate() {
            if k == 0 || x - xs[k - 1] > COLUMN_GAP {
                lefts.push(x);
            }
        }
        for &i in &on {
            let x = lines[i].bbox.x0;
            let left = lefts.iter().rev().find(|&&l| l <= x + 0.01).copied().unwrap_or(x);
            out[i] = x - left;
        }
    }
    out
}

/// Marks page-bottom footnotes ("14 The comparison …") printed inside the list as not kept.
fn not_footnotes(lines: &[BackLine]) -> Vec<bool> {
    let mut keep = vec![true; lines.len()];
    let mut pitches: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[1].bbox.y0 > w[0].bbox.y0)
        .map(|w| w[1].bbox.y0 - w[0].bbox.y0)
        .collect();
    if pitches.is_empty() {
        return keep;
    }
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches[pitches.len() / 2];
    let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).filter(|s| *s > 0.0).collect();
    sizes.sort_by(f32::total_cmp);
    let body_size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    let mut i = 1;
    while i < lines.len() {
        let (a, b) = (&lines[i - 1], &lines[i]);
        let gap = b.page == a.page && b.bbox.y0 - a.bbox.y0 > 1.5 * pitch;
        let t = b.text.trim();
        let note_mark = t.chars().next().is_some_and(|c| c.is_ascii_digit())
            && t.chars().take_while(|c| c.is_ascii_digit()).count() <= 3
            && !(t.contains(". ") && num_start(t));
        let smaller = body_size > 0.0 && b.size > 0.0 && b.size < body_size - 0.7;
        if note_mark && (gap || smaller) || gap && smaller {
            let mut k = i;
            while k < lines.len() && lines[k].page == b.page {
                keep[k] = false;
                k += 1;
            }
            i = k;
            continue;
        }
        i += 1;
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Rect;

    fn line(text: &str, x0: f32, y0: f32, block_start: bool) -> BackLine {
        BackLine { text: text.into(), page: 1, bbox: Rect { x0, y0, x1: x0 + 300.0, y1: y0 + 10.0 }, size: 10.0, block_start, ..BackLine::default() }
    }

    fn texts(lines: &[BackLine]) -> Vec<String> {
        let vocab = Vocab::from_lines(lines.iter().map(|l| l.text.as_str()));
        split_entries(lines).iter().map(|e| entry_text(lines, e, &vocab)).collect()
    }

    #[test]
    fn heading_names_are_recognised_but_not_notes() {
        for h in ["References", "BIBLIOGRAPHY", "Works Cited", "Sources", "참고문헌", "5. References"] {
            assert!(is_heading(h), "{h}");
        }
        for h in ["Notes", "References to the past are many", "Endnotes"] {
            assert!(!is_heading(h), "{h}");
        }
    }

    #[test]
    fn hanging_indent_splits_entries_and_joins_broken_urls() {
        let lines = vec![
            line("Easley, Leif-Eric. 2017. \"North Korean Identity.\" Korean Social", 50.0, 100.0, true),
            line("Science Journal, 44(1): 51-71.", 70.0, 112.0, false),
            line("———. 2023. \"Stabilizing Relations.\" Pacific Review. https://www.tandfonline.com/doi/10.1080/09512748.2022.", 50.0, 124.0, false),
            line("2090594.", 70.0, 136.0, false),
            line("Lowy Institute. 2024. Global Diplomacy Index.", 50.0, 148.0, false),
        ];
        assert_eq!(
            texts(&lines),
            vec![
                "Easley, Leif-Eric. 2017. \"North Korean Identity.\" Korean Social Science Journal, 44(1): 51-71.",
                "———. 2023. \"Stabilizing Relations.\" Pacific Review. https://www.tandfonline.com/doi/10.1080/09512748.2022.2090594.",
                "Lowy Institute. 2024. Global Diplomacy Index.",
            ]
        );
    }

    #[test]
    fn flush_list_splits_by_shape_not_url_continuations() {
        let lines = vec![
            line("Ahn, Y.-J. (2015, May 27). The Case for Korea-Japan", 50.0, 100.0, true),
            line("Relations. Nikkei Asia. https://asia.nikkei.com/", 50.0, 112.0, false),
            line("view/the-case?utm_source=newsletter&", 50.0, 124.0, false),
            line("utm_campaign=briefing_2015", 50.0, 136.0, false),
            line("Fischer, R. A. (2020). Shuttle Diplomacy in Com-", 50.0, 148.0, true),
            line("parative Perspective. Routledge.", 50.0, 160.0, false),
        ];
        assert_eq!(
            texts(&lines),
            vec![
                "Ahn, Y.-J. (2015, May 27). The Case for Korea-Japan Relations. Nikkei Asia. https://asia.nikkei.com/view/the-case?utm_source=newsletter&utm_campaign=briefing_2015",
                "Fischer, R. A. (2020). Shuttle Diplomacy in Comparative Perspective. Routledge.",
            ]
        );
    }

    #[test]
    fn numbered_list_splits_at_labels_across_columns() {
        let lines = vec![
            line("[1] J. Whitfield, “Official Narratives,” Contemporary", 300.0, 100.0, true),
            line("Security Policy, vol. 34, no. 6, pp. 353–368, 2019.", 320.0, 112.0, false),
            line("[2] J.-W. Park, “Seoul Weighs,” East Asia Forum, 2015.", 300.0, 124.0, true),
            line("[Online]. Available: https://eastasiaforum.org/view/seoul-", 320.0, 136.0, false),
            line("weighs-new-approach?", 50.0, 700.0, false),
        ];
        let t = texts(&lines);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1], "[2] J.-W. Park, “Seoul Weighs,” East Asia Forum, 2015. [Online]. Available: https://eastasiaforum.org/view/seoul-weighs-new-approach?");
    }

    #[test]
    fn a_numbered_entry_opening_on_a_repeated_author_dash_is_an_entry() {
        let l = vec![
            line("1. Kim, Eun-ji. 2013. \"Coalitions and Credibility.\" Asian Survey.", 50.0, 100.0, true),
            line("2. ———. 2018. \"Measuring Fertility Policy.\" Asian Survey.", 50.0, 112.0, true),
            line("3. OECD. 2016. Annual Report on the Care Economy.", 50.0, 124.0, true),
        ];
        assert_eq!(split_entries(&l), vec![vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn numbered_labels_split_in_sequence_whatever_the_case_of_the_first_name() {
        let lines = vec![
            line("1. de Azambuja, E.; Cardoso, F. Ki-67 as prognostic marker. Br. J. Cancer", 36.0, 100.0, true),
            line("2007, 96, 1504–1513.", 57.0, 112.0, false),
            line("2. Inwald, E.C.; Klinkhammer-Schalke, M. Ki-67 is a prognostic parameter in", 36.0, 124.0, true),
            line("breast cancer patients: results. Breast Cancer Res. Treat. 2013, 139, 539–552.", 57.0, 136.0, false),
            line("3. Bondy CA. Care of girls and women with Turner syndrome. J Clin Endocrinol", 36.0, 148.0, true),
            line("2001. Hum Reprod 2005;20:1418–21.", 36.0, 160.0, false),
            line("4. van Dyke DL. A study. Genet Med 2010;12:52–5.", 36.0, 172.0, true),
        ];
        let t = texts(&lines);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[0].starts_with("1. de Azambuja") && t[2].ends_with("2001. Hum Reprod 2005;20:1418–21."), "{t:?}");
    }

    #[test]
    fn page_bottom_note_inside_the_list_is_left_out() {
        let mut lines = vec![
            line("Kang, Eun-ji. 2014. “Official Narratives.” Asian Perspective,", 50.0, 100.0, true),
            line("40(6): 809-832.", 70.0, 112.0, false),
            line("14 The comparison with Jakarta is imperfect.", 50.0, 300.0, true),
            line("송다은. 2019. “경제안보와 공급망 재편.” 한국정치학회보, 23(3): 170-193.", 50.0, 80.0, true),
        ];
        lines[3].page = 2;
        lines[2].size = 8.0;
        let t = texts(&lines);
        assert_eq!(t.len(), 2);
        assert!(t[1].starts_with("송다은"));
    }

    #[test]
    fn start_shapes() {
        for s in ["Chow, Jonathan T. and Leif-Eric Easley. 2019. \"R", "Cañete, A. G., & Horváth, J. A. (2013). R", "Lowy Institute. 2024. Global", "———. 2023. \"S", "- . 2023. x", "[12] A. B. C", "권다은. 2017. “북한의"] {
            assert!(looks_like_start(s), "{s}");
        }
        for s in ["Measuring Fertility Policy in East Asia, 2015–2023.” Asian", "Relations. Nikkei Asia. https://asia", "2021/06/korea-japan-relations", "Pacific, 66(6), 700–732."] {
            assert!(!looks_like_start(s), "{s}");
        }
    }

    #[test]
    fn author_part_before_the_year_is_limited_in_length() {
        let within = format!("A{}, 2019.", "b".repeat(AUTHOR_YEAR_MAX));
        let beyond = format!("A{}, 2019.", "b".repeat(AUTHOR_YEAR_MAX + 1));
        assert!(looks_like_start(&within));
        assert!(!looks_like_start(&beyond));
        // The shortest author part counts: an early year makes a long line a start.
        assert!(looks_like_start(&format!("Smith, 2019. {}, 2020.", "b".repeat(300))));
    }

    #[test]
    fn written_out_shapes_match_as_the_patterns_did() {
        use crate::normalise::back::scan::samples;
        use regex::Regex;
        let heading_re = Regex::new(r"(?i)^(?:[0-9IVX]+\.?\s+)?(?:references?(?: list)?|bibliography|select(?:ed)? bibliography|works cited|literature(?: cited)?|cited works|sources|references and notes|참고\s?문헌|参考文献|文献)\s*:?$").expect("valid");
        let dash_re = Regex::new(r"^(?:[\x{2014}\x{2013}\x{2015}_-]\s*){1,8}[.,]").expect("valid");
        let label_re = Regex::new(r"^\[([0-9]{1,4})\]\s+\S").expect("valid");
        let num = Regex::new(r"^([0-9]{1,4})\.\s+\p{Lu}").expect("valid");
        let author_year_re = Regex::new(r"^[\p{Lu}\p{Hangul}\p{Han}]([^0-9]*?)[.,]\s+\(?(?:1[5-9]|20)[0-9]{2}[a-z]?(?:[.,)]|$)").expect("valid");
        let surname_re = Regex::new(r"^\p{Lu}[\p{L}'’-]+(?:\s[\p{Lu}][\p{L}'’-]+)?,\s+\p{Lu}").expect("valid");
        let heads = ["references", "Reference", "REFERENCES", " list", "bibliography", "Select", "ed", " ", "\u{a0}", "works cited", "WORKS CITED", "wor\u{212A}s cited", "\u{17F}ources", "sources", "literature", " cited", "cited works", " and notes", "참고", "문헌", "参考文献", "文献", ":", "1", "IV", "iv", ".", "x", "Notes", "I"];
        for t in samples(&heads, 5, 40_000) {
            assert_eq!(heading_shape(&t), heading_re.is_match(&t), "{t:?}");
        }
        let starts = ["—", "–", "―", "_", "-", " ", ".", ",", "[", "]", "12", "3", "12345", "A", "é", "É", "Ⅰ", "ǅ", "홍", "中", "b", "x", "'", "’", "(", ")", "2019", "1499", "2024a", "20", "19", "aa", "\u{a0}", ",", "Kim", "Lee-Ann", "\n", "Ⓐ"];
        let mut hits = [0usize; 6];
        for t in samples(&heads, 5, 40_000) {
            hits[0] += usize::from(heading_shape(&t));
        }
        let names = ["12. ", "3.", "[", "]", "] ", "[12] ", "[12345] ", "[1]", "Kim", "Lee-Ann", "O’", "Park", "PARK", ",", ", ", " ", "J.", "A", "é", "1", "12", ". ", " 2019", "2019", " (2020", ")", "a", "\u{a0}", "Ⅰ", "ǅ", "김", "中"];
        for t in samples(&starts, 8, 100_000).into_iter().chain(samples(&names, 6, 100_000)) {
            let found = [dash_start(&t).is_some(), label_start(&t).is_some(), num_start(&t), surname_comma(&t), author_year(&t)];
            for (h, f) in hits[1..].iter_mut().zip(found) {
                *h += usize::from(f);
            }
            assert_eq!(dash_start(&t).is_some(), dash_re.is_match(&t), "dash {t:?}");
            assert_eq!(label_start(&t), label_re.captures(&t).map(|c| c.get(1).map_or("", |m| m.as_str())), "label {t:?}");
            assert_eq!(num_start(&t), num.is_match(&t), "num {t:?}");
            assert_eq!(surname_comma(&t), surname_re.is_match(&t), "surname {t:?}");
            let old = author_year_re.captures(&t).and_then(|c| c.get(1)).is_some_and(|m| m.as_str().chars().count() <= AUTHOR_YEAR_MAX);
            assert_eq!(author_year(&t), old, "author year {t:?}");
        }
        // Every shape was met as a match, not only as a miss.
        assert!(hits.iter().all(|&h| h >= 20), "{hits:?}");
    }

}
