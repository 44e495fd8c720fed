//! The documentation's examples are real: the complete rubric in
//! docs/rubric.md is the test fixture, and it behaves as the text says.

use eqscore::Scorer;

fn complete_example() -> String {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rubric.md")).unwrap();
    let section = doc
        .split("## A complete example")
        .nth(1)
        .expect("section exists");
    let block = section.split("```json\n").nth(1).expect("json block");
    block.split("\n```").next().unwrap().to_string()
}

#[test]
fn complete_example_is_the_fixture() {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/mini.json"
    ))
    .unwrap();
    assert_eq!(complete_example().trim(), fixture.trim());
}

#[test]
fn complete_example_scores_as_documented() {
    let scorer = Scorer::from_json(&complete_example(), "docs/rubric.md").unwrap();
    let kind = scorer.score("No wonder you're upset.", Some("She cancelled again"));
    assert_eq!(kind.score, 100.0);
    assert!(kind.passed);
    assert_eq!(&*kind.criteria[0].evidence[0].cue, "no_wonder");
    let negated = scorer.score(
        "I don't understand why you're upset.",
        Some("She cancelled again"),
    );
    assert_eq!(negated.score, 40.0);
    assert!(!negated.passed);
    let suppressed = &negated.criteria[0].suppressed[0];
    assert_eq!(suppressed.evidence.text, "you're upset");
    assert_eq!(
        (&*suppressed.scope, suppressed.trigger.as_str()),
        ("negation", "don't")
    );
}

#[test]
fn complete_example_examples_hold() {
    let scorer = Scorer::from_json(&complete_example(), "docs/rubric.md").unwrap();
    for criterion in &scorer.rubric().criteria {
        for (examples, should_fire) in [
            (&criterion.examples.matching, true),
            (&criterion.examples.no_match, false),
        ] {
            for example in examples {
                let case = example.case();
                let result = scorer.score(&case.reply, case.context.as_deref());
                let fired = !result.criterion(&criterion.id).unwrap().evidence.is_empty();
                assert_eq!(fired, should_fire, "{}: {:?}", criterion.id, case.reply);
            }
        }
    }
}

/// The examples of docs/output.md: each `<!-- example: eqscore ARGS -->` line
/// and the fenced block after it, which must be what `eqscore ARGS` prints.
fn output_examples(doc: &str) -> Vec<(String, String)> {
    let mut examples = Vec::new();
    let mut rest = doc;
    while let Some(start) = rest.find("<!-- example: eqscore ") {
        let after = &rest[start + "<!-- example: eqscore ".len()..];
        let (args, after) = after
            .split_once(" -->\n```")
            .expect("a fence after the marker");
        let body_start = after.find('\n').expect("fence line") + 1;
        let body = &after[body_start..];
        let end = body.find("```\n").expect("closing fence");
        examples.push((args.to_string(), body[..end].to_string()));
        rest = &body[end..];
    }
    examples
}

/// What `eqscore args` prints, with CSV's CRLF as LF (as a Markdown file holds it).
fn run_example(args: &str) -> String {
    let args: Vec<&str> = args.split_whitespace().collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{args:?} ran");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

#[test]
fn output_examples_are_what_the_binary_prints() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/output.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let examples = output_examples(&doc);
    let mut updated = doc.clone();
    let mut stale = Vec::new();
    for (args, shown) in &examples {
        let actual = run_example(args);
        if &actual != shown {
            stale.push(args.clone());
            let marker = format!("<!-- example: eqscore {args} -->\n");
            let at = updated.find(&marker).unwrap() + marker.len();
            let fence_end = at + updated[at..].find('\n').unwrap() + 1;
            let body_end = fence_end + updated[fence_end..].find("```\n").unwrap();
            updated.replace_range(fence_end..body_end, &actual);
        }
    }
    if std::env::var_os("EQSCORE_BLESS").is_some() {
        std::fs::write(path, &updated).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "docs/output.md is stale for {stale:?}; rerun with EQSCORE_BLESS=1 and read the diff"
    );
}

#[test]
fn output_doc_shows_every_format() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/output.md")).unwrap();
    let examples = output_examples(&doc);
    for format in eqscore::report::Format::ALL {
        let shown = examples.iter().any(|(args, _)| {
            let with_flag = args.ends_with(&format!("--format {format}"));
            with_flag || (format == eqscore::report::Format::Text && !args.contains("--format"))
        });
        assert!(shown, "docs/output.md has no example of --format {format}");
        assert!(
            doc.contains(&format!("\n## {format}\n")),
            "no section for {format}"
        );
    }
}
