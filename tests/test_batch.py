"""Batch conversion into SQLite and PostgreSQL: rows, resume after SIGKILL, bad files, engines."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

import goalparse.batch as batch_module
from goalparse import __version__
from goalparse.batch import expand_inputs, run_batch
from goalparse.read.pdf import PdfLimits
from goalparse.sinks.database import Database
from goalparse.sinks.rows import COLUMNS, JSON_COLUMNS, RUN_COLUMNS, error_rows

from conftest import ROOT, SAMPLE_DOCS

TABLES = ("documents", "tables", "indicators", "warnings")


def _normal(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """One row with run-specific columns dropped and driver types made comparable."""
    out = []
    for column, value in zip(COLUMNS[table], row, strict=True):
        if column in RUN_COLUMNS.get(table, ()):
            continue
        if column in JSON_COLUMNS and isinstance(value, str):
            value = json.loads(value)
        if isinstance(value, dt.date):
            value = value.isoformat()
        if column == "inferred":
            value = bool(value)
        if isinstance(value, list):
            value = json.dumps(value, sort_keys=True)
        if isinstance(value, dict):
            value = json.dumps(value, sort_keys=True)
        out.append(value)
    return tuple(out)


def content(url: str) -> dict[str, list[tuple[Any, ...]]]:
    db = Database(url)
    try:
        return {t: [_normal(t, r) for r in db.rows(t)] for t in TABLES}
    finally:
        db.close()


def quiet_run(inputs: list[str], url: str, **kwargs: Any) -> Any:
    return run_batch(inputs, url, stream=io.StringIO(), **kwargs)


def test_samples_into_sqlite(tmp_path: Path) -> None:
    url = str(tmp_path / "g.db")
    summary = quiet_run([str(p) for p in SAMPLE_DOCS], url, workers=2)
    assert (summary.converted, summary.failed, summary.tables, summary.indicators) == (4, 0, 24, 331)
    con = sqlite3.connect(url)
    assert con.execute("SELECT count(*) FROM indicators").fetchone() == (331,)
    got = con.execute(
        "SELECT t.funds_annual_total, i.value_op, i.value_number, i.value_unit FROM indicators i "
        "JOIN tables t USING (document_sha256, table_index) WHERE i.name = '委托第三方参与检查的次数'").fetchall()
    assert got == [(52.2, ">=", 2.0, "次")]
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"indicators_level2", "tables_project", "warnings_code"} <= indexes
    again = quiet_run([str(p) for p in SAMPLE_DOCS], url, workers=2)
    assert (again.converted, again.skipped) == (0, 4)


def test_new_parser_version_replaces_rows(tmp_path: Path) -> None:
    url = str(tmp_path / "g.db")
    quiet_run([str(p) for p in SAMPLE_DOCS], url, workers=1)
    before = content(url)
    con = sqlite3.connect(url)
    con.execute("UPDATE documents SET parser_version = '0.0.0' WHERE path LIKE '%002_%'")
    con.commit()
    summary = quiet_run([str(p) for p in SAMPLE_DOCS], url, workers=1)
    assert (summary.converted, summary.skipped) == (1, 3)
    assert con.execute("SELECT DISTINCT parser_version FROM documents").fetchall() == [(__version__,)]
    assert content(url) == before


def test_bad_files_get_error_rows_and_good_ones_are_all_there(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SAMPLE_DOCS[:2]:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "gbk.txt").write_bytes(SAMPLE_DOCS[3].read_text(encoding="utf-8").encode("gb18030"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> garbage")
    url = str(tmp_path / "g.db")
    summary = quiet_run([str(folder)], url, workers=2)
    assert (summary.total, summary.converted, summary.failed) == (6, 3, 3)
    con = sqlite3.connect(url)
    rows = dict(con.execute("SELECT path, coalesce(error, 'ok') FROM documents").fetchall())
    assert rows == {
        str(folder / SAMPLE_DOCS[0].name): "ok", str(folder / SAMPLE_DOCS[1].name): "ok",
        str(folder / "gbk.txt"): "ok", str(folder / "empty.txt"): "empty file",
        str(folder / "binary.txt"): "binary data, not a text dump",
        str(folder / "corrupt.pdf"): "corrupt PDF (PDFSyntaxError: No /Root object! - Is this really a PDF?)",
    }
    assert con.execute("SELECT encoding FROM documents WHERE path LIKE '%gbk.txt'").fetchone() == ("gb18030",)
    orphans = con.execute("SELECT count(*) FROM tables t JOIN documents d ON d.sha256 = t.document_sha256 "
                          "WHERE d.status = 'error'").fetchone()
    assert orphans == (0,)
    assert con.execute("SELECT sum(tables_count) FROM documents").fetchone() == (
        con.execute("SELECT count(*) FROM tables").fetchone()[0],)


def _corpus(folder: Path, copies: int) -> list[str]:
    """Distinct files (different bytes, same tables) made from the samples."""
    folder.mkdir(exist_ok=True)
    for i in range(copies):
        for p in SAMPLE_DOCS:
            (folder / f"{i:04d}-{p.name}").write_bytes(p.read_bytes() + b"\n" * (i + 1))
    return [str(folder)]


def test_sigkill_mid_run_then_resume_gives_the_rows_of_a_clean_run(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", 60)
    clean = str(tmp_path / "clean.db")
    quiet_run(inputs, clean, workers=2)
    killed = str(tmp_path / "killed.db")
    cmd = [sys.executable, "-m", "goalparse.cli", "batch", *inputs, "--db", killed, "--workers", "2", "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    written = 0
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as con:
                written = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if written >= 20:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 20 <= written < 240, "the kill must land mid-run"
    partial = content(killed)["documents"]
    assert len(partial) < 240
    summary = quiet_run(inputs, killed, workers=2)
    assert summary.skipped >= len(partial) - 1 and summary.failed == 0
    assert content(killed) == content(clean)


def test_dask_engine_gives_the_same_rows(tmp_path: Path) -> None:
    inputs = [str(p) for p in SAMPLE_DOCS]
    local, dask = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    quiet_run(inputs, local, workers=2)
    summary = quiet_run(inputs, dask, workers=2, engine="dask")
    assert summary.converted == 4
    assert content(dask) == content(local)


def test_postgresql_gets_the_same_rows_as_sqlite(tmp_path: Path, pg_url: str) -> None:
    inputs = [str(p) for p in SAMPLE_DOCS]
    sqlite_url = str(tmp_path / "g.db")
    quiet_run(inputs, sqlite_url, workers=2)
    summary = quiet_run(inputs, pg_url, workers=2)
    assert (summary.converted, summary.indicators) == (4, 331)
    assert content(pg_url) == content(sqlite_url)
    again = quiet_run(inputs, pg_url, workers=2)
    assert again.skipped == 4


def test_inputs_folders_globs_and_missing(tmp_path: Path) -> None:
    paths, missing = expand_inputs([str(ROOT / "samples"), str(ROOT / "samples" / "00*.txt"), "nope/*.txt", "x.txt"])
    # Folders are read recursively: the wild corpus under samples/wild comes too.
    wild = {str(p) for p in (ROOT / "samples" / "wild").glob("*.txt")}
    assert wild and paths == sorted({str(p) for p in SAMPLE_DOCS} | wild | {str(ROOT / "samples" / "FORMAT.md")})
    assert missing == ["nope/*.txt", "x.txt"]


def test_progress_lines_and_summary_when_not_on_a_terminal(tmp_path: Path) -> None:
    stream = io.StringIO()
    summary = run_batch([str(p) for p in SAMPLE_DOCS], str(tmp_path / "g.db"), workers=1, stream=stream)
    lines = stream.getvalue().strip().split("\n")
    assert lines[-1].startswith("batch: 4/4 files, ") and lines[-1].endswith("(4 converted, 0 skipped, 0 failed)")
    assert summary.line().startswith("4 files: 4 converted, 0 skipped, 0 failed; 24 tables, 331 indicators; ")


def _slow_parse(*args: Any) -> Any:
    while True:  # a parse that never ends, in Python (the alarm can stop it)
        sum(range(1000))


def test_a_text_parse_over_its_time_bound_becomes_an_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "parse_bytes", _slow_parse)
    data = SAMPLE_DOCS[0].read_bytes()
    start = time.monotonic()
    rows, _ = batch_module.convert("slow.txt", data, "ab" * 32, PdfLimits(text_timeout_s=0.2), False)
    assert time.monotonic() - start < 5
    assert rows.document[4:7] == ("error", "gave up after 0.2 s (time bound)", "GP010")


def _error_row(url: str, path: Path, code: str, message: str) -> None:
    db = Database(url)
    db.create_schema()
    data = path.read_bytes()
    db.write(error_rows(hashlib.sha256(data).hexdigest(), str(path), len(data), code, message, __version__, 1.0,
                        "2026-01-01T00:00:00+00:00"))
    db.close()


def test_bound_errors_are_retried_and_other_errors_with_retry_errors(tmp_path: Path) -> None:
    url = str(tmp_path / "g.db")
    bounded, other = SAMPLE_DOCS[0], SAMPLE_DOCS[1]
    _error_row(url, bounded, "GP010", "gave up after 0.1 s (time bound)")
    _error_row(url, other, "GP005", "no performance-target table found")
    summary = quiet_run([str(bounded), str(other)], url, workers=1)
    assert (summary.converted, summary.skipped, summary.failed) == (1, 1, 0)
    statuses = dict(sqlite3.connect(url).execute("SELECT path, status FROM documents").fetchall())
    assert statuses == {str(bounded): "ok", str(other): "error"}
    summary = quiet_run([str(bounded), str(other)], url, workers=1, retry_errors=True)
    assert (summary.converted, summary.skipped) == (1, 1)
    assert {s for (s,) in sqlite3.connect(url).execute("SELECT status FROM documents")} == {"ok"}


ORPHAN_SCRIPT = """
import sys, time
import goalparse.batch as batch

