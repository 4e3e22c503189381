"""Composes the steps in order; nothing else.

read -> tokens -> mend -> tables -> (fields, schema) -> rows -> place -> assemble -> checks -> Document.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .assemble.checks import check_table
from .assemble.table import build_table
from .decode.fields import read_fields
from .decode.mend import mend
from .decode.place import place_rows
from .decode.rows import assemble_rows
from .decode.schema import split_region
from .decode.tables import find_tables
from .decode.tokens import tokenize
from .emit import to_json
from .errors import NoTableError
from .intermediate import Region, TableTrace, Token
from .read.guard import run_bounded
from .read.pdf import PdfLimits, is_pdf, pdf_tokens
from .read.text import SourceText, read_bytes, read_file_bytes
from .records import Document, Provenance, Table


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


def trace_region(region: Region) -> TableTrace:
    """Decode one table region, keeping every intermediate."""
    parts = split_region(region)
    rows, unused = assemble_rows(parts.body, parts.schema)
    placed = place_rows(rows, parts.schema)
    return TableTrace(region, parts, tuple(rows), tuple(placed), read_fields(parts.fields), tuple(unused))


def _table(trace: TableTrace, source: str, last_in_text: bool) -> Table:
    region = trace.region
    first, last = region.tokens[0], region.tokens[-1]
    if first.page is not None:
        where = Provenance(source=source, page=first.page, page_end=last.page)
    else:
        where = Provenance(source=source, line=region.title_line or first.line, line_end=last.line)
    # A table still open when the text ends, whose last row never got its value, was cut there.
    tail = trace.placed[-1] if trace.placed else None
    cut = last_in_text and region.ended_by is None and tail is not None and tail.get("value") is None
    return build_table(source, region.title, region.year, trace.header, trace.parts.schema,
                       list(trace.placed), where, cut_at=tail.row.line if cut and tail else None)


def mended(tokens: list[Token]) -> list[Token]:
    """The stream the table finder reads: glued cells split, broken headings joined."""
    return mend(tokens)


def trace_tokens(tokens: list[Token]) -> list[TableTrace]:
    """Every table's intermediates, from a document's raw token stream."""
    return [trace_region(r) for r in find_tables(mended(tokens))]


def parse_tokens(tokens: list[Token], source: str, encoding: str | None) -> Document:
    """Decode a token stream; raises NoTableError when it holds no table."""
    with collector_paused():
        traces = trace_tokens(tokens)
        tables = [_table(t, source, n == len(traces) - 1) for n, t in enumerate(traces)]
    tables = [t for t in tables if t.indicators or t.project_name]
    for table in tables:
        table.warnings.extend(check_table(table))
    if not tables:
        raise NoTableError(source, "no performance-target table found")
    return Document(source=source, encoding=encoding, parser_version=__version__, tables=tables)


def parse_source(src: SourceText) -> Document:
    """Parse decoded text."""
    return parse_tokens(tokenize(src.text), src.source, src.encoding)


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse a text dump held in memory."""
    return parse_source(SourceText(source=source, text=text.replace("\r\n", "\n"), encoding="str"))


def parse_pdf_bytes(data: bytes, source: str = "<pdf>", limits: PdfLimits | None = None) -> Document:
    """Parse a PDF held in memory (ruled or unruled tables; see pdf.py)."""
    return parse_tokens(pdf_tokens(data, source, limits), source, "pdf")


def _pdf_json(data: bytes, source: str, limits: PdfLimits) -> bytes:
    return to_json(parse_pdf_bytes(data, source, limits), indent=False)


def parse_bytes_bounded(data: bytes, source: str, limits: PdfLimits | None = None) -> Document:
    """Like parse_bytes, but a PDF is parsed in a child process under the time and memory bounds."""
    limits = limits or PdfLimits()
    if is_pdf(data):
        payload = run_bounded(_pdf_json, (data, source, limits), source, limits.timeout_s, limits.max_memory_mb)
        return Document.model_validate_json(payload)
    return parse_source(read_bytes(data, source))


def parse_bytes(data: bytes, source: str = "<bytes>", limits: PdfLimits | None = None) -> Document:
    """Parse a text dump or a PDF (told apart by content, not by file name)."""
    if is_pdf(data):
        return parse_pdf_bytes(data, source, limits)
    return parse_source(read_bytes(data, source))


def file_tokens(path: str | Path, limits: PdfLimits | None = None) -> tuple[list[Token], str]:
    """The token stream of one file, text dump or PDF (told apart by content), and its encoding."""
    limits = limits or PdfLimits()
    data = read_file_bytes(path, limits.max_bytes)
    if is_pdf(data):
        return pdf_tokens(data, str(path), limits), "pdf"
    src = read_bytes(data, str(path))
    return tokenize(src.text), src.encoding


def parse_file(path: str | Path, limits: PdfLimits | None = None) -> Document:
    """Parse one file from disk: a text dump or a PDF."""
    tokens, encoding = file_tokens(path, limits)
    return parse_tokens(tokens, str(path), encoding)
