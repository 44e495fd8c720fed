//! The library's one error type.
//!
//! Every message is a single lowercase line that says where: the file, line and
//! column for syntax errors, the criterion and cue for a bad pattern, the JSONL
//! line for bad input. The binary prints it as is.

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
}

/// An error with its location already written into the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` whose message already names the location.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
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
