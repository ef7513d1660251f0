//! The book's XHTML pages: title page, chapters, notes, references, authors and colophon.
//!
//! Every page is a complete XHTML 5 document carrying the document language; text is
//! escaped here and nowhere else, and Hangul runs in a non-Korean book are marked `ko`.

use super::floats;
use super::inline;
use super::pagelist::{Mark, PageMarks};
use crate::emit::display::Numbering;
use crate::tree::{box_runs, is_hangul, Anchor, Block, BlockKind, Date, Document, Inline, Reference, Section};

/// File name of the notes page, which every note call links to.
pub const NOTES_FILE: &str = "notes.xhtml";

/// What a page is, for the package's landmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    /// Series, title, subtitle, authors, date, abstract and the untitled opening text.
    TitlePage,
    /// The first chapter, where the body matter starts.
    BodyStart,
    /// A later chapter.
    Chapter,
    /// The footnotes.
    Notes,
    /// The reference list.
    Bibliography,
    /// The authors' biographies.
    Authors,
    /// Disclaimer and publisher details.
    Colophon,
}

/// An entry of the table of contents that points inside a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    /// Nesting depth: 1 is the page's own entry, 2 a section below it, and so on.
    pub depth: u8,
    /// The label, exactly as the section title in the tree.
    pub label: String,
    /// The `id` of the section element the entry links to.
    pub anchor: String,
}

/// One XHTML file of the book, in reading order.
#[derive(Debug, Clone)]
pub struct Page {
    /// File name inside the package folder, such as `chapter-01.xhtml`.
    pub file: String,
    /// The page's label in the table of contents.
    pub title: String,
    /// What the page is.
    pub role: PageRole,
    /// The whole XHTML document.
    pub xhtml: String,
    /// Entries for the sections inside the page below its own (depth 2 and deeper).
    pub children: Vec<TocEntry>,
}

/// Writes every page of `doc`, in reading order (the tests' view of [`book`]).
#[cfg(test)]
pub fn pages(doc: &Document) -> Vec<Page> {
    book(doc).0
}

/// Writes every page of `doc`, in reading order, with the page-break markers written into them.
///
/// The markers are returned for the navigation document's page list.
pub fn book(doc: &Document) -> (Vec<Page>, Vec<Mark>) {
    let mut w = Writer::new(doc);
    let mut pages = w.run();
    let marks = w.finish_marks(&mut pages);
    let anchors = anchor_files(&pages);
    for p in &mut pages {
        link_pages(&mut p.xhtml, &marks, &anchors);
    }
    (pages, marks)
}

/// The file each figure, table and reference was written in, by id; empty when no page
/// has a link to resolve.
fn anchor_files(pages: &[Page]) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    if !pages.iter().any(|p| p.xhtml.contains(PAGE_LINK_OPEN)) {
        return out;
    }
    for p in pages {
        for piece in p.xhtml.split(" id=\"").skip(1) {
            let id = piece.split('"').next().unwrap_or("");
            if Anchor::parse(id).is_some() {
                out.entry(id.to_string()).or_insert_with(|| p.file.clone());
            }
        }
    }
    out
}

/// The characters around a page number (or `#` and an element's id) in a link's address
/// until [`link_pages`] runs: noncharacters, which no text of the document brings.
const PAGE_LINK_OPEN: &str = "\u{FDD0}";
const PAGE_LINK_CLOSE: &str = "\u{FDD1}";

