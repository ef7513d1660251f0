//! Flags for structure that went missing, read from the tree alone: a numbered reference
//! list that runs past the references found, numbered headings that skip or repeat,
//! tables or figures that the text cites but the tree lacks, notes no call points to, and
//! a document of several pages without a section heading.

use super::{Flag, Severity};
use crate::tree::{Block, Document};

/// The structure flags of a document, each naming the pages to look at.
pub(crate) fn flags(doc: &Document) -> Vec<Flag> {
    let mut out = Vec::new();
    if let Some(f) = reference_numbers(doc) {
        out.push(f);
    }
    if let Some(f) = heading_sequence(doc) {
        out.push(f);
    }
    out.extend(missing_displays(doc));
    out.extend(uncalled_notes(doc));
    out.extend(no_sections(doc));
    out
}

/// `notes-uncalled`: footnotes that no call in the text points to (a call read as text, or
/// a note that belongs elsewhere).
fn uncalled_notes(doc: &Document) -> Option<Flag> {
    let mut called = vec![false; doc.footnotes.len()];
    for s in &doc.sections {
        for b in &s.blocks {
            for n in b.note_calls() {
                if let Some(c) = called.get_mut(n) {
                    *c = true;
                }
            }
        }
    }
    let loose: Vec<&crate::tree::Footnote> = doc.footnotes.iter().zip(&called).filter(|(_, c)| !**c).map(|(f, _)| f).collect();
    if loose.is_empty() {
        return None;
    }
    let labels: Vec<&str> = loose.iter().map(|f| f.label.as_str()).take(8).collect();
    let on: Vec<u32> = loose.iter().filter_map(|f| f.source.first().map(|p| p.page)).collect();
    Some(flag(
        "notes-uncalled",
        format!("{} note(s) are never called from the text (notes {}; {}); their calls may have been read as plain text.", loose.len(), labels.join(", "), pages(&on)),
    ))
}

/// `sections-missing`: a document of several pages in which no section heading was found.
fn no_sections(doc: &Document) -> Option<Flag> {
    let titled = doc.sections.iter().any(|s| s.title.as_deref().is_some_and(|t| !t.trim().is_empty()));
    (doc.source.pages >= 4 && !titled).then(|| {
        flag(
            "sections-missing",
            format!("No section heading was found in {} pages; headings may have been read as paragraphs (look at pp. 1–{}).", doc.source.pages, doc.source.pages),
        )
    })
}

fn flag(code: &str, message: String) -> Flag {
    Flag { code: code.to_string(), severity: Severity::Warn, message }
}

/// The number of a printed reference label: "12", "[12]", "12.", "(12)".
fn label_number(label: &str) -> Option<u32> {
    let t = label.trim().trim_start_matches(['[', '(']).trim_end_matches([']', ')', '.']);
    t.parse().ok().filter(|&n| n > 0 && n < 100_000)
}

/// Pages as "p. 3" or "pp. 3–5".
fn pages(list: &[u32]) -> String {
    match (list.iter().min(), list.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("p. {a}"),
        (Some(a), Some(b)) => format!("pp. {a}–{b}"),
        _ => "the reference list".into(),
    }
}

/// `references-short`: the printed labels number past the references found.
fn reference_numbers(doc: &Document) -> Option<Flag> {
    let numbers: Vec<u32> = doc.references.iter().filter_map(|r| r.label.as_deref().and_then(label_number)).collect();
    if numbers.len() * 2 < doc.references.len().max(1) {
        return None;
    }
    let highest = *numbers.iter().max()?;
    let found = doc.references.len() as u32;
    if highest <= found + (found / 10).max(2) {
        return None;
    }
    let at: Vec<u32> = doc.references.iter().flat_map(|r| r.source_boxes.iter().map(|p| p.page)).collect();
    Some(flag(
        "references-short",
        format!("The reference list is numbered up to {highest}, but {found} references were found; look at the list ({}).", pages(&at)),
    ))
}

