"""Step 1: text -> token stream (tabs, runs of spaces, pipes, single spaces in rows of short cells)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goalparse.decode.tokens import tokenize, tokenize_noted
from goalparse.lexicon.bounds import MAX_CELLS_PER_LINE

from conftest import sample_line


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(sample_line("001", 19), ["慢性病评审次数", "慢性病评审次数", "4次"],
                     id="001:L19 empty cells are positions, not tokens"),
        pytest.param("产出指标    数量指标  ≥2次", ["产出指标", "数量指标", "≥2次"], id="space-aligned export"),
        pytest.param("| 产出指标 | 数量指标 | ≥2次 |", ["产出指标", "数量指标", "≥2次"], id="markdown pipe row"),
        pytest.param("项目名称 |", ["项目名称"], id="one cell per line with a trailing pipe"),
        pytest.param("绩效目标自评表 | ||||||||||", ["绩效目标自评表"], id="pipe padding"),
        pytest.param("|---|---|---|", [], id="markdown rule row has no cells"),
        pytest.param("## 永宁县医疗保障局部门项目支出预算绩效目标申报表",
                     ["永宁县医疗保障局部门项目支出预算绩效目标申报表"], id="003:L3 markdown heading"),
        pytest.param("满意度 <p>95%</p>\t", ["满意度 95%"], id="tags cleaned inside a cell"),
        pytest.param("产出指标 数量指标 出差人次 正向 = 24 人/次 4",
                     ["产出指标", "数量指标", "出差人次", "正向", "=", "24", "人/次", "4"],
                     id="single spaces in a row of short known cells"),
        pytest.param("现将宁夏长庆初级中学2019年部门项目支出预算绩效目标予以公开 特此公告",
                     ["现将宁夏长庆初级中学2019年部门项目支出预算绩效目标予以公开 特此公告"],
                     id="single spaces in running text stay"),
        pytest.param("≧ %", ["≧ %"], id="a value's comparator and unit on a line of their own are one cell"),
        pytest.param("≥ 95 %", ["≥ 95 %"], id="a spaced value is one cell"),
        pytest.param("10 10", ["10", "10"], id="two numbers are points and a score"),
        pytest.param("绩?????????? 效?????????? 目???????? 标 | 1.提升环境卫生质量。", ["绩效目标", "1.提升环境卫生质量。"],
                     id="spaces a wrong decoding turned into question marks"),
    ],
)
def test_tokenize_one_line(line: str, expected: list[str]) -> None:
    assert texts(line) == expected


def test_positions_separators_and_line_numbers() -> None:
    tokens = tokenize("a\n\nb\tc\n|\nd |")
    assert [(t.text, t.line, t.col, t.sep, t.first) for t in tokens] == [
        ("a", 1, 0, "line", True), ("b", 3, 0, "blank", True), ("c", 3, 1, "tab", False),
        ("", 4, 0, "line", True), ("d", 5, 0, "line", True),
    ]


@given(st.lists(st.text(alphabet="产出指标数量 值≥5%人次\u3000", max_size=8), min_size=1, max_size=6))
def test_tokenizing_loses_no_text(cells: list[str]) -> None:
    line = "\t".join(cells)
    assert "".join("".join(t.text for t in tokenize(line)).split()) == "".join(line.split())


def test_cells_past_the_bound_are_cut_and_counted() -> None:
    tokens, cut = tokenize_noted("\t".join(str(i) for i in range(MAX_CELLS_PER_LINE + 44)), first_line=7)
    assert cut == [(7, MAX_CELLS_PER_LINE + 44)]
    assert len(tokens) == MAX_CELLS_PER_LINE and tokens[-1].text == str(MAX_CELLS_PER_LINE - 1)
    assert tokenize_noted("a\tb")[1] == []


def test_whitespace_runs_inside_a_cell_become_one_space() -> None:
    """Fuzz seed 731725349: a department cell with 20,000 spaces took seconds in the header's code pattern."""
    line = "主管部门及代码\t[608" + " " * 20_000 + "]宿州市医疗保障局\t实施单位\u3000\u3000甲"
    assert texts(line) == ["主管部门及代码", "[608 ]宿州市医疗保障局", "实施单位 甲"]


