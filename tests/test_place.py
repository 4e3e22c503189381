"""Steps 4-6: header -> schema; rows placed into the schema's slots by content, positions as tie-breaker."""

from __future__ import annotations

import pytest

from goalparse import parse_text
from goalparse.decode.place import place_row
from goalparse.decode.rows import assemble_rows
from goalparse.decode.schema import TWO_PERIOD, split_region
from goalparse.decode.tokens import tokenize
from goalparse.intermediate import LogicalRow, Region, Schema

from conftest import sample_line

HEADER_001 = sample_line("001", 17)


def _schema(header: str) -> Schema:
    return split_region(Region(None, None, None, tuple(tokenize(header)))).schema


def placed(line: str, header: str | None = HEADER_001) -> list[str]:
    schema = _schema(header) if header else TWO_PERIOD
    row = LogicalRow(tuple(tokenize(line)), True, "line")
    result = place_row(row, schema)
    return [f"{s.column}/{s.period[0]}" if s else "-" for s in result.slots]


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        pytest.param(sample_line("001", 18),
                     ["level1/m", "level2/m", "-", "name/m", "value/m", "level2/a", "name/a", "value/a"],
                     id="001:L18 level-2 heading duplicated into two columns"),
        pytest.param(sample_line("001", 19), ["name/m", "name/a", "value/a"],
                     id="001:L19 empty medium-term value"),
        pytest.param(sample_line("001", 34),
                     ["level2/m", "name/m", "value/m", "level2/a", "name/a", "value/a"],
                     id="001:L34 成本指标 as level 2, shifted left"),
        pytest.param(sample_line("001", 35), ["level1/m", "level2/m", "level2/a"], id="001:L35 heading-only row"),
    ],
)
def test_two_period_rows(line: str, slots: list[str]) -> None:
    assert placed(line) == slots


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        pytest.param(sample_line("001", 19), ["name/m", "name/a", "value/a"], id="001:L19 same name on both sides"),
        pytest.param(sample_line("003", 189), ["name/m", "name/a", "value/a"], id="003:L189 placeholder then a name"),
        pytest.param(sample_line("003", 60), ["level1/m", "level2/m", "name/m", "level2/a", "name/a", "value/a"],
                     id="003:L60 headings split by spaces"),
    ],
)
def test_two_period_rows_without_positions(line: str, slots: list[str]) -> None:
    """Re-spaced dumps lose column positions: content alone must place the cells."""
    respaced = line.replace("\t", "  ")
    assert placed(respaced, header=None) == slots


def test_described_schema_keeps_a_name_that_reads_like_a_heading() -> None:
    schema = _schema(sample_line("004", 142))
    assert schema.kind == "described"
    result = place_row(LogicalRow(tuple(tokenize(sample_line("004", 148))), True, "line"), schema)
    name = result.get("name")
    assert name is not None and name.text == "服务对象满 意度指标"
    assert result.get("description") is not None and result.get("basis") is not None


def test_two_period_detected_from_rows_when_header_is_single() -> None:
    doc = "\n".join(sample_line("003", n) for n in range(59, 90))
    parts = split_region(Region(None, None, None, tuple(tokenize(doc))))
    assert parts.header and parts.schema.kind == "two_period"


def test_a_heading_word_as_the_value_of_a_row_printing_its_levels_opens_no_second_period() -> None:
    # Levels printed on every row (no merged cells); two rows' values are a heading's words (持续影响).
    rows = ["一级指标\t二级指标\t三级指标\t指标值\t实际完成值",
            "效益指标\t可持续影响指标\t营造规范管理医保基金态势\t持续影响\t持续影响",
            "效益指标\t可持续影响指标\t让参保群众参与打击欺诈骗保\t持续影响\t持续影响",
            "满意度指标\t服务对象满意度指标\t参保群众满意度\t≥90%\t95%"]
    parts = split_region(Region(None, None, None, tuple(tokenize("\n".join(rows)))))
    assert parts.schema.kind == "single"


def test_a_row_number_column_opens_each_row_printed_one_cell_a_line() -> None:
    # 序号 | levels | name | value | completed | points | score: the next row's number opens it; points
    # (10) and a number after a heading word or a name are no row numbers.
    cells = ["序号", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分",
             "1", "产出指标", "数量指标", "业务人员参加上级部门业务培训", "全部参加", "全部参加", "10", "10",
             "2", "效益指标", "可持续影响指标", "医保制度发展", "持续影响", "持续影响", "10", "9",
             "3", "满意度指标", "服务对象满意度指标", "参保人员满意度", "≥98%", "99%", "10", "10"]
    doc = parse_text("\n".join(cells)).tables[0]
    assert [(i.name, i.value.raw, i.actual, i.weight, i.score) for i in doc.indicators] == [
        ("业务人员参加上级部门业务培训", "全部参加", "全部参加", "10", "10"),
        ("医保制度发展", "持续影响", "持续影响", "10", "9"),
        ("参保人员满意度", "≥98%", "99%", "10", "10")]


def _rows(text: str) -> list[list[str]]:
    parts = split_region(Region(None, None, None, tuple(tokenize(text))))
    return [[t.text for t in r.tokens] for r in assemble_rows(parts.body, parts.schema)[0]]


def test_one_cell_per_line_rows_close_when_the_schema_is_filled() -> None:
    text = "一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n产出指标 |\n成本指标 |\n成本控制 |\n按照资金测算控制各项成本。 |\n" \
           "时效指标 |\n完成时限 |\n2021年12月底完成项目规划相关工作。 |"
    assert _rows(text) == [["产出指标", "成本指标", "成本控制", "按照资金测算控制各项成本。"],
                           ["时效指标", "完成时限", "2021年12月底完成项目规划相关工作。"]]


def test_a_line_that_is_no_row_of_its_own_continues_the_row_before() -> None:
    text = "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n" \
           "| 效益指标 | 经济效益指标 | 减轻贫困学生家庭经济负担 |\n| 有效 |\n| 有效 | 10 | 10 |\n" \
           "| 社会效益指标 | 政策知晓率 | 100% | 98% | 10 | 9 |"
    assert _rows(text) == [["效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "有效", "有效", "10", "10"],
                           ["社会效益指标", "政策知晓率", "100%", "98%", "10", "9"]]
