//! Running a rubric's own examples and cases as tests.
//!
//! Every criterion keeps replies its cues must fire on (`match`) and must not
//! fire on (`no_match`); a rubric may also keep whole-reply `cases` with the
//! expected score range and verdict. Like semgrep's `ruleid:`/`ok:` comments,
//! they make a rubric testable: `eqscore test` runs them, and a rubric change
//! that breaks one is caught before it ships. An item marked `todo` is a known
//! miss: reported, never failing.

use crate::findings::{Evidence, ReplyScore, Suppressed};
use crate::rubric::raw::{CaseSpec, ExampleCase};
use crate::scorer::Scorer;

/// Whether an example expects the criterion's cues to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// A `match` example: the cues must fire.
    Match,
    /// A `no_match` example: the cues must not fire.
    NoMatch,
}

impl Expectation {
    /// The field name in the rubric file.
    pub fn field(self) -> &'static str {
        match self {
            Expectation::Match => "match",
            Expectation::NoMatch => "no_match",
        }
    }
}

/// How one example or case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// As expected.
    Passed,
    /// Not as expected.
    Failed,
    /// A known miss (`todo`) that still misses: reported, not failing.
    Todo,
    /// A `todo` item that now behaves as expected: the marker can go.
    TodoFixed,
}

/// The result of one criterion example.
#[derive(Debug, Clone)]
pub struct ExampleResult {
    /// The criterion's id.
    pub criterion: String,
    /// `match` or `no_match`.
    pub expectation: Expectation,
    /// The JSON path of the example, e.g. `criteria[0].examples.match[3]`.
    pub json_path: String,
    /// The example as written.
    pub example: ExampleCase,
    /// How it came out.
    pub verdict: Verdict,
    /// The spans that counted for the criterion.
    pub evidence: Vec<Evidence>,
    /// The matches a scope cancelled.
    pub suppressed: Vec<Suppressed>,
}

/// The result of one whole-reply case.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The JSON path of the case, e.g. `cases[2]`.
    pub json_path: String,
    /// The case as written.
    pub case: CaseSpec,
    /// How it came out.
    pub verdict: Verdict,
    /// What was expected and not found, one line each; empty when it passed.
    pub problems: Vec<String>,
    /// The full score of the reply.
    pub score: ReplyScore,
}

/// Everything a test run found.
#[derive(Debug, Clone, Default)]
pub struct TestReport {
    /// One per criterion example, in file order.
    pub examples: Vec<ExampleResult>,
    /// One per case, in file order.
    pub cases: Vec<CaseResult>,
}

impl TestReport {
    /// How many items came out with `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        let examples = self
            .examples
            .iter()
            .filter(|e| e.verdict == verdict)
            .count();
        examples + self.cases.iter().filter(|c| c.verdict == verdict).count()
    }

    /// Passed items, counting fixed todos as passed.
    pub fn passed(&self) -> usize {
        self.count(Verdict::Passed) + self.count(Verdict::TodoFixed)
    }

    /// Failed items.
    pub fn failed(&self) -> usize {
        self.count(Verdict::Failed)
    }
}

/// Runs every example and case of the scorer's rubric.
pub fn run(scorer: &Scorer) -> TestReport {
    let rubric = scorer.rubric();
    let mut report = TestReport::default();
    for (index, criterion) in rubric.criteria.iter().enumerate() {
        let lists = [
            (Expectation::Match, &criterion.examples.matching),
            (Expectation::NoMatch, &criterion.examples.no_match),
        ];
        for (expectation, examples) in lists {
            for (i, example) in examples.iter().enumerate() {
                let path = format!("criteria[{index}].examples.{}[{i}]", expectation.field());
                let example = example.case();
                report.examples.push(run_example(
                    scorer,
                    &criterion.id,
                    expectation,
                    path,
                    example,
                ));
            }
        }
    }
    for (index, case) in rubric.cases.iter().enumerate() {
        report
            .cases
            .push(run_case(scorer, format!("cases[{index}]"), case));
    }
    report
}

