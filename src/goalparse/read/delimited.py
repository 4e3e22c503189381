"""Stage 1 for comma-separated values: a .csv export of a spreadsheet -> rows of cells; and a range of
a sheet copied and pasted as text (tab rows, cells holding line breaks quoted).

A spreadsheet saved as CSV (Excel, WPS) writes every row with the same number of fields,
quoting cells that hold commas, quotes or line breaks; the standard ``csv`` module reads
that quoting. Text is told to be CSV by its name (.csv) or by its shape: most lines parse
into the same number (three or more) of fields, and no line is parted by tabs. Chinese
prose with ASCII commas gives a different count on every line. Rows keep their columns,
so the decoder reads them as it reads a sheet; each cell's address is its spreadsheet
address (the sheet named after the file, as a spreadsheet program opens it).

>>> delimiter_of("一级指标,二级指标,三级指标,指标值\\n产出指标,数量指标,培训人数,≥50人\\n,,\\"合格率,达标\\",100%")
','
>>> delimiter_of("完成培训,提高水平\\n保障运行,加强管理,落实责任\\n其他") is None
True
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections import Counter
from pathlib import PurePath
from typing import Final

from ..errors import DocumentError
from ..lexicon.bounds import MAX_CELLS_PER_LINE, MAX_GRID_ROWS
from .grid import GridTokens, Place, cell_text

# Lines looked at to tell CSV, and the share of them that must give the common field count.
SNIFF_LINES: Final = 200
SNIFF_CHARS: Final = 65_536
SAME_COUNT: Final = 0.8
MIN_FIELDS: Final = 3
MIN_ROWS: Final = 3
# A quoted cell that runs over this share of the lines looked at is a stray quote, not a copied cell.
STRAY_SHARE: Final = 0.5


# A sheet copied to the clipboard: a cell holding line breaks is quoted, its quote opens a line or
# follows a tab and its first line ends before any quote.
_QUOTED_BREAK: Final = re.compile(r'(?:^|\t)"[^"\n]*\n', re.M)


def delimiter_of(text: str) -> str | None:
    """The delimiter of text shaped as a sheet's rows, or None: comma-separated values (most of the first
    lines parse into one count, three or more, of fields; no tabs or pipes), or tab-separated rows that
    quote cells holding line breaks (a spreadsheet range copied and pasted)."""
    head = text[:SNIFF_CHARS]
    lines = [line for line in head.split("\n")[:SNIFF_LINES] if line.strip()]
    if len(lines) < MIN_ROWS or 2 * sum("|" in line for line in lines) > len(lines):
        return None  # (pipe rows, whatever commas their cells hold)
    if any("\t" in line for line in lines):
        # Tab rows without quoted cells the tokenizer reads as they are; a quoted cell holding a line
        # break shows a copied range, however wide its rows (a stray quote would run on for many lines).
        if _QUOTED_BREAK.search(head) is None:
            return None
        cells = _rows(head, "\t")
        if cells is None:
            return None
        breaks = max((cell.count("\n") for row in cells for cell in row), default=0)
        return "\t" if breaks <= STRAY_SHARE * len(lines) else None
    if sum(line.count(",") for line in lines) >= len(lines):
        delimiter = ","
    else:
        return None
    rows = _rows(head, delimiter)
    if rows is None:
        return None
    counts = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
    if not counts:
        return None
    fields, found = counts.most_common(1)[0]
    return delimiter if fields >= MIN_FIELDS and found >= SAME_COUNT * sum(counts.values()) else None


def _rows(head: str, delimiter: str) -> list[list[str]] | None:
    try:
        return list(itertools.islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), SNIFF_LINES))
    except csv.Error:
        return None


def delimited_tokens(text: str, source: str, delimiter: str = ",") -> GridTokens:
    """The rows of a CSV (or quoted TSV) text as a grid (at most MAX_GRID_ROWS rows, MAX_CELLS_PER_LINE
    cells a row)."""
    grid = GridTokens()
    sheet = PurePath(source).stem or "csv"
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, row in enumerate(rows, start=1):
            if number > MAX_GRID_ROWS:
                grid.cut(f"sheet '{sheet}'", MAX_GRID_ROWS)
                break
            grid.row([(col, cell_text(cell)) for col, cell in enumerate(row[:MAX_CELLS_PER_LINE])],
                     Place(sheet=sheet, row=number))
    except csv.Error as exc:  # a cell past the csv module's size bound (131,072 characters), a broken quote
        raise DocumentError(source, f"not readable as comma-separated values after row {number}: {exc}") from None
    return grid