def hang(*args):
    time.sleep(120)

batch.convert = hang
batch.run_batch([sys.argv[1]], sys.argv[2], workers=2, progress=False)
"""


def test_pool_workers_exit_when_the_batch_parent_is_killed(tmp_path: Path) -> None:
    import psutil

    inputs = _corpus(tmp_path / "in", 2)
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, inputs[0], str(tmp_path / "g.db")])
    try:
        deadline = time.monotonic() + 30
        workers: list[Any] = []
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.1)
            workers = [p for p in psutil.Process(parent.pid).children() if p.cmdline()[:1] == [sys.executable]]
        assert len(workers) == 2, "the pool did not start"
        time.sleep(0.5)  # the workers are parsing (hanging) by now
        parent.kill()  # SIGKILL of the parent alone, not its process group
        parent.wait()
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"orphaned workers: {[p.pid for p in alive]}"
    finally:
        parent.kill()
        for p in psutil.Process().children(recursive=True):
            p.kill()


def test_self_evaluation_columns_and_workbook_places_are_stored(tmp_path: Path) -> None:
    from goalparse import parse_file
    from office_fixtures import xlsx_bytes

    from conftest import gold_for

    selfeval = ROOT / "samples" / "wild" / "16_anhui_xiaoxianzhangzhuangzhaizhen_selfeval_2023.txt"
    book = tmp_path / "sample.xlsx"
    book.write_bytes(xlsx_bytes(gold_for(SAMPLE_DOCS[0])))
    url = str(tmp_path / "b.db")
    quiet_run([str(selfeval), str(book)], url)
    con = sqlite3.connect(url)
    parsed = parse_file(selfeval)
    want = [(i.name, i.actual, i.weight, i.score) for t in parsed.tables for i in t.indicators]
    got = con.execute("SELECT name, actual, weight, score FROM indicators i JOIN documents d ON d.sha256 = "
                      "i.document_sha256 WHERE d.path LIKE '%selfeval%' ORDER BY table_index, indicator_index")
    assert list(got) == want and any(a for _, a, _, _ in want)
    places = con.execute("SELECT sheet, cell, source_row FROM indicators i JOIN documents d ON d.sha256 = "
                         "i.document_sha256 WHERE d.path LIKE '%.xlsx'").fetchall()
    assert places and all(sheet and cell and row for sheet, cell, row in places)


def test_a_database_of_an_earlier_version_gets_the_new_columns(tmp_path: Path) -> None:
    import goalparse.sinks.database as database_module
    from goalparse.sinks.database import SCHEMA

    old = SCHEMA
    for new in ("actual TEXT, weight TEXT, score TEXT, ", "sheet TEXT, cell TEXT, source_table INTEGER, source_row INTEGER,",
                "    place TEXT,\n"):
        old = old.replace(new, "")
    assert old != SCHEMA
    url = str(tmp_path / "old.db")
    con = sqlite3.connect(url)
    con.executescript(old.format(**database_module._TYPES["sqlite"]))
    con.close()
    quiet_run([str(SAMPLE_DOCS[0])], url)
    con = sqlite3.connect(url)
    names = {row[1] for row in con.execute("PRAGMA table_info(indicators)")}
    assert {"actual", "weight", "score", "sheet", "cell", "source_table", "source_row"} <= names
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] > 0


def test_json_lines_of_a_batch_replace_the_old_file_only_when_the_batch_is_done(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("关于印发预算绩效管理办法的通知\n")
    summary = quiet_run([*map(str, SAMPLE_DOCS), str(bad)], str(tmp_path / "g.db"), workers=2, jsonl=target)
    lines = target.read_bytes().splitlines()
    assert (summary.converted, summary.failed, len(lines)) == (4, 1, 4)
    assert sorted(orjson.loads(line)["source"] for line in lines) == sorted(map(str, SAMPLE_DOCS))
    assert not list(tmp_path.glob(".out.jsonl*"))  # no temporary file left beside it
