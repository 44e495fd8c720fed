//! The text format: a table for people reading a terminal.
//!
//! ```text
//! SOURCE                                    ID                SCORE  RESULT  feelings  help  civil
//! samples/chats.jsonl:3#1                   t-001              90.0  pass    ✓         ✓     ✓
//! <stdin>:7                                 -                   0.0  FAIL    ✗         -     ✗  (fatal: avoids_aggression)
//!
//! 2 replies: 1 passed, 1 failed, mean score 45.0
//!   acknowledges_feelings  met 1 of 2 applicable (50%)
//!   offers_help            met 1 of 1 applicable (100%)
//!   avoids_aggression      met 1 of 2 applicable (50%)
//! ```
//!
//! One row per reply: where it came from (`path:line`, plus `#turn` for a
//! message of a conversation), its id (`-` when none), the score, `pass` or
//! `FAIL`, and per criterion `✓` met, `✗` not met, `-` not applicable (`?`
//! if the score lacks the criterion, which the scorer never does). A row that
//! failed on a fatal criterion ends with the criteria that caused it, and a
//! reply scored on its first part only (`--long-replies truncate`) ends with
//! `(truncated)`. The totals
//! give each criterion's met rate over the replies it applied to, or `n/a`.
//!
//! Rows are written as replies are scored, so columns have fixed widths rather
//! than widths measured over all rows: a source longer than 40 characters
//! loses its start (`…chats.jsonl:3`), an id longer than 16 its end. Widths
//! count characters, so wide (e.g. Chinese) characters in a path or id can
//! shift the columns after them. Control characters in a path or id are
//! escaped (`\n`, `\u{1b}`), and so are bidirectional overrides, so one reply
//! is always one row and a transcript cannot send terminal escape sequences.
//! Evidence text is quoted with Rust's escapes, which cover the same.
//!
//! With [`explain`](super::ReportOptions::explain), each row is followed by one
//! line per piece of evidence, its text quoted with Rust string escapes:
//!
//! ```text
//!     + acknowledges_feelings  "It sounds like you're really disappointed" (cue sounds_like_feeling, 0..41)
//!     ~ acknowledges_feelings  "upset" cancelled by negation "Don't"
//!     - avoids_aggression  "白痴" (cue insult_zh, 12..18)
//! ```
//!
//! `+` is a span that earned points for an `expect` criterion, `-` one that lost
//! points for an `avoid` criterion, `~` a match that a scope cancelled. Offsets
//! are byte offsets into the reply.
//!
//! This format is for reading, not parsing; use [`jsonl`](super::jsonl) or
//! [`json`](super::json) in scripts.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{CriterionTally, ReportOptions, Reporter, RubricInfo, Summary, round_to};
use crate::findings::{CriterionScore, Polarity, ReplyScore};
use crate::transcript::ReplyItem;

/// Widest source shown whole; longer ones lose their start.
const SOURCE_WIDTH: usize = 40;
/// Widest id shown whole; longer ones lose their end.
const ID_WIDTH: usize = 16;
/// Between two columns.
const GAP: &str = "  ";

/// Writes a table, one row per reply, and the totals at the end.
#[derive(Debug)]
pub struct TextReporter<W> {
    out: W,
    explain: bool,
    columns: Vec<Column>,
}

/// One criterion column: which criterion, and how wide its heading is.
#[derive(Debug)]
struct Column {
    id: String,
    width: usize,
}

impl<W: Write> TextReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W, options: ReportOptions) -> Self {
        TextReporter {
            out,
            explain: options.explain,
            columns: Vec::new(),
        }
    }

    /// The table row for one reply, without a line break.
    fn row(&self, item: &ReplyItem, score: &ReplyScore) -> String {
        let result = if score.passed { "pass" } else { "FAIL" };
        let score_cell = format!("{:.1}", round_to(score.score, 1));
        let mut line = table_start(&source_cell(item), &id_cell(item), &score_cell, result);
        for column in &self.columns {
            let mark = score.criterion(&column.id).map_or("?", mark);
            let _ = write!(line, "{GAP}{mark:<width$}", width = column.width);
        }
        line.truncate(line.trim_end().len());
        let fatal: Vec<&str> = score.fatal_violations().collect();
        if !fatal.is_empty() {
            let _ = write!(line, "{GAP}(fatal: {})", fatal.join(", "));
        }
        if item.truncated {
            let _ = write!(line, "{GAP}(truncated)");
        }
        line
    }

    /// One line per evidence span and suppressed match, in rubric order.
    fn write_evidence(&mut self, score: &ReplyScore) -> io::Result<()> {
        for criterion in &score.criteria {
            let sign = match criterion.polarity {
                Polarity::Expect => '+',
                Polarity::Avoid => '-',
            };
            let id = &criterion.id;
            for hit in &criterion.evidence {
                let (text, cue, start, end) = (&hit.text, &hit.cue, hit.start, hit.end);
                writeln!(
                    self.out,
                    "    {sign} {id}  {text:?} (cue {cue}, {start}..{end})"
                )?;
            }
            for miss in &criterion.suppressed {
                let (text, scope, trigger) = (&miss.evidence.text, &miss.scope, &miss.trigger);
                writeln!(
                    self.out,
                    "    ~ {id}  {text:?} cancelled by {scope} {trigger:?}"
                )?;
            }
        }
        Ok(())
    }
}

