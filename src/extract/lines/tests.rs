//! Tests of the layout analysis on glyphs placed by hand.

use super::*;

/// Glyphs for `s` from `x` on `baseline`, each character half an em wide; spaces are
/// drawn as space glyphs a quarter em wide.
fn text_at(s: &str, x: f32, baseline: f32, size: f32, font: u32) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = x;
    for c in s.chars() {
        let w = if c == ' ' { 0.25 * size } else { 0.5 * size };
        out.push(Glyph {
            text: c.to_string().into(),
            bbox: Rect { x0: x, y0: baseline - 0.8 * size, x1: x + w, y1: baseline + 0.2 * size },
            baseline,
            font,
            size,
            invisible: false,
            artifact: false,
            tag: None,
            upright: true,
        });
        x += w;
    }
    out
}

/// Glyphs for `words` with no space glyphs: words are set `gap` ems apart.
fn gapped(words: &[&str], x: f32, baseline: f32, size: f32, gap: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = x;
    for w in words {
        let g = text_at(w, x, baseline, size, 0);
        x = g.last().map_or(x, |g| g.bbox.x1) + gap * size;
        out.extend(g);
    }
    out
}

/// A paragraph of `lines` at `x`, first baseline `y`, with a first-line indent.
fn para(lines: &[&str], x: f32, y: f32, size: f32, lead: f32, indent: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let dx = if k == 0 { indent } else { 0.0 };
        out.extend(text_at(l, x + dx, y + k as f32 * lead, size, 0));
    }
    out
}

fn page(glyphs: Vec<Glyph>) -> Page {
    build_page(PageGlyphs { number: 1, width: 612.0, height: 792.0, glyphs, graphics: vec![], links: vec![] })
}

fn block_texts(p: &Page) -> Vec<String> {
    p.blocks.iter().map(TextBlock::text).collect()
}

/// Many lines of plain text so that the page's gap statistics are meaningful.
fn filler(x: f32, y: f32, n: usize) -> Vec<Glyph> {
    (0..n).flat_map(|k| gapped(&["lorem", "ipsum", "dolor", "sit", "amet"], x, y + 12.0 * k as f32, 10.0, 0.33)).collect()
}

#[test]
fn words_split_at_gaps_without_space_glyphs() {
    let p = page(gapped(&["alpha", "beta", "gamma"], 72.0, 100.0, 10.0, 0.3));
    let line = &p.blocks[0].lines[0];
    let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(words, ["alpha", "beta", "gamma"]);
    assert!(line.words[1].space_before && !line.words[0].space_before);
}

#[test]
fn kerned_letters_stay_in_one_word() {
    let mut g = text_at("Wave", 72.0, 100.0, 10.0, 0);
    // Kerning pulls "a" under the "W" and leaves a small gap after it.
    g[1].bbox.x0 -= 1.0;
    g[1].bbox.x1 -= 1.0;
    g[2].bbox.x0 += 0.5;
    g[2].bbox.x1 += 0.5;
    let p = page(g);
    assert_eq!(p.blocks[0].lines[0].words.len(), 1);
}

#[test]
fn gap_threshold_follows_the_page_distribution() {
    // Word gaps of 0.12 em (tight setting) and no letter gaps: 0.12 em must split words.
    let mut g = Vec::new();
    for k in 0..12 {
        g.extend(gapped(&["one", "two", "three", "four"], 72.0, 100.0 + 12.0 * k as f32, 10.0, 0.12));
    }
    let p = page(g);
    assert_eq!(p.blocks[0].lines[0].text(), "one two three four");
}

#[test]
fn words_split_at_space_glyphs() {
    let p = page(text_at("to be", 72.0, 100.0, 10.0, 0));
    let words: Vec<&str> = p.blocks[0].lines[0].words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(words, ["to", "be"]);
}

#[test]
fn font_change_splits_word_without_space() {
    let mut g = text_at("bold", 72.0, 100.0, 10.0, 1);
    g.extend(text_at("face", 92.0, 100.0, 10.0, 0));
    let p = page(g);
    let line = &p.blocks[0].lines[0];
    assert_eq!(line.words.len(), 2);
    assert!(!line.words[1].space_before);
    assert_eq!(line.text(), "boldface");
}

