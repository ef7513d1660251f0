//! Pictures of figures and wide tables, rendered from small PDFs built here.
//!
//! Nothing finds figures yet, so each test builds the document (and where it needs one, the
//! layout) by hand and places the figure's region where the PDF draws something known.

use lopdf::{dictionary, Dictionary, Object, Stream};
use quire::layout::{Graphic, GraphicKind, Layout, Page, Rect};
use quire::render::{render_pictures, RenderOptions};
use quire::tree::{Block, BoxPt, Cell, Figure, Image, Provenance, Section, Table};
use quire::{Document, Format, Warning};

/// The JPEG fixture: 48 × 32 px, left half red, right half blue, a green square in the
/// lower left (made once with `pdftoppm -jpeg` from a three-rectangle PDF).
const SWATCH: &[u8] = include_bytes!("render_fixtures/swatch-48x32.jpg");

/// One page to build: what it draws, extra page entries, and image XObjects by name.
struct PageSpec {
    content: String,
    extra: Dictionary,
    images: Vec<(&'static str, Stream)>,
}

impl PageSpec {
    fn new(content: &str) -> PageSpec {
        PageSpec { content: content.into(), extra: Dictionary::new(), images: vec![] }
    }
}

/// A PDF of these pages (600 × 800 pt media boxes unless `extra` says otherwise), with
/// Helvetica as /F1; returns the bytes and each page's image object ids by name.
fn build(pages: Vec<PageSpec>) -> (Vec<u8>, Vec<Vec<(u32, u16)>>) {
    build_onto(lopdf::Document::with_version("1.7"), pages)
}

/// [`build`] onto a document that already holds some objects (a shared ICC profile).
fn build_onto(mut doc: lopdf::Document, pages: Vec<PageSpec>) -> (Vec<u8>, Vec<Vec<(u32, u16)>>) {
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let mut kids: Vec<Object> = vec![];
    let mut ids = vec![];
    for spec in pages {
        let mut xobjects = Dictionary::new();
        let mut page_ids = vec![];
        for (name, stream) in spec.images {
            let id = doc.add_object(stream);
            xobjects.set(name, id);
            page_ids.push(id);
        }
        ids.push(page_ids);
        let content = doc.add_object(Stream::new(Dictionary::new(), spec.content.into_bytes()));
        let mut page = dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects },
        };
        set_all(&mut page, &spec.extra);
        kids.push(doc.add_object(page).into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    (out, ids)
}

/// Sets each entry of `extra` in `dict`, replacing what was there (lopdf's `extend` would
/// merge the two values into an array).
fn set_all(dict: &mut Dictionary, extra: &Dictionary) {
    for (k, v) in extra.iter() {
        dict.set(k.clone(), v.clone());
    }
}

/// The swatch as an image XObject: a plain JPEG, plus `extra` entries.
fn swatch_xobject(extra: Dictionary) -> Stream {
    let mut dict = dictionary! {
        "Type" => "XObject", "Subtype" => "Image", "Width" => 48, "Height" => 32,
        "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
    };
    set_all(&mut dict, &extra);
    let mut s = Stream::new(dict, SWATCH.to_vec());
    s.allows_compression = false;
    s
}

/// A layout of blank pages of these sizes.
fn layout_of(sizes: &[(f32, f32)]) -> Layout {
    let pages = sizes
        .iter()
        .enumerate()
        .map(|(i, &(width, height))| Page { number: i as u32 + 1, width, height, ..Default::default() })
        .collect();
    Layout { pages, ..Default::default() }
}

/// A document holding one figure per region, in order.
fn doc_with_figures(regions: &[(u32, Rect)]) -> Document {
    let mut doc = Document::new();
    let blocks = regions
        .iter()
        .map(|&(page, r)| {
            let bbox = BoxPt { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 };
            Block::figure(Figure::default(), "A caption", vec![Provenance { page, bbox }])
        })
        .collect();
    doc.sections.push(Section { level: 1, title: Some("Results".into()), blocks, source: vec![] });
    doc
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
    Rect { x0, y0, x1, y1 }
}

/// The pictures of the document's figures, in order.
fn pictures(doc: &Document) -> Vec<Option<Image>> {
    doc.displays().map(|b| b.figure.as_ref().and_then(|f| f.image.clone())).collect()
}

/// Decodes a PNG into RGB rows (grey pictures widened to RGB).
fn decode(img: &Image) -> (u32, u32, Vec<[u8; 3]>) {
    assert_eq!(img.media_type, "image/png");
    let mut r = png::Decoder::new(std::io::Cursor::new(&img.data)).read_info().expect("a PNG");
    let mut buf = vec![0; r.output_buffer_size().expect("size")];
    let info = r.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    let px = match info.color_type {
        png::ColorType::Rgb => buf.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Grayscale => buf.iter().map(|&g| [g, g, g]).collect(),
        other => panic!("unexpected colour type {other:?}"),
    };
    (info.width, info.height, px)
}

/// The box (in points on the page) of the picture's pixels that `is` picks, given the region.
fn box_of(img: &Image, region: Rect, is: impl Fn([u8; 3]) -> bool) -> Option<Rect> {
    let (w, h, px) = decode(img);
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if is(px[(y * w + x) as usize]) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            }
        }
    }
    let pt = |p: u32| p as f32 * 72.0 / img.dpi;
    (x0 <= x1).then(|| rect(region.x0 + pt(x0), region.y0 + pt(y0), region.x0 + pt(x1), region.y0 + pt(y1)))
}

