//! Small PDFs built with lopdf, for tests that need a page as a publisher prints it:
//! text set in the base-14 fonts (WinAnsi, not embedded, as ReportLab and older
//! typesetters write them), justified paragraphs, rules, filled boxes and JPEG images.
//!
//! Drawing is in PDF user space (points, origin at the bottom left). Text is measured
//! with the fonts' AFM widths, so wrapping, centring and right alignment are exact.
#![allow(dead_code)]

use lopdf::{dictionary, Document, Object, Stream};

/// A base-14 font, named /F1 … /F4 on every page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Font {
    Times,
    TimesBold,
    Helvetica,
    HelveticaBold,
}

impl Font {
    const ALL: [Font; 4] = [Font::Times, Font::TimesBold, Font::Helvetica, Font::HelveticaBold];

    fn resource(self) -> &'static str {
        match self {
            Font::Times => "F1",
            Font::TimesBold => "F2",
            Font::Helvetica => "F3",
            Font::HelveticaBold => "F4",
        }
    }

    fn base(self) -> &'static str {
        match self {
            Font::Times => "Times-Roman",
            Font::TimesBold => "Times-Bold",
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
        }
    }

    /// AFM advance widths of ASCII 32..=126, in 1/1000 em.
    fn widths(self) -> &'static [u16; 95] {
        match self {
            Font::Times => &TIMES,
            Font::TimesBold => &TIMES_BOLD,
            Font::Helvetica => &HELVETICA,
            Font::HelveticaBold => &HELVETICA_BOLD,
        }
    }

    /// The width of `s` set at `size` points.
    pub fn width(self, s: &str, size: f32) -> f32 {
        let w = self.widths();
        s.bytes().map(|b| f32::from(w[usize::from(b.clamp(32, 126) - 32)])).sum::<f32>() * size / 1000.0
    }
}

/// One page being drawn.
pub struct Page {
    pub width: f32,
    pub height: f32,
    ops: String,
    images: Vec<(String, Vec<u8>, u32, u32)>,
    /// Link annotations: rectangle (x0, y0, x1, y1) and the URI it opens.
    links: Vec<([f32; 4], String)>,
}

/// A PDF of several pages.
#[derive(Default)]
pub struct Pdf {
    pages: Vec<Page>,
}

impl Pdf {
    pub fn new() -> Pdf {
        Pdf::default()
    }

    /// Starts a page of `width` × `height` points and returns it for drawing.
    pub fn page(&mut self, width: f32, height: f32) -> &mut Page {
        self.pages.push(Page { width, height, ops: String::new(), images: vec![], links: vec![] });
        self.pages.last_mut().unwrap()
    }

    /// Starts an A4 page.
    pub fn a4(&mut self) -> &mut Page {
        self.page(595.0, 842.0)
    }

