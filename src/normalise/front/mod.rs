//! The title block: series, title, subtitle, authors, date and the abstract.
//!
//! The title is the largest text in the top part of the first page; the series is the
//! small line above it; subtitle, author names and the date follow it. A labelled
//! summary after the title block becomes the abstract. When the first page holds no
//! running text it is a title page and is read whole.

use super::hyphen::{join_lines, Evidence};
use super::noise::Furn;
use super::sections::{ends_sentence, is_heading_style, is_label_word};
use super::lines::{warn, BodyStyle, TLine};
use crate::error::Warning;
use crate::tree::{Date, FrontMatter, FurnitureKind};
use rustc_hash::FxHashMap as HashMap;

mod dates;
mod masthead;
mod names;

pub(crate) use dates::parse_date;
pub(crate) use masthead::{copyright_start, correspondence, names_organisation};
pub(crate) use names::split_authors;
use dates::history_date;
use names::{is_marker_char, name_markers, opens_with_marker, split_marks, strip_markers, without_end_marker};

/// What the title block gave.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrontResult {
    /// The front matter read.
    pub front: FrontMatter,
    /// For each line, whether the front matter used it.
    pub consumed: Vec<bool>,
    /// For each line, whether it was set aside as title-page matter without being read
    /// (such as lines above the title); the caller keeps their text elsewhere.
    pub skipped: Vec<bool>,
    /// Index of the first line after the front matter.
    pub body_start: usize,
    /// A copyright statement printed on the first page, for the colophon's disclaimer.
    pub copyright: Option<String>,
    /// The contact of a correspondence note on the first page, for the colophon's inquiries.
    pub inquiries: Option<String>,
    /// An ISSN printed on the first page (a journal's or a series' masthead), for the colophon.
    pub issn: Option<String>,
    /// First-page lines that no field took: those above the title (a journal's masthead, a
    /// letterhead) and the rest of a correspondence note; page furniture, never body text.
    pub masthead: Vec<usize>,
    /// Warnings raised.
    pub warnings: Vec<Warning>,
}

