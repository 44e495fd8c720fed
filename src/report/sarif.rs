//! The SARIF format: [SARIF 2.1.0](https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)
//! for code-scanning tools (GitHub code scanning, IDE SARIF viewers).
//!
//! # Format
//!
//! One `run` whose `tool.driver` is eqscore, with one **rule** per criterion
//! of the rubric, in rubric order:
//!
//! * **id** - the criterion's id; **name** - its label.
//! * **shortDescription** - its description; **fullDescription** and
//!   **help** - its rationale, and for help the `eqscore explain` command
//!   that says more.
//! * **defaultConfiguration.level** - `error` for a fatal criterion,
//!   `warning` for the others.
//!
//! plus a last rule, `eqscore.threshold`, for a failed reply that met every
//! criterion that applied yet scored below the threshold (cues of partial
//! strength). The run's **properties** name the rubric (`rubric`,
//! `rubric_version`, `threshold`).
//!
//! **results**: for each failed reply, in input order, one result per
//! criterion it left unmet where it applied (or one `eqscore.threshold`
//! result): **ruleId** and **ruleIndex**, **level** as the rule's, a
//! **message** naming the reply, the criterion and the score, and a
//! **location**: the file as the user gave it (as a relative URI,
//! percent-encoded) and the record's line. Replies from stdin or `--text`
//! have no location. Each result's **properties** carry the reply's `id`
//! (or `null`), `turn` (or `null`) and `score`. Passing replies give no
//! result.
//!
//! The serialization structs are written by hand (no SARIF crate): they hold
//! only the fields above. The document is streamed like the json format's: the
//! head with the rules first, each result on its own line as its reply is
//! scored, then the closing brackets; nothing of a reply is kept.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::describe::{is_pseudo_path, reply_name};
use super::{CriterionInfo, Reporter, RubricInfo, Summary, round_to};
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// The id of the rule for a reply that fails on its score alone.
const THRESHOLD_RULE: &str = "eqscore.threshold";

/// Writes one SARIF log, streaming each result as its reply is scored.
#[derive(Debug)]
pub struct SarifReporter<W> {
    out: W,
    rules: Vec<(String, Level)>,
    threshold: f64,
    results: usize,
}

impl<W: Write> SarifReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        SarifReporter {
            out,
            rules: Vec::new(),
            threshold: 0.0,
            results: 0,
        }
    }

    fn write_result(&mut self, result: &SarifResult) -> io::Result<()> {
        let separator: &[u8] = if self.results == 0 {
            b"\n    "
        } else {
            b",\n    "
        };
        self.out.write_all(separator)?;
        serde_json::to_writer(&mut self.out, result)?;
        self.results += 1;
        Ok(())
    }
}

impl<W: Write> Reporter for SarifReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.threshold = rubric.threshold;
        let mut rules: Vec<Rule> = rubric.criteria.iter().map(Rule::for_criterion).collect();
        rules.push(Rule::threshold());
        self.rules = rules.iter().map(|r| (r.id.clone(), r.level())).collect();
        let properties = RunProperties {
            rubric: &rubric.name,
            rubric_version: &rubric.version,
            threshold: rubric.threshold,
        };
        self.out.write_all(
            concat!(
                "{\n",
                "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n",
                "  \"version\": \"2.1.0\",\n",
                "  \"runs\": [{\n",
                "  \"tool\": {\"driver\": {\"name\":\"eqscore\",\"version\":\"",
                env!("CARGO_PKG_VERSION"),
                "\",\"rules\":["
            )
            .as_bytes(),
        )?;
        for (index, rule) in rules.iter().enumerate() {
            let separator: &[u8] = if index == 0 { b"\n    " } else { b",\n    " };
            self.out.write_all(separator)?;
            serde_json::to_writer(&mut self.out, rule)?;
        }
        self.out.write_all(b"\n  ]}},\n  \"properties\": ")?;
        serde_json::to_writer(&mut self.out, &properties)?;
        self.out.write_all(b",\n  \"results\": [")
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        if score.passed {
            return Ok(());
        }
        let unmet: Vec<&str> = super::describe::unmet(score).collect();
        let ids = if unmet.is_empty() {
            vec![THRESHOLD_RULE]
        } else {
            unmet
        };
        let name = reply_name(item);
        for id in ids {
            let rule = self
                .rules
                .iter()
                .enumerate()
                .find(|(_, (rule, _))| rule == id);
            let Some((index, &(_, level))) = rule else {
                continue;
            };
            let result = SarifResult::new(item, score, &name, (id, index, level), self.threshold);
            self.write_result(&result)?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        let close: &[u8] = if self.results == 0 { b"]" } else { b"\n  ]" };
        self.out.write_all(close)?;
        self.out.write_all(b"\n  }]\n}\n")?;
        self.out.flush()
    }
}

