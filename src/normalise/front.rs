//! The title block: series, title, subtitle, authors, date and the abstract.
//!
//! The title is the largest text in the top part of the first page; the series is the
//! small line above it; subtitle, author names and the date follow it. A labelled
//! summary after the title block becomes the abstract. When the first page holds no
//! running text it is a title page and is read whole.

use super::hyphen::{join_lines, Evidence};
use super::noise::Furn;
use super::sections::{ends_sentence, is_heading_style, is_label_word};
use super::{warn, BodyStyle, TLine};
use crate::error::Warning;
use crate::tree::{Author, Date, FrontMatter, FurnitureKind};

/// What the title block gave.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrontResult {
    /// The front matter read.
    pub front: FrontMatter,
    /// For each line, whether the front matter used it.
    pub consumed: Vec<bool>,
    /// For each line, whether it was set aside as title-page matter without being read
    /// (such as lines above the title); the caller keeps their text elsewhere.
    pub skipped: Vec<bool>,
    /// Index of the first line after the front matter.
    pub body_start: usize,
    /// Warnings raised.
    pub warnings: Vec<Warning>,
}

/// Reads the title block from the first page.
pub(crate) fn read(lines: &[TLine], furn: &Furn, body: &BodyStyle, ev: &Evidence) -> FrontResult {
    let mut r = FrontResult { consumed: vec![false; lines.len()], skipped: vec![false; lines.len()], ..Default::default() };
    let Some(first_page) = lines.first().map(|l| l.page) else { return r };
    let p1: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].page == first_page).collect();
    let is_number = |i: usize| furn.kinds.get(i).copied().flatten() == Some(FurnitureKind::PageNumber);

    // The title: the largest text in the upper part of the first page.
    let upper: Vec<usize> = p1
        .iter()
        .copied()
        .filter(|&i| !is_number(i) && lines[i].bbox.y0 < lines[i].page_height * 0.65 && lines[i].text.chars().any(char::is_alphabetic))
        .filter(|&i| !upright(&lines[i]))
        .collect();
    let Some(max_size) = upper.iter().map(|&i| lines[i].size).max_by(f32::total_cmp) else { return r };
    if max_size < body.size * 1.15 {
        r.warnings.push(warn(Some(first_page), "no title stands out by size on the first page; the title is left empty"));
        return r;
    }
    let Some(t0) = upper.iter().copied().find(|&i| (lines[i].size - max_size).abs() <= 0.5) else { return r };
    let mut title_idx = vec![t0];
    let mut k = t0 + 1;
    while k < lines.len() && title_idx.len() < 5 {
        let (p, l) = (&lines[k - 1], &lines[k]);
        if l.page == first_page && (l.size - max_size).abs() <= 0.5 && l.baseline > p.baseline && l.baseline - p.baseline < max_size * 2.2 {
            title_idx.push(k);
            k += 1;
        } else {
            break;
        }
    }
    r.front.title = Some(join_lines(ev, title_idx.iter().map(|&i| lines[i].text.as_str())));
    for &i in p1.iter().filter(|&&i| i <= *title_idx.last().unwrap_or(&t0)) {
        r.skipped[i] = true;
    }
    for &i in &title_idx {
        r.consumed[i] = true;
    }
    // The series: the nearest line above the title, set smaller.
    let title_top = lines[t0].bbox.y0;
    let series = p1
        .iter()
        .copied()
        .filter(|&i| i < t0 && !is_number(i) && !upright(&lines[i]) && lines[i].bbox.y1 <= title_top + 1.0 && lines[i].size < max_size - 0.5)
        .filter(|&i| lines[i].text.split_whitespace().count() <= 10)
        .filter(|&i| parse_date(&lines[i].text).is_none() && history_date(&lines[i].text).is_none())
        .max_by(|&a, &b| lines[a].bbox.y1.total_cmp(&lines[b].bbox.y1));
    if let Some(i) = series {
        r.consumed[i] = true;
    }
    r.front.series = series.map(|i| lines[i].text.clone());

    // A publication date printed above the title ("Published online 27 November 2003"),
    // among the history lines of a journal article.
    let above = p1.iter().copied().filter(|&i| i < t0 && !r.consumed[i]);
    if let Some((i, d)) = above.filter_map(|i| history_date(&lines[i].text).filter(|h| h.published).map(|h| (i, h.date))).next() {
        r.front.date = Some(d);
        r.consumed[i] = true;
    }

    // Subtitle, authors and date, in any order, until something else comes.
    let mut k = title_idx.last().map_or(t0 + 1, |x| x + 1);
    let mut prev_bottom = lines[k - 1].bbox.y1;
    let mut author_size = body.size;
    let mut affs_marked = false;
    while k < lines.len() && lines[k].page == first_page {
        if furn.flags[k] {
            k += 1;
            continue;
        }
        let l = &lines[k];
        let text = l.text.trim();
        if l.bbox.y0 - prev_bottom > l.size.max(body.size) * 4.0 {
            break;
        }
        prev_bottom = l.bbox.y1;
        // A rule of dots or dashes between title and authors.
        if !text.chars().any(char::is_alphanumeric) {
            r.consumed[k] = true;
            k += 1;
            continue;
        }
        if r.front.date.is_none() && history_date(text).is_none_or(|h| h.published) {
            if let Some(d) = parse_date(text) {
                r.front.date = Some(d);
                r.consumed[k] = true;
                k += 1;
                continue;
            }
        }
        if !r.front.authors.is_empty() && affiliation_line(l, author_size, body) {
            let t = strip_markers(l);
            let t = if opens_with_marker(l) { t.trim_start_matches(is_marker_char).trim_start().to_string() } else { t };
            // Where affiliations open on markers, each runs until the next marker.
            let marked = opens_with_marker(l);
            match r.front.affiliations.last_mut() {
                Some(last) if !marked && (affs_marked || !l.block_start) => {
                    last.push_str(if l.block_start { ", " } else { " " });
                    last.push_str(&t);
                }
                _ => r.front.affiliations.push(t),
            }
            affs_marked |= marked;
            r.consumed[k] = true;
            k += 1;
            continue;
        }
        let names = split_authors(&strip_markers(l));
        if names.is_none() && r.front.subtitle.is_none() && r.front.authors.is_empty() && l.size >= body.size * 1.15 && l.size < max_size - 0.5 {
            let mut idx = vec![k];
            while k + 1 < lines.len() && lines[k + 1].page == first_page && (lines[k + 1].size - l.size).abs() <= 0.3 && lines[k + 1].block == l.block {
                k += 1;
                idx.push(k);
            }
            r.front.subtitle = Some(join_lines(ev, idx.iter().map(|&i| lines[i].text.as_str())));
            for i in idx {
                r.consumed[i] = true;
            }
            k += 1;
            continue;
        }
        if let Some(names) = names {
            // An author list may run over several lines in the same type.
            let open_end = |t: &str| {
                let t = without_end_marker(t.trim_end());
                t.ends_with(',') || t.ends_with(" and") || t.ends_with('&')
            };
            let continues = !r.front.authors.is_empty()
                && k > 0
                && r.consumed[k - 1]
                && (lines[k - 1].size - l.size).abs() <= 0.3
                && open_end(&lines[k - 1].text);
            if r.front.date.is_none() || r.front.authors.is_empty() || continues {
                r.front.authors.extend(names);
                author_size = l.size;
                r.consumed[k] = true;
                k += 1;
                continue;
            }
        }
        break;
    }

    // A labelled abstract right after the title block.
    while k < lines.len() && furn.flags[k] {
        k += 1;
    }
    if k < lines.len() && is_label_word(&lines[k].text) && lines[k].text.split_whitespace().count() <= 4 {
        r.consumed[k] = true;
        let label = &lines[k];
        let mut abs: Vec<usize> = Vec::new();
        let mut j = k + 1;
        while j < lines.len() {
            if furn.flags[j] {
                j += 1;
                continue;
            }
            let l = &lines[j];
            if l.page != label.page || (is_heading_style(l, body) && !abs.is_empty() && l.text.split_whitespace().count() < 12) {
                break;
            }
            if let Some(&p) = abs.last() {
                let prev: &TLine = &lines[p];
                let first: &TLine = &lines[abs[0]];
                let left = abs.iter().map(|&i| lines[i].bbox.x0).fold(f32::MAX, f32::min);
                let right = abs.iter().map(|&i| lines[i].bbox.x1).fold(f32::MIN, f32::max);
                let gap = l.baseline - prev.baseline;
                let pitch = body.pitch.max(first.size);
                let widened = abs.len() >= 2 && (l.bbox.x1 > right + l.size * 1.0 || l.bbox.x0 < left - l.size * 0.5);
                if gap > pitch * 1.7 || gap < 0.0 || widened {
                    break;
                }
            }
            abs.push(j);
            j += 1;
        }
        if !abs.is_empty() {
            let paras = paragraphs(lines, &abs, ev);
            r.front.abstract_paras = Some(paras);
            for &i in &abs {
                r.consumed[i] = true;
            }
            k = j;
        }
    }

    // A first page without running text is a title page: all of it is front matter.
    let left: Vec<usize> = p1.iter().copied().filter(|&i| i >= k && !furn.flags[i] && !r.consumed[i]).collect();
    let running = left.windows(2).any(|w| {
        let (a, b) = (&lines[w[0]], &lines[w[1]]);
        a.block == b.block && (a.size - body.size).abs() < 0.6 && (b.size - body.size).abs() < 0.6
    });
    if !running && p1.len() < lines.len() {
        let short: Vec<&usize> = left.iter().filter(|&&i| lines[i].text.split_whitespace().count() <= 6).collect();
        if short.len() == 1 && left.len() == 1 && r.front.publisher.is_none() {
            r.front.publisher = Some(lines[*short[0]].text.trim().to_string());
            r.consumed[*short[0]] = true;
        }
        for &i in &left {
            r.skipped[i] = true;
        }
        r.body_start = p1.last().map_or(k, |x| x + 1);
    } else {
        r.body_start = k;
    }
    if r.front.authors.is_empty() {
        r.warnings.push(warn(Some(first_page), "no author names found in the title block"));
    }
    if r.front.date.is_none() {
        r.warnings.push(warn(Some(first_page), "no date of issue found in the title block"));
    }
    r
}

