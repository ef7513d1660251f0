//! Real PDFs from public test suites (MIT and Apache-2.0, see `tests/fixtures/real/README.md`):
//! their trees are compared with reviewed golden copies, and the structure their hand-checked
//! truth asks for is checked directly.
//!
//! After a deliberate change, regenerate the golden trees with
//! `QUIRE_UPDATE_GOLDEN=1 cargo test --test real_documents` and review `git diff tests/golden/real`.

mod support;

use quire::tree::Document;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn real(name: &str) -> PathBuf {
    support::fixtures().join("real").join(name)
}

/// Converts a real fixture to its tree as JSON, with the warnings given.
fn convert(stem: &str) -> (String, Document, Vec<String>) {
    let bytes = std::fs::read(real(&format!("{stem}.pdf"))).unwrap();
    let opts = quire::Options::default().with_formats(&[quire::Format::Json]).with_name(stem);
    let done = quire::convert(&bytes, &opts).unwrap();
    let json = String::from_utf8(done.output.json.clone().unwrap()).unwrap();
    let warnings = done.warnings.iter().map(|w| w.message.clone()).collect();
    (json, done.output.document, warnings)
}

fn truth(stem: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(real(&format!("{stem}.truth.json"))).unwrap()).unwrap()
}

/// The (level, title) of every heading the truth lists, in order.
fn truth_headings(t: &Value) -> Vec<(u64, String)> {
    t["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["title"].as_str().map(|title| (s["level"].as_u64().unwrap_or(1), title.to_string())))
        .collect()
}

fn headings(d: &Document) -> Vec<(u64, String)> {
    d.sections.iter().filter_map(|s| s.title.clone().map(|t| (u64::from(s.level), t))).collect()
}

#[test]
fn real_trees_match_their_golden_files() {
    let mut failures = vec![];
    for stem in ["docling-multi-page", "pdfbox-pdfbox-5762-722238"] {
        let (json, _, _) = convert(stem);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/real").join(format!("{stem}.tree.json"));
        if std::env::var_os("QUIRE_UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != json {
            failures.push(format!("{stem}.tree.json differs from its golden file"));
        }
    }
    assert!(failures.is_empty(), "{}\nregenerate with QUIRE_UPDATE_GOLDEN=1 after review", failures.join("\n"));
}

#[test]
fn a_document_that_prints_no_title_gets_none_and_outputs_use_its_name() {
    let stem = "pdfbox-pdfbox-5762-722238";
    assert!(truth(stem)["front"]["title"].is_null());
    let (_, doc, warnings) = convert(stem);
    assert_eq!(doc.front.title, None, "a running head, a heading or the PDF's /Title was promoted");
    assert_eq!(doc.display_title(), stem);
    assert!(warnings.iter().any(|w| w.contains("prints no title") && w.contains(stem)), "{warnings:?}");
}

#[test]
fn numbered_chapter_headings_take_their_level_from_the_numbering() {
    let stem = "pdfbox-pdfbox-5762-722238";
    let (_, doc, _) = convert(stem);
    let got = headings(&doc);
    for want in truth_headings(&truth(stem)).into_iter().filter(|(_, t)| t.starts_with("5.")) {
        assert!(got.contains(&want), "{want:?} not among {got:?}");
    }
}

#[test]
fn real_report_headings_are_found_with_their_levels() {
    let stem = "docling-multi-page";
    let t = truth(stem);
    let (_, doc, _) = convert(stem);
    let want = truth_headings(&t);
    let got = headings(&doc);
    let found = want.iter().filter(|h| got.contains(h)).count();
    assert!(found * 10 >= want.len() * 9, "{found} of {} headings: {got:?}", want.len());
}
