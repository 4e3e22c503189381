"""The text knowledge under schemas/ is data; these checks keep it whole and consistent with the code."""

from __future__ import annotations

import json
from typing import get_args

from goalparse.intermediate import Column
from goalparse.lexicon.labels import label_key
from goalparse.lexicon.taxonomy import tree
from goalparse.lexicon.vocab import load, schemas_dir


def test_every_schemas_file_is_json_with_a_note_on_what_it_is() -> None:
    for path in schemas_dir().glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name != "document.schema.json":
            assert "_about" in data, path.name


def test_no_schemas_file_prints_a_key_twice() -> None:
    # JSON keeps the last of two equal keys without a word: a merge that adds one twice loses a text.
    def unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        return dict(pairs)

    for path in sorted(schemas_dir().glob("*.json")):
        json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=unique)


def test_every_taxonomy_code_the_data_uses_exists() -> None:
    codes = set(tree().nodes)
    assert set(load("inference")["keywords"]) <= codes
    assert set(load("checks")["level2_units"]) <= codes


def test_every_column_label_fills_a_column_the_decoder_has() -> None:
    columns = set(load("fields")["columns"])
    assert columns - {"value_mid"} <= set(get_args(Column))


def test_no_label_fills_two_fields_of_one_kind() -> None:
    """A label text maps to one field, one funds key, one goal and one column at most."""
    fields = load("fields")
    for group in ("fields", "funds", "goals", "columns"):
        seen: dict[str, str] = {}
        for name, labels in fields[group].items():
            for label in labels:
                key = label_key(label)
                assert seen.get(key, name) == name, (group, label, seen.get(key), name)
                seen[key] = name


def test_structure_words_are_complete() -> None:
    data = load("structure")
    assert data["title_stems"] and data["title_kinds"]
    assert set(data["period_headings"]) == {"medium_term", "annual"}
    assert {"value", "actual", "actual_words", "basis", "extra"} <= set(data["column_endings"])
    assert data["check_boxes"]["checked"] and data["check_boxes"]["unchecked"]
    units = data["amount_units"]
    assert units["units"]["万元"] == 1 and 0 < units["units"]["元"] < 1 and all(units["signs"])


def test_units_and_comparators_are_non_empty_strings() -> None:
    values = load("values")
    assert all(isinstance(u, str) and u for u in values["units"])
    assert len(values["units"]) == len(set(values["units"]))
    for op, words in values["prefix_comparators"].items():
        assert op in (">=", "<=", ">", "<", "=", "~") and all(words)
