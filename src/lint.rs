//! `eqscore rubric check`: what a rubric can get wrong beyond failing to load.
//!
//! Loading ([`crate::Scorer::from_json`]) rejects everything that makes a rubric
//! unusable. The lints here find what makes it worse than its author meant:
//! criteria nobody tested, a cue that can never match, the same cue counted
//! for two criteria, lexicons and scopes defined but never used, test cases
//! that check nothing or cannot be met. Each lint has a stable code, as in
//! ruff, so it can be named in discussions and suppressed later.

use std::collections::{BTreeMap, BTreeSet};

use crate::rubric::pattern;
use crate::rubric::raw::{CueSpec, RubricFile};

/// How serious a lint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth fixing; `--strict` makes it fail the check.
    Warning,
    /// The rubric does not do what it says; the check fails.
    Error,
}

/// One finding about a rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `no-examples`.
    pub code: &'static str,
    /// Where in the file, e.g. `criteria[2].cues[5]`.
    pub json_path: String,
    /// What is wrong, one lowercase line.
    pub message: String,
}

/// Lints a rubric that has already loaded; findings in file order.
pub fn check(rubric: &RubricFile) -> Vec<Lint> {
    let mut lints = Vec::new();
    criteria_lints(rubric, &mut lints);
    duplicate_cues(rubric, &mut lints);
    unused_names(rubric, &mut lints);
    duplicate_lexicon_entries(rubric, &mut lints);
    case_lints(rubric, &mut lints);
    lints
}

fn lint(severity: Severity, code: &'static str, json_path: String, message: String) -> Lint {
    Lint {
        severity,
        code,
        json_path,
        message,
    }
}

fn criteria_lints(rubric: &RubricFile, lints: &mut Vec<Lint>) {
    for (i, criterion) in rubric.criteria.iter().enumerate() {
        let at = format!("criteria[{i}]");
        let examples = &criterion.examples;
        if examples.matching.is_empty() && examples.no_match.is_empty() {
            let message = format!(
                "criterion \"{}\" has no examples: nothing tests its cues",
                criterion.id
            );
            lints.push(lint(
                Severity::Warning,
                "no-examples",
                format!("{at}.examples"),
                message,
            ));
        }
        if criterion.rationale.trim().is_empty() {
            let message = format!(
                "criterion \"{}\" has no rationale: `eqscore explain` cannot say why it matters",
                criterion.id
            );
            lints.push(lint(Severity::Warning, "no-rationale", at.clone(), message));
        }
        for (j, cue) in criterion.cues.iter().enumerate() {
            if never_matches(cue, &rubric.lexicons) {
                let message = format!(
                    "criterion \"{}\": this cue can never match any text",
                    criterion.id
                );
                lints.push(lint(
                    Severity::Error,
                    "never-matches",
                    format!("{at}.cues[{j}]"),
                    message,
                ));
            }
        }
    }
}

/// Whether a cue's pattern matches nothing at all (e.g. `[^\s\S]`).
fn never_matches(cue: &CueSpec, lexicons: &pattern::Lexicons) -> bool {
    let Some((_, source)) = pattern::cue_source(cue, lexicons) else {
        return false;
    };
    let hir = source.and_then(|s| pattern::parse(&s, cue.case_sensitive));
    hir.is_ok_and(|h| h.properties().minimum_len().is_none())
}

/// A cue's pattern as written, for spotting the same cue twice.
fn cue_key(cue: &CueSpec) -> String {
    let mut phrases = cue.phrases.clone().unwrap_or_default();
    phrases.sort();
    format!(
        "{:?}|{:?}|{:?}|{}",
        cue.regex, phrases, cue.lexicon, cue.case_sensitive
    )
}

