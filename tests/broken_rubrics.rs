//! The broken-rubric catalogue: every file in `tests/broken/` breaks
//! `valid.json` there in one way, and the binary must refuse it with exit
//! code 2 and exactly the stderr in `<name>.stderr` beside it (the message,
//! the snippet with its caret, the hint).
//!
//! Run with `EQSCORE_BLESS=1` to rewrite the snapshots after a deliberate
//! change, then read every changed one: the line, column, path and caret
//! must be right.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DIR: &str = "tests/broken";

/// `eqscore score --rubric <rubric> --text hi`, from the manifest directory
/// so paths in messages are the relative ones given.
fn score_with(rubric: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(["score", "--rubric", rubric, "--text", "hi"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("eqscore runs")
}

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The broken rubrics, sorted: every `*.json` but `valid.json`.
fn catalogue() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(manifest_path(DIR))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .filter(|name| name != "valid")
        .collect();
    names.sort();
    names
}

/// Checks (or, blessing, writes) one snapshot; returns a description of
/// the difference.
fn check(name: &str, rubric: &str) -> Option<String> {
    let out = score_with(rubric);
    let actual = String::from_utf8(out.stderr).unwrap();
    let snapshot = manifest_path(&format!("{DIR}/{name}.stderr"));
    if std::env::var_os("EQSCORE_BLESS").is_some() {
        std::fs::write(&snapshot, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    if out.status.code() != Some(2) {
        return Some(format!(
            "{rubric}: exit code {:?}, not 2",
            out.status.code()
        ));
    }
    (expected != actual).then(|| {
        format!("{rubric}: stderr differs from {name}.stderr\n--- expected\n{expected}--- actual\n{actual}")
    })
}

#[test]
fn every_broken_rubric_is_refused_with_its_snapshot() {
    let mut failures = Vec::new();
    for name in catalogue() {
        failures.extend(check(&name, &format!("{DIR}/{name}.json")));
    }
    failures.extend(check("directory", DIR));
    assert!(
        failures.is_empty(),
        "{}\nrerun with EQSCORE_BLESS=1 to accept the new output",
        failures.join("\n")
    );
}

#[test]
fn the_rubric_they_break_is_valid() {
    let out = score_with(&format!("{DIR}/valid.json"));
    assert_eq!(out.status.code(), Some(1), "loads, and \"hi\" fails it");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}

#[test]
fn the_catalogue_is_complete_and_has_no_stale_snapshots() {
    let names = catalogue();
    assert!(names.len() >= 14, "{names:?}");
    for entry in std::fs::read_dir(manifest_path(DIR)).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if let Some(name) = file.strip_suffix(".stderr") {
            assert!(
                name == "directory" || names.iter().any(|n| n == name),
                "{file} has no rubric"
            );
        }
    }
}

#[test]
fn a_snippet_draws_the_caret_under_the_offending_text() {
    let out = score_with(&format!("{DIR}/unknown-scope.json"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0]
            .starts_with("error: tests/broken/unknown-scope.json:23:18: criteria[0].scopes[0]: ")
    );
    let source = lines[2].find("\"negaton\"").unwrap();
    let caret = lines[3].find('^').unwrap();
    assert_eq!(source, caret, "{stderr}");
    assert_eq!(
        lines[3].matches('^').count(),
        "\"negaton\"".len(),
        "{stderr}"
    );
    assert_eq!(lines[4], "   = hint: did you mean `negation`?");
}
