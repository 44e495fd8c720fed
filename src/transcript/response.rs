//! Response shapes: the reply is a model's answer object rather than a field.
//!
//! - OpenAI chat completions: `{"choices": [{"message": {"content"}}]}`, with the
//!   request's `messages` beside it in a log line (`{"messages", "choices"}`), or
//!   `{"request": {...}, "response": {...}}`. Each choice is one reply, in order;
//!   legacy completions' `{"text"}` choices too.
//! - OpenAI batch output: `{"custom_id", "response": {"status_code", "body":
//!   {"choices"}}, "error"}`. The request is not in the output file, so such a
//!   reply has no context and no turn; a line whose `error` is set, or whose body
//!   is an error, is a bad record naming the error.
//! - Anthropic messages: `{"role": "assistant", "content": [{"type": "text",
//!   "text"}]}`, alone or as the `response` of a request/response pair.
//!
//! When the request's `messages` are known, the reply's `turn` is their count
//! (the index the reply would take in them) and its context is the last user
//! turns, as for the chat shape. Otherwise a top-level `context`/`prompt`/`input`
//! string is the context, if there is one.

use serde_json::{Map, Value};

use super::fields::{Location, expect_object, expect_string, non_empty, required};
use super::messages::{canonical_role, content_text, request_context};
use super::{ReadOptions, ReplyItem, Source};
use crate::error::Result;

/// Which response shape a record has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// `choices` at the top level.
    Choices,
    /// A `response` object (or an `error` object), maybe with a `request`.
    Wrapped,
    /// `role` and `content` at the top level: one message.
    Message,
}

/// The response shape of `record`, if it has one.
pub(super) fn shape_of(record: &Map<String, Value>) -> Option<Shape> {
    let is_object = |key: &str| matches!(record.get(key), Some(Value::Object(_)));
    if record.contains_key("choices") {
        Some(Shape::Choices)
    } else if is_object("response") || is_object("error") {
        Some(Shape::Wrapped)
    } else if record.contains_key("role") && record.contains_key("content") {
        (!record.contains_key("messages")).then_some(Shape::Message)
    } else {
        None
    }
}

/// What the replies of one record share.
pub(super) struct Base<'a> {
    /// The record's id.
    pub(super) id: Option<String>,
    /// The record's file and line.
    pub(super) source: Source,
    /// How the record is read.
    pub(super) opts: &'a ReadOptions,
    /// Where the record is, for errors.
    pub(super) at: Location<'a>,
    /// The reply's turn, when the request's messages are known.
    pub(super) turn: Option<usize>,
    /// The reply's context.
    pub(super) context: Option<String>,
}

impl Base<'_> {
    /// The item for `text`, which must not be blank; `field` names it in errors.
    fn item(&self, text: String, field: &str) -> Result<ReplyItem> {
        Ok(ReplyItem {
            id: self.id.clone(),
            source: self.source.clone(),
            turn: self.turn,
            context: self.context.clone(),
            reply: non_empty(text, field, self.at)?,
            truncated: false,
        })
    }
}

/// Appends the replies of a record of shape `shape` to `out`.
pub(super) fn parse_response(
    mut record: Map<String, Value>,
    shape: Shape,
    context_key: Option<&str>,
    mut base: Base<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = base.at;
    if let Some(key) = context_key {
        let context = required(&mut record, key, key, at)?;
        base.context = Some(expect_string(context, key, at)?);
    }
    match shape {
        Shape::Choices => {
            if let Some(messages) = record.remove("messages") {
                (base.turn, base.context) = turn_and_context(messages, &base)?;
            }
            parse_choices(
                required(&mut record, "choices", "choices", at)?,
                "",
                &base,
                out,
            )
        }
        Shape::Message => parse_message(record, "", &base, out),
        Shape::Wrapped => parse_wrapped(record, base, out),
    }
}

/// The turn and context a request's `messages` give the reply after them.
fn turn_and_context(messages: Value, base: &Base<'_>) -> Result<(Option<usize>, Option<String>)> {
    let (count, context) = request_context(messages, base.opts, base.at)?;
    Ok((Some(count), context))
}

