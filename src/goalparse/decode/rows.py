"""Step 5: a grid's body tokens -> logical rows, however the rows were broken over lines.

A row ends when the schema's cells are filled, decided by evidence, not by line
breaks: each token takes the next column it fits (a heading the level columns, text
the name, a value the value column, ≥ / % / 定量 / numbers their own columns). A row is
closed when a heading or a new name arrives after its value, when no column is left
for a token, or — where the body is printed as rows of cells — at a line that starts
a complete row of its own. A line that is not a complete row continues the row before
it (a value wrapped onto the next line, self-evaluation columns printed below).

Rows of cells:   ``产出指标 | 数量指标 | 培训人数 | ≥100人`` -> one row per line.
One cell a line: ``成本控制`` ``按照资金测算控制各项成本。`` ``时效指标`` ``完成时限`` ... -> rows
by the schema.
"""

from __future__ import annotations

from typing import Final

from ..intermediate import Column, LogicalRow, Remade, Schema, Token, lines_of
from ..lexicon.classify import CellInfo, cell_info
from ..lexicon.columns import MAX_POINTS, fit, is_points, value_kind
from ..lexicon.values import is_short_qualitative

# A token takes a column when it fits at least this well (own-cell columns need their own kind of cell).
_MIN_FIT: Final[dict[str, float]] = {
    "level1": 5.0, "level2": 5.0, "name": 4.0, "value": 4.0, "actual": 4.0, "description": 4.0, "basis": 3.0,
    "comparator": 6.0, "unit": 6.0, "value_type": 6.0, "weight": 6.0, "score": 6.0, "extra": 3.0, "seq": 6.0,
}
# Share of body lines printed as rows of several cells above which line breaks count as row ends.
ROW_LINES_SHARE: Final = 0.5
# Share of body lines that must be rows of cells for a positioned grid to be read line by line.
POSITIONAL_SHARE: Final = 0.8
INDENTED_SHARE: Final = 0.3
# Share of a glued body's lines that its vocabulary split into cells, for line breaks to count as row ends.
GLUED_ROWS_SHARE: Final = 0.9
_LEVELS: Final = ("level1", "level2")
# A text reads as a name piece, not a value in words, at or below this value-likeness.
NAME_LIKE: Final = 0.4


def _info(token: Token) -> CellInfo | None:
    return cell_info(token.text) if token.text else None


def _is_heading(info: CellInfo | None) -> bool:
    return info is not None and info.heading is not None and info.heading.how != "unknown"


