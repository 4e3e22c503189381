"""Excerpts of public filings the corpus does not hold (tests/excerpts), read by a person first.

tests/excerpts/expected.json says, per page, how many tables a correct parse finds and, per table,
the keys checked (samples/FORMAT.md rules; goals compared whole). Text is compared as the referee
compares it (NFKC, whitespace dropped). What the parser gets wrong today is a strict xfail, so a fix
shows up as an unexpected pass.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from typing import Any

import pytest

from goalparse import GoalparseError, parse_file
from goalparse.emit import to_dict

from conftest import ROOT

EXCERPTS = ROOT / "tests" / "excerpts"
EXPECTED: dict[str, Any] = {k: v for k, v in json.loads((EXCERPTS / "expected.json").read_text(encoding="utf-8")).items()
                            if not k.startswith("_")}
# Wrong today: "<stem>:tables" or "<stem>:<table index>:<key>", each with the reason.
KNOWN: dict[str, str] = {
    "hunan_ningxiang_project_2021:0:goals": "long-term and annual goal texts glued with no break between them",
    "hubei_guangshui_dept_2021:tables": "a titled table cut before its grid and project name is dropped",
    "hubei_guangshui_dept_2021:0:title": "the table is not found",
    "hubei_guangshui_dept_2021:0:goals": "the table is not found",
    "fujian_dehuaxian_special_2025:tables": "a title glued after a notice's text, cut before its grid, is not found",
    "fujian_dehuaxian_special_2025:0:title": "the table is not found",
    "fujian_dehuaxian_special_2025:0:year": "the table is not found",
    "fujian_dehuaxian_special_2025:0:goals": "the table is not found",
    "yunnan_shengji_guide_nd:tables": "a table kind named in running text (…和项目绩效目标申报表3张报表) opens a table",
    "hubei_hubeigongchengxueyuan_selfeval_nd:0:title": "the page mark 1/1 glued before the title stays on it",
}


@cache
def parsed(stem: str) -> list[dict[str, Any]]:
    try:
        tables: list[dict[str, Any]] = to_dict(parse_file(EXCERPTS / f"{stem}.txt"))["tables"]
    except GoalparseError:
        return []
    return tables


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _case(case_id: str) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[case_id])] if case_id in KNOWN else []
    return pytest.param(case_id, marks=marks, id=case_id)


COUNTS = [_case(f"{stem}:tables") for stem in EXPECTED]
KEYS = [_case(f"{stem}:{i}:{key}") for stem, page in EXPECTED.items()
        for i, table in enumerate(page["tables"]) for key in table]


def test_known_failures_name_real_cases() -> None:
    ids = {p.values[0] for p in COUNTS + KEYS}
    assert set(KNOWN) <= ids, set(KNOWN) - ids


@pytest.mark.parametrize("case_id", COUNTS)
def test_table_count(case_id: str) -> None:
    stem = case_id.split(":")[0]
    assert len(parsed(stem)) == len(EXPECTED[stem]["tables"]), [t.get("title") for t in parsed(stem)]


@pytest.mark.parametrize("case_id", KEYS)
def test_table_key(case_id: str) -> None:
    stem, index, key = case_id.split(":")
    want = EXPECTED[stem]["tables"][int(index)][key]
    tables = parsed(stem)
    assert int(index) < len(tables), f"table {index} not found"
    got = tables[int(index)].get(key, {} if key == "goals" else None)
    if key == "indicators":
        got = [_indicator(tables[int(index)], i) for i in want]
    assert _norm(got) == _norm(want)


def _indicator(table: dict[str, Any], want: dict[str, Any]) -> dict[str, Any] | None:
    """The parsed indicator of the expected one's name, on the expected keys: the value as printed, a column
    printed blank (or not read) as ""."""
    found = [i for i in table["indicators"] if _norm(i["name"]) == _norm(want["name"])]
    if not found:
        return None
    value = found[0].get("value")
    shown = {**found[0], "value": value.get("raw") if isinstance(value, dict) else value}
    return {k: shown.get(k) or "" for k in want}
