//! The result classes: a Python view of `eqscore::findings`.
//!
//! They are plain Rust values until Python sees them, so `score_many` builds
//! them on worker threads without the GIL. Offsets are Python string indices
//! (code points), so `reply[e.start:e.end] == e.text`. `to_dict()` and
//! `to_json()` use the field names and rounding of `eqscore score --format
//! jsonl` (`pass`, points to two decimals); the attributes keep full
//! precision.

use eqscore::findings::{self, Polarity};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::offsets::CharIndex;

/// Rounds like the JSONL reporter: `decimals` places, never `-0.0`.
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale + 0.0
}

fn two_places<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*value, 2))
}

fn one_place<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round_to(*value, 1))
}

/// A span of the reply that a cue matched.
#[pyclass(module = "eqscore", frozen, get_all)]
#[derive(Clone, Serialize)]
pub struct Evidence {
    /// Start, a Python index into the reply.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// `reply[start:end]`.
    pub text: String,
    /// The id of the cue that matched.
    pub cue: String,
    /// The cue's strength, in (0, 1].
    #[serde(skip)]
    pub strength: f64,
}

#[pymethods]
impl Evidence {
    /// The JSONL evidence object: start, end, text, cue.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("text", &self.text)?;
        dict.set_item("cue", &self.cue)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Evidence(start={}, end={}, text={:?}, cue={:?})",
            self.start, self.end, self.text, self.cue
        )
    }
}

/// A cue match that a scope (negation, reported speech) cancelled.
#[pyclass(module = "eqscore", frozen, get_all)]
#[derive(Clone, Serialize)]
pub struct Suppressed {
    /// Start of the match, a Python index into the reply.
    pub start: usize,
    /// End of the match, exclusive.
    pub end: usize,
    /// The matched text.
    pub text: String,
    /// The cue that matched.
    pub cue: String,
    /// The scope that cancelled it, e.g. `negation`.
    pub scope: String,
    /// The text that triggered the scope, e.g. `don't`.
    pub trigger: String,
    /// Start of the trigger, a Python index.
    #[serde(skip)]
    pub trigger_start: usize,
    /// End of the trigger, exclusive.
    #[serde(skip)]
    pub trigger_end: usize,
}

#[pymethods]
impl Suppressed {
    /// The JSONL suppressed object: start, end, text, cue, scope, trigger.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("start", self.start)?;
        dict.set_item("end", self.end)?;
        dict.set_item("text", &self.text)?;
        dict.set_item("cue", &self.cue)?;
        dict.set_item("scope", &self.scope)?;
        dict.set_item("trigger", &self.trigger)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "Suppressed(text={:?}, cue={:?}, scope={:?}, trigger={:?})",
            self.text, self.cue, self.scope, self.trigger
        )
    }
}

/// How the reply fared on one criterion.
#[pyclass(module = "eqscore", frozen, get_all)]
#[derive(Clone, Serialize)]
pub struct CriterionScore {
    /// The criterion's id, e.g. `acknowledges_feelings`.
    pub id: String,
    /// `"expect"` (a move to make) or `"avoid"` (a behaviour to avoid).
    #[serde(skip)]
    pub polarity: &'static str,
    /// Whether a violation fails the reply outright.
    #[serde(skip)]
    pub fatal: bool,
    /// `expect`: a cue counted. `avoid`: no cue counted.
    pub met: bool,
    /// False when `applies_when` ruled the criterion out for this context.
    pub applicable: bool,
    /// Points earned, `0..=weight`.
    #[serde(serialize_with = "two_places")]
    pub points: f64,
    /// The criterion's weight.
    #[serde(skip)]
    pub weight: f64,
    /// The spans that counted.
    pub evidence: Vec<Evidence>,
    /// The matches a scope cancelled.
    pub suppressed: Vec<Suppressed>,
}

