//! The `quire` command line: a thin layer over the library.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use quire::{Format, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::SystemTime;

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
    /// Documents converted at once (default: the number of cores).
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
    page: String,
    /// Print only failures and the summary.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct InspectArgs {
    /// The PDF to inspect.
    file: PathBuf,
    /// Show each page's text blocks in reading order instead of the document outline.
    #[arg(long)]
    layout: bool,
    /// User password for an encrypted PDF.
    #[arg(long)]
    password: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(a) => convert(a),
        Command::Inspect(a) => inspect(a).map(|()| ExitCode::SUCCESS),
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
    Converted { warnings: Vec<quire::Warning> },
    Skipped,
    Failed(String),
}

fn convert(args: ConvertArgs) -> Result<ExitCode> {
    let inputs = collect_inputs(&args.inputs)?;
    if inputs.is_empty() {
        bail!("no PDF files found in {}", args.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
    }
    check_unique_stems(&inputs)?;
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create output folder {}", args.out.display()))?;
    let mut formats = args.formats.clone();
    formats.sort();
    formats.dedup();
    let mut opts = Options::default().with_formats(&formats);
    if let Some(p) = &args.password {
        opts = opts.with_password(p);
    }
    let binary_time = std::env::current_exe().ok().and_then(|p| p.metadata().ok()).and_then(|m| m.modified().ok());

    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new((0..inputs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.min(inputs.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(input) = inputs.get(i) else { break };
                let outcome = if !args.force && up_to_date(input, &args.out, &formats, binary_time) {
                    Outcome::Skipped
                } else {
                    convert_one(input, &args.out, &opts)
                };
                report(input, &outcome, args.quiet);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let (mut converted, mut skipped, mut warned, mut failures) = (0, 0, 0, vec![]);
    for (input, r) in inputs.iter().zip(results) {
        match r {
            Some(Outcome::Converted { warnings }) => {
                converted += 1;
                warned += usize::from(!warnings.is_empty());
            }
            Some(Outcome::Skipped) => skipped += 1,
            Some(Outcome::Failed(why)) => failures.push((input, why)),
            None => failures.push((input, "not converted (internal error)".into())),
        }
    }
    eprintln!(
        "quire: {converted} converted ({warned} with warnings), {skipped} up to date, {} failed",
        failures.len()
    );
    for (input, why) in &failures {
        eprintln!("  failed: {}: {why}", input.display());
    }
    Ok(if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Converts one input, turning an error or a panic into a failure that names the reason.
fn convert_one(input: &Path, out: &Path, opts: &Options) -> Outcome {
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| quire::convert_file(input, out, opts)));
    match run {
        Ok(Ok(done)) => Outcome::Converted { warnings: done.warnings },
        Ok(Err(e)) => Outcome::Failed(e.root().to_string()),
        Err(p) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            Outcome::Failed(format!(
                "internal error (a bug in quire; please report it with this file): {}",
                msg.unwrap_or_else(|| "panic".into())
            ))
        }
    }
}

fn report(input: &Path, outcome: &Outcome, quiet: bool) {
    match outcome {
        Outcome::Converted { warnings } if !quiet => {
            eprintln!("converted {}", input.display());
            for w in warnings {
                eprintln!("  warning: {w}");
            }
        }
        Outcome::Skipped if !quiet => eprintln!("up to date {}", input.display()),
        Outcome::Failed(why) => eprintln!("FAILED {}: {why}", input.display()),
        _ => {}
    }
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
    if args.layout {
        print!("{}", quire::inspect::layout_outline(&layout.output));
        return Ok(());
    }
    let doc = quire::normalise(&layout.output, &Default::default());
    print!("{}", quire::inspect::document_outline(&doc.output));
    let warnings: Vec<_> = layout.warnings.iter().chain(&doc.warnings).collect();
    if !warnings.is_empty() {
        println!("warnings:");
        for w in warnings {
            println!("  {w}");
        }
    }
    Ok(())
}
