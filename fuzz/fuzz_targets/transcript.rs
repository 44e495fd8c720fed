//! Reads arbitrary bytes as a transcript with `transcript::read_source` (as
//! JSONL, a JSON document, CSV, TSV, text as one reply and one per line), and
//! each line alone with `transcript::parse_jsonl_line`, with the default
//! options and with a 7-byte reply limit and `LongReplies::Truncate`. It must
//! never panic; errors are one line naming the file; every reply read has
//! visible text and is within the limit.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use std::sync::Arc;

use eqscore::transcript::{
    InputKind, LongReplies, ReadOptions, ReplyItem, detect_kind, parse_jsonl_line, read_source,
};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "fuzz.jsonl";

fn read(data: &[u8], kind: InputKind, lines: bool) {
    read_with(data, kind, lines, ReadOptions::default());
    // Small limits, cutting long replies short: the cut must land on a char
    // boundary within the limit and leave visible text.
    let truncate = ReadOptions {
        max_reply_bytes: 7,
        long_replies: LongReplies::Truncate,
        ..ReadOptions::default()
    };
    read_with(data, kind, lines, truncate);
}

fn read_with(data: &[u8], kind: InputKind, lines: bool, opts: ReadOptions) {
    let path: Arc<str> = Arc::from(PATH);
    let opts = ReadOptions { lines, ..opts };
    let max = opts.max_reply_bytes;
    let result = read_source(data, &path, kind, &opts, |item: ReplyItem| {
        assert!(!item.reply.trim().is_empty(), "blank reply read: {item:?}");
        assert!(item.reply.len() <= max, "over the limit: {item:?}");
        assert!(item.source.line >= 1, "line 0: {item:?}");
        Ok(())
    });
    if let Err(error) = result {
        invariants::check_error(&error, PATH);
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = detect_kind("-", data);
    read(data, InputKind::Jsonl, false);
    read(data, InputKind::Json, false);
    read(data, InputKind::Csv, false);
    read(data, InputKind::Tsv, false);
    read(data, InputKind::Text, false);
    read(data, InputKind::Text, true);
    let path: Arc<str> = Arc::from(PATH);
    let opts = ReadOptions::default();
    for (i, line) in String::from_utf8_lossy(data).lines().enumerate() {
        let mut out = Vec::new();
        match parse_jsonl_line(line, &path, i as u64 + 1, &opts, &mut out) {
            Ok(()) => assert!(out.iter().all(|item| !item.reply.trim().is_empty())),
            Err(error) => {
                invariants::check_error(&error, PATH);
                assert!(out.is_empty(), "items kept after an error");
            }
        }
    }
});
