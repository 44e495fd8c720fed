//! The per-cue size limit, so an untrusted rubric cannot exhaust memory.
//!
//! A counted repetition multiplies size: `(?:a{1000}){1000}` is a million
//! states from twenty characters of JSON, and large Unicode classes
//! (`\w`) multiply it again. Each regex cue is therefore checked alone
//! against [`CUE_SIZE_LIMIT`] before the rubric's combined automata are built.
//!
//! Building a Thompson NFA for each of the built-in rubric's 110 regex cues
//! costs about 17 ms per run, more than all the rest of rubric loading adds.
//! So a cheap, generous upper bound computed from the syntax tree comes
//! first: a cue whose bound is under the limit cannot be too large, and only
//! a cue above it pays for the real NFA build, which decides exactly. The
//! bound counts every UTF-8 byte of every class range and every repeated
//! copy, with no sharing of common suffixes, at 64 bytes a state where
//! regex-automata spends about 38; it is 4 to 25 times the real size on the
//! built-in rubric, whose largest cue compiles to about 285 KiB, and it lets
//! all but 8 of its 110 regex cues skip the NFA build.

use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_syntax::hir::{Class, Hir, HirKind};
use regex_syntax::utf8::Utf8Sequences;

use super::pattern::PatternError;

/// The largest automaton one cue's regex may compile to.
pub(crate) const CUE_SIZE_LIMIT: usize = 1 << 20;

/// Bytes charged per NFA state in the estimate: more than a state and its
/// transitions take in regex-automata's builder.
const BYTES_PER_STATE: usize = 64;

/// Checks that `hir` alone compiles to an automaton under the size limit.
pub(crate) fn check_size(hir: &Hir) -> Result<(), PatternError> {
    if estimate_states(hir).saturating_mul(BYTES_PER_STATE) <= CUE_SIZE_LIMIT {
        return Ok(());
    }
    let config = thompson::Config::new()
        .nfa_size_limit(Some(CUE_SIZE_LIMIT))
        .shrink(false)
        .which_captures(WhichCaptures::None);
    match thompson::Compiler::new()
        .configure(config)
        .build_from_hir(hir)
    {
        Ok(_) => Ok(()),
        Err(e) if e.size_limit().is_some() => Err(PatternError::TooLarge),
        Err(e) => Err(PatternError::Invalid(crate::error::one_line(
            &e.to_string(),
        ))),
    }
}

/// An upper bound on the NFA states of `hir`, saturating rather than
/// overflowing on absurd repetitions.
fn estimate_states(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(literal) => literal.0.len() + 1,
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .flat_map(|r| Utf8Sequences::new(r.start(), r.end()))
            .map(|seq| seq.len())
            .sum::<usize>()
            .saturating_add(1),
        HirKind::Class(Class::Bytes(class)) => class.ranges().len() + 1,
        HirKind::Capture(capture) => estimate_states(&capture.sub) + 2,
        HirKind::Repetition(rep) => {
            let copies = match rep.max {
                Some(max) => max as usize,
                None => rep.min as usize + 1,
            };
            estimate_states(&rep.sub)
                .saturating_add(1)
                .saturating_mul(copies.max(1))
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().fold(subs.len(), |sum, sub| {
                sum.saturating_add(estimate_states(sub))
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::pattern::parse;

    fn states(regex: &str) -> usize {
        estimate_states(&parse(regex, false).unwrap())
    }

    #[test]
    fn a_regex_over_the_size_limit_is_too_large() {
        let hir = parse("(?:idiot{1000}){1000}", false).unwrap();
        assert_eq!(check_size(&hir), Err(PatternError::TooLarge));
        let hir = parse("(?:idiot{10}){10}", false).unwrap();
        assert_eq!(check_size(&hir), Ok(()));
    }

    #[test]
    fn absurd_repetitions_saturate_instead_of_overflowing() {
        let hir = parse("(?:(?:a{1000}){1000}){1000}{1000}{1000}", false).unwrap();
        assert_eq!(check_size(&hir), Err(PatternError::TooLarge));
    }

    #[test]
    fn a_large_estimate_is_decided_by_the_real_nfa() {
        // `\w` has hundreds of ranges: the bound (about 2 MiB) says too
        // large, the NFA (about 170 KiB, sharing UTF-8 suffixes) says fine.
        let hir = parse(r"\w{10}", false).unwrap();
        assert!(estimate_states(&hir) * BYTES_PER_STATE > CUE_SIZE_LIMIT);
        assert_eq!(check_size(&hir), Ok(()));
    }

    #[test]
    fn the_built_in_rubric_is_under_the_limit() {
        let file = crate::rubric::parse(crate::rubric::BUILTIN_EMPATHY, "b").unwrap();
        let regexes = file
            .criteria
            .iter()
            .flat_map(|c| &c.cues)
            .filter_map(|c| c.regex.as_ref());
        for regex in regexes {
            let source = crate::rubric::pattern::regex_source(regex, &file.lexicons).unwrap();
            assert_eq!(
                check_size(&parse(&source, false).unwrap()),
                Ok(()),
                "{regex}"
            );
        }
    }

    #[test]
    fn the_estimate_is_above_the_real_size() {
        for regex in [
            r"sounds (?:so |really )?(?:sad|upset)",
            r"[^.]{0,40}\bor\b",
            "(?:ab|cd){3,9}",
            "难过|失望",
            r"\d+",
        ] {
            let nfa = thompson::Compiler::new()
                .configure(
                    thompson::Config::new()
                        .shrink(false)
                        .which_captures(WhichCaptures::None),
                )
                .build_from_hir(&parse(regex, false).unwrap())
                .unwrap();
            assert!(
                states(regex) >= nfa.states().len(),
                "{regex}: {} < {}",
                states(regex),
                nfa.states().len()
            );
            assert!(
                states(regex) * BYTES_PER_STATE >= nfa.memory_usage(),
                "{regex}"
            );
        }
    }
}
