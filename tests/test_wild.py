"""The wild corpus (samples/wild): real published excerpts the parser was not built on.

Each document is scored against its hand-read gold by the referee's measures. Today's figures
are a floor (tests/wild_floor.json) that can only rise: a drop fails, per document and per split.
A document that does not parse yet (below PARSES) is a strict xfail, so a fix shows up as an
unexpected pass; then raise its floor with `python tools/wild_floor.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import pytest

from goalparse import GoalparseError, parse_file
from goalparse.emit import to_dict
from goalparse.evaluate import GoldDocument, Score, format_summary, gold_documents, score_document

from conftest import ROOT

WILD = ROOT / "samples" / "wild"
FLOOR = json.loads((ROOT / "tests" / "wild_floor.json").read_text(encoding="utf-8"))
DOCUMENTS = gold_documents(WILD)
BY_STEM = {d.stem: d for d in DOCUMENTS}
# What "the document parses" means: the rebuilt core's targets for the corpus (issue 11).
PARSES = {"strict_f1": 0.90, "fields_acc": 0.85}
PROVENANCE_KEYS = {"source_url", "province", "place", "issuer", "year", "kind", "shape", "shapes",
                   "copied", "cut", "annotated_by", "double_read"}


@cache
def output(stem: str) -> dict[str, Any]:
    """The parser's record for one document, as the CLI would write it ({"tables": []} when refused)."""
    source = BY_STEM[stem].source
    assert source is not None
    try:
        return to_dict(parse_file(source))
    except GoalparseError:
        return {"tables": []}


def score(document: GoldDocument) -> Score:
    return score_document(orjson.loads(document.gold.read_bytes()), output(document.stem))


def test_the_corpus_is_as_broad_as_promised() -> None:
    provenance = [json.loads((WILD / f"{d.stem}.source.json").read_text(encoding="utf-8")) for d in DOCUMENTS]
    provinces = Counter(p["province"] for p in provenance)
    indicators = sum(len(t["indicators"]) for d in DOCUMENTS
                     for t in orjson.loads(d.gold.read_bytes())["tables"])
    assert len(DOCUMENTS) >= 40
    assert indicators >= 350
    assert len(provinces) >= 15 and max(provinces.values()) <= 4, provinces
    assert {"project", "dept", "region", "selfeval", "approval"} <= {p["kind"] for p in provenance}


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_every_document_has_source_provenance_and_double_read_gold(stem: str) -> None:
    document = BY_STEM[stem]
    assert document.source is not None and document.source.suffix == ".txt"
    gold = orjson.loads(document.gold.read_bytes())
    assert gold["source"] == document.source.name
    assert any(t["indicators"] for t in gold["tables"]), "keep only excerpts with an indicator row"
    provenance = json.loads((WILD / f"{stem}.source.json").read_text(encoding="utf-8"))
    assert provenance.keys() >= PROVENANCE_KEYS
    assert provenance["double_read"], "every gold file is read a second time"
    assert document.shapes


def test_the_split_is_fixed_and_covers_every_document() -> None:
    split = json.loads((WILD / "split.json").read_text(encoding="utf-8"))["documents"]
    assert set(split) == set(BY_STEM)
    counts = Counter(split.values())
    assert set(counts) == {"dev", "test"}
    assert counts["test"] == len(split) // 3


def _floor_params() -> list[Any]:
    params = []
    for stem in sorted(BY_STEM):
        floor = FLOOR["documents"][stem]
        failing = any(floor[k] < v for k, v in PARSES.items())
        marks = [pytest.mark.xfail(strict=True, reason=f"does not parse yet: {floor}")] if failing else []
        params.append(pytest.param(stem, marks=marks, id=stem))
    return params


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_no_document_drops_below_its_floor(stem: str) -> None:
    summary = score(BY_STEM[stem]).summary()
    floor = FLOOR["documents"][stem]
    assert summary["strict_f1"] >= floor["strict_f1"], (summary, floor)
    assert summary["fields_acc"] >= floor["fields_acc"], (summary, floor)


