//! Field parsing of one printed reference: Chicago author-date, APA, numbered (IEEE-like).

use super::scan::{self, HANGUL, LOWER, UPPER};
use crate::tree::{PersonName, Reference, ReferenceKind};

/// Whether `hay` contains one of the lower-case ASCII `needles`, ignoring ASCII case.
///
/// Exact as a pre-test for a `(?i)` pattern only when the needles avoid `k` and `s`, the two
/// ASCII letters that Unicode case folding pairs with other characters (U+212A, U+017F).
fn has_ascii_ci(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n.as_bytes())))
}

// The shapes below were regular expressions; compiling them cost more than most documents'
// matches, so they are written out (the tests compare them with the patterns on many strings).

/// A byte range of a match or of one of its groups.
type Span = std::ops::Range<usize>;

/// The ranges of a written-out pattern's match (index 0) and of each group that took part.
type Groups<const N: usize> = [Option<Span>; N];

/// The text of one group of a match in `s`.
fn group<'a>(s: &'a str, g: &Option<Span>) -> Option<&'a str> {
    g.clone().map(|r| &s[r])
}

/// `s` after the first of `needles` that it starts with.
fn strip_any<'a>(s: &'a str, needles: &[&str]) -> Option<&'a str> {
    needles.iter().find_map(|n| s.strip_prefix(n))
}

/// The character at byte `i` of `s`.
fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The ends of a greedy `\s+` starting at byte `p`, longest first, as the pattern tries them.
fn ws_runs(s: &str, p: usize) -> impl Iterator<Item = usize> + '_ {
    let n = s[p..].len() - s[p..].trim_start().len();
    std::iter::once(p + n).filter(move |_| n > 0).chain(s[p..p + n].char_indices().rev().filter(|&(i, _)| i > 0).map(move |(i, _)| p + i))
}

/// The first end of a lazy `.+?` starting at byte `start` (one character or more, no line
/// break) at which `rest` matches, with what `rest` found there.
fn lazy<T>(s: &str, start: usize, mut rest: impl FnMut(usize) -> Option<T>) -> Option<T> {
    for (i, c) in s[start..].char_indices() {
        if c == '\n' {
            return None;
        }
        if let Some(t) = rest(start + i + c.len_utf8()) {
            return Some(t);
        }
    }
    None
}

/// `s` with every match starting where `at` finds one (at returns its end) replaced by a
/// space, searching left to right after each match, as `Regex::replace_all` does.
fn replace_matches(s: &str, at: impl Fn(&str, usize) -> Option<usize>) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut last, mut i) = (0, 0);
    while let Some(c) = char_at(s, i) {
        match at(s, i).filter(|&e| e > i) {
            Some(e) => {
                out.push_str(&s[last..i]);
                out.push(' ');
                (last, i) = (e, e);
            }
            None => i += c.len_utf8(),
        }
    }
    out.push_str(&s[last..]);
    out
}

/// The end of an "[Online]. Available at: " note starting at byte `i`:
/// `(?i)\[online\]\.?\s*(?:available(?: at)?:?)?\s*`.
fn online_at(s: &str, i: usize) -> Option<usize> {
    let r = scan::strip_ci(s[i..].strip_prefix('[')?, "online")?.strip_prefix(']')?;
    let mut r = scan::skip_ws(r.strip_prefix('.').unwrap_or(r));
    if let Some(a) = scan::strip_ci(r, "available") {
        let a = scan::strip_ci(a, " at").unwrap_or(a);
        r = a.strip_prefix(':').unwrap_or(a);
    }
    Some(s.len() - scan::skip_ws(r).len())
}

/// The end of an "(accessed on May 3, 2024)" / "Retrieved …." note starting at byte `i`:
/// `(?i)[(\[]?\b(?:accessed|retrieved)(?: on)?\s+[^.)\]]*[.)\]]?`.
fn accessed_at(s: &str, i: usize) -> Option<usize> {
    let word_at = |j: usize| {
        if !scan::boundary(scan::char_before(s, j), char_at(s, j)) {
            return None;
        }
        let r = scan::strip_any_ci(&s[j..], &["accessed", "retrieved"])?;
        // " on" is then followed by white space or given back to `\s+`: either way the
        // note runs to the first closing mark.
        let k = s.len() - r.len();
        char_at(s, k).filter(|c| c.is_whitespace())?;
        Some(s[k..].find(['.', ')', ']']).map_or(s.len(), |e| k + e + 1))
    };
    let open = s[i..].starts_with(['(', '[']);
    open.then(|| word_at(i + 1)).flatten().or_else(|| word_at(i))
}

/// The length of a page number, `[A-Za-z]?[0-9]+`, at the start of `s`.
fn page_number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let l = usize::from(b.first().is_some_and(u8::is_ascii_alphabetic));
    let d = b[l..].iter().take_while(|c| c.is_ascii_digit()).count();
    (d > 0).then_some(l + d)
}

/// The ends of pages `[A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?` at byte `p`: after the
/// first number, and after the range when one follows.
fn pages_at(s: &str, p: usize) -> Option<(usize, Option<usize>)> {
    let one = p + page_number(&s[p..])?;
    let range = scan::skip_ws(&s[one..]).strip_prefix(['–', '—', '-']).map(scan::skip_ws).and_then(|r| Some(s.len() - r.len() + page_number(r)?));
    Some((one, range))
}

/// `s` after "pp." or "p." when it starts with one: `(?:pp?\.)`.
fn strip_pp(s: &str) -> Option<&str> {
    s.strip_prefix("pp.").or_else(|| s.strip_prefix("p."))
}

/// Source, volume, issue and pages of "Journal, 40(4): 502-525": `^(.+?),?\s+([0-9]+[A-Za-z]?)\s*
/// (?:\(([^)]+)\))?\s*[:,]\s*(?:pp?\.\s*)?([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)\b`.
fn vol_issue_pages(s: &str) -> Option<Groups<5>> {
    let pos = |r: &str| s.len() - r.len();
    lazy(s, 0, |e1| {
        let r = &s[e1..];
        let r = scan::ws1(r.strip_prefix(',').unwrap_or(r))?;
        let v0 = pos(r);
        let v1 = v0 + scan::digits(r, 1, usize::MAX)?.0.len();
        let v1 = v1 + usize::from(s[v1..].starts_with(|c: char| c.is_ascii_alphabetic()));
        let mut r = scan::skip_ws(&s[v1..]);
        let mut issue = None;
        if let Some(b) = r.strip_prefix('(') {
            let n = b.find(')').filter(|&n| n > 0)?;
            issue = Some(pos(b)..pos(b) + n);
            r = &b[n + 1..];
        }
        let r = scan::skip_ws(scan::skip_ws(r).strip_prefix([':', ','])?);
        let p = pos(strip_pp(r).map_or(r, scan::skip_ws));
        let (one, range) = pages_at(s, p)?;
        let end = range.filter(|&e| scan::boundary(scan::char_before(s, e), char_at(s, e)));
        let end = end.or_else(|| scan::boundary(scan::char_before(s, one), char_at(s, one)).then_some(one))?;
        Some([Some(0..end), Some(0..e1), Some(v0..v1), issue, Some(p..end)])
    })
}

/// The length of `[\w-]+` at the start of `s`.
fn word_run(s: &str) -> Option<usize> {
    let n = s.find(|c: char| !scan::is_word(c) && c != '-').unwrap_or(s.len());
    (n > 0).then_some(n)
}

/// Source, volume, issue and pages of "Journal, vol. 3, no. 2, Mar. pp. 1-9":
/// `^(.+?),\s+vol\.\s*([\w-]+)(?:,\s+no\.\s*([\w-]+))?(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+)?
/// (?:pp?\.\s*([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)))?`.
fn ieee_journal(s: &str) -> Option<Groups<5>> {
    let pos = |r: &str| s.len() - r.len();
    lazy(s, 0, |e1| {
        let r = scan::skip_ws(scan::ws1(s[e1..].strip_prefix(',')?)?.strip_prefix("vol.")?);
        let v0 = pos(r);
        let mut end = v0 + word_run(r)?;
        let volume = Some(v0..end);
        let no = || {
            let r = scan::skip_ws(scan::ws1(s[end..].strip_prefix(',')?)?.strip_prefix("no.")?);
            Some(pos(r)..pos(r) + word_run(r)?)
        };
        let issue = no();
        end = issue.as_ref().map_or(end, |i| i.end);
        let pp = || {
            let r = scan::ws1(s[end..].strip_prefix(',')?)?;
            let month = || {
                let r = r.strip_prefix(|c: char| c.is_ascii_uppercase())?;
                let n = r.bytes().take(8).take_while(u8::is_ascii_lowercase).count();
                let m = &r[n..];
                (n >= 2 && !m.starts_with(|c: char| c.is_ascii_lowercase())).then_some(())?;
                scan::ws1(m.strip_prefix('.').unwrap_or(m))
            };
            let r = month().unwrap_or(r);
            let p = pos(scan::skip_ws(strip_pp(r)?));
            let (one, range) = pages_at(s, p)?;
            Some(p..range.unwrap_or(one))
        };
        let pages = pp();
        end = pages.as_ref().map_or(end, |p| p.end);
        Some([Some(0..end), Some(0..e1), volume, issue, pages])
    })
}