fn red(p: [u8; 3]) -> bool {
    p[0] > 200 && p[1] < 60 && p[2] < 60
}

/// Whether two boxes agree within `tol` points on every edge.
fn near(a: Rect, b: Rect, tol: f32) -> bool {
    (a.x0 - b.x0).abs() <= tol && (a.y0 - b.y0).abs() <= tol && (a.x1 - b.x1).abs() <= tol && (a.y1 - b.y1).abs() <= tol
}

fn serial() -> RenderOptions {
    let mut o = RenderOptions::default();
    o.parallel = false;
    o
}

/// A red 200 × 100 pt rectangle with its lower-left corner at (100, 500) in user space.
const RED_BOX: &str = "1 0 0 rg 100 500 200 100 re f";

#[test]
fn a_red_rectangle_lands_where_the_layout_puts_it() {
    let (pdf, _) = build(vec![PageSpec::new(RED_BOX)]);
    let region = rect(50.0, 150.0, 350.0, 350.0);
    let mut doc = doc_with_figures(&[(1, region)]);
    let warnings = render_pictures(&pdf, &layout_of(&[(600.0, 800.0)]), &mut doc, &serial());
    assert!(warnings.is_empty(), "{warnings:?}");
    let img = pictures(&doc)[0].clone().expect("a picture");
    assert_eq!((img.file.as_str(), img.dpi), ("fig-1.png", 150.0));
    // 300 × 200 pt at 150 dpi is 625 × 417 px, give or take the pixel edges.
    let (w, h, _) = decode(&img);
    assert!((w as i32 - 625).abs() <= 1 && (h as i32 - 417).abs() <= 1, "{w} × {h}");
    assert_eq!((img.width, img.height), (w, h));
    // Layout space: top-left origin, y down, so the box spans y 800-600 .. 800-500.
    let found = box_of(&img, region, red).expect("red pixels");
    assert!(near(found, rect(100.0, 200.0, 300.0, 300.0), 1.0), "{found:?}");
}

#[test]
fn a_crop_box_offset_moves_the_origin_to_its_corner() {
    let mut spec = PageSpec::new(RED_BOX);
    spec.extra.set("CropBox", vec![50.into(), 100.into(), 550.into(), 700.into()]);
    let (pdf, _) = build(vec![spec]);
    let region = rect(0.0, 50.0, 300.0, 250.0);
    let mut doc = doc_with_figures(&[(1, region)]);
    let warnings = render_pictures(&pdf, &layout_of(&[(500.0, 600.0)]), &mut doc, &serial());
    assert!(warnings.is_empty(), "{warnings:?}");
    let img = pictures(&doc)[0].clone().expect("a picture");
    // x 100..300 less the crop's 50; y from the crop's top (700): 700-600 .. 700-500.
    let found = box_of(&img, region, red).expect("red pixels");
    assert!(near(found, rect(50.0, 100.0, 250.0, 200.0), 1.0), "{found:?}");
}