#[pymethods]
impl CriterionScore {
    /// The JSONL criterion object: id, met, applicable, points, evidence, suppressed.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("id", &self.id)?;
        dict.set_item("met", self.met)?;
        dict.set_item("applicable", self.applicable)?;
        dict.set_item("points", round_to(self.points, 2))?;
        let evidence: PyResult<Vec<_>> = self.evidence.iter().map(|e| e.to_dict(py)).collect();
        dict.set_item("evidence", PyList::new(py, evidence?)?)?;
        let suppressed: PyResult<Vec<_>> = self.suppressed.iter().map(|s| s.to_dict(py)).collect();
        dict.set_item("suppressed", PyList::new(py, suppressed?)?)?;
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!(
            "CriterionScore(id={:?}, met={}, applicable={}, points={:?}, evidence={})",
            self.id,
            py_bool(self.met),
            py_bool(self.applicable),
            self.points,
            self.evidence.len()
        )
    }
}

/// The judgement of one reply.
#[pyclass(module = "eqscore", frozen, get_all)]
#[derive(Clone, Serialize)]
pub struct ReplyScore {
    /// 0-100, one decimal.
    #[serde(serialize_with = "one_place")]
    pub score: f64,
    /// Score at least the rubric's threshold and no fatal criterion violated.
    #[serde(rename = "pass")]
    pub passed: bool,
    /// One entry per criterion, in rubric order.
    pub criteria: Vec<CriterionScore>,
}

#[pymethods]
impl ReplyScore {
    /// The criterion with this id, or `None`.
    fn criterion(&self, id: &str) -> Option<CriterionScore> {
        self.criteria.iter().find(|c| c.id == id).cloned()
    }

    fn __getitem__(&self, id: &str) -> PyResult<CriterionScore> {
        self.criterion(id)
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(id.to_owned()))
    }

    /// The JSONL reply record's scoring fields: score, pass, criteria.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("score", round_to(self.score, 1))?;
        dict.set_item("pass", self.passed)?;
        let criteria: PyResult<Vec<_>> = self.criteria.iter().map(|c| c.to_dict(py)).collect();
        dict.set_item("criteria", PyList::new(py, criteria?)?)?;
        Ok(dict)
    }

    /// `to_dict()` as one line of JSON, as `json.dumps(to_dict(), ensure_ascii=False)`
    /// would write it without spaces.
    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "ReplyScore(score={:?}, passed={})",
            self.score,
            py_bool(self.passed)
        )
    }
}

fn py_bool(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}

impl ReplyScore {
    /// The Python view of `score`, whose offsets are bytes into `reply`.
    pub fn new(reply: &str, score: findings::ReplyScore) -> ReplyScore {
        let index = CharIndex::new(reply, byte_offsets(&score));
        ReplyScore {
            score: score.score,
            passed: score.passed,
            criteria: score
                .criteria
                .into_iter()
                .map(|c| criterion(c, &index))
                .collect(),
        }
    }
}

/// Every byte offset in `score`, to convert in one pass.
fn byte_offsets(score: &findings::ReplyScore) -> Vec<usize> {
    let mut offsets = Vec::new();
    for c in &score.criteria {
        offsets.extend(c.evidence.iter().flat_map(|e| [e.start, e.end]));
        for s in &c.suppressed {
            offsets.extend([
                s.evidence.start,
                s.evidence.end,
                s.trigger_start,
                s.trigger_end,
            ]);
        }
    }
    offsets
}

fn criterion(c: findings::CriterionScore, index: &CharIndex) -> CriterionScore {
    CriterionScore {
        id: c.id.to_string(),
        polarity: match c.polarity {
            Polarity::Expect => "expect",
            Polarity::Avoid => "avoid",
        },
        fatal: c.fatal,
        met: c.met,
        applicable: c.applicable,
        points: c.points,
        weight: c.weight,
        evidence: c.evidence.into_iter().map(|e| evidence(e, index)).collect(),
        suppressed: c
            .suppressed
            .into_iter()
            .map(|s| suppressed(s, index))
            .collect(),
    }
}

fn evidence(e: findings::Evidence, index: &CharIndex) -> Evidence {
    Evidence {
        start: index.get(e.start),
        end: index.get(e.end),
        text: e.text,
        cue: e.cue.to_string(),
        strength: e.strength,
    }
}

fn suppressed(s: findings::Suppressed, index: &CharIndex) -> Suppressed {
    let e = evidence(s.evidence, index);
    Suppressed {
        start: e.start,
        end: e.end,
        text: e.text,
        cue: e.cue,
        scope: s.scope.to_string(),
        trigger: s.trigger,
        trigger_start: index.get(s.trigger_start),
        trigger_end: index.get(s.trigger_end),
    }
}
