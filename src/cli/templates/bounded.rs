//! Reading the files `eqscore check` opens (templates, its config, the
//! baseline) with a size limit ([`eqscore::limited`]), so a stray
//! multi-gigabyte file or a FIFO in a repository cannot exhaust memory.

use std::path::Path;

use eqscore::limited::SizeLimit;
use eqscore::{Error, ErrorKind};

/// The largest template file read: 16 MiB, like a rubric. Prompt templates
/// are kilobytes; a bigger `.json` or `.md` is data, to be excluded in the
/// config (`exclude = [...]`).
pub const MAX_TEMPLATE_BYTES: u64 = 16 << 20;

/// The largest `eqscore.toml` or `pyproject.toml` read: 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The largest baseline read: 64 MiB, some 300,000 findings.
pub const MAX_BASELINE_BYTES: u64 = 64 << 20;

/// The bytes of `path` (shown as `shown` in errors), or an error naming the
/// file and the limit when it holds more than `limit` bytes. `what` names
/// the kind of file in that error ("template", "config file", "baseline").
pub fn read(path: &Path, shown: &str, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let cannot =
        |e: std::io::Error| Error::new(ErrorKind::Io, format!("{shown}: cannot read: {e}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let limit = SizeLimit {
        bytes: limit,
        shown,
        what,
        kind: ErrorKind::Input,
    };
    limit.read(file).map_err(cannot)?
}

/// [`read`] as UTF-8 text; invalid UTF-8 is an error naming its line.
pub fn read_text(path: &Path, shown: &str, limit: u64, what: &str) -> Result<String, Error> {
    let bytes = read(path, shown, limit, what)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e
            .as_bytes()
            .iter()
            .take(valid)
            .filter(|&&b| b == b'\n')
            .count();
        Error::new(ErrorKind::Input, format!("{shown}:{line}: invalid UTF-8"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b'x'; 2 << 20]).unwrap();
        let err = read(&path, "big.json", 1 << 20, "template").unwrap_err();
        assert_eq!(
            err.to_string(),
            "big.json: template is 2097152 bytes, over the 1 MiB limit"
        );
        assert_eq!(
            read(&path, "big.json", 2 << 20, "template").unwrap().len(),
            2 << 20
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_stops_at_the_limit() {
        let err = read(Path::new("/dev/zero"), "/dev/zero", 1 << 20, "config file").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/dev/zero: config file is over the 1 MiB limit"
        );
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.md");
        std::fs::write(&path, b"one\ntwo \xff\n").unwrap();
        let err = read_text(&path, "t.md", 1 << 20, "template").unwrap_err();
        assert_eq!(err.to_string(), "t.md:2: invalid UTF-8");
    }
}
