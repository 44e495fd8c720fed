//! The rubric file as written: serde structs with no logic.
//!
//! Every struct rejects unknown fields, so a misspelt key is an error rather
//! than a silent default. Validation and compilation live in
//! [`super::compile`]; nothing here can be trusted to be consistent yet.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::findings::Polarity;

/// A rubric file, exactly as parsed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricFile {
    /// Ignored; lets editors find the JSON Schema.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Short name, e.g. `empathy`.
    pub name: String,
    /// The rubric's own version.
    pub version: String,
    /// What the rubric judges.
    pub description: String,
    /// Pass mark, 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub threshold: f64,
    /// Named word lists, referred to as `{{name}}`.
    #[serde(default)]
    pub lexicons: BTreeMap<String, Vec<String>>,
    /// Named cancelling contexts (negation, reported speech).
    #[serde(default)]
    pub scopes: BTreeMap<String, ScopeSpec>,
    /// Named properties of the user's message.
    #[serde(default)]
    pub signals: BTreeMap<String, SignalSpec>,
    /// What is scored, in order.
    #[schemars(length(min = 1))]
    pub criteria: Vec<CriterionSpec>,
    /// Whole-reply test cases: a reply (and context) with the expected
    /// outcome, run by `eqscore test`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<CaseSpec>,
}

/// A whole-reply test case: what the rubric should make of one reply.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// A short name for reports.
    #[serde(default)]
    pub name: Option<String>,
    /// The reply.
    pub reply: String,
    /// The user's message before it.
    #[serde(default)]
    pub context: Option<String>,
    /// The case's language.
    #[serde(default)]
    pub lang: Option<String>,
    /// Whether the reply must pass.
    #[serde(default)]
    pub pass: Option<bool>,
    /// The lowest acceptable score.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub min_score: Option<f64>,
    /// The highest acceptable score.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub max_score: Option<f64>,
    /// A known miss: reported but not failing.
    #[serde(default)]
    pub todo: Option<String>,
}

/// A context that cancels cues standing inside it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeSpec {
    /// What the scope is for.
    #[serde(default)]
    pub description: String,
    /// Phrases that open the scope ("not", "不").
    pub triggers: Vec<String>,
    /// Idioms containing a trigger that do not open it ("no wonder").
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// How many words before a cue the window reaches.
    pub max_words: usize,
    /// How many Chinese (CJK) characters before a cue the window reaches.
    pub max_chars: usize,
    /// Phrases that end a clause; the window never crosses one.
    #[serde(default)]
    pub breaks: Vec<String>,
}

/// A named property of the user's message.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignalSpec {
    /// What the signal detects.
    #[serde(default)]
    pub description: String,
    /// Scopes that cancel this signal's cues.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// How the signal is recognised.
    pub cues: Vec<CueSpec>,
}

/// One scored criterion.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    /// Stable snake_case id.
    #[schemars(regex(pattern = r"^[a-z][a-z0-9_]*$"))]
    pub id: String,
    /// Short column heading; defaults to the id.
    #[serde(default)]
    pub label: Option<String>,
    /// What the criterion checks.
    pub description: String,
    /// Why it matters.
    #[serde(default)]
    pub rationale: String,
    /// Expect a move, or avoid a behaviour.
    pub polarity: Polarity,
    /// Share of the score.
    #[schemars(range(min = 0))]
    pub weight: f64,
    /// A violation fails the reply outright (`avoid` only).
    #[serde(default)]
    pub fatal: bool,
    /// When the criterion applies; always when absent.
    #[serde(default)]
    pub applies_when: Option<AppliesWhenSpec>,
    /// Scopes that cancel this criterion's cues.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// How the criterion is recognised.
    #[schemars(length(min = 1))]
    pub cues: Vec<CueSpec>,
    /// Replies the cues must and must not fire on.
    #[serde(default)]
    pub examples: ExamplesSpec,
}

/// The condition under which a criterion applies.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesWhenSpec {
    /// The signal that must be present in the context.
    pub context_signal: String,
    /// Whether the criterion also applies when no context is given.
    #[serde(default = "yes")]
    pub without_context: bool,
}

fn yes() -> bool {
    true
}

/// One way of recognising a criterion or signal.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueSpec {
    /// Stable name shown as evidence.
    #[serde(default)]
    pub id: Option<String>,
    /// A regular expression.
    #[serde(default)]
    pub regex: Option<String>,
    /// Literal phrases.
    #[serde(default)]
    pub phrases: Option<Vec<String>>,
    /// Every entry of a lexicon, as phrases.
    #[serde(default)]
    pub lexicon: Option<String>,
    /// The language the cue is written for (`en`, `zh`).
    #[serde(default)]
    #[schemars(regex(pattern = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"))]
    pub lang: Option<String>,
    /// How much the cue proves, in (0, 1]; 1 when absent.
    #[serde(default)]
    #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
    pub strength: Option<f64>,
    /// Match case exactly.
    #[serde(default)]
    pub case_sensitive: bool,
    /// Scopes that cancel this cue; the criterion's when absent.
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Why the cue exists.
    #[serde(default)]
    pub note: Option<String>,
}

/// Examples kept with a criterion.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExamplesSpec {
    /// Replies the criterion's cues must fire on.
    #[serde(default, rename = "match")]
    pub matching: Vec<ExampleSpec>,
    /// Replies the criterion's cues must not fire on.
    #[serde(default)]
    pub no_match: Vec<ExampleSpec>,
}

/// One example: a bare reply, or a reply with its context.
///
/// Written as a string or an object; not `#[serde(untagged)]`, which would
/// turn a misspelt field into "did not match any variant".
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ExampleSpec {
    /// Just the reply.
    Reply(String),
    /// A reply with optional context, language and todo marker.
    Full(ExampleCase),
}

/// An example with everything spelled out.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleCase {
    /// The reply.
    pub reply: String,
    /// The user's message before it.
    #[serde(default)]
    pub context: Option<String>,
    /// The example's language.
    #[serde(default)]
    pub lang: Option<String>,
    /// A known miss: reported but not failing.
    #[serde(default)]
    pub todo: Option<String>,
}

impl<'de> Deserialize<'de> for ExampleSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExampleVisitor)
    }
}

struct ExampleVisitor;

impl<'de> serde::de::Visitor<'de> for ExampleVisitor {
    type Value = ExampleSpec;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a reply string or an object with \"reply\"")
    }

    fn visit_str<E: serde::de::Error>(self, reply: &str) -> Result<ExampleSpec, E> {
        Ok(ExampleSpec::Reply(reply.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ExampleSpec, A::Error> {
        let case = ExampleCase::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(ExampleSpec::Full(case))
    }
}

impl ExampleSpec {
    /// The example as a full case.
    pub fn case(&self) -> ExampleCase {
        match self {
            ExampleSpec::Reply(reply) => ExampleCase {
                reply: reply.clone(),
                context: None,
                lang: None,
                todo: None,
            },
            ExampleSpec::Full(case) => case.clone(),
        }
    }
}
