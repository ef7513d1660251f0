//! Reading text back out of quire's outputs and out of a layout.

use super::words::tokens;
#[cfg(test)]
use super::words::words;
use crate::layout::{Layout, Line, Rect};
use crate::tree::Provenance;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Elements after which text continues on a new line: everything else runs inline.
///
/// Only block boundaries break words; an inline element may sit inside a word
/// ("<i>Foreign</i>'s"), so it must not add a space.
const BLOCKS: &[&str] = &[
    // JATS
    "p", "title", "sec", "list", "list-item", "disp-quote", "fn", "fn-group", "ref", "ref-list",
    "mixed-citation", "element-citation", "article-title", "subtitle", "label", "caption", "table-wrap",
    "bio", "notes", "ack", "app", "boxed-text", "def-list", "def-item", "term", "def", "attrib", "title-group",
    "back", "body", "statement", "speech", "verse-group", "verse-line", "break", "td", "th", "tr",
    // XHTML
    "div", "section", "article", "aside", "header", "footer", "nav", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "table", "caption", "figure", "figcaption", "br", "hr",
    "pre", "address",
];

/// What an XML text walk keeps.
struct Walk<'a> {
    /// Whether text inside an element of this local name is wanted (with its descendants).
    include: &'a dyn Fn(&str) -> bool,
    /// Whether this element and all it holds are left out (note calls, labels).
    skip: &'a dyn Fn(&BytesStart) -> bool,
    /// Whether each included element's text stands apart from the next (a space after it).
    apart: bool,
}

/// The text of the wanted parts of an XML document, block boundaries as newlines.
fn xml_text(xml: &[u8], walk: &Walk) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut out = String::new();
    // Per open element: whether it is included, whether it is skipped.
    let mut stack: Vec<(bool, bool)> = Vec::new();
    let inside = |stack: &[(bool, bool)]| stack.iter().any(|s| s.0) && !stack.iter().any(|s| s.1);
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match ev {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
                stack.push(((walk.include)(&name), (walk.skip)(&e)));
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Event::End(e) => {
                if stack.pop().is_some_and(|s| s.0) && walk.apart {
                    out.push(' ');
                }
                let name = e.local_name().as_ref().to_string();
                if BLOCKS.contains(&name.as_str()) {
                    out.push('\n');
                }
            }
            Event::Text(t) if inside(&stack) => out.push_str(&t.xml10_content()),
            Event::CData(t) if inside(&stack) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside(&stack) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string),
                };
                out.push_str(c.as_deref().unwrap_or(" "));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The value of attribute `name` (qualified name as written) on `e`.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The text of a JATS article's title group, body and back, without note calls and labels.
pub fn jats_text(xml: &[u8]) -> Result<String, String> {
    let include = |n: &str| matches!(n, "title-group" | "body" | "back");
    let skip = |e: &BytesStart| match e.local_name().as_ref() {
        "label" => true,
        "xref" => attr(e, "ref-type").as_deref() == Some("fn"),
        _ => false,
    };
    xml_text(xml, &Walk { include: &include, skip: &skip, apart: false })
}

/// The body text of one XHTML content document, without note calls and back-links.
fn xhtml_text(xml: &[u8]) -> Result<String, String> {
    let include = |n: &str| n == "body";
    let skip = |e: &BytesStart| match e.local_name().as_ref() {
        "script" | "style" => true,
        "a" => {
            let t = attr(e, "epub:type").unwrap_or_default();
            let r = attr(e, "role").unwrap_or_default();
            t.contains("noteref") || r == "doc-noteref" || r == "doc-backlink"
        }
        _ => false,
    };
    xml_text(xml, &Walk { include: &include, skip: &skip, apart: false })
}

/// Reads `path` out of a ZIP archive.
fn zip_file(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, path: &str) -> Result<Vec<u8>, String> {
    let mut f = zip.by_name(path).map_err(|e| format!("{path}: {e}"))?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).map_err(|e| format!("{path}: {e}"))?;
    Ok(v)
}

/// An element's local name and its attributes (local name, value).
type Tag = (String, Vec<(String, String)>);

/// The start tags of an XML document, for reading package files.
fn start_tags(xml: &[u8]) -> Result<Vec<Tag>, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                let attrs = e
                    .attributes()
                    .flatten()
                    .filter_map(|a| {
                        let k = a.key.local_name().as_ref().to_string();
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| (k, v.into_owned()))
                    })
                    .collect();
                out.push((name, attrs));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The value of attribute `k` in an attribute list from [`start_tags`].
