//! The archive index: one static HTML page listing every converted document.
//!
//! [`render`] writes a self-contained page (inline CSS, no scripts, no external resources):
//! a table of all documents, worst quality flags first, with their metadata, links to
//! their outputs, their flags, and small bars for round-trip recall and content counts;
//! then the same documents ordered by title, by date and by file name, each linking back
//! to the document's row.

use crate::tree::Document;
use crate::verify::{Flag, Severity, Verification};
use crate::text::escape_xml as esc;
use crate::Format;
use std::cmp::Reverse;
use std::path::{Component, Path, PathBuf};

/// One document of the archive index.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IndexEntry {
    /// The input file's stem; also the anchor of the document's row.
    pub stem: String,
    /// Links to the outputs: (label such as "JATS", href relative to the index page).
    pub outputs: Vec<(String, String)>,
    /// Title, when found.
    pub title: Option<String>,
    /// Authors' full names in printed order.
    pub authors: Vec<String>,
    /// Date of issue in ISO 8601 form, as precise as known.
    pub date: Option<String>,
    /// ISBN as printed.
    pub isbn: Option<String>,
    /// Pages of the source PDF.
    pub pages: u32,
    /// Quality flags, any order (the page shows them worst first).
    pub flags: Vec<Flag>,
    /// Round-trip recall per output format: (format name such as "pdf", recall from 0 to 1).
    pub recall: Vec<(String, f64)>,
    /// Sections in the tree.
    pub sections: usize,
    /// References in the tree.
    pub references: usize,
    /// Footnotes in the tree.
    pub footnotes: usize,
    /// Figures in the tree.
    #[serde(default)]
    pub figures: usize,
    /// Tables in the tree.
    #[serde(default)]
    pub tables: usize,
    /// Why the document could not be converted; `None` when it was.
    pub failure: Option<String>,
}

impl IndexEntry {
    /// The entry of a converted document.
    ///
    /// `outputs` are (format, href relative to the index page) for each file written;
    /// `verification` supplies the recall bars when the round trip was run.
    pub fn converted(
        stem: &str,
        doc: &Document,
        outputs: &[(Format, String)],
        verification: Option<&Verification>,
        flags: Vec<Flag>,
    ) -> IndexEntry {
        IndexEntry {
            stem: stem.to_string(),
            outputs: outputs.iter().map(|(f, h)| (format_label(*f).to_string(), h.clone())).collect(),
            title: doc.front.title.clone(),
            authors: doc.front.authors.iter().map(|a| a.full_name()).collect(),
            date: doc.front.date.map(|d| d.iso()),
            isbn: doc.front.isbn.clone(),
            pages: doc.source.pages,
            flags,
            recall: verification
                .map(|v| v.formats.iter().map(|c| (c.format.to_string(), c.recall)).collect())
                .unwrap_or_default(),
            sections: doc.sections.iter().filter(|s| s.title.is_some()).count(),
            references: doc.references.len(),
            footnotes: doc.footnotes.len(),
            figures: doc.displays().filter(|b| b.figure.is_some()).count(),
            tables: doc.displays().filter(|b| b.table.is_some()).count(),
            failure: None,
        }
    }

    /// The entry of a document that could not be converted, with the reason in plain words.
    pub fn failed(stem: &str, reason: &str) -> IndexEntry {
        IndexEntry { stem: stem.to_string(), failure: Some(reason.to_string()), ..Default::default() }
    }

    /// How bad the document's state is: 4 failed, 3 error, 2 warn, 1 info, 0 clean.
    fn rank(&self) -> u8 {
        if self.failure.is_some() {
            return 4;
        }
        match self.flags.iter().map(|f| f.severity).max() {
            Some(Severity::Error) => 3,
            Some(Severity::Warn) => 2,
            Some(Severity::Info) => 1,
            None => 0,
        }
    }

    /// The title to show: the title, else the file stem.
    fn shown_title(&self) -> &str {
        self.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&self.stem)
    }
}

/// The label of an output format's link.
fn format_label(f: Format) -> &'static str {
    match f {
        Format::Jats => "JATS",
        Format::Epub => "EPUB",
        Format::Pdf => "PDF",
        Format::Json => "JSON",
    }
}

/// `target` as a relative URL from the folder `from_dir`, with `/` separators and the
/// characters URLs reserve percent-encoded.
///
/// Both paths are taken as they are given (relative paths against the current folder);
/// nothing is read from disk.
pub fn relative_href(from_dir: &Path, target: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    };
    let (from, to) = (abs(from_dir), abs(target));
    let fc: Vec<_> = from.components().collect();
    let tc: Vec<_> = to.components().collect();
    let common = fc.iter().zip(&tc).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); fc.len() - common];
    parts.extend(tc[common..].iter().map(|c| encode_path_part(&c.as_os_str().to_string_lossy())));
    parts.join("/")
}

