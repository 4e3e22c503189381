"""指标值 -> Value: the grammar by case, the gold table of seed values, and robustness."""

from __future__ import annotations

import csv
import time as time_module

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalparse.lexicon.bounds import MAX_VALUE_CHARS
from goalparse.lexicon.normalise import join_wrapped
from goalparse.lexicon.values import _FREQUENCY, _WORKING_DAYS, chinese_number, grammar, parse_value, parse_value_noted

from conftest import SAMPLES

KEYS = ["kind", "op", "number", "number_max", "unit", "base_number", "base_unit", "deadline"]
REQUIRED_SHARE = 0.99


def _norm(key: str, value: object) -> object:
    if value in (None, ""):
        return ""
    if key in ("number", "number_max", "base_number"):
        return round(float(value), 6)  # type: ignore[arg-type]
    return str(value)


def test_gold_values_of_the_seeds() -> None:
    rows = list(csv.DictReader((SAMPLES / "values.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) > 100
    wrong = []
    for row in rows:
        value = parse_value(row["raw"], int(row["year"]))
        got = {k: _norm(k, getattr(value, k)) for k in KEYS}
        want = {k: _norm(k, row[k]) for k in KEYS}
        if got != want:
            wrong.append((row["raw"], {k: (want[k], got[k]) for k in KEYS if want[k] != got[k]}))
    share = 1 - len(wrong) / len(rows)
    assert share >= REQUIRED_SHARE, wrong


@pytest.mark.parametrize(
    ("raw", "kind", "op", "number", "unit"),
    [
        pytest.param("≥5000 人 次", "quantitative", ">=", 5000, "人次", id="wrapped unit"),
        pytest.param("《=858.5万（预算数）", "quantitative", "<=", 858.5, "万", id="OCR 《= for ≤"),
        pytest.param("$\\geq 95\\%$", "quantitative", ">=", 95, "%", id="LaTeX comparator"),
        pytest.param(">=95%", "quantitative", ">=", 95, "%", id="ASCII comparator"),
        pytest.param("95%以上", "quantitative", ">=", 95, "%", id="suffix 以上 is inclusive"),
        pytest.param("3天以内", "time", None, None, None, id="duration within"),
        pytest.param("不少于10次", "quantitative", ">=", 10, "次", id="word comparator"),
        pytest.param("超过3次", "quantitative", ">", 3, "次", id="超过 is exclusive"),
        pytest.param("不超过五个", "quantitative", "<=", 5, "个", id="Chinese numeral after comparator"),
        pytest.param("70%左右", "quantitative", "~", 70, "%", id="approximately"),
        pytest.param("85%-95%", "quantitative", "range", 85, "%", id="percent range"),
        pytest.param("≥９５％", "quantitative", ">=", 95, "%", id="full-width digits"),
        pytest.param("不适用", "not_applicable", None, None, None, id="not applicable"),
        pytest.param("", "empty", None, None, None, id="empty"),
        pytest.param("效果明显", "qualitative", None, None, None, id="qualitative"),
        pytest.param("14例", "quantitative", "=", 14, "例", id="cases"),
        pytest.param("≥2倍", "quantitative", ">=", 2, "倍", id="times"),
    ],
)
def test_grammar_cases(raw: str, kind: str, op: str | None, number: float | None, unit: str | None) -> None:
    value = parse_value(raw, 2025)
    assert (value.kind, value.op, value.number, value.unit) == (kind, op, number, unit)


@pytest.mark.parametrize(
    ("raw", "deadline"),
    [("年底前完成", "2025-12-31"), ("2024年12月底前完成", "2024-12-31"), ("2024 年底 前完成", "2024-12-31"),
     ("当年", "2025-12-31"), ("2021年5-7月", "2021-07-31"), ("6月底前", "2025-06-30"), ("2024年12月前完成", None),
     # spans of dates (wild dev 51, 56, 73): due when the second date ends, not a range of 1 to 2023 years
     ("2020年1月--2020年11月", "2020-11-30"), ("2021年1月-12月", "2021-12-31"), ("2023.07-2024.01", "2024-01-31"),
     ("2020.1.1-2020.12.31", "2020-12-31"), ("2019年1月-2019年12月", "2019-12-31")],
)
def test_deadlines(raw: str, deadline: str | None) -> None:
    value = parse_value(raw, 2025)
    assert value.deadline == deadline and (deadline is None or value.kind == "time")


def test_scale_folds_into_base_number() -> None:
    value = parse_value(">38万人", 2021)
    assert (value.base_number, value.base_unit) == (380000, "人")
    several = parse_value("全市职工医保参保人数>38万人; 居民医保参保人数>508万人", 2021)
    assert several.parts is not None and [p.number for p in several.parts] == [38, 508]


@given(st.text(), st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_value_parser_never_raises(raw: str, year: int | None) -> None:
    value = parse_value(raw, year)
    assert value.kind in ("quantitative", "time", "qualitative", "not_applicable", "empty")


@pytest.mark.parametrize(
    ("raw", "pieces"),
    [
        pytest.param("一年二次, 5月和11月份。", {"months": "5,11", "times_per_year": 2}, id="001:L27 frequency and months"),
        pytest.param("2021年10月前", {"year": 2021, "month": 10}, id="001:L28 before a month: no deadline, pieces kept"),
        pytest.param("1年", {"duration": 1, "duration_unit": "年"}, id="004:L147 duration"),
        pytest.param("医疗保障局发文批复10个工作日内", {"working_days": 10}, id="001:L33 working days"),
    ],
)
def test_time_pieces(raw: str, pieces: dict[str, object]) -> None:
    value = parse_value(raw, 2021)
    assert value.kind == "time" and value.deadline is None
    assert value.time == pieces


@given(st.text(alphabet="提高规范全覆盖持续年底当月季度不适用及时完成率人次万元≥<%0123456789一二十 ", max_size=12))
def test_shortcut_never_disagrees_with_the_full_parse(text: str) -> None:
    """value_likeness skips the parse for surely-qualitative text; the parse must agree."""
    from goalparse.lexicon.values import _parse_shown, _surely_qualitative, display_value

    shown = display_value(text)
    if shown and _surely_qualitative(shown):
        assert _parse_shown(shown).kind == "qualitative"


@pytest.mark.parametrize(
    ("raw", "number", "time", "notes"),
    [
        pytest.param("≤1,000个工作日", None, {"working_days": 1000}, 0, id="fuzz: comma in working days"),
        pytest.param("≥" + "9" * 15 + "人", 999999999999999.0, None, 0, id="15 digits: in range"),
        pytest.param("≥" + "9" * 16 + "人", None, None, 1, id="16 digits: out of range"),
        pytest.param("≥1." + "5" * 70 + "人", None, None, 1, id="a fraction too long to read"),
        pytest.param("1" * 21 + "天", None, None, 1, id="fuzz: 21-digit duration (beyond 64 bits)"),
        pytest.param("9" * 400 + "个工作日", None, None, 1, id="fuzz: inf working days, one note for two pieces"),
        pytest.param("每年" + "9" * 30 + "次", None, None, 1, id="times per year out of range"),
    ],
)
def test_numbers_out_of_range_are_left_empty_with_a_note(raw: str, number: float | None, time: dict | None,
                                                         notes: int) -> None:
    value, why = parse_value_noted(raw, 2024)
    assert value.number == number and value.time == time
    assert len(why) == notes and all("out of range" in n for n in why)
    assert value.raw == raw


def test_long_chinese_numerals_are_not_numbers() -> None:
    assert chinese_number("九" * 400) is None
    assert parse_value("≥" + "九" * 400 + "人").number is None


def test_values_over_the_length_bound_are_kept_unparsed() -> None:
    raw = "≥5人" + "说明" * MAX_VALUE_CHARS
    value, why = parse_value_noted(raw)
    assert (value.kind, value.raw, value.number) == ("qualitative", raw, None)
    assert why == (f"value of {len(raw):,} characters is over the {MAX_VALUE_CHARS:,}-character bound; "
                   "kept as printed, not parsed",)


@pytest.mark.parametrize(
    ("search", "text"),
    [
        pytest.param(lambda t: join_wrapped(t), "a" + " " * 200_000 + "b", id="space run between Latin letters"),
        pytest.param(lambda t: grammar().duration_within.search(t), "1" * 200_000, id="digit run, duration"),
        pytest.param(lambda t: grammar().duration_within.search(t), "1" + ",111" * 50_000, id="comma groups"),
        pytest.param(lambda t: _WORKING_DAYS.search(t), "1" * 200_000, id="digit run, working days"),
        pytest.param(lambda t: _FREQUENCY.search(t), "一" * 200_000 + "年", id="numeral run, frequency"),
        pytest.param(lambda t: grammar().cn_range.search(t), "一" * 200_000, id="numeral run, range"),
    ],
)
def test_searches_are_linear_on_long_runs(search, text: str) -> None:
    """Each was tried from every position of the run (quadratic: minutes at this size); now milliseconds.

    Held to CPU seconds, not wall clock: a loaded machine must not fail it, a quadratic search must."""
    start = time_module.process_time()
    search(text)
    assert time_module.process_time() - start < 1.0
