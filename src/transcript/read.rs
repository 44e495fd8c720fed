//! Streaming a transcript file line by line into reply items.
//!
//! Lines are read as bytes with `read_until(b'\n')`, so a JSONL file is never held
//! in memory whole and bad UTF-8 is reported with its line number. A UTF-8 byte
//! order mark at the start and a `"\r"` before each `"\n"` are dropped.

use std::io::BufRead;
use std::sync::Arc;

use super::{InputKind, ReadOptions, ReplyItem, Source, parse_jsonl_line};
use crate::error::{Error, ErrorKind, Result, one_line};

/// The UTF-8 byte order mark some editors put at the start of a file.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads replies from `reader` and calls `each` with every one, in file order.
///
/// `path` names the input in error messages and in each item's [`Source`] (the
/// caller passes `<stdin>` for standard input). JSONL is read one record per line
/// (see [`parse_jsonl_line`]); text is one reply, or with `opts.lines` one reply
/// per non-blank line. Reading stops at the first error, including one returned
/// by `each`.
///
/// # Errors
///
/// - [`ErrorKind::Input`]: a bad record, `path:line: invalid UTF-8`, or, for text
///   with no visible characters, `path: no reply: the file is empty`.
/// - [`ErrorKind::Io`]: reading failed, `path: cannot read: <reason>`.
/// - Whatever `each` returns.
pub fn read_source<R: BufRead>(
    reader: R,
    path: &Arc<str>,
    kind: InputKind,
    opts: &ReadOptions,
    mut each: impl FnMut(ReplyItem) -> Result<()>,
) -> Result<()> {
    let mut lines = LineReader::new(reader, path);
    match kind {
        InputKind::Jsonl => read_jsonl(&mut lines, opts, &mut each),
        InputKind::Text if opts.lines => read_text_lines(&mut lines, &mut each),
        InputKind::Text => read_text_whole(&mut lines, &mut each),
    }
}

/// One record per line.
fn read_jsonl<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    opts: &ReadOptions,
    each: &mut impl FnMut(ReplyItem) -> Result<()>,
) -> Result<()> {
    let path = lines.path;
    let mut items = Vec::new();
    while let Some((line_no, line)) = lines.next_line()? {
        parse_jsonl_line(line, path, line_no, opts, &mut items)?;
        items.drain(..).try_for_each(&mut *each)?;
    }
    Ok(())
}

/// One reply per non-blank line.
fn read_text_lines<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    each: &mut impl FnMut(ReplyItem) -> Result<()>,
) -> Result<()> {
    let path = lines.path;
    let mut found = false;
    while let Some((line_no, line)) = lines.next_line()? {
        if line.trim().is_empty() {
            continue;
        }
        found = true;
        each(text_item(path, line_no, line.to_owned()))?;
    }
    if !found {
        return Err(empty_file(path));
    }
    Ok(())
}

/// The whole input as one reply on line 1, lines joined with `"\n"`, trailing
/// line breaks removed.
fn read_text_whole<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    each: &mut impl FnMut(ReplyItem) -> Result<()>,
) -> Result<()> {
    let mut text = String::new();
    while let Some((_, line)) = lines.next_line()? {
        text.push_str(line);
        text.push('\n');
    }
    text.truncate(text.trim_end_matches('\n').len());
    if text.trim().is_empty() {
        return Err(empty_file(lines.path));
    }
    each(text_item(lines.path, 1, text))
}

/// A reply read from plain text: no id, turn or context.
fn text_item(path: &Arc<str>, line: u64, reply: String) -> ReplyItem {
    let source = Source {
        path: Arc::clone(path),
        line,
    };
    ReplyItem {
        id: None,
        source,
        turn: None,
        context: None,
        reply,
    }
}

/// `path: no reply: the file is empty`.
fn empty_file(path: &str) -> Error {
    Error::new(
        ErrorKind::Input,
        format!("{path}: no reply: the file is empty"),
    )
}

