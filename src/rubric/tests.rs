//! Rubric errors end to end in the library: parse and compile, checked for
//! their message, location, path, caret length and hint, and for not
//! panicking on any text.

use super::*;
use crate::error::{ErrorKind, Location};
use crate::{Error, Scorer};

const MINI: &str = include_str!("../../tests/fixtures/mini.json");

fn load(text: &str) -> Error {
    Scorer::from_json(text, "r.json").unwrap_err()
}

fn located(err: &Error) -> &Location {
    err.location()
        .unwrap_or_else(|| panic!("no location: {err}"))
}

/// A rubric with one criterion whose cues are `cues` (JSON), on line 3.
fn with_cues(cues: &str) -> String {
    format!(
        "{{\"name\":\"x\",\"version\":\"1\",\"description\":\"d\",\"threshold\":50,\n\
         \"lexicons\":{{\"emotion\":[\"(sad\"]}},\"criteria\":[{{\"id\":\"kind\",\n\
         \"description\":\"d\",\"polarity\":\"expect\",\"weight\":1,\"cues\":{cues}}}]}}"
    )
}

#[test]
fn syntax_errors_name_line_and_character_column() {
    let err = parse("{\n  \"name\": \"é\",,\n}", "r.json").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RubricSyntax);
    assert_eq!(
        err.message(),
        "r.json:2:15: key must be a string",
        "in characters"
    );
    assert!(!err.message().contains(" at line "), "{err}");
}

#[test]
fn unknown_fields_point_at_the_key_and_suggest_the_field() {
    let text = "{\"name\":\"x\",\"version\":\"1\",\"description\":\"d\",\"threshold\":50,\n\"criteria\":[],\"treshold\":1}";
    let err = parse(text, "r.json").unwrap_err();
    assert!(
        err.message().starts_with(
            "r.json:2:15: treshold: unknown field `treshold`, expected one of `$schema`"
        ),
        "{err}"
    );
    let at = located(&err);
    assert_eq!((at.line, at.column, at.span_chars), (2, 15, 10));
    assert_eq!(at.json_path, "treshold");
    assert_eq!(
        at.hint.as_deref(),
        Some("did you mean `threshold`?"),
        "closest by edit distance"
    );
    assert_eq!(at.line_text, "\"criteria\":[],\"treshold\":1}");
}

#[test]
fn misspelt_example_field_is_named() {
    let text = r#"{"name":"x","version":"1","description":"d","threshold":50,"criteria":[
{"id":"a","description":"d","polarity":"expect","weight":1,"cues":[{"phrases":["a"]}],
 "examples":{"match":["plain", {"reply":"r","contxt":"c"}]}}]}"#;
    let err = parse(text, "r.json").unwrap_err();
    let at = located(&err);
    assert_eq!(at.json_path, "criteria[0].examples.match[1].contxt");
    assert_eq!((at.line, at.column), (3, 45));
    assert_eq!(at.hint.as_deref(), Some("did you mean `context`?"));
}

#[test]
fn a_wrong_type_points_at_the_value() {
    let err = load(&with_cues("[]").replace("\"weight\":1", "\"weight\":\"1\""));
    let at = located(&err);
    assert_eq!(at.json_path, "criteria[0].weight");
    assert_eq!((at.line, at.column, at.span_chars), (3, 48, 3));
    assert_eq!(
        at.criterion.as_deref(),
        Some("kind"),
        "read from the source"
    );
}

#[test]
fn an_invalid_regex_points_at_that_cue_not_an_equal_string_elsewhere() {
    let err = load(&with_cues(
        r#"[{"phrases":["kind"]},{"id":"broken","regex":"(sad"}]"#,
    ));
    assert_eq!(err.kind(), ErrorKind::Pattern);
    assert_eq!(
        err.message(),
        "r.json:3:102: criteria[0].cues[1].regex: criterion \"kind\", cue \"broken\": invalid regex: unclosed group"
    );
    let at = located(&err);
    assert_eq!(at.span_chars, 6);
    assert_eq!(at.criterion.as_deref(), Some("kind"));
    assert_eq!(at.hint, None);
}

