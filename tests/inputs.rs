//! Every input shape and every malformed input, end to end.
//!
//! The samples in `samples/transcripts/` are read through the library (to check
//! ids, turns and contexts, which the output does not show) and scored through
//! the binary; the catalogue in `tests/malformed/` is run through the binary for
//! its exit code and message, with and without `--keep-going`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;

use eqscore::transcript::{self, ReadOptions, ReplyItem};
use serde_json::Value;

mod common;
use common::{eqscore, eqscore_stdin, stderr, stdout};

/// `(line, id, turn, context, start of reply)` of each reply in `path`.
type Row = (u64, Option<String>, Option<usize>, Option<String>, String);

/// Reads a sample through the library, the kind detected as the binary does.
fn read_sample(name: &str, opts: &ReadOptions) -> Vec<Row> {
    let path = format!("samples/transcripts/{name}");
    let file = std::fs::File::open(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    let mut reader = BufReader::new(file);
    let kind = transcript::detect_kind(&path, reader.fill_buf().unwrap());
    let mut rows = Vec::new();
    transcript::read_source(
        reader,
        &Arc::from(path.as_str()),
        kind,
        opts,
        |item: ReplyItem| {
            let start: String = item.reply.chars().take(12).collect();
            rows.push((item.source.line, item.id, item.turn, item.context, start));
            Ok(())
        },
    )
    .unwrap_or_else(|err| panic!("{err}"));
    rows
}

fn row(line: u64, id: &str, turn: Option<usize>, context: Option<&str>, start: &str) -> Row {
    (
        line,
        Some(id.to_owned()),
        turn,
        context.map(str::to_owned),
        start.to_owned(),
    )
}

fn sample(name: &str) -> Vec<Row> {
    read_sample(name, &ReadOptions::default())
}

#[test]
fn openai_chat_scores_each_assistant_turn_after_its_user_turn() {
    let want = [
        row(
            1,
            "chat-en-1",
            Some(2),
            Some(
                "My parcel was supposed to arrive for my mum's birthday and it's still not here. I'm so upset.",
            ),
            "I'm so sorry",
        ),
        row(
            1,
            "chat-en-1",
            Some(4),
            Some("It's 4471. Honestly I just want it to arrive."),
            "Not my probl",
        ),
        row(
            2,
            "chat-zh-1",
            Some(1),
            Some("我的账户被锁了，明天就要交房租，我很着急。"),
            "听起来你现在压力很大，真",
        ),
    ];
    assert_eq!(sample("openai-chat.jsonl"), want);
}

#[test]
fn a_completions_log_scores_the_choices_after_the_request() {
    let want = [
        row(
            1,
            "log-001",
            Some(4),
            Some("1234. I'm really annoyed, this is the second time."),
            "I completely",
        ),
        // The second choice only calls a tool: no text, no reply.
        row(
            2,
            "log-002",
            Some(1),
            Some("快递丢了，里面是给孩子的生日礼物。"),
            "这不是我们的问题，你自己",
        ),
    ];
    assert_eq!(sample("openai-completions-log.jsonl"), want);
}

#[test]
fn context_turns_widens_the_context_of_a_log() {
    let opts = ReadOptions {
        context_turns: 2,
        ..ReadOptions::default()
    };
    let rows = read_sample("openai-completions-log.jsonl", &opts);
    let context = rows[0].3.as_deref().unwrap();
    assert_eq!(
        context,
        "I was charged twice for my subscription.\n1234. I'm really annoyed, this is the second time."
    );
}

#[test]
fn batch_output_is_keyed_by_custom_id_without_context() {
    let want = [
        row(1, "ticket-17", None, None, "I'm sorry yo"),
        row(2, "ticket-18", None, None, "请先冷静一下，这种小事不"),
    ];
    assert_eq!(sample("openai-batch-output.jsonl"), want);
}

#[test]
fn anthropic_requests_responses_and_pairs() {
    let want = [
        row(
            1,
            "claude-req-1",
            Some(1),
            Some("The app deleted my notes from this week. I'm devastated."),
            "I'm really s",
        ),
        row(2, "msg_01", None, None, "Whatever. Ju"),
        row(
            3,
            "claude-pair-1",
            Some(1),
            Some("我订的酒店到了才说没有房间了，我带着两个孩子。"),
            "带着孩子遇到这种情况一定",
        ),
    ];
    assert_eq!(sample("anthropic.jsonl"), want);
}

#[test]
fn sharegpt_as_a_json_array_and_as_jsonl() {
    let want = [
        row(
            2,
            "sg-en-1",
            Some(2),
            Some("The shoes I ordered are the wrong size and the party is tomorrow."),
            "Oh no, that'",
        ),
        row(
            10,
            "sg-zh-1",
            Some(1),
            Some("我已经等了三个星期，退款还没到。"),
            "等这么久一定很让人失望，",
        ),
        row(
            10,
            "sg-zh-1",
            Some(3),
            Some("用信用卡。"),
            "这是流程问题，等着吧。",
        ),
    ];
    assert_eq!(sample("sharegpt.json"), want);
    let line = sample("sharegpt.jsonl");
    assert_eq!(
        line,
        [row(
            1,
            "sg-line-1",
            Some(1),
            Some("My internet has been down all day and I work from home."),
            "That sounds "
        )]
    );
}

#[test]
fn a_json_array_of_single_replies_keeps_each_element_line() {
    let want = [
        row(
            2,
            "arr-1",
            None,
            Some("I missed my train because the ticket machine was broken."),
            "I'm sorry, t",
        ),
        row(
            3,
            "arr-2",
            None,
            Some("我的包裹被送错了地址。"),
            "不关我事。",
        ),
        row(
            4,
            "3",
            None,
            Some("I can't log in and my exam is in an hour."),
            "Calm down, i",
        ),
    ];
    assert_eq!(sample("array.json"), want);
}

#[test]
fn one_pretty_printed_conversation() {
    let want = [
        row(
            1,
            "conv-42",
            Some(2),
            Some("Someone used my card abroad and I'm scared."),
            "That must be",
        ),
        row(
            1,
            "conv-42",
            Some(4),
            Some("Block it please."),
            "Done. Your c",
        ),
    ];
    assert_eq!(sample("conversation.json"), want);
}

#[test]
fn csv_and_tsv_rows_with_their_lines() {
    let want = [
        row(
            2,
            "csv-1",
            None,
            Some("My order arrived broken, and it was a gift."),
            "I'm so sorry",
        ),
        row(
            3,
            "csv-2",
            None,
            Some("我的航班取消了。"),
            "你应该早点查看邮件。",
        ),
        row(
            4,
            "csv-3",
            None,
            Some("The app keeps crashing.\nI lost my work twice."),
            "That sounds ",
        ),
    ];
    assert_eq!(sample("replies.csv"), want);
    let want = [
        row(
            2,
            "tsv-1",
            None,
            Some("I was on hold for an hour."),
            "I am sorry y",
        ),
        row(
            3,
            "tsv-2",
            None,
            Some("我的订单一直没发货。"),
            "没办法，等着吧。",
        ),
    ];
    assert_eq!(sample("replies.tsv"), want);
}

fn jsonl(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// `(id, source, turn)` of each result.
fn results(output: &Output) -> Vec<(String, String, Value)> {
    jsonl(output)
        .iter()
        .map(|r| {
            let id = r["id"].as_str().map_or(r["id"].to_string(), str::to_owned);
            (
                id,
                r["source"].as_str().unwrap().to_owned(),
                r["turn"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_samples_directory_scores_every_shape_in_file_name_order() {
    let out = eqscore(&["score", "--format", "jsonl", "samples/transcripts"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let got = results(&out);
    let sources: Vec<&str> = got.iter().map(|(_, source, _)| source.as_str()).collect();
    let files: Vec<&str> = sources
        .iter()
        .map(|s| s.rsplit_once(':').unwrap().0)
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(got.len(), 24);
    let anthropic = jsonl(&out)
        .into_iter()
        .find(|r| r["id"] == "msg_01")
        .unwrap();
    assert_eq!(anthropic["pass"], false);
    let kind = jsonl(&out)
        .into_iter()
        .find(|r| r["id"] == "csv-1")
        .unwrap();
    assert_eq!(kind["pass"], true);
}

#[test]
fn stdin_is_sniffed_or_read_as_input_says() {
    let csv = b"id,prompt,reply\nr1,I'm tired.,That sounds exhausting.\n";
    let out = eqscore_stdin(&["score", "--format", "jsonl"], csv);
    assert_eq!(
        results(&out),
        [("r1".into(), "<stdin>:2".into(), Value::Null)]
    );
    let tsv = b"key\tanswer\nk1\tThat sounds hard.\n";
    let args = [
        "score",
        "--format",
        "jsonl",
        "--input",
        "tsv",
        "--reply-col",
        "answer",
        "--id-col",
        "key",
        "-",
    ];
    let out = eqscore_stdin(&args, tsv);
    assert_eq!(
        results(&out),
        [("k1".into(), "<stdin>:2".into(), Value::Null)]
    );
    let array = b"[\n{\"reply\": \"one\"},\n{\"reply\": \"two\"}]";
    let out = eqscore_stdin(&["score", "--format", "jsonl"], array);
    let sources: Vec<String> = results(&out).into_iter().map(|r| r.1).collect();
    assert_eq!(sources, ["<stdin>:2", "<stdin>:3"]);
    let lines = b"first reply\n\nsecond reply\n";
    let out = eqscore_stdin(&["score", "--format", "jsonl", "--input", "lines"], lines);
    let sources: Vec<String> = results(&out).into_iter().map(|r| r.1).collect();
    assert_eq!(sources, ["<stdin>:1", "<stdin>:3"]);
}

/// A fresh directory under the target's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("inputs-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

#[test]
fn directories_honour_gitignore_ignore_and_hidden_files_like_ripgrep() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    write(&dir, ".gitignore", "ignored.jsonl\nbuild/\n");
    write(&dir, "sub/.ignore", "skip.csv\n");
    let reply = |id: &str| format!("{{\"id\": \"{id}\", \"reply\": \"That sounds hard.\"}}\n");
    write(&dir, "a.jsonl", &reply("a"));
    write(&dir, "ignored.jsonl", &reply("ignored"));
    write(&dir, "build/b.jsonl", &reply("build"));
    write(&dir, ".hidden.jsonl", &reply("hidden"));
    write(&dir, "notes.md", "not a transcript\n");
    write(&dir, "sub/c.csv", "id,reply\nc,That sounds hard.\n");
    write(&dir, "sub/skip.csv", "id,reply\nskip,That sounds hard.\n");
    write(&dir, "sub/d.TXT", "That sounds hard.");
    let dir_arg = dir.to_str().unwrap();
    let ids = |out: &Output| -> Vec<String> { results(out).into_iter().map(|r| r.0).collect() };
    let out = eqscore(&["score", "--format", "jsonl", dir_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(ids(&out), ["a", "c", "null"]);
    // A file named explicitly is read even when ignored.
    let ignored = dir.join("ignored.jsonl");
    let out = eqscore(&[
        "score",
        "--format",
        "jsonl",
        dir_arg,
        ignored.to_str().unwrap(),
    ]);
    assert_eq!(ids(&out), ["a", "c", "null", "ignored"]);
    // --glob picks files by name instead of extension and, as in ripgrep, wins
    // over ignore files; `!` leaves some out.
    let out = eqscore(&["score", "--format", "jsonl", "--glob", "*.csv", dir_arg]);
    assert_eq!(ids(&out), ["c", "skip"]);
    let out = eqscore(&["score", "--format", "jsonl", "--glob", "!sub/**", dir_arg]);
    assert_eq!(ids(&out), ["a"]);
}

/// Runs `eqscore score --format jsonl` on a file of the catalogue.
fn malformed(name: &str, extra: &[&str]) -> Output {
    let path = format!("tests/malformed/{name}");
    let mut args = vec!["score", "--format", "jsonl"];
    args.extend_from_slice(extra);
    args.push(&path);
    eqscore(&args)
}

/// Every file of `tests/malformed/` with the one-line error it gives.
const CATALOGUE: [(&str, &str); 11] = [
    (
        "bad-element.json",
        "bad-element.json:3: field \"reply\" must be a string, found a number",
    ),
    (
        "batch-error.jsonl",
        "batch-error.jsonl:2: the request failed: server_error: The server had an error",
    ),
    (
        "binary.jsonl",
        "binary.jsonl: binary file (a NUL byte at offset 8), not read",
    ),
    (
        "empty-reply.jsonl",
        "empty-reply.jsonl:2: field \"reply\" is empty",
    ),
    ("empty.jsonl", "empty.jsonl: no reply: the file is empty"),
    ("invalid-utf8.jsonl", "invalid-utf8.jsonl:2: invalid UTF-8"),
    (
        "missing-reply.jsonl",
        "missing-reply.jsonl:2: no reply found: expected one of \"reply\", \"response\", \"output\", \"completion\", \"messages\", \"conversations\", \"choices\" or \"content\"",
    ),
    (
        "not-object.jsonl",
        "not-object.jsonl:2: expected a JSON object, found an array",
    ),
    (
        "short-row.csv",
        "short-row.csv:3: the row has 1 field, the header has 2",
    ),
    (
        "truncated.jsonl",
        "truncated.jsonl:2:31: invalid JSON: EOF while parsing a string",
    ),
    (
        "wrong-type.jsonl",
        "wrong-type.jsonl:2: field \"messages[0].content\" must be a string or an array of content parts, found a number",
    ),
];

#[test]
fn the_catalogue_is_complete() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let listed: Vec<&str> = CATALOGUE.iter().map(|(name, _)| *name).collect();
    assert_eq!(files, listed);
}

#[test]
fn each_malformed_input_stops_with_exit_2_and_file_line_reason() {
    for (name, message) in CATALOGUE {
        let out = malformed(name, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(
            stderr(&out),
            format!("error: tests/malformed/{message}\n"),
            "{name}"
        );
    }
}

#[test]
fn keep_going_scores_the_good_records_lists_the_bad_and_exits_2() {
    for (name, message) in CATALOGUE {
        let out = malformed(name, &["--keep-going"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let good: Vec<String> = results(&out).into_iter().map(|r| r.0).collect();
        let whole_file = ["binary.jsonl", "empty.jsonl"].contains(&name);
        let want: &[&str] = if whole_file { &[] } else { &["good-1"] };
        let want_good: Vec<&str> = if name == "truncated.jsonl" {
            vec!["good-1", "good-2"]
        } else {
            want.to_vec()
        };
        assert_eq!(good, want_good, "{name}");
        let want = format!(
            "error: skipped 1 unreadable record (--keep-going):\n  tests/malformed/{message}\n"
        );
        assert_eq!(stderr(&out), want, "{name}");
    }
}

#[test]
fn keep_going_over_many_files_puts_the_skips_in_the_json_summary() {
    let out = eqscore(&[
        "score",
        "--format",
        "json",
        "--keep-going",
        "tests/malformed",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    // A directory picks the catalogue's .jsonl, .json and .csv files.
    assert_eq!(doc["summary"]["skipped"]["count"], 11);
    assert_eq!(doc["summary"]["count"], 10);
    let first = &doc["summary"]["skipped"]["first"];
    assert_eq!(first.as_array().unwrap().len(), 10);
    assert_eq!(first[0]["source"], "tests/malformed/bad-element.json:3");
    assert_eq!(
        first[0]["reason"],
        "field \"reply\" must be a string, found a number"
    );
    assert_eq!(first[2]["source"], "tests/malformed/binary.jsonl");
    assert!(
        stderr(&out).ends_with("  ... and 1 more\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_ten_megabyte_line_is_a_bad_record_not_a_crash() {
    let dir = temp_dir("big");
    let reply = "I hear you. ".repeat(10 * 1024 * 1024 / 12);
    let small = "{\"id\": \"small\", \"reply\": \"I hear you.\"}\n";
    let big_reply = format!("{{\"id\": \"big\", \"reply\": \"{reply}\"}}\n{small}");
    let big_junk = format!("{{\"id\": \"junk\", \"reply\": {reply}}}\n{small}");
    for (name, content, reason) in [
        (
            "reply.jsonl",
            big_reply,
            format!(
                "reply is {} bytes, over the limit of 1048576 bytes",
                reply.len()
            ),
        ),
        (
            "junk.jsonl",
            big_junk,
            "invalid JSON: expected value".to_owned(),
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let path = path.to_str().unwrap();
        let out = eqscore(&["score", "--format", "jsonl", path]);
        assert_eq!(out.status.code(), Some(2));
        let column = if name == "junk.jsonl" { ":25" } else { "" };
        assert_eq!(stderr(&out), format!("error: {path}:1{column}: {reason}\n"));
        let out = eqscore(&["score", "--format", "jsonl", "--keep-going", path]);
        assert_eq!(out.status.code(), Some(2));
        let ids: Vec<String> = results(&out).into_iter().map(|r| r.0).collect();
        assert_eq!(ids, ["small"], "{name}");
    }
}

#[test]
fn max_reply_bytes_sets_the_limit() {
    let input = b"{\"id\": \"a\", \"reply\": \"I hear you.\"}\n";
    let out = eqscore_stdin(
        &["score", "--format", "jsonl", "--max-reply-bytes", "10"],
        input,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: <stdin>:1: reply is 11 bytes, over the limit of 10 bytes\n"
    );
    let out = eqscore_stdin(
        &["score", "--format", "jsonl", "--max-reply-bytes", "11"],
        input,
    );
    assert_eq!(stderr(&out), "");
    assert_eq!(results(&out).len(), 1);
}

#[test]
fn long_replies_truncate_scores_a_marked_prefix_and_counts_it_on_stderr() {
    let input = "{\"id\": \"long\", \"reply\": \"I hear you. You're an idiot and I hate you.\"}\n\
                 {\"id\": \"short\", \"reply\": \"I hear you.\"}\n";
    let args = [
        "score",
        "--max-reply-bytes",
        "20",
        "--long-replies",
        "truncate",
    ];
    let out = eqscore_stdin(&[&args[..], &["--format", "jsonl"]].concat(), input);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records: Vec<Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records[0]["truncated"], Value::Bool(true));
    assert_eq!(records[1].get("truncated"), None, "absent when not cut");
    // Cut at the sentence end, so the insult after it is not seen.
    let aggression = &records[0]["criteria"][3];
    assert_eq!(aggression["id"], "avoids_aggression");
    assert_eq!(aggression["met"], Value::Bool(true));
    assert_eq!(
        stderr(&out),
        "eqscore: 1 reply over --max-reply-bytes was scored on its first 20 bytes or less \
         (--long-replies truncate; \"truncated\" in json/jsonl output)\n"
    );
    let text = eqscore_stdin(&args, input);
    let rows: Vec<String> = stdout(&text).lines().map(str::to_owned).collect();
    assert!(
        rows[1].starts_with("<stdin>:1") && rows[1].ends_with("(truncated)"),
        "{rows:?}"
    );
    assert!(!rows[2].ends_with("(truncated)"), "{rows:?}");
    // The default still rejects it.
    let out = eqscore_stdin(&["score", "--max-reply-bytes", "20"], input);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_file_is_an_error_and_skipped_with_keep_going() {
    let out = eqscore(&[
        "score",
        "no/such.jsonl",
        "samples/transcripts/sharegpt.jsonl",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: no/such.jsonl: cannot open: "),
        "{}",
        stderr(&out)
    );
    let out = eqscore(&[
        "score",
        "--format",
        "jsonl",
        "--keep-going",
        "no/such.jsonl",
        "samples/transcripts/sharegpt.jsonl",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(results(&out).len(), 1);
}
