use super::*;
use crate::tree::{Author, Date, Footnote, Inline, PersonName, Reference, Section};

fn para(text: &str) -> Block {
    Block::paragraph(text, vec![])
}

fn block(kind: BlockKind, text: &str) -> Block {
    Block { kind, content: vec![Inline::Text(text.into())], source: vec![], ..Default::default() }
}

fn section(level: u8, title: Option<&str>, blocks: Vec<Block>) -> Section {
    Section { level, title: title.map(Into::into), blocks, source: vec![] }
}

fn sample() -> Document {
    let mut d = Document::new();
    d.front.series = Some("EAI Issue Briefing".into());
    d.front.publisher = Some("The Institute".into());
    d.front.title = Some("A Title".into());
    d.front.subtitle = Some("And More".into());
    d.front.authors = vec![Author { given: Some("Leif-Eric".into()), surname: "Easley".into(), bio: Some("Easley is …".into()), affiliations: Vec::new() }];
    d.front.date = Some(Date { year: 2024, month: Some(6), day: Some(11) });
    d.front.isbn = Some("979-11".into());
    d.front.abstract_paras = Some(vec!["Summary.".into()]);
    d.front.doi = Some("10.1000/xyz123".into());
    d.front.keywords = vec!["alliances".into(), "deterrence".into()];
    d.sections = vec![
        section(1, None, vec![para("Opening.")]),
        section(1, Some("First"), vec![para("One.")]),
        section(2, Some("Sub"), vec![para("Two.")]),
        section(1, Some("Second"), vec![para("Three.")]),
    ];
    d.colophon.address = Some("Seoul".into());
    d.colophon.email = Some("a@b.c".into());
    d.colophon.disclaimer = Some("No position.".into());
    d
}

fn out(d: &Document) -> String {
    String::from_utf8(jats(d, &JatsOptions::default()).unwrap()).unwrap()
}

fn names(el: &El) -> Vec<&'static str> {
    el.elements().map(|e| e.name).collect()
}

#[test]
fn document_starts_with_declaration_and_archiving_doctype() {
    let s = out(&sample());
    assert!(s.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN\" \"JATS-archivearticle1-3.dtd\">\n<article "));
    assert!(s.contains("dtd-version=\"1.3\""));
    assert!(s.contains("xml:lang=\"en\""));
    assert!(s.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""));
    assert!(s.contains("xmlns:mml=\"http://www.w3.org/1998/Math/MathML\""));
}

#[test]
fn front_elements_come_in_dtd_order() {
    let a = article(&sample(), &JatsOptions::default());
    assert_eq!(names(&a), ["front", "body", "back"]);
    let front = a.find("front").unwrap();
    assert_eq!(names(front), ["journal-meta", "article-meta"]);
    assert_eq!(names(front.find("journal-meta").unwrap()), ["journal-id", "journal-title-group", "publisher"]);
    assert_eq!(names(front.find("publisher").unwrap()), ["publisher-name", "publisher-loc"]);
    assert_eq!(
        names(front.find("article-meta").unwrap()),
        ["article-id", "title-group", "contrib-group", "pub-date", "isbn", "permissions", "abstract", "kwd-group", "custom-meta-group"]
    );
    assert_eq!(names(front.find("contrib").unwrap()), ["name", "bio"]);
    assert_eq!(front.find("journal-id").unwrap().text_content(), "eai-issue-briefing");
    let pd = front.find("pub-date").unwrap();
    assert_eq!(names(pd), ["day", "month", "year"]);
    assert!(pd.attrs.contains(&("iso-8601-date", "2024-06-11".into())));
}

#[test]
fn missing_fields_are_left_out_not_written_empty() {
    let mut d = Document::new();
    d.front.title = Some("Only a title".into());
    let s = out(&d);
    for tag in ["journal-meta", "contrib-group", "pub-date", "isbn", "abstract", "custom-meta", "<body", "<back", "subtitle"] {
        assert!(!s.contains(tag), "{tag} written:\n{s}");
    }
    assert!(s.contains("<article-title>Only a title</article-title>"));
}

