//! References as JATS citations: the printed text with its parts tagged in place.
//!
//! Each field of a [`Reference`] is looked up in `raw`; where it is printed, that stretch
//! of text is wrapped in its element inside a `mixed-citation`, so the citation's text
//! stays exactly the reference as printed. When some field cannot be found in the
//! printed text (authors replaced by a repeated-author dash, given names printed as
//! initials, a web address broken by the typesetter), an `element-citation` carrying
//! every field is written beside it.

use super::xml::{El, Node};
use crate::tree::{PersonName, Reference, ReferenceKind};

/// The citation elements for one reference: the `mixed-citation`, and an
/// `element-citation` when the printed text cannot carry every field.
///
/// A reference with no printed text gets its fields alone; one with neither, nothing.
pub fn citations(r: &Reference) -> Vec<El> {
    let kind = publication_type(r);
    if r.raw.trim().is_empty() {
        let e = element_citation(r, kind);
        return if e.kids.is_empty() { vec![] } else { vec![e] };
    }
    let tagged = tag(r);
    let mut mixed = El::new("mixed-citation").attr("publication-type", kind);
    let mut at = 0;
    for s in &tagged.spans {
        push_styled(&mut mixed, &r.raw, at, s.start, &r.italic);
        for n in &s.nodes {
            match n {
                // A field printed in italics keeps them: <source><italic>…</italic></source>.
                Node::El(e) if e.kids.len() == 1 && matches!(e.kids[0], Node::Text(_)) && covers(&r.italic, s.start, s.end) => {
                    let mut styled = El { name: e.name, attrs: e.attrs.clone(), kids: vec![] };
                    push_styled(&mut styled, &r.raw, s.start, s.end, &r.italic);
                    mixed.push(styled);
                }
                n => mixed.push_node(n.clone()),
            }
        }
        at = s.end;
    }
    push_styled(&mut mixed, &r.raw, at, r.raw.len(), &r.italic);
    let mut out = vec![mixed];
    if !tagged.complete {
        out.push(element_citation(r, kind));
    }
    out
}

/// Whether any of the italic ranges overlaps `[start, end)`.
fn covers(italic: &[(usize, usize)], start: usize, end: usize) -> bool {
    italic.iter().any(|&(s, e)| s < end && start < e)
}

/// Pushes `raw[from..to]` into `el`, the stretches printed in italics as `italic`.
fn push_styled(el: &mut El, raw: &str, from: usize, to: usize, italic: &[(usize, usize)]) {
    let mut at = from;
    for &(s, e) in italic {
        let (s, e) = (s.max(from), e.min(to));
        if s >= e || s < at || !raw.is_char_boundary(s) || !raw.is_char_boundary(e) {
            continue;
        }
        el.push_text(&raw[at..s]);
        el.push(El::new("italic").text(&raw[s..e]));
        at = e;
    }
    if at < to {
        el.push_text(&raw[at..to]);
    }
}

/// The `publication-type` of a reference: its kind when known, else a guess from its fields.
///
/// JATS4R asks for the attribute on every citation and discourages "other", so an entry
/// of unknown kind is classed by what it holds: a volume or issue marks a journal, an
/// editor or "In" before the source a book, a web address a web page.
pub fn publication_type(r: &Reference) -> &'static str {
    match r.kind {
        Some(ReferenceKind::Journal) => "journal",
        Some(ReferenceKind::Book) => "book",
        Some(ReferenceKind::Webpage) => "webpage",
        Some(ReferenceKind::Report) => "report",
        None if r.volume.is_some() || r.issue.is_some() => "journal",
        None if looks_like_book(r) => "book",
        None if r.url.is_some() => "webpage",
        None if r.doi.is_some() => "journal",
        None => "other",
    }
}

/// Whether the entry is a part of a book: it names editors ("edited by", "(Ed.)", ", Ed."),
/// prints "In" before its source, or gives pages in a source without a volume.
fn looks_like_book(r: &Reference) -> bool {
    let raw = r.raw.to_lowercase();
    let editor = [" edited by ", ", ed.", ", eds.", "(ed.)", "(eds.)", " ed. ", " eds. "].iter().any(|m| raw.contains(m));
    let in_source = r.source.as_deref().is_some_and(|s| raw.contains(&format!("in {}", s.to_lowercase())));
    let pages_in_source = r.source.is_some() && r.pages.is_some() && r.volume.is_none() && r.issue.is_none();
    editor || in_source || pages_in_source
}

