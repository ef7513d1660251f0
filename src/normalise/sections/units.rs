//! Units of the body: lines cut into headings, paragraph pieces and list items by blocks,
//! style, indentation and list marks, and pieces that continue over a break joined again.

use super::*;

/// A piece of body in the making.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub kind: UKind,
    pub lines: Vec<usize>,
    /// The evidence that made the unit what it is, for the role table.
    pub why: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum UKind {
    Heading,
    Para,
    List,
}

/// The left and right edges of body text in a page's column.
#[derive(Debug, Clone, Copy)]
pub(super) struct Edges {
    pub left: f32,
    pub right: f32,
}

/// Measures body-text edges per (page, column), falling back to the whole document's.
pub(super) fn edges(lines: &[TLine], idx: &[usize], body: &BodyStyle) -> HashMap<(u32, u16), Edges> {
    let mut by: HashMap<(u32, u16), (Vec<f32>, Vec<f32>)> = HashMap::default();
    let mut all: HashMap<u16, (Vec<f32>, Vec<f32>)> = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        if (l.size - body.size).abs() < 0.6 {
            let e = by.entry((l.page, l.column)).or_default();
            e.0.push(l.bbox.x0);
            e.1.push(l.bbox.x1);
            let a = all.entry(l.column).or_default();
            a.0.push(l.bbox.x0);
            a.1.push(l.bbox.x1);
        }
    }
    let mode_left = |xs: &Vec<f32>| -> f32 {
        let mut h: HashMap<i32, usize> = HashMap::default();
        for x in xs {
            *h.entry((x / 2.0).round() as i32).or_default() += 1;
        }
        let best = h.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| *k).unwrap_or(0);
        xs.iter().copied().filter(|x| (x / 2.0).round() as i32 == best).fold(f32::MAX, f32::min)
    };
    let high_right = |xs: &Vec<f32>| -> f32 {
        let mut v = xs.clone();
        v.sort_by(f32::total_cmp);
        v.get((v.len() * 9) / 10).copied().unwrap_or(0.0)
    };
    let global: HashMap<u16, Edges> =
        all.iter().map(|(c, (l, r))| (*c, Edges { left: mode_left(l), right: high_right(r) })).collect();
    let mut out = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        let key = (l.page, l.column);
        if out.contains_key(&key) {
            continue;
        }
        let e = match by.get(&key) {
            Some((ls, rs)) if ls.len() >= 4 => Edges { left: mode_left(ls), right: high_right(rs) },
            _ => global.get(&l.column).copied().unwrap_or(Edges { left: l.bbox.x0, right: l.bbox.x1 }),
        };
        out.insert(key, e);
    }
    out
}

/// The list mark at the start of a line, if any: how many bytes of the text it takes.
pub(crate) fn list_mark(text: &str) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    let first = t.split_whitespace().next()?;
    let rest_after = t[first.len()..].trim_start();
    if rest_after.is_empty() {
        return None;
    }
    let bullets = ['•', '◦', '▪', '▫', '‣', '●', '○', '■', '□', '∙', '·', '–', '-', '*', '⁃', '➢', '►', '✓'];
    let is_bullet = first.chars().count() == 1 && first.chars().all(|c| bullets.contains(&c));
    let inner = first.trim_end_matches(['.', ')']);
    let enumerated = (first.ends_with('.') || first.ends_with(')'))
        && !inner.is_empty()
        && ((inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()))
            || (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()))
            || (inner.len() <= 4 && inner.chars().all(|c| "ivx".contains(c))));
    let paren = first.starts_with('(')
        && first.ends_with(')')
        && first.len() <= 5
        && first[1..first.len() - 1].chars().all(|c| c.is_ascii_alphanumeric());
    if is_bullet || enumerated || paren {
        Some(lead + first.len())
    } else {
        None
    }
}

