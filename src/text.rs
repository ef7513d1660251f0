//! Small text helpers shared by the stages (ligatures, XML escaping); depends on nothing else in the crate.

/// The letters a Latin ligature character (U+FB00–FB06) stands for, such as "fi" for "ﬁ".
pub(crate) fn ligature_letters(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
}

/// Escapes `s` for XML text or a double-quoted attribute, dropping characters XML 1.0 forbids.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_spell_out_and_letters_stay() {
        assert_eq!(ligature_letters('\u{FB03}'), Some("ffi"));
        assert_eq!(ligature_letters('f'), None);
    }

    #[test]
    fn xml_escaping_quotes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape_xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
