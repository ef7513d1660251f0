//! Styling inside lines, end to end: a PDF built with lopdf whose lines mix roman,
//! italic and bold runs, a raised unit, a lowered formula index, a note call and a link
//! annotation; the tree's spans and each output's markup are checked.

#[path = "support/pdfgen.rs"]
mod pdfgen;

use pdfgen::{Font, Pdf};
use quire::tree::{Inline, Link};
use quire::{Format, Options};

const BODY: &str = "The committee met four times during the year and reviewed the programme of work that the board had set for it in the spring, with particular attention to the budget and to the staffing of the regional offices, which had grown faster than expected over the period under review.";

fn styled_pdf() -> Vec<u8> {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    p.text(Font::HelveticaBold, 16.0, 72.0, 770.0, "Notes on Market Reform");
    let mut y = p.paragraph(Font::Times, 11.0, 13.5, 72.0, 730.0, 450.0, BODY, true);
    y -= 13.5;
    p.raw(&format!(
        "BT /F1 11 Tf 72 {y} Td (As argued in ) Tj /F5 11 Tf (The Wealth of Nations) Tj /F1 11 Tf (, the ) Tj /F2 11 Tf (market) Tj /F1 11 Tf ( grows with the division of labour.) Tj ET"
    ));
    let y2 = y - 13.5;
    p.raw(&format!(
        "BT /F1 11 Tf 72 {y2} Td (Each site covers 20 m) Tj /F1 7 Tf 4 Ts (2) Tj /F1 11 Tf 0 Ts ( and the CO) Tj /F1 7 Tf -2 Ts (2) Tj /F1 11 Tf 0 Ts ( level rose sharply) Tj /F1 7 Tf 4 Ts (1) Tj /F1 11 Tf 0 Ts (.) Tj ET"
    ));
    let y3 = y2 - 13.5;
    let before = Font::Times.width("Read ", 11.0);
    let linked = Font::Times.width("the report", 11.0);
    p.text(Font::Times, 11.0, 72.0, y3, "Read the report online for the details of each site.");
    p.link(72.0 + before, y3 - 3.0, 72.0 + before + linked, y3 + 9.0, "https://example.org/report");
    p.text(Font::Times, 8.0, 72.0, 80.0, "1 Measured at the regional offices in the spring.");
    p.line(72.0, 92.0, 180.0, 92.0, 0.5, 0.0);
    pdf.finish()
}

/// Every XHTML document of an EPUB, one after another.
fn chapters(epub: Vec<u8>) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut chapters = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().ends_with(".xhtml") {
            std::io::Read::read_to_string(&mut f, &mut chapters).unwrap();
        }
    }
    chapters
}

fn spans(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        let name = match i {
            Inline::Emphasis(_) => "em",
            Inline::Strong(_) => "strong",
            Inline::Superscript(_) => "sup",
            Inline::Subscript(_) => "sub",
            Inline::Link(_) => "link",
            Inline::NoteCall(_) => {
                out.push("call".into());
                continue;
            }
            _ => "",
        };
        let mut text = String::new();
        Inline::push_text(i.children(), &mut text);
        if !name.is_empty() {
            out.push(format!("{name}:{text}"));
        }
        spans(i.children(), out);
    }
}

#[test]
fn italic_bold_scripts_a_note_call_and_a_link_become_spans_and_markup_in_every_output() {
    let done = quire::convert(&styled_pdf(), &Options::default().with_formats(&[Format::Jats, Format::Epub, Format::Pdf])).expect("converts");
    let doc = &done.output.document;
    let mut found = Vec::new();
    for b in doc.sections.iter().flat_map(|s| s.blocks.iter()) {
        spans(&b.content, &mut found);
    }
    for want in ["em:The Wealth of Nations", "strong:market", "sup:2", "sub:2", "call", "link:the report"] {
        assert!(found.iter().any(|f| f == want), "{want:?} not among {found:?}");
    }
    let link = doc
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .flat_map(|b| b.content.iter())
        .find_map(|i| match i {
            Inline::Link(Link { target, .. }) => Some(target.clone()),
            _ => None,
        });
    assert_eq!(link.as_deref(), Some("https://example.org/report"));
    assert_eq!(doc.footnotes.len(), 1, "{:?}", doc.footnotes);

    let jats = String::from_utf8(done.output.jats.clone().unwrap()).unwrap();
    for want in ["<italic>The Wealth of Nations</italic>", "<bold>market</bold>", "m<sup>2</sup>", "CO<sub>2</sub>", "xlink:href=\"https://example.org/report\"", "ref-type=\"fn\""] {
        assert!(jats.contains(want), "JATS lacks {want}");
    }
    let epub = done.output.epub.clone().unwrap();
    let chapters = chapters(epub);
    for want in ["<em>The Wealth of Nations</em>", "<strong>market</strong>", "<sup>2</sup>", "<sub>2</sub>", "href=\"https://example.org/report\""] {
        assert!(chapters.contains(want), "EPUB lacks {want}");
    }
    let pdf = done.output.pdf.clone().unwrap();
    let out = lopdf::Document::load_mem(&pdf).expect("the reflowed PDF reads");
    let has_link = out.objects.values().any(|o| {
        o.as_dict().ok().is_some_and(|d| {
            d.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Link".as_slice())
                && d.get(b"A").ok().and_then(|a| a.as_dict().ok()).and_then(|a| a.get(b"URI").ok()).and_then(|u| u.as_str().ok())
                    == Some(b"https://example.org/report".as_slice())
        })
    });
    assert!(has_link, "the reflowed PDF has no link annotation to the report");
}

