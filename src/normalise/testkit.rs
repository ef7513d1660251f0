use crate::layout::{FontInfo, Layout, Line, Page, Rect, TextBlock, Word};

/// Font index of the regular face.
pub const REGULAR: u32 = 0;
/// Font index of the bold face.
pub const BOLD: u32 = 1;
/// Font index of the italic face (declared by every layout the builder makes).
#[allow(dead_code)]
pub const ITALIC: u32 = 2;

/// One line for [`Builder::block`]: text, left x, baseline y, size, font.
///
/// In the text, `^N` marks a superscript N set close to the word before it.
pub type L<'a> = (&'a str, f32, f32, f32, u32);

/// Builds a layout page by page and block by block.
pub struct Builder {
    layout: Layout,
}

impl Builder {
    /// An empty layout with a regular, a bold and an italic font.
    pub fn new() -> Builder {
        let fonts = vec![
            FontInfo { name: "Serif".into(), ..Default::default() },
            FontInfo { name: "Serif-Bold".into(), bold: true, ..Default::default() },
            FontInfo { name: "Serif-Italic".into(), italic: true, ..Default::default() },
        ];
        Builder { layout: Layout { fonts, ..Default::default() } }
    }

    /// Starts a new A4 page.
    pub fn page(mut self) -> Builder {
        let n = self.layout.pages.len() as u32 + 1;
        self.layout.pages.push(Page { number: n, width: 595.0, height: 842.0, ..Default::default() });
        self
    }

    /// Adds a block of lines to the current page.
    pub fn block(mut self, lines: &[L]) -> Builder {
        let mut b = TextBlock::default();
        for &(text, x, y, size, font) in lines {
            b.lines.push(line(text, x, y, size, font));
        }
        if let Some(first) = b.lines.first() {
            b.bbox = b.lines.iter().fold(first.bbox, |r, l| r.union(&l.bbox));
        }
        b.column = if b.bbox.x0 > 595.0 * 0.45 { 1 } else { 0 };
        if self.layout.pages.is_empty() {
            self = self.page();
        }
        if let Some(p) = self.layout.pages.last_mut() {
            p.blocks.push(b);
        }
        self
    }

    /// Adds a block of body lines (size 10, regular) starting at `y`, 12 pt apart.
    pub fn para(self, x: f32, y: f32, texts: &[&str]) -> Builder {
        let ls: Vec<L> = texts.iter().enumerate().map(|(i, t)| (*t, x, y + 12.0 * i as f32, 10.0, REGULAR)).collect();
        self.block(&ls)
    }

    /// Gives every word of the last block the structure tree's `tag`, as a tagged PDF would.
    #[allow(dead_code)]
    pub fn tag(mut self, tag: crate::layout::Tag) -> Builder {
        if let Some(b) = self.layout.pages.last_mut().and_then(|p| p.blocks.last_mut()) {
            b.lines.iter_mut().flat_map(|l| l.words.iter_mut()).for_each(|w| w.tag = Some(tag));
        }
        self
    }

    /// Draws a graphic on the current page.
    #[allow(dead_code)]
    pub fn graphic(mut self, kind: crate::layout::GraphicKind, x0: f32, y0: f32, x1: f32, y1: f32) -> Builder {
        if self.layout.pages.is_empty() {
            self = self.page();
        }
        if let Some(p) = self.layout.pages.last_mut() {
            p.graphics.push(crate::layout::Graphic { bbox: Rect { x0, y0, x1, y1 }, kind });
        }
        self
    }

    /// The layout built.
    pub fn build(self) -> Layout {
        self.layout
    }
}

/// A line of words at (x, baseline y), each character half the size wide; each space
/// after the first between two words widens their gap by half an em. `word^1` raises `1`
/// after its word; `^†~word` raises `†` before its word, glued to it.
pub fn line(text: &str, x: f32, y: f32, size: f32, font: u32) -> Line {
    let mut words = Vec::new();
    let mut cx = x;
    let mut i = 0;
    for tok in text.split(' ') {
        if tok.is_empty() {
            if i > 0 {
                cx += size * 0.5;
            }
            continue;
        }
        i += 1;
        let i = i - 1;
        // A mark raised before its word: the mark as a word of its own, then the word glued.
        let (before, tok) = match tok.strip_prefix('^').and_then(|t| t.split_once('~')) {
            Some((mark, word)) => (Some(mark), word),
            None => (None, tok),
        };
        if let Some(mark) = before {
            words.push(raised(mark, &mut cx, y, size, i > 0));
        }
        let mut parts = tok.split('^');
        let main = parts.next().unwrap_or("");
        if !main.is_empty() {
            let w = main.chars().count() as f32 * size * 0.5;
            words.push(Word {
                text: main.into(),
                bbox: Rect { x0: cx, y0: y - size * 0.8, x1: cx + w, y1: y + size * 0.2 },
                font,
                size,
                space_before: i > 0 && before.is_none(),
                invisible: false,
                artifact: false,
                tag: None,
            });
            cx += w;
        }
        for sup in parts {
            words.push(raised(sup, &mut cx, y, size, main.is_empty() && i > 0));
        }
        cx += size * 0.3;
    }
    let bbox = words.iter().skip(1).fold(words.first().map(|w| w.bbox).unwrap_or_default(), |r, w| r.union(&w.bbox));
    Line { bbox, baseline: y, words }
}

/// `text` set raised in smaller type at `cx` on a line of `size` at baseline `y`; moves `cx` past it.
fn raised(text: &str, cx: &mut f32, y: f32, size: f32, space_before: bool) -> Word {
    let s = size * 0.6;
    let w = text.chars().count() as f32 * s * 0.5;
    let raise = size * 0.35;
    let word = Word {
        text: text.into(),
        bbox: Rect { x0: *cx, y0: y - raise - s * 0.8, x1: *cx + w, y1: y - raise + s * 0.2 },
        font: 0,
        size: s,
        space_before,
        invisible: false,
        artifact: false,
        tag: None,
    };
    *cx += w;
    word
}
