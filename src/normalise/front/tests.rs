//! Title blocks built by hand, one per behaviour of the front-matter reader.

use super::super::testkit::*;
use super::super::lines::{collect_lines, BodyStyle};
use super::super::noise;
use super::*;

/// The layout's lines and what the title-block reader made of them.
fn read_layout(l: &crate::layout::Layout) -> (Vec<super::super::lines::TLine>, FrontResult) {
    let lines = collect_lines(l);
    let body = BodyStyle::of(&lines);
    let furn = noise::detect(&lines);
    let ev = Evidence::from_lines(lines.iter());
    let r = read(&lines, &furn, &body, &ev);
    (lines, r)
}

fn title_block() -> crate::layout::Layout {
    Builder::new()
        .page()
        .block(&[("Policy Brief Series", 72.0, 60.0, 9.0, REGULAR)])
        .block(&[("Waiting for Trump: North Korea's Interim", 72.0, 110.0, 20.0, BOLD), ("Strategy", 72.0, 134.0, 20.0, BOLD)])
        .block(&[("Leif-Eric Easley", 72.0, 160.0, 11.0, REGULAR)])
        .block(&[("June 11, 2024", 72.0, 175.0, 11.0, REGULAR)])
        .block(&[("Summary", 72.0, 210.0, 11.0, BOLD)])
        .para(72.0, 225.0, &["The abstract says this.", "And that."])
        .para(72.0, 300.0, &["Body text begins here and runs", "on for a while in the column.", "And more body."])
        .para(72.0, 350.0, &["More body text here and there", "on and on and on until the end.", "And more body."])
        .build()
}

#[test]
fn names_set_side_by_side_each_over_its_affiliation_are_authors_with_their_affiliations() {
    let mut b = Builder::new()
        .page()
        .block(&[("Alliances in Transition", 72.0, 110.0, 22.0, BOLD)])
        .block(&[("Jane Doe", 72.0, 170.0, 12.0, REGULAR), ("Seoul National University", 72.0, 184.0, 10.0, ITALIC)])
        .block(&[("Min-ho Park", 250.0, 170.0, 12.0, REGULAR), ("Korea University", 250.0, 184.0, 10.0, ITALIC)])
        .block(&[("Ana Souza", 420.0, 170.0, 12.0, REGULAR), ("University of Lisbon", 420.0, 184.0, 10.0, ITALIC)]);
    for k in 0..5 {
        b = b.para(72.0, 400.0 + 60.0 * k as f32, &["Body text of the report runs on here in plain type", "and so the paragraph ends."]);
    }
    let (_, r) = read_layout(&b.build());
    let authors: Vec<(String, Vec<usize>)> = r.front.authors.iter().map(|a| (a.full_name(), a.affiliations.clone())).collect();
    assert_eq!(authors, vec![("Jane Doe".into(), vec![0]), ("Min-ho Park".into(), vec![1]), ("Ana Souza".into(), vec![2])]);
    assert_eq!(r.front.affiliations, vec!["Seoul National University", "Korea University", "University of Lisbon"]);
}

#[test]
fn title_block_is_read_from_the_first_page() {
    let l = title_block();
    let (lines, r) = read_layout(&l);
    assert_eq!(r.front.series.as_deref(), Some("Policy Brief Series"));
    assert_eq!(r.front.title.as_deref(), Some("Waiting for Trump: North Korea's Interim Strategy"));
    assert_eq!(r.front.authors.len(), 1);
    assert_eq!(r.front.authors[0].surname, "Easley");
    assert_eq!(r.front.date.map(|d| d.iso()).as_deref(), Some("2024-06-11"));
    assert_eq!(r.front.abstract_paras, Some(vec!["The abstract says this. And that.".to_string()]));
    assert!(lines[r.body_start].text.starts_with("Body text begins"));
}

