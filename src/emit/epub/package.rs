//! The package metadata: identifier, title, creators, dates and accessibility claims.
//!
//! epub-builder 0.8.3 cannot write a publisher, an ISBN identifier or a creator's
//! `file-as`, gives the first creator and the first language the same id, and does not
//! escape `<meta>` values; so quire writes the whole `<metadata>` element itself.

use super::floats::Pictures;
use super::xhtml::escape;
use crate::tree::Document;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

/// The id of the unique identifier, as epub-builder's `<package unique-identifier>` names it.
pub const IDENTIFIER_ID: &str = "epub-id-1";

/// The URL of the `a11y:` metadata vocabulary.
pub const A11Y_PREFIX: &str = "a11y: http://www.idpf.org/epub/vocab/package/a11y/#";

/// The ISBN printed as `printed`, digits only, when it has a valid ISBN-13 or ISBN-10 checksum.
///
/// A printed ISBN may carry a 2- or 5-digit add-on after its last hyphen (Korean
/// publications print a 5-digit one): the leading hyphen groups are tried alone too.
pub fn valid_isbn(printed: &str) -> Option<String> {
    let groups: Vec<String> = printed
        .split(|c: char| c == '-' || c == '\u{2010}' || c == '\u{2011}' || c.is_whitespace())
        .map(|g| g.chars().filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x').collect::<String>())
        .filter(|g| !g.is_empty())
        .collect();
    let all: String = groups.concat();
    if isbn_checksum_ok(&all) {
        return Some(all.to_ascii_uppercase());
    }
    let (last, head) = groups.split_last()?;
    let head = head.concat();
    (matches!(last.len(), 2 | 5) && last.chars().all(|c| c.is_ascii_digit()) && isbn_checksum_ok(&head))
        .then(|| head.to_ascii_uppercase())
}

/// Whether `d` (digits, `X` last for ISBN-10) is an ISBN-13 or ISBN-10 with a correct check digit.
fn isbn_checksum_ok(d: &str) -> bool {
    let v: Vec<u32> = d.chars().map(|c| if c == 'X' || c == 'x' { 10 } else { c.to_digit(10).unwrap_or(99) }).collect();
    match v.len() {
        13 if v.iter().all(|&x| x < 10) && (d.starts_with("978") || d.starts_with("979")) => {
            v.iter().enumerate().map(|(i, x)| if i % 2 == 0 { *x } else { 3 * x }).sum::<u32>() % 10 == 0
        }
        10 if v[..9].iter().all(|&x| x < 10) && v[9] <= 10 => {
            v.iter().enumerate().map(|(i, x)| (10 - i as u32) * x).sum::<u32>() % 11 == 0
        }
        _ => false,
    }
}

/// A UUID derived from the document's content, so the same tree always gets the same one.
pub fn content_uuid(doc: &Document) -> uuid::Uuid {
    /// Feeds what is written straight to the digest: the tree's JSON is not kept.
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.update(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    // Writing into a digest cannot fail; the tree always serialises.
    let _ = serde_json::to_writer(&mut hashing, doc);
    let digest = hashing.0.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The book's identifier: `urn:isbn:` for a valid ISBN, else `uuid` (the content UUID) as `urn:uuid:`.
pub fn identifier(doc: &Document, uuid: uuid::Uuid) -> String {
    match doc.front.isbn.as_deref().and_then(valid_isbn) {
        Some(isbn) => format!("urn:isbn:{isbn}"),
        None => uuid::fmt::Urn::from_uuid(uuid).to_string(),
    }
}

/// The modification time written as `dcterms:modified`; never the clock.
///
/// In order: the time given in the options, `SOURCE_DATE_EPOCH`, midnight UTC of the
/// document's date (missing month or day taken as the first), else 2000-01-01.
pub fn modified(doc: &Document, given: Option<i64>) -> DateTime<Utc> {
    let env = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let from_date = doc.front.date.and_then(|d| {
        NaiveDate::from_ymd_opt(d.year, u32::from(d.month.unwrap_or(1)), u32::from(d.day.unwrap_or(1)))
            .and_then(|n| n.and_hms_opt(0, 0, 0))
            .map(|n| n.and_utc())
    });
    given
        .or(env)
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .or(from_date)
        .or_else(|| DateTime::from_timestamp(946_684_800, 0))
        .unwrap_or_default()
}

/// The edition the page-break markers refer to, for `dc:source`: its ISBN as `urn:isbn:`
/// when it has a valid one, else the document's name, else its title.
pub fn source_edition(doc: &Document) -> String {
    match doc.front.isbn.as_deref().and_then(valid_isbn) {
        Some(isbn) => format!("urn:isbn:{isbn}"),
        None => doc.source.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(doc.display_title()).to_string(),
    }
}

/// "Surname, Given" for sorting, or the surname alone.
fn file_as(given: Option<&str>, surname: &str) -> String {
    match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => format!("{surname}, {g}"),
        None => surname.to_string(),
    }
}

/// The complete `<metadata>` element; `page_marks` says whether the book marks the source's page breaks.
pub fn metadata(doc: &Document, lang: &str, modified: DateTime<Utc>, uuid: uuid::Uuid, page_marks: bool) -> String {
    let fm = &doc.front;
    let mut m = vec![
        format!("<dc:identifier id=\"{IDENTIFIER_ID}\">{}</dc:identifier>", escape(&identifier(doc, uuid))),
        format!("<dc:title id=\"title\">{}</dc:title>", escape(doc.display_title())),
        "<meta refines=\"#title\" property=\"title-type\">main</meta>".to_string(),
    ];
    if let Some(s) = fm.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        m.push(format!("<dc:title id=\"subtitle\">{}</dc:title>", escape(s)));
        m.push("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>".into());
    }
    m.push(format!("<dc:language>{}</dc:language>", escape(lang)));
    for (i, a) in fm.authors.iter().enumerate() {
        let id = format!("creator-{}", i + 1);
        m.push(format!("<dc:creator id=\"{id}\">{}</dc:creator>", escape(&a.full_name())));
        m.push(format!(
            "<meta refines=\"#{id}\" property=\"file-as\">{}</meta>",
            escape(&file_as(a.given.as_deref(), &a.surname))
        ));
        m.push(format!("<meta refines=\"#{id}\" property=\"role\" scheme=\"marc:relators\">aut</meta>"));
    }
    if let Some(p) = fm.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
        m.push(format!("<dc:publisher>{}</dc:publisher>", escape(p)));
    }
    if let Some(d) = fm.date {
        m.push(format!("<dc:date>{}</dc:date>", d.iso()));
    }
    for k in fm.keywords.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        m.push(format!("<dc:subject>{}</dc:subject>", escape(k)));
    }
    if let Some(doi) = fm.doi.as_deref().filter(|d| !d.trim().is_empty()) {
        m.push(format!("<dc:identifier id=\"doi\">doi:{}</dc:identifier>", escape(doi.trim())));
    }
    if page_marks {
        // `source-of pagination` says the page-break markers follow this edition (EPUB 3's
        // vocabulary; DAISY Ace asks for it).
        m.push(format!("<dc:source id=\"source\">{}</dc:source>", escape(&source_edition(doc))));
        m.push("<meta refines=\"#source\" property=\"source-of\">pagination</meta>".into());
    }
    if let Some(s) = fm.series.as_deref().filter(|s| !s.trim().is_empty()) {
        m.push("<meta property=\"belongs-to-collection\" id=\"series\">".to_string() + &escape(s) + "</meta>");
        m.push("<meta refines=\"#series\" property=\"collection-type\">series</meta>".into());
    }
    if let Some(paras) = &fm.abstract_paras {
        let text = paras.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            m.push(format!("<dc:description>{}</dc:description>", escape(&text)));
        }
    }
    m.push(format!("<meta property=\"dcterms:modified\">{}</meta>", modified.format("%Y-%m-%dT%H:%M:%SZ")));
    m.extend(accessibility(doc, page_marks));
    format!(
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:opf=\"http://www.idpf.org/2007/opf\">\n    {}\n  </metadata>",
        m.join("\n    ")
    )
}