/// Characters that mark an affiliation or a note after a name: "Lee1", "Park*".
fn is_marker_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§' | '¶')
}

/// The line's text without affiliation and note markers: raised words in smaller type, and
/// digits or symbols glued to the end of a name (see [`without_end_marker`]).
fn strip_markers(l: &TLine) -> String {
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
    out.trim().to_string()
}

/// A word without the marker glued to its end, keeping a comma the marker held
/// ("Lee,1" and "Lee†," give "Lee,"); a word without one is returned as it is.
fn without_end_marker(t: &str) -> std::borrow::Cow<'_, str> {
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

/// Whether a line opens on an affiliation marker: a raised or glued number or symbol.
fn opens_with_marker(l: &TLine) -> bool {
    let Some(w) = l.words.first() else { return false };
    let lead: String = w.text.chars().take_while(|&c| is_marker_char(c)).collect();
    !lead.is_empty() && lead.chars().count() <= 2 && (w.size < l.size * 0.85 || w.text.chars().nth(lead.chars().count()).is_some_and(char::is_alphabetic))
}

/// Whether a line under the authors reads as an affiliation or correspondence line: set
/// smaller than the names and the body, opening on a marker, holding an e-mail address, or a
/// single italic line.
fn affiliation_line(l: &TLine, author_size: f32, body: &BodyStyle) -> bool {
    let t = l.text.trim();
    if is_label_word(t) || t.split_whitespace().count() > 30 {
        return false;
    }
    let smaller = l.size < body.size * 0.95 && l.size < author_size * 0.95;
    smaller || opens_with_marker(l) || t.contains('@') || (l.italic && l.block_start && l.block_end)
}

