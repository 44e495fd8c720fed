//! A second view of a reply with disguised words spelled out, for the
//! criteria a reply must avoid (aggression, dismissal).
//!
//! Insults are hidden in ways the plain normalized text keeps: look-alike
//! letters from other scripts inside a Latin word ("іdіоt" with Cyrillic і and
//! о), leetspeak ("1d10t", "sh1t", "a$$hole"), masked letters ("f**king",
//! "b*tch"), letter spacing ("i d i o t", "f.u.c.k") and separators between
//! Chinese characters ("傻 逼", "傻*逼"). [`unmask`] undoes these and keeps,
//! for every character, the span of the original it came from, so evidence
//! found in this view still slices the reply to the disguised text.
//!
//! Each rule is narrow so that ordinary text does not change meaning: letters
//! of another script are folded only inside words that mix scripts (a Russian
//! reply stays Russian), digits only inside words that also have at least two
//! letters and are not a number with a unit or suffix ("2nd", "10am", "mp3"),
//! masks only when exactly one known word fits, and spacing only for runs of
//! at least three single letters.

use crate::normalize::Normalized;

/// One character of the view and the original span it stands for.
#[derive(Debug, Clone, Copy)]
struct Char {
    c: char,
    span: (u32, u32),
}

/// The unmasked view of `normalized`, or `None` when it would be the same text.
pub fn unmask(normalized: &Normalized<'_>) -> Option<Normalized<'static>> {
    let text = normalized.text();
    if !might_hide(text) {
        return None;
    }
    let mut chars: Vec<Char> = text
        .char_indices()
        .map(|(i, c)| {
            let (s, e) = normalized.original_span(i, i + c.len_utf8());
            Char {
                c,
                span: (s as u32, e as u32),
            }
        })
        .collect();
    fold_confusables(&mut chars);
    join_spaced_letters(&mut chars);
    join_spaced_han(&mut chars);
    fold_leet(&mut chars);
    let unmasked: String = chars.iter().map(|ch| ch.c).collect();
    if unmasked == text {
        return None;
    }
    let mut origin = Vec::with_capacity(unmasked.len());
    for ch in &chars {
        origin.extend(std::iter::repeat_n(ch.span, ch.c.len_utf8()));
    }
    Some(Normalized::from_parts(unmasked, origin))
}

/// A cheap test that rules out most replies: plain words and sentences.
fn might_hide(text: &str) -> bool {
    let bytes = text.as_bytes();
    let spaced = bytes.windows(4).any(|w| {
        matches!(w, &[a, b, c, d] if is_separator(a as char)
            && b.is_ascii_alphanumeric()
            && is_separator(c as char)
            && d.is_ascii_alphanumeric())
    });
    spaced
        || bytes
            .iter()
            .any(|&b| !b.is_ascii() || b.is_ascii_digit() || b"@$!*#".contains(&b))
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_' | '*' | '·')
}

/// Maximal runs of characters that `part` accepts.
fn runs(chars: &[Char], part: impl Fn(char) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in chars.iter().enumerate() {
        match (part(ch.c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..chars.len());
    }
    out
}

/// Cyrillic and Greek look-alikes to Latin, inside words that mix scripts.
fn fold_confusables(chars: &mut [Char]) {
    for word in runs(chars, |c| {
        c.is_ascii_alphanumeric() || confusable(c).is_some()
    }) {
        let Some(word) = chars.get_mut(word) else {
            continue;
        };
        let latin = word.iter().any(|ch| ch.c.is_ascii_alphabetic());
        if latin && word.iter().any(|ch| confusable(ch.c).is_some()) {
            for ch in word.iter_mut() {
                ch.c = confusable(ch.c).unwrap_or(ch.c);
            }
        }
    }
}

/// The Latin letter a Cyrillic or Greek letter looks like.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        'а' | 'α' => 'a',
        'в' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' | 'н' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ԝ' => 'w',
        'х' | 'χ' => 'x',
        'у' => 'y',
        _ => return None,
    })
}

/// "i d i o t", "f.u.c.k": three or more single letters or digits, the same
/// separator between each, become one word.
fn join_spaced_letters(chars: &mut Vec<Char>) {
    let at = |chars: &[Char], i: usize| chars.get(i).map(|ch| ch.c);
    let single = |chars: &[Char], i: usize| {
        at(chars, i).is_some_and(|c| c.is_ascii_alphanumeric())
            && (i == 0 || at(chars, i - 1).is_none_or(|c| !c.is_alphanumeric()))
            && at(chars, i + 1).is_none_or(|c| !c.is_alphanumeric())
    };
    let mut drop = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let mut end = i;
        // One kind of separator a run: in "a l-o-s-e-r" the "a" is a word.
        let separator = chars.get(i + 1).map(|ch| ch.c);
        while single(chars, end)
            && end + 2 < chars.len()
            && at(chars, end + 1) == separator
            && separator.is_some_and(is_separator)
            && single(chars, end + 2)
        {
            end += 2;
        }
        let letters = (i..=end)
            .step_by(2)
            .filter(|&k| at(chars, k).is_some_and(|c| c.is_ascii_alphabetic()));
        if end < i + 4 {
            // Too short a run here; one may start at the next character.
            i += 1;
            continue;
        }
        if letters.count() >= 2 {
            for flag in drop.iter_mut().take(end).skip(i + 1).step_by(2) {
                *flag = true;
            }
        }
        i = end + 1;
    }
    let mut keep = drop.iter().map(|d| !d);
    chars.retain(|_| keep.next().unwrap_or(true));
}

