//! quire converts policy-institute publications from PDF into JATS XML, EPUB 3 and a
//! reflowed PDF for small screens.
//!
//! The pipeline has three stages, each a module with one entry function:
//!
//! 1. [`extract()`] reads the PDF (through lopdf) and recovers positioned text: words with
//!    their font, size and place, grouped into lines and blocks in reading order
//!    (a [`Layout`]).
//! 2. [`normalise()`] builds one structured [`Document`] tree from the layout: front
//!    matter, sections, paragraphs, lists, quotes, footnotes, references, bio and
//!    colophon. Running heads, page numbers and typesetter hyphens never reach it.
//! 3. [`emit`] writes each output format from the tree alone. Before it, when the
//!    document has figures or wide tables and a format shows them, [`render`] makes
//!    their pictures from the PDF's pages.
//!
//! [`convert`] runs all three on a PDF held in memory, [`convert_file`] on a file.
//!
//! ```no_run
//! let pdf = std::fs::read("input/brief.pdf")?;
//! let done = quire::convert(&pdf, &quire::Options::default())?;
//! println!("{}", done.output.document.display_title());
//! for w in &done.warnings {
//!     eprintln!("warning: {w}");
//! }
//! std::fs::write("brief.xml", done.output.jats.unwrap())?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod emit;
mod error;
pub mod extract;
pub mod inspect;
pub mod layout;
pub mod normalise;
pub mod render;
mod text;
pub mod tree;
pub mod verify;
pub mod index;

pub use emit::Format;
pub use error::{Error, Result, Stage, Warned, Warning};
pub use extract::{extract, ExtractOptions};
pub use layout::Layout;
pub use normalise::{normalise, NormaliseOptions};
pub use tree::Document;

use std::path::{Path, PathBuf};

/// Settings for a whole conversion.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// Settings for reading the PDF.
    pub extract: ExtractOptions,
    /// Settings for building the tree.
    pub normalise: NormaliseOptions,
    /// Settings for the reflowed PDF.
    pub pdf: emit::PdfOptions,
    /// Settings for the EPUB.
    pub epub: emit::EpubOptions,
    /// Whether one conversion may use a second thread: pages are read two at a time, the
    /// back matter is read while the body is built, and the reflowed PDF is typeset (its
    /// streams deflated two at a time) while the other formats are written. The output is
    /// the same either way.
    ///
    /// On by default; turn it off when running many conversions side by side already.
    pub parallel: bool,
    /// The document's name (its file name without `.pdf`): the title of the EPUB and the
    /// reflowed PDF when the document prints none. [`convert_file`] sets it.
    pub name: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            formats: vec![Format::Jats, Format::Epub, Format::Pdf],
            extract: ExtractOptions::default(),
            normalise: NormaliseOptions::default(),
            pdf: emit::PdfOptions::default(),
            epub: emit::EpubOptions::default(),
            parallel: true,
            name: None,
        }
    }
}

impl Options {
    /// These options writing `formats` instead.
    pub fn with_formats(mut self, formats: &[Format]) -> Self {
        self.formats = formats.to_vec();
        self
    }

    /// These options naming the document `name` (see [`Options::name`]).
    pub fn with_name(mut self, name: &str) -> Self {
        self.name = Some(name.to_string());
        self
    }

    /// These options with the PDF's user password.
    pub fn with_password(mut self, password: &str) -> Self {
        self.extract.password = Some(password.to_string());
        self
    }
}

/// The tree and the outputs made from it; a format not asked for is `None`.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// The positioned text read from the PDF.
    pub layout: Layout,
    /// The document tree.
    pub document: Document,
    /// JATS XML.
    pub jats: Option<Vec<u8>>,
    /// EPUB 3.
    pub epub: Option<Vec<u8>>,
    /// The reflowed PDF.
    pub pdf: Option<Vec<u8>>,
    /// The tree as JSON.
    pub json: Option<Vec<u8>>,
}