/// `error` or `warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    rubric: &'a str,
    rubric_version: &'a str,
    threshold: f64,
}

/// A `reportingDescriptor`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

impl Rule {
    fn for_criterion(criterion: &CriterionInfo) -> Rule {
        let level = if criterion.fatal {
            Level::Error
        } else {
            Level::Warning
        };
        let mut help = criterion.rationale.clone();
        if !help.is_empty() {
            help.push(' ');
        }
        let _ = write!(
            help,
            "Run `eqscore explain {}` for its cues and examples.",
            criterion.id
        );
        Rule {
            id: criterion.id.clone(),
            name: criterion.label.clone(),
            short_description: Text::new(&criterion.description),
            full_description: Text::new(&criterion.rationale),
            help: Text { text: help },
            default_configuration: Configuration { level },
        }
    }

    fn threshold() -> Rule {
        let text = "The reply scored below the rubric's threshold.";
        Rule {
            id: THRESHOLD_RULE.to_string(),
            name: "threshold".to_string(),
            short_description: Text::new(text),
            full_description: Text::new(
                "Every criterion that applied was met, but with cues of partial strength, \
                 so the score stayed below the threshold.",
            ),
            help: Text::new("Run `eqscore score --explain` to see the strength of each cue."),
            default_configuration: Configuration {
                level: Level::Warning,
            },
        }
    }

    fn level(&self) -> Level {
        self.default_configuration.level
    }
}

#[derive(Serialize)]
struct Configuration {
    level: Level,
}

/// A `message` or `multiformatMessageString`: just text.
#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: &str) -> Text {
        Text {
            text: text.to_string(),
        }
    }
}

/// A `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: Level,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    properties: ResultProperties<'a>,
}

impl<'a> SarifResult<'a> {
    fn new(
        item: &'a ReplyItem,
        score: &ReplyScore,
        name: &str,
        (rule_id, rule_index, level): (&'a str, usize, Level),
        threshold: f64,
    ) -> Self {
        let score = round_to(score.score, 1);
        let what = if rule_id == THRESHOLD_RULE {
            "scored below the threshold".to_string()
        } else {
            format!("{rule_id} not met")
        };
        let message = format!("{name}: {what} (score {score:.1}, threshold {threshold})");
        let locations = if is_pseudo_path(&item.source.path) {
            vec![]
        } else {
            vec![Location::new(&item.source.path, item.source.line)]
        };
        SarifResult {
            rule_id,
            rule_index,
            level,
            message: Text { text: message },
            locations,
            properties: ResultProperties {
                id: item.id.as_deref(),
                turn: item.turn,
                score,
            },
        }
    }
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    id: Option<&'a str>,
    turn: Option<usize>,
    score: f64,
}

/// A `location` with its `physicalLocation`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
}

impl Location {
    fn new(path: &str, line: u64) -> Location {
        Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: path_to_uri(path),
                },
                region: Region { start_line: line },
            },
        }
    }
}

