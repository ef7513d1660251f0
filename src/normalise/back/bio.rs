//! Author bios: paragraphs that open with an author's name.

use unicode_normalization::UnicodeNormalization;

use super::scan::{self, LETTER, UPPER};
use crate::tree::Author;

/// Bio headings, lower case, every spelling written out.
const ABOUT: &[&str] = &[
    "about the author",
    "about the authors",
    "about the contributor",
    "about the contributors",
    "the author",
    "the authors",
    "author",
    "authors",
    "contributor",
    "contributors",
    "author biography",
    "author biographies",
    "biography",
    "biographies",
    "notes on contributors",
];

/// Whether a line is a bio heading such as "About the Authors".
pub(crate) fn is_about_heading(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    ABOUT.iter().any(|h| scan::strip_ci(t, h).is_some_and(str::is_empty))
}

/// Whether a line opens like a bio whatever the authors: a name with its surname in capitals.
pub(crate) fn looks_like_bio_start(text: &str) -> bool {
    let t = text.trim();
    caps_within_five_words(t) && caps_name(t)
}

/// Whether `t` opens with "Given SURNAME (…) is" / "Given SURNAME,": up to four capitalised
/// words, a surname of capitals, an optional bracket, then a verb, a comma or the end.
///
/// Written out from `^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s+\p{Lu}{2,}[\p{Lu}'’-]*`
/// `(?:\s+\([^)]*\)?)?(?:\s+(?:is|was|has|serves|teaches|works|holds)\b|,|$)`, whose
/// compilation cost more than most documents' matches. Words are split at white space: each
/// given name must fill its word, since only white space may follow it.
fn caps_name(t: &str) -> bool {
    let given = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| UPPER.has(c)) && cs.all(|c| LETTER.has(c) || matches!(c, '\'' | '’' | '.' | '-'))
    };
    // The words and where each starts.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut rest = t;
    while words.len() < 5 {
        let Some(w) = rest.split(char::is_whitespace).next().filter(|w| !w.is_empty()) else { break };
        words.push((t.len() - rest.len(), w));
        match scan::ws1(&rest[w.len()..]) {
            Some(r) => rest = r,
            None => break,
        }
    }
    for k in 1..words.len() {
        if !given(words[k - 1].1) {
            return false;
        }
        let (at, _) = words[k];
        if surname_then_tail(&t[at..]) {
            return true;
        }
    }
    false
}

/// Whether `s` opens with a surname in capitals followed by the end of a bio's first words.
fn surname_then_tail(s: &str) -> bool {
    let mut cs = s.char_indices();
    let caps = cs.by_ref().take_while(|&(_, c)| UPPER.has(c)).count();
    if caps < 2 {
        return false;
    }
    let end = s.char_indices().find(|&(_, c)| !(UPPER.has(c) || matches!(c, '\'' | '’' | '-'))).map_or(s.len(), |(i, _)| i);
    let rest = &s[end..];
    if tail(rest) {
        return true;
    }
    // An optional bracket: "(…)" or an unclosed "(…", ended anywhere the tail can follow.
    let Some(inner) = scan::ws1(rest).and_then(|r| r.strip_prefix('(')) else { return false };
    let close = inner.find(')').unwrap_or(inner.len());
    inner[..close].char_indices().map(|(i, _)| i).chain([close]).any(|i| tail(&inner[i..]))
        || inner[close..].strip_prefix(')').is_some_and(tail)
}

/// Whether `s` is empty, starts with a comma, or with white space and a verb such as "is".
fn tail(s: &str) -> bool {
    if s.is_empty() || s.starts_with(',') {
        return true;
    }
    let Some(r) = scan::ws1(s) else { return false };
    ["is", "was", "has", "serves", "teaches", "works", "holds"]
        .iter()
        .any(|v| r.strip_prefix(v).is_some_and(|after| !after.chars().next().is_some_and(scan::is_word)))
}

/// Whether the first five words start with capitals and one after the first opens with two.
///
/// A cheap test that every [`caps_name`] match passes (a `\p{Lu}` letter is upper case).
fn caps_within_five_words(t: &str) -> bool {
    for (k, w) in t.split_whitespace().take(5).enumerate() {
        let mut cs = w.chars();
        let (a, b) = (cs.next(), cs.next());
        if !a.is_some_and(char::is_uppercase) {
            return false;
        }
        if k > 0 && b.is_some_and(char::is_uppercase) {
            return true;
        }
    }
    false
}

/// Lower case without accents, for comparing names.
pub(crate) fn fold(s: &str) -> String {
    // ASCII text has no marks to drop and lower-cases byte by byte.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect::<String>().to_lowercase()
}

