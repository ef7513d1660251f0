//! A block's inline content as XHTML: text, note calls and the spans, nested as in the tree.
//!
//! Spans map to HTML's own elements where it has them (`em`, `strong`, `sup`, `sub`,
//! `code`, `a`), small capitals to `span class="sc"` (styled by [`CSS`]) and text in
//! another language to `span lang xml:lang`, so reading systems switch voice. Links go
//! only to `http(s)` and `mailto` addresses (see [`crate::emit::inline::target`]); a link
//! never holds a note call's link, so calls inside a link cut it in two.

use super::xhtml::{encode_url, escape};
use crate::emit::inline::{any_span, is_korean_tag, language_tag, split_at_calls, target, Anchor, Part, Target};
use crate::tree::{Document, Inline};

/// Style rules for the spans, added to the style sheet when the book has spans at all
/// (`sup` is already styled for note calls). `monospace` twice: browsers shrink a lone
/// generic `monospace` to 13 px before any `font-size` applies.
pub const CSS: &str = "\
sub { font-size: 0.75em; line-height: 0; }
.sc { font-variant: small-caps; }
code { font-family: monospace, monospace; font-size: 0.9em; }
";

/// Whether the book's blocks hold any span, so the style sheet needs [`CSS`].
pub fn needs_css(doc: &Document) -> bool {
    any_span(doc, &|_| true)
}

/// What writing inlines needs from the page writer.
pub trait Host {
    /// `s` escaped; Hangul runs marked as Korean unless `in_korean` (the text is already
    /// inside Korean) or the book is in Korean.
    fn text(&self, s: &str, in_korean: bool) -> String;
    /// The markup of a call to note `n`, `None` when there is no such note.
    fn note_call(&mut self, n: usize) -> Option<String>;
    /// Where page `n` of the source PDF is in the book, when the book marks its pages.
    fn page_href(&self, n: u32) -> Option<String>;
    /// Where a figure, table or reference is in the book, when the book has it.
    fn anchor_href(&self, a: Anchor) -> Option<String>;
}

/// `content` as XHTML.
pub fn inlines(host: &mut dyn Host, content: &[Inline]) -> String {
    let mut out = String::new();
    write(host, content, Cx::default(), &mut out);
    out
}

/// Where the writer is: inside a link (no link may start there), inside Korean text.
#[derive(Debug, Clone, Copy, Default)]
struct Cx {
    in_link: bool,
    in_korean: bool,
}

fn write(host: &mut dyn Host, content: &[Inline], cx: Cx, out: &mut String) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&host.text(t, cx.in_korean)),
            Inline::NoteCall(n) => {
                if let Some(call) = host.note_call(*n) {
                    out.push_str(&call);
                }
            }
            Inline::Emphasis(c) => wrap(host, "<em>", "</em>", c, cx, out),
            Inline::Strong(c) => wrap(host, "<strong>", "</strong>", c, cx, out),
            Inline::SmallCaps(c) => wrap(host, "<span class=\"sc\">", "</span>", c, cx, out),
            Inline::Superscript(c) => wrap(host, "<sup>", "</sup>", c, cx, out),
            Inline::Subscript(c) => wrap(host, "<sub>", "</sub>", c, cx, out),
            Inline::Monospace(c) => wrap(host, "<code>", "</code>", c, cx, out),
            Inline::Lang(l) => match language_tag(&l.lang) {
                Some(tag) => {
                    let open = format!("<span lang=\"{0}\" xml:lang=\"{0}\">", escape(tag));
                    let inner = Cx { in_korean: is_korean_tag(tag), ..cx };
                    wrap(host, &open, "</span>", &l.content, inner, out);
                }
                None => write(host, &l.content, cx, out),
            },
            Inline::Link(l) => {
                let href = match target(&l.target) {
                    Target::Uri(uri) => Some(encode_url(uri)),
                    Target::Page(n) => host.page_href(n),
                    Target::Anchor(a) => host.anchor_href(a),
                    Target::Unusable => None,
                };
                let mut text = String::new();
                Inline::push_text(&l.content, &mut text);
                match href {
                    // A link needs words to be named by (Ace's link-name rule).
                    Some(href) if !cx.in_link && !text.trim().is_empty() => {
                        let open = format!("<a href=\"{}\">", escape(&href));
                        let inner = Cx { in_link: true, ..cx };
                        for part in split_at_calls(&l.content) {
                            match part {
                                Part::Linked(kids) => wrap(host, &open, "</a>", &kids, inner, out),
                                Part::Call(n) => write(host, &[Inline::NoteCall(n)], cx, out),
                            }
                        }
                    }
                    _ => write(host, &l.content, cx, out),
                }
            }
        }
    }
}

