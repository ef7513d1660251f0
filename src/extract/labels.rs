//! Printed page labels: the catalog's `/PageLabels` number tree (PDF 32000-1 §12.4.2).
//!
//! A label range starts at a page index and gives a numbering style (`D` decimal, `R`/`r`
//! roman, `A`/`a` letters), a prefix `/P` and a first number `/St`. The tree is read
//! defensively: cycles, bad kids and absurd numbers are skipped, never followed far.

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;
use crate::text::roman_numeral;

/// Most tree nodes visited; real trees have one or a handful.
const MAX_NODES: usize = 4096;
/// Deepest nesting of `/Kids` followed.
const MAX_DEPTH: usize = 32;
/// Largest number written in roman numerals or letters; above it the number is written in digits.
const MAX_FANCY: u64 = 4999;

/// One label range: the first page index it covers and how its pages are labelled.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    start: u64,
    style: Option<u8>,
    prefix: String,
    first: u64,
}

/// The printed label of each of the `pages` pages, in page order; empty when the PDF has
/// no `/PageLabels` or no usable range in it.
///
/// Pages before the first range (a broken tree: the first key should be 0) are labelled
/// with their page number.
pub(crate) fn read(doc: &Document, pages: usize) -> Vec<String> {
    let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"PageLabels").ok()) else { return Vec::new() };
    let mut ranges = Vec::new();
    let mut seen = HashSet::new();
    let mut budget = MAX_NODES;
    collect(doc, root, 0, &mut seen, &mut budget, &mut ranges);
    ranges.retain(|r| r.start < pages as u64);
    if ranges.is_empty() {
        return Vec::new();
    }
    // A stable sort keeps the first of two ranges with the same start, as a reader walking the tree meets it.
    ranges.sort_by_key(|r| r.start);
    ranges.dedup_by_key(|r| r.start);
    (0..pages as u64)
        .map(|i| match ranges.iter().rev().find(|r| r.start <= i) {
            Some(r) => label(r, i),
            None => (i + 1).to_string(),
        })
        .collect()
}

/// Walks one node of the number tree, adding the ranges of its `/Nums` and its kids'.
fn collect(doc: &Document, node: &Object, depth: usize, seen: &mut HashSet<ObjectId>, budget: &mut usize, out: &mut Vec<Range>) {
    if depth > MAX_DEPTH || *budget == 0 {
        return;
    }
    *budget -= 1;
    let Some(dict) = node_object(doc, node, seen).and_then(|o| o.as_dict().ok()) else { return };
    if let Some(nums) = dict.get(b"Nums").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        for pair in nums.chunks_exact(2) {
            let key = match deref(doc, &pair[0]) {
                Object::Integer(k) if *k >= 0 => *k as u64,
                _ => continue,
            };
            if let Ok(d) = deref(doc, &pair[1]).as_dict() {
                out.push(range(doc, key, d));
            }
        }
    }
    if let Some(kids) = dict.get(b"Kids").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        for kid in kids {
            collect(doc, kid, depth + 1, seen, budget, out);
        }
    }
}

/// The tree node `o` stands for: itself, or what its reference points to when that node
/// was not met before (a second visit would be a cycle or a shared node).
fn node_object<'a>(doc: &'a Document, o: &'a Object, seen: &mut HashSet<ObjectId>) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => {
            if !seen.insert(*id) {
                return None;
            }
            match doc.get_object(*id).ok()? {
                // A reference to a reference is not followed further.
                Object::Reference(_) => None,
                target => Some(target),
            }
        }
        other => Some(other),
    }
}

/// What `o` points to when it is a reference (one step, so a loop of references ends), else `o`.
fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

/// The range a label dictionary describes, starting at page index `start`.
fn range(doc: &Document, start: u64, d: &Dictionary) -> Range {
    let get = |key: &[u8]| d.get(key).ok().map(|o| deref(doc, o));
    let style = match get(b"S") {
        Some(Object::Name(n)) if matches!(n.as_slice(), b"D" | b"R" | b"r" | b"A" | b"a") => Some(n[0]),
        _ => None,
    };
    let prefix = get(b"P")
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .map(|s| s.chars().filter(|c| !c.is_control()).collect())
        .unwrap_or_default();
    let first = match get(b"St") {
        Some(Object::Integer(n)) if *n >= 1 => *n as u64,
        _ => 1,
    };
    Range { start, style, prefix, first }
}

/// The label of page index `page` in range `r`: the prefix, then the number in its style.
fn label(r: &Range, page: u64) -> String {
    let n = r.first.saturating_add(page - r.start);
    let number = match r.style {
        None => String::new(),
        Some(_) if n > MAX_FANCY => n.to_string(),
        Some(b'R') => roman_numeral(n),
        Some(b'r') => roman_numeral(n).to_ascii_lowercase(),
        Some(b'A') => letters(n),
        Some(b'a') => letters(n).to_ascii_lowercase(),
        Some(_) => n.to_string(),
    };
    format!("{}{number}", r.prefix)
}

