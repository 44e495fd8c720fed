//! Finding a value in rubric JSON by its path, so an error can point at it.
//!
//! serde forgets where a value came from once it is parsed, and searching the
//! text for the value (the old way) finds the wrong `"sad"` as soon as a word
//! appears twice. This is a small JSON scanner that walks the source along a
//! path (`criteria[2].cues[5].regex`) and returns the byte span of the value,
//! or of the key that names it. It never allocates more than one key at a
//! time, never recurses (so deep nesting cannot overflow the stack), and gives
//! up with `None` rather than panicking on text that is not valid JSON.

use std::fmt;
use std::ops::Range;

/// One step of a JSON path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A path from the document root, written `criteria[2].cues[5].regex`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonPath(Vec<Step>);

impl JsonPath {
    /// The document itself.
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    /// This path, then the object member `key`.
    pub fn key(&self, key: &str) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_string()));
        JsonPath(steps)
    }

    /// This path, then the array element `index`.
    pub fn index(&self, index: usize) -> JsonPath {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        JsonPath(steps)
    }

    /// The steps, from the root.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// Reads the plain form [`fmt::Display`] writes: `criteria[0].cues[2]`.
    pub fn parse(text: &str) -> Option<JsonPath> {
        let mut path = JsonPath::root();
        for part in text.split('.') {
            let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            if !key.is_empty() {
                path = path.key(key);
            }
            while let Some(inner) = rest.strip_prefix('[') {
                let (index, after) = inner.split_once(']')?;
                path = path.index(index.parse().ok()?);
                rest = after;
            }
            if !rest.is_empty() {
                return None;
            }
        }
        Some(path)
    }
}

impl fmt::Display for JsonPath {
    /// Plain keys as `.key`, others as `["key"]`; the root is empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Index(index) => write!(f, "[{index}]")?,
                Step::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Step::Key(key) => {
                    let quoted = serde_json::to_string(key).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?;
                }
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// What of the last step to point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The value, from its first to its last character.
    Value,
    /// The key (with its quotes) that names the value; for an array element,
    /// the value itself.
    Key,
    /// The first character of the value, such as the `{` of an object that
    /// lacks a field.
    Opening,
}

/// The byte span in `source` of what `path` names, or `None` when the path is
/// not in the text (or the text is not JSON where the walk goes).
///
/// When an object repeats a key, the last one counts, as it does in serde.
pub(crate) fn find(source: &str, path: &JsonPath, target: Target) -> Option<Range<usize>> {
    let mut scanner = Scanner {
        src: source,
        pos: 0,
    };
    scanner.skip_ws();
    let steps = path.steps();
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Key(key) => {
                let (key_span, value_start) = scanner.member(key)?;
                if i + 1 == steps.len() && target == Target::Key {
                    return Some(key_span);
                }
                scanner.pos = value_start;
            }
            Step::Index(index) => scanner.pos = scanner.element(*index)?,
        }
    }
    let start = scanner.pos;
    scanner.skip_value()?;
    if target == Target::Opening {
        let width = source
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        return Some(start..start + width);
    }
    Some(start..scanner.pos)
}

/// Where a span starts, for people: line and column (1-based, in characters),
/// its length in characters on that line, and the line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters of the span on its first line; at least 1.
    pub len: usize,
    /// The text of the line, without its line break.
    pub line_text: String,
}

/// The position of the byte span `span` in `source`; a span reaching past
/// its first line is cut at the line's end.
pub(crate) fn position(source: &str, span: Range<usize>) -> Position {
    let start = floor_boundary(source, span.start);
    let (before, after) = source.split_at_checked(start).unwrap_or((source, ""));
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').map_or(source.len(), |i| start + i);
    let end = floor_boundary(source, span.end.clamp(start, line_end));
    let text = |range: Range<usize>| source.get(range).unwrap_or_default();
    Position {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: text(line_start..start).chars().count() + 1,
        len: text(start..end).chars().count().max(1),
        line_text: text(line_start..line_end)
            .trim_end_matches('\r')
            .to_string(),
    }
}

/// The byte offset of a 1-based line and byte column as serde_json reports
/// them (column 0 means the start of the line).
pub(crate) fn offset(source: &str, line: usize, byte_column: usize) -> usize {
    let mut line_start = 0;
    let rest = |from: usize| source.get(from..).unwrap_or_default();
    for _ in 1..line {
        match rest(line_start).find('\n') {
            Some(i) => line_start += i + 1,
            None => return source.len(),
        }
    }
    let line_end = rest(line_start)
        .find('\n')
        .map_or(source.len(), |i| line_start + i);
    floor_boundary(
        source,
        (line_start + byte_column.saturating_sub(1)).min(line_end),
    )
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A cursor over JSON text.
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` (after white space), or fails.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// At `{`: the key span and value start of the last member named `key`.
    fn member(&mut self, key: &str) -> Option<(Range<usize>, usize)> {
        self.expect(b'{')?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            return None;
        }
        let mut found = None;
        loop {
            self.skip_ws();
            let key_start = self.pos;
            let name = self.string()?;
            let key_span = key_start..self.pos;
            if self.expect(b':').is_none() {
                break;
            }
            self.skip_ws();
            if name == key {
                found = Some((key_span, self.pos));
            }
            if self.skip_value().is_none() || self.expect(b',').is_none() {
                break;
            }
        }
        found
    }

    /// At `[`: where element `index` starts.
    fn element(&mut self, index: usize) -> Option<usize> {
        self.expect(b'[')?;
        for _ in 0..index {
            self.skip_ws();
            self.skip_value()?;
            self.expect(b',')?;
        }
        self.skip_ws();
        match self.peek() {
            Some(b']') | None => None,
            Some(_) => Some(self.pos),
        }
    }

    /// Skips one value of any kind, without recursion.
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => self.skip_nested(),
            b',' | b':' | b']' | b'}' => None,
            _ => {
                let start = self.pos;
                while !matches!(
                    self.peek(),
                    None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b']' | b'}')
                ) {
                    self.pos += 1;
                }
                (self.pos > start).then_some(())
            }
        }
    }

    /// Skips an object or array by counting brackets outside strings.
    fn skip_nested(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth -= 1,
                _ => {}
            }
            self.pos += 1;
            if depth == 0 {
                return Some(());
            }
        }
    }

    /// At `"`: consumes a string and returns it decoded.
    fn string(&mut self) -> Option<String> {
        (self.peek() == Some(b'"')).then(|| self.pos += 1)?;
        let mut out = String::new();
        loop {
            let rest = self.src.get(self.pos..)?;
            let stop = rest.find(['"', '\\'])?;
            out.push_str(rest.get(..stop)?);
            self.pos += stop + 1;
            if rest.as_bytes().get(stop) == Some(&b'"') {
                return Some(out);
            }
            out.push(self.escape()?);
        }
    }

    /// After a backslash: the escaped character.
    fn escape(&mut self) -> Option<char> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return None,
        })
    }

    /// After `\u`: one code point, joining a surrogate pair.
    fn unicode_escape(&mut self) -> Option<char> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high) && self.src.get(self.pos..)?.starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            match self.hex4() {
                Some(low @ 0xDC00..0xE000) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(code);
                }
                _ => self.pos = save,
            }
        }
        Some(char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.src.get(self.pos..self.pos + 4)?;
        let code = u32::from_str_radix(digits, 16).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        Some(code)
    }
}

#[cfg(test)]
#[path = "locate_tests.rs"]
mod tests;
