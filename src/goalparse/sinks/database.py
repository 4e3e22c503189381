"""Sink: rows -> SQLite (default, embedded) or PostgreSQL (psycopg 3), one transaction per document.

The schema is created by the tool. Writing a document deletes its old rows (by
content hash, cascading to tables, indicators and warnings) and inserts the new
ones in one transaction, so a batch killed at any moment leaves every document
either fully written or absent.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..errors import GoalparseError
from .rows import COLUMNS, DocumentRows

_TYPES = {
    "sqlite": {"REAL": "REAL", "BOOL": "INTEGER", "JSON": "TEXT", "DATE": "TEXT", "BIGINT": "INTEGER"},
    "postgres": {"REAL": "DOUBLE PRECISION", "BOOL": "BOOLEAN", "JSON": "JSONB", "DATE": "DATE", "BIGINT": "BIGINT"},
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
    converted_at TEXT NOT NULL
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
    description TEXT, basis TEXT, inferred {BOOL} NOT NULL, confidence {REAL} NOT NULL,
    line INTEGER, page INTEGER, bbox {JSON},
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
        try:
            if self.dialect == "postgres":
                import psycopg

                self.conn: Any = psycopg.connect(url, autocommit=False)
                self.mark = "%s"
            else:
                path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(path, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA foreign_keys=ON")
                # WAL + NORMAL survives a killed process (not a power cut) and avoids an fsync per document.
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self.mark = "?"
        except Exception as exc:  # driver errors vary; say which database failed
            raise DatabaseError(_safe_url(url), f"cannot open database ({type(exc).__name__}: {exc})") from None

    def create_schema(self) -> None:
        ddl = SCHEMA.format(**_TYPES[self.dialect])
        statements = [s.strip() for s in ddl.split(";") if s.strip()]
        self._transaction(lambda cur: [cur.execute(s) for s in statements])

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

    def done(self, sha256: str) -> str | None:
        """Parser version that converted this content, or None when it is not in the database."""
        state = self.state(sha256)
        return None if state is None else state[0]

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

    def rows(self, table: str) -> list[tuple[Any, ...]]:
        """Every row of one table in key order (for tests and checks); a database without it raises."""
        order = {"documents": "sha256", "tables": "document_sha256, table_index",
                 "indicators": "document_sha256, table_index, indicator_index",
                 "warnings": "document_sha256, seq"}[table]
        sql = f"SELECT {', '.join(COLUMNS[table])} FROM {table} ORDER BY {order}"
        if self.dialect == "sqlite":
            try:
                return [tuple(r) for r in self.conn.execute(sql).fetchall()]
            except sqlite3.DatabaseError as exc:
                raise DatabaseError(self.url, f"not a goalparse batch database ({exc})") from None
        with self.conn.cursor() as cur:
            result = [tuple(r) for r in cur.execute(sql).fetchall()]
        self.conn.commit()
        return result

    def close(self) -> None:
        self.conn.close()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
