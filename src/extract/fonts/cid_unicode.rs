//! CID -> Unicode for the Adobe CJK character collections (Japan1, GB1, CNS1, Korea1),
//! for CID fonts that carry neither a ToUnicode CMap nor a program that names its glyphs.
//!
//! The tables are generated from Adobe's cmap-resources by `cid/generate.py` and shipped
//! compressed (about 90 KB for all four); each is inflated on the first CID that needs it.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

/// An Adobe character collection with a shipped table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Collection {
    Japan1,
    Gb1,
    Cns1,
    Korea1,
}

impl Collection {
    /// The collection of a CIDSystemInfo's Registry and Ordering, if a table is shipped for it.
    pub fn from_system_info(registry: &str, ordering: &str) -> Option<Collection> {
        if registry != "Adobe" {
            return None;
        }
        match ordering {
            "Japan1" => Some(Collection::Japan1),
            "GB1" => Some(Collection::Gb1),
            "CNS1" => Some(Collection::Cns1),
            "Korea1" => Some(Collection::Korea1),
            _ => None,
        }
    }

    /// The character of a CID in this collection.
    pub fn char(self, cid: u32) -> Option<char> {
        static TABLES: [OnceLock<HashMap<u32, char>>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let (slot, data): (usize, &[u8]) = match self {
            Collection::Japan1 => (0, include_bytes!("cid/Japan1.bin")),
            Collection::Gb1 => (1, include_bytes!("cid/GB1.bin")),
            Collection::Cns1 => (2, include_bytes!("cid/CNS1.bin")),
            Collection::Korea1 => (3, include_bytes!("cid/Korea1.bin")),
        };
        TABLES[slot].get_or_init(|| inflate_table(data)).get(&cid).copied()
    }
}

/// Decodes a table: zlib of (CID delta, zigzag code point delta) varint pairs.
fn inflate_table(data: &[u8]) -> HashMap<u32, char> {
    let mut raw = Vec::new();
    if flate2::read::ZlibDecoder::new(data).read_to_end(&mut raw).is_err() {
        return HashMap::new();
    }
    let mut bytes = raw.into_iter();
    let mut next = || -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = bytes.next()?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    };
    let (mut cid, mut cp) = (0i64, 0i64);
    let mut table = HashMap::new();
    while let (Some(dc), Some(z)) = (next(), next()) {
        cid += dc as i64;
        cp += if z & 1 == 1 { -((z >> 1) as i64) - 1 } else { (z >> 1) as i64 };
        if let (Ok(c), Some(ch)) = (u32::try_from(cid), u32::try_from(cp).ok().and_then(char::from_u32)) {
            table.insert(c, ch);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_collection_maps_known_cids() {
        // Values from the CMaps: U+3042 -> 843, U+4E9C -> 1125 (Japan1); U+4E2D in each
        // collection; U+AC00 -> 1086 (Korea1).
        assert_eq!(Collection::Japan1.char(1), Some(' '));
        assert_eq!(Collection::Japan1.char(843), Some('あ'));
        assert_eq!(Collection::Japan1.char(1125), Some('亜'));
        assert_eq!(Collection::Japan1.char(2980), Some('中'));
        assert_eq!(Collection::Gb1.char(4559), Some('中'));
        assert_eq!(Collection::Cns1.char(661), Some('中'));
        assert_eq!(Collection::Korea1.char(6922), Some('中'));
        assert_eq!(Collection::Korea1.char(1086), Some('가'));
        assert_eq!(Collection::Gb1.char(34), Some('A'));
        // A CID shared by a radical and an ideograph reads as the ideograph (U+2ED8 and
        // U+9752 -> 2664); a vertical form as what it shows (U+FE35 -> 7899).
        assert_eq!(Collection::Japan1.char(2664), Some('青'));
        assert_eq!(Collection::Japan1.char(7899), Some('('));
        assert_eq!(Collection::from_system_info("Adobe", "Identity"), None);
    }
}
