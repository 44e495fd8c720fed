//! Rubric errors that point: from a problem at a JSON path to an [`Error`]
//! with a [`Location`] (line, column, caret length, criterion, hint).
//!
//! Both stages of loading report through here: serde's errors (syntax, types,
//! unknown fields), converted by [`serde_error`], and the compiler's semantic
//! and pattern errors, written as [`Problem`]s.

use serde_json::error::Category;
use serde_path_to_error::Segment;

use super::locate::{self, JsonPath, Step, Target};
use crate::error::{Error, ErrorKind, Location, one_line};

/// The rubric being loaded: its name for users, its text for positions.
pub(crate) struct Origin<'a> {
    /// The file as the caller named it.
    pub name: &'a str,
    /// The JSON text; empty when the rubric was built in memory.
    pub source: &'a str,
}

/// Something wrong with the value at a JSON path.
#[derive(Debug)]
pub(crate) struct Problem {
    kind: ErrorKind,
    path: JsonPath,
    target: Target,
    criterion: Option<String>,
    message: String,
    hint: Option<String>,
}

impl Problem {
    /// `message` about the value at `path`.
    pub fn new(kind: ErrorKind, path: JsonPath, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            path,
            target: Target::Value,
            criterion: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Points at what `target` says instead of the whole value.
    pub fn pointing_at(mut self, target: Target) -> Problem {
        self.target = target;
        self
    }

    /// Names the criterion concerned.
    pub fn in_criterion(mut self, id: Option<&str>) -> Problem {
        self.criterion = id.map(str::to_string);
        self
    }

    /// Adds a suggestion for the fix.
    pub fn with_hint(mut self, hint: Option<String>) -> Problem {
        self.hint = hint;
        self
    }
}

impl Origin<'_> {
    /// Whether this is the built-in rubric, whose cues a test keeps under
    /// the size limit, so that its start-up need not check them again.
    pub fn is_builtin(&self) -> bool {
        // The address first: comparing 190 KB at each cue showed in profiles.
        std::ptr::eq(self.source, super::BUILTIN_EMPATHY) || self.source == super::BUILTIN_EMPATHY
    }

    /// The error for `problem`, located in the source when the path is there.
    pub fn error(&self, problem: Problem) -> Error {
        match locate::find(self.source, &problem.path, problem.target) {
            Some(span) => self.error_at(span, problem),
            None => {
                let path = &problem.path;
                let sep = if path.steps().is_empty() { "" } else { ": " };
                let message = one_line(&problem.message);
                Error::new(problem.kind, format!("{}: {path}{sep}{message}", self.name))
            }
        }
    }

    /// The error for `problem`, at the byte span `span` of the source.
    fn error_at(&self, span: std::ops::Range<usize>, problem: Problem) -> Error {
        let at = locate::position(self.source, span);
        let location = Location {
            origin: self.name.to_string(),
            line: at.line,
            column: at.column,
            span_chars: at.len,
            line_text: at.line_text,
            json_path: problem.path.to_string(),
            criterion: problem.criterion,
            hint: problem.hint,
        };
        Error::at(problem.kind, location, &problem.message)
    }
}

/// A serde error, at the value it concerns (or, for bad syntax, where the
/// parser stopped), with the closest name as a hint for a misspelt one.
pub(crate) fn serde_error(origin: &Origin, path: JsonPath, inner: &serde_json::Error) -> Error {
    let message = serde_message(inner);
    let criterion = criterion_id(origin.source, &path);
    let mut problem = Problem::new(ErrorKind::RubricSyntax, path, message.as_str())
        .in_criterion(criterion.as_deref())
        .with_hint(misspelling_hint(&message));
    if inner.classify() == Category::Data {
        let field = backticked(&message, "unknown field `")
            .or_else(|| backticked(&message, "duplicate field `"));
        if let Some(field) = field {
            if problem.path.steps().last() != Some(&Step::Key(field.to_string())) {
                problem.path = problem.path.key(field);
            }
            problem.target = Target::Key;
        } else if message.starts_with("missing field `") {
            problem.target = Target::Opening;
        }
        if let Some(span) = locate::find(origin.source, &problem.path, problem.target) {
            return origin.error_at(span, problem);
        }
    }
    let at = syntax_offset(origin.source, inner);
    origin.error_at(at..at + 1, problem)
}

/// The id of the criterion that `path` lies in, read from the source, since
/// serde stopped before it could tell us.
fn criterion_id(source: &str, path: &JsonPath) -> Option<String> {
    let [Step::Key(criteria), Step::Index(index), ..] = path.steps() else {
        return None;
    };
    if criteria != "criteria" {
        return None;
    }
    let id = JsonPath::root().key("criteria").index(*index).key("id");
    let span = locate::find(source, &id, Target::Value)?;
    serde_json::from_str(source.get(span)?).ok()
}

