//! Reading labelled replies: one JSON object per line, with the labels a
//! person gave the reply.
//!
//! ```json
//! {"id": "a-1", "lang": "en", "context": "My dog died.", "reply": "Just get over it.",
//!  "labels": {"acknowledges_feelings": 0, "aggressive": null}, "pass": 0}
//! ```
//!
//! `reply` is required; `id` (a string or an integer), `lang`, `context` and
//! `source_label` are optional, and other fields are ignored. Each label is
//! `0`, `1` (or `false`, `true`) or `null` (no judgement, skipped). A label
//! named after a criterion says whether the reply meets it: for an `expect`
//! criterion 1 means its cues should fire (the move is made), for an `avoid`
//! criterion 1 means they should not (the behaviour is absent). `aggressive`
//! stands for `avoids_aggression` turned round, as the shared data sets write
//! it (1: the reply is aggressive, the cues should fire); `pass`, at the top
//! level or among the labels, says whether the whole reply should pass. Any
//! other label name is an error. Internally every label becomes "should the
//! cues fire".

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result, one_line};
use crate::findings::Polarity;
use crate::rubric::diagnose::suggest;
use crate::rubric::raw::RubricFile;
use crate::transcript::Source;

/// The label name that stands for `avoids_aggression`.
const AGGRESSIVE: (&str, &str) = ("aggressive", "avoids_aggression");

/// One labelled reply, its labels resolved against a rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledReply {
    /// The record's `id`, or `None`.
    pub id: Option<String>,
    /// The file and line it was read from.
    pub source: Source,
    /// The record's `lang`, or `None`.
    pub lang: Option<String>,
    /// The user's message the reply answers, if given.
    pub context: Option<String>,
    /// The reply.
    pub reply: String,
    /// `(index into the rubric's criteria, whether the criterion should fire)`,
    /// one per non-null label, in rubric order.
    pub labels: Vec<(usize, bool)>,
    /// Whether the whole reply should pass, when labelled.
    pub pass: Option<bool>,
}

/// A line as written, before its labels are checked.
#[derive(Deserialize)]
struct RawLine {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    context: Option<String>,
    reply: String,
    #[serde(default)]
    labels: Option<Map<String, Value>>,
    #[serde(default)]
    pass: Option<Value>,
}

/// What a label judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Criterion(usize),
    Pass,
}

/// The label names a rubric understands.
#[derive(Debug, Clone)]
pub(crate) struct LabelNames {
    /// `(name, target, inverted)`: every criterion id, `aggressive` when
    /// mapped, `pass`; `inverted` when 1 means "should not fire".
    names: Vec<(String, Target, bool)>,
}

impl LabelNames {
    /// The names for `rubric`'s criteria.
    pub(crate) fn new(rubric: &RubricFile) -> Self {
        let mut names: Vec<(String, Target, bool)> = rubric
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c.id.clone(),
                    Target::Criterion(i),
                    c.polarity == Polarity::Avoid,
                )
            })
            .collect();
        let aggression = names.iter().find(|(id, _, _)| id == AGGRESSIVE.1);
        if let Some(&(_, target, _)) = aggression {
            names.push((AGGRESSIVE.0.to_string(), target, false));
        }
        names.push(("pass".to_string(), Target::Pass, false));
        LabelNames { names }
    }

    fn target(&self, name: &str) -> Option<(Target, bool)> {
        self.names
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|&(_, t, i)| (t, i))
    }

    /// Parses line `line_no` of `source`; `None` for a blank line.
    pub(crate) fn parse_line(&self, line: &str, source: Source) -> Result<Option<LabelledReply>> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        let at = At(&source);
        let raw: RawLine = deserialize(line, at)?;
        if raw.reply.trim().is_empty() {
            return Err(at.error("field \"reply\" is empty"));
        }
        if raw.labels.is_none() && raw.pass.is_none() {
            return Err(at.error("no labels: expected \"labels\" or \"pass\""));
        }
        let mut judged: Vec<(Target, bool, String)> = Vec::new();
        if let Some(value) = &raw.pass {
            add_label(&mut judged, (Target::Pass, false), "pass", value, at)?;
        }
        for (name, value) in raw.labels.iter().flatten() {
            let target = self.target(name).ok_or_else(|| self.unknown(name, at))?;
            add_label(&mut judged, target, &format!("labels.{name}"), value, at)?;
        }
        Ok(Some(resolve(raw, source.clone(), judged, at)?))
    }

    fn unknown(&self, name: &str, at: At<'_>) -> Error {
        let known = self.names.iter().map(|(n, _, _)| n.as_str());
        let hint = suggest(name, known, "labels");
        at.error(format_args!("unknown label `{name}`: {hint}"))
    }
}

