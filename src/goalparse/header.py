"""Stage: the rows above the indicator grid -> header fields, funds, goals, spending plan.

Labels come from ``schemas/fields.json``. A label's value is the next filled
cell unless that cell is another label, in which case the field was printed
blank (null). Funds labels that exist in both periods (其中:财政拨款, 其他资金)
take the period of the column group they sit in, counted from the left.

Example row: ``项目资金 (万元) | 中期资金总额: | 180.0 | | 年度资金总额: | 60.0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

import regex

from .bounds import out_of_range, to_number
from .cells import Row
from .labels import funds_of, is_label, is_label_kind, label_kinds
from .normalise import TEXT_CACHE_SIZE, collapse_spaces, join_wrapped, match_key

_AMOUNT: Final = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$")
_PERIOD_MARK: Final = re.compile(r"^[(（]?\s*(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年?\s*[)）]?$")
# Templates print a few markers (目标1: 目标2: 目标3: .....); longer text has content.
MAX_PLACEHOLDER_CHARS: Final = 60
_PLACEHOLDER_HINT: Final = re.compile(r"[.。…·．]|目标|指标")
_PLACEHOLDER_GOAL: Final = re.compile(r"(?:目标|指标)\s*\d+\s*[:：]?|[.。…·]+|\s+")
_CODE_FIRST: Final = re.compile(r"^[\[【(（]\s*(\d{2,12})\s*[\]】)）]\s*(.+)$|^(\d{3,12})\s+(\S.*)$")
_CODE_LAST: Final = re.compile(r"^(.+?)\s*[\[【(（]\s*(\d{2,12})\s*[\]】)）]$")
_DEPARTMENT_LINE: Final = regex.compile(r"^(\d{3,12})\s*(\p{Han}.*)$")
_MILESTONE: Final = re.compile(
    r"^(?:\d{1,2}\s*月\s*(?:底|末|中旬|上旬|下旬)?|年底|年末|[一二三四]\s*季度(?:末)?|上半年|下半年)$"
)
_PERCENT: Final = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

PERIODS: Final = ("medium_term", "annual")
# Funds are kept in 万元; a table that prints 元 (单位：元, 项目资金(元)) is converted.
_YUAN_UNIT: Final = re.compile(r"(?:单位\s*[:：]\s*元\s*$|[(（]\s*元\s*[)）])")
YUAN_TO_WAN: Final = 0.0001


@dataclass
class Header:
    """What the header rows print; keys present only when printed."""

    fields: dict[str, str | None] = field(default_factory=dict)
    funds: dict[str, float | None] = field(default_factory=dict)
    goals: dict[str, str | None] = field(default_factory=dict)
    spending_plan: dict[str, float] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)


def parse_amount(text: str) -> float | None:
    """'2,858.5' -> 2858.5; '' or text -> None.

    >>> parse_amount("2,858.5"), parse_amount("0.00"), parse_amount("")
    (2858.5, 0.0, None)
    """
    cleaned = _amount_text(text)
    return to_number(cleaned) if _AMOUNT.match(cleaned) else None


def _amount_text(text: str) -> str:
    return match_key(text).removesuffix("万元").removesuffix("元")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_placeholder(text: str) -> bool:
    """Template text such as '目标1: 目标2: .....' or '指标1:' holds no content."""
    if len(text) > MAX_PLACEHOLDER_CHARS or not _PLACEHOLDER_HINT.search(text):
        return False
    return bool(text.strip()) and not _PLACEHOLDER_GOAL.sub("", match_key(text))


def _split_code(value: str) -> tuple[str | None, str]:
    m = _CODE_FIRST.match(value)
    if m:
        code, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return code, name.strip()
    m = _CODE_LAST.match(value)
    if m:
        return m.group(2), m.group(1).strip()
    return None, value


def _set_field(header: Header, name: str, value: str | None) -> None:
    if name in header.fields and header.fields[name] is not None:
        return
    if value is not None:
        value = join_wrapped(value) if name != "project_name" else collapse_spaces(value)
    if name == "department" and value:
        code, value = _split_code(value)
        if code:
            header.fields["department_code"] = code
    if name == "project_code" and value:
        value = regex.sub(r"\s+", "", value)
    header.fields[name] = value or None


def _value_after(cells: list[str], i: int) -> str | None:
    """The filled cell after a label, unless it is another label."""
    if i + 1 < len(cells) and not is_label(cells[i + 1]):
        return cells[i + 1]
    return None


def _funds_row(header: Header, cells: list[str], groups: list[str]) -> None:
    seen: dict[str, int] = {}
    for i, text in enumerate(cells):
        kind = funds_of(text)
        if kind is None:
            continue
        if kind in ("medium_term_total", "annual_total"):
            period = "medium_term" if kind == "medium_term_total" else "annual"
            if period not in groups:
                groups.append(period)
            key = kind
        else:
            k = seen.get(kind, 0)
            seen[kind] = k + 1
            period = groups[k] if k < len(groups) else "annual"
            key = f"{period}_{kind}"
        value = _value_after(cells, i)
        amount = parse_amount(value) if value is not None else None
        if value is not None and amount is None:
            if _AMOUNT.match(_amount_text(value)):
                header.notes.append((0, f"funds '{text}': {out_of_range(value)}"))
            else:
                header.notes.append((0, f"funds '{text}' has no number: '{value}'"))
        if key not in header.funds or header.funds[key] is None:
            header.funds[key] = amount


def _goal_text(text: str) -> str | None:
    if is_placeholder(text):
        return None
    return collapse_spaces(text)


def read_header(rows: list[Row]) -> Header:
    """Parse the rows above the indicator grid."""
    header = Header()
    groups: list[str] = []
    pending_goals: list[str] = []
    pending_milestones: list[str] = []
    in_yuan = False
    for row in rows:
        cells = [c.text for c in row.filled]
        kinds = [label_kinds(c) for c in cells]  # one lookup per cell for all the questions below
        if any(_YUAN_UNIT.search(c) for c, k in zip(cells, kinds, strict=True)
               if "noise" in k or "funds_block" in k or "单位" in c):
            in_yuan = True
        if not cells or all("noise" in k for k in kinds):
            continue
        if pending_milestones:
            percents = [_PERCENT.match(match_key(c)) for c in cells]
            if all(percents):
                for milestone, m in zip(pending_milestones, percents, strict=False):
                    share = to_number(m.group(1)) if m else 0.0
                    if share is not None:
                        header.spending_plan[milestone] = share
                pending_milestones = []
                continue
            pending_milestones = []
        if pending_goals and not any(is_label_kind(k) for k in kinds):
            texts = [c for c in cells if not _PERIOD_MARK.match(match_key(c))]
            for slot, text in zip(pending_goals, texts, strict=False):
                header.goals[slot] = _goal_text(text)
            pending_goals = []
            continue
        pending_goals = []
        if "spending" in kinds[0]:
            pending_milestones = [join_wrapped(c) for c in cells[1:] if _MILESTONE.match(match_key(c))]
            continue
        if any("funds" in k for k in kinds):
            _funds_row(header, cells, groups)
            continue
        if len(cells) == 1 and "department" not in header.fields:
            line = _DEPARTMENT_LINE.match(join_wrapped(cells[0]))
            if line:
                header.fields["department_code"] = line.group(1)
                header.fields["department"] = line.group(2).strip()
                continue
        for i, kind in enumerate(kinds):
            name = kind.get("fields")
            if name is not None:
                _set_field(header, name, _value_after(cells, i))
                continue
            goal = kind.get("goals")
            if goal is None:
                continue
            value = _value_after(cells, i)
            if value is not None and _PERIOD_MARK.match(match_key(value)):
                value = None
            if value is not None:
                header.goals[goal] = _goal_text(value)
            elif not pending_goals or pending_goals[-1] != goal:
                pending_goals.append(goal)
        for slot in pending_goals:
            header.goals.setdefault(slot, None)
    if in_yuan and header.funds:
        header.funds = {k: (round(v * YUAN_TO_WAN, 6) if v is not None else None) for k, v in header.funds.items()}
        header.notes.append((0, "funds printed in 元, converted to 万元"))
    return header

