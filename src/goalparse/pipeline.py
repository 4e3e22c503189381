"""Composes the stages in order; nothing else.

read -> cells -> segment -> (header, align) -> build -> Document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .align import GridRow, Layout, align_rows, detect_layout, grid_start
from .bounds import MAX_CELLS_PER_LINE
from .build import build_table
from .cells import Row, split_text
from .checks import check_table
from .emit import to_json
from .errors import NoTableError, TooLargeError
from .guard import run_bounded
from .header import read_header
from .pdf import PdfLimits, is_pdf, pdf_rows
from .read import Note, SourceText, read_bytes, read_file_bytes, repair_notes, repair_unicode
from .records import Diagnostic, Document, Provenance
from .segment import Block, segment


@dataclass(frozen=True)
class TableTrace:
    """Every intermediate of one table, for ``goalparse debug``."""

    block: Block
    layout: Layout
    header_rows: tuple[Row, ...]
    grid: tuple[GridRow, ...]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for one document, then restore it.

    A parse allocates many small containers and leaves no reference cycles
    (tests/test_pipeline.py checks), so collections during it free nothing:
    they only walk the parser's long-lived caches again, about a sixth of the
    text path's time. Left as it was when the caller had it disabled.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def trace_block(block: Block) -> TableTrace:
    rows = list(block.rows)
    layout, header_at = detect_layout(rows)
    start = grid_start(rows, header_at)
    header_rows = rows[: header_at if header_at is not None else start]
    grid = align_rows(rows[start:], layout)
    return TableTrace(block, layout, tuple(header_rows), tuple(grid))


def parse_rows(rows: list[Row], source: str, encoding: str | None) -> Document:
    """Segment, align and build; raises NoTableError when the rows hold no table."""
    with collector_paused():
        return _parse_rows(rows, source, encoding)


def _input_warnings(notes: tuple[Note, ...], rows: list[Row]) -> list[Diagnostic]:
    """Warnings about the input itself: text replaced while reading (GP504/505), lines cut (GP503)."""
    out = [Diagnostic(code=code, message=message, line=line) for code, line, message in notes]
    for row in rows:
        if row.cut:
            out.append(Diagnostic(code="GP503", line=row.line, message=(
                f"{row.width + row.cut:,} cells in one line; cells after the first {MAX_CELLS_PER_LINE} left out")))
    return out


def _parse_rows(rows: list[Row], source: str, encoding: str | None, notes: tuple[Note, ...] = ()) -> Document:
    tables = []
    for block in segment(rows):
        t = trace_block(block)
        first, last = block.rows[0], block.rows[-1]
        if first.page is not None:
            where = Provenance(source=source, page=first.page, page_end=last.page)
        else:
            where = Provenance(source=source, line=block.title_line or first.line, line_end=last.line)
        tables.append(build_table(
            source, block.title, block.year, read_header(list(t.header_rows)), t.layout, list(t.grid), where,
        ))
    tables = [t for t in tables if t.indicators or t.project_name]
    for table in tables:
        table.warnings.extend(check_table(table))
    if not tables:
        raise NoTableError(source, "no performance-target table found")
    return Document(source=source, encoding=encoding, parser_version=__version__, tables=tables,
                    warnings=_input_warnings(notes, rows))


def parse_source(src: SourceText) -> Document:
    """Parse decoded text."""
    with collector_paused():
        return _parse_rows(split_text(src.text), src.source, src.encoding, src.notes)


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse a text dump held in memory (lone surrogates are replaced, with a warning)."""
    text, surrogates = repair_unicode(text.replace("\r\n", "\n"))
    return parse_source(SourceText(source=source, text=text, encoding="str", notes=repair_notes([], surrogates)))


def parse_pdf_bytes(data: bytes, source: str = "<pdf>", limits: PdfLimits | None = None) -> Document:
    """Parse a PDF held in memory (ruled or unruled tables; see pdf.py)."""
    return parse_rows(pdf_rows(data, source, limits), source, "pdf")


def _pdf_json(data: bytes, source: str, limits: PdfLimits) -> bytes:
    return to_json(parse_pdf_bytes(data, source, limits), indent=False)


def parse_bytes(data: bytes, source: str = "<bytes>", limits: PdfLimits | None = None, *,
                bounded: bool = True) -> Document:
    """Parse a text dump or a PDF (told apart by content, not by file name).

    A PDF is parsed in a child process under the time and memory bounds of ``limits``
    (as the command line does), so a hostile file costs a ``TooLargeError``, not the
    caller's process; ``bounded=False`` parses it in this process (trusted input only).
    """
    limits = limits or PdfLimits()
    if not is_pdf(data):
        return parse_source(read_bytes(data, source))
    if bounded:
        payload = run_bounded(_pdf_json, (data, source, limits), source, limits.timeout_s, limits.max_memory_mb)
        return Document.model_validate_json(payload)
    try:
        return parse_pdf_bytes(data, source, limits)
    except MemoryError:
        raise TooLargeError(source, "ran out of memory (parse it bounded to set a memory bound)") from None


# The name the command line and batch have used; the same bounded parse.
parse_bytes_bounded = parse_bytes


def file_rows(path: str | Path, limits: PdfLimits | None = None) -> tuple[list[Row], str]:
    """Rows of cells of one file, text dump or PDF (told apart by content), and its encoding."""
    limits = limits or PdfLimits()
    data = read_file_bytes(path, limits.max_bytes)
    if is_pdf(data):
        return pdf_rows(data, str(path), limits), "pdf"
    src = read_bytes(data, str(path))
    return split_text(src.text), src.encoding


def parse_file(path: str | Path, limits: PdfLimits | None = None, *, bounded: bool = True) -> Document:
    """Parse one file from disk: a text dump or a PDF (bounded as in ``parse_bytes``)."""
    limits = limits or PdfLimits()
    return parse_bytes(read_file_bytes(path, limits.max_bytes), str(path), limits, bounded=bounded)
