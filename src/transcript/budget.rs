//! A byte budget per record for the readers that parse a record whole from a
//! stream (a JSON document's element, a CSV row), so that one endless record
//! cannot exhaust memory.
//!
//! The reader is told before each record how many bytes it may read
//! ([`Budget::allow`]); past that, reads fail and [`Budget::is_over`] says
//! why. Unlike a JSONL line, such a record cannot be skipped (the parser has
//! lost its place), so it ends the file as a bad record.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

/// How many bytes may still be read, shared by the reader and its parser.
#[derive(Debug)]
pub(super) struct Budget {
    /// Bytes read so far.
    read: Cell<u64>,
    /// The byte count reads may not go past.
    end: Cell<u64>,
    /// Whether a read was refused.
    over: Cell<bool>,
}

impl Budget {
    /// A budget with no limit until [`Budget::allow`].
    pub(super) fn new() -> Rc<Budget> {
        Rc::new(Budget {
            read: Cell::new(0),
            end: Cell::new(u64::MAX),
            over: Cell::new(false),
        })
    }

    /// Lets `bytes` more be read from here.
    pub(super) fn allow(&self, bytes: usize) {
        let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
        self.end.set(self.read.get().saturating_add(bytes));
    }

    /// Whether a read was refused for going past the budget.
    pub(super) fn is_over(&self) -> bool {
        self.over.get()
    }
}

/// A reader that stops at its budget's end with an error.
pub(super) struct Limited<R> {
    /// The input.
    pub(super) inner: R,
    /// The budget, shared with whoever parses what is read.
    pub(super) budget: Rc<Budget>,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let budget = &self.budget;
        let room = budget.end.get().saturating_sub(budget.read.get());
        if room == 0 && !buf.is_empty() {
            budget.over.set(true);
            return Err(io::Error::other("record over the length limit"));
        }
        let want = usize::try_from(room).unwrap_or(usize::MAX).min(buf.len());
        let head = buf.get_mut(..want).unwrap_or_default();
        let read = self.inner.read(head)?;
        budget
            .read
            .set(budget.read.get().saturating_add(read as u64));
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_budget_and_resume_after_allow() {
        let budget = Budget::new();
        let mut reader = Limited {
            inner: &b"0123456789"[..],
            budget: Rc::clone(&budget),
        };
        budget.allow(4);
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).unwrap_err();
        assert_eq!((out.as_slice(), budget.is_over()), (&b"0123"[..], true));
        assert_eq!(err.to_string(), "record over the length limit");
        budget.allow(100);
        out.clear();
        reader.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"456789");
    }
}
