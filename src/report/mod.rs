//! Turning findings into output: one [`Reporter`] per output format.
//!
//! Scoring produces plain data ([`ReplyScore`]); this module is the only place
//! that decides what it looks like. Each format lives in its own file and is
//! picked by [`Format`]:
//!
//! * [`text`]: a table for people, one row per reply, optional evidence lines.
//! * [`json`]: one JSON document with the rubric, every result and a summary.
//! * [`jsonl`]: one JSON object per reply, one per line, for pipelines.
//! * [`csv`]: one row per reply, one column per criterion, for spreadsheets.
//! * [`summary`]: totals only: pass rate, score statistics, a histogram.
//! * [`sarif`]: SARIF 2.1.0 for code-scanning tools.
//! * [`junit`]: JUnit XML for CI test reports.
//! * [`github`]: GitHub Actions workflow commands (annotations).
//! * [`promptfoo`]: one promptfoo grading result per reply.
//!
//! Reporters stream: text, jsonl, json, csv, sarif, github and promptfoo write
//! each reply as it is given and keep nothing of it. [`summary`] keeps one
//! score per reply (for the median and the 10th percentile), [`junit`] keeps
//! each finished test case (a few hundred bytes, never the reply's text)
//! because the counts come first in the file. Reporters write to the writer
//! they own and never print.
//!
//! The JSON formats of eqscore's own carry [`SCHEMA_VERSION`] as
//! `"schema_version"`: the json document at its top level, each jsonl record.
//! SARIF and promptfoo follow schemas of their own.
//!
//! Adding a format means one new file, one [`Format`] variant and one arm in
//! [`reporter`].

pub mod csv;
mod describe;
pub mod github;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod promptfoo;
pub mod sarif;
pub mod summary;
pub mod text;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::findings::ReplyScore;
use crate::rubric::raw::RubricFile;
use crate::transcript::ReplyItem;

/// An output format.
///
/// The variants are plain unit variants whose lowercase names are their
/// [`name`](Format::name)s, so a binary can derive or implement
/// `clap::ValueEnum` for it without renaming anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// A table for people (see [`text`]).
    #[default]
    Text,
    /// One JSON document (see [`json`]).
    Json,
    /// One JSON object per reply, one per line (see [`jsonl`]).
    Jsonl,
    /// One CSV row per reply (see [`csv`]).
    Csv,
    /// Totals only (see [`summary`]).
    Summary,
    /// SARIF 2.1.0 (see [`sarif`]).
    Sarif,
    /// JUnit XML (see [`junit`]).
    Junit,
    /// GitHub Actions workflow commands (see [`github`]).
    Github,
    /// promptfoo grading results, one per line (see [`promptfoo`]).
    Promptfoo,
}

/// The version of the `json` and `jsonl` wire formats, written as
/// `"schema_version"`. It grows only when a field changes meaning or goes
/// away; new fields do not change it.
pub const SCHEMA_VERSION: u32 = 1;

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 9] = [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Summary,
        Format::Sarif,
        Format::Junit,
        Format::Github,
        Format::Promptfoo,
    ];

    /// The name users type, e.g. `--format jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Summary => "summary",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
            Format::Promptfoo => "promptfoo",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses an exact [`name`](Format::name), e.g. `"jsonl"`.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.name() == name)
            .ok_or_else(|| UnknownFormat {
                name: name.to_string(),
            })
    }
}

/// The error for a name that is not one of the [`Format`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat {
    name: String,
}

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
        write!(
            f,
            "unknown output format `{}` (expected one of: {})",
            self.name,
            expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

/// What reporters need to know about the rubric, given once before any reply.
#[derive(Debug, Clone, PartialEq)]
pub struct RubricInfo {
    /// The rubric's short name, e.g. `empathy`.
    pub name: String,
    /// The rubric's own version.
    pub version: String,
    /// The score a reply needs to pass, 0–100.
    pub threshold: f64,
    /// The criteria, in rubric order (the order of every [`ReplyScore`]).
    pub criteria: Vec<CriterionInfo>,
}

/// One criterion of a [`RubricInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CriterionInfo {
    /// The criterion's stable id, e.g. `acknowledges_feelings`.
    pub id: String,
    /// A short column heading, e.g. `feelings`.
    pub label: String,
    /// What the criterion checks, one sentence.
    pub description: String,
    /// Why it matters (the rubric's `rationale`).
    pub rationale: String,
    /// Whether leaving it unmet fails a reply whatever its score.
    pub fatal: bool,
}