    /// The PDF's bytes.
    pub fn finish(self) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut fonts = lopdf::Dictionary::new();
        for f in Font::ALL {
            let id = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => f.base(), "Encoding" => "WinAnsiEncoding",
            });
            fonts.set(f.resource(), id);
        }
        // Times-Italic, for text set in italics with raw operators (`/F5`).
        let italic = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Italic", "Encoding" => "WinAnsiEncoding",
        });
        fonts.set("F5", italic);
        // A Hangul font with no program, read through its ToUnicode (`/F6`, two-byte codes):
        // <0001> 김, <0002> 정, <0003> 은, <0004> 한, <0005> 국.
        let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            5 beginbfchar <0001> <AE40> <0002> <C815> <0003> <C740> <0004> <D55C> <0005> <AD6D> endbfchar endcmap"
            .to_vec();
        let to_unicode = doc.add_object(Stream::new(lopdf::Dictionary::new(), cmap));
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "NanumGothic", "CIDToGIDMap" => "Identity",
            "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "NanumGothic", "Flags" => 4, "Ascent" => 800, "Descent" => -200 },
            "DW" => 920,
        });
        let hangul = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "NanumGothic", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![cid.into()], "ToUnicode" => to_unicode,
        });
        fonts.set("F6", hangul);
        let fonts_id = doc.add_object(fonts);
        let mut kids = Vec::new();
        // Page objects are numbered first, so that a link may point to a later page.
        let page_ids: Vec<lopdf::ObjectId> = self.pages.iter().map(|_| doc.new_object_id()).collect();
        let mut named = lopdf::Dictionary::new();
        for (p, &page_id) in self.pages.into_iter().zip(&page_ids) {
            let mut xobjects = lopdf::Dictionary::new();
            for (name, data, w, h) in p.images {
                let img = Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => w as i64, "Height" => h as i64,
                        "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
                    },
                    data,
                )
                .with_compression(false);
                xobjects.set(name, doc.add_object(img));
            }
            let content = doc.add_object(Stream::new(lopdf::Dictionary::new(), p.ops.into_bytes()));
            let annots: Vec<Object> = p
                .links
                .iter()
                .map(|(r, uri)| {
                    let mut annot = dictionary! {
                        "Type" => "Annot", "Subtype" => "Link",
                        "Rect" => r.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
                    };
                    // "#goto-N" goes to page N (from 1) by an explicit destination ("#goto-N@X,Y"
                    // opening its view at X, Y), "#named-N" by a name in the catalogue's /Dests;
                    // anything else is a web address.
                    let page_of = |n: &str| n.split('@').next()?.parse::<usize>().ok().and_then(|n| page_ids.get(n - 1)).copied();
                    let corner: Vec<Object> = match uri.split_once('@').and_then(|(_, at)| at.split_once(',')) {
                        Some((x, y)) => vec![Object::Real(x.parse().unwrap()), Object::Real(y.parse().unwrap())],
                        None => vec![Object::Null, Object::Null],
                    };
                    if let Some(to) = uri.strip_prefix("#goto-").and_then(page_of) {
                        let dest = [vec![to.into(), "XYZ".into()], corner, vec![Object::Null]].concat();
                        annot.set("A", dictionary! { "S" => "GoTo", "D" => dest });
                    } else if let Some(to) = uri.strip_prefix("#named-").and_then(page_of) {
                        let name = format!("dest{}", named.len());
                        named.set(name.as_bytes(), vec![Object::from(to), "Fit".into()]);
                        annot.set("Dest", Object::Name(name.into_bytes()));
                    } else {
                        annot.set("A", dictionary! { "S" => "URI", "URI" => Object::string_literal(uri.as_str()) });
                    }
                    doc.add_object(annot).into()
                })
                .collect();
            doc.objects.insert(page_id, Object::Dictionary(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(p.width), Object::Real(p.height)],
                "Contents" => content,
                "Resources" => dictionary! { "Font" => fonts_id, "XObject" => xobjects },
                "Annots" => annots,
            }));
            kids.push(page_id.into());
        }
        let count = kids.len() as i64;
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
        let dests = doc.add_object(named);
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Dests" => dests });
        doc.trailer.set("Root", catalog);
        let info = doc.add_object(dictionary! { "Producer" => Object::string_literal("quire test pdfgen") });
        doc.trailer.set("Info", info);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("the PDF is written");
        out
    }
}

/// `s` as a PDF literal string (ASCII only).
fn literal(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('(');
    for c in s.chars() {
        assert!(c.is_ascii(), "pdfgen sets ASCII text only: {s:?}");
        if matches!(c, '(' | ')' | '\\') {
            o.push('\\');
        }
        o.push(c);
    }
    o.push(')');
    o
}

impl Page {
    /// A link annotation over the rectangle (`x0`, `y0`)–(`x1`, `y1`) opening `uri`, or going
    /// to page N of the document for `#goto-N` (explicit destination; `#goto-N@X,Y` opens
    /// the view at X, Y) or `#named-N` (named).
    pub fn link(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, uri: &str) {
        self.links.push(([x0, y0, x1, y1], uri.to_string()));
    }

    /// Raw content-stream operators.
    pub fn raw(&mut self, ops: &str) {
        self.ops.push_str(ops);
        self.ops.push('\n');
    }

    /// `s` with its baseline starting at (`x`, `y`).
    pub fn text(&mut self, font: Font, size: f32, x: f32, y: f32, s: &str) {
        self.text_spaced(font, size, x, y, s, 0.0);
    }

