//! Golden files: the tree, the JATS and the EPUB's package, nav and first chapter for each
//! fixture, compared with reviewed copies in `tests/golden/`.
//!
//! After a deliberate change, regenerate them with
//! `QUIRE_UPDATE_GOLDEN=1 cargo test --test golden`, review `git diff tests/golden`, and
//! commit them with the change.

mod support;

use std::io::Read;
use std::path::Path;

fn golden_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file `name`, or rewrites it when asked to.
fn check(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = golden_dir().join(name);
    if std::env::var_os("QUIRE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        failures.push(format!("{name} differs from its golden file (first at line {line})"));
    }
}

fn zip_entry(epub: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn trees_jats_and_epub_match_their_golden_files() {
    let mut failures = vec![];
    let formats = [quire::Format::Jats, quire::Format::Epub, quire::Format::Json];
    for pdf in support::fixture_pdfs() {
        let stem = pdf.file_stem().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&pdf).unwrap();
        let done = quire::convert(&bytes, &quire::Options::default().with_formats(&formats)).unwrap();
        let o = done.output;
        check(&format!("{stem}.tree.json"), std::str::from_utf8(o.json.as_deref().unwrap()).unwrap(), &mut failures);
        check(&format!("{stem}.jats.xml"), std::str::from_utf8(o.jats.as_deref().unwrap()).unwrap(), &mut failures);
        let epub = o.epub.unwrap();
        for entry in ["OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/chapter-01.xhtml"] {
            let file = entry.rsplit('/').next().unwrap();
            check(&format!("{stem}.epub/{file}"), &zip_entry(&epub, entry), &mut failures);
        }
    }
    assert!(failures.is_empty(), "{}\nregenerate with QUIRE_UPDATE_GOLDEN=1 after review", failures.join("\n"));
}
