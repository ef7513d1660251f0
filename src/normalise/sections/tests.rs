//! Tests of the body builder on small hand-built layouts.

use super::super::notes::{find_notes_regions, find_page_notes, note_mark};
use super::super::testkit::*;
use super::super::lines::{collect_lines, BodyStyle};
use super::*;

fn run(layout: &crate::layout::Layout) -> Built {
    let lines = collect_lines(layout);
    let body = BodyStyle::of(&lines);
    let idx: Vec<usize> = (0..lines.len()).collect();
    let ev = Evidence::from_lines(lines.iter());
    let notes = find_page_notes(&lines, &idx, &body);
    let idx: Vec<usize> = idx.into_iter().filter(|i| !notes.lines.contains(i)).collect();
    build(&lines, &idx, &[], notes, &body, &ev)
}

fn texts(b: &Built) -> Vec<(Option<String>, u8, Vec<(BlockKind, String)>)> {
    b.sections
        .iter()
        .map(|s| (s.title.clone(), s.level, s.blocks.iter().map(|b| (b.kind, b.text())).collect()))
        .collect()
}

const FULL: &str = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo ppp";

#[test]
fn larger_heading_is_level_one_and_bold_body_size_is_level_two() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &["Opening words of the text."])
        .block(&[("Big Heading", 72.0, 140.0, 14.0, BOLD)])
        .para(72.0, 170.0, &["Text under the big one."])
        .block(&[("Small Heading", 72.0, 210.0, 10.0, BOLD)])
        .para(72.0, 240.0, &["Text under the small one."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].0, None);
    assert_eq!((t[1].0.as_deref(), t[1].1), (Some("Big Heading"), 1));
    assert_eq!((t[2].0.as_deref(), t[2].1), (Some("Small Heading"), 2));
}

#[test]
fn heading_wrapped_over_two_lines_is_one_heading() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &["Opening words of the text."])
        .block(&[("Regional Depopulation and Local Govern-", 72.0, 140.0, 14.0, BOLD), ("ment", 72.0, 157.0, 14.0, BOLD)])
        .para(72.0, 190.0, &[FULL, FULL, FULL])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[1].0.as_deref(), Some("Regional Depopulation and Local Government"));
}

#[test]
fn paragraph_continues_across_page_break() {
    let l = Builder::new()
        .page()
        .para(72.0, 700.0, &[FULL, "and the sentence goes on to the"])
        .page()
        .para(72.0, 100.0, &["next page where it ends.", "Second line."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[0].2.len(), 1);
    assert!(t[0].2[0].1.contains("to the next page"));
}

#[test]
fn finished_paragraph_does_not_join_next_page() {
    let l = Builder::new()
        .page()
        .para(72.0, 700.0, &[FULL, "and it ends here."])
        .page()
        .para(72.0, 100.0, &["A new paragraph starts.", "Second line."])
        .build();
    assert_eq!(texts(&run(&l))[0].2.len(), 2);
}

#[test]
fn indented_first_lines_split_one_block_into_paragraphs() {
    let l = Builder::new()
        .page()
        .block(&[
            (FULL, 72.0, 100.0, 10.0, REGULAR),
            ("end of the first one.", 72.0, 112.0, 10.0, REGULAR),
            ("Then a second paragraph", 87.0, 124.0, 10.0, REGULAR),
            ("and the second one ends here.", 72.0, 136.0, 10.0, REGULAR),
        ])
        .para(72.0, 160.0, &[FULL, "and a third ends."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[0].2.len(), 3, "{t:?}");
    assert!(t[0].2[1].1.starts_with("Then a second"));
}

#[test]
fn bullets_become_list_items_without_the_bullet() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "Three measures stand out:"])
        .block(&[
            ("• Align domestic regulation with the", 80.0, 140.0, 10.0, REGULAR),
            ("emerging regional standard;", 88.0, 152.0, 10.0, REGULAR),
            ("• Fund long-term research.", 80.0, 164.0, 10.0, REGULAR),
        ])
        .para(72.0, 190.0, &[FULL, FULL])
        .build();
    let t = texts(&run(&l));
    let kinds: Vec<BlockKind> = t[0].2.iter().map(|b| b.0).collect();
    assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::ListItem, BlockKind::ListItem, BlockKind::Paragraph]);
    assert_eq!(t[0].2[1].1, "Align domestic regulation with the emerging regional standard;");
    assert_eq!(t[0].2[2].1, "Fund long-term research.");
}