/// `{"request"?, "response": {...}, "error"?}`.
fn parse_wrapped(
    mut record: Map<String, Value>,
    mut base: Base<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = base.at;
    if let Some(Value::Object(error)) = record.get("error") {
        return Err(at.error(format_args!("the request failed: {}", error_text(error))));
    }
    let mut prefix = String::from("response");
    let mut response = expect_object(
        required(&mut record, "response", "response", at)?,
        "response",
        at,
    )?;
    if let Some(body) = response.remove("body") {
        prefix.push_str(".body");
        response = expect_object(body, &prefix, at)?;
    }
    if let Some(request) = record.remove("request").filter(|value| !value.is_null()) {
        let mut request = expect_object(request, "request", at)?;
        if let Some(Value::Object(body)) = request.remove("body") {
            request = body;
        }
        if let Some(messages) = request.remove("messages") {
            (base.turn, base.context) = turn_and_context(messages, &base)?;
        }
    }
    if let Some(Value::Object(error)) = response.get("error") {
        return Err(at.error(format_args!("the request failed: {}", error_text(error))));
    }
    if let Some(choices) = response.remove("choices") {
        return parse_choices(choices, &format!("{prefix}."), &base, out);
    }
    if response.contains_key("content") {
        return parse_message(response, &format!("{prefix}."), &base, out);
    }
    Err(at.error(format_args!(
        "no reply found in \"{prefix}\": expected \"choices\" or \"content\""
    )))
}

/// One reply per choice of `choices`; a choice without text (a tool call) gives none.
fn parse_choices(
    choices: Value,
    prefix: &str,
    base: &Base<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = base.at;
    let field = format!("{prefix}choices");
    let Value::Array(choices) = choices else {
        return Err(at.wrong_type(&field, "an array", &choices));
    };
    for (index, choice) in choices.into_iter().enumerate() {
        let field = format!("{field}[{index}]");
        let mut choice = expect_object(choice, &field, at)?;
        if let Some(text) = choice.remove("text") {
            let text_field = format!("{field}.text");
            let text = expect_string(text, &text_field, at)?;
            out.push(base.item(text, &text_field)?);
            continue;
        }
        let message_field = format!("{field}.message");
        let message = required(&mut choice, "message", &message_field, at)?;
        let message = expect_object(message, &message_field, at)?;
        parse_message(message, &format!("{message_field}."), base, out)?;
    }
    Ok(())
}

/// One message object `{"role"?, "content"}`: its text is one reply, if its role
/// (when it has one) is the scored role and it has text.
fn parse_message(
    mut message: Map<String, Value>,
    prefix: &str,
    base: &Base<'_>,
    out: &mut Vec<ReplyItem>,
) -> Result<()> {
    let at = base.at;
    if let Some(role) = message.remove("role") {
        let role = expect_string(role, format!("{prefix}role"), at)?;
        if canonical_role(&role) != canonical_role(&base.opts.role) {
            return Ok(());
        }
    }
    let field = format!("{prefix}content");
    let content = required(&mut message, "content", &field, at)?;
    if let Some(text) = content_text(content, field.as_str(), at)? {
        out.push(base.item(text, &field)?);
    }
    Ok(())
}