#[test]
fn superscript_call_joins_its_line() {
    let mut g = text_at("as noted", 72.0, 100.0, 10.0, 0);
    let end = g.last().map_or(0.0, |g| g.bbox.x1);
    g.extend(text_at("12", end + 0.2, 96.5, 7.0, 2));
    g.extend(text_at(" later", end + 7.2, 100.0, 10.0, 0));
    let p = page(g);
    assert_eq!(p.blocks.len(), 1);
    assert_eq!(p.blocks[0].lines.len(), 1);
    let line = &p.blocks[0].lines[0];
    assert_eq!(line.text(), "as noted12 later");
    assert_eq!(line.baseline, 100.0);
}

#[test]
fn duplicate_glyphs_drawn_twice_are_dropped() {
    let mut g = text_at("Bold", 72.0, 100.0, 10.0, 0);
    let mut again = text_at("Bold", 72.3, 100.0, 10.0, 0);
    g.append(&mut again);
    let p = page(g);
    assert_eq!(p.blocks[0].lines[0].text(), "Bold");
}

#[test]
fn glyphs_out_of_x_order_are_sorted() {
    let mut g = text_at("order", 72.0, 100.0, 10.0, 0);
    g.reverse();
    let p = page(g);
    assert_eq!(p.blocks[0].lines[0].text(), "order");
}

#[test]
fn rotated_glyphs_stay_out_of_horizontal_lines() {
    let mut g = text_at("body text", 72.0, 100.0, 10.0, 0);
    let mut side = text_at("arXiv", 30.0, 100.0, 10.0, 0);
    for s in &mut side {
        s.upright = false;
    }
    g.extend(side);
    let p = page(g);
    let texts = block_texts(&p);
    assert_eq!(texts, ["body text", "arXiv"]);
}

#[test]
fn wide_justified_space_does_not_split_a_one_column_line() {
    let mut g = filler(72.0, 100.0, 3);
    g.extend(gapped(&["stretched", "words", "here"], 72.0, 136.0, 10.0, 1.2));
    g.extend(filler(72.0, 148.0, 3));
    let p = page(g);
    assert_eq!(p.blocks.len(), 1);
    assert!(p.blocks[0].lines.iter().any(|l| l.text() == "stretched words here"));
}

#[test]
fn a_note_number_set_wide_before_text_that_wraps_under_it_stays_on_its_line() {
    let mut g = gapped(&["1"], 72.0, 100.0, 10.0, 0.3);
    g.extend(gapped(&["The", "note", "opens", "here", "and", "runs", "on", "to", "the"], 107.0, 100.0, 10.0, 0.3));
    g.extend(gapped(&["next", "line", "under", "its", "number,", "and", "ends."], 72.0, 112.0, 10.0, 0.3));
    let p = page(g);
    assert_eq!(p.blocks.len(), 1, "{:?}", block_texts(&p));
    assert_eq!(p.blocks[0].lines[0].text(), "1 The note opens here and runs on to the");
}

#[test]
fn a_bullet_beside_the_next_columns_line_is_cut_off_from_it() {
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 100.0 + 12.0 * k as f32;
        let left: &[&str] = if k == 2 { &["•"] } else { &["left", "column", "text"] };
        g.extend(gapped(left, 72.0, y, 10.0, 0.3));
        g.extend(gapped(&["right", "column", "text"], 172.0, y, 10.0, 0.3));
    }
    let p = page(g);
    assert!(p.blocks.iter().flat_map(|b| &b.lines).all(|l| !l.text().contains("• right")), "{:?}", block_texts(&p));
}

#[test]
fn a_line_stretched_around_a_long_address_below_stays_one_line() {
    // "Bank of Korea. 2020. Yearbook." justified to the measure: every space 4 em wide, and
    // the next line an unbroken web address across the whole measure.
    let mut gs = filler(72.0, 100.0, 6);
    gs.extend(gapped(&["Bank", "of", "Korea.", "2020.", "Yearbook."], 72.0, 200.0, 10.0, 4.0));
    gs.extend(text_at("https://www.bok.or.kr/en/publications/2020/statistical-yearbook-2020?page=1", 72.0, 212.0, 10.0, 0));
    let p = page(gs);
    let lines: Vec<String> = p.blocks.iter().flat_map(|b| b.lines.iter()).map(|l| l.text()).collect();
    assert!(lines.iter().any(|l| l == "Bank of Korea. 2020. Yearbook."), "{lines:?}");
}

