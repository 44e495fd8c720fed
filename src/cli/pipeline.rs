//! Scoring on several threads, reporting in input order.
//!
//! The thread that reads the input hands replies to a [`Pipeline`] one by
//! one. With one job it scores each at once. With more, it gathers them in
//! batches of [`BATCH`], which scoring workers take from a queue; each
//! scored batch comes back with its sequence number, and the reading thread
//! hands the replies to the reporter in exactly the order they were read.
//! No more than [`Pipeline::window`] batches are in flight at once, so memory
//! stays flat however large the input. Workers start with the first full
//! batch, so one short reply never pays for threads. Each worker keeps its
//! own lazy-DFA caches (see `matcher`), made on first use.
//!
//! Errors keep their place: when reading fails, [`Pipeline::finish`] still
//! reports every reply read before the bad line, and none after it. When
//! reporting fails (a closed pipe), the workers drop what is left. Should a
//! worker panic (a bug), it says so before it ends, and the reading thread
//! panics too instead of waiting forever for the batch that will not come.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::Scope;

use eqscore::Scorer;
use eqscore::findings::ReplyScore;
use eqscore::transcript::ReplyItem;

/// Replies per batch: large enough that the queue is cheap, small enough
/// that the first results show at once.
const BATCH: usize = 256;

/// A batch of replies, numbered in reading order.
type Batch<T> = (u64, Vec<T>);

/// A reply and its score, ready to report.
pub type Scored = (ReplyItem, ReplyScore);

/// What a worker sends back: a scored batch, or `None` when it panicked.
type Returned = Option<Batch<Scored>>;

/// How a reply is scored: [`Scorer::score`], or a stand-in in tests.
type ScoreFn<'a> = dyn Fn(&ReplyItem) -> ReplyScore + Sync + 'a;

/// Runs `body` with a pipeline of `jobs` scoring threads (1: no threads).
pub fn scoped<R>(scorer: &Scorer, jobs: usize, body: impl FnOnce(&mut Pipeline) -> R) -> R {
    let score = |item: &ReplyItem| scorer.score(&item.reply, item.context.as_deref());
    scoped_with(&score, jobs, body)
}

fn scoped_with<R>(scorer: &ScoreFn<'_>, jobs: usize, body: impl FnOnce(&mut Pipeline) -> R) -> R {
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (results, from_workers) = channel();
        let mut pipeline = Pipeline {
            scorer,
            jobs: jobs.max(1),
            batch: Vec::new(),
            sent: 0,
            reported: 0,
            waiting: BTreeMap::new(),
            workers: None,
            scope,
            results: Some(results),
            from_workers,
            stop: &stop,
        };
        let result = body(&mut pipeline);
        // Whatever is still queued (after an output error) is dropped unscored.
        stop.store(true, Ordering::Relaxed);
        result
    })
}

/// Scores replies as they are read and reports them in order; see the
/// module doc.
pub struct Pipeline<'scope, 'env> {
    scorer: &'env ScoreFn<'env>,
    jobs: usize,
    /// Replies read but not yet sent to the workers.
    batch: Vec<ReplyItem>,
    /// Batches sent so far; the next one gets this number.
    sent: u64,
    /// Batches reported so far; the next one to report has this number.
    reported: u64,
    /// Scored batches that came back before an earlier one.
    waiting: BTreeMap<u64, Vec<Scored>>,
    /// The queue the workers take batches from, once they run.
    workers: Option<Sender<Batch<ReplyItem>>>,
    scope: &'scope Scope<'scope, 'env>,
    /// Handed to the workers when they start, so that the channel closes
    /// should they all stop.
    results: Option<Sender<Returned>>,
    from_workers: Receiver<Returned>,
    stop: &'scope AtomicBool,
}

impl<'scope, 'env> Pipeline<'scope, 'env> {
    /// Takes one reply; reports, through `report`, whatever is ready.
    pub fn push<E>(
        &mut self,
        item: ReplyItem,
        report: &mut impl FnMut(Scored) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.jobs == 1 {
            let score = (self.scorer)(&item);
            return report((item, score));
        }
        self.batch.push(item);
        if self.batch.len() < BATCH {
            return Ok(());
        }
        self.send();
        while self.sent - self.reported >= self.window() {
            self.receive_one(report)?;
        }
        self.report_ready(report)
    }

