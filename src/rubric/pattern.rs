//! Turning cue text (phrases, lexicons, regexes) into regex syntax trees.
//!
//! Two rules keep matching fast and predictable on mixed English and Chinese:
//! every word boundary is ASCII (`\b` next to a Chinese character is always a
//! boundary, and the lazy DFA never has to give up on non-ASCII text), and a
//! phrase gets a boundary only at an end that is an ASCII letter or digit.

use std::collections::BTreeMap;

use regex_syntax::ParserBuilder;
use regex_syntax::hir::{self, Hir, HirKind, Look};

use crate::error::one_line;

/// The deepest nesting a cue's regex may have.
const NEST_LIMIT: u32 = 64;

/// Named word lists, as in the rubric file.
pub(crate) type Lexicons = BTreeMap<String, Vec<String>>;

/// Regex source for a list of literal phrases (with `{{lexicon}}` references).
pub(crate) fn phrases_source(phrases: &[String], lexicons: &Lexicons) -> Result<String, String> {
    if phrases.is_empty() {
        return Err("the phrase list is empty".into());
    }
    let mut alternatives = Vec::with_capacity(phrases.len());
    for phrase in phrases {
        if phrase.trim().is_empty() {
            return Err("a phrase is empty".into());
        }
        alternatives.push(phrase_source(phrase, lexicons)?);
    }
    Ok(alternatives.join("|"))
}

/// Regex source for every entry of one lexicon.
pub(crate) fn lexicon_source(name: &str, lexicons: &Lexicons) -> Result<String, String> {
    let entries = lexicons
        .get(name)
        .ok_or_else(|| format!("unknown lexicon \"{name}\""))?;
    if entries.is_empty() {
        return Err(format!("lexicon \"{name}\" is empty"));
    }
    Ok(entries
        .iter()
        .map(|e| literal_source(e))
        .collect::<Vec<_>>()
        .join("|"))
}

/// Regex source for a cue's regex, with `{{lexicon}}` references expanded.
pub(crate) fn regex_source(regex: &str, lexicons: &Lexicons) -> Result<String, String> {
    expand(regex, lexicons, |text| text.to_string())
}

/// One phrase: literal text with references, boundaries at ASCII word ends.
fn phrase_source(phrase: &str, lexicons: &Lexicons) -> Result<String, String> {
    let body = expand(phrase.trim(), lexicons, escape_literal)?;
    let phrase = phrase.trim();
    let starts_with_ref = phrase.starts_with("{{");
    let ends_with_ref = phrase.ends_with("}}");
    let mut source = String::new();
    if !starts_with_ref && phrase.starts_with(is_ascii_word) {
        source.push_str(r"\b");
    }
    source.push_str("(?:");
    source.push_str(&body);
    source.push(')');
    if !ends_with_ref && phrase.ends_with(is_ascii_word) {
        source.push_str(r"\b");
    }
    Ok(source)
}

/// One lexicon entry as a stand-alone literal with its own boundaries.
fn literal_source(entry: &str) -> String {
    let entry = entry.trim();
    let mut source = String::new();
    if entry.starts_with(is_ascii_word) {
        source.push_str(r"\b");
    }
    source.push_str(&escape_literal(entry));
    if entry.ends_with(is_ascii_word) {
        source.push_str(r"\b");
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

/// Replaces each `{{name}}` by `(?:entry|entry|...)`, passing the text
/// between references through `literal`.
fn expand(
    text: &str,
    lexicons: &Lexicons,
    literal: impl Fn(&str) -> String,
) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let close = rest[open..].find("}}").ok_or_else(|| {
            "unclosed \"{{\": lexicon references are written {{name}}".to_string()
        })?;
        let name = &rest[open + 2..open + close];
        out.push_str(&literal(&rest[..open]));
        out.push_str("(?:");
        out.push_str(&lexicon_source(name.trim(), lexicons)?);
        out.push(')');
        rest = &rest[open + close + 2..];
    }
    out.push_str(&literal(rest));
    Ok(out)
}

/// Parses regex source into a syntax tree with ASCII word boundaries.
pub(crate) fn parse(source: &str, case_sensitive: bool) -> Result<Hir, String> {
    let hir = ParserBuilder::new()
        .case_insensitive(!case_sensitive)
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(source)
        .map_err(|e| one_line(&e.to_string()))?;
    let hir = ascii_boundaries(&hir);
    if hir.properties().minimum_len() == Some(0) {
        return Err("the pattern matches the empty string, so it would match every reply".into());
    }
    Ok(hir)
}

/// Rewrites Unicode word boundaries as ASCII ones (see the module doc).
fn ascii_boundaries(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            other => *other,
        }),
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(ascii_boundaries(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(hir::Capture {
            sub: Box::new(ascii_boundaries(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_boundaries).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_boundaries).collect()),
        _ => hir.clone(),
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
    fn unknown_lexicon_is_an_error() {
        let err = phrases_source(&["{{nope}}".into()], &lexicons()).unwrap_err();
        assert_eq!(err, "unknown lexicon \"nope\"");
    }

    #[test]
    fn empty_matching_pattern_is_rejected() {
        assert!(parse("a*", false).unwrap_err().contains("empty string"));
    }

    #[test]
    fn invalid_regex_error_is_one_line() {
        let err = parse("(unclosed", false).unwrap_err();
        assert!(!err.contains('\n'), "{err}");
    }
}
