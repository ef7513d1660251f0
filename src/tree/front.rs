//! Front matter: the title block and publication metadata.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Title block and other metadata of a publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrontMatter {
    /// Name of the series the publication belongs to, such as "Policy Briefs".
    pub series: Option<String>,
    /// Name of the publishing institute.
    pub publisher: Option<String>,
    /// Main title, on one line even where the PDF wraps it.
    pub title: Option<String>,
    /// Subtitle, when printed apart from the title.
    pub subtitle: Option<String>,
    /// Authors in printed order.
    pub authors: Vec<Author>,
    /// Affiliation and correspondence lines printed under the authors, in printed order,
    /// without their markers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<String>,
    /// Date of issue.
    pub date: Option<Date>,
    /// ISBN or similar identifier, as printed (without an "ISBN" label).
    pub isbn: Option<String>,
    /// The article's DOI as printed, without "doi:" or a resolver address ("10.1098/rspb.2003.2590").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Keywords printed with the abstract ("Keywords: a; b"), in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Abstract or summary paragraphs, when the publication has one.
    #[serde(rename = "abstract")]
    pub abstract_paras: Option<Vec<String>>,
}

/// An author of the publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Author {
    /// Given names, such as "Jean-Paul"; `None` for a single-name or institutional author.
    pub given: Option<String>,
    /// Family name, such as "Martin".
    pub surname: String,
    /// The author's biography as printed, usually near the end.
    pub bio: Option<String>,
    /// Positions in the front matter's affiliations of those the author's printed markers
    /// point to ("Lee¹" and "¹Seoul National University").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<usize>,
}

/// A person's name as it appears in a reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersonName {
    /// Family name, or the whole name of an institution.
    pub surname: String,
    /// Given names or initials as printed; `None` for institutions.
    pub given: Option<String>,
}

/// A calendar date that may lack its day or month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Date {
    /// Year, such as 2024.
    pub year: i32,
    /// Month from 1 to 12, when printed.
    pub month: Option<u8>,
    /// Day of the month, when printed.
    pub day: Option<u8>,
}

impl Date {
    /// The date in ISO 8601 form, as precise as it is known: `2024`, `2024-06` or `2024-06-11`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// Parses an ISO 8601 date of the forms [`Date::iso`] writes.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let year = it.next()?.parse().ok()?;
        let month = it.next().map(|m| m.parse::<u8>()).transpose().ok()?;
        let day = it.next().map(|d| d.parse::<u8>()).transpose().ok()?;
        if month.is_some_and(|m| !(1..=12).contains(&m)) || day.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

impl Author {
    /// Given names and surname in reading order, such as "Jean-Paul Martin".
    pub fn full_name(&self) -> String {
        match &self.given {
            Some(g) if !g.is_empty() => format!("{g} {}", self.surname),
            _ => self.surname.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_date_round_trips_at_each_precision() {
        for s in ["2024", "2024-06", "2024-06-11"] {
            assert_eq!(Date::parse_iso(s).unwrap().iso(), s);
        }
        assert_eq!(Date::parse_iso("2024-13-01"), None);
    }
}
