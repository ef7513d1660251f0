//! Names held inline in fixed-size arrays, for large static tables.
//!
//! A table of `&str` is a table of pointers, each fixed up by the loader every time the
//! program starts (the glyph list and the standard 14 metrics were a third of quire's
//! relocations); a table of inline names is plain read-only data, paged in as it is read.

/// A string of at most `N` bytes, stored inline.
#[derive(Clone, Copy)]
pub(super) struct Name<const N: usize> {
    len: u8,
    bytes: [u8; N],
}

impl<const N: usize> std::fmt::Debug for Name<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl<const N: usize> Name<N> {
    /// `s` inline; fails to compile (in a constant) when it is longer than `N` bytes.
    const fn new(s: &str) -> Name<N> {
        let b = s.as_bytes();
        assert!(b.len() <= N && N < 256, "name too long for its table");
        let mut bytes = [0u8; N];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        Name { len: b.len() as u8, bytes }
    }

    /// The bytes of the string.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The string; always valid UTF-8, as it was copied whole from a `&str`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

/// A table of (name, text) pairs with both held inline.
pub(super) const fn pairs<const A: usize, const B: usize, const L: usize>(src: &[(&str, &str)]) -> [(Name<A>, Name<B>); L] {
    assert!(src.len() == L);
    let mut out = [(Name { len: 0, bytes: [0; A] }, Name { len: 0, bytes: [0; B] }); L];
    let mut i = 0;
    while i < L {
        out[i] = (Name::new(src[i].0), Name::new(src[i].1));
        i += 1;
    }
    out
}

/// A table of (name, value) pairs with the names held inline.
pub(super) const fn keyed<const A: usize, const L: usize>(src: &[(&str, u16)]) -> [(Name<A>, u16); L] {
    assert!(src.len() == L);
    let mut out = [(Name { len: 0, bytes: [0; A] }, 0); L];
    let mut i = 0;
    while i < L {
        out[i] = (Name::new(src[i].0), src[i].1);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_written() {
        const T: [(Name<8>, Name<4>); 2] = pairs(&[("A", "A"), ("Aacute", "\u{c1}")]);
        assert_eq!((T[1].0.as_str(), T[1].1.as_str()), ("Aacute", "\u{c1}"));
        const K: [(Name<4>, u16); 1] = keyed(&[("fi", 556)]);
        assert_eq!((K[0].0.as_bytes(), K[0].1), (&b"fi"[..], 556));
    }
}
