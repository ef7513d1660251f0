//! Building the document tree from positioned text.
//!
//! [`normalise`] runs its passes in order: every printed line is gathered with its
//! style (`lines`), page furniture is set aside (`noise`), the title block is read
//! (`front`), the body is cut from the back matter (`back`), and the body is built
//! into sections, blocks and notes (`sections`) with line-end hyphens repaired
//! (`hyphen`). Thresholds are relative to the document's own body font.

mod boxes;
mod floats;
mod front;
mod hyphen;
mod inline;
mod lines;
mod lexicon;
mod noise;
mod notes;
mod numbering;
mod roles;
mod sections;
mod links;

use lines::{collect_lines, line_text, to_box, warn, BodyStyle, TLine};
use roles::{Pass, Role, RoleTable};

use crate::error::{Warned, Warning};
use crate::layout::Layout;
use crate::tree::{Block, BoxPt, Document, Furniture, FurnitureKind, Provenance, Section, SourceInfo};

/// Settings for building the tree.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct NormaliseOptions {}

/// Builds the document tree from a layout; undecided cases fall back and warn.
pub fn normalise(layout: &Layout, opts: &NormaliseOptions) -> Warned<Document> {
    normalise_with(layout, opts, true)
}

/// [`normalise`], reading the back matter on a second thread while the body is built
/// only when `parallel`.
pub(crate) fn normalise_with(layout: &Layout, _opts: &NormaliseOptions, parallel: bool) -> Warned<Document> {
    read(layout, parallel).0
}

