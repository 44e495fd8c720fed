//! The GitHub format: GitHub Actions workflow commands, so failed replies show
//! up as annotations on the transcript file in a pull request.
//!
//! # Format
//!
//! One line per failed reply, written as it is scored, then one summary line:
//!
//! ```text
//! ::error file=<path>,line=<line>,title=<rubric>: <reply> failed::<reply> scored <score> (threshold <t>): unmet <id>, ...; fatal: <id>, ...
//! ::notice title=<rubric>::<count> replies: <passed> passed, <failed> failed, mean score <mean>
//! ```
//!
//! `<reply>` is the record's id, or `line <n>` without one, plus ` turn <t>`
//! for a message of a conversation. Passing replies write nothing. The
//! `file` and `line` properties are left out when the reply came from stdin or
//! `--text`, since there is no file to annotate; GitHub then shows the
//! annotation on the run only.
//!
//! Escaping follows the Actions toolkit (`@actions/core` `command.ts`): in
//! the message `%` `\r` `\n` become `%25` `%0D` `%0A`; in property values
//! (`file`, `title`) also `:` and `,` become `%3A` and `%2C`. Other control
//! characters (such as ESC, which would start a terminal colour sequence in
//! the log) are written as Rust escapes, `\u{1b}`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::describe::{is_pseudo_path, reply_name, verdict};
use super::{Reporter, RubricInfo, Summary};
use crate::findings::ReplyScore;
use crate::transcript::ReplyItem;

/// Writes one `::error` command per failed reply and a `::notice` at the end.
#[derive(Debug)]
pub struct GithubReporter<W> {
    out: W,
    rubric: String,
    threshold: f64,
}

impl<W: Write> GithubReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        GithubReporter {
            out,
            rubric: String::new(),
            threshold: 0.0,
        }
    }
}

impl<W: Write> Reporter for GithubReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.rubric = rubric.name.clone();
        self.threshold = rubric.threshold;
        Ok(())
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        if score.passed {
            return Ok(());
        }
        let name = reply_name(item);
        let mut properties = String::new();
        if !is_pseudo_path(&item.source.path) {
            let file = escape_property(&item.source.path);
            let _ = write!(properties, "file={file},line={},", item.source.line);
        }
        let title = escape_property(&format!("{}: {name} failed", self.rubric));
        let verdict = verdict(score, self.threshold);
        let message = escape_data(&format!("{name} scored {verdict}"));
        writeln!(self.out, "::error {properties}title={title}::{message}")
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let (count, passed, failed) = (summary.count, summary.passed, summary.failed);
        let replies = if count == 1 { "reply" } else { "replies" };
        let mean = summary.mean_score;
        writeln!(
            self.out,
            "::notice title={}::{count} {replies}: {passed} passed, {failed} failed, mean score {mean:.1}",
            escape_property(&self.rubric)
        )?;
        self.out.flush()
    }
}

/// A message (after `::`) as the Actions runner reads it back: `%`, CR and
/// LF as workflow-command escapes, other control characters as Rust escapes.
pub fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            c if c.is_control() => escaped.extend(c.escape_default()),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A property value (`file=`, `title=`): the message escapes plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    #[test]
    fn one_error_per_failed_reply_and_a_notice() {
        let mut replies = fixture::replies();
        let (mut item, score) = fixture::replies().remove(1);
        item.source.path = "chats, v2: final.jsonl".into();
        item.turn = Some(3);
        replies.push((item, score));
        let output = fixture::render_with(
            Format::Github,
            ReportOptions::default(),
            &fixture::rubric(),
            &replies,
        );
        assert_eq!(
            output,
            concat!(
                "::error title=empathy%3A line 7 failed::line 7 scored 0.0 (threshold 70): ",
                "unmet acknowledges_feelings, avoids_aggression; fatal: avoids_aggression\n",
                "::error file=chats%2C v2%3A final.jsonl,line=7,title=empathy%3A line 7 turn 3 failed::",
                "line 7 turn 3 scored 0.0 (threshold 70): ",
                "unmet acknowledges_feelings, avoids_aggression; fatal: avoids_aggression\n",
                "::notice title=empathy::3 replies: 1 passed, 2 failed, mean score 30.0\n",
            )
        );
    }

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_data("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(escape_data("中文"), "中文");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("a: b, c%\n"),
            "a%3A b%2C c%25%0A",
            "the % of the escapes themselves is not escaped twice"
        );
    }

    #[test]
    fn ids_with_line_breaks_stay_on_one_line() {
        let output = fixture::render_with(
            Format::Github,
            ReportOptions::default(),
            &fixture::rubric(),
            &[fixture::awkward()],
        );
        assert_eq!(output.lines().count(), 2, "{output}");
        assert!(output.starts_with(
            "::error title=empathy%3A say \"hi\"%0A第二行 failed::say \"hi\"%0A第二行 scored 66.7"
        ));
    }
}
