//! Rubrics: reading the JSON file, validating it, compiling it.
//!
//! Loading happens in two stages, as in ripgrep's flags: [`raw`] holds serde
//! structs that only mirror the file, and [`compile`] turns them into
//! types that cannot be inconsistent. Errors surface before any reply is
//! scored.

pub(crate) mod compile;
mod locate;
pub(crate) mod pattern;
pub mod raw;

use crate::error::{Error, ErrorKind, Result, one_line};
use raw::RubricFile;

/// The built-in `empathy` rubric, as shipped in `rubrics/empathy.json`.
pub const BUILTIN_EMPATHY: &str = include_str!("../../rubrics/empathy.json");

/// The name under which errors in the built-in rubric are reported.
pub const BUILTIN_ORIGIN: &str = "<builtin:empathy>";

/// Parses rubric JSON; `origin` (a path) prefixes error messages.
pub fn parse(text: &str, origin: &str) -> Result<RubricFile> {
    serde_json::from_str(text).map_err(|e| {
        let message = strip_position(&e.to_string());
        if e.line() == 0 {
            return Error::new(ErrorKind::RubricSyntax, format!("{origin}: {message}"));
        }
        let column = char_column(text, e.line(), e.column());
        Error::new(
            ErrorKind::RubricSyntax,
            format!("{origin}:{}:{column}: {message}", e.line()),
        )
    })
}

/// serde_json ends its messages with " at line L column C"; we say that first.
pub(crate) fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    one_line(message)
}

/// serde_json counts columns in bytes; people count characters.
pub(crate) fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text[..end].chars().count().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_and_character_column() {
        let err = parse("{\n  \"name\": \"é\",,\n}", "r.json").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::RubricSyntax);
        assert!(err.message().starts_with("r.json:2:"), "{err}");
        assert!(!err.message().contains(" at line "), "{err}");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let text = r#"{"name":"x","version":"1","description":"d","threshold":50,"criteria":[],"wieght":1}"#;
        let err = parse(text, "r.json").unwrap_err();
        assert!(err.message().contains("unknown field `wieght`"), "{err}");
    }

    #[test]
    fn misspelt_example_field_is_named() {
        let text = r#"{"name":"x","version":"1","description":"d","threshold":50,"criteria":[
{"id":"a","description":"d","polarity":"expect","weight":1,"cues":[{"phrases":["a"]}],
 "examples":{"match":["plain", {"reply":"r","contxt":"c"}]}}]}"#;
        let err = parse(text, "r.json").unwrap_err();
        assert!(err.message().starts_with("r.json:3:"), "{err}");
        assert!(err.message().contains("unknown field `contxt`"), "{err}");
    }
}
