//! Inputs that once broke eqscore or that sit on a documented limit (see
//! docs/robustness.md), run through the same code as the fuzz targets in
//! `fuzz/`, on stable, in `cargo test`.

mod invariants;

use std::sync::Arc;

use eqscore::transcript::{InputKind, ReadOptions, read_source};
use eqscore::{ErrorKind, Scorer};

/// Reads `data` as the `transcript` fuzz target does; returns the error.
fn read_jsonl(data: &[u8]) -> Option<eqscore::Error> {
    let path: Arc<str> = Arc::from("t.jsonl");
    let result = read_source(
        data,
        &path,
        InputKind::Jsonl,
        &ReadOptions::default(),
        |_| Ok(()),
    );
    result.err()
}

#[test]
fn deeply_nested_rubric_json_is_an_error_not_a_stack_overflow() {
    // The rubric's shape rejects a nested value at its first bracket, where
    // one is not expected; the locator that points at it must not recurse.
    for deep in [
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{{\"lexicons\": {{\"a\": {}", "[".repeat(100_000)),
        "{\"a\":".repeat(100_000),
    ] {
        let error = Scorer::from_json(&deep, "deep.json").unwrap_err();
        invariants::check_error(&error, "deep.json");
        assert_eq!(error.kind(), ErrorKind::RubricSyntax, "{error}");
    }
}

#[test]
fn deeply_nested_jsonl_record_is_an_error_not_a_stack_overflow() {
    let line = format!(
        "{{\"reply\": \"hi\", \"x\": {}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let error = read_jsonl(line.as_bytes()).expect("an error");
    invariants::check_error(&error, "t.jsonl");
    assert!(error.message().contains("recursion limit"), "{error}");
}

#[test]
fn a_regex_nested_past_the_limit_is_a_rubric_error() {
    let regex = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    let rubric = serde_json::json!({
        "name": "n", "version": "1", "description": "d", "threshold": 50,
        "criteria": [{"id": "c", "description": "d", "polarity": "expect", "weight": 1,
                      "cues": [{"regex": regex}]}]
    });
    let error = Scorer::from_json(&rubric.to_string(), "nest.json").unwrap_err();
    invariants::check_error(&error, "nest.json");
    assert_eq!(error.kind(), ErrorKind::Pattern, "{error}");
}

/// A rubric with one criterion per weight, each met by "sad".
fn weighted_rubric(weights: &[f64]) -> String {
    let criteria: Vec<_> = (weights.iter().enumerate())
        .map(|(i, weight)| {
            serde_json::json!({"id": format!("c{i}"), "description": "d", "polarity": "expect",
                               "weight": weight, "cues": [{"phrases": ["sad"]}]})
        })
        .collect();
    let rubric = serde_json::json!({
        "name": "n", "version": "1", "description": "d", "threshold": 50, "criteria": criteria
    });
    rubric.to_string()
}

#[test]
fn huge_weights_keep_the_score_a_number_in_range() {
    let scorer = Scorer::from_json(&weighted_rubric(&[1e308]), "w.json").unwrap();
    let result = invariants::score_checked(&scorer, "so sad", None);
    assert_eq!(result.score, 100.0);
    let result = invariants::score_checked(&scorer, "fine", None);
    assert_eq!(result.score, 0.0);
}

#[test]
fn weights_adding_up_past_the_largest_number_are_a_rubric_error() {
    let error = Scorer::from_json(&weighted_rubric(&[1e308, 1e308]), "w.json").unwrap_err();
    invariants::check_error(&error, "w.json");
    assert_eq!(error.kind(), ErrorKind::RubricInvalid, "{error}");
}

#[test]
fn hangul_in_jamo_scores_as_the_composed_syllables() {
    // NFD spells 가 as the jamo ᄀ + ᅡ; both are "starters", which the
    // per-character normalization did not compose, so the jamo run counted as
    // one word instead of three Chinese-width characters and the negation
    // window reached "不".
    let scorer = Scorer::builtin().unwrap();
    let composed = "不가가가听起来你很难过";
    let jamo = "不\u{1100}\u{1161}\u{1100}\u{1161}\u{1100}\u{1161}听起来你很难过";
    let plain = invariants::score_checked(&scorer, composed, None);
    let spelled = invariants::score_checked(&scorer, jamo, None);
    assert_eq!(spelled.score, plain.score);
    assert!(spelled.criterion("acknowledges_feelings").unwrap().met);
}

#[test]
fn half_width_katakana_with_a_voiced_mark_scores_as_full_width() {
    // ｶﾞ is カ + U+FF9E, which NFKC turns into the combining mark U+3099 and
    // composes with カ into ガ: the mark has to stay with its base character.
    let scorer = Scorer::builtin().unwrap();
    let full = "不ガガ听起来你很难过";
    let half = "不ｶﾞｶﾞ听起来你很难过";
    let plain = invariants::score_checked(&scorer, full, None);
    assert_eq!(
        invariants::score_checked(&scorer, half, None).score,
        plain.score
    );
}

#[test]
fn a_negator_on_the_line_before_does_not_cancel_an_insult() {
    // Found by the property `appending_an_insult_never_raises_the_score`
    // (minimal input "不 " + "\n\nYou're an idiot."): the negation window ran
    // across line breaks, so a bulleted draft cancelled its own insult.
    let scorer = Scorer::builtin().unwrap();
    for reply in [
        "You could send one of these:\n- I don't care\n- You're an idiot",
        "不 \n\nYou're an idiot.",
    ] {
        let result = invariants::score_checked(&scorer, reply, None);
        let aggression = result.criterion("avoids_aggression").unwrap();
        assert!(!aggression.met, "{reply:?}");
        assert!(!result.passed, "{reply:?}");
    }
}

#[test]
fn rubric_text_over_the_size_limit_is_refused_before_parsing() {
    let limit = eqscore::rubric::MAX_RUBRIC_BYTES;
    assert_eq!(limit, 16 << 20);
    let text = " ".repeat(limit + 1);
    let error = Scorer::from_json(&text, "big.json").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RubricInvalid);
    assert_eq!(
        error.message(),
        "big.json: rubric file is 16777217 bytes, over the 16 MiB limit"
    );
    // At the limit it is parsed: all white space is a syntax error.
    let error = Scorer::from_json(&text[..limit], "big.json").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RubricSyntax, "{error}");
}