/// A date from a journal's history line: "Received 4 June 2003", "Published online 27
/// November 2003"; `published` tells the publication date from the others.
struct HistoryDate {
    date: Date,
    published: bool,
}

/// Reads a history line (see [`HistoryDate`]).
fn history_date(text: &str) -> Option<HistoryDate> {
    let t = text.trim();
    let lower = t.to_lowercase();
    const LABELS: [(&str, bool); 8] = [
        ("published online", true),
        ("first published online", true),
        ("first published", true),
        ("published", true),
        ("available online", true),
        ("received", false),
        ("accepted", false),
        ("revised", false),
    ];
    let (label, published) = LABELS.iter().find(|(l, _)| lower.starts_with(l))?;
    let rest = t.get(label.len()..)?.trim_start_matches([':', ' ']);
    parse_date(rest).map(|date| HistoryDate { date, published: *published })
}

/// Whether a line runs up or down the page (a rotated margin stamp such as an arXiv id):
/// its box is much taller than its type.
fn upright(l: &TLine) -> bool {
    l.bbox.height() > l.size.max(1.0) * 2.5 && l.bbox.height() > l.bbox.width()
}

/// Splits lines into paragraphs at block starts, indented first lines and short sentence ends.
fn paragraphs(lines: &[TLine], idx: &[usize], ev: &Evidence) -> Vec<String> {
    let left = idx.iter().map(|&i| lines[i].bbox.x0).fold(f32::MAX, f32::min);
    let right = idx.iter().map(|&i| lines[i].bbox.x1).fold(f32::MIN, f32::max);
    let mut out: Vec<Vec<&str>> = Vec::new();
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let new = k == 0 || l.block_start || l.bbox.x0 - left >= l.size * 0.6 || {
            let p = &lines[idx[k - 1]];
            p.bbox.x1 < right - l.size * 4.0 && ends_sentence(&p.text)
        };
        if new || out.is_empty() {
            out.push(vec![l.text.as_str()]);
        } else if let Some(last) = out.last_mut() {
            last.push(l.text.as_str());
        }
    }
    out.into_iter().map(|p| join_lines(ev, p)).filter(|p| !p.is_empty()).collect()
}

