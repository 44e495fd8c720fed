//! The text report of `eqscore calibrate`: a table with one row per criterion
//! (and the whole-reply verdict, when labelled), then the disagreements to
//! read, each with what fired or what a scope cancelled.

use std::io::{self, Write};

use eqscore::calibrate::{Calibration, Confusion, CriterionAgreement, Example, PassAgreement};

use super::Header;

/// Replies longer than this many characters are cut in the report.
const REPLY_CHARS: usize = 100;

/// Writes the whole report.
pub fn write(
    out: &mut dyn Write,
    header: &Header<'_>,
    calibration: &Calibration,
) -> io::Result<()> {
    let rubric = header.rubric.scorer.rubric();
    writeln!(
        out,
        "{} {} ({}) against {}: {} labelled replies",
        rubric.name, rubric.version, header.rubric.name, header.labels, calibration.replies
    )?;
    writeln!(out)?;
    let width = label_width(calibration);
    writeln!(
        out,
        "{:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>9}  {:>6}  {:>5}  {:>5}",
        "CRITERION",
        "N",
        "POS",
        "FIRED",
        "TP",
        "FP",
        "FN",
        "TN",
        "PRECISION",
        "RECALL",
        "F1",
        "KAPPA"
    )?;
    for criterion in &calibration.criteria {
        write_row(out, &criterion.id, &criterion.confusion, width)?;
    }
    if let Some(pass) = &calibration.pass {
        write_pass(out, pass, width)?;
    }
    for criterion in &calibration.criteria {
        write_examples(out, criterion)?;
    }
    Ok(())
}

/// The width of the first column: the longest row name.
fn label_width(calibration: &Calibration) -> usize {
    let ids = calibration.criteria.iter().map(|c| c.id.chars().count());
    let pass = calibration.pass.iter().flat_map(|p| {
        let best = p
            .best
            .map(|b| pass_label(f64::from(b.threshold), true).len());
        [pass_label(p.threshold, false).len()]
            .into_iter()
            .chain(best)
    });
    ids.chain(pass)
        .chain(["CRITERION".len()])
        .max()
        .unwrap_or(0)
}

fn pass_label(threshold: f64, best: bool) -> String {
    match best {
        false => format!("pass@{threshold}"),
        true => format!("pass@{threshold} (best)"),
    }
}

fn write_row(out: &mut dyn Write, name: &str, c: &Confusion, width: usize) -> io::Result<()> {
    writeln!(
        out,
        "{name:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>9}  {:>6}  {:>5}  {:>5}",
        c.n(),
        c.positives(),
        c.fired(),
        c.tp,
        c.fp,
        c.fn_,
        c.tn,
        metric(c.precision()),
        metric(c.recall()),
        metric(c.f1()),
        metric(c.kappa()),
    )
}

/// Two decimals, or `-` when undefined.
fn metric(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

/// The verdict rows (positive: passes) and a line on the best threshold.
fn write_pass(out: &mut dyn Write, pass: &PassAgreement, width: usize) -> io::Result<()> {
    write_row(
        out,
        &pass_label(pass.threshold, false),
        &pass.confusion,
        width,
    )?;
    if let Some(best) = &pass.best {
        let label = pass_label(f64::from(best.threshold), true);
        write_row(out, &label, &best.confusion, width)?;
    }
    writeln!(out)?;
    let accuracy = metric(pass.confusion.accuracy());
    write!(
        out,
        "pass: accuracy {accuracy} at the rubric's threshold {}",
        pass.threshold
    )?;
    match &pass.best {
        Some(best) => writeln!(
            out,
            "; highest Cohen's kappa at threshold {}: kappa {}, accuracy {}",
            best.threshold,
            metric(best.confusion.kappa()),
            metric(best.confusion.accuracy())
        ),
        None => writeln!(out, "; kappa is undefined at every threshold"),
    }
}

fn write_examples(out: &mut dyn Write, criterion: &CriterionAgreement) -> io::Result<()> {
    let c = &criterion.confusion;
    let sections = [
        (
            "false positives (fired, label 0)",
            c.fp,
            &criterion.false_positives,
        ),
        (
            "false negatives (did not fire, label 1)",
            c.fn_,
            &criterion.false_negatives,
        ),
    ];
    for (what, count, examples) in sections {
        if examples.is_empty() {
            continue;
        }
        writeln!(out)?;
        let shown = examples.len();
        writeln!(out, "{}: {count} {what}, first {shown}:", criterion.id)?;
        for example in examples {
            write_example(out, example)?;
        }
    }
    Ok(())
}

fn write_example(out: &mut dyn Write, example: &Example) -> io::Result<()> {
    let id = example.id.as_deref().unwrap_or("-");
    let source = &example.source;
    let reply = cut(&example.reply);
    writeln!(out, "  {}:{}  {id}  {reply:?}", source.path, source.line)?;
    for hit in &example.evidence {
        let (text, cue, start, end) = (&hit.text, &hit.cue, hit.start, hit.end);
        writeln!(out, "      fired {text:?} (cue {cue}, {start}..{end})")?;
    }
    for miss in &example.suppressed {
        let (text, cue) = (&miss.evidence.text, &miss.evidence.cue);
        let (scope, trigger) = (&miss.scope, &miss.trigger);
        writeln!(
            out,
            "      ~ {text:?} (cue {cue}) cancelled by {scope} {trigger:?}"
        )?;
    }
    if example.evidence.is_empty() && example.suppressed.is_empty() {
        writeln!(out, "      nothing matched")?;
    }
    Ok(())
}

/// The reply, cut to [`REPLY_CHARS`] characters with `...` when longer.
fn cut(reply: &str) -> String {
    match reply.char_indices().nth(REPLY_CHARS) {
        None => reply.to_string(),
        Some((end, _)) => format!("{}...", &reply[..end]),
    }
}
