//! Letter spacing: "i d i o t", "f.u.c.k", "m/o/r/o/n", "i . d . i . o . t",
//! and whole spaced phrases whose words are set apart by a wider gap
//! ("g e t  o v e r  i t", "g.e.t o.v.e.r i.t").
//!
//! A run starts with at least three single letters or digits with the same
//! gap between each (one to three separator characters); a wider gap that
//! holds a space ends a word and the run goes on when at least two single
//! letters follow with the first gap again. The gaps inside a word are
//! dropped, a gap between words becomes one space. An English one-letter
//! word before a spaced word ("a l o s e r", "I h a t e") stays a word of
//! its own unless the whole run spells a word people disguise ("i d i o t").

use super::{Char, is_separator, is_spelled_known};

/// Gaps longer than this are not letter spacing.
pub(super) const MAX_GAP: usize = 3;

/// Joins every spaced run in `chars`.
pub(super) fn join_spaced_letters(chars: &mut Vec<Char>) {
    let mut drop = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        match spaced_run(chars, i) {
            Some(words) => {
                i = mark_run(chars, &mut drop, &words);
            }
            None => i += 1,
        }
    }
    let mut keep = drop.iter().map(|d| !d);
    chars.retain(|_| keep.next().unwrap_or(true));
}

fn at(chars: &[Char], i: usize) -> Option<char> {
    chars.get(i).map(|ch| ch.c)
}

/// A letter or digit that stands alone between non-word characters.
fn single(chars: &[Char], i: usize) -> bool {
    at(chars, i).is_some_and(|c| c.is_ascii_alphanumeric())
        && (i == 0 || at(chars, i - 1).is_none_or(|c| !c.is_alphanumeric()))
        && at(chars, i + 1).is_none_or(|c| !c.is_alphanumeric())
}

/// The gap after position `i` (its separator characters), when a single
/// letter follows it.
fn gap_after(chars: &[Char], i: usize) -> Option<String> {
    let gap: String = chars
        .iter()
        .skip(i + 1)
        .take(MAX_GAP + 1)
        .map(|ch| ch.c)
        .take_while(|&c| is_separator(c))
        .collect();
    let next = i + 1 + gap.chars().count();
    (!gap.is_empty() && gap.chars().count() <= MAX_GAP && single(chars, next)).then_some(gap)
}

/// A gap that ends a word: wider than the gap inside words and with a space.
fn is_word_break(gap: &str, inner: &str) -> bool {
    let spaces = |s: &str| s.matches(' ').count();
    gap != inner && spaces(gap) > spaces(inner)
}

/// The words of the spaced run starting at `start`, as the positions of
/// their letters, or `None` when no run starts there.
fn spaced_run(chars: &[Char], start: usize) -> Option<Vec<Vec<usize>>> {
    if !single(chars, start) {
        return None;
    }
    let inner = gap_after(chars, start)?;
    let mut words = vec![vec![start]];
    let mut pos = start;
    while let Some(gap) = gap_after(chars, pos) {
        let next = pos + 1 + gap.chars().count();
        if gap == inner {
            words.last_mut()?.push(next);
        } else if is_word_break(&gap, &inner) && gap_after(chars, next) == Some(inner.clone()) {
            words.push(vec![next]);
        } else {
            break;
        }
        pos = next;
    }
    while words.len() > 1 && words.last().is_some_and(|w| w.len() < 2) {
        words.pop();
    }
    let letters = words
        .iter()
        .flatten()
        .filter(|&&k| at(chars, k).is_some_and(|c| c.is_ascii_alphabetic()));
    (words.first()?.len() >= 3 && letters.count() >= 2).then_some(words)
}

/// Marks the gaps of a run to drop (or to become a space between words);
/// returns the position after the run.
fn mark_run(chars: &mut [Char], drop: &mut [bool], words: &[Vec<usize>]) -> usize {
    let split_first = leading_word(chars, words.first().map_or(&[][..], Vec::as_slice));
    let mut end = 0;
    for (w, word) in words.iter().enumerate() {
        for (k, (&from, &to)) in word.iter().zip(word.iter().skip(1)).enumerate() {
            let keep_one = w == 0 && k == 0 && split_first;
            mark_gap(chars, drop, from, to, keep_one);
        }
        let next = words.get(w + 1).and_then(|next| next.first());
        if let (Some(&last), Some(&next)) = (word.last(), next) {
            mark_gap(chars, drop, last, next, true);
        }
        end = word.last().copied().unwrap_or(end);
    }
    end + 1
}

/// Drops the gap between `from` and `to`; with `keep_one` its first
/// character stays, as a space.
fn mark_gap(chars: &mut [Char], drop: &mut [bool], from: usize, to: usize, keep_one: bool) {
    for k in from + 1..to {
        if let Some(flag) = drop.get_mut(k) {
            *flag = !(keep_one && k == from + 1);
        }
    }
    if let Some(ch) = chars.get_mut(from + 1).filter(|_| keep_one) {
        ch.c = ' ';
    }
}

/// Whether the first letter of a spaced word is an English one-letter word
/// ("a", "I") to keep apart: "a l o s e r" is "a loser", "i d i o t" stays.
fn leading_word(chars: &[Char], word: &[usize]) -> bool {
    let spelled: String = word.iter().filter_map(|&k| at(chars, k)).collect();
    word.len() >= 4 && spelled.starts_with(['a', 'A', 'i', 'I']) && !is_spelled_known(&spelled)
}
