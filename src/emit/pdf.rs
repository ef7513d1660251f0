//! The reflowed PDF: the content re-typeset for small screens.
//!
//! The tree is set in Libertinus Serif (bundled), with a system or user font for scripts
//! it lacks (Hangul). Paragraphs are shaped ([`fonts`]), broken into justified lines by
//! optimal fit with hyphenation ([`linebreak`], [`layout`]), paged so that headings stay
//! with their text, and written with subset fonts, an outline and metadata ([`write`]).

mod floats;
mod fonts;
mod images;
mod inline;
mod layout;
mod linebreak;
mod pages;
mod table;
mod write;

use crate::error::{Result, Warned};
use crate::tree::{BlockKind, Document, Inline};
use fonts::{FontData, Fonts, Style};
use hyphenation::{Language, Load, Standard};
use layout::{Line, ParaStyle, Setter, Span};
use pages::{paginate, Footnotes};
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use write::{FinalPage, Geometry, Meta};

/// Page sizes for the reflowed edition.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// ISO A5, 148 × 210 mm.
    #[default]
    A5,
    /// ISO A6, 105 × 148 mm.
    A6,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// Trade paperback, 6 × 9 in.
    SixByNine,
    /// A phone screen, about 90 × 160 mm.
    Phone,
}

impl PageSize {
    /// Every page size, in the order the command line lists them.
    pub const ALL: [PageSize; 6] =
        [PageSize::A4, PageSize::A5, PageSize::A6, PageSize::Letter, PageSize::SixByNine, PageSize::Phone];

    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        const MM: f32 = 72.0 / 25.4;
        match self {
            PageSize::A4 => (210.0 * MM, 297.0 * MM),
            PageSize::A5 => (148.0 * MM, 210.0 * MM),
            PageSize::A6 => (105.0 * MM, 148.0 * MM),
            PageSize::Letter => (612.0, 792.0),
            PageSize::SixByNine => (432.0, 648.0),
            PageSize::Phone => (90.0 * MM, 160.0 * MM),
        }
    }

    /// The name the command line uses: `a4`, `a5`, `a6`, `letter`, `6x9in` or `phone`.
    pub fn name(self) -> &'static str {
        match self {
            PageSize::A4 => "a4",
            PageSize::A5 => "a5",
            PageSize::A6 => "a6",
            PageSize::Letter => "letter",
            PageSize::SixByNine => "6x9in",
            PageSize::Phone => "phone",
        }
    }
}

impl std::str::FromStr for PageSize {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        PageSize::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown page size '{s}' (expected a4, a5, a6, letter, 6x9in or phone)"))
    }
}

/// Settings for the reflowed PDF.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PdfOptions {
    /// The page size.
    pub page: PageSize,
    /// Body text size in points (10 by default); margins and leading follow it.
    pub font_size: f32,
    /// A font for characters the bundled Latin face lacks (such as Hangul); when `None`,
    /// a font installed at a known system path is used.
    pub font: Option<PathBuf>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions { page: PageSize::default(), font_size: 10.0, font: None }
    }
}

/// Writes the document as a reflowed PDF.
pub fn pdf(doc: &Document, opts: &PdfOptions) -> Result<Warned<Vec<u8>>> {
    pdf_with(doc, opts, true)
}

