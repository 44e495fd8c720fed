//! Template placeholders, replaced by neutral text before scoring.
//!
//! A placeholder stands for text nobody has written yet, so it must neither
//! earn nor lose points. Values (`{{ name }}`, `{{{ name }}}`, `{name}`,
//! `${name}`, `<name>`) become [`NEUTRAL`], a first name, which no cue of the
//! built-in rubric matches and no scope (negation, reported speech) treats as
//! a trigger. Control tags (`{% if %}`, `{{#if x}}`, `{{/if}}`, `{{else}}`,
//! `{# comment #}`, `<!-- comment -->`, HTML tags such as `<br>`) become one
//! space: they are structure, not words.
//!
//! A name fits where a placeholder usually stands (a vocative, an object, a
//! sentence of its own), and the unit tests check that there it changes no
//! cue. It is still a word: a placeholder written as a sentence of its own
//! after a closing question (`... talk about it? {name}.`) moves that
//! question off the end of the reply, as any words would.
//!
//! The offset map is kept: every byte of the neutral text maps to the first
//! byte of the placeholder, so evidence found next to it still points into
//! the original file.

/// What a value placeholder is replaced by.
pub const NEUTRAL: &str = "Alex";

/// HTML tags left as structure rather than read as `<name>` placeholders.
const HTML_TAGS: [&str; 12] = [
    "b", "i", "u", "p", "br", "em", "hr", "li", "ul", "ol", "div", "span",
];

/// `text` with every placeholder replaced, and its offset map carried over
/// from `offsets` (one entry per byte of `text`, plus one for its end).
pub fn neutralise(text: &str, offsets: &[usize]) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(offsets.len());
    let mut i = 0;
    while let Some(rest) = text.get(i..).filter(|rest| !rest.is_empty()) {
        if let Some((len, replacement)) = placeholder_at(rest) {
            out.push_str(replacement);
            let at = offsets.get(i).copied().unwrap_or_default();
            map.extend(std::iter::repeat_n(at, replacement.len()));
            i += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        map.extend_from_slice(offsets.get(i..i + c.len_utf8()).unwrap_or_default());
        i += c.len_utf8();
    }
    map.push(offsets.get(text.len()).copied().unwrap_or_default());
    (out, map)
}

/// The length and replacement of a placeholder at the start of `rest`.
fn placeholder_at(rest: &str) -> Option<(usize, &'static str)> {
    let first = *rest.as_bytes().first()?;
    if first != b'{' && first != b'<' && first != b'$' {
        return None;
    }
    for (open, close) in [("{{{", "}}}"), ("{{", "}}")] {
        if let Some(inner) = enclosed(rest, open, close) {
            let len = open.len() + inner.len() + close.len();
            return Some((len, value_or_control(inner.trim())));
        }
    }
    for (open, close) in [("{%", "%}"), ("{#", "#}"), ("<!--", "-->")] {
        if let Some(inner) = enclosed(rest, open, close) {
            return Some((open.len() + inner.len() + close.len(), " "));
        }
    }
    if let Some(inner) = enclosed(rest, "${", "}").or_else(|| enclosed(rest, "{", "}")) {
        let open = if first == b'$' { 2 } else { 1 };
        return is_name(inner, ".[]").then_some((open + inner.len() + 1, NEUTRAL));
    }
    let inner = enclosed(rest, "<", ">")?;
    let tag = inner
        .strip_prefix('/')
        .unwrap_or(inner)
        .trim_end_matches('/');
    if HTML_TAGS.contains(&tag.to_ascii_lowercase().as_str()) {
        return Some((inner.len() + 2, " "));
    }
    is_name(inner, "-").then_some((inner.len() + 2, NEUTRAL))
}

/// The text between `open` at the start of `rest` and the first `close`,
/// on one line.
fn enclosed<'a>(rest: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let after = rest.strip_prefix(open)?;
    let (inner, _) = after.split_once(close)?;
    (!inner.contains('\n') || open.len() > 1).then_some(inner)
}

/// Handlebars block helpers, partials and comments are control; the rest are values.
fn value_or_control(inner: &str) -> &'static str {
    let control = inner.starts_with(['#', '/', '^', '!', '>', '~']) || inner == "else";
    if control { " " } else { NEUTRAL }
}

/// An identifier (`user_name`), with `extra` characters allowed after the first.
fn is_name(inner: &str, extra: &str) -> bool {
    let mut chars = inner.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || extra.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<usize>) {
        let offsets: Vec<usize> = (0..=text.len()).map(|i| i + 100).collect();
        neutralise(text, &offsets)
    }

    #[test]
    fn values_become_the_neutral_name() {
        for text in [
            "Hi {{ name }}!",
            "Hi {{{name}}}!",
            "Hi {name}!",
            "Hi ${name}!",
            "Hi <user_name>!",
            "Hi {user.name}!",
        ] {
            assert_eq!(run(text).0, "Hi Alex!", "{text}");
        }
    }

    #[test]
    fn control_tags_become_a_space() {
        assert_eq!(run("a{% if x %}b{% endif %}c").0, "a b c");
        assert_eq!(run("a{{#if x}}b{{/if}}c{{else}}").0, "a b c ");
        assert_eq!(
            run("a{# note #}b<!-- eqscore: ignore -->c<br/>d").0,
            "a b c d"
        );
    }

    #[test]
    fn things_that_are_not_placeholders_stay() {
        for text in ["a { b } c", "x < y > z", "{\"json\": 1}", "cost: $5", "{}"] {
            assert_eq!(run(text).0, text);
        }
    }

    #[test]
    fn offsets_map_back_past_a_placeholder() {
        let (text, map) = run("Hi {{ name }}, sorry");
        assert_eq!(text, "Hi Alex, sorry");
        assert_eq!(map.len(), text.len() + 1);
        assert_eq!(map[3], 103, "the name maps to the placeholder's start");
        let sorry = text.find("sorry").unwrap();
        assert_eq!(map[sorry], 100 + "Hi {{ name }}, ".len());
        assert_eq!(*map.last().unwrap(), 100 + "Hi {{ name }}, sorry".len());
    }
}
