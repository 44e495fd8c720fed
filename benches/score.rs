//! The hot path, measured with divan: `Scorer::score` over a few hundred
//! fixed generated replies (English and Chinese, short and long), and
//! compiling the built-in rubric (`Scorer::builtin`), paid on every start.
//!
//! The replies repeat from one iteration to the next, so the lazy DFAs run
//! warm here: this measures the scorer, not the cold-cache behaviour on text
//! never seen before (bench/run.sh measures that on a 100 MB corpus).
//!
//!     cargo bench --bench score

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use eqscore::Scorer;

fn main() {
    divan::main();
}

/// How many replies each set holds.
const REPLIES: usize = 300;

const EN_SENTENCES: &[&str] = &[
    "That sounds really {hard}, {name}.",
    "I'm so sorry your {rel} {event}.",
    "It makes sense that you feel {feel} after a week like that.",
    "You could {act}, or you could {act} if that feels easier.",
    "Maybe it would help to {act} first.",
    "Do you want to talk about what happened with your {rel}?",
    "How are you feeling about it now?",
    "Just get over it, it's not a big deal.",
    "You're such an idiot, {name}.",
    "Open Settings > Network on the router and restart it.",
    "This is a known issue in version {num}.2; updating fixes it.",
    "Hold the power button for {num} seconds, then try again.",
];
const ZH_SENTENCES: &[&str] = &[
    "听起来你真的很{feel_zh}。",
    "我能理解你的感受，{name_zh}。",
    "你可以试试{act_zh}，或者{act_zh}。",
    "你愿意跟我说说发生了什么吗？",
    "想开点，别想太多了。",
    "你真是个废物。",
    "请打开路由器的设置，然后重启一下。",
    "这是{num}.0版本的已知问题，升级就好了。",
];
const WORDS: &[(&str, &[&str])] = &[
    (
        "{hard}",
        &["hard", "tough", "exhausting", "unfair", "frustrating"],
    ),
    (
        "{name}",
        &["Sam", "Priya", "Jordan", "Mei", "Alex", "Omar", "Lily"],
    ),
    (
        "{rel}",
        &[
            "sister",
            "boss",
            "roommate",
            "best friend",
            "dad",
            "partner",
        ],
    ),
    (
        "{event}",
        &[
            "cancelled again",
            "yelled at you",
            "forgot your birthday",
            "left",
        ],
    ),
    (
        "{feel}",
        &[
            "hurt",
            "lonely",
            "anxious",
            "let down",
            "overwhelmed",
            "angry",
        ],
    ),
    (
        "{act}",
        &[
            "go for a walk",
            "write it down",
            "call a friend",
            "take a break",
            "sleep on it",
        ],
    ),
    ("{num}", &["3", "7", "12", "15", "30"]),
    ("{feel_zh}", &["难过", "委屈", "焦虑", "失望", "累"]),
    ("{name_zh}", &["小王", "阿明", "丽丽", "老陈"]),
    (
        "{act_zh}",
        &["出去走走", "先休息一下", "给朋友打个电话", "把事情写下来"],
    ),
];

/// Reply `i` of a set: `sentences` sentences picked and filled by index
/// arithmetic, so the set is the same on every run and has little repetition.
fn reply(i: usize, templates: &[&str], sentences: usize, joiner: &str) -> String {
    let mut parts = Vec::with_capacity(sentences);
    for s in 0..sentences {
        let k = i * 7 + s * 13 + i / templates.len();
        let mut text = templates[k % templates.len()].to_string();
        for (w, (slot, words)) in WORDS.iter().enumerate() {
            while let Some(at) = text.find(slot) {
                let word = words[(k + w * 3 + at) % words.len()];
                text.replace_range(at..at + slot.len(), word);
            }
        }
        parts.push(text);
    }
    parts.join(joiner)
}

fn replies(set: &str) -> Vec<String> {
    let (templates, sentences, joiner) = match set {
        "en_short" => (EN_SENTENCES, 1, " "),
        "en_long" => (EN_SENTENCES, 8, " "),
        "zh_short" => (ZH_SENTENCES, 1, ""),
        _ => (ZH_SENTENCES, 8, ""),
    };
    (0..REPLIES)
        .map(|i| reply(i, templates, sentences, joiner))
        .collect()
}

#[divan::bench(args = ["en_short", "en_long", "zh_short", "zh_long"])]
fn score(bencher: Bencher, set: &str) {
    let scorer = Scorer::builtin().expect("the built-in rubric compiles");
    let replies = replies(set);
    let bytes: usize = replies.iter().map(String::len).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(replies.len()))
        .bench_local(|| {
            for reply in &replies {
                black_box(scorer.score(black_box(reply), None));
            }
        });
}

#[divan::bench(sample_count = 20)]
fn compile_builtin() -> Scorer {
    Scorer::builtin().expect("the built-in rubric compiles")
}
