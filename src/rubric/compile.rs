//! From a parsed rubric file to a compiled, internally consistent rubric.
//!
//! Everything that can be wrong with a rubric is found here, before any reply
//! is scored, and reported with the criterion and cue it concerns (and the line
//! in the file where that can be found).

use std::collections::BTreeMap;
use std::sync::Arc;

use regex_automata::meta::Regex;

use super::pattern::{self, Lexicons};
use super::raw::{CriterionSpec, CueSpec, RubricFile, ScopeSpec};
use crate::error::{Error, ErrorKind, Result, one_line};
use crate::findings::Polarity;
use crate::matcher::{Cue, CueSet};
use crate::scope::Scope;

/// A criterion ready to score.
#[derive(Debug)]
pub(crate) struct Criterion {
    pub id: Arc<str>,
    pub polarity: Polarity,
    pub weight: f64,
    pub fatal: bool,
    /// `(signal index, applies without context)`; `None`: always applies.
    pub applies_when: Option<(usize, bool)>,
    /// This criterion's cues, as indices into the rubric's cue set.
    pub cues: std::ops::Range<usize>,
}

/// A signal ready to test a context.
#[derive(Debug)]
pub(crate) struct Signal {
    pub cues: std::ops::Range<usize>,
}

/// A validated, compiled rubric.
#[derive(Debug)]
pub(crate) struct CompiledRubric {
    pub file: RubricFile,
    pub criteria: Vec<Criterion>,
    pub cues: CueSet,
    pub signals: Vec<Signal>,
    pub signal_cues: CueSet,
    pub scopes: Vec<Scope>,
}

/// Where errors are reported: the rubric's name for users, and its text for
/// finding line numbers.
struct Origin<'a> {
    name: &'a str,
    source: &'a str,
}

impl Origin<'_> {
    /// An error about the rubric, at the line where `needle` first occurs.
    fn error(&self, kind: ErrorKind, needle: Option<&str>, message: String) -> Error {
        let at = needle.and_then(|n| locate(self.source, n));
        match at {
            Some((line, col)) => Error::new(kind, format!("{}:{line}:{col}: {message}", self.name)),
            None => Error::new(kind, format!("{}: {message}", self.name)),
        }
    }
}

/// 1-based line and character column of the first occurrence of `needle`,
/// written as a JSON string.
fn locate(source: &str, needle: &str) -> Option<(usize, usize)> {
    let quoted = serde_json::to_string(needle).ok()?;
    let at = source.find(&quoted)?;
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((line, source[line_start..at].chars().count() + 1))
}

/// Validates and compiles `file`; `name` and `source` locate errors.
pub(crate) fn compile(file: RubricFile, name: &str, source: &str) -> Result<CompiledRubric> {
    let origin = Origin { name, source };
    check_top_level(&file, &origin)?;
    let scope_ids = names(&file.scopes);
    let signal_ids = names(&file.signals);
    let scopes = file
        .scopes
        .iter()
        .map(|(name, spec)| compile_scope(name, spec, &file.lexicons, &origin))
        .collect::<Result<Vec<_>>>()?;

    let mut signal_cues = Vec::new();
    let mut signals = Vec::new();
    for (name, spec) in &file.signals {
        let what = format!("signal \"{name}\"");
        let first = signal_cues.len();
        let scopes = resolve_scopes(&spec.scopes, &scope_ids, &what, &origin)?;
        for (i, cue) in spec.cues.iter().enumerate() {
            signal_cues.push(compile_cue(
                cue,
                i,
                &what,
                &scopes,
                &file.lexicons,
                &scope_ids,
                &origin,
            )?);
        }
        signals.push(Signal {
            cues: first..signal_cues.len(),
        });
    }

    let mut cues = Vec::new();
    let mut criteria = Vec::new();
    for (index, spec) in file.criteria.iter().enumerate() {
        criteria.push(compile_criterion(
            spec,
            index,
            &file,
            &scope_ids,
            &signal_ids,
            &mut cues,
            &origin,
        )?);
    }
    let ranges: Vec<_> = criteria
        .iter()
        .map(|c: &Criterion| c.cues.clone())
        .collect();
    let cues = CueSet::new(cues, &ranges).map_err(|e| {
        origin.error(
            ErrorKind::Pattern,
            None,
            format!("the cues do not compile together: {e}"),
        )
    })?;
    let ranges: Vec<_> = signals.iter().map(|s: &Signal| s.cues.clone()).collect();
    let signal_cues = CueSet::new(signal_cues, &ranges).map_err(|e| {
        origin.error(
            ErrorKind::Pattern,
            None,
            format!("the signal cues do not compile together: {e}"),
        )
    })?;
    Ok(CompiledRubric {
        file,
        criteria,
        cues,
        signals,
        signal_cues,
        scopes,
    })
}