fn duplicate_cues(rubric: &RubricFile, lints: &mut Vec<Lint>) {
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, criterion) in rubric.criteria.iter().enumerate() {
        for (j, cue) in criterion.cues.iter().enumerate() {
            let Some(&(fi, fj)) = seen.get(&cue_key(cue)) else {
                seen.insert(cue_key(cue), (i, j));
                continue;
            };
            let (code, message) = if fi == i {
                (
                    "duplicate-cue",
                    format!("the same cue as criteria[{fi}].cues[{fj}]: it can only count once"),
                )
            } else {
                let other = rubric.criteria.get(fi).map_or("", |c| c.id.as_str());
                (
                    "cue-in-two-criteria",
                    format!(
                        "the same cue as criteria[{fi}].cues[{fj}] of \"{other}\": one text would count for both"
                    ),
                )
            };
            lints.push(lint(
                Severity::Warning,
                code,
                format!("criteria[{i}].cues[{j}]"),
                message,
            ));
        }
    }
}

/// Every `{{name}}` reference in a text.
fn references(text: &str) -> impl Iterator<Item = &str> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim()))
}

fn used_lexicons(rubric: &RubricFile) -> BTreeSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    let mut used = BTreeSet::new();
    let cues = rubric
        .criteria
        .iter()
        .flat_map(|c| &c.cues)
        .chain(rubric.signals.values().flat_map(|s| &s.cues));
    for cue in cues {
        texts.extend(cue.regex.as_deref());
        texts.extend(cue.phrases.iter().flatten().map(String::as_str));
        used.extend(cue.lexicon.clone());
    }
    for scope in rubric.scopes.values() {
        texts.extend(
            scope
                .triggers
                .iter()
                .chain(&scope.exceptions)
                .chain(&scope.breaks)
                .map(String::as_str),
        );
    }
    used.extend(texts.into_iter().flat_map(references).map(str::to_string));
    used
}

fn unused_names(rubric: &RubricFile, lints: &mut Vec<Lint>) {
    let used = used_lexicons(rubric);
    for name in rubric.lexicons.keys().filter(|n| !used.contains(*n)) {
        let message = format!("lexicon \"{name}\" is never used");
        lints.push(lint(
            Severity::Warning,
            "unused-lexicon",
            format!("lexicons.{name}"),
            message,
        ));
    }
    let mut scopes: BTreeSet<&str> = rubric
        .criteria
        .iter()
        .flat_map(|c| &c.scopes)
        .map(String::as_str)
        .collect();
    let cues = rubric
        .criteria
        .iter()
        .flat_map(|c| &c.cues)
        .chain(rubric.signals.values().flat_map(|s| &s.cues));
    scopes.extend(
        cues.flat_map(|c| c.scopes.iter().flatten())
            .map(String::as_str),
    );
    scopes.extend(
        rubric
            .signals
            .values()
            .flat_map(|s| &s.scopes)
            .map(String::as_str),
    );
    for name in rubric
        .scopes
        .keys()
        .filter(|n| !scopes.contains(n.as_str()))
    {
        let message = format!("scope \"{name}\" is never used: no criterion or cue lists it");
        lints.push(lint(
            Severity::Warning,
            "unused-scope",
            format!("scopes.{name}"),
            message,
        ));
    }
    let signals: BTreeSet<&str> = rubric
        .criteria
        .iter()
        .filter_map(|c| c.applies_when.as_ref())
        .map(|w| w.context_signal.as_str())
        .collect();
    for name in rubric
        .signals
        .keys()
        .filter(|n| !signals.contains(n.as_str()))
    {
        let message =
            format!("signal \"{name}\" is never used: no criterion's applies_when names it");
        lints.push(lint(
            Severity::Warning,
            "unused-signal",
            format!("signals.{name}"),
            message,
        ));
    }
}

fn duplicate_lexicon_entries(rubric: &RubricFile, lints: &mut Vec<Lint>) {
    for (name, entries) in &rubric.lexicons {
        let mut seen = BTreeSet::new();
        for (i, entry) in entries.iter().enumerate() {
            let folded = entry
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if !seen.insert(folded) {
                let message = format!("\"{entry}\" is already in lexicon \"{name}\"");
                lints.push(lint(
                    Severity::Warning,
                    "duplicate-entry",
                    format!("lexicons.{name}[{i}]"),
                    message,
                ));
            }
        }
    }
}

