"""Header fields, funds, goals and spending plan above the indicator grid."""

from __future__ import annotations

import pytest

from goalparse import parse_text
from goalparse.decode.fields import parse_amount, read_fields
from goalparse.decode.mend import mend
from goalparse.decode.tokens import tokenize
from goalparse.lexicon.classify import is_placeholder


def header_of(*lines: str):
    return read_fields(tuple(tokenize("\n".join(lines))))


def test_a_label_ending_its_line_takes_the_lone_cell_on_the_next() -> None:
    h = header_of("项目名称 |", "学校体育设施向社会免费开放 |", "主管部门 |", "[812]自治区教育厅 |",
                  "年度资金总额 |", "5 |", "其他资金 |", "|", "绩效目标 |", "加快构建公共体育服务体系。 |")
    assert h.fields == {"project_name": "学校体育设施向社会免费开放", "department_code": "812",
                        "department": "自治区教育厅"}
    assert h.funds == {"annual_total": 5.0, "annual_other": None}
    assert h.goals == {"annual": "加快构建公共体育服务体系。"}


def test_a_project_named_after_its_table_is_the_name_under_its_label() -> None:
    # The name's label alone on its line, then a name that reads as a title (…经费支出绩效自评表): the name.
    h = header_of("| 项目名称 |", "2020年省级自然资源卫片执法补助经费支出绩效自评表 |", "| 主管部门 | 丽江市自然资源和规划局 |")
    assert h.fields == {"project_name": "2020年省级自然资源卫片执法补助经费支出绩效自评表", "department": "丽江市自然资源和规划局"}


def test_goal_labels_one_a_line_take_no_block_label_under_their_text() -> None:
    # 总体目标 over 年度目标, then the text and the grid's block label 绩 效 指 标: the text is the year's goal.
    h = header_of("项目名称 |", "城乡居民医疗保险补助 |", "总 体 目 标 |", "年度目标 |", "|", "保障基本医疗需求。 |", "|",
                  "绩 效 指 标 |")
    assert h.goals.get("annual") == "保障基本医疗需求。" and not h.goals.get("medium_term")


def test_a_whole_projects_total_beside_the_years_is_the_medium_terms() -> None:
    # 项目资金总额 (no period) beside 年度资金申请总额 in one row, their fiscal shares under them in the same
    # order, and 项目总目标 beside 年度总体目标: the whole project's are the medium term's.
    h = header_of("资金情况 (万元) | 项目资金总额: | 1500 | 年度资金申请总额 | 1200 |",
                  "其中:财政资金 | 1500 | 其中:当年财政拨款 | 1200 |", "上年结转资金 | ||||||",
                  "项目绩效目标 | 项目总目标 | 年度总体目标 |", "建设保鲜库1座。 | 2021年完成主体安装。 |")
    assert {k: v for k, v in h.funds.items() if v is not None} == {
        "medium_term_total": 1500.0, "medium_term_fiscal": 1500.0, "annual_total": 1200.0, "annual_fiscal": 1200.0}
    # Funds carried over from last year are the year's, on whichever side they are printed.
    assert "annual_carryover" in h.funds and "medium_term_carryover" not in h.funds
    assert h.goals == {"medium_term": "建设保鲜库1座。", "annual": "2021年完成主体安装。"}


def test_the_medium_terms_goal_under_the_years_and_the_grids_label_under_both() -> None:
    h = header_of("项目名称\t百色天立学校办学补贴", "年度绩效目标\t投入1800万元,推进学校二期项目建设。",
                  "中期绩效目标\t多渠道增加优质教育资源供给。", "项目年度绩效目标衡量指标")
    assert h.goals == {"annual": "投入1800万元,推进学校二期项目建设。", "medium_term": "多渠道增加优质教育资源供给。"}


@pytest.mark.parametrize(
    ("text", "amount"),
    [("2,858.5", 2858.5), ("0.00", 0.0), ("92.65", 92.65), ("20", 20.0), ("507.00", 507.0), ("", None), ("见附件", None)],
)
def test_parse_amount(text: str, amount: float | None) -> None:
    assert parse_amount(text) == amount


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [("目标1: 目标2: 目标3: .....", True), ("指标1:", True), (".....", True),
     ("目标1:加强打击欺诈骗保工作力度。 目标2:加快推进医保支付方式改革工作。", False), ("保障医保工作正常开展。", False)],
)
def test_is_placeholder(text: str, placeholder: bool) -> None:
    assert is_placeholder(text) is placeholder


def test_two_period_funds_take_their_column_group() -> None:
    h = header_of(
        "项目资金 (万元)\t中期资金总额:\t180.0\t\t年度资金总额:\t60.0\t\t",
        "\t其中: 财政拨款\t180.0\t\t其中: 财政拨款\t60.0\t\t",
        "\t其他资金\t\t\t其他资金\t\t\t",
    )
    assert h.funds == {"medium_term_total": 180.0, "annual_total": 60.0, "medium_term_fiscal": 180.0,
                       "annual_fiscal": 60.0, "medium_term_other": None, "annual_other": None}


