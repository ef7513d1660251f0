//! Boxes (sidebars, tip and summary boxes): found on a tinted page, kept in reading order,
//! set apart by each writer (JATS `boxed-text`, EPUB `aside`, a tint in the reflowed PDF)
//! and found again when quire reads its own edition back.

mod support;
#[path = "support/pdfgen.rs"]
mod pdfgen;

use pdfgen::{Font, Pdf};
use quire::tree::{BlockKind, Document};
use std::io::Read;

const PROSE: [&str; 3] = [
    "The institute has followed public spending on research for many years, and this briefing sets out what \
     changed over the last period. We draw on the accounts of the ministries and on interviews with officials.",
    "Three questions guide the analysis. The first is whether the money reached the places it was meant for. \
     The second is whether the people who do the work were hired where the need was greatest.",
    "Our recommendations follow from these findings. Allocations should be confirmed before the year begins, \
     and every agency should publish the same short set of figures in the same form each year.",
];
const BOX_TITLE: &str = "How the figures were gathered";
const BOX_TEXT: &str = "Every ministry was asked for its accounts in the same form, and the answers were checked \
     against the budget laws of each year before any total was computed.";

/// A page of prose with a grey box between the second and third paragraphs.
fn page_with_box() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    p.text(Font::HelveticaBold, 18.0, 72.0, 770.0, "Spending on research");
    p.text(Font::HelveticaBold, 12.0, 72.0, 736.0, "Findings");
    let mut y = 714.0;
    for t in &PROSE[..2] {
        y = p.paragraph(Font::Times, 10.5, 13.0, 72.0, y, 451.0, t, true) - 6.0;
    }
    // The box: a tint from a little above its title to a little below its text.
    let top = y - 4.0;
    let lines = pdfgen::wrap(Font::Times, 10.5, 431.0, BOX_TEXT).len() as f32;
    let height = 14.0 + 16.0 + 13.0 * lines + 4.0;
    p.fill(64.0, top - height, 467.0, height, 0.9);
    p.text(Font::HelveticaBold, 10.5, 82.0, top - 14.0, BOX_TITLE);
    p.paragraph(Font::Times, 10.5, 13.0, 82.0, top - 30.0, 431.0, BOX_TEXT, true);
    p.paragraph(Font::Times, 10.5, 13.0, 72.0, top - height - 20.0, 451.0, PROSE[2], true);
    pdf.finish()
}

fn read(pdf: &[u8]) -> Document {
    let layout = quire::extract(pdf, &quire::ExtractOptions::default()).unwrap().output;
    quire::normalise(&layout, &quire::NormaliseOptions::default()).output
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each body block as (box, kind, first three words), in reading order.
fn outline(doc: &Document) -> Vec<(Option<u32>, BlockKind, String)> {
    let head = |t: String| t.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    doc.sections.iter().flat_map(|s| s.blocks.iter().map(move |b| (b.boxed, b.kind, head(b.text())))).collect()
}

fn expected() -> Vec<(Option<u32>, BlockKind, String)> {
    vec![
        (None, BlockKind::Paragraph, "The institute has".into()),
        (None, BlockKind::Paragraph, "Three questions guide".into()),
        (Some(1), BlockKind::BoxTitle, "How the figures".into()),
        (Some(1), BlockKind::Paragraph, "Every ministry was".into()),
        (None, BlockKind::Paragraph, "Our recommendations follow".into()),
    ]
}

#[test]
fn a_tinted_box_is_one_box_with_its_title_in_reading_order() {
    let doc = read(&page_with_box());
    assert_eq!(outline(&doc), expected());
    let titles: Vec<Option<&str>> = doc.sections.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(titles, vec![Some("Findings")], "the box's title opens no section");
}

#[test]
fn jats_sets_the_box_as_boxed_text_and_stays_valid() {
    let doc = read(&page_with_box());
    let xml = String::from_utf8(quire::emit::jats(&doc, &Default::default()).unwrap()).unwrap();
    let want = format!("<boxed-text id=\"box-1\"> <caption> <title>{BOX_TITLE}</title> </caption> <p>Every ministry");
    assert!(words(&xml).contains(&want), "lacks {want}:\n{xml}");
    let path = support::scratch("boxes-jats").join("boxes.xml");
    std::fs::write(&path, &xml).unwrap();
    for tool in ["validate-jats", "validate-jats4r"] {
        if let Some((ok, msg)) = support::validate(tool, &[path.clone()]) {
            assert!(ok, "{tool}: {msg}");
        }
    }
}

#[test]
fn epub_sets_the_box_as_an_aside_and_passes_epubcheck_and_ace() {
    let doc = read(&page_with_box());
    let bytes = quire::emit::epub(&doc, &Default::default()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().ends_with(".xhtml") {
            f.read_to_string(&mut all).unwrap();
        }
    }
    let want = format!(
        "<aside id=\"box-1\" class=\"box\" role=\"note\" aria-labelledby=\"box-1-title\"> <p class=\"box-title\" id=\"box-1-title\"><strong>{BOX_TITLE}</strong></p> <p>Every ministry"
    );
    assert!(words(&all).contains(&want), "lacks {want}:\n{all}");
    let path = support::scratch("boxes-epub").join("boxes.epub");
    std::fs::write(&path, &bytes).unwrap();
    if let Some((ok, msg)) = support::validate("validate-epub", &[path.clone()]) {
        assert!(ok && msg.contains("0 warnings"), "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-epub-a11y", &[path]) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn the_reflowed_edition_tints_the_box_and_reads_back_with_it() {
    let doc = read(&page_with_box());
    let edition = quire::emit::pdf(&doc, &quire::emit::PdfOptions::default()).unwrap().output;
    let back = read(&edition);
    assert_eq!(outline(&back), expected(), "the edition's box is found again, title and all");
}