/// Points each link to a page of the source PDF at that page's marker, and each link to a
/// figure, table or reference at that element, in whichever file it was written; a link
/// to something the book does not have keeps only its words.
fn link_pages(xhtml: &mut String, marks: &[Mark], anchors: &std::collections::HashMap<String, String>) {
    const OPEN_TAG: &str = "<a href=\"";
    if !xhtml.contains(PAGE_LINK_OPEN) {
        return;
    }
    let mut out = String::with_capacity(xhtml.len());
    let mut rest = xhtml.as_str();
    while let Some(at) = rest.find(PAGE_LINK_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + PAGE_LINK_OPEN.len()..];
        let end = after.find(PAGE_LINK_CLOSE).unwrap_or(after.len());
        let key = &after[..end];
        let href = match key.strip_prefix('#') {
            Some(id) => anchors.get(id).map(|file| format!("{file}#{id}")),
            None => key.parse::<u32>().ok().and_then(|page| marks.iter().find(|m| m.page == page)).map(|m| format!("{}#{}", m.file, m.id())),
        };
        rest = after.get(end + PAGE_LINK_CLOSE.len()..).unwrap_or("");
        match href {
            Some(h) => out.push_str(&h),
            None if out.ends_with(OPEN_TAG) => {
                // Unwrap the link: its words stay, its tags go (links never nest).
                out.truncate(out.len() - OPEN_TAG.len());
                rest = rest.strip_prefix("\">").unwrap_or(rest);
                if let Some(close) = rest.find("</a>") {
                    out.push_str(&rest[..close]);
                    rest = &rest[close + "</a>".len()..];
                }
            }
            None => out.push('#'),
        }
    }
    out.push_str(rest);
    *xhtml = out;
}

/// The language tag written on every document: the tree's, or `und` when it is not a tag.
pub fn lang_tag(doc: &Document) -> String {
    let tag = doc.lang.trim();
    let ok = !tag.is_empty()
        && tag.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if ok {
        tag.to_string()
    } else {
        "und".into()
    }
}

pub(crate) use crate::text::escape_xml as escape;

