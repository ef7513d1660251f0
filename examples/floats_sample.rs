//! Writes a hand-built document with figures and tables as JATS, EPUB and reflowed PDF,
//! for looking at how the writers set displays.
//!
//! `cargo run --release --example floats_sample -- OUT_DIR [a5|phone|…]` writes
//! `OUT_DIR/floats-sample.{xml,epub,pdf}` and the pictures the JATS refers to.

#[path = "../tests/support/floats.rs"]
mod floats;

use quire::emit::{self, PdfOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().ok_or("usage: floats_sample OUT_DIR [PAGE]")?);
    let page = args.next().map(|p| p.parse()).transpose()?.unwrap_or_default();
    std::fs::create_dir_all(&out)?;
    let doc = floats::document();
    let name = doc.asset_dir().to_string();
    std::fs::write(out.join(format!("{name}.xml")), emit::jats(&doc, &Default::default())?)?;
    std::fs::write(out.join(format!("{name}.epub")), emit::epub(&doc, &Default::default())?)?;
    let mut opts = PdfOptions::default();
    opts.page = page;
    let pdf = emit::pdf(&doc, &opts)?;
    for w in &pdf.warnings {
        eprintln!("warning: {w}");
    }
    std::fs::write(out.join(format!("{name}.pdf")), pdf.output)?;
    floats::write_assets(&doc, &out);
    println!("wrote {}", out.display());
    Ok(())
}
