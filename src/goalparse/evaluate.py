"""Score parser output against gold records (``*.gold.json``, see samples/FORMAT.md).

The same measures as the project's referee (tools/score.py, a copy of
../shared/eval/score.py): strict indicator F1 on (period, level1, level2, name,
value[, description, basis]), loose F1 without the levels, and accuracy of
header fields, funds, goals and spending-plan milestones. Text is compared
after NFKC with whitespace removed. A test keeps the two in agreement.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELD_KEYS = ["title", "year", "project_name", "project_code", "department", "department_code",
              "implementing_unit", "project_attribute", "project_source", "project_period"]
NESTED_KEYS = ["funds", "goals", "spending_plan"]


def _norm(text: Any) -> Any:
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    folded = unicodedata.normalize("NFKC", str(text))
    return "".join(folded.split()).lower()


def _name_of(value: Any) -> Any:
    if isinstance(value, dict):
        return next((value[k] for k in ("name", "raw", "text", "label") if k in value), None)
    return value


def _value_text(value: Any) -> Any:
    if isinstance(value, dict):
        return next((value[k] for k in ("raw", "text", "value") if k in value), None)
    return value


def _same(gold: Any, got: Any) -> bool:
    a, b = _norm(gold), _norm(got)
    if isinstance(a, float) or isinstance(b, float):
        try:
            return abs(float(a) - float(b)) < 1e-6
        except (TypeError, ValueError):
            return False
    return bool(a == b)


def _indicator_key(ind: dict[str, Any], with_levels: bool, extra: list[str]) -> tuple[Any, ...]:
    key: list[Any] = [ind.get("period") or "annual"]
    if with_levels:
        key += [_norm(_name_of(ind.get("level1"))), _norm(_name_of(ind.get("level2")))]
    key += [_norm(ind.get("name")), _norm(_value_text(ind.get("value")) or "")]
    key += [_norm(ind.get(f) or "") for f in extra]
    return tuple(key)


def _field_items(table: dict[str, Any]) -> dict[str, Any]:
    items = {k: table[k] for k in FIELD_KEYS if k in table}
    for group in NESTED_KEYS:
        for k, v in (table.get(group) or {}).items():
            items[f"{group}.{k}"] = v
    return items


@dataclass
class Score:
    """Counts for one document or a total; figures are derived."""

    tally: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str | None, Any]] = field(default_factory=list)

    def __iadd__(self, other: Score) -> Score:
        self.tally += other.tally
        self.misses += other.misses
        return self

    def summary(self) -> dict[str, Any]:
        t = self.tally

        def f1(tp: int, gold: int, out: int) -> tuple[float, float, float]:
            p = tp / out if out else (1.0 if not gold else 0.0)
            r = tp / gold if gold else 1.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(t["strict_tp"], t["strict_gold"], t["strict_out"])
        _, _, lf = f1(t["loose_tp"], t["loose_gold"], t["loose_out"])
        fa = t["fields_ok"] / t["fields_gold"] if t["fields_gold"] else 1.0
        return {"tables": f"{t['tables_found']}/{t['tables_gold']} (+{t['tables_extra']} extra)",
                "strict_p": round(sp, 4), "strict_r": round(sr, 4), "strict_f1": round(sf, 4),
                "loose_f1": round(lf, 4), "fields_acc": round(fa, 4),
                "indicators_gold": t["strict_gold"], "indicators_out": t["strict_out"]}


def match_tables(gold_tables: list[dict[str, Any]], out_tables: list[dict[str, Any]],
                 ) -> tuple[list[tuple[dict[str, Any], dict[str, Any] | None]], int]:
    """Pair gold tables with output tables as the referee does; also return how many outputs are left.

    First by the same project name, in order; then each gold table still unpaired takes the unpaired
    output table that shares the most indicators (name + value, levels ignored), so a table whose
    project name was misread still has its indicators scored (the name still costs a field).
    """
    pool = list(enumerate(out_tables))
    picks: list[tuple[int, dict[str, Any]] | None] = []
    for g in gold_tables:
        name = _norm(g.get("project_name"))
        pick = next((p for p in pool if name is not None and _norm(p[1].get("project_name")) == name), None)
        if pick is not None:
            pool.remove(pick)
        picks.append(pick)
    for n, g in enumerate(gold_tables):
        if picks[n] is not None or not pool:
            continue
        keys = Counter(_indicator_key(i, False, []) for i in g.get("indicators", []))
        overlap = [(sum((keys & Counter(_indicator_key(i, False, []) for i in (p[1].get("indicators") or [])))
                        .values()), p) for p in pool]
        best, pick = max(overlap, key=lambda x: x[0])
        if best > 0:
            pool.remove(pick)
            picks[n] = pick
    return [(g, p[1] if p else None) for g, p in zip(gold_tables, picks, strict=True)], len(pool)


def score_document(gold: dict[str, Any], out: dict[str, Any]) -> Score:
    """Compare one document's output with its gold record."""
    pairs, extra = match_tables(gold.get("tables", []), out.get("tables", []) or [])
    score = Score()
    t = score.tally
    t.update(tables_gold=len(pairs), tables_found=sum(1 for _, o in pairs if o), tables_extra=extra)
    for g, o in pairs:
        o = o or {}
        g_inds, o_inds = g.get("indicators", []), o.get("indicators", []) or []
        columns = [f for f in ("description", "basis") if any(f in i for i in g_inds)]
        for mode, levels in (("strict", True), ("loose", False)):
            gk = Counter(_indicator_key(i, levels, columns) for i in g_inds)
            ok = Counter(_indicator_key(i, levels, columns) for i in o_inds)
            t[f"{mode}_tp"] += sum((gk & ok).values())
            t[f"{mode}_gold"] += sum(gk.values())
            t[f"{mode}_out"] += sum(ok.values())
            if mode == "strict":
                score.misses += [("missed", g.get("project_name"), k) for k in (gk - ok).elements()]
                score.misses += [("spurious", g.get("project_name"), k) for k in (ok - gk).elements()]
        o_fields = _field_items(o)
        for key, gv in _field_items(g).items():
            t["fields_gold"] += 1
            if key in o_fields and _same(gv, o_fields[key]):
                t["fields_ok"] += 1
            else:
                score.misses.append(("field", g.get("project_name"), (key, gv, o_fields.get(key, "<absent>"))))
    return score


