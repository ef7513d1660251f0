//! Fonts for the reflowed PDF: the bundled Latin face, a fallback for other scripts, shaping.
//!
//! Text is shaped with rustybuzz so that ligatures and kerning survive; each glyph keeps
//! the text it stands for, so the PDF's ToUnicode map gives the words back.

use crate::error::{Stage, Warning};
use rustybuzz::ttf_parser;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A text style of the bundled faces: Libertinus Serif, and DejaVu Sans Mono for code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Style {
    /// Upright, book weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, book weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
    /// Fixed pitch, upright, book weight.
    Mono,
    /// Fixed pitch, upright, bold.
    MonoBold,
    /// Fixed pitch, oblique, book weight.
    MonoItalic,
    /// Fixed pitch, oblique, bold.
    MonoBoldItalic,
}

impl Style {
    /// Every style, in the order of their faces in [`Fonts::faces`].
    pub const ALL: [Style; 8] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
        Style::Mono,
        Style::MonoBold,
        Style::MonoItalic,
        Style::MonoBoldItalic,
    ];

    /// The style drawn instead when this one's face was not loaded: the same without
    /// italics, then without bold, down to Regular.
    fn stand_in(self) -> Style {
        match self {
            Style::BoldItalic => Style::Bold,
            Style::MonoBoldItalic => Style::MonoBold,
            Style::MonoItalic | Style::MonoBold => Style::Mono,
            _ => Style::Regular,
        }
    }

    /// The style that is bold, italic and fixed pitch as asked.
    pub fn of(bold: bool, italic: bool, mono: bool) -> Style {
        Style::ALL[usize::from(bold) + 2 * usize::from(italic) + 4 * usize::from(mono)]
    }
}

/// How many bundled faces there are, one per [`Style`]; a fallback face comes after them.
const BUNDLED: usize = Style::ALL.len();

/// The PostScript names of the bundled faces, in [`Style::ALL`] order.
const BUNDLED_NAMES: [&str; BUNDLED] = [
    "LibertinusSerif-Regular",
    "LibertinusSerif-Bold",
    "LibertinusSerif-Italic",
    "LibertinusSerif-BoldItalic",
    "DejaVuSansMono",
    "DejaVuSansMono-Bold",
    "DejaVuSansMono-Oblique",
    "DejaVuSansMono-BoldOblique",
];

/// Index of a face in [`Fonts::faces`].
pub(super) type FaceId = usize;

/// One shaped glyph.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The face it is drawn from.
    pub face: FaceId,
    /// Glyph id in that face (before subsetting).
    pub gid: u16,
    /// Advance width in em (kerning included).
    pub advance: f32,
    /// Byte offset in the shaped text where this glyph's cluster starts.
    pub start: usize,
    /// The text this glyph stands for (several characters for a ligature; empty for a
    /// second glyph of one cluster). Shared: glyphs are copied into every line they are set on.
    pub text: Rc<str>,
}

/// A font program with what shaping needs.
pub(super) struct Face<'a> {
    /// The font program.
    pub data: &'a [u8],
    /// Face index inside a collection.
    pub index: u32,
    /// The PostScript or family name, for the PDF's font dictionary.
    pub name: String,
    shaper: rustybuzz::Face<'a>,
    upem: f32,
    /// Whether the face has real small capitals (the OpenType `smcp` feature).
    pub small_caps: bool,
    /// The bundled style it draws; `None` for the fallback face.
    pub style: Option<Style>,
}

impl<'a> Face<'a> {
    /// Parses the face at `index` of `data`.
    pub fn parse(data: &'a [u8], index: u32) -> Option<Face<'a>> {
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        let upem = shaper.units_per_em().max(1) as f32;
        let name = face_name(&shaper, ttf_parser::name_id::POST_SCRIPT_NAME)
            .or_else(|| face_name(&shaper, ttf_parser::name_id::FAMILY))
            .unwrap_or_else(|| "Font".into());
        let smcp = ttf_parser::Tag::from_bytes(b"smcp");
        let small_caps = shaper.tables().gsub.is_some_and(|g| g.features.find(smcp).is_some());
        Some(Face { data, index, name, shaper, upem, small_caps, style: None })
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some_and(|g| g.0 != 0)
    }
}

/// The name record `id` of a face, in English when there is a choice.
fn face_name(face: &ttf_parser::Face, id: u16) -> Option<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == id && n.is_unicode())
        .find_map(|n| n.to_string())
        .filter(|s| !s.trim().is_empty())
}

