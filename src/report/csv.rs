//! The CSV format: one row per reply, one column per criterion, for
//! spreadsheets and data frames.
//!
//! # Format
//!
//! This format is API: columns are only ever added at the end of the fixed
//! ones or renamed with a major version.
//!
//! [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180) CSV, UTF-8 without a
//! byte-order mark, CRLF line ends, a header row first. The columns:
//!
//! * **id** - the record's id, or empty when it has none.
//! * **source** - the path as the user gave it (or `<stdin>`, `<text>`).
//! * **line** - the 1-based line of the record.
//! * **turn** - the index of the scored message in `messages`, or empty.
//! * **score** - 0–100, one decimal.
//! * **pass** - `1` passed, `0` failed.
//! * one column per criterion, named by its id, in rubric order: `1` met,
//!   `0` not met, empty when the criterion did not apply.
//!
//! A field is quoted (`"..."`, inner `"` doubled) when it holds a comma, a
//! quote, CR or LF, and only then.
//!
//! **Formula injection.** Spreadsheets run a cell that starts with `=`, `+`,
//! `-` or `@` (and some a tab or CR) as a formula, so a transcript id like
//! `=HYPERLINK(...)` could act when the file is opened. The text columns (`id`,
//! `source`) get a leading `'` when they start with one of those six
//! characters: `=1+1` is written `'=1+1`. Strip it if you read the file with a
//! program rather than a spreadsheet. The numeric columns never need it.
//!
//! An empty input gives the header row only. The reply's text and the evidence
//! are not in this format; use [`jsonl`](super::jsonl) for those.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Reporter, RubricInfo, Summary, round_to};
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// Writes a header row, then one row per reply as it comes.
#[derive(Debug)]
pub struct CsvReporter<W> {
    out: W,
    criteria: Vec<String>,
}

impl<W: Write> CsvReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        CsvReporter {
            out,
            criteria: Vec::new(),
        }
    }

    fn write_row<'a>(&mut self, cells: impl IntoIterator<Item = Cow<'a, str>>) -> io::Result<()> {
        for (index, cell) in cells.into_iter().enumerate() {
            if index > 0 {
                self.out.write_all(b",")?;
            }
            self.out.write_all(quote(&cell).as_bytes())?;
        }
        self.out.write_all(b"\r\n")
    }
}

impl<W: Write> Reporter for CsvReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.criteria = rubric.criteria.iter().map(|c| c.id.clone()).collect();
        let fixed = ["id", "source", "line", "turn", "score", "pass"].map(Cow::Borrowed);
        let ids: Vec<Cow<str>> = self
            .criteria
            .iter()
            .map(|id| Cow::Owned(id.clone()))
            .collect();
        self.write_row(fixed.into_iter().chain(ids))
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        let mut cells: Vec<Cow<str>> = vec![
            defuse(item.id.as_deref().unwrap_or("")),
            defuse(&item.source.path),
            Cow::Owned(item.source.line.to_string()),
            Cow::Owned(item.turn.map(|t| t.to_string()).unwrap_or_default()),
            Cow::Owned(format!("{:.1}", round_to(score.score, 1))),
            Cow::Borrowed(if score.passed { "1" } else { "0" }),
        ];
        for id in &self.criteria {
            let mark = match score.criterion(id) {
                Some(c) if c.applicable => {
                    if c.met {
                        "1"
                    } else {
                        "0"
                    }
                }
                _ => "",
            };
            cells.push(Cow::Borrowed(mark));
        }
        self.write_row(cells)
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// `text` with a leading `'` when a spreadsheet would read it as a formula.
fn defuse(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `field` as RFC 4180 writes it: quoted, with quotes doubled, only when needed.
fn quote(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    #[test]
    fn writes_a_header_and_one_row_per_reply() {
        let output = fixture::render(Format::Csv, ReportOptions::default());
        assert_eq!(
            output,
            concat!(
                "id,source,line,turn,score,pass,acknowledges_feelings,offers_help,avoids_aggression\r\n",
                "t-001,samples/chats.jsonl,3,1,90.0,1,1,1,1\r\n",
                ",<stdin>,7,,0.0,0,0,,0\r\n",
            )
        );
    }

    #[test]
    fn awkward_ids_are_quoted() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(
            Format::Csv,
            ReportOptions::default(),
            &rubric,
            &[fixture::awkward()],
        );
        let row = output.split_once("\r\n").unwrap().1;
        assert_eq!(row, "\"say \"\"hi\"\"\n第二行\",<text>,1,,66.7,0,1,,1\r\n");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote(""), "");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(quote("中文 'quote'"), "中文 'quote'");
    }

    #[test]
    fn formula_starts_are_defused() {
        for dangerous in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(dangerous), format!("'{dangerous}"));
        }
        for safe in ["t-001", "a=b", "", "'quoted", "中文"] {
            assert_eq!(defuse(safe), safe);
        }
        // Defused, then quoted because of the comma.
        assert_eq!(
            quote(&defuse("=HYPERLINK(\"x\",\"y\")")),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
    }
}
