//! References that open on a list of "Surname, Initials" names without an APA year in
//! brackets: "Lee, A., Park, J. and Kim, S. 2006. Title. In Proceedings …",
//! "Lee, A. & Park, J. H. 1997 Title. J. Exp. Stud. 61, 107–117.",
//! "Lee, A.B. and Park, C.D.: Title. Clin. Rev. 34: 358-541, 1976".
//!
//! The name list is read first, name by name; the year (bare, bracketed or at the end) and
//! the title (the next sentence) follow, then the container with its volume and pages.

use super::parse::{publisher, sentences, years};
use crate::tree::{PersonName, Reference, ReferenceKind};

/// Lower-case particles that open a surname ("van Mechelen", "de Wit").
const PARTICLES: &[&str] = &["van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "ter"];

/// The length of a surname at the start of `s`: one to three words, each capitalised (or a
/// particle before a capitalised word), made of letters, hyphens and apostrophes.
fn surname(s: &str) -> Option<usize> {
    let mut end = 0;
    let mut words = 0;
    let mut rest = s;
    loop {
        let w_len = rest.find([' ', ',']).unwrap_or(rest.len());
        let w = &rest[..w_len];
        let letters = !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let particle = PARTICLES.contains(&w);
        if !letters || !(capital || particle) || w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            break;
        }
        words += 1;
        end = s.len() - rest.len() + w_len;
        rest = &rest[w_len..];
        if words == 3 || !rest.starts_with(' ') || !capital && !particle {
            break;
        }
        rest = &rest[1..];
        if !particle && !rest.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
    }
    // A particle cannot end a surname.
    (words > 0 && !PARTICLES.contains(&&s[s[..end].rfind(' ').map_or(0, |i| i + 1)..end])).then_some(end)
}

/// The length of initials with full stops at the start of `s`: "R.", "B. H.", "H.M.", "J.-P.".
fn initials(s: &str) -> Option<usize> {
    let cs: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut end = None;
    while i + 1 < cs.len() && cs[i].1.is_uppercase() && cs[i + 1].1 == '.' {
        i += 2;
        end = Some(cs.get(i).map_or(s.len(), |c| c.0));
        match cs.get(i).map(|c| c.1) {
            Some('-') => i += 1,
            Some(c) if c.is_uppercase() && cs.get(i + 1).is_some_and(|c| c.1 == '.') => {}
            Some(' ') if cs.get(i + 1).is_some_and(|c| c.1.is_uppercase()) && cs.get(i + 2).is_some_and(|c| c.1 == '.') => i += 1,
            _ => break,
        }
    }
    end
}

/// The names of a "Surname, Initials" list opening `s`, and where the list ends.
fn name_list(s: &str) -> Option<(Vec<PersonName>, usize)> {
    let mut names = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &s[pos..];
        let sn = surname(rest)?;
        let after = rest[sn..].strip_prefix(", ")?;
        let ini = initials(after)?;
        names.push(PersonName { surname: rest[..sn].to_string(), given: Some(after[..ini].trim().to_string()) });
        pos += sn + 2 + ini;
        let tail = &s[pos..];
        let tail = tail.strip_prefix(" ,").map_or(tail, |t| &tail[tail.len() - t.len() - 1..]);
        let next = [", and ", " and ", " & ", ", & ", ", "].iter().find_map(|sep| tail.strip_prefix(sep));
        match next {
            Some(n) if surname(n).is_some_and(|k| n[k..].starts_with(", ") && initials(&n[k + 2..]).is_some()) => pos = s.len() - n.len(),
            _ => return Some((names, pos)),
        }
    }
}

