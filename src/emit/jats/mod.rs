//! JATS 1.3 Archiving XML, following `shared/spec/jats-profile.md`.
//!
//! The writer builds the whole article as a small element tree ([`xml::El`]) from the
//! document tree alone, then prints it: UTF-8, indented by two spaces, mixed content
//! on one line. A field the tree lacks is left out, never written empty.

mod cite;
mod floats;
mod inline;
mod pages;
mod xml;

use crate::emit::display::Numbering;
use crate::error::{Error, Result};
use crate::tree::{box_runs, Block, BlockKind, Colophon, Document, FrontMatter};
use inline::Anchors;
use xml::El;

/// The DOCTYPE of JATS 1.3 Journal Archiving and Interchange (without MathML 3).
const DOCTYPE: &str = "article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN\" \"JATS-archivearticle1-3.dtd\"";

/// Settings for the JATS writer.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JatsOptions {
    /// The `article-type` of the root element, such as "research-article" or "brief-report".
    pub article_type: String,
}

impl Default for JatsOptions {
    fn default() -> Self {
        JatsOptions { article_type: "research-article".into() }
    }
}

impl JatsOptions {
    /// These options with another `article-type`.
    pub fn with_article_type(mut self, article_type: &str) -> Self {
        self.article_type = article_type.to_string();
        self
    }
}

/// Writes the document as JATS 1.3 Archiving XML.
pub fn jats(doc: &Document, opts: &JatsOptions) -> Result<Vec<u8>> {
    let root = article(doc, opts);
    xml::document(DOCTYPE, &root).map_err(|e| Error::Emit { format: "jats", message: e.to_string() })
}

/// The `article` element with front, body and back.
fn article(doc: &Document, opts: &JatsOptions) -> El {
    let mut a = El::new("article").attr("dtd-version", "1.3");
    if !opts.article_type.trim().is_empty() {
        a = a.attr("article-type", opts.article_type.trim());
    }
    if let Some(lang) = language_tag(&doc.lang) {
        a = a.attr("xml:lang", lang);
    }
    a = a.attr("xmlns:xlink", "http://www.w3.org/1999/xlink").attr("xmlns:mml", "http://www.w3.org/1998/Math/MathML");
    a.push(front(doc));
    let cites: Vec<Vec<El>> = doc.references.iter().map(cite::citations).collect();
    let anchors = Anchors::of(doc, &cites);
    if let Some(b) = body(doc, &anchors) {
        a.push(b);
    }
    if let Some(b) = back(doc, cites) {
        a.push(b);
    }
    a
}

/// The language as a BCP 47 tag, when it looks like one (the DTD types `xml:lang` as a
/// name token, so a stray space or symbol would make the file invalid).
fn language_tag(lang: &str) -> Option<&str> {
    let lang = lang.trim();
    let ok = !lang.is_empty()
        && lang.split('-').all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then_some(lang)
}

/// Trimmed text when it has any.
fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// An element holding one text.
fn leaf(name: &'static str, text: &str) -> El {
    El::new(name).text(text)
}

// ------------------------------------------------------------------ front

fn front(doc: &Document) -> El {
    let mut f = El::new("front");
    if let Some(jm) = journal_meta(&doc.front, &doc.colophon) {
        f.push(jm);
    }
    f.push(article_meta(doc));
    f
}

/// `journal-meta` from the series and publisher; `None` when the tree has neither
/// (the Archiving DTD makes `journal-meta` optional).
fn journal_meta(fm: &FrontMatter, col: &Colophon) -> Option<El> {
    let mut jm = El::new("journal-meta");
    if let Some(series) = some(&fm.series) {
        let id = slug(series);
        if !id.is_empty() {
            jm.push(leaf("journal-id", &id).attr("journal-id-type", "publisher-id"));
        }
        jm.push(El::new("journal-title-group").child(leaf("journal-title", series)));
    }
    if let Some(name) = some(&fm.publisher) {
        let mut p = El::new("publisher").child(leaf("publisher-name", name));
        if let Some(addr) = some(&col.address) {
            p.push(leaf("publisher-loc", addr));
        }
        jm.push(p);
    }
    (!jm.kids.is_empty()).then_some(jm)
}

