//! Re-writes the EPUB archive so the same tree always gives the same bytes.
//!
//! epub-builder's `ZipLibrary` stamps every entry with the current time and offers no
//! way to set it; the archive is therefore copied entry by entry with a fixed time,
//! `mimetype` first and stored, the rest deflated. Named entries may be edited on the way.

use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, Timelike, Utc};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

fn zip_err(e: impl std::fmt::Display) -> Error {
    Error::Emit { format: "epub", message: format!("zip archive: {e}") }
}

/// The zip (MS-DOS) timestamp for `t`, or 1980-01-01 when `t` is outside what zip can hold.
pub fn zip_time(t: DateTime<Utc>) -> zip::DateTime {
    let year = u16::try_from(t.year()).unwrap_or(0);
    // DOS time has two-second resolution.
    let second = (t.second() - t.second() % 2) as u8;
    zip::DateTime::from_date_and_time(year, t.month() as u8, t.day() as u8, t.hour() as u8, t.minute() as u8, second)
        .unwrap_or_default()
}

/// Copies the archive `epub` with every entry stamped `time`, passing the bytes of each
/// entry named in `edited` through `edit`.
///
/// Entries not edited are copied still compressed: decompressing and deflating them again
/// cost more than the rest of the EPUB writer.
pub fn rewrite(
    epub: &[u8],
    time: zip::DateTime,
    edited: &[&str],
    mut edit: impl FnMut(&str, Vec<u8>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    let mut src = ZipArchive::new(Cursor::new(epub)).map_err(zip_err)?;
    let mut order: Vec<(bool, usize)> = Vec::with_capacity(src.len());
    for i in 0..src.len() {
        let f = src.by_index_raw(i).map_err(zip_err)?;
        if !f.is_dir() {
            // OCF: `mimetype` must be the first entry, uncompressed.
            order.push((f.name() != "mimetype", i));
        }
    }
    order.sort();
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(epub.len() + 1024)));
    for (_, i) in order {
        let name = src.by_index_raw(i).map_err(zip_err)?.name().to_string();
        if name != "mimetype" && !edited.contains(&name.as_str()) {
            let f = src.by_index_raw(i).map_err(zip_err)?;
            out.raw_copy_file_touch(f, time, Some(0o644)).map_err(zip_err)?;
            continue;
        }
        let mut f = src.by_index(i).map_err(zip_err)?;
        let mut data = Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0));
        f.read_to_end(&mut data).map_err(zip_err)?;
        drop(f);
        let data = if edited.contains(&name.as_str()) { edit(&name, data)? } else { data };
        let method = if name == "mimetype" { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let opts = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .unix_permissions(0o644);
        out.start_file(name.as_str(), opts).map_err(zip_err)?;
        out.write_all(&data).map_err(zip_err)?;
    }
    Ok(out.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(stamp: zip::DateTime) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let o = SimpleFileOptions::default().last_modified_time(stamp);
        w.start_file("OEBPS/a.xhtml", o).unwrap();
        w.write_all(b"<p>a</p>").unwrap();
        w.start_file("mimetype", o).unwrap();
        w.write_all(b"application/epub+zip").unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn rewritten_archive_ignores_source_timestamps() {
        let t = zip_time(DateTime::from_timestamp(1_700_000_000, 0).unwrap());
        let a = rewrite(&sample(zip::DateTime::default()), t, &[], |_, d| Ok(d)).unwrap();
        let later = zip::DateTime::from_date_and_time(2030, 1, 2, 3, 4, 6).unwrap();
        let b = rewrite(&sample(later), t, &[], |_, d| Ok(d)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn mimetype_comes_first_and_stored() {
        let t = zip::DateTime::default();
        let a = rewrite(&sample(t), t, &[], |_, d| Ok(d)).unwrap();
        assert_eq!(&a[30..38], b"mimetype");
        let mut z = ZipArchive::new(Cursor::new(a)).unwrap();
        assert_eq!(z.by_index(0).unwrap().compression(), CompressionMethod::Stored);
    }

    #[test]
    fn edits_are_applied() {
        let t = zip::DateTime::default();
        let a = rewrite(&sample(t), t, &["OEBPS/a.xhtml"], |_, _| Ok(b"X".to_vec())).unwrap();
        let mut z = ZipArchive::new(Cursor::new(a)).unwrap();
        let mut s = String::new();
        z.by_name("OEBPS/a.xhtml").unwrap().read_to_string(&mut s).unwrap();
        assert_eq!(s, "X");
    }
}
