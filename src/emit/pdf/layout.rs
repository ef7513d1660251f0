//! Setting paragraphs into lines and lines into pages.
//!
//! A paragraph becomes boxes, glue and penalties (with hyphenation points), is broken by
//! [`super::linebreak`], and each line is placed glyph by glyph. Pages are then filled
//! line by line, breaking only where the lines allow it (no heading alone at a page
//! bottom, no single first or last line of a paragraph on its own page).

use super::fonts::{width, Fonts, Glyph, Style};
use super::linebreak::{break_lines, Item, FORCE};
use hyphenation::{Hyphenator, Standard};
use std::cell::RefCell;
use std::collections::HashMap;

/// A run of text in one style within a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Span {
    /// The text; runs of whitespace are word spaces.
    pub text: String,
    /// Face style.
    pub style: Style,
    /// Size relative to the paragraph's size.
    pub scale: f32,
    /// Baseline shift in em of the paragraph size (superscripts are positive).
    pub rise: f32,
    /// A web address the words of this span link to.
    pub link: Option<String>,
    /// Whether the face's small capitals are used (see [`Fonts::has_small_caps`]).
    pub small_caps: bool,
    /// The note this span first calls: its text goes at the foot of the page the span is set on.
    pub note: Option<usize>,
}

impl Span {
    /// Plain text in `style` at the paragraph's size.
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span { text: text.into(), style, scale: 1.0, rise: 0.0, link: None, small_caps: false, note: None }
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ParaStyle {
    /// Font size in points.
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub lead: f32,
    /// Left indent of every line, in points.
    pub left: f32,
    /// Right indent of every line, in points.
    pub right: f32,
    /// Extra indent of the first line (negative for a hanging indent).
    pub first: f32,
    /// Whether lines are justified (else ragged right).
    pub justify: bool,
    /// Whether lines are centred (implies ragged).
    pub center: bool,
    /// Whether words may be hyphenated.
    pub hyphenate: bool,
    /// A mark set in the left indent of the first line, such as a bullet or a note number.
    pub marker: Option<Span>,
    /// Space above the paragraph, in points (dropped at a page top).
    pub space_before: f32,
    /// Whether the paragraph must stay on the page of the lines that follow it.
    pub keep_with_next: bool,
    /// Whether the paragraph's lines must stay together on one page.
    pub keep_together: bool,
}

/// One glyph placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placed {
    /// The glyph.
    pub glyph: Glyph,
    /// Left edge, in points from the text block's left edge.
    pub x: f32,
    /// Font size in points.
    pub size: f32,
    /// Baseline shift in points.
    pub rise: f32,
}

/// A link area on a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LineLink {
    /// Left edge, in points from the text block's left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// The address.
    pub uri: String,
}

/// One line of the flow, ready to be put on a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Line {
    /// The glyphs.
    pub glyphs: Vec<Placed>,
    /// Baseline distance from the line above.
    pub lead: f32,
    /// Main font size of the line.
    pub size: f32,
    /// Extra space above (dropped at a page top).
    pub space_before: f32,
    /// Whether a page may not break just above this line.
    pub keep_with_prev: bool,
    /// An outline entry (level, title) that starts at this line.
    pub bookmark: Option<(u8, String)>,
    /// Link areas.
    pub links: Vec<LineLink>,
    /// A horizontal rule drawn instead of text, from x0 to x1 (points from the left edge).
    pub rule: Option<(f32, f32)>,
    /// A picture drawn instead of text, standing on the baseline; the lead is its height.
    pub image: Option<LineImage>,
    /// Whether the line sits in a table, where a rule above it needs no extra room.
    pub tight: bool,
    /// Lines set again at the top of a page that starts with this line: the header of a
    /// table that runs over a page break.
    pub repeat: Option<std::sync::Arc<Vec<Line>>>,
    /// The notes first called on this line, by number in the tree, set at the foot of its page.
    pub calls: Vec<usize>,
    /// Whether the line is set in a box: a tint is laid behind it and the box's other lines.
    pub shade: bool,
}

/// A picture on a line of its own.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LineImage {
    /// Index of the picture in the edition's list of pictures.
    pub index: usize,
    /// Left edge, in points from the text block's left edge.
    pub x: f32,
    /// Width drawn, in points.
    pub width: f32,
    /// Height drawn, in points.
    pub height: f32,
}

