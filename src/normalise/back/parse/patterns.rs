//! The hand-written matchers a printed reference is read with: years, pages, volumes and
//! issues, editors, quoted titles, DOIs and links.

use super::*;

/// Whether `hay` contains one of the lower-case ASCII `needles`, ignoring ASCII case.
///
/// Exact as a pre-test for a `(?i)` pattern only when the needles avoid `k` and `s`, the two
/// ASCII letters that Unicode case folding pairs with other characters (U+212A, U+017F).
pub(super) fn has_ascii_ci(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n.as_bytes())))
}

// The shapes below were regular expressions; compiling them cost more than most documents'
// matches, so they are written out (the tests compare them with the patterns on many strings).

/// A byte range of a match or of one of its groups.
pub(super) type Span = std::ops::Range<usize>;

/// The ranges of a written-out pattern's match (index 0) and of each group that took part.
pub(super) type Groups<const N: usize> = [Option<Span>; N];

/// The text of one group of a match in `s`.
pub(super) fn group<'a>(s: &'a str, g: &Option<Span>) -> Option<&'a str> {
    g.clone().map(|r| &s[r])
}

/// `s` after the first of `needles` that it starts with.
pub(super) fn strip_any<'a>(s: &'a str, needles: &[&str]) -> Option<&'a str> {
    needles.iter().find_map(|n| s.strip_prefix(n))
}

/// The character at byte `i` of `s`.
pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// The ends of a greedy `\s+` starting at byte `p`, longest first, as the pattern tries them.
pub(super) fn ws_runs(s: &str, p: usize) -> impl Iterator<Item = usize> + '_ {
    let n = s[p..].len() - s[p..].trim_start().len();
    std::iter::once(p + n).filter(move |_| n > 0).chain(s[p..p + n].char_indices().rev().filter(|&(i, _)| i > 0).map(move |(i, _)| p + i))
}

