//! Words and word-sequence comparison: the measuring stick of the round trip.
//!
//! Words are compared as the shared scoring tools compare them: NFKC, lowercased, soft
//! hyphens dropped, hyphens and apostrophes inside a word removed, punctuation dropped,
//! and tokens without a letter (page numbers, note marks, years) ignored.

use std::collections::HashMap;
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;

/// A word: letters and digits, joined by hyphens or apostrophes.
static WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[^\W_]+(?:[-'’‐‑][^\W_]+)*").expect("the word pattern is valid")
});

/// How long one sequence diff may run before it settles for an approximate answer.
///
/// Myers' algorithm is O((N+M)·D); an output that shares almost nothing with its source
/// would otherwise take minutes on a long document.
const DIFF_TIME_LIMIT: Duration = Duration::from_secs(20);

/// The comparable words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut w = tokens(text);
    w.retain(|w| w.chars().any(char::is_alphabetic));
    w
}

/// The words of `text` folded as [`words`] folds them, numbers included.
pub fn tokens(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    let folded = folded.replace(['\u{00AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}'], "");
    WORD.find_iter(&folded)
        .map(|m| m.as_str().chars().filter(|c| !matches!(c, '-' | '\'' | '’' | '‐' | '‑')).collect::<String>())
        .collect()
}

/// Maps words to small integers so sequences compare cheaply.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocab {
    /// The id of `w`, assigning a new one when it is unseen.
    pub fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.words.push(w.to_string());
        i
    }

    /// The ids of the words of `text`.
    pub fn ids(&mut self, text: &str) -> Vec<u32> {
        words(text).iter().map(|w| self.id(w)).collect()
    }

    /// The word with id `i`.
    pub fn word(&self, i: u32) -> &str {
        self.words.get(i as usize).map(String::as_str).unwrap_or("")
    }
}

/// How much of a reference survives, in order, in an output.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Match {
    /// Reference words found in order.
    pub matched: usize,
    /// Reference words in all.
    pub total: usize,
    /// Runs of reference words not found: (stream, start, length), in reference order.
    pub lost: Vec<(usize, usize, usize)>,
    /// Matched words found out of their stream's order (a note printed elsewhere).
    pub moved: usize,
    /// Whether a diff ran out of time and the count is a lower bound.
    pub approximate: bool,
}

impl Match {
    /// Matched words over reference words; 1 for an empty reference.
    pub fn recall(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.matched as f64 / self.total as f64
        }
    }
}

/// Ordered recall of several reference streams in one output.
///
/// Each stream (body, notes, references) must appear in order, but the streams may
/// interleave in the output: notes printed at page feet sit between body paragraphs.
/// Streams are matched one after another, each against the output words that earlier
/// streams left unmatched; each match is a longest common subsequence (Myers' diff,
/// linear space). Then each lost run that the unmatched output holds elsewhere, word for
/// word for at least [`MIN_MOVED`] words, counts as found but moved.
pub fn ordered_recall(streams: &[Vec<u32>], output: &[u32]) -> Match {
    let mut remaining: Vec<usize> = (0..output.len()).collect();
    let mut m = Match::default();
    for (s, stream) in streams.iter().enumerate() {
        m.total += stream.len();
        let rest: Vec<u32> = remaining.iter().map(|&i| output[i]).collect();
        let started = Instant::now();
        let ops = similar::capture_diff_slices_deadline(
            similar::Algorithm::Myers,
            stream,
            &rest,
            Some(started + DIFF_TIME_LIMIT),
        );
        m.approximate |= started.elapsed() >= DIFF_TIME_LIMIT;
        let mut found = vec![false; stream.len()];
        let mut used = vec![false; rest.len()];
        for op in ops {
            if let similar::DiffOp::Equal { old_index, new_index, len } = op {
                found[old_index..old_index + len].iter_mut().for_each(|f| *f = true);
                used[new_index..new_index + len].iter_mut().for_each(|u| *u = true);
            }
        }
        m.moved += rescue_moved(stream, &mut found, &rest, &mut used);
        m.matched += found.iter().filter(|&&f| f).count();
        m.lost.extend(runs(&found).into_iter().map(|(a, n)| (s, a, n)));
        remaining = remaining.into_iter().zip(used).filter(|(_, u)| !u).map(|(i, _)| i).collect();
    }
    m
}

/// Fewest words of a lost run found together elsewhere to count as moved rather than lost.
pub const MIN_MOVED: usize = 4;