impl Outputs {
    /// The bytes written for `format`, if it was asked for.
    pub fn get(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Jats => self.jats.as_deref(),
            Format::Epub => self.epub.as_deref(),
            Format::Pdf => self.pdf.as_deref(),
            Format::Json => self.json.as_deref(),
        }
    }
}

/// Converts a PDF held in memory into the formats `opts` asks for.
pub fn convert(pdf: &[u8], opts: &Options) -> Result<Warned<Outputs>> {
    let layout = extract::extract_with(pdf, &opts.extract, opts.parallel)?;
    let mut warnings = layout.warnings;
    let doc = normalise::normalise_with(&layout.output, &opts.normalise, opts.parallel);
    warnings.extend(doc.warnings);
    let mut document = doc.output;
    document.source.name = opts.name.clone();
    if document.front.title.is_none() {
        let by = match &opts.name {
            Some(n) => format!("titled by the file name \"{n}\""),
            None => "titled \"Untitled\"".to_string(),
        };
        warnings.push(Warning { stage: Stage::Normalise, page: None, message: format!("the document prints no title; the EPUB and the reflowed PDF are {by}") });
    }
    let wants = |f: Format| opts.formats.contains(&f);
    // Pictures of figures and wide tables, for the formats that show them; a document with
    // none (or a JSON-only run) never opens the renderer.
    if render::pictures_wanted(&opts.formats, &document) {
        let ropts = render::RenderOptions { password: opts.extract.password.clone(), parallel: opts.parallel, ..Default::default() };
        warnings.extend(render::render_pictures(pdf, &layout.output, &mut document, &ropts));
    }
    let mut out = Outputs { layout: layout.output, document, jats: None, epub: None, pdf: None, json: None };
    let doc = &out.document;
    // The reflowed PDF costs as much as the other formats together: it is typeset on a
    // second thread while they are written on this one.
    let (pdf, others) = std::thread::scope(|s| {
        let typeset = || emit::pdf_with(doc, &opts.pdf, opts.parallel);
        let on_thread = (wants(Format::Pdf) && opts.parallel).then(|| s.spawn(typeset));
        let others = (|| -> Result<_> {
            let jats = wants(Format::Jats).then(|| emit::jats(doc, &emit::JatsOptions::default())).transpose()?;
            let epub = wants(Format::Epub).then(|| emit::epub(doc, &opts.epub)).transpose()?;
            let json = wants(Format::Json).then(|| emit::json(doc).into_bytes());
            Ok((jats, epub, json))
        })();
        let pdf = match on_thread {
            Some(h) => Some(h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
            None => wants(Format::Pdf).then(typeset),
        };
        (pdf, others)
    });
    (out.jats, out.epub, out.json) = others?;
    if let Some(r) = pdf.transpose()? {
        warnings.extend(r.warnings);
        out.pdf = Some(r.output);
    }
    Ok(Warned { output: out, warnings })
}

/// Converts the PDF at `input`, writing `OUT_DIR/STEM.EXT` for each format asked for.
///
/// Each output is written to a temporary file in `out_dir` and renamed into place, so a
/// failure never leaves a partial file. Errors name the input file.
pub fn convert_file(input: &Path, out_dir: &Path, opts: &Options) -> Result<Warned<Converted>> {
    let in_file = |e: Error| Error::InFile { path: input.to_path_buf(), source: Box::new(e) };
    let bytes = std::fs::read(input).map_err(|e| in_file(Error::Io { path: input.to_path_buf(), source: e }))?;
    let named;
    let opts = if opts.name.is_some() {
        opts
    } else {
        named = opts.clone().with_name(&output_stem(input));
        &named
    };
    let done = convert(&bytes, opts).map_err(in_file)?;
    let written = write_outputs(&done.output, &output_stem(input), out_dir).map_err(in_file)?;
    Ok(Warned { output: Converted { written, outputs: done.output }, warnings: done.warnings })
}

/// What [`convert_file`] did: the files it wrote and everything it made.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The output files, in the order of [`Format::ALL`], then the pictures written beside the JATS.
    pub written: Vec<PathBuf>,
    /// The layout, the tree and the bytes of each output.
    pub outputs: Outputs,
}