/// [`pdf`], with a second thread for the independent parts of writing only when `parallel`.
pub(crate) fn pdf_with(doc: &Document, opts: &PdfOptions, parallel: bool) -> Result<Warned<Vec<u8>>> {
    let size = if opts.font_size.is_finite() && (4.0..=40.0).contains(&opts.font_size) { opts.font_size } else { 10.0 };
    let geo = geometry(opts.page, size);
    let needed = characters(doc);
    let data = FontData::load(&needed, opts.font.as_deref());
    let mut warnings = data.warnings.clone();
    let fonts = Fonts::new(data.faces(&inline::styles(doc)));
    let english = doc.lang.is_empty() || doc.lang.to_ascii_lowercase().starts_with("en");
    let hyphenator = if english { Standard::from_embedded(Language::EnglishUS).ok() } else { None };
    let setter = Setter { fonts: &fonts, hyphenator, measure: geo.measure, hyphen_memo: Default::default() };
    let mut displays = floats::Displays::new(geo.height);
    let (lines, foot) = compose(doc, &setter, size, &mut displays);
    warnings.append(&mut displays.warnings);
    let pages = paginate(lines, &foot, geo.height);
    let total = pages.len();
    let title = doc.display_title().to_string();
    let final_pages: Vec<FinalPage> = pages
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut fp = FinalPage::from(p);
            fp.lines.extend(furniture(&setter, &title, i + 1, total, size, &geo));
            fp
        })
        .collect();
    let meta = Meta {
        title: title.clone(),
        author: author_list(doc),
        subject: doc.front.subtitle.clone().or_else(|| doc.front.series.clone()).unwrap_or_default(),
        lang: if doc.lang.is_empty() { "en".into() } else { doc.lang.clone() },
        date: doc.front.date.map(|d| {
            format!("D:{:04}{:02}{:02}000000Z", d.year.clamp(0, 9999), d.month.unwrap_or(1), d.day.unwrap_or(1))
        }),
    };
    let (bytes, w) = write::write(&final_pages, &fonts, &geo, &meta, &displays.images, parallel)?;
    warnings.extend(w);
    warnings.extend(fonts.uncovered_warning());
    Ok(Warned { output: bytes, warnings })
}

/// Every character of the document's text.
///
/// ASCII goes through a table first: a set insertion per character is dear.
fn characters(doc: &Document) -> BTreeSet<char> {
    let mut ascii = [false; 128];
    let mut other = BTreeSet::new();
    doc.visit_text(&mut |s| {
        for c in s.chars() {
            match ascii.get_mut(c as usize) {
                Some(seen) => *seen = true,
                None => {
                    other.insert(c);
                }
            }
        }
    });
    other.extend((0u8..128).filter(|&b| ascii[usize::from(b)]).map(char::from));
    // Labels and the words the writer adds around displays.
    if crate::emit::display::any(doc) {
        for b in doc.displays() {
            other.extend(crate::emit::display::name(b).chars());
        }
        other.extend("(Too wide for this page: the table is set as a list of its rows.);—".chars());
    }
    other
}

/// Margins and text block for a page size and body size.
fn geometry(page: PageSize, size: f32) -> Geometry {
    let (w, h) = page.points();
    // A line of about 65-75 characters at most; small pages keep narrow margins.
    let side = (w * 0.07).max(size * 1.2);
    let measure = (w - 2.0 * side).min(size * 34.0).max(size * 8.0);
    let left = (w - measure) / 2.0;
    let top = (h * 0.065).max(size * 3.0);
    let bottom = (h * 0.06).max(size * 2.0);
    Geometry { page_w: w, page_h: h, left, top, measure, height: (h - top - bottom).max(size * 6.0) }
}

