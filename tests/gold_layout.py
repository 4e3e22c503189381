"""The samples' gold tables laid out as printed grids, for fixtures of every format (PDF, xlsx, docx, HTML).

Each sample keeps its own grid: single-period, two-period (中长期 + 本年度 side by side)
or with 绩效指标描述 / 指标值确定依据 columns. ``cell`` turns a printed text into what a
format's cell holds (a reportlab Paragraph, a number with its format ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Cell = Callable[[str], Any]


def _c(cell: Cell, text: Any) -> Any:
    return "" if text is None else cell(str(text))


def amount(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def header_rows(t: dict[str, Any], cell: Cell = str,
                side_goals: bool = False) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    """Rows of the header table (5 columns) and the spans of wide value cells (``side_goals``: 中期目标 |
    年度目标 printed side by side, as some filings do, even when 中期目标 is empty)."""
    rows: list[list[Any]] = []
    spans = []

    def field(label: str, value: Any) -> None:
        spans.append((1, len(rows), 4, len(rows)))
        rows.append([label, _c(cell, value), "", "", ""])

    field("项目名称", t.get("project_name"))
    if "project_code" in t:
        field("项目编码", t["project_code"])
    if "department" in t:
        code = t.get("department_code")
        field("主管部门及代码" if code else "主管部门", f"[{code}]{t['department']}" if code else t["department"])
    for key, label in (("implementing_unit", "实施单位"), ("project_attribute", "项目属性"),
                       ("project_source", "项目来源"), ("project_period", "项目期")):
        if key in t:
            field(label, t[key])
    funds = t.get("funds") or {}
    two = any(k.startswith("medium_term") for k in funds)
    for i, (kind, label) in enumerate((("total", "资金总额:"), ("fiscal", "其中:财政拨款"),
                                        ("other", "其他资金"), ("carryover", "上年结转"))):
        if f"annual_{kind}" not in funds and f"medium_term_{kind}" not in funds:
            continue
        first = "项目资金(万元)" if i == 0 else ""
        if two:
            rows.append([first, ("中期" if kind == "total" else "") + label, amount(funds.get(f"medium_term_{kind}")),
                         ("年度" if kind == "total" else "") + label, amount(funds.get(f"annual_{kind}"))])
        else:
            rows.append([first, ("年度" if kind == "total" else "") + label, amount(funds.get(f"annual_{kind}")), "", ""])
    goals = t.get("goals") or {}
    if side_goals and "medium_term" in goals:
        spans += [(1, len(rows), 2, len(rows)), (3, len(rows), 4, len(rows))]
        rows.append(["总体目标", "中期目标", "", "年度目标", ""])
        spans += [(1, len(rows), 2, len(rows)), (3, len(rows), 4, len(rows))]
        rows.append(["", _c(cell, goals["medium_term"]), "", _c(cell, goals.get("annual")), ""])
        goals = {}
    for key, label in (("medium_term", "总体目标"), ("annual", "年度目标")):
        if key in goals:
            field(label, goals[key])
    plan = t.get("spending_plan") or {}
    if plan:
        rows.append(["资金支出计划(%)", *list(plan)[:4]] + [""] * (4 - len(list(plan)[:4])))
        rows.append(["", *[f"{v:g}%" for v in list(plan.values())[:4]]] + [""] * (4 - len(list(plan)[:4])))
    return rows, spans


def grid(t: dict[str, Any], cell: Cell = str) -> tuple[list[str], list[list[Any]], list[tuple[str, str]]]:
    """Grid header, rows, and each row's (level1, level2) for spans."""
    inds = t["indicators"]
    described = any("description" in i for i in inds)
    two = any(i["period"] == "medium_term" for i in inds)
    rows: list[list[Any]] = []
    levels: list[tuple[str, str]] = []
    if two:
        header = ["一级指标", "二级指标", "三级指标", "中长期指标值", "二级指标", "三级指标", "本年度指标值"]
        mids = [i for i in inds if i["period"] == "medium_term"]
        annuals = [i for i in inds if i["period"] == "annual"]
        for m, a in zip(mids, annuals, strict=True):
            rows.append([_c(cell, m["level1"]), _c(cell, m["level2"]), _c(cell, m["name"]), _c(cell, m["value"]), _c(cell, a["level2"]),
                         _c(cell, a["name"]), _c(cell, a["value"])])
            levels.append((m["level1"], m["level2"]))
    elif described:
        header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
        for i in inds:
            rows.append([_c(cell, i["level1"]), _c(cell, i["level2"]), _c(cell, i["name"]), _c(cell, i.get("description")), _c(cell, i["value"]),
                         _c(cell, i.get("basis"))])
            levels.append((i["level1"], i["level2"]))
    else:
        header = ["一级指标", "二级指标", "三级指标", "指标值"]
        for i in inds:
            rows.append([_c(cell, i["level1"]), _c(cell, i["level2"]), _c(cell, i["name"]), _c(cell, i["value"])])
            levels.append((i["level1"], i["level2"]))
    return header, rows, levels


def merge_levels(rows: list[list[Any]], levels: list[tuple[str, str]], two: bool) -> list[tuple[int, ...]]:
    """Blank repeated level cells; return SPAN commands for the merged (ruled) layout.

    Level cells are compared by the gold names in ``levels``, not the rendered cells.
    """
    spans = []
    level2_cols = (1, 4) if two else (1,)
    start1 = start2 = 0
    for r in range(1, len(rows) + 1):
        end = r == len(rows)
        if end or levels[r][0] != levels[start1][0]:
            if r - start1 > 1:
                spans.append((0, start1 + 1, 0, r))
            start1 = r
        if end or levels[r] != levels[start2]:
            if r - start2 > 1:
                spans += [(c, start2 + 1, c, r) for c in level2_cols]
            start2 = r
    for r in range(1, len(rows)):
        if levels[r][0] == levels[r - 1][0]:
            rows[r][0] = ""
        if levels[r] == levels[r - 1]:
            for c in level2_cols:
                rows[r][c] = ""
    return spans
