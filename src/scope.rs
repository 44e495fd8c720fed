//! Scopes: contexts that cancel a cue standing inside them.
//!
//! Negation is the model (VADER's window is the reference): a negator a few
//! words before a cue, in the same clause, cancels it ("I don't understand why
//! you're upset"), unless the negator belongs to an idiom that only looks
//! negated ("no wonder you're upset"). Reported speech works the same way
//! ("she called you an idiot"). The window is counted in words for text with
//! spaces and in characters for Chinese, which has none.

use std::sync::{Arc, OnceLock};

use regex_automata::Input;
use regex_automata::meta::Regex;
use regex_syntax::hir::Hir;

/// How far back, in bytes, a window may ever look.
const MAX_LOOKBACK: usize = 512;
/// How far around a trigger an exception idiom is looked for, in bytes.
const EXCEPTION_REACH: usize = 64;

/// A compiled scope.
#[derive(Debug)]
pub(crate) struct Scope {
    /// The scope's name, e.g. `negation`.
    pub name: Arc<str>,
    pub triggers: LazyRegex,
    pub exceptions: Option<LazyRegex>,
    pub breaks: Option<LazyRegex>,
    pub max_words: usize,
    pub max_chars: usize,
}

impl Scope {
    /// The trigger that cancels a cue matched at `cue_start`, if any.
    pub fn trigger_before(&self, text: &str, cue_start: usize) -> Option<(usize, usize)> {
        let clause_start = self.clause_start(text, cue_start);
        let window_start = window_start(
            text,
            clause_start,
            cue_start,
            self.max_words,
            self.max_chars,
        );
        if window_start >= cue_start {
            return None;
        }
        let input = Input::new(text).range(window_start..cue_start);
        self.triggers
            .get()?
            .find_iter(input)
            .map(|m| (m.start(), m.end()))
            .filter(|&(start, end)| start < end)
            .find(|&(start, end)| !self.is_exception(text, start, end))
    }

    /// Where the clause holding `cue_start` begins: after the last break.
    fn clause_start(&self, text: &str, cue_start: usize) -> usize {
        let lookback = floor_boundary(text, cue_start.saturating_sub(MAX_LOOKBACK));
        let Some(breaks) = self.breaks.as_ref().and_then(LazyRegex::get) else {
            return lookback;
        };
        let input = Input::new(text).range(lookback..cue_start);
        breaks
            .find_iter(input)
            .map(|m| m.end())
            .last()
            .unwrap_or(lookback)
    }

    /// Whether the trigger at `start..end` is part of an exception idiom.
    fn is_exception(&self, text: &str, start: usize, end: usize) -> bool {
        let Some(exceptions) = self.exceptions.as_ref().and_then(LazyRegex::get) else {
            return false;
        };
        let from = floor_boundary(text, start.saturating_sub(EXCEPTION_REACH));
        let to = ceil_boundary(text, end + EXCEPTION_REACH);
        exceptions
            .find_iter(Input::new(text).range(from..to))
            .any(|m| m.start() <= start && end <= m.end())
    }
}

/// A scope's phrase list as a regex, compiled on first use: most replies
/// never need most scopes.
#[derive(Debug)]
pub(crate) struct LazyRegex {
    hir: Hir,
    regex: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// A regex to build from `hir` when first needed.
    pub fn new(hir: Hir) -> LazyRegex {
        LazyRegex {
            hir,
            regex: OnceLock::new(),
        }
    }

    /// Builds the regex now, for a rubric whose errors must show up front;
    /// the error is the regex builder's message.
    pub fn build_now(&self) -> Result<(), String> {
        let regex = self.build()?;
        let _ = self.regex.set(Some(regex));
        Ok(())
    }

    /// The regex; `None` only if it does not compile, which [`build_now`]
    /// rules out for any rubric but the built-in one, whose tests compile it.
    ///
    /// [`build_now`]: LazyRegex::build_now
    pub fn get(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| self.build().ok()).as_ref()
    }

    /// The regex from the tree; an error is the builder's message.
    fn build(&self) -> Result<Regex, String> {
        Regex::builder()
            .build_from_hir(&self.hir)
            .map_err(|e| e.to_string())
    }
}

/// The start of the last `max_words` words and `max_chars` CJK characters
/// before `end`, not before `from` nor before a line break.
///
/// White space between two Chinese characters also ends the window: Chinese
/// puts no spaces inside a clause, and transcripts without punctuation (as
/// subtitles often are) separate clauses with them.
fn window_start(text: &str, from: usize, end: usize, max_words: usize, max_chars: usize) -> usize {
    let mut words = 0;
    let mut chars = 0;
    let mut start = end;
    let mut in_word = false;
    let after = text.get(end..).unwrap_or_default();
    let mut after_cjk = after.chars().next().is_some_and(is_cjk);
    let mut gap = false;
    let window = text.get(from..end).unwrap_or_default();
    for (i, c) in window.char_indices().rev() {
        let at = from + i;
        if is_line_break(c) {
            break;
        }
        if c.is_whitespace() {
            (gap, in_word) = (true, false);
            continue;
        }
        let cjk = is_cjk(c);
        if cjk && gap && after_cjk {
            break;
        }
        (gap, after_cjk) = (false, cjk);
        if cjk {
            in_word = false;
            chars += 1;
            if chars > max_chars {
                break;
            }
            start = at;
        } else if c.is_alphanumeric() || c == '\'' {
            if !in_word {
                words += 1;
                if words > max_words {
                    break;
                }
            }
            in_word = true;
            start = at;
        } else {
            in_word = false;
        }
    }
    start
}

/// A line break ends a clause in every scope, whatever its `breaks`: list
/// items and lines of a drafted message often end without punctuation.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// Chinese, Japanese and Korean characters: each counts as one in a window.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_counts_words() {
        let text = "I really do not understand why you're upset";
        let cue = text.find("you're").unwrap();
        let start = window_start(text, 0, cue, 3, 3);
        assert_eq!(&text[start..cue], "not understand why ");
    }

    #[test]
    fn window_counts_chinese_characters() {
        let text = "我真的不理解你";
        let cue = text.find("理解").unwrap();
        let start = window_start(text, 0, cue, 3, 2);
        assert_eq!(&text[start..cue], "的不");
    }

    #[test]
    fn a_space_between_chinese_characters_ends_the_window() {
        let text = "不是 你去哪啊";
        let cue = text.find("你").unwrap();
        assert_eq!(window_start(text, 0, cue, 3, 3), cue);
        let mixed = "不是 OK";
        let cue = mixed.find("OK").unwrap();
        assert_eq!(
            window_start(mixed, 0, cue, 3, 3),
            0,
            "not between two Chinese characters"
        );
    }

    #[test]
    fn a_line_break_ends_the_window() {
        let text = "- I don't care\n- You're an idiot";
        let cue = text.find("You're").unwrap();
        assert_eq!(window_start(text, 0, cue, 3, 3), cue);
        let text = "不\n\n你";
        let cue = text.find("你").unwrap();
        assert_eq!(window_start(text, 0, cue, 3, 3), cue);
    }

    #[test]
    fn window_stops_at_its_lower_bound() {
        let text = "not, sad";
        let start = window_start(text, 4, 5, 3, 3);
        assert_eq!(start, 5);
    }
}
