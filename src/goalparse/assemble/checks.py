"""Stage: consistency checks across one table -> warnings (never silent fixes).

- GP401 funds that do not add up (fiscal + other + carry-over != total)
- GP402 annual funds above the medium-term funds
- GP403 a 成本指标 amount above the period's total funds
- GP404 a quantitative value whose unit the heading does not expect (万元 under 数量指标)
- GP405 one indicator name with different values in one table and period

Rules and unit groups live in ``schemas/checks.json``.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any, Final

from ..lexicon.normalise import match_key
from ..lexicon.vocab import load
from ..records import Diagnostic, Funds, Indicator, Table

PERIOD_NAMES: Final = {"annual": "annual", "medium_term": "medium-term"}


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = load("checks")
    return rules


def unit_group(unit: str | None) -> str | None:
    """'万元' -> 'money', '%' -> 'percent'; rates such as 元/人 belong to no group."""
    if not unit:
        return None
    for group, units in _rules()["unit_groups"].items():
        if unit in units:
            return str(group)
    return None


def amount_in_wan(ind: Indicator) -> float | None:
    """The value as an amount in 万元, when it is one (not a rate such as 元/人)."""
    v = ind.value
    if v.kind != "quantitative" or v.number is None or v.unit is None:
        return None
    factor = _rules()["to_wan"].get(v.unit)
    return None if factor is None else float(v.number) * float(factor)


def _funds_checks(funds: Funds, line: int | None) -> list[Diagnostic]:
    tol = _rules()["tolerance_wan"]
    out = []
    for period in ("medium_term", "annual"):
        total = getattr(funds, f"{period}_total")
        parts = [getattr(funds, f"{period}_{k}") for k in ("fiscal", "other", "carryover")]
        if total is None or all(p is None for p in parts):
            continue
        added = sum(p for p in parts if p is not None)
        if abs(added - total) > tol:
            out.append(Diagnostic(code="GP401", line=line, message=(
                f"{PERIOD_NAMES[period]} funds do not add up: parts {added:g} != total {total:g} 万元")))
    if funds.annual_total is not None and funds.medium_term_total is not None \
            and funds.annual_total > funds.medium_term_total + tol:
        out.append(Diagnostic(code="GP402", line=line, message=(
            f"annual funds {funds.annual_total:g} above medium-term funds {funds.medium_term_total:g} 万元")))
    return out


def _indicator_checks(table: Table) -> list[Diagnostic]:
    rules = _rules()
    tol = rules["tolerance_wan"]
    out = []
    for ind in table.indicators:
        if ind.value.kind != "quantitative" or not ind.value.unit:
            continue  # both checks below are about amounts with units
        line, page = ind.provenance.line, ind.provenance.page
        unit = ind.value.unit
        expect = rules["level2_units"].get(ind.level2_code or "", {})
        group = unit_group(unit)
        if group in expect.get("forbid", []):
            out.append(Diagnostic(code="GP404", line=line, page=page, message=(
                f"'{ind.name}' = '{ind.value.raw}': unit {unit} is unexpected under {ind.level2}")))
        elif expect.get("require") and group not in expect["require"] and "/" not in unit:
            out.append(Diagnostic(code="GP404", line=line, page=page, message=(
                f"'{ind.name}' = '{ind.value.raw}': {ind.level2} expects an amount, not {unit}")))
        amount = amount_in_wan(ind)
        total = getattr(table.funds, f"{ind.period}_total", None) if table.funds else None
        if amount is not None and total is not None and ind.level2_code in rules["cost_codes"] \
                and amount > total + tol:
            out.append(Diagnostic(code="GP403", line=line, page=page, message=(
                f"cost '{ind.name}' = {amount:g} 万元 above the {PERIOD_NAMES[ind.period]} total {total:g} 万元")))
    return out


def _repeated_names(table: Table) -> list[Diagnostic]:
    seen: dict[tuple[str, str], list[Indicator]] = defaultdict(list)
    for ind in table.indicators:
        if ind.name:
            seen[(ind.period, match_key(ind.name))].append(ind)
    out = []
    for same in seen.values():
        if len(same) < 2:
            continue
        values = {match_key(i.value.raw) for i in same}
        if len(values) > 1:
            places = ", ".join(_place(i) for i in same)
            out.append(Diagnostic(code="GP405", line=same[0].provenance.line, page=same[0].provenance.page, message=(
                f"'{same[0].name}' appears {len(same)} times with different values ({places})")))
    return out


def _place(ind: Indicator) -> str:
    p = ind.provenance
    return f"line {p.line}" if p.line is not None else f"page {p.page}"


def check_table(table: Table) -> list[Diagnostic]:
    """All consistency warnings for one table."""
    line = table.provenance.line if table.provenance else None
    out = _funds_checks(table.funds, line) if table.funds else []
    return out + _indicator_checks(table) + _repeated_names(table)