/// "A, B and C".
fn author_list(doc: &Document) -> String {
    let names: Vec<String> = doc.front.authors.iter().map(|a| a.full_name()).filter(|n| !n.is_empty()).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// The document's date as printed in the title block, such as "9 September 2020".
fn date_text(doc: &Document) -> Option<String> {
    let d = doc.front.date?;
    let month = d.month.and_then(|m| MONTHS.get(usize::from(m).wrapping_sub(1)));
    Some(match (d.day, month) {
        (Some(day), Some(m)) => format!("{day} {m} {}", d.year),
        (_, Some(m)) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    })
}

/// Paragraph styles of the edition, all derived from the body size.
struct Styles {
    size: f32,
    lead: f32,
}

impl Styles {
    fn body(&self) -> ParaStyle {
        ParaStyle {
            size: self.size,
            lead: self.lead,
            left: 0.0,
            right: 0.0,
            first: 0.0,
            justify: true,
            center: false,
            hyphenate: true,
            marker: None,
            space_before: 0.0,
            keep_with_next: false,
            keep_together: false,
        }
    }

    fn scaled(&self, k: f32, lead_k: f32) -> ParaStyle {
        ParaStyle { size: self.size * k, lead: self.size * k * lead_k, ..self.body() }
    }

    fn display(&self, k: f32, space_before: f32) -> ParaStyle {
        ParaStyle {
            justify: false,
            hyphenate: false,
            space_before,
            keep_with_next: true,
            keep_together: true,
            ..self.scaled(k, 1.2)
        }
    }

    fn heading(&self, level: u8) -> (ParaStyle, Style) {
        match level {
            0 | 1 => (self.display(1.25, self.lead * 1.4), Style::Bold),
            2 => (self.display(1.08, self.lead * 1.0), Style::Bold),
            _ => (self.display(1.0, self.lead * 0.7), Style::Italic),
        }
    }
}

/// Appends `new` lines to `out`, tying the first to what is above when `tie` is set.
fn push(out: &mut Vec<Line>, mut new: Vec<Line>, tie: bool) {
    if let Some(first) = new.first_mut() {
        if tie {
            first.keep_with_prev = true;
        }
    }
    out.append(&mut new);
}

/// The flow of lines for the whole edition, in reading order, and the notes set at the
/// foot of the page that first calls them.
fn compose(doc: &Document, s: &Setter, size: f32, displays: &mut floats::Displays) -> (Vec<Line>, Footnotes) {
    let st = Styles { size, lead: size * 1.3 };
    let mut out: Vec<Line> = Vec::new();
    let fm = &doc.front;

    // Title block.
    let mut tie = false;
    let mut title_block = |out: &mut Vec<Line>, text: &str, style: Style, ps: ParaStyle| {
        if text.trim().is_empty() {
            return;
        }
        push(out, s.paragraph(&[Span::new(text, style)], &ps), tie);
        tie = true;
    };
    if let Some(series) = &fm.series {
        title_block(&mut out, series, Style::Italic, st.display(0.95, 0.0));
    }
    if let Some(t) = &fm.title {
        title_block(&mut out, t, Style::Bold, st.display(1.6, st.lead * 0.6));
    }
    if let Some(t) = &fm.subtitle {
        title_block(&mut out, t, Style::Italic, st.display(1.2, st.lead * 0.2));
    }
    let authors = author_list(doc);
    title_block(&mut out, &authors, Style::Regular, st.display(1.05, st.lead * 0.8));
    for aff in fm.affiliations.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        title_block(&mut out, aff, Style::Italic, st.display(0.85, st.lead * 0.1));
    }
    if let Some(d) = date_text(doc) {
        title_block(&mut out, &d, Style::Italic, st.display(0.95, st.lead * 0.1));
    }
    if let Some(paras) = &fm.abstract_paras {
        // Labelled, as in the EPUB: a reader (and quire reading the edition back) can tell
        // the summary from the body.
        let label = ParaStyle { left: size, right: size, ..st.display(0.95, st.lead) };
        push(&mut out, s.paragraph(&[Span::new("Abstract", Style::Bold)], &label), false);
        let ps = ParaStyle { left: size, right: size, ..st.scaled(0.95, 1.3) };
        for (i, p) in paras.iter().enumerate() {
            let ps = ParaStyle { space_before: if i == 0 { st.lead * 0.2 } else { 0.0 }, ..ps.clone() };
            push(&mut out, s.paragraph(&[Span::new(p, Style::Regular)], &ps), false);
        }
    }
    if !out.is_empty() {
        out.push(Line {
            lead: st.lead,
            size,
            space_before: st.lead * 0.3,
            keep_with_prev: true,
            rule: Some((0.0, s.measure)),
            ..Default::default()
        });
    }

    // Body; each note goes to the foot of the page of its first call.
    let mut printed_notes: HashSet<usize> = HashSet::new();
    let mut first_section = true;
    for sec in &doc.sections {
        let mut after_heading = true;
        if let Some(t) = sec.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let (mut ps, style) = st.heading(sec.level);
            if first_section && out.len() > 0 {
                ps.space_before = st.lead * 1.2;
            }
            let mut lines = s.paragraph(&[Span::new(t, style)], &ps);
            if let Some(l) = lines.first_mut() {
                l.bookmark = Some((sec.level.max(1), t.to_string()));
            }
            push(&mut out, lines, false);
        } else if !out.is_empty() {
            // An untitled opening section follows the title block directly.
            after_heading = true;
        }
        first_section = false;
        let mut prev_kind: Option<BlockKind> = None;
        let mut tie_next = sec.title.is_some();
        let mut prev_box: Option<u32> = None;
        for b in &sec.blocks {
            // A box's edges, where it opens or where the text goes on after it.
            let box_edge = b.boxed != prev_box;
            prev_box = b.boxed;
            let title;
            let content = if b.kind == BlockKind::BoxTitle {
                title = [Inline::Strong(b.content.clone())];
                &title[..]
            } else {
                &b.content[..]
            };
            let spans = inline::spans(content, s.fonts, &mut |n| {
                let first = printed_notes.insert(n);
                Span { note: first.then_some(n), ..note_call(doc, n) }
            });
            if b.is_display() {
                displays.block(&mut out, s, &st, b, &spans, tie_next);
                tie_next = false;
                after_heading = false;
                prev_kind = Some(b.kind);
                continue;
            }
            let after_display = matches!(prev_kind, Some(BlockKind::Figure | BlockKind::Table));
            let ps = match b.kind {
                BlockKind::BoxTitle => st.body(),
                BlockKind::Paragraph | BlockKind::Figure | BlockKind::Table => ParaStyle {
                    first: if after_heading || prev_kind != Some(BlockKind::Paragraph) { 0.0 } else { size },
                    space_before: if after_display {
                        st.lead * 0.8
                    } else if prev_kind.is_some() && prev_kind != Some(BlockKind::Paragraph) {
                        st.lead * 0.4
                    } else if after_heading {
                        st.lead * 0.3
                    } else {
                        0.0
                    },
                    ..st.body()
                },
                BlockKind::ListItem => ParaStyle {
                    left: size * 1.4,
                    marker: Some(Span::new("•", Style::Regular)),
                    space_before: if prev_kind == Some(BlockKind::ListItem) { st.lead * 0.15 } else { st.lead * 0.4 },
                    ..st.body()
                },
                BlockKind::Quote => ParaStyle {
                    left: size * 1.5,
                    right: size * 1.5,
                    space_before: st.lead * 0.5,
                    ..st.scaled(0.93, 1.3)
                },
            };
            // A box's blocks are set in from both sides, on a tint.
            let ps = match b.boxed {
                Some(_) => ParaStyle { left: ps.left + size, right: ps.right + size, ..ps },
                None => ps,
            };
            let mut lines = s.paragraph(&spans, &ps);
            if prev_kind == Some(BlockKind::Quote) && b.kind != BlockKind::Quote {
                if let Some(l) = lines.first_mut() {
                    l.space_before = l.space_before.max(st.lead * 0.5);
                }
            }
            for l in lines.iter_mut().filter(|_| b.boxed.is_some()) {
                l.shade = true;
            }
            if let Some(l) = lines.first_mut().filter(|_| box_edge) {
                l.space_before = l.space_before.max(st.lead * 1.2);
            }
            push(&mut out, lines, tie_next);
            tie_next = false;
            after_heading = false;
            prev_kind = Some(b.kind);
        }
    }
    let foot = footnotes(s, &st, doc, &printed_notes);
    // Notes never called from the text follow the body under a heading of their own.
    let uncalled: Vec<usize> = (0..doc.footnotes.len()).filter(|i| !printed_notes.contains(i)).collect();
    if !uncalled.is_empty() {
        minor_heading(&mut out, s, &st, "Notes", 2, false);
        let mut tie = true;
        for n in uncalled {
            push(&mut out, note(s, &st, doc, n), tie);
            tie = false;
        }
    }

    back_matter(&mut out, s, &st, doc);
    // Breathing room below every rule.
    for i in 1..out.len() {
        if out[i - 1].rule.is_some() && out[i].rule.is_none() && !out[i].tight {
            out[i].space_before = out[i].space_before.max(st.lead * 0.5);
        }
    }
    (out, foot)
}

