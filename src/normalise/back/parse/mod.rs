//! Field parsing of one printed reference: Chicago author-date, APA, numbered (IEEE-like).

use super::scan::{self, HANGUL, LOWER, UPPER};
use crate::tree::{PersonName, Reference, ReferenceKind};

mod names;
mod patterns;
#[cfg(test)]
mod tests;

use names::*;
use patterns::*;
pub(super) use names::sentences;
pub(super) use patterns::{publisher, years};

/// Whether `body` opens with names and then the year, as author-date styles print:
/// before the year only names, with full stops after initials ("Kim, J.-W.") and after the
/// last name ("Bank of Korea. 2016."). A numbered list may hold such entries.
fn names_then_year(body: &str) -> bool {
    let Some((m, _)) = apa_year(body).or_else(|| chicago_year(body)) else { return false };
    let before: Vec<&str> = body[..m.start].split_whitespace().collect();
    let initial = |w: &str| w.trim_end_matches([',', '.']).chars().filter(|c| c.is_alphabetic()).count() <= 2;
    m.start < 160
        && !body[..m.start].contains(['“', '"', ':', '(', '['])
        && before.iter().rev().skip(1).filter(|w| w.ends_with('.')).all(|w| initial(w) || w.eq_ignore_ascii_case("al."))
}

/// Parses the fields of one printed reference; `previous` resolves a repeated-author dash.
pub(crate) fn parse_reference(raw: &str, previous: Option<&Reference>) -> Reference {
    let raw = raw.trim().to_string();
    let mut r = Reference { raw: raw.clone(), ..Reference::default() };
    let mut text = raw.as_str();
    if let Some((label, end)) = label(text) {
        r.label = Some(label.to_string());
        text = &text[end..];
    }
    let mut dash_rest = None;
    if let Some(end) = dash(text) {
        r.repeated_authors = true;
        r.authors = previous.map(|p| p.authors.clone()).unwrap_or_default();
        dash_rest = Some(&text[end..]);
    }
    let (body, doi, url) = take_links(text);
    r.doi = doi;
    r.url = url;
    let body = body.as_str();

    // A "Surname, I." list without a quoted title has its own reader (see `namelist`).
    let unquoted = quoted_any(body).is_none() && apa_year(body).is_none();
    let ieee = looks_ieee(body) || r.label.is_some();
    if ieee && unquoted && !r.repeated_authors && super::namelist::parse(body, &mut r) {
        // Read by the name-list reader.
    } else if ieee && !(r.label.is_some() && !looks_ieee(body) && names_then_year(body)) {
        parse_ieee(body, &mut r);
    } else if let Some((m, y)) = apa_year(body).filter(|(m, _)| m.start < 250) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::SurnameFirstAll);
        }
        r.year = Some(y.replace(' ', ""));
        parse_after_year(&body[m.end..], &mut r);
    } else if let Some((m, y)) = chicago_year(body).filter(|(m, _)| m.start < 250) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::FirstSurnameFirst);
        }
        r.year = Some(y.replace(' ', ""));
        parse_after_year(&body[m.end..], &mut r);
    } else if let Some(rest) = dash_rest {
        // A dash followed straight by the year: "———. 2023."
        let rest = rest.trim_start();
        if let Some(m) = years(rest).next().filter(|m| m.start == 0) {
            r.year = Some(rest[m.clone()].to_string());
            parse_after_year(rest[m.end..].trim_start_matches(['.', ')', ' ']), &mut r);
        }
    } else if !(unquoted && super::namelist::parse(body, &mut r)) {
        r.year = years(body).next().map(|m| body[m].to_string());
    }
    container_in_words(&mut r);
    if r.kind.is_none() {
        r.kind = if r.volume.is_some() || r.issue.is_some() {
            Some(ReferenceKind::Journal)
        } else if r.url.is_some() && r.source.is_some() {
            Some(ReferenceKind::Webpage)
        } else {
            None
        };
    }
    r
}

/// Removes DOI and URL text from an entry, returning the rest, the DOI and the other URL.
fn take_links(text: &str) -> (String, Option<String>, Option<String>) {
    let mut body = text.to_string();
    let mut doi = None;
    // Every DOI form holds "10.".
    for find in [doi_link, doi_label, doi_bare] {
        if doi.is_some() || !body.contains("10.") {
            break;
        }
        if let Some((whole, d)) = find(&body) {
            doi = Some(clean_link(&body[d]));
            body.replace_range(whole, " ");
        }
    }
    let mut url = None;
    if let Some(range) = url_range(&body) {
        url = Some(clean_link(&body[range.clone()]));
        body.replace_range(range, " ");
    }
    let body = if body.contains('[') { replace_matches(&body, online_at) } else { body };
    let body = if has_ascii_ci(&body, &["acce", "retrieved"]) { replace_matches(&body, accessed_at) } else { body };
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = body.trim_end_matches([' ', '.', ',', ';']).to_string() + ".";
    (body, doi.filter(|d| !d.is_empty()), url.filter(|u| !u.is_empty()))
}

