"""Properties of the decoder on any text: a Document or a declared error, and no cell lost or used twice."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from goalparse import Document, GoalparseError, parse_text
from goalparse.decode.tokens import tokenize
from goalparse.pipeline import mended, trace_tokens

CELLS = ["项目支出绩效目标表", "（2023年度）", "项目名称", "培训项目", "主管部门", "县教育局", "年度资金总额", "12.5",
         "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "产出指标", "数量指标", "质量指标",
         "效益指标", "社会效益指标", "满意度指标", "培训人数", "≥100人", "95%", "≥", "%", "定量", "10", "合计",
         "年底前完成", "提升群众满意度", "绩效指标", "指标1:", "....."]
SEPARATORS = ["\t", "  ", " | ", " ", "", "\n", " |\n"]

documents = st.lists(st.tuples(st.sampled_from(CELLS), st.sampled_from(SEPARATORS)), min_size=1, max_size=60).map(
    lambda pairs: "".join(cell + sep for cell, sep in pairs))


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_text_gives_a_document_or_a_declared_error(text: str) -> None:
    try:
        doc = parse_text(text, "h.txt")
    except GoalparseError:
        return
    assert isinstance(doc, Document) and doc.tables


@settings(max_examples=300, deadline=None)
@given(documents)
# A name wrapped onto the next line, joined back into one token (issue 11's counterexamples).
@example('项目支出绩效目标表\t提升群众满意度  指标1:\t项目支出绩效目标表\t10\t')
@example('一级指标项目名称\t（2023年度）  项目支出绩效目标表  12.5\t')
@example('一级指标\t项目支出绩效目标表\n（2023年度）\n12.5\t')
@example('一级指标  （2023年度）  一级指标\t项目支出绩效目标表\t项目支出绩效目标表\t项目支出绩效目标表\t≥100人\t')
def test_no_cell_of_a_table_is_lost_or_used_twice(text: str) -> None:
    """Each table region is cut into field part, header and body; every body cell is in exactly one
    row (as a token of it, or as a cell of a token the row made of several cells or cut in pieces) or
    in the unused list; every cell of a row is placed in a slot or left out by name."""
    tokens = tokenize(text)
    stream = mended(tokens)
    for trace in trace_tokens(tokens):
        region, parts = trace.region, trace.parts
        assert parts.fields + parts.header + parts.body == region.tokens
        for row in trace.rows:
            for made in row.remade:
                # A remade token holds exactly its cells' text: joined cells, or one cell cut in pieces.
                pieces = row.tokens[made.start: made.start + made.count]
                assert made.count >= 1 and len(made.cells) + made.count > 2
                assert "".join(t.text for t in pieces) == "".join(t.text for t in made.cells)
        in_rows = [t for row in trace.rows for t in row.cells() if t.text]
        body = [t for t in parts.body if t.text]
        assert sorted(map(id, in_rows + list(trace.unused))) == sorted(map(id, body))
        for placed in trace.placed:
            assert len(placed.slots) == len(placed.row.tokens)
            left_out = {id(t) for t in placed.dropped}
            for n, (token, slot) in enumerate(zip(placed.row.tokens, placed.slots, strict=True)):
                duplicate = n > 0 and placed.row.tokens[n - 1].text == token.text
                assert slot is not None or id(token) in left_out or not token.text or duplicate
        assert all(t in stream for t in region.tokens)
