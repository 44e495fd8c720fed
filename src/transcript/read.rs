//! Streaming a transcript file line by line into reply items.
//!
//! Lines are read as bytes, one at a time, so a JSONL file is never held in
//! memory whole and bad UTF-8 is reported with its line number. A line longer
//! than [`ReadOptions::max_line_bytes`] is a bad record, skipped without being
//! held. A UTF-8 byte order mark at the start and a `"\r"` before each `"\n"`
//! are dropped.

use std::io::BufRead;
use std::sync::Arc;

use super::{
    InputKind, LongReplies, ReadOptions, ReplyItem, Source, check_reply_size, parse_jsonl_line,
    truncate_reply,
};
use crate::error::{Error, ErrorKind, Result, one_line};

/// The UTF-8 byte order mark some editors put at the start of a file.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where [`read_source`] hands the replies it reads and the records it cannot read.
///
/// Any `FnMut(ReplyItem) -> Result<()>` closure is a sink that stops at the first
/// bad record.
pub trait ReplySink {
    /// Takes one reply, in input order. An error stops reading and is returned.
    fn reply(&mut self, item: ReplyItem) -> Result<()>;

    /// Takes a record that could not be read (an [`ErrorKind::Input`] error saying
    /// `path:line: reason`), or a whole input that could not be (an empty or binary
    /// file, a failed read, a JSON syntax error that leaves no way to find the next
    /// record). Returning the error, as the default does, stops reading; returning
    /// `Ok(())` skips it, and reading goes on with the next record if there is one.
    fn bad_record(&mut self, error: Error) -> Result<()> {
        Err(error)
    }
}

impl<F: FnMut(ReplyItem) -> Result<()>> ReplySink for F {
    fn reply(&mut self, item: ReplyItem) -> Result<()> {
        self(item)
    }
}

/// Reads replies from `reader` and hands every one to `sink`, in file order.
///
/// `path` names the input in error messages and in each item's [`Source`] (the
/// caller passes `<stdin>` for standard input). `kind` says how to read it (see
/// [`detect_kind`](super::detect_kind) and the [module docs](super)). Every bad
/// record, and a file that is empty (no record, or text with no visible
/// character) or binary (a NUL byte in its first 8 KiB), goes to
/// [`ReplySink::bad_record`]; a reply over [`ReadOptions::max_reply_bytes`] is a
/// bad record too.
///
/// # Errors
///
/// Whatever the sink returns: with a closure, the first bad record, as
/// [`ErrorKind::Input`] (`path:line: reason`) or [`ErrorKind::Io`]
/// (`path: cannot read: <reason>`), or the closure's own error.
pub fn read_source<R: BufRead>(
    mut reader: R,
    path: &Arc<str>,
    kind: InputKind,
    opts: &ReadOptions,
    mut sink: impl ReplySink,
) -> Result<()> {
    if let Err(err) = check_start(&mut reader, path) {
        return sink.bad_record(err);
    }
    let sink = &mut sink;
    match kind {
        InputKind::Jsonl => read_jsonl(&mut LineReader::new(reader, path, opts), opts, sink),
        InputKind::Json => super::document::read_document(reader, path, opts, sink),
        InputKind::Csv => super::table::read_table(reader, path, b',', opts, sink),
        InputKind::Tsv => super::table::read_table(reader, path, b'\t', opts, sink),
        InputKind::Text if opts.lines => {
            read_text_lines(&mut LineReader::new(reader, path, opts), opts, sink)
        }
        InputKind::Text => read_text_whole(&mut LineReader::new(reader, path, opts), opts, sink),
    }
}

/// Fails on an empty input and on a binary one (a NUL byte in the first buffer).
fn check_start<R: BufRead>(reader: &mut R, path: &str) -> Result<()> {
    let head = reader.fill_buf().map_err(|err| io_error(path, &err))?;
    if head.is_empty() {
        return Err(empty_file(path));
    }
    if let Some(at) = head.iter().position(|&byte| byte == 0) {
        let message = format!("{path}: binary file (a NUL byte at offset {at}), not read");
        return Err(Error::new(ErrorKind::Input, message));
    }
    Ok(())
}

