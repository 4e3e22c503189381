"""Snapshots of the decoder's intermediates on the seed documents: a change in any step shows here.

Each seed's tables (title, year, schema, header) and rows (how each closed, which slot every cell
took) are compared with tests/snapshots/<stem>.json. After a change meant to alter them, look at
the diff and rewrite the files with ``GOALPARSE_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from goalparse.pipeline import file_tokens, trace_tokens

from conftest import ROOT, SAMPLE_DOCS

SNAPSHOTS = ROOT / "tests" / "snapshots"


def intermediates(doc: Path) -> dict[str, Any]:
    tokens, _ = file_tokens(doc)
    tables = []
    for trace in trace_tokens(tokens):
        region, parts = trace.region, trace.parts
        tables.append({
            "title": region.title, "year": region.year, "lines": [region.tokens[0].line, region.tokens[-1].line],
            "schema": parts.schema.kind, "columns": [f"{s.column}/{s.period}" for s in parts.schema.slots],
            "header": [t.text for t in parts.header], "fields": trace.header.fields,
            "unused": [t.text for t in trace.unused],
            "rows": [{"line": p.row.line, "closed": p.row.why,
                      "slots": [f"{s.column}/{s.period[0]}" if s else "-" for s in p.slots]} for p in trace.placed],
        })
    return {"source": doc.name, "tokens": len(tokens), "tables": tables}


@pytest.mark.parametrize("doc", SAMPLE_DOCS, ids=lambda p: p.name[:3])
def test_intermediates_match_their_snapshot(doc: Path) -> None:
    path = SNAPSHOTS / f"{doc.stem}.json"
    now = intermediates(doc)
    if os.environ.get("GOALPARSE_UPDATE_SNAPSHOTS") == "1":
        path.write_text(json.dumps(now, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert now == json.loads(path.read_text(encoding="utf-8"))