/// `content` between `open` and `close`, unless it comes out empty.
fn wrap(host: &mut dyn Host, open: &str, close: &str, content: &[Inline], cx: Cx, out: &mut String) {
    let mut inner = String::new();
    write(host, content, cx, &mut inner);
    if !inner.is_empty() {
        out.push_str(open);
        out.push_str(&inner);
        out.push_str(close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{LangSpan, Link};

    /// A host that marks Hangul with brackets, numbers calls and knows page 2 only.
    struct Fake {
        calls: usize,
    }

    impl Host for Fake {
        fn text(&self, s: &str, in_korean: bool) -> String {
            if !in_korean && s.chars().any(crate::tree::is_hangul) {
                format!("[ko:{}]", escape(s))
            } else {
                escape(s)
            }
        }
        fn note_call(&mut self, n: usize) -> Option<String> {
            self.calls += 1;
            (n < 5).then(|| format!("<sup><a href=\"notes.xhtml#fn{}\">{}</a></sup>", n + 1, n + 1))
        }
        fn page_href(&self, n: u32) -> Option<String> {
            (n == 2).then(|| "chapter-01.xhtml#page-2".to_string())
        }
        fn anchor_href(&self, a: Anchor) -> Option<String> {
            (a == Anchor::Reference(1)).then(|| "references.xhtml#ref-1".to_string())
        }
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn html(content: &[Inline]) -> String {
        inlines(&mut Fake { calls: 0 }, content)
    }

    fn link(target: &str, content: Vec<Inline>) -> Inline {
        Inline::Link(Link { target: target.into(), content })
    }

    #[test]
    fn each_span_has_its_element() {
        let h = html(&[
            Inline::Emphasis(vec![t("i")]),
            Inline::Strong(vec![t("b")]),
            Inline::SmallCaps(vec![t("Nato")]),
            t(" m"),
            Inline::Superscript(vec![t("2")]),
            t(" CO"),
            Inline::Subscript(vec![t("2")]),
            Inline::Monospace(vec![t("a<b")]),
        ]);
        assert_eq!(h, "<em>i</em><strong>b</strong><span class=\"sc\">Nato</span> m<sup>2</sup> CO<sub>2</sub><code>a&lt;b</code>");
    }

    #[test]
    fn a_link_over_italics_is_one_anchor_and_unsafe_schemes_are_dropped() {
        let h = html(&[
            link("https://x.org/a b?c=1&d", vec![Inline::Emphasis(vec![t("Title")])]),
            link("javascript:alert(1)", vec![t(" click")]),
            link("#page-9", vec![t(" p. 9")]),
            link("#page-2", vec![t(" p. 2")]),
        ]);
        // The space in the address is not safe: the whole link is dropped, its text kept.
        assert_eq!(h, "<em>Title</em> click p. 9<a href=\"chapter-01.xhtml#page-2\"> p. 2</a>");
        let h = html(&[link("https://x.org/?c=1&d=2", vec![Inline::Emphasis(vec![t("Title")])])]);
        assert_eq!(h, "<a href=\"https://x.org/?c=1&amp;d=2\"><em>Title</em></a>");
    }

    #[test]
    fn a_call_inside_a_link_cuts_the_link_in_two() {
        let h = html(&[link("mailto:a@b.org", vec![Inline::Emphasis(vec![t("a"), Inline::NoteCall(0), t("b")])])]);
        assert_eq!(
            h,
            "<a href=\"mailto:a@b.org\"><em>a</em></a><sup><a href=\"notes.xhtml#fn1\">1</a></sup><a href=\"mailto:a@b.org\"><em>b</em></a>"
        );
    }

    #[test]
    fn a_call_inside_emphasis_stays_inside_it() {
        assert_eq!(html(&[Inline::Emphasis(vec![t("so"), Inline::NoteCall(1)])]), "<em>so<sup><a href=\"notes.xhtml#fn2\">2</a></sup></em>");
    }

    #[test]
    fn language_spans_are_marked_and_korean_inside_is_not_marked_twice() {
        let h = html(&[
            t("Kim "),
            Inline::Lang(LangSpan { lang: "ko".into(), content: vec![t("김정은")] }),
            t(" 김"),
            Inline::Lang(LangSpan { lang: "bad tag".into(), content: vec![t(" x")] }),
        ]);
        assert_eq!(h, "Kim <span lang=\"ko\" xml:lang=\"ko\">김정은</span>[ko: 김] x");
    }

    #[test]
    fn links_without_words_and_empty_spans_are_left_out() {
        assert_eq!(html(&[link("https://x.org", vec![t(" ")]), Inline::Strong(vec![])]), " ");
        assert_eq!(html(&[Inline::Emphasis(vec![Inline::NoteCall(9)])]), "");
    }
}
