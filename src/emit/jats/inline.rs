//! A block's inline content as JATS: text, note calls as `xref`, and the spans, nested as
//! in the tree.
//!
//! Spans map to JATS's own elements: `italic`, `bold`, `sc`, `sup`, `sub`, `monospace`,
//! `ext-link` for a web or mail address, and `named-content content-type="language"`
//! with `xml:lang` for text in another language (the 1.3 DTD gives `named-content` an
//! `xml:lang`; `styled-content` has one too but is meant for looks, not meaning). A link
//! to a page of the source PDF keeps only its text: the article has no page anchors.

use super::xml::El;
use super::{fn_id, leaf};
use crate::emit::inline::{language_tag, target, Target};
use crate::tree::Inline;

/// Appends `content` to `el`; `notes` holds each footnote's label (a call to a note
/// that does not exist is left out: its `rid` would point nowhere).
pub fn push(el: &mut El, content: &[Inline], notes: &[String]) {
    push_in(el, content, notes, false);
}

/// [`push`], `in_link` when inside an `ext-link` (a link inside is written as its text).
fn push_in(el: &mut El, content: &[Inline], notes: &[String], in_link: bool) {
    for i in content {
        match i {
            Inline::Text(t) => el.push_text(t),
            Inline::NoteCall(n) => {
                if let Some(label) = notes.get(*n) {
                    el.push(leaf("xref", label).attr("ref-type", "fn").attr("rid", fn_id(*n)));
                }
            }
            Inline::Emphasis(c) => wrap(el, El::new("italic"), c, notes, in_link),
            Inline::Strong(c) => wrap(el, El::new("bold"), c, notes, in_link),
            Inline::SmallCaps(c) => wrap(el, El::new("sc"), c, notes, in_link),
            Inline::Superscript(c) => wrap(el, El::new("sup"), c, notes, in_link),
            Inline::Subscript(c) => wrap(el, El::new("sub"), c, notes, in_link),
            Inline::Monospace(c) => wrap(el, El::new("monospace"), c, notes, in_link),
            Inline::Link(l) => match target(&l.target) {
                Target::Uri(uri) if !in_link => {
                    let a = El::new("ext-link").attr("ext-link-type", "uri").attr("xlink:href", uri);
                    wrap(el, a, &l.content, notes, true);
                }
                _ => push_in(el, &l.content, notes, in_link),
            },
            Inline::Lang(l) => match language_tag(&l.lang) {
                Some(tag) => {
                    let nc = El::new("named-content").attr("content-type", "language").attr("xml:lang", tag);
                    wrap(el, nc, &l.content, notes, in_link);
                }
                None => push_in(el, &l.content, notes, in_link),
            },
        }
    }
}

/// Appends `span` holding `content`, unless it would be empty.
fn wrap(el: &mut El, mut span: El, content: &[Inline], notes: &[String], in_link: bool) {
    push_in(&mut span, content, notes, in_link);
    if !span.kids.is_empty() {
        el.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{LangSpan, Link};

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn print(content: &[Inline]) -> String {
        let mut p = El::new("p");
        push(&mut p, content, &["1".to_string()]);
        let out = String::from_utf8(super::super::xml::document("x", &p).unwrap()).unwrap();
        out.lines().last().unwrap().to_string()
    }

    #[test]
    fn each_span_has_its_element() {
        let s = print(&[
            Inline::Emphasis(vec![t("i")]),
            Inline::Strong(vec![t("b")]),
            Inline::SmallCaps(vec![t("sc")]),
            t(" m"),
            Inline::Superscript(vec![t("2")]),
            t(" CO"),
            Inline::Subscript(vec![t("2")]),
            Inline::Monospace(vec![t("ls -l")]),
        ]);
        assert_eq!(s, "<p><italic>i</italic><bold>b</bold><sc>sc</sc> m<sup>2</sup> CO<sub>2</sub><monospace>ls -l</monospace></p>");
    }

    #[test]
    fn links_nest_over_spans_and_calls_sit_inside_spans() {
        let s = print(&[
            Inline::Link(Link { target: "https://x.org/?a=1&b=2".into(), content: vec![Inline::Emphasis(vec![t("Title")])] }),
            Inline::Emphasis(vec![t("so"), Inline::NoteCall(0)]),
        ]);
        assert_eq!(
            s,
            "<p><ext-link ext-link-type=\"uri\" xlink:href=\"https://x.org/?a=1&amp;b=2\"><italic>Title</italic></ext-link>\
             <italic>so<xref ref-type=\"fn\" rid=\"fn1\">1</xref></italic></p>"
        );
    }

    #[test]
    fn page_links_unsafe_links_and_links_in_links_keep_only_their_text() {
        let inner = Inline::Link(Link { target: "https://b.org".into(), content: vec![t("b")] });
        let s = print(&[
            Inline::Link(Link { target: "#page-3".into(), content: vec![t("p. 3")] }),
            Inline::Link(Link { target: "javascript:alert(1)".into(), content: vec![t(" x")] }),
            Inline::Link(Link { target: "mailto:a@b.org".into(), content: vec![t(" a "), inner] }),
        ]);
        assert_eq!(s, "<p>p. 3 x<ext-link ext-link-type=\"uri\" xlink:href=\"mailto:a@b.org\"> a b</ext-link></p>");
    }

    #[test]
    fn language_spans_carry_xml_lang_when_it_is_a_tag() {
        let s = print(&[
            Inline::Lang(LangSpan { lang: "ko".into(), content: vec![t("김정은")] }),
            Inline::Lang(LangSpan { lang: "not a tag".into(), content: vec![t(" x")] }),
        ]);
        assert_eq!(s, "<p><named-content content-type=\"language\" xml:lang=\"ko\">김정은</named-content> x</p>");
    }

    #[test]
    fn empty_spans_and_calls_to_missing_notes_are_left_out() {
        assert_eq!(print(&[t("a"), Inline::Emphasis(vec![]), Inline::Strong(vec![Inline::NoteCall(7)])]), "<p>a</p>");
    }
}
