//! Opening a PDF: sniffing, size limits, repair, decryption, page count.

use crate::error::{Error, Result, Stage, Warning};
use lopdf::{Document, LoadOptions, Object, ObjectId};
use std::collections::HashSet;

/// Largest input accepted, in bytes.
pub(crate) const MAX_INPUT_BYTES: u64 = 1 << 30;
/// Largest page count accepted.
pub(crate) const MAX_PAGES: u64 = 100_000;
/// Largest size one stream may decompress to.
pub(crate) const MAX_STREAM_BYTES: usize = 256 << 20;

/// Opens `bytes` as a PDF, trying the empty password and then `password` if it is encrypted.
///
/// Damage that lopdf repairs (junk before the header, a rebuilt cross-reference table)
/// is reported in `warnings`.
pub(crate) fn open(bytes: &[u8], password: Option<&str>, warnings: &mut Vec<Warning>) -> Result<Document> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { what: "the file size".into(), limit: MAX_INPUT_BYTES });
    }
    let head = &bytes[..bytes.len().min(1024)];
    let Some(offset) = head.windows(5).position(|w| w == b"%PDF-") else {
        return Err(Error::NotPdf { reason: describe(bytes) });
    };
    if offset > 0 {
        warnings.push(Warning::new(Stage::Extract, format!("{offset} bytes of junk before the PDF header were skipped")));
    }
    let data = &bytes[offset..];
    let options = |pw: Option<&str>| LoadOptions {
        password: pw.map(str::to_string),
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let mut doc = match Document::load_mem_with_options(data, options(None)) {
        Ok(d) => d,
        Err(e) if is_password_error(&e) => match password {
            Some(pw) => Document::load_mem_with_options(data, options(Some(pw))).map_err(|e| {
                if is_password_error(&e) {
                    Error::PasswordRequired
                } else {
                    malformed(&e)
                }
            })?,
            None => return Err(Error::PasswordRequired),
        },
        Err(e) => {
            let forced = LoadOptions { force_reconstruct: true, ..options(password) };
            match Document::load_mem_with_options(data, forced) {
                Ok(d) => d,
                Err(_) => return Err(malformed(&e)),
            }
        }
    };
    if doc.is_encrypted() {
        // lopdf leaves a document encrypted when no password opened it.
        let ok = doc.decrypt("").is_ok() || password.is_some_and(|pw| doc.decrypt(pw).is_ok());
        if !ok {
            return Err(Error::PasswordRequired);
        }
    }
    if doc.trailer.has(b"Encrypt") && pages(&doc).is_empty() {
        // The empty password did not open it: lopdf then returns a document without objects.
        let opened = password.and_then(|pw| Document::load_mem_with_options(data, options(Some(pw))).ok());
        match opened {
            Some(d) if !pages(&d).is_empty() => doc = d,
            _ => return Err(Error::PasswordRequired),
        }
    }
    if let Some(r) = doc.xref_recovery {
        warnings.push(Warning::new(Stage::Extract, format!("the cross-reference table was damaged and repaired ({r:?})")));
    }
    let found = doc.get_pages().len();
    let n = pages(&doc).len() as u64;
    if n == 0 {
        return Err(Error::NoPages);
    }
    if found == 0 {
        warnings.push(Warning::new(Stage::Extract, "the page tree is damaged (a loop or a broken link); pages were found by walking around the damage"));
    }
    if n > MAX_PAGES {
        return Err(Error::TooLarge { what: "the page count".into(), limit: MAX_PAGES });
    }
    Ok(doc)
}

fn is_password_error(e: &lopdf::Error) -> bool {
    matches!(e, lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_))
        || e.to_string().to_ascii_lowercase().contains("password")
}

fn malformed(e: &lopdf::Error) -> Error {
    Error::Malformed { reason: format!("{e}") }
}

/// The document's pages in order.
///
/// lopdf's page list, or when it finds none (a loop or broken link in the page tree), a walk
/// of the tree that skips nodes already seen, or failing that every `/Type /Page` object.
pub(crate) fn pages(doc: &Document) -> Vec<ObjectId> {
    let listed: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if !listed.is_empty() {
        return listed;
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    if let Ok(root) = doc.catalog().and_then(|c| c.get(b"Pages")).and_then(Object::as_reference) {
        walk(doc, root, &mut seen, &mut out, 0);
    }
    if out.is_empty() {
        out = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_dict().is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"Page")))
            .map(|(id, _)| *id)
            .collect();
    }
    out.truncate(MAX_PAGES as usize + 1);
    out
}

fn walk(doc: &Document, id: ObjectId, seen: &mut HashSet<ObjectId>, out: &mut Vec<ObjectId>, depth: usize) {
    if depth > 64 || !seen.insert(id) || out.len() > MAX_PAGES as usize {
        return;
    }
    let Ok(node) = doc.get_dictionary(id) else { return };
    match node.get(b"Kids").and_then(Object::as_array) {
        Ok(kids) => {
            for k in kids {
                if let Ok(kid) = k.as_reference() {
                    walk(doc, kid, seen, out, depth + 1);
                }
            }
        }
        Err(_) => {
            if node.get(b"Type").and_then(Object::as_name).map_or(true, |t| t == b"Page") {
                out.push(id);
            }
        }
    }
}

/// Says what a non-PDF input looks like.
fn describe(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "the file is empty".into();
    }
    if bytes.iter().all(|&b| b.is_ascii_whitespace()) {
        return "the file holds only whitespace".into();
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("version https://git-lfs") {
        return "it is a Git LFS pointer file, not the PDF itself; fetch it with `git lfs pull`".into();
    }
    if lower.trim_start().starts_with("<!doctype html") || lower.trim_start().starts_with("<html") {
        return "it is an HTML page (perhaps a download error page)".into();
    }
    if head.starts_with(b"PK\x03\x04") {
        return "it is a ZIP archive (perhaps a DOCX, ODT or EPUB)".into();
    }
    if head.starts_with(b"\x89PNG") || head.starts_with(b"\xFF\xD8\xFF") || head.starts_with(b"GIF8") {
        return "it is an image file".into();
    }
    if head.starts_with(b"%!PS") {
        return "it is a PostScript file; convert it with ps2pdf first".into();
    }
    let printable = head.iter().filter(|&&b| b.is_ascii_graphic() || b.is_ascii_whitespace() || b >= 0x80).count();
    if std::str::from_utf8(head).is_ok() && printable * 10 >= head.len() * 9 {
        let first: String = text.chars().take(40).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
        return format!("it is plain text starting with '{first}'");
    }
    let hex: Vec<String> = head.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("no %PDF- header in the first 1024 bytes; it starts with bytes {}", hex.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn not_pdf(bytes: &[u8]) -> String {
        match open(bytes, None, &mut Vec::new()) {
            Err(Error::NotPdf { reason }) => reason,
            other => panic!("expected NotPdf, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn non_pdf_inputs_are_named() {
        assert!(not_pdf(b"").contains("empty"));
        assert!(not_pdf(b"potato salad\n").contains("potato salad"));
        assert!(not_pdf(b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n").contains("Git LFS"));
        assert!(not_pdf(&[0u8, 1, 2, 3, 250, 251]).contains("00 01 02"));
    }

    #[test]
    fn header_without_body_is_malformed() {
        assert!(matches!(open(b"%PDF-1.7\n", None, &mut Vec::new()), Err(Error::Malformed { .. }) | Err(Error::NoPages)));
    }

}
