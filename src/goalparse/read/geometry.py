"""Positioned words of a page -> rows of cells, for tables printed without ruling lines.

Given the words of one page (from the PDF's text layer, or from OCR: ``text, x0, x1,
top, bottom`` in points, top down), returns rows of ``(column, text, box)`` cells in
reading order. Pages are fed in order to one ``Layout``, which keeps the open
indicator grid's column ranges from page to page, so a continuation page without a
header is cut into the same columns.

An indicator grid starts at a header band (``一级指标 | 二级指标 | 三级指标 | 指标值``);
its column x-ranges come from the header's cells (boundaries halfway between them).
Rows are the vertical bands of the name / value / description columns only, so a level
heading centred between two rows cannot chain them. A level heading is a cell spanning
a block of rows: the block it is centred on (or top-aligned to) takes it, and the
heading is put in the level cell of the block's first row, which the decoder carries
down over the rest of the block. Text outside grids (titles, the field part) is cut
into cells at wide gaps and given columns by clustering left edges.

Any source of positioned words (pdfplumber's ``extract_words``, OCR boxes) goes through it::

    layout, line, tokens = Layout(), 0, []
    for page_no, words in enumerate(pages, start=1):      # words: dicts with text, x0, x1, top, bottom
        page_tokens, line = rows_to_tokens(layout.rows(map(Word.of, words)), page_no, line)
        tokens += page_tokens
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Final, NamedTuple

from ..intermediate import BBox, Token
from ..lexicon.classify import cell_info
from ..lexicon.normalise import clean_markup

# Words on one line closer than this (points) belong to the same cell.
CELL_GAP: Final = 6.0
# Cells whose left edges are closer than this (points) share a column.
COLUMN_TOLERANCE: Final = 8.0
# Words whose tops differ by less than this (points) are on one line.
LINE_TOLERANCE: Final = 3.0
# Lines closer than this share of their height belong to one row (wrapped or vertically
# centred cells); rows are separated by at least the cells' padding.
WRAP_GAP: Final = 0.45
# A word reaching this far (points) over a column boundary does not belong to the grid (a title).
STRADDLE: Final = 4.0
# Header cells a line needs to open a grid.
MIN_HEADER_CELLS: Final = 3
# Cost (points) of rows at the top of a continuation page left to the level carried from the
# page before, and of rows left without a heading at the top of a table.
CARRY_COST: Final = 1.0
UNHEADED_COST: Final = 1000.0
_LEVEL_COLUMNS: Final = ("level1", "level2")


class Word(NamedTuple):
    """A positioned word, as pdfplumber's ``extract_words`` gives it (and OCR is made to)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @staticmethod
    def of(d: Mapping[str, Any]) -> Word:
        return Word(str(d["text"]), float(d["x0"]), float(d["x1"]), float(d["top"]), float(d["bottom"]))

    @property
    def box(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


class Cell(NamedTuple):
    col: int
    text: str
    box: BBox


class PageRow(NamedTuple):
    """One row of a page: where it starts (top, points) and its cells."""

    top: float
    cells: list[Cell]


def _union(a: BBox, b: BBox) -> BBox:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def join_pair(a: str, b: str) -> str:
    """Two lines of text wrapped in one cell: no space at a Chinese break, one between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


def word_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words -> lines (tops within the line tolerance), each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines and abs(lines[-1][0].top - w.top) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def line_cells(line: list[Word]) -> list[tuple[str, BBox]]:
    """A line's words -> cells (words joined across small gaps)."""
    cells: list[tuple[str, BBox]] = []
    for w in line:
        if cells and w.x0 - cells[-1][1][2] <= CELL_GAP:
            text, prev = cells[-1]
            sep = " " if w.x0 - prev[2] > 1.0 else ""
            cells[-1] = (text + sep + w.text, _union(prev, w.box))
        else:
            cells.append((w.text, w.box))
    return cells


# ---- free text (titles, field part, tables without a grid header) -----------------------

_Band = dict[int, tuple[str, BBox]]


def _joins_band(band: _Band, line: _Band) -> bool:
    """Does this line belong to the row band above it?

    Overlapping lines always do (cells centred vertically); close lines do when
    they look like a table row or continue the same column (wrapped text), so a
    title and the year line under it stay apart.
    """
    bottom = max(box[3] for _, box in band.values())
    top = min(box[1] for _, box in line.values())
    height = max(box[3] - box[1] for _, box in line.values())
    gap = top - bottom
    if gap < 0:
        return True
    if gap >= WRAP_GAP * height:
        return False
    if len(band) >= 2 or len(line) >= 2:
        return True
    (_, above), = band.values()
    (_, below), = line.values()
    return abs(above[0] - below[0]) <= COLUMN_TOLERANCE  # the same left edge: wrapped text


def _clustered(lefts: list[float]) -> list[float]:
    """Cluster left edges into column positions (one representative per column)."""
    columns: list[float] = []
    for x in sorted(lefts):
        if not columns or x - columns[-1] > COLUMN_TOLERANCE:
            columns.append(x)
    return columns


def _column_of(x: float, columns: list[float]) -> int:
    best = 0
    for i, c in enumerate(columns):
        if x >= c - COLUMN_TOLERANCE:
            best = i
    return best


def free_rows(lines: list[list[tuple[str, BBox]]]) -> list[PageRow]:
    """Lines outside grids -> rows: columns by clustering left edges, wrapped and centred lines joined."""
    columns = _clustered([box[0] for line in lines if len(line) > 1 for _, box in line])
    bands: list[_Band] = []
    for line in lines:
        placed = {(_column_of(box[0], columns) if columns else 0): (text, box) for text, box in line}
        if bands and _joins_band(bands[-1], placed):
            band = bands[-1]
            for col, (text, box) in placed.items():
                if col in band:
                    old_text, old = band[col]
                    band[col] = (join_pair(old_text, text), _union(old, box))
                else:
                    band[col] = (text, box)
        else:
            bands.append(placed)
    return [PageRow(min(box[1] for _, box in band.values()),
                    [Cell(col, text, box) for col, (text, box) in sorted(band.items())]) for band in bands]


# ---- indicator grids --------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """An indicator grid's columns: x boundaries between them and which hold level headings."""

    bounds: tuple[float, ...]
    levels: frozenset[int]
    # The header's cells, and whether text under them placed the boundaries (a header at the foot
    # of a page has none: the next page's rows place them).
    header: tuple[tuple[str, BBox], ...] = ()
    settled: bool = True

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(text for text, _ in self.header)

    def column(self, word: Word) -> int:
        x = (word.x0 + word.x1) / 2
        return sum(1 for b in self.bounds if x > b)

    def straddles(self, word: Word) -> bool:
        """A word running over a column boundary is no cell of this grid (a title, a sentence)."""
        return any(word.x0 < b - STRADDLE and word.x1 > b + STRADDLE for b in self.bounds)


def _header_cells(line: list[tuple[str, BBox]]) -> list[tuple[str, BBox, str]]:
    out = []
    for text, box in line:
        column = cell_info(clean_markup(text)).column
        if column is not None:
            out.append((text, box, column))
    return out


def is_header(line: list[tuple[str, BBox]]) -> bool:
    """A line of column labels (一级指标 | 二级指标 | 三级指标 | 指标值) with a name or value among them."""
    cells = _header_cells(line)
    kinds = {c for _, _, c in cells}
    return len(cells) >= MIN_HEADER_CELLS and len(cells) * 2 >= len(line) and bool(
        kinds & {"name", "value", "value_mid"})


def grid_of(header: list[tuple[str, BBox]], below: list[Word]) -> Grid:
    """Columns from the header's cells; each boundary where the fewest cells below cross the gap between two.

    Labels are often centred over their columns while the text under them is left-aligned, so the
    halfway point between two labels can fall inside a column; the body's own gaps place it.
    Level columns come from their labels; without a level-1 label, a column is added left of the
    first label for the headings printed there.
    """
    cells = sorted(header, key=lambda c: c[1][0])
    kinds = [cell_info(clean_markup(t)).column for t, _ in cells]
    first = 0 if kinds and kinds[0] == "level1" else 1
    bounds = []
    if first:
        lo = min((w.x1 for w in below if w.x1 < cells[0][1][0]), default=cells[0][1][0] - CELL_GAP)
        bounds.append(_clearest(lo, cells[0][1][0], below))
    bounds += [_clearest(a[1][2], b[1][0], below) for a, b in pairwise(cells)]
    levels = {n + first for n, k in enumerate(kinds) if k in _LEVEL_COLUMNS}
    if first:
        levels.add(0)
    return Grid(tuple(bounds), frozenset(levels), tuple(cells), bool(below))


def _clearest(lo: float, hi: float, words: list[Word]) -> float:
    """Near the right end of the leftmost stretch of [lo, hi] that the fewest words cross.

    The leftmost, because text under a label is mostly left-aligned: right of a column's short
    cells there is more empty space that is still that column.
    """
    if hi <= lo:
        return (lo + hi) / 2
    inside = [w for w in words if w.x1 > lo and w.x0 < hi]
    edges = sorted({lo, hi, *(x for w in inside for x in (w.x0, w.x1) if lo < x < hi)})
    starts, ends = sorted(w.x0 for w in inside), sorted(w.x1 for w in inside)
    # Words crossing a point: those starting left of it less those ending left of it.
    counts = [bisect_left(starts, (a + b) / 2) - bisect_left(ends, (a + b) / 2) for a, b in pairwise(edges)]
    fewest = min(counts)
    start = counts.index(fewest)
    end = start
    while end + 1 < len(counts) and counts[end + 1] == fewest:
        end += 1
    # Near its right end: that is where the next column's text starts; this column's may run longer
    # on later pages than on the rows seen so far.
    return edges[end + 1] - min((edges[end + 1] - edges[start]) / 2, CELL_GAP)


def _joined(a: Cell, b: Cell) -> Cell:
    """Two pieces of one cell (wrapped lines, a block's rows) as one: texts joined, boxes united."""
    return Cell(a.col, join_pair(a.text, b.text), _union(a.box, b.box))


def _pieces(grid: Grid, words: list[Word]) -> list[Cell]:
    """A line's words cut at the grid's column boundaries, joined within each column."""
    by_col: dict[int, Cell] = {}
    for w in sorted(words, key=lambda w: w.x0):
        col = grid.column(w)
        old = by_col.get(col)
        if old is None:
            by_col[col] = Cell(col, w.text, w.box)
        else:
            sep = " " if w.x0 - old.box[2] > 1.0 else ""
            by_col[col] = Cell(col, old.text + sep + w.text, _union(old.box, w.box))
    return sorted(by_col.values())


def _stack(pieces: list[Cell]) -> list[Cell]:
    """Pieces of one column, top down -> cells: lines closer than the wrap gap are one wrapped cell."""
    out: list[Cell] = []
    for p in sorted(pieces, key=lambda p: p.box[1]):
        if out:
            last = out[-1]
            height = p.box[3] - p.box[1]
            if p.box[1] - last.box[3] < WRAP_GAP * height:
                out[-1] = _joined(last, p)
                continue
        out.append(p)
    return out


def _merged(pieces: list[Cell]) -> Cell:
    """One column's pieces in a row (top down) -> its cell."""
    out = pieces[0]
    for p in sorted(pieces, key=lambda p: p.box[1])[1:]:
        out = _joined(out, p)
    return out


def _row_bands(pieces: list[Cell]) -> list[list[Cell]]:
    """Name / value / description pieces -> rows: pieces overlapping or closer than the wrap gap."""
    bands: list[list[Cell]] = []
    bottom = 0.0
    for p in sorted(pieces, key=lambda p: p.box[1]):
        height = p.box[3] - p.box[1]
        if bands and p.box[1] - bottom < WRAP_GAP * height:
            bands[-1].append(p)
            bottom = max(bottom, p.box[3])
        else:
            bands.append([p])
            bottom = p.box[3]
    return bands


def heading_starts(rows: list[tuple[float, float]], columns: list[list[tuple[float, float]]],
                   continued: bool) -> list[list[int]]:
    """The first row of the block each level heading spans (rows and headings as (top, bottom)), per level column.

    A heading spans the rows from its block's first to the next block's: it is centred on
    them, or printed on the first. Both readings are tried for the whole grid (a table prints
    its headings one way) and the cheaper kept; rows above the first block carry the level of
    the page before when the page continues a table.
    """
    best: tuple[float, list[list[int]]] = (float("inf"), [[] for _ in columns])
    if not rows:
        return best[1]
    for centred in (False, True):
        total, found = 0.0, []
        for headings in columns:
            cost, starts = _partition(rows, headings, continued, centred) if headings else (0.0, [])
            total += cost
            found.append(starts)
        if total < best[0]:
            best = (total, found)
    return best[1]


def _partition(rows: list[tuple[float, float]], headings: list[tuple[float, float]], continued: bool,
               centred: bool) -> tuple[float, list[int]]:
    """Cheapest cut of the rows into consecutive blocks, one per heading (a dynamic programme).

    Centred: a heading's distance from its block's middle; printed on the first row: the distance
    from that row's top or middle (a heading centred in its own row). A block starts below the
    heading before's top and ends above the next heading's bottom, and only the ends that put
    the middle nearest the heading are tried, so a page costs about O(rows x log rows).
    """
    n, m = len(rows), len(headings)
    inf = float("inf")
    tops = [r[0] for r in rows]
    bottoms = [r[1] for r in rows]

    def first_start(j: int) -> int:  # no block starts above the row at the heading before
        return 0 if j == 0 else bisect_left(bottoms, headings[j - 1][0] - LINE_TOLERANCE)

    def last_start(j: int) -> int:  # nor below its own heading
        return bisect_right(tops, headings[j][1] + LINE_TOLERANCE) - 1

    # nxt[s]: the best cost of the headings after this one when the next block starts at row s.
    nxt: dict[int, float] = {n: 0.0}
    choice: list[dict[int, int]] = [{} for _ in range(m)]
    for j in range(m - 1, -1, -1):
        top, bottom = headings[j]
        centre = (top + bottom) / 2
        last = j == m - 1
        lowest_end = n - 1 if last else bisect_left(bottoms, top - LINE_TOLERANCE)
        highest_end = n - 1 if last else last_start(j + 1) - 1
        cur: dict[int, float] = {}
        if centred:
            for s in range(first_start(j), last_start(j) + 1):
                low = max(s, lowest_end)
                k = bisect_left(bottoms, 2 * centre - tops[s], lo=min(low, n))
                for e in ([n - 1] if last else (k - 1, k, k + 1)):
                    if low <= e <= highest_end:
                        total = abs((tops[s] + bottoms[e]) / 2 - centre) + nxt.get(e + 1, inf)
                        if total < cur.get(s, inf):
                            cur[s], choice[j][s] = total, e
        else:
            # The cheapest rest over block ends e >= k, within the ends this heading allows.
            best: dict[int, tuple[float, int]] = {highest_end + 1: (inf, n)}
            for e in range(highest_end, max(lowest_end, first_start(j)) - 1, -1):
                best[e] = min(best[e + 1], (nxt.get(e + 1, inf), e))
            for s in range(first_start(j), last_start(j) + 1):
                rest, e = best.get(max(s, lowest_end), (inf, n))
                if rest < inf:
                    here = min(abs(tops[s] - top), abs((tops[s] + bottoms[s]) / 2 - centre))
                    cur[s], choice[j][s] = here + rest, e
        nxt = cur
    carry = CARRY_COST if continued else UNHEADED_COST
    total, start = min(((cost + carry * s, s) for s, cost in nxt.items()), default=(inf, 0))
    if total == inf:
        return inf, []
    starts = []
    s = start
    for j in range(m):
        starts.append(s)
        s = choice[j][s] + 1
    return total, starts


@dataclass
class Layout:
    """Reads pages in order, keeping the open grid (and whether it ran to the page's end)."""

    grid: Grid | None = None
    open: bool = False

    def rows(self, words: Iterable[Word]) -> list[PageRow]:
        """One page's words -> its rows, grids cut into the header's columns."""
        out: list[PageRow] = []
        free: list[list[tuple[str, BBox]]] = []
        segment: list[list[Word]] = []
        continued = self.open and self.grid is not None
        grid = self.grid if continued else None
        lines = word_lines(words)
        cells = [line_cells(line) for line in lines]
        if grid is not None and not grid.settled:
            grid = grid_of(list(grid.header), _below(cells, 0))
        i = 0
        while i < len(lines):
            words_of_line, line = lines[i], cells[i]
            i += 1
            if is_header(line):
                # Labels wrapped over lines: the lines touching the header line are part of it.
                band = [line]
                while segment and _wraps(line, band[0], line_cells(segment[-1])):
                    band.insert(0, line_cells(segment.pop()))
                while not segment and free and _wraps(line, band[0], free[-1]):
                    band.insert(0, free.pop())
                while i < len(lines) and _wraps(line, band[-1], cells[i]):
                    band.append(cells[i])
                    i += 1
                header = _header_band(band)
                if grid is not None and segment:
                    out += _grid_rows(grid, segment, continued)
                new = grid_of(header, _below(cells, i))
                # The header printed again at the top of a continuation page: the same table goes on.
                continued = bool(grid is not None and new.labels == grid.labels and not segment and not free)
                grid = new
                segment = []
                out.append(PageRow(min(b[1] for _, b in header), [
                    Cell(grid.column(Word(t, b[0], b[2], b[1], b[3])), clean_markup(t), b) for t, b in header]))
                continue
            if grid is not None and _fits(grid, line, words_of_line):
                segment.append(words_of_line)
                continue
            if grid is not None and segment:
                out += _grid_rows(grid, segment, continued)
            grid, segment, continued = None, [], False
            free.append(line)
        if grid is not None and segment:
            out += _grid_rows(grid, segment, continued)
        self.grid = grid
        self.open = grid is not None
        out += free_rows(free)
        out.sort(key=lambda r: r.top)
        return out


def _extent(line: list[tuple[str, BBox]]) -> tuple[float, float, float]:
    """A line's top, bottom and text height."""
    return (min(b[1] for _, b in line), max(b[3] for _, b in line), max(b[3] - b[1] for _, b in line))


def _wraps(header: list[tuple[str, BBox]], near: list[tuple[str, BBox]], line: list[tuple[str, BBox]]) -> bool:
    """A line of wrapped header labels: closer to the header band than the wrap gap, no cell over two labels."""
    a, b = _extent(near), _extent(line)
    if max(a[0], b[0]) - min(a[1], b[1]) >= WRAP_GAP * min(a[2], b[2]) or _ends_grid(line):
        return False
    return all(sum(1 for _, h in header if min(box[2], h[2]) > max(box[0], h[0])) <= 1 for _, box in line)


def _header_band(band: list[list[tuple[str, BBox]]]) -> list[tuple[str, BBox]]:
    """A header printed over several lines -> one cell per label: each piece joins the label it overlaps."""
    pieces = sorted((c for line in band for c in line), key=lambda c: c[1][1])
    labels: list[tuple[str, BBox]] = []
    for text, box in pieces:
        for n, (old, obox) in enumerate(labels):
            if min(box[2], obox[2]) - max(box[0], obox[0]) > 0:
                labels[n] = (join_pair(old, text), _union(obox, box))
                break
        else:
            labels.append((text, box))
    return sorted(labels, key=lambda c: c[1][0])


def _below(cells: list[list[tuple[str, BBox]]], start: int) -> list[Word]:
    """The cells of the lines from ``start`` to the next header or grid end, as positioned words."""
    out = []
    for line in cells[start:]:
        if is_header(line) or _ends_grid(line):
            break
        out += [Word(t, b[0], b[2], b[1], b[3]) for t, b in line]
    return out


def _fits(grid: Grid, line: list[tuple[str, BBox]], words: list[Word]) -> bool:
    """A grid line: no word over a column boundary, no title or field label."""
    return not (any(grid.straddles(w) for w in words) or _ends_grid(line))


def _ends_grid(line: list[tuple[str, BBox]]) -> bool:
    """A table title or a field label (项目名称, 年度目标) is no grid row."""
    for text, _ in line:
        info = cell_info(clean_markup(text))
        if info.title or info.is_label:
            return True
    return False


def _grid_rows(grid: Grid, lines: list[list[Word]], continued: bool) -> list[PageRow]:
    """A grid's body lines -> rows from the anchor columns, each level heading on its block's first row."""
    pieces = [p for line in lines for p in _pieces(grid, line)]
    anchors = [p for p in pieces if p.col not in grid.levels]
    bands = _row_bands(anchors)
    rows: list[dict[int, Cell]] = []
    extents: list[tuple[float, float]] = []
    for band in bands:
        cells = {col: _merged([p for p in band if p.col == col]) for col in sorted({p.col for p in band})}
        rows.append(cells)
        extents.append((min(p.box[1] for p in band), max(p.box[3] for p in band)))
    level_cols = sorted(grid.levels)
    headings = [_stack([p for p in pieces if p.col == col]) for col in level_cols]
    starts = heading_starts(extents, [[(h.box[1], h.box[3]) for h in column] for column in headings], continued)
    for col, column, found in zip(level_cols, headings, starts, strict=True):
        if not found:  # no rows to span: the headings stand as rows of their own
            for h in column:
                rows.append({col: h})
                extents.append((h.box[1], h.box[3]))
            continue
        for h, s in zip(column, found, strict=True):
            old = rows[s].get(col)
            rows[s][col] = h if old is None else _joined(old, h)
    return [PageRow(top, [Cell(p.col, clean_markup(p.text), p.box) for p in sorted(cells.values())])
            for (top, _), cells in sorted(zip(extents, rows, strict=True), key=lambda r: r[0][0])]


def rows_to_tokens(rows: Iterable[PageRow], page: int, line: int) -> tuple[list[Token], int]:
    """A page's rows -> tokens (``line`` numbers rows in reading order across pages); the last line number."""
    tokens: list[Token] = []
    for row in rows:
        filled = [c for c in sorted(row.cells, key=lambda c: c.col) if c.text.strip()]
        if not filled:
            continue
        line += 1
        for n, cell in enumerate(filled):
            tokens.append(Token(cell.text.strip(), line, cell.col, "line" if n == 0 else "cell", n == 0,
                                len(filled), page, cell.box))
    return tokens, line
