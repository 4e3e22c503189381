"""Parquet and CSV export of a batch database: read back and compared with the database, value by value."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from goalparse.batch import run_batch
from goalparse.cli import main
from goalparse.sinks import columnar
from goalparse.sinks.columnar import export
from goalparse.sinks.database import Database
from goalparse.sinks.rows import COLUMNS, JSON_COLUMNS

from conftest import SAMPLE_DOCS, SAMPLES

RELATIONS = ("documents", "tables", "indicators", "warnings")
KEYS = {"documents": ("sha256",), "tables": ("document_sha256", "table_index"),
        "indicators": ("document_sha256", "table_index", "indicator_index"), "warnings": ("document_sha256", "seq")}
INPUTS = [str(p) for p in SAMPLE_DOCS] + [str(p) for p in sorted((SAMPLES / "wild").glob("*.txt"))]
MISSING_EXTRA = "Error: Parquet output needs the optional extra: pip install 'goalparse[parquet]'"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A batch over the samples and the wild corpus (text dumps), in SQLite; a few wild files hold no
    performance table, so there are error rows (NULL columns) too."""
    url = str(tmp_path_factory.mktemp("export") / "g.db")
    summary = run_batch(INPUTS, url, workers=2, stream=io.StringIO(), progress=False)
    assert summary.converted + summary.failed == len(INPUTS) and summary.failed > 0
    return url


def db_rows(url: str, relation: str) -> list[dict[str, Any]]:
    """The database's rows in key order as Python values, read with the plain driver."""
    if url.startswith("postgresql://"):
        db = Database(url)
        rows = db.rows(relation)
        db.close()
    else:
        con = sqlite3.connect(url)
        rows = con.execute(f"SELECT {', '.join(COLUMNS[relation])} FROM {relation} "
                           f"ORDER BY {', '.join(KEYS[relation])}").fetchall()
        con.close()
    return [{c: _plain(c, v) for c, v in zip(COLUMNS[relation], row, strict=True)} for row in rows]


def _plain(column: str, value: Any) -> Any:
    """A stored value as the export promises to type it (SQLite keeps dates and times as text, booleans as 0/1)."""
    if value is None:
        return None
    if column in JSON_COLUMNS:
        return json.loads(value) if isinstance(value, str) else value
    if column == "value_deadline" and isinstance(value, str):
        return date.fromisoformat(value)
    if column == "converted_at":
        return datetime.fromisoformat(value).astimezone(UTC)
    if column == "inferred":
        return bool(value)
    return value


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    for row in rows:
        for column in JSON_COLUMNS & row.keys():
            if row[column] is not None:
                row[column] = json.loads(row[column])
    return rows


def csv_rows(path: Path, relation: str) -> list[dict[str, Any]]:
    """The CSV read back with the csv module, each field parsed by what the column holds."""
    schema = {f.name: f for f in columnar.arrow_schema(columnar.RELATIONS[relation])}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == list(COLUMNS[relation])
        return [{c: _parse_csv(schema[c], v) for c, v in row.items()} for row in reader]


def _parse_csv(f: pa.Field, text: str) -> Any:
    if f.name in JSON_COLUMNS:
        return json.loads(text) if text else None
    if pa.types.is_string(f.type):
        return text  # NULL and '' are both an empty field in CSV
    if text == "":
        return None
    if pa.types.is_integer(f.type):
        return int(text)
    if pa.types.is_floating(f.type):
        return float(text)
    if pa.types.is_boolean(f.type):
        return {"true": True, "false": False}[text]
    if pa.types.is_date(f.type):
        return date.fromisoformat(text)
    assert pa.types.is_timestamp(f.type), f.name
    return datetime.fromisoformat(text)


def _text_nulls_as_empty(rows: list[dict[str, Any]], relation: str) -> list[dict[str, Any]]:
    """CSV has no NULL apart from the empty field: a NULL text cell reads back as ''."""
    schema = {f.name: f for f in columnar.arrow_schema(columnar.RELATIONS[relation])}
    return [{c: "" if v is None and pa.types.is_string(schema[c].type) and c not in JSON_COLUMNS else v
             for c, v in row.items()} for row in rows]


def test_parquet_files_hold_every_row_and_value_of_the_database(db_url: str, tmp_path: Path) -> None:
    done = export(db_url, tmp_path, "parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{r}.parquet" for r in RELATIONS)
    for relation in RELATIONS:
        expected = db_rows(db_url, relation)
        got = parquet_rows(tmp_path / f"{relation}.parquet")
        assert done.rows[relation] == len(got) == len(expected) > 0, relation
        assert got == expected, relation
        assert pq.read_schema(tmp_path / f"{relation}.parquet").metadata[b"goalparse.primary_key"] == \
            ",".join(KEYS[relation]).encode()
    indicators = pq.read_table(tmp_path / "indicators.parquet")
    keys = set(zip(*(indicators.column(k).to_pylist() for k in KEYS["indicators"]), strict=True))
    assert len(keys) == indicators.num_rows  # the database's key is a key of the file too