#[test]
fn a_heading_under_two_columns_goes_with_the_full_width_list_below_it() {
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text", "runs", "on"], 72.0, y, 10.0, 0.3));
        g.extend(gapped(&["right", "column", "text", "runs", "on"], 252.0, y, 10.0, 0.3));
    }
    g.extend(text_at("Notes", 72.0, 200.0, 12.0, 1));
    for k in 0..3 {
        g.extend(gapped(&["a", "note", "set", "across", "the", "whole", "measure", "of", "the", "page", "below", "both"], 72.0, 218.0 + 11.0 * k as f32, 9.0, 0.3));
    }
    let texts = block_texts(&page(g));
    let at = |s: &str| texts.iter().position(|t| t.starts_with(s)).unwrap_or(usize::MAX);
    assert!(at("left") < at("right") && at("right") < at("Notes") && at("Notes") < at("a note"), "{texts:?}");
}

#[test]
fn word_spaces_of_a_narrow_justified_column_that_nearly_line_up_do_not_cut_its_lines() {
    // Two columns; the right one justified, its spaces 0.65 to 0.75 em. On three lines the
    // spaces between the first four words fall within one or two points of the same places;
    // the lines around them end short of them (last lines of paragraphs).
    let mut g = Vec::new();
    let rows: [(&[&str], f32); 5] = [
        (&["in", "turn."], 7.0),
        (&["defence", "aids", "support", "border", "trade", "to", "all"], 7.5),
        (&["economic", "and", "foreign", "policy", "goals", "of", "the"], 7.0),
        (&["nationals", "go", "program", "reform", "would", "be", "new"], 6.5),
        (&["as", "they", "said", "so", "far."], 7.0),
    ];
    for (k, (words, gap)) in rows.iter().enumerate() {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text", "runs", "on"], 72.0, y, 10.0, 0.3));
        g.extend(gapped(words, 202.0, y, 10.0, gap / 10.0));
    }
    let p = page(g);
    let lines: Vec<String> = p.blocks.iter().flat_map(|b| b.lines.iter()).map(|l| l.text()).collect();
    assert!(lines.iter().any(|l| l == "economic and foreign policy goals of the"), "{lines:?}");
    assert!(lines.iter().all(|l| !l.starts_with("left") || l == "left column text runs on"), "the gutter still cuts: {lines:?}");
}

#[test]
fn the_same_last_word_of_justified_lines_does_not_make_a_gutter_before_it() {
    // A justified left column whose lines all end on "the", set flush to its right margin,
    // so that the space before it ends at one x on every line; a right column beside it.
    let left: [&[&str]; 5] = [
        &["alliance.", "As", "DPRK", "styles", "as", "the"],
        &["Korean", "Peninsula,", "about", "the"],
        &["economic", "success", "and", "so", "the"],
        &["regime", "would", "face", "all", "the"],
        &["it", "is", "important", "to", "see", "the"],
    ];
    let mut g = Vec::new();
    for (k, words) in left.iter().enumerate() {
        let y = 100.0 + 12.0 * k as f32;
        let ink: usize = words.iter().map(|w| w.len()).sum();
        let gap = (160.0 - 5.0 * ink as f32) / (words.len() - 1) as f32;
        g.extend(gapped(words, 72.0, y, 10.0, gap / 10.0));
        g.extend(gapped(&["right", "column", "text", "runs", "on", "here"], 250.0, y, 10.0, 0.3));
    }
    let p = page(g);
    let lines: Vec<String> = p.blocks.iter().flat_map(|b| b.lines.iter()).map(|l| l.text()).collect();
    assert!(lines.iter().any(|l| l == "alliance. As DPRK styles as the"), "{lines:?}");
    assert!(lines.iter().all(|l| !l.starts_with("the")), "{lines:?}");
}

