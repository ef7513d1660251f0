//! Figures that are one embedded JPEG: the JPEG itself, byte for byte, instead of a rendering.
//!
//! A photo re-rendered to PNG is larger and no better than the JPEG the PDF holds, so when
//! the page draws exactly that JPEG over the figure's region — upright, unclipped, opaque,
//! nothing drawn or printed over it, in colours a reader shows as the PDF does — it is
//! passed through. Anything less certain is rendered instead.

use crate::layout::{GraphicKind, Page as LayoutPage, Rect};
use crate::tree::Image;
use hayro::hayro_interpret::font::GlyphRun;
use hayro::hayro_interpret::hayro_syntax::Filter;
use hayro::hayro_interpret::hayro_syntax::object::{Array, Dict, Name, ObjectIdentifier, Stream};
use hayro::hayro_interpret::hayro_syntax::page::Page;
use hayro::hayro_interpret::hayro_syntax::Pdf;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use hayro::kurbo::{BezPath, Shape};

/// The share of the region the image must cover, and of the image the region must cover.
const COVER: f32 = 0.9;

/// The most pixels a JPEG may have to be passed through; a bigger one is rendered smaller.
const MAX_JPEG_PIXELS: u64 = 16_000_000;

/// The JPEG drawn over `region`, when the figure is exactly that JPEG; `None` otherwise.
pub(super) fn jpeg(pdf: &Pdf, page: &Page<'_>, lp: &LayoutPage, region: Rect) -> Option<Image> {
    // The layout says which image XObjects were drawn where: a cheap first test.
    let mut candidates = lp.graphics.iter().filter_map(|g| match g.kind {
        GraphicKind::Image { object } if g.bbox.overlap(&region) >= COVER * region.area() => Some(object),
        _ => None,
    });
    let (Some(Some((num, gen))), None) = (candidates.next(), candidates.next()) else {
        return None;
    };
    let id = ObjectIdentifier::new(num, i32::from(gen));
    let stream: Stream<'_> = pdf.xref().get(id)?;
    let (width, height, components) = plain_jpeg(&stream)?;
    let data = stream.raw_data();
    let info = scan(&data)?;
    if (info.width, info.height, info.components) != (width, height, components) || info.orientation.is_some_and(|o| o != 1) {
        return None;
    }
    if u64::from(width) * u64::from(height) > MAX_JPEG_PIXELS {
        return None;
    }

    // How the page really draws it: the interpreter's word on orientation, clipping and overdraw.
    let drawn = drawn_alone(page, id, width, height)?;
    if drawn.overlap(&region) < COVER * region.area() || drawn.overlap(&region) < COVER * drawn.area() {
        return None;
    }
    // Printed text over the photo (labels on a map) would be lost.
    let inner = Rect { x0: drawn.x0 + 1.0, y0: drawn.y0 + 1.0, x1: drawn.x1 - 1.0, y1: drawn.y1 - 1.0 };
    let over = lp.blocks.iter().flat_map(|b| &b.lines).any(|l| {
        let (cx, cy) = ((l.bbox.x0 + l.bbox.x1) / 2.0, (l.bbox.y0 + l.bbox.y1) / 2.0);
        cx > inner.x0 && cx < inner.x1 && cy > inner.y0 && cy < inner.y1
    });
    if over {
        return None;
    }
    Some(Image {
        file: String::new(),
        media_type: "image/jpeg".into(),
        width,
        height,
        dpi: width as f32 * 72.0 / drawn.width(),
        data: data.into_owned(),
    })
}

/// The pixel size and colour components of an image stream that is a plain JPEG: one
/// `DCTDecode` filter, colours a reader shows as the PDF does ([`colour_components`]),
/// 8 bits, no mask, soft mask or decode array.
fn plain_jpeg(stream: &Stream<'_>) -> Option<(u32, u32, u8)> {
    let d = stream.dict();
    let name = |key: &[u8]| d.get::<Name<'_>>(key).map(|n| n.as_ref().to_vec());
    if name(b"Subtype").as_deref() != Some(b"Image".as_slice()) || stream.filters().as_slice() != [Filter::DctDecode] {
        return None;
    }
    let components = colour_components(d)?;
    if ["SMask", "Mask", "Decode", "SMaskInData"].iter().any(|k| d.contains_key(k)) || d.get::<bool>("ImageMask") == Some(true) {
        return None;
    }
    if d.get::<u32>("BitsPerComponent").is_some_and(|b| b != 8) {
        return None;
    }
    Some((d.get::<u32>("Width")?, d.get::<u32>("Height")?, components))
}