/// Reads the title block from the first page.
pub(crate) fn read(lines: &[TLine], furn: &Furn, body: &BodyStyle, ev: &Evidence) -> FrontResult {
    let mut r = FrontResult { consumed: vec![false; lines.len()], skipped: vec![false; lines.len()], ..Default::default() };
    let Some(first_page) = lines.first().map(|l| l.page) else { return r };
    let p1: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].page == first_page).collect();
    let is_number = |i: usize| furn.kinds.get(i).copied().flatten() == Some(FurnitureKind::PageNumber);

    // The title: the largest text in the upper part of the first page (anywhere on a cover
    // without running text), among blocks that hold words; a mark in large type ("ITU-T",
    // a report number) is not a title when a worded block is set large too.
    let cover = !running_text(lines, &p1, furn, body);
    let upper: Vec<usize> = p1
        .iter()
        .copied()
        .filter(|&i| !is_number(i) && (cover || lines[i].bbox.y0 < lines[i].page_height * 0.65) && lines[i].text.chars().any(char::is_alphabetic))
        .filter(|&i| !upright(&lines[i]))
        .collect();
    // Each first-page block's text, joined once: a block that is a mark holds no title.
    let mut block_text: HashMap<usize, String> = HashMap::default();
    for &i in &p1 {
        let t = block_text.entry(lines[i].block).or_default();
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(&lines[i].text);
    }
    let worded = |i: usize| block_text.get(&lines[i].block).is_none_or(|t| !is_mark(t));
    let largest = |pick: &dyn Fn(usize) -> bool| upper.iter().copied().filter(|&i| pick(i)).map(|i| lines[i].size).max_by(f32::total_cmp);
    let Some(max_size) = largest(&|i| worded(i) && lines[i].size >= body.size * 1.15).or_else(|| largest(&|_| true)) else { return r };
    let by_size = (max_size >= body.size * 1.15).then(|| upper.iter().copied().find(|&i| (lines[i].size - max_size).abs() <= 0.5 && worded(i))).flatten();
    let (t0, max_size, by_style) = match by_size {
        Some(t0) => (t0, max_size, false),
        None => match style_title(lines, &p1, furn, body) {
            Some(t0) => (t0, lines[t0].size, true),
            None => {
                r.warnings.push(warn(Some(first_page), "no title stands out by size or style on the first page; the title is left empty"));
                return r;
            }
        },
    };
    let mut title_idx = vec![t0];
    let mut k = t0 + 1;
    while k < lines.len() && title_idx.len() < 5 {
        let (p, l) = (&lines[k - 1], &lines[k]);
        let same_style = !by_style || (l.block == lines[t0].block && l.bold == lines[t0].bold);
        if l.page == first_page && same_style && (l.size - max_size).abs() <= 0.5 && l.baseline > p.baseline && l.baseline - p.baseline < max_size * 2.2 {
            title_idx.push(k);
            k += 1;
        } else {
            break;
        }
    }
    r.front.title = Some(join_lines(ev, title_idx.iter().map(|&i| lines[i].text.as_str())));
    for &i in p1.iter().filter(|&&i| i <= *title_idx.last().unwrap_or(&t0)) {
        r.skipped[i] = true;
    }
    for &i in &title_idx {
        r.consumed[i] = true;
    }
    let journal = read_masthead(lines, &p1, ev, &mut r);
    // The series: the journal a citation line names, else the nearest line above the
    // title, set smaller, that names something (not a web address or a DOI).
    let title_top = lines[t0].bbox.y0;
    let series = p1
        .iter()
        .copied()
        .filter(|&i| i < t0 && !r.consumed[i] && !is_number(i) && !upright(&lines[i]) && lines[i].bbox.y1 <= title_top + 1.0 && lines[i].size < max_size - 0.5)
        .filter(|&i| lines[i].text.split_whitespace().count() <= 10 && !masthead::is_locator(&lines[i].text))
        .filter(|&i| reads_as_name(&lines[i].text) && !(shares_baseline(lines, &p1, i) && lines[i].text.split_whitespace().count() < 3))
        .filter(|&i| parse_date(&lines[i].text).is_none() && history_date(&lines[i].text).is_none())
        .max_by(|&a, &b| lines[a].bbox.y1.total_cmp(&lines[b].bbox.y1));
    // A year from the citation line gives way to a full date printed in the title block.
    let mut year_only = false;
    match journal {
        Some(j) => {
            r.front.series = Some(j.journal);
            r.front.date = Some(Date { year: j.year, month: None, day: None });
            year_only = true;
        }
        None => {
            // The series line with the lines of its block set in the same type.
            let series: Vec<usize> = series
                .map(|s| p1.iter().copied().filter(|&i| i < t0 && lines[i].block == lines[s].block && (lines[i].size - lines[s].size).abs() <= 0.3).collect())
                .unwrap_or_default();
            for &i in &series {
                r.consumed[i] = true;
            }
            r.front.series = (!series.is_empty()).then(|| join_lines(ev, series.iter().map(|&i| lines[i].text.as_str())));
        }
    }

    // The publisher: the topmost lines above the title that name an organisation (a
    // letterhead, the body that issued a standard).
    let named: Vec<usize> = p1.iter().copied().filter(|&i| i < t0 && !r.consumed[i] && !is_number(i)).collect();
    if let Some(&top) = named.first().filter(|&&i| masthead::names_organisation(&lines[i].text)) {
        let same: Vec<usize> = named.iter().copied().take_while(|&i| lines[i].block == lines[top].block && masthead::names_organisation(&lines[i].text)).collect();
        r.front.publisher = Some(join_lines(ev, same.iter().map(|&i| lines[i].text.as_str())));
        for &i in &same {
            r.consumed[i] = true;
        }
        // A letterhead's line under the organisation's name, in its type, names the series
        // (a committee's guideline series under its name) when no smaller line above the
        // title did.
        if r.front.series.is_none() {
            let last = same.last().copied().unwrap_or(top);
            let rest: Vec<usize> = named.iter().copied().filter(|&i| i > last).take_while(|&i| lines[i].block == lines[top].block).collect();
            let alike = |i: usize| (lines[i].size - lines[top].size).abs() <= 0.3 && lines[i].bold == lines[top].bold;
            let names = |i: usize| reads_as_name(&lines[i].text) && lines[i].text.split_whitespace().count() <= 10 && !masthead::is_locator(&lines[i].text);
            if (1..=2).contains(&rest.len()) && rest.iter().all(|&i| alike(i) && names(i)) {
                r.front.series = Some(join_lines(ev, rest.iter().map(|&i| lines[i].text.as_str())));
                for &i in &rest {
                    r.consumed[i] = true;
                }
            }
        }
    }

    // A publication date printed above the title ("Published online 27 November 2003"),
    // among the history lines of a journal article.
    let above = p1.iter().copied().filter(|&i| i < t0 && !r.consumed[i]);
    if let Some((i, d)) = above.filter_map(|i| history_date(&lines[i].text).filter(|h| h.published).map(|h| (i, h.date))).next() {
        r.front.date = Some(d);
        year_only = false;
        r.consumed[i] = true;
    }

    // Subtitle, authors and date, in any order, until something else comes.
    let mut k = title_idx.last().map_or(t0 + 1, |x| x + 1);
    let mut prev_bottom = lines[k - 1].bbox.y1;
    let mut author_size = body.size;
    let mut affs_marked = false;
    // The markers each author carries, and the marker each affiliation opens on.
    let mut author_marks: Vec<Vec<String>> = Vec::new();
    let mut aff_marks: Vec<Option<String>> = Vec::new();
    // The layout block of each author's line and of each affiliation's first line: names
    // set side by side, each over its own affiliation, share a block with it.
    let mut author_blocks: Vec<(usize, u16)> = Vec::new();
    let mut aff_blocks: Vec<(usize, u16)> = Vec::new();
    while k < lines.len() && lines[k].page == first_page {
        if furn.flags[k] {
            k += 1;
            continue;
        }
        let l = &lines[k];
        let text = l.text.trim();
        if l.bbox.y0 - prev_bottom > l.size.max(body.size) * 4.0 {
            break;
        }
        prev_bottom = l.bbox.y1;
        // A rule of dots or dashes between title and authors.
        if !text.chars().any(char::is_alphanumeric) {
            r.consumed[k] = true;
            k += 1;
            continue;
        }
        if (r.front.date.is_none() || year_only) && history_date(text).is_none_or(|h| h.published) {
            if let Some(d) = parse_date(text) {
                r.front.date = Some(d);
                year_only = false;
                r.consumed[k] = true;
                k += 1;
                continue;
            }
        }
        // A line going on in the block of the affiliation above is part of it.
        let in_last_aff = !l.block_start && aff_blocks.last().is_some_and(|b| b.0 == l.block);
        if !r.front.authors.is_empty() && (affiliation_line(l, author_size, body) || masthead::names_organisation(text) || in_last_aff) {
            let t = strip_markers(l);
            let t = if opens_with_marker(l) { t.trim_start_matches(is_marker_char).trim_start().to_string() } else { t };
            // Where affiliations open on markers, each runs until the next marker.
            let marked = opens_with_marker(l);
            match r.front.affiliations.last_mut() {
                // An address alone under an affiliation in its column is that affiliation's.
                Some(last) if !marked && (affs_marked || in_last_aff || is_address_line(text) && aff_blocks.last().is_some_and(|b| b.1 == l.column)) => {
                    last.push_str(if l.block_start { ", " } else { " " });
                    last.push_str(&t);
                }
                _ => {
                    let lead: String = if marked { l.text.trim_start().chars().take_while(|&c| is_marker_char(c) || c == ',').collect() } else { String::new() };
                    aff_marks.push(split_marks(&lead).into_iter().next());
                    aff_blocks.push((l.block, l.column));
                    r.front.affiliations.push(t);
                }
            }
            affs_marked |= marked;
            r.consumed[k] = true;
            k += 1;
            continue;
        }
        let names = split_authors(&strip_markers(l)).filter(|_| !masthead::names_organisation(text));
        // A subtitle sits right under the title; a line set off by a wide space is another statement.
        let close = k > 0 && l.bbox.y0 - lines[k - 1].bbox.y1 < l.size * 2.0;
        if names.is_none() && r.front.subtitle.is_none() && r.front.authors.is_empty() && close && l.size >= body.size * 1.15 && l.size < max_size - 0.5 {
            let mut idx = vec![k];
            while k + 1 < lines.len() && lines[k + 1].page == first_page && (lines[k + 1].size - l.size).abs() <= 0.3 && lines[k + 1].block == l.block {
                k += 1;
                idx.push(k);
            }
            r.front.subtitle = Some(join_lines(ev, idx.iter().map(|&i| lines[i].text.as_str())));
            for i in idx {
                r.consumed[i] = true;
            }
            k += 1;
            continue;
        }
        if let Some(names) = names {
            // An author list may run over several lines in the same type.
            let open_end = |t: &str| {
                let t = without_end_marker(t.trim_end());
                t.ends_with(',') || t.ends_with(" and") || t.ends_with('&')
            };
            let continues = !r.front.authors.is_empty()
                && k > 0
                && r.consumed[k - 1]
                && (lines[k - 1].size - l.size).abs() <= 0.3
                && open_end(&lines[k - 1].text);
            if r.front.date.is_none() || year_only || r.front.authors.is_empty() || continues {
                author_marks.extend(name_markers(l, &names));
                author_blocks.extend(names.iter().map(|_| (l.block, l.column)));
                r.front.authors.extend(names);
                author_size = l.size;
                r.consumed[k] = true;
                k += 1;
                continue;
            }
        }
        break;
    }

    // Each author points to the affiliations that open on one of the author's markers, or
    // without markers to those set under the name in its own block.
    for ((a, marks), block) in r.front.authors.iter_mut().zip(&author_marks).zip(&author_blocks) {
        a.affiliations = (0..aff_marks.len()).filter(|&k| aff_marks[k].as_ref().is_some_and(|m| marks.contains(m))).collect();
        if a.affiliations.is_empty() && !affs_marked {
            a.affiliations = (0..aff_blocks.len()).filter(|&k| aff_blocks[k].0 == block.0).collect();
        }
        // A sole author's are all the affiliations printed.
        if a.affiliations.is_empty() && !affs_marked && author_blocks.len() == 1 {
            a.affiliations = (0..aff_blocks.len()).collect();
        }
        // Names set in columns, each over its own affiliation in a block of its own.
        let columns: std::collections::HashSet<u16> = author_blocks.iter().map(|b| b.1).collect();
        if a.affiliations.is_empty() && !affs_marked && columns.len() == author_blocks.len() && columns.len() > 1 {
            a.affiliations = (0..aff_blocks.len()).filter(|&k| aff_blocks[k].1 == block.1).collect();
        }
    }

    // The abstract: under a label line ("Abstract"), run in after a label ("Abstract. This
    // report …"), or, in a paper's title block, a block set apart right after it.
    while k < lines.len() && furn.flags[k] {
        k += 1;
    }
    let start = if k >= lines.len() || r.consumed[k] || lines[k].page != first_page {
        None
    } else if is_label_word(&lines[k].text) && lines[k].text.split_whitespace().count() <= 4 {
        r.consumed[k] = true;
        Some((k + 1, false))
    } else if run_in_label(&lines[k].text).is_some() {
        Some((k, false))
    } else if !r.front.authors.is_empty() && set_apart(lines, &p1, k, furn, body) {
        Some((k, true))
    } else {
        None
    };
    if let Some((from, one_block)) = start {
        let mut abs: Vec<usize> = Vec::new();
        let mut j = from;
        while j < lines.len() {
            if furn.flags[j] {
                j += 1;
                continue;
            }
            let l = &lines[j];
            if l.page != first_page || r.consumed[j] || (is_heading_style(l, body) && !abs.is_empty() && l.text.split_whitespace().count() < 12) {
                break;
            }
            if one_block && !abs.is_empty() && (l.block != lines[from].block || l.block_start) {
                break;
            }
            if let Some(&p) = abs.last() {
                let prev: &TLine = &lines[p];
                let first: &TLine = &lines[abs[0]];
                let left = abs.iter().map(|&i| lines[i].bbox.x0).fold(f32::MAX, f32::min);
                let right = abs.iter().map(|&i| lines[i].bbox.x1).fold(f32::MIN, f32::max);
                let gap = l.baseline - prev.baseline;
                let pitch = body.pitch.max(first.size);
                let widened = abs.len() >= 2 && (l.bbox.x1 > right + l.size * 1.0 || l.bbox.x0 < left - l.size * 0.5);
                if gap > pitch * 1.7 || gap < 0.0 || widened {
                    break;
                }
            }
            abs.push(j);
            j += 1;
        }
        if !abs.is_empty() {
            let mut paras = paragraphs(lines, &abs, ev);
            if let Some(rest) = paras.first().and_then(|p| run_in_label(p)).map(str::to_string) {
                paras[0] = rest;
            }
            r.front.abstract_paras = Some(paras);
            for &i in &abs {
                r.consumed[i] = true;
            }
            k = j;
        }
    }

    // A first page without running text is a title page: all of it is front matter.
    let left: Vec<usize> = p1.iter().copied().filter(|&i| i >= k && !furn.flags[i] && !r.consumed[i]).collect();
    let running = running_text(lines, &left, furn, body);
    if !running && p1.len() < lines.len() {
        let short: Vec<&usize> = left.iter().filter(|&&i| lines[i].text.split_whitespace().count() <= 6).collect();
        if short.len() == 1 && left.len() == 1 && r.front.publisher.is_none() && masthead::names_organisation(&lines[*short[0]].text) {
            r.front.publisher = Some(lines[*short[0]].text.trim().to_string());
            r.consumed[*short[0]] = true;
        }
        for &i in &left {
            r.skipped[i] = true;
        }
        r.body_start = p1.last().map_or(k, |x| x + 1);
    } else {
        r.body_start = k;
    }
    // Running text above the title (a sidebar) stays content.
    let in_prose = |i: usize| running_text(lines, &p1.iter().copied().filter(|&j| lines[j].block == lines[i].block).collect::<Vec<_>>(), furn, body);
    let above: Vec<usize> = p1.iter().copied().filter(|&i| i < t0 && !r.consumed[i] && !furn.flags[i] && !in_prose(i)).collect();
    r.masthead.retain(|&i| !furn.flags[i]);
    r.masthead.extend(above);
    r.masthead.sort_unstable();
    r.masthead.dedup();
    if r.front.authors.is_empty() {
        r.warnings.push(warn(Some(first_page), "no author names found in the title block"));
    }
    // Without a date in the title block, a date that a running head or foot prints on
    // every page ("May 2008 v1.0", "Updated 6/6/01") is the date of the edition.
    if r.front.date.is_none() {
        let running = |i: usize| matches!(furn.kinds.get(i).copied().flatten(), Some(FurnitureKind::RunningHead | FurnitureKind::RunningFoot));
        let running_date = |i: usize| parse_date(&lines[i].text).or_else(|| dates::stamped_date(&lines[i].text));
        r.front.date = (0..lines.len()).filter(|&i| running(i)).find_map(running_date);
    }
    if r.front.date.is_none() {
        r.warnings.push(warn(Some(first_page), "no date of issue found in the title block"));
    }
    r
}

