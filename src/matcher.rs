//! A few passes over a text for every cue, then spans for the few that hit.
//!
//! The cues of a rubric are compiled into multi-pattern automata that report
//! *which* cues occur (overlapping matches, so one cue never hides another).
//! Only for those does a cue's own regex, compiled on first use, find the
//! spans. Most cues never match most replies, so most are never compiled.
//!
//! How the cues are split into automata is a measured trade (lazy DFA, one
//! core; see [`CueSet`]): an overlapping search tracks every live pattern at
//! once, so the states of one automaton grow with the *product* of what its
//! patterns can be doing, while separate automata only add up.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::pool::Pool;
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
        match self.regex() {
            Some(regex) => regex
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| (m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        }
    }
}

impl Cue {
    /// The cue's own regex, compiled on first use.
    fn regex(&self) -> Option<&Regex> {
        self.regex.get_or_init(|| single(&self.hir)).as_ref()
    }
}

/// Builds a one-pattern regex for span finding.
///
/// It cannot fail where the combined automaton was built, since that holds
/// this very pattern; should it fail anyway, the cue finds nothing.
fn single(hir: &Hir) -> Option<Regex> {
    Regex::builder()
        .configure(
            Regex::config()
                .nfa_size_limit(Some(NFA_SIZE_LIMIT))
                .hybrid_cache_capacity(DFA_CACHE_BYTES),
        )
        .build_from_hir(hir)
        .ok()
}

/// Every cue of a rubric (or of its signals), behind two automata per group
/// (criterion or signal): one for the cues of bounded length, one for the
/// cues with an unbounded gap (`you could[^.]*\bor\b`), which stay alive to
/// the end of a sentence.
///
/// Measured on 60k replies of the built-in rubric: all ~400 cues in one
/// automaton thrash the lazy DFA until it falls back to the PikeVM (164 s for
/// 242k replies); one automaton per criterion with gapped cues searched one
/// by one took 3.6 s for 60k; with the gapped cues of each criterion in their
/// own automaton, 2.3 s. Chunking the bounded cues further did not help.
#[derive(Debug)]
pub(crate) struct CueSet {
    cues: Vec<Cue>,
    /// The cue indices of each group (criterion or signal).
    ranges: Vec<Range<usize>>,
    /// The automata, built by [`CueSet::new`] or on first use.
    groups: OnceLock<Vec<Group>>,
}

/// The bounded (or the gapped) cues of one group, in one overlapping automaton.
#[derive(Debug)]
struct Group {
    automaton: Overlapping,
    /// For each pattern of `automaton`, the index of its cue.
    cues: Vec<usize>,
}

impl CueSet {
    /// Compiles one automaton per group; `groups` partition the cue indices.
    pub fn new(cues: Vec<Cue>, groups: &[Range<usize>]) -> Result<CueSet, String> {
        let built = build(&cues, groups)?;
        Ok(CueSet {
            cues,
            ranges: groups.to_vec(),
            groups: OnceLock::from(built),
        })
    }

    /// As [`CueSet::new`], but compiles the automata on first use, for cues
    /// known to compile (the built-in rubric's, which tests compile) and
    /// only needed for some replies (signals, read only from a context).
    /// Should they fail to compile all the same, no cue is ever found.
    pub fn deferred(cues: Vec<Cue>, groups: &[Range<usize>]) -> CueSet {
        CueSet {
            cues,
            ranges: groups.to_vec(),
            groups: OnceLock::new(),
        }
    }

    /// Compiles the automata again, for a test that deferred ones compile.
    #[cfg(test)]
    pub fn check(&self) -> Result<(), String> {
        build(&self.cues, &self.ranges).map(drop)
    }

    /// The compiled cues, in pattern order.
    pub fn cues(&self) -> &[Cue] {
        &self.cues
    }

    /// Which cues occur anywhere in `text`.
    pub fn which(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.cues.len()];
        let input = Input::new(text);
        let groups = self
            .groups
            .get_or_init(|| build(&self.cues, &self.ranges).unwrap_or_default());
        for group in groups {
            let mut patterns = PatternSet::new(group.cues.len());
            group.automaton.which(&input, &mut patterns);
            for pattern in patterns.iter() {
                let cue = group.cues.get(pattern.as_usize());
                if let Some(slot) = cue.and_then(|&cue| found.get_mut(cue)) {
                    *slot = true;
                }
            }
        }
        found
    }
}

/// One automaton for the bounded and one for the gapped cues of each group.
fn build(cues: &[Cue], groups: &[Range<usize>]) -> Result<Vec<Group>, String> {
    let is_gapped = |i: usize| {
        cues.get(i)
            .is_some_and(|cue| cue.hir.properties().maximum_len().is_none())
    };
    // One compiler for all: it keeps its scratch tables (about 400 KB
    // for Unicode classes) from one automaton to the next.
    let compiler = compiler();
    let mut compiled = Vec::new();
    for range in groups {
        let (gapped, bounded): (Vec<usize>, Vec<usize>) =
            range.clone().partition(|&i| is_gapped(i));
        for members in [bounded, gapped].into_iter().filter(|m| !m.is_empty()) {
            let hirs: Vec<&Hir> = members
                .iter()
                .map(|&i| cues.get(i).map(|cue| &cue.hir))
                .collect::<Option<_>>()
                .ok_or("a cue group names a cue that does not exist")?;
            compiled.push(Group {
                automaton: Overlapping::new(&compiler, &hirs)?,
                cues: members,
            });
        }
    }
    Ok(compiled)
}

