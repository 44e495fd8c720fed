//! The built-in rubric's own examples hold (`eqscore test` as a cargo test),
//! and there are enough of them in both languages.

use eqscore::Scorer;
use eqscore::selftest::{self, Verdict};

#[test]
fn builtin_rubric_examples_hold() {
    let scorer = Scorer::builtin().unwrap();
    let report = selftest::run(&scorer);
    let failures: Vec<String> = report
        .examples
        .iter()
        .filter(|e| e.verdict == Verdict::Failed)
        .map(|e| {
            let fired: Vec<_> = e
                .evidence
                .iter()
                .map(|h| format!("{:?} ({})", h.text, h.cue))
                .collect();
            let cancelled: Vec<_> = e
                .suppressed
                .iter()
                .map(|s| format!("{:?} by {} {:?}", s.evidence.text, s.scope, s.trigger))
                .collect();
            format!(
                "{} {}: {:?} fired {fired:?} cancelled {cancelled:?}",
                e.json_path, e.criterion, e.example.reply
            )
        })
        .collect();
    assert!(
        report.passed() >= 200,
        "only {} examples pass",
        report.passed()
    );
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn builtin_rubric_has_ten_examples_each_way_in_both_languages() {
    let scorer = Scorer::builtin().unwrap();
    for criterion in &scorer.rubric().criteria {
        let lists = [
            ("match", &criterion.examples.matching),
            ("no_match", &criterion.examples.no_match),
        ];
        for (kind, examples) in lists {
            for lang in ["en", "zh"] {
                let count = examples
                    .iter()
                    .filter(|e| e.case().lang.as_deref() == Some(lang))
                    .count();
                assert!(
                    count >= 10,
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