/// What a paragraph is made of before breaking.
struct Piece {
    glyphs: Vec<Glyph>,
    size: f32,
    rise: f32,
    link: Option<String>,
    /// The note this piece first calls.
    note: Option<usize>,
    /// A hyphen glyph to add when the line breaks after this piece.
    hyphen: Option<Glyph>,
}

enum Elem {
    Piece(Piece),
    Space { glyph: Option<Glyph>, size: f32 },
    Break { penalty: f32, flagged: bool },
}

/// Sets paragraphs with shared fonts and hyphenation patterns.
pub(super) struct Setter<'f, 'a> {
    /// The fonts.
    pub fonts: &'f Fonts<'a>,
    /// US English patterns, when the text is English.
    pub hyphenator: Option<Standard>,
    /// Width of the text block in points.
    pub measure: f32,
    /// Hyphenation points by word: the same words come back again and again.
    pub hyphen_memo: RefCell<HashMap<String, Vec<usize>>>,
}

/// Characters after which a line may break without a hyphen.
///
/// Not after dashes: text extractors take a dash at a line end for a hyphen and drop it.
fn breaks_after(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '/')
}

impl Setter<'_, '_> {
    /// Sets `spans` as one paragraph and returns its lines.
    pub fn paragraph(&self, spans: &[Span], st: &ParaStyle) -> Vec<Line> {
        let elems = self.elements(spans, st);
        if !elems.iter().any(|e| matches!(e, Elem::Piece(_))) {
            return Vec::new();
        }
        let ragged = !st.justify || st.center;
        let mut items = Vec::new();
        let mut map = Vec::new();
        for (k, e) in elems.iter().enumerate() {
            match e {
                Elem::Piece(p) => {
                    items.push(Item::Box { width: width(&p.glyphs) * p.size });
                    map.push(k);
                }
                Elem::Space { glyph, size } => {
                    let w = glyph.as_ref().map_or(0.25, |g| g.advance) * size;
                    let (stretch, shrink) = if ragged { (3.0 * size, 0.0) } else { (w * 0.6, w * 0.3) };
                    items.push(Item::Glue { width: w, stretch, shrink });
                    map.push(k);
                }
                Elem::Break { penalty, flagged } => {
                    let prev_hyphen = match elems[..k].iter().rev().find_map(|e| match e {
                        Elem::Piece(p) => Some(p),
                        _ => None,
                    }) {
                        Some(p) if *flagged => p.hyphen.as_ref().map_or(0.0, |h| h.advance * p.size),
                        _ => 0.0,
                    };
                    items.push(Item::Penalty { width: prev_hyphen, penalty: *penalty, flagged: *flagged });
                    map.push(k);
                }
            }
        }
        items.push(Item::Glue { width: 0.0, stretch: 1.0e6, shrink: 0.0 });
        map.push(usize::MAX);
        items.push(Item::Penalty { width: 0.0, penalty: FORCE, flagged: false });
        map.push(usize::MAX);
        // At least an em: a table cell may be narrower than any running text.
        let avail = (self.measure - st.left - st.right).max(st.size);
        let first = st.first;
        let line_stretch = if ragged { 3.0 * st.size } else { st.size };
        let breaks = break_lines(&items, &|n| if n == 0 { avail - first } else { avail }, line_stretch);

        let mut lines = Vec::new();
        let mut start = 0;
        for (ln, b) in breaks.iter().enumerate() {
            let last = ln + 1 == breaks.len();
            let x0 = st.left + if ln == 0 { st.first } else { 0.0 };
            let target = if ln == 0 { avail - first } else { avail };
            // The spacing that makes the line's own glue fill it (the break's ratio also
            // counts the line stretch); very loose lines stay short rather than gappy.
            let ratio = {
                let (mut w, mut stt, mut shr, mut seen) = (0.0f32, 0.0f32, 0.0f32, false);
                for it in &items[start..b.at] {
                    match *it {
                        Item::Box { width } => {
                            w += width;
                            seen = true;
                        }
                        Item::Glue { width, stretch, shrink } if seen => {
                            w += width;
                            stt += stretch;
                            shr += shrink;
                        }
                        _ => {}
                    }
                }
                if let Item::Penalty { width, .. } = items[b.at] {
                    w += width;
                }
                if w < target && stt > 0.0 {
                    ((target - w) / stt).min(3.0)
                } else if w > target && shr > 0.0 {
                    ((target - w) / shr).max(-1.0)
                } else {
                    0.0
                }
            };
            let mut line = Line { lead: st.lead, size: st.size, ..Default::default() };
            let mut x = x0;
            let mut seen_box = false;
            // The link of the last word set on this line: a link area runs on over the
            // space to the next word of the same link, not over an unlinked note call.
            let mut last_link: Option<&str> = None;
            let mut pending_space: Option<(Option<Glyph>, f32, f32)> = None;
            for i in start..b.at {
                match items[i] {
                    Item::Box { .. } => {
                        let Elem::Piece(p) = &elems[map[i]] else { continue };
                        if let Some((g, size, w)) = pending_space.take() {
                            if let Some(g) = g {
                                line.glyphs.push(Placed { glyph: g, x, size, rise: 0.0 });
                            }
                            x += w;
                        }
                        seen_box = true;
                        let x_start = x;
                        for g in &p.glyphs {
                            line.glyphs.push(Placed { glyph: g.clone(), x, size: p.size, rise: p.rise });
                            x += g.advance * p.size;
                        }
                        line.calls.extend(p.note);
                        if let Some(u) = &p.link {
                            push_link(&mut line.links, x_start, x, u, last_link == Some(u.as_str()));
                        }
                        last_link = p.link.as_deref();
                    }
                    Item::Glue { width: w, stretch, shrink } if seen_box && map[i] != usize::MAX => {
                        let actual = if ragged || (last && ratio > 0.0) {
                            w
                        } else if ratio >= 0.0 {
                            w + ratio * stretch
                        } else {
                            w + ratio * shrink
                        };
                        let Elem::Space { glyph, size } = &elems[map[i]] else { continue };
                        pending_space = Some((glyph.clone(), *size, actual));
                    }
                    _ => {}
                }
            }
            if let Item::Penalty { width: hw, .. } = items[b.at] {
                if hw > 0.0 {
                    if let Some(Elem::Piece(p)) = (start..b.at).rev().find_map(|i| match items[i] {
                        Item::Box { .. } => Some(&elems[map[i]]),
                        _ => None,
                    }) {
                        if let Some(h) = &p.hyphen {
                            line.glyphs.push(Placed { glyph: h.clone(), x, size: p.size, rise: p.rise });
                            x += hw;
                        }
                    }
                }
            }
            if st.center {
                let shift = ((avail - (x - st.left)) / 2.0).max(0.0);
                for g in &mut line.glyphs {
                    g.x += shift;
                }
                for l in &mut line.links {
                    l.x0 += shift;
                    l.x1 += shift;
                }
            }
            if ln == 0 {
                if let Some(m) = &st.marker {
                    let size = st.size * m.scale;
                    let gl = self.fonts.shape(&m.text, m.style);
                    let w = width(&gl) * size;
                    let mut mx = (x0 - w - st.size * 0.4).max(0.0);
                    for g in gl.iter().cloned() {
                        let adv = g.advance * size;
                        line.glyphs.insert(0, Placed { glyph: g, x: mx, size, rise: m.rise * st.size });
                        mx += adv;
                    }
                    line.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
                }
            }
            lines.push(line);
            start = b.at + 1;
        }
        let n = lines.len();
        let hyphenated: Vec<bool> = breaks
            .iter()
            .map(|b| matches!(items[b.at], Item::Penalty { width, .. } if width > 0.0))
            .collect();
        for (k, l) in lines.iter_mut().enumerate() {
            // Orphans and widows: the first two and the last two lines stay together;
            // a word hyphenated at a line end does not continue on the next page.
            l.keep_with_prev = st.keep_together || (k == 1) || (k > 0 && k + 1 == n) || (k > 0 && hyphenated[k - 1]);
        }
        if let Some(l) = lines.first_mut() {
            l.space_before = st.space_before;
        }
        lines
    }

