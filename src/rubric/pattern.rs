//! Turning cue text (phrases, lexicons, regexes) into regex syntax trees.
//!
//! Two rules keep matching fast and predictable on mixed English and Chinese:
//! every word boundary is ASCII (`\b` next to a Chinese character is always a
//! boundary, and the lazy DFA never has to give up on non-ASCII text), and a
//! phrase gets a boundary only at an end that is an ASCII letter or digit.

use std::collections::BTreeMap;
use std::fmt;

use regex_syntax::ParserBuilder;
use regex_syntax::hir::{self, Hir, HirKind, Look};

use super::raw::CueSpec;
use crate::error::one_line;

/// A word boundary as phrases and lexicon entries get it: ASCII already,
/// so that their trees need no rewriting (see [`ascii_boundaries`]).
const ASCII_BOUNDARY: &str = r"(?-u:\b)";

/// The deepest nesting a cue's regex may have.
const NEST_LIMIT: u32 = 64;

/// Named word lists, as in the rubric file.
pub(crate) type Lexicons = BTreeMap<String, Vec<String>>;

/// Why cue text does not make a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PatternError {
    /// A `{{name}}` reference (or a `lexicon` field) names no lexicon.
    UnknownLexicon(String),
    /// The regex compiles to an automaton over the size limit (see
    /// [`super::size`]).
    TooLarge,
    /// Anything else, already worded (the regex parser's message, say).
    Invalid(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::UnknownLexicon(name) => write!(f, "unknown lexicon \"{name}\""),
            PatternError::TooLarge => write!(
                f,
                "regex is too large (compiled size over {} MiB): split it or use a lexicon",
                super::size::CUE_SIZE_LIMIT >> 20
            ),
            PatternError::Invalid(message) => f.write_str(message),
        }
    }
}

impl From<&str> for PatternError {
    fn from(message: &str) -> Self {
        PatternError::Invalid(message.to_string())
    }
}

/// Regex source for a list of literal phrases (with `{{lexicon}}` references).
pub(crate) fn phrases_source(
    phrases: &[String],
    lexicons: &Lexicons,
) -> Result<String, PatternError> {
    phrases_with(phrases, &mut |name| inline_reference(name, lexicons))
}

/// [`phrases_source`] with each `{{name}}` written by `reference`.
pub(super) fn phrases_with(
    phrases: &[String],
    reference: &mut Reference,
) -> Result<String, PatternError> {
    if phrases.is_empty() {
        return Err("the phrase list is empty".into());
    }
    let mut alternatives = Vec::with_capacity(phrases.len());
    for phrase in phrases {
        if phrase.trim().is_empty() {
            return Err("a phrase is empty".into());
        }
        alternatives.push(phrase_source(phrase, reference)?);
    }
    Ok(alternatives.join("|"))
}

/// What a `{{name}}` reference becomes in regex source.
pub(super) type Reference<'a> = dyn FnMut(&str) -> Result<String, PatternError> + 'a;

/// A reference written out: the lexicon's entries as a group.
fn inline_reference(name: &str, lexicons: &Lexicons) -> Result<String, PatternError> {
    Ok(format!("(?:{})", lexicon_source(name, lexicons)?))
}

/// Regex source for every entry of one lexicon.
pub(crate) fn lexicon_source(name: &str, lexicons: &Lexicons) -> Result<String, PatternError> {
    let entries = lexicons
        .get(name)
        .ok_or_else(|| PatternError::UnknownLexicon(name.to_string()))?;
    if entries.is_empty() {
        return Err(PatternError::Invalid(format!(
            "lexicon \"{name}\" is empty"
        )));
    }
    Ok(entries
        .iter()
        .map(|e| literal_source(e))
        .collect::<Vec<_>>()
        .join("|"))
}

/// The field that gives a cue its pattern (`regex`, `phrases` or `lexicon`)
/// and the regex source built from it; `None` unless exactly one is given.
pub(crate) fn cue_source(
    cue: &CueSpec,
    lexicons: &Lexicons,
) -> Option<(&'static str, Result<String, PatternError>)> {
    match (&cue.regex, &cue.phrases, &cue.lexicon) {
        (Some(regex), None, None) => Some(("regex", regex_source(regex, lexicons))),
        (None, Some(list), None) => Some(("phrases", phrases_source(list, lexicons))),
        (None, None, Some(name)) => Some(("lexicon", lexicon_source(name, lexicons))),
        _ => None,
    }
}

/// Regex source for a cue's regex, with `{{lexicon}}` references expanded.
pub(crate) fn regex_source(regex: &str, lexicons: &Lexicons) -> Result<String, PatternError> {
    expand(regex, |text| text.to_string(), &mut |name| {
        inline_reference(name, lexicons)
    })
}

/// [`regex_source`] with each `{{name}}` written by `reference`.
pub(super) fn regex_with(regex: &str, reference: &mut Reference) -> Result<String, PatternError> {
    expand(regex, |text| text.to_string(), reference)
}

/// One phrase: literal text with references, boundaries at ASCII word ends.
fn phrase_source(phrase: &str, reference: &mut Reference) -> Result<String, PatternError> {
    let body = expand(phrase.trim(), escape_literal, reference)?;
    let phrase = phrase.trim();
    let starts_with_ref = phrase.starts_with("{{");
    let ends_with_ref = phrase.ends_with("}}");
    let mut source = String::new();
    if !starts_with_ref && phrase.starts_with(is_ascii_word) {
        source.push_str(ASCII_BOUNDARY);
    }
    source.push_str("(?:");
    source.push_str(&body);
    source.push(')');
    if !ends_with_ref && phrase.ends_with(is_ascii_word) {
        source.push_str(ASCII_BOUNDARY);
    }
    Ok(source)
}

