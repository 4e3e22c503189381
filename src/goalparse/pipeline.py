"""Composes the steps in order; nothing else.

read -> tokens -> mend -> tables -> (fields, schema) -> rows -> place -> assemble -> checks -> Document.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .assemble.checks import check_table
from .assemble.table import build_table, read_by_ocr, split_bracketed_value
from .decode.fields import read_fields
from .decode.mend import mend
from .decode.place import place_rows
from .decode.rows import assemble_rows
from .decode.schema import split_region
from .decode.spans import realign_spans
from .decode.tables import find_tables
from .decode.tokens import tokenize, tokenize_noted
from .emit import to_json
from .errors import MissingExtraError, NoTableError, TooLargeError
from .intermediate import Region, TableTrace, Token
from .lexicon.bounds import MAX_CELLS_PER_LINE
from .lexicon.classify import document_scope
from .read.delimited import delimited_tokens, delimiter_of
from .read.grid import CHILD_FORMATS, Format, GridTokens, has_table, is_page, locate, sniff
from .read.guard import run_bounded
from .read.pdf import PdfLimits, pdf_tokens
from .read.sheet import sheet_tokens
from .read.text import Note, SourceText, read_bytes, read_file_bytes, repair_notes, repair_unicode
from .read.web import html_tokens
from .read.word import docx_tokens
from .records import Diagnostic, Document, Provenance, Table


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
    placed = realign_spans(place_rows(rows, parts.schema), parts.schema)
    header = read_fields(parts.fields, region.preamble)
    return TableTrace(region, parts, tuple(rows), tuple(placed), header, tuple(unused))


def _table(trace: TableTrace, source: str, last_in_text: bool) -> Table:
    region = trace.region
    first, last = region.tokens[0], region.tokens[-1]
    ocr_confidence, ocr_notes = read_by_ocr(region.tokens)
    if first.page is not None:
        where = Provenance(source=source, page=first.page, page_end=last.page, ocr_confidence=ocr_confidence)
    else:
        where = Provenance(source=source, line=region.title_line or first.line, line_end=last.line)
    # A table still open when the text ends, whose last row never got its value, was cut there.
    tail = trace.placed[-1] if trace.placed else None
    # (A positioned line may print its empty value cell: only rows read from a stream or a line of
    # cells without positions are taken as cut.)
    # A name holding its value in brackets (指标1:机柜数量(≥77台)) is a whole row.
    name = tail.get("name") if tail is not None else None
    cut = (last_in_text and region.ended_by is None and tail is not None and tail.get("value") is None
           and not tail.row.positioned and not (name is not None and split_bracketed_value(name.text)))
    table = build_table(source, region.title, region.year, trace.header, trace.parts.schema,
                        list(trace.placed), where, cut_at=tail.row.line if cut and tail else None)
    table.warnings.extend(ocr_notes)
    return table


def mended(tokens: list[Token]) -> list[Token]:
    """The stream the table finder reads: glued cells split, broken headings joined."""
    return mend(tokens)


def trace_tokens(tokens: list[Token]) -> list[TableTrace]:
    """Every table's intermediates, from a document's raw token stream."""
    with document_scope():
        return [trace_region(r) for r in find_tables(mended(tokens))]


def _input_warnings(notes: tuple[Note, ...], cut: list[tuple[int, int]]) -> list[Diagnostic]:
    """Warnings about the input itself: text replaced while reading (GP504/505), lines cut (GP503)."""
    out = [Diagnostic(code=code, message=message, line=line) for code, line, message in notes]
    for line, cells in cut:
        out.append(Diagnostic(code="GP503", line=line, message=(
            f"{cells:,} cells in one line; cells after the first {MAX_CELLS_PER_LINE} left out")))
    return out


def parse_tokens(tokens: list[Token], source: str, encoding: str | None,
                 warnings: list[Diagnostic] | None = None) -> Document:
    """Decode a token stream; raises NoTableError when it holds no table."""
    with collector_paused(), document_scope():
        traces = trace_tokens(tokens)
        tables = [_table(t, source, n == len(traces) - 1) for n, t in enumerate(traces)]
    tables = [t for t in tables if t.indicators or t.project_name]
    for table in tables:
        table.warnings.extend(check_table(table))
    if not tables:
        raise NoTableError(source, "no performance-target table found")
    return Document(source=source, encoding=encoding, parser_version=__version__, tables=tables,
                    warnings=warnings or [])


def parse_source(src: SourceText) -> Document:
    """Parse decoded text (the collector paused from the first token: tokenizing makes no cycles either);
    comma-separated values are read as a sheet's rows."""
    delimiter = delimiter_in(src)
    if delimiter is not None:
        grid = delimited_tokens(src.text, src.source, delimiter)
        notes = _input_warnings(src.notes, []) + grid.notes
        return locate(parse_tokens(grid.tokens, src.source, f"csv ({src.encoding})", notes), grid.places)
    with collector_paused():
        tokens, cut = tokenize_noted(src.text)
        return parse_tokens(tokens, src.source, src.encoding, _input_warnings(src.notes, cut))


def delimiter_in(src: SourceText) -> str | None:
    """A .csv file's comma, or the delimiter of text shaped as a sheet's rows (CSV, or tab rows with quoted
    multi-line cells); None for other text."""
    return "," if src.source.lower().endswith(".csv") else delimiter_of(src.text)


