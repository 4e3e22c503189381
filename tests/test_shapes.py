"""Every text shape the decoder reads, as a small input and the rows it must give.

The shapes are those seen in published filings (the wild corpus's dev documents and the issue
that asked for the cell-stream decoder): the same table printed many ways must decode alike.
"""

from __future__ import annotations

import pytest

from goalparse import GoalparseError, parse_text

TITLE = "项目支出绩效目标表\n（2023年度）\n"
ROWS = [
    ("产出指标", "数量指标", "培训人数", "≥100人"),
    ("产出指标", "质量指标", "培训合格率", "95%"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
]


def rows(text: str) -> list[tuple[str | None, str | None, str, str]]:
    doc = parse_text(text, "shape.txt")
    return [(i.level1, i.level2, i.name, i.value.raw) for t in doc.tables for i in t.indicators]


GLUED_HEADER = "一级指标二级指标三级指标指标值\n"
GLUED_SELF_HEADER = "一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施\n"


def named_rows(text: str) -> list[tuple[str | None, str, str]]:
    """The first table's rows as (level 2, name, value printed)."""
    return [(i.level2, i.name, i.value.raw) for i in parse_text(text, "shape.txt").tables[0].indicators]


def scored_rows(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """The first table's rows as (name, value printed, completed value, points, score)."""
    return [(i.name, i.value.raw, i.actual, i.weight, i.score) for i in parse_text(text, "shape.txt").tables[0].indicators]


SHAPES = {
    "tab rows": TITLE + "一级指标\t二级指标\t三级指标\t指标值\n"
    "产出指标\t数量指标\t培训人数\t≥100人\n\t质量指标\t培训合格率\t95%\n"
    "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n",
    "runs of spaces": TITLE + "一级指标    二级指标    三级指标    指标值\n"
    "产出指标    数量指标    培训人数    ≥100人\n            质量指标    培训合格率    95%\n"
    "满意度指标    服务对象满意度指标    学员满意度    ≥90%\n",
    "pipe rows with padding": TITLE + "一级指标 | 二级指标 | 三级指标 | 指标值 | ||||\n"
    "产出指标 | 数量指标 | 培训人数 | ≥100人 | |||\n质量指标 | 培训合格率 | 95% | ||||\n"
    "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | ||\n",
    "markdown rows": TITLE + "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n"
    "| 产出指标 | 数量指标 | 培训人数 | ≥100人 |\n|  | 质量指标 | 培训合格率 | 95% |\n"
    "| 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% |\n",
    "one cell per line with trailing pipes and blank lines": TITLE
    + "".join(f"{c} |\n\n" for c in ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "培训人数",
                                     "≥100人", "质量指标", "培训合格率", "95%", "满意度指标", "服务对象满意度指标",
                                     "学员满意度", "≥90%"]),
    "single spaces between short cells": TITLE + "一级指标 二级指标 三级指标 指标值\n"
    "产出指标 数量指标 培训人数 ≥100人\n质量指标 培训合格率 95%\n满意度指标 服务对象满意度指标 学员满意度 ≥90%\n",
    "glued row": TITLE + "一级指标二级指标三级指标指标值产出指标数量指标培训人数≥100人质量指标培训合格率95%"
    "满意度指标服务对象满意度指标学员满意度≥90%\n",
    "heading printed one character a line": TITLE + "一级指标\t二级指标\t三级指标\t指标值\n"
    "产\n出\n指\n标\n数量指标\t培训人数\t≥100人\n质量指标\t培训合格率\t95%\n"
    "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n",
    "heading wrapped over two lines": TITLE + "一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n产出指标 |\n数量指标 |\n"
    "培训人数 |\n≥100人 |\n质量\n指标 |\n培训合格率 |\n95% |\n满意度指标 |\n服务对象满意度指标 |\n学员满意度 |\n≥90% |\n",
    "notice and page chrome before the table": "当前位置: 首页 > 政务公开\n发布时间:2023-03-01 浏览次数: 12\n"
    "根据《预算法》规定，现将我单位2023年项目支出绩效目标公开如下。\n" + TITLE + "一级指标\t二级指标\t三级指标\t指标值\n"
    "产出指标\t数量指标\t培训人数\t≥100人\n\t质量指标\t培训合格率\t95%\n"
    "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n",
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_shape_decodes_to_the_same_rows(shape: str) -> None:
    assert rows(SHAPES[shape]) == ROWS


def test_comparator_number_and_unit_in_separate_cells_join_in_printed_order() -> None:
    text = TITLE + "一级指标\t二级指标\t三级指标\t计量单位\t指标性质\t指标值\n" \
        "产出指标\t数量指标\t新建道路\t米\t=\t3500\n\t质量指标\t验收合格率\t%\t≥\t95\n"
    assert rows(text) == [("产出指标", "数量指标", "新建道路", "米=3500"), ("产出指标", "质量指标", "验收合格率", "%≥95")]


def test_title_year_in_brackets_and_flat_list_of_projects() -> None:
    one = "项目名称\t{name}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t{ind}\t5次\n"
    text = "部门项目支出绩效目标表(2022年度)\n" + one.format(name="甲项目", ind="检查次数") + one.format(name="乙项目", ind="培训次数")
    doc = parse_text(text, "flat.txt")
    assert [(t.title, t.year, t.project_name) for t in doc.tables] == [
        ("部门项目支出绩效目标表", 2022, "甲项目"), ("部门项目支出绩效目标表", 2022, "乙项目")]


def test_an_excerpt_cut_mid_row_keeps_the_complete_rows_and_warns() -> None:
    text = SHAPES["one cell per line with trailing pipes and blank lines"].rsplit("学员满意度", 1)[0] + "学员满意度 |\n"
    assert rows(text) == ROWS[:2]
    warnings = parse_text(text, "cut.txt").tables[0].warnings
    assert [w.code for w in warnings if w.code == "GP305"] == ["GP305"]
    assert "GP305" not in [w.code for w in parse_text(SHAPES["tab rows"], "whole.txt").tables[0].warnings]


def test_no_table_is_a_clear_error() -> None:
    with pytest.raises(GoalparseError, match="no performance-target table found"):
        parse_text("关于印发预算绩效管理办法的通知\n各单位：现将办法印发给你们，请遵照执行。\n", "notice.txt")


@pytest.mark.parametrize("sep", ["\n\n", "\t"])
def test_a_heading_word_right_before_a_value_names_the_indicator(sep: str) -> None:
    # 社会公众满意度 is also a level-2 heading variant; followed at once by ≥90% it names that value.
    cells = ["一级指标", "二级指标", "指标名称", "指标值", "满意度指标", "服务对象满意度指标", "受益单位满意度", "95%",
             "社会公众满意度", "≥90%"]
    text = TITLE + (sep.join(cells) if sep == "\n\n" else "\t".join(cells[:4]) + "\n" + "\t".join(cells[4:8])
                    + "\n\t\t" + "\t".join(cells[8:]) + "\n")
    assert rows(text) == [("满意度指标", "服务对象满意度指标", "受益单位满意度", "95%"),
                          ("满意度指标", "服务对象满意度指标", "社会公众满意度", "≥90%")]


@pytest.mark.parametrize("tail", ids=["note", "attachment and chrome", "sign-off", "page footer"], argvalues=["注: 1.“其他资金”是指与财政拨款共同用于同一项目的资金。\n2.各单位可自行增加二级指标",
                                  "附件:\n\n\n扫一扫在手机打开当前页\n[下载] [打印] [关闭]",
                                  "财政资金管理科室(盖章) 年 月 日 | 财政绩效管理科室(盖章) 年 月 日 |",
                                  "内容保障 | 公务邮箱\n临邑县人民政府主办\n鲁ICP备06032897号  鲁公网安备37142402000014"])
def test_notes_and_page_chrome_under_a_grid_end_it(tail: str) -> None:
    assert rows(SHAPES["single spaces between short cells"] + tail + "\n") == ROWS


def test_a_heading_keeps_its_printed_score() -> None:
    text = TITLE + "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产 出 指 标 (50分) |\n数量指标 | 培训人数 | ≥100人 |\n" \
        "质量指标 | 培训合格率 | 95% |\n满意度指标（10分） | 服务对象满意度指标 | 学员满意度 | ≥90% |\n"
    assert rows(text) == ROWS


def test_a_box_drawing_equals_sign_in_the_comparator_cell() -> None:
    text = TITLE + "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t计量单位\n产出指标\t成本指标\t生均补助标准达标率\t═\t100\t%\n"
    doc = parse_text(text, "eq.txt")
    value = doc.tables[0].indicators[0].value
    assert (value.raw, value.op, value.number) == ("═100%", "=", 100.0)


def test_a_heading_of_another_tree_stays_under_the_level_1_printed_beside_it() -> None:
    text = TITLE + "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t成本指标\t年度预算执行率\t≥90%\n" \
        "效果指标\t社会、经济、生态效益 指标\t补助款结算争议率\t0%\n"
    assert rows(text)[1] == ("效益指标", "社会、经济、生态效益指标", "补助款结算争议率", "0%")


def test_a_title_glued_to_the_fields_after_it() -> None:
    text = "马铃薯繁育项目绩效目标自评表(2022年度)项目名称马铃薯原种繁育推广主管部门原州区农业农村局\n" \
        + SHAPES["tab rows"].split("\n", 2)[2]
    table = parse_text(text, "glued-title.txt").tables[0]
    assert (table.title, table.year, table.project_name) == ("马铃薯繁育项目绩效目标自评表", 2022, "马铃薯原种繁育推广")


def test_a_list_that_prints_values_in_brackets_after_the_names() -> None:
    # 【level 1-level 2】 then 指标1:name(value), the bracket holding a measure or, once the table has
    # shown that it prints values this way, words (wild dev, Anhui city project list).
    text = TITLE + "".join(f"{c}\n\n" for c in [
        "【产出指标-数量指标】", "指标1:机柜数量(≥77台)", "【产出指标-时效指标】", "指标1:维护及时性(<24小时)",
        "【效益指标-社会效益指标】", "指标1:服务保障民生(有力保障)", "【满意度指标-服务对象满意度指标】",
        "指标1:提升群众安全感(≥90%)"])
    assert rows(text) == [("产出指标", "数量指标", "指标1:机柜数量", "≥77台"),
                          ("产出指标", "时效指标", "指标1:维护及时性", "<24小时"),
                          ("效益指标", "社会效益指标", "指标1:服务保障民生", "有力保障"),
                          ("满意度指标", "服务对象满意度指标", "指标1:提升群众安全感", "≥90%")]
    # One measured row is not enough to show it: words in brackets stay in the name, which has no value.
    one = TITLE + "【产出指标-数量指标】\n\n指标1:机柜数量(≥77台)\n\n【效益指标-社会效益指标】\n\n指标1:服务保障民生(有力保障)\n\n"
    assert rows(one) == [("产出指标", "数量指标", "指标1:机柜数量", "≥77台")]


def test_a_number_too_large_for_points_is_not_the_weight() -> None:
    # A date exported as a serial number in both the value and unit cells (wild dev, Inner Mongolia
    # city project table): 44,561 cannot be a weight out of 100, so the cells keep their printed order.
    text = TITLE + "一级指标 二级指标 三级指标 指标方向 目标值 计量单位 分值 备注\n" \
        "产出指标 时效指标 资金到位时间 = 44,561 44,561 10\n产出指标 数量指标 出差人次 = 24 人/次 4\n"
    doc = parse_text(text, "serial.txt")
    assert [(i.value.raw, i.weight) for i in doc.tables[0].indicators] == [("=44,56144,561", "10"), ("=24人/次", "4")]


def test_a_template_row_with_a_value_is_no_indicator() -> None:
    # An excerpt whose last rows are the template's …… with a value-like word under it (wild dev, Anhui town).
    text = TITLE + "一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 培训人数 | ≥100人 |\n" \
        "| 质量指标 | 培训合格率 | 95% |\n可持续影响指标 |\n…… |\n满意\n"
    doc = parse_text(text, "template.txt")
    assert rows(text) == ROWS[:2]
    assert "GP306" in [w.code for w in doc.tables[0].warnings]


def test_one_cell_per_line_a_value_that_is_a_heading_fragment_and_a_row_about_the_indicator_itself() -> None:
    # 持续影响 is a piece of 可持续影响指标 and a value in words; 该指标 | 不适用 is a row (seed 002 one cell a line).
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "效益指标", "生态效益指标", "该指标", "不适用",
             "可持续影响指标", "医保制度发展", "持续影响", "满意度指标", "服务对象满意度指标", "患者满意度", "≥90%"]
    assert rows(TITLE + "\n".join(cells) + "\n") == [
        ("效益指标", "生态效益指标", "该指标", "不适用"), ("效益指标", "可持续影响指标", "医保制度发展", "持续影响"),
        ("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%")]


def test_two_period_one_cell_per_line_the_name_printed_again_opens_the_annual_side() -> None:
    # The medium-term value cell is empty and a one-cell-a-line dump drops it: 评审次数 | 评审次数 | 4次.
    head = "一级指标\n二级指标\n三级指标\n中长期指标值\n二级指标\n三级指标\n本年度指标值\n"
    text = TITLE + head + "产出指标\n数量指标\n参保人数\n>38万人\n数量指标\n参保人数\n>38万人\n评审次数\n评审次数\n4次\n"
    doc = parse_text(text, "two.txt")
    got = [(i.period, i.name, i.value.raw) for i in doc.tables[0].indicators]
    assert got == [("medium_term", "参保人数", ">38万人"), ("annual", "参保人数", ">38万人"),
                   ("medium_term", "评审次数", ""), ("annual", "评审次数", "4次")]


def test_a_name_wrapped_over_lines_one_cell_a_line_is_joined_before_its_value() -> None:
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "2.组织开展全市医疗保障系统",
             "专门法律知识培训及考试", "1次", "质量指标", "考试通过率", "≥95%"]
    assert rows(TITLE + "\n".join(cells) + "\n") == [
        ("产出指标", "数量指标", "2.组织开展全市医疗保障系统专门法律知识培训及考试", "1次"),
        ("产出指标", "质量指标", "考试通过率", "≥95%")]
    # With a unit column between name and value, the cell after the name is the unit's.
    unit = ["一级指标", "二级指标", "三级指标", "单位", "指标值", "产出指标", "数量指标", "猪肉产量稳定率", "%", "≥95%"]
    assert rows(TITLE + "\n".join(unit) + "\n") == [("产出指标", "数量指标", "猪肉产量稳定率", "%≥95%")]