/// Whether a text is a mark rather than words: one token that holds a digit or joins
/// capitals with punctuation ("ITU-T", "T.6", "A/78/123"), as covers set logos and numbers.
fn is_mark(text: &str) -> bool {
    let t = text.trim();
    let mut toks = t.split_whitespace();
    let (Some(tok), None) = (toks.next(), toks.next()) else { return false };
    tok.chars().any(|c| c.is_ascii_digit()) || (tok.chars().any(|c| !c.is_alphanumeric()) && !tok.chars().any(char::is_lowercase))
}

/// Whether a line reads as a name: it opens on a letter or digit and closes without a
/// full stop or colon (a sentence or a form's label is no series name).
fn reads_as_name(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(char::is_alphanumeric) && !t.ends_with(['.', ':'])
}

/// Whether another line of the page stands on the same baseline: with a word or two, a
/// field of a form's row ("Principal Investigator … Date"), not a series name.
fn shares_baseline(lines: &[TLine], page: &[usize], i: usize) -> bool {
    page.iter().any(|&j| j != i && lines[j].block != lines[i].block && (lines[j].baseline - lines[i].baseline).abs() < lines[i].size * 0.3)
}

/// Whether the lines hold running text: two lines of one block in the body size, the
/// first of them a full line (a cover's stacked short lines are not running text).
fn running_text(lines: &[TLine], idx: &[usize], furn: &Furn, body: &BodyStyle) -> bool {
    idx.windows(2).any(|w| {
        let (a, b) = (&lines[w[0]], &lines[w[1]]);
        !furn.flags[w[0]] && a.block == b.block && (a.size - body.size).abs() < 0.6 && (b.size - body.size).abs() < 0.6 && a.text.chars().count() >= 30
    })
}