/// English month names, for dates printed in words.
const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Parses a printed date of issue: "June 11, 2024", "11 June 2024", "2024.06.11", "2024. 6. 13.", "2024-06-11".
///
/// Only short lines are read, so that a sentence mentioning a year is not taken for a date.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.rsplit(':').next().unwrap_or(text);
    let toks: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect();
    if toks.is_empty() || toks.len() > 5 {
        return None;
    }
    let month_of = |t: &str| -> Option<u8> {
        if t.len() < 3 || t.chars().any(|c| !c.is_alphabetic()) {
            return None;
        }
        MONTHS.iter().position(|m| m.starts_with(t) || (t.len() > m.len() && t.starts_with(m))).map(|p| p as u8 + 1)
    };
    let is_year = |t: &str| t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) && (1800..=2100).contains(&t.parse::<i32>().unwrap_or(0));
    let num = |t: &str| -> Option<u32> { (t.len() <= 2).then(|| t.parse().ok()).flatten() };
    let year_pos = toks.iter().position(|t| is_year(t))?;
    let year: i32 = toks[year_pos].parse().ok()?;
    let others: Vec<&String> = toks.iter().enumerate().filter(|(i, _)| *i != year_pos).map(|(_, t)| t).collect();
    if let Some(month) = others.iter().find_map(|t| month_of(t)) {
        let day = others.iter().filter_map(|t| num(t)).find(|d| (1..=31).contains(d)).map(|d| d as u8);
        let words = others.iter().filter(|t| t.chars().all(char::is_alphabetic) && month_of(t).is_none()).count();
        if words > 1 {
            return None;
        }
        return Some(Date { year, month: Some(month), day });
    }
    if others.iter().any(|t| t.chars().any(char::is_alphabetic)) {
        return None;
    }
    let nums: Vec<u32> = others.iter().filter_map(|t| num(t)).collect();
    if nums.len() != others.len() {
        return None;
    }
    match (year_pos, nums.as_slice()) {
        (0, [m, d]) if (1..=12).contains(m) && (1..=31).contains(d) => Some(Date { year, month: Some(*m as u8), day: Some(*d as u8) }),
        (0, [m]) if (1..=12).contains(m) => Some(Date { year, month: Some(*m as u8), day: None }),
        (2, [a, b]) => {
            let (d, m) = if *a > 12 || text.contains('.') { (*a, *b) } else { (*b, *a) };
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(Date { year, month: Some(m as u8), day: Some(d as u8) })
        }
        (0, []) if toks.len() == 1 => Some(Date { year, month: None, day: None }),
        _ => None,
    }
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
            authors.push(Author { given: Some(cs.collect()), surname, bio: None });
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
        authors.push(Author { given: (!given.is_empty()).then_some(given), surname, bio: None });
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
    use super::super::testkit::*;
    use super::super::{collect_lines, noise, BodyStyle};
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
    fn sentences_and_dates_are_not_author_lines() {
        assert!(split_authors("The policy community in Seoul is divided.").is_none());
        assert!(split_authors("June 11, 2024").is_none());
        assert!(split_authors("Lessons from the Past Decade").is_none());
        assert!(split_authors("Summary").is_none());
    }

    #[test]
    fn dates_in_many_printed_forms() {
        let iso = |s: &str| parse_date(s).map(|d| d.iso());
        assert_eq!(iso("June 11, 2024").as_deref(), Some("2024-06-11"));
        assert_eq!(iso("11 June 2024").as_deref(), Some("2024-06-11"));
        assert_eq!(iso("2024.06.11").as_deref(), Some("2024-06-11"));
        assert_eq!(iso("2024-06-11").as_deref(), Some("2024-06-11"));
        assert_eq!(iso("2022. 6. 13.").as_deref(), Some("2022-06-13"));
        assert_eq!(iso("Sept. 9, 2020").as_deref(), Some("2020-09-09"));
        assert_eq!(iso("Date of Issue: 12 April 2025").as_deref(), Some("2025-04-12"));
        assert_eq!(iso("March 2023").as_deref(), Some("2023-03"));
        assert_eq!(iso("In 2020 the ministry said that it would"), None);
    }

    /// The layout's lines and what the title-block reader made of them.
    fn read_layout(l: &crate::layout::Layout) -> (Vec<super::super::TLine>, FrontResult) {
        let lines = collect_lines(l);
        let body = BodyStyle::of(&lines);
        let furn = noise::detect(&lines);
        let ev = Evidence::from_lines(lines.iter());
        let r = read(&lines, &furn, &body, &ev);
        (lines, r)
    }

    fn title_block() -> crate::layout::Layout {
        Builder::new()
            .page()
            .block(&[("Policy Brief Series", 72.0, 60.0, 9.0, REGULAR)])
            .block(&[("Waiting for Trump: North Korea's Interim", 72.0, 110.0, 20.0, BOLD), ("Strategy", 72.0, 134.0, 20.0, BOLD)])
            .block(&[("Leif-Eric Easley", 72.0, 160.0, 11.0, REGULAR)])
            .block(&[("June 11, 2024", 72.0, 175.0, 11.0, REGULAR)])
            .block(&[("Summary", 72.0, 210.0, 11.0, BOLD)])
            .para(72.0, 225.0, &["The abstract says this.", "And that."])
            .para(72.0, 300.0, &["Body text begins here and runs", "on for a while in the column.", "And more body."])
            .para(72.0, 350.0, &["More body text here and there", "on and on and on until the end.", "And more body."])
            .build()
    }

    #[test]
    fn title_block_is_read_from_the_first_page() {
        let l = title_block();
        let (lines, r) = read_layout(&l);
        assert_eq!(r.front.series.as_deref(), Some("Policy Brief Series"));
        assert_eq!(r.front.title.as_deref(), Some("Waiting for Trump: North Korea's Interim Strategy"));
        assert_eq!(r.front.authors.len(), 1);
        assert_eq!(r.front.authors[0].surname, "Easley");
        assert_eq!(r.front.date.map(|d| d.iso()).as_deref(), Some("2024-06-11"));
        assert_eq!(r.front.abstract_paras, Some(vec!["The abstract says this. And that.".to_string()]));
        assert!(lines[r.body_start].text.starts_with("Body text begins"));
    }

    #[test]
    fn rotated_margin_stamp_is_not_the_title() {
        let mut l = title_block();
        // A stamp in large type running up the left margin, as arXiv prints.
        let stamp = crate::layout::Line {
            bbox: crate::layout::Rect { x0: 17.0, y0: 260.0, x1: 37.0, y1: 610.0 },
            baseline: 610.0,
            words: vec![crate::layout::Word { text: "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020".into(), size: 24.0, bbox: crate::layout::Rect { x0: 17.0, y0: 260.0, x1: 37.0, y1: 610.0 }, ..Default::default() }],
        };
        l.pages[0].blocks.push(crate::layout::TextBlock { bbox: stamp.bbox, lines: vec![stamp], column: 0 });
        let (_, r) = read_layout(&l);
        assert_eq!(r.front.title.as_deref(), Some("Waiting for Trump: North Korea's Interim Strategy"));
        assert_eq!(r.front.series.as_deref(), Some("Policy Brief Series"));
    }

    #[test]
    fn author_markers_are_dropped_and_affiliations_kept_apart() {
        let l = Builder::new()
            .page()
            .block(&[("Received 4 June 2003", 400.0, 40.0, 7.5, REGULAR)])
            .block(&[("Published online 27 November 2003", 400.0, 50.0, 7.5, ITALIC)])
            .block(&[("Stressful Events and Their Effects", 72.0, 90.0, 18.0, BOLD)])
            .block(&[("Anna Sundström,^1 Michael Rönnlund^2 and Rui Wang*,", 72.0, 120.0, 13.0, REGULAR)])
            .block(&[("Ann Lee**, Avril Mason†,* and Jo Park", 72.0, 127.0, 13.0, REGULAR)])
            .block(&[("^1Centre for Population Studies, Umeå University", 72.0, 134.0, 7.0, ITALIC)])
            .block(&[("2Department of Psychology, Stockholm University", 72.0, 143.0, 7.0, ITALIC)])
            .block(&[("rwang@example.org", 72.0, 152.0, 7.0, REGULAR)])
            .para(72.0, 200.0, &["Body text begins here and runs", "on for a while in the column.", "And more body."])
            .para(72.0, 250.0, &["More body text here and there", "on and on and on until the end.", "And more body."])
            .build();
        let (lines, r) = read_layout(&l);
        let names: Vec<(Option<String>, String)> = r.front.authors.iter().map(|a| (a.given.clone(), a.surname.clone())).collect();
        assert_eq!(names, vec![
            (Some("Anna".into()), "Sundström".into()),
            (Some("Michael".into()), "Rönnlund".into()),
            (Some("Rui".into()), "Wang".into()),
            (Some("Ann".into()), "Lee".into()),
            (Some("Avril".into()), "Mason".into()),
            (Some("Jo".into()), "Park".into())
        ]);
        assert_eq!(r.front.affiliations, vec![
            "Centre for Population Studies, Umeå University".to_string(),
            "Department of Psychology, Stockholm University, rwang@example.org".to_string()
        ]);
        assert_eq!(r.front.date.map(|d| d.iso()).as_deref(), Some("2003-11-27"));
        assert_eq!(r.front.series, None);
        assert!(lines[r.body_start].text.starts_with("Body text begins"));
    }

    #[test]
    fn history_lines_give_only_the_publication_date() {
        assert!(history_date("Received 4 June 2003").is_some_and(|h| !h.published));
        assert!(history_date("Published online 27 November 2003").is_some_and(|h| h.published && h.date.iso() == "2003-11-27"));
        assert!(history_date("June 11, 2024").is_none());
    }

    #[test]
    fn title_page_is_consumed_whole() {
        let l = Builder::new()
            .page()
            .block(&[("A Title Page Title", 72.0, 200.0, 22.0, BOLD)])
            .block(&[("Ann Lee", 72.0, 240.0, 11.0, REGULAR)])
            .block(&[("The Publishing Institute", 72.0, 780.0, 10.0, REGULAR)])
            .page()
            .para(72.0, 100.0, &["Body text begins here and runs", "on for a while in the column."])
            .build();
        let (lines, r) = read_layout(&l);
        assert_eq!(r.front.publisher.as_deref(), Some("The Publishing Institute"));
        assert_eq!(lines[r.body_start].page, 2);
    }
}