    /// Splits the spans into words, break points and spaces.
    fn elements(&self, spans: &[Span], st: &ParaStyle) -> Vec<Elem> {
        let mut out = Vec::new();
        for span in spans {
            let size = st.size * span.scale;
            let rise = span.rise * st.size;
            let space = self.fonts.shape(" ", span.style).first().cloned();
            let hyphen = self.fonts.shape("-", span.style).first().cloned();
            let mut first = true;
            let mut note = span.note;
            for token in span.text.split(char::is_whitespace) {
                if !first {
                    if !matches!(out.last(), Some(Elem::Space { .. }) | None) {
                        out.push(Elem::Space { glyph: space.clone(), size });
                    }
                }
                first = false;
                if token.is_empty() {
                    continue;
                }
                // A line may break between a superscript (a note call) and what follows it.
                if let Some(Elem::Piece(p)) = out.last() {
                    if p.rise > 0.0 && span.rise > 0.0 && token != "," {
                        out.push(Elem::Break { penalty: 100.0, flagged: false });
                    }
                }
                let glyphs = self.fonts.shape_with(token, span.style, span.small_caps);
                let breaks = self.break_points(token, &glyphs, size, st);
                let starts: Vec<usize> = glyphs.iter().map(|g| g.start).collect();
                let mut from = 0usize;
                for (b, hyph, penalty) in breaks {
                    let Some(k) = starts.iter().position(|&s| s == b) else { continue };
                    if k <= from {
                        continue;
                    }
                    out.push(Elem::Piece(Piece {
                        glyphs: glyphs[from..k].to_vec(),
                        size,
                        rise,
                        link: span.link.clone(),
                        note: note.take(),
                        hyphen: if hyph { hyphen.clone() } else { None },
                    }));
                    out.push(Elem::Break { penalty, flagged: hyph });
                    from = k;
                }
                out.push(Elem::Piece(Piece {
                    glyphs: glyphs[from..].to_vec(),
                    size,
                    rise,
                    link: span.link.clone(),
                    note: note.take(),
                    hyphen: None,
                }));
            }
        }
        while matches!(out.last(), Some(Elem::Space { .. } | Elem::Break { .. })) {
            out.pop();
        }
        out
    }