/// Whether a line opens on a bare number set apart from its text by a gap of an em and a
/// half or more, far wider than a word space: the label of a numbered note or item ("1
/// ITU-T Recommendation T.6 was…"), which prose never opens with.
pub(super) fn set_apart_number(l: &TLine) -> bool {
    let [first, second, ..] = l.words.as_slice() else { return false };
    let t = first.text.trim();
    let label = (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()) && second.bbox.x0 - first.bbox.x1 >= 1.5 * l.size;
    // Prose after it: a word, and no other gap as wide (a table row has several).
    label && second.text.starts_with(char::is_alphabetic) && l.words[1..].windows(2).all(|w| w[1].bbox.x0 - w[0].bbox.x1 < 1.5 * l.size)
}

/// Whether a line starts with a bullet that is never ordinary text.
fn strong_bullet(text: &str) -> bool {
    text.trim_start().chars().next().is_some_and(|c| "•◦▪▫‣●○■□∙⁃➢►✓".contains(c))
}

/// Cuts the body lines into headings, paragraph pieces and list items.
///
/// `numbered[pos]` marks lines that their numbering makes headings although set like the body.
/// Whether the line at `pos` of `idx` is a heading that only italics and space set apart:
/// body size and weight, italic throughout, alone in its block with room above it, short,
/// not a finished sentence, and followed by roman body text.
///
/// Word's lower heading levels and the labelled steps of standards are set so; a one-line
/// italic paragraph that ends its sentence, or a run of italic lines, is not a heading.
fn italic_alone(lines: &[TLine], idx: &[usize], pos: usize, body: &BodyStyle, edges: &HashMap<(u32, u16), Edges>) -> bool {
    let l = &lines[idx[pos]];
    let body_size = (l.size - body.size).abs() <= body.size * 0.05;
    if !(l.italic && !l.bold && body_size && l.block_start && l.block_end) || !l.styles.iter().all(|s| s.italic) {
        return false;
    }
    let t = l.text.trim();
    let opens = t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !opens || t.split_whitespace().count() > 12 || ends_sentence(t) || t.ends_with([',', ';']) {
        return false;
    }
    let short = edges.get(&(l.page, l.column)).is_none_or(|e| l.bbox.x1 - l.bbox.x0 <= 0.8 * (e.right - e.left));
    // Its neighbours in its own column: reading order may visit another column in between.
    let same_column = |j: &usize| lines[*j].page == l.page && lines[*j].column == l.column;
    let Some(next) = idx[pos + 1..].iter().take(50).find(|j| same_column(j)).map(|&j| &lines[j]) else { return false };
    // Body text follows: a paragraph of several lines or at least a finished sentence, not
    // another short line (a list of names in which some are set in italics).
    let roman_after = !next.italic && (next.size - body.size).abs() <= body.size * 0.05 && (!next.block_end || ends_sentence(&next.text));
    let room_above = idx[..pos].iter().rev().take(50).find(|j| same_column(j)).is_none_or(|&p| l.baseline - lines[p].baseline >= 1.5 * l.size.max(body.pitch));
    short && roman_after && room_above
}

