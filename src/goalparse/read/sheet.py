"""Stage 1 for spreadsheets: every sheet of an .xlsx, .xls or .ods -> rows of cells as displayed.

``.xlsx`` is read with openpyxl in read-only mode: it streams rows (so a sheet of a
million rows stops at the row bound without being loaded) and gives each cell's number
format, so a number prints as Excel shows it (``0.98`` under ``0%`` -> ``98%``, ``60``
under ``0.00`` -> ``60.00``). ``.xls`` is read with xlrd, the one reader that gives the
Excel 97 format's number formats (``formatting_info``) and merged ranges. ``.ods`` is
streamed with lxml: OpenDocument stores each cell's displayed text beside its value, so
no format needs rendering. A merged cell is its value in the top-left cell and nothing
in the cells it covers (see grid.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any, Final

from ..errors import DocumentError, GoalparseError, UnsupportedFormatError
from ..lexicon.bounds import MAX_CELLS_PER_LINE, MAX_GRID_ROWS
from .grid import GridTokens, Place, cell_text, check_zip, need

# Significant digits of a number in General format (what Excel shows in a wide cell).
GENERAL_DIGITS: Final = 11

# One piece of a number format: a quoted literal, an escaped character, a padding or fill
# instruction (two characters, printing nothing), a [colour] or [$locale] tag, or one character.
_FORMAT_PIECE: Final = re.compile(r'"[^"]*"|\\.|[_*].|\[[^\]]*\]|.', re.S)
_PLACEHOLDERS: Final = frozenset("0#?")


def general(number: float) -> str:
    """A number in Excel's General format: whole numbers without a fraction.

    >>> general(60.0), general(2858.5), general(0.1 + 0.2), general(1e20)
    ('60', '2858.5', '0.3', '1e+20')
    """
    number = float(number)
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.{GENERAL_DIGITS}g}"


def displayed(number: float, fmt: str | None) -> str:
    """A number as its cell's number format prints it (the first section; literals kept).

    >>> displayed(0.98, "0%"), displayed(60, "0.00"), displayed(1234.5, "#,##0.0"), displayed(5, '0"万元"')
    ('98%', '60.00', '1,234.5', '5万元')
    >>> displayed(60.0, "General"), displayed(12, "@")
    ('60', '12')
    """
    section = (fmt or "General").split(";")[0]
    pieces = _FORMAT_PIECE.findall(section)
    if not any(p in _PLACEHOLDERS for p in pieces):
        return general(number)
    percent = "%" in pieces
    value = number * 100 if percent else number
    first = next(i for i, p in enumerate(pieces) if p in _PLACEHOLDERS)
    last = max(i for i, p in enumerate(pieces) if p in _PLACEHOLDERS)
    numeric = pieces[first:last + 1]
    decimals = sum(1 for p in numeric[numeric.index("."):] if p in _PLACEHOLDERS) if "." in numeric else 0
    text = f"{value:,.{decimals}f}" if "," in numeric else f"{value:.{decimals}f}"

    def literal(part: list[str]) -> str:
        out = ""
        for p in part:
            if p.startswith('"'):
                out += p[1:-1]
            elif p.startswith("\\"):
                out += p[1:]
            elif p[0] in "_*[" or p in ",.":
                continue
            else:
                out += p
        return out

    return literal(pieces[:first]) + text + literal(pieces[last + 1:])


def show(value: Any, fmt: str | None = None) -> str:
    """Any cell value as displayed: numbers by their format, dates as ISO dates, text as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return displayed(float(value), fmt)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return cell_text(str(value))


def _bounded(rows: Iterator[Any], grid: GridTokens, sheet: str) -> Iterator[tuple[int, Any]]:
    """Rows up to the row bound (1-based numbers); past it a GP506 warning, and the sheet's rest unread."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_GRID_ROWS:
            grid.cut(f"sheet '{sheet}'", MAX_GRID_ROWS)
            return
        yield number, row


def _xlsx(data: bytes, source: str, grid: GridTokens) -> None:
    try:
        import openpyxl
    except ImportError:
        need("openpyxl", ".xlsx", source)
    check_zip(data, source)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except GoalparseError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds (KeyError, XML errors) on a broken workbook
        raise DocumentError(source, f"corrupt workbook ({type(exc).__name__}: {str(exc)[:200]})") from None
    try:
        for sheet in book.worksheets:
            # Rows as stored, not padded to the sheet's declared size (a bogus A1:XFD1048576 costs nothing).
            sheet.reset_dimensions()
            for number, row in _bounded(sheet.iter_rows(), grid, sheet.title):
                cells = [(col, show(c.value, c.number_format)) for col, c in enumerate(row[:MAX_CELLS_PER_LINE])
                         if c.value is not None]
                grid.row(cells, Place(sheet=sheet.title, row=number))
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:
        raise DocumentError(source, f"corrupt workbook ({type(exc).__name__}: {str(exc)[:200]})") from None
    finally:
        book.close()


_ODS_TABLE: Final = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_TEXT: Final = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T, _X = f"{{{_ODS_TABLE}}}", f"{{{_ODS_TEXT}}}"


def _ods_text(cell: Any) -> str:
    """A cell's displayed text: its paragraphs (``<text:s>`` spaces, ``<text:tab>``, line breaks kept)."""
    parts: list[str] = []
    for p in cell.iter(f"{_X}p", f"{_X}h"):
        if parts:
            parts.append("\n")
        for node in p.iter():
            if node.tag == f"{_X}s":
                parts.append(" " * _repeat(node, f"{_X}c"))
            elif node.tag == f"{_X}tab":
                parts.append(" ")
            elif node.tag == f"{_X}line-break":
                parts.append("\n")
            elif node is not p and node.tag not in (f"{_X}span", f"{_X}a"):
                continue  # notes, annotations: not printed in the cell
            if node.text and node.tag not in (f"{_X}s", f"{_X}tab", f"{_X}line-break"):
                parts.append(node.text)
            if node is not p and node.tail:
                parts.append(node.tail)
    return cell_text("".join(parts))