/// A lower-case identifier from a name: letters and digits kept, runs of anything else
/// become one hyphen ("Policy Brief Series" → "policy-brief-series").
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn article_meta(doc: &Document) -> El {
    let fm = &doc.front;
    let mut am = El::new("article-meta");
    if let Some(doi) = some(&fm.doi) {
        am.push(leaf("article-id", doi).attr("pub-id-type", "doi"));
    }
    let mut tg = El::new("title-group");
    if let Some(t) = some(&fm.title) {
        tg.push(leaf("article-title", t));
    }
    if let Some(s) = some(&fm.subtitle) {
        tg.push(leaf("subtitle", s));
    }
    if !tg.kids.is_empty() {
        am.push(tg);
    }
    let mut cg = El::new("contrib-group");
    for a in &fm.authors {
        let surname = a.surname.trim();
        let given = some(&a.given);
        let mut name = El::new("name");
        if !surname.is_empty() {
            name.push(leaf("surname", surname));
        }
        if let Some(g) = given {
            name.push(leaf("given-names", g));
        }
        if name.kids.is_empty() {
            continue;
        }
        let mut c = El::new("contrib").attr("contrib-type", "author").child(name);
        for k in a.affiliations.iter().filter(|&&k| fm.affiliations.get(k).is_some_and(|t| !t.trim().is_empty())) {
            c.push(El::new("xref").attr("ref-type", "aff").attr("rid", format!("aff{}", k + 1)));
        }
        if let Some(bio) = some(&a.bio) {
            c.push(El::new("bio").child(leaf("p", bio)));
        }
        cg.push(c);
    }
    if !cg.kids.is_empty() {
        for (k, aff) in fm.affiliations.iter().enumerate().filter(|(_, a)| !a.trim().is_empty()) {
            cg.push(leaf("aff", aff.trim()).attr("id", format!("aff{}", k + 1)));
        }
        am.push(cg);
    }
    if let Some(d) = &fm.date {
        let mut pd = El::new("pub-date").attr("publication-format", "print").attr("date-type", "pub").attr("iso-8601-date", d.iso());
        if let Some(day) = d.day {
            pd.push(leaf("day", &format!("{day:02}")));
        }
        if let Some(m) = d.month {
            pd.push(leaf("month", &format!("{m:02}")));
        }
        pd.push(leaf("year", &format!("{:04}", d.year)));
        am.push(pd);
    }
    if let Some(isbn) = some(&fm.isbn) {
        am.push(leaf("isbn", isbn));
    }
    for el in pages::printed_range(&doc.source).into_iter().flatten() {
        am.push(el);
    }
    // JATS4R requires a `permissions` element; the tree knows no copyright or licence,
    // so it stays empty rather than asserting rights nobody stated.
    am.push(El::new("permissions"));
    let paras: Vec<&str> = fm.abstract_paras.iter().flatten().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
    if !paras.is_empty() {
        let mut ab = El::new("abstract");
        for p in paras {
            ab.push(leaf("p", p));
        }
        am.push(ab);
    }
    let kwds: Vec<&str> = fm.keywords.iter().map(|k| k.trim()).filter(|k| !k.is_empty()).collect();
    if !kwds.is_empty() {
        let mut g = El::new("kwd-group").attr("kwd-group-type", "author");
        for k in kwds {
            g.push(leaf("kwd", k));
        }
        am.push(g);
    }
    if let Some(c) = pages::counts(&doc.source) {
        am.push(c);
    }
    if let Some(g) = custom_meta(&doc.colophon, fm.publisher.is_some()) {
        am.push(g);
    }
    am
}