#[test]
fn block_indented_on_both_sides_is_a_quote() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "He said this."])
        .block(&[
            ("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk", 100.0, 140.0, 10.0, REGULAR),
            ("and so the quote ends here.", 100.0, 152.0, 10.0, REGULAR),
        ])
        .para(72.0, 180.0, &[FULL, FULL])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[0].2[1].0, BlockKind::Quote);
    assert_eq!(t[0].2[0].0, BlockKind::Paragraph);
    assert_eq!(t[0].2[2].0, BlockKind::Paragraph);
}

#[test]
fn footnote_call_and_page_bottom_note_are_linked() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "self-reliance (juche).^1 And more text follows here."])
        .block(&[("1 This section draws on a closed-door workshop held in", 72.0, 760.0, 8.0, REGULAR), ("August 2017.", 72.0, 770.0, 8.0, REGULAR)])
        .build();
    let b = run(&l);
    assert_eq!(b.footnotes.len(), 1);
    assert_eq!(b.footnotes[0].label, "1");
    assert_eq!(b.footnotes[0].text, "This section draws on a closed-door workshop held in August 2017.");
    let blk = &b.sections[0].blocks[0];
    assert_eq!(blk.note_calls().collect::<Vec<_>>(), vec![0]);
    assert!(blk.text().contains("(juche). And more"));
    assert_eq!(b.sections[0].blocks.len(), 1);
}

#[test]
fn bulleted_item_with_a_bold_lead_in_is_a_list_item_not_a_heading() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "and the opening paragraph ends here."])
        .block(&[("• IBM MT/ST: Introduced in 1964, this", 90.0, 140.0, 10.0, BOLD), ("machine combined a typewriter with tape.", 108.0, 152.0, 10.0, REGULAR)])
        .para(72.0, 180.0, &[FULL, "and the closing paragraph ends here."])
        .build();
    let b = run(&l);
    assert!(b.sections.iter().all(|s| s.title.is_none()), "{:?}", b.sections.iter().map(|s| &s.title).collect::<Vec<_>>());
    let kinds: Vec<BlockKind> = b.sections.iter().flat_map(|s| s.blocks.iter().map(|b| b.kind)).collect();
    assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Paragraph]);
}

#[test]
fn short_label_with_a_full_stop_alone_on_its_line_is_a_heading_but_a_run_in_is_not() {
    let l = Builder::new()
        .page()
        .block(&[("Background. Improper use of the agent may cause harm to the", 72.0, 100.0, 10.0, BOLD), ("animals, as reported in several studies over the years.", 72.0, 112.0, 10.0, REGULAR)])
        .block(&[("Guidelines.", 72.0, 140.0, 10.0, BOLD)])
        .para(72.0, 155.0, &[FULL, "and the guidance ends here."])
        .build();
    let b = run(&l);
    let titles: Vec<Option<&str>> = b.sections.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(titles, vec![None, Some("Guidelines.")]);
    assert!(b.sections[0].blocks[0].text().starts_with("Background. Improper"));
}

#[test]
fn numbered_list_under_a_heading_at_the_page_foot_is_not_notes() {
    // A "References" heading low on the page, its numbered entries in smaller type below,
    // then a real note set apart by a gap and another size.
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "and the last paragraph of the body ends here."])
        .block(&[("References", 72.0, 600.0, 12.0, BOLD)])
        .block(&[("1. Bar-Haim, R. and Dagan, I. 2006. The Second Challenge.", 72.0, 620.0, 9.0, REGULAR)])
        .block(&[("2. Bunescu, R. and Mooney, R. 2006. Subsequence Kernels.", 72.0, 631.0, 9.0, REGULAR)])
        .block(&[("3. Lin, D. 1998. Dependency-based Evaluation.", 72.0, 642.0, 9.0, REGULAR)])
        .block(&[("1 A note set under the list, apart from it.", 72.0, 760.0, 8.0, REGULAR)])
        .build();
    let lines = collect_lines(&l);
    let body = BodyStyle::of(&lines);
    let idx: Vec<usize> = (0..lines.len()).collect();
    let pn = find_page_notes(&lines, &idx, &body);
    let taken: Vec<&str> = pn.lines.iter().map(|&i| lines[i].text.as_str()).collect();
    assert_eq!(taken, vec!["1 A note set under the list, apart from it."]);
}

