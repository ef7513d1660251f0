//! Figures and tables found in hand-built layouts, through the whole normaliser.

use crate::layout::GraphicKind::{Fill, Image, Stroke};
use crate::normalise::testkit::*;
use crate::normalise::{normalise, NormaliseOptions};
use crate::tree::{BlockKind, Document};

const PROSE: [&str; 4] = [
    "The committee met four times during the year and reviewed the",
    "programme of work that the board had set for it in the spring,",
    "with particular attention to the budget and to the staffing of",
    "the regional offices, which had grown faster than expected.",
];

fn body_text(doc: &Document) -> String {
    let mut s = String::new();
    for sec in &doc.sections {
        if let Some(t) = &sec.title {
            s.push_str(t);
            s.push('\n');
        }
        for b in sec.blocks.iter().filter(|b| !b.is_display()) {
            s.push_str(&b.text());
            s.push('\n');
        }
    }
    s
}

fn displays(doc: &Document) -> Vec<&crate::tree::Block> {
    doc.displays().collect()
}

#[test]
fn a_chart_with_a_caption_keeps_its_labels_out_of_the_body() {
    let mut b = Builder::new().page().para(72.0, 100.0, &PROSE);
    // Axes and five bars.
    b = b.graphic(Stroke, 100.0, 160.0, 100.5, 300.0).graphic(Stroke, 100.0, 300.0, 400.0, 300.5);
    for i in 0..5 {
        let x = 120.0 + 55.0 * i as f32;
        b = b.graphic(Fill, x, 300.0 - 25.0 * (i + 1) as f32, x + 30.0, 300.0);
    }
    let doc = normalise(
        &b.block(&[("2019 2020 2021 2022 2023", 120.0, 312.0, 7.0, REGULAR)])
            .block(&[("Spending", 80.0, 230.0, 7.0, REGULAR)])
            .block(&[("Figure 1. Spending by year", 72.0, 330.0, 9.0, BOLD)])
            .para(72.0, 360.0, &PROSE)
            .build(),
        &NormaliseOptions::default(),
    )
    .output;
    let d = displays(&doc);
    assert_eq!(d.len(), 1);
    let fig = d[0].figure.as_ref().unwrap();
    assert_eq!(fig.label.as_deref(), Some("Figure 1"));
    assert_eq!(d[0].text(), "Spending by year");
    assert_eq!(fig.inner_text.len(), 2);
    let body = body_text(&doc);
    for gone in ["2019", "Spending", "Figure 1"] {
        assert!(!body.contains(gone), "{gone:?} leaked into the body:\n{body}");
    }
    // The figure sits between the two paragraphs.
    let kinds: Vec<BlockKind> = doc.sections.iter().flat_map(|s| s.blocks.iter().map(|b| b.kind)).collect();
    assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::Figure, BlockKind::Paragraph]);
}

#[test]
fn a_booktabs_table_under_its_caption_is_read_into_cells_and_its_source_line_is_a_note() {
    let doc = normalise(
        &Builder::new()
            .page()
            .para(72.0, 100.0, &PROSE)
            .block(&[("Table 2: Budget by office", 72.0, 170.0, 9.0, BOLD)])
            .graphic(Stroke, 72.0, 176.0, 400.0, 176.5)
            .block(&[("Office", 72.0, 188.0, 9.0, REGULAR)])
            .block(&[("2022", 250.0, 188.0, 9.0, REGULAR)])
            .block(&[("2023", 350.0, 188.0, 9.0, REGULAR)])
            .graphic(Stroke, 72.0, 192.0, 400.0, 192.5)
            .block(&[("North", 72.0, 204.0, 9.0, REGULAR), ("South", 72.0, 216.0, 9.0, REGULAR), ("East", 72.0, 228.0, 9.0, REGULAR)])
            .block(&[("1.2", 250.0, 204.0, 9.0, REGULAR), ("3.4", 250.0, 216.0, 9.0, REGULAR), ("5.6", 250.0, 228.0, 9.0, REGULAR)])
            .block(&[("1.3", 350.0, 204.0, 9.0, REGULAR), ("3.5", 350.0, 216.0, 9.0, REGULAR), ("5.7", 350.0, 228.0, 9.0, REGULAR)])
            .graphic(Stroke, 72.0, 232.0, 400.0, 232.5)
            .block(&[("Source: annual accounts.", 72.0, 244.0, 8.0, REGULAR)])
            .para(72.0, 280.0, &PROSE)
            .build(),
        &NormaliseOptions::default(),
    )
    .output;
    let d = displays(&doc);
    assert_eq!(d.len(), 1);
    let t = d[0].table.as_ref().unwrap();
    assert_eq!(t.label.as_deref(), Some("Table 2"));
    let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(rows, vec![vec!["Office", "2022", "2023"], vec!["North", "1.2", "1.3"], vec!["South", "3.4", "3.5"], vec!["East", "5.6", "5.7"]]);
    assert_eq!(t.header_rows, 1);
    assert_eq!(t.notes, vec!["Source: annual accounts.".to_string()]);
    let body = body_text(&doc);
    for gone in ["North", "5.7", "Source", "Budget"] {
        assert!(!body.contains(gone), "{gone:?} leaked into the body:\n{body}");
    }
}

#[test]
fn a_small_icon_is_not_a_figure_and_a_large_uncaptioned_picture_is() {
    let doc = normalise(
        &Builder::new()
            .page()
            .para(72.0, 100.0, &PROSE)
            .graphic(Image { object: None }, 72.0, 160.0, 92.0, 180.0)
            .graphic(Image { object: None }, 72.0, 200.0, 500.0, 480.0)
            .para(72.0, 500.0, &PROSE)
            .build(),
        &NormaliseOptions::default(),
    )
    .output;
    let d = displays(&doc);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].source[0].bbox.y0, 200.0);
    assert!(d[0].figure.as_ref().unwrap().label.is_none());
}

#[test]
fn running_text_over_a_picture_stays_in_the_body() {
    let doc = normalise(
        &Builder::new()
            .page()
            .graphic(Image { object: None }, 50.0, 80.0, 560.0, 400.0)
            .para(72.0, 100.0, &PROSE)
            .para(72.0, 200.0, &PROSE)
            .build(),
        &NormaliseOptions::default(),
    )
    .output;
    assert!(displays(&doc).is_empty());
    assert!(body_text(&doc).contains("committee met four times"));
}

#[test]
fn a_list_of_figures_is_not_a_set_of_captions() {
    let doc = normalise(
        &Builder::new()
            .page()
            .block(&[("Figure 1. Spending by year ........................ 4", 72.0, 100.0, 10.0, REGULAR)])
            .block(&[("Figure 2. Staff by region ......................... 7", 72.0, 114.0, 10.0, REGULAR)])
            .para(72.0, 150.0, &PROSE)
            .build(),
        &NormaliseOptions::default(),
    )
    .output;
    assert!(displays(&doc).is_empty());
}
