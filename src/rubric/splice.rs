//! Parsing each lexicon once and splicing its tree in where it is referenced.
//!
//! Written out, a `{{name}}` reference is the lexicon's entries, often a
//! hundred of them, so parsing the expanded text of every cue parsed the
//! same lexicons again at every use: about a third of the instructions of
//! loading the built-in rubric (93 references to 29 lexicons). Here a cue's
//! text is parsed with a placeholder for each reference instead (private-use
//! characters, which no cue has), and the lexicon's tree, parsed once, takes
//! its place in the cue's tree.
//!
//! The parser simplifies as it goes (flattening nested alternations, lifting
//! a prefix common to all alternatives), and here it sees the lexicon as one
//! literal, so the spliced tree may differ in shape from the written-out
//! one; both are rewrites of one regex that keep the order of alternatives,
//! so the leftmost-first matches are the same (tested on the built-in rubric).
//!
//! This is a shortcut, never a second meaning: whenever it is not plainly the
//! same as parsing the written-out text (a flag that could change how the
//! entries read, a reference inside a character class, anything that fails),
//! [`LexiconTrees`] answers `None` and the caller parses the written-out
//! text, which also gives the error messages.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use regex_syntax::hir::{self, Hir, HirKind};

use super::pattern::{self, Lexicons, PatternError};
use super::raw::CueSpec;

/// The first placeholder; see [`placeholder`].
const FIRST: u32 = 0xF_0000;
/// The private-use plane the placeholders come from (U+F0000 to U+FFFFD).
const PLANE: std::ops::RangeInclusive<u32> = 0xF_0000..=0xF_FFFD;

/// Lexicon trees by name and case sensitivity; `None` when one does not parse.
type Parsed = BTreeMap<(String, bool), Option<Rc<Hir>>>;

/// The parsed trees of a rubric's lexicons, each parsed on first use.
pub(crate) struct LexiconTrees<'a> {
    lexicons: &'a Lexicons,
    parsed: RefCell<Parsed>,
}