    /// Scores and reports every reply taken so far, in order.
    pub fn finish<E>(&mut self, report: &mut impl FnMut(Scored) -> Result<(), E>) -> Result<(), E> {
        if !self.batch.is_empty() {
            self.send();
        }
        while self.reported < self.sent {
            self.receive_one(report)?;
        }
        Ok(())
    }

    /// How many batches may be in flight: enough to keep every worker busy
    /// while the reporter catches up.
    fn window(&self) -> u64 {
        2 * self.jobs as u64 + 2
    }

    fn send(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        if self.workers.is_none() {
            self.workers = Some(self.start_workers());
        }
        if let Some(queue) = &self.workers {
            // The workers run until the queue closes, so it is open here.
            let _ = queue.send((self.sent, batch));
        }
        self.sent += 1;
    }

    fn start_workers(&mut self) -> Sender<Batch<ReplyItem>> {
        let (queue, batches) = channel::<Batch<ReplyItem>>();
        let batches = Arc::new(Mutex::new(batches));
        if let Some(results) = self.results.take() {
            for _ in 0..self.jobs {
                let worker = Worker {
                    scorer: self.scorer,
                    batches: Arc::clone(&batches),
                    results: results.clone(),
                    stop: self.stop,
                };
                self.scope.spawn(move || worker.run());
            }
        }
        queue
    }

    /// Waits for one scored batch, then reports what is ready.
    fn receive_one<E>(
        &mut self,
        report: &mut impl FnMut(Scored) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.from_workers.recv() {
            Ok(Some((seq, scored))) => {
                self.waiting.insert(seq, scored);
            }
            // Only a bug gets here: the scope re-raises the worker's panic.
            Ok(None) | Err(_) => panic!("a scoring thread stopped"),
        }
        self.report_ready(report)
    }

    /// Reports the batches that are next in order.
    fn report_ready<E>(
        &mut self,
        report: &mut impl FnMut(Scored) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Ok(returned) = self.from_workers.try_recv() {
            let Some((seq, scored)) = returned else {
                panic!("a scoring thread stopped");
            };
            self.waiting.insert(seq, scored);
        }
        while let Some(scored) = self.waiting.remove(&self.reported) {
            self.reported += 1;
            scored.into_iter().try_for_each(&mut *report)?;
        }
        Ok(())
    }
}

/// One scoring thread: takes batches until the queue closes.
struct Worker<'a> {
    scorer: &'a ScoreFn<'a>,
    batches: Arc<Mutex<Receiver<Batch<ReplyItem>>>>,
    results: Sender<Returned>,
    stop: &'a AtomicBool,
}

/// Tells the reading thread when its worker unwinds from a panic.
struct PanicNotice(Sender<Returned>);

impl Drop for PanicNotice {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(None);
        }
    }
}

impl Worker<'_> {
    fn run(self) {
        let _notice = PanicNotice(self.results.clone());
        loop {
            let next = match self.batches.lock() {
                Ok(batches) => batches.recv(),
                Err(_) => return,
            };
            let Ok((seq, items)) = next else { return };
            if self.stop.load(Ordering::Relaxed) {
                continue;
            }
            let scored = items
                .into_iter()
                .map(|item| {
                    let score = (self.scorer)(&item);
                    (item, score)
                })
                .collect();
            if self.results.send(Some((seq, scored))).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use eqscore::Scorer;
    use eqscore::transcript::{ReplyItem, Source};

    use super::scoped_with;

    fn item(n: usize) -> ReplyItem {
        ReplyItem {
            id: Some(n.to_string()),
            source: Source {
                path: Arc::from("t"),
                line: n as u64 + 1,
            },
            turn: None,
            context: None,
            reply: format!("reply {n}"),
            truncated: false,
        }
    }

    #[test]
    fn a_panicking_worker_stops_the_run_instead_of_hanging_it() {
        let run = std::thread::spawn(|| {
            let scorer = Scorer::builtin().unwrap();
            let score = |item: &ReplyItem| {
                assert!(item.reply != "reply 300", "a bug in scoring");
                scorer.score(&item.reply, None)
            };
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scoped_with(&score, 2, |pipe| {
                    let mut report = |_| Ok::<(), ()>(());
                    for n in 0..2000 {
                        pipe.push(item(n), &mut report)?;
                    }
                    pipe.finish(&mut report)
                })
            }))
            .is_err()
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !run.is_finished() {
            assert!(std::time::Instant::now() < deadline, "the pipeline hung");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(run.join().unwrap(), "the worker's panic reaches the caller");
    }
}
