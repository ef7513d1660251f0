//! The masthead of a first page: the journal's citation line, the article's DOI, the
//! copyright statement, the correspondence note and the keywords line.
//!
//! Each is read from the printed text alone (its shape, not its place), so that the same
//! line is recognised in a page head, a page foot or a footnote.

use regex::Regex;
use std::sync::LazyLock;

/// A journal's citation of the article, as printed in a head or foot:
/// "Proc. R. Soc. Lond. B (2004) 271, 147–152", "BMC Genomics 2010, 11:34".
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JournalLine {
    /// The journal's name as printed ("Proc. R. Soc. Lond. B").
    pub journal: String,
    /// The year of the issue.
    pub year: i32,
    /// Byte offset in the text where the citation ends; text after it is another statement.
    pub end: usize,
}

/// Journal name, then "(year) volume[:issue|(issue)], pages" or "year; volume(issue): pages"
/// or "year, volume:article".
static JOURNAL: LazyLock<Regex> = LazyLock::new(|| {
    // Character classes are spelt out in ASCII: Unicode letter classes make the matcher
    // costly to build, and the name's letters are checked in code instead.
    Regex::new(
        r"^(?P<j>[^0-9()\[\];:@/ ][^0-9()\[\];:@/]{2,80}?)[,.]?[ ]+(?:\((?P<y1>(?:1[89]|20)[0-9][0-9])\)[,.]?[ ]*(?:[Vv]ol(?:ume)?\.?[ ]*)?[0-9]{1,4}(?:[ ]*:[ ]*[0-9]{1,4}|[ ]*\([0-9]{1,4}(?:[–-][0-9]{1,4})?\))?[ ]*[,:][ ]*(?:pp?\.[ ]*)?[A-Za-z]?[0-9]{1,6}(?:[ ]*[–-][ ]*[A-Za-z]?[0-9]{1,6})?|(?P<y2>(?:1[89]|20)[0-9][0-9])[ ]*[;,][ ]*[0-9]{1,4}(?:[ ]*\([0-9]{1,4}\))?[ ]*:[ ]*[A-Za-z]?[0-9]{1,6}(?:[ ]*[–-][ ]*[A-Za-z]?[0-9]{1,6})?)",
    )
    .expect("valid")
});

/// Reads a journal citation line (see [`JournalLine`]).
pub(crate) fn journal_line(text: &str) -> Option<JournalLine> {
    let t = text.trim();
    // Cheap test first: a citation holds a year in parentheses or followed by ";" or ",".
    let b = t.as_bytes();
    let year_at = |i: usize| b[i..i + 4].iter().all(u8::is_ascii_digit) && matches!(&b[i..i + 2], b"18" | b"19" | b"20");
    let cited_year = (0..b.len().saturating_sub(3)).any(|i| {
        year_at(i) && (i > 0 && b[i - 1] == b'(' && b.get(i + 4) == Some(&b')') || matches!(b.get(i + 4), Some(b';' | b',')))
    });
    if !cited_year {
        return None;
    }
    let c = JOURNAL.captures(t)?;
    let journal = c.name("j")?.as_str().trim().trim_end_matches([',', ' ']).to_string();
    if !journal.starts_with(char::is_uppercase) || !journal.chars().all(|c| c.is_alphabetic() || " .&'’-".contains(c)) {
        return None;
    }
    let words = journal.split_whitespace().count();
    // A name, not a sentence: few words, and not opening on a history or copyright word.
    let lower = journal.to_lowercase();
    if words == 0 || words > 10 || ["received", "accepted", "published", "copyright", "revised"].iter().any(|w| lower.starts_with(w)) {
        return None;
    }
    let year = c.name("y1").or_else(|| c.name("y2"))?.as_str().parse().ok()?;
    let end = t.as_ptr() as usize - text.as_ptr() as usize + c.get(0)?.end();
    Some(JournalLine { journal, year, end })
}

/// A DOI as printed ("doi:10.1017/S1041610213001804", "DOI 10.1098/rspb.2003.2590",
/// "https://doi.org/10.1186/…").
static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Dd][Oo][Ii][ ]*:?[ ]*|https?://(?:dx\.)?doi\.org/)(?P<d>10\.[0-9]{4,9}/[^ ]+?)[.,;]?$").expect("valid")
});

/// The DOI when the whole line is one (see [`DOI`]).
pub(crate) fn doi_line(text: &str) -> Option<String> {
    let t = text.trim_start();
    if !text.contains("10.") || !(t.starts_with(['d', 'D']) || t.starts_with("http")) {
        return None;
    }
    DOI.captures(text.trim()).and_then(|c| c.name("d")).map(|m| m.as_str().to_string())
}

