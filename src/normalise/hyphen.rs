//! Joining printed lines into running text, repairing line-end hyphens.
//!
//! Whether "inter-" + "national" is one word or a compound is decided from the
//! document itself: a word that occurs joined elsewhere is joined, a hyphenated form
//! that occurs inside a line elsewhere keeps its hyphen. Without evidence, the shipped
//! word list decides: a joined form it knows is joined; two halves it knows as words
//! whose joined form it does not know ("trade-" + "offs") keep their hyphen. Otherwise a
//! break between two lowercase fragments is taken as the typesetter's.

use super::lexicon;
use super::lines::TLine;
use rustc_hash::FxHashSet as HashSet;

/// First elements that English writes with a hyphen, consulted only when the document
/// gives no evidence either way ("self-" + "reliance").
const COMPOUND_FIRST: &[&str] = &["self", "well", "half", "quasi", "cross", "non", "anti"];

/// What the document says about its own words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Evidence {
    /// Words (lowercase, without outer punctuation) printed whole inside lines.
    words: HashSet<String>,
    /// Hyphenated words (lowercase) printed inside lines.
    hyphenated: HashSet<String>,
    /// Whether dashes between words are set with spaces around them.
    spaced_dashes: bool,
}

/// Strips punctuation around a word and lowercases it.
fn core(w: &str) -> String {
    let mut out = String::new();
    core_into(w, &mut out);
    out
}

/// [`core`] written into `out`, which is cleared first (one buffer serves every token).
fn core_into(w: &str, out: &mut String) {
    out.clear();
    let t = w
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{2010}')
        .trim_end_matches(['-', '\u{2010}'])
        .trim_start_matches(['-', '\u{2010}']);
    if t.is_ascii() {
        out.push_str(t);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&t.to_lowercase());
    }
}

/// Adds `w` to `set`, allocating only when it is new.
fn insert(set: &mut HashSet<String>, w: &str) {
    if !set.contains(w) {
        set.insert(w.to_string());
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{AD}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

impl Evidence {
    /// Gathers the evidence from every line of the document.
    pub fn from_lines<'a>(lines: impl Iterator<Item = &'a TLine>) -> Evidence {
        let mut e = Evidence::default();
        let (mut spaced, mut tight) = (0usize, 0usize);
        let mut after_hyphen = false;
        let mut c = String::new();
        for l in lines {
            // The last token ends in a hyphen exactly when the trimmed line does.
            let continues = std::mem::replace(&mut after_hyphen, l.text.trim_end().ends_with(is_hyphen));
            let mut toks = l.text.split_whitespace().enumerate().peekable();
            while let Some((i, t)) = toks.next() {
                let last = toks.peek().is_none();
                // The tail of a word broken at the previous line's end is no word of its own.
                if i == 0 && continues {
                    continue;
                }
                if is_dash_token(t) && i > 0 && !last {
                    spaced += 1;
                }
                if t.contains(is_dash) {
                    let chars: Vec<char> = t.chars().collect();
                    for k in 1..chars.len().saturating_sub(1) {
                        if is_dash(chars[k]) && chars[k - 1].is_alphabetic() && chars[k + 1].is_alphabetic() {
                            tight += 1;
                        }
                    }
                }
                if last && t.ends_with(is_hyphen) {
                    continue;
                }
                core_into(t, &mut c);
                if c.is_empty() {
                    continue;
                }
                if c.contains('-') || c.contains('\u{2010}') {
                    let norm = c.replace('\u{2010}', "-");
                    for part in norm.split('-').filter(|p| !p.is_empty()) {
                        insert(&mut e.words, part);
                    }
                    e.hyphenated.insert(norm);
                } else {
                    insert(&mut e.words, &c);
                }
            }
        }
        e.spaced_dashes = spaced >= tight;
        e
    }

    /// Appends the next printed line to running text, repairing a line-end hyphen.
    pub fn join(&self, acc: &mut String, next: &str) {
        let next = next.trim();
        if next.is_empty() {
            return;
        }
        if acc.trim().is_empty() {
            acc.clear();
            acc.push_str(next);
            return;
        }
        while acc.ends_with(' ') {
            acc.pop();
        }
        if acc.ends_with('\u{AD}') {
            acc.pop();
            acc.push_str(next);
            return;
        }
        let last_tok = acc.rsplit(' ').next().unwrap_or("");
        let first_tok = next.split(' ').next().unwrap_or("");
        let ends_hyphen = last_tok.ends_with(is_hyphen) && last_tok.chars().rev().nth(1).is_some_and(char::is_alphanumeric);
        if ends_hyphen {
            match self.decide(last_tok, first_tok) {
                Decision::Join => {
                    acc.pop();
                    acc.push_str(next);
                }
                Decision::Keep => {
                    if acc.ends_with('\u{2010}') {
                        acc.pop();
                        acc.push('-');
                    }
                    acc.push_str(next);
                }
            }
            return;
        }
        let tight_dash = last_tok.chars().last().is_some_and(is_dash) && last_tok.chars().count() > 1 && !self.spaced_dashes;
        let url = is_url_fragment(last_tok) && first_tok.chars().next().is_some_and(|c| !c.is_uppercase());
        if tight_dash || url {
            acc.push_str(next);
            return;
        }
        acc.push(' ');
        acc.push_str(next);
    }

    /// Whether a hyphen between `left` (ending in it) and `right` is the typesetter's.
    fn decide(&self, left_tok: &str, right_tok: &str) -> Decision {
        let left = core(left_tok);
        let right = core(right_tok);
        let last_part = left.rsplit(['-', '\u{2010}']).next().unwrap_or("").to_string();
        let first_part = right.split(['-', '\u{2010}']).next().unwrap_or("").to_string();
        let Some(r0) = right_tok.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next() else {
            return Decision::Keep;
        };
        if !r0.is_lowercase() || !last_part.chars().last().is_some_and(char::is_lowercase) {
            return Decision::Keep;
        }
        let hyph = format!("{}-{}", left.replace('\u{2010}', "-"), right.replace('\u{2010}', "-"));
        let joined = format!("{last_part}{first_part}");
        if self.hyphenated.contains(&hyph) || self.hyphenated.contains(&format!("{last_part}-{first_part}")) {
            return Decision::Keep;
        }
        if self.words.contains(&joined) || lexicon::is_word(&joined) {
            return Decision::Join;
        }
        let word_or_plural = |w: &str| lexicon::is_word(w) || w.strip_suffix('s').is_some_and(lexicon::is_word);
        let long_enough = last_part.chars().count() >= 3 && first_part.chars().count() >= 3;
        if long_enough && lexicon::is_word(&last_part) && word_or_plural(&first_part) {
            return Decision::Keep;
        }
        let both_words = last_part.chars().count() >= 3
            && first_part.chars().count() >= 4
            && self.words.contains(&last_part)
            && self.words.contains(&first_part);
        if both_words || (COMPOUND_FIRST.contains(&last_part.as_str()) && first_part.chars().count() >= 4) {
            return Decision::Keep;
        }
        Decision::Join
    }
}

/// What to do with a line-end hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Join,
    Keep,
}

