//! `eqscore check`: the pre-commit and CI gate for prompt templates.
//!
//! Finds template files (see [`walk`]), reads their assistant examples
//! ([`eqscore::template`]), scores each with the user turn before it as
//! context, and reports one finding per unmet criterion of a failing example,
//! minus inline suppressions, `ignore` overrides and the [`baseline`].
//! Output formats are in [`output`]. Exit codes: 0 clean, 1 findings, 2 error.

mod baseline;
mod bounded;
mod config;
mod output;
mod walk;

use std::io::Write;
use std::path::Path;

use eqscore::report::RubricInfo;
use eqscore::template::{self, TemplateExample, TemplateKind};
use eqscore::{CriterionScore, Error, ErrorKind, ReplyScore, Scorer};
use globset::GlobSet;

use super::Outcome;
use super::args::TemplatesArgs;
use baseline::{Baseline, Entry};
use config::Config;

/// One unmet criterion of a failing example.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The file, `/`-separated.
    pub path: String,
    /// 1-based line of the example (or of the evidence that broke the rule).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The criterion id.
    pub criterion: String,
    /// What is wrong, one line.
    pub message: String,
    /// The example's score.
    pub score: f64,
    /// The threshold it was held to.
    pub threshold: f64,
    /// The example's text hash (the baseline key).
    pub example: String,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Results {
    /// Findings to report, sorted by path, line, column.
    pub findings: Vec<Finding>,
    /// Examples scored.
    pub examples: usize,
    /// Files read.
    pub files: usize,
    /// Findings an inline comment or an `ignore` override suppressed.
    pub suppressed: usize,
    /// Findings already in the baseline.
    pub baselined: usize,
}

/// Runs `eqscore check`.
pub fn run(args: &TemplatesArgs) -> Result<Outcome, Error> {
    let cwd = std::env::current_dir().map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("cannot read the working directory: {e}"),
        )
    })?;
    let config = config::find(args.config.as_deref(), args.isolated, &cwd)?;
    let scorer = scorer(args, &config)?;
    let info = RubricInfo::from(scorer.rubric());
    let filter = walk::Filter::new(&config, &cwd)?;
    let check = Check {
        scorer: &scorer,
        info: &info,
        threshold: threshold(args.threshold.or(config.threshold), info.threshold)?,
        overrides: overrides(&config)?,
        filter: &filter,
        cwd: &cwd,
    };
    let mut all = Vec::new();
    let mut results = Results::default();
    for file in walk::files(&args.paths, &filter, &cwd)? {
        check.file(&file, &mut all, &mut results)?;
    }
    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, all.iter().map(entry))?;
        let note = format!("eqscore: wrote {count} findings to {}", path.display());
        // A closed stderr must not turn a written baseline into a panic.
        let _ = writeln!(std::io::stderr(), "{note}");
        return Ok(Outcome::AllPassed);
    }
    let baseline = load_baseline(args, &config)?;
    for finding in all {
        if baseline.contains(&entry(&finding)) {
            results.baselined += 1;
        } else {
            results.findings.push(finding);
        }
    }
    results.findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, &a.criterion).cmp(&(&b.path, b.line, b.column, &b.criterion))
    });
    output::write(args.format, &info, &results)?;
    Ok(if results.findings.is_empty() {
        Outcome::AllPassed
    } else {
        Outcome::SomeFailed
    })
}

/// `--rubric`, else the config's `rubric`, else the built-in rubric.
fn scorer(args: &TemplatesArgs, config: &Config) -> Result<Scorer, Error> {
    let from_config = config.rubric.as_ref().map(|r| config.root.join(r));
    match args.rubric.clone().or(from_config) {
        Some(path) => Scorer::from_path(path),
        None => Scorer::builtin(),
    }
}

/// The threshold asked for, checked, or the rubric's.
fn threshold(asked: Option<f64>, rubric: f64) -> Result<f64, Error> {
    match asked {
        Some(t) if (0.0..=100.0).contains(&t) => Ok(t),
        Some(t) => Err(Error::new(
            ErrorKind::Usage,
            format!("threshold {t} is not in 0..=100"),
        )),
        None => Ok(rubric),
    }
}

/// `--baseline` (which must exist), else the config's `baseline` when it exists.
fn load_baseline(args: &TemplatesArgs, config: &Config) -> Result<Baseline, Error> {
    if let Some(path) = &args.baseline {
        return Baseline::load(path);
    }
    match &config.baseline {
        Some(path) if config.root.join(path).is_file() => Baseline::load(&config.root.join(path)),
        _ => Ok(Baseline::default()),
    }
}

