//! Tests of the round trip and the flags on real conversions.

use super::*;
use crate::{emit, Options, Warned};
use std::path::Path;

/// The source layout and the full conversion of a PDF file.
fn convert(path: &Path) -> (Layout, Warned<Outputs>) {
    let pdf = std::fs::read(path).expect("fixture is readable");
    let done = crate::convert(&pdf, &Options::default()).expect("fixture converts");
    (done.output.layout.clone(), done)
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn codes(flags: &[Flag]) -> Vec<String> {
    flags.iter().map(|f| f.code.clone()).collect()
}

#[test]
fn clean_conversion_is_not_flagged_for_lost_text() {
    let (layout, done) = convert(&fixture("dev-03.pdf"));
    let doc = &done.output.document;
    let v = round_trip(&layout, doc, &done.output);
    assert_eq!(v.formats.iter().map(|c| c.format).collect::<Vec<_>>(), vec!["jats", "epub", "pdf"]);
    for c in &v.formats {
        assert!(c.error.is_none(), "{}: {:?}", c.format, c.error);
        assert!(c.reference_words > 500, "{}: {} reference words", c.format, c.reference_words);
        assert!(c.recall >= RECALL_WARN, "{} recall {} lost {:?}", c.format, c.recall, c.lost);
        assert!(c.precision >= PRECISION_INFO, "{} precision {}", c.format, c.precision);
    }
    assert!(v.tree.recall >= TREE_RECALL_WARN, "tree recall {} lost {:?}", v.tree.recall, v.tree.lost);
    let f = flags(&layout, doc, Some(&v), &done.warnings);
    assert!(!f.iter().any(|f| f.code.starts_with("text-")), "{f:?}");
}

#[test]
fn outputs_written_from_a_damaged_tree_are_flagged_for_lost_text() {
    let (layout, done) = convert(&fixture("dev-03.pdf"));
    let doc = &done.output.document;
    let mut damaged = doc.clone();
    let keep = damaged.sections.len() / 2;
    damaged.sections.truncate(keep);
    let outputs = Outputs {
        document: damaged.clone(),
        jats: Some(emit::jats(&damaged, &emit::JatsOptions::default()).unwrap()),
        epub: Some(emit::epub(&damaged, &emit::EpubOptions::default()).unwrap()),
        pdf: Some(emit::pdf(&damaged, &emit::PdfOptions::default()).unwrap().output),
        ..done.output.clone()
    };
    let v = round_trip(&layout, doc, &outputs);
    let f = flags(&layout, doc, Some(&v), &[]);
    for code in ["text-lost-jats", "text-lost-epub", "text-lost-pdf"] {
        let flag = f.iter().find(|f| f.code == code).unwrap_or_else(|| panic!("{code} missing from {:?}", codes(&f)));
        assert_eq!(flag.severity, Severity::Error, "{flag:?}");
        assert!(flag.message.contains("missing for example"), "{flag:?}");
    }
    for c in &v.formats {
        assert!(c.recall < 0.9 && !c.lost.is_empty(), "{c:?}");
    }
}

#[test]
fn truncated_jats_body_is_flagged_and_unreadable_epub_is_an_error() {
    let (layout, done) = convert(&fixture("dev-07.pdf"));
    let doc = &done.output.document;
    let jats = String::from_utf8(done.output.jats.clone().unwrap()).unwrap();
    let start = jats.find("<body>").unwrap();
    let end = jats.find("</body>").unwrap();
    let cut = format!("{}<body>\n<p>Only this.</p>\n{}", &jats[..start], &jats[end..]);
    let outputs = Outputs { jats: Some(cut.into_bytes()), epub: Some(b"not a zip".to_vec()), pdf: None, ..done.output.clone() };
    let v = round_trip(&layout, doc, &outputs);
    let f = flags(&layout, doc, Some(&v), &[]);
    let c = codes(&f);
    assert!(c.contains(&"text-lost-jats".to_string()) && c.contains(&"unreadable-epub".to_string()), "{c:?}");
    assert!(!c.iter().any(|c| c.ends_with("-pdf")), "{c:?}");
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn tree_that_drops_paragraphs_is_flagged_as_text_dropped() {
    let (layout, done) = convert(&fixture("dev-10.pdf"));
    let mut doc = done.output.document.clone();
    for s in doc.sections.iter_mut().skip(1) {
        s.blocks.truncate(1);
    }
    let v = round_trip(&layout, &doc, &Outputs { jats: None, epub: None, pdf: None, json: None, document: doc.clone(), layout: layout.clone() });
    assert!(v.formats.is_empty());
    let f = flags(&layout, &doc, Some(&v), &[]);
    assert!(codes(&f).contains(&"text-dropped".to_string()), "{f:?}");
}

#[test]
fn missing_headings_and_references_are_flagged_from_layout_evidence() {
    let (layout, done) = convert(&fixture("dev-00-seed-pdflatex.pdf"));
    let mut doc = done.output.document.clone();
    assert!(!doc.references.is_empty());
    assert!(!codes(&flags(&layout, &doc, None, &[])).contains(&"references-missing".to_string()));
    doc.references.clear();
    for s in &mut doc.sections {
        s.title = None;
    }
    let c = codes(&flags(&layout, &doc, None, &[]));
    assert!(c.contains(&"references-missing".to_string()) && c.contains(&"no-headings".to_string()), "{c:?}");
}

#[test]
fn unmapped_and_invisible_glyph_shares_raise_flags_by_threshold() {
    let mut layout = Layout::default();
    layout.stats.glyphs = 10_000;
    layout.stats.unmapped_glyphs = 5;
    let doc = Document::new();
    assert!(!codes(&flags(&layout, &doc, None, &[])).contains(&"unmapped-glyphs".to_string()));
    layout.stats.unmapped_glyphs = 50;
    let f = flags(&layout, &doc, None, &[]);
    assert_eq!(f.iter().find(|f| f.code == "unmapped-glyphs").map(|f| f.severity), Some(Severity::Warn));
    layout.stats.unmapped_glyphs = 500;
    layout.stats.invisible_glyphs = 9_000;
    let f = flags(&layout, &doc, None, &[]);
    assert_eq!(f[0].code, "unmapped-glyphs");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(codes(&f).contains(&"ocr-text".to_string()));
}

#[test]
fn flags_come_worst_first() {
    let mut layout = Layout::default();
    layout.stats.glyphs = 100;
    layout.stats.unmapped_glyphs = 50;
    let f = flags(&layout, &Document::new(), None, &[Warning::new(Stage::Extract, "something")]);
    assert!(f.windows(2).all(|w| w[0].severity >= w[1].severity), "{f:?}");
    assert!(codes(&f).contains(&"conversion-warnings".to_string()));
}


#[test]
fn an_output_that_drops_most_styled_words_is_flagged() {
    assert!(styling_lost(20, 10));
    assert!(!styling_lost(20, 19));
    assert!(!styling_lost(3, 0), "a few styled words are not enough to judge");
    let (layout, done) = convert(&fixture("dev-03.pdf"));
    let mut v = round_trip(&layout, &done.output.document, &done.output);
    v.tree.styled_words = 40;
    for c in &mut v.formats {
        c.styled_words = match c.format {
            "jats" => Some(4),
            "epub" => Some(40),
            _ => None,
        };
    }
    let f = flags(&layout, &done.output.document, Some(&v), &done.warnings);
    assert!(codes(&f).contains(&"styling-lost-jats".to_string()), "{f:?}");
    assert!(!codes(&f).contains(&"styling-lost-epub".to_string()), "{f:?}");
}