/// The lines taken as page-foot notes from two pages: two notes at the first page's foot,
/// then body text, a "References" heading and the `list` entries on the second.
fn notes_before_a_list(list: &[&[L]]) -> Vec<String> {
    let mut b = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "A claim.^1 And another.^2"])
        .block(&[("1 The first note.", 72.0, 760.0, 8.0, REGULAR)])
        .block(&[("2 The second note.", 72.0, 770.0, 8.0, REGULAR)])
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "and the last paragraph of the body ends here."])
        .block(&[("References", 72.0, 200.0, 12.0, BOLD)]);
    for entry in list {
        b = b.block(entry);
    }
    let lines = collect_lines(&b.build());
    let body = BodyStyle::of(&lines);
    let idx: Vec<usize> = (0..lines.len()).collect();
    find_page_notes(&lines, &idx, &body).lines.iter().map(|&i| lines[i].text.clone()).collect()
}

#[test]
fn a_reference_list_reaching_the_page_foot_past_a_wrapped_year_is_not_notes() {
    // The list starts high on the page, and its third entry, the first in the page's lower
    // part, follows an entry whose last line is only its year.
    let taken = notes_before_a_list(&[
        &[("[1] R. Bar-Haim and I. Dagan, “The Second Challenge,” Proc. RTE, 2006.", 72.0, 220.0, 9.0, REGULAR)],
        &[("[2] J. Nuñez, “The Domestic Sources of Pension Reform,” Asian Survey, vol. 46,", 72.0, 330.0, 9.0, REGULAR), ("2013.", 72.0, 341.0, 9.0, REGULAR)],
        &[("[3] D. Lin, “Dependency-based Evaluation,” Proc. LREC, 1998.", 72.0, 356.0, 9.0, REGULAR)],
        &[("[4] Y.-J. Kim, “Coalitions and Credibility,” Korea Observer, 2016.", 72.0, 370.0, 9.0, REGULAR)],
    ]);
    assert_eq!(taken, vec!["1 The first note.", "2 The second note."]);
}

#[test]
fn a_mark_raised_before_its_word_keeps_the_space_before_it() {
    let l = Builder::new().page().para(72.0, 100.0, &[FULL, "Facebook AI ^†~University of Washington and others."]).build();
    let b = run(&l);
    let text = b.sections[0].blocks[0].text();
    assert!(text.ends_with("Facebook AI †University of Washington and others."), "an uncalled mark stays as printed: {text}");
}

#[test]
fn an_author_date_list_at_the_page_foot_whose_page_range_wraps_to_a_number_is_not_notes() {
    // An unnumbered list runs to the foot, and a wrapped page range puts "157." at the start
    // of a line, far past note 3.
    let taken = notes_before_a_list(&[
        &[("Ahn, H. 2016. “From Crisis to Cooperation.” Asian Survey 46 (2): 130–", 72.0, 600.0, 9.0, REGULAR), ("157. New York: Columbia University Press.", 72.0, 611.0, 9.0, REGULAR)],
        &[("Baker, M. 2015. “Reform of the Markets.” Policy Review, 8(1): 1–", 72.0, 626.0, 9.0, REGULAR), ("20. London: Routledge.", 72.0, 637.0, 9.0, REGULAR)],
        &[("Clark, S. 2019. “Prices and Wages.” Economic Letters, 30(2): 99–110.", 72.0, 652.0, 9.0, REGULAR)],
    ]);
    assert_eq!(taken, vec!["1 The first note.", "2 The second note."]);
}