/// Hands `item` to the sink; a reply that is too long goes to its
/// `bad_record`, or is cut short first, as [`ReadOptions::long_replies`] says.
pub(super) fn emit(
    sink: &mut impl ReplySink,
    mut item: ReplyItem,
    opts: &ReadOptions,
) -> Result<()> {
    match check_reply_size(&item, opts.max_reply_bytes) {
        Ok(()) => sink.reply(item),
        Err(err) if opts.long_replies == LongReplies::Truncate => {
            truncate_reply(&mut item.reply, opts.max_reply_bytes);
            item.truncated = true;
            if crate::normalize::is_blank(&item.reply) {
                // Nothing visible before the cut: nothing to score.
                return sink.bad_record(err);
            }
            sink.reply(item)
        }
        Err(err) => sink.bad_record(err),
    }
}

/// The next line of `lines`: `Ok(None)` at the end, `Err` (already handed to
/// the sink and skipped) for a line that is not UTF-8; a failed read stops.
fn next_line<'l, R: BufRead>(
    lines: &'l mut LineReader<'_, R>,
    sink: &mut impl ReplySink,
) -> Result<Option<Option<(u64, &'l str)>>> {
    match lines.next_line() {
        Ok(Some(line)) => Ok(Some(Some(line))),
        Ok(None) => Ok(None),
        Err(err) if err.kind() == ErrorKind::Input => sink.bad_record(err).map(|()| Some(None)),
        Err(err) => sink.bad_record(err).map(|()| None),
    }
}

/// One record per line.
fn read_jsonl<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    opts: &ReadOptions,
    sink: &mut impl ReplySink,
) -> Result<()> {
    let path = lines.path;
    let mut items = Vec::new();
    let mut found = false;
    while let Some(line) = next_line(lines, sink)? {
        let Some((line_no, line)) = line else {
            found = true;
            continue;
        };
        found |= !line.trim().is_empty();
        match parse_jsonl_line(line, path, line_no, opts, &mut items) {
            Ok(()) => items
                .drain(..)
                .try_for_each(|item| emit(sink, item, opts))?,
            Err(err) => sink.bad_record(err)?,
        }
    }
    if !found {
        return sink.bad_record(empty_file(path));
    }
    Ok(())
}

/// One reply per non-blank line.
fn read_text_lines<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    opts: &ReadOptions,
    sink: &mut impl ReplySink,
) -> Result<()> {
    let path = lines.path;
    let mut found = false;
    while let Some(line) = next_line(lines, sink)? {
        let Some((line_no, line)) = line else {
            found = true;
            continue;
        };
        if crate::normalize::is_blank(line) {
            continue;
        }
        found = true;
        emit(sink, text_item(path, line_no, line.to_owned()), opts)?;
    }
    if !found {
        return sink.bad_record(empty_file(path));
    }
    Ok(())
}

/// The whole input as one reply on line 1, lines joined with `"\n"`, trailing
/// line breaks removed. Reading stops as soon as the text is over the size
/// limit: an error, or the reply cut short, as [`ReadOptions::long_replies`] says.
fn read_text_whole<R: BufRead>(
    lines: &mut LineReader<'_, R>,
    opts: &ReadOptions,
    sink: &mut impl ReplySink,
) -> Result<()> {
    let path = lines.path;
    let mut text = String::new();
    loop {
        match lines.next_line() {
            Ok(Some((_, line))) => text.push_str(line),
            Ok(None) => break,
            Err(err) => return sink.bad_record(err),
        }
        text.push('\n');
        let over = text.len() > opts.max_reply_bytes.saturating_add(2);
        if over && opts.long_replies == LongReplies::Truncate {
            break;
        }
        if over {
            let limit = opts.max_reply_bytes;
            let message = format!("{path}:1: reply is over the limit of {limit} bytes");
            return sink.bad_record(Error::new(ErrorKind::Input, message));
        }
    }
    text.truncate(text.trim_end_matches('\n').len());
    if crate::normalize::is_blank(&text) {
        return sink.bad_record(empty_file(path));
    }
    emit(sink, text_item(path, 1, text), opts)
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
        truncated: false,
    }
}