impl<W: Write> Reporter for TextReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        let mut header = table_start("SOURCE", "ID", "SCORE", "RESULT");
        self.columns.clear();
        for criterion in &rubric.criteria {
            let width = criterion.label.chars().count().max(1);
            let _ = write!(header, "{GAP}{:<width$}", criterion.label);
            let id = criterion.id.clone();
            self.columns.push(Column { id, width });
        }
        writeln!(self.out, "{}", header.trim_end())
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        let row = self.row(item, score);
        writeln!(self.out, "{row}")?;
        if self.explain {
            self.write_evidence(score)?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let (count, passed, failed) = (summary.count, summary.passed, summary.failed);
        let replies = if count == 1 { "reply" } else { "replies" };
        let mean = summary.mean_score;
        writeln!(self.out)?;
        writeln!(
            self.out,
            "{count} {replies}: {passed} passed, {failed} failed, mean score {mean:.1}"
        )?;
        self.write_tallies(&summary.criteria)?;
        self.out.flush()
    }
}

impl<W: Write> TextReporter<W> {
    /// One line per criterion: how often it was met where it applied.
    fn write_tallies(&mut self, tallies: &[CriterionTally]) -> io::Result<()> {
        let width = tallies
            .iter()
            .map(|t| t.id.chars().count())
            .max()
            .unwrap_or(0);
        for tally in tallies {
            let rate = match tally.met_rate() {
                Some(rate) => format!("{}%", (rate * 100.0).round()),
                None => "n/a".to_string(),
            };
            let (id, met, applicable) = (&tally.id, tally.met, tally.applicable);
            writeln!(
                self.out,
                "  {id:<width$}  met {met} of {applicable} applicable ({rate})"
            )?;
        }
        Ok(())
    }
}

/// The four fixed-width columns of a row or of the header, padded.
fn table_start(source: &str, id: &str, score: &str, result: &str) -> String {
    format!("{source:<SOURCE_WIDTH$}{GAP}{id:<ID_WIDTH$}{GAP}{score:>5}{GAP}{result:<6}")
}

/// `path:line`, plus `#turn` for a message of a conversation, cut to fit.
fn source_cell(item: &ReplyItem) -> String {
    let mut source = format!(
        "{}:{}",
        escape_controls(&item.source.path),
        item.source.line
    );
    if let Some(turn) = item.turn {
        let _ = write!(source, "#{turn}");
    }
    keep_end(&source, SOURCE_WIDTH)
}

/// The id, or `-`, cut to fit.
fn id_cell(item: &ReplyItem) -> String {
    match &item.id {
        Some(id) => keep_start(&escape_controls(id), ID_WIDTH),
        None => "-".to_string(),
    }
}

/// `✓` met, `✗` not met, `-` not applicable.
fn mark(criterion: &CriterionScore) -> &'static str {
    match (criterion.applicable, criterion.met) {
        (false, _) => "-",
        (true, true) => "✓",
        (true, false) => "✗",
    }
}

/// `text` with control characters (ESC of terminal sequences included) and
/// bidirectional overrides written as escapes, so it stays on one line and
/// cannot restyle or reorder the terminal.
pub fn escape_controls(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// Marks and overrides that change the display order of the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// At most `width` characters of `text`: its end, after a `…` when cut.
fn keep_end(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - (width - 1)).collect();
    format!("…{tail}")
}

