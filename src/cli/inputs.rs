//! Which files a directory argument stands for: ripgrep's walker (`ignore`).
//!
//! A directory is walked recursively in file-name order, honouring `.gitignore`
//! (inside a git repository), `.ignore`, `.git/info/exclude` and the global git
//! excludes, and leaving out hidden files and directories, as ripgrep does.
//! Without `--glob`, the files picked are those named `*.jsonl`, `*.ndjson`,
//! `*.json`, `*.csv`, `*.tsv` and `*.txt` (any case). With `--glob`, the files
//! matching a glob are picked whatever their extension, and `!GLOB` leaves files
//! out (globs match paths relative to the directory; a glob without `/` matches
//! a file name at any depth). Symbolic links are not followed. A file given
//! explicitly on the command line is always read.
//!
//! Also here: how the input flags become [`ReadOptions`], and how a bad
//! input's message splits into location and reason for the `--keep-going` list.

use std::path::{Path, PathBuf};

use eqscore::transcript::{Columns, InputKind, LongReplies, ReadOptions};
use eqscore::{Error, ErrorKind};
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use super::args::{InputArg, LongRepliesArg, ScoreArgs};

/// The extensions of the files picked in a directory.
const EXTENSIONS: [&str; 6] = ["jsonl", "ndjson", "json", "csv", "tsv", "txt"];

/// The files to read under `dir`, in order; an entry that cannot be read is an error.
pub(super) fn walk(
    dir: &Path,
    globs: &[String],
) -> Result<impl Iterator<Item = Result<PathBuf, Error>>, Error> {
    let mut overrides = OverrideBuilder::new(dir);
    for glob in globs {
        overrides
            .add(glob)
            .map_err(|e| usage(format!("--glob {glob}: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| usage(format!("--glob: {e}")))?;
    let by_glob = globs.iter().any(|glob| !glob.starts_with('!'));
    let walker = WalkBuilder::new(dir)
        .overrides(overrides)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    Ok(walker.filter_map(move |entry| match entry {
        Err(e) => Some(Err(Error::new(
            ErrorKind::Io,
            format!(
                "{}: cannot read: {}",
                dir.display(),
                one_line(&e.to_string())
            ),
        ))),
        Ok(entry) => {
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            let picked = is_file && (by_glob || has_input_extension(entry.path()));
            picked.then(|| Ok(entry.into_path()))
        }
    }))
}

/// Whether `path` ends in one of [`EXTENSIONS`].
fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// A bad `--glob`.
fn usage(message: String) -> Error {
    Error::new(ErrorKind::Input, message)
}

/// `text` on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `--input` kind, or `None` to detect it per input.
pub(super) fn forced_kind(input: InputArg) -> Option<InputKind> {
    match input {
        InputArg::Auto => None,
        InputArg::Jsonl => Some(InputKind::Jsonl),
        InputArg::Json => Some(InputKind::Json),
        InputArg::Csv => Some(InputKind::Csv),
        InputArg::Tsv => Some(InputKind::Tsv),
        InputArg::Text | InputArg::Lines => Some(InputKind::Text),
    }
}

/// The reading options the flags ask for.
pub(super) fn read_options(args: &ScoreArgs) -> ReadOptions {
    ReadOptions {
        role: args.role.clone(),
        lines: args.lines || args.input == InputArg::Lines,
        context_turns: args.context_turns,
        max_reply_bytes: args.max_reply_bytes,
        long_replies: match args.long_replies {
            LongRepliesArg::Reject => LongReplies::Reject,
            LongRepliesArg::Truncate => LongReplies::Truncate,
        },
        columns: Columns {
            reply: args.reply_col.clone(),
            context: args.context_col.clone(),
            id: args.id_col.clone(),
        },
    }
}

/// Splits `path:line[:col]: reason` (or `path: reason`) into location and reason.
pub(super) fn split_location<'m>(path: &str, message: &'m str) -> (&'m str, &'m str) {
    let Some(rest) = message.strip_prefix(path) else {
        return ("", message);
    };
    let mut end = path.len();
    let mut tail = rest;
    for _ in 0..2 {
        let digits = tail
            .strip_prefix(':')
            .map_or(0, |t| t.bytes().take_while(u8::is_ascii_digit).count());
        if digits == 0 {
            break;
        }
        end += 1 + digits;
        tail = &tail[1 + digits..];
    }
    match tail.strip_prefix(": ") {
        Some(reason) => (&message[..end], reason),
        None => ("", message),
    }
}

#[cfg(test)]
mod tests {
    use super::split_location;

    #[test]
    fn locations_split_from_reasons() {
        let cases = [
            (
                "a.jsonl",
                "a.jsonl:3: invalid UTF-8",
                ("a.jsonl:3", "invalid UTF-8"),
            ),
            (
                "a.jsonl",
                "a.jsonl:3:7: invalid JSON: x",
                ("a.jsonl:3:7", "invalid JSON: x"),
            ),
            (
                "d/a: b.csv",
                "d/a: b.csv: binary file",
                ("d/a: b.csv", "binary file"),
            ),
            ("a.txt", "other: thing", ("", "other: thing")),
        ];
        for (path, message, want) in cases {
            assert_eq!(split_location(path, message), want, "{message}");
        }
    }
}
