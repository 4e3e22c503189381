"""The samples' gold tables printed as text in every shape text extraction gives (the issue's list).

Each gold table is laid out as the office and PDF fixtures lay it out (``office_fixtures.blocks``:
title, year line, the field grid, the indicator grid with merged level cells left blank) and then
written out the way a dump of that grid looks: tab rows, runs of spaces, pipe rows with padding,
markdown, single spaces, one cell per line (with or without blank lines and trailing pipes), rows
glued with no separator at all, cells wrapped over lines, page chrome before the table, level and
column headings printed one character a line, the year on the title's line. The shapes
are the decoder's unseen-layout test: a shape that loses indicators shows a mechanism that is missing.
Each grid can also be printed as a self-evaluation table, or with its values split into comparator,
number and unit columns (in either order the wild dev tables print).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from office_fixtures import Grid, blocks

Row = list[str]
Shape = Callable[[list[Row]], str]


def _rows(gold: dict[str, Any], self_evaluation: bool = False, split: str | None = None) -> list[list[Row]]:
    """Each table as rows of cell texts (a paragraph is a row of one cell)."""
    tables = []
    for parts in blocks(gold):
        rows: list[Row] = []
        for part in parts:
            if isinstance(part, Grid):
                grid = [[str(c) for c in row] for row in part.rows]
                if self_evaluation:
                    grid = _self_evaluation_fields(_self_evaluation(grid))
                if split:
                    grid = _split_values(grid, split)
                rows.extend(grid)
            else:
                rows.append([part])
        tables.append(rows)
    return tables


SELF_EVALUATION_COLUMNS = ["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


_FUNDS_LABELS = {"年度资金总额:": "年度资金总额", "其中:财政拨款": "其中:当年财政拨款", "其他资金": "其他资金",
                 "上年结转": "上年结转资金"}


def _self_evaluation_fields(grid: list[Row]) -> list[Row]:
    """A single-period field grid as a self-evaluation prints it: the funds under 年初预算数 | 全年预算数 |
    全年执行数 | 执行率 (the year's budget unchanged, all of it spent) and the goal under 预期目标 |
    实际完成情况 (achieved as set). Two-period field grids stay as they are."""
    if not grid or grid[0][:1] != ["项目名称"] or any(r[3:4] and r[3] for r in grid if r[1:2] and r[1] in _FUNDS_LABELS):
        return grid
    out: list[Row] = []
    for row in grid:
        label = row[1] if len(row) > 1 else ""
        if label in _FUNDS_LABELS:
            if not any(r[1:2] == ["年初预算数"] for r in out):
                out.append(["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "执行率"])
            amount = row[2]
            out.append([_FUNDS_LABELS[label], amount, amount, amount, "100%" if amount else ""])
        elif row[:1] == ["年度目标"]:
            out.append(["年度总体目标", "预期目标", "", "实际完成情况", ""])
            out.append(["", row[1], "", row[1], ""])
        else:
            out.append(row)
    return out


def _self_evaluation(grid: list[Row]) -> list[Row]:
    """A single-period indicator grid as a self-evaluation table prints it: after 指标值 the completed
    value (as targeted), the points, the score and the reason for a shortfall (none, or a remark)."""
    header = grid[0]
    if not header or header[0] != "一级指标" or header.count("三级指标") != 1:
        return grid  # the field grid, or a two-period grid (self-evaluations have one period)
    value = header.index("指标值")
    rows = [[*header[: value + 1], *SELF_EVALUATION_COLUMNS, *header[value + 1:]]]
    for n, row in enumerate(grid[1:]):
        reason = "" if n % 3 else "按计划完成"
        rows.append([*row[: value + 1], row[value], "10", "10" if n % 4 else "9", reason, *row[value + 1:]])
    return rows


# Comparator, number and unit each in a column of their own (wild dev tables print 指标性质 | 指标值 |
# 度量单位, or 计量单位 | 指标性质 | 指标值): the layout's name -> the order, c(omparator) n(umber) u(nit).
SPLIT_ORDERS: dict[str, str] = {"split values": "cnu", "split values, unit first": "ucn"}
_SPLIT_HEADINGS = {"cnu": {"c": "指标性质", "u": "度量单位"}, "ucn": {"c": "指标性质", "u": "计量单位"}}
# A value printed as comparator, number and unit (≥95%, 20万元, =3次); anything else stays in the value column.
_QUANTITY = re.compile(r"(≥|≤|＞|＜|>=|<=|>|<|=|＝)?(\d+(?:\.\d+)?)([^\d\s.,，;；。、:：()（）【】]{1,4})?")


def _quantity_parts(value: str) -> dict[str, str] | None:
    m = _QUANTITY.fullmatch(value.strip())
    if not m or not (m.group(1) or m.group(3)):
        return None
    return {"c": m.group(1) or "", "n": m.group(2), "u": m.group(3) or ""}


def _split_values(grid: list[Row], order: str) -> list[Row]:
    """An indicator grid with each 指标值 column split into comparator, number and unit columns."""
    header = grid[0]
    if not header or header[0] != "一级指标":
        return grid
    columns = {i for i, h in enumerate(header) if h.endswith("指标值")}
    out = []
    for r, row in enumerate(grid):
        cells: Row = []
        for i, cell in enumerate(row):
            if i not in columns:
                cells.append(cell)
                continue
            parts = ({**_SPLIT_HEADINGS[order], "n": cell} if r == 0
                     else _quantity_parts(cell) or {"c": "", "n": cell, "u": ""})
            cells.extend(parts[k] for k in order)
        out.append(cells)
    return out


def split_gold(gold: dict[str, Any], order: str) -> dict[str, Any]:
    """The gold of a split-value layout: FORMAT.md joins the cells in printed order (计量单位 first: 米=3500)."""
    tables = []
    for table in gold["tables"]:
        indicators = []
        for ind in table["indicators"]:
            parts = _quantity_parts(ind.get("value", ""))
            indicators.append({**ind, "value": "".join(parts[k] for k in order)} if parts else ind)
        tables.append({**table, "indicators": indicators})
    return {**gold, "tables": tables}


def _filled(row: Row) -> Row:
    return [c for c in row if c]


def _wrap(cell: str, width: int) -> list[str]:
    return [cell[i:i + width] for i in range(0, len(cell), width)] or [""]


def _wrapped_run(rows: list[Row], width: int) -> str:
    run = "".join("".join(_filled(r)) for r in rows)
    return "\n".join(run[i:i + width] for i in range(0, len(run), width))


def wrapped_at(rows: list[Row], width: int) -> str:
    """One cell a line, each cell wrapped at a column ``width`` characters wide."""
    return "\n".join(line for r in rows for c in _filled(r) for line in _wrap(c, width))


def _width(text: str, printed: bool) -> int:
    return sum(2 if printed and unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pieces(cell: str, width: int, printed: bool) -> list[str]:
    """A cell wrapped inside a column ``width`` places wide."""
    out, line = [], ""
    for char in cell:
        if _width(line + char, printed) > width:
            out.append(line)
            line = ""
        line += char
    return [*out, line] if line or not out else out


def aligned_columns(rows: list[Row], width: int, printed: bool = False, centred: bool = False) -> str:
    """Every cell in a column ``width`` places wide (characters, or printed width), two spaces between
    columns, wrapped inside it; a paragraph is printed as it is."""
    lines = []
    for row in rows:
        if len(row) == 1:
            lines.append(row[0])
            continue
        cells = [_pieces(c, width, printed) if c else [""] for c in row]
        height = max(map(len, cells))
        if centred:
            cells = [[""] * ((height - len(c)) // 2) + c for c in cells]
        for k in range(height):
            line = "".join(p + " " * (width - _width(p, printed) + 2) for p in (c[k] if k < len(c) else "" for c in cells))
            lines.append(line.rstrip())
    return "\n".join(lines)


def _as_csv(rows: list[Row]) -> str:
    """Rows saved as CSV the way a spreadsheet saves them: every row as wide as the widest, cells with
    commas, quotes or line breaks quoted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    width = max(map(len, rows))
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return out.getvalue().rstrip("\n")


def _unmerged(rows: list[Row]) -> list[Row]:
    """Every merged cell printed in each row it spans (an export that unmerges cells): a field label
    (项目资金(万元), 资金支出计划(%)) in front of each of its rows, the level headings on every row of
    the indicator grid."""
    out: list[Row] = []
    above: Row | None = None
    grid = False
    for row in rows:
        if row and row[0] == "一级指标":
            grid = True
        elif above is not None and len(row) == len(above) and len(row) > 1:
            spans = 2 if grid else 1
            row = [cell or (above[k] if k < spans else "") for k, cell in enumerate(row)]
        elif len(row) <= 1:
            grid = False
        above = row if len(row) > 1 and row[0] != "一级指标" else None
        out.append(row)
    return out


def _numbered(rows: list[Row]) -> list[Row]:
    """An indicator grid with a 序号 column: the rows numbered from 1."""
    out: list[Row] = []
    in_grid, number = False, 0
    for row in rows:
        if row and row[0] == "一级指标":
            in_grid, number = True, 0
            row = ["序号", *row]
        elif in_grid and len(row) > 1:
            number += 1
            row = [str(number), *row]
        else:
            in_grid = False
        out.append(row)
    return out


def _two_row_header(rows: list[Row]) -> list[Row]:
    """A single-period indicator header as two rows: 绩效指标 over the levels, the other headings beside it."""
    out: list[Row] = []
    for row in rows:
        if row and row[0] == "一级指标" and row.count("三级指标") == 1:
            out.append(["绩效指标", "", "", *row[3:]])
            row = [*row[:3], *[""] * (len(row) - 3)]
        out.append(row)
    return out


PAGE_ROWS = 5


def _centred(rows: list[Row], lower: bool = False) -> list[Row]:
    """Each merged level cell's text on the middle row of its span, as PDF and Word exports print a
    vertically centred cell: row (span - 1) // 2 of it, or span // 2 (``lower``). A level-2 span ends
    where its level-1 span does."""
    out = [list(r) for r in rows]
    level_columns: list[int] = []
    for i, row in enumerate(rows):
        if row and row[0] == "一级指标":
            level_columns = [k for k, c in enumerate(row) if c in ("一级指标", "二级指标")]
            continue
        if len(row) <= 1:
            level_columns = []
        for k in level_columns:
            if k >= len(row) or not row[k]:
                continue
            j = i + 1
            while j < len(rows) and len(rows[j]) == len(row) and not rows[j][k] and not rows[j][0]:
                j += 1
            middle = i + ((j - i) // 2 if lower else (j - i - 1) // 2)
            out[i][k], out[middle][k] = "", row[k]
    return out


def _numbered_levels(rows: list[Row], bracketed_first: bool) -> list[Row]:
    """Level headings numbered as a report's outline numbers them: level 1 （一） or 一、 (with its points,
    （50分）, when bracketed), level 2 1. or （1）, counted afresh under each level 1."""
    out: list[Row] = []
    level_columns: list[int] = []
    first = second = 0
    for row in rows:
        if row and row[0] == "一级指标":
            level_columns = [k for k, c in enumerate(row) if c in ("一级指标", "二级指标")]
            out.append(row)
            continue
        if len(row) <= 1:
            level_columns = []
        row = list(row)
        for k in level_columns:
            if k >= len(row) or not row[k]:
                continue
            if k == 0:
                first, second = first + 1, 0
                numeral = _CN_NUMERALS[first - 1]
                row[k] = f"（{numeral}）{row[k]}（50分）" if bracketed_first else f"{numeral}、{row[k]}"
            else:
                second += 1
                row[k] = f"{second}.{row[k]}" if bracketed_first else f"（{second}）{row[k]}"
        out.append(row)
    return out


_CN_NUMERALS = "一二三四五六七八九十"


def _first_levels_lost(rows: list[Row]) -> list[Row]:
    """The first indicator row of each grid without its level cells (printed on the page before, or torn
    off): the merged cells' text is missing above the rows that open the grid."""
    out = [list(r) for r in rows]
    grid = False
    for row in out:
        if row and row[0] == "一级指标":
            grid = True
            continue
        if grid and len(row) > 2:
            level_columns = [k for k in (0, 1) if row[k]]
            for k in level_columns:
                row[k] = ""
            grid = False
    return out


def _paged(rows: list[Row]) -> list[Row]:
    """An indicator grid cut by page breaks: every PAGE_ROWS rows a page footer and the header printed again."""
    out: list[Row] = []
    header: Row | None = None
    printed = 0
    for row in rows:
        if row and row[0] == "一级指标":
            header, printed = row, 0
        elif header is not None and len(row) > 1:
            if printed and printed % PAGE_ROWS == 0:
                out += [[f"第{printed // PAGE_ROWS}页 共9页"], header]
            printed += 1
        else:
            header = None
        out.append(row)
    return out


# The pinyin a mirror site inserts after these characters (wild dev documents: 區(qū), 價(jià), 業(yè)務(wù)).
_PINYIN = {"区": "qū", "价": "jià", "认": "rèn", "标": "biāo", "业": "yè", "务": "wù", "转": "zhuǎn", "运": "yùn",
           "时": "shí", "达": "dá", "会": "huì", "济": "jì", "质": "zhì", "产": "chǎn"}


@functools.cache
def traditional(text: str) -> str:
    """Simplified text as a mirror site prints it: converted to traditional characters (OpenCC), with
    pinyin in brackets after some characters."""
    converted = _opencc().convert(text)
    return "".join(t + (f"({_PINYIN[s]})" if s in _PINYIN else "") for s, t in zip(text, converted, strict=True))


@functools.lru_cache(maxsize=1)
def _opencc() -> Any:
    from opencc import OpenCC

    return OpenCC("s2t")


def expected_gold(gold: dict[str, Any], shape: str) -> dict[str, Any]:
    """The gold of a sample printed in ``shape``: text is compared as printed, so a shape that changes the
    script changes the names, values and fields (level headings map to the taxonomy either way)."""
    if not shape.startswith("traditional"):
        return gold
    tables = []
    for table in gold["tables"]:
        out = {k: traditional(v) if isinstance(v, str) else v for k, v in table.items() if k != "indicators"}
        if "goals" in table:
            out["goals"] = {k: traditional(v) if isinstance(v, str) else v for k, v in table["goals"].items()}
        out["indicators"] = [{k: traditional(v) if isinstance(v, str) and k not in ("period", "level1", "level2")
                              else v for k, v in ind.items()} for ind in table["indicators"]]
        tables.append(out)
    return {**gold, "tables": tables}


def _bordered(rows: list[Row], bar: str, rule: str, cross: str) -> str:
    """Each row of cells under a border line and between bars; a paragraph printed as it is."""
    lines = []
    for row in rows:
        if len(row) == 1:
            lines.append(row[0])
            continue
        lines.append(cross.join(rule * 6 for _ in row))
        lines.append(bar + bar.join(f" {c} " for c in row) + bar)
    return "\n".join(lines)


_NUMERAL_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def _numeral_year(cell: str) -> str:
    """（2024年度） -> （二〇二四年度）: the year line only."""
    return re.sub(r"(?<=[(（])(?:19|20)\d{2}(?=年度?[)）])", lambda m: m.group().translate(_NUMERAL_DIGITS), cell)


def _full_width(cell: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in cell)


def _quoted_lines(cell: str, width: int = 12) -> str:
    if len(cell) <= width:
        return cell
    return '"' + "\n".join(cell[i:i + width] for i in range(0, len(cell), width)).replace('"', '""') + '"'


def _vertical(cell: str) -> str:
    """A level heading printed one character a line (a narrow merged cell); other cells as they are."""
    return "\n".join(cell) if cell.endswith("指标") and len(cell) <= MAX_VERTICAL else cell


MAX_VERTICAL = 9
_YEAR_LINE = re.compile(r"^[（(]\d{4}年度?[)）]$")


def _title_with_year(rows: list[Row]) -> list[Row]:
    """The year line put on the title's line: 项目支出绩效目标表（2025年度）."""
    out: list[Row] = []
    for row in rows:
        if out and len(row) == 1 and _YEAR_LINE.match(row[0]) and len(out[-1]) == 1:
            out[-1] = [out[-1][0] + row[0]]
        else:
            out.append(row)
    return out


def _fields_by_spaces(rows: list[Row]) -> str:
    """The field rows' cells separated by single spaces (项目名称 测试项目), the grid's by tabs."""
    at = next((n for n, row in enumerate(rows) if row[:1] == ["一级指标"]), len(rows))
    return "\n".join([" ".join(_filled(r)) for r in rows[:at]] + ["\t".join(r) for r in rows[at:]])


_FIELD_LABELS = {"项目名称", "项目编码", "主管部门", "主管部门及代码", "实施单位", "项目属性", "项目来源", "项目期"}


def _fields_transposed(rows: list[Row]) -> str:
    """The header fields printed as a row of labels over a row of their values (项目名称 | 主管部门 | … /
    X | Y | …); funds, goals, the title lines and the grid in tabs as printed."""
    at = next((n for n, row in enumerate(rows) if row[:1] == ["一级指标"]), len(rows))
    lines, labels, values = [], [], []
    for row in rows[:at]:
        cells = _filled(row)
        if len(row) > 1 and len(cells) == 2 and cells[0] == row[0] and cells[0] in _FIELD_LABELS:
            labels.append(cells[0])
            values.append(cells[1])
        else:
            if labels:
                lines += ["\t".join(labels), "\t".join(values)]
                labels, values = [], []
            lines.append("\t".join(row))
    if labels:
        lines += ["\t".join(labels), "\t".join(values)]
    return "\n".join(lines + ["\t".join(r) for r in rows[at:]])


def _funds_in_period_columns(rows: list[Row]) -> str:
    """Two-period funds printed under period columns (项目资金(万元) | 中期 | 年度 / 资金总额 | 180 | 60 / …);
    everything else in tabs as printed."""
    out: list[str] = []
    for row in rows:
        if len(row) == 5 and row[1].startswith("中期资金总额"):
            out.append("\t".join([row[0] or "项目资金(万元)", "中期", "年度"]))
            out.append("\t".join(["资金总额", row[2], row[4]]))
        elif len(row) == 5 and row[1] in _FUNDS_LABELS and row[1] == row[3]:
            out.append("\t".join([row[1], row[2], row[4]]))
        else:
            out.append("\t".join(row))
    return "\n".join(out)


def _glued_header(rows: list[Row]) -> list[Row]:
    """The grid's header row printed as one run of its headings (一级指标二级指标三级指标指标值)."""
    return [["".join(r)] if r[:1] == ["一级指标"] else r for r in rows]


def _fields_glued(rows: list[Row]) -> str:
    """Each field row (a label and its value) printed as one run (项目属性经常性项目, 项目期3年) over a tab grid."""
    out: list[str] = []
    grid = False
    for row in rows:
        if row[:1] == ["一级指标"]:
            grid = True
        elif len(row) <= 1:
            grid = False
        cells = _filled(row)
        out.append("".join(cells) if not grid and len(cells) == 2 else "\t".join(row))
    return "\n".join(out)


# Goal and unit labels as other filings print them (wild dev tables: 年度绩效目标(文字), 项目年度目标, 年度总体目标,
# 实施期绩效目标, 当年绩效目标 of a department-wide self-evaluation; the provinces' templates: 总体绩效目标), and
# a department's code printed after its name or before it with a space or a dash. Each table takes the variant
# its length in characters picks, so the samples' tables print all of them.
_ANNUAL_LABELS = ("年度绩效目标", "项目年度目标", "本年度绩效目标", "年度总体目标", "当年绩效目标", "绩效目标")
_MEDIUM_LABELS = ("实施期绩效目标", "项目总体目标", "中长期目标", "实施期目标", "总体绩效目标", "中期目标")
_DEPARTMENT_LABELS = ("主管部门", "主管单位", "预算部门", "部门名称", "主管部门名称", "预算单位")
_UNIT_LABELS = ("实施单位", "项目实施单位", "执行单位", "实施单位名称", "项目单位", "具体实施单位")
_CODED = ("{code} {name}", "{name}({code})", "{code}-{name}", "【{code}】{name}", "{code}{name}")
_CODED_LABELS = ("主管部门及代码", "主管部门", "部门名称", "预算单位", "单位名称")
_CODE_IN = re.compile(r"^\[(\w+)\](.+)$")


def _relabelled(rows: list[Row]) -> list[Row]:
    """Goal, department and unit rows under the labels and code forms one table's variant picks."""
    pick = sum(len(c) for row in rows for c in row)
    out: list[Row] = []
    for row in rows:
        label = row[0] if row else ""
        if label == "年度目标":
            row = [_ANNUAL_LABELS[pick % len(_ANNUAL_LABELS)], *row[1:]]
        elif label == "总体目标":
            row = [_MEDIUM_LABELS[pick // 2 % len(_MEDIUM_LABELS)], *row[1:]]
        elif label == "主管部门":
            row = [_DEPARTMENT_LABELS[pick // 3 % len(_DEPARTMENT_LABELS)], *row[1:]]
        elif label == "实施单位":
            row = [_UNIT_LABELS[pick // 5 % len(_UNIT_LABELS)], *row[1:]]
        elif label == "主管部门及代码" and (m := _CODE_IN.match(row[1])):
            coded = _CODED[pick // 7 % len(_CODED)].format(code=m.group(1), name=m.group(2))
            row = [_CODED_LABELS[pick % len(_CODED_LABELS)], coded, *row[2:]]
        out.append(row)
    return out


# A goal of numbered items (1. … 2. …, 1、…, 目标1: …) as filings print it: each item on a line of its own,
# each wrapped at GOAL_WRAP characters, under or beside its label.
GOAL_WRAP = 16
_GOAL_ITEM = re.compile(r"(?<=[^\d标])(?=(?:目标)?\d{1,2}(?:[、．]|\.(?!\d)|[:：]))")
_GOAL_LABELS = {"年度目标", "总体目标"}


def _goal_lines(text: str) -> list[str]:
    """A goal's printed lines: an item a line, each item wrapped at GOAL_WRAP characters."""
    items = [item.strip() for item in _GOAL_ITEM.split(text) if item.strip()]
    return [piece for item in items for piece in _wrap(item, GOAL_WRAP)]


def _goal_items_tabbed(rows: list[Row]) -> str:
    """Tab rows; a goal's first line beside its label, its other lines alone (a PDF's text of a tall cell)."""
    lines = []
    for row in rows:
        if row[:1] and row[0] in _GOAL_LABELS and row[1]:
            first, *more = _goal_lines(row[1])
            lines += ["\t".join([row[0], first, *row[2:]]), *more]
        else:
            lines.append("\t".join(row))
    return "\n".join(lines)


def _goal_items_per_line(rows: list[Row]) -> str:
    """One cell a line, a goal's items each on lines of their own under its label."""
    lines = []
    for row in rows:
        if row[:1] and row[0] in _GOAL_LABELS and row[1]:
            lines += [row[0], *_goal_lines(row[1])]
        else:
            lines += _filled(row)
    return "\n".join(lines)


# The two periods' goals side by side under one label (总体目标 | 中期目标 | 年度目标 / texts), as two-period
# tables print them (gold_layout's side_goals); an empty side printed as one of NO_GOAL (the annual goal's
# length picks which).
NO_GOAL = ("无", "/", "")


def _side_goals(rows: list[Row]) -> list[Row]:
    """The 总体目标 and 年度目标 rows of a table as one heading row over the two texts."""
    out: list[Row] = []
    for row in rows:
        if row[:1] == ["年度目标"] and out and out[-1][:1] == ["总体目标"]:
            medium = out.pop()[1] or NO_GOAL[len(row[1]) % len(NO_GOAL)]
            out += [["总体目标", "中期目标", "", "年度目标", ""], ["", medium, "", row[1], ""]]
        else:
            out.append(row)
    return out


def _units_paired(rows: list[Row]) -> list[Row]:
    """主管部门 and 实施单位 printed in one row (主管部门 | X | 实施单位 | Y), and the filing unit's line
    (填报单位(盖章): X) over the title where a 主管部门 is printed."""
    out: list[Row] = []
    department = next((_CODE_IN.sub(r"\2", r[1]) for r in rows if r[:1] in (["主管部门"], ["主管部门及代码"])), None)
    for row in rows:
        if row[:1] == ["实施单位"] and out and out[-1][:1] in (["主管部门"], ["主管部门及代码"]):
            out[-1] = [out[-1][0], out[-1][1], "实施单位", row[1], ""]
        else:
            out.append(row)
    return ([[f"填报单位(盖章):{department}"]] if department else []) + out


def _code_apart(rows: list[Row]) -> list[Row]:
    """A department's code in a cell of its own before its name (主管部门及代码 | 608 | 宿州市医疗保障局), bare
    or bracketed, or after it (宿州市医疗保障局 | 608), or after it in the name's cell behind a space (the
    table's length picks which), as a grid that gives the code a column prints it."""
    pick = sum(len(c) for row in rows for c in row) % 4
    out: list[Row] = []
    for row in rows:
        m = _CODE_IN.match(row[1]) if row[:1] == ["主管部门及代码"] else None
        if m:
            code, name = m.group(1), m.group(2)
            row = [row[0], *([code, name], [f"[{code}]", name], [name, code], [f"{name} {code}", ""])[pick], *row[3:]]
        out.append(row)
    return out


# A goal cut by a page break: the page's footer (第1页 共2页) between the two halves of its text.
def _goal_paged(rows: list[Row]) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        if row[:1] and row[0] in _GOAL_LABELS and len(row[1]) > 2 * GOAL_WRAP:
            half = len(row[1]) // 2
            out += [[row[0], row[1][:half], *row[2:]], ["第1页 共2页"], [row[1][half:]]]
        else:
            out.append(row)
    return out


def _filing_unit_line(rows: list[Row]) -> list[Row]:
    """No 主管部门 row: the unit that files the table printed on a line of its own under the title and year
    (填报单位（盖章）：X | 单位：万元), as application tables print it; blank where no unit is printed."""
    unit = next((r[1] for r in rows if r[:1] in (["主管部门"], ["主管部门及代码"])), "")
    out = [r for r in rows if r[:1] not in (["主管部门"], ["主管部门及代码"])]
    at = next(n for n, r in enumerate(out) if len(r) > 1)
    return [*out[:at], [f"填报单位（盖章）：{unit}", "单位：万元"], *out[at:]]


def _goal_achieved(rows: list[Row]) -> list[Row]:
    """The year's goal as a self-evaluation prints it, the set goal beside what was achieved in other words
    (年度总体目标 | 预期目标 | 实际完成情况 / text | 已完成：text, or nothing achieved printed: /, blank)."""
    out: list[Row] = []
    for row in rows:
        if row[:1] == ["年度目标"]:
            achieved = ("已完成：" + row[1], "/", "")[len(row[1]) % 3]
            out += [["年度总体目标", "预期目标", "", "实际完成情况", ""], ["", row[1], "", achieved, ""]]
        else:
            out.append(row)
    return out


def _goal_into_header(rows: list[Row]) -> list[Row]:
    """The grid's header row run on from the goal cell just above it (…工作目标。一级指标 | 二级指标 | …), as a
    PDF's text prints the goal's last line and the header on one line."""
    out: list[Row] = []
    for row in rows:
        if row[:1] == ["一级指标"] and out and out[-1][:1] and out[-1][0] in _GOAL_LABELS and out[-1][1]:
            out[-1] = [out[-1][0], out[-1][1] + row[0], *row[1:]]
        else:
            out.append(row)
    return out


# A transfer-payment (区域) table's departments of every level, the most local last (wild dev Chongqing and
# Shaanxi tables): the table's 主管部门 printed under the local level's label the table's length picks.
_UPPER_LEVELS = [["中央主管部门", "财政部、国家医疗保障局"], ["省级财政部门", "省财政厅"], ["省级主管部门", "省医疗保障局"]]
_LOCAL_LEVELS = ("市级主管部门", "县级主管部门", "区县主管部门")


def _department_levels(rows: list[Row]) -> list[Row]:
    local = _LOCAL_LEVELS[sum(len(c) for row in rows for c in row) % len(_LOCAL_LEVELS)]
    out: list[Row] = []
    for row in rows:
        if row[:1] in (["主管部门"], ["主管部门及代码"]):
            out += [[*upper, "", "", ""] for upper in _UPPER_LEVELS] + [[local, *row[1:]]]
        else:
            out.append(row)
    return out


def _goal_label_down(rows: list[Row]) -> list[Row]:
    """A goal's label printed down its merged cell two characters a line (年度 / 目标), its text wrapped at
    GOAL_WRAP beside it, line by line, as a PDF's text prints a tall row."""
    out: list[Row] = []
    for row in rows:
        if row[:1] and row[0] in _GOAL_LABELS and row[1]:
            pieces, lines = _wrap(row[0], 2), _wrap(row[1], GOAL_WRAP)
            out += [[pieces[k] if k < len(pieces) else "", lines[k] if k < len(lines) else ""]
                    for k in range(max(len(pieces), len(lines)))]
        else:
            out.append(row)
    return out


def _tab_rows(rows_of: Callable[[list[Row]], list[Row]]) -> Shape:
    """A shape printing the rows ``rows_of`` makes as tab rows."""
    return lambda rows: "\n".join("\t".join(r) for r in rows_of(rows))


def _cell_per_line(rows_of: Callable[[list[Row]], list[Row]]) -> Shape:
    """A shape printing the filled cells of the rows ``rows_of`` makes one a line."""
    return lambda rows: "\n".join(c for r in rows_of(rows) for c in _filled(r))


CHROME = "当前位置: 首页 > 信息公开 > 预算公开\n发布时间:2023-03-01 浏览次数: 128\n字号: 大 中 小 【打印】 【关闭】\n\n"

SHAPES: dict[str, Shape] = {
    "tab rows": lambda rows: "\n".join("\t".join(r) for r in rows),
    "runs of spaces": lambda rows: "\n".join("    ".join(r) for r in rows),
    "pipe rows with padding": lambda rows: "\n".join(" | ".join(r) + " | ||||" for r in rows),
    "markdown rows": lambda rows: "\n".join("| " + " | ".join(r) + " |" for r in rows),
    # (A cell's own spaces are dropped: with them the shape is ambiguous to a reader too; the referee
    # does not score whitespace.)
    "single spaces between filled cells": lambda rows: "\n".join(" ".join("".join(c.split()) for c in _filled(r))
                                                                  for r in rows),
    "one cell per line": lambda rows: "\n".join(c for r in rows for c in _filled(r)),
    "one cell per line, blank lines, trailing pipes": lambda rows: "\n\n".join(f"{c} |" for r in rows for c in _filled(r)),
    "rows glued with no separator": lambda rows: "\n".join("".join(_filled(r)) for r in rows),
    # A page that prints the whole table as one run of text (a web page's copy of a document), and the same run
    # wrapped at a page's width as a PDF's text prints it: line breaks fall anywhere, inside cells too.
    "the whole table glued into one run": lambda rows: "".join("".join(_filled(r)) for r in rows),
    "glued into one run, wrapped at a page's width": lambda rows: _wrapped_run(rows, 40),
    "long cells wrapped over lines": lambda rows: wrapped_at(rows, 14),
    "header glued, one cell per line": lambda rows: "\n".join(c for r in _glued_header(rows) for c in _filled(r)),
    "field rows glued label to value, tab grid": _fields_glued,
    "page chrome and a notice before the table": lambda rows: CHROME + "\n".join("\t".join(r) for r in rows),
    "level headings one character a line": lambda rows: "\n".join(_vertical(c) for r in rows for c in _filled(r)),
    "title and year on one line, tab rows": lambda rows: "\n".join("\t".join(r) for r in _title_with_year(rows)),
    "fields by single spaces, grid in tabs": _fields_by_spaces,
    "field labels in a row over their values": _fields_transposed,
    "two-period funds under period columns": _funds_in_period_columns,
    # pdftotext -layout: columns set by spaces, each cell wrapped inside its column (12 characters wide),
    # its next pieces on the next lines at the column's place, the row's other cells on its first line.
    "columns aligned by spaces, cells wrapped in place": lambda rows: aligned_columns(rows, 12),
    # The same set by printed width (a wide character takes two places), 24 wide, and each row's cells
    # centred on its tallest cell, as a spreadsheet's default vertical alignment prints them.
    "columns aligned by printed width, cells centred": lambda rows: aligned_columns(rows, 24, True, True),
    "comma-separated values, as a spreadsheet saves them": lambda rows: _as_csv(rows),
    # A range of a sheet copied and pasted: tab rows, a cell holding line breaks (here wrapped at 12
    # characters) quoted.
    "a sheet's range pasted, multi-line cells quoted": lambda rows: "\n".join(
        "\t".join(_quoted_lines(c) for c in r) for r in rows),
    # Typed in full-width mode (２０２４年, ［４７３００１］, ≥９８％), tab rows.
    "full-width letters and digits, tab rows": lambda rows: "\n".join("\t".join(_full_width(c) for c in r) for r in rows),
    # No merged cells: every row prints its field label and its level-1 and level-2 headings.
    "merged cells printed in every row, tab rows": lambda rows: "\n".join("\t".join(r) for r in _unmerged(rows)),
    "merged cells printed in every row, one cell per line": lambda rows: "\n".join(
        c for r in _unmerged(rows) for c in _filled(r)),
    # A row-number column (序号 1, 2, …) in front of the levels.
    "a 序号 column, tab rows": lambda rows: "\n".join("\t".join(r) for r in _numbered(rows)),
    "a 序号 column, one cell per line": lambda rows: "\n".join(c for r in _numbered(rows) for c in _filled(r)),
    # Borders drawn around every row: box-drawing characters (a text export), +---+ (a pandoc grid table);
    # and cells parted by full-width bars with no spaces.
    "box-drawing borders": lambda rows: _bordered(rows, "│", "─", "┼"),
    "grid table with +---+ borders": lambda rows: _bordered(rows, "|", "-", "+"),
    "full-width bars between cells": lambda rows: "\n".join("｜".join(r) for r in rows),
    # A header printed as two rows: 绩效指标 merged over the three level columns beside the other column
    # headings, then 一级指标 | 二级指标 | 三级指标 under it.
    "two-row header (绩效指标 over the levels), tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _two_row_header(rows)),
    "two-row header (绩效指标 over the levels), one cell per line": lambda rows: "\n".join(
        c for r in _two_row_header(rows) for c in _filled(r)),
    # A multi-page PDF's text: every five rows of a grid a page footer (第1页 共9页) and the header again.
    "tab rows cut into pages": lambda rows: "\n".join("\t".join(r) for r in _paged(rows)),
    "one cell per line cut into pages": lambda rows: "\n".join(c for r in _paged(rows) for c in _filled(r)),
    # A mirror site's copy: traditional characters, pinyin inserted after some (價(jià)格, 標(biāo)).
    "traditional characters with pinyin, tab rows": lambda rows: "\n".join(
        "\t".join(traditional(c) for c in r) for r in rows),
    "traditional characters with pinyin, one cell per line": lambda rows: "\n".join(
        traditional(c) for r in rows for c in _filled(r)),
    # The year under the title in numerals (（二〇二四年度）), tab rows.
    "year in numerals, tab rows": lambda rows: "\n".join("\t".join(_numeral_year(c) for c in r) for r in rows),
    # A scan's OCR or a letter-spaced PDF: a space after every character of a cell, tab rows.
    "letter-spaced cells, tab rows": lambda rows: "\n".join("\t".join(" ".join(c) for c in r) for r in rows),
    # A PDF's or a Word file's text: each merged level cell printed on the middle row of its span (the upper
    # middle in tab rows, the lower middle one cell a line, as exports round either way).
    "level cells centred in their merged span, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _centred(rows)),
    "level cells centred in their merged span, one cell per line": lambda rows: "\n".join(
        c for r in _centred(rows, lower=True) for c in _filled(r)),
    # Level headings numbered as an outline: （一）产出指标（50分） over 1.数量指标 in tab rows, 一、产出指标 over
    # （1）数量指标 one cell a line.
    "level headings numbered, tab rows": lambda rows: "\n".join("\t".join(r) for r in _numbered_levels(rows, True)),
    "level headings numbered, one cell per line": lambda rows: "\n".join(
        c for r in _numbered_levels(rows, False) for c in _filled(r)),
    # A grid's first row without its level cells (they were printed on the page before): the rows above the
    # first heading belong to the category before it, and a centred reading must not be taken.
    "first row's level cells lost, tab rows": lambda rows: "\n".join("\t".join(r) for r in _first_levels_lost(rows)),
    "first row's level cells lost, one cell per line": lambda rows: "\n".join(
        c for r in _first_levels_lost(rows) for c in _filled(r)),
    # Goal and unit rows as other filings label them, a department's code in other places (_relabelled).
    "goal and unit labels of other filings, tab rows": _tab_rows(_relabelled),
    "goal and unit labels of other filings, one cell per line": _cell_per_line(_relabelled),
    # A goal's numbered items one a line, each wrapped (_goal_lines).
    "goal items one a line, wrapped, tab rows": _goal_items_tabbed,
    "goal items one a line, wrapped, one cell per line": _goal_items_per_line,
    # 中期目标 | 年度目标 side by side, an empty side printed 无, / or nothing.
    "goals side by side, tab rows": _tab_rows(_side_goals),
    "goals side by side, one cell per line": _cell_per_line(_side_goals),
    # 主管部门 | X | 实施单位 | Y in one row, the filing unit's line over the title.
    "units in one row, filing unit over the title, tab rows": _tab_rows(_units_paired),
    # 主管部门及代码 | 608 | 宿州市医疗保障局: the code in a cell of its own.
    "department code in a cell of its own, tab rows": _tab_rows(_code_apart),
    "department code in a cell of its own, one cell per line": _cell_per_line(_code_apart),
    # A long goal cut by a page break, its second half on the next page.
    "goal cut by a page footer, tab rows": _tab_rows(_goal_paged),
    "goal cut by a page footer, one cell per line": _cell_per_line(_goal_paged),
    # The filing unit on a line of its own instead of a 主管部门 row (FORMAT.md: the department then).
    "filing unit's line instead of 主管部门, tab rows": _tab_rows(_filing_unit_line),
    "filing unit's line instead of 主管部门, one cell per line": _cell_per_line(_filing_unit_line),
    # The set goal beside the achieved one (预期目标 | 实际完成情况) in other words, or none printed.
    "goal set and achieved in other words, tab rows": _tab_rows(_goal_achieved),
    "goal set and achieved in other words, one cell per line": _cell_per_line(_goal_achieved),
    # The grid's header on the goal's last line, glued to its text.
    "goal run on into the grid header, tab rows": _tab_rows(_goal_into_header),
    "goal run on into the grid header, one cell per line": _cell_per_line(_goal_into_header),
    # 中央主管部门 | 省级财政部门 | 省级主管部门 | 县级主管部门 rows, the table's department the last.
    "departments of every level, tab rows": _tab_rows(_department_levels),
    "departments of every level, one cell per line": _cell_per_line(_department_levels),
    # 年度 | text… / 目标 | …text / | …text: the label down its cell beside its wrapped text.
    "goal label down its cell beside its text, tab rows": _tab_rows(_goal_label_down),
}


def render(gold: dict[str, Any], shape: str, self_evaluation: bool = False, split: str | None = None) -> str:
    """A sample's gold tables printed in one shape, tables one after another (``self_evaluation``: with
    the completed value, points, score and reason columns after the target value; ``split``: an order of
    SPLIT_ORDERS, the value in comparator, number and unit columns)."""
    return render_with(gold, SHAPES[shape], self_evaluation, split)


def render_with(gold: dict[str, Any], shape: Shape, self_evaluation: bool = False, split: str | None = None) -> str:
    """A sample's gold tables printed by any ``shape`` function (one not in SHAPES: a variant of one)."""
    return "\n\n".join(shape(rows) for rows in _rows(gold, self_evaluation, split)) + "\n"


def render_bare_grid(gold: dict[str, Any], shape: str) -> tuple[str, dict[str, Any]]:
    """The first table's grid alone, from its first row on (an excerpt with no title, fields or header),
    printed in one shape, and the gold it is scored against (that table's indicators)."""
    rows = _rows(gold)[0]
    start = next(n for n, row in enumerate(rows) if row and row[0] == "一级指标") + 1
    indicators = expected_gold(gold, shape)["tables"][0]["indicators"]
    return SHAPES[shape](rows[start:]) + "\n", {"tables": [{"indicators": indicators}]}


# The funds block of a field grid, for the shapes that print it the ways real filings do: the kind of each
# row by its label as the layouts print it (gold_layout.header_rows, _self_evaluation_fields).
_FUNDS_ROW_KINDS = {"资金总额:": "total", "年度资金总额": "total", "其中:财政拨款": "fiscal", "其中:当年财政拨款": "fiscal",
                    "其他资金": "other", "上年结转": "carryover", "上年结转资金": "carryover"}
FUNDS_BLOCK = "项目资金(万元)"


class FundsBlock:
    """The funds rows of a table's rows: where they are, their column headings (one column: 金额; two
    periods: 中期 | 年度; a self-evaluation: its budget columns) and each row's kind and amounts."""

    def __init__(self, start: int, end: int, headings: Row, items: list[tuple[str, Row]]) -> None:
        self.start, self.end, self.headings, self.items = start, end, headings, items

    @classmethod
    def find(cls, rows: list[Row]) -> FundsBlock | None:
        start = next((n for n, r in enumerate(rows) if r[:1] == [FUNDS_BLOCK]), None)
        if start is None:
            return None
        first, items = rows[start], []
        if first[1:2] == ["年初预算数"]:  # a self-evaluation: 项目资金(万元) | 年初预算数 | … over label rows
            end = start + 1
            while end < len(rows) and rows[end][:1] and rows[end][0] in _FUNDS_ROW_KINDS:
                items.append((_FUNDS_ROW_KINDS[rows[end][0]], rows[end][1:]))
                end += 1
            return cls(start, end, first[1:], items)
        two = first[1].startswith("中期")
        end = start
        while end < len(rows) and len(rows[end]) == 5 and rows[end][0] in ("", FUNDS_BLOCK) and \
                rows[end][1].removeprefix("中期").removeprefix("年度") in _FUNDS_ROW_KINDS:
            row = rows[end]
            items.append((_FUNDS_ROW_KINDS[row[1].removeprefix("中期").removeprefix("年度")],
                          [row[2], row[4]] if two else [row[2]]))
            end += 1
        return cls(start, end, ["中期", "年度"] if two else ["金额(万元)"], items)

    def replaced(self, rows: list[Row], new: list[Row]) -> list[Row]:
        return [*rows[: self.start], *new, *rows[self.end:]]


def _with_funds(print_block: Callable[[FundsBlock], list[Row]]) -> Callable[[list[Row]], list[Row]]:
    """Rows with their funds block printed by ``print_block`` (rows without one as they are)."""
    def rows_with(rows: list[Row]) -> list[Row]:
        block = FundsBlock.find(rows)
        return rows if block is None else block.replaced(rows, print_block(block))
    return rows_with


_SOURCE_LABELS = {"fiscal": "财政拨款", "other": "其他资金", "carryover": "上年结转资金"}


def _funds_sources(block: FundsBlock) -> list[Row]:
    """A 资金来源 table: the sources one a row under the block's columns, their total (合计) last."""
    rows = [["资金来源", *block.headings]]
    rows += [[_SOURCE_LABELS[kind], *amounts] for kind, amounts in block.items if kind != "total"]
    rows += [["合计", *amounts] for kind, amounts in block.items if kind == "total"]
    return rows


def _yuan(amount: str) -> str:
    """An amount in 万元 printed in 元 with thousands separators (92.65 -> 926,500.00)."""
    return f"{float(amount) * 10000:,.2f}" if re.fullmatch(r"\d+(?:\.\d+)?", amount) else amount


def _funds_in_yuan(rows: list[Row], label: str = "项目资金", unit_line: str | None = "金额单位:元") -> list[Row]:
    """The funds in 元, the block's label ``label``, under a ``unit_line`` above the field grid (or none)."""
    block = FundsBlock.find(rows)
    if block is None:
        return rows
    out = block.replaced(rows, [[(label if r[0] == FUNDS_BLOCK else r[0]), *map(_yuan, r[1:])]
                                for r in rows[block.start: block.end]])
    grid = next(n for n, r in enumerate(out) if len(r) > 1)
    return [*out[:grid], *([[unit_line]] if unit_line else []), *out[grid:]]


def _funds_unit_in_cells(rows: list[Row]) -> list[Row]:
    """Each amount with its unit in its cell, in 元 with a currency sign (¥926,500.00元), under a block label
    with no unit (项目资金)."""
    block = FundsBlock.find(rows)
    if block is None:
        return rows
    return block.replaced(rows, [[("项目资金" if r[0] == FUNDS_BLOCK else r[0]),
                                  *(f"¥{_yuan(c)}元" if re.fullmatch(r"\d+(?:\.\d+)?", c) else c for c in r[1:])]
                                 for r in rows[block.start: block.end]])


_GLUED_LABELS = {"total": "资金总额", "fiscal": "其中:财政拨款", "other": "其他资金", "carryover": "上年结转"}


def _funds_glued(block: FundsBlock) -> list[Row]:
    """A period's funds as one run of labels and amounts with their unit (年度资金总额92.65万元其中:财政拨款
    92.65万元其他资金0万元), the periods side by side; a blank amount leaves its unit alone. A
    self-evaluation's budget rows stay as they are."""
    if block.headings[:1] == ["年初预算数"]:
        return [[FUNDS_BLOCK, *block.headings], *([_SOURCE_LABELS.get(k, "年度资金总额"), *a] for k, a in block.items)]
    periods = ["中期", "年度"] if len(block.headings) == 2 else ["年度"]
    runs = ["".join((period if kind == "total" else "") + _GLUED_LABELS[kind] + amounts[n] + "万元"
                    for kind, amounts in block.items) for n, period in enumerate(periods)]
    return [["项目资金", *runs]]


SHAPES.update({
    # Funds blocks as real filings print them (the samples' funds; the rest of the table in tab rows):
    # a 资金来源 table with the total (合计) last, under the block's columns (金额(万元); 中期 | 年度; a
    # self-evaluation's budget columns) ...
    "funds as a 资金来源 table, total last, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _with_funds(_funds_sources)(rows)),
    "funds as a 资金来源 table, total last, one cell per line": lambda rows: "\n".join(
        c for r in _with_funds(_funds_sources)(rows) for c in _filled(r)),
    # ... in 元 with thousands separators under a unit line (金额单位:元) ...
    "funds in 元 under a unit line, tab rows": lambda rows: "\n".join("\t".join(r) for r in _funds_in_yuan(rows)),
    # ... each amount with its unit in its cell (¥926,500.00元) ...
    "funds with the unit in each amount's cell, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _funds_unit_in_cells(rows)),
    # ... and a period's labels and amounts run together in one cell (年度资金总额92.65万元其中:财政拨款…).
    "funds labels and amounts glued, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _with_funds(_funds_glued)(rows)),
})


def _block_rows(block: FundsBlock, rows: list[Row]) -> list[tuple[Row, Row]]:
    """Each funds row of a block as (its label cells, its amounts), the block's heading row first (a
    self-evaluation's budget headings); a two-period row's labels and amounts interleave, so it stays whole."""
    out = []
    for row in rows[block.start: block.end]:
        filled = _filled(row)
        if block.headings[:1] == ["年初预算数"] or len(block.headings) == 1:
            out.append(([c for c in filled if not re.fullmatch(r"\d+(?:\.\d+)?%?", c) and c != FUNDS_BLOCK],
                        [c for c in row[1:] if re.fullmatch(r"\d+(?:\.\d+)?%?", c) or not c][: len(block.headings)]))
        else:
            out.append((filled, []))
    return out


def _single_period_rows(rows: list[Row]) -> tuple[FundsBlock, list[Row], list[tuple[Row, Row]]] | None:
    """A single-period funds block, the row its rows go under (the block's label, or a self-evaluation's
    budget headings) and each funds row's (labels, amounts); None for a two-period block or none."""
    block = FundsBlock.find(rows)
    if block is None or len(block.headings) == 2:
        return None
    budget = block.headings[:1] == ["年初预算数"]
    pairs = _block_rows(block, rows)
    return block, [rows[block.start]] if budget else [[FUNDS_BLOCK]], pairs[1:] if budget else pairs


def _labels_after_amounts(rows: list[Row]) -> list[Row]:
    """Each funds row's amounts printed before its label (a label centred in a tall merged cell, which a
    text export gives after the row's other cells)."""
    single = _single_period_rows(rows)
    if single is None:
        return rows
    block, head, pairs = single
    return block.replaced(rows, [*head, *([*amounts, *labels] for labels, amounts in pairs)])


def _labels_column(rows: list[Row]) -> list[Row]:
    """A single-period funds block read down its columns: the labels one a line, then each row's amounts
    (a self-evaluation's budget headings first), as a ruled PDF's merged label column comes out."""
    single = _single_period_rows(rows)
    if single is None:
        return rows
    block, head, pairs = single
    labels = [[c] for ls, _ in pairs for c in ls]
    return block.replaced(rows, [*head, *labels, *([a for a in amounts if a] or ["—"] for _, amounts in pairs)])


def _dashed_blanks(rows: list[Row]) -> list[Row]:
    """The funds block's blank cells printed as '—' (a form's empty cells filled with a dash)."""
    block = FundsBlock.find(rows)
    if block is None:
        return rows
    return block.replaced(rows, [[c or "—" for c in r] for r in rows[block.start: block.end]])


def _amounts_glued_to_next_label(rows: list[Row]) -> list[Row]:
    """A single-period funds block as one row whose cells break after each label instead of after each
    amount (年度资金总额 | 92.65万元其中:财政拨款 | 92.65万元其他资金 | 0万元), as a text layer that
    ran the amounts into the next label gives it."""
    block = FundsBlock.find(rows)
    if block is None or len(block.headings) != 1:
        return rows
    cells, carry = ["项目资金"], ""
    for kind, amounts in block.items:
        cells.append(carry + {"total": "年度资金总额", **_SOURCE_LABELS}[kind])
        carry = f"{amounts[0]}万元" if amounts[0] else ""
    return block.replaced(rows, [[*cells, carry]])


SHAPES.update({
    # The funds rows' labels after their amounts, and the labels as a column of their own before the
    # amounts (single-period blocks; a self-evaluation's budget rows included), tab rows.
    "funds labels after their amounts, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _labels_after_amounts(rows)),
    "funds labels as a column before the amounts, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _labels_column(rows)),
    # Blank funds cells printed as '—', one cell per line: a label and its amount several lines apart.
    "funds blanks as dashes, one cell per line": lambda rows: "\n".join(
        c for r in _dashed_blanks(rows) for c in _filled(r)),
    "funds amounts run into the next label, tab rows": lambda rows: "\n".join(
        "\t".join(r) for r in _amounts_glued_to_next_label(rows)),
})


def _money(amount: float) -> str:
    return f"{amount:.2f}"


# A self-evaluation's budget block in the ways wild dev self-evaluations head it: its headings, each row's
# cells from the year's budget (the gold amount; the year's budget adjusted from a smaller initial one, 90%
# of it spent), the labels of its rows.
_BUDGET_HEADINGS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
_BUDGET_LABELS = {"total": "年度资金总额", "fiscal": "其中:当年财政拨款", "other": "其他资金", "carryover": "上年结转资金"}
BUDGET_STYLES: dict[str, tuple[Row, Callable[[float], Row], dict[str, str]]] = {
    "年初 | 全年 | 执行 | 分值 | 执行率 | 得分": (
        _BUDGET_HEADINGS,
        lambda a: [_money(a * 0.8), _money(a), _money(a * 0.9), "10", "90%", "9"],
        _BUDGET_LABELS),
    # (the initial budget left blank, as most self-evaluations print it)
    "年初 blank | 全年 | 执行 | 分值 | 执行率 | 得分": (
        _BUDGET_HEADINGS,
        lambda a: ["", _money(a), _money(a * 0.9), "10", "90%", "9"],
        _BUDGET_LABELS),
    "年初 | 调整后 | 执行 | 执行率 | 权重 | 得分": (
        ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        lambda a: [_money(a * 0.8), _money(a), _money(a * 0.9), "90.00%", "10", "9"],
        {"total": "总额", "fiscal": "其中:财政资金", "other": "其他资金", "carryover": "上年结转"}),
    # (分值 and 得分 printed on the total's row only)
    "年初 | 全年 | 执行 | 分值 | 执行率 | 得分, 分值 on the total only": (
        _BUDGET_HEADINGS,
        lambda a: [_money(a * 0.8), _money(a), _money(a * 0.9), "", "90%", ""],
        _BUDGET_LABELS),
    "全年(A) | 执行(B) | 分值 | 执行率(B/A) | 得分": (
        ["全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
        lambda a: [_money(a), _money(a * 0.9), "10", "90%", "9"],
        {"total": "年度资金总额:", "fiscal": "其中:本年财政拨款", "other": "其他资金", "carryover": "上年结转资金"}),
}


def _as_budget(rows: list[Row], style: str) -> list[Row]:
    """A single-period funds block printed as a self-evaluation's budget block in ``style``; a blank amount
    as dashes in its budget cells."""
    single = _single_period_rows(rows)
    if single is None:
        return rows
    block, _, _ = single
    headings, cells, labels = BUDGET_STYLES[style]
    out = [["项目资金(万元)", *headings]]
    for kind, amounts in block.items:
        printed = amounts[1] if block.headings[:1] == ["年初预算数"] else amounts[0]
        row = cells(float(printed)) if printed else ["-", "-"]
        if kind == "total" and "分值 on the total only" in style:
            row = [*row[:3], "10", row[4], "9"]
        out.append([labels[kind], *row])
    return block.replaced(rows, out)


def _field_rows_by_spaces(rows: list[Row]) -> str:
    """The field rows' filled cells separated by single spaces (empty cells lost), the grid in tabs."""
    at = next((n for n, row in enumerate(rows) if row[:1] == ["一级指标"]), len(rows))
    return "\n".join([" ".join(_filled(r)) for r in rows[:at]] + ["\t".join(r) for r in rows[at:]])


_BUDGET_JOINS: dict[str, Callable[[list[Row]], str]] = {
    "tab rows": lambda rows: "\n".join("\t".join(r) for r in rows),
    "field rows by single spaces": _field_rows_by_spaces,
    "one cell per line": lambda rows: "\n".join(c for r in rows for c in _filled(r)),
}
# Every style in tab rows and one cell per line; those that leave cells empty also by single spaces, which
# lose the empty cells.
SHAPES.update({
    f"funds as budget rows ({style}), {name}": (
        lambda rows, style=style, join=join: join(_as_budget(rows, style)))
    for style in BUDGET_STYLES
    for name, join in _BUDGET_JOINS.items()
    if name != "field rows by single spaces" or "blank" in style or "only" in style
})
SHAPES["funds in 元, the unit in the block's label, tab rows"] = lambda rows: "\n".join(
    "\t".join(r) for r in _funds_in_yuan(rows, "项目资金（单位：元）", None))


def _sources_as_columns(block: FundsBlock) -> list[Row]:
    """The funds sources heading the columns and a period a row (项目资金(万元) | 资金总额 | 财政拨款 | 其他资金
    / 中期 | 180 | 180 | / 年度 | 60 | 60 |); a self-evaluation's budget rows stay as they are."""
    if block.headings[:1] == ["年初预算数"]:
        return [[FUNDS_BLOCK, *block.headings], *([_SOURCE_LABELS.get(k, "年度资金总额"), *a] for k, a in block.items)]
    labels = {"total": "资金总额", **_SOURCE_LABELS}
    periods = ["中期", "年度"] if len(block.headings) == 2 else ["年度"]
    return [[FUNDS_BLOCK, *(labels[kind] for kind, _ in block.items)],
            *([period, *(amounts[n] for _, amounts in block.items)] for n, period in enumerate(periods))]


SHAPES["funds sources as columns, a period a row, tab rows"] = lambda rows: "\n".join(
    "\t".join(r) for r in _with_funds(_sources_as_columns)(rows))
SHAPES.update({
    "funds labels as a column before the amounts, one cell per line": lambda rows: "\n".join(
        c for r in _labels_column(rows) for c in _filled(r)),
    "funds amounts run into the next label, one cell per line": lambda rows: "\n".join(
        c for r in _amounts_glued_to_next_label(rows) for c in _filled(r)),
})


def _total_with_breakdown(block: FundsBlock) -> list[Row]:
    """A period's total with its sources in brackets in one cell (年度资金总额 | 92.65万元（其中：财政拨款
    92.65万元，其他资金0万元）), a blank source a dash; a self-evaluation's budget rows stay as they are."""
    if block.headings[:1] == ["年初预算数"]:
        return [[FUNDS_BLOCK, *block.headings], *([_SOURCE_LABELS.get(k, "年度资金总额"), *a] for k, a in block.items)]
    periods = ["中期", "年度"] if len(block.headings) == 2 else ["年度"]
    rows = []
    for n, period in enumerate(periods):
        total = next((a[n] for k, a in block.items if k == "total"), "")
        items = "，".join(_GLUED_LABELS[k] + (f"{a[n]}万元" if a[n] else "—") for k, a in block.items if k != "total")
        rows.append(["项目资金" if n == 0 else "", f"{period}资金总额", f"{f'{total}万元' if total else '—'}（{items}）"])
    return rows


SHAPES["funds totals with their sources in brackets, tab rows"] = lambda rows: "\n".join(
    "\t".join(r) for r in _with_funds(_total_with_breakdown)(rows))
