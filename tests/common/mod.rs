//! Running the real `eqscore` binary from integration tests.

#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `eqscore args...` in the repository root with no stdin.
pub fn eqscore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("eqscore runs")
}

/// Runs `eqscore args...` in the repository root with `input` on stdin,
/// written from another thread so a large input cannot deadlock the pipes.
/// eqscore may stop reading early (a bad line, a closed output): a broken
/// pipe on stdin is not the test's concern.
pub fn eqscore_stdin(args: &[&str], input: impl AsRef<[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("eqscore starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("eqscore runs");
    writer.join().expect("the stdin writer ends");
    output
}

/// What the command printed on stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// What the command printed on stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Compares output with a file under tests/golden; `EQSCORE_BLESS=1` rewrites
/// it (then read the diff before committing).
pub fn assert_golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("EQSCORE_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "output differs from {}; rerun with EQSCORE_BLESS=1 to accept it\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}
