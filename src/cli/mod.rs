//! Argument parsing and the commands behind it.

mod args;
mod score;

use clap::Parser;

pub use args::Args;

/// What a command found, before it becomes an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every reply passed (or there was nothing to fail).
    AllPassed,
    /// At least one reply failed the rubric.
    SomeFailed,
}

impl Outcome {
    /// The documented exit code.
    pub fn exit_code(self) -> std::process::ExitCode {
        match self {
            Outcome::AllPassed => std::process::ExitCode::SUCCESS,
            Outcome::SomeFailed => std::process::ExitCode::from(1),
        }
    }
}

/// Parses the command line and runs the command; errors are one line each.
pub fn run() -> Result<Outcome, eqscore::Error> {
    let args = Args::parse();
    match args.command {
        args::Command::Score(score) => score::run(&score),
    }
}
