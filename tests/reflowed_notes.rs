//! Notes in the reflowed PDF: set at the foot of the page that calls them, and found again
//! as notes when quire reads its own edition back.

mod support;

fn read_back(pdf: &[u8]) -> quire::Document {
    let layout = quire::extract(pdf, &quire::ExtractOptions::default()).unwrap().output;
    quire::normalise(&layout, &quire::NormaliseOptions::default()).output
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn notes_stand_at_the_foot_of_the_page_that_calls_them_and_read_back_as_notes() {
    let pdf = std::fs::read(support::fixtures().join("dev-03.pdf")).unwrap();
    let layout = quire::extract(&pdf, &quire::ExtractOptions::default()).unwrap().output;
    let doc = quire::normalise(&layout, &quire::NormaliseOptions::default()).output;
    assert!(doc.footnotes.len() >= 5, "the fixture has notes: {}", doc.footnotes.len());
    let edition = quire::emit::pdf(&doc, &quire::emit::PdfOptions::default()).unwrap().output;
    let back = read_back(&edition);

    let texts = |d: &quire::Document| d.footnotes.iter().map(|f| words(&f.text)).collect::<Vec<_>>();
    assert_eq!(texts(&back), texts(&doc), "every note is read back whole, in order");
    let sections = &back.sections;
    assert!(sections.iter().all(|s| s.title.as_deref() != Some("Notes")), "no notes list closes the text");
    for s in sections {
        for b in &s.blocks {
            let pages: Vec<u32> = b.source.iter().map(|p| p.page).collect();
            for n in b.note_calls() {
                let note_page = back.footnotes[n].source[0].page;
                assert!(pages.contains(&note_page), "note {} is on page {note_page}, its call on {pages:?}", n + 1);
            }
        }
    }
}
