//! A progress bar on stderr for long `eqscore score` runs.
//!
//! Drawn only when stderr is a terminal and stdout is not (results printed
//! on the same screen would tear it), and only once a run has taken longer
//! than [`QUIET_FOR`], so short runs never flash one. Never in a pipe or a
//! CI log. It shows replies scored and replies/s; when every input is a
//! file, also the bytes read of their total size and an ETA.

use std::io::{self, IsTerminal, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before it gets a bar.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Replies between two updates of the bar.
const EVERY: u64 = 64;

/// The progress of one run; does nothing when no bar is wanted.
pub struct Progress {
    /// `None` when no bar is ever drawn.
    bar: Option<ProgressBar>,
    started: Instant,
    shown: bool,
    replies: u64,
    /// Bytes read from the input files so far.
    read: Arc<AtomicU64>,
}

impl Progress {
    /// Progress for scoring `files` (stdin when empty or `-`); `None` for a
    /// `--text` run.
    pub fn new(files: &[PathBuf], text: bool) -> Progress {
        let wanted = !text && io::stderr().is_terminal() && !io::stdout().is_terminal();
        Progress {
            bar: wanted.then(|| bar(total_size(files))),
            started: Instant::now(),
            shown: false,
            replies: 0,
            read: Arc::new(AtomicU64::new(0)),
        }
    }

    /// `reader`, counting the bytes read from it.
    pub fn reader<R: Read>(&self, reader: R) -> Counting<R> {
        Counting {
            inner: reader,
            read: Arc::clone(&self.read),
        }
    }

    /// One more reply reported.
    pub fn replied(&mut self) {
        self.replies += 1;
        if self.replies % EVERY != 0 {
            return;
        }
        let Some(bar) = &self.bar else { return };
        let elapsed = self.started.elapsed();
        if !self.shown && elapsed >= QUIET_FOR {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        let rate = self.replies as f64 / elapsed.as_secs_f64().max(1e-3);
        bar.set_position(self.read.load(Ordering::Relaxed));
        bar.set_message(format!("{} replies, {rate:.0}/s", self.replies));
    }

    /// Clears the bar, before the summary or an error is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The bar, hidden until [`QUIET_FOR`] has passed.
fn bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()),
            "{elapsed} [{bar:30}] {bytes}/{total_bytes} {msg}, ETA {eta}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            "{spinner} {elapsed} {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// The summed size of `files`; `None` when one is stdin or cannot be read.
fn total_size(files: &[PathBuf]) -> Option<u64> {
    if files.is_empty() {
        return None;
    }
    files
        .iter()
        .map(|path| match path.as_os_str() == "-" {
            true => None,
            false => std::fs::metadata(path).ok().map(|m| m.len()),
        })
        .sum()
}

/// A reader that adds what it reads to a shared count.
pub struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_reader_counts_every_byte() {
        let progress = Progress::new(&[], true);
        let mut text = String::new();
        progress
            .reader("one\ntwo\n".as_bytes())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(progress.read.load(Ordering::Relaxed), 8);
        assert!(progress.bar.is_none(), "--text never gets a bar");
    }

    #[test]
    fn total_size_is_unknown_with_stdin() {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let size = std::fs::metadata(&manifest).unwrap().len();
        let twice = [manifest.clone(), manifest.clone()];
        assert_eq!(total_size(&twice), Some(2 * size));
        assert_eq!(total_size(&[manifest, PathBuf::from("-")]), None);
        assert_eq!(total_size(&[]), None);
    }
}
