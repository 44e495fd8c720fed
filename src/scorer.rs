//! Scoring one reply against a compiled rubric.
//!
//! The pipeline per reply: normalize the text, find which cues occur in one
//! pass, find the spans of those, drop the ones a scope cancels, then add up
//! points per criterion. Nothing here allocates per cue that did not match.

use std::path::Path;
use std::sync::Arc;

use crate::error::{Error, ErrorKind, Result};
use crate::evasion;
use crate::findings::{CriterionScore, Evidence, Polarity, ReplyScore, Suppressed};
use crate::matcher::CueSet;
use crate::normalize::Normalized;
use crate::rubric::compile::{CompiledRubric, Criterion, compile};
use crate::rubric::raw::RubricFile;
use crate::rubric::{self, BUILTIN_EMPATHY, BUILTIN_ORIGIN};

/// A compiled rubric, ready to score replies. Cheap to share: `Send + Sync`,
/// and a clone shares the compiled rubric (no second compile).
#[derive(Debug, Clone)]
pub struct Scorer {
    rubric: Arc<CompiledRubric>,
    /// The rubric as written with another threshold, once
    /// [`with_threshold`](Scorer::with_threshold) has set one.
    retuned: Option<Arc<RubricFile>>,
}

impl Scorer {
    /// The built-in `empathy` rubric.
    pub fn builtin() -> Result<Scorer> {
        Scorer::from_json(BUILTIN_EMPATHY, BUILTIN_ORIGIN)
    }

    /// Reads and compiles the rubric at `path`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Scorer> {
        let path = path.as_ref();
        let text = rubric::read_file(path)?;
        Scorer::from_json(&text, &path.display().to_string())
    }

    /// Compiles rubric JSON; `origin` names it in error messages.
    pub fn from_json(text: &str, origin: &str) -> Result<Scorer> {
        let file = rubric::parse(text, origin)?;
        let rubric = compile(file, origin, text)?;
        Ok(Scorer::new(rubric))
    }

    /// Compiles an already parsed rubric.
    pub fn from_file(file: RubricFile) -> Result<Scorer> {
        let origin = file.name.clone();
        let rubric = compile(file, &origin, "")?;
        Ok(Scorer::new(rubric))
    }

    /// The same scorer with another pass threshold, e.g. from a command-line
    /// override. [`rubric`](Scorer::rubric) then reports the new threshold.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Usage`] when `threshold` is not a score in `0..=100`.
    pub fn with_threshold(mut self, threshold: f64) -> Result<Scorer> {
        if !(0.0..=100.0).contains(&threshold) {
            let message = format!("threshold {threshold} is out of range 0..=100");
            return Err(Error::new(ErrorKind::Usage, message));
        }
        let mut file = self.rubric().clone();
        file.threshold = threshold;
        self.retuned = Some(Arc::new(file));
        Ok(self)
    }

    fn new(rubric: CompiledRubric) -> Scorer {
        Scorer {
            rubric: Arc::new(rubric),
            retuned: None,
        }
    }

    /// The rubric as written, for explaining and testing it.
    pub fn rubric(&self) -> &RubricFile {
        self.retuned.as_deref().unwrap_or(&self.rubric.file)
    }

    /// Scores `reply`, answering the user's message `context` when known.
    ///
    /// Any text is accepted, of any length: there is no limit here, and the
    /// time and memory taken grow linearly with `reply` and `context` (the
    /// automata search in linear time, scope windows look back a bounded
    /// distance). A caller reading untrusted input bounds it first, as the
    /// transcript readers do with [`ReadOptions::max_reply_bytes`].
    ///
    /// [`ReadOptions::max_reply_bytes`]: crate::transcript::ReadOptions::max_reply_bytes
    pub fn score(&self, reply: &str, context: Option<&str>) -> ReplyScore {
        let normalized = Normalized::new(reply);
        let found = self.rubric.cues.which(normalized.text());
        // Disguised insults are looked for only where a reply must avoid them.
        let unmasked = evasion::unmask(&normalized).map(|view| {
            let found = self.rubric.cues.which(view.text());
            (view, found)
        });
        let context = context.filter(|c| !c.trim().is_empty());
        let mut signals = SignalMemo::default();
        let criteria: Vec<CriterionScore> = self
            .rubric
            .criteria
            .iter()
            .map(|criterion| {
                let applicable = self.applies(criterion, context, &mut signals);
                let mut hits = find_hits(
                    &self.rubric,
                    &self.rubric.cues,
                    criterion.cues.clone(),
                    &found,
                    &normalized,
                    reply,
                );
                if let (Polarity::Avoid, Some((view, found))) = (criterion.polarity, &unmasked) {
                    let (evidence, suppressed) = find_hits(
                        &self.rubric,
                        &self.rubric.cues,
                        criterion.cues.clone(),
                        found,
                        view,
                        reply,
                    );
                    hits.0.extend(evidence);
                    hits.1.extend(suppressed);
                    hits = tidy(hits.0, hits.1);
                }
                judge(criterion, applicable, hits)
            })
            .collect();
        let (earned, possible) = criteria
            .iter()
            .filter(|c| c.applicable)
            .fold((0.0, 0.0), |(e, p), c| (e + c.points, p + c.weight));
        let score = if possible > 0.0 {
            // Divide first: `100.0 * earned` overflows for weights near f64::MAX.
            round1(100.0 * (earned / possible))
        } else {
            100.0
        };
        let fatal = criteria.iter().any(|c| c.fatal && c.applicable && !c.met);
        let passed = score >= self.rubric().threshold && !fatal;
        ReplyScore {
            score,
            passed,
            criteria,
        }
    }

    fn applies(&self, criterion: &Criterion, context: Option<&str>, memo: &mut SignalMemo) -> bool {
        let Some((signal, without_context)) = criterion.applies_when else {
            return true;
        };
        match context {
            None => without_context,
            Some(context) => memo.present(&self.rubric, signal, context),
        }
    }
}