/// The number of colour components of an image whose colours an EPUB reader or browser
/// shows as the PDF does: `DeviceRGB` (3), `DeviceGray` (1), or an `ICCBased` sRGB profile (3),
/// the space most producers tag their photos with. Readers take an untagged JPEG as sRGB.
fn colour_components(d: &Dict<'_>) -> Option<u8> {
    if let Some(n) = d.get::<Name<'_>>("ColorSpace") {
        return match n.as_ref() {
            b"DeviceRGB" => Some(3),
            b"DeviceGray" => Some(1),
            _ => None,
        };
    }
    let space: Array<'_> = d.get("ColorSpace")?;
    let mut parts = space.flex_iter();
    let kind: Name<'_> = parts.next()?;
    let profile: Stream<'_> = parts.next()?;
    let srgb = kind.as_ref() == b"ICCBased" && profile.dict().get::<u32>("N") == Some(3) && is_srgb(&profile.decoded().ok()?);
    srgb.then_some(3)
}

/// Whether an ICC profile is an RGB profile describing itself as sRGB (as "sRGB IEC61966-2.1").
fn is_srgb(icc: &[u8]) -> bool {
    let be32 = |i: usize| be32_of(icc, i);
    if icc.get(16..20) != Some(b"RGB ".as_slice()) {
        return false;
    }
    let Some(count) = be32(128) else { return false };
    let desc = (0..count.min(256)).map(|k| 132 + 12 * k).find(|&e| icc.get(e..e + 4) == Some(b"desc".as_slice()));
    let Some(tag) = desc.and_then(|e| Some((be32(e + 4)?, be32(e + 8)?))).and_then(|(off, len)| icc.get(off..off.checked_add(len)?)) else {
        return false;
    };
    let text: String = match tag.get(..4) {
        // ICC v2: an ASCII description.
        Some(b"desc") => be32_of(tag, 8).and_then(|n| tag.get(12..12usize.checked_add(n)?)).map(|t| String::from_utf8_lossy(t).into_owned()),
        // ICC v4: localised UTF-16BE records; the first one will do.
        Some(b"mluc") => (|| {
            let (len, off) = (be32_of(tag, 20)?, be32_of(tag, 24)?);
            let units: Vec<u16> = tag.get(off..off.checked_add(len)?)?.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            Some(String::from_utf16_lossy(&units))
        })(),
        _ => None,
    }
    .unwrap_or_default();
    text.contains("sRGB")
}