def test_parquet_column_types(db_url: str, tmp_path: Path) -> None:
    export(db_url, tmp_path, "parquet")
    types = {r: pq.read_schema(tmp_path / f"{r}.parquet") for r in RELATIONS}
    expect = {
        ("documents", "sha256"): (pa.string(), False), ("documents", "size"): (pa.int64(), False),
        ("documents", "parse_seconds"): (pa.float64(), True), ("documents", "error"): (pa.string(), True),
        ("documents", "converted_at"): (pa.timestamp("ms", tz="UTC"), False),
        ("tables", "document_sha256"): (pa.string(), False), ("tables", "table_index"): (pa.int32(), False),
        ("tables", "year"): (pa.int32(), True), ("tables", "funds_annual_total"): (pa.float64(), True),
        ("tables", "spending_plan"): (pa.string(), True),
        ("indicators", "indicator_index"): (pa.int32(), False), ("indicators", "inferred"): (pa.bool_(), False),
        ("indicators", "value_number"): (pa.float64(), True), ("indicators", "value_deadline"): (pa.date32(), True),
        ("indicators", "confidence"): (pa.float64(), False), ("indicators", "name"): (pa.string(), False),
        ("warnings", "seq"): (pa.int32(), False), ("warnings", "table_index"): (pa.int32(), True),
    }
    for (relation, column), (kind, nullable) in expect.items():
        f = types[relation].field(column)
        assert (f.type, f.nullable) == (kind, nullable), f"{relation}.{column}"
    for relation in RELATIONS:
        assert types[relation].names == list(COLUMNS[relation])
    deadlines = pq.read_table(tmp_path / "indicators.parquet", columns=["value_deadline"]).column(0)
    assert deadlines.null_count < len(deadlines), "the corpus has dated indicators"


