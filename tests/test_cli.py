"""The command line: outputs, exact error lines, exit codes, batches with bad files."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

import goalparse
from goalparse.cli import main, schema_bytes

from conftest import ROOT, SAMPLE_DOCS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_to_folder_one_json_per_input(tmp_path: Path) -> None:
    code, _, err = run("parse", *map(str, SAMPLE_DOCS), "-o", str(tmp_path))
    assert code == 0
    assert err.strip() == "4 converted, 0 failed, 24 tables, 331 indicators"
    for doc in SAMPLE_DOCS:
        data = orjson.loads((tmp_path / f"{doc.stem}.json").read_bytes())
        assert data["source"] == str(doc) and data["tables"]


def test_bad_files_get_one_line_errors_and_the_rest_is_converted(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "narrative.txt").write_text("这是一段没有绩效目标表的说明文字。\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(SAMPLE_DOCS[1].read_text(encoding="utf-8").encode("gb18030"))
    out = tmp_path / "out"
    inputs = ["empty.txt", "binary.txt", "missing.txt", "narrative.txt", "gbk.txt"]
    code, _, err = run("parse", *[str(tmp_path / n) for n in inputs], "-o", str(out))
    assert code == 1
    lines = err.strip().split("\n")
    assert lines == [
        f"Error: {tmp_path / 'empty.txt'}: empty file",
        f"Error: {tmp_path / 'binary.txt'}: binary data, not a text dump",
        f"Error: {tmp_path / 'missing.txt'}: no such file",
        f"Error: {tmp_path / 'narrative.txt'}: no performance-target table found",
        "1 converted, 4 failed, 5 tables, 107 indicators",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["gbk.json"]
    assert orjson.loads((out / "gbk.json").read_bytes())["encoding"] == "gb18030"


def test_jsonl_output(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    code, _, _ = run("parse", *map(str, SAMPLE_DOCS[:2]), "--jsonl", str(target))
    assert code == 0
    lines = target.read_bytes().splitlines()
    assert [orjson.loads(line)["source"] for line in lines] == [str(p) for p in SAMPLE_DOCS[:2]]


def test_eval_prints_referee_lines_and_honours_thresholds() -> None:
    code, out, _ = run("eval", str(ROOT / "samples"), "--min-f1", "0.99", "--min-fields", "0.98")
    assert code == 0
    total = out.strip().split("\n")[-1]
    assert total.startswith("TOTAL: tables=24/24 (+0 extra)  strict_p=")
    code, _, err = run("eval", str(ROOT / "samples"), "--min-f1", "1.01")
    assert code == 1 and err.startswith("Error: below threshold")


def test_debug_stages_print_json_lines() -> None:
    doc = str(SAMPLE_DOCS[0])
    for stage, key in (("tokens", "sep"), ("tables", "schema"), ("rows", "cells"), ("records", "name")):
        code, out, _ = run("debug", "--stage", stage, doc)
        assert code == 0, stage
        records = [orjson.loads(line) for line in out.strip().split("\n")]
        assert records and all(key in r for r in records), stage
    code, out, _ = run("debug", "--stage", "tables", doc)
    tables = [orjson.loads(line) for line in out.strip().split("\n")]
    assert [t["schema"] for t in tables] == ["two_period"] * 3
    assert tables[0]["fields"]["project_name"] == "医保专项业务经费"
    code, out, _ = run("debug", "--stage", "rows", doc)
    first = orjson.loads(out.split("\n")[0])
    assert [c["slot"] for c in first["cells"]][:2] == ["level1/medium_term", "level2/medium_term"]


def test_usage_errors_and_version() -> None:
    code, _, err = run("parse", "a.txt", "-o", "x", "--jsonl", "y")
    assert code == 2 and "either -o/--out-dir or --jsonl" in err
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"goalparse, version {goalparse.__version__}"


def test_generated_json_schema_is_up_to_date() -> None:
    """schemas/document.schema.json is generated from the models; regenerate with `goalparse schema`."""
    assert (ROOT / "schemas" / "document.schema.json").read_bytes() == schema_bytes()


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:  # type: ignore[attr-defined]
        assert f"goalparse {name}" in readme, name


def test_debug_rows_say_which_cells_a_cut_token_was_made_of(tmp_path: Path) -> None:
    doc = tmp_path / "glued.txt"
    doc.write_text("项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                   "产出指标数量指标培训人数≥100人120人109\n", encoding="utf-8")
    code, out, _ = run("debug", "--stage", "rows", str(doc))
    assert code == 0
    (row,) = [orjson.loads(line) for line in out.strip().split("\n")]
    assert [(c["text"], c.get("made_of")) for c in row["cells"][-3:]] == [
        ("120人", None), ("10", ["109"]), ("9", ["109"])]
