//! The chat shape: `{"messages": [{"role", "content"}, ...]}`.
//!
//! Each message in the scored role (`assistant` unless [`ReadOptions::role`] says
//! otherwise) becomes one reply; its context is the text of the nearest earlier
//! `user` message. `content` is a string, a list of content parts (the text parts
//! are joined with `"\n"`, images and other parts are skipped), or `null` for a
//! turn with no text, such as an assistant turn that only calls a tool.
//!
//! [`ReadOptions::role`]: super::ReadOptions::role

use std::fmt;

use serde_json::Value;

use super::fields::{Location, expect_object, expect_string, non_empty, required};
use super::{ReplyItem, Source};
use crate::error::Result;

/// The content part types whose `text` is read; OpenAI's Responses API uses the
/// `input_text` / `output_text` spellings.
const TEXT_PART_TYPES: [&str; 3] = ["text", "input_text", "output_text"];

/// The role whose messages give the context of the replies after them.
const USER_ROLE: &str = "user";

/// What every reply of one `messages` record shares.
pub(super) struct Chat<'a> {
    /// The record's `id`.
    pub(super) id: Option<String>,
    /// The record's file and line.
    pub(super) source: Source,
    /// The role whose messages are scored.
    pub(super) role: &'a str,
    /// Where the record is, for errors.
    pub(super) at: Location<'a>,
}

impl Chat<'_> {
    /// The reply item for message `turn`, or `None` for a turn without text.
    fn item(
        &self,
        turn: usize,
        context: Option<&str>,
        text: Option<String>,
    ) -> Result<Option<ReplyItem>> {
        let Some(text) = text else { return Ok(None) };
        let reply = non_empty(text, MessageField::new(turn, "content"), self.at)?;
        Ok(Some(ReplyItem {
            id: self.id.clone(),
            source: self.source.clone(),
            turn: Some(turn),
            context: context.map(str::to_owned),
            reply,
        }))
    }
}

/// Appends one item per message of `chat.role` in `messages` (a JSON array) to `out`.
pub(super) fn parse_messages(
    messages: Value,
    chat: &Chat<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = chat.at;
    let Value::Array(messages) = messages else {
        return Err(at.wrong_type("messages", "an array", &messages));
    };
    let mut context = None;
    for (turn, message) in messages.into_iter().enumerate() {
        let (role, content) = role_and_content(message, turn, at)?;
        let scored = role == chat.role;
        let is_user = role == USER_ROLE;
        if !scored && !is_user {
            continue;
        }
        let text = content_text(content, turn, at)?;
        if !is_user {
            out.extend(chat.item(turn, context.as_deref(), text)?);
            continue;
        }
        if scored {
            // The scored role is `user`: each user turn answers the one before.
            out.extend(chat.item(turn, context.as_deref(), text.clone())?);
        }
        context = text;
    }
    Ok(())
}

/// The `role` string and the raw `content` of message `turn`; both are required.
fn role_and_content(message: Value, turn: usize, at: Location<'_>) -> Result<(String, Value)> {
    let mut message = expect_object(message, MessageField::new(turn, ""), at)?;
    let role_field = MessageField::new(turn, "role");
    let role = required(&mut message, "role", role_field, at)?;
    let role = expect_string(role, role_field, at)?;
    let content = required(
        &mut message,
        "content",
        MessageField::new(turn, "content"),
        at,
    )?;
    Ok((role, content))
}

/// The text of a message's `content`: `None` for `null`, text parts joined with `"\n"`.
fn content_text(content: Value, turn: usize, at: Location<'_>) -> Result<Option<String>> {
    let field = MessageField::new(turn, "content");
    let parts = match content {
        Value::Null => return Ok(None),
        Value::String(text) => return Ok(Some(text)),
        Value::Array(parts) => parts,
        other => {
            let expected = "a string or an array of content parts";
            return Err(at.wrong_type(field, expected, &other));
        }
    };
    let mut texts = Vec::new();
    for (index, part) in parts.into_iter().enumerate() {
        texts.extend(part_text(part, field.part(index), at)?);
    }
    Ok(Some(texts.join("\n")))
}

