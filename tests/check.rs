//! `eqscore check` on prompt templates: positions per format, exit codes,
//! config, suppressions and the baseline.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{eqscore, stderr, stdout};

/// Runs `eqscore check ARGS` in `dir`.
fn check_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eqscore"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("eqscore runs")
}

/// The `path:line:col: criterion` heads of the findings.
fn heads(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .filter(|l| !l.starts_with("Found "))
        .map(|l| l.splitn(5, ": ").take(2).collect::<Vec<_>>().join(": "))
        .collect()
}

#[test]
fn each_format_points_at_the_curt_example() {
    let cases = [
        (
            "few-shot.yaml",
            "samples/templates/few-shot.yaml:9:7",
            "Just get over it",
        ),
        (
            "openai-request.json",
            "samples/templates/openai-request.json:6:39",
            "Not my problem",
        ),
        (
            "support.prompty",
            "samples/templates/support.prompty:17:1",
            "Stop complaining",
        ),
        (
            "examples.md",
            "samples/templates/examples.md:6:12",
            "Whatever.",
        ),
    ];
    for (file, place, text) in cases {
        let path = format!("samples/templates/{file}");
        let output = eqscore(&["check", "--isolated", &path]);
        assert_eq!(output.status.code(), Some(1), "{file}: {}", stderr(&output));
        let heads = heads(&output);
        assert!(
            !heads.is_empty() && heads.iter().all(|h| h.starts_with(&format!("{place}: "))),
            "{file}: {heads:?}"
        );
        // The reported line and column hold the example's first words.
        let (line, column) = place
            .rsplit_once(':')
            .map(|(rest, c)| (rest.rsplit_once(':').unwrap().1, c))
            .unwrap();
        let source = std::fs::read_to_string(&path).unwrap();
        let at: String = source
            .lines()
            .nth(line.parse::<usize>().unwrap() - 1)
            .unwrap()
            .chars()
            .skip(column.parse::<usize>().unwrap() - 1)
            .collect();
        assert!(at.starts_with(text), "{file}: {at:?}");
    }
}

#[test]
fn the_good_examples_are_not_reported_and_the_summary_counts() {
    let output = eqscore(&["check", "--isolated", "samples/templates"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.ends_with(
            "Found 14 findings in 4 of 7 examples (4 files); 0 suppressed, 0 in the baseline.\n"
        ),
        "{text}"
    );
    assert!(
        !text.contains("few-shot.yaml:14"),
        "the kind example passes: {text}"
    );
}

#[test]
fn evidence_of_a_broken_rule_is_quoted() {
    let output = eqscore(&["check", "--isolated", "samples/templates/few-shot.yaml"]);
    assert!(stdout(&output).contains(
        "few-shot.yaml:9:7: avoids_dismissal: \"Just get over it\": the reply must not minimise"
    ));
}

#[test]
fn exit_codes_clean_findings_error() {
    let dir = tempfile::tempdir().unwrap();
    let kind = "- role: user\n  content: My friend cancelled on me again.\n- role: assistant\n  content: That sounds really disappointing. Do you want to talk about it? You could tell her how you feel, or plan something else.\n";
    std::fs::write(dir.path().join("ok.yaml"), kind).unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    std::fs::write(
        dir.path().join("bad.yaml"),
        "- role: user\n  content: I failed my exam.\n- role: assistant\n  content: Whatever.\n",
    )
    .unwrap();
    assert_eq!(check_in(dir.path(), &["--isolated"]).status.code(), Some(1));
    std::fs::write(dir.path().join("broken.json"), "{\"messages\": [}").unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.json:1:15: invalid JSON"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn unparseable_files_that_name_no_chat_role_are_not_templates() {
    let dir = tempfile::tempdir().unwrap();
    // A Helm template and a tsconfig.json with comments: neither parses, and
    // neither is a prompt template, so a hook on a whole repository passes.
    std::fs::write(
        dir.path().join("svc.yaml"),
        "metadata:\n  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tsconfig.json"),
        "{\n  // strict\n  \"strict\": true\n}\n",
    )
    .unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // A template with a syntax error still stops the run: it is never skipped.
    std::fs::write(
        dir.path().join("prompt.yaml"),
        "- role: assistant\n  content: [Whatever.\n",
    )
    .unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("prompt.yaml:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn gitignored_files_are_skipped_in_a_git_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored.yaml\n").unwrap();
    std::fs::write(
        dir.path().join("ignored.yaml"),
        "- role: assistant\n  content: Whatever.\n",
    )
    .unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn an_unknown_config_key_is_an_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("eqscore.toml"),
        "threshold = 50\nexlude = [\"x/**\"]\n",
    )
    .unwrap();
    let output = check_in(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("eqscore.toml:2:1: unknown field `exlude`"),
        "{err}"
    );
    assert!(err.contains("did you mean `exclude`?"), "{err}");
    // --isolated ignores it.
    assert_eq!(check_in(dir.path(), &["--isolated"]).status.code(), Some(0));
}