#[test]
fn a_line_set_lower_by_the_call_raised_in_it_stays_in_its_paragraph() {
    // A browser makes the line with a raised call taller: its baseline drops by about as
    // much as the call reaches above the type.
    let mut g = Vec::new();
    for k in 0..4 {
        g.extend(gapped(&["the", "paragraph", "runs", "on", "across", "the", "column"], 72.0, 100.0 + 14.0 * k as f32, 10.0, 0.3));
    }
    let y = 100.0 + 14.0 * 4.0 + 2.0;
    let line = gapped(&["and", "ends", "here:"], 72.0, y, 10.0, 0.3);
    let end = line.last().map_or(0.0, |g| g.bbox.x1);
    g.extend(line);
    g.extend(text_at("2", end + 0.5, y - 4.5, 6.5, 0));
    let p = page(g);
    assert_eq!(p.blocks.len(), 1, "{:?}", block_texts(&p));
}

#[test]
fn a_right_column_line_stretched_to_its_measure_beside_the_left_column_stays_whole() {
    // The right column's line has three words justified 3.5 em apart; the left column shares
    // its baseline, so only the piece right of the gutter tells that its spaces are alike.
    let mut g = Vec::new();
    for k in 0..5 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text", "runs", "on"], 72.0, y, 10.0, 0.3));
        let right: &[&str] = if k == 3 { &["increasingly", "acknowledge.", "With"] } else { &["right", "column", "text", "runs", "on", "here", "too", "now", "and", "then"] };
        let gap = if k == 3 { 3.5 } else { 0.3 };
        g.extend(gapped(right, 200.0, y, 10.0, gap));
    }
    let lines: Vec<String> = page(g).blocks.iter().flat_map(|b| b.lines.iter()).map(|l| l.text()).collect();
    assert!(lines.iter().any(|l| l == "increasingly acknowledge. With"), "{lines:?}");
}

#[test]
fn the_last_word_of_a_right_column_paragraph_is_cut_from_the_full_left_line_beside_it() {
    let mut g = Vec::new();
    for k in 0..4 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text", "runs", "on"], 72.0, y, 10.0, 0.3));
        let right: &[&str] = if k == 3 { &["ends."] } else { &["right", "column", "text", "runs", "on"] };
        g.extend(gapped(right, 200.0, y, 10.0, 0.3));
    }
    let texts = block_texts(&page(g));
    assert!(texts.iter().all(|t| !t.contains("on ends.")), "{texts:?}");
    assert!(texts.iter().any(|t| t.ends_with("runs on\nends.")), "{texts:?}");
}

