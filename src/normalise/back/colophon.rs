//! The colophon: labelled publisher fields, the disclaimer, ISBN and date of issue.

use super::scan;
use crate::tree::{Colophon, Date};


// Each pattern is compiled on its first use, which costs more than most matches (Unicode
// classes build large automata). Cheap tests of text that every match must contain run
// first, so a document without, say, a colon never compiles INQUIRIES.

/// Whether `t` holds an e-mail address.
fn has_email(t: &str) -> bool {
    find_email(t).is_some()
}

/// The first e-mail address in `t`: word characters, dots, plus and minus signs, an "@",
/// then names of word characters and hyphens joined by at least one dot.
///
/// Written out rather than as a pattern: compiling the three Unicode word classes of one
/// cost more than reading a whole short brief. A match holds one "@", so the first "@"
/// with a local part before it and a dotted name after it gives the leftmost match, and
/// each part is taken whole as a greedy pattern would take it.
fn find_email(t: &str) -> Option<&str> {
    let word = regex_syntax::is_word_character;
    let local = |c: char| word(c) || matches!(c, '.' | '+' | '-');
    let label = |s: &str| s.char_indices().take_while(|&(_, c)| word(c) || c == '-').last().map(|(i, c)| i + c.len_utf8());
    for (at, _) in t.match_indices('@') {
        let Some(start) = t[..at].char_indices().rev().take_while(|&(_, c)| local(c)).last().map(|(i, _)| i) else { continue };
        let domain = &t[at + 1..];
        let Some(mut end) = label(domain) else { continue };
        let mut dotted = false;
        while let Some(n) = domain[end..].strip_prefix('.').and_then(label) {
            end += 1 + n;
            dotted = true;
        }
        if dotted {
            return Some(&t[start..at + 1 + end]);
        }
    }
    None
}

// The field shapes below were regular expressions; compiling them cost more than reading a
// whole brief, so they are written out. The test `field_shapes_match_as_the_patterns_did`
// compares each with its pattern on many generated strings.

/// `\s{min,}(.+)$` at the start of `r`: the text after the spaces, to the end, without a
/// line break; spaces alone give their last character, as the pattern's backtracking does.
fn rest_of_line(r: &str, min: usize) -> Option<&str> {
    let value = r.trim_start();
    let spaces = r[..r.len() - value.len()].chars().count();
    if spaces < min {
        return None;
    }
    if !value.is_empty() {
        return (!value.contains('\n')).then_some(value);
    }
    let last = r.chars().next_back().filter(|&c| c != '\n' && spaces > min)?;
    Some(&r[r.len() - last.len_utf8()..])
}

/// `r` after a colon (either width), or None.
fn colon(r: &str) -> Option<&str> {
    r.strip_prefix([':', '：'])
}

/// The value of a "Typeset by: …" / "Design: …" line, as
/// `(?i)^(?:typeset(?:ting)?|typesetter|layout|design(?:ed)?)(?:\s+by)?\s*[:：]\s*(.+)$|^(?i:typeset by)\s+(.+)$`.
fn typeset(t: &str) -> Option<&str> {
    let labelled = ["typesetting", "typeset", "typesetter", "layout", "designed", "design"].iter().find_map(|l| {
        let r = scan::strip_ci(t, l)?;
        let by = scan::ws1(r).and_then(|b| scan::strip_ci(b, "by")).and_then(|b| colon(scan::skip_ws(b))).and_then(|v| rest_of_line(v, 0));
        by.or_else(|| colon(scan::skip_ws(r)).and_then(|v| rest_of_line(v, 0)))
    });
    labelled.or_else(|| scan::strip_ci(t, "typeset by").and_then(|r| rest_of_line(r, 1)))
}

/// The value of a "For inquiries: …" line, as
/// `(?i)^(?:for\s+)?(?:inquir(?:y|ies)|enquir(?:y|ies)|contact)(?:\s+\w+)?\s*[:：]\s*(.+)$`.
fn inquiries(t: &str) -> Option<&str> {
    let after_for = scan::strip_ci(t, "for").and_then(scan::ws1).unwrap_or(t);
    let r = scan::strip_any_ci(after_for, &["inquiry", "inquiries", "enquiry", "enquiries", "contact"])?;
    let word = scan::ws1(r).filter(|w| w.starts_with(scan::is_word)).map(|w| w.trim_start_matches(scan::is_word));
    fn value(r: &str) -> Option<&str> {
        colon(scan::skip_ws(r)).and_then(|v| rest_of_line(v, 0))
    }
    word.and_then(value).or_else(|| value(r))
}

