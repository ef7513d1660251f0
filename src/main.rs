//! The `quire` command line: a thin layer over the library.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use quire::emit::PageSize;
use quire::index::IndexEntry;
use quire::verify::Severity;
use quire::{Format, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// mimalloc: quire allocates many small glyph, line and string values; glibc's malloc cost a
/// quarter of a conversion's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its index in `mi_option_t`, mimalloc.h, v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tunes memory for a process that converts one document and exits.
///
/// mimalloc keeps freed memory until the process ends instead of returning it: returning
/// it cost a hundred madvise calls (and page faults to take it back) in a conversion of
/// milliseconds. Transparent huge pages are turned off: each first touch of one zeroes
/// 2 MiB, most of a short run's time where the system grants them. A batch keeps both,
/// which serve two workers faulting in memory at once (1.6x faster with two jobs without
/// huge pages, 2x with them). `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn tune_memory_for_one_document() {
    // SAFETY: called before any other thread exists, as mi_option_set_default requires.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, -1) };
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; it
    // fails harmlessly (EINVAL) on kernels without it.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Convert policy-institute PDFs into JATS XML, EPUB 3 and a reflowed PDF.
#[derive(Parser)]
#[command(name = "quire", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert PDFs (files, or folders searched recursively for *.pdf).
    Convert(ConvertArgs),
    /// Print what quire understood of one PDF as an indented outline.
    Inspect(InspectArgs),
    /// Write the HTML index of an output folder from the checks `convert --verify` kept there.
    Index(IndexArgs),
}

