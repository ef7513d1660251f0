//! The structure tree of a tagged PDF: which marked content on which page is a heading, a
//! paragraph, a list item, a note, a table or a figure.
//!
//! The tree (`/StructTreeRoot`) holds structure elements whose kids are other elements or
//! marked-content references (an `/MCID` on a page). Each reference takes the standard type
//! of its outermost block-level element, after the document's `/RoleMap`: text in a table
//! cell's paragraph is table text, a paragraph inside a note is note text.

use crate::layout::Tag;
use lopdf::{Dictionary, Document, Object, ObjectId};
use rustc_hash::FxHashMap as HashMap;

/// Most structure elements and references read from one document.
const MAX_NODES: usize = 500_000;
/// Deepest nesting of structure elements followed.
const MAX_DEPTH: usize = 64;
/// Longest chain of role-map entries followed.
const MAX_ROLE_HOPS: usize = 8;

/// The tag of each marked-content id on one page.
pub(crate) type TagMap = HashMap<u32, Tag>;

/// For each page (in page order), the tag of each marked-content id; empty for an untagged PDF.
pub(crate) fn read(doc: &Document, page_ids: &[ObjectId]) -> Vec<TagMap> {
    let mut out: Vec<TagMap> = vec![HashMap::default(); page_ids.len()];
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).and_then(|o| dict(doc, o)) else {
        return out;
    };
    let pages: HashMap<ObjectId, usize> = page_ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let roles = root.get(b"RoleMap").ok().and_then(|o| dict(doc, o));
    let mut walk = Walk { doc, roles, pages, out: &mut out, nodes: 0, seen: Default::default() };
    if let Ok(k) = root.get(b"K") {
        walk.kids(k, None, None, 0);
    }
    out
}

struct Walk<'a> {
    doc: &'a Document,
    roles: Option<&'a Dictionary>,
    pages: HashMap<ObjectId, usize>,
    out: &'a mut Vec<TagMap>,
    nodes: usize,
    seen: rustc_hash::FxHashSet<ObjectId>,
}

impl<'a> Walk<'a> {
    /// Reads an element's `/K`: one kid or an array of them, on `page`, under `tag`.
    fn kids(&mut self, k: &'a Object, page: Option<usize>, tag: Option<Tag>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Object::Reference(id) = k {
            if !self.seen.insert(*id) {
                return;
            }
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return;
        }
        match deref(self.doc, k) {
            Object::Array(items) => {
                for item in items {
                    self.kids(item, page, tag, depth + 1);
                }
            }
            Object::Integer(mcid) => self.record(page, *mcid, tag),
            Object::Dictionary(d) => self.node(d, page, tag, depth),
            _ => {}
        }
    }

    /// A marked-content reference, an object reference (skipped) or a structure element.
    fn node(&mut self, d: &'a Dictionary, page: Option<usize>, tag: Option<Tag>, depth: usize) {
        let page = d.get(b"Pg").ok().and_then(|o| o.as_reference().ok()).and_then(|id| self.pages.get(&id).copied()).or(page);
        match d.get(b"Type").ok().and_then(|o| o.as_name().ok()) {
            // Marked content in a form XObject (`/Stm`) is numbered in the form, not the page.
            Some(b"MCR") if d.get(b"Stm").is_err() => {
                if let Some(mcid) = d.get(b"MCID").ok().map(|o| deref(self.doc, o)).and_then(|o| o.as_i64().ok()) {
                    self.record(page, mcid, tag);
                }
            }
            Some(b"MCR") | Some(b"OBJR") => {}
            _ => {
                let Some(s) = d.get(b"S").ok().and_then(|o| o.as_name().ok()) else { return };
                let own = self.standard(s);
                if own == Some(Kind::Artifact) {
                    return;
                }
                // The outermost block-level element decides.
                let tag = tag.or(own.and_then(Kind::tag));
                if let Ok(k) = d.get(b"K") {
                    self.kids(k, page, tag, depth + 1);
                }
            }
        }
    }

    fn record(&mut self, page: Option<usize>, mcid: i64, tag: Option<Tag>) {
        if let (Some(p), Ok(mcid), Some(tag)) = (page, u32::try_from(mcid), tag) {
            if let Some(m) = self.out.get_mut(p) {
                m.entry(mcid).or_insert(tag);
            }
        }
    }

    /// The standard type a structure type stands for, through the role map.
    fn standard(&self, s: &[u8]) -> Option<Kind> {
        let mut name = s;
        for _ in 0..MAX_ROLE_HOPS {
            if let Some(k) = Kind::of(name) {
                return Some(k);
            }
            match self.roles.and_then(|r| r.get(name).ok()).and_then(|o| deref(self.doc, o).as_name().ok()) {
                Some(next) if next != name => name = next,
                _ => break,
            }
        }
        // A type neither standard nor mapped: a standard name in other capitals ("h3").
        let lower = String::from_utf8_lossy(s).to_ascii_lowercase();
        STANDARD.iter().find(|(n, _)| n.eq_ignore_ascii_case(&lower)).map(|&(_, k)| k)
    }
}

/// The standard types that matter here.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Block(Tag),
    /// Grouping or inline types (Document, Sect, Div, Span, Link …): they say nothing.
    Neutral,
    Artifact,
}

impl Kind {
    fn of(name: &[u8]) -> Option<Kind> {
        STANDARD.iter().find(|(n, _)| n.as_bytes() == name).map(|&(_, k)| k)
    }

    fn tag(self) -> Option<Tag> {
        match self {
            Kind::Block(t) => Some(t),
            _ => None,
        }
    }
}

