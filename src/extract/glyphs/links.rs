//! Link annotations: the boxes a reader clicks and where they lead, a web address or a
//! place in the document (its page and the corner of the view a destination opens).

use super::{bounds, deref, num, page_geometry, rect_of, M};
use crate::layout::Rect;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Most link annotations read from one page.
const MAX_LINKS_PER_PAGE: usize = 5_000;

/// The page's link annotations in layout space: those that open a web address (`/A` with
/// `/S /URI`), and those that go to a page of the document (`/Dest`, or `/A` with
/// `/S /GoTo`, by an explicit or a named destination) as `#page-N` with the spot the view
/// opens at.
pub(super) fn link_areas(doc: &Document, page: &Dictionary, page_m: &M, width: f32, height: f32) -> Vec<crate::layout::LinkArea> {
    let Some(annots) = page.get(b"Annots").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) else { return Vec::new() };
    let mut out = Vec::new();
    // Page numbers by object, read once and only for a page with a link inside the document.
    let mut numbers: Option<std::collections::BTreeMap<ObjectId, u32>> = None;
    for a in annots.iter().take(MAX_LINKS_PER_PAGE) {
        let Some(d) = deref(doc, a).as_dict().ok() else { continue };
        if d.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"Link".as_slice()) {
            continue;
        }
        let action = d.get(b"A").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok());
        let kind = action.and_then(|a| a.get(b"S").ok()).and_then(|o| o.as_name().ok());
        let mut spot = None;
        let target = match (action, kind) {
            (Some(a), Some(b"URI")) => {
                let Some(uri) = a.get(b"URI").ok().map(|o| deref(doc, o)).and_then(|o| o.as_str().ok()) else { continue };
                String::from_utf8_lossy(uri).trim().to_string()
            }
            (action, kind) => {
                let dest = match (action, kind) {
                    (Some(a), Some(b"GoTo")) => a.get(b"D").ok(),
                    (None, _) => d.get(b"Dest").ok(),
                    _ => None,
                };
                let Some((page_id, left, top)) = dest.and_then(|o| destination(doc, o, 0)) else { continue };
                let numbers = numbers.get_or_insert_with(|| doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect());
                let Some(n) = numbers.get(&page_id) else { continue };
                spot = spot_on(doc, page_id, left, top);
                format!("#page-{n}")
            }
        };
        let Some([x0, y0, x1, y1]) = rect_of(doc, d.get(b"Rect").ok()) else { continue };
        if target.is_empty() {
            continue;
        }
        let corners = [page_m.apply(x0, y0), page_m.apply(x1, y1)];
        let r = bounds(&corners);
        let r = Rect { x0: r.x0.max(0.0), y0: r.y0.max(0.0), x1: r.x1.min(width), y1: r.y1.min(height) };
        if r.x1 > r.x0 && r.y1 > r.y0 {
            out.push(crate::layout::LinkArea { bbox: r, target, spot });
        }
    }
    out
}

/// How deep a named destination's lookup may go (name trees, indirections).
const MAX_DEST_DEPTH: usize = 32;

/// Where a destination goes (PDF 32000 §12.3.2): its page object, and the left and top
/// of the view it opens in that page's user space, where it gives them.
///
/// The destination is an array whose first element is the page, a dictionary holding it
/// under `/D`, or a name looked up in the catalogue's `/Dests` or its `/Names` tree.
fn destination(doc: &Document, dest: &Object, depth: usize) -> Option<(ObjectId, Option<f32>, Option<f32>)> {
    if depth > MAX_DEST_DEPTH {
        return None;
    }
    match deref(doc, dest) {
        Object::Array(a) => {
            let page = a.first()?.as_reference().ok()?;
            let at = |i: usize| a.get(i).and_then(|o| num(deref(doc, o)));
            let (left, top) = match a.get(1).and_then(|o| o.as_name().ok()) {
                Some(b"XYZ") => (at(2), at(3)),
                Some(b"FitH" | b"FitBH") => (None, at(2)),
                Some(b"FitV" | b"FitBV") => (at(2), None),
                Some(b"FitR") => (at(2), at(5)),
                _ => (None, None),
            };
            Some((page, left, top))
        }
        Object::Dictionary(d) => destination(doc, d.get(b"D").ok()?, depth + 1),
        Object::Name(n) | Object::String(n, _) => {
            let root = doc.catalog().ok()?;
            let old_style = root.get(b"Dests").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()).and_then(|d| d.get(n).ok());
            let found = match old_style {
                Some(o) => o,
                None => {
                    let names = root.get(b"Names").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())?;
                    name_tree_lookup(doc, names.get(b"Dests").ok()?, n, 0)?
                }
            };
            destination(doc, found, depth + 1)
        }
        _ => None,
    }
}

/// A destination's view corner (`left`, `top` in the user space of `page_id`) in that
/// page's layout space; `None` without a top, or on a turned page without both.
fn spot_on(doc: &Document, page_id: ObjectId, left: Option<f32>, top: Option<f32>) -> Option<crate::layout::Spot> {
    let top = top?;
    let page = doc.get_dictionary(page_id).ok()?;
    let (_, _, m) = page_geometry(doc, page);
    let upright = m.0[1] == 0.0 && m.0[2] == 0.0;
    let (x, y) = m.apply(left.unwrap_or(0.0), top);
    match (upright, left) {
        (true, _) => Some(crate::layout::Spot { x: left.map(|_| x), y }),
        (false, Some(_)) => Some(crate::layout::Spot { x: Some(x), y }),
        (false, None) => None,
    }
}

/// The value for `key` in a name tree (PDF 32000 §7.9.6), searched leaf by leaf.
fn name_tree_lookup<'a>(doc: &'a Document, node: &'a Object, key: &[u8], depth: usize) -> Option<&'a Object> {
    if depth > MAX_DEST_DEPTH {
        return None;
    }
    let d = deref(doc, node).as_dict().ok()?;
    // A node's /Limits give its first and last key: a key outside them is not below it.
    if let Some(l) = d.get(b"Limits").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        let bound = |i: usize| l.get(i).and_then(|o| deref(doc, o).as_str().ok());
        if let (Some(lo), Some(hi)) = (bound(0), bound(1)) {
            if key < lo || key > hi {
                return None;
            }
        }
    }
    if let Some(names) = d.get(b"Names").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok()) {
        if let Some(v) = names.chunks(2).find(|p| deref(doc, &p[0]).as_str().ok() == Some(key)).and_then(|p| p.get(1)) {
            return Some(v);
        }
    }
    let kids = d.get(b"Kids").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok())?;
    kids.iter().find_map(|k| name_tree_lookup(doc, k, key, depth + 1))
}
