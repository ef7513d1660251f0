//! The colophon: labelled publisher fields, the disclaimer, ISBN and date of issue.

use std::sync::LazyLock;

use regex::Regex;

use super::scan;
use crate::tree::{Colophon, Date};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("valid regex")
}

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

/// The "For inquiries: …" label line (INQUIRIES needs a colon and opens with its label).
fn inquiries(t: &str) -> Option<regex::Captures<'_>> {
    let after_for = scan::strip_ci(t, "for").and_then(scan::ws1).unwrap_or(t);
    if !t.contains([':', '：']) || scan::strip_any_ci(after_for, &["inquir", "enquir", "contact"]).is_none() {
        return None;
    }
    INQUIRIES.captures(t)
}

/// The "Typeset by: …" label line (TYPESET opens with its label).
fn typeset(t: &str) -> Option<regex::Captures<'_>> {
    scan::strip_any_ci(t, &["typeset", "layout", "design"])?;
    TYPESET.captures(t)
}

/// The "Date of issue: …" label line (DATE_ISSUE opens with its label).
fn date_issue(t: &str) -> Option<regex::Captures<'_>> {
    scan::strip_any_ci(t, &["date of", "published", "publication date", "issued"])?;
    DATE_ISSUE.captures(t)
}

/// An ISBN line or a labelled ISBN: the number is capture 1.
///
/// A bare ISBN opens with its label or a digit, ends with a digit or X and has three
/// separators; a labelled one names "ISBN".
fn isbn(t: &str) -> Option<regex::Captures<'_>> {
    let bare = t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'e' | 'E' | '-' | 'i' | 'I'))
        && t.ends_with(|c: char| c.is_ascii_digit() || c == 'x' || c == 'X')
        && t.chars().filter(|c| matches!(c, '-' | '‐' | ' ')).count() >= 3;
    bare.then(|| ISBN.captures(t)).flatten().or_else(|| scan::contains_ci(t, "isbn").then(|| ISBN_LABELLED.captures(t)).flatten())
}

/// Whether `t` opens with a contact label: `(?i)^(?:phone|tel|fax|e-?mail|website|web|homepage|url)\b`.
fn any_label(t: &str) -> bool {
    ["phone", "tel", "fax", "email", "e-mail", "website", "web", "homepage", "url"]
        .iter()
        .any(|l| scan::strip_ci(t, l).is_some_and(|r| !r.starts_with(scan::is_word)))
}

/// Whether `t` holds two ASCII digits, as every PHONE and FAX number does.
fn has_two_digits(t: &str) -> bool {
    t.bytes().filter(u8::is_ascii_digit).nth(1).is_some()
}

/// The phone number in `t`.
fn phone(t: &str) -> Option<regex::Captures<'_>> {
    has_two_digits(t).then(|| PHONE.captures(t)).flatten()
}

/// The fax number in `t`.
fn fax(t: &str) -> Option<regex::Captures<'_>> {
    has_two_digits(t).then(|| FAX.captures(t)).flatten()
}

/// The first web address in `t` (WEBSITE needs "http" or "www.").
fn website(t: &str) -> Option<regex::Match<'_>> {
    (scan::contains_ci(t, "http") || scan::contains_ci(t, "www.")).then(|| WEBSITE.find(t)).flatten()
}

/// The address after a "Website" label (WEB_LABEL needs a label and a dot).
fn web_label(t: &str) -> Option<&str> {
    let labelled = ["web", "homepage", "url"].iter().any(|l| scan::contains_ci(t, l));
    (labelled && t.contains('.')).then(|| WEB_LABEL.captures(t)).flatten().and_then(|m| m.get(1)).map(|m| m.as_str())
}

/// Whether `t` holds four ASCII digits in a row, as every printed date here does.
fn has_four_digits(t: &str) -> bool {
    t.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit))
}

