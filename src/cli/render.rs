//! Drawing errors for people.
//!
//! An error is one line; a rubric error that knows its place in the file gets
//! a snippet under it, as rustc and ruff draw them: the line with a gutter, a
//! caret under the offending text, and a hint when there is one. Colour only
//! on a terminal, and never with `NO_COLOR` set.

use std::io::IsTerminal;

use eqscore::{Error, Location};

/// Source lines longer than this (in columns) are shown as a window around
/// the caret, so a minified rubric does not flood the terminal.
const MAX_SHOWN: usize = 100;

/// Prints `err` to stderr, with its snippet when it has a location.
pub fn eprint_error(err: &Error) {
    eprint!("{}", render(err, Style::for_stderr()));
}

/// ANSI colours, or none.
#[derive(Clone, Copy)]
struct Style {
    colour: bool,
}

impl Style {
    /// Colour for a person at a terminal who has not asked for none.
    fn for_stderr() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            colour: !no_color && std::io::stderr().is_terminal(),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

const RED: &str = "1;31";
const BLUE: &str = "1;34";
const BOLD: &str = "1";

/// The error's line, then the snippet when it has a location.
fn render(err: &Error, style: Style) -> String {
    let mut out = format!("{} {}\n", style.paint(RED, "error:"), err.message());
    if let Some(at) = err.location() {
        out.push_str(&snippet(at, style));
    }
    out
}

/// The gutter, the source line, the caret line and the hint.
fn snippet(at: &Location, style: Style) -> String {
    let number = at.line.to_string();
    let pad = " ".repeat(number.len());
    let bar = |text: &str| style.paint(BLUE, &format!("{text} |"));
    let (shown, caret_at, caret_len) = window(&at.line_text, at.column - 1, at.span_chars);
    let mut out = format!("{}\n", bar(&pad));
    out.push_str(format!("{} {shown}", bar(&number)).trim_end());
    out.push('\n');
    let caret = style.paint(RED, &"^".repeat(caret_len.max(1)));
    out.push_str(&format!("{} {}{caret}\n", bar(&pad), " ".repeat(caret_at)));
    if let Some(hint) = &at.hint {
        let label = style.paint(BLUE, &format!("{pad} ="));
        out.push_str(&format!("{label} {}: {hint}\n", style.paint(BOLD, "hint")));
    }
    out
}

/// The line as shown (tabs as spaces, long lines cut around the span), and
/// the display column and width of the caret under the span of `len`
/// characters starting at character `start`.
fn window(line: &str, start: usize, len: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let start = start.min(chars.len());
    let end = (start + len).min(chars.len());
    let total: usize = chars.iter().map(|&c| width(c)).sum();
    let (mut from, mut to) = (0, chars.len());
    if total > MAX_SHOWN {
        from = start.saturating_sub(MAX_SHOWN / 3);
        let mut room = MAX_SHOWN;
        to = from;
        while to < chars.len() && room >= width(chars[to]) {
            room -= width(chars[to]);
            to += 1;
        }
    }
    let mut shown: String = chars[from..to].iter().map(|&c| display(c)).collect();
    let caret_at = chars[from..start].iter().map(|&c| width(c)).sum::<usize>();
    let caret_len = chars[start.min(to)..end.min(to)]
        .iter()
        .map(|&c| width(c))
        .sum();
    let (lead, tail) = (from > 0, to < chars.len());
    if lead {
        shown.insert_str(0, "...");
    }
    if tail {
        shown.push_str("...");
    }
    (shown, caret_at + if lead { 3 } else { 0 }, caret_len)
}

/// How a character is drawn: tabs and other controls as spaces.
fn display(c: char) -> String {
    match c {
        '\t' => "    ".into(),
        c if c.is_control() => " ".into(),
        c => c.into(),
    }
}

/// Terminal columns of a character: 4 for a tab (as drawn), 2 for East
/// Asian wide characters (Chinese, full-width forms), else 1.
fn width(c: char) -> usize {
    match c {
        '\t' => 4,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{1F300}'..='\u{1F64F}'
        | '\u{20000}'..='\u{3FFFD}' => 2,
        _ => 1,
    }
}
