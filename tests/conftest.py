"""Shared fixtures: the sample documents and their gold records live in samples/."""

from __future__ import annotations

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
