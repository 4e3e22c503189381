"""Step 8: the field part of a table -> header fields, funds, goals and spending plan.

Labels come from ``schemas/fields.json``. A label's value is the next cell, on the same
line or, for tables printed one cell per line, on the next line; when that cell is
another label the field was printed blank (null). Funds labels that exist in both
periods (其中:财政拨款, 其他资金) take the period of the column group they sit in,
counted from the left.

Example: ``项目资金 (万元) | 中期资金总额: | 180.0 | | 年度资金总额: | 60.0``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Final, NamedTuple

import regex

from ..intermediate import Header, Token, lines_of
from ..lexicon.bounds import out_of_range, to_number
from ..lexicon.classify import CellInfo, cell_info, is_placeholder
from ..lexicon.columns import is_points
from ..lexicon.labels import (
    MAX_LABEL_CHARS,
    department_tier,
    funds_of,
    goal_heading,
    is_label,
    is_label_kind,
    label_key,
    label_kinds,
    opens_goal_item,
    project_named_above,
)
from ..lexicon.normalise import TEXT_CACHE_SIZE, collapse_spaces, join_wrapped, match_key, printed_twice
from ..lexicon.vocab import load

_AMOUNT: Final = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$")
_PERIOD_MARK: Final = re.compile(r"^[(（]?\s*(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年?\s*[)）]?$")
# A goal label's number and points, heading a grid of its own (年度绩效目标1(40分) | 一级指标 | …, Hubei
# self-evaluation tables): the label names a block of indicators, and no goal text follows it.
_POINTS_MARK: Final = re.compile(r"^\d*\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_CODE_FIRST: Final = re.compile(r"^[\[【(（]\s*(\d{2,12})\s*[\]】)）]\s*(.+)$|^(\d{3,12})\s+(\S.*)$")
_CODE_DASH: Final = re.compile(r"^((?=[0-9A-Za-z]*\d)[0-9A-Za-z]{3,30})\s*[-－—]\s*(\S.*)$")
_CODE_LAST: Final = re.compile(r"^(.+?)\s*[\[【(（]\s*(\d{2,12})\s*[\]】)）]$")
# A unit's code after its name, behind a space or glued on once wrapped lines are joined (遵化市医疗保障局本级
# 473001): not a year.
_CODE_AFTER: Final = regex.compile(r"^(.*\p{Han})\s*(?!(?:19|20)\d{2}$)(\d{3,12})$")
_DEPARTMENT_LINE: Final = regex.compile(r"^(\d{3,12})(?!\s*年)\s*(\p{Han}.*)$")
# A unit's code alone in its cell, its name in the next (主管部门及代码 | 608 | 宿州市医疗保障局).
_CODE_CELL: Final = re.compile(r"^[\[【(]?\d{2,12}[\]】)]?$")
_UNIT_FIELDS: Final = frozenset(("department", "implementing_unit", "unit", "filer"))
# A milestone of a spending plan (3月底, 年底, 二季度末, 上半年): one cell of it, or several run together.
_MILESTONE_WORD: Final = r"\d{1,2}\s*月\s*(?:底|末|中旬|上旬|下旬)?|年底|年末|[一二三四]\s*季度(?:末)?|上半年|下半年"
_MILESTONE: Final = re.compile(rf"^(?:{_MILESTONE_WORD})$")
_MILESTONE_RUN: Final = re.compile(_MILESTONE_WORD)
_PERCENT: Final = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")

# Funds are kept in 万元; a table that prints 元 (单位：元, 项目资金(元)) is converted.
# (单位：元, 金额单位:人民币元, 项目资金(元), 项目资金（单位：元）)
_YUAN_UNIT: Final = re.compile(r"(?:单位\s*[:：]\s*(?:人民币)?\s*元\s*[)）]?\s*$|[(（]\s*元\s*[)）])")
YUAN_TO_WAN: Final = 0.0001
# ... unless the funds labels themselves say 万元 (资金情况(万元) under a page-wide 单位:元).
_WAN_UNIT: Final = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?万元\s*[)）]")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def parse_amount(text: str) -> float | None:
    """'2,858.5' -> 2858.5; '' or text -> None (a unit in the cell is not applied: see ``amount_in_wan``).

    >>> parse_amount("2,858.5"), parse_amount("0.00"), parse_amount(""), parse_amount("250万"), parse_amount("¥1,250元")
    (2858.5, 0.0, None, 250.0, 1250.0)
    """
    cleaned = _amount_text(text)
    return to_number(cleaned) if _AMOUNT.match(cleaned) else None


@lru_cache(maxsize=1)
def _amount_units() -> tuple[tuple[tuple[str, float], ...], tuple[str, ...], tuple[str, ...]]:
    """Units an amount's cell may print, longest first, with their factor to 万元 (also in brackets:
    100.00(万元)), currency signs and closing words (100万元整) (schemas/structure.json)."""
    data = load("structure")["amount_units"]
    units = [(match_key(u), float(f)) for u, f in data["units"].items()]
    forms = sorted([*units, *((f"({u})", f) for u, f in units)], key=lambda u: -len(u[0]))
    return tuple(forms), tuple(match_key(s) for s in data["signs"]), tuple(match_key(s) for s in data["suffixes"])


# The letter a self-evaluation gives a budget column (全年预算数(A), 执行率(B/A)) run into its amount: (A)300.
_COLUMN_TAG: Final = re.compile(r"^\([A-Za-z]\)")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _unit_split(text: str) -> tuple[str, float | None]:
    """A cell's amount text without currency sign and unit, and the unit's factor to 万元 (None: no unit)."""
    units, signs, suffixes = _amount_units()
    key = _COLUMN_TAG.sub("", match_key(text))
    for sign in signs:
        key = key.removeprefix(sign)
    for suffix in suffixes:
        key = key.removesuffix(suffix)
    for unit, factor in units:
        if key.endswith(unit):
            return key.removesuffix(unit), factor
    bare = key.strip(_EDGE_MARKS)
    for unit, factor in units:
        if bare.endswith(unit):
            return bare.removesuffix(unit), factor
    return bare, None


# Punctuation an amount keeps when a text layer cuts a sentence of funds apart at its labels
# (180万元（其中:财政拨款180万元，其他资金—）-> 180万元（ | 其中:财政拨款 | 180万元， | …), as match keys.
_EDGE_MARKS: Final = "(),;、。"


def _amount_text(text: str) -> str:
    return _unit_split(text)[0]


def amount_in_wan(text: str) -> tuple[float | None, bool]:
    """An amount in 万元 when its cell prints its unit, and whether it did: the cell's unit wins over the
    block's (926,500.00元 under 项目资金(万元) is 92.65); an amount without one is as printed.

    >>> amount_in_wan("¥926,500.00元"), amount_in_wan("92.65万元"), amount_in_wan("92.65"), amount_in_wan("见附件")
    ((92.65, True), (92.65, True), (92.65, False), (None, False))
    """
    cleaned, factor = _unit_split(text)
    amount = to_number(cleaned) if _AMOUNT.match(cleaned) else None
    if amount is None or factor is None:
        return amount, False
    return round(amount * factor, 6), True


def _split_code(value: str, unit: bool = False) -> tuple[str | None, str]:
    """'[608]宿州市医疗保障局', '473001 遵化市…', '219001-池州市…', '…(433)' -> (code, name); a unit's
    name (``unit``) also with its code glued on ('473001遵化市…': a project's name may open with a number).

    >>> _split_code("[608]宿州市医疗保障局"), _split_code("51092324T000010263357-2023年全县项目")
    (('608', '宿州市医疗保障局'), ('51092324T000010263357', '2023年全县项目'))
    >>> _split_code("608宿州市医疗保障局", unit=True), _split_code("100万亩农田建设")
    (('608', '宿州市医疗保障局'), (None, '100万亩农田建设'))
    >>> _split_code("遵化市医疗保障局本级 473001", unit=True), _split_code("某县教育局 2024", unit=True)
    (('473001', '遵化市医疗保障局本级'), (None, '某县教育局 2024'))
    """
    value = unicodedata.normalize("NFKC", value)  # ［４７３００１］ is [473001]
    m = _CODE_DASH.match(value)
    if m:
        return m.group(1), m.group(2).strip()
    m = _CODE_FIRST.match(value)
    if m:
        code, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return code, name.strip()
    m = _CODE_LAST.match(value)
    if m:
        return m.group(2), m.group(1).strip()
    glued = (_DEPARTMENT_LINE.match(value) or _CODE_AFTER.match(value)) if unit else None
    if glued:
        first_is_code = glued.group(1).isdigit()
        return glued.group(1 if first_is_code else 2), glued.group(2 if first_is_code else 1).strip()
    return None, value


class _Boxes(NamedTuple):
    """Check boxes printed beside the options of a field (schemas/structure.json): 持续性项目■ 新增性项目□."""

    checked: str  # the marks of a ticked box
    option: re.Pattern[str]  # an option and the box after it
    box: re.Pattern[str]  # any box, ticked or not


@lru_cache(maxsize=1)
def _boxes() -> _Boxes:
    marks = load("structure")["check_boxes"]
    both = re.escape(marks["checked"] + marks["unchecked"])
    # (an option's text stops at the list mark between options: 、持续性项目□、新增性项目☑)
    return _Boxes(marks["checked"], re.compile(rf"([^{both}\s、,，;；]+)\s*([{both}])"), re.compile(f"[{both}]"))


# What may stand between options besides their boxes (、持续性项目□、新增性项目☑).
_OPTION_MARKS: Final = " 、,，;；"


def _checked_option(value: str) -> str:
    """The option a check box marks, when the value prints options with boxes; "" when it prints
    nothing but options and none is ticked (the field printed blank); else the value.

    >>> _checked_option("持续性项目■ 新增性项目口"), _checked_option("新增性项目")
    ('持续性项目', '新增性项目')
    >>> _checked_option("1、持续性项目□ 2、新增性项目☑"), _checked_option("、持续性项目□、新增性项目☑")
    ('新增性项目', '新增性项目')
    >>> _checked_option("新增项目 □ 延续项目 □"), _checked_option("人口普查")
    ('', '人口普查')
    """
    checked, option, box = _boxes()
    if not any(c in value for c in checked):
        # (2 options at least, and nothing else: 人口普查 holds a 口 that is no box; split, not searched, so
        # a long text costs one pass)
        pieces = box.split(value)
        options = [p.strip(_OPTION_MARKS) for p in pieces[:-1]]
        blank = len(options) >= 2 and all(o and not any(c.isspace() for c in o) for o in options) and \
            not pieces[-1].strip(_OPTION_MARKS)
        return "" if blank else value
    marked = [m.group(1) for m in option.finditer(value) if m.group(2) in checked]
    return marked[0] if len(marked) == 1 else value


_SLASHES: Final = ("/", "／")


def _paired_value(cells: list[str], i: int) -> str | None:
    """A label printed with another as one (项目实施单位/项目负责人 | 原州区农技中心/杨勃兴, cut at the labels
    into 实施单位 | / | 项目负责人 | X/Y): its part of the value they share; None for other labels.

    >>> _paired_value(["实施单位", "/", "项目负责人", "原州区农技中心/杨勃兴"], 0)
    '原州区农技中心'
    >>> _paired_value(["实施单位", "/", "项目负责人", "原州区农技中心/杨勃兴"], 2), _paired_value(["实施单位", "/"], 0)
    ('杨勃兴', None)
    """
    first = i if i + 3 < len(cells) and cells[i + 1].strip() in _SLASHES else i - 2
    if first < 0 or first + 3 >= len(cells) or cells[first + 1].strip() not in _SLASHES or \
            first not in (i, i - 2) or not (is_label(cells[first]) and is_label(cells[first + 2])):
        return None
    parts = [p.strip() for p in re.split("[/／]", cells[first + 3])]
    if len(parts) != 2 or not all(parts):
        return None
    return parts[0] if first == i else parts[1]


def _options_after(cells: list[str], i: int) -> str | None:
    """A field's options printed a cell each with their boxes in cells of their own (项目属性 | 新增项目 | □ |
    延续项目 | □) -> the options as one text; None when the cells after the label are no such run."""
    option = _boxes().option
    parts: list[str] = []
    j = i + 1
    while j + 1 < len(cells) and cells[j] and len(cells[j + 1].strip()) == 1 and option.fullmatch(
            cells[j].strip() + cells[j + 1].strip()):
        parts.append(cells[j].strip() + cells[j + 1].strip())
        j += 2
    return " ".join(parts) if len(parts) >= 2 else None


# A piece of a date a glued export cut apart (2022年 | 3月 | -2022年 | 11月): a year, a month or a day, maybe
# after the dash of a span.
_DATE_PIECE: Final = re.compile(r"^[-—–~至到]?\s*(?=\d)(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*日)?$")


def _date_run(cells: list[str], start: int) -> str:
    """A period's value from ``start``, with the pieces of its dates that follow it in their own cells.

    >>> _date_run(["2022年", "3月", "-2022年", "11月", "市县主管部门"], 0), _date_run(["3年", "年度资金总额"], 0)
    ('2022年3月-2022年11月', '3年')
    """
    value = cells[start]
    if not _DATE_PIECE.match(match_key(value)):
        return value
    end = start + 1
    while end < len(cells) and _DATE_PIECE.match(match_key(cells[end])):
        end += 1
    return "".join(cells[start:end])


def _set_field(header: Header, name: str, value: str | None) -> None:
    if name in header.fields and header.fields[name] is not None:
        return
    if value is not None:
        value = _checked_option(value)
        value = join_wrapped(value) if name != "project_name" else collapse_spaces(value)
    if name in ("department", "implementing_unit", "project_name") and value:
        code, value = _split_code(value, unit=name != "project_name")
        # A code glued to a name is kept where the table has a field for it; a unit's code is dropped.
        if code and name == "department":
            header.fields["department_code"] = code
        elif code and name == "project_name" and not header.fields.get("project_code"):
            header.fields["project_code"] = code
    if name == "project_code" and value:
        value = regex.sub(r"\s+", "", value)
    header.fields[name] = value or None


def _code_apart(cells: list[str], i: int) -> bool:
    """Whether a unit label's next two cells are its code alone and its name, in either order."""
    if cell_info(cells[i]).field not in _UNIT_FIELDS or i + 2 >= len(cells) or not all(cells[i + 1: i + 3]):
        return False
    codes = [_CODE_CELL.match(match_key(c)) is not None for c in cells[i + 1: i + 3]]
    return codes[0] != codes[1] and _free(cells[i + 1 + codes[0]])