pub(super) fn cut_units(lines: &[TLine], idx: &[usize], body: &BodyStyle, edges: &HashMap<(u32, u16), Edges>, numbered: &[bool]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    // A bulleted line is a list item whatever its style (a bold lead-in does not make it a heading).
    let heading_line = |l: &TLine| is_heading_style(l, body) && l.text.chars().any(char::is_alphabetic) && !strong_bullet(&l.text);
    // Block extents, for indentation inside a block.
    let mut block_left: HashMap<usize, f32> = HashMap::default();
    let mut block_right: HashMap<usize, f32> = HashMap::default();
    for &i in idx {
        let l = &lines[i];
        let e = block_left.entry(l.block).or_insert(f32::MAX);
        *e = e.min(l.bbox.x0);
        let r = block_right.entry(l.block).or_insert(f32::MIN);
        *r = r.max(l.bbox.x1);
    }
    let mut list_x: Option<f32> = None;
    for (pos, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let prev = if pos > 0 { Some(&lines[idx[pos - 1]]) } else { None };
        let head_why = if heading_line(l) {
            Some("set apart by size or weight")
        } else if numbered.get(pos).copied().unwrap_or(false) {
            Some("numbered in the headings' sequence")
        } else if matches!(l.tag, Some(Tag::Heading(_))) && l.text.chars().any(char::is_alphabetic) && !strong_bullet(&l.text) {
            Some("tagged a heading in the PDF's structure tree")
        } else if italic_alone(lines, idx, pos, body, edges) {
            Some("italic, alone, with space above")
        } else {
            None
        };
        let is_head = head_why.is_some();
        let left = block_left.get(&l.block).copied().unwrap_or(l.bbox.x0);
        let right = block_right.get(&l.block).copied().unwrap_or(l.bbox.x1);
        let col = edges.get(&(l.page, l.column)).copied().unwrap_or(Edges { left, right });
        let em = l.size.max(1.0);
        if is_head {
            let joins = match (units.last(), prev) {
                (Some(u), Some(p)) if u.kind == UKind::Heading => {
                    let same_style = p.size_key() == l.size_key() && p.bold == l.bold && p.italic == l.italic;
                    let close = p.page == l.page && (l.baseline - p.baseline) > 0.0 && (l.baseline - p.baseline) < l.size * 2.0;
                    same_style && close && !ends_sentence(&p.text) && u.lines.len() < 4
                }
                _ => false,
            };
            list_x = None;
            if joins {
                if let Some(u) = units.last_mut() {
                    u.lines.push(i);
                }
            } else {
                units.push(Unit { kind: UKind::Heading, lines: vec![i], why: head_why.unwrap_or_default() });
            }
            continue;
        }
        // Numbers and dashes also open ordinary lines ("to\n2. Then"): trust them only at a
        // block start, after a finished sentence, or where the line moves left or right.
        let mark = (list_mark(&l.text).is_some() || set_apart_number(l))
            && (strong_bullet(&l.text)
                || l.block_start
                || prev.is_none_or(|p| ends_sentence(&p.text) || (p.bbox.x0 - l.bbox.x0).abs() > em * 0.3));
        let new_unit = match (units.last(), prev) {
            (None, _) | (_, None) => true,
            (Some(u), Some(p)) => {
                if u.kind == UKind::Heading || l.block_start || mark {
                    true
                } else if let Some(lx) = list_x {
                    // A list item goes on while lines hang right of its mark, or wrap back
                    // under it after a full line that its sentence runs on from.
                    let wraps = (l.bbox.x0 - lx).abs() <= em * 0.3 && p.bbox.x1 >= col.right - em * 2.0 && !ends_sentence(&p.text);
                    l.bbox.x0 <= lx + em * 0.3 && !wraps
                } else {
                    // A line set in under the text after a short first word of a full line
                    // that runs on (a labelled entry: "T.521 Communication … / (according to …)")
                    // goes on with it.
                    let hangs = p.words.len() >= 2
                        && p.words[0].text.chars().count() <= 8
                        && (l.bbox.x0 - p.words[1].bbox.x0).abs() <= em * 0.3
                        && p.bbox.x1 >= right - em * 2.0
                        && !ends_sentence(&p.text);
                    let indented = l.bbox.x0 - left >= em * 0.6 && l.bbox.x0 - left <= em * 6.0 && !hangs;
                    let short_prev = p.bbox.x1 < right - (em * 4.0).max((right - left) * 0.15) && ends_sentence(&p.text);
                    // Leaving a passage indented on both sides (a quotation set in the block). A
                    // block's indented first line alone is a paragraph's first line, however its
                    // sentence ends: a quotation set in a block follows text of its own.
                    let first_line_only = u.lines.len() == 1 && p.block_start;
                    let back_out = p.bbox.x0 - l.bbox.x0 >= em * 0.6
                        && p.bbox.x0 - col.left >= em * 0.6
                        && p.bbox.x1 < col.right - em * 0.8
                        && ends_sentence(&p.text)
                        && !first_line_only;
                    indented || short_prev || back_out
                }
            }
        };
        if mark {
            list_x = Some(l.bbox.x0);
        } else if new_unit {
            list_x = None;
        }
        if new_unit {
            let (kind, why) = if mark { (UKind::List, "opens with a list mark") } else { (UKind::Para, "body text") };
            units.push(Unit { kind, lines: vec![i], why });
        } else if let Some(u) = units.last_mut() {
            u.lines.push(i);
        }
    }
    // A heading must be short, not end like a sentence, and not start in lowercase.
    for u in &mut units {
        if u.kind == UKind::Heading {
            let text: String = u.lines.iter().map(|&i| lines[i].text.as_str()).collect::<Vec<_>>().join(" ");
            let words = text.split_whitespace().count();
            let t = text.trim_end();
            // A short label standing alone as its own block may end on a full stop ("Procedure.").
            let alone = u.lines.len() == 1 && lines[u.lines[0]].block_start && lines[u.lines[0]].block_end && words <= 4 && t.ends_with('.');
            let sentence = t.ends_with(['.', ',', ';']) && !t.ends_with("..") && !alone;
            // An enumerator such as "(a)" is not the heading's first word.
            let lower = super::super::numbering::enumerator(&text).is_none() && starts_lowercase(&text);
            if words > 25 || sentence || lower || inside_display(lines, idx, &u.lines, edges) {
                u.kind = UKind::Para;
                u.why = "heading type, but long, a sentence or inside a display";
            }
        }
    }
    // A bold start whose block runs on in body type is a run-in lead-in, not a heading.
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        let run_in = out.last().is_some_and(|h: &Unit| {
            let (a, b) = (&lines[*h.lines.last().unwrap_or(&0)], &lines[u.lines[0]]);
            // The bold line runs on: it fills its measure, or the next line goes on in lower case.
            let right = edges.get(&(a.page, a.column)).map_or(a.bbox.x1, |e| e.right);
            let runs_on = a.bbox.x1 >= right - a.size * 2.0 || starts_lowercase(&b.text);
            h.kind == UKind::Heading && u.kind == UKind::Para && !b.block_start && a.block == b.block && !is_heading_style(b, body) && runs_on
        });
        match out.last_mut() {
            Some(h) if run_in => {
                h.kind = UKind::Para;
                h.why = "a bold lead-in running on into its paragraph";
                h.lines.extend(u.lines);
            }
            _ => out.push(u),
        }
    }
    out
}

