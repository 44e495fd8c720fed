//! Text normalization with a map back to the original.
//!
//! Cues match normalized text: Unicode NFKC (full-width letters and
//! punctuation become ASCII), curly quotes and apostrophes become `'` and `"`,
//! and invisible characters (zero-width spaces, soft hyphens, bidi controls)
//! are dropped. Case is left alone: cues are compiled case-insensitive.
//!
//! Evidence must point into the reply the user gave, so every byte of the
//! normalized text remembers the span of the original it came from. Plain
//! ASCII (the common case) is borrowed as is, with no map at all.

use std::borrow::Cow;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// A normalized text and the way back to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// For each normalized byte, the original span it came from; empty when
    /// the text is the original.
    origin: Vec<(u32, u32)>,
}

impl<'a> Normalized<'a> {
    /// Normalizes `original`; borrows it when nothing changes.
    pub fn new(original: &'a str) -> Normalized<'a> {
        if !needs_rewrite(original) {
            return Normalized {
                text: Cow::Borrowed(original),
                origin: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (start, segment) in segments(original) {
            let end = (start + segment.len()) as u32;
            push_normalized(segment, &mut text);
            origin.resize(text.len(), (start as u32, end));
        }
        Normalized {
            text: Cow::Owned(text),
            origin,
        }
    }

    /// A text built elsewhere (see `evasion`) with the original span of
    /// each of its bytes.
    pub(crate) fn from_parts(text: String, origin: Vec<(u32, u32)>) -> Normalized<'static> {
        debug_assert_eq!(text.len(), origin.len());
        Normalized {
            text: Cow::Owned(text),
            origin,
        }
    }

    /// The normalized text that cues run on.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Maps a non-empty normalized span back to a span of the original.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.origin.is_empty() {
            return (start, end);
        }
        debug_assert!(start < end && end <= self.origin.len());
        let first = self.origin.get(start).map_or(start, |o| o.0 as usize);
        let last = end.checked_sub(1).and_then(|i| self.origin.get(i));
        let last = last.map_or(end, |o| o.1 as usize);
        (first, last)
    }
}

/// Whether `text` could change under normalization.
fn needs_rewrite(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    text.chars().any(|c| replacement(c).is_some())
        || is_nfkc_quick(text.chars()) != IsNormalized::Yes
}

/// Whether `text` has nothing to score: only whitespace and the invisible
/// characters normalization drops (zero-width spaces, soft hyphens, bidi
/// controls, byte order marks).
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || replacement(c) == Some(""))
}

/// Characters rewritten before NFKC: quotes to ASCII, invisibles to nothing.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => "\"",
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' => "",
        '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => "",
        _ => return None,
    })
}

/// Splits text into a starter character followed by what composes with it,
/// so that NFKC composes "e" + U+0301 into "é" as it would the whole string.
fn segments(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.next()?;
        let mut end = text.len();
        while let Some(&(next, c)) = rest.peek() {
            if !joins_previous(c) {
                end = next;
                break;
            }
            rest.next();
        }
        Some((start, text.get(start..end)?))
    })
}

/// Whether NFKC may combine `c` with the character before it: a combining
/// mark, a character that composes with a preceding one although it is a
/// starter (the Hangul vowel and final jamo, which make ᄀ + ᅡ into 가), or
/// one that decomposes into either (half-width ﾞ is U+3099, which makes カ
/// into ガ).
fn joins_previous(c: char) -> bool {
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    let first = first.unwrap_or(c);
    canonical_combining_class(first) != 0
        || is_nfkc_quick(std::iter::once(first)) == IsNormalized::Maybe
}

fn push_normalized(segment: &str, out: &mut String) {
    let mut chars = segment.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(text) = replacement(c) {
            out.push_str(text);
            return;
        }
        if c.is_ascii() {
            out.push(c);
            return;
        }
    }
    let mut replaced = String::with_capacity(segment.len());
    for c in segment.chars() {
        match replacement(c) {
            Some(text) => replaced.push_str(text),
            None => replaced.push(c),
        }
    }
    out.extend(replaced.nfkc());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str) -> String {
        Normalized::new(text).text().to_string()
    }

    #[test]
    fn ascii_is_borrowed_unchanged() {
        let n = Normalized::new("That sounds hard.");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.original_span(5, 11), (5, 11));
    }

    #[test]
    fn chinese_without_fullwidth_is_borrowed() {
        let n = Normalized::new("听起来你很失望");
        assert!(matches!(n.text, Cow::Borrowed(_)));
    }

    #[test]
    fn curly_quotes_become_ascii() {
        assert_eq!(
            norm("you\u{2019}re \u{201C}fine\u{201D}"),
            "you're \"fine\""
        );
    }

    #[test]
    fn fullwidth_forms_become_ascii() {
        assert_eq!(norm("ＩＤＩＯＴ？你好，"), "IDIOT?你好,");
    }

    #[test]
    fn blank_means_whitespace_and_invisibles_only() {
        assert!(is_blank(" \u{200B}\u{FEFF}\t\u{00AD}\n"));
        assert!(is_blank(""));
        assert!(!is_blank("\u{200B}ok"));
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(norm("i\u{200B}di\u{00AD}ot\u{202E}"), "idiot");
    }

    #[test]
    fn combining_marks_compose() {
        assert_eq!(norm("cafe\u{0301}"), "café");
    }

    #[test]
    fn hangul_jamo_and_half_width_voiced_marks_compose() {
        assert_eq!(norm("\u{1100}\u{1161}\u{11A8}"), "각");
        assert_eq!(norm("ｶﾞ"), "ガ");
    }

    #[test]
    fn invisible_characters_before_a_combining_mark_are_dropped() {
        assert_eq!(norm("a\u{200B}\u{0301}"), "a\u{0301}");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "ｙｏｕ are an ｉ\u{200B}ｄｉｏｔ";
        let n = Normalized::new(original);
        let start = n.text().find("idiot").unwrap();
        let (s, e) = n.original_span(start, start + "idiot".len());
        assert_eq!(&original[s..e], "ｉ\u{200B}ｄｉｏｔ");
    }

    #[test]
    fn ellipsis_maps_to_one_original_char() {
        let original = "well… sad";
        let n = Normalized::new(original);
        assert_eq!(n.text(), "well... sad");
        let (s, e) = n.original_span(5, 6);
        assert_eq!(&original[s..e], "…");
    }
}