#[test]
fn a_rotated_page_is_rendered_as_the_extractor_reads_it() {
    // Text inside the red box, so the extractor says where the box is on the turned page.
    let content = format!("{RED_BOX} 0 g BT /F1 12 Tf 0 1 -1 0 200 520 Tm (Hello) Tj ET");
    let mut spec = PageSpec::new(&content);
    spec.extra.set("Rotate", 90);
    spec.extra.set("CropBox", vec![50.into(), 100.into(), 550.into(), 700.into()]);
    let (pdf, _) = build(vec![spec]);
    let layout = quire::extract(&pdf, &Default::default()).expect("read").output;
    assert_eq!((layout.pages[0].width, layout.pages[0].height), (600.0, 500.0));
    let word = layout.pages[0].blocks[0].lines[0].words[0].bbox;
    // The page turned a quarter clockwise: user (x, y) lands at (y - 100, x - 50).
    let expected = rect(400.0, 50.0, 500.0, 250.0);
    let region = rect(350.0, 0.0, 600.0, 300.0);
    let mut doc = doc_with_figures(&[(1, region)]);
    let warnings = render_pictures(&pdf, &layout, &mut doc, &serial());
    assert!(warnings.is_empty(), "{warnings:?}");
    let img = pictures(&doc)[0].clone().expect("a picture");
    let found = box_of(&img, region, red).expect("red pixels");
    assert!(near(found, expected, 1.0), "{found:?}");
    assert!(word.x0 >= found.x0 && word.x1 <= found.x1 && word.y0 >= found.y0 && word.y1 <= found.y1, "word {word:?} outside the red {found:?}");
    // The text is drawn where the extractor read it: dark pixels inside the word's box.
    let dark = box_of(&img, region, |p| p[0] < 80 && p[1] < 80 && p[2] < 80).expect("the text");
    assert!(near(dark, word, 4.0), "text drawn at {dark:?}, read at {word:?}");
}

/// The swatch drawn 200 × 150 pt with its lower-left corner at (100, 500): layout box
/// x 100..300, y 150..300.
const SWATCH_DRAWN: &str = "q 200 0 0 150 100 500 cm /Im1 Do Q";

fn swatch_layout(object: (u32, u16), text_over: bool) -> Layout {
    let mut layout = layout_of(&[(600.0, 800.0)]);
    let bbox = rect(100.0, 150.0, 300.0, 300.0);
    layout.pages[0].graphics.push(Graphic { bbox, kind: GraphicKind::Image { object: Some(object) } });
    if text_over {
        let word = quire::layout::Word { text: "Label".into(), bbox: rect(150.0, 200.0, 180.0, 210.0), ..Default::default() };
        let line = quire::layout::Line { bbox: word.bbox, baseline: 208.0, words: vec![word] };
        layout.pages[0].blocks.push(quire::layout::TextBlock { bbox: line.bbox, lines: vec![line], column: 0 });
    }
    layout
}

#[test]
fn a_figure_that_is_one_jpeg_is_passed_through_byte_for_byte() {
    let mut spec = PageSpec::new(SWATCH_DRAWN);
    spec.images.push(("Im1", swatch_xobject(Dictionary::new())));
    let (pdf, ids) = build(vec![spec]);
    let mut doc = doc_with_figures(&[(1, rect(98.0, 148.0, 302.0, 302.0))]);
    let warnings = render_pictures(&pdf, &swatch_layout(ids[0][0], false), &mut doc, &serial());
    assert!(warnings.is_empty(), "{warnings:?}");
    let img = pictures(&doc)[0].clone().expect("a picture");
    assert_eq!((img.file.as_str(), img.media_type.as_str(), img.width, img.height), ("fig-1.jpg", "image/jpeg", 48, 32));
    assert!(img.data == SWATCH, "the JPEG's bytes unchanged");
    assert!((img.dpi - 48.0 * 72.0 / 200.0).abs() < 0.01, "{}", img.dpi);
}

