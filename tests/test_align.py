"""Stage 5: rows placed into layout slots by content, with positions as a tie-breaker."""

from __future__ import annotations

import pytest

from goalparse.align import TWO_PERIOD, align_row, detect_layout
from goalparse.cells import split_line, split_text

from conftest import sample_line

HEADER_001 = sample_line("001", 17)


def placed(line: str, header: str | None = HEADER_001) -> list[str]:
    rows = [split_line(1, header)] if header else []
    layout = detect_layout([*rows, split_line(2, line)])[0] if header else TWO_PERIOD
    grid = align_row(split_line(2, line), layout)
    assert grid is not None
    return [f"{p.slot.column}/{p.slot.period[0]}" if p.slot else "-" for p in grid.placed]


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        pytest.param(sample_line("001", 18),
                     ["level1/m", "level2/m", "-", "name/m", "value/m", "level2/a", "name/a", "value/a"],
                     id="001:L18 level-2 heading duplicated into two columns"),
        pytest.param(sample_line("001", 19), ["name/m", "name/a", "value/a"],
                     id="001:L19 empty medium-term value"),
        pytest.param(sample_line("001", 31),
                     ["level2/m", "name/m", "value/m", "level2/a", "name/a", "value/a"],
                     id="001:L31 row label, garbled heading, cells shifted left"),
        pytest.param(sample_line("001", 34),
                     ["level2/m", "name/m", "value/m", "level2/a", "name/a", "value/a"],
                     id="001:L34 成本指标 as level 2, shifted left"),
        pytest.param(sample_line("001", 35), ["level1/m", "level2/m", "level2/a"], id="001:L35 heading-only row"),
    ],
)
def test_two_period_rows(line: str, slots: list[str]) -> None:
    assert placed(line) == slots


@pytest.mark.parametrize(
    ("line", "slots"),
    [
        pytest.param(sample_line("001", 19), ["name/m", "name/a", "value/a"], id="001:L19 same name on both sides"),
        pytest.param(sample_line("003", 189), ["name/m", "name/a", "value/a"], id="003:L189 placeholder then a name"),
        pytest.param(sample_line("003", 60), ["level1/m", "level2/m", "name/m", "level2/a", "name/a", "value/a"],
                     id="003:L60 headings split by spaces"),
    ],
)
def test_two_period_rows_without_positions(line: str, slots: list[str]) -> None:
    """Re-spaced dumps lose column positions: content alone must place the cells."""
    respaced = line.replace("\t", "  ")
    assert placed(respaced, header=None) == slots


def test_desc_layout_keeps_a_name_that_reads_like_a_heading() -> None:
    header = sample_line("004", 142)
    line = sample_line("004", 148)
    layout, _ = detect_layout([split_line(1, header), split_line(2, line)])
    assert layout.kind == "described"
    grid = align_row(split_line(2, line), layout)
    assert grid is not None
    assert grid.get("name") is not None and grid.get("name").text == "服务对象满 意度指标"
    assert grid.get("description") is not None and grid.get("basis") is not None


def test_two_period_detected_from_rows_when_header_is_single() -> None:
    doc = "\n".join(sample_line("003", n) for n in range(59, 90))
    layout, header_at = detect_layout(split_text(doc))
    assert header_at == 0
    assert layout.kind == "two_period"
