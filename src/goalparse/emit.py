"""Stage: records -> bytes (orjson). Keys the document does not print stay absent."""

from __future__ import annotations

from typing import Any

import orjson

from .records import Document


def to_dict(doc: Document) -> dict[str, Any]:
    data: dict[str, Any] = doc.model_dump(mode="json", exclude_unset=True)
    return data


def to_json(doc: Document, indent: bool = True) -> bytes:
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(to_dict(doc), option=option)


def to_jsonl_line(doc: Document) -> bytes:
    return orjson.dumps(to_dict(doc)) + b"\n"