/// The value of a "Date of issue: …" line, as
/// `(?i)^(?:date of (?:issue|publication)|published|publication date|issued)\s*[:：]?\s*(.+)$`.
fn date_issue(t: &str) -> Option<&str> {
    let r = scan::strip_any_ci(t, &["date of issue", "date of publication", "published", "publication date", "issued"])?;
    let w = scan::skip_ws(r);
    match colon(w) {
        Some(v) => rest_of_line(v, 0).or_else(|| (!w.contains('\n')).then_some(w)),
        None => rest_of_line(r, 0),
    }
}

/// The number of an ISBN line or of a labelled ISBN.
fn isbn(t: &str) -> Option<&str> {
    isbn_line(t).or_else(|| isbn_labelled(t))
}

/// Whether `c` separates the groups of an ISBN.
fn isbn_sep(c: char) -> bool {
    matches!(c, '-' | '‐' | ' ')
}

/// The number of a line that is an ISBN, as
/// `(?i)^(?:e?-?ISBN(?:-1[03])?\s*[:：]?\s*)?((?:97[89][-‐ ]?)?[0-9]{1,5}[-‐ ][0-9]{1,7}[-‐ ][0-9]{1,7}[-‐ ][0-9X](?:[-‐ ][0-9]{1,6})?)$`.
fn isbn_line(t: &str) -> Option<&str> {
    // The label, when there is one (the number opens with a digit, the label never does).
    let label = ["eisbn", "e-isbn", "-isbn", "isbn"].iter().find_map(|l| scan::strip_ci(t, l)).map(|r| {
        let r = ["-10", "-13"].iter().find_map(|n| r.strip_prefix(n)).unwrap_or(r);
        let r = scan::skip_ws(r);
        scan::skip_ws(colon(r).unwrap_or(r))
    });
    let number = label.filter(|n| n.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(t);
    let cs: Vec<char> = number.chars().collect();
    let digit = |c: char| c.is_ascii_digit();
    let check = |c: char| c.is_ascii_digit() || c == 'X' || c == 'x';
    // Groups of digits (min, max) each after a separator but the first, then the check
    // character and an optional last group.
    fn groups(cs: &[char], spec: &[(usize, usize)], digit: &dyn Fn(char) -> bool, check: &dyn Fn(char) -> bool) -> bool {
        let Some((&(min, max), more)) = spec.split_first() else {
            // The check character, then an optional separator and one to six digits.
            return cs.first().is_some_and(|&c| check(c))
                && (cs.len() == 1 || cs.len() >= 3 && cs.len() <= 8 && isbn_sep(cs[1]) && cs[2..].iter().all(|&c| digit(c)));
        };
        let run = cs.iter().take(max).take_while(|&&c| digit(c)).count();
        (min..=run).rev().any(|n| cs.get(n).is_some_and(|&c| isbn_sep(c)) && groups(&cs[n + 1..], more, digit, check))
    }
    let spec = [(1, 5), (1, 7), (1, 7)];
    let prefixed = cs.len() > 3 && cs[0] == '9' && cs[1] == '7' && matches!(cs[2], '8' | '9') && {
        let after = if cs.get(3).is_some_and(|&c| isbn_sep(c)) { 4 } else { 3 };
        groups(&cs[after..], &spec, &digit, &check) || after == 4 && groups(&cs[3..], &spec, &digit, &check)
    };
    (prefixed || groups(&cs, &spec, &digit, &check)).then_some(number)
}

/// The number after an "ISBN" label anywhere in `t`, as
/// `(?i)\bISBN(?:-1[03])?\s*[:：]?\s*([0-9X][0-9X -]{8,}[0-9X])`.
fn isbn_labelled(t: &str) -> Option<&str> {
    let check = |c: char| c.is_ascii_digit() || c == 'X' || c == 'x';
    t.char_indices().find_map(|(i, _)| {
        if scan::char_before(t, i).is_some_and(scan::is_word) {
            return None;
        }
        let r = scan::strip_ci(&t[i..], "isbn")?;
        let r = ["-10", "-13"].iter().find_map(|n| r.strip_prefix(n)).unwrap_or(r);
        let r = scan::skip_ws(r);
        let r = scan::skip_ws(colon(r).unwrap_or(r));
        let run = r.find(|c: char| !(check(c) || c == ' ' || c == '-')).unwrap_or(r.len());
        if !r.starts_with(check) {
            return None;
        }
        let end = r[..run].rfind(check).filter(|&e| e >= 9)?;
        Some(&r[..=end])
    })
}

/// Whether `t` opens with a contact label: `(?i)^(?:phone|tel|fax|e-?mail|website|web|homepage|url)\b`.
fn any_label(t: &str) -> bool {
    ["phone", "tel", "fax", "email", "e-mail", "website", "web", "homepage", "url"]
        .iter()
        .any(|l| scan::strip_ci(t, l).is_some_and(|r| !r.starts_with(scan::is_word)))
}

/// The first number after one of the `labels` (longest first) standing as a word, as
/// `(?i)\b(?:labels)\s*[.:]?\s*(\+?\(?[0-9][0-9 ()./-]{5,}[0-9])`.
fn labelled_number<'a>(t: &'a str, labels: &[&str]) -> Option<&'a str> {
    if t.bytes().filter(u8::is_ascii_digit).nth(1).is_none() {
        return None;
    }
    t.char_indices().find_map(|(i, _)| {
        if scan::char_before(t, i).is_some_and(scan::is_word) {
            return None;
        }
        // A shorter label leaves a letter where the number must start.
        let r = labels.iter().find_map(|l| scan::strip_ci(&t[i..], l))?;
        let r = scan::skip_ws(r);
        let r = scan::skip_ws(r.strip_prefix(['.', ':']).unwrap_or(r));
        let start = t.len() - r.len();
        let r = r.strip_prefix('+').unwrap_or(r);
        let r = r.strip_prefix('(').unwrap_or(r);
        if !r.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let body = &r[1..];
        let run = body.find(|c: char| !(c.is_ascii_digit() || " ().//-".contains(c))).unwrap_or(body.len());
        let last = body[..run].rfind(|c: char| c.is_ascii_digit()).filter(|&e| e >= 5)?;
        Some(&t[start..t.len() - body.len() + last + 1])
    })
}