/// A stretch of `raw` and the nodes that replace it (their text is that stretch).
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    nodes: Vec<Node>,
}

impl Span {
    fn one(start: usize, end: usize, el: El) -> Span {
        Span { start, end, nodes: vec![Node::El(el)] }
    }
}

/// The spans found in a reference, sorted, and whether every field of the tree is among them.
struct Tagged {
    spans: Vec<Span>,
    complete: bool,
}

/// Finds each field of `r` in its printed text.
fn tag(r: &Reference) -> Tagged {
    let raw = r.raw.as_str();
    let mut t = Finder { raw, spans: vec![], complete: true };

    if let Some(doi) = nonempty(&r.doi) {
        t.simple(doi, 0, false, || El::new("pub-id").attr("pub-id-type", "doi"));
    }
    if let Some(url) = nonempty(&r.url) {
        t.simple(url, 0, false, || link(r, url));
    }
    let title_el = title_element(r);
    let title = nonempty(&r.title).and_then(|s| t.simple(s, 0, false, || El::new(title_el)));
    let after_title = title.map_or(0, |(_, e)| e);
    let source = nonempty(&r.source).and_then(|s| t.simple(s, after_title, false, || El::new("source")));

    let authors_end = [title.map(|x| x.0), source.map(|x| x.0)].into_iter().flatten().min().unwrap_or(raw.len());
    let people_end = if r.authors.is_empty() {
        0
    } else if r.repeated_authors {
        t.complete = false;
        0
    } else {
        t.authors(&r.authors, authors_end)
    };

    if let Some(y) = nonempty(&r.year) {
        let el = year_element(y);
        t.simple(y, people_end, true, || el.clone());
    }
    let mut cursor = source.map_or(after_title, |(_, e)| e);
    if let Some(v) = nonempty(&r.volume) {
        if let Some((_, e)) = t.simple(v, cursor, true, || El::new("volume")) {
            cursor = cursor.max(e);
        }
    }
    if let Some(i) = nonempty(&r.issue) {
        if let Some((_, e)) = t.simple(i, cursor, true, || El::new("issue")) {
            cursor = cursor.max(e);
        }
    }
    if let Some(p) = nonempty(&r.pages) {
        t.pages(p, cursor);
    }
    t.spans.sort_by_key(|s| s.start);
    Tagged { spans: t.spans, complete: t.complete }
}

/// An `ext-link` to the reference's web address, without its text.
///
/// The printed text of such a link is the bare address, which tells a screen-reader user
/// nothing, so the link carries the cited work's title (else its source) as `xlink:title`
/// (JATS4R accessibility).
fn link(r: &Reference, url: &str) -> El {
    let el = El::new("ext-link").attr("ext-link-type", "uri").attr("xlink:href", url);
    match nonempty(&r.title).or(nonempty(&r.source)) {
        Some(t) => el.attr("xlink:title", t),
        None => el.attr("xlink:title", "Online copy of the cited work"),
    }
}

/// `chapter-title` for a part of a book, else `article-title`.
fn title_element(r: &Reference) -> &'static str {
    if r.source.is_some() && publication_type(r) == "book" {
        "chapter-title"
    } else {
        "article-title"
    }
}

/// A `year` element, with `iso-8601-date` when the year has a suffix such as "2024a".
fn year_element(y: &str) -> El {
    let digits: String = y.chars().take_while(|c| c.is_ascii_digit()).collect();
    let el = El::new("year");
    if digits.len() == 4 && digits != y {
        el.attr("iso-8601-date", digits)
    } else {
        el
    }
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Looks fields up in the printed text, never letting two tagged stretches overlap.
struct Finder<'a> {
    raw: &'a str,
    spans: Vec<Span>,
    complete: bool,
}