/// Two columns of `left` and `right` lines, then a "References" heading at `heading_y`
/// under the left column: the blocks' texts in reading order.
fn columns_then_a_heading(left: usize, right: usize, heading_y: f32) -> Vec<String> {
    let mut g = Vec::new();
    for k in 0..left {
        g.extend(gapped(&["left", "column", "text", "runs", "on"], 72.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
    }
    for k in 0..right {
        g.extend(gapped(&["right", "column", "text", "runs", "on"], 252.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
    }
    g.extend(text_at("References", 72.0, heading_y, 12.0, 1));
    block_texts(&page(g))
}

#[test]
fn a_heading_left_under_balanced_columns_at_the_page_foot_comes_after_both() {
    // The columns end a line apart; the heading's list starts on the next page.
    let texts = columns_then_a_heading(40, 39, 600.0);
    let at = |s: &str| texts.iter().position(|t| t.starts_with(s)).unwrap_or(usize::MAX);
    assert!(at("left") < at("right") && at("right") < at("References"), "{texts:?}");
}

#[test]
fn a_heading_at_the_foot_of_a_column_longer_than_the_next_stays_in_it() {
    // The last page of a body: the left column runs on far below the right one.
    let texts = columns_then_a_heading(40, 12, 600.0);
    let at = |s: &str| texts.iter().position(|t| t.starts_with(s)).unwrap_or(usize::MAX);
    assert!(at("left") < at("References") && at("References") < at("right"), "{texts:?}");
}

#[test]
fn column_gutter_splits_lines_on_a_shared_baseline() {
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
        g.extend(gapped(&["right", "column", "text"], 172.0, y, 10.0, 0.3));
    }
    let p = page(g);
    assert_eq!(p.blocks.len(), 2);
    assert!(p.blocks[0].lines.iter().all(|l| l.text() == "left column text"));
    assert!(p.blocks[1].lines.iter().all(|l| l.text() == "right column text"));
    assert_eq!((p.blocks[0].column, p.blocks[1].column), (0, 1));
}

#[test]
fn ragged_column_beside_hanging_indents_splits_at_the_gutter() {
    // A reference list in two columns: left lines end raggedly, right entries hang
    // indented, so no edge lines up with the gap of the line in question (row 3).
    let lefts: [&[&str]; 6] = [
        &["alpha", "beta", "gamma"],
        &["alpha", "betas"],
        &["alpha", "beta", "gam"],
        &["alpha", "betas", "gamma"],
        &["alpha"],
        &["alpha", "betas"],
    ];
    let mut g = Vec::new();
    for (k, left) in lefts.iter().enumerate() {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(left, 72.0, y, 10.0, 0.3));
        let x = if k == 0 || k == 3 { 172.0 } else { 182.0 };
        g.extend(gapped(&["right", "column", "text"], x, y, 10.0, 0.3));
    }
    let p = page(g);
    for b in &p.blocks {
        for l in &b.lines {
            assert!(l.bbox.x1 < 165.0 || l.bbox.x0 > 165.0, "line crosses the gutter: {}", l.text());
        }
    }
}

#[test]
fn indented_first_line_beside_a_narrow_gutter_still_splits() {
    // The gutter is 1.2 em; one right-hand line is indented an em, so the widened gap's
    // middle reaches where the other right-hand lines start.
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
        let x = if k == 3 { 170.0 } else { 160.0 };
        g.extend(gapped(&["right", "column", "text"], x, y, 10.0, 0.3));
    }
    let p = page(g);
    for b in &p.blocks {
        for l in &b.lines {
            assert!(l.bbox.x1 < 155.0 || l.bbox.x0 > 155.0, "line crosses the gutter: {}", l.text());
        }
    }
}

#[test]
fn heading_in_the_next_column_beside_a_short_line_splits() {
    // A bold heading starts the right column on the baseline of a left-hand line.
    let mut g = Vec::new();
    for k in 0..6 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text"], 72.0, y, 10.0, 0.3));
        if k == 2 {
            g.extend(text_at("Method", 160.0, y, 11.5, 1));
        } else if k > 2 {
            g.extend(gapped(&["right", "column", "text", "runs"], 160.0, y, 10.0, 0.3));
        }
    }
    let p = page(g);
    assert!(p.blocks.iter().flat_map(|b| b.lines.iter()).any(|l| l.text() == "Method"));
}