/// The notes read from two pages: a note left open at the first page's foot, and `below`
/// set under the second page's text.
fn notes_over_a_page_break(below: L) -> Vec<String> {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "A claim.^1"])
        .block(&[("1 A note that runs on to the", 72.0, 770.0, 8.0, REGULAR)])
        .page()
        .para(72.0, 100.0, &[FULL, "Another claim."])
        .block(&[below])
        .build();
    run(&l).footnotes.into_iter().map(|f| f.text).collect()
}

#[test]
fn note_continues_on_next_page() {
    let notes = notes_over_a_page_break(("next page of the document.", 72.0, 770.0, 8.0, REGULAR));
    assert_eq!(notes, vec!["A note that runs on to the next page of the document."]);
}

#[test]
fn an_italic_statement_under_the_next_page_text_does_not_continue_a_note() {
    let notes = notes_over_a_page_break(("The institute takes no position on policy issues and", 72.0, 700.0, 8.0, ITALIC));
    assert_eq!(notes, vec!["A note that runs on to the"]);
}

#[test]
fn label_lines_never_become_paragraphs() {
    let l = Builder::new()
        .page()
        .block(&[("Summary", 72.0, 100.0, 10.0, REGULAR)])
        .para(72.0, 130.0, &["Body text here."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[0].2.len(), 1);
}

#[test]
fn numbered_headings_take_their_level_from_the_number() {
    assert_eq!(numbered_level("2.1 Costs and Benefits"), Some(2));
    assert_eq!(numbered_level("3. Findings"), Some(1));
    assert_eq!(numbered_level("2024 in Review"), None);
    assert_eq!(numbered_level("Findings"), None);
}

#[test]
fn calls_printed_in_body_size_are_split_only_in_sequence() {
    assert_eq!(text_call("deterrence.1", 1), Some("deterrence."));
    assert_eq!(text_call("2021).5", 5), Some("2021)."));
    assert_eq!(text_call("deterrence.1", 2), None);
    assert_eq!(text_call("deterrence.9", 2), None);
    assert_eq!(text_call("45.3", 3), None);
    assert_eq!(text_call("2021", 1), None);
}

#[test]
fn glued_note_mark_in_sequence_is_split() {
    let l = Builder::new().page().block(&[("3Author's calculation for 2018.", 72.0, 760.0, 8.0, REGULAR)]).build();
    let lines = collect_lines(&l);
    assert_eq!(note_mark(&lines[0], Some(3)), Some(("3".to_string(), "Author's calculation for 2018.".to_string())));
    assert_eq!(note_mark(&lines[0], Some(4)), None);
}

#[test]
fn number_opening_a_wrapped_line_is_not_a_list_item() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "the number of joint projects fell from 41 to", "2. Policymakers should therefore act now."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t[0].2.len(), 1);
    assert_eq!(t[0].2[0].0, BlockKind::Paragraph);
}

#[test]
fn notes_box_near_the_start_followed_by_prose_is_not_an_endnote_list() {
    let mut b = Builder::new()
        .page()
        .para(72.0, 100.0, &["Opening words of the text."])
        .block(&[("NOTES", 72.0, 130.0, 10.0, BOLD)])
        .para(72.0, 150.0, &["1 In this text the word Administration stands for both kinds of body.", FULL, "and it ends."]);
    for p in 0..4 {
        b = b.page();
        for k in 0..5 {
            b = b.para(72.0, 100.0 + 60.0 * k as f32, &[FULL, FULL, "and so the paragraph ends."]);
        }
        if p == 3 {
            b = b.block(&[("Notes", 72.0, 420.0, 10.0, BOLD)]).para(72.0, 440.0, &["1. A first note.", "2. A second note.", "3. A third note."]);
        }
    }
    let l = b.build();
    let lines = collect_lines(&l);
    let body = BodyStyle::of(&lines);
    let rest: Vec<usize> = (0..lines.len()).collect();
    let at = find_notes_regions(&lines, &rest, &body, |_| rest.len()).last().map(|r| r.0);
    assert_eq!(at.map(|k| (lines[rest[k]].page, lines[rest[k]].text.as_str())), Some((5, "Notes")));
    let early: Vec<usize> = rest.iter().copied().filter(|&i| lines[i].text != "Notes").collect();
    assert!(find_notes_regions(&lines, &early, &body, |_| early.len()).is_empty());
}

