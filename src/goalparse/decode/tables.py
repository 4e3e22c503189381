"""Step 3: the token stream -> one region of tokens per table.

A table starts at a title anywhere in a cell (…绩效目标表, 自评表, 批复表, 审批表, 申报表,
with or without a bracketed year), or, untitled, at its first 项目名称 / 单位名称 block or
at the indicator header itself. A second 项目名称 after a grid starts the next project of
a flat list. Words that close a grid (合计, 评价结论, 填表人 ...), and narrative after it,
end the table. Page chrome, notices and tables of contents before or between tables
belong to no region; the last lines of one cell before a table go with it as its preamble (a web
page may name the project and print its goals there).

The year comes from the title, the lines just under it (``(2023年度)``), or the text
before the table (``2024 年部门预算绩效文本``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Final

from ..intermediate import Region, Token, lines_of
from ..lexicon.classify import CellInfo, cell_info, cell_infos, is_page_mark, year_of
from ..lexicon.columns import GRID_COLUMNS
from ..lexicon.labels import SECTION_MARK
from ..lexicon.vocab import load
from ..records import Period

_TOC_LEADER: Final = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,})")
_PAGE_NUMBER: Final = re.compile(r"^\d{1,4}$")
# A lone cell this long after the grid is narrative, not part of the table.
NARRATIVE_CHARS: Final = 60
# ... unless a level heading follows within this many cells (a row's value, completed value, points,
# score and remark): then it was a long value, printed one cell a line.
HEADING_AHEAD: Final = 12
# ... or the next cell reads as a value (持续影响, ≥90%): a long indicator name in its row.
VALUE_AFTER_NAME: Final = 0.5
# The year is looked for this many lines under the title.
YEAR_LINES: Final = 3
# A table's preamble: at most this many lines of narrative just above it.
PREAMBLE_LINES: Final = 12
@lru_cache(maxsize=1)
def _period_heading() -> tuple[re.Pattern[str], dict[str, Period]]:
    """A heading naming the period of the grid under it: (二)中长期绩效指标, 年度绩效指标 (not a goal label)."""
    words = load("structure")["period_headings"]
    period_of: dict[str, Period] = {w: p for p, ws in words.items() for w in ws}
    alt = "|".join(map(re.escape, sorted(period_of, key=len, reverse=True)))
    return re.compile(rf"({alt})(?:绩效)?指标"), period_of
PERIOD_LINES: Final = 8
# Fields that open an untitled table.
_OPENING_FIELDS: Final = frozenset(("project_name", "department"))



def is_toc(line: list[Token]) -> bool:
    """A table-of-contents entry: text, dot leaders, a page number (placeholders '.....' are not)."""
    texts = [t.text for t in line if t.text]
    if not texts or not _PAGE_NUMBER.match(texts[-1].strip(". …·")):
        return False
    joined = " ".join(texts)
    leader = _TOC_LEADER.search(joined)
    return bool(leader and leader.start() > 0) or (len(texts) == 2 and "表" in texts[0])


def _grid_header(info: CellInfo) -> bool:
    return info.column in GRID_COLUMNS


def _opens_grid(info: CellInfo, line: list[Token]) -> bool:
    """A level-1 heading of the taxonomy alone on its line, or followed by a level 2 (and the rest of its row),
    opens a grid."""
    h = info.heading
    if h is None or h.how != "exact" or 1 not in h.levels:
        return False
    cells = [t for t in line if t.text]
    if len(cells) > 2:
        below = cell_info(cells[1].text).heading
        return cells[0].text == info.text and below is not None and below.how == "exact" and 2 in below.levels
    return all((o := cell_info(t.text).heading) is not None and o.how == "exact" for t in cells)


class _Open:
    """The region being read."""

    def __init__(self, title: str | None, title_line: int | None, year: int | None,
                 period: Period | None = None, preamble: tuple[Token, ...] = ()) -> None:
        self.period = period
        self.preamble = preamble
        self.title = title
        self.title_line = title_line
        self.year = year
        self.tokens: list[Token] = []
        self.project = False
        self.grid = False
        self.rows = 0
        self.closed: str | None = None

    @property
    def worth_keeping(self) -> bool:
        return self.project or self.grid


def _next_headings(tokens: list[Token], infos: Mapping[str, CellInfo]) -> list[int]:
    """For each token, how many cells on the next exact level heading is (past HEADING_AHEAD when there
    is none; a title stops the search). A page's number and the header printed again after a page break
    are no cells of a row: they are not counted."""
    ahead = [0] * len(tokens)
    far = HEADING_AHEAD + 1
    distance = far
    for i in range(len(tokens) - 1, -1, -1):
        ahead[i] = distance
        info = infos[tokens[i].text] if tokens[i].text else None
        if info is not None and info.title:
            distance = far
        elif info is not None and info.heading is not None and info.heading.how == "exact":
            distance = 0
        elif distance < far and not (info is not None and info.column) and not is_page_mark(tokens[i].text):
            distance += 1
    return ahead


def _numbered_level1(info: CellInfo, tokens: list[Token], at: int, infos: Mapping[str, CellInfo]) -> bool:
    """A numbered level-1 heading (一、产出指标) with a level-2 heading next (1.数量指标): a grid's row,
    not a section of the text after the grid."""
    if info.heading is None or info.heading.how != "exact" or 1 not in info.heading.levels:
        return False
    nxt = next((u for u in tokens[at + 1: at + 3] if u.text), None)
    heading = infos[nxt.text].heading if nxt is not None else None
    return heading is not None and heading.how == "exact" and 2 in heading.levels


def find_tables(tokens: list[Token]) -> list[Region]:
    """Cut the stream into table regions, in document order."""
    regions: list[Region] = []
    doc_year: int | None = None
    current: _Open | None = None
    year_lines = 0

    def opened(title: str | None, line: int | None, year: int | None, at: int) -> _Open:
        near = period_heading is not None and 0 <= at - period_heading[1] <= PERIOD_LINES
        preamble = tuple(outside[-PREAMBLE_LINES:])
        outside.clear()
        return _Open(title, line, year, period_heading[0] if near and period_heading else None, preamble)

    def finish() -> None:
        if current is not None and current.worth_keeping:
            regions.append(Region(current.title, current.title_line, current.year or doc_year,
                                  tuple(current.tokens), current.closed, current.period, current.preamble))

    last_info: CellInfo | None = None
    period_heading: tuple[Period, int] | None = None
    outside: list[Token] = []  # lines of one cell read outside any table since the last one
    infos = cell_infos()
    heading_at = _next_headings(tokens, infos)
    at = -1
    for line in lines_of(tokens):
        if is_toc(line):
            at += len(line)
            continue
        for t in line:
            at += 1
            if t.first and t.width == 1 and is_page_mark(t.text):
                continue  # a page's number printed where a page break cut the table: no row of it
            info = infos[t.text] if t.text else None
            after_label = last_info is not None and last_info.field is not None
            last_info = info or last_info
            if t.first and t.width == 1 and info is not None and not info.title:
                pattern, period_of = _period_heading()
                m = pattern.search(info.key)
                if m and len(info.key) <= 16:
                    period_heading = (period_of[m.group(1)], t.line)
            # Inside a grid only a title opening a line or cut out of glued text opens the next table.
            mid_grid = current is not None and current.grid and not t.first and t.sep != "glue"
            if info is not None and info.title and not after_label and not mid_grid:
                finish()
                current = opened(info.title, t.line, year_of(t.text), t.line)
                year_lines = YEAR_LINES
                continue
            if current is not None and current.year is None and year_lines and t.text:
                current.year = year_of(t.text)
            if info is not None and info.field in _OPENING_FIELDS:
                if current is None or current.closed or (
                        info.field == "project_name" and current.project and current.grid):
                    finish()
                    # The next project of a flat list is printed under the same title.
                    previous = regions[-1] if regions and info.field == "project_name" else None
                    current = opened(previous.title if previous else None, None,
                                     previous.year if previous else None, t.line)
                if info.field == "project_name" or not current.grid:
                    current.project = True
            elif info is not None and (current is None or current.closed) and _grid_header(info):
                finish()
                # Column headings printed before the first level column (序号) belong to the header: those
                # of its line, or one printed alone on the line above.
                before = [u for u in line[: line.index(t)] if u.text and infos[u.text].column]
                if not before and outside and infos[outside[-1].text].column == "seq":
                    before = [outside[-1]]
                current = opened(None, None, None, t.line)
                current.tokens.extend(before)
            if current is None and info is not None and _opens_grid(info, line):
                # No title, fields or header: the indicator tree itself (产出指标 on a line of its own).
                current = opened(None, None, None, t.line)
            if current is None or current.closed:
                if t.first and t.width == 1 and t.text:
                    outside.append(t)
                    if len(outside) > 2 * PREAMBLE_LINES:
                        del outside[:-PREAMBLE_LINES]
                if current is None and doc_year is None and t.text:
                    doc_year = year_of(t.text)
                continue
            if info is not None and current.grid and (t.first or t.sep == "glue") and current.rows:
                if t.first and (info.ends_table or info.footer or any(
                        u.text and infos[u.text].closes_line for u in line)):
                    current.closed = t.text
                    continue
                alone = t.width == 1 or t.sep == "glue"
                long = len(info.key) >= NARRATIVE_CHARS and heading_at[at] > HEADING_AHEAD and not (
                    at + 1 < len(tokens) and tokens[at + 1].text
                    and infos[tokens[at + 1].text].value_like >= VALUE_AFTER_NAME)  # (pinyin aside)
                if alone and (long or (SECTION_MARK.match(t.text) and not _numbered_level1(info, tokens, at, infos))):
                    current.closed = t.text[:20]
                    continue
            if info is not None:
                if _grid_header(info) or (info.heading is not None and 1 in info.heading.levels):
                    current.grid = True
                elif current.grid and not info.is_label:
                    current.rows += 1
            current.tokens.append(t)
        if year_lines:
            year_lines -= 1
    finish()
    return regions