/// The colophon fields that have no element of their own, as `custom-meta`.
///
/// The address goes to `publisher-loc`, which needs a publisher name; without one it is
/// kept here instead of being lost.
fn custom_meta(col: &Colophon, has_publisher: bool) -> Option<El> {
    let mut g = El::new("custom-meta-group");
    for (name, value) in col.fields() {
        let value = value.trim();
        let own_home = name == "disclaimer" || (name == "address" && has_publisher);
        if own_home || value.is_empty() {
            continue;
        }
        g.push(El::new("custom-meta").child(leaf("meta-name", name)).child(leaf("meta-value", value)));
    }
    (!g.kids.is_empty()).then_some(g)
}

// ------------------------------------------------------------------ body

/// The `body`: the untitled opening paragraphs, then nested `sec`s; `None` when empty.
fn body(doc: &Document, anchors: &Anchors) -> Option<El> {
    let mut cx = Blocks { anchors, korean: is_korean(&doc.lang), asset_dir: doc.asset_dir(), numbers: Numbering::default() };
    let mut body = El::new("body");
    // Open sections, outermost first, with their levels.
    let mut open: Vec<(u8, El)> = vec![];
    let mut n_sec = 0;
    for s in &doc.sections {
        match some(&s.title) {
            Some(title) => {
                let level = s.level.max(1);
                close_to(&mut open, &mut body, level);
                n_sec += 1;
                let mut sec = El::new("sec").attr("id", format!("sec{n_sec}")).child(leaf("title", title));
                cx.push(&mut sec, &s.blocks);
                open.push((level, sec));
            }
            // An untitled section continues whatever is open: the deepest section, or the body.
            None => match open.last_mut() {
                Some((_, sec)) => cx.push(sec, &s.blocks),
                None => cx.push(&mut body, &s.blocks),
            },
        }
    }
    close_to(&mut open, &mut body, 0);
    (!body.kids.is_empty()).then_some(body)
}

/// Closes every open section at `level` or deeper, each into its parent.
fn close_to(open: &mut Vec<(u8, El)>, body: &mut El, level: u8) {
    while open.last().is_some_and(|(l, _)| *l >= level) {
        let Some((_, sec)) = open.pop() else { break };
        match open.last_mut() {
            Some((_, parent)) => parent.push(sec),
            None => body.push(sec),
        }
    }
}

/// What writing blocks needs besides the blocks: note labels, language, where pictures
/// are, and the display count so far.
struct Blocks<'a> {
    anchors: &'a Anchors,
    korean: bool,
    asset_dir: &'a str,
    numbers: Numbering,
}

impl Blocks<'_> {
    /// Appends blocks in reading order, each box's blocks in one `boxed-text` (its title,
    /// if printed, as the caption's `title`).
    fn push(&mut self, parent: &mut El, blocks: &[Block]) {
        for (boxed, run) in box_runs(blocks) {
            if boxed.is_none() {
                self.push_flow(parent, run);
                continue;
            }
            let mut bx = El::new("boxed-text").attr("id", format!("box-{}", boxed.unwrap_or_default()));
            let (title, rest) = match run.split_first() {
                Some((t, rest)) if t.kind == BlockKind::BoxTitle => (Some(t), rest),
                _ => (None, run),
            };
            if let Some(t) = title {
                let mut el = El::new("title");
                inline::push(&mut el, &t.content, self.anchors);
                bx.push(El::new("caption").child(el));
            }
            self.push_flow(&mut bx, rest);
            if !bx.kids.is_empty() {
                parent.push(bx);
            }
        }
    }

    /// Appends blocks as `p`, `list` (consecutive items grouped), `disp-quote`, `fig` and
    /// `table-wrap`, in reading order.
    fn push_flow(&mut self, parent: &mut El, blocks: &[Block]) {
        let mut list: Option<El> = None;
        for b in blocks {
            if b.is_display() {
                if let Some(l) = list.take() {
                    parent.push(l);
                }
                let id = self.numbers.next(b).unwrap_or_default();
                parent.push(floats::display(b, id, self.anchors, self.asset_dir, self.korean));
                continue;
            }
            let mut p = paragraph(b, self.anchors);
            if self.korean {
                p.attrs.retain(|(k, _)| *k != "xml:lang");
            }
            if p.kids.is_empty() {
                continue;
            }
            if b.kind == BlockKind::ListItem {
                list.get_or_insert_with(|| El::new("list").attr("list-type", "bullet")).push(El::new("list-item").child(p));
                continue;
            }
            if let Some(l) = list.take() {
                parent.push(l);
            }
            match b.kind {
                BlockKind::Quote => parent.push(El::new("disp-quote").child(p)),
                _ => parent.push(p),
            }
        }
        if let Some(l) = list {
            parent.push(l);
        }
    }
}

