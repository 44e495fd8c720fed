//! A JSON document: an array of records, read one element at a time, or one record.
//!
//! The array is never held whole: a [`serde::de::DeserializeSeed`] takes each
//! element as `serde_json` parses it, turns it into replies and hands them on
//! before the next element is read. The line each element starts on comes from a
//! reader wrapper that counts the newlines `serde_json` has consumed: when an
//! element's parsing starts, everything before its first byte has been read.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, Read};
use std::rc::Rc;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::budget::{Budget, Limited};
use super::jsonl::parse_record_value;
use super::read::{BOM, emit, empty_file, io_error};
use super::{ReadOptions, ReplySink};
use crate::error::{Error, ErrorKind, Result, one_line};

/// Reads a JSON document from `reader` and hands its replies to `sink`.
pub(super) fn read_document<R: BufRead>(
    mut reader: R,
    path: &Arc<str>,
    opts: &ReadOptions,
    sink: &mut impl ReplySink,
) -> Result<()> {
    let newlines = Rc::new(Cell::new(0));
    match skip_blank(&mut reader, &newlines) {
        Ok(true) => {}
        Ok(false) => return sink.bad_record(empty_file(path)),
        Err(err) => return sink.bad_record(io_error(path, &err)),
    }
    let budget = Budget::new();
    let limited = Limited {
        inner: reader,
        budget: Rc::clone(&budget),
    };
    let counter = LineCounter {
        inner: limited,
        newlines: Rc::clone(&newlines),
    };
    let mut state = State {
        path,
        opts,
        sink,
        newlines,
        stopped: None,
        budget,
        record_line: 0,
    };
    let mut de = serde_json::Deserializer::from_reader(counter);
    let parsed = (&mut de)
        .deserialize_any(DocumentVisitor { state: &mut state })
        .and_then(|()| de.end());
    match parsed {
        Ok(()) => Ok(()),
        Err(err) => match state.stopped.take() {
            Some(stopped) => Err(stopped),
            None if state.budget.is_over() => {
                let (line, limit) = (state.record_line, opts.max_line_bytes());
                let message = format!(
                    "{path}:{line}: record is over the limit of {limit} bytes; the rest of the file is not read"
                );
                state.sink.bad_record(Error::new(ErrorKind::Input, message))
            }
            None if err.is_io() => state.sink.bad_record(io_error(path, &err.into())),
            None => state.sink.bad_record(invalid_json(path, &err)),
        },
    }
}

/// Skips a byte order mark and whitespace, counting newlines; `false` at the end.
fn skip_blank<R: BufRead>(reader: &mut R, newlines: &Cell<u64>) -> io::Result<bool> {
    let head = reader.fill_buf()?;
    if head.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let lines = buf.iter().take(blank).filter(|&&b| b == b'\n').count();
        newlines.set(newlines.get() + lines as u64);
        let more = blank == buf.len();
        reader.consume(blank);
        if !more {
            return Ok(true);
        }
    }
}

/// `path:line: invalid JSON: reason` (serde_json counts lines over the whole document).
fn invalid_json(path: &str, err: &serde_json::Error) -> Error {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let reason = one_line(text.strip_suffix(&suffix).unwrap_or(&text));
    let message = format!("{path}:{}: invalid JSON: {reason}", err.line());
    Error::new(ErrorKind::Input, message)
}

/// A reader that counts the newlines read through it.
struct LineCounter<R> {
    /// The input.
    inner: R,
    /// Newlines read so far.
    newlines: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        let lines = buf.iter().take(read).filter(|&&b| b == b'\n').count();
        self.newlines.set(self.newlines.get() + lines as u64);
        Ok(read)
    }
}

/// What the visitors share while the document is parsed.
struct State<'a, S> {
    /// The input's name.
    path: &'a Arc<str>,
    /// How records are read.
    opts: &'a ReadOptions,
    /// Where replies and bad records go.
    sink: &'a mut S,
    /// Newlines consumed so far.
    newlines: Rc<Cell<u64>>,
    /// The sink's error that stopped the parse, passed on as it is.
    stopped: Option<Error>,
    /// The bytes the record being parsed may still take.
    budget: Rc<Budget>,
    /// The line the record being parsed starts on.
    record_line: u64,
}