#[cfg(unix)]
#[test]
fn an_endless_rubric_file_is_read_no_further_than_the_limit() {
    // /dev/zero has no size: reading stops one byte past the limit.
    let error = eqscore::rubric::read_file(std::path::Path::new("/dev/zero")).unwrap_err();
    assert_eq!(
        error.message(),
        "/dev/zero: rubric file is over the 16 MiB limit"
    );
}

/// A rubric whose criterion `c` has `cues` phrase cues, one a line from line 3.
fn rubric_with_cues(cues: usize) -> String {
    let cues: Vec<String> = (0..cues)
        .map(|i| format!("{{\"phrases\": [\"w{i}\"]}}"))
        .collect();
    format!(
        "{{\"name\": \"n\", \"version\": \"1\", \"description\": \"d\", \"threshold\": 50,\n\
         \"criteria\": [{{\"id\": \"c\", \"description\": \"d\", \"polarity\": \"expect\", \"weight\": 1, \"cues\": [\n{}\n]}}]}}",
        cues.join(",\n")
    )
}

#[test]
fn a_rubric_over_the_cue_limit_points_at_the_first_cue_too_many() {
    let limit = eqscore::rubric::MAX_CUES;
    let error = Scorer::from_json(&rubric_with_cues(limit + 2), "cues.json").unwrap_err();
    invariants::check_error(&error, "cues.json");
    assert_eq!(error.kind(), ErrorKind::RubricInvalid);
    let at = error.location().expect("a location");
    assert_eq!((at.line, at.column), (limit + 3, 1), "{error}");
    assert_eq!(at.json_path, format!("criteria[0].cues[{limit}]"));
    assert!(
        error
            .message()
            .contains("too many cues: the limit is 4096 in one rubric"),
        "{error}"
    );
    assert!(Scorer::from_json(&rubric_with_cues(limit), "cues.json").is_ok());
}

