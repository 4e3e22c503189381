"""Sink: the batch database -> one Parquet or CSV file per relation, for pandas, DuckDB and Polars.

Given a database URL (SQLite or PostgreSQL) and a folder, writes ``documents``,
``tables``, ``indicators`` and ``warnings`` (``.parquet`` or ``.csv``) with the
database's columns, in key order. Column types come from the logical types that
``database.SCHEMA`` declares, the same in both dialects:

    TEXT -> string   INTEGER -> int32   BIGINT -> int64   REAL -> float64   BOOL -> bool
    DATE -> date32   STAMP -> timestamp[ms, UTC]   JSON -> string (JSON text)

Rows are read a batch at a time inside one read-only snapshot, so a large database
is never loaded at once and the four files agree with each other. Every file is
written to a temporary name and renamed only when all four are complete. Parquet
needs pyarrow (``goalparse[parquet]``); CSV is written with the standard library.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from .. import __version__
from ..errors import GoalparseError, MissingExtraError
from .database import RELATIONS, Column, Database, Relation
from .files import atomic_path

if TYPE_CHECKING:  # pyarrow is the optional extra: imported where used, after require()
    import pyarrow as pa

Format = Literal["parquet", "csv"]
FORMATS: tuple[Format, ...] = ("parquet", "csv")
# Rows fetched from the database per step, and rows per Parquet row group (several steps' batches):
# a step's Python tuples stay small, a row group big enough for readers to scan fast.
BATCH_ROWS = 10_000
ROW_GROUP_ROWS = 100_000


class ExportError(GoalparseError):
    """The export cannot be written (an unwritable folder) or a stored value does not fit its column's type."""

    code = "GP012"


@dataclass
class Exported:
    """What an export wrote: rows per relation, the files and the time it took."""

    folder: Path
    format: Format
    rows: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.rows.items())
        return f"exported {counts} to {self.folder} ({self.format}) in {self.seconds:.1f} s"


def require(fmt: Format) -> None:
    """Raise MissingExtraError now when ``fmt`` needs a package that is not installed (before a long batch)."""
    if fmt == "parquet":
        _require_pyarrow()


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingExtraError("Parquet output", "parquet") from None


def _int32(value: Any) -> int:
    number = int(value)
    if not -(2**31) <= number < 2**31:
        raise OverflowError(f"{number} is outside 32 bits")
    return number


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _stamp(value: Any) -> datetime:
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _json(value: Any) -> str:
    # SQLite keeps the JSON text as written; PostgreSQL's JSONB comes back parsed.
    return value if isinstance(value, str) else orjson.dumps(value).decode()


# From a driver's value (SQLite or psycopg) to the column's Python type; None passes through.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "TEXT": str, "INTEGER": _int32, "BIGINT": int, "REAL": float, "BOOL": bool,
    "DATE": _date, "STAMP": _stamp, "JSON": _json,
}


# Types both drivers already return as pyarrow takes them: handed over without a Python pass.
_NATIVE = frozenset({"TEXT", "INTEGER", "BIGINT", "REAL"})


def _typed(column: Column, values: Sequence[Any]) -> list[Any]:
    convert = _CONVERT[column.kind]
    return [None if v is None else convert(v) for v in values]


def arrow_schema(relation: Relation) -> pa.Schema:
    """The Parquet schema of one relation: its columns' types, nullability and the key in the metadata."""
    import pyarrow as pa
    types = {"TEXT": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "REAL": pa.float64(),
             "BOOL": pa.bool_(), "DATE": pa.date32(), "STAMP": pa.timestamp("ms", tz="UTC"), "JSON": pa.string()}
    fields = [pa.field(c.name, types[c.kind], nullable=c.nullable, metadata={"goalparse.type": c.kind})
              for c in relation.columns]
    return pa.schema(fields, metadata={"goalparse.primary_key": ",".join(relation.key),
                                       "goalparse.version": __version__})


