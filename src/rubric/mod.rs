//! Rubrics: reading the JSON file, validating it, compiling it.
//!
//! Loading happens in two stages, as in ripgrep's flags: [`raw`] holds serde
//! structs that only mirror the file, and [`compile`] turns them into
//! types that cannot be inconsistent. Errors surface before any reply is
//! scored.

pub(crate) mod compile;
mod cue;
pub(crate) mod diagnose;
pub use diagnose::misspelling_hint;
mod export;
mod limits;
pub(crate) mod locate;
pub(crate) mod pattern;
pub mod raw;
mod size;
mod splice;

use crate::error::{Error, ErrorKind, Result};
use diagnose::Origin;
pub use export::{CuePattern, cue_patterns};
pub use limits::{
    MAX_CRITERIA, MAX_CUES, MAX_EXAMPLES, MAX_RUBRIC_BYTES, MAX_SCOPE_PATTERNS, MAX_SCOPES,
    MAX_WORDS,
};
use locate::JsonPath;
use raw::RubricFile;

/// The built-in `empathy` rubric, as shipped in `rubrics/empathy.json`.
pub const BUILTIN_EMPATHY: &str = include_str!("../../rubrics/empathy.json");

/// The name under which errors in the built-in rubric are reported.
pub const BUILTIN_ORIGIN: &str = "<builtin:empathy>";

/// Parses rubric JSON; `origin` (a path) prefixes error messages, which
/// carry the line, column and JSON path of the offending value.
///
/// # Errors
///
/// [`ErrorKind::RubricInvalid`] for a text over [`MAX_RUBRIC_BYTES`], before
/// it is parsed; [`ErrorKind::RubricSyntax`] for JSON that is not a rubric.
pub fn parse(text: &str, origin: &str) -> Result<RubricFile> {
    limits::check_length(origin, text.len())?;
    let origin = Origin {
        name: origin,
        source: text,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let file = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| diagnose::serde_error(&origin, diagnose::json_path(e.path()), e.inner()))?;
    de.end()
        .map_err(|e| diagnose::serde_error(&origin, JsonPath::root(), &e))?;
    Ok(file)
}

/// 1-based line and character column of the value at `json_path` (such as
/// `criteria[0].examples.match[3]`) in a rubric's text; `None` when the text
/// has no such value.
pub fn position(source: &str, json_path: &str) -> Option<(usize, usize)> {
    let path = JsonPath::parse(json_path)?;
    let span = locate::find(source, &path, locate::Target::Value)?;
    let at = locate::position(source, span);
    Some((at.line, at.column))
}

/// Reads a rubric file's text; the error names the path.
///
/// A file over [`MAX_RUBRIC_BYTES`] is an error, found from its size when it
/// has one and otherwise (a pipe, a device) after reading one byte more than
/// the limit: never more.
pub fn read_file(path: &std::path::Path) -> Result<String> {
    let shown = path.display().to_string();
    let cannot = |e: std::io::Error| {
        let why = if path.is_dir() {
            "it is a directory, not a file".to_string()
        } else {
            lowercase_first(&e.to_string())
        };
        Error::new(ErrorKind::Io, format!("{shown}: cannot read rubric: {why}"))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let bytes = limits::rubric_size(&shown).read(file).map_err(cannot)??;
    let text = String::from_utf8(bytes).map_err(|_| {
        let invalid = "stream did not contain valid UTF-8";
        cannot(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            invalid,
        ))
    })?;
    Ok(text)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The JSON Schema (draft 7) of the rubric format, generated from [`raw`].
///
/// Shipped as `rubrics/rubric.schema.json`; a test keeps the two equal.
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<RubricFile>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
