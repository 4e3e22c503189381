"""Step 4: a table region -> its field part, its grid header and body, and the grid's columns.

The header is the run of column labels (一级指标 二级指标 三级指标 指标值 …, 计量单位,
年度指标值 实际完成值 分值 得分 …), printed on one line or over several, with row labels
(绩效指标) and period sub-headings (``2021年实际实现值``) inside it. Columns keep their
printed order; a side column printed again (二级指标 三级指标 指标值 twice) opens the annual
side of a two-period table. With no header the columns come from the rows: level headings,
name and value, two periods when rows print two level-2 headings apart.
"""

from __future__ import annotations

import re
from typing import Final, cast

from ..intermediate import Column, Region, Schema, Slot, TableParts, Token, lines_of
from ..lexicon.classify import CellInfo, cell_info
from ..lexicon.columns import GRID_COLUMNS, fit
from ..records import Period

# Columns that each side of a two-period table prints once: seeing one again opens the next side.
_SIDE_COLUMNS: Final = frozenset(("level2", "name", "value", "description", "basis"))
# A period sub-heading inside a header: 2021年实际实现值, 预期2022年实现值, 2024年目标值.
_PERIOD_HEADING: Final = re.compile(r"(?:19|20)\d{2}\s*年.{0,8}值$")
# Rows holding two level-2 headings with something between them that make a table two-period.
TWO_PERIOD_EVIDENCE: Final = 2
# Cells one period's side of a row prints (name, value, and a few more).
MAX_SIDE_CELLS: Final = 6


def _schema(kind: str, columns: list[tuple[Column, Period]], hints: list[int | None] | None = None,
            from_header: bool = False) -> Schema:
    slots = tuple(Slot(c, p) for c, p in columns)
    periods = tuple(dict.fromkeys(s.period for s in slots if s.column != "level1"))
    return Schema(kind, slots, tuple(hints) if hints else (None,) * len(slots), periods,
                  tuple(s.column for s in slots), from_header)


SINGLE: Final = _schema("single", [("level1", "annual"), ("level2", "annual"), ("name", "annual"),
                                   ("value", "annual")])
TWO_PERIOD: Final = _schema("two_period", [
    ("level1", "medium_term"), ("level2", "medium_term"), ("name", "medium_term"), ("value", "medium_term"),
    ("level2", "annual"), ("name", "annual"), ("value", "annual"),
])


def _header_noise(token: Token) -> bool:
    """Cells a header run may hold besides column labels: row labels, period sub-headings, empties."""
    if not token.text:
        return True
    info = cell_info(token.text)
    return info.block_label or bool(_PERIOD_HEADING.search(info.key))


def _two_tier(header: list[Token]) -> tuple[list[Token], bool]:
    """A header printed as two rows flattened into one run: group headings (年度指标值 实际完成值 分值 得分)
    before the level columns (一级指标 二级指标 三级指标 指标性质 指标值 度量单位) that sit under the first.

    The grid's columns are then the lower row's, followed by the groups it does not repeat.
    """
    labelled = [t for t in header if t.text and not _header_noise(t) and cell_info(t.text).column]
    first = next((i for i, t in enumerate(labelled) if cell_info(t.text).column in GRID_COLUMNS), 0)
    if all(cell_info(t.text).column == "seq" for t in labelled[:first]):
        return header, False  # (a row-number column in front of the levels is no group heading)
    lower = labelled[first:]
    kinds = {cell_info(t.text).column for t in lower}
    upper = [t for t in labelled[:first] if cell_info(t.text).column not in kinds | {"value_mid"}]
    return lower + upper, True


def _run_end(tokens: tuple[Token, ...], end: int, bridge: bool = False) -> int:
    """Where a header run that reaches ``end`` stops: past column headings and header noise (and, ``bridge``,
    an unknown name heading between a level and the value heading)."""
    while end < len(tokens) and (_header_noise(tokens[end]) or cell_info(tokens[end].text).column
                                 or (bridge and _between_headings(tokens, end))):
        end += 1
    return end


def _between_headings(tokens: tuple[Token, ...], at: int) -> bool:
    """A short cell of words the vocabulary does not know between a level column's heading and the value
    column's (二级指标 | 绩效指标名称 | 指标值): the name column's heading."""
    if at + 1 >= len(tokens) or not at or not tokens[at].text or not tokens[at + 1].text or not tokens[at - 1].text:
        return False
    if cell_info(tokens[at - 1].text).column not in ("level1", "level2") or \
            cell_info(tokens[at + 1].text).column not in ("value", "value_mid"):
        return False
    return _unknown_heading(cell_info(tokens[at].text), goal_label=False)


