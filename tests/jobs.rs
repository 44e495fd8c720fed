//! `eqscore score --jobs N`: several scoring threads, the same output as one.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Output, Stdio};

mod common;
use common::{eqscore_stdin, stderr, stdout};

/// Replies of every kind, so that scores, evidence and verdicts differ.
const REPLIES: &[&str] = &[
    "That sounds really hard. Do you want to talk about what happened?",
    "Just get over it.",
    "You could call her, or write a letter first. How are you feeling?",
    "I'm so sorry for your loss.",
    "Whatever. Stop whining, you idiot.",
    "听起来你真的很难过。想聊聊发生了什么吗？",
    "OK.",
];

/// `count` JSONL records `r0`, `r1`, ..., cycling through [`REPLIES`] with a
/// line number in each so that no two are equal.
fn records(count: usize) -> String {
    (0..count)
        .map(|i| {
            let reply = format!("{} ({i})", REPLIES[i % REPLIES.len()]);
            let record = serde_json::json!({"id": format!("r{i}"), "context": "My friend cancelled.", "reply": reply});
            format!("{record}\n")
        })
        .collect()
}

fn ids(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            record["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn jobs_2_output_is_byte_identical_to_jobs_1() {
    let input = records(3000);
    for format in ["jsonl", "text"] {
        let one = eqscore_stdin(&["score", "--format", format, "-j", "1"], input.clone());
        let two = eqscore_stdin(&["score", "--format", format, "--jobs", "2"], input.clone());
        assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
        assert_eq!(two.status.code(), Some(1), "{}", stderr(&two));
        assert!(stdout(&one) == stdout(&two), "--format {format} differs");
        assert_eq!(stderr(&two), "");
    }
    let out = eqscore_stdin(&["score", "--format", "jsonl", "-j", "3"], input);
    let expected: Vec<String> = (0..3000).map(|i| format!("r{i}")).collect();
    assert_eq!(ids(&out), expected, "replies come out in input order");
    let passes = stdout(&out).matches("\"pass\":true").count();
    assert!(0 < passes && passes < 3000, "{passes} of 3000 pass");
}

#[test]
fn an_input_error_with_jobs_2_stops_at_its_line() {
    let input = format!(
        "{}{{\"id\": \"bad\", \"reply\": 3}}\n{}",
        records(2000),
        records(500)
    );
    let one = eqscore_stdin(&["score", "--format", "jsonl", "-j", "1"], input.clone());
    let two = eqscore_stdin(&["score", "--format", "jsonl", "-j", "2"], input);
    assert_eq!(two.status.code(), Some(2));
    assert!(
        stderr(&two).starts_with("error: <stdin>:2001: field \"reply\" must be a string"),
        "{}",
        stderr(&two)
    );
    let expected: Vec<String> = (0..2000).map(|i| format!("r{i}")).collect();
    assert_eq!(
        ids(&two),
        expected,
        "every reply before the bad line, none after"
    );
    assert!(stdout(&one) == stdout(&two));
    assert_eq!(stderr(&one), stderr(&two));
}

#[test]
fn a_closed_pipe_with_jobs_2_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(["score", "--format", "jsonl", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("eqscore starts");
    let mut stdin = child.stdin.take().unwrap();
    // eqscore may stop reading once its output is closed: ignore that error.
    let writer = std::thread::spawn(move || stdin.write_all(records(20_000).as_bytes()));
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("\"id\":\"r0\""), "{first}");
    let output = child.wait_with_output().unwrap();
    let _ = writer.join();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
}

#[test]
fn jobs_0_is_a_usage_error() {
    let out = common::eqscore(&["score", "--text", "hi", "--jobs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--jobs"), "{}", stderr(&out));
}
