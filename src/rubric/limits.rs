//! Limits on a rubric's size and counts, so an untrusted rubric cannot make
//! loading exhaust memory or time.
//!
//! The built-in rubric is about 210 KB of JSON with 5 criteria, 150 cues,
//! 2,211 lexicon entries, 6 scopes (149 triggers, exceptions and breaks) and
//! 504 examples. Every limit here is 25 times that or more, so a real rubric
//! never meets one, while a rubric at every limit still loads in seconds.
//! The per-cue regex size limit is in [`super::size`]. See
//! docs/robustness.md ("Limits").

use super::diagnose::{Origin, Problem};
use super::locate::JsonPath;
use super::raw::{CueSpec, RubricFile};
use crate::error::{ErrorKind, Result};
use crate::limited::SizeLimit;

/// The largest rubric text read or parsed: 16 MiB, 80 times the built-in
/// rubric, and little enough to hold in memory twice (text and parse).
pub const MAX_RUBRIC_BYTES: usize = 16 << 20;

/// Criteria in one rubric (the built-in has 5).
pub const MAX_CRITERIA: usize = 256;

/// Cues in one rubric, criteria and signals together (the built-in has 150).
pub const MAX_CUES: usize = 4096;

/// Lexicon entries and phrases in one rubric, together (the built-in has 2,211).
pub const MAX_WORDS: usize = 65_536;

/// Scopes in one rubric (the built-in has 6).
pub const MAX_SCOPES: usize = 256;

/// Triggers, exceptions and breaks of all scopes together (the built-in has 149).
pub const MAX_SCOPE_PATTERNS: usize = 4096;

/// Examples of all criteria and whole-reply cases together (the built-in has 512).
pub const MAX_EXAMPLES: usize = 16_384;

/// The rubric size limit for `origin`, with its error.
pub(crate) fn rubric_size(origin: &str) -> SizeLimit<'_> {
    SizeLimit {
        bytes: MAX_RUBRIC_BYTES as u64,
        shown: origin,
        what: "rubric file",
        kind: ErrorKind::RubricInvalid,
    }
}

/// An error when a rubric text of `len` bytes is over [`MAX_RUBRIC_BYTES`].
pub(crate) fn check_length(origin: &str, len: usize) -> Result<()> {
    if len <= MAX_RUBRIC_BYTES {
        return Ok(());
    }
    Err(rubric_size(origin).error(Some(len as u64)))
}

/// Checks every count limit, pointing at the first item over one. The
/// counts come first: the paths (an allocation each) are only walked for a
/// kind of item that is over its limit, never when loading a real rubric.
pub(crate) fn check_counts(file: &RubricFile, origin: &Origin) -> Result<()> {
    let root = JsonPath::root();
    let criteria = || (0..file.criteria.len()).map(|i| root.key("criteria").index(i));
    over(
        file.criteria.len(),
        criteria,
        MAX_CRITERIA,
        "criteria",
        origin,
    )?;
    let scopes = || file.scopes.keys().map(|name| root.key("scopes").key(name));
    over(file.scopes.len(), scopes, MAX_SCOPES, "scopes", origin)?;
    let cue_paths = || cues(file).map(|(path, _)| path);
    over(cues(file).count(), cue_paths, MAX_CUES, "cues", origin)?;
    let words = file.lexicons.values().map(Vec::len).sum::<usize>()
        + cues(file)
            .map(|(_, cue)| cue.phrases.as_ref().map_or(0, Vec::len))
            .sum::<usize>();
    let what = "lexicon entries and phrases";
    over(words, || word_paths(file), MAX_WORDS, what, origin)?;
    let patterns = file
        .scopes
        .values()
        .map(|s| s.triggers.len() + s.exceptions.len() + s.breaks.len())
        .sum();
    let what = "scope patterns";
    over(
        patterns,
        || scope_pattern_paths(file),
        MAX_SCOPE_PATTERNS,
        what,
        origin,
    )?;
    let examples = file
        .criteria
        .iter()
        .map(|c| c.examples.matching.len() + c.examples.no_match.len())
        .sum::<usize>()
        + file.cases.len();
    let what = "examples and cases";
    over(examples, || example_paths(file), MAX_EXAMPLES, what, origin)
}

/// The error for the item after the first `limit` of `paths`, when there
/// are more than `limit` (`count`).
fn over<I: Iterator<Item = JsonPath>>(
    count: usize,
    paths: impl FnOnce() -> I,
    limit: usize,
    what: &str,
    origin: &Origin,
) -> Result<()> {
    if count <= limit {
        return Ok(());
    }
    let Some(path) = paths().nth(limit) else {
        return Ok(());
    };
    let message = format!("too many {what}: the limit is {limit} in one rubric");
    Err(origin.error(Problem::new(ErrorKind::RubricInvalid, path, message)))
}

/// Every cue of the criteria, then of the signals, with its path.
fn cues(file: &RubricFile) -> impl Iterator<Item = (JsonPath, &CueSpec)> {
    let criteria = file.criteria.iter().enumerate().flat_map(|(i, c)| {
        let path = JsonPath::root().key("criteria").index(i).key("cues");
        c.cues
            .iter()
            .enumerate()
            .map(move |(j, cue)| (path.index(j), cue))
    });
    let signals = file.signals.iter().flat_map(|(name, s)| {
        let path = JsonPath::root().key("signals").key(name).key("cues");
        s.cues
            .iter()
            .enumerate()
            .map(move |(j, cue)| (path.index(j), cue))
    });
    criteria.chain(signals)
}

/// Every lexicon entry, then every phrase of every cue.
fn word_paths(file: &RubricFile) -> impl Iterator<Item = JsonPath> {
    let lexicons = file.lexicons.iter().flat_map(|(name, entries)| {
        let path = JsonPath::root().key("lexicons").key(name);
        (0..entries.len()).map(move |j| path.index(j))
    });
    let phrases = cues(file).flat_map(|(path, cue)| {
        let path = path.key("phrases");
        let count = cue.phrases.as_ref().map_or(0, Vec::len);
        (0..count).map(move |k| path.index(k))
    });
    lexicons.chain(phrases)
}

/// Every trigger, exception and break of every scope.
fn scope_pattern_paths(file: &RubricFile) -> impl Iterator<Item = JsonPath> {
    file.scopes.iter().flat_map(|(name, scope)| {
        let path = JsonPath::root().key("scopes").key(name);
        let lists = [
            ("triggers", scope.triggers.len()),
            ("exceptions", scope.exceptions.len()),
            ("breaks", scope.breaks.len()),
        ];
        lists.into_iter().flat_map(move |(field, count)| {
            let path = path.key(field);
            (0..count).map(move |k| path.index(k))
        })
    })
}

/// Every example of every criterion, then every case.
fn example_paths(file: &RubricFile) -> impl Iterator<Item = JsonPath> {
    let examples = file.criteria.iter().enumerate().flat_map(|(i, c)| {
        let path = JsonPath::root().key("criteria").index(i).key("examples");
        let lists = [
            ("match", c.examples.matching.len()),
            ("no_match", c.examples.no_match.len()),
        ];
        lists.into_iter().flat_map(move |(field, count)| {
            let path = path.key(field);
            (0..count).map(move |k| path.index(k))
        })
    });
    let cases = (0..file.cases.len()).map(|i| JsonPath::root().key("cases").index(i));
    examples.chain(cases)
}
