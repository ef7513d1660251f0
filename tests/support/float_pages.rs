//! Publication pages with one figure or table each, built with [`pdfgen`]: a title, a
//! section heading, justified body paragraphs in 10.5 pt Times and the display, drawn
//! as LaTeX, Word or a charting tool draws it. Each [`Case`] says what a reader sees:
//! the paragraphs in order, where the display stands, and the text that belongs to it.
#![allow(dead_code)]

use super::pdfgen::{self, Font, Pdf};

/// A page with a display on it and what a correct conversion keeps.
pub struct Case {
    pub pdf: Vec<u8>,
    pub title: &'static str,
    /// The body paragraphs, in reading order.
    pub paragraphs: Vec<&'static str>,
    /// How many of them come before the display.
    pub before: usize,
    /// Text printed in the display (caption, cells, labels, notes): none of it may reach the body.
    pub display_text: Vec<&'static str>,
    /// Page of the display (from 1).
    pub page: u32,
    /// The box of the picture or grid, without its caption, from the page's top left: x0, y0, x1, y1.
    pub bbox: [f32; 4],
}

pub const BODY: f32 = 10.5;
pub const LEADING: f32 = 13.0;
const LEFT: f32 = 72.0;
const MEASURE: f32 = 451.0;
const PAGE_H: f32 = 842.0;

/// Prose without digits and without any word printed in the displays.
pub const PROSE: [&str; 12] = [
    "The institute has followed public spending on research for many years, and this briefing sets out what \
     changed over the last period. We draw on the accounts of the ministries, on interviews with officials and \
     on the published plans of the agencies that carry out the work on the ground.",
    "Three questions guide the analysis. The first is whether the money reached the places it was meant for. \
     The second is whether the people who do the work were hired where the need was greatest. The third is \
     whether the reporting is good enough for parliament to hold the government to account.",
    "The answer to the first question is a qualified yes. Most of the money arrived on time, although the \
     smaller agencies often waited for months before their allocations were confirmed, and several of them \
     had to borrow against the promise of later transfers in order to pay their suppliers.",
    "Hiring followed a different pattern. The agencies recruited where recruiting was easy rather than where \
     the demand for their services was growing, and the gap between the best and the worst served areas \
     widened as a result. The table above shows how uneven the picture has become.",
    "Our recommendations follow from these findings. Allocations should be confirmed before the year begins, \
     recruitment targets should be set by need rather than by the ease of filling posts, and every agency \
     should publish the same short set of figures in the same form each year.",
    "The office kept its own costs under close watch during the period. Staff costs make up most of the \
     spending, and the remainder is split between the lease on the building, travel to meetings with \
     partners, the production of reports and a modest programme of public events.",
    "Spending rose in every year of the period, although the increase slowed towards the end as the \
     programme matured and fewer new projects were started. The chart shows the totals for each year \
     on the same scale, so that the growth can be compared at a glance.",
    "Much of the increase went to projects that had been approved before the period began, and the share \
     of new commitments fell in each successive round. This matters because the flexibility to respond to \
     new problems depends on how much of the budget is already spoken for.",
    "The institute moved into its present home when the lease on the old offices ran out. The building \
     stands near the centre of the city, close to the ministries and to the university, and it has room \
     for the library, the seminar rooms and the staff who used to work on two separate sites.",
    "Visitors are welcome during the week, and the reading room is open to researchers who register in \
     advance. Groups of students can book a guided tour of the archive, which holds the papers of the \
     founders and a complete set of everything the institute has published since it opened.",
    "Independent review is part of how the institute works. Every paper is read by at least two people \
     outside the team that wrote it, and the comments they make are answered in writing before anything \
     is sent to the printer or posted on the website for the public to read.",
    "The reviewers are drawn from universities, from other research bodies and from the public service. \
     They are not paid for their time, but their names are listed in the annual report, and many of them \
     have gone on to work with the institute on projects of their own over the following years.",
];

/// The page's top matter: title and a section heading; returns the first body baseline.
fn head(p: &mut pdfgen::Page, title: &str, heading: &str) -> f32 {
    p.text(Font::HelveticaBold, 18.0, LEFT, 770.0, title);
    p.text(Font::HelveticaBold, 12.0, LEFT, 736.0, heading);
    714.0
}

/// Sets paragraphs from baseline `y` down, with a half-line between them; returns the
/// baseline where the next block would start.
fn paras(p: &mut pdfgen::Page, mut y: f32, texts: &[&str]) -> f32 {
    for t in texts {
        y = p.paragraph(Font::Times, BODY, LEADING, LEFT, y, MEASURE, t, true) - 6.0;
    }
    y
}