/// The title of a first page where no type stands out by size: the first block before the
/// running text that stands alone in a style of its own, bold or larger than the body, in
/// a few words without a closing full stop or colon, with no later heading in that style.
///
/// A style that later headings share marks a section heading or a letterhead, not a title.
fn style_title(lines: &[TLine], p1: &[usize], furn: &Furn, body: &BodyStyle) -> Option<usize> {
    let style = |l: &TLine| ((l.size * 2.0).round() as i32, l.bold);
    let mut k = 0;
    while k < p1.len() {
        let i = p1[k];
        let block: Vec<usize> = p1[k..].iter().copied().take_while(|&j| lines[j].block == lines[i].block).collect();
        k += block.len().max(1);
        if furn.flags[i] || !lines[i].block_start {
            continue;
        }
        if running_text(lines, &block, furn, body) {
            return None;
        }
        let l = &lines[i];
        let text: String = block.iter().map(|&j| lines[j].text.as_str()).collect::<Vec<_>>().join(" ");
        let words = text.split_whitespace().count();
        let set_apart = l.bold || l.size >= body.size * 1.05;
        let uniform = block.iter().all(|&j| style(&lines[j]) == style(l));
        let plain_end = !text.trim_end().ends_with(['.', ':']);
        if !set_apart || !uniform || !plain_end || block.len() > 3 || words > 20 || !text.chars().any(char::is_alphabetic) {
            continue;
        }
        if is_label_word(&text) || super::numbering::enumerator(&text).is_some() {
            continue;
        }
        let last = *block.last().unwrap_or(&i);
        let shared = (last + 1..lines.len()).any(|j| !furn.flags[j] && lines[j].block_start && lines[j].block_end && style(&lines[j]) == style(l));
        if shared {
            continue;
        }
        let after: Vec<usize> = p1.iter().copied().filter(|&j| j > last).collect();
        return running_text(lines, &after, furn, body).then_some(i);
    }
    None
}

