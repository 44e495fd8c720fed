//! Measuring a rubric against labels people gave: does a criterion fire on
//! the replies a person says it should, and only on those?
//!
//! A criterion *fires* on a reply when its counted evidence is not empty:
//! for an `expect` criterion the move is present, for an `avoid` criterion
//! the behaviour is. Applicability (`applies_when`) plays no part, so the
//! comparison tests the cues alone, as a rubric's `examples` do. Each label
//! says whether the criterion should fire (see [`labels`] for the format);
//! a `pass` label says whether the whole reply should pass.
//!
//! ```
//! use eqscore::calibrate::Calibrator;
//! let scorer = eqscore::Scorer::builtin()?;
//! let mut calibrator = Calibrator::new(&scorer, 5);
//! let labelled = r#"{"reply": "No wonder you're upset.", "labels": {"acknowledges_feelings": 1}}"#;
//! calibrator.read(labelled.as_bytes(), "inline.jsonl")?;
//! let calibration = calibrator.finish();
//! let feelings = &calibration.criteria[0];
//! assert_eq!((feelings.confusion.tp, feelings.confusion.recall()), (1, Some(1.0)));
//! # Ok::<(), eqscore::Error>(())
//! ```
//!
//! Replies are scored one at a time as they are read; only the first `top`
//! false positives and false negatives of each criterion (in file order) are
//! kept, so memory does not grow with the input.

pub mod labels;
mod metrics;
mod threshold;

use std::io::BufRead;
use std::sync::Arc;

use crate::error::Result;
use crate::findings::{CriterionScore, Evidence, Polarity, ReplyScore, Suppressed};
use crate::scorer::Scorer;
use crate::transcript::{LineReader, Source};
use labels::LabelNames;
pub use labels::LabelledReply;
pub use metrics::Confusion;
use threshold::PassTally;
pub use threshold::ThresholdChoice;

/// The agreement of a rubric with a file (or several) of labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// Labelled replies read (blank lines are not replies).
    pub replies: u64,
    /// One entry per criterion of the rubric, in rubric order, labelled or not.
    pub criteria: Vec<CriterionAgreement>,
    /// The agreement of whole-reply verdicts, when any reply had a `pass` label.
    pub pass: Option<PassAgreement>,
}

/// How one criterion's firing agrees with its labels.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionAgreement {
    /// The criterion's id.
    pub id: String,
    /// Expect (firing: the move is present) or avoid (the behaviour is).
    pub polarity: Polarity,
    /// Firing against the labels; positive means "fires".
    pub confusion: Confusion,
    /// The first replies (in input order) on which it fired against the label.
    pub false_positives: Vec<Example>,
    /// The first replies on which it did not fire though the label says it should.
    pub false_negatives: Vec<Example>,
}

/// A reply the rubric and the label disagree on, with what the criterion saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The record's `id`.
    pub id: Option<String>,
    /// Where the record is.
    pub source: Source,
    /// The record's `lang`.
    pub lang: Option<String>,
    /// The reply.
    pub reply: String,
    /// What fired (empty for a false negative).
    pub evidence: Vec<Evidence>,
    /// What a scope cancelled.
    pub suppressed: Vec<Suppressed>,
}

/// How the rubric's pass/fail verdicts agree with `pass` labels.
#[derive(Debug, Clone, PartialEq)]
pub struct PassAgreement {
    /// The rubric's threshold.
    pub threshold: f64,
    /// The rubric's verdicts against the labels; positive means "passes".
    pub confusion: Confusion,
    /// The whole-number threshold with the highest Cohen's kappa (of equals,
    /// the nearest to the rubric's); `None` when kappa is never defined.
    pub best: Option<ThresholdChoice>,
}

/// Scores labelled replies one at a time and tallies the agreement.
#[derive(Debug)]
pub struct Calibrator<'s> {
    scorer: &'s Scorer,
    names: LabelNames,
    top: usize,
    replies: u64,
    criteria: Vec<CriterionAgreement>,
    pass: Option<PassTally>,
}

impl<'s> Calibrator<'s> {
    /// A calibrator for `scorer`'s rubric that keeps `top` examples of each
    /// kind of disagreement per criterion.
    pub fn new(scorer: &'s Scorer, top: usize) -> Self {
        let rubric = scorer.rubric();
        let criteria = rubric.criteria.iter().map(|c| CriterionAgreement {
            id: c.id.clone(),
            polarity: c.polarity,
            confusion: Confusion::default(),
            false_positives: Vec::new(),
            false_negatives: Vec::new(),
        });
        Calibrator {
            scorer,
            names: LabelNames::new(rubric),
            top,
            replies: 0,
            criteria: criteria.collect(),
            pass: None,
        }
    }

