//! Tests of the JSON locator: paths, spans, positions, and text that is not JSON.

use super::*;

fn path(steps: &[&str]) -> JsonPath {
    steps.iter().fold(JsonPath::root(), |p, s| match s.parse() {
        Ok(i) => p.index(i),
        Err(_) => p.key(s),
    })
}

fn value<'a>(source: &'a str, steps: &[&str]) -> Option<&'a str> {
    find(source, &path(steps), Target::Value).map(|span| &source[span])
}

fn key<'a>(source: &'a str, steps: &[&str]) -> Option<&'a str> {
    find(source, &path(steps), Target::Key).map(|span| &source[span])
}

const RUBRIC: &str = r#"{
  "name": "x",
  "lexicons": {"emotion_en": ["sad", "let down"], "a b": ["q"]},
  "criteria": [
    {"id": "first", "cues": [{"regex": "sad"}]},
    {"id": "kind", "weight": 2.5,
     "cues": [{"phrases": ["kind", {"nested": [1, [2, {"x": "]}"}]]}]},
              {"id": "broken", "regex": "(unclosed"}]}
  ]
}"#;

#[test]
fn paths_print_like_javascript_accessors() {
    assert_eq!(
        path(&["criteria", "2", "cues", "5", "regex"]).to_string(),
        "criteria[2].cues[5].regex"
    );
    assert_eq!(
        path(&["lexicons", "emotion_en", "3"]).to_string(),
        "lexicons.emotion_en[3]"
    );
    assert_eq!(path(&["scopes", "a b"]).to_string(), r#"scopes["a b"]"#);
    assert_eq!(path(&["$schema"]).to_string(), "$schema");
    assert_eq!(JsonPath::root().to_string(), "");
}

#[test]
fn finds_values_through_objects_and_arrays() {
    assert_eq!(value(RUBRIC, &["name"]), Some(r#""x""#));
    assert_eq!(value(RUBRIC, &["criteria", "1", "weight"]), Some("2.5"));
    assert_eq!(
        value(RUBRIC, &["criteria", "1", "cues", "1", "regex"]),
        Some(r#""(unclosed""#)
    );
    assert_eq!(
        value(RUBRIC, &["lexicons", "emotion_en", "1"]),
        Some(r#""let down""#)
    );
    assert_eq!(value(RUBRIC, &["lexicons", "a b", "0"]), Some(r#""q""#));
    assert_eq!(
        value(RUBRIC, &["criteria", "0", "cues"]),
        Some(r#"[{"regex": "sad"}]"#)
    );
}

#[test]
fn skips_brackets_inside_strings_and_nested_values() {
    let cue = value(RUBRIC, &["criteria", "1", "cues", "0"]).unwrap();
    assert_eq!(
        cue,
        r#"{"phrases": ["kind", {"nested": [1, [2, {"x": "]}"}]]}]}"#
    );
}

#[test]
fn keys_point_at_the_quoted_name() {
    assert_eq!(
        key(RUBRIC, &["criteria", "1", "weight"]),
        Some(r#""weight""#)
    );
    assert_eq!(
        key(RUBRIC, &["criteria", "1"]),
        value(RUBRIC, &["criteria", "1"])
    );
}

#[test]
fn opening_is_the_first_character() {
    let span = find(RUBRIC, &path(&["criteria", "1"]), Target::Opening).unwrap();
    assert_eq!(&RUBRIC[span], "{");
}

#[test]
fn missing_steps_are_none() {
    assert_eq!(value(RUBRIC, &["criteria", "2"]), None);
    assert_eq!(value(RUBRIC, &["criteria", "0", "weight"]), None);
    assert_eq!(value(RUBRIC, &["name", "0"]), None);
    assert_eq!(value("{}", &["name"]), None);
    assert_eq!(value("[]", &["0"]), None);
}

#[test]
fn keys_with_escapes_are_decoded() {
    let source = r#"{"a\"b": 1, "\u0063ues": 2, "\ud83d\ude00": 3, "x\\": 4}"#;
    assert_eq!(value(source, &["a\"b"]), Some("1"));
    assert_eq!(value(source, &["cues"]), Some("2"));
    assert_eq!(value(source, &["😀"]), Some("3"));
    assert_eq!(value(source, &["x\\"]), Some("4"));
}

#[test]
fn a_repeated_key_means_the_last_one() {
    assert_eq!(value(r#"{"a": 1, "a": 22}"#, &["a"]), Some("22"));
}

#[test]
fn the_root_is_the_whole_value() {
    assert_eq!(value("  [1, 2] ", &[]), Some("[1, 2]"));
}

#[test]
fn text_that_is_not_json_gives_none_not_a_panic() {
    for source in [
        "",
        "{",
        "{\"a\"",
        "{\"a\":",
        "[1,",
        "\"\\u12",
        "\"\\uzzzz\"",
        "{\"a\\é\":1}",
        "]",
    ] {
        let _ = value(source, &["a"]);
        let _ = value(source, &["0"]);
        let _ = value(source, &[]);
    }
    assert_eq!(value("{\"a\": [1, ", &["a"]), None);
    assert_eq!(value("{\"a\": 1, \"b\"", &["a"]), Some("1"));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let deep = format!(
        "{{\"a\": {}{}, \"b\": 7}}",
        "[".repeat(200_000),
        "]".repeat(200_000)
    );
    assert_eq!(value(&deep, &["b"]), Some("7"));
}

#[test]
fn positions_count_characters_not_bytes() {
    let source = "{\n  \"名字\": \"é\", \"x\": 1\n}";
    let span = find(source, &path(&["x"]), Target::Key).unwrap();
    let at = position(source, span);
    assert_eq!((at.line, at.column, at.len), (2, 14, 3));
    assert_eq!(at.line_text, "  \"名字\": \"é\", \"x\": 1");
}

#[test]
fn a_span_over_several_lines_is_cut_at_the_first_line_end() {
    let span = find(RUBRIC, &path(&["criteria", "1"]), Target::Value).unwrap();
    let at = position(RUBRIC, span);
    assert_eq!((at.line, at.column), (6, 5));
    assert_eq!(
        at.len,
        "{\"id\": \"kind\", \"weight\": 2.5,".chars().count()
    );
}

#[test]
fn serde_positions_convert_to_offsets() {
    let source = "ab\r\ncdé\n";
    assert_eq!(offset(source, 1, 1), 0);
    assert_eq!(offset(source, 2, 3), 6);
    assert_eq!(offset(source, 2, 4), 6, "inside é: back to its start");
    assert_eq!(offset(source, 3, 0), source.len());
    assert_eq!(offset(source, 9, 9), source.len());
    let at = position(source, offset(source, 1, 2)..offset(source, 1, 2) + 1);
    assert_eq!((at.line, at.column, at.line_text.as_str()), (1, 2, "ab"));
}

#[test]
fn display_form_parses_back() {
    for text in [
        "criteria[0].examples.match[3]",
        "threshold",
        "lexicons.emotion_en[2]",
        "cases[1]",
    ] {
        let path = JsonPath::parse(text).unwrap();
        assert_eq!(path.to_string(), text);
    }
    assert!(JsonPath::parse("criteria[x]").is_none());
    assert!(JsonPath::parse("criteria[0]x").is_none());
}
