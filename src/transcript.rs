//! Reading replies to score from transcripts: JSONL records and plain text.
//!
//! (stub: being written)

use std::sync::Arc;

/// Where a reply came from: a file (or `<stdin>`, `<text>`) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The path as the user gave it, `<stdin>` or `<text>`.
    pub path: Arc<str>,
    /// 1-based line of the record in that file.
    pub line: u64,
}

/// One reply to score, with its context and provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyItem {
    /// The record's own id (`id` field, string or number), if it has one.
    pub id: Option<String>,
    /// File and line.
    pub source: Source,
    /// Index of the scored message within `messages`; `None` for single-reply records.
    pub turn: Option<usize>,
    /// The user's message the reply answers, if known.
    pub context: Option<String>,
    /// The reply text.
    pub reply: String,
}