def test_blank_medium_term_funds_are_null() -> None:
    h = header_of("项目资金 (万元)\t\t中期资金总额:\t\t年度资金总额:\t\t20\t",
                  "\t\t其中:财政拨款\t\t其中:财政拨款\t\t20\t")
    assert h.funds == {"medium_term_total": None, "annual_total": 20.0,
                       "medium_term_fiscal": None, "annual_fiscal": 20.0}


def test_department_with_code_and_fields_side_by_side() -> None:
    h = header_of("项目名称\t\t医疗保障基金安全监管经费\t\t",
                  "主管部门及代码\t\t[608]宿州市医疗保障局\t实施单位\t宿州市医疗保障局",
                  "项目来源\t\t本级申报项目\t项目期\t3年")
    assert h.fields == {"project_name": "医疗保障基金安全监管经费", "department_code": "608",
                        "department": "宿州市医疗保障局", "implementing_unit": "宿州市医疗保障局",
                        "project_source": "本级申报项目", "project_period": "3年"}


def test_goals_on_the_row_under_their_labels() -> None:
    h = header_of("总体目标\t中期目标(2025年—2027年)\t\t\t\t年度目标\t\t",
                  "\t目标1: 目标2: 目标3: .....\t\t\t\t保障医保工作正常开展。\t\t")
    assert h.goals == {"medium_term": None, "annual": "保障医保工作正常开展。"}


def test_department_line_code_project_code_and_spending_plan() -> None:
    h = header_of("473001 遵化市医疗保障局本级", "单位：万元",
                  "项目编码\t13028124P0000041000 3M\t\t项目名称\t城乡居民长期护理保险等补助资金\t\t",
                  "预算规模及 资金用途\t预算数\t2420.00\t其中：财政 资金\t2420.00\t其他资金\t",
                  "资金支出计 划（%）\t3 月底\t\t6 月底\t\t10 月底\t12 月底",
                  "\t30%\t\t60%\t\t90%\t100%")
    assert h.fields["department_code"] == "473001"
    assert h.fields["department"] == "遵化市医疗保障局本级"
    assert h.fields["project_code"] == "13028124P00000410003M"
    assert h.funds == {"annual_total": 2420.0, "annual_fiscal": 2420.0, "annual_other": None}
    assert h.spending_plan == {"3月底": 30.0, "6月底": 60.0, "10月底": 90.0, "12月底": 100.0}


@pytest.mark.parametrize(
    "unit_line",
    [pytest.param("单位：元", id="unit line"), pytest.param("（单位：元）", id="unit line in brackets"),
     pytest.param("金额单位：人民币元", id="unit line naming the currency"),
     pytest.param(None, id="unit in the funds label")],
)
def test_funds_printed_in_yuan_are_converted_to_wan(unit_line: str | None) -> None:
    label = "项目资金（元）" if unit_line is None else "项目资金"
    lines = ([unit_line] if unit_line else []) + [f"{label}\t年度资金总额:\t1,200,000.00", "\t其中:财政拨款\t1,200,000.00"]
    h = header_of(*lines)
    assert h.funds == {"annual_total": 120.0, "annual_fiscal": 120.0}
    assert any("元" in note for _, note in h.notes)
    assert header_of("单位：万元", "项目资金\t年度资金总额:\t120").funds == {"annual_total": 120.0}


def test_every_header_field_label_fills_a_table_field() -> None:
    """fields.json and the Table model must agree, or a document printing that label cannot be built."""
    from goalparse.lexicon.vocab import load
    from goalparse.records import Table

    assert set(load("fields")["fields"]) - {"filer", "program", "unit", "other"} <= set(Table.model_fields)


def test_the_filing_unit_stands_in_for_a_missing_department() -> None:
    assert header_of("项目名称\t测试", "预算单位\t[301]区卫生健康局").fields["department"] == "区卫生健康局"
    h = header_of("项目名称\t测试", "主管部门\t县教育局", "预算单位\t县第一中学")
    assert h.fields["department"] == "县教育局" and "filer" not in h.fields


def test_contact_fields_are_kept() -> None:
    h = header_of("项目名称\t测试", "项目负责人\t张三\t联系电话\t0315-1234567")
    assert (h.fields["owner"], h.fields["phone"]) == ("张三", "0315-1234567")


def test_a_funds_block_labelled_with_its_unit() -> None:
    assert header_of("项目资金（单位：元）\t年度资金总额:\t1,200,000.00").funds == {"annual_total": 120.0}
    assert header_of("单位:元", "项目资金(单位:万元)\t年度资金总额:\t120").funds == {"annual_total": 120.0}