impl<S: ReplySink> State<'_, S> {
    /// Reads one record that starts on `line` and hands on its replies. A bad
    /// record goes to the sink; a sink error is kept and stops the parse.
    fn record<E: de::Error>(&mut self, value: Value, line: u64) -> std::result::Result<(), E> {
        self.budget.allow(usize::MAX);
        let mut items = Vec::new();
        let result = match parse_record_value(value, self.path, line, self.opts, &mut items) {
            Ok(()) => items
                .into_iter()
                .try_for_each(|item| emit(self.sink, item, self.opts)),
            Err(err) => self.sink.bad_record(err),
        };
        result.map_err(|err| {
            self.stopped = Some(err);
            E::custom("stopped")
        })
    }

    /// The line of the next byte to be parsed.
    fn line(&self) -> u64 {
        self.newlines.get() + 1
    }

    /// Starts a record on `line`: it may take up to a line's length limit.
    fn start_record(&mut self, line: u64) {
        self.record_line = line;
        self.budget.allow(self.opts.max_line_bytes());
    }
}

/// The document: an array of records or one record.
struct DocumentVisitor<'s, 'a, S> {
    /// The shared state.
    state: &'s mut State<'a, S>,
}

impl<'de, S: ReplySink> Visitor<'de> for DocumentVisitor<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records or one record object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while seq
            .next_element_seed(ElementSeed {
                state: &mut *self.state,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<(), A::Error> {
        // The `{` was read before this call; the record starts on its line.
        let line = self.state.line();
        self.state.start_record(line);
        let value = Value::deserialize(MapAccessDeserializer::new(map))?;
        self.state.record(value, line)
    }
}

/// One element of the array.
struct ElementSeed<'s, 'a, S> {
    /// The shared state.
    state: &'s mut State<'a, S>,
}

impl<'de, S: ReplySink> DeserializeSeed<'de> for ElementSeed<'_, '_, S> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> std::result::Result<(), D::Error> {
        // serde_json has skipped the whitespace before the element and peeked at
        // its first byte, so the newlines counted so far end before it.
        let line = self.state.line();
        self.state.start_record(line);
        let value = Value::deserialize(de)?;
        self.state.record(value, line)
    }
}

#[cfg(test)]
mod tests {
    use crate::transcript::testing::{read_all, row};
    use crate::transcript::{InputKind, ReadOptions};

    fn read(input: &str) -> (Vec<super::super::testing::Row>, Vec<String>) {
        read_all(input.as_bytes(), InputKind::Json, &ReadOptions::default())
    }

    #[test]
    fn array_elements_keep_the_line_they_start_on() {
        let input = "\u{feff}\n[\n  {\"id\": \"a\", \"reply\": \"one\"},\n\n  {\n    \"id\": \"b\",\n    \
                     \"messages\": [{\"role\": \"user\", \"content\": \"hi\"},\n      \
                     {\"role\": \"assistant\", \"content\": \"two\"}]\n  }, {\"reply\": \"three\"}\n]\n";
        let (rows, bad) = read(input);
        assert_eq!(
            rows,
            [
                row(3, Some("a"), None, None, "one"),
                row(5, Some("b"), Some(1), Some("hi"), "two"),
                row(9, None, None, None, "three"),
            ]
        );
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn one_object_is_one_record() {
        let input = "\n\n{\n  \"conversation_id\": \"c1\",\n  \"conversations\": [\n    \
                     {\"from\": \"human\", \"value\": \"A\"},\n    {\"from\": \"gpt\", \"value\": \"B\"}\n  ]\n}\n";
        let (rows, bad) = read(input);
        assert_eq!(rows, [row(3, Some("c1"), Some(1), Some("A"), "B")]);
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn a_bad_element_is_skipped_and_a_syntax_error_ends_the_file() {
        let input = "[\n{\"reply\": \"one\"},\n{\"reply\": 2},\n\"x\",\n{\"reply\": \"four\"},\n{\"reply\": }\n, {\"reply\": \"never\"}]";
        let (rows, bad) = read(input);
        assert_eq!(
            rows,
            [
                row(2, None, None, None, "one"),
                row(5, None, None, None, "four")
            ]
        );
        assert_eq!(
            bad,
            [
                "t:3: field \"reply\" must be a string, found a number",
                "t:4: expected a JSON object, found a string",
                "t:6: invalid JSON: expected value",
            ]
        );
    }

    #[test]
    fn an_empty_array_has_no_replies_and_trailing_text_is_an_error() {
        assert_eq!(read(" [ ] \n"), (vec![], vec![]));
        let (rows, bad) = read("[{\"reply\": \"a\"}]\n]");
        assert_eq!(rows.len(), 1);
        assert_eq!(bad, ["t:2: invalid JSON: trailing characters"]);
        let (_, bad) = read("\"just a string\"");
        assert_eq!(
            bad,
            [
                "t:1: invalid JSON: invalid type: string \"just a string\", expected an array of records or one record object"
            ]
        );
    }
}
