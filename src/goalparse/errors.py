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

    @classmethod
    def rebuilt(cls, source: str, problem: str) -> GoalparseError:
        """The same error from its two parts (sent back by a bounded child), whatever the subclass's own
        constructor takes."""
        exc = cls.__new__(cls)
        GoalparseError.__init__(exc, source, problem)
        return exc


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


class TooLargeError(GoalparseError):
    """Input over the size, page, time or memory bound set for one file."""

    code = "GP008"


class BoundError(TooLargeError):
    """The parse of one file went past its time or memory bound.

    Unlike the other errors this may be transient (a loaded machine, a small bound):
    ``goalparse batch`` tries such files again on its next run.
    """

    code = "GP010"


class MissingExtraError(GoalparseError):
    """A feature whose optional dependencies are not installed; the message names the extra to install.

    With ``source`` (an input file that needs the extra) the message starts with the file, like
    every other input error; without it, with the feature (Parquet output, the dask engine).
    """

    code = "GP011"

    def __init__(self, feature: str, extra: str, source: str | None = None) -> None:
        problem = f"{feature} needs the optional extra: pip install 'goalparse[{extra}]'"
        if source is None:
            Exception.__init__(self, problem)
            self.source = feature
            self.problem = f"needs the optional extra goalparse[{extra}]"
        else:
            super().__init__(source, problem)


# GP012 is the export's error (sinks/columnar.py: ExportError).


class DocumentError(GoalparseError):
    """A workbook, Word document or web page that cannot be read: corrupt, truncated, not what it says."""

    code = "GP013"


class UnsupportedFormatError(GoalparseError):
    """A format read by no reader here (.doc, .wps, .et, encrypted workbooks); the message says how to convert."""

    code = "GP014"