/// Whether a line points somewhere rather than naming something: a web address, a DOI or
/// an e-mail address ("Downloaded from http://…", "doi:10.…"). Such a line is never a series.
pub(crate) fn is_locator(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("http://") || t.contains("https://") || t.contains("www.") || t.contains('@') || doi_line(text).is_some()
}

/// Whether a text goes on with a copyright statement's reservation: "All rights reserved",
/// "No part of this publication may be reproduced…".
pub(crate) fn reservation(text: &str) -> bool {
    let t = text.trim_start().to_ascii_lowercase();
    t.starts_with("all rights reserved") || t.starts_with("no part of this")
}

/// Where a copyright statement starts in the text: "© 2003 The Royal Society",
/// "Copyright © 2010 …", "(c) 2012 …".
pub(crate) fn copyright_start(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let lower = t.to_lowercase();
    // "Copyright" is followed by the sign, the year or a sentence ("Copyright © 2010",
    // "Copyright 2010", "Copyright is held by the authors"): "Copyright Information" is a heading.
    let after_word = lower.strip_prefix("copyright ").map(str::trim_start);
    let sign_or_year = after_word.is_some_and(|r| {
        r.starts_with('©') || r.starts_with("(c)") || r.starts_with(|c: char| c.is_ascii_digit()) || r.split_whitespace().count() >= 3
    });
    let opens = t.starts_with('©') || sign_or_year || lower.starts_with("(c) ") && t[4..].trim_start().starts_with(|c: char| c.is_ascii_digit());
    opens.then_some(lead)
}

/// Leads of a correspondence note, lowercase, longest first.
const CORRESPONDENCE: &[&str] = &[
    "correspondence should be addressed to",
    "correspondence and requests for materials should be addressed to",
    "address correspondence to",
    "author for correspondence",
    "corresponding authors",
    "corresponding author",
    "correspondence to",
    "correspondence",
];

/// The contact a correspondence note gives, without its lead: "*Author for correspondence
/// (wright.571@osu.edu)." gives "wright.571@osu.edu"; "Correspondence should be addressed
/// to: A. Name, Address. Email: a@b.c. Received …" gives the text up to the e-mail address.
pub(crate) fn correspondence(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['*', '†', '‡', '§', ' ']);
    let lower = t.to_lowercase();
    let lead = CORRESPONDENCE.iter().find(|l| lower.starts_with(*l))?;
    let after = t[lead.len()..].trim_start();
    // A bare "Correspondence" must be a label ("Correspondence: …"), not a sentence's subject.
    let labelled = after.starts_with([':', '(', '.', ',', '*']) || lead.ends_with(" to") || (*lead != "correspondence" && after.is_empty());
    if !labelled {
        return None;
    }
    let mut rest = after.trim_start_matches([':', '.', ',', ' ']);
    if let Some(inner) = rest.strip_prefix('(') {
        rest = inner.split(')').next().unwrap_or(inner);
    }
    // The note may go on with other statements (history dates): the contact ends with its
    // last e-mail address when it gives one.
    let end = rest
        .match_indices('@')
        .last()
        .map(|(at, _)| at + rest[at..].find(|c: char| c.is_whitespace() || c == ')' || c == ';').unwrap_or(rest.len() - at))
        .unwrap_or(rest.len());
    let contact = rest[..end].trim().trim_end_matches(['.', ',', ';', ')']).trim();
    (!contact.is_empty()).then(|| contact.to_string())
}

/// The keywords of a "Keywords: a; b; c" line, in printed order.
pub(crate) fn keywords(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let lead = ["keywords", "key words", "index terms", "subject terms"].into_iter().find(|l| lower.starts_with(l))?;
    let rest = t[lead.len()..].trim_start();
    let rest = rest.strip_prefix([':', '.', '—', '–', '-'])?.trim();
    let sep = if rest.contains(';') { ';' } else { ',' };
    let words: Vec<String> =
        rest.split(sep).map(|k| k.trim().trim_end_matches('.').trim().to_string()).filter(|k| !k.is_empty()).collect();
    (!words.is_empty()).then_some(words)
}

/// Words that name an organisation, lowercase.
const ORGANISATION_WORDS: &[&str] = &[
    "academy", "administration", "agency", "association", "authority", "bank", "board", "bureau", "center", "centre",
    "college", "commission", "committee", "corporation", "council", "department", "federation", "forum", "foundation",
    "institute", "institution", "laboratory", "ministry", "office", "organisation", "organization", "press", "school",
    "society", "subcommittee", "union", "university",
];