/// The book of a chapter, "In Book, edited by …": `^In\s+(.+?),\s+(?:edited|ed\.|eds\.|trans\.)\s`.
fn edited(s: &str) -> Option<Groups<2>> {
    s.strip_prefix("In")?;
    ws_runs(s, 2).find_map(|g| {
        lazy(s, g, |e1| {
            let r = scan::ws1(s[e1..].strip_prefix(',')?)?;
            let r = strip_any(r, &["edited", "ed.", "eds.", "trans."])?;
            let c = r.chars().next().filter(|c| c.is_whitespace())?;
            Some([Some(0..s.len() - r.len() + c.len_utf8()), Some(g..e1)])
        })
    })
}

/// The pages of a chapter, ", 12–34. ": `,\s*([0-9]+\s*[–—-]\s*[0-9]+)\.\s`.
fn chapter_pages(s: &str) -> Option<Groups<2>> {
    let pos = |r: &str| s.len() - r.len();
    s.match_indices(',').find_map(|(i, _)| {
        let r = scan::skip_ws(&s[i + 1..]);
        let p = pos(r);
        let r = scan::skip_ws(scan::digits(r, 1, usize::MAX)?.1);
        let r = scan::skip_ws(r.strip_prefix(['–', '—', '-'])?);
        let r = scan::digits(r, 1, usize::MAX)?.1;
        let q = pos(r);
        let r = r.strip_prefix('.')?;
        let c = r.chars().next().filter(|c| c.is_whitespace())?;
        Some([Some(i..pos(r) + c.len_utf8()), Some(p..q)])
    })
}

/// The end of `\.(?:\s|$)` at byte `p`.
fn sentence_end(s: &str, p: usize) -> Option<usize> {
    let r = s[p..].strip_prefix('.')?;
    match r.chars().next() {
        None => Some(s.len()),
        Some(c) => c.is_whitespace().then(|| s.len() - r.len() + c.len_utf8()),
    }
}

/// The book and pages after an APA "In " from byte `g` on:
/// `(.+?)(?:\s+\((?:pp?\.\s*([^)]+))\))?\.(?:\s|$)`.
fn apa_book(s: &str, g: usize) -> Option<Groups<3>> {
    lazy(s, g, |e1| {
        let pages = || {
            let r = strip_pp(scan::ws1(&s[e1..])?.strip_prefix('(')?)?;
            let p = s.len() - r.len();
            ws_runs(s, p).chain([p]).find_map(|q| {
                let n = s[q..].find(')').filter(|&n| n > 0)?;
                Some((sentence_end(s, q + n + 1)?, q..q + n))
            })
        };
        if let Some((end, p)) = pages() {
            return Some([Some(0..end), Some(g..e1), Some(p)]);
        }
        Some([Some(0..sentence_end(s, e1)?), Some(g..e1), None])
    })
}

/// The book and pages of an APA chapter, "In A. Editor (Ed.), Book (pp. 1–9).":
/// `^In\s+(?:.+?\((?:Eds?\.|Trans\.)\),\s+)?(.+?)(?:\s+\((?:pp?\.\s*([^)]+))\))?\.(?:\s|$)`.
fn apa_in(s: &str) -> Option<Groups<3>> {
    s.strip_prefix("In")?;
    ws_runs(s, 2).find_map(|g| {
        let editors = lazy(s, g, |e| {
            let r = strip_any(s[e..].strip_prefix('(')?, &["Eds.", "Ed.", "Trans."])?;
            let r = r.strip_prefix("),")?;
            ws_runs(s, s.len() - r.len()).find_map(|b| apa_book(s, b))
        });
        editors.or_else(|| apa_book(s, g))
    })
}

/// The end of `,\s+Eds?\.\s` at byte `q`.
fn eds_at(s: &str, q: usize) -> Option<usize> {
    let r = scan::ws1(s[q..].strip_prefix(',')?)?;
    let r = r.strip_prefix("Eds.").or_else(|| r.strip_prefix("Ed."))?;
    let c = r.chars().next().filter(|c| c.is_whitespace())?;
    Some(s.len() - r.len() + c.len_utf8())
}

/// The end of the editors' names from byte `p` on and the end of the match:
/// `((?:[^,]+,\s+)*?[^,]+),\s+Eds?\.\s`, fewest names first.
fn ieee_editors(s: &str, mut p: usize) -> Option<(usize, usize)> {
    loop {
        if s[p..].starts_with(',') || p == s.len() {
            return None;
        }
        let q = p + s[p..].find(',')?;
        if let Some(end) = eds_at(s, q) {
            return Some((q, end));
        }
        // One more name: a shorter `\s+` leaves spaces to the next name, which then ends at
        // the same comma, so only the longest run and (when it meets a comma) the next matter.
        let mut runs = ws_runs(s, q + 1);
        let longest = runs.next()?;
        p = if longest < s.len() && !s[longest..].starts_with(',') { longest } else { runs.next()? };
    }
}

/// The book of an IEEE chapter, "in Book, A. Editor, Eds. ": `^in\s+(.+?),\s+((?:[^,]+,\s+)*?[^,]+),\s+Eds?\.\s`.
fn ieee_in(s: &str) -> Option<Groups<3>> {
    s.strip_prefix("in")?;
    ws_runs(s, 2).find_map(|g| {
        lazy(s, g, |e1| {
            s[e1..].strip_prefix(',')?;
            ws_runs(s, e1 + 1).find_map(|b| {
                let (q, end) = ieee_editors(s, b)?;
                Some([Some(0..end), Some(g..e1), Some(b..q)])
            })
        })
    })
}

/// The label of "[12] " or "12. " at the start of an entry and where the text after it
/// starts: `^\s*(?:\[([0-9]{1,4})\]|([0-9]{1,4})\.)\s+`.
fn label(text: &str) -> Option<(&str, usize)> {
    let t = scan::skip_ws(text);
    let (num, rest) = match t.strip_prefix('[') {
        Some(b) => scan::digits(b, 1, 4).and_then(|(n, r)| Some((n, r.strip_prefix(']')?)))?,
        None => scan::digits(t, 1, 4).and_then(|(n, r)| Some((n, r.strip_prefix('.')?)))?,
    };
    let rest = scan::ws1(rest)?;
    Some((num, text.len() - rest.len()))
}

/// Where the text after a repeated-author dash starts: `^\s*(?:[—–―_-]\s*){1,8}[.,]\s*`.
fn dash(text: &str) -> Option<usize> {
    let mut s = scan::skip_ws(text);
    let mut n = 0;
    while n < 8 {
        let Some(r) = s.strip_prefix(['\u{2014}', '\u{2013}', '\u{2015}', '_', '-']) else { break };
        s = scan::skip_ws(r);
        n += 1;
    }
    let rest = scan::skip_ws(s.strip_prefix(['.', ',']).filter(|_| n > 0)?);
    Some(text.len() - rest.len())
}

/// The length of a year with an optional letter (`(?:1[5-9]|20)[0-9]{2}[a-z]?`) or of "n.d."
/// / "n. d." (`n\.\s?d\.`) at the start of `s`.
fn year_or_nd(s: &str) -> Option<usize> {
    if let Some(n) = scan::year_at(s) {
        return Some(n + usize::from(s[n..].starts_with(|c: char| c.is_ascii_lowercase())));
    }
    let r = s.strip_prefix("n.")?;
    let r = r.strip_prefix(char::is_whitespace).unwrap_or(r);
    Some(s.len() - r.strip_prefix("d.")?.len())
}

/// The first APA year in brackets, " (2019)." / " (2020, May 27)" / " (n.d.)", with the year:
/// `\s\(((?:1[5-9]|20)[0-9]{2}[a-z]?|n\.\s?d\.)(?:,\s*[^)]*)?\)\.?\s*`.
fn apa_year(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
    s.char_indices().filter(|&(_, c)| c.is_whitespace()).find_map(|(i, c)| {
        let open = i + c.len_utf8();
        let y0 = open + s[open..].strip_prefix('(').map(|_| 1)?;
        let y1 = y0 + year_or_nd(&s[y0..])?;
        let mut r = &s[y1..];
        if r.starts_with(',') {
            r = &r[r.find(')')?..];
        }
        let r = r.strip_prefix(')')?;
        let r = scan::skip_ws(r.strip_prefix('.').unwrap_or(r));
        Some((i..s.len() - r.len(), &s[y0..y1]))
    })
}

/// The first Chicago year after a period or comma, ". 2019." / ", n.d." / ". forthcoming.",
/// with the year: `[.,]\s+((?:1[5-9]|20)[0-9]{2}[a-z]?|n\.\s?d\.|forthcoming)\.\s*`.
fn chicago_year(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
    s.char_indices().filter(|&(_, c)| matches!(c, '.' | ',')).find_map(|(i, _)| {
        let r = scan::ws1(&s[i + 1..])?;
        let y0 = s.len() - r.len();
        let n = year_or_nd(r).or_else(|| r.starts_with("forthcoming").then_some("forthcoming".len()))?;
        let r = scan::skip_ws(r[n..].strip_prefix('.')?);
        Some((i..s.len() - r.len(), &s[y0..y0 + n]))
    })
}