/// `path: cannot read: <reason>`.
pub(super) fn io_error(path: &str, err: &std::io::Error) -> Error {
    let message = format!("{path}: cannot read: {}", one_line(&err.to_string()));
    Error::new(ErrorKind::Io, message)
}

/// `path: no reply: the file is empty`.
pub(super) fn empty_file(path: &str) -> Error {
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
    /// The longest line kept, in bytes, without its line break.
    max_line: usize,
}

impl<'p, R: BufRead> LineReader<'p, R> {
    /// A reader positioned before the first line.
    pub(crate) fn new(reader: R, path: &'p Arc<str>, opts: &ReadOptions) -> Self {
        LineReader {
            reader,
            path,
            buf: Vec::new(),
            line_no: 0,
            max_line: opts.max_line_bytes(),
        }
    }

    /// The next line's number and text without its line break, or `None` at the end.
    ///
    /// A line over the length limit is read to its end but not kept, and is an
    /// [`ErrorKind::Input`] error; the next call reads the line after it.
    pub(crate) fn next_line(&mut self) -> Result<Option<(u64, &str)>> {
        self.buf.clear();
        // Room for the limit and a "\r\n" (and a byte order mark on line 1).
        let keep = self.max_line.saturating_add(2 + BOM.len());
        let read = read_line_bounded(&mut self.reader, &mut self.buf, keep);
        let (read, cut) = read.map_err(|err| self.io_error(&err))?;
        if read == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        if cut {
            return Err(self.too_long());
        }
        let mut bytes = self.buf.as_slice();
        if self.line_no == 1 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.len() > self.max_line {
            return Err(self.too_long());
        }
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
        io_error(self.path, err)
    }

    /// `path:line: line is over the limit of N bytes`.
    fn too_long(&self) -> Error {
        let (path, line, limit) = (self.path, self.line_no, self.max_line);
        let message = format!("{path}:{line}: line is over the limit of {limit} bytes");
        Error::new(ErrorKind::Input, message)
    }
}

