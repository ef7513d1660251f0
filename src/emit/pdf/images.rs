//! Pictures as PDF image XObjects, without an image library.
//!
//! A JPEG goes in unchanged as a `DCTDecode` stream (its size and colour components read
//! from its frame header). A PNG's compressed data is already what PDF's `FlateDecode`
//! with PNG predictors reads, so an opaque, non-interlaced PNG (grey, RGB or palette, any
//! bit depth) goes in as its joined `IDAT` chunks. A PNG with an alpha channel, or an
//! interlaced one of 8 or 16 bits, is inflated, unfiltered and split: the colour into the
//! image, the alpha into a soft mask. What remains (an interlaced PNG below 8 bits) is
//! refused with a reason, and the figure is set without its picture. A `tRNS` chunk
//! (one transparent colour, or palette transparency) is ignored: the picture is opaque.

use crate::tree::Image;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf_printpdf::{Dictionary, Object, Stream, StringFormat};
use std::io::{Read, Write};

/// A picture ready to be written: the image stream's dictionary entries and data, and
/// its soft mask when it has transparency.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct XImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The image XObject.
    pub stream: Stream,
    /// The alpha channel as a grey image, for `/SMask`.
    pub smask: Option<Stream>,
}

/// Reads an image of the tree into an XObject; `Err` says why it cannot be.
pub(super) fn prepare(img: &Image) -> Result<XImage, String> {
    match img.media_type.trim() {
        "image/jpeg" => jpeg(&img.data),
        "image/png" => png(&img.data),
        other => Err(format!("unsupported picture type '{other}'")),
    }
}

fn image_dict(w: u32, h: u32, bits: u8, color_space: Object) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", Object::Integer(i64::from(w)));
    d.set("Height", Object::Integer(i64::from(h)));
    d.set("ColorSpace", color_space);
    d.set("BitsPerComponent", Object::Integer(i64::from(bits)));
    d
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

/// A stream whose content is already encoded as its dictionary says.
fn encoded(dict: Dictionary, data: Vec<u8>) -> Stream {
    let mut s = Stream::new(dict, data);
    s.allows_compression = false;
    s
}

// ------------------------------------------------------------------ JPEG

/// A JPEG as it is, under `DCTDecode`.
fn jpeg(data: &[u8]) -> Result<XImage, String> {
    let (w, h, components, adobe) = jpeg_frame(data)?;
    let cs = match components {
        1 => name("DeviceGray"),
        3 => name("DeviceRGB"),
        4 => name("DeviceCMYK"),
        n => return Err(format!("JPEG with {n} colour components")),
    };
    let mut d = image_dict(w, h, 8, cs);
    d.set("Filter", name("DCTDecode"));
    if components == 4 && adobe {
        // Adobe's CMYK JPEGs store inverted values.
        d.set("Decode", Object::Array([1, 0, 1, 0, 1, 0, 1, 0].iter().map(|&v| Object::Integer(v)).collect()));
    }
    Ok(XImage { width: w, height: h, stream: encoded(d, data.to_vec()), smask: None })
}

/// Width, height, colour components and whether an Adobe marker is present, from the
/// markers before the first scan.
fn jpeg_frame(data: &[u8]) -> Result<(u32, u32, u8, bool), String> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return Err("not a JPEG (no start-of-image marker)".into());
    }
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return Err("JPEG markers out of step".into());
        }
        let marker = data[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        let seg = data.get(i + 4..i + 2 + len).ok_or("JPEG segment runs past the end")?;
        match marker {
            0xEE if seg.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return Err("JPEG frame header too short".into());
                }
                let h = u32::from(u16::from_be_bytes([seg[1], seg[2]]));
                let w = u32::from(u16::from_be_bytes([seg[3], seg[4]]));
                if w == 0 || h == 0 {
                    return Err("JPEG of zero size".into());
                }
                return Ok((w, h, seg[5], adobe));
            }
            0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    Err("JPEG without a frame header".into())
}