impl<'a> LexiconTrees<'a> {
    /// No lexicon parsed yet.
    pub fn new(lexicons: &'a Lexicons) -> LexiconTrees<'a> {
        LexiconTrees {
            lexicons,
            parsed: RefCell::new(BTreeMap::new()),
        }
    }

    /// The tree of a cue's pattern, as [`pattern::parse`] would make it from
    /// the written-out text; `None` when the shortcut does not apply.
    pub fn cue(&self, spec: &CueSpec) -> Option<Hir> {
        let case_sensitive = spec.case_sensitive;
        match (&spec.regex, &spec.phrases, &spec.lexicon) {
            (Some(regex), None, None) => self.regex(regex, case_sensitive),
            (None, Some(phrases), None) => self.phrases(phrases, case_sensitive),
            (None, None, Some(name)) => self.lexicon(name, case_sensitive).map(|t| (*t).clone()),
            _ => None,
        }
    }

    /// The tree of a list of phrases, as for a cue's `phrases`.
    pub fn phrases(&self, phrases: &[String], case_sensitive: bool) -> Option<Hir> {
        let mut names = Vec::new();
        let template = pattern::phrases_with(phrases, &mut placeholder(&mut names)).ok()?;
        self.splice(&template, &names, case_sensitive)
    }

    fn regex(&self, regex: &str, case_sensitive: bool) -> Option<Hir> {
        if !plain_flags(regex, case_sensitive)
            || regex.contains("\\{{")
            || regex.chars().any(|c| PLANE.contains(&u32::from(c)))
        {
            return None;
        }
        let mut names = Vec::new();
        let template = pattern::regex_with(regex, &mut placeholder(&mut names)).ok()?;
        self.splice(&template, &names, case_sensitive)
    }

    /// Parses `template` and puts the trees of lexicons `names` in place of
    /// their placeholders.
    fn splice(&self, template: &str, names: &[String], case_sensitive: bool) -> Option<Hir> {
        let hir = pattern::parse(template, case_sensitive).ok()?;
        if names.is_empty() {
            return Some(hir);
        }
        let trees = names
            .iter()
            .map(|name| self.lexicon(name, case_sensitive))
            .collect::<Option<Vec<_>>>()?;
        let mut used = 0;
        let spliced = replace(hir, &trees, &mut used)?;
        let empty = spliced.properties().minimum_len() == Some(0);
        (used == trees.len() && !empty).then_some(spliced)
    }

    /// The tree of lexicon `name`, parsed on first use.
    fn lexicon(&self, name: &str, case_sensitive: bool) -> Option<Rc<Hir>> {
        let key = (name.to_string(), case_sensitive);
        if let Some(parsed) = self.parsed.borrow().get(&key) {
            return parsed.clone();
        }
        let parsed = pattern::lexicon_source(name, self.lexicons)
            .and_then(|source| pattern::parse(&source, case_sensitive))
            .ok()
            .map(Rc::new);
        self.parsed.borrow_mut().insert(key, parsed.clone());
        parsed
    }
}

/// Writes reference `k` as the group of placeholders `2k` and `2k + 1`,
/// noting the lexicon's name.
///
/// Two characters, not one: the parser turns an alternation of single
/// characters (`{{a}}|{{b}}`) into a class, where the order of the
/// alternatives, which decides the leftmost-first match, would be lost.
fn placeholder(names: &mut Vec<String>) -> impl FnMut(&str) -> Result<String, PatternError> {
    move |name| {
        let at = u32::try_from(names.len()).unwrap_or(u32::MAX);
        let pair = |k: u32| {
            FIRST
                .checked_add(at.checked_mul(2)?.checked_add(k)?)
                .filter(|c| PLANE.contains(c))
                .and_then(char::from_u32)
        };
        let too_many = || PatternError::Invalid("too many references".into());
        let (first, second) = (pair(0).ok_or_else(too_many)?, pair(1).ok_or_else(too_many)?);
        names.push(name.to_string());
        Ok(format!("(?:{first}{second})"))
    }
}

/// Whether the regex's inline flags (`(?i)`, `(?s:...)`) leave the entries
/// of a lexicon meaning what they mean alone: `s`, `m` and, in a cue that is
/// case-insensitive anyway, `i`. Anything else (`-i`, `x`, `U`, `u`, `R`)
/// could change them, and the written-out text is parsed instead.
fn plain_flags(regex: &str, case_sensitive: bool) -> bool {
    regex.match_indices("(?").all(|(at, _)| {
        let rest = regex.get(at + 2..).unwrap_or_default();
        if rest.starts_with([':', 'P', '<']) {
            return true;
        }
        let flags = rest.split([':', ')']).next().unwrap_or(rest);
        flags
            .chars()
            .all(|c| matches!(c, 's' | 'm') || (c == 'i' && !case_sensitive))
    })
}

/// `hir` with each placeholder pair replaced by its tree, counted in
/// `used`; `None` where a placeholder is not in its pair.
fn replace(hir: Hir, trees: &[Rc<Hir>], used: &mut usize) -> Option<Hir> {
    Some(match hir.into_kind() {
        HirKind::Literal(literal) => replace_in_literal(&literal.0, trees, used)?,
        // A negated class holds the placeholders too, as it holds every
        // other private-use character; a reference written inside a class
        // is missing from the literals, which the count of `used` tells.
        HirKind::Class(class) => Hir::class(class),
        HirKind::Empty => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(rep) => Hir::repetition(hir::Repetition {
            sub: Box::new(replace(*rep.sub, trees, used)?),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(hir::Capture {
            sub: Box::new(replace(*cap.sub, trees, used)?),
            ..cap
        }),
        HirKind::Concat(subs) => Hir::concat(replace_all(subs, trees, used)?),
        HirKind::Alternation(subs) => Hir::alternation(replace_all(subs, trees, used)?),
    })
}

fn replace_all(subs: Vec<Hir>, trees: &[Rc<Hir>], used: &mut usize) -> Option<Vec<Hir>> {
    subs.into_iter()
        .map(|sub| replace(sub, trees, used))
        .collect()
}

/// A literal: the parser joins neighbouring characters into one, so a
/// placeholder may sit in the middle of other text.
fn replace_in_literal(bytes: &[u8], trees: &[Rc<Hir>], used: &mut usize) -> Option<Hir> {
    let in_plane = |c: char| PLANE.contains(&u32::from(c));
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Hir::literal(bytes));
    };
    if !text.chars().any(in_plane) {
        return Some(Hir::literal(bytes));
    }
    let mut parts = Vec::new();
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if !in_plane(c) {
            plain.push(c);
            continue;
        }
        let tree = tree_of(c, chars.next()?, trees)?;
        if !plain.is_empty() {
            parts.push(Hir::literal(std::mem::take(&mut plain).into_bytes()));
        }
        parts.push(Hir::clone(tree));
        *used += 1;
    }
    if !plain.is_empty() {
        parts.push(Hir::literal(plain.into_bytes()));
    }
    Some(Hir::concat(parts))
}