/// The font programs a document needs, loaded once.
pub(super) struct FontData {
    latin: [&'static [u8]; BUNDLED],
    fallback: Option<(FontFile, u32)>,
    /// Warnings raised while looking for fonts.
    pub warnings: Vec<Warning>,
}

/// Debian paths of fonts that cover Hangul, serif faces first.
const FALLBACK_PATHS: &[(&str, u32)] = &[
    ("/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf", 0),
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 1),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),
];

impl FontData {
    /// Finds the Latin faces and, when `needed` holds characters they lack, a fallback face.
    ///
    /// The fallback is `user` when given, else the first font at a known system path that
    /// covers the most of `needed`.
    pub fn load(needed: &BTreeSet<char>, user: Option<&Path>) -> FontData {
        let latin = bundled_latin();
        let mut warnings = Vec::new();
        let primary = Face::parse(latin[0], 0);
        let missing: BTreeSet<char> = needed
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() && !c.is_control() && primary.as_ref().is_none_or(|f| !f.covers(*c)))
            .collect();
        let mut fallback = None;
        if let Some(p) = user {
            match FontFile::open(p) {
                Ok(bytes) if Face::parse(&bytes, 0).is_some() => fallback = Some((bytes, 0)),
                Ok(_) => warnings.push(Warning::new(
                    Stage::Emit,
                    format!("the font {} could not be read as OpenType; it is not used", p.display()),
                )),
                Err(e) => warnings.push(Warning::new(
                    Stage::Emit,
                    format!("the font {} could not be opened ({e}); it is not used", p.display()),
                )),
            }
        }
        if fallback.is_none() && !missing.is_empty() {
            fallback = best_system_font(&missing, FALLBACK_PATHS.iter().map(|(p, i)| (PathBuf::from(p), *i)));
        }
        FontData { latin, fallback, warnings }
    }

    /// The parsed faces: Regular, Bold, Italic, the fallback when there is one, then
    /// the other styles of `styles`.
    ///
    /// Only the styles a document sets are parsed (a face costs a millisecond), and the
    /// first four keep their places, so font resources `/F1`-`/F4` are what they were
    /// before the other styles existed.
    pub fn faces(&self, styles: &[Style]) -> Vec<Face<'_>> {
        let bundled = |style: Style| {
            Face::parse(self.latin[style_index(style)], 0).map(|f| Face { style: Some(style), ..f })
        };
        let mut v: Vec<Face<'_>> = [Style::Regular, Style::Bold, Style::Italic].into_iter().filter_map(bundled).collect();
        if let Some((d, i)) = &self.fallback {
            if let Some(f) = Face::parse(d, *i) {
                v.push(f);
            }
        }
        for &style in Style::ALL[3..].iter().filter(|s| styles.contains(s)) {
            v.extend(bundled(style));
        }
        v
    }
}

/// A font program read from a file: mapped into memory, else read whole.
///
/// A CJK font is megabytes, of which a document draws a few glyphs: mapped, only the
/// pages holding its tables and those glyphs are ever read.
enum FontFile {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl FontFile {
    fn open(path: &Path) -> std::io::Result<FontFile> {
        let file = std::fs::File::open(path)?;
        // SAFETY: the map is read only; a font file changed while quire runs would give
        // wrong glyphs, as reading it at that moment would, and installed fonts do not change.
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) => Ok(FontFile::Mapped(m)),
            Err(_) => std::fs::read(path).map(FontFile::Read),
        }
    }
}

impl std::ops::Deref for FontFile {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FontFile::Mapped(m) => m,
            FontFile::Read(v) => v,
        }
    }
}

/// Of the fonts at `paths` that exist, the one covering most of `missing`.
fn best_system_font(missing: &BTreeSet<char>, paths: impl Iterator<Item = (PathBuf, u32)>) -> Option<(FontFile, u32)> {
    let mut best: Option<(usize, FontFile, u32)> = None;
    for (p, i) in paths {
        let Ok(bytes) = FontFile::open(&p) else { continue };
        let Some(face) = Face::parse(&bytes, i) else { continue };
        let n = missing.iter().filter(|c| face.covers(**c)).count();
        if n > 0 && best.as_ref().is_none_or(|b| n > b.0) {
            let full = n == missing.len();
            best = Some((n, bytes, i));
            if full {
                break;
            }
        }
    }
    best.map(|(_, b, i)| (b, i))
}