#[test]
fn every_count_limit_is_met_by_the_item_after_it() {
    use eqscore::rubric::{MAX_CRITERIA, MAX_EXAMPLES, MAX_SCOPE_PATTERNS, MAX_SCOPES, MAX_WORDS};
    let base = || {
        serde_json::json!({"name": "n", "version": "1", "description": "d", "threshold": 50,
            "criteria": [{"id": "c", "description": "d", "polarity": "expect", "weight": 1,
                          "cues": [{"phrases": ["sad"]}]}]})
    };
    let criterion = base()["criteria"][0].clone();
    let mut criteria = base();
    criteria["criteria"] = serde_json::Value::Array(
        (0..=MAX_CRITERIA)
            .map(|i| {
                let mut c = criterion.clone();
                c["id"] = format!("c{i}").into();
                c
            })
            .collect(),
    );
    let mut words = base();
    words["lexicons"] = serde_json::json!({"w": vec!["x"; MAX_WORDS + 1]});
    let mut phrases = base();
    phrases["criteria"][0]["cues"][0]["phrases"] = vec!["x"; MAX_WORDS + 1].into();
    let scope = |triggers: usize| serde_json::json!({"description": "d", "triggers": vec!["no"; triggers], "max_words": 3, "max_chars": 3});
    let mut scopes = base();
    scopes["scopes"] = (0..=MAX_SCOPES)
        .map(|i| (format!("s{i}"), scope(1)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let mut triggers = base();
    triggers["scopes"] = serde_json::json!({"s": scope(MAX_SCOPE_PATTERNS + 1)});
    let mut examples = base();
    examples["criteria"][0]["examples"] =
        serde_json::json!({"match": vec!["sad"; MAX_EXAMPLES + 1]});
    let cases = [
        (
            criteria,
            "too many criteria: the limit is 256",
            format!("criteria[{MAX_CRITERIA}]"),
        ),
        (
            words,
            "too many lexicon entries and phrases",
            format!("lexicons.w[{MAX_WORDS}]"),
        ),
        (
            phrases,
            "too many lexicon entries and phrases",
            format!("criteria[0].cues[0].phrases[{MAX_WORDS}]"),
        ),
        (
            scopes,
            "too many scopes: the limit is 256",
            "scopes.s99".to_owned(),
        ),
        (
            triggers,
            "too many scope patterns",
            format!("scopes.s.triggers[{MAX_SCOPE_PATTERNS}]"),
        ),
        (
            examples,
            "too many examples and cases",
            format!("criteria[0].examples.match[{MAX_EXAMPLES}]"),
        ),
    ];
    for (rubric, message, path) in cases {
        let text = serde_json::to_string_pretty(&rubric).unwrap();
        let error = Scorer::from_json(&text, "r.json").unwrap_err();
        invariants::check_error(&error, "r.json");
        assert!(error.message().contains(message), "{error}");
        assert_eq!(
            error.location().expect("located").json_path,
            path,
            "{error}"
        );
    }
}

/// Every reply and bad record `reader` gives as JSONL (or text lines), read
/// to the end with a sink that keeps going.
fn read_all(
    reader: impl std::io::BufRead,
    kind: InputKind,
    opts: &ReadOptions,
) -> (Vec<(u64, String)>, Vec<String>) {
    struct Lenient(Vec<(u64, String)>, Vec<String>);
    impl eqscore::transcript::ReplySink for &mut Lenient {
        fn reply(&mut self, item: eqscore::transcript::ReplyItem) -> eqscore::Result<()> {
            self.0.push((item.source.line, item.reply));
            Ok(())
        }
        fn bad_record(&mut self, error: eqscore::Error) -> eqscore::Result<()> {
            self.1.push(error.message().to_owned());
            Ok(())
        }
    }
    let mut sink = Lenient(Vec::new(), Vec::new());
    read_source(reader, &Arc::from("t"), kind, opts, &mut sink).unwrap();
    (sink.0, sink.1)
}

#[test]
fn an_endless_line_is_skipped_without_being_held() {
    use std::io::{BufReader, Read, repeat};
    let opts = ReadOptions::default();
    assert_eq!(opts.max_line_bytes(), 16 << 20);
    // 64 MiB with no line break between two good records: read in 8 KiB
    // pieces, none kept past the limit.
    let input = b"{\"reply\": \"one\"}\n{\"reply\": \""
        .chain(repeat(b'x').take(64 << 20))
        .chain(&b"\"}\n{\"reply\": \"three\"}"[..]);
    let (replies, bad) = read_all(BufReader::new(input), InputKind::Jsonl, &opts);
    assert_eq!(replies, [(1, "one".to_owned()), (3, "three".to_owned())]);
    assert_eq!(bad, ["t:2: line is over the limit of 16777216 bytes"]);
}

#[test]
fn the_line_limit_follows_the_reply_limit() {
    let opts = ReadOptions {
        max_reply_bytes: 8 << 10,
        lines: true,
        ..ReadOptions::default()
    };
    assert_eq!(opts.max_line_bytes(), 128 << 10);
    let small = ReadOptions {
        max_reply_bytes: 10,
        ..opts.clone()
    };
    assert_eq!(small.max_line_bytes(), 64 << 10, "at least 64 KiB");
    let at_limit = "y".repeat(128 << 10);
    let over = "z".repeat((128 << 10) + 1);
    for kind in [InputKind::Jsonl, InputKind::Text] {
        let input = format!("{at_limit}\r\n{over}\r\n{at_limit}");
        let (_, bad) = read_all(input.as_bytes(), kind, &opts);
        let line_error = "t:2: line is over the limit of 131072 bytes";
        assert!(bad.contains(&line_error.to_owned()), "{kind:?}: {bad:?}");
        assert!(
            !bad.iter()
                .any(|b| b.starts_with("t:1: line") || b.starts_with("t:3: line")),
            "{bad:?}"
        );
    }
}

#[test]
fn a_long_line_without_keep_going_stops_the_read() {
    let opts = ReadOptions {
        max_reply_bytes: 10,
        ..ReadOptions::default()
    };
    let input = format!(
        "{{\"reply\": \"{}\"}}\n{{\"reply\": \"two\"}}\n",
        "x".repeat(1 << 16)
    );
    let mut seen = Vec::new();
    let error = read_source(
        input.as_bytes(),
        &Arc::from("t.jsonl"),
        InputKind::Jsonl,
        &opts,
        |item: eqscore::transcript::ReplyItem| {
            seen.push(item.reply);
            Ok(())
        },
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Input);
    assert_eq!(
        error.message(),
        "t.jsonl:1: line is over the limit of 65536 bytes"
    );
    assert!(seen.is_empty());
}

#[test]
fn an_endless_json_element_or_csv_row_ends_the_file_as_a_bad_record() {
    use std::io::{BufReader, Read, repeat};
    let opts = ReadOptions {
        max_reply_bytes: 4 << 10,
        ..ReadOptions::default()
    };
    let limit = opts.max_line_bytes();
    assert_eq!(limit, 64 << 10);
    let endless = || repeat(b'x').take(64 << 20);
    let json = b"[{\"reply\": \"one\"},\n {\"reply\": \"".chain(endless());
    let (replies, bad) = read_all(BufReader::new(json), InputKind::Json, &opts);
    assert_eq!(replies, [(1, "one".to_owned())]);
    assert_eq!(
        bad,
        ["t:2: record is over the limit of 65536 bytes; the rest of the file is not read"]
    );
    let csv = b"id,reply\n1,one\n2,\"".chain(endless());
    let (replies, bad) = read_all(BufReader::new(csv), InputKind::Csv, &opts);
    assert_eq!(replies, [(2, "one".to_owned())]);
    assert_eq!(
        bad,
        ["t:3: row is over the limit of 65536 bytes; the rest of the file is not read"]
    );
    let header = b"id,reply".chain(endless());
    let (_, bad) = read_all(BufReader::new(header), InputKind::Csv, &opts);
    assert_eq!(
        bad,
        ["t:1: row is over the limit of 65536 bytes; the rest of the file is not read"]
    );
    // Long records under the limit are read.
    let reply = "y".repeat(4 << 10);
    let json = format!(
        "[{{\"reply\": \"{reply}\", \"context\": \"{}\"}}]",
        "c".repeat(50 << 10)
    );
    let (replies, bad) = read_all(json.as_bytes(), InputKind::Json, &opts);
    assert_eq!((replies.len(), bad.len()), (1, 0), "{bad:?}");
}

#[test]
fn a_truncated_reply_is_cut_within_the_limit_and_never_blank() {
    use eqscore::transcript::LongReplies;
    let opts = ReadOptions {
        max_reply_bytes: 12,
        long_replies: LongReplies::Truncate,
        lines: true,
        ..ReadOptions::default()
    };
    let input = "I hear you. It sounds hard.\n\u{200b}\u{200b}\u{200b}\u{200b}\u{200b} visible\n我听到了你的难过。\n";
    let (replies, bad) = read_all(input.as_bytes(), InputKind::Text, &opts);
    assert_eq!(
        replies,
        [(1, "I hear you.".to_owned()), (3, "我听到了".to_owned())]
    );
    // Five zero-width spaces fill the limit: nothing visible is left to score.
    assert_eq!(bad, ["t:2: reply is 23 bytes, over the limit of 12 bytes"]);
}
