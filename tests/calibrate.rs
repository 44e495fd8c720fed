//! `eqscore calibrate` end to end on tests/fixtures/labelled.jsonl, a labelled
//! sample written for these tests. Every count below was worked out by hand
//! from the fixture and the built-in rubric (see docs/calibration.md).

use serde_json::Value;

mod common;
use common::{eqscore, stderr, stdout};

const FIXTURE: &str = "tests/fixtures/labelled.jsonl";

#[test]
fn text_report_on_the_fixture() {
    let out = eqscore(&["calibrate", "--labels", FIXTURE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows = [
        "acknowledges_feelings     18      8      6      4      2      4      8       0.67    0.50   0.57   0.31",
        "offers_options             5      2      2      2      0      0      3       1.00    1.00   1.00   1.00",
        "invites_sharing           12      4      4      4      0      0      8       1.00    1.00   1.00   1.00",
        "avoids_aggression         16      3      3      3      0      0     13       1.00    1.00   1.00   1.00",
        "avoids_dismissal           2      2      2      2      0      0      0       1.00    1.00   1.00      -",
        "pass@60                   13      5      6      5      1      0      7       0.83    1.00   0.91   0.84",
        "pass@61 (best)            13      5      5      5      0      0      8       1.00    1.00   1.00   1.00",
        "acknowledges_feelings: 2 false positives (fired, label 0), first 2:",
        "acknowledges_feelings: 4 false negatives (did not fire, label 1), first 4:",
        "      ~ \"you're upset\" (cue you_feel_emotion) cancelled by negation \"don't\"",
        "      ~ \"理解你为什么\" (cue zh_understand_you) cancelled by negation \"不\"",
    ];
    for row in rows {
        assert!(text.lines().any(|l| l == row), "missing {row:?} in\n{text}");
    }
    assert!(text.starts_with("empathy "), "{text}");
    assert!(text.contains(": 20 labelled replies\n"), "{text}");
    assert_eq!(text.matches("      nothing matched").count(), 2, "{text}");
}

#[test]
fn top_limits_the_examples_shown() {
    let out = eqscore(&["calibrate", "--labels", FIXTURE, "--top", "1"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "acknowledges_feelings: 4 false negatives (did not fire, label 1), first 1:\n"
        )
    );
    assert!(
        text.contains("labelled.jsonl:5  en-terse  \"Take the bus.\"\n      nothing matched\n")
    );
    assert!(!text.contains("en-negated"), "{text}");
}

fn json_report() -> Value {
    let out = eqscore(&["calibrate", "--labels", FIXTURE, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("one JSON document")
}

fn counts(metrics: &Value) -> [u64; 7] {
    ["n", "positives", "fired", "tp", "fp", "fn", "tn"].map(|k| metrics[k].as_u64().unwrap())
}

#[test]
fn json_report_on_the_fixture() {
    let report = json_report();
    assert_eq!(report["rubric"]["name"], "empathy");
    assert_eq!(report["rubric"]["source"], "<builtin:empathy>");
    assert_eq!(
        (report["replies"].as_u64(), report["top"].as_u64()),
        (Some(20), Some(5))
    );
    let criteria = report["criteria"].as_array().unwrap();
    let ids: Vec<&str> = criteria.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let want_ids = [
        "acknowledges_feelings",
        "offers_options",
        "invites_sharing",
        "avoids_aggression",
        "avoids_dismissal",
    ];
    assert_eq!(ids, want_ids);
    let feelings = &criteria[0];
    assert_eq!(counts(feelings), [18, 8, 6, 4, 2, 4, 8]);
    // kappa: po 12/18, pe 1/3 * 4/9 + 2/3 * 5/9 = 14/27, (18 - 14) / (27 - 14) = 4/13.
    assert_eq!(feelings["kappa"], 0.3077);
    assert_eq!(
        (feelings["precision"].as_f64(), feelings["recall"].as_f64()),
        (Some(0.6667), Some(0.5))
    );
    assert_eq!(feelings["f1"], 0.5714);
    assert_eq!(counts(&criteria[3]), [16, 3, 3, 3, 0, 0, 13]);
    assert_eq!(criteria[3]["polarity"], "avoid");
    assert_eq!(counts(&criteria[4]), [2, 2, 2, 2, 0, 0, 0]);
    assert!(
        criteria[4]["kappa"].is_null(),
        "kappa undefined when pe = 1"
    );
}

#[test]
fn json_examples_carry_evidence_and_suppressions() {
    let report = json_report();
    let feelings = &report["criteria"][0];
    let fp = &feelings["false_positives"][0];
    assert_eq!(fp["id"], "en-label-says-no");
    assert_eq!(fp["source"], "tests/fixtures/labelled.jsonl:7");
    assert_eq!(fp["evidence"][0]["cue"], "no_wonder");
    assert_eq!(fp["evidence"][0]["text"], "No wonder you");
    let negated = &feelings["false_negatives"][1];
    assert_eq!(negated["id"], "en-negated");
    assert_eq!(negated["evidence"].as_array().unwrap().len(), 0);
    let suppressed = &negated["suppressed"][0];
    assert_eq!(
        (&suppressed["scope"], &suppressed["trigger"]),
        (&Value::from("negation"), &Value::from("don't"))
    );
    assert_eq!(feelings["false_negatives"].as_array().unwrap().len(), 4);
}

#[test]
fn json_pass_agreement_and_best_threshold() {
    let report = json_report();
    let pass = &report["pass"];
    assert_eq!(pass["threshold"], 60.0);
    assert_eq!(counts(pass), [13, 5, 6, 5, 1, 0, 7]);
    // po 12/13, pe (6*5 + 7*8)/169 = 86/169, kappa 70/83.
    assert_eq!(pass["kappa"], 0.8434);
    assert_eq!(pass["accuracy"], 0.9231);
    // Passing replies score 80 or 100, failing ones at most 60: 61..=80
    // separate them, and 61 is nearest the rubric's 60.
    assert_eq!(pass["best"]["threshold"], 61);
    assert_eq!(counts(&pass["best"]), [13, 5, 5, 5, 0, 0, 8]);
    assert_eq!(pass["best"]["kappa"], 1.0);
}

fn calibrate_file(name: &str, content: &str) -> (Option<i32>, String) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, content).unwrap();
    let out = eqscore(&["calibrate", "--labels", path.to_str().unwrap()]);
    let path = path.display().to_string();
    (out.status.code(), stderr(&out).replace(&path, name))
}

#[test]
fn bad_lines_stop_with_file_and_line() {
    let good = r#"{"reply": "ok", "pass": 1}"#;
    let cases = [
        (
            "unknown.jsonl",
            r#"{"reply": "ok", "labels": {"offer_options": 1}}"#,
            "error: unknown.jsonl:2: unknown label `offer_options`: did you mean `offers_options`?\n",
        ),
        (
            "value.jsonl",
            r#"{"reply": "ok", "labels": {"aggressive": 2}}"#,
            "error: value.jsonl:2: field \"labels.aggressive\" must be 0, 1 or null, found 2\n",
        ),
        (
            "syntax.jsonl",
            r#"{"reply": "ok", "#,
            "error: syntax.jsonl:2:16: invalid JSON: EOF while parsing a value\n",
        ),
    ];
    for (name, bad, want) in cases {
        let (code, err) = calibrate_file(name, &format!("{good}\n{bad}\n"));
        assert_eq!((code, err.as_str()), (Some(2), want), "{name}");
    }
    let out = eqscore(&["calibrate", "--labels", "no/such/file.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: no/such/file.jsonl: cannot open: "),
        "{}",
        stderr(&out)
    );
}