fn case_lints(rubric: &RubricFile, lints: &mut Vec<Lint>) {
    for (i, case) in rubric.cases.iter().enumerate() {
        let at = format!("cases[{i}]");
        let bounds = [("min_score", case.min_score), ("max_score", case.max_score)];
        for (field, value) in bounds {
            if value.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                let message = format!(
                    "{field} must be between 0 and 100, found {}",
                    value.unwrap_or_default()
                );
                lints.push(lint(
                    Severity::Error,
                    "bad-case",
                    format!("{at}.{field}"),
                    message,
                ));
            }
        }
        if let (Some(min), Some(max)) = (case.min_score, case.max_score) {
            if min > max {
                let message =
                    format!("min_score {min} is above max_score {max}: no score can satisfy both");
                lints.push(lint(Severity::Error, "bad-case", at.clone(), message));
            }
        }
        if case.pass.is_none() && case.min_score.is_none() && case.max_score.is_none() {
            let message = "the case checks nothing: give \"pass\", \"min_score\" or \"max_score\""
                .to_string();
            lints.push(lint(Severity::Warning, "empty-case", at, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = include_str!("../tests/fixtures/mini.json");

    fn lints_of(
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> Vec<(Severity, &'static str, String)> {
        let mut value: serde_json::Value = serde_json::from_str(MINI).unwrap();
        edit(&mut value);
        let rubric: RubricFile = serde_json::from_value(value).unwrap();
        check(&rubric)
            .into_iter()
            .map(|l| (l.severity, l.code, l.json_path))
            .collect()
    }

    #[test]
    fn the_fixture_is_clean() {
        assert_eq!(lints_of(|_| {}), []);
    }

    #[test]
    fn criterion_without_examples() {
        let found = lints_of(|v| v["criteria"][1]["examples"] = serde_json::json!({}));
        assert_eq!(
            found,
            [(
                Severity::Warning,
                "no-examples",
                "criteria[1].examples".to_string()
            )]
        );
    }

    #[test]
    fn cue_that_can_never_match() {
        let found =
            lints_of(|v| v["criteria"][0]["cues"][0] = serde_json::json!({"regex": "a[^\\s\\S]"}));
        assert_eq!(
            found,
            [(
                Severity::Error,
                "never-matches",
                "criteria[0].cues[0]".to_string()
            )]
        );
    }

    #[test]
    fn the_same_cue_in_two_criteria() {
        let found = lints_of(|v| {
            let cue = v["criteria"][0]["cues"][2].clone();
            v["criteria"][1]["cues"].as_array_mut().unwrap().push(cue);
        });
        assert_eq!(
            found,
            [(
                Severity::Warning,
                "cue-in-two-criteria",
                "criteria[1].cues[2]".to_string()
            )]
        );
    }

    #[test]
    fn unused_lexicon_scope_and_signal() {
        let found = lints_of(|v| {
            v["lexicons"]["spare"] = serde_json::json!(["x"]);
            v["criteria"][1]["scopes"] = serde_json::json!(["negation"]);
            v["criteria"][0]
                .as_object_mut()
                .unwrap()
                .remove("applies_when");
        });
        let codes: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(codes, ["unused-lexicon", "unused-scope", "unused-signal"]);
    }

    #[test]
    fn impossible_and_empty_cases() {
        let found = lints_of(|v| {
            v["cases"] = serde_json::json!([{"reply": "a", "min_score": 80, "max_score": 20}, {"reply": "b"}]);
        });
        let codes: Vec<&str> = found.iter().map(|f| f.1).collect();
        assert_eq!(codes, ["bad-case", "empty-case"]);
    }
}
