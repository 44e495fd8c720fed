//! The criteria's cues as stand-alone regexes, for other tools.
//!
//! A cue's pattern depends on things outside its text: lexicon references,
//! the cue's `case_sensitive` flag, and eqscore's rule that every word
//! boundary is ASCII (see [`super::pattern`]). [`cue_patterns`] writes each
//! cue as one regex in Rust regex syntax that carries all of that itself, so
//! `rg -f`, a benchmark or a rubric author reading what a lexicon expands to
//! sees the pattern eqscore compiles.

use regex_syntax::ast::{self, AssertionKind, Ast};

use super::pattern::{self, PatternError};
use super::raw::RubricFile;
use crate::error::{Error, ErrorKind, Result};

/// One criterion cue as a stand-alone regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuePattern {
    /// The criterion the cue belongs to.
    pub criterion: String,
    /// The cue's id, or `<criterion>[<index>]` when it has none.
    pub cue: String,
    /// The cue's language tag, if it has one.
    pub lang: Option<String>,
    /// Whether the cue matches case exactly.
    pub case_sensitive: bool,
    /// The regex: `(?i:…)` or `(?-i:…)` around the cue's source with its
    /// lexicons expanded, word boundaries written `(?-u:\b)`, and line
    /// breaks written `\n`, so it is one line that means the same whatever
    /// flags a tool starts with (in Unicode mode).
    pub pattern: String,
}

/// Every cue of every criterion, in file order.
///
/// Fails only on a rubric that would not compile (a cue without a pattern,
/// an unknown lexicon, a regex that does not parse); a rubric that a
/// [`crate::Scorer`] was built from always succeeds.
pub fn cue_patterns(rubric: &RubricFile) -> Result<Vec<CuePattern>> {
    let mut patterns = Vec::new();
    for (i, criterion) in rubric.criteria.iter().enumerate() {
        for (j, cue) in criterion.cues.iter().enumerate() {
            let at = format!("criteria[{i}].cues[{j}]");
            let fail = |e: PatternError| Error::new(ErrorKind::Pattern, format!("{at}: {e}"));
            let (_, source) = pattern::cue_source(cue, &rubric.lexicons)
                .ok_or_else(|| fail("a cue needs exactly one of regex, phrases, lexicon".into()))?;
            let source = ascii_boundaries(&source.map_err(fail)?).map_err(fail)?;
            let flag = if cue.case_sensitive { "-i" } else { "i" };
            patterns.push(CuePattern {
                criterion: criterion.id.clone(),
                cue: cue
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{}[{j}]", criterion.id)),
                lang: cue.lang.clone(),
                case_sensitive: cue.case_sensitive,
                pattern: format!("(?{flag}:{})", escape_line_breaks(&source)),
            });
        }
    }
    Ok(patterns)
}

/// Writes the word boundaries that eqscore reads as ASCII (`\b`,
/// `\b{start}`, `\b{end}`, `\<`, `\>`) inside `(?-u:…)`.
fn ascii_boundaries(source: &str) -> Result<String, PatternError> {
    let parsed = ast::parse::Parser::new()
        .parse(source)
        .map_err(|e| PatternError::Invalid(e.kind().to_string()))?;
    let mut spans = Vec::new();
    let _ = ast::visit(
        &parsed,
        Boundaries {
            spans: &mut spans,
            ascii_groups: Vec::new(),
        },
    );
    let mut out = String::with_capacity(source.len() + 8 * spans.len());
    let mut done = 0;
    for (start, end) in spans {
        // The parser's spans lie on char boundaries, in order.
        let (Some(before), Some(boundary)) = (source.get(done..start), source.get(start..end))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str("(?-u:");
        out.push_str(boundary);
        out.push(')');
        done = end;
    }
    out.push_str(source.get(done..).unwrap_or_default());
    Ok(out)
}

/// Collects the byte spans of word-boundary assertions, in order, but not
/// those already inside a `(?-u:…)` group.
struct Boundaries<'a> {
    spans: &'a mut Vec<(usize, usize)>,
    /// Per open group: whether it turns Unicode off.
    ascii_groups: Vec<bool>,
}