/// Hands out the lines of a reader one at a time, reusing one buffer.
pub(crate) struct LineReader<'p, R> {
    /// The input.
    reader: R,
    /// The input's name, for errors.
    path: &'p Arc<str>,
    /// The bytes of the current line.
    buf: Vec<u8>,
    /// 1-based number of the current line; 0 before the first.
    line_no: u64,
}

impl<'p, R: BufRead> LineReader<'p, R> {
    /// A reader positioned before the first line.
    pub(crate) fn new(reader: R, path: &'p Arc<str>) -> Self {
        LineReader {
            reader,
            path,
            buf: Vec::new(),
            line_no: 0,
        }
    }

    /// The next line's number and text without its line break, or `None` at the end.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buf.clear();
        let read = self.reader.read_until(b'\n', &mut self.buf);
        if read.map_err(|err| self.io_error(&err))? == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        let mut bytes = self.buf.as_slice();
        if self.line_no == 1 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(line) => Ok(Some((self.line_no, line))),
            Err(_) => {
                let message = format!("{}:{}: invalid UTF-8", self.path, self.line_no);
                Err(Error::new(ErrorKind::Input, message))
            }
        }
    }

    /// `path: cannot read: <reason>`.
    fn io_error(&self, err: &std::io::Error) -> Error {
        let message = format!("{}: cannot read: {}", self.path, one_line(&err.to_string()));
        Error::new(ErrorKind::Io, message)
    }
}

#[cfg(test)]
mod tests {
    use std::io::{self, Cursor, Read};

    use super::*;
    use crate::transcript::testing::source;

    /// Every item `input` gives, read as `kind` from `path`, or the error.
    fn read(
        path: &str,
        input: &[u8],
        kind: InputKind,
        opts: &ReadOptions,
    ) -> Result<Vec<ReplyItem>> {
        let mut items = Vec::new();
        read_source(Cursor::new(input), &Arc::from(path), kind, opts, |item| {
            items.push(item);
            Ok(())
        })?;
        Ok(items)
    }

    /// `(line, turn, reply)` of every item of a JSONL input.
    fn jsonl(input: &str) -> Vec<(u64, Option<usize>, String)> {
        let items = read(
            "t.jsonl",
            input.as_bytes(),
            InputKind::Jsonl,
            &ReadOptions::default(),
        );
        let items = items.unwrap_or_else(|err| panic!("{err}"));
        items
            .into_iter()
            .map(|item| (item.source.line, item.turn, item.reply))
            .collect()
    }

    /// `(line, reply)` of every item of a text input.
    fn text(input: &[u8], lines: bool) -> Result<Vec<(u64, String)>> {
        let opts = ReadOptions {
            lines,
            ..ReadOptions::default()
        };
        let items = read("t.txt", input, InputKind::Text, &opts)?;
        Ok(items
            .into_iter()
            .map(|item| (item.source.line, item.reply))
            .collect())
    }

    /// The message of the error reading `input` as `kind` gives.
    fn error(input: &[u8], kind: InputKind, lines: bool) -> String {
        let opts = ReadOptions {
            lines,
            ..ReadOptions::default()
        };
        let path = if kind == InputKind::Jsonl {
            "t.jsonl"
        } else {
            "t.txt"
        };
        read(path, input, kind, &opts)
            .unwrap_err()
            .message()
            .to_owned()
    }

    #[test]
    fn jsonl_streams_every_record_with_its_line() {
        let input = "{\"reply\": \"one\"}\n\n{\"messages\": [{\"role\": \"assistant\", \"content\": \"two\"}, \
                     {\"role\": \"assistant\", \"content\": \"three\"}]}\n{\"output\": \"four\"}";
        let want = [
            (1, None, "one".to_owned()),
            (3, Some(0), "two".to_owned()),
            (3, Some(1), "three".to_owned()),
            (4, None, "four".to_owned()),
        ];
        assert_eq!(jsonl(input), want);
    }

    #[test]
    fn jsonl_items_carry_path_and_context() {
        let input = b"{\"id\": 5, \"prompt\": \"Hi\", \"reply\": \"Hello\"}\n";
        let items = read("<stdin>", input, InputKind::Jsonl, &ReadOptions::default()).unwrap();
        let want = ReplyItem {
            id: Some("5".to_owned()),
            source: source("<stdin>", 1),
            turn: None,
            context: Some("Hi".to_owned()),
            reply: "Hello".to_owned(),
        };
        assert_eq!(items, [want]);
    }