/// The phone number in `t`.
fn phone(t: &str) -> Option<&str> {
    labelled_number(t, &["phone", "telephone", "tel", "t"])
}

/// The fax number in `t`.
fn fax(t: &str) -> Option<&str> {
    labelled_number(t, &["fax", "f"])
}

/// Whether `c` may be part of a web address printed in a line (`[^\s,;]`).
fn url_char(c: char) -> bool {
    !(c.is_whitespace() || c == ',' || c == ';')
}

/// The first web address in `t`, as `(?i)(?:https?://|www\.)[^\s,;]+`.
fn website(t: &str) -> Option<&str> {
    t.char_indices().find_map(|(i, _)| {
        let r = scan::strip_any_ci(&t[i..], &["https://", "http://", "www."])?;
        let n = r.find(|c: char| !url_char(c)).unwrap_or(r.len());
        (n > 0).then(|| &t[i..t.len() - r.len() + n])
    })
}

/// The address after a "Website" label, as
/// `(?i)\b(?:website|web|homepage|url)\s*[:.]?\s*([^\s,;]+\.[a-z]{2,}[^\s,;]*)`.
fn web_label(t: &str) -> Option<&str> {
    // A run of address characters holding a dot after its first character and two letters after the dot.
    fn address(r: &str) -> Option<&str> {
        let run = &r[..r.find(|c: char| !url_char(c)).unwrap_or(r.len())];
        let dotted = run.char_indices().skip(1).any(|(i, c)| {
            c == '.' && run[i + 1..].chars().take(2).filter(|&l| scan::fold(l).is_ascii_lowercase()).count() == 2
        });
        dotted.then_some(run)
    }
    t.char_indices().find_map(|(i, _)| {
        if scan::char_before(t, i).is_some_and(scan::is_word) {
            return None;
        }
        ["website", "web", "homepage", "url"].iter().find_map(|l| {
            let r = scan::skip_ws(scan::strip_ci(&t[i..], l)?);
            r.strip_prefix(['.', ':']).and_then(|v| address(scan::skip_ws(v))).or_else(|| address(r))
        })
    })
}

