//! Every example kept in the built-in rubric holds: `match` examples fire the
//! criterion's cues, `no_match` examples do not. Examples marked `todo` are
//! known misses and are only counted.

use eqscore::Scorer;
use eqscore::rubric::raw::ExampleSpec;

#[derive(Default)]
struct Tally {
    checked: usize,
    todo: usize,
    failures: Vec<String>,
}

impl Tally {
    fn check(
        &mut self,
        scorer: &Scorer,
        criterion: &str,
        example: &ExampleSpec,
        should_fire: bool,
    ) {
        let case = example.case();
        let result = scorer.score(&case.reply, case.context.as_deref());
        let c = result.criterion(criterion).expect("criterion exists");
        let fired = !c.evidence.is_empty();
        if case.todo.is_some() {
            self.todo += 1;
            return;
        }
        self.checked += 1;
        if fired != should_fire {
            let what = if should_fire {
                "should fire but did not"
            } else {
                "fired but should not"
            };
            let evidence: Vec<_> = c
                .evidence
                .iter()
                .map(|e| format!("{:?} ({})", e.text, e.cue))
                .collect();
            let suppressed: Vec<_> = c
                .suppressed
                .iter()
                .map(|s| {
                    format!(
                        "{:?} cancelled by {} {:?}",
                        s.evidence.text, s.scope, s.trigger
                    )
                })
                .collect();
            self.failures.push(format!(
                "{criterion}: {what}: {:?} evidence {evidence:?} suppressed {suppressed:?}",
                case.reply
            ));
        }
    }
}

#[test]
fn builtin_rubric_examples_hold() {
    let scorer = Scorer::builtin().unwrap();
    let mut tally = Tally::default();
    for criterion in &scorer.rubric().criteria {
        for example in &criterion.examples.matching {
            tally.check(&scorer, &criterion.id, example, true);
        }
        for example in &criterion.examples.no_match {
            tally.check(&scorer, &criterion.id, example, false);
        }
    }
    assert!(tally.checked > 0, "the built-in rubric has examples");
    assert!(
        tally.failures.is_empty(),
        "{} of {} examples failed ({} todo):\n{}",
        tally.failures.len(),
        tally.checked,
        tally.todo,
        tally.failures.join("\n")
    );
}

#[test]
fn builtin_rubric_has_examples_in_both_languages_for_every_criterion() {
    let scorer = Scorer::builtin().unwrap();
    for criterion in &scorer.rubric().criteria {
        for (kind, examples) in [
            ("match", &criterion.examples.matching),
            ("no_match", &criterion.examples.no_match),
        ] {
            for lang in ["en", "zh"] {
                let count = examples
                    .iter()
                    .filter(|e| e.case().lang.as_deref() == Some(lang))
                    .count();
                assert!(
                    count >= 5,
                    "{}: only {count} {lang} {kind} examples",
                    criterion.id
                );
            }
        }
    }
}

#[test]
fn builtin_rubric_has_the_fixed_criteria() {
    let scorer = Scorer::builtin().unwrap();
    let ids: Vec<&str> = scorer
        .rubric()
        .criteria
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "acknowledges_feelings",
            "offers_options",
            "invites_sharing",
            "avoids_aggression",
            "avoids_dismissal"
        ]
    );
    assert_eq!(scorer.rubric().name, "empathy");
}
