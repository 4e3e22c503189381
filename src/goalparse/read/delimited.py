"""Stage 1 for comma-separated values: a .csv export of a spreadsheet -> rows of cells.

A spreadsheet saved as CSV (Excel, WPS) writes every row with the same number of fields,
quoting cells that hold commas, quotes or line breaks; the standard ``csv`` module reads
that quoting. Text is told to be CSV by its name (.csv) or by its shape: most lines parse
into the same number (three or more) of fields, and no line is parted by tabs. Chinese
prose with ASCII commas gives a different count on every line. Rows keep their columns,
so the decoder reads them as it reads a sheet; each cell's address is its spreadsheet
address (the sheet named after the file, as a spreadsheet program opens it).

>>> looks_delimited("一级指标,二级指标,三级指标,指标值\\n产出指标,数量指标,培训人数,≥50人\\n,,\\"合格率,达标\\",100%")
True
>>> looks_delimited("完成培训,提高水平\\n保障运行,加强管理,落实责任\\n其他")
False
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import PurePath
from typing import Final

from ..lexicon.bounds import MAX_CELLS_PER_LINE, MAX_GRID_ROWS
from .grid import GridTokens, Place, cell_text

# Lines looked at to tell CSV, and the share of them that must give the common field count.
SNIFF_LINES: Final = 200
SNIFF_CHARS: Final = 65_536
SAME_COUNT: Final = 0.8
MIN_FIELDS: Final = 3
MIN_ROWS: Final = 3


def looks_delimited(text: str) -> bool:
    """Whether text is comma-separated values: most of its first lines parse into one count of fields."""
    head = [line for line in text[:SNIFF_CHARS].split("\n")[:SNIFF_LINES] if line.strip()]
    if len(head) < MIN_ROWS or sum(line.count(",") for line in head) < len(head):
        return False
    if any("\t" in line for line in head) or 2 * sum("|" in line for line in head) > len(head):
        return False  # rows parted by tabs or pipes, whatever commas their cells hold
    try:
        counts = Counter(len(row) for row in csv.reader(head))
    except csv.Error:
        return False
    fields, rows = counts.most_common(1)[0]
    return fields >= MIN_FIELDS and rows >= SAME_COUNT * sum(counts.values())


def delimited_tokens(text: str, source: str) -> GridTokens:
    """The rows of a CSV text as a grid (at most MAX_GRID_ROWS rows, MAX_CELLS_PER_LINE cells a row)."""
    grid = GridTokens()
    sheet = PurePath(source).stem or "csv"
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), strict=False), start=1):
        if number > MAX_GRID_ROWS:
            grid.cut(f"sheet '{sheet}'", MAX_GRID_ROWS)
            break
        grid.row([(col, cell_text(cell)) for col, cell in enumerate(row[:MAX_CELLS_PER_LINE])],
                 Place(sheet=sheet, row=number))
    return grid