#[test]
fn rotated_margin_stamp_is_not_the_title() {
    let mut l = title_block();
    // A stamp in large type running up the left margin, as arXiv prints.
    let stamp = crate::layout::Line {
        bbox: crate::layout::Rect { x0: 17.0, y0: 260.0, x1: 37.0, y1: 610.0 },
        baseline: 610.0,
        words: vec![crate::layout::Word { text: "arXiv:2004.04906v3 [cs.CL] 30 Sep 2020".into(), size: 24.0, bbox: crate::layout::Rect { x0: 17.0, y0: 260.0, x1: 37.0, y1: 610.0 }, ..Default::default() }],
    };
    l.pages[0].blocks.push(crate::layout::TextBlock { bbox: stamp.bbox, lines: vec![stamp], column: 0 });
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.title.as_deref(), Some("Waiting for Trump: North Korea's Interim Strategy"));
    assert_eq!(r.front.series.as_deref(), Some("Policy Brief Series"));
}

#[test]
fn author_markers_are_dropped_and_affiliations_kept_apart() {
    let l = Builder::new()
        .page()
        .block(&[("Received 4 June 2003", 400.0, 40.0, 7.5, REGULAR)])
        .block(&[("Published online 27 November 2003", 400.0, 50.0, 7.5, ITALIC)])
        .block(&[("Stressful Events and Their Effects", 72.0, 90.0, 18.0, BOLD)])
        .block(&[("Anna Sundström,^1 Michael Rönnlund^2 and Rui Wang*,", 72.0, 120.0, 13.0, REGULAR)])
        .block(&[("Ann Lee**, Avril Mason†,* and Jo Park", 72.0, 127.0, 13.0, REGULAR)])
        .block(&[("^1Centre for Population Studies, Umeå University", 72.0, 134.0, 7.0, ITALIC)])
        .block(&[("2Department of Psychology, Stockholm University", 72.0, 143.0, 7.0, ITALIC)])
        .block(&[("rwang@example.org", 72.0, 152.0, 7.0, REGULAR)])
        .para(72.0, 200.0, &["Body text begins here and runs", "on for a while in the column.", "And more body."])
        .para(72.0, 250.0, &["More body text here and there", "on and on and on until the end.", "And more body."])
        .build();
    let (lines, r) = read_layout(&l);
    let names: Vec<(Option<String>, String)> = r.front.authors.iter().map(|a| (a.given.clone(), a.surname.clone())).collect();
    assert_eq!(names, vec![
        (Some("Anna".into()), "Sundström".into()),
        (Some("Michael".into()), "Rönnlund".into()),
        (Some("Rui".into()), "Wang".into()),
        (Some("Ann".into()), "Lee".into()),
        (Some("Avril".into()), "Mason".into()),
        (Some("Jo".into()), "Park".into())
    ]);
    assert_eq!(r.front.affiliations, vec![
        "Centre for Population Studies, Umeå University".to_string(),
        "Department of Psychology, Stockholm University, rwang@example.org".to_string()
    ]);
    let links: Vec<Vec<usize>> = r.front.authors.iter().map(|a| a.affiliations.clone()).collect();
    assert_eq!(links, vec![vec![0], vec![1], vec![], vec![], vec![], vec![]]);
    assert_eq!(r.front.date.map(|d| d.iso()).as_deref(), Some("2003-11-27"));
    assert_eq!(r.front.series, None);
    assert!(lines[r.body_start].text.starts_with("Body text begins"));
}

/// A journal article's first page: a download stamp above the title, an inset
/// unlabelled abstract and keywords, a correspondence note, and the journal's citation
/// line, DOI and copyright in the page foot.
fn journal_first_page() -> crate::layout::Layout {
    let body = "Body text of the article runs on here in long lines across the page";
    Builder::new()
        .page()
        .block(&[("Downloaded from http://journal.example.org/ on April 29, 2017", 150.0, 14.0, 8.0, REGULAR)])
        .block(&[("Variation in Complex Olfactory Stimuli", 50.0, 90.0, 18.0, BOLD)])
        .block(&[("Geraldine A. Wright* and Brian H. Smith", 50.0, 120.0, 13.0, BOLD)])
        .block(&[("Department of Entomology, Ohio State University", 50.0, 135.0, 9.0, ITALIC)])
        .para(90.0, 160.0, &["Natural olfactory stimuli are complex.", "Here we train honeybees on mixtures", "and see how they generalize."])
        .block(&[("Keywords: olfaction; honeybee; generalization", 90.0, 205.0, 10.0, BOLD)])
        .para(50.0, 240.0, &[body, body, "that ends in a sentence of its own."])
        .para(50.0, 290.0, &[body, body, "and a second paragraph that ends too."])
        .block(&[("*Author for correspondence (wright.571@osu.edu).", 50.0, 770.0, 7.0, REGULAR)])
        .block(&[("Proc. R. Soc. Lond. B (2004) 271, 147–152", 50.0, 797.0, 7.8, ITALIC)])
        .block(&[("DOI 10.1098/rspb.2003.2590", 50.0, 807.0, 7.8, REGULAR)])
        .block(&[("© 2003 The Royal Society", 455.0, 797.0, 7.8, REGULAR)])
        .build()
}

