"""What the adapters share: one scorer per rubric, a reason line."""

from __future__ import annotations

import functools
from typing import Optional

from .. import ReplyScore, Scorer


@functools.lru_cache(maxsize=16)
def scorer_for(rubric: Optional[str] = None, threshold: Optional[float] = None) -> Scorer:
    """A scorer compiled once per (rubric, threshold) and reused across calls."""
    return Scorer(rubric, threshold=threshold)


def reason(result: ReplyScore) -> str:
    """One line saying what counted, per applicable criterion: the first
    evidence of a met ``expect`` criterion, ``missing`` for an unmet one,
    ``violated`` and the offending text for an ``avoid`` criterion."""
    parts = []
    for c in result.criteria:
        if not c.applicable:
            continue
        if c.polarity == "avoid":
            parts.append(f"{c.id}: ok" if c.met else f"{c.id} violated: {c.evidence[0].text!r}" if c.evidence else f"{c.id} violated")
        elif c.met and c.evidence:
            parts.append(f"{c.id}: {c.evidence[0].text!r}")
        else:
            parts.append(f"{c.id}: missing")
    verdict = "pass" if result.passed else "fail"
    return f"eqscore {result.score:g}/100 ({verdict}); " + "; ".join(parts)