def _value_after(cells: list[str], i: int) -> str | None:
    """The filled cell after a label, unless it is another label (or a column heading under it)."""
    if i + 1 < len(cells) and not is_label(cells[i + 1]) and not cell_info(cells[i + 1]).column:
        return cells[i + 1]
    return None


def _after_columns(cells: list[str], i: int) -> int:
    """Where a goal label's text starts, past column headings printed beside the label in its row
    (年度总体目标 | 预期目标 | 实际完成情况 | text | text): the first text is the goal's."""
    j = i
    while j + 2 < len(cells) and cell_info(cells[j + 1]).column and not is_label(cells[j + 1]):
        j += 1
    return j


def _heads_columns(cells: list[str], i: int) -> bool:
    """Whether a goal label opens a row of column headings (绩效目标 | 评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标,
    or the part of it above the grid, 绩效目标 | 评价指标): a grid's header whose first column is named like a
    goal, not a goal. Every cell after the label is a short heading, one of them shaped like a heading the
    vocabulary does not know (…指标, …目标); known column headings alone beside a goal label (年度目标 | 预期目标 |
    实际完成情况) head its texts."""
    after = [cell_info(c) for c in cells[i + 1:]]
    return bool(after) and all(len(a.key) <= MAX_COLUMN_HEADING and (a.column or _unknown_heading(a)) for a in after) \
        and any(_unknown_heading(a) and not a.column for a in after)


def _unknown_heading(info: CellInfo) -> bool:
    return info.heading is not None and info.heading.how == "unknown" and info.goal is None


# A column heading is no longer than this.
MAX_COLUMN_HEADING: Final = 8


def _goal_headings(cells: list[str]) -> bool:
    """Cells after a goal label that only head the texts below them: other goal labels, column headings, and
    goals named by their set and adjusted sides (全年(调整)绩效目标: ending as schemas/structure.json's named
    goal headings end), as a department-wide self-evaluation heads its goal row."""
    endings = tuple(load("structure")["named_above"]["heading_endings"])
    return bool(cells) and all(
        (info := cell_info(c)).goal is not None or info.column or
        (len(info.key) <= MAX_GOAL_HEADING and match_key(c).endswith(endings)) for c in cells)


# A goal named by its side (全年(调整)绩效目标) is no longer than this.
MAX_GOAL_HEADING: Final = 12


def _goal_items(cells: list[str], start: int) -> list[str]:
    """The numbered items after a goal's first text in its row (目标1:… 目标2:…), which an export that
    separates cells by single spaces cut apart: they go on the goal."""
    items = []
    for cell in cells[start:]:
        if not (opens_goal_item(cell) and _free(cell)):
            break
        items.append(cell)
    return items


# Funds labels the vocabulary lacks, told by their words when a number follows them:
# 项目金额 164万元, 其中:当年市级财政资金 132万元, 项目预算金额(万元) 193.8.
_FUNDS_LABEL: Final = re.compile(r"^[\u4e00-\u9fff]{1,12}$")


def funds_kind(cells: list[str], i: int) -> str | None:
    """What funds key a cell labels: the vocabulary's, else its words when an amount follows it.

    >>> funds_kind(["项目金额", "164万元"], 0), funds_kind(["其中:当年市级财政资金", "132万元"], 0)
    ('annual_total', 'fiscal')
    >>> funds_kind(["项目金额", "见附件"], 0), funds_kind(["项目资金(万元)", "50"], 0)
    (None, 'annual_total')
    """
    known = funds_of(cells[i])
    if known is not None:
        return known
    if i + 1 < len(cells) and cell_info(cells[i]).funds_block and parse_amount(cells[i + 1]) is not None:
        return "annual_total"  # 项目资金(万元) | 50: the block's label over one amount, the year's total
    key = label_key(cells[i])
    if not _FUNDS_LABEL.match(key) or i + 1 >= len(cells) or parse_amount(cells[i + 1]) is None:
        return None
    for kind, words in load("structure")["funds_words"].items():
        if any(w in key for w in words):
            return str(kind)
    return None