/// The decimal number opening a heading ("2.3 Costs" → [2, 3]).
fn heading_number(title: &str) -> Option<Vec<u32>> {
    let first = title.split_whitespace().next()?;
    let first = first.trim_end_matches('.');
    if first.is_empty() || !first.chars().next()?.is_ascii_digit() {
        return None;
    }
    first.split('.').map(|p| p.parse::<u32>().ok().filter(|&n| n < 1000)).collect()
}

/// `heading-sequence`: numbered headings skip a number or repeat one (2, 3, 5).
fn heading_sequence(doc: &Document) -> Option<Flag> {
    let mut last: Vec<(Vec<u32>, u32)> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut numbered = 0;
    for s in &doc.sections {
        let Some(n) = s.title.as_deref().and_then(heading_number) else { continue };
        numbered += 1;
        let page = s.source.first().map_or(0, |p| p.page);
        let parent = &n[..n.len() - 1];
        let prev = last.iter().rev().find(|(m, _)| m.len() == n.len() && &m[..m.len() - 1] == parent).map(|(m, _)| m[m.len() - 1]);
        let here = n[n.len() - 1];
        let fine = match prev {
            Some(p) => here == p + 1,
            None => here <= 1 || (n.len() == 1 && here <= 2),
        };
        if !fine {
            let shown: Vec<String> = n.iter().map(u32::to_string).collect();
            let before = prev.map_or("the start".to_string(), |p| p.to_string());
            problems.push(format!("{} after {before} (p. {page})", shown.join(".")));
        }
        last.push((n, page));
    }
    if numbered < 3 || problems.is_empty() {
        return None;
    }
    Some(flag("heading-sequence", format!("Numbered headings skip or repeat: {}; a heading may be missing or read as text.", problems.join(", "))))
}

/// The labels a block's text cites: "Table 3", "Figure 2", "Fig. 4".
fn cited(b: &Block) -> Vec<(bool, String)> {
    let text = b.text();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for w in words.windows(2) {
        let kw = w[0].trim_start_matches(['(', '[']).to_lowercase();
        let table = kw == "table";
        let figure = matches!(kw.as_str(), "figure" | "fig." | "fig");
        if !(table || figure) {
            continue;
        }
        let num: String = w[1].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/')).collect();
        let num = num.trim_end_matches(['.', '-', '/']);
        if num.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            out.push((table, num.to_string()));
        }
    }
    out
}

/// The number part of a figure's or table's label, lower case ("Fig. 3" → "3").
fn label_key(label: &str) -> String {
    label.split_whitespace().last().unwrap_or("").trim_end_matches(['.', ':']).to_lowercase()
}