/// A `p` with the block's text, spans ([`inline`]) and its footnote calls as `xref`s
/// showing the notes' labels.
///
/// A call to a note that does not exist is left out: its `rid` would point nowhere.
fn paragraph(b: &Block, anchors: &Anchors) -> El {
    let mut p = El::new("p");
    inline::push(&mut p, &b.content, anchors);
    let text = p.text_content();
    if text.trim().is_empty() {
        return El::new("p");
    }
    if mostly_hangul(&text) {
        p = p.attr("xml:lang", "ko");
    }
    p
}

/// Whether the document's main language is Korean.
fn is_korean(lang: &str) -> bool {
    let l = lang.trim().to_ascii_lowercase();
    l == "ko" || l.starts_with("ko-")
}

/// Whether most letters of `text` are Hangul, so a block in a document of another
/// language can be marked as Korean (screen readers switch voice on `xml:lang`).
fn mostly_hangul(text: &str) -> bool {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        hangul += usize::from(crate::tree::is_hangul(c));
    }
    hangul * 2 > letters
}

/// The `id` of footnote `n` (counting from 0).
fn fn_id(n: usize) -> String {
    format!("fn{}", n + 1)
}

/// The label printed for footnote `n`: its mark, else its number.
fn fn_label(doc: &Document, n: usize) -> String {
    doc.footnotes.get(n).map(|f| f.label.trim()).filter(|l| !l.is_empty()).map_or_else(|| (n + 1).to_string(), str::to_string)
}

// ------------------------------------------------------------------ back

/// The `back`: footnotes, references and the disclaimer; `None` when there are none.
fn back(doc: &Document, cites: Vec<Vec<El>>) -> Option<El> {
    let mut back = El::new("back");
    if !doc.footnotes.is_empty() {
        let mut g = El::new("fn-group");
        for (n, f) in doc.footnotes.iter().enumerate() {
            let mut fnel = El::new("fn").attr("id", fn_id(n)).child(leaf("label", &fn_label(doc, n)));
            // The DTD needs a paragraph in every note; an empty note keeps an empty one so
            // that the calls to it still resolve.
            let mut p = leaf("p", f.text.trim());
            if !is_korean(&doc.lang) && mostly_hangul(&f.text) {
                p = p.attr("xml:lang", "ko");
            }
            fnel.push(p);
            g.push(fnel);
        }
        back.push(g);
    }
    let mut rl = El::new("ref-list");
    for cites in cites {
        if cites.is_empty() {
            continue;
        }
        let mut re = El::new("ref").attr("id", format!("ref{}", rl.kids.len() + 1));
        for c in cites {
            re.push(c);
        }
        rl.push(re);
    }
    if !rl.kids.is_empty() {
        back.push(rl);
    }
    if let Some(d) = some(&doc.colophon.disclaimer) {
        back.push(El::new("notes").attr("notes-type", "disclaimer").child(leaf("p", d)));
    }
    (!back.kids.is_empty()).then_some(back)
}

#[cfg(test)]
mod tests;
