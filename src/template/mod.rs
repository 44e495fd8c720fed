//! Finding the assistant-role examples in prompt templates, for `eqscore check`.
//!
//! Teams keep prompts in their repositories: system prompts, few-shot
//! examples, templates with placeholders. A curt few-shot answer teaches the
//! model to be curt, so each assistant turn of a template is scored like a
//! reply, with the user turn before it as its context.
//!
//! This module is text in, examples out: no file system, no printing. Each
//! format has its own file and yields [`Turn`]s (a role, the decoded text, and
//! for every byte of the text the byte offset in the file it came from);
//! [`extract`] then neutralises placeholders ([`placeholders`]) and pairs each
//! assistant turn with its context.
//!
//! * [`json`]: chat messages in JSON (`messages: [{role, content}]`, request
//!   bodies, promptfoo prompt files, LangChain `[role, text]` pairs and
//!   serialized chat templates).
//! * [`yaml`]: the same shapes in YAML.
//! * [`prompty`]: `.prompty` files, YAML front matter then `system:` /
//!   `user:` / `assistant:` sections.
//! * [`markdown`]: role headings (`## Assistant`) or `User:` / `Assistant:`
//!   markers.
//!
//! Suppressions: a comment `eqscore: ignore` (all criteria) or
//! `eqscore: ignore[id, ...]` on the line before a message or on one of its
//! lines, in the file's comment syntax (`# ...` in YAML and prompty,
//! `<!-- ... -->` in Markdown), or an `"x-eqscore-ignore": [ids]` (or `true`)
//! field in a JSON message.

pub mod json;
pub mod markdown;
pub mod placeholders;
pub mod prompty;
mod sections;
mod suppress;
pub mod yaml;

use std::ops::Range;

use crate::error::{Error, ErrorKind, Result};

pub use suppress::Ignore;

/// The template formats `eqscore check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateKind {
    /// `.json`: chat messages in JSON.
    Json,
    /// `.yaml`, `.yml`: chat messages in YAML.
    Yaml,
    /// `.prompty`: front matter, then role sections.
    Prompty,
    /// `.md`, `.markdown`: role headings or `User:` / `Assistant:` markers.
    Markdown,
}

impl TemplateKind {
    /// The kind a file name's extension stands for, if any (any case).
    pub fn from_path(path: &str) -> Option<TemplateKind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(TemplateKind::Json),
            "yaml" | "yml" => Some(TemplateKind::Yaml),
            "prompty" => Some(TemplateKind::Prompty),
            "md" | "markdown" => Some(TemplateKind::Markdown),
            _ => None,
        }
    }
}

/// One message of a template, as a format reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The role, lowercase: `user`, `assistant`, `system`, ...
    pub role: String,
    /// The message text, decoded (JSON escapes, YAML folding undone).
    pub text: String,
    /// `offsets[i]` is the byte offset in the file of `text`'s byte `i`;
    /// one more entry maps `text.len()`.
    pub offsets: Vec<usize>,
    /// Where the message starts in the file (its `{`, its `role:` key or its
    /// marker line), for finding a suppression comment before it.
    pub start: usize,
    /// Criteria an inline suppression turns off for this message.
    pub ignore: Ignore,
}

/// An assistant message of a template, ready to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateExample {
    /// 1-based line of the reply's first visible character in the file.
    pub line: usize,
    /// 1-based column of that character, in characters.
    pub column: usize,
    /// Byte span of the reply's text in the file.
    pub span: Range<usize>,
    /// The role of the message (`assistant`).
    pub role: String,
    /// The nearest user message before it, placeholders neutralised.
    pub context: Option<String>,
    /// The reply, placeholders neutralised.
    pub reply: String,
    /// `offsets[i]` is the file byte offset of `reply`'s byte `i` (one more
    /// entry for `reply.len()`).
    pub offsets: Vec<usize>,
    /// Criteria an inline suppression turns off.
    pub ignore: Ignore,
}

impl TemplateExample {
    /// The file byte offset of byte `at` of [`reply`](Self::reply).
    pub fn file_offset(&self, at: usize) -> usize {
        let last = self.offsets.len().saturating_sub(1);
        self.offsets.get(at.min(last)).copied().unwrap_or(0)
    }
}