/// Where a syntax error is, as a byte offset: after the last character for
/// an unexpected end of file, and at the end of the line (not the start of
/// the next) for an error on a line break, such as an unterminated string.
fn syntax_offset(source: &str, error: &serde_json::Error) -> usize {
    if error.classify() == Category::Eof {
        return source.trim_end().len();
    }
    match (error.line(), error.column()) {
        (line, 0) if line > 1 => locate::offset(source, line, 0).saturating_sub(1),
        (line, column) => locate::offset(source, line, column),
    }
}

/// serde_json's message without its trailing " at line L column C", in
/// lowercase like ours, and with Rust type names in words.
fn serde_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(text, _)| text);
    let text = match text.strip_prefix("EOF while") {
        Some(rest) => format!("end of file while{rest}"),
        None => one_line(text),
    };
    text.replace("expected f64", "expected a number")
        .replace("expected usize", "expected a whole number")
}

/// serde_path_to_error's path in our notation.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> JsonPath {
    path.iter()
        .fold(JsonPath::root(), |acc, segment| match segment {
            Segment::Seq { index } => acc.index(*index),
            Segment::Map { key } => acc.key(key),
            Segment::Enum { .. } | Segment::Unknown => acc,
        })
}

/// The text between `prefix` (which ends in a backtick) and the next backtick.
fn backticked<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    rest.split_once('`').map(|(word, _)| word)
}

/// For "unknown field `wieght`, expected one of `id`, `weight`" (or an
/// unknown variant): "did you mean `weight`?".
pub fn misspelling_hint(message: &str) -> Option<String> {
    let word = backticked(message, "unknown field `")
        .or_else(|| backticked(message, "unknown variant `"))?;
    let (_, expected) = message.split_once(", expected")?;
    let candidates = expected.split('`').skip(1).step_by(2);
    closest(word, candidates).map(|name| format!("did you mean `{name}`?"))
}

/// A hint for an unknown `what` (such as "scopes") named `word`: the closest
/// defined name, or the defined names when none is close.
pub(crate) fn suggest<'a>(
    word: &str,
    defined: impl IntoIterator<Item = &'a str> + Clone,
    what: &str,
) -> String {
    if let Some(name) = closest(word, defined.clone()) {
        return format!("did you mean `{name}`?");
    }
    let names: Vec<String> = defined.into_iter().map(|n| format!("`{n}`")).collect();
    match names.len() {
        0 => format!("the rubric defines no {what}"),
        1..=8 => format!("the {what} defined are {}", names.join(", ")),
        n => format!(
            "the {what} defined are {}, and {} more",
            names.get(..8).unwrap_or(&names).join(", "),
            n - 8
        ),
    }
}

/// The candidate nearest to `word` by edit distance, if near enough to be a
/// likely typo (at most a third of the letters wrong).
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`
/// (optimal string alignment, keeping the last three rows of the table).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let mut best = (cell(&prev, j) + usize::from(ca != cb))
                .min(cell(&prev, j + 1) + 1)
                .min(cell(&row, j) + 1);
            let swap = i > 0 && j > 0 && b.get(j - 1) == Some(&ca) && a.get(i - 1) == Some(&cb);
            if swap {
                best = best.min(cell(&before, j - 1) + 1);
            }
            row.push(best);
        }
        before = std::mem::replace(&mut prev, row);
    }
    prev.last().copied().unwrap_or(0)
}

/// Entry `k` of a row of the edit-distance table (every entry read exists).
fn cell(row: &[usize], k: usize) -> usize {
    row.get(k).copied().unwrap_or(usize::MAX / 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_a_swap_as_one() {
        assert_eq!(edit_distance("wieght", "weight"), 1);
        assert_eq!(edit_distance("negaton", "negation"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("难过", "难过了"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        // Optimal string alignment: a swapped pair is not edited again.
        assert_eq!(edit_distance("ca", "abc"), 3);
    }

    #[test]
    fn closest_ignores_names_that_are_too_far() {
        let names = ["weight", "id", "label"];
        assert_eq!(closest("wieght", names), Some("weight"));
        assert_eq!(closest("colour", names), None);
        assert_eq!(closest("ids", names), Some("id"));
    }

    #[test]
    fn serde_unknown_field_message_gives_the_hint() {
        let message = "unknown field `wieght`, expected one of `id`, `label`, `weight`";
        assert_eq!(
            misspelling_hint(message).as_deref(),
            Some("did you mean `weight`?")
        );
        let message = "unknown variant `expects`, expected `expect` or `avoid`";
        assert_eq!(
            misspelling_hint(message).as_deref(),
            Some("did you mean `expect`?")
        );
        assert_eq!(
            misspelling_hint("unknown field `x`, there are no fields"),
            None
        );
    }

    #[test]
    fn suggest_lists_the_names_when_none_is_close() {
        assert_eq!(
            suggest("negaton", ["negation"], "scopes"),
            "did you mean `negation`?"
        );
        assert_eq!(
            suggest("zzz", ["negation", "reported"], "scopes"),
            "the scopes defined are `negation`, `reported`"
        );
        assert_eq!(suggest("zzz", [], "scopes"), "the rubric defines no scopes");
    }
}
