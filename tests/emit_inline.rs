//! Inline spans through each writer, checked by the shared validators: JATS (DTD and
//! JATS4R), EPUB (EPUBCheck and DAISY Ace) and the reflowed PDF (qpdf, fonts, text,
//! link annotations). A validator that is not installed skips its check (outside CI).

mod support;
#[path = "support/inline.rs"]
mod inline;

use quire::emit;
use std::io::Read;
use std::path::PathBuf;

fn write(name: &str, ext: &str, bytes: &[u8]) -> PathBuf {
    let dir = support::scratch(&format!("emit-inline-{name}"));
    let path = dir.join(format!("inline.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn jats_sets_every_span_and_stays_valid() {
    let xml = String::from_utf8(emit::jats(&inline::document(), &Default::default()).unwrap()).unwrap();
    for want in [
        "<ext-link ext-link-type=\"uri\" xlink:href=\"https://example.org/report?id=7&amp;lang=en\"><italic>Alliance Politics in Northeast Asia</italic></ext-link>",
        "<italic>as announced<xref ref-type=\"fn\" rid=\"fn1\">1</xref></italic>",
        "<ext-link ext-link-type=\"uri\" xlink:href=\"mailto:office@example.org\">office@example.org</ext-link>",
        "40 m<sup>2</sup> and emits little CO<sub>2</sub>; run <monospace>quire convert</monospace>",
        "<bold>Key finding:</bold> the <sc>nato</sc> summit was <bold><italic>decisive</italic></bold>.",
        "Ambassador <named-content content-type=\"language\" xml:lang=\"ko\">김정은</named-content> spoke first.",
        ", which nobody clicks and which page three sums up.",
        "<ext-link ext-link-type=\"uri\" xlink:href=\"https://example.org/notice\">the ministry notice<xref ref-type=\"fn\" rid=\"fn1\">1</xref> online</ext-link>",
        "<p xml:lang=\"ko\">한국어 문단은",
    ] {
        assert!(xml.contains(want), "lacks {want}:\n{xml}");
    }
    assert!(!xml.contains("javascript"), "{xml}");
    let path = write("jats", "xml", xml.as_bytes());
    if let Some((ok, msg)) = support::validate("validate-jats", &[path.clone()]) {
        assert!(ok, "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-jats4r", &[path]) {
        assert!(ok, "{msg}");
    }
}

/// The text of `name` inside the EPUB `bytes`.
fn entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn epub_sets_every_span_and_passes_epubcheck_and_ace() {
    let bytes = emit::epub(&inline::document(), &Default::default()).unwrap();
    let ch = entry(&bytes, "OEBPS/chapter-01.xhtml");
    for want in [
        "<a href=\"https://example.org/report?id=7&amp;lang=en\"><em>Alliance Politics in Northeast Asia</em></a>",
        "<em>as announced<sup><a epub:type=\"noteref\"",
        "<a href=\"mailto:office@example.org\">office@example.org</a>",
        "40 m<sup>2</sup> and emits little CO<sub>2</sub>; run <code>quire convert</code>",
        "<strong>Key finding:</strong> the <span class=\"sc\">nato</span> summit was <strong><em>decisive</em></strong>.",
        "Ambassador <span lang=\"ko\" xml:lang=\"ko\">김정은</span> spoke first.",
        ", which nobody clicks and which page three sums up.",
        // A note call's link may not sit inside another link: the link is cut around it.
        "<a href=\"https://example.org/notice\">the ministry notice</a><sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"fnref1-2\"",
        "</sup><a href=\"https://example.org/notice\"> online</a>.",
    ] {
        assert!(ch.contains(want), "lacks {want}:\n{ch}");
    }
    assert!(!ch.contains("javascript"), "{ch}");
    let css = entry(&bytes, "OEBPS/stylesheet.css");
    assert!(css.contains(".sc { font-variant: small-caps; }"), "{css}");
    let path = write("epub", "epub", &bytes);
    if let Some((ok, msg)) = support::validate("validate-epub", &[path.clone()]) {
        assert!(ok, "{msg}");
        assert!(msg.contains("0 warnings"), "{msg}");
    }
    if let Some((ok, msg)) = support::validate("validate-epub-a11y", &[path]) {
        assert!(ok, "{msg}");
    }
}

/// The base font names and the link annotations' URIs of a PDF (URIs in page order).
fn fonts_and_links(pdf: &[u8]) -> (Vec<String>, Vec<String>) {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut fonts = Vec::new();
    let mut uris = Vec::new();
    for (_, obj) in doc.objects.iter() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font") {
            if let Ok(n) = d.get(b"BaseFont").and_then(|n| n.as_name()) {
                fonts.push(String::from_utf8_lossy(n).into_owned());
            }
        }
    }
    for (_, page) in doc.get_pages() {
        let Ok(annots) = doc.get_dictionary(page).and_then(|p| p.get(b"Annots")).and_then(|a| a.as_array()) else { continue };
        for a in annots {
            let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let action = a.get(b"A").unwrap().as_dict().unwrap();
            uris.push(String::from_utf8_lossy(action.get(b"URI").unwrap().as_str().unwrap()).into_owned());
        }
    }
    (fonts, uris)
}

#[test]
fn pdf_sets_faces_links_and_scripts_and_keeps_the_text() {
    let mut opts = emit::PdfOptions::default();
    opts.page = emit::PageSize::Phone;
    let out = emit::pdf(&inline::document(), &opts).unwrap();
    let (fonts, uris) = fonts_and_links(&out.output);
    for face in ["LibertinusSerif-Regular", "LibertinusSerif-Italic", "LibertinusSerif-Bold", "LibertinusSerif-BoldItalic", "DejaVuSansMono"] {
        assert!(fonts.iter().any(|f| f.ends_with(&format!("+{face}"))), "no {face} in {fonts:?}");
    }
    assert!(uris.contains(&inline::REPORT_URI.to_string()), "{uris:?}");
    assert!(uris.contains(&inline::MAIL_URI.to_string()), "{uris:?}");
    // The long link runs over a line end: one area on each line.
    assert!(uris.iter().filter(|u| *u == inline::LONG_URI).count() >= 2, "{uris:?}");
    assert!(uris.iter().all(|u| u.starts_with("https://") || u.starts_with("mailto:")), "{uris:?}");
    let path = write("pdf", "pdf", &out.output);
    if let Some((ok, msg)) = support::validate("validate-pdf", &[path.clone()]) {
        assert!(ok, "{msg}");
    }
    let text = match std::process::Command::new("pdftotext").arg(&path).arg("-").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        _ => return eprintln!("skipping pdftotext check: not installed"),
    };
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in ["Alliance Politics", "Northeast Asia", "office@example.org", "quire convert", "Key finding:", "nato", "decisive", "nobody clicks"] {
        assert!(words.contains(want), "lacks {want:?}:\n{text}");
    }
    if !out.warnings.iter().any(|w| w.to_string().contains("no font covers")) {
        assert!(words.contains("김정은"), "{text}");
    }
}