def _unknown_heading(info: CellInfo, goal_label: bool) -> bool:
    """A short cell the vocabulary does not know that can head a column: no known heading, label (but a
    goal's label, ``goal_label``: 年度目标 over the year's values), title or value."""
    known = info.heading is not None and info.heading.how != "unknown"  # (a word ending in 目标 that is no heading)
    return not (known or (info.is_label and not (goal_label and info.goal is not None)) or info.title
                or len(info.key) > MAX_VALUE_HEADING or info.value_like >= VALUE_LIKE_CELL)


def _unnamed_name(header: list[Token]) -> Token | None:
    """In a header that names levels and a value but no name column, the heading printed between the
    last level and the value (绩效指标, 具体内容, 指标项): the name column's, whatever its words."""
    cols = [cell_info(t.text).column if t.text else None for t in header]
    if "name" in cols:
        return None
    value = next((n for n, c in enumerate(cols) if c in ("value", "value_mid")), None)
    level = max((n for n, c in enumerate(cols[:value]) if c in ("level1", "level2")), default=None)
    if value is None or level is None:
        return None
    return next((header[n] for n in range(level + 1, value) if header[n].text and cols[n] is None
                 and not _PERIOD_HEADING.search(cell_info(header[n].text).key)), None)


def _header_schema(header: list[Token], value_heading: Token | None = None) -> Schema | None:
    """Columns in the order the header prints them; a repeated side column opens the annual side.
    ``value_heading``: a heading the vocabulary does not know that heads the value column."""
    header, reordered = _two_tier(header)
    if value_heading is not None and value_heading not in header:
        header.append(value_heading)
    name_heading = _unnamed_name(header)
    sides: list[list[tuple[Column, Token]]] = [[]]
    mid_value_seen = False
    for token in header:
        col = cell_info(token.text).column if token.text and not _header_noise(token) else None
        if token is value_heading or (col is None and _year_value_heading(token) and sides[-1] and not any(
                c == "value" for c, _ in sides[-1])):
            col = "value"  # (a side's value heading printed with its year: 2023年指标值)
        elif token is name_heading:
            col = "name"
        if col is None:
            continue
        if col == "value_mid":
            mid_value_seen = True
            sides[-1].append(("value", token))
            continue
        column = cast(Column, col)
        repeated = column in _SIDE_COLUMNS and any(c == column for c, _ in sides[-1])
        if repeated or (column == "value" and mid_value_seen and len(sides) == 1):
            sides.append([])
        sides[-1].append((column, token))
    if not any(c in ("name", "value") for c, _ in sides[0]):
        return None
    periods: tuple[Period, ...] = ("medium_term", "annual") if len(sides) > 1 else ("annual",)
    printed = [t for t in header if t.text]
    one_line = len({t.line for t in printed}) == 1 and len({t.col for t in printed}) == len(printed) and not reordered
    columns: list[tuple[Column, Period]] = []
    hints: list[int | None] = []
    for side, period in zip(sides, periods, strict=False):
        for column, token in side:
            columns.append((column, period))
            hints.append(token.col if one_line else None)
    described = any(c == "description" for c, _ in columns)
    kind = "two_period" if len(sides) > 1 else ("described" if described else "single")
    return _schema(kind, columns, hints, from_header=True)


def _find_header(tokens: tuple[Token, ...]) -> tuple[int, int] | None:
    """Start and end (exclusive) of the grid header run, if the region prints one."""
    for i, t in enumerate(tokens):
        if not t.text or cell_info(t.text).column not in GRID_COLUMNS:
            continue
        start = i
        while start > 0 and tokens[start - 1].text and (
                tokens[start - 1].line == t.line or cell_info(tokens[start - 1].text).column == "seq"
                or _upper_header_line(tokens, start - 1)) and (
                _header_noise(tokens[start - 1]) or cell_info(tokens[start - 1].text).column):
            start -= 1
        return start, _run_end(tokens, i + 1, bridge=True)
    return None



_HAN: Final = re.compile(r"[\u4e00-\u9fff]")
# A heading that can head a value column the vocabulary does not name (预期值, 指标要求, 2023年指标值): this short.
MAX_VALUE_HEADING: Final = 12


def _year_value_heading(token: Token) -> bool:
    """A value column's heading printed with its year (2023年指标值, 2024年目标值), which a two-tier header
    prints as a period sub-heading too."""
    key = cell_info(token.text).key if token.text else ""
    return bool(_PERIOD_HEADING.search(key)) and key.endswith(("指标值", "目标值"))