/// The big-endian u32 at `i` of `b`, as a length or offset.
fn be32_of(b: &[u8], i: usize) -> Option<usize> {
    b.get(i..i + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Where the page draws image `id` (in points, top-left origin), when it draws it exactly once,
/// upright, opaque, not clipped, with nothing painted over it afterwards.
fn drawn_alone(page: &Page<'_>, id: ObjectIdentifier, width: u32, height: u32) -> Option<Rect> {
    let cache = InterpreterCache::new();
    let (w, h) = page.render_dimensions();
    let bbox = hayro::kurbo::Rect::new(0.0, 0.0, f64::from(w), f64::from(h));
    // No fonts are needed to see where images go: text is checked from the layout.
    let settings = InterpreterSettings { font_resolver: std::sync::Arc::new(|_| None), ..Default::default() };
    let mut ctx = Context::new(page.initial_transform(true).to_kurbo(), bbox, &cache, page.xref(), settings);
    let mut rec = Recorder {
        target: id,
        size: (f64::from(width), f64::from(height)),
        clips: Vec::new(),
        groups: Vec::new(),
        draws: 0,
        found: None,
        spoiled: false,
    };
    interpret_page(page, &mut ctx, &mut rec);
    match (rec.draws, rec.found, rec.spoiled) {
        (1, Some(r), false) => Some(r),
        _ => None,
    }
}

/// A device that notes where one image is drawn and whether anything spoils passing it through.
struct Recorder {
    target: ObjectIdentifier,
    size: (f64, f64),
    /// Device-space boxes of the clips in force.
    clips: Vec<hayro::kurbo::Rect>,
    /// Opacity and whether a soft mask or blend mode applies, per open group.
    groups: Vec<bool>,
    draws: u32,
    found: Option<Rect>,
    spoiled: bool,
}

impl Recorder {
    /// Notes something painted over `area` (device space): it spoils the image if drawn after it.
    fn painted(&mut self, area: hayro::kurbo::Rect) {
        if let Some(f) = self.found {
            let r = Rect { x0: area.x0 as f32, y0: area.y0 as f32, x1: area.x1 as f32, y1: area.y1 as f32 };
            if r.overlap(&f) > 1.0 {
                self.spoiled = true;
            }
        }
    }
}

impl<'a> Device<'a> for Recorder {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _: &DrawMode) {
        self.painted(props.transform.transform_rect_bbox(path.bounding_box()));
    }

    fn push_clip_path(&mut self, clip_path: &ClipPath) {
        self.clips.push(clip_path.path.bounding_box());
    }

    fn push_transparency_group(&mut self, opacity: f32, mask: Option<SoftMask<'a>>, blend_mode: BlendMode) {
        self.groups.push(opacity < 1.0 || mask.is_some() || !matches!(blend_mode, BlendMode::Normal));
    }

    fn draw_glyph_run(&mut self, _: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {}

    fn draw_image(&mut self, image: hayro::hayro_interpret::Image<'a, '_>, props: hayro::hayro_interpret::ImageDrawProps<'a>) {
        let (obj, w, h) = match &image {
            hayro::hayro_interpret::Image::Raster(r) => (r.stream().obj_id(), r.width(), r.height()),
            hayro::hayro_interpret::Image::Stencil(s) => (s.stream().obj_id(), s.width(), s.height()),
        };
        let area = props.transform.transform_rect_bbox(hayro::kurbo::Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
        if obj != self.target {
            self.painted(area);
            return;
        }
        self.draws += 1;
        // Image space is pixels, rows from the top: upright means a pure positive scale.
        let [a, b, c, d, _, _] = props.transform.as_coeffs();
        let upright = a > 0.0 && d > 0.0 && b.abs() < a * 1e-3 && c.abs() < d * 1e-3;
        let clipped = self.clips.iter().any(|c| !c.inflate(1.0, 1.0).contains_rect(area));
        let blended = self.groups.iter().any(|&g| g);
        if !upright || clipped || blended || (f64::from(w), f64::from(h)) != self.size {
            self.spoiled = true;
        }
        self.found = Some(Rect { x0: area.x0 as f32, y0: area.y0 as f32, x1: area.x1 as f32, y1: area.y1 as f32 });
    }

    fn pop_clip(&mut self) {
        self.clips.pop();
    }

    fn pop_transparency_group(&mut self) {
        self.groups.pop();
    }
}

/// What a JPEG's header says.
#[derive(Debug, PartialEq)]
struct JpegInfo {
    width: u32,
    height: u32,
    components: u8,
    /// The Exif orientation, when one is given (1 is upright; readers apply others, PDF does not).
    orientation: Option<u16>,
}

/// Reads a JPEG's markers up to its frame header; `None` when it is no well-formed JPEG.
fn scan(data: &[u8]) -> Option<JpegInfo> {
    if data.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let be16 = |d: &[u8], i: usize| -> Option<u16> { Some(u16::from_be_bytes([*d.get(i)?, *d.get(i + 1)?])) };
    let mut orientation = None;
    let mut i = 2;
    loop {
        if *data.get(i)? != 0xFF {
            return None;
        }
        while *data.get(i + 1)? == 0xFF {
            i += 1;
        }
        let marker = data[i + 1];
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            i += 2;
            continue;
        }
        if matches!(marker, 0xD9 | 0xDA) {
            return None;
        }
        let len = usize::from(be16(data, i + 2)?);
        let seg = data.get(i + 4..i + 2 + len.max(2))?;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some(JpegInfo {
                    height: u32::from(be16(seg, 1)?),
                    width: u32::from(be16(seg, 3)?),
                    components: *seg.get(5)?,
                    orientation,
                });
            }
            0xE1 if seg.starts_with(b"Exif\0\0") => orientation = exif_orientation(&seg[6..]),
            _ => {}
        }
        i += 2 + len;
    }
}

