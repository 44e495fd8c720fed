"""Type stubs for eqscore (the classes live in the Rust extension ``eqscore._eqscore``)."""

import os
from typing import Iterable, List, Literal, Optional, Tuple, Union

from ._errors import EqscoreError as EqscoreError
from ._errors import RubricFileError as RubricFileError

__version__: str

Item = Union[str, Tuple[str, Optional[str]]]

class Evidence:
    """A span of the reply that a cue matched; ``reply[start:end] == text``."""

    start: int
    """Start, a Python string index into the reply (code points, not bytes)."""
    end: int
    """End, exclusive."""
    text: str
    cue: str
    """The id of the cue that matched."""
    strength: float
    """The cue's strength, in (0, 1]."""
    def to_dict(self) -> dict:
        """``{"start", "end", "text", "cue"}``, as in ``--format jsonl``."""

class Suppressed:
    """A cue match that a scope (negation, reported speech) cancelled."""

    start: int
    end: int
    text: str
    cue: str
    scope: str
    """The scope that cancelled it, e.g. ``negation``."""
    trigger: str
    """The text that triggered the scope, e.g. ``don't``."""
    trigger_start: int
    trigger_end: int
    def to_dict(self) -> dict:
        """``{"start", "end", "text", "cue", "scope", "trigger"}``, as in ``--format jsonl``."""

class CriterionScore:
    """How the reply fared on one criterion."""

    id: str
    polarity: Literal["expect", "avoid"]
    fatal: bool
    """Whether a violation fails the reply outright."""
    met: bool
    """``expect``: a cue counted. ``avoid``: no cue counted."""
    applicable: bool
    """False when ``applies_when`` ruled the criterion out for this context."""
    points: float
    """Points earned, between 0 and ``weight`` (full precision)."""
    weight: float
    evidence: List[Evidence]
    """The spans that earned points (``expect``) or lost them (``avoid``)."""
    suppressed: List[Suppressed]
    def to_dict(self) -> dict:
        """The JSONL criterion object: id, met, applicable, points (2 decimals), evidence, suppressed."""

class ReplyScore:
    """The judgement of one reply."""

    score: float
    """0-100, one decimal."""
    passed: bool
    """Score at least the threshold and no fatal criterion violated."""
    criteria: List[CriterionScore]
    """One per criterion, in rubric order."""
    def criterion(self, id: str) -> Optional[CriterionScore]:
        """The criterion with this id, or ``None``."""
    def __getitem__(self, id: str) -> CriterionScore:
        """The criterion with this id; ``KeyError`` when the rubric has none."""
    def to_dict(self) -> dict:
        """``{"score", "pass", "criteria"}`` with the names of ``eqscore score --format jsonl``."""
    def to_json(self) -> str:
        """``to_dict()`` as one line of compact JSON (UTF-8 text kept as is)."""

class Scorer:
    """A compiled rubric, ready to score replies. Thread-safe; reuse it."""

    def __init__(
        self,
        rubric: Union[str, "os.PathLike[str]", None] = None,
        *,
        threshold: Optional[float] = None,
    ) -> None:
        """The built-in ``empathy`` rubric when ``rubric`` is None; otherwise
        rubric JSON text (a string starting with ``{``) or a path to a rubric
        file. ``threshold`` overrides the rubric's pass threshold (0-100).

        Raises ``EqscoreError`` (a ``ValueError``) with the CLI's located
        message for a bad rubric, ``RubricFileError`` (also an ``OSError``)
        for a file that cannot be read."""
    @property
    def name(self) -> str: ...
    @property
    def threshold(self) -> float: ...
    @property
    def criteria(self) -> List[str]:
        """The criterion ids, in rubric order."""
    def score(self, reply: str, context: Optional[str] = None) -> ReplyScore:
        """Scores one reply, answering the user's message ``context`` when given."""
    def score_many(self, items: Iterable[Item], jobs: Optional[int] = None) -> List[ReplyScore]:
        """Scores strings or ``(reply, context)`` pairs on ``jobs`` threads
        (default: every core) with the GIL released; results in input order."""

def builtin_rubric() -> str:
    """The built-in ``empathy`` rubric's JSON text."""
