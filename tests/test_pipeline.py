"""The pipeline pauses the cycle collector per document; that is only safe if parses make no cycles."""

from __future__ import annotations

import gc

import pytest

from goalparse import NoTableError, parse_file, parse_text
from goalparse.emit import to_json

from conftest import SAMPLE_DOCS


@pytest.mark.parametrize("doc", SAMPLE_DOCS, ids=lambda p: p.name[:3])
def test_a_parse_leaves_no_cyclic_garbage(doc) -> None:  # type: ignore[no-untyped-def]
    parse_file(doc)  # fill the caches first: only the parse's own objects count
    gc.collect()
    gc.disable()
    try:
        records = parse_file(doc)
        assert records.tables
        del records
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_collector_is_restored_after_a_parse_and_after_an_error() -> None:
    assert gc.isenabled()
    parse_file(SAMPLE_DOCS[0])
    assert gc.isenabled()
    with pytest.raises(NoTableError):
        parse_text("只是一段说明文字，没有任何表格。\n第二行。")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        parse_file(SAMPLE_DOCS[0])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parse_text_replaces_lone_surrogates_and_names_their_lines() -> None:
    text = SAMPLE_DOCS[1].read_text(encoding="utf-8").split("\n")
    text[2] += "\ud83d"  # half of an emoji's surrogate pair, as a broken JSON decoder leaves it
    text[5] += "\udc00\udc01"
    doc = parse_text("\n".join(text), "s.txt")
    assert [(w.code, w.line) for w in doc.warnings] == [("GP505", 3), ("GP505", 6)]
    to_json(doc)  # serialises: no surrogate is left