/// Whether the document marks new paragraphs by indenting their first line.
pub(super) fn uses_indents(lines: &[TLine], units: &[Unit], edges: &HashMap<(u32, u16), Edges>) -> bool {
    let (mut ind, mut flush) = (0, 0);
    for w in units.windows(2) {
        if w[0].kind != UKind::Para || w[1].kind != UKind::Para {
            continue;
        }
        let l = &lines[w[1].lines[0]];
        let Some(col) = edges.get(&(l.page, l.column)) else { continue };
        let d = l.bbox.x0 - col.left;
        if d >= l.size * 0.6 && d <= l.size * 4.0 {
            ind += 1;
        } else if d.abs() < l.size * 0.3 {
            flush += 1;
        }
    }
    ind > flush
}

/// Joins units that continue over a column or page break, or over a stray block split.
pub(super) fn merge_continuations(lines: &[TLine], units: Vec<Unit>, edges: &HashMap<(u32, u16), Edges>, indent_style: bool) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for u in units {
        let merge = match out.last() {
            Some(prev) if prev.kind != UKind::Heading && u.kind == UKind::Para => {
                let a = &lines[*prev.lines.last().unwrap_or(&0)];
                let b = &lines[u.lines[0]];
                let text_a: String = a.text.clone();
                let moved = a.page != b.page || a.column != b.column || b.bbox.y0 < a.bbox.y0;
                let col = edges.get(&(b.page, b.column));
                let b_indented = col.is_some_and(|c| b.bbox.x0 - c.left >= b.size * 0.6);
                let unfinished = !ends_sentence(&text_a) && !text_a.trim_end().ends_with(';');
                // A last line that runs to the column's edge is rarely a paragraph's last.
                let a_full = prev.lines.len() >= 2
                    && edges.get(&(a.page, a.column)).is_some_and(|c| a.bbox.x1 >= c.right - a.size * 0.5);
                if moved {
                    unfinished
                        || starts_lowercase(&b.text)
                        || (indent_style && !b_indented && prev.kind == UKind::Para)
                        || (a_full && !b_indented && prev.kind == UKind::Para)
                } else {
                    // A display set in from the column's edge does not continue the sentence it
                    // follows; a piece of the same line split off at a wide space does.
                    let same_line = (b.baseline - a.baseline).abs() < b.size * 0.2;
                    unfinished && starts_lowercase(&b.text) && b.block_start && (same_line || !display_indented(b, col))
                }
            }
            _ => false,
        };
        if merge {
            if let Some(p) = out.last_mut() {
                p.lines.extend(u.lines);
            }
        } else {
            out.push(u);
        }
    }
    out
}