#[derive(Args)]
struct IndexArgs {
    /// The index page to write.
    file: PathBuf,
    /// The output folder whose documents to list.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Exit 1 when a document failed or lost text in any output.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct ConvertArgs {
    /// PDF files or folders.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Formats to write, comma-separated: jats, epub, pdf, json.
    #[arg(long = "to", value_delimiter = ',', default_value = "jats,epub,pdf")]
    formats: Vec<Format>,
    /// Folder for the outputs (created if missing).
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Documents converted at once (default: the number of cores); with more jobs than
    /// documents, each document may use a second thread.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Convert even when the outputs are newer than the PDF and the quire binary.
    #[arg(long)]
    force: bool,
    /// User password for encrypted PDFs.
    #[arg(long)]
    password: Option<String>,
    /// Page size of the reflowed PDF: a4, a5, a6, letter, 6x9in or phone.
    #[arg(long, default_value = "a5")]
    page: PageSize,
    /// Body text size of the reflowed PDF, in points.
    #[arg(long, default_value_t = 10.0)]
    font_size: f32,
    /// A font file for scripts the bundled font lacks (such as Hangul) in the reflowed PDF.
    #[arg(long)]
    font: Option<PathBuf>,
    /// Seconds one document may take before it is given up as failed.
    #[arg(long, default_value_t = 300.0)]
    timeout: f64,
    /// Write a JSON report of every document (outputs, time, pages, warnings, counts).
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Read every output back and check it carries the source's text; flag documents that need a look.
    #[arg(long)]
    verify: bool,
    /// Write an HTML index of every document in the output folder (implies --verify).
    #[arg(long, value_name = "FILE.html")]
    index: Option<PathBuf>,
    /// Print only failures and the summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct InspectArgs {
    /// The PDF to inspect.
    file: PathBuf,
    /// Show each page's text blocks in reading order, each with the role its lines took and
    /// the evidence that decided it, instead of the document outline.
    #[arg(long)]
    layout: bool,
    /// Show every line as the structure passes see it: page, block, column, size, style, box.
    #[arg(long, conflicts_with = "layout")]
    lines: bool,
    /// Show every line with the role it took (heading, paragraph, note, reference, furniture,
    /// …), the pass that claimed it and the evidence.
    #[arg(long, conflicts_with_all = ["layout", "lines"])]
    roles: bool,
    /// User password for an encrypted PDF.
    #[arg(long)]
    password: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(a) => convert(a),
        Command::Inspect(a) => inspect(a).map(|()| ExitCode::SUCCESS),
        Command::Index(a) => index(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("quire: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// What happened to one input.
enum Outcome {
    Converted { written: Vec<PathBuf>, warnings: Vec<quire::Warning>, counts: Counts, check: Option<Check> },
    Skipped,
    Failed(String),
}

/// What `--verify` found for one document.
struct Check {
    verification: quire::verify::Verification,
    flags: Vec<quire::verify::Flag>,
    entry: IndexEntry,
}

/// Figures a reviewer needs about one converted document.
#[derive(serde::Serialize)]
struct Counts {
    pages: u32,
    glyphs: u64,
    unmapped_glyphs: u64,
    invisible_glyphs: u64,
    sections: usize,
    blocks: usize,
    footnotes: usize,
    references: usize,
    furniture: usize,
}

impl Counts {
    fn of(o: &quire::Outputs) -> Counts {
        let d = &o.document;
        let s = &o.layout.stats;
        Counts {
            pages: o.layout.pages.len() as u32,
            glyphs: s.glyphs,
            unmapped_glyphs: s.unmapped_glyphs,
            invisible_glyphs: s.invisible_glyphs,
            sections: d.sections.len(),
            blocks: d.sections.iter().map(|s| s.blocks.len()).sum(),
            footnotes: d.footnotes.len(),
            references: d.references.len(),
            furniture: d.furniture.len(),
        }
    }
}

/// One document's line in the `--report` file.
#[derive(serde::Serialize)]
struct ReportEntry<'a> {
    input: &'a Path,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    outputs: &'a [PathBuf],
    seconds: f64,
    warnings: &'a [quire::Warning],
    #[serde(skip_serializing_if = "Option::is_none")]
    counts: Option<&'a Counts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verification: Option<&'a quire::verify::Verification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flags: Option<&'a [quire::verify::Flag]>,
}

fn convert(args: ConvertArgs) -> Result<ExitCode> {
    let inputs = collect_inputs(&args.inputs)?;
    if inputs.is_empty() {
        bail!("no PDF files found in {}", args.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    check_unique_stems(&inputs)?;
    if inputs.len() == 1 {
        tune_memory_for_one_document();
    }
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create output folder {}", args.out.display()))?;
    let mut formats = args.formats.clone();
    formats.sort();
    formats.dedup();
    let mut opts = Options::default().with_formats(&formats);
    if let Some(p) = &args.password {
        opts = opts.with_password(p);
    }
    opts.pdf.page = args.page;
    opts.pdf.font_size = args.font_size;
    opts.pdf.font = args.font.clone();
    let binary_time = std::env::current_exe().ok().and_then(|p| p.metadata().ok()).and_then(|m| m.modified().ok());
    let timeout = Duration::from_secs_f64(args.timeout.max(0.001));
    let verify = args.verify || args.index.is_some();

    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    // A core left over once every document has its own may serve one document's second thread.
    opts.parallel = jobs > inputs.len();
    let progress = Progress::new(inputs.len(), args.quiet);
    // Largest files first, so that a long document does not start last and leave a core idle.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let size = |i: &usize| std::fs::metadata(&inputs[*i]).map_or(0, |m| m.len());
    order.sort_by_key(|i| std::cmp::Reverse(size(i)));
    let next = AtomicUsize::new(0);
    type Slot = Option<(Outcome, f64)>;
    let results: Mutex<Vec<Slot>> = Mutex::new((0..inputs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.min(inputs.len()) {
            s.spawn(|| loop {
                let Some(&i) = order.get(next.fetch_add(1, Ordering::SeqCst)) else { break };
                let input = &inputs[i];
                let started = Instant::now();
                let outcome = if !args.force && up_to_date(input, &args.out, &formats, binary_time) {
                    Outcome::Skipped
                } else {
                    convert_one(input, &args.out, &opts, timeout, verify)
                };
                if verify {
                    keep_entry(input, &args.out, &outcome);
                }
                progress.report(input, &outcome);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some((outcome, started.elapsed().as_secs_f64()));
            });
        }
    });
    progress.finish();
    let results: Vec<(Outcome, f64)> = results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or((Outcome::Failed("not converted (internal error)".into()), 0.0)))
        .collect();
    if let Some(path) = &args.report {
        write_report(path, &inputs, &results)?;
    }
    if let Some(path) = &args.index {
        write_index(path, &args.out)?;
    }
    let (mut converted, mut skipped, mut warned, mut flagged, mut failures) = (0, 0, 0, 0, vec![]);
    for (input, (r, _)) in inputs.iter().zip(&results) {
        match r {
            Outcome::Converted { warnings, check, .. } => {
                converted += 1;
                warned += usize::from(!warnings.is_empty());
                flagged += usize::from(check.as_ref().is_some_and(|c| needs_a_look(&c.flags)));
            }
            Outcome::Skipped => skipped += 1,
            Outcome::Failed(why) => failures.push((input, why)),
        }
    }
    let flagged = if verify { format!(", {flagged} flagged for a look") } else { String::new() };
    eprintln!(
        "quire: {converted} converted ({warned} with warnings{flagged}), {skipped} up to date, {} failed",
        failures.len()
    );
    for (input, why) in &failures {
        eprintln!("  failed: {}: {why}", input.display());
    }
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Converts one input in its own thread, so that a panic or a runaway document fails alone.
///
/// Outputs are written here, after the conversion returned in time: a document given up
/// for its time never writes anything.
fn convert_one(input: &Path, out: &Path, opts: &Options, timeout: Duration, verify: bool) -> Outcome {
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(format!("cannot read the file: {e}")),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let thread_opts = opts.clone().with_name(&quire::output_stem(input));
    let spawned = std::thread::Builder::new().stack_size(64 << 20).spawn(move || {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            quire::convert(&bytes, &thread_opts).map(|done| {
                let check = verify.then(|| {
                    let o = &done.output;
                    let v = quire::verify::round_trip(&o.layout, &o.document, o);
                    let flags = quire::verify::flags(&o.layout, &o.document, Some(&v), &done.warnings);
                    (v, flags)
                });
                (done, check)
            })
        }));
        let _ = tx.send(run);
    });
    if let Err(e) = spawned {
        return Outcome::Failed(format!("cannot start a conversion thread: {e}"));
    }
    match rx.recv_timeout(timeout) {
        Ok(Ok(Ok((done, check)))) => match quire::write_outputs(&done.output, &quire::output_stem(input), out) {
            Ok(written) => {
                let check = check.map(|(verification, flags)| {
                    let links: Vec<(Format, String)> = Format::ALL
                        .into_iter()
                        .filter(|f| done.output.get(*f).is_some())
                        .map(|f| (f, format!("{}.{}", quire::output_stem(input), f.extension())))
                        .collect();
                    let stem = quire::output_stem(input);
                    let entry = IndexEntry::converted(&stem, &done.output.document, &links, Some(&verification), flags.clone());
                    Check { verification, flags, entry }
                });
                Outcome::Converted { written, warnings: done.warnings, counts: Counts::of(&done.output), check }
            }
            Err(e) => Outcome::Failed(e.to_string()),
        },
        Ok(Ok(Err(e))) => Outcome::Failed(e.root().to_string()),
        Ok(Err(p)) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            Outcome::Failed(format!(
                "internal error (a bug in quire; please report it with this file): {}",
                msg.unwrap_or_else(|| "panic".into())
            ))
        }
        Err(_) => Outcome::Failed(format!(
            "timed out after {} s; raise --timeout if the document is just very long",
            timeout.as_secs_f64()
        )),
    }
}

