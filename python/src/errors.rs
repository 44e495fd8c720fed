//! The library's errors as Python exceptions.
//!
//! Every [`eqscore::Error`] becomes an `eqscore.EqscoreError` (a
//! `ValueError`) whose message is the CLI's located one-line message, with
//! `kind`, and for rubric errors `origin`, `line`, `column`, `json_path` and
//! `hint`, as attributes. A rubric file that cannot be read raises
//! `eqscore.RubricFileError`, which is also an `OSError`. The classes are
//! defined in Python (`eqscore/_errors.py`) because one derives from two
//! built-in exceptions.

use eqscore::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The snake_case name of `kind`, as the `kind` attribute holds it.
fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::RubricSyntax => "rubric_syntax",
        ErrorKind::RubricInvalid => "rubric_invalid",
        ErrorKind::Pattern => "pattern",
        ErrorKind::Input => "input",
        ErrorKind::Io => "io",
        ErrorKind::Usage => "usage",
        _ => "other",
    }
}

/// The Python exception for `error`.
pub fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    match build(py, error) {
        Ok(err) => err,
        // Only when eqscore/_errors.py is broken: still say what went wrong.
        Err(_) => pyo3::exceptions::PyValueError::new_err(error.message().to_owned()),
    }
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let class = if error.kind() == ErrorKind::Io {
        "RubricFileError"
    } else {
        "EqscoreError"
    };
    let class = py.import("eqscore._errors")?.getattr(class)?;
    let location = error.location();
    let fields = PyDict::new(py);
    fields.set_item("kind", kind_name(error.kind()))?;
    fields.set_item("origin", location.map(|l| l.origin.clone()))?;
    fields.set_item("line", location.map(|l| l.line))?;
    fields.set_item("column", location.map(|l| l.column))?;
    fields.set_item("json_path", location.map(|l| l.json_path.clone()))?;
    fields.set_item("hint", location.and_then(|l| l.hint.clone()))?;
    let value = class.call((error.message(),), Some(&fields))?;
    Ok(PyErr::from_value(value))
}