/// The document, the lines it was read from, and the role table that says what each line became.
fn read(layout: &Layout, parallel: bool) -> (Warned<Document>, Vec<TLine>, RoleTable) {
    let mut warnings = Vec::new();
    let mut doc = Document::new();
    doc.source = SourceInfo { pages: layout.pages.len() as u32, producer: layout.info.producer.clone(), name: None, page_labels: layout.info.page_labels.clone() };
    if let Some(lang) = layout.info.lang.as_deref().filter(|l| !l.trim().is_empty()) {
        doc.lang = lang.trim().to_string();
    }
    let lines = collect_lines(layout);
    if lines.is_empty() {
        warnings.push(warn(None, "no text found on any page; the document tree is empty"));
        return (Warned { output: doc, warnings }, lines, RoleTable::new(0));
    }
    let body = BodyStyle::of(&lines);

    let mut furn = noise::detect(&lines);
    doc.furniture = furn.items.clone();

    let dict = hyphen::Evidence::from_lines(lines.iter().enumerate().filter(|(i, _)| !furn.flags[*i]).map(|(_, l)| l));
    // Figures and tables take their captions, cells and inner text before any other pass.
    let floats = floats::find(layout, &lines, &furn.flags, &body, &dict);
    for (f, &t) in furn.flags.iter_mut().zip(&floats.taken) {
        *f |= t;
    }
    warnings.extend(floats.warnings.iter().cloned());
    let fr = front::read(&lines, &furn, &body, &dict);
    warnings.extend(fr.warnings.iter().cloned());
    doc.front = fr.front.clone();
    let mut furn = furn;
    let echoes: Vec<&str> = [&doc.front.series, &doc.front.title].into_iter().flatten().map(String::as_str).collect();
    noise::mark_echoes(&lines, &mut furn, lines[0].page, &echoes);
    for &i in &fr.masthead {
        furn.flags[i] = true;
        furn.kinds[i] = Some(FurnitureKind::Masthead);
        furn.items.push(Furniture { kind: FurnitureKind::Masthead, text: lines[i].text.clone(), source: lines[i].prov() });
    }
    doc.furniture = furn.items.clone();

    // Lines left for the body and the back matter, in reading order.
    let mut rest: Vec<usize> = (fr.body_start..lines.len()).filter(|&i| !furn.flags[i] && !fr.consumed[i]).collect();
    let mut fr = fr;
    let mut verso: Vec<usize> = Vec::new();
    // A colophon on a page of its own right after the title page (the inside cover).
    let verso_page = lines[0].page + 1;
    let on_verso: Vec<usize> = rest.iter().copied().filter(|&i| lines[i].page == verso_page).collect();
    let inside_cover = (lines.last().map_or(0, |l| l.page) > verso_page + 1 && on_verso.len() >= 3)
        .then(|| back::colophon_page(&on_verso.iter().map(|&i| lines[i].to_back_line()).collect::<Vec<_>>(), &doc.front.authors))
        .flatten();
    let mut inside: Vec<usize> = Vec::new();
    if let Some(m) = &inside_cover {
        inside = on_verso.iter().zip(&m.used).filter(|(_, u)| u.is_some()).map(|(&i, _)| i).collect();
        rest.retain(|i| !inside.contains(i));
    }
    if fr.copyright.is_none() && inside_cover.is_none() {
        if let Some((statement, taken)) = front::verso_copyright(&lines, &rest, &dict) {
            fr.copyright = Some(statement);
            taken.iter().for_each(|&i| fr.consumed[i] = true);
            rest.retain(|i| !taken.contains(i));
            verso = taken;
        }
    }
    let page_notes = notes::find_page_notes(&lines, &rest, &body);
    let rest: Vec<usize> = rest.into_iter().filter(|i| !page_notes.lines.contains(i)).collect();

    let back_lines: Vec<back::BackLine> = rest.iter().map(|&i| lines[i].to_back_line()).collect();
    let back_start = back::find_start(&back_lines).unwrap_or(rest.len()).min(rest.len());
    let regions = notes::find_notes_regions(&lines, &rest, &body, |k| if k < back_start { back_start } else { rest.len() });
    // Notes under "Notes" headings, wherever they stand; body and back matter are the rest.
    let mut in_notes = vec![false; rest.len()];
    for &(k, end) in &regions {
        in_notes[k..end].iter_mut().for_each(|x| *x = true);
    }
    let headings: Vec<usize> = regions.iter().map(|&(k, _)| k).collect();
    let body_idx: Vec<usize> = (0..back_start).filter(|&k| !in_notes[k]).map(|k| rest[k]).collect();
    let note_idx: Vec<usize> = (0..rest.len()).filter(|&k| in_notes[k] && !headings.contains(&k)).map(|k| rest[k]).collect();
    let back_idx: Vec<usize> = (back_start..rest.len()).filter(|&k| !in_notes[k]).map(|k| rest[k]).collect();

    let back_only: Vec<back::BackLine> = back_idx.iter().map(|&i| lines[i].to_back_line()).collect();
    // The back matter and the body are read from separate lines, independently.
    let read_back = || (!back_only.is_empty()).then(|| back::read(&back_only, &doc.front.authors));
    let (bm, mut built) = std::thread::scope(|s| {
        let on_thread = (parallel && !back_only.is_empty()).then(|| s.spawn(read_back));
        let built = sections::build(&lines, &body_idx, &note_idx, page_notes.clone(), &body, &dict);
        let bm = match on_thread {
            Some(h) => h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => read_back(),
        };
        (bm, built)
    });

    // Every pass's claims in one table; whatever no pass took must still reach the tree.
    let mut roles = RoleTable::new(lines.len());
    for i in 0..lines.len() {
        if let Some(k) = furn.kinds[i] {
            roles.propose(i, Role::Furniture(k), Pass::Furniture, furniture_reason(k));
        } else if floats.taken[i] {
            roles.propose(i, Role::Float, Pass::Floats, "a caption, or text inside a figure or table");
        }
        if fr.consumed[i] {
            roles.propose(i, Role::Front, Pass::Front, "the title block on the first page");
        }
    }
    for &i in &verso {
        roles.propose(i, Role::Colophon, Pass::Front, "a copyright statement on the title's verso");
    }
    for &i in &inside {
        roles.propose(i, Role::Colophon, Pass::Back, "a page of colophon statements before the body");
    }
    for &i in &page_notes.lines {
        roles.propose(i, Role::Note, Pass::Notes, "small type at the page foot, after a note mark");
    }
    for &k in &headings {
        roles.propose(rest[k], Role::NotesHeading, Pass::Notes, "a notes label over a list of notes");
    }
    for &i in note_idx.iter().filter(|i| !built.unused_notes.contains(i)) {
        roles.propose(i, Role::Note, Pass::Notes, "under a notes heading, after a note mark");
    }
    propose_body(&mut roles, &body_idx, &built);
    if let Some(bm) = &bm {
        for (k, &i) in back_idx.iter().enumerate() {
            if let Some(Some((role, why))) = bm.used.get(k) {
                roles.propose(i, *role, Pass::Back, why);
            }
        }
    }
    let left: Vec<usize> = (0..lines.len()).filter(|&i| !roles.claimed(i)).collect();
    // Lines before the notes and back matter go back into the body at their place;
    // lines inside that region become paragraphs of the last section.
    let tail_from = note_idx.first().into_iter().chain(back_idx.first()).copied().min().unwrap_or(lines.len());
    let (early, late): (Vec<usize>, Vec<usize>) = left.iter().partition(|&&i| i < tail_from);
    if !early.is_empty() {
        let mut idx: Vec<usize> = body_idx.iter().chain(&early).copied().collect();
        idx.sort_unstable();
        built = sections::build(&lines, &idx, &note_idx, page_notes, &body, &dict);
        roles.withdraw(Pass::Body);
        propose_body(&mut roles, &idx, &built);
    }
    for &i in &late {
        roles.propose(i, Role::Unclaimed, Pass::Leftover, "no pass took it: a paragraph where it stands");
    }
    warnings.extend(built.warnings);
    doc.sections = built.sections;
    doc.footnotes = built.footnotes;
    let noted_contact = author_notes_to_front(&mut doc, lines[0].page);
    if !late.is_empty() {
        let blocks = loose_paragraphs(&lines, &late, &dict);
        match doc.sections.last_mut() {
            Some(s) => s.blocks.extend(blocks),
            None => doc.sections.push(Section { level: 1, title: None, blocks, source: vec![] }),
        }
    }
    if !left.is_empty() {
        warnings.push(kept_warning(&lines, &left));
    }
    floats::place(&mut doc.sections, floats.items);
    boxes::mark(&mut doc.sections, layout, &body);

    if let Some(bm) = bm {
        doc.references = bm.references;
        doc.colophon = bm.colophon;
        for (i, bio) in bm.bios {
            if let Some(a) = doc.front.authors.get_mut(i) {
                a.bio = Some(bio);
            }
        }
        if doc.front.isbn.is_none() {
            doc.front.isbn = bm.isbn;
        }
        if doc.front.date.is_none() {
            doc.front.date = bm.date;
        }
        if doc.front.publisher.is_none() {
            doc.front.publisher = bm.publisher;
        }
        warnings.extend(bm.warnings);
    }
    // A colophon on the inside cover fills what the back matter left empty.
    if let Some(m) = inside_cover {
        doc.colophon.fill_from(m.colophon);
        doc.front.isbn = doc.front.isbn.take().or(m.isbn);
        doc.front.date = doc.front.date.take().or(m.date);
        doc.front.publisher = doc.front.publisher.take().or(m.publisher);
    }
    // Statements printed on the first page fill colophon fields the back matter left empty.
    if doc.colophon.disclaimer.is_none() {
        doc.colophon.disclaimer = fr.copyright.clone();
    }
    if doc.colophon.inquiries.is_none() {
        doc.colophon.inquiries = fr.inquiries.clone().or(noted_contact).or_else(|| closing_invitation(&doc));
    }
    if doc.colophon.issn.is_none() {
        doc.colophon.issn = fr.issn.clone();
    }
    // A document that prints no date of its own is dated by its copyright statement.
    if doc.front.date.is_none() {
        doc.front.date = doc.colophon.disclaimer.as_deref().and_then(back::copyright_year).map(|year| crate::tree::Date { year, month: None, day: None });
    }
    links::finish(&mut doc);
    (Warned { output: doc, warnings }, lines, roles)
}