fn names<T>(map: &BTreeMap<String, T>) -> BTreeMap<&str, usize> {
    map.keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
}

fn check_top_level(file: &RubricFile, origin: &Origin) -> Result<()> {
    let invalid = |needle: Option<&str>, message: String| {
        Err(origin.error(ErrorKind::RubricInvalid, needle, message))
    };
    if file.name.trim().is_empty() {
        return invalid(None, "\"name\" is empty".into());
    }
    if !(0.0..=100.0).contains(&file.threshold) {
        return invalid(
            None,
            format!(
                "\"threshold\" must be between 0 and 100, found {}",
                file.threshold
            ),
        );
    }
    if file.criteria.is_empty() {
        return invalid(None, "the rubric has no criteria".into());
    }
    for name in file
        .lexicons
        .keys()
        .chain(file.scopes.keys())
        .chain(file.signals.keys())
    {
        if !is_snake_case(name) {
            return invalid(
                Some(name),
                format!("name \"{name}\" must be snake_case (a-z, 0-9, _)"),
            );
        }
    }
    for (name, entries) in &file.lexicons {
        if entries.iter().any(|e| e.trim().is_empty()) {
            return invalid(Some(name), format!("lexicon \"{name}\" has an empty entry"));
        }
    }
    let total: f64 = file.criteria.iter().map(|c| c.weight).sum();
    if file
        .criteria
        .iter()
        .all(|c| c.weight.is_finite() && c.weight >= 0.0)
        && total <= 0.0
    {
        return invalid(None, "the criteria's weights add up to zero".into());
    }
    Ok(())
}

fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn compile_scope(
    name: &str,
    spec: &ScopeSpec,
    lexicons: &Lexicons,
    origin: &Origin,
) -> Result<Scope> {
    let build = |field: &str, phrases: &[String]| -> Result<Option<Regex>> {
        if phrases.is_empty() {
            return Ok(None);
        }
        let fail = |e: String| {
            origin.error(
                ErrorKind::Pattern,
                Some(name),
                format!("scope \"{name}\" {field}: {e}"),
            )
        };
        let source = pattern::phrases_source(phrases, lexicons).map_err(fail)?;
        let hir = pattern::parse(&source, false).map_err(fail)?;
        Regex::builder()
            .build_from_hir(&hir)
            .map(Some)
            .map_err(|e| fail(one_line(&e.to_string())))
    };
    let triggers = build("triggers", &spec.triggers)?.ok_or_else(|| {
        origin.error(
            ErrorKind::RubricInvalid,
            Some(name),
            format!("scope \"{name}\" has no triggers"),
        )
    })?;
    Ok(Scope {
        name: Arc::from(name),
        triggers,
        exceptions: build("exceptions", &spec.exceptions)?,
        breaks: build("breaks", &spec.breaks)?,
        max_words: spec.max_words,
        max_chars: spec.max_chars,
    })
}

fn resolve_scopes(
    wanted: &[String],
    known: &BTreeMap<&str, usize>,
    what: &str,
    origin: &Origin,
) -> Result<Vec<usize>> {
    wanted
        .iter()
        .map(|name| {
            known.get(name.as_str()).copied().ok_or_else(|| {
                origin.error(
                    ErrorKind::RubricInvalid,
                    None,
                    format!("{what}: unknown scope \"{name}\""),
                )
            })
        })
        .collect()
}

