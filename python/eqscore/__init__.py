"""Score chatbot replies for empathy against a readable JSON rubric.

Deterministic, explainable (every point comes with the span of text that
earned or lost it), offline, English and Chinese. A thin layer over the Rust
library: no subprocess, and ``Scorer.score_many`` scores on every core with
the GIL released.

>>> import eqscore
>>> scorer = eqscore.Scorer()
>>> result = scorer.score("That sounds really hard. Do you want to talk about it?")
>>> result["acknowledges_feelings"].met
True
"""

from __future__ import annotations

from ._eqscore import (
    CriterionScore,
    Evidence,
    ReplyScore,
    Scorer,
    Suppressed,
    builtin_rubric,
)
from ._errors import EqscoreError, RubricFileError

__all__ = [
    "CriterionScore",
    "EqscoreError",
    "Evidence",
    "ReplyScore",
    "RubricFileError",
    "Scorer",
    "Suppressed",
    "builtin_rubric",
]
__version__ = "0.1.0"