/// One lexicon entry as a stand-alone literal with its own boundaries.
fn literal_source(entry: &str) -> String {
    let entry = entry.trim();
    let mut source = String::new();
    if entry.starts_with(is_ascii_word) {
        source.push_str(ASCII_BOUNDARY);
    }
    source.push_str(&escape_literal(entry));
    if entry.ends_with(is_ascii_word) {
        source.push_str(ASCII_BOUNDARY);
    }
    source
}

fn is_ascii_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Escapes literal text; any run of white space matches any white space.
fn escape_literal(text: &str) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"\s+");
            }
            in_space = true;
        } else {
            in_space = false;
            out.push_str(&regex_syntax::escape(c.encode_utf8(&mut [0; 4])));
        }
    }
    out
}

/// Replaces each `{{name}}` by what `reference` makes of it (the entries,
/// `(?:entry|entry|...)`), passing the text between references through
/// `literal`.
fn expand(
    text: &str,
    literal: impl Fn(&str) -> String,
    reference: &mut Reference,
) -> Result<String, PatternError> {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("{{") {
        let (name, after) = after.split_once("}}").ok_or(PatternError::Invalid(
            "unclosed \"{{\": lexicon references are written {{name}}".into(),
        ))?;
        out.push_str(&literal(before));
        out.push_str(&reference(name.trim())?);
        rest = after;
    }
    out.push_str(&literal(rest));
    Ok(out)
}

/// Parses regex source into a syntax tree with ASCII word boundaries.
pub(crate) fn parse(source: &str, case_sensitive: bool) -> Result<Hir, PatternError> {
    let hir = ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(source)
        .map_err(|e| PatternError::Invalid(syntax_message(&e)))?;
    let hir = ascii_boundaries(hir);
    if hir.properties().minimum_len() == Some(0) {
        return Err("the pattern matches the empty string, so it would match every reply".into());
    }
    Ok(hir)
}

/// The regex parser's own words for what is wrong ("unclosed group"),
/// without its multi-line drawing of the pattern, which shows lexicon
/// references expanded and would only confuse.
fn syntax_message(error: &regex_syntax::Error) -> String {
    match error {
        regex_syntax::Error::Parse(e) => e.kind().to_string(),
        regex_syntax::Error::Translate(e) => e.kind().to_string(),
        other => one_line(&other.to_string()),
    }
}

/// Rewrites Unicode word boundaries as ASCII ones (see the module doc),
/// rebuilding only the parts of the tree that have one.
fn ascii_boundaries(hir: Hir) -> Hir {
    if !hir.properties().look_set().contains_word_unicode() {
        return hir;
    }
    match hir.into_kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(ascii_boundaries(*rep.sub)),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(hir::Capture {
            sub: Box::new(ascii_boundaries(*cap.sub)),
            ..cap
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(ascii_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(ascii_boundaries).collect())
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicons() -> Lexicons {
        let mut l = Lexicons::new();
        l.insert(
            "emotion".into(),
            vec!["sad".into(), "let down".into(), "难过".into()],
        );
        l
    }

    fn matches(source: &str, text: &str) -> bool {
        let hir = parse(source, false).unwrap();
        regex_automata::meta::Regex::builder()
            .build_from_hir(&hir)
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn phrases_get_ascii_boundaries_only_at_word_ends() {
        let src = phrases_source(&["sad".into(), "难过".into()], &lexicons()).unwrap();
        assert!(matches(&src, "so sad."));
        assert!(!matches(&src, "sadly"));
        assert!(matches(&src, "你很难过吗"));
        assert!(matches(&src, "sad难过"));
    }

    #[test]
    fn lexicon_references_expand_with_boundaries() {
        let src = phrases_source(&["sounds {{emotion}}".into()], &lexicons()).unwrap();
        assert!(matches(&src, "that sounds  SAD"));
        assert!(matches(&src, "sounds let down"));
        assert!(!matches(&src, "sounds sadder"));
    }

    #[test]
    fn regex_word_boundary_is_ascii() {
        let src = regex_source(r"\byou're {{emotion}}", &lexicons()).unwrap();
        assert!(matches(&src, "你说you're sad"));
    }

    #[test]
    fn every_word_boundary_becomes_ascii() {
        for source in [
            r"\bsad\b",
            r"\Bad",
            r"\<sad\>",
            r"\b{start-half}sad\b{end-half}",
        ] {
            let looks = parse(source, false).unwrap().properties().look_set();
            assert!(!looks.contains_word_unicode(), "{source}");
        }
        // ASCII: `你` is no word character, so there is a boundary before `s`.
        assert!(!matches(r"\Bsad", "你sad"));
        assert!(matches(r"\Bsad", "xsad"));
    }

    #[test]
    fn unknown_lexicon_is_an_error() {
        let err = phrases_source(&["{{nope}}".into()], &lexicons()).unwrap_err();
        assert_eq!(err, PatternError::UnknownLexicon("nope".into()));
        assert_eq!(err.to_string(), "unknown lexicon \"nope\"");
    }

    #[test]
    fn empty_matching_pattern_is_rejected() {
        let err = parse("a*", false).unwrap_err().to_string();
        assert!(err.contains("empty string"), "{err}");
    }

    #[test]
    fn invalid_regex_error_is_the_parser_s_own_words() {
        let err = parse("(unclosed", false).unwrap_err().to_string();
        assert_eq!(err, "unclosed group");
    }
}
