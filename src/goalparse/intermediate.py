"""Typed intermediates the decoding steps hand each other.

Every step imports these and the text knowledge (``lexicon``), never another step;
only ``pipeline`` knows their order::

    text / PDF words -> Token stream -> mended tokens -> Region per table
      -> Schema (columns from the header) -> logical rows -> placed rows -> records
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .records import Period

# What separated a token from the one before it. "line" and "blank" mark the first
# token of a line (after a blank line for "blank"); "glue" marks a piece split out of
# a cell printed with no separator at all; "cell" a PDF cell.
Separator = Literal["tab", "spaces", "pipe", "space", "glue", "line", "blank", "cell"]

Column = Literal[
    "level1", "level2", "name", "description", "value", "basis", "comparator", "unit",
    "actual", "weight", "score", "value_type", "extra", "seq",
]
# Columns whose cells join the printed value (≥ | 98 | % -> ≥98%).
VALUE_PARTS: tuple[Column, ...] = ("comparator", "value", "unit")
BBox = tuple[float, float, float, float]


class Token(NamedTuple):
    """One printed cell of the stream.

    ``col`` is the cell's position in its line counting empty cells, which tab and
    pipe exports keep (so header positions can vouch for a column); ``first`` and
    ``width`` tell whether the line is a row of cells or one cell per line. A named
    tuple: one is made for every cell of every document.
    """

    text: str
    line: int
    col: int
    sep: Separator
    first: bool = False
    width: int = 1
    page: int | None = None
    bbox: BBox | None = None
    # The OCR recogniser's confidence (lowest over the cell's words) when the cell was read from a scan.
    ocr: float | None = None


def lines_of(tokens: Sequence[Token]) -> list[list[Token]]:
    """Tokens grouped by the printed line they start (a glued piece stays on its cell's line)."""
    lines: list[list[Token]] = []
    for t in tokens:
        if t.first or not lines:
            lines.append([t])
        else:
            lines[-1].append(t)
    return lines


@dataclass(frozen=True, slots=True)
class Region:
    """The tokens of one table, from its title (or first field) to its end, in order."""

    title: str | None
    title_line: int | None
    year: int | None
    tokens: tuple[Token, ...]
    ended_by: str | None = None
    # A heading just above the table that names its period (中长期绩效指标): single-period grids take it.
    period: Period | None = None
    # The lines of narrative just above the table (one cell each), outside any table: a web page may
    # name the project and print its goals there ((一)中长期绩效目标 and its paragraph).
    preamble: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Slot:
    column: Column
    period: Period


@dataclass(frozen=True, slots=True)
class Schema:
    """The grid's columns in printed order and where the header printed each (None: unknown)."""

    kind: str
    slots: tuple[Slot, ...]
    hints: tuple[int | None, ...]
    periods: tuple[Period, ...]
    columns: tuple[Column, ...]
    from_header: bool = False

    def has(self, column: Column) -> bool:
        return column in self.columns

    @property
    def numbered(self) -> bool:
        """The grid opens with a row-number column (序号)."""
        return self.columns[:1] == ("seq",)


@dataclass(frozen=True, slots=True)
class TableParts:
    """A region cut at its grid header: the field tokens above, the header, the grid body."""

    fields: tuple[Token, ...]
    header: tuple[Token, ...]
    body: tuple[Token, ...]
    schema: Schema


class Remade(NamedTuple):
    """Body cells a row holds as other tokens: ``cells`` became ``row.tokens[start:start + span]``.

    A name wrapped onto the next line is joined back into one token (several cells, one token);
    points and score run together are cut in two (one cell, two tokens). The row keeps the cells so
    that every body cell stays accounted for in exactly one row.
    """

    start: int
    span: int
    cells: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class LogicalRow:
    """The tokens of one table row, however many lines they were printed on.

    ``positioned``: the row is one line whose cell positions can be held against the header's.
    ``why`` says how the row was closed, for ``goalparse debug``.
    """

    tokens: tuple[Token, ...]
    positioned: bool
    why: str
    # Assembled from a stream (one cell per line, glued text), where a missing value cell cannot be
    # told from a value the excerpt never printed.
    stream: bool = False
    # Tokens made of other body cells (joined or cut), in order; every other token is a body cell itself.
    remade: tuple[Remade, ...] = ()

    def cells(self) -> list[Token]:
        """The body cells the row was made of, in order: its tokens, with each remade run as its cells."""
        if not self.remade:
            return list(self.tokens)
        out: list[Token] = []
        n = 0
        for made in self.remade:
            out.extend(self.tokens[n:made.start])
            out.extend(made.cells)
            n = made.start + made.span
        out.extend(self.tokens[n:])
        return out

    @property
    def line(self) -> int:
        return self.tokens[0].line

    @property
    def page(self) -> int | None:
        return self.tokens[0].page


@dataclass(frozen=True, slots=True)
class PlacedRow:
    """A logical row after placement: each token's slot (None: left out) and the placement's score."""

    row: LogicalRow
    slots: tuple[Slot | None, ...]
    score: float
    dropped: tuple[Token, ...]
    # The first token of each (column, period), looked up for every indicator built.
    by_slot: dict[tuple[str, str], Token] = field(default_factory=dict, compare=False, repr=False)
    # Level headings in force from this row that were printed lower, at the middle of their merged
    # cell (decode/spans.py); a row whose heading went up this way no longer opens a span.
    spans_from_below: tuple[tuple[Slot, Token], ...] = ()

    @staticmethod
    def of(row: LogicalRow, slots: tuple[Slot | None, ...], score: float, dropped: tuple[Token, ...]) -> PlacedRow:
        by_slot: dict[tuple[str, str], Token] = {}
        for token, slot in zip(row.tokens, slots, strict=True):
            if slot is not None:
                by_slot.setdefault((slot.column, slot.period), token)
        return PlacedRow(row, slots, score, dropped, by_slot)

    def get(self, column: Column, period: Period | None = None) -> Token | None:
        """The first token placed in a column (of one period, or of either: medium-term first)."""
        if period is not None:
            return self.by_slot.get((column, period))
        return self.by_slot.get((column, "medium_term")) or self.by_slot.get((column, "annual"))


@dataclass
class Header:
    """What the field part of a table prints; keys present only when printed."""

    fields: dict[str, str | None] = field(default_factory=dict)
    funds: dict[str, float | None] = field(default_factory=dict)
    goals: dict[str, str | None] = field(default_factory=dict)
    spending_plan: dict[str, float] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TableTrace:
    """Every intermediate of one table, for ``goalparse debug`` and ``parse(..., trace=True)``."""

    region: Region
    parts: TableParts
    rows: tuple[LogicalRow, ...]
    placed: tuple[PlacedRow, ...]
    header: Header
    # Body cells that are in no row (row labels such as 绩效指标, header cells printed again).
    unused: tuple[Token, ...] = ()
