//! Figures and tables found on publication pages built here (`support/float_pages.rs`):
//! a ruled table, a booktabs table, a vector chart, a photo, and a photo at the top of
//! one column of two. Each page goes through the whole pipeline; the tests check the tree
//! (the display with its label, caption, place and cells; the body paragraphs whole and
//! in order, none of the display's text among them) and each writer's output (JATS
//! checked by the DTD and JATS4R, EPUB by EPUBCheck, the reflowed PDF through pdftotext).
//! A validator or pdftotext that is not installed skips its check (outside CI).

mod support;
#[path = "support/pdfgen.rs"]
mod pdfgen;
#[path = "support/float_pages.rs"]
mod float_pages;

use quire::tree::{Block, BlockKind, Document};
use quire::{Format, Options, Outputs};
use regex::Regex;
use std::io::Read;
use std::path::PathBuf;
use float_pages::Case;

fn convert(case: &Case) -> Outputs {
    let opts = Options::default().with_formats(&[Format::Jats, Format::Epub, Format::Pdf, Format::Json]);
    quire::convert(&case.pdf, &opts).expect("the page converts").output
}

/// Whitespace collapsed.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `needle` occurs in `hay` as whole words (not inside a longer word or number).
fn has_words(hay: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle).any(|(i, _)| !word(hay[..i].chars().next_back()) && !word(hay[i + needle.len()..].chars().next()))
}

/// The blocks of every section, in reading order.
fn blocks(doc: &Document) -> Vec<&Block> {
    doc.sections.iter().flat_map(|s| s.blocks.iter()).collect()
}

/// The one display block of the document, of the kind wanted.
fn the_display(doc: &Document, kind: BlockKind) -> &Block {
    let found: Vec<&Block> = blocks(doc).into_iter().filter(|b| b.is_display()).collect();
    assert_eq!(found.len(), 1, "one display expected: {found:#?}");
    assert_eq!(found[0].kind, kind, "{:#?}", found[0]);
    found[0]
}

/// No text of the display in a paragraph, list item, quote or section title; the body
/// paragraphs all there, whole and in order, with the display between the right two.
fn assert_body_kept_apart(doc: &Document, case: &Case) {
    let mut body: Vec<String> = doc.sections.iter().filter_map(|s| s.title.clone()).collect();
    body.extend(blocks(doc).iter().filter(|b| !b.is_display()).map(|b| b.text()));
    for text in &body {
        // The prose has no digits: a number in the body is a cell, a tick or a year that leaked.
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "a figure or table number reached the body: {text:?}");
        for t in &case.display_text {
            assert!(!has_words(text, t), "{t:?} reached the body: {text:?}");
        }
    }
    let seq: Vec<&Block> = blocks(doc).into_iter().filter(|b| b.kind == BlockKind::Paragraph || b.is_display()).collect();
    let paras: Vec<String> = seq.iter().filter(|b| !b.is_display()).map(|b| norm(&b.text())).collect();
    let want: Vec<String> = case.paragraphs.iter().map(|p| norm(p)).collect();
    assert_eq!(paras, want, "the body paragraphs, whole and in order");
    let at = seq.iter().position(|b| b.is_display()).unwrap();
    assert_eq!(at, case.before, "the display stands after paragraph {} of {}", case.before, want.len());
    assert_eq!(doc.front.title.as_deref(), Some(case.title));
}

/// The display's printed place: its page, and a box within `tol` points of the picture
/// or grid (the box may take in the labels around a chart, hence the tolerance).
fn assert_source(b: &Block, case: &Case, tol: f32) {
    assert_eq!(b.source.len(), 1, "{:?}", b.source);
    let s = &b.source[0];
    assert_eq!(s.page, case.page);
    let got = [s.bbox.x0, s.bbox.y0, s.bbox.x1, s.bbox.y1];
    for (g, w) in got.iter().zip(case.bbox) {
        assert!((g - w).abs() <= tol, "source box {got:?}, printed at {:?}", case.bbox);
    }
}

/// The text of a table's rows.
fn cell_texts(b: &Block) -> Vec<Vec<String>> {
    b.table.as_ref().unwrap().rows.iter().map(|r| r.iter().map(|c| norm(&c.text)).collect()).collect()
}

/// Writes `bytes` to the case's scratch folder as `NAME.EXT`.
fn write(name: &str, ext: &str, bytes: &[u8]) -> PathBuf {
    let dir = support::scratch(&format!("figures-tables-{name}-{ext}"));
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The `<TAG …>…</TAG>` elements of `xml`, outermost first.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let re = Regex::new(&format!(r"(?s)<{tag}[ >].*?</{tag}>")).unwrap();
    re.find_iter(xml).map(|m| m.as_str()).collect()
}

