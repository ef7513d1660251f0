//! A content-stream reader: operators and their operands, read in place.
//!
//! It follows lopdf's content grammar (`Content::decode`) token for token, so pages read
//! the same, but it neither copies operators into strings nor builds a list of
//! operations: lopdf's parser was the largest part of reading a page with drawings.
//! Like lopdf it stops quietly at the first thing it cannot read, and reports the stream
//! unreadable where lopdf rejects it whole (a broken inline image, nesting deeper than
//! 100); the interpreter then discards what it drew from that stream.

use lopdf::{Dictionary, Object, StringFormat};

/// Deepest nesting of arrays and dictionaries, as lopdf's `MAX_NESTING_DEPTH`.
const MAX_NESTING: usize = 100;
/// Deepest nesting of parentheses in a string, as lopdf's `MAX_BRACKET`.
const MAX_BRACKET: usize = 100;

/// The stream cannot be read at all (lopdf would reject the whole stream).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unreadable;

/// Reads the operations of a content stream one at a time.
///
/// Only one operation's operands are held at once: a page of drawings has hundreds of
/// thousands of them, and a list of all of them was most of the memory a page needed.
pub(crate) struct OpReader<'a> {
    r: Reader<'a>,
    operands: Vec<Object>,
}

impl<'a> OpReader<'a> {
    pub fn new(data: &'a [u8]) -> OpReader<'a> {
        let mut r = Reader { data, pos: 0 };
        r.skip_white();
        OpReader { r, operands: Vec::new() }
    }

    /// The next operator, its operands in [`OpReader::operands`]; `Ok(None)` where reading stops.
    pub fn next_op(&mut self) -> Result<Option<&'a [u8]>, Unreadable> {
        self.operands.clear();
        let op = self.r.operation(&mut self.operands)?;
        if op.is_none() {
            self.operands.clear();
        }
        Ok(op)
    }

    /// How far reading has gone, in bytes: after the last operation read and the space after it.
    pub fn offset(&self) -> usize {
        self.r.pos
    }

    /// The operands of the operator [`OpReader::next_op`] returned last.
    pub fn operands(&self) -> &[Object] {
        &self.operands
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delimiter(c)
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// A cursor over the stream. Parsers return `Ok(None)` for "not here" (the caller restores
/// the position) and `Err` where lopdf gives up on the whole stream.
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

type Read<T> = Result<Option<T>, Unreadable>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn rest(&self) -> &'a [u8] {
        &self.data[self.pos.min(self.data.len())..]
    }

    fn eat(&mut self, tag: &[u8]) -> bool {
        if self.rest().starts_with(tag) {
            self.pos += tag.len();
            true
        } else {
            false
        }
    }

    /// White space only (lopdf's `content_space`).
    fn skip_white(&mut self) {
        while self.peek().is_some_and(is_white) {
            self.pos += 1;
        }
    }

    /// An end of line: CR LF, LF or CR.
    fn eol(&mut self) -> bool {
        self.eat(b"\r\n") || self.eat(b"\n") || self.eat(b"\r")
    }

    /// A comment up to and including its end of line; a comment without one is not read.
    fn comment(&mut self) -> bool {
        if self.peek() != Some(b'%') {
            return false;
        }
        let mark = self.pos;
        self.pos += 1;
        while self.peek().is_some_and(|c| c != b'\r' && c != b'\n') {
            self.pos += 1;
        }
        if self.eol() {
            true
        } else {
            self.pos = mark;
            false
        }
    }

    /// White space and comments (lopdf's `space`).
    fn skip_space(&mut self) {
        loop {
            if self.peek().is_some_and(is_white) {
                self.skip_white();
            } else if !self.comment() {
                return;
            }
        }
    }

    /// One operation: leading comments, then an inline image or operands and an operator.
    fn operation(&mut self, operands: &mut Vec<Object>) -> Read<&'a [u8]> {
        while self.comment() {
            self.skip_white();
        }
        if self.eat(b"BI") {
            self.skip_white();
            self.inline_image()?;
            return Ok(Some(&b"BI"[..]));
        }
        loop {
            let mark = self.pos;
            match self.operand()? {
                Some(o) => {
                    operands.push(o);
                    self.skip_white();
                }
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')) {
            self.pos += 1;
        }
        if self.pos == start || self.data[start].is_ascii_digit() {
            return Ok(None);
        }
        let operator = &self.data[start..self.pos];
        self.skip_white();
        Ok(Some(operator))
    }

