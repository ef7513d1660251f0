//! Headings told by their numbering: "2.2.3 Cost estimates", "(b) Effects on trade",
//! "IV. Results", set in the body's own type.
//!
//! A line in body style is a heading only when the numbering holds across the document: an
//! enumerator at the start of a short layout block of its own that does not end like a
//! sentence, and the scheme confirmed by a neighbour (a sibling before or after it, or for a
//! decimal number its parent). Adjacent items of one scheme are a list, not headings.

use super::lines::{BodyStyle, TLine};

/// One numbering scheme: how an enumerator is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Scheme {
    /// Decimal numbers with this many parts ("2", "2.1", "2.1.3"), with or without a final full stop.
    Decimal(u8),
    /// A lowercase letter in parentheses: "(a)".
    ParenLetter,
    /// An uppercase letter with a full stop: "A.".
    UpperLetter,
    /// An uppercase Roman numeral with a full stop: "IV.".
    UpperRoman,
}

/// An enumerator read from the start of a heading candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Enumerator {
    /// How it is written.
    pub scheme: Scheme,
    /// Its parts: one for letters and numerals, several for decimals ("2.1" is [2, 1]).
    pub parts: Vec<u32>,
}

impl Enumerator {
    /// The level its own form gives: the depth of a decimal number, else none.
    pub fn depth(&self) -> Option<u8> {
        match self.scheme {
            Scheme::Decimal(n) => Some(n),
            _ => None,
        }
    }
}

/// Reads the enumerator that opens `text`, when text follows it.
pub(crate) fn enumerator(text: &str) -> Option<Enumerator> {
    let t = text.trim_start();
    let first = t.split_whitespace().next()?;
    let rest = t[first.len()..].trim_start();
    if rest.chars().filter(|c| c.is_alphabetic()).count() < 2 || !rest.starts_with(|c: char| c.is_alphanumeric() || c == '(') {
        return None;
    }
    if let Some(inner) = first.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        let mut cs = inner.chars();
        return match (cs.next(), cs.next()) {
            (Some(c), None) if c.is_ascii_lowercase() => Some(Enumerator { scheme: Scheme::ParenLetter, parts: vec![c as u32 - 'a' as u32 + 1] }),
            _ => None,
        };
    }
    let body = first.strip_suffix('.').unwrap_or(first);
    if body.is_empty() {
        return None;
    }
    if body.chars().all(|c| c.is_ascii_digit() || c == '.') && body.starts_with(|c: char| c.is_ascii_digit()) {
        let parts: Option<Vec<u32>> = body.split('.').map(|p| if p.len() <= 2 { p.parse().ok() } else { None }).collect();
        let parts = parts?;
        if parts.len() > 6 || parts.is_empty() {
            return None;
        }
        return Some(Enumerator { scheme: Scheme::Decimal(parts.len() as u8), parts });
    }
    if !first.ends_with('.') {
        return None;
    }
    if let Some(n) = roman(body) {
        return Some(Enumerator { scheme: Scheme::UpperRoman, parts: vec![n] });
    }
    let mut cs = body.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) if c.is_ascii_uppercase() => Some(Enumerator { scheme: Scheme::UpperLetter, parts: vec![c as u32 - 'A' as u32 + 1] }),
        _ => None,
    }
}

/// The value of an uppercase Roman numeral of two or more letters, or "I", "V", "X".
fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| "IVXL".contains(c)) {
        return None;
    }
    let val = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        _ => 50,
    };
    let cs: Vec<i32> = s.chars().map(val).collect();
    let mut n = 0i32;
    for (k, &v) in cs.iter().enumerate() {
        if cs.get(k + 1).is_some_and(|&next| next > v) {
            n -= v;
        } else {
            n += v;
        }
    }
    let n = u32::try_from(n).ok().filter(|&n| n > 0)?;
    // "V." and "X." alone are as often initials as numerals; only "I." opens a sequence.
    (s.len() > 1 || s == "I").then_some(n)
}

/// A candidate: a layout block of the body read as one numbered heading.
struct Candidate {
    /// Positions in `idx` of the block's lines.
    lines: Vec<usize>,
    /// The enumerator that opens it.
    num: Enumerator,
}

