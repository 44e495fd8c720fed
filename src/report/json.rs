//! The JSON format: one document with the rubric, every result and a summary.
//!
//! The document is streamed: the head is written by `start`, each result as it
//! is scored, the summary by `finish`. Nothing but a count is kept in memory,
//! so the output is only valid JSON once `finish` has run.
//!
//! # Format
//!
//! This format is API: tools parse it. Fields are only ever added, never
//! renamed or removed without a major version.
//!
//! The output is one JSON object, UTF-8, with four fields in this order:
//!
//! * **schema_version** - the version of this format and of the records in
//!   `results`, [`SCHEMA_VERSION`], now `1`.
//! * **rubric** - the rubric that scored the replies:
//!   * **name** - its short name.
//!   * **version** - its own version string.
//!   * **threshold** - the score a reply needs to pass, 0–100.
//! * **results** - one object per reply, in input order, exactly the
//!   [reply records](super::jsonl#reply-record) of the JSON Lines format
//!   (each with its own `schema_version`, equal to the document's).
//! * **summary** - totals over all replies:
//!   * **count** - number of replies.
//!   * **passed**, **failed** - how many passed and failed; they add up to `count`.
//!   * **mean_score** - the mean score, one decimal; `0.0` when there are no replies.
//!   * **criteria** - an object from each criterion id, in rubric order, to its
//!     met rate: the share of the replies it applied to that met it, 0–1 with
//!     three decimals, or `null` when it applied to none.
//!   * **skipped** - records and files that could not be read and were skipped
//!     (`eqscore score --keep-going`): **count**, and **first**, the first ten as
//!     `{"source": "path:line", "reason": "..."}` (`source` is just the path for a
//!     whole file). `{"count":0,"first":[]}` when nothing was skipped.
//!
//! The layout is fixed so the file also reads well: each field of the top-level
//! object and each result is on its own line, and everything inside them is
//! compact. Parse it as JSON; do not rely on the line breaks.
//!
//! ## Example
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "rubric": {"name":"empathy","version":"1.2.0","threshold":70.0},
//!   "results": [
//!     {"schema_version":1,"id":"t-001","source":"samples/chats.jsonl:3","turn":1,"score":90.0,"pass":true,"criteria":[...]},
//!     {"schema_version":1,"id":null,"source":"<stdin>:7","turn":null,"score":0.0,"pass":false,"criteria":[...]}
//!   ],
//!   "summary": {"count":2,"passed":1,"failed":1,"mean_score":45.0,"criteria":{"acknowledges_feelings":0.5,"offers_help":1.0,"avoids_aggression":0.5},"skipped":{"count":0,"first":[]}}
//! }
//! ```

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::jsonl::ReplyRecord;
use super::{CriterionTally, Reporter, RubricInfo, SCHEMA_VERSION, Summary, round_to};
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// Writes one JSON document, streaming each result as it comes.
#[derive(Debug)]
pub struct JsonReporter<W> {
    out: W,
    results: usize,
}

impl<W: Write> JsonReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonReporter { out, results: 0 }
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        write!(
            self.out,
            "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"rubric\": "
        )?;
        serde_json::to_writer(&mut self.out, &RubricRecord::new(rubric))?;
        self.out.write_all(b",\n  \"results\": [")
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        let separator: &[u8] = if self.results == 0 {
            b"\n    "
        } else {
            b",\n    "
        };
        self.out.write_all(separator)?;
        serde_json::to_writer(&mut self.out, &ReplyRecord::new(item, score))?;
        self.results += 1;
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let close: &[u8] = if self.results == 0 { b"]" } else { b"\n  ]" };
        self.out.write_all(close)?;
        self.out.write_all(b",\n  \"summary\": ")?;
        serde_json::to_writer(&mut self.out, &SummaryRecord::new(summary))?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}

/// The `rubric` field on the wire.
#[derive(Serialize)]
struct RubricRecord<'a> {
    name: &'a str,
    version: &'a str,
    threshold: f64,
}

impl<'a> RubricRecord<'a> {
    fn new(rubric: &'a RubricInfo) -> Self {
        RubricRecord {
            name: &rubric.name,
            version: &rubric.version,
            threshold: rubric.threshold,
        }
    }
}

/// The `summary` field on the wire.
#[derive(Serialize)]
struct SummaryRecord<'a> {
    count: usize,
    passed: usize,
    failed: usize,
    mean_score: f64,
    criteria: MetRates<'a>,
    skipped: SkippedRecord<'a>,
}

/// The `summary.skipped` field on the wire.
#[derive(Serialize)]
struct SkippedRecord<'a> {
    count: usize,
    first: Vec<SkippedEntry<'a>>,
}

/// One of `summary.skipped.first`.
#[derive(Serialize)]
struct SkippedEntry<'a> {
    source: &'a str,
    reason: &'a str,
}