/// A caption line: the label in bold, the rest plain, centred on the measure.
fn caption(p: &mut pdfgen::Page, size: f32, y: f32, label: &str, rest: &str) {
    let w = Font::HelveticaBold.width(label, size) + Font::Helvetica.width(rest, size);
    let x = LEFT + (MEASURE - w) / 2.0;
    p.text(Font::HelveticaBold, size, x, y, label);
    p.text(Font::Helvetica, size, x + Font::HelveticaBold.width(label, size), y, rest);
}

fn top_left(x0: f32, y_bottom: f32, x1: f32, y_top: f32) -> [f32; 4] {
    [x0, PAGE_H - y_top, x1, PAGE_H - y_bottom]
}

/// A ruled table as LaTeX sets `|l|r|r|` with `\hline`, `\cline{2-3}` and `\multirow`:
/// every rule a thin filled box, the vertical rules one segment per row.
pub fn ruled_table() -> Case {
    ruled_table_drawn(false)
}

/// The same table with its borders stroked as line segments (`m l S`), one per cell
/// side, as Word and LibreOffice export cell borders.
pub fn ruled_table_stroked() -> Case {
    ruled_table_drawn(true)
}

fn ruled_table_drawn(stroked: bool) -> Case {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    let title = "Staffing the Regional Agencies";
    let y = head(p, title, "Where the staff are");
    let mut y = paras(p, y, &PROSE[0..3]);
    // Caption above the table, as LaTeX and Word put table captions.
    y -= 6.0;
    caption(p, 9.0, y, "Table 1.", " Staff by region");
    let (x, cols) = (150.0, [110.0f32, 92.5, 92.5]);
    let xs = [x, x + cols[0], x + cols[0] + cols[1], x + cols[0] + cols[1] + cols[2]];
    let row_h = 16.0;
    let top = y - 8.0;
    let rows = 6; // two header rows, four body rows
    let rule = 0.4;
    if stroked {
        // One segment per cell side; none between the two lines of "Region".
        for r in 0..=rows {
            let yy = top - r as f32 * row_h;
            for c in usize::from(r == 1)..3 {
                p.line(xs[c], yy, xs[c + 1], yy, 0.5, 0.0);
            }
        }
        for r in 0..rows {
            let (y1, y0) = (top - r as f32 * row_h, top - (r + 1) as f32 * row_h);
            for &xx in &xs {
                p.line(xx, y0, xx, y1, 0.5, 0.0);
            }
        }
    } else {
        // Horizontal rules: full ones, and the partial one under "Staff".
        for r in 0..=rows {
            if r == 1 {
                p.fill(xs[1], top - row_h - rule / 2.0, xs[3] - xs[1], rule, 0.0);
                continue;
            }
            let yy = top - r as f32 * row_h;
            p.fill(xs[0] - rule / 2.0, yy - rule / 2.0, xs[3] - xs[0] + rule, rule, 0.0);
        }
        for r in 0..rows {
            let (y1, y0) = (top - r as f32 * row_h, top - (r + 1) as f32 * row_h);
            for &xx in &xs {
                p.fill(xx - rule / 2.0, y0, rule, y1 - y0, 0.0);
            }
        }
    }
    let base = |r: usize| top - (r + 1) as f32 * row_h + 5.0;
    // \multirow{2}: "Region" centred in the height of both header rows.
    p.text(Font::TimesBold, 10.0, xs[0] + 6.0, top - row_h - 3.5, "Region");
    p.text_centred(Font::TimesBold, 10.0, (xs[1] + xs[3]) / 2.0, base(0), "Staff");
    p.text_right(Font::TimesBold, 10.0, xs[2] - 6.0, base(1), "2022");
    p.text_right(Font::TimesBold, 10.0, xs[3] - 6.0, base(1), "2023");
    for (i, row) in TABLE1.iter().enumerate() {
        p.text(Font::Times, 10.0, xs[0] + 6.0, base(i + 2), row[0]);
        p.text_right(Font::Times, 10.0, xs[2] - 6.0, base(i + 2), row[1]);
        p.text_right(Font::Times, 10.0, xs[3] - 6.0, base(i + 2), row[2]);
    }
    let bottom = top - rows as f32 * row_h;
    let bbox = top_left(xs[0], bottom, xs[3], top);
    paras(p, bottom - 22.0, &PROSE[3..5]);
    let mut display_text = vec!["Table 1", "Staff by region", "Region", "Staff", "2022", "2023"];
    display_text.extend(TABLE1.iter().flatten());
    Case { pdf: pdf.finish(), title, paragraphs: PROSE[0..5].to_vec(), before: 3, display_text, page: 1, bbox }
}

/// Table 1's body rows.
pub const TABLE1: [[&str; 3]; 4] = [["Capital", "128", "134"], ["Coast", "76", "81"], ["Uplands", "41", "39"], ["Islands", "17", "22"]];