/// The text after a run-in abstract label: "Abstract. This report …", "Summary: …",
/// "Abstract—We …" give the text from "This", "…", "We".
fn run_in_label(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let lower = t.get(..t.len().min(20))?.to_lowercase();
    let label = ["abstract", "summary", "executive summary"].into_iter().find(|l| lower.starts_with(l))?;
    let rest = t.get(label.len()..)?;
    let rest = rest.strip_prefix(['.', ':', '—', '–']).or_else(|| rest.strip_prefix(" -")).or_else(|| rest.strip_prefix(" —"))?;
    let rest = rest.trim_start();
    rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()).then_some(rest)
}

/// Whether the block opening at line `k`, right after a paper's title block, is set apart
/// from the running text as an unlabelled abstract is: several lines of sentences, inset on
/// both sides of the first page's text or spanning its columns, with running text after it.
fn set_apart(lines: &[TLine], p1: &[usize], k: usize, furn: &Furn, body: &BodyStyle) -> bool {
    let l = &lines[k];
    if !l.block_start || is_heading_style(l, body) {
        return false;
    }
    let block: Vec<usize> = p1.iter().copied().filter(|&i| i >= k && lines[i].block == l.block && lines[i].page == l.page).collect();
    let last = block.last().map_or(k, |&i| i);
    if block.len() < 3 || !ends_sentence(&lines[last].text) {
        return false;
    }
    let after: Vec<usize> = p1.iter().copied().filter(|&i| i > last && !furn.flags[i] && (lines[i].size - body.size).abs() < 0.6).collect();
    if after.len() < 3 {
        return false;
    }
    let (bl, br) = block.iter().fold((f32::MAX, f32::MIN), |(a, b), &i| (a.min(lines[i].bbox.x0), b.max(lines[i].bbox.x1)));
    let (tl, tr) = after.iter().fold((f32::MAX, f32::MIN), |(a, b), &i| (a.min(lines[i].bbox.x0), b.max(lines[i].bbox.x1)));
    let mut widths: Vec<f32> = after.iter().map(|&i| lines[i].bbox.width()).collect();
    widths.sort_by(f32::total_cmp);
    let column = widths[widths.len() / 2];
    let em = l.size.max(1.0);
    let inset = bl > tl + em * 1.5 && br < tr - em * 1.5;
    let spans = br - bl > column * 1.4;
    inset || spans
}

