//! From a parsed rubric file to a compiled, internally consistent rubric.
//!
//! Everything that can be wrong with a rubric is found here, before any reply
//! is scored, and reported with the criterion and cue it concerns, the JSON
//! path of the offending value, and (through [`super::locate`]) its line and
//! column in the file. Cues are compiled in [`super::cue`].

use std::collections::BTreeMap;
use std::sync::Arc;

use std::ops::Range;

use super::cue::{self, compile_cue};
use super::diagnose::{Origin, Problem, suggest};
use super::locate::{JsonPath, Target};
use super::pattern::{self, Lexicons, PatternError};
use super::raw::{CriterionSpec, RubricFile, ScopeSpec};
use super::splice::LexiconTrees;
use crate::error::{Error, ErrorKind, Result, one_line};
use crate::findings::Polarity;
use crate::matcher::{Cue, CueSet};
use crate::scope::{LazyRegex, Scope};

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

/// What every part of a rubric is checked against: the names it defines,
/// and where to report.
pub(super) struct Context<'a> {
    pub lexicons: &'a Lexicons,
    /// The lexicons' parsed trees, for cues that reference them.
    pub trees: LexiconTrees<'a>,
    pub scope_ids: BTreeMap<&'a str, usize>,
    pub signal_ids: BTreeMap<&'a str, usize>,
    pub origin: Origin<'a>,
}

impl Context<'_> {
    /// The error for `problem`, located in the rubric's text.
    pub fn error(&self, problem: Problem) -> Error {
        self.origin.error(problem)
    }

    /// Resolves scope names (listed at `path`) to indices, pointing at the
    /// first unknown one.
    pub fn resolve_scopes(
        &self,
        wanted: &[String],
        path: &JsonPath,
        owner: &Owner,
    ) -> Result<Vec<usize>> {
        let resolve = |(i, name): (usize, &String)| {
            self.scope_ids.get(name.as_str()).copied().ok_or_else(|| {
                let problem = owner.problem(
                    ErrorKind::RubricInvalid,
                    path.index(i),
                    format!("unknown scope \"{name}\""),
                );
                let hint = suggest(name, self.scope_ids.keys().copied(), "scopes");
                self.error(problem.with_hint(Some(hint)))
            })
        };
        wanted.iter().enumerate().map(resolve).collect()
    }
}

/// Who a list of cues belongs to: a criterion or a signal.
pub(super) struct Owner<'a> {
    /// `criterion "kind"` or `signal "user_emotion"`, first in messages.
    pub what: String,
    /// The JSON path of the criterion or signal.
    pub path: JsonPath,
    /// The criterion's or signal's id; a cue without one is `<id>[<index>]`.
    pub id: &'a str,
    /// Whether it is a criterion (errors name it) or a signal.
    pub is_criterion: bool,
}

impl Owner<'_> {
    /// A problem at `path` in this owner, its message prefixed with `what`.
    pub fn problem(&self, kind: ErrorKind, path: JsonPath, message: String) -> Problem {
        let criterion = self.is_criterion.then_some(self.id);
        Problem::new(kind, path, format!("{}: {message}", self.what)).in_criterion(criterion)
    }
}

/// Validates and compiles `file`; `name` and `source` locate errors.
pub(crate) fn compile(file: RubricFile, name: &str, source: &str) -> Result<CompiledRubric> {
    let origin = Origin { name, source };
    check_top_level(&file, &origin)?;
    let context = Context {
        lexicons: &file.lexicons,
        trees: LexiconTrees::new(&file.lexicons),
        scope_ids: names(&file.scopes),
        signal_ids: names(&file.signals),
        origin,
    };
    let scopes = file
        .scopes
        .iter()
        .map(|(name, spec)| compile_scope(name, spec, &context))
        .collect::<Result<Vec<_>>>()?;
    let (signals, signal_cues) = compile_signals(&file, &context)?;
    let mut cues = Vec::new();
    let mut criteria = Vec::new();
    for (index, spec) in file.criteria.iter().enumerate() {
        criteria.push(compile_criterion(spec, index, &file, &mut cues, &context)?);
    }
    let ranges: Vec<_> = criteria.iter().map(|c| c.cues.clone()).collect();
    let cues = cue_set(cues, &ranges, "criteria", &context)?;
    drop(context);
    Ok(CompiledRubric {
        file,
        criteria,
        cues,
        signals,
        signal_cues,
        scopes,
    })
}