impl From<&RubricFile> for RubricInfo {
    fn from(rubric: &RubricFile) -> Self {
        RubricInfo {
            name: rubric.name.clone(),
            version: rubric.version.clone(),
            threshold: rubric.threshold,
            criteria: rubric
                .criteria
                .iter()
                .map(|c| CriterionInfo {
                    id: c.id.clone(),
                    label: c.label.clone().unwrap_or_else(|| c.id.clone()),
                    description: c.description.clone(),
                    rationale: c.rationale.clone(),
                    fatal: c.fatal,
                })
                .collect(),
        }
    }
}

/// Choices that change what a reporter shows, not what it knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportOptions {
    /// Show the evidence behind every row (text format only; the JSON formats
    /// always carry it).
    pub explain: bool,
}

/// A sink for scored replies, one implementation per [`Format`].
///
/// Call [`start`](Reporter::start) once, [`reply`](Reporter::reply) once per
/// reply in input order, then [`finish`](Reporter::finish) once. Output is
/// only complete (and, for [`json`], only valid) after `finish`.
///
/// # Errors
///
/// Every method fails only when writing to the writer fails.
pub trait Reporter {
    /// Writes whatever comes before the first reply (a header, an opening brace).
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()>;

    /// Writes one scored reply.
    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()>;

    /// Writes the summary (if the format has one) and flushes the writer.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// The reporter for `format`, writing to `out`.
pub fn reporter<'a>(
    format: Format,
    out: Box<dyn Write + 'a>,
    options: ReportOptions,
) -> Box<dyn Reporter + 'a> {
    match format {
        Format::Text => Box::new(text::TextReporter::new(out, options)),
        Format::Json => Box::new(json::JsonReporter::new(out)),
        Format::Jsonl => Box::new(jsonl::JsonlReporter::new(out)),
        Format::Csv => Box::new(csv::CsvReporter::new(out)),
        Format::Summary => Box::new(summary::SummaryReporter::new(out)),
        Format::Sarif => Box::new(sarif::SarifReporter::new(out)),
        Format::Junit => Box::new(junit::JunitReporter::new(out)),
        Format::Github => Box::new(github::GithubReporter::new(out)),
        Format::Promptfoo => Box::new(promptfoo::PromptfooReporter::new(out)),
    }
}

/// Totals over every reply scored so far, built one reply at a time.
///
/// Create it with [`new`](Summary::new) and feed it with
/// [`add`](Summary::add); the fields are for reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// How many replies were added.
    pub count: usize,
    /// How many of them passed.
    pub passed: usize,
    /// How many of them failed; `passed + failed == count`.
    pub failed: usize,
    /// The mean score, rounded to one decimal; 0 when no reply was added.
    pub mean_score: f64,
    /// One tally per criterion, in rubric order.
    pub criteria: Vec<CriterionTally>,
    /// The records and files skipped as unreadable (`--keep-going`).
    pub skipped: Skipped,
    /// The unrounded sum of the scores, so the mean never drifts.
    score_sum: f64,
}

impl Summary {
    /// An empty summary with one tally per criterion of `rubric`, in rubric order.
    pub fn new(rubric: &RubricInfo) -> Self {
        let criteria = rubric
            .criteria
            .iter()
            .map(|criterion| CriterionTally {
                id: criterion.id.clone(),
                met: 0,
                applicable: 0,
            })
            .collect();
        Summary {
            count: 0,
            passed: 0,
            failed: 0,
            mean_score: 0.0,
            criteria,
            skipped: Skipped::default(),
            score_sum: 0.0,
        }
    }

    /// Counts one record or file that was skipped because it could not be read.
    pub fn skip(&mut self, source: impl Into<String>, reason: impl Into<String>) {
        self.skipped.count += 1;
        if self.skipped.first.len() < Skipped::KEPT {
            self.skipped.first.push(SkippedRecord {
                source: source.into(),
                reason: reason.into(),
            });
        }
    }

    /// Counts one scored reply. Criteria are matched by id; a criterion the
    /// score lacks counts as not applicable.
    pub fn add(&mut self, score: &ReplyScore) {
        self.count += 1;
        if score.passed {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        self.score_sum += score.score;
        self.mean_score = round_to(self.score_sum / self.count as f64, 1);
        for tally in &mut self.criteria {
            let Some(result) = score.criterion(&tally.id) else {
                continue;
            };
            if result.applicable {
                tally.applicable += 1;
                tally.met += usize::from(result.met);
            }
        }
    }
}

/// The records and files skipped as unreadable, and where the first few were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// How many were skipped.
    pub count: usize,
    /// The first [`Skipped::KEPT`] of them, in input order.
    pub first: Vec<SkippedRecord>,
}

