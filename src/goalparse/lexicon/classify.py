"""What one cell's text can be, asked once per distinct text and cached.

Every decoding step asks the same questions of a cell (a heading of the taxonomy?
a column label? a field label? a value, a comparator, a unit?), so the answers are
worked out together, once per text, and shared.

>>> info = cell_info("数量指标"); info.heading is not None, info.column
(True, None)
>>> cell_info("三级指标").column, cell_info("≥").comparator, cell_info("人次").unit
('name', True, True)
>>> cell_info("项目名称").field, cell_info("合计").ends_table, cell_info("指标1:").placeholder
('project_name', True, True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Final, NamedTuple

from .labels import label_key, label_kinds
from .normalise import TEXT_CACHE_SIZE, match_key, simplified
from .taxonomy import HeadingMatch, match_heading
from .values import own_column_cell, value_likeness
from .vocab import load


@lru_cache(maxsize=1)
def _title() -> re.Pattern[str]:
    """Table titles (schemas/structure.json): 绩效目标表, 绩效自评表, 绩效目标批复表, 审批表, 申报表, 区域绩效目标表
    ... with an optional bracketed year or qualifier after 表, e.g. 项目支出绩效目标表（2023年度）."""
    data = load("structure")
    stems = "|".join(map(re.escape, data["title_stems"]))
    kinds = "|".join(map(re.escape, sorted(data["title_kinds"], key=len, reverse=True)))
    return re.compile(rf"(?:(?:{stems})[^\s,，。;；:：]{{0,10}}|{kinds})表(?:[(（][^()（）]{{0,16}}[)）])?")
_TITLE_NUMBER: Final = re.compile(
    r"^\s*(?:附件\s*\d*\s*[:：]?\s*)?(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]"
    r"|[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|附?表\s*-?\d{1,3}(?:\s*-\s*\d{1,3})?\s*[:：]?)\s*"
)
MAX_TITLE_CHARS: Final = 60
MAX_TITLE_TAIL: Final = 4
# Where a title starts when something is glued in front of it: after a space or a colon.
# (A blank sign-off date, 年 月 日, counts as a break.)
_TITLE_START: Final = re.compile(r"[\s:：;；]+|年\s*月\s*日")
# A year printed in brackets after the title belongs to the year, not the title.
_TITLE_YEAR: Final = re.compile(r"[(（]\s*(?:19|20)\d{2}\s*(?:年度?)?\s*[)）]$")
BARE_VALUE_LIKE: Final = 0.8
# Narrower than the value grammar's opener (values.py): a word comparator (不低于…) may open a
# sentence-like cell, so only a sign or a digit marks a bare value here.
_LEADING_MEASURE: Final = re.compile(r"^\s*(?:[≥≤<>=≧≦＞＜＝]|\d)")
_NUMBER: Final = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$")
# Templates print markers instead of content (目标1: 指标2: ..... XX); longer text has content.
MAX_PLACEHOLDER_CHARS: Final = 60
_PLACEHOLDER_HINT: Final = re.compile(r"[.。…·．]|目标|指标|^[xX×*]+$")
_PLACEHOLDER: Final = re.compile(r"(?:目标|指标)\s*\d+\s*[:：]?|[.。…·．]+|\s+|^[xX×*]+$")


class CellInfo(NamedTuple):
    """Everything the decoder may ask of one cell text.

    A named tuple: one is made for every new text, and a frozen dataclass of this many
    fields costs ten times as much to make.
    """

    text: str
    key: str
    heading: HeadingMatch | None
    column: str | None
    field: str | None
    funds: str | None
    goal: str | None
    funds_block: bool
    spending: bool
    block_label: bool
    noise: bool
    footer: bool
    ends_table: bool
    # Sign-off and page-footer words that close a grid wherever in the line they are printed.
    closes_line: bool
    title: str | None
    placeholder: bool
    comparator: bool
    comparator_sign: str | None
    unit: bool
    number: bool
    value_like: float

    @property
    def is_label(self) -> bool:
        """A header label (field, funds, goal, funds block, spending plan)."""
        return bool(self.field or self.funds or self.goal or self.funds_block or self.spending)

    @property
    def bare_value(self) -> bool:
        """A value and nothing else (0%, 40次, ≥95%, 2100): it never names an indicator."""
        return self.heading is None and (
            self.number or (self.value_like >= BARE_VALUE_LIKE and _LEADING_MEASURE.match(self.text) is not None))

    @property
    def own_cell(self) -> bool:
        """A label, a column heading or an exact level heading: a cell of its own, never part of another."""
        return self.is_label or self.column is not None or (self.heading is not None and self.heading.how == "exact")

    @property
    def names_before_value(self) -> bool:
        """A level-2 heading word that can also name an indicator (社会公众满意度, 成本控制)."""
        return self.heading is not None and 1 not in self.heading.levels


class _Endings:
    """Column headings not in the vocabulary, known by how they end (schemas/structure.json)."""

    def __init__(self) -> None:
        data = load("structure")["column_endings"]
        alt = "|".join(map(re.escape, data["value"] + data["actual"]))
        # 预算设定指标值, 项目完成指标值: a short heading with one 值 at its end (a longer text ending so is a
        # name: 资金支出率达到目标值).
        self.value = re.compile(rf"^(?:(?!值)[\u4e00-\u9fff]){{0,6}}(?:{alt})$")
        self.done = tuple(data["actual_words"])
        # 指标标准或依据, 指标值设定依据: the grounds of a value.
        self.basis = re.compile(rf"^[\u4e00-\u9fff]{{1,8}}(?:{'|'.join(map(re.escape, data['basis']))})$")
        # 未完成原因及拟采取的改进措施, 偏差原因分析: why a value was missed.
        self.reason = re.compile(rf"^[\u4e00-\u9fff]{{0,6}}(?:{'|'.join(map(re.escape, data['extra']))})"
                                 r"[\u4e00-\u9fff]{0,12}$")


@lru_cache(maxsize=1)
def _endings() -> _Endings:
    return _Endings()


def _column_by_ending(key: str) -> str | None:
    endings = _endings()
    if endings.reason.match(key):
        return "extra"
    if endings.basis.match(key):
        return "basis"
    if not endings.value.match(key):
        return None
    return "actual" if any(w in key for w in endings.done) else "value"


def _words(group: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(label_key(w)) for w in load("fields")[group]))


@lru_cache(maxsize=1)
def _table_end_words() -> re.Pattern[str]:
    return _words("table_end")


# A short cell that ends in a long table-end word after a qualifier (预算绩效评价结果) ends the table too.
MAX_QUALIFIED_END: Final = 10
MIN_QUALIFIED_WORD: Final = 4


@lru_cache(maxsize=1)
def _qualified_end() -> re.Pattern[str]:
    """The longer table-end words at the end of a cell.

    >>> bool(_qualified_end().search("预算绩效评价结果")), bool(_qualified_end().search("存在问题整改率"))
    (True, False)
    """
    words = [label_key(w) for w in load("fields")["table_end"] if len(label_key(w)) >= MIN_QUALIFIED_WORD]
    return re.compile("(?:" + "|".join(map(re.escape, words)) + ")$")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_placeholder(text: str) -> bool:
    """Template text such as '目标1: 目标2: .....' or '指标1:' holds no content.

    >>> is_placeholder("目标1: 目标2: ....."), is_placeholder("....."), is_placeholder("培训1次")
    (True, True, False)
    """
    if len(text) > MAX_PLACEHOLDER_CHARS or not _PLACEHOLDER_HINT.search(text):
        return False
    return bool(text.strip()) and not _PLACEHOLDER.sub("", match_key(text))


def title_spans(text: str) -> list[tuple[int, int]]:
    """Where titles are printed inside ``text`` (start, end): the words inside one (绩效目标 in
    …项目支出绩效目标表) are part of it, not labels.

    >>> title_spans("日鄂州市项目支出绩效目标表项目名称")
    [(8, 13)]
    """
    return [m.span() for m in _title().finditer(text)] if "表" in text else []


# How far before a title's stem (绩效目标表) an attachment mark may end: the title's own words between them.
MAX_TITLE_LEAD: Final = 20


def attached_title_start(text: str, stem_start: int) -> int | None:
    """Where a title inside a glued run begins when an attachment mark comes before it (…合计2430.3附件2项目绩效
    目标表: after 附件2), given where its stem starts; None when no mark is that close.

    >>> attached_title_start("合计2430.3附件2项目绩效目标表", 13)
    11
    """
    lead = max(0, stem_start - MAX_TITLE_LEAD)
    ends = [m.end() for m in _attachment_mark().finditer(text, lead, stem_start)]
    return ends[-1] if ends else None


def glued_title(text: str) -> int | None:
    """Where a title opening a glued cell ends (…绩效目标自评表(2022年度)项目总得分99分…), in ``text``.

    None when the cell does not open with a title or is the title alone.

    >>> glued_title("马铃薯项目绩效目标自评表(2022年度)项目名称马铃薯项目")
    20
    >>> glued_title("项目支出绩效目标表"), glued_title("新建校舍面积")
    (None, None)
    """
    if "表" not in text or len(text) <= MAX_TITLE_CHARS // 4:
        return None
    m = _title().search(text)
    if m is None or m.end() >= len(text) or m.start() > MAX_TITLE_CHARS // 2:
        return None
    return m.end() if title_of(text[: m.end()]) else None


def title_of(text: str) -> str | None:
    """The table title a cell prints, leading item number removed; None when it is no title.

    >>> title_of("3.离休干部医药费绩效目标表"), title_of("项目支出绩效目标表（2023年度）")
    ('离休干部医药费绩效目标表', '项目支出绩效目标表')
    >>> title_of("附件:宁夏长庆初级中学2019年项目支出预算绩效目标表"), title_of("绩效目标")
    ('宁夏长庆初级中学2019年项目支出预算绩效目标表', None)
    >>> title_of("单位公章:年月 日鄂州市2022年市直部门预算项目支出绩效目标表")
    '鄂州市2022年市直部门预算项目支出绩效目标表'
    >>> title_of("（三）项目支出绩效目标表"), title_of("表3-2项目支出绩效目标表")
    ('项目支出绩效目标表', '项目支出绩效目标表')
    """
    if "表" not in text or len(text) > MAX_TITLE_CHARS:
        return _title_without_table(text)
    key = match_key(text)
    m = _title().search(key)
    if not m or len(key) - m.end() > MAX_TITLE_TAIL:
        return None
    if m.end() < len(key):  # a few characters glued after the title (…目标表(2023年度)一*级) are not part of it
        text = text[: len(text) - (len(key) - m.end())]
    title = _TITLE_NUMBER.sub("", text.strip().lstrip("#").strip()).strip().removeprefix("附件:").strip()
    # Junk glued in front (单位公章:年月 日鄂州市…表): the title starts after the last break before it.
    title = _TITLE_START.split(title)[-1] if _TITLE_START.search(title) else title
    # A notice's text glued in front of its attachment's title (…修复工程附件2秀屿区…表): the title follows the mark.
    title = _attachment_mark().split(title)[-1] or title
    return _TITLE_YEAR.sub("", title).strip() or None


@lru_cache(maxsize=1)
def _titles_without_table() -> tuple[str, ...]:
    return tuple(load("structure")["titles_without_table"])


# Words a title that names no 表 needs before its ending (a place, a year, a unit): more than the ending alone.
MIN_TITLE_LEAD: Final = 2


def _title_without_table(text: str) -> str | None:
    """A whole cell ending with a title that names no 表 (…2025年项目绩效目标和指标), words before it.

    >>> _title_without_table("黄山市公安局2025年项目绩效目标和指标"), _title_without_table("绩效目标和指标")
    ('黄山市公安局2025年项目绩效目标和指标', None)
    """
    text = text.strip()
    if len(text) > MAX_TITLE_CHARS:
        return None
    ending = next((e for e in _titles_without_table() if text.endswith(e)), None)
    return text if ending is not None and len(text) - len(ending) >= MIN_TITLE_LEAD else None


@lru_cache(maxsize=1)
def _attachment_mark() -> re.Pattern[str]:
    """An attachment's mark and number (schemas/structure.json attachment_marks): 附件2, 附件:, 附表1; its
    number is one digit before a year (附件22025年… is 附件2 over a 2025 title).

    >>> _attachment_mark().split("修复工程附件22025年农作物绩效目标表")[-1]
    '2025年农作物绩效目标表'
    """
    marks = "|".join(map(re.escape, load("structure")["attachment_marks"]))
    return re.compile(rf"(?:{marks})\s*(?:\d(?=(?:19|20)\d{{2}}年)|\d{{1,2}}(?!\d))?\s*[:：]?")


# Answers kept across documents (headings, labels and common values recur); within one document
# every distinct text is kept for as long as it is decoded (``document_scope``).
CELL_CACHE_SIZE: Final = 4 * TEXT_CACHE_SIZE


class _Scope(dict[str, CellInfo]):
    """One document's answers; a text not asked before is worked out on lookup (no second lookup)."""

    def __missing__(self, text: str) -> CellInfo:
        found = self[text] = _cell_info(text)
        return found


