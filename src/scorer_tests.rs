//! Scoring arithmetic, negation and evidence, on the small test rubric.

use super::*;

const MINI: &str = include_str!("../tests/fixtures/mini.json");

fn mini() -> Scorer {
    Scorer::from_json(MINI, "mini.json").unwrap()
}

fn feelings(reply: &str) -> CriterionScore {
    mini().score(reply, None).criteria[0].clone()
}

fn aggression(reply: &str) -> CriterionScore {
    mini().score(reply, None).criteria[1].clone()
}

#[test]
fn full_marks_when_every_move_is_made() {
    let result = mini().score(
        "It sounds like you're really disappointed.",
        Some("she cancelled again"),
    );
    assert_eq!(result.score, 100.0);
    assert!(result.passed);
    let ev = &result.criteria[0].evidence;
    assert_eq!(ev.len(), 1, "contained hits fold into one: {ev:?}");
    assert_eq!(ev[0].text, "sounds like you're really disappointed");
    assert_eq!(&*ev[0].cue, "sounds_like");
}

#[test]
fn weak_cue_earns_part_of_the_weight() {
    let result = mini().score("I understand.", None);
    assert_eq!(result.criteria[0].points, 30.0);
    assert_eq!(result.score, 70.0);
}

#[test]
fn not_applicable_criterion_leaves_the_total() {
    let result = mini().score(
        "Use reversed(list).",
        Some("How do I reverse a list in Python?"),
    );
    let feelings = &result.criteria[0];
    assert!(!feelings.applicable);
    assert_eq!(feelings.points, 0.0);
    assert_eq!(result.score, 100.0);
    assert!(result.passed);
}

#[test]
fn missing_context_means_the_move_is_expected() {
    let result = mini().score("Use reversed(list).", None);
    assert!(result.criteria[0].applicable);
    assert_eq!(result.score, 40.0);
    assert!(!result.passed);
}

#[test]
fn fatal_violation_fails_whatever_the_score() {
    let mut rubric: RubricFile = serde_json::from_str(MINI).unwrap();
    rubric.threshold = 0.0;
    let scorer = Scorer::from_file(rubric).unwrap();
    let result = scorer.score("No wonder you're upset, you idiot.", None);
    assert_eq!(result.score, 60.0);
    assert!(!result.passed);
    assert_eq!(
        result.fatal_violations().collect::<Vec<_>>(),
        ["avoids_aggression"]
    );
}

#[test]
fn negated_empathy_does_not_count() {
    let c = feelings("I don't understand why you're upset.");
    assert!(!c.met, "{c:?}");
    assert_eq!(c.suppressed.len(), 1);
    assert_eq!(c.suppressed[0].trigger, "don't");
    assert_eq!(&*c.suppressed[0].scope, "negation");
}

#[test]
fn negated_empathy_in_chinese_does_not_count() {
    let c = feelings("我不理解你为什么生气");
    assert!(!c.met, "{c:?}");
    assert_eq!(c.suppressed[0].trigger, "不");
}

#[test]
fn idiom_that_looks_negated_still_counts() {
    assert!(feelings("No wonder you're upset.").met);
    assert!(feelings("I can't imagine how hard this is.").met);
    assert!(feelings("难怪你很生气").met);
}

#[test]
fn imperative_emotion_word_is_no_acknowledgement() {
    assert!(!feelings("Don't be sad, you're not upset really.").met);
    assert!(!feelings("别你很难过了").met);
}

#[test]
fn negation_does_not_cross_a_clause_break() {
    assert!(feelings("I'm not sure, but you're upset and that's fair.").met);
}

#[test]
fn negated_insult_is_no_aggression() {
    assert!(aggression("You're not stupid.").met);
    assert!(aggression("你不是白痴").met);
    assert!(!aggression("You're stupid.").met);
}

#[test]
fn reported_insult_is_no_aggression_but_a_draft_is() {
    assert!(aggression("She called you an idiot? That's awful.").met);
    assert!(aggression("他骂你白痴，太过分了").met);
    let draft = aggression("Here's a text you could send: \"You're a selfish idiot.\"");
    assert!(!draft.met);
    assert_eq!(draft.evidence.len(), 2);
}

#[test]
fn evidence_points_into_the_original_reply() {
    let reply = "Ｙｏｕ\u{2019}re an ｉ\u{200B}ｄｉｏｔ";
    let c = aggression(reply);
    assert!(!c.met);
    let e = &c.evidence[0];
    assert_eq!(&reply[e.start..e.end], e.text);
    assert_eq!(e.text, "ｉ\u{200B}ｄｉｏｔ");
}

#[test]
fn fullwidth_and_curly_variants_score_the_same() {
    let plain = mini().score("No wonder you're upset, idiot", None);
    let fancy = mini().score("Ｎｏ wonder you\u{2019}re upset， idiot", None);
    assert_eq!(plain.score, fancy.score);
    assert_eq!(plain.passed, fancy.passed);
}

#[test]
fn scoring_is_deterministic() {
    let scorer = mini();
    let a = scorer.score("No wonder you're upset, I understand, idiot", None);
    let b = scorer.score("No wonder you're upset, I understand, idiot", None);
    assert_eq!(a, b);
}

#[test]
fn scorer_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scorer>();
}

#[test]
fn evidence_starts_at_words_not_at_the_clause_break_before_them() {
    assert_eq!(trim_span(". Have you", 0, 10), (2, 10));
    assert_eq!(trim_span("，滚！", 0, 9), (3, 9));
    assert_eq!(
        trim_span("ok?", 2, 3),
        (2, 3),
        "a match of punctuation only is kept"
    );
    assert_eq!(trim_span("you could, ", 0, 11), (0, 9));
}

#[test]
fn threshold_override_moves_the_pass_line() {
    // "I understand." scores 70.0 on the mini rubric, whose threshold is 60.
    assert!(mini().score("I understand.", None).passed);
    let strict = mini().with_threshold(70.1).unwrap();
    assert_eq!(strict.rubric().threshold, 70.1);
    let result = strict.score("I understand.", None);
    assert_eq!(result.score, 70.0);
    assert!(!result.passed);
    let error = mini().with_threshold(f64::NAN).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Usage);
    assert!(mini().with_threshold(100.5).is_err());
}

#[test]
fn another_threshold_shares_the_compiled_rubric() {
    let scorer = mini();
    let strict = scorer.clone().with_threshold(100.0).unwrap();
    assert!(Arc::ptr_eq(&scorer.rubric, &strict.rubric));
    assert_eq!(strict.rubric().threshold, 100.0);
    assert_ne!(scorer.rubric().threshold, 100.0);
    let reply = "That sounds really hard.";
    assert_eq!(
        scorer.score(reply, None).score,
        strict.score(reply, None).score
    );
    assert!(!strict.score(reply, None).passed);
}
