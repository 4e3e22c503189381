"""Sink: rows -> SQLite (default, embedded) or PostgreSQL (psycopg 3), one transaction per document.

The schema is created by the tool. Writing a document deletes its old rows (by
content hash, cascading to tables, indicators and warnings) and inserts the new
ones in one transaction, so a batch killed at any moment leaves every document
either fully written or absent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import regex

from ..errors import GoalparseError, MissingExtraError
from .rows import COLUMNS, DocumentRows

# Logical column types ({NAME} in SCHEMA) -> each dialect's. STAMP (an ISO 8601 UTC time the tool writes)
# is text in both, so existing databases need no migration; the columnar export types it as a timestamp.
_TYPES = {
    "sqlite": {"REAL": "REAL", "BOOL": "INTEGER", "JSON": "TEXT", "DATE": "TEXT", "BIGINT": "INTEGER",
               "STAMP": "TEXT"},
    "postgres": {"REAL": "DOUBLE PRECISION", "BOOL": "BOOLEAN", "JSON": "JSONB", "DATE": "DATE", "BIGINT": "BIGINT",
                 "STAMP": "TEXT"},
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size {BIGINT} NOT NULL,
    encoding TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error TEXT,
    error_code TEXT,
    parser_version TEXT NOT NULL,
    tables_count INTEGER NOT NULL,
    indicators_count INTEGER NOT NULL,
    warnings_count INTEGER NOT NULL,
    parse_seconds {REAL},
    converted_at {STAMP} NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
    document_sha256 TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    table_index INTEGER NOT NULL,
    title TEXT, year INTEGER, project_name TEXT, project_code TEXT, department TEXT, department_code TEXT,
    implementing_unit TEXT, project_attribute TEXT, project_source TEXT, project_period TEXT, project_type TEXT,
    owner TEXT, phone TEXT,
    funds_medium_term_total {REAL}, funds_medium_term_fiscal {REAL}, funds_medium_term_other {REAL},
    funds_medium_term_carryover {REAL}, funds_annual_total {REAL}, funds_annual_fiscal {REAL},
    funds_annual_other {REAL}, funds_annual_carryover {REAL},
    goals_medium_term TEXT, goals_annual TEXT, spending_plan {JSON},
    layout TEXT, confidence {REAL}, line_start INTEGER, line_end INTEGER, page_start INTEGER, page_end INTEGER,
    sheet TEXT, cell TEXT, source_table INTEGER, source_row INTEGER,
    PRIMARY KEY (document_sha256, table_index)
);
CREATE TABLE IF NOT EXISTS indicators (
    document_sha256 TEXT NOT NULL,
    table_index INTEGER NOT NULL,
    indicator_index INTEGER NOT NULL,
    period TEXT NOT NULL,
    level1 TEXT, level1_code TEXT, level2 TEXT, level2_code TEXT, level1_printed TEXT, level2_printed TEXT,
    name TEXT NOT NULL,
    value_raw TEXT NOT NULL, value_kind TEXT NOT NULL, value_op TEXT, value_number {REAL},
    value_number_max {REAL}, value_unit TEXT, value_base_number {REAL}, value_base_unit TEXT,
    value_deadline {DATE}, value_time {JSON}, value_parts {JSON},
    description TEXT, basis TEXT, actual TEXT, weight TEXT, score TEXT, inferred {BOOL} NOT NULL,
    confidence {REAL} NOT NULL, line INTEGER, page INTEGER, bbox {JSON},
    sheet TEXT, cell TEXT, source_table INTEGER, source_row INTEGER,
    PRIMARY KEY (document_sha256, table_index, indicator_index),
    FOREIGN KEY (document_sha256, table_index) REFERENCES tables (document_sha256, table_index) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS warnings (
    document_sha256 TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    table_index INTEGER,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    line INTEGER,
    page INTEGER,
    place TEXT,
    PRIMARY KEY (document_sha256, seq)
);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE INDEX IF NOT EXISTS tables_project ON tables (project_name);
CREATE INDEX IF NOT EXISTS tables_year_department ON tables (year, department_code);
CREATE INDEX IF NOT EXISTS indicators_level2 ON indicators (level2_code, period);
CREATE INDEX IF NOT EXISTS indicators_level1 ON indicators (level1_code);
CREATE INDEX IF NOT EXISTS indicators_kind ON indicators (value_kind);
CREATE INDEX IF NOT EXISTS warnings_code ON warnings (code);
"""


class Column(NamedTuple):
    """One column of a relation: its logical type (TEXT, INTEGER or a SCHEMA placeholder) and nullability."""

    name: str
    kind: str
    nullable: bool


class Relation(NamedTuple):
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]


def _relations(ddl: str) -> dict[str, Relation]:
    """The relations as SCHEMA declares them, so exports type their columns from the one definition."""
    out = {}
    for name, body in regex.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", ddl, flags=regex.S):
        columns, key = [], []
        for column in COLUMNS[name]:
            # The declaration, not a mention in a key or reference list (those are followed by ',' or ')').
            m = regex.search(rf"(?<![\w.]){column} (TEXT|INTEGER|\{{(\w+)\}})([^,\n]*)", body)
            if m is None:
                raise ValueError(f"SCHEMA declares no column {name}.{column}")
            primary = "PRIMARY KEY" in m.group(3)
            key += [column] if primary else []
            columns.append(Column(column, m.group(2) or m.group(1), not primary and "NOT NULL" not in m.group(3)))
        composite = regex.search(r"PRIMARY KEY \(([\w, ]+)\)", body)
        if composite:
            key = [k.strip() for k in composite.group(1).split(",")]
        out[name] = Relation(name, tuple(columns), tuple(key))
    return out


