"""Stage: one 指标值 as printed -> ``Value`` (kind, comparator, number, unit, deadline).

The grammar's words live in ``schemas/values.json``. Order of decisions:
empty -> not applicable -> durations with 内 (time) -> measures (quantitative)
-> dates and time words (time) -> anything else (qualitative).

>>> v = parse_value("≥5000 人 次", 2024)
>>> (v.kind, v.op, v.number, v.unit)
('quantitative', '>=', 5000.0, '人次')
>>> parse_value("年底前完成", 2025).deadline
'2025-12-31'
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ..records import Comparator, Value, ValuePart
from .bounds import MAX_VALUE_CHARS, out_of_range, to_count, to_number
from .normalise import TEXT_CACHE_SIZE, clean_markup, join_wrapped
from .vocab import load

_NUM: Final = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Where a number may start in an unanchored search: not inside another number. Without
# this, a search tries every position of a long digit run (quadratic time).
_NUM_START: Final = r"(?<!\d)(?<!\d[,.])"
_CN_NUMERAL: Final = "一二两三四五六七八九十"


@dataclass(frozen=True)
class _Grammar:
    prefix: dict[str, Comparator]
    suffix: dict[str, Comparator]
    units: tuple[str, ...]
    unit_set: frozenset[str]
    scales: dict[str, float]
    time_units: frozenset[str]
    not_applicable: frozenset[str]
    # The two word lists above as one pattern each: a cell is asked once, not once per word.
    time_word: re.Pattern[str]
    qualitative_hint: re.Pattern[str]
    digits: dict[str, int]
    value_types: frozenset[str]
    number: re.Pattern[str]
    comparator_before: re.Pattern[str]
    range_tail: re.Pattern[str]
    unit_tail: re.Pattern[str]
    # A unit cell built of known units: a scale before it, per another unit after it (万平方米, 次/月, 万元/月).
    compound_unit: re.Pattern[str]
    cn_range: re.Pattern[str]
    cn_measure: re.Pattern[str]
    duration_within: re.Pattern[str]
    pure_duration: re.Pattern[str]
    whole_number: re.Pattern[str]


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _any_of(words: list[str]) -> re.Pattern[str]:
    """A pattern found wherever one of the words is (never, for no words)."""
    return re.compile(_alternation(words) or r"(?!)")


def _load_grammar() -> _Grammar:
    data = load("values")
    prefix = {w: op for op, words in data["prefix_comparators"].items() for w in words}
    suffix = {w: op for op, words in data["suffix_comparators"].items() for w in words}
    units = tuple(sorted(data["units"], key=len, reverse=True))
    time_units = frozenset(data["time_units"])
    cmp_re = _alternation(list(prefix))
    unit_re = _alternation(units)
    suffix_re = _alternation(list(suffix))
    seps = _alternation(data["range_separators"])
    cn = "".join(data["chinese_digits"])
    # A measure is found from its number outwards: the comparator printed just
    # before it, an optional range tail (94%-98%), the unit, a suffix (以上/左右).
    number = re.compile(rf"(?<![\d.]){_NUM}")
    comparator_before = re.compile(rf"(?:{cmp_re})\s*$")
    range_tail = re.compile(rf"\s*(?P<unit1>%|{unit_re})?\s*(?:{seps})\s*(?P<max>{_NUM})")
    unit_tail = re.compile(rf"\s*(?P<unit>{unit_re})?\s*(?P<suffix>{suffix_re})?")
    scale_re = "".join(re.escape(s) for s in data["scales"])
    one_unit = rf"[{scale_re}]?(?:{unit_re})"
    compound_unit = re.compile(rf"{one_unit}(?:\s*/\s*{one_unit})*")
    cn_range = re.compile(rf"(?<![{cn}])(?P<lo>[{cn}]+)\s*(?:{seps})\s*(?P<hi>[{cn}]+)\s*(?P<unit>{unit_re})")
    cn_measure = re.compile(rf"(?P<cmp>{cmp_re})\s*(?P<num>[{cn}]+)\s*(?P<unit>{unit_re})")
    time_re = _alternation(sorted(time_units))
    duration_within = re.compile(rf"{_NUM_START}{_NUM}\s*(?:{time_re})\s*(?:以内|之内|内)")
    pure_duration = re.compile(rf"^(?:{cmp_re})?\s*{_NUM}\s*(?:{time_re})(?:以内|之内|内)?[。.]?$")
    whole_number = re.compile(rf"\s*(?:{cmp_re})?\s*{_NUM}\s*[。.]?\s*")
    return _Grammar(
        prefix=prefix, suffix=suffix, units=units, unit_set=frozenset(units), scales=data["scales"],
        time_units=time_units,
        not_applicable=frozenset(data["not_applicable"]), digits=data["chinese_digits"],
        time_word=_any_of(data["time_words"]), qualitative_hint=_any_of(data["qualitative_hints"]),
        value_types=frozenset(data["value_types"]),
        number=number, comparator_before=comparator_before, range_tail=range_tail, unit_tail=unit_tail,
        compound_unit=compound_unit,
        cn_range=cn_range, cn_measure=cn_measure,
        duration_within=duration_within, pure_duration=pure_duration, whole_number=whole_number,
    )


# Loaded once, on first use; a Final list is read natively by compiled code (no cache-wrapper call).
_GRAMMAR_ONCE: Final[list[_Grammar]] = []


def grammar() -> _Grammar:
    if not _GRAMMAR_ONCE:
        _GRAMMAR_ONCE.append(_load_grammar())
    return _GRAMMAR_ONCE[0]


# Chinese numerals in values are short (一百零五); longer runs are not read as numbers.
MAX_CN_NUMERAL: Final = 12


def chinese_number(text: str) -> float | None:
    """六 -> 6, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None when not a numeral (or too long to be one).

    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("九"), chinese_number("九" * 400)
    (12.0, 20.0, 9.0, None)
    """
    if len(text) > MAX_CN_NUMERAL:
        return None
    digits = grammar().digits
    total, current = 0, 0
    for ch in text:
        if ch not in digits:
            return None
        n = digits[ch]
        if n >= 10:
            total += (current or 1) * n
            current = 0
        else:
            current = current * 10 + n if current and text[0] not in "十百千" else n
    return float(total + current)


# A number that is part of a date, not a measure: a year, a month or a day.
_DATE_PART: Final = re.compile(r"^(?:\s*年(?!度)|\s*月|\s*日|\s*号)")
_YEARS: Final = re.compile(r"((?:19|20)\d{2})\s*年(?!度)")  # 2021年, not 2021年度
_MONTHS: Final = re.compile(r"(?<![\d个])(\d{1,2})\s*月")  # 5月, not 6个月
_YEAR_RANGE_TAIL: Final = re.compile(r"\s*(?:-|—|至)\s*(?:19|20)\d{2}")
_NUMBERED_NAME: Final = re.compile(r"^\s*\d+\s*[.、:：]\s*\D")
_WORKING_DAYS: Final = re.compile(rf"{_NUM_START}(?P<n>{_NUM})\s*个?工作日")
_FREQUENCY: Final = re.compile(
    rf"(?<![{_CN_NUMERAL}\d])[{_CN_NUMERAL}\d]+\s*年\s*[{_CN_NUMERAL}\d]+\s*次"
)


def _is_date_number(text: str, start: int, end: int, num: str) -> bool:
    after = text[end:end + 2]
    if len(num) == 4 and _YEAR_RANGE_TAIL.match(text, end):
        return True  # 2020-2021年度
    if _DATE_PART.match(after):
        return not (after.startswith("年") and len(num) < 4) and text[max(0, start - 1):start] != "个"
    return False


def _is_date_unit(num: str, unit: str) -> bool:
    """2020年度, 5-7月, 7日: a date printed with a unit that is also a duration."""
    if unit == "年":
        return len(num) == 4
    return True


# Text longer than this is scored by its shape alone in value_likeness.
LONG_TEXT: Final = 16
_LEADING_MEASURE: Final = re.compile(r"^\s*(?:[≥≤<>=≧≦《＞＜＝]|不低于|不少于|不超过|\d)")
_HAS_DIGIT: Final = re.compile(r"\d")
_CN_DIGITS: Final = re.compile(r"[零〇一二两三四五六七八九十百千]")
# How far back a comparator can start before its number (不小于或等于 + spaces).
_COMPARATOR_WINDOW: Final = 10


# One measure: op, number, number_max, unit, base_number, base_unit (a ValuePart's
# fields; models are made only for values that print several measures). The number
# is None when it was printed but is out of range (see bounds.py).
_Measure = tuple[Comparator, float | None, float | None, str | None, float | None, str | None]


def _measures(text: str, notes: list[str]) -> list[_Measure]:
    """The measures a value prints; numbers out of range add a note to ``notes``."""
    g = grammar()
    parts: list[_Measure] = []
    if _HAS_DIGIT.search(text):
        whole_number = g.whole_number.fullmatch(text) is not None
        consumed = 0
        for m in g.number.finditer(text):
            start, end = m.span()
            if start < consumed:
                continue  # the upper bound of a range already read
            num = m.group()
            cmp_match = g.comparator_before.search(text, max(consumed, start - _COMPARATOR_WINDOW), start)
            cmp_word = cmp_match.group().strip() if cmp_match else None
            tail = g.range_tail.match(text, end)
            number_max = tail.group("max") if tail else None
            after = tail.end() if tail else end
            unit_match = g.unit_tail.match(text, after)  # always matches (all parts optional)
            unit = unit_match.group("unit") if unit_match else None
            suffix = unit_match.group("suffix") if unit_match else None
            consumed = unit_match.end() if unit_match and number_max else end
            if number_max is None and _is_date_number(text, start, end, num):
                continue
            if unit in ("年", "月", "日") and _is_date_unit(num, unit):
                continue
            if unit is None and tail is not None and tail.group("unit1") == "%":
                unit = "%"
            if unit is None and cmp_word is None and not whole_number:
                continue  # a bare number inside a sentence (a year, a code) is not a measure
            op: Comparator = "="
            if number_max is not None:
                op = "range"
            elif cmp_word:
                op = g.prefix[cmp_word]
            elif suffix:
                op = g.suffix[suffix]
            number, upper = to_number(num), to_number(number_max) if number_max else None
            for printed, read in ((num, number), (number_max, upper)):
                if printed is not None and read is None:
                    notes.append(out_of_range(printed))
            parts.append(_part(op, number, upper, unit))
    if _CN_DIGITS.search(text):
        for m in g.cn_range.finditer(text):
            lo, hi = chinese_number(m.group("lo")), chinese_number(m.group("hi"))
            if lo is not None and hi is not None:
                parts.append(_part("range", lo, hi, m.group("unit")))
        for m in g.cn_measure.finditer(text):
            n = chinese_number(m.group("num"))
            if n is not None:
                parts.append(_part(g.prefix[m.group("cmp")], n, None, m.group("unit")))
    return parts


def _part(op: Comparator, number: float | None, number_max: float | None, unit: str | None) -> _Measure:
    g = grammar()
    base_number, base_unit = number, unit
    if unit and number is not None:
        for scale, factor in g.scales.items():
            if unit.startswith(scale) and unit != scale + "分":
                base_number = round(number * factor, 6)
                base_unit = unit[len(scale):]
                break
    return (op, number, number_max, unit, base_number, base_unit)


_END_OF_MONTH: Final = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?P<m>\d{1,2})\s*月\s*(?:底|末)")
_END_OF_YEAR: Final = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*(?:年底|年末|底)")
_MONTH_SPAN: Final = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月?\s*[-—~至到]\s*(?P<m>\d{1,2})\s*月")
_THIS_YEAR: Final = re.compile(r"^(?:当年|年内|本年度内|本年内|年度内)(?:完成)?$")
# A span of dates (2020年1月--2020年11月, 2021年1月-12月, 2023.07-2024.01, 2020.1.1-2020.12.31): a time value,
# due when its second date ends. (The grammar's numbers would read 1月-2023年 as a range of 1 to 2023 years.)
DATE_SPAN: Final = re.compile(
    r"(?P<y1>(?:19|20)\d{2})(?:年\d{1,2}月(?:\d{1,2}日)?|[.．/]\d{1,2}(?:[.．/]\d{1,2})?)\s*(?:-+|—+|–|~|～|至|到)\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})(?:年|[.．/]))?(?P<m2>\d{1,2})(?:月(?:\d{1,2}日)?|[.．/]\d{1,2})?(?:底|末)?")


def _deadline(text: str, year: int | None) -> str | None:
    """An ISO end date when the text names one unambiguously, else None."""
    def last_day(y: int, m: int) -> str | None:
        if not 1 <= m <= 12:
            return None
        return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"

    m = DATE_SPAN.fullmatch(text.rstrip("。."))
    if m:
        return last_day(int(m.group("y2") or m.group("y1")), int(m.group("m2")))
    m = _MONTH_SPAN.search(text)
    if m:
        return last_day(int(m.group("y")), int(m.group("m")))
    m = _END_OF_MONTH.search(text)
    if m:
        y = int(m.group("y")) if m.group("y") else year
        return last_day(y, int(m.group("m"))) if y else None
    m = _END_OF_YEAR.search(text)
    if m and ("年底" in text or "年末" in text or m.group("y")):
        y = int(m.group("y")) if m.group("y") else year
        return f"{y:04d}-12-31" if y else None
    if _THIS_YEAR.match(text) and year:
        return f"{year:04d}-12-31"
    return None


def _is_time(text: str) -> bool:
    g = grammar()
    return bool(
        _YEARS.search(text) or _MONTHS.search(text) or _FREQUENCY.search(text)
        or g.time_word.search(text)
        or _THIS_YEAR.match(text)
    )


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def display_value(raw: str) -> str:
    """The value as printed, markup removed and OCR-split words joined."""
    return join_wrapped(clean_markup(raw))


def _grammar_text(shown: str) -> str:
    """What the grammar reads: widths folded, 《= as ≤, runs of spaces as one.

    One space per run, so no pattern's ``\\s*`` walks a long run from every position.
    """
    text = unicodedata.normalize("NFKC", shown).replace("《=", "≤").replace("》=", "≥").strip()
    if "  " in text or "\n" in text or "\t" in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text


# A parsed value and why its number was left empty or its text not parsed (usually no notes).
Noted = tuple[Value, tuple[str, ...]]


def _parse_shown(shown: str) -> Value:
    """Everything about a value that does not depend on the budget year."""
    return _parse_noted(shown)[0]


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _parse_noted(shown: str) -> Noted:
    if len(shown) > MAX_VALUE_CHARS:
        return Value(raw=shown, kind="qualitative"), (
            f"value of {len(shown):,} characters is over the {MAX_VALUE_CHARS:,}-character bound; "
            "kept as printed, not parsed",)
    text = _grammar_text(shown)
    g = grammar()
    if not text:
        return Value(raw=shown, kind="empty"), ()
    if text.rstrip("。.") in g.not_applicable:
        return Value(raw=shown, kind="not_applicable"), ()
    if g.pure_duration.match(text) or ("内" in text and g.duration_within.search(text)) or (
            DATE_SPAN.fullmatch(text.rstrip("。."))):
        return _time_value(shown, text)
    notes: list[str] = []
    parts = _measures(text, notes)
    if parts:
        op, number, number_max, unit, base_number, base_unit = parts[0]
        several = [
            ValuePart(op=p[0], number=p[1], number_max=p[2], unit=p[3], base_number=p[4], base_unit=p[5])
            for p in parts
        ] if len(parts) > 1 else None
        return Value(
            raw=shown, kind="quantitative", op=op, number=number, number_max=number_max, unit=unit,
            base_number=base_number, base_unit=base_unit, parts=several,
        ), tuple(dict.fromkeys(notes))
    if _is_time(text):
        return _time_value(shown, text)
    return Value(raw=shown, kind="qualitative"), ()


def parse_value(raw: str, year: int | None = None) -> Value:
    """Parse one printed value; never raises on any string.

    The budget year only matters for deadlines such as 年底前完成 or 当年.
    """
    return parse_value_noted(raw, year)[0]


def parse_value_noted(raw: str, year: int | None = None) -> Noted:
    """``parse_value``, and why a number was left empty or the text not parsed (out of range, too long).

    >>> parse_value_noted("≥" + "9" * 20 + "人")[1]
    ('number of 20 characters is out of range; kept as printed, number left empty',)
    """
    value, notes = _parse_noted(display_value(raw))
    if value.kind != "time":
        return value, notes
    return _dated(value.raw, year), notes


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _dated(shown: str, year: int | None) -> Value:
    """A time value with its deadline in a given budget year (time words repeat across tables and years)."""
    value = _parse_shown(shown)
    deadline = _deadline(_grammar_text(shown), year)
    return value.model_copy(update={"deadline": deadline}) if deadline else value


_SPACE_RUNS: Final = re.compile(r"\s{2,}|[\t\n]")
_DURATION: Final = re.compile(rf"^(?P<n>{_NUM})\s*(?P<unit>个工作日|工作日|个月|小时|天|日|周|年)")
_PER_YEAR: Final = re.compile(r"[一每]\s*年\s*([一二两三四五六七八九十\d]+)\s*次")


def _time_pieces(text: str) -> tuple[dict[str, int | str], list[str]]:
    """The parts of a time value that can be trusted: year, month, frequency, duration."""
    pieces: dict[str, int | str] = {}
    notes: list[str] = []
    m = _WORKING_DAYS.search(text)
    if m:
        _count_piece(pieces, "working_days", m.group("n"), notes)
    years = {int(y) for y in _YEARS.findall(text)}
    if len(years) == 1:
        pieces["year"] = years.pop()
    months = [int(x) for x in _MONTHS.findall(text) if 1 <= int(x) <= 12]
    if len(months) == 1:
        pieces["month"] = months[0]
    elif months:
        pieces["months"] = ",".join(map(str, months))
    m = _PER_YEAR.search(text)
    if m:
        if m.group(1).isdigit():
            _count_piece(pieces, "times_per_year", m.group(1), notes)
        else:
            n = chinese_number(m.group(1))
            if n is not None:
                pieces["times_per_year"] = int(n)
    m = _DURATION.match(text) if grammar().pure_duration.match(text) else None
    if (m and not (m.group("unit") == "年" and "year" in pieces)
            and _count_piece(pieces, "duration", m.group("n"), notes)):
        pieces["duration_unit"] = m.group("unit")
    return pieces, notes


def _count_piece(pieces: dict[str, int | str], key: str, printed: str, notes: list[str]) -> bool:
    """Set one whole-number time piece; a number out of range is left out with a note."""
    n = to_count(printed)
    if n is None:
        notes.append(out_of_range(printed))
        return False
    pieces[key] = n
    return True


def _time_value(shown: str, text: str) -> Noted:
    pieces, notes = _time_pieces(text)
    # One number can feed two pieces (working days and duration): one note each.
    return Value(raw=shown, kind="time", time=pieces or None), tuple(dict.fromkeys(notes))


def own_column_cell(text: str) -> tuple[bool, bool, str | None]:
    """A cell printed in a column of its own: a unit (人次, %, 万元); a comparator (≥, ＝, 不低于) or the value
    type printed there (定量, 正向); and the comparator's sign (None for a value type). One folding of the
    text for the three (asked once per new text: classify.cell_info caches the answers)."""
    key = unicodedata.normalize("NFKC", text).strip()
    if not key:
        return False, False, None
    g = grammar()
    sign = key if key in g.prefix else None
    return _unit_key(key, g), sign is not None or key in g.value_types, sign


# A unit built of units is short (万人次/年): longer texts are not tried against the pattern.
MAX_COMPOUND_UNIT: Final = 12


def _unit_key(key: str, g: _Grammar) -> bool:
    return key in g.unit_set or (len(key) <= MAX_COMPOUND_UNIT and g.compound_unit.fullmatch(key) is not None)


def is_unit(text: str) -> bool:
    """A unit printed in a column of its own (人次, %, 万元), or one built of such units (万平方米, 次/月).

    >>> is_unit("万平方米"), is_unit("次/月"), is_unit("元/人·年"), is_unit("人数")
    (True, True, True, False)
    """
    key = unicodedata.normalize("NFKC", text).strip()
    return bool(key) and _unit_key(key, grammar())


def starts_with_unit(text: str) -> bool:
    """Text that opens with a unit (次，考核合格): the rest of a number cut from it by a line break."""
    match = grammar().unit_tail.match(unicodedata.normalize("NFKC", text))
    return match is not None and match.group("unit") is not None


def comparator_of(text: str) -> str | None:
    """The comparator a comparator cell prints, or None for a value type such as 定量."""
    key = unicodedata.normalize("NFKC", text).strip()
    return key if key in grammar().prefix else None


_NOT_PLAIN: Final = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千<>=≥≤≧≦《＞＜＝%％]")


def _surely_qualitative(text: str) -> bool:
    """Text the full parse would call qualitative: no digits, comparators, time words or 不适用."""
    g = grammar()
    return not (
        _NOT_PLAIN.search(text) or text.rstrip("。.") in g.not_applicable
        or g.time_word.search(text) or _THIS_YEAR.match(text)
    )


@lru_cache(maxsize=1)
def _name_endings() -> tuple[str, ...]:
    """Words a timeliness indicator's name ends with (schemas/structure.json name_endings)."""
    return tuple(load("structure")["name_endings"])


