"""goalparse: budget performance-target tables (预算绩效目标表) -> validated records."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    GoalparseError,
    MissingInputError,
    NoTableError,
)
from .pipeline import parse_bytes, parse_file, parse_text  # noqa: E402
from .records import Document, Funds, Goals, Indicator, Table, Value  # noqa: E402
from .values import parse_value  # noqa: E402

__all__ = [
    "BinaryInputError",
    "Document",
    "EmptyInputError",
    "EncodingError",
    "Funds",
    "Goals",
    "GoalparseError",
    "Indicator",
    "MissingInputError",
    "NoTableError",
    "Table",
    "Value",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "parse_value",
]