RELATIONS = _relations(SCHEMA)


class DatabaseError(GoalparseError):
    code = "GP009"


class Database:
    """One connection to the target database, SQLite or PostgreSQL."""

    def __init__(self, url: str, create: bool = True) -> None:
        """Connect; ``create=False`` (reading, as the report does) refuses a SQLite file that does not exist."""
        self.url = url
        self.dialect = "postgres" if url.startswith(("postgresql://", "postgres://")) else "sqlite"
        if not create and self.dialect == "sqlite":
            file = Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
            if not file.is_file():
                raise DatabaseError(url, "no such database file (run `goalparse batch` to create it)")
        if self.dialect == "postgres":
            try:
                import psycopg
            except ImportError:
                raise MissingExtraError("PostgreSQL output", "postgres") from None
        try:
            if self.dialect == "postgres":
                self.conn: Any = psycopg.connect(url, autocommit=False)
                self.mark = "%s"
            else:
                path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
                if create:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(path, isolation_level=None)
                if create:  # (switching the journal writes the file: a reader leaves it as it is)
                    self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                # WAL + NORMAL survives a killed process (not a power cut) and avoids an fsync per document.
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.mark = "?"
        except Exception as exc:  # driver errors vary; say which database failed
            raise DatabaseError(_safe_url(url), f"cannot open database ({type(exc).__name__}: {exc})") from None

    def create_schema(self) -> None:
        """Create the relations, and add the columns a database made by an earlier version lacks."""
        ddl = SCHEMA.format(**_TYPES[self.dialect])
        statements = [s.strip() for s in ddl.split(";") if s.strip()]
        self._transaction(lambda cur: [cur.execute(s) for s in statements])
        types = _TYPES[self.dialect]
        for relation in RELATIONS.values():
            have = self._columns(relation.name)
            missing = [c for c in relation.columns if c.name not in have]
            if missing:
                self._transaction(lambda cur, r=relation, m=missing: [
                    cur.execute(f"ALTER TABLE {r.name} ADD COLUMN {c.name} {types.get(c.kind, c.kind)}") for c in m])

    def _columns(self, table: str) -> set[str]:
        if self.dialect == "sqlite":
            return {str(row[1]) for row in self.conn.execute(f"PRAGMA table_info({table})")}
        with self.conn.cursor() as cur:
            rows = cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
                               (table,)).fetchall()
        self.conn.commit()
        return {str(row[0]) for row in rows}

    def _transaction(self, work: Any) -> None:
        if self.dialect == "sqlite":
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                work(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        else:
            with self.conn.transaction(), self.conn.cursor() as cur:
                work(cur)

    def state(self, sha256: str) -> tuple[str, str, str | None] | None:
        """(parser version, status, error code) of this content, or None when it is not in the database."""
        sql = f"SELECT parser_version, status, error_code FROM documents WHERE sha256 = {self.mark}"
        if self.dialect == "sqlite":
            row = self.conn.execute(sql, (sha256,)).fetchone()
        else:
            with self.conn.cursor() as cur:
                row = cur.execute(sql, (sha256,)).fetchone()
            self.conn.commit()
        return None if row is None else (str(row[0]), str(row[1]), None if row[2] is None else str(row[2]))

    def write(self, rows: DocumentRows) -> None:
        """Replace one document's rows in one transaction."""
        def work(cur: Any) -> None:
            cur.execute(f"DELETE FROM documents WHERE sha256 = {self.mark}", (rows.sha256,))
            cur.execute(self._insert("documents"), rows.document)
            for table in ("tables", "indicators", "warnings"):
                data = getattr(rows, table)
                if data:
                    cur.executemany(self._insert(table), data)
        self._transaction(work)

    def _insert(self, table: str) -> str:
        columns = COLUMNS[table]
        marks = ", ".join([self.mark] * len(columns))
        return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"

    def _select(self, table: str) -> str:
        return f"SELECT {', '.join(COLUMNS[table])} FROM {table} ORDER BY {', '.join(RELATIONS[table].key)}"

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of one table in key order (for tests and checks); a database without it raises."""
        if self.dialect == "sqlite":
            try:
                return [tuple(r) for r in self.conn.execute(self._select(table)).fetchall()]
            except sqlite3.DatabaseError as exc:
                raise DatabaseError(self.url, f"not a goalparse batch database ({exc})") from None
        with self.conn.cursor() as cur:
            result = [tuple(r) for r in cur.execute(self._select(table)).fetchall()]
        self.conn.commit()
        return result

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read-only transaction: every ``stream`` inside sees the same state, even while a batch writes."""
        if self.dialect == "sqlite":
            self.conn.execute("BEGIN")  # deferred: the first read fixes the snapshot (WAL)
            try:
                yield
            finally:
                self.conn.execute("ROLLBACK")
        else:
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield

    def stream(self, table: str, size: int) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of one table in key order, ``size`` at a time, without loading the table (a server-side
        cursor in PostgreSQL); a database without the table or its columns raises DatabaseError."""
        errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError, *_driver_errors())
        try:
            if self.dialect == "sqlite":
                cursor = self.conn.execute(self._select(table))
                while batch := cursor.fetchmany(size):
                    yield batch
            else:
                with self.conn.cursor(name=f"goalparse_{table}") as cur:
                    cur.itersize = size
                    cur.execute(self._select(table))
                    while batch := cur.fetchmany(size):
                        yield batch
        except errors as exc:
            raise DatabaseError(_safe_url(self.url), f"not a goalparse batch database ({exc})") from None

    def close(self) -> None:
        self.conn.close()


def _driver_errors() -> tuple[type[Exception], ...]:
    """psycopg's error class when it is installed (PostgreSQL is an extra)."""
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.Error,)


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
