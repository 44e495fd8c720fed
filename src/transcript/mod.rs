//! Reading replies to score from transcripts: JSONL, JSON documents, CSV/TSV and
//! plain text.
//!
//! This is the input side of `eqscore score`. An input is streamed
//! ([`read_source`]): line by line for JSONL and text, element by element for a
//! JSON array, row by row for CSV, so memory stays flat however long the file.
//! Each reply is handed to a [`ReplySink`] as a [`ReplyItem`] that knows its file
//! and line; so is each record that cannot be read, and the sink decides whether
//! to stop (the default) or skip it (`--keep-going`). What kind of input a file
//! is comes from its extension and first bytes ([`detect_kind`]).
//! docs/input.md has an example of every shape.
//!
//! # JSONL records
//!
//! One JSON object per line; blank lines are skipped. The record's id is the
//! first of `custom_id`, `id`, `conversation_id` that is present and not `null`:
//! a string, or an integer kept as its decimal text. The shapes:
//!
//! - **Single reply**: `{"context"|"prompt"|"input"?, "reply"|"response"|"output"|"completion"}`
//!   gives one item with `turn: None`. The context and reply are strings.
//! - **Chat**: `{"messages": [{"role", "content"}, ...]}` (OpenAI, Anthropic
//!   request bodies, whose top-level `system` is ignored) or ShareGPT's
//!   `{"conversations": [{"from", "value"}, ...]}` gives one item per message in
//!   the scored role ([`ReadOptions::role`], `assistant`), with `turn` its index in
//!   the list and `context` the text of the [`ReadOptions::context_turns`] (1)
//!   nearest earlier `user` messages joined with `"\n"`. ShareGPT's `human` is
//!   `user` and `gpt` is `assistant` (so is Gemini's `model`). Every message needs
//!   a role and a content; content is a string, a list of parts of which the
//!   `{"type": "text"|"input_text"|"output_text", "text"}` ones are joined with
//!   `"\n"` (images, tool calls and other parts are skipped), or `null` for a turn
//!   with no text, which is not scored. A record with no message in the scored
//!   role yields nothing and is not an error.
//! - **OpenAI chat completion**: `{"choices": [{"message": {"content"}}]}` gives
//!   one item per choice with text (legacy `{"text"}` choices too). In a log line
//!   that also has the request's `messages`, the turn is the number of messages
//!   and the context their last user turns; without them there is no turn.
//! - **Request/response pair**: `{"request": {"messages"}?, "response": {...}}`
//!   where the response is a chat completion (above) or an Anthropic message
//!   `{"role": "assistant", "content": [...]}`; a `body` inside either is looked
//!   into, which covers the **OpenAI batch output** `{"custom_id", "response":
//!   {"status_code", "body": {"choices"}}, "error"}`. The batch output does not
//!   contain the request, so its replies have no context: join the batch input
//!   with the output yourself (by `custom_id`) into chat records if the context
//!   matters. A line whose `error` is an object, or whose body is an error, is a
//!   bad record: `the request failed: code: message`.
//! - **Anthropic message**: `{"role": "assistant", "content": [...]}` alone gives
//!   one item with no turn (nothing when the role is not the scored one).
//!
//! A context field (`context`, `prompt`, `input`) that is `null` counts as absent
//! and may also give the context of a response record that has no request. Other
//! fields are ignored. A reply that is empty, or only whitespace and invisible
//! characters (zero-width spaces, soft hyphens, bidi controls), is an error
//! rather than a silent zero score, and so is a record with two reply fields
//! (`"reply"` and `"response"`, or either and `"messages"`) or two context fields.
//!
//! # JSON documents
//!
//! A `.json` file that starts with `[` is an array of the records above; one that
//! starts with `{` alone on its first line is one pretty-printed record (other
//! `.json` files are read as JSONL). Each element's line is the line it starts on.
//! An empty array has no replies. A bad element is a bad record and reading goes
//! on with the next; a syntax error ends the file.
//!
//! # CSV and TSV
//!
//! A header row, then one reply per row; see [`Columns`] for which columns are
//! read. Quoting is RFC 4180's (also in TSV), so a quoted cell may span lines; a
//! reply's line is the line its row starts on. A row with another number of
//! cells than the header, an empty reply cell or invalid UTF-8 in a cell read is
//! a bad record.
//!
//! # Text
//!
//! The whole file is one reply on line 1, without its trailing line breaks; with
//! [`ReadOptions::lines`] each non-blank line is one reply. A text input with no
//! visible characters is an error.
//!
//! # Limits and bad input
//!
//! A UTF-8 byte order mark at the start and `"\r\n"` line ends are accepted. An
//! empty input (of any kind) and a binary one (a NUL byte in the first 8 KiB, which
//! also catches UTF-16) are errors for the whole input. A line that is not UTF-8 is
//! a bad record. A reply over [`ReadOptions::max_reply_bytes`] (1 MiB) is a bad
//! record, or, with [`LongReplies::Truncate`], cut short and marked
//! [`ReplyItem::truncated`]: never silently. A line (JSONL, text) is kept in
//! memory up to [`ReadOptions::max_line_bytes`] (16 times the reply limit); a
//! longer one is a bad record, read to its end without being kept. A JSON
//! document's element or a CSV row over that limit ends its file as a bad
//! record, since the parser cannot find the next one.
//!
//! # Errors
//!
//! All are [`ErrorKind::Input`](crate::error::ErrorKind::Input) (read failures are
//! [`ErrorKind::Io`](crate::error::ErrorKind::Io)), one line, location first:
//!
//! ```text
//! path:line:col: invalid JSON: expected value
//! path:line: invalid JSON: trailing characters        (JSON documents: no column)
//! path:line: expected a JSON object, found an array
//! path:line: no reply found: expected one of "reply", "response", "output", "completion", "messages", "conversations", "choices" or "content"
//! path:line: ambiguous record: both "reply" and "response" are present
//! path:line: field "reply" must be a string, found a number
//! path:line: field "id" must be a string or an integer, found a boolean
//! path:line: field "reply" is empty
//! path:line: field "messages[2].role" is missing
//! path:line: field "messages[2].content[0].text" must be a string, found null
//! path:line: field "choices[0].message" is missing
//! path:line: the request failed: rate_limit_exceeded: Too many requests
//! path:line: reply is 2000000 bytes, over the limit of 1048576 bytes
//! path:line: the row has 2 fields, the header has 3
//! path:line: column "reply" is empty
//! path:1: no reply column: expected one of "reply", "response", "output" or "completion" in the header, ...
//! path:1: no column "answer" in the header ("id", "reply")
//! path:line: invalid UTF-8
//! path: no reply: the file is empty
//! path: binary file (a NUL byte at offset 8), not read
//! path: cannot read: <reason>
//! ```