/// Parses an entry that opens on a "Surname, Initials" list followed by its year or a colon;
/// false (and `r` untouched) when the entry has another shape.
pub(super) fn parse(body: &str, r: &mut Reference) -> bool {
    let Some((names, end)) = name_list(body) else { return false };
    let mut rest = body[end..].trim_start();
    if let Some(x) = rest.strip_prefix("et al.").or_else(|| rest.strip_prefix(", et al.")) {
        rest = x.trim_start();
    }
    let bracketed = rest.strip_prefix('(');
    let year_here = years(bracketed.unwrap_or(rest)).next().filter(|m| m.start == 0);
    let (year, rest) = if let Some(m) = year_here {
        let s = bracketed.unwrap_or(rest);
        let after = s[m.end..].trim_start_matches([')', '.', ',', ':', ' ']);
        (Some(s[..m.end].trim_end_matches(|c: char| c.is_ascii_lowercase()).to_string()), after)
    } else if let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('.')) {
        let after = after.trim_start();
        (years(after).last().map(|m| after[m].trim_end_matches(|c: char| c.is_ascii_lowercase()).to_string()), after)
    } else {
        return false;
    };
    let sents = sentences(rest);
    let Some(title) = sents.first() else { return false };
    r.authors = names;
    r.year = year;
    r.title = Some(title.trim_end_matches(['.', ',']).trim().to_string());
    let after = rest[rest.find(title.as_str()).map_or(rest.len(), |i| i + title.len())..].trim();
    container(after, r);
    true
}

/// Reads source, volume, issue and pages from what follows the title.
fn container(after: &str, r: &mut Reference) {
    if after.is_empty() {
        return;
    }
    if let Some(book) = after.strip_prefix("In ") {
        r.kind = Some(ReferenceKind::Book);
        let first = sentences(book).into_iter().next().unwrap_or_default();
        let src = first.split(", ").next().unwrap_or("").trim_end_matches(['.', ',']).trim();
        // "Advances in Neural Information Processing Systems 18": the volume closes the name.
        match src.rsplit_once(' ') {
            Some((name, vol)) if vol.chars().all(|c| c.is_ascii_digit()) && !vol.is_empty() && vol.len() <= 4 && years(vol).next().is_none() => {
                r.source = Some(name.to_string());
                r.volume = Some(vol.to_string());
            }
            _ => r.source = (!src.is_empty()).then(|| src.to_string()),
        }
        if let Some(p) = pages_after(after, "pages ").or_else(|| pages_after(after, "pp. ")) {
            r.pages = Some(p);
        }
        return;
    }
    if let Some((src, vol, issue, pages)) = volume_pages(after) {
        r.kind = Some(ReferenceKind::Journal);
        r.source = Some(src);
        r.volume = Some(vol);
        r.issue = issue;
        r.pages = Some(pages);
        return;
    }
    if !publisher(after) {
        let first = sentences(after).into_iter().next().unwrap_or_default();
        let s = first.trim_end_matches(['.', ',']).trim();
        if s.chars().any(char::is_alphabetic) && years(s).next().is_none() {
            r.source = Some(s.to_string());
        }
    } else {
        r.kind = Some(ReferenceKind::Book);
    }
}

/// The page range after a word such as "pages ": "pages 177-190" gives "177-190".
fn pages_after(s: &str, word: &str) -> Option<String> {
    let i = s.find(word)? + word.len();
    let p: String = s[i..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '—')).collect();
    let p = p.trim_end_matches(['-', '–', '—']).replace(['–', '—'], "-");
    (!p.is_empty()).then_some(p)
}

