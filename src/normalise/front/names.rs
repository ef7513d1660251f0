//! Author lines: names split from a printed list, and the affiliation markers set against them.

use super::super::lines::TLine;
use crate::tree::Author;

/// Characters that mark an affiliation or a note after a name: "Lee1", "Park*".
pub(super) fn is_marker_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | '¶')
}

/// The line's text without affiliation and note markers: raised words in smaller type, and
/// digits or symbols glued to the end of a name (see [`without_end_marker`]).
pub(super) fn strip_markers(l: &TLine) -> String {
    let mut out = String::with_capacity(l.text.len());
    for (j, w) in l.words.iter().enumerate() {
        let raised = w.size < l.size * 0.85 && w.text.chars().all(|c| is_marker_char(c) || c == ',' || c.is_ascii_lowercase());
        if raised && w.text.chars().count() <= 3 {
            continue;
        }
        if j > 0 && w.space_before && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&without_end_marker(&w.text));
    }
    // A marker set as a word of its own but glued on ("Mason†," then "*") ends a name too.
    out.split(' ').map(without_end_marker).collect::<Vec<_>>().join(" ").trim().to_string()
}

/// A word without the marker glued to its end, keeping a comma the marker held
/// ("Lee,1" and "Lee†," give "Lee,"); a word without one is returned as it is.
pub(super) fn without_end_marker(t: &str) -> std::borrow::Cow<'_, str> {
    let core = t.trim_end_matches(|c: char| is_marker_char(c) || c == ',');
    let tail = &t[core.len()..];
    if !core.chars().last().is_some_and(char::is_alphabetic) || !tail.chars().any(is_marker_char) {
        return t.into();
    }
    if tail.contains(',') {
        format!("{core},").into()
    } else {
        core.into()
    }
}

/// The separate markers in a run of marker characters: "1,2" gives "1" and "2", "†*" gives
/// "†" and "*", "12" gives "12".
pub(super) fn split_marks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            out.push(std::mem::take(&mut number));
        }
        if is_marker_char(c) {
            out.push(c.to_string());
        }
    }
    if !number.is_empty() {
        out.push(number);
    }
    out
}

/// The markers set against each of the names read from an author line, in the names'
/// order: raised small numbers or symbols after a name, or ones glued to its end ("Lee1",
/// "Park*,"). A name without a marker gets none.
pub(super) fn name_markers(l: &TLine, names: &[Author]) -> Vec<Vec<String>> {
    // The line's words with the markers each carries.
    let mut toks: Vec<(String, Vec<String>)> = Vec::new();
    for w in &l.words {
        let raised = w.size < l.size * 0.85 && w.text.chars().all(|c| is_marker_char(c) || c == ',');
        let glued_mark = !w.space_before && !w.text.is_empty() && w.text.chars().all(|c| is_marker_char(c) || c == ',');
        if raised || glued_mark {
            if let Some(last) = toks.last_mut() {
                last.1.extend(split_marks(&w.text));
            }
            continue;
        }
        let core = w.text.trim_end_matches(|c: char| is_marker_char(c) || c == ',');
        let marks = if core.chars().last().is_some_and(char::is_alphabetic) { split_marks(&w.text[core.len()..]) } else { Vec::new() };
        toks.push((core.trim_matches(|c: char| !c.is_alphanumeric()).to_string(), marks));
    }
    let mut from = 0;
    names
        .iter()
        .map(|a| {
            let last = a.surname.split_whitespace().last().unwrap_or("").trim_end_matches(|c: char| !c.is_alphanumeric());
            match toks[from..].iter().position(|(t, _)| t == last) {
                Some(k) => {
                    from += k + 1;
                    toks[from - 1].1.clone()
                }
                None => Vec::new(),
            }
        })
        .collect()
}

/// Whether a line opens on an affiliation marker: a raised or glued number or symbol.
pub(super) fn opens_with_marker(l: &TLine) -> bool {
    let Some(w) = l.words.first() else { return false };
    let lead: String = w.text.chars().take_while(|&c| is_marker_char(c)).collect();
    !lead.is_empty() && lead.chars().count() <= 2 && (w.size < l.size * 0.85 || w.text.chars().nth(lead.chars().count()).is_some_and(char::is_alphabetic))
}

/// Lowercase particles that belong to a surname ("van", "de").
const PARTICLES: &[&str] = &["van", "von", "de", "der", "den", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "bin", "ibn", "al", "ter", "ten"];

