"""Excerpts of public filings the corpus does not hold (tests/excerpts), checked key by key.

Each `<stem>.txt` is a page's text saved byte for byte, with a `.source.json` naming where it came
from; `expected.json` holds what a correct parse gives, written by reading the page before the parser
ran on it. Keys: "tables" (how many), "<n>.<field>" (a table's field, funds or goals as FORMAT.md
defines them) and "<n>.indicator <name>" (that indicator's columns). Text compares as the referee
does (NFKC, whitespace dropped). A key the parser gets wrong today is a strict xfail in KNOWN.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from typing import Any

import pytest

from goalparse import GoalparseError, parse_file
from goalparse.emit import to_dict

from conftest import ROOT

EXCERPTS = ROOT / "tests" / "excerpts"
EXPECTED: dict[str, dict[str, Any]] = json.loads((EXCERPTS / "expected.json").read_text(encoding="utf-8"))
# (stem, key) the parser gets wrong today, with why.
KNOWN: dict[tuple[str, str], str] = {
    ("hubei_hubeigongchengxueyuan_selfeval_nd", "0.title"):
        "the page mark 1/1 glued before the title stays on it",
    ("hubei_hubeigongchengxueyuan_selfeval_nd", "0.project_name"):
        "glued …资助项目主管部门… is cut before 项目主管部门 (a label too), leaving 项目 off the name",
}


@cache
def output(stem: str) -> dict[str, Any]:
    try:
        return to_dict(parse_file(EXCERPTS / f"{stem}.txt"))
    except GoalparseError:
        return {"tables": []}


def norm(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 6)
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return "".join(unicodedata.normalize("NFKC", str(value)).split()).lower()


def parsed(stem: str, key: str) -> Any:
    tables = output(stem)["tables"]
    if key == "tables":
        return len(tables)
    index, _, field = key.partition(".")
    if int(index) >= len(tables):
        return "<no table>"
    table = tables[int(index)]
    if not field.startswith("indicator "):
        return table.get(field, "<absent>")
    name = norm(field.removeprefix("indicator "))
    found = [i for i in table["indicators"] if norm(i["name"]) == name]
    return found[0] if found else "<absent>"


def indicator_view(indicator: Any, keys: list[str]) -> Any:
    """An indicator's columns as the referee reads them: the value as printed, a missing column as ""."""
    if not isinstance(indicator, dict):
        return indicator
    value = indicator.get("value")
    shown = {**indicator, "value": value.get("raw") if isinstance(value, dict) else value}
    return {k: shown.get(k) or "" for k in keys}


CASES = [pytest.param(stem, key, id=f"{stem}:{key}",
                      marks=[pytest.mark.xfail(strict=True, reason=KNOWN[(stem, key)])]
                      if (stem, key) in KNOWN else [])
         for stem, keys in EXPECTED.items() for key in keys]


def test_every_excerpt_has_its_source_and_expectations() -> None:
    stems = {p.stem for p in EXCERPTS.glob("*.txt")}
    assert stems == set(EXPECTED)
    for stem in stems:
        source = json.loads((EXCERPTS / f"{stem}.source.json").read_text(encoding="utf-8"))
        assert source["source_url"].startswith("http") and source["province"] and source["kind"]


@pytest.mark.parametrize(("stem", "key"), CASES)
def test_excerpt_key(stem: str, key: str) -> None:
    expected = EXPECTED[stem][key]
    got = parsed(stem, key)
    if key.partition(".")[2].startswith("indicator "):
        got = indicator_view(got, list(expected))
    assert norm(got) == norm(expected)
