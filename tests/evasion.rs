//! The evasion catalogue (issue 7, item 3): insults and dismissals hidden by
//! invisible characters, look-alike letters, leetspeak, masks, letter spacing
//! and Chinese homophones are still found, and the evidence is the disguised
//! text as the reply has it. Benign look-alikes stay benign.

use eqscore::Scorer;

/// A disguised reply, the criterion it breaks and the evidence expected.
const CAUGHT: &[(&str, &str, &str)] = &[
    // Invisible characters.
    (
        "You are an i\u{200B}d\u{200B}i\u{200B}o\u{200B}t.",
        "avoids_aggression",
        "You are an i\u{200B}d\u{200B}i\u{200B}o\u{200B}t",
    ),
    (
        "What a lo\u{00AD}ser.",
        "avoids_aggression",
        "What a lo\u{00AD}ser",
    ),
    ("Shut\u{2060} up.", "avoids_aggression", "Shut\u{2060} up"),
    ("\u{202E}fuck\u{202C} this.", "avoids_aggression", "fuck"),
    // Look-alike letters: Cyrillic, Greek, full-width.
    (
        "You're an \u{456}d\u{456}\u{43E}t.",
        "avoids_aggression",
        "You're an \u{456}d\u{456}\u{43E}t",
    ),
    (
        "You are so ѕtuріd.",
        "avoids_aggression",
        "You are so ѕtuріd",
    ),
    ("What a mοrοn.", "avoids_aggression", "What a mοrοn"),
    ("ＦＵＣＫ off.", "avoids_aggression", "ＦＵＣＫ off"),
    ("Just get οver it.", "avoids_dismissal", "Just get οver it"),
    // Leetspeak.
    ("You 1d10t.", "avoids_aggression", "You 1d10t"),
    ("This is sh1t.", "avoids_aggression", "sh1t"),
    (
        "You are such a l0s3r.",
        "avoids_aggression",
        "You are such a l0s3r",
    ),
    ("What an a$$hole.", "avoids_aggression", "What an a$$hole"),
    ("Kiss my @ss.", "avoids_aggression", "@ss"),
    ("Stop being a b!tch.", "avoids_aggression", "a b!tch"),
    (
        "Y0u're 0verreact1ng.",
        "avoids_dismissal",
        "Y0u're 0verreact1ng",
    ),
    // Masked profanity.
    ("F**k you.", "avoids_aggression", "F**k you"),
    ("That's f*cking stupid.", "avoids_aggression", "f*cking"),
    (
        "You're a stup*d b*tch.",
        "avoids_aggression",
        "You're a stup*d b*tch",
    ),
    ("Such a d#ckhead.", "avoids_aggression", "Such a d#ckhead"),
    // Letter spacing.
    (
        "You are an i d i o t.",
        "avoids_aggression",
        "You are an i d i o t",
    ),
    ("f.u.c.k off", "avoids_aggression", "f.u.c.k off"),
    (
        "You're a l-o-s-e-r.",
        "avoids_aggression",
        "You're a l-o-s-e-r",
    ),
    (
        "You're an i d 1 o t.",
        "avoids_aggression",
        "You're an i d 1 o t",
    ),
    // Chinese: homophones, pinyin initials, masks, spacing.
    ("你就是个sb。", "avoids_aggression", "sb"),
    ("你个傻b。", "avoids_aggression", "你个傻b"),
    ("真是个煞笔。", "avoids_aggression", "煞笔"),
    ("你 是 傻 逼", "avoids_aggression", "你 是 傻 逼"),
    ("你个傻*逼。", "avoids_aggression", "你个傻*逼"),
    (
        "你是白\u{200B}痴吗",
        "avoids_aggression",
        "你是白\u{200B}痴",
    ),
    ("你这个ＳＢ。", "avoids_aggression", "个ＳＢ。"),
    ("tmd烦死了", "avoids_aggression", "tmd"),
    ("你就是个傻比", "avoids_aggression", "傻比"),
    ("你真shabi", "avoids_aggression", "你真shabi"),
    ("你个傻X", "avoids_aggression", "傻X"),
    ("你个废·物", "avoids_aggression", "你个废·物"),
];

/// Replies that look like a disguise and are not one.
const BENIGN: &[&str] = &[
    "I have 2 kids and 3 dogs, so mornings are hard.",
    "Let's talk again at 4 o'clock, or 10am tomorrow.",
    "That was the 2nd time this week; the 3rd will be easier.",
    "You could try options a, b, c or d.",
    "Mr. T. Smith said it will be fine.",
    "*hugs* That sounds so hard!!",
    "Write to me at jo@example.com if you like.",
    "Мне очень жаль, что так вышло.",
    "Η αγάπη σου θα βοηθήσει.",
    "I paid $500 for the course.",
    "The U.S.A. has many options for you.",
    "I listened to it as an mp3 on my phone.",
    "如果你去 你妈就会特别的伤心",
    "我 觉得 你 说 得 对",
    "迈克尔·杰克逊的歌很好听。",
    "s*** happens, and it is not your fault.",
    "Wow!!! That's great news!",
    "Sc1ence class was hard for me too.",
];

fn unmet(scorer: &Scorer, reply: &str, criterion: &str) -> Option<Vec<String>> {
    let score = scorer.score(reply, None);
    let found = score.criteria.iter().find(|c| &*c.id == criterion)?;
    (!found.met).then(|| found.evidence.iter().map(|e| e.text.clone()).collect())
}

#[test]
fn every_disguise_is_caught_with_the_disguised_text_as_evidence() {
    let scorer = Scorer::builtin().unwrap();
    let mut missed = Vec::new();
    for &(reply, criterion, expected) in CAUGHT {
        match unmet(&scorer, reply, criterion) {
            Some(evidence) if evidence.iter().any(|e| e == expected) => {}
            other => missed.push(format!(
                "{reply:?} {criterion}: {other:?}, expected {expected:?}"
            )),
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} missed:\n{}",
        missed.len(),
        CAUGHT.len(),
        missed.join("\n")
    );
}

#[test]
fn benign_look_alikes_stay_benign() {
    let scorer = Scorer::builtin().unwrap();
    for reply in BENIGN {
        for criterion in ["avoids_aggression", "avoids_dismissal"] {
            assert_eq!(
                unmet(&scorer, reply, criterion),
                None,
                "{reply:?} {criterion}"
            );
        }
    }
}
