//! The public API, used as another tool would use it, and the examples built on it.

mod support;

use std::path::PathBuf;
use std::process::Command;

#[test]
fn public_api_converts_a_fixture_and_reads_its_references() {
    let pdf = std::fs::read(support::fixtures().join("dev-00-seed-pdflatex.pdf")).unwrap();
    let opts = quire::Options::default().with_formats(&[quire::Format::Jats, quire::Format::Json]);
    let done = quire::convert(&pdf, &opts).unwrap();
    let doc = &done.output.document;
    assert_eq!(doc.schema_version, quire::tree::SCHEMA_VERSION);
    assert!(doc.references.len() >= 10, "{} references", doc.references.len());
    assert!(doc.references.iter().all(|r| !r.raw.is_empty() && r.year.is_some()));
    assert!(done.output.jats.as_deref().is_some_and(|x| x.starts_with(b"<?xml")));
    assert!(done.output.epub.is_none(), "a format not asked for is not made");
}

#[test]
fn stages_can_be_called_one_by_one() {
    let pdf = std::fs::read(support::fixtures().join("dev-03.pdf")).unwrap();
    let layout = quire::extract(&pdf, &quire::ExtractOptions::default()).unwrap().output;
    assert_eq!(layout.pages.len(), 4);
    let doc = quire::normalise(&layout, &quire::NormaliseOptions::default()).output;
    let json = quire::emit::json(&doc);
    let back: quire::Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
}

/// The path of a compiled example (cargo test builds examples beside the test binaries).
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let p = deps.parent().unwrap().join("examples").join(name);
    assert!(p.exists(), "example {name} was not built; run the tests with `make test` (it builds the examples first)");
    p
}

#[test]
fn example_references_csv_prints_one_row_per_reference() {
    let pdf = support::fixtures().join("dev-00-seed-pdflatex.pdf");
    let o = Command::new(example("references_csv")).arg(&pdf).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("authors,year,title"));
    assert!(lines.count() >= 10);
}

#[test]
fn example_tree_to_markdown_reads_a_json_tree() {
    let dir = support::scratch("example-markdown");
    let pdf = std::fs::read(support::fixtures().join("dev-03.pdf")).unwrap();
    let done = quire::convert(&pdf, &quire::Options::default().with_formats(&[quire::Format::Json])).unwrap();
    let json = dir.join("tree.json");
    std::fs::write(&json, done.output.json.unwrap()).unwrap();
    let o = Command::new(example("tree_to_markdown")).arg(&json).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    let title = done.output.document.front.title.clone().unwrap();
    assert!(md.starts_with(&format!("# {title}")), "{md}");
    assert!(md.contains("\n## "), "sections become headings");
}

#[test]
fn example_convert_folder_writes_three_outputs_per_pdf() {
    let dir = support::scratch("example-folder");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(support::fixtures().join("dev-10.pdf"), input.join("a.pdf")).unwrap();
    let out = dir.join("out");
    let o = Command::new(example("convert_folder")).arg(&input).arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for ext in ["xml", "epub", "pdf"] {
        assert!(out.join(format!("a.{ext}")).exists());
    }
}

#[test]
fn converting_twice_gives_identical_bytes_in_every_format() {
    let pdf = std::fs::read(support::fixtures().join("dev-07.pdf")).unwrap();
    let opts = quire::Options::default().with_formats(&quire::Format::ALL);
    let a = quire::convert(&pdf, &opts).unwrap().output;
    let b = quire::convert(&pdf, &opts).unwrap().output;
    for f in quire::Format::ALL {
        assert!(a.get(f).unwrap() == b.get(f).unwrap(), "{} differs between two runs", f.name());
    }
}

#[test]
fn a_second_thread_changes_no_byte_of_any_format() {
    let pdf = std::fs::read(support::fixtures().join("dev-03.pdf")).unwrap();
    let mut opts = quire::Options::default().with_formats(&quire::Format::ALL);
    opts.parallel = true;
    let parallel = quire::convert(&pdf, &opts).unwrap();
    opts.parallel = false;
    let sequential = quire::convert(&pdf, &opts).unwrap();
    assert_eq!(parallel.output.layout, sequential.output.layout);
    assert_eq!(parallel.warnings.len(), sequential.warnings.len());
    for f in quire::Format::ALL {
        assert!(parallel.output.get(f).unwrap() == sequential.output.get(f).unwrap(), "{} differs", f.name());
    }
}

#[test]
fn the_reflowed_pdf_reads_back_with_the_same_sections() {
    let pdf = std::fs::read(support::fixtures().join("dev-03.pdf")).unwrap();
    let opts = quire::Options::default().with_formats(&[quire::Format::Pdf]);
    let first = quire::convert(&pdf, &opts).unwrap().output;
    let again = quire::convert(first.pdf.as_deref().unwrap(), &opts).unwrap().output;
    let titles = |d: &quire::Document| d.sections.iter().filter_map(|s| s.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&again.document), titles(&first.document));
    assert_eq!(again.document.front.title, first.document.front.title);
}