static TYPESET: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:typeset(?:ting)?|typesetter|layout|design(?:ed)?)(?:\s+by)?\s*[:：]\s*(.+)$|^(?i:typeset by)\s+(.+)$"));
static INQUIRIES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:for\s+)?(?:inquir(?:y|ies)|enquir(?:y|ies)|contact)(?:\s+\w+)?\s*[:：]\s*(.+)$"));
static DATE_ISSUE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:date of (?:issue|publication)|published|publication date|issued)\s*[:：]?\s*(.+)$"));
static ISBN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(?:e?-?ISBN(?:-1[03])?\s*[:：]?\s*)?((?:97[89][-‐ ]?)?[0-9]{1,5}[-‐ ][0-9]{1,7}[-‐ ][0-9]{1,7}[-‐ ][0-9X](?:[-‐ ][0-9]{1,6})?)$"));
static ISBN_LABELLED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bISBN(?:-1[03])?\s*[:：]?\s*([0-9X][0-9X -]{8,}[0-9X])"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:phone|tel(?:ephone)?|t)\s*[.:]?\s*(\+?\(?[0-9][0-9 ()./-]{5,}[0-9])"));
static FAX: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:fax|f)\s*[.:]?\s*(\+?\(?[0-9][0-9 ()./-]{5,}[0-9])"));
static WEBSITE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:https?://|www\.)[^\s,;]+"));
static WEB_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:website|web|homepage|url)\s*[:.]?\s*([^\s,;]+\.[a-z]{2,}[^\s,;]*)"));
static POSTAL: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]{3,}|\b[0-9]+\s*-\s*[0-9]+\b|\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b"));
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
];
static DATE_DMY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([0-9]{1,2})\s+([a-z]{3,9})\.?,?\s+([0-9]{4})\b"));
static DATE_MDY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\b"));
static DATE_MY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([a-z]{3,9})\.?,?\s+([0-9]{4})\b"));
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| re(r"\b([0-9]{4})[-./]([0-9]{1,2})(?:[-./]([0-9]{1,2}))?\b"));

/// Whether a line holds a colophon field (a label, an ISBN, contact details).
pub(crate) fn is_field_line(text: &str) -> bool {
    let t = text.trim();
    typeset(t).is_some()
        || inquiries(t).is_some()
        || date_issue(t).is_some() && parse_date(t).is_some()
        || isbn(t).is_some()
        || any_label(t) && (phone(t).is_some() || fax(t).is_some() || has_email(t) || website(t).is_some())
}

/// Whether a paragraph reads as the institute's disclaimer.
pub(crate) fn has_disclaimer_cue(text: &str) -> bool {
    let t = fold_ascii_case(text);
    DISCLAIMER_CUES.iter().any(|p| t.contains(p))
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
}

/// Reads the colophon's labelled fields from its lines (already de-hyphenated, one per line).
///
/// The contact lines right after "For inquiries" belong to the contact, not the publisher;
/// the publisher's name is the unlabelled line just above the postal address.
pub(crate) fn read_fields(lines: &[String]) -> Fields {
    let mut f = Fields::default();
    let c = &mut f.colophon;
    let mut in_contact = false;
    let mut plain: Vec<usize> = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(m) = typeset(t) {
            c.typeset_by = m.get(1).or(m.get(2)).map(|v| v.as_str().trim().to_string());
            in_contact = false;
            continue;
        }
        if let Some(m) = inquiries(t) {
            c.inquiries = m.get(1).map(|v| v.as_str().trim().to_string());
            in_contact = true;
            continue;
        }
        if let Some(m) = date_issue(t) {
            if let Some(d) = m.get(1).and_then(|v| parse_date(v.as_str())) {
                f.date = Some(d);
                in_contact = false;
                continue;
            }
        }
        if let Some(m) = isbn(t) {
            f.isbn = m.get(1).map(|v| v.as_str().trim().to_string());
            in_contact = false;
            continue;
        }
        let contact_like = phone(t).is_some() || fax(t).is_some() || has_email(t) || website(t).is_some();
        if in_contact && contact_like {
            continue;
        }
        in_contact = false;
        if contact_like {
            if c.phone.is_none() {
                c.phone = phone(t).and_then(|m| m.get(1)).map(|v| v.as_str().trim().to_string());
            }
            if c.fax.is_none() {
                c.fax = fax(t).and_then(|m| m.get(1)).map(|v| v.as_str().trim().to_string());
            }
            if c.email.is_none() {
                c.email = find_email(t).map(|m| m.trim_end_matches('.').to_string());
            }
            if c.website.is_none() {
                c.website = web_label(t)
                    .filter(|w| !w.contains('@'))
                    .or_else(|| website(t).map(|m| m.as_str()))
                    .map(|w| w.trim_end_matches(['.', ')']).to_string());
            }
            continue;
        }
        plain.push(i);
    }
    // The address: an unlabelled line shaped like a postal address (commas and a number).
    let is_address = |t: &str| t.matches(',').count() >= 2 && t.contains(|c: char| c.is_ascii_digit()) && POSTAL.is_match(t) && !t.starts_with(['“', '"', '‘']);
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