    /// `s` with `tw` points added to each space (justified text).
    pub fn text_spaced(&mut self, font: Font, size: f32, x: f32, y: f32, s: &str, tw: f32) {
        let tw = if tw > 0.0 { format!("{tw:.3} Tw ") } else { String::new() };
        self.raw(&format!("BT /{} {size} Tf {tw}1 0 0 1 {x:.2} {y:.2} Tm {} Tj ET", font.resource(), literal(s)));
    }

    /// `s` ending at `x1`.
    pub fn text_right(&mut self, font: Font, size: f32, x1: f32, y: f32, s: &str) {
        self.text(font, size, x1 - font.width(s, size), y, s);
    }

    /// `s` centred on `xc`.
    pub fn text_centred(&mut self, font: Font, size: f32, xc: f32, y: f32, s: &str) {
        self.text(font, size, xc - font.width(s, size) / 2.0, y, s);
    }

    /// `s` turned a quarter left (reading upwards), its baseline starting at (`x`, `y`).
    pub fn text_up(&mut self, font: Font, size: f32, x: f32, y: f32, s: &str) {
        self.raw(&format!("BT /{} {size} Tf 0 1 -1 0 {x:.2} {y:.2} Tm {} Tj ET", font.resource(), literal(s)));
    }

    /// A paragraph set in lines of at most `width` points from the first baseline `y`
    /// down, `leading` apart, justified but for its last line when `justify`. Returns the
    /// baseline after its last line.
    pub fn paragraph(&mut self, font: Font, size: f32, leading: f32, x: f32, y: f32, width: f32, text: &str, justify: bool) -> f32 {
        let lines = wrap(font, size, width, text);
        let mut y = y;
        for (i, line) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            let spaces = line.matches(' ').count();
            let tw = if justify && !last && spaces > 0 { (width - font.width(line, size)) / spaces as f32 } else { 0.0 };
            self.text_spaced(font, size, x, y, line, tw);
            y -= leading;
        }
        y
    }

    /// A filled box in grey `g` (0 black, 1 white).
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, g: f32) {
        self.raw(&format!("q {g} g {x:.2} {y:.2} {w:.2} {h:.2} re f Q"));
    }

    /// A filled box in RGB.
    pub fn fill_rgb(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: [f32; 3]) {
        self.raw(&format!("q {} {} {} rg {x:.2} {y:.2} {w:.2} {h:.2} re f Q", rgb[0], rgb[1], rgb[2]));
    }

    /// A stroked line `lw` points wide in grey `g`.
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, lw: f32, g: f32) {
        self.raw(&format!("q {lw} w {g} G {x0:.2} {y0:.2} m {x1:.2} {y1:.2} l S Q"));
    }

    /// A JPEG of `px_w` × `px_h` pixels (three components) drawn over the box.
    pub fn jpeg(&mut self, name: &str, data: &[u8], px_w: u32, px_h: u32, x: f32, y: f32, w: f32, h: f32) {
        self.images.push((name.to_string(), data.to_vec(), px_w, px_h));
        self.raw(&format!("q {w:.2} 0 0 {h:.2} {x:.2} {y:.2} cm /{name} Do Q"));
    }
}

/// Splits `text` into lines no wider than `width`.
pub fn wrap(font: Font, size: f32, width: f32, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if font.width(&candidate, size) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The pixel size (width, height) of a baseline JPEG, read from its SOF marker.
pub fn jpeg_size(data: &[u8]) -> (u32, u32) {
    let mut i = 2;
    while i + 9 < data.len() {
        assert_eq!(data[i], 0xFF, "a JPEG marker at {i}");
        let marker = data[i + 1];
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        if matches!(marker, 0xC0..=0xC2) {
            let h = u16::from_be_bytes([data[i + 5], data[i + 6]]);
            let w = u16::from_be_bytes([data[i + 7], data[i + 8]]);
            return (w.into(), h.into());
        }
        i += 2 + len;
    }
    panic!("no SOF marker in the JPEG");
}

#[rustfmt::skip]
const TIMES: [u16; 95] = [250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541];
#[rustfmt::skip]
const TIMES_BOLD: [u16; 95] = [250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520];
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584];
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584];
