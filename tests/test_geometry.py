"""Page geometry from positioned words (any source: a PDF's text layer, OCR): columns, rows, spanning headings."""

from __future__ import annotations

import pytest

from goalparse.read.geometry import Layout, Word, heading_starts

ROW = 16.0  # a row's pitch (points); text 8 points high


def _rows(n: int, top: float = 100.0) -> list[tuple[float, float]]:
    return [(top + k * ROW, top + k * ROW + 8) for k in range(n)]


def _centred(first: int, last: int, top: float = 100.0) -> tuple[float, float]:
    middle = (top + first * ROW + top + last * ROW + 8) / 2
    return (middle - 4, middle + 4)


@pytest.mark.parametrize(("sizes", "id_"), [((2, 4, 2), "even"), ((3, 1, 5), "odd"), ((1, 2, 3), "mixed")])
def test_centred_headings_take_the_blocks_they_span(sizes: tuple[int, ...], id_: str) -> None:
    starts, headings, k = [], [], 0
    for size in sizes:
        starts.append(k)
        headings.append(_centred(k, k + size - 1))
        k += size
    assert heading_starts(_rows(k), [headings], continued=False) == [starts], id_


def test_headings_on_their_blocks_first_row() -> None:
    rows = _rows(6)
    headings = [rows[0], rows[2], rows[5]]
    assert heading_starts(rows, [headings], continued=False) == [[0, 2, 5]]


def test_rows_above_the_first_heading_carry_the_level_on_a_continuation_page() -> None:
    rows = _rows(5)
    # The block cut by the page break goes on for two rows; the next heading is centred on rows 2-4.
    assert heading_starts(rows, [[_centred(2, 4)]], continued=True) == [[2]]
    # On a table's first page no row is left without a heading.
    assert heading_starts(rows, [[_centred(2, 4)]], continued=False)[0][0] == 0


def _line(top: float, *cells: tuple[float, str]) -> list[Word]:
    return [Word(text, x, x + 8 * len(text), top, top + 8) for x, text in cells]


def test_words_from_any_source_become_rows_with_centred_headings() -> None:
    """What OCR hands over: positioned words. A level-1 heading centred on 2 rows lands on the first."""
    words = _line(50, (60, "一级指标"), (160, "二级指标"), (300, "三级指标"), (500, "指标值"))
    words += _line(80, (150, "数量指标"), (290, "培训人数"), (480, "≥100人"))
    words += _line(88, (42, "产出指标"))
    words += _line(96, (150, "质量指标"), (290, "合格率"), (480, "100%"))
    words += _line(112, (42, "效益指标"), (150, "社会效益指标"), (290, "受益人数"), (480, "≥5000人"))
    rows = Layout().rows(words)
    texts = [[c.text for c in r.cells] for r in rows]
    assert texts == [["一级指标", "二级指标", "三级指标", "指标值"],
                     ["产出指标", "数量指标", "培训人数", "≥100人"],
                     ["质量指标", "合格率", "100%"],
                     ["效益指标", "社会效益指标", "受益人数", "≥5000人"]]
    assert [c.col for c in rows[2].cells] == [1, 2, 3]


def test_a_continuation_page_without_header_keeps_the_columns() -> None:
    layout = Layout()
    layout.rows(_line(50, (60, "一级指标"), (160, "二级指标"), (300, "三级指标"), (500, "指标值"))
                + _line(80, (42, "产出指标"), (150, "数量指标"), (290, "培训人数"), (480, "≥100人")))
    rows = layout.rows(_line(40, (290, "合格率"), (480, "100%")))
    assert [(c.col, c.text) for c in rows[0].cells] == [(2, "合格率"), (3, "100%")]


def test_header_labels_wrapped_over_lines_are_one_label_each() -> None:
    """指标值确定 / 依据 wrapped in its header cell, the other labels centred beside it: one header, no stray row."""
    words = _line(46, (620, "指标值确定"))
    words += _line(50, (60, "一级指标"), (160, "二级指标"), (300, "三级指标"), (500, "指标值"))
    words += _line(56, (630, "依据"))
    words += _line(80, (42, "产出指标"), (150, "数量指标"), (290, "培训人数"), (480, "≥100人"), (610, "文件"))
    rows = Layout().rows(words)
    assert [[c.text for c in r.cells] for r in rows] == [
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        ["产出指标", "数量指标", "培训人数", "≥100人", "文件"]]
