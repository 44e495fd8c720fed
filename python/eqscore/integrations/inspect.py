"""An Inspect (inspect_ai) scorer: ``empathy()``.

::

    from inspect_ai import Task
    from eqscore.integrations.inspect import empathy

    Task(dataset=..., solver=..., scorer=empathy())

The scorer reads the model's reply (``state.output.completion``) and the
sample's input as the user's message, and returns a ``Score`` whose value is
``CORRECT``/``INCORRECT`` (eqscore's pass), with the 0-100 score and the
per-criterion results in ``metadata``. ``score_sample`` is the framework-free
core, testable without Inspect.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from ._shared import reason, scorer_for

__all__ = ["empathy", "score_sample"]


def score_sample(reply: str, user_message: Optional[str], rubric: Optional[str] = None) -> Dict[str, Any]:
    """The fields of an Inspect ``Score`` for one reply: value ("C"/"I"), answer, explanation, metadata."""
    result = scorer_for(rubric).score(reply, user_message)
    return {
        "value": "C" if result.passed else "I",
        "answer": reply,
        "explanation": reason(result),
        "metadata": {"eqscore": result.score, **result.to_dict()},
    }


def empathy(rubric: Optional[str] = None) -> Any:
    """An Inspect scorer (metrics: accuracy, stderr) for eqscore's pass/fail."""
    from inspect_ai.scorer import Score, Target, accuracy, scorer, stderr
    from inspect_ai.solver import TaskState

    @scorer(metrics=[accuracy(), stderr()])
    def eqscore_empathy() -> Any:
        async def score(state: TaskState, target: Target) -> Score:
            return Score(**score_sample(state.output.completion, state.input_text, rubric))

        return score

    return eqscore_empathy()