/// A booktabs table (`\toprule`, `\midrule`, `\bottomrule`; no vertical rules), columns
/// aligned by position only, numbers set flush right, a source line under it.
pub fn booktabs_table() -> Case {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    let title = "Running the Office";
    let y = head(p, title, "Costs");
    let mut y = paras(p, y, &PROSE[5..6]);
    y -= 6.0;
    let cap_size = 10.0;
    let cap = "Table 2: Budget";
    p.text_centred(Font::Times, cap_size, LEFT + MEASURE / 2.0, y, cap);
    let (x0, x1) = (172.0, 422.0);
    let (c2, c3) = (x0 + 160.0, x1 - 6.0);
    let top = y - 10.0;
    p.fill(x0, top - 0.8, x1 - x0, 0.8, 0.0);
    let mut b = top - 0.8 - 11.0;
    p.text(Font::Times, 10.0, x0 + 6.0, b, "Item");
    p.text_right(Font::Times, 10.0, c2, b, "Planned");
    p.text_right(Font::Times, 10.0, c3, b, "Spent");
    let mid = b - 5.0;
    p.fill(x0, mid - 0.5, x1 - x0, 0.5, 0.0);
    b = mid - 0.5 - 12.0;
    for row in TABLE2 {
        p.text(Font::Times, 10.0, x0 + 6.0, b, row[0]);
        p.text_right(Font::Times, 10.0, c2, b, row[1]);
        p.text_right(Font::Times, 10.0, c3, b, row[2]);
        b -= 12.0;
    }
    let bottom_rule = b + 12.0 - 5.0;
    p.fill(x0, bottom_rule - 0.8, x1 - x0, 0.8, 0.0);
    let source_y = bottom_rule - 0.8 - 11.0;
    p.text(Font::Times, 8.0, x0, source_y, SOURCE2);
    let bbox = top_left(x0, bottom_rule - 0.8, x1, top);
    paras(p, source_y - 24.0, &PROSE[6..8]);
    let mut display_text = vec!["Table 2", "Budget", "Item", "Planned", "Spent", SOURCE2];
    display_text.extend(TABLE2.iter().flatten());
    Case { pdf: pdf.finish(), title, paragraphs: PROSE[5..8].to_vec(), before: 1, display_text, page: 1, bbox }
}

pub const TABLE2: [[&str; 3]; 5] =
    [["Salaries", "1,240", "1,198"], ["Rent", "310", "310"], ["Travel", "85", "61"], ["Publications", "120", "134"], ["Events", "95", "88"]];
pub const SOURCE2: &str = "Source: Finance office, annual accounts.";

/// A bar chart drawn as vectors, as a charting tool exports it: stroked axes and light
/// grid lines, five filled bars, tick labels, year labels, a y-axis title set upwards.
pub fn vector_chart() -> Case {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    let title = "Spending on Research";
    let y = head(p, title, "The totals");
    let y = paras(p, y, &PROSE[6..8]);
    let (ax, ay) = (200.0, y - 190.0); // the origin of the axes
    let (w, h) = (240.0, 165.0);
    let unit = h / 30.0; // 30 units at the top
    for v in [10.0f32, 20.0, 30.0] {
        p.line(ax, ay + v * unit, ax + w, ay + v * unit, 0.25, 0.8);
    }
    let values = [12.0f32, 15.5, 19.0, 24.0, 27.5];
    for (i, v) in values.iter().enumerate() {
        let bx = ax + 14.0 + i as f32 * 46.0;
        p.fill_rgb(bx, ay, 30.0, v * unit, [0.12, 0.47, 0.71]);
        p.text_centred(Font::Helvetica, 8.0, bx + 15.0, ay - 11.0, YEARS[i]);
    }
    p.line(ax, ay, ax + w, ay, 0.75, 0.0);
    p.line(ax, ay, ax, ay + h, 0.75, 0.0);
    for (v, t) in [(0.0f32, "0"), (10.0, "10"), (20.0, "20"), (30.0, "30")] {
        p.line(ax - 3.0, ay + v * unit, ax, ay + v * unit, 0.75, 0.0);
        p.text_right(Font::Helvetica, 8.0, ax - 5.0, ay + v * unit - 2.8, t);
    }
    let ytitle = "EUR million";
    p.text_up(Font::Helvetica, 8.0, ax - 24.0, ay + h / 2.0 - Font::Helvetica.width(ytitle, 8.0) / 2.0, ytitle);
    let cap_y = ay - 32.0;
    caption(p, 9.0, cap_y, "Figure 1.", " Spending by year");
    let bbox = top_left(ax - 3.0, ay, ax + w, ay + h);
    paras(p, cap_y - 24.0, &PROSE[8..9]);
    let mut display_text = vec!["Figure 1", "Spending by year", "EUR million", "0", "10", "20", "30"];
    display_text.extend(YEARS);
    Case { pdf: pdf.finish(), title, paragraphs: PROSE[6..9].to_vec(), before: 2, display_text, page: 1, bbox }
}

