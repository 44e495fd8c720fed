//! A second view of a reply with disguised words spelled out, for the
//! criteria a reply must avoid (aggression, dismissal).
//!
//! Insults are hidden in ways the plain normalized text keeps: look-alike
//! letters from other scripts inside a Latin word ("іdіоt" with Cyrillic і and
//! о), leetspeak ("1d10t", "sh1t", "a$$hole"), masked letters ("f**king",
//! "b*tch", "F@#k", "f-ck"), letter spacing ("i d i o t", "f.u.c.k",
//! "g e t  o v e r  i t"), separators between Chinese characters ("傻 逼",
//! "傻*逼", "智…障") and traditional characters ("白癡"). [`unmask`] undoes
//! these and keeps, for every character, the span of the original it came
//! from, so evidence found in this view still slices the reply to the
//! disguised text.
//!
//! Each rule is narrow so that ordinary text does not change meaning: letters
//! of another script are folded only inside words that mix scripts (a Russian
//! reply stays Russian), digits only inside words that also have at least two
//! letters and are not a number with a unit or suffix ("2nd", "10am", "mp3"),
//! masks only when exactly one known word fits, and spacing only for runs of
//! at least three single letters (see the submodules).

mod han;
mod leet;
mod signs;
mod spacing;

use crate::normalize::Normalized;
use han::{fold_traditional, join_spaced_han};
use leet::{fill_hyphen_masks, fold_leet, is_spelled_known};
use signs::Signs;
use spacing::join_spaced_letters;

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
    let signs = Signs::of(text);
    if signs.none() {
        return None;
    }
    spell_out(normalized, signs)
}

/// The transforms `signs` calls for applied to `normalized`; `None` when
/// nothing changed.
fn spell_out(normalized: &Normalized<'_>, signs: Signs) -> Option<Normalized<'static>> {
    let text = normalized.text();
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
    if signs.confusables {
        fold_confusables(&mut chars);
    }
    if signs.han {
        fold_traditional(&mut chars);
    }
    if signs.spacing {
        join_spaced_letters(&mut chars);
    }
    if signs.han {
        join_spaced_han(&mut chars);
    }
    if signs.leet {
        fold_leet(&mut chars);
    }
    if signs.hyphen {
        fill_hyphen_masks(&mut chars);
    }
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
    // Checked first, as the cheapest: a mark, a digit or another script.
    let marked = || {
        bytes
            .iter()
            .any(|&b| !b.is_ascii() || b.is_ascii_digit() || b"@$!*#".contains(&b))
    };
    // Two letters standing alone between separators: "i . d . i . o . t".
    let spaced = || {
        let lone = bytes.windows(3).filter(|&w| {
            matches!(w, &[a, b, c] if is_separator(a as char)
                && b.is_ascii_alphanumeric()
                && is_separator(c as char))
        });
        lone.take(2).count() == 2
    };
    // A hyphen or underscore for a letter: "f-ck", "sh_t".
    let hyphen = || {
        text.split_whitespace().any(|word| {
            let mut parts = word.split(['-', '_']);
            let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
                return false;
            };
            !a.is_empty() && !b.is_empty() && a.len().min(b.len()) <= 2
        })
    };
    marked() || spaced() || hyphen()
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_' | '*' | '·' | '/')
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
            ("s h u t  u p", "shut up"),
            ("g.e.t o.v.e.r i.t", "get over it"),
            ("an i . d . i . o . t", "an idiot"),
            ("you m/o/r/o/n", "you moron"),
            ("a l o s e r", "a loser"),
            ("F@#k", "FUCK"),
            ("f-ck off", "fuck off"),
            ("4sshole", "asshole"),
            ("1oser", "loser"),
            ("妳是白癡嗎", "你是白痴吗"),
            ("智…障", "智障"),
            ("去/死/吧", "去死吧"),
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
        for (text, expected) in [
            ("I s e e", "I see"),
            ("a Galaxy A55", "a Galaxy A55"),
            ("my e-mail and x-ray", "my e-mail and x-ray"),
            ("a well-known t-shirt", "a well-known t-shirt"),
            ("1/2/3", "1/2/3"),
            ("我 觉得 / 你 说 得 对", "我 觉得 / 你说得对"),
        ] {
            assert_eq!(view(text), expected, "{text}");
        }
    }

    #[test]
    fn plain_text_skips_the_view() {
        for text in [
            "I\u{2019}m so sorry \u{2014} that\u{2019}s hard.",
            "take a break for 15 minutes, the 2nd time at 10am",
            "a well-known t-shirt, my e-mail",
            "\u{201C}options\u{201D}: a, b or c",
        ] {
            assert!(Signs::of(text).none(), "{text}");
        }
        for text in [
            "you 1d10t",
            "f-ck off",
            "i d i o t",
            "\u{456}d\u{456}\u{43E}t",
            "\u{50BB}",
            "\u{59B3}",
        ] {
            assert!(!Signs::of(text).none(), "{text}");
        }
    }

    fn spelled(text: &str, signs: Signs) -> Option<(String, Vec<(usize, usize)>)> {
        let normalized = Normalized::new(text);
        let view = spell_out(&normalized, signs)?;
        let spans = (0..view.text().len())
            .filter(|&i| view.text().is_char_boundary(i))
            .map(|i| view.original_span(i, i + 1))
            .collect();
        Some((view.text().to_string(), spans))
    }

    proptest::proptest! {
        /// The signs skip only transforms that would change nothing: the
        /// view and its spans are those of every transform run.
        #[test]
        fn signs_skip_only_what_changes_nothing(
            text in "([a-zA-Z0-9 .,\\-_*/@$!#~|+\u{B7}\u{2019}\u{2014}\u{2026}\u{FF5E}\u{4E28}\u{456}\u{43E}\u{3B1}\u{50BB}\u{903C}\u{59B3}\u{7661}]|idiot|fuck|shit|loser| a | i ){0,24}"
        ) {
            let normalized = Normalized::new(&text);
            let signs = Signs::of(normalized.text());
            proptest::prop_assert_eq!(spelled(&text, signs), spelled(&text, Signs::ALL));
        }
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
