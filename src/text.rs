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

/// `n` (at least 1) in canonical upper-case roman numerals ("MCMXCIV").
pub(crate) fn roman_numeral(mut n: u64) -> String {
    const PARTS: [(u64, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut s = String::new();
    for (v, p) in PARTS {
        while n >= v {
            s.push_str(p);
            n -= v;
        }
    }
    s
}

/// The value of an upper-case roman numeral read additively with subtraction pairs;
/// `None` for an empty string or other letters. Not every string it reads is well formed:
/// compare with [`roman_numeral`] of the value to check.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<i64> = s.chars().take(64).map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= v,
            _ => total += v,
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}
