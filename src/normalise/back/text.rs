//! Joining printed lines into running text: typesetter hyphens, broken URLs, soft hyphens.

use std::collections::HashSet;

use super::scan;

/// Lower-cased words seen in the back matter, to tell a typesetter hyphen from a compound's.
///
/// A word broken as "Ko-" / "rea" is joined when "korea" is printed whole elsewhere, and kept
/// hyphenated when "korea-japan"-like compounds are printed whole.
#[derive(Debug, Default, Clone)]
pub(crate) struct Vocab {
    words: HashSet<String>,
}

impl Vocab {
    /// Collects the words of all `texts`, each line on its own.
    pub(crate) fn from_lines<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut words = HashSet::new();
        for t in texts {
            let t = strip_soft_hyphens(t);
            let toks: Vec<&str> = t.split_whitespace().collect();
            // The last token of a line may be a broken word: leave it out.
            for tok in toks.iter().take(toks.len().saturating_sub(1)) {
                let w: String = tok.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                if w.chars().count() > 1 {
                    let parts: Vec<&str> = w.split('-').collect();
                    for part in &parts {
                        if part.chars().count() > 1 {
                            words.insert(part.to_string());
                        }
                    }
                    for pair in parts.windows(2) {
                        words.insert(format!("{}-{}", pair[0], pair[1]));
                    }
                    words.insert(w);
                }
            }
        }
        Vocab { words }
    }

    fn has(&self, w: &str) -> bool {
        self.words.contains(&w.to_lowercase())
    }
}

