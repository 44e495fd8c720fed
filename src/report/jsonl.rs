//! The JSON Lines format: one JSON object per scored reply, for pipelines.
//!
//! The objects written here are also the `results` of the [`json`](super::json)
//! format, so this file defines them for both.
//!
//! # Format
//!
//! This format is API: tools parse it. Fields are only ever added, never
//! renamed or removed without a major version.
//!
//! Each line is one [JSON Lines](https://jsonlines.org/) record for one reply,
//! in input order. There are no header or footer lines; an empty input gives
//! empty output. Output is UTF-8; text from the reply appears as is (Chinese
//! included), with JSON's escapes for quotes, backslashes and control
//! characters. Fields always appear in the order listed.
//!
//! ## Reply record
//!
//! * **schema_version** - the version of this format,
//!   [`SCHEMA_VERSION`], now `1`. It changes only
//!   when a field changes meaning or goes away, not when one is added.
//! * **id** - the record's own id as a string, or `null` when it has none.
//! * **source** - where the reply came from: `"<path>:<line>"`, with the path
//!   as the user gave it (or `<stdin>`, `<text>`) and the 1-based line.
//! * **turn** - the index of the scored message within the record's
//!   `messages`, or `null` for single-reply records.
//! * **score** - 0–100, one decimal.
//! * **pass** - whether the reply passed: score at least the threshold and no
//!   fatal criterion violated.
//! * **truncated** - `true` when the reply was over `--max-reply-bytes` and
//!   only its first part was scored (`--long-replies truncate`); evidence
//!   offsets are then offsets into that part. Absent otherwise (added in
//!   schema version 1, compatibly: readers that do not know it lose nothing).
//! * **criteria** - one [criterion object](#criterion-object) per criterion,
//!   in rubric order.
//!
//! ## Criterion object
//!
//! * **id** - the criterion's id.
//! * **met** - `expect` criteria: a cue counted. `avoid` criteria: no cue counted.
//! * **applicable** - `false` when `applies_when` ruled the criterion out;
//!   it then earns no points and its weight leaves the total.
//! * **points** - points earned, between 0 and the weight, two decimals.
//! * **evidence** - the [spans](#evidence-object) that counted: they earned
//!   points (`expect`) or lost them (`avoid`).
//! * **suppressed** - the [spans](#suppressed-object) a cue matched but a
//!   scope (negation, reported speech) cancelled.
//!
//! ## Evidence object
//!
//! * **start**, **end** - byte offsets of the span in the original reply,
//!   `end` exclusive.
//! * **text** - the span's text, `reply[start..end]`.
//! * **cue** - the id of the cue that matched.
//!
//! ## Suppressed object
//!
//! * **start**, **end**, **text**, **cue** - as in an evidence object.
//! * **scope** - the scope that cancelled the match, e.g. `negation`.
//! * **trigger** - the text that triggered the scope, e.g. `don't`.
//!
//! ## Example
//!
//! One record, wrapped here for reading (it is one line in the output):
//!
//! ```json
//! {"schema_version":1,"id":"t-001","source":"samples/chats.jsonl:3","turn":1,"score":90.0,"pass":true,
//!  "criteria":[{"id":"acknowledges_feelings","met":true,"applicable":true,"points":2.0,
//!    "evidence":[{"start":0,"end":41,"text":"It sounds like you're really disappointed","cue":"sounds_like_feeling"}],
//!    "suppressed":[{"start":52,"end":57,"text":"upset","cue":"emotion_word","scope":"negation","trigger":"Don't"}]}]}
//! ```

use std::io::{self, Write};

use serde::Serialize;

use super::{Reporter, RubricInfo, SCHEMA_VERSION, Summary, round_to};
use crate::findings::{CriterionScore, Evidence, ReplyScore, Suppressed};
use crate::transcript::ReplyItem;

/// Writes one JSON object per reply, one per line.
#[derive(Debug)]
pub struct JsonlReporter<W> {
    out: W,
}

impl<W: Write> JsonlReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonlReporter { out }
    }
}

impl<W: Write> Reporter for JsonlReporter<W> {
    fn start(&mut self, _rubric: &RubricInfo) -> io::Result<()> {
        Ok(())
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, &ReplyRecord::new(item, score))?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// A [reply record](self#reply-record) on the wire.
#[derive(Serialize)]
pub(super) struct ReplyRecord<'a> {
    schema_version: u32,
    id: Option<&'a str>,
    source: String,
    turn: Option<usize>,
    score: f64,
    pass: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    criteria: Vec<CriterionRecord<'a>>,
}

impl<'a> ReplyRecord<'a> {
    pub(super) fn new(item: &'a ReplyItem, score: &'a ReplyScore) -> Self {
        ReplyRecord {
            schema_version: SCHEMA_VERSION,
            id: item.id.as_deref(),
            source: format!("{}:{}", item.source.path, item.source.line),
            turn: item.turn,
            score: round_to(score.score, 1),
            pass: score.passed,
            truncated: item.truncated,
            criteria: score.criteria.iter().map(CriterionRecord::new).collect(),
        }
    }
}

