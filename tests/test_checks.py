"""Consistency checks: warnings where the samples are really inconsistent, and nowhere else."""

from __future__ import annotations

import pytest

from goalparse import parse_file, parse_text
from goalparse.assemble.checks import check_table

from conftest import SAMPLE_DOCS

# Read off the documents by hand (sample prefix, source line, code):
# - 万元/元 amounts under 数量指标 (001:L93 both periods; 003 six tables; 003:L105-106 定额 in 元)
# - % values under 成本指标 (004:L126, 004:L248)
# - the same name printed twice with different values in one period (003 补缴职业年金 table)
EXPECTED = {
    ("001", 93, "GP404"), ("003", 18, "GP404"), ("003", 60, "GP404"), ("003", 105, "GP404"),
    ("003", 106, "GP404"), ("003", 147, "GP404"), ("003", 189, "GP404"), ("003", 232, "GP404"),
    ("003", 318, "GP404"), ("003", 188, "GP405"), ("003", 191, "GP405"), ("004", 126, "GP404"),
    ("004", 248, "GP404"),
}


def test_warnings_on_the_samples_are_exactly_the_real_inconsistencies() -> None:
    found = set()
    for doc in SAMPLE_DOCS:
        for table in parse_file(doc).tables:
            found |= {(doc.name[:3], w.line, w.code) for w in table.warnings if w.code.startswith("GP4")}
    assert found == EXPECTED


TABLE = """项目支出绩效目标表
(2025年度)
项目名称\t测试项目
项目资金 (万元)\t中期资金总额:\t{mid}\t\t年度资金总额:\t{annual}
\t其中: 财政拨款\t{mid_fiscal}\t\t其中: 财政拨款\t{fiscal}
\t其他资金\t\t\t其他资金\t{other}
绩效指标\t一级指标\t二级指标\t三级指标\t指标值
\t产出指标\t数量指标\t培训人数\t≥50人
\t\t成本指标\t项目总成本\t≤{cost}万元
"""


def _codes(**fields: object) -> list[str]:
    values = {"mid": 150, "annual": 50, "mid_fiscal": 150, "fiscal": 50, "other": "", "cost": 50}
    values.update(fields)
    table = parse_text(TABLE.format(**values), "t.txt").tables[0]
    return sorted(w.code for w in check_table(table))


@pytest.mark.parametrize(
    ("fields", "codes"),
    [
        pytest.param({}, [], id="consistent table"),
        pytest.param({"fiscal": 40}, ["GP401"], id="annual parts do not add up"),
        pytest.param({"fiscal": 40, "other": 10}, [], id="fiscal plus other adds up"),
        pytest.param({"mid": 40, "mid_fiscal": 40}, ["GP402"], id="annual above medium-term"),
        pytest.param({"cost": 80}, ["GP403"], id="cost above the annual total"),
    ],
)
def test_funds_and_cost_checks(fields: dict[str, object], codes: list[str]) -> None:
    assert _codes(**fields) == codes