@lru_cache(maxsize=1)
def _budget_words() -> dict[str, str]:
    """Budget column headings of self-evaluation tables -> initial / adjusted / spent (schemas/structure.json)."""
    structure = load("structure")
    words = {label_key(w): kind for kind, words in structure["budget_columns"].items() for w in words}
    return {**{label_key(w): "rate" for w in structure["budget_rate"]}, **words}


def budget_columns(cells: list[str]) -> list[str] | None:
    """The kinds of a self-evaluation table's budget columns, from the first one on; None for other rows.

    >>> budget_columns(["预算执行情况", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "权重"])
    ['initial', 'adjusted', 'spent', '']
    """
    words = _budget_words()
    kinds = [words.get(label_key(c), "") for c in cells]
    known = [k for k in kinds if k and k != "rate"]
    if len(known) < 2:
        return None
    return kinds[next(n for n, k in enumerate(kinds) if k and k != "rate"):]


def _budget_cell(cells: list[str], i: int, budget: list[str] | None) -> str | None:
    """A funds label's value: under the adjusted budget column when the table prints one (FORMAT.md)."""
    value = _value_after(cells, i)
    if value is None:
        return _headed_amount(cells, i)
    if parse_amount(value) is None and (budget or _RATE_IN.search(value)):
        # (Glued amounts with their rate are a budget row's even where its headings were not told apart.)
        return _repeated_amount(value) or (_glued_budget(value, budget) if budget else None) or value
    if not budget or "adjusted" not in budget:
        return value
    return _budget_amount(cells[i + 1:], budget) or value


def _budget_amount(row: list[str], budget: list[str]) -> str | None:
    """The year's budget among a budget row's cells (those after its label), by position. An export drops
    empty cells: with fewer cells than the columns before the rate, the blank columns are guessed (the
    initial budget's first, most often left blank, then those that are no budget, 分值) and a guess whose
    执行数 / 预算数 is the row's 执行率 wins over the position.

    >>> _budget_amount(["65.66", "65.07", "10", "99%", "9"], ["initial", "adjusted", "spent", "", "rate", ""])
    '65.66'
    >>> _budget_amount(["50", "60", "54", "90%"], ["initial", "adjusted", "spent", "", "rate", ""])
    '60'
    """
    columns = budget[: budget.index("rate")] if "rate" in budget else budget
    printed: list[str] = []
    for cell in row:
        if is_label(cell) or _PERCENT.match(match_key(cell)):
            break
        printed.append(cell)
    rate = _PERCENT.match(match_key(row[len(printed)])) if len(printed) < len(row) else None
    at = columns.index("adjusted")
    if len(printed) < len(columns) and rate is not None:
        blankable = [n for n, k in enumerate(columns) if k == "initial"] + \
            [n for n in range(len(columns) - 1, -1, -1) if not columns[n]]
        for blank in itertools.combinations(blankable, len(columns) - len(printed)):
            cells = dict(zip([k for n, k in enumerate(columns) if n not in blank], printed, strict=True))
            budget_amount, spent = parse_amount(cells.get("adjusted", "")), parse_amount(cells.get("spent", ""))
            if budget_amount and spent is not None and \
                    abs(spent / budget_amount * 100 - float(rate.group(1))) <= RATE_TOLERANCE:
                return cells.get("adjusted")
    return printed[at] if at < len(printed) else None


# How far a printed 执行率 may be from 执行数 / 预算数 (percentage points: rates are printed rounded).
RATE_TOLERANCE: Final = 1.0