impl Skipped {
    /// How many skipped records a summary keeps the location of.
    pub const KEPT: usize = 10;
}

/// One skipped record or file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// `path:line`, or `path` for a whole file.
    pub source: String,
    /// Why it could not be read.
    pub reason: String,
}

/// How often one criterion was met, over the replies it applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionTally {
    /// The criterion's id.
    pub id: String,
    /// Replies that met the criterion (only applicable ones count).
    pub met: usize,
    /// Replies the criterion applied to.
    pub applicable: usize,
}

impl CriterionTally {
    /// `met / applicable`, in 0..=1; `None` when it never applied.
    pub fn met_rate(&self) -> Option<f64> {
        (self.applicable > 0).then(|| self.met as f64 / self.applicable as f64)
    }
}

/// `value` rounded to `decimals` places, half away from zero, never `-0`.
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    // Adding 0.0 turns a -0.0 into 0.0, so "-0.0" never reaches the output.
    (value * scale).round() / scale + 0.0
}

#[cfg(test)]
mod fixture;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Polarity;

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!(Format::default(), Format::Text);
    }

    #[test]
    fn unknown_format_names_the_choices() {
        let error = "JSON".parse::<Format>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown output format `JSON` (expected one of: text, json, jsonl, csv, summary, sarif, junit, github, promptfoo)"
        );
    }

    #[test]
    fn summary_of_nothing_is_zero() {
        let summary = Summary::new(&fixture::rubric());
        assert_eq!((summary.count, summary.passed, summary.failed), (0, 0, 0));
        assert_eq!(summary.mean_score, 0.0);
        assert_eq!(summary.criteria.len(), 3);
        assert!(summary.criteria.iter().all(|c| c.met_rate().is_none()));
    }

    #[test]
    fn summary_counts_the_fixture() {
        let mut summary = Summary::new(&fixture::rubric());
        for (_, score) in fixture::replies() {
            summary.add(&score);
        }
        assert_eq!((summary.count, summary.passed, summary.failed), (2, 1, 1));
        assert_eq!(summary.mean_score, 45.0);
        let tallies: Vec<_> = summary
            .criteria
            .iter()
            .map(|c| (c.id.as_str(), c.met, c.applicable, c.met_rate()))
            .collect();
        assert_eq!(
            tallies,
            [
                ("acknowledges_feelings", 1, 2, Some(0.5)),
                ("offers_help", 1, 1, Some(1.0)),
                ("avoids_aggression", 1, 2, Some(0.5)),
            ]
        );
    }

    #[test]
    fn summary_mean_is_rounded_to_one_decimal() {
        let mut summary = Summary::new(&fixture::rubric());
        for score in [70.0, 80.1, 80.1] {
            summary.add(&ReplyScore {
                score,
                passed: true,
                criteria: vec![],
            });
        }
        // 230.2 / 3 = 76.733...
        assert_eq!(summary.mean_score, 76.7);
    }

    #[test]
    fn summary_matches_criteria_by_id_not_position() {
        let mut summary = Summary::new(&fixture::rubric());
        let mut help = fixture::criterion("offers_help", Polarity::Expect, 1.0);
        help.met = true;
        summary.add(&ReplyScore {
            score: 100.0,
            passed: true,
            criteria: vec![help],
        });
        let rates: Vec<_> = summary.criteria.iter().map(|c| c.met_rate()).collect();
        assert_eq!(rates, [None, Some(1.0), None]);
    }

    #[test]
    fn summary_counts_every_skip_and_keeps_the_first_few() {
        let mut summary = Summary::new(&fixture::rubric());
        for line in 1..=12 {
            summary.skip(format!("t.jsonl:{line}"), "invalid JSON");
        }
        assert_eq!(summary.skipped.count, 12);
        assert_eq!(summary.skipped.first.len(), Skipped::KEPT);
        assert_eq!(summary.skipped.first[9].source, "t.jsonl:10");
    }

    #[test]
    fn rounding_is_half_away_from_zero_and_never_negative_zero() {
        assert_eq!(round_to(0.125, 2), 0.13);
        assert_eq!(round_to(2.0 / 3.0, 3), 0.667);
        assert!(round_to(-0.0001, 1).is_sign_positive());
    }
}