def test_funds_labels_in_wan_win_over_a_page_wide_yuan_unit() -> None:
    # 单位:元 printed above the table, but the funds block itself says (万元): the amounts are 万元.
    text = "\n".join(["单位:元", "专项名称", "普惠金融发展专项资金", "资金情况", "(万元)", "年度金额", "112"])
    h = read_fields(tuple(mend(tokenize(text))))
    assert h.funds == {"annual_total": 112.0}


def test_a_label_and_its_value_in_one_cell_split_at_the_colon() -> None:
    tokens = mend(tokenize("资金情况(万元)\n年度资金总额:16"))
    assert read_fields(tuple(tokens)).funds == {"annual_total": 16.0}


@pytest.mark.parametrize("lines, department, unit", [
    (["部门名称\t濮阳市档案局", "单位名称\t濮阳市档案馆"], "濮阳市档案局", "濮阳市档案馆"),
    (["单位名称\t濮阳市档案馆", "部门名称\t濮阳市档案局"], "濮阳市档案局", "濮阳市档案馆"),
    (["单位名称\t濮阳市档案馆"], "濮阳市档案馆", None),
])
def test_a_units_own_name_is_the_department_only_when_none_is_printed(lines, department, unit) -> None:
    h = header_of(*lines)
    assert (h.fields.get("department"), h.fields.get("implementing_unit")) == (department, unit)


def test_numbered_funds_items_and_the_project_total_goal() -> None:
    h = header_of("资金情况(万元)\t年度资金总额:\t153.5", "其中:1.中央资金\t", "4.其他资金\t", "项目总体目标\t绿化美化公路沿线。",
                  "项目年度目标\t完成苗木采购和栽植。")
    assert h.funds == {"annual_total": 153.5, "annual_other": None}
    assert h.goals == {"medium_term": "绿化美化公路沿线。", "annual": "完成苗木采购和栽植。"}


@pytest.mark.parametrize("columns, total", [
    ("年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分", 120.0),
    ("年初预算\t调整后预算数\t预算执行数\t预算执行率", 120.0),
    ("年初预算数\t全年执行数\t分值", 100.0),
])
def test_a_self_evaluation_takes_the_years_budget_never_the_amount_spent(columns: str, total: float) -> None:
    h = header_of(f"项目资金(万元)\t{columns}", "年度资金总额\t100\t120\t110\t10\t92%\t9")
    assert h.funds == {"annual_total": total}


def test_the_goal_block_of_a_self_evaluation_and_a_later_goal_column() -> None:
    h = header_of("部门预算编码\t901001033", "年度总体目标\t年初设定目标\t年度总体目标完成情况综述",
                  "落实39户奖补政策\t已落实39户", "部门职能\t年度目标\t支出项目名称\t预算金额(万元)")
    assert h.goals == {"annual": "落实39户奖补政策"}
    assert h.fields["department_code"] == "901001033"


def test_funds_labels_that_name_their_period() -> None:
    h = header_of("项目名称\t镇际联网路\t中期市财政预算(万元)\t284500.00\t本年度申请市财政预算资金(万元)\t919.00",
                  "总体目标\t中期滚动目标(2019年--2021年)\t年度目标", "新建道路29个项目。\t完成结算532万元。")
    assert h.funds == {"medium_term_fiscal": 284500.0, "annual_fiscal": 919.0}
    assert h.goals == {"medium_term": "新建道路29个项目。", "annual": "完成结算532万元。"}


def test_labels_without_a_field_end_the_value_before_them() -> None:
    tokens = mend(tokenize("项目名称博物馆提升改造项目项目主管部门嘉峪关市文化和旅游局项目开始日期2023-01-01项目总投资20万元"))
    h = read_fields(tuple(tokens))
    assert (h.fields.get("project_name"), h.fields.get("department")) == ("博物馆提升改造项目", "嘉峪关市文化和旅游局")
    assert "other" not in h.fields


def test_a_goal_label_takes_the_text_past_column_headings_in_its_row() -> None:
    # The goal block of a self-evaluation flattened into one pipe row (wild dev, Yunnan county).
    h = header_of("| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 改善学生体质 | 改善了学生体质 |")
    assert h.goals == {"annual": "改善学生体质"}