fn get<'a>(attrs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// `href` resolved against the folder of `base` inside an archive.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for p in href.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The text of an EPUB's spine documents in spine order, the navigation document left out.
pub fn epub_text(epub: &[u8]) -> Result<String, String> {
    let mut out = String::new();
    for (path, xml) in epub_documents(epub)? {
        out.push_str(&xhtml_text(&xml).map_err(|e| format!("{path}: {e}"))?);
        out.push('\n');
    }
    Ok(out)
}

/// The content documents of an EPUB in spine order, the navigation document left out.
fn epub_documents(epub: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).map_err(|e| format!("not a ZIP archive: {e}"))?;
    let container = zip_file(&mut zip, "META-INF/container.xml")?;
    let opf_path = start_tags(&container)?
        .into_iter()
        .find(|(n, _)| n == "rootfile")
        .and_then(|(_, a)| get(&a, "full-path").map(str::to_string))
        .ok_or("the container names no package document")?;
    let opf = start_tags(&zip_file(&mut zip, &opf_path)?)?;
    let mut manifest = std::collections::HashMap::new();
    let mut spine = Vec::new();
    for (name, a) in &opf {
        match name.as_str() {
            "item" => {
                if let (Some(id), Some(href)) = (get(a, "id"), get(a, "href")) {
                    let nav = get(a, "properties").is_some_and(|p| p.split_whitespace().any(|p| p == "nav"));
                    manifest.insert(id.to_string(), (resolve(&opf_path, href), nav));
                }
            }
            "itemref" => spine.extend(get(a, "idref").map(str::to_string)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for id in spine {
        let Some((path, nav)) = manifest.get(&id) else { continue };
        if *nav {
            continue;
        }
        out.push((path.clone(), zip_file(&mut zip, path)?));
    }
    Ok(out)
}

/// Words set in a style (emphasis, bold, scripts, code) in an XML document: text inside an
/// element that `styled` accepts, outside any that `skip` accepts.
fn styled_words(xml: &[u8], styled: &dyn Fn(&str) -> bool, skip: &dyn Fn(&BytesStart) -> bool) -> Result<usize, String> {
    let text = xml_text(xml, &Walk { include: styled, skip, apart: true })?;
    Ok(text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count())
}

/// Words the JATS body sets in italics, bold, super- or subscript or monospace.
pub fn jats_styled_words(xml: &[u8]) -> Result<usize, String> {
    let styled = |n: &str| matches!(n, "italic" | "bold" | "sup" | "sub" | "monospace");
    let skip = |e: &BytesStart| match e.local_name().as_ref() {
        "front" | "back" | "label" | "ref-list" | "caption" => true,
        "xref" => attr(e, "ref-type").as_deref() == Some("fn"),
        _ => false,
    };
    styled_words(xml, &styled, &skip)
}

/// Words the EPUB's chapters (not its notes or references) set as `em`, `strong`, `sup`,
/// `sub` or `code`.
pub fn epub_styled_words(epub: &[u8]) -> Result<usize, String> {
    let styled = |n: &str| matches!(n, "em" | "strong" | "sup" | "sub" | "code");
    let skip = |e: &BytesStart| match e.local_name().as_ref() {
        "script" | "style" | "figcaption" | "caption" => true,
        "a" => attr(e, "epub:type").unwrap_or_default().contains("noteref") || attr(e, "role").unwrap_or_default() == "doc-noteref",
        _ => false,
    };
    let mut n = 0;
    for (path, xml) in epub_documents(epub)? {
        if path.ends_with("notes.xhtml") || path.ends_with("references.xhtml") {
            continue;
        }
        n += styled_words(&xml, &styled, &skip).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(n)
}

/// Whether `r` (a line's box) sits inside one of `boxes` on page `page`.
pub(super) fn inside_any(page: u32, r: &Rect, boxes: &[Provenance]) -> bool {
    let (cx, cy) = ((r.x0 + r.x1) / 2.0, (r.y0 + r.y1) / 2.0);
    boxes.iter().any(|p| {
        let b = &p.bbox;
        p.page == page && cx >= b.x0 - 2.0 && cx <= b.x1 + 2.0 && cy >= b.y0 - 2.0 && cy <= b.y1 + 2.0
    })
}

/// A line's text with superscript note marks set apart, so "note¹" reads as "note 1".
fn line_text(l: &Line) -> String {
    let mut s = String::new();
    let mut prev_size = 0.0f32;
    for (i, w) in l.words.iter().enumerate() {
        let mark = !w.text.chars().any(char::is_alphabetic) && w.size < 0.85 * prev_size;
        if i > 0 && (w.space_before || mark) {
            s.push(' ');
        }
        s.push_str(&w.text);
        prev_size = w.size;
    }
    s
}

/// Whether a line ends in a hyphen that may join the next line's first word.
fn ends_hyphenated(s: &str) -> bool {
    s.ends_with(['-', '\u{2010}', '\u{00AD}']) && s.chars().rev().nth(1).is_some_and(char::is_alphabetic)
}

/// The text of a layout in reading order, lines inside the `furniture` boxes left out.
///
/// A line ending in a hyphen is joined to the next line of its block without a space, so a
/// hyphenated word reads whole (hyphens inside words are ignored when comparing); so is the
/// last line of a block when the next block goes on in lower case (a word hyphenated across
/// a page or column break). A line whose last word and the next line's first word make a
/// `known` word that one of the halves is not is joined too: a web address or a word broken
/// across lines without a hyphen.
pub fn layout_text(layout: &Layout, furniture: &[Provenance], known: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::new();
    for seg in layout_segments(layout, furniture, known) {
        out.push_str(&seg.text);
        out.push('\n');
    }
    out
}

/// A run of layout lines read as one piece of text: one line, or lines joined inside a word.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment<'a> {
    /// Page number, counting from 1.
    pub page: u32,
    /// The lines, in reading order.
    pub lines: Vec<&'a Line>,
    /// Their text, joined as [`layout_text`] joins them.
    pub text: String,
}

/// Words of the layout's lines inside the `furniture` boxes (running heads, page numbers).
pub fn furniture_words(layout: &Layout, furniture: &[Provenance]) -> usize {
    let lines = layout.pages.iter().flat_map(|p| p.blocks.iter().flat_map(move |b| b.lines.iter().map(move |l| (p.number, l))));
    lines.filter(|(n, l)| inside_any(*n, &l.bbox, furniture)).map(|(_, l)| super::words::words(&line_text(l)).len()).sum()
}

/// The pieces of [`layout_text`], in order: its text is theirs, each followed by a newline.
pub fn layout_segments<'a>(layout: &'a Layout, furniture: &[Provenance], known: &dyn Fn(&str) -> bool) -> Vec<Segment<'a>> {
    // Each kept line with its page and whether it starts a new block.
    let mut lines: Vec<(&Line, u32, String, bool)> = Vec::new();
    for page in &layout.pages {
        for block in &page.blocks {
            let mut first = true;
            for l in block.lines.iter().filter(|l| !inside_any(page.number, &l.bbox, furniture)) {
                lines.push((l, page.number, line_text(l), first));
                first = false;
            }
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut joined = false;
    for (i, (line, page, l, _)) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(seg) if joined => {
                seg.text.push_str(l);
                seg.lines.push(line);
            }
            _ => out.push(Segment { page: *page, lines: vec![line], text: l.clone() }),
        }
        joined = lines.get(i + 1).is_some_and(|(_, _, next, new_block)| {
            let hyphen = ends_hyphenated(l) && (!new_block || next.starts_with(char::is_lowercase));
            hyphen || broken_word(l, next, known)
        });
    }
    out
}

