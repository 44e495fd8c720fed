//! Helpers shared by the unit tests of this module.

use std::sync::Arc;

use super::{ReadOptions, ReplyItem, Source, parse_jsonl_line};
use crate::error::{Error, ErrorKind};

/// The path the tests read from.
pub(super) const PATH: &str = "t.jsonl";

/// The line number [`parse`] gives its line.
pub(super) const LINE: u64 = 7;

/// Parses `line` as line [`LINE`] of [`PATH`] with `opts`.
pub(super) fn parse_with(line: &str, opts: &ReadOptions) -> Result<Vec<ReplyItem>, Error> {
    let mut out = Vec::new();
    parse_jsonl_line(line, &Arc::from(PATH), LINE, opts, &mut out)?;
    Ok(out)
}

/// The items of `line` read with the default options; panics on error.
pub(super) fn parse(line: &str) -> Vec<ReplyItem> {
    parse_with(line, &ReadOptions::default()).unwrap_or_else(|err| panic!("{err}"))
}

/// The message of the input error `line` gives with the default options.
pub(super) fn parse_error(line: &str) -> String {
    let Err(err) = parse_with(line, &ReadOptions::default()) else {
        panic!("no error for {line}");
    };
    assert_eq!(err.kind(), ErrorKind::Input, "{err}");
    err.message().to_owned()
}

/// Line `line` of `path`.
pub(super) fn source(path: &str, line: u64) -> Source {
    Source {
        path: Arc::from(path),
        line,
    }
}

/// A single-reply item as [`parse`] reads it from line [`LINE`] of [`PATH`].
pub(super) fn single(id: Option<&str>, context: Option<&str>, reply: &str) -> ReplyItem {
    ReplyItem {
        id: id.map(str::to_owned),
        source: source(PATH, LINE),
        turn: None,
        context: context.map(str::to_owned),
        reply: reply.to_owned(),
        truncated: false,
    }
}

/// `(line, id, turn, context, reply)` of an item, for compact expectations.
pub(super) type Row = (u64, Option<String>, Option<usize>, Option<String>, String);

/// Reads `input` as `kind` from `t` with `opts`: the items as [`Row`]s and the
/// bad records' messages (reading goes on past them).
pub(super) fn read_all(
    input: &[u8],
    kind: super::InputKind,
    opts: &ReadOptions,
) -> (Vec<Row>, Vec<String>) {
    struct Collect {
        rows: Vec<Row>,
        bad: Vec<String>,
    }
    impl super::ReplySink for &mut Collect {
        fn reply(&mut self, item: ReplyItem) -> crate::error::Result<()> {
            let row = (
                item.source.line,
                item.id,
                item.turn,
                item.context,
                item.reply,
            );
            self.rows.push(row);
            Ok(())
        }
        fn bad_record(&mut self, error: Error) -> crate::error::Result<()> {
            self.bad.push(error.message().to_owned());
            Ok(())
        }
    }
    let mut sink = Collect {
        rows: Vec::new(),
        bad: Vec::new(),
    };
    let reader = std::io::Cursor::new(input);
    super::read_source(reader, &Arc::from("t"), kind, opts, &mut sink).unwrap();
    (sink.rows, sink.bad)
}

/// A [`Row`] from borrowed parts.
pub(super) fn row(
    line: u64,
    id: Option<&str>,
    turn: Option<usize>,
    context: Option<&str>,
    reply: &str,
) -> Row {
    let owned = |text: Option<&str>| text.map(str::to_owned);
    (line, owned(id), turn, owned(context), reply.to_owned())
}
