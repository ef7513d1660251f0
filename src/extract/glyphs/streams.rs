//! Content streams decoded for reading, with what a broken Flate stream held before the break.
//!
//! lopdf returns nothing, without an error, for a Flate stream whose data breaks part-way
//! (its reader loses the last buffer with the error), so a page could come out empty and
//! unexplained. Like pdftotext, the bytes inflated before the break are read here.

use super::content::OpReader;
use flate2::{Decompress, FlushDecompress, Status};
use lopdf::{Document, Object, ObjectId, Stream};

/// A decoded stream, and what was wrong with it when its data broke part-way.
pub(crate) struct Decoded {
    pub bytes: Vec<u8>,
    pub damage: Option<String>,
}

/// Input fed to the inflater at a time, so a break loses at most this much output.
const STEP: usize = 256;

/// Inflates `input` as far as it is sound: the bytes before the first error, and the error.
///
/// `Err(())` when the output would pass `limit`, which is refused as lopdf refuses it.
fn inflate_prefix(input: &[u8], zlib: bool, limit: usize) -> Result<(Vec<u8>, Option<String>), ()> {
    let mut d = Decompress::new(zlib);
    let mut out: Vec<u8> = Vec::with_capacity((input.len() * 4).min(limit).max(64));
    let mut pos = 0;
    loop {
        if out.capacity() - out.len() < 4 * STEP {
            out.reserve(out.capacity().max(4 * STEP));
        }
        let (before, made) = (d.total_in(), out.len());
        let end = (pos + STEP).min(input.len());
        let res = d.decompress_vec(&input[pos..end], &mut out, FlushDecompress::None);
        pos += (d.total_in() - before) as usize;
        if out.len() > limit {
            return Err(());
        }
        match res {
            // The library's message says little ("bad state"); where the data breaks says more.
            Err(_) => return Ok((out, Some(format!("its compressed data breaks at byte {} of {}", d.total_in(), input.len())))),
            Ok(Status::StreamEnd) => return Ok((out, None)),
            // Neither input read nor output made: the data stops before its end.
            Ok(_) if d.total_in() == before && out.len() == made => {
                return Ok((out, Some(format!("its compressed data stops at byte {} of {}", d.total_in(), input.len()))));
            }
            Ok(_) => {}
        }
    }
}

/// Whether `s` is compressed with Flate alone, without a predictor.
fn plain_flate(s: &Stream) -> bool {
    let single = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => matches!(a.as_slice(), [Object::Name(n)] if n == b"FlateDecode"),
        _ => false,
    };
    single && !s.dict.has(b"DecodeParms")
}

/// `bytes` cut after the last operation read whole, so a broken end cannot run into what follows.
fn whole_operations(mut bytes: Vec<u8>) -> Vec<u8> {
    let mut r = OpReader::new(&bytes);
    let mut end = 0;
    while let Ok(Some(_)) = r.next_op() {
        end = r.offset();
    }
    bytes.truncate(end);
    bytes
}

/// Decodes a content stream as lopdf does, but keeps what a broken Flate stream held before the break.
///
/// Only when lopdf reads less of a broken stream than the bytes before its break (or nothing)
/// is the stream reported damaged: a stream lopdf reads whole despite a bad checksum is not.
pub(crate) fn decode(s: &Stream, limit: usize) -> lopdf::Result<Decoded> {
    let lopdf = || s.decompressed_content_with_limit(limit);
    if !plain_flate(s) {
        return lopdf().map(|bytes| Decoded { bytes, damage: None });
    }
    let too_big = || lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit });
    let (mut bytes, mut damage) = inflate_prefix(&s.content, true, limit).map_err(|()| too_big())?;
    if damage.is_none() {
        return Ok(Decoded { bytes, damage });
    }
    if s.content.len() > 2 {
        // Read as raw deflate, past the zlib header: data that ends properly is whole (only
        // its checksum was wrong), and a broken header may hide sound data, as lopdf finds.
        let (raw, why) = inflate_prefix(&s.content[2..], false, limit).map_err(|()| too_big())?;
        if why.is_none() || raw.len() > bytes.len() {
            (bytes, damage) = (raw, why);
        }
        if damage.is_none() {
            return Ok(Decoded { bytes, damage });
        }
    }
    let theirs = lopdf()?;
    if !theirs.is_empty() && theirs.len() >= bytes.len() {
        return Ok(Decoded { bytes: theirs, damage: None });
    }
    Ok(Decoded { bytes: whole_operations(bytes), damage })
}

