//! Line-based role sections, shared by [`super::markdown`] and [`super::prompty`].
//!
//! A marker line starts a turn (`assistant:`, `## User`, `Assistant: text`);
//! the turn's text runs until the next marker or a line that ends it (another
//! heading, a code fence, a rule). Lines holding an `eqscore: ignore`
//! directive are left out of the text.

use super::{Ignore, Turn};

/// What a line is, to the section reader.
pub(super) enum Line {
    /// Starts a turn of `role`; its text starts at this byte of the line
    /// (the line's length when the marker stands alone).
    Marker(&'static str, usize),
    /// Ends the current turn and is not text.
    Break,
    /// Text of the current turn (or outside any turn).
    Text,
}

/// The turns of `source[from..]`, reading each line with `classify`.
pub(super) fn read(source: &str, from: usize, classify: impl Fn(&str) -> Line) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut open = false;
    let mut at = from;
    for raw in source.get(from..).unwrap_or_default().split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let start = at;
        at += raw.len();
        match classify(line) {
            Line::Marker(role, text_at) => {
                turns.push(Turn {
                    role: role.to_string(),
                    text: String::new(),
                    offsets: vec![start + text_at],
                    start,
                    ignore: Ignore::Nothing,
                });
                open = true;
                let rest = line.get(text_at..).unwrap_or_default();
                if !rest.trim().is_empty() {
                    push_line(turns.last_mut(), rest, start + text_at);
                }
            }
            Line::Break => open = false,
            Line::Text if open && Ignore::parse_directive(line).is_none() => {
                push_line(turns.last_mut(), line, start);
            }
            Line::Text => {}
        }
    }
    for turn in &mut turns {
        let len = turn.text.trim_end().len();
        turn.text.truncate(len);
        turn.offsets.truncate(len + 1);
    }
    turns
}

/// Appends one line of text at byte `at` of the file to `turn`.
fn push_line(turn: Option<&mut Turn>, line: &str, at: usize) {
    let Some(turn) = turn else { return };
    let end = turn.offsets.pop().unwrap_or(at);
    if !turn.text.is_empty() {
        turn.text.push('\n');
        turn.offsets.push(end);
    }
    turn.text.push_str(line);
    turn.offsets.extend(at..at + line.len());
    turn.offsets.push(at + line.len());
}

/// `role:` (any case) alone on a line, or followed by text when `inline`;
/// returns the role and where the text starts.
pub(super) fn role_marker(line: &str, inline: bool) -> Option<(&'static str, usize)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let (word, rest) = trimmed.split_once(':')?;
    let word = word.trim_matches('*').trim();
    let role = role_name(word)?;
    let rest = rest.trim_start_matches('*');
    if !inline && !rest.trim().is_empty() {
        return None;
    }
    let text_at = line.len() - rest.trim_start().len();
    Some((role, text_at.max(indent)))
}

/// The role a word names (`User`, `human`, `Assistant`, `AI`, `system`).
pub(super) fn role_name(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "user" | "human" => Some("user"),
        "assistant" | "ai" | "bot" => Some("assistant"),
        "system" => Some("system"),
        _ => None,
    }
}