def test_csv_files_hold_every_row_and_value_of_the_database(db_url: str, tmp_path: Path) -> None:
    done = export(db_url, tmp_path, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{r}.csv" for r in RELATIONS)
    for relation in RELATIONS:
        expected = _text_nulls_as_empty(db_rows(db_url, relation), relation)
        got = csv_rows(tmp_path / f"{relation}.csv", relation)
        assert done.rows[relation] == len(got) == len(expected) > 0, relation
        assert got == expected, relation


def test_small_batches_and_row_groups_give_the_same_files(db_url: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    export(db_url, tmp_path / "whole", "parquet")
    monkeypatch.setattr(columnar, "ROW_GROUP_ROWS", 50)
    export(db_url, tmp_path / "streamed", "parquet", batch_rows=7)
    for relation in RELATIONS:
        whole, streamed = (pq.ParquetFile(tmp_path / d / f"{relation}.parquet") for d in ("whole", "streamed"))
        assert streamed.read().equals(whole.read()), relation
    assert pq.ParquetFile(tmp_path / "streamed" / "indicators.parquet").num_row_groups > 10


def test_command_line_export_and_batch_parquet(db_url: str, tmp_path: Path) -> None:
    code, err = run("export", "--db", db_url, "--to", str(tmp_path / "csv"), "--format", "csv")
    counts = {r: len(db_rows(db_url, r)) for r in RELATIONS}
    assert code == 0
    assert err.startswith(f"exported {counts['documents']} documents, {counts['tables']} tables, "
                          f"{counts['indicators']} indicators, {counts['warnings']} warnings to {tmp_path / 'csv'} (csv)")
    url = str(tmp_path / "b.db")
    code, _ = run("batch", *INPUTS[:4], "--db", url, "--parquet", str(tmp_path / "pq"), "-q", "--workers", "1")
    assert code == 0
    for relation in RELATIONS:
        assert parquet_rows(tmp_path / "pq" / f"{relation}.parquet") == db_rows(url, relation)


def _interrupt_at(relation: str) -> Any:
    original = Database.stream

    def stream(self: Database, table: str, size: int) -> Iterator[list[tuple[Any, ...]]]:
        for number, rows in enumerate(original(self, table, size)):
            if table == relation and number == 1:
                raise KeyboardInterrupt
            yield rows
    return stream


def test_an_interrupted_export_leaves_the_previous_files_and_no_temporary_ones(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = str(tmp_path / "small.db")
    run_batch(INPUTS[:1], small, workers=1, stream=io.StringIO(), progress=False)
    for fmt in ("parquet", "csv"):
        export(small, tmp_path / "out", fmt)  # type: ignore[arg-type]
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    monkeypatch.setattr(Database, "stream", _interrupt_at("indicators"))
    for fmt in ("parquet", "csv"):
        with pytest.raises(KeyboardInterrupt):
            export(db_url, tmp_path / "out", fmt, batch_rows=20)  # type: ignore[arg-type]
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_missing_pyarrow_is_a_one_line_error_naming_the_extra(db_url: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, err = run("export", "--db", db_url, "--to", str(tmp_path / "pq"))
    assert (code, err) == (1, MISSING_EXTRA + "\n")
    assert not (tmp_path / "pq").exists()
    url = str(tmp_path / "b.db")
    code, err = run("batch", *INPUTS[:2], "--db", url, "--parquet", str(tmp_path / "pq"))
    assert (code, err) == (1, MISSING_EXTRA + "\n")
    assert not Path(url).exists(), "nothing is converted when the export cannot be written"
    code, _ = run("export", "--db", db_url, "--to", str(tmp_path / "csv"), "--format", "csv", "-q")
    assert code == 0 and len(list((tmp_path / "csv").iterdir())) == 4  # CSV needs no pyarrow


@pytest.mark.parametrize(("column", "stored", "formats"), [
    ("value_deadline", "'2021-13-45'", ("parquet", "csv")),
    ("line", "3000000000", ("parquet",)),  # INTEGER is int32; CSV has no width
])
def test_a_value_that_does_not_fit_its_type_is_named_with_its_row(tmp_path: Path, column: str, stored: str,
                                                                  formats: tuple[str, ...]) -> None:
    url = str(tmp_path / "bad.db")
    run_batch(INPUTS[:1], url, workers=1, stream=io.StringIO(), progress=False)
    con = sqlite3.connect(url)
    sha = con.execute("SELECT sha256 FROM documents").fetchone()[0]
    con.execute(f"UPDATE indicators SET {column} = {stored} WHERE indicator_index = 3 AND table_index = 0")
    con.commit()
    kind = {"value_deadline": "DATE", "line": "INTEGER"}[column]
    for fmt in formats:
        code, err = run("export", "--db", url, "--to", str(tmp_path / "out"), "--format", fmt)
        assert (code, err) == (1, f"Error: indicators.{column}: {stored} is not a valid {kind} "
                                  f"(row document_sha256='{sha}', table_index=0, indicator_index=3)\n"), fmt
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_missing_and_foreign_databases_are_one_line_errors(tmp_path: Path) -> None:
    code, err = run("export", "--db", str(tmp_path / "none.db"), "--to", str(tmp_path / "out"))
    assert (code, err) == (1, f"Error: {tmp_path / 'none.db'}: no such database file (run `goalparse batch` to create it)\n")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE documents (x)").connection.commit()
    code, err = run("export", "--db", str(other), "--to", str(tmp_path / "out"), "--format", "csv")
    assert code == 1 and err.startswith(f"Error: {other}: not a goalparse batch database (")
    assert not list((tmp_path / "out").iterdir()), "no file, not even a temporary one"


def test_an_empty_database_gives_empty_files_with_their_schema(tmp_path: Path) -> None:
    url = str(tmp_path / "empty.db")
    db = Database(url)
    db.create_schema()
    db.close()
    done = export(url, tmp_path / "out", "parquet")
    assert done.rows == dict.fromkeys(RELATIONS, 0)
    table = pq.read_table(tmp_path / "out" / "indicators.parquet")
    assert table.num_rows == 0 and table.schema.field("value_deadline").type == pa.date32()


def test_postgresql_exports_the_same_values_as_sqlite(db_url: str, tmp_path: Path, pg_url: str) -> None:
    run_batch(INPUTS, pg_url, workers=2, stream=io.StringIO(), progress=False)
    export(pg_url, tmp_path / "pg", "parquet")
    export(db_url, tmp_path / "lite", "parquet")
    run_columns = {"parse_seconds", "converted_at"}
    for relation in RELATIONS:
        pg, lite = (parquet_rows(tmp_path / d / f"{relation}.parquet") for d in ("pg", "lite"))
        assert len(pg) == len(lite) > 0, relation
        strip = [{c: v for c, v in row.items() if c not in run_columns} for row in pg]
        assert strip == [{c: v for c, v in row.items() if c not in run_columns} for row in lite], relation
        assert pq.read_schema(tmp_path / "pg" / f"{relation}.parquet").equals(
            pq.read_schema(tmp_path / "lite" / f"{relation}.parquet"), check_metadata=True), relation
    assert parquet_rows(tmp_path / "pg" / "indicators.parquet") == db_rows(pg_url, "indicators")
    export(pg_url, tmp_path / "pgcsv", "csv")
    assert csv_rows(tmp_path / "pgcsv" / "warnings.csv", "warnings") == \
        _text_nulls_as_empty(db_rows(pg_url, "warnings"), "warnings")


@pytest.mark.parametrize(("module", "args", "extra"), [
    ("psycopg", ["--db", "postgresql://localhost/none"], "postgres"),
    ("dask.distributed", ["--engine", "dask"], "dask"),
])
def test_missing_database_driver_or_engine_names_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           module: str, args: list[str], extra: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    if "--db" not in args:
        args = [*args, "--db", str(tmp_path / "b.db")]
    code, err = run("batch", INPUTS[0], "-q", *args)
    assert code == 1 and err.startswith("Error: ") and f"pip install 'goalparse[{extra}]'" in err, err
    assert "Traceback" not in err


def test_reading_a_database_leaves_its_journal_mode_alone(tmp_path: Path) -> None:
    # A SQLite file made elsewhere in rollback-journal mode: export and review only read it.
    path = tmp_path / "made-elsewhere.db"
    made = Database(f"sqlite:///{path}")
    made.create_schema()
    made.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    Database(f"sqlite:///{path}", create=False).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
