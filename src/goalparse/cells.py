"""Stage 3: lines -> rows of cells.

Dumps separate cells with tabs, with runs of two or more spaces (space-aligned
exports), or as markdown pipe rows (``| a | b |``, from PDF-to-markdown tools).
Each cell keeps its column position, its printed text and its cleaned text.

>>> [c.text for c in split_line(1, "产出指标\\t数量指标\\t\\t≥5000 人 次").cells]
['产出指标', '数量指标', '', '≥5000 人 次']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .normalise import clean_markup

_SPACE_RUN = re.compile(r"[ \u3000]{2,}")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")


class Cell(NamedTuple):
    """One cell: column position in its line, cleaned text, printed text."""

    col: int
    text: str
    raw: str
    bbox: tuple[float, float, float, float] | None = None  # PDF: x0, top, x1, bottom in points


class Row(NamedTuple):
    """One source line split into cells; ``line`` is 1-based.

    Only cells with text are stored (``filled``), each with its column position;
    ``width`` is how many cells the line had, so the empty ones can be rebuilt.
    """

    line: int
    filled: tuple[Cell, ...]
    width: int
    page: int | None = None  # PDF page (1-based); None for text dumps

    @property
    def is_blank(self) -> bool:
        return not self.filled

    @property
    def cells(self) -> tuple[Cell, ...]:
        """All cells, empty ones included (for tracing; the pipeline uses ``filled``)."""
        by_col = {c.col: c for c in self.filled}
        return tuple(by_col.get(i, Cell(i, "", "")) for i in range(self.width))


def _split_raw(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if _PIPE_RULE.match(stripped):
            return []
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return inner.split("|")
    if _SPACE_RUN.search(stripped):
        # Leading indentation stands for empty leading cells; keep one for it.
        parts = _SPACE_RUN.split(line.rstrip())
        return parts
    return [line]


def split_line(number: int, line: str) -> Row:
    """Split one line into cells (markup cleaned, surrounding spaces trimmed)."""
    if line.lstrip().startswith("#"):
        line = _MARKDOWN_HEADING.sub("", line)
    raws = _split_raw(line)
    filled = []
    for col, raw in enumerate(raws):
        if raw and not raw.isspace():
            text = clean_markup(raw).strip()
            if text:
                filled.append(Cell(col, text, raw))
    return Row(number, tuple(filled), len(raws))


def split_text(text: str) -> list[Row]:
    """Every line of a document as a row (blank lines included, so numbering stays true)."""
    return [split_line(i, line) for i, line in enumerate(text.split("\n"), start=1)]
