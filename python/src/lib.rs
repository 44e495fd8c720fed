//! `eqscore._eqscore`: the Python extension module behind the `eqscore`
//! package.
//!
//! It wraps the Rust library, nothing more: [`Scorer`] compiles a rubric,
//! `score` judges one reply, `score_many` judges a list on several threads
//! with the GIL released, and the result classes (see [`results`]) carry the
//! findings with Python string offsets. Errors become `eqscore.EqscoreError`
//! with the library's located message (see [`errors`]).

#![deny(missing_docs)]

mod errors;
mod many;
mod offsets;
mod results;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::PyString;

use results::{CriterionScore, Evidence, ReplyScore, Suppressed};

/// The built-in rubric, compiled once per process and shared by every
/// `Scorer()` made without a rubric.
fn builtin(py: Python<'_>) -> PyResult<Arc<eqscore::Scorer>> {
    static BUILTIN: OnceLock<Result<Arc<eqscore::Scorer>, eqscore::Error>> = OnceLock::new();
    let compiled = py.detach(|| BUILTIN.get_or_init(|| eqscore::Scorer::builtin().map(Arc::new)));
    compiled.clone().map_err(|e| errors::to_py(py, &e))
}

/// A compiled rubric, ready to score replies. Thread-safe.
#[pyclass(module = "eqscore", frozen)]
struct Scorer {
    inner: Arc<eqscore::Scorer>,
}

#[pymethods]
impl Scorer {
    #[new]
    #[pyo3(signature = (rubric = None, *, threshold = None))]
    fn new(
        py: Python<'_>,
        rubric: Option<&Bound<'_, PyAny>>,
        threshold: Option<f64>,
    ) -> PyResult<Self> {
        let compiled = match rubric {
            None => builtin(py)?,
            Some(rubric) => Arc::new(compile(py, rubric)?),
        };
        let inner = match threshold {
            None => compiled,
            Some(t) => {
                // `with_threshold` takes the scorer by value; a clone shares
                // the compiled rubric, so the built-in one is not compiled anew.
                let own = Arc::unwrap_or_clone(compiled);
                Arc::new(own.with_threshold(t).map_err(|e| errors::to_py(py, &e))?)
            }
        };
        Ok(Scorer { inner })
    }

    /// Scores one reply, answering the user's message `context` when given.
    #[pyo3(signature = (reply, context = None))]
    fn score(&self, py: Python<'_>, reply: &str, context: Option<&str>) -> ReplyScore {
        let (reply, context) = (reply.to_owned(), context.map(str::to_owned));
        py.detach(|| ReplyScore::new(&reply, self.inner.score(&reply, context.as_deref())))
    }

    /// Scores many replies on `jobs` threads (default: every core), results
    /// in input order. Items are strings or `(reply, context)` pairs.
    #[pyo3(signature = (items, jobs = None))]
    fn score_many(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Vec<ReplyScore>> {
        let items = many::extract(items)?;
        let jobs = many::jobs(jobs)?;
        Ok(py.detach(|| many::score(&self.inner, &items, jobs)))
    }

    /// The rubric's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.rubric().name.clone()
    }

    /// The pass threshold, 0-100.
    #[getter]
    fn threshold(&self) -> f64 {
        self.inner.rubric().threshold
    }

    /// The criterion ids, in rubric order.
    #[getter]
    fn criteria(&self) -> Vec<String> {
        self.inner
            .rubric()
            .criteria
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    fn __repr__(&self) -> String {
        let rubric = self.inner.rubric();
        format!(
            "Scorer(name={:?}, threshold={})",
            rubric.name, rubric.threshold
        )
    }
}

/// Compiles `rubric`: JSON text when it is a string starting with `{`,
/// otherwise a path (`str` or `os.PathLike`).
fn compile(py: Python<'_>, rubric: &Bound<'_, PyAny>) -> PyResult<eqscore::Scorer> {
    if let Ok(text) = rubric.cast::<PyString>() {
        let text = text.to_cow()?;
        if text.trim_start().starts_with('{') {
            let text = text.into_owned();
            return py
                .detach(|| eqscore::Scorer::from_json(&text, "<string>"))
                .map_err(|e| errors::to_py(py, &e));
        }
    }
    let path: PathBuf = rubric.extract()?;
    py.detach(|| eqscore::Scorer::from_path(&path))
        .map_err(|e| errors::to_py(py, &e))
}

/// The built-in `empathy` rubric's JSON text.
#[pyfunction]
fn builtin_rubric() -> &'static str {
    eqscore::rubric::BUILTIN_EMPATHY
}

#[pymodule]
fn _eqscore(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Scorer>()?;
    m.add_class::<ReplyScore>()?;
    m.add_class::<CriterionScore>()?;
    m.add_class::<Evidence>()?;
    m.add_class::<Suppressed>()?;
    m.add_function(wrap_pyfunction!(builtin_rubric, m)?)?;
    Ok(())
}
