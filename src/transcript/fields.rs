//! Typed access to the fields of a parsed JSONL record, with errors that say where.
//!
//! Every helper takes the [`Location`] of the record and the name of the field as
//! the user would write it (`reply`, `messages[2].content[0].text`), so that each
//! error reads `path:line: field "..." must be a string, found a number`.

use std::fmt::Display;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};

/// The file and line of the record being read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Location<'a> {
    /// The path as the user gave it.
    pub(super) path: &'a str,
    /// 1-based line number.
    pub(super) line: u64,
}

impl Location<'_> {
    /// An input error whose message is `path:line: reason`.
    pub(super) fn error(self, reason: impl Display) -> Error {
        let message = format!("{}:{}: {reason}", self.path, self.line);
        Error::new(ErrorKind::Input, message)
    }

    /// An input error whose message is `path:line:column: reason`.
    pub(super) fn error_at_column(self, column: usize, reason: impl Display) -> Error {
        let message = format!("{}:{}:{column}: {reason}", self.path, self.line);
        Error::new(ErrorKind::Input, message)
    }

    /// `field "x" must be <expected>, found <kind of value>`.
    pub(super) fn wrong_type(self, field: impl Display, expected: &str, found: &Value) -> Error {
        let found = describe(found);
        self.error(format_args!(
            "field \"{field}\" must be {expected}, found {found}"
        ))
    }

    /// `field "x" is missing`.
    pub(super) fn missing(self, field: impl Display) -> Error {
        self.error(format_args!("field \"{field}\" is missing"))
    }

    /// `field "x" is empty`.
    pub(super) fn empty(self, field: impl Display) -> Error {
        self.error(format_args!("field \"{field}\" is empty"))
    }
}

/// The kind of a JSON value with its article, as error messages name it.
pub(super) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Removes `key` from `map`, or fails with `field "<field>" is missing`.
pub(super) fn required(
    map: &mut Map<String, Value>,
    key: &str,
    field: impl Display,
    at: Location<'_>,
) -> Result<Value> {
    map.remove(key).ok_or_else(|| at.missing(field))
}

/// The string inside `value`, or a type error naming `field`.
pub(super) fn expect_string(value: Value, field: impl Display, at: Location<'_>) -> Result<String> {
    match value {
        Value::String(text) => Ok(text),
        other => Err(at.wrong_type(field, "a string", &other)),
    }
}

/// Removes top-level field `key` of `record`, which must be there and be a string.
pub(super) fn take_string(
    record: &mut Map<String, Value>,
    key: &str,
    at: Location<'_>,
) -> Result<String> {
    let value = required(record, key, key, at)?;
    expect_string(value, key, at)
}

/// The object inside `value`, or a type error naming `field`.
pub(super) fn expect_object(
    value: Value,
    field: impl Display,
    at: Location<'_>,
) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(at.wrong_type(field, "an object", &other)),
    }
}

/// `text` unchanged, or `field "<field>" is empty` when it holds only
/// whitespace and invisible characters (a lone zero-width space scores nothing).
pub(super) fn non_empty(text: String, field: impl Display, at: Location<'_>) -> Result<String> {
    if crate::normalize::is_blank(&text) {
        return Err(at.empty(field));
    }
    Ok(text)
}
