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

/// A font program of the bundled faces that has the table `tag` (`glyf` for TrueType outlines, `CFF ` for CFF).
fn bundled_face_with(tag: &[u8; 4]) -> &'static [u8] {
    typst_assets::fonts()
        .find(|data| ttf_parser::RawFace::parse(data, 0).is_ok_and(|f| f.table(ttf_parser::Tag::from_bytes(tag)).is_some()))
        .expect("a bundled face with the table")
}

/// The glyph ids of `text` in the face `data`, as two-byte codes in hex.
fn gid_codes(data: &[u8], text: &str) -> String {
    let face = ttf_parser::Face::parse(data, 0).expect("face");
    text.chars().map(|c| format!("{:04X}", face.glyph_index(c).expect("glyph").0)).collect()
}

/// A simple TrueType font that is not embedded and has no ToUnicode, with `flags` and `encoding`.
fn unembedded_truetype(flags: i64, encoding: Object) -> Object {
    Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Arial,Bold",
        "FirstChar" => 1, "LastChar" => 255,
        "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "Arial,Bold", "Flags" => flags, "Ascent" => 905, "Descent" => -212 },
        "Encoding" => encoding,
    })
}

#[test]
fn truetype_without_tounicode_reads_through_its_winansi_encoding_and_differences() {
    let encoding = Object::Dictionary(dictionary! {
        "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding", "Differences" => vec![1.into(), Object::Name(b"fi".to_vec())],
    });
    // Word marks text fonts symbolic (flag 4) as often as not: the encoding still decides.
    for flags in [32, 4] {
        let pdf = one_page_pdf(|_| vec![unembedded_truetype(flags, encoding.clone())], "BT /F1 12 Tf 72 700 Td (caf\\351 \\001ne \\200 \\223q\\224) Tj ET", Dictionary::new());
        assert_eq!(text_of(&pdf), "café fine € \u{201C}q\u{201D}", "flags {flags}");
        assert_eq!(unmapped_of(&pdf), 0, "flags {flags}");
    }
}

/// A Type 0 font with Identity-H and no ToUnicode over a descendant CID font of `subtype`
/// whose program is the stream `file` under the descriptor key `file.0`; `extra` adds entries.
fn identity_h(doc: &mut Document, subtype: &str, file: (&str, ObjectId), flags: i64, extra: Dictionary) -> Object {
    let mut cid_font = dictionary! {
        "Type" => "Font", "Subtype" => subtype, "BaseFont" => "ABCDEF+Embedded",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "ABCDEF+Embedded", "Flags" => flags, file.0 => file.1 },
    };
    cid_font.extend(&extra);
    let cid = doc.add_object(cid_font);
    Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Embedded", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()],
    })
}

#[test]
fn identity_h_truetype_without_tounicode_reads_through_the_programs_own_cmap() {
    let data = bundled_face_with(b"glyf");
    let pdf = one_page_pdf(
        |doc| {
            let program = add_stream(doc, dictionary! { "Length1" => data.len() as i64 }, data.to_vec());
            vec![identity_h(doc, "CIDFontType2", ("FontFile2", program), 32, dictionary! { "CIDToGIDMap" => "Identity", "DW" => 600 })]
        },
        &format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", gid_codes(data, "Grüße, world")),
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "Grüße, world");
    assert_eq!(unmapped_of(&pdf), 0);
}

#[test]
fn identity_h_bare_cff_without_tounicode_reads_through_its_glyph_names() {
    let face = bundled_face_with(b"CFF ");
    let cff = ttf_parser::RawFace::parse(face, 0).expect("face").table(ttf_parser::Tag::from_bytes(b"CFF ")).expect("CFF").to_vec();
    let pdf = one_page_pdf(
        |doc| {
            let program = add_stream(doc, dictionary! { "Subtype" => "CIDFontType0C" }, cff);
            vec![identity_h(doc, "CIDFontType0", ("FontFile3", program), 34, dictionary! { "DW" => 500 })]
        },
        &format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", gid_codes(face, "Café offices")),
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "Café offices");
    assert_eq!(unmapped_of(&pdf), 0);
}