/// Whether a short line names an organisation ("International Telecommunication Union",
/// "The East Asia Institute"): a few words, one of them an organisation word, no digits.
pub(crate) fn names_organisation(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<String> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    !words.is_empty()
        && words.len() <= 10
        && !t.starts_with('(')
        && !t.chars().any(|c| c.is_ascii_digit())
        && !is_locator(t)
        && words.iter().any(|w| ORGANISATION_WORDS.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_citation_lines_in_common_forms() {
        let j = journal_line("Proc. R. Soc. Lond. B (2004) 271, 147–152").expect("journal");
        assert_eq!((j.journal.as_str(), j.year), ("Proc. R. Soc. Lond. B", 2004));
        let text = "International Psychogeriatrics (2014), 26:1, 147–154 © The Association";
        let j = journal_line(text).expect("journal");
        assert_eq!((j.journal.as_str(), j.year), ("International Psychogeriatrics", 2014));
        assert_eq!(text[j.end..].trim(), "© The Association");
        let j = journal_line("BMC Genomics 2010, 11:34").expect("journal");
        assert_eq!((j.journal.as_str(), j.year), ("BMC Genomics", 2010));
        let j = journal_line("J Neurosci 2010;30(2):123-130").expect("journal");
        assert_eq!(j.journal, "J Neurosci");
    }

    #[test]
    fn sentences_and_history_lines_are_not_journal_lines() {
        assert!(journal_line("Received 4 June 2003").is_none());
        assert!(journal_line("The survey of 2010, 12 cases").is_none());
        assert!(journal_line("In 2004 the committee (2004) 12, 3").is_none());
    }

    #[test]
    fn locators_and_dois() {
        assert_eq!(doi_line("doi:10.1017/S1041610213001804").as_deref(), Some("10.1017/S1041610213001804"));
        assert_eq!(doi_line("DOI 10.1098/rspb.2003.2590").as_deref(), Some("10.1098/rspb.2003.2590"));
        assert!(is_locator("Downloaded from http://rspb.royalsocietypublishing.org/ on April 29, 2017"));
        assert!(!is_locator("Policy Brief Series"));
    }

    #[test]
    fn organisation_names_by_their_words() {
        assert!(names_organisation("INTERNATIONAL TELECOMMUNICATION UNION"));
        assert!(names_organisation("The East Asia Institute"));
        assert!(names_organisation("SUBCOMMITTEE ON ANIMAL STUDIES (PVAMC SAS)"));
        assert!(!names_organisation("(Extract from the Blue Book)"));
        assert!(!names_organisation("Office hours are 9 to 5"));
        assert!(!names_organisation("Terminal Equipment and Protocols"));
    }

    #[test]
    fn copyright_statements_start_on_the_sign_or_the_word() {
        assert_eq!(copyright_start("© 2003 The Royal Society"), Some(0));
        assert_eq!(copyright_start("Copyright © 2010 Elsevier"), Some(0));
        assert_eq!(copyright_start("(c) 2012 The Authors"), Some(0));
        assert_eq!(copyright_start("Copyrighted works are"), None);
        assert_eq!(copyright_start("Copyright 2019 by the Institute"), Some(0));
        assert_eq!(copyright_start("Copyright is held by the author/owner(s)."), Some(0));
        assert_eq!(copyright_start("Copyright Information"), None);
    }

    #[test]
    fn correspondence_notes_give_the_contact() {
        assert_eq!(correspondence("*Author for correspondence (wright.571@osu.edu).").as_deref(), Some("wright.571@osu.edu"));
        assert_eq!(
            correspondence("Correspondence should be addressed to: A. Name, Umeå University, Sweden. Email: a.name@umu.se. Received 9 May 2013; accepted 18 Sep 2013.").as_deref(),
            Some("A. Name, Umeå University, Sweden. Email: a.name@umu.se")
        );
        assert_eq!(correspondence("Corresponding author: Jisoo Park").as_deref(), Some("Jisoo Park"));
        assert!(correspondence("The correspondent wrote").is_none());
        assert!(correspondence("Correspondence between the ministries grew").is_none());
    }

    #[test]
    fn keywords_lines_split_on_semicolons_or_commas() {
        assert_eq!(keywords("Keywords: olfactory; honeybee; odour recognition").unwrap(), vec!["olfactory", "honeybee", "odour recognition"]);
        assert_eq!(keywords("Key words: dementia, stress, risk factor").unwrap(), vec!["dementia", "stress", "risk factor"]);
        assert!(keywords("Keywords are useful").is_none());
    }
}
