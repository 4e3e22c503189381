#!/usr/bin/env python3
"""The wild corpus's dev documents' gold printed in every text shape, parsed and scored.

    .venv/bin/python tools/dev_shapes.py [--layout LAYOUT] [--save FILE] [--against FILE] [SHAPE-SUBSTRING]

tests/text_shapes.py prints the four samples' gold in the layouts real filings and their text
extractions use. The samples hold four issuers' words; the dev documents hold forty more (other
heading trees, region and self-evaluation tables, values in words). Printing their gold in the same
shapes finds layout x content combinations the decoder gets wrong without reading a test document.
Per shape it prints the strict F1 and field accuracy over all dev documents (the test split is never
read); ``--against`` a saved run lists every shape and document that moved. Figures are relative: a
document's plain tab rows are the reference (some gold prints values no shape can rebuild).
"""
from __future__ import annotations

import argparse
import json
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from goalparse import GoalparseError, parse_text  # noqa: E402
from goalparse.emit import to_dict  # noqa: E402
from goalparse.evaluate import Score, score_document  # noqa: E402
from text_shapes import SHAPES, SPLIT_ORDERS, expected_gold, render, split_gold  # noqa: E402

WILD = ROOT / "samples" / "wild"


def _dev_golds() -> list[tuple[str, dict[str, Any]]]:
    split = json.loads((WILD / "split.json").read_text(encoding="utf-8"))["documents"]
    golds = []
    for stem in sorted(s for s, which in split.items() if which == "dev"):
        gold = json.loads((WILD / f"{stem}.gold.json").read_text(encoding="utf-8"))
        if any(t.get("indicators") for t in gold["tables"]) and _printable(gold):
            golds.append((stem, gold))
    return golds


def _printable(gold: dict[str, Any]) -> bool:
    """The shapes lay gold out as the samples' tables are: each table under its title, two periods' rows
    paired. Gold of another structure (no title, a period's rows alone) is left out."""
    try:
        render(gold, "tab rows")
    except (KeyError, ValueError):
        return False
    return True


def score_shape(case: tuple[str, str]) -> tuple[tuple[str, str], dict[str, Score]]:
    """Each printable dev document's score with its gold printed in (shape, layout)."""
    shape, layout = case
    split = SPLIT_ORDERS.get(layout)
    scores = {}
    for stem, gold in _dev_golds():
        expected = expected_gold(gold, shape)
        if split:
            expected = split_gold(expected, split)
        try:
            out = to_dict(parse_text(render(gold, shape, layout == "self-evaluation", split), stem))
        except GoalparseError:
            out = {"tables": []}
        scores[stem] = score_document(expected, out)
    return case, scores


def _figures(score: Score) -> list[float]:
    summary = score.summary()
    return [summary["strict_f1"], summary["fields_acc"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shape", nargs="?", default="", help="only shapes whose name holds this")
    parser.add_argument("--layout", choices=["target", "self-evaluation", *SPLIT_ORDERS], default="target",
                        help="the grid as filed, with self-evaluation columns after the value, or with "
                             "comparator, number and unit in cells of their own")
    parser.add_argument("--save", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--against", type=Path, help="list the figures that moved since this saved run")
    args = parser.parse_args()
    cases = [(s, args.layout) for s in SHAPES if args.shape in s]
    with Pool(2) as pool:
        results = pool.map(score_shape, cases)
    now: dict[str, list[float]] = {}
    for (shape, _), scores in results:
        total = Score()
        for stem, score in scores.items():
            total += score
            now[f"{shape}|{stem}"] = _figures(score)
        now[f"{shape}|TOTAL"] = _figures(total)
        print(f"{now[f'{shape}|TOTAL'][0]:.4f} {now[f'{shape}|TOTAL'][1]:.4f}  {shape}")
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        for key, figures in now.items():
            if key in before and before[key] != figures:
                print(("UP  " if figures >= before[key] else "DOWN"), key, before[key], "->", figures)
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
