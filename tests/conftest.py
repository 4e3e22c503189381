"""Shared fixtures: the sample documents and their gold records live in samples/."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_DOCS = sorted(SAMPLES.glob("*.txt"))


def gold_for(doc: Path) -> dict:
    return orjson.loads((SAMPLES / f"{doc.stem}.gold.json").read_bytes())


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    assert SAMPLE_DOCS, "samples/ holds no documents"
    return SAMPLE_DOCS


def sample_line(stem_prefix: str, line: int) -> str:
    """One line of a sample document, as printed (1-based)."""
    doc = next(p for p in SAMPLE_DOCS if p.name.startswith(stem_prefix))
    return doc.read_text(encoding="utf-8").split("\n")[line - 1]


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database from GOALPARSE_TEST_PG (.ci/run starts one); skipped without it."""
    from goalparse.sinks.database import Database

    url = os.environ.get("GOALPARSE_TEST_PG")
    if not url:
        if os.environ.get("GOALPARSE_REQUIRE_PG") == "1":
            pytest.fail("GOALPARSE_REQUIRE_PG=1 but GOALPARSE_TEST_PG is not set")
        pytest.skip("no PostgreSQL: set GOALPARSE_TEST_PG (.ci/run starts one)")
    db = Database(url)
    with db.conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS warnings, indicators, tables, documents CASCADE")
    db.conn.commit()
    db.close()
    return url