/// Whether a line is set in from its column's left edge as displays are: two ems or more.
fn display_indented(l: &TLine, col: Option<&Edges>) -> bool {
    col.is_some_and(|c| l.bbox.x0 - c.left >= l.size * 2.0)
}

/// Whether a heading-styled line stands inside a display: set in two ems or more, with the
/// body lines just before and after it set in just as far (an example's labelled fields).
fn inside_display(lines: &[TLine], idx: &[usize], unit: &[usize], edges: &HashMap<(u32, u16), Edges>) -> bool {
    let (Some(&first), Some(&last)) = (unit.first(), unit.last()) else { return false };
    let l = &lines[first];
    if !display_indented(l, edges.get(&(l.page, l.column))) {
        return false;
    }
    let at = |i: usize| idx.iter().position(|&j| j == i);
    let (Some(a), Some(b)) = (at(first), at(last)) else { return false };
    let same = |k: usize| idx.get(k).is_some_and(|&j| lines[j].page == l.page && (lines[j].bbox.x0 - l.bbox.x0).abs() <= l.size * 0.5);
    a > 0 && same(a - 1) && same(b + 1)
}

/// Joins displays that run on line after line at one indent, each line set as a block of
/// its own (an example's labelled fields), into one unit; a finished sentence or a
/// paragraph's spacing ends one.
pub(super) fn join_displays(lines: &[TLine], units: Vec<Unit>, edges: &HashMap<(u32, u16), Edges>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units {
        let joins = out.last().is_some_and(|p: &Unit| {
            let (a, b) = (&lines[*p.lines.last().unwrap_or(&0)], &lines[u.lines[0]]);
            let col = edges.get(&(b.page, b.column));
            let set_in = |v: &Unit| v.lines.iter().all(|&i| display_indented(&lines[i], col) && (lines[i].bbox.x0 - b.bbox.x0).abs() <= b.size * 0.3);
            p.kind == UKind::Para
                && u.kind == UKind::Para
                && !ends_sentence(&a.text)
                && a.page == b.page
                && a.column == b.column
                && b.baseline > a.baseline
                && b.baseline - a.baseline <= b.size * 1.3
                && set_in(p)
                && set_in(&u)
        });
        match out.last_mut() {
            Some(p) if joins => p.lines.extend(u.lines),
            _ => out.push(u),
        }
    }
    out
}

/// Whether a paragraph is a block quotation: indented on both sides, or indented and set smaller or in italic.
pub(super) fn is_quote(lines: &[TLine], idx: &[usize], edges: &HashMap<(u32, u16), Edges>, body: &BodyStyle) -> bool {
    let mut left_ok = true;
    let mut right_ok = true;
    let mut italic = 0;
    let mut small = 0;
    for (k, &i) in idx.iter().enumerate() {
        let l = &lines[i];
        let Some(c) = edges.get(&(l.page, l.column)) else { return false };
        let em = body.size.max(1.0);
        if l.bbox.x0 < c.left + em * 1.0 {
            left_ok = false;
        }
        if k + 1 < idx.len() && l.bbox.x1 > c.right - em * 1.0 {
            right_ok = false;
        }
        if l.italic {
            italic += 1;
        }
        if l.size < body.size * 0.95 {
            small += 1;
        }
    }
    let n = idx.len();
    left_ok && (right_ok && n >= 1 || italic * 2 > n || small * 2 > n) && (n > 1 || right_ok)
}
