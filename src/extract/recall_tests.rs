//! Tests of the long tail of fonts and scripts, each on a one-page PDF built here.

use super::{extract, ExtractOptions};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// A one-page PDF: `fonts(doc)` adds the fonts (named /F1, /F2…) and `content` draws.
pub(super) fn one_page_pdf(fonts: impl FnOnce(&mut Document) -> Vec<Object>, content: &str, page_extra: Dictionary) -> Vec<u8> {
    let mut doc = super::glyphs::tests::one_page_with(fonts, content, page_extra, Dictionary::new());
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    out
}

/// The words of each line of the PDF, lines joined by newlines, words by spaces.
pub(super) fn text_of(pdf: &[u8]) -> String {
    let layout = extract(pdf, &ExtractOptions::default()).expect("read").output;
    let mut lines = Vec::new();
    for p in &layout.pages {
        for b in &p.blocks {
            for l in &b.lines {
                lines.push(l.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "));
            }
        }
    }
    lines.join("\n")
}

/// The number of glyphs without Unicode in the PDF.
pub(super) fn unmapped_of(pdf: &[u8]) -> u64 {
    extract(pdf, &ExtractOptions::default()).expect("read").output.stats.unmapped_glyphs
}

/// Adds a stream holding `data` and returns its id.
pub(super) fn add_stream(doc: &mut Document, dict: Dictionary, data: Vec<u8>) -> ObjectId {
    doc.add_object(Stream::new(dict, data))
}

#[test]
fn type3_glyphs_named_by_their_decimal_code_read_as_that_code() {
    let pdf = one_page_pdf(
        |doc| {
            let proc_ = add_stream(doc, Dictionary::new(), b"500 0 d0".to_vec());
            let mut procs = Dictionary::new();
            let mut diffs: Vec<Object> = vec![32.into()];
            for code in [32u8, 97, 98, 99, 232] {
                procs.set(code.to_string(), proc_);
            }
            for code in 32..=232u8 {
                diffs.push(Object::Integer(code.into()));
                diffs.push(Object::Name(code.to_string().into_bytes()));
            }
            let widths: Vec<Object> = (32..=232).map(|_| Object::Integer(500)).collect();
            vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "Type3", "Name" => "ReportFont",
                "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
                "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
                "CharProcs" => procs,
                "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => diffs },
                "FirstChar" => 32, "LastChar" => 232, "Widths" => widths,
            })]
        },
        "BT /F1 12 Tf 72 700 Td (abc \\350a) Tj ET",
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "abc èa");
    assert_eq!(unmapped_of(&pdf), 0);
}

#[test]
fn arabic_drawn_in_visual_order_comes_out_in_logical_order_as_base_letters() {
    // "سلام 123" drawn left to right: the number, then the word's glyphs from its last
    // letter to its first, each mapped to its contextual presentation form.
    let cmap = b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange\n\
        4 beginbfchar <41> <FEE1> <42> <FE8E> <43> <FEE0> <44> <FEB3> endbfchar endcmap";
    let pdf = one_page_pdf(
        |doc| {
            let tu = add_stream(doc, Dictionary::new(), cmap.to_vec());
            vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding", "ToUnicode" => tu,
            })]
        },
        "BT /F1 12 Tf 72 700 Td (123 ABCD) Tj ET",
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "\u{0633}\u{0644}\u{0627}\u{0645} 123");
}

#[test]
fn text_in_a_missing_or_unreadable_font_is_kept_through_a_stand_in_and_counted() {
    let pdf = one_page_pdf(
        |doc| {
            // /F1 points at an object that is not there, /F2 at a dictionary that is no font.
            let not_a_font = doc.add_object(dictionary! { "Type" => "Page" });
            vec![Object::Reference((999, 0)), Object::Reference(not_a_font)]
        },
        "BT /F1 12 Tf 72 700 Td (Hello there) Tj ET BT /F2 12 Tf 72 600 Td (caf\\351) Tj ET",
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "Hello there\ncafé");
    let warnings = extract(&pdf, &ExtractOptions::default()).expect("read").warnings;
    assert!(warnings.iter().any(|w| w.message.starts_with("15 glyph(s) in a font that is missing")), "{warnings:?}");
}

/// A Type0 font of the Adobe-Japan1 collection with no ToUnicode and no program.
fn japan1_font(doc: &mut Document, encoding: &str) -> Object {
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "Ryumin-Light",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Japan1"), "Supplement" => 2 },
        "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "Ryumin-Light", "Flags" => 4, "Ascent" => 880, "Descent" => -120 },
        "DW" => 1000,
    });
    Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => format!("Ryumin-Light-{encoding}"), "Encoding" => encoding,
        "DescendantFonts" => vec![cid.into()],
    })
}

#[test]
fn cjk_cid_font_without_tounicode_or_program_reads_through_the_collection_table() {
    // CIDs 843 (あ), 2980 (中), 1125 (亜) of Adobe-Japan1.
    let pdf = one_page_pdf(|doc| vec![japan1_font(doc, "Identity-H")], "BT /F1 12 Tf 72 700 Td <034B0BA40465> Tj ET", Dictionary::new());
    assert_eq!(text_of(&pdf), "あ中亜");
    assert_eq!(unmapped_of(&pdf), 0);
}

#[test]
fn vertical_cjk_reads_top_to_bottom_and_columns_right_to_left() {
    // Two columns of Identity-V text: the right one (x = 300) is read first.
    let pdf = one_page_pdf(
        |doc| vec![japan1_font(doc, "Identity-V")],
        "BT /F1 12 Tf 1 0 0 1 300 700 Tm <034B0BA4> Tj 1 0 0 1 280 700 Tm <0465034B> Tj ET",
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf).replace([' ', '\n'], ""), "あ中亜あ");
}
