//! What every writer needs to set inline spans: where a link may point, and links split
//! around the note calls inside them.
//!
//! Kept apart from the writers so that JATS, EPUB and the reflowed PDF agree on which
//! link targets are written as links at all.

pub use crate::tree::Anchor;
use crate::tree::{Document, Inline, LangSpan, Link};

/// Where a link of the tree points, as a writer can use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A web or mail address with a safe scheme (`http`, `https`, `mailto`), trimmed.
    Uri(&'a str),
    /// Page N (from 1) of the source PDF, from a `#page-N` target.
    Page(u32),
    /// A figure, table or reference of the document, from a `#fig-N`, `#table-N` or
    /// `#ref-N` target.
    Anchor(Anchor),
    /// Anything else (`javascript:`, `file:`, a malformed address): the text is kept, the
    /// link is not, since a reader following it could be harmed or sent nowhere.
    Unusable,
}

/// Classifies a link target.
///
/// Of addresses only `http(s)` and `mailto` pass: those are what a policy paper links to,
/// and a reading system must never be handed a script or a local file to open. Of targets
/// inside the document, a page and the tree's figures, tables and references pass.
pub fn target(t: &str) -> Target<'_> {
    let t = t.trim();
    if let Some(n) = t.strip_prefix("#page-") {
        let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        return match n.parse::<u32>() {
            Ok(n) if digits && n > 0 => Target::Page(n),
            _ => Target::Unusable,
        };
    }
    if let Some(id) = t.strip_prefix('#') {
        return Anchor::parse(id).map_or(Target::Unusable, Target::Anchor);
    }
    if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Target::Unusable;
    }
    let Some((scheme, rest)) = t.split_once(':') else { return Target::Unusable };
    let ok = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.strip_prefix("//").is_some_and(|host| host.chars().next().is_some_and(|c| c.is_alphanumeric())),
        "mailto" => rest.contains('@') && !rest.starts_with('@'),
        _ => false,
    };
    if ok {
        Target::Uri(t)
    } else {
        Target::Unusable
    }
}

/// Whether `tag` looks like a BCP 47 language tag (letters and digits in parts of one to
/// eight, joined by hyphens, starting with a letter); attributes typed as name tokens
/// would make the output invalid otherwise.
pub fn language_tag(tag: &str) -> Option<&str> {
    let tag = tag.trim();
    let ok = tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && tag.split('-').all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then_some(tag)
}

/// Whether `tag` names Korean (`ko`, `ko-KR`, …).
pub fn is_korean_tag(tag: &str) -> bool {
    let primary = tag.trim().split('-').next().unwrap_or("");
    primary.eq_ignore_ascii_case("ko")
}

/// One piece of a link's content split at its note calls.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Inlines without note calls, which the link covers.
    Linked(Vec<Inline>),
    /// A note call, which stays outside the link (a link may not hold another link).
    Call(usize),
}