def format_summary(name: str, summary: dict[str, Any]) -> str:
    """One line in the referee's format: ``NAME: tables=... strict_f1=...``."""
    return f"{name}: " + "  ".join(f"{k}={v}" for k, v in summary.items())


SPLIT_FILE = "split.json"


@dataclass(frozen=True)
class GoldDocument:
    """One scored document of a sample folder: its gold, its source, and how the corpus files it."""

    stem: str
    gold: Path
    source: Path | None
    split: str | None = None
    shapes: tuple[str, ...] = ()


def gold_documents(folder: Path) -> list[GoldDocument]:
    """Every ``*.gold.json`` in ``folder`` with its source document beside it.

    A corpus folder may also hold ``split.json`` (``{"documents": {stem: "dev"|"test"}}``) and a
    ``<stem>.source.json`` provenance file per document whose ``shapes`` name its text shapes.
    """
    split_path = folder / SPLIT_FILE
    splits: dict[str, str] = {}
    if split_path.is_file():
        splits = json.loads(split_path.read_text(encoding="utf-8")).get("documents", {})
    docs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        source = next((p for p in sorted(folder.glob(f"{stem}.*")) if not p.name.endswith(".json")), None)
        provenance = folder / f"{stem}.source.json"
        shapes: tuple[str, ...] = ()
        if provenance.is_file():
            shapes = tuple(json.loads(provenance.read_text(encoding="utf-8")).get("shapes") or ())
        docs.append(GoldDocument(stem, gold, source, splits.get(stem), shapes))
    return docs