# One amount of a budget row glued to the next: no leading zero (but 0 and 0.5), at most two decimals.
_GLUED_AMOUNT: Final = re.compile(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")


def _glued_budget(text: str, budget: list[str]) -> str | None:
    """The year's budget from a budget row whose cells were glued into one (年度资金总额 | 5060541090%9: 50, 60,
    54, 10 and 90%): the cuts into the block's columns (the initial budget and 分值 may be blank) whose
    执行数 / 预算数 is the printed rate, the longest rate the digits before % can be first; None unless
    exactly one year's budget fits.

    >>> _glued_budget("5060541090%9", ["initial", "adjusted", "spent", "", "rate", ""])
    '60'
    >>> _glued_budget("65.6665.0799%", ["initial", "adjusted", "spent", "rate"])  # the initial budget blank
    '65.66'
    >>> _glued_budget("90.0089.97100%", ["adjusted", "spent", "rate"]), _glued_budget("12345%", ["spent", "rate"])
    ('90.00', None)
    >>> _glued_budget("506054—90%—", ["initial", "adjusted", "spent", "", ""])  # (分值执行率得分 glued)
    '60'
    """
    if "adjusted" not in budget:
        return None
    # The columns before the rate; where the rate's heading was glued to others, the budget columns and 分值.
    columns = budget[: budget.index("rate")] if "rate" in budget else \
        [*budget[: max(n for n, k in enumerate(budget) if k) + 1], ""]
    blankable = [n for n, k in enumerate(columns) if k in ("initial", "")]
    for cuts, rate in _budget_cuts(text):
        found: set[str] = set()
        for amounts in cuts:
            for blank in itertools.chain.from_iterable(
                    itertools.combinations(blankable, r) for r in range(len(blankable) + 1)):
                kept = [k for n, k in enumerate(columns) if n not in blank]
                if len(kept) != len(amounts) or any(k == "" and not is_points(a) for k, a in zip(kept, amounts,
                                                                                                  strict=True)):
                    continue
                cells = dict(zip(kept, amounts, strict=True))
                budget_amount, spent = parse_amount(cells["adjusted"]), parse_amount(cells.get("spent", ""))
                if budget_amount and spent is not None and \
                        abs(spent / budget_amount * 100 - rate) <= RATE_TOLERANCE:
                    found.add(cells["adjusted"])
        if found:
            return found.pop() if len(found) == 1 else None
    return None


# A glued budget row is cut into at most this many cells before its rate, from at most this many characters
# (the cuts are tried exhaustively: a real row's are few).
MAX_GLUED_CELLS: Final = 5
MAX_GLUED_TEXT: Final = 32
# The digits a printed rate takes at most (100, 99.97).
MAX_RATE_TEXT: Final = 6


def _budget_cuts(text: str) -> list[tuple[list[list[str]], float]]:
    """A glued budget row's text before its first % cut into amounts and the rate, every way, longest rate
    first: [(the cuts of the amounts, the rate)]."""
    key = match_key(text)
    end = key.find("%")
    if end < 0:
        return []
    head = "".join(c for c in key[:end] if c not in _blank_marks())  # (a blank cell's dash: 506054—90%)
    end = len(head)
    if len(head) > MAX_GLUED_TEXT or not re.fullmatch(r"[\d.]+", head):
        return []
    out: list[tuple[list[list[str]], float]] = []
    for start in range(max(0, end - MAX_RATE_TEXT), end):
        rate = head[start:]
        if re.fullmatch(r"(?:0|[1-9]\d{0,2})(?:\.\d+)?", rate) and float(rate) <= MAX_RATE:
            out.append((_cuts(head[:start], MAX_GLUED_CELLS), float(rate)))
    return out


@lru_cache(maxsize=1)
def _blank_marks() -> frozenset[str]:
    """The one-character marks of an empty amount cell (schemas/structure.json: —, /)."""
    return frozenset(b for b in load("structure")["amount_units"]["blanks"] if len(b) == 1)


# A printed execution rate above this is no rate (a budget overspent by half is no self-evaluation's row).
MAX_RATE: Final = 150.0


def _cuts(text: str, most: int) -> list[list[str]]:
    """``text`` cut into at most ``most`` amounts (_GLUED_AMOUNT) in every way."""
    if not text:
        return [[]]
    if most == 0:
        return []
    out: list[list[str]] = []
    for n in range(1, len(text) + 1):
        piece = text[:n]
        if _GLUED_AMOUNT.fullmatch(piece):
            out += [[piece, *rest] for rest in _cuts(text[n:], most - 1)]
    return out


def _headed_amount(cells: list[str], i: int) -> str | None:
    """A funds label followed in its row by budget headings, each with its amount after it (a header row and
    a budget row run together: 年度资金总额 | 全年预算数 | (A)300 | 全年执行数 | …): the year's budget
    (the adjusted one, else the initial one); None when no heading with an amount follows."""
    words, found = _budget_words(), dict[str, str]()
    j = i + 1
    while j < len(cells) and (kind := words.get(label_key(cells[j]))):
        if j + 1 < len(cells) and parse_amount(cells[j + 1]) is not None:
            found.setdefault(kind, cells[j + 1])
            j += 1
        j += 1
    return found.get("adjusted") or found.get("initial")


# (The rate may be followed by the points it earned: 1010100%20, a Hubei block's 得分(20分*执行率).)
_RATE_IN: Final = re.compile(r"\d%")
_REPEATED: Final = re.compile(r"^((?:0|[1-9]\d*)(?:\.\d+)?)\1+(?:\d+(?:\.\d+)?%(?:\d+(?:\.\d+)?)?)?$")


def _repeated_amount(text: str) -> str | None:
    """Budget amounts glued together that repeat one figure (the year's budget unchanged and spent:
    507507507100%), under a self-evaluation's budget columns -> that figure; else None.

    >>> _repeated_amount("507507507100%"), _repeated_amount("65.6665.66"), _repeated_amount("65.6665.07")
    ('507', '65.66', None)
    >>> _repeated_amount("1010100%20"), _repeated_amount("1210.890%18")
    ('10', None)
    """
    m = _REPEATED.match(match_key(text))
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def _period_words() -> tuple[tuple[str, str], ...]:
    """Words naming a period (schemas/structure.json), medium-term first: 中期 before 年度."""
    words = load("structure")["period_headings"]
    return tuple((w, p) for p in ("medium_term", "annual") for w in words[p])


def _period_named(label: str) -> str | None:
    """The period a funds label names itself (中期市财政预算, 本年度申请市财政预算资金), if any.

    >>> _period_named("中期市财政预算(万元)"), _period_named("本年度申请市财政预算资金"), _period_named("财政拨款")
    ('medium_term', 'annual', None)
    """
    key = label_key(label)
    return next((p for w, p in _period_words() if w in key), None)


def _period_columns(cells: list[str]) -> list[str] | None:
    """A row that heads its columns with periods (项目资金(万元) | 中期 | 年度, or 资金来源 | 中期资金总额 |
    年度资金总额) and holds no amount: the periods, left to right; None for other rows.

    >>> _period_columns(["项目资金(万元)", "中期", "年度"]), _period_columns(["资金总额", "180", "60"])
    (['medium_term', 'annual'], None)
    """
    if any(parse_amount(c) is not None for c in cells):
        return None
    found = [p for c in cells if (p := _period_heading(c)) is not None]
    return found if len(found) >= 2 and len(set(found)) == len(found) else None


def _period_heading(cell: str) -> str | None:
    """The period a column heading names: a period word alone (中期, 年度) or a period's funds total."""
    return _total_period(funds_of(cell)) or _period_word(cell)


def _year_beside_whole(kinds: list[str | None], cells: list[str]) -> list[str | None]:
    """Two totals side by side in one row, one naming the year and the other no period (项目资金总额: 1500 |
    年度资金申请总额 1500): the other is the whole project's, the medium term's, as 中期资金总额 beside
    年度资金总额 is."""
    totals = [i for i, k in enumerate(kinds) if k == "annual_total"]
    if len(totals) != 2 or any(i + 1 >= len(cells) or parse_amount(cells[i + 1]) is None
                               or label_key(cells[i]) in _budget_words() for i in totals):
        return kinds  # (each label just before its amount; a self-evaluation's budget columns are no totals)
    named = [_period_named(cells[i]) for i in totals]
    if "annual" not in named or None not in named:
        return kinds
    whole = totals[named.index(None)]
    return [("medium_term_total" if i == whole else k) for i, k in enumerate(kinds)]


def _total_period(kind: str | None) -> str | None:
    """The period a funds total key is of (annual_total -> annual); None for other keys."""
    return kind.removesuffix("_total") if kind in ("medium_term_total", "annual_total") else None


def _period_word(cell: str) -> str | None:
    """The period a cell names with a period word alone (中期, 年度, 实施期)."""
    key = label_key(cell)
    return next((p for w, p in _period_words() if key == w), None)


def _funds_by_period(header: Header, cells: list[str], periods: list[str], own_unit: set[str]) -> bool:
    """A funds row under period columns (资金总额 | 180 | 60, 合计 | 180 | 60): an amount a period; False
    when the row is not one (more cells than periods, or a cell that is no amount)."""
    if not cells:
        return False
    key = funds_of(cells[0])
    kind = "total" if key in ("annual_total", "medium_term_total") or label_key(cells[0]) in _TOTAL_ROWS else key
    amounts = cells[1:]
    if kind is None or len(amounts) > len(periods) or not all(parse_amount(c) is not None for c in amounts):
        return False
    # Empty cells are not printed as cells: fewer amounts than periods leave the first periods blank (the
    # medium-term cell is the one left empty; the year's budget is printed).
    amounts = [""] * (len(periods) - len(amounts)) + amounts
    for period, text in zip(periods, amounts, strict=True):
        slot = f"{period}_{kind}"
        if slot not in header.funds or header.funds[slot] is None:
            _set_amount(header, slot, text, own_unit)
    return True


def _set_amount(header: Header, key: str, text: str, own_unit: set[str]) -> None:
    """A funds amount into its key, in 万元 when its cell prints its unit (the key is then kept out of the
    block's conversion from 元, ``own_unit``)."""
    amount, printed = amount_in_wan(text)
    header.funds[key] = amount
    if printed:
        own_unit.add(key)
    else:
        own_unit.discard(key)


_TOTAL_ROWS: Final = frozenset(("合计", "总计", "小计"))


def _source_columns(cells: list[str]) -> list[str | None] | None:
    """A row that heads its columns with funds sources and holds no amount (项目资金(万元) | 资金总额 |
    财政拨款 | 其他资金), over rows a period each: each cell's funds kind (total, fiscal …; None for the
    block's label), or None for other rows (a row of period totals heads period columns instead)."""
    kinds = [funds_of(c) for c in cells]
    totals = [k for k in kinds if k in ("annual_total", "medium_term_total")]
    if sum(k is not None for k in kinds) < 2 or len(totals) > 1 or any(parse_amount(c) is not None for c in cells):
        return None
    return [("total" if k in totals else k) for k in kinds]


def _funds_by_source(header: Header, cells: list[str], sources: list[str | None], own_unit: set[str]) -> bool:
    """A period's row under source columns (年度 | 100 | 100 | 0): an amount a source, the sources left
    blank the last ones (empty cells are no cells); False when the row is not one."""
    period = _period_word(cells[0]) if cells else None
    kinds = [k for k in sources if k is not None]
    amounts = cells[1:]
    if period is None or len(amounts) > len(kinds) or not _amounts_row(amounts or ["-"]):
        return False
    for kind, text in itertools.zip_longest(kinds, amounts, fillvalue=""):
        slot = kind if kind.startswith(period) else f"{period}_{kind}"
        if header.funds.get(slot) is None:
            _set_amount(header, slot, text, own_unit)
    return True


def _period_cells(rows: list[list[str]]) -> list[list[str]]:
    """Funds rows printed one cell per line back as rows: period columns (资金来源 / 中期 / 年度 / 财政拨款 |
    180 / 60 / 合计 / 180 / 60) as the period words in one row and each funds row's lone amounts after it (as
    many as there are periods); a funds label the vocabulary lacks (合计, 项目金额) and the amount under it."""
    out: list[list[str]] = []
    width = 0  # how many periods the block's columns head; 0 outside such a block
    for cells in rows:
        if len(cells) == 1 and out and _period_word(cells[0]) and _period_word(out[-1][-1]) and \
                not any(parse_amount(c) is not None for c in out[-1]):
            out[-1] = [*out[-1], *cells]
            width = len(_period_columns(out[-1]) or [])
            continue
        if len(cells) == 1 and out and parse_amount(cells[0]) is not None and (
                (width and _funds_row_label(out[-1]) and len(out[-1]) <= width)
                or (len(out[-1]) == 1 and funds_kind([*out[-1], *cells], 0) is not None)):
            out[-1] = [*out[-1], *cells]  # (合计 / 92.65: a label the vocabulary lacks over its amount)
            continue
        if not _funds_row_label(cells):
            width = 0
        out.append(cells)
    return out


def _funds_row_label(cells: list[str]) -> bool:
    """A row that starts with a funds label: the vocabulary's, a total row's (合计), or one told by its words."""
    return bool(cells) and (funds_of(cells[0]) is not None or label_key(cells[0]) in _TOTAL_ROWS or
                            funds_kind(cells, 0) is not None)


def _funds_rows(rows: list[list[str]]) -> list[list[str]]:
    """The field rows with funds rows put back together where an export took them apart (amounts run
    into the next label, a label column printed before its amounts, period columns one cell per line)."""
    split = _label_then_amount([[p for c in cells for p in _amount_apart(c)] for cells in rows])
    return _budget_values(_period_cells(_label_column(_budget_headings([_labels_after(c) for c in split]))))


def _label_then_amount(rows: list[list[str]]) -> list[list[str]]:
    """A row that ends with a funds label, once amounts run into labels are split off (92.65万元其他资金),
    joined to the next row when that starts with its amount (one cell per line: … | 其他资金 / 0万元上年结转)."""
    out: list[list[str]] = []
    for cells in rows:
        if out and out[-1] and cells and funds_of(out[-1][-1]) is not None and parse_amount(cells[0]) is not None:
            out[-1] = [*out[-1], *cells]
        else:
            out.append(cells)
    return out


def _budget_headings(rows: list[list[str]]) -> list[list[str]]:
    """A self-evaluation's budget headings printed one a line (年初预算数 / 全年预算数 / 全年执行数 / 分值 /
    执行率 / 得分) back as one row."""
    out: list[list[str]] = []
    for cells in rows:
        if len(cells) == 1 and out and _budget_heading(cells[0]) and _budget_heading(out[-1][-1]) and \
                any(label_key(c) in _budget_words() for c in out[-1]) and not _amounts_row(out[-1][-1:]):
            out[-1] = [*out[-1], *cells]
        else:
            out.append(cells)
    return out


def _budget_values(rows: list[list[str]]) -> list[list[str]]:
    """A budget block's funds rows printed one cell per line back as rows: each funds row's lone cells after
    its label, as many as the block has columns."""
    out: list[list[str]] = []
    width = 0  # the budget block's columns; 0 outside one
    for cells in rows:
        if width and len(cells) == 1 and out and _funds_row_label(out[-1]) and 1 < len(out[-1]) <= width and \
                _amounts_row(cells):
            out[-1] = [*out[-1], *cells]
            continue
        heads = budget_columns(cells)
        width = len(heads) if heads else width if _funds_row_label(cells) else 0
        out.append(cells)
    return out


def _budget_heading(cell: str) -> bool:
    """A heading of a self-evaluation's budget block: a budget column, its rate, its points or score."""
    return label_key(cell) in _budget_words() or cell_info(cell).column in ("weight", "score")


def _labels_after(cells: list[str]) -> list[str]:
    """A row whose funds labels each follow their amounts and end it (a label centred in a tall merged cell
    that an export printed after the row's amounts: 92.65 | 年度资金总额 | 0 | 其他资金) -> each label
    before its amounts; other rows as they are.

    >>> _labels_after(["项目资金(万元)", "92.65", "年度资金总额", "0", "其他资金"])
    ['项目资金(万元)', '年度资金总额', '92.65', '其他资金', '0']
    >>> _labels_after(["项目期", "3", "年度资金总额", "20", "其他资金"])
    ['项目期', '3', '年度资金总额', '20', '其他资金']
    """
    if not cells or funds_of(cells[-1]) is None:
        return cells
    start = next((n for n, c in enumerate(cells) if _amounts_row([c])), None)
    if start is None or not all("funds_block" in label_kinds(c) for c in cells[:start]):
        return cells
    out, run = cells[:start], []
    for cell in cells[start:]:
        if _amounts_row([cell]):
            run.append(cell)
        elif funds_of(cell) is not None and run:
            out += [cell, *run]
            run = []
        else:
            return cells
    return out


# An amount with its unit (or a blank's dash) run into the label after it (92.65万元其中:财政拨款, 20万元预算申报数).
_AMOUNT_THEN_TEXT: Final = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?\s*万?元|[—/])\s*(\S.*)$")


