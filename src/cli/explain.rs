//! `eqscore explain [CRITERION]`: a rubric's criteria in words, like
//! `ruff rule`: what each checks, why it matters, how it is scored, and the
//! examples it is tested on.

use std::io::{self, Write};

use eqscore::rubric::raw::{CriterionSpec, CueSpec, RubricFile};
use eqscore::{Error, ErrorKind, Polarity};

use super::args::ExplainArgs;
use super::{Outcome, load, write_stdout};

/// How many examples of each kind and language `explain` shows.
const EXAMPLES_SHOWN: usize = 3;

/// Runs `eqscore explain`.
pub fn run(args: &ExplainArgs) -> Result<Outcome, Error> {
    let loaded = load::load(args.rubric.as_deref())?;
    let rubric = loaded.scorer.rubric();
    let Some(id) = &args.criterion else {
        return write_stdout(|out| list(out, rubric).map(|()| Ok(Outcome::AllPassed)));
    };
    let Some(criterion) = rubric.criteria.iter().find(|c| &c.id == id) else {
        let ids: Vec<&str> = rubric.criteria.iter().map(|c| c.id.as_str()).collect();
        let message = format!(
            "{}: no criterion \"{id}\"; the rubric has: {}",
            loaded.name,
            ids.join(", ")
        );
        return Err(Error::new(ErrorKind::RubricInvalid, message));
    };
    write_stdout(|out| explain(out, rubric, criterion).map(|()| Ok(Outcome::AllPassed)))
}

fn list(out: &mut dyn Write, rubric: &RubricFile) -> io::Result<()> {
    writeln!(
        out,
        "{} {}: {}",
        rubric.name, rubric.version, rubric.description
    )?;
    writeln!(
        out,
        "A reply passes with a score of at least {}.\n",
        rubric.threshold
    )?;
    let width = rubric
        .criteria
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0);
    for c in &rubric.criteria {
        let kind = match (c.polarity, c.fatal) {
            (Polarity::Expect, _) => "expect",
            (Polarity::Avoid, false) => "avoid ",
            (Polarity::Avoid, true) => "avoid!",
        };
        writeln!(
            out,
            "  {:width$}  {kind}  {:>5}  {}",
            c.id,
            c.weight,
            first_sentence(&c.description)
        )?;
    }
    writeln!(
        out,
        "\n(avoid! = fatal: a violation fails the reply.) Run `eqscore explain <criterion>` for details."
    )
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

fn explain(out: &mut dyn Write, rubric: &RubricFile, c: &CriterionSpec) -> io::Result<()> {
    let label = c
        .label
        .as_deref()
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    writeln!(out, "{}{label}\n", c.id)?;
    writeln!(out, "{}\n", c.description)?;
    if !c.rationale.is_empty() {
        writeln!(out, "Why it matters\n  {}\n", c.rationale)?;
    }
    writeln!(out, "How it is scored")?;
    scoring(out, rubric, c)?;
    writeln!(out, "\nCues ({})", c.cues.len())?;
    cues(out, &c.cues)?;
    writeln!(out, "\nExamples")?;
    examples(out, c)
}

fn scoring(out: &mut dyn Write, rubric: &RubricFile, c: &CriterionSpec) -> io::Result<()> {
    let total: f64 = rubric.criteria.iter().map(|c| c.weight).sum();
    writeln!(out, "  weight {} of {total}", c.weight)?;
    match c.polarity {
        Polarity::Expect => writeln!(
            out,
            "  expect: earns weight × the strength of the strongest cue that counts"
        )?,
        Polarity::Avoid => writeln!(
            out,
            "  avoid: keeps weight × (1 − the strength of the strongest cue that counts)"
        )?,
    }
    if c.fatal {
        writeln!(
            out,
            "  fatal: any cue that counts fails the reply, whatever its score"
        )?;
    }
    match &c.applies_when {
        None => writeln!(out, "  applies to every reply")?,
        Some(when) => {
            let without = if when.without_context {
                ", or when there is no context"
            } else {
                ""
            };
            writeln!(
                out,
                "  applies when the user's message shows \"{}\"{without}",
                when.context_signal
            )?;
        }
    }
    for name in &c.scopes {
        let Some(scope) = rubric.scopes.get(name) else {
            continue;
        };
        writeln!(
            out,
            "  cancelled by {name}: a trigger up to {} words or {} Chinese characters before a cue, in the same clause",
            scope.max_words, scope.max_chars,
        )?;
        writeln!(
            out,
            "    triggers such as {}",
            sample(rubric, &scope.triggers)
        )?;
        if !scope.exceptions.is_empty() {
            writeln!(
                out,
                "    except in idioms such as {}",
                sample(rubric, &scope.exceptions)
            )?;
        }
    }
    Ok(())
}

/// The first few phrases of a list, lexicon references expanded.
fn sample(rubric: &RubricFile, phrases: &[String]) -> String {
    let expanded = phrases.iter().flat_map(|p| {
        let name = p.strip_prefix("{{").and_then(|p| p.strip_suffix("}}"));
        match name.and_then(|n| rubric.lexicons.get(n.trim())) {
            Some(entries) => entries.clone(),
            None => vec![p.clone()],
        }
    });
    let shown: Vec<String> = expanded.take(8).map(|p| format!("\"{p}\"")).collect();
    format!("{}, ...", shown.join(", "))
}

fn cues(out: &mut dyn Write, cues: &[CueSpec]) -> io::Result<()> {
    for (i, cue) in cues.iter().enumerate() {
        let id = cue.id.clone().unwrap_or_else(|| format!("[{i}]"));
        let lang = cue.lang.as_deref().unwrap_or("any");
        let strength = cue.strength.unwrap_or(1.0);
        let what = cue.note.clone().unwrap_or_else(|| describe(cue));
        writeln!(out, "  {id:28} {lang:3} {strength:.1}  {what}")?;
    }
    Ok(())
}

fn describe(cue: &CueSpec) -> String {
    match (&cue.regex, &cue.phrases, &cue.lexicon) {
        (Some(regex), _, _) => format!("regex {}", shorten(regex, 60)),
        (_, Some(phrases), _) => format!("phrases {}", shorten(&phrases.join(" | "), 60)),
        (_, _, Some(lexicon)) => format!("lexicon {{{{{lexicon}}}}}"),
        _ => String::new(),
    }
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn examples(out: &mut dyn Write, c: &CriterionSpec) -> io::Result<()> {
    let (fires, quiet) = match c.polarity {
        Polarity::Expect => ("met", "not met"),
        Polarity::Avoid => ("violated", "not violated"),
    };
    let lists = [(fires, &c.examples.matching), (quiet, &c.examples.no_match)];
    for (what, list) in lists {
        let mut langs: Vec<Option<String>> = list.iter().map(|e| e.case().lang).collect();
        langs.dedup();
        for lang in langs {
            let shown: Vec<_> = list
                .iter()
                .map(|e| e.case())
                .filter(|e| e.lang == lang)
                .collect();
            let tag = lang.as_deref().unwrap_or("any");
            writeln!(out, "  {what} [{tag}] ({} in the rubric):", shown.len())?;
            for case in shown.iter().take(EXAMPLES_SHOWN) {
                writeln!(out, "    {:?}", case.reply)?;
            }
        }
    }
    Ok(())
}
