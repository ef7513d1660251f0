//! Helpers shared by the integration tests.
#![allow(dead_code)]

use quire::tree::{Author, Block, BlockKind, Colophon, Date, Document, Footnote, Inline, PersonName, Reference, Section};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of test fixtures: `NAME.pdf` with `NAME.truth.json`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The shared tools folder (validators, scorer), beside the project.
pub fn tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools")
}

/// The fixture PDFs, sorted by name.
pub fn fixture_pdfs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

/// A scratch folder under `target/test-out/NAME`, emptied first.
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-out").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a validator from the shared tools on `files`.
///
/// Returns `None` when the validator or what it needs is not installed, unless `CI`
/// is set: in CI a missing validator fails the test.
pub fn validate(tool: &str, files: &[PathBuf]) -> Option<(bool, String)> {
    let script = tools().join(tool);
    let first_line = std::fs::read_to_string(&script).unwrap_or_default().lines().next().unwrap_or("").to_string();
    let interpreter = if first_line.contains("python") { "python3" } else { "bash" };
    let out = Command::new(interpreter).arg(&script).args(files).output();
    let missing = |why: &str| {
        if std::env::var_os("CI").is_some() {
            panic!("validator {tool} cannot run in CI: {why}");
        }
        eprintln!("skipping {tool}: {why}");
        None
    };
    let out = match out {
        Ok(o) => o,
        Err(e) => return missing(&e.to_string()),
    };
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !script.exists() {
        return missing("shared/tools not found beside the project");
    }
    let lower = text.to_lowercase();
    let cannot_run = lower.contains("not found") && lower.contains("install")
        || lower.contains("no chromium found")
        || lower.contains("could not install");
    if out.status.code() == Some(2) || cannot_run {
        return missing(text.trim());
    }
    Some((out.status.success(), text))
}

/// Builds a document tree from a ground-truth JSON file (`shared/spec/truth-schema.md`).
///
/// Lets the writers be tested on a perfect tree, independently of extraction.
pub fn document_from_truth(path: &Path) -> Document {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = |v: &Value| v.as_str().map(str::to_string);
    let mut d = Document::new();
    d.source.pages = v["pages"].as_u64().unwrap_or(0) as u32;
    let f = &v["front"];
    d.front.series = s(&f["series"]);
    d.front.publisher = s(&f["publisher"]);
    d.front.title = s(&f["title"]);
    d.front.subtitle = s(&f["subtitle"]);
    d.front.date = f["date"].as_str().and_then(Date::parse_iso);
    d.front.isbn = s(&f["isbn"]);
    d.front.abstract_paras =
        f["abstract"].as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_string)).collect());
    for a in f["authors"].as_array().into_iter().flatten() {
        d.front.authors.push(Author { given: s(&a["given"]), surname: s(&a["surname"]).unwrap_or_default(), bio: s(&a["bio"]), affiliations: Vec::new() });
    }
    for sec in v["sections"].as_array().into_iter().flatten() {
        let blocks = sec["blocks"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| {
                let kind = match b["kind"].as_str() {
                    Some("list_item") => BlockKind::ListItem,
                    Some("quote") => BlockKind::Quote,
                    _ => BlockKind::Paragraph,
                };
                Block { kind, content: vec![Inline::Text(s(&b["text"]).unwrap_or_default())], source: vec![], ..Default::default() }
            })
            .collect();
        d.sections.push(Section { level: sec["level"].as_u64().unwrap_or(1) as u8, title: s(&sec["title"]), blocks, source: vec![] });
    }
    // The truth does not say where notes are called: attach each to the first paragraph, in order.
    for (i, n) in v["footnotes"].as_array().into_iter().flatten().enumerate() {
        d.footnotes.push(Footnote { label: (i + 1).to_string(), text: s(n).unwrap_or_default(), source: vec![] });
        if let Some(b) = d.sections.iter_mut().flat_map(|s| s.blocks.iter_mut()).next() {
            b.content.push(Inline::NoteCall(i));
        }
    }
    for r in v["references"].as_array().into_iter().flatten() {
        let authors = r["authors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| PersonName { surname: s(&a["surname"]).unwrap_or_default(), given: s(&a["given"]) })
            .collect();
        let raw = s(&r["raw"]).unwrap_or_default();
        d.references.push(Reference {
            repeated_authors: raw.starts_with('—') || raw.contains("———"),
            raw,
            authors,
            year: s(&r["year"]),
            title: s(&r["title"]),
            source: s(&r["source"]),
            volume: s(&r["volume"]),
            issue: s(&r["issue"]),
            pages: s(&r["pages"]),
            doi: s(&r["doi"]),
            url: s(&r["url"]),
            ..Default::default()
        });
    }
    let c = &v["colophon"];
    d.colophon = Colophon {
        disclaimer: s(&c["disclaimer"]),
        typeset_by: s(&c["typeset_by"]),
        inquiries: s(&c["inquiries"]),
        address: s(&c["address"]),
        phone: s(&c["phone"]),
        fax: s(&c["fax"]),
        email: s(&c["email"]),
        website: s(&c["website"]),
        ..Default::default()
    };
    d
}

/// The truth files of the fixtures, plus those in `QUIRE_TRUTH_DIR` when it is set.
pub fn truth_files() -> Vec<PathBuf> {
    let mut dirs = vec![fixtures()];
    if let Some(d) = std::env::var_os("QUIRE_TRUTH_DIR") {
        dirs.push(PathBuf::from(d));
    }
    let mut v: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    v.sort();
    v.dedup_by_key(|p| p.file_name().unwrap().to_owned());
    v
}

/// `NAME` for `.../NAME.truth.json`.
pub fn truth_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().trim_end_matches(".truth.json").to_string()
}