impl Finder<'_> {
    fn is_free(&self, start: usize, end: usize) -> bool {
        self.spans.iter().all(|s| end <= s.start || start >= s.end)
    }

    /// The first free occurrence of `needle` at or after `from` (else anywhere), optionally
    /// only where it is not part of a longer word or number.
    fn find(&self, needle: &str, from: usize, whole_word: bool) -> Option<usize> {
        let ok = |i: usize| self.is_free(i, i + needle.len()) && (!whole_word || at_word_bounds(self.raw, i, i + needle.len()));
        let all: Vec<usize> = self.raw.match_indices(needle).map(|(i, _)| i).collect();
        all.iter().copied().find(|&i| i >= from && ok(i)).or_else(|| all.iter().copied().find(|&i| ok(i)))
    }

    /// Tags the first suitable occurrence of `value` as the element `make` builds, holding the
    /// printed text; records the field as missing when it is not printed.
    fn simple(&mut self, value: &str, from: usize, whole_word: bool, make: impl Fn() -> El) -> Option<(usize, usize)> {
        match self.find(value, from, whole_word) {
            Some(i) => {
                let end = i + value.len();
                self.spans.push(Span::one(i, end, make().text(&self.raw[i..end])));
                Some((i, end))
            }
            None => {
                self.complete = false;
                None
            }
        }
    }

    /// Tags a page range "f-l" printed with any dash as `fpage`, dash, `lpage`.
    fn pages(&mut self, pages: &str, from: usize) {
        let (f, l) = match pages.split_once('-') {
            Some((f, l)) if !f.trim().is_empty() && !l.trim().is_empty() => (f.trim(), l.trim()),
            _ => {
                self.simple(pages, from, true, || El::new("fpage"));
                return;
            }
        };
        let decreasing = matches!((f.parse::<u64>(), l.parse::<u64>()), (Ok(a), Ok(b)) if b < a);
        for dash in ["-", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}", "\u{2212}"] {
            let needle = format!("{f}{dash}{l}");
            if let Some(i) = self.find(&needle, from, true) {
                let end = i + needle.len();
                let nodes = if decreasing {
                    // An abbreviated range such as "502-25" cannot be fpage/lpage (lpage would be smaller).
                    vec![Node::El(El::new("page-range").text(&self.raw[i..end]))]
                } else {
                    vec![
                        Node::El(El::new("fpage").text(f)),
                        Node::Text(dash.to_string()),
                        Node::El(El::new("lpage").text(l)),
                    ]
                };
                self.spans.push(Span { start: i, end, nodes });
                return;
            }
        }
        self.complete = false;
    }

    /// Tags the authors found in order before `limit` as one `person-group`; returns where it ends.
    fn authors(&mut self, authors: &[PersonName], limit: usize) -> usize {
        let mut names: Vec<Span> = vec![];
        let mut cursor = 0;
        for a in authors {
            match self.person(a, cursor, limit) {
                Some((span, exact)) => {
                    self.complete &= exact;
                    cursor = span.end;
                    names.push(span);
                }
                None => self.complete = false,
            }
        }
        let (Some(first), Some(last)) = (names.first(), names.last()) else {
            return 0;
        };
        let (start, mut end) = (first.start, last.end);
        let mut group = El::new("person-group").attr("person-group-type", "author");
        let mut at = start;
        for n in &names {
            group.push_text(&self.raw[at..n.start]);
            for k in &n.nodes {
                group.push_node(k.clone());
            }
            at = n.end;
        }
        if let Some((sep, etal)) = etal_after(self.raw, end) {
            if self.is_free(end, end + sep.len() + etal.len()) {
                group.push_text(sep);
                group.push(El::new("etal").text(etal));
                end += sep.len() + etal.len();
            }
        }
        self.spans.push(Span::one(start, end, group));
        end
    }

    /// One author between `from` and `limit`, and whether the name is printed as the tree has it.
    fn person(&self, a: &PersonName, from: usize, limit: usize) -> Option<(Span, bool)> {
        let surname = a.surname.trim();
        if surname.is_empty() {
            return None;
        }
        let in_range = |i: usize, len: usize| i >= from && i + len <= limit;
        let Some(given) = a.given.as_deref().map(str::trim).filter(|g| !g.is_empty()) else {
            let i = self.find(surname, from, true).filter(|&i| in_range(i, surname.len()))?;
            let el = El::new("collab").text(surname);
            return Some((Span::one(i, i + surname.len(), el), true));
        };
        // Surname first ("Martin, Anna B."), given first ("Jean-Paul Martin"), then without a
        // comma or a space (names in East Asian order, such as "권다은").
        for (sep, surname_first) in [(", ", true), (" ", false), ("", true), (" ", true)] {
            let printed = if surname_first { format!("{surname}{sep}{given}") } else { format!("{given}{sep}{surname}") };
            if let Some(i) = self.find(&printed, from, true).filter(|&i| in_range(i, printed.len())) {
                let el = if surname_first {
                    string_name(surname, sep, given, true)
                } else {
                    string_name(given, sep, surname, false)
                };
                return Some((Span::one(i, i + printed.len(), el), true));
            }
        }
        // The given names printed as initials ("P. L. Nováková", "Choi, J.-W."): tag what is printed.
        let i = self.find(surname, from, true).filter(|&i| in_range(i, surname.len()))?;
        let end = i + surname.len();
        if let Some(s) = initials_before(self.raw, i).filter(|&s| s >= from && self.is_free(s, i)) {
            let g = self.raw[s..i].trim_end();
            let el = string_name(g, &self.raw[s + g.len()..i], surname, false);
            return Some((Span::one(s, end, el), false));
        }
        if let Some(e) = initials_after(self.raw, end).filter(|&e| e <= limit && self.is_free(end, e)) {
            let rest = &self.raw[end..e];
            let g = rest.trim_start_matches([',', ' ']);
            let el = string_name(surname, &rest[..rest.len() - g.len()], g, true);
            return Some((Span::one(i, e, el), false));
        }
        let el = El::new("string-name").child(El::new("surname").text(surname));
        Some((Span::one(i, end, el), false))
    }
}