/// The tree that the placeholder pair `first`, `second` stands for.
fn tree_of(first: char, second: char, trees: &[Rc<Hir>]) -> Option<&Rc<Hir>> {
    let offset = u32::from(first).checked_sub(FIRST)?;
    if offset % 2 != 0 || u32::from(second) != u32::from(first) + 1 {
        return None;
    }
    trees.get(usize::try_from(offset / 2).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::raw::ExampleSpec;
    use crate::rubric::{BUILTIN_EMPATHY, parse};

    fn lexicons() -> Lexicons {
        let mut lexicons = Lexicons::new();
        lexicons.insert("feel".into(), vec!["sad".into(), "let down".into()]);
        lexicons.insert("who".into(), vec!["you".into(), "他们".into()]);
        lexicons
    }

    fn shortcut(regex: &str) -> Option<Hir> {
        LexiconTrees::new(&lexicons()).regex(regex, false)
    }

    fn written(regex: &str) -> Hir {
        let source = pattern::regex_source(regex, &lexicons()).unwrap();
        pattern::parse(&source, false).unwrap()
    }

    /// Leftmost-first spans of `hir` in `text`.
    fn spans(hir: &Hir, text: &str) -> Vec<(usize, usize)> {
        let regex = regex_automata::meta::Regex::builder()
            .build_from_hir(hir)
            .unwrap();
        regex
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn a_spliced_tree_is_the_written_out_tree() {
        for regex in [
            r"\b{{who}} (?:seem|are) {{feel}}\b",
            "(?:{{who}})们?[^，。]{0,6}{{feel}}+",
            "so {{feel}}{2}",
            "(?i)(?s)^{{feel}}.*$",
        ] {
            assert_eq!(shortcut(regex), Some(written(regex)), "{regex}");
        }
    }

    #[test]
    fn a_spliced_alternation_finds_what_the_written_out_one_finds() {
        // The parser simplifies `(?:{{a}}|{{b}})|x` in another order than the
        // written-out text (a prefix common to all alternatives is lifted
        // out before or after flattening), so the trees differ in shape,
        // never in what the leftmost-first search finds.
        let regex = "(?:{{feel}}|{{who}})|sadness|let";
        let text = "you let down 他们 sad sadness let SAD letdown";
        let tree = shortcut(regex).unwrap();
        assert_eq!(spans(&tree, text), spans(&written(regex), text));
    }

    #[test]
    fn where_the_shortcut_could_differ_it_steps_aside() {
        for regex in [
            "[{{feel}}]",
            "(?-i){{feel}}",
            "(?x){{feel}} # {{who}}",
            "(?U){{feel}}",
            r"\{{feel}}",
            "\u{F0000}{{feel}}",
            r"\u{F0000}\u{F0001}{{feel}}",
            r"{{feel}}\x{F0000}\x{F0001}",
        ] {
            assert_eq!(shortcut(regex), None, "{regex}");
        }
        assert!(shortcut(r"\u{F0000}\u{F0001}").is_some(), "no reference");
    }

    #[test]
    fn every_cue_of_the_built_in_rubric_takes_the_shortcut_to_the_same_matches() {
        let file = parse(BUILTIN_EMPATHY, "b").unwrap();
        let trees = LexiconTrees::new(&file.lexicons);
        let examples = file.criteria.iter().flat_map(|c| {
            let e = &c.examples;
            e.matching.iter().chain(&e.no_match)
        });
        let text: Vec<String> = examples
            .map(|e| match e {
                ExampleSpec::Reply(reply) => reply.clone(),
                ExampleSpec::Full(case) => case.reply.clone(),
            })
            .collect();
        let text = text.join("\n");
        let cues = file.criteria.iter().flat_map(|c| &c.cues);
        let cues = cues.chain(file.signals.values().flat_map(|s| &s.cues));
        for cue in cues {
            let (_, source) = pattern::cue_source(cue, &file.lexicons).unwrap();
            let written = pattern::parse(&source.unwrap(), cue.case_sensitive).unwrap();
            let tree = trees.cue(cue).unwrap_or_else(|| panic!("{:?}", cue.id));
            if tree != written {
                assert_eq!(spans(&tree, &text), spans(&written, &text), "{:?}", cue.id);
            }
        }
        for scope in file.scopes.values() {
            for phrases in [&scope.triggers, &scope.exceptions, &scope.breaks] {
                if phrases.is_empty() {
                    continue;
                }
                let source = pattern::phrases_source(phrases, &file.lexicons).unwrap();
                let written = pattern::parse(&source, false).unwrap();
                let tree = trees.phrases(phrases, false).unwrap();
                if tree != written {
                    assert_eq!(spans(&tree, &text), spans(&written, &text));
                }
            }
        }
    }
}
