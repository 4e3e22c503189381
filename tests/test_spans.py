"""Step 7: level headings printed at the middle of their merged cell are in force from its first row."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from goalparse import parse_text
from goalparse.cli import main

HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def _levels(text: str) -> list[tuple[str | None, str | None, str]]:
    table = parse_text(text, "t.txt").tables[0]
    return [(i.level1, i.level2, i.name) for i in table.indicators]


# A PDF's text: 产出指标 over six rows printed on the third, 数量指标 over three on the second, 质量指标
# over three on the second; 满意度指标 over one row.
CENTRED = "\n".join([
    HEADER,
    "\t\t培训人次\t≥300人次",
    "\t数量指标\t发放手册数量\t≥500册",
    "产出指标\t\t检查次数\t≥4次",
    "\t\t培训合格率\t≥95%",
    "\t质量指标\t检查覆盖率\t100%",
    "\t\t资料归档合格率\t≥98%",
    "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%",
])


def test_centred_headings_take_the_rows_above_them() -> None:
    assert _levels(CENTRED) == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "数量指标", "发放手册数量"),
        ("产出指标", "数量指标", "检查次数"), ("产出指标", "质量指标", "培训合格率"),
        ("产出指标", "质量指标", "检查覆盖率"), ("产出指标", "质量指标", "资料归档合格率"),
        ("满意度指标", "服务对象满意度指标", "学员满意度"),
    ]


def test_the_rows_words_choose_between_tilings() -> None:
    # 数量指标 on the second of four rows or of three: the third row's 及时 and its date put it under 时效指标.
    text = "\n".join([
        HEADER,
        "\t\t培训人次\t≥300人次",
        "\t数量指标\t发放手册数量\t≥500册",
        "产出指标\t\t手册发放及时率\t2025年6月底前",
        "\t时效指标\t培训完成时间\t2025年10月底前",
        "\t\t资料归档及时率\t2025年12月底前",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%",
    ])
    got = [level2 for _, level2, _ in _levels(text)]
    assert got == ["数量指标", "数量指标", "时效指标", "时效指标", "时效指标", "服务对象满意度指标"]


def test_headings_that_open_their_spans_stay_where_they_are() -> None:
    text = "\n".join([
        HEADER,
        "产出指标\t数量指标\t培训人次\t≥300人次",
        "\t\t发放手册数量\t≥500册",
        "\t\t检查次数\t≥4次",
        "\t质量指标\t培训合格率\t≥95%",
        "\t\t检查覆盖率\t100%",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%",
    ])
    assert [level2 for _, level2, _ in _levels(text)] == ["数量指标"] * 3 + ["质量指标"] * 2 + ["服务对象满意度指标"]


def test_a_heading_alone_in_a_row_means_headings_open_their_spans() -> None:
    # The first row precedes every heading, yet the grid prints a heading on a row of its own: no centring.
    text = "\n".join([
        HEADER,
        "\t\t培训人次\t≥300人次",
        "产出指标",
        "\t数量指标\t发放手册数量\t≥500册",
        "\t\t检查次数\t≥4次",
        "\t质量指标\t培训合格率\t≥95%",
        "\t\t检查覆盖率\t100%",
    ])
    got = [level2 for _, level2, _ in _levels(text)]
    assert got[1:] == ["数量指标", "数量指标", "质量指标", "质量指标"]


def test_debug_shows_where_a_centred_heading_came_from(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "t.txt"
    path.write_text(CENTRED, encoding="utf-8")
    result = CliRunner().invoke(main, ["debug", "--stage", "rows", str(path)])
    rows = [orjson.loads(line) for line in result.output.splitlines()]
    first = rows[0]
    assert {(s["slot"], s["text"], s["line"]) for s in first["spans_from_below"]} == {
        ("level1/annual", "产出指标", 4), ("level2/annual", "数量指标", 3)}
    assert all("spans_from_below" not in r for r in rows[1:3])


def test_a_grid_whose_first_row_lost_its_headings_is_not_read_as_centred() -> None:
    # Headings open their blocks; the first row's level cells were printed on the page before. Its 质量指标
    # could be the middle of rows 1-3, but 效益指标 and 满意度指标 cannot be middles of theirs: the grid is not
    # centred, and the row above 质量指标 is 数量指标's (the category before it).
    text = "\n".join([
        HEADER,
        "\t\t培训人次\t≥300人次",
        "\t质量指标\t培训合格率\t≥95%",
        "\t\t检查覆盖率\t100%",
        "效益指标\t社会效益指标\t群众知晓率\t≥90%",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%",
    ])
    assert [level2 for _, level2, _ in _levels(text)] == ["数量指标", "质量指标", "质量指标", "社会效益指标",
                                                         "服务对象满意度指标"]


def test_a_level1_block_whose_heading_is_printed_nowhere_lost_it_with_the_first_row() -> None:
    # Only one level-1 heading is printed, on the last row: no tiling makes it a middle, and the level-2
    # headings above it (质量, 时效, 成本) are 产出指标's, a heading the column prints nowhere. A centred cell
    # is printed somewhere in its span; a heading lost with the first row's cells is not: the rows above
    # 质量指标 keep no level-2 of its (they are the category before it, 数量指标).
    text = "\n".join([
        HEADER,
        "\t\t主体班培训人次\t280人次",
        "\t\t邀请名师授课人次\t25人次",
        "\t质量指标\t培训完成率\t100%",
        "\t\t授课完成率\t100%",
        "\t\t课程数量达标率\t100%",
        "\t时效指标\t及时完成率\t100%",
        "\t成本指标\t成本控制率\t100%",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥95%",
    ])
    assert [level2 for _, level2, _ in _levels(text)] == [
        "数量指标", "数量指标", "质量指标", "质量指标", "质量指标", "时效指标", "成本指标", "服务对象满意度指标"]
