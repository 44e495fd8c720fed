//! Reading labelled lines: fields, label names, values, errors.

use std::sync::Arc;

use super::*;
use crate::Scorer;

fn names() -> LabelNames {
    LabelNames::new(Scorer::builtin().unwrap().rubric())
}

fn source() -> Source {
    Source {
        path: Arc::from("l.jsonl"),
        line: 3,
    }
}

fn parse(line: &str) -> LabelledReply {
    match names().parse_line(line, source()) {
        Ok(Some(reply)) => reply,
        other => panic!("{line}: {other:?}"),
    }
}

fn error(line: &str) -> String {
    match names().parse_line(line, source()) {
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::Input);
            e.message().to_string()
        }
        Ok(other) => panic!("{line}: no error but {other:?}"),
    }
}

#[test]
fn a_full_line() {
    let line = r#"{"id": "e-1", "lang": "en", "context": "My dog died.", "reply": "I'm sorry.",
        "labels": {"acknowledges_feelings": 1, "offers_options": 0, "invites_sharing": null,
                   "aggressive": 0}, "source_label": "x", "extra": [1]}"#
        .replace('\n', " ");
    let reply = parse(&line);
    assert_eq!(reply.id.as_deref(), Some("e-1"));
    assert_eq!(reply.lang.as_deref(), Some("en"));
    assert_eq!(reply.context.as_deref(), Some("My dog died."));
    assert_eq!(reply.reply, "I'm sorry.");
    // acknowledges_feelings is criterion 0, offers_options 1, avoids_aggression 3.
    assert_eq!(reply.labels, [(0, true), (1, false), (3, false)]);
    assert_eq!(reply.pass, None);
}

#[test]
fn pass_at_the_top_or_among_the_labels() {
    assert_eq!(parse(r#"{"reply": "ok", "pass": 1}"#).pass, Some(true));
    assert_eq!(
        parse(r#"{"reply": "ok", "labels": {"pass": 0}}"#).pass,
        Some(false)
    );
    assert_eq!(
        parse(r#"{"reply": "ok", "pass": true, "labels": {"pass": 1}}"#).pass,
        Some(true)
    );
    assert_eq!(
        parse(r#"{"reply": "ok", "pass": null, "labels": {}}"#).pass,
        None
    );
}

#[test]
fn aggressive_is_avoids_aggression_turned_round() {
    // aggressive: 1 and avoids_aggression: 0 both say "the cues should fire".
    let both = r#"{"reply": "ok", "labels": {"aggressive": 1, "avoids_aggression": 0}}"#;
    assert_eq!(parse(both).labels, [(3, true)]);
    let met = r#"{"reply": "ok", "labels": {"avoids_aggression": 1}}"#;
    assert_eq!(parse(met).labels, [(3, false)]);
    let clash = r#"{"reply": "ok", "labels": {"aggressive": 1, "avoids_aggression": 1}}"#;
    assert_eq!(
        error(clash),
        r#"l.jsonl:3: fields "labels.aggressive" and "labels.avoids_aggression" disagree"#
    );
}

#[test]
fn blank_lines_and_blank_contexts() {
    assert_eq!(names().parse_line("  ", source()).unwrap(), None);
    let reply = parse(r#"{"reply": "ok", "context": " ", "labels": {}}"#);
    assert_eq!((reply.context, reply.labels), (None, vec![]));
    assert_eq!(
        parse(r#"{"id": 7, "reply": "ok", "pass": 0}"#)
            .id
            .as_deref(),
        Some("7")
    );
}

#[test]
fn unknown_labels_name_the_label_and_suggest() {
    assert_eq!(
        error(r#"{"reply": "ok", "labels": {"invite_sharing": 1}}"#),
        "l.jsonl:3: unknown label `invite_sharing`: did you mean `invites_sharing`?"
    );
    let far = error(r#"{"reply": "ok", "labels": {"rude": 1}}"#);
    assert!(
        far.starts_with(
            "l.jsonl:3: unknown label `rude`: the labels defined are `acknowledges_feelings`"
        ),
        "{far}"
    );
}

#[test]
fn bad_lines() {
    let cases = [
        (
            r#"{"reply": "ok", "labels": {"offers_options": 2}}"#,
            r#"l.jsonl:3: field "labels.offers_options" must be 0, 1 or null, found 2"#,
        ),
        (
            r#"{"reply": "ok", "pass": "yes"}"#,
            r#"l.jsonl:3: field "pass" must be 0, 1 or null, found "yes""#,
        ),
        (
            r#"{"reply": 3, "pass": 1}"#,
            r#"l.jsonl:3: field "reply": invalid type: integer `3`, expected a string"#,
        ),
        (r#"{"labels": {}}"#, "l.jsonl:3: missing field `reply`"),
        (
            r#"{"reply": " ", "pass": 1}"#,
            r#"l.jsonl:3: field "reply" is empty"#,
        ),
        (
            r#"{"reply": "ok"}"#,
            r#"l.jsonl:3: no labels: expected "labels" or "pass""#,
        ),
        (
            r#"{"reply": "ok", "labels": [1]}"#,
            r#"l.jsonl:3: field "labels": invalid type: sequence, expected a map"#,
        ),
        ("[1]", "l.jsonl:3: expected a JSON object, found an array"),
        ("nope", "l.jsonl:3:2: invalid JSON: expected ident"),
        (
            r#"{"reply": "é", "pass": }"#,
            "l.jsonl:3:24: invalid JSON: expected value",
        ),
        (
            r#"{"reply": "ok", "pass": 1} x"#,
            "l.jsonl:3:28: invalid JSON: trailing characters",
        ),
        (
            r#"{"id": 1.5, "reply": "ok", "pass": 1}"#,
            r#"l.jsonl:3: field "id" must be a string or an integer"#,
        ),
    ];
    for (line, want) in cases {
        assert_eq!(error(line), want, "{line}");
    }
}