#[test]
fn verify_counts_the_styled_words_of_every_output_the_reflowed_pdf_read_back() {
    let pdf = styled_pdf();
    let layout = quire::extract(&pdf, &quire::ExtractOptions::default()).unwrap().output;
    let done = quire::convert(&pdf, &Options::default().with_formats(&[Format::Jats, Format::Epub, Format::Pdf])).expect("converts");
    let v = quire::verify::round_trip(&layout, &done.output.document, &done.output);
    assert!(v.tree.styled_words >= 5, "the fixture sets words in italics, bold and scripts: {}", v.tree.styled_words);
    for c in &v.formats {
        let n = c.styled_words.unwrap_or_else(|| panic!("{} gives no styled count", c.format));
        assert!(n >= v.tree.styled_words, "{} sets {n} of the tree's {} styled words", c.format, v.tree.styled_words);
    }
    assert_eq!(v.formats.len(), 3);
}

#[test]
fn links_to_pages_inside_the_document_go_to_the_epubs_page_markers() {
    let mut pdf = Pdf::new();
    for k in 0..2 {
        let p = pdf.a4();
        p.text(Font::HelveticaBold, 16.0, 72.0, 770.0, if k == 0 { "Notes on Market Reform" } else { "The Tables" });
        p.paragraph(Font::Times, 11.0, 13.5, 72.0, 730.0, 450.0, BODY, true);
        if k == 0 {
            let before = Font::Times.width("See ", 11.0);
            p.text(Font::Times, 11.0, 72.0, 600.0, "See the tables on the next page, and the notes at its foot.");
            p.link(72.0 + before, 597.0, 72.0 + before + Font::Times.width("the tables", 11.0), 609.0, "#goto-2");
            let at = Font::Times.width("See the tables on the next page, and ", 11.0);
            p.link(72.0 + at, 597.0, 72.0 + at + Font::Times.width("the notes", 11.0), 609.0, "#named-2");
        }
    }
    let done = quire::convert(&pdf.finish(), &Options::default().with_formats(&[Format::Jats, Format::Epub])).expect("converts");
    let targets: Vec<(String, String)> = done
        .output
        .document
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .flat_map(|b| b.content.iter())
        .filter_map(|i| match i {
            Inline::Link(Link { target, content }) => Some((target.clone(), content.iter().map(|c| match c { Inline::Text(t) => t.as_str(), _ => "" }).collect())),
            _ => None,
        })
        .collect();
    assert_eq!(targets, vec![("#page-2".to_string(), "the tables".to_string()), ("#page-2".to_string(), "the notes".to_string())]);
    let chapters = chapters(done.output.epub.unwrap());
    let at = chapters.find("See ").unwrap_or(0);
    assert!(chapters.contains("#page-2\">the tables</a>"), "the EPUB links to the page marker: {}", &chapters[at..(at + 400).min(chapters.len())]);
    let jats = String::from_utf8(done.output.jats.unwrap()).unwrap();
    assert!(jats.contains("See the tables on the next page") && !jats.contains("#page-2"), "JATS keeps the words, not a link to a source page");
}