#[test]
fn clause_number_and_its_title_in_another_face_stay_one_line() {
    // "1.1   Scope": a tab after the number, the title in italics where indented lines start.
    let mut g = text_at("1.1", 60.0, 100.0, 10.0, 0);
    g.extend(text_at("Scope", 91.0, 100.0, 10.0, 2));
    for k in 1..6 {
        g.extend(gapped(&["T.50", "A", "document", "application", "profile"], 91.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
    }
    let p = page(g);
    assert!(p.blocks.iter().flat_map(|b| b.lines.iter()).any(|l| l.text() == "1.1 Scope"), "{:?}", block_texts(&p));
}

#[test]
fn line_on_a_baseline_shared_by_offset_columns_splits_at_the_column_edges() {
    // The right column's baselines sit 6 pt lower, except one that meets a left line.
    let mut g = Vec::new();
    for k in 0..8 {
        let y = 100.0 + 12.0 * k as f32;
        g.extend(gapped(&["left", "column", "text", "here"], 72.0, y, 10.0, 0.3));
        let yr = if k == 4 { y } else { y + 6.0 };
        g.extend(gapped(&["right", "column", "words"], 240.0, yr, 10.0, 0.3));
    }
    let p = page(g);
    for b in &p.blocks {
        for l in &b.lines {
            assert!(l.bbox.x1 < 230.0 || l.bbox.x0 > 230.0, "line crosses the gutter: {}", l.text());
        }
    }
}

#[test]
fn wide_justified_spaces_at_a_page_top_do_not_split() {
    // The first line has two wide spaces; below it only ordinary lines.
    let mut g = gapped(&["for", "meeting", "the", "economic", "and", "foreign", "policy"], 72.0, 100.0, 10.0, 0.8);
    g.extend(filler(72.0, 112.0, 4));
    let p = page(g);
    assert_eq!(p.blocks[0].lines[0].text(), "for meeting the economic and foreign policy");
}

#[test]
fn note_call_in_the_next_column_stays_out_of_this_line() {
    // A body line in the left column; at the same height, a smaller note with its call
    // in the right column.
    let mut g = Vec::new();
    for k in 0..4 {
        g.extend(gapped(&["body", "text", "of", "the", "left"], 72.0, 100.0 + 12.0 * k as f32, 10.0, 0.3));
    }
    g.extend(text_at("10", 240.0, 135.0, 6.0, 1));
    g.extend(gapped(&["The", "note", "text"], 246.0, 137.5, 8.0, 0.3));
    let p = page(g);
    let texts: Vec<String> = p.blocks.iter().flat_map(|b| b.lines.iter().map(Line::text)).collect();
    assert!(texts.contains(&"body text of the left".to_string()), "{texts:?}");
    assert!(texts.contains(&"10The note text".to_string()), "{texts:?}");
}

#[test]
fn notes_starting_with_raised_calls_are_separate_blocks() {
    // Two notes; the first fills its line, so only the raised call shows the second begins.
    let mut g = Vec::new();
    for (k, text) in ["a note that runs the full width of the area", "a short note"].iter().enumerate() {
        let y = 700.0 + 11.0 * k as f32;
        g.extend(text_at(&(k + 1).to_string(), 72.0, y - 3.0, 6.0, 1));
        g.extend(text_at(text, 76.0, y, 9.0, 0));
    }
    let p = page(g);
    assert_eq!(block_texts(&p), ["1a note that runs the full width of the area", "2a short note"]);
}

#[test]
fn two_columns_read_left_then_right() {
    let mut g = Vec::new();
    g.extend(para(&["first para line", "first para ends"], 72.0, 100.0, 10.0, 12.0, 10.0));
    g.extend(para(&["second para line", "second para end"], 72.0, 124.0, 10.0, 12.0, 10.0));
    g.extend(para(&["third para line", "third para ends"], 300.0, 100.0, 10.0, 12.0, 10.0));
    let p = page(g);
    let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    assert_eq!(firsts, ["first para line", "second para line", "third para line"]);
    assert_eq!(p.blocks.iter().map(|b| b.column).collect::<Vec<_>>(), [0, 0, 1]);
}

#[test]
fn title_band_precedes_columns_and_footer_follows() {
    let mut g = text_at("A Title Running Across Both Columns Of The Page", 100.0, 60.0, 18.0, 3);
    g.extend(para(&["left one", "left two", "left three"], 72.0, 120.0, 10.0, 12.0, 0.0));
    g.extend(para(&["right one", "right two"], 320.0, 120.0, 10.0, 12.0, 0.0));
    g.extend(text_at("Page footer across the whole width of the page here", 72.0, 700.0, 10.0, 0));
    let p = page(g);
    let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    assert_eq!(
        firsts,
        [
            "A Title Running Across Both Columns Of The Page",
            "left one",
            "right one",
            "Page footer across the whole width of the page here"
        ]
    );
}

#[test]
fn page_number_in_the_gutter_comes_after_both_columns() {
    let mut g = Vec::new();
    g.extend(para(&["left one", "left two", "left three"], 72.0, 120.0, 10.0, 12.0, 0.0));
    g.extend(para(&["right one", "right two"], 160.0, 120.0, 10.0, 12.0, 0.0));
    g.extend(text_at("7", 150.0, 700.0, 9.0, 0));
    let p = page(g);
    let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    assert_eq!(firsts, ["left one", "right one", "7"]);
    assert_eq!(p.blocks.iter().map(|b| b.column).collect::<Vec<_>>(), [0, 1, 0]);
}

#[test]
fn a_short_heading_and_line_beside_the_next_column_keep_the_columns() {
    // Left: a paragraph, a heading with a line ending a little short, a list; right: list
    // entries. Gaps that happen to line up cut bands across both; the middle band's own
    // gutter is wider than the columns' by its ragged edge only.
    let mut g = text_at("A Title Running Across Both Columns Of This Page", 72.0, 60.0, 12.0, 3);
    g.extend(para(&["left paragraph line of text here", "left paragraph line of text end"], 72.0, 100.0, 10.0, 12.0, 0.0));
    g.extend(text_at("Short Heading", 72.0, 150.0, 10.0, 3));
    g.extend(text_at("left line ending a bit short", 72.0, 162.0, 10.0, 0));
    g.extend(para(&["1. left list entry of the text", "2. left list entry of the text"], 72.0, 200.0, 10.0, 12.0, 0.0));
    for (k, y) in [100.0, 140.0, 190.0].iter().enumerate() {
        g.extend(para(&[&format!("{}. right list entry", k + 3), "that runs on here", "and ends here."], 250.0, *y, 10.0, 12.0, 0.0));
    }
    let p = page(g);
    let order: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    let first_right = order.iter().position(|t| t.contains("right")).expect("right column");
    assert!(order[..first_right].iter().any(|t| t.starts_with("1. left")), "{order:?}");
    assert!(order[first_right..].iter().all(|t| t.contains("right")), "{order:?}");
}

#[test]
fn side_labels_beside_their_paragraphs_are_read_row_by_row() {
    let mut g = text_at("What do I pay and when is it due?", 80.0, 60.0, 12.0, 3);
    for (k, label) in ["Premium", "Refund terms", "Duration"].iter().enumerate() {
        let y = 100.0 + 60.0 * k as f32;
        g.extend(text_at(label, 50.0, y, 10.0, 0));
        g.extend(para(&["the paragraph that the label names runs on", "over a second line of the text as well"], 200.0, y, 10.0, 12.0, 0.0));
    }
    let p = page(g);
    let order: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    assert_eq!(order.iter().skip(1).step_by(2).map(String::as_str).collect::<Vec<_>>(), ["Premium", "Refund terms", "Duration"], "{order:?}");
}

#[test]
fn columns_continue_across_an_accidental_horizontal_gap() {
    // Both columns have a paragraph gap at the same height: still left column first.
    let mut g = Vec::new();
    g.extend(para(&["L1 a", "L1 b"], 72.0, 100.0, 10.0, 12.0, 0.0));
    g.extend(para(&["L2 a", "L2 b"], 72.0, 140.0, 10.0, 12.0, 0.0));
    g.extend(para(&["R1 a", "R1 b"], 320.0, 100.0, 10.0, 12.0, 0.0));
    g.extend(para(&["R2 a", "R2 b"], 320.0, 140.0, 10.0, 12.0, 0.0));
    let p = page(g);
    let firsts: Vec<String> = p.blocks.iter().map(|b| b.lines[0].text()).collect();
    assert_eq!(firsts, ["L1 a", "L2 a", "R1 a", "R2 a"]);
}

#[test]
fn paragraph_split_by_first_line_indent() {
    let long = "words words words words words";
    let g = [
        para(&[long, long, "end of one."], 72.0, 100.0, 10.0, 12.0, 15.0),
        para(&[long, long, "end of two."], 72.0, 136.0, 10.0, 12.0, 15.0),
    ]
    .concat();
    let p = page(g);
    assert_eq!(p.blocks.len(), 2);
    assert_eq!(p.blocks[0].lines.len(), 3);
    assert_eq!(p.blocks[1].lines[2].text(), "end of two.");
}

#[test]
fn unindented_first_paragraph_then_indented_one() {
    let long = "words words words words words";
    let g = [
        para(&[long, long, "end."], 72.0, 100.0, 10.0, 12.0, 0.0),
        para(&[long, long, "end."], 72.0, 136.0, 10.0, 12.0, 15.0),
    ]
    .concat();
    assert_eq!(page(g).blocks.len(), 2);
}

#[test]
fn paragraph_split_by_vertical_space() {
    let long = "words words words words words";
    let g = [
        para(&[long, long, long], 72.0, 100.0, 10.0, 12.0, 0.0),
        para(&[long, long, long], 72.0, 142.0, 10.0, 12.0, 0.0),
    ]
    .concat();
    let p = page(g);
    assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [3, 3]);
}

#[test]
fn short_paragraphs_set_apart_by_space_split_though_their_gaps_outnumber_their_lines() {
    // One-line and two-line paragraphs with half a line between them: the page has more
    // gaps (18 pt) than lines within a paragraph (12 pt).
    let long = "words words words words words";
    let g = [
        para(&["A one-line paragraph."], 72.0, 100.0, 10.0, 12.0, 0.0),
        para(&[long, "and its end."], 72.0, 118.0, 10.0, 12.0, 0.0),
        para(&["Another one-line paragraph."], 72.0, 148.0, 10.0, 12.0, 0.0),
        para(&[long, "and its end."], 72.0, 166.0, 10.0, 12.0, 0.0),
    ]
    .concat();
    let p = page(g);
    assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [1, 2, 1, 2]);
}