#[test]
fn config_in_pyproject_is_found_from_a_subdirectory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"x\"\n[tool.eqscore]\nexclude = [\"legacy/**\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("legacy")).unwrap();
    std::fs::write(
        dir.path().join("legacy/old.yaml"),
        "- role: assistant\n  content: Whatever.\n",
    )
    .unwrap();
    assert_eq!(
        check_in(&dir.path().join("legacy"), &["."]).status.code(),
        Some(0)
    );
    std::fs::write(
        dir.path().join("pyproject.toml"),
        "[tool.eqscore]\nthresold = 1\n",
    )
    .unwrap();
    let output = check_in(&dir.path().join("legacy"), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `threshold`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn overrides_lower_the_threshold_and_ignore_criteria() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "- role: user\n  content: I failed my exam.\n- role: assistant\n  content: Whatever.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("eqscore.toml"), "[[overrides]]\nfiles = [\"a.yaml\"]\nignore = [\"acknowledges_feelings\", \"avoids_dismissal\", \"invites_sharing\", \"offers_options\"]\n").unwrap();
    let output = check_in(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("4 suppressed"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn inline_suppressions_in_each_comment_syntax() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "- role: user\n  content: I failed my exam.\n# eqscore: ignore\n- role: assistant\n  content: Whatever.\n").unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "User: I failed my exam.\n<!-- eqscore: ignore -->\nAssistant: Whatever.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.json"), r#"[{"role": "user", "content": "I failed my exam."}, {"role": "assistant", "content": "Whatever.", "x-eqscore-ignore": true}]"#).unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // Naming one criterion leaves the others reported.
    std::fs::write(dir.path().join("a.yaml"), "- role: user\n  content: I failed my exam.\n# eqscore: ignore[avoids_dismissal]\n- role: assistant\n  content: Whatever.\n").unwrap();
    let output = check_in(dir.path(), &["--isolated"]);
    assert_eq!(output.status.code(), Some(1));
    let heads = heads(&output);
    assert!(
        heads
            .iter()
            .all(|h| h.starts_with("a.yaml:5:12: ") && !h.ends_with("avoids_dismissal")),
        "{heads:?}"
    );
}

#[test]
fn a_baseline_hides_known_findings_but_not_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let old =
        "- role: user\n  content: I failed my exam.\n- role: assistant\n  content: Whatever.\n";
    std::fs::write(dir.path().join("a.yaml"), old).unwrap();
    let output = check_in(dir.path(), &["--isolated", "--write-baseline"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("eqscore-baseline.json").is_file());
    let output = check_in(
        dir.path(),
        &["--isolated", "--baseline", "eqscore-baseline.json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // Lines added above move the example; the baseline still holds.
    std::fs::write(dir.path().join("a.yaml"), format!("# header\n\n{old}")).unwrap();
    assert_eq!(
        check_in(
            dir.path(),
            &["--isolated", "--baseline", "eqscore-baseline.json"]
        )
        .status
        .code(),
        Some(0)
    );
    // A new curt example is reported.
    std::fs::write(
        dir.path().join("a.yaml"),
        format!("{old}- role: assistant\n  content: Stop whining.\n"),
    )
    .unwrap();
    let output = check_in(
        dir.path(),
        &["--isolated", "--baseline", "eqscore-baseline.json"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        heads(&output).iter().all(|h| h.starts_with("a.yaml:6:")),
        "{:?}",
        heads(&output)
    );
}

#[test]
fn json_sarif_and_github_formats() {
    let path = "samples/templates/support.prompty";
    let output = eqscore(&["check", "--isolated", "--format", "json", path]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(doc["findings"][0]["line"], 17);
    assert_eq!(doc["summary"]["findings"], 4);
    let output = eqscore(&["check", "--isolated", "--format", "sarif", path]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let region = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(17), Some(1))
    );
    let output = eqscore(&["check", "--isolated", "--format", "github", path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("::error file=samples/templates/support.prompty,line=17,col=1,title=eqscore acknowledges_feelings::"));
}

#[test]
fn awkward_file_names_are_escaped_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let name = "odd, name: \u{1b}[2J.yaml";
    let template = std::fs::read_to_string("samples/templates/few-shot.yaml").unwrap();
    std::fs::write(dir.path().join(name), template).unwrap();

    let output = check_in(dir.path(), &["--isolated", name]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        text.starts_with("odd, name: \\u{1b}[2J.yaml:9:7: "),
        "{text}"
    );

    let output = check_in(dir.path(), &["--isolated", "--format", "sarif", name]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let uri = &doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "odd%2C%20name%3A%20%1B%5B2J.yaml");

    let output = check_in(dir.path(), &["--isolated", "--format", "github", name]);
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        text.starts_with("::error file=odd%2C name%3A \\u{1b}[2J.yaml,line=9,col=7,"),
        "{text}"
    );
}