_SCOPES: Final[list[_Scope]] = []


@contextmanager
def document_scope() -> Iterator[None]:
    """Keep every cell text's answers while one document is decoded.

    Every step asks about every cell; a bounded cache alone would work out a large table's
    texts again at each step once they outnumber it. The scope holds them until the document
    is done (memory linear in the document), and the bounded cache carries recurring texts
    from one document to the next.
    """
    if _SCOPES:  # already inside a document's scope: keep using it
        yield
        return
    _SCOPES.append(_Scope())
    try:
        yield
    finally:
        _SCOPES.pop()


def cell_info(text: str) -> CellInfo:
    """The answers for one cell text (display text, markup already removed), worked out once."""
    # Asked about every token by every step: one subscript, the miss handled by the scope.
    return _SCOPES[-1][text] if _SCOPES else _cell_info(text)


def cell_infos() -> Mapping[str, CellInfo]:
    """``cell_info`` as a mapping, for a step's loop over every token: ``infos[text]`` is the same answer
    without a call per token. Inside a document it is the document's scope; outside, a fresh one."""
    return _SCOPES[-1] if _SCOPES else _Scope()


@lru_cache(maxsize=CELL_CACHE_SIZE)
def _cell_info(text: str) -> CellInfo:
    kinds = label_kinds(text)
    placeholder = is_placeholder(text)
    heading = None if placeholder else match_heading(text)
    key = label_key(text)
    printed = match_key(text)
    closes_line = bool(key) and _table_end_inside().search(printed) is not None
    ends = bool(key) and ((len(key) <= 16 and _table_end_words().match(key) is not None)
                          or (len(key) <= MAX_QUALIFIED_END and _qualified_end().search(key) is not None)
                          or closes_line or printed.startswith(_table_end_marks()))
    plain = simplified(text)  # (a unit or comparator in traditional characters: 萬元, 不低於)
    unit, comparator, comparator_sign = own_column_cell(plain)
    return CellInfo(
        text=text,
        key=printed,
        heading=heading,
        column=kinds.get("columns") or _column_by_ending(key),
        field=kinds.get("fields"),
        funds=kinds.get("funds"),
        goal=kinds.get("goals"),
        funds_block="funds_block" in kinds,
        spending="spending" in kinds,
        block_label="block_labels" in kinds,
        noise="noise" in kinds,
        footer=_footer_words().match(key) is not None,
        ends_table=ends,
        closes_line=closes_line,
        title=title_of(text),
        placeholder=placeholder,
        comparator=comparator,
        comparator_sign=comparator_sign,
        unit=unit,
        number=_NUMBER.match(printed) is not None,
        value_like=round(value_likeness(plain), 2) if heading is None and not placeholder else 0.5,
    )