def _bad_value(relation: Relation, rows: Sequence[tuple[Any, ...]], index: int, exc: Exception) -> ExportError:
    """Which row and column could not be typed: found again value by value (this runs only on failure)."""
    column = relation.columns[index]
    names = [c.name for c in relation.columns]
    for row in rows:
        try:
            _typed(column, [row[index]])
        except (ValueError, TypeError, OverflowError):
            key = ", ".join(f"{k}={row[names.index(k)]!r}" for k in relation.key)
            return ExportError(f"{relation.name}.{column.name}",
                               f"{row[index]!r} is not a valid {column.kind} (row {key})")
    return ExportError(f"{relation.name}.{column.name}", f"value out of range for {column.kind} ({exc})")


def _record_batch(schema: pa.Schema, relation: Relation, rows: Sequence[tuple[Any, ...]]) -> pa.RecordBatch:
    import pyarrow as pa
    arrays = []
    for index, (column, values) in enumerate(zip(relation.columns, zip(*rows, strict=True), strict=True)):
        try:
            typed = values if column.kind in _NATIVE else _typed(column, values)
            arrays.append(pa.array(typed, type=schema.field(index).type))
        except (ValueError, TypeError, OverflowError, pa.ArrowException) as exc:
            raise _bad_value(relation, rows, index, exc) from None
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _write_parquet(path: Path, relation: Relation, batches: Iterable[list[tuple[Any, ...]]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(relation)
    count = 0
    pending: list[pa.RecordBatch] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for rows in batches:
            pending.append(_record_batch(schema, relation, rows))
            count += len(rows)
            if sum(b.num_rows for b in pending) >= ROW_GROUP_ROWS:
                writer.write_table(pa.Table.from_batches(pending, schema=schema))
                pending = []
        if pending or count == 0:  # an empty relation still gets its schema (and one empty row group)
            writer.write_table(pa.Table.from_batches(pending, schema=schema))
    return count


def csv_text(column: Column, value: Any) -> str:
    """One CSV field: NULL is empty, booleans true/false, floats in shortest round-trip form, times ISO 8601.

    >>> csv_text(Column("inferred", "BOOL", False), 1), csv_text(Column("x", "REAL", True), None)
    ('true', '')
    """
    if value is None:
        return ""
    typed = _CONVERT[column.kind](value)
    if column.kind == "BOOL":
        return "true" if typed else "false"
    if column.kind in ("DATE", "STAMP"):
        return str(typed.isoformat())
    return str(typed)


def _write_csv(path: Path, relation: Relation, batches: Iterable[list[tuple[Any, ...]]]) -> int:
    # Text and numbers go to the csv module as stored (it writes None as an empty field and floats by repr).
    typed = [i for i, c in enumerate(relation.columns) if c.kind not in _NATIVE]
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow([c.name for c in relation.columns])
        for rows in batches:
            for row in rows:
                fields = list(row)
                for i in typed:
                    try:
                        fields[i] = csv_text(relation.columns[i], row[i])
                    except (ValueError, TypeError, OverflowError) as exc:
                        raise _bad_value(relation, [row], i, exc) from None
                out.writerow(fields)
            count += len(rows)
    return count


def export(db_url: str, folder: Path, fmt: Format, batch_rows: int = BATCH_ROWS) -> Exported:
    """Write every relation of the database into ``folder`` as ``<relation>.<fmt>``; see the module docstring."""
    require(fmt)
    started = time.perf_counter()
    write = _write_parquet if fmt == "parquet" else _write_csv
    result = Exported(folder, fmt)
    db = Database(db_url, create=False)
    try:
        with db.snapshot(), ExitStack() as renames:
            for relation in RELATIONS.values():
                target = folder / f"{relation.name}.{fmt}"
                tmp = renames.enter_context(atomic_path(target))
                result.rows[relation.name] = write(tmp, relation, db.stream(relation.name, batch_rows))
                result.files.append(target)
    except OSError as exc:
        raise ExportError(str(folder), f"cannot write ({exc.strerror or exc})") from None
    finally:
        db.close()
    result.seconds = time.perf_counter() - started
    return result