/// Each year from 1500 to 2099 standing as a word, with an optional letter, left to right:
/// `\b((?:1[5-9]|20)[0-9]{2}[a-z]?)\b`.
pub(super) fn years(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < s.len() {
            let i = at;
            at += s[i..].chars().next().map_or(1, char::len_utf8);
            if !s.as_bytes()[i].is_ascii_digit() || scan::char_before(s, i).is_some_and(scan::is_word) {
                continue;
            }
            let Some(n) = scan::year_at(&s[i..]) else { continue };
            let mut end = i + n;
            let after = s[end..].chars().next();
            if after.is_some_and(|c| c.is_ascii_lowercase()) && !s[end + 1..].starts_with(scan::is_word) {
                end += 1;
            } else if after.is_some_and(scan::is_word) {
                continue;
            }
            at = end;
            return Some(i..end);
        }
        None
    })
}

/// The first text in one pair of quotation marks at `s[open..]`: the shortest non-empty run
/// without a line break before a closing mark, as `“(.+?)”` finds it; the range ends after it.
fn quoted_at(s: &str, open: usize, close: char) -> Option<std::ops::Range<usize>> {
    let body = &s[open..];
    let first = body.chars().next().filter(|&c| c != '\n')?;
    for (i, c) in body[first.len_utf8()..].char_indices() {
        let i = i + first.len_utf8();
        if c == close {
            return Some(open..open + i);
        }
        if c == '\n' {
            return None;
        }
    }
    None
}

/// A title in quotation marks opening `s`, and the text after it and its spaces:
/// `^(?:“(.+?)”|"(.+?)"|‘(.+?)’)\s*(.*)$`. A later closing mark is tried when a line break
/// follows the first.
fn quoted(s: &str) -> Option<(&str, &str)> {
    let (open, close) = [('“', '”'), ('"', '"'), ('‘', '’')].into_iter().find(|&(o, _)| s.starts_with(o))?;
    let o = open.len_utf8();
    let mut from = o;
    loop {
        let inner = quoted_at(s, from, close)?;
        let content = o..inner.end;
        let rest = scan::skip_ws(&s[inner.end + close.len_utf8()..]);
        if !rest.contains('\n') {
            return Some((&s[content], rest));
        }
        // The lazy title grows past this mark: it must not hold a line break either.
        if s[o..inner.end + close.len_utf8()].contains('\n') {
            return None;
        }
        from = inner.end;
    }
}

/// The first title in double quotation marks, curly or straight: the whole match's range and
/// the title (`“(.+?)”|"(.+?)"`).
fn quoted_any(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
    s.char_indices().find_map(|(i, c)| {
        let close = match c {
            '“' => '”',
            '"' => '"',
            _ => return None,
        };
        let inner = quoted_at(s, i + c.len_utf8(), close)?;
        Some((i..inner.end + close.len_utf8(), &s[inner.clone()]))
    })
}

/// Whether a word is a run of initials such as "J." or "J.-P.":
/// `^(?:\p{Lu}[\p{Ll}]?\.(?:\s*-\s*|\s+)?)+$`.
fn initials(w: &str) -> bool {
    let mut s = w;
    loop {
        let mut cs = s.chars();
        if !cs.next().is_some_and(|c| UPPER.has(c)) {
            return false;
        }
        let r = cs.as_str();
        let r = r.strip_prefix(|c: char| LOWER.has(c)).unwrap_or(r);
        let Some(r) = r.strip_prefix('.') else { return false };
        let spaced = scan::skip_ws(r);
        s = match spaced.strip_prefix('-') {
            Some(h) => scan::skip_ws(h),
            None => spaced,
        };
        if s.is_empty() {
            return true;
        }
    }
}

/// Whether `s` is two to five Hangul characters, a Korean name printed whole: `^\p{Hangul}{2,5}$`.
fn hangul_name(s: &str) -> bool {
    (2..=5).contains(&s.chars().count()) && s.chars().all(|c| HANGUL.has(c))
}

/// Whether `s` holds "City: Publisher Press"-like text:
/// `\b[A-Z][\w .]+:\s+[A-Z][\w&.' ]+(?:Press|Publish\w*|Books|Routledge|Macmillan|Wiley|Springer|Sons|University)`.
pub(super) fn publisher(s: &str) -> bool {
    const NAMES: &[&str] = &["Press", "Publish", "Books", "Routledge", "Macmillan", "Wiley", "Springer", "Sons", "University"];
    if !s.contains(':') {
        return false;
    }
    let place = |c: char| scan::is_word(c) || matches!(c, ' ' | '.');
    let name = |c: char| scan::is_word(c) || matches!(c, '&' | '.' | '\'' | ' ');
    s.char_indices().any(|(i, c)| {
        if !c.is_ascii_uppercase() || scan::char_before(s, i).is_some_and(scan::is_word) {
            return false;
        }
        let r = &s[i + 1..];
        let n = r.find(|c: char| !place(c)).unwrap_or(r.len());
        let Some(r) = (n > 0).then(|| r[n..].strip_prefix(':')).flatten().and_then(scan::ws1) else { return false };
        let Some(r) = r.strip_prefix(|c: char| c.is_ascii_uppercase()) else { return false };
        let n = r.find(|c: char| !name(c)).unwrap_or(r.len());
        r[..n].char_indices().skip(1).any(|(j, _)| NAMES.iter().any(|w| r[j..].starts_with(w)))
    })
}

/// Whether `s` is a date or season rather than a source: "May 3", "March 5, 2021", "3 May",
/// "Spring", per `(?i)^(?:jan|…|dec)[a-z]*\.?(?:\s+[0-9]{1,2})?(?:,\s*[0-9]{4})?$`,
/// `(?i)^[0-9]{1,2}\s+(?:jan|…|dec)[a-z]*$` and `(?i)^(?:spring|summer|fall|autumn|winter)$`.
fn month_date(s: &str) -> bool {
    const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    fn letters(r: &str) -> &str {
        r.trim_start_matches(|c: char| fold_letter(c))
    }
    if let Some(r) = scan::strip_any_ci(s, MONTHS) {
        let r = letters(r);
        let r = r.strip_prefix('.').unwrap_or(r);
        let r = scan::ws1(r).and_then(|d| scan::digits(d, 1, 2)).map_or(r, |(_, d)| d);
        let r = r.strip_prefix(',').map(scan::skip_ws).and_then(|y| scan::digits(y, 4, 4)).map_or(r, |(_, y)| y);
        if r.is_empty() {
            return true;
        }
    }
    if let Some(r) = scan::digits(s, 1, 2).and_then(|(_, r)| scan::ws1(r)).and_then(|r| scan::strip_any_ci(r, MONTHS)) {
        if letters(r).is_empty() {
            return true;
        }
    }
    ["spring", "summer", "fall", "autumn", "winter"].iter().any(|w| scan::strip_ci(s, w).is_some_and(str::is_empty))
}

/// Whether `c` is a letter of a case-insensitive `[a-z]`: an ASCII letter, long s or the Kelvin sign.
fn fold_letter(c: char) -> bool {
    scan::fold(c).is_ascii_lowercase()
}

/// The pages after "p." or "pp.": `\bpp?\.\s*([A-Za-z]?[0-9]+\s*[–—-]\s*[A-Za-z]?[0-9]+|[0-9]+)`.
fn pages_pp(s: &str) -> Option<&str> {
    /// What follows a page number with an optional letter ("A12"), or None.
    fn number(r: &str) -> Option<&str> {
        let r = r.strip_prefix(|c: char| c.is_ascii_alphabetic()).unwrap_or(r);
        r.strip_prefix(|c: char| c.is_ascii_digit()).map(|d| d.trim_start_matches(|c: char| c.is_ascii_digit()))
    }
    s.match_indices('p').find_map(|(i, _)| {
        if scan::char_before(s, i).is_some_and(scan::is_word) {
            return None;
        }
        let r = &s[i + 1..];
        let r = r.strip_prefix("p.").or_else(|| r.strip_prefix('.'))?;
        let r = scan::skip_ws(r);
        let range = number(r)
            .map(scan::skip_ws)
            .and_then(|d| d.strip_prefix(['–', '—', '-']))
            .and_then(|d| number(scan::skip_ws(d)));
        let end = range.or_else(|| Some(r.trim_start_matches(|c: char| c.is_ascii_digit())).filter(|e| e.len() < r.len()))?;
        Some(&r[..r.len() - end.len()])
    })
}

/// The text after a "10." DOI prefix: "10." and one or more characters other than white space.
fn doi_at(r: &str) -> Option<usize> {
    let n = r.strip_prefix("10.")?.find(char::is_whitespace).unwrap_or(r.len() - 3);
    (n > 0).then_some(3 + n)
}

/// A DOI link, its whole range and the DOI's: `(?i)https?://(?:dx\.)?doi\.org/(10\.\S+)`.
fn doi_link(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    s.char_indices().find_map(|(i, _)| {
        let r = scan::strip_any_ci(&s[i..], &["https://", "http://"])?;
        let r = scan::strip_ci(r, "dx.").unwrap_or(r);
        let r = scan::strip_ci(r, "doi.org/")?;
        let start = s.len() - r.len();
        let n = doi_at(r)?;
        Some((i..start + n, start..start + n))
    })
}