/// Whether `t` holds a postal code or house number, as
/// `[0-9]{3,}|\b[0-9]+\s*-\s*[0-9]+\b|\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b`.
fn postal(t: &str) -> bool {
    let b = t.as_bytes();
    if b.windows(3).any(|w| w.iter().all(u8::is_ascii_digit)) {
        return true;
    }
    let ends_word = |r: &str| !r.starts_with(scan::is_word);
    t.char_indices().any(|(i, _)| {
        if scan::char_before(t, i).is_some_and(scan::is_word) {
            return false;
        }
        let r = &t[i..];
        // "12 - 14": digits, a hyphen, digits.
        let range = scan::digits(r, 1, usize::MAX)
            .and_then(|(_, r)| scan::skip_ws(r).strip_prefix('-'))
            .and_then(|r| scan::digits(scan::skip_ws(r), 1, usize::MAX))
            .is_some_and(|(_, r)| ends_word(r));
        // "SW1A 1AA": the outward code, then the inward code.
        let upper = |r: &str| r.starts_with(|c: char| c.is_ascii_uppercase());
        let inward = |r: &str| {
            let r = scan::skip_ws(r);
            r.len() >= 3 && r.as_bytes()[0].is_ascii_digit() && upper(&r[1..]) && upper(&r[2..]) && ends_word(&r[3..])
        };
        let letters = r.bytes().take(2).take_while(u8::is_ascii_uppercase).count();
        let uk = letters > 0 && r[letters..].starts_with(|c: char| c.is_ascii_digit()) && {
            let r = &r[letters + 1..];
            inward(r) || r.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) && inward(&r[1..])
        };
        range || uk
    })
}

/// Whether `t` holds four ASCII digits in a row, as every printed date here does.
fn has_four_digits(t: &str) -> bool {
    t.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

/// Byte offsets in `s` where a word may start (`\b` before a word character).
fn word_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.char_indices().filter(move |&(i, c)| scan::is_word(c) && !scan::char_before(s, i).is_some_and(scan::is_word)).map(|(i, _)| i)
}

/// A case-insensitive `[a-z]{3,9}` taken whole at the start of `r`, and what follows it.
fn month_word(r: &str) -> Option<(&str, &str)> {
    let n = r.chars().take_while(|&c| scan::fold(c).is_ascii_lowercase()).count();
    let end = r.char_indices().nth(n).map_or(r.len(), |(i, _)| i);
    (3..=9).contains(&n).then(|| (&r[..end], &r[end..]))
}

/// Four digits ending a word, and what follows them.
fn year4(r: &str) -> Option<(&str, &str)> {
    scan::digits(r, 4, 4).filter(|(_, rest)| !rest.starts_with(scan::is_word))
}

/// "11 June 2024": `(?i)\b([0-9]{1,2})\s+([a-z]{3,9})\.?,?\s+([0-9]{4})\b`.
fn date_dmy(s: &str) -> Option<(&str, &str, &str)> {
    word_starts(s).find_map(|i| {
        let (d, r) = scan::digits(&s[i..], 1, 2)?;
        let (m, r) = month_word(scan::ws1(r)?)?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let r = r.strip_prefix(',').unwrap_or(r);
        let (y, _) = year4(scan::ws1(r)?)?;
        Some((d, m, y))
    })
}

/// "June 11, 2024": `(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\b`.
fn date_mdy(s: &str) -> Option<(&str, &str, &str)> {
    word_starts(s).find_map(|i| {
        let (m, r) = month_word(&s[i..])?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let (d, r) = scan::digits(scan::ws1(r)?, 1, 2)?;
        let r = r.strip_prefix(',').unwrap_or(r);
        let (y, _) = year4(scan::ws1(r)?)?;
        Some((m, d, y))
    })
}

/// "June 2024": `(?i)\b([a-z]{3,9})\.?,?\s+([0-9]{4})\b`.
fn date_my(s: &str) -> Option<(&str, &str)> {
    word_starts(s).find_map(|i| {
        let (m, r) = month_word(&s[i..])?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let r = r.strip_prefix(',').unwrap_or(r);
        let (y, _) = year4(scan::ws1(r)?)?;
        Some((m, y))
    })
}

/// "2024-06-11" / "2024.06": `\b([0-9]{4})[-./]([0-9]{1,2})(?:[-./]([0-9]{1,2}))?\b`.
fn date_iso(s: &str) -> Option<(&str, &str, Option<&str>)> {
    let sep = ['-', '.', '/'];
    word_starts(s).find_map(|i| {
        let (y, r) = scan::digits(&s[i..], 4, 4)?;
        let (m, r) = scan::digits(r.strip_prefix(sep)?, 1, 2)?;
        let day = r.strip_prefix(sep).and_then(|r| scan::digits(r, 1, 2)).filter(|(_, rest)| !rest.starts_with(scan::is_word));
        match day {
            Some((d, _)) => Some((y, m, Some(d))),
            None => (!r.starts_with(scan::is_word)).then_some((y, m, None)),
        }
    })
}

