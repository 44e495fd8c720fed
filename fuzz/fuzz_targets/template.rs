//! Parses arbitrary text as a prompt template of each kind (JSON, YAML,
//! prompty, Markdown) with `template::extract`. It must never panic; errors
//! are one line naming the file; every example's span lies inside the text,
//! on char boundaries, and its offsets map every byte of the reply into it.

#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use eqscore::template::{TemplateExample, TemplateKind, extract};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "fuzz.template";

fn check_example(source: &str, example: &TemplateExample) {
    let span = example.span.clone();
    assert!(span.start <= span.end, "{span:?}");
    assert!(source.get(span.clone()).is_some(), "span {span:?} off a char boundary or past the end");
    assert!(example.line >= 1 && example.column >= 1, "{example:?}");
    assert_eq!(example.offsets.len(), example.reply.len() + 1, "{example:?}");
    assert!(
        example.offsets.iter().all(|&at| at <= source.len()),
        "an offset past the end: {example:?}"
    );
    assert!(example.file_offset(usize::MAX) <= source.len());
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [
        TemplateKind::Json,
        TemplateKind::Yaml,
        TemplateKind::Prompty,
        TemplateKind::Markdown,
    ] {
        match extract(kind, source, PATH) {
            Ok(examples) => examples.iter().for_each(|e| check_example(source, e)),
            Err(error) => invariants::check_error(&error, PATH),
        }
    }
});
