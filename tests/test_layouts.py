"""Grid layouts seen across provinces (TAXONOMY.md): comparator and unit columns, self-evaluation columns."""

from __future__ import annotations

import pytest

from goalparse import parse_text

HEAD = "项目支出绩效目标表\n项目名称\t测试项目\n"


def indicators(text: str) -> list[tuple[str | None, str, str]]:
    table = parse_text(text, "t.txt").tables[0]
    return [(i.level2, i.name, i.value.raw) for i in table.indicators]


@pytest.mark.parametrize(
    ("grid", "expected"),
    [
        pytest.param(
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t权重\n"
            "产出指标\t数量指标\t培训人数\t≥\t50\t人\t10\n"
            "\t质量指标\t合格率\t＝\t100\t%\t10\n",
            [("数量指标", "培训人数", "≥50人"), ("质量指标", "合格率", "＝100%")],
            id="Sichuan: 指标性质 holds the comparator, unit in its own column"),
        pytest.param(
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t计量单位\n"
            "产出指标\t数量指标\t培训人数\t定量\t50\t人\n"
            "效益指标\t社会效益指标\t群众满意\t定性\t明显提高\t\n",
            [("数量指标", "培训人数", "50人"), ("社会效益指标", "群众满意", "明显提高")],
            id="指标性质 holds 定量/定性, which is not part of the value"),
        pytest.param(
            "一级指标\t二级指标\t三级指标\t计算符号\t指标值\t计量单位\n"
            "产出指标\t成本指标\t培训费\t≤\t10\t万元\n",
            [("成本指标", "培训费", "≤10万元")],
            id="计算符号 column"),
        pytest.param(
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t培训人数\t≥50人\t52人\t10\t10\t无\n"
            "\t时效指标\t完成时间\t年底前完成\t12月完成\t10\t9\t略有延迟\n",
            [("数量指标", "培训人数", "≥50人"), ("时效指标", "完成时间", "年底前完成")],
            id="self-evaluation columns are not part of the value"),
    ],
)
def test_extra_columns(grid: str, expected: list[tuple[str, str, str]]) -> None:
    assert indicators(HEAD + grid) == expected


def test_self_evaluation_columns_are_kept_as_printed() -> None:
    grid = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
            "产出指标\t数量指标\t培训人数\t≥50人\t52人\t10\t10\t无\n"
            "\t时效指标\t完成时间\t年底前完成\t12月完成\t10\t9\t略有延迟\n")
    table = parse_text(HEAD + grid, "t.txt").tables[0]
    assert [(i.actual, i.weight, i.score) for i in table.indicators] == [("52人", "10", "10"), ("12月完成", "10", "9")]


def test_self_evaluation_title_is_a_table() -> None:
    text = "项目支出绩效自评表\n项目名称\t测试\n一级指标\t二级指标\t三级指标\t年度指标值\n产出指标\t数量指标\t人数\t5人\n"
    assert parse_text(text).tables[0].title == "项目支出绩效自评表"


def test_a_heading_the_taxonomy_does_not_know_is_kept_as_printed() -> None:
    """A level-2 heading of another tree, which no content word places either, is reported as printed."""
    text = HEAD + "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t制度建设目标\t规章制度\t建立\n"
    ind = parse_text(text, "t.txt").tables[0].indicators[0]
    assert (ind.level1, ind.level2, ind.level2_code) == ("产出指标", "制度建设目标", None)


def test_a_described_table_without_its_header_is_told_by_its_columns() -> None:
    # Two text columns between the levels and the value, a basis after it, in rows that keep their columns.
    rows = ("产出指标\t数量指标\t救助人次\t医疗救助总人次数\t≥5000人次\t唐医保字【2023】32号\n"
            "\t质量指标\t一站式结算覆盖率\t一站式直接结算覆盖率\t≥95%\t唐医保字【2023】32号\n"
            "满意度指标\t服务对象满意度指标\t满意度调查\t受益群众满意度调查\t≥95%\t唐医保字【2023】32号\n")
    table = parse_text(rows, "t.txt").tables[0]
    assert [(i.name, i.description, i.value.raw, i.basis) for i in table.indicators] == [
        ("救助人次", "医疗救助总人次数", "≥5000人次", "唐医保字【2023】32号"),
        ("一站式结算覆盖率", "一站式直接结算覆盖率", "≥95%", "唐医保字【2023】32号"),
        ("满意度调查", "受益群众满意度调查", "≥95%", "唐医保字【2023】32号")]
