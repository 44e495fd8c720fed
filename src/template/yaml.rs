//! Chat messages in YAML templates.
//!
//! The same shapes as [`super::json`]: any sequence of `{role, content}`
//! mappings (content a string or a list of `{type: text, text}` parts), or of
//! `[role, text]` pairs, is one conversation.
//!
//! Parsed with `saphyr`, whose marked nodes carry the span of every scalar,
//! so a message's text maps back to its bytes in the file (block scalars,
//! quotes and indentation included).

use saphyr::{LoadableYamlNode, MarkedYaml, Marker, Scalar, YamlData};

use super::{Ignore, Turn, align};
use crate::error::Result;

/// The conversations of a YAML template (every document of the stream).
///
/// # Errors
///
/// The file is not valid YAML.
pub fn turns(source: &str, origin: &str) -> Result<Vec<Vec<Turn>>> {
    let docs = MarkedYaml::load_from_str(source).map_err(|e| {
        let m = e.marker();
        let what = format!("invalid YAML: {}", e.info());
        super::syntax_error(origin, m.line(), m.col() + 1, &what)
    })?;
    let bytes = CharIndex::new(source);
    let mut found = Vec::new();
    for doc in &docs {
        walk(source, &bytes, doc, &mut found, 0);
    }
    Ok(found)
}

/// Char index → byte offset (saphyr's markers count characters).
struct CharIndex(Option<Vec<usize>>);

impl CharIndex {
    fn new(source: &str) -> CharIndex {
        if source.is_ascii() {
            return CharIndex(None);
        }
        let mut table: Vec<usize> = source.char_indices().map(|(i, _)| i).collect();
        table.push(source.len());
        CharIndex(Some(table))
    }

    fn byte(&self, marker: &Marker) -> usize {
        match &self.0 {
            None => marker.index(),
            Some(table) => table
                .get(marker.index())
                .or(table.last())
                .copied()
                .unwrap_or_default(),
        }
    }
}

fn walk(
    source: &str,
    bytes: &CharIndex,
    node: &MarkedYaml,
    found: &mut Vec<Vec<Turn>>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    match &node.data {
        YamlData::Sequence(items) => {
            let turns: Vec<Turn> = items
                .iter()
                .filter_map(|item| message(source, bytes, item))
                .collect();
            if !turns.is_empty() {
                found.push(turns);
                return;
            }
            for item in items {
                walk(source, bytes, item, found, depth + 1);
            }
        }
        YamlData::Mapping(members) => {
            for item in members.values() {
                walk(source, bytes, item, found, depth + 1);
            }
        }
        _ => {}
    }
}

fn string<'a>(node: &'a MarkedYaml<'_>) -> Option<&'a str> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s),
        _ => None,
    }
}

fn get<'a, 'b>(node: &'a MarkedYaml<'b>, key: &str) -> Option<&'a MarkedYaml<'b>> {
    match &node.data {
        YamlData::Mapping(members) => members
            .iter()
            .find(|(k, _)| string(k) == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// One message, if `item` has the shape of one.
fn message(source: &str, bytes: &CharIndex, item: &MarkedYaml) -> Option<Turn> {
    let (role, content) = match &item.data {
        YamlData::Mapping(_) => (string(get(item, "role")?)?, get(item, "content")?),
        YamlData::Sequence(pair) => {
            let [first, second] = pair.as_slice() else {
                return None;
            };
            let role = string(first)?;
            let known = ["user", "human", "assistant", "ai", "system"];
            known
                .contains(&role.to_ascii_lowercase().as_str())
                .then_some(())?;
            (role, second)
        }
        _ => return None,
    };
    let (text, offsets) = content_text(source, bytes, content)?;
    let role = match role.to_ascii_lowercase().as_str() {
        "human" => "user".to_string(),
        "ai" => "assistant".to_string(),
        other => other.to_string(),
    };
    Some(Turn {
        role,
        text,
        offsets,
        start: bytes.byte(&item.span.start),
        ignore: Ignore::Nothing,
    })
}

/// A string, or the `text` parts of a list joined by line breaks.
fn content_text(
    source: &str,
    bytes: &CharIndex,
    node: &MarkedYaml,
) -> Option<(String, Vec<usize>)> {
    if let Some(text) = string(node) {
        let span = bytes.byte(&node.span.start)..bytes.byte(&node.span.end);
        let span = span.start.min(source.len())..span.end.clamp(span.start, source.len());
        return Some((text.to_string(), align(source, span, text)));
    }
    let YamlData::Sequence(parts) = &node.data else {
        return None;
    };
    let (mut text, mut offsets) = (String::new(), Vec::new());
    for part in parts {
        let Some(part_node) = get(part, "text") else {
            continue;
        };
        let (part_text, part_offsets) = content_text(source, bytes, part_node)?;
        if !text.is_empty() {
            let end = offsets.pop().unwrap_or_default();
            text.push('\n');
            offsets.push(end);
        }
        text.push_str(&part_text);
        offsets.extend(part_offsets);
    }
    (!text.is_empty()).then_some((text, offsets))
}
