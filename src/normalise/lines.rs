//! The one line type every pass reads, and the body style: the floor of the stage.
//!
//! Lines are gathered from the layout in reading order with their text, words, style and
//! box; the body style is the most common size and font. Nothing here depends on a pass.

use super::inline;
use crate::layout::{Layout, Rect, Tag, Word};
use crate::tree::{BoxPt, Provenance};
use rustc_hash::FxHashMap as HashMap;
use super::back;
use crate::error::{Stage, Warning};

/// A warning from this stage.
pub(crate) fn warn(page: Option<u32>, message: impl Into<String>) -> Warning {
    Warning { stage: Stage::Normalise, page, message: message.into() }
}

/// One printed line with the facts the passes need.
#[derive(Debug, Clone, Default)]
pub(crate) struct TLine {
    /// Page number, counting from 1.
    pub page: u32,
    /// Size of the page, in points.
    pub page_height: f32,
    /// Index of its layout block over the whole document (the pages' blocks in order).
    pub block: usize,
    /// Column of its block.
    pub column: u16,
    /// Whether it is the first line of its block.
    pub block_start: bool,
    /// Whether it is the last line of its block.
    pub block_end: bool,
    /// Words as extracted, soft hyphens and zero-width characters removed.
    pub words: Vec<Word>,
    /// The line's text.
    pub text: String,
    /// Box around the line.
    pub bbox: Rect,
    /// Baseline.
    pub baseline: f32,
    /// Dominant size by characters.
    pub size: f32,
    /// Whether most characters are bold.
    pub bold: bool,
    /// Whether most characters are italic.
    pub italic: bool,
    /// The style of each word, against the line's own type.
    pub styles: Vec<inline::WordStyle>,
    /// What the structure tree of a tagged PDF says most of the line is; `None` when the
    /// PDF is untagged or its tags are not plausible (see [`trust_tags`]).
    pub tag: Option<Tag>,
}

impl TLine {
    /// Provenance of the line.
    pub fn prov(&self) -> Provenance {
        Provenance { page: self.page, bbox: to_box(&self.bbox) }
    }

    /// The line as offered to the back-matter reader.
    pub fn to_back_line(&self) -> back::BackLine {
        back::BackLine {
            text: self.text.clone(),
            page: self.page,
            bbox: self.bbox,
            size: self.size,
            bold: self.bold,
            italic: self.italic,
            block_start: self.block_start,
            italic_runs: inline::italic_runs(&self.words, &self.styles),
        }
    }

    /// The size rounded to half points, as a key for style statistics.
    pub fn size_key(&self) -> i32 {
        (self.size * 2.0).round() as i32
    }
}

/// Converts a layout rectangle to the tree's box.
pub(crate) fn to_box(r: &Rect) -> BoxPt {
    BoxPt { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 }
}

/// The body text's style: the most common size and font by character count.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BodyStyle {
    /// Size in points.
    pub size: f32,
    /// Whether it is bold.
    pub bold: bool,
    /// Typical distance between baselines of body lines in one block.
    pub pitch: f32,
}

impl BodyStyle {
    /// Finds the body style of a document's lines.
    pub fn of(lines: &[TLine]) -> BodyStyle {
        let mut by: HashMap<(i32, u32), usize> = HashMap::default();
        for l in lines {
            for w in &l.words {
                *by.entry(((w.size * 2.0).round() as i32, w.font)).or_default() += w.text.chars().count();
            }
        }
        let best = by.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        let ((sk, font), _) = best.unwrap_or(((20, 0), 0));
        let size = sk as f32 / 2.0;
        let bold = lines
            .iter()
            .flat_map(|l| l.words.iter().map(move |w| (w, l)))
            .find(|(w, _)| w.font == font)
            .map(|(_, l)| l.bold)
            .unwrap_or(false);
        let mut pitches: Vec<f32> = lines
            .windows(2)
            .filter(|w| w[0].block == w[1].block && (w[0].size - size).abs() < 0.6 && (w[1].size - size).abs() < 0.6)
            .map(|w| w[1].baseline - w[0].baseline)
            .filter(|d| *d > 0.0 && *d < size * 3.0)
            .collect();
        pitches.sort_by(f32::total_cmp);
        let pitch = pitches.get(pitches.len() / 2).copied().unwrap_or(size * 1.2);
        BodyStyle { size, bold, pitch }
    }
}

