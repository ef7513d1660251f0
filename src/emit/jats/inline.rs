//! A block's inline content as JATS: text, note calls as `xref`, and the spans, nested as
//! in the tree.
//!
//! Spans map to JATS's own elements: `italic`, `bold`, `sc`, `sup`, `sub`, `monospace`,
//! `ext-link` for a web or mail address, `xref` for a link to a figure, table or
//! reference, and `named-content content-type="language"` with `xml:lang` for text in
//! another language (the 1.3 DTD gives `named-content` an `xml:lang`; `styled-content` has
//! one too but is meant for looks, not meaning). A link to a page of the source PDF keeps
//! only its text: the article has no page anchors.

use super::xml::El;
use super::{fn_id, leaf};
use crate::emit::inline::{language_tag, split_at_calls, target, Anchor, Part, Target};
use crate::tree::{BlockKind, Document, Inline};

/// What an `xref` from the text may point at.
#[derive(Debug, Default)]
pub struct Anchors {
    /// Each footnote's label, by note index.
    pub notes: Vec<String>,
    /// Each reference's `ref` id, by its index in the tree; `None` for one not written.
    pub refs: Vec<Option<String>>,
    /// How many figures the body has (`fig-1` … `fig-N`).
    pub figures: u32,
    /// How many tables the body has (`table-1` … `table-N`).
    pub tables: u32,
}

impl Anchors {
    /// The anchors of `doc`, whose references are written as `cites` (one list each; an
    /// empty list is a reference left out).
    pub fn of(doc: &Document, cites: &[Vec<El>]) -> Anchors {
        let mut written = 0;
        let refs = cites
            .iter()
            .map(|c| {
                (!c.is_empty()).then(|| {
                    written += 1;
                    format!("ref{written}")
                })
            })
            .collect();
        let count = |k: BlockKind| doc.displays().filter(|b| b.kind == k).count() as u32;
        Anchors {
            notes: (0..doc.footnotes.len()).map(|n| super::fn_label(doc, n)).collect(),
            refs,
            figures: count(BlockKind::Figure),
            tables: count(BlockKind::Table),
        }
    }

    /// The `ref-type` and `rid` of an `xref` to `a`, when the article has it.
    fn xref(&self, a: Anchor) -> Option<(&'static str, String)> {
        match a {
            Anchor::Figure(n) => (n <= self.figures).then(|| ("fig", a.id())),
            Anchor::Table(n) => (n <= self.tables).then(|| ("table", a.id())),
            Anchor::Reference(n) => self.refs.get(n as usize - 1)?.clone().map(|id| ("bibr", id)),
        }
    }
}

/// Appends `content` to `el`; a call to a note, or a link to a display or reference, that
/// the article does not have is left as its text: its `rid` would point nowhere.
pub fn push(el: &mut El, content: &[Inline], anchors: &Anchors) {
    push_in(el, content, anchors, false);
}

/// [`push`], `in_link` when inside an `ext-link` or `xref` (a link inside is written as its text).
fn push_in(el: &mut El, content: &[Inline], anchors: &Anchors, in_link: bool) {
    let notes = &anchors.notes;
    for i in content {
        match i {
            Inline::Text(t) => el.push_text(t),
            Inline::NoteCall(n) => {
                if let Some(label) = notes.get(*n) {
                    el.push(leaf("xref", label).attr("ref-type", "fn").attr("rid", fn_id(*n)));
                }
            }
            Inline::Emphasis(c) => wrap(el, El::new("italic"), c, anchors, in_link),
            Inline::Strong(c) => wrap(el, El::new("bold"), c, anchors, in_link),
            Inline::SmallCaps(c) => wrap(el, El::new("sc"), c, anchors, in_link),
            Inline::Superscript(c) => wrap(el, El::new("sup"), c, anchors, in_link),
            Inline::Subscript(c) => wrap(el, El::new("sub"), c, anchors, in_link),
            Inline::Monospace(c) => wrap(el, El::new("monospace"), c, anchors, in_link),
            Inline::Link(l) => match target(&l.target) {
                Target::Uri(uri) if !in_link => {
                    let a = El::new("ext-link").attr("ext-link-type", "uri").attr("xlink:href", uri);
                    wrap(el, a, &l.content, anchors, true);
                }
                Target::Anchor(a) if !in_link => match anchors.xref(a) {
                    // An xref holds no note call's xref: calls inside cut it in two.
                    Some((kind, rid)) => {
                        for part in split_at_calls(&l.content) {
                            match part {
                                Part::Linked(kids) => {
                                    wrap(el, El::new("xref").attr("ref-type", kind).attr("rid", rid.clone()), &kids, anchors, true)
                                }
                                Part::Call(n) => push_in(el, &[Inline::NoteCall(n)], anchors, in_link),
                            }
                        }
                    }
                    None => push_in(el, &l.content, anchors, in_link),
                },
                _ => push_in(el, &l.content, anchors, in_link),
            },
            Inline::Lang(l) => match language_tag(&l.lang) {
                Some(tag) => {
                    let nc = El::new("named-content").attr("content-type", "language").attr("xml:lang", tag);
                    wrap(el, nc, &l.content, anchors, in_link);
                }
                None => push_in(el, &l.content, anchors, in_link),
            },
        }
    }
}

/// Appends `span` holding `content`, unless it would be empty.
fn wrap(el: &mut El, mut span: El, content: &[Inline], anchors: &Anchors, in_link: bool) {
    push_in(&mut span, content, anchors, in_link);
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
        let anchors = Anchors { notes: vec!["1".into()], refs: vec![Some("ref1".into()), None], figures: 1, tables: 0 };
        push(&mut p, content, &anchors);
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
    fn links_to_figures_and_references_the_article_has_are_xrefs() {
        let link = |target: &str, kids: Vec<Inline>| Inline::Link(Link { target: target.into(), content: kids });
        let s = print(&[
            link("#ref-1", vec![t("[1]")]),
            link("#ref-2", vec![t(" [2]")]),
            link("#fig-1", vec![t(" Figure 1"), Inline::NoteCall(0), t("a")]),
            link("#table-1", vec![t(" Table 1")]),
        ]);
        assert_eq!(
            s,
            "<p><xref ref-type=\"bibr\" rid=\"ref1\">[1]</xref> [2]<xref ref-type=\"fig\" rid=\"fig-1\"> Figure 1</xref>\
             <xref ref-type=\"fn\" rid=\"fn1\">1</xref><xref ref-type=\"fig\" rid=\"fig-1\">a</xref> Table 1</p>",
            "a reference left out of the list and a table the article lacks keep their words"
        );
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
