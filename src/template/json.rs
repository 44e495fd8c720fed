//! Chat messages in JSON templates.
//!
//! Any array in the document whose elements look like messages is read as
//! one conversation:
//!
//! * `{"role": ..., "content": ...}` objects (OpenAI and Anthropic request
//!   bodies, promptfoo prompt files), where `content` is a string or a list of
//!   `{"type": "text", "text": ...}` parts;
//! * `[role, text]` pairs, as LangChain's `from_messages` takes them;
//! * LangChain serialized messages (`{"lc": 1, "id": [..., "AIMessagePromptTemplate"],
//!   "kwargs": {"prompt": {"kwargs": {"template": ...}}}}` or `kwargs.content`).
//!
//! Positions come from the rubric's JSON locator ([`crate::rubric::locate`]),
//! so the text of a message maps back to its bytes in the file.

use serde_json::Value;

use super::{Ignore, Turn, align};
use crate::error::Result;
use crate::rubric::locate::{self, JsonPath, Target};

/// The conversations of a JSON template, each a list of turns.
///
/// # Errors
///
/// The file is not valid JSON.
pub fn turns(source: &str, origin: &str) -> Result<Vec<Vec<Turn>>> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let at = locate::offset(source, e.line(), e.column());
        let (line, column) = super::line_column(source, at);
        let message = e.to_string();
        let message = message.split(" at line").next().unwrap_or_default();
        super::syntax_error(origin, line, column, &format!("invalid JSON: {message}"))
    })?;
    let mut found = Vec::new();
    walk(source, &value, &JsonPath::root(), &mut found, 0);
    Ok(found)
}

fn walk(source: &str, value: &Value, path: &JsonPath, found: &mut Vec<Vec<Turn>>, depth: usize) {
    if depth > 64 {
        return;
    }
    match value {
        Value::Array(items) => {
            let turns: Vec<Turn> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| message(source, item, &path.index(i)))
                .collect();
            if !turns.is_empty() {
                found.push(turns);
                return;
            }
            for (i, item) in items.iter().enumerate() {
                walk(source, item, &path.index(i), found, depth + 1);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                walk(source, item, &path.key(key), found, depth + 1);
            }
        }
        _ => {}
    }
}

/// One message, if `item` has the shape of one.
fn message(source: &str, item: &Value, path: &JsonPath) -> Option<Turn> {
    let (role, text_path) = match item {
        Value::Object(m) if m.get("role").is_some_and(Value::is_string) => {
            (m.get("role")?.as_str()?.to_string(), path.key("content"))
        }
        Value::Object(m) if m.contains_key("lc") => langchain(m, path)?,
        Value::Array(pair) => {
            let [role, Value::String(_)] = pair.as_slice() else {
                return None;
            };
            let role = role.as_str()?;
            if !is_role(role) {
                return None;
            }
            (role.to_string(), path.index(1))
        }
        _ => return None,
    };
    let start = locate::find(source, path, Target::Value)?.start;
    let (text, offsets) = content(source, lookup(item, path, &text_path)?, &text_path)?;
    Some(Turn {
        role: normalise_role(&role),
        text,
        offsets,
        start,
        ignore: ignore_field(item),
    })
}

fn is_role(role: &str) -> bool {
    matches!(
        role.to_ascii_lowercase().as_str(),
        "user" | "human" | "assistant" | "ai" | "system" | "placeholder"
    )
}

fn normalise_role(role: &str) -> String {
    match role.to_ascii_lowercase().as_str() {
        "human" => "user".to_string(),
        "ai" | "model" | "bot" => "assistant".to_string(),
        other => other.to_string(),
    }
}

/// Role and text path of a LangChain serialized message.
fn langchain(m: &serde_json::Map<String, Value>, path: &JsonPath) -> Option<(String, JsonPath)> {
    let class = m.get("id")?.as_array()?.last()?.as_str()?;
    let role = if class.starts_with("Human") {
        "user"
    } else if class.starts_with("AI") {
        "assistant"
    } else if class.starts_with("System") {
        "system"
    } else {
        return None;
    };
    let kwargs = m.get("kwargs")?;
    let text_path = if kwargs.get("content").is_some() {
        path.key("kwargs").key("content")
    } else {
        let prompt = path.key("kwargs").key("prompt");
        prompt.key("kwargs").key("template")
    };
    Some((role.to_string(), text_path))
}

/// The value at `target`, which lies under `base` (the path of `item`).
fn lookup<'a>(item: &'a Value, base: &JsonPath, target: &JsonPath) -> Option<&'a Value> {
    let mut value = item;
    for step in target.steps().get(base.steps().len()..)? {
        value = match step {
            locate::Step::Key(key) => value.get(key)?,
            locate::Step::Index(i) => value.get(*i)?,
        };
    }
    Some(value)
}

/// The text of a `content` value and its offsets: a string, or the text
/// parts of a list joined by line breaks.
fn content(source: &str, value: &Value, path: &JsonPath) -> Option<(String, Vec<usize>)> {
    if let Some(text) = value.as_str() {
        let span = locate::find(source, path, Target::Value)?;
        return Some((text.to_string(), align(source, span, text)));
    }
    let (mut text, mut offsets) = (String::new(), Vec::new());
    for (i, part) in value.as_array()?.iter().enumerate() {
        let Some(part_text) = part.get("text").and_then(Value::as_str) else {
            continue;
        };
        let span = locate::find(source, &path.index(i).key("text"), Target::Value)?;
        if !text.is_empty() {
            let end = offsets.pop().unwrap_or(span.start);
            text.push('\n');
            offsets.push(end);
        }
        text.push_str(part_text);
        offsets.extend(align(source, span, part_text));
    }
    (!text.is_empty()).then_some((text, offsets))
}

/// `"x-eqscore-ignore": true | [ids]` on a message.
fn ignore_field(item: &Value) -> Ignore {
    match item.get("x-eqscore-ignore") {
        Some(Value::Bool(true)) => Ignore::All,
        Some(Value::Array(ids)) => Ignore::Criteria(
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
        ),
        Some(Value::String(id)) => Ignore::Criteria(vec![id.clone()]),
        _ => Ignore::Nothing,
    }
}
