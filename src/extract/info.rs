//! Document information: the `/Info` dictionary and the catalog's `/Lang`.

use crate::layout::PdfInfo;
use lopdf::{Document, Object};

/// Reads title, author, producer, creator and language, decoding PDF text strings
/// (PDFDocEncoding, UTF-16BE or UTF-8 with a byte order mark); page labels are read apart
/// ([`super::labels`]), as they need the page count.
pub(crate) fn read(doc: &Document) -> PdfInfo {
    let info = doc.trailer.get(b"Info").ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok());
    let field = |key: &[u8]| info.and_then(|d| d.get(key).ok()).and_then(|o| text(deref(doc, o)));
    let lang = doc.catalog().ok().and_then(|c| c.get(b"Lang").ok()).and_then(|o| text(deref(doc, o)));
    PdfInfo {
        title: field(b"Title"),
        author: field(b"Author"),
        producer: field(b"Producer"),
        creator: field(b"Creator"),
        lang,
        page_labels: Vec::new(),
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// A text string or name as trimmed text; None when empty.
fn text(o: &Object) -> Option<String> {
    let s = match o {
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        _ => lopdf::decode_text_string(o).ok()?,
    };
    let s: String = s.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, StringFormat};

    #[test]
    fn info_strings_decode_from_utf16_and_pdfdoc() {
        let mut doc = Document::with_version("1.7");
        let mut title = vec![0xFE, 0xFF];
        for u in "Séoul 서울".encode_utf16() {
            title.extend(u.to_be_bytes());
        }
        let info = doc.add_object(dictionary! {
            "Title" => Object::String(title, StringFormat::Hexadecimal),
            "Author" => Object::String(b"Ana \xe9t\x84".to_vec(), StringFormat::Literal),
        });
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Lang" => Object::string_literal("ko-KR") });
        doc.trailer.set("Info", info);
        doc.trailer.set("Root", catalog);
        let i = read(&doc);
        assert_eq!(i.title.as_deref(), Some("Séoul 서울"));
        assert_eq!(i.author.as_deref(), Some("Ana ét\u{2014}"));
        assert_eq!(i.lang.as_deref(), Some("ko-KR"));
    }
}
