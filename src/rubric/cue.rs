//! Compiling one cue: checking its fields, turning its regex, phrases or
//! lexicon into a pattern, and pointing at the exact field (down to the
//! phrase) when something is wrong.

use std::sync::Arc;

use regex_syntax::hir::Hir;

use super::compile::{Context, Owner};
use super::diagnose::suggest;
use super::locate::JsonPath;
use super::pattern::{self, Lexicons, PatternError};
use super::raw::CueSpec;
use crate::error::{ErrorKind, Result};
use crate::matcher::Cue;

/// One cue of `owner`, at `index` in its `cues`; `default_scopes` apply
/// when the cue names none.
pub(super) fn compile_cue(
    spec: &CueSpec,
    index: usize,
    owner: &Owner,
    default_scopes: &[usize],
    context: &Context,
) -> Result<Cue> {
    let id: Arc<str> = match &spec.id {
        Some(id) => Arc::from(id.as_str()),
        None => Arc::from(format!("{}[{index}]", owner.id)),
    };
    let at = CueAt {
        owner,
        path: owner.path.key("cues").index(index),
        id: &id,
        context,
    };
    let strength = at.check_fields(spec)?;
    let hir = at.pattern(spec)?;
    let scopes = match &spec.scopes {
        Some(names) => {
            let path = at.path.key("scopes");
            context.resolve_scopes(names, &path, &at.as_owner())?
        }
        None => default_scopes.to_vec(),
    };
    Ok(Cue::new(id, strength, scopes, hir))
}

/// A cue being compiled: where it is, for errors.
struct CueAt<'a> {
    owner: &'a Owner<'a>,
    path: JsonPath,
    id: &'a str,
    context: &'a Context<'a>,
}

impl CueAt<'_> {
    /// The owner, as named in messages about this cue.
    fn as_owner(&self) -> Owner<'_> {
        Owner {
            what: format!("{}, cue \"{}\"", self.owner.what, self.id),
            path: self.path.clone(),
            id: self.owner.id,
            is_criterion: self.owner.is_criterion,
        }
    }

    /// An error about the cue's `field` (the whole cue when empty).
    fn error(&self, kind: ErrorKind, path: JsonPath, message: String) -> crate::Error {
        self.context
            .error(self.as_owner().problem(kind, path, message))
    }

    fn invalid(&self, field: &str, message: String) -> crate::Error {
        self.error(ErrorKind::RubricInvalid, self.path.key(field), message)
    }

    /// Checks `strength` and `lang`; returns the strength.
    fn check_fields(&self, spec: &CueSpec) -> Result<f64> {
        let strength = spec.strength.unwrap_or(1.0);
        if !(strength > 0.0 && strength <= 1.0) {
            let message = format!("\"strength\" must be in (0, 1], found {strength}");
            return Err(self.invalid("strength", message));
        }
        match &spec.lang {
            Some(lang) if !is_language_tag(lang) => Err(self.invalid(
                "lang",
                format!(
                    "\"lang\" must be a language tag such as \"en\" or \"zh\", found \"{lang}\""
                ),
            )),
            _ => Ok(strength),
        }
    }

    /// The cue's pattern, from exactly one of `regex`, `phrases`, `lexicon`.
    fn pattern(&self, spec: &CueSpec) -> Result<Hir> {
        // The written-out text is only needed where the lexicon shortcut
        // steps aside, which is also where any error is.
        let (field, hir) = match self.context.trees.cue(spec) {
            Some(hir) if spec.regex.is_some() => ("regex", hir),
            Some(hir) => ("", hir),
            None => self.parse_written_out(spec)?,
        };
        if field == "regex" && !self.context.origin.is_builtin() {
            let checked = super::size::check_size(&hir);
            checked.map_err(|e| self.fail(spec, field, ErrorKind::Pattern, e.to_string(), &e))?;
        }
        Ok(hir)
    }

    /// The pattern parsed from its written-out text, and the field it is in.
    fn parse_written_out(&self, spec: &CueSpec) -> Result<(&'static str, Hir)> {
        let (field, source) = self.source(spec)?;
        let source = source
            .map_err(|e| self.fail(spec, field, ErrorKind::RubricInvalid, e.to_string(), &e))?;
        let hir = pattern::parse(&source, spec.case_sensitive).map_err(|e| {
            let label = match field {
                "regex" => "invalid regex",
                _ => "invalid pattern",
            };
            self.fail(spec, field, ErrorKind::Pattern, format!("{label}: {e}"), &e)
        })?;
        Ok((field, hir))
    }

    /// The error `e` in `field`, down to the failing phrase of a list.
    fn fail(
        &self,
        spec: &CueSpec,
        field: &str,
        kind: ErrorKind,
        message: String,
        e: &PatternError,
    ) -> crate::Error {
        let mut path = self.path.key(field);
        let phrases = spec.phrases.as_deref();
        if let Some(i) = phrases.and_then(|p| failing_phrase(p, self.context.lexicons)) {
            path = path.index(i);
        }
        let problem = self.as_owner().problem(kind, path, message);
        self.context.error(problem.with_hint(hint(e, self.context)))
    }

    /// Which field gives the pattern, and its regex source.
    fn source(&self, spec: &CueSpec) -> Result<(&'static str, Result<String, PatternError>)> {
        pattern::cue_source(spec, self.context.lexicons).ok_or_else(|| {
            let message = "a cue needs exactly one of \"regex\", \"phrases\", \"lexicon\"";
            self.error(ErrorKind::RubricInvalid, self.path.clone(), message.into())
        })
    }
}

/// The index of the first phrase that is wrong on its own, to point at it.
pub(super) fn failing_phrase(phrases: &[String], lexicons: &Lexicons) -> Option<usize> {
    phrases
        .iter()
        .position(|p| pattern::phrases_source(std::slice::from_ref(p), lexicons).is_err())
}

/// The closest lexicon name, for a reference to one that does not exist.
pub(super) fn hint(error: &PatternError, context: &Context) -> Option<String> {
    match error {
        PatternError::UnknownLexicon(name) => Some(suggest(
            name,
            context.lexicons.keys().map(String::as_str),
            "lexicons",
        )),
        _ => None,
    }
}

/// A language tag such as `en`, `zh` or `zh-Hans`.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
