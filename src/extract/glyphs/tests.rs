//! Tests of content-stream interpretation on one-page PDFs built here.

use super::*;
use lopdf::{dictionary, Stream};

/// Builds a one-page PDF with `fonts` as /F1, /F2… and the given content stream.
fn one_page(fonts: Vec<Object>, content: &str, page_extra: Dictionary, xobjects: Dictionary) -> Document {
    one_page_with(|_| fonts, content, page_extra, xobjects)
}

/// [`one_page`] with fonts made by `fonts(doc)`, which may add objects of their own and
/// return references to them.
pub(in crate::extract) fn one_page_with(
    fonts: impl FnOnce(&mut Document) -> Vec<Object>,
    content: &str,
    page_extra: Dictionary,
    xobjects: Dictionary,
) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut font_dict = Dictionary::new();
    for (i, f) in fonts(&mut doc).into_iter().enumerate() {
        let id = match f {
            Object::Reference(id) => id,
            f => doc.add_object(f),
        };
        font_dict.set(format!("F{}", i + 1), id);
    }
    let content_id = doc.add_object(Stream::new(Dictionary::new(), content.as_bytes().to_vec()));
    let mut page = dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => font_dict, "XObject" => xobjects },
    };
    page.extend(&page_extra);
    let page_id = doc.add_object(page);
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn glyphs_of(doc: &Document) -> Vec<Glyph> {
    let page_id = *doc.get_pages().get(&1).expect("one page");
    let mut fonts = FontCache::default();
    let mut stats = ExtractStats::default();
    read_page(doc, page_id, 1, 0, &Default::default(), &mut fonts, &mut stats, &mut Vec::new()).glyphs
}

fn text(gs: &[Glyph]) -> String {
    gs.iter().map(|g| &*g.text).collect()
}

fn helvetica() -> Object {
    Object::Dictionary(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" })
}

#[test]
fn standard_font_with_differences_maps_names_and_widths() {
    let font = Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
        "Encoding" => dictionary! { "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![1.into(), Object::Name(b"fi".to_vec()), Object::Name(b"quotedblleft".to_vec())] },
    });
    let doc = one_page(vec![font], "BT /F1 10 Tf 100 700 Td (\\001nd \\002\\351t\\351) Tj ET", Dictionary::new(), Dictionary::new());
    let gs = glyphs_of(&doc);
    assert_eq!(text(&gs), "find \u{201C}été");
    // Times-Roman "f" "i" ligature glyph is 556 wide; at 10 pt the next glyph starts 5.56 pt later.
    assert!((gs[1].bbox.x0 - 105.56).abs() < 0.01, "{:?}", gs[1].bbox);
    assert!((gs[0].baseline - 100.0).abs() < 0.01);
    assert!(gs[0].upright && (gs[0].size - 10.0).abs() < 1e-3);
}

#[test]
fn tj_kerning_and_word_spacing_move_the_pen() {
    let doc = one_page(vec![helvetica()], "BT /F1 10 Tf 5 Tw 0 0 Td [(a) -1000 (b)] TJ ( a) Tj ET", Dictionary::new(), Dictionary::new());
    let gs = glyphs_of(&doc);
    assert_eq!(text(&gs), "ab a");
    // a = 5.56, then -1000 kerning moves 10 pt right.
    assert!((gs[1].bbox.x0 - 15.56).abs() < 0.01, "{:?}", gs[1].bbox);
    // b = 5.56; space = 2.78 + 5 word spacing.
    assert!((gs[3].bbox.x0 - (15.56 + 5.56 + 2.78 + 5.0)).abs() < 0.01, "{:?}", gs[3].bbox);
}

#[test]
fn type0_font_with_tounicode_bfrange_decodes_two_byte_codes() {
    let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <0010> <0012> <0041> endbfrange 1 beginbfchar <0020> <00660066> endbfchar endcmap";
    let mut doc = one_page(vec![Object::Null], "BT /F1 20 Tf 0 0 Td <0010001100120020> Tj ET", Dictionary::new(), Dictionary::new());
    let tu = doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec()));
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ABCDEF+Liberation-Serif",
        "W" => vec![16.into(), vec![Object::Integer(600), 700.into()].into(), 18.into(), 32.into(), 400.into()],
        "DW" => 1000,
    });
    let font = Object::Dictionary(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ABCDEF+Liberation-Serif", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid.into()], "ToUnicode" => tu,
    });
    // one_page stored the placeholder font as the first object after the page tree's id.
    let font_id = doc.objects.iter().find(|(_, o)| o.is_null()).map(|(id, _)| *id).expect("placeholder");
    doc.objects.insert(font_id, font);
    let gs = glyphs_of(&doc);
    assert_eq!(text(&gs), "ABCff");
    assert!((gs[1].bbox.x0 - 12.0).abs() < 0.01);
    assert!((gs[2].bbox.x0 - 26.0).abs() < 0.01);
    assert!((gs[3].bbox.x0 - 34.0).abs() < 0.01);
}