#[test]
fn an_unknown_lexicon_suggests_the_closest_name() {
    let err = load(&with_cues(r#"[{"phrases":["ok", "so {{emotoin}}"]}]"#));
    let at = located(&err);
    assert_eq!(at.json_path, "criteria[0].cues[0].phrases[1]");
    assert_eq!(at.hint.as_deref(), Some("did you mean `emotion`?"));
    assert!(
        err.message()
            .ends_with("cue \"kind[0]\": unknown lexicon \"emotoin\""),
        "{err}"
    );
}

#[test]
fn an_unknown_scope_points_at_the_name_in_the_list() {
    let err = load(&with_cues(r#"[{"phrases":["ok"],"scopes":["negation"]}]"#));
    let at = located(&err);
    assert_eq!(at.json_path, "criteria[0].cues[0].scopes[0]");
    assert_eq!(at.span_chars, "\"negation\"".len());
    assert_eq!(at.hint.as_deref(), Some("the rubric defines no scopes"));
}

#[test]
fn a_regex_over_the_size_limit_is_refused() {
    let err = load(&with_cues(r#"[{"regex":"(?:kind{1000}){1000}"}]"#));
    assert!(
        err.message()
            .ends_with("regex is too large (compiled size over 1 MiB): split it or use a lexicon"),
        "{err}"
    );
    assert_eq!(located(&err).json_path, "criteria[0].cues[0].regex");
}

#[test]
fn a_rubric_built_in_memory_has_no_location_but_names_the_path() {
    let mut file = parse(MINI, "mini.json").unwrap();
    file.criteria[0].weight = -1.0;
    let err = Scorer::from_file(file).unwrap_err();
    assert!(err.location().is_none());
    assert!(
        err.message()
            .starts_with("mini: criteria[0].weight: criterion"),
        "{err}"
    );
}

#[test]
fn every_truncated_prefix_is_an_error_not_a_panic() {
    let prefixes = |text: &'static str, step: usize| {
        let whole = text.trim_end().len();
        let ends = text
            .char_indices()
            .map(|(i, _)| i)
            .filter(move |&i| i < whole);
        ends.step_by(step).map(move |end| &text[..end])
    };
    for prefix in prefixes(MINI, 1).chain(prefixes(BUILTIN_EMPATHY, 997)) {
        match Scorer::from_json(prefix, "r.json") {
            Ok(_) => panic!("a prefix of {} bytes loads", prefix.len()),
            Err(err) => check_location(prefix, &err),
        }
    }
}

#[test]
fn every_inserted_stray_character_is_located_on_a_real_line() {
    for (at, _) in MINI.char_indices().step_by(37) {
        for stray in ["\"", "{", "]", ",", "\\", "é", "1", "\n"] {
            let text = format!("{}{stray}{}", &MINI[..at], &MINI[at..]);
            if let Err(err) = Scorer::from_json(&text, "r.json") {
                check_location(&text, &err);
            }
        }
    }
}

/// The location's line text is that line of `source`, and the caret fits.
fn check_location(source: &str, err: &Error) {
    let Some(at) = err.location() else { return };
    let line = source.split('\n').nth(at.line - 1).unwrap_or("");
    assert_eq!(at.line_text, line.trim_end_matches('\r'), "{err}");
    assert!(
        at.column >= 1 && at.column <= at.line_text.chars().count() + 1,
        "{err}"
    );
    assert!(at.span_chars >= 1, "{err}");
    assert!(!err.message().contains('\n'), "{err}");
}

#[test]
fn a_regex_cue_with_a_non_boundary_compiles_and_matches() {
    // `\B` once reached the lazy DFA as a Unicode look, which it refuses.
    let scorer = Scorer::from_json(&with_cues(r#"[{"regex": "\\Bsad"}]"#), "r.json").unwrap();
    let met = |reply: &str| scorer.score(reply, None).criteria[0].met;
    assert!(met("unsad"));
    assert!(!met("so sad"));
    assert!(!met("好sad"), "ASCII: no word character before the s");
}

#[test]
fn what_the_built_in_rubric_defers_compiles() {
    let file = parse(BUILTIN_EMPATHY, BUILTIN_ORIGIN).unwrap();
    let rubric = compile::compile(file, BUILTIN_ORIGIN, BUILTIN_EMPATHY).unwrap();
    rubric.signal_cues.check().unwrap();
    for scope in &rubric.scopes {
        let lists = [Some(&scope.triggers), scope.exceptions.as_ref()];
        for regex in lists.into_iter().chain([scope.breaks.as_ref()]).flatten() {
            regex.build_now().unwrap();
        }
    }
}