/// The assistant examples of a template, in file order.
///
/// `origin` (the path) prefixes error messages.
///
/// # Errors
///
/// [`ErrorKind::Input`] when the file is not valid JSON or YAML, naming the
/// line and column.
pub fn extract(kind: TemplateKind, source: &str, origin: &str) -> Result<Vec<TemplateExample>> {
    let conversations = match kind {
        TemplateKind::Json => json::turns(source, origin)?,
        TemplateKind::Yaml => yaml::turns(source, origin)?,
        TemplateKind::Prompty => prompty::turns(source, origin)?,
        TemplateKind::Markdown => vec![markdown::turns(source)],
    };
    let mut examples = Vec::new();
    for turns in conversations {
        pair_up(source, turns, &mut examples);
    }
    examples.sort_by_key(|e| e.span.start);
    Ok(examples)
}

/// Turns each assistant turn into an example with the last user turn before it.
fn pair_up(source: &str, turns: Vec<Turn>, examples: &mut Vec<TemplateExample>) {
    let mut context: Option<String> = None;
    for mut turn in turns {
        let (text, offsets) = placeholders::neutralise(&turn.text, &turn.offsets);
        match turn.role.as_str() {
            "user" | "human" => context = Some(text),
            "assistant" | "ai" | "model" | "bot" => {
                if text.trim().is_empty() {
                    continue;
                }
                turn.ignore
                    .merge(suppress::comments(source, turn.start, &turn.offsets));
                examples.push(example(source, turn, text, offsets, context.clone()));
            }
            _ => {}
        }
    }
}

fn example(
    source: &str,
    turn: Turn,
    reply: String,
    offsets: Vec<usize>,
    context: Option<String>,
) -> TemplateExample {
    let first = reply.len() - reply.trim_start().len();
    let at = |byte: usize| offsets.get(byte).copied().unwrap_or_default();
    let start = at(first);
    let end = at(reply.trim_end().len()).max(start);
    let (line, column) = line_column(source, start);
    TemplateExample {
        line,
        column,
        span: start..end,
        role: "assistant".to_string(),
        context,
        reply,
        offsets,
        ignore: turn.ignore,
    }
}

/// 1-based line and column (in characters) of byte `at` of `source`.
pub fn line_column(source: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = source.get(..at).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// Maps each byte of `decoded` to the offset in `source` it was read from,
/// for a value that spans `source[span]` (quotes, escapes and indentation
/// included). Characters are matched in order; one that cannot be found
/// nearby (an escape, a folded line break) maps to where the search stands.
pub(crate) fn align(source: &str, span: Range<usize>, decoded: &str) -> Vec<usize> {
    let raw = source.get(span.clone()).unwrap_or_default();
    let mut offsets = Vec::with_capacity(decoded.len() + 1);
    let mut pos = 0;
    for c in decoded.chars() {
        let window = raw
            .get(pos..floor(raw, raw.len().min(pos + 64)))
            .unwrap_or_default();
        let found = window
            .find(c)
            .filter(|&i| window.get(..i).is_some_and(skippable));
        let here = match found {
            Some(i) => pos + i,
            None => pos,
        };
        offsets.extend(std::iter::repeat_n(span.start + here, c.len_utf8()));
        if found.is_some() {
            pos = here + c.len_utf8();
        } else if c != '\n' && c != ' ' {
            pos = next_boundary(raw, pos);
        }
    }
    offsets.push(span.start + pos.min(raw.len()));
    offsets
}

/// Whether text between two matched characters can be syntax: anything on
/// one line (an escape), or only indentation and block indicators across lines.
fn skippable(skipped: &str) -> bool {
    !skipped.contains('\n')
        || skipped
            .chars()
            .all(|c| c.is_whitespace() || c.is_ascii_digit() || "|>-+\"'#".contains(c))
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn next_boundary(text: &str, at: usize) -> usize {
    let mut at = (at + 1).min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// An [`ErrorKind::Input`] error at byte `at` of `source`.
pub(crate) fn syntax_error(origin: &str, line: usize, column: usize, what: &str) -> Error {
    Error::new(
        ErrorKind::Input,
        format!("{origin}:{line}:{column}: {what}"),
    )
}

#[cfg(test)]
mod tests;
