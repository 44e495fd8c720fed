//! One JSONL line → the replies it holds.
//!
//! A line is parsed into a [`serde_json::Value`] and then taken apart by value, so
//! the reply and context strings move into the [`ReplyItem`] without a copy. (A
//! borrowed `Cow<str>` struct would save little: every reply ends up as an owned
//! `String`, and replies with a newline or a quote are escaped and can't be borrowed
//! anyway.) The record shapes are described in the [module docs](super).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::fields::{Location, describe, required};
use super::messages::{Chat, MESSAGES, SHAREGPT, parse_messages};
use super::response::{Base, parse_response, shape_of};
use super::single::{SingleKeys, single_reply};
use super::{ReadOptions, ReplyItem, Source};
use crate::error::{Error, Result, one_line};

/// The fields that hold the reply, in the order error messages list them.
const REPLY_KEYS: [&str; 6] = [
    "reply",
    "response",
    "output",
    "completion",
    "messages",
    "conversations",
];

/// The fields that hold the user's message a single reply answers.
const CONTEXT_KEYS: [&str; 3] = ["context", "prompt", "input"];

/// The fields that hold a record's id, the first one present winning: a batch
/// line's `custom_id` is the caller's own id, its `id` the API's.
const ID_KEYS: [&str; 3] = ["custom_id", "id", "conversation_id"];

/// The error for a record that has none of [`REPLY_KEYS`].
const NO_REPLY: &str = "no reply found: expected one of \"reply\", \"response\", \"output\", \
                        \"completion\", \"messages\", \"conversations\", \"choices\" or \"content\"";

/// Parses one JSONL line and appends the replies it holds to `out`.
///
/// `path` and `line_no` (1-based) locate the line in error messages and in each
/// item's [`Source`]. A blank line yields nothing. A single-reply record yields one
/// item; a chat record yields one item per message whose role is `opts.role`,
/// possibly none; a response record one per choice. On error `out` is left as it
/// was.
///
/// # Errors
///
/// [`ErrorKind::Input`](crate::error::ErrorKind::Input) when the line is not
/// valid JSON, not an object, or does not fit one of the shapes in the
/// [module docs](super). The message is one line: `path:line: reason`, or
/// `path:line:col: invalid JSON: reason` for syntax errors.
pub fn parse_jsonl_line(
    line: &str,
    path: &Arc<str>,
    line_no: u64,
    opts: &ReadOptions,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    if line.trim().is_empty() {
        return Ok(());
    }
    let at = Location {
        path,
        line: line_no,
    };
    match serde_json::from_str(line) {
        Ok(record) => parse_record_value(record, path, line_no, opts, out),
        Err(err) => Err(invalid_json(line, &err, at)),
    }
}

/// Appends the replies of one parsed record, which must be an object, to `out`;
/// on error `out` is left as it was.
pub(super) fn parse_record_value(
    record: Value,
    path: &Arc<str>,
    line_no: u64,
    opts: &ReadOptions,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = Location {
        path,
        line: line_no,
    };
    let Value::Object(record) = record else {
        return Err(at.error(format_args!(
            "expected a JSON object, found {}",
            describe(&record)
        )));
    };
    let source = Source {
        path: Arc::clone(path),
        line: line_no,
    };
    let start = out.len();
    let result = parse_record(record, source, opts, at, out);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Dispatches a parsed record to its shape.
fn parse_record(
    mut record: Map<String, Value>,
    source: Source,
    opts: &ReadOptions,
    at: Location<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let id = take_id(&mut record, at)?;
    drop_null_fields(&mut record, &CONTEXT_KEYS);
    let context_key = pick_key(&record, &CONTEXT_KEYS, at)?;
    if let Some(shape) = shape_of(&record) {
        let base = Base {
            id,
            source,
            opts,
            at,
            turn: None,
            context: None,
        };
        return parse_response(record, shape, context_key, base, out);
    }
    let reply_key = pick_key(&record, &REPLY_KEYS, at)?.ok_or_else(|| at.error(NO_REPLY))?;
    match (reply_key, context_key) {
        ("messages" | "conversations", Some(context_key)) => {
            Err(ambiguous(at, reply_key, context_key))
        }
        ("messages" | "conversations", None) => {
            let shape = if reply_key == "messages" {
                MESSAGES
            } else {
                SHAREGPT
            };
            let messages = required(&mut record, shape.list, shape.list, at)?;
            let chat = Chat {
                id,
                source,
                opts,
                at,
            };
            parse_messages(messages, shape, &chat, out)
        }
        (reply_key, context_key) => {
            let keys = SingleKeys {
                reply: reply_key,
                context: context_key,
            };
            out.push(single_reply(record, keys, id, source, at)?);
            Ok(())
        }
    }
}

/// `path:line:col: invalid JSON: reason`, with `col` counted in characters.
///
/// `serde_json` reports the 1-based byte position of the offending byte and appends
/// " at line L column C" to its message; the suffix is dropped since the location
/// leads the message.
fn invalid_json(line: &str, err: &serde_json::Error, at: Location<'_>) -> Error {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let reason = one_line(text.strip_suffix(&suffix).unwrap_or(&text));
    let bytes = line.as_bytes().iter().take(err.column());
    let column = bytes.filter(|&&b| !is_utf8_continuation(b)).count();
    at.error_at_column(column, format_args!("invalid JSON: {reason}"))
}

/// Whether `byte` continues a multi-byte UTF-8 character rather than starting one.
fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0b1100_0000 == 0b1000_0000
}

