"""Composes the stages in order; nothing else.

read -> cells -> segment -> (header, align) -> build -> Document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .align import GridRow, Layout, align_row, detect_layout, grid_start
from .build import build_table
from .cells import Row, split_text
from .checks import check_table
from .errors import NoTableError
from .header import read_header
from .read import SourceText, read_bytes, read_path
from .records import Document
from .segment import Block, segment


@dataclass(frozen=True)
class TableTrace:
    """Every intermediate of one table, for ``goalparse debug``."""

    block: Block
    layout: Layout
    header_rows: tuple[Row, ...]
    grid: tuple[GridRow, ...]


def trace_block(block: Block) -> TableTrace:
    rows = list(block.rows)
    layout, header_at = detect_layout(rows)
    start = grid_start(rows, header_at)
    header_rows = rows[: header_at if header_at is not None else start]
    grid = [g for g in (align_row(r, layout) for r in rows[start:]) if g is not None]
    return TableTrace(block, layout, tuple(header_rows), tuple(grid))


def parse_source(src: SourceText) -> Document:
    """Parse decoded text; raises NoTableError when it holds no table."""
    blocks = segment(split_text(src.text))
    tables = []
    for block in blocks:
        t = trace_block(block)
        first = block.title_line or block.rows[0].line
        tables.append(build_table(
            src.source, block.title, block.year, read_header(list(t.header_rows)), t.layout,
            list(t.grid), (first, block.rows[-1].line),
        ))
    tables = [t for t in tables if t.indicators or t.project_name]
    for table in tables:
        table.warnings.extend(check_table(table))
    if not tables:
        raise NoTableError(src.source, "no performance-target table found")
    return Document(source=src.source, encoding=src.encoding, parser_version=__version__, tables=tables)


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse a text dump held in memory."""
    return parse_source(SourceText(source=source, text=text.replace("\r\n", "\n"), encoding="str"))


def parse_bytes(data: bytes, source: str = "<bytes>") -> Document:
    return parse_source(read_bytes(data, source))


def parse_file(path: str | Path) -> Document:
    """Parse one file from disk (text dumps; see the README for formats)."""
    return parse_source(read_path(path))
