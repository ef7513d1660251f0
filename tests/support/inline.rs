//! A document with every kind of inline span, built by hand, for the writers' span tests:
//! a link over italic text, a note call inside emphasis, m² and CO₂, code, small
//! capitals, bold italics, a Hangul name in an English paragraph, a link that runs over a
//! line end, a link with a note call inside, and links that must stay text (a script, a
//! page of the source).
#![allow(dead_code)]

use quire::tree::{Block, BlockKind, Document, Footnote, Inline, LangSpan, Link, Section};

/// The address of the report link (an `&` to escape in every format).
pub const REPORT_URI: &str = "https://example.org/report?id=7&lang=en";
/// The address of the mail link.
pub const MAIL_URI: &str = "mailto:office@example.org";
/// The address of a link with a note call inside it.
pub const NOTICE_URI: &str = "https://example.org/notice";
/// The address of the long link that runs over a line end.
pub const LONG_URI: &str = "https://example.org/long";

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn link(target: &str, content: Vec<Inline>) -> Inline {
    Inline::Link(Link { target: target.into(), content })
}

fn para(content: Vec<Inline>) -> Block {
    Block { kind: BlockKind::Paragraph, content, source: vec![], ..Default::default() }
}

/// The document.
pub fn document() -> Document {
    let mut d = Document::new();
    d.lang = "en".into();
    d.front.title = Some("Inline Spans Sample".into());
    let blocks = vec![
        para(vec![
            t("The report "),
            link(REPORT_URI, vec![Inline::Emphasis(vec![t("Alliance Politics in Northeast Asia")])]),
            t(" appeared "),
            Inline::Emphasis(vec![t("as announced"), Inline::NoteCall(0)]),
            t(". Write to "),
            link(MAIL_URI, vec![t("office@example.org")]),
            t(" for copies."),
        ]),
        para(vec![
            t("The site covers 40 m"),
            Inline::Superscript(vec![t("2")]),
            t(" and emits little CO"),
            Inline::Subscript(vec![t("2")]),
            t("; run "),
            Inline::Monospace(vec![t("quire convert")]),
            t(" to rebuild it. "),
            Inline::Strong(vec![t("Key finding:")]),
            t(" the "),
            Inline::SmallCaps(vec![t("nato")]),
            t(" summit was "),
            Inline::Strong(vec![Inline::Emphasis(vec![t("decisive")])]),
            t("."),
        ]),
        para(vec![
            t("Ambassador "),
            Inline::Lang(LangSpan { lang: "ko".into(), content: vec![t("김정은")] }),
            t(" spoke first. The long story is told in "),
            link(LONG_URI, vec![t("the long account of the negotiations over many rounds of talks held in several capitals")]),
            t(", which "),
            link("javascript:alert(1)", vec![t("nobody clicks")]),
            t(" and which page "),
            link("#page-3", vec![t("three")]),
            t(" sums up. See "),
            link(NOTICE_URI, vec![t("the ministry notice"), Inline::NoteCall(0), t(" online")]),
            t("."),
        ]),
        para(vec![t("한국어 문단은 그대로 한국어로 표시됩니다.")]),
    ];
    d.sections.push(Section { level: 1, title: Some("Spans".into()), blocks, source: vec![] });
    d.footnotes.push(Footnote { label: "1".into(), text: "As the ministry announced.".into(), source: vec![] });
    d
}