/// The faces of [`BUNDLED_NAMES`] from the bundled assets.
fn bundled_latin() -> [&'static [u8]; BUNDLED] {
    let mut found: [Option<&'static [u8]>; BUNDLED] = [None; BUNDLED];
    for data in typst_assets::fonts() {
        let Ok(face) = ttf_parser::Face::parse(data, 0) else { continue };
        if let Some(name) = face_name(&face, ttf_parser::name_id::POST_SCRIPT_NAME) {
            if let Some(k) = BUNDLED_NAMES.iter().position(|w| *w == name) {
                found[k] = Some(data);
            }
        }
    }
    // Any bundled face stands in for a style that is missing, so text is never lost.
    let any = found.iter().flatten().next().copied().or_else(|| typst_assets::fonts().next()).unwrap_or(&[]);
    found.map(|f| f.unwrap_or(any))
}

/// The loaded faces and the shaper over them.
pub(super) struct Fonts<'a> {
    /// The faces as [`FontData::faces`] gives them.
    pub faces: Vec<Face<'a>>,
    /// The face of each style ([`Fonts::style_face`]).
    by_style: [FaceId; BUNDLED],
    /// Characters no face covers, for one warning at the end.
    pub uncovered: RefCell<BTreeSet<char>>,
    /// Shaping plans by face, script and small capitals: building one parses the layout tables.
    plans: RefCell<HashMap<(FaceId, rustybuzz::Script, bool), Rc<rustybuzz::ShapePlan>>>,
    /// Shaped words per style, without and with small capitals: the same words come back
    /// again and again.
    memo: [RefCell<HashMap<String, Rc<[Glyph]>>>; 2 * BUNDLED],
    /// [`Fonts::face_for`] of the characters below [`FACE_CACHE_END`], per style:
    /// 0 not yet known, 1 no face, 2 + n face n. A cmap lookup per character is dear.
    face_cache: RefCell<Vec<u8>>,
    /// The empty text of a cluster's second glyph.
    no_text: Rc<str>,
}

/// Characters below this (Latin, Greek, Cyrillic, general punctuation) have their
/// face remembered.
const FACE_CACHE_END: usize = 0x2100;