def test_cells_wrapped_at_the_column_width_are_put_back_together() -> None:
    # Six names wrapped at 12 characters, one cell a line: each piece of exactly 12 goes on with the next line.
    names = ["组织开展全市医疗保障系统专门法律知识培训", "召开基金预算决算清算和基金运行分析会议",
             "开展医保基金内部审计和三项转移支付评价", "开展医保系统运行和网络运行安全检查工作",
             "组织开展全市医保网络安全培训和应急演练", "医保信息系统重大安全事件响应处置时间"]
    lines = [line for name in names for line in (name[:12], name[12:], "≥1次")]
    texts = [t.text for t in tokenize("\n".join(lines))]
    assert texts == [x for name in names for x in (name, "≥1次")]
    # Two wrapped names show no width; lines of 12 that are codes are no wrapped text: both stay as printed.
    assert [t.text for t in tokenize("\n".join(lines[:6]))] == lines[:6]
    codes = [line for n in range(6) for line in (f"13028124P{n:03d}", "专项资金")]
    assert [t.text for t in tokenize("\n".join(codes))] == codes


def test_a_wrap_width_shows_where_many_whole_cells_are_one_character_shorter() -> None:
    # Names numbered 指标N: six wrapped at 14, four whole at 13 (a common length just under the width): 14 is
    # still the width (lines pile up there, none is longer), and the whole names stay as printed.
    wrapped = ["指标1:0-6岁儿童健康管理数", "指标2:0-6岁儿童眼保健操宣传次数", "指标3:肺结核患者健康规范管理数",
               "指标4:老年人中医药规范管理数", "指标5:传染病及突发公共卫生事件报告数",
               "指标10:0-36月龄中医药规范管理数"]
    whole = ["指标6:高血压规范管理人数", "指标7:糖尿病规范管理人数", "指标8:高血压随访控制人数",
             "指标9:糖尿病随访控制人数"]
    assert all(len(w) == 13 for w in whole) and all(len(w) > 14 for w in wrapped)
    lines = [line for name in wrapped for line in (name[:14], name[14:], "2089人")]
    lines += [line for name in whole for line in (name, "214人")]
    texts = [t.text for t in tokenize("\n".join(lines))]
    assert texts == [x for name in wrapped for x in (name, "2089人")] + [x for name in whole for x in (name, "214人")]


def test_a_cell_wrapped_over_three_lines_and_a_wrapped_title_are_put_back_together() -> None:
    names = ["组织开展全市医疗保障系统专门法律知识培训和考试工作安排", "召开基金预算决算清算和基金运行分析会议及其专题研讨",
             "开展医保基金内部审计和三项转移支付评价及整改落实", "开展医保系统运行和网络运行安全检查工作及其复查",
             "组织开展全市医保网络安全培训和应急演练及其总结", "医保信息系统重大安全事件响应处置时间及其报告"]
    lines = [line for name in names for line in (name[:12], name[12:24], name[24:], "≥1次")]
    title = ["永宁县医疗保障局部门项目", "支出预算绩效目标申报表"]
    texts = [t.text for t in tokenize("\n".join([*title, *lines]))]
    assert texts == ["永宁县医疗保障局部门项目支出预算绩效目标申报表", *[x for name in names for x in (name, "≥1次")]]


def test_a_wrapped_value_goes_on_where_the_break_cannot_end_a_cell() -> None:
    # Values wrapped at 12: one cut inside a number (报销10 | 0%), one before a comma, one over three lines
    # of which the middle reads as a whole value; a name that fills the width and its own value stay two.
    names = ["组织开展全市医疗保障系统专门法律知识培训", "召开基金预算决算清算和基金运行分析会议",
             "开展医保基金内部审计和三项转移支付评价", "开展医保系统运行和网络运行安全检查工作",
             "组织开展全市医保网络安全培训和应急演练"]
    values = ["门诊及住院目录内报销100%，目录外报销90%", "全年召开培训会议不少于3次，考核合格",
              "1937年7月7日前参加革命工作的定额为3500元，其余人员2500元"]
    lines = [line for name in names for line in (name[:12], name[12:], "≥1次")]
    lines += [line for value in values for line in (value[:12], value[12:24], value[24:36], value[36:]) if line]
    lines += ["业务人员参加上级部门业务培", "全部参加"]
    texts = [t.text for t in tokenize("\n".join(lines))]
    assert texts == [*[x for name in names for x in (name, "≥1次")], *values, "业务人员参加上级部门业务培", "全部参加"]