/// Removes and checks the id field (the first of [`ID_KEYS`] present and not
/// `null`): a string, or an integer kept as its decimal text.
fn take_id(record: &mut Map<String, Value>, at: Location<'_>) -> Result<Option<String>> {
    let found = ID_KEYS.iter().find_map(|key| {
        record
            .remove(*key)
            .filter(|v| !v.is_null())
            .map(|v| (*key, v))
    });
    match found {
        None => Ok(None),
        Some((_, Value::String(id))) => Ok(Some(id)),
        Some((_, Value::Number(n))) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        Some((key, Value::Number(_))) => Err(at.error(format_args!(
            "field \"{key}\" must be a string or an integer, found a non-integer number"
        ))),
        Some((key, other)) => Err(at.wrong_type(key, "a string or an integer", &other)),
    }
}

/// Removes the fields among `keys` whose value is `null`: they count as absent.
fn drop_null_fields(record: &mut Map<String, Value>, keys: &[&str]) {
    for key in keys {
        if record.get(*key).is_some_and(Value::is_null) {
            record.remove(*key);
        }
    }
}

/// The one key among `keys` that `record` has, if any; two of them is an error.
fn pick_key(
    record: &Map<String, Value>,
    keys: &[&'static str],
    at: Location<'_>,
) -> Result<Option<&'static str>> {
    let mut present = keys.iter().copied().filter(|key| record.contains_key(*key));
    match (present.next(), present.next()) {
        (Some(first), Some(second)) => Err(ambiguous(at, first, second)),
        (first, _) => Ok(first),
    }
}

