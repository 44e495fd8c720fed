//! The command-line interface, as clap structs: cheap to parse, no I/O.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Score chatbot replies for empathy against a JSON rubric.
#[derive(Debug, Parser)]
#[command(name = "eqscore", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
// Parsed once per run: the size of the `score` variant costs nothing worth a `Box`.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Score replies from files, stdin or --text, and report per reply.
    Score(ScoreArgs),
    /// Run a rubric's own examples and cases as tests.
    Test(TestArgs),
    /// Explain a criterion: what it checks, why, how it is scored, examples.
    Explain(ExplainArgs),
    /// Work on rubric files: validate and lint them, print the JSON Schema.
    Rubric(RubricArgs),
    /// Measure a rubric against labelled replies: agreement per criterion.
    Calibrate(CalibrateArgs),
    /// Check the assistant examples of prompt templates (a pre-commit hook).
    Check(TemplatesArgs),
}

/// Options of `eqscore check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Templates: JSON/YAML chat messages (.json, .yaml, .yml), .prompty, Markdown \
                  (.md). Config: eqscore.toml, .eqscore.toml or [tool.eqscore] in pyproject.toml, \
                  found walking up from the working directory. See docs/pre-commit.md.\n\
                  Exit codes: 0 no findings, 1 findings, 2 error."
)]
pub struct TemplatesArgs {
    /// Files and directories to check (default: the current directory,
    /// honouring .gitignore).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Use this rubric file instead of the config's or the built-in `empathy` rubric.
    #[arg(long, value_name = "PATH")]
    pub rubric: Option<PathBuf>,

    /// Examples pass at a score of at least N (0..=100).
    #[arg(long, value_name = "N", value_parser = super::gate::parse_threshold)]
    pub threshold: Option<f64>,

    /// Read this config file instead of looking for one.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore every config file.
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,

    /// Leave out the findings listed in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write every current finding to a baseline file (default
    /// eqscore-baseline.json) and exit 0.
    #[arg(long, value_name = "FILE", num_args = 0..=1,
          default_missing_value = "eqscore-baseline.json")]
    pub write_baseline: Option<PathBuf>,
}

/// `eqscore check --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `path:line:col: criterion: message (score N < threshold T)`, then a summary.
    Text,
    /// One JSON document: findings and a summary.
    Json,
    /// SARIF 2.1.0, one result per finding.
    Sarif,
    /// GitHub Actions annotations, one per finding.
    Github,
}

/// Options of `eqscore calibrate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Labels: one JSON object per line, {\"reply\", \"context\"?, \
                        \"labels\": {criterion: 0|1|null}, \"pass\"?: 0|1}. See docs/calibration.md.\n\
                        Exit codes: 0 done, 2 error."
)]
pub struct CalibrateArgs {
    /// The labelled replies (JSONL); `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub labels: PathBuf,

    /// Use this rubric file instead of the built-in `empathy` rubric.
    #[arg(long, value_name = "PATH")]
    pub rubric: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Text)]
    pub format: CalibrateFormat,

    /// How many false positives and false negatives to show per criterion.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,
}

/// `eqscore calibrate --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalibrateFormat {
    /// A table of agreement and the disagreements to read.
    Text,
    /// One JSON document (see docs/calibration.md).
    Json,
}

/// Options of `eqscore test`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 all examples pass, 1 at least one fails, 2 a rubric does not load."
)]
pub struct TestArgs {
    /// Rubric files to test (default: the built-in `empathy` rubric).
    #[arg(value_name = "RUBRIC")]
    pub rubrics: Vec<PathBuf>,

    /// Also list the examples that pass.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Options of `eqscore explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The criterion to explain; without it, list the rubric's criteria.
    #[arg(value_name = "CRITERION")]
    pub criterion: Option<String>,

    /// Explain this rubric instead of the built-in `empathy` rubric.
    #[arg(long, value_name = "PATH")]
    pub rubric: Option<PathBuf>,
}

/// `eqscore rubric ...`.
#[derive(Debug, clap::Args)]
pub struct RubricArgs {
    /// What to do with rubrics.
    #[command(subcommand)]
    pub command: RubricCommand,
}

/// The `eqscore rubric` subcommands.
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Print the JSON Schema of the rubric format.
    Schema,
    /// Validate rubric files without scoring, and lint them.
    #[command(
        after_help = "Exit codes: 0 clean (or only warnings), 1 warnings with --strict, 2 errors."
    )]
    Check(CheckArgs),
    /// Print every criterion cue as a stand-alone regex (lexicons expanded).
    #[command(
        after_help = "Each pattern is Rust regex syntax carrying its own flags: (?i:...) or \
                      (?-i:...), word boundaries as (?-u:\\b). `--format rg` prints one per \
                      line, for `rg -f`.\nExit codes: 0 done, 2 the rubric does not load."
    )]
    Patterns(PatternsArgs),
}

/// Options of `eqscore rubric patterns`.
#[derive(Debug, clap::Args)]
pub struct PatternsArgs {
    /// The rubric file (default: the built-in `empathy` rubric).
    #[arg(value_name = "RUBRIC")]
    pub rubric: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = PatternsFormat::Rg)]
    pub format: PatternsFormat,
}

/// `eqscore rubric patterns --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PatternsFormat {
    /// One pattern per line, as `rg -f` and `grep -E -f` read them.
    Rg,
    /// A JSON array of {criterion, cue, lang, case_sensitive, pattern}.
    Json,
}