def _repeat(node: Any, attribute: str) -> int:
    try:
        return max(1, int(node.get(attribute, "1")))
    except ValueError:
        return 1


def _ods(data: bytes, source: str, grid: GridTokens) -> None:
    """OpenDocument: content.xml streamed with lxml; each cell's text as displayed (its ``<text:p>``),
    so numbers print as formatted; covered cells of a merge print nothing."""
    try:
        import lxml.etree
    except ImportError:
        need("lxml", ".ods", source)
    archive = check_zip(data, source)
    try:
        with archive.open("content.xml") as content:
            name, number, cut = "", 0, False
            for event, node in lxml.etree.iterparse(content, events=("start", "end"),
                                                    tag=(f"{_T}table", f"{_T}table-row")):
                if node.tag == f"{_T}table":
                    if event == "start":
                        name, number, cut = node.get(f"{_T}name", ""), 0, False
                    else:
                        node.clear()
                    continue
                if event == "start" or cut:
                    continue
                cells: list[tuple[int, str]] = []
                col = 0
                for cell in node:
                    span = _repeat(cell, f"{_T}number-columns-repeated")
                    if cell.tag == f"{_T}table-cell" and col < MAX_CELLS_PER_LINE:
                        text = _ods_text(cell)
                        if text:
                            cells.extend((c, text) for c in range(col, min(col + span, MAX_CELLS_PER_LINE)))
                    col += span
                repeat = _repeat(node, f"{_T}number-rows-repeated")
                node.clear()
                if not cells:
                    number += repeat  # the run of empty rows to the sheet's end, often a million long
                    continue
                for _ in range(repeat):
                    number += 1
                    if number > MAX_GRID_ROWS:
                        grid.cut(f"sheet '{name}'", MAX_GRID_ROWS)
                        cut = True
                        break
                    grid.row(cells, Place(sheet=name, row=number))
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:  # lxml and zipfile errors on a broken file
        raise DocumentError(source, f"corrupt workbook ({type(exc).__name__}: {str(exc)[:200]})") from None


def _encrypted(source: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(source, "an encrypted (password-protected) workbook: open it with the "
                                  "password and save it without one")


def _xls(data: bytes, source: str, grid: GridTokens) -> None:
    try:
        import xlrd
    except ImportError:
        need("xlrd", ".xls", source)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            covered: set[tuple[int, int]] = set()
            for top, bottom, left, right in sheet.merged_cells:
                covered.update((r, c) for r in range(top, min(bottom, top + MAX_GRID_ROWS))
                               for c in range(left, min(right, MAX_CELLS_PER_LINE)) if (r, c) != (top, left))
            for number, r in _bounded(iter(range(sheet.nrows)), grid, sheet.name):
                cells = []
                for c, cell in enumerate(sheet.row(r)[:MAX_CELLS_PER_LINE]):
                    if (r, c) in covered or cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    cells.append((c, _xls_shown(book, cell, xlrd)))
                grid.row(cells, Place(sheet=sheet.name, row=number))
            book.unload_sheet(index)
    except (GoalparseError, MemoryError):
        raise
    except Exception as exc:  # xlrd's XLRDError, struct errors, ... on a broken workbook
        if "encrypt" in str(exc).lower():
            raise _encrypted(source) from None
        raise DocumentError(source, f"corrupt workbook ({type(exc).__name__}: {str(exc)[:200]})") from None


def _xls_shown(book: Any, cell: Any, xlrd: Any) -> str:
    """An Excel 97 cell as displayed: numbers by their format, dates as dates, the rest as Excel prints it."""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        return displayed(cell.value, fmt.format_str if fmt is not None else None)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return show(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError):
            return general(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return show(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERR"))
    return cell_text(str(cell.value))


def sheet_tokens(data: bytes, source: str, kind: str) -> GridTokens:
    """Every sheet's rows, in sheet order, as one stream (``kind``: xlsx, xls or ods)."""
    grid = GridTokens()
    if kind == "xlsx":
        _xlsx(data, source, grid)
    elif kind == "xls":
        _xls(data, source, grid)
    else:
        _ods(data, source, grid)
    return grid