/// `table-missing` / `figure-missing`: the text cites a table or figure the tree lacks.
fn missing_displays(doc: &Document) -> Vec<Flag> {
    let mut have_tables = Vec::new();
    let mut have_figures = Vec::new();
    // An unlabelled figure (its label inside a scanned picture) may be the one cited.
    let mut unlabelled = (false, false);
    for b in doc.displays() {
        if let Some(t) = &b.table {
            match t.label.as_deref() {
                Some(l) => have_tables.push(label_key(l)),
                None => unlabelled.0 = true,
            }
        }
        if let Some(f) = &b.figure {
            match f.label.as_deref() {
                Some(l) => have_figures.push(label_key(l)),
                None => unlabelled.1 = true,
            }
        }
    }
    let mut missing: Vec<(bool, String, u32)> = Vec::new();
    for s in &doc.sections {
        for b in s.blocks.iter().filter(|b| !b.is_display()) {
            for (table, num) in cited(b) {
                let (have, any_unlabelled) = if table { (&have_tables, unlabelled.0) } else { (&have_figures, unlabelled.1) };
                // "Figure 1a" cites a panel of Figure 1.
                let whole = num.trim_end_matches(|c: char| c.is_ascii_lowercase()).to_lowercase();
                let found = have.contains(&num.to_lowercase()) || have.contains(&whole);
                if !found && !any_unlabelled && !missing.iter().any(|m| m.0 == table && m.1 == num) {
                    missing.push((table, num, b.source.first().map_or(0, |p| p.page)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for table in [true, false] {
        let list: Vec<String> = missing.iter().filter(|m| m.0 == table).map(|m| format!("{} (cited on p. {})", m.1, m.2)).collect();
        if list.is_empty() {
            continue;
        }
        let (code, what) = if table { ("table-missing", "Table") } else { ("figure-missing", "Figure") };
        out.push(flag(code, format!("The text cites {what} {} but no such {} was found; look at the pages around it.", list.join(", "), what.to_lowercase())));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Figure, Provenance, Reference, Section};

    fn section(title: &str, page: u32) -> Section {
        Section { level: 1, title: Some(title.into()), blocks: vec![], source: vec![Provenance { page, ..Default::default() }] }
    }

    #[test]
    fn a_numbered_list_that_runs_past_the_references_found_is_flagged() {
        let mut d = Document::new();
        for n in [1, 2, 3, 47] {
            d.references.push(Reference { label: Some(format!("[{n}]")), raw: "x".into(), ..Default::default() });
        }
        let f = flags(&d);
        assert_eq!(f.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), vec!["references-short"]);
        assert!(f[0].message.contains("up to 47"));
        d.references.truncate(3);
        assert!(flags(&d).is_empty());
    }

    #[test]
    fn numbered_headings_with_a_gap_are_flagged_with_the_page() {
        let mut d = Document::new();
        for (t, p) in [("1 Introduction", 1), ("2 Method", 2), ("2.1 Data", 2), ("2.2 Model", 3), ("3 Results", 4), ("5 Discussion", 6)] {
            d.sections.push(section(t, p));
        }
        let f = flags(&d);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "heading-sequence");
        assert!(f[0].message.contains("5 after 3 (p. 6)"), "{}", f[0].message);
        d.sections.pop();
        d.sections.push(section("4 Discussion", 6));
        assert!(flags(&d).is_empty());
    }

    #[test]
    fn a_cited_table_with_no_table_in_the_tree_is_flagged_and_a_found_one_is_not() {
        let mut d = Document::new();
        let mut s = section("Results", 2);
        s.blocks.push(Block::paragraph("As Table 3 shows, and as Figure 2 confirms (Figure 2b), costs rose.", vec![Provenance { page: 4, ..Default::default() }]));
        s.blocks.push(Block::figure(Figure { label: Some("Figure 2".into()), ..Default::default() }, "Costs", vec![]));
        d.sections.push(s);
        let f = flags(&d);
        assert_eq!(f.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), vec!["table-missing"]);
        assert!(f[0].message.contains("Table 3 (cited on p. 4)"), "{}", f[0].message);
    }

    #[test]
    fn a_note_no_call_points_to_is_flagged() {
        use crate::tree::{Footnote, Inline};
        let prov = |page| vec![Provenance { page, ..Default::default() }];
        let mut d = Document::new();
        d.footnotes = vec![
            Footnote { label: "1".into(), text: "Called.".into(), source: prov(2) },
            Footnote { label: "2".into(), text: "Never called.".into(), source: prov(3) },
        ];
        let mut s = section("Body", 2);
        let mut b = Block::paragraph("Text", prov(2));
        b.content.push(Inline::NoteCall(0));
        s.blocks.push(b);
        d.sections.push(s);
        let f = flags(&d);
        assert_eq!(f.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), vec!["notes-uncalled"]);
        assert!(f[0].message.contains("notes 2; p. 3"), "{}", f[0].message);
    }

    #[test]
    fn several_pages_without_a_heading_are_flagged_and_a_short_note_is_not() {
        let mut d = Document::new();
        d.sections.push(Section { level: 1, title: None, blocks: vec![], source: vec![] });
        d.source.pages = 6;
        assert_eq!(flags(&d).iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), vec!["sections-missing"]);
        d.source.pages = 2;
        assert!(flags(&d).is_empty());
    }
}
