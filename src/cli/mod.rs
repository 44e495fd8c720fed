//! Argument parsing and the commands behind it.

mod args;
mod calibrate;
mod check;
mod explain;
mod gate;
mod inputs;
mod load;
mod patterns;
mod pipeline;
mod progress;
pub mod render;
mod score;
mod templates;
mod test;

use clap::Parser;

pub use args::Args;

/// What a command found, before it becomes an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every reply passed (or there was nothing to fail, or the CI gates held).
    AllPassed,
    /// At least one reply failed the rubric (or a CI gate failed).
    SomeFailed,
    /// Everything readable was scored, but `--keep-going` skipped bad input.
    Incomplete,
}

impl Outcome {
    /// The documented exit code.
    pub fn exit_code(self) -> std::process::ExitCode {
        match self {
            Outcome::AllPassed => std::process::ExitCode::SUCCESS,
            Outcome::SomeFailed => std::process::ExitCode::from(1),
            Outcome::Incomplete => std::process::ExitCode::from(2),
        }
    }
}

/// Parses the command line and runs the command; errors are one line each.
pub fn run() -> Result<Outcome, eqscore::Error> {
    let args = Args::parse();
    match args.command {
        args::Command::Score(score) => score::run(&score),
        args::Command::Test(test) => test::run(&test),
        args::Command::Explain(explain) => explain::run(&explain),
        args::Command::Calibrate(calibrate) => calibrate::run(&calibrate),
        args::Command::Check(check) => templates::run(&check),
        args::Command::Rubric(rubric) => match rubric.command {
            args::RubricCommand::Schema => write_stdout(|out| {
                out.write_all(eqscore::rubric::json_schema().as_bytes())?;
                Ok(Ok(Outcome::AllPassed))
            }),
            args::RubricCommand::Check(check) => check::run(&check),
            args::RubricCommand::Patterns(patterns) => patterns::run(&patterns),
        },
    }
}

/// Runs `write` on a buffered stdout. A closed pipe (`eqscore test | head`)
/// ends the command quietly; any other write error is an error.
fn write_stdout(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<Result<Outcome, eqscore::Error>>,
) -> Result<Outcome, eqscore::Error> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = write(&mut out).and_then(|outcome| out.flush().map(|()| outcome));
    match result {
        Ok(outcome) => outcome,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::AllPassed),
        Err(e) => Err(eqscore::Error::new(
            eqscore::ErrorKind::Io,
            format!("<stdout>: cannot write: {e}"),
        )),
    }
}