const STANDARD: &[(&str, Kind)] = &[
    ("H", Kind::Block(Tag::Heading(0))),
    ("H1", Kind::Block(Tag::Heading(1))),
    ("H2", Kind::Block(Tag::Heading(2))),
    ("H3", Kind::Block(Tag::Heading(3))),
    ("H4", Kind::Block(Tag::Heading(4))),
    ("H5", Kind::Block(Tag::Heading(5))),
    ("H6", Kind::Block(Tag::Heading(6))),
    ("P", Kind::Block(Tag::Paragraph)),
    ("L", Kind::Block(Tag::ListItem)),
    ("LI", Kind::Block(Tag::ListItem)),
    ("Lbl", Kind::Block(Tag::ListItem)),
    ("LBody", Kind::Block(Tag::ListItem)),
    ("Note", Kind::Block(Tag::Note)),
    ("FENote", Kind::Block(Tag::Note)),
    ("BibEntry", Kind::Block(Tag::Reference)),
    ("Caption", Kind::Block(Tag::Caption)),
    ("Figure", Kind::Block(Tag::Figure)),
    ("Formula", Kind::Block(Tag::Figure)),
    ("Table", Kind::Block(Tag::Table)),
    ("TR", Kind::Block(Tag::Table)),
    ("TH", Kind::Block(Tag::Table)),
    ("TD", Kind::Block(Tag::Table)),
    ("THead", Kind::Block(Tag::Table)),
    ("TBody", Kind::Block(Tag::Table)),
    ("TFoot", Kind::Block(Tag::Table)),
    ("BlockQuote", Kind::Block(Tag::Quote)),
    ("TOC", Kind::Block(Tag::Contents)),
    ("TOCI", Kind::Block(Tag::Contents)),
    ("Artifact", Kind::Artifact),
    ("Document", Kind::Neutral),
    ("DocumentFragment", Kind::Neutral),
    ("Part", Kind::Neutral),
    ("Art", Kind::Neutral),
    ("Sect", Kind::Neutral),
    ("Div", Kind::Neutral),
    ("Aside", Kind::Neutral),
    ("NonStruct", Kind::Neutral),
    ("Private", Kind::Neutral),
    ("Index", Kind::Neutral),
    ("Title", Kind::Neutral),
    ("Span", Kind::Neutral),
    ("Quote", Kind::Neutral),
    ("Code", Kind::Neutral),
    ("Em", Kind::Neutral),
    ("Strong", Kind::Neutral),
    ("Sub", Kind::Neutral),
    ("Link", Kind::Neutral),
    ("Annot", Kind::Neutral),
    ("Reference", Kind::Neutral),
    ("Ruby", Kind::Neutral),
    ("Warichu", Kind::Neutral),
    ("Form", Kind::Neutral),
];

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    deref(doc, o).as_dict().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A document of two pages whose structure tree is `kids` under a Document element.
    fn tagged(kids: Vec<Object>, roles: Dictionary) -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.7");
        let p1 = doc.add_object(dictionary! { "Type" => "Page" });
        let p2 = doc.add_object(dictionary! { "Type" => "Page" });
        let document = dictionary! { "S" => "Document", "Pg" => p1, "K" => kids };
        let root = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => document, "RoleMap" => roles });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        (doc, vec![p1, p2])
    }

    #[test]
    fn marked_content_takes_its_outermost_block_type_through_the_role_map() {
        let (mut doc, pages) = tagged(vec![], dictionary! { "Heading1" => "H1", "Normal" => "P", "Cell" => "TD" });
        let p2 = pages[1];
        let kids: Vec<Object> = vec![
            dictionary! { "S" => "Heading1", "K" => 0 }.into(),
            dictionary! { "S" => "Normal", "K" => vec![1.into(), dictionary! { "S" => "Span", "K" => 2 }.into()] }.into(),
            dictionary! { "S" => "Table", "K" => dictionary! { "S" => "Cell", "K" => dictionary! { "S" => "Normal", "K" => 3 } } }.into(),
            dictionary! { "S" => "Artifact", "K" => 4 }.into(),
            dictionary! { "S" => "h2", "K" => dictionary! { "Type" => "MCR", "MCID" => 0, "Pg" => p2 } }.into(),
            dictionary! { "S" => "Sect", "K" => 5 }.into(),
        ];
        let root_id = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
        let root = doc.get_object_mut(root_id).unwrap().as_dict_mut().unwrap();
        root.get_mut(b"K").unwrap().as_dict_mut().unwrap().set("K", kids);
        let got = read(&doc, &pages);
        let mut first: Vec<(u32, Tag)> = got[0].iter().map(|(&k, &v)| (k, v)).collect();
        first.sort_by_key(|p| p.0);
        assert_eq!(first, vec![(0, Tag::Heading(1)), (1, Tag::Paragraph), (2, Tag::Paragraph), (3, Tag::Table)]);
        assert_eq!(got[1].get(&0), Some(&Tag::Heading(2)), "an MCR names its own page; a type in other capitals is standard");
    }

    #[test]
    fn an_untagged_or_cyclic_tree_reads_as_far_as_it_goes() {
        let mut doc = Document::with_version("1.7");
        let p = doc.add_object(dictionary! { "Type" => "Page" });
        assert!(read(&doc, &[p])[0].is_empty());
        let elem = doc.new_object_id();
        doc.objects.insert(elem, dictionary! { "S" => "P", "Pg" => p, "K" => vec![Object::Integer(7), Object::Reference(elem)] }.into());
        let root = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => elem });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);
        assert_eq!(read(&doc, &[p])[0].get(&7), Some(&Tag::Paragraph));
    }
}