fn run_example(
    scorer: &Scorer,
    criterion: &str,
    expectation: Expectation,
    json_path: String,
    example: ExampleCase,
) -> ExampleResult {
    let score = scorer.score(&example.reply, example.context.as_deref());
    let found = score
        .criteria
        .into_iter()
        .find(|c| c.id.as_ref() == criterion);
    let (evidence, suppressed) = found
        .map(|c| (c.evidence, c.suppressed))
        .unwrap_or_default();
    let fired = !evidence.is_empty();
    let ok = fired == (expectation == Expectation::Match);
    ExampleResult {
        criterion: criterion.to_string(),
        expectation,
        json_path,
        verdict: verdict(ok, example.todo.is_some()),
        example,
        evidence,
        suppressed,
    }
}

fn run_case(scorer: &Scorer, json_path: String, case: &CaseSpec) -> CaseResult {
    let score = scorer.score(&case.reply, case.context.as_deref());
    let mut problems = Vec::new();
    if let Some(pass) = case.pass {
        if pass != score.passed {
            let (want, got) = if pass {
                ("pass", "failed")
            } else {
                ("fail", "passed")
            };
            problems.push(format!("expected the reply to {want}, it {got}"));
        }
    }
    if let Some(min) = case.min_score {
        if score.score < min {
            problems.push(format!("score {} is below min_score {min}", score.score));
        }
    }
    if let Some(max) = case.max_score {
        if score.score > max {
            problems.push(format!("score {} is above max_score {max}", score.score));
        }
    }
    CaseResult {
        json_path,
        verdict: verdict(problems.is_empty(), case.todo.is_some()),
        case: case.clone(),
        problems,
        score,
    }
}

fn verdict(ok: bool, todo: bool) -> Verdict {
    match (ok, todo) {
        (true, false) => Verdict::Passed,
        (false, false) => Verdict::Failed,
        (false, true) => Verdict::Todo,
        (true, true) => Verdict::TodoFixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = include_str!("../tests/fixtures/mini.json");

    fn with(edit: impl FnOnce(&mut serde_json::Value)) -> Scorer {
        let mut value: serde_json::Value = serde_json::from_str(MINI).unwrap();
        edit(&mut value);
        Scorer::from_json(&value.to_string(), "mini.json").unwrap()
    }

    #[test]
    fn fixture_examples_all_pass() {
        let report = run(&with(|_| {}));
        assert_eq!(report.failed(), 0, "{:#?}", report.examples);
        assert_eq!(report.passed(), 8);
    }

    #[test]
    fn a_broken_example_fails_and_names_its_path() {
        let scorer = with(|v| {
            v["criteria"][0]["examples"]["match"][1] = "Use reversed(list).".into();
        });
        let report = run(&scorer);
        assert_eq!(report.failed(), 1);
        let failed = report
            .examples
            .iter()
            .find(|e| e.verdict == Verdict::Failed)
            .unwrap();
        assert_eq!(failed.json_path, "criteria[0].examples.match[1]");
        assert_eq!(failed.criterion, "acknowledges_feelings");
    }

    #[test]
    fn todo_is_reported_not_failed_and_a_fixed_todo_is_noticed() {
        let scorer = with(|v| {
            v["criteria"][0]["examples"]["match"][1] =
                serde_json::json!({"reply": "Use reversed(list).", "todo": "known miss"});
            v["criteria"][1]["examples"]["match"][0] =
                serde_json::json!({"reply": "You're being stupid.", "todo": "was a miss"});
        });
        let report = run(&scorer);
        assert_eq!(report.failed(), 0);
        assert_eq!(report.count(Verdict::Todo), 1);
        assert_eq!(report.count(Verdict::TodoFixed), 1);
    }

    #[test]
    fn cases_check_verdict_and_score_range() {
        let scorer = with(|v| {
            v["cases"] = serde_json::json!([
                {"reply": "No wonder you're upset.", "context": "she cancelled again", "pass": true, "min_score": 100},
                {"reply": "You idiot.", "pass": true, "min_score": 50}
            ]);
        });
        let report = run(&scorer);
        assert_eq!(report.cases[0].verdict, Verdict::Passed);
        assert_eq!(report.cases[1].verdict, Verdict::Failed);
        assert_eq!(
            report.cases[1].problems,
            [
                "expected the reply to pass, it failed",
                "score 0 is below min_score 50"
            ]
        );
    }
}