@lru_cache(maxsize=1)
def _table_end_inside() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(match_key(w)) for w in load("fields")["table_end_inside"]))


@lru_cache(maxsize=1)
def _table_end_marks() -> tuple[str, ...]:
    """Notes and page chrome under a grid start with these (注:, 附件:, 扫一扫)."""
    return tuple(match_key(w) for w in load("fields")["table_end_marks"])


@lru_cache(maxsize=1)
def _footer_words() -> re.Pattern[str]:
    return _words("footer")


@lru_cache(maxsize=1)
def _page_marks() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(load("structure")["page_marks"]) + ")")


# A page mark is short (第12页 共30页 with its spaces) and prints a page's number.
MAX_PAGE_MARK: Final = 24
_DIGIT: Final = re.compile(r"\d")


def is_page_mark(text: str) -> bool:
    """A page's number printed between a table's rows by a page break (第1页 共3页, - 2 -): no cell of it.

    >>> is_page_mark("第1页 共9页"), is_page_mark("- 2 -"), is_page_mark("Page 3 of 4"), is_page_mark("第1页")
    (True, True, True, True)
    >>> is_page_mark("完成第1页设计"), is_page_mark("100"), is_page_mark("2-3")
    (False, False, False)
    """
    if len(text) > MAX_PAGE_MARK or not _DIGIT.search(text):
        return False  # (asked of many cells: most print no number)
    return _page_marks().fullmatch(text.strip()) is not None


