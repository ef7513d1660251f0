//! Tests of reference parsing on printed references in the common styles.

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

#[test]
fn volume_number_and_pages_spelt_out_in_words() {
    let r = parse_reference("Neumann, G. and Piskorski, J. 2002. A Shallow Text Processing Core Engine. Journal of Computational Intelligence, Volume 18, Number 3, 2002, pages 451-476.", None);
    assert_eq!(r.source.as_deref(), Some("Journal of Computational Intelligence"));
    assert_eq!((r.volume.as_deref(), r.issue.as_deref(), r.pages.as_deref()), (Some("18"), Some("3"), Some("451-476")));
}

#[test]
fn pages_glued_to_the_source_with_a_colon_are_pages() {
    let r = parse_reference("Gildea, D. and Palmer, M. 2002. The Necessity of Parsing. In Proceedings of the 40th Meeting of the ACL (ACL 2002):239-246.", None);
    assert_eq!(r.source.as_deref(), Some("Proceedings of the 40th Meeting of the ACL (ACL 2002)"));
    assert_eq!(r.pages.as_deref(), Some("239-246"));
}

#[test]
fn abbreviation_before_a_lower_case_word_does_not_end_the_source() {
    let r = parse_reference("Wang, R. and Neumann, G. 2007a. Recognizing Textual Entailment Using a Subsequence Kernel Method. In Proc. of AAAI 2007.", None);
    assert_eq!(r.source.as_deref(), Some("Proc. of AAAI 2007"));
}

#[test]
fn italic_run_after_the_title_gives_the_source_the_words_left_unread() {
    let raw = "Lee, A. 2010. A study of things. Some Journal of Studies 12 (3).";
    let mut r = parse_reference(raw, None);
    r.source = None;
    let s = raw.find("Some Journal").unwrap();
    r.italic = vec![(s, s + "Some Journal of Studies".len())];
    italic_source(&mut r);
    assert_eq!(r.source.as_deref(), Some("Some Journal of Studies"));
    r.source = Some("Some Journal of Studies:12-20".into());
    italic_source(&mut r);
    assert_eq!(r.source.as_deref(), Some("Some Journal of Studies"));
    r.source = Some("Some Journal of Studies-Pacific".into());
    italic_source(&mut r);
    assert_eq!(r.source.as_deref(), Some("Some Journal of Studies-Pacific"));
}

#[test]
fn a_numbered_author_date_entry_is_read_as_author_date_and_a_numbered_ieee_one_as_ieee() {
    let r = parse_reference("1. Bank of Korea. 2016. Demographic Decline: Trends and Outlook. December. https://www.bok.or.kr/en/2016.", None);
    assert_eq!((surnames(&r), r.year.as_deref()), (vec!["Bank of Korea"], Some("2016")));
    assert_eq!(r.title.as_deref(), Some("Demographic Decline: Trends and Outlook"));
    let r = parse_reference("2. Dupont, Amanda L. 2018. “Rethinking Pension Reform.” Asian Survey, 70(6): 27-56.", None);
    assert_eq!((surnames(&r), r.volume.as_deref(), r.pages.as_deref()), (vec!["Dupont"], Some("70"), Some("27-56")));
    let r = parse_reference("[4] Statistics Korea, Assessment of Historical Reconciliation in the Asia-Pacific. Statistics Korea, 2018.", None);
    assert_eq!(r.title.as_deref(), Some("Assessment of Historical Reconciliation in the Asia-Pacific"), "an IEEE report keeps its title");
}