/// A path segment percent-encoded for use in an href.
fn encode_path_part(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An anchor id for a file stem: letters, digits, `-` and `_` kept, others as `_`.
fn anchor(stem: &str) -> String {
    let s: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("doc-{s}")
}

const STYLE: &str = "
:root{--err:#a4001d;--err-bg:#fde8ec;--warn:#7a4d00;--warn-bg:#fff3d1;--info:#1d4a85;--info-bg:#e7effa;--ok:#1c6b35;--ok-bg:#e5f4ea;--line:#d5d8dc}
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1d21;margin:0;background:#fafafa}
main{max-width:1400px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0 .4rem}h2{font-size:1.2rem;margin:2rem 0 .6rem}
a{color:#0b57a4}nav a{margin-right:.9rem}
.summary span{display:inline-block;margin:.2rem .6rem .2rem 0;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:.5rem .55rem;text-align:left;vertical-align:top}
thead th{background:#eef0f3;position:sticky;top:0;font-size:.85rem}
tbody th{font-weight:normal}
tr.r4,tr.r3{box-shadow:inset 5px 0 var(--err)}tr.r2{box-shadow:inset 5px 0 #d89a00}tr.r1{box-shadow:inset 5px 0 #6d93c7}tr.r0{box-shadow:inset 5px 0 #59a56f}
.t{font-weight:650}tbody th{min-width:15rem}.nw{white-space:nowrap}.stem,.meta{color:#555;font-size:.82rem}
.flags{list-style:none;margin:0;padding:0;min-width:18rem}.flags li{margin:0 0 .3rem}
.sev{display:inline-block;min-width:3.6rem;text-align:center;font-size:.72rem;font-weight:700;text-transform:uppercase;border-radius:.25rem;padding:.05rem .3rem;margin-right:.35rem}
.error,.failed{color:var(--err);background:var(--err-bg)}.warn{color:var(--warn);background:var(--warn-bg)}.info{color:var(--info);background:var(--info-bg)}.ok{color:var(--ok);background:var(--ok-bg)}
.bars{display:grid;grid-template-columns:3.2rem 6rem auto;gap:.15rem .4rem;align-items:center;font-size:.78rem;white-space:nowrap}
.bar{height:.6rem;background:#e6e8eb;border-radius:.3rem;overflow:hidden}.bar i{display:block;height:100%;background:#59a56f}
.bar i.lo{background:#d89a00}.bar i.bad{background:var(--err)}.bar i.n{background:#6d93c7}
.out a{display:inline-block;margin:0 .3rem .2rem 0;padding:0 .35rem;border:1px solid var(--line);border-radius:.25rem;text-decoration:none;font-size:.82rem}
.fail{color:var(--err)}
ol.order{columns:2 24rem;padding-left:1.5rem}ol.order li{margin:.15rem 0}
";

/// The archive index page for `entries`, in one self-contained HTML document.
///
/// The main table is ordered by the worst flag (failed documents first, then errors,
/// warnings, notes, clean), then by the number of flags, then by file name. Lists ordered
/// by title, by date and by file name follow, reachable from the page's navigation.
pub fn render(entries: &[IndexEntry]) -> String {
    let mut by_sev: Vec<&IndexEntry> = entries.iter().collect();
    by_sev.sort_by(|a, b| {
        (Reverse(a.rank()), Reverse(worst_count(a)), &a.stem).cmp(&(Reverse(b.rank()), Reverse(worst_count(b)), &b.stem))
    });
    let most = |f: fn(&IndexEntry) -> usize| entries.iter().map(f).max().unwrap_or(0);
    let max = [most(|e| e.sections), most(|e| e.references), most(|e| e.footnotes), most(|e| e.figures), most(|e| e.tables)];

    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>Archive index</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Archive index</h1>\n");

    let count = |r: u8| entries.iter().filter(|e| e.rank() == r).count();
    h.push_str(&format!(
        "<p class=\"summary\">{} document(s): <span class=\"failed\">{} failed</span><span class=\"error\">{} with errors</span>\
         <span class=\"warn\">{} with warnings</span><span class=\"info\">{} with notes</span><span class=\"ok\">{} clean</span></p>\n",
        entries.len(),
        count(4),
        count(3),
        count(2),
        count(1),
        count(0)
    ));
    h.push_str(
        "<nav aria-label=\"Orderings\">Order: <a href=\"#by-severity\">by severity</a><a href=\"#by-title\">by title</a>\
         <a href=\"#by-date\">by date</a><a href=\"#by-file\">by file name</a></nav>\n",
    );

    h.push_str("<h2 id=\"by-severity\">Documents, worst first</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr>");
    for head in ["Document", "Date", "ISBN", "Pages", "Outputs", "Text kept", "Contents", "Flags"] {
        h.push_str(&format!("<th scope=\"col\">{head}</th>"));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for e in &by_sev {
        row(&mut h, e, max);
    }
    h.push_str("</tbody>\n</table>\n</div>\n");

    let mut by_title = by_sev.clone();
    by_title.sort_by_key(|e| (e.shown_title().to_lowercase(), e.stem.clone()));
    ordering(&mut h, "by-title", "By title", &by_title);
    let mut by_date = by_sev.clone();
    by_date.sort_by(|a, b| match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.cmp(x).then(a.stem.cmp(&b.stem)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.stem.cmp(&b.stem),
    });
    ordering(&mut h, "by-date", "By date, newest first", &by_date);
    let mut by_file = by_sev.clone();
    by_file.sort_by(|a, b| a.stem.cmp(&b.stem));
    ordering(&mut h, "by-file", "By file name", &by_file);

    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The number of flags at the entry's worst severity, to order entries of equal rank.
fn worst_count(e: &IndexEntry) -> usize {
    let worst = e.flags.iter().map(|f| f.severity).max();
    e.flags.iter().filter(|f| Some(f.severity) == worst).count()
}

/// `r` as a percentage: "100 %" only when nothing is missing, else two decimals.
fn recall_text(r: f64) -> String {
    if r >= 1.0 {
        "100 %".into()
    } else {
        format!("{:.2} %", (r * 100.0).min(99.99))
    }
}

/// One row of the main table; `max` holds the largest section, reference and note counts.
fn row(h: &mut String, e: &IndexEntry, max: [usize; 5]) {
    h.push_str(&format!("<tr id=\"{}\" class=\"r{}\">", anchor(&e.stem), e.rank()));
    h.push_str(&format!("<th scope=\"row\"><div class=\"t\">{}</div>", esc(e.shown_title())));
    if !e.authors.is_empty() {
        h.push_str(&format!("<div class=\"meta\">{}</div>", esc(&e.authors.join(", "))));
    }
    h.push_str(&format!("<div class=\"stem\">{}</div></th>", esc(&e.stem)));
    let opt = |v: &Option<String>| v.as_deref().map(esc).unwrap_or_else(|| "–".into());
    h.push_str(&format!("<td class=\"nw\">{}</td><td class=\"nw\">{}</td>", opt(&e.date), opt(&e.isbn)));
    h.push_str(&format!("<td class=\"nw\">{}</td>", if e.failure.is_some() { "–".into() } else { e.pages.to_string() }));

    if let Some(reason) = &e.failure {
        h.push_str(&format!(
            "<td colspan=\"3\" class=\"fail\">Not converted</td><td><ul class=\"flags\"><li><span class=\"sev failed\">failed</span>{}</li></ul></td></tr>\n",
            esc(reason)
        ));
        return;
    }

    h.push_str("<td class=\"out\">");
    for (label, href) in &e.outputs {
        h.push_str(&format!("<a href=\"{}\">{}</a>", esc(href), esc(label)));
    }
    h.push_str("</td>");

    h.push_str("<td>");
    if e.recall.is_empty() {
        h.push_str("<span class=\"meta\">not verified</span>");
    } else {
        h.push_str("<div class=\"bars\">");
        for (f, r) in &e.recall {
            let class = if *r >= crate::verify::RECALL_WARN {
                ""
            } else if *r >= crate::verify::RECALL_ERROR {
                " class=\"lo\""
            } else {
                " class=\"bad\""
            };
            h.push_str(&format!(
                "<span>{}</span><span class=\"bar\" aria-hidden=\"true\"><i{class} style=\"width:{:.1}%\"></i></span><span>{}</span>",
                esc(&f.to_uppercase()),
                (r * 100.0).clamp(0.0, 100.0),
                recall_text(*r)
            ));
        }
        h.push_str("</div>");
    }
    h.push_str("</td>");

    h.push_str("<td><div class=\"bars\">");
    let counts = [("Sections", e.sections), ("Refs", e.references), ("Notes", e.footnotes), ("Figures", e.figures), ("Tables", e.tables)];
    for ((name, n), m) in counts.into_iter().zip(max) {
        h.push_str(&format!(
            "<span>{name}</span><span class=\"bar\" aria-hidden=\"true\"><i class=\"n\" style=\"width:{:.1}%\"></i></span><span>{n}</span>",
            n as f64 * 100.0 / m.max(1) as f64
        ));
    }
    h.push_str("</div></td>");

    h.push_str("<td>");
    if e.flags.is_empty() {
        h.push_str("<span class=\"sev ok\">ok</span>");
    } else {
        let mut flags: Vec<&Flag> = e.flags.iter().collect();
        flags.sort_by_key(|f| Reverse(f.severity));
        h.push_str("<ul class=\"flags\">");
        for f in flags {
            h.push_str(&format!(
                "<li><span class=\"sev {0}\">{0}</span>{1} <span class=\"meta\">({2})</span></li>",
                f.severity.name(),
                esc(&f.message),
                esc(&f.code)
            ));
        }
        h.push_str("</ul>");
    }
    h.push_str("</td></tr>\n");
}

/// A list of the entries in another order, each linking to its row in the main table.
fn ordering(h: &mut String, id: &str, heading: &str, entries: &[&IndexEntry]) {
    h.push_str(&format!("<h2 id=\"{id}\">{heading}</h2>\n<ol class=\"order\">\n"));
    for e in entries {
        let state = match e.rank() {
            4 => "<span class=\"sev failed\">failed</span>",
            3 => "<span class=\"sev error\">error</span>",
            2 => "<span class=\"sev warn\">warn</span>",
            1 => "<span class=\"sev info\">info</span>",
            _ => "<span class=\"sev ok\">ok</span>",
        };
        h.push_str(&format!(
            "<li>{state}<a href=\"#{}\">{}</a> <span class=\"meta\">{} · {}</span></li>\n",
            anchor(&e.stem),
            esc(e.shown_title()),
            e.date.as_deref().map(esc).unwrap_or_else(|| "no date".into()),
            esc(&e.stem)
        ));
    }
    h.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(stem: &str, title: &str, sev: Option<Severity>) -> IndexEntry {
        IndexEntry {
            stem: stem.into(),
            title: Some(title.into()),
            pages: 4,
            outputs: vec![("JATS".into(), format!("{stem}.xml"))],
            recall: vec![("jats".into(), 1.0), ("pdf".into(), 0.95)],
            flags: sev.map(|s| vec![Flag { code: "x".into(), severity: s, message: "m".into() }]).unwrap_or_default(),
            ..Default::default()
        }
    }

    #[test]
    fn titles_are_escaped_and_failed_documents_are_listed() {
        let html = render(&[
            entry("a", "Trade <&> \"Security\"", None),
            IndexEntry::failed("broken file", "password required: the PDF is encrypted"),
        ]);
        assert!(html.contains("Trade &lt;&amp;&gt; &quot;Security&quot;"));
        assert!(!html.contains("Trade <&>"));
        assert!(html.contains("broken file") && html.contains("password required: the PDF is encrypted"));
        assert!(html.contains("id=\"doc-broken_file\""));
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en\">") && html.contains("<title>"));
        assert!(!html.contains("<script") && !html.contains("src=\"http"));
        assert!(html.contains("<th scope=\"col\">Flags</th>"));
    }

    #[test]
    fn main_table_puts_failures_and_errors_first() {
        let html = render(&[
            entry("clean", "Clean", None),
            entry("warned", "Warned", Some(Severity::Warn)),
            IndexEntry::failed("failed", "not a PDF"),
            entry("bad", "Bad", Some(Severity::Error)),
        ]);
        let table = &html[..html.find("id=\"by-title\"").unwrap()];
        let pos = |s: &str| table.find(&format!("id=\"doc-{s}\"")).unwrap();
        assert!(pos("failed") < pos("bad") && pos("bad") < pos("warned") && pos("warned") < pos("clean"));
        let titles = &html[html.find("id=\"by-title\"").unwrap()..html.find("id=\"by-date\"").unwrap()];
        assert!(titles.find("#doc-bad").unwrap() < titles.find("#doc-clean").unwrap());
    }

    #[test]
    fn recall_below_the_threshold_gets_a_warning_bar() {
        let html = render(&[entry("a", "A", None)]);
        assert!(html.contains("<i class=\"lo\" style=\"width:95.0%\">"));
        assert!(html.contains("<i style=\"width:100.0%\">"));
    }

    #[test]
    fn relative_hrefs_climb_and_encode() {
        assert_eq!(relative_href(Path::new("/a/site"), Path::new("/a/out/x y.epub")), "../out/x%20y.epub");
        assert_eq!(relative_href(Path::new("/a/out"), Path::new("/a/out/doc.xml")), "doc.xml");
        assert_eq!(relative_href(Path::new("out"), Path::new("out/./d.pdf")), "d.pdf");
    }
}