/// The disclaimer's subject, when it opens with the institute's name: "The X Institute takes …".
pub(crate) fn disclaimer_subject(text: &str) -> Option<String> {
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
    if let Some(c) = DATE_DMY.captures(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month(&c[2]), c[1].parse::<u8>(), c[3].parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: Some(d).filter(|d| (1..=31).contains(d)) });
        }
    }
    if let Some(c) = DATE_MDY.captures(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month(&c[1]), c[2].parse::<u8>(), c[3].parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: Some(d).filter(|d| (1..=31).contains(d)) });
        }
    }
    if let Some(c) = DATE_ISO.captures(s) {
        let y = c[1].parse::<i32>().ok()?;
        let m = c[2].parse::<u8>().ok().filter(|m| (1..=12).contains(m))?;
        let d = c.get(3).and_then(|d| d.as_str().parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
        return valid(Date { year: y, month: Some(m), day: d });
    }
    if let Some(c) = DATE_MY.captures(s) {
        if let (Some(m), Ok(y)) = (month(&c[1]), c[2].parse::<i32>()) {
            return valid(Date { year: y, month: Some(m), day: None });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn labelled_fields_are_read_and_contact_line_skipped() {
        let f = read_fields(&lines(&[
            "“Waiting for Trump: North Korea's Interim Cold War 2.0 Strategy”",
            "Date of Issue: 11 June 2024",
            "979-11-6617-767-5-95340",
            "Typeset by: Jisoo Park",
            "For inquiries: Jisoo Park, Research Associate",
            "Tel. 82 2 2277 1683 (ext. 208) jspark@eai.or.kr",
            "The East Asia Institute",
            "Sajik-dong 261, Jongro-gu, Seoul 03028, South Korea",
            "Phone 82 2 2277 1683 Fax 82 2 2277 1697",
            "Email eai@eai.or.kr Website www.eai.or.kr",
        ]));
        let c = &f.colophon;
        assert_eq!(c.typeset_by.as_deref(), Some("Jisoo Park"));
        assert_eq!(c.inquiries.as_deref(), Some("Jisoo Park, Research Associate"));
        assert_eq!(c.address.as_deref(), Some("Sajik-dong 261, Jongro-gu, Seoul 03028, South Korea"));
        assert_eq!(c.phone.as_deref(), Some("82 2 2277 1683"));
        assert_eq!(c.fax.as_deref(), Some("82 2 2277 1697"));
        assert_eq!(c.email.as_deref(), Some("eai@eai.or.kr"));
        assert_eq!(c.website.as_deref(), Some("www.eai.or.kr"));
        assert_eq!(f.isbn.as_deref(), Some("979-11-6617-767-5-95340"));
        assert_eq!(f.date, Some(Date { year: 2024, month: Some(6), day: Some(11) }));
        assert_eq!(f.publisher.as_deref(), Some("The East Asia Institute"));
    }

    #[test]
    fn other_label_forms() {
        let f = read_fields(&lines(&[
            "ISBN: 978-3-16-148410-0",
            "Published: March 5, 2021",
            "Institute for Policy",
            "12 Harbour Road, Wan Chai, Hong Kong 999077",
            "Tel: +852 2123 4567 | Fax: +852 2123 4568",
            "E-mail: info@policy.org",
            "https://www.policy.org",
        ]));
        assert_eq!(f.isbn.as_deref(), Some("978-3-16-148410-0"));
        assert_eq!(f.date, Some(Date { year: 2021, month: Some(3), day: Some(5) }));
        assert_eq!(f.colophon.phone.as_deref(), Some("+852 2123 4567"));
        assert_eq!(f.colophon.fax.as_deref(), Some("+852 2123 4568"));
        assert_eq!(f.colophon.email.as_deref(), Some("info@policy.org"));
        assert_eq!(f.colophon.website.as_deref(), Some("https://www.policy.org"));
        assert_eq!(f.colophon.address.as_deref(), Some("12 Harbour Road, Wan Chai, Hong Kong 999077"));
        assert_eq!(f.publisher.as_deref(), Some("Institute for Policy"));
    }

    #[test]
    fn disclaimer_cues_and_subject() {
        let d = "The East Asia Institute takes no institutional position on policy issues.";
        assert!(has_disclaimer_cue(d));
        assert_eq!(disclaimer_subject(d).as_deref(), Some("The East Asia Institute"));
        assert!(has_disclaimer_cue("The views expressed are those of the authors."));
        assert!(!has_disclaimer_cue("Her research focuses on pension reform."));
    }

    #[test]
    fn only_long_s_and_kelvin_sign_fold_to_ascii_letters() {
        let any_letter = Regex::new("(?i)^[a-z]$").expect("valid");
        let folding: Vec<char> = (0x80..=0x10FFFFu32).filter_map(char::from_u32).filter(|c| any_letter.is_match(&c.to_string())).collect();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }

    #[test]
    fn disclaimer_phrases_match_as_the_case_insensitive_pattern_did() {
        let pattern = Regex::new(r"(?i)institutional position|sole(?:ly)? (?:the )?responsibility|do(?:es)? not necessarily (?:reflect|represent)|views expressed|opinions expressed|the author(?:s|\(s\))? alone|not (?:the )?(?:official )?(?:views|position)|disclaimer|takes? no (?:position|responsibility)").expect("valid");
        let words = ["The", "NOT", "not", "the", "official", "Views", "position", "ſole", "solely", "responsibility", "do", "does", "necessarily", "reflect", "represent", "expressed", "opinions", "author", "authors", "author(s)", "alone", "DISCLAIMER", "takes", "take", "no", "institutional", "TAKE", "K", "x"];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + (seed % 5) as usize;
            let text: Vec<&str> = (0..n).map(|k| words[((seed >> (8 * k)) % words.len() as u64) as usize]).collect();
            let text = text.join(" ");
            assert_eq!(has_disclaimer_cue(&text), pattern.is_match(&text), "{text}");
        }
    }

    #[test]
    fn email_is_found_as_the_pattern_found_it() {
        let pattern = Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid");
        let pieces = ["a", "é", "_", "1", "\u{301}", ".", "+", "-", "@", " ", "x.y", "·", "org", "..", "@@", "한"];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + (seed % 9) as usize;
            let text: String = (0..n).map(|k| pieces[((seed >> (6 * k)) % pieces.len() as u64) as usize]).collect();
            assert_eq!(find_email(&text), pattern.find(&text).map(|m| m.as_str()), "{text:?}");
        }
        assert_eq!(find_email("Email: info@policy.org."), Some("info@policy.org"));
    }

    #[test]
    fn field_lines_are_recognised() {
        assert!(is_field_line("Typeset by: Jisoo Park"));
        assert!(is_field_line("Date of Issue: 4 May 2022"));
        assert!(is_field_line("979-11-7948-740-2-93340"));
        assert!(is_field_line("Phone 82 2 2277 1683 Fax 82 2 2277 1697"));
        assert!(!is_field_line("Her research focuses on pension reform."));
        assert!(!is_field_line("Pacific Review, 23(1): 379-403."));
    }

    #[test]
    fn cheap_tests_pass_every_line_the_patterns_match() {
        use crate::normalise::back::scan::samples;
        let pieces = ["Typeset", "LAYOUT", "design", "ed", " by", "For ", "for", "inquiries", "Enquiry", "contact", " us", ":", "：", "Date of issue", "Published", "issued", "ISBN", "i\u{17F}bn", "e-", "978", "-", "‐", " ", "0", "12", "X", "x", "Phone", "tel", "Fax", "E-mail", "email", "Website", "web", "url", "homepage", "www.", "http://", "a.org", "+82", "(2)", "/", "t", "f", "2024", "June", "11", ",", "é", "\u{212A}"];
        let label = Regex::new(r"(?i)^(?:phone|tel|fax|e-?mail|website|web|homepage|url)\b").expect("valid");
        for t in samples(&pieces, 8, 60_000) {
            let t = t.as_str();
            assert_eq!(typeset(t).is_some(), TYPESET.is_match(t), "{t:?}");
            assert_eq!(inquiries(t).is_some(), INQUIRIES.is_match(t), "{t:?}");
            assert_eq!(date_issue(t).is_some(), DATE_ISSUE.is_match(t), "{t:?}");
            assert_eq!(isbn(t).is_some(), ISBN.is_match(t) || ISBN_LABELLED.is_match(t), "{t:?}");
            assert_eq!(any_label(t), label.is_match(t), "{t:?}");
            assert_eq!(phone(t).is_some(), PHONE.is_match(t), "{t:?}");
            assert_eq!(fax(t).is_some(), FAX.is_match(t), "{t:?}");
            assert_eq!(website(t).is_some(), WEBSITE.is_match(t), "{t:?}");
            assert_eq!(web_label(t), WEB_LABEL.captures(t).and_then(|m| m.get(1)).map(|m| m.as_str()), "{t:?}");
            let any_date = [&DATE_DMY, &DATE_MDY, &DATE_MY, &DATE_ISO].iter().any(|p| p.is_match(t));
            assert!(has_four_digits(t) || !any_date, "{t:?}");
        }
    }

}