#[test]
fn on_a_turned_page_a_jpeg_drawn_upright_for_the_reader_is_passed_through() {
    // /Rotate 90 turns the page a quarter clockwise: user (x, y) shows at (y, x). Drawn with
    // its columns running up and its rows to the right, the swatch reads upright.
    let region = rect(98.0, 148.0, 302.0, 302.0);
    for (cm, upright) in [("0 200 -150 0 300 100", true), ("0 -200 150 0 150 300", false)] {
        let mut spec = PageSpec::new(&format!("q {cm} cm /Im1 Do Q"));
        spec.extra.set("Rotate", 90);
        spec.images.push(("Im1", swatch_xobject(Dictionary::new())));
        let (pdf, ids) = build(vec![spec]);
        let mut layout = layout_of(&[(800.0, 600.0)]);
        let object = Some(ids[0][0]);
        layout.pages[0].graphics.push(Graphic { bbox: rect(100.0, 150.0, 300.0, 300.0), kind: GraphicKind::Image { object } });
        let mut doc = doc_with_figures(&[(1, region)]);
        let warnings = render_pictures(&pdf, &layout, &mut doc, &serial());
        assert!(warnings.is_empty(), "{cm}: {warnings:?}");
        let img = pictures(&doc)[0].clone().expect("a picture");
        if upright {
            assert!(img.media_type == "image/jpeg" && img.data == SWATCH, "{cm}: {}", img.file);
        } else {
            assert_eq!(img.media_type, "image/png", "{cm}");
            // Drawn the other way round, the red half shows on the right.
            let found = box_of(&img, region, red).expect("red pixels");
            assert!(found.x0 > 190.0, "{cm}: {found:?}");
        }
    }
}

/// A minimal ICC profile: an RGB header and a v2 `desc` tag reading `name`.
fn icc_profile(name: &str) -> Vec<u8> {
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend_from_slice(&(name.len() as u32 + 1).to_be_bytes());
    desc.extend_from_slice(name.as_bytes());
    desc.push(0);
    let mut p = vec![0; 128];
    p[16..20].copy_from_slice(b"RGB ");
    for v in [1, u32::from_be_bytes(*b"desc"), 144, desc.len() as u32] {
        p.extend_from_slice(&v.to_be_bytes());
    }
    p.extend_from_slice(&desc);
    p
}

#[test]
fn a_jpeg_tagged_srgb_passes_through_and_one_tagged_otherwise_is_rendered() {
    for (profile, passed) in [("sRGB IEC61966-2.1", true), ("Adobe RGB (1998)", false)] {
        let mut base = lopdf::Document::with_version("1.7");
        let icc = base.add_object(Stream::new(dictionary! { "N" => 3 }, icc_profile(profile)));
        let space = Object::Array(vec![Object::Name(b"ICCBased".to_vec()), icc.into()]);
        let mut spec = PageSpec::new(SWATCH_DRAWN);
        spec.images.push(("Im1", swatch_xobject(dictionary! { "ColorSpace" => space })));
        let (pdf, ids) = build_onto(base, vec![spec]);
        let mut doc = doc_with_figures(&[(1, rect(98.0, 148.0, 302.0, 302.0))]);
        let warnings = render_pictures(&pdf, &swatch_layout(ids[0][0], false), &mut doc, &serial());
        assert!(warnings.is_empty(), "{profile}: {warnings:?}");
        let img = pictures(&doc)[0].clone().expect("a picture");
        assert_eq!(img.media_type == "image/jpeg" && img.data == SWATCH, passed, "{profile}: {}", img.file);
    }
}

#[test]
fn a_jpeg_drawn_turned_or_inverted_or_written_over_is_rendered_instead() {
    let region = rect(98.0, 148.0, 302.0, 302.0);
    let cases: Vec<(&str, &str, Dictionary, bool)> = vec![
        // Mirrored left to right: the same box, drawn flipped.
        ("mirrored", "q -200 0 0 150 300 500 cm /Im1 Do Q", Dictionary::new(), false),
        ("inverted", SWATCH_DRAWN, dictionary! { "Decode" => vec![1.into(), 0.into(), 1.into(), 0.into(), 1.into(), 0.into()] }, false),
        ("labelled", SWATCH_DRAWN, Dictionary::new(), true),
        ("drawn over", "q 200 0 0 150 100 500 cm /Im1 Do Q 0 0 1 RG 150 550 m 250 600 l S", Dictionary::new(), false),
        ("clipped", "q 100 500 100 75 re W n 200 0 0 150 100 500 cm /Im1 Do Q", Dictionary::new(), false),
    ];
    for (what, content, extra, text_over) in cases {
        let mut spec = PageSpec::new(content);
        spec.images.push(("Im1", swatch_xobject(extra)));
        let (pdf, ids) = build(vec![spec]);
        let mut doc = doc_with_figures(&[(1, region)]);
        let warnings = render_pictures(&pdf, &swatch_layout(ids[0][0], text_over), &mut doc, &serial());
        assert!(warnings.is_empty(), "{what}: {warnings:?}");
        let img = pictures(&doc)[0].clone().unwrap_or_else(|| panic!("{what}: a picture"));
        assert_eq!((img.file.as_str(), img.media_type.as_str()), ("fig-1.png", "image/png"), "{what}");
    }
}