/// The copyright statement of a title page's verso (the second page of a longer document):
/// a block of its own opening on "©" or "Copyright", with the reservation set after it
/// ("All rights reserved. No part of…"), and the lines it takes from `rest`.
///
/// Reports and standards print their imprint there; it is the colophon's disclaimer, not
/// body text.
pub(crate) fn verso_copyright(lines: &[TLine], rest: &[usize], ev: &Evidence) -> Option<(String, Vec<usize>)> {
    let first_page = lines.first()?.page;
    let last_page = lines.last()?.page;
    if last_page < first_page + 2 {
        return None;
    }
    let verso: Vec<usize> = rest.iter().copied().filter(|&i| lines[i].page == first_page + 1).collect();
    let k = verso.iter().position(|&i| lines[i].block_start && masthead::copyright_start(&lines[i].text) == Some(0))?;
    let block_of = |from: usize| -> Vec<usize> {
        let b = lines[verso[from]].block;
        verso[from..].iter().copied().take_while(|&j| lines[j].block == b).collect()
    };
    let mut taken = block_of(k);
    if taken.len() > 8 {
        return None;
    }
    while let Some(&next) = verso.get(k + taken.len()) {
        let more = block_of(k + taken.len());
        if !(lines[next].block_start && masthead::reservation(&lines[next].text)) || more.len() > 8 {
            break;
        }
        taken.extend(more);
    }
    Some((join_lines(ev, taken.iter().map(|&j| lines[j].text.as_str())), taken))
}

