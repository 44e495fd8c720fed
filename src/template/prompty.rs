//! Prompty files: YAML front matter between `---` lines, then role sections.
//!
//! The body is read as `system:`, `user:` and `assistant:` lines (any case,
//! alone on their line), each followed by its text. The front matter is
//! checked to be YAML (a broken one is an error naming its line) and its
//! `sample` inputs are not scored.

use super::Turn;
use super::sections::{self, Line};
use crate::error::Result;

/// The turns of a prompty file, as one conversation.
///
/// # Errors
///
/// The front matter is not valid YAML.
pub fn turns(source: &str, origin: &str) -> Result<Vec<Vec<Turn>>> {
    let body = match front_matter(source) {
        Some((yaml, body)) => {
            check_yaml(yaml, origin)?;
            body
        }
        None => 0,
    };
    Ok(vec![sections::read(source, body, classify)])
}

/// Fails when the front matter is not YAML. `yaml` starts right after the
/// opening `---`, so its line numbers are the file's.
fn check_yaml(yaml: &str, origin: &str) -> Result<()> {
    match <saphyr::Yaml as saphyr::LoadableYamlNode>::load_from_str(yaml) {
        Ok(_) => Ok(()),
        Err(e) => {
            let (line, column) = (e.marker().line(), e.marker().col() + 1);
            let what = format!("invalid front matter: {}", e.info());
            Err(super::syntax_error(origin, line, column, &what))
        }
    }
}

/// The front matter's text (after the opening `---`, up to the closing one)
/// and where the body starts, when the file has front matter.
fn front_matter(source: &str) -> Option<(&str, usize)> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let open = source.len() - text.len() + 3;
    let rest = text.strip_prefix("---")?;
    let mut at = open;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if i > 0 && line.trim_end() == "---" {
            return Some((source.get(open..at)?, at + line.len()));
        }
        at += line.len();
    }
    None
}

fn classify(line: &str) -> Line {
    match sections::role_marker(line, false) {
        Some((role, text_at)) => Line::Marker(role, text_at),
        None => Line::Text,
    }
}
