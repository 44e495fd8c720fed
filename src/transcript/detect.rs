//! Deciding what kind of input a file is: from its extension, else its first bytes.
//!
//! Only the reader's first buffer is looked at, so detection never consumes input
//! and works on stdin.

use std::path::Path;

use super::InputKind;
use super::read::BOM;

/// The header names that make a first line look like a CSV/TSV header.
const REPLY_HEADERS: [&str; 4] = ["reply", "response", "output", "completion"];

/// Decides how to read `path` from its extension, else from its first bytes.
///
/// By extension (any case): `.jsonl`/`.ndjson` are JSONL; `.csv` is CSV; `.tsv`/`.tab`
/// TSV; `.txt`/`.md` text; `.json` is a JSON document when it starts with `[`, or
/// with `{` alone on its first line (a pretty-printed object), and JSONL otherwise.
/// Other paths, and `-` for stdin, are sniffed from `first_bytes` (pass the
/// reader's first buffer, `BufRead::fill_buf`, so nothing is consumed): `[` or a
/// lone `{` is a JSON document, another `{` JSONL, a first line that is a
/// comma- or tab-separated header with a `reply`, `response`, `output` or
/// `completion` column CSV or TSV, anything else text.
pub fn detect_kind(path: &str, first_bytes: &[u8]) -> InputKind {
    let bytes = first_bytes.strip_prefix(BOM).unwrap_or(first_bytes);
    let extension = Path::new(path).extension().and_then(|ext| ext.to_str());
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("jsonl" | "ndjson") => InputKind::Jsonl,
        Some("json") => sniff_json(bytes).unwrap_or(InputKind::Jsonl),
        Some("csv") => InputKind::Csv,
        Some("tsv" | "tab") => InputKind::Tsv,
        Some("txt" | "md") => InputKind::Text,
        _ => sniff_json(bytes)
            .or_else(|| sniff_table(bytes))
            .unwrap_or(InputKind::Text),
    }
}

/// A JSON document or JSONL, when the first byte that is not whitespace opens one.
fn sniff_json(bytes: &[u8]) -> Option<InputKind> {
    let (&first, rest) = bytes.trim_ascii_start().split_first()?;
    match first {
        b'[' => Some(InputKind::Json),
        b'{' => {
            let line_end = rest.iter().position(|&byte| byte == b'\n');
            let first_line = line_end.and_then(|end| rest.get(..end));
            let alone = first_line.is_some_and(|line| line.trim_ascii().is_empty());
            Some(if alone {
                InputKind::Json
            } else {
                InputKind::Jsonl
            })
        }
        _ => None,
    }
}

/// CSV or TSV, when the first line is a header naming a reply column.
fn sniff_table(bytes: &[u8]) -> Option<InputKind> {
    let end = bytes.iter().position(|&byte| byte == b'\n')?;
    let header = std::str::from_utf8(bytes.get(..end)?).ok()?;
    [('\t', InputKind::Tsv), (',', InputKind::Csv)]
        .into_iter()
        .find(|&(separator, _)| {
            let mut names = header
                .split(separator)
                .map(|name| name.trim().trim_matches('"').to_ascii_lowercase());
            header.contains(separator) && names.any(|name| REPLY_HEADERS.contains(&name.as_str()))
        })
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_the_kind() {
        let cases = [
            ("a.jsonl", InputKind::Jsonl),
            ("dir.x/a.NDJSON", InputKind::Jsonl),
            ("a.csv", InputKind::Csv),
            ("a.TSV", InputKind::Tsv),
            ("a.txt", InputKind::Text),
            ("a.Md", InputKind::Text),
        ];
        for (path, want) in cases {
            // The content points the other way; the extension wins.
            let content: &[u8] = if want == InputKind::Text {
                b"{}"
            } else {
                b"hello"
            };
            assert_eq!(detect_kind(path, content), want, "{path}");
        }
    }

    #[test]
    fn a_json_file_is_a_document_or_jsonl_by_its_first_line() {
        let cases: [(&[u8], InputKind); 6] = [
            (b"[{\"reply\": \"x\"}]", InputKind::Json),
            (b"\xEF\xBB\xBF\n  [", InputKind::Json),
            (b"{\n  \"messages\": []\n}", InputKind::Json),
            (b"{  \r\n", InputKind::Json),
            (b"{\"reply\": \"x\"}\n{\"reply\": \"y\"}", InputKind::Jsonl),
            (b"hello", InputKind::Jsonl),
        ];
        for (bytes, want) in cases {
            assert_eq!(detect_kind("a.json", bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn stdin_and_unknown_extensions_are_sniffed() {
        let cases: [(&[u8], InputKind); 10] = [
            (b"{\"reply\": \"x\"}", InputKind::Jsonl),
            (b"\xEF\xBB\xBF \r\n\t{\"a\":1}", InputKind::Jsonl),
            (b"{\n\"reply\": \"x\"}", InputKind::Json),
            (b"I'm sorry {", InputKind::Text),
            (b"[{}]", InputKind::Json),
            (b"id,prompt,Response\n1,a,b\n", InputKind::Csv),
            (b"id\t\"reply\"\n1\tb\n", InputKind::Tsv),
            (b"Sorry, I can't reply now.\n", InputKind::Text),
            (b"  ", InputKind::Text),
            (b"", InputKind::Text),
        ];
        for (bytes, want) in cases {
            assert_eq!(detect_kind("-", bytes), want, "{bytes:?}");
            assert_eq!(detect_kind("replies.log", bytes), want, "{bytes:?}");
            assert_eq!(detect_kind("README", bytes), want, "{bytes:?}");
        }
    }
}
