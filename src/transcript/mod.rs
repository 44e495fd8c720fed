//! Reading replies to score from transcripts: JSONL records and plain text.
//!
//! This is the input side of `eqscore score`. A file is streamed line by line
//! ([`read_source`]) and each reply is handed on as a [`ReplyItem`] that knows its
//! file and line. What kind of file it is comes from its extension or, failing
//! that, its first byte ([`detect_kind`]).
//!
//! # Format
//!
//! **JSONL**: one JSON object per line; blank lines are skipped. Two shapes:
//!
//! - Single reply: `{"id"?, "context"|"prompt"|"input"?, "reply"|"response"|"output"|"completion"}`
//!   gives one item with `turn: None`. The context and reply are strings.
//! - Chat: `{"id"?, "messages": [{"role", "content"}, ...]}` gives one item per
//!   message whose role is [`ReadOptions::role`] (`assistant`), with `turn` its
//!   index in `messages` and `context` the text of the nearest earlier `user`
//!   message. Every message needs `role` and `content`; `content` is a string, a
//!   list of parts of which the `{"type": "text", "text": ...}` ones are joined
//!   with `"\n"` (images and other parts are skipped), or `null` for a turn with
//!   no text, which is not scored. A record with no message in that role (only
//!   user turns, say) yields nothing and is not an error.
//!
//! In both, `id` is a string or an integer (kept as its decimal text), `null` for
//! `id` or a context field counts as absent, and other fields are ignored. A
//! reply that is empty or only whitespace is an error rather than a silent zero
//! score, and so is a record with two reply fields (`"reply"` and `"response"`,
//! or either and `"messages"`) or two context fields.
//!
//! **Text**: the whole file is one reply on line 1, without its trailing line
//! breaks; with [`ReadOptions::lines`] each non-blank line is one reply. A text
//! input with no visible characters is an error.
//!
//! In both kinds a UTF-8 byte order mark at the start and `"\r\n"` line ends are
//! accepted; other invalid UTF-8 is an error naming the line.
//!
//! # Errors
//!
//! All are [`ErrorKind::Input`](crate::error::ErrorKind::Input) (read failures are
//! [`ErrorKind::Io`](crate::error::ErrorKind::Io)), one line, location first:
//!
//! ```text
//! path:line:col: invalid JSON: expected value
//! path:line: expected a JSON object, found an array
//! path:line: no reply found: expected one of "reply", "response", "output", "completion" or "messages"
//! path:line: ambiguous record: both "reply" and "response" are present
//! path:line: field "reply" must be a string, found a number
//! path:line: field "id" must be a string or an integer, found a boolean
//! path:line: field "reply" is empty
//! path:line: field "messages[2].role" is missing
//! path:line: field "messages[2].content[0].text" must be a string, found null
//! path:line: invalid UTF-8
//! path: no reply: the file is empty
//! path: cannot read: <reason>
//! ```

mod detect;
mod document;
mod fields;
mod jsonl;
mod messages;
mod read;
mod response;
mod single;
mod table;
#[cfg(test)]
mod testing;

use std::sync::Arc;

pub use detect::detect_kind;
pub use jsonl::parse_jsonl_line;
pub(crate) use read::LineReader;
pub use read::{ReplySink, read_source};

use crate::error::Result;

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
    /// The record's own id (`custom_id`, `id` or `conversation_id`), if it has one.
    pub id: Option<String>,
    /// File and line.
    pub source: Source,
    /// Index of the scored message within `messages` (or `conversations`); `None`
    /// for single-reply records and rows.
    pub turn: Option<usize>,
    /// The user's message(s) the reply answers, if known.
    pub context: Option<String>,
    /// The reply text.
    pub reply: String,
}

/// How to read replies out of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// In a chat record, the role whose messages are scored. Default `assistant`.
    pub role: String,
    /// Text input holds one reply per line instead of one reply. Default `false`.
    /// JSONL is always one record per line.
    pub lines: bool,
    /// How many earlier user turns form a chat reply's context, joined with
    /// `"\n"`. Default 1; 0 gives no context.
    pub context_turns: usize,
    /// A reply longer than this many bytes is a bad record. Default 1 MiB.
    pub max_reply_bytes: usize,
    /// The CSV/TSV columns to read.
    pub columns: Columns,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            role: "assistant".to_owned(),
            lines: false,
            context_turns: 1,
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
            columns: Columns::default(),
        }
    }
}

/// The default of [`ReadOptions::max_reply_bytes`]: 1 MiB.
pub const DEFAULT_MAX_REPLY_BYTES: usize = 1 << 20;

/// Column names of a CSV/TSV input; `None` picks the first header among the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The reply column; default the first of `reply`, `response`, `output`, `completion`.
    pub reply: Option<String>,
    /// The context column; default the first of `context`, `prompt`, `input`, if any.
    pub context: Option<String>,
    /// The id column; default the first of `id`, `custom_id`, `conversation_id`, if any.
    pub id: Option<String>,
}

/// The kinds of input [`read_source`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One JSON record per line.
    Jsonl,
    /// One JSON document: an array of records, or one record.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Plain text: one reply, or one per line.
    Text,
}

/// Keeps the items whose reply fits `limit`; an item over it is an error.
pub(crate) fn check_reply_size(item: &ReplyItem, limit: usize) -> Result<()> {
    let len = item.reply.len();
    if len <= limit {
        return Ok(());
    }
    let message = format!(
        "{}:{}: reply is {len} bytes, over the limit of {limit} bytes",
        item.source.path, item.source.line
    );
    Err(crate::error::Error::new(
        crate::error::ErrorKind::Input,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_score_the_assistant_one_reply_per_text() {
        let opts = ReadOptions::default();
        assert_eq!((opts.role.as_str(), opts.lines), ("assistant", false));
        assert_eq!((opts.context_turns, opts.max_reply_bytes), (1, 1 << 20));
    }
}