/// `content` split at its note calls, spans that hold a call cut in two around it:
/// `[Emphasis[a, call 1, b]]` gives `[Emphasis[a]]`, call 1, `[Emphasis[b]]`.
pub fn split_at_calls(content: &[Inline]) -> Vec<Part> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for i in content {
        match i {
            Inline::NoteCall(n) => {
                flush(&mut run, &mut out);
                out.push(Part::Call(*n));
            }
            Inline::Text(_) => run.push(i.clone()),
            span if !has_call(span.children()) => run.push(span.clone()),
            span => {
                for part in split_at_calls(span.children()) {
                    match part {
                        Part::Linked(kids) => run.push(rewrap(span, kids)),
                        Part::Call(n) => {
                            flush(&mut run, &mut out);
                            out.push(Part::Call(n));
                        }
                    }
                }
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut Vec<Inline>, out: &mut Vec<Part>) {
    if !run.is_empty() {
        out.push(Part::Linked(std::mem::take(run)));
    }
}

/// Whether `inlines` hold a note call, inside spans too.
pub fn has_call(inlines: &[Inline]) -> bool {
    let mut calls = Vec::new();
    Inline::push_calls(inlines, &mut calls);
    !calls.is_empty()
}

/// A span of the same kind as `span` holding `kids`.
fn rewrap(span: &Inline, kids: Vec<Inline>) -> Inline {
    match span {
        Inline::Emphasis(_) => Inline::Emphasis(kids),
        Inline::Strong(_) => Inline::Strong(kids),
        Inline::SmallCaps(_) => Inline::SmallCaps(kids),
        Inline::Superscript(_) => Inline::Superscript(kids),
        Inline::Subscript(_) => Inline::Subscript(kids),
        Inline::Monospace(_) => Inline::Monospace(kids),
        Inline::Link(l) => Inline::Link(Link { target: l.target.clone(), content: kids }),
        Inline::Lang(l) => Inline::Lang(LangSpan { lang: l.lang.clone(), content: kids }),
        Inline::Text(_) | Inline::NoteCall(_) => span.clone(),
    }
}

/// Whether any block of the document holds a span matching `pred`, at any depth.
pub fn any_span(doc: &Document, pred: &dyn Fn(&Inline) -> bool) -> bool {
    fn walk(inlines: &[Inline], pred: &dyn Fn(&Inline) -> bool) -> bool {
        inlines.iter().any(|i| (!matches!(i, Inline::Text(_) | Inline::NoteCall(_)) && pred(i)) || walk(i.children(), pred))
    }
    doc.sections.iter().flat_map(|s| &s.blocks).any(|b| walk(&b.content, pred))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        assert_eq!(target(" https://example.org/a?b=1 "), Target::Uri("https://example.org/a?b=1"));
        assert_eq!(target("HTTP://x.org"), Target::Uri("HTTP://x.org"));
        assert_eq!(target("mailto:a@b.org"), Target::Uri("mailto:a@b.org"));
        assert_eq!(target("#page-12"), Target::Page(12));
        assert_eq!(target("#fig-2"), Target::Anchor(Anchor::Figure(2)));
        assert_eq!(target("#table-1"), Target::Anchor(Anchor::Table(1)));
        assert_eq!(target("#ref-31"), Target::Anchor(Anchor::Reference(31)));
        assert_eq!(Anchor::Reference(31).id(), "ref-31");
        for bad in ["javascript:alert(1)", "JavaScript:x", "file:///etc/passwd", "data:text/html,x", "https://", "https:// x.org", "mailto:", "#page-0", "#page-x", "#page-+3", "#sec-2", "#ref-", "#fig", "www.x.org", ""] {
            assert_eq!(target(bad), Target::Unusable, "{bad}");
        }
    }

    #[test]
    fn language_tags_are_checked() {
        assert_eq!(language_tag(" ko "), Some("ko"));
        assert_eq!(language_tag("zh-Hant-TW"), Some("zh-Hant-TW"));
        assert_eq!(language_tag("ko KR"), None);
        assert_eq!(language_tag("-ko"), None);
        assert_eq!(language_tag("1ko"), None);
        assert!(is_korean_tag("ko-KR") && !is_korean_tag("kok"));
    }

    #[test]
    fn calls_are_lifted_out_of_link_content() {
        let content = vec![text("see "), Inline::Emphasis(vec![text("a"), Inline::NoteCall(3), text("b")]), Inline::NoteCall(4)];
        assert_eq!(
            split_at_calls(&content),
            vec![
                Part::Linked(vec![text("see "), Inline::Emphasis(vec![text("a")])]),
                Part::Call(3),
                Part::Linked(vec![Inline::Emphasis(vec![text("b")])]),
                Part::Call(4),
            ]
        );
        assert_eq!(split_at_calls(&[text("x")]), vec![Part::Linked(vec![text("x")])]);
    }
}
