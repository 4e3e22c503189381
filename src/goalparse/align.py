"""Stage 5: a table block's grid rows -> cells placed in level1/level2/name/value/... slots.

Columns in dumps drift: leading empty cells are dropped, cells shift one left
or right, a level-2 heading is printed twice, a row label (绩效指标) sits in
front. So each row is aligned to the table's layout *by content*, with the
header's column positions as a tie-breaker: a monotone assignment of the
row's filled cells to the layout's slots, maximising how well each cell fits
its slot (a dynamic programme over cells x slots; unary scores only, so it is
exact and fast, and cached by row shape).

Example: ``产出指标 | 数量指标 | 数量指标 | 全市职工医保参保人数 | >38万人 | 数量指标 | ...``
places the second 数量指标 nowhere (a duplicate), the name and value on the
medium-term side and the rest on the annual side.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, Literal, NamedTuple

from .cells import Cell, Row
from .header import is_placeholder
from .lexicon.labels import column_of, is_block_label, is_grid_header, names_grid_columns
from .lexicon.normalise import TEXT_CACHE_SIZE, match_key
from .lexicon.taxonomy import HeadingMatch, match_heading
from .lexicon.values import is_comparator_cell, is_unit, value_likeness
from .records import Period

Column = Literal["level1", "level2", "name", "description", "value", "basis", "comparator", "unit", "extra"]

# Scores of a cell in a slot (higher fits better); None forbids the placement.
POSITION_BONUS: Final = 2.5
SAME_TEXT_BONUS: Final = 4.0
DROP_DUPLICATE: Final = -0.5
DROP_CELL: Final = -9.0
SHIFT_PENALTY: Final = 0.3
# A value whose name slot was skipped, or that follows a placeholder name (指标1:), is unlikely.
VALUE_WITHOUT_NAME: Final = -2.0
VALUE_AFTER_PLACEHOLDER: Final = -4.0
# Rows with two level-2 headings apart from each other that make a table two-period.
TWO_PERIOD_EVIDENCE: Final = 2

_BASIS_HINT: Final = re.compile(r"[【】〔〕\[\]《》]|号|文件|规定|办法|协议|通知|标准|依据|计划")


class Slot(NamedTuple):
    column: Column
    period: Period


class Layout(NamedTuple):
    """The columns of an indicator grid and where the header printed them."""

    kind: str
    slots: tuple[Slot, ...]
    hints: tuple[int | None, ...]
    periods: tuple[Period, ...]
    columns: tuple[Column, ...]

    def has(self, column: Column) -> bool:
        return column in self.columns


class Placed(NamedTuple):
    slot: Slot | None
    cell: Cell


class GridRow:
    """One grid row after alignment: each cell and its slot (None marks a dropped cell)."""

    __slots__ = ("by_slot", "cells", "dropped", "line", "page", "score", "slots")

    def __init__(self, line: int, cells: tuple[Cell, ...], slots: tuple[Slot | None, ...], score: float,
                 by_slot: dict[tuple[Column, Period], Cell], dropped: tuple[Cell, ...],
                 page: int | None = None) -> None:
        self.line = line
        self.cells = cells
        self.slots = slots
        self.score = score
        self.by_slot = by_slot
        self.dropped = dropped
        self.page = page

    @property
    def placed(self) -> tuple[Placed, ...]:
        return tuple(Placed(s, c) for s, c in zip(self.slots, self.cells, strict=True))

    def get(self, column: Column, period: Period | None = None) -> Cell | None:
        if period is not None:
            return self.by_slot.get((column, period))
        return self.by_slot.get((column, "medium_term")) or self.by_slot.get((column, "annual"))


def _layout(kind: str, columns: list[tuple[Column, Period]], hints: list[int | None] | None = None) -> Layout:
    slots = tuple(Slot(c, p) for c, p in columns)
    periods = tuple(dict.fromkeys(s.period for s in slots if s.column != "level1"))
    columns_ = tuple(s.column for s in slots)
    return Layout(kind, slots, tuple(hints) if hints else (None,) * len(slots), periods, columns_)


SINGLE: Final = _layout("single", [("level1", "annual"), ("level2", "annual"), ("name", "annual"), ("value", "annual")])
TWO_PERIOD: Final = _layout("two_period", [
    ("level1", "medium_term"), ("level2", "medium_term"), ("name", "medium_term"), ("value", "medium_term"),
    ("level2", "annual"), ("name", "annual"), ("value", "annual"),
])


# Columns that each side of a two-period table prints once: seeing one again opens the next side.
_SIDE_COLUMNS: Final = frozenset(("level2", "name", "value", "description", "basis"))


def _header_layout(row: Row) -> Layout | None:
    """Columns in the order the header row prints them; a repeated column opens the annual side."""
    sides: list[list[tuple[Column, int]]] = [[]]
    mid_value_seen = False
    for cell in row.filled:
        col = column_of(cell.text)
        if col is None:
            continue
        if col == "value_mid":
            mid_value_seen = True
            sides[-1].append(("value", cell.col))
            continue
        column: Column = col  # type: ignore[assignment]
        repeated = column in _SIDE_COLUMNS and any(c == column for c, _ in sides[-1])
        if repeated or (column == "value" and mid_value_seen and len(sides) == 1):
            sides.append([])
        sides[-1].append((column, cell.col))
    if not any(c in ("name", "value") for c, _ in sides[0]):
        return None
    periods: tuple[Period, ...] = ("medium_term", "annual") if len(sides) > 1 else ("annual",)
    columns: list[tuple[Column, Period]] = []
    hints: list[int | None] = []
    for side, period in zip(sides, periods, strict=False):
        for column, pos in side:
            columns.append((column, period))
            hints.append(pos)
    described = any(c == "description" for c, _ in columns)
    kind = "two_period" if len(sides) > 1 else ("described" if described else "single")
    return _layout(kind, columns, hints)


class _Info:
    """Features of one cell's text, cached by text."""

    __slots__ = ("basis_like", "block_label", "column", "heading", "key", "placeholder", "text", "value_like")

    def __init__(self, heading: HeadingMatch | None, placeholder: bool, value_like: float, basis_like: float,
                 key: str, text: str, column: str | None, block_label: bool) -> None:
        self.heading = heading
        self.placeholder = placeholder
        self.value_like = value_like
        self.basis_like = basis_like
        self.key = key
        self.text = text
        self.column = column  # the grid column a header cell names
        self.block_label = block_label  # a row label such as 绩效指标 in front of the cells


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _info(text: str) -> _Info:
    placeholder = is_placeholder(text)
    heading = None if placeholder else match_heading(text)
    return _Info(
        heading=heading,
        placeholder=placeholder,
        value_like=round(value_likeness(text), 2) if heading is None and not placeholder else 0.5,
        basis_like=1.0 if _BASIS_HINT.search(text) else 0.0,
        key=match_key(text),
        text=text,
        column=column_of(text),
        block_label=is_block_label(text),
    )