/// The positions in `idx` of lines that are numbered headings set in body style.
///
/// `idx` lists the body lines in reading order. Lines already set apart by style are
/// left to the style evidence; this finds the ones that only their numbering sets apart.
pub(crate) fn numbered_headings(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> Vec<bool> {
    let mut out = vec![false; idx.len()];
    let cands = candidates(lines, idx, body);
    for (k, c) in cands.iter().enumerate() {
        // Adjacent members of one scheme are list items.
        let next = cands.get(k + 1).filter(|n| n.lines[0] == c.lines[c.lines.len() - 1] + 1);
        let prev = k.checked_sub(1).map(|p| &cands[p]).filter(|p| p.lines[p.lines.len() - 1] + 1 == c.lines[0]);
        let listed = |o: Option<&Candidate>| o.is_some_and(|o| o.num.scheme == c.num.scheme);
        if listed(next) || listed(prev) {
            continue;
        }
        if confirmed(&cands, k) {
            for &p in &c.lines {
                out[p] = true;
            }
        }
    }
    out
}

/// Blocks that could be numbered headings: a block start in body size opening on a number
/// of that size, at most three lines and twenty words, no dot leaders, not ending like a
/// sentence or a lead-in.
fn candidates(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < idx.len() {
        let first = &lines[idx[pos]];
        let mut end = pos + 1;
        while end < idx.len() && lines[idx[end]].block == first.block {
            end += 1;
        }
        let block: Vec<usize> = (pos..end).collect();
        pos = end;
        // A raised, smaller number opens an affiliation or a note, not a heading.
        let raised = first.words.first().is_some_and(|w| w.size < first.size * 0.9);
        if !first.block_start || block.len() > 3 || first.size < body.size * 0.9 || raised {
            continue;
        }
        let text: String = block.iter().map(|&p| lines[idx[p]].text.as_str()).collect::<Vec<_>>().join(" ");
        let t = text.trim_end();
        if t.split_whitespace().count() > 20 || t.contains("...") || t.contains(". . .") {
            continue;
        }
        if t.ends_with(['.', ',', ';', ':']) {
            continue;
        }
        if let Some(num) = enumerator(t) {
            out.push(Candidate { lines: block, num });
        }
    }
    out
}

/// Whether another candidate confirms candidate `k`'s numbering: the previous or next
/// number of its scheme, or for a decimal its parent or a child.
fn confirmed(cands: &[Candidate], k: usize) -> bool {
    let c = &cands[k].num;
    let Some((&last, head)) = c.parts.split_last() else { return false };
    let has = |parts: &[u32], scheme: Scheme| cands.iter().any(|o| o.num.scheme == scheme && o.num.parts == parts);
    let with_last = |n: u32| {
        let mut p = head.to_vec();
        p.push(n);
        p
    };
    let sibling = (last > 1 && has(&with_last(last - 1), c.scheme)) || has(&with_last(last + 1), c.scheme);
    let parent = match c.scheme {
        Scheme::Decimal(n) if n >= 2 => has(head, Scheme::Decimal(n - 1)),
        _ => false,
    };
    let child = match c.scheme {
        Scheme::Decimal(n) => cands.iter().any(|o| o.num.scheme == Scheme::Decimal(n + 1) && o.num.parts.starts_with(&c.parts)),
        _ => false,
    };
    sibling || parent || child
}

#[cfg(test)]
mod tests {
    use super::super::testkit::*;
    use super::super::lines::{collect_lines, BodyStyle};
    use super::*;

    #[test]
    fn enumerators_of_each_scheme_are_read() {
        let e = |t: &str| enumerator(t).map(|e| (e.scheme, e.parts));
        assert_eq!(e("2.2.3 Coding modes"), Some((Scheme::Decimal(3), vec![2, 2, 3])));
        assert_eq!(e("1. INTRODUCTION"), Some((Scheme::Decimal(1), vec![1])));
        assert_eq!(e("(b) Variation increases generalization"), Some((Scheme::ParenLetter, vec![2])));
        assert_eq!(e("IV. Results"), Some((Scheme::UpperRoman, vec![4])));
        assert_eq!(e("C. Career link"), Some((Scheme::UpperLetter, vec![3])));
        assert_eq!(e("(a)"), None);
        assert_eq!(e("2010 was a year"), None);
        assert_eq!(e("3 4 5"), None);
    }

    /// Body text of several lines so that the body style is the regular face.
    const FILL: [&str; 3] = [
        "This paragraph of ordinary running text is long enough",
        "to set the body style of the page and it goes on for",
        "three lines before it ends with a full stop here.",
    ];

    fn heads(layout: &crate::layout::Layout) -> Vec<String> {
        let lines = collect_lines(layout);
        let body = BodyStyle::of(&lines);
        let idx: Vec<usize> = (0..lines.len()).collect();
        let marks = numbered_headings(&lines, &idx, &body);
        idx.iter().zip(marks).filter(|(_, m)| *m).map(|(&i, _)| lines[i].text.clone()).collect()
    }

    #[test]
    fn decimal_headings_in_body_type_are_confirmed_by_parent_or_sibling() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &["1 General"])
            .para(72.0, 130.0, &["1.1 Scope"])
            .para(72.0, 160.0, &FILL)
            .para(72.0, 220.0, &["1.2 Fundamental principles"])
            .para(72.0, 250.0, &FILL)
            .para(72.0, 310.0, &["4.7 A stray number that nothing confirms"])
            .para(72.0, 340.0, &FILL)
            .build();
        assert_eq!(heads(&l), vec!["1 General", "1.1 Scope", "1.2 Fundamental principles"]);
    }

    #[test]
    fn lettered_headings_need_a_sibling_and_numbered_lists_stay_lists() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &["(a) The contribution of odorants"])
            .para(72.0, 130.0, &FILL)
            .para(72.0, 190.0, &["(b) Variation versus mixture intensity"])
            .para(72.0, 220.0, &FILL)
            .para(72.0, 280.0, &["1. Collect the samples"])
            .para(72.0, 295.0, &["2. Label every tube"])
            .para(72.0, 310.0, &["3. Store them cold"])
            .para(72.0, 340.0, &FILL)
            .build();
        assert_eq!(heads(&l), vec!["(a) The contribution of odorants", "(b) Variation versus mixture intensity"]);
    }

    #[test]
    fn numbered_sentences_and_lead_ins_are_not_headings() {
        let l = Builder::new()
            .page()
            .para(72.0, 100.0, &["1.1 This Recommendation should be read with the following:"])
            .para(72.0, 130.0, &FILL)
            .para(72.0, 190.0, &["1.2 Each clause defines its terms."])
            .para(72.0, 220.0, &FILL)
            .build();
        assert!(heads(&l).is_empty());
    }
}