#[allow(dead_code)]
mod back;

/// The address the body's closing paragraphs invite questions to, when one of the last three
/// does (a guide that ends "Please send questions … to x@y.org.").
fn closing_invitation(doc: &Document) -> Option<String> {
    let last = doc.sections.last()?;
    let paragraphs = last.blocks.iter().rev().filter(|b| b.kind == crate::tree::BlockKind::Paragraph).take(3);
    paragraphs.map(|b| b.text()).find_map(|t| back::invited_contact(&t).map(str::to_string))
}

/// Why furniture of kind `k` was set apart.
fn furniture_reason(k: FurnitureKind) -> &'static str {
    match k {
        FurnitureKind::RunningHead | FurnitureKind::RunningFoot => "repeats at the page edge over pages, or is tagged an artifact",
        FurnitureKind::PageNumber => "a folio: a number outermost on its page or in the pages' sequence",
        FurnitureKind::Contents => "an entry of a printed table of contents",
        FurnitureKind::Masthead => "a header line above the title that no front field took",
    }
}

/// Records the body pass's roles for the lines `idx` it was given.
fn propose_body(roles: &mut RoleTable, idx: &[usize], built: &sections::Built) {
    let wanted: std::collections::HashSet<usize> = idx.iter().copied().collect();
    for &(i, role, why) in built.roles.iter().filter(|(i, ..)| wanted.contains(i)) {
        roles.propose(i, role, Pass::Body, why);
    }
    for &i in idx {
        if !roles.claimed(i) {
            roles.propose(i, Role::Label, Pass::Body, "read by the body pass, in no block");
        }
    }
}

