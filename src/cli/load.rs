//! Loading the rubrics a command works on: files by path, or the built-in one.

use std::path::{Path, PathBuf};

use eqscore::rubric::{self, BUILTIN_EMPATHY, BUILTIN_ORIGIN};
use eqscore::{Error, Scorer};

/// A compiled rubric with the text and name it came from, for pointing at
/// lines of the file.
pub struct Loaded {
    /// The path as given, or `<builtin:empathy>`.
    pub name: String,
    /// The rubric's text.
    pub source: String,
    /// The compiled rubric.
    pub scorer: Scorer,
}

/// Loads `path`, or the built-in rubric when `None`.
pub fn load(path: Option<&Path>) -> Result<Loaded, Error> {
    let (name, source) = match path {
        Some(path) => (path.display().to_string(), rubric::read_file(path)?),
        None => (BUILTIN_ORIGIN.to_string(), BUILTIN_EMPATHY.to_string()),
    };
    let scorer = Scorer::from_json(&source, &name)?;
    Ok(Loaded {
        name,
        source,
        scorer,
    })
}

/// The paths given, or one `None` standing for the built-in rubric.
pub fn targets(paths: &[PathBuf]) -> Vec<Option<&Path>> {
    if paths.is_empty() {
        vec![None]
    } else {
        paths.iter().map(|p| Some(p.as_path())).collect()
    }
}

/// `name:line:col` for a JSON path in the rubric, or just `name` when the
/// path cannot be found.
pub fn place(loaded: &Loaded, json_path: &str) -> String {
    match eqscore::rubric::position(&loaded.source, json_path) {
        Some((line, column)) => format!("{}:{line}:{column}", loaded.name),
        None => loaded.name.clone(),
    }
}

/// Loads each target in turn and hands it to `each`. A rubric that does not
/// load is drawn on stderr and skipped, so the others are still checked; the
/// last such error is returned, to end the command with exit code 2.
pub fn each_rubric(
    paths: &[PathBuf],
    out: &mut dyn std::io::Write,
    mut each: impl FnMut(&mut dyn std::io::Write, &Loaded) -> std::io::Result<()>,
) -> std::io::Result<Option<Error>> {
    let mut broken = None;
    for target in targets(paths) {
        match load(target) {
            Ok(loaded) => each(out, &loaded)?,
            Err(e) => {
                out.flush()?;
                super::render::eprint_error(&e);
                broken = Some(e);
            }
        }
    }
    Ok(broken)
}
