//! Markdown prompts: role headings or `User:` / `Assistant:` markers.
//!
//! A heading naming a role (`## Assistant`, `### User:`) or a line starting
//! with one (`User: ...`, `**Assistant:** ...`) starts a turn. Any other
//! heading, a code fence or a rule (`---`) ends it, so the prose after an
//! example is not read as part of it. Markers inside code fences count: a
//! prompt is often shown in one.

use super::Turn;
use super::sections::{self, Line};

/// The turns of a Markdown file, as one conversation.
pub fn turns(source: &str) -> Vec<Turn> {
    sections::read(source, 0, classify)
}

fn classify(line: &str) -> Line {
    let trimmed = line.trim();
    if let Some(heading) = trimmed.strip_prefix('#') {
        let title = heading.trim_start_matches('#').trim().trim_end_matches(':');
        return match sections::role_name(title.trim_matches('*').trim()) {
            Some(role) => Line::Marker(role, line.len()),
            None => Line::Break,
        };
    }
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") || is_rule(trimmed) {
        return Line::Break;
    }
    match sections::role_marker(line, true) {
        Some((role, text_at)) => Line::Marker(role, text_at),
        None => Line::Text,
    }
}

fn is_rule(line: &str) -> bool {
    line.len() >= 3 && (line.chars().all(|c| c == '-') || line.chars().all(|c| c == '*'))
}