/// "Journal Name 61, 107–117" / "Journal 34: 358-541" / "Journal 12(3): 4-9": the source
/// before the volume, the volume, the issue and the pages.
fn volume_pages(s: &str) -> Option<(String, String, Option<String>, String)> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices(' ') {
        let v: String = s[i + 1..].chars().take_while(char::is_ascii_digit).collect();
        if v.is_empty() || v.len() > 5 {
            continue;
        }
        let mut j = i + 1 + v.len();
        let mut issue = None;
        if bytes.get(j) == Some(&b'(') {
            let close = s[j..].find(')')?;
            issue = Some(s[j + 1..j + close].to_string());
            j += close + 1;
        }
        let rest = s[j..].trim_start();
        let Some(rest) = rest.strip_prefix([',', ':']) else { continue };
        let rest = rest.trim_start();
        let p: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '–' | '—')).collect();
        let p = p.trim_end_matches(['-', '–', '—']);
        if p.is_empty() || !p.chars().next().is_some_and(|c| c.is_ascii_digit()) || years(p).next().is_some_and(|m| m.len() == p.len()) {
            continue;
        }
        let src = s[..i].trim().trim_end_matches(',').trim();
        if src.is_empty() || src.split_whitespace().count() > 12 {
            return None;
        }
        return Some((src.to_string(), v, issue, p.replace(['–', '—'], "-")));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Reference {
        let mut r = Reference::default();
        assert!(parse(s, &mut r), "not parsed: {s}");
        r
    }

    fn surnames(r: &Reference) -> Vec<(&str, &str)> {
        r.authors.iter().map(|a| (a.surname.as_str(), a.given.as_deref().unwrap_or(""))).collect()
    }

    #[test]
    fn bare_year_and_journal_with_volume_and_pages() {
        let r = run("Bhagavan, S. & Smith, B. H. 1997 Olfactory conditioning in the honey bee, Apis mellifera: effects of odor intensity. Physiol. Behav. 61, 107–117.");
        assert_eq!(surnames(&r), vec![("Bhagavan", "S."), ("Smith", "B. H.")]);
        assert_eq!(r.year.as_deref(), Some("1997"));
        assert_eq!(r.title.as_deref(), Some("Olfactory conditioning in the honey bee, Apis mellifera: effects of odor intensity"));
        assert_eq!((r.source.as_deref(), r.volume.as_deref(), r.pages.as_deref()), (Some("Physiol. Behav."), Some("61"), Some("107-117")));
    }

    #[test]
    fn colon_after_names_and_year_at_the_end() {
        let r = run("Chapel, H.M. and August, P.J.: Report of Nine Cases of Accidental Injury. Clin. Exp. Immunol. 34: 358-541, 1976");
        assert_eq!(surnames(&r), vec![("Chapel", "H.M."), ("August", "P.J.")]);
        assert_eq!(r.year.as_deref(), Some("1976"));
        assert_eq!(r.title.as_deref(), Some("Report of Nine Cases of Accidental Injury"));
        assert_eq!((r.source.as_deref(), r.volume.as_deref(), r.pages.as_deref()), (Some("Clin. Exp. Immunol."), Some("34"), Some("358-541")));
    }

    #[test]
    fn year_with_full_stop_and_proceedings() {
        let r = run("Bar-Haim, R., Dagan, I. and Van Mechelen, W. 2006. The Second PASCAL Challenge. In Proceedings of the Second PASCAL Workshop, Venice, Italy.");
        assert_eq!(surnames(&r), vec![("Bar-Haim", "R."), ("Dagan", "I."), ("Van Mechelen", "W.")]);
        assert_eq!(r.year.as_deref(), Some("2006"));
        assert_eq!(r.title.as_deref(), Some("The Second PASCAL Challenge"));
        assert_eq!(r.source.as_deref(), Some("Proceedings of the Second PASCAL Workshop"));
        let r = run("Bunescu, R. and Mooney, R. 2006. Subsequence Kernels. In Advances in Neural Information Processing Systems 18. MIT Press.");
        assert_eq!((r.source.as_deref(), r.volume.as_deref()), (Some("Advances in Neural Information Processing Systems"), Some("18")));
    }

    #[test]
    fn other_shapes_are_left_alone() {
        let mut r = Reference::default();
        assert!(!parse("Jenny Rose Finkel, Trond Grenager, and Christopher Manning. 2005. Title.", &mut r));
        assert!(!parse("A. B. Author, \"Title,\" Journal, vol. 3, 2010.", &mut r));
        assert_eq!(r, Reference::default());
    }
}
