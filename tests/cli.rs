//! The `eqscore` binary end to end: samples, formats, errors, exit codes.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{assert_golden, eqscore, eqscore_stdin, stderr, stdout};

fn jsonl(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn by_id<'a>(results: &'a [Value], id: &str) -> &'a Value {
    results
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no result {id}"))
}

fn met(result: &Value, criterion: &str) -> bool {
    let c = result["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == criterion)
        .unwrap();
    c["met"].as_bool().unwrap()
}

fn check_friend_cancelled(path: &str) {
    let out = eqscore(&["score", path, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let results = jsonl(&out);
    assert_eq!(results.len(), 3);
    let kind = by_id(&results, "empathetic-with-options");
    let aggressive = by_id(&results, "aggressive-draft");
    let dismissal = by_id(&results, "curt-dismissal");
    assert_eq!(kind["pass"], true);
    assert_eq!(kind["score"], 100.0);
    for other in [aggressive, dismissal] {
        assert_eq!(other["pass"], false);
        assert!(other["score"].as_f64() < kind["score"].as_f64());
    }
    assert!(!met(aggressive, "avoids_aggression"));
    assert!(!met(dismissal, "avoids_dismissal"));
}

#[test]
fn friend_cancelled_en() {
    check_friend_cancelled("samples/friend-cancelled.en.jsonl");
}

#[test]
fn friend_cancelled_zh() {
    check_friend_cancelled("samples/friend-cancelled.zh.jsonl");
}

#[test]
fn jsonl_record_has_the_documented_fields() {
    let line = r#"{"id":"r1","context":"I failed my exam.","reply":"That sounds really hard."}"#;
    let out = eqscore_stdin(&["score", "--format", "jsonl"], line);
    let results = jsonl(&out);
    assert_eq!(results.len(), 1);
    let r = &results[0];
    let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "criteria",
            "id",
            "pass",
            "schema_version",
            "score",
            "source",
            "turn"
        ]
    );
    assert_eq!(r["schema_version"], 1);
    let raw = stdout(&out);
    let order: Vec<usize> = [
        "\"schema_version\":",
        "\"id\":",
        "\"source\":",
        "\"turn\":",
        "\"score\":",
        "\"pass\":",
        "\"criteria\":",
    ]
    .iter()
    .map(|key| raw.find(key).expect("key present"))
    .collect();
    assert!(order.is_sorted(), "fields in documented order: {raw}");
    assert_eq!(r["id"], "r1");
    assert_eq!(r["source"], "<stdin>:1");
    assert_eq!(r["turn"], Value::Null);
    let c = &r["criteria"][0];
    assert_eq!(c["id"], "acknowledges_feelings");
    for key in ["met", "applicable", "points", "evidence"] {
        assert!(c.get(key).is_some(), "criterion lacks {key}: {c}");
    }
    let e = &c["evidence"][0];
    for key in ["start", "end", "text", "cue"] {
        assert!(e.get(key).is_some(), "evidence lacks {key}: {e}");
    }
}

#[test]
fn messages_with_two_assistant_turns_give_two_results() {
    let line = r#"{"id":"c","messages":[{"role":"user","content":"I lost my job."},{"role":"assistant","content":"I'm so sorry, that sounds scary."},{"role":"user","content":"Yeah."},{"role":"assistant","content":[{"type":"text","text":"Do you want to talk about it?"}]}]}"#;
    let out = eqscore_stdin(&["score", "--format", "jsonl"], line);
    let results = jsonl(&out);
    assert_eq!(results.len(), 2, "{}", stderr(&out));
    assert_eq!(results[0]["turn"], 1);
    assert_eq!(results[1]["turn"], 3);
    assert_eq!(results[1]["id"], "c");
}

#[test]
fn openai_transcript_scores_every_assistant_turn() {
    let out = eqscore(&["score", "samples/openai-chat.jsonl", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let results = jsonl(&out);
    assert_eq!(results.len(), 4);
    let technical = results.iter().find(|r| r["id"] == "conv-3").unwrap();
    assert_eq!(
        technical["pass"], true,
        "a plain technical answer passes: {technical}"
    );
    let scolding = results.iter().find(|r| r["id"] == "conv-2").unwrap();
    assert_eq!(scolding["pass"], false);
}

#[test]
fn polite_technical_answer_passes_with_exit_zero() {
    let out = eqscore(&[
        "score",
        "--text",
        "You can use reversed(my_list), or my_list[::-1] if you want a new list.",
        "--context",
        "How do I reverse a list in Python?",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn text_reply_file_is_one_reply() {
    let out = eqscore(&["score", "samples/reply.txt", "--format", "jsonl"]);
    let results = jsonl(&out);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["source"], "samples/reply.txt:1");
    assert_eq!(results[0]["pass"], true, "{}", results[0]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_format_is_one_document_with_a_summary() {
    let out = eqscore(&[
        "score",
        "samples/friend-cancelled.en.jsonl",
        "--format",
        "json",
    ]);
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(doc["rubric"]["name"], "empathy");
    assert_eq!(doc["results"].as_array().unwrap().len(), 3);
    assert_eq!(doc["summary"]["count"], 3);
    assert_eq!(doc["summary"]["passed"], 1);
    assert_eq!(doc["summary"]["failed"], 2);
    assert!(doc["summary"]["criteria"]["avoids_aggression"].is_number());
}

#[test]
fn text_format_shows_a_row_per_reply_and_a_summary() {
    let out = eqscore(&["score", "samples/friend-cancelled.en.jsonl", "--explain"]);
    let text = stdout(&out);
    assert!(
        text.contains("samples/friend-cancelled.en.jsonl:3"),
        "{text}"
    );
    assert!(text.contains("3 replies: 1 passed, 2 failed"), "{text}");
    assert!(
        text.contains("avoids_aggression"),
        "explain names criteria: {text}"
    );
}

fn write_temp(name: &str, content: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn broken_rubric_json_names_path_line_and_column() {
    let path = write_temp(
        "broken.json",
        "{\n  \"name\": \"x\",\n  \"version\": \"1\",,\n}\n",
    );
    let out = eqscore(&["score", "--rubric", path.to_str().unwrap(), "--text", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!("error: {}:3:18: key must be a string", path.display())
    );
    assert!(
        err.contains("3 |   \"version\": \"1\",,\n  |                  ^\n"),
        "a snippet with a caret under the second comma: {err}"
    );
}

#[test]
fn invalid_regex_names_criterion_and_cue() {
    let rubric = r#"{"name":"x","version":"1","description":"d","threshold":50,
"criteria":[{"id":"kind","description":"d","polarity":"expect","weight":1,
"cues":[{"id":"good","phrases":["kind"]},{"id":"broken","regex":"(unclosed"}]}]}"#;
    let path = write_temp("badregex.json", rubric);
    let out = eqscore(&["score", "--rubric", path.to_str().unwrap(), "--text", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "error: {}:3:65: criteria[0].cues[1].regex: criterion \"kind\", cue \"broken\": invalid regex: unclosed group",
            path.display()
        ),
        "the line and column of the cue's regex, the parser's own words"
    );
    assert!(
        err.contains(&format!("\n  |{}^^^^^^^^^^^\n", " ".repeat(65))),
        "{err}"
    );
}

#[test]
fn jsonl_line_that_is_not_an_object_names_file_and_line() {
    let path = write_temp("notobject.jsonl", "{\"reply\":\"fine\"}\n[1,2]\n");
    let out = eqscore(&["score", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("expected a JSON object"), "{err}");
}

#[test]
fn invalid_json_line_names_line_and_column() {
    let out = eqscore_stdin(&["score"], "{\"reply\": \"ok\"}\n{\"reply\": }\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>:2:11: invalid JSON"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_rubric_file_is_an_error() {
    let out = eqscore(&["score", "--rubric", "no/such/rubric.json", "--text", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/rubric.json: cannot read rubric"));
}

#[test]
fn usage_error_exits_two() {
    let out = eqscore(&["score", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn closed_stdout_ends_quietly() {
    let line = "{\"context\":\"I'm sad\",\"reply\":\"That sounds hard.\"}\n";
    let input = line.repeat(50_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(["score", "--format", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn golden_text_explain_en() {
    let out = eqscore(&["score", "samples/friend-cancelled.en.jsonl", "--explain"]);
    assert_golden("friend-cancelled.en.explain.txt", &stdout(&out));
}

#[test]
fn golden_text_explain_zh() {
    let out = eqscore(&["score", "samples/friend-cancelled.zh.jsonl", "--explain"]);
    assert_golden("friend-cancelled.zh.explain.txt", &stdout(&out));
}

#[test]
fn golden_jsonl_openai_transcript() {
    let out = eqscore(&["score", "samples/openai-chat.jsonl", "--format", "jsonl"]);
    assert_golden("openai-chat.jsonl", &stdout(&out));
}