/// Percent-encodes what may not stand in a URL attribute; `%` stays only before two hex digits.
pub fn encode_url(s: &str) -> String {
    let b = s.trim().as_bytes();
    let mut out = String::with_capacity(b.len());
    for (i, &c) in b.iter().enumerate() {
        let keep = c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&c);
        let escape_ok = c == b'%' && b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit();
        if keep || escape_ok {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// The resolver link for a DOI; characters that would end the path are encoded.
pub fn doi_href(doi: &str) -> String {
    let path = encode_url(doi).replace('#', "%23").replace('?', "%3F");
    format!("https://doi.org/{path}")
}

/// A section's title when it has a non-blank one.
fn title_of(s: &Section) -> Option<&str> {
    s.title.as_deref().filter(|t| !t.trim().is_empty())
}

/// Splits the sections into the untitled opening and chapters.
///
/// A chapter starts at each titled section no deeper than the one that opened the chapter
/// before, so a document whose top level is 2 still gets one file per top section.
fn chapters(sections: &[Section]) -> (&[Section], Vec<&[Section]>) {
    let first = sections.iter().position(|s| title_of(s).is_some()).unwrap_or(sections.len());
    let (opening, rest) = sections.split_at(first);
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..rest.len() {
        if title_of(&rest[i]).is_some() && rest[i].level <= rest[start].level {
            out.push(&rest[start..i]);
            start = i;
        }
    }
    if !rest.is_empty() {
        out.push(&rest[start..]);
    }
    (opening, out)
}

/// Renders the pages, remembering where each note is called so the notes can link back.
struct Writer<'a> {
    doc: &'a Document,
    lang: String,
    /// Whether the book is in Korean (then Hangul needs no marking).
    korean: bool,
    /// Whether the fixed English labels need their own `lang` (the book is not in English).
    foreign: bool,
    /// For each footnote, the (file, id) of every call, in order.
    calls: Vec<Vec<(String, String)>>,
    /// Counter for section ids, unique over the book.
    next_sec: usize,
    /// Figures and tables so far, for their ids.
    numbers: Numbering,
    /// Where the source pages began ([`super::pagelist`]).
    marks: PageMarks,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Document) -> Self {
        let lang = lang_tag(doc);
        let primary = lang.split('-').next().unwrap_or("").to_ascii_lowercase();
        Writer {
            doc,
            korean: primary == "ko",
            foreign: primary != "en" && primary != "und",
            lang,
            calls: vec![Vec::new(); doc.footnotes.len()],
            next_sec: 0,
            numbers: Numbering::default(),
            marks: PageMarks::plan(doc, |b| b.is_display() || !is_blank(b)),
        }
    }

    /// Writes the markers still due at the end of the last page and hands back all of them.
    fn finish_marks(&mut self, pages: &mut [Page]) -> Vec<Mark> {
        if let Some(last) = pages.last_mut() {
            let rest = self.marks.rest(&last.file);
            if let Some(at) = last.xhtml.rfind("</body>") {
                last.xhtml.insert_str(at, &rest);
            }
        }
        self.marks.marks().to_vec()
    }

    fn run(&mut self) -> Vec<Page> {
        let doc = self.doc;
        let (opening, chapters) = chapters(&doc.sections);
        let mut pages = vec![self.title_page(opening)];
        for (i, secs) in chapters.into_iter().enumerate() {
            let role = if i == 0 { PageRole::BodyStart } else { PageRole::Chapter };
            pages.push(self.chapter(&format!("chapter-{:02}.xhtml", i + 1), secs, role));
        }
        if !doc.footnotes.is_empty() {
            pages.push(self.notes());
        }
        if !doc.references.is_empty() {
            pages.push(self.references());
        }
        if doc.front.authors.iter().any(|a| a.bio.as_deref().is_some_and(|b| !b.trim().is_empty())) {
            pages.push(self.authors());
        }
        if !doc.colophon.is_empty() || doc.front.isbn.is_some() || doc.front.publisher.is_some() {
            pages.push(self.colophon());
        }
        pages
    }

    /// Text from the tree, escaped, with Hangul runs marked as Korean in a non-Korean book.
    fn text(&self, s: &str) -> String {
        self.text_in(s, false)
    }

    /// [`Writer::text`], for text already inside Korean (`in_korean`: no marking).
    fn text_in(&self, s: &str, in_korean: bool) -> String {
        if self.korean || in_korean || !s.chars().any(is_hangul) {
            return escape(s);
        }
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if is_hangul(chars[i]) {
                let mut end = i + 1;
                let mut j = i + 1;
                while j < chars.len() && (is_hangul(chars[j]) || chars[j].is_whitespace()) {
                    if is_hangul(chars[j]) {
                        end = j + 1;
                    }
                    j += 1;
                }
                let run: String = chars[i..end].iter().collect();
                out.push_str(&format!(r#"<span lang="ko" xml:lang="ko">{}</span>"#, escape(&run)));
                i = end;
            } else {
                let end = (i..chars.len()).find(|&k| is_hangul(chars[k])).unwrap_or(chars.len());
                let run: String = chars[i..end].iter().collect();
                out.push_str(&escape(&run));
                i = end;
            }
        }
        out
    }

    /// A fixed English label, marked as English when the book is in another language.
    fn label(&self, s: &str) -> String {
        if self.foreign {
            format!(r#"<span lang="en" xml:lang="en">{}</span>"#, escape(s))
        } else {
            escape(s)
        }
    }

    /// A whole XHTML document around `body`.
    fn document(&self, title: &str, body: &str) -> String {
        let l = escape(&self.lang);
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
             <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n\
             <head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n\
             <link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
            escape(title)
        )
    }

    fn title_page(&mut self, opening: &[Section]) -> Page {
        let doc = self.doc;
        let fm = &doc.front;
        let file = "title.xhtml";
        let mut b = self.marks.title_page(file);
        b.push_str("<section epub:type=\"titlepage\" class=\"titlepage\">\n");
        if let Some(s) = fm.series.as_deref().filter(|s| !s.trim().is_empty()) {
            b.push_str(&format!("<p class=\"series\">{}</p>\n", self.text(s)));
        }
        b.push_str(&format!("<h1 class=\"title\">{}</h1>\n", self.text(doc.display_title())));
        if let Some(s) = fm.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
            b.push_str(&format!("<p class=\"subtitle\" role=\"doc-subtitle\">{}</p>\n", self.text(s)));
        }
        for a in &fm.authors {
            b.push_str(&format!("<p class=\"author\">{}</p>\n", self.text(&a.full_name())));
        }
        for aff in fm.affiliations.iter().filter(|a| !a.trim().is_empty()) {
            b.push_str(&format!("<p class=\"affiliation\">{}</p>\n", self.text(aff)));
        }
        if let Some(d) = fm.date {
            b.push_str(&format!(
                "<p class=\"date\"><time datetime=\"{}\">{}</time></p>\n",
                d.iso(),
                escape(&self.date_text(d))
            ));
        }
        if let Some(paras) = fm.abstract_paras.as_ref().filter(|p| p.iter().any(|s| !s.trim().is_empty())) {
            b.push_str(&format!(
                "<section class=\"abstract\" role=\"doc-abstract\" aria-labelledby=\"abstract-title\">\n\
                 <h2 id=\"abstract-title\">{}</h2>\n",
                self.label("Abstract")
            ));
            for p in paras.iter().filter(|p| !p.trim().is_empty()) {
                b.push_str(&format!("<p>{}</p>\n", self.text(p)));
            }
            b.push_str("</section>\n");
        }
        b.push_str("</section>\n");
        if opening.iter().any(|s| !s.blocks.is_empty()) {
            b.push_str("<div class=\"opening\">\n");
            for s in opening {
                self.blocks(file, &s.blocks, &mut b);
            }
            b.push_str("</div>\n");
        }
        let title = doc.display_title().to_string();
        Page { file: file.into(), xhtml: self.document(&title, &b), title, role: PageRole::TitlePage, children: vec![] }
    }

    /// The date as words when the book is in English, else in ISO form.
    fn date_text(&self, d: Date) -> String {
        const MONTHS: [&str; 12] = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ];
        if self.foreign || self.korean {
            return d.iso();
        }
        match (d.month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1))), d.day) {
            (Some(m), Some(day)) => format!("{m} {day}, {}", d.year),
            (Some(m), None) => format!("{m} {}", d.year),
            _ => d.year.to_string(),
        }
    }

    /// One chapter: a titled section and the deeper sections after it, nested.
    fn chapter(&mut self, file: &str, secs: &[Section], role: PageRole) -> Page {
        let base = secs.first().map_or(1, |s| s.level);
        let mut b = String::new();
        let mut open: Vec<u8> = Vec::new();
        let mut children = Vec::new();
        let mut title = String::new();
        for s in secs {
            if let Some(t) = title_of(s) {
                let prev = open.last().copied().unwrap_or(0);
                let depth = (s.level.saturating_sub(base) + 1).clamp(1, prev + 1).min(6);
                while open.last().is_some_and(|&d| d >= depth) {
                    open.pop();
                    b.push_str("</section>\n");
                }
                // No accessible name on the section: named sections become region landmarks,
                // and two subsections may share a title.
                self.next_sec += 1;
                let id = format!("sec-{}", self.next_sec);
                b.push_str(&self.marks.before(file, s));
                b.push_str(&format!(
                    "<section id=\"{id}\">\n<h{depth} id=\"{id}-title\">{}</h{depth}>\n",
                    self.text(t)
                ));
                open.push(depth);
                if title.is_empty() {
                    title = t.to_string();
                } else {
                    children.push(TocEntry { depth, label: t.to_string(), anchor: id });
                }
            }
            self.blocks(file, &s.blocks, &mut b);
        }
        for _ in open {
            b.push_str("</section>\n");
        }
        Page { file: file.into(), xhtml: self.document(&title, &b), title, role, children }
    }

    /// Blocks in reading order, each box's blocks in one `aside` (a note to the text, its
    /// title first when printed).
    fn blocks(&mut self, file: &str, blocks: &[Block], out: &mut String) {
        for (boxed, run) in box_runs(blocks) {
            let Some(n) = boxed else {
                self.flow(file, run, out);
                continue;
            };
            if run.iter().all(is_blank) {
                continue;
            }
            let (title, rest) = match run.split_first() {
                Some((t, rest)) if t.kind == BlockKind::BoxTitle => (Some(t), rest),
                _ => (None, run),
            };
            match title {
                Some(t) => {
                    let inner = self.inlines(file, &t.content);
                    let mark = self.marks.before(file, t);
                    out.push_str(&format!(
                        "<aside id=\"box-{n}\" class=\"box\" role=\"note\" aria-labelledby=\"box-{n}-title\">\n{mark}<p class=\"box-title\" id=\"box-{n}-title\"><strong>{inner}</strong></p>\n"
                    ));
                }
                None => out.push_str(&format!("<aside id=\"box-{n}\" class=\"box\" role=\"note\">\n")),
            }
            self.flow(file, rest, out);
            out.push_str("</aside>\n");
        }
    }

    /// Paragraphs as `p`, runs of list items as one `ul`, runs of quotes as one
    /// `blockquote`, figures and tables as `figure` ([`floats`]).
    fn flow(&mut self, file: &str, blocks: &[Block], out: &mut String) {
        let blocks: Vec<&Block> = blocks.iter().filter(|b| b.is_display() || !is_blank(b)).collect();
        let mut i = 0;
        while i < blocks.len() {
            let kind = blocks[i].kind;
            if blocks[i].is_display() {
                let b = blocks[i];
                let id = self.numbers.next(b).unwrap_or_default();
                out.push_str(&self.marks.before(file, b));
                let caption = self.inlines(file, &b.content);
                let text = |s: &str| self.text(s);
                out.push_str(&match kind {
                    BlockKind::Table => floats::table(b, &id, &caption, &text),
                    _ => floats::figure(b, &id, &caption, &text),
                });
                i += 1;
                continue;
            }
            let run = blocks[i..].iter().take_while(|b| b.kind == kind).count();
            let (open, close, item) = match kind {
                BlockKind::Paragraph | BlockKind::Figure | BlockKind::Table | BlockKind::BoxTitle => ("", "", "p"),
                BlockKind::ListItem => ("<ul>\n", "</ul>\n", "li"),
                BlockKind::Quote => ("<blockquote>\n", "</blockquote>\n", "p"),
            };
            out.push_str(open);
            for blk in &blocks[i..i + run] {
                let mark = self.marks.before(file, *blk);
                let inner = self.inlines(file, &blk.content);
                // A list may hold only items: there the marker opens the item.
                match item {
                    "li" => out.push_str(&format!("<li>{mark}{inner}</li>\n")),
                    _ => out.push_str(&format!("{mark}<{item}>{inner}</{item}>\n")),
                }
            }
            out.push_str(close);
            i += run;
        }
    }

    /// A block's content: text, spans ([`inline`]) and note calls linking to the notes page.
    fn inlines(&mut self, file: &str, content: &[Inline]) -> String {
        inline::inlines(&mut InlineHost { w: self, file }, content)
    }

    /// A call to note `n` from `file`, linking to the notes page; remembered so that the
    /// note links back. `None` when there is no such note.
    fn note_call(&mut self, file: &str, n: usize) -> Option<String> {
        let note = self.doc.footnotes.get(n)?;
        let calls = &mut self.calls[n];
        let id = match calls.len() {
            0 => format!("fnref{}", n + 1),
            k => format!("fnref{}-{}", n + 1, k + 1),
        };
        calls.push((file.to_string(), id.clone()));
        let label = if note.label.trim().is_empty() { (n + 1).to_string() } else { note.label.clone() };
        Some(format!(
            "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" id=\"{id}\" href=\"{NOTES_FILE}#fn{}\">{}</a></sup>",
            n + 1,
            escape(&label)
        ))
    }

    fn notes(&mut self) -> Page {
        let mut b = format!(
            "<section epub:type=\"endnotes\" role=\"doc-endnotes\" aria-labelledby=\"notes-title\">\n<h1 id=\"notes-title\">{}</h1>\n",
            self.label("Notes")
        );
        for (n, note) in self.doc.footnotes.iter().enumerate() {
            let label = if note.label.trim().is_empty() { (n + 1).to_string() } else { note.label.clone() };
            let mark = match self.calls[n].first() {
                Some((file, id)) => format!(
                    "<a class=\"note-label\" role=\"doc-backlink\" href=\"{}#{id}\">{}</a>",
                    escape(file),
                    escape(&label)
                ),
                None => format!("<span class=\"note-label\">{}</span>", escape(&label)),
            };
            b.push_str(&self.marks.before(NOTES_FILE, note));
            b.push_str(&format!(
                "<aside id=\"fn{}\" class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\">\n<p>{mark} {}</p>\n</aside>\n",
                n + 1,
                self.text(&note.text)
            ));
        }
        b.push_str("</section>\n");
        Page { file: NOTES_FILE.into(), xhtml: self.document("Notes", &b), title: "Notes".into(), role: PageRole::Notes, children: vec![] }
    }

    fn references(&mut self) -> Page {
        let mut b = format!(
            "<section epub:type=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"references-title\">\n\
             <h1 id=\"references-title\">{}</h1>\n<ul class=\"references\">\n",
            self.label("References")
        );
        for (i, r) in self.doc.references.iter().enumerate() {
            let mark = self.marks.before("references.xhtml", r);
            let id = Anchor::Reference(u32::try_from(i + 1).unwrap_or(u32::MAX)).id();
            b.push_str(&format!("<li id=\"{id}\">{mark}{}</li>\n", self.reference(r)));
        }
        b.push_str("</ul>\n</section>\n");
        Page {
            file: "references.xhtml".into(),
            xhtml: self.document("References", &b),
            title: "References".into(),
            role: PageRole::Bibliography,
            children: vec![],
        }
    }

    /// The entry as printed, with its DOI and web address made links.
    ///
    /// A DOI that the printed entry does not show is added after it as a link.
    fn reference(&self, r: &Reference) -> String {
        let raw = r.raw.as_str();
        let mut links: Vec<(usize, usize, String)> = Vec::new();
        let mut extra = String::new();
        if let Some(doi) = r.doi.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            match find_ascii_ci(raw, doi) {
                Some(pos) => {
                    let before = raw[..pos].to_ascii_lowercase();
                    let prefix = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/"]
                        .iter()
                        .find(|p| before.ends_with(*p))
                        .map_or(0, |p| p.len());
                    links.push((pos - prefix, pos + doi.len(), doi_href(doi)));
                }
                None => {
                    let href = doi_href(doi);
                    extra = format!(" <a href=\"{}\">{}</a>", escape(&href), escape(&href));
                }
            }
        }
        if let Some(url) = r.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            let bare = url.trim_start_matches("https://").trim_start_matches("http://");
            let found = raw.find(url).map(|p| (p, url.len())).or_else(|| raw.find(bare).map(|p| (p, bare.len())));
            if let Some((pos, len)) = found {
                if !links.iter().any(|&(s, e, _)| pos < e && s < pos + len) {
                    let href = if url.contains("://") { url.to_string() } else { format!("https://{url}") };
                    links.push((pos, pos + len, encode_url(&href)));
                }
            }
        }
        links.sort_by_key(|l| l.0);
        let mut out = String::new();
        let mut at = 0;
        for (s, e, href) in links {
            out.push_str(&self.styled(raw, at, s, &r.italic));
            out.push_str(&format!("<a href=\"{}\">{}</a>", escape(&href), self.styled(raw, s, e, &r.italic)));
            at = e;
        }
        out.push_str(&self.styled(raw, at, raw.len(), &r.italic));
        out.push_str(&extra);
        out
    }

    /// `raw[from..to]` as XHTML, the stretches printed in italics (`italic`) as `em`.
    fn styled(&self, raw: &str, from: usize, to: usize, italic: &[(usize, usize)]) -> String {
        let mut out = String::new();
        let mut at = from;
        for &(s, e) in italic {
            let (s, e) = (s.max(from), e.min(to));
            if s >= e || s < at || !raw.is_char_boundary(s) || !raw.is_char_boundary(e) {
                continue;
            }
            out.push_str(&self.text(&raw[at..s]));
            out.push_str(&format!("<em>{}</em>", self.text(&raw[s..e])));
            at = e;
        }
        if at < to {
            out.push_str(&self.text(&raw[at..to]));
        }
        out
    }

    fn authors(&self) -> Page {
        let with_bio: Vec<&str> = self
            .doc
            .front
            .authors
            .iter()
            .filter_map(|a| a.bio.as_deref())
            .filter(|b| !b.trim().is_empty())
            .collect();
        let title = if with_bio.len() > 1 { "About the Authors" } else { "About the Author" };
        let mut b = format!(
            "<section class=\"bios\" aria-labelledby=\"bios-title\">\n<h1 id=\"bios-title\">{}</h1>\n",
            self.label(title)
        );
        for bio in with_bio {
            b.push_str(&format!("<p>{}</p>\n", self.text(bio)));
        }
        b.push_str("</section>\n");
        Page { file: "authors.xhtml".into(), xhtml: self.document(title, &b), title: title.into(), role: PageRole::Authors, children: vec![] }
    }

    fn colophon(&self) -> Page {
        let doc = self.doc;
        let c = &doc.colophon;
        let mut b = format!(
            "<section epub:type=\"colophon\" role=\"doc-colophon\" aria-labelledby=\"colophon-title\">\n<h1 id=\"colophon-title\">{}</h1>\n",
            self.label("Colophon")
        );
        if let Some(d) = c.disclaimer.as_deref().filter(|d| !d.trim().is_empty()) {
            b.push_str(&format!("<p class=\"disclaimer\">{}</p>\n", self.text(d)));
        }
        let email = c.email.as_deref().map(|e| match e.trim() {
            e if e.contains('@') && !e.contains(char::is_whitespace) => {
                format!("<a href=\"mailto:{}\">{}</a>", escape(&encode_url(e)), self.text(e))
            }
            e => self.text(e),
        });
        let website = c.website.as_deref().map(|w| match w.trim() {
            w if w.contains('.') && !w.contains(char::is_whitespace) => {
                let href = if w.contains("://") { w.to_string() } else { format!("https://{w}") };
                format!("<a href=\"{}\">{}</a>", escape(&encode_url(&href)), self.text(w))
            }
            w => self.text(w),
        });
        let rows: [(&str, Option<String>); 11] = [
            ("Publisher", doc.front.publisher.as_deref().map(|s| self.text(s))),
            ("Typeset by", c.typeset_by.as_deref().map(|s| self.text(s))),
            ("Inquiries", c.inquiries.as_deref().map(|s| self.text(s))),
            ("Address", c.address.as_deref().map(|s| self.text(s))),
            ("Phone", c.phone.as_deref().map(|s| self.text(s))),
            ("Fax", c.fax.as_deref().map(|s| self.text(s))),
            ("Email", email),
            ("Website", website),
            ("ISBN", doc.front.isbn.as_deref().map(|s| self.text(s))),
            ("ISSN", c.issn.as_deref().map(|s| self.text(s))),
            ("Number", c.report_number.as_deref().map(|s| self.text(s))),
        ];
        let rows: Vec<_> = rows.into_iter().filter_map(|(k, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (k, v))).collect();
        if !rows.is_empty() {
            b.push_str("<dl class=\"colophon\">\n");
            for (k, v) in rows {
                b.push_str(&format!("<dt>{}</dt>\n<dd>{v}</dd>\n", self.label(k)));
            }
            b.push_str("</dl>\n");
        }
        b.push_str("</section>\n");
        Page {
            file: "colophon.xhtml".into(),
            xhtml: self.document("Colophon", &b),
            title: "Colophon".into(),
            role: PageRole::Colophon,
            children: vec![],
        }
    }
}