class _Row:
    """The row being filled: its tokens, the next column index free for them, what it has, and the
    body cells behind each token made of others (by the token's index: its cells, how many tokens)."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.next = 0
        self.named: set[str] = set()
        self.names: set[str] = set()
        self.valued = False
        self.remade: dict[int, tuple[tuple[Token, ...], int]] = {}

    def join_to_name(self, token: Token, schema: Schema) -> bool:
        """Put a wrapped piece back on the name it continues, when the name is the row's last cell
        (the joined token keeps the cells it was made of)."""
        if self.next == 0 or schema.columns[self.next - 1] != "name" or not self.tokens:
            return False
        last = len(self.tokens) - 1
        name = self.tokens[last]
        cells, _ = self.remade.get(last, ((name,), 1))
        self.remade[last] = ((*cells, token), 1)
        self.tokens[last] = name._replace(text=name.text + token.text)
        self.names.add(self.tokens[last].text)
        return True

    def add_cut(self, cell: Token, pieces: list[tuple[Token, int]], schema: Schema) -> None:
        """Add the pieces one cell was cut into, each in its column (the pieces keep the cell)."""
        self.remade[len(self.tokens)] = ((cell,), len(pieces))
        for piece, column in pieces:
            self.add(piece, column, schema)

    def row(self, why: str, by_lines: bool) -> LogicalRow:
        """The finished row (empty cells left out where line breaks end rows)."""
        if not self.remade:
            return LogicalRow(tuple(t for t in self.tokens if t.text or not by_lines), False, why, stream=not by_lines)
        kept = [n for n, t in enumerate(self.tokens) if t.text or not by_lines]
        at = {n: k for k, n in enumerate(kept)}
        remade = tuple(Remade(at[n], span, cells) for n, (cells, span) in sorted(self.remade.items()))
        return LogicalRow(tuple(self.tokens[n] for n in kept), False, why, stream=not by_lines, remade=remade)

    def add(self, token: Token, column_index: int | None, schema: Schema) -> None:
        self.tokens.append(token)
        if column_index is None:
            return
        self.next = column_index + 1
        slot = schema.slots[column_index]
        if slot.column == "name":
            self.named.add(slot.period)
            self.names.add(token.text)
        self.valued = self.valued or slot.column == "value"


def _column_for(info: CellInfo | None, start: int, schema: Schema, named: set[str]) -> int | None:
    """The first column at or after ``start`` the cell fits well enough (one name per period, opening it)."""
    for k in range(start, len(schema.columns)):
        slot = schema.slots[k]
        column: Column = slot.column
        if column == "name" and slot.period in named:
            continue
        if info is None and column in ("level1", "level2", "name"):
            continue
        f = fit(info, column)
        if f is not None and f >= _MIN_FIT[column]:
            return k
        if column == "name" and info is not None:
            return None  # text before a name is the next row's name or nothing
    return None


def _name_column(start: int, schema: Schema, named: set[str]) -> int | None:
    for k in range(start, len(schema.columns)):
        slot = schema.slots[k]
        if slot.column == "name" and slot.period not in named:
            return k
    return None


def _level_column(info: CellInfo, start: int, schema: Schema) -> int | None:
    for k in range(start, len(schema.columns)):
        column = schema.columns[k]
        if column in _LEVELS:
            f = fit(info, column)
            if f is not None and f >= _MIN_FIT[column]:
                return k
        elif column == "name":
            return None
    return None



def _row_lines(lines: list[list[Token]], schema: Schema) -> bool:
    """Most lines print several cells with separators: line breaks count as row ends.

    A line of glued cells (split by the vocabulary), or one holding many rows' cells (a table
    flattened into one line), is no evidence: its breaks tell nothing.
    """
    filled = [line for line in lines if any(t.text for t in line)]
    widest = 2 * len(schema.slots) + 2
    rows = glued = 0
    for line in filled:
        several = _several_rows(line, schema)  # (asked once a line: it looks at every cell)
        rows += 2 <= sum(1 for t in line if t.text and t.sep != "glue") <= widest and not several
        glued += sum(1 for t in line if t.sep == "glue") >= 2 or len(line) > widest or several
    return bool(filled) and glued < len(filled) / 2 and rows >= ROW_LINES_SHARE * len(filled)


def _several_rows(line: list[Token], schema: Schema) -> bool:
    """A line that holds several rows (a table flattened into one line by single spaces: … | 60 | 60 |
    效益指标 | 社会效益指标 | …): it prints two level-1 headings, or, in a single-period grid, level headings
    apart twice (a row prints its headings together, once; a two-period row prints its level-2 twice)."""
    level1 = runs = 0
    before = False  # the cell before was a level heading
    for t in line:
        h = cell_info(t.text).heading if t.text else None
        heading = h is not None and h.how == "exact"
        if heading and h is not None and h.levels == {1}:
            level1 += 1
        if heading and not before:
            runs += 1
        before = heading if t.text else before
    return level1 >= 2 or (len(schema.periods) == 1 and runs >= 2)


def _glued_rows(lines: list[list[Token]], schema: Schema) -> bool:
    """Every line one printed run of glued cells, none holding more than a row's cells, nearly all split
    by the text knowledge: an export that dropped the separators but kept its line breaks, one row a
    line (产出指标数量指标培训人数≥100人). Each line is then a row of its own, whatever its cells."""
    filled = [line for line in lines if any(t.text for t in line)]
    widest = 2 * len(schema.slots) + 2
    return bool(filled) and all(
        len(line) <= widest and all(t.sep == "glue" for t in line[1:]) for line in filled) and sum(
        1 for line in filled if len(line) >= 2) >= GLUED_ROWS_SHARE * len(filled)


def _skip(token: Token, at_line_start: bool) -> bool:
    """Row labels in front of the rows (绩效指标) and repeated header cells are no part of a row."""
    if not token.text:
        return False
    info = cell_info(token.text)
    heading = info.heading is not None and info.heading.how == "exact"
    return (info.block_label and at_line_start) or (info.column is not None and not heading)


def _positional(lines: list[list[Token]], schema: Schema) -> bool:
    """Lines that kept their empty cells under a one-line header: each line is one row, as printed."""
    if not schema.from_header or all(h is None for h in schema.hints):
        return False
    filled = [[t for t in line if t.text] for line in lines]
    filled = [line for line in filled if line]
    rows = [line for line in filled if len(line) >= 2]
    if not filled or len(rows) < POSITIONAL_SHARE * len(filled):
        return False
    seps = {t.sep for line in rows for t in line[1:]}
    if seps <= {"tab", "spaces", "cell"}:
        return True
    # Pipe rows keep positions when they print the empty cells under merged ones (rows start further right).
    indented = sum(1 for line in rows if line[0].col > 0)
    return seps <= {"pipe"} and indented >= INDENTED_SHARE * len(rows)


# A repeated header line holds at least this many column headings.
HEADER_AGAIN: Final = 3
# Cells a repeated header line may print before its headings (a label and its number: 年度绩效目标 | 2(40分)).
HEADER_LABEL_CELLS: Final = 2


def _header_again(line: list[Token]) -> bool:
    """A body line that prints the header again under a label of its own, as a self-evaluation printing a
    grid per goal does (年度绩效目标2(40分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | …): column
    headings from one of its first cells to its end. The label is the block's, no row's."""
    filled = [t for t in line if t.text]
    # (Only the first cells are searched for the first heading: most lines are rows, and a row's cells
    # are asked no further.)
    first = next((n for n, t in enumerate(filled[: HEADER_LABEL_CELLS + 1]) if _skip(t, False)), None)
    return first is not None and 0 < first <= HEADER_LABEL_CELLS and \
        len(filled) - first >= HEADER_AGAIN and all(_skip(t, False) for t in filled[first:])


def assemble_rows(body: tuple[Token, ...], schema: Schema) -> tuple[list[LogicalRow], list[Token]]:
    """Group a grid body's tokens into logical rows; also the cells left out (row labels, repeated headers)."""
    lines = lines_of(body)
    again = [_header_again(line) for line in lines]
    unused = [t for line, printed in zip(lines, again, strict=True) if printed for t in line if t.text]
    lines = [line for line, printed in zip(lines, again, strict=True) if not printed]
    unused += [t for line in lines for n, t in enumerate(line) if t.text and _skip(t, n == 0)]
    if _positional(lines, schema):
        out = []
        for line in lines:
            kept = tuple(t for n, t in enumerate(line) if t.text and not _skip(t, n == 0))
            if kept:
                out.append(LogicalRow(kept, True, "line"))
        return out, unused
    glued = _glued_rows(lines, schema)
    by_lines = glued or _row_lines(lines, schema)
    rows: list[LogicalRow] = []
    current = _Row()

    def close(why: str) -> None:
        nonlocal current
        if any(t.text for t in current.tokens):
            rows.append(current.row(why, by_lines))
        current = _Row()

    stream = [t for line in lines for n, t in enumerate(line) if not _skip(t, n == 0)]
    if by_lines:
        stream = [t for t in stream if t.text]
    # Where each token's line ends in the stream (one pass; a line is looked at from its first token).
    line_end = [0] * len(stream)
    end = len(stream)
    for i in range(len(stream) - 1, -1, -1):
        line_end[i] = end
        if stream[i].first:
            end = i
    numbered = schema.numbered
    described = schema.has("description")
    row_number = 0  # the last row's number in a 序号 column
    for i, t in enumerate(stream):
        info = _info(t)
        mid_line = by_lines and not t.first
        if by_lines and t.first and (glued or current.valued or _is_heading(info)):
            line = stream[i:line_end[i]]
            if glued or not _continues(line, current.next, schema):
                close("line")
        if current.tokens and info is not None and current.tokens[-1].text == t.text and _is_heading(info):
            current.add(t, None, schema)  # a heading printed twice (数量指标 | 数量指标)
            continue
        if info is not None and _row_number(info, numbered):
            # A 序号 column's next number opens the next row (a smaller number there is points or a score).
            if (current.named or current.valued) and not mid_line and int(info.key) == row_number + 1:
                close("row number")
                current.add(t, 0, schema)
                row_number += 1
                continue
            if not current.tokens:
                row_number = int(info.key)
        # (A heading word right after the row's level-2 heading names the indicator whatever level it matches:
        # 服务对象满意度指标 | 满意度 | ≥95%.)
        after_level2 = not current.named and current.next > 0 and schema.columns[current.next - 1] == "level2"
        if info is not None and _is_heading(info) and _names_a_value(info, stream, i, numbered, described,
                                                                     after_level2):
            k = _name_column(current.next, schema, current.named)
            if k is None and not mid_line:
                close("new name")
                k = _name_column(0, schema, set())
            if k is not None:
                current.add(t, k, schema)
                continue
        if current.named and t.text in current.names:
            k = _name_column(current.next, schema, current.named)
            if k is not None:
                current.add(t, k, schema)  # the other period's side prints the name again: its value was empty
                continue
        if not by_lines and info is not None and current.named and not current.valued and t.sep != "glue" \
                and _wrapped_name(info, stream, i, schema, current.next) and current.join_to_name(t, schema):
            continue
        if not by_lines and info is not None and current.named and _fragment_value(info):
            k = _column_for_value(current.next, schema, current.valued)
            if k is not None:
                current.add(t, k, schema)  # 持续影响 after a name: the value, not a piece of 可持续影响指标
                continue
        if _is_heading(info):
            assert info is not None
            k = _level_column(info, current.next, schema)
            if k is None and (current.named or current.valued) and not mid_line:
                close("heading")
                k = _level_column(info, 0, schema)
            if k is not None:
                current.add(t, k, schema)
                continue
        if info is None and not by_lines and current.named and not current.valued and \
                current.next < len(schema.columns) and schema.columns[current.next] == "value":
            current.add(t, current.next, schema)  # a bare pipe line right after a name: its empty value cell
            continue
        points = _glued_points(t, info, current.next, schema) if current.valued and t.sep == "glue" else None
        if points is not None:
            current.add_cut(t, points, schema)  # 1010 after a value: points 10, score 10
            continue
        k = _column_for(info, current.next, schema, current.named)
        if k is None:
            # (A value's comparator or kind, 定量, alone in a cell between a name and its value.)
            before_value = info is not None and (info.key == info.comparator_sign or value_kind(info))
            if info is None or mid_line or (current.valued and (info.bare_value or info.unit)) or (
                    before_value and current.named and not current.valued):
                # A value with no column left (a rate, a score) opens no row, nor does a comparator or a unit
                # printed in a cell of its own beside its number where the header names no column for it
                # (指标值 over ≥ | 100 | 人).
                current.add(t, None, schema)
                continue
            close("no column left" if current.valued else "new name")
            current.add(t, _column_for(info, 0, schema, set()), schema)
            continue
        if current.valued and info is not None and schema.columns[k] != "name" and not mid_line:
            nxt = _info(stream[i + 1]) if i + 1 < len(stream) else None
            if _starts_row(info, nxt, k, schema):
                close("new name before a value")
                current.add(t, _column_for(info, 0, schema, set()), schema)
                continue
        current.add(t, k, schema)
    close("end")
    return rows, unused


def _wrapped_name(info: CellInfo, stream: list[Token], i: int, schema: Schema, after_name: int) -> bool:
    """Text between a name and a measured value, where the schema has no column between them:
    the name wrapped onto the next line (组织开展全市医疗保障系统 | 专门法律知识培训及考试 | 1次)."""
    if after_name >= len(schema.columns) or schema.columns[after_name] != "value" or schema.has("description") \
            or schema.has("basis") or info.heading is not None or info.is_label or info.unit or info.comparator \
            or info.column or info.value_like > NAME_LIKE or i + 1 >= len(stream):
        return False
    nxt = _info(stream[i + 1])
    # (In a grid with a 序号 column, a bare number after the text may be the next row's number.)
    return nxt is not None and nxt.bare_value and not _row_number(nxt, schema.numbered)


def _glued_points(token: Token, info: CellInfo | None, start: int, schema: Schema) -> list[tuple[Token, int]] | None:
    """Points and score run together (1010, 109, 55) where the next free columns are points then score: the one
    way to cut the digits into two numbers of at most 100 without a leading zero; None when not one way."""
    text = token.text
    if info is None or not info.number or not text.isdigit() or int(text) <= MAX_POINTS:
        return None  # (a number that fits the points column is the points)
    if schema.columns[start: start + 2] != ("weight", "score"):
        return None
    ways = [n for n in range(1, len(text)) if is_points(text[:n]) and is_points(text[n:])]
    if len(ways) != 1:
        return None
    n = ways[0]
    return [(token._replace(text=text[:n]), start), (token._replace(text=text[n:]), start + 1)]


def _fragment_value(info: CellInfo) -> bool:
    """A cell that matches a level-2 heading only as a fragment and reads as a value in words (持续影响)."""
    h = info.heading
    return h is not None and h.how == "fragment" and 1 not in h.levels and is_short_qualitative(info.key)


def _column_for_value(start: int, schema: Schema, valued: bool) -> int | None:
    """The next value column, or once the row has its value the completed-value column after it."""
    wanted = "actual" if valued else "value"
    return next((k for k in range(start, len(schema.columns)) if schema.columns[k] == wanted), None)


def _row_number(info: CellInfo, numbered: bool) -> bool:
    """A number that can be a row's number in the 序号 column a ``numbered`` grid opens with."""
    return numbered and fit(info, "seq") is not None


def _names_a_value(info: CellInfo, stream: list[Token], i: int, numbered: bool, described: bool = False,
                   after_level2: bool = False) -> bool:
    """A level-2 heading word followed at once by a bare value is an indicator's name (社会公众满意度 ≥90%),
    and so is any heading word under a level-2 heading (满意度 matches level 1 too); in a described grid, a
    heading word printed twice and then a bare value is a name and its description (满意度 | 满意度 | ≥95).

    A heading cell is followed by a name or a lower heading, never by the value itself. (In a grid
    with a 序号 column a bare number may be the next row's number.)
    """
    if described and i + 2 < len(stream) and stream[i + 1].text == stream[i].text:
        after = _info(stream[i + 2])
        if after is not None and after.bare_value:
            return True
    if not (info.names_before_value or after_level2) or i + 1 >= len(stream):
        return False
    nxt = _info(stream[i + 1])
    return nxt is not None and nxt.bare_value and not _row_number(nxt, numbered)


def _simulate(tokens: list[Token], start: int, named: set[str], schema: Schema) -> tuple[bool, float, bool, bool]:
    """Feed tokens from column ``start``: (every token found a column, total fit, a name placed, a value placed)."""
    k = start
    names = set(named)
    has_value = False
    total = 0.0
    for t in tokens:
        info = _info(t)
        column = _level_column(info, k, schema) if _is_heading(info) and info is not None else None
        if column is None:
            column = _column_for(info, k, schema, names)
        if column is None:
            return False, total, len(names) > len(named), has_value
        slot = schema.slots[column]
        total += fit(info, slot.column) or 0.0
        if slot.column == "name":
            names.add(slot.period)
        has_value = has_value or slot.column == "value"
        k = column + 1
    return True, total, len(names) > len(named), has_value


def _continues(line: list[Token], start: int, schema: Schema) -> bool:
    """A line that fits the columns the row before left free better than it reads as a row of its own."""
    if not line or _is_heading(_info(line[0])):
        return False
    fits, joined, _, _ = _simulate(line, start, {s.period for s in schema.slots}, schema)
    if not fits:
        return False
    _, alone, named, valued = _simulate(line, 0, set(), schema)
    return not (named and valued) or joined >= alone


def _starts_row(info: CellInfo, nxt: CellInfo | None, k: int, schema: Schema) -> bool:
    """After a row's value, a text that fits a later column but is followed by a value opens a new row."""
    if nxt is None or schema.columns[k] not in ("description", "basis", "actual", "extra"):
        return False
    if _row_number(nxt, schema.numbered):
        return False  # the next row's number follows: this cell ends the row
    name_fit = fit(info, "name") or 0.0
    if name_fit < _MIN_FIT["value"] + 1.0:
        return False
    later = _column_for(nxt, k + 1, schema, {s.period for s in schema.slots})
    value_fit = fit(nxt, "value") or 0.0
    return later is None and (value_fit >= _MIN_FIT["value"] + 2.0 or _fragment_value(nxt))
