//! `eqscore calibrate`: measure a rubric against labelled replies and report
//! the agreement per criterion, as a table (`text`) or one JSON document
//! (`json`, documented in `json.rs` and docs/calibration.md).
//!
//! The labels file is streamed: each reply is scored as it is read, and only
//! the examples that will be shown are kept.

mod json;
mod text;

use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Write};

use eqscore::calibrate::{Calibration, Calibrator};
use eqscore::{Error, ErrorKind};

use super::args::{CalibrateArgs, CalibrateFormat};
use super::load::{self, Loaded};
use super::{Outcome, write_stdout};

/// What the report says about where the numbers come from.
pub struct Header<'a> {
    /// The rubric, as loaded.
    pub rubric: &'a Loaded,
    /// The labels file as the user named it.
    pub labels: &'a str,
    /// How many examples of each disagreement were asked for.
    pub top: usize,
}

/// Runs `eqscore calibrate`.
pub fn run(args: &CalibrateArgs) -> Result<Outcome, Error> {
    let loaded = load::load(args.rubric.as_deref())?;
    let labels = args.labels.display().to_string();
    let calibration = calibrate(&loaded, args, &labels)?;
    let header = Header {
        rubric: &loaded,
        labels: &labels,
        top: args.top,
    };
    write_stdout(|out| {
        write_report(out, args.format, &header, &calibration)?;
        Ok(Ok(Outcome::AllPassed))
    })
}

fn calibrate(loaded: &Loaded, args: &CalibrateArgs, labels: &str) -> Result<Calibration, Error> {
    let mut calibrator = Calibrator::new(&loaded.scorer, args.top);
    if labels == "-" {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            let hint = "<stdin>: no input: pipe labelled replies on stdin or give a file";
            return Err(Error::new(ErrorKind::Input, hint));
        }
        calibrator.read(stdin.lock(), "<stdin>")?;
    } else {
        let file = File::open(&args.labels)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{labels}: cannot open: {e}")))?;
        calibrator.read(BufReader::new(file), labels)?;
    }
    Ok(calibrator.finish())
}

fn write_report(
    out: &mut dyn Write,
    format: CalibrateFormat,
    header: &Header<'_>,
    calibration: &Calibration,
) -> io::Result<()> {
    match format {
        CalibrateFormat::Text => text::write(out, header, calibration),
        CalibrateFormat::Json => json::write(out, header, calibration),
    }
}
