//! Rubrics: reading the JSON file, validating it, compiling it.
//!
//! Loading happens in two stages, as in ripgrep's flags: [`raw`] holds serde
//! structs that only mirror the file, and [`compile`] turns them into
//! types that cannot be inconsistent. Errors surface before any reply is
//! scored.

pub(crate) mod compile;
mod cue;
mod diagnose;
mod locate;
pub(crate) mod pattern;
pub mod raw;
mod size;

use crate::error::Result;
use diagnose::Origin;
use locate::JsonPath;
use raw::RubricFile;

/// The built-in `empathy` rubric, as shipped in `rubrics/empathy.json`.
pub const BUILTIN_EMPATHY: &str = include_str!("../../rubrics/empathy.json");

/// The name under which errors in the built-in rubric are reported.
pub const BUILTIN_ORIGIN: &str = "<builtin:empathy>";

/// Parses rubric JSON; `origin` (a path) prefixes error messages, which
/// carry the line, column and JSON path of the offending value.
pub fn parse(text: &str, origin: &str) -> Result<RubricFile> {
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

#[cfg(test)]
mod tests;