/// The orientation tag (0x0112) of an Exif block's first directory.
fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let le = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?];
        Some(if le { u16::from_le_bytes(b) } else { u16::from_be_bytes(b) })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b = [*tiff.get(i)?, *tiff.get(i + 1)?, *tiff.get(i + 2)?, *tiff.get(i + 3)?];
        Some(if le { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let n = usize::from(u16_at(ifd)?).min(512);
    (0..n).map(|k| ifd + 2 + 12 * k).find(|&e| u16_at(e) == Some(0x0112)).and_then(|e| u16_at(e + 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG header: SOI, optional APP1 Exif with `orientation`, and a baseline frame header.
    fn header(w: u16, h: u16, comps: u8, orientation: Option<u16>) -> Vec<u8> {
        let mut d = vec![0xFF, 0xD8];
        if let Some(o) = orientation {
            let mut tiff = b"MM\0\x2A\0\0\0\x08".to_vec();
            tiff.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1]);
            tiff.extend_from_slice(&o.to_be_bytes());
            tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
            let mut seg = b"Exif\0\0".to_vec();
            seg.extend_from_slice(&tiff);
            d.extend_from_slice(&[0xFF, 0xE1]);
            d.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
            d.extend_from_slice(&seg);
        }
        d.extend_from_slice(&[0xFF, 0xC0, 0, 8 + 3 * u16::from(comps) as u8, 8]);
        d.extend_from_slice(&h.to_be_bytes());
        d.extend_from_slice(&w.to_be_bytes());
        d.push(comps);
        for c in 0..comps {
            d.extend_from_slice(&[c + 1, 0x11, 0]);
        }
        d.extend_from_slice(&[0xFF, 0xD9]);
        d
    }

    #[test]
    fn frame_header_gives_size_and_components() {
        let info = scan(&header(640, 480, 3, None)).expect("a JPEG");
        assert_eq!(info, JpegInfo { width: 640, height: 480, components: 3, orientation: None });
    }

    #[test]
    fn exif_orientation_is_read() {
        assert_eq!(scan(&header(10, 20, 1, Some(6))).expect("a JPEG").orientation, Some(6));
        assert_eq!(scan(&header(10, 20, 1, Some(1))).expect("a JPEG").orientation, Some(1));
    }

    #[test]
    fn truncated_or_foreign_data_is_no_jpeg() {
        let full = header(640, 480, 3, Some(1));
        for cut in 0..full.len() - 2 {
            // Cut before the frame header ends: never a panic, never a size.
            if cut < full.len() - 4 {
                assert_eq!(scan(&full[..cut]), None, "cut at {cut}");
            }
        }
        assert_eq!(scan(b"\x89PNG\r\n"), None);
        assert_eq!(scan(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None, "scan data before any frame header");
    }

    /// A minimal ICC profile: header of colour space `space` and one `desc` tag holding `tag`.
    fn icc(space: &[u8; 4], tag: &[u8]) -> Vec<u8> {
        let mut p = vec![0; 128];
        p[16..20].copy_from_slice(space);
        p.extend_from_slice(&1u32.to_be_bytes());
        p.extend_from_slice(b"desc");
        p.extend_from_slice(&144u32.to_be_bytes());
        p.extend_from_slice(&(tag.len() as u32).to_be_bytes());
        p.extend_from_slice(tag);
        p
    }

    fn v2_desc(text: &str) -> Vec<u8> {
        let mut t = b"desc\0\0\0\0".to_vec();
        t.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
        t.extend_from_slice(text.as_bytes());
        t.push(0);
        t
    }

    fn v4_desc(text: &str) -> Vec<u8> {
        let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut t = b"mluc\0\0\0\0".to_vec();
        t.extend_from_slice(&1u32.to_be_bytes());
        t.extend_from_slice(&12u32.to_be_bytes());
        t.extend_from_slice(b"enUS");
        t.extend_from_slice(&(utf16.len() as u32).to_be_bytes());
        t.extend_from_slice(&28u32.to_be_bytes());
        t.extend_from_slice(&utf16);
        t
    }

    #[test]
    fn only_rgb_profiles_that_call_themselves_srgb_count_as_srgb() {
        assert!(is_srgb(&icc(b"RGB ", &v2_desc("sRGB IEC61966-2.1"))));
        assert!(is_srgb(&icc(b"RGB ", &v4_desc("sRGB v4 ICC preference"))));
        assert!(!is_srgb(&icc(b"RGB ", &v2_desc("Adobe RGB (1998)"))));
        assert!(!is_srgb(&icc(b"GRAY", &v2_desc("sRGB-like grey"))));
        assert!(!is_srgb(&icc(b"RGB ", b"desc")), "a truncated tag");
        assert!(!is_srgb(b"RGB "), "no header");
        let mut lying = icc(b"RGB ", &v2_desc("sRGB"));
        lying[136..140].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(!is_srgb(&lying), "a tag offset past the end");
    }

}
