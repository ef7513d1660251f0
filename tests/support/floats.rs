//! A document with figures and tables, built by hand, for the writers' float tests and
//! the `floats_sample` example: a PNG chart, a JPEG, a ruled table with a header row, a
//! column span and a row span, a figure without a picture and a table of 12 columns.
#![allow(dead_code)]

use quire::tree::{Block, Cell, Document, Figure, Image, Section, Table};
use std::io::Write;

/// A small JPEG (a page thumbnail, 71 × 100 pixels, three components).
pub const JPEG: &[u8] = include_bytes!("../../src/emit/testdata/page.jpg");

/// CRC-32 (IEEE) of `data`, as PNG chunks need.
fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A PNG of `w` × `h` pixels from rows of raw samples (`channels` per pixel, 8 bits),
/// colour type `color_type` (0 grey, 2 RGB, 4 grey+alpha, 6 RGBA), every row filtered
/// with filter `filter` (0 none, 1 sub, 2 up).
pub fn png(w: u32, h: u32, color_type: u8, pixels: &[u8], filter: u8) -> Vec<u8> {
    let channels = match color_type {
        0 => 1,
        2 => 3,
        4 => 2,
        6 => 4,
        _ => panic!("colour type {color_type}"),
    };
    let stride = w as usize * channels;
    assert_eq!(pixels.len(), stride * h as usize);
    let mut raw = Vec::new();
    for y in 0..h as usize {
        let row = &pixels[y * stride..(y + 1) * stride];
        raw.push(filter);
        for x in 0..stride {
            let left = if x >= channels { row[x - channels] } else { 0 };
            let up = if y > 0 { pixels[(y - 1) * stride + x] } else { 0 };
            raw.push(match filter {
                0 => row[x],
                1 => row[x].wrapping_sub(left),
                2 => row[x].wrapping_sub(up),
                _ => panic!("filter {filter}"),
            });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, color_type, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &idat);
    chunk(b"IEND", &[]);
    out
}

/// An RGB bar chart: four bars of rising height on white, with an axis.
pub fn bar_chart(w: u32, h: u32) -> Vec<u8> {
    let colours = [[0x1f, 0x77, 0xb4], [0xff, 0x7f, 0x0e], [0x2c, 0xa0, 0x2c], [0xd6, 0x27, 0x28]];
    let mut px = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let axis = x == w / 10 || y == h - h / 10;
            let slot = (x * 5 / w) as usize;
            let bar = (1..5).contains(&slot) && (x * 5 % w) > w / 8;
            let top = h - h / 10 - (h * 8 / 10) * slot as u32 / 4;
            let c = if axis {
                [0, 0, 0]
            } else if bar && y >= top && y < h - h / 10 {
                colours[slot - 1]
            } else {
                [255, 255, 255]
            };
            px.extend_from_slice(&c);
        }
    }
    png(w, h, 2, &px, 1)
}

fn cell(t: &str) -> Cell {
    Cell::new(t)
}

fn span(t: &str, colspan: u16, rowspan: u16) -> Cell {
    Cell { text: t.into(), colspan, rowspan }
}

/// The sample document: a section of text with every kind of display in it.
pub fn document() -> Document {
    let mut d = Document::new();
    d.source.name = Some("floats-sample".into());
    d.front.title = Some("Trade Patterns in Northeast Asia".into());
    d.front.date = Some(quire::tree::Date { year: 2024, month: Some(3), day: Some(1) });
    let text = "Exports from the region grew through the decade, and the pattern of that growth \
                matters for policy. The figures and tables below set out the evidence. ";
    let chart = Figure {
        label: Some("Figure 1".into()),
        alt: Some("Bar chart: exports rose in each of four years, the last bar about four times the first.".into()),
        inner_text: vec!["2019".into(), "2020".into(), "2021".into(), "2022".into()],
        image: Some(Image {
            file: "fig-1.png".into(),
            media_type: "image/png".into(),
            width: 360,
            height: 240,
            dpi: 150.0,
            data: bar_chart(360, 240),
        }),
    };
    let photo = Figure {
        label: Some("Figure 2".into()),
        alt: None,
        inner_text: vec![],
        image: Some(Image {
            file: "fig-2.jpg".into(),
            media_type: "image/jpeg".into(),
            width: 71,
            height: 100,
            dpi: 72.0,
            data: JPEG.to_vec(),
        }),
    };
    let missing = Figure { label: Some("Figure 3".into()), alt: None, inner_text: vec![], image: None };
    let ruled = Table {
        label: Some("Table 1".into()),
        rows: vec![
            vec![cell("Country"), cell("Sector"), span("Exports (USD bn)", 2, 1)],
            vec![span("Korea", 1, 2), cell("Chips"), cell("129.2"), cell("98.6")],
            vec![cell("Cars"), cell("54.1"), cell("70.9")],
            vec![cell("Japan"), cell("Machinery"), cell("141.0"), cell("133.5")],
        ],
        header_rows: 1,
        notes: vec!["Source: national customs statistics; 2019 and 2023.".into()],
        ruled: true,
        image: None,
    };
    let header: Vec<Cell> = std::iter::once(cell("Indicator")).chain((2013..2024).map(|y| cell(&y.to_string()))).collect();
    let wide = Table {
        label: Some("Table 2".into()),
        rows: vec![
            header,
            std::iter::once(cell("GDP growth (%)"))
                .chain(["2.9", "3.2", "2.8", "2.9", "3.2", "2.9", "2.2", "-0.7", "4.3", "2.6", "1.4"].map(cell))
                .collect(),
            std::iter::once(cell("Unemployment rate (%)"))
                .chain(["3.1", "3.5", "3.6", "3.7", "3.7", "3.8", "3.8", "3.9", "3.6", "2.9", "2.7"].map(cell))
                .collect(),
        ],
        header_rows: 1,
        notes: vec![],
        ruled: false,
        image: None,
    };
    d.sections.push(Section {
        level: 1,
        title: Some("Exports".into()),
        blocks: vec![
            Block::paragraph(&text.repeat(3), vec![]),
            Block::figure(chart, "Exports by year, 2019-2022", vec![]),
            Block::paragraph(&text.repeat(2), vec![]),
            Block::table(ruled, "Exports by country and sector. Values are in current dollars.", vec![]),
            Block::figure(photo, "The first page of an earlier briefing", vec![]),
            Block::paragraph(text, vec![]),
            Block::figure(missing, "A map of the region's ports (not reproduced)", vec![]),
            Block::table(wide, "Key indicators, 2013-2023", vec![]),
            Block::paragraph(text, vec![]),
        ],
        source: vec![],
    });
    d
}

/// Writes each figure's picture to `dir/ASSET_DIR/FILE`, as the command line does beside the JATS.
pub fn write_assets(doc: &Document, dir: &std::path::Path) {
    for b in doc.displays() {
        if let Some(img) = b.figure.as_ref().and_then(|f| f.image.as_ref()) {
            let folder = dir.join(doc.asset_dir());
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(&img.file), &img.data).unwrap();
        }
    }
}
