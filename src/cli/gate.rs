//! The CI gates of `eqscore score`: when a run as a whole fails (exit 1).
//!
//! Without gates a run fails when any reply fails. `--min-pass-rate R` replaces
//! that rule: the run fails only when fewer than `R` of the replies pass.
//! `--fail-on ID,...` adds one: the run fails when any reply leaves one of those
//! criteria unmet where it applied, even if the reply passed. A run with no
//! replies never fails.
//!
//! The gate only watches scores go by and decides at the end; it changes no
//! score and no report.

use eqscore::ReplyScore;
use eqscore::report::Summary;
use eqscore::{Error, ErrorKind};

/// What decides the exit code of a run, and what it has seen so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// The least share of replies that must pass, 0..=1; `None`: all must.
    min_pass_rate: Option<f64>,
    /// Criteria that no reply may leave unmet, with how many replies did.
    fail_on: Vec<(String, usize)>,
}

impl Gate {
    /// A gate for a rubric with these criterion ids.
    ///
    /// # Errors
    ///
    /// A usage error when `fail_on` names a criterion the rubric lacks; the
    /// message lists the valid ids.
    pub fn new(
        min_pass_rate: Option<f64>,
        fail_on: &[String],
        criteria: &[&str],
    ) -> Result<Gate, Error> {
        let mut watched: Vec<(String, usize)> = Vec::new();
        for id in fail_on {
            if !criteria.contains(&id.as_str()) {
                let message = format!(
                    "--fail-on: unknown criterion `{id}` (valid ids: {})",
                    criteria.join(", ")
                );
                return Err(Error::new(ErrorKind::Usage, message));
            }
            if !watched.iter().any(|(seen, _)| seen == id) {
                watched.push((id.clone(), 0));
            }
        }
        Ok(Gate {
            min_pass_rate,
            fail_on: watched,
        })
    }

    /// Notes one scored reply.
    pub fn observe(&mut self, score: &ReplyScore) {
        for (id, unmet) in &mut self.fail_on {
            let missed = score
                .criterion(id)
                .is_some_and(|result| result.applicable && !result.met);
            *unmet += usize::from(missed);
        }
    }

    /// Why the run fails, one line per reason; empty when it passes.
    pub fn failures(&self, summary: &Summary) -> Vec<String> {
        let mut reasons = Vec::new();
        match self.min_pass_rate {
            None if summary.failed > 0 => {
                let (failed, count) = (summary.failed, summary.count);
                reasons.push(format!("{failed} of {count} replies failed"));
            }
            Some(min) if summary.count > 0 => {
                let rate = summary.passed as f64 / summary.count as f64;
                if rate < min {
                    let (passed, count) = (summary.passed, summary.count);
                    reasons.push(format!(
                        "{passed} of {count} replies passed ({}), below --min-pass-rate {}",
                        percent(rate),
                        percent(min)
                    ));
                }
            }
            _ => {}
        }
        for (id, unmet) in &self.fail_on {
            if *unmet > 0 {
                let replies = if *unmet == 1 { "reply" } else { "replies" };
                reasons.push(format!("{unmet} {replies} left `{id}` unmet (--fail-on)"));
            }
        }
        reasons
    }

    /// Whether any gate option was given (otherwise failures need no explaining:
    /// the report shows the failed replies).
    pub fn is_custom(&self) -> bool {
        self.min_pass_rate.is_some() || !self.fail_on.is_empty()
    }
}

/// `0.905` as `90.5%`, without a trailing `.0`.
fn percent(rate: f64) -> String {
    let value = (rate * 1000.0).round() / 10.0;
    format!("{value}%")
}

