use super::*;

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A PNG from already filtered rows (each starting with its filter byte).
pub(in crate::emit::pdf) fn png_file(w: u32, h: u32, depth: u8, color_type: u8, palette: Option<&[u8]>, filtered: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [kind, data].concat();
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let ihdr = [&w.to_be_bytes()[..], &h.to_be_bytes()[..], &[depth, color_type, 0, 0, 0][..]].concat();
    chunk(b"IHDR", &ihdr);
    if let Some(p) = palette {
        chunk(b"PLTE", p);
    }
    chunk(b"IDAT", &deflate(filtered));
    chunk(b"IEND", &[]);
    out
}

fn inflate(data: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    flate2::read::ZlibDecoder::new(data).read_to_end(&mut v).unwrap();
    v
}

fn img(media_type: &str, data: Vec<u8>) -> Image {
    Image { file: "x".into(), media_type: media_type.into(), width: 0, height: 0, dpi: 96.0, data }
}

#[test]
fn jpeg_goes_in_unchanged_with_its_frame_size() {
    let data = include_bytes!("../../testdata/page.jpg").to_vec();
    let x = prepare(&img("image/jpeg", data.clone())).unwrap();
    assert_eq!((x.width, x.height), (71, 100));
    assert_eq!(x.stream.content, data);
    assert_eq!(x.stream.dict.get(b"Filter").unwrap().as_name().unwrap(), b"DCTDecode");
    assert_eq!(x.stream.dict.get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceRGB");
}

#[test]
fn opaque_png_keeps_its_data_under_png_predictors() {
    // 2 × 2 RGB, rows filtered "none".
    let rows = [0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 9, 9, 9];
    let file = png_file(2, 2, 8, 2, None, &rows);
    let x = prepare(&img("image/png", file)).unwrap();
    assert_eq!(inflate(&x.stream.content), rows);
    let parms = x.stream.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
    assert_eq!(parms.get(b"Predictor").unwrap().as_i64().unwrap(), 15);
    assert_eq!(parms.get(b"Colors").unwrap().as_i64().unwrap(), 3);
    assert_eq!(parms.get(b"Columns").unwrap().as_i64().unwrap(), 2);
    assert!(x.smask.is_none());
}

#[test]
fn palette_png_gets_an_indexed_colour_space() {
    let palette = [255, 0, 0, 0, 0, 255];
    let file = png_file(8, 1, 1, 3, Some(&palette), &[0, 0b1010_1010]);
    let x = prepare(&img("image/png", file)).unwrap();
    let cs = x.stream.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
    assert_eq!(cs[0].as_name().unwrap(), b"Indexed");
    assert_eq!(cs[2].as_i64().unwrap(), 1);
    assert_eq!(x.stream.dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(), 1);
}

#[test]
fn alpha_is_split_into_a_soft_mask_through_every_filter() {
    // 3 × 5 grey + alpha; each row uses another filter, encoded here from known pixels.
    let pixels: Vec<[u8; 2]> = (0..15u8).map(|i| [i * 10, 255 - i * 7]).collect();
    let mut filtered = Vec::new();
    for y in 0..5usize {
        let filter = y as u8;
        filtered.push(filter);
        for x in 0..3usize {
            for ch in 0..2 {
                let v = pixels[y * 3 + x][ch];
                let a = if x > 0 { pixels[y * 3 + x - 1][ch] } else { 0 };
                let b = if y > 0 { pixels[(y - 1) * 3 + x][ch] } else { 0 };
                let c = if x > 0 && y > 0 { pixels[(y - 1) * 3 + x - 1][ch] } else { 0 };
                let pred = match filter {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                    _ => paeth(a, b, c),
                };
                filtered.push(v.wrapping_sub(pred));
            }
        }
    }
    let x = prepare(&img("image/png", png_file(3, 5, 8, 4, None, &filtered))).unwrap();
    let grey: Vec<u8> = pixels.iter().map(|p| p[0]).collect();
    let alpha: Vec<u8> = pixels.iter().map(|p| p[1]).collect();
    assert_eq!(inflate(&x.stream.content), grey);
    assert!(x.stream.dict.get(b"DecodeParms").is_err(), "decoded data needs no predictor");
    assert_eq!(inflate(&x.smask.unwrap().content), alpha);
}

#[test]
fn adam7_passes_cover_every_pixel_once() {
    for (w, h) in [(1, 1), (3, 2), (8, 8), (13, 7)] {
        let n: usize = passes(w, h).iter().map(|&(pw, ph, ..)| pw * ph).sum();
        assert_eq!(n, w * h, "{w}×{h}");
    }
}

#[test]
fn broken_pictures_are_refused_with_a_reason() {
    assert!(prepare(&img("image/png", b"GIF89a".to_vec())).unwrap_err().contains("PNG"));
    assert!(prepare(&img("image/jpeg", vec![0xFF, 0xD8, 0xFF, 0xDA, 0, 2])).is_err());
    assert!(prepare(&img("image/gif", vec![1])).unwrap_err().contains("image/gif"));
    let truncated = &png_file(2, 2, 8, 2, None, &[0; 14])[..30];
    assert!(prepare(&img("image/png", truncated.to_vec())).is_err());
}
