//! `eqscore rubric check`: load rubrics without scoring, then lint them.
//!
//! Output is one line per finding, `path:line:col: severity[code]: message`,
//! as linters print it, and one summary line per rubric.

use std::io::Write;

use eqscore::Error;
use eqscore::lint::{self, Severity};

use super::args::CheckArgs;
use super::load::{self, Loaded};
use super::{Outcome, write_stdout};

/// Runs `eqscore rubric check`.
pub fn run(args: &CheckArgs) -> Result<Outcome, Error> {
    write_stdout(|out| {
        let (mut errors, mut warnings) = (0, 0);
        let broken = load::each_rubric(&args.rubrics, out, |out, loaded| {
            let (e, w) = write_lints(out, loaded)?;
            errors += e;
            warnings += w;
            Ok(())
        })?;
        Ok(match broken {
            Some(e) => Err(Error::new(e.kind(), "a rubric did not load (see above)")),
            None if errors > 0 => Err(Error::new(
                eqscore::ErrorKind::RubricInvalid,
                format!("{errors} rubric errors"),
            )),
            None if warnings > 0 && args.strict => Ok(Outcome::SomeFailed),
            None => Ok(Outcome::AllPassed),
        })
    })
}

/// Prints the lints of one rubric; returns (errors, warnings).
fn write_lints(out: &mut dyn Write, loaded: &Loaded) -> std::io::Result<(usize, usize)> {
    let lints = lint::check(loaded.scorer.rubric());
    for l in &lints {
        let severity = match l.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = load::place(loaded, &l.json_path);
        writeln!(
            out,
            "{place}: {severity}[{}]: {}: {}",
            l.code, l.json_path, l.message
        )?;
    }
    let errors = lints
        .iter()
        .filter(|l| l.severity == Severity::Error)
        .count();
    let warnings = lints.len() - errors;
    writeln!(out, "{}: {errors} errors, {warnings} warnings", loaded.name)?;
    Ok((errors, warnings))
}
