"""Stage 1 for PDFs: pages -> the same rows of cells a text dump gives, with page and box.

Ruled tables come from pdfplumber's table finder, so cell boundaries follow the
ruling lines; a cell that spans rows comes back once and empty below, which the
alignment stage treats like any dropped cell (its heading is carried down). A
"table" of one row or one column (an outer box, horizontal rules only) is no ruled
table. The remaining words go to ``geometry`` (unruled grids, titles, field
parts), one ``Layout`` for the whole file so a grid's columns carry over to the
next page. Rows of all pages are numbered in reading order, so a table that
continues on the next page is one table.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import EmptyInputError, GoalparseError, NoTextLayerError, PdfError, TooLargeError
from ..intermediate import BBox, Token
from ..lexicon.normalise import clean_markup
from . import ocr
from .geometry import LINE_TOLERANCE, Cell, Layout, PageRow, Word, join_pair, rows_to_tokens
from .text import read_file_bytes, repair_unicode

# auto: pages without a text layer are read by OCR; always: every page; never: none (a scan is an error).
OcrMode = Literal["auto", "always", "never"]


@dataclass(frozen=True)
class PdfLimits:
    """Bounds for one file, so one hostile file cannot hang or exhaust a batch.

    ``timeout_s`` and ``max_memory_mb`` bound a PDF's parse (a child process);
    ``text_timeout_s`` bounds a text dump's parse in ``goalparse batch``. ``ocr`` says
    which pages are read by OCR; each such page adds ``ocr_page_timeout_s`` to the time bound.
    """

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 1000
    timeout_s: float = 120.0
    max_memory_mb: int = 2048
    text_timeout_s: float = 60.0
    ocr: OcrMode = "auto"
    ocr_page_timeout_s: float = 60.0


# Words on one line closer than this (points) are one word (pdfplumber's x tolerance).
WORD_GAP = 1.5
# A table the finder reports needs this many rows and columns; fewer (an outer box only,
# horizontal rules only) means its text is laid out without cell lines and is read by position.
MIN_RULED = 2


def _open(data: bytes, source: str) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        name = type(inner).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise PdfError(source, "encrypted PDF (a password is needed)") from None
        if name == "PSEOF":
            raise PdfError(source, "truncated PDF (unexpected end of file)") from None
        raise _failure(exc, source, 0) from None
    except MemoryError:
        raise
    except Exception as exc:
        raise _failure(exc, source, 0) from None


def join_lines(text: str) -> str:
    r"""Lines wrapped inside one cell -> one line: no space at a Chinese break, one between Latin words.

    >>> join_lines("保障定点医疗机构离休医药\n费按时结算"), join_lines("DIP\npayment")
    ('保障定点医疗机构离休医药费按时结算', 'DIP payment')
    """
    parts = [p.strip() for p in text.split("\n")]
    out = parts[0]
    for part in parts[1:]:
        out = join_pair(out, part)
    return out


def _valid(text: str) -> str:
    """Text with lone surrogates (a broken ToUnicode map can give them) replaced by U+FFFD."""
    return repair_unicode(text)[0]


def _inside(bbox: BBox, boxes: list[BBox]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _ocr_tables(page: Any, rules: list[dict[str, Any]]) -> list[Any]:
    """Ruled tables of a scanned page, from the ruling lines found in its image."""
    across = [r for r in rules if r["orientation"] == "h"]
    down = [r for r in rules if r["orientation"] == "v"]
    if len(across) < 2 or len(down) < 2:
        return []
    return list(page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                  "explicit_vertical_lines": down, "explicit_horizontal_lines": across}))


def _ocr_texts(table: Any, words: list[ocr.OcrWord]) -> list[list[str | None]]:
    """What ``table.extract()`` gives for a text layer, from OCR words: each cell's words, a line each."""
    out: list[list[str | None]] = []
    for row in table.rows:
        texts: list[str | None] = []
        for box in row.cells:
            inside = [w for w in words if box is not None and _inside((w["x0"], w["top"], w["x1"], w["bottom"]),
                                                                        [tuple(box)])]  # type: ignore[list-item]
            inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
            texts.append("\n".join(w["text"] for w in inside) if box is not None else None)
        out.append(texts)
    return out


def _ruled_rows(page: Any, scan: ocr.OcrPage | None = None) -> tuple[list[PageRow], list[BBox]]:
    """Rows of the page's ruled tables (cells from the ruling lines) and the tables' boxes.

    A ``scan`` (OCR words and ruling lines) replaces the page's text layer and drawings.
    """
    rows: list[PageRow] = []
    boxes: list[BBox] = []
    for table in page.find_tables() if scan is None else _ocr_tables(page, scan.rules):
        if len(table.rows) < MIN_RULED or max((len(r.cells) for r in table.rows), default=0) < MIN_RULED:
            continue
        boxes.append(table.bbox)
        printed_texts = table.extract() if scan is None else _ocr_texts(table, scan.words)
        for row, texts in zip(table.rows, printed_texts, strict=False):
            cells = []
            for col, (box, printed) in enumerate(zip(row.cells, texts, strict=False)):
                if printed and box is not None:
                    flat = clean_markup(join_lines(_valid(printed)))
                    cells.append(Cell(col, flat, tuple(box)))  # type: ignore[arg-type]
            if cells:
                rows.append(PageRow(row.bbox[1], cells))
    return rows, boxes