/// The `text` of a content part whose `type` is a text type; `None` for other parts.
fn part_text(part: Value, field: MessageField, at: Location<'_>) -> Result<Option<String>> {
    let mut part = expect_object(part, field, at)?;
    let kind = required(&mut part, "type", field.key("type"), at)?;
    let kind = expect_string(kind, field.key("type"), at)?;
    if !TEXT_PART_TYPES.contains(&kind.as_str()) {
        return Ok(None);
    }
    let text = required(&mut part, "text", field.key("text"), at)?;
    expect_string(text, field.key("text"), at).map(Some)
}

/// A field inside `messages` as error messages spell it: `messages[2].content[0].text`.
#[derive(Debug, Clone, Copy)]
struct MessageField {
    /// Index of the message.
    turn: usize,
    /// Index of the content part, if the field is inside one.
    part: Option<usize>,
    /// The key, or `""` for the message or part itself.
    key: &'static str,
}

impl MessageField {
    /// Field `key` of message `turn` (`""`: the message itself).
    fn new(turn: usize, key: &'static str) -> Self {
        MessageField {
            turn,
            part: None,
            key,
        }
    }

    /// Content part `index` of this message.
    fn part(self, index: usize) -> Self {
        MessageField {
            part: Some(index),
            key: "",
            ..self
        }
    }

    /// Field `key` of this message or part.
    fn key(self, key: &'static str) -> Self {
        MessageField { key, ..self }
    }
}

