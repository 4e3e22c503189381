"""Stage 4: rows of a document -> table blocks.

A table starts at a title line (项目支出绩效目标表, 绩效目标批复表,
``3.离休干部医药费绩效目标表`` ...) or, when there is no title, at a second
``项目名称`` row. Tables of contents (dot leaders, page numbers), narrative text
and section headings are not tables. The budget year comes from the lines
under the title (``(2025年度)``) or from the document's own heading
(``2024 年部门预算绩效文本``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .cells import Row
from .lexicon.labels import field_of, is_footer, is_grid_header
from .lexicon.normalise import join_wrapped, match_key

_TITLE: Final = re.compile(r"绩效(?:目标|指标|自评|评价|监控)[^\s,，。;；]{0,8}表$")
_TITLE_NUMBER: Final = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*")
_TOC_LEADER: Final = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,})")
_PAGE_NUMBER: Final = re.compile(r"^\d{1,4}$")
_YEAR: Final = re.compile(
    r"[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]|((?:19|20)\d{2})\s*年\s*(?:度|部门预算|预算|项目)"
)
_SECTION: Final = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])"
)
# A single-cell row this long inside a table is narrative, not an indicator.
NARRATIVE_CHARS: Final = 60


@dataclass(frozen=True)
class Block:
    """One table: its title line and every row up to the next table."""

    title: str | None
    title_line: int | None
    year: int | None
    rows: tuple[Row, ...]


def find_year(text: str) -> int | None:
    """(2021 年度) / （2025年度） / 2024 年部门预算 -> the year.

    >>> find_year("（ 2021 年度）"), find_year("2024 年部门预算绩效文本")
    (2021, 2024)
    """
    m = _YEAR.search(text)
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def is_toc_row(row: Row) -> bool:
    """A table-of-contents entry: text, dot leaders, page number (placeholders '.....' are not)."""
    filled = row.filled
    if not filled or not _PAGE_NUMBER.match(filled[-1].text.strip(". …·")):
        return False
    text = " ".join(c.text for c in filled)
    leader = _TOC_LEADER.search(text)
    return bool(leader and leader.start() > 0) or (len(filled) == 2 and "表" in filled[0].text)


def title_of(row: Row) -> str | None:
    """The table title a row prints (leading item number removed), if it is a title row."""
    filled = row.filled
    if not filled or len(filled) > 2 or "表" not in filled[0].text or is_toc_row(row):
        return None
    text = join_wrapped(filled[0].text)
    if not _TITLE.search(match_key(text)):
        return None
    return _TITLE_NUMBER.sub("", text).strip()


def _starts_project(row: Row) -> bool:
    filled = row.filled
    for n in range(min(2, len(filled))):  # noqa: SIM110 -- a plain loop, no generator: runs for every row
        if field_of(filled[n].text) == "project_name":
            return True
    return False


def _ends_table(row: Row) -> bool:
    filled = row.filled
    if not filled:
        return False
    first = filled[0].text
    if len(filled) == 1 and (_SECTION.match(first) or len(first) >= NARRATIVE_CHARS):
        return True
    return is_footer(first)


def _block(title: str | None, title_line: int | None, rows: list[Row], doc_year: int | None) -> Block:
    """A finished table block; its year from the lines under the title, else the title, else the document."""
    year = None
    for r in rows[:6]:
        if not _starts_project(r):
            year = year or find_year(" ".join(c.text for c in r.filled))
    if year is None and title:
        year = find_year(title)
    return Block(title, title_line, year or doc_year, tuple(rows))


def segment(rows: list[Row]) -> list[Block]:
    """Split a document's rows into table blocks, in document order."""
    # (No nested function here: a closure over these locals would make a reference cycle in compiled code.)
    doc_year: int | None = None
    blocks: list[Block] = []
    title: str | None = None
    title_line: int | None = None
    current: list[Row] | None = None
    has_project = has_grid = closed = False

    for row in rows:
        if row.is_blank or is_toc_row(row):
            continue
        new_title = title_of(row)
        if new_title is not None:
            if current and (has_project or has_grid):
                blocks.append(_block(title, title_line, current, doc_year))
            title, title_line, current = new_title, row.line, []
            has_project = has_grid = closed = False
            continue
        starts_project = _starts_project(row)
        if current is None or (starts_project and has_project):
            if starts_project:
                if current and (has_project or has_grid):
                    blocks.append(_block(title, title_line, current, doc_year))
                title, title_line, current = None, None, [row]
                has_project, has_grid, closed = True, False, False
            elif doc_year is None:
                doc_year = find_year(" ".join(c.text for c in row.filled))
            continue
        if closed or (has_grid and _ends_table(row)):
            closed = True
            continue
        has_project = has_project or starts_project
        has_grid = has_grid or is_grid_header(row)
        current.append(row)
    if current and (has_project or has_grid):
        blocks.append(_block(title, title_line, current, doc_year))
    return blocks
