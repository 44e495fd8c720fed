//! What scoring produces: plain data, no behaviour.
//!
//! A [`ReplyScore`] is the whole judgement of one reply. Reporters (see
//! [`crate::report`]) turn it into text or JSON; the scorer never formats.

use std::sync::Arc;

/// Whether a criterion rewards a move or penalises a behaviour.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// A move the reply should make (acknowledging feelings).
    Expect,
    /// A behaviour the reply must not show (aggression).
    Avoid,
}

/// The judgement of one reply against a rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplyScore {
    /// 0–100, rounded to one decimal.
    pub score: f64,
    /// `score >= threshold` and no fatal criterion unmet.
    pub passed: bool,
    /// One entry per criterion, in rubric order.
    pub criteria: Vec<CriterionScore>,
}

impl ReplyScore {
    /// The result for the criterion with this id, if the rubric has it.
    pub fn criterion(&self, id: &str) -> Option<&CriterionScore> {
        self.criteria.iter().find(|c| &*c.id == id)
    }

    /// Ids of the `fatal` criteria this reply violated.
    pub fn fatal_violations(&self) -> impl Iterator<Item = &str> {
        self.criteria
            .iter()
            .filter(|c| c.fatal && c.applicable && !c.met)
            .map(|c| &*c.id)
    }
}

/// How one reply fared on one criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionScore {
    /// The criterion's stable id.
    pub id: Arc<str>,
    /// Expect or avoid.
    pub polarity: Polarity,
    /// Whether a violation fails the reply outright.
    pub fatal: bool,
    /// `expect`: at least one cue counted. `avoid`: no cue counted.
    pub met: bool,
    /// False when `applies_when` ruled the criterion out for this context.
    pub applicable: bool,
    /// Points earned, `0..=weight`; 0 when not applicable.
    pub points: f64,
    /// The criterion's weight.
    pub weight: f64,
    /// The spans that counted: for `expect` they earned points, for `avoid` they lost them.
    pub evidence: Vec<Evidence>,
    /// Cue matches that a scope (negation, reported speech) cancelled.
    pub suppressed: Vec<Suppressed>,
}

/// A span of the original reply that a cue matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Byte offset of the start, into the original (unnormalized) reply.
    pub start: usize,
    /// Byte offset one past the end, into the original reply.
    pub end: usize,
    /// `reply[start..end]`.
    pub text: String,
    /// The id of the cue that matched.
    pub cue: Arc<str>,
    /// The cue's strength, in (0, 1].
    pub strength: f64,
}

/// A cue match that did not count, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppressed {
    /// What the cue matched.
    pub evidence: Evidence,
    /// The scope that cancelled it, e.g. `negation`.
    pub scope: Arc<str>,
    /// Byte offsets of the trigger (e.g. "don't") in the original reply.
    pub trigger_start: usize,
    /// End of the trigger, exclusive.
    pub trigger_end: usize,
    /// The trigger's text.
    pub trigger: String,
}
