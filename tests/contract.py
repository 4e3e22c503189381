"""The promise every public entry point keeps, as one check the fuzzers and the regression corpus share.

A parse either raises one of the project's declared errors (a one-line message naming
the source) or returns a Document that serialises to JSON, reads back equal, validates
against the generated JSON Schema's shape (pydantic), holds only finite numbers, integers
inside 64 bits and valid Unicode.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from goalparse import Document, GoalparseError
from goalparse.emit import to_json

INT64 = 2**63


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def check_document(doc: Document) -> None:
    """Raise AssertionError when a returned Document breaks the promise."""
    assert isinstance(doc, Document)
    for leaf in _leaves(doc.model_dump()):
        if isinstance(leaf, float):
            assert math.isfinite(leaf), f"non-finite number {leaf}"
        elif isinstance(leaf, int) and not isinstance(leaf, bool):
            assert -INT64 <= leaf < INT64, f"integer beyond 64 bits: {leaf}"
        elif isinstance(leaf, str):
            leaf.encode("utf-8")  # lone surrogates raise here
    data = to_json(doc)
    assert Document.model_validate(orjson.loads(data)) == doc


def outcome(parse: Callable[[], Document], source: str) -> str:
    """Run one parse; return 'ok' or the declared error's class name. Anything else fails the caller."""
    try:
        doc = parse()
    except GoalparseError as exc:
        message = str(exc)
        assert message.startswith(f"{source}: "), message
        assert "\n" not in message, message
        return type(exc).__name__
    check_document(doc)
    return "ok"


# CPU seconds (this process and the bounded children it waited for) one input may take: its own
# work, which a loaded machine does not inflate the way it inflates wall-clock time.
MAX_SECONDS = 2.0


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (bounded parses run in a child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed_outcome(parse: Callable[[], Document], source: str) -> tuple[str, float]:
    """The outcome of a parse and the CPU seconds it took."""
    start = cpu_seconds()
    result = outcome(parse, source)
    return result, cpu_seconds() - start
