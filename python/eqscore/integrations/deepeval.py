"""A DeepEval custom metric: ``EmpathyMetric``.

::

    from deepeval import assert_test
    from deepeval.test_case import LLMTestCase
    from eqscore.integrations.deepeval import EmpathyMetric

    assert_test(LLMTestCase(input="...", actual_output="..."), [EmpathyMetric()])

It follows DeepEval's documented custom-metric interface: a ``BaseMetric``
with ``measure``, ``a_measure``, ``is_successful`` and ``__name__``, setting
``score`` (0-1), ``success``, ``reason``. No LLM is called. Without DeepEval
installed the class still works on any object with ``input`` and
``actual_output``.
"""

from __future__ import annotations

from typing import Any, Optional

from ._shared import reason, scorer_for

try:  # pragma: no cover - depends on the environment
    from deepeval.metrics import BaseMetric as _Base
except ImportError:  # pragma: no cover
    _Base = object  # type: ignore[assignment,misc]

__all__ = ["EmpathyMetric"]


class EmpathyMetric(_Base):  # type: ignore[misc,valid-type]
    """Empathy by eqscore's rubric; passes when eqscore says the reply passes."""

    def __init__(self, threshold: Optional[float] = None, rubric: Optional[str] = None) -> None:
        """``threshold`` in 0-1 overrides the rubric's own (0.6 for the built-in)."""
        self._scorer = scorer_for(rubric, None if threshold is None else threshold * 100)
        self.threshold = self._scorer.threshold / 100
        self.rubric = rubric
        self.include_reason = True
        self.async_mode = False
        self.strict_mode = False
        self.evaluation_model = "eqscore (rule-based, no LLM)"
        self.evaluation_cost = 0.0
        self.score: Optional[float] = None
        self.success: Optional[bool] = None
        self.reason: Optional[str] = None
        self.error: Optional[str] = None
        self.result: Any = None

    def measure(self, test_case: Any, *args: Any, **kwargs: Any) -> float:
        """Scores ``test_case.actual_output`` answering ``test_case.input``."""
        self.result = self._scorer.score(test_case.actual_output or "", test_case.input)
        self.score = self.result.score / 100
        self.success = self.result.passed
        self.reason = reason(self.result)
        return self.score

    async def a_measure(self, test_case: Any, *args: Any, **kwargs: Any) -> float:
        """The same as ``measure``: scoring takes microseconds, nothing to await."""
        return self.measure(test_case, *args, **kwargs)

    def is_successful(self) -> bool:
        """Whether the last measured reply passed."""
        return bool(self.success) if self.error is None else False

    @property
    def __name__(self) -> str:  # type: ignore[override]
        return "Empathy (eqscore)"