/// `n` (at least 1) as PDF letter numbering: A to Z, then AA to ZZ, then AAA, and so on.
fn letters(n: u64) -> String {
    let letter = (b'A' + ((n - 1) % 26) as u8) as char;
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Object};

    /// A document whose catalog carries `labels` as `/PageLabels`.
    fn with_labels(doc: &mut Document, labels: Object) {
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "PageLabels" => labels });
        doc.trailer.set("Root", catalog);
    }

    #[test]
    fn roman_front_matter_then_arabic_from_one() {
        let mut doc = Document::with_version("1.7");
        let arabic = doc.add_object(dictionary! { "S" => "D" });
        with_labels(
            &mut doc,
            Object::Dictionary(dictionary! {
                "Nums" => vec![
                    0.into(), Object::Dictionary(dictionary! { "S" => "r" }),
                    2.into(), Object::Reference(arabic),
                    5.into(), Object::Reference(arabic),
                ],
            }),
        );
        assert_eq!(read(&doc, 6), vec!["i", "ii", "1", "2", "3", "1"], "a shared label dictionary serves both ranges");
    }

    #[test]
    fn prefix_start_and_letters() {
        let mut doc = Document::with_version("1.7");
        let kid = doc.add_object(dictionary! {
            "Limits" => vec![0.into(), 3.into()],
            "Nums" => vec![
                0.into(), Object::Dictionary(dictionary! { "P" => Object::string_literal("Cover") }),
                1.into(), Object::Dictionary(dictionary! { "S" => "D", "P" => Object::string_literal("A-"), "St" => 8 }),
                3.into(), Object::Dictionary(dictionary! { "S" => "A", "St" => 26 }),
            ],
        });
        with_labels(&mut doc, Object::Dictionary(dictionary! { "Kids" => vec![Object::Reference(kid)] }));
        assert_eq!(read(&doc, 5), vec!["Cover", "A-8", "A-9", "Z", "AA"]);
    }

    #[test]
    fn no_page_labels_gives_no_labels() {
        let mut doc = Document::with_version("1.7");
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", catalog);
        assert!(read(&doc, 3).is_empty());
    }

    #[test]
    fn broken_trees_end_without_panic() {
        // A node whose kid is itself, a kid that is a number, a dangling reference and an
        // odd-length /Nums with a bad key: only the one good range survives.
        let mut doc = Document::with_version("1.7");
        let node_id = doc.new_object_id();
        let node = dictionary! {
            "Kids" => vec![Object::Reference(node_id), 7.into(), Object::Reference((999, 0))],
            "Nums" => vec![
                Object::string_literal("x"), Object::Dictionary(dictionary! { "S" => "D" }),
                1.into(), Object::Dictionary(dictionary! { "S" => "R", "St" => -4 }),
                5.into(),
            ],
        };
        doc.objects.insert(node_id, Object::Dictionary(node));
        with_labels(&mut doc, Object::Reference(node_id));
        assert_eq!(read(&doc, 3), vec!["1", "I", "II"], "page 1 precedes every range: its number");

        let mut empty = Document::with_version("1.7");
        with_labels(&mut empty, Object::Dictionary(dictionary! { "Nums" => 5 }));
        assert!(read(&empty, 3).is_empty());
    }

    /// A saved PDF of `n` pages with a line of text each, its catalog's `/PageLabels` made by `labels`.
    fn pdf(n: usize, labels: impl FnOnce(&mut Document) -> Option<Object>) -> Vec<u8> {
        use lopdf::Stream;
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let kids: Vec<Object> = (1..=n)
            .map(|i| {
                let text = format!("BT /F1 11 Tf 72 700 Td (Text printed on page {i}.) Tj ET");
                let c = doc.add_object(Stream::new(lopdf::Dictionary::new(), text.into_bytes()));
                Object::Reference(doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id, "Contents" => c,
                    "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                }))
            })
            .collect();
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => n as i64 }));
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if let Some(l) = labels(&mut doc) {
            catalog.set("PageLabels", l);
        }
        let catalog = doc.add_object(catalog);
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saved");
        out
    }

    #[test]
    fn extracted_layout_and_tree_carry_the_labels() {
        let bytes = pdf(4, |doc| {
            let arabic = doc.add_object(dictionary! { "S" => "D", "P" => Object::string_literal("p. ") });
            Some(Object::Dictionary(dictionary! {
                "Nums" => vec![0.into(), Object::Dictionary(dictionary! { "S" => "r" }), 2.into(), Object::Reference(arabic)],
            }))
        });
        let layout = crate::extract(&bytes, &Default::default()).expect("read").output;
        assert_eq!(layout.info.page_labels, vec!["i", "ii", "p. 1", "p. 2"]);
        let tree = crate::normalise(&layout, &Default::default()).output;
        assert_eq!(tree.source.page_labels, layout.info.page_labels);
        assert_eq!(tree.source.page_label(3), "p. 1");
    }

    #[test]
    fn a_looping_labels_tree_falls_back_to_page_numbers() {
        let bytes = pdf(3, |doc| {
            let (a, b) = (doc.new_object_id(), doc.new_object_id());
            doc.objects.insert(a, Object::Dictionary(dictionary! { "Kids" => vec![Object::Reference(b)] }));
            doc.objects.insert(b, Object::Dictionary(dictionary! { "Kids" => vec![Object::Reference(a), Object::Null] }));
            Some(Object::Reference(a))
        });
        let layout = crate::extract(&bytes, &Default::default()).expect("read").output;
        assert!(layout.info.page_labels.is_empty());
        let tree = crate::normalise(&layout, &Default::default()).output;
        assert_eq!((1..=3).map(|p| tree.source.page_label(p)).collect::<Vec<_>>(), ["1", "2", "3"]);
        let plain = crate::extract(&pdf(2, |_| None), &Default::default()).expect("read").output;
        assert!(plain.info.page_labels.is_empty());
    }

    #[test]
    fn huge_start_numbers_fall_back_to_digits() {
        let r = Range { start: 0, style: Some(b'a'), prefix: String::new(), first: i64::MAX as u64 };
        assert_eq!(label(&r, 0), i64::MAX.to_string());
        assert_eq!(roman_numeral(1994), "MCMXCIV");
    }
}