def _value_heading(tokens: tuple[Token, ...], start: int, end: int) -> int | None:
    """Where the value column's heading is, in a header that names none: a year's value heading the
    header run passed over as a period sub-heading (2023年指标值), else the short cell of words right after
    the run that the grid's first level heading follows (预期值 | 产出指标; a goal's label there, 年度目标, heads
    the year's target values): a grid prints its values."""
    for n in range(start, end):
        if _year_value_heading(tokens[n]):
            return n
    if end + 1 >= len(tokens) or not tokens[end].text:
        return None
    info = cell_info(tokens[end].text)
    if not _unknown_heading(info, goal_label=True) or info.noise or not _HAN.search(info.key):
        return None
    after = next((t for t in tokens[end + 1:] if t.text), None)
    if after is not None and cell_info(after.text).column in _AFTER_VALUE:
        return end  # the header goes on after it (计划目标 | 实际完成 | 分值 | 得分)
    heading = cell_info(after.text).heading if after is not None else None
    return end if heading is not None and heading.how == "exact" else None


# Columns printed after the value column: a header going on with one of them went on past its value heading.
_AFTER_VALUE: Final = frozenset(("actual", "weight", "score", "unit"))


# A cell this value-like is a value itself, not the heading over values.
VALUE_LIKE_CELL: Final = 0.7


def _upper_header_line(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the line holding ``tokens[at]`` is the upper row of a two-row header (绩效指标 | 指标值 | 实际完成值
    over 一级指标 | 二级指标 | 三级指标, or those cells one a line): row labels and column headings only, one column
    heading at least."""
    line = tokens[at].line
    first = at
    while first > 0 and tokens[first - 1].line == line:
        first -= 1
    cells = [t for t in tokens[first:at + 1] if t.text]
    if not cells or not cells[0].first:
        return False
    return all(_header_noise(t) or cell_info(t.text).column for t in cells) and any(
        cell_info(t.text).column for t in cells)


def _two_period_evidence(body: tuple[Token, ...]) -> int:
    """Lines holding two level-2 headings with something between them (counting stops at enough), or,
    printed one cell a line, a level-2 heading printed again before the same name (数量指标 | 参保人数 |
    >38万人 | 数量指标 | 参保人数 | >38万人): the two periods' sides of one row."""
    count = _repeated_sides(body)
    if count >= TWO_PERIOD_EVIDENCE:
        return count
    for line in lines_of(body):
        if len(line) < 3:
            continue
        flags = []
        opens = []  # whether a heading can open the annual side: a heading's words alone (持续影响) are a value
        for t in line:
            if t.text and cell_info(t.text).block_label:
                continue
            h = cell_info(t.text).heading if t.text else None
            flags.append(h is not None and (2 in h.levels or h.how == "unknown"))
            opens.append(h is not None and h.how != "fragment")
        firsts = [i for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1])]
        # (A side prints a name after its heading.)
        if len(firsts) >= 2 and any(not f for f in flags[firsts[0]:firsts[-1]]) and firsts[-1] < len(flags) - 1 \
                and opens[firsts[-1]]:
            count += 1
            if count >= TWO_PERIOD_EVIDENCE:
                break
    return count


def _repeated_sides(body: tuple[Token, ...]) -> int:
    count = 0
    texts = [t.text for t in body if t.text]
    last: dict[str, int] = {}  # a level-2 heading -> where it was last printed
    for i, text in enumerate(texts):
        h = cell_info(text).heading
        if h is None or h.how != "exact" or 2 not in h.levels:
            continue
        before = last.get(text)
        between = texts[before + 1: i] if before is not None else []
        if 2 <= len(between) <= MAX_SIDE_CELLS and i + 1 < len(texts) and texts[i + 1] == between[0] \
                and not any(cell_info(x).heading is not None for x in between):
            count += 1
            if count >= TWO_PERIOD_EVIDENCE:
                break
        last[text] = i
    return count


def _first_heading(tokens: tuple[Token, ...]) -> int:
    """Where an unheaded grid starts: its first level-1 heading (else its first level heading)."""
    first_any = None
    for i, t in enumerate(tokens):
        h = cell_info(t.text).heading if t.text else None
        if h is None or h.how == "unknown":
            continue
        if 1 in h.levels:
            return i
        if first_any is None:
            first_any = i
    return first_any if first_any is not None else len(tokens)


def _with_period(parts: TableParts, period: Period | None) -> TableParts:
    """A single-period grid under a heading that names its period takes that period."""
    schema = parts.schema
    if period is None or len(schema.periods) != 1 or schema.periods[0] == period:
        return parts
    slots = tuple(Slot(s.column, period) for s in schema.slots)
    moved = Schema(schema.kind, slots, schema.hints, (period,), schema.columns, schema.from_header)
    return TableParts(parts.fields, parts.header, parts.body, moved)