/// A path as a relative URI reference: `\` becomes `/`, and every byte but
/// unreserved characters and `/` is percent-encoded.
pub fn path_to_uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    fn parse(output: &str) -> Value {
        serde_json::from_str(output).expect("one valid JSON document")
    }

    #[test]
    fn rules_come_from_the_criteria() {
        let doc = parse(&fixture::render(Format::Sarif, ReportOptions::default()));
        assert_eq!(doc["version"], "2.1.0");
        let run = &doc["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                "acknowledges_feelings",
                "offers_help",
                "avoids_aggression",
                THRESHOLD_RULE
            ]
        );
        assert_eq!(rules[1]["name"], "help");
        assert_eq!(
            rules[1]["shortDescription"]["text"],
            "The reply offers help."
        );
        assert_eq!(
            rules[1]["help"]["text"],
            "Why help matters. Run `eqscore explain offers_help` for its cues and examples."
        );
        assert_eq!(rules[1]["defaultConfiguration"]["level"], "warning");
        assert_eq!(rules[2]["defaultConfiguration"]["level"], "error");
        assert_eq!(run["properties"]["rubric"], "empathy");
    }

    #[test]
    fn one_result_per_unmet_criterion_of_a_failed_reply() {
        let mut replies = fixture::replies();
        let (mut item, score) = fixture::replies().remove(1);
        item.source.path = "dir\\my chats.jsonl".into();
        item.id = Some("x".into());
        replies.push((item, score));
        let output = fixture::render_with(
            Format::Sarif,
            ReportOptions::default(),
            &fixture::rubric(),
            &replies,
        );
        let results = parse(&output)["runs"][0]["results"].clone();
        let results = results.as_array().unwrap();
        assert_eq!(results.len(), 4, "two unmet criteria in each failed reply");
        assert_eq!(results[0]["ruleId"], "acknowledges_feelings");
        assert_eq!(results[1]["ruleIndex"], 2);
        assert_eq!(results[1]["level"], "error");
        assert_eq!(
            results[1]["message"]["text"],
            "line 7: avoids_aggression not met (score 0.0, threshold 70)"
        );
        assert!(results[0].get("locations").is_none(), "stdin has no file");
        assert_eq!(
            results[2]["locations"][0]["physicalLocation"],
            json!({"artifactLocation": {"uri": "dir/my%20chats.jsonl"}, "region": {"startLine": 7}})
        );
        assert_eq!(
            results[2]["properties"],
            json!({"id": "x", "turn": null, "score": 0.0})
        );
    }

    #[test]
    fn a_reply_failing_on_its_score_alone_gets_the_threshold_rule() {
        let (item, mut score) = fixture::replies().remove(0);
        score.score = 65.0;
        score.passed = false;
        let output = fixture::render_with(
            Format::Sarif,
            ReportOptions::default(),
            &fixture::rubric(),
            &[(item, score)],
        );
        let doc = parse(&output);
        let result = &doc["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], THRESHOLD_RULE);
        assert_eq!(result["ruleIndex"], 3);
        assert_eq!(
            result["message"]["text"],
            "t-001 turn 1: scored below the threshold (score 65.0, threshold 70)"
        );
    }

    #[test]
    fn no_failures_is_a_valid_log_with_no_results() {
        let output = fixture::render_with(
            Format::Sarif,
            ReportOptions::default(),
            &fixture::rubric(),
            &fixture::replies()[..1],
        );
        assert_eq!(parse(&output)["runs"][0]["results"], json!([]));
    }

    #[test]
    fn uris_percent_encode_all_but_unreserved() {
        assert_eq!(
            path_to_uri("samples/a-b_c.d~e.jsonl"),
            "samples/a-b_c.d~e.jsonl"
        );
        assert_eq!(path_to_uri("a b#c?d%"), "a%20b%23c%3Fd%25");
        assert_eq!(path_to_uri("中.jsonl"), "%E4%B8%AD.jsonl");
        assert_eq!(path_to_uri("C:\\x\\y"), "C%3A/x/y");
    }
}
