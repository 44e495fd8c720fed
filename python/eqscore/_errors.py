"""The exceptions eqscore raises; the extension module raises these classes."""

from __future__ import annotations

from typing import Optional

__all__ = ["EqscoreError", "RubricFileError"]


class EqscoreError(ValueError):
    """A bad rubric, pattern or input.

    ``str(error)`` is the same located one-line message the CLI prints, e.g.
    ``rubric.json:4:5: criteria[0].weight: invalid type: string "2", expected f64``.
    ``kind`` is one of ``rubric_syntax``, ``rubric_invalid``, ``pattern``,
    ``input``, ``io``, ``usage``; ``origin``, ``line``, ``column`` (1-based,
    in characters), ``json_path`` and ``hint`` are set for rubric errors whose
    place is known, ``None`` otherwise.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "other",
        origin: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        json_path: Optional[str] = None,
        hint: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.origin = origin
        self.line = line
        self.column = column
        self.json_path = json_path
        self.hint = hint

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class RubricFileError(EqscoreError, OSError):
    """A rubric file that could not be read (missing, unreadable, not UTF-8)."""