#[test]
fn heading_split_by_size() {
    let mut g = text_at("Introduction", 72.0, 100.0, 14.0, 1);
    g.extend(para(&["body text follows the heading", "and goes on."], 72.0, 116.0, 10.0, 12.0, 0.0));
    let p = page(g);
    assert_eq!(block_texts(&p), ["Introduction", "body text follows the heading\nand goes on."]);
}

#[test]
fn heading_in_body_size_split_by_font() {
    let mut g = text_at("Method", 72.0, 100.0, 10.0, 1);
    g.extend(para(&["body text follows the heading", "and goes on."], 72.0, 112.0, 10.0, 12.0, 0.0));
    let p = page(g);
    assert_eq!(p.blocks.len(), 2);
    assert_eq!(p.blocks[0].text(), "Method");
}

#[test]
fn hanging_indent_entries_are_separate_blocks() {
    let long = "Author, A. 2020. A title of some length here";
    let mut g = Vec::new();
    let mut y = 100.0;
    for _ in 0..3 {
        g.extend(text_at(long, 72.0, y, 10.0, 0));
        g.extend(text_at(long, 90.0, y + 12.0, 10.0, 0));
        g.extend(text_at("pp. 1-2.", 90.0, y + 24.0, 10.0, 0));
        y += 36.0;
    }
    let p = page(g);
    assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [3, 3, 3]);
}