#[test]
fn the_mirrored_jpeg_is_rendered_mirrored() {
    let mut spec = PageSpec::new("q -200 0 0 150 300 500 cm /Im1 Do Q");
    spec.images.push(("Im1", swatch_xobject(Dictionary::new())));
    let (pdf, ids) = build(vec![spec]);
    let region = rect(100.0, 150.0, 300.0, 300.0);
    let mut doc = doc_with_figures(&[(1, region)]);
    render_pictures(&pdf, &swatch_layout(ids[0][0], false), &mut doc, &serial());
    let img = pictures(&doc)[0].clone().expect("a picture");
    // The swatch's red half is on its left; mirrored, it is on the right of the region.
    let found = box_of(&img, region, red).expect("red pixels");
    assert!(found.x0 > 190.0 && found.x1 > 290.0, "{found:?}");
}

#[test]
fn a_corrupt_image_gives_a_warning_not_a_panic() {
    let mut bad = swatch_xobject(Dictionary::new());
    bad.set_content(b"\xFF\xD8 this is no JPEG at all".to_vec());
    bad.allows_compression = false;
    let mut spec = PageSpec::new(SWATCH_DRAWN);
    spec.images.push(("Im1", bad));
    let (pdf, ids) = build(vec![spec]);
    let mut doc = doc_with_figures(&[(1, rect(98.0, 148.0, 302.0, 302.0))]);
    let warnings = render_pictures(&pdf, &swatch_layout(ids[0][0], false), &mut doc, &serial());
    assert_eq!(pictures(&doc), vec![None]);
    assert!(warnings.iter().all(|w| w.page == Some(1)), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.message.contains("figure 1 keeps no picture")), "{warnings:?}");
}

#[test]
fn broken_pages_and_bad_regions_give_warnings_and_the_rest_go_on() {
    // Page 1: its content is missing (a null). Page 2: fine.
    let mut broken = PageSpec::new("");
    broken.extra.set("Contents", Object::Null);
    let (mut pdf, _) = build(vec![broken, PageSpec::new(RED_BOX)]);
    let region = rect(50.0, 150.0, 350.0, 350.0);
    let mut doc = doc_with_figures(&[(1, region), (2, region), (2, rect(700.0, 0.0, 800.0, 10.0)), (5, region)]);
    let warnings = render_pictures(&pdf, &layout_of(&[(600.0, 800.0), (600.0, 800.0)]), &mut doc, &serial());
    let got = pictures(&doc);
    assert!(got[0].is_none() && got[1].is_some() && got[2].is_none() && got[3].is_none(), "{got:?}");
    let says = |page: Option<u32>, text: &str| warnings.iter().any(|w: &Warning| w.page == page && w.message.contains(text));
    assert!(says(Some(1), "figure 1 keeps no picture: nothing visible"), "{warnings:?}");
    assert!(says(Some(2), "figure 3 keeps no picture: its region lies off the page"), "{warnings:?}");
    assert!(says(None, "figure 4 keeps no picture: its page 5 is not in the PDF"), "{warnings:?}");

    // A layout that disagrees with the PDF about the page's size renders nothing there.
    let mut doc = doc_with_figures(&[(1, region)]);
    let warnings = render_pictures(&pdf, &layout_of(&[(612.0, 792.0)]), &mut doc, &serial());
    assert_eq!(pictures(&doc), vec![None]);
    assert!(warnings[0].message.contains("reads the page as 600 × 800 pt"), "{warnings:?}");

    // Bytes that are no PDF at all: one warning, no picture.
    pdf.truncate(20);
    let mut doc = doc_with_figures(&[(1, region)]);
    let warnings = render_pictures(&pdf, &layout_of(&[(600.0, 800.0)]), &mut doc, &serial());
    assert_eq!(pictures(&doc), vec![None]);
    assert!(warnings.len() == 1 && warnings[0].message.contains("could not open the PDF"), "{warnings:?}");
}