// ------------------------------------------------------------------ PNG

/// What the PNG header and chunks say.
struct Png<'a> {
    width: u32,
    height: u32,
    depth: u8,
    color_type: u8,
    interlaced: bool,
    palette: &'a [u8],
    idat: Vec<u8>,
}

impl Png<'_> {
    /// Samples per pixel.
    fn channels(&self) -> usize {
        match self.color_type {
            0 | 3 => 1,
            2 => 3,
            4 => 2,
            _ => 4,
        }
    }
}

fn parse_png(data: &[u8]) -> Result<Png<'_>, String> {
    if !data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err("not a PNG (bad signature)".into());
    }
    let mut i = 8;
    let mut png = Png { width: 0, height: 0, depth: 0, color_type: 0, interlaced: false, palette: &[], idat: Vec::new() };
    let mut header = false;
    while i + 8 <= data.len() {
        let len = u32::from_be_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]) as usize;
        let kind = &data[i + 4..i + 8];
        let body = data.get(i + 8..i + 8 + len).ok_or("PNG chunk runs past the end")?;
        match kind {
            b"IHDR" if body.len() >= 13 => {
                png.width = u32::from_be_bytes([body[0], body[1], body[2], body[3]]);
                png.height = u32::from_be_bytes([body[4], body[5], body[6], body[7]]);
                png.depth = body[8];
                png.color_type = body[9];
                if body[10] != 0 || body[11] != 0 {
                    return Err("PNG with an unknown compression or filter method".into());
                }
                png.interlaced = body[12] == 1;
                header = true;
            }
            b"PLTE" => png.palette = body,
            b"IDAT" => png.idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        i += 12 + len;
    }
    let depth_ok = match png.color_type {
        0 => matches!(png.depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(png.depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(png.depth, 8 | 16),
        _ => false,
    };
    if !header || png.width == 0 || png.height == 0 || !depth_ok {
        return Err("PNG with a missing or invalid header".into());
    }
    if png.color_type == 3 && (png.palette.is_empty() || png.palette.len() % 3 != 0) {
        return Err("palette PNG without a valid palette".into());
    }
    if png.idat.is_empty() {
        return Err("PNG without image data".into());
    }
    Ok(png)
}

fn png(data: &[u8]) -> Result<XImage, String> {
    let p = parse_png(data)?;
    let cs = match p.color_type {
        0 | 4 => name("DeviceGray"),
        3 => Object::Array(vec![
            name("Indexed"),
            name("DeviceRGB"),
            Object::Integer((p.palette.len() / 3) as i64 - 1),
            Object::String(p.palette.to_vec(), StringFormat::Hexadecimal),
        ]),
        _ => name("DeviceRGB"),
    };
    let alpha = matches!(p.color_type, 4 | 6);
    if !alpha && !p.interlaced {
        let mut d = image_dict(p.width, p.height, p.depth, cs);
        d.set("Filter", name("FlateDecode"));
        let mut parms = Dictionary::new();
        parms.set("Predictor", Object::Integer(15));
        parms.set("Colors", Object::Integer(p.channels() as i64));
        parms.set("BitsPerComponent", Object::Integer(i64::from(p.depth)));
        parms.set("Columns", Object::Integer(i64::from(p.width)));
        d.set("DecodeParms", Object::Dictionary(parms));
        return Ok(XImage { width: p.width, height: p.height, stream: encoded(d, p.idat), smask: None });
    }
    if p.depth < 8 {
        return Err("interlaced PNG below 8 bits per sample".into());
    }
    let pixels = decode(&p)?;
    let sample = usize::from(p.depth / 8);
    let px = p.channels() * sample;
    let colour_bytes = if alpha { (p.channels() - 1) * sample } else { px };
    let (mut colour, mut mask) = (Vec::with_capacity(pixels.len()), Vec::new());
    for chunk in pixels.chunks_exact(px) {
        colour.extend_from_slice(&chunk[..colour_bytes]);
        if alpha {
            mask.extend_from_slice(&chunk[colour_bytes..]);
        }
    }
    let mut d = image_dict(p.width, p.height, p.depth, cs);
    d.set("Filter", name("FlateDecode"));
    let smask = alpha.then(|| {
        let mut m = image_dict(p.width, p.height, p.depth, name("DeviceGray"));
        m.set("Filter", name("FlateDecode"));
        encoded(m, deflate(&mask))
    });
    Ok(XImage { width: p.width, height: p.height, stream: encoded(d, deflate(&colour)), smask })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(data.len() / 2 + 64), Compression::new(6));
    // Writing into a vector cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// The pixels of a PNG of 8 or 16 bits per sample, rows top to bottom, no filter bytes.
fn decode(p: &Png) -> Result<Vec<u8>, String> {
    let bpp = p.channels() * usize::from(p.depth / 8);
    let (w, h) = (p.width as usize, p.height as usize);
    let expected = if p.interlaced {
        passes(w, h).iter().map(|&(pw, ph, ..)| if pw == 0 { 0 } else { ph * (pw * bpp + 1) }).sum()
    } else {
        h * (w * bpp + 1)
    };
    let mut raw = Vec::with_capacity(expected);
    flate2::read::ZlibDecoder::new(p.idat.as_slice())
        .take(expected as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("PNG data does not inflate: {e}"))?;
    if raw.len() < expected {
        return Err("PNG data ends early".into());
    }
    if !p.interlaced {
        return unfilter(&raw[..expected], w * bpp, bpp);
    }
    let mut out = vec![0u8; w * h * bpp];
    let mut at = 0;
    for (pw, ph, x0, y0, dx, dy) in passes(w, h) {
        if pw == 0 || ph == 0 {
            continue;
        }
        let len = ph * (pw * bpp + 1);
        let sub = unfilter(&raw[at..at + len], pw * bpp, bpp)?;
        at += len;
        for (j, row) in sub.chunks_exact(pw * bpp).enumerate() {
            for (i, px) in row.chunks_exact(bpp).enumerate() {
                let (x, y) = (x0 + i * dx, y0 + j * dy);
                out[(y * w + x) * bpp..][..bpp].copy_from_slice(px);
            }
        }
    }
    Ok(out)
}

/// The seven Adam7 passes: (width, height, x0, y0, dx, dy) of each sub-image.
fn passes(w: usize, h: usize) -> [(usize, usize, usize, usize, usize, usize); 7] {
    const P: [(usize, usize, usize, usize); 7] = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
    let count = |size: usize, start: usize, step: usize| if start >= size { 0 } else { (size - start).div_ceil(step) };
    P.map(|(x0, y0, dx, dy)| (count(w, x0, dx), count(h, y0, dy), x0, y0, dx, dy))
}

/// Undoes PNG row filters: `raw` is rows of one filter byte and `stride` bytes.
fn unfilter(raw: &[u8], stride: usize, bpp: usize) -> Result<Vec<u8>, String> {
    let rows = raw.len() / (stride + 1);
    let mut out = vec![0u8; rows * stride];
    for r in 0..rows {
        let filter = raw[r * (stride + 1)];
        let src = &raw[r * (stride + 1) + 1..(r + 1) * (stride + 1)];
        let (done, cur) = out.split_at_mut(r * stride);
        let prev = if r > 0 { &done[(r - 1) * stride..] } else { &[][..] };
        let cur = &mut cur[..stride];
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev.get(i).copied().unwrap_or(0);
            let c = if i >= bpp { prev.get(i - bpp).copied().unwrap_or(0) } else { 0 };
            cur[i] = src[i].wrapping_add(match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                f => return Err(format!("PNG row filter {f} is unknown")),
            });
        }
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

#[cfg(test)]
pub(super) mod tests;
