//! Unit tests of the template readers: text, context, line and column.

use super::*;

fn examples(kind: TemplateKind, source: &str) -> Vec<TemplateExample> {
    extract(kind, source, "t").unwrap()
}

/// The file's text at the example's reported position starts with `word`.
fn points_at(source: &str, example: &TemplateExample, word: &str) {
    let line = source.lines().nth(example.line - 1).unwrap();
    let at: String = line.chars().skip(example.column - 1).collect();
    assert!(
        at.starts_with(word),
        "{}:{} is {at:?}",
        example.line,
        example.column
    );
    assert!(source[example.span.clone()].starts_with(word));
}

#[test]
fn json_messages_with_context_and_positions() {
    let source = r#"{"model": "x", "messages": [
  {"role": "system", "content": "Be kind."},
  {"role": "user", "content": "My cat died."},
  {"role": "assistant", "content": "Deal with it.\nMove on."}
]}"#;
    let found = examples(TemplateKind::Json, source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].reply, "Deal with it.\nMove on.");
    assert_eq!(found[0].context.as_deref(), Some("My cat died."));
    assert_eq!((found[0].line, found[0].column), (4, 37));
    points_at(source, &found[0], "Deal");
    let on = found[0].reply.find("on.").unwrap();
    assert_eq!(&source[found[0].file_offset(on)..][..3], "on.");
}

#[test]
fn json_pairs_parts_and_langchain() {
    let source = r#"[["human", "hi"], ["ai", "Hello {name}, what's up?"]]"#;
    let found = examples(TemplateKind::Json, source);
    assert_eq!(found[0].reply, "Hello Alex, what's up?");
    points_at(source, &found[0], "Hello");
    let source = r#"{"messages": [{"role": "assistant", "content": [{"type": "text", "text": "One."}, {"type": "text", "text": "Two."}]}]}"#;
    assert_eq!(examples(TemplateKind::Json, source)[0].reply, "One.\nTwo.");
    let source = r#"{"lc": 1, "kwargs": {"messages": [
 {"lc": 1, "id": ["langchain", "HumanMessagePromptTemplate"], "kwargs": {"prompt": {"kwargs": {"template": "Q"}}}},
 {"lc": 1, "id": ["langchain", "AIMessagePromptTemplate"], "kwargs": {"prompt": {"kwargs": {"template": "A"}}}}]}}"#;
    let found = examples(TemplateKind::Json, source);
    assert_eq!(
        (found[0].reply.as_str(), found[0].context.as_deref()),
        ("A", Some("Q"))
    );
    assert_eq!(found[0].line, 3);
}

#[test]
fn json_ignore_field() {
    let source =
        r#"[{"role": "assistant", "content": "No.", "x-eqscore-ignore": ["offers_options"]}]"#;
    let found = examples(TemplateKind::Json, source);
    assert!(found[0].ignore.covers("offers_options"));
    assert!(!found[0].ignore.covers("avoids_dismissal"));
}

#[test]
fn json_syntax_error_names_line_and_column() {
    let error = extract(TemplateKind::Json, "{\n  \"messages\": [,]\n}", "p.json").unwrap_err();
    assert!(
        error.to_string().starts_with("p.json:2:16: invalid JSON"),
        "{error}"
    );
}

#[test]
fn yaml_block_scalars_and_comments() {
    let source = "messages:\n  - role: user\n    content: I failed my exam.\n  # eqscore: ignore[offers_options]\n  - role: assistant\n    content: |\n      Study harder\n      next time.\n  - role: assistant\n    content: \"Quoted {{ x }} text\"\n";
    let found = examples(TemplateKind::Yaml, source);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].reply, "Study harder\nnext time.\n");
    assert_eq!((found[0].line, found[0].column), (7, 7));
    assert_eq!(found[0].context.as_deref(), Some("I failed my exam."));
    assert!(found[0].ignore.covers("offers_options"));
    let next = found[0].reply.find("next").unwrap();
    assert_eq!(line_column(source, found[0].file_offset(next)), (8, 7));
    assert_eq!(found[1].reply, "Quoted Alex text");
    assert_eq!((found[1].line, found[1].column), (10, 15));
    assert_eq!(found[1].ignore, Ignore::Nothing);
}

#[test]
fn yaml_error_names_the_line() {
    let error = extract(TemplateKind::Yaml, "a: [\nb: c", "p.yaml").unwrap_err();
    assert!(error.to_string().starts_with("p.yaml:"), "{error}");
}