/// Reads up to and including the next `"\n"` (or to the end), appending at
/// most `keep` bytes to `buf`: a longer line is consumed without being held.
/// Returns the bytes consumed and whether the line was longer than `keep`.
fn read_line_bounded<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    keep: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut read, mut cut) = (0, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let end = memchr::memchr(b'\n', available).map(|i| i + 1);
        let (line, done) = match end.and_then(|end| available.get(..end)) {
            Some(line) => (line, true),
            None => (available, available.is_empty()),
        };
        cut |= buf.len().saturating_add(line.len()) > keep;
        if cut {
            buf.clear();
        } else {
            buf.extend_from_slice(line);
        }
        let used = line.len();
        reader.consume(used);
        read += used;
        if done {
            return Ok((read, cut));
        }
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
        read_source(
            Cursor::new(input),
            &Arc::from(path),
            kind,
            opts,
            |item: ReplyItem| {
                items.push(item);
                Ok(())
            },
        )?;
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
            truncated: false,
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
    fn an_empty_input_is_an_error_of_every_kind() {
        let kinds = [
            InputKind::Jsonl,
            InputKind::Json,
            InputKind::Csv,
            InputKind::Tsv,
        ];
        for kind in kinds {
            for input in ["", "\n \n", "\u{feff}"] {
                let got = read("t", input.as_bytes(), kind, &ReadOptions::default());
                let want = "t: no reply: the file is empty";
                assert_eq!(got.unwrap_err().message(), want, "{kind:?} {input:?}");
            }
        }
    }

    #[test]
    fn a_binary_input_is_an_error_of_every_kind() {
        let kinds = [
            InputKind::Jsonl,
            InputKind::Json,
            InputKind::Csv,
            InputKind::Text,
        ];
        for kind in kinds {
            let got = read(
                "t",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
                kind,
                &ReadOptions::default(),
            );
            let want = "t: binary file (a NUL byte at offset 8), not read";
            assert_eq!(got.unwrap_err().message(), want, "{kind:?}");
        }
    }

    #[test]
    fn a_reply_over_the_size_limit_is_a_bad_record() {
        let opts = ReadOptions {
            max_reply_bytes: 5,
            lines: true,
            ..ReadOptions::default()
        };
        let err = |input: &str, kind| read("t", input.as_bytes(), kind, &opts).unwrap_err();
        let jsonl = err(
            "{\"reply\": \"12345\"}\n{\"reply\": \"123456\"}",
            InputKind::Jsonl,
        );
        assert_eq!(
            jsonl.message(),
            "t:2: reply is 6 bytes, over the limit of 5 bytes"
        );
        let lines = err("12345\n\n1234é", InputKind::Text);
        assert_eq!(
            lines.message(),
            "t:3: reply is 6 bytes, over the limit of 5 bytes"
        );
        let whole = ReadOptions {
            lines: false,
            ..opts.clone()
        };
        let text = read("t", b"123\n456\n789\n", InputKind::Text, &whole).unwrap_err();
        assert_eq!(text.message(), "t:1: reply is over the limit of 5 bytes");
        let fits = read("t", b"1234\n\n", InputKind::Text, &whole).unwrap();
        assert_eq!(fits[0].reply, "1234");
    }

    /// A sink that keeps going: the replies and the bad records' messages.
    #[derive(Default)]
    struct Lenient {
        replies: Vec<(u64, String)>,
        bad: Vec<String>,
    }

    impl ReplySink for &mut Lenient {
        fn reply(&mut self, item: ReplyItem) -> Result<()> {
            self.replies.push((item.source.line, item.reply));
            Ok(())
        }

        fn bad_record(&mut self, error: Error) -> Result<()> {
            self.bad.push(error.message().to_owned());
            Ok(())
        }
    }

    #[test]
    fn a_lenient_sink_gets_every_bad_line_and_every_good_one() {
        let input = b"{\"reply\": \"one\"}\n{\"reply\": \n{\"reply\": \"\xff\"}\n[1]\n{\"reply\": \"five\"}\n";
        let mut sink = Lenient::default();
        let path = Arc::from("t.jsonl");
        let opts = ReadOptions::default();
        read_source(
            Cursor::new(&input[..]),
            &path,
            InputKind::Jsonl,
            &opts,
            &mut sink,
        )
        .unwrap();
        assert_eq!(
            sink.replies,
            [(1, "one".to_owned()), (5, "five".to_owned())]
        );
        assert_eq!(
            sink.bad,
            [
                "t.jsonl:2:10: invalid JSON: EOF while parsing a value",
                "t.jsonl:3: invalid UTF-8",
                "t.jsonl:4: expected a JSON object, found an array",
            ]
        );
    }

    #[test]
    fn jsonl_stops_at_the_first_bad_line() {
        let input = b"{\"reply\": \"one\"}\n{\"reply\": 2}\n{\"reply\": \"three\"}\n";
        let mut seen = Vec::new();
        let path = Arc::from("t.jsonl");
        let opts = ReadOptions::default();
        let result = read_source(
            Cursor::new(input),
            &path,
            InputKind::Jsonl,
            &opts,
            |item: ReplyItem| {
                seen.push(item.reply);
                Ok(())
            },
        );
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
            |_: ReplyItem| {
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
            |_: ReplyItem| Ok(()),
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
        for input in ["", "\u{feff}", " \n\r\n\t", "\u{200b}\n\u{00ad}"] {
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