#[test]
fn a_page_of_tens_of_thousands_of_paths_finishes_and_a_runaway_one_is_skipped() {
    let mut busy = String::from("0 0 1 rg ");
    for i in 0..40_000 {
        let (x, y) = (50 + (i % 200) * 2, 400 + (i / 200) * 2);
        busy.push_str(&format!("{x} {y} m {} {} l {} {y} l h f\n", x + 1, y + 1, x + 2));
    }
    let runaway = "n\n".repeat(quire::render::MAX_PAGE_OPERATIONS + 10);
    let (pdf, _) = build(vec![PageSpec::new(&busy), PageSpec::new(&runaway)]);
    let region = rect(40.0, 0.0, 460.0, 410.0);
    let mut doc = doc_with_figures(&[(1, region), (2, region)]);
    let started = std::time::Instant::now();
    let warnings = render_pictures(&pdf, &layout_of(&[(600.0, 800.0), (600.0, 800.0)]), &mut doc, &serial());
    eprintln!("40 000 paths and a runaway page: {:?}", started.elapsed());
    let got = pictures(&doc);
    assert!(got[0].is_some() && got[1].is_none(), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.page == Some(2) && w.message.contains("too many to render")), "{warnings:?}");
}

#[test]
fn pages_rendered_on_two_threads_give_the_same_pictures() {
    let (pdf, _) = build(vec![PageSpec::new(RED_BOX), PageSpec::new("0 0 1 rg 100 100 50 50 re f"), PageSpec::new(RED_BOX)]);
    let layout = layout_of(&[(600.0, 800.0); 3]);
    let regions = [(1, rect(50.0, 150.0, 350.0, 350.0)), (2, rect(90.0, 640.0, 160.0, 710.0)), (3, rect(0.0, 0.0, 600.0, 400.0)), (1, rect(90.0, 190.0, 310.0, 310.0))];
    let mut one = doc_with_figures(&regions);
    let mut two = one.clone();
    let w1 = render_pictures(&pdf, &layout, &mut one, &serial());
    let w2 = render_pictures(&pdf, &layout, &mut two, &RenderOptions::default());
    assert_eq!(w1, w2);
    assert_eq!(pictures(&one), pictures(&two));
    let files: Vec<String> = pictures(&one).into_iter().map(|p| p.expect("a picture").file).collect();
    assert_eq!(files, ["fig-1.png", "fig-2.png", "fig-3.png", "fig-4.png"]);
}

#[test]
fn a_wide_table_gets_a_picture_and_a_narrow_one_none() {
    let (pdf, _) = build(vec![PageSpec::new(RED_BOX)]);
    let row = |n: usize| (0..n).map(|i| Cell::new(i.to_string())).collect::<Vec<_>>();
    let prov = vec![Provenance { page: 1, bbox: BoxPt { x0: 50.0, y0: 150.0, x1: 350.0, y1: 350.0 } }];
    let mut doc = Document::new();
    let narrow = Table { rows: vec![row(3)], ..Default::default() };
    let wide = Table { rows: vec![row(8)], ..Default::default() };
    doc.sections.push(Section {
        level: 1,
        title: None,
        blocks: vec![Block::table(narrow, "", prov.clone()), Block::table(wide, "", prov)],
        source: vec![],
    });
    let warnings = render_pictures(&pdf, &layout_of(&[(600.0, 800.0)]), &mut doc, &serial());
    assert!(warnings.is_empty(), "{warnings:?}");
    let tables: Vec<Option<Image>> = doc.displays().map(|b| b.table.as_ref().and_then(|t| t.image.clone())).collect();
    assert!(tables[0].is_none());
    assert_eq!(tables[1].as_ref().map(|i| i.file.as_str()), Some("table-2.png"));
}

