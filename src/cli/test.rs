//! `eqscore test`: run rubrics' examples and cases, report like a test runner.
//!
//! Only what needs attention is printed (failures, known misses, fixed
//! todos), each with the place in the rubric file, then one summary line per
//! rubric and a closing `N passed, N failed` line over all of them.

use std::io::{self, Write};

use eqscore::Error;
use eqscore::findings::{Evidence, Suppressed};
use eqscore::selftest::{self, CaseResult, ExampleResult, Expectation, TestReport, Verdict};

use super::args::TestArgs;
use super::load::{self, Loaded};
use super::{Outcome, write_stdout};

/// Runs `eqscore test`.
pub fn run(args: &TestArgs) -> Result<Outcome, Error> {
    write_stdout(|out| {
        let (mut passed, mut failed) = (0, 0);
        let broken = load::each_rubric(&args.rubrics, out, |out, loaded| {
            let report = selftest::run(&loaded.scorer);
            passed += report.passed();
            failed += report.failed();
            write_report(out, loaded, &report, args.verbose)
        })?;
        writeln!(out, "{passed} passed, {failed} failed")?;
        Ok(match broken {
            Some(e) => Err(Error::new(e.kind(), "a rubric did not load (see above)")),
            None if failed > 0 => Ok(Outcome::SomeFailed),
            None => Ok(Outcome::AllPassed),
        })
    })
}

fn write_report(
    out: &mut dyn Write,
    loaded: &Loaded,
    report: &TestReport,
    verbose: bool,
) -> io::Result<()> {
    for example in &report.examples {
        if verbose || example.verdict != Verdict::Passed {
            write_example(out, loaded, example)?;
        }
    }
    for case in &report.cases {
        if verbose || case.verdict != Verdict::Passed {
            write_case(out, loaded, case)?;
        }
    }
    let rubric = loaded.scorer.rubric();
    let todo = report.count(Verdict::Todo);
    let todo = if todo > 0 {
        format!(", {todo} todo")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} {} ({}): {} examples, {} cases: {} passed, {} failed{todo}",
        rubric.name,
        rubric.version,
        loaded.name,
        report.examples.len(),
        report.cases.len(),
        report.passed(),
        report.failed(),
    )
}

fn label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Passed => "ok",
        Verdict::Failed => "FAIL",
        Verdict::Todo => "TODO",
        Verdict::TodoFixed => "FIXED",
    }
}

fn write_example(out: &mut dyn Write, loaded: &Loaded, e: &ExampleResult) -> io::Result<()> {
    let lang = e
        .example
        .lang
        .as_deref()
        .map(|l| format!(" [{l}]"))
        .unwrap_or_default();
    let wanted = match e.expectation {
        Expectation::Match => "should fire",
        Expectation::NoMatch => "should not fire",
    };
    writeln!(
        out,
        "{} {}: {}: {} example{lang} {wanted}: {:?}",
        label(e.verdict),
        load::place(loaded, &e.json_path),
        e.criterion,
        e.expectation.field(),
        e.example.reply,
    )?;
    if let Some(context) = &e.example.context {
        writeln!(out, "    context: {context:?}")?;
    }
    if e.verdict == Verdict::Passed {
        return Ok(());
    }
    write_hits(out, &e.evidence, &e.suppressed)?;
    match (e.verdict, &e.example.todo) {
        (Verdict::Todo, Some(why)) => writeln!(out, "    todo: {why}"),
        (Verdict::TodoFixed, _) => writeln!(
            out,
            "    this known miss now passes: remove its \"todo\" marker"
        ),
        _ => Ok(()),
    }
}

fn write_hits(
    out: &mut dyn Write,
    evidence: &[Evidence],
    suppressed: &[Suppressed],
) -> io::Result<()> {
    if evidence.is_empty() && suppressed.is_empty() {
        writeln!(out, "    nothing matched")?;
    }
    for hit in evidence {
        writeln!(
            out,
            "    fired: {:?} (cue {}, {}..{})",
            hit.text, hit.cue, hit.start, hit.end
        )?;
    }
    for s in suppressed {
        let e = &s.evidence;
        writeln!(
            out,
            "    cancelled: {:?} (cue {}) by {} {:?}",
            e.text, e.cue, s.scope, s.trigger
        )?;
    }
    Ok(())
}

fn write_case(out: &mut dyn Write, loaded: &Loaded, c: &CaseResult) -> io::Result<()> {
    let name = c
        .case
        .name
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let verdict = if c.score.passed { "pass" } else { "fail" };
    writeln!(
        out,
        "{} {}: case{name}: {:?} scored {} ({verdict})",
        label(c.verdict),
        load::place(loaded, &c.json_path),
        c.case.reply,
        c.score.score,
    )?;
    for problem in &c.problems {
        writeln!(out, "    {problem}")?;
    }
    match (c.verdict, &c.case.todo) {
        (Verdict::Todo, Some(why)) => writeln!(out, "    todo: {why}"),
        _ => Ok(()),
    }
}
