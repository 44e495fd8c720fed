"""The Python API: Scorer, results, offsets, errors, score_many."""

import json
import pathlib

import pytest

import eqscore

EMPATHIC = "It sounds like you're really disappointed. Do you want to talk about it?"
AGGRESSIVE = "Stop whining, you idiot."


@pytest.fixture(scope="module")
def scorer():
    return eqscore.Scorer()


def test_builtin_rubric_has_the_fixed_criteria(scorer):
    assert scorer.name == "empathy"
    assert scorer.criteria == [
        "acknowledges_feelings",
        "offers_options",
        "invites_sharing",
        "avoids_aggression",
        "avoids_dismissal",
    ]
    assert json.loads(eqscore.builtin_rubric())["name"] == "empathy"


def test_empathic_reply_passes_with_evidence(scorer):
    result = scorer.score(EMPATHIC)
    assert result.passed
    assert 0 <= result.score <= 100
    feelings = result["acknowledges_feelings"]
    assert feelings.met and feelings.points > 0
    assert any("disappointed" in e.text for e in feelings.evidence)
    assert result.criterion("no_such_criterion") is None
    with pytest.raises(KeyError):
        result["no_such_criterion"]


def test_aggressive_reply_fails(scorer):
    result = scorer.score(AGGRESSIVE)
    assert not result.passed
    aggression = result["avoids_aggression"]
    assert not aggression.met
    assert aggression.polarity == "avoid"
    assert [e.text.lower() for e in aggression.evidence if "idiot" in e.text.lower()]


def test_offsets_are_python_string_indices(scorer):
    # Chinese, an emoji (4 UTF-8 bytes, one code point) and accents before the spans.
    reply = "你好😀 café — 听起来你真的很难过。It sounds like you're really disappointed."
    result = scorer.score(reply)
    spans = [e for c in result.criteria for e in c.evidence]
    assert len(spans) >= 2
    for e in spans:
        assert reply[e.start:e.end] == e.text
    for c in result.criteria:
        for s in c.suppressed:
            assert reply[s.start:s.end] == s.text
            assert reply[s.trigger_start:s.trigger_end] == s.trigger


def test_suppressed_trigger_offsets(scorer):
    reply = "别难过，我不觉得你很难过 — I don't think you're sad at all, you idiot."
    result = scorer.score(reply)
    for c in result.criteria:
        for s in c.suppressed:
            assert reply[s.trigger_start:s.trigger_end] == s.trigger


def test_to_dict_matches_jsonl_names_and_to_json(scorer):
    result = scorer.score("我理解你的感受。" + EMPATHIC, "My friend cancelled on me again.")
    d = result.to_dict()
    assert list(d) == ["score", "pass", "criteria"]
    assert list(d["criteria"][0]) == ["id", "met", "applicable", "points", "evidence", "suppressed"]
    for c in d["criteria"]:
        for e in c["evidence"]:
            assert list(e) == ["start", "end", "text", "cue"]
    assert json.loads(result.to_json()) == d
    assert result.to_json() == json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def test_context_changes_applicability(scorer):
    # The expect criteria apply when the user voices an emotion (or no context is known).
    reply = "Here are two options: 1. call her, 2. send a text."
    assert scorer.score(reply, "I feel so sad and lonely.")["offers_options"].applicable
    assert scorer.score(reply)["offers_options"].applicable
    assert not scorer.score(reply, "What is the capital of France?")["offers_options"].applicable


def test_score_many_equals_score_in_order(scorer):
    replies = [EMPATHIC, AGGRESSIVE, "ok", "", "听起来你真的很难过。"] * 300
    items = [r if i % 2 else (r, "I feel awful, what should I do?") for i, r in enumerate(replies)]
    many = scorer.score_many(items, jobs=3)
    assert len(many) == len(items)
    for item, got in zip(items, many):
        reply, context = (item, None) if isinstance(item, str) else item
        assert got.to_json() == scorer.score(reply, context).to_json()
    assert scorer.score_many(items, jobs=1)[7].to_json() == many[7].to_json()


def test_score_many_accepts_any_iterable_and_empty(scorer):
    assert scorer.score_many([]) == []
    assert len(scorer.score_many(r for r in ["a", "b"])) == 2


def test_score_many_rejects_bad_items(scorer):
    with pytest.raises(TypeError, match="item 1: expected a str or a \\(reply, context\\) pair, got int"):
        scorer.score_many(["fine", 3])
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        scorer.score_many(["fine"], jobs=0)


def test_rubric_json_string_and_path(tmp_path):
    rubric = eqscore.builtin_rubric()
    from_text = eqscore.Scorer(rubric)
    path = tmp_path / "rubric.json"
    path.write_text(rubric, encoding="utf-8")
    from_path = eqscore.Scorer(path)
    from_str_path = eqscore.Scorer(str(path))
    for s in (from_text, from_path, from_str_path):
        assert s.score(EMPATHIC).to_json() == eqscore.Scorer().score(EMPATHIC).to_json()


def test_threshold_override():
    strict = eqscore.Scorer(threshold=100)
    assert strict.threshold == 100
    assert eqscore.Scorer().threshold == 60
    with pytest.raises(eqscore.EqscoreError, match="out of range") as info:
        eqscore.Scorer(threshold=101)
    assert info.value.kind == "usage"


def test_bad_rubric_raises_the_cli_message(tmp_path):
    path = tmp_path / "r2.json"
    path.write_text('{"name": 3}\n', encoding="utf-8")
    with pytest.raises(eqscore.EqscoreError) as info:
        eqscore.Scorer(path)
    # The same line `eqscore score --rubric r2.json` prints after "error: ".
    assert str(info.value) == f"{path}:1:10: name: invalid type: integer `3`, expected a string"
    assert isinstance(info.value, ValueError)
    assert (info.value.kind, info.value.line, info.value.column, info.value.json_path) == (
        "rubric_syntax", 1, 10, "name"
    )


def test_bad_rubric_string_names_string_origin():
    with pytest.raises(eqscore.EqscoreError, match=r"^<string>:1:10: name: "):
        eqscore.Scorer('{"name": 3}')


def test_missing_rubric_file_is_an_oserror(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        eqscore.Scorer(missing)
    assert isinstance(info.value, eqscore.RubricFileError)
    assert str(missing) in str(info.value) and info.value.kind == "io"


def test_rubric_of_wrong_type():
    with pytest.raises(TypeError):
        eqscore.Scorer(42)


def test_package_is_typed():
    package = pathlib.Path(eqscore.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "__init__.pyi").exists()
    assert eqscore.Scorer.score.__doc__
