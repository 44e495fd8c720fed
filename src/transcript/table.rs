//! CSV and TSV with a header row: one reply per row.
//!
//! Columns are found by name in the header (trimmed, any case): the reply column
//! is [`Columns::reply`] or the first of `reply`, `response`, `output`,
//! `completion`; the context column [`Columns::context`] or the first of
//! `context`, `prompt`, `input`, if any; the id column [`Columns::id`] or the
//! first of `id`, `custom_id`, `conversation_id`, if any. Other columns are
//! ignored. Quoting follows RFC 4180 (`"` quotes, `""` escapes), in TSV too, so a
//! quoted field may span lines; each reply's line is the line its row starts on.
//! An empty context or id cell counts as absent; an empty reply cell is a bad row.
//!
//! [`Columns::reply`]: super::Columns::reply
//! [`Columns::context`]: super::Columns::context
//! [`Columns::id`]: super::Columns::id

use std::io::BufRead;
use std::rc::Rc;
use std::sync::Arc;

use csv::{ByteRecord, ErrorKind as CsvErrorKind, ReaderBuilder};

use super::budget::{Budget, Limited};
use super::read::{emit, empty_file, io_error};
use super::{Columns, ReadOptions, ReplyItem, ReplySink, Source};
use crate::error::{Error, ErrorKind, Result, one_line};

/// The default names of the reply column, in order of preference.
const REPLY_NAMES: [&str; 4] = ["reply", "response", "output", "completion"];

/// The default names of the context column.
const CONTEXT_NAMES: [&str; 3] = ["context", "prompt", "input"];

/// The default names of the id column.
const ID_NAMES: [&str; 3] = ["id", "custom_id", "conversation_id"];

/// Reads a table separated by `delimiter` and hands its replies to `sink`.
pub(super) fn read_table<R: BufRead>(
    reader: R,
    path: &Arc<str>,
    delimiter: u8,
    opts: &ReadOptions,
    sink: &mut impl ReplySink,
) -> Result<()> {
    let budget = Budget::new();
    let limited = Limited {
        inner: reader,
        budget: Rc::clone(&budget),
    };
    let mut table = ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(limited);
    budget.allow(row_budget(opts));
    let header = match table.byte_headers() {
        Ok(header) if header.iter().all(|name| name.trim_ascii().is_empty()) => {
            return sink.bad_record(empty_file(path));
        }
        Ok(header) => header.clone(),
        Err(_) if budget.is_over() => return sink.bad_record(row_too_long(path, 1, opts)),
        Err(err) => return sink.bad_record(table_error(path, &err)),
    };
    let layout = match Layout::find(&header, &opts.columns, path) {
        Ok(layout) => layout,
        Err(err) => return sink.bad_record(err),
    };
    let mut row = ByteRecord::new();
    loop {
        let line = table.position().line();
        budget.allow(row_budget(opts));
        match table.read_byte_record(&mut row) {
            Ok(false) => return Ok(()),
            Ok(true) => match layout.item(&row, path) {
                Ok(item) => emit(sink, item, opts)?,
                Err(err) => sink.bad_record(err)?,
            },
            Err(_) if budget.is_over() => return sink.bad_record(row_too_long(path, line, opts)),
            Err(err) if matches!(err.kind(), CsvErrorKind::Io(_)) => {
                return sink.bad_record(table_error(path, &err));
            }
            Err(err) => sink.bad_record(table_error(path, &err))?,
        }
    }
}

/// The bytes a row may take: a line's length limit, plus what the CSV
/// reader may have read ahead into its buffer before the row started.
fn row_budget(opts: &ReadOptions) -> usize {
    opts.max_line_bytes().saturating_add(CSV_BUFFER)
}

/// The csv crate's read buffer.
const CSV_BUFFER: usize = 8 << 10;

/// `path:line: row is over the limit of N bytes; ...`: the row cannot be
/// skipped, the reader has lost its place.
fn row_too_long(path: &str, line: u64, opts: &ReadOptions) -> Error {
    let limit = opts.max_line_bytes();
    let message = format!(
        "{path}:{line}: row is over the limit of {limit} bytes; the rest of the file is not read"
    );
    Error::new(ErrorKind::Input, message)
}

/// A CSV error as `path:line: reason`.
fn table_error(path: &str, err: &csv::Error) -> Error {
    let line = err.position().map(|pos| pos.line());
    let message = match (err.kind(), line) {
        (CsvErrorKind::Io(io), _) => return io_error(path, io),
        (
            CsvErrorKind::UnequalLengths {
                expected_len, len, ..
            },
            Some(line),
        ) => {
            let fields = if *len == 1 { "field" } else { "fields" };
            format!("{path}:{line}: the row has {len} {fields}, the header has {expected_len}")
        }
        (_, Some(line)) => format!("{path}:{line}: {}", one_line(&err.to_string())),
        (_, None) => format!("{path}: {}", one_line(&err.to_string())),
    };
    Error::new(ErrorKind::Input, message)
}

/// Where the columns of a table are.
struct Layout {
    /// The reply column's index and name.
    reply: (usize, String),
    /// The context column's, if any.
    context: Option<(usize, String)>,
    /// The id column's, if any.
    id: Option<(usize, String)>,
}

