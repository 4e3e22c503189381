"""How well a cell fits each column of an indicator grid: the evidence rows are decoded by.

Scores are higher for a better fit; None forbids the placement. A heading of the taxonomy
fits the level columns, a comparator or unit cell its own column, a number the weight and
score columns, and text the name, value and description columns by how value-like it is.

>>> from goalparse.lexicon.classify import cell_info
>>> fit(cell_info("≥"), "comparator"), fit(cell_info("数量指标"), "level2"), fit(cell_info("数量指标"), "unit")
(8.0, 10.0, None)
>>> fit(cell_info("95%"), "value") > fit(cell_info("95%"), "name")
True
>>> fit(cell_info("10"), "weight"), fit(cell_info("44,561"), "weight")
(8.0, 0.5)
>>> fit(cell_info("持续影响"), "value"), fit(cell_info("经济效益"), "value")
(6.8, 0.5)
"""

from __future__ import annotations

import re
from typing import Final

from ..intermediate import Column
from .bounds import to_number
from .classify import CellInfo
from .values import grammar, is_short_qualitative

EMPTY_FIT: Final = 2.5
# The columns of an indicator grid's header that only a grid prints: a header or a grid starts at them.
GRID_COLUMNS: Final = frozenset(("level1", "level2", "name"))
# Weights and scores are points out of 100 (权重, 分值, 得分): a larger number is another column's cell.
MAX_POINTS: Final = 100.0
# How value-like a short value in words is (values.value_likeness gives it the same).
SHORT_QUALITATIVE_LIKE: Final = 0.7
# A row's number in a 序号 column: 1, 2, … 999.
_ROW_NUMBER: Final = re.compile(r"^[1-9]\d{0,2}$")
_BASIS_HINT: Final = re.compile(r"[【】〔〕\[\]《》]|号|文件|规定|办法|协议|通知|标准|依据|计划")
_TEXT_COLUMNS: Final = {"name": 6.0, "value": 5.0, "description": 4.0, "basis": 3.0, "actual": 3.0}
_HEADING_AS_TEXT: Final = {"name": 1.0, "value": 0.5, "description": 1.0, "basis": 0.5, "actual": 0.5}


def is_points(text: str) -> bool:
    """Digits that can be points or a score: at most 100, no leading zero (10, 9, 0; not 010, 1010).

    >>> is_points("10"), is_points("0"), is_points("010"), is_points("1010")
    (True, True, False, False)
    """
    return text.isdigit() and (text == "0" or not text.startswith("0")) and int(text) <= MAX_POINTS


def value_kind(info: CellInfo) -> bool:
    """定量, 定性, 正向: the kind of a value, printed in a column of its own (schemas/values.json value_types)."""
    return info.key in grammar().value_types


def fit(info: CellInfo | None, column: Column) -> float | None:
    """How well a cell (None: an empty cell) fits a column, before position and same-text bonuses."""
    if info is None:
        return None if column in ("level1", "level2", "name") else EMPTY_FIT
    h = info.heading
    if column in ("level1", "level2"):
        if h is None:
            return None
        level = 1 if column == "level1" else 2
        if level in h.levels:
            bonus = 0.5 if level == 2 and 1 in h.levels else 0.0
            return 10.0 * h.score / 100.0 + bonus
        if h.how == "unknown":
            return 5.0 if level == 2 else 3.0
        return None
    if column == "seq":
        return 8.0 if info.number and _ROW_NUMBER.match(info.key) else None
    if h is not None and h.how == "fragment" and column in ("value", "actual") and 1 not in h.levels \
            and is_short_qualitative(info.key):
        return 4.0 + SHORT_QUALITATIVE_LIKE * 4.0  # 持续影响: a piece of 可持续影响指标 and a value in words
    if h is not None and h.how != "unknown" and column not in _HEADING_AS_TEXT:
        return None
    if column == "comparator":
        return 8.0 if info.comparator_sign or value_kind(info) else (2.0 if info.placeholder else 0.5)
    if column == "unit":
        return 8.0 if info.unit else (2.0 if info.placeholder else 0.5)
    if column == "value_type":
        return 8.0 if value_kind(info) else 0.5
    if column in ("weight", "score"):
        if info.number:
            points = to_number(info.key)
            return 8.0 if points is not None and points <= MAX_POINTS else 0.5
        return 3.0 if info.placeholder or info.key in ("-", "—", "/") else 0.5
    if column == "extra":
        return 3.0
    if info.placeholder:
        return _TEXT_COLUMNS[column]
    if column in ("name", "value", "actual") and value_kind(info):
        return None  # 定量, 定性: a value's kind, a column of its own even where the header names none
    if h is not None:
        return (2.0 if h.how == "unknown" else 1.0) if column == "name" else _HEADING_AS_TEXT[column]
    if column == "name":
        return 4.0 + (1.0 - info.value_like) * 4.0
    if column in ("value", "actual"):
        return 4.0 + info.value_like * 4.0 - (0.5 if column == "actual" else 0.0)
    if column == "description":
        return 5.0
    return 3.0 + (3.0 if _BASIS_HINT.search(info.text) else 0.0)


