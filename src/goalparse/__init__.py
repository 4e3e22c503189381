"""goalparse: budget performance-target tables (预算绩效目标表) -> validated records."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    GoalparseError,
    MissingInputError,
    NoTableError,
)
from .lexicon.values import parse_value
from .pipeline import parse_bytes, parse_file, parse_text
from .records import Document, Funds, Goals, Indicator, Table, Value

__all__ = [
    "BinaryInputError",
    "Document",
    "EmptyInputError",
    "EncodingError",
    "Funds",
    "GoalparseError",
    "Goals",
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