/// The signals and their cues, in the order of their names.
fn compile_signals(file: &RubricFile, context: &Context) -> Result<(Vec<Signal>, CueSet)> {
    let mut signal_cues = Vec::new();
    let mut signals = Vec::new();
    for (name, spec) in &file.signals {
        let owner = Owner {
            what: format!("signal \"{name}\""),
            path: JsonPath::root().key("signals").key(name),
            id: name,
            is_criterion: false,
        };
        let first = signal_cues.len();
        let scopes = context.resolve_scopes(&spec.scopes, &owner.path.key("scopes"), &owner)?;
        for (i, cue) in spec.cues.iter().enumerate() {
            signal_cues.push(compile_cue(cue, i, &owner, &scopes, context)?);
        }
        signals.push(Signal {
            cues: first..signal_cues.len(),
        });
    }
    let ranges: Vec<_> = signals.iter().map(|s| s.cues.clone()).collect();
    // Signals are read from a context only, which most replies lack.
    if context.origin.is_builtin() {
        return Ok((signals, CueSet::deferred(signal_cues, &ranges)));
    }
    Ok((signals, cue_set(signal_cues, &ranges, "signals", context)?))
}

/// The combined automata of a list of cues, found at `field`.
fn cue_set(
    cues: Vec<Cue>,
    ranges: &[Range<usize>],
    field: &str,
    context: &Context,
) -> Result<CueSet> {
    CueSet::new(cues, ranges).map_err(|e| {
        let path = JsonPath::root().key(field);
        let message = format!("the cues of the {field} do not compile together: {e}");
        context.error(Problem::new(ErrorKind::Pattern, path, message).pointing_at(Target::Key))
    })
}

fn names<T>(map: &BTreeMap<String, T>) -> BTreeMap<&str, usize> {
    map.keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
}

fn check_top_level(file: &RubricFile, origin: &Origin) -> Result<()> {
    let root = JsonPath::root();
    let invalid = |path: JsonPath, message: String| {
        Err(origin.error(Problem::new(ErrorKind::RubricInvalid, path, message)))
    };
    if file.name.trim().is_empty() {
        return invalid(root.key("name"), "\"name\" is empty".into());
    }
    if !(0.0..=100.0).contains(&file.threshold) {
        let message = format!(
            "\"threshold\" must be between 0 and 100, found {}",
            file.threshold
        );
        return invalid(root.key("threshold"), message);
    }
    if file.criteria.is_empty() {
        return invalid(root.key("criteria"), "the rubric has no criteria".into());
    }
    check_names(file, origin)?;
    super::limits::check_counts(file, origin)?;
    check_lexicon_entries(file, origin)?;
    let total: f64 = file.criteria.iter().map(|c| c.weight).sum();
    if file
        .criteria
        .iter()
        .all(|c| c.weight.is_finite() && c.weight >= 0.0)
        && total <= 0.0
    {
        let message = "the criteria's weights add up to zero".into();
        return invalid(root.key("criteria"), message);
    }
    if !total.is_finite() && file.criteria.iter().all(|c| c.weight.is_finite()) {
        let message = "the criteria's weights add up to more than a number can hold".into();
        return invalid(root.key("criteria"), message);
    }
    Ok(())
}

/// No lexicon entry is blank.
fn check_lexicon_entries(file: &RubricFile, origin: &Origin) -> Result<()> {
    for (name, entries) in &file.lexicons {
        if let Some(i) = entries.iter().position(|e| e.trim().is_empty()) {
            let path = JsonPath::root().key("lexicons").key(name).index(i);
            let message = format!("lexicon \"{name}\" has an empty entry");
            return Err(origin.error(Problem::new(ErrorKind::RubricInvalid, path, message)));
        }
    }
    Ok(())
}

/// Lexicon, scope and signal names are snake_case.
fn check_names(file: &RubricFile, origin: &Origin) -> Result<()> {
    let lexicons = file.lexicons.keys().map(|n| ("lexicons", n));
    let scopes = file.scopes.keys().map(|n| ("scopes", n));
    let signals = file.signals.keys().map(|n| ("signals", n));
    for (field, name) in lexicons.chain(scopes).chain(signals) {
        if !is_snake_case(name) {
            let path = JsonPath::root().key(field).key(name);
            let message = format!("name \"{name}\" must be snake_case (a-z, 0-9, _)");
            let problem = Problem::new(ErrorKind::RubricInvalid, path, message);
            return Err(origin.error(problem.pointing_at(Target::Key)));
        }
    }
    Ok(())
}

