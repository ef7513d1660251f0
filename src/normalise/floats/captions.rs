//! Caption lines: a label such as "Figure 2." or "TABLE 1/T.6" opening a block.

use regex::Regex;
use std::sync::LazyLock;

/// What a caption labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A chart, diagram, photo or other picture.
    Figure,
    /// A table.
    Table,
}

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    /// Figure or table.
    pub kind: Kind,
    /// The label as printed, without the punctuation after it ("Fig. 3").
    pub label: String,
    /// The rest of the line after the label and its punctuation.
    pub rest: String,
}

/// A caption keyword, a number (1, 2a, A.3, IV, 1/T.6, 5-2), then punctuation, a space or
/// the end of the line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<label>(?P<kw>(?i:figure|fig\.|fig|chart|graph|exhibit|map|plate|diagram|illustration|table|tab\.))\s*(?:(?:[A-Z]\.?)?\d+[a-z]?(?:[./\-–][A-Z0-9]+(?:\.[0-9]+)*)?|[IVXLC]+|[A-Z]))(?P<sep>\s*[.:|—–-]\s*|\s+|$)(?P<rest>.*)$",
    )
    .expect("the caption pattern compiles")
});

/// Reads a caption label at the start of `text`, if it holds one.
///
/// A label followed only by a space must be followed by a capital or nothing:
/// "Figure 2 shows" opens a sentence, not a caption. A lower-case keyword ("figure 2")
/// is a reference in running text.
pub(crate) fn label(text: &str) -> Option<Label> {
    let t = text.trim();
    let c = LABEL.captures(t)?;
    let kw = c.name("kw")?.as_str();
    if kw.chars().next().is_some_and(|ch| ch.is_lowercase()) {
        return None;
    }
    let sep = c.name("sep")?.as_str();
    let rest = c.name("rest")?.as_str().trim();
    if sep.trim().is_empty() && !rest.is_empty() && !rest.chars().next().is_some_and(|ch| ch.is_uppercase() || ch == '(' || ch == '[') {
        return None;
    }
    let kind = if kw.to_lowercase().starts_with("tab") { Kind::Table } else { Kind::Figure };
    let label = c.name("label")?.as_str().trim().trim_end_matches(['.', ':']).to_string();
    Some(Label { kind, label, rest: rest.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(t: &str) -> Option<(Kind, String, String)> {
        label(t).map(|l| (l.kind, l.label, l.rest))
    }

    #[test]
    fn common_caption_forms_are_read() {
        assert_eq!(l("Figure 1. Flow chart of the study."), Some((Kind::Figure, "Figure 1".into(), "Flow chart of the study.".into())));
        assert_eq!(l("Fig. 3: Results"), Some((Kind::Figure, "Fig. 3".into(), "Results".into())));
        assert_eq!(l("Table 2 Cox regression"), Some((Kind::Table, "Table 2".into(), "Cox regression".into())));
        assert_eq!(l("TABLE 1/T.6"), Some((Kind::Table, "TABLE 1/T.6".into(), "".into())));
        assert_eq!(l("TABLE II. Parameters"), Some((Kind::Table, "TABLE II".into(), "Parameters".into())));
        assert_eq!(l("Chart 4 — Spending by year"), Some((Kind::Figure, "Chart 4".into(), "Spending by year".into())));
        assert_eq!(l("Figure 5-2. Map of the area"), Some((Kind::Figure, "Figure 5-2".into(), "Map of the area".into())));
    }

    #[test]
    fn references_in_running_text_are_not_captions() {
        assert_eq!(l("Figure 2 shows the trend"), None);
        assert_eq!(l("figure 2. The trend"), None);
        assert_eq!(l("Tables are listed below"), None);
        assert_eq!(l("Figures 1 and 2"), None);
    }
}