/// Which author a line opens a bio for: their surname among the first words, not followed by
/// a comma (that is a reference), the words before it capitalised like given names.
///
/// Authors already given a bio (`taken`) come last; an author whose given name also matches
/// comes first.
pub(crate) fn bio_author(text: &str, authors: &[Author], taken: &[bool]) -> Option<usize> {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    // Each word folded once, not once per author.
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut best: Option<(usize, u8)> = None;
    for (ai, a) in authors.iter().enumerate() {
        let sur = fold(&a.surname);
        let sur_words: Vec<&str> = sur.split_whitespace().collect();
        if sur_words.is_empty() {
            continue;
        }
        for start in 0..words.len() {
            let end = start + sur_words.len();
            if end > words.len() || start > 4 {
                break;
            }
            let cand = &folded[start..end];
            let last = cand.last().map(String::as_str).unwrap_or("");
            let cand_ok = cand[..cand.len() - 1].iter().zip(&sur_words).all(|(c, s)| c == s)
                && last.trim_end_matches(['.', ':']) == *sur_words.last().unwrap_or(&"");
            if !cand_ok || last.ends_with(',') {
                continue;
            }
            let before = &words[..start];
            if !before.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase())) {
                continue;
            }
            // A single word is a surname alone only when printed in capitals.
            let printed = words[start..end].join(" ");
            if start == 0 && !printed.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) {
                continue;
            }
            let given_ok = a.given.as_deref().is_some_and(|g| fold(&before.join(" ")) == fold(g));
            let score = u8::from(given_ok) * 2 + u8::from(!taken.get(ai).copied().unwrap_or(false));
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((ai, score));
            }
            break;
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(given: &str, surname: &str) -> Author {
        Author { given: Some(given.into()), surname: surname.into(), bio: None, affiliations: Vec::new() }
    }

    #[test]
    fn bio_start_needs_a_capitalised_surname_among_the_first_words() {
        assert!(looks_like_bio_start("Jane Q. DOE is a senior fellow"));
        assert!(looks_like_bio_start("José María GARCÍA, director"));
        assert!(!looks_like_bio_start("Jane Doe is a senior fellow"));
        assert!(!looks_like_bio_start("The NATO summit"));
        assert!(!looks_like_bio_start("A B C D E FOO"));
    }

    #[test]
    fn bio_opens_with_name_in_capitals() {
        let a = [author("Leif-Eric", "Easley")];
        assert_eq!(bio_author("Leif-Eric EASLEY (Ph.D. in Government, Harvard University) is a professor", &a, &[false]), Some(0));
        assert!(looks_like_bio_start("Leif-Eric EASLEY (Ph.D. in Government, Harvard University) is a professor"));
    }

    #[test]
    fn accents_and_case_are_folded() {
        let a = [author("Julia S.", "Szabó"), author("Zsófia", "Martínez")];
        assert_eq!(bio_author("Zsófia MARTÍNEZ is an associate professor", &a, &[false, false]), Some(1));
        assert_eq!(bio_author("Julia S. SZABO is director of the Center", &a, &[false, false]), Some(0));
    }

    #[test]
    fn reference_by_the_author_is_not_a_bio() {
        let a = [author("Leif-Eric", "Easley")];
        assert_eq!(bio_author("Easley, Leif-Eric. 2017. \"North Korean Identity.\"", &a, &[false]), None);
        assert_eq!(bio_author("and Leif-Eric Easley wrote that the regime is", &a, &[false]), None);
        assert!(!looks_like_bio_start("Easley, Leif-Eric. 2017. \"North Korean Identity.\""));
    }

    #[test]
    fn same_surname_is_told_apart_by_given_name() {
        let a = [author("Ha-neul", "Kim"), author("Da-eun", "Kim")];
        assert_eq!(bio_author("Da-eun KIM (김다은) is an assistant professor", &a, &[false, false]), Some(1));
        assert_eq!(bio_author("Ha-neul KIM (김하늘) is a senior research fellow", &a, &[false, false]), Some(0));
    }

    #[test]
    fn about_heading() {
        assert!(is_about_heading("About the Authors"));
        assert!(is_about_heading("ABOUT THE AUTHOR"));
        assert!(!is_about_heading("About the authors of the policy"));
    }

    #[test]
    fn written_out_shapes_match_as_the_patterns_did() {
        use crate::normalise::back::scan::samples;
        use regex::Regex;
        let about = Regex::new(r"(?i)^(?:about the (?:authors?|contributors?)|the authors?|authors?|contributors?|author biograph(?:y|ies)|biograph(?:y|ies)|notes on contributors)\s*:?$").expect("valid");
        let caps = Regex::new(r"^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s+\p{Lu}{2,}[\p{Lu}'’-]*(?:\s+\([^)]*\)?)?(?:\s+(?:is|was|has|serves|teaches|works|holds)\b|,|$)").expect("valid");
        let heads = ["about", "About", " ", "the ", "THE ", "author", "AUTHOR", "s", "\u{17F}", "contributor", "biograph", "y", "ies", "notes on ", ":", "\u{a0}", "x"];
        let mut hits = [0usize; 2];
        for t in samples(&heads, 5, 30_000) {
            hits[0] += usize::from(is_about_heading(&t));
            assert_eq!(is_about_heading(&t), about.is_match(t.trim()), "{t:?}");
        }
        let pieces = ["Jane", "J.", "Leif-Eric", "DOE", "KIM", "D", "O'", "’", "-", " ", "  ", "\u{a0}", "(", ")", "Ph.D.", ",", "is", "was", "holds", "isn", "a", "é", "É", "Ⅰ", "ǅ", "김", "x1", "\n", "Ⓐ", "serves"];
        for t in samples(&pieces, 10, 100_000) {
            hits[1] += usize::from(caps_name(&t));
            assert_eq!(caps_name(&t), caps.is_match(&t), "{t:?}");
        }
        // Both shapes were met as matches, not only as misses.
        assert!(hits.iter().all(|&h| h >= 20), "{hits:?}");
    }

}