pub const YEARS: [&str; 5] = ["2019", "2020", "2021", "2022", "2023"];

/// The JPEG thumbnail shared with the writers' tests.
pub const JPEG: &[u8] = include_bytes!("../../src/emit/testdata/page.jpg");

/// A photograph: a JPEG image XObject drawn through `cm … Do`, its caption under it.
pub fn photo() -> Case {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    let title = "A New Home for the Institute";
    let y = head(p, title, "The building");
    let y = paras(p, y, &PROSE[8..9]);
    let (pw, ph) = pdfgen::jpeg_size(JPEG);
    let (w, h) = (pw as f32 * 2.0, ph as f32 * 2.0);
    let (x, by) = (LEFT + (MEASURE - w) / 2.0, y - 4.0 - h);
    p.jpeg("Im1", JPEG, pw, ph, x, by, w, h);
    let cap_y = by - 16.0;
    caption(p, 9.0, cap_y, "Figure 2.", " The institute's building");
    paras(p, cap_y - 24.0, &PROSE[9..11]);
    let bbox = top_left(x, by, x + w, by + h);
    Case {
        pdf: pdf.finish(),
        title,
        paragraphs: PROSE[8..11].to_vec(),
        before: 1,
        display_text: vec!["Figure 2", "The institute's building"],
        page: 1,
        bbox,
    }
}

/// Two columns: the photo with its caption at the top of the right column, a paragraph
/// running from the foot of the left column into the right column under the figure.
pub fn two_column_photo() -> Case {
    let mut pdf = Pdf::new();
    let p = pdf.a4();
    let title = "How the Institute Reviews its Work";
    p.text(Font::HelveticaBold, 18.0, LEFT, 770.0, title);
    let (col_w, gutter) = (215.0, 21.0);
    let right = LEFT + col_w + gutter;
    let bottom_margin = 72.0;
    // The left column, filled to its foot: whole paragraphs, then the first lines of the next.
    let texts = [PROSE[10], PROSE[11], PROSE[0], PROSE[1], PROSE[2], PROSE[3], PROSE[4], PROSE[5], PROSE[6], PROSE[7]];
    let mut y = 736.0;
    let mut queue: Vec<String> = Vec::new();
    let mut k = 0;
    while k < texts.len() {
        let lines = pdfgen::wrap(Font::Times, BODY, col_w, texts[k]);
        let room = ((y - bottom_margin) / LEADING).floor() as usize + 1;
        if lines.len() <= room {
            y = p.paragraph(Font::Times, BODY, LEADING, LEFT, y, col_w, texts[k], true) - 6.0;
            k += 1;
            continue;
        }
        // Split: the first `room` lines here, justified; the rest continue in the right column.
        for (i, l) in lines[..room].iter().enumerate() {
            let spaces = l.matches(' ').count().max(1) as f32;
            let tw = (col_w - Font::Times.width(l, BODY)) / spaces;
            p.text_spaced(Font::Times, BODY, LEFT, y - i as f32 * LEADING, l, tw);
        }
        queue.push(lines[room..].join(" "));
        k += 1;
        break;
    }
    // The right column: the figure at the top, its caption, then the rest of the text.
    let (pw, ph) = pdfgen::jpeg_size(JPEG);
    let (w, h) = (pw as f32 * 2.0, ph as f32 * 2.0);
    let (x, top) = (right + (col_w - w) / 2.0, 746.0);
    p.jpeg("Im1", JPEG, pw, ph, x, top - h, w, h);
    let cap_y = top - h - 14.0;
    let label = "Figure 3.";
    let rest = " The reading room";
    let cw = Font::HelveticaBold.width(label, 9.0) + Font::Helvetica.width(rest, 9.0);
    p.text(Font::HelveticaBold, 9.0, right + (col_w - cw) / 2.0, cap_y, label);
    p.text(Font::Helvetica, 9.0, right + (col_w - cw) / 2.0 + Font::HelveticaBold.width(label, 9.0), cap_y, rest);
    let mut y = cap_y - 22.0;
    let rest_texts: Vec<&str> = queue.iter().map(String::as_str).chain(texts[k..].iter().copied()).collect();
    for t in rest_texts {
        y = p.paragraph(Font::Times, BODY, LEADING, right, y, col_w, t, true) - 6.0;
    }
    assert!(y > bottom_margin - LEADING - 6.0, "the right column runs off the page");
    let bbox = top_left(x, top - h, x + w, top);
    let before = k; // paragraphs begun in the left column
    Case {
        pdf: pdf.finish(),
        title,
        paragraphs: texts.to_vec(),
        before,
        display_text: vec!["Figure 3", "The reading room"],
        page: 1,
        bbox,
    }
}
