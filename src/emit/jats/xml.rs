//! A small element tree and its serialiser, so the writer can build JATS first and print it once.
//!
//! Mixed content (text with inline elements) is printed on one line exactly as built,
//! because any whitespace added inside it would change the text; element-only content
//! is indented.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// A node of the tree: an element or a run of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element.
    El(El),
    /// Text, not yet escaped.
    Text(String),
}

/// An element with its attributes (in writing order) and children.
#[derive(Debug, Clone, PartialEq)]
pub struct El {
    /// The qualified name, such as `article-title` or `xlink:href`.
    pub name: &'static str,
    /// Attributes as (name, unescaped value).
    pub attrs: Vec<(&'static str, String)>,
    /// Child nodes in order.
    pub kids: Vec<Node>,
}

impl El {
    /// An element without attributes or children.
    pub fn new(name: &'static str) -> El {
        El { name, attrs: vec![], kids: vec![] }
    }

    /// This element with one more attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, clean(&value.into())));
        self
    }

    /// This element with a text child appended.
    pub fn text(mut self, s: &str) -> El {
        self.push_text(s);
        self
    }

    /// This element with a child element appended.
    pub fn child(mut self, el: El) -> El {
        self.kids.push(Node::El(el));
        self
    }

    /// Appends a child element.
    pub fn push(&mut self, el: El) {
        self.kids.push(Node::El(el));
    }

    /// Appends a node, merging text with a text node just before.
    pub fn push_node(&mut self, n: Node) {
        match n {
            Node::El(e) => self.push(e),
            Node::Text(t) => self.push_text(&t),
        }
    }

    /// Appends text, merging it with a text node just before.
    pub fn push_text(&mut self, s: &str) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        if let Some(Node::Text(t)) = self.kids.last_mut() {
            t.push_str(&s);
        } else {
            self.kids.push(Node::Text(s));
        }
    }

    /// The concatenated text of this element and all its descendants.
    pub fn text_content(&self) -> String {
        let mut s = String::new();
        collect_text(self, &mut s);
        s
    }

    /// The first descendant (or this element) named `name`, depth first.
    #[cfg(test)]
    pub fn find(&self, name: &str) -> Option<&El> {
        if self.name == name {
            return Some(self);
        }
        self.kids.iter().find_map(|k| match k {
            Node::El(e) => e.find(name),
            Node::Text(_) => None,
        })
    }

    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.kids.iter().filter_map(|k| match k {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Whether this element's content is printed on one line: it holds text directly, or it
    /// is a text container (a paragraph holding only a footnote call is still a paragraph).
    fn is_mixed(&self) -> bool {
        TEXT_CONTAINERS.contains(&self.name) || self.kids.iter().any(|k| matches!(k, Node::Text(_)))
    }
}

/// Elements whose content is text, whatever they happen to hold.
const TEXT_CONTAINERS: [&str; 4] = ["p", "title", "label", "mixed-citation"];

fn collect_text(el: &El, out: &mut String) {
    for k in &el.kids {
        match k {
            Node::Text(t) => out.push_str(t),
            Node::El(e) => collect_text(e, out),
        }
    }
}

/// The text without characters XML 1.0 cannot hold (C0 controls other than tab and line
/// ends, lone surrogates cannot occur in Rust strings, U+FFFE and U+FFFF).
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        .collect()
}

/// Prints a whole document: XML declaration, the DOCTYPE line as given (unescaped), and the root.
pub fn document(doctype: &str, root: &El) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::DocType(BytesText::from_escaped(doctype)))?;
    write_indented(&mut w, root)?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn start(el: &El) -> BytesStart<'_> {
    let mut s = BytesStart::new(el.name);
    for (k, v) in &el.attrs {
        s.push_attribute((*k, v.as_str()));
    }
    s
}

fn write_indented(w: &mut Writer<Vec<u8>>, el: &El) -> std::io::Result<()> {
    if el.kids.is_empty() {
        return w.write_event(Event::Empty(start(el)));
    }
    w.write_event(Event::Start(start(el)))?;
    if el.is_mixed() {
        // Serialised without indentation and passed on as already-escaped text, so the
        // indenting writer adds no whitespace inside it.
        let mut inner = Writer::new(Vec::new());
        for k in &el.kids {
            write_compact(&mut inner, k)?;
        }
        let inner = String::from_utf8(inner.into_inner()).map_err(std::io::Error::other)?;
        w.write_event(Event::Text(BytesText::from_escaped(inner)))?;
    } else {
        for k in el.elements() {
            write_indented(w, k)?;
        }
    }
    w.write_event(Event::End(BytesEnd::new(el.name)))
}

fn write_compact(w: &mut Writer<Vec<u8>>, node: &Node) -> std::io::Result<()> {
    match node {
        Node::Text(t) => w.write_event(Event::Text(BytesText::new(t))),
        Node::El(el) if el.kids.is_empty() => w.write_event(Event::Empty(start(el))),
        Node::El(el) => {
            w.write_event(Event::Start(start(el)))?;
            for k in &el.kids {
                write_compact(w, k)?;
            }
            w.write_event(Event::End(BytesEnd::new(el.name)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(el: &El) -> String {
        String::from_utf8(document("x", el).unwrap()).unwrap()
    }

    #[test]
    fn mixed_content_gets_no_added_whitespace() {
        let p = El::new("p")
            .child(El::new("b").child(El::new("i").text("x")))
            .text(" and ")
            .child(El::new("xref").text("1"))
            .child(El::new("xref").text("2"));
        let out = print(&El::new("body").child(p));
        assert!(out.contains("<p><b><i>x</i></b> and <xref>1</xref><xref>2</xref></p>"), "{out}");
    }

    #[test]
    fn paragraph_of_only_a_call_stays_on_one_line() {
        let out = print(&El::new("body").child(El::new("p").child(El::new("xref").text("1"))));
        assert!(out.contains("<p><xref>1</xref></p>"), "{out}");
    }

    #[test]
    fn element_content_is_indented_by_two() {
        let out = print(&El::new("a").child(El::new("b").child(El::new("c").text("t"))));
        assert!(out.contains("<a>\n  <b>\n    <c>t</c>\n  </b>\n</a>"), "{out}");
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let out = print(&El::new("p").attr("href", "a?b=1&c=\"2\"").text("R&D <x> 'q'"));
        assert!(out.contains("href=\"a?b=1&amp;c=&quot;2&quot;\""), "{out}");
        assert!(out.contains("R&amp;D &lt;x&gt;"), "{out}");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\n"), "abc\td\n");
    }

    #[test]
    fn doctype_is_written_unescaped() {
        let out = String::from_utf8(document("article PUBLIC \"-//X//EN\" \"x.dtd\"", &El::new("article")).unwrap()).unwrap();
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE article PUBLIC \"-//X//EN\" \"x.dtd\">\n<article/>"), "{out}");
    }
}
