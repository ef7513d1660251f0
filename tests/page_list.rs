//! The source edition's pages through the writers, checked by the shared validators: the
//! EPUB's page-break markers and page list (EPUBCheck and DAISY Ace) and the JATS
//! `fpage`, `lpage` and `page-count` (DTD and JATS4R). A validator that is not installed
//! skips its check (outside CI).

mod support;

use quire::emit;
use quire::tree::{Block, BlockKind, BoxPt, Document, Footnote, Inline, Provenance, Reference, Section};
use std::io::Read;
use std::path::PathBuf;

fn on(page: u32) -> Vec<Provenance> {
    vec![Provenance { page, bbox: BoxPt::default() }]
}

/// A five-page brief: front matter on page i, text on pages ii to 2 (a list item opening
/// page 2), a reference printed on page 3.
fn paged() -> Document {
    let mut d = Document::new();
    d.front.title = Some("Paged Brief".into());
    d.source.name = Some("paged-brief".into());
    d.source.pages = 5;
    d.source.page_labels = ["i", "ii", "1", "2", "3"].map(String::from).to_vec();
    let item = Block { kind: BlockKind::ListItem, content: vec![Inline::Text("An item.".into())], source: on(4), ..Default::default() };
    d.sections.push(Section { level: 1, title: None, blocks: vec![Block::paragraph("Lead.", on(2))], source: vec![] });
    let call = Block { content: vec![Inline::Text("Noted.".into()), Inline::NoteCall(0)], source: on(3), ..Default::default() };
    d.sections.push(Section { level: 1, title: Some("One".into()), blocks: vec![call, item], source: on(3) });
    d.footnotes.push(Footnote { label: "1".into(), text: "A note.".into(), source: on(3) });
    d.references.push(Reference { raw: "Kim, A. (2020). A Book. Seoul: Press.".into(), source_boxes: on(5), ..Default::default() });
    d
}

fn write(ext: &str, bytes: &[u8]) -> PathBuf {
    let path = support::scratch(&format!("page-list-{ext}")).join(format!("paged-brief.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn epub_with_page_list_passes_epubcheck_and_ace() {
    let bytes = emit::epub(&paged(), &Default::default()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut nav = String::new();
    z.by_name("OEBPS/nav.xhtml").unwrap().read_to_string(&mut nav).unwrap();
    let list = &nav[nav.find("epub:type=\"page-list\"").expect("a page list")..];
    assert_eq!(list[..list.find("</nav>").unwrap()].matches("<li>").count(), 5, "{nav}");
    let mut refs = String::new();
    z.by_name("OEBPS/references.xhtml").unwrap().read_to_string(&mut refs).unwrap();
    assert!(refs.contains("id=\"page-5\" title=\"3\""), "{refs}");
    let path = write("epub", &bytes);
    if let Some((ok, msg)) = support::validate("validate-epub", &[path.clone()]) {
        assert!(ok, "{msg}");
        assert!(msg.contains("0 warnings"), "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-epub-a11y", &[path]) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn jats_with_printed_pages_passes_the_dtd_and_jats4r() {
    let xml = String::from_utf8(emit::jats(&paged(), &Default::default()).unwrap()).unwrap();
    assert!(xml.contains("<fpage>i</fpage>") && xml.contains("<lpage>3</lpage>"), "{xml}");
    assert!(xml.contains("<page-count count=\"5\"/>"), "{xml}");
    let path = write("xml", xml.as_bytes());
    if let Some((ok, msg)) = support::validate("validate-jats", &[path.clone()]) {
        assert!(ok, "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-jats4r", &[path]) {
        assert!(ok, "{msg}");
    }
}
