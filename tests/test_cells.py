"""Stage 3: lines -> cells (tabs, runs of spaces, markdown pipes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalparse.bounds import MAX_CELLS_PER_LINE
from goalparse.cells import split_line, split_text

from conftest import sample_line


@pytest.mark.parametrize(
    ("line", "texts"),
    [
        pytest.param(sample_line("001", 19), ["", "", "", "慢性病评审次数", "", "", "慢性病评审次数", "4次"],
                     id="001:L19 leading empty cells kept as positions"),
        pytest.param("产出指标    数量指标  ≥2次", ["产出指标", "数量指标", "≥2次"], id="space-aligned export"),
        pytest.param("| 产出指标 | 数量指标 | ≥2次 |", ["产出指标", "数量指标", "≥2次"], id="markdown pipe row"),
        pytest.param("|---|---|---|", [], id="markdown rule row has no cells"),
        pytest.param("## 永宁县医疗保障局部门项目支出预算绩效目标申报表",
                     ["永宁县医疗保障局部门项目支出预算绩效目标申报表"], id="003:L3 markdown heading"),
        pytest.param("满意度 <p>95%</p>\t", ["满意度 95%", ""], id="tags cleaned inside a cell"),
    ],
)
def test_split_line(line: str, texts: list[str]) -> None:
    assert [c.text for c in split_line(1, line).cells] == texts


def test_line_numbers_are_one_based_and_blank_lines_count() -> None:
    rows = split_text("a\n\nb\tc")
    assert [r.line for r in rows] == [1, 2, 3]
    assert rows[1].is_blank
    assert [c.col for c in rows[2].filled] == [0, 1]


@given(st.lists(st.text(alphabet="产出指标数量 值≥5%人次\u3000", max_size=8), min_size=1, max_size=6))
def test_splitting_loses_no_text(cells: list[str]) -> None:
    line = "\t".join(cells)
    row = split_line(1, line)
    if len(cells) > 1:
        assert len(row.cells) == len(cells)
    assert "".join("".join(c.raw for c in row.cells).split()) == "".join(line.split())


def test_cells_past_the_bound_are_cut_and_counted() -> None:
    row = split_line(7, "\t".join(str(i) for i in range(MAX_CELLS_PER_LINE + 44)))
    assert (row.width, row.cut, len(row.filled)) == (MAX_CELLS_PER_LINE, 44, MAX_CELLS_PER_LINE)
    assert row.filled[-1].text == str(MAX_CELLS_PER_LINE - 1)
    assert split_line(1, "a\tb").cut == 0


def test_whitespace_runs_inside_a_cell_become_one_space() -> None:
    """Fuzz seed 731725349: a department cell with 20,000 spaces took seconds in the header's code pattern."""
    row = split_line(1, "主管部门及代码\t[608" + " " * 20_000 + "]宿州市医疗保障局\t实施单位\u3000\u3000甲")
    assert [c.text for c in row.filled] == ["主管部门及代码", "[608 ]宿州市医疗保障局", "实施单位 甲"]
    assert row.filled[1].raw.count(" ") == 20_000  # the printed text is kept
