//! Real PDFs from public test suites (`../shared/corpus/realworld`, when present) behave as
//! their MANIFEST's `expected` column says (open, recover, or fail with the specific error),
//! and keep the words pdftotext reads in them.

mod support;

use quire::{Error, Format, Options};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// One corpus file converted to JSON: whether its tree has sections and the JSON, or the error.
struct Outcome {
    file: String,
    expected: String,
    result: Result<(bool, Vec<u8>), Error>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/realworld")
}

/// Every file of the MANIFEST, converted once for all the tests here; `None` without the corpus.
fn outcomes() -> Option<&'static [Outcome]> {
    static ALL: OnceLock<Option<Vec<Outcome>>> = OnceLock::new();
    ALL.get_or_init(|| {
        let Ok(manifest) = std::fs::read_to_string(root().join("MANIFEST.tsv")) else {
            assert!(std::env::var_os("CI").is_none(), "the real-world corpus must be present in CI");
            eprintln!("skipping: no real-world corpus beside the project");
            return None;
        };
        let mut lines = manifest.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let mut all = vec![];
        for line in lines {
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |name: &str| header.iter().position(|c| *c == name).map(|i| cols[i]).unwrap_or("").to_string();
            let (file, expected) = (col("file"), col("expected"));
            let bytes = std::fs::read(root().join(&file)).unwrap();
            let result = quire::convert(&bytes, &Options::default().with_formats(&[Format::Json]))
                .map(|done| (!done.output.document.sections.is_empty(), done.output.json.unwrap_or_default()));
            all.push(Outcome { file, expected, result });
        }
        Some(all)
    })
    .as_deref()
}

#[test]
fn every_realworld_file_behaves_as_its_manifest_expects() {
    let Some(outcomes) = outcomes() else { return };
    let mut wrong = vec![];
    for Outcome { file, expected, result } in outcomes {
        let ok = match (expected.as_str(), result) {
            ("error-password", Err(Error::PasswordRequired)) => true,
            ("error-not-pdf", Err(Error::NotPdf { .. })) => true,
            ("error-no-text", Err(Error::NoTextLayer { .. })) => true,
            ("error-zero-pages", Err(Error::NoPages)) => true,
            ("error-malformed", Err(Error::Malformed { .. })) => true,
            // A bounded adversarial file may convert or be refused with a clear error.
            ("convert-bounded", Ok(_) | Err(Error::TooLarge { .. } | Error::NoTextLayer { .. } | Error::Malformed { .. })) => true,
            (e, Ok((has_sections, _))) if e.starts_with("convert") || e == "recover" => *has_sections,
            _ => false,
        };
        if !ok {
            let got = match result {
                Ok(_) => "converted".to_string(),
                Err(e) => e.to_string(),
            };
            wrong.push(format!("{file}: expected {expected}, got {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Files that keep less than 0.97 of pdftotext's words, each with the lowest recall
/// allowed and why: in each, the words quire "loses" are pdftotext's misreadings or
/// text that no mapping in the file can give.
const BELOW_097: [(&str, f64, &str); 8] = [
    ("pdfjs-tamreview", 0.40, "a bare CFF subset with no ToUnicode, no cmap and glyph names g18…: no mapping to Unicode exists; warned as unmapped glyphs"),
    ("pdfplumber-issue-848", 0.60, "mirrored pages that pdftotext reads backwards; quire reads their words forwards"),
    ("unstructured-pdf-with-ocr-text", 0.62, "an OCR layer that spaces letters; quire joins them into the words"),
    ("docling-right-to-left-02", 0.80, "kashida glyphs mapped to a letter and drawn twice on one spot; kept once"),
    ("pdfrs-crash-121-2", 0.88, "a corrupt /Encoding reference hides the ligature names; warned as a stand-in font"),
    ("olmocr-instructions-and-schematics", 0.88, "schematics whose pin labels pdftotext glues into one token"),
    ("pdfbox-survey", 0.90, "radio buttons drawn as five letters stacked on one spot: a form control, not words"),
    ("pymupdf-test-3186", 0.96, "pdftotext reads the Type 3 font's apostrophe and guillemets as digits (l0impresa)"),
];

#[test]
fn every_realworld_file_keeps_the_words_pdftotext_reads() {
    let Some(outcomes) = outcomes() else { return };
    let out = support::scratch("realworld-recall");
    for Outcome { file, result, .. } in outcomes {
        if let Ok((_, json)) = result {
            let stem = Path::new(file).file_stem().unwrap().to_string_lossy();
            std::fs::write(out.join(format!("{stem}.json")), json).unwrap();
        }
    }
    let report = out.join("recall.json");
    let run = Command::new("python3")
        .arg(support::tools().join("text-recall.py"))
        .args(["--pdfs".as_ref(), root().join("pdfs").as_os_str(), "--out".as_ref(), out.as_os_str(), "--json".as_ref(), report.as_os_str()])
        .output();
    let ran = run.as_ref().is_ok_and(|r| report.exists() && r.status.code().is_some());
    if !ran {
        assert!(std::env::var_os("CI").is_none(), "text-recall.py (python3, pdftotext) must run in CI: {run:?}");
        eprintln!("skipping: text-recall.py or pdftotext cannot run here");
        return;
    }
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let mut short = vec![];
    for d in report["documents"].as_array().unwrap() {
        let (name, recall) = (d["name"].as_str().unwrap(), d["recall"].as_f64().unwrap());
        let floor = BELOW_097.iter().find(|(n, ..)| *n == name).map_or(0.97, |(_, f, _)| *f);
        if recall < floor {
            short.push(format!("{name}: recall {recall:.3} < {floor}"));
        }
    }
    assert!(short.is_empty(), "{}", short.join("\n"));
}