# An amount with its unit is at most this long (1,234,567,890.00万元).
MAX_AMOUNT_CHARS: Final = 20


# A total's breakdown in brackets after it (100万元(其中:财政拨款80万元,其他资金20万元)): its items.
_BREAKDOWN: Final = re.compile(r"^[(（](.+)[)）]$")


def _amount_apart(cell: str) -> list[str]:
    """A cell that runs an amount and its unit into a funds label, or into the breakdown of it in brackets ->
    the amount and each label and amount; others as they are.

    >>> _amount_apart("92.65万元其中:财政拨款"), _amount_apart("20万元中央补助安排0"), _amount_apart("20万元")
    (['92.65万元', '其中:财政拨款'], ['20万元中央补助安排0'], ['20万元'])
    >>> _amount_apart("100万元（其中：财政拨款80万元，其他资金20万元）")
    ['100万元', '其中：财政拨款', '80万元', '其他资金', '20万元']
    >>> _amount_apart("6923.3552万元(其中:上级")
    ['6923.3552万元', '(其中:上级']
    >>> _amount_apart("0万元三、其他:3683.3970万元")
    ['0万元', '三、其他:', '3683.3970万元']
    """
    m = _AMOUNT_THEN_TEXT.match(cell)
    if m is None:
        return [cell]
    inner = _BREAKDOWN.match(m.group(2))
    if inner is None:
        # (a note in brackets after the amount that a glued export cut at a label inside it: 6923.3552万元(其中:上级)
        opens_note = m.group(2)[0] in "(（" and not m.group(2).endswith((")", "）"))
        if opens_note or funds_of(m.group(2)) is not None:
            return [m.group(1), m.group(2)]
        # The next source with its amount (0万元三、其他:3683.397万元); longer text is a sentence, not tried.
        pair = _label_and_amount(m.group(2)) if len(m.group(2)) <= MAX_LABEL_CHARS + MAX_AMOUNT_CHARS else None
        return [m.group(1), *pair] if pair is not None else [cell]
    parts = [m.group(1)]
    for item in re.split(r"[,，;；、]", inner.group(1)):
        pair = _label_and_amount(item.strip())
        if pair is None:
            return [cell]
        parts += pair
    return parts


def _label_and_amount(text: str) -> list[str] | None:
    """A funds label and its amount (or a blank mark) run together -> the two; None for other text.

    >>> _label_and_amount("其中:财政拨款80万元"), _label_and_amount("其他资金—"), _label_and_amount("中央补助安排0")
    (['其中:财政拨款', '80万元'], ['其他资金', '—'], None)
    """
    for n in range(len(text) - 1, 0, -1):
        rest = text[n:].strip()
        if (parse_amount(rest) is not None or _blank_amount(rest)) and funds_of(text[:n]) is not None:
            return [text[:n], rest]
    return None


def _label_column(rows: list[list[str]]) -> list[list[str]]:
    """A funds block read down its columns: its labels one a line, then a row of amounts a label (the last
    label may have taken the first row as its value) -> each label followed by its row's amounts."""
    out: list[list[str]] = []
    width = 0  # the columns of the budget block above, when its cells come one a line
    i = 0
    while i < len(rows):
        heads = budget_columns(rows[i])
        width = len(heads) if heads else width
        n = i
        while n < len(rows) and len(rows[n]) == 1 and funds_of(rows[n][0]) is not None:
            n += 1
        labels, amounts, j = [r[0] for r in rows[i:n]], [], n
        if j < len(rows) and len(rows[j]) > 1 and funds_of(rows[j][0]) is not None and _amounts_row(rows[j][1:]):
            labels.append(rows[j][0])
            amounts.append(rows[j][1:])
            j += 1
        if len(labels) >= 2 and width > 1 and all(len(a) == 1 for a in amounts):
            # One cell a line under a budget block's headings: its cells in reading order, a row of them a label.
            cells, k = [c for a in amounts for c in a], j
            while len(cells) < len(labels) * width and k < len(rows) and len(rows[k]) == 1 and \
                    _amounts_row(rows[k]):
                cells.append(rows[k][0])
                k += 1
            if len(cells) == len(labels) * width:
                amounts, j = [cells[n: n + width] for n in range(0, len(cells), width)], k
        while len(labels) >= 2 and len(amounts) < len(labels) and j < len(rows) and _amounts_row(rows[j]):
            amounts.append(rows[j])
            j += 1
        if len(labels) >= 2 and len(amounts) == len(labels):
            out += [[label, *a] for label, a in zip(labels, amounts, strict=True)]
            i = j
            continue
        out.append(rows[i])
        i += 1
    return out


def _amounts_row(cells: list[str]) -> bool:
    """A row of nothing but amounts, percentages and blanks (a budget row's cells)."""
    return bool(cells) and all(parse_amount(c) is not None or _PERCENT.match(match_key(c)) or _blank_amount(c)
                               for c in cells)


def _blank_amount(text: str) -> bool:
    """A dash or slash printed in an empty amount cell (schemas/structure.json)."""
    return match_key(text).strip(_EDGE_MARKS) in _blanks()


@lru_cache(maxsize=1)
def _blanks() -> frozenset[str]:
    return frozenset(match_key(b) for b in load("structure")["amount_units"]["blanks"])


def _funds_row(header: Header, cells: list[str], kinds: list[str | None], groups: list[str],
               budget: list[str] | None, seen: dict[str, int], own_unit: set[str]) -> None:
    """The funds of one row, ``kinds`` being each cell's funds key (``funds_kind``).

    ``seen`` counts each funds label over the field part, not the row: the n-th 其中:财政拨款 is the
    n-th period's, whether the periods sit side by side in a row or one cell per line.
    """
    set_by: dict[str, str] = {}  # funds key -> the label that set it in this row
    for i, (text, kind) in enumerate(zip(cells, kinds, strict=True)):
        if kind is None:
            continue
        period = _total_period(kind)
        if period is not None:
            if period not in groups:
                groups.append(period)
            key = kind
        else:
            k = seen.get(kind, 0)
            seen[kind] = k + 1
            # (Funds carried over from last year are the year's: a carryover row under two periods' totals
            # is the year's, whichever side it is printed on.)
            side = groups[k] if k < len(groups) and kind != "carryover" else "annual"
            period = _period_named(text) or side
            key = f"{period}_{kind}"
        value = _budget_cell(cells, i, budget)
        if value is not None and i + 2 < len(cells) and value == cells[i + 1] and label_key(value) in _TOTAL_ROWS \
                and parse_amount(cells[i + 2]) is not None:
            value = cells[i + 2]  # 一般公共预算拨款 | 小计 | 1800: a subtotal's word between label and amount
        if value is not None and i + 2 < len(cells) and value == cells[i + 1] and _unit_alone(cells[i + 2]):
            value += cells[i + 2]  # 500000 | 元: the amount's unit in the cell after it
        if value and parse_amount(value) is None and not _blank_amount(value):
            if _AMOUNT.match(_amount_text(value)):
                header.notes.append((0, f"funds '{text}': {out_of_range(value)}"))
            else:
                header.notes.append((0, f"funds '{text}' has no number: '{value}'"))
        if key not in header.funds or header.funds[key] is None:
            _set_amount(header, key, value or "", own_unit)
            set_by[key] = label_key(text)
        elif kind == "other" and set_by.get(key, label_key(text)) != label_key(text):
            _add_amount(header, key, value or "", own_unit)