/// Phrases that mark a disclaimer, lower case, every spelling written out.
const DISCLAIMER_CUES: &[&str] = &[
    "institutional position",
    "sole responsibility",
    "solely responsibility",
    "sole the responsibility",
    "solely the responsibility",
    "do not necessarily reflect",
    "do not necessarily represent",
    "does not necessarily reflect",
    "does not necessarily represent",
    "views expressed",
    "opinions expressed",
    "the author alone",
    "the authors alone",
    "the author(s) alone",
    "not views",
    "not position",
    "not the views",
    "not the position",
    "not official views",
    "not official position",
    "not the official views",
    "not the official position",
    "disclaimer",
    "take no position",
    "takes no position",
    "take no responsibility",
    "takes no responsibility",
    "all rights reserved",
];

/// The value of a line whose label joins typesetting with other work ("Typesetting and
/// layout: Ann Lee", "Editing and typesetting by Ann Lee").
fn typeset_joined(t: &str) -> Option<&str> {
    const WORK: &[&str] = &["typesetting", "typeset", "typesetter", "layout", "design", "designed", "editing", "edited", "production", "proofreading", "copyediting"];
    let lower = t.to_ascii_lowercase();
    let cut = [":", "：", " by "].iter().filter_map(|m| lower.find(m).map(|i| (i, m.len()))).min()?;
    let words: Vec<&str> = lower[..cut.0].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let labelled = (2..=5).contains(&words.len())
        && words.iter().all(|w| WORK.contains(w) || *w == "and")
        && words.iter().any(|w| w.starts_with("typeset") || *w == "layout");
    let value = t.get(cut.0 + cut.1..)?.trim();
    (labelled && !value.is_empty()).then_some(value)
}

/// The contact of a worded inquiries line: "Media inquiries: Bo Kim", "For more
/// information, please contact Bo Kim".
fn inquiries_worded(t: &str) -> Option<&str> {
    let lower = t.to_ascii_lowercase();
    for lead in ["for more information", "for further information"] {
        if let Some(r) = lower.strip_prefix(lead) {
            let r = r.trim_start_matches([',', ' ']);
            let r = r.strip_prefix("please ").unwrap_or(r);
            let r = r.strip_prefix("contact")?.trim_start_matches([':', ' ']);
            let value = t[t.len() - r.len()..].trim();
            return (!value.is_empty()).then_some(value);
        }
    }
    // One word before the inquiries word: "Media inquiries:", "Press enquiries:".
    let (word, rest) = t.split_once(' ')?;
    (word.chars().all(char::is_alphabetic) && !word.eq_ignore_ascii_case("for")).then(|| inquiries(rest)).flatten()
}

/// The address a closing invitation sends questions to ("Please send questions, comments,
/// or requests … to x@y.org."): the publication's inquiries contact. Only a short
/// paragraph asks so; a longer one mentions an address among other things.
pub(crate) fn invited_contact(t: &str) -> Option<&str> {
    if t.split_whitespace().count() > 60 {
        return None;
    }
    let lower = t.to_lowercase();
    let asks = ["questions", "comments", "inquiries", "enquiries", "feedback", "requests"].iter().any(|w| lower.contains(w));
    let directs = lower.contains(" to ") || lower.contains("contact");
    (asks && directs).then(|| find_email(t)).flatten()
}

/// The publisher a "Published by …" or "Publisher: …" line names.
pub(crate) fn published_by(t: &str) -> Option<&str> {
    let r = scan::strip_ci(t.trim(), "published by ").or_else(|| scan::strip_ci(t.trim(), "publisher").and_then(|r| colon(scan::skip_ws(r))))?;
    let value = r.trim().trim_end_matches('.');
    (!value.is_empty() && !value.chars().any(|c| c.is_ascii_digit()) && value.split_whitespace().count() <= 10).then_some(value)
}

/// Whether a line opens on a one-letter label and a number: "T +82 2 2277 1683  F +82 …".
fn letter_labelled_number(t: &str) -> bool {
    let mut cs = t.chars();
    matches!(cs.next(), Some('T' | 'F')) && matches!(cs.next(), Some(' ' | ':' | '.')) && (phone(t).is_some() || fax(t).is_some())
}

/// The ISSN of a line that gives one, as `(?i)\b(?:e-?|p-?)?ISSN\b[^0-9]{0,12}([0-9]{4}-?[0-9]{3}[0-9X])`:
/// "ISSN 2288-1234", "e-ISSN: 2765-4410", "ISSN (online) 1234-567X".
pub(crate) fn issn(t: &str) -> Option<&str> {
    // ASCII lower case keeps every byte where it was, so offsets found there hold in `t`.
    let at = t.to_ascii_lowercase().find("issn")?;
    if t[..at].chars().last().is_some_and(|c| c.is_alphanumeric() && !matches!(c, 'e' | 'E' | 'p' | 'P')) {
        return None;
    }
    let after = &t[at + 4..];
    let start = after.find(|c: char| c.is_ascii_digit()).filter(|&k| k <= 12 && !after[..k].contains(|c: char| c.is_ascii_digit()))?;
    let r = &after[start..];
    let end = r.find(|c: char| !(c.is_ascii_digit() || c == '-' || c == 'X' || c == 'x')).unwrap_or(r.len());
    let v = &r[..end];
    let digits = v.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    (digits == 8 && v.chars().filter(|&c| c == '-').count() <= 1).then_some(v)
}