/// A labelled DOI, its whole range and the DOI's: `(?i)\bdoi:\s*(10\.\S+)`.
fn doi_label(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    s.char_indices().find_map(|(i, _)| {
        if scan::char_before(s, i).is_some_and(scan::is_word) {
            return None;
        }
        let r = scan::skip_ws(scan::strip_ci(&s[i..], "doi:")?);
        let start = s.len() - r.len();
        let n = doi_at(r)?;
        Some((i..start + n, start..start + n))
    })
}

/// A bare DOI at the start or after white space, its whole range (with that space) and the
/// DOI's: `(?:^|\s)(10\.[0-9]{4,9}/\S+)`.
fn doi_bare(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let bare = |start: usize| {
        let r = &s[start..];
        let (_, d) = scan::digits(r.strip_prefix("10.")?, 4, 9)?;
        let d = d.strip_prefix('/')?;
        let n = d.find(char::is_whitespace).unwrap_or(d.len());
        (n > 0).then(|| start..s.len() - d.len() + n)
    };
    if let Some(m) = bare(0) {
        return Some((m.clone(), m));
    }
    s.char_indices().filter(|&(_, c)| c.is_whitespace()).find_map(|(i, c)| bare(i + c.len_utf8()).map(|m| (i..m.end, m)))
}

/// The first web address: `(?i)(?:https?://|www\.)\S+`.
fn url_range(s: &str) -> Option<std::ops::Range<usize>> {
    s.char_indices().find_map(|(i, _)| {
        let r = scan::strip_any_ci(&s[i..], &["https://", "http://", "www."])?;
        let n = r.find(char::is_whitespace).unwrap_or(r.len());
        (n > 0).then(|| i..s.len() - r.len() + n)
    })
}

/// Parses the fields of one printed reference; `previous` resolves a repeated-author dash.
pub(crate) fn parse_reference(raw: &str, previous: Option<&Reference>) -> Reference {
    let raw = raw.trim().to_string();
    let mut r = Reference { raw: raw.clone(), ..Reference::default() };
    let mut text = raw.as_str();
    if let Some((label, end)) = label(text) {
        r.label = Some(label.to_string());
        text = &text[end..];
    }
    let mut dash_rest = None;
    if let Some(end) = dash(text) {
        r.repeated_authors = true;
        r.authors = previous.map(|p| p.authors.clone()).unwrap_or_default();
        dash_rest = Some(&text[end..]);
    }
    let (body, doi, url) = take_links(text);
    r.doi = doi;
    r.url = url;
    let body = body.as_str();

    // A "Surname, I." list without a quoted title has its own reader (see `namelist`).
    let unquoted = quoted_any(body).is_none() && apa_year(body).is_none();
    if r.label.is_some() || looks_ieee(body) {
        if !(unquoted && !r.repeated_authors && super::namelist::parse(body, &mut r)) {
            parse_ieee(body, &mut r);
        }
    } else if let Some((m, y)) = apa_year(body).filter(|(m, _)| m.start < 250) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::SurnameFirstAll);
        }
        r.year = Some(y.replace(' ', ""));
        parse_after_year(&body[m.end..], &mut r);
    } else if let Some((m, y)) = chicago_year(body).filter(|(m, _)| m.start < 250) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::FirstSurnameFirst);
        }
        r.year = Some(y.replace(' ', ""));
        parse_after_year(&body[m.end..], &mut r);
    } else if let Some(rest) = dash_rest {
        // A dash followed straight by the year: "———. 2023."
        let rest = rest.trim_start();
        if let Some(m) = years(rest).next().filter(|m| m.start == 0) {
            r.year = Some(rest[m.clone()].to_string());
            parse_after_year(rest[m.end..].trim_start_matches(['.', ')', ' ']), &mut r);
        }
    } else if !(unquoted && super::namelist::parse(body, &mut r)) {
        r.year = years(body).next().map(|m| body[m].to_string());
    }
    if r.kind.is_none() {
        r.kind = if r.volume.is_some() || r.issue.is_some() {
            Some(ReferenceKind::Journal)
        } else if r.url.is_some() && r.source.is_some() {
            Some(ReferenceKind::Webpage)
        } else {
            None
        };
    }
    r
}

/// Removes DOI and URL text from an entry, returning the rest, the DOI and the other URL.
fn take_links(text: &str) -> (String, Option<String>, Option<String>) {
    let mut body = text.to_string();
    let mut doi = None;
    // Every DOI form holds "10.".
    for find in [doi_link, doi_label, doi_bare] {
        if doi.is_some() || !body.contains("10.") {
            break;
        }
        if let Some((whole, d)) = find(&body) {
            doi = Some(clean_link(&body[d]));
            body.replace_range(whole, " ");
        }
    }
    let mut url = None;
    if let Some(range) = url_range(&body) {
        url = Some(clean_link(&body[range.clone()]));
        body.replace_range(range, " ");
    }
    let body = if body.contains('[') { replace_matches(&body, online_at) } else { body };
    let body = if has_ascii_ci(&body, &["acce", "retrieved"]) { replace_matches(&body, accessed_at) } else { body };
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = body.trim_end_matches([' ', '.', ',', ';']).to_string() + ".";
    (body, doi.filter(|d| !d.is_empty()), url.filter(|u| !u.is_empty()))
}

/// Strips the punctuation that ends a sentence from a printed link.
fn clean_link(s: &str) -> String {
    let mut s = s.trim_end_matches(['.', ',', ';', '>']).to_string();
    while s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
        s.pop();
        s = s.trim_end_matches(['.', ',', ';']).to_string();
    }
    while s.ends_with(']') && !s.contains('[') {
        s.pop();
    }
    s
}

/// Whether an unlabelled entry starts with initials-first names and a quoted title.
fn looks_ieee(body: &str) -> bool {
    let first = body.split(',').next().unwrap_or("");
    let starts_initial = first.split_whitespace().next().is_some_and(|w| initials(w));
    starts_initial && quoted_any(body).is_some_and(|(m, _)| body[..m.start].trim_end().ends_with(','))
}

/// How person names are ordered in an author list.
#[derive(Clone, Copy, PartialEq)]
enum AuthorOrder {
    /// Chicago: "Surname, Given, Given Surname, and Given Surname".
    FirstSurnameFirst,
    /// APA: "Surname, A. B., Surname, C., & Surname, D."
    SurnameFirstAll,
    /// IEEE: "A. B. Surname, C. Surname, and D. Surname".
    GivenFirst,
}

/// Splits a printed author list into names; a list without a person's shape is one institution.
fn split_authors(s: &str, order: AuthorOrder) -> Vec<PersonName> {
    let s = strip_et_al(s.trim().trim_end_matches([',', ' ']));
    let s = drop_final_period(&s);
    if s.is_empty() {
        return vec![];
    }
    if !s.contains(',') && order != AuthorOrder::GivenFirst {
        if hangul_name(&s) {
            let mut ch = s.chars();
            let sur = ch.next().map(String::from).unwrap_or_default();
            return vec![PersonName { surname: sur, given: Some(ch.collect()) }];
        }
        // "Surname and Surname" without given names is rare; the whole is an institution.
        return vec![PersonName { surname: s.trim_end_matches('.').to_string(), given: None }];
    }
    let pieces: Vec<String> = split_list(&s);
    if pieces.is_empty() {
        return vec![];
    }
    match order {
        AuthorOrder::GivenFirst => pieces.iter().map(|p| given_first(p)).collect(),
        AuthorOrder::SurnameFirstAll => {
            let mut out = Vec::new();
            let mut i = 0;
            while i < pieces.len() {
                let sur = pieces[i].clone();
                let given = pieces.get(i + 1).filter(|g| initials(g) || is_given_like(g));
                if let Some(g) = given {
                    out.push(PersonName { surname: sur, given: Some(g.clone()) });
                    i += 2;
                } else {
                    out.push(PersonName { surname: sur, given: None });
                    i += 1;
                }
            }
            out
        }
        AuthorOrder::FirstSurnameFirst => {
            let mut out = Vec::new();
            let first_sur = pieces[0].clone();
            let mut rest = pieces[1..].iter();
            let given = rest.next().cloned();
            match given {
                Some(g) if g.split_whitespace().count() <= 3 && !g.contains(' ') || is_given_like(&g) => {
                    out.push(PersonName { surname: first_sur, given: Some(g) })
                }
                Some(g) => {
                    // "Surname, Given Other Surname" cannot be told apart; keep the first.
                    out.push(PersonName { surname: first_sur, given: Some(g) })
                }
                None => out.push(PersonName { surname: first_sur, given: None }),
            }
            out.extend(rest.map(|p| given_first(p)));
            out
        }
    }
}

/// Drops a sentence-ending period, but not the period of a final initial ("Anna B.").
fn drop_final_period(s: &str) -> String {
    let Some(b) = s.strip_suffix('.') else { return s.to_string() };
    let last_word = b.rsplit([' ', '-']).next().unwrap_or("");
    let initial = last_word.chars().count() <= 2 && last_word.chars().next().is_some_and(|c| c.is_uppercase());
    if initial { s.to_string() } else { b.to_string() }
}