#[test]
fn list_marks() {
    assert!(list_mark("• Item").is_some());
    assert!(list_mark("1. Item").is_some());
    assert!(list_mark("(a) Item").is_some());
    assert!(list_mark("In 2020 the").is_none());
    assert!(list_mark("•").is_none());
}

#[test]
fn display_after_an_unfinished_sentence_stays_apart_and_keeps_its_labelled_fields() {
    // "as follows," then examples set in two ems and more, each line a block of its own;
    // one field line is bold italic, as a heading would be.
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "and the pairs are built up as follows,"])
        .block(&[("ten (id=87_1)", 108.0, 136.0, 10.0, REGULAR)])
        .block(&[("Id: 87_1", 108.0, 160.0, 10.0, ITALIC)])
        .block(&[("Entailment: Unknown", 108.0, 172.0, 10.0, BOLD)])
        .block(&[("Text: the racer has won ten world titles.", 108.0, 184.0, 10.0, ITALIC)])
        .para(72.0, 220.0, &["After the examples the text goes on here.", FULL, "and ends."])
        .build();
    let t = texts(&run(&l));
    assert_eq!(t.len(), 1, "{t:?}");
    let blocks: Vec<&str> = t[0].2.iter().map(|(_, s)| s.as_str()).collect();
    assert!(blocks[0].ends_with("as follows,"), "{blocks:?}");
    assert_eq!(blocks[1], "ten (id=87_1)");
    assert_eq!(blocks[2], "Id: 87_1 Entailment: Unknown Text: the racer has won ten world titles.");
    assert_eq!(t[0].2[2].0, BlockKind::Quote);
}

#[test]
fn call_in_body_size_on_the_first_word_of_a_line_is_a_call() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "as the figures show (OECD 2021).1 Harkening back to the old", "days, the text goes on."])
        .para(72.0, 150.0, &[FULL, "and the results were mixed (OECD", "2021).2 Harkening back to the old days, it goes on."])
        .block(&[("1 The first note.", 72.0, 770.0, 8.0, REGULAR)])
        .block(&[("2 The second note.", 72.0, 782.0, 8.0, REGULAR)])
        .build();
    let b = run(&l);
    let calls: Vec<usize> = b.sections.iter().flat_map(|s| s.blocks.iter().flat_map(|b| b.note_calls().collect::<Vec<_>>())).collect();
    assert_eq!(calls, vec![0, 1]);
    assert!(b.sections[0].blocks[1].text().contains("(OECD 2021). Harkening"), "{}", b.sections[0].blocks[1].text());
}

#[test]
fn an_italic_line_alone_with_room_above_is_a_heading_but_an_italic_sentence_or_run_is_not() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "and the opening paragraph ends here."])
        .block(&[("Ecological Impacts of the Measures", 72.0, 150.0, 10.0, ITALIC)])
        .para(72.0, 175.0, &[FULL, "and the section's text ends here."])
        .block(&[("This one italic line is a sentence.", 72.0, 225.0, 10.0, ITALIC)])
        .para(72.0, 250.0, &[FULL, "and more text ends here."])
        .block(&[("Coccidioides posadasii", 72.0, 300.0, 10.0, ITALIC)])
        .block(&[("Ricin", 72.0, 312.0, 10.0, REGULAR)])
        .block(&[("Rickettsia prowazekii", 72.0, 324.0, 10.0, ITALIC)])
        .block(&[("Saxitoxin", 72.0, 336.0, 10.0, REGULAR)])
        .build();
    let t = texts(&run(&l));
    let titles: Vec<Option<&str>> = t.iter().map(|s| s.0.as_deref()).collect();
    assert_eq!(titles, vec![None, Some("Ecological Impacts of the Measures")], "{t:?}");
}