/// A footnote call as a superscript mark.
fn note_call(doc: &Document, n: usize) -> Span {
    let label = doc.footnotes.get(n).map(|f| f.label.trim()).filter(|l| !l.is_empty()).map(str::to_string);
    Span { scale: 0.62, rise: 0.36, ..Span::new(label.unwrap_or_else(|| (n + 1).to_string()), Style::Regular) }
}

/// A small heading inside back matter ("Notes", "References").
fn minor_heading(out: &mut Vec<Line>, s: &Setter, st: &Styles, text: &str, level: u8, bookmark: bool) {
    let (ps, style) = if level <= 1 { st.heading(1) } else { (st.display(0.95, st.lead * 1.0), Style::Italic) };
    let mut lines = s.paragraph(&[Span::new(text, style)], &ps);
    if bookmark {
        if let Some(l) = lines.first_mut() {
            l.bookmark = Some((level, text.to_string()));
        }
    }
    push(out, lines, false);
}

/// Note `n` in a smaller size with its mark hanging.
fn note(s: &Setter, st: &Styles, doc: &Document, n: usize) -> Vec<Line> {
    let Some(f) = doc.footnotes.get(n) else { return Vec::new() };
    let label = if f.label.trim().is_empty() { (n + 1).to_string() } else { f.label.trim().to_string() };
    let ps = ParaStyle {
        left: st.size * 1.6,
        marker: Some(Span::new(label, Style::Regular)),
        space_before: st.size * 0.15,
        ..st.scaled(0.85, 1.3)
    };
    s.paragraph(&[Span::new(f.text.as_str(), Style::Regular)], &ps)
}

