//! `eqscore score`: read replies, score each, hand the findings to a reporter.
//!
//! Input streams: a JSONL file is read line by line (a JSON array element by
//! element, a CSV row by row) and each reply is reported as soon as it is scored,
//! so memory stays flat however long the transcript. Directories are walked by
//! [`super::inputs`]. With `--keep-going` a bad record or unreadable file is
//! counted in the summary, listed on stderr at the end, and makes the exit code 2
//! once everything else is scored (as ripgrep does when a file cannot be read).
//! Scoring runs on `--jobs` threads ([`super::pipeline`]); what is reported,
//! and in which order, does not depend on it.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use eqscore::report::{self, ReportOptions, Reporter, RubricInfo, Summary};
use eqscore::transcript::{self, InputKind, ReadOptions, ReplyItem, ReplySink, Source};
use eqscore::{Error, ErrorKind, ReplyScore, Scorer};

use super::Outcome;
use super::args::ScoreArgs;
use super::gate::Gate;
use super::inputs;
use super::pipeline::{self, Pipeline};
use super::progress::Progress;

/// Runs `eqscore score`.
pub fn run(args: &ScoreArgs) -> Result<Outcome, Error> {
    let mut scorer = match &args.rubric {
        Some(path) => Scorer::from_path(path)?,
        None => Scorer::builtin()?,
    };
    if let Some(threshold) = args.threshold {
        scorer = scorer.with_threshold(threshold)?;
    }
    // Never dropped: freeing the automata took ~6% of a one-reply run, and
    // the process ends right after.
    let scorer = std::mem::ManuallyDrop::new(scorer);
    let info = RubricInfo::from(scorer.rubric());
    let ids: Vec<&str> = info.criteria.iter().map(|c| c.id.as_str()).collect();
    let gate = Gate::new(args.min_pass_rate, &args.fail_on, &ids)?;
    let stdout = io::stdout();
    let out = Box::new(BufWriter::new(stdout.lock()));
    let options = ReportOptions {
        explain: args.explain,
    };
    let progress = Progress::new(&args.files, args.text.is_some());
    let (result, gate, summary) = pipeline::scoped(&scorer, jobs(args), |pipe| {
        let mut run = Run {
            pipe,
            reporter: report::reporter(args.format.into(), out, options),
            summary: Summary::new(&info),
            keep_going: args.keep_going,
            kind: inputs::forced_kind(args.input),
            gate,
            progress,
            truncated: 0,
        };
        let read = run.start(&info).and_then(|()| run.inputs(args));
        let result = run.drain(read).and_then(|()| run.finish());
        run.progress.finish();
        (result, run.gate, (run.summary, run.truncated))
    });
    let (summary, truncated) = summary;
    match result {
        Ok(()) => {}
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(Outcome::AllPassed);
        }
        Err(Failure::Output(e)) => {
            return Err(Error::new(
                ErrorKind::Io,
                format!("<stdout>: cannot write: {e}"),
            ));
        }
        Err(Failure::Input(e)) => return Err(e),
    }
    if truncated > 0 {
        eprint_truncated(truncated, args.max_reply_bytes);
    }
    if summary.skipped.count > 0 {
        eprint_skipped(&summary);
        return Ok(Outcome::Incomplete);
    }
    let failures = gate.failures(&summary);
    if failures.is_empty() {
        return Ok(Outcome::AllPassed);
    }
    if gate.is_custom() {
        // The report is complete; a closed stderr must not turn exit 1 into a panic.
        let mut stderr = io::stderr().lock();
        for reason in failures {
            let _ = writeln!(stderr, "eqscore: run failed: {reason}");
        }
    }
    Ok(Outcome::SomeFailed)
}