#[test]
fn a_citation_linked_to_its_entry_in_the_reference_list_is_an_xref_and_an_epub_link_to_that_entry() {
    let entries = [
        "Adams, J. (2001). Trade and growth. Journal of Economics, 12(3), 45-67.",
        "Baker, M. (2015). Reform of the markets. Policy Review, 8(1), 1-20.",
        "Clark, S. (2019). Prices and wages. Economic Letters, 30(2), 99-110.",
    ];
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    p.text(Font::HelveticaBold, 16.0, 72.0, 770.0, "Notes on Market Reform");
    let y = p.paragraph(Font::Times, 11.0, 13.5, 72.0, 730.0, 450.0, BODY, true) - 13.5;
    p.text(Font::Times, 11.0, 72.0, y, "As Baker shows [2], the reform of the markets worked well in most regions.");
    let at = 72.0 + Font::Times.width("As Baker shows ", 11.0);
    // The view opens a line above the second entry, as hyperref writes a citation's anchor.
    p.link(at, y - 3.0, at + Font::Times.width("[2],", 11.0), y + 9.0, "#goto-2@72,712");
    let p2 = pdf.a4();
    p2.text(Font::HelveticaBold, 13.0, 72.0, 770.0, "References");
    for (k, e) in entries.iter().enumerate() {
        p2.text(Font::Times, 10.0, 72.0, 730.0 - 30.0 * k as f32, e);
    }
    let done = quire::convert(&pdf.finish(), &Options::default().with_formats(&[Format::Jats, Format::Epub])).expect("converts");
    let doc = &done.output.document;
    assert_eq!(doc.references.len(), 3, "{:?}", doc.references);
    let link = doc.sections.iter().flat_map(|s| &s.blocks).flat_map(|b| &b.content).find_map(|i| match i {
        Inline::Link(l) => Some(l.clone()),
        _ => None,
    });
    assert_eq!(link, Some(Link { target: "#ref-2".into(), content: vec![Inline::Text("[2]".into())] }), "the stop after it is not linked");
    let jats = String::from_utf8(done.output.jats.unwrap()).unwrap();
    assert!(jats.contains("<xref ref-type=\"bibr\" rid=\"ref2\">[2]</xref>, the reform"), "JATS: {jats}");
    assert!(jats.contains("<ref id=\"ref2\">") && jats.contains("Baker"), "the xref's target is written");
    let chapters = chapters(done.output.epub.unwrap());
    assert!(chapters.contains("<a href=\"references.xhtml#ref-2\">[2]</a>"), "EPUB links the citation to the entry");
    assert!(chapters.contains("<li id=\"ref-2\">"));
}

#[test]
fn a_hangul_name_in_english_text_is_marked_korean_in_every_output() {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    p.text(Font::HelveticaBold, 16.0, 72.0, 770.0, "Notes on the Summit");
    let y = p.paragraph(Font::Times, 11.0, 13.5, 72.0, 730.0, 450.0, BODY, true) - 13.5;
    p.raw(&format!("BT /F1 11 Tf 72 {y} Td (The talks with ) Tj /F6 11 Tf <000100020003> Tj /F1 11 Tf ( went on for two days in the capital.) Tj ET"));
    let done = quire::convert(&pdf.finish(), &Options::default().with_formats(&[Format::Jats, Format::Epub, Format::Pdf])).expect("converts");
    let korean = done.output.document.sections.iter().flat_map(|s| &s.blocks).flat_map(|b| &b.content).find_map(|i| match i {
        Inline::Lang(span) => {
            let mut t = String::new();
            Inline::push_text(&span.content, &mut t);
            Some((span.lang.clone(), t))
        }
        _ => None,
    });
    assert_eq!(korean, Some(("ko".to_string(), "김정은".to_string())));
    let jats = String::from_utf8(done.output.jats.clone().unwrap()).unwrap();
    assert!(jats.contains("xml:lang=\"ko\">김정은<"), "JATS does not mark the name Korean");
    let epub = done.output.epub.clone().unwrap();
    let chapters = chapters(epub);
    assert!(chapters.contains("lang=\"ko\"") && chapters.contains("김정은"), "EPUB does not mark the name Korean");
    let text = quire::extract(&done.output.pdf.clone().unwrap(), &Default::default()).expect("the reflowed PDF reads").output;
    let words: Vec<&str> = text.pages.iter().flat_map(|p| &p.blocks).flat_map(|b| &b.lines).flat_map(|l| &l.words).map(|w| w.text.as_str()).collect();
    assert!(words.contains(&"김정은"), "the reflowed PDF lost the name");
}
