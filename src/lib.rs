//! eqscore scores chatbot replies for empathy against a JSON rubric.
//!
//! It is rule-based: deterministic, explainable (every point comes with the
//! span of text that earned or lost it), offline, and fast. One rubric handles
//! English and Chinese replies.
//!
//! The data flows one way: rubric file → [`rubric::raw`] → compiled rubric
//! ([`Scorer`]) → [`findings`] → a reporter per output format ([`report`]).
//!
//! ```
//! let scorer = eqscore::Scorer::builtin()?;
//! let result = scorer.score(
//!     "It sounds like you're really disappointed. Do you want to talk about it? \
//!      Here are two gentle ways you could say it: 1. ... 2. ...",
//!     Some("My friend cancelled on me again. Write me a text to send her."),
//! );
//! assert!(result.passed);
//! let feelings = result.criterion("acknowledges_feelings").unwrap();
//! assert!(feelings.met);
//! println!("{} {:?}", result.score, feelings.evidence[0].text);
//! # Ok::<(), eqscore::Error>(())
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]
// No panic reachable from input: see docs/robustness.md ("No panics").
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::unimplemented
    )
)]

pub mod calibrate;
pub mod error;
mod evasion;
pub mod findings;
pub mod limited;
pub mod lint;
mod matcher;
mod normalize;
pub mod report;
pub mod rubric;
mod scope;
mod scorer;
pub mod selftest;
pub mod template;
pub mod transcript;

pub use error::{Error, ErrorKind, Location, Result};
pub use findings::{CriterionScore, Evidence, Polarity, ReplyScore, Suppressed};
pub use scorer::Scorer;
