"""The framework adapters, against each framework's documented interface."""

import asyncio
import math
import types

import pytest

import eqscore
from eqscore.integrations import deepeval as eq_deepeval
from eqscore.integrations import inspect as eq_inspect
from eqscore.integrations.pandas import score_frame
from eqscore.integrations.promptfoo import get_assert

EMPATHIC = "It sounds like you're really disappointed. Do you want to talk about it?"
AGGRESSIVE = "Stop whining, you idiot."


def test_promptfoo_grading_result():
    # promptfoo passes vars, prompt and the assertion's config in context.
    context = {"prompt": "...", "vars": {"message": "My friend cancelled on me."}, "config": {}}
    good = get_assert(EMPATHIC, context)
    assert set(good) == {"pass", "score", "reason", "namedScores"}
    assert good["pass"] is True and 0 < good["score"] <= 1
    assert "acknowledges_feelings" in good["reason"]
    assert all(0 <= v <= 1 for v in good["namedScores"].values())
    bad = get_assert(AGGRESSIVE, context)
    assert bad["pass"] is False and bad["namedScores"]["avoids_aggression"] == 0
    assert "avoids_aggression violated: 'Stop whining'" in bad["reason"]


def test_promptfoo_config_threshold_and_no_context():
    assert get_assert(EMPATHIC, {"config": {"threshold": 100}})["pass"] is False
    assert get_assert(EMPATHIC, None)["pass"] is True


def test_deepeval_metric_interface():
    case = types.SimpleNamespace(input="My friend cancelled on me.", actual_output=EMPATHIC)
    metric = eq_deepeval.EmpathyMetric()
    assert metric.threshold == 0.6
    score = metric.measure(case)
    assert score == metric.score and 0 < score <= 1
    assert metric.is_successful() and metric.reason.startswith("eqscore ")
    assert metric.__name__ == "Empathy (eqscore)"
    case.actual_output = AGGRESSIVE
    assert asyncio.run(metric.a_measure(case)) == metric.score
    assert not metric.is_successful()


def test_deepeval_real_base_class_when_installed():
    deepeval = pytest.importorskip("deepeval.metrics")
    assert issubclass(eq_deepeval.EmpathyMetric, deepeval.BaseMetric)


def test_inspect_score_fields():
    fields = eq_inspect.score_sample(EMPATHIC, "My friend cancelled on me.")
    assert fields["value"] == "C" and fields["answer"] == EMPATHIC
    assert fields["metadata"]["pass"] is True
    assert eq_inspect.score_sample(AGGRESSIVE, None)["value"] == "I"


def test_inspect_scorer_when_installed():
    pytest.importorskip("inspect_ai")
    from inspect_ai.scorer import Target

    state = types.SimpleNamespace(
        output=types.SimpleNamespace(completion=EMPATHIC), input_text="My friend cancelled."
    )
    score = asyncio.run(eq_inspect.empathy()(state, Target("")))
    assert score.value == "C" and score.metadata["pass"] is True


def test_pandas_columns_per_criterion():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        {"reply": [EMPATHIC, AGGRESSIVE, None], "message": ["I feel bad", None, "hi"]},
        index=["a", "b", "c"],
    )
    out = score_frame(df["reply"], df["message"])
    assert list(out.index) == ["a", "b", "c"]
    criteria = eqscore.Scorer().criteria
    assert list(out.columns) == ["score", "passed"] + [
        col for cid in criteria for col in (cid, f"{cid}_points")
    ]
    assert out.loc["a", "passed"] and not out.loc["b", "passed"]
    assert out.loc["b", "avoids_aggression"] == False  # noqa: E712 (numpy bool)
    assert out["score"].dtype == float
    joined = df.join(out)
    assert joined.shape == (3, 2 + 2 + 2 * len(criteria))
    na = out.loc["c"]
    assert all(math.isnan(na[f"{cid}_points"]) or na[f"{cid}_points"] >= 0 for cid in criteria)