/// Whether a token is a dash standing alone.
fn is_dash_token(t: &str) -> bool {
    !t.is_empty() && t.chars().all(is_dash)
}

/// Whether a token is part of a web address broken at the line end.
fn is_url_fragment(t: &str) -> bool {
    (t.contains("://") || t.starts_with("www.")) && !t.ends_with(['.', ',', ';', ')'])
}

/// Joins printed lines into one running text.
pub(crate) fn join_lines<'a>(ev: &Evidence, lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut acc = String::new();
    for l in lines {
        ev.join(&mut acc, l);
    }
    acc.trim_end_matches('\u{AD}').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(texts: &[&str]) -> Evidence {
        let lines: Vec<TLine> = texts.iter().map(|t| TLine { text: t.to_string(), ..Default::default() }).collect();
        Evidence::from_lines(lines.iter())
    }

    #[test]
    fn typesetter_hyphen_is_removed() {
        let e = ev(&["nothing to see here"]);
        assert_eq!(join_lines(&e, ["present in-", "ternational exchanges"]), "present international exchanges");
    }

    #[test]
    fn compound_printed_elsewhere_keeps_its_hyphen() {
        let e = ev(&["a long-time partner of the", "regime"]);
        assert_eq!(join_lines(&e, ["its long-", "time partner"]), "its long-time partner");
    }

    #[test]
    fn word_printed_whole_elsewhere_is_joined_even_if_parts_are_words() {
        let e = ev(&["the informal economy is large", "in formal terms"]);
        assert_eq!(join_lines(&e, ["the in-", "formal economy"]), "the informal economy");
    }

    #[test]
    fn tail_of_a_broken_word_is_not_evidence() {
        let e = ev(&["not only for deter-", "rence, but also", "to deter the worst"]);
        assert_eq!(join_lines(&e, ["for deter-", "rence, but"]), "for deterrence, but");
    }

    #[test]
    fn capitalised_continuation_keeps_hyphen() {
        let e = ev(&[]);
        assert_eq!(join_lines(&e, ["DPRK-", "Russia-China ties"]), "DPRK-Russia-China ties");
    }

    #[test]
    fn soft_hyphen_at_line_end_always_joins() {
        let e = ev(&[]);
        assert_eq!(join_lines(&e, ["increas\u{AD}", "ingly"]), "increasingly");
    }

    #[test]
    fn unicode_hyphen_kept_as_plain_hyphen() {
        let e = ev(&["self-reliance matters"]);
        assert_eq!(join_lines(&e, ["self\u{2010}", "reliance"]), "self-reliance");
    }

    #[test]
    fn spaced_dash_at_line_end_gets_a_space() {
        let e = ev(&["the specifics — financing — remain"]);
        assert_eq!(join_lines(&e, ["yet the specifics —", "financing"]), "yet the specifics — financing");
        let tight = ev(&["the specifics—financing—remain"]);
        assert_eq!(join_lines(&tight, ["yet the specifics—", "financing"]), "yet the specifics—financing");
    }
}

