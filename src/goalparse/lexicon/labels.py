"""Label vocabulary lookups (``schemas/fields.json``): which key a label cell fills.

>>> label_key("其中：财政 资金"), label_key("项目资金 (万元)"), label_key("二、自有资金:")
('财政资金', '项目资金', '自有资金')
>>> column_of("本年度指标值"), funds_of("中期资金总额:")
('value', 'medium_term_total')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .normalise import TEXT_CACHE_SIZE, match_key
from .vocab import load

_PAREN_SUFFIX: Final = re.compile(r"[(\[【（][^()\[\]【】（）]*[)\]】）]$")
_COLONS: Final = re.compile(r"[:：]")
_INNER_NOTE: Final = re.compile(r"\([^()]{1,4}\)(?=.)")
_CLOSERS: Final = (")", "]", "】", "）")


# An item's number in front of a label: 4.其他资金, 二、自有资金 (a list of funds sources in an application table).
_ITEM_NUMBER: Final = re.compile(r"^(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、)(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def label_key(text: str) -> str:
    """Key of a label: no widths, spaces, colons, required-field marks (*), 其中 prefix or (万元)-style suffix."""
    key = match_key(text).lstrip("*★☆※")
    if "*" in key:
        key = key.replace("*", "")  # a required-field mark inside a label: 一*级项目名称
    if ":" in key or "：" in key:
        key = _COLONS.sub("", key)
    for _ in range(2):
        if key.endswith(_CLOSERS):  # cheap test first: most text has no bracketed suffix
            key = _PAREN_SUFFIX.sub("", key)
    if key.startswith("其中") and len(key) > 2:
        key = key[2:]
    if key[:1].isdigit() or "、" in key[1:3]:
        key = _ITEM_NUMBER.sub("", key)  # 4.其他资金 -> 其他资金, 二、自有资金 -> 自有资金
    if "(" in key:
        key = _INNER_NOTE.sub("", key)  # 项目(专项)名称 -> 项目名称
    return key


def _index(groups: dict[str, list[str]]) -> dict[str, str]:
    return {label_key(label): name for name, labels in groups.items() for label in labels}


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    data = load("fields")
    return {
        "fields": _index(data["fields"]),
        "funds": _index(data["funds"]),
        "goals": _index(data["goals"]),
        "columns": _index(data["columns"]),
        "funds_block": _index({"block": data["funds_block"]}),
        "spending": _index({"plan": data["spending_plan"]}),
        "block_labels": _index({"block": data["block_labels"]}),
        "noise": _index({"noise": data["noise"]}),
        "footer": _index({"footer": data["footer"]}),
    }


# No label is longer than this (in characters, spaces included): longer text is a value.
MAX_LABEL_CHARS: Final = 24
_NONE: Final[dict[str, str]] = {}


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def label_kinds(text: str) -> dict[str, str]:
    """Every vocabulary a text is a label of -> the key it fills ({} for none): one cached lookup
    for callers that ask several questions about the same cell. Do not modify the result."""
    if len(text) > 3 * MAX_LABEL_CHARS:
        return _NONE
    key = label_key(text)
    if len(key) > MAX_LABEL_CHARS:
        return _NONE
    kinds = _merged().get(key)
    if kinds is None:
        return _DEPARTMENT if department_tier(key) else _NONE
    return kinds


_DEPARTMENT: Final[dict[str, str]] = {"fields": "department"}


@lru_cache(maxsize=1)
def _tiers() -> tuple[tuple[str, str, int], ...]:
    """The department labels of transfer-payment tables, least local first (schemas/fields.json
    department_tiers), as (tier word, closing word, rank): 县级主管部门 -> (县级, 主管部门, 4)."""
    out = []
    for rank, label in enumerate(load("fields")["department_tiers"], start=1):
        key = label_key(label)
        out.append((key[:-len(_TIER_END)], _TIER_END, rank) if key.endswith(_TIER_END) else (key, "", rank))
    return tuple(out)


@lru_cache(maxsize=1)
def _every_tier_closed() -> bool:
    """Every tier label ends with 主管部门: a text without it is no tier's."""
    return all(end for _, end, _ in _tiers())


_TIER_END: Final = "主管部门"
# A sector word a tier label may print inside it (区级林业主管部门): this many characters at most.
MAX_SECTOR_CHARS: Final = 4


def department_tier(text: str) -> int:
    """How local a transfer-payment table's 主管部门 label is (0: no such label): its tier word, and a
    sector word the tier's label may print before 主管部门 (区级林业主管部门 is 区级主管部门's tier).

    >>> department_tier("省级主管部门") < department_tier("区县主管部门"), department_tier("区级林业主管部门") > 0
    (True, True)
    >>> department_tier("主管部门"), department_tier("区级财政部门")
    (0, 0)
    """
    key = label_key(text)
    if _TIER_END not in key and _every_tier_closed():
        return 0  # (asked of every label the vocabulary lacks: most print no 主管部门)
    for tier, end, rank in _tiers():
        if key == tier + end or (end and key.startswith(tier) and key.endswith(end)
                                 and 0 < len(key) - len(tier) - len(end) <= MAX_SECTOR_CHARS):
            return rank
    return 0