impl ast::Visitor for Boundaries<'_> {
    type Output = ();
    type Err = ();

    fn finish(self) -> Result<(), ()> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
        if let Ast::Group(group) = ast {
            let ascii = group
                .flags()
                .is_some_and(|flags| flags.flag_state(ast::Flag::Unicode) == Some(false));
            self.ascii_groups.push(ascii);
        }
        if self.ascii_groups.contains(&true) {
            return Ok(());
        }
        if let Ast::Assertion(a) = ast {
            let ascii = matches!(
                a.kind,
                AssertionKind::WordBoundary
                    | AssertionKind::WordBoundaryStart
                    | AssertionKind::WordBoundaryEnd
                    | AssertionKind::WordBoundaryStartAngle
                    | AssertionKind::WordBoundaryEndAngle
            );
            if ascii {
                self.spans.push((a.span.start.offset, a.span.end.offset));
            }
        }
        Ok(())
    }

    fn visit_post(&mut self, ast: &Ast) -> Result<(), ()> {
        if let Ast::Group(_) = ast {
            self.ascii_groups.pop();
        }
        Ok(())
    }
}

/// Line breaks as escapes, so one pattern is one line.
fn escape_line_breaks(source: &str) -> String {
    source.replace('\n', r"\n").replace('\r', r"\r")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{BUILTIN_EMPATHY, parse};

    fn builtin() -> RubricFile {
        parse(BUILTIN_EMPATHY, "<builtin>").unwrap()
    }

    #[test]
    fn every_builtin_cue_exports_the_regex_eqscore_compiles() {
        let rubric = builtin();
        let patterns = cue_patterns(&rubric).unwrap();
        let cues = rubric.criteria.iter().flat_map(|c| &c.cues);
        assert_eq!(patterns.len(), cues.clone().count());
        for (exported, cue) in patterns.iter().zip(cues) {
            let (_, source) = pattern::cue_source(cue, &rubric.lexicons).unwrap();
            let compiled = pattern::parse(&source.unwrap(), cue.case_sensitive).unwrap();
            let standalone = regex_syntax::Parser::new()
                .parse(&exported.pattern)
                .unwrap();
            assert_eq!(standalone, compiled, "{}", exported.cue);
            assert!(!exported.pattern.contains('\n'));
        }
    }

    #[test]
    fn boundaries_become_ascii_and_escaped_backslashes_stay() {
        let out = ascii_boundaries(r"\bsad\b|[\\b]|\\b|\B|\<x\>").unwrap();
        assert_eq!(out, r"(?-u:\b)sad(?-u:\b)|[\\b]|\\b|\B|(?-u:\<)x(?-u:\>)");
        let already = ascii_boundaries(r"(?-u:\b)sad(?-u:\b)|(?i:\bx)").unwrap();
        assert_eq!(already, r"(?-u:\b)sad(?-u:\b)|(?i:(?-u:\b)x)");
    }

    #[test]
    fn case_flag_and_lexicons_are_written_into_the_pattern() {
        let mut rubric = builtin();
        rubric.criteria.truncate(1);
        let cue = &mut rubric.criteria[0].cues;
        cue.truncate(1);
        cue[0].regex = Some("{{intens_zh}}\nX".into());
        cue[0].case_sensitive = true;
        let exported = &cue_patterns(&rubric).unwrap()[0];
        assert!(
            exported.pattern.starts_with("(?-i:(?:"),
            "{}",
            exported.pattern
        );
        assert!(exported.pattern.ends_with(r")\nX)"), "{}", exported.pattern);
        assert!(exported.pattern.contains("非常"), "{}", exported.pattern);
    }

    #[test]
    fn a_cue_with_an_unknown_lexicon_is_an_error_naming_it() {
        let mut rubric = builtin();
        rubric.criteria[1].cues[2].regex = Some("{{nope}}".into());
        let err = cue_patterns(&rubric).unwrap_err().to_string();
        assert!(
            err.contains("criteria[1].cues[2]: unknown lexicon \"nope\""),
            "{err}"
        );
    }
}
