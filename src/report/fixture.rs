//! The replies every reporter's tests render, built by hand.
//!
//! Three criteria (`acknowledges_feelings` and `offers_help` expect,
//! `avoids_aggression` avoid and fatal) and two replies:
//!
//! 1. `samples/chats.jsonl:3`, turn 1, id `t-001`: acknowledges the feeling,
//!    has an "upset" cancelled by "Don't", offers help at strength 0.5; passes
//!    with 90.0 = 100 × (2 + 0.5 + 2) / 5.
//! 2. `<stdin>:7`, no turn, no id, Chinese: calls the user an idiot (白痴),
//!    `offers_help` does not apply; fails on the fatal violation with 0.0.

use std::sync::Arc;

use super::{CriterionInfo, Format, ReportOptions, RubricInfo, Summary, reporter};
use crate::findings::{CriterionScore, Evidence, Polarity, ReplyScore, Suppressed};
use crate::transcript::{ReplyItem, Source};

pub(super) const REPLY_1: &str =
    "It sounds like you're really disappointed. Don't be upset, we can fix it together.";
pub(super) const REPLY_2: &str = "你真是个白痴。别再问了。";

pub(super) fn rubric() -> RubricInfo {
    let criterion = |id: &str, label: &str| CriterionInfo {
        id: id.to_string(),
        label: label.to_string(),
        description: format!("The reply {}.", id.replace('_', " ")),
        rationale: format!("Why {label} matters."),
        fatal: id == "avoids_aggression",
    };
    RubricInfo {
        name: "empathy".to_string(),
        version: "1.2.0".to_string(),
        threshold: 70.0,
        criteria: vec![
            criterion("acknowledges_feelings", "feelings"),
            criterion("offers_help", "help"),
            criterion("avoids_aggression", "civil"),
        ],
    }
}

/// Evidence for `reply[start..end]`, so the text always matches the offsets.
pub(super) fn evidence(reply: &str, start: usize, end: usize, cue: &str) -> Evidence {
    Evidence {
        start,
        end,
        text: reply[start..end].to_string(),
        cue: Arc::from(cue),
        strength: 1.0,
    }
}

pub(super) fn criterion(id: &str, polarity: Polarity, weight: f64) -> CriterionScore {
    CriterionScore {
        id: Arc::from(id),
        polarity,
        fatal: polarity == Polarity::Avoid,
        met: false,
        applicable: true,
        points: 0.0,
        weight,
        evidence: vec![],
        suppressed: vec![],
    }
}

pub(super) fn item(id: Option<&str>, path: &str, line: u64, turn: Option<usize>) -> ReplyItem {
    ReplyItem {
        id: id.map(str::to_string),
        source: Source {
            path: Arc::from(path),
            line,
        },
        turn,
        context: None,
        reply: String::new(),
        truncated: false,
    }
}

fn first() -> (ReplyItem, ReplyScore) {
    let mut feelings = criterion("acknowledges_feelings", Polarity::Expect, 2.0);
    feelings.met = true;
    feelings.points = 2.0;
    feelings.evidence = vec![evidence(REPLY_1, 0, 41, "sounds_like_feeling")];
    feelings.suppressed = vec![Suppressed {
        evidence: evidence(REPLY_1, 52, 57, "emotion_word"),
        scope: Arc::from("negation"),
        trigger_start: 43,
        trigger_end: 48,
        trigger: REPLY_1[43..48].to_string(),
    }];
    let mut help = criterion("offers_help", Polarity::Expect, 1.0);
    help.met = true;
    help.points = 0.5;
    help.evidence = vec![Evidence {
        strength: 0.5,
        ..evidence(REPLY_1, 59, 81, "fix_together")
    }];
    let mut civil = criterion("avoids_aggression", Polarity::Avoid, 2.0);
    civil.met = true;
    civil.points = 2.0;
    let mut item = item(Some("t-001"), "samples/chats.jsonl", 3, Some(1));
    item.reply = REPLY_1.to_string();
    let score = ReplyScore {
        score: 90.0,
        passed: true,
        criteria: vec![feelings, help, civil],
    };
    (item, score)
}

fn second() -> (ReplyItem, ReplyScore) {
    let feelings = criterion("acknowledges_feelings", Polarity::Expect, 2.0);
    let mut help = criterion("offers_help", Polarity::Expect, 1.0);
    help.applicable = false;
    let mut civil = criterion("avoids_aggression", Polarity::Avoid, 2.0);
    civil.evidence = vec![evidence(REPLY_2, 12, 18, "insult_zh")];
    let mut item = item(None, "<stdin>", 7, None);
    item.reply = REPLY_2.to_string();
    let score = ReplyScore {
        score: 0.0,
        passed: false,
        criteria: vec![feelings, help, civil],
    };
    (item, score)
}

pub(super) fn replies() -> Vec<(ReplyItem, ReplyScore)> {
    vec![first(), second()]
}

/// Everything `format` writes for `replies`, driven the way the binary drives it.
pub(super) fn render_with(
    format: Format,
    options: ReportOptions,
    rubric: &RubricInfo,
    replies: &[(ReplyItem, ReplyScore)],
) -> String {
    let mut out = Vec::new();
    let mut summary = Summary::new(rubric);
    {
        let mut reporter = reporter(format, Box::new(&mut out), options);
        reporter.start(rubric).unwrap();
        for (item, score) in replies {
            summary.add(score);
            reporter.reply(item, score).unwrap();
        }
        reporter.finish(&summary).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// The fixture rendered in `format`.
pub(super) fn render(format: Format, options: ReportOptions) -> String {
    render_with(format, options, &rubric(), &replies())
}

/// Evidence text that tests escaping: quotes, a newline, a tab, a backslash, Chinese.
pub(super) const AWKWARD_TEXT: &str = "他说\"别哭了\"\n\tthen \\ left";
/// An id that tests escaping.
pub(super) const AWKWARD_ID: &str = "say \"hi\"\n第二行";

/// One reply whose id and evidence need escaping; 66.7 = 100 × (1/3 + 1) / 2.
pub(super) fn awkward() -> (ReplyItem, ReplyScore) {
    let reply = format!("> {AWKWARD_TEXT}");
    let mut feelings = criterion("acknowledges_feelings", Polarity::Expect, 1.0);
    feelings.met = true;
    feelings.points = 1.0 / 3.0;
    let end = 2 + AWKWARD_TEXT.len();
    feelings.evidence = vec![evidence(&reply, 2, end, "quoted_speech")];
    let mut help = criterion("offers_help", Polarity::Expect, 1.0);
    help.applicable = false;
    let mut civil = criterion("avoids_aggression", Polarity::Avoid, 1.0);
    civil.met = true;
    civil.points = 1.0;
    let mut item = item(Some(AWKWARD_ID), "<text>", 1, None);
    item.reply = reply;
    let score = ReplyScore {
        score: 66.7,
        passed: false,
        criteria: vec![feelings, help, civil],
    };
    (item, score)
}