    /// Reads labelled JSONL from `reader` (named `path` in errors and
    /// sources) and adds every reply.
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Input`](crate::ErrorKind::Input) error naming
    /// `path:line` for a line that is not a labelled reply (see [`labels`]),
    /// or [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails. The
    /// replies before the bad line stay counted.
    pub fn read(&mut self, reader: impl BufRead, path: &str) -> Result<()> {
        let path: Arc<str> = Arc::from(path);
        let mut lines = LineReader::new(reader, &path, &crate::transcript::ReadOptions::default());
        while let Some((line_no, line)) = lines.next_line()? {
            let source = Source {
                path: Arc::clone(&path),
                line: line_no,
            };
            if let Some(reply) = self.names.parse_line(line, source)? {
                self.add(reply);
            }
        }
        Ok(())
    }

    /// Scores one labelled reply (its labels resolved by [`Calibrator::read`]
    /// against this rubric) and counts its labels.
    pub fn add(&mut self, reply: LabelledReply) {
        self.replies += 1;
        if reply.labels.is_empty() && reply.pass.is_none() {
            return;
        }
        let score = self.scorer.score(&reply.reply, reply.context.as_deref());
        for &(index, label) in &reply.labels {
            if let (Some(agreement), Some(found)) =
                (self.criteria.get_mut(index), score.criteria.get(index))
            {
                agreement.count(found, label, &reply, self.top);
            }
        }
        if let Some(label) = reply.pass {
            self.count_pass(&score, label);
        }
    }

    fn count_pass(&mut self, score: &ReplyScore, label: bool) {
        let fatal = score.fatal_violations().next().is_some();
        self.pass.get_or_insert_with(PassTally::default).add(
            score.score,
            fatal,
            score.passed,
            label,
        );
    }

    /// The agreement over every reply added.
    pub fn finish(self) -> Calibration {
        let threshold = self.scorer.rubric().threshold;
        Calibration {
            replies: self.replies,
            criteria: self.criteria,
            pass: self.pass.map(|tally| PassAgreement {
                threshold,
                confusion: tally.at_rubric(),
                best: tally.best(threshold),
            }),
        }
    }
}

impl CriterionAgreement {
    /// Counts one label, keeping the reply as an example of a disagreement
    /// while fewer than `top` are kept.
    fn count(&mut self, found: &CriterionScore, label: bool, reply: &LabelledReply, top: usize) {
        let fired = !found.evidence.is_empty();
        self.confusion.add(fired, label);
        let examples = match (fired, label) {
            (true, false) => &mut self.false_positives,
            (false, true) => &mut self.false_negatives,
            _ => return,
        };
        if examples.len() < top {
            examples.push(Example {
                id: reply.id.clone(),
                source: reply.source.clone(),
                lang: reply.lang.clone(),
                reply: reply.reply.clone(),
                evidence: found.evidence.clone(),
                suppressed: found.suppressed.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calibrate(lines: &str) -> Calibration {
        let scorer = Scorer::builtin().unwrap();
        let mut calibrator = Calibrator::new(&scorer, 1);
        calibrator.read(lines.as_bytes(), "t.jsonl").unwrap();
        calibrator.finish()
    }

    #[test]
    fn counts_each_label_against_firing() {
        let c = calibrate(concat!(
            r#"{"reply": "No wonder you're upset.", "labels": {"acknowledges_feelings": 1}}"#,
            "\n",
            r#"{"reply": "I don't understand why you're upset.", "labels": {"acknowledges_feelings": 1}}"#,
            "\n\n",
            r#"{"reply": "Take the bus.", "labels": {"acknowledges_feelings": 1, "aggressive": null}}"#,
            "\n",
        ));
        assert_eq!(c.replies, 3);
        let feelings = &c.criteria[0];
        assert_eq!(
            feelings.confusion,
            Confusion {
                tp: 1,
                fp: 0,
                fn_: 2,
                tn: 0
            }
        );
        // Only the first false negative is kept (top 1), with its suppression.
        assert_eq!(feelings.false_negatives.len(), 1);
        let kept = &feelings.false_negatives[0];
        assert_eq!(kept.source.line, 2);
        assert_eq!(kept.suppressed[0].trigger, "don't");
        assert_eq!(c.criteria[3].confusion.n(), 0);
        assert_eq!(c.pass, None);
    }

    #[test]
    fn pass_labels_are_compared_with_the_verdict() {
        let c = calibrate(concat!(
            r#"{"context": "My dog died.", "reply": "Calm down, you idiot.", "pass": 0}"#,
            "\n",
            r#"{"context": "My dog died.", "reply": "I'm so sorry. Do you want to talk about it?", "pass": 1}"#,
        ));
        let pass = c.pass.unwrap();
        assert_eq!(pass.threshold, 60.0);
        assert_eq!(
            pass.confusion,
            Confusion {
                tp: 1,
                fp: 0,
                fn_: 0,
                tn: 1
            }
        );
        assert_eq!(pass.best.unwrap().confusion.kappa(), Some(1.0));
    }

    #[test]
    fn a_bad_line_stops_with_its_place() {
        let scorer = Scorer::builtin().unwrap();
        let mut calibrator = Calibrator::new(&scorer, 5);
        let lines =
            "{\"reply\": \"ok\", \"pass\": 1}\n{\"reply\": \"ok\", \"labels\": {\"x\": 1}}\n";
        let err = calibrator.read(lines.as_bytes(), "t.jsonl").unwrap_err();
        assert!(
            err.message().starts_with("t.jsonl:2: unknown label `x`"),
            "{err}"
        );
    }
}