#[test]
fn journal_masthead_gives_series_year_doi_copyright_and_contact() {
    let (lines, r) = read_layout(&journal_first_page());
    assert_eq!(r.front.title.as_deref(), Some("Variation in Complex Olfactory Stimuli"));
    assert_eq!(r.front.series.as_deref(), Some("Proc. R. Soc. Lond. B"));
    assert_eq!(r.front.date.map(|d| d.iso()).as_deref(), Some("2004"));
    assert_eq!(r.front.doi.as_deref(), Some("10.1098/rspb.2003.2590"));
    assert_eq!(r.copyright.as_deref(), Some("© 2003 The Royal Society"));
    assert_eq!(r.inquiries.as_deref(), Some("wright.571@osu.edu"));
    assert_eq!(r.front.keywords, vec!["olfaction", "honeybee", "generalization"]);
    let stamp: Vec<&str> = r.masthead.iter().map(|&i| lines[i].text.as_str()).collect();
    assert_eq!(stamp, vec!["Downloaded from http://journal.example.org/ on April 29, 2017"]);
}

#[test]
fn inset_block_after_a_papers_title_block_is_its_abstract() {
    let (lines, r) = read_layout(&journal_first_page());
    let abs = r.front.abstract_paras.clone().unwrap_or_default();
    assert_eq!(abs.len(), 1);
    assert!(abs[0].starts_with("Natural olfactory stimuli") && abs[0].ends_with("generalize."), "{abs:?}");
    assert!(lines[r.body_start..].iter().zip(&r.consumed[r.body_start..]).find(|(_, c)| !**c).is_some_and(|(l, _)| l.text.starts_with("Body text")));
}