/// At most `width` characters of `text`: its start, before a `…` when cut.
fn keep_start(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let head: String = text.chars().take(width - 1).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    const HEADER: &str = "SOURCE                                    ID                SCORE  RESULT  feelings  help  civil\n";
    const ROWS: [&str; 2] = [
        "samples/chats.jsonl:3#1                   t-001              90.0  pass    ✓         ✓     ✓\n",
        "<stdin>:7                                 -                   0.0  FAIL    ✗         -     ✗  (fatal: avoids_aggression)\n",
    ];
    const TOTALS: &str = concat!(
        "\n",
        "2 replies: 1 passed, 1 failed, mean score 45.0\n",
        "  acknowledges_feelings  met 1 of 2 applicable (50%)\n",
        "  offers_help            met 1 of 1 applicable (100%)\n",
        "  avoids_aggression      met 1 of 2 applicable (50%)\n",
    );

    #[test]
    fn writes_a_table_and_totals() {
        let output = fixture::render(Format::Text, ReportOptions::default());
        assert_eq!(output, [HEADER, ROWS[0], ROWS[1], TOTALS].concat());
    }

    #[test]
    fn explain_adds_one_line_per_evidence() {
        let output = fixture::render(Format::Text, ReportOptions { explain: true });
        let first_evidence = concat!(
            "    + acknowledges_feelings  \"It sounds like you're really disappointed\" (cue sounds_like_feeling, 0..41)\n",
            "    ~ acknowledges_feelings  \"upset\" cancelled by negation \"Don't\"\n",
            "    + offers_help  \"we can fix it together\" (cue fix_together, 59..81)\n",
        );
        let second_evidence = "    - avoids_aggression  \"白痴\" (cue insult_zh, 12..18)\n";
        let expected = [
            HEADER,
            ROWS[0],
            first_evidence,
            ROWS[1],
            second_evidence,
            TOTALS,
        ];
        assert_eq!(output, expected.concat());
    }

    #[test]
    fn awkward_text_stays_on_one_line() {
        let rubric = fixture::rubric();
        let options = ReportOptions { explain: true };
        let output = fixture::render_with(Format::Text, options, &rubric, &[fixture::awkward()]);
        let expected = concat!(
            "SOURCE                                    ID                SCORE  RESULT  feelings  help  civil\n",
            "<text>:1                                  say \"hi\"\\n第二行      66.7  FAIL    ✓         -     ✓\n",
            "    + acknowledges_feelings  \"他说\\\"别哭了\\\"\\n\\tthen \\\\ left\" (cue quoted_speech, 2..32)\n",
            "\n",
            "1 reply: 0 passed, 1 failed, mean score 66.7\n",
            "  acknowledges_feelings  met 1 of 1 applicable (100%)\n",
            "  offers_help            met 0 of 0 applicable (n/a)\n",
            "  avoids_aggression      met 1 of 1 applicable (100%)\n",
        );
        assert_eq!(output, expected);
    }

    #[test]
    fn terminal_escapes_in_replies_are_shown_not_run() {
        let (mut item, mut score) = fixture::replies().remove(0);
        item.id = Some("\u{1b}[2Jx\u{202e}y".to_string());
        let reply = "\u{1b}]0;pwned\u{7}\u{9b}31m sorry";
        score.criteria[0].evidence = vec![fixture::evidence(reply, 0, reply.len(), "c")];
        let options = ReportOptions { explain: true };
        let output =
            fixture::render_with(Format::Text, options, &fixture::rubric(), &[(item, score)]);
        assert!(
            !output.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
            "{output:?}"
        );
        assert!(output.contains(" \\u{1b}[2Jx\\u{20…"), "{output}");
        assert_eq!(
            escape_controls("x\u{202e}y\u{2066}"),
            "x\\u{202e}y\\u{2066}"
        );
        assert!(
            output.contains(r#""\u{1b}]0;pwned\u{7}\u{9b}31m sorry""#),
            "{output}"
        );
    }

    #[test]
    fn long_sources_lose_their_start_and_long_ids_their_end() {
        let path = "transcripts/2024/customer-support/escalations.jsonl";
        let mut item = fixture::item(Some("conversation-000123"), path, 12, Some(4));
        assert_eq!(
            source_cell(&item),
            "…customer-support/escalations.jsonl:12#4"
        );
        assert_eq!(source_cell(&item).chars().count(), SOURCE_WIDTH);
        assert_eq!(id_cell(&item), "conversation-00…");
        assert_eq!(id_cell(&item).chars().count(), ID_WIDTH);
        item.id = Some("exactly-16-chars".to_string());
        assert_eq!(id_cell(&item), "exactly-16-chars");
    }

    #[test]
    fn no_replies_gives_header_and_zero_totals() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(Format::Text, ReportOptions::default(), &rubric, &[]);
        assert!(output.starts_with(HEADER));
        assert!(output.contains("\n0 replies: 0 passed, 0 failed, mean score 0.0\n"));
        assert!(output.ends_with("  avoids_aggression      met 0 of 0 applicable (n/a)\n"));
    }
}
