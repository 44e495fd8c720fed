//! One pass over a text for every cue at once, then spans for the few that hit.
//!
//! All cues of a rubric are compiled into a single multi-pattern automaton
//! that reports *which* cues occur (overlapping matches, so one cue never hides
//! another). Only for those does a cue's own regex, compiled on first use, find
//! the spans. Most cues never match most replies, so most are never compiled.

use std::sync::{Arc, OnceLock};

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::Hir;

/// Room for the lazy DFA: with hundreds of patterns the 2 MiB default thrashes.
const DFA_CACHE_BYTES: usize = 16 << 20;
/// The largest compiled automaton a rubric may build.
const NFA_SIZE_LIMIT: usize = 256 << 20;

/// A compiled cue: what it matches and what a match is worth.
#[derive(Debug)]
pub(crate) struct Cue {
    /// Stable name shown as evidence.
    pub id: Arc<str>,
    /// How much a match proves, in (0, 1].
    pub strength: f64,
    /// Indices of the scopes that cancel a match.
    pub scopes: Vec<usize>,
    hir: Hir,
    regex: OnceLock<Option<Regex>>,
}

impl Cue {
    /// A cue from its parsed pattern.
    pub fn new(id: Arc<str>, strength: f64, scopes: Vec<usize>, hir: Hir) -> Cue {
        Cue {
            id,
            strength,
            scopes,
            hir,
            regex: OnceLock::new(),
        }
    }

    /// Leftmost-first, non-overlapping, non-empty spans of this cue in `text`.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize)> {
        match self.regex.get_or_init(|| single(&self.hir)) {
            Some(regex) => regex
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| (m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Builds a one-pattern regex for span finding.
///
/// It cannot fail where the combined automaton was built, since that holds
/// this very pattern; should it fail anyway, the cue finds nothing.
fn single(hir: &Hir) -> Option<Regex> {
    Regex::builder()
        .configure(Regex::config().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
        .build_from_hir(hir)
        .ok()
}

/// Every cue of a rubric (or of its signals) behind one automaton.
#[derive(Debug)]
pub(crate) struct CueSet {
    cues: Vec<Cue>,
    any: Option<Regex>,
}

impl CueSet {
    /// Compiles the combined automaton.
    pub fn new(cues: Vec<Cue>) -> Result<CueSet, String> {
        if cues.is_empty() {
            return Ok(CueSet { cues, any: None });
        }
        let hirs: Vec<&Hir> = cues.iter().map(|c| &c.hir).collect();
        let config = meta::Config::new()
            .match_kind(MatchKind::All)
            .hybrid_cache_capacity(DFA_CACHE_BYTES)
            .nfa_size_limit(Some(NFA_SIZE_LIMIT));
        let any = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new())
            .build_many_from_hir(&hirs)
            .map_err(|e| crate::error::one_line(&e.to_string()))?;
        Ok(CueSet { cues, any: Some(any) })
    }

    /// The compiled cues, in pattern order.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// Which cues occur anywhere in `text`.
    pub fn which(&self, text: &str) -> PatternSet {
        let mut found = PatternSet::new(self.cues.len());
        if let Some(any) = &self.any {
            any.which_overlapping_matches(&Input::new(text), &mut found);
        }
        found
    }
}
