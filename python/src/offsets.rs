//! Byte offsets (what the Rust scorer reports) to Python string indices.
//!
//! Python indexes a `str` by code point, so `reply[start:end]` needs
//! character counts. One pass over the reply converts every offset of a
//! result: the offsets are sorted once and the text between two neighbours
//! is counted once, never from the start for each span. Tested from Python
//! (`tests/test_api.py`): a cdylib built for an extension module cannot link
//! a Rust test binary.

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
