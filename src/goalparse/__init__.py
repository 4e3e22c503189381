"""goalparse: budget performance-target tables (预算绩效目标表) -> validated records.

The text path's stages are compiled to C with mypyc when the package is built
(see pyproject.toml); the very same modules run as plain Python when the
environment sets ``GOALPARSE_PURE=1`` (for debugging with full tracebacks, and
so the test suite checks both).
"""

from __future__ import annotations

__version__ = "0.1.0"

# First import: installs the GOALPARSE_PURE switch before any stage module is imported.
from ._core import PURE, compiled_modules, core
from .errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    GoalparseError,
    MissingInputError,
    NoTableError,
)
from .pipeline import parse_bytes, parse_file, parse_text
from .records import Document, Funds, Goals, Indicator, Table, Value
from .values import parse_value

__all__ = [
    "PURE",
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
    "compiled_modules",
    "core",
    "parse_bytes",
    "parse_file",
    "parse_text",
    "parse_value",
]