def _add_amount(header: Header, key: str, text: str, own_unit: set[str]) -> None:
    """Another source of the other funds in the row that set them (二、自有资金:0万元 三、其他:3683.397万元):
    its amount adds to theirs, when both print their unit or neither does."""
    amount, printed = amount_in_wan(text)
    before = header.funds.get(key)
    if amount is not None and before is not None and printed == (key in own_unit):
        header.funds[key] = round(before + amount, 6)


def _unit_alone(text: str) -> bool:
    """A cell that prints an amount's unit and nothing else (元, 万元)."""
    rest, factor = _unit_split(text)
    return factor is not None and not rest


def _goal_text(text: str) -> str | None:
    """A goal cell's text; None for a placeholder or a side printed empty (无, /: the value words of
    schemas/values.json that say 'none')."""
    if is_placeholder(text) or match_key(text).rstrip("。.") in _no_goal():
        return None
    return collapse_spaces(_once(_grid_head().sub("", text)))


@lru_cache(maxsize=1)
def _no_goal() -> frozenset[str]:
    """Words a cell prints for 'none' (无, /, 不适用: schemas/values.json), as a goal's empty side."""
    return frozenset(match_key(w) for w in load("values")["not_applicable"])


@lru_cache(maxsize=1)
def _grid_head() -> re.Pattern[str]:
    """The grid's first column heading glued to the end of the goal cell above it (…工作目标。一级指标), as a
    PDF's text prints it when the goal's last line and the header row share a line."""
    level1 = load("fields")["columns"]["level1"]
    words = sorted((w for w in level1 if len(w) >= MIN_GLUED_HEADING), key=len, reverse=True)
    return re.compile(rf"(?<=\S)(?:{'|'.join(map(re.escape, words))})$")


# Glued to a goal, a heading this long is the grid's (一级指标), not a word of the goal's (一级).
MIN_GLUED_HEADING: Final = 4


def _sides(cells: list[str]) -> list[str]:
    """A goal row that prints the same cells twice (as set, as achieved), a sentence cut into several
    cells by single spaces: the two sides, each one text.

    >>> _sides(["1.保障", "5000人次。", "1.保障", "5000人次。"]), _sides(["甲", "乙"])
    (['1.保障 5000人次。', '1.保障 5000人次。'], ['甲', '乙'])
    """
    half = len(cells) // 2
    if half > 1 and printed_twice(cells):
        return [" ".join(cells[:half]), " ".join(cells[half:])]
    return cells


def _once(text: str) -> str:
    """A goal printed twice in one cell, as set and as achieved (预期目标 | 实际完成情况 run together) -> once.

    >>> _once("完成培训100人 完成培训100人"), _once("完成培训100人完成培训100人"), _once("完成培训")
    ('完成培训100人', '完成培训100人', '完成培训')
    """
    half = len(text) // 2
    for first, second in ((text[:half], text[half:]), (text[:half], text[half + 1:])):
        if first.strip() and first.strip() == second.strip() and len(text) - 2 * half <= 1:
            return first.strip()
    return text


def _set_goal(header: Header, slot: str, text: str) -> None:
    """The first goal text printed for a slot stands (a later 年度目标 is a column of another block)."""
    if header.goals.get(slot) is None:
        header.goals[slot] = _goal_text(text)


@lru_cache(maxsize=1)
def _name_ending() -> str:
    """What a project's name ends with and a label may start with: glued text split at the longer label cut it
    off (schemas/fields.json project_name_ending)."""
    return str(load("fields")["project_name_ending"])


def _name_keeps_its_ending(line: list[Token]) -> list[str]:
    """A line's cell texts, a project's name given back the 项目 that the label glued after it took (碟令薯
    示施项目实施单位 split at 项目实施单位, 资助项目主管部门 at 项目主管部门): when the label names the same
    field without it, the name's ending is the likelier reading (project names end in 项目).

    >>> from goalparse.intermediate import Token
    >>> _name_keeps_its_ending([Token("项目名称", 1, 0, "glue"), Token("学生资助", 1, 0, "glue"),
    ...                         Token("项目主管部门", 1, 0, "glue"), Token("湖北省教育厅", 1, 0, "glue")])
    ['项目名称', '学生资助项目', '主管部门', '湖北省教育厅']
    """
    cells = [t for t in line if t.text]
    texts = [t.text for t in cells]
    ending = _name_ending()
    for n in range(1, len(cells) - 1):
        label = texts[n + 1]
        if cells[n + 1].sep != "glue" or not label.startswith(ending) or texts[n].endswith(ending):
            continue
        field = cell_info(label).field
        if field is not None and cell_info(texts[n - 1]).field == "project_name" and \
                cell_info(label[len(ending):]).field == field:
            texts[n] += ending
            texts[n + 1] = label[len(ending):]
    return texts


def _field_rows(tokens: tuple[Token, ...]) -> list[list[str]]:
    """The field part's lines as rows of cell texts, a label's value joined to it across a line break.

    A field or funds label that ends its line takes the next line's cells as its value (one cell per
    line, or numbers printed under their label); a goal label ending its line takes the next line
    only when it is a lone cell (two goal texts on the next line are read as a pair, below).
    """
    lines = _goal_pieces_joined(lines_of(tokens))
    rows: list[list[str]] = []
    i = 0
    while i < len(lines):
        row = _name_keeps_its_ending(lines[i])
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None:
            under = _amounts_under(lines[i], nxt)
            if under is not None:
                rows.append(under)
                i += 2
                continue
        if row and nxt is not None and is_label(row[-1]) and _period_columns(row) is None:
            goal = cell_info(row[-1]).goal is not None
            if goal and len(nxt) == 1 and not _period_labels_above(rows, row[-1]):
                # A goal printed as several lines (目标1: … / 目标2: …) under its label.
                j = _goal_lines_end(lines, i + 1)
                if j > i + 1:
                    rows.append([*row, "\n".join(line[0].text for line in lines[i + 1: j])])
                    i = j
                    continue
            over = _lines_over_goal(lines, i + 1) if funds_of(row[-1]) is not None else 0
            if over:
                # An amount's label printed blank, then the top of a goal's text centred on its label's line
                # (其他资金 / 1.保障… / 年度目标  5000人次。… / …): the lines go on the goal.
                rows.append(row)
                goal_line = [t.text for t in lines[i + 1 + over] if t.text]
                j = _goal_lines_end(lines, i + 2 + over)
                text = [line[0].text for line in lines[i + 1: i + 1 + over]] + goal_line[1:2] + \
                    [line[0].text for line in lines[i + 2 + over: j]]
                rows.append([goal_line[0], "\n".join(text), *goal_line[2:]])
                i = j
                continue
            if (_free(nxt[0].text) or _named_as_a_table(row[-1], nxt[0].text)) and not goal \
                    and not _goal_down(lines, i + 1) and \
                    label_key(nxt[0].text) not in _TOTAL_ROWS and not (
                    _period_word(nxt[0].text) and _source_columns(row) is not None):
                # (A funds label printed blank over its block's total row, 其他资金 / 合计 | 180 | 60, and funds
                # sources heading columns over a period's row, … | 其他资金 / 中期 | 300 | 300 | 0: no value.)
                # The joined line may end with a label in turn (项目资金(元) / 年初预算数 … 年度资金总额 /
                # 387664.62 …): its value is on the line after, so the join goes on.
                row += [t.text for t in nxt if t.text] or [""]
                i += 1
                while i + 1 < len(lines) and row[-1] and lines[i + 1] and _free(lines[i + 1][0].text) and (
                        (is_label(row[-1]) and cell_info(row[-1]).goal is None) or
                        (len(row) >= 2 and _code_apart([*row[-2:], lines[i + 1][0].text], 0))):
                    i += 1
                    row += [t.text for t in lines[i] if t.text] or [""]
                rows.append(row)
                i += 1
                continue
        if len(row) >= 2 and cell_info(row[-2]).goal is not None and _free(row[-1]):
            # A goal beside its label whose cell goes on over the next lines alone (a tall cell's text).
            j = _goal_lines_end(lines, i + 1)
            row[-1] = "\n".join([row[-1], *(line[0].text for line in lines[i + 1: j])])
            i = j - 1
        if row:
            rows.append(row)
        i += 1
    return rows


def _goal_pieces_joined(lines: list[list[Token]]) -> list[list[Token]]:
    """The pieces of a goal's text that the split of glued cells cut at words the vocabulary knows (因 |
    财政资金 | 紧张,结转… | 项目资金; 开展 | 2个 | 防洪…修复,) joined again: after a goal label, the glued
    pieces that follow the text's first cell are that cell, up to a label, heading or column of the table
    (a funds label only when an amount follows it)."""
    out: list[list[Token]] = []
    after_goal = started = False
    for line in lines:
        joined: list[Token] = []
        for n, t in enumerate(line):
            if not t.text:
                joined.append(t)
                continue
            info = cell_info(t.text)
            if info.goal is not None:
                after_goal, started = True, False
            elif after_goal and started and t.sep == "glue" and _goal_piece(line, n):
                joined[-1] = joined[-1]._replace(text=joined[-1].text + t.text)
                continue
            elif after_goal and not started and _free(t.text):
                started = True
            else:
                after_goal = False
            joined.append(t)
        out.append(joined)
    return out


