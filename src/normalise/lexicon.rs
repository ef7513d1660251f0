//! A shipped English word list, the last witness when the document says nothing about a word.
//!
//! The list (SCOWL, see `data/README.md`) is sorted byte-wise, one word per line, and
//! searched in place: no start-up cost.

static WORDS: &str = include_str!("data/english-words.txt");

/// Whether `word` (lower case) is an English word of the shipped list.
pub(crate) fn is_word(word: &str) -> bool {
    let bytes = WORDS.as_bytes();
    let (mut lo, mut hi) = (0usize, bytes.len());
    // Invariant: every line starting in [lo, hi) is still a candidate; lo is a line start.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |p| lo + p + 1);
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| start + p);
        match WORDS[start..end].cmp(word) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_known_and_fragments_are_not() {
        assert!(is_word("international") && is_word("trade") && is_word("pandemic"));
        assert!(!is_word("tradeoffs") && !is_word("ternational"));
        assert!(is_word("moscow"), "proper names count, lower-cased");
    }

    #[test]
    fn every_listed_word_is_found_and_the_list_is_sorted() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "the list must stay sorted byte-wise and unique");
        for w in words.iter().step_by(97).chain([words[0], words[words.len() - 1]].iter()) {
            assert!(is_word(w), "{w}");
        }
        assert!(!is_word("") && !is_word("zzzzzz") && !is_word("aaaaaaa"));
    }
}
