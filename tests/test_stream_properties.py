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

# A self-evaluation grid glued row by row, points and score run together (109: points 10, score 9).
GLUED_POINTS = ("项目支出绩效自评表\n项目名称\t培训项目\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                "产出指标数量指标培训人数≥100人120人109\n产出指标质量指标培训合格率≥95%98%2018\n")
# One cell per line: a name wrapped onto the next line before its value.
WRAPPED_NAME = "项目支出绩效目标表\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\n数量指标\n组织开展全市医疗保障系统\n专门法律知识培训及考试\n1次\n"


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
@example(WRAPPED_NAME)
@example(GLUED_POINTS)  # one cell cut in two
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
                pieces = row.tokens[made.start: made.start + made.span]
                assert made.span >= 1 and len(made.cells) + made.span > 2
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



def test_a_row_keeps_the_cells_it_cut_or_joined() -> None:
    """The trace says which body cells a cut or joined token was made of, and the row's cells are those."""
    (trace,) = trace_tokens(tokenize(GLUED_POINTS))
    cut = [(row, made) for row in trace.rows for made in row.remade]
    assert [([c.text for c in made.cells], [t.text for t in row.tokens[made.start: made.start + made.span]])
            for row, made in cut] == [(["109"], ["10", "9"]), (["2018"], ["20", "18"])]
    assert all(any(c is t for t in trace.parts.body) for _, made in cut for c in made.cells)
    (trace,) = trace_tokens(tokenize(WRAPPED_NAME))
    (row,) = trace.rows
    assert [t.text for t in row.tokens] == ["产出指标", "数量指标", "组织开展全市医疗保障系统专门法律知识培训及考试", "1次"]
    assert [t.text for t in row.cells()] == ["产出指标", "数量指标", "组织开展全市医疗保障系统", "专门法律知识培训及考试", "1次"]
    assert all(any(c is t for t in trace.parts.body) for c in row.cells())