/// Splits an author line into names; `None` when the line does not read as a list of names.
pub(crate) fn split_authors(text: &str) -> Option<Vec<Author>> {
    let mut t = text.trim();
    for by in ["By ", "by ", "BY "] {
        if let Some(rest) = t.strip_prefix(by) {
            t = rest.trim();
        }
    }
    if t.is_empty() || t.chars().any(|c| c.is_ascii_digit() || matches!(c, '@' | ':' | '/' | '(')) {
        return None;
    }
    let unified = t.replace(" and ", ",").replace(" & ", ",").replace(';', ",").replace(" und ", ",");
    let mut parts: Vec<String> = Vec::new();
    for p in unified.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let suffix = matches!(p, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV");
        match parts.last_mut() {
            Some(last) if suffix => {
                last.push_str(", ");
                last.push_str(p);
            }
            _ => parts.push(p.to_string()),
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut authors = Vec::new();
    let mut multi = false;
    for p in &parts {
        let (name, suffix) = match p.split_once(", ") {
            Some((n, s)) => (n, Some(s)),
            None => (p.as_str(), None),
        };
        let toks: Vec<&str> = name.split_whitespace().collect();
        if toks.is_empty() || toks.len() > 5 || !toks.iter().all(|w| name_token(w)) {
            return None;
        }
        let hangul = toks.len() == 1 && toks[0].chars().all(crate::tree::is_hangul) && toks[0].chars().count() >= 2;
        if toks.len() == 1 && !hangul {
            return None;
        }
        multi |= toks.len() >= 2;
        if hangul {
            let mut cs = toks[0].chars();
            let surname: String = cs.next().map(String::from).unwrap_or_default();
            authors.push(Author { given: Some(cs.collect()), surname, bio: None, affiliations: Vec::new() });
            continue;
        }
        let mut s = toks.len() - 1;
        while s > 1 && PARTICLES.contains(&toks[s - 1]) {
            s -= 1;
        }
        if PARTICLES.contains(&toks[toks.len() - 1]) {
            return None;
        }
        let mut surname = toks[s..].join(" ");
        if let Some(x) = suffix {
            surname.push_str(", ");
            surname.push_str(x);
        }
        let given = toks[..s].join(" ");
        authors.push(Author { given: (!given.is_empty()).then_some(given), surname, bio: None, affiliations: Vec::new() });
    }
    (multi || !authors.is_empty()).then_some(authors)
}

/// Whether a token can be part of a personal name: capitalised (hyphens and apostrophes
/// allowed), an initial, a particle, or Hangul.
fn name_token(w: &str) -> bool {
    if PARTICLES.contains(&w) {
        return true;
    }
    let core = w.trim_end_matches('.');
    if core.is_empty() {
        return false;
    }
    if core.chars().all(crate::tree::is_hangul) {
        return true;
    }
    if w.ends_with('.') && core.chars().count() > 2 {
        return false;
    }
    core.split('-').all(|part| {
        let mut cs = part.chars().filter(|c| *c != '\'' && *c != '’');
        match cs.next() {
            Some(c) if c.is_uppercase() => cs.all(char::is_alphabetic),
            Some(c) if c.is_lowercase() => part.chars().all(char::is_alphabetic) && w.contains('-'),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<(Option<String>, String)> {
        split_authors(t).unwrap_or_default().into_iter().map(|a| (a.given, a.surname)).collect()
    }

    #[test]
    fn author_lines_split_on_commas_and_and() {
        assert_eq!(
            names("Seo-yeon Yoon, Julia S. Szabó and Zsófia Martínez"),
            vec![
                (Some("Seo-yeon".into()), "Yoon".into()),
                (Some("Julia S.".into()), "Szabó".into()),
                (Some("Zsófia".into()), "Martínez".into())
            ]
        );
        assert_eq!(names("By Ludwig van Beethoven & Min-ho Kim"), vec![
            (Some("Ludwig".into()), "van Beethoven".into()),
            (Some("Min-ho".into()), "Kim".into())
        ]);
    }

    #[test]
    fn markers_are_split_and_set_against_their_names() {
        assert_eq!(split_marks("1,2"), vec!["1", "2"]);
        assert_eq!(split_marks("†*"), vec!["†", "*"]);
        use crate::normalise::testkit::{Builder, REGULAR};
        let lines = crate::normalise::collect_lines(&Builder::new().page().block(&[("Anna Sundström,1 Michael Rönnlund^2 and Rui Wang*,3", 72.0, 100.0, 12.0, REGULAR)]).build());
        let names = split_authors(&strip_markers(&lines[0])).unwrap_or_default();
        assert_eq!(name_markers(&lines[0], &names), vec![vec!["1".to_string()], vec!["2".to_string()], vec!["*".to_string(), "3".to_string()]]);
        // A marker glued on as a word of its own, in the body size.
        let mut l = lines[0].clone();
        let last = l.words.last().cloned().unwrap_or_default();
        l.words.push(crate::layout::Word { text: "*".into(), space_before: false, size: last.size, ..last });
        assert!(strip_markers(&l).ends_with("Rui Wang,"), "{}", strip_markers(&l));
    }

    #[test]
    fn sentences_and_dates_are_not_author_lines() {
        assert!(split_authors("The policy community in Seoul is divided.").is_none());
        assert!(split_authors("June 11, 2024").is_none());
        assert!(split_authors("Lessons from the Past Decade").is_none());
        assert!(split_authors("Summary").is_none());
    }
}