/// The page writer as [`inline::Host`], for one page (`file`), so note calls know where they are.
struct InlineHost<'w, 'a> {
    w: &'w mut Writer<'a>,
    file: &'w str,
}

impl inline::Host for InlineHost<'_, '_> {
    fn text(&self, s: &str, in_korean: bool) -> String {
        self.w.text_in(s, in_korean)
    }

    fn note_call(&mut self, n: usize) -> Option<String> {
        self.w.note_call(self.file, n)
    }

    /// A stand-in for the marker of page `n`, whose file is known only once the whole
    /// book is written (a link may go forward); [`link_pages`] puts in the real address.
    fn page_href(&self, n: u32) -> Option<String> {
        Some(format!("{PAGE_LINK_OPEN}{n}{PAGE_LINK_CLOSE}"))
    }

    /// A stand-in like [`Self::page_href`]'s, holding the element's id after a `#`.
    fn anchor_href(&self, a: Anchor) -> Option<String> {
        Some(format!("{PAGE_LINK_OPEN}#{}{PAGE_LINK_CLOSE}", a.id()))
    }
}

/// Whether a block has neither text nor note calls.
fn is_blank(b: &Block) -> bool {
    b.text().trim().is_empty() && b.note_calls().next().is_none()
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` in `hay`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Author, Footnote};

    fn section(level: u8, title: Option<&str>, text: &str) -> Section {
        Section { level, title: title.map(Into::into), blocks: vec![Block::paragraph(text, vec![])], source: vec![] }
    }

    #[test]
    fn escape_covers_markup_and_drops_control_characters() {
        assert_eq!(escape("a < b & \"c\" > d\u{1}"), "a &lt; b &amp; &quot;c&quot; &gt; d");
    }

    #[test]
    fn hangul_runs_are_marked_korean_with_inner_spaces() {
        let mut d = Document::new();
        d.front.title = Some("T".into());
        let w = Writer::new(&d);
        assert_eq!(
            w.text("Kim (김 정은) & co"),
            "Kim (<span lang=\"ko\" xml:lang=\"ko\">김 정은</span>) &amp; co"
        );
        d.lang = "ko".into();
        assert_eq!(Writer::new(&d).text("김정은"), "김정은");
    }

    #[test]
    fn chapters_start_at_each_top_section_after_the_opening() {
        let secs = vec![
            section(1, None, "lead"),
            section(1, Some("A"), "a"),
            section(2, Some("A.1"), "a1"),
            section(1, Some("B"), "b"),
        ];
        let (opening, ch) = chapters(&secs);
        assert_eq!(opening.len(), 1);
        assert_eq!(ch.len(), 2);
        assert_eq!(ch[0].len(), 2);
    }

    #[test]
    fn note_calls_and_notes_link_both_ways() {
        let mut d = Document::new();
        d.sections.push(Section {
            level: 1,
            title: Some("Intro".into()),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                content: vec![Inline::Text("Seen.".into()), Inline::NoteCall(0), Inline::NoteCall(0)],
                source: vec![],
                ..Default::default()
            }],
            source: vec![],
        });
        d.footnotes.push(Footnote { label: "1".into(), text: "A & B.".into(), source: vec![] });
        let pages = pages(&d);
        let ch = pages.iter().find(|p| p.role == PageRole::BodyStart).unwrap();
        assert!(ch.xhtml.contains(r##"id="fnref1" href="notes.xhtml#fn1""##));
        assert!(ch.xhtml.contains(r#"id="fnref1-2""#), "second call gets its own id");
        let notes = pages.iter().find(|p| p.role == PageRole::Notes).unwrap();
        assert!(notes.xhtml.contains(r#"<aside id="fn1" class="footnote" epub:type="footnote""#));
        assert!(notes.xhtml.contains(r##"href="chapter-01.xhtml#fnref1">1</a> A &amp; B."##));
    }

    #[test]
    fn subsections_nest_below_their_chapter() {
        let mut d = Document::new();
        d.sections = vec![section(1, Some("A"), "a"), section(2, Some("A.1"), "x"), section(3, Some("A.1.1"), "y")];
        let p = pages(&d);
        let ch = &p[1];
        assert_eq!(ch.title, "A");
        assert_eq!(ch.children.iter().map(|c| c.depth).collect::<Vec<_>>(), vec![2, 3]);
        assert!(ch.xhtml.contains("<h2 id=\"sec-2-title\">A.1</h2>"));
        assert!(ch.xhtml.contains("<h3 id=\"sec-3-title\">A.1.1</h3>"));
    }

    #[test]
    fn heading_levels_never_skip() {
        let mut d = Document::new();
        d.sections = vec![section(1, Some("A"), "a"), section(3, Some("Deep"), "x")];
        let p = pages(&d);
        assert!(p[1].xhtml.contains("<h2 id=\"sec-2-title\">Deep</h2>"));
    }

    #[test]
    fn reference_links_its_printed_doi_and_url() {
        let mut d = Document::new();
        d.references.push(Reference {
            raw: "Kim, A. (2020). T. https://doi.org/10.1/ab<c. See www.x.org/p.".into(),
            doi: Some("10.1/ab<c".into()),
            url: Some("www.x.org/p".into()),
            ..Default::default()
        });
        let w = Writer::new(&d);
        let html = w.reference(&d.references[0]);
        assert_eq!(
            html,
            "Kim, A. (2020). T. <a href=\"https://doi.org/10.1/ab%3Cc\">https://doi.org/10.1/ab&lt;c</a>. \
             See <a href=\"https://www.x.org/p\">www.x.org/p</a>."
        );
    }

    #[test]
    fn every_page_declares_the_language() {
        let mut d = Document::new();
        d.lang = "en-GB".into();
        d.front.authors.push(Author { given: Some("A".into()), surname: "B".into(), bio: Some("Bio.".into()), affiliations: Vec::new() });
        d.colophon.phone = Some("1".into());
        for p in pages(&d) {
            assert!(p.xhtml.contains(r#"lang="en-GB" xml:lang="en-GB""#), "{}", p.file);
        }
    }
}
