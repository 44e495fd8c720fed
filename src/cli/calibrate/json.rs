//! The JSON report of `eqscore calibrate`: one document, for pipelines.
//!
//! # Format
//!
//! This format is API; fields are only ever added. It is documented in
//! docs/calibration.md ("JSON output"); keep the two in step. Fields appear
//! in this order:
//!
//! ```text
//! {"rubric": {"name", "version", "threshold", "source"},
//!  "labels": path, "replies": count, "top": N,
//!  "criteria": [{"id", "polarity", <metrics>, "false_positives": [example],
//!                "false_negatives": [example]}],
//!  "pass": null | {"threshold", <metrics>, "best": null | {"threshold", <metrics>}}}
//! <metrics>: "n", "positives", "fired", "tp", "fp", "fn", "tn",
//!            "accuracy", "precision", "recall", "f1", "kappa"
//! example: {"id", "source", "lang", "reply",
//!           "evidence": [{"start", "end", "text", "cue"}],
//!           "suppressed": [{"start", "end", "text", "cue", "scope", "trigger"}]}
//! ```
//!
//! Ratios are rounded to four decimals and are `null` when undefined.

use std::io::{self, Write};

use eqscore::Polarity;
use eqscore::calibrate::{
    Calibration, Confusion, CriterionAgreement, Example, PassAgreement, ThresholdChoice,
};
use eqscore::report::jsonl::{EvidenceRecord, SuppressedRecord};
use serde::Serialize;

use super::Header;

/// Writes the document and a final newline.
pub fn write(
    out: &mut dyn Write,
    header: &Header<'_>,
    calibration: &Calibration,
) -> io::Result<()> {
    let rubric = header.rubric.scorer.rubric();
    let document = Document {
        rubric: RubricRecord {
            name: &rubric.name,
            version: &rubric.version,
            threshold: rubric.threshold,
            source: &header.rubric.name,
        },
        labels: header.labels,
        replies: calibration.replies,
        top: header.top,
        criteria: calibration
            .criteria
            .iter()
            .map(CriterionRecord::new)
            .collect(),
        pass: calibration.pass.as_ref().map(PassRecord::new),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[derive(Serialize)]
struct Document<'a> {
    rubric: RubricRecord<'a>,
    labels: &'a str,
    replies: u64,
    top: usize,
    criteria: Vec<CriterionRecord<'a>>,
    pass: Option<PassRecord>,
}

#[derive(Serialize)]
struct RubricRecord<'a> {
    name: &'a str,
    version: &'a str,
    threshold: f64,
    source: &'a str,
}

#[derive(Serialize)]
struct CriterionRecord<'a> {
    id: &'a str,
    polarity: Polarity,
    #[serde(flatten)]
    metrics: Metrics,
    false_positives: Vec<ExampleRecord<'a>>,
    false_negatives: Vec<ExampleRecord<'a>>,
}

impl<'a> CriterionRecord<'a> {
    fn new(criterion: &'a CriterionAgreement) -> Self {
        CriterionRecord {
            id: &criterion.id,
            polarity: criterion.polarity,
            metrics: Metrics::new(&criterion.confusion),
            false_positives: criterion
                .false_positives
                .iter()
                .map(ExampleRecord::new)
                .collect(),
            false_negatives: criterion
                .false_negatives
                .iter()
                .map(ExampleRecord::new)
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct PassRecord {
    threshold: f64,
    #[serde(flatten)]
    metrics: Metrics,
    best: Option<BestRecord>,
}

impl PassRecord {
    fn new(pass: &PassAgreement) -> Self {
        PassRecord {
            threshold: pass.threshold,
            metrics: Metrics::new(&pass.confusion),
            best: pass.best.as_ref().map(BestRecord::new),
        }
    }
}

#[derive(Serialize)]
struct BestRecord {
    threshold: u32,
    #[serde(flatten)]
    metrics: Metrics,
}

impl BestRecord {
    fn new(best: &ThresholdChoice) -> Self {
        BestRecord {
            threshold: best.threshold,
            metrics: Metrics::new(&best.confusion),
        }
    }
}

/// The counts and ratios of a confusion matrix.
#[derive(Serialize)]
struct Metrics {
    n: u64,
    positives: u64,
    fired: u64,
    tp: u64,
    fp: u64,
    #[serde(rename = "fn")]
    fn_: u64,
    tn: u64,
    accuracy: Option<f64>,
    precision: Option<f64>,
    recall: Option<f64>,
    f1: Option<f64>,
    kappa: Option<f64>,
}

impl Metrics {
    fn new(c: &Confusion) -> Self {
        let round = |value: Option<f64>| value.map(|v| (v * 10_000.0).round() / 10_000.0);
        Metrics {
            n: c.n(),
            positives: c.positives(),
            fired: c.fired(),
            tp: c.tp,
            fp: c.fp,
            fn_: c.fn_,
            tn: c.tn,
            accuracy: round(c.accuracy()),
            precision: round(c.precision()),
            recall: round(c.recall()),
            f1: round(c.f1()),
            kappa: round(c.kappa()),
        }
    }
}

#[derive(Serialize)]
struct ExampleRecord<'a> {
    id: Option<&'a str>,
    source: String,
    lang: Option<&'a str>,
    reply: &'a str,
    evidence: Vec<EvidenceRecord<'a>>,
    suppressed: Vec<SuppressedRecord<'a>>,
}

impl<'a> ExampleRecord<'a> {
    fn new(example: &'a Example) -> Self {
        ExampleRecord {
            id: example.id.as_deref(),
            source: format!("{}:{}", example.source.path, example.source.line),
            lang: example.lang.as_deref(),
            reply: &example.reply,
            evidence: example.evidence.iter().map(EvidenceRecord::new).collect(),
            suppressed: example
                .suppressed
                .iter()
                .map(SuppressedRecord::new)
                .collect(),
        }
    }
}
