//! The single-reply shape: `{"id"?, "context"|"prompt"|"input"?, "reply"|...}`.
//!
//! Which reply and context field the record uses was settled (and checked to be
//! unique) by the caller; here they are read as strings and the reply is checked
//! not to be blank.

use serde_json::{Map, Value};

use super::fields::{Location, non_empty, take_string};
use super::{ReplyItem, Source};
use crate::error::Result;

/// The fields of a single-reply record that hold its reply and its context.
#[derive(Debug, Clone, Copy)]
pub(super) struct SingleKeys {
    /// `reply`, `response`, `output` or `completion`.
    pub(super) reply: &'static str,
    /// `context`, `prompt` or `input`, if the record has one.
    pub(super) context: Option<&'static str>,
}

/// The one item of a single-reply record.
pub(super) fn single_reply(
    mut record: Map<String, Value>,
    keys: SingleKeys,
    id: Option<String>,
    source: Source,
    at: Location<'_>,
) -> Result<ReplyItem> {
    let reply = take_string(&mut record, keys.reply, at)?;
    let reply = non_empty(reply, keys.reply, at)?;
    let context = match keys.context {
        Some(key) => Some(take_string(&mut record, key, at)?),
        None => None,
    };
    let turn = None;
    Ok(ReplyItem {
        id,
        source,
        turn,
        context,
        reply,
        truncated: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::transcript::testing::{parse, parse_error, single};

    #[test]
    fn single_reply_with_every_reply_field() {
        for key in ["reply", "response", "output", "completion"] {
            let line = format!(r#"{{"{key}": "I hear you."}}"#);
            assert_eq!(parse(&line), [single(None, None, "I hear you.")], "{key}");
        }
    }

    #[test]
    fn single_reply_with_every_context_field() {
        for key in ["context", "prompt", "input"] {
            let line = format!(r#"{{"{key}": "I lost my job", "reply": "I'm sorry."}}"#);
            let want = single(None, Some("I lost my job"), "I'm sorry.");
            assert_eq!(parse(&line), [want], "{key}");
        }
    }

    #[test]
    fn string_id_extra_fields_and_escapes() {
        let line = r#"{"id": "a1", "model": "x", "prompt": "Hi", "response": "Line\none \"é\""}"#;
        assert_eq!(
            parse(line),
            [single(Some("a1"), Some("Hi"), "Line\none \"é\"")]
        );
    }

    #[test]
    fn fields_of_the_wrong_type() {
        let cases = [
            (
                r#"{"reply": 3}"#,
                r#"field "reply" must be a string, found a number"#,
            ),
            (
                r#"{"output": null}"#,
                r#"field "output" must be a string, found null"#,
            ),
            (
                r#"{"prompt": ["a"], "reply": "b"}"#,
                r#"field "prompt" must be a string, found an array"#,
            ),
            (
                r#"{"id": true, "reply": "b"}"#,
                r#"field "id" must be a string or an integer, found a boolean"#,
            ),
            (
                r#"{"id": {}, "reply": "b"}"#,
                r#"field "id" must be a string or an integer, found an object"#,
            ),
            (
                r#"{"id": 1.5, "reply": "b"}"#,
                r#"field "id" must be a string or an integer, found a non-integer number"#,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_error(line), format!("t.jsonl:7: {want}"), "{line}");
        }
    }

    #[test]
    fn empty_or_blank_reply() {
        assert_eq!(
            parse_error(r#"{"reply": ""}"#),
            r#"t.jsonl:7: field "reply" is empty"#
        );
        let line = r#"{"completion": " \n\t"}"#;
        assert_eq!(
            parse_error(line),
            r#"t.jsonl:7: field "completion" is empty"#
        );
    }
}
