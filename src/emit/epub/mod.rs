//! EPUB 3.
//!
//! The pages are written as XHTML from the tree ([`xhtml`]); epub-builder packs them with
//! the navigation document (nested table of contents and landmarks), the NCX and the
//! package document. Two things epub-builder cannot do are done on its archive after it:
//! the `<metadata>` element is replaced by quire's own ([`package`]), and the archive is
//! re-written with fixed timestamps so that the same tree gives the same bytes ([`archive`]).

mod archive;
mod floats;
mod inline;
mod package;
mod pagelist;
mod xhtml;

use crate::error::{Error, Result};
use crate::tree::Document;
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, TocElement, ZipLibrary};
use xhtml::PageRole;

/// Settings for the EPUB writer.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct EpubOptions {
    /// The `dcterms:modified` time and the archive's timestamps, in seconds since the Unix
    /// epoch; `None` takes `SOURCE_DATE_EPOCH`, else the document's date.
    pub modified: Option<i64>,
}

impl EpubOptions {
    /// These options with a fixed modification time (seconds since the Unix epoch).
    pub fn with_modified(mut self, unix_seconds: i64) -> Self {
        self.modified = Some(unix_seconds);
        self
    }
}

/// The style sheet: relative sizes only, hanging indent for references.
const CSS: &str = "\
body { margin: 0 4%; line-height: 1.45; }
h1, h2, h3, h4, h5, h6 { line-height: 1.2; margin: 1.2em 0 0.5em; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.3em; }
h3 { font-size: 1.15em; }
h4, h5, h6 { font-size: 1em; }
p { margin: 0 0 0.75em; }
.titlepage { margin: 2em 0; }
.series { font-size: 0.9em; letter-spacing: 0.05em; text-transform: uppercase; margin-bottom: 1.5em; }
.title { font-size: 2em; margin-top: 0; }
.subtitle { font-size: 1.3em; font-style: italic; }
.author { font-weight: bold; margin: 0.2em 0; }
.date { margin-top: 1em; }
.abstract { margin-top: 2em; }
blockquote { margin: 1em 1.5em; }
aside.box { margin: 1em 0; padding: 0.5em 0.8em; background: #eeeeee; border-left: 0.25em solid #999999; }
.box-title { margin-top: 0; }
ul, ol { margin: 0 0 0.75em; padding-left: 1.5em; }
sup { font-size: 0.75em; line-height: 0; }
a[href] { overflow-wrap: break-word; word-wrap: break-word; }
.footnote { margin: 0 0 0.6em; font-size: 0.95em; }
.note-label { font-weight: bold; margin-right: 0.3em; }
ul.references { list-style: none; padding-left: 0; }
ul.references li { padding-left: 2em; text-indent: -2em; margin-bottom: 0.5em; }
.disclaimer { font-style: italic; }
dl.colophon dt { font-weight: bold; margin-top: 0.5em; }
dl.colophon dd { margin: 0 0 0 1.5em; }
";

fn builder_err(e: epub_builder::Error) -> Error {
    Error::Emit { format: "epub", message: e.to_string() }
}

/// Writes the document as an EPUB 3 book.
pub fn epub(doc: &Document, opts: &EpubOptions) -> Result<Vec<u8>> {
    let lang = xhtml::lang_tag(doc);
    let modified = package::modified(doc, opts.modified);
    let (pages, marks) = xhtml::book(doc);

    let mut b = EpubBuilder::new(ZipLibrary::new().map_err(builder_err)?).map_err(builder_err)?;
    b.epub_version(EpubVersion::V30);
    b.set_title(doc.display_title());
    b.add_language(lang.as_str());
    let uuid = package::content_uuid(doc);
    b.set_uuid(uuid);
    b.set_modified_date(modified);
    b.metadata("toc_name", "Contents").map_err(builder_err)?;
    b.metadata("generator", "quire").map_err(builder_err)?;
    let mut css = CSS.to_string();
    if crate::emit::display::any(doc) {
        css.push_str(floats::CSS);
    }
    if inline::needs_css(doc) {
        css.push_str(inline::CSS);
    }
    b.stylesheet(css.as_bytes()).map_err(builder_err)?;
    for (path, media_type, data) in floats::pictures(doc) {
        b.add_resource(path.as_str(), data, media_type).map_err(builder_err)?;
    }
    for p in &pages {
        let mut c = EpubContent::new(p.file.as_str(), p.xhtml.as_bytes()).title(p.title.as_str());
        for e in &p.children {
            c.toc.add(TocElement::new(format!("{}#{}", p.file, e.anchor), e.label.as_str()).level(i32::from(e.depth)));
        }
        let reftype = match p.role {
            PageRole::TitlePage => Some(ReferenceType::TitlePage),
            PageRole::BodyStart => Some(ReferenceType::Text),
            PageRole::Notes => Some(ReferenceType::Notes),
            PageRole::Bibliography => Some(ReferenceType::Bibliography),
            PageRole::Colophon => Some(ReferenceType::Colophon),
            PageRole::Chapter | PageRole::Authors => None,
        };
        if let Some(r) = reftype {
            c = c.reftype(r);
        }
        b.add_content(c).map_err(builder_err)?;
    }
    let mut built = Vec::new();
    b.generate(&mut built).map_err(builder_err)?;

    let metadata = package::metadata(doc, &lang, modified, uuid, !marks.is_empty());
    archive::rewrite(&built, archive::zip_time(modified), &["OEBPS/content.opf", "OEBPS/nav.xhtml"], |name, data| match name {
        "OEBPS/content.opf" => patch_opf(data, &metadata, &lang),
        "OEBPS/nav.xhtml" => patch_nav(data, &lang).and_then(|nav| add_page_list(nav, &marks)),
        _ => Ok(data),
    })
}

fn patch_err(what: &str) -> Error {
    Error::Emit { format: "epub", message: format!("unexpected epub-builder output: {what}") }
}

/// Replaces the package's `<metadata>` element; declares the language and the `a11y:` prefix.
fn patch_opf(data: Vec<u8>, metadata: &str, lang: &str) -> Result<Vec<u8>> {
    let opf = String::from_utf8(data).map_err(|_| patch_err("content.opf is not UTF-8"))?;
    let start = opf.find("<metadata").ok_or_else(|| patch_err("no <metadata> in content.opf"))?;
    let end = opf.find("</metadata>").ok_or_else(|| patch_err("no </metadata> in content.opf"))? + "</metadata>".len();
    let package = opf.find("<package ").ok_or_else(|| patch_err("no <package> in content.opf"))?;
    if end < start || start < package {
        return Err(patch_err("content.opf out of order"));
    }
    let mut out = String::with_capacity(opf.len() + metadata.len());
    out.push_str(&opf[..package]);
    let l = xhtml::escape(lang);
    out.push_str(&format!("<package xml:lang=\"{l}\" prefix=\"{}\" ", package::A11Y_PREFIX));
    out.push_str(&opf[package + "<package ".len()..start]);
    out.push_str(metadata);
    out.push_str(&opf[end..]);
    Ok(out.into_bytes())
}

/// Gives the navigation document the book's language, which epub-builder's template lacks,
/// and names its two `nav` landmarks apart (the toc with its DPUB-ARIA role).
fn patch_nav(data: Vec<u8>, lang: &str) -> Result<Vec<u8>> {
    let nav = String::from_utf8(data).map_err(|_| patch_err("nav.xhtml is not UTF-8"))?;
    let l = xhtml::escape(lang);
    let edits = [
        ("<html ", format!("<html lang=\"{l}\" xml:lang=\"{l}\" ")),
        (
            "<nav epub:type = \"toc\" id=\"toc\">",
            "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">".to_string(),
        ),
        ("<nav epub:type = \"landmarks\">", "<nav epub:type=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">".to_string()),
    ];
    let mut nav = nav;
    for (from, to) in edits {
        if !nav.contains(from) {
            return Err(patch_err(&format!("no {from} in nav.xhtml")));
        }
        nav = nav.replacen(from, &to, 1);
    }
    Ok(nav.into_bytes())
}

/// Adds the `page-list` nav after the others in the navigation document, when the book
/// has page-break markers (epub-builder has no page list of its own).
fn add_page_list(nav: Vec<u8>, marks: &[pagelist::Mark]) -> Result<Vec<u8>> {
    let list = pagelist::nav(marks);
    if list.is_empty() {
        return Ok(nav);
    }
    let mut nav = String::from_utf8(nav).map_err(|_| patch_err("nav.xhtml is not UTF-8"))?;
    let at = nav.rfind("</body>").ok_or_else(|| patch_err("no </body> in nav.xhtml"))?;
    nav.insert_str(at, &list);
    Ok(nav.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Author, Block, Date, Footnote, Inline, Section};
    use std::io::{Cursor, Read};

    fn sample() -> Document {
        let mut d = Document::new();
        d.front.title = Some("Trade & <Security>".into());
        d.front.date = Some(Date { year: 2024, month: Some(6), day: Some(11) });
        d.front.isbn = Some("978-0-306-40615-7".into());
        d.front.authors.push(Author { given: Some("Soo-ah".into()), surname: "Seo".into(), bio: Some("Seo (서수아) is a fellow.".into()), affiliations: Vec::new() });
        d.sections.push(Section { level: 1, title: None, blocks: vec![Block::paragraph("Lead.", vec![])], source: vec![] });
        d.sections.push(Section {
            level: 1,
            title: Some("First".into()),
            blocks: vec![Block {
                kind: crate::tree::BlockKind::Paragraph,
                content: vec![Inline::Text("Body".into()), Inline::NoteCall(0)],
                source: vec![],
                ..Default::default()
            }],
            source: vec![],
        });
        d.sections.push(Section { level: 2, title: Some("Sub".into()), blocks: vec![Block::paragraph("x", vec![])], source: vec![] });
        d.sections.push(Section { level: 1, title: Some("Second".into()), blocks: vec![Block::paragraph("y", vec![])], source: vec![] });
        d.footnotes.push(Footnote { label: "1".into(), text: "Note.".into(), source: vec![] });
        d.colophon.email = Some("a@b.org".into());
        d
    }

    fn entry(epub: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(Cursor::new(epub)).unwrap();
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn same_tree_gives_identical_bytes() {
        let d = sample();
        let a = epub(&d, &EpubOptions::default()).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2100));
        let b = epub(&d, &EpubOptions::default()).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn package_has_one_identifier_creators_and_fixed_modified_date() {
        let e = epub(&sample(), &EpubOptions::default().with_modified(1_718_064_000)).unwrap();
        let opf = entry(&e, "OEBPS/content.opf");
        assert_eq!(opf.matches("<metadata").count(), 1);
        assert!(opf.contains("<dc:identifier id=\"epub-id-1\">urn:isbn:9780306406157</dc:identifier>"));
        assert!(opf.contains("unique-identifier=\"epub-id-1\""));
        assert!(opf.contains("<dc:title id=\"title\">Trade &amp; &lt;Security&gt;</dc:title>"));
        assert!(opf.contains("<meta property=\"dcterms:modified\">2024-06-11T00:00:00Z</meta>"));
        assert!(opf.contains("property=\"file-as\">Seo, Soo-ah</meta>"));
        assert_eq!(opf.matches("id=\"epub-creator-0\"").count(), 0);
    }

    #[test]
    fn empty_document_still_gives_a_book() {
        let e = epub(&Document::new(), &EpubOptions::default()).unwrap();
        let opf = entry(&e, "OEBPS/content.opf");
        assert!(opf.contains("<dc:title id=\"title\">Untitled</dc:title>"));
        assert!(opf.contains("urn:uuid:"));
        assert!(entry(&e, "OEBPS/title.xhtml").contains("<h1 class=\"title\">Untitled</h1>"));
    }

    #[test]
    fn korean_names_in_bios_are_marked() {
        let e = epub(&sample(), &EpubOptions::default()).unwrap();
        let bios = entry(&e, "OEBPS/authors.xhtml");
        assert!(bios.contains("Seo (<span lang=\"ko\" xml:lang=\"ko\">서수아</span>) is a fellow."), "{bios}");
    }

    #[test]
    fn nav_nests_sections_and_carries_the_language() {
        let e = epub(&sample(), &EpubOptions::default()).unwrap();
        let nav = entry(&e, "OEBPS/nav.xhtml");
        assert!(nav.contains("lang=\"en\" xml:lang=\"en\""));
        assert!(nav.contains("role=\"doc-toc\""));
        let first = nav.find(">First</a>").unwrap();
        let sub = nav.find(">Sub</a>").unwrap();
        let second = nav.find(">Second</a>").unwrap();
        let between = &nav[first..sub];
        assert!(between.contains("<ol>"), "Sub is nested under First: {nav}");
        assert!(nav[sub..second].contains("</ol>"), "Second is back at the top level");
        assert!(nav.contains("href=\"chapter-01.xhtml#sec-2\">Sub</a>"));
        assert!(nav.contains("epub:type=\"bodymatter\" href=\"chapter-01.xhtml\""));
    }

    fn with_figures(alt: Option<&str>) -> Document {
        use crate::tree::{Cell, Figure, Image, Table};
        let mut d = sample();
        let png = b"\x89PNG\r\n\x1a\n".to_vec();
        let img = Image { file: "fig 1.png".into(), media_type: "image/png".into(), width: 4, height: 2, dpi: 96.0, data: png };
        let fig = Figure { label: Some("Figure 1".into()), alt: alt.map(Into::into), inner_text: vec![], image: Some(img) };
        let table = Table {
            label: Some("Table 1".into()),
            rows: vec![vec![Cell::new("Year"), Cell::new("")], vec![Cell { text: "2020".into(), colspan: 2, rowspan: 1 }]],
            header_rows: 1,
            notes: vec!["Source: X.".into()],
            ruled: false,
            image: None,
        };
        let blocks = &mut d.sections[1].blocks;
        blocks.push(Block::figure(fig, "Trade & growth", vec![]));
        blocks.push(Block::table(table, "", vec![]));
        blocks.push(Block::figure(Figure::default(), "", vec![]));
        d
    }

    #[test]
    fn pictures_are_packed_and_figures_written_in_place() {
        let e = epub(&with_figures(None), &EpubOptions::default()).unwrap();
        let opf = entry(&e, "OEBPS/content.opf");
        assert!(opf.contains("href=\"images/fig_1.png\"") && opf.contains("media-type=\"image/png\""), "{opf}");
        let ch = entry(&e, "OEBPS/chapter-01.xhtml");
        assert!(ch.contains("<figure id=\"fig-1\" class=\"figure\">\n<img src=\"images/fig_1.png\" alt=\"Trade &amp; growth\""), "{ch}");
        assert!(ch.contains("<figcaption><span class=\"float-label\">Figure 1.</span> Trade &amp; growth</figcaption>"), "{ch}");
        assert!(ch.contains("<figure id=\"table-1\" class=\"table\">\n<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"table-1-caption\">"), "{ch}");
        assert!(ch.contains("<caption id=\"table-1-caption\"><span class=\"float-label\">Table 1.</span></caption>"), "{ch}");
        assert!(ch.contains("<tr><th scope=\"col\">Year</th><td></td></tr>"), "an empty header cell is no th: {ch}");
        assert!(ch.contains("<td colspan=\"2\">2020</td>"), "{ch}");
        assert!(ch.contains("<figure id=\"fig-2\" class=\"figure\">\n</figure>"), "a figure with nothing known stays, empty: {ch}");
        assert!(entry(&e, "OEBPS/stylesheet.css").contains("overflow-x: auto"));
    }

    #[test]
    fn captions_standing_in_for_descriptions_are_declared_and_claim_no_conformance() {
        let e = epub(&with_figures(None), &EpubOptions::default()).unwrap();
        let opf = entry(&e, "OEBPS/content.opf");
        assert!(opf.contains("<meta property=\"schema:accessMode\">visual</meta>"));
        assert!(opf.contains("<meta property=\"schema:accessModeSufficient\">textual,visual</meta>"));
        assert!(!opf.contains("<meta property=\"schema:accessModeSufficient\">textual</meta>"));
        assert!(!opf.contains("alternativeText"));
        assert!(!opf.contains("dcterms:conformsTo"));
        assert!(opf.contains("taken from their printed captions"), "{opf}");
        assert!(!opf.contains("Text-only"));
    }

    #[test]
    fn described_pictures_claim_alternative_text() {
        let e = epub(&with_figures(Some("Bars rise.")), &EpubOptions::default()).unwrap();
        let opf = entry(&e, "OEBPS/content.opf");
        assert!(opf.contains(">alternativeText<"));
        assert!(opf.contains("<meta property=\"schema:accessModeSufficient\">textual</meta>"));
        assert!(opf.contains("dcterms:conformsTo"));
        assert!(entry(&e, "OEBPS/chapter-01.xhtml").contains("alt=\"Bars rise.\""));
    }

    #[test]
    fn text_only_book_keeps_its_plain_style_sheet_and_claims() {
        let e = epub(&sample(), &EpubOptions::default()).unwrap();
        assert!(!entry(&e, "OEBPS/stylesheet.css").contains("figure"));
        let opf = entry(&e, "OEBPS/content.opf");
        assert!(opf.contains("Text-only publication with no images"));
        assert!(!opf.contains(">visual<"));
        assert!(opf.contains("dcterms:conformsTo"));
    }
}
