"""Stage 6: headings -> canonical nodes (exact, fuzzy, fragments, unknown)."""

from __future__ import annotations

import pytest

from goalparse.lexicon.taxonomy import choose_level2, match_heading, tree


@pytest.mark.parametrize(
    ("printed", "codes", "how"),
    [
        pytest.param("产出指标", {"output"}, "exact", id="001:L18 level 1"),
        pytest.param("时效性", {"output.timeliness"}, "exact", id="001:L27 时效性 variant"),
        pytest.param("服务对象满意", {"satisfaction.beneficiary"}, "exact", id="001:L75 truncated heading"),
        pytest.param("满意 度指 标", {"satisfaction", "satisfaction.beneficiary"}, "exact", id="003:L86 split by spaces"),
        pytest.param("可持 续影 响 指标", {"benefit.sustainable"}, "exact", id="003:L82 split by spaces"),
        pytest.param("社会效益指 标", {"benefit.social"}, "exact", id="004:L127 wrapped"),
        pytest.param("成本指标", {"output.cost", "cost", "cost.unspecified"}, "exact", id="002:L31 成本 level 1 or 2"),
        pytest.param("生态环境效益指标", {"benefit.ecological"}, "exact", id="TAXONOMY variant"),
        pytest.param("產出指標", {"output"}, "exact", id="traditional script"),
        pytest.param("效益指标(30分)", {"benefit"}, "exact", id="score suffix"),
        pytest.param("社会效益指示", {"benefit.social"}, "fuzzy", id="OCR-garbled last character"),
        pytest.param("可持续", {"benefit.sustainable"}, "fragment", id="001:L72 first half of a split heading"),
        pytest.param("影响指标", {"benefit.sustainable"}, "fragment", id="001:L74 second half of a split heading"),
        pytest.param("双重目标", set(), "unknown", id="001:L31 OCR garbage heading"),
        pytest.param("预算(或投资规模)控制指标", {"output.cost"}, "exact", id="note offering another word"),
        pytest.param("社会、经济、生态效益 指标", set(), "unknown", id="heading listing several kinds"),
    ],
)
def test_match_heading(printed: str, codes: set[str], how: str) -> None:
    match = match_heading(printed)
    assert match is not None
    assert {n.code for n in match.nodes} == codes
    assert match.how == how


@pytest.mark.parametrize(
    "printed",
    [
        pytest.param("项目总成本", id="001:L34 indicator name near 项目成本"),
        pytest.param("1.基金运行分析会", id="002:L31 numbered name"),
        pytest.param("服务对象满意度%", id="004:L169 name with a percent sign"),
        pytest.param("受益群众满意度调查", id="004:L128 name mentioning 满意度"),
        pytest.param("指标1:", id="003:L16 placeholder"),
        pytest.param("培训、宣传目标", id="a goal text listing kinds"),
    ],
)
def test_names_are_not_headings(printed: str) -> None:
    assert match_heading(printed) is None


@pytest.mark.parametrize(
    ("level1", "code"),
    [("output", "output.cost"), ("cost", "cost.unspecified"), (None, "cost.unspecified"), ("benefit", "cost.unspecified")],
)
def test_cost_heading_level_2_depends_on_level_1(level1: str | None, code: str) -> None:
    match = match_heading("成本指标")
    assert match is not None
    chosen = choose_level2(match, level1)
    assert chosen is not None and chosen.code == code


def test_taxonomy_data_is_consistent() -> None:
    t = tree()
    for node in t.nodes.values():
        assert node.level in (1, 2)
        if node.level == 2:
            assert node.parent in t.nodes and t.nodes[node.parent].level == 1, node.code
        else:
            assert node.parent is None
    assert {"output", "benefit", "satisfaction", "cost"} <= set(t.nodes)
