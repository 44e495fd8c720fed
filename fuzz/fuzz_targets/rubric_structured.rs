//! Builds a rubric from structured random data (criteria, cues, lexicons,
//! scopes, signals), compiles it through both the JSON and the parsed path,
//! and scores a random reply with it, checking the invariants.
//!
//! Raw bytes rarely make valid rubric JSON, so this target reaches the
//! compiler, the matcher and the scopes that `rubric_json` seldom does.
//! Regexes are mostly built from fragments that parse, sometimes raw.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use eqscore::rubric::raw::{
    AppliesWhenSpec, CriterionSpec, CueSpec, ExamplesSpec, RubricFile, ScopeSpec, SignalSpec,
};
use eqscore::{Polarity, Scorer};
use libfuzzer_sys::fuzz_target;

const ORIGIN: &str = "structured.json";

/// Pieces of regex, words in both languages, lexicon references.
#[rustfmt::skip]
const FRAGMENTS: [&str; 32] = [
    "you", "'re", " ", "sad", "idiot", r"\b", r"(?-u:\b)", "(?:so |really )?", "[^.]*", "or",
    "|", "(", ")", "?", "*", "+", "{0,3}", ".", "^", "$", "难过", "你", "不", "，", "。",
    "{{a}}", "{{b}}", "{{missing}}", r"\w", r"\s+", "(?i)", "ｉｄｉｏｔ",
];

#[derive(Debug, Arbitrary)]
struct Input {
    threshold: u8,
    lexicon_a: Vec<String>,
    lexicon_b: Vec<String>,
    scopes: Vec<Scope>,
    signal: Option<Vec<Cue>>,
    criteria: Vec<Criterion>,
    reply: String,
    context: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Scope {
    triggers: Vec<Pattern>,
    exceptions: Vec<Pattern>,
    breaks: Vec<Pattern>,
    max_words: u8,
    max_chars: u8,
}

#[derive(Debug, Arbitrary)]
struct Criterion {
    avoid: bool,
    weight: u8,
    fatal: bool,
    applies_when: Option<bool>,
    scopes: Vec<u8>,
    cues: Vec<Cue>,
}

#[derive(Debug, Arbitrary)]
enum Cue {
    Regex(Pattern, Option<u8>, bool),
    Phrases(Vec<String>, bool),
    Lexicon(bool),
}

#[derive(Debug, Arbitrary)]
enum Pattern {
    Fragments(Vec<u8>),
    Raw(String),
}

impl Pattern {
    fn text(&self) -> String {
        match self {
            Pattern::Fragments(picks) => picks
                .iter()
                .map(|&p| FRAGMENTS[p as usize % FRAGMENTS.len()])
                .collect(),
            Pattern::Raw(raw) => raw.clone(),
        }
    }
}

fn texts(patterns: &[Pattern]) -> Vec<String> {
    patterns.iter().map(Pattern::text).collect()
}

fn cue(spec: &Cue, index: usize) -> CueSpec {
    let mut out = CueSpec {
        id: Some(format!("cue_{index}")),
        ..CueSpec::default()
    };
    match spec {
        Cue::Regex(pattern, strength, case_sensitive) => {
            out.regex = Some(pattern.text());
            out.strength = strength.map(|s| f64::from(s) / 255.0);
            out.case_sensitive = *case_sensitive;
        }
        Cue::Phrases(phrases, case_sensitive) => {
            out.phrases = Some(phrases.clone());
            out.case_sensitive = *case_sensitive;
        }
        Cue::Lexicon(first) => out.lexicon = Some(if *first { "a" } else { "b" }.to_owned()),
    }
    out
}

fn scope(spec: &Scope) -> ScopeSpec {
    ScopeSpec {
        description: String::new(),
        triggers: texts(&spec.triggers),
        exceptions: texts(&spec.exceptions),
        max_words: usize::from(spec.max_words),
        max_chars: usize::from(spec.max_chars),
        breaks: texts(&spec.breaks),
    }
}

fn criterion(spec: &Criterion, index: usize, scopes: usize) -> CriterionSpec {
    CriterionSpec {
        id: format!("c{index}"),
        label: None,
        description: "fuzzed".to_owned(),
        rationale: String::new(),
        polarity: if spec.avoid {
            Polarity::Avoid
        } else {
            Polarity::Expect
        },
        weight: f64::from(spec.weight),
        fatal: spec.fatal,
        applies_when: spec.applies_when.map(|without_context| AppliesWhenSpec {
            context_signal: "signal".to_owned(),
            without_context,
        }),
        scopes: spec
            .scopes
            .iter()
            .map(|&s| format!("s{}", usize::from(s) % scopes.max(1)))
            .collect(),
        cues: spec
            .cues
            .iter()
            .enumerate()
            .map(|(i, c)| cue(c, i))
            .collect(),
        examples: ExamplesSpec::default(),
    }
}

fn rubric(input: &Input) -> RubricFile {
    let lexicons = BTreeMap::from([
        ("a".to_owned(), input.lexicon_a.clone()),
        ("b".to_owned(), input.lexicon_b.clone()),
    ]);
    let scopes = input.scopes.iter().enumerate();
    let signals = input.signal.iter().map(|cues| {
        let spec = SignalSpec {
            description: String::new(),
            scopes: Vec::new(),
            cues: cues.iter().enumerate().map(|(i, c)| cue(c, i)).collect(),
        };
        ("signal".to_owned(), spec)
    });
    RubricFile {
        schema: None,
        name: "fuzzed".to_owned(),
        version: "0".to_owned(),
        description: "fuzzed".to_owned(),
        threshold: f64::from(input.threshold),
        lexicons,
        scopes: scopes.map(|(i, s)| (format!("s{i}"), scope(s))).collect(),
        signals: signals.collect(),
        criteria: (input.criteria.iter().enumerate())
            .map(|(i, c)| criterion(c, i, input.scopes.len()))
            .collect(),
        cases: Vec::new(),
    }
}

fuzz_target!(|input: Input| {
    let file = rubric(&input);
    let json = serde_json::to_string_pretty(&file).expect("a rubric serializes");
    let from_json = Scorer::from_json(&json, ORIGIN);
    let from_file = Scorer::from_file(file);
    assert_eq!(
        from_json.is_ok(),
        from_file.is_ok(),
        "the JSON and the parsed path disagree on {json}"
    );
    match from_json {
        Err(error) => invariants::check_error(&error, ORIGIN),
        Ok(scorer) => {
            let context = input.context.as_deref();
            invariants::score_checked(&scorer, &input.reply, context);
        }
    }
});
