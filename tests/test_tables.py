"""Step 3: documents -> table blocks (titles, tables of contents, years, narrative)."""

from __future__ import annotations

import pytest

from goalparse import parse_text
from goalparse.decode.mend import mend
from goalparse.decode.tables import find_tables, is_toc
from goalparse.decode.tokens import tokenize
from goalparse.lexicon.classify import title_of, year_of
from goalparse.read.text import read_path

from conftest import gold_for, sample_line


@pytest.mark.parametrize(
    ("line", "title"),
    [
        pytest.param(sample_line("001", 3), "部门预算财政支出绩效目标批复表", id="001:L3 批复表"),
        pytest.param(sample_line("002", 3), "项目支出绩效目标表", id="002:L3 项目支出绩效目标表"),
        pytest.param(sample_line("003", 3), "永宁县医疗保障局部门项目支出预算绩效目标申报表", id="003:L3 markdown 申报表"),
        pytest.param(sample_line("004", 110), "“三重”保障及其他困难群众医疗救助绩效目标表", id="004:L110 numbered title"),
        pytest.param(sample_line("004", 21), None, id="004:L21 table of contents entry"),
        pytest.param(sample_line("004", 108), None, id="004:L108 section heading"),
        pytest.param("绩效指标：参保率≥95%，受益人群满意度95%以上。", None, id="narrative sentence"),
        pytest.param("修复工程附件2秀屿区2025年水利专项资金绩效目标表", "秀屿区2025年水利专项资金绩效目标表",
                     id="excerpt: notice text glued before an attachment's mark and title"),
        pytest.param("附件22025年农作物新品种展示示范专项资金绩效目标表(2025年度)", "2025年农作物新品种展示示范专项资金绩效目标表",
                     id="excerpt: attachment 2 over a title opening with its year"),
        pytest.param("黄山市公安局2025年项目绩效目标和指标", "黄山市公安局2025年项目绩效目标和指标",
                     id="wild dev 29: a title that names no 表"),
        pytest.param("绩效目标和指标", None, id="the ending alone is a heading, no title"),
    ],
)
def test_title_of(line: str, title: str | None) -> None:
    found = [t for t in (title_of(tok.text) for tok in tokenize(line)) if t]
    assert (found[0] if found and not is_toc_row(line) else None) == title


@pytest.mark.parametrize(
    ("line", "toc"),
    [
        pytest.param(sample_line("004", 15), True, id="004:L15 dot leaders and page"),
        pytest.param(sample_line("004", 22), True, id="004:L22 numbered entry"),
        pytest.param(sample_line("003", 21), False, id="003:L21 '.....' placeholder row is not a TOC"),
    ],
)
def test_is_toc_row(line: str, toc: bool) -> None:
    assert is_toc_row(line) is toc


def is_toc_row(line: str) -> bool:
    return is_toc(tokenize(line))


@pytest.mark.parametrize(
    ("text", "year"),
    [("(2021 年度)", 2021), ("（ 2021 年度）", 2021), ("2024 年部门预算绩效文本", 2024), ("项目期 3年", None)],
)
def test_year_of(text: str, year: int | None) -> None:
    assert year_of(text) == year


def test_every_sample_segments_into_its_gold_tables(samples) -> None:
    for doc in samples:
        blocks = find_tables(mend(tokenize(read_path(doc).text)))
        gold = gold_for(doc)["tables"]
        assert [b.title for b in blocks] == [t["title"] for t in gold], doc.name
        assert [b.year for b in blocks] == [t["year"] for t in gold], doc.name


def test_narrative_before_tables_is_not_a_table() -> None:
    text = "\n".join([
        "2024 年部门预算绩效文本", "目 录", "1.离休干部医药费绩效目标表.....\t10",
        "绩效指标：保障人数小于等于 60 人；资金到位率 $\\geq 95\\%$ 。",
        "1.离休干部医药费绩效目标表", "项目名称\t离休干部医药费",
        "一级指标\t二级指标\t三级指标\t指标值", "产出指标\t数量指标\t保障人数\t≤60 人",
    ])
    blocks = find_tables(mend(tokenize(text)))
    assert len(blocks) == 1
    assert blocks[0].title == "离休干部医药费绩效目标表"
    assert blocks[0].year == 2024
    assert blocks[0].tokens[0].line == 6


def test_a_title_glued_after_the_last_row_opens_the_next_table() -> None:
    # Two project tables exported with every cell break dropped (wild dev, Gansu city project tables).
    text = ("项目支出绩效目标表(2023年度)项目名称甲项目主管部门文旅局一级指标二级指标三级指标指标目标值"
            "产出指标数量指标免费开放天数=300天满意度指标服务对象满意度指标服务对象满意度%=99%"
            "项目支出绩效目标表2023年度项目名称乙项目主管部门文旅局")
    regions = find_tables(mend(tokenize(text)))
    assert [r.title for r in regions] == ["项目支出绩效目标表", "项目支出绩效目标表"]
    assert "项目支出绩效目标表" not in [t.text for t in regions[0].tokens]
    assert [t.text for t in regions[0].tokens][-2:] == ["服务对象满意度%", "=99%"]


def test_a_long_value_printed_one_cell_a_line_does_not_end_the_grid() -> None:
    long_value = "1937年7月7日前参加革命工作的定额为3500元;1937年7月7日至1945年9月2日前参加革命工作的定额为2500元。"
    cells = ["项目支出绩效目标表", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "门诊医药费",
             long_value, "质量指标", "报销标准", "100%"]
    regions = find_tables(mend(tokenize("\n".join(cells))))
    assert len(regions) == 1 and regions[0].tokens[-1].text == "100%" and regions[0].ended_by is None
    # Narrative after the grid, with no level heading after it, still ends it.
    regions = find_tables(mend(tokenize("\n".join([*cells, long_value, "附表说明"]))))
    assert regions[0].ended_by is not None and regions[0].tokens[-1].text == "100%"


def test_a_page_number_between_rows_is_no_row_and_the_header_printed_again_ends_nothing() -> None:
    # Tab rows cut by a page break: the page footer between two rows is no row.
    grid = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t参保人数\t≥5万人\n"
    table = parse_text(grid + "第1页 共2页\n\t质量指标\t报销比例\t≥90%\n").tables[0]
    assert [(i.name, i.value.raw) for i in table.indicators] == [("参保人数", "≥5万人"), ("报销比例", "≥90%")]
    # One cell a line: a long completed value, then the page footer and the header printed again; the
    # next level heading is near in cells of rows, so the long value does not end the table.
    header = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    long_value = "按照" + "全县参保城乡居民医疗保障待遇标准执行" * 4 + "。"
    cells = [*header, "产出指标", "数量指标", "参保人数", "≥5万人", "≥5万人", "10", "10", "按计划完成",
             "待遇标准", long_value, long_value, "10", "10", "按计划完成", "第1页 共2页", *header,
             "资金拨付时间", "年底前", "年底前", "10", "10", "按计划完成", "质量指标", "报销比例", "≥90%", "≥90%", "10", "10"]
    table = parse_text("\n".join(cells)).tables[0]
    assert [i.name for i in table.indicators] == ["参保人数", "待遇标准", "资金拨付时间", "报销比例"]
