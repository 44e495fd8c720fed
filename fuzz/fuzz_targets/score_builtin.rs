//! Scores arbitrary text with the built-in rubric and checks the invariants:
//! score in 0..=100, every span on char boundaries slicing the reply to its
//! text, the same result on a second call.
//!
//! Input: the reply, then optionally a NUL byte and the user's message.
//! Invalid UTF-8 is replaced (U+FFFD), so every input is scored.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use std::sync::LazyLock;

use eqscore::Scorer;
use libfuzzer_sys::fuzz_target;

static SCORER: LazyLock<Scorer> =
    LazyLock::new(|| Scorer::builtin().expect("the built-in rubric compiles"));

fuzz_target!(|data: &[u8]| {
    let (reply, context) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], Some(&data[nul + 1..])),
        None => (data, None),
    };
    let reply = String::from_utf8_lossy(reply);
    let context = context.map(String::from_utf8_lossy);
    invariants::score_checked(&SCORER, &reply, context.as_deref());
});
