"""The wild corpus's dev documents' gold printed in the main text shapes (tools/dev_shapes.py): figures only rise.

The samples' shapes (tests/test_text_shapes.py) hold four issuers' words; printing the dev gold in the same
shapes tries forty more against each layout. Floors are today's totals (strict F1, fields) over the dev
documents the shapes can print; the test split is never read. A change that lowers one has broken a layout
× content combination: find the document with `tools/dev_shapes.py SHAPE --against SAVED`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from goalparse.evaluate import Score

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import dev_shapes

# shape -> (strict F1, fields) today, over the dev gold in the target layout.
FLOORS: dict[str, tuple[float, float]] = {
    "tab rows": (0.9676, 0.9752),
    "runs of spaces": (0.9676, 0.9752),
    "pipe rows with padding": (0.9675, 0.9752),
    "single spaces between filled cells": (0.9675, 0.9752),
    "one cell per line": (0.9571, 0.9752),
    "rows glued with no separator": (0.7606, 0.9503),
    "the whole table glued into one run": (0.7689, 0.9068),
    "glued into one run, wrapped at a page's width": (0.7209, 0.9006),
    "long cells wrapped over lines": (0.9188, 0.9503),
    "columns aligned by spaces, cells wrapped in place": (0.9313, 0.9658),
    "columns aligned by printed width, cells centred": (0.9368, 0.9503),
    "level cells centred in their merged span, one cell per line": (0.9057, 0.9752),
    "first row's level cells lost, tab rows": (0.845, 0.9752),
}


@pytest.mark.parametrize("shape", list(FLOORS))
def test_dev_gold_printed_in_a_shape_keeps_its_figures(shape: str) -> None:
    _, scores = dev_shapes.score_shape((shape, "target"))
    total = Score()
    for score in scores.values():
        total += score
    summary = total.summary()
    strict, fields = FLOORS[shape]
    assert summary["strict_f1"] >= strict and summary["fields_acc"] >= fields, summary