/// Whether `line` ends inside a word that `next` completes (perhaps starting with the
/// hyphen the break fell before): the two halves make a known word and at least one half
/// is not a word by itself.
fn broken_word(line: &str, next: &str, known: &dyn Fn(&str) -> bool) -> bool {
    // A web address may also break before one of its hyphens.
    let next_starts = next.trim_start_matches('-').starts_with(char::is_alphanumeric);
    if !line.ends_with(char::is_alphanumeric) || !next_starts {
        return false;
    }
    let tail = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let head = next.split(char::is_whitespace).next().unwrap_or("");
    let (Some(a), Some(b)) = (tokens(tail).pop(), tokens(head).into_iter().next()) else { return false };
    known(&format!("{a}{b}")) && (!known(&a) || !known(&b))
}

/// The text of a reflowed PDF read back through quire's own extractor, running heads and
/// page numbers (what the normaliser takes for furniture) left out, and the number of body
/// words the tree read back sets in a style (as [`super::styled_words`] counts the source's).
pub fn pdf_text(pdf: &[u8], known: &dyn Fn(&str) -> bool) -> Result<(String, usize), String> {
    let layout = crate::extract(pdf, &crate::ExtractOptions::default()).map_err(|e| e.to_string())?.output;
    let doc = crate::normalise(&layout, &crate::NormaliseOptions::default()).output;
    let furniture: Vec<Provenance> = doc.furniture.iter().map(|f| f.source).collect();
    Ok((layout_text(&layout, &furniture, known), super::styled_words(&doc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styled_words_are_counted_in_the_jats_body_only() {
        let xml = br#"<article><front><title-group><article-title><italic>Front</italic></article-title></title-group></front><body><p>Read <italic>The Wealth</italic> of m<sup>2</sup> and <bold><italic>both</italic></bold><xref ref-type="fn" rid="fn1"><sup>1</sup></xref>.</p></body><back><ref-list><ref><mixed-citation><source><italic>Journal</italic></source></mixed-citation></ref></ref-list></back></article>"#;
        assert_eq!(jats_styled_words(xml).unwrap(), 4);
    }
    use crate::layout::{Page, TextBlock, Word};

    #[test]
    fn jats_text_skips_front_note_calls_and_labels_but_keeps_inline_words_whole() {
        let xml = br#"<article><front><article-meta><title-group><article-title>A &amp; B</article-title></title-group>
            <abstract><p>Not read</p></abstract></article-meta></front>
            <body><p><italic>Foreign</italic>&#8217;s word<xref ref-type="fn" rid="fn1">x</xref></p></body>
            <back><fn-group><fn id="fn1"><label>x</label><p>Note</p></fn></fn-group></back></article>"#;
        let t = jats_text(xml).unwrap();
        assert_eq!(words(&t), vec!["a", "b", "foreigns", "word", "note"]);
    }

    #[test]
    fn resolve_handles_folders_and_fragments() {
        assert_eq!(resolve("OEBPS/content.opf", "text/ch1.xhtml#x"), "OEBPS/text/ch1.xhtml");
        assert_eq!(resolve("content.opf", "../a.xhtml"), "a.xhtml");
    }

    fn word(t: &str, size: f32, space: bool) -> Word {
        Word { text: t.into(), size, space_before: space, ..Default::default() }
    }

    #[test]
    fn layout_text_joins_hyphenated_lines_sets_marks_apart_and_skips_furniture() {
        let line = |ws: Vec<Word>, y: f32| Line {
            bbox: Rect { x0: 0.0, y0: y, x1: 100.0, y1: y + 10.0 },
            baseline: y + 8.0,
            words: ws,
        };
        let block = TextBlock {
            bbox: Rect { x0: 0.0, y0: 0.0, x1: 100.0, y1: 40.0 },
            lines: vec![
                line(vec![word("Running", 8.0, false), word("head", 8.0, true)], 0.0),
                line(vec![word("an", 10.0, false), word("exam-", 10.0, true)], 20.0),
                line(vec![word("ple", 10.0, false), word("1", 6.0, false)], 30.0),
            ],
            column: 0,
        };
        let layout = Layout { pages: vec![Page { number: 1, blocks: vec![block], ..Default::default() }], ..Default::default() };
        let head = Provenance { page: 1, bbox: crate::tree::BoxPt { x0: 0.0, y0: 0.0, x1: 100.0, y1: 10.0 } };
        let t = layout_text(&layout, &[head], &|_| false);
        assert_eq!(words(&t), vec!["an", "example"]);
    }

    #[test]
    fn a_word_broken_without_hyphen_is_joined_only_when_the_halves_make_a_known_word() {
        let known = |w: &str| matches!(w, "publications" | "state" | "ments");
        assert!(broken_word("see www.x.org/publi", "cations/2024 here", &known));
        assert!(!broken_word("the state", "ments", &|w: &str| w == "state" || w == "ments" || w == "statements"));
        assert!(!broken_word("the state.", "Then", &known));
        assert!(broken_word("x.org/report-7351", "8303/ more", &|w: &str| w == "report73518303"));
        assert!(broken_word("x.org/what-gets-wrong", "-73518303?utm=1", &|w: &str| w == "whatgetswrong73518303"));
    }
}
