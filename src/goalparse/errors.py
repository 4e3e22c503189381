"""Errors for input that cannot be parsed at all.

Doubtful parses are not errors: they become diagnostics on the result. These
exceptions are for input nobody can use (missing, empty, binary, unreadable),
and each names the file and says what is wrong in one line.
"""

from __future__ import annotations


class GoalparseError(Exception):
    """Base class: one input could not be used. ``str()`` is a one-line message."""

    code = "GP000"

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class MissingInputError(GoalparseError):
    code = "GP001"


class EmptyInputError(GoalparseError):
    code = "GP002"


class BinaryInputError(GoalparseError):
    code = "GP003"


class EncodingError(GoalparseError):
    code = "GP004"


class NoTableError(GoalparseError):
    """The text was read but holds no performance-target table."""

    code = "GP005"


class PdfError(GoalparseError):
    """A PDF that cannot be read: encrypted, corrupt, truncated."""

    code = "GP006"


class NoTextLayerError(GoalparseError):
    """A scanned PDF: pages without text. It needs OCR first."""

    code = "GP007"


class MissingExtraError(GoalparseError):
    """The input needs an optional part that is not installed (``goalparse[ocr]`` for scans)."""

    code = "GP011"


class TooLargeError(GoalparseError):
    """Input over the size, page, time or memory bound set for one file."""

    code = "GP008"


class BoundError(TooLargeError):
    """The parse of one file went past its time or memory bound.

    Unlike the other errors this may be transient (a loaded machine, a small bound):
    ``goalparse batch`` tries such files again on its next run.
    """

    code = "GP010"
