//! Prints the reference list of a PDF as CSV: one row per reference.
//!
//! Usage: `cargo run --example references_csv -- FILE.pdf > refs.csv`

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: references_csv FILE.pdf")?;
    let pdf = std::fs::read(&path)?;
    let layout = quire::extract(&pdf, &quire::ExtractOptions::default())?;
    let doc = quire::normalise(&layout.output, &quire::NormaliseOptions::default()).output;
    println!("authors,year,title,source,volume,issue,pages,doi,url,raw");
    for r in &doc.references {
        let authors = r.authors.iter().map(|a| a.surname.as_str()).collect::<Vec<_>>().join("; ");
        let opt = |v: &Option<String>| csv_field(v.as_deref().unwrap_or(""));
        println!(
            "{},{},{},{},{},{},{},{},{},{}",
            csv_field(&authors),
            opt(&r.year),
            opt(&r.title),
            opt(&r.source),
            opt(&r.volume),
            opt(&r.issue),
            opt(&r.pages),
            opt(&r.doi),
            opt(&r.url),
            csv_field(&r.raw)
        );
    }
    Ok(())
}