/// The number of a line "Report No. 2024-07" (or "Working Paper No. 12", "Paper Number:
/// 3"): a series' own numbering, printed in the colophon.
fn report_number(t: &str) -> Option<&str> {
    let f = t.to_ascii_lowercase();
    let kinds = ["report", "working paper", "discussion paper", "policy paper", "research paper", "occasional paper", "paper", "brief"];
    let kind = kinds.iter().find(|k| f.starts_with(*k))?;
    let r = t[kind.len()..].trim_start();
    let fr = r.to_ascii_lowercase();
    let label = ["no.", "no ", "number", "#"].iter().find(|l| fr.starts_with(*l))?;
    let v = r[label.len()..].trim_start().trim_start_matches(':').trim();
    (t.split_whitespace().count() <= 6 && v.starts_with(|c: char| c.is_ascii_alphanumeric()) && v.contains(|c: char| c.is_ascii_digit())).then_some(v)
}

/// Whether a line holds a colophon field (a label, an ISBN, contact details).
pub(crate) fn is_field_line(text: &str) -> bool {
    let t = text.trim();
    typeset(t).is_some()
        || typeset_joined(t).is_some()
        || inquiries(t).is_some()
        || inquiries_worded(t).is_some()
        || published_by(t).is_some()
        || letter_labelled_number(t)
        || date_issue(t).is_some() && parse_date(t).is_some()
        || isbn(t).is_some()
        || issn(t).is_some()
        || report_number(t).is_some()
        || any_label(t) && (phone(t).is_some() || fax(t).is_some() || has_email(t) || website(t).is_some())
}

/// Whether a paragraph reads as the institute's disclaimer.
pub(crate) fn has_disclaimer_cue(text: &str) -> bool {
    let t = fold_ascii_case(text);
    DISCLAIMER_CUES.iter().any(|p| t.contains(p))
}

/// Whether `text` disclaims (a cue besides a bare "all rights reserved"): a copyright
/// line reserves rights, a disclaimer speaks of views and positions.
pub(crate) fn disclaims(text: &str) -> bool {
    let t = fold_ascii_case(text);
    DISCLAIMER_CUES.iter().filter(|&&p| p != "all rights reserved").any(|p| t.contains(p))
}