/// Strips the punctuation that ends a sentence from a printed link.
fn clean_link(s: &str) -> String {
    let mut s = s.trim_end_matches(['.', ',', ';', '>']).to_string();
    while s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
        s.pop();
        s = s.trim_end_matches(['.', ',', ';']).to_string();
    }
    while s.ends_with(']') && !s.contains('[') {
        s.pop();
    }
    s
}

/// Whether an unlabelled entry starts with initials-first names and a quoted title.
fn looks_ieee(body: &str) -> bool {
    let first = body.split(',').next().unwrap_or("");
    let starts_initial = first.split_whitespace().next().is_some_and(|w| initials(w));
    starts_initial && quoted_any(body).is_some_and(|(m, _)| body[..m.start].trim_end().ends_with(','))
}

fn strip_end(s: &str) -> String {
    s.trim().trim_end_matches(['.', ',', ';', ':']).trim().to_string()
}

fn set_pages(r: &mut Reference, p: &str) {
    let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    r.pages = Some(p.replace(['–', '—'], "-"));
}

/// Reads title, source, volume, issue and pages from what follows the year.
fn parse_after_year(rest: &str, r: &mut Reference) {
    let rest = rest.trim();
    if let Some((title, after)) = quoted(rest) {
        r.title = Some(strip_end(title));
        let after = after.trim_start_matches([',', '.', ' ']);
        parse_container(after, r, true);
        return;
    }
    // Unquoted title (APA, or a book/report): the first sentence.
    let sents = sentences(rest);
    let Some(first) = sents.first() else { return };
    r.title = Some(strip_end(first));
    let after = rest[rest.find(first.as_str()).map_or(rest.len(), |i| i + first.len())..].trim();
    parse_container(after, r, false);
}

/// Reads the container (journal, book, site) printed after a title.
fn parse_container(after: &str, r: &mut Reference, chicago: bool) {
    let after = after.trim();
    if after.is_empty() || after == "." {
        return;
    }
    if after.starts_with("In ") {
        r.kind = Some(ReferenceKind::Book);
        if let Some(c) = edited(after) {
            r.source = group(after, &c[1]).map(strip_end);
            if let Some(p) = chapter_pages(after).and_then(|c| group(after, &c[1])) {
                set_pages(r, p);
            }
        } else if let Some(c) = apa_in(after) {
            r.source = group(after, &c[1]).map(strip_end);
            if let Some(p) = group(after, &c[2]) {
                set_pages(r, p);
            }
        }
        return;
    }
    if let Some(c) = vol_issue_pages(after) {
        let src = strip_end(group(after, &c[1]).unwrap_or(""));
        if !src.is_empty() && src.split_whitespace().count() <= 12 && !src.contains(". ") {
            r.source = Some(src);
            r.volume = group(after, &c[2]).map(str::to_string);
            r.issue = group(after, &c[3]).map(str::to_string);
            if let Some(p) = group(after, &c[4]) {
                set_pages(r, p);
            }
            r.kind = Some(ReferenceKind::Journal);
            return;
        }
    }
    let sents = sentences(after);
    if let Some(first) = sents.first() {
        let s = strip_end(first);
        if publisher(first) {
            r.kind = Some(ReferenceKind::Book);
        } else if !month_date(&s) && !s.is_empty() && !s.chars().all(|c| !c.is_alphabetic()) {
            let _ = chicago;
            r.source = Some(s);
        }
    }
    if let Some(p) = pages_pp(after) {
        set_pages(r, p);
    }
}

