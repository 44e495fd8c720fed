//! `eqscore check` configuration: `eqscore.toml`, `.eqscore.toml` or
//! `[tool.eqscore]` in `pyproject.toml`, found by walking up from the working
//! directory as typos and ruff do. Every key is documented in docs/pre-commit.md.
//!
//! ```toml
//! rubric = "rubrics/strict.json"   # default: the built-in empathy rubric
//! threshold = 60                   # default: the rubric's threshold
//! include = ["prompts/**"]         # default: every template file
//! exclude = ["vendor/**"]
//! baseline = "eqscore-baseline.json"
//!
//! [[overrides]]
//! files = ["prompts/legacy/**"]
//! threshold = 40
//! ignore = ["offers_options"]
//! ```
//!
//! Unknown keys are errors, with a hint for a misspelt one. Paths in the file
//! are relative to the directory that holds it.

use std::path::{Path, PathBuf};

use eqscore::{Error, ErrorKind};

use super::bounded;
use serde::Deserialize;

/// The file as written: no logic, unknown keys rejected.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rubric file, relative to the config's directory.
    pub rubric: Option<PathBuf>,
    /// Score an example needs to pass, 0..=100.
    pub threshold: Option<f64>,
    /// Globs of the files to check (default: all template files).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files never checked, even when named on the command line.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Baseline file of known findings.
    pub baseline: Option<PathBuf>,
    /// Settings for some paths.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// The directory of the config file (paths are relative to it).
    #[serde(skip)]
    pub root: PathBuf,
}

/// `[[overrides]]`: settings for the files matching `files`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs, relative to the config's directory.
    pub files: Vec<String>,
    /// Threshold for these files.
    pub threshold: Option<f64>,
    /// Criteria not reported for these files.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// The names a config file may have, in the order they are looked for.
const NAMES: [&str; 3] = ["eqscore.toml", ".eqscore.toml", "pyproject.toml"];

/// The config for a run: `explicit` if given, none with `isolated`, else the
/// first found walking up from `cwd`.
pub fn find(explicit: Option<&Path>, isolated: bool, cwd: &Path) -> Result<Config, Error> {
    if isolated {
        return Ok(Config::default());
    }
    if let Some(path) = explicit {
        let config = load(path)?.unwrap_or_default();
        return Ok(config);
    }
    for dir in cwd.ancestors() {
        for name in NAMES {
            let path = dir.join(name);
            if path.is_file()
                && let Some(config) = load(&path)?
            {
                return Ok(config);
            }
        }
    }
    Ok(Config::default())
}

/// Reads one config file; `None` for a pyproject.toml without `[tool.eqscore]`.
fn load(path: &Path) -> Result<Option<Config>, Error> {
    let shown = path.display().to_string();
    let text = bounded::read_text(path, &shown, bounded::MAX_CONFIG_BYTES, "config file")?;
    let root = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let mut config: Config = if is_pyproject {
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| toml_error(&shown, &text, &e))?;
        let Some(section) = table.get("tool").and_then(|t| t.get("eqscore")) else {
            return Ok(None);
        };
        section.clone().try_into().map_err(|e: toml::de::Error| {
            let shown = format!("{shown}: [tool.eqscore]");
            toml_error(&shown, "", &e)
        })?
    } else {
        toml::from_str(&text).map_err(|e| toml_error(&shown, &text, &e))?
    };
    config.root = root;
    Ok(Some(config))
}

/// `path:line:col: message; hint: did you mean ...?`, on one line.
fn toml_error(shown: &str, text: &str, e: &toml::de::Error) -> Error {
    let message = e.message().trim().replace('\n', " ");
    let place = match e.span() {
        Some(span) if !text.is_empty() => {
            let (line, column) = eqscore::template::line_column(text, span.start);
            format!("{shown}:{line}:{column}")
        }
        _ => shown.to_string(),
    };
    let hint = eqscore::rubric::misspelling_hint(&message)
        .map(|h| format!("; hint: {h}"))
        .unwrap_or_default();
    Error::new(ErrorKind::Usage, format!("{place}: {message}{hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text)
            .map_err(|e: toml::de::Error| toml_error("c.toml", text, &e).to_string())
    }

    #[test]
    fn every_key() {
        let config = parse(
            "rubric = \"r.json\"\nthreshold = 60\ninclude = [\"a/**\"]\nexclude = [\"b/**\"]\n\
             baseline = \"base.json\"\n[[overrides]]\nfiles = [\"x/**\"]\nthreshold = 40\nignore = [\"offers_options\"]\n",
        )
        .unwrap();
        assert_eq!(config.threshold, Some(60.0));
        assert_eq!(config.overrides[0].ignore, ["offers_options"]);
    }

    #[test]
    fn a_misspelt_key_names_its_line_and_the_fix() {
        let error = parse("threshold = 60\nexlude = [\"b\"]\n").unwrap_err();
        assert!(
            error.starts_with("c.toml:2:1: unknown field `exlude`"),
            "{error}"
        );
        assert!(error.ends_with("hint: did you mean `exclude`?"), "{error}");
    }
}