impl<'a> Fonts<'a> {
    /// Wraps parsed faces ([`FontData::faces`]).
    pub fn new(faces: Vec<Face<'a>>) -> Fonts<'a> {
        let find = |style: Style| faces.iter().position(|f| f.style == Some(style));
        let by_style = Style::ALL.map(|st| find(st).or_else(|| find(st.stand_in())).unwrap_or(0));
        Fonts {
            faces,
            by_style,
            uncovered: Default::default(),
            plans: Default::default(),
            memo: Default::default(),
            face_cache: RefCell::new(vec![0; FACE_CACHE_END * BUNDLED]),
            no_text: Rc::from(""),
        }
    }

    /// The face that draws `style`: its own when it was loaded, else a near one.
    fn style_face(&self, style: Style) -> FaceId {
        self.by_style[style_index(style)]
    }

    /// The face for scripts the bundled faces lack, when there is one.
    pub fn fallback(&self) -> Option<FaceId> {
        self.faces.iter().position(|f| f.style.is_none())
    }

    /// Whether `style`'s face has real small capitals.
    pub fn has_small_caps(&self, style: Style) -> bool {
        self.faces.get(self.style_face(style)).is_some_and(|f| f.small_caps)
    }

    /// Which face draws `c` in `style`: the style's face, else the fallback, else `None`.
    fn face_for(&self, c: char, style: Style) -> Option<FaceId> {
        let slot = (c as usize) * BUNDLED + style_index(style);
        if (c as usize) < FACE_CACHE_END {
            if let Some(&k) = self.face_cache.borrow().get(slot) {
                if k > 0 {
                    return (k > 1).then(|| usize::from(k - 2));
                }
            }
        }
        let f = self.face_for_uncached(c, style);
        if (c as usize) < FACE_CACHE_END {
            if let Some(k) = self.face_cache.borrow_mut().get_mut(slot) {
                *k = f.and_then(|f| u8::try_from(f + 2).ok()).unwrap_or(1);
            }
        }
        f
    }

    fn face_for_uncached(&self, c: char, style: Style) -> Option<FaceId> {
        let s = self.style_face(style);
        if self.faces.get(s).is_some_and(|f| f.covers(c)) {
            return Some(s);
        }
        if self.faces.first().is_some_and(|f| f.covers(c)) {
            return Some(0);
        }
        self.fallback().filter(|&f| self.faces[f].covers(c))
    }

    /// Shapes `text` in `style`, switching to the fallback face for characters the Latin
    /// face lacks; characters no face has are drawn as the Latin face's missing glyph and
    /// remembered in [`Fonts::uncovered`].
    pub fn shape(&self, text: &str, style: Style) -> Rc<[Glyph]> {
        self.shape_with(text, style, false)
    }

    /// [`Fonts::shape`], with the faces' small capitals when `small_caps` (a face
    /// without them gives its ordinary letters: see [`Fonts::has_small_caps`]).
    pub fn shape_with(&self, text: &str, style: Style, small_caps: bool) -> Rc<[Glyph]> {
        let memo = &self.memo[2 * style_index(style) + usize::from(small_caps)];
        if let Some(g) = memo.borrow().get(text) {
            return g.clone();
        }
        let out: Rc<[Glyph]> = self.shape_uncached(text, style, small_caps).into();
        memo.borrow_mut().insert(text.to_string(), out.clone());
        out
    }

    fn shape_uncached(&self, text: &str, style: Style, small_caps: bool) -> Vec<Glyph> {
        let mut out = Vec::new();
        if self.faces.is_empty() {
            return out;
        }
        let main = self.style_face(style);
        // Split into runs of one face; spaces and marks stay with the run they are in.
        let mut runs: Vec<(FaceId, usize, usize)> = Vec::new();
        for (i, c) in text.char_indices() {
            let face = if c.is_whitespace() {
                runs.last().map(|r| r.0).unwrap_or(main)
            } else {
                match self.face_for(c, style) {
                    Some(f) => f,
                    None => {
                        if !c.is_control() && c != '\u{AD}' && c != '\u{200B}' {
                            self.uncovered.borrow_mut().insert(c);
                        }
                        main
                    }
                }
            };
            match runs.last_mut() {
                Some(r) if r.0 == face => r.2 = i + c.len_utf8(),
                _ => runs.push((face, i, i + c.len_utf8())),
            }
        }
        for (face, a, b) in runs {
            self.shape_run(&text[a..b], a, face, small_caps, &mut out);
        }
        out
    }

    fn shape_run(&self, text: &str, offset: usize, face: FaceId, small_caps: bool, out: &mut Vec<Glyph>) {
        let f = &self.faces[face];
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let small_caps = small_caps && f.small_caps;
        let key = (face, buf.script(), small_caps);
        let plan = self.plans.borrow().get(&key).cloned();
        let plan = plan.unwrap_or_else(|| {
            let features: &[rustybuzz::Feature] =
                if small_caps { &[rustybuzz::Feature::new(ttf_parser::Tag::from_bytes(b"smcp"), 1, ..)] } else { &[] };
            let p = Rc::new(rustybuzz::ShapePlan::new(&f.shaper, buf.direction(), Some(buf.script()), None, features));
            self.plans.borrow_mut().insert(key, p.clone());
            p
        });
        let shaped = rustybuzz::shape_with_plan(&f.shaper, &plan, buf);
        let infos = shaped.glyph_infos();
        let pos = shaped.glyph_positions();
        for (k, (info, p)) in infos.iter().zip(pos).enumerate() {
            let start = info.cluster as usize;
            let first_of_cluster = k == 0 || infos[k - 1].cluster != info.cluster;
            let end = infos[k + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c > start)
                .unwrap_or(text.len());
            let piece = text.get(start..end).unwrap_or("");
            // Invisible format characters shape to nothing the reader should get back.
            let piece: String = piece.chars().filter(|c| *c != '\u{AD}' && *c != '\u{200B}').collect();
            if piece.is_empty() && first_of_cluster && info.glyph_id == 0 {
                continue;
            }
            out.push(Glyph {
                face,
                gid: info.glyph_id as u16,
                advance: p.x_advance as f32 / f.upem,
                start: offset + start,
                text: if first_of_cluster { Rc::from(piece) } else { self.no_text.clone() },
            });
        }
    }

    /// The warning for characters no font could draw, if there were any.
    pub fn uncovered_warning(&self) -> Option<Warning> {
        let set = self.uncovered.borrow();
        if set.is_empty() {
            return None;
        }
        let list: String = set.iter().take(20).map(|c| format!("{c} (U+{:04X}) ", *c as u32)).collect();
        Some(Warning::new(
            Stage::Emit,
            format!(
                "reflowed PDF: no font covers {} character(s): {}; give a font that does with the PDF font option",
                set.len(),
                list.trim_end()
            ),
        ))
    }
}

/// Index of a style's face among the bundled faces, and of its memo.
fn style_index(style: Style) -> usize {
    style as usize
}

/// Total advance of `glyphs`, in em.
pub(super) fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts_for(text: &str) -> FontData {
        FontData::load(&text.chars().collect(), None)
    }

