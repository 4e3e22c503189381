"""Properties: any text gives a Document or a clear GoalparseError, and output survives JSON."""

from __future__ import annotations

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalparse import Document, GoalparseError, parse_bytes, parse_text
from goalparse.emit import to_json

from conftest import SAMPLE_DOCS

WORDS = ["项目名称", "绩效目标表", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "满意度指标",
         "≥95%", "指标1:", ".....", "<p>", "$\\geq", "年度资金总额:", "60.0", "\t", "\t\t", "\n", " ", "可持续", "双重目标"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=60).map("".join))
def test_any_text_gives_a_document_or_a_clear_error(text: str) -> None:
    try:
        doc = parse_text(text, "h.txt")
    except GoalparseError as exc:
        assert str(exc).startswith("h.txt: ") and "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    assert Document.model_validate(orjson.loads(to_json(doc))) == doc


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_a_clear_error(data: bytes) -> None:
    try:
        parse_bytes(data, "b.bin")
    except GoalparseError as exc:
        assert str(exc).startswith("b.bin: ")


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_deleting_lines_never_crashes_or_invents_rows(data: st.DataObject) -> None:
    """Cutting lines out of a real document loses at most the rows cut (never crashes)."""
    doc = data.draw(st.sampled_from(SAMPLE_DOCS))
    lines = doc.read_text(encoding="utf-8").split("\n")
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    text = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    try:
        parsed = parse_text(text, doc.name)
    except GoalparseError:
        return
    full = sum(len(t.indicators) for t in parse_text("\n".join(lines), doc.name).tables)
    kept_rows = sum(1 for k in keep if k)
    assert sum(len(t.indicators) for t in parsed.tables) <= full + kept_rows