@pytest.mark.parametrize(
    ("text", "goals"),
    [  # (tests/excerpts: a county project table one cell a line; a notice's table glued into one line)
        ("年度目标\n因财政资金紧张,结转2024年六运会项目资金\n绩效指标 一级指标 二级指标 三级指标 指标值",
         {"annual": "因财政资金紧张,结转2024年六运会项目资金"}),
        ("总体目标开展2个防洪水利设施水毁修复,绩效指标一级指标二级指标三级指标指标值产出指标数量指标开展修复工程(个)≥1",
         {"annual": "开展2个防洪水利设施水毁修复,"}),
        # A funds label with its unit or amount after a goal's glued text is the funds', not the goal's.
        ("年度目标开展2个防洪水利设施水毁修复项目资金(万元)年度资金总额35绩效指标一级指标二级指标三级指标指标值",
         {"annual": "开展2个防洪水利设施水毁修复"}),
    ],
)
def test_a_goal_text_cut_at_known_words_by_the_split_of_glued_cells_is_one_text(
        text: str, goals: dict[str, str]) -> None:
    assert read_fields(tuple(mend(tokenize(text)))).goals == goals


def test_a_grid_header_whose_first_column_is_named_like_a_goal_is_no_goal() -> None:
    # 绩效目标 heads the grid's first column (a provincial project table, tests/excerpts): the overall goal
    # above it, alone, is the year's goal; the full header row and the part above the grid alike.
    for header in ("绩效目标 | 评价指标 | 绩效内容 | 绩效标准 | 全年绩效目标 |", "绩效目标 | 评价指标 |"):
        h = header_of("总体绩效目标 | 为困难群众解决生活困难。 |", header)
        assert h.goals == {"annual": "为困难群众解决生活困难。"}
    # Known column headings beside a goal label still head its texts.
    h = header_of("年度总体目标 | 预期目标 | 实际完成情况 |", "改善学生体质 | 改善了学生体质 |")
    assert h.goals == {"annual": "改善学生体质"}


def test_two_goal_labels_glued_in_one_short_cell_leave_the_text_to_the_second() -> None:
    # 总体目标 over 年度目标, printed with no separator (wild dev, Hubei district region table).
    h = read_fields(tuple(mend(tokenize("总体目标年度目标\n全面改善农村义务教育薄弱学校办学条件。"))))
    assert h.goals == {"medium_term": None, "annual": "全面改善农村义务教育薄弱学校办学条件。"}


def test_numbered_goal_items_cut_apart_by_single_spaces_stay_on_the_goal() -> None:
    h = header_of("年度目标 合理布局,规范建设。达成以下目标: 目标1:聘用人员1人 目标2:在岗率100% 绩效指标 一级指标")
    assert h.goals == {"annual": "合理布局,规范建设。达成以下目标: 目标1:聘用人员1人 目标2:在岗率100%"}


def test_two_period_funds_and_a_spending_plan_printed_one_cell_per_line() -> None:
    h = header_of("中期资金总额:", "180", "年度资金总额:", "60", "其中:财政拨款", "180", "其中:财政拨款", "60",
                  "资金支出计划(%)", "3月底", "6月底", "12月底", "30%", "60%", "100%")
    assert h.funds == {"medium_term_total": 180.0, "annual_total": 60.0, "medium_term_fiscal": 180.0,
                       "annual_fiscal": 60.0}
    assert h.spending_plan == {"3月底": 30.0, "6月底": 60.0, "12月底": 100.0}


def test_labels_glued_to_their_values_in_a_glued_document() -> None:
    lines = ["项目名称医保基金管理", "主管部门及代码[608]宿州市医疗保障局", "项目期3年", "项目资金(万元)年度资金总额:92.65",
             "其中:财政拨款92.65", "其他资金0", "年度目标1、开展执法人员培训及考试 2、定期召开基金运行分析会,做好精算管理工作"]
    # (A glued grid row below shows the export glued its cells.)
    tokens = mend(tokenize("\n".join([*lines, "一级指标二级指标三级指标指标值"])))
    h = read_fields(tuple(t for t in tokens if t.line <= len(lines)))
    assert h.fields["project_period"] == "3年"
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 92.65, "annual_other": 0.0}
    assert h.goals == {"annual": "1、开展执法人员培训及考试 2、定期召开基金运行分析会,做好精算管理工作"}


def test_a_short_label_glued_to_a_long_value_in_a_glued_document() -> None:
    # 项目期2023.07-2024.01 (wild dev 15's fields, glued): a three-character label is no glue word, the value is a span
    # of dates the grammar reads whole.
    lines = ["项目名称雾炮车降尘抑尘服务", "项目期2023.07-2024.01", "项目资金(万元)年度资金总额:250"]
    tokens = mend(tokenize("\n".join([*lines, "一级指标二级指标三级指标指标值", "产出指标数量指标配备车辆数10辆",
                                       "质量指标服务周期2023.07-2024.01"])))
    h = read_fields(tuple(t for t in tokens if t.line <= len(lines)))
    assert h.fields["project_period"] == "2023.07-2024.01"