/// Moves notes set against the authors to the front matter's affiliation lines, and
/// returns the contact a correspondence note among them gives.
///
/// A note on the first page that nothing in the text calls, marked by a symbol or holding
/// an e-mail address ("*Author for correspondence (…@…)"), belongs to the author line.
fn author_notes_to_front(doc: &mut Document, first_page: u32) -> Option<String> {
    if doc.front.authors.is_empty() {
        return None;
    }
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
    let author_note = |k: usize, f: &crate::tree::Footnote| {
        let symbol = f.label.chars().all(|c| "*†‡§¶".contains(c));
        !called[k] && f.source.first().is_some_and(|p| p.page == first_page) && (symbol || f.text.contains('@'))
    };
    let moved: Vec<bool> = doc.footnotes.iter().enumerate().map(|(k, f)| author_note(k, f)).collect();
    if !moved.contains(&true) {
        return None;
    }
    // Calls point into the list by position: renumber them for the notes that stay.
    let mut new_index = Vec::with_capacity(moved.len());
    let mut next = 0;
    for &m in &moved {
        new_index.push(next);
        next += usize::from(!m);
    }
    for s in &mut doc.sections {
        for b in &mut s.blocks {
            crate::tree::Inline::each_call_mut(&mut b.content, &mut |n| *n = new_index.get(*n).copied().unwrap_or(*n));
        }
    }
    let notes = std::mem::take(&mut doc.footnotes);
    let mut contact = None;
    for (f, m) in notes.into_iter().zip(moved) {
        if m {
            match front::correspondence(&f.text) {
                Some(c) if contact.is_none() => contact = Some(c),
                _ => doc.front.affiliations.push(f.text),
            }
        } else {
            doc.footnotes.push(f);
        }
    }
    contact
}

/// Every line as the passes see it, one per row: page, block, column, block start (S) and
/// end (E), size, bold (B), italic (I) and artifact (A), left and right edge, baseline, the
/// structure tree's tag when it is trusted (H2, P, LI …) and text.
///
/// For `quire inspect --lines`: the evidence every structure decision starts from.
pub fn lines_outline(layout: &Layout) -> String {
    use std::fmt::Write;
    let lines = collect_lines(layout);
    let body = BodyStyle::of(&lines);
    let mut o = String::new();
    let _ = writeln!(o, "body {:.1}pt{} pitch {:.1}", body.size, if body.bold { " bold" } else { "" }, body.pitch);
    for l in &lines {
        let _ = writeln!(
            o,
            "p{} b{} c{} {}{} {:5.1} {}{}{} x{:5.1}-{:5.1} y{:5.1} {:<4} | {}",
            l.page,
            l.block,
            l.column,
            if l.block_start { "S" } else { " " },
            if l.block_end { "E" } else { " " },
            l.size,
            if l.bold { "B" } else { " " },
            if l.italic { "I" } else { " " },
            if noise::is_artifact(l) { "A" } else { " " },
            l.bbox.x0,
            l.bbox.x1,
            l.baseline,
            l.tag.map(tag_code).unwrap_or_default(),
            l.text
        );
    }
    o
}

/// A short name for a structure tree tag, as `quire inspect --lines` shows it.
fn tag_code(t: crate::layout::Tag) -> String {
    use crate::layout::Tag;
    match t {
        Tag::Heading(n) => format!("H{n}"),
        Tag::Paragraph => "P".into(),
        Tag::ListItem => "LI".into(),
        Tag::Note => "Note".into(),
        Tag::Reference => "Bib".into(),
        Tag::Caption => "Cap".into(),
        Tag::Figure => "Fig".into(),
        Tag::Table => "Tab".into(),
        Tag::Quote => "BQ".into(),
        Tag::Contents => "TOC".into(),
    }
}

