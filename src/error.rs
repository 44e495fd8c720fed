//! The library's one error type.
//!
//! Every message is a single lowercase line that says where: the file, line and
//! column for syntax errors, the criterion and cue for a bad pattern, the JSONL
//! line for bad input. A rubric error also carries a [`Location`]: plain data
//! (line, column, JSON path, span, hint) from which the binary draws a snippet
//! with a caret under the offending text.

use std::fmt;

/// What went wrong, for callers that branch on it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The rubric file is not valid JSON or does not fit the format.
    RubricSyntax,
    /// The rubric parses but says something impossible (unknown lexicon, bad weight, ...).
    RubricInvalid,
    /// A cue's regular expression does not compile.
    Pattern,
    /// A transcript line or file could not be read as replies.
    Input,
    /// Reading a file failed.
    Io,
    /// The command line asks for something the rubric cannot give (an unknown
    /// criterion id, a threshold out of range).
    Usage,
}

/// Where in a rubric file an error is, in the terms a person fixes it in.
///
/// Lines and columns are 1-based; columns and lengths count characters, not
/// bytes.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the caller named it (a path, or `<builtin:empathy>`).
    pub origin: String,
    /// The line of the offending text.
    pub line: usize,
    /// The column where the offending text starts.
    pub column: usize,
    /// How many characters of the line the offending text covers (at least 1;
    /// cut at the end of the line): the length of a caret under it.
    pub span_chars: usize,
    /// The text of that line, so a snippet needs no second read of a file
    /// that may have changed or may exist only in memory.
    pub line_text: String,
    /// The JSON path of the offending value or key, such as
    /// `criteria[0].cues[1].regex`; empty for the document itself.
    pub json_path: String,
    /// The id of the criterion concerned, when there is one.
    pub criterion: Option<String>,
    /// A suggestion for the fix, such as "did you mean `weight`?".
    pub hint: Option<String>,
}

/// An error with its location already written into the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Box<Location>>,
}

impl Error {
    /// An error of `kind` whose message already names the location.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            location: None,
        }
    }

    /// An error at `location`; the message becomes
    /// `origin:line:column: json_path: detail` (no `json_path: ` at the root).
    pub fn at(kind: ErrorKind, location: Location, detail: &str) -> Self {
        let Location {
            origin,
            line,
            column,
            json_path,
            ..
        } = &location;
        let path = if json_path.is_empty() {
            String::new()
        } else {
            format!("{json_path}: ")
        };
        Error {
            kind,
            message: format!("{origin}:{line}:{column}: {path}{}", one_line(detail)),
            location: Some(Box::new(location)),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The one-line message, location first.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in a rubric file the error is, when it is about one and the
    /// place could be found.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collapses a multi-line message (the regex crate's, say) into one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
