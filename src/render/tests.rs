//! Unit tests of the picture rules; rendering itself is tested on built PDFs in tests/render.rs.

use super::*;
use crate::tree::{Block, BoxPt, Cell, Figure, Provenance, Section};

fn table(rows: Vec<Vec<Cell>>) -> Table {
    Table { rows, ..Default::default() }
}

fn span(text: &str, colspan: u16, rowspan: u16) -> Cell {
    Cell { text: text.into(), colspan, rowspan }
}

#[test]
fn columns_count_spans_from_the_left_and_from_above() {
    let plain = table(vec![vec![Cell::new("a"), Cell::new("b"), Cell::new("c")]]);
    assert_eq!(table_columns(&plain), 3);
    // A header cell spanning three columns over three plain ones.
    let header = table(vec![vec![span("h", 3, 1)], vec![Cell::new("a"), Cell::new("b"), Cell::new("c")]]);
    assert_eq!(table_columns(&header), 3);
    // A row span pushes the next row's cells right: 1 covered + 5 = 6 columns.
    let covered = table(vec![vec![span("r", 1, 2), Cell::new("x")], (0..5).map(|i| Cell::new(i.to_string())).collect()]);
    assert_eq!(table_columns(&covered), 6);
    assert!(table_needs_picture(&covered));
    assert!(!table_needs_picture(&table(vec![(0..5).map(|i| Cell::new(i.to_string())).collect()])));
    assert_eq!(table_columns(&Table::default()), 0);
}

#[test]
fn big_regions_get_a_lower_resolution_small_ones_the_asked_one() {
    let opts = RenderOptions::default();
    let small = Rect { x0: 0.0, y0: 0.0, x1: 300.0, y1: 200.0 };
    assert_eq!(dpi_for(&small, &opts), DEFAULT_DPI);
    // An A0 poster at 150 dpi would be 26 Mpx: lowered to fit 4 Mpx.
    let poster = Rect { x0: 0.0, y0: 0.0, x1: 2384.0, y1: 3370.0 };
    let d = dpi_for(&poster, &opts);
    let px = (2384.0 * d / 72.0) * (3370.0 * d / 72.0);
    assert!(d < DEFAULT_DPI && px <= MAX_PIXELS as f32 * 1.001 && px > MAX_PIXELS as f32 * 0.99, "{d} dpi, {px} px");
    // Asking for more than the ceiling gets the ceiling; nonsense gets the default.
    assert_eq!(dpi_for(&small, &RenderOptions { dpi: 600.0, ..opts.clone() }), MAX_DPI);
    assert_eq!(dpi_for(&small, &RenderOptions { dpi: f32::NAN, ..opts }), DEFAULT_DPI);
}

#[test]
fn regions_are_clipped_to_the_page_and_nonsense_is_refused() {
    let page = LayoutPage { number: 1, width: 600.0, height: 800.0, ..Default::default() };
    let r = |x0, y0, x1, y1| Rect { x0, y0, x1, y1 };
    assert_eq!(clamp_to_page(r(-10.0, 700.0, 100.0, 900.0), &page), Some(r(0.0, 700.0, 100.0, 800.0)));
    assert_eq!(clamp_to_page(r(700.0, 0.0, 800.0, 100.0), &page), None, "off the page");
    assert_eq!(clamp_to_page(r(10.0, 10.0, 11.0, 100.0), &page), None, "a hairline");
    assert_eq!(clamp_to_page(r(f32::NAN, 0.0, 100.0, 100.0), &page), None);
    assert_eq!(clamp_to_page(r(100.0, 100.0, 10.0, 10.0), &page), None, "inside out");
}

fn figure_block(label: &str, page: u32, bbox: BoxPt) -> Block {
    let fig = Figure { label: Some(label.into()), ..Default::default() };
    Block::figure(fig, "", vec![Provenance { page, bbox }])
}

#[test]
fn jobs_are_numbered_in_document_order_and_bad_regions_warned_of() {
    let layout = Layout {
        pages: vec![LayoutPage { number: 1, width: 600.0, height: 800.0, ..Default::default() }],
        ..Default::default()
    };
    let b = BoxPt { x0: 10.0, y0: 10.0, x1: 200.0, y1: 100.0 };
    let narrow = table(vec![vec![Cell::new("a"), Cell::new("b")]]);
    let wide = table(vec![(0..7).map(|i| Cell::new(i.to_string())).collect()]);
    let mut doc = Document::new();
    doc.sections.push(Section {
        level: 1,
        blocks: vec![
            figure_block("Figure 1", 1, b),
            Block::table(narrow, "", vec![Provenance { page: 1, bbox: b }]),
            Block::paragraph("text", vec![]),
            Block::table(wide, "", vec![Provenance { page: 1, bbox: b }]),
        ],
        ..Default::default()
    });
    doc.sections.push(Section { level: 1, blocks: vec![figure_block("Figure 2", 3, b), figure_block("Figure 3", 1, b)], ..Default::default() });
    let mut warnings = Vec::new();
    let jobs = collect_jobs(&layout, &doc, &mut warnings);
    let stems: Vec<&str> = jobs.iter().map(|j| j.stem.as_str()).collect();
    assert_eq!(stems, ["fig-1", "table-2", "fig-3"], "the narrow table needs none; figure 2's page is missing");
    assert_eq!(jobs.iter().map(|j| j.index).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("figure 2 (\"Figure 2\")") && warnings[0].message.contains("page 3"), "{warnings:?}");
    assert!(needs_pictures(&doc));
}

#[test]
fn a_document_without_figures_or_wide_tables_needs_no_pictures() {
    let mut doc = Document::new();
    doc.sections.push(Section {
        level: 1,
        blocks: vec![Block::paragraph("text", vec![]), Block::table(table(vec![vec![Cell::new("a")]]), "", vec![])],
        ..Default::default()
    });
    assert!(!needs_pictures(&doc));
}

#[test]
fn a_panic_inside_the_renderer_becomes_an_error_with_its_message() {
    assert_eq!(guarded(|| 7), Ok(7));
    assert_eq!(guarded(|| -> u8 { panic!("broken {}", 1) }), Err("panic: broken 1".to_string()));
    assert_eq!(guarded(|| -> u8 { std::panic::panic_any(3_u8) }), Err("panic: no message".to_string()));
}