/// Reads the first page's masthead statements (see [`masthead`]) wherever they stand: the
/// journal's citation line, the DOI, an ISSN, the copyright statement, the correspondence
/// note and the keywords. Lines a statement wholly takes are consumed; the journal line is returned.
fn read_masthead(lines: &[TLine], p1: &[usize], ev: &Evidence, r: &mut FrontResult) -> Option<masthead::JournalLine> {
    let mut journal = None;
    let mut k = 0;
    while k < p1.len() {
        let i = p1[k];
        let text = lines[i].text.as_str();
        // The rest of the line's block, from this line on.
        let block: Vec<usize> = p1[k..]
            .iter()
            .copied()
            .enumerate()
            .take_while(|&(n, j)| n == 0 || (lines[j].block == lines[i].block && !lines[j].block_start))
            .map(|(_, j)| j)
            .collect();
        if journal.is_none() {
            if let Some(j) = masthead::journal_line(text) {
                let rest = text[j.end..].trim();
                if rest.is_empty() {
                    r.consumed[i] = true;
                } else if masthead::copyright_start(rest).is_some() && r.copyright.is_none() {
                    let more = block[1..].iter().map(|&j| lines[j].text.as_str());
                    r.copyright = Some(join_lines(ev, std::iter::once(rest).chain(more)));
                    block.iter().for_each(|&j| r.consumed[j] = true);
                    k += block.len() - 1;
                }
                journal = Some(j);
                k += 1;
                continue;
            }
        }
        if r.front.doi.is_none() {
            if let Some(d) = masthead::doi_line(text) {
                r.front.doi = Some(d);
                r.consumed[i] = true;
                k += 1;
                continue;
            }
        }
        if r.issn.is_none() {
            if let Some(v) = super::back::issn(text) {
                r.issn = Some(v.to_string());
                // A line that gives the ISSN alone ("e-ISSN: 2765-4410") is taken whole;
                // one that says more (a volume line) stays where it is.
                if text.split_whitespace().count() <= 3 {
                    r.consumed[i] = true;
                    k += 1;
                    continue;
                }
            }
        }
        let whole = join_lines(ev, block.iter().map(|&j| lines[j].text.as_str()));
        let contact = (r.inquiries.is_none() && lines[i].block_start).then(|| masthead::correspondence(&whole)).flatten();
        let statement = if r.copyright.is_none() && masthead::copyright_start(text).is_some() {
            r.copyright = Some(whole);
            true
        } else if let Some(c) = contact {
            r.inquiries = Some(c);
            // The note may go on after the contact (history dates): those lines stay in
            // the tree as masthead furniture.
            if let Some(at) = block.iter().rposition(|&j| lines[j].text.contains('@')) {
                r.masthead.extend(&block[at + 1..]);
            }
            true
        } else if let Some(k) = r.front.keywords.is_empty().then(|| masthead::keywords(&whole)).flatten() {
            r.front.keywords = k;
            true
        } else {
            false
        };
        if statement {
            block.iter().for_each(|&j| r.consumed[j] = true);
            k += block.len();
        } else {
            k += 1;
        }
    }
    journal
}

