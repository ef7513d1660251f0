//! The command line: batch conversion, failures, exit codes, incremental runs.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn converts_every_fixture_into_three_valid_outputs() {
    let out = support::scratch("cli-fixtures");
    let o = quire(&["convert", "--out", out.to_str().unwrap(), support::fixtures().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdfs = support::fixture_pdfs();
    let with_ext = |ext: &str| -> Vec<PathBuf> {
        pdfs.iter().map(|p| out.join(format!("{}.{ext}", p.file_stem().unwrap().to_string_lossy()))).collect()
    };
    for (tool, ext) in [("validate-jats", "xml"), ("validate-epub", "epub"), ("validate-pdf", "pdf")] {
        let files = with_ext(ext);
        for f in &files {
            assert!(f.exists(), "{} was not written", f.display());
        }
        if let Some((ok, msg)) = support::validate(tool, &files) {
            assert!(ok, "{tool} failed:\n{msg}");
        }
    }
}

#[test]
fn one_bad_file_fails_alone_and_sets_exit_code_1() {
    let dir = support::scratch("cli-bad-batch");
    let input = dir.join("in");
    let out = dir.join("out");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("broken.pdf"), "potato salad\n").unwrap();
    std::fs::copy(&support::fixture_pdfs()[0], input.join("good.pdf")).unwrap();
    let o = quire(&["convert", "--to", "jats", "--out", out.to_str().unwrap(), input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("broken.pdf") && err.contains("not a PDF"), "{err}");
    assert!(err.contains("1 converted") && err.contains("1 failed"), "{err}");
    assert_eq!(files_in(&out), vec!["good.xml"], "only the good file's output, and no temporary files");
}

#[test]
fn two_inputs_with_the_same_name_are_refused_before_writing() {
    let dir = support::scratch("cli-same-stem");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::copy(&support::fixture_pdfs()[0], dir.join(sub).join("same.pdf")).unwrap();
    }
    let out = dir.join("out");
    let o = quire(&["convert", "--out", out.to_str().unwrap(), dir.join("a").to_str().unwrap(), dir.join("b").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("would both write same.*"), "{}", stderr(&o));
    assert!(!out.exists() || files_in(&out).is_empty());
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(quire(&["convert"]).status.code(), Some(2));
    assert_eq!(quire(&["convert", "--to", "docx", "x.pdf"]).status.code(), Some(2));
    assert_eq!(quire(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_second_run_skips_documents_whose_outputs_are_newer() {
    let dir = support::scratch("cli-incremental");
    let out = dir.join("out");
    let pdf = support::fixture_pdfs()[0].clone();
    let args = ["convert", "--to", "json", "--out", out.to_str().unwrap(), pdf.to_str().unwrap()];
    let first = quire(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("1 converted"));
    let second = quire(&args);
    assert!(stderr(&second).contains("0 converted") && stderr(&second).contains("1 up to date"), "{}", stderr(&second));
    let mut forced = args.to_vec();
    forced.insert(1, "--force");
    assert!(stderr(&quire(&forced)).contains("1 converted"));
}

#[test]
fn inspect_prints_the_title_and_sections() {
    let pdf = support::fixture_pdfs()[0].clone();
    let o = quire(&["inspect", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("title") && text.contains("sections"), "{text}");
    assert!(!text.contains("(none found)\n") || !text.starts_with("title"), "{text}");
}

#[test]
fn inspect_layout_lists_blocks_per_page() {
    let pdf = support::fixture_pdfs()[0].clone();
    let o = quire(&["inspect", "--layout", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("page 1 "), "{text}");
}

#[test]
fn inspect_roles_gives_every_line_one_role_and_the_evidence_for_it() {
    let pdf = support::fixtures().join("dev-03.pdf");
    let o = quire(&["inspect", "--roles", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows.len() > 100, "one row per line: {}", rows.len());
    // Every line settled on a role, named with the pass and its evidence.
    assert!(rows.iter().all(|r| r.contains(": ") && !r.contains(" - ")), "{text}");
    let role_of = |t: &str| rows.iter().find(|r| r.ends_with(&format!("| {t}"))).copied().unwrap_or_default();
    assert!(role_of("Extended Deterrence after the Washington Declaration").contains("heading 1"), "{text}");
    assert!(role_of("The Nuclear Debate in South Korea").contains("front"), "{text}");
    assert!(rows.iter().any(|r| r.contains("furniture (page number)")), "{text}");
    assert!(rows.iter().any(|r| r.contains(" note ") && r.contains("notes: ")), "{text}");
    assert!(rows.iter().any(|r| r.contains(" reference ") && r.contains("back: ")), "{text}");

    let o = quire(&["inspect", "--layout", pdf.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("-> heading 1 (body: set apart by size or weight)"), "{text}");
}

#[test]
fn report_lists_every_document_with_status_and_counts() {
    let dir = support::scratch("cli-report");
    let bad = dir.join("bad.pdf");
    std::fs::write(&bad, "").unwrap();
    let good = support::fixture_pdfs()[0].clone();
    let report = dir.join("report.json");
    let o = quire(&[
        "convert", "--to", "json", "--out", dir.join("out").to_str().unwrap(), "--report", report.to_str().unwrap(),
        good.to_str().unwrap(), bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["status"], "converted");
    assert!(docs[0]["counts"]["pages"].as_u64().unwrap() > 0);
    assert!(docs[0]["counts"]["references"].as_u64().unwrap() > 0);
    assert_eq!(docs[1]["status"], "failed");
    assert!(docs[1]["error"].as_str().unwrap().contains("not a PDF"));
}

#[test]
fn a_document_over_its_time_limit_fails_without_writing() {
    let dir = support::scratch("cli-timeout");
    let out = dir.join("out");
    let pdf = support::fixture_pdfs()[0].clone();
    let o = quire(&["convert", "--timeout", "0.001", "--out", out.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("timed out after 0.001 s"), "{}", stderr(&o));
    assert!(files_in(&out).is_empty());
}

#[test]
fn index_lists_converted_and_failed_documents_with_relative_links() {
    let dir = support::scratch("cli-index");
    let out = dir.join("out");
    let bad = dir.join("scan.pdf");
    std::fs::write(&bad, "%PDF-1.4\n%%EOF\n").unwrap();
    let good = support::fixtures().join("dev-10.pdf");
    let index = out.join("index.html");
    let o = quire(&[
        "convert", "--to", "jats,epub", "--out", out.to_str().unwrap(), "--index", index.to_str().unwrap(),
        good.to_str().unwrap(), bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let html = std::fs::read_to_string(&index).unwrap();
    assert!(html.contains("href=\"dev-10.xml\"") && html.contains("href=\"dev-10.epub\""), "{html}");
    assert!(html.contains("scan") && html.contains("Not converted"), "{html}");
    assert!(!html.contains("<script"), "the index needs no JavaScript");
    // The index can be rebuilt later from what --verify kept, and --strict fails on the failed one.
    let again = quire(&["index", "--strict", "--out", out.to_str().unwrap(), dir.join("again.html").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(std::fs::read_to_string(dir.join("again.html")).unwrap().contains("href=\"out/dev-10.xml\""));
}

#[test]
fn verify_reports_round_trip_recall_per_format() {
    let dir = support::scratch("cli-verify");
    let report = dir.join("r.json");
    let pdf = support::fixtures().join("dev-03.pdf");
    let o = quire(&[
        "convert", "--verify", "--out", dir.join("out").to_str().unwrap(), "--report", report.to_str().unwrap(),
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let formats = r["documents"][0]["verification"]["formats"].as_array().unwrap();
    assert_eq!(formats.len(), 3);
    for f in formats {
        assert!(f["recall"].as_f64().unwrap() >= 0.99, "{f}");
    }
    assert!(stderr(&o).contains("0 flagged for a look"), "{}", stderr(&o));
}

#[test]
fn a_folder_without_pdfs_is_an_error_that_says_so() {
    let dir = support::scratch("cli-empty-folder");
    let o = quire(&["convert", "--out", dir.join("out").to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no PDF files found"), "{}", stderr(&o));
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error_that_names_it() {
    let dir = support::scratch("cli-bad-out");
    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let pdf = support::fixture_pdfs()[0].clone();
    let o = quire(&["convert", "--out", blocker.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot create output folder") && stderr(&o).contains("not-a-folder"), "{}", stderr(&o));
}

/// A tmpfs of a few kilobytes, unmounted when dropped; `None` where mounting is not allowed.
struct TinyDisk(PathBuf);

impl TinyDisk {
    fn mount(dir: &Path) -> Option<TinyDisk> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", "size=24k", "tmpfs"]).arg(dir).status().ok()?.success();
        ok.then(|| TinyDisk(dir.to_path_buf()))
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_the_document_and_leaves_no_partial_file() {
    let dir = support::scratch("cli-disk-full");
    let Some(disk) = TinyDisk::mount(&dir.join("tiny")) else {
        eprintln!("skipping: cannot mount a tmpfs here (needs root)");
        return;
    };
    let pdf = support::fixture_pdfs()[0].clone();
    let o = quire(&["convert", "--out", disk.0.to_str().unwrap(), pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("No space left on device"), "{}", stderr(&o));
    for f in files_in(&disk.0) {
        assert!(!f.ends_with(".tmp"), "temporary file {f} left behind");
        let len = std::fs::metadata(disk.0.join(&f)).unwrap().len();
        assert!(len > 0, "{f} is empty");
    }
}

#[test]
fn epubs_of_the_fixtures_pass_daisy_ace() {
    let out = support::scratch("cli-ace");
    let o = quire(&["convert", "--to", "epub", "--out", out.to_str().unwrap(), support::fixtures().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let epubs: Vec<PathBuf> = files_in(&out).into_iter().map(|f| out.join(f)).collect();
    if let Some((ok, msg)) = support::validate("validate-epub-a11y", &epubs) {
        assert!(ok, "DAISY Ace found violations:\n{msg}");
    }
}
