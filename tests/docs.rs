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
