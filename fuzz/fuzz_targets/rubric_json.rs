//! Parses and compiles arbitrary bytes as a rubric (`Scorer::from_json`).
//!
//! It must never panic: bad input is a one-line error naming the file. A
//! rubric that compiles must score a few replies within the invariants.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use eqscore::Scorer;
use libfuzzer_sys::fuzz_target;

const ORIGIN: &str = "fuzz.json";

/// Replies that fire cues of most rubrics written in the built-in's style.
const REPLIES: [&str; 3] = [
    "It sounds like you're really upset. Would you like to talk about it? You could call her, or wait.",
    "You're an idiot, just get over it.",
    "听起来你很难过，你愿意多说说吗？别想太多了，你真是个蠢货。",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Scorer::from_json(text, ORIGIN) {
        Err(error) => invariants::check_error(&error, ORIGIN),
        Ok(scorer) => {
            for reply in REPLIES {
                invariants::score_checked(&scorer, reply, Some(reply));
            }
        }
    }
    let _ = eqscore::rubric::position(text, "criteria[0].cues[0].regex");
});
