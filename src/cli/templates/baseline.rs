//! The baseline: findings a repository already had when it adopted the hook.
//!
//! A JSON file written by `eqscore check --write-baseline [FILE]`:
//!
//! ```json
//! {"version": 1, "findings": [{"path": "prompts/a.yaml", "example": "9f2c...", "criterion": "offers_options"}]}
//! ```
//!
//! Entries are keyed by path, a hash of the example's text (FNV-1a, 64 bits,
//! hex) and criterion, not by line, so edits elsewhere in the file keep them
//! valid. A finding in the baseline is not reported; a new one is, and one
//! whose example is edited counts as new: the repository can only improve.

use std::collections::BTreeSet;
use std::path::Path;

use eqscore::{Error, ErrorKind};

use super::bounded;
use serde::{Deserialize, Serialize};

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as reported (`/`-separated, relative to where the check ran).
    pub path: String,
    /// [`text_hash`] of the example's text.
    pub example: String,
    /// The criterion id.
    pub criterion: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: BTreeSet<Entry>,
}

/// The known findings.
#[derive(Debug, Default)]
pub struct Baseline(BTreeSet<Entry>);

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let shown = path.display().to_string();
        let text = bounded::read_text(path, &shown, bounded::MAX_BASELINE_BYTES, "baseline")?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            Error::new(
                ErrorKind::Input,
                format!("{shown}:{line}:{column}: invalid baseline: {e}"),
            )
        })?;
        Ok(Baseline(file.findings))
    }

    /// Whether `entry` is known.
    pub fn contains(&self, entry: &Entry) -> bool {
        self.0.contains(entry)
    }
}

/// Writes `entries` as a baseline file, sorted.
pub fn write(path: &Path, entries: impl IntoIterator<Item = Entry>) -> Result<usize, Error> {
    let file = File {
        version: 1,
        findings: entries.into_iter().collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    std::fs::write(path, text).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("{}: cannot write: {e}", path.display()),
        )
    })?;
    Ok(file.findings.len())
}

/// FNV-1a (64 bits) of `text` with surrounding white space trimmed, in hex:
/// stable across Rust versions and platforms, unlike `DefaultHasher`.
pub fn text_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.trim().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv1a_and_ignores_surrounding_space() {
        assert_eq!(text_hash(""), "cbf29ce484222325");
        assert_eq!(text_hash("a"), "af63dc4c8601ec8c");
        assert_eq!(text_hash("  a\n"), text_hash("a"));
    }
}