#[test]
fn address_without_publisher_is_kept_as_custom_meta() {
    let mut d = Document::new();
    d.colophon.address = Some("Seoul".into());
    let s = out(&d);
    assert!(!s.contains("publisher-loc"));
    assert!(s.contains("<meta-name>address</meta-name>"));
}

#[test]
fn colophon_fields_go_to_custom_meta_and_disclaimer_to_notes() {
    let s = out(&sample());
    assert!(s.contains("<custom-meta>\n"));
    assert!(s.contains("<meta-name>email</meta-name>"));
    assert!(s.contains("<meta-value>a@b.c</meta-value>"));
    assert!(!s.contains("<meta-name>disclaimer</meta-name>"));
    assert!(!s.contains("<meta-name>address</meta-name>"));
    assert!(s.contains("<notes notes-type=\"disclaimer\">\n      <p>No position.</p>"));
}

#[test]
fn text_is_escaped() {
    let mut d = Document::new();
    d.front.title = Some("R&D <now>".into());
    d.sections = vec![section(1, None, vec![para("a < b & c")])];
    let s = out(&d);
    assert!(s.contains("<article-title>R&amp;D &lt;now&gt;</article-title>"));
    assert!(s.contains("<p>a &lt; b &amp; c</p>"));
}

#[test]
fn level_two_sections_nest_in_the_preceding_level_one() {
    let a = article(&sample(), &JatsOptions::default());
    let body = a.find("body").unwrap();
    assert_eq!(names(body), ["p", "sec", "sec"]);
    let first = body.elements().nth(1).unwrap();
    assert_eq!(names(first), ["title", "p", "sec"]);
    assert_eq!(first.elements().nth(2).unwrap().find("title").unwrap().text_content(), "Sub");
    let ids: Vec<_> = body.elements().skip(1).map(|s| s.attrs[0].1.clone()).collect();
    assert_eq!(ids, ["sec1", "sec3"]);
}

#[test]
fn level_jumps_nest_under_the_nearest_shallower_section() {
    let mut d = Document::new();
    d.sections = vec![
        section(2, Some("Starts deep"), vec![]),
        section(1, Some("Top"), vec![]),
        section(3, Some("Jump"), vec![para("x")]),
        section(1, None, vec![para("continues Jump")]),
        section(2, Some("Back up"), vec![]),
    ];
    let a = article(&d, &JatsOptions::default());
    let body = a.find("body").unwrap();
    assert_eq!(names(body), ["sec", "sec"]);
    let top = body.elements().nth(1).unwrap();
    assert_eq!(names(top), ["title", "sec", "sec"]);
    let jump = top.elements().nth(1).unwrap();
    assert_eq!(names(jump), ["title", "p", "p"]);
}

#[test]
fn consecutive_list_items_form_one_list() {
    let mut d = Document::new();
    d.sections = vec![section(
        1,
        Some("S"),
        vec![
            para("before"),
            block(BlockKind::ListItem, "a"),
            block(BlockKind::ListItem, "b"),
            block(BlockKind::Quote, "q"),
            block(BlockKind::ListItem, "c"),
        ],
    )];
    let a = article(&d, &JatsOptions::default());
    let sec = a.find("sec").unwrap();
    assert_eq!(names(sec), ["title", "p", "list", "disp-quote", "list"]);
    let list = sec.find("list").unwrap();
    assert!(list.attrs.contains(&("list-type", "bullet".into())));
    assert_eq!(names(list), ["list-item", "list-item"]);
    assert_eq!(names(list.elements().next().unwrap()), ["p"]);
    assert_eq!(names(sec.find("disp-quote").unwrap()), ["p"]);
}