/// The file and line of the record being read.
#[derive(Clone, Copy)]
struct At<'a>(&'a Source);

impl At<'_> {
    fn error(self, reason: impl std::fmt::Display) -> Error {
        let message = format!("{}:{}: {reason}", self.0.path, self.0.line);
        Error::new(ErrorKind::Input, message)
    }
}

/// Parses the line into a [`RawLine`], with errors that name the field.
fn deserialize(line: &str, at: At<'_>) -> Result<RawLine> {
    if !line.trim_start().starts_with('{') {
        return Err(not_an_object(line, at));
    }
    let mut json = serde_json::Deserializer::from_str(line);
    let raw = serde_path_to_error::deserialize(&mut json).map_err(|err| {
        let path = err.path().to_string();
        json_error(line, err.inner(), &path, at)
    })?;
    json.end().map_err(|err| json_error(line, &err, ".", at))?;
    Ok(raw)
}

/// `expected a JSON object, found ...`, or the syntax error of a line that
/// does not even start like one.
fn not_an_object(line: &str, at: At<'_>) -> Error {
    let found = match serde_json::from_str::<Value>(line) {
        Err(err) => return json_error(line, &err, ".", at),
        Ok(Value::Array(_)) => "an array",
        Ok(Value::String(_)) => "a string",
        Ok(Value::Number(_)) => "a number",
        Ok(Value::Bool(_)) => "a boolean",
        Ok(_) => "null",
    };
    at.error(format_args!("expected a JSON object, found {found}"))
}

/// `path:line: field "x": reason` for a value of the wrong type, or
/// `path:line:col: invalid JSON: reason` (column in characters) for syntax.
fn json_error(line: &str, err: &serde_json::Error, field: &str, at: At<'_>) -> Error {
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let text = err.to_string();
    let reason = one_line(text.strip_suffix(&suffix).unwrap_or(&text));
    if !err.is_data() {
        let bytes = line
            .as_bytes()
            .get(..err.column())
            .unwrap_or(line.as_bytes());
        let column = bytes
            .iter()
            .filter(|&&b| b & 0b1100_0000 != 0b1000_0000)
            .count();
        let message = format!(
            "{}:{}:{column}: invalid JSON: {reason}",
            at.0.path, at.0.line
        );
        return Error::new(ErrorKind::Input, message);
    }
    match field {
        "." => at.error(reason),
        field => at.error(format_args!("field \"{field}\": {reason}")),
    }
}

/// Reads one label value as "should fire"; `null` adds nothing. Two labels
/// for the same target must agree.
fn add_label(
    judged: &mut Vec<(Target, bool, String)>,
    (target, inverted): (Target, bool),
    field: &str,
    value: &Value,
    at: At<'_>,
) -> Result<()> {
    let given = match value {
        Value::Null => return Ok(()),
        Value::Bool(b) => *b,
        Value::Number(n) if n.as_u64() == Some(0) => false,
        Value::Number(n) if n.as_u64() == Some(1) => true,
        other => {
            return Err(at.error(format_args!(
                "field \"{field}\" must be 0, 1 or null, found {other}"
            )));
        }
    };
    // An `avoid` criterion is met when its cues do not fire.
    let label = given != inverted;
    if let Some((_, earlier, name)) = judged.iter().find(|(t, _, _)| *t == target) {
        if *earlier != label {
            return Err(at.error(format_args!("fields \"{name}\" and \"{field}\" disagree")));
        }
        return Ok(());
    }
    judged.push((target, label, field.to_string()));
    Ok(())
}

/// The checked record.
fn resolve(
    raw: RawLine,
    source: Source,
    judged: Vec<(Target, bool, String)>,
    at: At<'_>,
) -> Result<LabelledReply> {
    let id = match raw.id {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Some(_) => return Err(at.error("field \"id\" must be a string or an integer")),
    };
    let pass = judged
        .iter()
        .find(|(t, _, _)| *t == Target::Pass)
        .map(|&(_, label, _)| label);
    let mut labels: Vec<(usize, bool)> = judged
        .iter()
        .filter_map(|&(target, label, _)| match target {
            Target::Criterion(index) => Some((index, label)),
            Target::Pass => None,
        })
        .collect();
    labels.sort_unstable();
    Ok(LabelledReply {
        id,
        source,
        lang: raw.lang,
        context: raw.context.filter(|c| !c.trim().is_empty()),
        reply: raw.reply,
        labels,
        pass,
    })
}

#[cfg(test)]
#[path = "labels_tests.rs"]
mod tests;