def page_rows(page: Any, layout: Layout, scan: ocr.OcrPage | None = None) -> list[PageRow]:
    """Every ruled table row and every row of positioned text on a page, top down (a ``scan``'s
    words and ruling lines in place of the text layer's)."""
    rows, boxes = _ruled_rows(page, scan)
    found: list[dict[str, Any]] = (page.extract_words(x_tolerance=WORD_GAP, y_tolerance=LINE_TOLERANCE)
                                   if scan is None else [dict(w) for w in scan.words])
    words = [Word(_valid(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"])
             for w in found if not _inside((w["x0"], w["top"], w["x1"], w["bottom"]), boxes)]
    rows += layout.rows(words)
    rows.sort(key=lambda r: r.top)
    return rows


def _failure(exc: Exception, source: str, page_no: int) -> Exception:
    """What a pdfminer/pdfplumber failure means: the memory bound, too deep a structure, or a corrupt file."""
    inner: object = exc
    if isinstance(exc, PdfminerException):
        inner = next((e for e in (*exc.args, exc.__cause__, exc.__context__) if isinstance(e, BaseException)),
                     exc.args[0] if exc.args else exc)
    where = f"page {page_no}: " if page_no else ""
    if isinstance(inner, MemoryError):
        return MemoryError()  # a decompression bomb: reported as the memory bound, not as corruption
    if isinstance(inner, RecursionError):
        return PdfError(source, f"corrupt PDF ({where}objects nested too deep)")
    detail = f"{type(inner).__name__}: {inner}" if isinstance(inner, BaseException) else str(inner)
    return PdfError(source, f"corrupt PDF ({where}{detail[:200]})")


def _ocr_confidence(box: BBox, words: list[ocr.OcrWord]) -> float | None:
    """The lowest recogniser confidence of the OCR words inside a cell's box."""
    inside = [w["confidence"] for w in words if _inside((w["x0"], w["top"], w["x1"], w["bottom"]), [box])]
    return min(inside) if inside else None


@contextmanager
def _ocr_reader(data: bytes, source: str, limits: PdfLimits,
                progress: Callable[[int, int], None] | None) -> Iterator[ocr.PageReader | None]:
    if limits.ocr == "never":
        yield None
        return
    with ocr.page_reader(data, source, progress=progress) as reader:
        yield reader


def pdf_tokens(data: bytes, source: str, limits: PdfLimits | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Token]:
    """Every cell of every table row and text line of a PDF, as the token stream text dumps give.

    ``line`` numbers the rows in reading order (PDF provenance is the page and the cell's box).
    Pages without a text layer are read by OCR as ``limits.ocr`` says; ``progress(page, pages)``
    is told before each such page.
    """
    limits = limits or PdfLimits()
    if len(data) > limits.max_bytes:
        size, bound = len(data) / 1e6, limits.max_bytes / 1e6
        raise TooLargeError(source, f"PDF of {size:.1f} MB is over the {bound:.0f} MB bound")
    tokens: list[Token] = []
    line = 0
    page_no = 0
    has_text = False
    try:
        # pdfplumber's close() walks the page tree again, so its failures come from the ``with`` too.
        with _open(data, source) as pdf, _ocr_reader(data, source, limits, progress) as reader:
            pages = pdf.pages
            if len(pages) > limits.max_pages:
                raise TooLargeError(source, f"{len(pages)} pages is over the {limits.max_pages}-page bound")
            layout = Layout()
            for page_no, page in enumerate(pages, start=1):
                if page.chars:
                    has_text = True
                scan = None
                if reader is not None and (limits.ocr == "always" or not page.chars):
                    scan = reader.read(page_no)
                    has_text = True
                page_tokens, line = rows_to_tokens(page_rows(page, layout, scan), page_no, line)
                if scan is not None:
                    page_tokens = [t._replace(ocr=_ocr_confidence(t.bbox, scan.words)) if t.bbox else t
                                   for t in page_tokens]
                tokens += page_tokens
                page.flush_cache()
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files; each means the same
        raise _failure(exc, source, page_no) from None
    if not has_text:
        raise NoTextLayerError(source, f"no text layer; OCR it first (or install '{ocr.EXTRA}' "
                                       "and parse with --ocr auto)")
    return tokens


def read_pdf(path: str | Path, limits: PdfLimits | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[Token]:
    """The token stream of a PDF file on disk (size bound checked before reading)."""
    limits = limits or PdfLimits()
    data = read_file_bytes(path, limits.max_bytes)
    if not data:
        raise EmptyInputError(str(path), "empty file")
    return pdf_tokens(data, str(path), limits, progress)