def _goal_piece(line: list[Token], n: int) -> bool:
    """Whether the glued piece ``line[n]`` goes on the goal's text before it: no label, heading or column
    of its own, or a funds word (财政资金, 项目资金) with no amount, unit or label after it."""
    info = cell_info(line[n].text)
    if info.goal is not None or info.field is not None or info.block_label or info.column or info.title or (
            info.heading is not None and info.heading.how == "exact"):
        return False
    if info.is_label:
        nxt = next((t.text for t in line[n + 1:] if t.text), "")
        return (info.funds is not None or info.funds_block) and _free(nxt) and parse_amount(nxt) is None and \
            not _unit_alone(nxt)
    return True


def _lines_over_goal(lines: list[list[Token]], start: int) -> int:
    """How many lone lines from ``start`` are the top of a goal's text printed centred on its label's line:
    sentences, no amounts, over a line that opens with a goal label and the text's next line; 0 if none."""
    j = start
    while j < len(lines) and j - start < MAX_LABEL_ROWS and len(lines[j]) == 1 and \
            _free(text := lines[j][0].text) and parse_amount(text) is None and len(text) >= MIN_GOAL_LINE:
        j += 1
    below = [t.text for t in lines[j] if t.text] if start < j < len(lines) else []
    return j - start if len(below) >= 2 and cell_info(below[0]).goal is not None and _free(below[1]) else 0


def _goal_down(lines: list[list[Token]], start: int) -> bool:
    """Whether the lines from ``start`` open with the pieces of a goal label printed down its cell (年度 / 目标)."""
    joined = ""
    for line in lines[start: start + MAX_LABEL_ROWS]:
        piece = line[0].text if line else ""
        if not piece or len(match_key(piece)) > MAX_LABEL_PIECE:
            return False
        joined += piece
        if cell_info(joined).goal is not None:
            return True
    return False


def _period_labels_above(rows: list[list[str]], label: str) -> bool:
    """Whether a goal label printed alone closes a column of lone goal labels that head one text a period
    (总体目标 / 中期目标 / 年度目标: the texts under them are one a line, read in turn, not one goal).
    总体目标 / 年度目标 alone is a row label over the year's goal."""
    if len(rows) < 2 or any(len(r) != 1 or cell_info(r[0]).goal is None for r in rows[-2:]):
        return False
    return cell_info(rows[-1][0]).goal != cell_info(label).goal


def _goal_lines_end(lines: list[list[Token]], start: int) -> int:
    """Where the lines of a goal's text that start at ``start`` end: lone free cells, each a sentence, its
    end, or the short last piece of a line wrapped above it. A vertical heading's pieces come one or two
    characters a line in a run (绩 / 效, 年度 / 履职 / 目标): a single character, a short first line and a
    short line before another short one end the goal."""
    j = start
    while j < len(lines) and len(lines[j]) == 1 and _free(text := lines[j][0].text):
        if not (len(text) >= MIN_GOAL_LINE or _SENTENCE_END.search(text) or (
                j > start and len(text) > 1 and not _short_lone(lines, j + 1))):
            break
        j += 1
    return j


def _short_lone(lines: list[list[Token]], j: int) -> bool:
    """Whether line ``j`` is a lone short cell (a piece of a vertical heading, or the next one)."""
    return j < len(lines) and len(lines[j]) == 1 and len(lines[j][0].text) < MIN_GOAL_LINE


def _amounts_under(labels: list[Token], amounts: list[Token]) -> list[str] | None:
    """A row of funds labels over a row of amounts (年度资金总额 | 其中:财政拨款 | 其他资金 / 92.65 | 90 | 2.65),
    or a row of nothing but field labels over a row of their values (资金名称 | 主管部门 / X | Y): each label
    followed by the cell printed under it, by column where the lines kept their empty cells, else in order
    when the counts agree; None for other lines.
    """
    funds = [t for t in labels if t.text and funds_of(t.text) is not None]
    values = [t for t in amounts if t.text]
    if len(funds) < 2 or not values or any(parse_amount(t.text) is None for t in values):
        funds = [t for t in labels if t.text and cell_info(t.text).field is not None]
        if len(funds) < 2 or len(funds) != sum(1 for t in labels if t.text) or not all(_free(t.text) for t in values):
            return None
    by_col = {t.col: t.text for t in values}
    if len({t.col for t in labels}) == len(labels) and all(t.col in by_col for t in values) and any(
            t.col in by_col for t in funds):
        pick = {id(t): by_col.get(t.col, "") for t in funds}
    elif len(values) == len(funds):
        pick = {id(t): v.text for t, v in zip(funds, values, strict=True)}
    else:
        return None
    out: list[str] = []
    for t in labels:
        if t.text:
            out.append(t.text)
            if id(t) in pick:
                out.append(pick[id(t)])
    return out


# A line that goes on a goal is a sentence, not a stray character of a vertical heading; a shorter one
# ends a sentence (the last piece of a wrapped item: 人次。).
MIN_GOAL_LINE: Final = 6
_SENTENCE_END: Final = re.compile(r"[。；;！!]$")


def _named_as_a_table(label: str, text: str) -> bool:
    """A project named after its table (项目名称 / 2020年省级…补助经费支出绩效自评表): under the name's label
    a title-like text is the name, not the next table's title (the table finder has parted tables)."""
    return cell_info(label).field == "project_name" and cell_info(text).title is not None


def _free(text: str) -> bool:
    """A cell that can be a value: no label, block label (绩效指标), column heading, title or noise (an empty
    cell is a blank value)."""
    if not text:
        return True
    info = cell_info(text)
    return not (info.is_label or info.block_label or info.column or info.title or info.noise
                or info.heading is not None)


def _milestones(cell: str) -> list[str]:
    """The milestones a cell prints: one (6月底), or several run together (3月底6月底10月底), or none.

    >>> _milestones("6月底"), _milestones("3月底6月底10月底"), _milestones("按进度拨付")
    (['6月底'], ['3月底', '6月底', '10月底'], [])
    """
    key = match_key(cell)
    if _MILESTONE.match(key):
        return [key]  # (widths folded: ６月底 is 6月底)
    found = _MILESTONE_RUN.findall(key)
    return found if found and "".join(found) == key else []


class _Plan:
    """A spending plan being read: its milestones (3月底 6月底 …), then their shares (30% 60% …), printed
    as two rows or one cell per line."""

    def __init__(self, milestones: list[str]) -> None:
        self.milestones = milestones
        self.shares = 0

    def take(self, cells: list[str], plan: dict[str, float]) -> bool:
        """Read a row into the plan; False when the row is none of it."""
        keys = [match_key(c) for c in cells]
        if self.shares == 0 and all(_MILESTONE.match(k) for k in keys):
            self.milestones += [join_wrapped(c) for c in cells]
            return True
        percents = [_PERCENT.match(k) for k in keys]
        if not all(percents) or self.shares + len(cells) > len(self.milestones):
            return False
        for milestone, m in zip(self.milestones[self.shares:], percents, strict=False):
            share = to_number(m.group(1)) if m else None
            if share is not None:
                plan[milestone] = share
        self.shares += len(cells)
        return True


@lru_cache(maxsize=1)
def _attribute_values() -> frozenset[str]:
    return frozenset(match_key(v) for v in load("fields")["attribute_values"])


@lru_cache(maxsize=1)
def _overall_goals() -> frozenset[str]:
    """Goal labels that name no period (schemas/fields.json goals_overall)."""
    return frozenset(label_key(w) for w in load("fields")["goals_overall"])


def read_fields(tokens: tuple[Token, ...], preamble: tuple[Token, ...] = ()) -> Header:
    """Parse the field part of a table (the tokens above its indicator grid); what it does not print may
    be in the narrative just above the table (``preamble``)."""
    header = _read_rows(_vertical_labels(_field_rows(tokens)))
    if preamble:
        _read_preamble(header, [t.text for t in preamble])
    return header


def _read_preamble(header: Header, lines: list[str]) -> None:
    """The project a heading above the table names (…项目绩效目标, 关于“…”), and a goal printed as a
    section heading and its paragraph ((一)中长期绩效目标 | 坚持…): only where the table prints neither."""
    named = None
    for n, text in enumerate(lines):
        slot = goal_heading(text)
        if slot is not None:
            after = lines[n + 1] if n + 1 < len(lines) else ""
            if after and _free(after) and goal_heading(after) is None and slot not in header.goals:
                _set_goal(header, slot, after)
            continue
        named = project_named_above(text) or named
    if named is not None and header.fields.get("project_name") is None:
        header.fields["project_name"] = named