def test_a_goal_glued_to_its_label_keeps_the_numbers_it_mentions() -> None:
    # 年度目标完成…投资500,改善提升9200人饮水条件。 (wild dev 66's goal, glued): the goal's text, not a name and a
    # value 9200人; 总体目标 before it is the medium-term goal, and a project's name of 36 characters is the value of
    # its label (dev 74's).
    lines = ["项目名称第一师六团巩固脱贫攻坚与乡村振兴有效衔接特色产业基地气调保鲜库建设项目",
             "总体目标建设完成保鲜库1座,3550平方米;建设完成消防水池1座,419平方米。",
             "年度目标完成省级水利发展农村饮水项目投资500,改善提升9200人饮水条件。"]
    tokens = mend(tokenize("\n".join([*lines, "一级指标二级指标三级指标指标值", "产出指标数量指标新建保鲜库数量1座"])))
    h = read_fields(tuple(t for t in tokens if t.line <= len(lines)))
    assert h.fields["project_name"] == "第一师六团巩固脱贫攻坚与乡村振兴有效衔接特色产业基地气调保鲜库建设项目"
    assert h.goals == {"medium_term": "建设完成保鲜库1座,3550平方米;建设完成消防水池1座,419平方米。",
                       "annual": "完成省级水利发展农村饮水项目投资500,改善提升9200人饮水条件。"}


def test_a_goal_label_printed_down_a_merged_cell_a_piece_a_row() -> None:
    # 年度 / 总体 / 目标 in the first column of three rows, the goal texts beside the middle piece.
    h = header_of("| 年度 | 预期目标 | | 实际完成情况 |", "| 总体 | 完成培训100人 | | 完成培训105人 |", "| 目标 | | | |",
                  "| 其中: | 财政拨款 | 3 |", "| 其他资金 | 0 |")
    assert h.goals == {"annual": "完成培训100人"}
    assert h.funds == {"annual_fiscal": 3.0, "annual_other": 0.0}


def test_a_required_field_mark_inside_a_glued_label() -> None:
    # 一*级项目名称 (the programme) and 二级项目名称 (the project) glued to their values (wild dev, Gansu city).
    tokens = mend(tokenize("一*级项目名称文化事业发展专项资金二级项目名称博物馆提升改造项目项目类型新增项目\n"
                           "一级指标二级指标三级指标指标值"))
    h = read_fields(tuple(t for t in tokens if t.line == 1))
    assert h.fields["project_name"] == "博物馆提升改造项目"


def test_a_project_type_that_holds_an_attribute_value_is_the_attribute() -> None:
    assert header_of("项目类型\t新增项目").fields == {"project_type": "新增项目", "project_attribute": "新增项目"}
    assert header_of("项目类别\t本级支出项目\t项目性质\t持续性项目").fields == {
        "project_type": "本级支出项目", "project_attribute": "持续性项目"}


@pytest.mark.parametrize("sep", ["\t", " | ", " "])
def test_funds_labels_in_a_row_over_their_amounts(sep: str) -> None:
    h = header_of(sep.join(["年度资金总额", "其中:财政拨款", "其他资金", "上年结转"]), sep.join(["92.65", "90", "2.65", "0"]))
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 90.0, "annual_other": 2.65, "annual_carryover": 0.0}


def test_field_labels_in_a_row_over_their_values() -> None:
    h = header_of("资金名称\t主管部门\t实施单位", "教育发展专项资金\t广东省教育厅\t汕头幼儿师范高等专科学校")
    assert h.fields == {"project_name": "教育发展专项资金", "department": "广东省教育厅",
                        "implementing_unit": "汕头幼儿师范高等专科学校"}


@pytest.mark.parametrize("head", ["项目资金(万元)\t中期\t年度", "资金来源\t中期资金总额\t年度资金总额"])
def test_funds_under_period_columns(head: str) -> None:
    h = header_of(head, "合计\t180\t60", "其中:财政拨款\t150\t50", "其他资金\t30\t10")
    assert h.funds == {"medium_term_total": 180.0, "annual_total": 60.0, "medium_term_fiscal": 150.0,
                       "annual_fiscal": 50.0, "medium_term_other": 30.0, "annual_other": 10.0}


def test_funds_sources_heading_columns_over_a_period_a_row() -> None:
    h = header_of("项目资金(万元)\t资金总额\t其中:财政拨款\t其他资金", "实施期\t300\t280\t20", "年度\t100\t100\t")
    assert h.funds == {"medium_term_total": 300.0, "medium_term_fiscal": 280.0, "medium_term_other": 20.0,
                       "annual_total": 100.0, "annual_fiscal": 100.0, "annual_other": None}


def test_funds_under_period_columns_with_blank_cells() -> None:
    # Empty cells are no cells: 资金总额 | | 20 leaves the medium-term amount blank; 其他资金 | | is blank in both.
    h = header_of("项目资金(万元)\t中期\t年度", "资金总额\t\t20", "其他资金\t\t")
    assert h.funds == {"medium_term_total": None, "annual_total": 20.0, "medium_term_other": None, "annual_other": None}


