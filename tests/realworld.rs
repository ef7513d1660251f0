//! Real PDFs from public test suites (`../shared/corpus/realworld`, when present) behave as
//! their MANIFEST's `expected` column says: open, recover, or fail with the specific error.

use quire::{Error, Format, Options};
use std::path::Path;

#[test]
fn every_realworld_file_behaves_as_its_manifest_expects() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld");
    let Ok(manifest) = std::fs::read_to_string(root.join("MANIFEST.tsv")) else {
        assert!(std::env::var_os("CI").is_none(), "the real-world corpus must be present in CI");
        eprintln!("skipping: no real-world corpus beside the project");
        return;
    };
    let mut header = None;
    let mut wrong = vec![];
    for line in manifest.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            header = Some(cols.iter().map(|c| c.to_string()).collect::<Vec<_>>());
            continue;
        };
        let col = |name: &str| h.iter().position(|c| c == name).map(|i| cols[i]).unwrap_or("");
        let (file, expected) = (col("file"), col("expected"));
        let bytes = std::fs::read(root.join(file)).unwrap();
        let result = quire::convert(&bytes, &Options::default().with_formats(&[Format::Json]));
        let ok = match (expected, &result) {
            ("error-password", Err(Error::PasswordRequired)) => true,
            ("error-not-pdf", Err(Error::NotPdf { .. })) => true,
            ("error-no-text", Err(Error::NoTextLayer { .. })) => true,
            ("error-zero-pages", Err(Error::NoPages)) => true,
            ("error-malformed", Err(Error::Malformed { .. })) => true,
            // A bounded adversarial file may convert or be refused with a clear error.
            ("convert-bounded", Ok(_) | Err(Error::TooLarge { .. } | Error::NoTextLayer { .. } | Error::Malformed { .. })) => true,
            (e, Ok(done)) if e.starts_with("convert") || e == "recover" => !done.output.document.sections.is_empty(),
            _ => false,
        };
        if !ok {
            let got = match &result {
                Ok(_) => "converted".to_string(),
                Err(e) => e.to_string(),
            };
            wrong.push(format!("{file}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
