//! The output formats and CI gates of `eqscore score`, end to end: golden
//! files per format, and the exit codes of `--threshold`, `--min-pass-rate`
//! and `--fail-on`. (docs/output.md's examples are checked in tests/docs.rs.)

use std::process::Output;

use serde_json::Value;

mod common;
use common::{assert_golden, eqscore, stderr, stdout};

const EN: &str = "samples/friend-cancelled.en.jsonl";
const ZH: &str = "samples/friend-cancelled.zh.jsonl";
const OPENAI: &str = "samples/openai-chat.jsonl";

/// Runs `eqscore score <path> --format <format>` and checks the exit code.
fn score(path: &str, format: &str, code: i32) -> String {
    let out = eqscore(&["score", path, "--format", format]);
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    stdout(&out)
}

#[test]
fn golden_csv() {
    assert_golden("friend-cancelled.zh.csv", &score(ZH, "csv", 1));
    assert_golden("openai-chat.csv", &score(OPENAI, "csv", 1));
}

#[test]
fn golden_summary() {
    assert_golden("friend-cancelled.zh.summary.txt", &score(ZH, "summary", 1));
    assert_golden("openai-chat.summary.txt", &score(OPENAI, "summary", 1));
}

#[test]
fn golden_sarif() {
    let output = score(OPENAI, "sarif", 1);
    let log: Value = serde_json::from_str(&output).expect("valid JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_golden("openai-chat.sarif", &output);
}

#[test]
fn golden_junit() {
    assert_golden("friend-cancelled.zh.junit.xml", &score(ZH, "junit", 1));
    assert_golden("openai-chat.junit.xml", &score(OPENAI, "junit", 1));
}

#[test]
fn golden_github() {
    assert_golden("openai-chat.github.txt", &score(OPENAI, "github", 1));
}

#[test]
fn golden_promptfoo() {
    let output = score(OPENAI, "promptfoo", 1);
    for line in output.lines() {
        let result: Value = serde_json::from_str(line).expect("each line is JSON");
        let mut keys: Vec<&str> = result
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["namedScores", "pass", "reason", "score"]);
    }
    assert_golden("openai-chat.promptfoo.jsonl", &output);
}

#[test]
fn every_format_agrees_on_the_exit_code() {
    for format in [
        "text",
        "json",
        "jsonl",
        "csv",
        "summary",
        "sarif",
        "junit",
        "github",
        "promptfoo",
    ] {
        score(EN, format, 1);
    }
    let out = run(&[
        "--text",
        "You can use reversed(my_list), or my_list[::-1] if you want a new list.",
        "--context",
        "How do I reverse a list in Python?",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).ends_with(",<text>,1,,100.0,1,,,,1,1\r\n"),
        "{}",
        stdout(&out)
    );
}

fn run(args: &[&str]) -> Output {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    eqscore(&all)
}

fn summary_line(out: &Output) -> String {
    stdout(out).lines().next().unwrap_or_default().to_string()
}

#[test]
fn threshold_overrides_the_rubrics() {
    // Scores 15.0, 15.0 and 100.0; the first violates the fatal avoids_aggression.
    let out = run(&[EN, "--format", "summary", "--threshold", "10"]);
    assert_eq!(out.status.code(), Some(1), "a fatal violation still fails");
    assert_eq!(
        summary_line(&out),
        "3 replies: 2 passed, 1 failed, pass rate 66.7% (threshold 10)"
    );
    let out = run(&[EN, "--format", "json", "--threshold", "100"]);
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["rubric"]["threshold"], 100.0);
    assert_eq!(
        doc["summary"]["passed"], 1,
        "100.0 passes a threshold of 100"
    );
}

#[test]
fn threshold_out_of_range_is_a_usage_error() {
    for bad in ["101", "-1", "NaN", "high"] {
        let out = run(&["--text", "hi", &format!("--threshold={bad}")]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("--threshold"), "{}", stderr(&out));
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn min_pass_rate_decides_the_exit_code() {
    // One of three passes: 33.3%.
    for (rate, code) in [
        ("0.3", 0),
        ("30%", 0),
        ("33%", 0),
        ("0.34", 1),
        ("50%", 1),
        ("1", 1),
    ] {
        let out = run(&[EN, "--format", "csv", "--min-pass-rate", rate]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "--min-pass-rate {rate}: {}",
            stderr(&out)
        );
    }
    let out = run(&[EN, "--format", "csv", "--min-pass-rate", "50%"]);
    assert_eq!(
        stderr(&out),
        "eqscore: run failed: 1 of 3 replies passed (33.3%), below --min-pass-rate 50%\n"
    );
    assert_eq!(stdout(&out).lines().count(), 4, "the report is complete");
}

#[test]
fn min_pass_rate_out_of_range_is_a_usage_error() {
    for bad in ["90", "1.5", "101%", "-0.1", "most"] {
        let out = run(&[EN, &format!("--min-pass-rate={bad}")]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("use 0..1 or a percentage like 90%"),
            "{}",
            stderr(&out)
        );
    }
}

const PASSING_WITHOUT_OPTIONS: [&str; 4] = [
    "--text",
    "It sounds like you're really disappointed, that makes sense. Do you want to talk about it?",
    "--context",
    "My friend cancelled on me again.",
];

#[test]
fn fail_on_fails_a_run_whose_replies_all_pass() {
    let out = run(&PASSING_WITHOUT_OPTIONS);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let mut args = PASSING_WITHOUT_OPTIONS.to_vec();
    args.extend([
        "--fail-on",
        "invites_sharing,offers_options",
        "--format",
        "jsonl",
    ]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1));
    let record: Value = serde_json::from_str(stdout(&out).trim_end()).unwrap();
    assert_eq!(record["pass"], true, "the reply itself still passes");
    assert_eq!(
        stderr(&out),
        "eqscore: run failed: 1 reply left `offers_options` unmet (--fail-on)\n"
    );
    let mut args = PASSING_WITHOUT_OPTIONS.to_vec();
    args.extend(["--fail-on", "invites_sharing,avoids_aggression"]);
    assert_eq!(
        run(&args).status.code(),
        Some(0),
        "met criteria do not fail"
    );
}

#[test]
fn fail_on_holds_even_when_the_pass_rate_is_met() {
    let out = run(&[
        EN,
        "--format",
        "csv",
        "--min-pass-rate",
        "0",
        "--fail-on",
        "avoids_dismissal",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "eqscore: run failed: 1 reply left `avoids_dismissal` unmet (--fail-on)\n"
    );
    let out = run(&[EN, "--format", "csv", "--min-pass-rate", "0"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fail_on_unknown_criterion_lists_the_valid_ids() {
    let out = run(&["--text", "hi", "--fail-on", "avoids_aggression,kindness"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).lines().next().unwrap(),
        "error: --fail-on: unknown criterion `kindness` (valid ids: acknowledges_feelings, \
         offers_options, invites_sharing, avoids_aggression, avoids_dismissal)"
    );
    assert_eq!(stdout(&out), "", "nothing is scored");
}
