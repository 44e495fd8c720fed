//! Property tests of the scorer with the built-in rubric.
//!
//! Replies come from a grammar of realistic fragments in English and Chinese
//! (feelings, options, questions, insults, dismissals, negations, reported
//! speech) mixed with arbitrary Unicode, so the properties are checked on
//! text that fires cues, not only on noise; `grammar_replies_fire_cues`
//! keeps that true. 256 cases per property by default; `PROPTEST_CASES=5000`
//! runs more. Failing seeds are saved in `tests/properties.proptest-regressions`.

mod invariants;

use std::sync::LazyLock;

use eqscore::{ReplyScore, Scorer};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use unicode_normalization::UnicodeNormalization;

static SCORER: LazyLock<Scorer> = LazyLock::new(|| Scorer::builtin().expect("built-in rubric"));

/// Sentences and clauses a chatbot reply is made of, good and bad.
const FRAGMENTS: &[&str] = &[
    "It sounds like you're really upset.",
    "That must be so hard.",
    "I'm sorry you're going through this.",
    "I can see why you'd feel let down",
    "You could tell her how you feel, or you could take a break.",
    "Here are two options: 1. call her 2. wait a day.",
    "Do you want to talk about it?",
    "How are you feeling now?",
    "Here's a text you can send: \"Hey, I was really hurt when you cancelled.\"",
    "You're an idiot.",
    "She called you an idiot?",
    "Just get over it.",
    "Stop being so dramatic.",
    "I don't think you're stupid.",
    "It's not a big deal.",
    "Why do you feel sad?",
    "no wonder you're upset",
    "whatever",
    "听起来你很难过。",
    "这一定很不容易",
    "你可以先跟她聊聊，也可以先冷静一下。",
    "你愿意多说说吗？",
    "你真是个蠢货！",
    "她骂你是废物？",
    "别想太多了，这种小事有什么好生气的。",
    "你不是傻瓜",
    "滚！",
    "我理解你的感受",
    "OK.",
    "好的",
];

const SEPARATORS: &[&str] = &[" ", "", "\n", ", ", "，", "\n\n", " — "];

/// Direct insults: appended to any reply they must cost points.
const INSULTS: &[&str] = &[
    "You're an idiot.",
    "You are so stupid.",
    "Shut up, you loser.",
    "你真是个蠢货。",
    "你这个废物！",
];

/// Characters that normalization rewrites, drops or composes, and the
/// negator "不" so that they land inside a negation window.
const ODD_PIECES: &[&str] = &[
    "\u{2019}", "\u{201C}", "\u{200B}", "…", "é", "😢", "\u{0301}", "你", "不", "가가", "ｶﾞ",
];

/// A piece of a reply: mostly a fragment, sometimes arbitrary text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
        1 => proptest::sample::select(ODD_PIECES).prop_map(str::to_owned),
    ]
}

/// A reply of one to six pieces joined by separators.
fn reply() -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), proptest::sample::select(SEPARATORS)), 1..6).prop_map(
        |parts| {
            let mut text = String::new();
            for (piece, separator) in parts {
                text.push_str(&piece);
                text.push_str(separator);
            }
            text
        },
    )
}

/// `cases` per property, unless `PROPTEST_CASES` sets the count (proptest
/// reads it into its default).
fn config(cases: u32) -> ProptestConfig {
    let default = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        default.cases
    } else {
        cases
    };
    ProptestConfig { cases, ..default }
}

/// What a reply's judgement amounts to, without where the evidence is.
fn verdict(result: &ReplyScore) -> Vec<(String, bool, bool, String, Vec<String>)> {
    result
        .criteria
        .iter()
        .map(|c| {
            let cues = c.evidence.iter().map(|e| e.cue.to_string()).collect();
            (
                c.id.to_string(),
                c.met,
                c.applicable,
                format!("{:.3}", c.points),
                cues,
            )
        })
        .chain([(
            format!("{}", result.score),
            result.passed,
            true,
            String::new(),
            vec![],
        )])
        .collect()
}

/// ASCII to full-width forms (U+FF01..U+FF5E), space to the ideographic space.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c),
            ' ' => '\u{3000}',
            _ => c,
        })
        .collect()
}

/// Straight quotes to curly ones: ' to ’, " to “ and ” in turn.
fn curly(text: &str) -> String {
    let mut open = true;
    text.chars()
        .map(|c| match c {
            '\'' => '\u{2019}',
            '"' => {
                open = !open;
                if open { '\u{201D}' } else { '\u{201C}' }
            }
            _ => c,
        })
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn score_is_in_range_deterministic_and_spans_slice_the_reply(
        reply in reply(),
        context in proptest::option::of(reply()),
    ) {
        invariants::score_checked(&SCORER, &reply, context.as_deref());
    }
}

proptest! {
    // Each case scores its replies three times and starts two threads.
    #![proptest_config(config(64))]

    #[test]
    fn two_threads_score_alike(replies in proptest::collection::vec(reply(), 1..4)) {
        let alone: Vec<ReplyScore> = replies.iter().map(|r| SCORER.score(r, None)).collect();
        let threads: Vec<Vec<ReplyScore>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|_| scope.spawn(|| replies.iter().map(|r| SCORER.score(r, None)).collect()))
                .collect();
            handles.into_iter().map(|h| h.join().expect("no panic")).collect()
        });
        for scores in threads {
            prop_assert_eq!(&scores, &alone);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn appending_an_insult_never_raises_the_score(
        reply in reply(),
        insult in proptest::sample::select(INSULTS),
    ) {
        let before = SCORER.score(&reply, None);
        let insulted = format!("{reply}\n\n{insult}");
        let after = invariants::score_checked(&SCORER, &insulted, None);
        prop_assert!(after.score <= before.score, "{} > {} for {insulted:?}", after.score, before.score);
        let aggression = after.criterion("avoids_aggression").expect("built-in criterion");
        prop_assert!(!aggression.met, "insult not counted in {insulted:?}");
        prop_assert!(!after.passed, "passed with an insult: {insulted:?}");
    }
}

proptest! {
    // Each case scores five texts, four of them twice.
    #![proptest_config(config(128))]

    #[test]
    fn full_width_curly_and_nfkc_variants_score_alike(reply in reply()) {
        let plain = verdict(&SCORER.score(&reply, None));
        for variant in [full_width(&reply), curly(&reply), reply.nfd().collect(), reply.nfkc().collect()] {
            let result = invariants::score_checked(&SCORER, &variant, None);
            prop_assert_eq!(&verdict(&result), &plain, "{:?} vs {:?}", variant, reply);
        }
    }
}

#[test]
fn grammar_replies_fire_cues() {
    let mut runner = TestRunner::deterministic();
    let strategy = reply();
    let total = 200;
    let with_evidence = (0..total)
        .filter(|_| {
            let reply = strategy.new_tree(&mut runner).expect("a reply").current();
            let result = SCORER.score(&reply, None);
            result.criteria.iter().any(|c| !c.evidence.is_empty())
        })
        .count();
    println!("{with_evidence} of {total} generated replies have evidence");
    assert!(
        with_evidence * 2 >= total,
        "only {with_evidence} of {total} generated replies have evidence"
    );
}
