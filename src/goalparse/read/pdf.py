"""Stage 1 for PDFs: pages -> the same rows of cells a text dump gives, with page and box.

Ruled tables come from pdfplumber's table finder, so cell boundaries follow the
ruling lines; a cell that spans rows comes back once and empty below, which the
alignment stage treats like any dropped cell (its heading is carried down).
Text outside ruled tables (titles, the budget year, unruled tables) is grouped
into lines, split into cells at wide gaps, and given column numbers by
clustering the cells' left edges over the page. Rows of all pages are numbered
in reading order, so a table that continues on the next page is one table.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pdfplumber
import regex
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import EmptyInputError, GoalparseError, NoTextLayerError, PdfError, TooLargeError
from ..intermediate import Token
from ..lexicon.normalise import clean_markup
from . import ocr
from .text import read_file_bytes, repair_unicode

BBox = tuple[float, float, float, float]
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


# Words on one line closer than this (points) belong to the same cell.
CELL_GAP = 6.0
# Cells whose left edges are closer than this (points) share a column.
COLUMN_TOLERANCE = 8.0
# Words whose tops differ by less than this (points) are on one line.
LINE_TOLERANCE = 3.0


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


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


_ASCII_WORD = regex.compile(r"[A-Za-z]")


def join_lines(text: str) -> str:
    r"""Lines wrapped inside one cell -> one line: no space at a Chinese break, one between Latin words.

    >>> join_lines("保障定点医疗机构离休医药\n费按时结算"), join_lines("DIP\npayment")
    ('保障定点医疗机构离休医药费按时结算', 'DIP payment')
    """
    parts = [p.strip() for p in text.split("\n")]
    out = parts[0]
    for part in parts[1:]:
        if out and part and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(part[0]):
            out += " " + part
        else:
            out += part
    return out


def _valid(text: str) -> str:
    """Text with lone surrogates (a broken ToUnicode map can give them) replaced by U+FFFD."""
    return repair_unicode(text)[0]


def _inside(bbox: BBox, boxes: list[BBox]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _text_lines(words: list[dict[str, Any]]) -> list[list[tuple[str, BBox]]]:
    """Words -> lines (by top) -> cells (words joined across small gaps)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict[str, Any]]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        cells: list[tuple[str, BBox]] = []
        for w in line:
            box = (w["x0"], w["top"], w["x1"], w["bottom"])
            if cells and w["x0"] - cells[-1][1][2] <= CELL_GAP:
                text, prev = cells[-1]
                sep = " " if w["x0"] - prev[2] > 1.0 else ""
                cells[-1] = (text + sep + w["text"], (prev[0], min(prev[1], box[1]), box[2], max(prev[3], box[3])))
            else:
                cells.append((w["text"], box))
        out.append(cells)
    return out


# Lines closer than this share of their height belong to one table row (wrapped or
# vertically centred cells); rows are separated by at least the cells' padding.
WRAP_GAP = 0.45

_Band = dict[int, tuple[str, BBox]]


def _joins_band(band: _Band, line: _Band) -> bool:
    """Does this line belong to the row band above it?

    Overlapping lines always do (cells centred vertically); close lines do when
    they look like a table row or continue the same column (wrapped text), so a
    title and the year line under it stay apart.
    """
    bottom = max(box[3] for _, box in band.values())
    top = min(box[1] for _, box in line.values())
    height = max(box[3] - box[1] for _, box in line.values())
    gap = top - bottom
    if gap < 0:
        return True
    if gap >= WRAP_GAP * height:
        return False
    if len(band) >= 2 or len(line) >= 2:
        return True
    (_, above), = band.values()
    (_, below), = line.values()
    return abs(above[0] - below[0]) <= COLUMN_TOLERANCE  # the same left edge: wrapped text


def _columns(lefts: list[float]) -> list[float]:
    """Cluster left edges into column positions (one representative per column)."""
    columns: list[float] = []
    for x in sorted(lefts):
        if not columns or x - columns[-1] > COLUMN_TOLERANCE:
            columns.append(x)
    return columns


def _column_of(x: float, columns: list[float]) -> int:
    best = 0
    for i, c in enumerate(columns):
        if x >= c - COLUMN_TOLERANCE:
            best = i
    return best


# A cell of a PDF row before it joins the stream: column, cleaned text, box.
_Cell = tuple[int, str, BBox]


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


def _page_items(page: Any, scan: ocr.OcrPage | None = None) -> list[tuple[float, list[_Cell]]]:
    """(top, cells) for every table row and every line of loose text on a page.

    A ``scan`` (OCR words and ruling lines) replaces the page's text layer and drawings.
    """
    items: list[tuple[float, list[_Cell]]] = []
    boxes: list[BBox] = []
    for table in page.find_tables() if scan is None else _ocr_tables(page, scan.rules):
        boxes.append(table.bbox)
        printed_texts = table.extract() if scan is None else _ocr_texts(table, scan.words)
        for row, texts in zip(table.rows, printed_texts, strict=False):
            cells = []
            for col, (box, printed) in enumerate(zip(row.cells, texts, strict=False)):
                if printed and box is not None:
                    text = _valid(printed)
                    flat = clean_markup(join_lines(text))
                    cells.append((col, flat, tuple(box)))  # type: ignore[arg-type]
            if cells:
                items.append((row.bbox[1], cells))
    found: list[dict[str, Any]] = (page.extract_words(x_tolerance=1.5, y_tolerance=LINE_TOLERANCE)
                                   if scan is None else [dict(w) for w in scan.words])
    words = [w for w in found if not _inside((w["x0"], w["top"], w["x1"], w["bottom"]), boxes)]
    lines = _text_lines(words)
    columns = _columns([box[0] for line in lines if len(line) > 1 for _, box in line])
    bands: list[_Band] = []
    for line in lines:
        placed = {(_column_of(box[0], columns) if columns else 0): (text, box) for text, box in line}
        if bands and _joins_band(bands[-1], placed):
            band = bands[-1]
            for col, (text, box) in placed.items():
                if col in band:
                    old_text, old = band[col]
                    band[col] = (join_lines(old_text + "\n" + text),
                                 (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3])))
                else:
                    band[col] = (text, box)
        else:
            bands.append(placed)
    for band in bands:
        cells = [(col, clean_markup(_valid(text)), box) for col, (text, box) in sorted(band.items())]
        items.append((min(box[1] for _, box in band.values()), cells))
    items.sort(key=lambda item: item[0])
    return items


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
            for page_no, page in enumerate(pages, start=1):
                if page.chars:
                    has_text = True
                scan = None
                if reader is not None and (limits.ocr == "always" or not page.chars):
                    scan = reader.read(page_no)
                    has_text = True
                for _, cells in _page_items(page, scan):
                    line += 1
                    filled = [c for c in sorted(cells, key=lambda c: c[0]) if c[1].strip()]
                    for n, (col, text, box) in enumerate(filled):
                        tokens.append(Token(text.strip(), line, col, "line" if n == 0 else "cell", n == 0,
                                            len(filled), page_no, box,
                                            _ocr_confidence(box, scan.words) if scan is not None else None))
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