fn write_report(path: &Path, inputs: &[PathBuf], results: &[(Outcome, f64)]) -> Result<()> {
    let none: [PathBuf; 0] = [];
    let entries: Vec<ReportEntry> = inputs
        .iter()
        .zip(results)
        .map(|(input, (o, secs))| {
            let (status, error, outputs, warnings, counts, check): (_, _, &[PathBuf], &[quire::Warning], _, _) = match o {
                Outcome::Converted { written, warnings, counts, check } => {
                    ("converted", None, written, warnings, Some(counts), check.as_ref())
                }
                Outcome::Skipped => ("up-to-date", None, &none, &[], None, None),
                Outcome::Failed(why) => ("failed", Some(why.as_str()), &none, &[], None, None),
            };
            ReportEntry {
                input,
                status,
                error,
                outputs,
                seconds: (secs * 1000.0).round() / 1000.0,
                warnings,
                counts,
                verification: check.map(|c| &c.verification),
                flags: check.map(|c| c.flags.as_slice()),
            }
        })
        .collect();
    let json = serde_json::to_string_pretty(&serde_json::json!({ "documents": entries }))?;
    quire::write_atomically(path, json.as_bytes()).with_context(|| format!("cannot write the report {}", path.display()))
}

/// Progress on stderr: a bar on a terminal, one line per document otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl Progress {
    fn new(total: usize, quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
                b.set_style(style);
            }
            b
        });
        Progress { bar, quiet }
    }

    fn report(&self, input: &Path, outcome: &Outcome) {
        let mut lines = vec![];
        match outcome {
            Outcome::Converted { warnings, check, .. } if !self.quiet => {
                lines.push(format!("converted {}", input.display()));
                lines.extend(warnings.iter().map(|w| format!("  warning: {w}")));
                let flags = check.iter().flat_map(|c| &c.flags).filter(|f| f.severity >= Severity::Warn);
                lines.extend(flags.map(|f| format!("  flag {} ({}): {}", f.code, f.severity.name(), f.message)));
            }
            Outcome::Skipped if !self.quiet => lines.push(format!("up to date {}", input.display())),
            Outcome::Failed(why) => lines.push(format!("FAILED {}: {why}", input.display())),
            _ => {}
        }
        match &self.bar {
            Some(b) => {
                for l in lines {
                    b.println(l);
                }
                b.set_message(input.display().to_string());
                b.inc(1);
            }
            None => {
                for l in lines {
                    eprintln!("{l}");
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Whether any flag says a person should look at the document.
fn needs_a_look(flags: &[quire::verify::Flag]) -> bool {
    flags.iter().any(|f| f.severity >= Severity::Warn)
}

/// Where `--verify` keeps a document's index entry, so that later runs can list it.
fn entry_path(out: &Path, stem: &str) -> PathBuf {
    out.join(".quire").join(format!("{stem}.json"))
}

/// Keeps the index entry of a converted or failed document beside its outputs.
fn keep_entry(input: &Path, out: &Path, outcome: &Outcome) {
    let stem = quire::output_stem(input);
    let entry = match outcome {
        Outcome::Converted { check: Some(c), .. } => c.entry.clone(),
        Outcome::Failed(why) => IndexEntry::failed(&stem, why),
        _ => return,
    };
    let path = entry_path(out, &stem);
    let written = std::fs::create_dir_all(path.parent().unwrap_or(out))
        .map_err(|e| e.to_string())
        .and_then(|()| serde_json::to_vec_pretty(&entry).map_err(|e| e.to_string()))
        .and_then(|json| quire::write_atomically(&path, &json).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("quire: cannot keep the check of {} for the index: {e}", input.display());
    }
}

/// The index entries kept in `out`, sorted by file stem.
fn kept_entries(out: &Path) -> Result<Vec<IndexEntry>> {
    let dir = out.join(".quire");
    let mut entries = vec![];
    let Ok(read) = std::fs::read_dir(&dir) else { return Ok(entries) };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
        let entry: IndexEntry = serde_json::from_str(&text).with_context(|| format!("{} is not an index entry", p.display()))?;
        entries.push(entry);
    }
    Ok(entries)
}

/// Writes the index page of every document kept in `out`, with links relative to the page.
fn write_index(path: &Path, out: &Path) -> Result<Vec<IndexEntry>> {
    let mut entries = kept_entries(out)?;
    let page_dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    for e in &mut entries {
        for (_, href) in &mut e.outputs {
            *href = quire::index::relative_href(page_dir, &out.join(&*href));
        }
    }
    quire::write_atomically(path, quire::index::render(&entries).as_bytes())
        .with_context(|| format!("cannot write the index {}", path.display()))?;
    Ok(entries)
}

fn index(args: IndexArgs) -> Result<ExitCode> {
    let entries = write_index(&args.file, &args.out)?;
    if entries.is_empty() {
        eprintln!("quire: no checked documents in {}; run `quire convert --verify --out {}` first", args.out.display(), args.out.display());
    }
    let lost = |e: &IndexEntry| {
        e.failure.is_some()
            || e.flags.iter().any(|f| f.code.starts_with("text-lost") || f.code == "text-dropped" || f.code.starts_with("unreadable"))
    };
    let bad: Vec<&IndexEntry> = entries.iter().filter(|e| lost(e)).collect();
    eprintln!("quire: index of {} document(s) written to {}; {} failed or lost text", entries.len(), args.file.display(), bad.len());
    for e in &bad {
        let why = e.failure.clone().unwrap_or_else(|| {
            e.flags.iter().filter(|f| f.severity >= Severity::Warn).map(|f| f.message.clone()).collect::<Vec<_>>().join("; ")
        });
        eprintln!("  {}: {why}", e.stem);
    }
    Ok(if args.strict && !bad.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Whether every output of `input` exists and is newer than both the PDF and the binary.
fn up_to_date(input: &Path, out: &Path, formats: &[Format], binary: Option<SystemTime>) -> bool {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let Some(src) = modified(input) else { return false };
    let stem = input.file_stem().unwrap_or_default().to_string_lossy();
    formats.iter().all(|f| {
        let o = out.join(format!("{stem}.{}", f.extension()));
        modified(&o).is_some_and(|t| t >= src && binary.is_none_or(|b| t >= b))
    })
}

/// Expands folders into the PDFs under them (recursively, sorted); files are kept as given.
fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read folder {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = vec![];
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("{}: no such file or folder", p.display());
        }
    }
    Ok(out)
}

/// Refuses two inputs that would write the same output names.
fn check_unique_stems(inputs: &[PathBuf]) -> Result<()> {
    let mut seen: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for p in inputs {
        let stem = p.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if let Some(first) = seen.insert(stem.clone(), p) {
            bail!(
                "{} and {} would both write {stem}.*; rename one or convert them into different --out folders",
                first.display(),
                p.display()
            );
        }
    }
    Ok(())
}

fn inspect(args: InspectArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut eopts = quire::ExtractOptions::default();
    eopts.password = args.password.clone();
    let layout = quire::extract(&bytes, &eopts).with_context(|| args.file.display().to_string())?;
    let text = if args.layout {
        quire::inspect::layout_outline(&layout.output)
    } else if args.lines {
        quire::normalise::lines_outline(&layout.output)
    } else if args.roles {
        quire::normalise::roles_outline(&layout.output)
    } else {
        let doc = quire::normalise(&layout.output, &Default::default());
        let mut o = quire::inspect::document_outline(&doc.output);
        let warnings: Vec<_> = layout.warnings.iter().chain(&doc.warnings).collect();
        if !warnings.is_empty() {
            o.push_str("warnings:\n");
            for w in warnings {
                o.push_str(&format!("  {w}\n"));
            }
        }
        o
    };
    // A reader that stops early (`| head`) is no error.
    match std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e).context("cannot write to standard output"),
        _ => {}
    }
    Ok(())
}