#[test]
fn form_xobject_text_is_read_with_its_matrix() {
    let mut doc = one_page(vec![helvetica()], "q 1 0 0 1 50 60 cm /X1 Do Q", Dictionary::new(), Dictionary::new());
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "Matrix" => vec![2.into(), 0.into(), 0.into(), 2.into(), 0.into(), 0.into()] },
        b"BT /F1 10 Tf 10 0 Td (Hi) Tj ET /X1 Do".to_vec(),
    );
    let form_id = doc.add_object(form);
    let page_id = *doc.get_pages().get(&1).expect("page");
    let res = doc.get_dictionary_mut(page_id).and_then(|p| p.get_mut(b"Resources")).and_then(|r| r.as_dict_mut()).expect("resources");
    res.set("XObject", dictionary! { "X1" => form_id });
    let gs = glyphs_of(&doc);
    assert_eq!(text(&gs), "Hi", "the self-referencing form runs once");
    assert!((gs[0].bbox.x0 - 70.0).abs() < 0.01);
    assert!((gs[0].size - 20.0).abs() < 0.01);
    assert!((gs[0].baseline - (800.0 - 60.0)).abs() < 0.01);
}

#[test]
fn filled_in_form_fields_are_read_from_their_appearance_set_in_their_rect() {
    let mut doc = one_page(vec![helvetica()], "BT /F1 10 Tf 72 700 Td (Name:) Tj ET", Dictionary::new(), Dictionary::new());
    let field = |doc: &mut Document, text: &str, rect: [i64; 4], flags: i64| {
        let ap = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "Helv" => helvetica() } } },
            format!("/Tx BMC q BT /Helv 10 Tf 2 5 Td ({text}) Tj ET Q EMC").into_bytes(),
        ));
        doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "F" => flags,
            "Rect" => rect.iter().map(|&v| v.into()).collect::<Vec<Object>>(),
            "AP" => dictionary! { "N" => ap },
        })
    };
    let shown = field(&mut doc, "Jane Doe", [110, 690, 310, 730], 4);
    let hidden = field(&mut doc, "Secret", [110, 600, 310, 640], 2);
    let page_id = *doc.get_pages().get(&1).expect("page");
    doc.get_object_mut(page_id).and_then(Object::as_dict_mut).expect("page").set("Annots", vec![shown.into(), hidden.into()]);
    let gs = glyphs_of(&doc);
    assert_eq!(text(&gs), "Name:Jane Doe");
    // The 100 x 20 appearance is scaled twice over into its 200 x 40 rect.
    let j = &gs[5];
    assert!((j.bbox.x0 - 114.0).abs() < 0.01 && (j.size - 20.0).abs() < 0.01, "{j:?}");
    assert!((j.baseline - (800.0 - 700.0)).abs() < 0.01, "{j:?}");
}

#[test]
fn artifact_marked_content_marks_its_glyphs_and_ends_with_its_span() {
    let doc = one_page(
        vec![helvetica()],
        "BT /F1 10 Tf /Artifact << /Type /Pagination /Subtype /Header >> BDC (a) Tj /Span BMC (b) Tj EMC EMC (c) Tj /Artifact BMC (d) Tj EMC (e) Tj ET",
        Dictionary::new(),
        Dictionary::new(),
    );
    let gs = glyphs_of(&doc);
    assert_eq!(gs.iter().map(|g| (&*g.text, g.artifact)).collect::<Vec<_>>(), vec![("a", true), ("b", true), ("c", false), ("d", true), ("e", false)]);
}

#[test]
fn marked_content_ids_give_glyphs_the_structure_trees_tag() {
    use crate::layout::Tag;
    let doc = one_page(
        vec![helvetica()],
        "/H2 <</MCID 0>> BDC BT /F1 10 Tf (a) Tj ET EMC /P <</MCID 1>> BDC BT /F1 10 Tf (b) Tj /Span BMC (c) Tj EMC ET EMC BT /F1 10 Tf (d) Tj ET",
        Dictionary::new(),
        Dictionary::new(),
    );
    let page_id = *doc.get_pages().get(&1).expect("one page");
    let tags: rustc_hash::FxHashMap<u32, Tag> = [(0, Tag::Heading(2)), (1, Tag::Paragraph)].into_iter().collect();
    let gs = read_page(&doc, page_id, 1, 0, &tags, &mut FontCache::default(), &mut ExtractStats::default(), &mut Vec::new()).glyphs;
    let got: Vec<(&str, Option<Tag>)> = gs.iter().map(|g| (&*g.text, g.tag)).collect();
    assert_eq!(got, vec![("a", Some(Tag::Heading(2))), ("b", Some(Tag::Paragraph)), ("c", Some(Tag::Paragraph)), ("d", None)]);
}