def test_cells_wrapped_in_place_in_columns_aligned_by_spaces_are_put_back_together() -> None:
    # pdftotext -layout: columns start at 0, 12, 24, 36; a cell wider than 10 characters goes on below,
    # at its column's place. A row under merged level cells starts further right and is a row of its own.
    lines = ["产出指标    数量指标    业务人员参加上级部门  全部参加",
             "                        业务培训",
             "                        全县医疗机构及协议药  全覆盖",
             "                        店定期检查、稽核",
             "            质量指标    保障全县医保工作开展  正常开展",
             "            时效指标    综合业务经费使用时效  当年",
             "效益指标    社会效益指标医疗保障服务水平      有效提升"]
    assert [t.text for t in tokenize("\n".join(lines))] == [
        "产出指标", "数量指标", "业务人员参加上级部门业务培训", "全部参加",
        "全县医疗机构及协议药店定期检查、稽核", "全覆盖",
        "质量指标", "保障全县医保工作开展", "正常开展", "时效指标", "综合业务经费使用时效", "当年",
        "效益指标", "社会效益指标医疗保障服务水平", "有效提升"]


def test_a_row_centred_on_its_wrapped_cell_is_one_row_and_rows_parted_by_spaces_are_left_alone() -> None:
    # A spreadsheet centres a row's cells on its tallest: the name's first piece prints above the others.
    lines = ["                        全县医疗机构及协议药",
             "产出指标    数量指标    店定期检查、稽核      全覆盖",
             "            质量指标    保障全县医保工作开展  正常开展",
             "            时效指标    综合业务经费使用时效  当年"]
    assert [t.text for t in tokenize("\n".join(lines))] == [
        "产出指标", "数量指标", "全县医疗机构及协议药店定期检查、稽核", "全覆盖",
        "质量指标", "保障全县医保工作开展", "正常开展", "时效指标", "综合业务经费使用时效", "当年"]
    # Cells parted by runs of spaces but set in no columns: a full-looking cell over another is no wrap.
    rows = ["产出指标    数量指标    业务人员参加上级部门    全部参加", "数量指标    全县医疗机构检查    全覆盖",
            "质量指标    保障工作开展    正常开展", "时效指标    经费使用时效    当年"]
    assert len(tokenize("\n".join(rows))) == sum(len(r.split()) for r in rows)


def test_a_label_a_single_space_and_its_value_are_two_cells() -> None:
    lines = "项目名称 测试项目\n年度目标 通过该项目的实施，完成全县医疗保障工作。\n填报单位 (盖章)\n项目名称 甲 主管部门 乙"
    assert [[t.text for t in tokenize(line)] for line in lines.split("\n")] == [
        ["项目名称", "测试项目"], ["年度目标", "通过该项目的实施，完成全县医疗保障工作。"], ["填报单位 (盖章)"],
        ["项目名称", "甲", "主管部门", "乙"]]


def test_table_borders_are_no_rows_and_box_bars_part_cells() -> None:
    lines = ["┌────┬────┐", "│ 产出指标 │ 数量指标 │", "├────┼────┤", "+-----+-----+", "| 质量指标 | 合格率 |",
             "------+------", "时效指标｜及时率｜100%"]
    assert [[t.text for t in tokenize(line)] for line in lines] == [
        [], ["产出指标", "数量指标"], [], [], ["质量指标", "合格率"], [], ["时效指标", "及时率", "100%"]]
    # A dash run that is a cell (a placeholder, a range) stays a cell.
    assert [[t.text for t in tokenize(line)] for line in ["---", "2021-2023年", "完成---"]] == [
        ["---"], ["2021-2023年"], ["完成---"]]


def test_in_a_document_exported_with_single_spaces_a_space_between_han_characters_parts_cells() -> None:
    # Rows printed with single spaces, some holding sentences: a space between two Han characters (or
    # after a sentence's end) parts cells; a space beside a digit is the value's own.
    rows = ["产出指标 数量指标 参保人数 ≥5万人", "质量指标 报销比例 ≥90%", "时效指标 资金拨付时间 年底前",
            "定点医疗机构费用结算 及时支付定点医疗机构费用。 按年编报经费专项预算。",
            "医疗救助 保障医疗救助人次不少于 5000 人次。"]
    assert [t.text for t in tokenize("\n".join(rows))][-5:] == [
        "定点医疗机构费用结算", "及时支付定点医疗机构费用。", "按年编报经费专项预算。",
        "医疗救助", "保障医疗救助人次不少于 5000 人次。"]