/// The notes called from the text, set for the foot of the page, with the rule above them.
fn footnotes(s: &Setter, st: &Styles, doc: &Document, called: &HashSet<usize>) -> Footnotes {
    let notes = (0..doc.footnotes.len()).map(|n| if called.contains(&n) { note(s, st, doc, n) } else { Vec::new() }).collect();
    let rule = Line {
        lead: 0.0,
        size: st.size * 0.85,
        space_before: st.lead,
        rule: Some((0.0, s.measure * 0.3)),
        ..Default::default()
    };
    Footnotes { notes, rule }
}

/// References, bios, disclaimer and colophon.
fn back_matter(out: &mut Vec<Line>, s: &Setter, st: &Styles, doc: &Document) {
    if !doc.references.is_empty() {
        minor_heading(out, s, st, "References", 1, true);
        let mut tie = true;
        for r in &doc.references {
            let ps = ParaStyle {
                left: st.size * 1.5,
                first: -st.size * 1.5,
                justify: false,
                hyphenate: false,
                space_before: st.size * 0.25,
                ..st.scaled(0.9, 1.3)
            };
            push(out, s.paragraph(&reference_spans(r), &ps), tie);
            tie = false;
        }
    }
    let bios: Vec<&str> = doc.front.authors.iter().filter_map(|a| a.bio.as_deref()).filter(|b| !b.trim().is_empty()).collect();
    if !bios.is_empty() {
        let title = if bios.len() == 1 { "About the Author" } else { "About the Authors" };
        minor_heading(out, s, st, title, 1, true);
        let mut tie = true;
        for b in bios {
            let ps = ParaStyle { space_before: st.lead * 0.4, ..st.body() };
            push(out, s.paragraph(&[Span::new(b, Style::Regular)], &ps), tie);
            tie = false;
        }
    }
    // Colophon: disclaimer, then the publisher's details, kept together.
    let c = &doc.colophon;
    let small = ParaStyle { justify: false, hyphenate: false, keep_together: true, ..st.scaled(0.82, 1.3) };
    let mut first = true;
    let mut add = |out: &mut Vec<Line>, spans: Vec<Span>, ps: &ParaStyle| {
        let mut ps = ps.clone();
        if first {
            ps.space_before = st.lead * 2.0;
        }
        let mut lines = s.paragraph(&spans, &ps);
        if first {
            if let Some(l) = lines.first_mut() {
                l.bookmark = Some((1, "Colophon".into()));
            }
            // A rule above the colophon.
            out.push(Line {
                lead: ps.lead,
                size: ps.size,
                space_before: ps.space_before,
                rule: Some((0.0, s.measure * 0.3)),
                ..Default::default()
            });
            if let Some(l) = lines.first_mut() {
                l.space_before = 0.0;
                l.keep_with_prev = true;
            }
        }
        push(out, lines, !first);
        first = false;
    };
    if let Some(d) = &c.disclaimer {
        add(out, vec![Span::new(d.as_str(), Style::Italic)], &ParaStyle { justify: true, ..small.clone() });
    }
    let mut details: Vec<Vec<Span>> = Vec::new();
    if let Some(p) = &doc.front.publisher {
        details.push(vec![Span::new(p.as_str(), Style::Bold)]);
    }
    let labelled = |label: &str, v: &Option<String>| -> Option<Vec<Span>> {
        v.as_ref().map(|v| vec![Span::new(format!("{label} "), Style::Italic), Span::new(v.as_str(), Style::Regular)])
    };
    details.extend(labelled("Typeset by", &c.typeset_by));
    details.extend(labelled("Inquiries:", &c.inquiries));
    if let Some(a) = &c.address {
        details.push(vec![Span::new(a.as_str(), Style::Regular)]);
    }
    details.extend(labelled("Tel.", &c.phone));
    details.extend(labelled("Fax", &c.fax));
    if let Some(e) = &c.email {
        details.push(vec![Span { link: Some(format!("mailto:{e}")), ..Span::new(e.as_str(), Style::Regular) }]);
    }
    if let Some(w) = &c.website {
        let uri = if w.contains("://") { w.clone() } else { format!("https://{w}") };
        details.push(vec![Span { link: Some(uri), ..Span::new(w.as_str(), Style::Regular) }]);
    }
    details.extend(labelled("ISBN", &doc.front.isbn));
    details.extend(labelled("ISSN", &c.issn));
    details.extend(labelled("No.", &c.report_number));
    for (i, d) in details.into_iter().enumerate() {
        let ps = ParaStyle { space_before: if i == 0 { st.lead * 0.5 } else { 0.0 }, ..small.clone() };
        add(out, d, &ps);
    }
}