/// The texts of the `th` or `td` cells in `xml`.
fn cells_of(xml: &str, tag: &str) -> Vec<String> {
    let re = Regex::new(&format!(r"(?s)<{tag}(?: [^>]*?)?(?:/>|>(.*?)</{tag}>)")).unwrap();
    re.captures_iter(xml).map(|c| norm(c.get(1).map_or("", |m| m.as_str())).replace("&amp;", "&").replace("&apos;", "'")).collect()
}

/// DTD validity of the JATS; and the JATS4R errors, when the checker runs.
fn jats_checked(name: &str, xml: &str) -> Option<Vec<String>> {
    let path = write(name, "xml", xml.as_bytes());
    if let Some((ok, msg)) = support::validate("validate-jats", &[path.clone()]) {
        assert!(ok, "{msg}");
    }
    let (_, msg) = support::validate("validate-jats4r", &[path])?;
    Some(msg.lines().filter(|l| l.trim_start().starts_with('[')).map(str::to_string).collect())
}

/// JATS4R on a document whose figures are `fig`s: clean, but for one error per figure
/// without a picture ("a `fig` must have a `graphic`"), which JATS4R rightly reports
/// while figures are not rendered into pictures.
fn assert_jats4r_but_for_missing_pictures(doc: &Document, errors: &[String]) {
    let unpictured = doc.displays().filter(|b| b.figure.as_ref().is_some_and(|f| f.image.is_none())).count();
    assert_eq!(errors.len(), unpictured, "{errors:#?}");
    for e in errors {
        assert!(e.contains("display-object-errors:3"), "{errors:#?}");
    }
}

/// The XHTML of the EPUB's content documents, after EPUBCheck when it is installed.
fn epub_checked(name: &str, epub: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().ends_with(".xhtml") && !f.name().contains("nav") {
            f.read_to_string(&mut all).unwrap();
        }
    }
    let path = write(name, "epub", epub);
    if let Some((ok, msg)) = support::validate("validate-epub", &[path]) {
        assert!(ok, "{msg}");
    }
    all
}

/// The text of the reflowed PDF, through pdftotext; `None` when pdftotext is missing.
fn pdf_text(name: &str, pdf: &[u8]) -> Option<String> {
    let path = write(name, "pdf", pdf);
    match std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
        Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        _ => {
            assert!(std::env::var_os("CI").is_none(), "pdftotext must run in CI");
            eprintln!("skipping the reflowed PDF's text: pdftotext is not installed");
            None
        }
    }
}

// ---- A ruled table --------------------------------------------------------------------

#[test]
fn ruled_table_with_a_spanning_head_is_read_cell_by_cell_under_its_caption() {
    assert_ruled_table_read(&float_pages::ruled_table());
}

#[test]
fn ruled_table_with_borders_stroked_segment_by_segment_is_read_the_same() {
    let case = float_pages::ruled_table_stroked();
    assert_ruled_table_read(&case);
    assert_body_kept_apart(&convert(&case).document, &case);
}

fn assert_ruled_table_read(case: &Case) {
    let doc = convert(case).document;
    let b = the_display(&doc, BlockKind::Table);
    let t = b.table.as_ref().unwrap();
    assert_eq!(t.label.as_deref(), Some("Table 1"));
    assert_eq!(norm(&b.text()), "Staff by region");
    assert!(t.ruled);
    assert_source(b, case, 4.0);
    assert_eq!(t.header_rows, 2, "{:#?}", t.rows);
    let rows = cell_texts(b);
    assert_eq!(rows.len(), 6, "{rows:?}");
    // "Region" is set between the two header lines (\multirow): it heads the first
    // column as a row span, or in either header row with an empty cell in the other.
    let staff = t.rows[0].iter().find(|c| c.text == "Staff").expect("Staff in the first header row");
    assert_eq!(staff.colspan, 2, "Staff spans the two year columns: {rows:?}");
    let spanned = t.rows[0][0].text == "Region" && t.rows[0][0].rowspan == 2 && rows[1] == ["2022", "2023"];
    let first_col = [rows[0][0].as_str(), rows[1][0].as_str()];
    let split = rows[0].len() == 2 && rows[1].len() == 3 && (first_col == ["Region", ""] || first_col == ["", "Region"]);
    assert!(spanned || split && rows[1][1..] == ["2022", "2023"], "{rows:?}");
    for (got, want) in rows[2..].iter().zip(float_pages::TABLE1) {
        assert_eq!(got, &want, "{rows:?}");
    }
}

