"""Stage 3: lines -> rows of cells.

Dumps separate cells with tabs, with runs of two or more spaces (space-aligned
exports), or as markdown pipe rows (``| a | b |``, from PDF-to-markdown tools).
Each cell keeps its column position, its printed text and its cleaned text.

>>> [c.text for c in split_line(1, "产出指标\\t数量指标\\t\\t≥5000 人 次").cells]
['产出指标', '数量指标', '', '≥5000 人 次']
"""

from __future__ import annotations

import re
from typing import Final

from .bounds import MAX_CELLS_PER_LINE
from .normalise import clean_markup

_SPACE_RUN: Final = re.compile(r"[ \u3000]{2,}")
# Whitespace runs inside a cell (tab-separated lines): one space each, so no later pattern's
# \s* walks a long run from every position (20,000 spaces took seconds).
_CELL_SPACE_RUN: Final = re.compile(r"[^\S\t\n]{2,}")
_PIPE_RULE: Final = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING: Final = re.compile(r"^\s*#{1,6}\s+")


class Cell:
    """One cell: column position in its line, cleaned text, printed text.

    A plain slotted class rather than a NamedTuple: one is made per cell of every
    line, and compiled (mypyc) code builds and reads these much faster.
    """

    __slots__ = ("bbox", "col", "raw", "text")

    def __init__(self, col: int, text: str, raw: str, bbox: tuple[float, float, float, float] | None = None) -> None:
        self.col = col
        self.text = text
        self.raw = raw
        self.bbox = bbox  # PDF: x0, top, x1, bottom in points

    def _fields(self) -> tuple[int, str, str, tuple[float, float, float, float] | None]:
        return (self.col, self.text, self.raw, self.bbox)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cell) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Cell(col={self.col!r}, text={self.text!r}, raw={self.raw!r}, bbox={self.bbox!r})"


class Row:
    """One source line split into cells; ``line`` is 1-based.

    Only cells with text are stored (``filled``), each with its column position;
    ``width`` is how many cells the line had, so the empty ones can be rebuilt.
    ``cut`` counts cells past ``MAX_CELLS_PER_LINE`` that were left out.
    """

    __slots__ = ("cut", "filled", "line", "page", "width")

    def __init__(self, line: int, filled: tuple[Cell, ...], width: int, page: int | None = None,
                 cut: int = 0) -> None:
        self.line = line
        self.filled = filled
        self.width = width
        self.page = page  # PDF page (1-based); None for text dumps
        self.cut = cut

    def _fields(self) -> tuple[int, tuple[Cell, ...], int, int | None]:
        return (self.line, self.filled, self.width, self.page)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Row(line={self.line!r}, filled={self.filled!r}, width={self.width!r}, page={self.page!r})"

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
    if "#" in line and line.lstrip().startswith("#"):
        line = _MARKDOWN_HEADING.sub("", line)
    raws = _split_raw(line)
    cut = 0
    if len(raws) > MAX_CELLS_PER_LINE:
        # No table has this many columns; the alignment of such a row would cost time for nothing.
        cut = len(raws) - MAX_CELLS_PER_LINE
        raws = raws[:MAX_CELLS_PER_LINE]
    filled = []
    for col, raw in enumerate(raws):
        if raw and not raw.isspace():
            text = clean_markup(raw).strip()
            if "  " in text or not text.isprintable():  # other whitespace is not printable
                text = _CELL_SPACE_RUN.sub(" ", text)
            if text:
                filled.append(Cell(col, text, raw))
    return Row(number, tuple(filled), len(raws), None, cut)


def split_text(text: str) -> list[Row]:
    """Every line of a document as a row (blank lines included, so numbering stays true)."""
    return [split_line(i, line) for i, line in enumerate(text.split("\n"), start=1)]