#[test]
fn write_outputs_writes_the_pictures_beside_the_jats_only() {
    let (pdf, _) = build(vec![PageSpec::new(RED_BOX)]);
    let layout = layout_of(&[(600.0, 800.0)]);
    let mut doc = doc_with_figures(&[(1, rect(50.0, 150.0, 350.0, 350.0))]);
    doc.source.name = Some("brief".into());
    render_pictures(&pdf, &layout, &mut doc, &serial());
    let png = pictures(&doc)[0].clone().expect("a picture").data;
    let out = std::env::temp_dir().join(format!("quire-render-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("out dir");

    let mut outputs = quire::Outputs { layout, document: doc, jats: None, epub: None, pdf: None, json: Some(b"{}".to_vec()) };
    let written = quire::write_outputs(&outputs, "brief", &out).expect("written");
    assert_eq!(written, vec![out.join("brief.json")]);
    assert!(!out.join("brief").exists(), "no JATS, no picture folder");

    outputs.jats = Some(b"<article/>".to_vec());
    let written = quire::write_outputs(&outputs, "brief", &out).expect("written");
    let picture = out.join("brief").join("fig-1.png");
    assert_eq!(written, vec![out.join("brief.xml"), out.join("brief.json"), picture.clone()]);
    assert_eq!(std::fs::read(&picture).expect("the picture"), png);
    let leftovers: Vec<_> = std::fs::read_dir(out.join("brief")).expect("dir").filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty());

    // A picture name that would leave the folder is refused, and nothing is written.
    outputs.document.sections[0].blocks[0].figure.as_mut().expect("figure").image.as_mut().expect("image").file = "../escape.png".into();
    assert!(quire::write_outputs(&outputs, "brief", &out).is_err());
    assert!(!out.join("escape.png").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn only_formats_that_show_pictures_ask_for_them() {
    let doc = doc_with_figures(&[(1, rect(0.0, 0.0, 10.0, 10.0))]);
    assert!(!quire::render::pictures_wanted(&[Format::Json], &doc));
    for f in [Format::Jats, Format::Epub, Format::Pdf] {
        assert!(quire::render::pictures_wanted(&[Format::Json, f], &doc), "{f:?}");
    }
    assert!(!quire::render::pictures_wanted(&Format::ALL, &Document::new()), "no figures, no rendering");
}

/// The red box and, below it, the swatch drawn 200 × 150 pt at (100, 100), encrypted
/// (AES-256, user password "secret") with qpdf.
const ENCRYPTED: &[u8] = include_bytes!("render_fixtures/encrypted-swatch.pdf");

#[test]
fn an_encrypted_pdf_renders_with_its_password_and_its_jpeg_passes_through_decrypted() {
    let pdf = hayro::hayro_syntax::Pdf::new_with_password(ENCRYPTED.to_vec(), "secret").expect("opens");
    let im: hayro::hayro_syntax::object::Stream<'_> = pdf.pages()[0].resources().x_objects.get(b"Im1".as_slice()).expect("Im1");
    let id = im.obj_id();
    let mut layout = layout_of(&[(600.0, 800.0)]);
    let image_box = rect(100.0, 550.0, 300.0, 700.0);
    let object = Some((id.obj_number, id.gen_number as u16));
    layout.pages[0].graphics.push(Graphic { bbox: image_box, kind: GraphicKind::Image { object } });
    let regions = [(1, rect(50.0, 150.0, 350.0, 350.0)), (1, rect(98.0, 548.0, 302.0, 702.0))];

    let mut opts = serial();
    opts.password = Some("secret".into());
    let mut doc = doc_with_figures(&regions);
    let warnings = render_pictures(ENCRYPTED, &layout, &mut doc, &opts);
    assert!(warnings.is_empty(), "{warnings:?}");
    let got = pictures(&doc);
    let box_ = got[0].clone().expect("the red box's picture");
    let found = box_of(&box_, regions[0].1, red).expect("red pixels");
    assert!(near(found, rect(100.0, 200.0, 300.0, 300.0), 1.0), "{found:?}");
    let jpeg = got[1].clone().expect("the swatch");
    assert_eq!(jpeg.media_type, "image/jpeg");
    assert!(jpeg.data == SWATCH, "the JPEG decrypted, byte for byte");

    // Without the password nothing opens: one warning, no pictures.
    let mut doc = doc_with_figures(&regions);
    let warnings = render_pictures(ENCRYPTED, &layout, &mut doc, &serial());
    assert_eq!(pictures(&doc), vec![None, None]);
    assert!(warnings.len() == 1 && warnings[0].message.contains("could not open the PDF"), "{warnings:?}");
}
