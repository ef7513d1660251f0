//! A block's inline content as spans for the setter: faces, small capitals, raised and
//! lowered text and links, from the tree's nested spans.
//!
//! Emphasis switches between the upright and italic faces (emphasis inside emphasis is
//! upright again), strong text takes the bold ones, monospace DejaVu Sans Mono at 85 %
//! (its lower case is much taller than the serif's). Small capitals are the face's own
//! (`smcp`) where it has them, else capitals at 80 % of the size. Superscripts and
//! subscripts are set smaller and shifted with the same baseline rise note calls use.
//! Links to `http(s)` and `mailto` addresses become link areas; a link to a page of the
//! source PDF keeps only its text (the edition's pages are others).

use super::fonts::{Fonts, Style};
use super::layout::Span;
use crate::emit::inline::{target, Target};
use crate::tree::{Document, Inline};

/// Size of super- and subscripts, relative to the text around them.
pub(super) const SCRIPT_SCALE: f32 = 0.65;
/// Baseline rise of a superscript, in em of the text around it.
pub(super) const SUPER_RISE: f32 = 0.35;
/// Baseline drop of a subscript, in em of the text around it.
pub(super) const SUB_DROP: f32 = 0.15;
/// Size of the capitals that stand in for small capitals in a face without them.
pub(super) const FAKE_SMALL_CAPS: f32 = 0.8;
/// Size of fixed-pitch text: DejaVu Sans Mono's lower case is much taller than
/// Libertinus Serif's, and at full size code looks shouted.
pub(super) const MONO_SCALE: f32 = 0.85;

/// `content` as spans; `call(n)` gives the span of a call to note `n` (and may note that
/// the note is called). Consecutive calls are separated by a raised comma in the calls'
/// own style.
pub(super) fn spans(content: &[Inline], fonts: &Fonts, call: &mut dyn FnMut(usize) -> Span) -> Vec<Span> {
    let mut out = Out { spans: Vec::new(), after_call: false, fonts, call };
    out.walk(content, &Cx::default());
    out.spans
}

/// The styles the blocks of `doc` set text in, so that only their faces are loaded;
/// the faces follow the spans as [`spans`] does.
pub(super) fn styles(doc: &Document) -> Vec<Style> {
    fn walk(content: &[Inline], bold: bool, italic: bool, mono: bool, out: &mut Vec<Style>) {
        for i in content {
            match i {
                Inline::Text(_) => {
                    let st = Style::of(bold, italic, mono);
                    if !out.contains(&st) {
                        out.push(st);
                    }
                }
                Inline::NoteCall(_) => {}
                Inline::Emphasis(c) => walk(c, bold, !italic, mono, out),
                Inline::Strong(c) => walk(c, true, italic, mono, out),
                Inline::Monospace(c) => walk(c, bold, italic, true, out),
                span => walk(span.children(), bold, italic, mono, out),
            }
        }
    }
    let mut out = Vec::new();
    for b in doc.sections.iter().flat_map(|s| &s.blocks) {
        walk(&b.content, b.kind == crate::tree::BlockKind::BoxTitle, false, false, &mut out);
    }
    out.sort();
    out
}

/// The style in force at a point of the content.
#[derive(Debug, Clone, PartialEq)]
struct Cx {
    bold: bool,
    italic: bool,
    mono: bool,
    small_caps: bool,
    scale: f32,
    rise: f32,
    link: Option<String>,
}

impl Default for Cx {
    fn default() -> Self {
        Cx { bold: false, italic: false, mono: false, small_caps: false, scale: 1.0, rise: 0.0, link: None }
    }
}

struct Out<'c, 'f, 'a> {
    spans: Vec<Span>,
    /// Whether the last span is a note call.
    after_call: bool,
    fonts: &'f Fonts<'a>,
    call: &'c mut dyn FnMut(usize) -> Span,
}

