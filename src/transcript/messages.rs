//! The chat shapes: `{"messages": [{"role", "content"}, ...]}` and ShareGPT's
//! `{"conversations": [{"from", "value"}, ...]}`.
//!
//! Each message in the scored role (`assistant` unless [`ReadOptions::role`] says
//! otherwise) becomes one reply; its context is the text of the
//! [`ReadOptions::context_turns`] nearest earlier `user` messages, joined with
//! `"\n"`. Roles are compared after mapping ShareGPT's `human` to `user` and
//! `gpt` (and Gemini's `model`) to `assistant`. `content` is a string, a list of
//! content parts (the text parts are joined with `"\n"`, images and other parts
//! are skipped), or `null` for a turn with no text, such as an assistant turn
//! that only calls a tool.
//!
//! [`ReadOptions::role`]: super::ReadOptions::role
//! [`ReadOptions::context_turns`]: super::ReadOptions::context_turns

use std::collections::VecDeque;
use std::fmt;

use serde_json::Value;

use super::fields::{Location, expect_object, expect_string, non_empty, required};
use super::{ReadOptions, ReplyItem, Source};
use crate::error::Result;

/// The content part types whose `text` is read; OpenAI's Responses API uses the
/// `input_text` / `output_text` spellings.
const TEXT_PART_TYPES: [&str; 3] = ["text", "input_text", "output_text"];

/// The role whose messages give the context of the replies after them.
const USER_ROLE: &str = "user";

/// The field names of one chat shape.
#[derive(Debug, Clone, Copy)]
pub(super) struct ChatShape {
    /// The list of messages: `messages` or `conversations`.
    pub(super) list: &'static str,
    /// The key of a message's role: `role` or `from`.
    role: &'static str,
    /// The key of a message's text: `content` or `value`.
    content: &'static str,
}

/// `{"messages": [{"role", "content"}]}`: OpenAI, Anthropic and most chat logs.
pub(super) const MESSAGES: ChatShape = ChatShape {
    list: "messages",
    role: "role",
    content: "content",
};

/// `{"conversations": [{"from", "value"}]}`: ShareGPT.
pub(super) const SHAREGPT: ChatShape = ChatShape {
    list: "conversations",
    role: "from",
    content: "value",
};

/// The role as eqscore compares it: `human` is `user`; `gpt`, `chatgpt` and
/// `model` are `assistant`.
pub(super) fn canonical_role(role: &str) -> &str {
    match role {
        "human" => USER_ROLE,
        "gpt" | "chatgpt" | "model" => "assistant",
        other => other,
    }
}

/// What every reply of one chat record shares.
pub(super) struct Chat<'a> {
    /// The record's id.
    pub(super) id: Option<String>,
    /// The record's file and line.
    pub(super) source: Source,
    /// How the record is read.
    pub(super) opts: &'a ReadOptions,
    /// Where the record is, for errors.
    pub(super) at: Location<'a>,
}

/// The last few user messages, as many as form a context.
pub(super) struct RecentTurns {
    /// The texts, oldest first.
    texts: VecDeque<String>,
    /// How many to keep.
    keep: usize,
}

impl RecentTurns {
    /// Keeps the last `keep` user messages.
    pub(super) fn new(keep: usize) -> Self {
        RecentTurns {
            texts: VecDeque::with_capacity(keep),
            keep,
        }
    }

    /// Remembers a user message, forgetting the oldest one if there are too many.
    fn push(&mut self, text: String) {
        if self.keep == 0 {
            return;
        }
        if self.texts.len() == self.keep {
            self.texts.pop_front();
        }
        self.texts.push_back(text);
    }

    /// The remembered messages joined with `"\n"`, or `None` if there are none.
    pub(super) fn context(&self) -> Option<String> {
        if self.texts.is_empty() {
            return None;
        }
        let texts: Vec<&str> = self.texts.iter().map(String::as_str).collect();
        Some(texts.join("\n"))
    }
}

/// Appends one item per message of the scored role in the list `messages` to `out`.
pub(super) fn parse_messages(
    messages: Value,
    shape: ChatShape,
    chat: &Chat<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let scored = canonical_role(&chat.opts.role).to_owned();
    let mut recent = RecentTurns::new(chat.opts.context_turns);
    let walked = walk(
        messages,
        shape,
        &scored,
        chat.at,
        &mut recent,
        |turn, text, recent| {
            let Some(text) = text else { return Ok(()) };
            let field = MessageField::new(shape, turn, shape.content);
            let reply = non_empty(text, field, chat.at)?;
            out.push(ReplyItem {
                id: chat.id.clone(),
                source: chat.source.clone(),
                turn: Some(turn),
                context: recent.context(),
                reply,
                truncated: false,
            });
            Ok(())
        },
    );
    walked.map(drop)
}

/// Reads a request's `messages` for the reply that follows them: how many there
/// are (the reply's turn) and the context of the last user messages.
pub(super) fn request_context(
    messages: Value,
    opts: &ReadOptions,
    at: Location<'_>,
) -> Result<(usize, Option<String>)> {
    let mut recent = RecentTurns::new(opts.context_turns);
    let count = walk(messages, MESSAGES, "", at, &mut recent, |_, _, _| Ok(()))?;
    Ok((count, recent.context()))
}