#[test]
fn invisible_text_over_a_page_image_is_kept_in_reading_order_and_called_an_ocr_layer() {
    let mut doc = super::glyphs::tests::one_page_with(
        |_| vec![Object::Dictionary(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" })],
        "q 600 0 0 800 0 0 cm /Im1 Do Q BT 3 Tr /F1 11 Tf 72 700 Td (Scanned minutes of) Tj 0 -14 Td (the second meeting) Tj ET",
        Dictionary::new(),
        Dictionary::new(),
    );
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![128],
    ));
    let page_id = *doc.get_pages().get(&1).expect("page");
    let page = doc.get_object_mut(page_id).and_then(Object::as_dict_mut).expect("page dict");
    let resources = page.get_mut(b"Resources").and_then(Object::as_dict_mut).expect("resources");
    resources.set("XObject", dictionary! { "Im1" => image });
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("saved");
    assert_eq!(text_of(&pdf), "Scanned minutes of\nthe second meeting");
    let warnings = extract(&pdf, &ExtractOptions::default()).expect("read").warnings;
    assert!(warnings.iter().any(|w| w.message.contains("OCR layer")), "{warnings:?}");
}

/// A minimal TrueType program: glyphs 1.. named `names` in its `post` table, reached from
/// codes 0x41.. through a symbol (3,0) cmap at U+F041.. as symbolic fonts are made.
fn symbol_truetype(names: &[&str]) -> Vec<u8> {
    let be16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_be_bytes());
    let be32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_be_bytes());
    let glyphs = names.len() as u16 + 1;
    let (first, last) = (0xF041u16, 0xF040 + names.len() as u16);
    let mut cmap = Vec::new();
    for x in [0, 1, 3, 0] {
        be16(&mut cmap, x);
    }
    be32(&mut cmap, 12);
    for x in [4, 32, 0, 4, 4, 1, 0, last, 0xFFFF, 0, first, 0xFFFF, 1u16.wrapping_sub(first), 1, 0, 0] {
        be16(&mut cmap, x);
    }
    let mut head = Vec::new();
    be32(&mut head, 0x0001_0000);
    be32(&mut head, 0x0001_0000);
    be32(&mut head, 0);
    be32(&mut head, 0x5F0F_3CF5);
    be16(&mut head, 0);
    be16(&mut head, 1000);
    head.extend_from_slice(&[0; 16]);
    for x in [0, 0xFF38, 1000, 900, 0, 8, 2, 0, 0] {
        be16(&mut head, x);
    }
    let mut hhea = Vec::new();
    be32(&mut hhea, 0x0001_0000);
    for x in [900, 0xFF38, 0, 600] {
        be16(&mut hhea, x);
    }
    hhea.extend_from_slice(&[0; 24]);
    be16(&mut hhea, 0);
    let mut maxp = Vec::new();
    be32(&mut maxp, 0x0000_5000);
    be16(&mut maxp, glyphs);
    let mut post = Vec::new();
    be32(&mut post, 0x0002_0000);
    post.extend_from_slice(&[0; 28]);
    be16(&mut post, glyphs);
    be16(&mut post, 0);
    for i in 0..names.len() as u16 {
        be16(&mut post, 258 + i);
    }
    for n in names {
        post.push(n.len() as u8);
        post.extend_from_slice(n.as_bytes());
    }
    let tables: [(&[u8; 4], Vec<u8>); 5] = [(b"cmap", cmap), (b"head", head), (b"hhea", hhea), (b"maxp", maxp), (b"post", post)];
    let mut font = Vec::new();
    be32(&mut font, 0x0001_0000);
    for x in [5, 64, 2, 16] {
        be16(&mut font, x);
    }
    let mut offset = 12 + 16 * tables.len() as u32;
    for (tag, data) in &tables {
        font.extend_from_slice(*tag);
        be32(&mut font, 0);
        be32(&mut font, offset);
        be32(&mut font, data.len() as u32);
        offset += (data.len() as u32).next_multiple_of(4);
    }
    for (_, data) in &tables {
        font.extend_from_slice(data);
        font.resize(font.len().next_multiple_of(4), 0);
    }
    font
}

#[test]
fn symbolic_truetype_without_encoding_reads_codes_through_its_symbol_cmap_and_glyph_names() {
    let program = symbol_truetype(&["Euro", "eacute", "uni0416"]);
    let pdf = one_page_pdf(
        |doc| {
            let file = add_stream(doc, dictionary! { "Length1" => program.len() as i64 }, program);
            vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Embedded",
                "FirstChar" => 65, "LastChar" => 67, "Widths" => vec![600.into(), 600.into(), 600.into()],
                "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "FontName" => "ABCDEF+Embedded", "Flags" => 4, "FontFile2" => file },
            })]
        },
        "BT /F1 12 Tf 72 700 Td (ABC) Tj ET",
        Dictionary::new(),
    );
    assert_eq!(text_of(&pdf), "€éЖ");
    assert_eq!(unmapped_of(&pdf), 0);
}