#[test]
fn a_number_set_wide_before_prose_labels_an_item_whose_lines_wrap_under_it() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &["Opening words of the text."])
        .block(&[("1      The first note opens here and its sentence runs on, filling the line to the", 72.0, 140.0, 10.0, REGULAR), (FULL, 72.0, 152.0, 10.0, REGULAR), ("and it ends here.", 72.0, 164.0, 10.0, REGULAR)])
        .block(&[("2      The second note is one line.", 72.0, 190.0, 10.0, REGULAR)])
        .block(&[("3 2 4 1 5 9", 72.0, 220.0, 10.0, REGULAR)])
        .build();
    let t = texts(&run(&l));
    let kinds: Vec<(BlockKind, &str)> = t[0].2.iter().map(|(k, s)| (*k, &s[..s.len().min(16)])).collect();
    assert_eq!(kinds, vec![(BlockKind::Paragraph, "Opening words of"), (BlockKind::ListItem, "The first note o"), (BlockKind::ListItem, "The second note "), (BlockKind::Paragraph, "3 2 4 1 5 9")], "{t:?}");
}

#[test]
fn an_early_notes_list_is_endnotes_only_when_the_text_before_it_calls_them() {
    let build = |opening: &str| {
        let mut b = Builder::new()
            .page()
            .para(72.0, 100.0, &[opening])
            .block(&[("NOTES", 72.0, 130.0, 10.0, BOLD)])
            .para(72.0, 150.0, &["1 The first note.", "2 The second note.", "3 The third note."]);
        for _ in 0..4 {
            b = b.page().block(&[("The Next Part", 72.0, 60.0, 12.0, BOLD)]);
            for k in 0..5 {
                b = b.para(72.0, 100.0 + 60.0 * k as f32, &[FULL, FULL, "and so the paragraph ends."]);
            }
        }
        b.build()
    };
    for (opening, found) in [("Opening words of the text.", false), ("Opening words^1 of the text^2.", true)] {
        let l = build(opening);
        let lines = collect_lines(&l);
        let body = BodyStyle::of(&lines);
        let rest: Vec<usize> = (0..lines.len()).collect();
        assert_eq!(!find_notes_regions(&lines, &rest, &body, |_| rest.len()).is_empty(), found, "{opening}");
    }
}

#[test]
fn a_reference_list_running_on_down_a_page_to_its_foot_is_not_notes() {
    // The list starts under its heading on one page and fills the next one in small type;
    // the entries at that page's foot carry its numbering on, as notes never do.
    let mut b = Builder::new();
    for _ in 0..3 {
        b = b.page();
        for k in 0..6 {
            b = b.para(72.0, 100.0 + 100.0 * k as f32, &[FULL, FULL, FULL, "and so the paragraph ends."]);
        }
    }
    let mut b = b
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "and the last paragraph of the body ends here."])
        .block(&[("References", 72.0, 600.0, 12.0, BOLD)])
        .block(&[("1. Bar-Haim, R. and Dagan, I. 2006. The Second Challenge.", 72.0, 620.0, 9.0, REGULAR)])
        .block(&[("2. Bunescu, R. and Mooney, R. 2006. Subsequence Kernels.", 72.0, 631.0, 9.0, REGULAR)])
        .page();
    let entries: Vec<String> = (3..=40).map(|n| format!("{n}. Author, A. {}. A Title of the Work. Journal 3: 4-5.", 1960 + n)).collect();
    for (k, e) in entries.iter().enumerate() {
        b = b.block(&[(e.as_str(), 72.0, 80.0 + 18.0 * k as f32, 9.0, REGULAR)]);
    }
    let l = b.build();
    let lines = collect_lines(&l);
    let body = BodyStyle::of(&lines);
    let idx: Vec<usize> = (0..lines.len()).collect();
    let pn = find_page_notes(&lines, &idx, &body);
    let taken: Vec<&str> = pn.lines.iter().map(|&i| lines[i].text.as_str()).collect();
    assert!(taken.is_empty(), "{taken:?}");
}

#[test]
fn an_indented_first_line_that_ends_its_sentence_still_opens_the_paragraph_below_it() {
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, FULL, "and the paragraph before it ends here."])
        .block(&[
            ("In the fourth suite, the reporting measure has positive impacts.", 108.0, 160.0, 10.0, REGULAR),
            (FULL, 72.0, 172.0, 10.0, REGULAR),
            (FULL, 72.0, 184.0, 10.0, REGULAR),
            ("and the paragraph ends here.", 72.0, 196.0, 10.0, REGULAR),
        ])
        .build();
    let t = texts(&run(&l));
    let kinds: Vec<BlockKind> = t[0].2.iter().map(|b| b.0).collect();
    assert_eq!(kinds, vec![BlockKind::Paragraph, BlockKind::Paragraph], "{t:?}");
    assert!(t[0].2[1].1.starts_with("In the fourth suite") && t[0].2[1].1.ends_with("ends here."), "{t:?}");
}