#[test]
fn block_flush_with_the_text_after_a_title_block_is_not_an_abstract() {
    let body = "Body text of the article runs on here in long lines across the page";
    let l = Builder::new()
        .page()
        .block(&[("Variation in Complex Olfactory Stimuli", 50.0, 90.0, 18.0, BOLD)])
        .block(&[("Geraldine A. Wright and Brian H. Smith", 50.0, 120.0, 13.0, BOLD)])
        .para(50.0, 160.0, &[body, body, "that ends in a sentence of its own."])
        .para(50.0, 210.0, &[body, body, "and a second paragraph that ends too."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.abstract_paras, None);
}

#[test]
fn run_in_abstract_label_opens_the_abstract() {
    let body = "Body text of the article runs on here in long lines across the page";
    let l = Builder::new()
        .page()
        .block(&[("Information Synthesis for Answer Validation", 50.0, 90.0, 18.0, BOLD)])
        .block(&[("Rui Wang and Günter Neumann", 50.0, 120.0, 13.0, REGULAR)])
        .para(50.0, 160.0, &["Abstract. This report is about our participation in the", "exercise, and what we learned from it."])
        .block(&[("1 Introduction", 50.0, 210.0, 12.0, BOLD)])
        .para(50.0, 230.0, &[body, body, "that ends in a sentence of its own."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.abstract_paras, Some(vec!["This report is about our participation in the exercise, and what we learned from it.".to_string()]));
    assert_eq!(run_in_label("Summary: The findings"), Some("The findings"));
    assert_eq!(run_in_label("Abstracts of the papers"), None);
    assert!(is_mark("ITU-T") && is_mark("T.6") && is_mark("A/78/123"));
    assert!(!is_mark("Title") && !is_mark("NATO") && !is_mark("Two words"));
}

#[test]
fn title_in_body_size_stands_out_by_a_style_no_heading_shares() {
    let body = "Body text of the report runs on here in long lines across the page";
    let l = Builder::new()
        .page()
        .block(&[("The Evolution of the Word Processor", 72.0, 80.0, 10.0, BOLD)])
        .para(72.0, 110.0, &[body, body, "and the opening paragraph ends here."])
        .block(&[("Pre-Digital Era", 72.0, 170.0, 11.0, BOLD)])
        .para(72.0, 190.0, &[body, body, "and the next paragraph ends here."])
        .block(&[("The Birth of Word Processing", 72.0, 250.0, 11.0, BOLD)])
        .para(72.0, 270.0, &[body, body, "and a third paragraph ends here."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.title.as_deref(), Some("The Evolution of the Word Processor"));
}

#[test]
fn first_heading_in_the_style_of_the_others_is_no_title() {
    let body = "Body text of the report runs on here in long lines across the page";
    let l = Builder::new()
        .page()
        .block(&[("Introduction", 72.0, 80.0, 11.0, BOLD)])
        .para(72.0, 100.0, &[body, body, "and the opening paragraph ends here."])
        .block(&[("Methods", 72.0, 160.0, 11.0, BOLD)])
        .para(72.0, 180.0, &[body, body, "and the next paragraph ends here."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.title, None);
    assert!(r.warnings.iter().any(|w| w.message.contains("no title stands out")));
}

#[test]
fn cover_title_is_the_largest_worded_block_and_the_top_organisation_the_publisher() {
    let l = Builder::new()
        .page()
        .block(&[("INTERNATIONAL TELECOMMUNICATION UNION", 125.0, 105.0, 14.0, REGULAR)])
        .block(&[("ITU-T", 125.0, 250.0, 36.0, BOLD)])
        .block(&[("TELECOMMUNICATION", 125.0, 271.0, 10.0, REGULAR), ("STANDARDIZATION SECTOR", 125.0, 285.0, 10.0, REGULAR)])
        .block(&[("TERMINAL EQUIPMENT AND PROTOCOLS FOR", 125.0, 480.0, 16.0, BOLD), ("TELEMATIC SERVICES", 125.0, 499.0, 16.0, BOLD)])
        .block(&[("FACSIMILE CODING SCHEMES AND CODING", 125.0, 620.0, 18.0, BOLD), ("CONTROL FUNCTIONS", 125.0, 641.0, 18.0, BOLD)])
        .page()
        .para(72.0, 100.0, &["Body text of the standard runs on here in long lines", "across the page and ends with a full stop."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.title.as_deref(), Some("FACSIMILE CODING SCHEMES AND CODING CONTROL FUNCTIONS"));
    assert_eq!(r.front.series.as_deref(), Some("TERMINAL EQUIPMENT AND PROTOCOLS FOR TELEMATIC SERVICES"));
    assert_eq!(r.front.publisher.as_deref(), Some("INTERNATIONAL TELECOMMUNICATION UNION"));
}

#[test]
fn an_issn_printed_in_the_masthead_is_read_and_its_own_line_taken() {
    let l = Builder::new()
        .page()
        .block(&[("Policy Brief Series", 72.0, 60.0, 9.0, REGULAR)])
        .block(&[("e-ISSN: 2765-4410", 400.0, 60.0, 9.0, REGULAR)])
        .block(&[("Trade and the Middle Powers", 72.0, 110.0, 20.0, BOLD)])
        .para(72.0, 300.0, &["Body text begins here and runs", "on for a while in the column.", "And more body."])
        .para(72.0, 350.0, &["More body text here and there", "on and on and on until the end.", "And more body."])
        .build();
    let (lines, r) = read_layout(&l);
    assert_eq!(r.issn.as_deref(), Some("2765-4410"));
    let at = lines.iter().position(|l| l.text.contains("ISSN")).expect("the ISSN line");
    assert!(r.consumed[at]);
}

#[test]
fn a_letterhead_line_under_the_organisation_in_its_type_is_the_series() {
    let l = Builder::new()
        .page()
        .block(&[
            ("NORTHFIELD RESEARCH INSTITUTE", 150.0, 62.0, 12.0, BOLD),
            ("COMMITTEE ON FIELD SAFETY", 150.0, 76.0, 12.0, BOLD),
            ("FIELD SAFETY GUIDELINES", 150.0, 90.0, 12.0, BOLD),
        ])
        .block(&[("CHECK ONE:", 108.0, 127.0, 10.0, BOLD)])
        .block(&[("I agree to comply with the following guidelines.", 108.0, 151.0, 10.0, REGULAR)])
        .block(&[("GUIDELINES FOR THE HANDLING OF SOLVENTS IN TEACHING LABORATORIES", 98.0, 233.0, 12.0, BOLD)])
        .block(&[
            ("Background. The body of the guideline runs on here in long lines of", 72.0, 260.0, 11.0, REGULAR),
            ("eleven point type across the page and ends with a full stop at last.", 72.0, 272.6, 11.0, REGULAR),
            ("More of the body text in the same type as the lines above it here.", 72.0, 285.2, 11.0, REGULAR),
        ])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.title.as_deref(), Some("GUIDELINES FOR THE HANDLING OF SOLVENTS IN TEACHING LABORATORIES"));
    assert_eq!(r.front.publisher.as_deref(), Some("NORTHFIELD RESEARCH INSTITUTE COMMITTEE ON FIELD SAFETY"));
    assert_eq!(r.front.series.as_deref(), Some("FIELD SAFETY GUIDELINES"));
}

/// The edition date read from three pages whose every foot prints `foot`.
fn date_from_feet(foot: &str) -> Option<String> {
    let body = "Body text of the guide runs on here in long lines across the page";
    let mut b = Builder::new().page().block(&[("Main Menu and Sub-Menus", 72.0, 100.0, 18.0, BOLD)]);
    for p in 0..3 {
        if p > 0 {
            b = b.page();
        }
        b = b.para(72.0, 200.0, &[body, body, "and the paragraph ends here."]).block(&[(foot, 72.0, 800.0, 9.0, REGULAR)]);
    }
    let (_, r) = read_layout(&b.build());
    r.front.date.map(|d| d.iso())
}

#[test]
fn date_printed_in_every_running_foot_dates_the_edition() {
    assert_eq!(date_from_feet("May 2008 v1.0").as_deref(), Some("2008-05"));
}

#[test]
fn a_date_stamp_in_figures_in_every_running_foot_dates_the_edition() {
    assert_eq!(date_from_feet("Updated 6/6/01").as_deref(), Some("2001-06-06"));
}

#[test]
fn line_set_well_below_the_title_is_no_subtitle() {
    let l = Builder::new()
        .page()
        .block(&[("FACSIMILE CODING SCHEMES", 72.0, 100.0, 18.0, BOLD)])
        .block(&[("Recommendation T.6", 72.0, 160.0, 16.0, BOLD)])
        .page()
        .para(72.0, 100.0, &["Body text of the standard runs on here in long lines", "across the page and ends with a full stop."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.subtitle, None);
    let l = Builder::new()
        .page()
        .block(&[("FACSIMILE CODING SCHEMES", 72.0, 100.0, 18.0, BOLD)])
        .block(&[("For Group 4 Apparatus", 72.0, 122.0, 14.0, BOLD)])
        .page()
        .para(72.0, 100.0, &["Body text of the standard runs on here in long lines", "across the page and ends with a full stop."])
        .build();
    let (_, r) = read_layout(&l);
    assert_eq!(r.front.subtitle.as_deref(), Some("For Group 4 Apparatus"));
}

#[test]
fn history_lines_give_only_the_publication_date() {
    assert!(history_date("Received 4 June 2003").is_some_and(|h| !h.published));
    assert!(history_date("Published online 27 November 2003").is_some_and(|h| h.published && h.date.iso() == "2003-11-27"));
    assert!(history_date("June 11, 2024").is_none());
}

#[test]
fn title_page_is_consumed_whole() {
    let l = Builder::new()
        .page()
        .block(&[("A Title Page Title", 72.0, 200.0, 22.0, BOLD)])
        .block(&[("Ann Lee", 72.0, 240.0, 11.0, REGULAR)])
        .block(&[("The Publishing Institute", 72.0, 780.0, 10.0, REGULAR)])
        .page()
        .para(72.0, 100.0, &["Body text begins here and runs", "on for a while in the column."])
        .build();
    let (lines, r) = read_layout(&l);
    assert_eq!(r.front.publisher.as_deref(), Some("The Publishing Institute"));
    assert_eq!(lines[r.body_start].page, 2);
}
