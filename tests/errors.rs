//! Bad input gets a specific error, never a panic.

use quire::{Error, Options};

fn convert(bytes: &[u8]) -> quire::Result<quire::Warned<quire::Outputs>> {
    quire::convert(bytes, &Options::default().with_formats(&[quire::Format::Json]))
}

#[test]
fn an_empty_file_is_not_a_pdf() {
    assert!(matches!(convert(b"").unwrap_err(), Error::NotPdf { .. }));
}

#[test]
fn a_text_file_is_not_a_pdf() {
    let e = convert(b"potato salad\n").unwrap_err();
    assert!(matches!(e, Error::NotPdf { .. }), "{e}");
}

#[test]
fn a_truncated_pdf_is_reported_not_panicked() {
    let pdf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dev-03.pdf")).unwrap();
    for cut in [9, 200, pdf.len() / 3] {
        match convert(&pdf[..cut]) {
            Err(Error::Malformed { .. } | Error::NotPdf { .. } | Error::NoPages | Error::NoTextLayer { .. }) => {}
            Err(e) => panic!("unexpected error for a file cut at {cut}: {e}"),
            Ok(_) => {}
        }
    }
}

#[test]
fn errors_in_files_name_the_file() {
    let dir = std::env::temp_dir().join(format!("quire-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("notes.pdf");
    std::fs::write(&f, "hello").unwrap();
    let e = quire::convert_file(&f, &dir, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("notes.pdf") && e.to_string().contains("not a PDF"), "{e}");
    assert!(matches!(e.root(), Error::NotPdf { .. }));
    std::fs::remove_dir_all(&dir).unwrap();
}
