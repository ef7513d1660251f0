//! Figures and tables through each writer, checked by the shared validators: JATS (DTD
//! and JATS4R), EPUB (EPUBCheck and DAISY Ace) and the reflowed PDF (qpdf, fonts, text).
//! A validator that is not installed skips its check (outside CI).

mod support;
#[path = "support/floats.rs"]
mod floats;

use quire::emit;
use std::io::Read;
use std::path::PathBuf;

fn write(name: &str, ext: &str, bytes: &[u8]) -> PathBuf {
    let dir = support::scratch(&format!("emit-floats-{name}"));
    let path = dir.join(format!("{}.{ext}", floats::document().asset_dir()));
    std::fs::write(&path, bytes).unwrap();
    floats::write_assets(&floats::document(), &dir);
    path
}

#[test]
fn jats_with_figures_and_tables_is_valid_and_passes_jats4r_but_for_the_missing_picture() {
    let doc = floats::document();
    let xml = String::from_utf8(emit::jats(&doc, &Default::default()).unwrap()).unwrap();
    assert_eq!(xml.matches("<fig ").count(), 3);
    assert_eq!(xml.matches("<table-wrap ").count(), 2);
    assert!(xml.contains("xlink:href=\"floats-sample/fig-1.png\" mimetype=\"image\" mime-subtype=\"png\""), "{xml}");
    assert!(xml.contains("xlink:href=\"floats-sample/fig-2.jpg\" mimetype=\"image\" mime-subtype=\"jpeg\""));
    let path = write("jats", "xml", xml.as_bytes());
    if let Some((ok, msg)) = support::validate("validate-jats", &[path.clone()]) {
        assert!(ok, "{msg}");
    }
    if let Some((_, msg)) = support::validate("validate-jats4r", &[path]) {
        // The one error allowed: Figure 3 has no picture, which JATS4R rightly reports.
        let errors: Vec<&str> = msg.lines().filter(|l| l.trim_start().starts_with('[')).collect();
        assert_eq!(errors.len(), 1, "{msg}");
        assert!(errors[0].contains("display-object-errors:3"), "{msg}");
        assert!(msg.contains("fig[3]"), "{msg}");
    }
}

#[test]
fn jats_with_pictures_for_every_figure_passes_jats4r() {
    let mut doc = floats::document();
    for s in &mut doc.sections {
        s.blocks.retain(|b| b.figure.as_ref().is_none_or(|f| f.image.is_some()));
    }
    let path = write("jats4r", "xml", &emit::jats(&doc, &Default::default()).unwrap());
    if let Some((ok, msg)) = support::validate("validate-jats4r", &[path]) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn epub_with_figures_and_tables_passes_epubcheck_and_ace() {
    let bytes = emit::epub(&floats::document(), &Default::default()).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut png = Vec::new();
    z.by_name("OEBPS/images/fig-1.png").unwrap().read_to_end(&mut png).unwrap();
    assert_eq!(png, floats::document().sections[0].blocks[1].figure.as_ref().unwrap().image.as_ref().unwrap().data);
    assert!(z.by_name("OEBPS/images/fig-2.jpg").is_ok());
    let path = write("epub", "epub", &bytes);
    if let Some((ok, msg)) = support::validate("validate-epub", &[path.clone()]) {
        assert!(ok, "{msg}");
        assert!(msg.contains("0 warnings"), "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-epub-a11y", &[path]) {
        assert!(ok, "{msg}");
    }
}

#[test]
fn pdf_with_figures_and_tables_passes_validate_pdf_and_keeps_table_text() {
    for page in [emit::PageSize::A5, emit::PageSize::Phone] {
        let mut opts = emit::PdfOptions::default();
        opts.page = page;
        let out = emit::pdf(&floats::document(), &opts).unwrap();
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let path = write(&format!("pdf-{}", page.name()), "pdf", &out.output);
        if let Some((ok, msg)) = support::validate("validate-pdf", &[path.clone()]) {
            assert!(ok, "{msg}");
        }
        let text = match std::process::Command::new("pdftotext").arg(&path).arg("-").output() {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
            _ => {
                eprintln!("skipping pdftotext check: not installed");
                continue;
            }
        };
        for want in ["Figure 1.", "Exports by year", "Table 1.", "Machinery", "133.5", "Source: national customs", "Figure 3.", "Unemployment"] {
            assert!(text.contains(want), "{} lacks {want:?}:\n{text}", page.name());
        }
        let pages = text.matches('\u{c}').count();
        assert!((2..=6).contains(&pages), "{} pages on {}", pages, page.name());
    }
}
