//! Dependencies inside the crate point one way: the tree and the layout depend on nothing
//! else in the crate, the writers read only the tree, and normalise never reads the PDF.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// Lines of code (not comments, not test modules) in `paths` that name one of `forbidden`.
fn uses(paths: &[&str], forbidden: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = vec![];
    for p in paths {
        for file in rust_files(&src.join(p)) {
            let text = std::fs::read_to_string(&file).unwrap();
            // Test modules may reach across stages to load real PDFs.
            let code_part = text.split("#[cfg(test)]").next().unwrap_or("");
            for (i, line) in code_part.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for f in forbidden {
                    if code.contains(f) {
                        found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn the_tree_and_the_layout_depend_on_nothing_else_in_the_crate() {
    let bad = uses(
        &["tree", "layout.rs"],
        &["crate::extract", "crate::normalise", "crate::emit", "crate::verify", "crate::index", "crate::layout", "lopdf"],
    );
    let bad: Vec<_> = bad.into_iter().filter(|l| !l.contains("src/layout.rs") || !l.contains("crate::layout")).collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn writers_read_only_the_tree() {
    let bad = uses(&["emit"], &["crate::extract", "crate::normalise", "crate::layout", "crate::verify", "crate::Layout"]);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn only_extract_reads_pdf_objects_and_normalise_never_calls_it() {
    let bad = uses(&["normalise", "tree", "layout.rs", "inspect.rs", "index.rs"], &["lopdf::", "crate::extract"]);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
