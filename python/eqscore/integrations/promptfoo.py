"""A promptfoo Python assertion.

In ``promptfooconfig.yaml``::

    assert:
      - type: python
        value: file://path/to/assert_empathy.py   # which does: from eqscore.integrations.promptfoo import get_assert
        config: {context_var: message}           # optional: rubric, threshold, context_var

promptfoo calls ``get_assert(output, context)`` with the model's reply and a
dict holding ``prompt``, ``vars`` and the assertion's ``config``; it reads a
``GradingResult``: ``pass``, ``score`` (0-1), ``reason`` and
``namedScores`` (one per criterion, 0-1 of its weight).
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from ._shared import reason, scorer_for

__all__ = ["get_assert"]

#: Variables tried, in order, for the user's message the reply answers.
CONTEXT_VARS = ("message", "question", "query", "input", "user")


def _user_message(context: Mapping[str, Any], config: Mapping[str, Any]) -> Optional[str]:
    variables = context.get("vars") or {}
    names = [config["context_var"]] if config.get("context_var") else CONTEXT_VARS
    for name in names:
        value = variables.get(name)
        if isinstance(value, str):
            return value
    prompt = context.get("prompt")
    return prompt if isinstance(prompt, str) else None


def get_assert(output: str, context: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """Scores ``output``; returns promptfoo's GradingResult as a dict."""
    context = context or {}
    config = context.get("config") or {}
    scorer = scorer_for(config.get("rubric"), config.get("threshold"))
    result = scorer.score(output, _user_message(context, config))
    named = {
        c.id: (c.points / c.weight if c.weight else 0.0)
        for c in result.criteria
        if c.applicable
    }
    return {
        "pass": result.passed,
        "score": result.score / 100,
        "reason": reason(result),
        "namedScores": named,
    }