def _fit(info: _Info, column: Column) -> float | None:
    """How well a cell fits a column, before position and same-text bonuses."""
    h = info.heading
    if column in ("level1", "level2"):
        if h is None:
            return None
        level = 1 if column == "level1" else 2
        if level in h.levels:
            bonus = 0.5 if level == 2 and 1 in h.levels else 0.0
            return 10.0 * h.score / 100.0 + bonus
        if h.how == "unknown":
            return 5.0 if level == 2 else 3.0
        return None
    if column in ("comparator", "unit"):
        if h is not None:
            return None
        # Only layouts with these columns ask, so other tables never pay for the check.
        own = is_comparator_cell(info.text) if column == "comparator" else is_unit(info.text)
        return 8.0 if own else (2.0 if info.placeholder else 1.0)
    if column == "extra":
        return None if h is not None else 3.0
    if info.placeholder:
        return {"name": 6.0, "value": 5.0, "description": 4.0, "basis": 3.0}[column]
    if h is not None:
        return {"name": 1.0 if h.how != "unknown" else 2.0, "value": 0.5, "description": 1.0, "basis": 0.5}[column]
    if column == "name":
        return 4.0 + (1.0 - info.value_like) * 4.0
    if column == "value":
        return 4.0 + info.value_like * 4.0
    if column == "description":
        return 5.0
    return 3.0 + info.basis_like * 3.0


# A cell as alignment sees it, packed into ints so a row's key is a flat tuple of
# small ints (cheap to hash for the placement cache): the id of its fits in
# the layout's fit table, its column position (-1 when positions do not matter)
# and flag bits.
_SAME_BEFORE: Final = 1
_SAME_AFTER: Final = 2
_DUPLICATE: Final = 4
_PLACEHOLDER: Final = 8
_FIELDS_PER_CELL: Final = 3
# Texts remembered per layout, and placements remembered (bounds, so a long batch does not grow without end).
_TEXT_CACHE_LIMIT: Final = TEXT_CACHE_SIZE
_PLACEMENT_LIMIT: Final = 65_536


