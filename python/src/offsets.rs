//! Byte offsets (what the Rust scorer reports) to Python string indices.
//!
//! Python indexes a `str` by code point, so `reply[start:end]` needs
//! character counts. One pass over the reply converts every offset of a
//! result: the offsets are sorted once and the text between two neighbours
//! is counted once, never from the start for each span.

/// Maps the byte offsets of one reply to code-point indices.
pub struct CharIndex {
    /// `(byte offset, code-point index)`, sorted by byte offset; empty when
    /// the reply is ASCII and both are the same.
    table: Vec<(usize, usize)>,
}

impl CharIndex {
    /// An index for `offsets` (any order, repeats allowed) into `reply`.
    pub fn new(reply: &str, mut offsets: Vec<usize>) -> CharIndex {
        if reply.is_ascii() {
            return CharIndex { table: Vec::new() };
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        let (mut byte, mut chars) = (0, 0);
        for offset in offsets {
            chars += reply.get(byte..offset).map_or(0, |s| s.chars().count());
            byte = offset;
            table.push((offset, chars));
        }
        CharIndex { table }
    }

    /// The code-point index of `offset`, which must be one given to [`new`](CharIndex::new).
    pub fn get(&self, offset: usize) -> usize {
        if self.table.is_empty() {
            return offset;
        }
        match self.table.binary_search_by_key(&offset, |&(byte, _)| byte) {
            Ok(i) => self.table[i].1,
            Err(_) => offset,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CharIndex;

    #[test]
    fn ascii_is_identity() {
        let index = CharIndex::new("abc def", vec![4, 7]);
        assert_eq!((index.get(4), index.get(7)), (4, 7));
    }

    #[test]
    fn counts_code_points_not_bytes() {
        // "你好" is 6 bytes, "😀" 4 bytes and one code point.
        let reply = "你好😀 sad";
        let index = CharIndex::new(reply, vec![10, 6, 14, 11, 0]);
        assert_eq!(index.get(0), 0);
        assert_eq!(index.get(6), 2);
        assert_eq!(index.get(10), 3);
        assert_eq!(index.get(11), 4);
        assert_eq!(index.get(14), 7);
    }
}