    /// Break points inside one word: (byte offset, adds a hyphen, penalty).
    fn break_points(&self, token: &str, glyphs: &[Glyph], size: f32, st: &ParaStyle) -> Vec<(usize, bool, f32)> {
        let mut v: Vec<(usize, bool, f32)> = Vec::new();
        let chars: Vec<(usize, char)> = token.char_indices().collect();
        let url_like = token.contains("://") || token.starts_with("www.") || token.contains("doi.org") || token.contains('@');
        for w in chars.windows(2) {
            let (_, c) = w[0];
            if url_like && c != '/' {
                // In a web address a hyphen starts the next line, so none looks added.
                if w[1].1 == '-' {
                    v.push((w[1].0, false, 80.0));
                }
            } else if breaks_after(c) && w[1].1.is_alphanumeric() {
                v.push((w[1].0, false, 50.0));
            }
        }
        if st.hyphenate && !url_like {
            if let Some(h) = &self.hyphenator {
                // Hyphenate each run of letters of at least five.
                let mut i = 0;
                while i < chars.len() {
                    if !chars[i].1.is_alphabetic() {
                        i += 1;
                        continue;
                    }
                    let mut j = i;
                    while j < chars.len() && chars[j].1.is_alphabetic() {
                        j += 1;
                    }
                    let a = chars[i].0;
                    let b = chars.get(j).map_or(token.len(), |c| c.0);
                    let word = &token[a..b];
                    let upper_start = word.chars().next().is_some_and(char::is_uppercase);
                    if j - i >= 5 && !word.chars().all(char::is_uppercase) {
                        let mut memo = self.hyphen_memo.borrow_mut();
                        if !memo.contains_key(word) {
                            memo.insert(word.to_string(), h.hyphenate(word).breaks);
                        }
                        for &k in memo.get(word).into_iter().flatten() {
                            v.push((a + k, true, if upper_start { 200.0 } else { 50.0 }));
                        }
                    }
                    i = j;
                }
            }
        }
        let avail = (self.measure - st.left - st.right).max(size);
        let token_width = width(glyphs) * size;
        // Web addresses and other long tokens break after their punctuation, without a hyphen.
        if url_like || token_width > avail * 0.5 {
            for w in chars.windows(2) {
                if matches!(w[0].1, '/' | '.' | '_' | '?' | '&' | '=' | '#' | '%' | ',' | ';')
                    && !matches!(w[1].1, '/' | '.' | ',' | ';' | ')' | ']')
                {
                    v.push((w[1].0, false, 80.0));
                }
            }
        }
        // Any stretch still wider than most of a line may break between any two characters.
        if token_width > avail * 0.6 {
            let mut cuts: Vec<usize> = v.iter().map(|b| b.0).collect();
            cuts.push(0);
            cuts.push(token.len());
            cuts.sort_unstable();
            cuts.dedup();
            let x_at = |b: usize| -> f32 {
                glyphs.iter().take_while(|g| g.start < b).map(|g| g.advance).sum::<f32>() * size
            };
            for pair in cuts.windows(2) {
                if x_at(pair[1]) - x_at(pair[0]) > avail * 0.6 {
                    for (k, _) in chars.iter().filter(|(k, _)| *k > pair[0] && *k < pair[1]) {
                        v.push((*k, false, 900.0));
                    }
                }
            }
        }
        v.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
        v.dedup_by_key(|x| x.0);
        v
    }
}