/// `ambiguous record: both "a" and "b" are present`.
fn ambiguous(at: Location<'_>, first: &str, second: &str) -> Error {
    at.error(format_args!(
        "ambiguous record: both \"{first}\" and \"{second}\" are present"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::testing::{LINE, PATH, parse, parse_error, parse_with, single};

    #[test]
    fn blank_lines_yield_nothing() {
        for line in ["", "   ", "\t\r"] {
            assert_eq!(parse(line), [], "{line:?}");
        }
    }

    #[test]
    fn integer_ids_are_kept_as_decimal_text() {
        for (id, want) in [
            ("42", "42"),
            ("-3", "-3"),
            ("18446744073709551615", "18446744073709551615"),
        ] {
            let line = format!(r#"{{"id": {id}, "reply": "ok"}}"#);
            assert_eq!(parse(&line), [single(Some(want), None, "ok")], "{id}");
        }
    }

    #[test]
    fn the_id_is_custom_id_else_id_else_conversation_id() {
        let cases = [
            (r#"{"custom_id": "c", "id": "i", "reply": "ok"}"#, "c"),
            (r#"{"custom_id": null, "id": 4, "reply": "ok"}"#, "4"),
            (r#"{"conversation_id": "conv-1", "reply": "ok"}"#, "conv-1"),
        ];
        for (line, want) in cases {
            assert_eq!(parse(line), [single(Some(want), None, "ok")], "{line}");
        }
        assert_eq!(
            parse_error(r#"{"custom_id": [], "reply": "ok"}"#),
            r#"t.jsonl:7: field "custom_id" must be a string or an integer, found an array"#
        );
    }

    #[test]
    fn null_id_and_null_context_count_as_absent() {
        let line = r#"{"id": null, "context": null, "prompt": "Hi", "reply": "ok"}"#;
        assert_eq!(parse(line), [single(None, Some("Hi"), "ok")]);
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let cases = [
            (
                r#"{"reply": x}"#,
                "t.jsonl:7:11: invalid JSON: expected value",
            ),
            (
                r#"{"reply": "a"} x"#,
                "t.jsonl:7:16: invalid JSON: trailing characters",
            ),
            (
                r#"{"reply": "a""#,
                "t.jsonl:7:13: invalid JSON: EOF while parsing an object",
            ),
            (
                r#"{"reply": "a",}"#,
                "t.jsonl:7:15: invalid JSON: trailing comma",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_error(line), want, "{line}");
        }
    }

    #[test]
    fn invalid_json_column_counts_characters_not_bytes() {
        // `é` and `ü` take two bytes each; serde_json reports byte column 14.
        let line = r#"{"é": "ü", x}"#;
        assert_eq!(
            parse_error(line),
            "t.jsonl:7:12: invalid JSON: key must be a string"
        );
    }

    #[test]
    fn a_line_that_is_not_an_object() {
        let cases = [
            ("[1, 2]", "an array"),
            (r#""hi""#, "a string"),
            ("3", "a number"),
            ("true", "a boolean"),
            ("null", "null"),
        ];
        for (line, found) in cases {
            let want = format!("t.jsonl:7: expected a JSON object, found {found}");
            assert_eq!(parse_error(line), want, "{line}");
        }
    }

    #[test]
    fn no_reply_field() {
        let want = r#"t.jsonl:7: no reply found: expected one of "reply", "response", "output", "completion", "messages", "conversations", "choices" or "content""#;
        assert_eq!(parse_error(r#"{"prompt": "Hi", "answer": "ok"}"#), want);
        assert_eq!(parse_error("{}"), want);
    }

    #[test]
    fn two_reply_or_context_fields_are_ambiguous() {
        let cases = [
            (
                r#"{"response": "a", "reply": "b"}"#,
                r#"both "reply" and "response""#,
            ),
            (
                r#"{"output": "a", "completion": "b"}"#,
                r#"both "output" and "completion""#,
            ),
            (
                r#"{"reply": "a", "messages": []}"#,
                r#"both "reply" and "messages""#,
            ),
            (
                r#"{"prompt": "a", "context": "b", "reply": "c"}"#,
                r#"both "context" and "prompt""#,
            ),
            (
                r#"{"prompt": "a", "messages": []}"#,
                r#"both "messages" and "prompt""#,
            ),
        ];
        for (line, both) in cases {
            let want = format!("t.jsonl:7: ambiguous record: {both} are present");
            assert_eq!(parse_error(line), want, "{line}");
        }
    }

    #[test]
    fn on_error_out_is_left_as_it_was() {
        let path: Arc<str> = Arc::from(PATH);
        let opts = ReadOptions::default();
        let mut out = vec![single(None, None, "kept")];
        // The first assistant turn is fine, the second is not.
        let line =
            r#"{"messages": [{"role": "assistant", "content": "a"}, {"role": "assistant"}]}"#;
        assert!(parse_jsonl_line(line, &path, LINE, &opts, &mut out).is_err());
        assert_eq!(out, [single(None, None, "kept")]);
    }

    #[test]
    fn items_are_appended_after_existing_ones() {
        let path: Arc<str> = Arc::from(PATH);
        let mut out = vec![single(None, None, "first")];
        parse_jsonl_line(
            r#"{"reply": "second"}"#,
            &path,
            LINE,
            &ReadOptions::default(),
            &mut out,
        )
        .unwrap();
        assert_eq!(
            out,
            [single(None, None, "first"), single(None, None, "second")]
        );
        assert!(parse_with("", &ReadOptions::default()).unwrap().is_empty());
    }
}