mod budget;
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
    /// Whether the reply was longer than [`ReadOptions::max_reply_bytes`] and
    /// is only its first part ([`LongReplies::Truncate`]).
    pub truncated: bool,
}

/// What to do with a reply longer than [`ReadOptions::max_reply_bytes`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LongReplies {
    /// It is a bad record (the default).
    #[default]
    Reject,
    /// It is cut to at most the limit, at the last line break or sentence end
    /// in the second half of the limit if there is one, else at the last
    /// character boundary, and marked [`ReplyItem::truncated`].
    Truncate,
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
    /// A reply longer than this many bytes is a bad record, or cut short
    /// (see [`long_replies`](ReadOptions::long_replies)). Default 1 MiB.
    pub max_reply_bytes: usize,
    /// What to do with a reply over [`max_reply_bytes`](ReadOptions::max_reply_bytes).
    /// Default [`LongReplies::Reject`].
    pub long_replies: LongReplies,
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
            long_replies: LongReplies::Reject,
            columns: Columns::default(),
        }
    }
}

/// The default of [`ReadOptions::max_reply_bytes`]: 1 MiB.
pub const DEFAULT_MAX_REPLY_BYTES: usize = 1 << 20;

/// How many times [`ReadOptions::max_reply_bytes`] a line of JSONL or text
/// may be: room for the context, the id, other turns of a chat and JSON
/// escapes (`\u00e9` is six bytes for two).
pub const LINE_BYTES_PER_REPLY_BYTE: usize = 16;

/// The shortest line limit, whatever the reply limit: 64 KiB.
pub const MIN_MAX_LINE_BYTES: usize = 1 << 16;

impl ReadOptions {
    /// The longest line of JSONL or text read, in bytes without its line
    /// break: [`LINE_BYTES_PER_REPLY_BYTE`] times
    /// [`max_reply_bytes`](ReadOptions::max_reply_bytes), at least
    /// [`MIN_MAX_LINE_BYTES`]; 16 MiB by default. A longer line is a bad
    /// record, read to its end without being held in memory.
    pub fn max_line_bytes(&self) -> usize {
        self.max_reply_bytes
            .saturating_mul(LINE_BYTES_PER_REPLY_BYTE)
            .max(MIN_MAX_LINE_BYTES)
    }
}

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

/// Cuts `reply` to at most `limit` bytes: at the end of the last line or
/// sentence (`\n`, `. `, `! `, `? `, `。`, `！`, `？`) that leaves at least half
/// of the limit, else at the last character boundary within it.
pub(crate) fn truncate_reply(reply: &mut String, limit: usize) {
    if reply.len() <= limit {
        return;
    }
    let mut cut = limit;
    while !reply.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = reply.get(..cut).unwrap_or_default();
    let sentence_end = head
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i >= limit / 2)
        .find(|&(i, c)| {
            let next = head
                .get(i + c.len_utf8()..)
                .and_then(|rest| rest.chars().next());
            matches!(c, '\n' | '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?') && next.is_some_and(char::is_whitespace))
        });
    if let Some((i, c)) = sentence_end {
        cut = i + c.len_utf8();
    }
    reply.truncate(cut);
}

#[cfg(test)]
mod tests {
    use super::truncate_reply;

    fn truncated(reply: &str, limit: usize) -> String {
        let mut reply = reply.to_owned();
        truncate_reply(&mut reply, limit);
        assert!(reply.len() <= limit);
        reply
    }

    #[test]
    fn a_long_reply_is_cut_at_a_sentence_or_line_end_in_the_second_half() {
        assert_eq!(truncated("I hear you. You're an idiot.", 20), "I hear you.");
        assert_eq!(truncated("line one\nline two and more", 15), "line one\n");
        assert_eq!(truncated("我听到了。你真是个笨蛋", 20), "我听到了。");
        // No sentence end in the second half: the last char boundary.
        assert_eq!(truncated("Hi. abcdefghijklmnop", 10), "Hi. abcdef");
        assert_eq!(truncated("é".repeat(10).as_str(), 5), "éé");
        assert_eq!(
            truncated("e.g.x", 4),
            "e.g.",
            "no white space after the dot"
        );
        assert_eq!(truncated("short", 5), "short");
    }

    use super::*;

    #[test]
    fn default_options_score_the_assistant_one_reply_per_text() {
        let opts = ReadOptions::default();
        assert_eq!((opts.role.as_str(), opts.lines), ("assistant", false));
        assert_eq!((opts.context_turns, opts.max_reply_bytes), (1, 1 << 20));
    }
}
