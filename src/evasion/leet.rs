//! Leetspeak and masks inside words: "1d10t", "sh1t", "a$$hole", "4sshole",
//! "1oser", "f**king", "F@#k", "f-ck". Digits and marks are read as letters
//! only in words with at least two letters; a number with a suffix ("2nd",
//! "mp3", "a55") only when it spells a long word people disguise; a mask only
//! when exactly one such word fits.

use super::{Char, runs};

/// Leetspeak and masks inside words: "1d10t", "sh1t", "a$$", "f**king".
pub(super) fn fold_leet(chars: &mut [Char]) {
    for word in runs(chars, is_leet_part) {
        let Some(whole) = chars.get(word.clone()) else {
            continue;
        };
        let text: String = whole.iter().map(|ch| ch.c).collect();
        let Some((inner, spelled)) = spell_run(&text) else {
            continue;
        };
        let inner = word.start + inner.start..word.start + inner.end;
        if let Some(letters) = chars.get_mut(inner) {
            for (ch, c) in letters.iter_mut().zip(spelled.chars()) {
                ch.c = c;
            }
        }
    }
}

/// Whether [`fold_leet`] would change a word of `text`, read as it is.
pub(super) fn has_leet_word(text: &str) -> bool {
    let leet = |b: u8| b.is_ascii_digit() || b"@$!*#".contains(&b);
    text.bytes().any(leet)
        && text
            .split(|c: char| !is_leet_part(c))
            .filter(|run| run.bytes().any(|b| !b.is_ascii_alphabetic()))
            .any(|run| spell_run(run).is_some())
}

fn is_leet_part(c: char) -> bool {
    c.is_ascii_alphanumeric() || "@$!*#".contains(c)
}

/// The letters a run of word characters (all ASCII) stands for, and the
/// byte range of `run` they replace; `None` when the run is plain.
fn spell_run(run: &str) -> Option<(std::ops::Range<usize>, String)> {
    // Marks around a word ("*hugs*", "wow!!") are punctuation, not letters.
    let edge = |c: char| "!*#".contains(c);
    let rest = run.trim_start_matches(edge);
    let inner =
        run.len() - rest.len()..run.len() - (rest.len() - rest.trim_end_matches(edge).len());
    let spelled = spell_out(run.get(inner.clone())?)?;
    Some((inner, spelled))
}

/// The word a leet or masked `word` stands for, or `None` when it is plain.
fn spell_out(text: &str) -> Option<String> {
    if text.chars().filter(char::is_ascii_alphabetic).count() < 2
        || text.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let spelled = leet_spelling(text, 'i')?;
    if spelled.contains(['*', '#']) {
        // A grawlix reads "@$!" as masks too: "F@#k".
        return fill_mask(&spelled).or_else(|| fill_mask(&text.replace(['@', '$', '!'], "*")));
    }
    // "1oser": a 1 for an l, when only that spells a known word.
    let spelled = match leet_spelling(text, 'l') {
        Some(with_l) if !is_known(&spelled) && is_known(&with_l) => with_l,
        _ => spelled,
    };
    // "2nd", "mp3", "a55" (a phone) stay; "4sshole", "5tupid" are read.
    let long_known = spelled.len() >= 5 && is_known(&spelled);
    (!is_number_with_suffix(text) || long_known).then_some(spelled)
}

/// `text` with leet digits and marks read as letters (`one` for a 1), masks
/// kept; `None` when it has another character.
fn leet_spelling(text: &str, one: char) -> Option<String> {
    text.chars()
        .map(|c| match c {
            '0' => Some('o'),
            '1' => Some(one),
            '!' => Some('i'),
            '3' => Some('e'),
            '4' | '@' => Some('a'),
            '5' | '$' => Some('s'),
            '7' => Some('t'),
            c if c.is_ascii_alphabetic() || c == '*' || c == '#' => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether `word` (any case) is one of the words people disguise.
fn is_known(word: &str) -> bool {
    MASKED.iter().any(|known| known.eq_ignore_ascii_case(word))
}

/// Whether spaced letters spell a disguised word, leet digits read.
pub(super) fn is_spelled_known(letters: &str) -> bool {
    leet_spelling(letters, 'i').is_some_and(|w| is_known(&w))
        || leet_spelling(letters, 'l').is_some_and(|w| is_known(&w))
}

/// "f-ck", "sh_t": a hyphen or underscore standing for one letter, when
/// exactly one known word fits ("well-known" fits none).
pub(super) fn fill_hyphen_masks(chars: &mut [Char]) {
    for word in runs(chars, is_hyphen_part) {
        let Some(letters) = chars.get_mut(word) else {
            continue;
        };
        let text: String = letters.iter().map(|ch| ch.c).collect();
        if let Some(filled) = fill_hyphen(&text) {
            for (ch, c) in letters.iter_mut().zip(filled.chars()) {
                ch.c = c;
            }
        }
    }
}

/// Whether [`fill_hyphen_masks`] would change a word of `text`, read as it is.
pub(super) fn has_hyphen_mask(text: &str) -> bool {
    text.bytes().any(|b| b == b'-' || b == b'_')
        && text
            .split(|c: char| !is_hyphen_part(c))
            .any(|run| fill_hyphen(run).is_some())
}

fn is_hyphen_part(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-' || c == '_'
}

/// The known word a run with one hyphen or underscore inside stands for.
fn fill_hyphen(text: &str) -> Option<String> {
    let marks = text.matches(['-', '_']).count();
    if marks != 1 || text.starts_with(['-', '_']) || text.ends_with(['-', '_']) {
        return None;
    }
    fill_mask(&text.replace(['-', '_'], "*"))
}

/// "2nd", "10am", "5k", "mp3", "covid19": letters and digits in two blocks.
fn is_number_with_suffix(text: &str) -> bool {
    let digits = |c: char| c.is_ascii_digit();
    let letters = |c: char| c.is_ascii_alphabetic();
    let after_digits = text.trim_start_matches(digits);
    let after_letters = text.trim_start_matches(letters);
    (after_digits.len() < text.len() && after_digits.chars().all(letters))
        || (after_letters.len() < text.len() && after_letters.chars().all(digits))
}

/// Words people mask; a masked word is spelled out when exactly one fits.
const MASKED: &[&str] = &[
    "ass",
    "loser",
    "fuck",
    "fucking",
    "fucked",
    "fucker",
    "shit",
    "shitty",
    "bullshit",
    "bitch",
    "asshole",
    "cunt",
    "dick",
    "dickhead",
    "idiot",
    "stupid",
    "bastard",
    "whore",
    "slut",
    "retard",
    "moron",
    "pussy",
    "cock",
    "twat",
    "motherfucker",
    "dumbass",
    "jackass",
    "nigger",
    "faggot",
];

fn fill_mask(masked: &str) -> Option<String> {
    let shown = masked.chars().filter(char::is_ascii_alphabetic).count();
    if shown < 2 || !masked.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let fits = |word: &&&str| {
        word.len() == masked.len()
            && word
                .chars()
                .zip(masked.chars())
                .all(|(w, m)| m == '*' || m == '#' || w.eq_ignore_ascii_case(&m))
    };
    let mut candidates = MASKED.iter().filter(fits);
    let word = candidates.next()?;
    if candidates.next().is_some() {
        return None;
    }
    // Keep the case of the letters shown, so "F**K" reads "FUCK".
    let upper = masked.chars().any(|c| c.is_ascii_uppercase());
    Some(if upper {
        word.to_ascii_uppercase()
    } else {
        word.to_string()
    })
}