#[test]
fn ruled_table_leaves_the_body_paragraphs_whole_and_in_order() {
    let case = float_pages::ruled_table();
    assert_body_kept_apart(&convert(&case).document, &case);
}

#[test]
fn ruled_table_is_a_valid_table_wrap_with_thead_in_jats_and_a_table_in_epub_and_pdf() {
    let case = float_pages::ruled_table();
    let out = convert(&case);
    let xml = String::from_utf8(out.jats.unwrap()).unwrap();
    let wraps = elements(&xml, "table-wrap");
    assert_eq!(wraps.len(), 1, "{xml}");
    let tw = wraps[0];
    assert!(tw.contains("<label>Table 1</label>"), "{tw}");
    assert!(elements(tw, "caption").first().is_some_and(|c| c.contains("Staff by region")), "{tw}");
    let thead = elements(tw, "thead");
    assert_eq!(thead.len(), 1, "{tw}");
    let mut th: Vec<String> = cells_of(thead[0], "th").into_iter().filter(|c| !c.is_empty()).collect();
    th.sort();
    assert_eq!(th, ["2022", "2023", "Region", "Staff"], "{tw}");
    assert!(thead[0].contains("colspan=\"2\">Staff</th>"), "{tw}");
    let td = cells_of(elements(tw, "tbody")[0], "td");
    assert_eq!(td, float_pages::TABLE1.iter().flatten().map(|s| s.to_string()).collect::<Vec<_>>(), "{tw}");
    if let Some(errors) = jats_checked("ruled-table", &xml) {
        assert!(errors.is_empty(), "a table with label, caption and header is JATS4R-clean: {errors:#?}");
    }
    let xhtml = epub_checked("ruled-table", &out.epub.unwrap());
    let table = elements(&xhtml, "figure");
    assert_eq!(table.len(), 1, "{xhtml}");
    assert!(table[0].contains("Table 1") && table[0].contains("Staff by region") && table[0].contains("<th"), "{}", table[0]);
    assert_eq!(cells_of(table[0], "td").iter().filter(|c| !c.is_empty()).count(), 12, "{}", table[0]);
    if let Some(text) = pdf_text("ruled-table", &out.pdf.unwrap()) {
        for cell in float_pages::TABLE1.iter().flatten().chain(&["Region", "Staff", "Staff by region"]) {
            assert!(has_words(&text, cell), "the reflowed PDF lacks {cell:?}:\n{text}");
        }
    }
}

// ---- A booktabs table -----------------------------------------------------------------

#[test]
fn booktabs_table_is_read_from_alignment_with_its_source_line_as_a_note() {
    let case = float_pages::booktabs_table();
    let doc = convert(&case).document;
    let b = the_display(&doc, BlockKind::Table);
    let t = b.table.as_ref().unwrap();
    assert_eq!(t.label.as_deref(), Some("Table 2"));
    assert_eq!(norm(&b.text()), "Budget");
    assert_eq!(t.header_rows, 1, "{:#?}", t.rows);
    let rows = cell_texts(b);
    assert_eq!(rows[0], ["Item", "Planned", "Spent"]);
    assert_eq!(rows.len(), 6, "{rows:?}");
    for (got, want) in rows[1..].iter().zip(float_pages::TABLE2) {
        assert_eq!(got, &want, "{rows:?}");
    }
    assert_eq!(t.notes.iter().map(|n| norm(n)).collect::<Vec<_>>(), [float_pages::SOURCE2]);
    assert_eq!(b.source.first().map(|s| s.page), Some(case.page));
    assert_source(b, &case, 12.0);
}

#[test]
fn booktabs_table_leaves_the_body_paragraphs_whole_and_in_order() {
    let case = float_pages::booktabs_table();
    assert_body_kept_apart(&convert(&case).document, &case);
}