# A year written in numerals, one a digit (二〇二四年).
_NUMERAL_YEAR: Final = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_NUMERAL_DIGITS: Final = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR_MARK: Final = re.compile(
    r"[(（]\s*((?:19|20)\d{2})\s*(?:年度?)?\s*[)）]"
    r"|((?:19|20)\d{2})\s*年\s*(?=度|[\u4e00-\u9fff])(?![月日底末内前后起至初中])"
    r"|^\s*((?:19|20)\d{2})\s*年?度?\s*[)）]?\s*$"
    r"|^\s*(?:预算)?年度\s*[:：]\s*((?:19|20)\d{2})\s*年?度?\s*$"
)


def year_of(text: str) -> int | None:
    """The budget year a title or a line under it prints.

    >>> year_of("（ 2021 年度）"), year_of("2024 年部门预算绩效文本"), year_of("2019年度)"), year_of("2021年12月底")
    (2021, 2024, 2019, None)
    >>> year_of("2023年慈溪市重大政策和项目绩效目标情况"), year_of("2023年底前完成")
    (2023, None)
    >>> year_of("项目支出绩效目标表(2023)"), year_of("预算年度:2024年"), year_of("填报日期:2023年3月1日")
    (2023, 2024, None)
    >>> year_of("（二〇二四年度）"), year_of("二〇二三年项目支出绩效目标表"), year_of("（２０２４年度）")
    (2024, 2023, 2024)
    """
    m = _YEAR_MARK.search(text)
    if not m and not text.isascii():
        # Full-width digits (（２０２４年度）), spaced digits (2 0 2 4 年), a year in numerals (二〇二四年度).
        folded = "".join(unicodedata.normalize("NFKC", text).split())
        if "〇" in folded or "零" in folded:
            folded = _NUMERAL_YEAR.sub(lambda y: y.group().translate(_NUMERAL_DIGITS), folded)
        m = _YEAR_MARK.search(folded)
    if not m:
        return None
    return int(m.group(1) or m.group(2) or m.group(3) or m.group(4))
