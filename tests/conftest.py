"""Shared fixtures: the sample documents and their gold records live in samples/."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A database of this test run's own on the server GOALPARSE_TEST_PG names (.ci/run starts one), dropped at
    the end, so two runs on one machine never empty each other's tables; skipped without a server."""
    url = os.environ.get("GOALPARSE_TEST_PG")
    if not url:
        if os.environ.get("GOALPARSE_REQUIRE_PG") == "1":
            pytest.fail("GOALPARSE_REQUIRE_PG=1 but GOALPARSE_TEST_PG is not set")
        pytest.skip("no PostgreSQL: set GOALPARSE_TEST_PG (.ci/run starts one)")
    import psycopg

    name = f"goalparse_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server_url: str) -> str:
    """An empty PostgreSQL database (the run's own; see pg_server_url)."""
    from goalparse.sinks.database import Database

    url = pg_server_url
    db = Database(url)
    with db.conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS warnings, indicators, tables, documents CASCADE")
    db.conn.commit()
    db.close()
    return url
