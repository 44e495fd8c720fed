//! Inputs that once broke eqscore or that sit on a documented limit (see
//! docs/robustness.md), run through the same code as the fuzz targets in
//! `fuzz/`, on stable, in `cargo test`.

mod invariants;

use std::sync::Arc;

use eqscore::transcript::{InputKind, ReadOptions, read_source};
use eqscore::{ErrorKind, Scorer};

/// Reads `data` as the `transcript` fuzz target does; returns the error.
fn read_jsonl(data: &[u8]) -> Option<eqscore::Error> {
    let path: Arc<str> = Arc::from("t.jsonl");
    let result = read_source(
        data,
        &path,
        InputKind::Jsonl,
        &ReadOptions::default(),
        |_| Ok(()),
    );
    result.err()
}

#[test]
fn deeply_nested_rubric_json_is_an_error_not_a_stack_overflow() {
    // The rubric's shape rejects a nested value at its first bracket, where
    // one is not expected; the locator that points at it must not recurse.
    for deep in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{{\"lexicons\": {{\"a\": {}", "[".repeat(100_000)),
        "{\"a\":".repeat(100_000),
    ] {
        let error = Scorer::from_json(&deep, "deep.json").unwrap_err();
        invariants::check_error(&error, "deep.json");
        assert_eq!(error.kind(), ErrorKind::RubricSyntax, "{error}");
    }
}

#[test]
fn deeply_nested_jsonl_record_is_an_error_not_a_stack_overflow() {
    let line = format!(
        "{{\"reply\": \"hi\", \"x\": {}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let error = read_jsonl(line.as_bytes()).expect("an error");
    invariants::check_error(&error, "t.jsonl");
    assert!(error.message().contains("recursion limit"), "{error}");
}

#[test]
fn a_regex_nested_past_the_limit_is_a_rubric_error() {
    let regex = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    let rubric = serde_json::json!({
        "name": "n", "version": "1", "description": "d", "threshold": 50,
        "criteria": [{"id": "c", "description": "d", "polarity": "expect", "weight": 1,
                      "cues": [{"regex": regex}]}]
    });
    let error = Scorer::from_json(&rubric.to_string(), "nest.json").unwrap_err();
    invariants::check_error(&error, "nest.json");
    assert_eq!(error.kind(), ErrorKind::Pattern, "{error}");
}

/// A rubric with one criterion per weight, each met by "sad".
fn weighted_rubric(weights: &[f64]) -> String {
    let criteria: Vec<_> = (weights.iter().enumerate())
        .map(|(i, weight)| {
            serde_json::json!({"id": format!("c{i}"), "description": "d", "polarity": "expect",
                               "weight": weight, "cues": [{"phrases": ["sad"]}]})
        })
        .collect();
    let rubric = serde_json::json!({
        "name": "n", "version": "1", "description": "d", "threshold": 50, "criteria": criteria
    });
    rubric.to_string()
}

#[test]
fn huge_weights_keep_the_score_a_number_in_range() {
    let scorer = Scorer::from_json(&weighted_rubric(&[1e308]), "w.json").unwrap();
    let result = invariants::score_checked(&scorer, "so sad", None);
    assert_eq!(result.score, 100.0);
    let result = invariants::score_checked(&scorer, "fine", None);
    assert_eq!(result.score, 0.0);
}

#[test]
fn weights_adding_up_past_the_largest_number_are_a_rubric_error() {
    let error = Scorer::from_json(&weighted_rubric(&[1e308, 1e308]), "w.json").unwrap_err();
    invariants::check_error(&error, "w.json");
    assert_eq!(error.kind(), ErrorKind::RubricInvalid, "{error}");
}

#[test]
fn hangul_in_jamo_scores_as_the_composed_syllables() {
    // NFD spells 가 as the jamo ᄀ + ᅡ; both are "starters", which the
    // per-character normalization did not compose, so the jamo run counted as
    // one word instead of three Chinese-width characters and the negation
    // window reached "不".
    let scorer = Scorer::builtin().unwrap();
    let composed = "不가가가听起来你很难过";
    let jamo = "不\u{1100}\u{1161}\u{1100}\u{1161}\u{1100}\u{1161}听起来你很难过";
    let plain = invariants::score_checked(&scorer, composed, None);
    let spelled = invariants::score_checked(&scorer, jamo, None);
    assert_eq!(spelled.score, plain.score);
    assert!(spelled.criterion("acknowledges_feelings").unwrap().met);
}

#[test]
fn half_width_katakana_with_a_voiced_mark_scores_as_full_width() {
    // ｶﾞ is カ + U+FF9E, which NFKC turns into the combining mark U+3099 and
    // composes with カ into ガ: the mark has to stay with its base character.
    let scorer = Scorer::builtin().unwrap();
    let full = "不ガガ听起来你很难过";
    let half = "不ｶﾞｶﾞ听起来你很难过";
    let plain = invariants::score_checked(&scorer, full, None);
    assert_eq!(
        invariants::score_checked(&scorer, half, None).score,
        plain.score
    );
}

#[test]
fn a_negator_on_the_line_before_does_not_cancel_an_insult() {
    // Found by the property `appending_an_insult_never_raises_the_score`
    // (minimal input "不 " + "\n\nYou're an idiot."): the negation window ran
    // across line breaks, so a bulleted draft cancelled its own insult.
    let scorer = Scorer::builtin().unwrap();
    for reply in [
        "You could send one of these:\n- I don't care\n- You're an idiot",
        "不 \n\nYou're an idiot.",
    ] {
        let result = invariants::score_checked(&scorer, reply, None);
        let aggression = result.criterion("avoids_aggression").unwrap();
        assert!(!aggression.met, "{reply:?}");
        assert!(!result.passed, "{reply:?}");
    }
}
