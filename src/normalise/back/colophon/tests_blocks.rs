//! Which contact block is the colophon, and what happens to the lines it does not take.

use super::*;
use crate::layout::Rect;
use crate::normalise::back::{read, BackLine};

fn strings(s: &[&str]) -> Vec<String> {
    s.iter().map(|x| x.to_string()).collect()
}

/// Two entries of a directory of contacts, each with a description after its contact lines.
const DIRECTORY: &[(&str, u32)] = &[
    ("Thomas Jefferson Agricultural Institute", 12),
    ("601 West Nifong Boulevard, Suite 1D", 12),
    ("Columbia, MO 65203", 12),
    ("e-mail: info@jeffersoninstitute.org", 12),
    ("Web: http://www.jeffersoninstitute.org/", 12),
    ("Food and Society Policy Fellows Program. Education, research and market development.", 12),
    ("Independent Organic Inspectors Association (IOIA)", 13),
    ("P.O. Box 6", 13),
    ("Broadus, MT 59317", 13),
    ("fax: 406-436-2031", 13),
    ("e-mail: ioia@ioia.net", 13),
    ("Organic inspector training courses, accreditation program, membership directory.", 13),
    ("National Center for Appropriate Technology (NCAT)", 14),
    ("P.O. Box 3838", 14),
    ("Butte, MT 59702", 14),
    ("fax: 406-494-2905", 14),
    ("e-mail: moreinfo@ncat.org", 14),
    ("Sustainable agriculture information service with publications on every topic.", 14),
];

fn paged(entries: &[(&str, u32)]) -> Fields {
    let lines: Vec<String> = entries.iter().map(|e| e.0.to_string()).collect();
    let pages: Vec<u32> = entries.iter().map(|e| e.1).collect();
    read_fields_paged(&lines, &pages)
}

#[test]
fn a_directory_of_contacts_is_not_the_colophon() {
    let f = paged(DIRECTORY);
    assert_eq!(f.colophon, Colophon { address: f.colophon.address.clone(), ..Colophon::default() });
    for (i, (t, _)) in DIRECTORY.iter().enumerate() {
        if is_field_line(t) {
            assert!(!f.taken[i], "{t}");
        }
    }
}

#[test]
fn the_last_block_is_the_colophon_and_earlier_blocks_stay_text() {
    let mut entries = DIRECTORY.to_vec();
    entries.extend([("The Policy Institute", 20), ("Phone: 202-555-0100", 20), ("E-mail: info@policy.org", 20), ("www.policy.org", 20)]);
    let f = paged(&entries);
    assert_eq!(f.colophon.phone.as_deref(), Some("202-555-0100"));
    assert_eq!(f.colophon.email.as_deref(), Some("info@policy.org"));
    assert_eq!(f.colophon.website.as_deref(), Some("www.policy.org"));
    assert_eq!(f.colophon.fax, None);
    let taken: Vec<&str> = entries.iter().zip(&f.taken).filter(|(_, &t)| t).map(|(e, _)| e.0).collect();
    assert_eq!(taken, ["Phone: 202-555-0100", "E-mail: info@policy.org", "www.policy.org"]);
}

#[test]
fn a_block_goes_on_over_a_page_break() {
    let f = paged(&[("Phone 82 2 2277 1683 Fax 82 2 2277 1697", 5), ("Email eai@eai.or.kr Website www.eai.or.kr", 6)]);
    assert_eq!(f.colophon.phone.as_deref(), Some("82 2 2277 1683"));
    assert_eq!(f.colophon.website.as_deref(), Some("www.eai.or.kr"));
    assert_eq!(f.taken, [true, true]);
}

#[test]
fn a_second_value_of_a_field_is_not_taken() {
    let f = read_fields(&strings(&["Phone: 202-555-0100", "Phone: 202-555-0199", "E-mail: info@policy.org"]));
    assert_eq!(f.colophon.phone.as_deref(), Some("202-555-0100"));
    assert_eq!(f.taken, [true, false, true]);
}

#[test]
fn contact_lines_a_field_did_not_take_stay_with_the_caller() {
    let mut entries = DIRECTORY.to_vec();
    entries.insert(0, ("Phone: 202-555-0100", 11));
    let lines: Vec<BackLine> = entries
        .iter()
        .enumerate()
        .map(|(i, &(t, page))| BackLine {
            text: t.to_string(),
            page,
            bbox: Rect { x0: 90.0, y0: 100.0 + i as f32 * 30.0, x1: 400.0, y1: 110.0 + i as f32 * 30.0 },
            size: 10.0,
            block_start: true,
            ..BackLine::default()
        })
        .collect();
    let b = read(&lines, &[]);
    for (l, used) in lines.iter().zip(&b.used) {
        if l.text.contains('@') || l.text.starts_with("fax") || l.text.starts_with("Web") {
            assert!(used.is_none(), "{}", l.text);
        }
    }
}
