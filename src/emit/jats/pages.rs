//! The source's pages in `article-meta`: the printed first and last page, and the page count.
//!
//! An archive cites a publication by its printed pages; only numbers the PDF itself
//! declares (its `/PageLabels`) are written, never guessed from PDF page order.

use super::xml::El;
use super::leaf;
use crate::tree::SourceInfo;
use crate::text::{roman_numeral, roman_value};

/// `fpage` and `lpage` from the first and last printed page labels, when the source has
/// labels and both are plain numbers or roman numerals.
pub fn printed_range(source: &SourceInfo) -> Option<[El; 2]> {
    let first = source.page_labels.first()?.trim();
    let last = source.page_labels.last()?.trim();
    (is_folio(first) && is_folio(last)).then(|| [leaf("fpage", first), leaf("lpage", last)])
}

/// `counts` with the source's `page-count`; `None` when the page count is unknown.
pub fn counts(source: &SourceInfo) -> Option<El> {
    (source.pages > 0).then(|| El::new("counts").child(El::new("page-count").attr("count", source.pages.to_string())))
}

/// Whether a label is a page number as printed: digits, or a roman numeral in one case.
fn is_folio(label: &str) -> bool {
    if !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let upper = label.to_ascii_uppercase();
    let one_case = label == upper || label == label.to_ascii_lowercase();
    one_case && roman_value(&upper).is_some_and(|n| roman_numeral(u64::from(n)) == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folios_are_numbers_or_well_formed_roman_numerals() {
        for ok in ["1", "012", "iv", "XIV", "mcmxciv"] {
            assert!(is_folio(ok), "{ok}");
        }
        for bad in ["", "A-1", "IIII", "Iv", "vx", "Cover", "1a"] {
            assert!(!is_folio(bad), "{bad}");
        }
    }

    #[test]
    fn range_needs_page_labels_printed_as_numbers() {
        let mut s = SourceInfo { pages: 4, ..Default::default() };
        assert!(printed_range(&s).is_none(), "no /PageLabels: no printed pages");
        s.page_labels = vec!["iii".into(), "iv".into(), "1".into(), "2".into()];
        let [f, l] = printed_range(&s).unwrap();
        assert_eq!((f.text_content(), l.text_content()), ("iii".to_string(), "2".to_string()));
        s.page_labels[3] = "A-2".into();
        assert!(printed_range(&s).is_none());
        assert!(counts(&SourceInfo::default()).is_none());
        assert_eq!(counts(&s).unwrap().find("page-count").unwrap().attrs, vec![("count", "4".to_string())]);
    }
}