#[test]
fn booktabs_table_is_a_valid_table_wrap_with_its_source_in_the_foot_and_a_table_in_epub_and_pdf() {
    let case = float_pages::booktabs_table();
    let out = convert(&case);
    let xml = String::from_utf8(out.jats.unwrap()).unwrap();
    let wraps = elements(&xml, "table-wrap");
    assert_eq!(wraps.len(), 1, "{xml}");
    let tw = wraps[0];
    assert!(tw.contains("<label>Table 2</label>") && elements(tw, "caption")[0].contains("Budget"), "{tw}");
    assert_eq!(cells_of(elements(tw, "thead")[0], "th"), ["Item", "Planned", "Spent"], "{tw}");
    assert_eq!(cells_of(tw, "td").len(), 15, "{tw}");
    assert!(elements(tw, "table-wrap-foot").first().is_some_and(|f| f.contains("Finance office")), "{tw}");
    if let Some(errors) = jats_checked("booktabs-table", &xml) {
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let xhtml = epub_checked("booktabs-table", &out.epub.unwrap());
    let fig = elements(&xhtml, "figure");
    assert_eq!(fig.len(), 1, "{xhtml}");
    assert!(fig[0].contains("<th") && fig[0].contains("Publications") && fig[0].contains("Finance office"), "{}", fig[0]);
    if let Some(text) = pdf_text("booktabs-table", &out.pdf.unwrap()) {
        for cell in float_pages::TABLE2.iter().flatten().chain(&["Item", "Planned", "Spent", "Budget", "Finance office"]) {
            assert!(has_words(&text, cell), "the reflowed PDF lacks {cell:?}:\n{text}");
        }
    }
}

// ---- A vector chart -------------------------------------------------------------------

#[test]
fn vector_chart_is_one_figure_holding_its_axis_labels() {
    let case = float_pages::vector_chart();
    let doc = convert(&case).document;
    let b = the_display(&doc, BlockKind::Figure);
    let f = b.figure.as_ref().unwrap();
    assert_eq!(f.label.as_deref(), Some("Figure 1"));
    assert_eq!(norm(&b.text()), "Spending by year");
    let inner = f.inner_text.join(" ");
    for t in float_pages::YEARS.iter().chain(&["0", "10", "20", "30", "EUR million"]) {
        assert!(has_words(&inner, t), "{t:?} is not among the figure's text: {:?}", f.inner_text);
    }
    assert_source(b, &case, 30.0);
}

#[test]
fn vector_chart_leaves_the_body_paragraphs_whole_and_in_order() {
    let case = float_pages::vector_chart();
    assert_body_kept_apart(&convert(&case).document, &case);
}

#[test]
fn figures_are_valid_fig_elements_in_jats_and_figures_in_epub() {
    for (name, case, label, caption) in [
        ("vector-chart", float_pages::vector_chart(), "Figure 1", "Spending by year"),
        ("photo", float_pages::photo(), "Figure 2", "The institute's building"),
    ] {
        let out = convert(&case);
        let xml = String::from_utf8(out.jats.unwrap()).unwrap();
        let figs = elements(&xml, "fig");
        assert_eq!(figs.len(), 1, "{name}: {xml}");
        assert!(figs[0].contains(&format!("<label>{label}</label>")), "{}", figs[0]);
        let cap = elements(figs[0], "caption");
        assert!(cap.first().is_some_and(|c| c.replace("&apos;", "'").contains(caption)), "{}", figs[0]);
        if let Some(errors) = jats_checked(name, &xml) {
            assert_jats4r_but_for_missing_pictures(&out.document, &errors);
        }
        let xhtml = epub_checked(name, &out.epub.unwrap());
        let fig = elements(&xhtml, "figure");
        assert_eq!(fig.len(), 1, "{name}: {xhtml}");
        let fc = elements(fig[0], "figcaption");
        assert!(fc.first().is_some_and(|c| c.contains(label) && c.replace("&apos;", "'").replace("&#39;", "'").contains(caption)), "{}", fig[0]);
        if let Some(text) = pdf_text(name, &out.pdf.unwrap()) {
            assert!(norm(&text).contains(caption), "{name}: the reflowed PDF lacks the caption:\n{text}");
        }
    }
}

// ---- A photo --------------------------------------------------------------------------

#[test]
fn jpeg_photo_is_a_figure_over_the_image_with_its_caption() {
    let case = float_pages::photo();
    let doc = convert(&case).document;
    let b = the_display(&doc, BlockKind::Figure);
    let f = b.figure.as_ref().unwrap();
    assert_eq!(f.label.as_deref(), Some("Figure 2"));
    assert_eq!(norm(&b.text()), "The institute's building");
    assert!(f.inner_text.is_empty(), "a photo prints no text: {:?}", f.inner_text);
    assert_source(b, &case, 2.0);
}

#[test]
fn jpeg_photo_leaves_the_body_paragraphs_whole_and_in_order() {
    let case = float_pages::photo();
    assert_body_kept_apart(&convert(&case).document, &case);
}

// ---- Two columns ----------------------------------------------------------------------

#[test]
fn figure_at_the_top_of_the_right_column_comes_after_the_paragraph_it_interrupts() {
    let case = float_pages::two_column_photo();
    let doc = convert(&case).document;
    let b = the_display(&doc, BlockKind::Figure);
    assert_eq!(b.figure.as_ref().unwrap().label.as_deref(), Some("Figure 3"));
    assert_eq!(norm(&b.text()), "The reading room");
    assert_source(b, &case, 2.0);
    assert_body_kept_apart(&doc, &case);
}
