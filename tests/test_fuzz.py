"""Fuzzing in the suite: a few thousand hostile documents, each a declared error or a valid Document in time.

Two generators: Hypothesis builds tables from real and hostile cells (surrogates,
control characters, fullwidth digits, huge numbers and runs) in every encoding the
reader knows; the corpus-mutation fuzzer (tests/mutate.py) breaks the samples and the
regression corpus the way files break in the wild. Long runs: ``make fuzz MINUTES=N``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalparse import parse_bytes, parse_text

from contract import MAX_SECONDS, timed_outcome
from fuzz import check

# Mutation seeds run by `make test` (about 400 cases/s on the compiled core).
MUTATION_CASES = 2000
CHUNK = 250

HEADINGS = ["产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标",
            "服务对象满意度指标", "双重目标", "满意 度指 标", "可持续", "影响指标", "一级指标", "二级指标", "三级指标",
            "指标值", "績效指標", "產出指標"]
VALUES = ["≥95%", "≤1,000个工作日", "100%", "年底前完成", "≥5000 人 次", "《=858.5万（预算数）", "2024年12月底前",
          "≥二十次", "一年两次", "94%-98%", "不适用", "达标", "$\\geq 95\\%$", "<p>≥2次</p>", "３０天内", "1-3个月",
          "≤10万元", "≥ 5 家", "/", "——"]
HOSTILE = st.one_of(
    st.integers(min_value=10**14, max_value=10**400).map(str),
    st.sampled_from(["9", "1", ",111", "一", "九", " ", "\u3000", "≥", "%", ".", "|", "年"]).flatmap(
        lambda run: st.integers(min_value=1, max_value=3000).map(lambda n: run * n)),
    st.text(st.characters(blacklist_categories=()), max_size=12),  # surrogates and controls included
    st.text(st.characters(min_codepoint=0xFF10, max_codepoint=0xFF5E), max_size=8),  # fullwidth forms
)
CELL = st.one_of(st.sampled_from(HEADINGS), st.sampled_from(VALUES), HOSTILE, st.text(max_size=8))
ROW = st.lists(CELL, min_size=1, max_size=8).map("\t".join) | st.lists(CELL, min_size=1, max_size=6).map("  ".join)
DOCUMENT = st.tuples(
    st.sampled_from(["项目支出绩效目标表\n（2025年度）\n", "", "绩效目标批复表\n"]),
    st.sampled_from(["项目名称\t测试项目\n年度资金总额:\t", "项目名称\t", ""]),
    st.one_of(st.sampled_from(["60.0", "1,000.5", ""]), HOSTILE),
    st.sampled_from(["\n一级指标\t二级指标\t三级指标\t指标值\n", "\n"]),
    st.lists(ROW, max_size=12).map("\n".join),
).map("".join)
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-32", "utf-32-be", "big5"]


def _in_time(parse, source: str) -> str:  # type: ignore[no-untyped-def]
    result, seconds = timed_outcome(parse, source)
    assert seconds < MAX_SECONDS
    return result


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENT)
def test_hypothesis_tables_through_parse_text(text: str) -> None:
    _in_time(lambda: parse_text(text, "h.txt"), "h.txt")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENT, st.sampled_from(ENCODINGS), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)),
                                                       max_size=3))
def test_hypothesis_tables_through_parse_bytes(text: str, encoding: str, flips: list[tuple[int, int]]) -> None:
    errors = "replace" if encoding in ("gb18030", "big5") else "surrogatepass"
    data = bytearray(text.encode(encoding, errors=errors))
    for at, byte in flips:
        if data:
            data[at % len(data)] = byte
    _in_time(lambda: parse_bytes(bytes(data), "h.bin"), "h.bin")


@pytest.mark.parametrize("first", range(0, MUTATION_CASES, CHUNK), ids=lambda s: f"seeds {s}-{s + CHUNK - 1}")
def test_corpus_mutations_keep_the_contract(first: int) -> None:
    problems = {seed: problem for seed in range(first, first + CHUNK) if (problem := check(seed)) is not None}
    assert not problems, f"reproduce with tests/mutate.py case(seed): {problems}"
