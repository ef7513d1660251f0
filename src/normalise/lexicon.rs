//! A shipped English word list, the last witness when the document says nothing about a word.
//!
//! The list (SCOWL, see `data/README.md`) is read into a set on first use only.

use std::collections::HashSet;
use std::sync::OnceLock;

static WORDS: &str = include_str!("data/english-words.txt");

/// Whether `word` (lower case) is an English word of the shipped list.
pub(crate) fn is_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| WORDS.lines().collect()).contains(word)
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
}