/// Schema.org accessibility metadata, claiming only what the writer guarantees.
///
/// The book has no audio or scripts, a navigation document built from the headings,
/// headings in every chapter, notes linked both ways and one reading order. Without
/// pictures it is text only. With pictures it is visual too; text alone suffices, it
/// has `alternativeText`, and it claims WCAG AA only when every picture has a
/// description of its own: a caption standing in for a chart's description is said so
/// in the summary, and no conformance is claimed for such a book.
fn accessibility(doc: &Document, page_marks: bool) -> Vec<String> {
    let pictures = Pictures::of(doc);
    let all_described = pictures.described == pictures.shown;
    let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"];
    if !doc.footnotes.is_empty() {
        features.push("annotations");
    }
    if pictures.shown > 0 && all_described {
        features.push("alternativeText");
    }
    if page_marks {
        features.extend(["pageBreakMarkers", "pageNavigation"]);
    }
    let mut m = vec!["<meta property=\"schema:accessMode\">textual</meta>".to_string()];
    if pictures.shown > 0 {
        m.push("<meta property=\"schema:accessMode\">visual</meta>".into());
        m.push("<meta property=\"schema:accessModeSufficient\">textual,visual</meta>".into());
    }
    if all_described {
        m.push("<meta property=\"schema:accessModeSufficient\">textual</meta>".into());
    }
    m.extend(features.iter().map(|f| format!("<meta property=\"schema:accessibilityFeature\">{f}</meta>")));
    m.push("<meta property=\"schema:accessibilityHazard\">none</meta>".into());
    let notes = if doc.footnotes.is_empty() { "" } else { " Notes are linked from where they are called and back." };
    let pages = if page_marks { " Page-break markers and a page list give the pages of the source PDF." } else { "" };
    let opening = picture_summary(pictures, doc);
    m.push(format!(
        "<meta property=\"schema:accessibilitySummary\">{opening} \
         Chapters follow the headings of the source, the table of contents lists them in nested order, \
         and the reading order follows the text.{notes}{pages} Text reflows and can be resized.</meta>"
    ));
    if all_described {
        m.push("<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>".into());
        m.push("<meta property=\"a11y:certifiedBy\">quire (automated self-assessment)</meta>".into());
    }
    m
}