/// Adds the link area from `x0` to `x1`, or widens the last one when `runs_on`.
fn push_link(links: &mut Vec<LineLink>, x0: f32, x1: f32, uri: &str, runs_on: bool) {
    if let Some(l) = links.last_mut().filter(|_| runs_on) {
        l.x1 = x1;
        return;
    }
    links.push(LineLink { x0, x1, uri: uri.to_string() });
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{FontData, Fonts};
    use super::*;
    use hyphenation::{Language, Load};

    fn style(size: f32) -> ParaStyle {
        ParaStyle {
            size,
            lead: size * 1.3,
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

    fn line_text(l: &Line) -> String {
        l.glyphs.iter().map(|p| &*p.glyph.text).collect()
    }

    const TEXT: &str = "The incomprehensibilities of international cooperation arrangements in \
        northeast Asia demonstrate that institutional commitments are fragile, and that officials \
        misunderstand the “signals” their counterparts send — repeatedly.";

    fn with_setter(measure: f32, f: impl FnOnce(&Setter)) {
        let data = FontData::load(&TEXT.chars().collect(), None);
        let fonts = Fonts::new(data.faces(&Style::ALL));
        let s = Setter {
            fonts: &fonts,
            hyphenator: Standard::from_embedded(Language::EnglishUS).ok(),
            measure,
            hyphen_memo: Default::default(),
        };
        f(&s);
    }

    #[test]
    fn justified_lines_fill_the_measure_and_keep_every_word() {
        with_setter(150.0, |s| {
            let lines = s.paragraph(&[Span::new(TEXT, Style::Regular)], &style(10.0));
            assert!(lines.len() > 4);
            for l in &lines[..lines.len() - 1] {
                let last = l.glyphs.last().unwrap();
                let right = last.x + last.glyph.advance * last.size;
                assert!((right - 150.0).abs() < 0.6, "line ends at {right}: {}", line_text(l));
            }
            let joined: String = lines
                .iter()
                .map(|l| {
                    let t = line_text(l);
                    match t.strip_suffix('-') {
                        Some(s) if s.ends_with(|c: char| c.is_alphabetic()) => s.to_string(),
                        _ => t + " ",
                    }
                })
                .collect();
            assert_eq!(joined.split_whitespace().collect::<Vec<_>>(), TEXT.split_whitespace().collect::<Vec<_>>());
        });
    }

    #[test]
    fn narrow_measure_hyphenates_long_words() {
        with_setter(90.0, |s| {
            let lines = s.paragraph(&[Span::new(TEXT, Style::Regular)], &style(10.0));
            assert!(lines.iter().any(|l| line_text(l).ends_with(|c: char| c.is_alphabetic() || c == '-')
                && line_text(l).ends_with('-')));
        });
    }

    #[test]
    fn short_paragraph_keeps_its_lines_together() {
        with_setter(150.0, |s| {
            let lines = s.paragraph(&[Span::new(TEXT, Style::Regular)], &style(10.0));
            assert!(!lines[0].keep_with_prev);
            assert!(lines[1].keep_with_prev, "no orphan");
            assert!(lines.last().unwrap().keep_with_prev, "no widow");
        });
    }

    #[test]
    fn a_link_area_spans_its_words_but_not_a_call_between_them() {
        with_setter(300.0, |s| {
            let link = |t: &str| Span { link: Some("https://x.org".into()), ..Span::new(t, Style::Regular) };
            let call = Span { scale: 0.62, rise: 0.36, ..Span::new("1", Style::Regular) };
            let lines = s.paragraph(&[link("two words"), call, link(" more"), Span::new(" end", Style::Regular)], &style(10.0));
            assert_eq!(lines.len(), 1);
            let areas: Vec<(f32, f32)> = lines[0].links.iter().map(|l| (l.x0, l.x1)).collect();
            assert_eq!(areas.len(), 2, "{areas:?}");
            let call_x = lines[0].glyphs.iter().find(|g| g.rise > 0.0).unwrap().x;
            assert!(areas[0].0 == 0.0 && areas[0].1 <= call_x + 0.01 && areas[1].0 > call_x, "{areas:?} call at {call_x}");
        });
    }
}