#[test]
fn a_line_hanging_under_the_text_after_a_short_label_goes_on_with_its_entry() {
    // "T.521" then its text; the entry's second line is set in under the text, not the label.
    let first = "T.521    Communication application profile for document bulk transfer based on the";
    let text_x = 72.0 + 5.0 * 5.0 + 3.0 * 5.0 + 3.0;
    let l = Builder::new()
        .page()
        .para(72.0, 100.0, &[FULL, "and the paragraph before it ends here."])
        .block(&[(first, 72.0, 140.0, 10.0, REGULAR), ("session service (according to the rules of T.62).", text_x, 152.0, 10.0, REGULAR)])
        .block(&[("T.563    Terminal characteristics for facsimile apparatus", 72.0, 170.0, 10.0, REGULAR)])
        .build();
    let t = texts(&run(&l));
    let texts: Vec<&str> = t[0].2.iter().map(|b| b.1.as_str()).collect();
    assert_eq!(texts.len(), 3, "{t:?}");
    assert!(texts[1].ends_with("(according to the rules of T.62)."), "{t:?}");
}

/// A browser-made report: text with calls printed `call` ("[1]"), closing with a "Notes"
/// list whose entries open with `mark` ("1.", "[1]"), and with `refs` after it when given.
fn browser_report(call: &str, mark: &str, refs: &[&str]) -> crate::tree::Document {
    use crate::normalise::{normalise, NormaliseOptions};
    let at = |m: &str, n: &str| m.replace('1', n);
    let mut b = Builder::new().page().block(&[("A Browser Report", 72.0, 60.0, 16.0, BOLD)]);
    for k in 0..4 {
        b = b.para(72.0, 100.0 + 60.0 * k as f32, &[FULL, FULL, "and so the paragraph ends."]);
    }
    let claim = format!("The claim is made{} and another one{}, as shown.", at(call, "1"), at(call, "2"));
    b = b.para(72.0, 400.0, &[FULL, &claim]);
    b = b.page().para(72.0, 100.0, &[FULL, FULL, "and the text ends here."]).block(&[("Notes", 72.0, 160.0, 12.0, BOLD)]);
    b = b.block(&[(&format!("{} The first note of the list.", at(mark, "1")), 90.0, 180.0, 10.0, REGULAR)]);
    b = b.block(&[(&format!("{} The second note, with a source, 2020.", at(mark, "2")), 90.0, 196.0, 10.0, REGULAR)]);
    if !refs.is_empty() {
        b = b.block(&[("References", 72.0, 230.0, 12.0, BOLD)]);
        for (k, r) in refs.iter().enumerate() {
            b = b.block(&[(r, 72.0, 250.0 + 16.0 * k as f32, 10.0, REGULAR)]);
        }
    }
    normalise(&b.build(), &NormaliseOptions::default()).output
}

#[test]
fn bracketed_numbers_call_the_notes_of_a_browser_made_notes_list() {
    for mark in ["1.", "[1]"] {
        let d = browser_report("[1]", mark, &[]);
        let notes: Vec<(&str, &str)> = d.footnotes.iter().map(|f| (f.label.as_str(), f.text.as_str())).collect();
        assert_eq!(notes, vec![("1", "The first note of the list."), ("2", "The second note, with a source, 2020.")], "{mark}");
        assert!(d.references.is_empty(), "{mark}: {:?}", d.references);
        let calls: Vec<usize> = d.sections.iter().flat_map(|s| &s.blocks).flat_map(|b| b.note_calls().collect::<Vec<_>>()).collect();
        assert_eq!(calls, vec![0, 1], "{mark}");
        let text: String = d.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text()).collect();
        assert!(text.contains("made and another one, as shown.") && !text.contains('['), "{text}");
    }
}