/// A `string-name` holding two name parts in printed order with the text between them.
fn string_name(first: &str, sep: &str, second: &str, surname_first: bool) -> El {
    let (a, b) = if surname_first { ("surname", "given-names") } else { ("given-names", "surname") };
    let mut s = El::new("string-name").child(El::new(a).text(first));
    s.push_text(sep);
    s.child(El::new(b).text(second))
}

/// Whether `raw[start..end]` is not glued to letters or digits on either side.
fn at_word_bounds(raw: &str, start: usize, end: usize) -> bool {
    let before = raw[..start].chars().next_back();
    let after = raw[end..].chars().next();
    let first = raw[start..end].chars().next();
    let last = raw[start..end].chars().next_back();
    let glued = |outer: Option<char>, inner: Option<char>| {
        matches!((outer, inner), (Some(o), Some(i)) if o.is_alphanumeric() && i.is_alphanumeric())
    };
    !glued(before, first) && !glued(after, last)
}

/// Where a run of initials ("P. L. ", "S.-A. ") ending just before `pos` starts.
fn initials_before(raw: &str, pos: usize) -> Option<usize> {
    let head = raw[..pos].strip_suffix(' ')?;
    let mut start = None;
    let mut cut = head.len();
    loop {
        let part = &head[..cut];
        let token_start = part.rfind(' ').map_or(0, |i| i + 1);
        if !is_initials(&part[token_start..]) {
            break;
        }
        start = Some(token_start);
        if token_start == 0 {
            break;
        }
        cut = token_start - 1;
    }
    start
}

/// Where a run of initials after `pos` ends, for ", J.-W." after a surname.
fn initials_after(raw: &str, pos: usize) -> Option<usize> {
    let rest = raw[pos..].strip_prefix(", ")?;
    let mut end = None;
    let mut at = 0;
    for tok in rest.split(' ') {
        let t = tok.trim_end_matches(',');
        if !is_initials(t) {
            break;
        }
        end = Some(pos + 2 + at + t.len());
        if t.len() != tok.len() {
            break;
        }
        at += tok.len() + 1;
    }
    end
}

/// Whether `t` is one or more initials such as "P.", "J.-W." or "É.".
fn is_initials(t: &str) -> bool {
    !t.is_empty()
        && t.split('-').all(|part| {
            let mut cs = part.chars();
            matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
        })
}

/// ", et al." or " et al." printed right after the last author: (separator, "et al.").
fn etal_after(raw: &str, pos: usize) -> Option<(&str, &str)> {
    let rest = &raw[pos..];
    for sep in [", ", " "] {
        if let Some(r) = rest.strip_prefix(sep) {
            for e in ["et al.", "et al"] {
                if r.starts_with(e) {
                    return Some((sep, e));
                }
            }
        }
    }
    None
}