/// Drops a trailing "et al." (with its comma) from an author list.
fn strip_et_al(s: &str) -> String {
    let t = s.trim_end_matches(['.', ' ']);
    for tail in ["et al", "et. al", "and others"] {
        if let Some(b) = t.strip_suffix(tail) {
            return b.trim_end_matches([',', ' ']).to_string();
        }
    }
    s.to_string()
}

/// Splits "A, B, and C" / "A & B" / "A and B" into pieces.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut p = part.trim();
        for pre in ["and ", "& ", "&"] {
            if let Some(x) = p.strip_prefix(pre) {
                p = x.trim();
            }
        }
        // "Given Surname and Given Surname" inside one comma piece.
        let mut rest = p;
        loop {
            let cut = [" and ", " & "].iter().filter_map(|sep| rest.find(sep).map(|i| (i, sep.len()))).min();
            match cut {
                Some((i, n)) => {
                    let a = rest[..i].trim();
                    if !a.is_empty() {
                        out.push(a.to_string());
                    }
                    rest = rest[i + n..].trim();
                }
                None => break,
            }
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

/// Whether a piece reads as given names: one to three capitalised words or initials.
fn is_given_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
}

/// "Given Middle Surname" as a name; a piece without a space is a surname alone.
fn given_first(p: &str) -> PersonName {
    let p = p.trim().trim_end_matches(',');
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.len() < 2 {
        return PersonName { surname: p.to_string(), given: None };
    }
    // Surname particles stay with the surname: "Ludwig van Beethoven" -> "van Beethoven".
    let mut cut = words.len() - 1;
    while cut > 1 && matches!(words[cut - 1], "van" | "von" | "de" | "der" | "den" | "del" | "da" | "di" | "le" | "la" | "du") {
        cut -= 1;
    }
    PersonName { surname: words[cut..].join(" "), given: Some(words[..cut].join(" ")) }
}

/// Splits text at sentence ends (". ", "? ", "! "), not after initials or common abbreviations.
pub(super) fn sentences(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        cur.push(c);
        if matches!(c, '.' | '?' | '!') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            let word: String = cur
                .trim_end_matches(['.', '?', '!'])
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("")
                .to_string();
            let abbrev = c == '.'
                && (word.chars().count() == 1 && word.chars().all(|ch| ch.is_uppercase())
                    || matches!(word.to_lowercase().as_str(), "vs" | "no" | "vol" | "jr" | "sr" | "st" | "dr" | "mr" | "mrs" | "ms" | "ed" | "eds" | "pp" | "p" | "co" | "inc" | "ltd")
                    || word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4);
            if !abbrev {
                let t = cur.trim().to_string();
                if !t.is_empty() {
                    out.push(t);
                }
                cur.clear();
            }
        }
        i += 1;
    }
    let t = cur.trim().to_string();
    if !t.is_empty() {
        out.push(t);
    }
    out
}

fn strip_end(s: &str) -> String {
    s.trim().trim_end_matches(['.', ',', ';', ':']).trim().to_string()
}

fn set_pages(r: &mut Reference, p: &str) {
    let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
    r.pages = Some(p.replace(['–', '—'], "-"));
}

/// Reads title, source, volume, issue and pages from what follows the year.
fn parse_after_year(rest: &str, r: &mut Reference) {
    let rest = rest.trim();
    if let Some((title, after)) = quoted(rest) {
        r.title = Some(strip_end(title));
        let after = after.trim_start_matches([',', '.', ' ']);
        parse_container(after, r, true);
        return;
    }
    // Unquoted title (APA, or a book/report): the first sentence.
    let sents = sentences(rest);
    let Some(first) = sents.first() else { return };
    r.title = Some(strip_end(first));
    let after = rest[rest.find(first.as_str()).map_or(rest.len(), |i| i + first.len())..].trim();
    parse_container(after, r, false);
}

/// Reads the container (journal, book, site) printed after a title.
fn parse_container(after: &str, r: &mut Reference, chicago: bool) {
    let after = after.trim();
    if after.is_empty() || after == "." {
        return;
    }
    if after.starts_with("In ") {
        r.kind = Some(ReferenceKind::Book);
        if let Some(c) = edited(after) {
            r.source = group(after, &c[1]).map(strip_end);
            if let Some(p) = chapter_pages(after).and_then(|c| group(after, &c[1])) {
                set_pages(r, p);
            }
        } else if let Some(c) = apa_in(after) {
            r.source = group(after, &c[1]).map(strip_end);
            if let Some(p) = group(after, &c[2]) {
                set_pages(r, p);
            }
        }
        return;
    }
    if let Some(c) = vol_issue_pages(after) {
        let src = strip_end(group(after, &c[1]).unwrap_or(""));
        if !src.is_empty() && src.split_whitespace().count() <= 12 && !src.contains(". ") {
            r.source = Some(src);
            r.volume = group(after, &c[2]).map(str::to_string);
            r.issue = group(after, &c[3]).map(str::to_string);
            if let Some(p) = group(after, &c[4]) {
                set_pages(r, p);
            }
            r.kind = Some(ReferenceKind::Journal);
            return;
        }
    }
    let sents = sentences(after);
    if let Some(first) = sents.first() {
        let s = strip_end(first);
        if publisher(first) {
            r.kind = Some(ReferenceKind::Book);
        } else if !month_date(&s) && !s.is_empty() && !s.chars().all(|c| !c.is_alphabetic()) {
            let _ = chicago;
            r.source = Some(s);
        }
    }
    if let Some(p) = pages_pp(after) {
        set_pages(r, p);
    }
}