def _parse_html(data: bytes, source: str) -> Document:
    """A web page, or a text dump holding HTML tables (read as text when the extra for HTML is missing)."""
    try:
        return parse_grid(data, source, "html")
    except MissingExtraError:
        if is_page(data):
            raise
        return parse_source(read_bytes(data, source))


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse a text dump held in memory (lone surrogates are replaced, with a warning); HTML tables in it
    are read as grids."""
    if has_table(text):
        return _parse_html(repair_unicode(text)[0].encode("utf-8"), source)
    text, surrogates = repair_unicode(text.replace("\r\n", "\n"))
    return parse_source(SourceText(source=source, text=text, encoding="str", notes=repair_notes([], surrogates)))


# Told (page, pages) before each page read by OCR.
Progress = Callable[[int, int], None]


def grid_tokens(data: bytes, source: str, kind: Format) -> tuple[GridTokens, str]:
    """The rows of a spreadsheet, Word document or web page, and the encoding reported for it."""
    if kind in ("xlsx", "xls", "ods"):
        return sheet_tokens(data, source, kind), kind
    if kind == "docx":
        return docx_tokens(data, source), "docx"
    return html_tokens(data, source, fragment=not is_page(data))


def parse_grid(data: bytes, source: str, kind: Format) -> Document:
    """Parse a spreadsheet, Word document or web page: its grids feed the decoder as PDF cells do."""
    grid, encoding = grid_tokens(data, source, kind)
    try:
        return locate(parse_tokens(grid.tokens, source, encoding, grid.notes), grid.places)
    except NoTableError:
        cut = next((n for n in grid.notes if n.code == "GP506"), None)
        if cut is None:
            raise
        raise TooLargeError(source, f"no performance-target table in the rows read ({cut.message})") from None


def parse_pdf_bytes(data: bytes, source: str = "<pdf>", limits: PdfLimits | None = None,
                    progress: Progress | None = None) -> Document:
    """Parse a PDF held in memory (ruled or unruled tables, scanned pages by OCR; see pdf.py)."""
    return parse_tokens(pdf_tokens(data, source, limits, progress), source, "pdf")


def _parse_binary(data: bytes, source: str, limits: PdfLimits, kind: Format,
                  progress: Progress | None = None) -> Document:
    if kind == "pdf":
        return parse_pdf_bytes(data, source, limits, progress)
    return parse_grid(data, source, kind)


def _binary_json(data: bytes, source: str, limits: PdfLimits, kind: Format, progress: Progress | None = None) -> bytes:
    return to_json(_parse_binary(data, source, limits, kind, progress), indent=False)


def parse_bytes(data: bytes, source: str = "<bytes>", limits: PdfLimits | None = None, *,
                bounded: bool = True, progress: Progress | None = None) -> Document:
    """Parse a text dump, PDF, spreadsheet, Word document or web page (told apart by content, not by name).

    PDFs and Office files are parsed in a child process under the time and memory bounds
    of ``limits`` (as the command line does), so a hostile file (a zip bomb, a loop) costs a
    ``TooLargeError``, not the caller's process; ``bounded=False`` parses them in this
    process (trusted input only). A text dump holding HTML tables is read as a web page,
    or as text when the ``office`` extra is not installed. Each PDF page read by OCR adds
    ``limits.ocr_page_timeout_s`` to the time bound and is told to ``progress``.
    """
    limits = limits or PdfLimits()
    kind = sniff(data, source)
    if kind in ("text", "csv"):
        return parse_source(read_bytes(data, source))
    if kind == "html":
        return _parse_html(data, source)
    if bounded and kind in CHILD_FORMATS:
        step_s = limits.ocr_page_timeout_s if kind == "pdf" and limits.ocr != "never" else 0.0
        payload = run_bounded(_binary_json, (data, source, limits, kind), source, limits.timeout_s,
                              limits.max_memory_mb, progress=progress, step_s=step_s)
        return Document.model_validate_json(payload)
    try:
        return _parse_binary(data, source, limits, kind, progress)
    except MemoryError:
        raise TooLargeError(source, "ran out of memory (parse it bounded to set a memory bound)") from None



def file_tokens(path: str | Path, limits: PdfLimits | None = None) -> tuple[list[Token], str]:
    """The token stream of one file, of any format read here (told apart by content), and its encoding."""
    limits = limits or PdfLimits()
    data = read_file_bytes(path, limits.max_bytes)
    kind = sniff(data, str(path))
    if kind == "pdf":
        return pdf_tokens(data, str(path), limits), "pdf"
    if kind not in ("text", "csv"):
        grid, encoding = grid_tokens(data, str(path), kind)
        return grid.tokens, encoding
    src = read_bytes(data, str(path))
    delimiter = delimiter_in(src)
    if delimiter is not None:
        return delimited_tokens(src.text, src.source, delimiter).tokens, f"csv ({src.encoding})"
    return tokenize(src.text), src.encoding


def parse_file(path: str | Path, limits: PdfLimits | None = None, *, bounded: bool = True,
               progress: Progress | None = None) -> Document:
    """Parse one file from disk, of any format read here (bounded as in ``parse_bytes``)."""
    limits = limits or PdfLimits()
    return parse_bytes(read_file_bytes(path, limits.max_bytes), str(path), limits, bounded=bounded,
                       progress=progress)