/// "傻*逼", "傻 逼": a mark between two Chinese characters is dropped, and so
/// is a space between two that stand alone ("如果你去 你妈" keeps its space).
fn join_spaced_han(chars: &mut Vec<Char>) {
    let han = |i: usize| chars.get(i).is_some_and(|ch| is_han(ch.c));
    let alone = |i: usize| han(i) && (i == 0 || !han(i - 1)) && !han(i + 1);
    let drop: Vec<bool> = (0..chars.len())
        .map(|i| {
            let Some(c) = chars.get(i).map(|ch| ch.c) else {
                return false;
            };
            i > 0
                && is_separator(c)
                && (c != ' ' || (alone(i - 1) && alone(i + 1)))
                && han(i - 1)
                && han(i + 1)
        })
        .collect();
    let mut keep = drop.iter().map(|d| !d);
    chars.retain(|_| keep.next().unwrap_or(true));
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Leetspeak and masks inside words: "1d10t", "sh1t", "a$$", "f**king".
fn fold_leet(chars: &mut [Char]) {
    let part = |c: char| c.is_ascii_alphanumeric() || "@$!*#".contains(c);
    for word in runs(chars, part) {
        // Marks around a word ("*hugs*", "wow!!") are punctuation, not letters.
        let edge = |c: char| "!*#".contains(c);
        let Some(whole) = chars.get(word.clone()) else {
            continue;
        };
        let lead = whole.iter().take_while(|ch| edge(ch.c)).count();
        let trail = whole.get(lead..).map_or(0, |rest| {
            rest.iter().rev().take_while(|ch| edge(ch.c)).count()
        });
        let inner = word.start + lead..word.end - trail;
        let Some(spelled) = chars.get(inner.clone()).and_then(spell_out) else {
            continue;
        };
        if let Some(letters) = chars.get_mut(inner) {
            for (ch, c) in letters.iter_mut().zip(spelled.chars()) {
                ch.c = c;
            }
        }
    }
}

/// The word a leet or masked `word` stands for, or `None` when it is plain.
fn spell_out(word: &[Char]) -> Option<String> {
    let text: String = word.iter().map(|ch| ch.c).collect();
    if text.chars().filter(char::is_ascii_alphabetic).count() < 2
        || text.chars().all(|c| c.is_ascii_alphabetic())
        || is_number_with_suffix(&text)
    {
        return None;
    }
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars() {
        spelled.push(match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            c if c.is_ascii_alphabetic() || c == '*' || c == '#' => c,
            _ => return None,
        });
    }
    if spelled.contains(['*', '#']) {
        return fill_mask(&spelled);
    }
    Some(spelled)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> String {
        let normalized = Normalized::new(text);
        match unmask(&normalized) {
            Some(view) => view.text().to_string(),
            None => normalized.text().to_string(),
        }
    }

    #[test]
    fn disguises_are_spelled_out() {
        for (disguised, plain) in [
            ("you 1d10t", "you idiot"),
            ("sh1t", "shit"),
            ("a$$hole", "asshole"),
            ("f**king hell", "fucking hell"),
            ("b!tch", "bitch"),
            ("i d i o t!", "idiot!"),
            ("f.u.c.k you", "fuck you"),
            ("a l-o-s-e-r", "a loser"),
            ("\u{456}d\u{456}\u{43E}t", "idiot"),
            ("ѕtuріd", "stupid"),
            ("傻 逼", "傻逼"),
            ("傻*逼", "傻逼"),
            ("你 是 傻 逼", "你是傻逼"),
        ] {
            assert_eq!(view(disguised), plain, "{disguised}");
        }
    }

    #[test]
    fn ordinary_text_keeps_its_meaning() {
        for text in [
            "I have 2 kids and 3 dogs",
            "at 4 o'clock, 10am or 5pm",
            "the 2nd and 3rd time, mp3, covid19",
            "Мне очень жаль",
            "options a, b, c",
            "Mr. T said hi!",
            "*hugs* that's hard!!",
            "s*** happens",
            "email me at jo@example.com",
            "我觉得 你说的对",
        ] {
            let spelled = view(text);
            assert!(
                !spelled.contains("idiot") && !spelled.contains("shit"),
                "{text} -> {spelled}"
            );
        }
        assert_eq!(view("I have 2 kids"), "I have 2 kids");
        assert_eq!(view("Мне очень жаль"), "Мне очень жаль");
        assert_eq!(view("a, b, c"), "a, b, c");
        assert_eq!(view("如果你去 你妈就会伤心"), "如果你去 你妈就会伤心");
    }

    #[test]
    fn spans_point_at_the_disguised_original() {
        let original = "you are an i d 1 o t";
        let normalized = Normalized::new(original);
        let view = unmask(&normalized).unwrap();
        let start = view.text().find("idiot").unwrap();
        let (s, e) = view.original_span(start, start + 5);
        assert_eq!(&original[s..e], "i d 1 o t");
    }
}
