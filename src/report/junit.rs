//! The JUnit format: JUnit XML, one test case per reply, for the test report
//! views of CI systems (GitLab, Jenkins, Azure Pipelines, test-reporter actions).
//!
//! # Format
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="eqscore" tests="2" failures="1" errors="0">
//!   <testsuite name="empathy 1.2.0" tests="2" failures="1" errors="0" skipped="0">
//!     <testcase name="t-001 turn 1" classname="samples/chats.jsonl" file="samples/chats.jsonl" line="3"/>
//!     <testcase name="line 7" classname="&lt;stdin&gt;" file="&lt;stdin&gt;" line="7">
//!       <failure type="eqscore" message="0.0 (threshold 70): unmet acknowledges_feelings, ...">...</failure>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! One `testsuite` named after the rubric and its version. One `testcase` per
//! reply, in input order: **name** is the record's id (or `line <n>`) plus
//! ` turn <t>` for a message of a conversation, **classname** and **file** the
//! path as the user gave it, **line** the record's line. A failed reply has a
//! `failure` whose `message` is its score, the threshold and the unmet and
//! fatal criteria, and whose text lists every criterion with its points. No
//! `time` attributes: the output is deterministic.
//!
//! Text is escaped for XML 1.0: `&`, `<`, `>`, `"` and `'` as entities; in
//! attributes also tab, CR and LF as character references (so they survive
//! attribute normalisation). Characters XML 1.0 cannot hold at all (other C0
//! controls, U+FFFE, U+FFFF) are written as Rust escapes, `\u{1b}`.
//!
//! Memory: the suite's counts come before its test cases, so the test cases
//! are kept as finished XML until the end (a few hundred bytes each, without
//! the reply's text) and written by `finish`.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::describe::{reply_name, verdict};
use super::{Reporter, RubricInfo, Summary, round_to};
use crate::findings::{Polarity, ReplyScore};
use crate::transcript::ReplyItem;

/// Keeps each test case as XML, writes the document at the end.
#[derive(Debug)]
pub struct JunitReporter<W> {
    out: W,
    suite: String,
    threshold: f64,
    cases: String,
}

impl<W: Write> JunitReporter<W> {
    /// A reporter writing to `out`.
    pub fn new(out: W) -> Self {
        JunitReporter {
            out,
            suite: String::new(),
            threshold: 0.0,
            cases: String::new(),
        }
    }
}

impl<W: Write> Reporter for JunitReporter<W> {
    fn start(&mut self, rubric: &RubricInfo) -> io::Result<()> {
        self.suite = format!("{} {}", rubric.name, rubric.version);
        self.threshold = rubric.threshold;
        Ok(())
    }

    fn reply(&mut self, item: &ReplyItem, score: &ReplyScore) -> io::Result<()> {
        let name = escape(&reply_name(item), true);
        let path = escape(&item.source.path, true);
        let line = item.source.line;
        let case = &mut self.cases;
        let _ = write!(
            case,
            "    <testcase name=\"{name}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\""
        );
        if score.passed {
            case.push_str("/>\n");
            return Ok(());
        }
        let message = escape(&verdict(score, self.threshold), true);
        let _ = write!(
            case,
            ">\n      <failure type=\"eqscore\" message=\"{message}\">{}</failure>\n    </testcase>\n",
            escape(&details(score), false)
        );
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let (tests, failures) = (summary.count, summary.failed);
        let suite = escape(&self.suite, true);
        let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"0\"");
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(self.out, "<testsuites name=\"eqscore\" {counts}>")?;
        writeln!(
            self.out,
            "  <testsuite name=\"{suite}\" {counts} skipped=\"0\">"
        )?;
        self.out.write_all(self.cases.as_bytes())?;
        writeln!(self.out, "  </testsuite>")?;
        writeln!(self.out, "</testsuites>")?;
        self.out.flush()
    }
}

/// One line per criterion: `+ id: met (2/2)`, `- id: not met (0/1)`, `  id: n/a`.
fn details(score: &ReplyScore) -> String {
    let mut text = String::new();
    for c in &score.criteria {
        let kind = match c.polarity {
            Polarity::Expect => "expect",
            Polarity::Avoid => "avoid",
        };
        let state = match (c.applicable, c.met) {
            (false, _) => "not applicable".to_string(),
            (true, met) => {
                let word = if met { "met" } else { "NOT met" };
                format!("{word}, {} of {} points", round_to(c.points, 2), c.weight)
            }
        };
        let _ = writeln!(text, "{} ({kind}): {state}", c.id);
    }
    text
}

/// `text` escaped for XML 1.0 character data, or for an attribute value.
fn escape(text: &str, attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' | '\n' => escaped.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                escaped.extend(c.escape_default());
            }
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::{Format, ReportOptions};
    use super::*;

    #[test]
    fn writes_one_testcase_per_reply() {
        let output = fixture::render(Format::Junit, ReportOptions::default());
        let expected = concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<testsuites name=\"eqscore\" tests=\"2\" failures=\"1\" errors=\"0\">\n",
            "  <testsuite name=\"empathy 1.2.0\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n",
            "    <testcase name=\"t-001 turn 1\" classname=\"samples/chats.jsonl\" file=\"samples/chats.jsonl\" line=\"3\"/>\n",
            "    <testcase name=\"line 7\" classname=\"&lt;stdin&gt;\" file=\"&lt;stdin&gt;\" line=\"7\">\n",
            "      <failure type=\"eqscore\" message=\"0.0 (threshold 70): unmet acknowledges_feelings, avoids_aggression; fatal: avoids_aggression\">",
            "acknowledges_feelings (expect): NOT met, 0 of 2 points\n",
            "offers_help (expect): not applicable\n",
            "avoids_aggression (avoid): NOT met, 0 of 2 points\n",
            "</failure>\n",
            "    </testcase>\n",
            "  </testsuite>\n",
            "</testsuites>\n",
        );
        assert_eq!(output, expected);
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">Tom & 'Jerry'</a>", false),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(escape("中文 ok", true), "中文 ok");
    }

    #[test]
    fn escapes_line_breaks_in_attributes_only() {
        assert_eq!(escape("a\n\tb\r", true), "a&#10;&#9;b&#13;");
        assert_eq!(escape("a\n\tb\r", false), "a\n\tb&#13;");
    }

    #[test]
    fn characters_xml_cannot_hold_become_visible_escapes() {
        assert_eq!(
            escape("\u{1b}[31m\u{0}\u{FFFF}", false),
            "\\u{1b}[31m\\u{0}\\u{ffff}"
        );
        // DEL and C1 controls are allowed in XML 1.0 and kept.
        assert_eq!(escape("\u{7f}\u{85}", false), "\u{7f}\u{85}");
    }

    #[test]
    fn awkward_ids_stay_well_formed() {
        let rubric = fixture::rubric();
        let output = fixture::render_with(
            Format::Junit,
            ReportOptions::default(),
            &rubric,
            &[fixture::awkward()],
        );
        assert!(
            output.contains(
                "<testcase name=\"say &quot;hi&quot;&#10;第二行\" classname=\"&lt;text&gt;\""
            ),
            "{output}"
        );
        assert_eq!(output.matches("<testcase ").count(), 1);
    }
}