/// The compiler of the automata: no capture states, only *which* patterns.
fn compiler() -> thompson::Compiler {
    let mut compiler = thompson::Compiler::new();
    compiler.configure(
        thompson::Config::new()
            .nfa_size_limit(Some(NFA_SIZE_LIMIT))
            .which_captures(WhichCaptures::None),
    );
    compiler
}

/// A per-thread lazy-DFA cache, made on first use by each thread.
type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// An automaton reporting every pattern that occurs, overlaps included.
///
/// A forward lazy DFA over a Thompson NFA and nothing else: no capture
/// states, no reverse automaton, no literal prefilter, since only *which*
/// patterns occur is asked. Building just this is about half of what a
/// `meta::Regex` builds (measured on the built-in rubric's start-up).
/// Should the lazy DFA ever give up (a Unicode word boundary, which cues
/// never have, next to a non-ASCII byte), a PikeVM over the same NFA answers.
#[derive(Debug)]
struct Overlapping {
    dfa: Arc<DFA>,
    caches: CachePool,
    nfa: NFA,
}

impl Overlapping {
    fn new(compiler: &thompson::Compiler, hirs: &[&Hir]) -> Result<Overlapping, String> {
        let nfa = compiler
            .build_many_from_hir(hirs)
            .map_err(|e| crate::error::one_line(&e.to_string()))?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .unicode_word_boundary(true)
                    .cache_capacity(DFA_CACHE_BYTES)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|e| crate::error::one_line(&e.to_string()))?;
        let dfa = Arc::new(dfa);
        let for_caches = Arc::clone(&dfa);
        Ok(Overlapping {
            dfa,
            caches: Pool::new(Box::new(move || for_caches.create_cache())),
            nfa,
        })
    }

    /// Adds the patterns that occur in `input` to `found`.
    fn which(&self, input: &Input<'_>, found: &mut PatternSet) {
        let mut cache = self.caches.get();
        if self
            .dfa
            .try_which_overlapping_matches(&mut cache, input, found)
            .is_err()
        {
            self.which_slowly(input, found);
        }
    }

    /// The PikeVM's answer, for the rare text the lazy DFA gives up on.
    #[cold]
    fn which_slowly(&self, input: &Input<'_>, found: &mut PatternSet) {
        let config = PikeVM::config().match_kind(MatchKind::All);
        if let Ok(vm) = PikeVM::builder()
            .configure(config)
            .build_from_nfa(self.nfa.clone())
        {
            vm.which_overlapping_matches(&mut vm.create_cache(), input, found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::ParserBuilder;

    fn cue(regex: &str) -> Cue {
        let hir = ParserBuilder::new().build().parse(regex).unwrap();
        Cue::new(Arc::from(regex), 1.0, Vec::new(), hir)
    }

    fn which(patterns: &[&str], text: &str) -> Vec<bool> {
        let cues: Vec<Cue> = patterns.iter().map(|p| cue(p)).collect();
        let one_group: Range<usize> = 0..patterns.len();
        CueSet::new(cues, std::slice::from_ref(&one_group))
            .unwrap()
            .which(text)
    }

    #[test]
    fn overlapping_cues_are_all_found() {
        let found = which(
            &["sounds hard", "hard", "(?:so|really) hard", "easy"],
            "sounds hard",
        );
        assert_eq!(found, [true, true, false, false]);
    }

    #[test]
    fn gapped_and_bounded_cues_of_a_group_are_both_searched() {
        let gapped = r"you could[^.]*(?-u:\b)or(?-u:\b)";
        let found = which(&[gapped, "could"], "You could call, or write.");
        assert_eq!(found, [false, true], "case-sensitive as parsed here");
        let found = which(&[gapped, "could"], "you could call, or write.");
        assert_eq!(found, [true, true]);
        let found = which(&[gapped, "could"], "you could call. or write.");
        assert_eq!(found, [false, true]);
    }

    #[test]
    fn where_the_lazy_dfa_gives_up_the_pikevm_answers() {
        // A Unicode `\B` makes the lazy DFA quit at the first non-ASCII byte.
        let found = which(&[r"\Bé", "x"], "café");
        assert_eq!(found, [true, false]);
        let dfa_quits = DFA::builder()
            .configure(DFA::config().unicode_word_boundary(true))
            .build(r"\Bé")
            .unwrap();
        let input = Input::new("café");
        let mut cache = dfa_quits.create_cache();
        assert!(dfa_quits.try_search_fwd(&mut cache, &input).is_err());
    }
}