/// The `element-citation` holding every field of the tree, for references whose printed
/// text cannot carry them all.
fn element_citation(r: &Reference, kind: &str) -> El {
    let mut c = El::new("element-citation").attr("publication-type", kind);
    let people: Vec<&PersonName> = r.authors.iter().filter(|a| !a.surname.trim().is_empty()).collect();
    if !people.is_empty() {
        let mut g = El::new("person-group").attr("person-group-type", "author");
        for a in people {
            match a.given.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(given) => g.push(
                    El::new("name")
                        .child(El::new("surname").text(a.surname.trim()))
                        .child(El::new("given-names").text(given)),
                ),
                None => g.push(El::new("collab").text(a.surname.trim())),
            }
        }
        c.push(g);
    }
    if let Some(t) = nonempty(&r.title) {
        c.push(El::new(title_element(r)).text(t));
    }
    if let Some(s) = nonempty(&r.source) {
        c.push(El::new("source").text(s));
    }
    if let Some(y) = nonempty(&r.year) {
        c.push(year_element(y).text(y));
    }
    if let Some(v) = nonempty(&r.volume) {
        c.push(El::new("volume").text(v));
    }
    if let Some(i) = nonempty(&r.issue) {
        c.push(El::new("issue").text(i));
    }
    if let Some(p) = nonempty(&r.pages) {
        match p.split_once('-').map(|(f, l)| (f.trim(), l.trim())) {
            Some((f, l)) if !f.is_empty() && !l.is_empty() => {
                if matches!((f.parse::<u64>(), l.parse::<u64>()), (Ok(a), Ok(b)) if b < a) {
                    c.push(El::new("page-range").text(p));
                } else {
                    c.push(El::new("fpage").text(f));
                    c.push(El::new("lpage").text(l));
                }
            }
            _ => c.push(El::new("fpage").text(p)),
        }
    }
    if let Some(d) = nonempty(&r.doi) {
        c.push(El::new("pub-id").attr("pub-id-type", "doi").text(d));
    }
    if let Some(u) = nonempty(&r.url) {
        c.push(link(r, u).text(u));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(s: &str, g: Option<&str>) -> PersonName {
        PersonName { surname: s.into(), given: g.map(Into::into) }
    }

    fn chicago() -> Reference {
        Reference {
            raw: "Chow, Jonathan T. and Leif-Eric Easley. 2019. \"Renegotiating Pariah State Partnerships.\" Contemporary Security Policy, 40(4): 502\u{2013}525. https://doi.org/10.1080/13523260.2019.1660483.".into(),
            authors: vec![person("Chow", Some("Jonathan T.")), person("Easley", Some("Leif-Eric"))],
            year: Some("2019".into()),
            title: Some("Renegotiating Pariah State Partnerships".into()),
            source: Some("Contemporary Security Policy".into()),
            volume: Some("40".into()),
            issue: Some("4".into()),
            pages: Some("502-525".into()),
            doi: Some("10.1080/13523260.2019.1660483".into()),
            ..Default::default()
        }
    }

    fn text_of(el: &El) -> String {
        el.text_content()
    }

    #[test]
    fn mixed_citation_text_is_the_printed_reference() {
        let r = chicago();
        let c = citations(&r);
        assert_eq!(text_of(&c[0]), r.raw);
    }

    #[test]
    fn every_field_of_a_fully_printed_reference_is_tagged_in_place() {
        let c = citations(&chicago());
        assert_eq!(c.len(), 1, "no element-citation needed");
        let m = &c[0];
        assert_eq!(m.attrs[0], ("publication-type", "journal".to_string()));
        let g = m.find("person-group").unwrap();
        assert_eq!(g.elements().count(), 2);
        assert_eq!(g.text_content(), "Chow, Jonathan T. and Leif-Eric Easley");
        assert_eq!(m.find("year").unwrap().text_content(), "2019");
        assert_eq!(m.find("volume").unwrap().text_content(), "40");
        assert_eq!(m.find("issue").unwrap().text_content(), "4");
        assert_eq!(m.find("fpage").unwrap().text_content(), "502");
        assert_eq!(m.find("lpage").unwrap().text_content(), "525");
        assert_eq!(m.find("pub-id").unwrap().text_content(), "10.1080/13523260.2019.1660483");
        assert_eq!(m.find("article-title").unwrap().text_content(), "Renegotiating Pariah State Partnerships");
    }

    #[test]
    fn repeated_author_dash_adds_a_complete_element_citation() {
        let mut r = chicago();
        r.raw = r.raw.replacen("Chow, Jonathan T. and Leif-Eric Easley", "\u{2014}\u{2014}\u{2014}", 1);
        r.repeated_authors = true;
        let c = citations(&r);
        assert_eq!(text_of(&c[0]), r.raw);
        assert!(c[0].find("person-group").is_none());
        assert_eq!(c.len(), 2);
        let e = &c[1];
        assert_eq!(e.name, "element-citation");
        let names: Vec<_> = e.find("person-group").unwrap().elements().map(|n| n.find("surname").unwrap().text_content()).collect();
        assert_eq!(names, ["Chow", "Easley"]);
        assert!(e.find("fpage").is_some() && e.find("ext-link").is_none());
    }

    #[test]
    fn links_carry_the_cited_title_for_screen_readers() {
        let mut r = chicago();
        r.raw.push_str(" https://example.org/a");
        r.url = Some("https://example.org/a".into());
        let c = citations(&r);
        let l = c[0].find("ext-link").unwrap();
        assert_eq!(l.text_content(), "https://example.org/a");
        assert!(l.attrs.contains(&("xlink:title", "Renegotiating Pariah State Partnerships".into())));
    }

    #[test]
    fn initials_are_tagged_as_printed_and_full_names_kept_in_element_citation() {
        let r = Reference {
            raw: "[1] P. L. Nov\u{e1}kov\u{e1} and S.-A. Song, \u{201c}Seoul Diplomacy,\u{201d} Journal of Studies, vol. 22, no. 3, pp. 440\u{2013}458, 2018.".into(),
            authors: vec![person("Nov\u{e1}kov\u{e1}", Some("Peter L.")), person("Song", Some("Soo-ah"))],
            year: Some("2018".into()),
            title: Some("Seoul Diplomacy".into()),
            source: Some("Journal of Studies".into()),
            volume: Some("22".into()),
            issue: Some("3".into()),
            pages: Some("440-458".into()),
            ..Default::default()
        };
        let c = citations(&r);
        assert_eq!(text_of(&c[0]), r.raw);
        let g = c[0].find("person-group").unwrap();
        assert_eq!(g.text_content(), "P. L. Nov\u{e1}kov\u{e1} and S.-A. Song");
        assert_eq!(g.find("given-names").unwrap().text_content(), "P. L.");
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].find("given-names").unwrap().text_content(), "Peter L.");
    }

    #[test]
    fn short_numbers_are_not_found_inside_longer_ones() {
        let c = citations(&chicago());
        // "4" must be the issue in "(4)", not the "4" of "40".
        let m = &c[0];
        let mut text = String::new();
        for k in &m.kids {
            if let super::super::xml::Node::El(e) = k {
                if e.name == "issue" {
                    break;
                }
                text.push_str(&e.text_content());
            } else if let super::super::xml::Node::Text(t) = k {
                text.push_str(t);
            }
        }
        assert!(text.ends_with("40("), "{text}");
    }

    #[test]
    fn institutions_are_collabs_and_et_al_is_kept_in_the_group() {
        let r = Reference {
            raw: "World Bank, et al. 2024. Report.".into(),
            authors: vec![person("World Bank", None)],
            year: Some("2024".into()),
            ..Default::default()
        };
        let c = citations(&r);
        assert_eq!(text_of(&c[0]), r.raw);
        let g = c[0].find("person-group").unwrap();
        assert_eq!(g.find("collab").unwrap().text_content(), "World Bank");
        assert_eq!(g.find("etal").unwrap().text_content(), "et al.");
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn hangul_names_without_space_are_split_into_parts() {
        let r = Reference {
            raw: "\u{AD8C}\u{B2E4}\u{C740}. 2017. Title.".into(),
            authors: vec![person("\u{AD8C}", Some("\u{B2E4}\u{C740}"))],
            ..Default::default()
        };
        let c = citations(&r);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].find("surname").unwrap().text_content(), "\u{AD8C}");
    }

    #[test]
    fn abbreviated_decreasing_page_range_is_a_page_range() {
        let r = Reference { raw: "A. 2001. T. S, 1: 502-25.".into(), pages: Some("502-25".into()), ..Default::default() };
        let c = citations(&r);
        assert_eq!(c[0].find("page-range").unwrap().text_content(), "502-25");
        assert!(c[0].find("fpage").is_none());
    }

    #[test]
    fn unknown_kind_is_guessed_from_fields() {
        let mut r = chicago();
        assert_eq!(publication_type(&r), "journal");
        r.volume = None;
        r.issue = None;
        r.raw = "X. 2014. \u{201c}T.\u{201d} In Middle Powers, edited by E. Lee, 270-294. London: Routledge.".into();
        r.source = Some("Middle Powers".into());
        assert_eq!(publication_type(&r), "book");
        r.raw = "Fischer, R. A. (2020). Shuttle Diplomacy. In J. Morrison (Ed.), People Exchange (pp. 269\u{2013}292). Press.".into();
        r.source = Some("People Exchange".into());
        assert_eq!(publication_type(&r), "book");
        r.kind = Some(ReferenceKind::Report);
        assert_eq!(publication_type(&r), "report");
    }

    #[test]
    fn a_field_not_printed_triggers_element_citation() {
        let mut r = chicago();
        r.url = Some("https://example.org/a".into());
        assert_eq!(citations(&r).len(), 2);
    }
}