def _lone_texts(rows: list[list[str]], start: int, most: int) -> int:
    """How many rows from ``start`` (at most ``most``) are a lone cell that can be a value: goal texts
    printed one cell a line."""
    count = 0
    while count < most and start + count < len(rows) and len(rows[start + count]) == 1 and \
            _free(rows[start + count][0]):
        count += 1  # (a block label or heading under the goal, 绩效指标, is no goal text)
    return count


# A label printed down a merged cell, a piece a row (年度 | 总体 | 目标): pieces this short, this many rows.
MAX_LABEL_PIECE: Final = 4
MAX_LABEL_ROWS: Final = 4


def _vertical_labels(rows: list[list[str]]) -> list[list[str]]:
    """Rows whose first cells are the pieces of one label printed down a merged cell become one row: the
    label, then the other cells of those rows in order (年度 | 预期目标 | 实际完成情况 / 总体 | text | text /
    目标 -> 年度总体目标 | 预期目标 | 实际完成情况 | text | text)."""
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        span = _label_span(rows, i)
        if span:
            group = rows[i: i + span]
            label = "".join(r[0] for r in group)
            if cell_info(label).goal is not None and all(len(r) <= 2 for r in group) and len(group[0]) == 2:
                # A goal's label down its cell beside its text's lines (年度 | line / 目标 | line / | line):
                # the lines, and the lone ones under them, are one text.
                end = i + span
                while end < len(rows) and len(rows[end]) == 1 and _free(rows[end][0]) and \
                        not _label_span(rows, end):
                    end += 1
                lines = [r[1] for r in group if len(r) == 2] + [r[0] for r in rows[i + span: end]]
                out.append([label, "\n".join(lines)])
                i = end
                continue
            out.append([label, *(c for r in group for c in r[1:])])
            i += span
            continue
        out.append(rows[i])
        i += 1
    return out


def _label_span(rows: list[list[str]], i: int) -> int:
    """How many rows from ``i`` hold the pieces of one label in their first cells (0: none)."""
    if not rows[i] or is_label(rows[i][0]) or len(match_key(rows[i][0])) > MAX_LABEL_PIECE:
        return 0
    joined = rows[i][0]
    for n in range(i + 1, min(i + MAX_LABEL_ROWS, len(rows))):
        if not rows[n] or len(match_key(rows[n][0])) > MAX_LABEL_PIECE or is_label(rows[n][0]):
            return 0  # (其中: | 其他资金: a label on its own is its own row's)
        joined += rows[n][0]
        if is_label(joined):
            return n - i + 1
    return 0


def _read_rows(rows: list[list[str]]) -> Header:
    header = Header()
    groups: list[str] = []
    pending_goals: list[str] = []
    plan: _Plan | None = None
    seen_funds: dict[str, int] = {}
    own_unit: set[str] = set()  # funds keys whose cell printed its unit: not converted with the block
    periods: list[str] | None = None
    sources: list[str | None] | None = None
    in_yuan = in_wan = False
    budget: list[str] | None = None
    headed = False  # the row before was the budget block's headings
    tier = 0  # how local the department read so far is (省级主管部门 < 区县主管部门)
    goal_labels: list[str] = []
    rows = _funds_rows(rows)
    for n, cells in enumerate(rows):
        kinds = [label_kinds(c) for c in cells]  # one lookup per cell for all the questions below
        if any(_YUAN_UNIT.search(c) for c, k in zip(cells, kinds, strict=True)
               if "noise" in k or "funds_block" in k or "单位" in c):
            in_yuan = True
        if any(_WAN_UNIT.search(c) for c, k in zip(cells, kinds, strict=True) if "funds_block" in k or "funds" in k):
            in_wan = True
        if not cells or all("noise" in k for k in kinds):
            continue
        if plan is not None:
            # (The plan's label printed again in front of its shares: its merged cell unmerged.)
            if plan.take(cells[1:] if "spending" in kinds[0] and len(cells) > 1 else cells, header.spending_plan):
                continue
            plan = None
        if pending_goals and all(cell_info(c).column for c in cells):
            # Column headings between the goal labels and their texts (预期目标 | 实际完成情况): the texts
            # are the last label's, set and achieved.
            pending_goals = pending_goals[-1:]
            continue
        if pending_goals and not any(is_label_kind(k) for k in kinds):
            texts = _sides([c for c in cells if not _PERIOD_MARK.match(match_key(c))])
            if len(cells) == 1:
                # Goal labels one a line take the lone texts under them, the last labels the last texts
                # (总体目标 / 年度目标 / text: 总体目标 heads the row of the year's goal).
                pending_goals = pending_goals[-_lone_texts(rows, n, len(pending_goals)):]
            for slot, text in zip(pending_goals, texts, strict=False):
                _set_goal(header, slot, text)
            pending_goals = pending_goals[1:] if len(cells) == 1 else []
            continue
        if not all("goals" in k for k in kinds):
            pending_goals = []  # (goal labels one a line, 总体目标 / 中期目标 / 年度目标, all wait for texts)
        if "spending" in kinds[0]:
            plan = _Plan([join_wrapped(m) for c in cells[1:] for m in _milestones(c)])
            continue
        if headed and budget and _amounts_row(cells) and header.funds.get("annual_total") is None:
            # Amounts with no label right under the budget headings: the block's label, printed once beside
            # the headings (部门预算执行情况(万元) | 年初预算数 | 全年(调整)预算数 | …), heads them: the year's total.
            year = _budget_amount(cells, budget) if "adjusted" in budget else cells[0]
            _set_amount(header, "annual_total", year or "", own_unit)
            headed = False
            continue
        budget_heads = budget_columns(cells)
        headed = budget_heads is not None
        budget = budget_heads or budget  # 年初预算数 | 全年预算数 | 全年执行数 over the funds rows
        columns = _period_columns(cells)
        if columns is not None:
            periods = columns  # 中期 | 年度 (or 中期资金总额 | 年度资金总额) over rows of amounts, one a period
            continue
        if periods and _funds_by_period(header, cells, periods, own_unit):
            continue
        heads = _source_columns(cells)
        if heads is not None:
            sources = heads  # 资金总额 | 财政拨款 | 其他资金 over rows of a period each (中期 | 300 | 300 | 0)
        elif sources and _funds_by_source(header, cells, sources, own_unit):
            continue
        funds = _year_beside_whole([funds_kind(cells, i) for i in range(len(cells))], cells)
        if any(funds):
            _funds_row(header, cells, funds, groups, budget, seen_funds, own_unit)
            if not any("fields" in k or "goals" in k for k in kinds):
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
                if name == "department" and (rank := department_tier(cells[i])) > tier:
                    if tier:  # a more local 主管部门 than the one read: it is the table's
                        header.fields.pop("department", None)
                        header.fields.pop("department_code", None)
                    tier = rank
                value = _options_after(cells, i) or _paired_value(cells, i) or _value_after(cells, i)
                if name == "project_period" and value is not None:
                    value = _date_run(cells, i + 1)
                _set_field(header, name, f"{value} {cells[i + 2]}" if _code_apart(cells, i) else value)
                continue
            goal = kind.get("goals")
            if goal is None or _heads_columns(cells, i):
                continue
            at = _after_columns(cells, i)
            value = _value_after(cells, at)
            if value is not None and _POINTS_MARK.match(match_key(value)):
                continue
            if value is not None and _goal_headings(cells[at + 1:]):
                value = None  # (年初绩效目标 | 全年(调整)绩效目标 | 全年目标实际完成情况: the texts on the next row)
            goal_labels.append(cells[i])
            if value is not None and _PERIOD_MARK.match(match_key(value)):
                value = None
            if value is not None:
                value = " ".join([value, *_goal_items(cells, at + 2)])
            if value is not None:
                _set_goal(header, goal, value)
            elif not pending_goals or pending_goals[-1] != goal:
                pending_goals.append(goal)
        for slot in pending_goals:
            header.goals.setdefault(slot, None)
    if goal_labels and "annual" not in header.goals and all(label_key(g) in _overall_goals() for g in goal_labels):
        # 总体目标 names no period: alone in a table it is the year's goal (FORMAT.md: medium_term is 中期目标 or
        # a 总体目标 over a span of years, printed beside the year's goal).
        header.goals["annual"] = header.goals.pop("medium_term", None)
    project_type = header.fields.get("project_type")
    if project_type and not header.fields.get("project_attribute") and match_key(project_type) in _attribute_values():
        header.fields["project_attribute"] = project_type  # 项目类型 | 新增项目: the attribute, under another label
    header.fields.pop("program", None)  # the programme a project belongs to: no field of its own
    header.fields.pop("other", None)  # rows the record has no field for (立项依据, 项目开始日期)
    filer = header.fields.pop("filer", None)
    unit = header.fields.pop("unit", None)
    if unit and not header.fields.get("department"):
        _set_field(header, "department", unit)
    elif unit and not header.fields.get("implementing_unit"):
        _set_field(header, "implementing_unit", unit)  # 部门名称 X, 单位名称 Y: Y is the unit doing the work
    if filer and not header.fields.get("department"):
        _set_field(header, "department", filer)  # FORMAT.md: the unit that files the table
    if in_yuan and not in_wan and header.funds:
        header.funds = {k: (round(v * YUAN_TO_WAN, 6) if v is not None and k not in own_unit else v)
                        for k, v in header.funds.items()}
        header.notes.append((0, "funds printed in 元, converted to 万元"))
    return header