/// `code: message` of an API error object, or its kind when it has no message.
fn error_text(error: &Map<String, Value>) -> String {
    let text = |key: &str| error.get(key).and_then(Value::as_str);
    let message = text("message").unwrap_or("no message");
    match text("code").or_else(|| text("type")) {
        Some(code) => format!("{code}: {message}"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::transcript::testing::{LINE, PATH, parse, parse_error, parse_with, source};
    use crate::transcript::{ReadOptions, ReplyItem};

    /// A reply on the test line.
    fn item(
        id: Option<&str>,
        turn: Option<usize>,
        context: Option<&str>,
        reply: &str,
    ) -> ReplyItem {
        ReplyItem {
            id: id.map(str::to_owned),
            source: source(PATH, LINE),
            turn,
            context: context.map(str::to_owned),
            reply: reply.to_owned(),
            truncated: false,
        }
    }

    #[test]
    fn a_chat_completion_log_scores_each_choice_with_the_request_context() {
        let line = r#"{"id": "log-1", "model": "gpt-4o", "messages": [
            {"role": "system", "content": "Be kind."},
            {"role": "user", "content": "My order is late."},
            {"role": "assistant", "content": "Sorry! Which order?"},
            {"role": "user", "content": [{"type": "text", "text": "No. 1234"}]}],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "I'm sorry it's late."}},
                        {"index": 1, "message": {"role": "assistant", "content": null, "tool_calls": []}},
                        {"index": 2, "message": {"role": "assistant", "content": "Let me check."}}]}"#;
        let want = [
            item(
                Some("log-1"),
                Some(4),
                Some("No. 1234"),
                "I'm sorry it's late.",
            ),
            item(Some("log-1"), Some(4), Some("No. 1234"), "Let me check."),
        ];
        assert_eq!(parse(&line.replace('\n', " ")), want);
    }

    #[test]
    fn context_turns_joins_the_last_user_turns() {
        let opts = ReadOptions {
            context_turns: 2,
            ..ReadOptions::default()
        };
        let line = r#"{"messages": [{"role": "user", "content": "A"}, {"role": "assistant", "content": "x"},
            {"role": "user", "content": "B"}, {"role": "user", "content": "C"}],
            "choices": [{"message": {"content": "ok"}}]}"#;
        let items = parse_with(&line.replace('\n', " "), &opts).unwrap();
        assert_eq!(items, [item(None, Some(4), Some("B\nC"), "ok")]);
        let none = ReadOptions {
            context_turns: 0,
            ..ReadOptions::default()
        };
        let items = parse_with(&line.replace('\n', " "), &none).unwrap();
        assert_eq!(items, [item(None, Some(4), None, "ok")]);
    }

    #[test]
    fn a_bare_response_and_a_legacy_completion_have_no_context() {
        let response = r#"{"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"message": {"role": "assistant", "content": "Hi"}}]}"#;
        assert_eq!(
            parse(response),
            [item(Some("chatcmpl-1"), None, None, "Hi")]
        );
        let legacy = r#"{"prompt": "Q", "choices": [{"text": "A"}]}"#;
        assert_eq!(parse(legacy), [item(None, None, Some("Q"), "A")]);
    }

    #[test]
    fn batch_output_uses_custom_id_and_reports_failed_requests() {
        let ok = r#"{"id": "batch_req_1", "custom_id": "t-7", "response": {"status_code": 200,
            "body": {"id": "chatcmpl-9", "choices": [{"message": {"role": "assistant", "content": "I hear you."}}]}}, "error": null}"#;
        assert_eq!(
            parse(&ok.replace('\n', " ")),
            [item(Some("t-7"), None, None, "I hear you.")]
        );
        let failed = r#"{"custom_id": "t-8", "response": null, "error": {"code": "rate_limit", "message": "Too many requests"}}"#;
        assert_eq!(
            parse_error(failed),
            "t.jsonl:7: the request failed: rate_limit: Too many requests"
        );
        let body_error = r#"{"custom_id": "t-9", "response": {"status_code": 400, "body": {"error": {"message": "bad"}}}}"#;
        assert_eq!(
            parse_error(body_error),
            "t.jsonl:7: the request failed: bad"
        );
    }

    #[test]
    fn anthropic_messages_alone_or_with_their_request() {
        let response = r#"{"id": "msg_1", "type": "message", "role": "assistant",
            "content": [{"type": "text", "text": "That sounds hard."}, {"type": "tool_use", "id": "x"}]}"#;
        assert_eq!(
            parse(&response.replace('\n', " ")),
            [item(Some("msg_1"), None, None, "That sounds hard.")]
        );
        let pair = r#"{"request": {"system": "Be kind.", "messages": [{"role": "user", "content": [{"type": "text", "text": "I'm stuck."}]}]},
            "response": {"role": "assistant", "content": [{"type": "text", "text": "Let's look together."}]}}"#;
        assert_eq!(
            parse(&pair.replace('\n', " ")),
            [item(
                None,
                Some(1),
                Some("I'm stuck."),
                "Let's look together."
            )]
        );
    }

    #[test]
    fn malformed_responses() {
        let cases = [
            (
                r#"{"choices": {}}"#,
                r#"field "choices" must be an array, found an object"#,
            ),
            (
                r#"{"choices": [{}]}"#,
                r#"field "choices[0].message" is missing"#,
            ),
            (
                r#"{"choices": [{"message": {"content": 5}}]}"#,
                r#"field "choices[0].message.content" must be a string or an array of content parts, found a number"#,
            ),
            (
                r#"{"choices": [{"text": " "}]}"#,
                r#"field "choices[0].text" is empty"#,
            ),
            (
                r#"{"response": {"body": {"usage": {}}}}"#,
                r#"no reply found in "response.body": expected "choices" or "content""#,
            ),
            (
                r#"{"role": "assistant", "content": [{"type": "text"}]}"#,
                r#"field "content[0].text" is missing"#,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(parse_error(line), format!("t.jsonl:7: {want}"), "{line}");
        }
    }
}