def test_an_amount_that_prints_its_unit_is_read_in_it_whatever_the_block_says() -> None:
    h = header_of("项目资金(万元)\t年度资金总额:\t¥926,500.00元", "\t其中:财政拨款\t926,500.00 元")
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 92.65}
    h = header_of("单位:元", "项目资金\t年度资金总额:\t1,200,000.00", "\t其中:财政拨款\t120万元")
    assert h.funds == {"annual_total": 120.0, "annual_fiscal": 120.0}


def test_a_funds_label_printed_blank_over_its_blocks_total_row() -> None:
    h = header_of("资金来源\t中期\t年度", "财政拨款\t180\t60", "其他资金\t\t", "合计\t180\t60")
    assert h.funds == {"medium_term_fiscal": 180.0, "annual_fiscal": 60.0, "medium_term_other": None,
                       "annual_other": None, "medium_term_total": 180.0, "annual_total": 60.0}


def test_funds_under_period_columns_printed_one_cell_per_line() -> None:
    h = header_of("资金来源", "中期", "年度", "财政拨款", "180", "60", "其他资金", "合计", "180", "60")
    assert h.funds == {"medium_term_fiscal": 180.0, "annual_fiscal": 60.0, "medium_term_other": None,
                       "annual_other": None, "medium_term_total": 180.0, "annual_total": 60.0}
    h = header_of("资金来源", "金额(万元)", "财政拨款", "92.65", "其他资金", "0", "合计", "92.65")
    assert h.funds == {"annual_fiscal": 92.65, "annual_other": 0.0, "annual_total": 92.65}


def test_funds_labels_printed_as_a_column_before_their_amounts() -> None:
    h = header_of("项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t执行率", "年度资金总额", "其中:当年财政拨款",
                  "上年结转资金", "50\t60\t58\t97%", "50\t60\t58\t97%", "—\t—\t—\t—")
    assert h.funds == {"annual_total": 60.0, "annual_fiscal": 60.0, "annual_carryover": None}


def test_a_budget_blocks_label_column_and_cells_one_a_line() -> None:
    h = header_of("项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "执行率", "年度资金总额", "其中:当年财政拨款",
                  "50", "60", "54", "90%", "50", "60", "54", "90%")
    assert h.funds == {"annual_total": 60.0, "annual_fiscal": 60.0}


def test_amounts_run_into_the_next_label_one_cell_per_line() -> None:
    h = header_of("项目资金", "年度资金总额", "92.65万元其中:财政拨款", "92.65万元其他资金", "0万元")
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 92.65, "annual_other": 0.0}


@pytest.mark.parametrize(("cell", "funds"), [
    pytest.param("100万元（其中：财政拨款80万元，其他资金20万元）",
                 {"annual_total": 100.0, "annual_fiscal": 80.0, "annual_other": 20.0}, id="sources in brackets"),
    pytest.param("—（其中:财政拨款—，其他资金—）",
                 {"annual_total": None, "annual_fiscal": None, "annual_other": None}, id="blank, sources blank"),
    pytest.param("100.00（万元）", {"annual_total": 100.0}, id="unit in brackets"),
    pytest.param("100.00万元整", {"annual_total": 100.0}, id="a sum written out"),
])
def test_a_funds_cell_as_a_sentence(cell: str, funds: dict[str, float | None]) -> None:
    assert read_fields(tuple(mend(tokenize(f"项目资金\t年度资金总额:\t{cell}")))).funds == funds
    assert header_of(f"项目资金\t年度资金总额:\t{cell}").funds == funds  # (not cut at its labels first)


def test_funds_labels_printed_after_their_amounts() -> None:
    h = header_of("项目资金(万元)", "92.65\t年度资金总额:", "92.65\t其中:财政拨款", "0\t其他资金")
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 92.65, "annual_other": 0.0}


def test_an_amount_run_into_the_next_funds_label() -> None:
    h = header_of("项目资金\t年度资金总额\t92.65万元其中:财政拨款\t92.65万元其他资金\t0万元")
    assert h.funds == {"annual_total": 92.65, "annual_fiscal": 92.65, "annual_other": 0.0}


def test_budget_headings_and_their_amounts_in_the_funds_labels_row() -> None:
    # A self-evaluation's heading row and budget row run together; the columns' letters glued to the amounts.
    h = header_of("资金情况(万元)\t年度资金总额\t全年预算数\t(A)300\t全年执行数\t(B)290\t执行率")
    assert h.funds == {"annual_total": 300.0}