/// Why a run stopped early: bad input, or output nobody can receive.
enum Failure {
    Input(Error),
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// Says how many replies --long-replies truncate cut short.
fn eprint_truncated(count: usize, limit: usize) {
    let (noun, verb, their) = if count == 1 {
        ("reply", "was", "its")
    } else {
        ("replies", "were", "their")
    };
    let _ = writeln!(
        io::stderr().lock(),
        "eqscore: {count} {noun} over --max-reply-bytes {verb} scored on {their} first {limit} bytes \
         or less (--long-replies truncate; \"truncated\" in json/jsonl output)"
    );
}

/// Lists what --keep-going skipped: the count, then the first few.
fn eprint_skipped(summary: &Summary) {
    let skipped = &summary.skipped;
    let noun = if skipped.count == 1 {
        "record"
    } else {
        "records"
    };
    // A closed stderr must not turn exit 2 into a panic.
    let mut stderr = io::stderr().lock();
    let _ = writeln!(
        stderr,
        "error: skipped {} unreadable {noun} (--keep-going):",
        skipped.count
    );
    for skip in &skipped.first {
        let _ = writeln!(stderr, "  {}: {}", skip.source, skip.reason);
    }
    let more = skipped.count - skipped.first.len();
    if more > 0 {
        let _ = writeln!(stderr, "  ... and {more} more");
    }
}

/// `--jobs`, or one thread per core.
fn jobs(args: &ScoreArgs) -> usize {
    match args.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

struct Run<'a, 's, 'e> {
    pipe: &'a mut Pipeline<'s, 'e>,
    reporter: Box<dyn Reporter + 'a>,
    summary: Summary,
    keep_going: bool,
    kind: Option<InputKind>,
    gate: Gate,
    progress: Progress,
    /// Replies cut short by --long-replies truncate.
    truncated: usize,
}

impl<'a, 's, 'e> Run<'a, 's, 'e> {
    fn start(&mut self, info: &RubricInfo) -> Result<(), Failure> {
        Ok(self.reporter.start(info)?)
    }

    /// Reports the replies still being scored, unless output already failed;
    /// then passes on how reading ended.
    fn drain(&mut self, read: Result<(), Failure>) -> Result<(), Failure> {
        if let Err(Failure::Output(e)) = read {
            return Err(Failure::Output(e));
        }
        let (pipe, mut sink) = self.split();
        pipe.finish(&mut |(item, score)| sink.record(&item, &score))?;
        read
    }

    fn finish(&mut self) -> Result<(), Failure> {
        Ok(self.reporter.finish(&self.summary)?)
    }

    fn inputs(&mut self, args: &ScoreArgs) -> Result<(), Failure> {
        let options = inputs::read_options(args);
        if let Some(text) = &args.text {
            let item = ReplyItem {
                id: None,
                source: Source {
                    path: Arc::from("<text>"),
                    line: 1,
                },
                turn: None,
                context: args.context.clone(),
                reply: text.clone(),
                truncated: false,
            };
            return self.item(item);
        }
        if args.files.is_empty() {
            return self.stdin(&options);
        }
        for path in &args.files {
            if path.as_os_str() == "-" {
                self.stdin(&options)?;
            } else if path.is_dir() {
                self.directory(path, &args.glob, &options)?;
            } else {
                self.file(path, &options)?;
            }
        }
        Ok(())
    }

    fn directory(
        &mut self,
        dir: &Path,
        globs: &[String],
        options: &ReadOptions,
    ) -> Result<(), Failure> {
        for file in inputs::walk(dir, globs).map_err(Failure::Input)? {
            match file {
                Ok(file) => self.file(&file, options)?,
                Err(e) => self.bad_input(&dir.display().to_string(), e)?,
            }
        }
        Ok(())
    }

    /// Skips an unreadable record or file with --keep-going, else stops.
    fn bad_input(&mut self, path: &str, error: Error) -> Result<(), Failure> {
        if !self.keep_going {
            return Err(Failure::Input(error));
        }
        let (source, reason) = inputs::split_location(path, error.message());
        self.summary.skip(source, reason);
        Ok(())
    }

    fn stdin(&mut self, options: &ReadOptions) -> Result<(), Failure> {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            let hint =
                "<stdin>: no input: give files, --text, or pipe replies on stdin (see --help)";
            return Err(Failure::Input(Error::new(ErrorKind::Input, hint)));
        }
        self.stream(stdin.lock(), "<stdin>", "-", options)
    }

