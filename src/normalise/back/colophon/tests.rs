//! The colophon's field readers, one behaviour per test.

use super::*;
use regex::Regex;

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
fn contact_lines_under_the_inquiries_are_the_contacts_when_no_others_are_printed() {
    let f = read_fields(&lines(&[
        "For inquiries: Jisoo Park, Research Associate",
        "Tel. 82 2 2277 1683 | Fax 82 2 2277 1697",
        "Email: eai@eai.or.kr",
        "Sajik-dong 261, Jongro-gu, Seoul 03028, South Korea",
    ]));
    let c = &f.colophon;
    assert_eq!(c.inquiries.as_deref(), Some("Jisoo Park, Research Associate"));
    assert_eq!((c.phone.as_deref(), c.fax.as_deref()), (Some("82 2 2277 1683"), Some("82 2 2277 1697")));
    assert_eq!(c.email.as_deref(), Some("eai@eai.or.kr"));
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
    let words: Vec<String> = words.iter().map(|w| format!("{w} ")).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    for text in crate::normalise::back::scan::samples(&words, 5, 50_000) {
        assert_eq!(has_disclaimer_cue(&text), pattern.is_match(&text), "{text}");
    }
}

#[test]
fn email_is_found_as_the_pattern_found_it() {
    let pattern = Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("valid");
    let pieces = ["a", "é", "_", "1", "\u{301}", ".", "+", "-", "@", " ", "x.y", "·", "org", "..", "@@", "한"];
    for text in crate::normalise::back::scan::samples(&pieces, 9, 50_000) {
        assert_eq!(find_email(&text), pattern.find(&text).map(|m| m.as_str()), "{text:?}");
    }
    assert_eq!(find_email("Email: info@policy.org."), Some("info@policy.org"));
}

#[test]
fn a_copyright_statement_gives_the_year_it_first_names() {
    assert_eq!(copyright_year("© ITU 1988, 1993 All rights reserved."), Some(1988));
    assert_eq!(copyright_year("Copyright 2001, Analog Devices, Inc., ALL RIGHTS RESERVED."), Some(2001));
    assert_eq!(copyright_year("The Institute takes no position on policy issues, as of 2019."), None, "no copyright statement");
    assert_eq!(copyright_year("© The Authors. Printed in 12 copies."), None, "no year");
}