class _LayoutFits:
    """Per layout: every distinct tuple of cell fits gets a small id (text -> id remembered)."""

    def __init__(self, columns: tuple[Column, ...]) -> None:
        self.columns = columns
        self.table: list[tuple[float | None, ...]] = []
        self.ids: dict[tuple[float | None, ...], int] = {}
        self.by_text: dict[str, int] = {}

    def id_of(self, text: str) -> int:
        fid = self.by_text.get(text)
        if fid is None:
            info = _info(text)
            fits = tuple(_fit(info, column) for column in self.columns)
            fid = self.ids.get(fits)
            if fid is None:
                fid = self.ids[fits] = len(self.table)
                self.table.append(fits)
            if len(self.by_text) >= _TEXT_CACHE_LIMIT:
                self.by_text.clear()
            self.by_text[text] = fid
        return fid


_LAYOUT_FITS: Final[dict[tuple[Column, ...], _LayoutFits]] = {}


def _layout_fits(layout: Layout) -> _LayoutFits:
    fits = _LAYOUT_FITS.get(layout.columns)
    if fits is None:
        fits = _LAYOUT_FITS[layout.columns] = _LayoutFits(layout.columns)
    return fits


def _row_key(cells: tuple[Cell, ...], infos: list[_Info], positioned: bool, fits: _LayoutFits) -> tuple[int, ...]:
    """The row as alignment sees it: per cell (fits id, position, flags)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for n, info in enumerate(infos):
        first.setdefault(info.key, n)
        last[info.key] = n
    key: list[int] = []
    previous = None
    for n, cell in enumerate(cells):
        info = infos[n]
        flags = 0
        if first[info.key] < n:
            flags |= _SAME_BEFORE
        if last[info.key] > n:
            flags |= _SAME_AFTER
        if previous == info.key and info.heading is not None:
            flags |= _DUPLICATE
        if info.placeholder:
            flags |= _PLACEHOLDER
        # positions only matter against header positions
        key += (fits.id_of(cell.text), cell.col if positioned else -1, flags)
        previous = info.key
    return tuple(key)


def _slot_score(fits: tuple[float | None, ...], pos: int, flags: int, j: int, layout: Layout,
                shift: int) -> float | None:
    fit = fits[j]
    if fit is None:
        return None
    slot = layout.slots[j]
    hint = layout.hints[j]
    if hint is not None and pos == hint + shift:
        fit += POSITION_BONUS
    repeated = (slot.period == "annual" and flags & _SAME_BEFORE) or (
        slot.period == "medium_term" and flags & _SAME_AFTER)
    if len(layout.periods) > 1 and slot.column in ("name", "level2") and repeated:
        fit += SAME_TEXT_BONUS
    return fit


_State = tuple[float, tuple[int | None, ...]]


def _after(placeholders: list[bool], placed: tuple[int | None, ...], j: int, k: int, layout: Layout) -> float:
    """Penalty for a value placed with no real name before it on its side."""
    slot = layout.slots[k]
    if slot.column != "value" or k == 0 or placeholders[len(placed)]:
        return 0.0
    before = layout.slots[k - 1]
    if before.column != "name" or before.period != slot.period:
        return 0.0
    if j < k:
        return VALUE_WITHOUT_NAME
    last = max((i for i, s in enumerate(placed) if s is not None), default=None)
    if last is not None and placeholders[last]:
        return VALUE_AFTER_PLACEHOLDER
    return 0.0


_PLACEMENTS: Final[dict[tuple[tuple[Slot, ...], tuple[int | None, ...]], dict[tuple[int, ...], _State]]] = {}


def _placements(layout: Layout) -> dict[tuple[int, ...], _State]:
    """Placements already found for this layout, by row key: rows of one shape place alike."""
    key = (layout.slots, layout.hints)
    found = _PLACEMENTS.get(key)
    if found is None:
        found = _PLACEMENTS[key] = {}
    return found


def clear_caches() -> None:
    """Forget every remembered text and placement (benchmarks start cold)."""
    _LAYOUT_FITS.clear()
    _PLACEMENTS.clear()


def _place(key: tuple[int, ...], layout: Layout, fits: _LayoutFits) -> _State:
    """Best monotone placement of cells into slots (None = dropped), over small shifts."""
    cells = [(fits.table[key[i]], key[i + 1], key[i + 2]) for i in range(0, len(key), _FIELDS_PER_CELL)]
    placeholders = [bool(flags & _PLACEHOLDER) for _, _, flags in cells]
    best: _State = (float("-inf"), ())
    shifts = (0, -1, 1) if any(h is not None for h in layout.hints) else (0,)
    m = len(layout.slots)
    for shift in shifts:
        # dp[j]: best placement of the cells so far whose next free slot is j
        dp: list[_State | None] = [(0.0, ())] + [None] * m
        for cell_fits, pos, flags in cells:
            nxt: list[_State | None] = [None] * (m + 1)
            drop = DROP_DUPLICATE if flags & _DUPLICATE else DROP_CELL
            for j, state in enumerate(dp):
                if state is None:
                    continue
                moves: list[tuple[int, float, int | None]] = [(j, drop, None)]
                for k in range(j, m):
                    fit = _slot_score(cell_fits, pos, flags, k, layout, shift)
                    if fit is not None:
                        moves.append((k + 1, fit + _after(placeholders, state[1], j, k, layout), k))
                for target, gain, slot in moves:
                    cand = (state[0] + gain, state[1] + (slot,))
                    current = nxt[target]
                    if current is None or cand[0] > current[0]:
                        nxt[target] = cand
            dp = nxt
        final = max((d for d in dp if d is not None), key=lambda t: t[0])
        score = final[0] - (SHIFT_PENALTY if shift else 0.0)
        if score > best[0]:
            best = (score, final[1])
    return best


def _strip_labels(row: Row) -> list[Cell]:
    cells = list(row.filled)
    while cells and is_block_label(cells[0].text):
        cells.pop(0)
    return cells


def _two_period_evidence(rows: list[Row], enough: int = TWO_PERIOD_EVIDENCE) -> int:
    """Rows holding two level-2 headings with something between them (counting stops at ``enough``)."""
    count = 0
    for row in rows:
        if count >= enough or len(row.filled) < 3:
            if count >= enough:
                break
            continue
        flags = []
        for c in _strip_labels(row):
            h = match_heading(c.text)
            flags.append(h is not None and (2 in h.levels or h.how == "unknown"))
        firsts = [i for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1])]
        if len(firsts) >= 2 and any(not f for f in flags[firsts[0]:firsts[-1]]):
            count += 1
    return count


def detect_layout(rows: list[Row]) -> tuple[Layout, int | None]:
    """The grid's layout and the index of its header row (None when not printed)."""
    header_at = next((i for i, r in enumerate(rows) if is_grid_header(r)), None)
    data = rows[header_at + 1:] if header_at is not None else rows
    layout = _header_layout(rows[header_at]) if header_at is not None else None
    if layout is not None and (len(layout.periods) > 1 or layout.has("description")):
        return layout, header_at  # the header already says what the rows hold
    two_period = _two_period_evidence(data) >= TWO_PERIOD_EVIDENCE
    if layout is None:
        return (TWO_PERIOD if two_period else SINGLE), header_at
    if two_period:
        return TWO_PERIOD, header_at
    return layout, header_at


