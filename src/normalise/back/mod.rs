//! Back matter: the reference list, author bios, disclaimer and colophon.
//!
//! The body builder hands over the lines that follow the body (furniture already
//! removed); this module finds where the back matter starts and reads it.

use super::roles::Role;
use crate::error::{Stage, Warning};
use crate::layout::Rect;
use crate::tree::{Author, BoxPt, Colophon, Date, Provenance, Reference};

/// One printed line offered to the back-matter reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackLine {
    /// The line's text as printed (a line-end hyphen is kept).
    pub text: String,
    /// Page number, counting from 1.
    pub page: u32,
    /// Where the line was printed.
    pub bbox: Rect,
    /// Dominant font size, in points.
    pub size: f32,
    /// Whether most of the line is bold.
    pub bold: bool,
    /// Whether most of the line is italic.
    pub italic: bool,
    /// Whether the line starts a new layout block.
    pub block_start: bool,
    /// The runs of italic words on the line, each as its text.
    pub italic_runs: Vec<String>,
}

/// What the back matter holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BackMatter {
    /// The reference list, in printed order.
    pub references: Vec<Reference>,
    /// Disclaimer and publisher details.
    pub colophon: Colophon,
    /// Bios found, as (index into the authors given, bio text).
    pub bios: Vec<(usize, String)>,
    /// ISBN or similar identifier printed in the colophon.
    pub isbn: Option<String>,
    /// Date of issue printed in the colophon.
    pub date: Option<Date>,
    /// Publisher name, when the back matter names it.
    pub publisher: Option<String>,
    /// Warnings for cases that could not be decided.
    pub warnings: Vec<Warning>,
    /// For each line given, the role its text took in the back matter read (a label
    /// counts), with the evidence; `None` for a line left out.
    ///
    /// Lines left out here (prose that is neither bio nor disclaimer, body text read out of
    /// order) are the caller's to keep.
    pub used: Vec<Option<(Role, &'static str)>>,
}

/// Index of the first line of back matter (reference heading, bio, disclaimer, colophon), if any.
///
/// Back matter closes a document, so a cue with most of the document still to come is body
/// text (a "References" clause of a standard, a heading in capitals that reads like a name):
/// a reference heading needs a third of the lines before it, other cues half of them.
/// A "Notes" heading is not back matter here, nor the numbered entries right under it:
/// endnotes belong to the body builder.
pub(crate) fn find_start(lines: &[BackLine]) -> Option<usize> {
    let n = lines.len();
    let refs = references::find_list_start(lines).filter(|&i| i * 3 >= n).or_else(|| (n / 3..n).find(|&i| references::list_starts_at(lines, i)));
    if refs.is_some() {
        return refs;
    }
    (n / 2..n).find(|&k| {
        let t = lines[k].text.trim();
        bio::is_about_heading(t) || bio::looks_like_bio_start(t) && given_names_first(t) || colophon::has_disclaimer_cue(t) || colophon::is_field_line(t)
    })
}

/// Whether the words before a surname in capitals read as given names ("Jean-Paul", "J."),
/// not as an article or an acronym ("The VA LMS is", "STANDARDIZATION SECTOR").
fn given_names_first(t: &str) -> bool {
    const NOT_NAMES: &[&str] = &["The", "This", "These", "That", "Those", "A", "An", "Our", "Its", "Their", "Each", "All", "In", "On", "For"];
    let caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    let words: Vec<&str> = t.split_whitespace().take_while(|w| !caps(w)).collect();
    let given = |w: &str| {
        let initial = w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 2;
        let title_case = w.split('-').all(|p| {
            let mut cs = p.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.clone().count() >= 1 && cs.all(|c| c.is_lowercase() || "'’".contains(c))
        });
        initial || title_case
    };
    !words.is_empty() && !NOT_NAMES.contains(&words[0]) && words.iter().all(|w| given(w))
}

/// Where the back matter starts among lines already known to be back matter: the first cue.
fn start_within(lines: &[BackLine]) -> Option<usize> {
    if let Some(i) = references::find_list_start(lines) {
        return Some(i);
    }
    lines.iter().position(|l| {
        let t = l.text.trim();
        bio::is_about_heading(t) || bio::looks_like_bio_start(t) || colophon::has_disclaimer_cue(t) || colophon::is_field_line(t)
    })
}

