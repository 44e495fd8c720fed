//! `Scorer.score_many`: many replies on several threads, GIL released.
//!
//! The items are copied out of Python first (the only part that needs the
//! GIL), then `jobs` scoped threads take chunks of [`CHUNK`] from a shared
//! counter, so a slow chunk does not hold up the others. Each chunk's results
//! land in their input slots: the output is in input order. The library keeps
//! a lazy-DFA cache per thread, as in the CLI's pipeline.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::results::ReplyScore;

/// Replies a thread takes at a time: enough to make the counter cheap, few
/// enough to balance the load.
const CHUNK: usize = 256;

/// A reply and the user's message it answers.
pub type Item = (String, Option<String>);

/// Reads `items`: strings, or `(reply, context)` pairs with `context` a
/// string or `None`.
pub fn extract(items: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    let mut out = Vec::with_capacity(items.len().unwrap_or(0));
    for (i, item) in items.try_iter()?.enumerate() {
        let item = item?;
        if item.is_instance_of::<PyString>() {
            out.push((item.extract()?, None));
            continue;
        }
        match item.extract::<(String, Option<String>)>() {
            Ok(pair) => out.push(pair),
            Err(_) => {
                let kind = item.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "score_many: item {i}: expected a str or a (reply, context) pair, got {kind}"
                )));
            }
        }
    }
    Ok(out)
}

/// The number of threads: `jobs`, or every core when `None`.
pub fn jobs(jobs: Option<usize>) -> PyResult<usize> {
    match jobs {
        Some(0) => Err(PyValueError::new_err("score_many: jobs must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, NonZeroUsize::get)),
    }
}

/// Scores `items` on `jobs` threads; results in input order.
pub fn score(scorer: &eqscore::Scorer, items: &[Item], jobs: usize) -> Vec<ReplyScore> {
    let one =
        |(reply, context): &Item| ReplyScore::new(reply, scorer.score(reply, context.as_deref()));
    let chunks = items.len().div_ceil(CHUNK);
    let jobs = jobs.min(chunks);
    if jobs <= 1 {
        return items.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<ReplyScore>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let chunk = next.fetch_add(1, Ordering::Relaxed);
                        if chunk >= chunks {
                            return mine;
                        }
                        let end = ((chunk + 1) * CHUNK).min(items.len());
                        mine.push((chunk, items[chunk * CHUNK..end].iter().map(one).collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a scoring thread panicked"))
            .collect()
    });
    done.sort_unstable_by_key(|(chunk, _)| *chunk);
    done.into_iter().flat_map(|(_, scores)| scores).collect()
}