/// The summary's first sentences: what the book holds besides text, and how its pictures
/// are described.
fn picture_summary(p: Pictures, doc: &Document) -> String {
    if p.shown == 0 {
        return "Text-only publication with no images, media or scripts.".into();
    }
    let what = if p.shown == 1 { "one figure image".to_string() } else { format!("{} figure images", p.shown) };
    let how = if p.described == p.shown {
        "each with a text description".to_string()
    } else if p.described + p.captioned == p.shown {
        match p.described {
            0 => "whose text descriptions are taken from their printed captions; charts and diagrams have no fuller description".into(),
            n => format!(
                "{n} with a text description; for the others the description is taken from the printed caption, and charts and diagrams have no fuller description"
            ),
        }
    } else {
        "some of which have no description beyond their label; for others the description is taken from the printed caption".into()
    };
    let tables = doc.displays().filter_map(|b| b.table.as_deref()).collect::<Vec<_>>();
    let tables = match (tables.is_empty(), tables.iter().all(|t| t.header_rows > 0)) {
        (true, _) => "",
        (false, true) => " Tables are marked up as data tables with column headers.",
        (false, false) => " Tables are marked up as data tables.",
    };
    format!("Text with {what}, {how}.{tables} No media or scripts.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Author, Date};

    #[test]
    fn isbn_with_add_on_code_is_recognised() {
        assert_eq!(valid_isbn("979-11-6120-783-4-93340").as_deref(), Some("9791161207834"));
        assert_eq!(valid_isbn("ISBN 978-0-306-40615-7").as_deref(), Some("9780306406157"));
        assert_eq!(valid_isbn("0-306-40615-2").as_deref(), Some("0306406152"));
    }

    #[test]
    fn isbn_with_wrong_check_digit_is_rejected() {
        assert_eq!(valid_isbn("979-11-6120-783-5-93340"), None);
        assert_eq!(valid_isbn("978-0-306-40615-8"), None);
        assert_eq!(valid_isbn("12345"), None);
    }

    #[test]
    fn identifier_falls_back_to_a_stable_content_uuid() {
        let mut d = Document::new();
        d.front.title = Some("A".into());
        let a = identifier(&d, content_uuid(&d));
        assert!(a.starts_with("urn:uuid:"), "{a}");
        assert_eq!(a, identifier(&d, content_uuid(&d.clone())));
        d.front.title = Some("B".into());
        assert_ne!(a, identifier(&d, content_uuid(&d)));
    }

    #[test]
    fn modified_comes_from_the_document_date() {
        let mut d = Document::new();
        d.front.date = Some(Date { year: 2024, month: Some(6), day: None });
        let t = modified(&d, None);
        if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
            assert_eq!(t.format("%Y-%m-%dT%H:%M:%SZ").to_string(), "2024-06-01T00:00:00Z");
        }
        assert_eq!(modified(&d, Some(0)).timestamp(), 0);
    }

    #[test]
    fn metadata_escapes_values_and_gives_creators_file_as() {
        let mut d = Document::new();
        d.front.title = Some("War & <Peace>".into());
        d.front.publisher = Some("A & B".into());
        d.front.authors.push(Author { given: Some("Leif-Eric".into()), surname: "Easley".into(), bio: None, affiliations: Vec::new() });
        d.front.keywords = vec!["deterrence".into()];
        d.front.doi = Some("10.1000/x<1>".into());
        let m = metadata(&d, "en", modified(&d, Some(0)), content_uuid(&d), false);
        assert!(m.contains("<dc:title id=\"title\">War &amp; &lt;Peace&gt;</dc:title>"));
        assert!(m.contains("<dc:subject>deterrence</dc:subject>"));
        assert!(m.contains("<dc:identifier id=\"doi\">doi:10.1000/x&lt;1&gt;</dc:identifier>"));
        assert!(m.contains("<dc:publisher>A &amp; B</dc:publisher>"));
        assert!(m.contains("<dc:creator id=\"creator-1\">Leif-Eric Easley</dc:creator>"));
        assert!(m.contains("property=\"file-as\">Easley, Leif-Eric</meta>"));
        assert!(m.contains("<dc:language>en</dc:language>"));
    }
}
