"""Stage for databases: one parsed document -> plain rows for the relational schema.

Rows are tuples in the column order of ``COLUMNS`` so they travel cheaply between
processes (and Dask workers) and go straight into ``executemany``. Keys are
natural and deterministic: a document is its content hash, a table its index in
the document, an indicator its index in the table; so a re-run writes the same
rows, and an interrupted run resumes into exactly what a clean run gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from ..records import Document, Funds, Provenance

FUND_KEYS = tuple(Funds.model_fields)

# Where in a workbook or a Word/HTML document a table or indicator was printed (None for text and PDF).
PLACE_COLUMNS = ("sheet", "cell", "source_table", "source_row")
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "sha256", "path", "size", "encoding", "status", "error", "error_code", "parser_version",
        "tables_count", "indicators_count", "warnings_count", "parse_seconds", "converted_at",
    ),
    "tables": (
        "document_sha256", "table_index", "title", "year", "project_name", "project_code", "department",
        "department_code", "implementing_unit", "project_attribute", "project_source", "project_period",
        "project_type", "owner", "phone", *(f"funds_{k}" for k in FUND_KEYS), "goals_medium_term", "goals_annual",
        "spending_plan", "layout", "confidence", "line_start", "line_end", "page_start", "page_end",
        *PLACE_COLUMNS,
    ),
    "indicators": (
        "document_sha256", "table_index", "indicator_index", "period", "level1", "level1_code", "level2",
        "level2_code", "level1_printed", "level2_printed", "name", "value_raw", "value_kind", "value_op",
        "value_number", "value_number_max", "value_unit", "value_base_number", "value_base_unit",
        "value_deadline", "value_time", "value_parts", "description", "basis", "actual", "weight", "score",
        "inferred", "confidence", "line", "page", "bbox", *PLACE_COLUMNS,
    ),
    "warnings": ("document_sha256", "seq", "table_index", "code", "message", "line", "page", "place"),
}
# Columns that differ between two runs over the same files (when and how fast).
RUN_COLUMNS = {"documents": ("parse_seconds", "converted_at", "path")}
JSON_COLUMNS = {"spending_plan", "value_time", "value_parts", "bbox"}


@dataclass(frozen=True)
class DocumentRows:
    """Everything one input writes: its documents row and its child rows."""

    document: tuple[Any, ...]
    tables: list[tuple[Any, ...]]
    indicators: list[tuple[Any, ...]]
    warnings: list[tuple[Any, ...]]

    @property
    def sha256(self) -> str:
        return str(self.document[0])


def _place(prov: Provenance | None) -> tuple[str | None, str | None, int | None, int | None]:
    """Where in a workbook (sheet, cell) or a Word/HTML document (table, row) a record was printed."""
    if prov is None:
        return None, None, None, None
    return prov.sheet, prov.cell, prov.table, prov.row


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


def document_rows(doc: Document, sha256: str, path: str, size: int, seconds: float, when: str) -> DocumentRows:
    """Flatten a parsed document into rows."""
    tables: list[tuple[Any, ...]] = []
    indicators: list[tuple[Any, ...]] = []
    warnings: list[tuple[Any, ...]] = []
    for t_index, t in enumerate(doc.tables):
        funds = t.funds.model_dump() if t.funds else {}
        goals = t.goals
        prov = t.provenance
        tables.append((
            sha256, t_index, t.title, t.year, t.project_name, t.project_code, t.department, t.department_code,
            t.implementing_unit, t.project_attribute, t.project_source, t.project_period, t.project_type,
            t.owner, t.phone,
            *(funds.get(k) for k in FUND_KEYS), goals.medium_term if goals else None,
            goals.annual if goals else None, _json(t.spending_plan), t.layout, t.confidence,
            prov.line if prov else None, prov.line_end if prov else None,
            prov.page if prov else None, prov.page_end if prov else None, *_place(prov),
        ))
        for i_index, ind in enumerate(t.indicators):
            v = ind.value
            parts = [p.model_dump(exclude_none=True) for p in v.parts] if v.parts else None
            indicators.append((
                sha256, t_index, i_index, ind.period, ind.level1, ind.level1_code, ind.level2, ind.level2_code,
                ind.level1_printed, ind.level2_printed, ind.name, v.raw, v.kind, v.op, v.number, v.number_max,
                v.unit, v.base_number, v.base_unit, v.deadline, _json(v.time), _json(parts), ind.description,
                ind.basis, ind.actual, ind.weight, ind.score, bool(ind.inferred), ind.confidence,
                ind.provenance.line, ind.provenance.page, _json(ind.provenance.bbox), *_place(ind.provenance),
            ))
        for w in t.warnings:
            warnings.append((sha256, len(warnings), t_index, w.code, w.message, w.line, w.page, w.place))
    for w in doc.warnings:
        warnings.append((sha256, len(warnings), None, w.code, w.message, w.line, w.page, w.place))
    document = (
        sha256, path, size, doc.encoding, "ok", None, None, doc.parser_version, len(tables), len(indicators),
        len(warnings), round(seconds, 4), when,
    )
    return DocumentRows(document, tables, indicators, warnings)


def error_rows(sha256: str, path: str, size: int, code: str, message: str, version: str, seconds: float,
               when: str) -> DocumentRows:
    """The one row a file that could not be converted writes."""
    document = (sha256, path, size, None, "error", message, code, version, 0, 0, 0, round(seconds, 4), when)
    return DocumentRows(document, [], [], [])