    #[test]
    fn ligature_glyph_keeps_all_its_letters() {
        let data = fonts_for("office");
        let fonts = Fonts::new(data.faces(&Style::ALL));
        let g = fonts.shape("office", Style::Regular);
        assert!(g.len() < 6, "ffi should be one ligature glyph: {g:?}");
        let text: String = g.iter().map(|g| &*g.text).collect();
        assert_eq!(text, "office");
    }

    #[test]
    fn latin_face_covers_quotes_dashes_and_accents() {
        let data = fonts_for("");
        let faces = data.faces(&Style::ALL);
        for c in "“”‘’–—…éøłşčő".chars() {
            assert!(faces[0].covers(c), "{c}");
        }
    }

    #[test]
    fn hangul_goes_to_the_fallback_face() {
        let data = fonts_for("김정은");
        let fonts = Fonts::new(data.faces(&Style::ALL));
        let g = fonts.shape("Kim 김정은", Style::Regular);
        let text: String = g.iter().map(|g| &*g.text).collect();
        assert_eq!(text, "Kim 김정은");
        if let Some(fallback) = fonts.fallback() {
            assert!(g.iter().any(|g| g.face == fallback));
            assert!(fonts.uncovered.borrow().is_empty());
        } else {
            assert!(fonts.uncovered_warning().is_some());
        }
    }

    #[test]
    fn every_style_has_its_own_bundled_face() {
        let data = fonts_for("");
        let fonts = Fonts::new(data.faces(&Style::ALL));
        let names: Vec<&str> = Style::ALL.iter().map(|&st| fonts.faces[fonts.style_face(st)].name.as_str()).collect();
        assert_eq!(names, BUNDLED_NAMES);
        assert_eq!(Style::of(true, true, false), Style::BoldItalic);
        assert_eq!(Style::of(false, true, true), Style::MonoItalic);
    }

    #[test]
    fn small_capitals_are_other_glyphs_with_the_same_text() {
        let data = fonts_for("");
        let fonts = Fonts::new(data.faces(&Style::ALL));
        assert!(fonts.has_small_caps(Style::Regular) && fonts.has_small_caps(Style::BoldItalic));
        assert!(!fonts.has_small_caps(Style::Mono));
        let plain = fonts.shape("nato", Style::Regular);
        let sc = fonts.shape_with("nato", Style::Regular, true);
        assert_ne!(plain.iter().map(|g| g.gid).collect::<Vec<_>>(), sc.iter().map(|g| g.gid).collect::<Vec<_>>());
        assert_eq!(sc.iter().map(|g| &*g.text).collect::<String>(), "nato");
        // Without the feature, asking for small capitals changes nothing.
        assert_eq!(fonts.shape_with("nato", Style::Mono, true), fonts.shape("nato", Style::Mono));
    }

    #[test]
    fn only_the_styles_asked_for_are_loaded_after_the_first_four() {
        let data = fonts_for("김");
        let fonts = Fonts::new(data.faces(&[Style::Mono]));
        let names: Vec<&str> = fonts.faces.iter().map(|f| f.name.as_str()).collect();
        let first = ["LibertinusSerif-Regular", "LibertinusSerif-Bold", "LibertinusSerif-Italic"];
        assert_eq!(names[..3], first);
        match fonts.fallback() {
            Some(f) => assert_eq!((f, names.len()), (3, 5)),
            None => assert_eq!(names.len(), 4),
        }
        assert_eq!(*names.last().unwrap(), "DejaVuSansMono");
        // A style not loaded is drawn in a near one.
        assert_eq!(fonts.faces[fonts.style_face(Style::BoldItalic)].name, "LibertinusSerif-Bold");
        assert_eq!(fonts.faces[fonts.style_face(Style::MonoBold)].name, "DejaVuSansMono");
    }
}