/// Finds the lost runs of `stream` (not `found`) in the unused words of `rest`, longest
/// stretch first from each position; marks what it finds and returns the word count.
fn rescue_moved(stream: &[u32], found: &mut [bool], rest: &[u32], used: &mut [bool]) -> usize {
    let mut at: HashMap<u32, Vec<usize>> = HashMap::new();
    for (p, &w) in rest.iter().enumerate() {
        if !used[p] {
            at.entry(w).or_default().push(p);
        }
    }
    let mut moved = 0;
    for (a, n) in runs(found) {
        let end = a + n;
        let mut i = a;
        while i < end {
            let mut best = (0, 0);
            for &p in at.get(&stream[i]).into_iter().flatten() {
                let len = (0..end - i)
                    .take_while(|&k| rest.get(p + k) == Some(&stream[i + k]) && !used[p + k])
                    .count();
                if len > best.0 {
                    best = (len, p);
                }
            }
            if best.0 >= MIN_MOVED {
                found[i..i + best.0].iter_mut().for_each(|f| *f = true);
                used[best.1..best.1 + best.0].iter_mut().for_each(|u| *u = true);
                moved += best.0;
                i += best.0;
            } else {
                i += 1;
            }
        }
    }
    moved
}

/// Bag-of-words recall of `reference` in `output`: each output word may count once.
///
/// Returns the match with lost runs over the reference sequence: a reference word is
/// lost when the output has no copy of it left.
pub fn bag_recall(reference: &[u32], output: &[u32]) -> Match {
    let mut have: HashMap<u32, usize> = HashMap::new();
    for &w in output {
        *have.entry(w).or_default() += 1;
    }
    let found: Vec<bool> = reference
        .iter()
        .map(|w| match have.get_mut(w) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .collect();
    Match {
        matched: found.iter().filter(|&&f| f).count(),
        total: reference.len(),
        lost: runs(&found).into_iter().map(|(a, n)| (0, a, n)).collect(),
        moved: 0,
        approximate: false,
    }
}

/// Share of `output` words (as a multiset) that the `supply` multiset accounts for; 1 when empty.
pub fn bag_precision(output: &[u32], supply: &[u32]) -> f64 {
    if output.is_empty() {
        return 1.0;
    }
    let m = bag_recall(output, supply);
    m.recall()
}

/// Runs of `false` in `found`: (start, length).
fn runs(found: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &f) in found.iter().chain(std::iter::once(&true)).enumerate() {
        match (f, start) {
            (false, None) => start = Some(i),
            (true, Some(a)) => {
                out.push((a, i - a));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Up to `max` of the longest lost runs as phrases, in reference order, each cut to `max_words`.
pub fn lost_phrases(m: &Match, streams: &[Vec<u32>], vocab: &Vocab, max: usize, max_words: usize) -> Vec<String> {
    let mut runs = m.lost.clone();
    runs.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    runs.truncate(max);
    runs.sort();
    runs.into_iter()
        .filter_map(|(s, a, n)| {
            let ws = streams.get(s)?.get(a..a + n)?;
            let mut p = ws.iter().take(max_words).map(|&w| vocab.word(w)).collect::<Vec<_>>().join(" ");
            if n > max_words {
                p.push_str(" …");
            }
            Some(p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_width_hyphens_and_drop_numbers() {
        assert_eq!(words("Policy-making, ﬁrst: 2024 “Don’t” exam\u{00AD}ple [12]"), vec![
            "policymaking",
            "first",
            "dont",
            "example"
        ]);
    }

    #[test]
    fn hangul_counts_as_words() {
        assert_eq!(words("서수아 (Seo)"), vec!["서수아", "seo"]);
    }

    #[test]
    fn ordered_recall_finds_interleaved_streams_and_reports_lost_runs() {
        let mut v = Vocab::default();
        let body = v.ids("the cat sat on the mat today");
        let notes = v.ids("a footnote here");
        let out = v.ids("the cat a footnote sat on here the mat");
        let m = ordered_recall(&[body.clone(), notes.clone()], &out);
        assert_eq!(m.total, 10);
        assert_eq!(m.matched, 9);
        assert_eq!(m.lost, vec![(0, 6, 1)]);
        assert_eq!(lost_phrases(&m, &[body, notes], &v, 3, 5), vec!["today"]);
    }

    #[test]
    fn ordered_recall_penalises_swapped_order_but_bag_recall_does_not() {
        let mut v = Vocab::default();
        let r = v.ids("one two three four five six");
        let o = v.ids("four five six one two three");
        assert_eq!(ordered_recall(&[r.clone()], &o).matched, 3);
        assert_eq!(bag_recall(&r, &o).matched, 6);
    }

    #[test]
    fn a_note_printed_out_of_order_counts_as_moved_not_lost() {
        let mut v = Vocab::default();
        let notes = v.ids("first note is here. second note sits elsewhere in print. third note closes the list");
        let out = v.ids("first note is here. third note closes the list. second note sits elsewhere in print");
        let m = ordered_recall(&[notes], &out);
        assert_eq!(m.matched, m.total);
        assert!(m.moved >= MIN_MOVED, "{m:?}");
        let short = v.ids("alpha beta gamma delta");
        let m = ordered_recall(&[short], &v.ids("gamma delta alpha"));
        assert_eq!(m.moved, 0);
        assert_eq!(m.matched, 2);
    }

    #[test]
    fn bag_precision_counts_duplicates_as_unsupported() {
        let mut v = Vocab::default();
        let supply = v.ids("alpha beta");
        let out = v.ids("alpha alpha beta gamma");
        assert!((bag_precision(&out, &supply) - 0.5).abs() < 1e-9);
    }
}
