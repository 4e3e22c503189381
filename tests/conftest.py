"""Shared fixtures: the sample documents and their gold records live in samples/."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

import goalparse
from goalparse._core import stale_compiled

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_DOCS = sorted(SAMPLES.glob("*.txt"))


def pytest_report_header() -> str:
    return f"goalparse core: {goalparse.core()}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to test compiled copies older than the sources they were built from."""
    stale = [] if goalparse.PURE else stale_compiled()
    if stale:
        pytest.exit(f"compiled modules older than their sources ({', '.join(stale)}): run `make install`, "
                    "or test the sources with GOALPARSE_PURE=1", returncode=4)


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