/// Parses a numbered IEEE-like entry (label already removed).
fn parse_ieee(body: &str, r: &mut Reference) {
    if let Some((m, title)) = quoted_any(body) {
        if !r.repeated_authors {
            r.authors = split_authors(&body[..m.start], AuthorOrder::GivenFirst);
        }
        r.title = Some(strip_end(title));
        let after = body[m.end..].trim_start_matches([',', '.', ' ']);
        r.year = years(after).last().map(|m| after[m].to_string());
        if let Some(c) = ieee_in(after) {
            r.kind = Some(ReferenceKind::Book);
            r.source = group(after, &c[1]).map(strip_end);
        } else if let Some(c) = after.contains("vol.").then(|| ieee_journal(after)).flatten() {
            r.kind = Some(ReferenceKind::Journal);
            r.source = group(after, &c[1]).map(strip_end);
            r.volume = group(after, &c[2]).map(str::to_string);
            r.issue = group(after, &c[3]).map(str::to_string);
        } else if let Some(first) = after.split(',').next() {
            let s = strip_end(first);
            if !s.is_empty() && !month_date(&s) && years(&s).next().is_none() {
                r.source = Some(s);
            }
        }
        if let Some(p) = pages_pp(after) {
            set_pages(r, p);
        }
        return;
    }
    // No quoted title: "Author, Title. Publisher, Year." — the author list ends at the first
    // comma piece that does not read as a person's name.
    let pieces: Vec<&str> = body.splitn(2, ',').collect();
    if pieces.len() == 2 {
        let who = pieces[0];
        let is_person = who.split_whitespace().next().is_some_and(|w| initials(w));
        if !r.repeated_authors {
            r.authors = if is_person { split_authors(who, AuthorOrder::GivenFirst) } else { vec![PersonName { surname: who.trim().to_string(), given: None }] };
        }
        let rest = pieces[1].trim();
        if let Some(t) = sentences(rest).first() {
            r.title = Some(strip_end(t));
        }
        r.year = years(rest).last().map(|m| rest[m].to_string());
        r.kind = Some(if r.url.is_some() { ReferenceKind::Report } else { ReferenceKind::Book });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn surnames(r: &Reference) -> Vec<&str> {
        r.authors.iter().map(|a| a.surname.as_str()).collect()
    }

    #[test]
    fn chicago_journal_article_with_doi() {
        let r = parse_reference("Chow, Jonathan T. and Leif-Eric Easley. 2019. \"Renegotiating Pariah State Partnerships: Why Myanmar and North Korea Respond Differently to Chinese Influence.\" Contemporary Security Policy, 40(4): 502-525. https://doi.org/10.1080/13523260.2019.1660483.", None);
        assert_eq!(surnames(&r), ["Chow", "Easley"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("Jonathan T."));
        assert_eq!(r.authors[1].given.as_deref(), Some("Leif-Eric"));
        assert_eq!(r.year.as_deref(), Some("2019"));
        assert_eq!(r.title.as_deref(), Some("Renegotiating Pariah State Partnerships: Why Myanmar and North Korea Respond Differently to Chinese Influence"));
        assert_eq!(r.source.as_deref(), Some("Contemporary Security Policy"));
        assert_eq!((r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()), (Some("40"), Some("4"), Some("502-525")));
        assert_eq!(r.doi.as_deref(), Some("10.1080/13523260.2019.1660483"));
        assert_eq!(r.url, None);
        assert_eq!(r.kind, Some(ReferenceKind::Journal));
    }

    #[test]
    fn chicago_journal_with_space_before_issue() {
        let r = parse_reference("Doe, Jane. 2019. “Title Here.” Journal of Things 40 (4): 502–525.", None);
        assert_eq!(r.source.as_deref(), Some("Journal of Things"));
        assert_eq!(r.pages.as_deref(), Some("502-525"));
    }

    #[test]
    fn chicago_news_item_keeps_site_as_source_and_url() {
        let r = parse_reference("Kim, Soo-yeon. 2024. \"N.K. leader calls for defining S. Korea as 'No. 1 hostile country' in constitution.\" Yonhap. January 16. https://en.yna.co.kr/view/AEN20240116000652315.", None);
        assert_eq!(r.title.as_deref(), Some("N.K. leader calls for defining S. Korea as 'No. 1 hostile country' in constitution"));
        assert_eq!(r.source.as_deref(), Some("Yonhap"));
        assert_eq!(r.url.as_deref(), Some("https://en.yna.co.kr/view/AEN20240116000652315"));
        assert_eq!(r.kind, Some(ReferenceKind::Webpage));
    }

    #[test]
    fn institutional_author_has_no_given_name() {
        let r = parse_reference("Lowy Institute. 2024. Global Diplomacy Index. https://globaldiplomacyindex.lowyinstitute.org.", None);
        assert_eq!(r.authors, vec![PersonName { surname: "Lowy Institute".into(), given: None }]);
        assert_eq!(r.title.as_deref(), Some("Global Diplomacy Index"));
        assert_eq!(r.source, None);
        assert_eq!(r.url.as_deref(), Some("https://globaldiplomacyindex.lowyinstitute.org"));
        let r = parse_reference("Ministry of Unification. 2024. \"Important Events from 2009 to Present.\" February 16. https://unikorea.go.kr/x?a=1&b=.", None);
        assert_eq!(surnames(&r), ["Ministry of Unification"]);
        assert_eq!(r.source, None);
    }

    #[test]
    fn et_al_keeps_only_the_named_author() {
        let r = parse_reference("Lee, Wootae, et al. 2023. \"White Paper on Human Rights in North Korea.\" Korea Institute for National Unification. May 4. https://www.kinu.or.kr/x.", None);
        assert_eq!(r.authors, vec![PersonName { surname: "Lee".into(), given: Some("Wootae".into()) }]);
        assert_eq!(r.source.as_deref(), Some("Korea Institute for National Unification"));
    }

    #[test]
    fn year_suffix_is_kept() {
        let r = parse_reference("Park, Jisoo. 2024a. “One Title.” Survival, 3(1): 1-9.", None);
        assert_eq!(r.year.as_deref(), Some("2024a"));
        let r = parse_reference("Park, J. (2024b). One title. Survival, 3(1), 1–9.", None);
        assert_eq!(r.year.as_deref(), Some("2024b"));
    }

    #[test]
    fn repeated_author_dash_copies_previous_authors() {
        let prev = parse_reference("Easley, Leif-Eric. 2017. \"North Korean Identity.\" Korean Social Science Journal, 44(1): 51-71.", None);
        for dash in ["———", "—", "- ", "–––"] {
            let raw = format!("{dash}. 2023. \"Stabilizing Japan-Korea Relations.\" Pacific Review, 36(6): 1273-1305. https://www.tandfonline.com/doi/10.1080/09512748.2022.2090594.");
            let r = parse_reference(&raw, Some(&prev));
            assert!(r.repeated_authors, "{dash}");
            assert_eq!(surnames(&r), ["Easley"]);
            assert_eq!(r.year.as_deref(), Some("2023"));
            assert_eq!(r.title.as_deref(), Some("Stabilizing Japan-Korea Relations"));
            assert_eq!(r.doi, None, "a DOI inside a publisher link stays in the URL");
            assert_eq!(r.url.as_deref(), Some("https://www.tandfonline.com/doi/10.1080/09512748.2022.2090594"));
            assert_eq!(r.raw, raw);
        }
    }

    #[test]
    fn chicago_chapter_in_edited_book() {
        let r = parse_reference("Seo, Ha-neul. 2014. “Busan and the Future of Demographic Decline.” In Middle Powers and the Care Economy, edited by Eun-ji Lee, 270-294. London: Routledge.", None);
        assert_eq!(r.source.as_deref(), Some("Middle Powers and the Care Economy"));
        assert_eq!(r.pages.as_deref(), Some("270-294"));
        assert_eq!(r.kind, Some(ReferenceKind::Book));
    }

    #[test]
    fn chicago_report_without_quotes() {
        let r = parse_reference("Bank of Korea. 2016. Demographic Decline: Trends and Outlook. December. https://www.bok.or.kr/en/publications/2016/x?page=9&lang=en%20US.", None);
        assert_eq!(surnames(&r), ["Bank of Korea"]);
        assert_eq!(r.title.as_deref(), Some("Demographic Decline: Trends and Outlook"));
        assert_eq!(r.source, None);
        assert_eq!(r.url.as_deref(), Some("https://www.bok.or.kr/en/publications/2016/x?page=9&lang=en%20US"));
    }

    #[test]
    fn apa_journal_article() {
        let r = parse_reference("Cañete, A. G., & Horváth, J. A. (2013). Rethinking Missile Defense: Evidence from Tokyo. Pacific Affairs, 67(6), 722–739. https://doi.org/10.1080/surv.2013.9582839", None);
        assert_eq!(surnames(&r), ["Cañete", "Horváth"]);
        assert_eq!(r.authors[1].given.as_deref(), Some("J. A."));
        assert_eq!(r.year.as_deref(), Some("2013"));
        assert_eq!(r.title.as_deref(), Some("Rethinking Missile Defense: Evidence from Tokyo"));
        assert_eq!(r.source.as_deref(), Some("Pacific Affairs"));
        assert_eq!((r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()), (Some("67"), Some("6"), Some("722-739")));
        assert_eq!(r.doi.as_deref(), Some("10.1080/surv.2013.9582839"));
    }

    #[test]
    fn apa_hyphenated_initials_and_three_authors() {
        let r = parse_reference("Choi, J.-W., Han, H.-N., & Song, J.-W. (2015). Measuring Platform Regulation in East Asia, 2014–2016. International Relations of the Asia-Pacific, 15(2), 541–563.", None);
        assert_eq!(surnames(&r), ["Choi", "Han", "Song"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("J.-W."));
        assert_eq!(r.title.as_deref(), Some("Measuring Platform Regulation in East Asia, 2014–2016"));
        assert_eq!(r.source.as_deref(), Some("International Relations of the Asia-Pacific"));
    }

    #[test]
    fn apa_news_item_and_chapter_and_report() {
        let r = parse_reference("Horváth, J. A. (2020, February 17). Extended Deterrence: Five Questions for 2023. Nikkei Asia. https://asia.nikkei.com/news/2020/01/x/", None);
        assert_eq!(r.year.as_deref(), Some("2020"));
        assert_eq!(r.title.as_deref(), Some("Extended Deterrence: Five Questions for 2023"));
        assert_eq!(r.source.as_deref(), Some("Nikkei Asia"));
        let r = parse_reference("Cañete, A. G., & Horváth, J. A. (2017). Seoul and the Future of Alliance Burden-Sharing. In Z. Harrington (Ed.), Missile Defense: Policy Choices for a Changing Region (pp. 84–107). Cambridge University Press.", None);
        assert_eq!(r.source.as_deref(), Some("Missile Defense: Policy Choices for a Changing Region"));
        assert_eq!(r.pages.as_deref(), Some("84-107"));
        let r = parse_reference("International Energy Agency. (2020). AI Governance: Trends and Outlook. https://www.iea.org/en/x?page=4", None);
        assert_eq!(surnames(&r), ["International Energy Agency"]);
        assert_eq!(r.title.as_deref(), Some("AI Governance: Trends and Outlook"));
        assert_eq!(r.source, None);
    }

    #[test]
    fn ieee_journal_with_doi_label() {
        let r = parse_reference("[1] J. Whitfield, J.-W. Lim, and M. Dvořák, “Official Narratives and Efficient Bargains in Carbon Pricing,” Contemporary Security Policy, vol. 34, no. 6, pp. 353–368, 2019. doi: 10.1177/surv.2019.6794435.", None);
        assert_eq!(r.label.as_deref(), Some("1"));
        assert_eq!(surnames(&r), ["Whitfield", "Lim", "Dvořák"]);
        assert_eq!(r.authors[1].given.as_deref(), Some("J.-W."));
        assert_eq!(r.title.as_deref(), Some("Official Narratives and Efficient Bargains in Carbon Pricing"));
        assert_eq!(r.source.as_deref(), Some("Contemporary Security Policy"));
        assert_eq!((r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()), (Some("34"), Some("6"), Some("353-368")));
        assert_eq!(r.year.as_deref(), Some("2019"));
        assert_eq!(r.doi.as_deref(), Some("10.1177/surv.2019.6794435"));
    }

    #[test]
    fn ieee_chapter_online_item_and_institution() {
        let r = parse_reference("[1] P. L. Nováková and J. Nuñez, “Seoul and the Future of Shuttle Diplomacy,” in Middle Powers and the Forced-Labor Compensation Issue, P. Caldwell, Ed. Singapore: Palgrave Macmillan, 2020, pp. 265–287.", None);
        assert_eq!(surnames(&r), ["Nováková", "Nuñez"]);
        assert_eq!(r.source.as_deref(), Some("Middle Powers and the Forced-Labor Compensation Issue"));
        assert_eq!((r.year.as_deref(), r.pages.as_deref()), (Some("2020"), Some("265-287")));
        let r = parse_reference("[2] S.-A. Song, “The Forced-Labor Compensation Issue: Five Questions for 2013,” 38 North, February 16, 2021. [Online]. Available: https://www.38north.org/commentary/view?cd=COM000961", None);
        assert_eq!((r.source.as_deref(), r.year.as_deref()), (Some("38 North"), Some("2021")));
        assert_eq!(r.url.as_deref(), Some("https://www.38north.org/commentary/view?cd=COM000961"));
        let r = parse_reference("[4] Statistics Korea, Assessment of Historical Reconciliation in the Asia-Pacific. Statistics Korea, 2018. [Online]. Available: https://kostat.go.kr/en/x?page=7", None);
        assert_eq!(r.authors, vec![PersonName { surname: "Statistics Korea".into(), given: None }]);
        assert_eq!(r.title.as_deref(), Some("Assessment of Historical Reconciliation in the Asia-Pacific"));
        assert_eq!((r.source.as_deref(), r.year.as_deref()), (None, Some("2018")));
    }

    #[test]
    fn korean_reference_splits_first_syllable() {
        let r = parse_reference("권다은. 2017. “북한의 대외전략 변화 연구.” 국가전략, 16(4): 68-98.", None);
        assert_eq!(r.authors, vec![PersonName { surname: "권".into(), given: Some("다은".into()) }]);
        assert_eq!(r.title.as_deref(), Some("북한의 대외전략 변화 연구"));
        assert_eq!(r.source.as_deref(), Some("국가전략"));
        assert_eq!(r.pages.as_deref(), Some("68-98"));
    }

    #[test]
    fn doi_forms_lose_their_prefix() {
        for (raw, want) in [
            ("Doe, J. (2020). T. J, 1(1), 1–2. https://doi.org/10.1000/abc.1", "10.1000/abc.1"),
            ("Doe, J. (2020). T. J, 1(1), 1–2. https://dx.doi.org/10.1000/abc.1.", "10.1000/abc.1"),
            ("Doe, J. (2020). T. J, 1(1), 1–2. doi:10.1000/abc.1.", "10.1000/abc.1"),
            ("Doe, J. (2020). T. J, 1(1), 1–2. 10.1000/abc.1", "10.1000/abc.1"),
        ] {
            let r = parse_reference(raw, None);
            assert_eq!(r.doi.as_deref(), Some(want), "{raw}");
            assert_eq!(r.url, None);
        }
    }

    #[test]
    fn web_page_with_accessed_date() {
        let r = parse_reference("World Bank. 2024. “The World Bank in Korea.” https://www.worldbank.org/en/country/korea. Accessed May 3, 2024.", None);
        assert_eq!(r.url.as_deref(), Some("https://www.worldbank.org/en/country/korea"));
        assert_eq!(r.source, None);
        assert_eq!(r.title.as_deref(), Some("The World Bank in Korea"));
    }

    #[test]
    fn ascii_letters_fold_as_case_insensitive_patterns_do() {
        for l in 'a'..='z' {
            let re = Regex::new(&format!("(?i)^{l}$")).expect("valid");
            let mut buf = [0u8; 4];
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                assert_eq!(scan::fold(c) == l, re.is_match(c.encode_utf8(&mut buf)), "{l} {c:?}");
            }
        }
    }

    #[test]
    fn written_out_container_shapes_match_as_the_patterns_did() {
        use crate::normalise::back::scan::samples;
        fn groups<const N: usize>(c: Option<regex::Captures<'_>>) -> Option<Groups<N>> {
            c.map(|c| std::array::from_fn(|i| c.get(i).map(|m| m.range())))
        }
        let re = |p: &str| Regex::new(p).expect("valid");
        let online = re(r"(?i)\[online\]\.?\s*(?:available(?: at)?:?)?\s*");
        let accessed = re(r"(?i)[(\[]?\b(?:accessed|retrieved)(?: on)?\s+[^.)\]]*[.)\]]?");
        let vol_issue_pages_re = re(r"^(.+?),?\s+([0-9]+[A-Za-z]?)\s*(?:\(([^)]+)\))?\s*[:,]\s*(?:pp?\.\s*)?([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)\b");
        let ieee_journal_re = re(r"^(.+?),\s+vol\.\s*([\w-]+)(?:,\s+no\.\s*([\w-]+))?(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+)?(?:pp?\.\s*([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)))?");
        let edited_re = re(r"^In\s+(.+?),\s+(?:edited|ed\.|eds\.|trans\.)\s");
        let chapter_pages_re = re(r",\s*([0-9]+\s*[–—-]\s*[0-9]+)\.\s");
        let apa_in_re = re(r"^In\s+(?:.+?\((?:Eds?\.|Trans\.)\),\s+)?(.+?)(?:\s+\((?:pp?\.\s*([^)]+))\))?\.(?:\s|$)");
        let ieee_in_re = re(r"^in\s+(.+?),\s+((?:[^,]+,\s+)*?[^,]+),\s+Eds?\.\s");
        let notes = [
            "[online]", "[Online]", "[ONLINE]", "[", "]", "online", "onl", "ine", ".", " ", "\u{a0}", "\n", "available", "Available at", "AVAILABLE", " at", " AT", ":", "x", "é", "accessed",
            "Accessed", "ACCE\u{17F}\u{17F}ED", "acce", "ssed", "retrieved", "Retrieved", " on", " On", "(", ")", "May 3, 2024", "2024", "_", "a", "\u{212A}", "\u{17F}", "S",
        ];
        let mut hits = [0usize; 8];
        for t in samples(&notes, 8, 60_000) {
            let t = t.as_str();
            hits[0] += usize::from(online.is_match(t));
            hits[1] += usize::from(accessed.is_match(t));
            assert_eq!(replace_matches(t, online_at), online.replace_all(t, " "), "online {t:?}");
            assert_eq!(replace_matches(t, accessed_at), accessed.replace_all(t, " "), "accessed {t:?}");
        }
        let journals = [
            "Journal", "J", " ", "  ", "\u{a0}", "\n", ",", ", ", "40", "4", "12a", "(", ")", "(4)", ":", ": ", "pp.", "p.", "p", "pp", "502", "–", "—", "-", "525", "e12", "x", "é", ".", "_",
            "Review of", "vol.", "vol. ", "no.", "no. ", "12-3", "A", "x_y", "Mar.", "Sept", "January", "Septembers", "M", "\u{200d}",
        ];
        let volumes = [
            "Journal", "Review of", " ", "  ", "\n", ",", " 40", " 12a", "(4)", "(4", " (3–4)", "()", ":", ": ", ",", " pp. ", " p.", "p", "502", "–525", " - 9", "—e7", "a", "é", "_", ".", "\u{a0}", "1",
            " 40(4): 502–525", ", 12: 5", " 7 (2), pp. 1-9", ", 3a:e12 ",
        ];
        let vols = [
            "IEEE Trans.", "J", ", vol. ", ",  vol.", "vol. 3", ",\nvol. x-1", ", no. ", ", no.", "2", "B_", "é", "-", ", Mar. ", ", Sept ", ", January ", ", Septembers ", ", pp. ", ", p.", "p.", "12", "–", " - ", "e5", ".", ", ", " ",
        ];
        let mut issues = 0;
        let more = samples(&volumes, 8, 40_000).into_iter().chain(samples(&vols, 8, 40_000));
        for (i, t) in samples(&journals, 10, 40_000).into_iter().chain(more).enumerate() {
            let t = if i % 2 == 0 { format!("Journal{t}") } else { t };
            let t = t.as_str();
            let (v, j) = (vol_issue_pages(t), ieee_journal(t));
            hits[2] += usize::from(v.is_some());
            hits[3] += usize::from(j.is_some());
            issues += usize::from(v.as_ref().is_some_and(|g| g[3].is_some())) + usize::from(j.as_ref().is_some_and(|g| g[3].is_some() && g[4].is_some()));
            assert_eq!(v, groups(vol_issue_pages_re.captures(t)), "vol issue pages {t:?}");
            assert_eq!(j, groups(ieee_journal_re.captures(t)), "ieee journal {t:?}");
        }
        let books = [
            "In ", "In", "in ", "in", " ", "  ", "\u{a0}", "\n", "Book", "The Handbook", ",", ", ", "edited", "ed.", "eds.", "trans.", "Ed.", "Eds.", "Trans.", "(Eds.)", "(Ed.)", "(Trans.)", "(", ")",
            "(pp. 12-34)", "(p. 5)", "pp.", "p.", " (pp. ", "12", "34", "–", "—", "-", ".", ". ", "A. Editor", "é", "x",
        ];
        let chapters = [
            "Book", ", edited by ", ",  ed. ", ",\neds.\n", ", trans.", ", edited", ",", ", ", " ", "  ", "\n", ", 12–34. ", ",12-34.\n", ", 5 — 9. ", ", 12-34.", "12", "-", "34", ". ", "A. Editor", "é",
            " (Eds.), ", " (Ed.),  ", "(Trans.),\n", " (pp. 12-34). ", " (p. )", " (pp.  ) ", " (pp.  ).", " (p.\u{a0}\n). ", "(pp.12", ")", ".", "\u{a0}", ", Eds. ", ", Ed. ", ",  Eds.\n", ", Eds.", "x, y",
        ];
        let starts = ["In ", "In  ", "In\u{a0}", "in ", "in  ", "In", "In ,", "in , "];
        let more = samples(&chapters, 8, 80_000);
        for (i, t) in samples(&books, 10, 40_000).into_iter().chain(more).enumerate() {
            let t = if i % 4 != 3 { format!("{}{t}", starts[i / 4 % starts.len()]) } else { t };
            let t = t.as_str();
            let found = [edited(t), chapter_pages(t)];
            let (a, b) = (apa_in(t), ieee_in(t));
            hits[4] += usize::from(found[0].is_some());
            hits[5] += usize::from(found[1].is_some());
            hits[6] += usize::from(a.is_some());
            hits[7] += usize::from(b.is_some());
            issues += usize::from(a.as_ref().is_some_and(|g| g[2].is_some()));
            assert_eq!(found[0], groups(edited_re.captures(t)), "edited {t:?}");
            assert_eq!(found[1], groups(chapter_pages_re.captures(t)), "chapter pages {t:?}");
            assert_eq!(a, groups(apa_in_re.captures(t)), "apa in {t:?}");
            assert_eq!(b, groups(ieee_in_re.captures(t)), "ieee in {t:?}");
        }
        // Every shape was met as a match, not only as a miss.
        assert!(hits.iter().all(|&h| h >= 200) && issues >= 200, "{hits:?} {issues}");
    }

    #[test]
    fn written_out_shapes_match_as_the_patterns_did() {
        use crate::normalise::back::scan::samples;
        let re = |p: &str| Regex::new(p).expect("valid");
        let label_re = re(r"^\s*(?:\[([0-9]{1,4})\]|([0-9]{1,4})\.)\s+");
        let dash_re = re(r"^\s*(?:[\x{2014}\x{2013}\x{2015}_-]\s*){1,8}[.,]\s*");
        let apa = re(r"\s\(((?:1[5-9]|20)[0-9]{2}[a-z]?|n\.\s?d\.)(?:,\s*[^)]*)?\)\.?\s*");
        let chicago = re(r"[.,]\s+((?:1[5-9]|20)[0-9]{2}[a-z]?|n\.\s?d\.|forthcoming)\.\s*");
        let any_year = re(r"\b((?:1[5-9]|20)[0-9]{2}[a-z]?)\b");
        let quoted_re = re(r#"^(?:“(.+?)”|"(.+?)"|‘(.+?)’)\s*(.*)$"#);
        let quoted_any_re = re(r#"“(.+?)”|"(.+?)""#);
        let publisher_re = re(r"\b[A-Z][\w .]+:\s+[A-Z][\w&.' ]+(?:Press|Publish\w*|Books|Routledge|Macmillan|Wiley|Springer|Sons|University)");
        let initials_re = re(r"^(?:\p{Lu}[\p{Ll}]?\.(?:\s*-\s*|\s+)?)+$");
        let month_re = re(r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+[0-9]{1,2})?(?:,\s*[0-9]{4})?$|^[0-9]{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:spring|summer|fall|autumn|winter)$");
        let hangul_re = re(r"^\p{Hangul}{2,5}$");
        fn old<'a>(c: Option<regex::Captures<'a>>) -> Option<(std::ops::Range<usize>, &'a str)> {
            c.map(|c| (c.get(0).map_or(0..0, |m| m.range()), c.get(1).map_or("", |m| m.as_str())))
        }
        let pieces = [
            " ", "  ", "\u{a0}", "\n", "[", "]", "1", "12", "12345", ".", ",", "—", "_", "-", "(", ")", "2019", "2019a", "1499", "2100", "n.", "d.", "n. d.", "forthcoming",
            "“", "”", "\"", "‘", "’", "Title", "a", "é", "x2", "J", "J.", "Ch", "Ǆ", "W", "Press", "Publish", "ing", "Sons", "University", "London", ":", "&", "'", "May", "SEPT", "\u{17F}ep", "Spring", "fall", "김", "다은",
        ];
        let mut hits = [0usize; 11];
        let starts = [" (2019)", " (2020, May 3)", " (n.d.)", " (", "[", "12", "]", ". ", ".", " ", "—", "–", ",", ", ", "(", ")", "2019", "2019a", "n.d.", "n. d.", ", May 3", "forthcoming", "x", "é", "\n", "\u{a0}"];
        let books = ["London", ": ", ":", " ", "Oxford University", " Press", "Press", "Publishing", "Wiley", "&", "é", "X", "the", ".", "'", "J", "-", "Ch", "É", "ǅ", "x", "P"];
        let more = samples(&starts, 7, 100_000).into_iter().chain(samples(&books, 7, 100_000));
        for t in samples(&pieces, 8, 150_000).into_iter().chain(more) {
            let t = t.as_str();
            let found = [label(t).is_some(), dash(t).is_some(), apa_year(t).is_some(), chicago_year(t).is_some(), years(t).next().is_some(), quoted(t).is_some(), quoted_any(t).is_some(), publisher(t), initials(t), month_date(t), hangul_name(t)];
            for (h, f) in hits.iter_mut().zip(found) {
                *h += usize::from(f);
            }
            let old_label = label_re.captures(t).map(|c| (c.get(1).or(c.get(2)).map_or("", |m| m.as_str()), c.get(0).map_or(0, |m| m.end())));
            assert_eq!(label(t), old_label, "label {t:?}");
            assert_eq!(dash(t), dash_re.find(t).map(|m| m.end()), "dash {t:?}");
            assert_eq!(apa_year(t), old(apa.captures(t)), "apa {t:?}");
            assert_eq!(chicago_year(t), old(chicago.captures(t)), "chicago {t:?}");
            assert_eq!(years(t).collect::<Vec<_>>(), any_year.find_iter(t).map(|m| m.range()).collect::<Vec<_>>(), "years {t:?}");
            let old_quoted = quoted_re.captures(t).map(|c| (c.get(1).or(c.get(2)).or(c.get(3)).map_or("", |m| m.as_str()), c.get(4).map_or("", |m| m.as_str())));
            assert_eq!(quoted(t), old_quoted, "quoted {t:?}");
            assert_eq!(quoted_any(t), old(quoted_any_re.captures(t)).map(|(m, _)| m).zip(quoted_any_re.captures(t).and_then(|c| c.get(1).or(c.get(2))).map(|m| m.as_str())), "quoted any {t:?}");
            assert_eq!(publisher(t), publisher_re.is_match(t), "publisher {t:?}");
            assert_eq!(initials(t), initials_re.is_match(t), "initials {t:?}");
            assert_eq!(month_date(t), month_re.is_match(t), "month {t:?}");
            assert_eq!(hangul_name(t), hangul_re.is_match(t), "hangul {t:?}");
        }
        let links = [
            " 10.1080/x", "10.12345/", "https://", "HTTP://", "dx.", "doi.org/", "DOI.ORG/", "doi:", "Doi: ", "10.", "1080", "123456789", "12", "/", "abc", ".", " ", "\u{a0}", "www.", "x", "é", "pp.", "p.", "p", "12", "–", "-", "A", "5",
        ];
        let doi_link_re = re(r"(?i)https?://(?:dx\.)?doi\.org/(10\.\S+)");
        let doi_label_re = re(r"(?i)\bdoi:\s*(10\.\S+)");
        let doi_bare_re = re(r"(?:^|\s)(10\.[0-9]{4,9}/\S+)");
        let url_re = re(r"(?i)(?:https?://|www\.)\S+");
        let pages_re = re(r"\bpp?\.\s*([A-Za-z]?[0-9]+\s*[–—-]\s*[A-Za-z]?[0-9]+|[0-9]+)");
        let ranges = |c: Option<regex::Captures<'_>>| c.and_then(|c| Some((c.get(0)?.range(), c.get(1)?.range())));
        let mut link_hits = [0usize; 5];
        for t in samples(&links, 7, 150_000) {
            let t = t.as_str();
            let found = [doi_link(t).is_some(), doi_label(t).is_some(), doi_bare(t).is_some(), url_range(t).is_some(), pages_pp(t).is_some()];
            for (h, f) in link_hits.iter_mut().zip(found) {
                *h += usize::from(f);
            }
            assert_eq!(doi_link(t), ranges(doi_link_re.captures(t)), "doi link {t:?}");
            assert_eq!(doi_label(t), ranges(doi_label_re.captures(t)), "doi label {t:?}");
            assert_eq!(doi_bare(t), ranges(doi_bare_re.captures(t)), "doi bare {t:?}");
            assert_eq!(url_range(t), url_re.find(t).map(|m| m.range()), "url {t:?}");
            assert_eq!(pages_pp(t), pages_re.captures(t).and_then(|c| c.get(1)).map(|m| m.as_str()), "pages {t:?}");
        }
        assert!(link_hits.iter().all(|&h| h >= 20), "{link_hits:?}");
        // Every shape was met as a match, not only as a miss.
        assert!(hits.iter().all(|&h| h >= 20), "{hits:?}");
    }

}