impl<'a> SummaryRecord<'a> {
    fn new(summary: &'a Summary) -> Self {
        SummaryRecord {
            count: summary.count,
            passed: summary.passed,
            failed: summary.failed,
            mean_score: summary.mean_score,
            criteria: MetRates(&summary.criteria),
            skipped: SkippedRecord {
                count: summary.skipped.count,
                first: summary
                    .skipped
                    .first
                    .iter()
                    .map(|skip| SkippedEntry {
                        source: &skip.source,
                        reason: &skip.reason,
                    })
                    .collect(),
            },
        }
    }
}

/// `{"<id>": <met rate or null>, ...}` in rubric order (a map type would sort it).
struct MetRates<'a>(&'a [CriterionTally]);

impl Serialize for MetRates<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(|tally| (&tally.id, tally.met_rate().map(|rate| round_to(rate, 3)))),
        )
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::fixture;
    use super::super::{Format, ReportOptions};

    fn parse(output: &str) -> Value {
        serde_json::from_str(output).expect("the output is one valid JSON document")
    }

    #[test]
    fn writes_rubric_results_and_summary() {
        let doc = parse(&fixture::render(Format::Json, ReportOptions::default()));
        assert_eq!(
            doc["rubric"],
            json!({"name": "empathy", "version": "1.2.0", "threshold": 70.0})
        );
        let summary = json!({
            "count": 2, "passed": 1, "failed": 1, "mean_score": 45.0,
            "criteria": {"acknowledges_feelings": 0.5, "offers_help": 1.0, "avoids_aggression": 0.5},
            "skipped": {"count": 0, "first": []},
        });
        assert_eq!(doc["summary"], summary);
    }

    #[test]
    fn results_are_the_jsonl_records() {
        let doc = parse(&fixture::render(Format::Json, ReportOptions::default()));
        let jsonl = fixture::render(Format::Jsonl, ReportOptions::default());
        let records: Vec<Value> = jsonl.lines().map(parse).collect();
        assert_eq!(doc["results"], Value::Array(records));
        assert_eq!(
            doc["results"][1]["criteria"][2]["evidence"][0]["text"],
            "白痴"
        );
    }

    #[test]
    fn one_result_per_line() {
        let output = fixture::render(Format::Json, ReportOptions::default());
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), 9);
        assert_eq!(
            lines[..4],
            [
                "{",
                r#"  "schema_version": 1,"#,
                r#"  "rubric": {"name":"empathy","version":"1.2.0","threshold":70.0},"#,
                r#"  "results": ["#,
            ]
        );
        assert!(lines[4].starts_with(r#"    {"schema_version":1,"id":"t-001","#));
        assert!(lines[4].ends_with("]},"));
        assert!(
            lines[5].starts_with(r#"    {"schema_version":1,"id":null,"#)
                && lines[5].ends_with("]}")
        );
        assert_eq!(lines[6], "  ],");
        // Rates in rubric order, not sorted by id.
        assert_eq!(
            lines[7],
            concat!(
                r#"  "summary": {"count":2,"passed":1,"failed":1,"mean_score":45.0,"criteria":"#,
                r#"{"acknowledges_feelings":0.5,"offers_help":1.0,"avoids_aggression":0.5},"#,
                r#""skipped":{"count":0,"first":[]}}"#,
            )
        );
        assert_eq!(lines[8], "}");
    }

    #[test]
    fn no_replies_is_still_valid() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(Format::Json, ReportOptions::default(), &rubric, &[]);
        let doc = parse(&output);
        assert_eq!(doc["results"], json!([]));
        assert_eq!(doc["summary"]["count"], 0);
        assert_eq!(doc["summary"]["mean_score"], 0.0);
        assert_eq!(doc["summary"]["criteria"]["offers_help"], Value::Null);
    }

    #[test]
    fn awkward_text_stays_valid_json() {
        let replies = [fixture::awkward(), fixture::awkward()];
        let rubric = fixture::rubric();
        let output =
            fixture::render_with(Format::Json, ReportOptions::default(), &rubric, &replies);
        let doc = parse(&output);
        for result in doc["results"].as_array().unwrap() {
            assert_eq!(result["id"], fixture::AWKWARD_ID);
            assert_eq!(
                result["criteria"][0]["evidence"][0]["text"],
                fixture::AWKWARD_TEXT
            );
        }
        // 1/3 rounded to two decimals; a criterion that never applied has no rate.
        assert_eq!(doc["results"][0]["criteria"][0]["points"], 0.33);
        assert_eq!(doc["summary"]["criteria"]["offers_help"], Value::Null);
        assert_eq!(doc["summary"]["mean_score"], 66.7);
    }

    #[test]
    fn summary_rates_have_three_decimals() {
        let mut replies = fixture::replies();
        replies.push(fixture::replies().remove(1));
        let rubric = fixture::rubric();
        let output =
            fixture::render_with(Format::Json, ReportOptions::default(), &rubric, &replies);
        let rates = &parse(&output)["summary"]["criteria"];
        // Met by the first reply only, of three that it applied to.
        assert_eq!(rates["acknowledges_feelings"], 0.333);
        assert_eq!(rates["offers_help"], 1.0);
    }
}