def grid_start(rows: list[Row], header_at: int | None) -> int:
    """Index of the first grid row: after the header, else at the first level-1 heading."""
    if header_at is not None:
        return header_at + 1
    for i, row in enumerate(rows):
        cells = _strip_labels(row)
        if cells:
            h = _info(cells[0].text).heading
            if h is not None and 1 in h.levels:
                return i
    return len(rows)


def align_rows(rows: list[Row], layout: Layout) -> list[GridRow]:
    """Place every row's cells; rows with nothing to place (blank, repeated header) are left out."""
    fits = _layout_fits(layout)
    placements = _placements(layout)
    positioned = layout.hints.count(None) != len(layout.hints)
    slots_of = layout.slots
    grid = []
    for row in rows:
        every = [_info(c.text) for c in row.filled]
        start = 0
        while start < len(every) and every[start].block_label:
            start += 1
        if start == len(every) or names_grid_columns([i.column for i in every]):
            continue
        cells = row.filled[start:]
        infos = every[start:]
        key = _row_key(cells, infos, positioned, fits)
        placed = placements.get(key)
        if placed is None:
            placed = _place(key, layout, fits)
            if len(placements) >= _PLACEMENT_LIMIT:
                placements.clear()
            placements[key] = placed
        score, indices = placed
        slots = tuple([slots_of[j] if j is not None else None for j in indices])
        by_slot: dict[tuple[Column, Period], Cell] = {}
        dropped = []
        for n, slot in enumerate(slots):
            cell = cells[n]
            if slot is None:
                # A heading printed twice (数量指标 | 数量指标) is a known layout quirk, not a lost cell.
                if not (n and infos[n - 1].key == infos[n].key):
                    dropped.append(cell)
            else:
                by_slot.setdefault((slot.column, slot.period), cell)
        grid.append(GridRow(row.line, tuple(cells), slots, score, by_slot, tuple(dropped), row.page))
    return grid


def align_row(row: Row, layout: Layout) -> GridRow | None:
    """Place one row's cells; None for a row with nothing to place."""
    grid = align_rows([row], layout)
    return grid[0] if grid else None