#[test]
fn prompty_sections_after_front_matter() {
    let source = "---\nname: x\nsample:\n  q: hi\n---\nsystem:\nYou help.\n\nuser:\n{{q}}\n\nassistant:\nThat sounds hard.\nWant to talk?\n";
    let found = examples(TemplateKind::Prompty, source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].reply.trim(), "That sounds hard.\nWant to talk?");
    assert_eq!(found[0].context.as_deref().map(str::trim), Some("Alex"));
    assert_eq!((found[0].line, found[0].column), (13, 1));
}

#[test]
fn prompty_broken_front_matter_is_an_error() {
    let error = extract(
        TemplateKind::Prompty,
        "---\nname: [x\n---\nuser:\nhi\n",
        "p.prompty",
    )
    .unwrap_err();
    assert!(error.to_string().starts_with("p.prompty:"), "{error}");
}

#[test]
fn markdown_markers_and_headings() {
    let source = "# Few-shot\n\nUser: I lost my job.\nAssistant: **Whatever.**\n\n## Notes\nNot an example.\n\n### Assistant\n<!-- eqscore: ignore -->\nI'm sorry.\n";
    let found = examples(TemplateKind::Markdown, source);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].reply, "**Whatever.**");
    assert_eq!((found[0].line, found[0].column), (4, 12));
    assert_eq!(found[0].context.as_deref(), Some("I lost my job."));
    assert_eq!(found[1].reply.trim(), "I'm sorry.");
    assert_eq!(found[1].ignore, Ignore::All);
}

#[test]
fn kinds_by_extension() {
    assert_eq!(TemplateKind::from_path("a/b.YML"), Some(TemplateKind::Yaml));
    assert_eq!(
        TemplateKind::from_path("x.prompty"),
        Some(TemplateKind::Prompty)
    );
    assert_eq!(TemplateKind::from_path("README"), None);
}

/// The cues that counted and that a scope cancelled, per criterion.
fn judgement(
    scorer: &crate::Scorer,
    reply: &str,
    context: &str,
) -> Vec<(bool, Vec<String>, Vec<String>)> {
    let score = scorer.score(reply, Some(context));
    score
        .criteria
        .iter()
        .map(|c| {
            let cues = c.evidence.iter().map(|e| e.cue.to_string()).collect();
            let cancelled = c
                .suppressed
                .iter()
                .map(|s| s.evidence.cue.to_string())
                .collect();
            (c.met, cues, cancelled)
        })
        .collect()
}

#[test]
fn a_placeholder_never_creates_or_kills_a_match() {
    let scorer = crate::Scorer::builtin().unwrap();
    let context = "My friend cancelled on me again and I feel awful.";
    let replies = [
        "It sounds like you're really disappointed. Do you want to talk about it?",
        "Just get over it, it's not a big deal.",
        "That sounds really hard. You could call her, or write her a letter.",
        "I'm not angry at you. What happened?",
        "You're an idiot. Stop whining.",
        "听起来你很难过。你愿意说说吗？",
    ];
    for reply in replies {
        let plain = judgement(&scorer, reply, context);
        let (first, rest) = reply.split_at(
            reply
                .find(['.', '。'])
                .map_or(0, |i| i + reply[i..].chars().next().unwrap().len_utf8()),
        );
        for template in [
            format!("{{{{ name }}}}, {reply}"),
            vocative_before_last_mark(reply),
            format!("{first} <user_name>.{rest}"),
            format!("{first}{{% if x %}} {{{{ detail }}}}.{{% endif %}}{rest}"),
        ] {
            let offsets: Vec<usize> = (0..=template.len()).collect();
            let (text, _) = placeholders::neutralise(&template, &offsets);
            assert_eq!(
                judgement(&scorer, &text, context),
                plain,
                "{template:?} -> {text:?}"
            );
        }
    }
}

/// `reply` with `, {name}` before its final punctuation mark, where an
/// English vocative goes (a Chinese one goes first: `{name}，...`).
fn vocative_before_last_mark(reply: &str) -> String {
    let (body, mark) = reply.split_at(reply.char_indices().last().map_or(0, |(i, _)| i));
    if mark.is_ascii() {
        format!("{body}, {{name}}{mark}")
    } else {
        format!("{{name}}，{reply}")
    }
}
