//! `eqscore test`, `explain` and `rubric check|schema` end to end.

use std::path::PathBuf;

mod common;
use common::{eqscore, stderr, stdout};

fn temp_rubric(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let source =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/empathy.json"))
            .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&source).unwrap();
    edit(&mut value);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-rubric");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    path
}

#[test]
fn builtin_rubric_self_test_passes_with_200_examples() {
    let out = eqscore(&["test"]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    let last = printed.lines().last().unwrap();
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(passed >= 200, "{last}");
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
}

#[test]
fn a_broken_example_fails_the_test_and_is_named() {
    let path = temp_rubric("broken-example.json", |v| {
        v["criteria"][1]["examples"]["match"][0] =
            serde_json::json!({"reply": "Okay.", "lang": "en"});
    });
    let out = eqscore(&["test", path.to_str().unwrap()]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{printed}");
    let fail = printed
        .lines()
        .find(|l| l.starts_with("FAIL "))
        .expect("a FAIL line");
    assert!(
        fail.contains("offers_options: match example [en] should fire: \"Okay.\""),
        "{fail}"
    );
    assert!(
        fail.contains("criteria[1]") || fail.contains(".json:"),
        "{fail}"
    );
    assert!(printed.contains("    nothing matched"), "{printed}");
    assert!(printed.ends_with("passed, 1 failed\n"), "{printed}");
}

#[test]
fn todo_examples_are_reported_but_do_not_fail() {
    let path = temp_rubric("todo-example.json", |v| {
        v["criteria"][1]["examples"]["match"][0] = serde_json::json!({"reply": "Okay.", "lang": "en", "todo": "bare acknowledgements offer nothing"});
    });
    let out = eqscore(&["test", path.to_str().unwrap()]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert!(printed.contains("TODO "), "{printed}");
    assert!(
        printed.contains("    todo: bare acknowledgements offer nothing"),
        "{printed}"
    );
    assert!(
        printed
            .lines()
            .any(|l| l.starts_with("empathy ") && l.contains(" todo")),
        "{printed}"
    );
}

#[test]
fn a_rubric_that_does_not_load_exits_two() {
    let out = eqscore(&["test", "no/such/rubric.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/rubric.json: cannot read rubric"));
}

#[test]
fn explain_lists_criteria_and_explains_one() {
    let out = eqscore(&["explain"]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(0));
    for id in [
        "acknowledges_feelings",
        "offers_options",
        "invites_sharing",
        "avoids_aggression",
        "avoids_dismissal",
    ] {
        assert!(printed.contains(id), "{id} listed");
    }
    let out = eqscore(&["explain", "avoids_aggression"]);
    let printed = stdout(&out);
    for part in [
        "Why it matters",
        "How it is scored",
        "fatal:",
        "cancelled by negation",
        "Cues (",
        "Examples",
    ] {
        assert!(printed.contains(part), "{part} in:\n{printed}");
    }
}

#[test]
fn explain_unknown_criterion_names_the_choices() {
    let out = eqscore(&["explain", "kindness"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = stderr(&out);
    assert!(stderr.contains("no criterion \"kindness\""), "{stderr}");
    assert!(stderr.contains("acknowledges_feelings"), "{stderr}");
}

#[test]
fn explain_works_on_another_rubric() {
    let out = eqscore(&[
        "explain",
        "--rubric",
        "tests/fixtures/mini.json",
        "avoids_aggression",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("An insult fails the reply whatever else it does well."));
}

#[test]
fn rubric_check_is_clean_on_the_builtin_rubric() {
    let out = eqscore(&["rubric", "check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "<builtin:empathy>: 0 errors, 0 warnings\n");
}

#[test]
fn rubric_check_warns_and_strict_fails() {
    let path = temp_rubric("no-examples.json", |v| {
        v["criteria"][2]["examples"] = serde_json::json!({});
    });
    let p = path.to_str().unwrap();
    let out = eqscore(&["rubric", "check", p]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert!(printed.contains("warning[no-examples]: criteria[2].examples: criterion \"invites_sharing\" has no examples"), "{printed}");
    assert!(printed.contains(": 0 errors, 1 warnings"), "{printed}");
    assert_eq!(
        eqscore(&["rubric", "check", "--strict", p]).status.code(),
        Some(1)
    );
}

#[test]
fn rubric_check_errors_exit_two() {
    let path = temp_rubric("never-matches.json", |v| {
        v["criteria"][0]["cues"][0] = serde_json::json!({"id": "nothing", "regex": "a[^\\s\\S]"});
    });
    let out = eqscore(&["rubric", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("error[never-matches]: criteria[0].cues[0]"));
}

#[test]
fn rubric_schema_prints_the_committed_schema() {
    let out = eqscore(&["rubric", "schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rubrics/rubric.schema.json"
    ))
    .unwrap();
    assert_eq!(stdout(&out), committed);
}

#[test]
fn shipped_support_rubric_self_test_passes() {
    let out = eqscore(&["test", "rubrics/support.json"]);
    let printed = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{printed}");
    assert!(
        printed.contains("support 1.0.0 (rubrics/support.json)"),
        "{printed}"
    );
    assert!(
        eqscore(&["rubric", "check", "--strict", "rubrics/support.json"])
            .status
            .success()
    );
}

#[test]
fn rubric_patterns_prints_one_self_contained_regex_per_criterion_cue() {
    let out = eqscore(&["rubric", "patterns"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    let rubric: serde_json::Value = serde_json::from_str(eqscore::rubric::BUILTIN_EMPATHY).unwrap();
    let cues: usize = rubric["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cues"].as_array().unwrap().len())
        .sum();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), cues);
    for line in &lines {
        assert!(
            line.starts_with("(?i:") || line.starts_with("(?-i:"),
            "{line}"
        );
        assert!(!line.contains("{{"), "a lexicon was not expanded: {line}");
        regex_syntax_parses(line);
    }
    // The case-sensitive cues (shouting, `sb` in Chinese) keep their case.
    let case_sensitive = rubric["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cues"].as_array().unwrap())
        .filter(|cue| cue["case_sensitive"] == true)
        .count();
    assert_eq!(case_sensitive, 2);
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("(?-i:")).count(),
        case_sensitive
    );
}

fn regex_syntax_parses(pattern: &str) {
    let parsed = regex_syntax::Parser::new().parse(pattern);
    assert!(parsed.is_ok(), "{pattern}: {parsed:?}");
}

#[test]
fn rubric_patterns_json_names_criterion_and_cue() {
    let out = eqscore(&["rubric", "patterns", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let first = &doc[0];
    assert_eq!(first["criterion"], "acknowledges_feelings");
    assert_eq!(first["cue"], "sounds_like_feeling");
    assert_eq!(first["lang"], "en");
    assert_eq!(first["case_sensitive"], false);
    let pattern = first["pattern"].as_str().unwrap();
    assert!(pattern.starts_with(r"(?i:(?-u:\b)(?:sounds?|"), "{pattern}");
    assert!(
        pattern.contains(r"(?-u:\b)heartbroken(?-u:\b)"),
        "emotion_en expanded"
    );
}

#[test]
fn rubric_patterns_of_a_missing_file_is_an_error() {
    let out = eqscore(&["rubric", "patterns", "no/such.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such.json: cannot read rubric"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}