/// A reference as spans, its DOI or URL linked.
fn reference_spans(r: &crate::tree::Reference) -> Vec<Span> {
    let raw = r.raw.as_str();
    let target = r
        .doi
        .as_deref()
        .and_then(|d| raw.find(d).map(|i| (i, i + d.len(), format!("https://doi.org/{d}"))))
        .or_else(|| r.url.as_deref().and_then(|u| raw.find(u).map(|i| (i, i + u.len(), u.to_string()))));
    match target {
        Some((a, b, uri)) => {
            // Widen to the whole printed token (a "https://doi.org/" prefix, say).
            let a = raw[..a].rfind(char::is_whitespace).map_or(0, |k| k + 1);
            let b = raw[b..].find(char::is_whitespace).map_or(raw.len(), |k| b + k);
            let mut v = Vec::new();
            if a > 0 {
                v.push(Span::new(&raw[..a], Style::Regular));
            }
            v.push(Span { link: Some(uri), ..Span::new(&raw[a..b], Style::Regular) });
            if b < raw.len() {
                v.push(Span::new(&raw[b..], Style::Regular));
            }
            v
        }
        None => vec![Span::new(raw, Style::Regular)],
    }
}

/// The title without what follows a subtitle separator (a colon or a spaced dash).
fn short_title(title: &str) -> &str {
    let cut = [": ", " — ", " – ", " - "].iter().filter_map(|sep| title.find(sep)).min();
    match cut {
        Some(i) if title[..i].split_whitespace().count() >= 2 => title[..i].trim(),
        _ => title.trim(),
    }
}