#[test]
fn a_closing_invitation_to_send_questions_gives_the_inquiries_address() {
    let asked = "Please send questions, comments, or requests for more information on this course to the training office (training@agency.gov).";
    assert_eq!(invited_contact(asked), Some("training@agency.gov"));
    assert_eq!(invited_contact("For questions about the data, contact stats@office.org."), Some("stats@office.org"));
    // An address mentioned without asking for anything, or a long paragraph that mentions one.
    assert_eq!(invited_contact("The survey was sent to survey@office.org in May."), None);
    let long = format!("{} Send comments to a@b.org.", "The programme ran for three years in twelve regions. ".repeat(8));
    assert_eq!(invited_contact(&long), None);
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
fn field_shapes_match_as_the_patterns_did() {
    use crate::normalise::back::scan::samples;
    let re = |p: &str| Regex::new(p).expect("valid");
    let typeset_re = re(r"(?i)^(?:typeset(?:ting)?|typesetter|layout|design(?:ed)?)(?:\s+by)?\s*[:：]\s*(.+)$|^(?i:typeset by)\s+(.+)$");
    let inquiries_re = re(r"(?i)^(?:for\s+)?(?:inquir(?:y|ies)|enquir(?:y|ies)|contact)(?:\s+\w+)?\s*[:：]\s*(.+)$");
    let date_issue_re = re(r"(?i)^(?:date of (?:issue|publication)|published|publication date|issued)\s*[:：]?\s*(.+)$");
    let isbn_re = re(r"(?i)^(?:e?-?ISBN(?:-1[03])?\s*[:：]?\s*)?((?:97[89][-‐ ]?)?[0-9]{1,5}[-‐ ][0-9]{1,7}[-‐ ][0-9]{1,7}[-‐ ][0-9X](?:[-‐ ][0-9]{1,6})?)$");
    let isbn_labelled_re = re(r"(?i)\bISBN(?:-1[03])?\s*[:：]?\s*([0-9X][0-9X -]{8,}[0-9X])");
    let label_re = re(r"(?i)^(?:phone|tel|fax|e-?mail|website|web|homepage|url)\b");
    let phone_re = re(r"(?i)\b(?:phone|tel(?:ephone)?|t)\s*[.:]?\s*(\+?\(?[0-9][0-9 ()./-]{5,}[0-9])");
    let fax_re = re(r"(?i)\b(?:fax|f)\s*[.:]?\s*(\+?\(?[0-9][0-9 ()./-]{5,}[0-9])");
    let website_re = re(r"(?i)(?:https?://|www\.)[^\s,;]+");
    let web_label_re = re(r"(?i)\b(?:website|web|homepage|url)\s*[:.]?\s*([^\s,;]+\.[a-z]{2,}[^\s,;]*)");
    let postal_re = re(r"[0-9]{3,}|\b[0-9]+\s*-\s*[0-9]+\b|\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b");
    let dmy_re = re(r"(?i)\b([0-9]{1,2})\s+([a-z]{3,9})\.?,?\s+([0-9]{4})\b");
    let mdy_re = re(r"(?i)\b([a-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\b");
    let my_re = re(r"(?i)\b([a-z]{3,9})\.?,?\s+([0-9]{4})\b");
    let iso_re = re(r"\b([0-9]{4})[-./]([0-9]{1,2})(?:[-./]([0-9]{1,2}))?\b");
    let g = |c: Option<regex::Captures<'_>>, i: usize| c.and_then(|c| c.get(i)).map(|m| m.as_str().to_string());
    let pieces = [
        "Typeset", "LAYOUT", "design", "ed", "ting", "ter", " by", "by", "For ", "for", "inquiries", "Enquiry", "contact", " us", ":", "：", "Date of issue", "Published", "issued", "ISBN", "i\u{17F}bn", "e-", "978", "-", "‐", " ", "  ", "\n", "0", "12", "3", "12345", "X", "x", "Phone", "tel", "ephone", "Fax", "E-mail", "Website", "web", "url", "homepage", "www.", "http://", "a.org", ".", "o", "+82", "(2)", "(", ")", "/", "t", "f", "2024", "June", "SEPTEMBER", "Sept.", "11", ",", ";", "é", "\u{212A}", "SW", "1A", "AA", "M",
    ];
    let mut hits = [0usize; 15];
    let numbers = ["ISBN", "isbn", "-13", "-10", "e-", ":", " ", "978", "-", "‐", "89", "1", "12345", "1234567", "X", "x", "0", "11", "é", "\n", "Tel", ". ", "(", ")", "+"];
    let isbns = ["978-", "979 ", "89-", "6617-", "767-", "5", "-95340", "978", "-", "‐", " ", "1", "12345", "1234567", "X", "x", "ISBN ", "ISBN-13: ", "eISBN"];
    let dates = ["11 June", "June 11", " 2024", ", 2024", "June 2024", "2024-06-11", "2024.6", "11", "3", " ", "  ", "June", "Sept", "SEPTEMBER", "mayo", ".", ",", "2024", "20245", "-", "/", "06", "123", "x", "é", "\u{212A}"];
    let more = samples(&numbers, 8, 100_000).into_iter().chain(samples(&isbns, 7, 100_000)).chain(samples(&dates, 6, 100_000));
    for t in samples(&pieces, 8, 150_000).into_iter().chain(more) {
        let t = t.as_str();
        let found = [typeset(t).is_some(), inquiries(t).is_some(), date_issue(t).is_some(), isbn_line(t).is_some(), isbn_labelled(t).is_some(), any_label(t), phone(t).is_some(), fax(t).is_some(), website(t).is_some(), web_label(t).is_some(), postal(t), date_dmy(t).is_some(), date_mdy(t).is_some(), date_my(t).is_some(), date_iso(t).is_some()];
        for (h, f) in hits.iter_mut().zip(found) {
            *h += usize::from(f);
        }
        assert_eq!(typeset(t).map(String::from), g(typeset_re.captures(t), 1).or(g(typeset_re.captures(t), 2)), "typeset {t:?}");
        assert_eq!(inquiries(t).map(String::from), g(inquiries_re.captures(t), 1), "inquiries {t:?}");
        assert_eq!(date_issue(t).map(String::from), g(date_issue_re.captures(t), 1), "date issue {t:?}");
        assert_eq!(isbn_line(t).map(String::from), g(isbn_re.captures(t), 1), "isbn {t:?}");
        assert_eq!(isbn_labelled(t).map(String::from), g(isbn_labelled_re.captures(t), 1), "isbn labelled {t:?}");
        assert_eq!(any_label(t), label_re.is_match(t), "label {t:?}");
        assert_eq!(phone(t).map(String::from), g(phone_re.captures(t), 1), "phone {t:?}");
        assert_eq!(fax(t).map(String::from), g(fax_re.captures(t), 1), "fax {t:?}");
        assert_eq!(website(t).map(String::from), g(website_re.captures(t), 0), "website {t:?}");
        assert_eq!(web_label(t).map(String::from), g(web_label_re.captures(t), 1), "web label {t:?}");
        assert_eq!(postal(t), postal_re.is_match(t), "postal {t:?}");
        let dmy = dmy_re.captures(t).map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()));
        assert_eq!(date_dmy(t).map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())), dmy, "dmy {t:?}");
        let mdy = mdy_re.captures(t).map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()));
        assert_eq!(date_mdy(t).map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())), mdy, "mdy {t:?}");
        let my = my_re.captures(t).map(|c| (c[1].to_string(), c[2].to_string()));
        assert_eq!(date_my(t).map(|(a, b)| (a.to_string(), b.to_string())), my, "my {t:?}");
        let iso = iso_re.captures(t).map(|c| (c[1].to_string(), c[2].to_string(), c.get(3).map(|m| m.as_str().to_string())));
        assert_eq!(date_iso(t).map(|(a, b, c)| (a.to_string(), b.to_string(), c.map(String::from))), iso, "iso {t:?}");
    }
    // Every shape was met as a match, not only as a miss.
    assert!(hits.iter().all(|&h| h >= 20), "{hits:?}");
}

