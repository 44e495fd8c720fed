//! The committed JSON Schema is the one the Rust types generate, and every
//! shipped rubric points at it.

use std::path::Path;

fn repo(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn committed_schema_is_current() {
    let generated = eqscore::rubric::json_schema();
    let committed = repo("rubrics/rubric.schema.json");
    assert!(
        generated == committed,
        "rubrics/rubric.schema.json is out of date: run `cargo run -- rubric schema > rubrics/rubric.schema.json`"
    );
}

#[test]
fn shipped_rubrics_reference_the_schema_and_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "rubric.schema.json" || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let file = eqscore::rubric::parse(&std::fs::read_to_string(&path).unwrap(), &name).unwrap();
        assert_eq!(
            file.schema.as_deref(),
            Some("./rubric.schema.json"),
            "{name}"
        );
        eqscore::Scorer::from_path(&path).unwrap();
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn schema_describes_required_fields_and_limits() {
    let schema: serde_json::Value = serde_json::from_str(&eqscore::rubric::json_schema()).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["name", "version", "description", "threshold", "criteria"] {
        assert!(required.contains(&field), "{field} is required");
    }
    assert_eq!(schema["properties"]["threshold"]["maximum"], 100);
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown fields are rejected"
    );
}