impl fmt::Display for MessageField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "messages[{}]", self.turn)?;
        if let Some(part) = self.part {
            write!(f, ".content[{part}]")?;
        }
        if !self.key.is_empty() {
            write!(f, ".{}", self.key)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::transcript::testing::{LINE, PATH, parse, parse_error, parse_with, source};
    use crate::transcript::{ReadOptions, ReplyItem};

    /// An item of the `messages` record on the test line.
    fn turn(id: Option<&str>, turn: usize, context: Option<&str>, reply: &str) -> ReplyItem {
        ReplyItem {
            id: id.map(str::to_owned),
            source: source(PATH, LINE),
            turn: Some(turn),
            context: context.map(str::to_owned),
            reply: reply.to_owned(),
        }
    }

    #[test]
    fn two_assistant_turns_each_with_the_user_message_before() {
        let line = r#"{"id": 9, "messages": [
            {"role": "user", "content": "I failed my exam."},
            {"role": "assistant", "content": "That sounds hard."},
            {"role": "user", "content": "I studied so much."},
            {"role": "assistant", "content": "It makes sense you feel let down."}]}"#;
        let want = [
            turn(Some("9"), 1, Some("I failed my exam."), "That sounds hard."),
            turn(
                Some("9"),
                3,
                Some("I studied so much."),
                "It makes sense you feel let down.",
            ),
        ];
        assert_eq!(parse(&line.replace('\n', " ")), want);
    }

    #[test]
    fn context_is_the_nearest_earlier_user_message() {
        let line = r#"{"messages": [{"role": "assistant", "content": "Hi!"},
            {"role": "system", "content": "Be kind."}, {"role": "user", "content": "Sad."},
            {"role": "tool", "content": 3}, {"role": "assistant", "content": "Oh no."},
            {"role": "assistant", "content": "Tell me more."}]}"#;
        let want = [
            turn(None, 0, None, "Hi!"),
            turn(None, 4, Some("Sad."), "Oh no."),
            turn(None, 5, Some("Sad."), "Tell me more."),
        ];
        assert_eq!(parse(&line.replace('\n', " ")), want);
    }

    #[test]
    fn a_record_without_assistant_messages_yields_nothing() {
        assert_eq!(
            parse(r#"{"messages": [{"role": "user", "content": "Hello?"}]}"#),
            []
        );
        assert_eq!(parse(r#"{"messages": []}"#), []);
    }

    #[test]
    fn content_parts_join_text_and_skip_images() {
        let line = r#"{"messages": [{"role": "user", "content": [{"type": "input_text", "text": "Look:"},
            {"type": "image_url", "image_url": {"url": "x.png"}}]},
            {"role": "assistant", "content": [{"type": "text", "text": "I see."},
            {"type": "image", "source": {}}, {"type": "output_text", "text": "It's lovely."}]}]}"#;
        let want = turn(None, 1, Some("Look:"), "I see.\nIt's lovely.");
        assert_eq!(parse(&line.replace('\n', " ")), [want]);
    }

    #[test]
    fn null_content_is_a_turn_without_text() {
        let line = r#"{"messages": [{"role": "user", "content": "Book it."},
            {"role": "assistant", "content": null, "tool_calls": []},
            {"role": "assistant", "content": "Done!"}]}"#;
        assert_eq!(
            parse(&line.replace('\n', " ")),
            [turn(None, 2, Some("Book it."), "Done!")]
        );
    }

    #[test]
    fn the_scored_role_is_configurable() {
        let opts = ReadOptions {
            role: "bot".to_owned(),
            ..ReadOptions::default()
        };
        let line = r#"{"messages": [{"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "no"}, {"role": "bot", "content": "yes"}]}"#;
        let items = parse_with(&line.replace('\n', " "), &opts).unwrap();
        assert_eq!(items, [turn(None, 2, Some("Hi"), "yes")]);
    }

    #[test]
    fn scoring_user_turns_takes_the_user_turn_before_as_context() {
        let opts = ReadOptions {
            role: "user".to_owned(),
            ..ReadOptions::default()
        };
        let line =
            r#"{"messages": [{"role": "user", "content": "A"}, {"role": "user", "content": "B"}]}"#;
        let want = [turn(None, 0, None, "A"), turn(None, 1, Some("A"), "B")];
        assert_eq!(parse_with(line, &opts).unwrap(), want);
    }

    #[test]
    fn malformed_messages() {
        let cases = [
            (
                r#"{"messages": {}}"#,
                r#"field "messages" must be an array, found an object"#,
            ),
            (
                r#"{"messages": null}"#,
                r#"field "messages" must be an array, found null"#,
            ),
            (
                r#"{"messages": ["hi"]}"#,
                r#"field "messages[0]" must be an object, found a string"#,
            ),
            (
                r#"{"messages": [{"content": "hi"}]}"#,
                r#"field "messages[0].role" is missing"#,
            ),
            (
                r#"{"messages": [{"role": 1, "content": "hi"}]}"#,
                r#"field "messages[0].role" must be a string, found a number"#,
            ),
            (
                r#"{"messages": [{"role": "system"}]}"#,
                r#"field "messages[0].content" is missing"#,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_error(line), format!("t.jsonl:7: {want}"), "{line}");
        }
    }

    #[test]
    fn malformed_content() {
        let content_error = |content: &str| {
            let line =
                format!(r#"{{"messages": [{{"role": "assistant", "content": {content}}}]}}"#);
            parse_error(&line)
        };
        let cases = [
            (
                "1",
                r#""messages[0].content" must be a string or an array of content parts, found a number"#,
            ),
            (
                r#"["hi"]"#,
                r#""messages[0].content[0]" must be an object, found a string"#,
            ),
            (
                r#"[{"text": "hi"}]"#,
                r#""messages[0].content[0].type" is missing"#,
            ),
            (
                r#"[{"type": "text"}]"#,
                r#""messages[0].content[0].text" is missing"#,
            ),
            (
                r#"[{"type": "image"}, {"type": "text", "text": null}]"#,
                r#""messages[0].content[1].text" must be a string, found null"#,
            ),
            (r#"" ""#, r#""messages[0].content" is empty"#),
            (
                r#"[{"type": "image_url", "image_url": {}}]"#,
                r#""messages[0].content" is empty"#,
            ),
        ];
        for (content, want) in cases {
            assert_eq!(
                content_error(content),
                format!("t.jsonl:7: field {want}"),
                "{content}"
            );
        }
    }

    #[test]
    fn user_content_is_checked_too() {
        let line = r#"{"messages": [{"role": "user", "content": {}}]}"#;
        let want = r#"t.jsonl:7: field "messages[0].content" must be a string or an array of content parts, found an object"#;
        assert_eq!(parse_error(line), want);
    }
}