/// Every line with the role it settled on, the pass that claimed it and the evidence:
/// `p2 b14 heading 2  body: numbered in the headings' sequence | 2.1 Costs`.
///
/// For `quire inspect --roles`: what each printed line became, and why.
pub fn roles_outline(layout: &Layout) -> String {
    use std::fmt::Write;
    let (_, lines, roles) = read(layout, false);
    let mut o = String::new();
    for (l, c) in lines.iter().zip(roles.settle()) {
        let (role, why) = match c {
            Some(c) => (c.role.to_string(), format!("{}: {}", c.pass, c.reason)),
            None => ("-".to_string(), String::new()),
        };
        let at = format!("p{} b{}", l.page, l.block);
        let _ = writeln!(o, "{at:<10} {role:<26} {why:<70} | {}", l.text);
    }
    o
}

/// The roles of each layout block's lines, by the block's index over the whole document
/// (pages in order): "heading 1 (body: set apart by size or weight)", distinct roles joined.
///
/// For `quire inspect --layout`: which evidence decided each block.
pub fn block_roles(layout: &Layout) -> Vec<String> {
    let (_, lines, roles) = read(layout, false);
    let n = layout.pages.iter().map(|p| p.blocks.len()).sum();
    let mut out: Vec<Vec<String>> = vec![Vec::new(); n];
    for (l, c) in lines.iter().zip(roles.settle()) {
        let Some(slot) = out.get_mut(l.block) else { continue };
        let s = match c {
            Some(c) => format!("{} ({}: {})", c.role, c.pass, c.reason),
            None => "-".to_string(),
        };
        if !slot.contains(&s) {
            slot.push(s);
        }
    }
    out.into_iter().map(|v| v.join("; ")).collect()
}

/// Paragraphs made of lines no pass claimed: one per run of lines in one layout block.
fn loose_paragraphs(lines: &[TLine], idx: &[usize], ev: &hyphen::Evidence) -> Vec<Block> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &i in idx {
        match runs.last_mut() {
            Some(r) if r.last().is_some_and(|&p| p + 1 == i && lines[p].block == lines[i].block) => r.push(i),
            _ => runs.push(vec![i]),
        }
    }
    runs.into_iter()
        .filter_map(|r| {
            let text = hyphen::join_lines(ev, r.iter().map(|&i| lines[i].text.as_str()));
            let text = text.trim_end_matches('\u{AD}').trim();
            if text.is_empty() {
                return None;
            }
            let mut source: Vec<Provenance> = Vec::new();
            for &i in &r {
                match source.last_mut() {
                    Some(p) if p.page == lines[i].page => {
                        let b = to_box(&lines[i].bbox);
                        p.bbox = BoxPt { x0: p.bbox.x0.min(b.x0), y0: p.bbox.y0.min(b.y0), x1: p.bbox.x1.max(b.x1), y1: p.bbox.y1.max(b.y1) };
                    }
                    _ => source.push(lines[i].prov()),
                }
            }
            Some(Block::paragraph(text, source))
        })
        .collect()
}

/// The warning that says how many unclaimed lines were kept as body text, and where.
fn kept_warning(lines: &[TLine], idx: &[usize]) -> Warning {
    let mut pages: Vec<u32> = idx.iter().map(|&i| lines[i].page).collect();
    pages.dedup();
    pages.sort_unstable();
    pages.dedup();
    let mut spans: Vec<String> = Vec::new();
    let mut k = 0;
    while k < pages.len() {
        let mut j = k;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        spans.push(if j > k { format!("{}-{}", pages[k], pages[j]) } else { pages[k].to_string() });
        k = j + 1;
    }
    let n = idx.len();
    let what = "not recognised as part of any structure (body, notes, references, colophon); kept as paragraphs at their place in the body";
    match pages.as_slice() {
        [p] => warn(Some(*p), format!("{n} line(s) were {what}")),
        _ => warn(None, format!("{n} line(s) on pages {} were {what}", spans.join(", "))),
    }
}


/// Helpers that build layouts by hand for the unit tests.
#[cfg(test)]
pub(crate) mod testkit;