/// Reads what the style's own reading misses in the container, whatever the style: a
/// volume, number and pages spelt out in words after the title ("Journal of X, Volume 18,
/// Number 3, 2002, pages 451-476", which no numeric pattern reads right), and pages glued
/// to the source with a colon ("Proceedings (ACL 2002):239-246"); a source cut short at an
/// abbreviation ("Proc. of AAAI 2007") runs on.
fn container_in_words(r: &mut Reference) {
    {
        let after = r.title.as_deref().and_then(|t| r.raw.find(t).map(|i| i + t.len())).map(|i| &r.raw[i..]);
        let after = after.map(|a| a.trim_start_matches(['.', ',', '"', '”', ' ']).trim_start_matches("In ").to_string());
        if let Some((src, vol, issue, pages)) = after.as_deref().and_then(spelled_volume) {
            r.source = Some(strip_end(src));
            r.volume = Some(vol.to_string());
            r.issue = issue.map(str::to_string);
            if let Some(p) = pages {
                set_pages(r, p);
            }
            r.kind = Some(ReferenceKind::Journal);
        }
    }
    // A source cut at an abbreviation's full stop ("Proc. of AAAI") runs on to the sentence's end.
    if let Some(src) = r.source.clone() {
        if let Some(i) = r.raw.find(src.as_str()) {
            let rest = &r.raw[i + src.len()..];
            let next_word = rest.strip_prefix('.').and_then(|t| t.split_whitespace().next());
            if next_word.is_some_and(|w| w.starts_with(char::is_lowercase) && w.chars().all(char::is_alphabetic)) {
                if let Some(first) = sentences(&r.raw[i..]).first() {
                    r.source = Some(strip_end(first));
                }
            }
        }
    }
    if r.pages.is_none() {
        if let Some((src, p)) = r.source.as_deref().and_then(trailing_pages).map(|(a, b)| (strip_end(a), b.to_string())) {
            r.source = Some(src);
            set_pages(r, &p);
        }
    }
}

/// Takes the source from the reference's italics where the printed words left it unread or
/// ran pages into it: the first italic run after the title that is not the title itself.
pub(super) fn italic_source(r: &mut Reference) {
    let title = r.title.as_deref().map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()).to_string()).unwrap_or_default();
    let after = r.title.as_deref().and_then(|t| r.raw.find(t).map(|i| i + t.len())).unwrap_or(0);
    let runs: Vec<String> = r
        .italic
        .iter()
        .filter(|&&(s, _)| s >= after)
        .filter_map(|&(s, e)| r.raw.get(s..e))
        .map(|t| t.trim().trim_end_matches([',', '.', ';', ':']).trim().to_string())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3 && *t != title)
        .collect();
    let Some(run) = runs.first() else { return };
    match r.source.as_deref() {
        None => r.source = Some(run.clone()),
        Some(s) if s.len() > run.len() && s.starts_with(run.as_str()) && s[run.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit() || ":;,(".contains(c)) => {
            r.source = Some(run.clone());
        }
        _ => {}
    }
}

/// Parses a numbered IEEE-like entry (label already removed).
fn parse_ieee(body: &str, r: &mut Reference) {
    if let Some((m, title)) = quoted_any(body) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::GivenFirst);
        }
        r.title = Some(strip_end(title));
        let after = body[m.end..].trim_start_matches([',', '.', ' ']);
        r.year = years(after).last().map(|m| after[m].to_string());
        if let Some(c) = ieee_in(after) {
            r.kind = Some(ReferenceKind::Book);
            r.source = group(after, &c[1]).map(strip_end);
        } else if let Some(c) = after.contains("vol.").then(|| ieee_journal(after)).flatten() {
            r.kind = Some(ReferenceKind::Journal);
            r.source = group(after, &c[1]).map(strip_end);
            r.volume = group(after, &c[2]).map(str::to_string);
            r.issue = group(after, &c[3]).map(str::to_string);
        } else if let Some(first) = after.split(',').next() {
            let s = strip_end(first);
            if !s.is_empty() && !month_date(&s) && years(&s).next().is_none() {
                r.source = Some(s);
            }
        }
        if let Some(p) = pages_pp(after) {
            set_pages(r, p);
        }
        return;
    }
    // No quoted title: "Author, Title. Publisher, Year." — the author list ends at the first
    // comma piece that does not read as a person's name.
    let pieces: Vec<&str> = body.splitn(2, ',').collect();
    if pieces.len() == 2 {
        let who = pieces[0];
        let is_person = who.split_whitespace().next().is_some_and(|w| initials(w));
        if !r.repeated_authors {
            r.authors = if is_person { split_authors(who, AuthorOrder::GivenFirst) } else { vec![PersonName { surname: who.trim().to_string(), given: None }] };
        }
        let rest = pieces[1].trim();
        if let Some(t) = sentences(rest).first() {
            r.title = Some(strip_end(t));
        }
        r.year = years(rest).last().map(|m| rest[m].to_string());
        r.kind = Some(if r.url.is_some() { ReferenceKind::Report } else { ReferenceKind::Book });
    }
}
