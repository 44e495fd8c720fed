//! Which transforms could change a reply, read off the text before the
//! per-character view is built: most replies that [`super::might_hide`] lets
//! through (curly quotes, dashes, "15 minutes", "a break") need none.
//!
//! Each sign is a necessary condition for its transform to change anything,
//! checked on the text as it comes in. A transform that runs earlier can
//! create work for a later one (look-alike letters and joined spacing make
//! new words for leetspeak; leetspeak makes new words for hyphen masks), so
//! [`Signs::of`] carries those forward. No transform creates a digit, a mark,
//! a hyphen, a Chinese character or a look-alike letter.

use super::han::{is_han, simplified};
use super::leet::{has_hyphen_mask, has_leet_word};
use super::spacing::MAX_GAP;
use super::{confusable, is_separator};

/// The transforms worth running on one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Signs {
    pub confusables: bool,
    pub han: bool,
    pub spacing: bool,
    pub leet: bool,
    pub hyphen: bool,
}

impl Signs {
    /// Every transform, for tests that compare against the signs.
    #[cfg(test)]
    pub const ALL: Signs = Signs {
        confusables: true,
        han: true,
        spacing: true,
        leet: true,
        hyphen: true,
    };

    /// The transforms that could change `text`.
    pub fn of(text: &str) -> Signs {
        let (mut confusables, mut han) = (false, false);
        for c in text.chars().filter(|c| !c.is_ascii()) {
            confusables |= confusable(c).is_some();
            han |= is_han(c) || simplified(c).is_some();
        }
        let spacing = has_spaced_letters(text);
        // Folded look-alikes and joined letters make new words.
        let leet = confusables || spacing || has_leet_word(text);
        let hyphen = leet || has_hyphen_mask(text);
        Signs {
            confusables,
            han,
            spacing,
            leet,
            hyphen,
        }
    }

    /// Whether no transform could change the text.
    pub fn none(self) -> bool {
        !(self.confusables || self.han || self.spacing || self.leet || self.hyphen)
    }
}

/// Whether `text` has the middle of a spaced run: an ASCII letter or digit
/// with a gap of one to three separators on each side and a letter or digit
/// standing alone past each gap ("d" in "i d i"). Non-ASCII bytes near it
/// ("·" is a separator) count as a yes.
fn has_spaced_letters(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| {
        bytes.get(i).is_some_and(u8::is_ascii_alphanumeric)
            && single_past_gap(bytes, i, false)
            && single_past_gap(bytes, i, true)
    })
}

/// Whether, going from `i` forward (or back), one to three separators lead
/// to an ASCII letter or digit with no letter or digit after it (or before).
fn single_past_gap(bytes: &[u8], i: usize, forward: bool) -> bool {
    let step = |k: usize| {
        if forward {
            k.checked_add(1)
        } else {
            k.checked_sub(1)
        }
    };
    let at = |k: Option<usize>| k.and_then(|k| bytes.get(k).copied());
    let mut k = step(i);
    let mut gap = 0;
    while let Some(b) = at(k) {
        if !b.is_ascii() {
            return true;
        }
        if !is_separator(b as char) {
            break;
        }
        gap += 1;
        k = k.and_then(step);
    }
    let letter = at(k).is_some_and(|b| b.is_ascii_alphanumeric());
    let beyond = at(k.and_then(step));
    (1..=MAX_GAP).contains(&gap)
        && letter
        && beyond.is_none_or(|b| !b.is_ascii() || !b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_letters_need_three_singles() {
        for text in [
            "i d i o t",
            "f.u.c.k",
            "x . y . z",
            "m/o/r",
            "a\u{B7}b\u{B7}c",
        ] {
            assert!(has_spaced_letters(text), "{text}");
        }
        for text in [
            "take a break",
            "I am",
            "a b",
            "a, b or c",
            "i   d    i",
            "ab c d",
        ] {
            assert!(!has_spaced_letters(text), "{text}");
        }
    }
}