    /// An operand, tried in lopdf's order.
    fn operand(&mut self) -> Read<Object> {
        let mark = self.pos;
        if self.eat(b"null") {
            return Ok(Some(Object::Null));
        }
        if self.eat(b"true") {
            return Ok(Some(Object::Boolean(true)));
        }
        if self.eat(b"false") {
            return Ok(Some(Object::Boolean(false)));
        }
        if let Some(n) = self.number() {
            return Ok(Some(n));
        }
        self.pos = mark;
        match self.peek() {
            Some(b'/') => Ok(self.name().map(Object::Name)),
            Some(b'(') => Ok(self.literal().map(Object::string_literal)),
            Some(b'<') => {
                if let Some(s) = self.hex_string() {
                    return Ok(Some(s));
                }
                self.pos = mark;
                Ok(self.dictionary(MAX_NESTING)?.map(Object::Dictionary))
            }
            Some(b'[') => Ok(self.array(MAX_NESTING)?.map(Object::Array)),
            _ => Ok(None),
        }
    }

    fn sign(&mut self) {
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number with a decimal point; a minus sign inside the fraction is ignored, as lopdf does.
    fn real(&mut self) -> Option<f32> {
        let start = self.pos;
        self.sign();
        if self.digits() > 0 {
            if !self.eat(b".") {
                return None;
            }
            self.digits();
        } else if !self.eat(b".") || self.digits() == 0 {
            return None;
        }
        while self.peek().is_some_and(|c| c == b'-' || c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text = &self.data[start..self.pos];
        let parsed = if text[1..].contains(&b'-') {
            let cleaned: Vec<u8> = text[..1].iter().chain(text[1..].iter().filter(|&&c| c != b'-')).copied().collect();
            std::str::from_utf8(&cleaned).ok()?.parse::<f32>()
        } else {
            std::str::from_utf8(text).ok()?.parse::<f32>()
        };
        parsed.ok()
    }

    /// A whole number that fits an i64.
    fn integer(&mut self) -> Option<i64> {
        let negative = self.peek() == Some(b'-');
        self.sign();
        let start = self.pos;
        if self.digits() == 0 {
            return None;
        }
        let magnitude = self.data[start..self.pos].iter().try_fold(0u64, |v, &d| v.checked_mul(10)?.checked_add(u64::from(d - b'0')))?;
        if negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// A name after its slash, with `#xx` escapes decoded; any other `#` ends it.
    fn name(&mut self) -> Option<Vec<u8>> {
        if !self.eat(b"/") {
            return None;
        }
        let mut out = Vec::new();
        loop {
            let start = self.pos;
            while self.peek().is_some_and(|c| c != b'#' && is_regular(c)) {
                self.pos += 1;
            }
            out.extend_from_slice(&self.data[start..self.pos]);
            if self.peek() != Some(b'#') {
                return Some(out);
            }
            match (self.data.get(self.pos + 1).copied().and_then(hex), self.data.get(self.pos + 2).copied().and_then(hex)) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    self.pos += 3;
                }
                _ => return Some(out),
            }
        }
    }

    /// A literal string in parentheses.
    fn literal(&mut self) -> Option<Vec<u8>> {
        if !self.eat(b"(") {
            return None;
        }
        let mut out = Vec::new();
        self.literal_inner(MAX_BRACKET, &mut out);
        self.eat(b")").then_some(out)
    }

    /// A string's content up to the closing parenthesis, which is left unread.
    fn literal_inner(&mut self, depth: usize, out: &mut Vec<u8>) {
        loop {
            match self.peek() {
                None | Some(b')') => return,
                Some(b'\\') => {
                    let Some(&c) = self.data.get(self.pos + 1) else { return };
                    self.pos += 1;
                    match c {
                        b'0'..=b'7' => {
                            let start = self.pos;
                            while self.pos - start < 3 && self.peek().is_some_and(|c| (b'0'..=b'7').contains(&c)) {
                                self.pos += 1;
                            }
                            let v = self.data[start..self.pos].iter().fold(0u16, |v, &d| v * 8 + u16::from(d - b'0'));
                            out.push(v as u8);
                        }
                        b'\r' | b'\n' => {
                            self.eol();
                        }
                        _ => {
                            self.pos += 1;
                            out.push(match c {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => b'\x08',
                                b'f' => b'\x0C',
                                c => c,
                            });
                        }
                    }
                }
                Some(b'\r' | b'\n') => {
                    self.eol();
                    out.push(b'\n');
                }
                Some(b'(') => {
                    if depth == 0 {
                        return;
                    }
                    let mark = (self.pos, out.len());
                    self.pos += 1;
                    out.push(b'(');
                    self.literal_inner(depth - 1, out);
                    if self.eat(b")") {
                        out.push(b')');
                    } else {
                        self.pos = mark.0;
                        out.truncate(mark.1);
                        return;
                    }
                }
                Some(_) => {
                    let start = self.pos;
                    while self.peek().is_some_and(|c| !matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n')) {
                        self.pos += 1;
                    }
                    out.extend_from_slice(&self.data[start..self.pos]);
                }
            }
        }
    }

    /// A hexadecimal string; an odd last digit counts as its high half.
    fn hex_string(&mut self) -> Option<Object> {
        if !self.eat(b"<") {
            return None;
        }
        // Two digits a byte, so the text up to the closing bracket bounds the length.
        let rest = self.rest();
        let mut out = Vec::with_capacity(rest.iter().position(|&c| c == b'>').unwrap_or(0).div_ceil(2));
        let mut high = true;
        let mut read = 0;
        for &c in rest {
            if let Some(v) = hex(c) {
                if high {
                    out.push(v << 4);
                } else if let Some(last) = out.last_mut() {
                    *last |= v;
                }
                high = !high;
            } else if !is_white(c) {
                break;
            }
            read += 1;
        }
        self.pos += read;
        self.eat(b">").then_some(Object::String(out, StringFormat::Hexadecimal))
    }

    /// An array of objects, nested at most `depth` deep.
    fn array(&mut self, depth: usize) -> Read<Vec<Object>> {
        if !self.eat(b"[") {
            return Ok(None);
        }
        self.skip_space();
        // Text arrays (TJ) alternate strings and kerns and are rarely short.
        let mut items = Vec::with_capacity(8);
        loop {
            let mark = self.pos;
            match self.direct_object(depth)? {
                Some(o) => items.push(o),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(self.eat(b"]").then_some(items))
    }

    /// A dictionary in `<<` `>>`, nested at most `depth` deep.
    fn dictionary(&mut self, depth: usize) -> Read<Dictionary> {
        if !self.eat(b"<<") {
            return Ok(None);
        }
        self.skip_space();
        let dict = self.dictionary_entries(depth)?;
        Ok(self.eat(b">>").then_some(dict))
    }

    /// Key and value pairs, as many as there are.
    fn dictionary_entries(&mut self, depth: usize) -> Result<Dictionary, Unreadable> {
        let mut dict = Dictionary::new();
        loop {
            let mark = self.pos;
            let Some(key) = self.name() else {
                self.pos = mark;
                return Ok(dict);
            };
            self.skip_space();
            match self.direct_object(depth)? {
                Some(value) => dict.set(key, value),
                None => {
                    self.pos = mark;
                    return Ok(dict);
                }
            }
        }
    }

    /// An object inside an array or dictionary, with the space after it.
    fn direct_object(&mut self, depth: usize) -> Read<Object> {
        if depth == 0 {
            return Err(Unreadable);
        }
        let mark = self.pos;
        let o = match self.peek() {
            Some(b'n') => self.eat(b"null").then_some(Object::Null),
            Some(b't') => self.eat(b"true").then_some(Object::Boolean(true)),
            Some(b'f') => self.eat(b"false").then_some(Object::Boolean(false)),
            Some(b'0'..=b'9') => match self.may_be_reference().then(|| self.reference()).flatten() {
                Some(r) => Some(r),
                None => {
                    self.pos = mark;
                    self.number()
                }
            },
            Some(b'+' | b'-' | b'.') => self.number(),
            Some(b'/') => self.name().map(Object::Name),
            Some(b'(') => self.literal().map(Object::string_literal),
            Some(b'<') => match self.hex_string() {
                Some(s) => Some(s),
                None => {
                    self.pos = mark;
                    self.dictionary(depth - 1)?.map(Object::Dictionary)
                }
            },
            Some(b'[') => self.array(depth - 1)?.map(Object::Array),
            _ => None,
        };
        if o.is_some() {
            self.skip_space();
        }
        Ok(o)
    }

    /// A real, else an integer.
    ///
    /// Digits not followed by a point are an integer: read as one, not first tried as a real.
    fn number(&mut self) -> Option<Object> {
        let mark = self.pos;
        self.sign();
        let whole = self.digits();
        let point = self.peek() == Some(b'.');
        self.pos = mark;
        if whole == 0 || point {
            return self.real().map(Object::Real);
        }
        self.integer().map(Object::Integer)
    }

    /// Whether the digits here are followed by the white space or comment that must come
    /// before a reference's generation number; most numbers in content are not.
    fn may_be_reference(&self) -> bool {
        let rest = self.rest();
        let end = rest.iter().position(|c| !c.is_ascii_digit()).unwrap_or(rest.len());
        rest.get(end).is_some_and(|&c| is_white(c) || c == b'%')
    }

    /// An indirect reference `n g R`.
    fn reference(&mut self) -> Option<Object> {
        let id = self.unsigned::<u32>()?;
        self.skip_space();
        let generation = self.unsigned::<u16>()?;
        self.skip_space();
        self.eat(b"R").then_some(Object::Reference((id, generation)))
    }

    fn unsigned<T: TryFrom<u64>>(&mut self) -> Option<T> {
        let start = self.pos;
        if self.digits() == 0 {
            return None;
        }
        let v = self.data[start..self.pos].iter().try_fold(0u64, |v, &d| v.checked_mul(10)?.checked_add(u64::from(d - b'0')))?;
        T::try_from(v).ok()
    }

    /// An inline image after `BI`: its dictionary, `ID`, the data and `EI`, all skipped.
    fn inline_image(&mut self) -> Result<(), Unreadable> {
        let dict = self.dictionary_entries(MAX_NESTING)?;
        if !self.eat(b"ID") {
            return Err(Unreadable);
        }
        if !self.eol() && self.peek().is_some_and(is_white) {
            self.pos += 1;
        }
        match image_length(&dict).filter(|&n| n <= self.rest().len()) {
            Some(n) => {
                self.pos += n;
                self.skip_white();
                if !self.eat(b"EI") {
                    return Err(Unreadable);
                }
                self.skip_white();
                Ok(())
            }
            None => {
                let bytes = self.rest();
                let at = bytes
                    .windows(3)
                    .enumerate()
                    .find(|&(i, w)| is_white(w[0]) && w[1..] == *b"EI" && bytes.get(i + 3).is_none_or(|&c| is_white(c)))
                    .map(|(i, _)| i)
                    .ok_or(Unreadable)?;
                self.pos += at + 3;
                self.skip_white();
                Ok(())
            }
        }
    }
}

/// The byte length of an unfiltered inline image from its dictionary, as lopdf works it out.
fn image_length(d: &Dictionary) -> Option<usize> {
    let get = |short: &[u8], long: &[u8]| d.get(short).or_else(|_| d.get(long)).ok();
    let size = |short: &[u8], long: &[u8]| get(short, long).and_then(|o| o.as_i64().ok()).and_then(|v| usize::try_from(v).ok());
    let width = size(b"W", b"Width")?;
    let height = size(b"H", b"Height")?;
    let mask = get(b"IM", b"ImageMask").and_then(|o| o.as_bool().ok()) == Some(true);
    let bpc = match get(b"BPC", b"BitsPerComponent") {
        None if mask => 1,
        _ => size(b"BPC", b"BitsPerComponent")?,
    };
    let colors = if mask {
        1
    } else {
        match get(b"CS", b"ColorSpace")? {
            Object::Array(a) if matches!(a.first().map(Object::as_name), Some(Ok(b"Indexed" | b"I"))) => 1,
            cs => match cs.as_name().ok()? {
                b"DeviceGray" | b"G" | b"Gray" => 1,
                b"DeviceRGB" | b"RGB" => 3,
                b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK" => 4,
                _ => return None,
            },
        }
    };
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    bpc.checked_mul(colors).and_then(|b| width.checked_mul(b)).and_then(|bits| bits.div_ceil(8).checked_mul(height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::Content;

    /// The operations as lopdf reads them, inline images without their data (read, not kept).
    fn lopdf_ops(data: &[u8]) -> Option<Vec<(String, Vec<Object>)>> {
        let c = Content::decode(data).ok()?;
        Some(c.operations.into_iter().map(|o| {
            let operands = o.operands.into_iter().filter(|x| !matches!(x, Object::Stream(_))).collect();
            (o.operator, operands)
        }).collect())
    }

    fn our_ops(data: &[u8]) -> Option<Vec<(String, Vec<Object>)>> {
        let mut r = OpReader::new(data);
        let mut out = Vec::new();
        while let Some(op) = r.next_op().ok()? {
            out.push((String::from_utf8_lossy(op).into_owned(), r.operands().to_vec()));
        }
        Some(out)
    }

    fn same_as_lopdf(data: &[u8]) {
        let (a, b) = (lopdf_ops(data), our_ops(data));
        assert!(a == b, "{:?}\nlopdf: {a:?}\nours:  {b:?}", String::from_utf8_lossy(data));
    }

    #[test]
    fn operators_and_operands_read_as_lopdf_reads_them() {
        for s in [
            "BT /F1 9.5 Tf 1 0 0 1 72.5 700 Tm (Hello \\(world\\)\\101\\n) Tj ET",
            "q 1 0 0 -1 0 792 cm [(A) -250.5 (B) 120 0 (C)] TJ Q",
            "% comment\n  BT /F#201 12 Tf <48 65 6c6c 6f> Tj <4> Tj T* (a\r\nb) ' 1 2 (c) \" ET",
            "/Span << /ActualText (fi) /MCID 3 >> BDC EMC /P <</MCID 0>> BDC EMC",
            "1.5-3 0.00-4142502 -.5 +2 .25 w 5. 6 d0 f* B*",
            "[1 0 R [2 [3]] << /K [true false null] >> ] TJ",
            "(nested (paren (deep)) \\\nline) Tj (unterminated",
            "1 2 %c\n 3 re",
            "BI /W 2 /H 1 /BPC 8 /CS /G ID \x00E EI Q",
            "BI /W 4 /H 4 /F /AHx ID 0123 EI q",
            "q Q 99999999999999999999 Tz (x) Tj",
            "BT (\\0053\\5) Tj ET #bad",
            "",
        ] {
            same_as_lopdf(s.as_bytes());
        }
    }

    #[test]
    fn broken_inline_image_and_deep_nesting_fail_like_lopdf() {
        for s in ["q BI /W 2 ID xx".to_string(), "[".repeat(150) + "] TJ"] {
            assert!(lopdf_ops(s.as_bytes()).is_none());
            assert!(our_ops(s.as_bytes()).is_none());
        }
    }

    #[test]
    fn every_truncation_of_a_stream_reads_as_lopdf_reads_it() {
        let s = b"BT /F1 10 Tf [(Hi) -20 <0041>] TJ /Span << /ActualText (\\(x\\)) >> BDC (y) Tj EMC 0.5 -1.5 Td ET";
        for end in 0..=s.len() {
            same_as_lopdf(&s[..end]);
        }
    }

    #[test]
    fn random_token_soup_reads_as_lopdf_reads_it() {
        const PIECES: &[&str] = &[
            " ", "\n", "\r", "%c\n", "%", "1", "-2", ".5", "3.", "0.0-1", "1 0 R", "/N", "/#41", "#", "(", ")", "\\", "\\1",
            "<", ">", "<<", ">>", "[", "]", "4F", "Tj", "TJ", "BT", "ET", "BDC", "BI", "ID", "EI", "/W 1 /H 1 /BPC 8 /CS /G",
            "true", "false", "null", "n", "f*", "'", "\"", "{", "\0",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let n = (next() % 12) as usize;
            let s: String = (0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            same_as_lopdf(s.as_bytes());
        }
    }

    /// Compares with lopdf on every page and form of the dev corpus, when it is beside the project.
    #[test]
    fn dev_corpus_streams_read_as_lopdf_reads_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
        if !dir.is_dir() {
            assert!(std::env::var_os("CI").is_none(), "the dev corpus must be present in CI");
            return;
        }
        let mut n = 0;
        for e in std::fs::read_dir(&dir).expect("corpus").flatten() {
            if e.path().extension().is_none_or(|x| x != "pdf") {
                continue;
            }
            let doc = lopdf::Document::load(e.path()).expect("load");
            for (_, id) in doc.get_pages() {
                let data = doc.get_page_content(id);
                same_as_lopdf(&data);
                n += 1;
            }
            for o in doc.objects.values() {
                if let Ok(s) = o.as_stream() {
                    if s.dict.get(b"Subtype").and_then(|o| o.as_name()).is_ok_and(|n| n == b"Form") {
                        if let Ok(data) = s.decompressed_content() {
                            same_as_lopdf(&data);
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 0);
    }
}