/// `t` with every character that Unicode simple case folding pairs with an ASCII letter
/// written as that lower-case letter: ASCII capitals, long s and the Kelvin sign.
///
/// Searching folded text for lower-case ASCII phrases matches as a case-insensitive
/// pattern would, without compiling one.
fn fold_ascii_case(t: &str) -> String {
    t.chars()
        .map(|c| match c {
            '\u{17F}' => 's',
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Fields read from the colophon lines.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Fields {
    pub colophon: Colophon,
    pub isbn: Option<String>,
    pub date: Option<Date>,
    pub publisher: Option<String>,
    /// For each line given, whether a field took its text; the caller keeps the others.
    pub taken: Vec<bool>,
}

/// Reads the colophon's labelled fields from its lines (already de-hyphenated, one per line).
pub(crate) fn read_fields(lines: &[String]) -> Fields {
    read_fields_paged(lines, &vec![1; lines.len()])
}

/// More unlabelled lines than this between two contact lines start a new contact block.
const BLOCK_GAP: usize = 2;

/// Contact blocks in a document that make it a directory of contacts rather than a colophon.
const DIRECTORY: usize = 3;

/// Words that make an unlabelled line prose rather than a name or an address.
const PROSE_WORDS: usize = 8;

/// Reads the colophon's fields from its lines, `pages[i]` being the page of line `i`.
///
/// The contact lines right after "For inquiries" belong to the contact, not the publisher;
/// the publisher's name is the unlabelled line just above the postal address. Phone, fax,
/// e-mail and website come from the last contact block only (a run of contact lines, which
/// may go on over a page break): earlier blocks are a directory of contacts printed in the text, not the colophon,
/// and in such a directory the last block is one more entry when prose follows it.
/// A line whose values no field took is left untaken, so its text stays in the document.
pub(crate) fn read_fields_paged(lines: &[String], pages: &[u32]) -> Fields {
    let mut f = Fields { taken: vec![false; lines.len()], ..Fields::default() };
    let c = &mut f.colophon;
    // The contact after "For inquiries" owns the contact lines printed right after it.
    let mut contact_of: Option<usize> = None;
    let mut owner: Vec<Option<usize>> = vec![None; lines.len()];
    // The line that holds each single-valued field (typeset, inquiries, date, ISBN).
    let mut holder = [None::<usize>; 4];
    let mut hold = |slot: usize, i: usize, taken: &mut Vec<bool>| {
        if let Some(old) = holder[slot].replace(i) {
            taken[old] = false;
        }
        taken[i] = true;
    };
    // Contact lines, each with its block number.
    let mut contacts: Vec<(usize, usize)> = Vec::new();
    let mut plain_since = 0usize;
    // Whether a line of prose follows the last contact line.
    let mut prose_after = false;
    let mut plain: Vec<usize> = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(m) = typeset(t).or_else(|| typeset_joined(t)) {
            c.typeset_by = Some(m.trim().to_string());
            hold(0, i, &mut f.taken);
            contact_of = None;
            continue;
        }
        if let Some(m) = published_by(t) {
            f.publisher = Some(m.to_string());
            f.taken[i] = true;
            contact_of = None;
            continue;
        }
        if let Some(m) = inquiries(t).or_else(|| inquiries_worded(t)) {
            c.inquiries = Some(m.trim().to_string());
            hold(1, i, &mut f.taken);
            contact_of = Some(i);
            continue;
        }
        if let Some(m) = date_issue(t) {
            if let Some(d) = parse_date(m) {
                f.date = Some(d);
                hold(2, i, &mut f.taken);
                contact_of = None;
                continue;
            }
        }
        if let Some(m) = isbn(t) {
            f.isbn = Some(m.trim().to_string());
            hold(3, i, &mut f.taken);
            contact_of = None;
            continue;
        }
        let numbers = [issn(t).map(|v| (v, &mut c.issn)), report_number(t).map(|v| (v, &mut c.report_number))];
        if let Some((v, slot)) = numbers.into_iter().flatten().next() {
            if slot.is_none() {
                *slot = Some(v.to_string());
                f.taken[i] = true;
            }
            contact_of = None;
            continue;
        }
        let contact_like = phone(t).is_some() || fax(t).is_some() || has_email(t) || website(t).is_some();
        if let Some(o) = contact_of.filter(|_| contact_like) {
            owner[i] = Some(o);
            continue;
        }
        contact_of = None;
        if contact_like {
            let block = match contacts.last() {
                Some(&(j, b)) if pages.get(i).zip(pages.get(j)).is_some_and(|(p, q)| p.abs_diff(*q) <= 1) && plain_since <= BLOCK_GAP => b,
                Some(&(_, b)) => b + 1,
                None => 0,
            };
            contacts.push((i, block));
            plain_since = 0;
            prose_after = false;
            continue;
        }
        plain_since += 1;
        prose_after |= !contacts.is_empty() && t.split_whitespace().count() >= PROSE_WORDS;
        plain.push(i);
    }
    // The contact's own lines go with the inquiries line that is kept.
    for (i, o) in owner.iter().enumerate() {
        if let Some(o) = o {
            f.taken[i] = f.taken[*o];
        }
    }
    // In a directory (several blocks), a block followed by prose is one more entry of it.
    let last = contacts.last().map(|&(_, b)| b).filter(|&b| b + 1 < DIRECTORY || !prose_after);
    for &(i, _) in contacts.iter().filter(|&&(_, b)| Some(b) == last) {
        let t = lines[i].trim();
        let found = [
            phone(t).map(|v| v.trim().to_string()),
            fax(t).map(|v| v.trim().to_string()),
            find_email(t).map(|m| m.trim_end_matches('.').to_string()),
            web_label(t).filter(|w| !w.contains('@')).or_else(|| website(t)).map(|w| w.trim_end_matches(['.', ')']).to_string()),
        ];
        let slots = [&mut c.phone, &mut c.fax, &mut c.email, &mut c.website];
        // Taken when every value it holds went into a field still empty.
        let mut taken = true;
        for (slot, value) in slots.into_iter().zip(found) {
            match (slot.is_none(), value) {
                (true, Some(v)) => *slot = Some(v),
                (false, Some(_)) => taken = false,
                (_, None) => {}
            }
        }
        f.taken[i] = taken;
    }
    // The contact's own lines give the publication's details that no other line gives.
    for (i, _) in owner.iter().enumerate().filter(|(_, o)| o.is_some()) {
        let t = lines[i].trim();
        let found = [phone(t).map(|v| v.trim().to_string()), fax(t).map(|v| v.trim().to_string()), find_email(t).map(|m| m.trim_end_matches('.').to_string())];
        for (slot, value) in [&mut c.phone, &mut c.fax, &mut c.email].into_iter().zip(found) {
            if slot.is_none() {
                *slot = value;
            }
        }
    }
    // The address: an unlabelled line shaped like a postal address (commas and a number).
    let is_address = |t: &str| t.matches(',').count() >= 2 && postal(t) && !t.starts_with(['“', '"', '‘']);
    if let Some(k) = plain.iter().position(|&i| is_address(&lines[i])) {
        c.address = Some(lines[plain[k]].trim().to_string());
        if k > 0 {
            let prev = lines[plain[k - 1]].trim();
            let name_like = !prev.is_empty()
                && prev.chars().count() <= 80
                && !prev.chars().any(|ch| ch.is_ascii_digit())
                && !prev.starts_with(['“', '"', '‘'])
                && prev.chars().next().is_some_and(|ch| ch.is_uppercase());
            if name_like && plain[k - 1] + 1 == plain[k] {
                f.publisher = Some(prev.to_string());
            }
        }
    }
    f
}

/// The holder a copyright statement names when it is an organisation: "The Policy
/// Institute" for "© 2024 The Policy Institute. All rights reserved.".
pub(crate) fn copyright_holder(text: &str) -> Option<String> {
    let t = &text[crate::normalise::front::copyright_start(text)?..];
    let mut r = t.trim_start();
    loop {
        let before = r;
        for lead in ["copyright", "©", "(c)", "by "] {
            r = scan::strip_ci(r, lead).unwrap_or(r).trim_start();
        }
        r = r.trim_start_matches(|c: char| c.is_ascii_digit() || "–-, ".contains(c));
        if r == before {
            break;
        }
    }
    let holder = r[..r.find(['.', ',', ';']).unwrap_or(r.len())].trim();
    crate::normalise::front::names_organisation(holder).then(|| holder.to_string())
}

/// The first year a copyright statement gives ("© 1998, 2004 The Institute" gives 1998):
/// the year the work was first issued.
pub(crate) fn copyright_year(text: &str) -> Option<i32> {
    let t = &text[crate::normalise::front::copyright_start(text)?..];
    let head = &t[..t.char_indices().nth(60).map_or(t.len(), |(i, _)| i)];
    head.split(|c: char| !c.is_ascii_digit()).filter(|w| w.len() == 4).filter_map(|w| w.parse::<i32>().ok()).find(|y| (1800..=2100).contains(y))
}

/// The disclaimer's subject, when it opens with the institute's name: "The X Institute takes …".
pub(crate) fn disclaimer_subject(text: &str) -> Option<String> {
    let text = scan::strip_ci(text.trim_start(), "disclaimer").map_or(text, |r| colon(scan::skip_ws(r)).unwrap_or(r).trim_start());
    let verbs = [" takes ", " does ", " is not ", " assumes ", " bears ", " accepts ", " has no "];
    let cut = verbs.iter().filter_map(|v| text.find(v)).min()?;
    let subject = text[..cut].trim();
    let ok = subject.split_whitespace().count() <= 8
        && subject.split_whitespace().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).count() >= 2;
    ok.then(|| subject.to_string())
}

fn month(s: &str) -> Option<u8> {
    let s = s.to_lowercase();
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if s.len() < 3 {
        return None;
    }
    names.iter().position(|n| s.starts_with(n)).map(|i| i as u8 + 1)
}

/// Parses a printed date: "11 June 2024", "June 11, 2024", "June 2024", "2024-06-11".
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let valid = |d: Date| (1000..=2999).contains(&d.year).then_some(d);
    if !has_four_digits(s) {
        return None;
    }
    if let Some((d, m, y)) = date_dmy(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month(m), d.parse::<u8>(), y.parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: Some(d).filter(|d| (1..=31).contains(d)) });
        }
    }
    if let Some((m, d, y)) = date_mdy(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month(m), d.parse::<u8>(), y.parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: Some(d).filter(|d| (1..=31).contains(d)) });
        }
    }
    if let Some((y, m, d)) = date_iso(s) {
        let y = y.parse::<i32>().ok()?;
        let m = m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
        let d = d.and_then(|d| d.parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
        return valid(Date { year: y, month: Some(m), day: d });
    }
    if let Some((m, y)) = date_my(s) {
        if let (Some(m), Ok(y)) = (month(m), y.parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: None });
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_blocks;