@pytest.mark.parametrize("sep", ["\t", "  ", " | ", ""])
def test_a_bare_indicator_tree_with_no_title_fields_or_header_is_a_table(sep: str) -> None:
    # An excerpt that starts at the grid's first row: 产出指标 | 数量指标 | … on one line opens the grid.
    text = "\n".join(sep.join(row) for row in [
        ("产出指标", "数量指标", "培训人数", "≥100人"), ("质量指标", "培训合格率", "95%"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%")]) + "\n"
    assert rows(text) == ROWS


def test_a_two_period_grid_one_cell_a_line_without_its_header_is_told_by_its_repeated_sides() -> None:
    # 数量指标 | 参保人数 | >38万人 | 数量指标 | 参保人数 | >40万人: each row prints its level 2 and name on both sides.
    cells = ["产出指标", "数量指标", "参保人数", ">38万人", "数量指标", "参保人数", ">40万人",
             "质量指标", "报销比例", "90%", "质量指标", "报销比例", "92%"]
    doc = parse_text("\n".join(cells) + "\n", "two.txt")
    got = [(i.period, i.level2, i.name, i.value.raw) for i in doc.tables[0].indicators]
    assert got == [("medium_term", "数量指标", "参保人数", ">38万人"), ("annual", "数量指标", "参保人数", ">40万人"),
                   ("medium_term", "质量指标", "报销比例", "90%"), ("annual", "质量指标", "报销比例", "92%")]
    # Rows that each print their level 2 before different names are one period.
    single = ["产出指标", "数量指标", "参保人数", ">38万人", "数量指标", "评审次数", "4次"]
    assert {i.period for i in parse_text("\n".join(single) + "\n", "one.txt").tables[0].indicators} == {"annual"}


def test_a_glued_self_evaluation_header_and_points_run_together() -> None:
    # 分值得分 glued between longer headings, 1010 / 109 = points and score run together.
    text = TITLE + GLUED_SELF_HEADER + "产出指标数量指标培训人数≥100人≥100人1010\n质量指标培训合格率95%96%109按计划完成\n"
    got = scored_rows(text)
    assert got == [("培训人数", "≥100人", "≥100人", "10", "10"), ("培训合格率", "95%", "96%", "10", "9")]


def test_glued_self_evaluation_points_before_the_value_and_a_heading_score() -> None:
    # 分值 printed before 年度指标值: 8550万粒550万粒8 is 8 | 550万粒 | 550万粒 | 8, told by the value printed twice.
    text = TITLE + "一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及改进措施\n" \
        "产出指标(40分)数量指标指标1免费发放原原种8550万粒550万粒8\n"
    doc = parse_text(text, "points-first.txt")
    got = [(i.level1, i.name, i.value.raw, i.actual, i.weight, i.score) for i in doc.tables[0].indicators]
    assert got == [("产出指标", "指标1免费发放原原种", "550万粒", "550万粒", "8", "8")]


def test_a_glued_bare_number_after_a_name_that_prints_its_unit_or_is_a_rate_is_the_value() -> None:
    # 造林面积(亩)80000: the unit is in the name, the number bare (wild dev 32's grid, glued); a rate's and a count's
    # number is bare too (工程完工率100, 结算项目数3, 满意度100); a number inside a name (第2批) or after other words
    # (指标1) stays in it.
    text = TITLE + GLUED_HEADER + "产出指标数量指标实施营造林总面积(亩)80000\n" \
        "修建作业道长度（公里）30\n镇街补助款完成结算项目数3\n质量指标指标1工程完工率100\n苗木成活率(≥**%)85\n" \
        "时效指标第2批项目完成时限年底\n满意度指标服务对象满意度指标学生满意度100\n"
    got = named_rows(text)
    assert got == [("数量指标", "实施营造林总面积(亩)", "80000"), ("数量指标", "修建作业道长度（公里）", "30"),
                   ("数量指标", "镇街补助款完成结算项目数", "3"),
                   ("质量指标", "指标1工程完工率", "100"), ("质量指标", "苗木成活率(≥**%)", "85"),
                   ("时效指标", "第2批项目完成时限", "年底"), ("服务对象满意度指标", "学生满意度", "100")]


def test_a_glued_self_evaluation_bare_number_printed_twice_then_points() -> None:
    # Target and completed value alike and bare, then points and score: 8585109 is 85 | 85 | 10 9.
    text = TITLE + GLUED_SELF_HEADER + "产出指标数量指标受益人数(人)132132109\n质量指标苗木成活率(≥**%)85851010\n"
    got = scored_rows(text)
    assert got == [("受益人数(人)", "132", "132", "10", "9"), ("苗木成活率(≥**%)", "85", "85", "10", "10")]


def test_glued_rows_whose_names_open_with_an_item_number() -> None:
    # 指标1: opens every name (wild dev 18's grid, glued): its 1 is no value (1:项 is not 1项), and a value in words
    # still ends the name after it.
    text = TITLE + GLUED_HEADER + "产出指标成本指标指标1:项目总成本(≤**万元)≤1125万元\n" \
        "效益指标可持续影响指标指标1:持续提供人力物力保障,解决居民群众生产生活问题持续保障\n"
    got = named_rows(text)
    assert got == [("成本指标", "指标1:项目总成本(≤**万元)", "≤1125万元"),
                   ("可持续影响指标", "指标1:持续提供人力物力保障,解决居民群众生产生活问题", "持续保障")]


def test_glued_rows_whose_name_is_a_name_ending_or_whose_value_opens_with_a_value_word() -> None:
    # 完成时限 alone names the row (wild dev 01's grid, glued); 有力保障 and 正面支撑 are values in words.
    text = TITLE + GLUED_HEADER + "产出指标时效指标完成时限2021年12月底完成项目规划相关工作。\n" \
        "效益指标社会效益指标指标1:服务保障民生有力保障\n经济效益指标为全市经济发展保驾护航正面支撑\n"
    got = named_rows(text)
    assert got == [("时效指标", "完成时限", "2021年12月底完成项目规划相关工作。"),
                   ("社会效益指标", "指标1:服务保障民生", "有力保障"), ("经济效益指标", "为全市经济发展保驾护航", "正面支撑")]


def test_glued_values_with_a_unit_per_unit_or_a_span_of_dates() -> None:
    # 1次/月 and ≤620万/月 are whole values; 2020年1月--2020年11月 and 2020.1.1-2020.12.31 are one value each (wild
    # dev 56 and 51's grids, glued); inside a goal's sentence a span of dates stays text.
    text = TITLE + "年度目标通过采购服务,服务周期2023.07-2024.01,全市空气质量达到优良\n一级指标二级指标三级指标指标值\n" \
        "产出指标时效指标环境卫生专项考核1次/月\n各项费用使用周期2020年1月--2020年11月\n补贴期限2020.1.1-2020.12.31\n" \
        "成本指标人工成本≤620万/月\n补贴标准71.86元/平方米\n"
    got = named_rows(text)
    assert got == [("时效指标", "环境卫生专项考核", "1次/月"), ("时效指标", "各项费用使用周期", "2020年1月--2020年11月"),
                   ("时效指标", "补贴期限", "2020.1.1-2020.12.31"), ("成本指标", "人工成本", "≤620万/月"),
                   ("成本指标", "补贴标准", "71.86元/平方米")]
    assert parse_text(text, "spans.txt").tables[0].goals.annual == "通过采购服务,服务周期2023.07-2024.01,全市空气质量达到优良"


def test_a_whole_table_glued_into_one_run_of_numbered_items() -> None:
    # A page that prints the whole table as one run (wild dev 47's grid, glued into one line): the labels and
    # headings are sparse in it, but printed back to back; in a run of numbered items a value with more name after
    # it (7天 in 孕产妇7天访视数) is part of the name, and an item's name may open with digits (0-6岁).
    text = "稷山县项目支出绩效自评表（2021年度）项目名称国家基本公共卫生服务主管部门稷山县卫生健康和体育局" \
        "一级指标二级指标三级指标指标值产出指标数量指标指标1:居民健康档案38508人指标2:孕产妇7天访视数214人" \
        "指标3:适龄儿童疫苗接种率100.00%指标4:0-6岁儿童健康管理数2089人指标5:新生儿访视数214人" \
        "指标6:老年人体检数5662人指标7:高血压规范管理数3807人指标8:糖尿病规范管理数863人\n"
    doc = parse_text(text, "one-run.txt")
    got = [(i.level2, i.name, i.value.raw) for i in doc.tables[0].indicators]
    assert doc.tables[0].project_name == "国家基本公共卫生服务"
    assert got == [("数量指标", "指标1:居民健康档案", "38508人"), ("数量指标", "指标2:孕产妇7天访视数", "214人"),
                   ("数量指标", "指标3:适龄儿童疫苗接种率", "100.00%"), ("数量指标", "指标4:0-6岁儿童健康管理数", "2089人"),
                   ("数量指标", "指标5:新生儿访视数", "214人"), ("数量指标", "指标6:老年人体检数", "5662人"),
                   ("数量指标", "指标7:高血压规范管理数", "3807人"), ("数量指标", "指标8:糖尿病规范管理数", "863人")]


def test_a_whole_table_glued_into_one_run_with_its_fields_and_items_numbered_with_a_point() -> None:
    # Sample 002's table glued into one run: every label before the grid splits (实施单位 right after a name of
    # words), an item's number after a value opens the next name (≥2次4.组织…), and the goal's numbered sentences
    # after its label stay one text.
    text = "项目支出绩效目标表（2025年度）项目名称医疗保障基金管理主管部门及代码[608]宿州市医疗保障局" \
        "实施单位宿州市医疗保障局项目来源本级申报项目项目资金(万元)年度资金总额:92.65其中:财政拨款92.65" \
        "年度目标1、开展全市医疗保障系统行政执法人员培训及考试,考试通过率≥95%。 2、定期召开基金运行分析会。" \
        "一级指标二级指标三级指标指标值产出指标数量指标1.组织开展网络安全检查≥2次2.组织开展全市医保网络安全培训≥3次" \
        "质量指标1.医保基金预算编制准确率≥95%2.专门法律知识考试通过率≥95%\n"
    table = parse_text(text, "one-run-fields.txt").tables[0]
    assert (table.department, table.implementing_unit) == ("宿州市医疗保障局", "宿州市医疗保障局")
    assert table.goals.annual == "1、开展全市医疗保障系统行政执法人员培训及考试,考试通过率≥95%。 2、定期召开基金运行分析会。"
    got = [(i.level2, i.name, i.value.raw) for i in table.indicators]
    assert got == [("数量指标", "1.组织开展网络安全检查", "≥2次"), ("数量指标", "2.组织开展全市医保网络安全培训", "≥3次"),
                   ("质量指标", "1.医保基金预算编制准确率", "≥95%"), ("质量指标", "2.专门法律知识考试通过率", "≥95%")]


def test_a_number_after_an_item_word_numbers_the_item() -> None:
    # 指标1种薯采购价格: 1 numbers the indicator, 1种 is no value (wild dev 26, glued by a web page).
    text = TITLE + GLUED_HEADER + "产出指标成本指标指标1种薯采购价格≤300元/吨\n" \
        "数量指标指标2企业自行采购200万粒\n"
    got = named_rows(text)
    assert got == [("成本指标", "指标1种薯采购价格", "≤300元/吨"), ("数量指标", "指标2企业自行采购", "200万粒")]


def test_a_glued_table_wrapped_at_a_page_width_in_a_few_lines() -> None:
    # Wild dev 70's table glued into one run and wrapped at 40 characters, as a PDF's text prints it: three
    # lines of one length, none longer, make a page's width (a cell's wrap needs five lines of short cells).
    run = "项目绩效目标表项目名称主管部门省商务厅项目资金(万元)年度资金总额:2430.3其中:财政拨款2430.3其他资金" \
        "年度目标目标1:全年实现会展业综合收入不低于280亿元目标2:培育一批具有影响力的品牌会展项目一级指标二级指标三级指标" \
        "指标值产出指标数量指标全年实现会展业综合收入≥280亿元"
    text = "\n".join(run[i:i + 40] for i in range(0, len(run), 40)) + "\n"
    table = parse_text(text, "glued-wrapped.txt").tables[0]
    assert [(i.level2, i.name, i.value.raw) for i in table.indicators] == [("数量指标", "全年实现会展业综合收入", "≥280亿元")]
    assert table.goals.annual == "目标1:全年实现会展业综合收入不低于280亿元目标2:培育一批具有影响力的品牌会展项目"


def test_a_title_glued_after_an_attachment_mark_deep_in_a_run() -> None:
    # A notice's allocation table glued into one run, its total, then 附件2 and the next attachment's title (wild dev
    # 70): the title starts after the mark (not 2项 | 目绩效目标表), though the run holds no other label before it.
    text = "附件1项目奖励资金分配表序号单位名称会展项目名称分配金额(万元)1省卫生健康委2021第五届海南国际健康产业博览会500" \
        "合计2430.3附件2项目绩效目标表主管部门:省商务厅资金总额:2430.30\n一级指标\t二级指标\t三级指标\t指标值\n" \
        "产出指标\t数量指标\t全年实现会展业综合收入\t≥280亿元\n"
    table = parse_text(text, "attached-title.txt").tables[-1]
    assert (table.title, table.department) == ("项目绩效目标表", "省商务厅")


def test_a_grid_whose_rows_print_no_heading_takes_the_level_its_words_point_to() -> None:
    # The header names the level columns, the rows leave them all empty (wild dev 47's grid, its one block's merged
    # cells lost): the rows' words (人数, 次) point to 数量指标, flagged as inferred; a grid with no level column at all
    # keeps its levels empty.
    rows_text = "\t\t居民健康档案建档人数\t38508人\n\t\t举办健康教育知识讲座次数\t6次\n\t\t老年人体检人数\t5662人\n"
    table = parse_text(TITLE + "一级指标\t二级指标\t三级指标\t指标值\n" + rows_text, "lost.txt").tables[0]
    assert {(i.level1, i.level2, i.inferred) for i in table.indicators} == {("产出指标", "数量指标", True)}
    assert any(w.code == "GP206" for w in table.warnings)
    plain = parse_text(TITLE + "指标名称\t指标值\n居民健康档案建档人数\t38508人\n老年人体检人数\t5662人\n", "plain.txt")
    assert {(i.level1, i.level2) for i in plain.tables[0].indicators} == {(None, None)}


def test_glued_rows_that_end_alike_have_that_value_cut_off() -> None:
    # 持续影响 and 年底前完成 end several glued rows after names that differ (sample 002's grid, glued):
    # the shared ending opening with a value word is the value; 年底前完成 is no name ending in 完成.
    text = TITLE + GLUED_HEADER + "产出指标时效指标督查监管年底前完成\n日常培训考核年底前完成\n" \
        "效益指标可持续影响指标医保信息系统安全平稳运行持续影响\n医保制度发展持续影响\n"
    got = named_rows(text)
    assert got == [("时效指标", "督查监管", "年底前完成"), ("时效指标", "日常培训考核", "年底前完成"),
                   ("可持续影响指标", "医保信息系统安全平稳运行", "持续影响"), ("可持续影响指标", "医保制度发展", "持续影响")]


def test_a_glued_remark_and_basis_are_cut_where_other_rows_print_the_basis_alone() -> None:
    # 唐医保字【2023】32号 ends the rows with no remark as a cell of its own, so 按计划完成唐医保字【2023】32号 is the
    # remark, then the basis; a row holding its name twice starts with an item number (sample 004's grid, glued).
    header = "一级指标二级指标三级指标指标值实际完成值分值得分偏差原因分析及改进措施指标值确定依据\n"
    text = TITLE + header + "产出指标数量指标医疗救助总人次数≥5000人次≥5000人次109按计划完成唐医保字【2023】32号\n" \
        "质量指标一站式直接结算覆盖率≥95%≥95%1010唐医保字【2023】32号\n" \
        "效益指标社会效益指标1.医保工作开展正常开展正常开展1010按计划完成唐医保字【2023】32号\n" \
        "满意度指标服务对象满意度指标受益群众满意度≥95%≥95%1010唐医保字【2023】32号\n"
    doc = parse_text(text, "glued-basis.txt")
    got = [(i.name, i.value.raw, i.actual, i.weight, i.score, i.basis) for i in doc.tables[0].indicators]
    assert got == [("医疗救助总人次数", "≥5000人次", "≥5000人次", "10", "9", "唐医保字【2023】32号"),
                   ("一站式直接结算覆盖率", "≥95%", "≥95%", "10", "10", "唐医保字【2023】32号"),
                   ("1.医保工作开展", "正常开展", "正常开展", "10", "10", "唐医保字【2023】32号"),
                   ("受益群众满意度", "≥95%", "≥95%", "10", "10", "唐医保字【2023】32号")]


def test_a_glued_two_period_row_printed_twice_is_read_as_its_two_sides() -> None:
    # The medium-term and annual sides say the same (sample 001's benefit rows, glued): each half is one side,
    # and the second line, which prints no heading, is split in halves all the same.
    text = TITLE + "一级指标二级指标三级指标中长期指标值二级指标三级指标本年度指标值\n" \
        "效益指标社会效益指标确保参保职工合法待遇。程度较高社会效益指标确保参保职工合法待遇。程度较高\n" \
        "提升服务质量和水平程度较高提升服务质量和水平程度较高\n"
    doc = parse_text(text, "glued-twice.txt")
    got = [(i.period, i.level2, i.name, i.value.raw) for i in doc.tables[0].indicators]
    assert got == [("medium_term", "社会效益指标", "确保参保职工合法待遇。", "程度较高"),
                   ("annual", "社会效益指标", "确保参保职工合法待遇。", "程度较高"),
                   ("medium_term", "社会效益指标", "提升服务质量和水平", "程度较高"),
                   ("annual", "社会效益指标", "提升服务质量和水平", "程度较高")]


def test_a_glued_value_and_basis_after_a_name_that_repeats_its_heading() -> None:
    # The last row's name and description repeat its level-2 heading, so the value glued to the basis is all
    # that is left after the headings; the basis ends the other rows alone (sample 004's grid, glued).
    text = TITLE + "一级指标二级指标三级指标绩效指标描述指标值指标值确定依据\n" \
        "产出指标数量指标保障人口数保障人口数≥60.5万人唐医保字【2023】27号\n质量指标参保率参保率≥95%唐医保字【2023】27号\n" \
        "满意度指标服务对象满意度指标服务对象满意度指标服务对象满意度指标≥95%唐医保字【2023】27号\n"
    doc = parse_text(text, "glued-basis-last.txt")
    got = [(i.name, i.value.raw, i.basis) for i in doc.tables[0].indicators]
    assert got == [("保障人口数", "≥60.5万人", "唐医保字【2023】27号"), ("参保率", "≥95%", "唐医保字【2023】27号"),
                   ("服务对象满意度指标", "≥95%", "唐医保字【2023】27号")]


def test_glued_lines_are_rows_even_after_a_line_that_could_not_be_split() -> None:
    # Each glued line is one row; a row whose name and value the text knowledge cannot tell apart (read as a
    # name alone) does not shift the rows after it by one period's side (sample 001's grid, glued).
    text = TITLE + "一级指标二级指标三级指标中长期指标值二级指标三级指标本年度指标值\n" \
        "产出指标数量指标参保人数>38万人数量指标参保人数>40万人\n" \
        "质量指标进行基金收支审计确保合法规范。质量指标进行基金收支审计确保合法规范。\n" \
        "时效指标慢性病评审次数4次时效指标慢性病评审次数5次\n"
    doc = parse_text(text, "glued-lines.txt")
    got = [(i.period, i.level2, i.name, i.value.raw) for i in doc.tables[0].indicators if i.value.raw]
    assert got == [("medium_term", "数量指标", "参保人数", ">38万人"), ("annual", "数量指标", "参保人数", ">40万人"),
                   ("medium_term", "时效指标", "慢性病评审次数", "4次"), ("annual", "时效指标", "慢性病评审次数", "5次")]


def test_a_value_cut_before_a_shared_ending_joins_the_name_where_other_rows_print_a_name_there() -> None:
    # 年底前完成 ends the rows after a name in most of them, so 不少于10次 before it is part of a name
    # (sample 002's grid, glued).
    text = TITLE + GLUED_HEADER + "产出指标时效指标督查监管年底前完成\n日常培训考核年底前完成\n" \
        "召开全市医保网络安全培训会不少于10次年底前完成\n"
    doc = parse_text(text, "glued-ending-name.txt")
    got = [(i.name, i.value.raw) for i in doc.tables[0].indicators]
    assert got == [("督查监管", "年底前完成"), ("日常培训考核", "年底前完成"), ("召开全市医保网络安全培训会不少于10次", "年底前完成")]


def test_a_line_of_bare_bars_is_an_empty_value_cell() -> None:
    # One cell a line with trailing bars; a value left blank prints as bars alone, with or without padding
    # (a regional target table whose values were never filled in, wild dev).
    text = TITLE + "".join(f"{c}\n" for c in [
        "一级指标 |", "二级指标 |", "三级指标 |", "指标值 |", "产出指标 |", "数量指标 |", "参保人数(人) |", "||",
        "补助面积(万亩) |", "||||", "防治面积(万亩) |", "||||"])
    assert rows(text) == [("产出指标", "数量指标", name, "") for name in ("参保人数(人)", "补助面积(万亩)", "防治面积(万亩)")]


@pytest.mark.parametrize("sep", ["\t", "\n"])
@pytest.mark.parametrize("heading", ["预期值", "计划值", "指标要求", "评价标准", "目标值/指标值", "2023年指标值",
                                     "2024年目标值", "年度目标"])
def test_a_value_column_the_vocabulary_does_not_name(heading: str, sep: str) -> None:
    # The cell after 三级指标 that the grid's first heading follows heads the values, whatever its words.
    cells = ["一级指标", "二级指标", "三级指标", heading, "产出指标", "数量指标", "培训人数", "≥100人",
             "质量指标", "培训合格率", "95%"]
    grid = "\n".join(cells) if sep == "\n" else "\t".join(cells[:4]) + "\n" + "\t".join(cells[4:8]) + "\n\t" \
        + "\t".join(cells[8:]) + "\n"
    assert rows(TITLE + grid) == ROWS[:2]


_JOINED = pytest.mark.xfail(strict=True, reason="one cell a line, a word of three characters or fewer before 指标值 "
                                                "is joined to it as a broken label (本年度 | 指标值)")


@pytest.mark.parametrize(("heading", "sep"), [
    *[(h, sep) for h in ["绩效指标", "具体指标", "考核指标", "具体内容", "目标名称", "绩效指标名称"] for sep in ("\t", "\n")],
    ("指标", "\t"), ("指标项", "\t"), pytest.param("指标", "\n", marks=_JOINED), pytest.param("指标项", "\n", marks=_JOINED)])
def test_a_name_column_the_vocabulary_does_not_name(heading: str, sep: str) -> None:
    # The heading between the level columns and the value column heads the names, whatever its words.
    cells = ["一级指标", "二级指标", heading, "指标值", "产出指标", "数量指标", "培训人数", "≥100人",
             "质量指标", "培训合格率", "95%"]
    grid = "\n".join(cells) if sep == "\n" else "\t".join(cells[:4]) + "\n" + "\t".join(cells[4:8]) + "\n\t" \
        + "\t".join(cells[8:]) + "\n"
    assert rows(TITLE + grid) == ROWS[:2]


@pytest.mark.parametrize("sep", ["\t", "\n"])
def test_level_columns_headed_with_their_names(sep: str) -> None:
    cells = ["一级指标名称", "二级指标名称", "三级指标名称", "指标值", "产出指标", "数量指标", "培训人数", "≥100人",
             "质量指标", "培训合格率", "95%"]
    grid = "\n".join(cells) if sep == "\n" else "\t".join(cells[:4]) + "\n" + "\t".join(cells[4:8]) + "\n\t" \
        + "\t".join(cells[8:]) + "\n"
    assert rows(TITLE + grid) == ROWS[:2]


@pytest.mark.parametrize("sep", ["\t", "\n"])
@pytest.mark.parametrize(("value", "after"), [("计划目标", ["实际完成", "分值", "得分"]),
                                              ("指标值", ["完成值", "分值", "得分", "未完成原因"])])
def test_self_evaluation_headers_read_whole(value: str, after: list[str], sep: str) -> None:
    # 计划目标, a heading the vocabulary does not know, heads the values when known self-evaluation headings
    # follow it; one cell a line, a level heading is never joined onto the last heading (未完成原因 | 产出指标).
    header = ["一级指标", "二级指标", "三级指标", value, *after]
    first = ["产出指标", "数量指标", "培训人数", "100人", "98人", "10", "9", "略有偏差"][:len(header)]
    second = ["质量指标", "培训合格率", "95%", "96%", "10", "10"]
    text = TITLE.replace("目标表", "自评表") + ("\n".join(header + first + second) if sep == "\n" else
                                             "\t".join(header) + "\n" + "\t".join(first) + "\n\t" + "\t".join(second))
    table = parse_text(text, "self.txt").tables[0]
    assert [(i.name, i.value.raw, i.actual, i.weight, i.score) for i in table.indicators] == [
        ("培训人数", "100人", "98人", "10", "9"), ("培训合格率", "95%", "96%", "10", "10")]


_UNHEADED_SIGN = pytest.mark.xfail(strict=True, reason="a comparator alone in a cell the header names no column for "
                                                       "is placed as a name or a value")


@pytest.mark.parametrize(("sep", "signs"), [("\n", False), ("\t", False), ("\n", True),
                                            pytest.param("\t", True, marks=_UNHEADED_SIGN)])
def test_value_parts_under_one_value_heading_join(sep: str, signs: bool) -> None:
    # 指标值 printed once over the number and its unit (and comparator): the cells join in printed order.
    first = ["产出指标", "数量指标", "培训人数", *(["≥"] if signs else []), "100", "人"]
    second = ["质量指标", "培训合格率", *(["≥"] if signs else []), "95", "%"]
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    text = TITLE + ("\n".join(header + first + second) if sep == "\n" else
                    "\t".join(header) + "\n" + "\t".join(first) + "\n\t" + "\t".join(second) + "\n")
    sign = "≥" if signs else ""
    assert rows(text) == [("产出指标", "数量指标", "培训人数", f"{sign}100人"), ("产出指标", "质量指标", "培训合格率", f"{sign}95%")]


@pytest.mark.parametrize("sep", ["\n", "\t"])
def test_a_value_kind_the_header_names_no_column_for_is_left_out(sep: str) -> None:
    # 定量 between a name and its value, with no 指标值类型 heading: neither name nor value.
    first, second = ["产出指标", "数量指标", "培训人数", "定量", "≥100人"], ["质量指标", "培训合格率", "定量", "95%"]
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    text = TITLE + ("\n".join(header + first + second) if sep == "\n" else
                    "\t".join(header) + "\n" + "\t".join(first) + "\n\t" + "\t".join(second) + "\n")
    assert rows(text) == ROWS[:2]


@pytest.mark.parametrize("sep", ["\t", "\n"])
@pytest.mark.parametrize(("medium", "annual", "sides"), [("中期指标值", "年度指标值", 1), ("三年指标值", "当年指标值", 1),
                                                         ("2023-2025年指标值", "2023年指标值", 2)])
def test_two_periods_values(medium: str, annual: str, sides: int, sep: str) -> None:
    # One name over both periods' values, or each side with its own name and a value heading with its year.
    side = ["二级指标", "三级指标"] if sides == 2 else []
    header = ["一级指标", "二级指标", "三级指标", medium, *side, annual]
    first = ["产出指标", "数量指标", "培训人数", "≥300人", *(["数量指标", "培训人数"] if sides == 2 else []), "≥100人"]
    second = ["", "质量指标", "培训合格率", "95%", *(["质量指标", "培训合格率"] if sides == 2 else []), "96%"]
    text = TITLE + ("\n".join(c for c in header + first + second if c) if sep == "\n" else
                    "\n".join("\t".join(r) for r in (header, first, second)) + "\n")
    table = parse_text(text, "two.txt").tables[0]
    assert [(i.period, i.level2, i.name, i.value.raw) for i in table.indicators] == [
        ("medium_term", "数量指标", "培训人数", "≥300人"), ("annual", "数量指标", "培训人数", "≥100人"),
        ("medium_term", "质量指标", "培训合格率", "95%"), ("annual", "质量指标", "培训合格率", "96%")]


@pytest.mark.parametrize("sep", ["\t", "\n"])
@pytest.mark.parametrize("name", ["满意度", "滿意度", "社会效益"])
def test_a_heading_word_under_a_level2_heading_names_its_indicator(name: str, sep: str) -> None:
    # 满意度 matches level 1 as well as level 2: after the row's level-2 heading and before a bare value it is
    # the indicator's name, one cell a line as in rows of cells.
    last = ["满意度指标", "服务对象满意度指标", name, "≥95%"]
    header = ["一级指标", "二级指标", "三级指标", "指标值"]
    first = ["产出指标", "数量指标", "培训人数", "≥100人"]
    text = TITLE + ("\n".join(header + first + last) if sep == "\n" else
                    "\n".join("\t".join(r) for r in (header, first, last)) + "\n")
    assert rows(text) == [ROWS[0], ("满意度指标", "服务对象满意度指标", name, "≥95%")]


def test_an_aligned_row_under_merged_cells_whose_value_is_whole_is_a_row_of_its_own() -> None:
    # pdftotext -layout: 检查次数 | 4次 start where the row above's cells did, and those were the widest of their
    # columns (as a wrapped cell's first piece is), but a whole value under a whole value is the next row's.
    # A wrapped cell (服务对象满 | 意度指标) still goes on.
    text = TITLE + (
        "一级指标      二级指标      三级指标          指标值\n"
        "产出指标      数量指标      培训人数合计      ≥100人\n"
        "                            检查次数          4次\n"
        "              质量指标      培训合格率        95%\n"
        "满意度指标    服务对象满    学员满意度        ≥90%\n"
        "              意度指标\n")
    assert rows(text) == [("产出指标", "数量指标", "培训人数合计", "≥100人"), ("产出指标", "数量指标", "检查次数", "4次"),
                          ROWS[1], ROWS[2]]


@pytest.mark.parametrize("sep", ["\n", "\t"])
@pytest.mark.parametrize("unit", ["万平方米", "次/月", "万元/月", "元/平方米"])
def test_a_unit_built_of_known_units_is_a_unit_cell(unit: str, sep: str) -> None:
    # A unit column printing a scale before a unit or one unit per another (万平方米, 次/月): a unit cell,
    # not the next row's name, one cell a line as in rows of cells.
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    first = ["产出指标", "数量指标", "清扫保洁道路面积", "≥", "1346", unit]
    second = ["时效指标", "专项考核频次", "=", "1", "次"]
    text = TITLE + ("\n".join(header + first + second) if sep == "\n" else
                    "\t".join(header) + "\n" + "\t".join(first) + "\n\t" + "\t".join(second) + "\n")
    assert rows(text) == [("产出指标", "数量指标", "清扫保洁道路面积", f"≥1346{unit}"),
                          ("产出指标", "时效指标", "专项考核频次", "=1次")]


def test_a_rate_named_in_value_words_is_the_next_rows_name_not_a_value() -> None:
    # Self-evaluation rows one cell a line: 按计划完成 is the reason after a score, and 项目按计划完成率 (value
    # words, but a rate's name) the next row's name, not the value of a row named 按计划完成.
    header = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    cells = [*header, "产出指标", "时效指标", "预算资金当年下达率", "100%", "100%", "10", "10", "按计划完成",
             "项目按计划完成率", "100%", "100%", "10", "9",
             "满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "95%", "10", "10"]
    assert [(n, v) for _, _, n, v in rows(TITLE + "\n".join(cells))] == [
        ("预算资金当年下达率", "100%"), ("项目按计划完成率", "100%"), ("学生家长满意度", "≥90%")]


@pytest.mark.parametrize("sep", ["\t", " | ", pytest.param("\n", marks=pytest.mark.xfail(
    strict=True, reason="one cell a line, the header printed again is told by its line no more"))])
def test_a_grid_per_goal_prints_the_header_again_under_the_goals_label(sep: str) -> None:
    # Hubei self-evaluations: 年度绩效目标1(40分) | 一级指标 | … over each goal's rows; the label and the header
    # printed again are no indicator.
    header = ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"]
    lines = [["年度绩效目标1(40分)", *header], ["", "产出指标", "数量指标", "培训人数", "100人", "98人", "19"],
             ["年度绩效目标2(40分)", *header], ["", "产出指标", "质量指标", "培训合格率", "95%", "96%", "20"]]
    grid = "\n".join(sep.join(c for c in line if c or sep != "\n") for line in lines)
    table = parse_text(TITLE.replace("目标表", "自评表") + grid + "\n", "self.txt").tables[0]
    assert [(i.level2, i.name, i.value.raw, i.actual, i.score) for i in table.indicators] == [
        ("数量指标", "培训人数", "100人", "98人", "19"), ("质量指标", "培训合格率", "95%", "96%", "20")]


@pytest.mark.parametrize("sep", ["\t", pytest.param(" | ", marks=pytest.mark.xfail(
    strict=True, reason="pipe rows keep their cells' places only when rows start indented; the blank "
                        "调整指标值 cell's place is lost and 全年完成值 moves left"))])
def test_a_department_self_evaluations_indicator_columns(sep: str) -> None:
    # Chongqing 部门整体绩效自评表: the value is the target set at the year's start (年初指标值), its unit printed
    # before it; the adjusted target, the score factor and the core flag are no annotated column.
    header = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数(%)", "指标权重(分)",
              "指标得分(分)", "是否核心指标"]
    lines = [header, ["财政供养人员控制率", "%", "定量指标", "100%", "", "92%", "100%", "2", "2", "否"],
             ["播发稿件数量", "篇", "定量指标", "2200", "", "2859篇", "100%", "10", "10", "是"]]
    text = "部门整体绩效自评表\n" + "\n".join(sep.join(line) for line in lines) + "\n"
    table = parse_text(text, "self.txt").tables[0]
    assert [(i.name, i.value.raw, i.actual, i.weight, i.score) for i in table.indicators] == [
        ("财政供养人员控制率", "%100%", "92%", "2", "2"), ("播发稿件数量", "篇2200", "2859篇", "10", "10")]


@pytest.mark.parametrize(("header", "rows", "expected"), [
    # Sichuan 部门预算项目支出绩效自评表: comparator, number and unit cells before the completed value.
    ("一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 权重 得分 未完成原因分析",
     "产出指标 数量指标 发放覆盖率 = 100 % 100 60 60 效益指标 社会效益指标 足额保障率 = 100 % 100 30 30",
     [("发放覆盖率", "100", "60", "60"), ("足额保障率", "100", "30", "30")]),
    # The national template: one level-1 heading, the rows told apart by their level-2 headings.
    ("一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
     "产出指标 数量指标 养护里程 ≥120公里 118公里 20 19 天气影响 质量指标 养护合格率 ≥95% 96% 20 20",
     [("养护里程", "118公里", "20", "19"), ("养护合格率", "96%", "20", "20")]),
])
def test_a_self_evaluation_grid_flattened_into_one_line_by_single_spaces(
        header: str, rows: str, expected: list[tuple[str, str, str, str]]) -> None:
    # A document site's dump: the header and every row on one line; its rows are not its line breaks.
    table = parse_text(TITLE.replace("目标表", "自评表") + f"{header} {rows} 合计 100\n", "self.txt").tables[0]
    assert [(i.name, i.actual, i.weight, i.score) for i in table.indicators] == expected


@pytest.mark.parametrize("sep", ["\t", " | "])
def test_a_level2_heading_word_before_a_split_value_names_the_indicator(sep: str) -> None:
    # 成本指标 | 社会成本指标 | 定量 | 100 | %: the heading word before the value's kind and number is the
    # indicator's name under 成本指标 (the row's level-1 merged above), not a level-2 under a level-1 成本指标.
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    first = ["产出指标", "数量指标", "培训人数", "定量", "100", "人"]
    second = ["成本指标", "社会成本指标", "定量", "100", "%"]
    text = TITLE + "\n".join(sep.join(r) for r in (header, first, second)) + "\n"
    assert rows(text) == [("产出指标", "数量指标", "培训人数", "100人"), ("产出指标", "成本指标", "社会成本指标", "100%")]


def test_a_row_holding_only_the_note_every_row_prints_is_no_indicator() -> None:
    # 评(扣)分标准 printed in every row; a row whose name and value were printed blank holds only it.
    header = ["一级指标", "二级指标", "三级指标", "指标值", "评(扣)分标准"]
    body = [["产出指标", "数量指标", "培训人数", "≥100人", "未达指标值酌情扣分"],
            ["", "质量指标", "培训合格率", "95%", "未达指标值酌情扣分"],
            ["效益指标", "经济效益指标", "未达指标值酌情扣分"],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "未达指标值酌情扣分"]]
    text = TITLE + "\n".join(" | ".join(r) for r in (header, *body)) + "\n"
    doc = parse_text(text, "shape.txt")
    assert [(i.level2, i.name) for i in doc.tables[0].indicators] == [
        ("数量指标", "培训人数"), ("质量指标", "培训合格率"), ("服务对象满意度指标", "学员满意度")]
    assert any(w.code == "GP307" for w in doc.tables[0].warnings)