/// Whether a line under the authors reads as an affiliation or correspondence line: set
/// smaller than the names and the body, opening on a marker, holding an e-mail address, or a
/// single italic line.
fn affiliation_line(l: &TLine, author_size: f32, body: &BodyStyle) -> bool {
    let t = l.text.trim();
    if is_label_word(t) || t.split_whitespace().count() > 30 {
        return false;
    }
    let smaller = l.size < body.size * 0.95 && l.size < author_size * 0.95;
    smaller || opens_with_marker(l) || t.contains('@') || (l.italic && l.block_start && l.block_end)
}

/// Whether a line is an e-mail address alone.
fn is_address_line(t: &str) -> bool {
    !t.contains(char::is_whitespace) && t.contains('@')
}

/// Whether a line runs up or down the page (a rotated margin stamp such as an arXiv id):
/// its box is much taller than its type.
fn upright(l: &TLine) -> bool {
    l.bbox.height() > l.size.max(1.0) * 2.5 && l.bbox.height() > l.bbox.width()
}

/// Splits lines into paragraphs at block starts, indented first lines and short sentence ends.
fn paragraphs(lines: &[TLine], idx: &[usize], ev: &Evidence) -> Vec<String> {
    let left = idx.iter().map(|&i| lines[i].bbox.x0).fold(f32::MAX, f32::min);
    let right = idx.iter().map(|&i| lines[i].bbox.x1).fold(f32::MIN, f32::max);
    let mut out: Vec<Vec<&str>> = Vec::new();
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let new = k == 0 || l.block_start || l.bbox.x0 - left >= l.size * 0.6 || {
            let p = &lines[idx[k - 1]];
            p.bbox.x1 < right - l.size * 4.0 && ends_sentence(&p.text)
        };
        if new || out.is_empty() {
            out.push(vec![l.text.as_str()]);
        } else if let Some(last) = out.last_mut() {
            last.push(l.text.as_str());
        }
    }
    out.into_iter().map(|p| join_lines(ev, p)).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests;
