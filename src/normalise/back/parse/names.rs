//! Author lists of a printed reference: names split in the order the style prints them.

use super::*;

/// How person names are ordered in an author list.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum AuthorOrder {
    /// Chicago: "Surname, Given, Given Surname, and Given Surname".
    FirstSurnameFirst,
    /// APA: "Surname, A. B., Surname, C., & Surname, D."
    SurnameFirstAll,
    /// IEEE: "A. B. Surname, C. Surname, and D. Surname".
    GivenFirst,
}

/// Splits a printed author list into names; a list without a person's shape is one institution.
pub(super) fn split_authors(s: &str, order: AuthorOrder) -> Vec<PersonName> {
    let s = strip_et_al(s.trim().trim_end_matches([',', ' ']));
    let s = drop_final_period(&s);
    if s.is_empty() {
        return vec![];
    }
    if !s.contains(',') && order != AuthorOrder::GivenFirst {
        if hangul_name(&s) {
            let mut ch = s.chars();
            let sur = ch.next().map(String::from).unwrap_or_default();
            return vec![PersonName { surname: sur, given: Some(ch.collect()) }];
        }
        // "Surname and Surname" without given names is rare; the whole is an institution.
        return vec![PersonName { surname: s.trim_end_matches('.').to_string(), given: None }];
    }
    let pieces: Vec<String> = split_list(&s);
    if pieces.is_empty() {
        return vec![];
    }
    match order {
        AuthorOrder::GivenFirst => pieces.iter().map(|p| given_first(p)).collect(),
        AuthorOrder::SurnameFirstAll => {
            let mut out = Vec::new();
            let mut i = 0;
            while i < pieces.len() {
                let sur = pieces[i].clone();
                let given = pieces.get(i + 1).filter(|g| initials(g) || is_given_like(g));
                if let Some(g) = given {
                    out.push(PersonName { surname: sur, given: Some(g.clone()) });
                    i += 2;
                } else {
                    out.push(PersonName { surname: sur, given: None });
                    i += 1;
                }
            }
            out
        }
        AuthorOrder::FirstSurnameFirst => {
            let mut out = Vec::new();
            let first_sur = pieces[0].clone();
            let mut rest = pieces[1..].iter();
            let given = rest.next().cloned();
            match given {
                Some(g) if g.split_whitespace().count() <= 3 && !g.contains(' ') || is_given_like(&g) => {
                    out.push(PersonName { surname: first_sur, given: Some(g) })
                }
                Some(g) => {
                    // "Surname, Given Other Surname" cannot be told apart; keep the first.
                    out.push(PersonName { surname: first_sur, given: Some(g) })
                }
                None => out.push(PersonName { surname: first_sur, given: None }),
            }
            out.extend(rest.map(|p| given_first(p)));
            out
        }
    }
}

/// Drops a sentence-ending period, but not the period of a final initial ("Anna B.").
pub(super) fn drop_final_period(s: &str) -> String {
    let Some(b) = s.strip_suffix('.') else { return s.to_string() };
    let last_word = b.rsplit([' ', '-']).next().unwrap_or("");
    let initial = last_word.chars().count() <= 2 && last_word.chars().next().is_some_and(|c| c.is_uppercase());
    if initial { s.to_string() } else { b.to_string() }
}

/// Drops a trailing "et al." (with its comma) from an author list.
pub(super) fn strip_et_al(s: &str) -> String {
    let t = s.trim_end_matches(['.', ' ']);
    for tail in ["et al", "et. al", "and others"] {
        if let Some(b) = t.strip_suffix(tail) {
            return b.trim_end_matches([',', ' ']).to_string();
        }
    }
    s.to_string()
}

/// Splits "A, B, and C" / "A & B" / "A and B" into pieces.
pub(super) fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut p = part.trim();
        for pre in ["and ", "& ", "&"] {
            if let Some(x) = p.strip_prefix(pre) {
                p = x.trim();
            }
        }
        // "Given Surname and Given Surname" inside one comma piece.
        let mut rest = p;
        loop {
            let cut = [" and ", " & "].iter().filter_map(|sep| rest.find(sep).map(|i| (i, sep.len()))).min();
            match cut {
                Some((i, n)) => {
                    let a = rest[..i].trim();
                    if !a.is_empty() {
                        out.push(a.to_string());
                    }
                    rest = rest[i + n..].trim();
                }
                None => break,
            }
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// Whether a piece reads as given names: one to three capitalised words or initials.
pub(super) fn is_given_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// "Given Middle Surname" as a name; a piece without a space is a surname alone.
pub(super) fn given_first(p: &str) -> PersonName {
    let p = p.trim().trim_end_matches(',');
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() < 2 {
        return PersonName { surname: p.to_string(), given: None };
    }
    // Surname particles stay with the surname: "Ludwig van Beethoven" -> "van Beethoven".
    let mut cut = words.len() - 1;
    while cut > 1 && matches!(words[cut - 1], "van" | "von" | "de" | "der" | "den" | "del" | "da" | "di" | "le" | "la" | "du") {
        cut -= 1;
    }
    PersonName { surname: words[cut..].join(" "), given: Some(words[..cut].join(" ")) }
}

/// Splits text at sentence ends (". ", "? ", "! "), not after initials, common
/// abbreviations, or a full stop that a word in lower case follows.
pub(in super::super) fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        cur.push(c);
        if matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            let word: String = cur
                .trim_end_matches(['.', '?', '!'])
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("")
                .to_string();
            // A full stop followed by a word in lower case ends an abbreviation ("Proc. of").
            let lower_next = chars[i + 1..].iter().skip_while(|ch| ch.is_whitespace()).next().is_some_and(|ch| ch.is_lowercase());
            let abbrev = c == '.'
                && (word.chars().count() == 1 && word.chars().all(|ch| ch.is_uppercase())
                    || matches!(word.to_lowercase().as_str(), "vs" | "no" | "vol" | "jr" | "sr" | "st" | "dr" | "mr" | "mrs" | "ms" | "ed" | "eds" | "pp" | "p" | "co" | "inc" | "ltd" | "proc" | "conf" | "int" | "trans" | "symp")
                    || word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4
                    || lower_next);
            if !abbrev {
                let t = cur.trim().to_string();
                if !t.is_empty() {
                    out.push(t);
                }
                cur.clear();
            }
        }
        i += 1;
    }
    let t = cur.trim().to_string();
    if !t.is_empty() {
        out.push(t);
    }
    out
}
