//! What `eqscore check` prints: one line per finding, as linters do, or JSON,
//! SARIF 2.1.0 or GitHub Actions annotations.
//!
//! Text (the default), sorted by path, line, column, then a summary line:
//!
//! ```text
//! prompts/support.yaml:12:7: offers_options: not met: the reply offers the user choices ... (score 20.0 < threshold 70)
//! Found 1 finding in 1 of 4 examples (3 files); 0 suppressed, 0 in the baseline.
//! ```

use std::io::{self, Write};

use eqscore::report::RubricInfo;
use eqscore::report::github::{escape_data, escape_property};
use eqscore::report::sarif::path_to_uri;
use eqscore::report::text::escape_controls;
use eqscore::{Error, ErrorKind};
use serde_json::json;

use super::Results;
use crate::cli::args::CheckFormat;

/// Writes `results` to stdout in `format`. A closed pipe is not an error.
pub fn write(format: CheckFormat, info: &RubricInfo, results: &Results) -> Result<(), Error> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match format {
        CheckFormat::Text => text(&mut out, results),
        CheckFormat::Json => json_document(&mut out, info, results),
        CheckFormat::Sarif => sarif(&mut out, info, results),
        CheckFormat::Github => github(&mut out, results),
    }
    .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::new(
            ErrorKind::Io,
            format!("<stdout>: cannot write: {e}"),
        )),
        _ => Ok(()),
    }
}

fn text(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    for f in &results.findings {
        writeln!(
            out,
            "{}:{}:{}: {}: {} (score {:.1} < threshold {})",
            escape_controls(&f.path),
            f.line,
            f.column,
            f.criterion,
            f.message,
            f.score,
            f.threshold
        )?;
    }
    let failing: std::collections::BTreeSet<_> = results
        .findings
        .iter()
        .map(|f| (&f.path, &f.example))
        .collect();
    let n = results.findings.len();
    writeln!(
        out,
        "Found {n} finding{} in {} of {} examples ({} files); {} suppressed, {} in the baseline.",
        if n == 1 { "" } else { "s" },
        failing.len(),
        results.examples,
        results.files,
        results.suppressed,
        results.baselined
    )
}

fn json_document(out: &mut dyn Write, info: &RubricInfo, results: &Results) -> io::Result<()> {
    let findings: Vec<_> = results
        .findings
        .iter()
        .map(|f| {
            json!({"path": f.path, "line": f.line, "column": f.column, "criterion": f.criterion,
                   "message": f.message, "score": f.score, "threshold": f.threshold, "example": f.example})
        })
        .collect();
    let document = json!({
        "schema_version": 1,
        "rubric": {"name": info.name, "version": info.version},
        "findings": findings,
        "summary": {"files": results.files, "examples": results.examples, "findings": results.findings.len(),
                    "suppressed": results.suppressed, "baselined": results.baselined},
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn sarif(out: &mut dyn Write, info: &RubricInfo, results: &Results) -> io::Result<()> {
    let rules: Vec<_> = info
        .criteria
        .iter()
        .map(|c| json!({"id": c.id, "shortDescription": {"text": c.description}}))
        .collect();
    let found: Vec<_> = results
        .findings
        .iter()
        .map(|f| {
            json!({"ruleId": f.criterion, "level": "error",
                "message": {"text": format!("{} (score {:.1} < threshold {})", f.message, f.score, f.threshold)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_to_uri(&f.path)},
                    "region": {"startLine": f.line, "startColumn": f.column}}}]})
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "eqscore", "version": env!("CARGO_PKG_VERSION"),
                  "rules": rules}},
                  "results": found}],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn github(out: &mut dyn Write, results: &Results) -> io::Result<()> {
    for f in &results.findings {
        let message = format!(
            "{} (score {:.1} < threshold {})",
            f.message, f.score, f.threshold
        );
        writeln!(
            out,
            "::error file={},line={},col={},title=eqscore {}::{}",
            escape_property(&f.path),
            f.line,
            f.column,
            escape_property(&f.criterion),
            escape_data(&message)
        )?;
    }
    Ok(())
}
