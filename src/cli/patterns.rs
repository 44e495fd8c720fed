//! `eqscore rubric patterns`: the criteria's cues as stand-alone regexes.
//!
//! A thin layer over [`eqscore::rubric::cue_patterns`]: one pattern per line
//! for `rg -f`, or a JSON array that keeps which criterion and cue each
//! pattern belongs to (the benchmark's Python scorer reads it).

use std::io::Write;

use eqscore::Error;
use eqscore::rubric::CuePattern;
use serde::Serialize;

use super::args::{PatternsArgs, PatternsFormat};
use super::{Outcome, load, write_stdout};

/// One cue in `--format json`; its fields are API.
#[derive(Serialize)]
struct CueRecord<'a> {
    criterion: &'a str,
    cue: &'a str,
    lang: Option<&'a str>,
    case_sensitive: bool,
    pattern: &'a str,
}

/// Runs `eqscore rubric patterns`.
pub fn run(args: &PatternsArgs) -> Result<Outcome, Error> {
    let loaded = load::load(args.rubric.as_deref())?;
    let patterns = eqscore::rubric::cue_patterns(loaded.scorer.rubric())?;
    write_stdout(|out| {
        match args.format {
            PatternsFormat::Rg => write_lines(out, &patterns)?,
            PatternsFormat::Json => write_json(out, &patterns)?,
        }
        Ok(Ok(Outcome::AllPassed))
    })
}

fn write_lines(out: &mut dyn Write, patterns: &[CuePattern]) -> std::io::Result<()> {
    for p in patterns {
        writeln!(out, "{}", p.pattern)?;
    }
    Ok(())
}

fn write_json(out: &mut dyn Write, patterns: &[CuePattern]) -> std::io::Result<()> {
    let records: Vec<_> = patterns
        .iter()
        .map(|p| CueRecord {
            criterion: &p.criterion,
            cue: &p.cue,
            lang: p.lang.as_deref(),
            case_sensitive: p.case_sensitive,
            pattern: &p.pattern,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &records)?;
    writeln!(out)
}