/// The first end of a lazy `.+?` starting at byte `start` (one character or more, no line
/// break) at which `rest` matches, with what `rest` found there.
pub(super) fn lazy<T>(s: &str, start: usize, mut rest: impl FnMut(usize) -> Option<T>) -> Option<T> {
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
pub(super) fn replace_matches(s: &str, at: impl Fn(&str, usize) -> Option<usize>) -> String {
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
pub(super) fn online_at(s: &str, i: usize) -> Option<usize> {
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
pub(super) fn accessed_at(s: &str, i: usize) -> Option<usize> {
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
pub(super) fn page_number(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let l = usize::from(b.first().is_some_and(u8::is_ascii_alphabetic));
    let d = b[l..].iter().take_while(|c| c.is_ascii_digit()).count();
    (d > 0).then_some(l + d)
}

/// The ends of pages `[A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?` at byte `p`: after the
/// first number, and after the range when one follows.
pub(super) fn pages_at(s: &str, p: usize) -> Option<(usize, Option<usize>)> {
    let one = p + page_number(&s[p..])?;
    let range = scan::skip_ws(&s[one..]).strip_prefix(['–', '—', '-']).map(scan::skip_ws).and_then(|r| Some(s.len() - r.len() + page_number(r)?));
    Some((one, range))
}

/// `s` after "pp." or "p." when it starts with one: `(?:pp?\.)`.
pub(super) fn strip_pp(s: &str) -> Option<&str> {
    s.strip_prefix("pp.").or_else(|| s.strip_prefix("p."))
}

/// Source, volume, issue and pages of "Journal, 40(4): 502-525": `^(.+?),?\s+([0-9]+[A-Za-z]?)\s*
/// (?:\(([^)]+)\))?\s*[:,]\s*(?:pp?\.\s*)?([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)\b`.
pub(super) fn vol_issue_pages(s: &str) -> Option<Groups<5>> {
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
pub(super) fn word_run(s: &str) -> Option<usize> {
    let n = s.find(|c: char| !scan::is_word(c) && c != '-').unwrap_or(s.len());
    (n > 0).then_some(n)
}

/// Source, volume, issue and pages of "Journal, vol. 3, no. 2, Mar. pp. 1-9":
/// `^(.+?),\s+vol\.\s*([\w-]+)(?:,\s+no\.\s*([\w-]+))?(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+)?
/// (?:pp?\.\s*([A-Za-z]?[0-9]+(?:\s*[–—-]\s*[A-Za-z]?[0-9]+)?)))?`.
pub(super) fn ieee_journal(s: &str) -> Option<Groups<5>> {
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
pub(super) fn edited(s: &str) -> Option<Groups<2>> {
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
pub(super) fn chapter_pages(s: &str) -> Option<Groups<2>> {
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
pub(super) fn sentence_end(s: &str, p: usize) -> Option<usize> {
    let r = s[p..].strip_prefix('.')?;
    match r.chars().next() {
        None => Some(s.len()),
        Some(c) => c.is_whitespace().then(|| s.len() - r.len() + c.len_utf8()),
    }
}

/// The book and pages after an APA "In " from byte `g` on:
/// `(.+?)(?:\s+\((?:pp?\.\s*([^)]+))\))?\.(?:\s|$)`.
pub(super) fn apa_book(s: &str, g: usize) -> Option<Groups<3>> {
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
pub(super) fn apa_in(s: &str) -> Option<Groups<3>> {
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
pub(super) fn eds_at(s: &str, q: usize) -> Option<usize> {
    let r = scan::ws1(s[q..].strip_prefix(',')?)?;
    let r = r.strip_prefix("Eds.").or_else(|| r.strip_prefix("Ed."))?;
    let c = r.chars().next().filter(|c| c.is_whitespace())?;
    Some(s.len() - r.len() + c.len_utf8())
}

/// The end of the editors' names from byte `p` on and the end of the match:
/// `((?:[^,]+,\s+)*?[^,]+),\s+Eds?\.\s`, fewest names first.
pub(super) fn ieee_editors(s: &str, mut p: usize) -> Option<(usize, usize)> {
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
pub(super) fn ieee_in(s: &str) -> Option<Groups<3>> {
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
pub(super) fn label(text: &str) -> Option<(&str, usize)> {
    let t = scan::skip_ws(text);
    let (num, rest) = match t.strip_prefix('[') {
        Some(b) => scan::digits(b, 1, 4).and_then(|(n, r)| Some((n, r.strip_prefix(']')?)))?,
        None => scan::digits(t, 1, 4).and_then(|(n, r)| Some((n, r.strip_prefix('.')?)))?,
    };
    let rest = scan::ws1(rest)?;
    Some((num, text.len() - rest.len()))
}

/// Where the text after a repeated-author dash starts: `^\s*(?:[—–―_-]\s*){1,8}[.,]\s*`.
pub(super) fn dash(text: &str) -> Option<usize> {
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
pub(super) fn year_or_nd(s: &str) -> Option<usize> {
    if let Some(n) = scan::year_at(s) {
        return Some(n + usize::from(s[n..].starts_with(|c: char| c.is_ascii_lowercase())));
    }
    let r = s.strip_prefix("n.")?;
    let r = r.strip_prefix(char::is_whitespace).unwrap_or(r);
    Some(s.len() - r.strip_prefix("d.")?.len())
}

/// The first APA year in brackets, " (2019)." / " (2020, May 27)" / " (n.d.)", with the year:
/// `\s\(((?:1[5-9]|20)[0-9]{2}[a-z]?|n\.\s?d\.)(?:,\s*[^)]*)?\)\.?\s*`.
pub(super) fn apa_year(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
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
pub(super) fn chicago_year(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
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
pub(in super::super) fn years(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
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
pub(super) fn quoted_at(s: &str, open: usize, close: char) -> Option<std::ops::Range<usize>> {
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
pub(super) fn quoted(s: &str) -> Option<(&str, &str)> {
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
pub(super) fn quoted_any(s: &str) -> Option<(std::ops::Range<usize>, &str)> {
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
pub(super) fn initials(w: &str) -> bool {
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
pub(super) fn hangul_name(s: &str) -> bool {
    (2..=5).contains(&s.chars().count()) && s.chars().all(|c| HANGUL.has(c))
}

/// Whether `s` holds "City: Publisher Press"-like text:
/// `\b[A-Z][\w .]+:\s+[A-Z][\w&.' ]+(?:Press|Publish\w*|Books|Routledge|Macmillan|Wiley|Springer|Sons|University)`.
pub(in super::super) fn publisher(s: &str) -> bool {
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
pub(super) fn month_date(s: &str) -> bool {
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
pub(super) fn fold_letter(c: char) -> bool {
    scan::fold(c).is_ascii_lowercase()
}

/// The pages after "p." or "pp.": `\bpp?\.\s*([A-Za-z]?[0-9]+\s*[–—-]\s*[A-Za-z]?[0-9]+|[0-9]+)`.
pub(super) fn pages_pp(s: &str) -> Option<&str> {
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
pub(super) fn doi_at(r: &str) -> Option<usize> {
    let n = r.strip_prefix("10.")?.find(char::is_whitespace).unwrap_or(r.len() - 3);
    (n > 0).then_some(3 + n)
}

/// A DOI link, its whole range and the DOI's: `(?i)https?://(?:dx\.)?doi\.org/(10\.\S+)`.
pub(super) fn doi_link(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
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
pub(super) fn doi_label(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
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
pub(super) fn doi_bare(s: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
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
pub(super) fn url_range(s: &str) -> Option<std::ops::Range<usize>> {
    s.char_indices().find_map(|(i, _)| {
        let r = scan::strip_any_ci(&s[i..], &["https://", "http://", "www."])?;
        let n = r.find(char::is_whitespace).unwrap_or(r.len());
        (n > 0).then(|| i..s.len() - r.len() + n)
    })
}

/// Source, volume, issue and pages spelt out in words: "Journal of X, Volume 18, Number 3,
/// 2002, pages 451-476", "Journal, Vol. 3, No. 2, pp. 1-9".
pub(super) fn spelled_volume(s: &str) -> Option<(&str, &str, Option<&str>, Option<&str>)> {
    static SPELLED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?P<src>[^,]{3,150}?),[ ]+(?:[Vv]ol(?:ume)?\.?|VOL\.?)[ ]*(?P<v>[0-9]{1,5})(?:,[ ]+(?:[Nn]o\.|[Nn]umber|[Ii]ssue|[Nn]r\.)[ ]*(?P<i>[0-9]{1,4}))?(?:,[ ]+(?:[A-Z][a-z]+\.?[ ]+)?[0-9]{4})?(?:,[ ]+(?:pp?\.|pages)[ ]*(?P<p>[0-9]{1,6}(?:[ ]*[–—-][ ]*[0-9]{1,6})?))?",
        )
        .expect("valid")
    });
    if ![", Vol", ", vol", ", VOL"].iter().any(|k| s.contains(k)) {
        return None;
    }
    let c = SPELLED.captures(s)?;
    Some((c.name("src")?.as_str(), c.name("v")?.as_str(), c.name("i").map(|m| m.as_str()), c.name("p").map(|m| m.as_str())))
}

/// A source with pages glued on at its end: "Proceedings (ACL 2002):239-246" gives the
/// source and "239-246".
pub(super) fn trailing_pages(s: &str) -> Option<(&str, &str)> {
    let t = s.trim_end_matches(['.', ' ']);
    let (head, tail) = t.rsplit_once(':')?;
    let pages = tail.trim();
    let ok = !head.trim().is_empty() && pages.split(['-', '–', '—']).count() == 2 && pages.split(['-', '–', '—']).all(|n| !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()));
    ok.then(|| (head.trim_end(), pages))
}
