//! PNG encoding of rendered regions (through the `png` crate, already built for hayro).

/// Encodes 8-bit RGB pixels as a PNG, as grey when every pixel is grey.
///
/// Most charts in policy papers are black and white or one accent colour; a grey picture
/// is a third of the data before compression.
pub(super) fn encode_rgb(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ::png::EncodingError> {
    let grey = rgb.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]);
    let mut out = Vec::new();
    let mut enc = ::png::Encoder::new(&mut out, width, height);
    enc.set_depth(::png::BitDepth::Eight);
    enc.set_compression(::png::Compression::Balanced);
    let writer = if grey {
        enc.set_color(::png::ColorType::Grayscale);
        let luma: Vec<u8> = rgb.chunks_exact(3).map(|p| p[0]).collect();
        let mut w = enc.write_header()?;
        w.write_image_data(&luma)?;
        w
    } else {
        enc.set_color(::png::ColorType::Rgb);
        let mut w = enc.write_header()?;
        w.write_image_data(rgb)?;
        w
    };
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(data: &[u8]) -> (::png::ColorType, u32, u32, Vec<u8>) {
        let mut r = ::png::Decoder::new(std::io::Cursor::new(data)).read_info().expect("png header");
        let mut buf = vec![0; r.output_buffer_size().expect("size")];
        let info = r.next_frame(&mut buf).expect("frame");
        buf.truncate(info.buffer_size());
        (info.color_type, info.width, info.height, buf)
    }

    #[test]
    fn colour_pixels_stay_rgb_and_grey_ones_become_one_channel() {
        let colour = [255, 0, 0, 10, 20, 30];
        let (ct, w, h, px) = decode(&encode_rgb(&colour, 2, 1).expect("encoded"));
        assert_eq!((ct, w, h), (::png::ColorType::Rgb, 2, 1));
        assert_eq!(px, colour);
        let grey = [0, 0, 0, 128, 128, 128, 255, 255, 255, 7, 7, 7];
        let (ct, w, h, px) = decode(&encode_rgb(&grey, 2, 2).expect("encoded"));
        assert_eq!((ct, w, h), (::png::ColorType::Grayscale, 2, 2));
        assert_eq!(px, [0, 128, 255, 7]);
    }
}