    fn file(&mut self, path: &Path, options: &ReadOptions) -> Result<(), Failure> {
        let shown = path.display().to_string();
        match File::open(path) {
            Ok(file) => {
                let file = self.progress.reader(file);
                self.stream(BufReader::new(file), &shown, &shown, options)
            }
            Err(e) => {
                let error = Error::new(ErrorKind::Io, format!("{shown}: cannot open: {e}"));
                self.bad_input(&shown, error)
            }
        }
    }

    fn stream(
        &mut self,
        mut reader: impl BufRead,
        shown: &str,
        kind_hint: &str,
        options: &ReadOptions,
    ) -> Result<(), Failure> {
        let head = match reader.fill_buf() {
            Ok(head) => head,
            Err(e) => {
                let error = Error::new(ErrorKind::Io, format!("{shown}: cannot read: {e}"));
                return self.bad_input(shown, error);
            }
        };
        let kind = self
            .kind
            .unwrap_or_else(|| transcript::detect_kind(kind_hint, head));
        let path: Arc<str> = Arc::from(shown);
        let mut sink = RunSink {
            run: self,
            path: Arc::clone(&path),
            output_error: None,
            stopped: None,
        };
        let read = transcript::read_source(reader, &path, kind, options, &mut sink);
        match (read, sink.output_error, sink.stopped) {
            (_, Some(e), _) => Err(Failure::Output(e)),
            (_, None, Some(failure)) => Err(failure),
            (Err(e), None, None) => Err(Failure::Input(e)),
            (Ok(()), None, None) => Ok(()),
        }
    }

    fn item(&mut self, item: ReplyItem) -> Result<(), Failure> {
        let (pipe, mut sink) = self.split();
        Ok(pipe.push(item, &mut |(item, score)| sink.record(&item, &score))?)
    }

    /// The pipeline, and where its scored replies go, borrowed apart.
    fn split(&mut self) -> (&mut Pipeline<'s, 'e>, Sink<'_, 'a>) {
        let sink = Sink {
            reporter: &mut self.reporter,
            summary: &mut self.summary,
            gate: &mut self.gate,
            progress: &mut self.progress,
        };
        (self.pipe, sink)
    }
}

/// Everything a scored reply updates, in input order.
struct Sink<'r, 'a> {
    reporter: &'r mut Box<dyn Reporter + 'a>,
    summary: &'r mut Summary,
    gate: &'r mut Gate,
    progress: &'r mut Progress,
}

impl Sink<'_, '_> {
    fn record(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        self.summary.add(score);
        self.gate.observe(score);
        self.progress.replied();
        self.reporter.reply(item, score)
    }
}

/// Scores what [`transcript::read_source`] reads and skips what it cannot, as
/// the run decides.
struct RunSink<'r, 'a, 's, 'e> {
    run: &'r mut Run<'a, 's, 'e>,
    path: Arc<str>,
    /// A write error, which stops everything and is reported as such.
    output_error: Option<io::Error>,
    /// A failure from the run that is not the reader's own error.
    stopped: Option<Failure>,
}

impl ReplySink for &mut RunSink<'_, '_, '_, '_> {
    fn reply(&mut self, item: ReplyItem) -> eqscore::Result<()> {
        self.run.truncated += usize::from(item.truncated);
        self.run.item(item).map_err(|failure| match failure {
            Failure::Input(e) => e,
            Failure::Output(e) => {
                self.output_error = Some(e);
                Error::new(ErrorKind::Io, "<stdout>: write failed")
            }
        })
    }

    fn bad_record(&mut self, error: Error) -> eqscore::Result<()> {
        let path = Arc::clone(&self.path);
        match self.run.bad_input(&path, error) {
            Ok(()) => Ok(()),
            Err(Failure::Input(e)) => Err(e),
            Err(failure) => {
                self.stopped = Some(failure);
                Err(Error::new(ErrorKind::Io, "stopped"))
            }
        }
    }
}