#[test]
fn worded_labels_of_typesetting_inquiries_and_publisher() {
    assert_eq!(typeset_joined("Typesetting and layout: Ann Lee"), Some("Ann Lee"));
    assert_eq!(typeset_joined("Editing and typesetting by Ann Lee"), Some("Ann Lee"));
    assert_eq!(typeset_joined("Editing and proofreading: Ann Lee"), None, "no typesetting in the label");
    assert_eq!(typeset_joined("Layout of the survey: see below"), None);
    assert_eq!(inquiries_worded("Media inquiries: Bo Kim, Communications Officer"), Some("Bo Kim, Communications Officer"));
    assert_eq!(inquiries_worded("For more information, please contact Bo Kim"), Some("Bo Kim"));
    assert_eq!(inquiries_worded("For further information contact: Bo Kim"), Some("Bo Kim"));
    assert_eq!(inquiries_worded("More to come"), None);
    assert_eq!(published_by("Published by The Policy Institute"), Some("The Policy Institute"));
    assert_eq!(published_by("Publisher: The Policy Institute."), Some("The Policy Institute"));
    assert_eq!(published_by("Published 12 March 2024"), None);
    assert!(letter_labelled_number("T +82 2 2277 1683  F +82 2 2277 1697"));
    assert!(!letter_labelled_number("The 2024 figures"));
    for l in ["Typesetting and layout: Ann Lee", "Media inquiries: Bo Kim", "Published by The Policy Institute", "T +82 2 2277 1683"] {
        assert!(is_field_line(l), "{l}");
    }
}

#[test]
fn publisher_from_a_copyright_statement_or_a_labelled_disclaimer() {
    assert_eq!(copyright_holder("© 2024 The Policy Institute. All rights reserved.").as_deref(), Some("The Policy Institute"));
    assert_eq!(copyright_holder("Copyright © 2019–2020 by the Policy Institute, Seoul").as_deref(), Some("the Policy Institute"));
    assert_eq!(copyright_holder("© 2024 Jane Doe. All rights reserved."), None, "a person is no publisher");
    assert_eq!(disclaimer_subject("Disclaimer: The Policy Institute takes no institutional position.").as_deref(), Some("The Policy Institute"));
}

#[test]
fn issn_and_report_numbers_are_fields_of_their_own() {
    for (line, want) in [("ISSN 2288-1234", "2288-1234"), ("e-ISSN: 2765-4410", "2765-4410"), ("ISSN (online) 1234-567X", "1234-567X")] {
        assert_eq!(issn(line), Some(want), "{line}");
    }
    for line in ["MISSN 2288-1234", "ISSN", "ISSN 123-45", "The ISSN was assigned in 1998 and 2001 to 2288"] {
        assert_eq!(issn(line), None, "{line}");
    }
    assert_eq!(report_number("Report No. 2024-07"), Some("2024-07"));
    assert_eq!(report_number("Working Paper Number: 12"), Some("12"));
    assert_eq!(report_number("Report on the state of the regional economy in 2024"), None);
    let f = read_fields(&lines(&["ISBN 979-11-6617-767-5", "e-ISSN 2765-4410", "Report No. 2024-07", "Typeset by Ann Lee"]));
    assert_eq!((f.colophon.issn.as_deref(), f.colophon.report_number.as_deref()), (Some("2765-4410"), Some("2024-07")));
    assert!(f.taken.iter().all(|&t| t), "{:?}", f.taken);
}