fn compile_criterion(
    spec: &CriterionSpec,
    index: usize,
    file: &RubricFile,
    scope_ids: &BTreeMap<&str, usize>,
    signal_ids: &BTreeMap<&str, usize>,
    cues: &mut Vec<Cue>,
    origin: &Origin,
) -> Result<Criterion> {
    let what = format!("criterion \"{}\"", spec.id);
    let invalid = |message: String| {
        origin.error(
            ErrorKind::RubricInvalid,
            Some(&spec.id),
            format!("{what}: {message}"),
        )
    };
    if !is_snake_case(&spec.id) {
        return Err(invalid("the id must be snake_case (a-z, 0-9, _)".into()));
    }
    if file.criteria[..index].iter().any(|c| c.id == spec.id) {
        return Err(invalid("the id is used by an earlier criterion".into()));
    }
    if !spec.weight.is_finite() || spec.weight < 0.0 {
        return Err(invalid(format!(
            "\"weight\" must be a number >= 0, found {}",
            spec.weight
        )));
    }
    if spec.fatal && spec.polarity != Polarity::Avoid {
        return Err(invalid(
            "\"fatal\" applies only to \"avoid\" criteria".into(),
        ));
    }
    if spec.cues.is_empty() {
        return Err(invalid("the criterion has no cues".into()));
    }
    let applies_when = match &spec.applies_when {
        None => None,
        Some(when) => match signal_ids.get(when.context_signal.as_str()) {
            Some(&signal) => Some((signal, when.without_context)),
            None => {
                return Err(invalid(format!(
                    "unknown signal \"{}\" in \"applies_when\"",
                    when.context_signal
                )));
            }
        },
    };
    let scopes = resolve_scopes(&spec.scopes, scope_ids, &what, origin)?;
    let first = cues.len();
    for (i, cue) in spec.cues.iter().enumerate() {
        cues.push(compile_cue(
            cue,
            i,
            &what,
            &scopes,
            &file.lexicons,
            scope_ids,
            origin,
        )?);
    }
    Ok(Criterion {
        id: Arc::from(spec.id.as_str()),
        polarity: spec.polarity,
        weight: spec.weight,
        fatal: spec.fatal,
        applies_when,
        cues: first..cues.len(),
    })
}

#[allow(clippy::too_many_arguments)]
fn compile_cue(
    spec: &CueSpec,
    index: usize,
    what: &str,
    default_scopes: &[usize],
    lexicons: &Lexicons,
    scope_ids: &BTreeMap<&str, usize>,
    origin: &Origin,
) -> Result<Cue> {
    let owner_id = what.split('"').nth(1).unwrap_or(what);
    let id: Arc<str> = match &spec.id {
        Some(id) => Arc::from(id.as_str()),
        None => Arc::from(format!("{owner_id}[{index}]")),
    };
    let what = format!("{what}, cues[{index}] (\"{id}\")");
    let needle = spec
        .regex
        .as_deref()
        .or(spec.id.as_deref())
        .or(spec.lexicon.as_deref());
    let fail =
        |kind: ErrorKind, message: String| origin.error(kind, needle, format!("{what}: {message}"));
    let strength = spec.strength.unwrap_or(1.0);
    if !(strength > 0.0 && strength <= 1.0) {
        return Err(fail(
            ErrorKind::RubricInvalid,
            format!("\"strength\" must be in (0, 1], found {strength}"),
        ));
    }
    if let Some(lang) = &spec.lang {
        if !is_language_tag(lang) {
            return Err(fail(
                ErrorKind::RubricInvalid,
                format!(
                    "\"lang\" must be a language tag such as \"en\" or \"zh\", found \"{lang}\""
                ),
            ));
        }
    }
    let source = match (&spec.regex, &spec.phrases, &spec.lexicon) {
        (Some(regex), None, None) => pattern::regex_source(regex, lexicons),
        (None, Some(phrases), None) => pattern::phrases_source(phrases, lexicons),
        (None, None, Some(lexicon)) => pattern::lexicon_source(lexicon, lexicons),
        _ => {
            return Err(fail(
                ErrorKind::RubricInvalid,
                "a cue needs exactly one of \"regex\", \"phrases\", \"lexicon\"".into(),
            ));
        }
    }
    .map_err(|e| fail(ErrorKind::RubricInvalid, e))?;
    let hir = pattern::parse(&source, spec.case_sensitive).map_err(|e| {
        let label = if spec.regex.is_some() {
            "invalid regex"
        } else {
            "invalid pattern"
        };
        fail(ErrorKind::Pattern, format!("{label}: {e}"))
    })?;
    let scopes = match &spec.scopes {
        Some(names) => resolve_scopes(names, scope_ids, &what, origin)?,
        None => default_scopes.to_vec(),
    };
    Ok(Cue::new(id, strength, scopes, hir))
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
