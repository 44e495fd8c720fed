//! The `eqscore` command line: parse arguments, run a command, map the outcome
//! to an exit code.
//!
//! Exit codes are API (see README.md): 0 every reply passed, 1 at least one
//! reply failed the rubric, 2 an error (usage, rubric, input, output).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => {
            cli::render::eprint_error(&err);
            ExitCode::from(2)
        }
    }
}