@pytest.mark.parametrize(("row", "total"), [
    pytest.param("年度资金总额\t\t60\t54\t10\t90%\t9", 60.0, id="initial blank: the rate tells"),
    pytest.param("年度资金总额\t50\t60\t54\t\t90%\t", 60.0, id="points blank: the rate tells"),
    pytest.param("年度资金总额\t50\t60\t54", 60.0, id="no rate: by position"),
])
def test_a_budget_row_that_lost_its_empty_cells(row: str, total: float) -> None:
    h = header_of("项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分", row)
    assert h.funds == {"annual_total": total}


def test_a_budget_block_printed_one_cell_per_line() -> None:
    h = header_of("项目资金(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分",
                  "总额", "50", "60", "54", "90%", "10", "9", "其中:财政资金", "50", "60", "54", "90%", "其他资金", "-", "-")
    assert h.funds == {"annual_total": 60.0, "annual_fiscal": 60.0, "annual_other": None}


GRID = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t每千人托位\t4.5\n"


def test_a_project_named_and_its_goal_printed_as_narrative_above_its_table() -> None:
    # A web page: page chrome, the project's heading, a goal section heading and its paragraph, then the table.
    text = ("发布日期:\n2023-03-07\n\n2023年重大政策和项目绩效目标情况\n\n婴幼儿照护服务项目项目绩效目标\n\n"
            "(一)中长期绩效目标\n\n坚持政府引导、家庭为主,全面建立婴幼儿照护服务体系。\n\n(二)中长期绩效指标\n\n"
            "项目具体目标表\n" + GRID)
    table = parse_text(text).tables[0]
    assert table.project_name == "婴幼儿照护服务项目"
    assert table.goals.medium_term == "坚持政府引导、家庭为主,全面建立婴幼儿照护服务体系。"
    assert table.goals.annual is None


def test_a_notice_names_its_project_and_the_table_own_fields_win() -> None:
    notice = "关于“2018生物实验教学中心建设项目”\n预算绩效评价结果的公示\n"
    assert parse_text(notice + GRID).tables[0].project_name == "2018生物实验教学中心建设项目"
    # The table prints its own name and goal: the narrative above fills nothing.
    own = "项目名称\t实验室改造项目\n年度目标\t完成改造。\n"
    table = parse_text("示范项目绩效目标\n(一)年度绩效目标\n另一段目标文字。\n" + own + GRID).tables[0]
    assert (table.project_name, table.goals.annual) == ("实验室改造项目", "完成改造。")


def test_a_goal_that_names_no_period_alone_is_the_years() -> None:
    # 总体目标 beside 年度目标 is the medium-term goal (samples 001, 003); printed alone it is the year's.
    alone = read_fields(tuple(tokenize("总体目标\t完成农村饮水项目投资500万元\n")))
    both = read_fields(tuple(tokenize("总体目标\t三年完成改造\n年度目标\t完成一期改造\n")))
    assert alone.goals == {"annual": "完成农村饮水项目投资500万元"}
    assert both.goals == {"medium_term": "三年完成改造", "annual": "完成一期改造"}


def test_an_amounts_unit_in_the_cell_after_it() -> None:
    # 年度资金总额 | 500000 | 元: the unit printed in a cell of its own still converts the amount to 万元.
    header = read_fields(tuple(tokenize("年度资金总额\t500000\t元\n其中:财政拨款\t40\t万元\n")))
    assert (header.funds["annual_total"], header.funds["annual_fiscal"]) == (50.0, 40.0)


def test_a_lettered_budget_block_over_the_years_fiscal_total() -> None:
    # Hubei self-evaluations: one row, 年度财政资金总额, under 预算数(A) | 执行数(B) | 执行率(B/A) | 得分.
    h = header_of("预算执行情况(万元)(20分)\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)",
                  "年度财政资金总额\t12\t10.8\t90%\t18")
    assert h.funds == {"annual_total": 12.0}


def test_a_project_attribute_printed_as_numbered_options_with_boxes() -> None:
    assert header_of("项目属性\t1、持续性项目□ 2、新增性项目☑").fields == {"project_attribute": "新增性项目"}
    assert header_of("项目属性\t、持续性项目□、新增性项目☑").fields == {"project_attribute": "新增性项目"}


def test_a_goal_label_numbered_with_points_heads_a_grid_and_holds_no_goal() -> None:
    h = header_of("项目名称\t水土保持监测", "年度绩效目标1(40分)\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分")
    assert h.goals == {}


def test_a_budget_rows_amounts_glued_with_their_rate_where_its_headings_were_not_told() -> None:
    # The year's budget unchanged and spent, glued to the rate and the points it earned (10 | 10 | 100% | 20).
    assert header_of("项目名称\t监测\t年度资金总额\t1010100%20").funds == {"annual_total": 10.0}


