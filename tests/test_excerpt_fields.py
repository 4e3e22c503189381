"""Header fields of public filings the corpus does not hold (tests/excerpts): each excerpt is a stored
page's text as published, each expectation written by reading it (fields_expected.json: every header field
and funds slot a page prints, one case each; expected.json, read by test_excerpts.py, holds the tables,
titles, years, goals and some indicators), before the parser ran.

Every expected key is a case of its own; keys the parser gets wrong today are strict xfails, so a fix
shows up as an unexpected pass (then take the key out of KNOWN_MISSES).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from goalparse import parse_file
from goalparse.emit import to_dict

from conftest import ROOT

EXCERPTS = ROOT / "tests" / "excerpts"
EXPECTED: dict[str, Any] = json.loads((EXCERPTS / "fields_expected.json").read_text(encoding="utf-8"))
ABSENT = "(absent)"

# stem[table] key -> why the parser misses it today.
KNOWN_MISSES = {
    **{f"shaanxi_jiaxian_shenbao_2016[0] {key}": "a blank template's field part ends up in a table of its own "
       "that has no indicators, and the table kept has no fields"
       for key in ("project_name", "department", "department_code", "implementing_unit", "project_attribute",
                   "project_period", "funds.annual_total", "funds.annual_fiscal", "funds.annual_other")},
}


def _cases() -> list[Any]:
    cases = []
    for stem, tables in EXPECTED.items():
        if stem.startswith("_"):
            continue
        for n, table in enumerate(tables if isinstance(tables, list) else [tables]):
            keys = [(f"funds.{k}", v) for k, v in table.get("funds", {}).items()]
            keys += [(k, v) for k, v in table.items() if k != "funds"]
            for key, value in keys:
                case_id = f"{stem}[{n}] {key}"
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case_id])] if case_id in KNOWN_MISSES else []
                cases.append(pytest.param(stem, n, key, value, id=case_id, marks=marks))
    return cases


@cache
def _tables(stem: str) -> list[dict[str, Any]]:
    tables: list[dict[str, Any]] = to_dict(parse_file(EXCERPTS / f"{stem}.txt"))["tables"]
    return tables


def _got(table: dict[str, Any], key: str) -> Any:
    if key.startswith("funds."):
        return (table.get("funds") or {}).get(key.removeprefix("funds."), ABSENT)
    return table.get(key, ABSENT)


@pytest.mark.parametrize(("stem", "table", "key", "value"), _cases())
def test_header_field(stem: str, table: int, key: str, value: Any) -> None:
    tables = _tables(stem)
    assert table < len(tables), f"{stem}: {len(tables)} tables parsed"
    got = _got(tables[table], key)
    if isinstance(value, float | int) and isinstance(got, float | int):
        assert got == pytest.approx(value)
    else:
        assert got == value


def test_every_excerpt_has_its_source_and_expectation() -> None:
    stems = {p.stem for p in EXCERPTS.glob("*.txt")}
    tables = json.loads((EXCERPTS / "expected.json").read_text(encoding="utf-8"))
    expected = {s for s in [*EXPECTED, *tables] if not s.startswith("_")}
    assert stems == expected
    for stem in stems:
        source = json.loads((EXCERPTS / f"{stem}.source.json").read_text(encoding="utf-8"))
        assert {"source_url", "province", "place", "kind", "year", "shows"} <= set(source), stem


def test_known_misses_name_expected_keys() -> None:
    ids = {p.id for p in _cases()}
    assert set(KNOWN_MISSES) <= ids
