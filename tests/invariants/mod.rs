//! Invariants every scoring and every error must keep, checked by the
//! property tests, the fuzz-regression tests and the fuzz targets alike
//! (`fuzz/fuzz_targets/*.rs` include this file by path).
//!
//! Each check panics with the offending input in the message, so a fuzzer
//! reports it as a crash and a test as a failure.

#![allow(dead_code)] // each user needs a different part

use eqscore::{Error, Evidence, ReplyScore, Scorer};

/// Scores `reply` twice and checks the result; returns the first score.
pub fn score_checked(scorer: &Scorer, reply: &str, context: Option<&str>) -> ReplyScore {
    let first = scorer.score(reply, context);
    check_score(&first, reply);
    let again = scorer.score(reply, context);
    assert_eq!(first, again, "not deterministic for {reply:?}");
    first
}

/// The score is a number in 0..=100, points within their weight, and every
/// span (counted, cancelled and trigger) slices the reply to its text.
pub fn check_score(result: &ReplyScore, reply: &str) {
    assert!(
        (0.0..=100.0).contains(&result.score),
        "score {} out of range for {reply:?}",
        result.score
    );
    for criterion in &result.criteria {
        let id = &criterion.id;
        assert!(
            criterion.points >= 0.0 && criterion.points <= criterion.weight,
            "{id}: points {} outside 0..={} for {reply:?}",
            criterion.points,
            criterion.weight
        );
        for evidence in &criterion.evidence {
            check_span(reply, evidence.start, evidence.end, &evidence.text, id);
            check_strength(evidence, id);
        }
        for suppressed in &criterion.suppressed {
            let evidence = &suppressed.evidence;
            check_span(reply, evidence.start, evidence.end, &evidence.text, id);
            check_strength(evidence, id);
            let (start, end) = (suppressed.trigger_start, suppressed.trigger_end);
            check_span(reply, start, end, &suppressed.trigger, id);
        }
    }
}

/// `reply[start..end]` is a non-empty slice on char boundaries equal to `text`.
pub fn check_span(reply: &str, start: usize, end: usize, text: &str, id: &str) {
    assert!(
        start < end && end <= reply.len(),
        "{id}: span {start}..{end} outside {reply:?}"
    );
    assert!(
        reply.is_char_boundary(start) && reply.is_char_boundary(end),
        "{id}: span {start}..{end} not on char boundaries of {reply:?}"
    );
    assert_eq!(
        &reply[start..end],
        text,
        "{id}: span {start}..{end} of {reply:?}"
    );
}

fn check_strength(evidence: &Evidence, id: &str) {
    assert!(
        evidence.strength > 0.0 && evidence.strength <= 1.0,
        "{id}: strength {} of cue {}",
        evidence.strength,
        evidence.cue
    );
}

/// An error is one line that starts with where it happened.
pub fn check_error(error: &Error, origin: &str) {
    let message = error.message();
    assert!(!message.contains('\n'), "multi-line error: {message:?}");
    assert!(
        message.starts_with(origin),
        "error does not name {origin:?}: {message:?}"
    );
    if let Some(at) = error.location() {
        assert!(at.line >= 1 && at.column >= 1, "location {at:?}");
        assert!(!at.line_text.contains('\n'), "location {at:?}");
    }
}
