//! Page-break markers and the page list: where each page of the source edition began.
//!
//! Readers who cite or teach from the printed edition need its page numbers; EPUB gives
//! them as `pagebreak` markers in the text and a `page-list` nav pointing at them.

use super::xhtml::escape;
use crate::tree::{Block, Document, Footnote, Provenance, Reference, Section};
use std::collections::HashMap;

/// The identity of a piece of content in the tree (a block, a section heading, a note or
/// a reference): its address, stable while the tree is borrowed.
type Key = *const ();

/// Tree items a marker can stand before.
///
/// A trait rather than any `T` so that a reference to a reference (`&&Block`, whose
/// address is not the block's) cannot be passed by mistake.
pub trait Content {
    /// The item's identity.
    fn key(&self) -> Key {
        std::ptr::from_ref(self).cast()
    }
}

impl Content for Block {}
impl Content for Section {}
impl Content for Footnote {}
impl Content for Reference {}

/// One marker written into the book.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Page number in the source PDF, counting from 1.
    pub page: u32,
    /// The XHTML file it is in.
    pub file: String,
    /// The printed label of the page.
    pub label: String,
}

impl Mark {
    /// The marker's `id`, unique in the book because each page has one marker.
    pub fn id(&self) -> String {
        format!("page-{}", self.page)
    }
}

/// Decides before which content each source page's marker goes, and records the markers
/// as they are written.
///
/// Page 1 goes at the top of the title page (the front matter is read from the first
/// page). Any other page goes before its first text block or heading in reading order,
/// else before its first figure or table; a page with no content of its own goes with
/// the next page that has some, and pages after the last content at the end of the book.
#[derive(Debug, Default)]
pub struct PageMarks {
    /// For each content item that opens one or more pages, those pages in order.
    due: HashMap<Key, Vec<u32>>,
    /// The pages whose marker waits for the end of the book.
    trailing: Vec<u32>,
    /// The markers written so far, in reading order.
    written: Vec<Mark>,
    /// The printed labels, by page number (index 0 is page 1).
    labels: Vec<String>,
}

/// A content item in reading order: its key, its first page and whether it is running
/// text (a heading or text block) rather than a figure or table.
type Item = (Key, u32, bool);

impl PageMarks {
    /// Plans the markers of `doc`; `shown` says whether a block is written at all.
    pub fn plan(doc: &Document, shown: impl Fn(&Block) -> bool) -> PageMarks {
        let mut items: Vec<Item> = Vec::new();
        let first = |source: &[Provenance]| source.iter().map(|p| p.page).find(|&p| p > 0);
        for s in &doc.sections {
            if let (Some(_), Some(p)) = (s.title.as_deref().filter(|t| !t.trim().is_empty()), first(&s.source)) {
                items.push((s.key(), p, true));
            }
            for b in s.blocks.iter().filter(|b| shown(b)) {
                if let Some(p) = first(&b.source) {
                    items.push((b.key(), p, !b.is_display()));
                }
            }
        }
        for n in &doc.footnotes {
            if let Some(p) = first(&n.source) {
                items.push((n.key(), p, true));
            }
        }
        for r in doc.references.iter().filter(|r| !r.raw.trim().is_empty()) {
            if let Some(p) = first(&r.source_boxes) {
                items.push((r.key(), p, true));
            }
        }
        let last_seen = items.iter().map(|i| i.1).max().unwrap_or(0);
        let pages = doc.source.pages.max(last_seen);
        // Each page's opening item: its first text, else its first display.
        let mut opening: HashMap<u32, (Key, bool)> = HashMap::new();
        for &(k, p, text) in &items {
            match opening.get(&p) {
                Some(&(_, true)) => {}
                Some(&(_, false)) if !text => {}
                _ => {
                    opening.insert(p, (k, text));
                }
            }
        }
        let mut plan = PageMarks { labels: (1..=pages).map(|p| doc.source.page_label(p)).collect(), ..Default::default() };
        let mut waiting = Vec::new();
        for p in 2..=pages {
            waiting.push(p);
            if let Some(&(k, _)) = opening.get(&p) {
                plan.due.entry(k).or_default().append(&mut waiting);
            }
        }
        plan.trailing = waiting;
        plan
    }

    /// The markers of the title page: page 1's, when the source has pages.
    pub fn title_page(&mut self, file: &str) -> String {
        if self.labels.is_empty() {
            return String::new();
        }
        self.write(file, &[1])
    }