/// The stem that names a PDF's outputs: `NAME` for `NAME.pdf`.
pub fn output_stem(input: &Path) -> String {
    input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into())
}

/// Writes each output that was made to `OUT_DIR/STEM.EXT`, each atomically, and with the
/// JATS the pictures of figures and tables to `OUT_DIR/ASSET_DIR/FILE`.
///
/// The JATS refers to its pictures by `ASSET_DIR/FILE` ([`Document::asset_dir`]); the EPUB
/// and the reflowed PDF carry theirs inside. Returns the paths written: the outputs in the
/// order of [`Format::ALL`], then the pictures in document order.
pub fn write_outputs(outputs: &Outputs, stem: &str, out_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<(PathBuf, &[u8])> = Format::ALL
        .into_iter()
        .filter_map(|f| outputs.get(f).map(|data| (out_dir.join(format!("{stem}.{}", f.extension())), data)))
        .collect();
    if outputs.jats.is_some() {
        let doc = &outputs.document;
        let pictures: Vec<&tree::Image> = doc
            .displays()
            .filter_map(|b| b.figure.as_ref().and_then(|f| f.image.as_ref()).or(b.table.as_ref().and_then(|t| t.image.as_ref())))
            .filter(|img| !img.data.is_empty())
            .collect();
        if !pictures.is_empty() {
            let bad = [doc.asset_dir()].into_iter().chain(pictures.iter().map(|i| i.file.as_str())).find(|n| !is_plain_file_name(n));
            if let Some(name) = bad {
                let message = format!("the picture folder or file name \"{name}\" is not a plain file name");
                return Err(Error::Emit { format: "jats", message });
            }
            let dir = out_dir.join(doc.asset_dir());
            std::fs::create_dir_all(&dir).map_err(|e| Error::Io { path: dir.clone(), source: e })?;
            files.extend(pictures.into_iter().map(|img| (dir.join(&img.file), img.data.as_slice())));
        }
    }
    write_all_atomically(&files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Whether `name` names a file inside a folder, never a path out of it (`..`, `a/b`, `/x`).
fn is_plain_file_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!((parts.next(), parts.next()), (Some(std::path::Component::Normal(_)), None)) && !name.contains(['/', '\\'])
}

/// Writes `data` to a temporary file beside `path`, then renames it to `path`.
pub fn write_atomically(path: &Path, data: &[u8]) -> Result<()> {
    write_all_atomically(&[(path.to_path_buf(), data)])
}

/// Writes each file to a temporary file beside its path, flushes all to disk, then renames each.
///
/// One flush pass for a document's outputs: the first `fsync` usually commits the others'
/// data too, where writing the files one by one waited for the disk once per file.
fn write_all_atomically(files: &[(PathBuf, &[u8])]) -> Result<()> {
    use std::io::Write;
    let io = |path: &Path, e: std::io::Error| Error::Io { path: path.to_path_buf(), source: e };
    let tmps: Vec<PathBuf> = files.iter().map(|(path, _)| temp_path(path)).collect();
    let cleanup = |from: usize| {
        for tmp in &tmps[from..] {
            let _ = std::fs::remove_file(tmp);
        }
    };
    let mut handles = Vec::with_capacity(files.len());
    for ((path, data), tmp) in files.iter().zip(&tmps) {
        let written = std::fs::File::create(tmp).and_then(|mut f| f.write_all(data).map(|()| f));
        match written {
            Ok(f) => handles.push(f),
            Err(e) => {
                cleanup(0);
                return Err(io(path, e));
            }
        }
    }
    for ((path, _), f) in files.iter().zip(&handles) {
        if let Err(e) = f.sync_all() {
            cleanup(0);
            return Err(io(path, e));
        }
    }
    drop(handles);
    for (i, ((path, _), tmp)) in files.iter().zip(&tmps).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            cleanup(i);
            return Err(io(path, e));
        }
    }
    Ok(())
}

/// The hidden temporary file `write_atomically` fills before renaming it to `path`.
fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The README's examples, compiled as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
