//! The promptfoo format: one promptfoo grading result per reply, one per line,
//! for use as a promptfoo custom assertion.
//!
//! # Format
//!
//! Each line is a JSON object in the shape of promptfoo's `GradingResult`
//! (the value a javascript or python assertion may return), in input order,
//! written as each reply is scored:
//!
//! * **pass** - whether the reply passed the rubric.
//! * **score** - the eqscore score divided by 100: 0–1, three decimals.
//! * **reason** - one line: the score, the threshold, and the unmet and fatal
//!   criteria, e.g. `eqscore empathy: 40.0 (threshold 70): unmet offers_options`.
//! * **namedScores** - an object from each criterion id that applied, in
//!   rubric order, to its points over its weight: 0–1, three decimals. A
//!   criterion that did not apply is left out.
//!
//! No other fields are written, so the object stays a valid `GradingResult`;
//! it carries no `schema_version` because its schema is promptfoo's. Lines
//! follow the input's order: to match a result with its reply, count lines
//! (or use `--format jsonl`, which has ids).

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::describe::verdict;
use super::{Reporter, RubricInfo, Summary, round_to};
use crate::findings::{CriterionScore, ReplyScore};
use crate::transcript::ReplyItem;

/// Writes one grading result per reply, one per line.
#[derive(Debug)]
pub struct PromptfooReporter<W> {
    out: W,
    prefix: String,
    threshold: f64,
}

impl<W: Write> PromptfooReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        PromptfooReporter {
            out,
            prefix: String::new(),
            threshold: 0.0,
        }
    }
}

impl<W: Write> Reporter for PromptfooReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.prefix = format!("eqscore {}", rubric.name);
        self.threshold = rubric.threshold;
        Ok(())
    }

    fn reply(&mut self, _item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        let record = GradingResult {
            pass: score.passed,
            score: round_to(score.score / 100.0, 3),
            reason: format!("{}: {}", self.prefix, verdict(score, self.threshold)),
            named_scores: NamedScores(&score.criteria),
        };
        serde_json::to_writer(&mut self.out, &record)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// promptfoo's `GradingResult`, the fields eqscore fills.
#[derive(Serialize)]
struct GradingResult<'a> {
    pass: bool,
    score: f64,
    reason: String,
    #[serde(rename = "namedScores")]
    named_scores: NamedScores<'a>,
}

/// `{"<id>": points / weight, ...}` over the applicable criteria, in rubric order.
struct NamedScores<'a>(&'a [CriterionScore]);

impl Serialize for NamedScores<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .filter(|c| c.applicable)
                .map(|c| (&*c.id, share(c))),
        )
    }
}

/// Points over weight, 0–1, three decimals; 0 for a weightless criterion.
fn share(criterion: &CriterionScore) -> f64 {
    if criterion.weight > 0.0 {
        round_to(criterion.points / criterion.weight, 3)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::fixture;
    use super::super::{Format, ReportOptions};

    #[test]
    fn writes_one_grading_result_per_line() {
        let output = fixture::render(Format::Promptfoo, ReportOptions::default());
        let lines: Vec<Value> = output
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                json!({
                    "pass": true, "score": 0.9,
                    "reason": "eqscore empathy: 90.0 (threshold 70)",
                    "namedScores": {"acknowledges_feelings": 1.0, "offers_help": 0.5, "avoids_aggression": 1.0},
                }),
                json!({
                    "pass": false, "score": 0.0,
                    "reason": "eqscore empathy: 0.0 (threshold 70): unmet acknowledges_feelings, avoids_aggression; fatal: avoids_aggression",
                    "namedScores": {"acknowledges_feelings": 0.0, "avoids_aggression": 0.0},
                }),
            ]
        );
        assert!(output.starts_with(r#"{"pass":true,"score":0.9,"reason":"#));
    }

    #[test]
    fn scores_have_three_decimals() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(
            Format::Promptfoo,
            ReportOptions::default(),
            &rubric,
            &[fixture::awkward()],
        );
        let record: Value = serde_json::from_str(output.trim_end()).unwrap();
        assert_eq!(record["score"], 0.667);
        assert_eq!(record["namedScores"]["acknowledges_feelings"], 0.333);
    }
}