@pytest.mark.parametrize("stem", _floor_params())
def test_document_parses(stem: str) -> None:
    summary = score(BY_STEM[stem]).summary()
    assert all(summary[k] >= v for k, v in PARSES.items()), summary


@pytest.mark.parametrize("split", ["dev", "test", "all"])
def test_split_totals_never_drop(split: str) -> None:
    total = Score()
    for document in DOCUMENTS:
        if split in ("all", document.split):
            total += score(document)
    summary = total.summary()
    floor = FLOOR["totals"][split]
    assert summary["strict_f1"] >= floor["strict_f1"], (summary, floor)
    assert summary["fields_acc"] >= floor["fields_acc"], (summary, floor)


def test_floor_file_names_exactly_the_corpus() -> None:
    assert set(FLOOR["documents"]) == set(BY_STEM)


def _referee(gold: Path, output_dir: Path) -> dict[str, Any]:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "score.py"), str(gold), str(output_dir), "--json"],
                         capture_output=True, text=True, check=True)
    return dict(orjson.loads(run.stdout))


def test_goalparse_eval_agrees_with_the_referee_on_the_corpus(tmp_path: Path) -> None:
    for document in DOCUMENTS:
        (tmp_path / f"{document.stem}.json").write_bytes(orjson.dumps(output(document.stem)))
    theirs = _referee(WILD, tmp_path)
    total = Score()
    for document in DOCUMENTS:
        ours = score(document)
        total += ours
        assert theirs[document.stem] == ours.summary(), document.stem
    assert theirs["TOTAL"] == total.summary()


def test_tables_pair_by_indicator_overlap_when_the_names_differ(tmp_path: Path) -> None:
    """A misread project name costs a field, not the table's indicators: both scorers agree."""
    indicator = {"period": "annual", "level1": "产出指标", "level2": "数量指标", "name": "培训人数", "value": "≥100人"}
    other = {**indicator, "name": "检查次数", "value": "4次"}
    gold = {"source": "x.txt", "tables": [
        {"project_name": "甲项目", "indicators": [indicator, other]},
        {"project_name": "乙项目", "indicators": [other]},
    ]}
    out = {"tables": [
        {"project_name": "乙项目", "indicators": [other]},
        {"project_name": "甲项目（误读）", "indicators": [indicator, other]},
        {"project_name": "丙项目", "indicators": []},
    ]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "gold" / "x.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "out" / "x.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    ours = score_document(gold, out).summary()
    assert ours == _referee(tmp_path / "gold", tmp_path / "out")["x"]
    assert ours["strict_f1"] == 1.0 and ours["tables"] == "2/2 (+1 extra)"
    assert ours["fields_acc"] == 0.5


def test_eval_prints_dev_test_and_all_totals() -> None:
    run = subprocess.run([str(Path(sys.executable).parent / "goalparse"), "eval", str(WILD), "--show", "0"],
                         capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[-3:]] == ["TOTAL dev", "TOTAL test", "TOTAL"]
    assert sum(1 for line in lines if line.split(" [")[0] in BY_STEM) == len(DOCUMENTS)
    for line, split in zip(lines[-3:], ["dev", "test", "all"], strict=True):
        total = Score()
        for document in DOCUMENTS:
            if split in ("all", document.split):
                total += score(document)
        assert line.split(": ", 1)[1] == format_summary("", total.summary()).split(": ", 1)[1]


def test_eval_lists_the_misses_of_dev_documents_only_unless_asked() -> None:
    exe = str(Path(sys.executable).parent / "goalparse")
    hidden = subprocess.run([exe, "eval", str(WILD)], capture_output=True, text=True, check=True).stdout
    shown = subprocess.run([exe, "eval", str(WILD), "--show-test"], capture_output=True, text=True, check=True).stdout

    def listed(out: str, split: str) -> int:
        count, current = 0, None
        for line in out.splitlines():
            if not line.startswith(" "):
                current = line.split(" [")[1].split("]")[0] if " [" in line else None
            elif current == split:
                count += 1
        return count

    assert listed(hidden, "dev") > 0 and listed(hidden, "test") == 0
    assert listed(shown, "test") > 0
