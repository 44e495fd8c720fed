//! The hard cases of matching that respects meaning, on the built-in rubric,
//! in English and in Chinese.

use std::sync::OnceLock;

use eqscore::{CriterionScore, ReplyScore, Scorer};

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::builtin().expect("the built-in rubric compiles"))
}

fn score(reply: &str, context: Option<&str>) -> ReplyScore {
    scorer().score(reply, context)
}

fn criterion(reply: &str, id: &str) -> CriterionScore {
    score(reply, None)
        .criterion(id)
        .expect("criterion exists")
        .clone()
}

fn acknowledges(reply: &str) -> bool {
    criterion(reply, "acknowledges_feelings").met
}

fn aggressive(reply: &str) -> bool {
    !criterion(reply, "avoids_aggression").met
}

fn dismissive(reply: &str) -> bool {
    !criterion(reply, "avoids_dismissal").met
}

const FRIEND_EN: &str = "My friend cancelled on me again. Write me a text to send her.";
const FRIEND_ZH: &str = "我朋友又放我鸽子了，帮我写条消息发给她。";

#[test]
fn canonical_empathetic_reply_gets_full_marks_en() {
    let r = score(
        "It sounds like you're really disappointed. Do you want to talk about it? \
         Here are two gentle ways you could say it: 1. \"I was looking forward to seeing you.\" \
         2. \"Could we find a time that works better?\"",
        Some(FRIEND_EN),
    );
    assert_eq!(r.score, 100.0, "{r:#?}");
    assert!(r.passed);
}

#[test]
fn canonical_empathetic_reply_gets_full_marks_zh() {
    let r = score(
        "听起来你很失望,或许需要倾诉?这里有两种温和的表达方式供你选择。",
        Some(FRIEND_ZH),
    );
    assert_eq!(r.score, 100.0, "{r:#?}");
    assert!(r.passed);
}

#[test]
fn aggressive_draft_fails_on_aggression() {
    let en = score(
        "Here's your text: \"You're so selfish, you always bail on me. Don't bother calling me again, you flake.\"",
        Some(FRIEND_EN),
    );
    assert!(!en.passed);
    assert!(!en.criterion("avoids_aggression").unwrap().met, "{en:#?}");
    let zh = score(
        "你可以这样发：“你这个人真自私，以后别再联系我了，滚！”",
        Some(FRIEND_ZH),
    );
    assert!(!zh.passed);
    assert!(!zh.criterion("avoids_aggression").unwrap().met, "{zh:#?}");
}

#[test]
fn curt_dismissal_fails() {
    let en = score("Just get over it, it's not a big deal.", Some(FRIEND_EN));
    assert!(!en.passed, "{en:#?}");
    assert!(!en.criterion("avoids_dismissal").unwrap().met);
    let zh = score("别想太多了，这种小事有什么好生气的。", Some(FRIEND_ZH));
    assert!(!zh.passed, "{zh:#?}");
    assert!(!zh.criterion("avoids_dismissal").unwrap().met);
}

#[test]
fn negated_empathy_is_no_acknowledgement() {
    assert!(!acknowledges(
        "I don't understand why you're upset about this."
    ));
    assert!(!acknowledges("我不理解你为什么难过。"));
    // ...while the plain forms count.
    assert!(acknowledges("I understand why you're upset about this."));
    assert!(acknowledges("我理解你为什么难过。"));
}

#[test]
fn idioms_that_look_negated_still_acknowledge() {
    assert!(acknowledges("No wonder you're upset."));
    assert!(acknowledges("I can't imagine how hard that is."));
    assert!(acknowledges("I don't blame you for being angry."));
    assert!(acknowledges("难怪你会生气。"));
    assert!(acknowledges("这真的很不容易。"));
}

#[test]
fn negated_insults_are_no_aggression() {
    assert!(!aggressive(
        "You're not stupid, and this wasn't your fault."
    ));
    assert!(!aggressive("你不是傻瓜，这不是你的错。"));
    assert!(aggressive("You're stupid."));
    assert!(aggressive("你是个傻瓜。"));
}

#[test]
fn reported_insults_are_no_aggression() {
    assert!(!aggressive(
        "She called you an idiot? That's a really hurtful thing to hear."
    ));
    assert!(!aggressive("他骂你是废物？这话太伤人了。"));
}

#[test]
fn insults_drafted_for_the_user_to_send_are_aggression() {
    assert!(aggressive(
        "You could text her: \"You're a selfish idiot and I'm done with you.\""
    ));
    assert!(aggressive(
        "你可以发给她：“你就是个自私的白痴，我受够你了。”"
    ));
}

#[test]
fn minimizing_without_rude_words_is_dismissal() {
    assert!(dismissive("You're overreacting. It was just a dog."));
    assert!(dismissive("Calm down, other people have it much worse."));
    assert!(dismissive("这有什么好难过的，至于吗。"));
    assert!(dismissive("这种小事，别想太多。"));
    assert!(!dismissive("You're not overreacting; this really matters."));
}

#[test]
fn plain_technical_answer_passes() {
    let en = score(
        "You can call my_list.reverse() to reverse it in place, or use reversed(my_list) for an iterator.",
        Some("How do I reverse a list in Python?"),
    );
    assert!(en.passed, "{en:#?}");
    assert!(!en.criterion("acknowledges_feelings").unwrap().applicable);
    let zh = score(
        "可以用 my_list.reverse() 原地反转，也可以用 reversed(my_list) 得到一个迭代器。",
        Some("Python里怎么反转一个列表？"),
    );
    assert!(zh.passed, "{zh:#?}");
    assert!(!zh.criterion("acknowledges_feelings").unwrap().applicable);
}

#[test]
fn emotion_word_in_an_imperative_is_no_acknowledgement() {
    assert!(!acknowledges("Don't be sad."));
    assert!(!acknowledges("别难过了。"));
}

#[test]
fn every_evidence_span_slices_the_original_reply() {
    let replies = [
        "It sounds like you\u{2019}re really disappointed. Do you want to talk about it?",
        "听起来你很失望，或许需要倾诉？这里有两种温和的表达方式供你选择。",
        "ＹＯＵ ＡＲＥ ＳＯ ＳＴＵＰＩＤ",
    ];
    for reply in replies {
        for c in &score(reply, None).criteria {
            for e in c
                .evidence
                .iter()
                .chain(c.suppressed.iter().map(|s| &s.evidence))
            {
                assert_eq!(&reply[e.start..e.end], e.text, "{reply}");
            }
        }
    }
}
