"""The regression corpus: inputs that once broke a promise (tests/regressions/), each kept for good.

Files are named for their class. Every one must give a declared error or a valid Document
in under two seconds; most also pin what exactly comes out. ``fuzz/`` holds inputs the
fuzzers found (tests/test_fuzz.py); they get the general check only. The shell scripts
beside them are the original reproducers of batch and report defects; their cases are
tested in test_batch.py and test_report.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goalparse import Document, parse_bytes, parse_text
from goalparse.emit import to_dict

from contract import MAX_SECONDS, timed_outcome

CORPUS = Path(__file__).parent / "regressions"
INPUTS = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".txt", ".bin", ".pdf", ".json"))


def parse_corpus_file(path: Path) -> Document:
    if path.suffix == ".json":
        return parse_text(json.loads(path.read_text(encoding="utf-8"))["parse_text"], path.name)
    return parse_bytes(path.read_bytes(), path.name)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: str(p.relative_to(CORPUS)))
def test_declared_error_or_valid_document_in_time(path: Path) -> None:
    result, seconds = timed_outcome(lambda: parse_corpus_file(path), path.name)
    assert result in ("ok", "EncodingError", "PdfError", "BinaryInputError", "EmptyInputError", "NoTableError",
                      "NoTextLayerError", "TooLargeError", "BoundError")
    assert seconds < MAX_SECONDS, f"{seconds:.2f} s"


def _doc(name: str) -> dict:
    return to_dict(parse_corpus_file(CORPUS / name))


def _codes(doc: dict) -> list[str]:
    return [w["code"] for t in doc["tables"] for w in t["warnings"]] + [w["code"] for w in doc["warnings"]]


def _value(doc: dict) -> dict:
    return doc["tables"][0]["indicators"][0]["value"]


def test_comma_in_working_days_is_read() -> None:
    assert _value(_doc("02_comma_working_days.txt"))["time"] == {"working_days": 1000}


@pytest.mark.parametrize("name", ["03_inf_working_days.txt", "03b_inf_duration.txt", "04_bigint_duration.txt"])
def test_durations_out_of_range_keep_raw_text_and_warn(name: str) -> None:
    doc = _doc(name)
    value = _value(doc)
    assert value["kind"] == "time" and not value.get("time")
    assert value["raw"].rstrip("天个工作日").isdigit()
    assert _codes(doc) == ["GP501"]


def test_value_number_out_of_range_is_null_with_a_warning() -> None:
    doc = _doc("05_inf_value_number.txt")
    value = _value(doc)
    assert (value["kind"], value["op"], value["number"], value["unit"]) == ("quantitative", ">=", None, "人")
    assert _codes(doc) == ["GP501"]
    message = doc["tables"][0]["warnings"][0]["message"]
    assert "number of 400 characters is out of range" in message and len(message) < 200


def test_funds_out_of_range_are_null_with_a_warning() -> None:
    doc = _doc("06_inf_funds.txt")
    assert doc["tables"][0]["funds"] == {"annual_total": None}
    [warning] = doc["tables"][0]["warnings"]
    assert warning["code"] == "GP101" and "out of range" in warning["message"]


def test_a_value_over_the_length_bound_is_kept_as_printed() -> None:
    doc = _doc("07_digit_run_20k.txt")
    value = _value(doc)
    assert value["kind"] == "qualitative" and len(value["raw"]) == 20004
    assert _codes(doc) == ["GP502"]


def test_lone_surrogate_replaced_with_a_warning() -> None:
    doc = _doc("08_lone_surrogate_parse_text.json")
    assert doc["tables"][0]["project_name"] == "\ufffd"
    assert doc["warnings"] == [{"code": "GP505", "message": "invalid Unicode replaced with U+FFFD", "line": 1}]


def test_many_cells_in_one_line_are_cut_with_a_warning() -> None:
    doc = _doc("10_many_cells_row_20k.txt")
    assert _value(doc)["raw"] == "≥1人"
    assert doc["warnings"] == [{"code": "GP503", "line": 5,
                                "message": "20,003 cells in one line; cells after the first 256 left out"}]


@pytest.mark.parametrize(("name", "message"), [
    ("01_bom_then_invalid_utf8.bin", "01_bom_then_invalid_utf8.bin: UTF-8 BOM but undecodable bytes (first at line 1)"),
    ("09_deep_pages_tree_1200.pdf", "09_deep_pages_tree_1200.pdf: corrupt PDF (objects nested too deep)"),
])
def test_declared_errors_say_what_is_wrong(name: str, message: str) -> None:
    with pytest.raises(Exception) as caught:
        parse_corpus_file(CORPUS / name)
    assert str(caught.value) == message