@lru_cache(maxsize=1)
def _measure_endings() -> tuple[str, ...]:
    """Nouns an indicator's name ends with and a value in words does not (schemas/values.json)."""
    return tuple(load("values")["name_measure_endings"])


@lru_cache(maxsize=1)
def value_openers() -> tuple[str, ...]:
    """How a value in words begins (schemas/values.json qualitative_openers: 稳步, 有效, 显著 …)."""
    return tuple(load("values")["qualitative_openers"])


def _measure_name(text: str) -> bool:
    """Words ending with a rate noun, no digits, not opening as a value does (有效提高就业率 is a value).

    >>> _measure_name("项目按计划完成率"), _measure_name("有效提高就业率"), _measure_name("≥95%完成率")
    (True, False, False)
    """
    return text.endswith(_measure_endings()) and not any(ch.isdigit() for ch in text) \
        and not text.startswith(value_openers())


_BRACKET_TAIL: Final = re.compile(r"[(（]([^()（）]{1,10})[)）]$")


def measured_name(name: str) -> bool:
    """A name that says what its number measures: its unit in brackets at its end (造林面积(亩),
    项目总投入(≥**万元)), a rate noun (工程完工率) or a count's (结算项目数), so a bare number printed right after it
    is its value.

    >>> measured_name("实施营造林总面积(亩)"), measured_name("工程完工率"), measured_name("第(2)批")
    (True, True, False)
    """
    key = unicodedata.normalize("NFKC", name).strip()
    m = _BRACKET_TAIL.search(key)
    if m is not None:
        inner = m.group(1).strip("*≥≤><= ")
        return "%" in inner or is_unit(inner) or any(is_unit(part) for part in re.split(r"[*\d.]+", inner) if part)
    return key.endswith((*_measure_endings(), *_count_endings())) and not key.startswith(value_openers())