    #[test]
    fn jsonl_with_crlf_lines_and_a_bom() {
        let input = "\u{feff}{\"reply\": \"one\"}\r\n\r\n{\"reply\": \"two\\r\"}\r\n";
        assert_eq!(
            jsonl(input),
            [(1, None, "one".to_owned()), (3, None, "two\r".to_owned())]
        );
    }

    #[test]
    fn an_empty_jsonl_input_yields_nothing() {
        assert_eq!(jsonl(""), []);
        assert_eq!(jsonl("\n \n"), []);
    }

    #[test]
    fn jsonl_stops_at_the_first_bad_line() {
        let input = b"{\"reply\": \"one\"}\n{\"reply\": 2}\n{\"reply\": \"three\"}\n";
        let mut seen = Vec::new();
        let path = Arc::from("t.jsonl");
        let opts = ReadOptions::default();
        let result = read_source(Cursor::new(input), &path, InputKind::Jsonl, &opts, |item| {
            seen.push(item.reply);
            Ok(())
        });
        let want = r#"t.jsonl:2: field "reply" must be a string, found a number"#;
        assert_eq!(result.unwrap_err().message(), want);
        assert_eq!(seen, ["one"]);
    }

    #[test]
    fn an_error_from_each_stops_reading() {
        let input = b"{\"reply\": \"one\"}\n{\"reply\": \"two\"}\n";
        let mut calls = 0;
        let path = Arc::from("t.jsonl");
        let result = read_source(
            Cursor::new(input),
            &path,
            InputKind::Jsonl,
            &ReadOptions::default(),
            |_| {
                calls += 1;
                Err(Error::new(ErrorKind::Io, "stdout: broken pipe"))
            },
        );
        assert_eq!(result.unwrap_err().message(), "stdout: broken pipe");
        assert_eq!(calls, 1);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let input = b"{\"reply\": \"one\"}\n{\"reply\": \"\xff\"}\n";
        assert_eq!(
            error(input, InputKind::Jsonl, false),
            "t.jsonl:2: invalid UTF-8"
        );
        assert_eq!(
            error(b"fine\nbad \xc3(\n", InputKind::Text, false),
            "t.txt:2: invalid UTF-8"
        );
    }

    #[test]
    fn a_failed_read_is_an_io_error() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        let path = Arc::from("t.txt");
        let reader = io::BufReader::new(Failing);
        let err = read_source(
            reader,
            &path,
            InputKind::Text,
            &ReadOptions::default(),
            |_| Ok(()),
        );
        let err = err.unwrap_err();
        assert_eq!(
            (err.kind(), err.message()),
            (ErrorKind::Io, "t.txt: cannot read: disk on fire")
        );
    }

    #[test]
    fn text_is_one_reply_without_trailing_line_breaks() {
        let input = "\u{feff}I'm sorry.\r\n\r\nThat sounds hard.  \r\n\r\n";
        let want = [(1, "I'm sorry.\n\nThat sounds hard.  ".to_owned())];
        assert_eq!(text(input.as_bytes(), false).unwrap(), want);
        assert_eq!(
            text(b"  no newline", false).unwrap(),
            [(1, "  no newline".to_owned())]
        );
    }

    #[test]
    fn text_lines_are_one_reply_each() {
        let input = b"first\n\n   \nsecond\r\n  third";
        let want = [
            (1, "first".to_owned()),
            (4, "second".to_owned()),
            (5, "  third".to_owned()),
        ];
        assert_eq!(text(input, true).unwrap(), want);
    }

    #[test]
    fn text_with_no_visible_characters_is_an_error() {
        for input in ["", "\u{feff}", " \n\r\n\t"] {
            for lines in [false, true] {
                let got = error(input.as_bytes(), InputKind::Text, lines);
                assert_eq!(
                    got, "t.txt: no reply: the file is empty",
                    "{input:?} lines={lines}"
                );
            }
        }
    }
}
