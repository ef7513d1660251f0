//! Reads a document tree written by `quire convert --to json` and writes it as Markdown:
//! an example of a new output format built on the tree alone.
//!
//! Usage: `cargo run --example tree_to_markdown -- output/NAME.json > NAME.md`

use quire::tree::{BlockKind, Document};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tree_to_markdown TREE.json")?;
    let doc: Document = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    if doc.schema_version != quire::tree::SCHEMA_VERSION {
        return Err(format!("{path}: tree schema {} is not the supported {}", doc.schema_version, quire::tree::SCHEMA_VERSION).into());
    }
    print!("{}", markdown(&doc));
    Ok(())
}

fn markdown(doc: &Document) -> String {
    let mut md = format!("# {}\n\n", doc.display_title());
    if let Some(sub) = &doc.front.subtitle {
        md += &format!("*{sub}*\n\n");
    }
    let authors: Vec<String> = doc.front.authors.iter().map(|a| a.full_name()).collect();
    if !authors.is_empty() {
        md += &format!("{}\n\n", authors.join(", "));
    }
    for s in &doc.sections {
        if let Some(t) = &s.title {
            md += &format!("{} {t}\n\n", "#".repeat(usize::from(s.level) + 1));
        }
        for b in &s.blocks {
            let note_marks: String = b.note_calls().map(|n| format!("[^{}]", n + 1)).collect();
            match b.kind {
                BlockKind::Paragraph => md += &format!("{}{note_marks}\n\n", b.text()),
                BlockKind::ListItem => md += &format!("- {}{note_marks}\n", b.text()),
                BlockKind::Quote => md += &format!("> {}{note_marks}\n\n", b.text()),
                // A box's title; the box's blocks follow it with their own kinds.
                BlockKind::BoxTitle => md += &format!("**{}**{note_marks}\n\n", b.text()),
                BlockKind::Figure => {
                    let label = b.figure.as_ref().and_then(|f| f.label.clone()).unwrap_or_else(|| "Figure".into());
                    md += &format!("*{label}.* {}{note_marks}\n\n", b.text());
                }
                BlockKind::Table => {
                    let Some(t) = &b.table else { continue };
                    md += &format!("*{}.* {}{note_marks}\n\n", t.label.as_deref().unwrap_or("Table"), b.text());
                    for (i, row) in t.rows.iter().enumerate() {
                        let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                        md += &format!("| {} |\n", cells.join(" | "));
                        if i + 1 == t.header_rows.max(1) {
                            md += &format!("|{}\n", " --- |".repeat(cells.len()));
                        }
                    }
                    md += "\n";
                }
            }
        }
    }
    for (i, n) in doc.footnotes.iter().enumerate() {
        md += &format!("[^{}]: {}\n", i + 1, n.text);
    }
    if !doc.references.is_empty() {
        md += "\n## References\n\n";
        for r in &doc.references {
            md += &format!("- {}\n", r.raw);
        }
    }
    md
}