impl Layout {
    /// Finds the columns `wanted` names, or the default ones, in `header`.
    fn find(header: &ByteRecord, wanted: &Columns, path: &str) -> Result<Layout> {
        let names: Vec<String> = header
            .iter()
            .map(|name| String::from_utf8_lossy(name).trim().to_owned())
            .collect();
        let find =
            |wanted: &Option<String>, defaults: &[&str]| -> Result<Option<(usize, String)>> {
                match wanted {
                    Some(name) => column(&names, name)
                        .map(Some)
                        .ok_or_else(|| no_column(path, name, &names)),
                    None => Ok(defaults.iter().find_map(|name| column(&names, name))),
                }
            };
        let reply = find(&wanted.reply, &REPLY_NAMES)?.ok_or_else(|| {
            let message = format!(
                "{path}:1: no reply column: expected one of \"reply\", \"response\", \"output\" \
                 or \"completion\" in the header, or a column named with --reply-col"
            );
            Error::new(ErrorKind::Input, message)
        })?;
        Ok(Layout {
            reply,
            context: find(&wanted.context, &CONTEXT_NAMES)?,
            id: find(&wanted.id, &ID_NAMES)?,
        })
    }

    /// The reply item of `row`.
    fn item(&self, row: &ByteRecord, path: &Arc<str>) -> Result<ReplyItem> {
        let line = row.position().map_or(0, |pos| pos.line());
        let cell = |column: &(usize, String)| -> Result<&str> {
            let bytes = row.get(column.0).unwrap_or_default();
            std::str::from_utf8(bytes).map_err(|_| {
                let message = format!("{path}:{line}: invalid UTF-8 in column \"{}\"", column.1);
                Error::new(ErrorKind::Input, message)
            })
        };
        let optional = |column: &Option<(usize, String)>| -> Result<Option<String>> {
            let Some(column) = column else {
                return Ok(None);
            };
            let text = cell(column)?;
            Ok((!text.trim().is_empty()).then(|| text.to_owned()))
        };
        let reply = cell(&self.reply)?;
        if reply.trim().is_empty() {
            let message = format!("{path}:{line}: column \"{}\" is empty", self.reply.1);
            return Err(Error::new(ErrorKind::Input, message));
        }
        Ok(ReplyItem {
            id: optional(&self.id)?,
            source: Source {
                path: Arc::clone(path),
                line,
            },
            turn: None,
            context: optional(&self.context)?,
            reply: reply.to_owned(),
            truncated: false,
        })
    }
}

/// The index and name of the column called `name` (any case) in `names`.
fn column(names: &[String], name: &str) -> Option<(usize, String)> {
    let (index, found) = names
        .iter()
        .enumerate()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))?;
    Some((index, found.clone()))
}

/// `path:1: no column "x" in the header ("a", "b")`.
fn no_column(path: &str, name: &str, names: &[String]) -> Error {
    let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let message = format!(
        "{path}:1: no column \"{name}\" in the header ({})",
        names.join(", ")
    );
    Error::new(ErrorKind::Input, message)
}

#[cfg(test)]
mod tests {
    use crate::transcript::testing::{Row, read_all, row};
    use crate::transcript::{Columns, InputKind, ReadOptions};

    fn read(input: &str, kind: InputKind) -> (Vec<Row>, Vec<String>) {
        read_all(input.as_bytes(), kind, &ReadOptions::default())
    }

    #[test]
    fn csv_rows_with_default_columns_and_quoted_line_breaks() {
        let input = "\u{feff}ID,Prompt,Response,model\n1,I lost my job,\"I'm sorry.\nThat's hard.\",x\n\
                     2,,\"Say \"\"when\"\".\",y\n";
        let (rows, bad) = read(input, InputKind::Csv);
        assert_eq!(
            rows,
            [
                row(
                    2,
                    Some("1"),
                    None,
                    Some("I lost my job"),
                    "I'm sorry.\nThat's hard."
                ),
                row(4, Some("2"), None, None, "Say \"when\"."),
            ]
        );
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn tsv_with_named_columns() {
        let opts = ReadOptions {
            columns: Columns {
                reply: Some("answer".to_owned()),
                context: Some("question".to_owned()),
                id: Some("key".to_owned()),
            },
            ..ReadOptions::default()
        };
        let input = "key\tquestion\tanswer\nk1\t我很累\t辛苦了，休息一下吧。\n";
        let (rows, _) = read_all(input.as_bytes(), InputKind::Tsv, &opts);
        assert_eq!(
            rows,
            [row(
                2,
                Some("k1"),
                None,
                Some("我很累"),
                "辛苦了，休息一下吧。"
            )]
        );
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let input = b"id,reply\n1,ok\n2\n3,\n4,\"x\xff\"\n5,fine\n";
        let (rows, bad) = read_all(input, InputKind::Csv, &ReadOptions::default());
        assert_eq!(
            rows,
            [
                row(2, Some("1"), None, None, "ok"),
                row(6, Some("5"), None, None, "fine")
            ]
        );
        assert_eq!(
            bad,
            [
                "t:3: the row has 1 field, the header has 2",
                "t:4: column \"reply\" is empty",
                "t:5: invalid UTF-8 in column \"reply\"",
            ]
        );
    }

    #[test]
    fn missing_columns_are_errors_naming_the_header() {
        let (_, bad) = read("id,text\n1,a\n", InputKind::Csv);
        assert_eq!(
            bad,
            [
                "t:1: no reply column: expected one of \"reply\", \"response\", \"output\" or \"completion\" in the header, or a column named with --reply-col"
            ]
        );
        let opts = ReadOptions {
            columns: Columns {
                context: Some("question".to_owned()),
                ..Columns::default()
            },
            ..ReadOptions::default()
        };
        let (_, bad) = read_all(b"id,reply\n1,a\n", InputKind::Csv, &opts);
        assert_eq!(
            bad,
            ["t:1: no column \"question\" in the header (\"id\", \"reply\")"]
        );
    }
}