fn entry(finding: &Finding) -> Entry {
    Entry {
        path: finding.path.clone(),
        example: finding.example.clone(),
        criterion: finding.criterion.clone(),
    }
}

/// The `[[overrides]]` of the config, with their globs built.
fn overrides(config: &Config) -> Result<Vec<(GlobSet, config::Override)>, Error> {
    config
        .overrides
        .iter()
        .map(|o| Ok((walk::globs(&o.files, "overrides.files")?, o.clone())))
        .collect()
}

/// What every file is checked with.
struct Check<'a> {
    scorer: &'a Scorer,
    info: &'a RubricInfo,
    threshold: f64,
    overrides: Vec<(GlobSet, config::Override)>,
    filter: &'a walk::Filter,
    cwd: &'a Path,
}

impl Check<'_> {
    fn file(
        &self,
        path: &Path,
        all: &mut Vec<Finding>,
        results: &mut Results,
    ) -> Result<(), Error> {
        let shown = path.to_string_lossy().replace('\\', "/");
        let Some(kind) = TemplateKind::from_path(&shown) else {
            return Ok(());
        };
        let source = bounded::read_text(path, &shown, bounded::MAX_TEMPLATE_BYTES, "template")?;
        let examples = match template::extract(kind, &source, &shown) {
            Ok(examples) => examples,
            Err(_) if !mentions_chat_roles(&source) => return Ok(()),
            Err(e) => return Err(e),
        };
        results.files += 1;
        let relative = self.filter.relative(path, self.cwd);
        let (mut threshold, mut ignored) = (self.threshold, Vec::new());
        for (globs, o) in &self.overrides {
            if globs.is_match(&relative) {
                threshold = o.threshold.unwrap_or(threshold);
                ignored.extend(o.ignore.iter().cloned());
            }
        }
        for example in &examples {
            results.examples += 1;
            let score = self
                .scorer
                .score(&example.reply, example.context.as_deref());
            let passed = score.score >= threshold && score.fatal_violations().next().is_none();
            if passed {
                continue;
            }
            for finding in self.findings(&shown, &source, example, &score, threshold) {
                if example.ignore.covers(&finding.criterion) || ignored.contains(&finding.criterion)
                {
                    results.suppressed += 1;
                } else {
                    all.push(finding);
                }
            }
        }
        Ok(())
    }

    /// One finding per applicable, unmet criterion of a failing example.
    fn findings(
        &self,
        path: &str,
        source: &str,
        example: &TemplateExample,
        score: &ReplyScore,
        threshold: f64,
    ) -> Vec<Finding> {
        let hash = baseline::text_hash(&example.reply);
        score
            .criteria
            .iter()
            .filter(|c| c.applicable && !c.met)
            .map(|c| {
                let (line, column, message) = self.place(source, example, c);
                Finding {
                    path: path.to_string(),
                    line,
                    column,
                    criterion: c.id.to_string(),
                    message,
                    score: score.score,
                    threshold,
                    example: hash.clone(),
                }
            })
            .collect()
    }
}

impl Check<'_> {
    /// Where a finding points and what it says: the words that broke an
    /// `avoid` rule, or the example's start for an unmet `expect`.
    fn place(
        &self,
        source: &str,
        example: &TemplateExample,
        criterion: &CriterionScore,
    ) -> (usize, usize, String) {
        let description = self
            .info
            .criteria
            .iter()
            .find(|i| i.id == *criterion.id)
            .map_or("", |i| i.description.as_str());
        match criterion.evidence.first() {
            Some(evidence) => {
                let at = example.file_offset(evidence.start);
                let (line, column) = template::line_column(source, at);
                let what = format!("\"{}\": {}", evidence.text, short(description));
                (line, column, what)
            }
            None => {
                let what = format!("not met: {}", short(description));
                (example.line, example.column, what)
            }
        }
    }
}

/// The first clause of a description, lowercase: "the reply names ... situation".
fn short(description: &str) -> String {
    let end = [" (", ":", ";", ". "]
        .iter()
        .filter_map(|stop| description.find(stop))
        .min()
        .unwrap_or(description.len());
    let text = description[..end].trim_end_matches('.');
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a file that does not parse could still be meant as a prompt
/// template. A Helm chart or a `tsconfig.json` with comments is not one and is
/// skipped; a template with a syntax error names a role somewhere and is an
/// error, so a broken template never passes unchecked.
fn mentions_chat_roles(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["assistant", "\"role\"", "role:", "messages", "user:"]
        .iter()
        .any(|marker| lower.contains(marker))
}
