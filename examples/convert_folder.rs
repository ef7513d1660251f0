//! Converts every PDF in a folder into JATS, EPUB and a reflowed PDF.
//!
//! Usage: `cargo run --example convert_folder -- IN_DIR OUT_DIR`

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: convert_folder IN_DIR OUT_DIR".into());
    };
    std::fs::create_dir_all(output)?;
    let mut failed = 0;
    for entry in std::fs::read_dir(input)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        match quire::convert_file(&path, Path::new(output), &quire::Options::default()) {
            Ok(done) => println!("{}: {} file(s), {} warning(s)", path.display(), done.output.written.len(), done.warnings.len()),
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
            }
        }
    }
    if failed > 0 {
        return Err(format!("{failed} file(s) failed").into());
    }
    Ok(())
}