#[test]
fn render_mode_three_marks_glyphs_invisible() {
    let doc = one_page(vec![helvetica()], "BT /F1 10 Tf 3 Tr (ab) Tj 0 Tr (c) Tj ET", Dictionary::new(), Dictionary::new());
    let gs = glyphs_of(&doc);
    assert_eq!(gs.iter().map(|g| g.invisible).collect::<Vec<_>>(), vec![true, true, false]);
}

#[test]
fn rotated_page_maps_text_to_the_top_left_of_the_turned_page() {
    let extra = dictionary! { "Rotate" => 90 };
    let doc = one_page(vec![helvetica()], "BT /F1 10 Tf 0 1 -1 0 300 100 Tm (x) Tj ET", extra, Dictionary::new());
    let page_id = *doc.get_pages().get(&1).expect("page");
    let mut fonts = FontCache::default();
    let pg = read_page(&doc, page_id, 1, 0, &Default::default(), &mut fonts, &mut ExtractStats::default(), &mut Vec::new());
    assert_eq!((pg.width, pg.height), (800.0, 600.0));
    let g = &pg.glyphs[0];
    // Text running up the unrotated page reads left to right once the page is turned.
    assert!(g.upright, "{g:?}");
    assert!((g.bbox.x0 - 100.0).abs() < 0.01 && (g.baseline - 300.0).abs() < 0.01, "{g:?}");
}

#[test]
fn actual_text_replaces_the_glyphs_of_its_span() {
    let doc = one_page(
        vec![helvetica()],
        "BT /F1 10 Tf /Span << /ActualText (ffi) >> BDC (xyz) Tj EMC (ce) Tj ET",
        Dictionary::new(),
        Dictionary::new(),
    );
    let gs = glyphs_of(&doc);
    assert_eq!(gs.iter().map(|g| &*g.text).collect::<Vec<_>>(), vec!["ffi", "c", "e"]);
    assert!((gs[0].bbox.x1 - 15.0).abs() < 0.01, "{:?}", gs[0].bbox);
}

#[test]
fn soft_hyphen_is_dropped_inside_a_line_and_kept_at_its_end() {
    let doc = one_page(vec![helvetica()], "BT /F1 10 Tf 0 100 Td (a\\255b\\255) Tj 0 -12 Td (c) Tj ET", Dictionary::new(), Dictionary::new());
    assert_eq!(text(&glyphs_of(&doc)), "ab\u{AD}c");
}

#[test]
fn a_stream_unreadable_part_way_is_discarded_whole_as_lopdf_rejects_it() {
    let mut doc = one_page(vec![helvetica()], "BT /F1 10 Tf (ab) Tj ET /X1 Do q BI /W 2 ID xx", Dictionary::new(), Dictionary::new());
    let form = Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Form" }, b"BT /F1 10 Tf (cd) Tj ET".to_vec());
    let form_id = doc.add_object(form);
    let page_id = *doc.get_pages().get(&1).expect("page");
    let res = doc.get_dictionary_mut(page_id).and_then(|p| p.get_mut(b"Resources")).and_then(|r| r.as_dict_mut()).expect("resources");
    res.set("XObject", dictionary! { "X1" => form_id });
    let (mut fonts, mut stats, mut warnings) = (FontCache::default(), ExtractStats::default(), Vec::new());
    let pg = read_page(&doc, page_id, 1, 0, &Default::default(), &mut fonts, &mut stats, &mut warnings);
    assert!(pg.glyphs.is_empty(), "{:?}", text(&pg.glyphs));
    assert_eq!(stats, ExtractStats::default());
    assert!(warnings.iter().any(|w| w.message.contains("could not be read")), "{warnings:?}");
    // Without the broken image the text is kept.
    let good = one_page(vec![helvetica()], "BT /F1 10 Tf (ab) Tj ET", Dictionary::new(), Dictionary::new());
    assert_eq!(text(&glyphs_of(&good)), "ab");
}

#[test]
fn garbage_content_never_panics() {
    let doc = one_page(vec![helvetica()], "BT /F1 Tf Tm 1 2 Td [(a) /x] TJ Q Q ET EMC ) (", Dictionary::new(), Dictionary::new());
    let _ = glyphs_of(&doc);
}