/// Whether `name` is snake_case: a-z first, then a-z, 0-9 or `_`.
pub(super) fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn compile_scope(name: &str, spec: &ScopeSpec, context: &Context) -> Result<Scope> {
    let path = JsonPath::root().key("scopes").key(name);
    let build = |field: &str, phrases: &[String]| scope_phrases(name, field, phrases, context);
    let triggers = build("triggers", &spec.triggers)?.ok_or_else(|| {
        let message = format!("scope \"{name}\" has no triggers");
        let problem = Problem::new(ErrorKind::RubricInvalid, path.key("triggers"), message);
        context.error(problem)
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

/// One phrase list of scope `name` (`triggers`, `exceptions`, `breaks`) as
/// a regex; `None` when the list is empty.
fn scope_phrases(
    name: &str,
    field: &str,
    phrases: &[String],
    context: &Context,
) -> Result<Option<LazyRegex>> {
    if phrases.is_empty() {
        return Ok(None);
    }
    let fail = |e: PatternError| {
        let mut at = JsonPath::root().key("scopes").key(name).key(field);
        if let Some(i) = cue::failing_phrase(phrases, context.lexicons) {
            at = at.index(i);
        }
        let message = format!("scope \"{name}\" {field}: {e}");
        let problem = Problem::new(ErrorKind::Pattern, at, message);
        context.error(problem.with_hint(cue::hint(&e, context)))
    };
    let hir = match context.trees.phrases(phrases, false) {
        Some(hir) => hir,
        None => {
            let source = pattern::phrases_source(phrases, context.lexicons).map_err(fail)?;
            pattern::parse(&source, false).map_err(fail)?
        }
    };
    let regex = LazyRegex::new(hir);
    // The built-in rubric's scopes compile (tests use them all); they are
    // built when a cue first needs them. Any other rubric's are checked now.
    if !context.origin.is_builtin() {
        regex
            .build_now()
            .map_err(|e| fail(PatternError::Invalid(one_line(&e))))?;
    }
    Ok(Some(regex))
}

fn compile_criterion(
    spec: &CriterionSpec,
    index: usize,
    file: &RubricFile,
    cues: &mut Vec<Cue>,
    context: &Context,
) -> Result<Criterion> {
    let owner = Owner {
        what: format!("criterion \"{}\"", spec.id),
        path: JsonPath::root().key("criteria").index(index),
        id: &spec.id,
        is_criterion: true,
    };
    check_criterion(spec, index, file, &owner, context)?;
    let applies_when = match &spec.applies_when {
        Some(when) => Some((
            signal_of(&when.context_signal, &owner, context)?,
            when.without_context,
        )),
        None => None,
    };
    let scopes = context.resolve_scopes(&spec.scopes, &owner.path.key("scopes"), &owner)?;
    let first = cues.len();
    for (i, cue) in spec.cues.iter().enumerate() {
        cues.push(compile_cue(cue, i, &owner, &scopes, context)?);
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

/// The checks on a criterion's own fields, before its cues.
fn check_criterion(
    spec: &CriterionSpec,
    index: usize,
    file: &RubricFile,
    owner: &Owner,
    context: &Context,
) -> Result<()> {
    let invalid = |field: &str, message: String| {
        let path = owner.path.key(field);
        Err(context.error(owner.problem(ErrorKind::RubricInvalid, path, message)))
    };
    if !is_snake_case(&spec.id) {
        return invalid("id", "the id must be snake_case (a-z, 0-9, _)".into());
    }
    let mut earlier = file.criteria.iter().take(index);
    if let Some(first) = earlier.position(|c| c.id == spec.id) {
        return invalid("id", format!("the id is already used by criteria[{first}]"));
    }
    if !spec.weight.is_finite() || spec.weight < 0.0 {
        let message = format!("\"weight\" must be a number >= 0, found {}", spec.weight);
        return invalid("weight", message);
    }
    if spec.fatal && spec.polarity != Polarity::Avoid {
        let message = "\"fatal\" applies only to \"avoid\" criteria".into();
        return invalid("fatal", message);
    }
    if spec.cues.is_empty() {
        return invalid("cues", "the criterion has no cues".into());
    }
    Ok(())
}

/// The index of the signal named in `applies_when`.
fn signal_of(name: &str, owner: &Owner, context: &Context) -> Result<usize> {
    context.signal_ids.get(name).copied().ok_or_else(|| {
        let path = owner.path.key("applies_when").key("context_signal");
        let message = format!("unknown signal \"{name}\" in \"applies_when\"");
        let hint = suggest(name, context.signal_ids.keys().copied(), "signals");
        let problem = owner.problem(ErrorKind::RubricInvalid, path, message);
        context.error(problem.with_hint(Some(hint)))
    })
}