/// Running head (short title and page number) for every page but the first.
fn furniture(s: &Setter, title: &str, page: usize, _total: usize, size: f32, geo: &Geometry) -> Vec<(Line, f32)> {
    if page == 1 {
        return Vec::new();
    }
    let fs = size * 0.8;
    let folio = s.fonts.shape(&page.to_string(), Style::Regular);
    let folio_w = fonts::width(&folio) * fs;
    // The short title: the main title before any subtitle separator, cut at a word
    // with an ellipsis when it would take more than about half the line.
    let room = (geo.measure - folio_w - size * 2.0).min(geo.measure * 0.6);
    let mut words: Vec<&str> = short_title(title).split_whitespace().collect();
    let mut glyphs = s.fonts.shape(&words.join(" "), Style::Italic);
    while fonts::width(&glyphs) * fs > room && words.len() > 1 {
        words.pop();
        let cut = words.join(" ");
        glyphs = s.fonts.shape(&format!("{}…", cut.trim_end_matches([',', ';', ':'])), Style::Italic);
    }
    let mut line = Line { size: fs, lead: fs, ..Default::default() };
    let mut x = 0.0;
    for g in glyphs.iter().cloned() {
        let adv = g.advance * fs;
        line.glyphs.push(layout::Placed { glyph: g, x, size: fs, rise: 0.0 });
        x += adv;
    }
    let mut x = geo.measure - folio_w;
    for g in folio.iter().cloned() {
        let adv = g.advance * fs;
        line.glyphs.push(layout::Placed { glyph: g, x, size: fs, rise: 0.0 });
        x += adv;
    }
    let baseline = -size * 1.6;
    let rule = Line { rule: Some((0.0, geo.measure)), size: fs, lead: fs, ..Default::default() };
    vec![(line, baseline), (rule, baseline + fs * 0.45)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Author, Block, Date, Footnote, Inline, Reference, Section};

    fn small_doc() -> Document {
        let mut d = Document::new();
        d.front.title = Some("Office Hours: A “Test” — of Reflow".into());
        d.front.series = Some("Issue Briefing".into());
        d.front.authors.push(Author { given: Some("Zsófia".into()), surname: "Martínez".into(), bio: Some("Zsófia Martínez writes.".into()), affiliations: Vec::new() });
        d.front.date = Some(Date { year: 2024, month: Some(6), day: Some(11) });
        let para = "The office’s efficient workflow — reflowed for small screens — keeps ligatures, quotes and dashes intact. ";
        d.sections.push(Section {
            level: 1,
            title: Some("Introduction".into()),
            blocks: vec![
                Block {
                    kind: BlockKind::Paragraph,
                    content: vec![Inline::Text(para.repeat(6)), Inline::NoteCall(0)],
                    source: vec![],
                    ..Default::default()
                },
                Block { kind: BlockKind::ListItem, content: vec![Inline::Text("First point;".into())], source: vec![], ..Default::default() },
                Block { kind: BlockKind::Quote, content: vec![Inline::Text("A quoted passage.".into())], source: vec![], ..Default::default() },
            ],
            source: vec![],
        });
        d.sections.push(Section { level: 2, title: Some("Details".into()), blocks: vec![Block::paragraph(&para.repeat(3), vec![])], source: vec![] });
        d.footnotes.push(Footnote { label: "1".into(), text: "A note.".into(), source: vec![] });
        d.references.push(Reference {
            raw: "Kim, J. 2020. “A Title.” Journal 3: 1-2. https://doi.org/10.1000/xyz".into(),
            doi: Some("10.1000/xyz".into()),
            ..Default::default()
        });
        d.colophon.disclaimer = Some("The institute takes no position.".into());
        d
    }

    #[test]
    fn output_is_identical_run_to_run() {
        let d = small_doc();
        let a = pdf(&d, &PdfOptions::default()).unwrap().output;
        let b = pdf(&d, &PdfOptions::default()).unwrap().output;
        assert!(a.starts_with(b"%PDF-1.7"));
        assert!(a == b, "two runs differ");
    }

    #[test]
    fn affiliations_are_printed_under_the_authors() {
        let mut d = small_doc();
        d.front.affiliations.push("Centre for Population Studies, Umeå University".into());
        let bytes = pdf(&d, &PdfOptions::default()).unwrap().output;
        let layout = crate::extract(&bytes, &Default::default()).unwrap().output;
        let first: Vec<String> = layout.pages[0].blocks.iter().map(|b| b.text()).collect();
        let author = first.iter().position(|t| t.contains("Martínez")).expect("author line");
        let aff = first.iter().position(|t| t.contains("Population Studies")).expect("affiliation line");
        assert!(aff > author, "{first:?}");
    }

    #[test]
    fn catalog_has_language_outline_and_document_date() {
        let out = pdf(&small_doc(), &PdfOptions::default()).unwrap().output;
        let doc = lopdf::Document::load_mem(&out).unwrap();
        let cat = doc.catalog().unwrap();
        assert_eq!(cat.get(b"PageMode").unwrap().as_name().unwrap(), b"UseOutlines");
        assert!(cat.get(b"Lang").is_ok());
        assert!(cat.get(b"Outlines").is_ok());
        let info = doc.trailer.get(b"Info").and_then(|o| o.as_reference()).unwrap();
        let info = doc.get_dictionary(info).unwrap();
        assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20240611000000Z");
    }

    #[test]
    fn smaller_page_gives_more_pages() {
        let d = small_doc();
        let count = |page| {
            let out = pdf(&d, &PdfOptions { page, ..Default::default() }).unwrap().output;
            lopdf::Document::load_mem(&out).unwrap().get_pages().len()
        };
        assert!(count(PageSize::Phone) > count(PageSize::A4));
    }

    #[test]
    fn short_title_drops_the_subtitle() {
        assert_eq!(short_title("Korea’s Strategy in Practice: Balancing Risk"), "Korea’s Strategy in Practice");
        assert_eq!(short_title("Asia — A View"), "Asia — A View");
        assert_eq!(short_title("Plain Title"), "Plain Title");
    }

    #[test]
    fn page_size_names_parse() {
        for p in PageSize::ALL {
            assert_eq!(p.name().parse::<PageSize>().unwrap(), p);
        }
        assert_eq!("6X9IN".parse::<PageSize>().unwrap(), PageSize::SixByNine);
        assert!("b5".parse::<PageSize>().is_err());
    }

    #[test]
    fn geometry_scales_with_font_size() {
        let a = geometry(PageSize::A5, 10.0);
        let b = geometry(PageSize::A5, 12.0);
        assert!(b.top > a.top || b.measure != a.measure);
        assert!(a.measure <= 340.0 + 0.1);
    }
}