/// Options of `eqscore rubric check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Rubric files to check (default: the built-in `empathy` rubric).
    #[arg(value_name = "RUBRIC")]
    pub rubrics: Vec<PathBuf>,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `eqscore score`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Inputs: JSONL (chat messages, OpenAI chat-completion logs and batch \
output, Anthropic messages, ShareGPT, single replies), a JSON array or object, CSV, TSV, plain \
text; detected from the extension and content (see docs/input.md). In a directory, files named \
*.jsonl, *.ndjson, *.json, *.csv, *.tsv and *.txt are read, honouring .gitignore, .ignore and \
hidden files as ripgrep does.\n\
Exit codes: 0 all replies pass (or the gates hold), 1 at least one reply fails (or a gate \
fails), 2 error (also when --keep-going skipped bad input). Formats and gates: see \
docs/output.md."
)]
pub struct ScoreArgs {
    /// Files or directories to score; `-` or no file reads stdin.
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,

    /// Score this reply instead of reading files.
    #[arg(long, value_name = "REPLY", conflicts_with = "files")]
    pub text: Option<String>,

    /// The user's message that the --text reply answers.
    #[arg(long, value_name = "MESSAGE", requires = "text")]
    pub context: Option<String>,

    /// Use this rubric file instead of the built-in `empathy` rubric.
    #[arg(long, value_name = "PATH")]
    pub rubric: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// In text output, show the evidence behind every mark.
    #[arg(long)]
    pub explain: bool,

    /// Pass replies that score at least N (0..=100) instead of the rubric's threshold.
    #[arg(long, value_name = "N", value_parser = super::gate::parse_threshold)]
    pub threshold: Option<f64>,

    /// Fail the run only when fewer than R of the replies pass: a fraction
    /// (0.9) or a percentage (90%). Without it, any failed reply fails the run.
    #[arg(long, value_name = "R", value_parser = super::gate::parse_pass_rate)]
    pub min_pass_rate: Option<f64>,

    /// Fail the run when any reply leaves one of these criteria unmet (where it
    /// applies), even if the reply passes. Comma-separated criterion ids.
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub fail_on: Vec<String>,

    /// How to read the inputs (default: from each file's extension and content).
    #[arg(long, value_enum, value_name = "KIND", default_value_t = InputArg::Auto)]
    pub input: InputArg,

    /// Plain-text input holds one reply per line (default: one reply per file).
    #[arg(long)]
    pub lines: bool,

    /// In chat records, score the messages of this role.
    #[arg(long, value_name = "ROLE", default_value = "assistant")]
    pub role: String,

    /// Score on N threads (default: one per core; 1: no threads). The output
    /// is in input order whatever N.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// How many earlier user turns form a chat reply's context (0: none).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub context_turns: usize,

    /// CSV/TSV: the reply column (default: reply, response, output or completion).
    #[arg(long, value_name = "NAME")]
    pub reply_col: Option<String>,

    /// CSV/TSV: the context column (default: context, prompt or input, if any).
    #[arg(long, value_name = "NAME")]
    pub context_col: Option<String>,

    /// CSV/TSV: the id column (default: id, custom_id or conversation_id, if any).
    #[arg(long, value_name = "NAME")]
    pub id_col: Option<String>,

    /// In directories, read the files matching this glob instead of the usual
    /// extensions; `!GLOB` leaves files out. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Skip bad records and unreadable files instead of stopping; they are listed
    /// on stderr and counted in the JSON summary, and the exit code is 2.
    #[arg(long)]
    pub keep_going: bool,

    /// A reply longer than this many bytes is a bad record, or cut short with
    /// --long-replies truncate. A JSONL or text line may be 16 times as long.
    #[arg(long, value_name = "BYTES", default_value_t = eqscore::transcript::DEFAULT_MAX_REPLY_BYTES)]
    pub max_reply_bytes: usize,

    /// What to do with a reply over --max-reply-bytes: reject it as a bad
    /// record, or score its first part (cut at a line or sentence end), marked
    /// "truncated" in the output and counted on stderr.
    #[arg(long, value_name = "WHAT", value_enum, default_value_t = LongRepliesArg::Reject)]
    pub long_replies: LongRepliesArg,
}

/// `--long-replies` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LongRepliesArg {
    /// A bad record: stops the run, or is skipped with --keep-going.
    Reject,
    /// Scored on its first --max-reply-bytes bytes at most.
    Truncate,
}

/// `--input` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// From each file's extension, else its first bytes.
    Auto,
    /// One JSON record per line.
    Jsonl,
    /// One JSON document: an array of records or one record.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Plain text: one reply per file (per line with --lines).
    Text,
    /// Plain text, one reply per non-blank line.
    Lines,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A readable table and a summary.
    Text,
    /// One JSON document: rubric, results, summary.
    Json,
    /// One JSON object per reply.
    Jsonl,
    /// One CSV row per reply, one column per criterion.
    Csv,
    /// Totals only: pass rate, score statistics, met rates, a histogram.
    Summary,
    /// SARIF 2.1.0, one result per unmet criterion of a failed reply.
    Sarif,
    /// JUnit XML, one test case per reply.
    Junit,
    /// GitHub Actions workflow commands, one error per failed reply.
    Github,
    /// One promptfoo grading result per reply, one per line.
    Promptfoo,
}

impl From<FormatArg> for eqscore::report::Format {
    fn from(format: FormatArg) -> Self {
        use eqscore::report::Format;
        match format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Summary => Format::Summary,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
            FormatArg::Github => Format::Github,
            FormatArg::Promptfoo => Format::Promptfoo,
        }
    }
}
