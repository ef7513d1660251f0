//! Dates printed in the title block: a date of issue, and a journal's history lines.

use crate::tree::Date;

/// A date from a journal's history line: "Received 4 June 2003", "Published online 27
/// November 2003"; `published` tells the publication date from the others.
pub(super) struct HistoryDate {
    pub date: Date,
    pub published: bool,
}

/// Reads a history line (see [`HistoryDate`]).
pub(super) fn history_date(text: &str) -> Option<HistoryDate> {
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

/// A date stamp in figures after a word that says what it dates: "Updated 6/6/01",
/// "Revised: 12/03/2019". Month first unless the first number cannot be a month; a
/// two-digit year is of this century up to 50, else of the last.
///
/// Read only where a running head or foot repeats it: in figures alone the order of day
/// and month is a guess, and a fraction or a ratio is no date.
pub(crate) fn stamped_date(text: &str) -> Option<Date> {
    const WORDS: &[&str] = &["updated", "revised", "issued", "published", "printed", "date", "dated", "rev", "last"];
    let lower = text.to_ascii_lowercase();
    let mut toks = lower.split(|c: char| c.is_whitespace() || c == ':' || c == ',').filter(|t| !t.is_empty());
    let labelled = toks.clone().any(|t| WORDS.contains(&t.trim_end_matches('.')));
    let figures = toks.find(|t| t.matches('/').count() == 2)?;
    let parts: Vec<&str> = figures.trim_end_matches('.').split('/').collect();
    let [a, b, y] = parts.as_slice() else { return None };
    let small = |t: &str| (1..=2).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
    if !labelled || !small(a) || !small(b) || !(y.len() == 2 || y.len() == 4) || !y.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (a, b): (u8, u8) = (a.parse().ok()?, b.parse().ok()?);
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    let y: i32 = y.parse().ok()?;
    let year = match y {
        0..=50 => 2000 + y,
        51..=99 => 1900 + y,
        _ => y,
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date { year, month: Some(month), day: Some(day) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_labelled_date_stamp_in_figures() {
        let iso = |t: &str| stamped_date(t).map(|d| d.iso());
        assert_eq!(iso("Updated 6/6/01").as_deref(), Some("2001-06-06"));
        assert_eq!(iso("Revised: 12/03/2019").as_deref(), Some("2019-12-03"));
        assert_eq!(iso("Last revised 25/3/98").as_deref(), Some("1998-03-25"));
        assert_eq!(iso("Page 3 of 12"), None);
        assert_eq!(iso("6/6/01"), None, "figures alone say nothing of what they date");
        assert_eq!(iso("Updated 1/2 of the sample"), None);
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
}