/// Characters that are removed from extracted text: soft hyphens and zero-width marks.
fn invisible_char(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// Gathers every non-empty line of the layout in reading order with its style.
pub(crate) fn collect_lines(layout: &Layout) -> Vec<TLine> {
    let mut out = Vec::new();
    let mut block_id = 0usize;
    for page in &layout.pages {
        for block in &page.blocks {
            let start = out.len();
            for line in &block.lines {
                let mut words: Vec<Word> = Vec::with_capacity(line.words.len());
                // Characters per kept word, counted once for the style votes below.
                let mut counts: Vec<usize> = Vec::with_capacity(line.words.len());
                for w in &line.words {
                    let ends_soft = w.text.ends_with('\u{AD}');
                    let mut t: String = if w.text.contains(invisible_char) {
                        w.text.chars().filter(|c| !invisible_char(*c)).collect()
                    } else {
                        w.text.clone()
                    };
                    // A soft hyphen at the very end of a line marks a hyphenation break.
                    if ends_soft && std::ptr::eq(w, line.words.last().unwrap_or(w)) {
                        t.push('\u{AD}');
                    }
                    if t.is_empty() {
                        continue;
                    }
                    counts.push(t.chars().count());
                    words.push(Word { text: t, bbox: w.bbox, font: w.font, size: w.size, space_before: w.space_before, invisible: w.invisible, artifact: w.artifact, tag: w.tag });
                }
                if words.iter().all(|w| w.text.trim().is_empty()) {
                    continue;
                }
                let (size, font) = dominant(&words, &counts);
                let fi = layout.fonts.get(font as usize);
                let chars = |pred: &dyn Fn(&Word) -> bool| -> usize {
                    words.iter().zip(&counts).filter(|(w, _)| pred(w)).map(|(_, n)| n).sum()
                };
                let total = chars(&|_| true).max(1);
                let is_bold = |w: &Word| layout.fonts.get(w.font as usize).is_some_and(|f| f.bold);
                let is_italic = |w: &Word| layout.fonts.get(w.font as usize).is_some_and(|f| f.italic);
                let bold = chars(&is_bold) * 2 > total || (fi.is_some_and(|f| f.bold) && chars(&is_bold) * 2 >= total);
                let italic = chars(&is_italic) * 2 > total;
                let styles = inline::word_styles(&words, layout, &page.links, size);
                let tag = words.first().and_then(|w| w.tag).filter(|&t| chars(&|w: &Word| w.tag == Some(t)) * 2 > total);
                let mut l = TLine {
                    page: page.number,
                    page_height: page.height,
                    block: block_id,
                    column: block.column,
                    block_start: false,
                    block_end: false,
                    text: String::new(),
                    bbox: line.bbox,
                    baseline: line.baseline,
                    size,
                    bold,
                    italic,
                    words,
                    styles,
                    tag,
                };
                l.text = line_text(&l.words);
                out.push(l);
            }
            if out.len() > start {
                out[start].block_start = true;
                if let Some(last) = out.last_mut() {
                    last.block_end = true;
                }
            }
            block_id += 1;
        }
    }
    let mut out = attach_orphan_marks(out);
    trust_tags(&mut out);
    out
}

/// Keeps the lines' tags only where the structure tree is plausible as a whole: it tags
/// most lines, and what it calls headings are a minority of short lines. Conversion tools
/// often tag every line the same or call whole paragraphs headings; such tags say nothing.
fn trust_tags(lines: &mut [TLine]) {
    let tagged = lines.iter().filter(|l| l.tag.is_some()).count();
    if tagged == 0 {
        return;
    }
    let headings: Vec<&TLine> = lines.iter().filter(|l| matches!(l.tag, Some(Tag::Heading(_)))).collect();
    let long = headings.iter().filter(|l| l.text.split_whitespace().count() > 20).count();
    let plausible = tagged * 2 >= lines.len() && headings.len() * 4 <= tagged && long * 5 <= headings.len();
    if !plausible {
        lines.iter_mut().for_each(|l| l.tag = None);
    }
}

/// Puts a list bullet that stands alone back in front of the line it belongs to.
///
/// Some layouts leave a bullet in a block (or column) of its own; its line is the one on
/// the same baseline that starts just right of it.
fn attach_orphan_marks(mut lines: Vec<TLine>) -> Vec<TLine> {
    let orphan = |l: &TLine| {
        let t = l.text.trim();
        t.chars().count() == 1 && t.chars().all(|c| "•◦▪▫‣●○■□∙·–-*⁃➢►✓".contains(c))
    };
    let mut drop = vec![false; lines.len()];
    for i in 0..lines.len() {
        if !orphan(&lines[i]) {
            continue;
        }
        let (page, base, x1, size) = (lines[i].page, lines[i].baseline, lines[i].bbox.x1, lines[i].size.max(1.0));
        let target = (0..lines.len())
            .filter(|&j| j != i && !drop[j] && !orphan(&lines[j]) && lines[j].page == page)
            .filter(|&j| (lines[j].baseline - base).abs() <= size * 1.3 && lines[j].bbox.x0 >= x1 - 0.5)
            .filter(|&j| lines[j].bbox.x0 - x1 <= size * 3.0)
            .filter(|&j| lines[j].block_start || (lines[j].baseline - base).abs() <= size * 0.3)
            .min_by(|&a, &b| {
                let da = (lines[a].baseline - base).abs();
                let db = (lines[b].baseline - base).abs();
                da.total_cmp(&db).then(lines[a].bbox.x0.total_cmp(&lines[b].bbox.x0))
            });
        if let Some(j) = target {
            let mut w = lines[i].words[0].clone();
            w.space_before = false;
            if let Some(first) = lines[j].words.first_mut() {
                first.space_before = true;
            }
            lines[j].words.insert(0, w);
            lines[j].styles.insert(0, inline::WordStyle::default());
            lines[j].bbox = lines[j].bbox.union(&lines[i].bbox);
            lines[j].text = line_text(&lines[j].words);
            drop[i] = true;
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.into_iter().enumerate() {
        if drop[i] {
            if l.block_end {
                if let Some(prev) = out.last_mut().filter(|p: &&mut TLine| p.block == l.block) {
                    prev.block_end = true;
                }
            }
            continue;
        }
        out.push(l);
    }
    out
}

/// The text of words, a space where a gap separates them, without a trailing soft-hyphen marker.
pub(crate) fn line_text(words: &[Word]) -> String {
    let mut s = String::with_capacity(words.iter().map(|w| w.text.len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 && w.space_before {
            s.push(' ');
        }
        s.push_str(&w.text);
    }
    if s.len() == s.trim().len() {
        return s;
    }
    s.trim().to_string()
}

/// The size and font covering most characters of the words (`counts`: characters per word).
///
/// A line has few distinct styles, so they are tallied in a short list rather than a map.
fn dominant(words: &[Word], counts: &[usize]) -> (f32, u32) {
    let mut by: Vec<((i32, u32), usize)> = Vec::new();
    for (w, &n) in words.iter().zip(counts) {
        let key = ((w.size * 2.0).round() as i32, w.font);
        match by.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => *c += n,
            None => by.push((key, n)),
        }
    }
    let best = by.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    let (sk, font) = best.map(|(k, _)| k).unwrap_or((0, 0));
    let size = words
        .iter()
        .filter(|w| (w.size * 2.0).round() as i32 == sk && w.font == font)
        .map(|w| w.size)
        .next()
        .unwrap_or(sk as f32 / 2.0);
    (size, font)
}