/// A page's content streams decoded and joined by newlines, as lopdf joins them, and a
/// note for each stream whose data broke part-way.
pub(crate) fn page_content(doc: &Document, page_id: ObjectId, limit: usize) -> lopdf::Result<(Vec<u8>, Vec<String>)> {
    let mut content = Vec::new();
    let mut notes = Vec::new();
    for id in doc.get_page_contents(page_id) {
        let Ok(s) = doc.get_object(id).and_then(Object::as_stream) else { continue };
        let remaining = limit.saturating_sub(content.len());
        match decode(s, remaining) {
            Ok(d) => {
                if let Some(why) = d.damage {
                    let read = match d.bytes.len() {
                        0 => "nothing in it could be read".to_string(),
                        n => format!("the {n} byte(s) before the damage were read, the rest is lost"),
                    };
                    notes.push(format!("content stream {} {} is damaged: {why}; {read}", id.0, id.1));
                }
                content.extend_from_slice(&d.bytes);
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }));
            }
            Err(_) if s.content.len() <= remaining => content.extend_from_slice(&s.content),
            Err(e) => return Err(e),
        }
        content.push(b'\n');
    }
    Ok((content, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::fonts::FontCache;
    use crate::layout::ExtractStats;
    use flate2::{Compress, Compression, FlushCompress};
    use lopdf::{dictionary, Dictionary};

    /// Lines of text, each drawn in its own text object.
    fn text_ops(from: usize, n: usize) -> Vec<u8> {
        (from..from + n).map(|i| format!("BT /F1 10 Tf 72 {} Td (line number {i} of the page) Tj ET\n", 700 - i)).collect::<String>().into_bytes()
    }

    /// `first` deflated with a zlib header and flushed to a byte boundary, then `tail`.
    fn deflated(first: &[u8], tail: &[u8]) -> Vec<u8> {
        let mut c = Compress::new(Compression::default(), true);
        let mut out = Vec::with_capacity(first.len() + 64);
        c.compress_vec(first, &mut out, FlushCompress::Full).expect("deflate");
        out.extend_from_slice(tail);
        out
    }

    /// Reads page 1 of a one-page PDF whose content stream holds `data` (Flate), in Helvetica.
    fn read(data: Vec<u8>) -> (String, Vec<String>) {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let content = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, data));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            "Contents" => content, "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let (mut fonts, mut stats, mut warnings) = (FontCache::default(), ExtractStats::default(), Vec::new());
        let page = super::super::read_page(&doc, page, 1, 0, &Default::default(), &mut fonts, &mut stats, &mut warnings);
        let text = page.glyphs.iter().map(|g| &*g.text).collect();
        (text, warnings.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn a_stream_broken_part_way_keeps_the_operations_before_the_break_and_says_so() {
        // After the flushed first part, a block of the reserved type 3: the data breaks there.
        let (text, warnings) = read(deflated(&text_ops(0, 5), &[0x07, 0x55, 0xAA, 0x55]));
        assert!(text.contains("line number 0 of the page") && text.contains("line number 4 of the page"), "{text}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("page 1") && warnings[0].contains("content stream") && warnings[0].contains("damaged"), "{warnings:?}");
    }

    #[test]
    fn a_stream_that_breaks_at_once_is_reported() {
        let (text, warnings) = read(vec![0x78, 0x9C, 0x07, 0x55, 0xAA]);
        assert_eq!(text, "");
        assert!(warnings.iter().any(|w| w.contains("page 1") && w.contains("nothing in it could be read")), "{warnings:?}");
    }

    #[test]
    fn deflate_data_that_ends_properly_is_whole_despite_a_wrong_checksum() {
        let ops = text_ops(0, 40);
        let mut c = Compress::new(Compression::default(), true);
        let mut data = Vec::with_capacity(ops.len() + 64);
        c.compress_vec(&ops, &mut data, FlushCompress::Finish).expect("deflate");
        let n = data.len();
        data[n - 1] ^= 0xFF;
        let (text, warnings) = read(data);
        assert!(text.contains("line number 39 of the page"), "{text}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_broken_end_is_cut_after_the_last_whole_operation() {
        assert_eq!(whole_operations(b"BT (a) Tj ET\n(unfinis".to_vec()), b"BT (a) Tj ET\n");
        assert_eq!(whole_operations(b"1 0 0 1 72 7".to_vec()), b"");
    }

    #[test]
    fn streams_that_are_not_plain_flate_are_left_to_lopdf() {
        let s = Stream::new(Dictionary::new(), b"BT ET".to_vec());
        assert!(!plain_flate(&s));
        let d = decode(&s, 1 << 20).expect("decoded");
        assert_eq!((d.bytes.as_slice(), d.damage), (&b"BT ET"[..], None));
    }
}
