//! Each writer, fed a perfect tree built from a truth file, writes a valid output.
//!
//! Outputs land in `target/test-out/from-truth/NAME.{xml,epub,pdf}` so that
//! `shared/tools/score.py` can score the writers alone. Set `QUIRE_TRUTH_DIR` to
//! also cover a folder of truth files (such as the dev corpus).

mod support;

use quire::emit;
use std::path::PathBuf;

fn write_all(format: quire::Format) -> Vec<PathBuf> {
    let dir = support::scratch(&format!("from-truth-{}", format.name()));
    let mut written = vec![];
    for t in support::truth_files() {
        let doc = support::document_from_truth(&t);
        let bytes = match format {
            quire::Format::Jats => emit::jats(&doc, &Default::default()).unwrap(),
            quire::Format::Epub => emit::epub(&doc, &Default::default()).unwrap(),
            quire::Format::Pdf => emit::pdf(&doc, &Default::default()).unwrap().output,
            quire::Format::Json => emit::json(&doc).into_bytes(),
        };
        let path = dir.join(format!("{}.{}", support::truth_name(&t), format.extension()));
        std::fs::write(&path, bytes).unwrap();
        written.push(path);
    }
    written
}

#[test]
fn jats_from_truth_passes_the_dtd() {
    let files = write_all(quire::Format::Jats);
    if let Some((ok, msg)) = support::validate("validate-jats", &files) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn epub_from_truth_passes_epubcheck() {
    let files = write_all(quire::Format::Epub);
    if let Some((ok, msg)) = support::validate("validate-epub", &files) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn pdf_from_truth_passes_validate_pdf() {
    let files = write_all(quire::Format::Pdf);
    if let Some((ok, msg)) = support::validate("validate-pdf", &files) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn json_tree_round_trips() {
    for t in support::truth_files() {
        let doc = support::document_from_truth(&t);
        let back: quire::Document = serde_json::from_str(&emit::json(&doc)).unwrap();
        assert_eq!(doc, back);
    }
}