/// Calls `visit(turn, text, recent user turns before it)` for every message of
/// the list `messages` in the (canonical) role `scored`, and remembers user
/// turns. Every message needs a role and a content; only the content of user and
/// scored messages is read. Returns the number of messages.
fn walk(
    messages: Value,
    shape: ChatShape,
    scored: &str,
    at: Location<'_>,
    recent: &mut RecentTurns,
    mut visit: impl FnMut(usize, Option<String>, &RecentTurns) -> Result<()>,
) -> Result<usize> {
    let Value::Array(messages) = messages else {
        return Err(at.wrong_type(shape.list, "an array", &messages));
    };
    let count = messages.len();
    for (turn, message) in messages.into_iter().enumerate() {
        let (role, content) = role_and_content(message, shape, turn, at)?;
        let role = canonical_role(&role);
        let is_user = role == USER_ROLE;
        if role != scored && !is_user {
            continue;
        }
        let field = MessageField::new(shape, turn, shape.content);
        let text = content_text(content, field, at)?;
        let (text, user_text) = match (is_user, role == scored) {
            (true, true) => (text.clone(), text),
            (true, false) => (None, text),
            (false, _) => (text, None),
        };
        if role == scored {
            visit(turn, text, recent)?;
        }
        if let Some(text) = user_text {
            recent.push(text);
        }
    }
    Ok(count)
}

/// The role string and the raw content of message `turn`; both are required.
fn role_and_content(
    message: Value,
    shape: ChatShape,
    turn: usize,
    at: Location<'_>,
) -> Result<(String, Value)> {
    let mut message = expect_object(message, MessageField::new(shape, turn, ""), at)?;
    let role_field = MessageField::new(shape, turn, shape.role);
    let role = required(&mut message, shape.role, role_field, at)?;
    let role = expect_string(role, role_field, at)?;
    let content_field = MessageField::new(shape, turn, shape.content);
    let content = required(&mut message, shape.content, content_field, at)?;
    Ok((role, content))
}

/// The text of a `content` value: `None` for `null`, text parts joined with `"\n"`.
/// `field` names it in errors.
pub(super) fn content_text(
    content: Value,
    field: impl FieldName,
    at: Location<'_>,
) -> Result<Option<String>> {
    let parts = match content {
        Value::Null => return Ok(None),
        Value::String(text) => return Ok(Some(text)),
        Value::Array(parts) => parts,
        other => {
            let expected = "a string or an array of content parts";
            return Err(at.wrong_type(field.name(), expected, &other));
        }
    };
    let mut texts = Vec::new();
    for (index, part) in parts.into_iter().enumerate() {
        texts.extend(part_text(part, &field.part(index), at)?);
    }
    Ok(Some(texts.join("\n")))
}

/// The `text` of a content part whose `type` is a text type; `None` for other parts.
fn part_text(part: Value, field: &str, at: Location<'_>) -> Result<Option<String>> {
    let mut part = expect_object(part, field, at)?;
    let type_field = format!("{field}.type");
    let kind = required(&mut part, "type", &type_field, at)?;
    let kind = expect_string(kind, &type_field, at)?;
    if !TEXT_PART_TYPES.contains(&kind.as_str()) {
        return Ok(None);
    }
    let text_field = format!("{field}.text");
    let text = required(&mut part, "text", &text_field, at)?;
    expect_string(text, &text_field, at).map(Some)
}

/// A field that holds content, as error messages spell it and its parts.
pub(super) trait FieldName {
    /// The field itself: `messages[2].content`.
    fn name(&self) -> String;
    /// Its content part `index`: `messages[2].content[0]`.
    fn part(&self, index: usize) -> String {
        format!("{}[{index}]", self.name())
    }
}

impl FieldName for &str {
    fn name(&self) -> String {
        (*self).to_owned()
    }
}

impl FieldName for MessageField {
    fn name(&self) -> String {
        self.to_string()
    }
}

/// A field of a message as error messages spell it: `messages[2].role`.
#[derive(Debug, Clone, Copy)]
pub(super) struct MessageField {
    /// The shape, for the list's name.
    shape: ChatShape,
    /// Index of the message.
    turn: usize,
    /// The key, or `""` for the message itself.
    key: &'static str,
}

impl MessageField {
    /// Field `key` of message `turn` (`""`: the message itself).
    fn new(shape: ChatShape, turn: usize, key: &'static str) -> Self {
        MessageField { shape, turn, key }
    }
}

impl fmt::Display for MessageField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.shape.list, self.turn)?;
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
            truncated: false,
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
    fn sharegpt_conversations_map_human_and_gpt() {
        let line = r#"{"id": "sg-1", "conversations": [{"from": "system", "value": "Be kind."},
            {"from": "human", "value": "我很难过。"}, {"from": "gpt", "value": "听起来你很难过。"}]}"#;
        let want = [turn(
            Some("sg-1"),
            2,
            Some("我很难过。"),
            "听起来你很难过。",
        )];
        assert_eq!(parse(&line.replace('\n', " ")), want);
        let bad = r#"{"conversations": [{"from": "gpt"}]}"#;
        assert_eq!(
            parse_error(bad),
            r#"t.jsonl:7: field "conversations[0].value" is missing"#
        );
    }

    #[test]
    fn context_turns_takes_the_last_user_turns_in_order() {
        let opts = ReadOptions {
            context_turns: 2,
            ..ReadOptions::default()
        };
        let line = r#"{"messages": [{"role": "user", "content": "A"}, {"role": "user", "content": "B"},
            {"role": "assistant", "content": "x"}, {"role": "user", "content": "C"},
            {"role": "assistant", "content": "y"}]}"#;
        let want = [
            turn(None, 2, Some("A\nB"), "x"),
            turn(None, 4, Some("B\nC"), "y"),
        ];
        assert_eq!(parse_with(&line.replace('\n', " "), &opts).unwrap(), want);
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
            (r#""\u200b ""#, r#""messages[0].content" is empty"#),
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