/// Reads the back matter from its lines; `authors` are those of the front matter, for bios.
pub(crate) fn read(lines: &[BackLine], authors: &[Author]) -> BackMatter {
    let mut out = BackMatter { used: vec![None; lines.len()], ..Default::default() };
    let Some(start) = start_within(lines) else { return out };
    let lines = &lines[start..];
    let mut used: Vec<Option<(Role, &'static str)>> = vec![None; lines.len()];
    let vocab = Vocab::from_lines(lines.iter().map(|l| l.text.as_str()));
    let i = usize::from(lines.first().is_some_and(|l| references::is_heading(&l.text)));
    if i == 1 {
        used[0] = Some((Role::Reference, "the reference list's heading"));
    }
    let mut taken = vec![false; authors.len()];

    // The reference list runs until a bio, a disclaimer, a colophon field or another heading.
    let (list_idx, deferred, tail) = list_lines(lines, i, authors, &taken);
    let list: Vec<BackLine> = list_idx.iter().map(|&k| lines[k].clone()).collect();
    let mut previous: Option<Reference> = None;
    for entry in references::split_entries(&list) {
        for &k in &entry {
            used[list_idx[k]] = Some((Role::Reference, "an entry of the reference list"));
        }
        let raw = references::entry_text(&list, &entry, &vocab);
        let mut r = references::parse_reference(&raw, previous.as_ref());
        r.source_boxes = provenance(&list, &entry);
        r.italic = italic_ranges(&r.raw, entry.iter().flat_map(|&k| list[k].italic_runs.iter()));
        // A list set all in italics is the list's own type, not a printed emphasis.
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        let italic_letters: usize = r.italic.iter().map(|&(s, e)| letters(&r.raw[s..e])).sum();
        if italic_letters * 5 >= letters(&r.raw) * 4 {
            r.italic.clear();
        }
        parse::italic_source(&mut r);
        previous = Some(r.clone());
        out.references.push(r);
    }
    let rest: Vec<usize> = (tail..lines.len()).chain(deferred).collect();

    // Then bios and the disclaimer as paragraphs, and colophon fields line by line.
    let mut paras: Vec<(Option<usize>, Vec<&str>)> = Vec::new();
    // The lines of each paragraph, beside `paras`.
    let mut para_lines: Vec<Vec<usize>> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    // The lines of each field, beside `fields`.
    let mut field_lines: Vec<Vec<usize>> = Vec::new();
    // Lines among the fields without a label of their own: used only if a field took them.
    let mut unlabelled: Vec<usize> = Vec::new();
    let mut in_fields = false;
    // The last line of each paragraph, to continue a paragraph interrupted by another column.
    let mut para_last: Vec<usize> = Vec::new();
    for (n, &k) in rest.iter().enumerate() {
        let l = &lines[k];
        let t = l.text.trim();
        if t.is_empty() || bio::is_about_heading(t) || references::is_heading(t) {
            used[k] = Some(if bio::is_about_heading(t) { (Role::Bio, "the bios' heading") } else { (Role::Reference, "the reference list's heading") });
            continue;
        }
        if let Some(a) = bio::bio_author(t, authors, &taken) {
            taken[a] = true;
            paras.push((Some(a), vec![t]));
            para_lines.push(vec![k]);
            para_last.push(k);
            continue;
        }
        let field = colophon::is_field_line(t);
        let above = if field { None } else { para_last.iter().rposition(|&p| continues_below(&lines[p], l)) };
        if let Some(p) = above.filter(|&p| p + 1 < paras.len() || in_fields) {
            // The paragraph goes on below after a box printed in another column.
            paras[p].1.push(t);
            para_lines[p].push(k);
            para_last[p] = k;
            continue;
        }
        let opens_disclaimer = colophon::has_disclaimer_cue(t) && t.starts_with(|c: char| c.is_uppercase());
        if field || in_fields && above.is_none() && !opens_disclaimer {
            in_fields = true;
            if field {
                used[k] = Some((Role::Colophon, "a colophon field by its label or form"));
            } else {
                unlabelled.push(k);
            }
            match fields.last_mut() {
                Some(f) if !l.block_start && continues_field(f, t) => {
                    *f = join_lines(&[f.as_str(), t], &vocab);
                    field_lines.last_mut().into_iter().for_each(|ls| ls.push(k));
                }
                _ => {
                    fields.push(t.to_string());
                    field_lines.push(vec![k]);
                }
            }
            continue;
        }
        let prev_open = paras.last().and_then(|p| p.1.last()).is_some_and(|p| p.ends_with('-') || p.ends_with('\u{ad}'));
        let lower = t.starts_with(|c: char| c.is_lowercase());
        let new_para = n == 0
            || (l.block_start || gap_before(lines, k)) && !prev_open && !lower
            || starts_disclaimer(lines, k, paras.last());
        match paras.last_mut() {
            Some(p) if !new_para => {
                p.1.push(t);
                if let Some(ls) = para_lines.last_mut() {
                    ls.push(k);
                }
                if let Some(last) = para_last.last_mut() {
                    *last = k;
                }
            }
            _ => {
                paras.push((None, vec![t]));
                para_lines.push(vec![k]);
                para_last.push(k);
            }
        }
    }
    // A quoted title printed at the head of the colophon is not a paragraph.
    while paras.last().is_some_and(|p| p.0.is_none() && is_quoted_line(&p.1.join(" "))) {
        if let Some((_, ls)) = paras.pop() {
            field_lines.splice(0..0, ls.iter().map(|_| Vec::new()));
            fields.splice(0..0, ls.into_iter().map(String::from));
        }
        for k in para_lines.pop().unwrap_or_default() {
            used[k] = Some((Role::Colophon, "a quoted title at the colophon's head"));
        }
    }
    let mut unclaimed: Vec<(String, &[usize])> = Vec::new();
    // A copyright statement set aside for a disclaimer proper.
    let mut copyright: Option<String> = None;
    for ((who, ls), ks) in paras.iter().zip(&para_lines) {
        let text = join_lines(ls, &vocab);
        let role = match who {
            Some(a) => {
                out.bios.push((*a, text));
                (Role::Bio, "opens with an author's name")
            }
            // A disclaimer's own wording outranks a copyright line's reservation.
            None if colophon::has_disclaimer_cue(&text)
                && out.colophon.disclaimer.as_deref().is_none_or(|d| !colophon::disclaims(d) && colophon::disclaims(&text)) =>
            {
                copyright = out.colophon.disclaimer.replace(text).or(copyright);
                (Role::Colophon, "a disclaimer's wording")
            }
            None => {
                unclaimed.push((text, ks));
                continue;
            }
        };
        for &k in ks {
            used[k] = Some(role);
        }
    }
    if out.colophon.disclaimer.is_none() && !fields.is_empty() {
        // Fallback: the last prose paragraph before the colophon fields.
        if let Some((t, ks)) = unclaimed.pop().filter(|t| t.0.split_whitespace().count() >= 12) {
            out.warnings.push(Warning::new(Stage::Normalise, "disclaimer recognised by position only"));
            out.colophon.disclaimer = Some(t);
            for &k in ks {
                used[k] = Some((Role::Colophon, "the last prose before the colophon fields"));
            }
        }
    }
    let pages: Vec<u32> = field_lines.iter().map(|ls| ls.first().map_or(0, |&k| lines[k].page)).collect();
    let f = colophon::read_fields_paged(&fields, &pages);
    // A labelled line no field took (a contact of a directory, a second phone) stays in the text.
    for (ls, _) in field_lines.iter().zip(&f.taken).filter(|(_, &t)| !t) {
        ls.iter().filter(|&&k| colophon::is_field_line(lines[k].text.trim())).for_each(|&k| used[k] = None);
    }
    let disclaimer = out.colophon.disclaimer.take();
    out.colophon = f.colophon;
    out.colophon.disclaimer = disclaimer;
    out.isbn = f.isbn;
    out.date = f.date;
    let disclaimer = out.colophon.disclaimer.as_deref();
    out.publisher = f
        .publisher
        .or_else(|| disclaimer.and_then(colophon::disclaimer_subject))
        .or_else(|| disclaimer.or(copyright.as_deref()).and_then(colophon::copyright_holder));
    let values: Vec<&str> = out.colophon.fields().into_iter().map(|(_, v)| v).chain(out.publisher.as_deref()).chain(out.isbn.as_deref()).collect();
    // The publisher's name (or another field's value) set alone between the statements.
    for (t, ks) in &unclaimed {
        if values.iter().any(|v| v.trim() == t.trim()) {
            ks.iter().for_each(|&k| used[k] = Some((Role::Colophon, "the value of a colophon field")));
        }
    }
    for k in unlabelled {
        // A line broken inside a word was joined without its hyphen.
        let t = lines[k].text.trim().trim_end_matches(['-', '\u{ad}']);
        used[k] = values.iter().any(|v| v.contains(t) || t.contains(v)).then_some((Role::Colophon, "part of a colophon field's value"));
    }
    out.used[start..].copy_from_slice(&used);
    out
}

/// Splits the lines from `from` into the reference list and what follows it.
///
/// Returns the list's line indices, lines printed beside the list in another column (such as
/// a colophon box, read after the list), and the index where the rest begins. Lines of a
/// column left of the list on the same page are body text read out of order and are dropped.
fn list_lines(lines: &[BackLine], from: usize, authors: &[Author], taken: &[bool]) -> (Vec<usize>, Vec<usize>, usize) {
    const COLUMN: f32 = 60.0;
    let mut list = Vec::new();
    let mut deferred = Vec::new();
    // The heading, when there is one, sets the list's column.
    let mut col: Option<(u32, f32)> =
        from.checked_sub(1).map(|h| &lines[h]).filter(|h| references::is_heading(&h.text)).map(|h| (h.page, h.bbox.x0));
    for k in from..lines.len() {
        let l = &lines[k];
        let stop = ends_list(l, authors, taken);
        match col {
            Some((page, x)) if page == l.page && l.bbox.x0 < x - COLUMN => continue,
            Some((page, x)) if page == l.page && l.bbox.x0 > x + COLUMN => {
                // A box beside the list when the list's own column goes on after it.
                let back = lines[k + 1..]
                    .iter()
                    .take_while(|m| m.page == page)
                    .find(|m| (m.bbox.x0 - x).abs() <= COLUMN)
                    .is_some_and(|m| !ends_list(m, authors, taken));
                if back {
                    deferred.push(k);
                    continue;
                }
                if stop {
                    return (list, deferred, k);
                }
                col = Some((page, l.bbox.x0));
            }
            _ => {
                if stop {
                    return (list, deferred, k);
                }
                if col.is_none_or(|(p, _)| p != l.page) {
                    col = Some((l.page, l.bbox.x0));
                }
            }
        }
        list.push(k);
    }
    (list, deferred, lines.len())
}

/// Whether a line ends the reference list.
fn ends_list(l: &BackLine, authors: &[Author], taken: &[bool]) -> bool {
    let t = l.text.trim();
    if references::looks_like_start(t) {
        return false;
    }
    bio::is_about_heading(t)
        || bio::bio_author(t, authors, taken).is_some()
        || authors.is_empty() && bio::looks_like_bio_start(t)
        // A field inside an entry's block ("…, ISBN: 0-000000-00-0, May 2010, …") is the entry's.
        || colophon::is_field_line(t) && l.block_start
        || colophon::has_disclaimer_cue(t) && l.block_start
        || is_other_heading(l)
}

/// Headings that may follow a reference list: notes, appendices.
fn is_other_heading(l: &BackLine) -> bool {
    let t = l.text.trim().trim_end_matches(':').to_lowercase();
    matches!(t.as_str(), "notes" | "endnotes" | "appendix" | "appendices" | "acknowledgements" | "acknowledgments" | "disclaimer")
        || t.starts_with("appendix ") && t.split_whitespace().count() <= 4
}

/// Whether `b` is printed right under `a`, flush with it: the next line of the same paragraph.
fn continues_below(a: &BackLine, b: &BackLine) -> bool {
    let h = (a.bbox.y1 - a.bbox.y0).max(1.0);
    a.page == b.page && (a.bbox.x0 - b.bbox.x0).abs() < 3.0 && b.bbox.y0 > a.bbox.y0 && b.bbox.y0 - a.bbox.y1 < 0.8 * h
}

/// Whether a colophon line continues the field above (a wrapped address or name).
fn continues_field(prev: &str, t: &str) -> bool {
    (prev.ends_with('-') || prev.ends_with(',')) && t.chars().next().is_some_and(|c| c.is_lowercase() || prev.ends_with(','))
        && !colophon::is_field_line(t)
}

fn is_quoted_line(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(['“', '"', '‘']) && t.ends_with(['”', '"', '’'])
}

/// Whether a wide vertical gap separates line `k` from the line above on the same page.
fn gap_before(lines: &[BackLine], k: usize) -> bool {
    if k == 0 {
        return true;
    }
    let (a, b) = (&lines[k - 1], &lines[k]);
    let h = (a.bbox.y1 - a.bbox.y0).max(1.0);
    a.page == b.page && b.bbox.y0 > a.bbox.y0 && b.bbox.y0 - a.bbox.y1 > 0.9 * h
}

/// Whether line `k` opens a disclaimer right after a paragraph that ended a sentence.
fn starts_disclaimer(lines: &[BackLine], k: usize, last: Option<&(Option<usize>, Vec<&str>)>) -> bool {
    let ended = last.and_then(|p| p.1.last()).is_some_and(|t| t.trim_end().ends_with('.'));
    ended && colophon::has_disclaimer_cue(&lines[k].text) && lines[k].text.starts_with(|c: char| c.is_uppercase())
}

/// Where an entry was printed: one box per page and column.
fn provenance(lines: &[BackLine], entry: &[usize]) -> Vec<Provenance> {
    let mut out: Vec<Provenance> = Vec::new();
    for &i in entry {
        let l = &lines[i];
        let b = BoxPt { x0: l.bbox.x0, y0: l.bbox.y0, x1: l.bbox.x1, y1: l.bbox.y1 };
        match out.last_mut() {
            Some(p) if p.page == l.page && b.y0 >= p.bbox.y0 && (b.x0 - p.bbox.x0).abs() < 60.0 => {
                p.bbox.x0 = p.bbox.x0.min(b.x0);
                p.bbox.x1 = p.bbox.x1.max(b.x1);
                p.bbox.y1 = p.bbox.y1.max(b.y1);
            }
            _ => out.push(Provenance { page: l.page, bbox: b }),
        }
    }
    out
}

/// The colophon of a page of its own before the body (the inside cover of a report):
/// `Some` when `lines`, read as back matter, are nearly all colophon, with at least three
/// of its fields, and hold no reference or bio.
pub(crate) fn colophon_page(lines: &[BackLine], authors: &[Author]) -> Option<BackMatter> {
    let fields = |c: &Colophon| c.fields().len();
    let m = read(lines, authors);
    let used = m.used.iter().filter(|u| matches!(u, Some((Role::Colophon, _)))).count();
    let enough = fields(&m.colophon) + usize::from(m.isbn.is_some()) >= 3 && used * 10 >= lines.len() * 7;
    (enough && m.references.is_empty() && m.bios.is_empty()).then_some(m)
}

mod bio;
mod colophon;
mod namelist;
mod parse;
mod references;

pub(crate) use colophon::{copyright_year, invited_contact, issn};
pub(crate) use references::bracket_label;
mod scan;
mod text;

use text::{join_lines, Vocab};

/// The byte ranges of `raw` that the italic runs of its lines cover, found in order.
///
/// A run broken by a line-end hyphen is looked for without its hyphen.
fn italic_ranges<'a>(raw: &str, runs: impl Iterator<Item = &'a String>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for run in runs {
        let run = run.trim().trim_end_matches(['-', '\u{AD}']);
        if run.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            continue;
        }
        if let Some(i) = raw.get(from..).and_then(|r| r.find(run)) {
            let (s, e) = (from + i, from + i + run.len());
            match out.last_mut() {
                // Runs that only a space or a line end separate are one stretch.
                Some(last) if raw[last.1..s].trim().is_empty() => last.1 = e,
                _ => out.push((s, e)),
            }
            from = e;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<BackLine> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| BackLine {
                text: t.to_string(),
                page: 1 + i as u32 / 40,
                bbox: Rect { x0: 72.0, y0: 100.0 + (i % 40) as f32 * 12.0, x1: 500.0, y1: 110.0 + (i % 40) as f32 * 12.0 },
                size: 10.0,
                block_start: true,
                ..BackLine::default()
            })
            .collect()
    }

    const PROSE: &str = "The procedure applies to every terminal that takes part in the exchange of documents.";

    #[test]
    fn a_field_printed_inside_a_reference_stays_in_that_reference() {
        let mut ls = lines(&[
            "References",
            "1. Bunescu, R. and Mooney, R. 2006. Subsequence Kernels. In Advances in Neural Systems 18. MIT Press.",
            "2. Wang, R. and Neumann, G. 2007c. DFKI-LT at AVE 2007: Using Entailment for Answer",
            "Validation. In online proceedings of CLEF 2007 Working Notes, ISBN: 2-912335-31-0, September 2007,",
            "Budapest, Hungary.",
        ]);
        ls[3].block_start = false;
        ls[4].block_start = false;
        let b = read(&ls, &[]);
        assert_eq!(b.references.len(), 2);
        assert!(b.references[1].raw.contains("ISBN: 2-912335-31-0"), "{}", b.references[1].raw);
        assert_eq!(b.isbn, None);
    }

    #[test]
    fn reference_clause_near_the_start_is_not_back_matter() {
        let mut t = vec!["Scope", PROSE, "References", "[1] Recommendation T.4, Standardization of terminals, 1988.", "[2] Recommendation T.62, Control procedures, 1988."];
        t.extend(std::iter::repeat_n(PROSE, 40));
        assert_eq!(find_start(&lines(&t)), None);
        t.extend(["References", "[1] Kim, J. 2019. A study. Seoul: Press.", "[2] Lee, A. 2020. Another study. Busan: Press."]);
        assert_eq!(find_start(&lines(&t)), Some(45));
    }

    #[test]
    fn capitalised_heading_or_acronym_is_not_a_bio_start() {
        let mut t = vec![PROSE; 30];
        t.extend(["USDA SELECT AGENTS AND TOXINS", "The VA LMS is able to generate various reports.", PROSE]);
        assert_eq!(find_start(&lines(&t)), None);
        t.push("Leif-Eric EASLEY is a professor at a university in Seoul.");
        assert_eq!(find_start(&lines(&t)), Some(33));
    }

    #[test]
    fn the_publishers_name_set_alone_after_the_disclaimer_is_no_paragraph() {
        let l = lines(&[
            "The Policy Institute takes no institutional position on policy issues and has no affiliation with any government.",
            "The Policy Institute",
            "Typeset by Ann Lee",
            "Tel. 82 2 2277 1683",
        ]);
        let b = read(&l, &[]);
        assert_eq!(b.publisher.as_deref(), Some("The Policy Institute"));
        assert!(b.used.iter().all(Option::is_some), "{:?}", b.used);
    }

    #[test]
    fn prose_after_the_reference_list_is_left_to_the_caller() {
        let l = lines(&["References", "Kim, Jae. 2019. A Study of Things. Seoul: Press.", "Lee, Ann. 2020. Another Study. Busan: Press.", "Appendix", PROSE]);
        let b = read(&l, &[]);
        assert_eq!(b.references.len(), 2);
        assert_eq!(b.used.iter().map(Option::is_some).collect::<Vec<_>>(), vec![true, true, true, false, false]);
    }

    #[test]
    fn a_disclaimer_outranks_a_copyright_line_which_still_names_the_publisher() {
        let b = read(
            &lines(&[
                "© 2024 The Policy Institute. All rights reserved.",
                "The Policy Institute takes no institutional position on policy issues.",
                "Typeset by Ann Lee",
            ]),
            &[],
        );
        assert_eq!(b.colophon.disclaimer.as_deref(), Some("The Policy Institute takes no institutional position on policy issues."));
        assert_eq!(b.publisher.as_deref(), Some("The Policy Institute"));
    }

    #[test]
    fn a_page_of_colophon_statements_reads_as_a_colophon_page_and_prose_does_not() {
        let page = lines(&[
            "© 2024 The Policy Institute. All rights reserved.",
            "The views expressed are the author's own.",
            "ISBN 979-11-6617-767-5",
            "Typesetting and layout: Ann Lee",
            "Email: info@policy.org",
            "Website: www.policy.org",
        ]);
        let m = colophon_page(&page, &[]).expect("a colophon page");
        assert_eq!(m.colophon.email.as_deref(), Some("info@policy.org"));
        assert_eq!(m.isbn.as_deref(), Some("979-11-6617-767-5"));
        assert!(colophon_page(&lines(&[PROSE, PROSE, "Email: info@policy.org", PROSE]), &[]).is_none());
    }

    #[test]
    fn a_copyright_line_closing_the_colophon_is_its_statement_and_names_the_publisher() {
        let b = read(&lines(&["© 2024 The Policy Institute. All rights reserved.", "Typesetting and layout: Ann Lee", "E-mail: info@policy.org"]), &[]);
        assert_eq!(b.colophon.disclaimer.as_deref(), Some("© 2024 The Policy Institute. All rights reserved."));
        assert_eq!(b.publisher.as_deref(), Some("The Policy Institute"));
        assert_eq!(b.colophon.typeset_by.as_deref(), Some("Ann Lee"));
        assert!(b.used.iter().all(Option::is_some), "{:?}", b.used);
    }
}
