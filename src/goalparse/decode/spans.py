"""Step 7: level headings printed at the middle of their merged cell -> in force from its first row.

A merged cell's text is printed where the cell's vertical middle is: PDF and Word
exports put 数量指标 on the third of its five rows and 产出指标 on the thirteenth of
its twenty-five. The rows above such a heading belong to it, not to the heading
before. Read that way only on evidence: indicator rows before a column's first
heading (a dump that opens each span with its heading has none), headings that can
all be the middles of spans tiling the grid, and a level-1 column that agrees (a
table cut at a page break has rows above its first heading too). Where several tilings fit (a span
of four rows prints its text on the second or third), the indicators' own words
choose (资金到位及时率 belongs under 时效指标); level-1 spans are unions of level-2
spans under their parent.

Example (level 2): ``a`` ``数量指标 b`` ``c`` ``d`` ``质量指标 e`` ``f`` -> 数量指标 over
a–c, 质量指标 over d–f.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from ..intermediate import Column, PlacedRow, Schema, Slot, Token
from ..lexicon.normalise import match_key
from ..lexicon.taxonomy import level2_votes, match_heading, node
from ..lexicon.values import parse_value
from ..records import Period

_Key = tuple[Column, Period]
LEVEL_COLUMNS: Final = frozenset(("level1", "level2"))
_Moves = dict[int, dict[_Key, Token | None]]

# Where an export prints the text of a span of L rows: row (L - 1) // 2 of it (upper middle) or L // 2.
ROUNDINGS: Final = ("upper", "lower")


def _lengths(d: int, rounding: str) -> tuple[int, ...]:
    """The span lengths whose middle row is ``d`` rows below their first."""
    return (2 * d + 1, 2 * d + 2) if rounding == "upper" else tuple(n for n in (2 * d, 2 * d + 1) if n > d)


def _best_tiling(marks: list[int], rows: int, fit: list[list[float]], rounding: str,
                 allowed: frozenset[int] | None) -> tuple[float, list[int]] | None:
    """The span starts, one a mark, that make each mark its span's middle, tile 0..rows and fit the rows'
    words best (``fit[i][r]``: how well row r fits mark i's heading); None when no tiling exists."""
    # best[start] = (score, starts so far) for spans tiling 0..start.
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for i, mark in enumerate(marks):
        nxt = marks[i + 1] if i + 1 < len(marks) else rows
        grown: dict[int, tuple[float, list[int]]] = {}
        for start, (score, starts) in best.items():
            if start > mark:
                continue
            for length in _lengths(mark - start, rounding):
                end = start + length
                if end > nxt or (i + 1 == len(marks) and end != rows) or (
                        allowed is not None and end not in allowed):
                    continue
                total = score + sum(fit[i][start:end])
                if end not in grown or total > grown[end][0]:
                    grown[end] = (total, [*starts, start])
        best = grown
        if not best:
            return None
    return best.get(rows)


def _tiling(marks: list[int], rows: int, fit: list[list[float]],
            allowed: frozenset[int] | None = None) -> tuple[float, list[int]] | None:
    """The best tiling over both roundings (an export rounds one way: each is tried whole), with its fit."""
    found = [t for r in ROUNDINGS if (t := _best_tiling(marks, rows, fit, r, allowed)) is not None]
    return max(found, key=lambda t: t[0]) if found else None


def _row_votes(row: PlacedRow, period: Period) -> dict[str, float]:
    name, value = row.get("name", period), row.get("value", period)
    time = value is not None and parse_value(value.text).kind == "time"
    words = (name.text if name is not None else "") + (value.text if value is not None else "")
    return level2_votes(match_key(words), int(time))


def realign_spans(placed: list[PlacedRow], schema: Schema) -> list[PlacedRow]:
    """The grid's rows with each level heading printed mid-span in force from its span's first row."""
    indicator = [row.get("name") is not None or row.get("value") is not None for row in placed]
    grid = [n for n, is_row in enumerate(indicator) if is_row]
    if len(grid) < 3 or all(("level2", p) in placed[grid[0]].by_slot or not any(
            ("level2", p) in row.by_slot for row in placed) for p in schema.periods):
        return placed  # every level-2 column opens with the grid's first row (the usual dump)
    if any(not is_row and any(c in LEVEL_COLUMNS for c, _ in row.by_slot)
           for row, is_row in zip(placed, indicator, strict=True)):
        return placed  # a heading alone in a row: spans are opened by their headings
    moves: _Moves = {}
    for period in schema.periods:
        key2: _Key = ("level2", period)
        marks = [g for g, n in enumerate(grid) if key2 in placed[n].by_slot]
        if not marks or marks[0] == 0:
            continue
        votes = [_row_votes(placed[n], period) for n in grid]
        codes = [_heading_code(placed[grid[m]].by_slot[key2], 2) for m in marks]
        fit = [[v.get(c, 0.0) if c else 0.0 for v in votes] for c in codes]
        tiling = _tiling(marks, len(grid), fit)
        if tiling is None or _level1_opens(placed, grid, period):
            continue
        starts = tiling[1]
        level1 = _level1(placed, grid, period, starts, codes)
        if level1 is False:
            continue
        _move(moves, placed, grid, key2, marks, starts)
        if not isinstance(level1, bool):
            _move(moves, placed, grid, *level1)
    if not moves:
        return placed
    out = []
    for n, row in enumerate(placed):
        change = moves.get(n)
        if not change:
            out.append(row)
            continue
        by_slot = dict(row.by_slot)
        for key, token in change.items():
            if token is None:
                by_slot.pop(key, None)
            else:
                by_slot[key] = token
        spans = tuple((Slot(*k), t) for k, t in change.items() if t is not None)
        out.append(replace(row, by_slot=by_slot, spans_from_below=spans))
    return out


def _level1_opens(placed: list[PlacedRow], grid: list[int], period: Period) -> bool:
    """The level-1 column opens its first block on the grid's first row and that block is taller than a
    centred cell would leave it there (its text would sit lower): the layout opens spans with headings, and
    rows above the first level-2 heading lost theirs (a table cut at a page break)."""
    found = _level1_marks(placed, grid, period)
    if found is None or found[1][0] != 0:
        return False
    marks = found[1]
    first_block = (marks[1] if len(marks) > 1 else len(grid)) - marks[0]
    return first_block > 2


def _heading_code(token: Token, level: int) -> str | None:
    match = match_heading(token.text)
    nodes = match.at_level(level) if match is not None else ()
    return nodes[0].code if nodes else None


def _level1(placed: list[PlacedRow], grid: list[int], period: Period, starts2: list[int],
            codes2: list[str | None]) -> tuple[_Key, list[int], list[int]] | bool:
    """Level-1 headings over the level-2 spans just found, each over the level-2 spans under it: the column,
    its marks and their span starts; True when the column says nothing (none, or one heading printed
    nowhere near a middle), False when its headings cannot all be middles (they open their blocks: the
    level-2 column was not centred either, its first heading lost)."""
    found = _level1_marks(placed, grid, period)
    if found is None:
        return True
    key1, marks = found
    parent_of_row: list[str | None] = []
    for i, start in enumerate(starts2):
        end = starts2[i + 1] if i + 1 < len(starts2) else len(grid)
        code = codes2[i]
        parent_of_row += [node(code).parent if code else None] * (end - start)
    codes1 = [_heading_code(placed[grid[m]].by_slot[key1], 1) for m in marks]
    fit = [[1.0 if c is not None and p == c else 0.0 for p in parent_of_row] for c in codes1]
    tiling = _tiling(marks, len(grid), fit, frozenset([*starts2, len(grid)]))
    if tiling is None:
        # A block the level-2 spans put under a level-1 heading the column prints nowhere: that heading
        # was lost with the first row's cells (a page break), not printed mid-span.
        headless = {p for p in parent_of_row if p is not None} - {c for c in codes1 if c is not None}
        return len(marks) < MIN_LEVEL1_EVIDENCE and not headless
    return key1, marks, tiling[1]


def _level1_marks(placed: list[PlacedRow], grid: list[int], period: Period) -> tuple[_Key, list[int]] | None:
    """The level-1 column over a period's side (the table's one level-1 column, whichever period it was
    placed in) and the grid rows printing its headings; None when the grid prints none."""
    ones: tuple[_Key, ...] = (("level1", period), ("level1", "annual"), ("level1", "medium_term"))
    key = next((k for k in ones if any(k in placed[n].by_slot for n in grid)), None)
    return (key, [g for g, n in enumerate(grid) if key in placed[n].by_slot]) if key is not None else None


# Level-1 headings that must all sit at middles for a grid to be read as centred.
MIN_LEVEL1_EVIDENCE: Final = 2


def _move(moves: _Moves, placed: list[PlacedRow], grid: list[int],
          key: _Key, marks: list[int], starts: list[int]) -> None:
    for mark, start in zip(marks, starts, strict=True):
        if mark != start:
            moves.setdefault(grid[start], {})[key] = placed[grid[mark]].by_slot[key]
            moves.setdefault(grid[mark], {}).setdefault(key, None)