/// Parses `--min-pass-rate`: a fraction `0..=1` (`0.9`) or a percentage
/// `0%..=100%` (`90%`), as a fraction.
pub fn parse_pass_rate(text: &str) -> Result<f64, String> {
    let (number, scale) = match text.strip_suffix('%') {
        Some(number) => (number, 100.0),
        None => (text, 1.0),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number; use 0..1 or a percentage like 90%"))?;
    if !(0.0..=scale).contains(&value) {
        let range = if scale == 1.0 { "0..=1" } else { "0%..=100%" };
        return Err(format!(
            "`{text}` is out of range {range}; use 0..1 or a percentage like 90%"
        ));
    }
    Ok(value / scale)
}

/// Parses `--threshold`: a score `0..=100`.
pub fn parse_threshold(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number; use a score 0..=100"))?;
    if !(0.0..=100.0).contains(&value) {
        return Err(format!("`{text}` is out of range; use a score 0..=100"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use eqscore::{CriterionScore, Polarity};

    use super::*;
    use eqscore::report::{CriterionInfo, RubricInfo};

    const IDS: [&str; 2] = ["acknowledges_feelings", "avoids_aggression"];

    fn reply(passed: bool, feelings_met: bool, feelings_applicable: bool) -> ReplyScore {
        let criterion = |id: &str, met: bool, applicable: bool| CriterionScore {
            id: Arc::from(id),
            polarity: Polarity::Expect,
            fatal: false,
            met,
            applicable,
            points: 0.0,
            weight: 1.0,
            evidence: vec![],
            suppressed: vec![],
        };
        ReplyScore {
            score: if passed { 100.0 } else { 0.0 },
            passed,
            criteria: vec![
                criterion(IDS[0], feelings_met, feelings_applicable),
                criterion(IDS[1], true, true),
            ],
        }
    }

    /// Runs `gate` over `replies` and returns its reasons to fail.
    fn run(mut gate: Gate, replies: &[ReplyScore]) -> Vec<String> {
        let info = RubricInfo {
            name: "t".into(),
            version: "1".into(),
            threshold: 70.0,
            criteria: IDS
                .iter()
                .map(|id| CriterionInfo {
                    id: id.to_string(),
                    ..CriterionInfo::default()
                })
                .collect(),
        };
        let mut summary = Summary::new(&info);
        for score in replies {
            gate.observe(score);
            summary.add(score);
        }
        gate.failures(&summary)
    }

    #[test]
    fn without_options_any_failed_reply_fails_the_run() {
        let gate = Gate::new(None, &[], &IDS).unwrap();
        assert!(!gate.is_custom());
        assert_eq!(
            run(gate.clone(), &[reply(true, true, true)]),
            Vec::<String>::new()
        );
        let both = [reply(true, true, true), reply(false, true, true)];
        assert_eq!(run(gate, &both), ["1 of 2 replies failed"]);
    }

    #[test]
    fn min_pass_rate_fails_only_below_the_rate() {
        let three = [
            reply(true, true, true),
            reply(true, true, true),
            reply(false, true, true),
        ];
        let at = Gate::new(Some(2.0 / 3.0), &[], &IDS).unwrap();
        assert!(run(at, &three).is_empty(), "exactly the rate passes");
        let above = Gate::new(Some(0.9), &[], &IDS).unwrap();
        assert_eq!(
            run(above, &three),
            ["2 of 3 replies passed (66.7%), below --min-pass-rate 90%"]
        );
        let none = Gate::new(Some(1.0), &[], &IDS).unwrap();
        assert!(run(none, &[]).is_empty(), "no replies, nothing to fail");
    }

    #[test]
    fn fail_on_catches_unmet_criteria_in_passing_replies() {
        let fail_on = ["acknowledges_feelings".to_string()];
        let gate = Gate::new(Some(0.0), &fail_on, &IDS).unwrap();
        assert!(gate.is_custom());
        let replies = [reply(true, false, true), reply(true, true, true)];
        assert_eq!(
            run(gate.clone(), &replies),
            ["1 reply left `acknowledges_feelings` unmet (--fail-on)"]
        );
        // Not applicable is not unmet.
        assert!(run(gate, &[reply(true, false, false)]).is_empty());
    }

    #[test]
    fn fail_on_unknown_id_lists_the_valid_ones() {
        let error = Gate::new(None, &["kindness".to_string()], &IDS).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Usage);
        assert_eq!(
            error.to_string(),
            "--fail-on: unknown criterion `kindness` (valid ids: acknowledges_feelings, avoids_aggression)"
        );
    }

    #[test]
    fn pass_rates_are_fractions_or_percentages() {
        assert_eq!(parse_pass_rate("0.9"), Ok(0.9));
        assert_eq!(parse_pass_rate("90%"), Ok(0.9));
        assert_eq!(parse_pass_rate("0"), Ok(0.0));
        assert_eq!(parse_pass_rate("100%"), Ok(1.0));
        assert!(
            parse_pass_rate("90")
                .unwrap_err()
                .contains("out of range 0..=1")
        );
        assert!(parse_pass_rate("101%").is_err());
        assert!(parse_pass_rate("-0.1").is_err());
        assert!(parse_pass_rate("NaN").is_err());
        assert!(
            parse_pass_rate("most")
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn thresholds_are_scores() {
        assert_eq!(parse_threshold("0"), Ok(0.0));
        assert_eq!(parse_threshold("85.5"), Ok(85.5));
        assert_eq!(parse_threshold("100"), Ok(100.0));
        assert!(parse_threshold("100.1").is_err());
        assert!(parse_threshold("-1").is_err());
        assert!(parse_threshold("nan").is_err());
        assert!(parse_threshold("inf").is_err());
    }
}
