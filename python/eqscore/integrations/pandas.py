"""Scoring a pandas column: ``score_frame(df["reply"])``.

::

    from eqscore.integrations.pandas import score_frame
    df = df.join(score_frame(df["reply"], df["message"]))

Returns a DataFrame with the input's index and the columns ``score``,
``passed`` and, per criterion, ``<id>`` (met: bool) and ``<id>_points``
(``NaN`` when the criterion did not apply). Scored with ``score_many``: every
core, GIL released.
"""

from __future__ import annotations

from typing import Any, Optional

from .. import Scorer

__all__ = ["score_frame"]


def score_frame(
    replies: Any,
    contexts: Any = None,
    scorer: Optional[Scorer] = None,
    jobs: Optional[int] = None,
) -> Any:
    """Scores a Series of replies (and optionally a Series of user messages)."""
    import pandas as pd

    scorer = scorer or Scorer()
    texts = ["" if r is None or r != r else str(r) for r in replies]  # None/NaN: empty reply
    if contexts is None:
        items: list = texts
    else:
        ctx = [None if c is None or c != c else str(c) for c in contexts]
        items = list(zip(texts, ctx))
    results = scorer.score_many(items, jobs=jobs)
    columns: dict = {"score": [r.score for r in results], "passed": [r.passed for r in results]}
    nan = float("nan")
    for i, cid in enumerate(scorer.criteria):
        columns[cid] = [r.criteria[i].met for r in results]
        columns[f"{cid}_points"] = [
            r.criteria[i].points if r.criteria[i].applicable else nan for r in results
        ]
    return pd.DataFrame(columns, index=getattr(replies, "index", None))