def _load_merged() -> dict[str, dict[str, str]]:
    """label key -> {vocabulary: what it fills}, over all vocabularies at once."""
    merged: dict[str, dict[str, str]] = {}
    for table, index in _tables().items():
        for key, name in index.items():
            merged.setdefault(key, {})[table] = name
    return merged


# Loaded once, on first use; a Final list is read natively by compiled code (no cache-wrapper call).
_MERGED_ONCE: Final[list[dict[str, dict[str, str]]]] = []


def _merged() -> dict[str, dict[str, str]]:
    if not _MERGED_ONCE:
        _MERGED_ONCE.append(_load_merged())
    return _MERGED_ONCE[0]


def funds_of(text: str) -> str | None:
    """Funds label kind: medium_term_total, annual_total, fiscal, carryover, other."""
    return label_kinds(text).get("funds")


def column_of(text: str) -> str | None:
    """Indicator-grid column a header cell names (level1, level2, name, value, ...)."""
    return label_kinds(text).get("columns")


def is_block_label(text: str) -> bool:
    return label_kinds(text).get("block_labels") is not None


_HEADER_TABLES: Final = ("fields", "funds", "goals", "funds_block", "spending")


def is_label_kind(kinds: dict[str, str]) -> bool:
    """``is_label`` on a ``label_kinds`` result."""
    return any(name in kinds for name in _HEADER_TABLES)


def is_label(text: str) -> bool:
    """Any header label (field, funds, goal, block): used to tell labels from values."""
    return is_label_kind(label_kinds(text))


@lru_cache(maxsize=1)
def _goal_item() -> re.Pattern[str]:
    items = load("structure")["goal_items"]
    words = "|".join(re.escape(w) for w in items["words"])
    n = re.escape(items["numerals"])
    # (1.保障… opens an item; 1.5万元 does not: a half-width point opens one only before a Han character.)
    return re.compile(rf"^(?:(?:{words})?[{n}]+\s*(?:[:：、．]|\.(?=[\u4e00-\u9fff]))|[(（][{n}]+[)）]|[{n}]是)")


def opens_goal_item(text: str) -> bool:
    """Whether text opens a numbered goal item: 目标2: / 2、/ (二) / 二是 (words and numerals: schemas/structure.json).

    >>> opens_goal_item("目标1:聘用人员1人"), opens_goal_item("1、开展培训"), opens_goal_item("2023年完成")
    (True, True, False)
    >>> opens_goal_item("1.保障医疗救助人次"), opens_goal_item("1.5万元")
    (True, False)
    """
    return _goal_item().match(text) is not None


# A section's number in front of its heading: 第一部分, 一、, (一).
SECTION_MARK: Final = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*"
)


def goal_heading(text: str) -> str | None:
    """The goal a section heading above a table names, its paragraph under it ((一)中长期绩效目标 -> medium_term).

    >>> goal_heading("(一)中长期绩效目标"), goal_heading("一、年度绩效目标"), goal_heading("(二)中长期绩效指标")
    ('medium_term', 'annual', None)
    """
    return label_kinds(SECTION_MARK.sub("", text.strip())).get("goals")


@lru_cache(maxsize=1)
def _named_above() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    """Heading endings, the notice pattern, and what a heading's name may not end with (a year, 年度, 整体 …)."""
    words = load("structure")["named_above"]
    openings = "|".join(map(re.escape, words["notice_openings"]))
    not_a_name = "|".join(map(re.escape, words["not_a_name"]))
    return (tuple(words["heading_endings"]), re.compile(rf"^(?:{openings})[“\"「『](.{{2,60}}?)[”\"」』]"),
            re.compile(rf"(?:\d{{4}}年度?|{not_a_name})$"))


# A heading's name is at least this long.
MIN_NAME_CHARS: Final = 4


def project_named_above(text: str) -> str | None:
    """The project a heading or notice above a table names: 名称(项目)绩效目标, 关于“名称”….

    The heading's name may end with 项目 and be followed by 项目绩效目标 (…服务项目项目绩效目标): once.

    >>> project_named_above("3岁以下婴幼儿照护服务项目项目绩效目标"), project_named_above("年度绩效目标")
    ('3岁以下婴幼儿照护服务项目', None)
    >>> project_named_above("关于“2018生物实验教学中心建设项目”"), project_named_above("2023年度绩效目标")
    ('2018生物实验教学中心建设项目', None)
    """
    endings, notice, not_a_name = _named_above()
    text = text.strip()
    quoted = notice.match(text)
    if quoted:
        return quoted.group(1).strip()
    key = SECTION_MARK.sub("", text)
    if is_label(key):
        return None
    for ending in endings:
        if key.endswith(ending):
            name = key[: -len(ending)]
            if name.endswith("项目项目"):
                name = name[:-2]
            if len(name) >= MIN_NAME_CHARS and not not_a_name.search(name) and not is_label(name):
                return name
    return None