#[test]
fn note_calls_point_at_the_notes_ids() {
    let mut d = Document::new();
    d.sections = vec![section(
        1,
        None,
        vec![Block {
            kind: BlockKind::Paragraph,
            content: vec![Inline::Text("Said.".into()), Inline::NoteCall(1), Inline::NoteCall(0), Inline::NoteCall(7)],
            source: vec![],
            ..Default::default()
        }],
    )];
    d.footnotes = vec![
        Footnote { label: "1".into(), text: "First.".into(), source: vec![] },
        Footnote { label: "*".into(), text: "Second.".into(), source: vec![] },
    ];
    let s = out(&d);
    assert!(s.contains("<p>Said.<xref ref-type=\"fn\" rid=\"fn2\">*</xref><xref ref-type=\"fn\" rid=\"fn1\">1</xref></p>"), "{s}");
    assert!(s.contains("<fn id=\"fn1\">\n        <label>1</label>\n        <p>First.</p>"), "{s}");
    assert!(s.contains("<fn id=\"fn2\">"));
    assert!(!s.contains("fn8"), "a call to a missing note is dropped");
}

#[test]
fn references_keep_their_printed_text_and_come_after_notes() {
    let mut d = sample();
    d.footnotes = vec![Footnote { label: "1".into(), text: "N.".into(), source: vec![] }];
    d.references = vec![Reference {
        raw: "Lowy Institute. 2024. Global Diplomacy Index. https://example.org/?a=1&b=2.".into(),
        authors: vec![PersonName { surname: "Lowy Institute".into(), given: None }],
        year: Some("2024".into()),
        title: Some("Global Diplomacy Index".into()),
        url: Some("https://example.org/?a=1&b=2".into()),
        ..Default::default()
    }];
    let a = article(&d, &JatsOptions::default());
    let back = a.find("back").unwrap();
    assert_eq!(names(back), ["fn-group", "ref-list", "notes"]);
    let m = back.find("mixed-citation").unwrap();
    assert_eq!(m.text_content(), d.references[0].raw);
    assert!(back.find("element-citation").is_none());
    let s = out(&d);
    assert!(s.contains("xlink:href=\"https://example.org/?a=1&amp;b=2\""), "{s}");
    assert!(s.contains("<ref id=\"ref1\">"));
}

#[test]
fn output_is_deterministic() {
    let d = sample();
    assert_eq!(out(&d), out(&d));
}

