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
    }
}