/// A [criterion object](self#criterion-object) on the wire.
#[derive(Serialize)]
struct CriterionRecord<'a> {
    id: &'a str,
    met: bool,
    applicable: bool,
    points: f64,
    evidence: Vec<EvidenceRecord<'a>>,
    suppressed: Vec<SuppressedRecord<'a>>,
}

impl<'a> CriterionRecord<'a> {
    fn new(criterion: &'a CriterionScore) -> Self {
        CriterionRecord {
            id: &criterion.id,
            met: criterion.met,
            applicable: criterion.applicable,
            points: round_to(criterion.points, 2),
            evidence: criterion.evidence.iter().map(EvidenceRecord::new).collect(),
            suppressed: criterion
                .suppressed
                .iter()
                .map(SuppressedRecord::new)
                .collect(),
        }
    }
}

/// An [evidence object](self#evidence-object) on the wire; other JSON outputs
/// (`eqscore calibrate --format json`) write evidence the same way.
#[derive(Serialize)]
pub struct EvidenceRecord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    cue: &'a str,
}

impl<'a> EvidenceRecord<'a> {
    /// The wire form of `evidence`.
    pub fn new(evidence: &'a Evidence) -> Self {
        EvidenceRecord {
            start: evidence.start,
            end: evidence.end,
            text: &evidence.text,
            cue: &evidence.cue,
        }
    }
}

/// A [suppressed object](self#suppressed-object) on the wire.
#[derive(Serialize)]
pub struct SuppressedRecord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    cue: &'a str,
    scope: &'a str,
    trigger: &'a str,
}

impl<'a> SuppressedRecord<'a> {
    /// The wire form of `suppressed`.
    pub fn new(suppressed: &'a Suppressed) -> Self {
        let evidence = &suppressed.evidence;
        SuppressedRecord {
            start: evidence.start,
            end: evidence.end,
            text: &evidence.text,
            cue: &evidence.cue,
            scope: &suppressed.scope,
            trigger: &suppressed.trigger,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};

    const EXPECTED: &str = concat!(
        r#"{"schema_version":1,"id":"t-001","source":"samples/chats.jsonl:3","turn":1,"score":90.0,"pass":true,"criteria":["#,
        r#"{"id":"acknowledges_feelings","met":true,"applicable":true,"points":2.0,"#,
        r#""evidence":[{"start":0,"end":41,"text":"It sounds like you're really disappointed","cue":"sounds_like_feeling"}],"#,
        r#""suppressed":[{"start":52,"end":57,"text":"upset","cue":"emotion_word","scope":"negation","trigger":"Don't"}]},"#,
        r#"{"id":"offers_help","met":true,"applicable":true,"points":0.5,"#,
        r#""evidence":[{"start":59,"end":81,"text":"we can fix it together","cue":"fix_together"}],"suppressed":[]},"#,
        r#"{"id":"avoids_aggression","met":true,"applicable":true,"points":2.0,"evidence":[],"suppressed":[]}]}"#,
        "\n",
        r#"{"schema_version":1,"id":null,"source":"<stdin>:7","turn":null,"score":0.0,"pass":false,"criteria":["#,
        r#"{"id":"acknowledges_feelings","met":false,"applicable":true,"points":0.0,"evidence":[],"suppressed":[]},"#,
        r#"{"id":"offers_help","met":false,"applicable":false,"points":0.0,"evidence":[],"suppressed":[]},"#,
        r#"{"id":"avoids_aggression","met":false,"applicable":true,"points":0.0,"#,
        r#""evidence":[{"start":12,"end":18,"text":"白痴","cue":"insult_zh"}],"suppressed":[]}]}"#,
        "\n",
    );

    #[test]
    fn writes_one_exact_line_per_reply() {
        let output = fixture::render(Format::Jsonl, ReportOptions::default());
        assert_eq!(output, EXPECTED);
    }

    #[test]
    fn explain_changes_nothing() {
        let output = fixture::render(Format::Jsonl, ReportOptions { explain: true });
        assert_eq!(output, EXPECTED);
    }

    #[test]
    fn no_replies_no_output() {
        let output = fixture::render_with(
            Format::Jsonl,
            ReportOptions::default(),
            &fixture::rubric(),
            &[],
        );
        assert_eq!(output, "");
    }

    #[test]
    fn every_line_parses_and_keeps_awkward_text() {
        let (item, score) = fixture::awkward();
        let output = fixture::render_with(
            Format::Jsonl,
            ReportOptions::default(),
            &fixture::rubric(),
            &[(item, score)],
        );
        assert_eq!(output.lines().count(), 1);
        let record: serde_json::Value = serde_json::from_str(output.trim_end()).unwrap();
        assert_eq!(record["id"], fixture::AWKWARD_ID);
        let evidence = &record["criteria"][0]["evidence"][0];
        assert_eq!(evidence["text"], fixture::AWKWARD_TEXT);
        assert_eq!(record["criteria"][0]["points"], 0.33);
    }
}