/// Removes soft hyphens (U+00AD) and zero-width spaces that mark break opportunities, and
/// spells out Latin ligature characters (ﬁ, ﬀ, …) that some fonts map text to.
pub(crate) fn strip_soft_hyphens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match (c, crate::text::ligature_letters(c)) {
            ('\u{00AD}' | '\u{200B}', _) => {}
            (_, Some(letters)) => out.push_str(letters),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a whitespace-free token is (the start of) a web address or DOI.
pub(crate) fn is_url_token(tok: &str) -> bool {
    let t = tok.trim_start_matches(['(', '<', '[']);
    url_start(t) || t.contains("://")
}

/// Whether `t` opens like a web address or DOI, as
/// `(?i)^(?:https?:|www\.|[a-z0-9.-]+\.[a-z]{2,}/|doi\.org|(?:doi:)?10\.[0-9]{4,}/)` did.
fn url_start(t: &str) -> bool {
    if scan::strip_any_ci(t, &["http:", "https:", "www.", "doi.org"]).is_some() {
        return true;
    }
    let doi = scan::strip_ci(t, "doi:").unwrap_or(t);
    if doi.strip_prefix("10.").and_then(|r| scan::digits(r, 4, usize::MAX)).is_some_and(|(_, r)| r.starts_with('/')) {
        return true;
    }
    // "host.tld/": letters, digits, dots and hyphens up to a slash, ending in a dot and two letters.
    let letter = |c: char| scan::fold(c).is_ascii_lowercase();
    let host_end = t.find(|c: char| !(letter(c) || c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(t.len());
    let host = &t[..host_end];
    if !t[host_end..].starts_with('/') {
        return false;
    }
    host.rfind('.').is_some_and(|dot| dot > 0 && host[dot + 1..].chars().count() >= 2 && host[dot + 1..].chars().all(letter))
}

/// Whether the next line's first token continues a URL that ended the previous line.
fn continues_url(url: &str, next: &str) -> bool {
    let first = next.split_whitespace().next().unwrap_or("");
    let explicit = ["http:", "https:", "www.", "doi:"];
    if first.is_empty() || explicit.iter().any(|p| first.to_lowercase().starts_with(p)) {
        return false;
    }
    let lower = first.to_lowercase();
    if lower.starts_with("accessed") || lower.starts_with("retrieved") || first.starts_with(['(', '[']) {
        return false;
    }
    // "…/page." followed by a capitalised word and more text starts a new sentence.
    if url.ends_with('.') {
        let letters: Vec<char> = first.chars().collect();
        let word_like = letters.len() > 2
            && letters[0].is_uppercase()
            && letters[1..].iter().all(|c| c.is_lowercase() || *c == '.' || *c == ',');
        if word_like && next.split_whitespace().nth(1).is_some() {
            return false;
        }
    }
    true
}

/// Joins printed lines into one string: a space between lines, except that a URL broken
/// across lines is rejoined as is and a typesetter's line-end hyphen is removed.
pub(crate) fn join_lines<S: AsRef<str>>(lines: &[S], vocab: &Vocab) -> String {
    let mut out = String::new();
    for raw in lines {
        let line = normalise_spaces(&strip_soft_hyphens_inner(raw.as_ref()));
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out = line;
            continue;
        }
        let ended_soft = out.ends_with('\u{00AD}');
        if ended_soft {
            out.pop();
        }
        let last_tok = out.rsplit(' ').next().unwrap_or("").to_string();
        if is_url_token(&last_tok) && !last_tok.eq_ignore_ascii_case("doi:") && continues_url(&last_tok, &line) {
            out.push_str(&line);
            continue;
        }
        if ended_soft {
            out.push_str(&line);
            continue;
        }
        match hyphen_join(&out, &line, vocab) {
            Some(joined) => out = joined,
            None => {
                out.push(' ');
                out.push_str(&line);
            }
        }
    }
    out
}

/// Removes soft hyphens inside a line but keeps one at the line's end (a break mark).
fn strip_soft_hyphens_inner(s: &str) -> String {
    let t = s.trim_end();
    let keep_last = t.ends_with('\u{00AD}');
    let mut r = strip_soft_hyphens(t);
    if keep_last {
        r.push('\u{00AD}');
    }
    r
}

fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins `next` to `prev` when `prev` ends with a hyphen; `None` when no hyphen is involved.
///
/// A typesetter's hyphen (word fragment, lower-case continuation) is removed; a compound's
/// hyphen (capital or digit after it, or the hyphenated form printed elsewhere) is kept.
fn hyphen_join(prev: &str, next: &str, vocab: &Vocab) -> Option<String> {
    // A number range broken after its dash: "265–" / "287".
    let mut tail = prev.chars().rev();
    if let (Some(d), Some(b)) = (tail.next(), tail.next()) {
        if matches!(d, '-' | '–') && b.is_ascii_digit() && next.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(format!("{prev}{next}"));
        }
    }
    let (body, spaced) = if let Some(b) = prev.strip_suffix(" -").or_else(|| prev.strip_suffix(" \u{2010}")) {
        (b, true)
    } else if let Some(b) = prev.strip_suffix(['-', '\u{2010}']) {
        (b, false)
    } else {
        return None;
    };
    let left: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if left.is_empty() {
        return None;
    }
    let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let first = next.chars().next()?;
    let whole = format!("{left}{right}");
    let hyphenated = format!("{left}-{right}");
    let keep = if spaced {
        false
    } else if vocab.has(&hyphenated) && !vocab.has(&whole) {
        true
    } else if vocab.has(&whole) {
        false
    } else {
        !first.is_lowercase()
    };
    Some(if keep { format!("{body}-{next}") } else { format!("{body}{next}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(lines: &[&str]) -> String {
        join_lines(lines, &Vocab::from_lines(lines.iter().copied()))
    }

    #[test]
    fn typesetter_hyphen_is_removed_before_lower_case() {
        assert_eq!(join(&["Contemporary Security Policy. Con-", "temporary ideas"]), "Contemporary Security Policy. Contemporary ideas");
        assert_eq!(join(&["the Uni -", "versity of Tokyo"]), "the University of Tokyo");
    }

    #[test]
    fn compound_hyphen_is_kept_before_capital() {
        assert_eq!(join(&["Official Narratives in Korea-", "Japan Relations"]), "Official Narratives in Korea-Japan Relations");
        assert_eq!(join(&["Ko-", "rea-Japan Relations and Korea"]), "Korea-Japan Relations and Korea");
    }

    #[test]
    fn compound_printed_whole_elsewhere_keeps_hyphen() {
        assert_eq!(join(&["a people-to-people tie and people-", "to-people exchange"]), "a people-to-people tie and people-to-people exchange");
    }

    #[test]
    fn broken_url_is_rejoined_without_space() {
        assert_eq!(join(&["Global NK. May 25. https:", "//www.38north.org/2023/05/north-"]), "Global NK. May 25. https://www.38north.org/2023/05/north-");
        assert_eq!(
            join(&["https://www.tandfonline.com/doi/10.1080/09512748.2022.", "2090594."]),
            "https://www.tandfonline.com/doi/10.1080/09512748.2022.2090594."
        );
        assert_eq!(join(&["Available: https://x.org/seoul-", "weighs-new?", "utm=1"]), "Available: https://x.org/seoul-weighs-new?utm=1");
        assert_eq!(join(&["https://en.yna.co.kr/view/1%20U", "S."]), "https://en.yna.co.kr/view/1%20US.");
        assert_eq!(join(&["Nikkei Asia. https://asia.nik", "kei.com/news/2020/01/x/"]), "Nikkei Asia. https://asia.nikkei.com/news/2020/01/x/");
    }

    #[test]
    fn number_range_broken_at_its_dash_is_rejoined() {
        assert_eq!(join(&["pp. 265–", "287."]), "pp. 265–287.");
    }

    #[test]
    fn url_followed_by_accessed_keeps_space() {
        assert_eq!(join(&["https://x.org/a.html.", "Accessed May 3, 2024."]), "https://x.org/a.html. Accessed May 3, 2024.");
    }

    #[test]
    fn doi_label_keeps_its_space() {
        assert_eq!(join(&["pp. 122–157, 2022. doi:", "10.1093/surv.2022.1744557."]), "pp. 122–157, 2022. doi: 10.1093/surv.2022.1744557.");
    }

    #[test]
    fn soft_hyphens_vanish_and_mark_breaks() {
        assert_eq!(join(&["re\u{ad}search at the Uni\u{ad}ver\u{2010}", "si\u{ad}ty of Tokyo"]), "research at the University of Tokyo");
        assert_eq!(join(&["Ko\u{ad}", "rea JoongAng"]), "Korea JoongAng");
        assert_eq!(join(&["cyber \u{2010}", "security and \u{fb00}\u{fb01}cial"]), "cybersecurity and ffficial");
    }

    #[test]
    fn url_start_matches_as_the_pattern_did() {
        use crate::normalise::back::scan::samples;
        let pattern = regex::Regex::new(r"(?i)^(?:https?:|www\.|[a-z0-9.-]+\.[a-z]{2,}/|doi\.org|(?:doi:)?10\.[0-9]{4,}/)").expect("valid");
        let pieces = ["http", "HTTPS", "s", ":", "//", "/", "www", "WWW", ".", "org", "o", "doi", "DOI", "10", "1080", "123", "-", "a", "\u{17F}", "\u{212A}", "é", "k", " ", "x"];
        let mut hits = 0;
        for t in samples(&pieces, 6, 100_000) {
            hits += usize::from(url_start(&t));
            assert_eq!(url_start(&t), pattern.is_match(&t), "{t:?}");
        }
        assert!(hits >= 20, "{hits}");
    }

}
