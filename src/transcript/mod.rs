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

mod fields;
mod jsonl;
mod messages;
mod read;
mod single;
#[cfg(test)]
mod testing;

use std::path::Path;
use std::sync::Arc;

pub use jsonl::parse_jsonl_line;
pub(crate) use read::LineReader;
pub use read::read_source;

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

/// How to read replies out of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// In a `messages` record, the role whose messages are scored. Default `assistant`.
    pub role: String,
    /// Text input holds one reply per line instead of one reply. Default `false`.
    /// JSONL is always one record per line.
    pub lines: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            role: "assistant".to_owned(),
            lines: false,
        }
    }
}

/// The two kinds of input [`read_source`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One JSON record per line.
    Jsonl,
    /// Plain text: one reply, or one per line.
    Text,
}

/// Decides how to read `path` from its extension, else from its first bytes.
///
/// `.jsonl`, `.ndjson` and `.json` are JSONL; `.txt` and `.md` are text (any
/// case). Other paths, and `-` for stdin, are sniffed: JSONL if the first byte
/// that is not whitespace (after a byte order mark) is `{` or `[`, text otherwise. Pass
/// the reader's first buffer (`BufRead::fill_buf`) so nothing is consumed.
pub fn detect_kind(path: &str, first_bytes: &[u8]) -> InputKind {
    let extension = Path::new(path).extension().and_then(|ext| ext.to_str());
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("jsonl" | "ndjson" | "json") => InputKind::Jsonl,
        Some("txt" | "md") => InputKind::Text,
        _ => sniff_kind(first_bytes),
    }
}

/// JSONL if the first non-whitespace byte is `{` or `[`, text otherwise.
fn sniff_kind(bytes: &[u8]) -> InputKind {
    let bytes = bytes.strip_prefix(read::BOM).unwrap_or(bytes);
    match bytes.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{' | b'[') => InputKind::Jsonl,
        _ => InputKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_the_kind() {
        let cases = [
            ("a.jsonl", InputKind::Jsonl),
            ("dir.x/a.NDJSON", InputKind::Jsonl),
            ("a.json", InputKind::Jsonl),
            ("a.txt", InputKind::Text),
            ("a.Md", InputKind::Text),
        ];
        for (path, want) in cases {
            // The content points the other way; the extension wins.
            let content: &[u8] = if want == InputKind::Text {
                b"{}"
            } else {
                b"hello"
            };
            assert_eq!(detect_kind(path, content), want, "{path}");
        }
    }

    #[test]
    fn stdin_and_unknown_extensions_are_sniffed() {
        let cases: [(&[u8], InputKind); 6] = [
            (b"{\"reply\": \"x\"}", InputKind::Jsonl),
            (b"\xEF\xBB\xBF \r\n\t{", InputKind::Jsonl),
            (b"I'm sorry {", InputKind::Text),
            (b"[{}]", InputKind::Jsonl),
            (b"  ", InputKind::Text),
            (b"", InputKind::Text),
        ];
        for (bytes, want) in cases {
            assert_eq!(detect_kind("-", bytes), want, "{bytes:?}");
            assert_eq!(detect_kind("replies.log", bytes), want, "{bytes:?}");
            assert_eq!(detect_kind("README", bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn default_options_score_the_assistant_one_reply_per_text() {
        let opts = ReadOptions::default();
        assert_eq!((opts.role.as_str(), opts.lines), ("assistant", false));
    }
}