def split_region(region: Region) -> TableParts:
    """The field part, header and body of a table region, and the grid's schema."""
    return _with_period(_with_levels(_split(region)), region.period)


def _with_levels(parts: TableParts) -> TableParts:
    """A header that names no level columns over a body that prints level headings: the levels come first.
    A header that names 二级指标 but no 一级指标 over a body that prints level-1 headings (printed in a
    column left of the header's first): the level-1 column comes first."""
    schema = parts.schema
    if schema.has("level2") and not schema.has("level1") and schema.columns[0] == "level2" and any(
            t.text and (h := cell_info(t.text).heading) is not None and h.how == "exact" and h.levels == {1}
            for t in parts.body):
        first = schema.hints[0]
        slots = (Slot("level1", schema.slots[0].period), *schema.slots)
        hints = (first - 1 if first else None, *schema.hints)
        widened = Schema(schema.kind, slots, hints, schema.periods, tuple(s.column for s in slots),
                         schema.from_header)
        return TableParts(parts.fields, parts.header, parts.body, widened)
    if schema.has("level1") or schema.has("level2"):
        return parts
    if not any(t.text and (h := cell_info(t.text).heading) is not None and h.how == "exact" for t in parts.body):
        return parts
    period = schema.periods[0]
    slots = (Slot("level1", period), Slot("level2", period), *schema.slots)
    hints = (None, None, *schema.hints)
    widened = Schema(schema.kind, slots, hints, schema.periods, tuple(s.column for s in slots), schema.from_header)
    return TableParts(parts.fields, parts.header, parts.body, widened)


def _split(region: Region) -> TableParts:
    tokens = region.tokens
    found = _find_header(tokens)
    if found is not None:
        start, end = found
        header = tokens[start:end]
        schema = _header_schema(list(header))
        if schema is not None and not schema.has("value"):
            at = _value_heading(tokens, start, end)
            if at is not None:
                end = _run_end(tokens, max(end, at + 1))
                header = tokens[start:end]
                schema = _header_schema(list(header), tokens[at])
        body = tokens[end:]
        if schema is not None and (len(schema.periods) > 1 or schema.has("description")):
            return TableParts(tokens[:start], header, body, schema)
        two_period = _two_period_evidence(body) >= TWO_PERIOD_EVIDENCE
        if schema is None or two_period:
            schema = TWO_PERIOD if two_period else SINGLE
        return TableParts(tokens[:start], header, body, schema)
    start = _first_heading(tokens)
    body = tokens[start:]
    schema = TWO_PERIOD if _two_period_evidence(body) >= TWO_PERIOD_EVIDENCE else _described_by_rows(body) or SINGLE
    return TableParts(tokens[:start], (), body, schema)


def _described_by_rows(body: tuple[Token, ...]) -> Schema | None:
    """Without a header, rows that keep their columns (tab and pipe rows) and print two text columns between
    the level headings and the value, and words of a basis after it, are a described table: level1, level2,
    name, description, value, basis, at the positions they are printed at."""
    kinds: dict[int, list[str]] = {}
    rows = 0
    for line in lines_of(body):
        cells = [t for t in line if t.text]
        if len(cells) < 3 or any(t.sep not in ("tab", "pipe") for t in cells[1:]):
            continue
        rows += 1
        for t in cells:
            kinds.setdefault(t.col, []).append(_cell_kind(t.text))
    if rows < MIN_PROFILE_ROWS:
        return None
    profile = [max(set(found), key=found.count) for _, found in sorted(kinds.items())]
    columns = sorted(kinds)
    if profile[:2] != ["heading", "heading"] or profile[2:] != ["text", "text", "value", "basis"]:
        return None
    names: list[Column] = ["level1", "level2", "name", "description", "value", "basis"]
    return _schema("described", [(c, "annual") for c in names], list(columns), from_header=False)


# Rows of cells that must agree before their columns stand in for a header.
MIN_PROFILE_ROWS: Final = 3


def _cell_kind(text: str) -> str:
    info = cell_info(text)
    if info.heading is not None and info.heading.how != "unknown":
        return "heading"
    if info.bare_value or (fit(info, "value") or 0.0) >= VALUE_COLUMN_FIT:
        return "value"
    if (fit(info, "basis") or 0.0) >= BASIS_COLUMN_FIT:
        return "basis"
    return "text"


VALUE_COLUMN_FIT: Final = 7.0
BASIS_COLUMN_FIT: Final = 6.0