    /// The markers due before `item`, written into `file`; empty for most items.
    pub fn before(&mut self, file: &str, item: &impl Content) -> String {
        match self.due.remove(&item.key()) {
            Some(pages) => self.write(file, &pages),
            None => String::new(),
        }
    }

    /// The markers of the pages still unwritten, for the end of the book's last file:
    /// pages after the last content, and any whose content was not written after all.
    pub fn rest(&mut self, file: &str) -> String {
        let mut pages = std::mem::take(&mut self.trailing);
        pages.extend(self.due.drain().flat_map(|(_, p)| p));
        pages.sort_unstable();
        self.write(file, &pages)
    }

    /// The markers written, in reading order.
    pub fn marks(&self) -> &[Mark] {
        &self.written
    }

    fn write(&mut self, file: &str, pages: &[u32]) -> String {
        let mut out = String::new();
        for &page in pages {
            let label = self.labels.get(page as usize - 1).cloned().unwrap_or_else(|| page.to_string());
            let mark = Mark { page, file: file.to_string(), label };
            let l = escape(&mark.label);
            out.push_str(&format!(
                "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"{}\" title=\"{l}\" aria-label=\"{l}\"/>",
                mark.id()
            ));
            self.written.push(mark);
        }
        out
    }
}

/// The `page-list` nav for the navigation document, in page order; empty without markers.
pub fn nav(marks: &[Mark]) -> String {
    if marks.is_empty() {
        return String::new();
    }
    let mut sorted: Vec<&Mark> = marks.iter().collect();
    sorted.sort_by_key(|m| m.page);
    let mut s = String::from("<nav epub:type=\"page-list\" role=\"doc-pagelist\" aria-label=\"Page list\" hidden=\"\">\n<ol>\n");
    for m in sorted {
        s.push_str(&format!("<li><a href=\"{}#{}\">{}</a></li>\n", escape(&m.file), m.id(), escape(&m.label)));
    }
    s.push_str("</ol>\n</nav>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::BoxPt;

    fn on(page: u32) -> Vec<Provenance> {
        vec![Provenance { page, bbox: BoxPt::default() }]
    }

    #[test]
    fn each_page_opens_at_its_first_text_and_empty_pages_wait_for_the_next() {
        let mut d = Document::new();
        d.source.pages = 6;
        d.source.page_labels = vec!["i".into(), "ii".into(), "1".into(), "2".into(), "3".into(), "4".into()];
        let fig = Block::figure(Default::default(), "", on(4));
        let blocks = vec![Block::paragraph("a", on(2)), fig, Block::paragraph("b", on(4)), Block::paragraph("c", on(2))];
        d.sections.push(Section { level: 1, title: Some("T".into()), blocks, source: on(2) });
        d.sections.push(Section { level: 1, title: None, blocks: vec![Block::paragraph("d", on(5))], source: vec![] });
        let mut m = PageMarks::plan(&d, |_| true);
        assert!(m.title_page("t.xhtml").contains("id=\"page-1\" title=\"i\" aria-label=\"i\""));
        let s = &d.sections[0];
        assert!(m.before("c.xhtml", s).contains("id=\"page-2\""), "the heading opens page 2");
        assert_eq!(m.before("c.xhtml", &s.blocks[0]), "");
        assert_eq!(m.before("c.xhtml", &s.blocks[1]), "", "a figure does not open a page that has text");
        let third = m.before("c.xhtml", &s.blocks[2]);
        assert!(third.find("page-3").unwrap() < third.find("page-4").unwrap(), "page 3 has no content: {third}");
        assert!(m.before("c.xhtml", &d.sections[1].blocks[0]).contains("page-5"));
        assert!(m.rest("end.xhtml").contains("id=\"page-6\" title=\"4\""));
        let pages: Vec<u32> = m.marks().iter().map(|k| k.page).collect();
        assert_eq!(pages, vec![1, 2, 3, 4, 5, 6]);
        assert!(nav(m.marks()).contains("<li><a href=\"c.xhtml#page-3\">1</a></li>"));
    }

    /// Every file of an EPUB archive with its text.
    fn files(epub: &[u8]) -> Vec<(String, String)> {
        use std::io::Read;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let mut s = String::new();
                f.read_to_string(&mut s).unwrap_or_default();
                (f.name().to_string(), s)
            })
            .collect()
    }

    /// The values of attribute `attr` in `xml`, in order.
    fn values<'a>(xml: &'a str, attr: &str) -> Vec<&'a str> {
        let pat = format!(" {attr}=\"");
        xml.match_indices(&pat).map(|(i, _)| &xml[i + pat.len()..]).map(|r| &r[..r.find('"').unwrap()]).collect()
    }

    #[test]
    fn book_from_pages_one_to_three_lists_every_page_and_links_resolve() {
        use crate::tree::{BlockKind, Footnote, Inline};
        let mut d = Document::new();
        d.front.title = Some("Paged".into());
        d.front.isbn = Some("978-0-306-40615-7".into());
        d.source.pages = 4;
        d.source.page_labels = vec!["i".into(), "1".into(), "2".into(), "3".into()];
        let item = Block { kind: BlockKind::ListItem, content: vec![Inline::Text("item".into()), Inline::NoteCall(0)], source: on(3), ..Default::default() };
        d.sections.push(Section { level: 1, title: None, blocks: vec![Block::paragraph("Lead.", on(1))], source: vec![] });
        d.sections.push(Section { level: 1, title: Some("One".into()), blocks: vec![Block::paragraph("a", on(1)), Block::paragraph("b", on(2))], source: on(1) });
        d.sections.push(Section { level: 1, title: Some("Two".into()), blocks: vec![Block::paragraph("c", on(2)), item], source: on(2) });
        d.footnotes.push(Footnote { label: "1".into(), text: "Note.".into(), source: on(3) });
        let book = files(&super::super::epub(&d, &Default::default()).unwrap());
        let get = |name: &str| book.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str()).unwrap();

        let mut page_ids = Vec::new();
        for (name, xml) in book.iter().filter(|(n, _)| n.ends_with(".xhtml")) {
            let ids = values(xml, "id");
            let unique: std::collections::HashSet<_> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "duplicate id in {name}");
            page_ids.extend(ids.into_iter().filter(|i| i.starts_with("page-")).map(|i| (name.clone(), i.to_string())));
        }
        let ids: Vec<&str> = page_ids.iter().map(|(_, i)| i.as_str()).collect();
        assert_eq!(ids.len(), 4, "one marker per page: {page_ids:?}");
        assert_eq!(ids.iter().collect::<std::collections::HashSet<_>>().len(), 4);

        let nav = get("OEBPS/nav.xhtml");
        let list = &nav[nav.find("epub:type=\"page-list\"").expect("a page list")..];
        let hrefs = values(&list[..list.find("</nav>").unwrap()], "href");
        assert_eq!(hrefs.len(), 4);
        for h in &hrefs {
            let (file, id) = h.split_once('#').unwrap();
            assert!(page_ids.contains(&(format!("OEBPS/{file}"), id.to_string())), "{h} points at no marker");
        }
        assert!(list.contains(">i</a>") && list.contains(">3</a>"), "{list}");
        assert!(get("OEBPS/title.xhtml").contains("id=\"page-1\" title=\"i\""));
        let ch2 = get("OEBPS/chapter-02.xhtml");
        assert!(ch2.contains("<li><span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-3\" title=\"2\" aria-label=\"2\"/>item"), "{ch2}");
        assert!(get("OEBPS/chapter-01.xhtml").contains("id=\"page-2\""));
        let colophon = get("OEBPS/colophon.xhtml");
        assert!(colophon.contains("id=\"page-4\" title=\"3\" aria-label=\"3\"/></body>"), "the last page goes at the end of the book: {colophon}");

        let opf = get("OEBPS/content.opf");
        assert!(opf.contains(">pageBreakMarkers<") && opf.contains(">pageNavigation<"), "{opf}");
        assert!(opf.contains("<dc:source id=\"source\">urn:isbn:9780306406157</dc:source>"), "{opf}");
        assert!(opf.contains("<meta refines=\"#source\" property=\"source-of\">pagination</meta>"), "{opf}");
    }

    #[test]
    fn a_book_without_pages_has_no_markers() {
        let mut m = PageMarks::plan(&Document::new(), |_| true);
        assert_eq!(m.title_page("t.xhtml"), "");
        assert_eq!(m.rest("t.xhtml"), "");
        assert_eq!(nav(m.marks()), "");
        let book = files(&super::super::epub(&Document::new(), &Default::default()).unwrap());
        assert!(book.iter().all(|(_, s)| !s.contains("pagebreak") && !s.contains("page-list") && !s.contains("pageNavigation")));
    }
}