/// Which signals the context shows, worked out once per reply and only if asked.
#[derive(Default)]
struct SignalMemo {
    present: Option<Vec<bool>>,
}

impl SignalMemo {
    fn present(&mut self, rubric: &CompiledRubric, signal: usize, context: &str) -> bool {
        let present = self.present.get_or_insert_with(|| {
            let normalized = Normalized::new(context);
            let found = rubric.signal_cues.which(normalized.text());
            rubric
                .signals
                .iter()
                .map(|s| {
                    !find_hits(
                        rubric,
                        &rubric.signal_cues,
                        s.cues.clone(),
                        &found,
                        &normalized,
                        context,
                    )
                    .0
                    .is_empty()
                })
                .collect()
        });
        present.get(signal).copied().unwrap_or(false)
    }
}

/// The counted and the cancelled matches of a range of cues.
type Hits = (Vec<Evidence>, Vec<Suppressed>);

fn find_hits(
    rubric: &CompiledRubric,
    set: &CueSet,
    cues: std::ops::Range<usize>,
    found: &[bool],
    normalized: &Normalized,
    original: &str,
) -> Hits {
    let mut evidence = Vec::new();
    let mut suppressed = Vec::new();
    let hit_cues = cues
        .filter(|&i| found.get(i) == Some(&true))
        .filter_map(|i| set.cues().get(i));
    for cue in hit_cues {
        let text = normalized.text();
        for (start, end) in cue
            .spans(text)
            .into_iter()
            .map(|(s, e)| trim_span(text, s, e))
        {
            let (s, e) = normalized.original_span(start, end);
            // The offset map gives char boundaries of the original.
            let Some(hit_text) = original.get(s..e) else {
                continue;
            };
            let hit = Evidence {
                start: s,
                end: e,
                text: hit_text.to_string(),
                cue: Arc::clone(&cue.id),
                strength: cue.strength,
            };
            let cancelled = cue.scopes.iter().find_map(|&scope| {
                let scope = rubric.scopes.get(scope)?;
                scope.trigger_before(text, start).map(|t| (scope, t))
            });
            match cancelled {
                None => evidence.push(hit),
                Some((scope, (ts, te))) => {
                    let (ts, te) = normalized.original_span(ts, te);
                    suppressed.push(Suppressed {
                        evidence: hit,
                        scope: Arc::clone(&scope.name),
                        trigger_start: ts,
                        trigger_end: te,
                        trigger: original.get(ts..te).unwrap_or_default().to_string(),
                    });
                }
            }
        }
    }
    tidy(evidence, suppressed)
}

/// Narrows a match to its words: a cue that must begin at a clause start
/// matches the punctuation before it (`". Have you"`), which is no evidence.
/// A match of nothing but punctuation (`"?"`) is kept as it is.
fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let Some(span) = text.get(start..end) else {
        return (start, end);
    };
    let is_filler =
        |c: char| c.is_whitespace() || (c.is_ascii_punctuation() || is_cjk_punctuation(c));
    let trimmed = span.trim_start_matches(is_filler);
    if trimmed.is_empty() {
        return (start, end);
    }
    let start = end - trimmed.len();
    let kept = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '，');
    (start, start + kept.len())
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// Orders hits by position and drops those inside a stronger or equal hit of
/// the same criterion, so "sounds like you're upset" is one piece of evidence,
/// not three. A cancelled match that overlaps a counted one says nothing new
/// and is dropped too.
fn tidy(mut evidence: Vec<Evidence>, mut suppressed: Vec<Suppressed>) -> Hits {
    evidence.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.strength.total_cmp(&a.strength))
    });
    let mut kept: Vec<Evidence> = Vec::with_capacity(evidence.len());
    for hit in evidence {
        let covered = kept
            .iter()
            .any(|k| k.start <= hit.start && hit.end <= k.end && k.strength >= hit.strength);
        if !covered {
            kept.push(hit);
        }
    }
    suppressed.retain(|s| {
        !kept
            .iter()
            .any(|k| k.start < s.evidence.end && s.evidence.start < k.end)
    });
    suppressed.sort_by_key(|s| (s.evidence.start, s.evidence.end));
    (kept, suppressed)
}

fn judge(criterion: &Criterion, applicable: bool, (evidence, suppressed): Hits) -> CriterionScore {
    let strength = evidence.iter().map(|e| e.strength).fold(0.0, f64::max);
    let (met, earned) = match criterion.polarity {
        Polarity::Expect => (!evidence.is_empty(), strength),
        Polarity::Avoid => (evidence.is_empty(), 1.0 - strength),
    };
    CriterionScore {
        id: Arc::clone(&criterion.id),
        polarity: criterion.polarity,
        fatal: criterion.fatal,
        met,
        applicable,
        points: if applicable {
            criterion.weight * earned
        } else {
            0.0
        },
        weight: criterion.weight,
        evidence,
        suppressed,
    }
}

/// "No such file" reads "no such file" after our colon.
fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
#[path = "scorer_tests.rs"]
mod tests;