@lru_cache(maxsize=1)
def _count_endings() -> tuple[str, ...]:
    """Nouns of a count or degree a name ends with (schemas/values.json count_endings: 项目数, 满意度)."""
    return tuple(load("values")["count_endings"])


def value_likeness(raw: str) -> float:
    """How much a cell looks like a 指标值 rather than an indicator name (0..1)."""
    text = display_value(raw)
    if not text:
        return 0.5
    if _NUMBERED_NAME.match(text):
        return 0.1  # "3.培训费": numbered indicator name
    if text.endswith(_name_endings()):
        return 0.35  # "培训完成时间": a timeliness indicator's name, whose words are time words
    if _measure_name(text):
        return 0.35  # "项目按计划完成率": a rate's name, though its words are value words
    if len(text) > LONG_TEXT and not _LEADING_MEASURE.match(text):
        # Long text reads as a name or a sentence-like value alike; parsing it tells little.
        return 0.4 if len(text) > 25 else 0.35
    if _surely_qualitative(text):
        return 0.7 if is_short_qualitative(text) else 0.35
    value = _parse_shown(text)
    if value.kind in ("quantitative", "not_applicable"):
        return 0.9 if len(text) <= 16 else 0.6
    if value.kind == "time":
        if _named_after_year(text):
            return 0.35  # 2025年职业年金补缴: a name that opens with its year
        return 0.8 if len(text) <= 16 else 0.55
    if is_short_qualitative(text):
        return 0.7
    return 0.4 if len(text) > 25 else 0.35


_YEAR_LEAD: Final = re.compile(r"^(?:19|20)\d{2}\s*年度?")


def _named_after_year(text: str) -> bool:
    """A year and then words that are no time (2025年职业年金补缴, 2023年培训人数): an indicator's name.

    >>> _named_after_year("2025年职业年金补缴"), _named_after_year("2023年12月底前"), _named_after_year("2023年内完成")
    (True, False, False)
    """
    m = _YEAR_LEAD.match(text)
    if m is None:
        return False
    rest = text[m.end():].lstrip()
    return len(rest) >= MIN_NAME_AFTER_YEAR and not rest[:1].isdigit() and not rest.startswith(_time_after_year()) \
        and grammar().time_word.match(rest) is None


@lru_cache(maxsize=1)
def _time_after_year() -> tuple[str, ...]:
    """What a time value goes on with after its year (schemas/values.json time_after_year)."""
    return tuple(load("values")["time_after_year"])


MIN_NAME_AFTER_YEAR: Final = 3


def is_short_qualitative(text: str) -> bool:
    """A short value in words (达标, 良好): a qualitative hint in at most eight characters."""
    return len(text) <= 8 and grammar().qualitative_hint.search(text) is not None
