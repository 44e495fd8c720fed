//! Reading a whole file no further than a size limit, so a huge file, a
//! FIFO or `/dev/zero` given where a small file is expected cannot exhaust
//! memory: the size the file system reports is checked first, then at most
//! one byte past the limit is read. Used for rubric files and for the files
//! `eqscore check` reads (templates, config, baseline).

use std::io::Read;

use crate::error::{Error, ErrorKind};

/// A size limit on one file, and how to name it in the error.
#[derive(Debug, Clone, Copy)]
pub struct SizeLimit<'a> {
    /// The most bytes allowed.
    pub bytes: u64,
    /// The file as shown in messages.
    pub shown: &'a str,
    /// What the file is, e.g. `rubric file`, `template`.
    pub what: &'a str,
    /// The kind of the over-the-limit error.
    pub kind: ErrorKind,
}

impl SizeLimit<'_> {
    /// The bytes of `file`; the inner error when it holds more than the
    /// limit. The outer error is a failure to read, for the caller to word.
    pub fn read(&self, file: std::fs::File) -> std::io::Result<Result<Vec<u8>, Error>> {
        let reported = file.metadata()?.len();
        if reported > self.bytes {
            return Ok(Err(self.error(Some(reported))));
        }
        let mut bytes = Vec::new();
        file.take(self.bytes.saturating_add(1))
            .read_to_end(&mut bytes)?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > self.bytes {
            return Ok(Err(self.error(None)));
        }
        Ok(Ok(bytes))
    }

    /// `shown: what is N bytes, over the L MiB limit`; without N when the
    /// size is not known ahead (a pipe, a device).
    pub fn error(&self, size: Option<u64>) -> Error {
        let (shown, what, mib) = (self.shown, self.what, self.bytes >> 20);
        let message = match size {
            Some(size) => format!("{shown}: {what} is {size} bytes, over the {mib} MiB limit"),
            None => format!("{shown}: {what} is over the {mib} MiB limit"),
        };
        Error::new(self.kind, message)
    }
}