#[cfg(test)]
mod tests {
    use super::testkit::*;
    use super::*;

    #[test]
    fn a_copyright_statement_on_the_title_verso_is_the_disclaimer_not_body_text() {
        let mut b = Builder::new()
            .page()
            .block(&[("A Recommendation on Coding", 72.0, 300.0, 20.0, BOLD)])
            .page()
            .block(&[("© The Institute 1988, 1993", 200.0, 600.0, 10.0, REGULAR)])
            .block(&[("All rights reserved. No part of this publication may be reproduced without permission.", 72.0, 640.0, 10.0, REGULAR)]);
        for _ in 0..2 {
            b = b.page().para(72.0, 100.0, &["Body text of the recommendation runs on here and on", "until the paragraph ends."]);
        }
        let doc = normalise(&b.build(), &NormaliseOptions::default()).output;
        assert_eq!(
            doc.colophon.disclaimer.as_deref(),
            Some("© The Institute 1988, 1993 All rights reserved. No part of this publication may be reproduced without permission.")
        );
        assert!(doc.sections.iter().flat_map(|s| &s.blocks).all(|b| !b.text().contains("rights reserved")));
    }

    #[test]
    fn a_colophon_on_the_inside_cover_fills_the_colophon_and_stays_out_of_the_body() {
        let mut b = Builder::new().page().block(&[("Waiting for the Election", 72.0, 100.0, 20.0, BOLD)]).page();
        let colophon = [
            "© 2024 The Policy Institute. All rights reserved.",
            "The Policy Institute takes no institutional position on policy issues.",
            "ISBN 979-11-6617-767-5",
            "Typesetting and layout: Ann Lee",
            "For inquiries: Ann Lee, Research Associate",
            "Tel. 82 2 2277 1683 | Fax 82 2 2277 1697",
            "Email: info@policy.org",
        ];
        for (k, line) in colophon.iter().enumerate() {
            b = b.block(&[(line, 72.0, 500.0 + 14.0 * k as f32, 8.0, REGULAR)]);
        }
        for (first, last) in [("Body text of the briefing runs on here and on", "until the paragraph ends."), ("Body text of the second page goes on as well", "and then it stops.")] {
            b = b.page().para(72.0, 100.0, &[first, last]);
        }
        let doc = normalise(&b.build(), &NormaliseOptions::default()).output;
        let c = &doc.colophon;
        assert_eq!(c.disclaimer.as_deref(), Some("The Policy Institute takes no institutional position on policy issues."));
        assert_eq!((c.typeset_by.as_deref(), c.email.as_deref(), c.fax.as_deref()), (Some("Ann Lee"), Some("info@policy.org"), Some("82 2 2277 1697")));
        assert_eq!((doc.front.isbn.as_deref(), doc.front.publisher.as_deref()), (Some("979-11-6617-767-5"), Some("The Policy Institute")));
        let body: Vec<String> = doc.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text()).collect();
        assert!(body.iter().all(|t| t.starts_with("Body text")), "{body:?}");
    }

    #[test]
    fn body_style_is_the_most_common_size_and_font() {
        let l = Builder::new()
            .page()
            .block(&[("A Big Title", 72.0, 100.0, 20.0, BOLD)])
            .para(72.0, 150.0, &["some body text that runs on", "and on for a while longer"])
            .build();
        let lines = collect_lines(&l);
        let b = BodyStyle::of(&lines);
        assert_eq!(b.size, 10.0);
        assert!(!b.bold);
        assert!((b.pitch - 12.0).abs() < 0.01);
    }

    #[test]
    fn soft_hyphens_are_dropped_inside_words() {
        let l = Builder::new().page().para(72.0, 100.0, &["of\u{AD}fi\u{AD}cials met"]).build();
        let lines = collect_lines(&l);
        assert_eq!(lines[0].text, "officials met");
    }

    #[test]
    fn bullet_standing_alone_joins_its_line() {
        let l = Builder::new()
            .page()
            .block(&[("•", 60.0, 100.0, 10.0, REGULAR)])
            .para(72.0, 100.0, &["Fund long-term research;", "on many things."])
            .build();
        let lines = collect_lines(&l);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "• Fund long-term research;");
        assert!(lines[0].block_start);
    }

    /// The words of the layout that the tree's text lacks (label words such as "References" aside).
    fn words_missing(layout: &Layout, doc: &Document) -> Vec<String> {
        let mut all = String::new();
        doc.visit_text(&mut |s| {
            all.push(' ');
            all.push_str(s);
        });
        for f in &doc.furniture {
            all.push(' ');
            all.push_str(&f.text);
        }
        let found: std::collections::HashSet<String> = all.split_whitespace().map(str::to_string).collect();
        layout
            .pages
            .iter()
            .flat_map(|p| p.blocks.iter())
            .flat_map(|b| b.lines.iter())
            .flat_map(|l| l.words.iter())
            .map(|w| w.text.clone())
            .filter(|w| !found.contains(w) && !sections::is_label_word(w))
            .collect()
    }

    #[test]
    fn no_line_is_dropped_and_kept_lines_are_reported() {
        let long = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm";
        let l = Builder::new()
            .page()
            .para(72.0, 60.0, &["Sidebar prose set above the title, which no careful reader of a", "the title block takes for a series line at all, nor should it."])
            .block(&[("A Title in Large Type", 72.0, 140.0, 20.0, BOLD)])
            .block(&[("Ann Lee", 72.0, 170.0, 11.0, REGULAR)])
            .para(72.0, 220.0, &[long, long, "and the opening paragraph ends here."])
            .para(72.0, 280.0, &[long, long, "and a second paragraph ends here."])
            .page()
            .para(72.0, 100.0, &[long, long, "and the last body paragraph ends here."])
            .block(&[("References", 72.0, 160.0, 10.0, BOLD)])
            .para(72.0, 180.0, &["Kim, Jae. 2019. A Study of Things. Seoul: Press."])
            .para(72.0, 200.0, &["Lee, Ann. 2020. Another Study. Busan: Press."])
            .block(&[("Acknowledgements", 72.0, 240.0, 10.0, BOLD)])
            .para(72.0, 260.0, &["We thank the reviewers for their comments."])
            .build();
        let d = normalise(&l, &NormaliseOptions::default());
        assert_eq!(words_missing(&l, &d.output), Vec::<String>::new());
        assert_eq!(d.output.references.len(), 2);
        let first = d.output.sections[0].blocks[0].text();
        assert!(first.starts_with("Sidebar prose set above the title"), "{first}");
        let last = d.output.sections.last().and_then(|s| s.blocks.last()).map(|b| b.text()).unwrap_or_default();
        assert_eq!(last, "We thank the reviewers for their comments.");
        let w = d.warnings.iter().map(|w| w.message.clone()).find(|m| m.contains("not recognised")).unwrap_or_default();
        assert!(w.starts_with("4 line(s) on pages 1-2 were not recognised"), "{w}");
    }

    #[test]
    fn uncalled_symbol_notes_on_the_first_page_go_to_the_author_lines_and_the_contact() {
        use crate::tree::{Author, Footnote, Inline};
        let prov = |page| vec![Provenance { page, bbox: BoxPt::default() }];
        let mut d = Document::new();
        d.front.authors.push(Author { given: Some("Ann".into()), surname: "Lee".into(), bio: None, affiliations: Vec::new() });
        d.footnotes = vec![
            Footnote { label: "*".into(), text: "Author for correspondence (ann@example.org).".into(), source: prov(1) },
            Footnote { label: "†".into(), text: "Present address: Seoul National University.".into(), source: prov(1) },
            Footnote { label: "1".into(), text: "A real note.".into(), source: prov(1) },
        ];
        let mut b = Block::paragraph("Text", prov(1));
        b.content.push(Inline::NoteCall(2));
        d.sections.push(Section { level: 1, title: None, blocks: vec![b], source: vec![] });
        let contact = author_notes_to_front(&mut d, 1);
        assert_eq!(contact.as_deref(), Some("ann@example.org"));
        assert_eq!(d.front.affiliations, vec!["Present address: Seoul National University.".to_string()]);
        assert_eq!(d.footnotes.len(), 1);
        assert_eq!(d.sections[0].blocks[0].note_calls().collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn empty_layout_gives_empty_document_with_warning() {
        let d = normalise(&Layout::default(), &NormaliseOptions::default());
        assert!(d.output.sections.is_empty());
        assert_eq!(d.warnings.len(), 1);
    }
}