#[test]
fn list_items_with_bullets_are_separate_blocks() {
    let mut g = Vec::new();
    let mut y = 100.0;
    for _ in 0..3 {
        g.extend(text_at("•", 72.0, y, 10.0, 0));
        g.extend(text_at("item text that wraps onto", 84.0, y, 10.0, 0));
        g.extend(text_at("a second line", 84.0, y + 12.0, 10.0, 0));
        y += 24.0;
    }
    let p = page(g);
    assert_eq!(p.blocks.len(), 3);
    assert_eq!(p.blocks[0].text(), "• item text that wraps onto\na second line");
}

#[test]
fn block_quote_is_its_own_block() {
    let long = "words words words words words words";
    let mut g = para(&[long, long], 72.0, 100.0, 10.0, 12.0, 15.0);
    g.extend(para(&["quoted words quoted words", "quoted words quoted"], 92.0, 124.0, 10.0, 12.0, 0.0));
    g.extend(para(&["and the end."], 72.0, 148.0, 10.0, 12.0, 0.0));
    g.extend(para(&[long, long, long], 72.0, 160.0, 10.0, 12.0, 15.0));
    let p = page(g);
    assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [2, 2, 1, 3]);
}

#[test]
fn hanging_continuation_after_a_full_first_line_stays_in_its_entry() {
    // Three entries set flush left with a hanging indent; the middle one's first line is full.
    let full = "Author, B. 2021. A much longer title that fills its line";
    let mut g = text_at("Author, A. 2020. Short.", 72.0, 100.0, 10.0, 0);
    g.extend(text_at(full, 72.0, 112.0, 10.0, 0));
    g.extend(text_at("doi:10.1/xyz.", 90.0, 124.0, 10.0, 0));
    g.extend(text_at("Author, C. 2022. Short.", 72.0, 136.0, 10.0, 0));
    let p = page(g);
    assert_eq!(p.blocks.iter().map(|b| b.lines.len()).collect::<Vec<_>>(), [1, 2, 1]);
}

#[test]
fn bad_geometry_is_dropped_without_panic() {
    let mut g = text_at("ok", 72.0, 100.0, 10.0, 0);
    g.push(Glyph { text: "x".into(), bbox: Rect { x0: f32::NAN, ..Default::default() }, ..Default::default() });
    g.push(Glyph { text: "y".into(), size: 0.0, upright: true, ..Default::default() });
    let p = page(g);
    assert!(block_texts(&p).contains(&"ok".to_string()));
    assert!(page(Vec::new()).blocks.is_empty());
}