def test_a_budget_blocks_amounts_under_its_headings_with_no_label_of_their_own() -> None:
    # A department-wide self-evaluation (Chongqing): the block's label sits beside the headings, over no row.
    h = header_of("部门预算执行情况(万元)\t年初预算数\t全年(调整)预算数\t全年执行数\t执行率(%)\t执行率权重\t执行率得分(分)",
                  "1200\t1300\t988\t76%\t10\t7.6")
    assert h.funds == {"annual_total": 1300.0}


def test_the_goal_set_at_the_years_start_beside_the_adjusted_and_achieved_ones() -> None:
    h = header_of("当年绩效目标\t年初绩效目标\t全年(调整)绩效目标\t全年目标实际完成情况", "保障中心正常运转\t无\t较好完成了履职任务")
    assert h.goals == {"annual": "保障中心正常运转"}


@pytest.mark.parametrize("amounts", ["5060541090%9", "506054—90%—"])
def test_a_budget_rows_glued_cells_cut_where_the_rate_fits(amounts: str) -> None:
    # 50 | 60 | 54 | 10 | 90% | 9 glued by a document site: 54 / 60 is the 90% printed, so 60 is the year's budget.
    h = header_of("项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分", f"年度资金总额\t{amounts}")
    assert h.funds == {"annual_total": 60.0}


@pytest.mark.parametrize(
    ("lines", "attribute"),
    [
        # Options with their boxes in cells of their own, none ticked: printed blank (a county's 申报表 template).
        (("项目属性 新增项目 □ 延续项目 □ 主管部门",), None),
        (("项目属性 新增项目 □ 延续项目 √ 主管部门",), "延续项目"),
        # The list mark between options is no part of the one ticked (a university's 自评表).
        (("项目名称 | 学生资助项目 | 项目属性 | 、持续性项目□、新增性项目☑ |",), "新增性项目"),
        (("项目属性 | 新增项目□延续项目□ |",), None),
    ],
)
def test_a_field_printed_as_options_with_boxes_is_the_ticked_one(lines: tuple[str, ...], attribute: str | None) -> None:
    assert header_of(*lines).fields["project_attribute"] == attribute


def test_the_other_sources_of_one_row_add_up() -> None:
    # A town's 项目绩效目标表 lists its sources numbered, run together (wild excerpts, Hunan): 自有资金 and
    # 其他 are both funds other than the fiscal ones.
    h = header_of("年度资金总额及构成 | 总额 | 100万元 | 财政拨款: | 60万元 | 二、自有资金: | 10万元三、其他:30万元 |")
    assert h.funds == {"annual_total": 100.0, "annual_fiscal": 60.0, "annual_other": 40.0}


def test_one_source_printed_twice_is_not_added() -> None:
    h = header_of("年度资金总额 | 100 | 其他资金 | 40 | 其他资金 | 40 |")
    assert h.funds["annual_other"] == 40.0


def test_a_glued_project_name_keeps_its_ending_from_the_label_after_it() -> None:
    # 项目实施单位 and 实施单位 name the same field: the 项目 between name and label is the name's (a Ningxia
    # self-evaluation and a Hubei university's, both printed run together).
    h = read_fields(mend(tokenize("项目名称马铃薯示范推广项目实施单位原州区农技中心主管部门原州区农业农村局")))
    assert h.fields["project_name"] == "马铃薯示范推广项目"
    assert h.fields["implementing_unit"] == "原州区农技中心"


def test_a_period_cut_into_date_pieces_is_one_value() -> None:
    # A glued self-evaluation's 专项实施期2022年3月-2022年11月 comes apart at its months (wild dev, Ningxia).
    h = header_of("专项实施期 | 2022年 | 3月 | -2022年 | 11月 | 市县主管部门 | 原州区农业农村局 |")
    assert h.fields["project_period"] == "2022年3月-2022年11月"


def test_two_labels_printed_as_one_share_their_value() -> None:
    # 项目实施单位/项目负责人 | 原州区农技中心/杨勃兴, glued (wild dev, Ningxia self-evaluation).
    h = header_of("实施单位 | / | 项目负责人 | 原州区农技中心/杨勃兴 | 主管部门 | 原州区农业农村局 |")
    assert h.fields["implementing_unit"] == "原州区农技中心"
    # A slash alone in a cell is a blank, not a pair: the next label's value is its own.
    h = header_of("实施单位 | / | 项目负责人 | 杨勃兴 |")
    assert h.fields["implementing_unit"] != "杨勃兴" and h.fields["owner"] == "杨勃兴"


def test_a_subtotal_word_between_a_funds_label_and_its_amount() -> None:
    # 项目资金 (万元) | 合计 | 1800 / 一般公共预算拨款 | 小计 | 1800 (wild dev, Guangxi city project table).
    h = header_of("项目资金 (万元) | 合计 | 1800 |", "一般公共预算拨款 | 小计 | 1800 |", "市本级 | 1800 |", "其他资金 | |")
    assert h.funds["annual_fiscal"] == 1800.0