impl Out<'_, '_, '_> {
    fn walk(&mut self, content: &[Inline], cx: &Cx) {
        for i in content {
            match i {
                Inline::Text(t) => self.text(t, cx),
                Inline::NoteCall(n) => {
                    let span = (self.call)(*n);
                    if self.after_call {
                        self.spans.push(Span { text: ",".into(), note: None, ..span.clone() });
                    }
                    self.spans.push(span);
                    self.after_call = true;
                }
                Inline::Emphasis(c) => self.walk(c, &Cx { italic: !cx.italic, ..cx.clone() }),
                Inline::Strong(c) => self.walk(c, &Cx { bold: true, ..cx.clone() }),
                Inline::SmallCaps(c) => self.walk(c, &Cx { small_caps: true, ..cx.clone() }),
                Inline::Monospace(c) => {
                    let scale = if cx.mono { cx.scale } else { cx.scale * MONO_SCALE };
                    self.walk(c, &Cx { mono: true, scale, ..cx.clone() })
                }
                Inline::Superscript(c) => {
                    self.walk(c, &Cx { scale: cx.scale * SCRIPT_SCALE, rise: cx.rise + SUPER_RISE * cx.scale, ..cx.clone() })
                }
                Inline::Subscript(c) => {
                    self.walk(c, &Cx { scale: cx.scale * SCRIPT_SCALE, rise: cx.rise - SUB_DROP * cx.scale, ..cx.clone() })
                }
                Inline::Link(l) => match target(&l.target) {
                    Target::Uri(uri) if cx.link.is_none() => self.walk(&l.content, &Cx { link: Some(uri.to_string()), ..cx.clone() }),
                    _ => self.walk(&l.content, cx),
                },
                // The fonts already draw each script in a face that has it.
                Inline::Lang(l) => self.walk(&l.content, cx),
            }
        }
    }

    /// Text in the style of `cx`; small capitals a face lacks become smaller capitals.
    fn text(&mut self, t: &str, cx: &Cx) {
        self.after_call = false;
        let style = Style::of(cx.bold, cx.italic, cx.mono);
        let span = |text: String, scale: f32, small_caps: bool| Span {
            text,
            style,
            scale,
            rise: cx.rise,
            link: cx.link.clone(),
            small_caps,
            note: None,
        };
        if !cx.small_caps || self.fonts.has_small_caps(style) {
            self.spans.push(span(t.to_string(), cx.scale, cx.small_caps));
            return;
        }
        // Runs of lower-case letters become capitals at a smaller size.
        let mut run = String::new();
        let mut lower = false;
        for c in t.chars() {
            if c.is_lowercase() != lower && !run.is_empty() {
                let text = std::mem::take(&mut run);
                self.spans.push(if lower { span(text.to_uppercase(), cx.scale * FAKE_SMALL_CAPS, false) } else { span(text, cx.scale, false) });
            }
            lower = c.is_lowercase();
            run.push(c);
        }
        if !run.is_empty() {
            self.spans.push(if lower { span(run.to_uppercase(), cx.scale * FAKE_SMALL_CAPS, false) } else { span(run, cx.scale, false) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fonts::FontData;
    use super::*;
    use crate::tree::Link;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn with_fonts(f: impl FnOnce(&Fonts)) {
        let data = FontData::load(&Default::default(), None);
        let fonts = Fonts::new(data.faces(&Style::ALL));
        f(&fonts);
    }

    fn call_span(n: usize) -> Span {
        Span { scale: 0.62, rise: 0.36, ..Span::new((n + 1).to_string(), Style::Regular) }
    }

    fn set(fonts: &Fonts, content: &[Inline]) -> Vec<Span> {
        spans(content, fonts, &mut call_span)
    }

    #[test]
    fn plain_text_and_calls_come_out_as_before_spans_existed() {
        with_fonts(|f| {
            let s = set(f, &[t("Seen."), Inline::NoteCall(0), Inline::NoteCall(1), t(" Then")]);
            let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(texts, ["Seen.", "1", ",", "2", " Then"]);
            assert_eq!(s[0], Span::new("Seen.", Style::Regular));
            assert_eq!(s[2].rise, 0.36);
        });
    }

    #[test]
    fn spans_choose_faces_and_emphasis_inside_emphasis_is_upright() {
        with_fonts(|f| {
            let s = set(
                f,
                &[Inline::Strong(vec![Inline::Emphasis(vec![t("bi"), Inline::Emphasis(vec![t("b")])])]), Inline::Monospace(vec![t("m")])],
            );
            let styles: Vec<Style> = s.iter().map(|s| s.style).collect();
            assert_eq!(styles, [Style::BoldItalic, Style::Bold, Style::Mono]);
            assert_eq!(s[2].scale, MONO_SCALE);
            let s = set(f, &[Inline::Monospace(vec![Inline::Monospace(vec![t("m")])])]);
            assert_eq!(s[0].scale, MONO_SCALE, "nested code is not made smaller again");
        });
    }

    #[test]
    fn the_faces_loaded_are_those_the_spans_use() {
        let content = vec![
            t("a"),
            Inline::Strong(vec![Inline::Emphasis(vec![t("bi"), Inline::Emphasis(vec![t("b")])])]),
            Inline::Superscript(vec![Inline::Monospace(vec![Inline::Emphasis(vec![t("mi")])])]),
        ];
        let mut doc = Document::new();
        doc.sections.push(crate::tree::Section {
            level: 1,
            title: None,
            blocks: vec![crate::tree::Block { content: content.clone(), ..Default::default() }],
            source: vec![],
        });
        let loaded = styles(&doc);
        assert_eq!(loaded, [Style::Regular, Style::Bold, Style::BoldItalic, Style::MonoItalic]);
        with_fonts(|f| {
            for s in set(f, &content) {
                assert!(loaded.contains(&s.style), "{s:?}");
            }
        });
    }

    #[test]
    fn scripts_are_smaller_and_shifted() {
        with_fonts(|f| {
            let s = set(f, &[t("m"), Inline::Superscript(vec![t("2")]), t(" CO"), Inline::Subscript(vec![t("2")])]);
            assert_eq!((s[1].scale, s[1].rise), (SCRIPT_SCALE, SUPER_RISE));
            assert_eq!((s[3].scale, s[3].rise), (SCRIPT_SCALE, -SUB_DROP));
            // A superscript is not a note call: no comma before the call after it.
            let s = set(f, &[Inline::Superscript(vec![t("2")]), Inline::NoteCall(0)]);
            assert_eq!(s.len(), 2);
        });
    }

    #[test]
    fn small_caps_use_the_feature_or_smaller_capitals() {
        with_fonts(|f| {
            let s = set(f, &[Inline::SmallCaps(vec![t("Nato")])]);
            assert_eq!(s.len(), 1);
            assert!(s[0].small_caps);
            let s = set(f, &[Inline::Monospace(vec![Inline::SmallCaps(vec![t("Nato 2")])])]);
            let got: Vec<(&str, f32)> = s.iter().map(|s| (s.text.as_str(), s.scale)).collect();
            assert_eq!(got, [("N", MONO_SCALE), ("ATO", MONO_SCALE * FAKE_SMALL_CAPS), (" 2", MONO_SCALE)]);
            assert!(s.iter().all(|s| !s.small_caps));
        });
    }

    #[test]
    fn only_safe_web_links_become_link_areas() {
        with_fonts(|f| {
            let link = |target: &str| Inline::Link(Link { target: target.into(), content: vec![Inline::Emphasis(vec![t("x")])] });
            let s = set(f, &[link("https://x.org/a"), link("#page-3"), link("javascript:alert(1)")]);
            assert_eq!(s[0].link.as_deref(), Some("https://x.org/a"));
            assert_eq!(s[0].style, Style::Italic);
            assert_eq!((s[1].link.as_deref(), s[2].link.as_deref()), (None, None));
        });
    }
}