#[test]
fn bracketed_numbers_citing_a_numbered_reference_list_stay_text() {
    let d = browser_report("[1]", "1.", &["[1] Kim, J. (2019). A study of things. Seoul: Press.", "[2] Lee, A. (2020). Another study. Busan: Press."]);
    assert_eq!(d.references.len(), 2);
    let text: String = d.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text()).collect();
    assert!(text.contains("made[1] and another one[2],"), "{text}");
}

#[test]
fn note_numbers_that_start_again_on_each_page_give_every_note_and_link_every_call() {
    use crate::normalise::{normalise, NormaliseOptions};
    let mut b = Builder::new();
    for (p, w) in ["alpha", "beta", "gamma"].iter().enumerate() {
        b = b.page();
        b = b.para(72.0, 100.0, &[FULL, &format!("Claim number {p} is made^1 and another^2 here."), FULL, "and so it ends."]);
        b = b.block(&[(&format!("1 First note about {w} things."), 72.0, 760.0, 8.0, REGULAR)]);
        b = b.block(&[(&format!("2 Second note about {w} matters."), 72.0, 772.0, 8.0, REGULAR)]);
    }
    let d = normalise(&b.build(), &NormaliseOptions::default()).output;
    let notes: Vec<(&str, &str)> = d.footnotes.iter().map(|f| (f.label.as_str(), f.text.as_str())).collect();
    assert_eq!(notes.len(), 6, "{notes:?}");
    assert_eq!(notes[4], ("1", "First note about gamma things."));
    let calls: Vec<usize> = d.sections.iter().flat_map(|s| &s.blocks).flat_map(|b| b.note_calls().collect::<Vec<_>>()).collect();
    assert_eq!(calls, vec![0, 1, 2, 3, 4, 5]);
}

/// A page whose two headings are set like the body (same size, same weight), between
/// paragraphs; tagged H2 and H3 when `tags`, with the paragraphs tagged P.
fn plain_headings(tags: bool) -> crate::layout::Layout {
    use crate::layout::Tag;
    let para = |b: Builder, y: f32| b.para(72.0, y, &[FULL, FULL, "the end of it."]);
    let mut b = para(Builder::new().page(), 100.0);
    let t = |b: Builder, tag: Tag| if tags { b.tag(tag) } else { b };
    b = t(b, Tag::Paragraph);
    b = t(b.block(&[("Methods and data", 72.0, 150.0, 10.0, REGULAR)]), Tag::Heading(2));
    b = t(para(b, 170.0), Tag::Paragraph);
    b = t(b.block(&[("Where the data come from", 72.0, 220.0, 10.0, REGULAR)]), Tag::Heading(3));
    t(para(b, 240.0), Tag::Paragraph).build()
}

#[test]
fn a_tagged_pdfs_headings_are_headings_where_type_does_not_set_them_apart() {
    let untagged = run(&plain_headings(false));
    assert!(untagged.sections.iter().all(|s| s.title.is_none()), "{:?}", texts(&untagged));
    let tagged = run(&plain_headings(true));
    let heads: Vec<(Option<String>, u8)> = tagged.sections.iter().map(|s| (s.title.clone(), s.level)).collect();
    assert_eq!(
        heads,
        vec![(None, 1), (Some("Methods and data".into()), 1), (Some("Where the data come from".into()), 2)],
        "levels counted from the highest tag the body uses"
    );
    assert!(tagged.roles.iter().any(|(_, r, why)| matches!(r, Role::Heading(1)) && why.contains("structure tree")));
}

#[test]
fn tags_calling_every_line_a_heading_are_not_trusted() {
    use crate::layout::Tag;
    let mut b = Builder::new().page();
    for (i, y) in [100.0, 200.0, 300.0].into_iter().enumerate() {
        b = b.para(72.0, y, &[FULL, FULL, "the end of it."]).tag(Tag::Heading(1));
        if i == 1 {
            b = b.block(&[("Methods and data", 72.0, y + 60.0, 10.0, REGULAR)]).tag(Tag::Heading(1));
        }
    }
    let built = run(&b.build());
    assert!(built.sections.iter().all(|s| s.title.is_none()), "{:?}", texts(&built));
}