#[test]
fn output_is_well_formed_xml() {
    let mut d = sample();
    d.references = vec![Reference { raw: "\u{2014}\u{2014}\u{2014}. 2023. <T> & more.".into(), repeated_authors: true, authors: vec![PersonName { surname: "X".into(), given: Some("Y".into()) }], ..Default::default() }];
    let bytes = jats(&d, &JatsOptions::default()).unwrap();
    let mut r = quick_xml::Reader::from_reader(bytes.as_slice());
    let mut buf = vec![];
    let mut depth = 0i32;
    loop {
        match r.read_event_into(&mut buf).expect("well-formed") {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(depth, 0);
}

#[test]
fn language_is_written_only_when_it_is_a_tag() {
    let mut d = Document::new();
    d.lang = "ko-KR".into();
    assert!(out(&d).contains("xml:lang=\"ko-KR\""));
    for bad in ["", "en US", "en_", "?"] {
        d.lang = bad.into();
        assert!(!out(&d).contains("xml:lang"), "{bad:?}");
    }
}

#[test]
fn korean_blocks_are_marked_in_a_document_of_another_language() {
    let mut d = Document::new();
    d.sections = vec![section(1, None, vec![para("\u{BD81}\u{D55C}\u{C758} (NK) \u{B300}\u{C678}\u{C804}\u{B7B5}"), para("English text.")])];
    let s = out(&d);
    assert!(s.contains("<p xml:lang=\"ko\">"), "{s}");
    assert!(s.contains("<p>English text.</p>"));
    d.lang = "ko".into();
    assert!(!out(&d).contains("<p xml:lang"));
}

fn picture(file: &str, media_type: &str) -> crate::tree::Image {
    crate::tree::Image { file: file.into(), media_type: media_type.into(), width: 10, height: 5, dpi: 96.0, data: vec![] }
}

fn fig(label: Option<&str>, alt: Option<&str>, image: Option<crate::tree::Image>, caption: &str) -> Block {
    let f = crate::tree::Figure { label: label.map(Into::into), alt: alt.map(Into::into), inner_text: vec![], image };
    Block::figure(f, caption, vec![])
}

fn grid_table() -> crate::tree::Table {
    use crate::tree::Cell;
    crate::tree::Table {
        label: Some("Table 1".into()),
        rows: vec![
            vec![Cell::new("Country"), Cell { text: "Exports".into(), colspan: 2, rowspan: 1 }],
            vec![Cell { text: "Korea".into(), colspan: 1, rowspan: 2 }, Cell::new("1"), Cell::new("2")],
            vec![Cell::new("3"), Cell::new("")],
        ],
        header_rows: 1,
        notes: vec!["Source: customs.".into(), " ".into()],
        ruled: true,
        image: None,
    }
}

#[test]
fn figures_are_fig_elements_in_reading_order_with_numbered_ids() {
    let mut d = Document::new();
    d.source.name = Some("brief".into());
    d.sections = vec![
        section(1, Some("A"), vec![para("Before."), fig(Some("Figure 1"), None, Some(picture("fig-1.png", "image/png")), "Trade, 2020"), para("After.")]),
        section(1, Some("B"), vec![Block::table(grid_table(), "Exports", vec![]), fig(None, None, None, "")]),
    ];
    let a = article(&d, &JatsOptions::default());
    let body = a.find("body").unwrap();
    let first = body.elements().next().unwrap();
    assert_eq!(names(first), ["title", "p", "fig", "p"]);
    let f = first.find("fig").unwrap();
    assert_eq!(f.attrs, [("id", "fig-1".to_string())]);
    assert_eq!(names(f), ["label", "caption", "graphic"]);
    assert_eq!(f.find("label").unwrap().text_content(), "Figure 1");
    assert_eq!(names(f.find("caption").unwrap()), ["title"], "a short caption is a title");
    let g = f.find("graphic").unwrap();
    assert!(g.attrs.contains(&("xlink:href", "brief/fig-1.png".into())));
    assert!(g.attrs.contains(&("mimetype", "image".into())));
    assert!(g.attrs.contains(&("mime-subtype", "png".into())));
    let second = body.elements().nth(1).unwrap();
    assert_eq!(names(second), ["title", "table-wrap", "fig"]);
    assert_eq!(second.find("table-wrap").unwrap().attrs, [("id", "table-1".to_string())]);
    let bare = second.elements().nth(2).unwrap();
    assert_eq!(bare.attrs, [("id", "fig-2".to_string())], "figures count on across sections");
    assert!(bare.kids.is_empty(), "no label, caption or picture: nothing invented");
}

#[test]
fn alt_text_is_the_description_or_says_there_is_none() {
    let described = fig(Some("Figure 2"), Some("Bars rise."), Some(picture("a.png", "image/png")), "Trade");
    let undescribed = fig(Some("Figure 3"), None, Some(picture("b.jpg", "image/jpeg")), "Ports of the region");
    let unlabelled = fig(None, None, Some(picture("c.png", "image/png")), "");
    let mut d = Document::new();
    d.sections = vec![section(1, None, vec![described, undescribed, unlabelled])];
    let a = article(&d, &JatsOptions::default());
    let alts: Vec<String> = a
        .find("body")
        .unwrap()
        .elements()
        .map(|f| f.find("alt-text").unwrap().text_content())
        .collect();
    assert_eq!(alts[0], "Bars rise.");
    assert_eq!(alts[1], "Figure 3 (no description beyond its caption)");
    assert_eq!(alts[2], "Figure (no description printed)");
    assert!(!alts[1].contains("Ports"), "the caption is not passed off as a description");
}

#[test]
fn long_captions_are_paragraphs_and_short_ones_titles() {
    let long = "Exports by country. Values are in current dollars and exclude re-exports.";
    let mut d = Document::new();
    d.sections = vec![section(1, None, vec![fig(None, None, None, long), fig(None, None, None, "Exports, 2020.")])];
    let s = out(&d);
    assert!(s.contains(&format!("<caption>\n          <p>{long}</p>")) || s.contains(&format!("<p>{long}</p>")), "{s}");
    assert!(s.contains("<title>Exports, 2020.</title>"), "{s}");
}

#[test]
fn tables_have_head_body_spans_and_notes() {
    let mut d = Document::new();
    d.sections = vec![section(1, None, vec![Block::table(grid_table(), "Exports by country", vec![])])];
    let a = article(&d, &JatsOptions::default());
    let tw = a.find("table-wrap").unwrap();
    assert_eq!(names(tw), ["label", "caption", "table", "table-wrap-foot"]);
    let table = tw.find("table").unwrap();
    assert_eq!(names(table), ["thead", "tbody"]);
    let s = out(&d);
    assert!(s.contains("<th scope=\"col\">Country</th>"), "{s}");
    assert!(s.contains("<th scope=\"col\" colspan=\"2\">Exports</th>"), "{s}");
    assert!(s.contains("<td rowspan=\"2\">Korea</td>"), "{s}");
    assert!(s.contains("<td/>"), "an empty cell stays, so the grid keeps its shape: {s}");
    let foot = tw.find("table-wrap-foot").unwrap();
    assert_eq!(names(foot), ["p"], "blank notes are dropped");
    assert_eq!(foot.text_content(), "Source: customs.");
}

#[test]
fn table_of_header_rows_only_still_has_a_body_row() {
    let mut t = grid_table();
    t.rows.truncate(1);
    let mut d = Document::new();
    d.sections = vec![section(1, None, vec![Block::table(t, "", vec![])])];
    let a = article(&d, &JatsOptions::default());
    assert_eq!(names(a.find("table").unwrap()), ["thead", "tbody"]);
    assert!(a.find("caption").is_none());
}

#[test]
fn printed_pages_and_page_count_sit_where_the_dtd_wants_them() {
    let mut d = sample();
    d.source.pages = 6;
    d.source.page_labels = vec!["i".into(), "ii".into(), "1".into(), "2".into(), "3".into(), "4".into()];
    let x = out(&d);
    let at = |s: &str| x.find(s).unwrap_or_else(|| panic!("{s} missing: {x}"));
    assert!(at("<isbn>") < at("<fpage>i</fpage>"));
    assert!(at("<fpage>i</fpage>") < at("<lpage>4</lpage>"));
    assert!(at("<lpage>4</lpage>") < at("<permissions"));
    assert!(at("</abstract>") < at("<counts>"));
    assert!(at("<page-count count=\"6\"/>") < at("<custom-meta-group>"));
    d.source.page_labels.clear();
    let x = out(&d);
    assert!(!x.contains("<fpage>") && !x.contains("<lpage>"), "no /PageLabels: no printed pages");
    assert!(x.contains("<page-count count=\"6\"/>"));
}

#[test]
fn authors_point_to_their_affiliations() {
    let mut d = sample();
    d.front.authors.push(Author { given: Some("Ann".into()), surname: "Lee".into(), bio: None, affiliations: vec![1] });
    d.front.affiliations = vec!["Seoul National University".into(), "Korea University".into()];
    let xml = String::from_utf8(jats(&d, &JatsOptions::default()).unwrap()).unwrap();
    assert!(xml.contains("<xref ref-type=\"aff\" rid=\"aff2\"/>"), "{xml}");
    assert!(xml.contains("<aff id=\"aff2\">Korea University</aff>"));
}
